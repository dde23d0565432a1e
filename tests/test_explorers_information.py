"""helpers.explorers.information (notebook 02): I(p) in a chosen unit, its pure state against closed
forms and PyTorch, the explorer's specs, checks and reference readout. What every explorer shares
(controls and specs, bad values, display bundle, the module's readout in Node at many settings, the
still) is tests/test_explorers_live.py's."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import traitlets

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


def test_registered_factory_builds_the_live_explorer_with_defaults() -> None:
    ex = explorers.information_content()
    assert isinstance(ex, ix.InformationContent) and ex.name == "information_content"
    assert ex.values() == {"p": 0.125, "unit": "bits"}
    assert ex.reference() == ["p = 0.125: I = 3.0000 bits",
                              "the same in every unit: 3.0000 bits = 2.0794 nats = 0.9031 dits",
                              "as surprising as 3.00 fair coin flips all landing heads"]


@pytest.mark.parametrize("p", [0.005, 0.37, 0.5, 1.0])
@pytest.mark.parametrize("unit", ["bits", "nats", "dits"])
def test_live_reference_against_torch(p: float, unit: str) -> None:
    ex = ix.InformationContent(p=p, unit=unit)
    log = {"bits": torch.log2, "nats": torch.log, "dits": torch.log10}
    value = -float(log[unit](torch.tensor(p, dtype=torch.float64)))
    assert ex.reference()[0] == f"p = {p:.3f}: I = {value + 0.0:.4f} {unit}"
    assert (ex.reference()[2] == "a certain event: no surprise, no information") == (p == 1.0)


def test_live_controls_match_their_specs_and_refuse_bad_values() -> None:
    ex = ix.InformationContent()
    assert ex.controls == ("p", "unit")
    assert ex._controls[0] == {"name": "p", "label": "p", "kind": "range", "min": ix.P_MIN, "max": 1.0,
                               "step": ix.P_STEP, "digits": 3}
    assert ex._controls[1]["options"] == list(ix.UNIT_BASES)
    with pytest.raises(traitlets.TraitError, match="^p:"):
        ex.p = 0.0
    with pytest.raises(traitlets.TraitError, match="^unit:"):
        ex.unit = "hartleys"
    with pytest.raises(ValueError, match="^q: not a control"):
        ex.set(q=0.5)
