"""Notebook 00 (Start here): no scaffolding, units left to 02, its map, and its exercises.

The exercises' checkers are tested in ``tests/test_checks_start.py``; here the hidden solutions pass
them, Exercise 1's answer is derived from the map itself, and Exercise 3's data are the checker's.
"""
from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest

from helpers import checks
from tests.support.notebooks import NOTEBOOKS, NUMBERS, notebook_path

PATH = notebook_path("00")
NB = nbformat.read(PATH, as_version=4)
MARKDOWN = "\n".join(c.source for c in NB.cells if c.cell_type == "markdown")


# --- no scaffolding ------------------------------------------------------------------------------

def test_no_visible_asserts_and_no_check_line() -> None:
    """00 teaches no computation to check, so it shows no ✓ line and no assert."""
    visible = [c for c in NB.cells if c.cell_type == "code" and not c.metadata.get("jupyter", {}).get("source_hidden")]
    assert not any(line.strip().startswith("assert ") for c in visible for line in c.source.splitlines())
    assert not any("checks.agree(" in c.source or "✓" in str(c.get("outputs", "")) for c in visible)


def test_units_are_left_to_02() -> None:
    assert "1.4427" not in MARKDOWN and "## Units of information" not in MARKDOWN
    assert "02_information_content.ipynb" in MARKDOWN


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

CHECKERS = {1: checks.why_read_before_04, 2: checks.which_is_the_model, 3: checks.check_right_side}


def solution_cells() -> dict[int, nbformat.NotebookNode]:
    found = {}
    for cell in NB.cells:
        match = re.match(r"# Solution to Exercise (\d+)", cell.source)
        if match:
            found[int(match.group(1))] = cell
    return found


@pytest.mark.parametrize("n", sorted(CHECKERS))
def test_solution_passes_its_checker(n: int) -> None:
    cell = solution_cells()[n]
    assert cell.metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}
    ns = {"np": np, "checks": checks}
    exec(cell.source, ns)  # noqa: S102  (the notebook's own solution)
    assert CHECKERS[n](ns.get("answer", ns.get("choice"))).ok


def builds_on() -> dict[str, set[str]]:
    (cell,) = [c for c in NB.cells if c.cell_type == "markdown" and c.source.startswith("## The map")]
    rows = re.findall(r"^\| \[(\d\d[a-z]?) [^\]]+\]\([^)]+\) \|[^|]*\| ([^|]*) \|", cell.source, re.M)
    return {n: {d.strip() for d in deps.split(",") if d.strip()} for n, deps in rows}


def test_exercise_1s_answer_follows_the_map() -> None:
    """(b) says 01, 02 and 03: 04's direct prerequisites; their own add only 00 and 00a."""
    deps = builds_on()
    assert deps["04"] == {"01", "02", "03"}
    closure, todo = set(), ["04"]
    while todo:
        for d in deps.get(todo.pop(), set()):
            if d not in closure:
                closure.add(d)
                todo.append(d)
    assert closure == {"00", "00a", "01", "02", "03"}


def test_exercise_3s_data_in_the_notebook_are_the_checkers() -> None:
    from helpers.checks import start
    (cell,) = [c for c in NB.cells if c.source.startswith("y = [") and "answer = ..." in c.source]
    ns: dict = {}
    exec(cell.source.replace("answer = ...", "answer = None"), ns)  # noqa: S102
    assert tuple(ns["y"]) == start.START_Y and tuple(ns["y_hat"]) == start.START_Y_HAT


@pytest.mark.parametrize("n", sorted(CHECKERS))
def test_nothing_above_an_exercise_prints_a_verdict(n: int) -> None:
    start = next(i for i, c in enumerate(NB.cells) if f"**Exercise {n}" in c.source)
    for cell in NB.cells[:start]:
        for out in cell.get("outputs", []):
            assert "Correct!" not in str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
