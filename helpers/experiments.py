"""Seeded experiments the lessons run: simulated shots and small gradient-descent training runs.

NumPy only, like the rest of the mathematics; the explorers and the notebooks both call these,
so a number a notebook prints and the number an explorer shows come from the same function.

- ``simulate_shots``: n seeded shots of a shooter who hits with probability p (notebook 03);
- ``toy_data``: a seeded one-feature, two-class data set (notebook 06);
- ``train_logistic``: full-batch gradient descent on a one-feature logistic regression, with
  binary cross-entropy or with mean squared error on the sigmoid output (notebook 06);
- ``training_comparison``: the two losses trained side by side from the same start.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from helpers.grads import bce_logit_grad, mse_logit_grad
from helpers.losses import binary_cross_entropy_with_logits, sigmoid

__all__ = ["simulate_shots", "toy_data", "train_logistic", "training_comparison", "LOSSES"]

LOSSES = ("bce", "mse")


def _whole_at_least(value: Any, low: int, name: str, what: str) -> int:
    """``value`` as an int if it is a whole number >= ``low``, else ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not np.isfinite(value) or int(value) != value or value < low:
        raise ValueError(f"{name}: {what} must be a whole number >= {low}, got {value!r}")
    return int(value)


def simulate_shots(p: float, n: int, seed: int, stream: int = 0) -> NDArray[np.bool_]:
    """``n`` seeded shots of a shooter who hits with probability ``p``: True is a hit.

    Shot i is a hit when u_i < p, with u_i uniform from ``np.random.default_rng([seed, stream])``.
    The same (p, seed, stream) always gives the same shots, and a larger n only appends shots:
    the first 100 of 1000 shots are the 100 shots of n = 100.
    """
    p = float(p)
    if not 0.0 <= p <= 1.0:  # also catches nan
        raise ValueError(f"p: a probability must lie in [0, 1], got {p!r}")
    n = _whole_at_least(n, 1, "n", "the number of shots")
    u = np.random.default_rng([int(seed), int(stream)]).random(n)
    return u < p


def toy_data(n: int = 40, seed: int = 1) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """A seeded one-feature data set: x ~ N(0, 1.5^2), y = 1 where x + N(0, 0.7^2) noise > 0."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n: expected an integer >= 2, got {n!r}")
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 1.5, n)
    y = (x + rng.normal(0.0, 0.7, n) > 0).astype(float)
    return x, y


def train_logistic(losses: tuple[str, ...] = LOSSES, lr: float = 0.5, w0: float = -4.0, b0: float = 0.0,
                   steps: int = 200, n: int = 40, seed: int = 1) -> dict[str, Any]:
    """Full-batch gradient descent on y_hat = sigmoid(w x + b), one model per loss in ``losses``.

    Each step: g_i = dL/ds_i (``bce``: y_hat - y; ``mse``: (y_hat - y) y_hat (1 - y_hat)),
    w <- w - lr * mean(g_i x_i), b <- b - lr * mean(g_i). Every model starts at (w0, b0).
    Returns per model (in the order of ``losses``): ``w``, ``b`` histories (steps + 1 values), the
    mean BCE in nats (``bce``), the mean 1/2 (y_hat - y)^2 (``mse``) and the accuracy at each step.
    """
    bad = [name for name in losses if name not in LOSSES]
    if not losses or bad:
        raise ValueError(f"losses: each must be one of {LOSSES}, got {list(losses)!r}")
    if not np.isfinite(lr) or lr <= 0:
        raise ValueError(f"lr: the learning rate must be positive, got {lr!r}")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ValueError(f"steps: expected an integer >= 1, got {steps!r}")
    x, y = toy_data(n, seed)
    is_mse = np.array([name == "mse" for name in losses])
    w, b = np.full(len(losses), float(w0)), np.full(len(losses), float(b0))
    ws, bs = np.empty((steps + 1, len(losses))), np.empty((steps + 1, len(losses)))
    for t in range(steps + 1):
        ws[t], bs[t] = w, b
        if t == steps:
            break
        s = w[:, None] * x + b[:, None]
        g = np.where(is_mse[:, None], mse_logit_grad(s, y), bce_logit_grad(s, y))
        w = w - lr * (g * x).mean(axis=1)
        b = b - lr * g.mean(axis=1)
    s = ws[:, :, None] * x + bs[:, :, None]  # (steps + 1, models, n)
    y_hat = sigmoid(s)
    bce = binary_cross_entropy_with_logits(s, np.broadcast_to(y, s.shape), reduction="none").mean(axis=2)
    mse = (0.5 * (y_hat - y) ** 2).mean(axis=2)
    acc = ((s > 0) == (y > 0.5)).mean(axis=2)
    return {"losses": tuple(losses), "x": x, "y": y, "steps": np.arange(steps + 1),
            "w": ws, "b": bs, "bce": bce, "mse": mse, "accuracy": acc}


def training_comparison(lr: float = 0.5, w0: float = -4.0, steps: int = 200) -> dict[str, Any]:
    """Train with BCE and with MSE from the same start; add when each first gets below 1 nat."""
    run = train_logistic(LOSSES, lr=lr, w0=w0, steps=steps)
    below = run["bce"] < 1.0
    run["first_below_1_nat"] = [int(np.argmax(below[:, k])) if below[:, k].any() else None
                                for k in range(len(LOSSES))]
    run["lr"], run["w0"] = float(lr), float(w0)
    return run
