"""Notebook 00 (Start here): its numbers, its map, and its exercises.

The numbers the notebook publishes (``tests/support/published.py`` reads them from the committed notebook,
which nbval checks against a fresh run) are compared with independent references (the closed form,
SciPy, PyTorch); the printed text is nbval's, the prose's numbers ``tests/test_prose_numbers.py``'s.
The exercises are checked both ways: the hidden solutions pass their checkers, and the typical wrong
answers fail with a diagnosis that names the mistake and gives nothing away.
"""
from __future__ import annotations

import math
import re

import nbformat
import numpy as np
import pytest
import scipy.stats
import torch

from helpers import checks
from tests.support.notebooks import NOTEBOOKS, NUMBERS, notebook_path
from tests.support.published import published

PATH = notebook_path("00")
NB = nbformat.read(PATH, as_version=4)
MARKDOWN = "\n".join(c.source for c in NB.cells if c.cell_type == "markdown")


@pytest.fixture(scope="module")
def values():
    return published("00")


# --- the numbers of the prose ------------------------------------------------------------------

def test_shooter_A_in_bits_and_nats(values) -> None:
    """The slips box: 0.4690 bits and 0.3251 nats are the same entropy; the ratio is 1.4427 bits per nat."""
    bits, nats = scipy.stats.entropy([0.1, 0.9], base=2), scipy.stats.entropy([0.1, 0.9])
    assert values["H_A_bits"] == pytest.approx(bits, rel=1e-9)
    assert values["H_A_nats"] == pytest.approx(nats, rel=1e-9)
    assert values["H_A_bits"] / values["H_A_nats"] == pytest.approx(1 / math.log(2), rel=1e-9)


def test_pytorch_reports_nats(values) -> None:
    """PyTorch's binary cross-entropy of y_hat = 0.5 for y = 1 is ln 2 nats, checked in a sentence."""
    reference = torch.nn.BCELoss()(torch.tensor([0.5], dtype=torch.float64), torch.tensor([1.0], dtype=torch.float64))
    assert math.isclose(values["loss"], math.log(2), rel_tol=1e-9)
    assert math.isclose(values["loss"], reference.item(), rel_tol=1e-9)


def test_no_visible_asserts_and_a_sentence_check() -> None:
    visible = [c for c in NB.cells if c.cell_type == "code" and not c.metadata.get("jupyter", {}).get("source_hidden")]
    assert not any(line.strip().startswith("assert ") for c in visible for line in c.source.splitlines())
    assert any("checks.agree(" in c.source for c in visible)


# --- the map --------------------------------------------------------------------------------------

MAP_ROW = re.compile(r"^\| \[(\d\d[a-z]?) [^\]]+\]\((\d\d[a-z]?_[a-z0-9_]+\.ipynb)\) \|.*\| (\d+)–(\d+) min \|$", re.M)


def map_rows() -> list[tuple[str, str, int, int]]:
    (cell,) = [c for c in NB.cells if c.cell_type == "markdown" and c.source.startswith("## The map")]
    return [(n, link, int(lo), int(hi)) for n, link, lo, hi in MAP_ROW.findall(cell.source)]


def test_the_map_has_a_row_and_a_time_for_every_notebook() -> None:
    rows = map_rows()
    assert [n for n, *_ in rows] == NUMBERS
    assert all(link.startswith(n + "_") for n, link, *_ in rows)
    assert all(0 < lo < hi <= 120 for *_, lo, hi in rows)


def test_every_notebook_is_on_the_map_and_every_link_resolves() -> None:
    linked = {link for _, link, *_ in map_rows()}
    assert {p.name for p in NOTEBOOKS.glob("*.ipynb")} <= linked
    missing = sorted(link for link in linked if not (NOTEBOOKS / link).exists())
    assert missing == []


def test_next_points_to_the_on_ramp() -> None:
    assert re.search(r"\*\*Next:\*\* \[00a [^\]]+\]\(00a_numpy_pytorch_and_autograd\.ipynb\)", MARKDOWN)


# --- the exercises --------------------------------------------------------------------------------

CHECKERS = {1: checks.check_nat_in_bits, 2: checks.check_die_bits, 3: checks.check_die_dits,
            4: checks.check_lock_code_bits}
ANSWERS = {1: 1 / math.log(2), 2: math.log2(6), 3: math.log10(6), 4: math.log2(1000)}
# How each answer would show if computed above its exercise (4 significant digits).
SHOWN = {1: "1.443", 2: "2.585", 3: "0.7782", 4: "9.966"}


def solution_cells() -> dict[int, nbformat.NotebookNode]:
    found = {}
    for cell in NB.cells:
        match = re.match(r"# Solution to Exercise (\d+)", cell.source)
        if match:
            found[int(match.group(1))] = cell
    return found


@pytest.mark.parametrize("n", sorted(CHECKERS))
def test_solution_passes_its_checker_and_equals_the_reference(n: int) -> None:
    cell = solution_cells()[n]
    assert cell.metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}
    ns = {"np": np, "checks": checks}
    exec(cell.source, ns)  # noqa: S102  (the notebook's own solution)
    assert math.isclose(float(ns["answer"]), ANSWERS[n], rel_tol=1e-9)
    assert CHECKERS[n](ns["answer"]).ok


@pytest.mark.parametrize("n", sorted(CHECKERS))
def test_nothing_above_an_exercise_gives_its_answer(n: int) -> None:
    start = next(i for i, c in enumerate(NB.cells) if f"**Exercise {n}:**" in c.source)
    above = []
    for cell in NB.cells[:start]:
        above.append(cell.source)
        for out in cell.get("outputs", []):
            above.append(str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", "")))
    shown = "\n".join(above)
    for digits in {SHOWN[n], f"{ANSWERS[n]:.4f}", f"{ANSWERS[n]:.2f}"}:
        assert digits not in shown, f"Exercise {n}'s answer {digits} appears above it"
    assert "1 / np.log(2)" not in shown and "np.log2(10)" not in shown


WRONG = {
    1: [(math.log(2), "wrong way round"), (1.0, "not the same size"), (math.e, "base of the natural"),
        (math.log2(10), "dit"), (math.log10(math.e), "in dits where bits"), (-1 / math.log(2), "minus sign")],
    2: [(math.log(6), "in nats where bits"), (math.log10(6), "in dits where bits"), (-math.log2(6), "minus sign"),
        (2.0, "number on the face"), (1 / 6, "probability"), (6, "number of faces"),
        (-math.log2(5 / 6), "not a 4"), (3, "whole number")],
    3: [(math.log(6), "in nats where dits"), (math.log2(6), "in bits where dits"), (math.log10(4), "number on the face"),
        (1 / 6, "probability"), (-math.log10(6), "minus sign")],
    4: [(3, "in dits"), (3 / math.log2(10), "wrong way"), (1000, "number of possible codes"),
        (1e-3, "probability"), (10, "1,024"), (math.log2(10), "one digit"), (30, "multiplies"),
        (12, "4 bits per digit"), (9, "3 bits per digit"), (3 * math.log(10), "in nats where bits"),
        (-math.log2(1000), "minus sign")],
}


@pytest.mark.parametrize("n, answer, words", [(n, a, w) for n, cases in WRONG.items() for a, w in cases])
def test_a_typical_wrong_answer_is_named(n: int, answer: float, words: str) -> None:
    verdict = CHECKERS[n](answer, hint=0)
    assert not verdict.ok and words in verdict.message, verdict.message


@pytest.mark.parametrize("n", sorted(CHECKERS))
def test_no_diagnosis_and_no_hint_gives_the_answer_away(n: int) -> None:
    checker = CHECKERS[n]
    assert len(checker.hints) >= 2
    said = [checker(answer, hint=0).message for answer, _ in WRONG[n]] + list(checker.hints)
    for text in said:
        for digits in (SHOWN[n], f"{ANSWERS[n]:.3f}", f"{ANSWERS[n]:.2f}"):
            assert digits not in text, f"{digits!r} in {text!r}"
    assert "placeholder" in checker(...).message


def test_hints_come_one_at_a_time() -> None:
    checker = checks.check_lock_code_bits
    checker(ANSWERS[4])  # a correct answer resets the count
    first, second, third = checker(30), checker(30), checker(30)
    assert first.level == 0 and "Hint" not in repr(first) and "Run the check again" in repr(first)
    assert second.level == 1 and "Hint 1 of 3" in repr(second)
    assert third.level == 2 and "Hint 2 of 3" in repr(third)
    assert checker(30, hint=3).hint == checker.hints[2]
    assert checker(ANSWERS[4]).ok

