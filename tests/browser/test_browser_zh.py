"""The Chinese edition in a real JupyterLab: a Chinese notebook runs, and its explorers show Chinese
labels, readouts and descriptions that follow the Python reference computed in Chinese.

Notebooks 02 and 03 hold the explorers with a unit choice and with two explorers on a page; every
explorer of 00-03 is also mounted in Chinese in Chromium by ``tests/i18n/test_zh_explorers.py``.
A failure saves the page under ``test-artifacts/``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

import helpers
from tests.support import labdriver
from tests.support.livedriver import LiveOnPage, exercise_explorer

from .conftest import NOTEBOOK_DIR, RunNotebook, _registry
from .test_browser_notebooks import live_explorers_shown, require_run

ZH = [NOTEBOOK_DIR / "zh_CN" / name for name in ("02_information_content.ipynb", "03_entropy_and_the_shooters.ipynb")]
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module", params=ZH, ids=[p.stem for p in ZH])
def zh_notebook(request: pytest.FixtureRequest, chromium: Any, lab: labdriver.LabServer) -> Iterator[RunNotebook]:
    """A Chinese notebook opened alone in JupyterLab and run; the test process speaks Chinese too, so
    that the Python reference of each explorer is the Chinese one."""
    path = request.param
    context = chromium.new_context(viewport=labdriver.VIEWPORT)
    page = context.new_page()
    run = RunNotebook(path, labdriver.NotebookPage(page, lab, f"zh_CN/{path.name}"))
    try:
        run.nb.open()
        run.nb.run_all()
        run.rendered = run.nb.wait_rendered(len(labdriver.expected_explorers(run.source, _registry())))
    except Exception as err:  # noqa: BLE001  (reported by the test)
        run.run_error = f"{type(err).__name__}: {err}\nJupyterLab log:\n{lab.log_tail()}"
    helpers.use_language("zh_CN")
    try:
        yield run
    finally:
        helpers.use_language("en")
        try:
            run.nb.shutdown_kernel()
        finally:
            context.close()


def test_chinese_explorers_speak_chinese_and_follow_their_reference(zh_notebook: RunNotebook) -> None:
    require_run(zh_notebook)
    names = live_explorers_shown(zh_notebook)
    assert names, f"{zh_notebook.path.name} shows no live explorer"
    page = zh_notebook.nb.page
    page.wait_for_function(f"() => document.querySelectorAll('.jp-Notebook .ce-live').length >= {len(names)}",
                           timeout=60_000)
    problems = []
    for index, name in enumerate(names):
        explorer = LiveOnPage(page, name, names[:index].count(name))
        explorer.root.scroll_into_view_if_needed()
        texts = {
            "title": explorer.root.locator(".ce-title").first.inner_text(),
            "labels": " ".join(explorer.root.locator("label").all_inner_texts()),
            "readout": " ".join(explorer.readout()),
            "description": " ".join(explorer.root.locator("svg desc").all_text_contents()),
        }
        problems += [f"{name} {part}: no Chinese in {text[:80]!r}" for part, text in texts.items()
                     if not HAN.search(text)]
        exercise_explorer(explorer, seed=index)   # readout = the Chinese reference, labels and values in words
    assert problems == []
    page_errors = zh_notebook.nb.cells()
    assert "Error displaying widget" not in page_errors["text"]
