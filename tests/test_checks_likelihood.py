"""Tests of notebook 01's exercise checkers: each accepts the reference solution (computed here
independently, with PyTorch), rejects the typical wrong answers with a diagnosis that names the
mistake, handles the placeholder without ever raising, and gives graduated hints that never give
the answer away."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers import checks


def verdict_text(verdict) -> str:
    return repr(verdict)


# --- Exercise 1: the slope of the sigmoid ------------------------------------------------------------

def torch_slope(s: float) -> float:
    t = torch.tensor(s, dtype=torch.float64, requires_grad=True)
    torch.sigmoid(t).backward()
    return t.grad.item()


def test_slope_accepts_the_reference() -> None:
    slope = torch_slope(checks.EXERCISE1_S)
    assert round(slope, 4) == 0.1491
    verdict = checks.sigmoid_slope(slope)
    assert verdict and verdict_text(verdict).startswith("Correct!")
    assert checks.sigmoid_slope(np.float32(slope))  # float32 precision is close enough
    assert checks.sigmoid_slope(torch.tensor(slope))


@pytest.mark.parametrize("answer, hint", [
    (..., "placeholder"),
    (None, "placeholder"),
    (1 / (1 + math.exp(-1.5)), "g(1.5) itself"),
    (1 / (1 + math.exp(1.5)), "only one of the two factors"),
    (-torch_slope(1.5), "negative"),
    (0.25, "the slope at s = 0"),
    (math.exp(-1.5), "one piece of the sigmoid's formula"),
    (0.2, "too large"),
    ("0.149", "should be a number"),
    ([0.149, 0.149], "shape"),
])
def test_slope_rejects_typical_slips(answer, hint) -> None:
    verdict = checks.sigmoid_slope(answer)
    assert not verdict
    assert hint in verdict.message


# --- Exercise 2: the total loss ----------------------------------------------------------------------

def reference_total() -> float:
    return F.binary_cross_entropy(torch.tensor(checks.EXERCISE2_Y_HAT, dtype=torch.float64),
                                  torch.tensor(checks.EXERCISE2_Y, dtype=torch.float64), reduction="sum").item()


def test_total_loss_accepts_the_reference() -> None:
    total = reference_total()
    assert round(total, 4) == 1.8122
    assert checks.total_loss(total)
    assert checks.total_loss(torch.tensor(total))
    assert "nats" in checks.total_loss(total).message


@pytest.mark.parametrize("answer, hint", [
    (..., "placeholder"),
    (reference_total() / 6, "is the mean over the 6 samples"),
    (-reference_total() / 6, "minus the mean"),
    (-reference_total(), "minus sign"),                      # the article's N-sample formula
    (reference_total() / math.log(2), "in bits where nats were asked"),
    (reference_total() / math.log(10), "in dits where nats were asked"),
    (math.inf, "never of the label y"),
    (math.nan, "nan"),
    (1.0, "too small"),
    ("1.81", "should be a number"),
    (-math.log(0.9) - math.log(0.6) - math.log(0.8), "only the samples with y = 1"),
    (-math.log(0.7) - math.log(0.9) - math.log(0.6), "only the samples with y = 0"),
])
def test_total_loss_rejects_typical_slips(answer, hint) -> None:
    verdict = checks.total_loss(answer)
    assert not verdict
    assert hint in verdict.message


# --- Exercise 3: one more unit of logit -------------------------------------------------------------

def reference_p_new() -> float:
    """P(spam) after the logit of P = 0.9 rises by 1, with PyTorch's logit and sigmoid."""
    s = torch.logit(torch.tensor(checks.EXERCISE3_P, dtype=torch.float64))
    return torch.sigmoid(s + 1).item()


def test_logit_plus_one_accepts_the_reference() -> None:
    p_new = reference_p_new()
    assert round(p_new, 4) == 0.9607
    assert p_new / (1 - p_new) == pytest.approx(9 * math.e, rel=1e-12)      # the odds grow by e
    verdict = checks.logit_plus_one(p_new)
    assert verdict and verdict_text(verdict).startswith("Correct!") and "e times" in verdict.message
    assert checks.logit_plus_one(np.float32(p_new)) and checks.logit_plus_one(torch.tensor(p_new))


@pytest.mark.parametrize("answer, hint", [
    (..., "placeholder"),
    (0.9 * math.e, "P times e"),                             # "a unit of logit multiplies P by e"
    (9 * math.e, "the new odds"),
    (math.log(9), "the logit of P = 0.9"),                   # the logit where the probability is asked
    (math.log(9) + 1, "the new logit"),
    (1 / (1 + math.exp(-1)), "the sigmoid of the rise alone"),
    (1 - reference_p_new(), "not spam"),
    (0.9, "the old probability"),
    (1.3, "outside [0, 1]"),
    (0.95, "too small"),
    ("0.96", "should be a number"),
    ([0.96, 0.04], "shape"),
])
def test_logit_plus_one_rejects_typical_slips(answer, hint) -> None:
    verdict = checks.logit_plus_one(answer)
    assert not verdict
    assert hint in verdict.message


# --- Exercise 4: one gradient step on a constant prediction ---------------------------------------

def reference_step() -> float:
    """s after one step of gradient descent on the mean BCE, the slope from PyTorch's autograd."""
    k, n = checks.EXERCISE4_K, checks.EXERCISE4_N
    s = torch.tensor(checks.EXERCISE4_S, dtype=torch.float64, requires_grad=True)
    labels = torch.tensor([1.0] * k + [0.0] * (n - k), dtype=torch.float64)
    F.binary_cross_entropy(torch.sigmoid(s).expand(n), labels).backward()
    return (s - checks.EXERCISE4_LR * s.grad).item()


def test_gradient_step_accepts_the_reference() -> None:
    s_new = reference_step()
    assert s_new == pytest.approx(-0.4, abs=1e-12)          # slope g(0) - k/n = 0.2, times lr = 2
    verdict = checks.constant_gradient_step(s_new)
    assert verdict and "0.4013" in verdict.message and "towards k/n = 0.3" in verdict.message
    assert checks.constant_gradient_step(torch.tensor(s_new, requires_grad=True))
    assert checks.constant_gradient_step(np.float32(s_new))


@pytest.mark.parametrize("answer, hint", [
    (..., "placeholder"),
    (0.4, "went uphill"),
    (0.2, "the slope itself"),
    (-0.2, "learning rate"),
    (-1.6, "chain rule"),
    (1.6, "chain rule"),
    (1 / (1 + math.exp(0.4)), "a probability"),
    (-4.0, "total loss"),
    (-0.5, "too small"),
    ("-0.4", "should be a number"),
    ([-0.4, 0.4], "shape"),
])
def test_gradient_step_rejects_typical_slips(answer, hint) -> None:
    verdict = checks.constant_gradient_step(answer)
    assert not verdict
    assert hint in verdict.message


# --- Exercise 5 (explain why): a classmate's sum of 1 - P ------------------------------------------

def test_why_accepts_the_right_letter_however_written() -> None:
    for answer in ("c", "C", " (c) "):
        verdict = checks.why_not_one_minus_p(answer)
        assert verdict and verdict_text(verdict).startswith("Correct! (c):")
        assert "increasing" in verdict.message and "product" in verdict.message


@pytest.mark.parametrize("letter, misconception", [
    ("a", "same ideal point with the same winner"),   # the same optimum, so the same model
    ("b", "numerical reason for the log with the principle"),   # the log is only against underflow
    ("d", "never negative"),                          # 1 - P can be negative
])
def test_why_names_the_misconception_of_each_wrong_letter(letter, misconception) -> None:
    verdict = checks.why_not_one_minus_p(letter)
    assert not verdict and verdict_text(verdict).startswith(f"Not yet: ({letter}) ")
    assert misconception in verdict.message


@pytest.mark.parametrize("answer, hint", [
    (..., "placeholder"), ("e", "one letter of a, b, c, d"), (4, "as a string"), ("ad", "one letter"),
])
def test_why_reads_what_it_cannot_use(answer, hint) -> None:
    verdict = checks.why_not_one_minus_p(answer)
    assert not verdict and hint in verdict.message


def test_why_facts_of_the_diagnoses() -> None:
    """(a)'s counterexample, as the solution computes it: the likelihood and the sum of -log P prefer
    model A, the sum of 1 - P prefers model B."""
    a, b = torch.tensor([0.5, 0.5], dtype=torch.float64), torch.tensor([0.9, 0.2], dtype=torch.float64)
    assert (a.prod().item(), round(b.prod().item(), 2)) == (0.25, 0.18)
    assert ((1 - a).sum().item(), round((1 - b).sum().item(), 1)) == (1.0, 0.9)
    assert a.prod() > b.prod() and -a.log().sum() < -b.log().sum() and (1 - a).sum() > (1 - b).sum()
    verdict = checks.why_not_one_minus_p("a")
    assert "0.25 against 0.18" in verdict.message and "0.9 against 1.0" in verdict.message


# --- all five: one line, graduated hints that never give the answer away --------------------------------

CHECKERS = {
    checks.sigmoid_slope: ("0.149", "0.1491"),
    checks.total_loss: ("1.812", "1.8122"),
    checks.logit_plus_one: ("0.96", "0.9607", "2.197", "ln 9", "ln(9)"),
    checks.constant_gradient_step: ("-0.4", "0.2", "0.4013"),
    checks.why_not_one_minus_p: ("(c)", "\"c\"", "'c'"),
}


RIGHT = {"sigmoid_slope": lambda: torch_slope(checks.EXERCISE1_S), "total_loss": reference_total,
         "logit_plus_one": reference_p_new, "constant_gradient_step": reference_step,
         "why_not_one_minus_p": lambda: "c"}


def test_verdicts_show_one_line() -> None:
    for verdict in (checks.sigmoid_slope(...), checks.total_loss(0.3), checks.logit_plus_one(2.4),
                    checks.constant_gradient_step(1.0)):
        assert "\n" not in repr(verdict) and "\n" not in verdict._repr_html_()


@pytest.mark.parametrize("checker", list(CHECKERS), ids=lambda c: c.__name__)
def test_hints_are_graduated_and_never_give_the_answer_away(checker) -> None:
    assert len(checker.hints) >= 2
    assert len(set(checker.hints)) == len(checker.hints)
    for text in checker.hints:
        for answer in CHECKERS[checker]:
            assert answer not in text, f"{checker.__name__}: a hint gives away {answer!r}: {text}"
    assert checker(RIGHT[checker.__name__]())                      # a right answer resets the streak
    wrong = 12345.0
    shown = [checker(wrong) for _ in range(len(checker.hints) + 2)]
    assert [v.level for v in shown] == [*range(len(checker.hints) + 1), len(checker.hints)]
    for verdict in shown:
        for answer in CHECKERS[checker]:
            assert answer not in verdict.message, f"{checker.__name__}: a diagnosis gives away {answer!r}"
