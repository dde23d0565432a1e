"""The times the course states are honest by the rule of ``tests/reading_time.py``, and no notebook
is longer than one session."""
from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from tests.reading_time import MOST_MINUTES, MOST_WORDS, NOTEBOOKS, ROOT, counts, hours, minutes, stated_in_table

MAP = ROOT / "notebooks" / "00_start_here.ipynb"
GUIDE = ROOT / "docs" / "lecturers-guide.md"
README = ROOT / "README.md"


def map_text() -> str:
    import nbformat
    return "\n".join(c.source for c in nbformat.read(MAP, as_version=4).cells if c.cell_type == "markdown")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_a_notebook_fits_one_session(path: Path) -> None:
    words, _, _ = counts(path)
    assert words <= MOST_WORDS, f"{words} Markdown words, more than {MOST_WORDS}"
    assert minutes(path) <= MOST_MINUTES, f"{minutes(path):.0f} minutes by the rule, more than {MOST_MINUTES}"


def test_no_stated_time_starts_below_the_rule() -> None:
    """00's map states each notebook's time (the guide's table repeats it: tests/test_lecturers_guide.py)."""
    in_map = stated_in_table(map_text())
    assert set(in_map) == {p.name for p in NOTEBOOKS}, "00's map gives every notebook a time"
    for path in NOTEBOOKS:
        low, high = in_map[path.name]
        assert low >= math.ceil(minutes(path)), f"{path.name}: stated {low}–{high} min, the rule gives {minutes(path):.0f}"
        assert high >= low


def test_the_total_is_the_sum_everywhere_it_is_stated() -> None:
    stated = stated_in_table(map_text())
    low = hours(sum(lo for lo, _ in stated.values()), up=False)
    high = hours(sum(hi for _, hi in stated.values()), up=True)
    for name, text in [("00", map_text()), ("the guide", GUIDE.read_text(encoding="utf-8")),
                       ("the README", README.read_text(encoding="utf-8"))]:
        totals = re.findall(r"about (\d+½?)–(\d+½?) hours", " ".join(text.split()))
        assert totals, f"{name} states the total as 'about N–M hours'"
        assert set(totals) == {(low, high)}, f"{name} says {totals}, the map's times add up to {low}–{high} hours"
