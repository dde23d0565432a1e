"""Live explorers (anywidgets computed and drawn in the browser) against their Python reference,
in a real JupyterLab and on a static page opened from file:// with every other request blocked.

For every registered live explorer: the initial readout, 50 random control settings, the keyboard
(arrows, Page Up/Down, Home, End) and a mouse drag must each give the readout that the explorer's
Python class computes through the math modules for the values read off the page, to the printed
precision. Every control must have a label and an accessible value text with its unit; every
drawing a title and a description. On failure, screenshots go to test-artifacts/.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from helpers.explorers.live import LIVE
from tests.support import labdriver
from tests.support.livedriver import LiveOnPage, exercise_explorer, screenshot_on_failure
from tools.live import explorer_markup, page_scripts

NAMES = sorted(LIVE)


# --- on a static page ------------------------------------------------------------------------
def static_page(folder: Path) -> Path:
    body = "\n".join(explorer_markup(name, {}) for name in NAMES)
    page = folder / "live.html"
    page.write_text("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Live explorers</title>"
                    f"</head><body><main>{body}</main>{page_scripts(NAMES)}</body></html>", encoding="utf-8")
    return page


@pytest.mark.parametrize("name", NAMES)
def test_live_explorer_on_a_static_page(chromium: Any, tmp_path: Path, name: str) -> None:
    page_file = static_page(tmp_path)
    context = chromium.new_context(viewport=labdriver.VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(("blob:", "data:")) or url == page_file.as_uri():
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", guard)
    try:
        page.goto(page_file.as_uri())
        page.wait_for_selector(f"[data-ce-explorer='{name}'][data-ce-ready]", timeout=10_000)
        exercise_explorer(LiveOnPage(page, name), seed=len(name))
        assert not errors, errors
        assert not outside, f"requests outside the page: {outside}"
    except BaseException:
        screenshot_on_failure(page, f"static-{name}")
        raise
    finally:
        context.close()


# --- in JupyterLab ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def live_notebook(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """JupyterLab with one notebook that shows every live explorer, all cells run."""
    folder = tmp_path_factory.mktemp("live-notebooks")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from helpers.explorers.live import LIVE")]
    nb.cells += [nbformat.v4.new_code_cell(f"LIVE[{json.dumps(name)}]()") for name in NAMES]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "live.ipynb")
    server = labdriver.start_lab(folder, tmp_path_factory.mktemp("live-lab"))
    context = chromium.new_context(viewport=labdriver.VIEWPORT)
    page = context.new_page()
    notebook = labdriver.NotebookPage(page, server, "live.ipynb")
    try:
        notebook.open()
        notebook.run_all()
        page.wait_for_function(f"() => document.querySelectorAll('.ce-live').length >= {len(NAMES)}",
                               timeout=60_000)
        yield page
    finally:
        notebook.shutdown_kernel()
        context.close()
        server.stop()


@pytest.mark.parametrize("name", NAMES)
def test_live_explorer_in_jupyterlab(live_notebook: Any, name: str) -> None:
    try:
        explorer = LiveOnPage(live_notebook, name)
        explorer.root.scroll_into_view_if_needed()
        exercise_explorer(explorer, seed=len(name) + 1)
    except BaseException:
        screenshot_on_failure(live_notebook, f"lab-{name}")
        raise
