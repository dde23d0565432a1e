"""helpers.explorers.cross_entropy (notebook 04): the pure state against PyTorch, the explorer's specs,
checks and reference readout against PyTorch. What every explorer shares (controls and specs, bad
values, display bundle, the module's readout in Node at many settings, the still) is
tests/test_explorers_live.py's."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
import traitlets

from helpers import explorers
from helpers.explorers import cross_entropy as cx
from helpers.explorers.cross_entropy import cross_entropy_state
from tests.references import assert_defaults_on_their_grids

ONE_HOT = {"class 0": [1.0, 0.0, 0.0], "class 1": [0.0, 1.0, 0.0], "class 2": [0.0, 0.0, 1.0]}


def torch_reference(z: list[float], p: list[float]) -> dict[str, float]:
    """H(p), H(p, q), KL(p || q), KL(q || p) in nats, computed with PyTorch only."""
    zt, pt = torch.tensor(z, dtype=torch.float64), torch.tensor(p, dtype=torch.float64)
    log_q = F.log_softmax(zt, dim=-1)
    h_p = float(-(torch.special.xlogy(pt, pt)).sum())
    return {
        "H_p": h_p,
        "H_pq": float(F.cross_entropy(zt.unsqueeze(0), pt.unsqueeze(0))),  # probability target
        "KL_pq": float(F.kl_div(log_q, pt, reduction="sum")),
        "KL_qp": float(F.kl_div(torch.log(pt), log_q.exp(), reduction="sum")),
    }


@pytest.mark.parametrize("z", [(0.5, -0.4, 0.0), (2.1, 0.0, 0.0), (-3.0, 4.5, 1.2), (0.0, 0.0, 0.0)])
@pytest.mark.parametrize("target", ["class 0", "class 1", "soft"])
def test_state_matches_torch_in_nats(z: tuple[float, float, float], target: str) -> None:
    p = ONE_HOT.get(target, [0.7, 0.2, 0.1])
    state = cross_entropy_state(*z, target=target, unit="nats")
    ref = torch_reference(list(z), p)
    np.testing.assert_allclose(state["q"], torch.softmax(torch.tensor(z, dtype=torch.float64), 0).numpy(),
                               rtol=1e-12)
    np.testing.assert_allclose(state["p"], p)
    for key in ("H_p", "H_pq", "KL_pq"):
        assert state[key] == pytest.approx(ref[key], rel=1e-9, abs=1e-12), key
    if target == "soft":
        assert state["KL_qp"] == pytest.approx(ref["KL_qp"], rel=1e-9)
    else:  # q is positive where p is 0: the reverse divergence is infinite
        assert math.isinf(state["KL_qp"]) and math.isinf(ref["KL_qp"])


def test_units_scale_by_log_base() -> None:
    nats = cross_entropy_state(1.0, 0.3, -0.7, "soft", "nats")
    bits = cross_entropy_state(1.0, 0.3, -0.7, "soft", "bits")
    dits = cross_entropy_state(1.0, 0.3, -0.7, "soft", "dits")
    for key in ("H_p", "H_pq", "KL_pq", "KL_qp"):
        assert bits[key] == pytest.approx(nats[key] / math.log(2))
        assert dits[key] == pytest.approx(nats[key] / math.log(10))


def test_one_hot_cross_entropy_is_minus_log_q_k_and_equals_kl() -> None:
    state = cross_entropy_state(0.5, -0.4, 0.0, "class 1")
    q1 = math.exp(-0.4) / (math.exp(0.5) + math.exp(-0.4) + 1.0)  # softmax by hand
    assert state["H_p"] == 0.0
    assert state["H_pq"] == pytest.approx(-math.log(q1))
    assert state["KL_pq"] == pytest.approx(state["H_pq"])


def test_gibbs_inequality_on_random_logits() -> None:
    rng = np.random.default_rng(4)
    for z in rng.normal(0, 2, size=(50, 3)):
        state = cross_entropy_state(*z, target="soft")
        assert state["H_pq"] >= state["H_p"] - 1e-12
        assert state["KL_pq"] == pytest.approx(state["H_pq"] - state["H_p"], abs=1e-12)
        assert state["KL_pq"] >= -1e-12


def test_kl_is_zero_at_q_equal_p() -> None:
    z = np.log([0.7, 0.2, 0.1])  # softmax(log p) = p
    state = cross_entropy_state(*z, target="soft")
    assert state["KL_pq"] == pytest.approx(0.0, abs=1e-12)
    assert state["H_pq"] == pytest.approx(state["H_p"])


@pytest.mark.parametrize("kwargs, name", [({"target": "class 3"}, "target"), ({"unit": "hartleys"}, "unit")])
def test_bad_choice_raises_value_error_naming_it(kwargs: dict[str, str], name: str) -> None:
    with pytest.raises(ValueError, match=name):
        cross_entropy_state(0.0, 0.0, 0.0, **kwargs)


def test_non_finite_logit_raises() -> None:
    with pytest.raises(ValueError, match="z0, z1, z2"):
        cross_entropy_state(float("nan"), 0.0, 0.0)


def test_registered_factory_builds_the_live_explorer_with_defaults() -> None:
    explorer = explorers.cross_entropy_kl()
    assert isinstance(explorer, cx.CrossEntropyKl) and explorer.name == "cross_entropy_kl"
    assert explorer.values() == {"z0": 0.5, "z1": -0.4, "z2": 0.0, "target": "class 0", "unit": "nats"}
    assert explorer.reference() == [
        "q = softmax(z) = (0.497, 0.202, 0.301); target p = (1.0, 0.0, 0.0)",
        "H(p) = 0.0000 nats (the target's own uncertainty)",
        "H(p, q) = 0.6997 nats (cross-entropy: the loss)",
        "KL(p || q) = H(p, q) − H(p) = 0.6997 nats (≥ 0, zero only at q = p)",
        "KL(q || p) = ∞ (q gives probability to classes p rules out)",
    ]


def torch_lines(z: tuple[float, float, float], target: str, unit: str) -> list[str]:
    """The readout written independently: PyTorch's softmax, cross-entropy and KL, rescaled to the unit."""
    p = ONE_HOT.get(target, [0.7, 0.2, 0.1])
    ref = torch_reference(list(z), p)
    q = torch.softmax(torch.tensor(z, dtype=torch.float64), 0).tolist()
    scale = {"nats": 1.0, "bits": math.log(2), "dits": math.log(10)}[unit]
    h_p, h_pq, kl_pq, kl_qp = (ref[key] / scale for key in ("H_p", "H_pq", "KL_pq", "KL_qp"))
    reverse = ("∞ (q gives probability to classes p rules out)" if math.isinf(kl_qp)
               else f"{kl_qp:.4f} {unit} (the other order is a different number)")
    return [f"q = softmax(z) = ({q[0]:.3f}, {q[1]:.3f}, {q[2]:.3f}); "
            f"target p = ({p[0]:.1f}, {p[1]:.1f}, {p[2]:.1f})",
            f"H(p) = {abs(h_p):.4f} {unit} (the target's own uncertainty)",
            f"H(p, q) = {h_pq:.4f} {unit} (cross-entropy: the loss)",
            f"KL(p || q) = H(p, q) − H(p) = {kl_pq:.4f} {unit} (≥ 0, zero only at q = p)",
            f"KL(q || p) = {reverse}"]


@pytest.mark.parametrize("z", [(0.5, -0.4, 0.0), (2.1, 0.0, 0.0), (1.9, 0.7, 0.0), (-5.0, 5.0, 5.0),
                               (5.0, -5.0, -5.0), (-1.3, 2.2, 0.4)])
@pytest.mark.parametrize("target", ["class 0", "class 2", "soft"])
@pytest.mark.parametrize("unit", ["nats", "bits", "dits"])
def test_live_reference_against_torch(z: tuple[float, float, float], target: str, unit: str) -> None:
    ex = cx.CrossEntropyKl(z0=z[0], z1=z[1], z2=z[2], target=target, unit=unit)
    assert ex.reference() == torch_lines(z, target, unit)


def test_live_reference_at_the_notebooks_settings() -> None:
    """The numbers notebook 04's prose points to: q1 and H = 0.70 nats, q2 and 0.22 nats, KL near 0."""
    ex = cx.CrossEntropyKl()
    assert ex.reference()[2].startswith("H(p, q) = 0.6997 nats")
    ex.set(z0=2.1, z1=0.0, z2=0.0)
    assert ex.reference()[0].startswith("q = softmax(z) = (0.803, 0.098, 0.098)")
    assert ex.reference()[2].startswith("H(p, q) = 0.2191 nats")
    ex.set(z0=1.9, z1=0.7, target="soft", unit="dits")
    lines = ex.reference()
    assert lines[1] == "H(p) = 0.3482 dits (the target's own uncertainty)"
    assert lines[3].endswith("= 0.0001 dits (≥ 0, zero only at q = p)")
    assert lines[4].endswith("dits (the other order is a different number)")


def test_live_controls_match_their_specs_and_refuse_bad_values() -> None:
    ex = cx.CrossEntropyKl()
    assert ex.controls == ("z0", "z1", "z2", "target", "unit")
    for i in range(3):
        assert ex._controls[i] == {"name": f"z{i}", "label": f"logit z{i}", "kind": "range", "min": -5.0,
                                   "max": 5.0, "step": 0.1, "digits": 1}
    assert ex._controls[3] == {"name": "target", "label": "target p", "kind": "select",
                               "options": ["class 0", "class 1", "class 2", "soft"]}
    assert ex._controls[4] == {"name": "unit", "label": "unit", "kind": "select", "options": ["nats", "bits", "dits"]}
    assert_defaults_on_their_grids(ex, atol=1e-9)  # every default is a value its control can show
    for bad in (5.1, -5.5, float("nan"), float("inf")):
        with pytest.raises(traitlets.TraitError, match="^z1:"):
            ex.z1 = bad
    with pytest.raises(traitlets.TraitError, match="^target:"):
        ex.target = "class 3"
    with pytest.raises(traitlets.TraitError, match="^unit:"):
        ex.unit = "hartleys"
    with pytest.raises(ValueError, match="^z3: not a control"):
        ex.set(z3=0.5)
    assert ex.values() == {"z0": 0.5, "z1": -0.4, "z2": 0.0, "target": "class 0", "unit": "nats"}
