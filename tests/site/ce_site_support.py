"""Helpers shared by the tests of tests/site (a module with a name of its own, not conftest)."""
from __future__ import annotations

from pathlib import Path

import pytest


def built(folder: Path, name: str) -> Path:
    """The built file ``folder/name``; fails the test when it is missing."""
    target = folder / name
    if not target.exists():
        pytest.fail(f"{name} was not built: its notebook has not been executed (make notebooks)")
    return target
