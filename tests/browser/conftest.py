"""Fixtures of the browser tests: one JupyterLab server and one Chromium for the session, and
each notebook opened and run in its own page (module scope: the tests of a notebook share it).

Without Chromium (or Playwright) the tests are skipped with the reason; with
``CE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) that is a failure instead. ``CE_NOTEBOOK_DIR``
points the tests at another folder of notebooks (default: the repository's ``notebooks/``).
On a failure the notebook's page is saved as an image under ``test-artifacts/``.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import labdriver

NOTEBOOK_DIR = Path(os.environ.get("CE_NOTEBOOK_DIR", labdriver.ROOT / "notebooks"))
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))


class RunNotebook:
    """A notebook open in JupyterLab after "Run All", with what the tests need to know of it."""

    def __init__(self, path: Path, page: labdriver.NotebookPage) -> None:
        self.path = path
        self.nb = page
        self.source = labdriver.load_notebook(path)
        self.mirrors: dict[int, Any] = {}  # explorer index on the page -> the same explorer here
        self.checked: set[int] = set()  # explorers whose initial readout was compared
        self.run_error: str | None = None
        self.rendered = False

    def screenshot(self, label: str) -> Path:
        """Save the notebook's page under test-artifacts/ and return the file's path."""
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{self.path.stem}-{label}")
        return self.nb.screenshot(labdriver.ARTIFACTS_DIR / f"{safe}.png")


@pytest.fixture(scope="session")
def lab(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[labdriver.LabServer]:
    """JupyterLab serving a temporary copy of the notebooks (127.0.0.1, free port, random token)."""
    server = labdriver.start_lab(NOTEBOOK_DIR, tmp_path_factory.mktemp("lab"))
    yield server
    server.stop()


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request: pytest.FixtureRequest, chromium: Any, lab: labdriver.LabServer) -> Iterator[RunNotebook]:
    """The notebook opened alone in a fresh page, all its cells run by JupyterLab, explorers
    given time to render. Problems are recorded for the tests to report, not raised here."""
    path: Path = request.param
    context = chromium.new_context(viewport=labdriver.VIEWPORT)
    page = context.new_page()
    run = RunNotebook(path, labdriver.NotebookPage(page, lab, path.name))
    try:
        run.nb.open()
        run.nb.run_all()
        expected = labdriver.expected_explorers(run.source, _registry())
        run.rendered = run.nb.wait_rendered(len(expected))
    except Exception as err:  # noqa: BLE001  (reported by every test of this notebook)
        run.run_error = f"{type(err).__name__}: {err}\nJupyterLab log:\n{lab.log_tail()}"
    yield run
    try:
        run.nb.shutdown_kernel()
    finally:
        context.close()


def _registry() -> list[str]:
    from helpers.explorers import LIVE

    return list(LIVE)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    """On a failed browser test, save the notebook's page and say where in the report."""
    report = yield
    funcargs = getattr(item, "funcargs", {})
    run = funcargs.get("notebook") or funcargs.get("zh_notebook")
    if report.failed and isinstance(run, RunNotebook):
        try:
            path = run.screenshot(item.name.split("[")[0])
            report.sections.append(("browser screenshot", f"saved to {path}"))
            print(f"\nbrowser screenshot of {run.path.name}: {path}")
        except Exception as err:  # noqa: BLE001  (never hide the real failure)
            report.sections.append(("browser screenshot", f"could not be saved: {err}"))
    return report
