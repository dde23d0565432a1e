"""NumPy mirrors of ``torch.nn.functional``'s activations and losses.

Same names, arguments, defaults and results as PyTorch (float64 agreement to 1e-9 relative),
written so that every step can be read. All functions are stable for logits up to +-1e4:
no overflow, no invalid-value warnings. Results are float64; scalars come back as float.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers._validate import (
    as_distribution,
    as_float_array,
    as_probabilities,
    check_label_smoothing,
    check_reduction,
    class_targets,
    class_weight,
    reduce,
    same_shape,
)

__all__ = ["sigmoid", "softmax", "log_softmax", "logsumexp", "nll_loss", "cross_entropy",
           "binary_cross_entropy", "binary_cross_entropy_with_logits",
           "constant_prediction_loss", "counts"]

Loss = float | NDArray[np.float64]
LOG_CLAMP = -100.0  # PyTorch's BCELoss clamps log(y_hat) and log(1 - y_hat) at -100


def sigmoid(s: ArrayLike) -> NDArray[np.float64]:
    """Logistic sigmoid g(s) = 1 / (1 + e^(-s)), computed as e^(-|s|) ratios so nothing overflows."""
    s = as_float_array(s, "s")
    e = np.exp(-np.abs(s))
    return np.where(s >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _axis(axis: int, ndim: int) -> int:
    """``axis`` checked against an input of ``ndim`` dimensions; a 0-d input has one axis, 0 = -1 (as in PyTorch)."""
    size = max(ndim, 1)
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)) or not -size <= axis < size:
        raise ValueError(f"axis: must be a whole number from {-size} to {size - 1} for an input of "
                         f"{ndim} dimensions, got {axis!r}")
    return int(axis)


def logsumexp(z: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    """log sum_j e^(z_j) along ``axis``, computed as m + log sum_j e^(z_j - m) with m = max_j z_j.

    ``z`` of any shape; the result drops ``axis``. A 0-d ``z`` (axis 0 or -1) is one value along its one
    axis: the result is z itself, as a float, like ``torch.logsumexp(z, dim=0)``.
    """
    z = as_float_array(z, "z")
    return _logsumexp(z, _axis(axis, z.ndim))


def _logsumexp(z: NDArray[np.float64], axis: int) -> NDArray[np.float64]:
    """logsumexp along ``axis`` with the max shift, for validated input (a 0-d z counts as shape (1,))."""
    if z.ndim == 0:
        z, axis = z.reshape(1), 0
    m = z.max(axis=axis, keepdims=True)
    shifted = np.subtract(z, m)
    np.exp(shifted, out=shifted)
    lse: NDArray[np.float64] = np.log(shifted.sum(axis=axis)) + np.squeeze(m, axis=axis)
    return lse


def _logsumexp_rows(z: NDArray[np.float64]) -> NDArray[np.float64]:
    """logsumexp of each row of a 2-D array, m_i + log sum_j e^(z_ij - m_i), fast.

    Any shift m_i gives the same value; it only has to keep every e^(z_ij - m_i) representable.
    The row max is the textbook shift, but NumPy is slow at maxima along a short last axis. When all
    logits are moderate (|z| <= 1e8) and lie within 600 of each other, the row mean is used instead:
    a BLAS matrix-vector product. Then z_ij - m_i lies in [-600, 600], and the row's largest term is
    at least e^0 = 1, so nothing overflows and the sum never underflows to 0. Otherwise: the row max.
    """
    lo, hi = z.min(), z.max()
    ones = np.ones(z.shape[1])
    if abs(lo) <= 1e8 and hi - lo <= 600.0:
        m = z @ (ones / z.shape[1])
    else:
        m = z.max(axis=1)
    e = np.subtract(z, m[:, None])
    np.exp(e, out=e)
    lse: NDArray[np.float64] = np.log(e @ ones) + m
    return lse


def softmax(z: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    """softmax(z)_i = e^(z_i) / sum_j e^(z_j) along ``axis``, with the max subtracted first.

    ``z`` of any shape, the result of the same shape; a 0-d ``z`` (axis 0 or -1) gives the float 1.0.
    """
    z = as_float_array(z, "z")
    axis = _axis(axis, z.ndim)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    probabilities: NDArray[np.float64] = e / e.sum(axis=axis, keepdims=True)
    return probabilities


def log_softmax(z: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    """log softmax(z)_i = z_i - logsumexp(z), never log of a rounded-to-zero probability.

    ``z`` of any shape, the result of the same shape; a 0-d ``z`` (axis 0 or -1) gives the float 0.0.
    """
    z = as_float_array(z, "z")
    axis = _axis(axis, z.ndim)
    lse = _logsumexp(z, axis)
    return z - (np.expand_dims(lse, axis) if z.ndim else lse)


_FORMS = "(C,) with a 0-d target, (N, C) with (N,), or (N, C, d1, ..., dK) with (N, d1, ..., dK)"


def _classes_last(x: NDArray[np.float64], name: str) -> tuple[NDArray[np.float64], tuple[int, ...]]:
    """``x`` as rows of C scores, (M, C), and the shape of one loss per row, as PyTorch lays them out.

    (C,) -> (1, C) and shape (); (N, C) -> itself and (N,); (N, C, d1, ..., dK), whose class axis is
    axis 1 -> (N d1 ... dK, C) and (N, d1, ..., dK).
    """
    if x.ndim == 0:
        raise ValueError(f"{name}: expected shape (C,), (N, C) or (N, C, d1, ..., dK), got a 0-d value")
    if x.ndim == 1:
        return x[None, :], ()
    if x.ndim == 2:
        return x, (x.shape[0],)
    return np.moveaxis(x, 1, -1).reshape(-1, x.shape[1]), (x.shape[0], *x.shape[2:])


def _class_indices(target: ArrayLike, shape: tuple[int, ...], n_classes: int, ignore_index: int,
                   x_shape: tuple[int, ...], name: str, also: str = "") -> NDArray[np.int64]:
    """Class indices in the losses' ``shape``, flattened to (M,), for ``name`` of shape ``x_shape``."""
    y = np.asarray(target)
    n = int(np.prod(shape))
    if y.size and y.shape != shape:
        wanted = "a single class index (a 0-d target)" if shape == () else f"{n} class indices of shape {shape}"
        raise ValueError(f"target: for {name} of shape {x_shape}, expected {wanted}{also}; got shape {y.shape} "
                         f"(supported: {name} {_FORMS})")
    return class_targets(y.reshape(-1), n, n_classes, ignore_index)


def _reduce_samples(loss: NDArray[np.float64], shape: tuple[int, ...], reduction: str,
                    denominator: float) -> Loss:
    """``reduce`` over one loss per sample (a row of ``_classes_last``); 'none' gives them in ``shape``, a float if 0-d."""
    if reduction == "none":
        return float(loss[0]) if shape == () else loss.reshape(shape)
    return reduce(loss, reduction, denominator)


def nll_loss(log_probs: ArrayLike, target: ArrayLike, weight: ArrayLike | None = None,
             ignore_index: int = -100, reduction: str = "mean") -> Loss:
    """Negative log-likelihood: l_i = -w[y_i] * log_probs[i, y_i]; samples with y_i = ignore_index give 0.

    Shapes as in PyTorch, the class axis being axis 1 of a batch: ``log_probs`` (C,) with a 0-d
    ``target`` (one sample), (N, C) with (N,), or (N, C, d1, ..., dK) with (N, d1, ..., dK) (one
    sample per position). 'mean' divides the sum by sum_i w[y_i] over the samples not ignored (nan if
    every sample is ignored, as in PyTorch); 'sum' adds; 'none' returns one loss per sample, in the
    target's shape (a float for one sample).
    """
    check_reduction(reduction)
    x = as_float_array(log_probs, "log_probs")
    lp, shape = _classes_last(x, "log_probs")
    m, c = lp.shape
    y = _class_indices(target, shape, c, ignore_index, x.shape, "log_probs")
    w = class_weight(weight, c)
    keep = y != ignore_index
    safe_y = np.where(keep, y, 0)
    w_i = np.where(keep, w[safe_y], 0.0)
    loss = -w_i * lp[np.arange(m), safe_y]
    return _reduce_samples(loss, shape, reduction, w_i.sum())


def cross_entropy(logits: ArrayLike, target: ArrayLike, weight: ArrayLike | None = None,
                  ignore_index: int = -100, reduction: str = "mean",
                  label_smoothing: float = 0.0) -> Loss:
    """Cross-entropy of softmax(logits) against class indices or class probabilities.

    Class indices: l_i = (1 - eps) * w[y_i] * (lse_i - z_i[y_i]) + (eps / C) * sum_c w_c (lse_i - z_ic),
    with lse_i = logsumexp(z_i); 'mean' divides by sum_i w[y_i] as ``nll_loss`` does.
    Probabilities t: l_i = -sum_c w_c t'_ic log softmax(z_i)_c with t' = (1 - eps) t + eps / C;
    'mean' divides by the number of samples. log_softmax is never formed in full, to keep memory at
    one copy of z.

    Shapes as in PyTorch, the class axis being axis 1 of a batch: ``logits`` (C,) with a 0-d class
    index (one sample), (N, C) with (N,), or (N, C, d1, ..., dK) with (N, d1, ..., dK) (one sample
    per position); class probabilities (floats) have the logits' shape and sum to 1 along the class
    axis. 'none' returns one loss per sample, in that shape without the class axis (a float for one sample).
    """
    check_reduction(reduction)
    label_smoothing = check_label_smoothing(label_smoothing)
    x = as_float_array(logits, "logits")
    z, shape = _classes_last(x, "logits")
    m, c = z.shape
    w = class_weight(weight, c)
    lse = _logsumexp_rows(z)
    t = np.asarray(target)
    if t.ndim == x.ndim and np.issubdtype(t.dtype, np.floating):
        if ignore_index != -100:
            raise ValueError(f"ignore_index: applies to class-index targets only, got {ignore_index} "
                             "with class-probability targets (as in PyTorch)")
        same_shape(x, t, "logits", "target")
        loss = _cross_entropy_probs(z, lse, _classes_last(t, "target")[0], w, label_smoothing)
        return _reduce_samples(loss, shape, reduction, m)
    y = _class_indices(t, shape, c, ignore_index, x.shape, "logits", " or class probabilities of that shape")
    keep = y != ignore_index
    safe_y = np.where(keep, y, 0)
    w_i = np.where(keep, w[safe_y], 0.0)
    nll = w_i * (lse - z[np.arange(m), safe_y])
    loss = (1.0 - label_smoothing) * nll
    if label_smoothing > 0:
        smooth = np.where(keep, w.sum() * lse - z @ w, 0.0)
        loss = loss + (label_smoothing / c) * smooth
    return _reduce_samples(loss, shape, reduction, w_i.sum())


def _cross_entropy_probs(z: NDArray[np.float64], lse: NDArray[np.float64], target: NDArray[np.float64],
                         w: NDArray[np.float64], label_smoothing: float) -> NDArray[np.float64]:
    """One loss per row for (M, C) logits and class probabilities of the same shape."""
    t = as_distribution(target, "target", along="the class axis")
    if label_smoothing > 0:
        t = (1.0 - label_smoothing) * t + label_smoothing / z.shape[1]
    wt = t * w
    loss: NDArray[np.float64] = (t @ w) * lse - np.einsum("ic,ic->i", wt, z)
    return loss


def _elementwise_weight(weight: ArrayLike | None, shape: tuple[int, ...], name: str) -> NDArray[np.float64]:
    if weight is None:
        return np.ones(())
    w = as_float_array(weight, name)
    try:
        np.broadcast_shapes(w.shape, shape)
    except ValueError:
        raise ValueError(f"{name}: shape {w.shape} does not broadcast to the input's shape {shape}") from None
    return w


def binary_cross_entropy(y_hat: ArrayLike, y: ArrayLike, weight: ArrayLike | None = None,
                         reduction: str = "mean") -> Loss:
    """Binary cross-entropy on probabilities, element-wise:
    l = -w [y log y_hat + (1 - y) log(1 - y_hat)], each log clamped at -100 as in PyTorch.
    """
    check_reduction(reduction)
    y_hat, y = as_probabilities(y_hat, "y_hat"), as_probabilities(y, "y")
    same_shape(y_hat, y, "y_hat", "y")
    w = _elementwise_weight(weight, y_hat.shape, "weight")
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(y_hat), LOG_CLAMP)
        log_1mp = np.maximum(np.log1p(-y_hat), LOG_CLAMP)
    loss = -w * (y * log_p + (1.0 - y) * log_1mp)
    return reduce(loss, reduction)


def binary_cross_entropy_with_logits(s: ArrayLike, y: ArrayLike, weight: ArrayLike | None = None,
                                     pos_weight: ArrayLike | None = None, reduction: str = "mean") -> Loss:
    """Binary cross-entropy on logits, in the stable form
    l = w [(1 - y) s + (1 + (pw - 1) y) (log(1 + e^(-|s|)) + max(-s, 0))],
    which for pw = 1 is max(s, 0) - s y + log(1 + e^(-|s|)).
    """
    check_reduction(reduction)
    s, y = as_float_array(s, "s"), as_probabilities(y, "y")
    same_shape(s, y, "s", "y")
    w = _elementwise_weight(weight, s.shape, "weight")
    pw = _elementwise_weight(pos_weight, s.shape, "pos_weight")
    softplus_neg = np.log1p(np.exp(-np.abs(s))) + np.maximum(-s, 0.0)  # log(1 + e^(-s))
    loss = w * ((1.0 - y) * s + (1.0 + (pw - 1.0) * y) * softplus_neg)
    return reduce(loss, reduction)


def _whole(value: Any, name: str) -> int:
    """``value`` as an int if it is a whole number (an int, or a float such as 3.0), else ValueError."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not np.isfinite(value) or int(value) != value:
        raise ValueError(f"{name}: must be a whole number, got {value!r}")
    return int(value)


def counts(k: int, n: int) -> tuple[int, int]:
    """``(k, n)`` checked as k positives among n >= 1 samples (whole numbers, 0 <= k <= n)."""
    k, n = _whole(k, "k"), _whole(n, "n")
    if n < 1:
        raise ValueError(f"n: must be at least 1, got {n}")
    if not 0 <= k <= n:
        raise ValueError(f"k: must lie between 0 and n = {n}, got {k}")
    return k, n


def constant_prediction_loss(y_hat: ArrayLike, k: int, n: int) -> Loss:
    """Total binary cross-entropy of predicting the constant ``y_hat`` for n samples, k of them positive.

    L(y_hat) = -[k log y_hat + (n - k) log(1 - y_hat)]  (nats), with 0 log 0 = 0.
    Its minimum over y_hat is at y_hat = k / n, where L / n is the binary entropy of k / n.
    """
    k, n = counts(k, n)
    q = np.asarray(y_hat, dtype=float)
    if not ((q >= 0) & (q <= 1)).all():  # also catches nan
        raise ValueError("y_hat: must lie in [0, 1]")
    with np.errstate(divide="ignore", invalid="ignore"):
        loss = -(np.where(k > 0, k * np.log(q), 0.0) + np.where(n - k > 0, (n - k) * np.log1p(-q), 0.0))
    return float(loss) if loss.ndim == 0 else loss
