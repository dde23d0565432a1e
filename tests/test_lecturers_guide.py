"""The lecturer's guide (docs/lecturers-guide.md) agrees with the notebooks it describes.

Each notebook has one section, headed by the notebook's own title. In it, the time and the
notebooks it builds on agree with notebook 00's map; the explorers named are the ones the notebook calls, all of them; the sections
where to pause exist in the notebook; the points of the exercises are those of the notebook's
nbgrader check cells (and follow the marking rule: 2 when the learner writes a function, else 1);
there are two discussion questions with their units, and a misconception for each of the
notebook's "Common slips". Every number the guide quotes is one a notebook prints.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from tests.support.notebooks import NUMBERS, builds_on_in_the_map

ROOT = Path(__file__).resolve().parents[1]
GUIDE_PATH = ROOT / "docs" / "lecturers-guide.md"
GUIDE = GUIDE_PATH.read_text(encoding="utf-8")
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
EXPLORER_CALL = re.compile(r"explorers\.(\w+)\(\)")
UNIT = re.compile(r"\b(bits?|nats?|dits?)\b")


def load(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def number(path: Path) -> str:
    return path.name.split("_")[0]


def sections(text: str) -> dict[str, tuple[str, str]]:
    """The guide's level-2 sections about a notebook, ``NN -> (heading, body)``; a number seen twice
    fails the test."""
    found: dict[str, tuple[str, str]] = {}
    parts = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    for part in parts:
        heading, _, body = part.partition("\n")
        match = re.match(r"(\d\d[a-z]?) · ", heading)
        if match:
            assert match[1] not in found, f"two sections for notebook {match[1]}"
            found[match[1]] = (heading.strip(), body)
    return found


SECTIONS = sections(GUIDE)


def section(path: Path) -> str:
    if number(path) not in SECTIONS:
        pytest.fail(f"the guide has no section '## {number(path)} · ...' for {path.name}")
    return SECTIONS[number(path)][1]


def paragraph(body: str, lead: str) -> str:
    """The paragraph (up to the next blank line) that starts with ``lead``, on one line."""
    match = re.search(rf"^{re.escape(lead)}(.*?)(?:\n\s*\n|\Z)", body, flags=re.MULTILINE | re.DOTALL)
    assert match, f"no paragraph starting {lead!r}"
    return " ".join(match[1].split())


def block(body: str, lead: str) -> str:
    """The text under the bold label ``lead`` up to the next bold label at the start of a line."""
    match = re.search(rf"^\*\*{re.escape(lead)}\*\*.*?\n(.*?)(?=^\*\*|\Z)", body, flags=re.MULTILINE | re.DOTALL)
    assert match, f"no block {lead!r}"
    return match[1]


def map_times() -> dict[str, str]:
    """Notebook 00's map: ``NN -> time`` from the last column of its table."""
    nb = load(ROOT / "notebooks" / "00_start_here.ipynb")
    source = next(c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## The map"))
    times = {}
    for row in source.splitlines():
        match = re.match(r"\|\s*\[(\d\d[a-z]?) [^\]]*\]\(\d\d[a-z]?_\w+\.ipynb\)\s*\|.*\|\s*([^|]+?)\s*\|\s*$", row)
        if match:
            times[match[1]] = match[2]
    return times


def graded_points(nb: nbformat.NotebookNode, nn: str) -> dict[int, int]:
    """``exercise -> points`` of the nbgrader autograder cells (grade=True) with id ``ex-NN-K``."""
    points = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            match = re.fullmatch(rf"ex-{nn}-(\d+)", meta.get("grade_id", ""))
            assert match, f"graded cell with an unexpected grade_id {meta.get('grade_id')!r}"
            points[int(match[1])] = meta["points"]
    return points


def exercise_answer_cells(nb: nbformat.NotebookNode) -> dict[int, str]:
    """``exercise -> source`` of the first code cell after each "**Exercise K" prompt (the answer cell)."""
    answers, current = {}, None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^\*\*Exercise (\d+)", cell.source, flags=re.MULTILINE)
            if match:
                current = int(match[1])
        elif current is not None:
            answers[current] = cell.source
            current = None
    return answers


def guide_points(body: str) -> dict[int, int]:
    """``exercise -> points`` from the rows ``| Exercise K ... | task | points | use |`` of a section."""
    rows = re.findall(r"^\|\s*Exercise (\d+)[^|]*\|[^|]*\|\s*(\d+)\s*\|", body, flags=re.MULTILINE)
    points = {int(k): int(p) for k, p in rows}
    assert len(points) == len(rows), "an exercise listed twice"
    return points


def glance_rows() -> dict[str, list[str]]:
    """The table of the opening section: ``NN -> [time, explorers, points]``."""
    rows = re.findall(r"^\|\s*\[(\d\d[a-z]?) [^\]]*\]\(\.\./notebooks/\d\d[a-z]?_\w+\.ipynb\)\s*\|([^\n]*)\|\s*$",
                      GUIDE, flags=re.MULTILINE)
    return {nn: [cell.strip() for cell in rest.split("|")] for nn, rest in rows}


def headings(nb: nbformat.NotebookNode) -> set[str]:
    return {" ".join(m[1].split()) for c in nb.cells if c.cell_type == "markdown"
            for m in re.finditer(r"^#{1,6}\s+(.+?)\s*$", c.source, flags=re.MULTILINE)}


def printed_text() -> str:
    """Everything the notebooks print: streams, the plain text of results and displays, errors."""
    parts = []
    for path in NOTEBOOKS:
        for cell in load(path).cells:
            for output in cell.get("outputs", []):
                if output.output_type == "stream":
                    parts.append(output.text)
                elif output.output_type == "error":
                    parts.append(f"{output.ename}: {output.evalue}")
                else:
                    parts.append(str(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def test_the_notebooks_are_there() -> None:
    assert [number(p) for p in NOTEBOOKS] == NUMBERS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_notebook_has_a_section_under_its_own_title(path: Path) -> None:
    section(path)
    title = next(m[1] for c in load(path).cells if c.cell_type == "markdown"
                 for m in [re.search(r"^#\s+(.+?)\s*$", c.source, flags=re.MULTILINE)] if m)
    assert SECTIONS[number(path)][0] == title


def test_no_section_for_a_notebook_that_does_not_exist() -> None:
    assert sorted(SECTIONS) == [number(p) for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_time_agrees_with_the_map(path: Path) -> None:
    times = map_times()
    assert number(path) in times, "notebook 00's map has no row for this notebook"
    time = re.search(r"^\*\*Time:\*\* (.+?)\.(?: |$)", section(path), flags=re.MULTILINE)
    assert time, "no '**Time:** ...' line"
    assert time[1] == times[number(path)]
    assert glance_rows()[number(path)][0] == times[number(path)]


@pytest.mark.parametrize("path", NOTEBOOKS[1:], ids=IDS[1:])
def test_builds_on_agrees_with_the_map(path: Path) -> None:
    line = re.search(r"\*\*Builds on:\*\* (.+)$", section(path), flags=re.MULTILINE)
    assert line, "no '**Builds on:** ...' line"
    assert set(re.findall(r"\b0\d[a-z]?\b", line[1])) == builds_on_in_the_map()[number(path)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_guide_names_every_explorer_of_the_notebook_and_no_other(path: Path) -> None:
    called = {m[1] for c in load(path).cells if c.cell_type == "code" for m in EXPLORER_CALL.finditer(c.source)}
    demo = block(section(path), "Explorer to demo" if len(called) == 1 else "Explorers to demo")
    named = set(EXPLORER_CALL.findall(section(path)))
    assert named == called
    assert set(EXPLORER_CALL.findall(demo)) == called, "every explorer gets a demo item"
    assert glance_rows()[number(path)][1] == str(len(called))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_points_are_the_nbgrader_points_of_the_check_cells(path: Path) -> None:
    """Fails until the notebooks carry nbgrader metadata: that is what the guide describes."""
    graded = graded_points(load(path), number(path))
    assert graded, f"{path.name} has no nbgrader check cells (grade=True) yet"
    assert guide_points(section(path)) == graded


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_points_follow_the_marking_rule(path: Path) -> None:
    """2 points where the learner writes a function (a ``def`` in the answer cell), 1 otherwise; and
    the guide lists every exercise of the notebook."""
    rule = {k: 2 if re.search(r"^def ", source, flags=re.MULTILINE) else 1
            for k, source in exercise_answer_cells(load(path)).items()}
    assert rule, "no exercises found"
    assert guide_points(section(path)) == rule


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_totals_add_up(path: Path) -> None:
    points = guide_points(section(path))
    total = re.search(r"^\*\*Total: (\d+) points?\.\*\*", section(path), flags=re.MULTILINE)
    assert total, "no '**Total: N points.**' line"
    assert int(total[1]) == sum(points.values())
    assert glance_rows()[number(path)][2] == total[1]


def test_the_course_total() -> None:
    stated = re.search(r"the whole course is worth (\d+) points", " ".join(GUIDE.split()))
    assert stated
    assert int(stated[1]) == sum(sum(guide_points(section(p)).values()) for p in NOTEBOOKS)
    assert sorted(glance_rows()) == [number(p) for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_pauses_name_sections_of_the_notebook(path: Path) -> None:
    pause = paragraph(section(path), "**Pause for questions:**")
    named = re.findall(r"(?<![*\w])\*([^*]+)\*(?![*\w])", pause)
    assert named, "the pause names no section (in italics)"
    assert [n for n in named if n not in headings(load(path))] == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_two_discussion_questions_with_answers_and_units(path: Path) -> None:
    items = re.split(r"^\d\. ", block(section(path), "Discussion questions"), flags=re.MULTILINE)[1:]
    assert len(items) == 2
    for item in items:
        question = re.match(r"\*(.+?)\*(.*)", " ".join(item.split()))
        assert question, "a question in italics first"
        assert question[1].rstrip().endswith("?")
        assert len(question[2].split()) >= 20, "an answer after the question"
        assert UNIT.search(item), "the question or its answer names a unit"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_a_misconception_for_every_common_slip(path: Path) -> None:
    slips = next(c.source for c in load(path).cells if c.cell_type == "markdown" and "**Common slips**" in c.source)
    n_slips = len(re.findall(r"^>\s*- ", slips, flags=re.MULTILINE))
    n_guide = len(re.findall(r"^- ", block(section(path), "Misconceptions to expect"), flags=re.MULTILINE))
    assert n_slips > 0
    assert n_guide == n_slips


def test_every_number_quoted_is_printed_by_a_notebook() -> None:
    """Decimals with two or more digits after the point (the guide's measured values) appear in the
    notebooks' outputs; signs aside, as written."""
    printed = printed_text()
    quoted = sorted(set(re.findall(r"(?<![\w.])\d+\.\d{2,}(?![\d])", GUIDE)))
    assert len(quoted) > 50
    missing = [q for q in quoted if not re.search(rf"(?<![\d.]){re.escape(q)}(?!\d)", printed)]
    assert missing == []


def test_the_number_check_can_fail() -> None:
    printed = printed_text()
    assert not re.search(r"(?<![\d.])0\.4691(?!\d)", printed)  # shooter A is 0.4690 bits
    assert re.search(r"(?<![\d.])0\.4690(?!\d)", printed)


def test_links_to_notebooks_and_files_resolve() -> None:
    targets = re.findall(r"\]\((?!https?:|#)([^)\s#]+)", GUIDE)
    assert any(t.endswith(".ipynb") for t in targets)
    assert [t for t in targets if not (GUIDE_PATH.parent / t).exists()] == []
