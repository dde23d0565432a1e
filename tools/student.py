"""``make student``: the student edition in ``build/student/``, made by nbgrader's generate_assignment.

The notebooks in ``notebooks/`` are nbgrader's *source* version. Each exercise has three cells: the
learner's answer cell (a plain cell with the placeholder ``...``), a check cell (an nbgrader
autograder test cell, locked, with points) and a folded solution cell in the notebook's last
section, *Solutions* (an nbgrader solution cell whose body sits between ``### BEGIN SOLUTION`` and
``### END SOLUTION``).

``generate_assignment`` (nbgrader's own, with its default preprocessors) replaces every solution
region with ``STUB``, clears every output and locks the check cells; the check cells stay, so a
student still gets a verdict. The course folder nbgrader needs (``source/``, ``release/``, its
gradebook) is a temporary one; only the released notebooks are copied out, with a short README.

Usage: ``python -m tools.student [--notebooks DIR] [--out DIR]``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from traitlets.config import Config

__all__ = ["ASSIGNMENT", "STUB", "with_venv_on_path", "nbgrader_config", "generate_assignment", "build_student", "main"]

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "cross-entropy"  # the assignment's name in nbgrader's course folder
STUB = "# Not in the student edition: your answer goes in the cell above the check."
README = """# Cross-Entropy, Explained: student edition

These are the course's notebooks without the solutions to the exercises. Each exercise has a cell
for your answer (replace the `...`) and a check cell under it: run it for a verdict, and again for a
hint. Your lecturer may grade the check cells with nbgrader.

Open the notebooks in JupyterLab with the course's `helpers` package installed (see the course's
README), starting with `00_start_here.ipynb`.
"""


def with_venv_on_path() -> None:
    """nbgrader runs ``alembic`` (its gradebook's migrations) as a command: find it beside this
    Python even when the virtual environment is not activated (``make`` calls .venv/bin/python)."""
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def nbgrader_config(course: Path) -> Config:
    """The nbgrader configuration of a course folder ``course``: our stub, a gradebook inside it."""

    config = Config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.db_url = f"sqlite:///{course / 'gradebook.db'}"
    config.ClearSolutions.code_stub = {"python": STUB}
    config.ClearSolutions.text_stub = STUB.lstrip("# ")
    config.Exchange.assignment_dir = str(course)
    return config


def generate_assignment(notebooks: Path, course: Path, assignment: str = ASSIGNMENT) -> Path:
    """Copy ``notebooks/*.ipynb`` into ``course/source/<assignment>``, run nbgrader's
    generate_assignment there, and return ``course/release/<assignment>``.

    Raises RuntimeError with nbgrader's log when it fails (e.g. a solution region outside a
    solution cell, a check cell without points, two cells with one grade_id).
    """
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    with_venv_on_path()
    source = course / "source" / assignment
    source.mkdir(parents=True, exist_ok=True)
    for nb in sorted(notebooks.glob("*.ipynb")):
        shutil.copy2(nb, source / nb.name)
    config = nbgrader_config(course)
    api = NbGraderAPI(CourseDirectory(config=config), config=config)
    result = api.generate_assignment(assignment, force=True)
    if not result["success"]:
        raise RuntimeError(f"nbgrader generate_assignment failed:\n{result.get('log', '')}\n{result.get('error', '')}")
    return course / "release" / assignment


def build_student(notebooks: Path, out: Path) -> list[Path]:
    """Write the student edition of ``notebooks`` into ``out`` (replaced); return its notebooks."""
    with tempfile.TemporaryDirectory(prefix="ce-nbgrader-") as tmp:
        release = generate_assignment(notebooks, Path(tmp))
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        written = []
        for nb in sorted(release.glob("*.ipynb")):
            shutil.copy2(nb, out / nb.name)
            written.append(out / nb.name)
    (out / "README.md").write_text(README, encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "student")
    args = parser.parse_args(argv)
    written = build_student(args.notebooks, args.out)
    print(f"student edition: {len(written)} notebooks in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
