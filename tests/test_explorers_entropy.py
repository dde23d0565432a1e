"""Tests of notebook 03's explorers: the shooters' entropies against SciPy and PyTorch; the seeded shot
generator (the lowbias32 hash against hand-computed values and a pure-Python re-implementation, its
uniformity, its streams' independence, reproducible and prefix-consistent shots); the live explorers'
Python side (traits, specs, reference readouts against SciPy on independently drawn shots, display
bundles); their browser modules run by Node (the same hashes bit for bit, the same readout text)."""
from __future__ import annotations

import json
import math
import random
import shutil
import subprocess

import numpy as np
import pytest
import torch
import traitlets
from scipy import stats
from scipy.stats import entropy as scipy_entropy

from helpers import experiments, explorers, info
from helpers.explorers import entropy as ex_mod
from helpers.explorers.live import EXPLORER_MIME, LIVE, WEB

MASK = 0xFFFFFFFF
GOLDEN = 0x9E3779B9


def scipy_bits(p: float) -> float:
    return float(scipy_entropy([p, 1 - p], base=2))


def count_bits(k: int, n: int) -> float:
    """Plug-in entropy (bits) of k hits in n shots, by SciPy."""
    return float(scipy_entropy([k, n - k], base=2))


def hand_lowbias32(x: int) -> int:
    """lowbias32 step by step on Python integers, every product reduced modulo 2^32 by hand."""
    x &= MASK
    x ^= x >> 16
    x = (x * 0x7FEB352D) & MASK
    x ^= x >> 15
    x = (x * 0x846CA68B) & MASK
    x ^= x >> 16
    return x


def hand_uniforms(n: int, seed: int, stream: int) -> list[float]:
    """The documented formula on Python integers: key = h(h(seed ^ G) + stream), u_i = h(key + i G) / 2^32."""
    key = hand_lowbias32((hand_lowbias32(seed ^ GOLDEN) + stream) & MASK)
    return [hand_lowbias32((key + i * GOLDEN) & MASK) / 2**32 for i in range(n)]


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

@pytest.mark.parametrize("x, expected", [
    (0, 0),                      # 0 is lowbias32's fixed point: why the seed is XORed with G first
    (1, 1753845952),
    (2, 3507691905),
    (5, 1548080446),
    (0x9E3779B9, 33350994),
    (0xFFFFFFFF, 1734902346),
])
def test_lowbias32_matches_hand_computed_values(x, expected) -> None:
    # x = 1 by hand: 1 ^ (1 >> 16) = 1; * 0x7feb352d = 0x7feb352d; ^ (>> 15) = 0x7febcafb;
    # * 0x846ca68b mod 2^32 = 0x6889f849; ^ (>> 16) = 0x688990c0 = 1753845952
    assert hand_lowbias32(x) == expected
    assert experiments.lowbias32(x).tolist() == [expected]


def test_lowbias32_is_elementwise_and_wraps_silently() -> None:
    xs = np.array([0, 1, 2, 12345, 2**31, MASK], dtype=np.uint32)
    with np.errstate(all="raise"):
        out = experiments.lowbias32(xs)
    assert out.dtype == np.uint32 and out.tolist() == [hand_lowbias32(int(x)) for x in xs]
    assert xs.tolist() == [0, 1, 2, 12345, 2**31, MASK], "the input is not changed in place"


@pytest.mark.parametrize("seed, stream", [(0, 0), (0, 1), (7, 0), (20, 1), (123456, 3), (MASK, MASK)])
def test_shot_uniforms_follow_the_documented_formula(seed, stream) -> None:
    u = experiments.shot_uniforms(50, seed, stream)
    assert u.tolist() == hand_uniforms(50, seed, stream)   # exactly: multiples of 2^-32
    assert np.all((u >= 0) & (u < 1))


def test_the_first_uniforms_of_seed_0() -> None:
    """Hand-computed: key = h(h(0 ^ G) + 0), u_0 = h(key) / 2^32; stream 1 starts elsewhere."""
    key = hand_lowbias32(hand_lowbias32(GOLDEN))
    assert experiments.shot_uniforms(1, 0, 0)[0] == hand_lowbias32(key) / 2**32
    assert [round(v, 8) for v in experiments.shot_uniforms(3, 0, 0)] == [0.57934125, 0.06142728, 0.68309892]
    assert [round(v, 8) for v in experiments.shot_uniforms(3, 0, 1)] == [0.77533581, 0.81795479, 0.80274532]


@pytest.mark.parametrize("seed, stream", [(0, 0), (0, 1), (13, 0)])
def test_shot_uniforms_are_uniform(seed, stream) -> None:
    """100,000 draws: a chi-square test on 100 equal bins, the mean 1/2 and the variance 1/12 each within
    four standard errors, and hit counts in blocks spread as a binomial's (the hash of consecutive
    integers would give counts that are too even)."""
    n = 100_000
    u = experiments.shot_uniforms(n, seed, stream)
    counts, _ = np.histogram(u, bins=100, range=(0.0, 1.0))
    assert stats.chisquare(counts).pvalue > 1e-3
    assert abs(u.mean() - 0.5) < 4 * math.sqrt(1 / 12 / n)
    assert abs(u.var() - 1 / 12) < 4 * math.sqrt((1 / 80 - 1 / 144) / n)
    for p, block in ((0.1, 100), (0.5, 100), (0.3, 10)):
        k = (u < p).reshape(-1, block).sum(axis=1)
        ratio = k.var(ddof=1) / (block * p * (1 - p))
        assert abs(ratio - 1) < 4 * math.sqrt(2 / (k.size - 1)), (p, block, ratio)
    pairs, _, _ = np.histogram2d(u[:-1:2], u[1::2], bins=10, range=[[0, 1], [0, 1]])
    assert stats.chisquare(pairs.ravel()).pvalue > 1e-3   # successive draws: no pattern in pairs


def test_streams_do_not_move_together() -> None:
    """Shooter A (stream 0) and B (stream 1) of every seed the notebook and the explorer use: their
    uniforms are uncorrelated, and no two (seed, stream) pairs hash a common counter within their
    first 2 million shots (key + i G = key' + j G has no solution with i, j < 2,000,000)."""
    n = 100_000
    for seed in range(ex_mod.SEED_MAX + 1):
        r = np.corrcoef(experiments.shot_uniforms(n, seed, 0), experiments.shot_uniforms(n, seed, 1))[0, 1]
        assert abs(r) < 4 / math.sqrt(n), (seed, r)
    keys = [hand_lowbias32((hand_lowbias32(seed ^ GOLDEN) + stream) & MASK)
            for seed in range(ex_mod.SEED_MAX + 1) for stream in (0, 1)]
    g_inverse = pow(GOLDEN, -1, 2**32)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            steps = ((b - a) * g_inverse) % 2**32    # b = a + steps * G (mod 2^32)
            assert min(steps, 2**32 - steps) > 2_000_000
    hits = np.array([[experiments.simulate_shots(0.5, 1000, seed, stream).sum() for stream in (0, 1)]
                     for seed in range(200)])
    assert abs(np.corrcoef(hits.T)[0, 1]) < 4 / math.sqrt(200)   # counts of A and B across seeds


def test_simulation_is_seeded_and_prefix_consistent() -> None:
    a = experiments.simulate_shots(0.3, 1000, seed=7)
    assert np.array_equal(a, experiments.simulate_shots(0.3, 1000, seed=7))
    assert np.array_equal(a[:100], experiments.simulate_shots(0.3, 100, seed=7))
    assert np.array_equal(a, np.array(hand_uniforms(1000, 7, 0)) < 0.3)
    assert not np.array_equal(a, experiments.simulate_shots(0.3, 1000, seed=8))
    assert not np.array_equal(a, experiments.simulate_shots(0.3, 1000, seed=7, stream=1))
    assert a.dtype == bool and a.shape == (1000,)
    assert not experiments.simulate_shots(0.0, 50, seed=1).any() and experiments.simulate_shots(1.0, 50, seed=1).all()
    assert experiments.simulate_shots(0.3, 10, seed=np.int64(7)).tolist() == a[:10].tolist()


@pytest.mark.parametrize("n", [0, -5, 2.5, True])
def test_simulation_rejects_bad_n(n) -> None:
    with pytest.raises(ValueError, match=r"^n:"):
        experiments.simulate_shots(0.5, n, seed=0)


@pytest.mark.parametrize("kwargs, name", [
    ({"seed": -1}, "seed"), ({"seed": 2**32}, "seed"), ({"seed": 1.5}, "seed"), ({"seed": float("nan")}, "seed"),
    ({"seed": True}, "seed"), ({"stream": -1}, "stream"), ({"stream": 2**32}, "stream"), ({"stream": 0.5}, "stream"),
])
def test_simulation_rejects_bad_seeds_and_streams(kwargs, name) -> None:
    with pytest.raises(ValueError, match=rf"^{name}:"):
        experiments.simulate_shots(0.5, 10, **{"seed": 0} | kwargs)


def test_running_plugin_entropy_matches_scipy_on_counts() -> None:
    hits = experiments.simulate_shots(0.1, 500, seed=3)
    running = info.running_plugin_entropy(hits)
    for m in (1, 2, 10, 77, 500):
        k = int(hits[:m].sum())
        assert running[m - 1] == pytest.approx(count_bits(k, m), abs=1e-12)
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


def test_live_set_refuses_an_unknown_control() -> None:
    with pytest.raises(ValueError, match="^p_c: not a control"):
        ex_mod.Shooters().set(p_c=0.5)


def test_live_display_bundles_name_the_explorer_and_its_values() -> None:
    bundle = ex_mod.Shooters(p_a=0.9)._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data[EXPLORER_MIME] == {"name": "shooters", "values": {"p_a": 0.9, "p_b": 0.999}}
    assert data["text/plain"].startswith("Two shooters: hit probabilities and entropy (shooters): Shooter A")
    assert "application/vnd.jupyter.widget-view+json" in data
    bundle = ex_mod.ShotSimulation(n=100_000, seed=4)._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data[EXPLORER_MIME] == {"name": "shot_simulation",
                                   "values": {"p_a": 0.1, "p_b": 0.999, "n": "100000", "seed": 4}}
    assert "n = 100000 shots each, seed 4" in data["text/plain"]


def test_live_modules_are_joined_to_the_primitives() -> None:
    for cls in (ex_mod.Shooters, ex_mod.ShotSimulation):
        assert cls._esm.startswith("// Drawing primitives") and "export default { render }" in cls._esm
    assert "Math.imul(x, 0x7feb352d)" in ex_mod.ShotSimulation._esm


# --- the browser modules, run by Node --------------------------------------------------------------

NODE_HARNESS = r"""
const fs = require("fs");
const [draw, shooters, simulation, cases] = process.argv.slice(2).map((f) => fs.readFileSync(f, "utf8"));
const strip = (src) => src.replace("export default { render };", "");
const sh = new Function(draw + "\n" + strip(shooters) + "\nreturn { shootersLines };")();
const sim = new Function(draw + "\n" + strip(simulation)
  + "\nreturn { lowbias32, shotHashes, cachedHashes, checkpoints, runShooter, simBits, simulationLines };")();
const c = JSON.parse(cases);
const out = {
  lowbias32: c.lowbias32.map((x) => sim.lowbias32(x)),
  hashes: c.hashes.map(([n, seed, stream]) => Array.from(sim.shotHashes(n, seed, stream))),
  shooters: c.shooters.map((ps) => sh.shootersLines(ps).lines),
  simulation: c.simulation.map(([pa, pb, n, seed]) => {
    const ps = [pa, pb];
    const ms = sim.checkpoints(n);
    const runs = ps.map((p, stream) => sim.runShooter(sim.cachedHashes(n, seed, stream), n, p, ms));
    return { lines: sim.simulationLines(n, seed, runs, ps.map(sim.simBits)), ms, curves: runs.map((r) => r.curve) };
  }),
};
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def node_results(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed")
    rng = random.Random(3)
    grid = [round(k * 0.001, 3) for k in range(1001)]
    cases = {
        "lowbias32": [0, 1, 2, 5, 0x9E3779B9, 2**31, MASK] + [rng.randrange(2**32) for _ in range(200)],
        "hashes": [[1000, seed, stream] for seed in range(21) for stream in (0, 1)] + [[5, MASK, MASK]],
        "shooters": [[rng.choice(grid), rng.choice(grid)] for _ in range(1000)]
        + [[0.0, 1.0], [0.3, 0.7], [0.5, 0.5], [0.5, 0.501], [1.0, 0.0], [0.1, 0.999]],
        # random settings, then every count at the article's shooters; the counts revisited (cache)
        "simulation": [[rng.choice(grid), rng.choice(grid), rng.choice(ex_mod.SHOT_COUNTS), rng.randint(0, 20)]
                       for _ in range(150)]
        + [[0.1, 0.999, n, 0] for n in ex_mod.SHOT_COUNTS] + [[0.1, 0.999, n, 0] for n in (10, 100_000, 50)],
    }
    folder = tmp_path_factory.mktemp("node")
    (folder / "cases.json").write_text(json.dumps(cases))
    (folder / "harness.js").write_text(NODE_HARNESS)
    run = subprocess.run(["node", str(folder / "harness.js"), str(WEB / "draw.js"), str(WEB / "shooters.js"),
                          str(WEB / "shot_simulation.js"), str(folder / "cases.json")],
                         capture_output=True, text=True, timeout=120, check=True)
    return cases, json.loads(run.stdout)


def test_browser_hash_is_bit_for_bit_the_python_hash(node_results) -> None:
    cases, out = node_results
    assert out["lowbias32"] == experiments.lowbias32(cases["lowbias32"]).tolist()
    for (n, seed, stream), hashes in zip(cases["hashes"], out["hashes"], strict=True):
        assert np.array_equal(np.array(hashes) / 2**32, experiments.shot_uniforms(n, seed, stream)), (seed, stream)


def test_browser_shooters_readout_is_the_reference(node_results) -> None:
    cases, out = node_results
    ex = ex_mod.Shooters()
    for (p_a, p_b), lines in zip(cases["shooters"], out["shooters"], strict=True):
        assert lines == ex.set(p_a=p_a, p_b=p_b).reference(), (p_a, p_b)


def test_browser_simulation_readout_and_curves_are_the_reference(node_results) -> None:
    cases, out = node_results
    ex = ex_mod.ShotSimulation()
    for (p_a, p_b, n, seed), got in zip(cases["simulation"], out["simulation"], strict=True):
        assert got["lines"] == ex.set(p_a=p_a, p_b=p_b, n=n, seed=seed).reference(), (p_a, p_b, n, seed)
        ms = np.array(got["ms"])
        assert ms[0] == 1 and ms[-1] == n and np.all(np.diff(ms) > 0) and len(ms) <= 300
        for stream, p in enumerate((p_a, p_b)):
            running = info.running_plugin_entropy(experiments.simulate_shots(p, n, seed, stream))
            np.testing.assert_allclose(got["curves"][stream], running[ms - 1], atol=1e-12)


def test_notebook_03_key_numbers_are_what_the_explorers_show() -> None:
    h_a, h_b = ex_mod.shooters_state()["H_bits"]
    assert math.isclose(h_a, scipy_bits(0.1)) and math.isclose(h_b, scipy_bits(0.999))
