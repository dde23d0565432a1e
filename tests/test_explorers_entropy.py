"""Tests of notebook 03's explorers: the shooters' entropies against SciPy and PyTorch, the seeded
simulation (reproducible, prefix-consistent, converging), and both widgets driven from Python."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy.stats import entropy as scipy_entropy

from helpers import experiments, explorers, info
from helpers.explorers import entropy as ex_mod


def scipy_bits(p: float) -> float:
    return float(scipy_entropy([p, 1 - p], base=2))


@pytest.mark.parametrize("p_a, p_b", [(0.1, 0.999), (0.5, 0.5), (0.0, 1.0), (0.25, 0.75), (0.013, 0.6)])
def test_shooters_state_matches_scipy_and_torch(p_a, p_b) -> None:
    state = ex_mod.shooters_state(p_a, p_b)
    assert state["H_bits"] == pytest.approx((scipy_bits(p_a), scipy_bits(p_b)), abs=1e-12)
    torch_nats = torch.distributions.Bernoulli(probs=torch.tensor([p_a, p_b], dtype=torch.float64)).entropy()
    assert state["H_nats"] == pytest.approx(tuple(torch_nats.tolist()), abs=1e-12)
    np.testing.assert_allclose(state["bars"], [p_a, 1 - p_a, p_b, 1 - p_b])


def test_the_articles_shooters() -> None:
    state = ex_mod.shooters_state()
    assert state["p"] == (0.1, 0.999)
    assert [round(h, 4) for h in state["H_bits"]] == [0.4690, 0.0114]
    assert [round(h, 4) for h in state["H_nats"]] == [0.3251, 0.0079]


def test_entropy_curve_shape() -> None:
    state = ex_mod.shooters_state()
    p, h = state["curve_p"], state["curve_H"]
    assert h[0] == 0.0 and h[-1] == 0.0
    np.testing.assert_allclose(h, h[::-1], atol=1e-15)   # H(p) = H(1 - p): coding does not matter
    assert p[np.argmax(h)] == 0.5 and h.max() == 1.0


@pytest.mark.parametrize("kwargs, name", [({"p_a": 1.2}, "p_a"), ({"p_b": -0.1}, "p_b")])
def test_bad_probabilities_name_the_argument(kwargs, name) -> None:
    with pytest.raises(ValueError, match=rf"^{name}:"):
        ex_mod.shooters_state(**kwargs)


def test_simulation_is_seeded_and_prefix_consistent() -> None:
    a = experiments.simulate_shots(0.3, 1000, seed=7)
    assert np.array_equal(a, experiments.simulate_shots(0.3, 1000, seed=7))
    assert np.array_equal(a[:100], experiments.simulate_shots(0.3, 100, seed=7))
    assert not np.array_equal(a, experiments.simulate_shots(0.3, 1000, seed=8))
    assert not np.array_equal(a, experiments.simulate_shots(0.3, 1000, seed=7, stream=1))
    assert a.dtype == bool and a.shape == (1000,)
    assert not experiments.simulate_shots(0.0, 50, seed=1).any() and experiments.simulate_shots(1.0, 50, seed=1).all()


@pytest.mark.parametrize("n", [0, -5, 2.5, True])
def test_simulation_rejects_bad_n(n) -> None:
    with pytest.raises(ValueError, match=r"^n:"):
        experiments.simulate_shots(0.5, n, seed=0)


def test_running_plugin_entropy_matches_scipy_on_counts() -> None:
    hits = experiments.simulate_shots(0.1, 500, seed=3)
    running = info.running_plugin_entropy(hits)
    for m in (1, 2, 10, 77, 500):
        k = int(hits[:m].sum())
        assert running[m - 1] == pytest.approx(float(scipy_entropy([k, m - k], base=2)), abs=1e-12)
    with pytest.raises(ValueError, match=r"^hits:"):
        info.running_plugin_entropy(np.array([], dtype=bool))


def test_plugin_entropy_approaches_the_truth() -> None:
    truth = ex_mod.shooters_state()["H_bits"]
    errors = []
    for n in (100, 10_000, 100_000):
        errs = [np.abs(np.array(ex_mod.simulation_state(n=n, seed=s)["H_plugin"]) - truth) for s in range(10)]
        errors.append(np.mean(errs, axis=0))
    errors = np.array(errors)  # rows: n; columns: A, B
    assert np.all(np.diff(errors[:, 0]) < 0)
    assert np.all(errors[-1] < 0.005)


def test_simulation_state_is_consistent() -> None:
    state = ex_mod.simulation_state(0.2, 0.9, 2_000, seed=5)
    hits_a = experiments.simulate_shots(0.2, 2_000, 5, 0)
    assert state["hits"][0] == hits_a.sum() and state["freq"][0] == pytest.approx(hits_a.mean())
    assert state["H_plugin"][0] == pytest.approx(scipy_bits(hits_a.mean()), abs=1e-12)
    assert state["m"][0] == 1 and state["m"][-1] == 2_000 and len(state["m"]) <= 300
    assert all(len(c) == len(state["m"]) for c in state["curves"])
    assert state["curves"][0][-1] == state["H_plugin"][0]


def test_shooters_explorer_driven_from_python() -> None:
    assert explorers.REGISTRY["shooters"] is explorers.shooters_explorer
    ex = explorers.shooters_explorer()
    assert ex.name == "shooters" and ex.values() == {"p_a": 0.1, "p_b": 0.999}
    assert "H = 0.4690 bits = 0.3251 nats" in ex.readout_text
    assert "H = 0.0114 bits = 0.0079 nats" in ex.readout_text
    assert "Shooter A's next shot is the more uncertain" in ex.readout_text
    png = bytes(ex.image.value)
    ex.set(p_a=0.5, p_b=0.2)
    assert [bar.get_height() for bar in ex._bars] == pytest.approx([0.5, 0.5, 0.2, 0.8])
    assert list(ex._point_a.get_ydata()) == [1.0]
    assert ex._point_b.get_ydata()[0] == pytest.approx(scipy_bits(0.2))
    assert "P(hit) = 0.500, P(miss) = 0.500, H = 1.0000 bits" in ex.readout_text
    assert bytes(ex.image.value) != png
    ex.set(p_a=0.3, p_b=0.7)   # symmetric: equal entropies
    assert "equally uncertain" in ex.readout_text


def test_simulation_explorer_is_reproducible_and_follows_its_sliders() -> None:
    assert explorers.REGISTRY["shot-simulation"] is explorers.shot_simulation_explorer
    one, two = explorers.shot_simulation_explorer(), explorers.shot_simulation_explorer()
    assert one.values() == {"p_a": 0.1, "p_b": 0.999, "n": 1_000, "seed": 0}
    # the same slider values always give the same picture and readout
    for ex in (one, two):
        ex.set(n=100_000, seed=4)
    assert bytes(one.image.value) == bytes(two.image.value)
    assert one.readout_text == two.readout_text
    state = one.state
    assert state["n"] == 100_000 and state["seed"] == 4
    assert abs(state["H_plugin"][0] - 0.4690) < 0.01
    assert f"plug-in H = {state['H_plugin'][0]:.4f} bits" in one.readout_text
    np.testing.assert_array_equal(one._runs[0].get_xdata(), state["m"])
    assert one._truths[0].get_ydata()[0] == pytest.approx(0.4690, abs=5e-5)
    assert one._ax.get_xlim() == pytest.approx((1, 100_000))
    one.set(seed=5)
    assert one.readout_text != two.readout_text
    assert len(one._ax.lines) == 4   # two runs, two truths: redrawn in place, never added to


def test_notebook_03_key_numbers_are_what_the_explorers_show() -> None:
    h_a, h_b = ex_mod.shooters_state()["H_bits"]
    assert math.isclose(h_a, scipy_bits(0.1)) and math.isclose(h_b, scipy_bits(0.999))
