"""The values a notebook publishes (``helpers.publish.say``), read from the committed notebook.

nbval checks that a fresh run of the notebook gives the same outputs as the committed file, the
published values included; so the number tests read them from the file instead of running the
notebook a second time. ``published("03")["H_A"]`` is the value cell N published as ``H_A``: a float
or an int, or a NumPy array for a list. A name one cell publishes several times (in a loop) gives the
array of its values, in order. A name that no cell publishes, or that two cells publish, fails with
the notebook's name and the cells' indices.

A published float keeps ten significant digits (``helpers.publish.SIGNIFICANT``), so the number
tests compare it with their references to a relative 1e-9, never exactly.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

import nbformat
import numpy as np

from helpers.publish import MIME_TYPE, NON_FINITE
from tests.support.notebooks import notebook_path


def _decoded(value: Any) -> Any:
    if isinstance(value, list):
        return np.array([_decoded(x) for x in value])
    return NON_FINITE.get(value, value) if isinstance(value, str) else value


class Published(Mapping[str, Any]):
    """The values of one notebook by name, each with the index of the cell that published it."""

    def __init__(self, name: str, cells: list[Any]) -> None:
        self.name = name
        self.cell: dict[str, int] = {}
        found: dict[str, list[Any]] = {}
        for index, cell in enumerate(cells):
            for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
                for key, value in output.get("data", {}).get(MIME_TYPE, {}).items():
                    if self.cell.setdefault(key, index) != index:
                        raise KeyError(f"{name}: {key!r} is published twice, by cells {self.cell[key]} and {index}")
                    found.setdefault(key, []).append(_decoded(value))
        self._values = {key: seen[0] if len(seen) == 1 else np.array(seen) for key, seen in found.items()}

    def __getitem__(self, key: str) -> Any:
        if key not in self._values:
            raise KeyError(f"{self.name}: no cell publishes {key!r} (published: {', '.join(self._values) or 'none'})")
        return self._values[key]

    def __repr__(self) -> str:  # what pytest shows of the fixture when a comparison fails
        return f"published values of {self.name}: " + ", ".join(f"{k} (cell {i})" for k, i in self.cell.items())

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


@functools.cache
def published(number: str, edition: str = "en") -> Published:
    """The values notebook ``number`` ("00" to "07") of an ``edition`` ("en", "zh_CN") publishes, read
    from its committed file."""
    path = notebook_path(number, edition)
    return Published(path.name, nbformat.read(path, as_version=4).cells)
