"""Exercise self-checks for notebook 04 (cross-entropy and KL divergence).

Each checker knows its exercise's data, compares the learner's answer with a reference from
``helpers.info`` and, before falling back on ``check_value``'s general diagnosis, recognises the
mistakes this topic invites: the wrong class, the element-wise form where the categorical one was
asked (or the reverse), a sum where PyTorch averages, KL in the wrong order, probabilities where
``F.kl_div`` wants log-probabilities. A learner's mistake never raises.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers import info
from helpers.checks.core import Verdict, as_numbers, check_function, check_value, exercise, is_placeholder
from helpers.losses import softmax

__all__ = ["one_hot_cross_entropy", "multilabel_bce", "kl_function", "kl_div_call"]

# Exercise 1: the true class is 1; the model's distribution over three classes.
EX1_CLASS, EX1_Q = 1, (0.2, 0.7, 0.1)
# Exercise 2: three independent labels (cat, dog, car); the model's sigmoid outputs.
EX2_P, EX2_Q = (1.0, 0.0, 1.0), (0.9, 0.2, 0.6)
# Exercise 4: a soft target and a model's logits for one sample.
EX4_P, EX4_Z = (0.6, 0.3, 0.1), (0.5, 1.5, -1.0)


def _first_match(answer: Any, mistakes: dict[str, float], rtol: float = 1e-4) -> str | None:
    """The message of the first known mistake whose value the (numeric, scalar) answer matches."""
    got = as_numbers(answer)
    if got is None or got.size != 1 or not np.isfinite(got).all():
        return None
    for message, value in mistakes.items():
        if np.isclose(float(got.reshape(())), value, rtol=rtol, atol=1e-8):
            return message
    return None


def _check_with_mistakes(answer: Any, expected: float, what: str, unit: str, hint: str,
                         mistakes: dict[str, float]) -> Verdict:
    """``check_value``, but a known mistake is named before the general diagnosis."""
    verdict = check_value(answer, expected, what, hint, unit=unit)
    if verdict.ok or is_placeholder(answer):
        return verdict
    message = _first_match(answer, mistakes)
    return Verdict(False, f"{what}: {message}") if message else verdict


@exercise()
def one_hot_cross_entropy(answer: Any) -> Verdict:
    """Exercise 1: H(p, q) in bits for the true class 1 (one-hot p) and q = (0.2, 0.7, 0.1).

    With one-hot p, H(p, q) = -log2 q_k = -log2 0.7 = 0.5146 bits.
    """
    p = np.eye(3)[EX1_CLASS]
    q = np.array(EX1_Q)
    expected = float(info.cross_entropy(p, q, base=2))
    mistakes = {
        "that is -log2 of another class's probability: the true class is 1, so use q[1] = 0.7.":
            float(-np.log2(q[0])),
        "that is -log2 of another class's probability (q[2]); the true class is 1, so use q[1] = 0.7.":
            float(-np.log2(q[2])),
        "that is the element-wise (multi-label) form; here the classes exclude each other, "
        "so use the categorical form -sum p log2 q.": float(info.elementwise_cross_entropy(p, q, base=2)),
        "that is the element-wise form in dits; use the categorical form in bits (log base 2).":
            float(info.elementwise_cross_entropy(p, q, base=10)),
    }
    return _check_with_mistakes(answer, expected, "H(p, q)", "bits",
                                "With one-hot p only the true class's term survives: -log2 q[true class].",
                                mistakes)


@exercise()
def multilabel_bce(answer: Any) -> Verdict:
    """Exercise 2: what ``F.binary_cross_entropy(q, p)`` returns for p = (1, 0, 1), q = (0.9, 0.2, 0.6).

    BCELoss averages -[p log q + (1 - p) log(1 - q)] over the three labels: 0.2798 nats.
    """
    p, q = np.array(EX2_P), np.array(EX2_Q)
    total = float(info.elementwise_cross_entropy(p, q))
    expected = total / p.size
    categorical_terms = float(-(p * np.log(q)).sum())
    mistakes = {
        "that is the sum over the three labels; BCELoss averages over elements by default "
        "(reduction='mean'): divide by 3.": total,
        "that keeps only the p log q terms (the categorical form). Each label is its own yes/no "
        "event: add the (1 - p) log(1 - q) terms.": categorical_terms,
        "that keeps only the p log q terms (the categorical form), averaged. Add the "
        "(1 - p) log(1 - q) terms: the dog's 'no' counts too.": categorical_terms / p.size,
        "that is the mean in dits (log base 10); PyTorch uses the natural log (nats).": expected / np.log(10),
        "that is the mean in bits (log base 2); PyTorch uses the natural log (nats).": expected / np.log(2),
    }
    return _check_with_mistakes(answer, expected, "F.binary_cross_entropy(q, p)", "nats",
                                "Average -[p log q + (1 - p) log(1 - q)] over the three labels.", mistakes)


# Cases for Exercise 3: p with zeros (0 log 0 = 0), p = q (KL = 0), and an asymmetric pair.
_KL_CASES: list[tuple[np.ndarray, np.ndarray]] = [
    (np.array([0.7, 0.2, 0.1]), np.array([0.2, 0.5, 0.3])),
    (np.array([0.5, 0.5]), np.array([0.9, 0.1])),
    (np.array([0.25, 0.25, 0.25, 0.25]), np.array([0.25, 0.25, 0.25, 0.25])),
    (np.array([1.0, 0.0, 0.0]), np.array([0.5, 0.2, 0.3])),
    (np.array([0.0, 0.4, 0.6]), np.array([0.1, 0.3, 0.6])),
]


def _quiet(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Call ``fn`` with NumPy's floating-point warnings silenced (the checker reports instead)."""
    def call(*args: Any) -> Any:
        with np.errstate(all="ignore"):
            return fn(*args)
    return call


@exercise()
def kl_function(fn: Any) -> Verdict:
    """Exercise 3: ``fn(p, q)`` must return KL(p || q) = sum p log(p / q) in nats, with 0 log 0 = 0."""
    if is_placeholder(fn) or not callable(fn):
        return check_function(fn, info.kl_divergence, _KL_CASES, "kl")
    quiet = _quiet(fn)
    verdict = check_function(quiet, info.kl_divergence, _KL_CASES, "kl",
                             "KL(p || q) = sum_x p(x) log(p(x) / q(x)), natural log.")
    if verdict.ok:
        return verdict
    p, q = _KL_CASES[0]
    try:
        first = quiet(p, q)
        if is_placeholder(first):
            return Verdict(False, f"kl returned {first!r}: its body is still the placeholder `...`, "
                                  "or it forgets to `return` the result.")
        swapped = float(np.asarray(first, dtype=float))
    except Exception:  # the general verdict already names the exception
        return verdict
    if np.isclose(swapped, info.kl_divergence(q, p), rtol=1e-6):
        return Verdict(False, "kl(p, q) returns KL(q || p): the order matters. Weight the log-ratio "
                              "by p, the first argument: sum p log(p / q).")
    p, q = _KL_CASES[3]
    try:
        with_zero = np.asarray(quiet(p, q), dtype=float)
    except Exception:
        return verdict
    if np.isnan(with_zero).any():
        return Verdict(False, "kl(p, q) gives nan when p has a zero: 0 log 0 counts as 0, so keep only "
                              "the terms with p > 0 (e.g. mask = p > 0).")
    return verdict


@exercise()
def kl_div_call(answer: Any) -> Verdict:
    """Exercise 4: KL(p || q) with ``torch.nn.functional.kl_div`` for p = (0.6, 0.3, 0.1), q = softmax(z).

    The call is ``F.kl_div(log_softmax(z), p, reduction='sum')``: input is the model's
    log-probabilities, target is p; reduction 'sum' (one sample) or 'batchmean'.
    """
    p = np.array(EX4_P)
    q = softmax(np.array(EX4_Z))
    expected = float(info.kl_divergence(p, q))
    mistakes = {
        "that is KL(q || p), the other order. F.kl_div(input, target) computes KL(target || input): "
        "pass the model's log-probabilities as input and p as target.": float(info.kl_divergence(q, p)),
        "that is the default reduction='mean', which divides by all 3 elements; for one sample use "
        "reduction='sum' (for a batch, 'batchmean').": expected / p.size,
        "that is the default reduction='mean' of the reversed KL(q || p). Pass log q as input, p as "
        "target, and use reduction='sum'.": float(info.kl_divergence(q, p)) / p.size,
        "the input was probabilities, not log-probabilities: F.kl_div expects log q as its input "
        "(use F.log_softmax(z, dim=-1)).": float((p * (np.log(p) - q)).sum()),
        "that is the cross-entropy H(p, q); KL subtracts the target's entropy H(p).":
            float(info.cross_entropy(p, q)),
    }
    return _check_with_mistakes(answer, expected, "KL(p || q)", "nats",
                                "F.kl_div(F.log_softmax(z, dim=-1), p, reduction='sum').", mistakes)
