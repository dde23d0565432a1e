"""The browser tests' "Run All" must wait for the whole notebook. A cell tagged
raises-exception errors on purpose and JupyterLab runs on past it; the wait must not end in the
idle moment between two later cells (the CI failure of notebook 05: cells after the deliberate
error were read as "not run"). A genuine error still ends the wait, without a timeout.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import nbformat
import pytest

from tests.support import labdriver

LATER_CELLS = 20  # cells after the deliberate error, with an idle moment of the kernel before each

# The kernel lingers 0.1 s in "idle" after each request (its status publisher, patched), so the
# wait, polling every 0.1 s, is sure to look in such a moment: without that the race is rare.
LINGER = """import time
kernel = get_ipython().kernel
_publish = kernel._publish_status_and_flush
def _linger(status, channel, *args, **kwargs):
    _publish(status, channel, *args, **kwargs)
    if status == 'idle' and channel == 'shell':
        time.sleep(0.1)
kernel._publish_status_and_flush = _linger
x = 0"""


def _notebook(cells: list[tuple[str, list[str]]]) -> str:
    """An unexecuted notebook of code cells (source, tags) on the python3 kernel, as JSON text."""
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(src, metadata={"tags": tags} if tags else {}) for src, tags in cells],
        metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}})
    return nbformat.writes(nb)


DELIBERATE = _notebook(
    [(LINGER, []), ("raise ValueError('on purpose')", ["raises-exception"])]
    + [("x += 1", [])] * LATER_CELLS
    + [("print('x =', x)", [])])

GENUINE = _notebook(
    [("x = 0", []), ("raise ValueError('a real mistake')", [])]
    + [("x += 1", [])] * 3)


@pytest.fixture(scope="module")
def small_lab(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[labdriver.LabServer]:
    """JupyterLab serving only the two small notebooks above."""
    empty = tmp_path_factory.mktemp("empty")
    server = labdriver.start_lab(empty, tmp_path_factory.mktemp("lab-driver"),
                                 extra_files={"deliberate.ipynb": DELIBERATE, "genuine.ipynb": GENUINE})
    yield server
    server.stop()


def _run(chromium: Any, lab: labdriver.LabServer, name: str) -> dict[str, Any]:
    context = chromium.new_context(viewport=labdriver.VIEWPORT)
    try:
        page = labdriver.NotebookPage(context.new_page(), lab, name)
        page.open()
        page.run_all(timeout_ms=60_000)
        state = page.cells()  # read at once, as the notebook fixture does
        page.shutdown_kernel()
        return state
    finally:
        context.close()


def test_run_all_waits_past_a_raises_exception_cell(chromium: Any, small_lab: labdriver.LabServer) -> None:
    cells = _run(chromium, small_lab, "deliberate.ipynb")["cells"]
    counts = [c["count"] for c in cells]
    assert None not in counts, f"Run All was read before it finished: execution counts {counts}"
    assert counts == sorted(counts)
    assert cells[1]["outputs"][0]["ename"] == "ValueError"
    assert cells[-1]["outputs"][0]["text"] == f"x = {LATER_CELLS}\n"


def test_run_all_ends_at_a_genuine_error(chromium: Any, small_lab: labdriver.LabServer) -> None:
    cells = _run(chromium, small_lab, "genuine.ipynb")["cells"]
    assert cells[1]["outputs"][0]["ename"] == "ValueError"
    assert [c["count"] for c in cells[2:]] == [None] * 3, "cells after an unexpected error should not run"
