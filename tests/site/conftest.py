"""Fixtures of the lecture-material tests: the built decks and site, and an offline Chromium.

Chromium comes from ``tests/conftest.py`` (one per session, skipped or failed as it says).
The decks and the site are built once per session into a temporary folder with the same code as ``make slides`` and ``make html`` (reveal.js and MathJax come from ``build/npm``).
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


class OfflinePage:
    """A page that may load files below ``folder`` and nothing else; it records what it blocked
    and every request that failed, so a test can assert that both lists stay empty."""

    def __init__(self, browser: Any, folder: Path) -> None:
        self.allowed = folder.resolve().as_uri() + "/"
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("requestfailed", lambda request: self.failed.append(f"{request.url} ({request.failure})"))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.allowed) or url.startswith("data:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path: Path) -> Any:
        """Load ``path`` and wait until MathJax has typeset the page."""
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise",
                                    timeout=20_000)
        self.page.evaluate("() => MathJax.startup.promise")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def offline_page(chromium: Any) -> Iterator[Any]:
    """A factory: ``offline_page(folder)`` gives an OfflinePage confined to ``folder``."""
    pages: list[OfflinePage] = []

    def make(folder: Path) -> OfflinePage:
        page = OfflinePage(chromium, folder)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


def executed_notebooks(dest: Path) -> Path:
    """Copy the executed notebooks into ``dest`` and return it.

    The builds refuse a notebook that was never run; one still being written must not stop the
    others from being tested. Its own tests then fail with "no deck" or "no page" instead
    (and tests/test_notebook_format.py says it is not executed).
    """
    from tools.prepare import unexecuted_cells

    if not NOTEBOOKS:
        pytest.fail("no notebooks in notebooks/: nothing to build")
    dest.mkdir(parents=True, exist_ok=True)
    for path in NOTEBOOKS:
        if not unexecuted_cells(nbformat.read(path, as_version=4)):
            shutil.copyfile(path, dest / path.name)
    return dest


@pytest.fixture(scope="session")
def slides_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every executed notebook's deck, built as ``make slides`` builds them, in a temporary folder."""
    from tools.build_slides import build_slides

    out = tmp_path_factory.mktemp("slides")
    build_slides(executed_notebooks(out.parent / "slides-notebooks"), out)
    return out


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The static site of the executed notebooks, built as ``make html`` builds it."""
    from tools.build_site import build_site

    out = tmp_path_factory.mktemp("html")
    build_site(executed_notebooks(out.parent / "html-notebooks"), out)
    return out
