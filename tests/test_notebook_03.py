"""Notebook 03 (entropy and the two shooters): the values it publishes, asserted against an
independent reference (SciPy, PyTorch, a closed form or a hand calculation), and its exercises'
solutions passing their checks while typical wrong answers fail.

``tests/support/published.py`` reads the published values from the committed notebook, which nbval checks
against a fresh run; the printed text is nbval's, the prose's numbers ``tests/test_prose_numbers.py``'s.
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

from helpers import checks, experiments, explorers, info
from tests.references import huffman_average_length
from tests.support.notebooks import editions, learner_code, notebook_path
from tests.support.published import published

P_A, P_B = 0.1, 0.999


def bits(*probabilities: float) -> float:
    """Entropy in bits by SciPy, the reference independent of helpers.info."""
    return float(scipy_entropy(probabilities, base=2))


def nats(*probabilities: float) -> float:
    return float(scipy_entropy(probabilities))


@pytest.fixture(scope="module", params=editions("03"))
def values(request: pytest.FixtureRequest):
    """Each edition's published values: the Chinese notebook must publish what the English does."""
    return published("03", request.param)


NS = {"np": np, "math": math, "checks": checks, "info": info}   # what the exercise cells use


@pytest.fixture(scope="module")
def cells() -> list[nbformat.NotebookNode]:
    return nbformat.read(notebook_path("03"), as_version=4).cells


def markdown_text(cells) -> str:
    return "\n".join(c.source for c in cells if c.cell_type == "markdown")


# --- section 2: the two shooters ------------------------------------------------------------------

def test_the_shooters_entropies_in_bits_and_nats(values) -> None:
    assert values["H_A"] == pytest.approx(bits(P_A, 1 - P_A), abs=1e-9)
    assert values["H_B"] == pytest.approx(bits(P_B, 1 - P_B), abs=1e-9)
    torch_nats = torch.distributions.Bernoulli(probs=torch.tensor([P_A, P_B], dtype=torch.float64)).entropy()
    np.testing.assert_allclose(values["H_nats"], torch_nats.numpy(), atol=1e-9)
    np.testing.assert_allclose(values["H_nats"], [nats(P_A, 1 - P_A), nats(P_B, 1 - P_B)], atol=1e-9)


# --- section 5: the plug-in estimate ---------------------------------------------------------------

def plugin_runs(p_hit: float, stream: int) -> np.ndarray:
    """Plug-in entropy (bits, by SciPy) of the first n of 100 000 seeded shots, for 20 seeds and 5 values of n."""
    runs = []
    for seed in range(20):
        shots = experiments.simulate_shots(p_hit, 100_000, seed, stream)
        runs.append([bits(k := int(shots[:n].sum()), n - k) for n in CHECKPOINTS])
    return np.array(runs)


CHECKPOINTS = [10, 100, 1_000, 10_000, 100_000]


@pytest.fixture(scope="module")
def runs() -> tuple[np.ndarray, np.ndarray]:
    return plugin_runs(P_A, 0), plugin_runs(P_B, 1)


def test_mean_errors_over_20_runs(values, runs) -> None:
    runs_a, runs_b = runs
    err_a = np.abs(runs_a - bits(P_A, 1 - P_A)).mean(axis=0)
    err_b = np.abs(runs_b - bits(P_B, 1 - P_B)).mean(axis=0)
    np.testing.assert_allclose(values["err_A"], err_a, atol=1e-9)
    np.testing.assert_allclose(values["err_B"], err_b, atol=1e-9)
    assert np.all(np.diff(err_a) < 0)                                # A's error shrinks at every step
    assert err_b[1] > err_b[0] and np.all(np.diff(err_b[1:]) < 0)    # B's rises at n = 100, then shrinks
    assert err_a[-1] < 0.005 and err_b[-1] < 0.005                   # within 0.005 bits after 100 000 shots
    assert np.mean(runs_b[:, 0] == 0.0) >= 0.9                       # B's plug-in starts at 0 (underestimate)


def test_the_chances_of_bs_misses(values, runs) -> None:
    """0.0952 is the chance of AT LEAST one miss in 100 shots; exactly one miss is 0.0906."""
    at_least_one, exactly_one = 1 - binom.pmf(0, 100, 1 - P_B), binom.pmf(1, 100, 1 - P_B)
    assert values["P_at_least_one"] == pytest.approx(at_least_one, rel=1e-9)
    assert values["P_exactly_one"] == pytest.approx(exactly_one, rel=1e-9)
    assert round(1 / at_least_one) == 11                            # "about one run in ten"
    assert exactly_one / at_least_one > 0.95                        # "nearly every such run has seen just one"
    h_one_miss = bits(0.99, 0.01)
    assert values["H_one_miss"] == pytest.approx(h_one_miss, rel=1e-9)
    assert round(h_one_miss / bits(P_B, 1 - P_B)) == 7
    runs_b = runs[1]
    saw_a_miss = runs_b[:, 1] > 0
    np.testing.assert_allclose(runs_b[saw_a_miss, 1], h_one_miss)   # each of those runs saw exactly one miss
    assert saw_a_miss.sum() == 2 and np.sum(runs_b[:, 0] == 0) == 20   # 2 of 20: "about one run in ten"


def test_the_simulation_explorers_text_holds_for_its_draws(cells) -> None:
    """The explorer's Markdown (its slide and the notes after it) names counts from the draws: check
    each against the shots themselves."""
    (start,) = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and "## Explorer: simulated shots" in c.source]
    end = next(i for i in range(start + 1, len(cells)) if cells[i].cell_type == "markdown" and cells[i].source.startswith("## "))
    text = " ".join(" ".join(c.source.split()) for c in cells[start:end] if c.cell_type == "markdown")
    simulate = experiments.simulate_shots
    assert "at $n = 1000$, A has 93 hits and B 999" in text
    assert simulate(P_A, 1000, 0, 0).sum() == 93 and simulate(P_B, 1000, 0, 1).sum() == 999
    live = explorers.shot_simulation()           # seed 0, n = 1000: the same shots
    assert live.values()["seed"] == 0 and live.values()["n"] == "1000"
    assert live.reference()[1].startswith("Shooter A: 93 hits") and live.reference()[2].startswith("Shooter B: 999 hits")
    assert "stays at 0 for every seed on the slider" in text and "probability 0.990" in text
    seeds = range(live.specs[-1]["min"], live.specs[-1]["max"] + 1)
    assert list(seeds) == list(range(21))
    assert all(simulate(P_B, 10, seed, 1).all() for seed in seeds)    # ten hits of ten: plug-in entropy 0
    assert "with seed 0 its first miss is shot 537" in text
    shots_b = simulate(P_B, 100_000, 0, 1)
    assert shots_b[:536].all() and not shots_b[536]                  # shot 537 (counting from 1) misses
    running = info.running_plugin_entropy(shots_b)
    assert np.all(running[:536] == 0.0) and running[536] > 0.0       # "only there does its curve leave 0"


def test_the_plugin_estimate_is_too_low_on_average() -> None:
    """The exact expectation of the plug-in entropy over the binomial count of hits lies below the truth."""
    for p_hit in (P_A, P_B):
        for n in (10, 100, 1_000):
            k = np.arange(n + 1)
            expected = np.sum(binom.pmf(k, n, p_hit) * np.array([bits(j, n - j) for j in k]))
            assert expected < bits(p_hit, 1 - p_hit), (p_hit, n)
    assert binom.pmf(0, 10, 1 - P_B) > 0.5 and binom.pmf(0, 100, 1 - P_B) > 0.5   # "usually sees none"


# --- section 6: K equally likely outcomes ----------------------------------------------------------

def test_random_distributions_stay_below_log2_6(values) -> None:
    dists = np.random.default_rng(3).dirichlet(np.ones(6), size=2000)   # the notebook's seeded draw, again
    reference = scipy_entropy(dists, base=2, axis=1)
    assert values["H_random_max"] == pytest.approx(reference.max(), rel=1e-9)
    assert np.all(reference < math.log2(6))


# --- section 7: entropy counts yes/no questions ---------------------------------------------------

def test_huffman_blocks_of_shots_approach_the_entropy(values) -> None:
    """Questions per shot of an optimal code for blocks of n = 1..8 shots of A: H <= L_n / n < H + 1/n."""
    h = bits(P_A, 1 - P_A)
    reference = []
    for n in range(1, 9):
        block = [P_A ** k * (1 - P_A) ** (n - k) for k in range(n + 1) for _ in range(math.comb(n, k))]
        reference.append(huffman_average_length(block) / n)      # the two-queue method, not helpers
    np.testing.assert_allclose(values["per_shot"], reference, rtol=1e-9)
    per_shot = np.array(reference)
    assert per_shot[0] == 1.0 and round(per_shot[1], 3) == 0.645             # one shot: one question; two: 0.645
    assert np.all(per_shot >= h) and np.all(per_shot < h + 1 / np.arange(1, 9))
    assert per_shot[6] > per_shot[5]                                          # "7 shots need a little more than 6"
    assert round(1 / bits(P_B, 1 - P_B)) == 88                                # B: one question per 88 shots


def test_the_two_shot_code_tree_is_huffmans(cells) -> None:
    """The tree's codewords are a prefix code as short on average as an optimal one, one merge per level."""
    (two,) = [c.source for c in cells if c.id == "q7-two"]
    (tree,) = [c.source for c in cells if c.id == "q7-tree"]
    blocks = eval(re.search(r"blocks = (\(.*?\))", two).group(1))  # noqa: S307  (a literal tuple)
    code = dict(zip(blocks, eval(re.search(r"zip\(blocks, (\(.*?\))\)", tree).group(1))))  # noqa: S307
    prob = {"hit, hit": P_A * P_A, "hit, miss": P_A * (1 - P_A), "miss, hit": (1 - P_A) * P_A,
            "miss, miss": (1 - P_A) ** 2}
    words = list(code.values())
    assert not any(a != b and b.startswith(a) for a in words for b in words)
    average = sum(prob[block] * len(word) for block, word in code.items())
    assert average == pytest.approx(huffman_average_length(list(prob.values())), rel=1e-12)
    assert [len(code[b]) for b in ("miss, miss", "miss, hit", "hit, miss", "hit, hit")] == [1, 2, 3, 3]
    assert [round(x, 2) for x in (0.01 + 0.09, 0.09 + 0.10, 0.19 + 0.81)] == [0.10, 0.19, 1.0]
    assert [round(prob[b], 2) for b in ("hit, hit", "hit, miss", "miss, miss")] == [0.01, 0.09, 0.81]


# --- common slips ----------------------------------------------------------------------------------

def test_the_articles_slips_in_numbers(values) -> None:
    plain_sum = -math.log2(P_A) - math.log2(1 - P_A)
    assert values["plain_sum"] == pytest.approx(plain_sum, rel=1e-9)
    assert plain_sum > 1.0                                            # more than any yes/no outcome holds
    assert round(bits(P_A, 1 - P_A) / bits(P_B, 1 - P_B)) == 41       # "41 times"
    assert bits(1.0, 0.0) == 0.0


# --- exercises -------------------------------------------------------------------------------------

SOLUTIONS = {  # exercise number -> (checker, independent reference of the answer)
    1: (checks.third_shooter_entropy, bits(0.75, 0.25)),
    2: (checks.bernoulli_entropy_function, None),
    3: (checks.loaded_die_entropy, bits(0.1, 0.1, 0.1, 0.1, 0.1, 0.5)),
    4: (checks.plugin_entropy_estimate, bits(7, 43)),
    5: (checks.coin_versus_three_sided_die, math.log2(3) - bits(0.9, 0.1)),
    6: (checks.why_no_code_beats_huffman, None),
}


def solution_cells(cells) -> dict[int, str]:
    found = {}
    for c in learner_code(cells):
        match = re.match(r"# Solution to Exercise (\d+)", c.source)
        if c.cell_type == "code" and match:
            found[int(match.group(1))] = c.source
    return found


def test_every_exercise_has_a_solution_that_passes(cells) -> None:
    exercises = re.findall(r"\*\*Exercise (\d+)[^*]*:\*\*", markdown_text(cells))
    assert [int(n) for n in exercises] == sorted(SOLUTIONS)
    solutions = solution_cells(cells)
    assert sorted(solutions) == sorted(SOLUTIONS)
    for number, source in solutions.items():
        checker, reference = SOLUTIONS[number]
        ns = dict(NS)
        *body, last = source.strip().splitlines()
        assert last.startswith(f"checks.{checker.__name__}("), last
        exec("\n".join(body), ns)  # noqa: S102  (the notebook's own solution cell)
        verdict = eval(last, ns)  # noqa: S307
        assert verdict.ok, (number, verdict)
        if reference is not None:
            assert float(ns["answer"]) == pytest.approx(reference, rel=1e-9)


def test_the_exercise_answers() -> None:
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
    (checks.why_no_code_beats_huffman, "a"),                                # anything above H_A is reachable
    (checks.why_no_code_beats_huffman, "c"),                                # Huffman could be beaten
    (checks.why_no_code_beats_huffman, "d"),                                # a whole question per shot
])
def test_typical_wrong_answers_fail(checker, wrong) -> None:
    assert not checker(wrong, hint=0).ok


def test_the_exercise_cells_run_as_shipped(cells) -> None:
    shipped = [c.source for c in learner_code(cells) if "answer = ..." in c.source or "choice = ..." in c.source
               or "def bernoulli_entropy(p):\n    ...\n" in c.source]
    assert len(shipped) == 6
    for source in shipped:
        ns = dict(NS)
        *body, last = source.strip().splitlines()
        exec("\n".join(body), ns)  # noqa: S102
        verdict = eval(last, ns)  # noqa: S307
        assert not verdict.ok and "placeholder" in verdict.message


def test_nothing_above_an_exercise_gives_its_answer_away(cells) -> None:
    before = "".join(str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
                     for c in cells if c.cell_type == "code" and "# Solution to Exercise" not in c.source
                     for out in c.outputs if "Correct!" not in str(out.get("data", {}).get("text/plain", "")))
    for answer in (bits(0.75, 0.25), bits(0.1, 0.1, 0.1, 0.1, 0.1, 0.5), bits(7, 43),
                   math.log2(3) - bits(0.9, 0.1), math.log2(3)):
        assert f"{answer:.4f}" not in before and f"{answer:.3f}" not in before, answer


def test_no_visible_cell_computes_with_the_explorers(cells) -> None:
    for c in cells:
        if c.cell_type == "code" and "explorers." in c.source:
            assert re.fullmatch(r"explorers\.\w+\(\)", c.source.strip()), c.source
