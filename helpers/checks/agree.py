"""Checks a learner reads: "✓ by hand, helpers and PyTorch agree", in the spirit of Karpathy's ``cmp``.

Where checking is the lesson, a notebook states the check as a sentence and these print it, with
the value and the tolerance, or stop the notebook with ``CheckFailed`` saying what failed.
The tests hold the rest of the assertions.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from helpers import publish

__all__ = ["agree", "confirm", "CheckFailed"]

# How a keyword reads in the sentence: agree(by_hand=..., pytorch=...) -> "by hand and PyTorch".
_NAMES = {"by_hand": "by hand", "pytorch": "PyTorch", "torch": "PyTorch", "numpy": "NumPy",
          "scipy": "SciPy", "helpers": "helpers", "autograd": "autograd",
          "finite_differences": "finite differences", "formula": "the formula"}


class CheckFailed(AssertionError):
    """A check stated in a notebook did not hold; the message says which and by how much."""


def _as_array(value: Any) -> np.ndarray:
    if hasattr(value, "detach"):  # a torch tensor
        value = value.detach().cpu().numpy()
    return np.asarray(value, dtype=float)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _scale(x: float) -> str:
    """A tolerance as a reader writes it: 1e-09 -> "1e-9", 5e-07 -> "5e-7"."""
    mantissa, exponent = f"{x:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def agree(what: str, unit: str = "", *, rtol: float = 1e-9, atol: float = 1e-12, digits: int = 4,
          show_gap: bool = False, publish_as: str = "", **values: Any) -> None:
    """Print "✓ by hand, helpers and PyTorch agree on <what>: <value> <unit> (to within 1e-9)", or raise
    ``CheckFailed`` saying by how much they differ.

    ``values`` are two or more numbers or arrays (NumPy or torch) under names such as ``by_hand``,
    ``helpers``, ``pytorch``, ``autograd``; they agree when every one is within
    ``np.allclose(rtol, atol)`` of the first. A scalar is shown to ``digits`` decimals. The sentence
    states the tolerance (``rtol``; with ``rtol=0``, ``atol`` in ``unit``), not the measured gap, so that
    it reads the same on every machine (the last bits of a float differ between CPUs); ``show_gap=True``
    adds the gap's power of ten, for where its size is the lesson (float32 rounding, a finite
    difference's error). ``publish_as="name"`` publishes the first value with the sentence under that
    name (``helpers.publish.say``), for the tests to read from the committed notebook.
    """
    if len(values) < 2:
        raise ValueError(f"values: give at least two named values to compare, got {len(values)}")
    names = [_NAMES.get(key, key.replace("_", " ")) for key in values]
    arrays = [_as_array(v) for v in values.values()]
    first = arrays[0]
    for name, arr in zip(names[1:], arrays[1:]):
        if arr.shape != first.shape:
            raise CheckFailed(f"✗ {names[0]} and {name} differ in shape on {what}: {first.shape} vs {arr.shape}")
    gap = max(float(np.max(np.abs(arr - first))) if arr.size else 0.0 for arr in arrays[1:])
    if not all(np.allclose(arr, first, rtol=rtol, atol=atol) for arr in arrays[1:]):
        raise CheckFailed(f"✗ {_listed(names)} do not agree on {what}: the largest difference is {gap:.3g}")
    # the relative tolerance, or with rtol=0 the absolute one, in the values' unit
    tolerance = f"to within {_scale(rtol)}" if rtol > 0 else f"to within {_scale(atol)}" + (f" {unit}" if unit else "")
    if show_gap:
        tolerance += "; largest difference " + (
            "0" if gap == 0 else f"below {_scale(10.0 ** math.ceil(math.log10(gap)))}")
    if first.size == 1:
        suffix = f" {unit}" if unit else ""
        sentence = f"✓ {_listed(names)} agree on {what}: {float(first):.{digits}f}{suffix} ({tolerance})"
    else:
        unit_note = f" in {unit}" if unit else ""
        sentence = f"✓ {_listed(names)} agree on {what}: {first.size} values{unit_note}, {tolerance}"
    if publish_as:
        publish.say(sentence, **{publish_as: first})
    else:
        print(sentence)


def confirm(holds: Any, statement: str) -> None:
    """Print "✓ <statement>" when ``holds`` is true (for an array: true everywhere), else raise ``CheckFailed``."""
    if not bool(np.all(_as_array(holds) if not isinstance(holds, bool) else holds)):
        raise CheckFailed(f"✗ not so: {statement}")
    print(f"✓ {statement}")
