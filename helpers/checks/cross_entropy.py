"""Exercise self-checks for notebook 04 (cross-entropy and KL divergence).

Each checker knows its exercise's data, compares the learner's answer with a reference from
``helpers.info`` and, before falling back on ``check_value``'s general diagnosis, names the
mistakes this topic invites: the wrong class, the element-wise form where the categorical one was
asked (or the reverse), a sum where PyTorch averages, KL in the wrong order, probabilities where
``F.kl_div`` wants log-probabilities, log K and H(p) subtracted the wrong way round; the explain-why
exercise names the misconception behind each wrong option. Each checker
is an ``exercise`` with graduated hints; no diagnosis and no hint states the answer. A learner's
function only ever sees copies of the cases (``call_learner``), and a mistake never raises.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from helpers import info
from helpers.checks.core import (
    Verdict,
    as_numbers,
    call_learner,
    check_choice,
    check_function,
    check_value,
    exercise,
    is_placeholder,
)
from helpers.i18n import N_, tr
from helpers.losses import softmax

__all__ = ["one_hot_cross_entropy", "multilabel_bce", "kl_function", "kl_div_call", "kl_to_uniform",
           "why_minimise_cross_entropy"]

# Exercise 1: the true class is 1; the model's distribution over three classes.
EX1_CLASS, EX1_Q = 1, (0.2, 0.7, 0.1)
# Exercise 2: three independent labels (cat, dog, car); the model's sigmoid outputs.
EX2_P, EX2_Q = (1.0, 0.0, 1.0), (0.9, 0.2, 0.6)
# Exercise 4: a batch of two samples, one row each: soft targets and the model's logits.
EX4_P = ((0.6, 0.3, 0.1), (0.1, 0.2, 0.7))
EX4_Z = ((0.5, 1.5, -1.0), (1.0, 0.0, 0.5))
# Exercise 5: K outcomes and the entropy of a distribution p on them, in bits (p itself is not given).
EX5_K, EX5_H_BITS = 8, 2.5


def _first_match(answer: Any, mistakes: dict[str, float], rtol: float = 1e-4) -> str | None:
    """The message of the first known mistake whose value the (numeric, scalar) answer matches."""
    got = as_numbers(answer)
    if got is None or got.size != 1 or not np.isfinite(got).all():
        return None
    for message, value in mistakes.items():
        if np.isclose(float(got.reshape(())), value, rtol=rtol, atol=1e-8):
            return message
    return None


def _check_with_mistakes(answer: Any, expected: float, what: str, unit: str,
                         mistakes: dict[str, float]) -> Verdict:
    """``check_value``, but a known mistake is named before the general diagnosis."""
    verdict = check_value(answer, expected, what, unit=unit)
    if verdict.ok or is_placeholder(answer):
        return verdict
    message = _first_match(answer, mistakes)
    return Verdict(False, tr("{what}: {message}", what=what, message=message)) if message else verdict


@exercise(
    N_("The target p is one-hot: it puts all its probability on the true class. Write out the three "
       "terms of -sum p(x) log2 q(x) with that p."),
    N_("Every term whose p(x) is 0 vanishes, whatever q(x) is: one term is left."),
    N_("Bits mean log base 2 (np.log2); np.log would give nats."),
)
def one_hot_cross_entropy(answer: Any) -> Verdict:
    """Exercise 1: H(p, q) in bits for the true class 1 (one-hot p) and q = (0.2, 0.7, 0.1)."""
    p = np.eye(3)[EX1_CLASS]
    q = np.array(EX1_Q)
    expected = float(info.cross_entropy(p, q, base=2))
    mistakes = {
        tr("that is -log2 of class 0's probability; the true class is 1 (classes count from 0)."):
            float(-np.log2(q[0])),
        tr("that is -log2 of class 2's probability; the true class is 1 (classes count from 0)."):
            float(-np.log2(q[2])),
        tr("that is the element-wise (multi-label) form; here the classes exclude each other, "
           "so use the categorical form -sum p log2 q."): float(info.elementwise_cross_entropy(p, q, base=2)),
        tr("that is the element-wise form in dits; use the categorical form in bits (log base 2)."):
            float(info.elementwise_cross_entropy(p, q, base=10)),
        tr("that is the model's probability of the true class itself, not its surprisal -log2 q."): float(q[EX1_CLASS]),
    }
    return _check_with_mistakes(answer, expected, "H(p, q)", "bits", mistakes)


def _swapped_bce(p: np.ndarray, q: np.ndarray) -> float:
    """What ``F.binary_cross_entropy(p, q)`` returns (tags as input, model as target): PyTorch clamps
    each log at -100, so log 0 costs 100 nats."""
    with np.errstate(divide="ignore"):
        log_p, log_not_p = np.maximum(np.log(p), -100.0), np.maximum(np.log(1 - p), -100.0)
    return float(-(q * log_p + (1 - q) * log_not_p).mean())


@exercise(
    N_("Each tag is its own yes/no question: a tag with p = 1 costs -log q, a tag with p = 0 costs "
       "-log(1 - q)."),
    N_("F.binary_cross_entropy averages over the elements by default (reduction='mean'); it does not sum."),
    N_("PyTorch uses the natural log, so the answer is in nats. The call takes the model's "
       "probabilities first and the target second."),
)
def multilabel_bce(answer: Any) -> Verdict:
    """Exercise 2: what ``F.binary_cross_entropy(q, p)`` returns for p = (1, 0, 1), q = (0.9, 0.2, 0.6)."""
    p, q = np.array(EX2_P), np.array(EX2_Q)
    total = float(info.elementwise_cross_entropy(p, q))
    expected = total / p.size
    categorical_terms = float(-(p * np.log(q)).sum())
    mistakes = {
        tr("that is the sum over the three labels; BCELoss averages over the elements by default "
           "(reduction='mean')."): total,
        tr("that keeps only the p log q terms (the categorical form). Each label is its own yes/no "
           "event: the (1 - p) log(1 - q) terms count too."): categorical_terms,
        tr("that keeps only the p log q terms (the categorical form), averaged. The dog's 'no' counts "
           "too: add the (1 - p) log(1 - q) terms."): categorical_terms / p.size,
        tr("that is the mean in dits (log base 10); PyTorch uses the natural log (nats)."): expected / np.log(10),
        tr("that is the mean in bits (log base 2); PyTorch uses the natural log (nats)."): expected / np.log(2),
        tr("the tags and the model are swapped: F.binary_cross_entropy(input, target) takes the "
           "model's probabilities q as input and the tags p as target."): _swapped_bce(p, q),
    }
    return _check_with_mistakes(answer, expected, "F.binary_cross_entropy(q, p)", "nats", mistakes)


# Cases for Exercise 3: p with zeros (0 log 0 = 0), p = q (KL = 0), and asymmetric pairs. Read-only:
# the learner's function gets copies (call_learner), and nothing may change these.
def _frozen(*values: float) -> np.ndarray:
    arr = np.array(values, dtype=float)
    arr.flags.writeable = False
    return arr


_KL_CASES: tuple[tuple[np.ndarray, np.ndarray], ...] = (
    (_frozen(0.7, 0.2, 0.1), _frozen(0.2, 0.5, 0.3)),
    (_frozen(0.5, 0.5), _frozen(0.9, 0.1)),
    (_frozen(0.25, 0.25, 0.25, 0.25), _frozen(0.25, 0.25, 0.25, 0.25)),
    (_frozen(1.0, 0.0, 0.0), _frozen(0.5, 0.2, 0.3)),
    (_frozen(0.0, 0.4, 0.6), _frozen(0.1, 0.3, 0.6)),
)
_ASYMMETRIC, _WITH_ZERO = 0, 3  # which case shows the order, which a zero in p


def _try_learner(fn: Callable[..., Any], *args: Any) -> np.ndarray | None:
    """The learner's ``fn(*args)`` (on copies) as a float array, or None if it raises or is not numeric."""
    try:
        return as_numbers(call_learner(fn, *args))
    except (Exception, SystemExit):  # noqa: BLE001  (the general verdict has already named it)
        return None


@exercise(
    N_("Weight the log-ratio by p, the first argument: KL(p || q) = sum p(x) log(p(x) / q(x)), with the "
       "natural log (nats)."),
    N_("A term with p(x) = 0 counts as 0, but NumPy computes 0 * log(0) as nan: leave those terms out "
       "of the sum (a boolean mask picks the entries you keep)."),
    N_("Test your function before checking it: kl(p, p) must be 0 for any p, kl(p, q) is never negative, "
       "and for a one-hot p it is -log of q at p's class."),
)
def kl_function(fn: Any) -> Verdict:
    """Exercise 3: ``fn(p, q)`` must return KL(p || q) = sum p log(p / q) in nats, with 0 log 0 = 0."""
    return _diagnose_kl(fn)


def _diagnose_kl(fn: Any) -> Verdict:
    """``kl_function``'s diagnosis: the general comparison, then the two mistakes KL invites."""
    verdict = check_function(fn, info.kl_divergence, _KL_CASES, "kl")
    if verdict.ok or is_placeholder(fn) or not callable(fn) or verdict.diagnosis == "raised":
        return verdict  # right, not a function, or it raised: the verdict says all there is to say
    p, q = _KL_CASES[_ASYMMETRIC]
    first = _try_learner(fn, p, q)
    if first is not None and first.size == 1 and np.isclose(float(first.reshape(())),
                                                             info.kl_divergence(q, p), rtol=1e-6):
        return Verdict(False, tr("kl(p, q) returns KL(q || p): the order matters. Weight the log-ratio "
                                 "by p, the first argument."))
    with_zero = _try_learner(fn, *_KL_CASES[_WITH_ZERO])
    if with_zero is not None and np.isnan(with_zero).any():
        return Verdict(False, tr("kl(p, q) gives nan when p has a zero: 0 log 0 counts as 0, so the terms "
                                 "with p(x) = 0 must drop out of the sum."))
    return verdict


@exercise(
    N_("F.kl_div(input, target) computes KL(target || model). Here KL(p || q) is asked: which of p and "
       "q is the target?"),
    N_("Its input must be the model's log-probabilities, not probabilities: F.log_softmax turns "
       "logits into log q (mind dim=-1, the classes of each row)."),
    N_("A mean per sample adds up each row's KL and divides by the number of rows, 2, not by the number "
       "of elements, 6. Which reduction of F.kl_div divides by the batch size?"),
)
def kl_div_call(answer: Any) -> Verdict:
    """Exercise 4: the mean KL(p || q) per sample with ``torch.nn.functional.kl_div`` for a batch of two
    rows: p = EX4_P, q = softmax(z) row by row, z = EX4_Z."""
    P = np.array(EX4_P)
    Z = np.array(EX4_Z)
    Q = np.stack([softmax(z) for z in Z])
    rows, size = P.shape[0], P.size
    kl_rows = np.array([info.kl_divergence(p, q) for p, q in zip(P, Q)])
    kl_reversed = np.array([info.kl_divergence(q, p) for p, q in zip(P, Q)])
    not_log = (P * (np.log(P) - Q)).sum()   # F.kl_div(q, p): probabilities where log q belongs
    logits_in = (P * (np.log(P) - Z)).sum()  # F.kl_div(z, p): the logits themselves as input
    expected = float(kl_rows.mean())
    mistakes = {
        tr("that is the default reduction='mean', which divides the sum by all 6 elements; a mean per "
           "sample divides by the number of rows (reduction='batchmean')."): float(kl_rows.sum()) / size,
        tr("that is the sum over both samples (reduction='sum'); the mean per sample divides it by the "
           "number of rows."): float(kl_rows.sum()),
        tr("that is the first sample's KL alone; the mean runs over both rows of the batch."): float(kl_rows[0]),
        tr("that is the second sample's KL alone; the mean runs over both rows of the batch."): float(kl_rows[1]),
        tr("that is KL(q || p), the other order. F.kl_div(input, target) with input = log q computes "
           "KL(target || q): the model's log-probabilities go in as input, p as target."): float(kl_reversed.mean()),
        tr("that is the default reduction='mean' of the reversed KL(q || p): both the order and the "
           "reduction need a second look."): float(kl_reversed.sum()) / size,
        tr("the input was probabilities, not log-probabilities: F.kl_div expects log q as its input."):
            float(not_log) / rows,
        tr("the input was probabilities, and the default reduction='mean' divided by 6: F.kl_div "
           "expects log q as its input, and a mean per sample divides by the rows."): float(not_log) / size,
        tr("that is the cross-entropy H(p, q) per sample; KL subtracts the target's entropy H(p)."):
            float(np.mean([info.cross_entropy(p, q) for p, q in zip(P, Q)])),
        tr("the input was the logits themselves; F.kl_div expects log-probabilities (log q)."):
            float(logits_in) / rows,
    }
    return _check_with_mistakes(answer, expected, tr("mean KL(p || q) per sample"), "nats", mistakes)


@exercise(
    N_("Put u(x) = 1/K into KL(p || u) = sum p(x) log2(p(x) / u(x)) and split the log of the ratio: "
       "log2(p(x) / (1/K)) = log2 p(x) + log2 K."),
    N_("The log2 K part is the same for every x, and the p(x) sum to 1, so it leaves the sum whole; "
       "what remains of the sum is minus an entropy."),
    N_("Stay in bits throughout: log2 of the number of outcomes, and H(p) as given."),
)
def kl_to_uniform(answer: Any) -> Verdict:
    """Exercise 5: KL(p || u) in bits for a distribution p on K = 8 outcomes with H(p) = 2.5 bits,
    u uniform; it follows from KL(p || u) = log K - H(p), whatever p is."""
    log_k = math.log2(EX5_K)
    expected = log_k - EX5_H_BITS
    what = "KL(p || u)"
    got = as_numbers(answer)
    if got is not None and got.size == 1 and np.isposinf(got).all():
        return Verdict(False, tr("{what} is infinite: that is the reverse KL(u || p) of a p with a zero, "
                                 "where u puts probability and p none. The order here is p first, u second.",
                                 what=what))
    mistakes = {
        tr("KL is never negative (Gibbs' inequality): the two terms are subtracted the wrong way round."):
            EX5_H_BITS - log_k,
        tr("that is H(p), the entropy itself; KL(p || u) measures how far p is from uniform."): EX5_H_BITS,
        tr("that is log2 K, the entropy of the uniform distribution u itself; p's entropy enters too."): log_k,
        tr("the two terms were added; one of them enters with a minus sign."): log_k + EX5_H_BITS,
        tr("the units are mixed: log K in nats (natural log) with H(p) in bits. Use log2 K."):
            math.log(EX5_K) - EX5_H_BITS,
    }
    return _check_with_mistakes(answer, expected, what, "bits", mistakes)


@exercise(
    N_("Split the cross-entropy into two parts, as section 5 does, and ask of each part: can the model "
       "change it, and how small can it get?"),
    N_("Compute the part no model can change for these targets: H(p) = -sum p(x) ln p(x), with one term "
       "for the labelled class and nine equal ones. Then set it beside the 0.50 nats where training stopped."),
)
def why_minimise_cross_entropy(choice: Any) -> Verdict:
    """Exercise 6 of notebook 04: soft targets (0.91, 0.01, ..., 0.01) on 10 classes, a training loss
    that stops at 0.50 nats, and a colleague who says the model fails to fit. Who is right?"""
    return check_choice(choice, {
        "a": tr("leans on cross-entropy being a distance, and it is not one: H(p, p) = H(p), not 0, so even "
                "q = p keeps a loss above 0 against soft targets."),
        "b": tr("swaps the roles of target and model: at q = p, H(q, p) is H(p) too, not 0, and against "
                "a one-hot target log p(x) = log 0 makes it infinite. The target goes first."),
        "c": tr("credits PyTorch with a subtraction it does not make: F.cross_entropy returns the whole "
                "H(p, q) (1.3856 nats in section 1, more than H(p)), not the KL divergence."),
        "d": tr("these targets have H(p) = -(0.91 ln 0.91 + 9 x 0.01 ln 0.01) = 0.5003 nats, and "
                "H(p, q) = H(p) + KL(p || q) never goes below it. At 0.50 nats the KL part is about 0: the "
                "model has all but matched p, and the colleague's worry is unfounded."),
        "e": tr("expects a perfect model to score 0, which holds only for one-hot targets, whose H(p) is 0. "
                "Against soft targets the least possible loss is H(p): compute it for this p."),
    }, right="d", what=tr("your choice"))
