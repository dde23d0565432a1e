"""The notebooks as the tests read them, without running them: where they are, which cells are
exercise checks, and the code cells as a learner runs them.

The number tests (``tests/test_notebook_NN.py``) read the values a notebook publishes from the
committed file (``tests/support/published.py``), which nbval checks against a fresh run; when a test needs a
notebook's own code (an exercise's solution, a function a cell defines), it runs that cell alone.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


# The course in reading order, by number: 00a is the on-ramp (NumPy, PyTorch, autograd) between 00 and 01.
NUMBERS = ["00", "00a", "01", "02", "03", "04", "05", "06", "07"]


def notebook_path(number: str, edition: str = "en") -> Path:
    """The committed notebook ``number`` of an edition: "en", the source, or "zh_CN" (``notebooks/zh_CN``)."""
    (path,) = (NOTEBOOKS if edition == "en" else NOTEBOOKS / edition).glob(f"{number}_*.ipynb")
    return path


def editions(number: str) -> list[str]:
    """The editions that have notebook ``number``: English always, Chinese once it is translated."""
    return ["en", *(e for e in ("zh_CN",) if list((NOTEBOOKS / e).glob(f"{number}_*.ipynb")))]


SOLUTION_MARKERS = re.compile(r"^[ \t]*### (?:BEGIN|END) SOLUTION[ \t]*(?:\n|$)", re.M)


def is_check_cell(cell: Any) -> bool:
    """An exercise's check cell: an nbgrader autograder test cell (graded, not a solution)."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def learner_code(cells: list[Any]) -> list[Any]:
    """The code cells as a learner runs them, for tests written against one cell per step: each
    exercise's answer cell joined with the check cell under it (answer, then check, in one source,
    with the check's outputs),
    and every solution without nbgrader's ``### BEGIN/END SOLUTION`` lines (comments, so the
    solution runs the same). Returns copies; the notebook is left alone."""
    out: list[Any] = []
    for cell in cells:
        if cell.cell_type != "code":
            continue
        cell = nbformat.from_dict(dict(cell))
        if is_check_cell(cell) and out:
            out[-1].source = out[-1].source.rstrip("\n") + "\n" + cell.source
            out[-1].outputs = list(out[-1].get("outputs", [])) + list(cell.get("outputs", []))
            continue
        cell.source = SOLUTION_MARKERS.sub("", cell.source)
        out.append(cell)
    return out


def builds_on_in_the_map() -> dict[str, set[str]]:
    """Notebook 00's map: each notebook's number, with the numbers in its "builds on" column."""
    text = "\n".join(c.source for c in nbformat.read(notebook_path("00"), as_version=4).cells if c.cell_type == "markdown")
    rows = re.findall(r"^\| \[(\d\d[a-z]?) [^]]*\]\(\d\d[a-z]?_[a-z0-9_]+\.ipynb\) \|[^|]*\|([^|]*)\|", text, re.M)
    return {number: set(re.findall(r"\d\d[a-z]?", column)) for number, column in rows}
