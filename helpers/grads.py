"""Analytic gradients of the losses with respect to the logits, in NumPy.

Per sample, in nats: binary cross-entropy on y_hat = sigmoid(s) gives dL/ds = y_hat - y;
cross-entropy on softmax(z) gives dL/dz = softmax(z) - onehot(y) (with label smoothing eps over C
classes, dL/dz = softmax(z) - p for the target p = (1 - eps) onehot(y) + eps / C); the squared error
L = 1/2 (y_hat - y)^2 on a sigmoid gives (y_hat - y) y_hat (1 - y_hat), which vanishes when y_hat
saturates. ``torch.autograd`` is the reference the tests hold these against.
"""
from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers._validate import as_float_array, as_probabilities
from helpers.losses import sigmoid, softmax

__all__ = ["bce_logit_grad", "mse_logit_grad", "softmax_ce_grad"]


def bce_logit_grad(s: ArrayLike, y: ArrayLike) -> NDArray[np.float64]:
    """Gradient of binary cross-entropy on y_hat = sigmoid(s) with respect to the logit s.

    dL/ds = y_hat - y, from L = -[y log y_hat + (1 - y) log(1 - y_hat)] (per sample, in nats).
    """
    s, y = as_float_array(s, "s"), as_probabilities(y, "y")
    return sigmoid(s) - y


def mse_logit_grad(s: ArrayLike, y: ArrayLike) -> NDArray[np.float64]:
    """Gradient of L = 1/2 (y_hat - y)^2 with y_hat = sigmoid(s), with respect to s.

    dL/ds = (y_hat - y) y_hat (1 - y_hat): the sigmoid's slope y_hat (1 - y_hat) multiplies the error,
    so the gradient vanishes when y_hat saturates, even at the wrong end.
    """
    s, y = as_float_array(s, "s"), as_probabilities(y, "y")
    y_hat = sigmoid(s)
    return (y_hat - y) * y_hat * (1.0 - y_hat)


def softmax_ce_grad(z: ArrayLike, y: ArrayLike, label_smoothing: float = 0.0) -> NDArray[np.float64]:
    """Gradient of cross-entropy on softmax(z) against class index y, with respect to the logits z.

    dL/dz_j = softmax(z)_j - p_j, from L = -sum_k p_k log softmax(z)_k = -sum_k p_k z_k + log sum_k e^(z_k)
    (the target p sums to 1; per sample, in nats). Without smoothing p = onehot(y), so
    dL/dz_j = softmax(z)_j - [j == y]. With ``label_smoothing`` eps in [0, 1] the target is PyTorch's
    p = (1 - eps) onehot(y) + eps / C: the true class gets 1 - eps + eps / C, every other class eps / C.
    ``z`` is one sample (C,) with an integer ``y``, or a batch (N, C) with N integer labels; the
    result has the shape of ``z`` (per-sample gradients, not divided by N).
    """
    z = as_float_array(z, "z")
    if z.ndim not in (1, 2):
        raise ValueError(f"z: expected shape (C,) or (N, C), got shape {z.shape}")
    labels = np.asarray(y)
    if labels.dtype == bool or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"y: class indices must be integers, got dtype {labels.dtype}")
    if labels.shape != z.shape[:-1]:
        raise ValueError(f"y: expected shape {z.shape[:-1]} (one label per sample), got shape {labels.shape}")
    c = z.shape[-1]
    if ((labels < 0) | (labels >= c)).any():
        raise ValueError(f"y: class indices must lie in 0..{c - 1}, got {labels.ravel().tolist()}")
    if isinstance(label_smoothing, bool) or not isinstance(label_smoothing, (int, float, np.integer, np.floating)) \
            or not 0.0 <= label_smoothing <= 1.0:  # also catches nan
        raise ValueError(f"label_smoothing: expected a number in [0, 1], got {label_smoothing!r}")
    eps = float(label_smoothing)
    target = (1.0 - eps) * np.eye(c)[labels] + eps / c
    return np.asarray(softmax(z, axis=-1) - target)
