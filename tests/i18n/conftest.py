"""What the tests of the Chinese edition share: the language switched for one test, and the exercise
checkers of a module."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from helpers import i18n
from tests.support.english import english_left

CHINESE = re.compile(r"[\u4e00-\u9fff]")


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


def assert_hints_speak_chinese(checker: Callable[..., Any]) -> None:
    """Every hint of ``checker`` is translated, in Chinese and with no English run left (in zh_CN)."""
    assert checker.hints
    for hint in checker.hints:
        shown = i18n.tr(hint)
        assert shown != hint, f"no translation: {hint!r}"
        assert english_left(shown) == [] and CHINESE.search(shown), shown
