"""What the tests of the Chinese edition share: the language switched for one test, and the exercise
checkers of a module."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from helpers import i18n


@pytest.fixture
def zh() -> Iterator[None]:
    """Chinese for the test, English again afterwards (later tests compare English messages)."""
    i18n.catalog.cache_clear()   # the catalogs as they are on disk now
    i18n.use_language("zh_CN")
    try:
        yield
    finally:
        i18n.use_language("en")


def checkers(module: Any) -> list[Callable[..., Any]]:
    """The exercise checkers a checks module exports."""
    return [getattr(module, name) for name in module.__all__
            if getattr(getattr(module, name), "__exercise__", False)]
