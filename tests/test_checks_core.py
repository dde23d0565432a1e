"""The exercise self-checks diagnose the usual mistakes and never raise."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from helpers import checks
from helpers.checks import check_choice, check_function, check_value


def test_right_answer_is_correct() -> None:
    verdict = check_value(0.46899559, 0.4689955935892812, "H_A", unit="bits")
    assert verdict.ok and bool(verdict) and "Correct!" in repr(verdict) and "bits" in verdict.message


def test_placeholder_is_named() -> None:
    for placeholder in (..., None):
        verdict = check_value(placeholder, 1.0, "answer")
        assert not verdict and "placeholder" in verdict.message


def test_forgotten_minus_sign() -> None:
    assert "minus sign" in check_value(-0.469, 0.469, "H").message


@pytest.mark.parametrize("got_base, want_base, words", [
    (math.e, 2, "in nats where bits"), (2, math.e, "in bits where nats"),
    (10, math.e, "in dits where nats"), (math.e, 10, "in nats where dits"),
    (10, 2, "in dits where bits"), (2, 10, "in bits where dits"),
])
def test_wrong_log_base(got_base: float, want_base: float, words: str) -> None:
    entropy_nats = -(0.1 * math.log(0.1) + 0.9 * math.log(0.9))
    verdict = check_value(entropy_nats / math.log(got_base), entropy_nats / math.log(want_base), "H")
    assert not verdict and words in verdict.message


def test_wrong_type_and_shape() -> None:
    assert "got str" in check_value("0.5", 0.5, "p").message
    assert "shape (2,)" in check_value([0.5, 0.5], 0.5, "p").message
    assert "shape (3,)" in check_value(np.ones(2), np.ones(3), "q").message


def test_nan_and_plain_wrong_value() -> None:
    assert "nan" in check_value(float("nan"), 1.0, "loss").message
    verdict = check_value(2.0, 1.0, "loss", hint="Hint: average, do not sum.")
    assert "too large" in verdict.message and "average" in verdict.message


def test_torch_tensors_are_accepted() -> None:
    assert check_value(torch.tensor([0.25, 0.75]), [0.25, 0.75], "q").ok


def test_check_function_reports_a_learners_exception_as_a_hint() -> None:
    def broken(s: float) -> float:
        raise ZeroDivisionError("division by zero")
    verdict = check_function(broken, math.exp, [(0.0,)], "f", hint="Hint: look at the denominator.")
    assert not verdict and "ZeroDivisionError" in verdict.message and "denominator" in verdict.message


def test_check_function_accepts_a_correct_function_and_rejects_a_wrong_one() -> None:
    ref = lambda s: 1 / (1 + math.exp(-s))  # noqa: E731
    assert check_function(lambda s: 1 / (1 + np.exp(-s)), ref, [(0.0,), (2.0,), (-3.0,)], "g").ok
    assert not check_function(lambda s: 1 / (1 + np.exp(s)), ref, [(0.0,), (2.0,)], "g").ok
    assert "placeholder" in check_function(..., ref, [(0.0,)], "g").message
    assert "should be a function" in check_function(3, ref, [(0.0,)], "g").message


def test_verdict_renders_as_one_line_of_html() -> None:
    html = check_value(1.0, 1.0, "x")._repr_html_()
    assert "Correct!" in html and "\n" not in html


def test_check_function_names_an_unwritten_body() -> None:
    def stub(s: float) -> None:
        ...
    verdict = check_function(stub, math.exp, [(np.arange(3.0),)], "f")
    assert not verdict and "returns nothing yet" in verdict.message


# --- grading with nbgrader: the verdict goes to stdout (correct) or stderr (not yet), one line ------

def test_under_nbgrader_a_verdict_is_printed_to_the_stream_nbgrader_scores(monkeypatch, capsys) -> None:
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert checks.core.grading()
    assert checks.ace_of_spades_information(math.log2(52)) is None
    out, err = capsys.readouterr()
    assert out.startswith("Correct! ") and out.count("\n") == 1 and err == ""
    assert checks.ace_of_spades_information(math.log(52)) is None  # nats where bits were asked
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("Not yet: ") and err.count("\n") == 1 and "Traceback" not in err
    assert checks.ace_of_spades_information(lambda: 1 / 0) is None  # anything at all: still one line
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("Not yet: ") and err.count("\n") == 1


def test_outside_nbgrader_a_verdict_is_returned(monkeypatch, capsys) -> None:
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert not checks.core.grading()
    verdict = checks.ace_of_spades_information(math.log2(52))
    assert verdict.ok and capsys.readouterr() == ("", "")


CHOICES = {"a": "confuses the outcome with its average.", "b": "because the log turns products into sums.",
           "c": "reads the sign the wrong way round."}


@pytest.mark.parametrize("answer", ["b", "B", " (b) ", "(B)"])
def test_check_choice_reads_one_letter_however_written(answer) -> None:
    verdict = check_choice(answer, CHOICES, "b")
    assert verdict.ok and verdict.message == "(b): because the log turns products into sums."


@pytest.mark.parametrize("letter", ["a", "c"])
def test_check_choice_names_the_misconception_of_a_wrong_option(letter) -> None:
    verdict = check_choice(letter, CHOICES, "b")
    assert not verdict.ok and verdict.message == f"({letter}) {CHOICES[letter]}"


@pytest.mark.parametrize("answer, words", [(..., "placeholder"), (2, "as a string"), ("d", "one letter of a, b, c"),
                                           ("ab", "one letter of a, b, c")])
def test_check_choice_explains_an_answer_it_cannot_read(answer, words) -> None:
    verdict = check_choice(answer, CHOICES, "b")
    assert not verdict.ok and words in verdict.message


def test_check_choice_refuses_a_right_letter_that_is_not_an_option() -> None:
    with pytest.raises(ValueError, match="right"):
        check_choice("a", CHOICES, "e")
