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


# --- Exercise 3: the best constant prediction ----------------------------------------------------------

def test_best_constant_accepts_k_over_n_and_a_grid_search() -> None:
    labels = np.array(checks.EXERCISE3_LABELS)
    assert (labels.sum(), labels.size) == (7, 20)
    assert checks.best_constant(0.35)
    grid = np.linspace(0.01, 0.99, 99)                       # a coarse grid: step 0.01
    losses = [F.binary_cross_entropy(torch.full((20,), q, dtype=torch.float64),
                                     torch.tensor(labels, dtype=torch.float64)).item() for q in grid]
    assert checks.best_constant(grid[int(np.argmin(losses))])
    assert checks.best_constant(0.354)                        # within the grid tolerance 0.005


@pytest.mark.parametrize("answer, hint", [
    (..., "placeholder"),
    (0.65, "fraction of negatives"),
    (7, "count of positives"),
    (-(0.35 * math.log(0.35) + 0.65 * math.log(0.65)), "smallest mean loss itself"),
    (349, "a position in your grid"),
    (0.999, "np.argmin, not np.argmax"),
    (-0.3, "outside [0, 1]"),
    (0.5, "too large"),
    (0.2, "too small"),
    (0.36, "too large"),                                      # outside the 0.005 tolerance
    ("0.35", "should be a number"),
    (np.array([0.35, 0.65]), "shape"),
])
def test_best_constant_rejects_typical_slips(answer, hint) -> None:
    verdict = checks.best_constant(answer)
    assert not verdict
    assert hint in verdict.message


# --- Exercise 4: a mean BCE function -----------------------------------------------------------------

def reference_bce(y_hat, y):
    return F.binary_cross_entropy(torch.as_tensor(y_hat, dtype=torch.float64),
                                  torch.as_tensor(y, dtype=torch.float64)).item()


def test_bce_function_accepts_the_reference_and_equivalent_forms() -> None:
    assert checks.mean_bce_function(reference_bce)
    assert checks.mean_bce_function(lambda q, y: -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)))
    assert checks.mean_bce_function(lambda q, y: -np.mean(np.log(np.where(y == 1, q, 1 - q))))


def placeholder_function(y_hat, y):
    ...


@pytest.mark.parametrize("fn, hint", [
    (..., "still the placeholder"),
    (placeholder_function, "still the placeholder"),         # the shipped `def bce(...): ...`
    (lambda q, y: -np.sum(y * np.log(q) + (1 - y) * np.log(1 - q)), "returns the sum"),
    (lambda q, y: np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)), "minus sign"),
    (lambda q, y: np.sum(y * np.log(q) + (1 - y) * np.log(1 - q)), "the article's N-sample formula"),
    (lambda q, y: -np.mean(q * np.log(y) + (1 - q) * np.log(1 - y)), "never of the label y"),
    (lambda q, y: -np.mean(y * np.log2(q) + (1 - y) * np.log2(1 - q)), "in bits where nats were asked"),
    (lambda q, y: -np.mean(y * np.log(y) + (1 - y) * np.log(1 - y)), "nan"),   # the article's opening formula
    (lambda q, y: 1 / 0, "raised ZeroDivisionError"),
    (lambda q: q, "raised TypeError"),
    (42, "should be a function"),
])
def test_bce_function_rejects_typical_slips(fn, hint) -> None:
    with np.errstate(divide="ignore", invalid="ignore"):
        verdict = checks.mean_bce_function(fn)
    assert not verdict
    assert hint in verdict.message


def mutates_its_inputs(y_hat, y):
    y_hat[...] = 0.5
    y[...] = 1.0
    return 0.0


def test_a_mutating_function_cannot_change_a_later_verdict() -> None:
    # Before the checks copied their cases, a function like this one broke every later check.
    first = checks.mean_bce_function(mutates_its_inputs)
    assert not first and not checks.mean_bce_function(mutates_its_inputs)
    assert checks.mean_bce_function(mutates_its_inputs).message == first.message
    assert checks.mean_bce_function(reference_bce)


# --- Exercise 5: one gradient step on a constant prediction ---------------------------------------

def reference_step() -> float:
    """s after one step of gradient descent on the mean BCE, the slope from PyTorch's autograd."""
    k, n = checks.EXERCISE5_K, checks.EXERCISE5_N
    s = torch.tensor(checks.EXERCISE5_S, dtype=torch.float64, requires_grad=True)
    labels = torch.tensor([1.0] * k + [0.0] * (n - k), dtype=torch.float64)
    F.binary_cross_entropy(torch.sigmoid(s).expand(n), labels).backward()
    return (s - checks.EXERCISE5_LR * s.grad).item()


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


# --- Exercise 6 (explain why): minimise the negative log-likelihood ---------------------------------

def test_why_accepts_the_right_letter_however_written() -> None:
    for answer in ("d", "D", " (d) "):
        verdict = checks.why_minimise_the_negative_log(answer)
        assert verdict and verdict_text(verdict).startswith("Correct! (d):")
        assert "order" in verdict.message and "underflow" in verdict.message


@pytest.mark.parametrize("letter, misconception", [
    ("a", "changes which model wins"),            # the log changes the maximiser
    ("b", "direction backwards"),                 # the product overflows (it underflows)
    ("c", "drops the minus sign"),                # the article's N-sample slip
])
def test_why_names_the_misconception_of_each_wrong_letter(letter, misconception) -> None:
    verdict = checks.why_minimise_the_negative_log(letter)
    assert not verdict and verdict_text(verdict).startswith(f"Not yet: ({letter}) ")
    assert misconception in verdict.message


@pytest.mark.parametrize("answer, hint", [
    (..., "placeholder"), ("e", "one letter of a, b, c, d"), (4, "as a string"), ("ad", "one letter"),
])
def test_why_reads_what_it_cannot_use(answer, hint) -> None:
    verdict = checks.why_minimise_the_negative_log(answer)
    assert not verdict and hint in verdict.message


def test_why_facts_of_the_diagnoses() -> None:
    """What the diagnoses claim: the log keeps the order, and a product of probabilities underflows."""
    p = torch.linspace(0.3, 0.99, 3000, dtype=torch.float64)
    assert torch.prod(p).item() == 0.0 and torch.isfinite(torch.log(p).sum())
    a, b = torch.tensor([0.2, 0.3], dtype=torch.float64), torch.tensor([0.25, 0.35], dtype=torch.float64)
    assert (a.prod() < b.prod()) == (a.log().sum() < b.log().sum())


# --- all six: one line, graduated hints that never give the answer away --------------------------------

CHECKERS = {
    checks.sigmoid_slope: ("0.149", "0.1491"),
    checks.total_loss: ("1.812", "1.8122"),
    checks.best_constant: ("0.35", "7/20", "7 / 20"),
    checks.mean_bce_function: ("np.mean(", "-np.mean", "return "),
    checks.constant_gradient_step: ("-0.4", "0.2", "0.4013"),
    checks.why_minimise_the_negative_log: ("(d)", "\"d\"", "'d'"),
}


RIGHT = {"sigmoid_slope": lambda: torch_slope(checks.EXERCISE1_S), "total_loss": reference_total,
         "best_constant": lambda: 0.35, "mean_bce_function": lambda: reference_bce,
         "constant_gradient_step": reference_step, "why_minimise_the_negative_log": lambda: "d"}


def test_verdicts_show_one_line() -> None:
    for verdict in (checks.sigmoid_slope(...), checks.total_loss(0.3), checks.best_constant(0.65),
                    checks.mean_bce_function(reference_bce), checks.constant_gradient_step(1.0)):
        assert "\n" not in repr(verdict) and "\n" not in verdict._repr_html_()


@pytest.mark.parametrize("checker", list(CHECKERS), ids=lambda c: c.__name__)
def test_hints_are_graduated_and_never_give_the_answer_away(checker) -> None:
    assert len(checker.hints) >= 2
    assert len(set(checker.hints)) == len(checker.hints)
    for text in checker.hints:
        for answer in CHECKERS[checker]:
            assert answer not in text, f"{checker.__name__}: a hint gives away {answer!r}: {text}"
    assert checker(RIGHT[checker.__name__]())                      # a right answer resets the streak
    wrong = (lambda q, y: 0.0) if checker is checks.mean_bce_function else 12345.0
    shown = [checker(wrong) for _ in range(len(checker.hints) + 2)]
    assert [v.level for v in shown] == [*range(len(checker.hints) + 1), len(checker.hints)]
    for verdict in shown:
        for answer in CHECKERS[checker]:
            assert answer not in verdict.message, f"{checker.__name__}: a diagnosis gives away {answer!r}"
