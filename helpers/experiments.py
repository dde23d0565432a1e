"""Seeded experiments the lessons run: simulated shots and small gradient-descent training runs.

NumPy only, like the rest of the mathematics; the explorers and the notebooks both call these,
so a number a notebook prints and the number an explorer shows come from the same function.

- ``simulate_shots``: n seeded shots of a shooter who hits with probability p (notebook 03),
  drawn with ``shot_uniforms``, a counter-based hash (``lowbias32``) that the browser
  computes bit for bit, so notebook 03's live explorer shows the very shots printed here;
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
from helpers.losses import _logsumexp_rows, binary_cross_entropy_with_logits, sigmoid

__all__ = ["simulate_shots", "shot_uniforms", "lowbias32", "toy_data", "train_logistic", "training_comparison",
           "LOSSES"]

LOSSES = ("bce", "mse")


def _whole_at_least(value: Any, low: int, name: str, what: str) -> int:
    """``value`` as an int if it is a whole number >= ``low``, else ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not np.isfinite(value) or int(value) != value or value < low:
        raise ValueError(f"{name}: {what} must be a whole number >= {low}, got {value!r}")
    return int(value)


_U32 = np.uint32
_GOLDEN = _U32(0x9E3779B9)  # 2^32 / golden ratio, odd: the key's offset and the counter's stride
_TWO_32 = 2.0**32
_SEED_LIMIT = 2**32  # seeds and streams are unsigned 32-bit integers


def lowbias32(x: Any) -> NDArray[np.uint32]:
    """Chris Wellons' "lowbias32" integer hash, element-wise on unsigned 32-bit integers.

    x ^= x >> 16; x *= 0x7feb352d; x ^= x >> 15; x *= 0x846ca68b; x ^= x >> 16, every product
    wrapping modulo 2^32. A bijection of [0, 2^32) in which each input bit flips each output bit
    with probability close to 1/2 (and 0 maps to 0). JavaScript computes the same bits with
    ``Math.imul`` and ``>>> 0`` (``helpers/explorers/web/shot_simulation.js``). Returns a 1-D
    uint32 array.
    """
    x = np.array(x, dtype=_U32, ndmin=1)  # a copy; arrays wrap silently where NumPy scalars would warn
    x ^= x >> _U32(16)
    x *= _U32(0x7FEB352D)
    x ^= x >> _U32(15)
    x *= _U32(0x846CA68B)
    x ^= x >> _U32(16)
    return np.asarray(x, dtype=_U32)


def _unsigned_32(value: Any, name: str) -> int:
    value = _whole_at_least(value, 0, name, "a seed or stream")
    if value >= _SEED_LIMIT:
        raise ValueError(f"{name}: a seed or stream must be below 2**32, got {value!r}")
    return int(value)


def shot_uniforms(n: int, seed: int, stream: int = 0) -> NDArray[np.float64]:
    """The ``n`` uniform numbers u_0 .. u_(n-1) in [0, 1) behind ``simulate_shots``.

    A counter-based generator with h = ``lowbias32`` and G = 0x9E3779B9, all arithmetic on
    unsigned 32-bit integers (modulo 2^32):

        key = h(h(seed XOR G) + stream),    u_i = h(key + i * G) / 2^32.

    Each u_i depends only on (seed, stream, i): a larger n only appends numbers, and the browser
    computes the same bits (every u_i is a multiple of 2^-32, exact as a float). The XOR keeps
    seed 0 off h's fixed point h(0) = 0; the stride G spreads successive counters over all 32 bits
    (hashing consecutive integers k, k + 1, ... gives counts that are too even: less spread than
    binomial).
    """
    n = _whole_at_least(n, 1, "n", "the number of shots")
    seed, stream = _unsigned_32(seed, "seed"), _unsigned_32(stream, "stream")
    key = lowbias32(lowbias32(_U32(seed) ^ _GOLDEN) + _U32(stream))
    return lowbias32(key + np.arange(n, dtype=_U32) * _GOLDEN) / _TWO_32


def simulate_shots(p: float, n: int, seed: int, stream: int = 0) -> NDArray[np.bool_]:
    """``n`` seeded shots of a shooter who hits with probability ``p``: True is a hit.

    Shot i is a hit when u_i < p, with u_i = ``shot_uniforms(n, seed, stream)[i]``, a counter-based
    hash of (seed, stream, i) (see there). Properties the lessons rely on:

    - the same (p, seed, stream) always gives the same shots, on every machine and in the browser:
      notebook 03's live explorer draws the very same shots in JavaScript;
    - a larger n only appends shots: the first 100 of 1000 shots are the 100 shots of n = 100;
    - streams are independent enough that two shooters (streams 0 and 1 of one seed) do not move
      together: for the seeds 0 to 20 that notebook 03 and its explorer use, no two of the 42
      (seed, stream) pairs hash a common counter within their first 2 million shots.

    ``seed`` and ``stream`` are whole numbers in [0, 2^32).
    """
    p = float(p)
    if not 0.0 <= p <= 1.0:  # also catches nan
        raise ValueError(f"p: a probability must lie in [0, 1], got {p!r}")
    return shot_uniforms(n, seed, stream) < p


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
    bce = np.asarray(binary_cross_entropy_with_logits(s, np.broadcast_to(y, s.shape), reduction="none")).mean(axis=2)
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


# --- notebook 07: softmax regression trained by full-batch gradient descent ---------------------
__all__ += ["train_softmax_regression", "softmax_regression_grid"]


def _labels(y: Any, n: int, c: int, name: str) -> NDArray[np.int64]:
    """``y`` as n class indices in 0..c-1, else ValueError naming ``name``."""
    arr = np.asarray(y)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
        raise ValueError(f"{name}: class indices must be integers, got dtype {arr.dtype}")
    if arr.shape != (n,):
        raise ValueError(f"{name}: expected {n} class indices of shape ({n},), got shape {arr.shape}")
    if n and (arr.min() < 0 or arr.max() >= c):
        raise ValueError(f"{name}: class indices must lie in 0..{c - 1}, got {int(arr.min())}..{int(arr.max())}")
    return arr.astype(np.int64)


def _features(x: Any, name: str, d: int | None = None) -> NDArray[np.float64]:
    """``x`` as a finite float array of shape (N, D) with N >= 1 (and D = ``d`` if given)."""
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: expected an array of numbers of shape (N, D)") from None
    if arr.ndim != 2 or arr.shape[0] < 1 or (d is not None and arr.shape[1] != d):
        want = "(N, D)" if d is None else f"(N, {d})"
        raise ValueError(f"{name}: expected shape {want} with N >= 1, got shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name}: contains nan or inf")
    return arr


def _positive_numbers(values: Any, name: str, what: str, low: float = 0.0, closed: bool = False,
                      high: float = np.inf) -> NDArray[np.float64]:
    """``values`` as a 1-D float array inside (low, high] (or [low, high] when ``closed``)."""
    arr = np.atleast_1d(np.asarray(values, dtype=object))
    if arr.ndim != 1 or arr.size == 0 or any(isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating))
                                              for v in arr):
        raise ValueError(f"{name}: {what} must be a number or a list of numbers, got {values!r}")
    arr = arr.astype(np.float64)
    inside = (arr >= low if closed else arr > low) & (arr <= high)
    if not inside.all():  # also catches nan
        raise ValueError(f"{name}: {what} must lie in {'[' if closed else '('}{low:g}, {high:g}], got {values!r}")
    return arr


def _softmax_rows_in_place(z: NDArray[np.float64]) -> NDArray[np.float64]:
    """softmax along the rows of ``z`` (M, C), computed in ``z`` itself (fast for the many short rows
    of a training step, where every temporary the size of ``z`` costs as much as the arithmetic).

    Any shift per row gives the same softmax; it only has to keep e^(z - shift) finite and each row's
    sum above 0. When every logit lies within 600 of every other, the largest logit of the whole array
    does (a single fast reduction); otherwise each row's own maximum. Row sums are a matrix product.
    """
    top, bottom = z.max(), z.min()
    z -= top if top - bottom <= 600.0 else z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= (z @ np.ones(z.shape[1]))[:, None]
    return z


def _descend(x: NDArray[np.float64], y: NDArray[np.int64], lr: NDArray[np.float64], eps: NDArray[np.float64],
             steps: int, weight: NDArray[np.float64], w0: NDArray[np.float64], b0: NDArray[np.float64],
             keep_every: int) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
    """Full-batch gradient descent for R runs at once; run r uses ``lr[r]`` and smoothing ``eps[r]``.

    The weights of all runs sit side by side, W of shape (D, R, C), so one matrix product
    X (N, D) @ W (D, R*C) gives every run's logits. Per sample i, with a_i = weight[y_i] and
    q = softmax(z_i), the gradient of PyTorch's loss (``_objective``) with respect to z_i is
    [(1 - eps) a_i + (eps / C) sum_c weight_c] q - (1 - eps) a_i onehot(y_i) - (eps / C) weight,
    divided by sum_i a_i. With equal class weights that is (q - (1 - eps) onehot(y_i) - eps / C) / N,
    and the 1/N goes into the step size, lr / N, which saves a pass over G.
    Returns the steps kept (0, keep_every, ..., and the last) and the weights and biases there.
    """
    n, d = x.shape
    c, r = w0.shape[1], lr.size
    xa = np.hstack([x, np.ones((n, 1))])                      # the bias is the weight of a constant 1
    xa_t = np.ascontiguousarray(xa.T)
    wa = np.repeat(np.vstack([w0, b0])[:, None, :], r, axis=1)   # (D + 1, R, C)
    a = weight[y]
    equal = bool(np.all(weight == weight[0]))
    if equal:
        coef_y = np.broadcast_to(1.0 - eps, (n, r))                      # (N, R)
        smooth = (eps / c)[:, None] if np.any(eps) else None             # (R, 1)
    else:
        coef_y = (1.0 - eps)[None, :] * a[:, None] / a.sum()
        coef_q = (coef_y + (eps * weight.sum() / c)[None, :] / a.sum())[..., None]   # (N, R, 1)
        smooth = (eps / c)[:, None] * weight[None, :] / a.sum()          # (R, C)
    true_class = ((np.arange(n) * r)[:, None] + np.arange(r)) * c + y[:, None]  # (N, R): y_i's place in G, flat
    step = (lr / n if equal else lr)[None, :, None]
    kept = sorted(set(range(0, steps + 1, keep_every)) | {steps})
    w_kept, b_kept = np.empty((len(kept), d, r, c)), np.empty((len(kept), r, c))
    k = 0
    for t in range(steps + 1):
        if t == kept[k]:
            w_kept[k], b_kept[k] = wa[:d], wa[d]
            k += 1
        if t == steps:
            break
        g = _softmax_rows_in_place((xa @ wa.reshape(d + 1, r * c)).reshape(n * r, c))
        g3 = g.reshape(n, r, c)
        if not equal:
            g3 *= coef_q
        if smooth is not None:
            g3 -= smooth
        g.reshape(-1)[true_class] -= coef_y
        wa -= step * (xa_t @ g.reshape(n, r * c)).reshape(d + 1, r, c)
    return np.array(kept, dtype=np.int64), w_kept, b_kept


def _evaluate(x: NDArray[np.float64], y: NDArray[np.int64], w_kept: NDArray[np.float64],
              b_kept: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64],
                                                    NDArray[np.float64], NDArray[np.float64]]:
    """For every kept model (K, D, R, C): the logits' log-sum-exp lse (N, K, R), the true class's
    logit z_y (N, K, R), the logits weighted by class (used by the smoothing term) and the accuracy (K, R).

    The mean cross-entropy is mean_i (lse - z_y): ``helpers.losses.cross_entropy`` for every model at once.
    """
    n, d = x.shape
    kk, _, r, c = w_kept.shape
    z = (x @ w_kept.transpose(1, 0, 2, 3).reshape(d, kk * r * c)).reshape(n, kk, r, c) + b_kept
    lse = _logsumexp_rows(z.reshape(-1, c)).reshape(n, kk, r)
    z_y = np.take_along_axis(z, y[:, None, None, None], axis=-1)[..., 0]
    accuracy = (z.argmax(axis=-1) == y[:, None, None]).mean(axis=0)
    return lse, z_y, z, accuracy


def _record(x: NDArray[np.float64], y: NDArray[np.int64], x_test: NDArray[np.float64] | None,
            y_test: NDArray[np.int64] | None, eps: NDArray[np.float64], weight: NDArray[np.float64],
            kept: NDArray[np.int64], w_kept: NDArray[np.float64], b_kept: NDArray[np.float64]) -> dict[str, Any]:
    """The losses and accuracies of the kept models: what a training run reports (arrays (K, R))."""
    lse, z_y, z, accuracy = _evaluate(x, y, w_kept, b_kept)
    a = weight[y][:, None, None]
    c = weight.size
    objective = (((1.0 - eps) * a * (lse - z_y)).sum(axis=0)
                 + (eps / c) * (weight.sum() * lse - z @ weight).sum(axis=0)) / a.sum()
    out = {"steps": kept, "train_loss": (lse - z_y).mean(axis=0), "objective": objective,
           "train_accuracy": accuracy, "W_kept": w_kept, "b_kept": b_kept, "W": w_kept[-1], "b": b_kept[-1]}
    if x_test is not None and y_test is not None:
        lse_t, z_y_t, _, accuracy_t = _evaluate(x_test, y_test, w_kept, b_kept)
        out["test_loss"], out["test_accuracy"] = (lse_t - z_y_t).mean(axis=0), accuracy_t
    return out


def _start(x: NDArray[np.float64], c: int, w0: Any, b0: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The starting weights: zeros unless given, checked against (D, C) and (C,)."""
    d = x.shape[1]
    w = np.zeros((d, c)) if w0 is None else np.array(w0, dtype=np.float64)
    b = np.zeros(c) if b0 is None else np.array(b0, dtype=np.float64)
    if w.shape != (d, c) or not np.isfinite(w).all():
        raise ValueError(f"w0: expected finite starting weights of shape ({d}, {c}), got shape {w.shape}")
    if b.shape != (c,) or not np.isfinite(b).all():
        raise ValueError(f"b0: expected finite starting biases of shape ({c},), got shape {b.shape}")
    return w, b


def _prepare(x: Any, y: Any, steps: Any, n_classes: Any, weight: Any, x_test: Any, y_test: Any,
             keep_every: Any) -> tuple[Any, ...]:
    """Validate the arguments shared by the two training functions."""
    x = _features(x, "x")
    c = _whole_at_least(n_classes, 2, "n_classes", "the number of classes")
    y = _labels(y, x.shape[0], c, "y")
    steps = _whole_at_least(steps, 0, "steps", "the number of steps")
    if weight is None:
        w = np.ones(c)
    else:
        w = _positive_numbers(weight, "weight", "class weights")
        if w.shape != (c,):
            raise ValueError(f"weight: expected one weight per class, shape ({c},), got shape {w.shape}")
    if (x_test is None) != (y_test is None):
        raise ValueError("x_test, y_test: give both or neither")
    if x_test is not None:
        x_test = _features(x_test, "x_test", x.shape[1])
        y_test = _labels(y_test, x_test.shape[0], c, "y_test")
    keep_every = _whole_at_least(keep_every, 1, "keep_every", "the spacing of the kept steps")
    return x, y, steps, c, w, x_test, y_test, keep_every


def train_softmax_regression(x: Any, y: Any, lr: float, steps: int, *, label_smoothing: float = 0.0,
                             weight: Any = None, w0: Any = None, b0: Any = None, n_classes: int = 10,
                             x_test: Any = None, y_test: Any = None, keep_every: int = 1) -> dict[str, Any]:
    """Softmax regression q = softmax(x W + b) trained by full-batch gradient descent (notebook 07).

    Each step: Z = X W + b, G = dL/dZ (= (softmax(Z) - onehot(y)) / N for the plain mean
    cross-entropy), W <- W - lr X^T G, b <- b - lr sum_i G_i, from ``w0``, ``b0`` (zeros if not given).
    The loss minimised is PyTorch's ``cross_entropy(Z, y, weight=weight, label_smoothing=label_smoothing)``.
    Every ``keep_every`` steps (and after the last) the run keeps the model and reports, at ``steps``
    (t = 0 is the start, t = k the model after k steps): ``objective`` (the loss minimised),
    ``train_loss`` (the plain mean cross-entropy in nats, no weights or smoothing) and
    ``train_accuracy``, with ``x_test``, ``y_test`` the plain ``test_loss`` and ``test_accuracy``;
    the kept weights ``W_kept`` (K, D, C) and biases ``b_kept`` (K, C); the final ``W`` and ``b``.
    """
    x, y, steps, c, w, x_test, y_test, keep_every = _prepare(x, y, steps, n_classes, weight, x_test, y_test,
                                                             keep_every)
    lr_arr = _positive_numbers(lr, "lr", "the learning rate")
    eps = _positive_numbers(label_smoothing, "label_smoothing", "label smoothing", closed=True, high=1.0)
    if lr_arr.size != 1 or eps.size != 1:
        raise ValueError("lr, label_smoothing: one number each (softmax_regression_grid trains several runs)")
    kept, w_kept, b_kept = _descend(x, y, lr_arr, eps, steps, w, *_start(x, c, w0, b0), keep_every)
    run = _record(x, y, x_test, y_test, eps, w, kept, w_kept, b_kept)
    one = {key: value[..., 0, :] if key in ("W_kept", "b_kept", "W", "b") else value[:, 0]
           for key, value in run.items() if key != "steps"}
    return {**one, "steps": kept, "lr": float(lr_arr[0]), "label_smoothing": float(eps[0])}


def softmax_regression_grid(x: Any, y: Any, lrs: Any, smoothings: Any, steps: int, *, n_classes: int = 10,
                            x_test: Any = None, y_test: Any = None, keep_every: int = 1,
                            w0: Any = None, b0: Any = None) -> dict[str, Any]:
    """``train_softmax_regression`` for every (learning rate, label smoothing) pair, all in one pass.

    The runs of ``lrs`` x ``smoothings`` train side by side from the same start, one matrix product a
    step for all of them. The arrays of ``train_softmax_regression`` gain a run axis after the step
    axis, of length len(lrs) * len(smoothings), in the order (lrs[0], smoothings[0]),
    (lrs[0], smoothings[1]), ...; ``runs`` lists the pairs in that order.
    """
    x, y, steps, c, w, x_test, y_test, keep_every = _prepare(x, y, steps, n_classes, None, x_test, y_test,
                                                             keep_every)
    lr_arr = _positive_numbers(lrs, "lrs", "learning rates")
    eps_arr = _positive_numbers(smoothings, "smoothings", "label smoothings", closed=True, high=1.0)
    lr_runs, eps_runs = np.repeat(lr_arr, eps_arr.size), np.tile(eps_arr, lr_arr.size)
    kept, w_kept, b_kept = _descend(x, y, lr_runs, eps_runs, steps, w, *_start(x, c, w0, b0), keep_every)
    run = _record(x, y, x_test, y_test, eps_runs, w, kept, w_kept, b_kept)
    run["runs"] = list(zip(lr_runs.tolist(), eps_runs.tolist()))
    return run
