"""The checks a notebook states as sentences (checks.agree, checks.confirm), and the machinery every
exercise checker shares (core.exercise, core.call_learner)."""
from __future__ import annotations

import math
import time

import numpy as np
import pytest
import torch

from helpers import checks
from helpers.checks import core


def test_agree_prints_one_sentence_with_value_unit_and_gap(capsys: pytest.CaptureFixture[str]) -> None:
    by_hand = -math.log(0.8)
    checks.agree("the loss", "nats", by_hand=by_hand, helpers=np.float64(by_hand),
                 pytorch=torch.tensor(by_hand, dtype=torch.float64))
    out = capsys.readouterr().out
    assert out == "✓ by hand, helpers and PyTorch agree on the loss: 0.2231 nats (to within 1e-9)\n"


def test_agree_on_arrays_names_their_size(capsys: pytest.CaptureFixture[str]) -> None:
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    ours = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    checks.agree("the softmax", numpy=ours, pytorch=torch.softmax(torch.tensor(z), dim=1))
    assert capsys.readouterr().out == "✓ NumPy and PyTorch agree on the softmax: 6 values, to within 1e-9\n"


def test_agree_states_the_tolerance_not_the_machine_dependent_gap(capsys: pytest.CaptureFixture[str]) -> None:
    checks.agree("x", "nats", rtol=1e-6, formula=1.0, autograd=1.0 + 3e-8)
    checks.agree("x", "nats", rtol=1e-6, show_gap=True, formula=1.0, autograd=1.0 + 3e-8)
    checks.agree("x", show_gap=True, formula=np.zeros(2), autograd=np.zeros(2))
    assert capsys.readouterr().out.splitlines() == [
        "✓ the formula and autograd agree on x: 1.0000 nats (to within 1e-6)",
        "✓ the formula and autograd agree on x: 1.0000 nats (to within 1e-6; largest difference below 1e-7)",
        "✓ the formula and autograd agree on x: 2 values, to within 1e-9; largest difference 0"]


def test_agree_with_rtol_0_states_the_absolute_tolerance_in_the_unit(capsys: pytest.CaptureFixture[str]) -> None:
    checks.agree("the curve", "nats", rtol=0, atol=1e-6, numpy=np.zeros(3), pytorch=np.full(3, 5e-7))
    checks.agree("w", rtol=0, atol=1e-6, numpy=0.5, pytorch=0.5)
    assert capsys.readouterr().out.splitlines() == [
        "✓ NumPy and PyTorch agree on the curve: 3 values in nats, to within 1e-6 nats",
        "✓ NumPy and PyTorch agree on w: 0.5000 (to within 1e-6)"]
    with pytest.raises(checks.CheckFailed, match="largest difference is 2e-06"):
        checks.agree("the curve", "nats", rtol=0, atol=1e-6, numpy=np.zeros(3), pytorch=np.full(3, 2e-6))


@pytest.mark.parametrize("a, b, words", [
    (1.0, 1.1, "do not agree on x: the largest difference is 0.1"),
    (np.ones(3), np.ones(4), "differ in shape"),
])
def test_agree_raises_a_clear_error_when_values_differ(a: object, b: object, words: str) -> None:
    with pytest.raises(checks.CheckFailed, match=words):
        checks.agree("x", formula=a, autograd=b)


def test_agree_needs_two_values() -> None:
    with pytest.raises(ValueError, match="values"):
        checks.agree("x", by_hand=1.0)


def test_confirm(capsys: pytest.CaptureFixture[str]) -> None:
    checks.confirm(np.allclose(np.ones(3), 1.0), "every row sums to 1")
    assert capsys.readouterr().out == "✓ every row sums to 1\n"
    with pytest.raises(checks.CheckFailed, match="not so: every entry is positive"):
        checks.confirm(np.array([1.0, -1.0]) > 0, "every entry is positive")


def test_call_learner_hands_out_copies() -> None:
    cases = (np.array([1.0, 2.0]), [3.0])

    def scribble(a: np.ndarray, b: list[float]) -> float:
        a[:] = 0.0
        b.append(99.0)
        return 1.0

    assert core.call_learner(scribble, *cases) == 1.0
    assert cases[0].tolist() == [1.0, 2.0] and cases[1] == [3.0]


def test_a_looping_answer_is_stopped_by_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core, "TIME_LIMIT", 0.3)

    @core.exercise("think", "think harder")
    def diagnose(fn: object) -> core.Verdict:
        return core.check_function(fn, math.exp, [(0.0,)], "f")

    def forever(x: float) -> float:
        while True:
            pass

    start = time.perf_counter()
    verdict = diagnose(forever)
    assert not verdict and "stopped after 0.3 s" in verdict.message
    assert time.perf_counter() - start < 2.0


def test_hint_levels_are_bounded_and_a_bad_hint_argument_is_harmless() -> None:
    @core.exercise("one", "two")
    def diagnose(answer: object) -> core.Verdict:
        return core.check_value(answer, 1.0, "x")

    assert diagnose(0.0, hint=99).level == 2
    assert diagnose(0.0, hint=-5).level == 0
    assert diagnose(0.0, hint="a lot").level == 0
    assert "Hint 2 of 2: two" in repr(diagnose(0.0, hint=2))
    assert "Run the check again for a hint." in repr(diagnose(0.0, hint=0))


def test_verdict_html_carries_the_hint_on_one_line() -> None:
    @core.exercise("look at the sign")
    def diagnose(answer: object) -> core.Verdict:
        return core.check_value(answer, 1.0, "x")

    html = diagnose(-1.0, hint=1)._repr_html_()
    assert "Hint 1 of 1: look at the sign" in html and "\n" not in html


@pytest.mark.parametrize("answer, words", [
    (1 + 2j, "a complex number"), (np.array([1j]), "a complex number"), ("0.5", "got str"),
    (print, "a function"),
])
def test_check_value_names_what_it_got(answer: object, words: str) -> None:
    verdict = core.check_value(answer, 1.0, "x")
    assert not verdict and words in verdict.message


def test_a_tensor_on_the_autograd_graph_is_read_as_its_value() -> None:
    assert core.check_value(torch.tensor(0.5, requires_grad=True) * 2, 1.0, "x").ok
