"""Tests of notebook 07's exercise checkers: right answers pass, each known slip is named, the hints
climb without giving the answer away, and the cases stay intact.

Expected values come from closed forms, PyTorch's label smoothing and an ECE written out with loops.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn as nn

from helpers import checks
from helpers.checks import training as tc
from tests.references import ece_by_loops

CHECKERS = [checks.initial_loss_26_classes, checks.ece_function, checks.smoothed_confidence,
            checks.why_reading_counts, checks.fitted_temperature]


def test_public_names_are_exported() -> None:
    for name in tc.__all__:
        assert getattr(checks, name) is getattr(tc, name)


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
def test_each_checker_has_graduated_hints(checker) -> None:
    assert getattr(checker, "__exercise__", False) and len(checker.hints) >= 2
    first = checker(..., hint=0)
    assert not first.ok and first.level == 0
    assert [checker(..., hint=k).level for k in range(1, len(checker.hints) + 1)] == \
        list(range(1, len(checker.hints) + 1))


def test_no_hint_gives_the_answer_away() -> None:
    everything = " ".join(h for c in CHECKERS for h in c.hints)
    assert "3.258" not in everything and "ln 26" not in everything and "ln(26)" not in everything
    assert "0.91" not in everything and "1 - eps + eps" not in everything
    assert "0.54" not in everything and "(c)" not in everything
    assert "def " not in everything and "np." not in everything


def test_cases_are_read_only_tuples() -> None:
    assert isinstance(tc.ECE_CASES, tuple)
    for case in tc.ECE_CASES:
        assert isinstance(case, tuple)
        assert all(not a.flags.writeable for a in case if isinstance(a, np.ndarray))


# --- Exercise 1 --------------------------------------------------------------------------------------
def test_initial_loss_for_26_letters() -> None:
    loss = nn.CrossEntropyLoss()(torch.zeros(5, 26, dtype=torch.float64), torch.tensor([0, 3, 7, 12, 25])).item()
    assert checks.initial_loss_26_classes(loss)
    assert checks.initial_loss_26_classes(np.float32(math.log(26)))
    assert checks.initial_loss_26_classes(torch.tensor(math.log(26)))
    assert "probability" in checks.initial_loss_26_classes(1 / 26).message
    assert "10 classes" in checks.initial_loss_26_classes(math.log(10)).message
    assert "bits" in checks.initial_loss_26_classes(math.log2(26)).message
    assert "sign" in checks.initial_loss_26_classes(-math.log(26)).message
    assert "number of classes" in checks.initial_loss_26_classes(26).message


# --- Exercise 2 --------------------------------------------------------------------------------------
def test_ece_function_accepts_a_correct_loop() -> None:
    assert checks.ece_function(lambda p, y, n: ece_by_loops(p, y, n))
    for probs, labels, n_bins in tc.ECE_CASES:  # the reference agrees with the loop on every case
        from helpers.calibration import expected_calibration_error

        assert expected_calibration_error(probs, labels, n_bins) == pytest.approx(ece_by_loops(probs, labels, n_bins))


def test_ece_function_names_the_slips() -> None:
    assert "share of the samples" in checks.ece_function(lambda p, y, n: tc._unweighted_ece(p, y, n)).message
    assert "cancel" in checks.ece_function(lambda p, y, n: tc._signed_ece(p, y, n)).message
    assert "returns nothing" in checks.ece_function(lambda p, y, n: None).message
    assert "raised" in checks.ece_function(lambda p, y, n: 1 / 0).message
    assert "placeholder" in checks.ece_function(...).message


def test_ece_function_survives_a_mutating_answer() -> None:
    def mutate(p, y, n):
        p[...] = 0.0
        y[...] = 0
        return 0.0

    before = [tuple(np.array(a, copy=True) for a in case[:2]) for case in tc.ECE_CASES]
    assert not checks.ece_function(mutate)
    for (p, y), case in zip(before, tc.ECE_CASES):
        np.testing.assert_array_equal(case[0], p)
        np.testing.assert_array_equal(case[1], y)
    assert checks.ece_function(lambda p, y, n: ece_by_loops(p, y, n))


# --- Exercise 3 --------------------------------------------------------------------------------------
def test_smoothed_confidence_is_where_the_smoothed_loss_is_smallest() -> None:
    # minimise PyTorch's smoothed loss over free logits: the optimum puts 0.91 on the true class
    z = torch.zeros(1, 10, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([z], max_iter=200, tolerance_grad=1e-14, tolerance_change=1e-16)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)

    def closure():
        optimizer.zero_grad()
        loss = loss_fn(z, torch.tensor([4]))
        loss.backward()
        return loss

    optimizer.step(closure)
    best = torch.softmax(z, dim=1)[0, 4].item()
    assert best == pytest.approx(0.91, abs=1e-6)
    assert checks.smoothed_confidence(best)
    assert "1 - eps" in checks.smoothed_confidence(0.9).message
    assert "not one-hot" in checks.smoothed_confidence(1.0).message
    assert "wrong class" in checks.smoothed_confidence(0.01).message


# --- Exercise 4 --------------------------------------------------------------------------------------
def test_why_reading_counts_by_the_bins_interval() -> None:
    from scipy.stats import binomtest

    ci = binomtest(3, 7).proportion_ci(method="wilson")        # the bin of 7 images, 3 right, at 1,000 steps
    assert (f"{ci.low:.3f}", f"{ci.high:.3f}") == ("0.158", "0.750") and ci.low < 0.667 < ci.high
    assert checks.why_reading_counts("b") and checks.why_reading_counts(" (B) ")
    assert "without its count" in checks.why_reading_counts("a").message
    assert "noise with noise" in checks.why_reading_counts("c").message
    assert "share" in checks.why_reading_counts("d").message and "fell" in checks.why_reading_counts("d").message
    assert "placeholder" in checks.why_reading_counts(...).message


# --- Exercise 5 --------------------------------------------------------------------------------------
def test_fitted_temperature_accepts_the_grid_best_and_names_the_slips() -> None:
    assert checks.fitted_temperature(0.54) and checks.fitted_temperature(tc.BEST_T_VALIDATION)
    assert checks.fitted_temperature(np.float64(0.54)) and checks.fitted_temperature(torch.tensor(0.54))
    assert "test images" in checks.fitted_temperature(0.52).message
    assert "trained on" in checks.fitted_temperature(0.25).message
    assert "multiplied" in checks.fitted_temperature(1.85).message
    assert "argmax" in checks.fitted_temperature(3.0).message
    assert "as they are" in checks.fitted_temperature(1.0).message
    assert "positive" in checks.fitted_temperature(-0.54).message
    assert "too large" in checks.fitted_temperature(0.7).message
    assert "position" in checks.fitted_temperature(34).message and "position" in checks.fitted_temperature(np.int64(34)).message


def test_the_temperature_slips_are_told_apart() -> None:
    slips = [tc.BEST_T_TEST, tc.BEST_T_TRAINING, 1 / tc.BEST_T_VALIDATION, *tc.T_GRID, 1.0]
    assert all(abs(t - tc.BEST_T_VALIDATION) > 0.01 for t in slips)
