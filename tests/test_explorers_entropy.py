"""helpers.explorers.entropy (notebook 03): the shooters' entropies against SciPy and PyTorch; the
explorers' specs and checks; their reference readouts against SciPy on independently drawn shots;
the simulation module's own arithmetic run by Node (the hashes bit for bit, the curves drawn). What
every explorer shares (controls and specs, bad values, display bundle, the module's readout in Node
at many settings, the still) is tests/test_explorers_live.py's. The seeded shots themselves are
tests/test_experiments.py's."""
from __future__ import annotations

import math
import random
import shutil

import numpy as np
import pytest
import torch
import traitlets
from scipy.stats import entropy as scipy_entropy

from helpers import experiments, explorers, info
from helpers.explorers import entropy as ex_mod
from helpers.explorers.live import LIVE
from tests.references import MASK, count_bits, hand_uniforms
from tools.stills import job, render


def scipy_bits(p: float) -> float:
    return float(scipy_entropy([p, 1 - p], base=2))


# --- the shooters' entropies ------------------------------------------------------------------------

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


# --- the shot generator: a counter-based hash both NumPy and the browser compute ---------------------


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


# --- the live explorers, from Python ---------------------------------------------------------------

def test_registered_factories_build_the_live_explorers_at_the_articles_shooters() -> None:
    shooters, simulation = explorers.shooters(), explorers.shot_simulation()
    assert isinstance(shooters, ex_mod.Shooters) and LIVE["shooters"] is ex_mod.Shooters
    assert isinstance(simulation, ex_mod.ShotSimulation) and LIVE["shot_simulation"] is ex_mod.ShotSimulation
    assert shooters.values() == {"p_a": 0.1, "p_b": 0.999}
    assert shooters.reference() == [
        "Shooter A (小明): P(hit) = 0.100, P(miss) = 0.900, H = 0.4690 bits = 0.3251 nats",
        "Shooter B (小王): P(hit) = 0.999, P(miss) = 0.001, H = 0.0114 bits = 0.0079 nats",
        "Shooter A's next shot is the more uncertain, by 0.4576 bits.",
    ]
    assert simulation.values() == {"p_a": 0.1, "p_b": 0.999, "n": "1000", "seed": 0}
    k_a = sum(u < 0.1 for u in hand_uniforms(1000, 0, 0))
    k_b = sum(u < 0.999 for u in hand_uniforms(1000, 0, 1))
    assert (k_a, k_b) == (93, 999)
    assert simulation.reference() == [
        "n = 1000 shots each, seed 0",
        "Shooter A: 93 hits, frequency 0.0930; plug-in H = 0.4464 bits, true H = 0.4690 bits, off by -0.0226 bits",
        "Shooter B: 999 hits, frequency 0.9990; plug-in H = 0.0114 bits, true H = 0.0114 bits, off by 0.0000 bits",
    ]


@pytest.mark.parametrize("p_a, p_b", [(0.1, 0.999), (0.9, 0.999), (0.5, 0.25), (0.0, 1.0), (0.3, 0.7), (0.123, 0.877),
                                      (0.001, 0.6), (0.5, 0.501)])
def test_shooters_reference_against_scipy_and_torch(p_a, p_b) -> None:
    lines = ex_mod.Shooters(p_a=p_a, p_b=p_b).reference()
    nats = torch.distributions.Bernoulli(probs=torch.tensor([p_a, p_b], dtype=torch.float64)).entropy().tolist()
    bits = [scipy_bits(p_a), scipy_bits(p_b)]
    for line, who, p, hb, hn in zip(lines, ("A (小明)", "B (小王)"), (p_a, p_b), bits, nats):
        assert line == (f"Shooter {who}: P(hit) = {p:.3f}, P(miss) = {1 - p:.3f}, "
                        f"H = {hb:.4f} bits = {hn:.4f} nats").replace("-0.0000", "0.0000")
    gap = abs(bits[0] - bits[1])
    if round(gap, 4) == 0:
        assert lines[2] == "Both outcomes are equally uncertain."
    else:
        assert lines[2] == f"Shooter {'A' if bits[0] > bits[1] else 'B'}'s next shot is the more uncertain, by {gap:.4f} bits."


@pytest.mark.parametrize("p_a, p_b, n, seed", [
    (0.1, 0.999, 10, 0), (0.1, 0.999, 100_000, 4), (0.5, 0.5, 20, 20), (0.0, 1.0, 50, 3),
    (0.9, 0.001, 2_000, 11), (0.037, 0.5, 500, 7), (0.999, 0.1, 20_000, 1),
])
def test_simulation_reference_against_independent_shots_and_scipy(p_a, p_b, n, seed) -> None:
    """The readout from shots drawn by the pure-Python hash, counted, and measured by SciPy."""
    lines = ex_mod.ShotSimulation(p_a=p_a, p_b=p_b, n=n, seed=seed).reference()
    assert lines[0] == f"n = {n} shots each, seed {seed}"
    for stream, (line, p) in enumerate(zip(lines[1:], (p_a, p_b))):
        k = sum(u < p for u in hand_uniforms(n, seed, stream)) if n <= 20_000 \
            else int(experiments.simulate_shots(p, n, seed, stream).sum())
        plug_in, truth = count_bits(k, n), scipy_bits(p)
        diff = f"{plug_in - truth:+.4f}"
        diff = "0.0000" if diff in ("+0.0000", "-0.0000") else diff
        assert line == (f"Shooter {'AB'[stream]}: {k} hits, frequency {k / n:.4f}; plug-in H = {plug_in:.4f} bits, "
                        f"true H = {truth:.4f} bits, off by {diff} bits")


def test_a_difference_is_written_with_its_sign_unless_it_rounds_to_zero() -> None:
    assert ex_mod._signed(0.01234, 4) == "+0.0123" and ex_mod._signed(-0.01236, 4) == "-0.0124"
    assert ex_mod._signed(3e-9, 4) == ex_mod._signed(-3e-9, 4) == "0.0000"


def test_live_controls_match_their_specs() -> None:
    shooters, simulation = ex_mod.Shooters(), ex_mod.ShotSimulation()
    assert shooters.controls == ("p_a", "p_b")
    assert simulation.controls == ("p_a", "p_b", "n", "seed")
    for ex in (shooters, simulation):
        assert [spec["name"] for spec in ex._controls] == list(ex.controls)
        for spec in ex.specs:
            value = getattr(ex, spec["name"])
            if spec["kind"] == "range":
                k = (value - spec["min"]) / spec["step"]
                assert abs(k - round(k)) < 1e-9 and spec["min"] <= value <= spec["max"], spec
            else:
                assert value in spec["options"]
    p_spec = shooters.specs[0]
    assert (p_spec["label"], p_spec["min"], p_spec["max"], p_spec["step"], p_spec["digits"]) == \
        ("A: P(hit)", 0.0, 1.0, 0.001, 3)
    for k, value in ((100, 0.1), (999, 0.999)):      # the article's shooters are on the grid
        assert round(p_spec["min"] + k * p_spec["step"], 10) == value
    n_spec, seed_spec = simulation.specs[2], simulation.specs[3]
    assert n_spec == {"name": "n", "label": "shots n", "kind": "select",
                      "options": ["10", "20", "50", "100", "200", "500", "1000", "2000", "5000", "10000", "20000",
                                  "50000", "100000"]}
    assert [int(o) for o in n_spec["options"]] == list(ex_mod.SHOT_COUNTS)
    assert seed_spec == {"name": "seed", "label": "seed", "kind": "range", "min": 0, "max": 20, "step": 1, "digits": 0}


def test_live_simulation_takes_n_as_a_count_or_its_text_and_the_seed_as_a_whole_number() -> None:
    ex = ex_mod.ShotSimulation(n=100, seed=3.0)     # the browser's range input gives 3.0
    assert ex.n == "100" and ex.seed == 3 and isinstance(ex.seed, int)
    ex.n = np.int64(20_000)
    assert ex.n == "20000"
    ex.set(n="50")
    assert ex.reference()[0] == "n = 50 shots each, seed 3"


@pytest.mark.parametrize("name, value", [
    ("p_a", 1.2), ("p_a", -0.001), ("p_b", float("nan")), ("p_b", True), ("p_a", "0.5"),
    ("n", 30), ("n", "30"), ("n", 100.0), ("n", True), ("n", "1 000"),
    ("seed", 21), ("seed", -1), ("seed", 2.5), ("seed", float("nan")), ("seed", True), ("seed", "3"),
])
def test_live_traits_refuse_bad_values_naming_the_control(name, value) -> None:
    ex = ex_mod.ShotSimulation()
    with pytest.raises(traitlets.TraitError, match=rf"^{name}:"):
        setattr(ex, name, value)
    assert ex.values() == ex_mod.ShotSimulation().values(), "a refused value leaves the control as it was"
    if name in ("p_a", "p_b"):
        with pytest.raises(traitlets.TraitError, match=rf"^{name}:"):
            setattr(ex_mod.Shooters(), name, value)


# --- the simulation module's own arithmetic, run by Node (tools/render_explorer.mjs) -----------------
# The readouts at many settings are the contract test's (tests/test_explorers_live.py); here, what
# the readout does not show: the hashes bit for bit and the running entropies drawn.
PROBE = """({ lowbias, hashes, simulation }) => ({
  lowbias32: lowbias.map((x) => lowbias32(x)),
  hashes: hashes.map(([n, seed, stream]) => shotHashes(n, seed, stream)),
  simulation: simulation.map(([pa, pb, n, seed]) => {
    const ms = checkpoints(n);
    return { ms, curves: [pa, pb].map((p, stream) => runShooter(cachedHashes(n, seed, stream), n, p, ms).curve) };
  }),
})"""


@pytest.fixture(scope="module")
def in_node() -> tuple[dict, dict]:
    if shutil.which("node") is None:
        pytest.skip("needs Node.js to run the explorers' modules")
    rng = random.Random(3)
    grid = [round(k * 0.001, 3) for k in range(1001)]
    cases = {
        "lowbias": [0, 1, 2, 5, 0x9E3779B9, 2**31, MASK] + [rng.randrange(2**32) for _ in range(200)],
        "hashes": [[1000, seed, stream] for seed in range(21) for stream in (0, 1)] + [[5, MASK, MASK]],
        "simulation": [[rng.choice(grid), rng.choice(grid), rng.choice(ex_mod.SHOT_COUNTS), rng.randint(0, 20)]
                       for _ in range(60)] + [[0.1, 0.999, n, 0] for n in ex_mod.SHOT_COUNTS],
    }
    return cases, render([job(ex_mod.ShotSimulation(), probe=PROBE, probe_input=cases)])[0]["probe"]


def test_the_modules_hash_is_bit_for_bit_the_python_hash(in_node) -> None:
    cases, out = in_node
    assert out["lowbias32"] == experiments.lowbias32(cases["lowbias"]).tolist()
    for (n, seed, stream), hashes in zip(cases["hashes"], out["hashes"], strict=True):
        assert np.array_equal(np.array(hashes) / 2**32, experiments.shot_uniforms(n, seed, stream)), (seed, stream)


def test_the_modules_running_entropies_are_the_reference(in_node) -> None:
    cases, out = in_node
    for (p_a, p_b, n, seed), got in zip(cases["simulation"], out["simulation"], strict=True):
        ms = np.array(got["ms"])
        assert ms[0] == 1 and ms[-1] == n and np.all(np.diff(ms) > 0) and len(ms) <= 300
        for stream, p in enumerate((p_a, p_b)):
            running = info.running_plugin_entropy(experiments.simulate_shots(p, n, seed, stream))
            np.testing.assert_allclose(got["curves"][stream], running[ms - 1], atol=1e-12)


def test_notebook_03_key_numbers_are_what_the_explorers_show() -> None:
    h_a, h_b = ex_mod.shooters_state()["H_bits"]
    assert math.isclose(h_a, scipy_bits(0.1)) and math.isclose(h_b, scipy_bits(0.999))
