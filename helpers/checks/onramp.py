"""Exercise checks for notebook 00a (the on-ramp: NumPy, PyTorch and autograd): one-line verdicts.

Each checker recognises the typical slips of array code (a whole column picked where one entry per
row was meant, a reduction over the wrong axis or over everything, a sum that lost its axis) and of
the chain rule (a local derivative left out, the sign of s - t turned round), names them, and gives
graduated hints that lead towards the answer without giving it away.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from helpers.checks.core import Verdict, as_numbers, check_choice, check_value, exercise, is_placeholder
from helpers.i18n import N_, tr

__all__ = ["ONRAMP_Q", "ONRAMP_Y", "ONRAMP_LOGITS", "ONRAMP_GRAPH", "check_losses_by_label",
           "check_shift_rows", "check_gradient_by_hand", "why_keepdims"]

# Exercise 1: five samples, three classes: the model's probabilities q (each row sums to 1) and the labels.
ONRAMP_Q: tuple[tuple[float, ...], ...] = ((0.7, 0.2, 0.1), (0.1, 0.8, 0.1), (0.3, 0.3, 0.4), (0.25, 0.5, 0.25),
                                           (0.6, 0.3, 0.1))
ONRAMP_Y: tuple[int, ...] = (0, 1, 2, 0, 2)
# Exercise 2: a batch of five samples' logits over three classes.
ONRAMP_LOGITS: tuple[tuple[float, ...], ...] = ((2.0, 1.0, 0.1), (0.5, 2.5, 0.3), (1.2, 0.2, 3.0), (-1.0, -2.0, -0.5),
                                                (0.0, 0.0, 0.0))
# Exercise 3: s = w x + b, L = (s - t)^2 at these inputs (s = -0.5, L = 6.25, dL/ds = -5).
ONRAMP_GRAPH: dict[str, float] = {"x": 3.0, "w": -0.5, "b": 1.0, "t": 2.0}


def _q() -> np.ndarray:
    return np.array(ONRAMP_Q)


def _y() -> np.ndarray:
    return np.array(ONRAMP_Y)


def _losses() -> np.ndarray:
    q, y = _q(), _y()
    return np.asarray(-np.log(q[np.arange(len(y)), y]))


def _same(got: np.ndarray | None, expected: np.ndarray) -> bool:
    return got is not None and got.shape == expected.shape and bool(np.allclose(got, expected, rtol=1e-4, atol=1e-8))


@exercise(
    N_("Each sample needs one number: the probability the model gave to its own label. Which row and "
       "which column hold it for sample i?"),
    N_("Index with two arrays of the same length, rows and columns: the first says which row, the second "
       "which column, pair by pair. The rows are 0, 1, ..., N - 1."),
    N_("Then take minus the natural log of the five picked probabilities (np.log is the natural log: nats)."),
)
def check_losses_by_label(answer: Any) -> Verdict:
    """Exercise 1 of notebook 00a: each sample's loss -ln q[i, y_i], in nats, picked by its label."""
    expected = _losses()
    q, y = _q(), _y()
    got = as_numbers(answer)
    slips = (
        (-np.log(q[:, y]), tr("q[:, y] picks whole columns, one per label: a 5 x 5 array. Pair each row with "
                              "its own label instead, so that each sample gives one number.")),
        (-np.log(q[y]), tr("q[y] picks whole rows, chosen by the labels: it treats the labels as sample numbers. "
                           "Pick row i's entry in column y[i].")),
        (-np.log(q), tr("that is minus the log of every probability in q; each sample's loss uses only the "
                        "entry at its own label.")),
        (q[np.arange(len(y)), y], tr("those are the picked probabilities themselves; the loss is minus their log.")),
        (np.array(expected.mean()), tr("that is one number, the mean over the batch; the exercise asks for each "
                                       "sample's loss, an array of five.")),
        (np.array(expected.sum()), tr("that is one number, the sum over the batch; the exercise asks for each "
                                      "sample's loss, an array of five.")),
    )
    for value, diagnosis in slips:
        if got is not None and (_same(got, np.asarray(value)) or got.size == 1 == np.size(value)
                                and np.isclose(float(got.reshape(())), float(value), rtol=1e-4)):
            return Verdict(False, diagnosis)
    return check_value(answer, expected, tr("the per-sample losses"), unit="nats")


def _logits() -> np.ndarray:
    return np.array(ONRAMP_LOGITS)


@exercise(
    N_("Each row is shifted by its own largest entry: first find the five row maxima, one per sample."),
    N_("z.max(axis=1) gives the row maxima with shape (5,); to subtract them row by row they need the "
       "shape (5, 1)."),
    N_("keepdims=True keeps the summed-away axis with length 1, so broadcasting stretches it across each row."),
)
def check_shift_rows(answer: Any) -> Verdict:
    """Exercise 2 of notebook 00a: subtract each row's largest logit from that row, z - max over classes."""
    z = _logits()
    expected = z - z.max(axis=1, keepdims=True)
    if is_placeholder(answer):
        return check_value(answer, expected, tr("the shifted logits"))
    got = as_numbers(answer)
    slips = (
        (z - z.max(), tr("every row was shifted by the largest entry of the whole batch; each row needs its own "
                         "largest entry (a max over axis=1).")),
        (z - z.max(axis=0, keepdims=True), tr("that shifts each column by the column's largest entry (axis=0, "
                                              "over the samples); the max is wanted over the classes of each row.")),
        (z.max(axis=1, keepdims=True) - z, tr("the subtraction is the wrong way round: the largest entry of each "
                                              "row should become 0 and the others negative.")),
        (z - z.mean(axis=1, keepdims=True), tr("that subtracts each row's mean; the exercise asks for its largest "
                                               "entry.")),
        (z.max(axis=1), tr("those are the row maxima themselves; subtract them from their rows.")),
        (z.max(axis=1, keepdims=True), tr("those are the row maxima themselves; subtract them from their rows.")),
    )
    for value, diagnosis in slips:
        if _same(got, value):
            return Verdict(False, diagnosis)
    verdict = check_value(answer, expected, tr("the shifted logits"))
    if not verdict.ok and got is not None and got.shape == expected.shape and np.allclose(-got, expected):
        return Verdict(False, tr("the shifted logits have the wrong sign: the largest entry of each row should "
                                 "become 0 and the others negative."), diagnosis="sign")
    return verdict


def _graph_gradient() -> np.ndarray:
    g = ONRAMP_GRAPH
    s = g["w"] * g["x"] + g["b"]
    dl_ds = 2.0 * (s - g["t"])
    return np.array([dl_ds * g["x"], dl_ds * 1.0])


@exercise(
    N_("Forward first: compute s, then L. Then backward: the derivative of L = (s - t)^2 with respect to s."),
    N_("The chain rule multiplies along the path: dL/dw = dL/ds * ds/dw. What is ds/dw for s = w x + b? "
       "And ds/db?"),
    N_("dL/ds = 2 (s - t), with s from the forward pass; multiply it by each input's local derivative."),
)
def check_gradient_by_hand(answer: Any) -> Verdict:
    """Exercise 3 of notebook 00a: (dL/dw, dL/db) for s = w x + b, L = (s - t)^2, by the chain rule."""
    expected = _graph_gradient()
    g = ONRAMP_GRAPH
    s = g["w"] * g["x"] + g["b"]
    dl_ds = 2.0 * (s - g["t"])
    got = as_numbers(answer)
    if got is not None and got.size != 2 and not is_placeholder(answer):
        return Verdict(False, tr("the answer should be two numbers, (dL/dw, dL/db), in that order."), diagnosis="shape")
    slips = (
        (expected / 2, tr("both are half the gradient: the derivative of (s - t)^2 is 2 (s - t); the factor 2 "
                          "is missing.")),
        (-expected, tr("both have the wrong sign: the derivative of (s - t)^2 with respect to s is 2 (s - t), "
                       "not 2 (t - s).")),
        (expected[::-1], tr("the two are swapped: the answer is (dL/dw, dL/db), in that order.")),
        (np.array([dl_ds, dl_ds]), tr("both are dL/ds: the chain rule still multiplies by each input's local "
                                      "derivative, ds/dw = x and ds/db = 1.")),
        (np.array([dl_ds * g["w"], dl_ds]), tr("the first is dL/dx (dL/ds times w); dL/dw multiplies dL/ds by x, "
                                               "the input that w is multiplied with.")),
        (np.array([dl_ds * g["x"], dl_ds * g["x"]]), tr("dL/db multiplies dL/ds by ds/db, which is 1: b is added, "
                                                         "not multiplied by x.")),
    )
    for value, diagnosis in slips:
        if _same(got, value):
            return Verdict(False, diagnosis)
    return check_value(answer, expected, "(dL/dw, dL/db)")


@exercise(
    N_("Compare the shapes: counts has shape (3, 3); what shape does counts.sum(axis=1) have?"),
    N_("Broadcasting lines up shapes from the right: an array of shape (3,) pairs with the last axis of "
       "(3, 3). Which index of counts does entry j of the sums meet?"),
)
def why_keepdims(choice: Any) -> Verdict:
    """Exercise 4 of notebook 00a: why does counts / counts.sum(axis=1) give rows that do not sum to 1
    for a (3, 3) batch, without an error?"""
    return check_choice(choice, {
        "a": tr("confuses the axes: axis=1 does sum along each row, across its classes, and the three sums "
                "are the right ones; what goes wrong is which entries each sum divides."),
        "b": tr("is a belief from Python 2: in Python 3 and NumPy, / between whole numbers gives a float "
                "(// is the division that rounds down); the entries are divided, only by the wrong sums."),
        "c": tr("the row sums have shape (3,), and broadcasting lines a shape (3,) up with the last axis, "
                "the classes: entry (i, j) is divided by the sum of row j, not row i. With keepdims=True "
                "the sums have shape (3, 1) and stretch along each row; with a (4, 3) batch the same slip "
                "raises an error instead."),
        "d": tr("blames rounding, which is about 1e-16 in float64: these rows are off by far more than that, "
                "because each entry is divided by another row's sum."),
    }, right="c", what=tr("your choice"))
