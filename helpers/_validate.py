"""Input checks shared by ``helpers.info`` and ``helpers.losses``.

Every check raises ``ValueError`` with a message that names the argument and the problem,
so that bad input never turns into a silent nan or a bare traceback from deep inside NumPy.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

REDUCTIONS = ("mean", "sum", "none")
SUM_TOLERANCE = 1e-6


def as_float_array(x: ArrayLike, name: str, *, allow_inf: bool = False) -> NDArray[np.float64]:
    """Return ``x`` as a non-empty float64 array without nan (and without inf unless allowed)."""
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: expected numbers, got {type(x).__name__} ({exc})") from None
    if arr.size == 0:
        raise ValueError(f"{name}: is empty; expected at least one value")
    if np.isfinite(arr).all():  # one pass in the common case; the slower checks only name the problem
        return arr
    if np.isnan(arr).any():
        raise ValueError(f"{name}: contains nan")
    if not allow_inf:
        raise ValueError(f"{name}: contains inf; expected finite values")
    return arr


def as_probabilities(x: ArrayLike, name: str) -> NDArray[np.float64]:
    """Return ``x`` as a float64 array whose entries all lie in [0, 1]."""
    arr = as_float_array(x, name)
    if (arr < 0).any() or (arr > 1).any():
        bad = arr[(arr < 0) | (arr > 1)].flat[0]
        raise ValueError(f"{name}: probabilities must lie in [0, 1], got {bad!r}")
    return arr


def as_distribution(x: ArrayLike, name: str, along: str = "its last axis") -> NDArray[np.float64]:
    """Return ``x`` as probabilities whose last axis sums to 1 (within 1e-6); ``along`` names that axis
    in the error, for a caller that moved it there."""
    arr = as_probabilities(x, name)
    sums = arr.sum(axis=-1)
    if (np.abs(sums - 1.0) > SUM_TOLERANCE).any():
        bad = np.asarray(sums)[np.abs(sums - 1.0) > SUM_TOLERANCE].flat[0]
        raise ValueError(f"{name}: a distribution must sum to 1 along {along}, got a sum of {bad:.6g}")
    return arr


def same_shape(a: NDArray[Any], b: NDArray[Any], name_a: str, name_b: str) -> None:
    """Raise unless ``a`` and ``b`` have the same shape."""
    if a.shape != b.shape:
        raise ValueError(f"{name_a} and {name_b}: shapes differ, {a.shape} vs {b.shape}")


def log_scale(base: float | None) -> float:
    """Return ln(base), the divisor that turns nats into the unit of ``base`` (None means nats)."""
    if base is None:
        return 1.0
    if isinstance(base, bool) or not isinstance(base, (int, float, np.integer, np.floating)):
        raise ValueError(f"base: expected a number or None, got {type(base).__name__}")
    if not np.isfinite(base) or base <= 0 or base == 1:
        raise ValueError(f"base: must be positive and not 1 (2 for bits, e for nats, 10 for dits), got {base!r}")
    return float(np.log(base))


def check_reduction(reduction: str) -> None:
    """Raise unless ``reduction`` is one of 'mean', 'sum', 'none'."""
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction: must be one of {REDUCTIONS}, got {reduction!r}")


def check_label_smoothing(label_smoothing: float) -> float:
    """Return ``label_smoothing`` as a float after checking that it is a number in [0, 1]."""
    if isinstance(label_smoothing, bool) or not isinstance(label_smoothing, (int, float, np.integer, np.floating)):
        raise ValueError(f"label_smoothing: expected a number in [0, 1], got {type(label_smoothing).__name__}")
    if not 0.0 <= label_smoothing <= 1.0:
        raise ValueError(f"label_smoothing: must lie in [0, 1], got {label_smoothing!r}")
    return float(label_smoothing)


def class_targets(target: ArrayLike, n_samples: int, n_classes: int, ignore_index: int) -> NDArray[np.int64]:
    """Return class-index targets as int64 after checking dtype, length and range."""
    arr = np.asarray(target)
    if arr.size == 0:
        raise ValueError(f"target: is empty; expected {n_samples} class indices")
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
        if np.issubdtype(arr.dtype, np.floating):
            raise ValueError(f"target: class indices must be integers, got dtype {arr.dtype} "
                             "(use an integer array, e.g. target.astype(int))")
        raise ValueError(f"target: class indices must be integers, got dtype {arr.dtype}")
    if arr.ndim != 1 or arr.shape[0] != n_samples:
        raise ValueError(f"target: expected {n_samples} class indices of shape ({n_samples},), got shape {arr.shape}")
    arr = arr.astype(np.int64)
    bad = ((arr < 0) | (arr >= n_classes)) & (arr != ignore_index)
    if bad.any():
        raise ValueError(f"target: class index {int(arr[bad][0])} is out of range for {n_classes} classes "
                         f"(valid: 0..{n_classes - 1}, or ignore_index={ignore_index})")
    return arr


def class_weight(weight: ArrayLike | None, n_classes: int) -> NDArray[np.float64]:
    """Return per-class weights of length ``n_classes`` (all ones when ``weight`` is None)."""
    if weight is None:
        return np.ones(n_classes)
    w = as_float_array(weight, "weight")
    if w.shape != (n_classes,):
        raise ValueError(f"weight: expected one weight per class, shape ({n_classes},), got shape {w.shape}")
    return w


def reduce(loss: NDArray[np.float64], reduction: str, denominator: float | None = None) -> NDArray[np.float64] | float:
    """Apply a reduction: 'none' keeps the array, 'sum' adds, 'mean' divides the sum by ``denominator``."""
    if reduction == "none":
        return loss
    total = float(loss.sum())
    if reduction == "sum":
        return total
    n = loss.size if denominator is None else denominator
    return total / n if n != 0 else float("nan")
