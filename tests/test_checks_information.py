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


# --- Exercise 1: a fair die shows a six -----------------------------------------------------------

@pytest.mark.parametrize("answer", [-np.log2(1 / 6), math.log2(6), np.float32(2.5849626),
                                    torch.tensor(6.0).log2(), np.array(2.5849625)])
def test_die_six_accepts_the_solution(answer) -> None:
    verdict = checks.die_six_information(answer)
    assert verdict.ok and "2.58496 bits" in verdict.message
    assert repr(verdict).startswith("Correct!")


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (None, ["placeholder"]),
    (math.log(6), ["nats where bits were asked"]),
    (math.log10(6), ["dits where bits were asked"]),
    (math.log2(1 / 6), ["minus sign"]),
    (1 / 6, ["probability 1/6"]),
    (-(1 / 6) * math.log2(1 / 6), ["-p log2 p"]),
    ("2.585", ["should be a number"]),
    ([2.585, 1.0], ["shape"]),
    (3.0, ["too large"]),
    (float("nan"), ["nan"]),
])
def test_die_six_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.die_six_information(answer), *fragments)


# --- Exercise 2: heads and a six -------------------------------------------------------------------

@pytest.mark.parametrize("answer", [math.log2(12), -np.log2(0.5) - np.log2(1 / 6), torch.tensor(12.0).log2()])
def test_coin_and_die_accepts_the_solution(answer) -> None:
    verdict = checks.coin_and_die_information(answer)
    assert verdict.ok and "3.58496 bits" in verdict.message


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (math.log2(6), ["add"]),                       # the die alone, or I(coin) * I(die)
    (-math.log2(1 / 2 + 1 / 6), ["added the probabilities"]),
    (1 / 12, ["joint probability"]),
    (math.log(12), ["nats where bits were asked"]),
    (-math.log2(12), ["minus sign"]),
    ({"bits": 3.585}, ["should be a number"]),
])
def test_coin_and_die_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.coin_and_die_information(answer), *fragments)


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
    from helpers.checks.information import close_to
    assert close_to(np.float64(0.5), 0.5) and close_to(torch.tensor(0.5), 0.5)
    for weird in (..., None, "0.5", b"x", True, object(), [0.5, 0.5], {1: 2}):
        assert close_to(weird, 0.5) is False
