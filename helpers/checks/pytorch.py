"""Exercise self-checks for notebook 05 (PyTorch's softmax -> log -> NLLLoss pipeline).

Every checker compares with ``helpers.losses`` and, when the answer is wrong, recognises the usual
wrong answers (the sum for the mean, ignored rows counted, a weighted sum divided by N, another
label-smoothing convention, a double softmax, probabilities fed to ``NLLLoss``, the wrong ``dim``)
and names them; the explain-why checker names the misconception behind each wrong option. Hints
come one at a time (``core.exercise``) and never give the answer away. All losses are in nats. A
learner's mistake never raises.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from helpers import losses
from helpers.checks.core import (
    Verdict,
    as_numbers,
    call_learner,
    check_choice,
    check_value,
    close_to,
    exercise,
    is_placeholder,
)
from helpers.i18n import N_, tr

__all__ = ["ARTICLE_X", "ARTICLE_Y", "BATCH_X", "BATCH_Y", "nll_function", "weighted_mean_loss",
           "smoothed_loss", "fixed_pipeline_loss", "equal_logits_loss", "why_logits"]


def _read_only(values: Any, dtype: type) -> NDArray[Any]:
    arr: NDArray[Any] = np.array(values, dtype=dtype)
    arr.flags.writeable = False
    return arr


# The article's tensor as printed (typed in, never drawn at random) and its targets.
ARTICLE_X: NDArray[np.float64] = _read_only([[-0.5215, -0.4240, 0.8907],
                                             [-0.2820, 0.0445, 1.3734],
                                             [-1.0393, 0.8725, 0.1539]], float)
ARTICLE_Y: NDArray[np.int64] = _read_only([1, 2, 0], np.int64)
# Exercise 4's batch: the colleague's script runs on it (4 samples, 3 classes).
BATCH_X: NDArray[np.float64] = _read_only([[1.5, -0.3, 0.4],
                                           [0.1, 2.1, -1.0],
                                           [-0.7, 1.2, 0.9],
                                           [0.5, 0.6, -2.0]], float)
BATCH_Y: NDArray[np.int64] = _read_only([0, 1, 2, 0], np.int64)
IGNORE_INDEX = -100  # NLLLoss's and CrossEntropyLoss's default


def _rows_nll(x: NDArray[np.float64], y: NDArray[np.int64]) -> NDArray[np.float64]:
    """Per-row loss -log softmax(x_i)_{y_i} (nats)."""
    return np.asarray(losses.cross_entropy(x, y, reduction="none"))


def _named(answer: Any, expected: float, what: str, wrong: list[tuple[float, str]]) -> Verdict:
    """``check_value`` in nats; a wrong answer that matches a known slip (to 1e-4) is named instead."""
    verdict = check_value(answer, expected, what, unit="nats")
    if verdict.ok or is_placeholder(answer):
        return verdict
    for value, reason in wrong:
        if close_to(answer, value):
            return Verdict(False, tr("{what} = {value:.4f} nats: {reason}", what=what, value=value, reason=reason))
    return verdict


# --- Exercise 1: nll(log_probs, target), ignore_index included ---------------------------------
def _nll_cases() -> list[tuple[str, NDArray[np.float64], NDArray[np.int64]]]:
    """Fresh cases on every call: (description, log_probs, target)."""
    other = losses.log_softmax(np.random.default_rng(5).normal(size=(5, 4)), axis=1)
    small = np.log(np.array([[0.5, 0.5], [0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]))
    return [
        (tr("the article's log-probabilities"), losses.log_softmax(ARTICLE_X, axis=1), np.array([1, 2, 0])),
        (tr("a 5 x 4 batch"), other, np.array([0, 3, 1, 1, 2])),
        (tr("a 5 x 4 batch whose row 2 has target -100"), other, np.array([0, 3, IGNORE_INDEX, 1, 2])),
        (tr("a 4 x 2 batch whose row 0 has target -100"), small, np.array([IGNORE_INDEX, 0, 1, 1])),
    ]


def _nll_slips(lp: NDArray[np.float64], y: NDArray[np.int64]) -> list[tuple[float, str]]:
    """What the usual mistakes give on one case, with the mistake named."""
    keep = y != IGNORE_INDEX
    picked = lp[np.arange(len(y))[keep], y[keep]]
    slips = [
        (float(-picked.sum()), tr("that is the sum over the rows; NLLLoss's default reduction is the mean.")),
        (float(-lp.mean()), tr("that is the mean of the whole matrix; each row counts only its entry in "
                               "the target's column.")),
        (float(-lp[np.ix_(keep, y[keep])].mean()), tr("indexing with [:, target] takes whole columns (an N x N "
                                                      "block); each row needs only its own target's entry.")),
    ]
    if not keep.all():
        slips.insert(1, (float(-picked.sum() / len(y)), tr("you divided by all N rows; a row with target -100 "
                                                           "is ignored, so it is left out of the count as well.")))
    return slips


@exercise(
    N_("NLLLoss takes no log itself: each row contributes minus its log-probability in the target's column."),
    N_("NumPy picks one entry per row with two index arrays of the same length: the row numbers and the "
       "column numbers."),
    N_("Drop the rows whose target is -100 before picking (a boolean mask works on both arrays); the mean "
       "is then over the rows that are left."),
)
def nll_function(fn: Callable[..., Any]) -> Verdict:
    """Check a learner's ``nll(log_probs, target)``: the mean over the rows not ignored of
    -log_probs[i, target[i]], rows with target -100 left out, as ``NLLLoss`` computes it.

    Compared with ``helpers.losses.nll_loss`` on the article's log-softmax and three other batches,
    two of them with an ignored row.
    """
    if is_placeholder(fn):
        return Verdict(False, tr("nll is still the placeholder `...`: write the function first."))
    if not callable(fn):
        return Verdict(False, tr("nll should be a function, got {kind}.", kind=type(fn).__name__))
    for name, lp, y in _nll_cases():
        try:
            got = call_learner(fn, lp, y)
        except Exception as exc:  # noqa: BLE001  (a learner's bug becomes a verdict, not a traceback)
            if isinstance(exc, IndexError) and (y == IGNORE_INDEX).any():
                return Verdict(False, tr("nll raised IndexError on {name}: -100 is no column; a row with "
                                         "target -100 must be left out, not indexed.", name=name))
            return Verdict(False, tr("nll raised {error} on {name}: {detail}", error=type(exc).__name__, name=name,
                                     detail=" ".join(str(exc).split())[:120]))
        if is_placeholder(got):
            return Verdict(False, tr("nll returns nothing yet: its body is still the placeholder `...`, "
                                     "or it does not `return` its result."))
        numbers = as_numbers(got)
        if numbers is not None and numbers.shape == y.shape:
            return Verdict(False, tr("nll returns one number per row on {name}; NLLLoss's default reduction "
                                     "averages them into one loss.", name=name))
        if numbers is not None and numbers.size == 1 and np.isnan(numbers).all():
            return Verdict(False, tr("nll gives nan on {name}: log_probs are logs already (no further log), "
                                     "and the mean of an empty selection is nan.", name=name))
        what = tr("nll on {name}", name=name)
        verdict = check_value(got, losses.nll_loss(lp, y), what, rtol=1e-6, atol=1e-9, unit="nats")
        if verdict.ok:
            continue
        for value, reason in _nll_slips(lp, y):
            if close_to(got, value, rtol=1e-6):
                return Verdict(False, tr("{what} = {value:.4f} nats: {reason}", what=what, value=value,
                                         reason=reason))
        return verdict
    return Verdict(True, tr("nll agrees with NLLLoss on 4 batches, ignored rows included."))


# --- Exercise 2: weight= by hand -------------------------------------------------------------
@exercise(
    N_("Each row's loss is scaled by the weight of its target class; the targets t tell you which weight "
       "each row gets."),
    N_("The weighted mean divides by the sum of the weights actually used, one per row, not by the "
       "number of rows."),
    N_("Test your code on the weight [1, 2, 3] of the example first: it must give 1.1645 nats."),
)
def weighted_mean_loss(answer: Any, weight: tuple[float, ...] = (3.0, 1.0, 1.0)) -> Verdict:
    """Check ``CrossEntropyLoss(weight=weight)`` on the article's tensor, worked out by hand.

    Expected: sum_i w[y_i] l_i / sum_i w[y_i], with l_i the per-row loss in nats.
    """
    w = np.asarray(weight, dtype=float)
    rows = _rows_nll(ARTICLE_X, ARTICLE_Y)
    w_i = w[ARTICLE_Y]
    expected = float(losses.cross_entropy(ARTICLE_X, ARTICLE_Y, weight=w))
    wrong = [
        (float((w_i * rows).sum() / len(rows)), tr("you divided by N = 3; the weighted mean divides by the "
                                                   "sum of the weights of the rows' targets.")),
        (float((w_i * rows).sum()), tr("that is the weighted sum; it still has to be divided by the sum of the "
                                       "weights used.")),
        (float(rows.mean()), tr("that is the unweighted mean (forgot the weights): each row's loss is scaled "
                                "by the weight of its target class first.")),
        (float((w * rows).sum() / w.sum()), tr("you weighted row i by weight[i]; the weight belongs to row "
                                               "i's target class, weight[y_i].")),
    ]
    if not np.array_equal(w, [1.0, 2.0, 3.0]):
        example = float(losses.cross_entropy(ARTICLE_X, ARTICLE_Y, weight=[1.0, 2.0, 3.0]))
        wrong.append((example, tr("that is the example's weight [1, 2, 3]; this exercise uses [{weight}].",
                                  weight=", ".join(f"{v:g}" for v in w))))
    return _named(answer, expected, tr("the weighted mean loss"), wrong)


# --- Exercise 3: label_smoothing= by hand --------------------------------------------------------
@exercise(
    N_("Label smoothing replaces the one-hot target by a mix: most of the weight stays on the true class, "
       "a little goes to every class."),
    N_("Per row there are two terms: (1 - eps) times the usual loss -ln q_y, and eps / C times the sum of "
       "-ln q_c over all C classes, the true one included."),
    N_("Average the per-row values over the 3 rows. Test your code with eps = 0.1 first: it must give "
       "1.4876 nats."),
)
def smoothed_loss(answer: Any, epsilon: float = 0.2) -> Verdict:
    """Check ``CrossEntropyLoss(label_smoothing=epsilon)`` on the article's tensor, by hand.

    Expected: mean_i [(1 - eps) l_i + (eps / C) sum_c -log q_ic], C = 3 classes, in nats.
    """
    log_q = losses.log_softmax(ARTICLE_X, axis=1)
    rows = _rows_nll(ARTICLE_X, ARTICLE_Y)
    n_classes = ARTICLE_X.shape[1]
    everything = -log_q.sum(axis=1)  # sum over all C classes of -log q_c
    others = everything - rows  # the classes that are not the target
    expected = float(losses.cross_entropy(ARTICLE_X, ARTICLE_Y, label_smoothing=epsilon))
    wrong = [
        (float(rows.mean()), tr("that is the loss without smoothing.")),
        (float(((1 - epsilon) * rows).mean()), tr("you scaled the target term by (1 - eps) but left out the "
                                                  "eps / C share that goes to every class.")),
        (float(((1 - epsilon) * rows + epsilon / (n_classes - 1) * others).mean()),
         tr("you spread eps over the other C - 1 classes; PyTorch spreads eps / C over all C classes, the "
            "target included.")),
        (float(((1 - epsilon) * rows + epsilon / n_classes * others).mean()),
         tr("the eps / C term sums over all C classes, the target class included.")),
        (float(((1 - epsilon) * rows + epsilon * everything).mean()),
         tr("each class gets eps / C, not eps: divide the smoothing term by the number of classes.")),
        (float(((1 - epsilon) * rows + epsilon / n_classes * everything).sum()),
         tr("that is the sum over the 3 rows; the default reduction is the mean.")),
    ]
    if not math.isclose(epsilon, 0.1):
        wrong.append((float(losses.cross_entropy(ARTICLE_X, ARTICLE_Y, label_smoothing=0.1)),
                      tr("that is the example's eps = 0.1; this exercise uses eps = {epsilon:g}.", epsilon=epsilon)))
    return _named(answer, expected, tr("the label-smoothed loss"), wrong)


# --- Exercise 4: the colleague's script ------------------------------------------------------------
@exercise(
    N_("There are two slips: one in the softmax line, one in what NLLLoss is given."),
    N_("In an (N, C) batch the classes run along dim=1; NLLLoss expects log-probabilities, not "
       "probabilities."),
    N_("CrossEntropyLoss does the log-softmax and NLLLoss in one call, so it wants the raw logits."),
)
def fixed_pipeline_loss(answer: Any) -> Verdict:
    """Check the repaired pipeline: the mean cross-entropy of Exercise 4's batch (``BATCH_X``, ``BATCH_Y``).

    Recognises what each slip gives instead: both slips, probabilities into ``NLLLoss``, softmax over
    the wrong dim, a double softmax, the sum instead of the mean, and the article's tensor.
    """
    x, y = BATCH_X, BATCH_Y
    expected = float(losses.cross_entropy(x, y))
    by_column = losses.softmax(x, axis=0)
    probs = losses.softmax(x, axis=1)
    wrong = [
        (float(losses.nll_loss(by_column, y)), tr("that is what the script gives: both slips are still in, "
                                                  "softmax over dim=0 and probabilities into NLLLoss.")),
        (float(losses.nll_loss(probs, y)), tr("a negative 'loss': NLLLoss was given probabilities; it needs "
                                              "log-probabilities.")),
        (float(losses.nll_loss(np.log(by_column), y)), tr("the softmax still runs over dim=0 and normalises "
                                                          "the columns; the classes run along dim=1.")),
        (float(losses.cross_entropy(probs, y)), tr("a double softmax: CrossEntropyLoss applies log-softmax "
                                                   "itself, so a softmax in front of it is one too many.")),
        (float(losses.cross_entropy(by_column, y)), tr("a softmax (over dim=0) is still in front of "
                                                       "CrossEntropyLoss: it is one too many, and over the wrong dim.")),
        (float(losses.cross_entropy(x, y, reduction="sum")), tr("that is the sum over the 4 rows; the "
                                                                "default reduction is the mean.")),
        (float(losses.cross_entropy(ARTICLE_X, ARTICLE_Y)), tr("that is the loss of the article's tensor x; "
                                                               "the script works on x_batch and y_batch.")),
    ]
    return _named(answer, expected, tr("the loss"), wrong)


# --- Exercise 5: predict before running ---------------------------------------------------------------
@exercise(
    N_("Equal logits give equal exponentials. What does the softmax make of them?"),
    N_("So every class gets the same probability, and the probabilities of all the classes sum to 1."),
    N_("A row's loss is minus the natural log of its true class's probability, and here that probability "
       "is the same whichever class is true."),
)
def equal_logits_loss(answer: Any, n_classes: int = 10) -> Verdict:
    """Check the predicted ``CrossEntropyLoss`` of rows whose ``n_classes`` logits are all equal:
    softmax gives every class 1 / C, so every row's loss is ln C nats, whatever the labels."""
    c = int(n_classes)
    wrong = [
        (1.0 / c, tr("that is the probability the softmax gives each class; the loss is minus its natural log.")),
        (0.0, tr("equal logits are no perfect prediction: a loss is 0 only when the true class gets "
                 "probability 1.")),
    ]
    if c != 3:
        wrong.append((math.log(3), tr("that is the loss for the article's 3 classes; this batch has {c}.", c=c)))
    return _named(answer, math.log(c), tr("the loss of {c} equal logits", c=c), wrong)


# --- Exercise 6: explain why ---------------------------------------------------------------------------
@exercise(
    N_("Picture a model that is very sure and wrong: its true class gets a tiny probability. What happens "
       "to that tiny number when it is stored as a float, and then to its log?"),
    N_("A float has a smallest positive number, and below it a probability rounds to 0 (notebook 01, "
       "section 5). Which design never has to store the probability before taking its log?"),
)
def why_logits(choice: Any) -> Verdict:
    """Exercise 6 of notebook 05: why does ``CrossEntropyLoss`` take raw logits rather than probabilities?"""
    return check_choice(choice, {
        "a": tr("puts speed first. The work is about the same either way (an exponential per class, a log "
                "per row), and a few exponentials never make training slow: the reason is accuracy, not "
                "speed."),
        "b": tr("assumes autograd cannot differentiate a softmax. It can (notebook 06 works out its gradient), "
                "and a model that ends in a softmax does train: the trouble lies elsewhere."),
        "c": tr("a log-probability of -120 nats is an ordinary number, but e^-120 lies below the smallest "
                "float32 (PyTorch's default) and rounds to 0, whose log is -inf. From the logits, "
                "log q = z - log sum e^z never passes through that probability. Notebook 06 shows the "
                "failure and the fix."),
        "d": tr("says the softmax throws away information the loss needs. It only forgets a number added to "
                "every logit of a row, and the loss ignores that number too (shift all three logits in the "
                "explorer: nothing changes)."),
    }, right="c", what=tr("your choice"))
