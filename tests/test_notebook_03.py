"""Notebook 03 (entropy and the two shooters): every number its prose states, asserted against an
independent reference (SciPy, PyTorch, a closed form or a hand calculation), and its exercises'
solutions passing their checks while typical wrong answers fail.

The notebook runs once per session (``tests/notebook_run.py``); these tests read its variables and
what its cells printed.
"""
from __future__ import annotations

import math
import re

import nbformat
import numpy as np
import pytest
import torch
from scipy.stats import binom
from scipy.stats import entropy as scipy_entropy

from helpers import checks
from tests.notebook_run import learner_code, notebook_path, run

P_A, P_B = 0.1, 0.999
LN2 = math.log(2)


def bits(*probabilities: float) -> float:
    """Entropy in bits by SciPy, the reference independent of helpers.info."""
    return float(scipy_entropy(probabilities, base=2))


def nats(*probabilities: float) -> float:
    return float(scipy_entropy(probabilities))


@pytest.fixture(scope="module")
def nb03():
    return run("03")


@pytest.fixture(scope="module")
def cells() -> list[nbformat.NotebookNode]:
    return nbformat.read(notebook_path("03"), as_version=4).cells


def markdown_text(cells) -> str:
    return "\n".join(c.source for c in cells if c.cell_type == "markdown")


# --- section 1: entropy is the average information -------------------------------------------------

def test_fair_coin_and_die(nb03) -> None:
    out = nb03.printed("for name, p in ((\"a fair coin\"")
    assert bits(0.5, 0.5) == pytest.approx(1.0)
    assert round(bits(*[1 / 6] * 6), 4) == 2.5850 == round(math.log2(6), 4)
    assert "on the entropy of a fair coin: 1.0000 bits" in out
    assert "on the entropy of a fair die: 2.5850 bits" in out
    assert out.count("✓ by hand, helpers and PyTorch agree") == 2


# --- section 2: the two shooters ------------------------------------------------------------------

def test_information_of_each_outcome(nb03) -> None:
    out = nb03.printed("I(hit) = {info.information_content")
    for who, p in (("A", P_A), ("B", P_B)):
        assert f"shooter {who}: I(hit) = {-math.log2(p):.4f} bits, I(miss) = {-math.log2(1 - p):.4f} bits" in out
    assert round(-math.log2(1 - P_B), 4) == 9.9658


def test_the_shooters_entropies_in_bits_and_nats(nb03) -> None:
    ns = nb03.ns
    assert round(bits(P_A, 1 - P_A), 4) == 0.4690 and round(bits(P_B, 1 - P_B), 4) == 0.0114
    assert round(nats(P_A, 1 - P_A), 4) == 0.3251 and round(nats(P_B, 1 - P_B), 4) == 0.0079
    assert ns["H_A"] == pytest.approx(bits(P_A, 1 - P_A), abs=1e-12)
    assert ns["H_B"] == pytest.approx(bits(P_B, 1 - P_B), abs=1e-12)
    torch_nats = torch.distributions.Bernoulli(probs=torch.tensor([P_A, P_B], dtype=torch.float64)).entropy()
    np.testing.assert_allclose(ns["H_nats"].numpy(), torch_nats.numpy(), atol=1e-15)
    out = nb03.printed("H_nats = torch.distributions")
    assert "shooter A's entropy: 0.4690 bits" in out and "shooter B's entropy: 0.0114 bits" in out
    assert "in nats: H_A = 0.3251 nats, H_B = 0.0079 nats" in out


def test_only_base_2_gives_the_articles_figures(nb03) -> None:
    out = nb03.printed("article = (0.4690, 0.0114)")
    marked = [line.split(":")[0].strip() for line in out.splitlines() if "the article's figures" in line]
    assert marked == ["bits"]
    expected = {2: (bits(P_A, 1 - P_A), bits(P_B, 1 - P_B)),
                math.e: (nats(P_A, 1 - P_A), nats(P_B, 1 - P_B)),
                10: (float(scipy_entropy([P_A, 1 - P_A], base=10)), float(scipy_entropy([P_B, 1 - P_B], base=10)))}
    for unit, base in (("bits", 2), ("nats", math.e), ("dits", 10)):
        h_a, h_b = expected[base]
        assert f"{unit}: H_A = {h_a:.4f}, H_B = {h_b:.4f}" in out
    assert (round(expected[math.e][0], 4), round(expected[math.e][1], 4)) != (0.4690, 0.0114)


# --- section 3: reading the numbers ---------------------------------------------------------------

def test_the_weighted_terms(nb03) -> None:
    out = nb03.printed("hit term {hit:.4f}")
    for who, p in (("A", P_A), ("B", P_B)):
        hit, miss = -p * math.log2(p), -(1 - p) * math.log2(1 - p)
        assert f"shooter {who}: hit term {hit:.4f} bits + miss term {miss:.4f} bits = {hit + miss:.4f} bits" in out
    assert round(-(1 - P_B) * math.log2(1 - P_B), 4) == 0.0100     # B's rare miss adds only 0.0100 bits
    assert bits(P_A, 1 - P_A) > bits(P_B, 1 - P_B)                  # A is the more uncertain
    assert 0.45 < bits(P_A, 1 - P_A) < 0.5                          # "almost half of the 1 bit of a fair coin"


# --- section 4: the yes/no curve ------------------------------------------------------------------

def test_the_binary_entropy_curve(nb03) -> None:
    ns = nb03.ns
    grid, h = ns["grid"], ns["H_grid"]
    reference = np.array([bits(p, 1 - p) for p in grid])
    np.testing.assert_allclose(h, reference, atol=1e-12)
    assert h[0] == 0.0 and h[-1] == 0.0
    np.testing.assert_allclose(h, h[::-1], atol=1e-15)
    assert grid[np.argmax(h)] == 0.5 and h.max() == 1.0
    out = nb03.printed('checks.agree("the curve H(p)"')
    assert "✓ helpers and PyTorch agree on the curve H(p)" in out
    assert "✓ H(p) = H(1 - p) at every point of the grid" in out
    assert "H(0) = 0.0000 bits, H(0.5) = 1.0000 bits, H(1) = 0.0000 bits" in out


def test_the_coding_of_hit_and_miss_does_not_matter(nb03) -> None:
    out = nb03.printed("H_hit_is_1")
    assert bits(P_A, 1 - P_A) == pytest.approx(bits(1 - P_A, P_A))
    assert f"with 1 = hit: {bits(P_A, 1 - P_A):.4f} bits; with 1 = miss: {bits(1 - P_A, P_A):.4f} bits" in out
    assert float(nb03.ns["H_hit_is_1"]) == pytest.approx(float(nb03.ns["H_miss_is_1"]), abs=1e-15)


# --- section 5: the plug-in estimate ---------------------------------------------------------------

def test_one_run_of_the_simulation(nb03) -> None:
    out = nb03.printed("for n in (10, 100, 1_000, 10_000, 100_000)")
    shots_a = nb03.ns["experiments"].simulate_shots(P_A, 100_000, 0, stream=0)
    shots_b = nb03.ns["experiments"].simulate_shots(P_B, 100_000, 0, stream=1)
    for n in (10, 100, 1_000, 10_000, 100_000):
        k_a, k_b = int(shots_a[:n].sum()), int(shots_b[:n].sum())   # prefixes: the first n of 100 000 shots
        line = (f"A {k_a:>5} hits, plug-in {bits(k_a, n - k_a):.4f} bits;"
                f"  B {k_b:>6} hits, plug-in {bits(k_b, n - k_b):.4f} bits")
        assert line in out, line
    # the draws of helpers.experiments.simulate_shots (a lowbias32 counter hash), pinned: a change of
    # generator must show up here, and the prose checked again
    assert "n =     10: A     3 hits, plug-in 0.8813 bits;  B     10 hits, plug-in 0.0000 bits" in out
    assert "n =   1000: A    93 hits, plug-in 0.4464 bits;  B    999 hits, plug-in 0.0114 bits" in out
    assert "n = 100000: A  9752 hits, plug-in 0.4611 bits;  B  99900 hits, plug-in 0.0114 bits" in out


def test_mean_errors_over_20_runs(nb03) -> None:
    ns = nb03.ns
    checkpoints = [10, 100, 1_000, 10_000, 100_000]
    simulate = ns["experiments"].simulate_shots
    runs_a = np.array([[bits(k := int(simulate(P_A, 100_000, s, 0)[:n].sum()), n - k) for n in checkpoints]
                       for s in range(20)])
    runs_b = np.array([[bits(k := int(simulate(P_B, 100_000, s, 1)[:n].sum()), n - k) for n in checkpoints]
                       for s in range(20)])
    np.testing.assert_allclose(ns["runs_A"], runs_a, atol=1e-12)
    np.testing.assert_allclose(ns["runs_B"], runs_b, atol=1e-12)
    err_a = np.abs(runs_a - bits(P_A, 1 - P_A)).mean(axis=0)
    err_b = np.abs(runs_b - bits(P_B, 1 - P_B)).mean(axis=0)
    out = nb03.printed("runs_A = np.array")
    for n, ea, eb in zip(checkpoints, err_a, err_b):
        assert f"n = {n:>6}: mean |error| over 20 runs: A {ea:.4f} bits, B {eb:.4f} bits" in out
    assert np.all(np.diff(err_a) < 0)                                # A's error shrinks at every step
    assert err_b[1] > err_b[0] and np.all(np.diff(err_b[1:]) < 0)    # B's rises at n = 100, then shrinks
    assert err_a[-1] < 0.005 and err_b[-1] < 0.005                   # within 0.005 bits after 100 000 shots
    assert np.mean(runs_b[:, 0] == 0.0) >= 0.9                       # B's plug-in starts at 0 (underestimate)
    assert [round(e, 4) for e in err_a] == [0.2558, 0.0852, 0.0219, 0.0086, 0.0028]   # the draws, pinned
    assert [round(e, 4) for e in err_b] == [0.0114, 0.0172, 0.0056, 0.0028, 0.0007]


def test_the_chances_of_bs_misses(nb03) -> None:
    """0.0952 is the chance of AT LEAST one miss in 100 shots; exactly one miss is 0.0906."""
    at_least_one, exactly_one = 1 - binom.pmf(0, 100, 1 - P_B), binom.pmf(1, 100, 1 - P_B)
    assert round(P_B**10, 3) == 0.990 == round(binom.pmf(0, 10, 1 - P_B), 3)
    assert round(at_least_one, 4) == 0.0952 and round(exactly_one, 4) == 0.0906
    assert round(1 / at_least_one) == 11                            # "about one run in ten"
    assert exactly_one / at_least_one > 0.95                        # "nearly every such run has seen just one"
    h_one_miss = bits(0.99, 0.01)
    assert round(h_one_miss, 4) == 0.0808 and round(h_one_miss / bits(P_B, 1 - P_B)) == 7
    out = nb03.printed("P(at least one miss)")
    assert "10 shots: P(all hits) = 0.990" in out
    assert "P(at least one miss) = 0.0952, P(exactly one miss) = 0.0906" in out
    assert f"each with H(0.99) = 0.0808 bits = {h_one_miss / bits(P_B, 1 - P_B):.1f} times the truth" in out
    runs_b = nb03.ns["runs_B"]
    saw_a_miss = runs_b[:, 1] > 0
    np.testing.assert_allclose(runs_b[saw_a_miss, 1], h_one_miss)   # each of those runs saw exactly one miss
    assert f"runs that saw a miss: {saw_a_miss.sum()} of 20" in out
    assert f"runs with plug-in entropy 0: {np.sum(runs_b[:, 0] == 0)} of 20" in out
    assert saw_a_miss.sum() == 2 and np.sum(runs_b[:, 0] == 0) == 20   # 2 of 20: "about one run in ten"


def test_the_simulation_explorers_text_holds_for_its_draws(nb03, cells) -> None:
    """The explorer's Markdown names counts from the draws: check each against the shots themselves."""
    (text,) = [c.source for c in cells if c.cell_type == "markdown" and "## Explorer: simulated shots" in c.source]
    simulate = nb03.ns["experiments"].simulate_shots
    assert "at $n = 1000$, A has 93 hits and B 999" in text
    assert simulate(P_A, 1000, 0, 0).sum() == 93 and simulate(P_B, 1000, 0, 1).sum() == 999
    live = nb03.ns["explorers"].shot_simulation()           # seed 0, n = 1000: the same shots
    assert live.values()["seed"] == 0 and live.values()["n"] == "1000"
    assert live.reference()[1].startswith("Shooter A: 93 hits") and live.reference()[2].startswith("Shooter B: 999 hits")
    assert "stays at 0 for every seed on\nthe slider" in text and "probability 0.990" in text
    seeds = range(live.specs[-1]["min"], live.specs[-1]["max"] + 1)
    assert list(seeds) == list(range(21))
    assert all(simulate(P_B, 10, seed, 1).all() for seed in seeds)    # ten hits of ten: plug-in entropy 0
    assert "with seed 0 its first miss is shot 537" in text
    shots_b = simulate(P_B, 100_000, 0, 1)
    assert shots_b[:536].all() and not shots_b[536]                  # shot 537 (counting from 1) misses
    running = nb03.ns["info"].running_plugin_entropy(shots_b)
    assert np.all(running[:536] == 0.0) and running[536] > 0.0       # "only there does its curve leave 0"


# --- section 6: K equally likely outcomes ----------------------------------------------------------

def test_uniform_distributions_give_log_k(nb03) -> None:
    out = nb03.printed("for K in (2, 4, 6, 8)")
    for k in (2, 4, 6, 8):
        assert bits(*[1 / k] * k) == pytest.approx(math.log2(k))
        assert f"agree on the entropy of {k} equally likely outcomes: {math.log2(k):.4f} bits" in out


def test_random_distributions_stay_below_log2_6(nb03) -> None:
    dists = nb03.ns["random_dists"]
    assert dists.shape == (2000, 6)
    np.testing.assert_allclose(dists.sum(axis=1), 1.0)
    reference = scipy_entropy(dists, base=2, axis=1)
    np.testing.assert_allclose(nb03.ns["H_random"], reference, atol=1e-12)
    assert np.all(reference < math.log2(6))
    out = nb03.printed("random_dists = rng.dirichlet")
    assert f"the largest of them: {reference.max():.4f} bits; log2 6 = 2.5850 bits" in out


# --- common slips ----------------------------------------------------------------------------------

def test_the_articles_slips_in_numbers(nb03) -> None:
    out = nb03.printed("plain sum of I(hit) and I(miss)")
    plain_sum = -math.log2(P_A) - math.log2(1 - P_A)
    assert round(plain_sum, 4) == 3.4739 and plain_sum > 1.0         # more than any yes/no outcome holds
    assert f"plain sum of I(hit) and I(miss): {plain_sum:.4f} bits" in out
    assert f"probability-weighted average:    {bits(P_A, 1 - P_A):.4f} bits = H_A" in out
    ratio = bits(P_A, 1 - P_A) / bits(P_B, 1 - P_B)
    assert round(ratio) == 41 and f"H_A / H_B = {ratio:.1f}" in out
    assert "in nats: H_A = 0.3251 nats, H_B = 0.0079 nats" in out
    assert "H([1, 0]) = 0.0000 bits" in out and bits(1.0, 0.0) == 0.0


def test_the_slips_box_says_it_right(cells) -> None:
    (box,) = [c.source for c in cells if c.cell_type == "markdown" and "**Common slips**" in c.source]
    for phrase in ("expectation, not a sum", "3.4739 bits", "more uncertain one", "41 times",
                   "0.3251 and 0.0079", "they are bits"):
        assert phrase in box, phrase
    text = markdown_text(cells)
    assert "at least one" in text and "0.0952" in text and "0.0906" in text


# --- exercises -------------------------------------------------------------------------------------

SOLUTIONS = {  # exercise number -> (checker, independent reference of the answer)
    1: (checks.third_shooter_entropy, bits(0.75, 0.25)),
    2: (checks.bernoulli_entropy_function, None),
    3: (checks.loaded_die_entropy, bits(0.1, 0.1, 0.1, 0.1, 0.1, 0.5)),
    4: (checks.plugin_entropy_estimate, bits(7, 43)),
    5: (checks.coin_versus_three_sided_die, math.log2(3) - bits(0.9, 0.1)),
}


def solution_cells(cells) -> dict[int, str]:
    found = {}
    for c in learner_code(cells):
        match = re.match(r"# Solution to Exercise (\d+)", c.source)
        if c.cell_type == "code" and match:
            found[int(match.group(1))] = c.source
    return found


def test_every_exercise_has_a_solution_that_passes(nb03, cells) -> None:
    exercises = re.findall(r"\*\*Exercise (\d+)[^*]*:\*\*", markdown_text(cells))
    assert [int(n) for n in exercises] == sorted(SOLUTIONS)
    solutions = solution_cells(cells)
    assert sorted(solutions) == sorted(SOLUTIONS)
    for number, source in solutions.items():
        checker, reference = SOLUTIONS[number]
        ns = dict(nb03.ns)
        *body, last = source.strip().splitlines()
        assert last.startswith(f"checks.{checker.__name__}("), last
        exec("\n".join(body), ns)  # noqa: S102  (the notebook's own solution cell)
        verdict = eval(last, ns)  # noqa: S307
        assert verdict.ok, (number, verdict)
        if reference is not None:
            assert float(ns["answer"]) == pytest.approx(reference, rel=1e-9)


def test_the_exercise_answers(nb03) -> None:
    assert round(bits(0.75, 0.25), 4) == 0.8113 > round(bits(P_A, 1 - P_A), 4)
    loaded = bits(0.1, 0.1, 0.1, 0.1, 0.1, 0.5)
    assert round(loaded, 4) == 2.1610 and loaded < math.log2(6)
    estimate = bits(7, 43)
    assert round(estimate, 4) == 0.5842 and round(estimate - bits(P_A, 1 - P_A), 4) == 0.1152
    assert round(math.log2(3), 4) == 1.5850 and round(bits(0.9, 0.1), 4) == 0.4690
    assert round(math.log2(3) - bits(0.9, 0.1), 4) == 1.1160


@pytest.mark.parametrize("checker, wrong", [
    (checks.third_shooter_entropy, nats(0.75, 0.25)),                       # wrong base
    (checks.third_shooter_entropy, -math.log2(0.75) - math.log2(0.25)),    # a sum, not an expectation
    (checks.third_shooter_entropy, -0.75 * math.log2(0.75)),               # forgot the miss term
    (checks.loaded_die_entropy, math.log2(6)),                             # the fair die
    (checks.plugin_entropy_estimate, bits(P_A, 1 - P_A)),                  # the true entropy
    (checks.coin_versus_three_sided_die, math.log2(3) - 1.0),              # a fair coin
    (checks.coin_versus_three_sided_die, bits(0.9, 0.1) - math.log2(3)),   # the wrong way round
])
def test_typical_wrong_answers_fail(checker, wrong) -> None:
    assert not checker(wrong, hint=0).ok


def test_the_exercise_cells_run_as_shipped(nb03, cells) -> None:
    shipped = [c.source for c in learner_code(cells) if "answer = ..." in c.source
               or "def bernoulli_entropy(p):\n    ...\n" in c.source]
    assert len(shipped) == 5
    for source in shipped:
        ns = dict(nb03.ns)
        *body, last = source.strip().splitlines()
        exec("\n".join(body), ns)  # noqa: S102
        verdict = eval(last, ns)  # noqa: S307
        assert not verdict.ok and "placeholder" in verdict.message


def test_nothing_above_an_exercise_gives_its_answer_away(nb03) -> None:
    before = "".join(out for source, out in nb03.cells if "# Solution to Exercise" not in source)
    for answer in (bits(0.75, 0.25), bits(0.1, 0.1, 0.1, 0.1, 0.1, 0.5), bits(7, 43),
                   math.log2(3) - bits(0.9, 0.1), math.log2(3)):
        assert f"{answer:.4f}" not in before and f"{answer:.3f}" not in before, answer


def test_no_visible_cell_computes_with_the_explorers(cells) -> None:
    for c in cells:
        if c.cell_type == "code" and "explorers." in c.source:
            assert re.fullmatch(r"explorers\.\w+\(\)", c.source.strip()), c.source
