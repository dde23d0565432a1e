"""The JavaScript's own tests (tests/js/*.test.mjs), run by Node's built-in test runner, so that
`make test` and CI run them: any failing JavaScript test fails this test, with Node's report."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JS_TESTS = sorted((ROOT / "tests" / "js").glob("*.test.mjs"))


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_javascript_tests_pass() -> None:
    assert JS_TESTS, "no tests/js/*.test.mjs"
    done = subprocess.run(["node", "--test", "--test-reporter=spec", *map(str, JS_TESTS)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"node --test failed:\n{done.stdout}\n{done.stderr}"
