"""Exercise checks for notebook 01 (the sigmoid and the likelihood).

Each checker takes the learner's answer and returns a ``Verdict``; it never raises for a
learner's mistake. Besides the diagnoses of ``core`` (placeholder, type, shape, minus sign,
log base), each one recognises the slips typical of its exercise and names them. Run again after
a wrong answer, a checker adds the next of its graduated hints; no hint gives the answer away.
A learner's function is only ever called through ``core.call_learner`` (on copies of the cases).
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from helpers import losses
from helpers.checks.core import (
    Verdict,
    as_numbers,
    check_choice,
    check_value,
    close_to,
    exercise,
    is_placeholder,
)
from helpers.i18n import N_, tr

__all__ = ["EXERCISE1_S", "EXERCISE2_Y", "EXERCISE2_Y_HAT", "EXERCISE3_P",
           "EXERCISE4_K", "EXERCISE4_N", "EXERCISE4_S", "EXERCISE4_LR",
           "sigmoid_slope", "total_loss", "logit_plus_one", "constant_gradient_step", "why_not_one_minus_p"]

# The data the exercises of notebook 01 print; the notebook types the same numbers in.
EXERCISE1_S: float = 1.5
EXERCISE2_Y: tuple[int, ...] = (1, 0, 1, 1, 0, 0)
EXERCISE2_Y_HAT: tuple[float, ...] = (0.9, 0.3, 0.6, 0.8, 0.1, 0.4)
# Exercise 3: a model gives P(spam) = EXERCISE3_P; its logit rises by 1.
EXERCISE3_P: float = 0.9
# Exercise 4: a model with one parameter, a logit s, predicts y_hat = g(s) for all n samples (k positive);
# one gradient step of size EXERCISE4_LR on the mean loss, from s = EXERCISE4_S.
EXERCISE4_K: int = 3
EXERCISE4_N: int = 10
EXERCISE4_S: float = 0.0
EXERCISE4_LR: float = 2.0


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
    N_("The sigmoid's slope can be written with nothing but the sigmoid's own value at the same point: "
       "section 2 works it out line by line."),
    N_("First compute the height g(s) at s = 1.5 from g(s) = 1 / (1 + e^(-s)), with np.exp. "
       "It lies between 0.5 and 1."),
    N_("Then put that height into the slope formula of section 2. The result is smaller than the "
       "largest slope, 1/4 at s = 0, because the curve flattens away from 0."),
)
def sigmoid_slope(answer: Any) -> Verdict:
    """Exercise 1: the slope of the sigmoid at s = ``EXERCISE1_S``, g'(s) = g(s) (1 - g(s))."""
    s = EXERCISE1_S
    g = float(losses.sigmoid(s))
    expected = g * (1 - g)
    if close_to(answer, g):
        return Verdict(False, tr("slope = {g:.4f} is g({s}) itself, the height of the curve, not its slope.",
                                 g=g, s=s))
    if close_to(answer, 1 - g):
        return Verdict(False, tr("slope = {one_minus_g:.4f} is 1 - g({s}) = g(-{s}), only one of the two factors "
                                 "of the slope.", one_minus_g=1 - g, s=s))
    if close_to(answer, -expected):
        return Verdict(False, tr("slope is negative, but the sigmoid rises everywhere: its slope is positive."))
    if close_to(answer, 0.25):
        return Verdict(False, tr("slope = 0.25 is the slope at s = 0, the steepest point; at s = {s} the curve "
                                 "is flatter.", s=s))
    if close_to(answer, math.exp(-s)):
        return Verdict(False, tr("slope = {e_minus_s:.4f} is e^(-{s}), one piece of the sigmoid's formula, "
                                 "not its slope.", e_minus_s=math.exp(-s), s=s))
    return check_value(answer, expected, tr("slope"), rtol=1e-4)


# --- Exercise 2 ----------------------------------------------------------------------------------------

@exercise(
    N_("Each sample's loss is minus the log of the probability the model gave its true label: "
       "that probability is y_hat when y = 1 and 1 - y_hat when y = 0."),
    N_("np.log works element by element: compute all six per-sample losses as one array, then add them "
       "up. The exercise asks for the sum, not the mean."),
    N_("Check your array on the first sample: y = 1 and y_hat = 0.9 cost -ln 0.9, about 0.105 nats."),
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
        return Verdict(False, tr("total loss is infinite: log(0) crept in. Take the log of the prediction "
                                 "y_hat, never of the label y (which is 0 or 1)."))
    if close_to(answer, expected / n):
        return Verdict(False, tr("total loss = {mean:.4f} nats is the mean over the {n} samples; "
                                 "the exercise asks for the sum (PyTorch's reduction='sum').", mean=expected / n, n=n))
    if close_to(answer, -expected / n):
        return Verdict(False, tr("total loss is minus the mean: the minus sign is missing, and the terms are "
                                 "averaged instead of added."))
    if close_to(answer, positives):
        return Verdict(False, tr("total loss counts only the samples with y = 1; a sample with y = 0 costs "
                                 "-log(1 - y_hat)."))
    if close_to(answer, negatives):
        return Verdict(False, tr("total loss counts only the samples with y = 0; a sample with y = 1 costs "
                                 "-log(y_hat)."))
    return check_value(answer, expected, tr("total loss"), unit="nats")


# --- Exercise 3 ----------------------------------------------------------------------------------------

@exercise(
    N_("Section 1 takes a probability to its logit through the odds, P / (1 - P), and the sigmoid takes a "
       "logit back to a probability."),
    N_("Compute the model's logit first, add 1 to it, and send the new logit through the sigmoid g."),
    N_("A probability never leaves [0, 1]. What one more unit of logit multiplies by e is the odds, not "
       "the probability."),
)
def logit_plus_one(answer: Any) -> Verdict:
    """Exercise 3: a model gives P(spam) = ``EXERCISE3_P``; its logit s = ln(P / (1 - P)) rises by 1.

    The new probability is g(s + 1), where g is the sigmoid: its odds are e times the old odds.
    """
    p = EXERCISE3_P
    s = math.log(p / (1 - p))
    expected = float(losses.sigmoid(s + 1))
    got = _one_number(answer)
    if got is None:  # placeholder, wrong type or shape, nan: core says which
        return check_value(answer, expected, "p_new")
    if np.isclose(got, expected, rtol=1e-4):
        return Verdict(True, tr("p_new = {p_new:.4f}: the odds rose from {odds:.4g} to "
                                "{new_odds:.4g}, e times as much, yet P moved only from {p} to "
                                "{p_new:.4f}: near 1 a unit of logit changes the probability little.",
                                p_new=expected, odds=p / (1 - p), new_odds=p / (1 - p) * math.e, p=p))
    wrong = {
        p * math.e: tr("p_new = {value:.4f} is P times e, above 1: one more unit of logit multiplies the "
                       "odds P / (1 - P) by e, not the probability.", value=p * math.e),
        p / (1 - p) * math.e: tr("p_new = {value:.4f} is the new odds, not a probability: odds o "
                                 "mean a probability of o / (1 + o).", value=p / (1 - p) * math.e),
        s: tr("p_new = {value:.4f} is the logit of P = {p}, not a probability: the exercise asks for P after the "
              "logit rises by 1.", value=s, p=p),
        s + 1: tr("p_new = {value:.4f} is the new logit, not a probability: send it through the sigmoid.",
                  value=s + 1),
        float(losses.sigmoid(1.0)): tr("p_new = {value:.4f} is g(1), the sigmoid of the "
                                       "rise alone: add 1 to the model's own logit first.",
                                       value=float(losses.sigmoid(1.0))),
        1 - expected: tr("p_new = {value:.4f} is the new probability of not spam, 1 - P.", value=1 - expected),
        p: tr("p_new = {p} is the old probability: the logit rose, so P rises too.", p=p),
    }
    for value, message in wrong.items():
        if np.isclose(got, value, rtol=1e-3):
            return Verdict(False, message)
    if not 0 <= got <= 1:
        return Verdict(False, tr("p_new = {value:.4g} lies outside [0, 1], but it is a probability.", value=got))
    return check_value(answer, expected, "p_new", rtol=1e-4)


# --- Exercise 4 (harder) -------------------------------------------------------------------------------

def _step_parts() -> dict[str, float]:
    """The pieces of Exercise 4, each a typical wrong answer as well as a step of the right one.

    Mean loss L(s) = -[p log g(s) + (1 - p) log(1 - g(s))] with p = k/n; by the chain rule
    dL/ds = dL/dy_hat * dy_hat/ds, with dL/dy_hat = -p/y_hat + (1 - p)/(1 - y_hat) and dy_hat/ds = g(1 - g).
    """
    p, s, lr = EXERCISE4_K / EXERCISE4_N, EXERCISE4_S, EXERCISE4_LR
    y_hat = float(losses.sigmoid(s))
    dl_dyhat = -p / y_hat + (1 - p) / (1 - y_hat)
    slope = dl_dyhat * y_hat * (1 - y_hat)
    s_new = s - lr * slope
    return {"p": p, "y_hat": y_hat, "dl_dyhat": dl_dyhat, "slope": slope, "s_new": s_new,
            "y_hat_new": float(losses.sigmoid(s_new))}


@exercise(
    N_("Write the mean loss as a function of the one parameter s: every sample gets y_hat = g(s), and k of "
       "the n samples have y = 1. You need its slope at s = 0: a tiny nudge h of s works, and so "
       "does the chain rule."),
    N_("Chain rule: dL/ds = dL/dy_hat * dy_hat/ds. Section 2 gives dy_hat/ds; section 6 differentiates the "
       "total loss with respect to y_hat (divide by n for the mean)."),
    N_("One gradient step moves against the slope: new s = s - lr * slope. Where the slope is positive, "
       "s goes down."),
)
def constant_gradient_step(answer: Any) -> Verdict:
    """Exercise 4: s after one gradient step on the mean loss of a constant prediction y_hat = g(s).

    k = ``EXERCISE4_K`` positives among n = ``EXERCISE4_N``, from s = ``EXERCISE4_S`` with learning
    rate ``EXERCISE4_LR``: s_new = s - lr * dL/ds, where dL/ds = dL/dy_hat * g(s)(1 - g(s)).
    """
    part = _step_parts()
    s, lr, n = EXERCISE4_S, EXERCISE4_LR, EXERCISE4_N
    if close_to(answer, part["s_new"]):
        return Verdict(True, tr("new s = {s_new:.4g}: the prediction y_hat moves from {y_hat:.4f} "
                                "to {y_hat_new:.4f}, towards k/n = {p:.4g}.",
                                s_new=part["s_new"], y_hat=part["y_hat"], y_hat_new=part["y_hat_new"], p=part["p"]))
    wrong = {
        s + lr * part["slope"]: tr("new s went uphill: a gradient step subtracts lr times the slope."),
        part["slope"]: tr("new s is the slope itself; the step is the old s minus lr times the slope."),
        -part["slope"]: tr("new s moved by the slope alone: scale the step by the learning rate lr = {lr:g}.", lr=lr),
        s - lr * part["dl_dyhat"]: tr("new s used dL/dy_hat as the slope with respect to s: the chain rule "
                                      "also multiplies by dy_hat/ds."),
        s + lr * part["dl_dyhat"]: tr("new s used dL/dy_hat as the slope with respect to s (the chain rule "
                                      "also multiplies by dy_hat/ds), and went uphill."),
        part["y_hat_new"]: tr("new s is a probability: it looks like y_hat after the step, g(new s); the "
                              "exercise asks for s itself."),
        s - lr * n * part["slope"]: tr("new s used the slope of the total loss; the exercise takes the mean "
                                       "over the n = {n} samples.", n=n),
    }
    for value, message in wrong.items():
        if close_to(answer, value):
            return Verdict(False, message)
    return check_value(answer, part["s_new"], tr("new s"), rtol=1e-4)


# --- Exercise 5 (explain why) ----------------------------------------------------------------------

@exercise(
    N_("Make up two labels and two imperfect models, and compute both the product of the probabilities and "
       "the classmate's sum for each model. Do they prefer the same model?"),
    N_("Which function turns a product into a sum of one term per factor, and keeps the order of any two "
       "numbers? Is 1 - P such a function of P?"),
)
def why_not_one_minus_p(choice: Any) -> Verdict:
    """Exercise 5 of notebook 01: a classmate minimises sum_i (1 - P(y_i | x_i)), which too is smallest when
    every label gets probability 1. Does it train the maximum-likelihood model?"""
    return check_choice(choice, {
        "a": tr("confuses the same ideal point with the same winner: no real model reaches P = 1, and among "
                "imperfect models the two can disagree. For two labels, (0.5, 0.5) has the larger product "
                "(0.25 against 0.18), but (0.9, 0.2) has the smaller sum of 1 - P (0.9 against 1.0)."),
        "b": tr("confuses the numerical reason for the log with the principle: the classmate's sum never "
                "underflows, yet it is no logarithm of the likelihood, so it can prefer a model whose product "
                "of probabilities is smaller."),
        "c": tr("the log is the increasing function that turns the product into a sum, so the sum of -log P "
                "is smallest exactly where the product is largest. The sum of 1 - P adds other terms and can "
                "prefer a model with a smaller likelihood."),
        "d": tr("cannot happen: P is a probability between 0 and 1, so 1 - P is never negative. The "
                "classmate's loss fails for another reason."),
    }, right="c", what=tr("your choice"))
