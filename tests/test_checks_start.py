"""Notebook 00's checkers: the map and notation choices (right letter passes with the reason, each
wrong letter gets the diagnosis of its misconception) and the count of predictions on the right side
of 0.5, against a reference computed here from the labels and predictions."""
from __future__ import annotations

import re

import numpy as np
import pytest

from helpers import checks
from helpers.checks import start


def test_the_map_choice() -> None:
    for answer in ("b", "B", "(b)"):
        verdict = checks.why_read_before_04(answer)
        assert verdict.ok and repr(verdict).startswith("Correct! (b):") and "builds on 01, 02 and 03" in verdict.message


@pytest.mark.parametrize("letter, words", [("a", "nearest notebook"), ("c", "one of the two roads"),
                                           ("d", "whole course")])
def test_each_wrong_map_letter_names_its_misconception(letter, words) -> None:
    verdict = checks.why_read_before_04(letter)
    assert not verdict.ok and repr(verdict).startswith(f"Not yet: ({letter})") and words in verdict.message


def test_the_notation_choice() -> None:
    verdict = checks.which_is_the_model("d")
    assert verdict.ok and repr(verdict).startswith("Correct! (d):") and "q is the model's" in verdict.message


@pytest.mark.parametrize("letter, words", [("a", "swaps the two"), ("b", "one number"), ("c", "logits")])
def test_each_wrong_notation_letter_names_its_misconception(letter, words) -> None:
    verdict = checks.which_is_the_model(letter)
    assert not verdict.ok and repr(verdict).startswith(f"Not yet: ({letter})") and words in verdict.message


@pytest.mark.parametrize("checker", [checks.why_read_before_04, checks.which_is_the_model])
def test_hints_do_not_name_the_letter(checker) -> None:
    hints = " ".join(checker.hints)
    assert len(checker.hints) >= 2 and "(b)" not in hints and "(d)" not in hints


def right_side_reference() -> int:
    y, y_hat = np.array(start.START_Y), np.array(start.START_Y_HAT)
    return int(np.sum(np.where(y == 1, y_hat > 0.5, y_hat < 0.5)))


def test_the_right_side_count() -> None:
    right = right_side_reference()
    assert right == 5
    assert checks.check_right_side(right).ok and checks.check_right_side(float(right)).ok
    assert "placeholder" in checks.check_right_side(...).message


@pytest.mark.parametrize("answer, words", [(1, "wrong side"), (3, "above 0.5"), (2, "samples with y = 1"),
                                           (6, "every sample"), (5 / 6, "fraction")])
def test_a_typical_wrong_count_is_named(answer, words) -> None:
    verdict = checks.check_right_side(answer, hint=0)
    assert not verdict.ok and words in verdict.message, verdict.message


def test_no_hint_gives_the_count_away() -> None:
    assert len(checks.check_right_side.hints) >= 2
    assert not any(re.search(r"(?<![.\d])5(?![.\d])", hint) or "sum((" in hint for hint in checks.check_right_side.hints)
