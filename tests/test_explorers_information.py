"""Tests of notebook 02's explorer: I(p) in a chosen unit, its pure state against closed forms and
PyTorch, and the widget driven from Python."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from helpers import explorers
from helpers.explorers import information as ix


@pytest.mark.parametrize("p", [0.005, 0.1, 0.125, 0.5, 0.73, 1.0])
@pytest.mark.parametrize("unit, log", [("bits", math.log2), ("nats", math.log), ("dits", math.log10)])
def test_state_matches_the_closed_form(p, unit, log) -> None:
    state = ix.information_state(p, unit)
    assert state["info"] == pytest.approx(-log(p), abs=1e-15)
    assert state["in_units"]["bits"] == pytest.approx(-math.log2(p), abs=1e-15)
    assert state["in_units"]["nats"] == pytest.approx(-math.log(p), abs=1e-15)
    assert state["in_units"]["dits"] == pytest.approx(-math.log10(p), abs=1e-15)


def test_curve_matches_torch_and_rescales_between_units() -> None:
    bits = ix.information_state(0.3, "bits")
    nats = ix.information_state(0.3, "nats")
    dits = ix.information_state(0.3, "dits")
    grid = torch.tensor(bits["grid"], dtype=torch.float64)
    np.testing.assert_allclose(bits["curve"], (-torch.log2(grid)).numpy(), rtol=1e-12)
    # 1 nat = 1/ln 2 bits: the same curve, rescaled by a constant
    np.testing.assert_allclose(nats["curve"], bits["curve"] * math.log(2), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dits["curve"], bits["curve"] * math.log10(2), rtol=1e-12, atol=1e-15)
    assert np.all(np.diff(bits["curve"]) < 0), "rarer must be more informative"
    assert bits["curve"][-1] == 0.0 and bits["y_max"] == pytest.approx(-math.log2(ix.P_MIN))


def test_key_numbers_of_notebook_02() -> None:
    assert ix.information_state(0.5, "bits")["info"] == 1.0           # fair coin: 1 bit
    assert ix.information_state(0.125, "bits")["info"] == pytest.approx(3.0)  # p = 1/8: 3 bits
    assert ix.information_state(1.0, "nats")["info"] == 0.0            # certain: no information
    assert ix.information_state(math.exp(-1), "bits")["info"] == pytest.approx(1 / math.log(2))


@pytest.mark.parametrize("kwargs, name", [({"p": 0.0}, "p"), ({"p": 1.5}, "p"), ({"p": -0.1}, "p"),
                                           ({"p": 0.5, "unit": "hartleys"}, "unit")])
def test_bad_input_names_the_argument(kwargs, name) -> None:
    with pytest.raises(ValueError, match=rf"^{name}:"):
        ix.information_state(**kwargs)


def test_registered_factory_builds_the_explorer_with_defaults() -> None:
    assert explorers.REGISTRY["information-content"] is explorers.information_explorer
    ex = explorers.information_explorer()
    assert ex.name == "information-content"
    assert ex.values() == {"p": 0.125, "unit": "bits"}
    assert "p = 0.125: I = 3.0000 bits" in ex.readout_text
    assert "3.00 fair coin flips" in ex.readout_text


def test_sliders_drive_readout_and_plot() -> None:
    ex = explorers.information_explorer()
    lines_before = list(ex._ax.lines)
    png_before = bytes(ex.image.value)
    ex.set(p=0.5)
    assert "p = 0.500: I = 1.0000 bits" in ex.readout_text
    assert list(ex._point.get_xdata()) == [0.5] and list(ex._point.get_ydata()) == [1.0]
    ex.set(unit="nats")
    assert f"I = {math.log(2):.4f} nats" in ex.readout_text
    assert "1.0000 bits = 0.6931 nats = 0.3010 dits" in ex.readout_text
    assert ex._point.get_ydata()[0] == pytest.approx(math.log(2))
    np.testing.assert_allclose(ex._curve.get_ydata(), -np.log(ix._GRID))
    assert ex._ax.get_ylabel() == "I(p) (nats)"
    assert ex._ax.get_ylim()[1] == pytest.approx(1.08 * -math.log(ix.P_MIN))
    # updated in place: the same artists, a new picture
    assert list(ex._ax.lines) == lines_before
    assert bytes(ex.image.value) != png_before and bytes(ex.image.value).startswith(b"\x89PNG")


def test_certain_event_reads_no_information() -> None:
    ex = explorers.information_explorer().set(p=1.0, unit="dits")
    assert ex.state["info"] == 0.0
    assert "I = 0.0000 dits" in ex.readout_text and "no information" in ex.readout_text


def test_layout_is_fixed_after_the_first_render() -> None:
    ex = explorers.information_explorer()
    position = ex._ax.get_position().bounds
    ex.set(unit="dits")
    ex.set(p=0.01)
    assert ex._ax.get_position().bounds == position
