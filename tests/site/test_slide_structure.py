"""Every notebook presents as a lecture (RISE, and the offline decks): its slideshow metadata.

A page is what one screen shows: a ``slide`` or ``subslide`` cell starts one, ``-`` and
``fragment`` cells join it, ``skip`` and ``notes`` cells are not on it (``tools.prepare.slide_pages``).
A slide shows its heading, the key sentence or formula, a figure or explorer and short bullets; the
rest of the prose is in ``notes`` cells (the speaker notes), so the notebook still reads it once.
Whether each slide fits the screen is measured in ``test_slide_fit.py``.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from tools.prepare import is_explorer_cell, slide_pages, slide_type

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}
MIN_PAGES, MAX_PAGES = 15, 30
MAX_CELLS_PER_PAGE = 5  # "no slide with more than ~5 cells": a sixth cell no longer fits a screen
MAX_WORDS_PER_PAGE = 60  # of prose shown on a slide; the rest belongs in the speaker notes


def load(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def prose_words(markdown: str) -> int:
    """Words of prose in Markdown: headings, math, tables, an exercise's answer options ("- (a) ..."),
    HTML comments and link targets left out (a table or a vote is shown whole, like a figure)."""
    text = re.sub(r"<!--.*?-->|\$\$.*?\$\$|\\\[.*?\\\]", " ", markdown, flags=re.S)
    text = re.sub(r"\$[^$\n]+\$", " ", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s.*$|^\s*>?\s*\|.*$", " ", text, flags=re.M)
    text = re.sub(r"^[ \t]*>?[ \t]*[-*][ \t]+(?:\*\*)?\([a-e]\)(?:\*\*)?[ \t].*(?:\n(?![ \t]*>?[ \t]*[-*][ \t])[ \t]+\S.*)*", " ", text, flags=re.M)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return len(re.findall(r"[^\W_][\w'’.-]*", text))


def solutions_start(nb: nbformat.NotebookNode) -> int:
    """Index of the ``## Solutions`` heading cell (len(cells) if there is none)."""
    return next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith("## Solutions")),
                len(nb.cells))


def first_line(cell: nbformat.NotebookNode) -> str:
    return (cell.source.strip().splitlines() or [""])[0][:60]


def test_there_are_notebooks_to_present() -> None:
    assert NOTEBOOKS, "no notebooks in notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_cell_has_a_known_slide_type(path: Path) -> None:
    """A cell that continues its slide has no slide type at all, not "-": nbconvert and RISE read a
    missing type as "-", but jupyterlab-slideshow 0.3.4 (deck mode) knows only a missing one and
    leaves a "-" cell off every slide."""
    nb = load(path)
    dashed = [f"cell {i}: {first_line(c)!r}" for i, c in enumerate(nb.cells)
              if c.metadata.get("slideshow", {}).get("slide_type") == "-"]
    unknown = [f"cell {i}: {slide_type(c)!r}" for i, c in enumerate(nb.cells) if slide_type(c) not in SLIDE_TYPES]
    assert dashed == [], "remove slide_type '-' from these cells (deck mode would not show them)"
    assert unknown == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_first_cell_shown_is_a_slide(path: Path) -> None:
    nb = load(path)
    shown = [c for c in nb.cells if slide_type(c) not in ("skip", "notes")]
    assert shown, "nothing is shown on the slides"
    assert slide_type(shown[0]) == "slide", f"the first shown cell {first_line(shown[0])!r} must be a 'slide'"
    assert shown[0].cell_type == "markdown" and shown[0].source.startswith("# "), "the title opens the show"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_a_lecture_of_15_to_30_slides(path: Path) -> None:
    pages = slide_pages(load(path))
    assert MIN_PAGES <= len(pages) <= MAX_PAGES, f"{len(pages)} slides (slide + subslide)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_slide_is_overfull(path: Path) -> None:
    nb = load(path)
    overfull = [f"slide {n + 1} (cells {page[0]}-{page[-1]}, from {first_line(nb.cells[page[0]])!r}): {len(page)} cells"
                for n, page in enumerate(slide_pages(nb)) if len(page) > MAX_CELLS_PER_PAGE]
    assert overfull == [], f"split these with 'subslide' or move cells to 'skip'/'notes' (at most {MAX_CELLS_PER_PAGE})"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_a_slide_shows_a_few_lines_and_the_notes_hold_the_rest(path: Path) -> None:
    nb = load(path)
    wordy = [f"slide {n + 1} (from {first_line(nb.cells[page[0]])!r}): {words} words"
             for n, page in enumerate(slide_pages(nb))
             if (words := sum(prose_words(nb.cells[i].source) for i in page if nb.cells[i].cell_type == "markdown"))
             > MAX_WORDS_PER_PAGE]
    assert wordy == [], (f"at most {MAX_WORDS_PER_PAGE} words of prose a slide: move the explanation into a Markdown "
                         "cell of slide type 'notes' right after it (the notebook still reads it; the speaker notes show it)")
    assert any(slide_type(c) == "notes" and c.cell_type == "markdown" for c in nb.cells), "no speaker notes"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_prose_is_dropped_from_the_lecture(path: Path) -> None:
    """Every Markdown cell before the solutions is on a slide or in the notes; only code (the imports)
    and the solutions are skipped."""
    nb = load(path)
    skipped = [f"cell {i}: {first_line(c)!r}" for i, c in enumerate(nb.cells[:solutions_start(nb)])
               if c.cell_type == "markdown" and slide_type(c) == "skip"]
    assert skipped == [], "make these 'notes' (or show them): a lecture drops no prose"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_explorer_is_on_a_slide_of_its_own(path: Path) -> None:
    nb = load(path)
    explorers = [i for i, c in enumerate(nb.cells) if is_explorer_cell(c)]
    assert explorers, "no explorer found"
    page_of = {i: page for page in slide_pages(nb) for i in page}
    for i in explorers:
        assert i in page_of, f"explorer cell {i} ({first_line(nb.cells[i])!r}) is skipped or in the notes"
        others = [j for j in page_of[i] if j != i and nb.cells[j].cell_type == "code"]
        assert others == [], f"explorer cell {i} shares its slide with code cells {others}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_deck_mode_has_the_decks_style(path: Path) -> None:
    """JupyterLab's deck mode reads its look from the notebook (tools/deck_mode.py; make deck-mode)."""
    from tools.deck_mode import KEY, STYLE

    assert load(path).metadata.get(KEY) == STYLE, "run `make deck-mode`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_solutions_are_skipped(path: Path) -> None:
    nb = load(path)
    shown = [f"cell {i}: {first_line(c)!r}" for i, c in enumerate(nb.cells)
             if c.metadata.get("jupyter", {}).get("source_hidden") and slide_type(c) != "skip"]
    assert shown == [], "hidden solutions give the answer away on a slide: make them 'skip'"


# --- the rules themselves, on small notebooks made up here -----------------------------------

def _nb(*cells: tuple[str, str]) -> nbformat.NotebookNode:
    made = []
    for kind, slide in cells:
        cell = nbformat.v4.new_markdown_cell("# T") if kind == "md" else nbformat.v4.new_code_cell("x = 1")
        if kind == "explorer":
            cell.source = "explorers.widget_check()"
        cell.metadata["slideshow"] = {"slide_type": slide}
        made.append(cell)
    return nbformat.v4.new_notebook(cells=made)


def test_pages_split_at_slides_and_subslides_and_hide_skip_and_notes() -> None:
    nb = _nb(("md", "slide"), ("code", "skip"), ("code", "fragment"), ("md", "subslide"),
             ("code", "-"), ("md", "notes"), ("md", "slide"))
    assert slide_pages(nb) == [[0, 2], [3, 4], [6]]


def test_cells_before_the_first_slide_form_their_own_page() -> None:
    assert slide_pages(_nb(("code", "-"), ("md", "slide"))) == [[0], [1]]


def test_prose_words_leave_out_headings_math_and_link_targets() -> None:
    assert prose_words("## A heading\n\nOne two, three $x^2 + y$ four.\n\n$$a = b$$\n\n[five](#six-seven)") == 5
    assert prose_words("`torch.nn` and H(p, q) = 1.5 nats") == 7
    assert prose_words("Which one?\n\n- (a) one two\n  three\n- **(b)** four\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\nEnd.") == 3


def test_an_explorer_is_found_by_its_call_or_its_widget_output() -> None:
    nb = _nb(("explorer", "slide"), ("code", "-"))
    assert is_explorer_cell(nb.cells[0]) and not is_explorer_cell(nb.cells[1])
    nb.cells[1].outputs = [nbformat.v4.new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "m"}, "text/plain": "x"})]
    assert is_explorer_cell(nb.cells[1])
