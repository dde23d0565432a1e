"""The student edition (``make student``, nbgrader's generate_assignment) and grading it with nbgrader.

- The clean check: the student edition holds none of the solutions' lines, no outputs, and every
  check cell of the source with its points.
- The autograde round trip, in a temporary nbgrader course folder: the assignment is generated and
  released, three students submit, nbgrader autogrades them. The untouched edition runs top to
  bottom without an error, every check answering its placeholder with "Not yet", and scores 0; the
  reference solutions score every point, and one typical slip (nats where bits were asked) loses
  exactly that exercise's point (handed in with its notebook alone: nbgrader grades each notebook on
  its own, so the slip costs the collection that point too, 43 of 44).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.support.notebooks import is_check_cell
from tools import student

ROOT = Path(__file__).resolve().parents[1]
SOURCE = sorted((ROOT / "notebooks").glob("*.ipynb"))
REGION = re.compile(r"^[ \t]*### BEGIN SOLUTION\n(.*?)^[ \t]*### END SOLUTION$", re.S | re.M)


def nbgrader_role(cell: nbformat.NotebookNode) -> str:
    """"check" (an autograder test cell), "solution" or ""."""
    if is_check_cell(cell):
        return "check"
    return "solution" if cell.metadata.get("nbgrader", {}).get("solution") else ""


def checks_of(nb: nbformat.NotebookNode) -> dict[str, float]:
    """grade_id -> points of every check cell."""
    return {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"] for c in nb.cells
            if nbgrader_role(c) == "check"}


def code_lines(text: str) -> set[str]:
    """The non-empty lines of ``text``, stripped, each without a trailing ``  # comment``."""
    return {line.split("  #")[0].strip() for line in text.splitlines()} - {""}


def solution_lines(nb: nbformat.NotebookNode) -> set[str]:
    """The lines that only solutions have: in a solution region, and nowhere else in the notebook."""
    inside, outside = set(), set()
    for cell in nb.cells:
        for region in REGION.findall(cell.source):
            inside |= code_lines(region)
        outside |= code_lines(REGION.sub("", cell.source))
    return inside - outside


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("student")
    written = student.build_student(ROOT / "notebooks", out)
    assert [p.name for p in written] == [p.name for p in SOURCE]
    return out


def test_every_exercise_is_marked_for_nbgrader() -> None:
    """Each exercise: answer cell, check cell under it (locked, with points), and its solution cell with
    markers (in the Solutions section at the end, found by the check's grade_id + "-solution")."""
    total = 0
    for path in SOURCE:
        nb = nbformat.read(path, as_version=4)
        cells = nb.cells
        by_id = {c.metadata.nbgrader["grade_id"]: c for c in cells if "nbgrader" in c.metadata}
        checks = [i for i, c in enumerate(cells) if nbgrader_role(c) == "check"]
        assert checks, path.name
        for i in checks:
            check, answer = cells[i], cells[i - 1]
            sol = by_id.get(check.metadata.nbgrader["grade_id"] + "-solution")
            assert sol is not None and sol.source.startswith("# Solution to Exercise"), (path.name, check.source)
            assert nbgrader_role(sol) == "solution" and REGION.search(sol.source), (path.name, i)
            assert sol.metadata.jupyter == {"source_hidden": True, "outputs_hidden": True}
            assert check.metadata.nbgrader["locked"], (path.name, i)
            assert re.fullmatch(r"checks\.\w+\(\w+(, \w+)*\)", check.source), check.source
            assert "..." in answer.source and not answer.metadata.get("nbgrader"), (path.name, i)
            expected = 2 if re.search(r"^def ", answer.source, re.M) else 1
            assert check.metadata.nbgrader["points"] == expected, (path.name, check.source)
            total += 1
        ids = [c.metadata.nbgrader["grade_id"] for c in cells if "nbgrader" in c.metadata]
        assert len(ids) == len(set(ids)), path.name
        solutions = [c for c in cells if c.source.startswith("# Solution to Exercise")]
        assert len(solutions) == len(checks), f"{path.name}: a solution for every check, and no other"
    assert total == len(check_cells())   # every check cell belongs to an exercise with a solution


@pytest.mark.integration  # nbgrader builds or grades the edition
@pytest.mark.parametrize("path", SOURCE, ids=lambda p: p.name.split("_")[0])
def test_student_edition_is_clean(edition: Path, path: Path) -> None:
    source = nbformat.read(path, as_version=4)
    text = (edition / path.name).read_text(encoding="utf-8")
    nb = nbformat.reads(text, as_version=4)
    lines = solution_lines(source)
    assert len(lines) >= 3, path.name  # the comparison below has something to find
    leaked = sorted(lines & set().union(*(code_lines(c.source) for c in nb.cells)))
    assert not leaked, f"{path.name}: solution lines in the student edition: {leaked[:3]}"
    assert "### BEGIN SOLUTION" not in text
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
    assert checks_of(nb) == checks_of(source)
    for cell in nb.cells:
        if nbgrader_role(cell) == "solution":
            assert student.STUB in cell.source


# --- the autograde round trip --------------------------------------------------------------------

SLIP = ("02_information_content.ipynb", "ex-02-1", "answer = -np.log(1 / 52)  # nats, where bits were asked")


def answered(release: Path, source: Path, slip: tuple[str, str, str] | None = None) -> nbformat.NotebookNode:
    """The released notebook with the body of the reference solution (for ``slip``'s exercise, the
    slip) written under the given lines of each answer cell."""
    nb = nbformat.read(release, as_version=4)
    solutions = {c.metadata.nbgrader["grade_id"]: REGION.search(c.source)[1]
                 for c in nbformat.read(source, as_version=4).cells if nbgrader_role(c) == "solution"}
    for i, cell in enumerate(nb.cells):
        if nbgrader_role(cell) == "check":
            grade_id = cell.metadata.nbgrader["grade_id"]
            body = slip[2] if slip and slip[:2] == (release.name, grade_id) else solutions[f"{grade_id}-solution"]
            # the student keeps the cell's given lines (data, the placeholder) and answers under them
            nb.cells[i - 1].source = nb.cells[i - 1].source + "\n" + body
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[float, float, dict[str, float], dict[str, Any]]]:
    """Generate, release, submit three ways, autograde: student -> (score, max score, {grade_id: score},
    {notebook: the notebook as nbgrader ran it, outputs and all})."""
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    course = tmp_path_factory.mktemp("course")
    release = student.generate_assignment(ROOT / "notebooks", course)
    config = student.nbgrader_config(course)
    api = NbGraderAPI(CourseDirectory(config=config), config=config)
    submissions = {"untouched": None, "complete": None, "one_slip": SLIP}
    for name, slip in submissions.items():
        folder = course / "submitted" / name / student.ASSIGNMENT
        folder.mkdir(parents=True)
        for nb_path in sorted(release.glob("*.ipynb")):
            if slip and nb_path.name != slip[0]:
                continue  # the slip's student hands in its notebook alone: nbgrader scores the others 0
            if name == "untouched":
                shutil.copy2(nb_path, folder / nb_path.name)
            else:
                nbformat.write(answered(nb_path, ROOT / "notebooks" / nb_path.name, slip), folder / nb_path.name)
        result = api.autograde(student.ASSIGNMENT, name, force=True, create=True)
        assert result["success"], result.get("log")
    out = {}
    with Gradebook(config.CourseDirectory.db_url) as gb:
        for name in submissions:
            sub = gb.find_submission(student.ASSIGNMENT, name)
            per_check = {g.cell.name: g.score for nb in sub.notebooks for g in nb.grades}
            ran = {p.name: nbformat.read(p, as_version=4)
                   for p in sorted((course / "autograded" / name / student.ASSIGNMENT).glob("*.ipynb"))}
            out[name] = (sub.score, sub.max_score, per_check, ran)
    return out


def check_cells() -> list[nbformat.NotebookNode]:
    """The check cells of every notebook, one per exercise, as nbgrader's metadata marks them."""
    return [c for p in SOURCE for c in nbformat.read(p, as_version=4).cells if is_check_cell(c)]


def total_points() -> float:
    return sum(c.metadata.nbgrader["points"] for c in check_cells())


def test_the_readme_states_the_points_of_the_metadata() -> None:
    """The README's totals are the sum of the check cells' points (and one point fewer for one slip)."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    stated = re.search(r"1 otherwise: (\d+) in all", readme)
    graded = re.search(r"scores 0 of (\d+), the reference solutions (\d+) of (\d+), and one typical slip "
                       r"\(nats where bits were asked\) loses just its point, (\d+)\.", readme)
    assert stated and graded, "the README no longer states the total points"
    total = int(total_points())
    assert [int(stated[1]), *map(int, graded.groups())] == [total, total, total, total, total - 1]


@pytest.mark.integration  # nbgrader builds or grades the edition
def test_untouched_edition_scores_zero(graded: dict) -> None:
    score, max_score, per_check, _ = graded["untouched"]
    assert max_score == total_points()
    assert score == 0 and len(per_check) == len(check_cells()) and set(per_check.values()) == {0}


@pytest.mark.integration  # nbgrader builds or grades the edition
def test_untouched_edition_runs_and_says_not_yet(graded: dict) -> None:
    """The edition as nbgrader ran it, top to bottom (as a student's Run All does): no error, and each
    check answers its placeholder with "Not yet" (on standard error while nbgrader grades)."""
    ran = graded["untouched"][3]
    assert sorted(ran) == [p.name for p in SOURCE]
    for name, nb in ran.items():
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if o.output_type == "error" and "raises-exception" not in c.metadata.get("tags", [])]
        assert not errors, f"{name}: {errors[:1]}"
        verdicts = [c.outputs for c in nb.cells if nbgrader_role(c) == "check"]
        assert verdicts and all(len(out) == 1 and out[0].get("name") == "stderr" and out[0].text.startswith("Not yet: ")
                                for out in verdicts), f"{name}: {verdicts}"


@pytest.mark.integration  # nbgrader builds or grades the edition
def test_reference_solutions_score_every_point(graded: dict) -> None:
    score, max_score, per_check, _ = graded["complete"]
    assert score == max_score == total_points()
    assert all(per_check[grade_id] > 0 for grade_id in per_check)


@pytest.mark.integration  # nbgrader builds or grades the edition
def test_one_slip_loses_its_point(graded: dict) -> None:
    score, max_score, per_check, _ = graded["one_slip"]
    complete = graded["complete"][2]
    own = {c.metadata.nbgrader["grade_id"] for c in nbformat.read(ROOT / "notebooks" / SLIP[0], as_version=4).cells
           if is_check_cell(c)}
    assert per_check[SLIP[1]] == 0 and complete[SLIP[1]] == 1
    assert {k: per_check[k] for k in own - {SLIP[1]}} == {k: complete[k] for k in own - {SLIP[1]}}
    assert score == sum(complete[k] for k in own) - 1 and max_score == total_points()


def test_readme_gives_the_stub_make_student_uses() -> None:
    """A lecturer who grades with nbgrader's own commands configures the same stub as make student."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f'c.ClearSolutions.code_stub = {{"python": "{student.STUB}"}}' in readme
    assert student.nbgrader_config(ROOT).ClearSolutions.code_stub == {"python": student.STUB}
