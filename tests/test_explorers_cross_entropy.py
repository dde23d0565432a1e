"""Notebook 04's explorer: its pure state function against PyTorch, and the widget driven from Python."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers import explorers
from helpers.explorers import REGISTRY
from helpers.explorers.cross_entropy import cross_entropy_state

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


def test_registered_no_argument_factory() -> None:
    assert REGISTRY["cross-entropy"] is explorers.cross_entropy_explorer
    explorer = REGISTRY["cross-entropy"]()
    assert explorer.name == "cross-entropy"
    assert set(explorer.controls) == {"z0", "z1", "z2", "target", "unit"}


def test_default_is_near_the_articles_q1_and_readout_has_units() -> None:
    explorer = explorers.cross_entropy_explorer()
    np.testing.assert_allclose(explorer.state["q"], [0.5, 0.2, 0.3], atol=0.005)
    text = explorer.readout_text
    assert "H(p) = 0.0000 nats" in text
    assert f"H(p, q) = {-math.log(explorer.state['q'][0]):.4f} nats" in text
    assert "KL(q || p) = ∞" in text


def test_set_moves_q_and_redraws_in_place() -> None:
    explorer = explorers.cross_entropy_explorer()
    bars = list(explorer._q_bars)
    n_artists = len(explorer.figure.axes[0].get_children())
    png_before = explorer.image.value
    explorer.set(z0=2.1, z1=0.0, z2=0.0, target="soft", unit="bits")
    q = explorer.state["q"]
    np.testing.assert_allclose(q, [0.8, 0.1, 0.1], atol=0.005)  # the article's q2
    assert [bar.get_height() for bar in explorer._q_bars] == pytest.approx(list(q))
    assert [bar.get_height() for bar in explorer._p_bars] == pytest.approx([0.7, 0.2, 0.1])
    assert list(explorer._q_bars) == bars  # the same artists, changed in place
    assert len(explorer.figure.axes[0].get_children()) == n_artists
    assert explorer.image.value != png_before
    text = explorer.readout_text
    assert f"H(p, q) = {explorer.state['H_pq']:.4f} bits" in text
    assert f"KL(q || p) = {explorer.state['KL_qp']:.4f} bits" in text
