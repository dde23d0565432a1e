"""How good a classifier's predictions are, beyond the loss: counts of right and wrong, and calibration.

NumPy only, like the rest of the mathematics (notebook 07). Notation: N samples, C classes, true
labels y_i, predicted probabilities q_i (a row of C numbers that sums to 1), the predicted class
argmax_c q_ic and its probability, the *confidence* max_c q_ic.

- ``confusion_matrix``: M[i, j] = number of samples of true class i predicted as class j;
- ``per_class_recall``: recall_c = M[c, c] / sum_j M[c, j], the share of class c that is found;
- ``reliability_bins``: confidence and accuracy in equal-width confidence bins (a reliability diagram);
- ``expected_calibration_error``: ECE = sum_b (n_b / N) |accuracy_b - confidence_b|;
- ``wilson_interval``: a 95% interval for a fraction k / n (Wilson's score interval), honest for small n;
- ``accuracy_intervals``: the Wilson interval of each bin's accuracy (how much a bin of a few samples says);
- ``bootstrap_ece``: the ECE of seeded resamples of the samples (how much the ECE itself varies).
"""
from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers._validate import as_distribution

__all__ = ["confusion_matrix", "per_class_recall", "reliability_bins", "expected_calibration_error",
           "wilson_interval", "accuracy_intervals", "bootstrap_ece", "Z_95"]

Z_95 = 1.959963984540054  # the standard normal quantile of 0.975: a two-sided 95% interval


def _class_indices(values: ArrayLike, name: str, n_classes: int) -> NDArray[np.int64]:
    """``values`` as a 1-D array of class indices in 0..n_classes-1, else ValueError naming ``name``."""
    arr = np.asarray(values)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
        raise ValueError(f"{name}: class indices must be integers, got dtype {arr.dtype}")
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name}: expected a non-empty 1-D array of class indices, got shape {arr.shape}")
    if arr.min() < 0 or arr.max() >= n_classes:
        raise ValueError(f"{name}: class indices must lie in 0..{n_classes - 1}, "
                         f"got {int(arr.min())}..{int(arr.max())}")
    return arr.astype(np.int64)


def _n_classes(n_classes: Any) -> int:
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ValueError(f"n_classes: expected a whole number >= 1, got {n_classes!r}")
    return int(n_classes)


def confusion_matrix(y_true: ArrayLike, y_pred: ArrayLike, n_classes: int) -> NDArray[np.int64]:
    """Counts M (C, C) with M[i, j] = #{k : y_true_k = i and y_pred_k = j}.

    Rows are the true classes, columns the predicted ones: the diagonal holds the right answers,
    row i off the diagonal the samples of class i that were missed, and where they went.
    """
    c = _n_classes(n_classes)
    t = _class_indices(y_true, "y_true", c)
    p = _class_indices(y_pred, "y_pred", c)
    if t.shape != p.shape:
        raise ValueError(f"y_true and y_pred: shapes differ, {t.shape} vs {p.shape}")
    return np.bincount(t * c + p, minlength=c * c).reshape(c, c)


def per_class_recall(y_true: ArrayLike, y_pred: ArrayLike, n_classes: int) -> NDArray[np.float64]:
    """recall_c = M[c, c] / sum_j M[c, j]: the fraction of the samples of class c predicted as c.

    nan for a class with no sample in ``y_true`` (its recall is undefined).
    """
    m = confusion_matrix(y_true, y_pred, n_classes)
    support = m.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(support > 0, np.diag(m) / np.maximum(support, 1), np.nan)


def _confidence_and_correct(probs: ArrayLike, y_true: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """confidence_i = max_c q_ic and correct_i = [argmax_c q_ic = y_i], from probabilities (N, C)."""
    q = as_distribution(probs, "probs")
    if q.ndim != 2:
        raise ValueError(f"probs: expected shape (N, C), one row of probabilities per sample, got shape {q.shape}")
    y = _class_indices(y_true, "y_true", q.shape[1])
    if y.shape[0] != q.shape[0]:
        raise ValueError(f"y_true: expected {q.shape[0]} labels, one per row of probs, got {y.shape[0]}")
    return q.max(axis=1), q.argmax(axis=1) == y


def _bins(n_bins: Any) -> int:
    if isinstance(n_bins, bool) or not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
        raise ValueError(f"n_bins: expected a whole number >= 1, got {n_bins!r}")
    return int(n_bins)


def reliability_bins(probs: ArrayLike, y_true: ArrayLike, n_bins: int = 10) -> dict[str, NDArray[Any]]:
    """The numbers behind a reliability diagram, over ``n_bins`` equal-width confidence bins.

    Bin b holds the samples whose confidence lies in (b / B, (b + 1) / B] (the first bin also
    takes 0). Per bin: ``count`` n_b, ``right`` (how many of them are predicted right),
    ``confidence`` (the mean confidence) and ``accuracy`` (the fraction predicted right), the last two
    nan for an empty bin; ``edges`` are the B + 1 bin edges.
    A calibrated model has accuracy = confidence in every bin.
    """
    b = _bins(n_bins)
    conf, correct = _confidence_and_correct(probs, y_true)
    edges = np.linspace(0.0, 1.0, b + 1)
    which = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, b - 1)
    count = np.bincount(which, minlength=b)
    with np.errstate(invalid="ignore", divide="ignore"):
        confidence = np.bincount(which, weights=conf, minlength=b) / count
        right = np.bincount(which, weights=correct.astype(float), minlength=b)
        accuracy = right / count
    return {"edges": edges, "count": count, "right": right.astype(np.int64), "confidence": confidence,
            "accuracy": accuracy}


def expected_calibration_error(probs: ArrayLike, y_true: ArrayLike, n_bins: int = 10) -> float:
    """ECE = sum_b (n_b / N) |accuracy_b - confidence_b| over ``n_bins`` equal-width confidence bins.

    The average gap between how sure the model is and how often it is right, weighted by how many
    samples fall in each bin (Guo et al., 2017). 0 for a calibrated model; in [0, 1].
    """
    bins = reliability_bins(probs, y_true, n_bins)
    full = bins["count"] > 0
    gaps = np.abs(bins["accuracy"][full] - bins["confidence"][full])
    return float((bins["count"][full] / bins["count"].sum()) @ gaps)


def wilson_interval(successes: ArrayLike, n: ArrayLike, z: float = Z_95) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Wilson's score interval (low, high) for a fraction k / n, element-wise; nan where n = 0.

    With p = k / n: centre (p + z^2 / 2n) / (1 + z^2 / n), half-width
    z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / 4n^2). Unlike p +- z sqrt(p (1 - p) / n) it stays
    inside [0, 1] and is not of width 0 at k = 0 or k = n: 3 right answers out of 3 give (0.44, 1),
    that is, three samples say little. ``z`` = 1.96 (``Z_95``) gives a 95% interval.
    """
    k, m = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    if k.shape != m.shape:
        raise ValueError(f"successes and n: shapes differ, {k.shape} vs {m.shape}")
    if not (np.isfinite(m).all() and (m >= 0).all() and (m == np.round(m)).all()):
        raise ValueError("n: expected whole numbers >= 0")
    if not (np.isfinite(k).all() and (k >= 0).all() and (k <= m).all()):
        raise ValueError("successes: expected numbers in 0..n")
    if isinstance(z, bool) or not isinstance(z, (int, float, np.integer, np.floating)) or not z > 0:
        raise ValueError(f"z: expected a positive number, got {z!r}")
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / m
        denominator = 1 + z**2 / m
        centre = (p + z**2 / (2 * m)) / denominator
        half = z / denominator * np.sqrt(p * (1 - p) / m + z**2 / (4 * m**2))
    low = np.where(k == 0, 0.0, np.clip(centre - half, 0.0, 1.0))   # exact at the ends, where rounding
    high = np.where(k == m, 1.0, np.clip(centre + half, 0.0, 1.0))  # could leave them a hair inside
    empty = m == 0
    return np.where(empty, np.nan, low), np.where(empty, np.nan, high)


def accuracy_intervals(probs: ArrayLike, y_true: ArrayLike, n_bins: int = 10,
                       z: float = Z_95) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The Wilson interval (``wilson_interval``) of each bin's accuracy, bins as in ``reliability_bins``.

    Returns (low, high), one value per bin, nan for an empty bin.
    """
    bins = reliability_bins(probs, y_true, n_bins)
    return wilson_interval(bins["right"], bins["count"], z)


def bootstrap_ece(probs: ArrayLike, y_true: ArrayLike, n_bins: int = 10, n_resamples: int = 1000,
                  seed: int = 0) -> NDArray[np.float64]:
    """The ECE of ``n_resamples`` bootstrap resamples of the N samples (drawn with replacement).

    Resample r takes the rows ``np.random.default_rng(seed).integers(0, N, size=(n_resamples, N))[r]``.
    The spread of the results shows how much the ECE of N samples varies from one set of N to another.
    """
    q = as_distribution(probs, "probs")
    _confidence_and_correct(q, y_true)  # validates both
    y = np.asarray(y_true)
    if isinstance(n_resamples, bool) or not isinstance(n_resamples, (int, np.integer)) or n_resamples < 1:
        raise ValueError(f"n_resamples: expected a whole number >= 1, got {n_resamples!r}")
    r = int(n_resamples)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed: expected a whole number >= 0, got {seed!r}")
    rows = np.random.default_rng(seed).integers(0, len(y), size=(r, len(y)))
    return np.array([expected_calibration_error(q[i], y[i], n_bins) for i in rows])
