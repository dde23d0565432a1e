"""Fixtures of the classroom test (tests/support/hubdriver.py does the work): a JupyterHub on this
machine for the module, the course it serves, and one time budget for both visits.

Without Chromium (see ``tests/conftest.py``) or npm the test is skipped with the reason; with
``CE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) either is a failure instead.
"""
from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.hubdriver import TIMINGS, Budget, Course, Hub, make_course, start_hub
from tools import vendor

BUDGET_S = 420.0  # the whole classroom test, hub start to hub stop (about 60 s here)
_SKIPPED: list[str] = []


@pytest.fixture(scope="module")
def budget() -> Budget:
    return Budget(BUDGET_S)


def _skip_or_fail(problem: str) -> None:
    if os.environ.get("CE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{problem}; CE_REQUIRE_BROWSER=1 requires the classroom hub test to run")
    _SKIPPED.append(problem)
    pytest.skip(f"classroom hub test skipped: {problem}")


@pytest.fixture(scope="module")
def proxy_command(chromium: Any) -> list[str]:
    """configurable-http-proxy from build/npm (``npm ci`` of package-lock.json on first use).

    Asks for Chromium first, so that a machine without it skips before anything is installed."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        _skip_or_fail("npm or node not found: install Node.js to fetch configurable-http-proxy")
    proxy = vendor.node_modules() / ".bin" / "configurable-http-proxy"
    if not proxy.exists():
        raise RuntimeError(f"{proxy} missing after npm ci: is configurable-http-proxy in package.json?")
    return [str(proxy)]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say that the hub test did not run and why, or how long its phases took."""
    if _SKIPPED:
        terminalreporter.write_line(
            f"NOTE: classroom hub test SKIPPED: {_SKIPPED[0]}. "
            "Set CE_REQUIRE_BROWSER=1 to make this a failure (CI does).", yellow=True, bold=True)
    if TIMINGS:
        phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in TIMINGS.items())
        terminalreporter.write_line(f"classroom hub test: {phases}")


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    """The committed tree of this repository as a lecturer's repository (one commit on main),
    and its bare clone, ``<tmp>/git/cross-entropy-explained``."""
    return make_course(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="module")
def hub(proxy_command: list[str], budget: Budget, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    """A JupyterHub for the module; stopped with everything it started, whatever happens."""
    started = time.monotonic()
    server = start_hub(tmp_path_factory.mktemp("hub"), proxy_command, budget)
    TIMINGS["hub and proxy up"] = time.monotonic() - started
    try:
        yield server
    finally:
        server.stop()
        TIMINGS["whole test"] = time.monotonic() - budget.start
