"""How long a notebook takes a first reader, by the course's rule, and what the notebooks state.

The rule (issue 18): Markdown words / 150 + 1 minute per code cell + 6 minutes per exercise, where
words are the whitespace-separated tokens of the Markdown cells, code cells are all of them (checks
and solutions included), and exercises are the graded check cells. A notebook's stated time (in 00's
map and the lecturer's guide, "75–90 min") must start at or above it.

Run ``python -m tests.reading_time`` for the table.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WORDS_PER_MINUTE = 150
MINUTES_PER_CODE_CELL = 1
MINUTES_PER_EXERCISE = 6
MOST_WORDS = 3000  # Markdown words a notebook may hold
MOST_MINUTES = 90  # one session


def counts(path: Path) -> tuple[int, int, int]:
    """Markdown words, code cells and exercises (graded check cells) of a notebook."""
    nb = nbformat.read(path, as_version=4)
    words = sum(len(c.source.split()) for c in nb.cells if c.cell_type == "markdown")
    code = sum(c.cell_type == "code" for c in nb.cells)
    exercises = sum(bool(c.metadata.get("nbgrader", {}).get("grade")) for c in nb.cells)
    return words, code, exercises


def minutes(path: Path) -> float:
    """The rule's time for a notebook, in minutes."""
    words, code, exercises = counts(path)
    return words / WORDS_PER_MINUTE + MINUTES_PER_CODE_CELL * code + MINUTES_PER_EXERCISE * exercises


STATED = re.compile(r"(\d+)–(\d+) min")


def stated_in_table(text: str) -> dict[str, tuple[int, int]]:
    """Each notebook's stated time in a Markdown table whose rows link to it: file name -> (low, high)."""
    found = {}
    for line in text.splitlines():
        link = re.search(r"\]\((?:\.\./notebooks/)?([0-9a-z_]+\.ipynb)\)", line)
        time = STATED.search(line)
        if line.startswith("|") and link and time:
            found[link.group(1)] = (int(time.group(1)), int(time.group(2)))
    return found


def hours(total_minutes: int, up: bool) -> str:
    """Minutes as hours to the half hour, written as the course writes them ("9", "9½")."""
    halves = (math.ceil if up else math.floor)(total_minutes / 30)
    whole, half = divmod(halves, 2)
    return f"{whole}½" if half else f"{whole}"


def main() -> None:
    print(f"{'notebook':40} {'words':>6} {'code':>5} {'ex':>3} {'minutes':>8}")
    for path in NOTEBOOKS:
        words, code, exercises = counts(path)
        print(f"{path.name:40} {words:6} {code:5} {exercises:3} {minutes(path):8.1f}")


if __name__ == "__main__":
    main()
