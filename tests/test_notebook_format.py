"""Every notebook follows the course template and is committed executed, in order, with no error.

These read the .ipynb files; nbval (run by the same `pytest`) re-executes them and compares outputs.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from tests.support.notebooks import NUMBERS, builds_on_in_the_map

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]


def load(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def markdown(nb: nbformat.NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code"]


def tags(cell: nbformat.NotebookNode) -> list[str]:
    return cell.metadata.get("tags", [])


def test_the_collection_is_numbered_in_reading_order() -> None:
    assert len(NOTEBOOKS) >= 7
    assert [p.name.split("_")[0] for p in NOTEBOOKS] == NUMBERS
    assert all(re.fullmatch(r"\d\d[a-z]?_[a-z0-9_]+\.ipynb", p.name) for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_executed_in_order(path: Path) -> None:
    counts = [c.execution_count for c in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1)), "run Restart & Run All, then save"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_errors_only_where_expected(path: Path) -> None:
    for cell in code_cells(load(path)):
        has_error = any(o.output_type == "error" for o in cell.outputs)
        assert has_error == ("raises-exception" in tags(cell)), cell.source[:80]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_python3_kernel(path: Path) -> None:
    assert load(path).metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_template_sections(path: Path) -> None:
    nb = load(path)
    text = markdown(nb)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), "a title first"
    assert "You will learn" in text
    learn = re.search(r"You will learn(.*?)\*\*Builds on", text, re.S)
    assert learn, "'You will learn' followed by 'Builds on'"
    assert 3 <= len(re.findall(r"^[-*] ", learn.group(1), re.M)) <= 5, "3-5 bullets"
    assert "> **Common slips**" in text
    assert re.search(r"^#+ Summary", text, re.M)
    assert "**Next" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_three_exercises_with_hidden_solutions(path: Path) -> None:
    nb = load(path)
    exercises = exercise_numbers(nb)
    assert len(exercises) >= 3
    solutions = [c for c in code_cells(nb) if c.source.startswith("# Solution to Exercise")]
    assert len(solutions) >= len(exercises)
    for cell in solutions:
        folded = cell.metadata.get("jupyter", {})
        assert folded.get("source_hidden") is True, cell.source.splitlines()[0]
        assert folded.get("outputs_hidden") is True, f"{cell.source.splitlines()[0]}: its output gives the answer away"
        shown = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
        assert "Correct!" in shown, f"{cell.source.splitlines()[0]}: the solution does not pass its check"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_notebook_has_an_explorer(path: Path) -> None:
    explorer_cells = [c for c in code_cells(load(path)) if "nbval-ignore-output" in tags(c)]
    assert explorer_cells, "at least one explorer"
    for cell in explorer_cells:
        kinds = {k for o in cell.outputs for k in o.get("data", {})}
        assert "application/vnd.jupyter.widget-view+json" in kinds, "only explorer cells ignore their output"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_imports_come_first_and_nothing_is_fetched(path: Path) -> None:
    nb = load(path)
    first = code_cells(nb)[0].source
    assert "from helpers import" in first
    everything = "\n".join(c.source for c in code_cells(nb))
    assert not re.search(r"sys\.path|urlopen|requests\.get|urlretrieve|!pip|%pip|wget ", everything)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_authoring_leftovers(path: Path) -> None:
    """No jupytext or per-cell timing metadata, no saved widget state: small, quiet diffs."""
    nb = load(path)
    assert not {"jupytext", "widgets"} & set(nb.metadata)
    for cell in nb.cells:
        assert not {"execution", "lines_to_next_cell"} & set(cell.metadata), cell.source[:60]


def exercise_numbers(nb: nbformat.NotebookNode) -> list[str]:
    """The numbers of the exercises, from their bold lead: "**Exercise 2:**", "**Exercise 5 (predict first):**"."""
    return re.findall(r"^\*\*Exercise (\d+)\b[^*\n]*\*\*", markdown(nb), re.M)


def visible_code(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in code_cells(nb) if not c.metadata.get("jupyter", {}).get("source_hidden")]


def visible_asserts(path: Path) -> int:
    return sum(line.strip().startswith("assert ") for c in visible_code(load(path)) for line in c.source.splitlines())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_checks_are_sentences_not_walls_of_asserts(path: Path) -> None:
    """The tests hold the assertions; a learner's cell states a check as a sentence (checks.agree)."""
    assert visible_asserts(path) <= 3


def test_at_most_fifteen_visible_asserts_in_the_collection() -> None:
    assert sum(visible_asserts(p) for p in NOTEBOOKS) <= 15


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_explorers_are_only_shown_never_driven(path: Path) -> None:
    """A visible cell may show an explorer (its one line is the factory call), not compute with one."""
    for cell in visible_code(load(path)):
        if "explorers." in cell.source:
            assert re.fullmatch(r"explorers\.\w+\(\)", cell.source.strip()), cell.source[:120]


MATH_OR_CODE = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|```.*?```|`[^`]*`", re.S)
TEX = re.compile(r"\\(frac|sum|log|prod|hat|mid|cdot|sqrt|infty|left|right|mathbb|mathrm|text)\b|[_^]\{")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_tex_outside_math(path: Path) -> None:
    """Formulas are typeset: TeX commands and braces appear only between $...$ (or in code)."""
    for cell in load(path).cells:
        if cell.cell_type == "markdown":
            prose = MATH_OR_CODE.sub("", cell.source)
            assert not TEX.search(prose), f"TeX outside math: {TEX.search(prose).group(0)!r} in {cell.source[:80]!r}"


def builds_on_in_header(path: Path) -> set[str]:
    """The notebooks linked in the header's "Builds on" paragraph, by number."""
    text = markdown(load(path))
    paragraph = text[text.index("**Builds on:**"):].split("\n\n")[0]
    return set(re.findall(r"\]\((\d\d[a-z]?)_[a-z0-9_]+\.ipynb\)", paragraph))


@pytest.mark.parametrize("path", NOTEBOOKS[1:], ids=IDS[1:])
def test_the_map_and_the_header_name_the_same_prerequisites(path: Path) -> None:
    number = path.name.split("_")[0]
    header = builds_on_in_header(path)
    assert header and all(n < number for n in header), "a notebook builds on earlier ones"
    assert builds_on_in_the_map()[number] == header, "notebook 00's map and this header disagree on what it builds on"


def agreement_lines(nb: nbformat.NotebookNode) -> list[str]:
    """The printed agreement sentences ("✓ ...") a learner sees: those of every cell but the folded solutions."""
    lines = []
    for cell in code_cells(nb):
        if cell.metadata.get("nbgrader", {}).get("solution"):
            continue
        for out in cell.outputs:
            text = out.get("text", "") if out.get("output_type") == "stream" else out.get("data", {}).get("text/plain", "")
            lines += [line for line in "".join(text).splitlines() if "✓" in line]
    return lines


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_checks_appear_only_where_checking_is_the_lesson(path: Path) -> None:
    """At most three ✓ lines a notebook, and at most one of them names the course's own helpers."""
    lines = agreement_lines(load(path))
    assert len(lines) <= 3, "more than three ✓ lines:\n" + "\n".join(lines)
    naming_helpers = [line for line in lines if "helpers" in line]
    assert len(naming_helpers) <= 1, "more than one ✓ line names helpers:\n" + "\n".join(naming_helpers)




@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_solutions_sit_in_a_section_of_their_own_at_the_end(path: Path) -> None:
    """On a viewer that does not fold (GitHub, VS Code, Colab) no answer shows under its exercise: the
    solutions follow the summary under "## Solutions", each under "### Solution to Exercise N", which
    its exercise links to."""
    nb = load(path)
    heads = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith("## Solutions")]
    assert len(heads) == 1, 'one "## Solutions" section'
    start = heads[0]
    before, after = nb.cells[:start], nb.cells[start:]
    assert not any(c.metadata.get("nbgrader", {}).get("solution") for c in before), "a solution above the Solutions section"
    assert not any(c.cell_type == "markdown" and c.source.startswith("## ") for c in after[1:]), "Solutions is the last section"
    assert re.search(r"^#+ Summary", "\n".join(c.source for c in before if c.cell_type == "markdown"), re.M)
    for cell in after[1:]:
        if cell.cell_type == "code":
            assert cell.metadata.get("nbgrader", {}).get("solution"), f"only solutions after the heading: {cell.source[:60]!r}"
    prompts = {c.source for c in before if c.cell_type == "markdown"}
    headings = [c.source.splitlines()[0] for c in after if c.cell_type == "markdown"]
    graded = sum(bool(c.metadata.get("nbgrader", {}).get("grade")) for c in nb.cells)
    assert len(exercise_numbers(nb)) == graded, "every check cell has an exercise whose lead is **Exercise N...**"
    for n in exercise_numbers(nb):
        assert f"### Solution to Exercise {n}" in headings, f"a heading for the solution to exercise {n}"
        prompt = next(s for s in prompts if re.search(rf"^\*\*Exercise {n}\b", s, re.M))
        assert f"(#Solution-to-Exercise-{n})" in prompt, f"exercise {n} links to its solution"
    for cell in after:
        assert cell.metadata.get("slideshow", {}).get("slide_type") == "skip", "solutions are not on the slides"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_an_explain_why_exercise(path: Path) -> None:
    """Each notebook asks at least once to explain why, as multiple choice whose wrong options are the
    common misconceptions: a check cell calling a ``checks.why_...`` checker (built on ``check_choice``)."""
    checks = [c.source for c in code_cells(load(path)) if c.metadata.get("nbgrader", {}).get("grade")]
    assert any(re.match(r"checks\.why_\w+\(", s.strip()) for s in checks), "no explain-why check"
