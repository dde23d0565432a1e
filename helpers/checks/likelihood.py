"""Exercise checks for notebook 01 (the sigmoid and the likelihood).

Each checker takes the learner's answer and returns a ``Verdict``; it never raises for a
learner's mistake. Besides the diagnoses of ``core`` (placeholder, type, shape, minus sign,
log base), each one recognises the slips typical of its exercise and names them. Run again after
a wrong answer, a checker adds the next of its graduated hints; no hint gives the answer away.
A learner's function is only ever called through ``core.call_learner`` (on copies of the cases).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from helpers import info, losses
from helpers.checks.core import (
    Verdict,
    as_numbers,
    check_choice,
    check_function,
    check_value,
    close_to,
    exercise,
    is_placeholder,
    learner_outputs,
)

__all__ = ["EXERCISE1_S", "EXERCISE2_Y", "EXERCISE2_Y_HAT", "EXERCISE3_LABELS",
           "EXERCISE5_K", "EXERCISE5_N", "EXERCISE5_S", "EXERCISE5_LR",
           "sigmoid_slope", "total_loss", "best_constant", "mean_bce_function", "constant_gradient_step",
           "why_minimise_the_negative_log"]

# The data the exercises of notebook 01 print; the notebook types the same numbers in.
EXERCISE1_S: float = 1.5
EXERCISE2_Y: tuple[int, ...] = (1, 0, 1, 1, 0, 0)
EXERCISE2_Y_HAT: tuple[float, ...] = (0.9, 0.3, 0.6, 0.8, 0.1, 0.4)
EXERCISE3_LABELS: tuple[int, ...] = (1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0)
# Exercise 5: a model with one parameter, a logit s, predicts y_hat = g(s) for all n samples (k positive);
# one gradient step of size EXERCISE5_LR on the mean loss, from s = EXERCISE5_S.
EXERCISE5_K: int = 3
EXERCISE5_N: int = 10
EXERCISE5_S: float = 0.0
EXERCISE5_LR: float = 2.0


def _one_number(answer: Any) -> float | None:
    """The answer as one finite float, or None (placeholder, not a number, several numbers, nan, inf)."""
    if is_placeholder(answer) or isinstance(answer, bool):
        return None
    got = as_numbers(answer)
    if got is None or got.size != 1 or not np.isfinite(got).all():
        return None
    return float(got.reshape(()))


# --- Exercise 1 ----------------------------------------------------------------------------------------

@exercise(
    "The sigmoid's slope can be written with nothing but the sigmoid's own value at the same point: "
    "section 2 works it out line by line.",
    "First compute the height g(s) at s = 1.5 from g(s) = 1 / (1 + e^(-s)), with np.exp. "
    "It lies between 0.5 and 1.",
    "Then put that height into the slope formula of section 2. The result is smaller than the "
    "largest slope, 1/4 at s = 0, because the curve flattens away from 0.",
)
def sigmoid_slope(answer: Any) -> Verdict:
    """Exercise 1: the slope of the sigmoid at s = ``EXERCISE1_S``, g'(s) = g(s) (1 - g(s))."""
    s = EXERCISE1_S
    g = float(losses.sigmoid(s))
    expected = g * (1 - g)
    if close_to(answer, g):
        return Verdict(False, f"slope = {g:.4f} is g({s}) itself, the height of the curve, not its slope.")
    if close_to(answer, 1 - g):
        return Verdict(False, f"slope = {1 - g:.4f} is 1 - g({s}) = g(-{s}), only one of the two factors "
                              "of the slope.")
    if close_to(answer, -expected):
        return Verdict(False, "slope is negative, but the sigmoid rises everywhere: its slope is positive.")
    if close_to(answer, 0.25):
        return Verdict(False, f"slope = 0.25 is the slope at s = 0, the steepest point; at s = {s} the curve "
                              "is flatter.")
    if close_to(answer, math.exp(-s)):
        return Verdict(False, f"slope = {math.exp(-s):.4f} is e^(-{s}), one piece of the sigmoid's formula, "
                              "not its slope.")
    return check_value(answer, expected, "slope", rtol=1e-4)


# --- Exercise 2 ----------------------------------------------------------------------------------------

@exercise(
    "Each sample's loss is minus the log of the probability the model gave its true label: "
    "that probability is y_hat when y = 1 and 1 - y_hat when y = 0.",
    "np.log works element by element: compute all six per-sample losses as one array, then add them "
    "up. The exercise asks for the sum, not the mean.",
    "Check your array on the first sample: y = 1 and y_hat = 0.9 cost -ln 0.9, about 0.105 nats.",
)
def total_loss(answer: Any) -> Verdict:
    """Exercise 2: the summed binary cross-entropy of ``EXERCISE2_Y_HAT`` against ``EXERCISE2_Y``, in nats.

    L = -sum_i [y_i log y_hat_i + (1 - y_i) log(1 - y_hat_i)].
    """
    y, y_hat = np.array(EXERCISE2_Y, dtype=float), np.array(EXERCISE2_Y_HAT)
    per_sample = np.asarray(losses.binary_cross_entropy(y_hat, y, reduction="none"))
    expected = float(per_sample.sum())
    n = y.size
    positives, negatives = float(per_sample[y == 1].sum()), float(per_sample[y == 0].sum())
    got = as_numbers(answer) if not is_placeholder(answer) else None
    if got is not None and got.size == 1 and np.isinf(got).all():
        return Verdict(False, "total loss is infinite: log(0) crept in. Take the log of the prediction "
                              "y_hat, never of the label y (which is 0 or 1).")
    if close_to(answer, expected / n):
        return Verdict(False, f"total loss = {expected / n:.4f} nats is the mean over the {n} samples; "
                              "the exercise asks for the sum (PyTorch's reduction='sum').")
    if close_to(answer, -expected / n):
        return Verdict(False, "total loss is minus the mean: the minus sign is missing, and the terms are "
                              "averaged instead of added.")
    if close_to(answer, positives):
        return Verdict(False, "total loss counts only the samples with y = 1; a sample with y = 0 costs "
                              "-log(1 - y_hat).")
    if close_to(answer, negatives):
        return Verdict(False, "total loss counts only the samples with y = 0; a sample with y = 1 costs "
                              "-log(y_hat).")
    return check_value(answer, expected, "total loss", unit="nats")


# --- Exercise 3 ----------------------------------------------------------------------------------------

@exercise(
    "The model predicts the same y_hat for all twenty samples, so its mean loss is a function of that "
    "one number. Evaluate it at many candidate values of y_hat between 0 and 1.",
    "Use a fine grid of candidates (steps of 0.001), the mean loss at each, and the candidate where "
    "the loss is smallest: np.argmin gives its position in the grid.",
    "Section 6 says where the minimum must lie. If your grid search disagrees, check which of y and "
    "y_hat sits inside the log: the labels weight the logs of the candidate.",
)
def best_constant(answer: Any) -> Verdict:
    """Exercise 3: the constant prediction y_hat that minimises the BCE on ``EXERCISE3_LABELS``.

    Maximum likelihood: y_hat = k / n (positives over samples); a grid search within 0.005 counts.
    """
    labels = np.array(EXERCISE3_LABELS)
    k, n = int(labels.sum()), labels.size
    expected = k / n
    got = _one_number(answer)
    if got is None:  # placeholder, wrong type or shape, nan: core says which
        return check_value(answer, expected, "best y_hat")
    if abs(got - expected) <= 0.005:
        return Verdict(True, f"best y_hat = {got:.4g}, the fraction k/n = {k}/{n} of positives.")
    if np.isclose(got, float(info.binary_entropy(expected)), rtol=1e-3):
        return Verdict(False, f"best y_hat = {got:.4f} is the smallest mean loss itself (in nats); the exercise "
                              "asks for the prediction y_hat at which it occurs.")
    if abs(got - (1 - expected)) <= 0.005:
        return Verdict(False, f"best y_hat = {got:.3f} is the fraction of negatives; y_hat is the probability "
                              "of y = 1.")
    if np.isclose(got, k):
        return Verdict(False, f"best y_hat = {got:g} is the count of positives; a probability must lie in "
                              "[0, 1].")
    if got > 1 and float(got).is_integer():
        return Verdict(False, f"best y_hat = {got:g} lies outside [0, 1]: is it a position in your grid "
                              "rather than the candidate at that position?")
    if not 0 <= got <= 1:
        return Verdict(False, f"best y_hat = {got:.4g} lies outside [0, 1], but it is a probability.")
    if got >= 0.99 or got <= 0.01:
        return Verdict(False, f"best y_hat = {got:.3f} sits at the edge of the grid, where the loss is "
                              "largest: take the smallest mean loss (np.argmin, not np.argmax).")
    direction = "too large" if got > expected else "too small"
    return Verdict(False, f"best y_hat = {got:.4g} is {direction}: the mean loss is lower elsewhere.")


# --- Exercise 4 ----------------------------------------------------------------------------------------

# (y_hat, y) pairs as tuples: nothing a learner's function does can change them.
_BCE_CASES: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...] = (
    ((0.9, 0.2, 0.6), (1.0, 0.0, 1.0)),
    ((0.5, 0.5), (0.0, 1.0)),
    ((0.99, 0.01, 0.7, 0.3, 0.45), (1.0, 1.0, 0.0, 0.0, 1.0)),
)


def _bce_cases() -> list[tuple[np.ndarray, np.ndarray]]:
    """Fresh arrays for every check, built from the tuples above."""
    return [(np.array(q), np.array(y)) for q, y in _BCE_CASES]


def _bce_mean(y_hat: np.ndarray, y: np.ndarray) -> float:
    return float(losses.binary_cross_entropy(y_hat, y))


_BCE_SLIPS: dict[str, Callable[[np.ndarray, np.ndarray], float]] = {
    "bce returns the sum over the samples; PyTorch's default reduction is the mean.":
        lambda q, y: _bce_mean(q, y) * q.size,
    "bce returns minus the loss: the minus sign in front of the log-likelihood is missing.":
        lambda q, y: -_bce_mean(q, y),
    "bce returns the log-likelihood summed without its minus sign (the article's N-sample formula), "
    "not the mean loss.":
        lambda q, y: -_bce_mean(q, y) * q.size,
    "bce returns inf: log(0) crept in. Take the log of the prediction y_hat, never of the label y "
    "(the article's opening formula writes y where y_hat belongs).":
        lambda q, y: np.inf,
}


@exercise(
    "Start from one sample's loss, -[y log y_hat + (1 - y) log(1 - y_hat)]. With arrays y and y_hat, "
    "NumPy computes it for every sample at once.",
    "F.binary_cross_entropy's default reduction is the mean: average the per-sample losses over the "
    "samples.",
    "Use the natural log (np.log), so the result is in nats, and mind the minus sign: the loss is "
    "never negative.",
)
def mean_bce_function(fn: Any) -> Verdict:
    """Exercise 4: ``fn(y_hat, y)`` returns the mean binary cross-entropy, like F.binary_cross_entropy.

    L = -(1/N) sum_i [y_i log y_hat_i + (1 - y_i) log(1 - y_hat_i)]  (nats).
    """
    cases = _bce_cases()
    outputs = learner_outputs(fn, cases)
    if outputs is not None:
        for message, slip in _BCE_SLIPS.items():
            expected = [slip(*args) for args in _bce_cases()]
            if all(out.size == 1 and np.allclose(out.reshape(()), exp, rtol=1e-6, atol=1e-9)
                   for out, exp in zip(outputs, expected)):
                return Verdict(False, message)
    return check_function(fn, _bce_mean, cases, "bce")


# --- Exercise 5 (harder) -------------------------------------------------------------------------------

def _step_parts() -> dict[str, float]:
    """The pieces of Exercise 5, each a typical wrong answer as well as a step of the right one.

    Mean loss L(s) = -[p log g(s) + (1 - p) log(1 - g(s))] with p = k/n; by the chain rule
    dL/ds = dL/dy_hat * dy_hat/ds, with dL/dy_hat = -p/y_hat + (1 - p)/(1 - y_hat) and dy_hat/ds = g(1 - g).
    """
    p, s, lr = EXERCISE5_K / EXERCISE5_N, EXERCISE5_S, EXERCISE5_LR
    y_hat = float(losses.sigmoid(s))
    dl_dyhat = -p / y_hat + (1 - p) / (1 - y_hat)
    slope = dl_dyhat * y_hat * (1 - y_hat)
    s_new = s - lr * slope
    return {"p": p, "y_hat": y_hat, "dl_dyhat": dl_dyhat, "slope": slope, "s_new": s_new,
            "y_hat_new": float(losses.sigmoid(s_new))}


@exercise(
    "Write the mean loss as a function of the one parameter s: every sample gets y_hat = g(s), and k of "
    "the n samples have y = 1. You need its slope at s = 0: rise over run with a tiny h works, and so "
    "does the chain rule.",
    "Chain rule: dL/ds = dL/dy_hat * dy_hat/ds. Section 2 gives dy_hat/ds; section 6 differentiates the "
    "total loss with respect to y_hat (divide by n for the mean).",
    "One gradient step moves against the slope: new s = s - lr * slope. Where the slope is positive, "
    "s goes down.",
)
def constant_gradient_step(answer: Any) -> Verdict:
    """Exercise 5: s after one gradient step on the mean loss of a constant prediction y_hat = g(s).

    k = ``EXERCISE5_K`` positives among n = ``EXERCISE5_N``, from s = ``EXERCISE5_S`` with learning
    rate ``EXERCISE5_LR``: s_new = s - lr * dL/ds, where dL/ds = dL/dy_hat * g(s)(1 - g(s)).
    """
    part = _step_parts()
    s, lr, n = EXERCISE5_S, EXERCISE5_LR, EXERCISE5_N
    if close_to(answer, part["s_new"]):
        return Verdict(True, f"new s = {part['s_new']:.4g}: the prediction y_hat moves from {part['y_hat']:.4f} "
                             f"to {part['y_hat_new']:.4f}, towards k/n = {part['p']:.4g}.")
    wrong = {
        s + lr * part["slope"]: "new s went uphill: a gradient step subtracts lr times the slope.",
        part["slope"]: "new s is the slope itself; the step is the old s minus lr times the slope.",
        -part["slope"]: f"new s moved by the slope alone: scale the step by the learning rate lr = {lr:g}.",
        s - lr * part["dl_dyhat"]: "new s used dL/dy_hat as the slope with respect to s: the chain rule "
                                   "also multiplies by dy_hat/ds.",
        s + lr * part["dl_dyhat"]: "new s used dL/dy_hat as the slope with respect to s (the chain rule "
                                   "also multiplies by dy_hat/ds), and went uphill.",
        part["y_hat_new"]: "new s is a probability: it looks like y_hat after the step, g(new s); the "
                           "exercise asks for s itself.",
        s - lr * n * part["slope"]: f"new s used the slope of the total loss; the exercise takes the mean "
                                    f"over the n = {n} samples.",
    }
    for value, message in wrong.items():
        if close_to(answer, value):
            return Verdict(False, message)
    return check_value(answer, part["s_new"], "new s", rtol=1e-4)


# --- Exercise 6 (explain why) ----------------------------------------------------------------------

@exercise(
    "Ask two things of each option: is what it says about the log and the minus sign true, and would it "
    "explain why training ends with the model maximum likelihood asks for?",
    "A probability is at most 1: what happens to a product of thousands of them? And what does an "
    "increasing function do to the order of two numbers?",
)
def why_minimise_the_negative_log(choice: Any) -> Verdict:
    """Exercise 6 of notebook 01: maximum likelihood makes the product prod_i P(y_i | x_i) as large as
    possible, yet training minimises L = -sum_i log P(y_i | x_i). Why is that right?"""
    return check_choice(choice, {
        "a": "says the log changes which model wins, but the log is increasing: the model with the larger "
             "likelihood also has the larger log-likelihood. The log changes the scale, never the order, "
             "and pulls no prediction towards 0.5.",
        "b": "has the direction backwards: every probability is at most 1, so a product of many of them "
             "shrinks towards 0 and underflows (section 5); it never grows too large.",
        "c": "drops the minus sign, as the article's N-sample formula does: the log-likelihood is largest "
             "for the best model, so minimising it would push the probability of every observed label "
             "towards 0 and reward confident wrong answers.",
        "d": "the log keeps the order of the likelihoods, so the same model maximises the likelihood and, "
             "with the minus sign, minimises L; and the sum gets one term per sample and stays well "
             "scaled where the product underflows to 0.",
    }, right="d", what="your choice")
