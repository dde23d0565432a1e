"""The one Chromium of a test session, shared by the JupyterLab browser tests (tests/browser)
and the lecture-material tests (tests/site): Playwright's sync API allows one instance at a time.

Without Chromium (or Playwright) the tests that need it are skipped with the reason, said again
in the summary; with ``CE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) that is a failure instead.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import labdriver

_SKIPPED: list[str] = []


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright, or a skip (a failure if CE_REQUIRE_BROWSER=1)."""
    problem = labdriver.browser_problem()
    if problem:
        if os.environ.get("CE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{problem}; CE_REQUIRE_BROWSER=1 requires the browser tests to run")
        _SKIPPED.append(problem)
        pytest.skip(f"browser tests skipped: {problem}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = labdriver.launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say plainly that the browser tests did not run, and why."""
    if _SKIPPED:
        terminalreporter.write_line(
            f"NOTE: browser tests SKIPPED: {_SKIPPED[0]}. "
            "Set CE_REQUIRE_BROWSER=1 to make this a failure (CI does).", yellow=True, bold=True)


_HERE = Path(__file__).resolve().parent
_INTEGRATION_FOLDERS = ("browser", "site", "hub")


def pytest_collection_modifyitems(items: list[Any]) -> None:
    """The tests under tests/browser, tests/site and tests/hub start Chromium, JupyterLab or a hub:
    mark them ``integration`` (``make check`` leaves them out, ``make test`` runs them)."""
    for item in items:
        if item.path.is_relative_to(_HERE) and item.path.relative_to(_HERE).parts[0] in _INTEGRATION_FOLDERS:
            item.add_marker(pytest.mark.integration)
