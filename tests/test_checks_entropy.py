"""Tests of notebook 03's exercise checks: each accepts the reference solution, rejects the typical
wrong answers with the right hint, handles the placeholder, and never raises."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy.stats import entropy as scipy_entropy

from helpers import checks

LN2 = math.log(2)


def not_ok(verdict, *fragments: str) -> None:
    assert not verdict.ok, verdict.message
    for fragment in fragments:
        assert fragment in verdict.message, verdict.message


# --- Exercise 1: a third shooter, p = 0.75 ---------------------------------------------------------

def test_third_shooter_accepts_the_solution() -> None:
    reference = float(scipy_entropy([0.75, 0.25], base=2))   # independent reference: 0.8113 bits
    assert round(reference, 4) == 0.8113
    for answer in (reference, np.float32(reference),
                   torch.distributions.Bernoulli(probs=torch.tensor(0.75)).entropy() / LN2):
        verdict = checks.third_shooter_entropy(answer)
        assert verdict.ok and "0.811278" in verdict.message and "bits" in verdict.message, verdict.message


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (-0.75 * math.log2(0.75), ["only one of the two terms"]),
    (-0.25 * math.log2(0.25), ["only one of the two terms"]),
    (-math.log2(0.75), ["information content of one outcome"]),
    (-math.log2(0.25), ["information content of one outcome"]),
    (float(scipy_entropy([0.75, 0.25])), ["nats where bits were asked"]),
    (-float(scipy_entropy([0.75, 0.25], base=2)), ["minus sign"]),
    (0.4690, ["too small"]),
    ("0.81", ["should be a number"]),
])
def test_third_shooter_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.third_shooter_entropy(answer), *fragments)


# --- Exercise 2: bernoulli_entropy(p) --------------------------------------------------------------

def safe_entropy(p):
    if p in (0.0, 1.0):
        return 0.0
    return -(p * np.log2(p) + (1 - p) * np.log2(1 - p))


def torch_entropy(p):
    t = torch.tensor(p, dtype=torch.float64)
    return (torch.special.entr(t) + torch.special.entr(1 - t)) / LN2


def test_bernoulli_entropy_accepts_correct_functions() -> None:
    for fn in (safe_entropy, torch_entropy, lambda p: scipy_entropy([p, 1 - p], base=2)):
        verdict = checks.bernoulli_entropy_function(fn)
        assert verdict.ok and "6 inputs" in verdict.message, verdict.message


def naive(p):
    return -(p * np.log2(p) + (1 - p) * np.log2(1 - p))


def placeholder_function(p):
    ...


@pytest.mark.parametrize("fn, fragments", [
    (..., ["placeholder"]),
    (placeholder_function, ["placeholder"]),
    (naive, ["bernoulli_entropy(0)", "nan", "0 log 0"]),           # forgot 0 log 0 = 0
    (lambda p: float(scipy_entropy([p, 1 - p])), ["nats where bits were asked"]),
    (lambda p: -safe_entropy(p), ["minus sign"]),
    (lambda p: 0.0 if p in (0, 1) else -p * np.log2(p), ["too small"]),  # one term only
    (lambda p: math.log2(p) * p, ["bernoulli_entropy(0.1)"]),
    ("not a function", ["should be a function"]),
])
def test_bernoulli_entropy_diagnoses_mistakes(fn, fragments) -> None:
    not_ok(checks.bernoulli_entropy_function(fn), *fragments)


def test_bernoulli_entropy_check_is_silent_about_log_zero(recwarn) -> None:
    checks.bernoulli_entropy_function(naive)
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


# --- Exercise 3: the loaded die --------------------------------------------------------------------

def test_loaded_die_accepts_the_solution() -> None:
    loaded = [0.1, 0.1, 0.1, 0.1, 0.1, 0.5]
    reference = float(scipy_entropy(loaded, base=2))
    assert round(reference, 4) == 2.1610 and reference < math.log2(6)
    assert checks.loaded_die_entropy(reference).ok
    assert checks.loaded_die_entropy(torch.distributions.Categorical(probs=torch.tensor(loaded)).entropy() / LN2).ok


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (math.log2(6), ["FAIR die"]),
    (1.0, ["information content of a six alone"]),
    (float(scipy_entropy([0.1] * 5 + [0.5])), ["nats where bits were asked"]),
    (np.array([2.1610, 2.1610]), ["shape"]),
    (5.0, ["too large"]),
])
def test_loaded_die_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.loaded_die_entropy(answer), *fragments)


# --- Exercise 4: the plug-in estimate after 7 hits in 50 shots -------------------------------------

def test_plugin_estimate_accepts_the_solution() -> None:
    reference = float(scipy_entropy([7, 43], base=2))   # SciPy normalises the counts itself
    assert round(reference, 4) == 0.5842
    verdict = checks.plugin_entropy_estimate(reference)
    assert verdict.ok and "0.584" in verdict.message


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (float(scipy_entropy([0.1, 0.9], base=2)), ["TRUE entropy"]),
    (7 / 50, ["observed frequency"]),
    (float(scipy_entropy([7, 43])), ["nats where bits were asked"]),
    (-float(scipy_entropy([7, 43], base=2)), ["minus sign"]),
    (None, ["placeholder"]),
])
def test_plugin_estimate_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.plugin_entropy_estimate(answer), *fragments)
