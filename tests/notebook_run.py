"""Run a notebook once per test session and hand its variables and printed outputs to the tests.

The notebooks state their checks as sentences; the numbers behind the prose are asserted here, in
``tests/test_notebook_NN.py``, against independent references (PyTorch, SciPy, closed forms, hand
calculations). ``run("03")`` executes every code cell of ``notebooks/03_*.ipynb`` top to bottom in
one fresh namespace, as "Restart & Run All" does, and returns a ``NotebookRun``:

- ``ns``: the namespace after the last cell (the variables a learner would see at the end);
- ``printed(snippet)``: what the first cell whose source contains ``snippet`` printed;
- ``number(snippet, label)``: the number printed right after ``label`` by that cell.

Cells tagged ``raises-exception`` must raise; any other cell that raises fails the run.
"""
from __future__ import annotations

import contextlib
import functools
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


@dataclass
class NotebookRun:
    path: Path
    ns: dict[str, Any]
    cells: list[tuple[str, str]] = field(default_factory=list)  # (source, printed) of each code cell

    def printed(self, snippet: str) -> str:
        """The text printed by the first code cell whose source contains ``snippet``."""
        for source, out in self.cells:
            if snippet in source:
                return out
        raise KeyError(f"{self.path.name}: no code cell contains {snippet!r}")

    def number(self, snippet: str, label: str) -> float:
        """The first number printed after ``label`` by the cell found with ``snippet``."""
        text = self.printed(snippet)
        match = re.search(re.escape(label) + r"\s*[:=]?\s*([-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?)", text)
        if not match:
            raise KeyError(f"{self.path.name}: {label!r} is not followed by a number in {text!r}")
        return float(match.group(1))


def notebook_path(number: str) -> Path:
    (path,) = NOTEBOOKS.glob(f"{number}_*.ipynb")
    return path


@contextlib.contextmanager
def _global_state_kept() -> Iterator[None]:
    """Give the notebook the defaults a fresh kernel has, and restore the test process's state after:
    a notebook may set torch's default dtype, NumPy's print options or error state, or matplotlib's style."""
    import matplotlib
    import numpy as np
    import torch

    dtype, printing, errors = torch.get_default_dtype(), np.get_printoptions(), np.geterr()
    rc = dict(matplotlib.rcParams)
    torch.set_default_dtype(torch.float32)
    np.set_printoptions(**_NUMPY_PRINT_DEFAULTS)
    np.seterr(**_NUMPY_ERR_DEFAULTS)
    matplotlib.rcdefaults()
    try:
        yield
    finally:
        torch.set_default_dtype(dtype)
        np.set_printoptions(**printing)
        np.seterr(**errors)
        matplotlib.rcParams.update(rc)


def _numpy_defaults() -> tuple[dict[str, Any], dict[str, Any]]:
    import numpy as np

    return dict(np.get_printoptions()), dict(np.geterr())


_NUMPY_PRINT_DEFAULTS, _NUMPY_ERR_DEFAULTS = _numpy_defaults()  # read at import, before any notebook ran


@functools.cache
def run(number: str) -> NotebookRun:
    """Execute notebook ``number`` ("00" to "07") once and cache the result for the session."""
    with _global_state_kept():
        return _execute(number)


def _execute(number: str) -> NotebookRun:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from IPython.core.inputtransformer2 import TransformerManager

    path = notebook_path(number)
    nb = nbformat.read(path, as_version=4)
    transform = TransformerManager().transform_cell
    ns: dict[str, Any] = {"__name__": "__main__"}
    result = NotebookRun(path, ns)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        expect_error = "raises-exception" in cell.metadata.get("tags", [])
        out = io.StringIO()
        raised: BaseException | None = None
        with contextlib.redirect_stdout(out):
            try:
                exec(compile(transform(cell.source), f"{path.name}[{index}]", "exec"), ns)  # noqa: S102
            except Exception as exc:  # noqa: BLE001  (recorded and judged below)
                raised = exc
        plt.close("all")
        if raised is not None and not expect_error:
            raise AssertionError(f"{path.name} cell {index} raised {type(raised).__name__}: {raised}") from raised
        if raised is None and expect_error:
            raise AssertionError(f"{path.name} cell {index} is tagged raises-exception but ran cleanly")
        result.cells.append((cell.source, out.getvalue()))
    return result


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
