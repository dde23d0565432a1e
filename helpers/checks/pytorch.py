"""Exercise self-checks for notebook 05 (PyTorch's softmax -> log -> NLLLoss pipeline).

Every checker compares with ``helpers.losses`` on the article's tensor and, when the answer is
wrong, recognises the usual wrong answers (dividing a weighted sum by N, another label-smoothing
convention, a double softmax, probabilities fed to ``NLLLoss``, the wrong ``dim``) and names them.
All losses are in nats. A learner's mistake never raises.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from helpers import losses
from helpers.checks.core import Verdict, check_function, check_value, exercise, is_placeholder

__all__ = ["ARTICLE_X", "ARTICLE_Y", "nll_function", "weighted_mean_loss", "smoothed_loss",
           "fixed_pipeline_loss"]

# The article's tensor as printed (typed in, never drawn at random) and its targets.
ARTICLE_X: NDArray[np.float64] = np.array([[-0.5215, -0.4240, 0.8907],
                                           [-0.2820, 0.0445, 1.3734],
                                           [-1.0393, 0.8725, 0.1539]])
ARTICLE_Y: NDArray[np.int64] = np.array([1, 2, 0])


def _rows_nll(x: NDArray[np.float64], y: NDArray[np.int64]) -> NDArray[np.float64]:
    """Per-row loss -log softmax(x_i)_{y_i} (nats)."""
    return np.asarray(losses.cross_entropy(x, y, reduction="none"))


def _value_with_diagnoses(answer: Any, expected: float, what: str, hint: str,
                          wrong: list[tuple[float, str]]) -> Verdict:
    """``check_value``, then name a known wrong answer if the answer matches one (to 1e-4 relative)."""
    verdict = check_value(answer, expected, what, hint, unit="nats")
    if verdict.ok or is_placeholder(answer):
        return verdict
    try:
        got = float(np.asarray(answer.detach() if hasattr(answer, "detach") else answer, dtype=float))
    except (TypeError, ValueError):
        return verdict
    for value, reason in wrong:
        if np.isclose(got, value, rtol=1e-4, atol=1e-8):
            return Verdict(False, f"{what} = {got:.4f} nats: {reason}")
    return verdict


@exercise()
def nll_function(fn: Callable[..., Any]) -> Verdict:
    """Check a learner's ``nll(log_probs, target)``: mean over rows of -log_probs[i, target[i]].

    Compared with ``helpers.losses.nll_loss`` on the article's log-softmax and on two other batches.
    """
    rng = np.random.default_rng(5)
    other = losses.log_softmax(rng.normal(size=(5, 4)), axis=1)
    cases = [
        (losses.log_softmax(ARTICLE_X, axis=1), ARTICLE_Y.copy()),
        (other, np.array([0, 3, 1, 1, 2])),
        (np.log(np.array([[0.5, 0.5], [0.9, 0.1]])), np.array([1, 0])),
    ]
    reference = lambda log_probs, target: losses.nll_loss(log_probs, target)  # noqa: E731
    hint = ("Pick one entry per row, log_probs[np.arange(len(target)), target], negate it and take the "
            "mean (not the sum, not the whole matrix).")
    return check_function(fn, reference, cases, "nll", hint)


@exercise()
def weighted_mean_loss(answer: Any, weight: tuple[float, ...] = (3.0, 1.0, 1.0)) -> Verdict:
    """Check ``CrossEntropyLoss(weight=weight)`` on the article's tensor, worked out by hand.

    Expected: sum_i w[y_i] l_i / sum_i w[y_i], with l_i the per-row loss in nats.
    """
    w = np.asarray(weight, dtype=float)
    rows = _rows_nll(ARTICLE_X, ARTICLE_Y)
    w_i = w[ARTICLE_Y]
    expected = float(losses.cross_entropy(ARTICLE_X, ARTICLE_Y, weight=w))
    wrong = [
        (float((w_i * rows).sum() / len(rows)), "you divided by N = 3; the weighted mean divides by the "
         "sum of the targets' weights, w[y_0] + w[y_1] + w[y_2]."),
        (float((w_i * rows).sum()), "that is the weighted sum; divide it by the sum of the targets' weights."),
        (float(rows.mean()), "that is the unweighted mean: multiply each row's loss by the weight of its "
         "target class first."),
        (float((w * rows).sum() / w.sum()), "you weighted row i by weight[i]; the weight belongs to row "
         "i's target class, weight[y_i]."),
    ]
    hint = "Weight row i by weight[y_i], add, and divide by the sum of those weights."
    return _value_with_diagnoses(answer, expected, "the weighted mean loss", hint, wrong)


@exercise()
def smoothed_loss(answer: Any, epsilon: float = 0.2) -> Verdict:
    """Check ``CrossEntropyLoss(label_smoothing=epsilon)`` on the article's tensor, by hand.

    Expected: mean_i [(1 - eps) l_i + (eps / C) sum_c -log q_ic], C = 3 classes, in nats.
    """
    log_q = losses.log_softmax(ARTICLE_X, axis=1)
    rows = _rows_nll(ARTICLE_X, ARTICLE_Y)
    n_classes = ARTICLE_X.shape[1]
    expected = float(losses.cross_entropy(ARTICLE_X, ARTICLE_Y, label_smoothing=epsilon))
    others = -log_q.sum(axis=1) - rows  # sum over the classes that are not the target
    wrong = [
        (float(rows.mean()), "that is the loss without smoothing (1.5025 nats)."),
        (float(((1 - epsilon) * rows).mean()), "you scaled the target term by (1 - eps) but left out "
         "the eps / C share that goes to every class."),
        (float(((1 - epsilon) * rows + epsilon / (n_classes - 1) * others).mean()),
         "you spread eps over the other C - 1 classes; PyTorch spreads eps / C over all C classes, the "
         "target included."),
        (float(((1 - epsilon) * rows + epsilon / n_classes * others).mean()),
         "the eps / C term sums over all C classes, the target class included."),
    ]
    hint = "Per row: (1 - eps) * (-log q_y) + (eps / C) * sum over all classes of (-log q_c); then the mean."
    return _value_with_diagnoses(answer, expected, "the label-smoothed loss", hint, wrong)


@exercise()
def fixed_pipeline_loss(answer: Any) -> Verdict:
    """Check the repaired pipeline: the mean cross-entropy of the article's tensor, 1.5025 nats.

    Recognises what each slip gives instead: double softmax, probabilities into ``NLLLoss``,
    softmax over the wrong dim, and the sum instead of the mean.
    """
    x, y = ARTICLE_X, ARTICLE_Y
    expected = float(losses.cross_entropy(x, y))
    probs_wrong_dim = losses.softmax(x, axis=0)
    probs = losses.softmax(x, axis=1)
    wrong = [
        (float(losses.nll_loss(probs_wrong_dim, y)), "still two slips: softmax over dim=0 (columns) and "
         "probabilities, not log-probabilities, into NLLLoss."),
        (float(losses.nll_loss(probs, y)), "a negative 'loss': NLLLoss was given probabilities; it needs "
         "log-probabilities (LogSoftmax), or use CrossEntropyLoss on the logits."),
        (float(losses.nll_loss(np.log(probs_wrong_dim), y)), "softmax over dim=0 normalises the columns; "
         "the classes run along dim=1."),
        (float(losses.cross_entropy(probs, y)), "a double softmax: CrossEntropyLoss applies log-softmax "
         "itself, so give it the raw logits."),
        (float(losses.cross_entropy(x, y, reduction="sum")), "that is the sum over the 3 rows; the "
         "default reduction is the mean."),
    ]
    hint = "CrossEntropyLoss takes the raw logits x and the integer targets y."
    return _value_with_diagnoses(answer, expected, "the loss", hint, wrong)
