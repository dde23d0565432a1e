"""Exercise checks for notebook 06 (gradients and numerical stability).

Each checker returns a ``Verdict`` and never raises for a learner's mistake.
"""
from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np

from helpers.checks.core import Verdict, check_function, check_value, exercise, is_placeholder
from helpers.grads import softmax_ce_grad
from helpers.losses import logsumexp, sigmoid, softmax

__all__ = ["bce_logit_gradient", "softmax_ce_gradient", "stable_logsumexp",
           "BCE_EXERCISE", "SOFTMAX_CE_CASES", "LOGSUMEXP_CASES"]

# Exercise 1: one logit and its label.
BCE_EXERCISE = {"s": -2.0, "y": 1.0}

# Exercise 2: (logits z, label y) pairs; the second row is the first row of notebook 05's tensor,
# the last one has logits near 1000 (a naive softmax overflows there).
SOFTMAX_CE_CASES: list[tuple[Any, ...]] = [
    (np.array([2.0, 1.0, 0.1]), 0),
    (np.array([-0.5215, -0.4240, 0.8907]), 1),
    (np.array([0.0, 0.0, 0.0, 0.0]), 3),
    (np.array([1000.0, 999.0, 998.0]), 2),
]

# Exercise 3: ordinary logits, then logits near +1000 (overflow) and near -1000 (underflow).
LOGSUMEXP_CASES: list[tuple[Any, ...]] = [
    (np.array([0.5, -0.3, 2.0]),),
    (np.array([1000.0, 999.0, 998.0]),),
    (np.array([-1000.0, -1000.0]),),
    (np.array([3.0]),),
]


@exercise()
def bce_logit_gradient(answer: Any) -> Verdict:
    """Exercise 1: dL/ds of binary cross-entropy at s = -2, y = 1 (nats per unit of logit)."""
    s, y = BCE_EXERCISE["s"], BCE_EXERCISE["y"]
    y_hat = float(sigmoid(s))
    expected = y_hat - y
    what = "dL/ds"
    if not is_placeholder(answer):
        try:
            got = float(np.asarray(answer.detach().numpy() if hasattr(answer, "detach") else answer,
                                   dtype=float))
        except (TypeError, ValueError):
            got = None
        if got is not None:
            if np.isclose(got, (y_hat - y) * y_hat * (1 - y_hat), rtol=1e-4):
                return Verdict(False, f"{what} = {got:.4f} is the gradient of the squared error on a "
                                      "sigmoid. For BCE the factor ŷ (1 − ŷ) cancels: dL/ds = ŷ − y.")
            if np.isclose(got, -expected, rtol=1e-4):
                return Verdict(False, f"{what} = {got:.4f} has the wrong sign: the gradient is ŷ − y "
                                      "(prediction minus label), not y − ŷ.")
            if np.isclose(got, s - y, rtol=1e-4):
                return Verdict(False, f"{what} = {got:.4f} uses the logit s where the probability "
                                      "ŷ = sigmoid(s) belongs: apply the sigmoid first.")
            if np.isclose(got, (y_hat - y) / (y_hat * (1 - y_hat)), rtol=1e-4):
                return Verdict(False, f"{what} = {got:.4f} is dL/dŷ, the gradient with respect to the "
                                      "probability; multiply by dŷ/ds = ŷ (1 − ŷ).")
    return check_value(answer, expected, what, hint="Use dL/ds = ŷ − y with ŷ = sigmoid(s).",
                       unit="nats per unit of logit")


@exercise()
def softmax_ce_gradient(fn: Any) -> Verdict:
    """Exercise 2: a function ``fn(z, y)`` returning dL/dz = softmax(z) - onehot(y) for one sample."""
    if not is_placeholder(fn) and callable(fn):
        z, y = SOFTMAX_CE_CASES[0]
        if _returns_none(fn, z.copy(), y):
            return Verdict(False, "grad_ce returns None: write its body and `return` the gradient.")
        got = _quiet_call(fn, z.copy(), y)
        if got is not None:
            if _close(got, softmax(z)):
                return Verdict(False, f"grad_ce({_show(z)}, {y}) returned softmax(z) itself: subtract "
                                      "the one-hot label, 1 at position y and 0 elsewhere.")
            if _close(got, np.eye(z.size)[y] - softmax(z)):
                return Verdict(False, "The sign is flipped: the gradient is softmax(z) − onehot(y), "
                                      "so the true class's entry is negative.")
    with _quiet():
        return check_function(_copying(fn), softmax_ce_grad, SOFTMAX_CE_CASES, "grad_ce",
                              hint="dL/dz = softmax(z) − onehot(y); compute the softmax with the "
                                   "largest logit subtracted first so that e^1000 never appears.")


@exercise()
def stable_logsumexp(fn: Any) -> Verdict:
    """Exercise 3: a function ``fn(z)`` returning log sum_j e^(z_j) without overflow or underflow."""
    if not is_placeholder(fn) and callable(fn):
        if _returns_none(fn, LOGSUMEXP_CASES[0][0].copy()):
            return Verdict(False, "logsumexp returns None: write its body and `return` the result.")
        for (z,) in LOGSUMEXP_CASES[1:3]:
            got = _quiet_call(fn, z.copy())
            if got is not None and got.size == 1 and not np.isfinite(got).all():
                return Verdict(False, f"logsumexp({_show(z)}) gave {float(got.ravel()[0])}: e^(±1000) "
                                      "overflows to inf or underflows to 0 in float64. Subtract the "
                                      "largest logit m first: log Σ e^(z_j) = m + log Σ e^(z_j − m).")
    with _quiet():
        return check_function(_copying(fn), logsumexp, LOGSUMEXP_CASES, "logsumexp",
                              hint="Write m = max(z); then log Σ e^(z_j) = m + log Σ e^(z_j − m), "
                                   "where every exponent is ≤ 0 and one of them is exactly 0.")


# --- small tools ----------------------------------------------------------------------------
@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence NumPy floating-point warnings and Python warnings raised by a learner's code."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _copying(fn: Any) -> Any:
    """``fn`` called on copies of its array arguments, so a learner's in-place edit cannot alter
    the shared test cases (placeholders and non-callables pass through for the diagnosis)."""
    if is_placeholder(fn) or not callable(fn):
        return fn

    def wrapped(*args: Any) -> Any:
        return fn(*(a.copy() if isinstance(a, np.ndarray) else a for a in args))
    return wrapped


def _returns_none(fn: Any, *args: Any) -> bool:
    with _quiet():
        try:
            return fn(*args) is None
        except Exception:  # a learner's bug is reported by check_function
            return False


def _quiet_call(fn: Any, *args: Any) -> np.ndarray | None:
    with _quiet():
        try:
            out = fn(*args)
            if out is None:
                return None
            return np.asarray(out.detach().numpy() if hasattr(out, "detach") else out, dtype=float)
        except Exception:  # a learner's bug is reported by check_function below
            return None


def _close(got: np.ndarray, expected: np.ndarray) -> bool:
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=1e-6, atol=1e-9))


def _show(z: np.ndarray) -> str:
    return "[" + ", ".join(f"{v:g}" for v in z) + "]"
