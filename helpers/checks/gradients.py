"""Exercise checks for notebook 06 (gradients and numerical stability).

Each checker takes the learner's answer and returns a ``Verdict``; it never raises for a learner's
mistake. Besides the diagnoses of ``core`` (placeholder, type, shape, nan, sign), each one
recognises the slips typical of its exercise and names them, without giving the answer away; the
hints of ``exercise`` lead to it one step at a time. A learner's function is only ever called
through ``core.call_learner`` or ``core.check_function``, on copies of the cases.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from helpers import i18n
from helpers.checks.core import (
    Verdict,
    check_choice,
    check_function,
    check_value,
    close_to,
    exercise,
    learner_outputs,
)
from helpers.grads import softmax_ce_grad
from helpers.i18n import N_, tr
from helpers.losses import logsumexp, sigmoid, softmax

__all__ = ["BCE_EXERCISE_S", "BCE_EXERCISE_Y", "MEAN_CE_CASES", "LOGSUMEXP_CASES", "SMOOTHED_CE_CASES",
           "bce_logit_gradient", "mean_ce_gradient", "stable_logsumexp", "label_smoothing_gradient",
           "why_gradient_rows_sum_to_zero"]


def _frozen(values: Any) -> np.ndarray:
    """A read-only float array: the cases are shared by every call of a checker."""
    arr = np.array(values, dtype=float)
    arr.flags.writeable = False
    return arr


def _labels(values: Any) -> np.ndarray:
    arr = np.array(values, dtype=int)
    arr.flags.writeable = False
    return arr


# Exercise 1: one logit and its label, a negative example (section 1 worked a positive one).
BCE_EXERCISE_S: float = 1.5
BCE_EXERCISE_Y: float = 0.0

# Exercise 2: (logits z of shape (N, C), labels y of shape (N,)); the batches are not square, so
# dividing by C instead of N shows; the third has logits near 1000 (a naive softmax overflows).
MEAN_CE_CASES: tuple[tuple[np.ndarray, np.ndarray], ...] = (
    (_frozen([[2.0, 1.0, 0.1], [0.5, -1.0, 3.0]]), _labels([0, 2])),
    (_frozen([[0.0, 0.0, 0.0, 0.0]]), _labels([3])),
    (_frozen([[1000.0, 999.0, 998.0], [-3.0, 0.0, 3.0], [0.2, 0.2, -0.4], [1.0, -1.0, 0.5]]),
     _labels([2, 1, 0, 0])),
)

# Exercise 3: ordinary logits, then logits near +1000 (overflow) and near -1000 (underflow).
LOGSUMEXP_CASES: tuple[tuple[np.ndarray], ...] = (
    (_frozen([0.5, -0.3, 2.0]),),
    (_frozen([1000.0, 999.0, 998.0]),),
    (_frozen([-1000.0, -1000.0]),),
    (_frozen([3.0]),),
)

# Exercise 4: (logits z of one sample, label y, smoothing epsilon); eps = 1 makes the target uniform,
# eps = 0 is the plain one-hot target, and logits near 1000 overflow a naive softmax.
SMOOTHED_CE_CASES: tuple[tuple[Any, ...], ...] = (
    (_frozen([2.0, 1.0, 0.1]), 0, 0.1),
    (_frozen([0.3, -1.2, 2.5, 0.0, 1.1]), 4, 0.2),
    (_frozen([0.0, 0.0, 0.0, 0.0]), 3, 0.1),
    (_frozen([1000.0, 999.0, 998.0]), 2, 0.05),
    (_frozen([-0.5, 1.5]), 1, 1.0),
    (_frozen([1.0, 2.0, 3.0]), 1, 0.0),
)


# --- Exercise 1 ------------------------------------------------------------------------------
def _bce_steps() -> tuple[float, float, float, float]:
    """Reference: y_hat, dL/dy_hat, dy_hat/ds and dL/ds for binary cross-entropy at the exercise's s, y."""
    s, y = BCE_EXERCISE_S, BCE_EXERCISE_Y
    y_hat = float(sigmoid(s))
    dl_dyhat = -y / y_hat + (1 - y) / (1 - y_hat)
    dyhat_ds = y_hat * (1 - y_hat)
    return y_hat, dl_dyhat, dyhat_ds, dl_dyhat * dyhat_ds


@exercise(
    N_("Section 1's cell is the template: the same four lines of arithmetic, with s = 1.5 and y = 0."),
    N_("With y = 0 one of the two terms of step 1 is multiplied by 0. Which term is left, and what is the "
       "slope of log(1 − ŷ)?"),
    N_("Step 3 multiplies your step 1 by your step 2, nothing more. A negative example that the model rates "
       "above ½ should get a positive gradient (gradient descent then lowers s)."),
)
def bce_logit_gradient(y_hat: Any = ..., dL_dyhat: Any = ..., dyhat_ds: Any = ..., dL_ds: Any = ...) -> Verdict:
    """Exercise 1: section 1's three steps at s = 1.5, y = 0: y_hat, dL/dy_hat, dy_hat/ds and dL/ds.

    The verdict names the first value that is off (the forward pass, step 1, step 2 or step 3).
    """
    s = BCE_EXERCISE_S
    right = _bce_steps()
    q, d1, d2, d3 = right
    steps = (
        ("y_hat", tr("the forward pass"), y_hat, q, "", (
            (float(sigmoid(-s)), tr("is g(−s) = 1 − ŷ: the sigmoid is 1/(1 + e^(−s)), with a minus sign in the "
                                    "exponent")),
            (s, tr("is the logit s itself: the forward pass turns it into a probability with the sigmoid")),
            (float(np.exp(-s)), tr("is e^(−s) alone: the sigmoid is 1/(1 + e^(−s))")),
        )),
        ("dL_dyhat", tr("step 1"), dL_dyhat, d1, tr("nats per unit of probability"), (
            (-1 / q, tr("keeps the term −y/ŷ, which belongs to y = 1: with y = 0 it is multiplied by 0 and "
                        "only the second term is left")),
            (-d1, tr("has the wrong sign: the slope of log(1 − ŷ) is −1/(1 − ŷ), and the loss has a minus sign "
                     "in front")),
            (1 / q, tr("divides by ŷ: with y = 0 the loss is −log(1 − ŷ), so 1 − ŷ goes below the line")),
        )),
        ("dyhat_ds", tr("step 2"), dyhat_ds, d2, tr("probability per unit of logit"), (
            (q, tr("is ŷ alone: the sigmoid's slope is ŷ (1 − ŷ)")),
            (1 - q, tr("is 1 − ŷ alone: the sigmoid's slope is ŷ (1 − ŷ)")),
            (0.25, tr("is the sigmoid's slope at s = 0; at s = 1.5 it is ŷ (1 − ŷ) with this ŷ")),
        )),
        ("dL_ds", tr("step 3"), dL_ds, d3, tr("nats per unit of logit"), (
            (d1 + d2, tr("adds step 1 and step 2: the chain rule multiplies them")),
            (d1 / d2, tr("divides step 1 by step 2: the chain rule multiplies them")),
            (q - 1, tr("is ŷ − 1, the gradient for y = 1; this example's label is y = 0")),
            (-d3, tr("has the wrong sign: for a negative example the model says too much, so the gradient is "
                     "positive (gradient descent lowers s)")),
            (d3 * d2, tr("is the gradient of the squared error ½(ŷ − y)² on a sigmoid, not of binary "
                         "cross-entropy")),
        )),
    )
    for name, step, answer, expected, unit, slips in steps:
        for value, slip in slips:
            if close_to(answer, value):
                return Verdict(False, tr("{step}: {name} = {value:.4f} {slip}.", step=step, name=name, value=value,
                                         slip=slip))
        verdict = check_value(answer, expected, name, rtol=1e-4, unit=unit)
        if not verdict.ok:
            return Verdict(False, tr("{step}: {diagnosis}", step=step, diagnosis=verdict.message))
    return Verdict(True, tr("ŷ = {q:.4f}, dL/dŷ = {d1:.4f}, dŷ/ds = {d2:.4f}, and dL/ds = {d3:.4f} nats per "
                            "unit of logit: ŷ − y once more.", q=q, d1=d1, d2=d2, d3=d3))


# --- Exercise 2 ------------------------------------------------------------------------------
def _mean_ce_grad(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Reference: the gradient of the mean cross-entropy over the N rows of z, (softmax - onehot) / N."""
    return softmax_ce_grad(z, y) / len(y)


def _onehot(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.asarray(np.eye(z.shape[-1])[y])


# Each slip by what a learner reads (a template, shown with ``i18n.tr``), after the function's name.
_MEAN_CE_SLIPS: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    N_("is the gradient of the summed loss: with the mean, every sample's gradient shrinks with the batch size"):
        lambda z, y: softmax_ce_grad(z, y),
    N_("divides by the number of classes C; the mean is over the samples"):
        lambda z, y: softmax_ce_grad(z, y) / z.shape[1],
    N_("has the wrong sign: the true class's entry should be the negative one"):
        lambda z, y: -_mean_ce_grad(z, y),
    N_("normalises the softmax over the wrong axis: each row is one sample, and each row's probabilities sum to 1"):
        lambda z, y: (softmax(z, axis=0) - _onehot(z, y)) / len(y),
    N_("is the softmax alone: the one-hot labels are missing"):
        lambda z, y: softmax(z, axis=-1) / len(y),
}


@exercise(
    N_("One row of z is one sample; the gradient of its own loss is section 2's formula. What does taking "
       "the mean over N samples do to each sample's share?"),
    N_("Work on all rows at once: a softmax normalised along each row (`axis=1, keepdims=True`), and "
       "`np.eye(C)[y]` for all the one-hot rows."),
    N_("One case has logits near 1000: shift each row before `np.exp` as in section 5 (that leaves its "
       "softmax unchanged)."),
)
def mean_ce_gradient(fn: Any) -> Verdict:
    """Exercise 2: ``fn(z, y)`` returns the gradient of the mean cross-entropy over a batch z (N, C)."""
    outputs = learner_outputs(fn, MEAN_CE_CASES)
    if outputs:
        slip = _matching_slip(outputs[:2], _MEAN_CE_SLIPS, MEAN_CE_CASES[:2])
        if slip:
            return Verdict(False, tr("{name} {slip}.", name="grad_mean_ce", slip=i18n.tr(slip)))
        if np.isnan(outputs[2]).any():
            return Verdict(False, tr("grad_mean_ce gives nan on the batch with logits near 1000: in float64 "
                                     "e^1000 overflows to inf, and inf / inf is nan."))
    return check_function(fn, _mean_ce_grad, MEAN_CE_CASES, "grad_mean_ce")


# --- Exercise 3 ------------------------------------------------------------------------------
_LOGSUMEXP_SLIPS: dict[str, Callable[[np.ndarray], Any]] = {
    N_("subtracts the largest logit m before exponentiating but never adds m back"):
        lambda z: np.log(np.exp(z - z.max()).sum()),
    N_("returns the largest logit alone: the other logits add to the sum too"):
        lambda z: z.max(),
    N_("is log Σ e^(z_j) divided by the number of logits: a log-mean-exp, not a log-sum-exp"):
        lambda z: logsumexp(z) - np.log(z.size),
}


@exercise(
    N_("Adding the same constant c to every logit changes log Σ e^(z_j) in a simple way: by how much?"),
    N_("Pick c so that no exponent you compute is positive and one of them is exactly 0 (section 5)."),
    N_("Whatever constant you took away inside the log, give it back outside."),
)
def stable_logsumexp(fn: Any) -> Verdict:
    """Exercise 3: ``fn(z)`` returns log sum_j e^(z_j) for a 1-D array without overflow or underflow."""
    outputs = learner_outputs(fn, LOGSUMEXP_CASES)
    if outputs:
        for (z,), got in zip(LOGSUMEXP_CASES[1:3], outputs[1:3]):
            if got.size == 1 and np.isinf(got).all():
                return Verdict(False, tr("logsumexp({z}) gave {value}: in float64 e^1000 overflows to inf and "
                                         "e^(−1000) underflows to 0.", z=_show(z), value=float(got.ravel()[0])))
        slip = _matching_slip(outputs[:1], _LOGSUMEXP_SLIPS, LOGSUMEXP_CASES[:1])
        if slip:
            return Verdict(False, tr("{name} {slip}.", name="logsumexp", slip=i18n.tr(slip)))
    return check_function(fn, logsumexp, LOGSUMEXP_CASES, "logsumexp")


# --- Exercise 4 ------------------------------------------------------------------------------
def _smoothed_target(z: np.ndarray, y: int, eps: float, share: float) -> np.ndarray:
    """(1 - eps) onehot(y) with ``share`` added to the classes a convention spreads eps over."""
    return np.asarray((1.0 - eps) * np.eye(z.size)[y] + share)


_SMOOTHED_SLIPS: dict[str, Callable[[np.ndarray, int, float], np.ndarray]] = {
    N_("ignores ε: it is the gradient for the one-hot target"):
        lambda z, y, eps: softmax_ce_grad(z, y),
    N_("scales the one-hot gradient by 1 − ε; differentiate L = −Σ p_k log q_k again, term by term"):
        lambda z, y, eps: (1.0 - eps) * softmax_ce_grad(z, y),
    N_("spreads ε over the other C − 1 classes only; PyTorch gives ε/C to every one of the C classes, "
       "the true one included"):
        lambda z, y, eps: softmax(z) - _smoothed_target(z, y, eps, eps / (z.size - 1) * (1.0 - np.eye(z.size)[y])),
    N_("uses a target that sums to 1 + ε: the true class's share must shrink by ε"):
        lambda z, y, eps: softmax(z) - np.eye(z.size)[y] - eps / z.size,
    N_("has the wrong sign: a gradient step should move the softmax towards the target"):
        lambda z, y, eps: -softmax_ce_grad(z, y, label_smoothing=eps),
    N_("returns the smoothed target p itself, not the gradient"):
        lambda z, y, eps: _smoothed_target(z, y, eps, eps / z.size),
}


@exercise(
    N_("Write log q_k = z_k − log Σ_j e^(z_j) and put it into L = −Σ_k p_k log q_k; then differentiate "
       "with respect to z_i, one term at a time, as in section 2."),
    N_("The log-sum-exp term comes multiplied by Σ_k p_k. What is that sum for the smoothed target?"),
    N_("The result has the same shape as section 2's gradient: only the target in it has changed."),
)
def label_smoothing_gradient(fn: Any) -> Verdict:
    """Exercise 4: ``fn(z, y, epsilon)`` returns dL/dz of cross-entropy with label smoothing, one sample.

    The target is p = (1 - eps) onehot(y) + eps / C, and dL/dz = softmax(z) - p.
    """
    outputs = learner_outputs(fn, SMOOTHED_CE_CASES[:4])
    if outputs:
        slip = _matching_slip(outputs[:2], _SMOOTHED_SLIPS, SMOOTHED_CE_CASES[:2])
        if slip:
            return Verdict(False, tr("{name} {slip}.", name="grad_ce_smoothed", slip=i18n.tr(slip)))
        if np.isnan(outputs[3]).any():
            return Verdict(False, tr("grad_ce_smoothed gives nan for the logits (1000, 999, 998): in float64 "
                                     "e^1000 overflows to inf, and inf / inf is nan."))
    return check_function(fn, lambda z, y, eps: softmax_ce_grad(z, y, label_smoothing=eps),
                          SMOOTHED_CE_CASES, "grad_ce_smoothed")


# --- Exercise 5 ------------------------------------------------------------------------------
@exercise(
    N_("Test each option against section 2: its logits were arbitrary numbers, it was one sample alone, "
       "and the model was far from right. Which explanation survives all three?"),
    N_("The row is a difference of two rows, softmax(z) and onehot(y): add up each of them on its own."),
)
def why_gradient_rows_sum_to_zero(choice: Any) -> Verdict:
    """Exercise 5 of notebook 06: why does each row of softmax(z) − onehot(y) sum to 0?"""
    return check_choice(choice, {
        "a": tr("confuses logits with probabilities: logits are any real numbers, and the article's first "
                "row of logits does not sum to 0, yet its gradient row does."),
        "b": tr("mistakes a scaling for a cancellation: the mean divides each row by N, which keeps a sum of "
                "0 at 0 but cannot make one; a single sample, as in section 2, already sums to 0."),
        "c": tr("confuses a sum of 0 with entries of 0: at the optimum every entry would be near 0, but the "
                "article's first sample is far from it (one entry near −0.8) and its row still sums to 0."),
        "d": tr("the softmax's probabilities add up to 1 and the one-hot row holds a single 1, so every row "
                "sums to 1 − 1 = 0, at any logits. It is also why adding the same number to every logit "
                "changes nothing: the gradient has no component in that direction."),
    }, right="d", what=tr("your choice"))


# --- small tools ----------------------------------------------------------------------------
def _matching_slip(outputs: Sequence[np.ndarray], slips: dict[str, Callable[..., Any]],
                   cases: Sequence[tuple[Any, ...]]) -> str | None:
    """The first slip (its template) that reproduces the learner's ``outputs`` on every one of ``cases``."""
    for message, slip in slips.items():
        if all(_close(got, np.asarray(slip(*args), dtype=float)) for got, args in zip(outputs, cases)):
            return message
    return None


def _close(got: np.ndarray, expected: np.ndarray) -> bool:
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=1e-6, atol=1e-9))


def _show(z: np.ndarray) -> str:
    return "[" + ", ".join(f"{v:g}" for v in z) + "]"
