"""helpers.publish: a sentence shown as print shows it, with its numbers published beside it."""
from __future__ import annotations

import json
import math
from typing import Any

import IPython
import IPython.display
import numpy as np
import pytest
import torch

from helpers import checks, publish


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What ``say`` hands to IPython's display, as in a kernel."""
    bundles: list[dict[str, Any]] = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())

    def display(bundle: dict[str, Any], raw: bool = False) -> None:
        assert raw
        bundles.append(bundle)

    monkeypatch.setattr(IPython.display, "display", display)
    return bundles


def test_in_a_kernel_the_sentence_and_its_values_share_one_output(shown: list[dict[str, Any]]) -> None:
    h = 0.46899559358928133
    publish.say(f"shooter A's entropy: {h:.4f} bits", H_A=h, n=20)
    assert shown == [{"text/plain": "shooter A's entropy: 0.4690 bits", publish.MIME_TYPE: {"H_A": 0.4689955936, "n": 20}}]


def test_outside_a_kernel_it_prints_the_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    publish.say("x = 1.0000", x=1.0)
    assert capsys.readouterr().out == "x = 1.0000\n"


def test_values_keep_ten_significant_digits_through_json() -> None:
    x = np.float32(0.1)  # float32's 0.1 is 0.100000001490116...: ten digits give 0.1000000015
    values = [publish.as_json("a", np.array([[1 / 3, 2.0], [x, -0.0]])), publish.as_json("b", torch.tensor([1 / 7], dtype=torch.float64)),
              publish.as_json("c", np.int64(3)), publish.as_json("d", 123456789012.5)]
    assert json.loads(json.dumps(values)) == [[[0.3333333333, 2.0], [0.1000000015, -0.0]], [0.1428571429], 3,
                                              123456789000.0]
    assert isinstance(values[2], int)


def test_the_last_bits_two_machines_may_differ_in_are_not_published() -> None:
    x = 0.46899559358928117   # shooter A's entropy in bits, and the same with its last bits changed
    assert publish.as_json("H_A", x) == publish.as_json("H_A", x * (1 + 4e-16)) == publish.as_json("H_A", x - 2e-16)


def test_non_finite_values_become_strings_json_can_hold() -> None:
    assert publish.as_json("v", [math.inf, -math.inf, math.nan, 1.0]) == ["Infinity", "-Infinity", "NaN", 1.0]
    assert publish.as_json("v", np.array(np.inf)) == "Infinity"


@pytest.mark.parametrize("value", ["0.5", None, True, {"a": 1}, [1.0, "x"]])
def test_a_value_that_is_not_a_number_is_refused_by_name(value: Any) -> None:
    with pytest.raises(ValueError, match="^H_A: publish numbers"):
        publish.say("text", H_A=value)


def test_bad_sentence_or_no_values_is_refused() -> None:
    with pytest.raises(ValueError, match="^sentence: "):
        publish.say(0.5, x=0.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="^values: "):
        publish.say("a sentence alone")


def test_agree_publishes_its_first_value_when_asked(shown: list[dict[str, Any]]) -> None:
    checks.agree("the loss", "nats", publish_as="loss", by_hand=math.log(2), pytorch=torch.tensor(math.log(2), dtype=torch.float64))
    assert shown == [{"text/plain": "✓ by hand and PyTorch agree on the loss: 0.6931 nats (to within 1e-9)",
                      publish.MIME_TYPE: {"loss": 0.6931471806}}]
