"""Tests of notebook 02's exercise checks: each accepts the reference solution, rejects the typical
wrong answers with the right hint, handles the placeholder, and never raises."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from helpers import checks


def not_ok(verdict, *fragments: str) -> None:
    assert not verdict.ok, verdict.message
    for fragment in fragments:
        assert fragment in verdict.message, verdict.message


# --- Exercise 1: the ace of spades from a 52-card deck ---------------------------------------------

@pytest.mark.parametrize("answer", [-np.log2(1 / 52), math.log2(52), np.float32(5.7004397),
                                    torch.tensor(52.0).log2(), np.array(5.7004397), 2 + math.log2(13)])
def test_ace_of_spades_accepts_the_solution(answer) -> None:
    verdict = checks.ace_of_spades_information(answer)
    assert verdict.ok and "5.70044 bits" in verdict.message
    assert repr(verdict).startswith("Correct!")


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (None, ["placeholder"]),
    (math.log(52), ["nats where bits were asked"]),
    (math.log10(52), ["dits where bits were asked"]),
    (math.log2(1 / 52), ["minus sign"]),
    (1 / 52, ["probability 1/52"]),
    (2.0, ["suit alone"]),
    (math.log2(13), ["rank alone"]),
    (2 * math.log2(13), ["multiplied", "add"]),
    ("5.7", ["should be a number"]),
    ([5.7, 1.0], ["shape"]),
    (6.0, ["too large"]),
    (float("nan"), ["nan"]),
])
def test_ace_of_spades_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.ace_of_spades_information(answer), *fragments)


# --- Exercise 2: the probability of an outcome of 3 nats -------------------------------------------

@pytest.mark.parametrize("answer", [np.exp(-3), math.e ** -3, torch.exp(torch.tensor(-3.0)), np.float32(0.049787)])
def test_probability_from_nats_accepts_the_solution(answer) -> None:
    verdict = checks.probability_from_nats(answer)
    assert verdict.ok and "p = 0.0497" in verdict.message
    # the reference is an independent closed form: I(p) in nats gives back 3 nats
    assert math.isclose(-math.log(float(answer)), 3.0, rel_tol=1e-5)


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (2.0 ** -3, ["bits", "np.exp"]),
    (10.0 ** -3, ["dits", "np.exp"]),
    (math.exp(3), ["larger than 1", "minus sign"]),
    (-3.0, ["ln p"]),
    (-math.exp(-3), ["between 0 and 1"]),
    (math.exp(-3) * math.log(2), ["between 0 and 1"]),
    (0.5, ["too large"]),
    ("0.05", ["should be a number"]),
    (float("nan"), ["nan"]),
])
def test_probability_from_nats_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.probability_from_nats(answer), *fragments)


# --- Exercise 3: information_bits(p) ---------------------------------------------------------------

def test_information_bits_accepts_correct_functions() -> None:
    assert checks.information_bits_function(lambda p: -np.log2(p)).ok
    assert checks.information_bits_function(lambda p: math.log2(1 / p)).ok
    assert checks.information_bits_function(lambda p: -torch.log2(torch.tensor(p, dtype=torch.float64))).ok


def placeholder_function(p):
    ...


def raising_function(p):
    raise ZeroDivisionError("oops")


@pytest.mark.parametrize("fn, fragments", [
    (..., ["placeholder", "write the function"]),
    (placeholder_function, ["placeholder"]),
    (lambda p: -np.log(p), ["nats where bits were asked"]),
    (lambda p: np.log2(p), ["minus sign"]),
    (lambda p: -np.log10(p), ["dits where bits were asked"]),
    (lambda p: 1 / p, ["information_bits(0.5)"]),
    (raising_function, ["raised ZeroDivisionError"]),
    (3.0, ["should be a function"]),
])
def test_information_bits_diagnoses_mistakes(fn, fragments) -> None:
    not_ok(checks.information_bits_function(fn), *fragments)


def test_information_bits_catches_a_wrong_value_at_p_1() -> None:
    # right everywhere except p = 1, where a certain event must carry 0 bits
    not_ok(checks.information_bits_function(lambda p: -np.log2(p) + (p == 1.0)), "information_bits(1)")


def test_close_to_never_raises() -> None:
    from helpers.checks.core import close_to
    assert close_to(np.float64(0.5), 0.5) and close_to(torch.tensor(0.5), 0.5)
    for weird in (..., None, "0.5", b"x", True, object(), [0.5, 0.5], {1: 2}):
        assert close_to(weird, 0.5) is False
