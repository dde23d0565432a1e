"""Exercise checks for notebook 01 (the sigmoid and the likelihood).

Each checker takes the learner's answer and returns a ``Verdict``; it never raises for a
learner's mistake. Besides the diagnoses of ``core`` (placeholder, type, shape, minus sign,
log base), each one recognises the slips typical of its exercise and names them.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from helpers import losses
from helpers.checks.core import Verdict, check_function, check_value, exercise, is_placeholder

__all__ = ["EXERCISE1_S", "EXERCISE2_Y", "EXERCISE2_Y_HAT", "EXERCISE3_LABELS",
           "sigmoid_slope", "total_loss", "best_constant", "mean_bce_function"]

# The data the exercises of notebook 01 print; the notebook types the same numbers in.
EXERCISE1_S: float = 1.5
EXERCISE2_Y: tuple[int, ...] = (1, 0, 1, 1, 0, 0)
EXERCISE2_Y_HAT: tuple[float, ...] = (0.9, 0.3, 0.6, 0.8, 0.1, 0.4)
EXERCISE3_LABELS: tuple[int, ...] = (1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0)


def _as_float(answer: Any) -> float | None:
    """The answer as one float, or None for a placeholder, a non-number or more than one number."""
    if is_placeholder(answer) or isinstance(answer, (str, bytes, dict, set)):
        return None  # check_value names the problem
    try:
        arr = np.asarray(answer.detach() if hasattr(answer, "detach") else answer, dtype=float)
    except (TypeError, ValueError):
        return None
    return float(arr.reshape(-1)[0]) if arr.size == 1 else None


def _agrees(fn: Callable[..., Any], reference: Callable[..., Any], cases: Sequence[tuple[Any, ...]],
            rtol: float = 1e-6) -> bool:
    """True when ``fn`` returns what ``reference`` does on every case (any exception: False)."""
    try:
        return all(np.allclose(np.asarray(fn(*args), dtype=float), reference(*args), rtol=rtol, atol=1e-9)
                   for args in cases)
    except Exception:  # a learner's bug only means "does not agree"
        return False


def _first_match(fn: Any, slips: dict[str, Callable[..., Any]], cases: Sequence[tuple[Any, ...]]) -> str | None:
    if not callable(fn):
        return None
    for message, slip in slips.items():
        if _agrees(fn, slip, cases):
            return message
    return None


@exercise()
def sigmoid_slope(answer: Any) -> Verdict:
    """Exercise 1: the slope of the sigmoid at s = ``EXERCISE1_S``, g'(s) = g(s) (1 - g(s))."""
    g = float(losses.sigmoid(EXERCISE1_S))
    expected = g * (1 - g)
    got = _as_float(answer)
    if got is not None:
        if np.isclose(got, g, rtol=1e-4):
            return Verdict(False, f"slope = {got:.4f} is g({EXERCISE1_S}) itself, the height of the curve; "
                                  "the slope is g(s) (1 - g(s)).")
        if np.isclose(got, 1 - g, rtol=1e-4):
            return Verdict(False, f"slope = {got:.4f} is 1 - g({EXERCISE1_S}) = g(-{EXERCISE1_S}); "
                                  "multiply it by g(s) to get the slope g(s) (1 - g(s)).")
        if np.isclose(got, -expected, rtol=1e-4):
            return Verdict(False, f"slope = {got:.4f} is negative, but the sigmoid rises everywhere: "
                                  "its slope g(s) (1 - g(s)) is positive.")
    return check_value(answer, expected, "slope", rtol=1e-4,
                       hint="Compute g = 1 / (1 + np.exp(-s)) at s = 1.5, then g * (1 - g).")


@exercise()
def total_loss(answer: Any) -> Verdict:
    """Exercise 2: the summed binary cross-entropy of ``EXERCISE2_Y_HAT`` against ``EXERCISE2_Y``, in nats.

    L = -sum_i [y_i log y_hat_i + (1 - y_i) log(1 - y_hat_i)].
    """
    y, y_hat = np.array(EXERCISE2_Y, dtype=float), np.array(EXERCISE2_Y_HAT)
    expected = float(losses.binary_cross_entropy(y_hat, y, reduction="sum"))
    n = y.size
    got = _as_float(answer)
    if got is not None:
        if np.isclose(got, expected / n, rtol=1e-4):
            return Verdict(False, f"total loss = {got:.4f} nats is the mean over the {n} samples; "
                                  "the exercise asks for the sum (PyTorch's reduction='sum').")
        if np.isclose(got, -expected / n, rtol=1e-4):
            return Verdict(False, "total loss is minus the mean: put the minus sign in front of the sum, "
                                  "and add the terms instead of averaging them.")
        if np.isinf(got):
            return Verdict(False, "total loss is infinite: log(0) = -inf crept in. Take the log of the "
                                  "prediction y_hat, never of the label y (which is 0 or 1).")
    return check_value(answer, expected, "total loss", unit="nats",
                       hint="Add -[y log y_hat + (1 - y) log(1 - y_hat)] over the six samples, with np.log "
                            "of the predictions y_hat (never of the labels y).")


@exercise()
def best_constant(answer: Any) -> Verdict:
    """Exercise 3: the constant prediction y_hat that minimises the BCE on ``EXERCISE3_LABELS``.

    Maximum likelihood: y_hat = k / n (positives over samples); a grid search within 0.005 counts.
    """
    labels = np.array(EXERCISE3_LABELS)
    k, n = int(labels.sum()), labels.size
    expected = k / n
    got = _as_float(answer)
    if got is None or np.isnan(got):  # placeholder, wrong type or shape, nan: core says which
        return check_value(answer, expected, "best y_hat")
    if abs(got - expected) <= 0.005:
        return Verdict(True, f"best y_hat = {got:.4g}, the fraction k/n = {k}/{n} of positives.")
    if abs(got - (1 - expected)) <= 0.005:
        return Verdict(False, f"best y_hat = {got:.3f} is the fraction of negatives (n - k)/n; "
                              "y_hat is the probability of y = 1, so count the positives.")
    if np.isclose(got, k):
        return Verdict(False, f"best y_hat = {got:g} is the count k of positives; a probability "
                              "must lie in [0, 1]: divide by the number of samples n.")
    direction = "too large" if got > expected else "too small"
    return Verdict(False, f"best y_hat = {got:.4g} is {direction}. Evaluate the mean loss on a fine grid of "
                          "y_hat in (0, 1) and take the y_hat at np.argmin of the losses.")


_BCE_CASES = [
    (np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])),
    (np.array([0.5, 0.5]), np.array([0.0, 1.0])),
    (np.array([0.99, 0.01, 0.7, 0.3, 0.45]), np.array([1.0, 1.0, 0.0, 0.0, 1.0])),
]


def _bce_mean(y_hat: np.ndarray, y: np.ndarray) -> float:
    return float(losses.binary_cross_entropy(y_hat, y))


@exercise()
def mean_bce_function(fn: Any) -> Verdict:
    """Exercise 4: ``fn(y_hat, y)`` returns the mean binary cross-entropy, like F.binary_cross_entropy.

    L = -(1/N) sum_i [y_i log y_hat_i + (1 - y_i) log(1 - y_hat_i)]  (nats).
    """
    slips = {
        "bce returns the sum over the samples; PyTorch's default reduction is the mean: divide by N.":
            lambda q, y: _bce_mean(q, y) * q.size,
        "bce returns minus the loss: put a minus sign in front of the mean of the log-likelihoods.":
            lambda q, y: -_bce_mean(q, y),
        "bce returns the sum without its minus sign (the article's N-sample formula): "
        "negate it and divide by N.":
            lambda q, y: -_bce_mean(q, y) * q.size,
        "bce returns inf: log(0) crept in. Take the log of the prediction y_hat, never of the label y "
        "(the article's opening formula writes y where y_hat belongs).":
            lambda q, y: np.inf,
    }
    slip = _first_match(fn, slips, _BCE_CASES)
    if slip is not None:
        return Verdict(False, slip)
    return check_function(fn, _bce_mean, _BCE_CASES, "bce",
                          hint="Use -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)), "
                               "the log of the predictions y_hat.")
