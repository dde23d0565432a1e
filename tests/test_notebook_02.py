"""Notebook 02 (information content): the values it publishes, against independent references
(math's closed forms, PyTorch, exact integer arithmetic, a halving count written here), its
binary search, and its exercises: shipped cells wait, solutions pass, slips fail.

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
from scipy.stats import entropy

from helpers import checks, info, publish
from tests.support.notebooks import editions, learner_code, notebook_path
from tests.support.published import published


@pytest.fixture(scope="module", params=editions("02"))
def values(request: pytest.FixtureRequest):
    """Each edition's published values: the Chinese notebook must publish what the English does."""
    return published("02", request.param)


@pytest.fixture(scope="module")
def ns() -> dict:
    """What the exercise cells use: the imports and the notebook's own ``binary_search`` (its cell alone)."""
    env = {"np": np, "checks": checks, "info": info, "publish": publish}
    exec(code_cell("def binary_search("), env)  # noqa: S102  (the notebook's function)
    return env


def markdown() -> str:
    nb = nbformat.read(notebook_path("02"), as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def code_cell(start: str) -> str:
    """The source of the one code cell that starts with ``start``."""
    nb = nbformat.read(notebook_path("02"), as_version=4)
    (source,) = [c.source for c in learner_code(nb.cells) if c.source.startswith(start)]
    return source


def last_expression(source: str, ns: dict) -> object:
    """Run a cell in a copy of ``ns`` and return the value of its last line (the checker's verdict)."""
    *body, last = source.strip().splitlines()
    env = dict(ns)
    exec("\n".join(body), env)  # noqa: S102
    return eval(last, env)  # noqa: S307


def halvings(n: int) -> int:
    """Independent reference for binary search's worst case: halve n, keeping the larger half."""
    asked = 0
    while n > 1:
        n, asked = (n + 1) // 2, asked + 1
    return asked


# --- every number the prose states is printed by the notebook ---------------------------------------

def test_sections_are_numbered_in_order_and_cross_references_hold() -> None:
    text = markdown()
    numbers = [int(n) for n in re.findall(r"^## (\d+) · ", text, re.M)]
    assert numbers == list(range(1, 8))
    headings = dict(re.findall(r"^## (\d+) · (.+)$", text, re.M))
    assert "unit" in headings["2"] and "yes/no" in headings["3"] and "code" in headings["4"]
    assert "rarer" in headings["5"] and "notebook 01" in headings["7"]
    for n in (2, 3, 4, 5, 7):
        assert f"section {n}" in text


# --- 1 · the formula, in bits, against PyTorch ------------------------------------------------------

def test_information_table_matches_pytorch(values) -> None:
    p = torch.tensor([1.0, 0.5, 0.25, 0.125, 0.1, 0.01], dtype=torch.float64)
    np.testing.assert_allclose(values["I_bits"], (-torch.log2(p)).numpy(), atol=1e-9)


# --- 2 · units ---------------------------------------------------------------------------------------

def test_units_and_conversions(values) -> None:
    # row: one bit, one nat, one dit; column: in bits, nats, dits. 1 unit of base a = ln a / ln b units of base b
    logs = np.log([2.0, math.e, 10.0])
    np.testing.assert_allclose(values["conversions"], logs[:, None] / logs[None, :], rtol=1e-9)
    assert values["conversions"][1][0] == pytest.approx(1 / math.log(2), rel=1e-9)  # 1 nat = 1/ln 2 bits
    assert values["conversions"][2][0] == pytest.approx(math.log2(10), rel=1e-9)    # 1 dit = log2 10 bits


# --- 3 · bits as yes/no questions --------------------------------------------------------------------

def test_binary_search_asks_the_halving_count(ns) -> None:
    binary_search = ns["binary_search"]
    for n in range(1, 130):
        asked = [binary_search(secret, n) for secret in range(n)]
        assert max(asked) == halvings(n) == (math.ceil(math.log2(n)) if n > 1 else 0)
        assert min(asked) == (math.floor(math.log2(n)) if n > 1 else 0)
    for k in (1, 2, 3, 10):  # a power of two: every secret takes exactly k questions
        assert {binary_search(secret, 2**k) for secret in range(2**k)} == {k}
    assert binary_search(433_915, 2**20) == 20 and "2^{20} = 1{,}048{,}576" in markdown()


# --- 4 · a prefix code of yes/no answers --------------------------------------------------------------

WEATHER = {"sun": 1 / 2, "cloud": 1 / 4, "rain": 1 / 8, "snow": 1 / 8}
WEEK = ["sun", "sun", "cloud", "rain", "sun", "snow", "cloud"]


def reference_decode(bits: str) -> list[str]:
    """Walk the tree of the weather code (sun 0, cloud 10, rain 110, snow 111): a 0 ends a codeword, and
    so does a third 1 in a row; the outcome is fixed by how many 1s came first."""
    out, ones = [], 0
    for bit in bits:
        if bit == "1" and ones < 2:
            ones += 1
            continue
        out.append(["sun", "cloud", "rain"][ones] if bit == "0" else "snow")
        ones = 0
    assert ones == 0, "bits left over"
    return out


def test_codeword_lengths_are_minus_log2_p_and_average_the_entropy(values) -> None:
    np.testing.assert_array_equal(values["code_lengths"], [-math.log2(p) for p in WEATHER.values()])
    assert values["average_length"] == pytest.approx(entropy(list(WEATHER.values()), base=2), rel=1e-9)
    assert values["average_length"] == 1.75


def test_the_week_decodes_without_separators(values) -> None:
    bits = "".join(str(b) for b in values["week_bits"])
    assert reference_decode(bits) == WEEK
    assert len(bits) == sum(-math.log2(WEATHER[x]) for x in WEEK)


# --- 5-6 · certain, rarer, independent --------------------------------------------------------------

def test_independent_outcomes_add(values) -> None:
    assert values["I_heads"] == 1.0 and values["I_six"] == pytest.approx(math.log2(6), rel=1e-9)
    assert values["I_both"] == pytest.approx(math.log2(12), rel=1e-9)
    assert values["I_both"] == pytest.approx(values["I_heads"] + values["I_six"], rel=1e-9)


# --- 7 · the loss of notebook 01 is the surprisal of the true label ---------------------------------

def test_the_bce_loss_is_the_surprisal_of_the_true_label(values) -> None:
    bce = torch.nn.BCELoss()
    for i, (y, p_true) in enumerate(((1, 0.8), (0, 0.2))):
        reference = bce(torch.tensor([0.8], dtype=torch.float64), torch.tensor([float(y)], dtype=torch.float64))
        assert values["losses"][i] == pytest.approx(float(reference), rel=1e-9)
        assert float(reference) == pytest.approx(-math.log(p_true), rel=1e-9)
    assert 6.5 < values["losses"][1] / values["losses"][0] < 7.5  # "about seven times as much"
    assert "about seven times" in markdown()
    # the right label's loss in bits: -log2 0.8, less than one fair coin flip
    assert values["loss_y1_bits"] == pytest.approx(-math.log2(0.8), rel=1e-9) and values["loss_y1_bits"] < 1


# --- the explorer is shown, not driven ------------------------------------------------------------

def test_the_explorer_cell_only_shows_it() -> None:
    assert code_cell("explorers.") == "explorers.information_content()"


# --- why log2 52 is not a whole number of questions -------------------------------------------------

def test_why_the_information_of_a_card_is_not_whole(values, ns) -> None:
    asked = np.array([ns["binary_search"](card, 52) for card in range(52)])
    # an optimal code for 52 equally likely cards: 2^6 - 52 = 12 leaves at depth 5, the other 40 at 6
    assert np.sum(asked == 5) == 2**6 - 52 == 12 and np.sum(asked == 6) == 40
    assert values["average_questions"] == pytest.approx((12 * 5 + 40 * 6) / 52, rel=1e-9)
    for k in (1, 10, 100, 1000):
        n = 52**k
        exact = (n - 1).bit_length()  # ceil(log2 52^k), in exact integer arithmetic
        assert ns["binary_search"](n - 1, n) == exact == math.ceil(k * math.log2(52))


# --- exercises: shipped cells wait for an answer, solutions pass, typical slips fail ----------------

EXERCISES = {
    1: ("answer = ...\nchecks.ace_of_spades_information", checks.ace_of_spades_information),
    2: ("I_nats = 3.0\nanswer = ...", checks.probability_from_nats),
    3: ("loss_nats = -np.log(0.2)", checks.loss_in_bits),
    4: ("questions = ...", checks.questions_for_one_card),
    5: ('bits = "11001011100"\ndecoded = ...', checks.decode_the_weather),
    6: ("choice = ...", checks.why_shorter_on_average),
}


@pytest.mark.parametrize("number", sorted(EXERCISES))
def test_exercise_cells_run_as_shipped_and_wait(ns, number) -> None:
    start, _ = EXERCISES[number]
    verdict = last_expression(code_cell(start), ns)
    assert not verdict.ok and "placeholder" in verdict.message


@pytest.mark.parametrize("number", sorted(EXERCISES))
def test_solutions_pass_their_checks(ns, number) -> None:
    verdict = last_expression(code_cell(f"# Solution to Exercise {number}"), ns)
    assert verdict.ok, verdict.message


def test_solution_values_against_closed_forms(ns) -> None:
    env = dict(ns)
    exec(code_cell("# Solution to Exercise 1"), env)  # noqa: S102
    assert env["answer"] == pytest.approx(math.log2(52), rel=1e-9)
    exec(code_cell("# Solution to Exercise 2"), env)  # noqa: S102
    assert -math.log(env["answer"]) == pytest.approx(3.0, rel=1e-9)
    exec(code_cell("# Solution to Exercise 3"), env)  # noqa: S102
    assert env["answer"] == pytest.approx(math.log2(5), rel=1e-9)  # 1.6094 nats = log2 5 bits
    exec(code_cell("# Solution to Exercise 4"), env)  # noqa: S102
    assert env["questions"] == halvings(52) == 6
    exec(code_cell("# Solution to Exercise 5"), env)  # noqa: S102
    assert env["decoded"] == reference_decode("11001011100")
    exec(code_cell("# Solution to Exercise 6"), env)  # noqa: S102
    assert env["choice"] == "c"


@pytest.mark.parametrize("checker, wrong", [
    (checks.ace_of_spades_information, 1 / 52),
    (checks.ace_of_spades_information, math.log(52)),
    (checks.probability_from_nats, 2.0 ** -3),
    (checks.probability_from_nats, math.exp(3)),
    (checks.loss_in_bits, -math.log(0.2) * math.log(2)),
    (checks.loss_in_bits, -math.log(0.2)),
    (checks.questions_for_one_card, math.log2(52)),
    (checks.questions_for_one_card, 5),
    (checks.decode_the_weather, reference_decode("11001011100")[::-1]),
    (checks.decode_the_weather, ["110", "0", "10", "111", "0", "0"]),
    (checks.why_shorter_on_average, "a"),
    (checks.why_shorter_on_average, "b"),
    (checks.why_shorter_on_average, "d"),
])
def test_typical_slips_fail(checker, wrong) -> None:
    assert not checker(wrong, hint=0).ok
