"""Every decimal number in a notebook's Markdown is a number the notebook prints or publishes.

The prose may quote a number the code computes only at the rounding the code gives it: each decimal
in a Markdown cell must equal, digit for digit, a number in the committed outputs of a code cell
(streams and the plain text of results and displays; nbval checks those against a fresh run), or a
printed number or a published value (``tests/support/published.py``; scalars and lists of at most
``MAX_LENGTH``) rounded to the prose's decimals. Numbers
the prose gives as inputs, or quotes from elsewhere, are listed in ``EXCEPTIONS`` with the reason.
Signs are not compared (the prose writes "a loss of 0.22" and "−0.22" alike). Only committed
notebooks are read; nothing runs.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import nbformat
import numpy as np
import pytest

from tests.support.notebooks import NOTEBOOKS
from tests.support.published import Published

PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]*_*.ipynb"))
MAX_LENGTH = 10  # the longest published list whose values the prose may quote rounded
DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.]*\d)")

# (notebook, number as the prose writes it): why the prose may state it without the notebook printing it.
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("00", "0.5"): "an input: the threshold of Exercise 3, where a prediction favours one class or the other",
    ("01", "2.718"): "Euler's number e, a constant (test_notebook_01 checks e from the sigmoid's odds)",
    ("02", "0.8"): "an input: the model's probability y_hat = 0.8, typed into cell 29",
    ("03", "0.999"): "an input: shooter B's hit probability, typed into cell 6",
    ("03", "0.100"): "a slider position of the shooters explorer, whose readout nbval does not compare",
    ("03", "0.900"): "a slider position of the shooters explorer, whose readout nbval does not compare",
    ("03", "0.005"): "a bound the prose states: test_notebook_03 checks both mean errors fall below it",
    ("03", "0.75"): "an input: Exercise 1's hit probability",
    ("04", "2.1"): "a slider position of the cross_entropy_kl explorer (test_notebook_04 checks where it lands)",
    ("04", "1.9"): "a slider position of the cross_entropy_kl explorer (test_notebook_04 checks where it lands)",
    ("05", "0.00005"): "half the last printed digit of the typed tensor: test_notebook_05 checks the nudge stays below",
    ("05", "0.00004"): "the nudge typed into cell 15: test_notebook_05 checks it moves two entries by 0.00004",
    ("06", "0.001"): "an input: the finite difference's step h, typed into cell 6",
    ("06", "4.1"): "a section number of Goodfellow, Bengio and Courville's Deep Learning",
    ("07", "0.6931"): "ln 2, a constant the slips box names (test_notebook_07 checks it)",
    ("07", "1706.04599"): "an arXiv identifier (Guo et al., calibration)",
    ("07", "1906.02629"): "an arXiv identifier (Müller et al., label smoothing)",
    ("07", "10.1198"): "a DOI prefix (Gneiting and Raftery, proper scoring rules)",
}


def decimals(text: str) -> Iterator[str]:
    """The decimal numbers of a text, signs dropped; LaTeX thousands separators ({,}) removed."""
    yield from DECIMAL.findall(text.replace("{,}", ""))


def printed_text(cell: nbformat.NotebookNode) -> str:
    """What a code cell shows, as nbval compares it (cells whose output nbval ignores show nothing here)."""
    if "nbval-ignore-output" in cell.metadata.get("tags", []):
        return ""
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("display_data", "execute_result"):
            parts.append(str(out.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def known_numbers(path: Path) -> tuple[set[str], list[float]]:
    """The numbers a notebook prints (as written) and the values it prints or publishes (as numbers)."""
    cells = nbformat.read(path, as_version=4).cells
    shown = [n for c in cells if c.cell_type == "code" for n in decimals(printed_text(c))]
    published = Published(path.name, cells)
    values = [float(n) for n in shown]
    for value in published.values():   # scalars and short lists (a published curve would match anything)
        if np.size(value) <= MAX_LENGTH:
            values += [abs(float(x)) for x in np.ravel(value) if np.isfinite(float(x))]
    return set(shown), values


def matches(number: str, shown: set[str], values: list[float]) -> bool:
    if number in shown:
        return True
    digits = len(number.split(".")[1])
    return any(f"{v:.{digits}f}" == number for v in values)


@pytest.mark.parametrize("path", PATHS, ids=[p.name.split("_")[0] for p in PATHS])
def test_every_decimal_in_the_prose_is_printed_or_published(path: Path) -> None:
    shown, values = known_numbers(path)
    nn = path.name.split("_")[0]
    unmatched = []
    for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
        if cell.cell_type != "markdown":
            continue
        for number in decimals(cell.source):
            if (nn, number) not in EXCEPTIONS and not matches(number, shown, values):
                unmatched.append(f"{path.name} cell {index}: {number}")
    assert not unmatched, "numbers in the Markdown that no cell prints or publishes:\n" + "\n".join(unmatched)
