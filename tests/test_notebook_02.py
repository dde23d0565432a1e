"""Notebook 02 (information content), executed once: every number its prose states and the values it
computes, against independent references (math's closed forms, PyTorch, exact integer arithmetic,
a halving count written here), and its exercises: shipped cells wait, solutions pass, slips fail."""
from __future__ import annotations

import math
import re

import nbformat
import numpy as np
import pytest
import torch

from helpers import checks
from tests.notebook_run import learner_code, notebook_path, run


@pytest.fixture(scope="module")
def nb02():
    return run("02")


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
    assert "unit" in headings["2"] and "yes/no" in headings["3"] and "Rarer" in headings["5"]
    assert "notebook 01" in headings["7"]
    assert "section 2" in text and "section 3" in text and "section 5" in text and "section 7" in text


def test_every_decimal_in_the_prose_is_computed_by_the_notebook(nb02) -> None:
    printed = "\n".join(out for _, out in nb02.cells)
    stated = set(re.findall(r"\d+\.\d{2,}", markdown()))
    assert {"0.6931", "0.3010", "1.4427", "3.3219", "2.0794", "0.9031", "0.2231", "1.6094",
            "5.7692", "5.7010", "5.7004", "5.70"} <= stated
    missing = sorted(n for n in stated if n not in printed)
    assert missing == [], f"stated in the Markdown but printed by no cell: {missing}"


# --- 1 · the formula, in bits, against PyTorch ------------------------------------------------------

def test_information_table_matches_pytorch(nb02) -> None:
    p, I_bits = nb02.ns["p"], nb02.ns["I_bits"]
    np.testing.assert_allclose(I_bits, (-torch.log2(torch.tensor(p, dtype=torch.float64))).numpy(), atol=1e-15)
    out = nb02.printed("I_bits = info.information_content")
    for p_i in (1.0, 0.5, 0.25, 0.125, 0.1, 0.01):
        assert f"I = {-math.log2(p_i) + 0.0:.4f} bits" in out
    assert "✓ helpers and PyTorch agree" in out


# --- 2 · units ---------------------------------------------------------------------------------------

def test_units_and_conversions(nb02) -> None:
    snippet = "nat_in_bits = info.information_content"
    assert nb02.ns["nat_in_bits"] == pytest.approx(1 / math.log(2), rel=1e-15)
    assert nb02.ns["dit_in_bits"] == pytest.approx(math.log2(10), rel=1e-15)
    assert nb02.number(snippet, "1 nat =") == round(1 / math.log(2), 4) == 1.4427
    assert nb02.number(snippet, "1 dit =") == round(math.log2(10), 4) == 3.3219
    out = nb02.printed(snippet)
    assert f"fair coin: {1.0:.4f} bits" in out
    assert f"fair coin: {math.log(2):.4f} nats" in out and round(math.log(2), 4) == 0.6931
    assert f"fair coin: {math.log10(2):.4f} dits" in out and round(math.log10(2), 4) == 0.3010


# --- 3 · bits as yes/no questions --------------------------------------------------------------------

def test_binary_search_asks_the_halving_count(nb02) -> None:
    binary_search = nb02.ns["binary_search"]
    for n in range(1, 130):
        asked = [binary_search(secret, n) for secret in range(n)]
        assert max(asked) == halvings(n) == (math.ceil(math.log2(n)) if n > 1 else 0)
        assert min(asked) == (math.floor(math.log2(n)) if n > 1 else 0)
    for k in (1, 2, 3, 10):  # a power of two: every secret takes exactly k questions
        assert {binary_search(secret, 2**k) for secret in range(2**k)} == {k}


def test_twenty_questions_single_out_one_of_a_million(nb02) -> None:
    out = nb02.printed("secret = rng.integers(n)")
    rows = [line.split() for line in out.splitlines()[1:]]
    assert [int(r[0].replace(",", "")) for r in rows] == [2, 4, 8, 1024, 2**20]
    for n, secret, asked, bits in ((int(r[0].replace(",", "")), int(r[1].replace(",", "")), int(r[2]), float(r[3]))
                                    for r in rows):
        assert 0 <= secret < n
        assert asked == n.bit_length() - 1 == round(-math.log2(1 / n)) == bits
    assert rows[-1][0] == "1,048,576" and rows[-1][2] == "20"
    assert "2^{20} = 1{,}048{,}576" in markdown()


def test_one_eighth_in_three_units(nb02) -> None:
    out = nb02.printed("I_eighth = info.information_content")
    assert nb02.ns["I_eighth"] == pytest.approx(3.0, abs=1e-15)
    expected = f"I = 3.0000 bits = {3 * math.log(2):.4f} nats = {3 * math.log10(2):.4f} dits"
    assert expected in out and "2.0794 nats" in out and "0.9031 dits" in out


# --- 4-6 · certain, rarer, independent --------------------------------------------------------------

def test_a_certain_outcome_carries_exactly_nothing(nb02) -> None:
    out = nb02.printed("I(p = 1)")
    for unit in ("bits", "nats", "dits"):
        assert f"I(p = 1) = 0.0000 {unit}" in out
    info = nb02.ns["info"]
    assert all(info.information_content(1.0, base) == 0.0 for base in (2, None, 10))


def test_rarer_is_more_informative(nb02) -> None:
    I_grid, grid = nb02.ns["I_grid"], nb02.ns["grid"]
    assert np.all(np.diff(I_grid) < 0) and I_grid[-1] == 0.0
    np.testing.assert_allclose(I_grid, (-torch.log2(torch.tensor(grid, dtype=torch.float64))).numpy(), atol=1e-15)
    assert f"from {-math.log2(0.005):.4f} bits at p = 0.005" in nb02.printed("checks.confirm(np.all(np.diff")


def test_independent_outcomes_add(nb02) -> None:
    ns = nb02.ns
    assert ns["I_both"] == pytest.approx(math.log2(12), rel=1e-15)
    assert ns["I_both"] == pytest.approx(ns["I_heads"] + ns["I_six"], rel=1e-15)
    assert f"I(heads and six) = {math.log2(12):.4f} bits" in nb02.printed("I_both = info")
    p1, p2 = torch.tensor(ns["p1"]), torch.tensor(ns["p2"])
    assert p1.shape == p2.shape == (1000,)
    torch.testing.assert_close(-torch.log2(p1 * p2), -torch.log2(p1) - torch.log2(p2), rtol=1e-12, atol=1e-12)
    assert "✓ both together and sum of the two agree" in nb02.printed("p1, p2 = rng.uniform")


# --- 7 · the loss of notebook 01 is the surprisal of the true label ---------------------------------

def test_the_bce_loss_is_the_surprisal_of_the_true_label(nb02) -> None:
    out = nb02.printed("p_true = y_hat if y == 1")
    bce = torch.nn.BCELoss()
    for y, p_true in ((1, 0.8), (0, 0.2)):
        reference = bce(torch.tensor([0.8], dtype=torch.float64), torch.tensor([float(y)], dtype=torch.float64))
        assert float(reference) == pytest.approx(-math.log(p_true), rel=1e-15)
        assert f"on the loss for y = {y}: {-math.log(p_true):.4f} nats" in out
    assert round(-math.log(0.8), 4) == 0.2231 and round(-math.log(0.2), 4) == 1.6094
    assert 6.5 < math.log(0.2) / math.log(0.8) < 7.5  # "about seven times as much"
    assert "about seven times" in markdown()


# --- the explorer is shown, not driven ------------------------------------------------------------

def test_the_explorer_cell_only_shows_it(nb02) -> None:
    assert code_cell("explorers.") == "explorers.information_content()"


# --- Common slips: the same outcome in three units --------------------------------------------------

def test_slip_numbers(nb02) -> None:
    text = markdown()
    assert "3 bits, 2.0794 nats or 0.9031 dits" in text
    assert f"{3 * math.log(2):.4f}" == "2.0794" and f"{3 * math.log10(2):.4f}" == "0.9031"
    assert "A number of information" not in text and "number of information" not in text


# --- why log2 52 is not a whole number of questions -------------------------------------------------

def test_why_the_information_of_a_card_is_not_whole(nb02) -> None:
    out = nb02.printed("asked = np.array([binary_search(card, 52)")
    asked = nb02.ns["asked"]
    # an optimal code for 52 equally likely cards: 2^6 - 52 = 12 leaves at depth 5, the other 40 at 6
    assert np.sum(asked == 5) == 2**6 - 52 == 12 and np.sum(asked == 6) == 40
    assert asked.mean() == pytest.approx((12 * 5 + 40 * 6) / 52, rel=1e-15)
    assert f"average {300 / 52:.4f} questions" in out and f"{300 / 52:.4f}" == "5.7692"
    for k in (1, 10, 100, 1000):
        exact = (52**k - 1).bit_length()  # ceil(log2 52^k), in exact integer arithmetic
        assert exact == math.ceil(k * math.log2(52))
        assert f"at most {exact:>4} questions for the k cards, {exact / k:.4f} per card" in out
    assert f"{5701 / 1000:.4f}" == "5.7010"
    assert f"one card: {math.log2(52):.4f} bits" in out and f"{math.log2(52):.4f}" == "5.7004"


# --- exercises: shipped cells wait for an answer, solutions pass, typical slips fail ----------------

EXERCISES = {
    1: ("answer = ...\nchecks.ace_of_spades_information", checks.ace_of_spades_information),
    2: ("I_nats = 3.0\nanswer = ...", checks.probability_from_nats),
    3: ("def information_bits(p):\n    ...", checks.information_bits_function),
    4: ("questions = ...", checks.questions_for_one_card),
}


@pytest.mark.parametrize("number", sorted(EXERCISES))
def test_exercise_cells_run_as_shipped_and_wait(nb02, number) -> None:
    start, _ = EXERCISES[number]
    verdict = last_expression(code_cell(start), nb02.ns)
    assert not verdict.ok and "placeholder" in verdict.message


@pytest.mark.parametrize("number", sorted(EXERCISES))
def test_solutions_pass_their_checks(nb02, number) -> None:
    verdict = last_expression(code_cell(f"# Solution to Exercise {number}"), nb02.ns)
    assert verdict.ok, verdict.message


def test_solution_values_against_closed_forms(nb02) -> None:
    env = dict(nb02.ns)
    exec(code_cell("# Solution to Exercise 1"), env)  # noqa: S102
    assert env["answer"] == pytest.approx(math.log2(52), rel=1e-15)
    exec(code_cell("# Solution to Exercise 2"), env)  # noqa: S102
    assert -math.log(env["answer"]) == pytest.approx(3.0, rel=1e-15)
    exec(code_cell("# Solution to Exercise 3"), env)  # noqa: S102
    for p in (0.5, 0.125, 1.0, 1e-9):
        assert env["information_bits"](p) == pytest.approx(-math.log2(p), abs=1e-15)
    exec(code_cell("# Solution to Exercise 4"), env)  # noqa: S102
    assert env["questions"] == halvings(52) == 6


@pytest.mark.parametrize("checker, wrong", [
    (checks.ace_of_spades_information, 1 / 52),
    (checks.ace_of_spades_information, math.log(52)),
    (checks.probability_from_nats, 2.0 ** -3),
    (checks.probability_from_nats, math.exp(3)),
    (checks.information_bits_function, lambda p: np.log2(p)),
    (checks.information_bits_function, lambda p: -np.log(p)),
    (checks.questions_for_one_card, math.log2(52)),
    (checks.questions_for_one_card, 5),
])
def test_typical_slips_fail(checker, wrong) -> None:
    assert not checker(wrong, hint=0).ok
