"""Checks a learner reads: "✓ by hand, helpers and PyTorch agree", in the spirit of Karpathy's ``cmp``.

Where checking is the lesson, a notebook states the check as a sentence and these print it, with
the value and the tolerance, or stop the notebook with ``CheckFailed`` saying what failed.
The tests hold the rest of the assertions. Each sentence is one template of ``helpers.i18n`` in
the language in use; ``what`` and ``statement`` come from the notebook, translated by its catalog.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from helpers import i18n, publish
from helpers.checks.core import spaced, unit_name
from helpers.i18n import N_, tr

__all__ = ["agree", "confirm", "CheckFailed"]

# How a keyword reads in the sentence: agree(by_hand=..., pytorch=...) -> "by hand and PyTorch".
# A name of code (PyTorch, NumPy, helpers, CrossEntropyLoss) reads the same in every language; the
# words are templates, translated when the sentence is written.
_NAMES = {"by_hand": N_("by hand"), "pytorch": "PyTorch", "torch": "PyTorch", "numpy": "NumPy",
          "scipy": "SciPy", "helpers": "helpers", "autograd": N_("autograd"),
          "finite_differences": N_("finite differences"), "formula": N_("the formula"),
          "surprisal": N_("surprisal"), "LogSoftmax_then_NLLLoss": N_("LogSoftmax then NLLLoss")}
_CODE_NAMES = {"PyTorch", "NumPy", "SciPy", "helpers"}


def _name(key: str) -> str:
    """How the value passed as ``key`` is named in the sentence."""
    name = _NAMES.get(key)
    if name is None:
        return key.replace("_", " ")
    return name if name in _CODE_NAMES else i18n.tr(name)  # marked with N_ above


class CheckFailed(AssertionError):
    """A check stated in a notebook did not hold; the message says which and by how much."""


def _as_array(value: Any) -> np.ndarray:
    if hasattr(value, "detach"):  # a torch tensor
        value = value.detach().cpu().numpy()
    return np.asarray(value, dtype=float)


def _listed(names: list[str]) -> str:
    """"a", "a and b", "a, b and c" in the language in use."""
    listed = names[0]
    for name in names[1:-1]:
        listed = tr("{names}, {name}", names=listed, name=name)
    return listed if len(names) == 1 else tr("{names} and {name}", names=listed, name=names[-1])


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
    names = [_name(key) for key in values]
    unit = unit_name(unit)
    arrays = [_as_array(v) for v in values.values()]
    first = arrays[0]
    for name, arr in zip(names[1:], arrays[1:]):
        if arr.shape != first.shape:
            raise CheckFailed(spaced(tr("✗ {first} and {other} differ in shape on {what}: {shape} vs {other_shape}",
                                        first=names[0], other=name, what=what, shape=first.shape,
                                        other_shape=arr.shape)))
    gap = max(float(np.max(np.abs(arr - first))) if arr.size else 0.0 for arr in arrays[1:])
    if not all(np.allclose(arr, first, rtol=rtol, atol=atol) for arr in arrays[1:]):
        raise CheckFailed(spaced(tr("✗ {names} do not agree on {what}: the largest difference is {gap:.3g}",
                                    names=_listed(names), what=what, gap=gap)))
    # the relative tolerance, or with rtol=0 the absolute one, in the values' unit
    if rtol > 0 or not unit:
        tolerance = tr("to within {tolerance}", tolerance=_scale(rtol if rtol > 0 else atol))
    else:
        tolerance = tr("to within {tolerance} {unit}", tolerance=_scale(atol), unit=unit)
    if show_gap:
        tolerance = tr("{tolerance}; largest difference 0", tolerance=tolerance) if gap == 0 else \
            tr("{tolerance}; largest difference below {gap}", tolerance=tolerance,
               gap=_scale(10.0 ** math.ceil(math.log10(gap))))
    listed = _listed(names)
    if first.size == 1:
        value = f"{float(first):.{digits}f}"
        sentence = tr("✓ {names} agree on {what}: {value} {unit} ({tolerance})", names=listed, what=what, value=value,
                      unit=unit, tolerance=tolerance) if unit else \
            tr("✓ {names} agree on {what}: {value} ({tolerance})", names=listed, what=what, value=value,
               tolerance=tolerance)
    elif unit:
        sentence = tr("✓ {names} agree on {what}: {count} values in {unit}, {tolerance}", names=listed, what=what,
                      count=first.size, unit=unit, tolerance=tolerance)
    else:
        sentence = tr("✓ {names} agree on {what}: {count} values, {tolerance}", names=listed, what=what,
                      count=first.size, tolerance=tolerance)
    sentence = spaced(sentence)
    if publish_as:
        publish.say(sentence, **{publish_as: first})
    else:
        print(sentence)


def confirm(holds: Any, statement: str) -> None:
    """Print "✓ <statement>" when ``holds`` is true (for an array: true everywhere), else raise ``CheckFailed``."""
    if not bool(np.all(_as_array(holds) if not isinstance(holds, bool) else holds)):
        raise CheckFailed(tr("✗ not so: {statement}", statement=statement))
    print(f"✓ {statement}")
