"""Tests of notebook 00a's exercise checkers: each accepts the reference answer (computed here
independently, with PyTorch), names the typical slips, handles the placeholder without raising, and
gives hints that do not give the answer away."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from helpers import checks

Q = torch.tensor(checks.ONRAMP_Q, dtype=torch.float64)
Y = torch.tensor(checks.ONRAMP_Y)
LOSSES = torch.nn.functional.nll_loss(torch.log(Q), Y, reduction="none").numpy()
Z = torch.tensor(checks.ONRAMP_LOGITS, dtype=torch.float64)
SHIFTED = (Z - Z.amax(dim=1, keepdim=True)).numpy()


def autograd_gradient() -> np.ndarray:
    g = checks.ONRAMP_GRAPH
    w = torch.tensor(g["w"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(g["b"], dtype=torch.float64, requires_grad=True)
    x = torch.tensor(g["x"], dtype=torch.float64, requires_grad=True)
    ((w * x + b - g["t"]) ** 2).backward()
    return np.array([w.grad.item(), b.grad.item(), x.grad.item()])


GRAD = autograd_gradient()


# --- Exercise 1: the loss of each sample, picked by its label -----------------------------------------

def test_losses_accept_the_reference() -> None:
    assert checks.check_losses_by_label(LOSSES).ok
    assert checks.check_losses_by_label(torch.from_numpy(LOSSES)).ok
    assert checks.check_losses_by_label(list(LOSSES)).ok


q, y = Q.numpy(), Y.numpy()


@pytest.mark.parametrize("answer, words", [
    (..., "placeholder"),
    (-np.log(q[:, y]), "whole columns"),
    (-np.log(q[y]), "whole rows"),
    (-np.log(q), "every probability"),
    (q[np.arange(5), y], "minus their log"),
    (LOSSES.mean(), "the mean"),
    (LOSSES.sum(), "the sum"),
    (-LOSSES, "wrong sign"),
    (LOSSES / np.log(2), "bits"),
    ("0.36", "should be a number"),
])
def test_losses_name_the_slip(answer, words) -> None:
    verdict = checks.check_losses_by_label(answer)
    assert not verdict.ok and words in verdict.message, verdict.message


# --- Exercise 2: each row minus its largest entry -------------------------------------------------------

def test_shift_accepts_the_reference() -> None:
    assert checks.check_shift_rows(SHIFTED).ok
    assert checks.check_shift_rows(torch.from_numpy(SHIFTED)).ok


z = Z.numpy()


@pytest.mark.parametrize("answer, words", [
    (..., "placeholder"),
    (z - z.max(), "whole batch"),
    (z - z.max(axis=0, keepdims=True), "each column"),
    (z.max(axis=1, keepdims=True) - z, "wrong way round"),
    (z - z.mean(axis=1, keepdims=True), "mean"),
    (z.max(axis=1), "row maxima themselves"),
    (z.max(axis=1, keepdims=True), "row maxima themselves"),
    (z, "too large"),
    (np.zeros(3), "shape"),
])
def test_shift_names_the_slip(answer, words) -> None:
    verdict = checks.check_shift_rows(answer)
    assert not verdict.ok and words in verdict.message, verdict.message


# --- Exercise 3: the gradient by hand ---------------------------------------------------------------------

def test_gradient_accepts_autograds() -> None:
    assert checks.check_gradient_by_hand(tuple(GRAD[:2])).ok
    assert checks.check_gradient_by_hand(list(GRAD[:2])).ok
    assert checks.check_gradient_by_hand(np.array(GRAD[:2])).ok


dw, db, dx = GRAD


@pytest.mark.parametrize("answer, words", [
    (..., "placeholder"),
    ((dw / 2, db / 2), "factor 2"),
    ((-dw, -db), "wrong sign"),
    ((db, dw), "swapped"),
    ((db, db), "local derivative"),
    ((dx, db), "dL/dx"),
    ((dw, dw), "is 1"),
    (dw, "two numbers"),
    ((dw, db, dx), "two numbers"),
    ((0.0, 0.0), "too large"),
])
def test_gradient_names_the_slip(answer, words) -> None:
    verdict = checks.check_gradient_by_hand(answer)
    assert not verdict.ok and words in verdict.message, verdict.message


# --- Exercise 4: why keepdims ---------------------------------------------------------------------------

def test_why_keepdims_right_letter_passes() -> None:
    for answer in ("c", "C", " (c) "):
        verdict = checks.why_keepdims(answer)
        assert verdict.ok and repr(verdict).startswith("Correct! (c):")


@pytest.mark.parametrize("letter, words", [
    ("a", "confuses the axes"),
    ("b", "Python 2"),
    ("d", "rounding"),
])
def test_why_keepdims_names_each_misconception(letter, words) -> None:
    verdict = checks.why_keepdims(letter)
    assert not verdict.ok and repr(verdict).startswith(f"Not yet: ({letter})") and words in verdict.message


def test_why_keepdims_each_wrong_letter_has_its_own_diagnosis() -> None:
    messages = {checks.why_keepdims(letter).message for letter in "abd"}
    assert len(messages) == 3


# --- hints ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("checker, answer", [
    (checks.check_losses_by_label, LOSSES), (checks.check_shift_rows, SHIFTED),
    (checks.check_gradient_by_hand, GRAD[:2]), (checks.why_keepdims, "c"),
])
def test_hints_never_give_the_answer_away(checker, answer) -> None:
    assert len(checker.hints) >= 2
    shown = " ".join(checker.hints)
    for value in np.ravel(answer) if not isinstance(answer, str) else []:
        if value != 0:
            assert f"{value:.2f}" not in shown and f"{value:g}" not in shown
    assert "placeholder" in checker(...).message
