"""Explorers for notebook 01: a 1-D logistic regression and the maximum-likelihood constant.

Two live explorers (computed and drawn in the browser), each around a pure function of its
control values:

- ``logistic`` (name ``"logistic"``, ``Logistic``, ``web/logistic.js``): sliders
  for w and b move the sigmoid y_hat = g(w x + b) over eight labelled points; bars show each
  point's loss -[y log y_hat + (1 - y) log(1 - y_hat)] and the readout gives the total and the
  mean. State: ``logistic_state(w, b)``; readout: ``logistic_lines``.
- ``max_likelihood`` (name ``"max_likelihood"``, ``MaxLikelihood``, ``web/max_likelihood.js``): one
  constant prediction y_hat for n samples of which k are positive; the mean loss as a function of
  y_hat, its minimum at y_hat = k/n. The k slider ends at n (k <= n): lowering n below k pulls
  k down to n, in the browser and in Python alike. State: ``constant_prediction_state(y_hat, k, n)``;
  readout: ``mle_lines``.

All losses are in nats.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import traitlets
from numpy.typing import ArrayLike

from helpers import info, losses
from helpers.explorers.fmt import fmt
from helpers.explorers.live import LiveExplorer
from helpers.i18n import N_, tr

__all__ = ["DEMO_X", "DEMO_Y", "logistic_state", "constant_prediction_state", "worst_point",
           "logistic_lines", "mle_lines", "Logistic", "MaxLikelihood",
           "logistic", "max_likelihood"]

# Eight labelled points on a line: mostly negatives on the left, positives on the right, but the
# classes overlap in the middle, so no (w, b) classifies all of them and the best loss stays finite.
DEMO_X: tuple[float, ...] = (-2.2, -1.4, -0.8, -0.3, 0.2, 0.7, 1.3, 2.0)
DEMO_Y: tuple[int, ...] = (0, 0, 1, 0, 1, 0, 1, 1)

_X_RANGE = (-3.0, 3.0)
_GRID_X = np.linspace(*_X_RANGE, 121)
_GRID_Q = np.linspace(0.001, 0.999, 499)  # predictions at which the loss curve is drawn
_LOSS_TOP = 5.0  # upper y-limit of the loss axes, in nats

# The controls' grids (the notebook's grid search walks the same w and b grid).
W_MIN, W_MAX, W_STEP = -5.0, 5.0, 0.1          # both w and b
Y_HAT_MIN, Y_HAT_MAX, Y_HAT_STEP = 0.01, 0.99, 0.01
N_MAX = 50                                      # n runs over 1..N_MAX, k over 0..n
# Losses this close (relatively) to the largest count as a tie for the worst point: the same
# loss computed in two ways (the browser's and NumPy's) may differ in its last bit.
_TIE = 1e-9


def logistic_state(w: float, b: float, x: ArrayLike = DEMO_X, y: ArrayLike = DEMO_Y) -> dict[str, Any]:
    """Everything the logistic-regression explorer shows, for weight ``w`` and bias ``b``.

    s_i = w x_i + b,  y_hat_i = g(s_i) = 1 / (1 + e^(-s_i)),
    l_i = -[y_i log y_hat_i + (1 - y_i) log(1 - y_hat_i)]  (nats),
    total = sum_i l_i,  mean = total / N.

    Returns a dict with ``w``, ``b``, ``x``, ``y``, ``s``, ``y_hat``, ``losses`` (per point),
    ``total``, ``mean``, ``curve_x`` and ``curve_y`` (the sigmoid drawn over the x-range).
    """
    w, b = float(w), float(b)
    if not (np.isfinite(w) and np.isfinite(b)):
        raise ValueError(f"w, b: must be finite numbers, got w={w!r}, b={b!r}")
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"x, y: expected two 1-D arrays of the same length, got shapes {x.shape} and {y.shape}")
    s = w * x + b
    y_hat = losses.sigmoid(s)
    # The with-logits form never takes log(0), even for a confidently wrong point.
    per_point = np.asarray(losses.binary_cross_entropy_with_logits(s, y, reduction="none"))
    total = float(per_point.sum())
    return {"w": w, "b": b, "x": x, "y": y, "s": s, "y_hat": y_hat, "losses": per_point,
            "total": total, "mean": total / x.size,
            "curve_x": _GRID_X, "curve_y": losses.sigmoid(w * _GRID_X + b)}


def constant_prediction_state(y_hat: float, k: int, n: int) -> dict[str, Any]:
    """Everything the maximum-likelihood explorer shows.

    For a constant prediction y_hat on n samples with k positives: the total loss L(y_hat)
    (see ``constant_prediction_loss``), the mean L / n, the minimiser y_best = k / n and the
    smallest mean loss L(k/n) / n, which equals the binary entropy H(k/n) in nats.
    ``curve_q``/``curve_mean`` is the mean loss drawn over y_hat in (0, 1).
    """
    k, n = losses.counts(k, n)
    y_hat = float(y_hat)
    if not 0.0 < y_hat < 1.0:
        raise ValueError(f"y_hat: must lie strictly between 0 and 1, got {y_hat!r}")
    total = losses.constant_prediction_loss(y_hat, k, n)
    best = k / n
    return {"y_hat": y_hat, "k": k, "n": n, "total": total, "mean": total / n,
            "best": best, "best_mean": float(info.binary_entropy(best)),
            "curve_q": _GRID_Q, "curve_mean": losses.constant_prediction_loss(_GRID_Q, k, n) / n}


def worst_point(point_losses: ArrayLike) -> int:
    """The index of the point with the largest loss; among (near-)ties, the leftmost.

    Losses within a relative 1e-9 of the largest count as tied, so the browser (which computes the
    same formula with its own exp and log1p) picks the same point as NumPy.
    """
    values = np.asarray(point_losses, dtype=float)
    return int(np.flatnonzero(values >= values.max() * (1.0 - _TIE))[0])


def logistic_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the logistic-regression explorer for a state of ``logistic_state``."""
    worst = worst_point(state["losses"])
    nats = tr("nats")
    return [tr("w = {w}, b = {b}: ŷ = g(w x + b)", w=fmt(state["w"], 1), b=fmt(state["b"], 1)),
            tr("total loss (sum over {count} points) = {total}; mean = {mean} per point", count=state["x"].size,
               total=fmt(state["total"], 4, nats), mean=fmt(state["mean"], 4, nats)),
            tr("worst point: x = {x}, y = {y}, ŷ = {y_hat}, loss = {loss}", x=fmt(state["x"][worst], 1),
               y=int(state["y"][worst]), y_hat=fmt(state["y_hat"][worst], 3),
               loss=fmt(state["losses"][worst], 4, nats))]


def mle_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the maximum-likelihood explorer for a state of ``constant_prediction_state``."""
    # k/n is written as Python's format writes it (an exact tie, 1/32 = 0.03125, to the even digit):
    # the browser's module does the same in integers (fmtRatio in web/max_likelihood.js).
    nats = tr("nats")
    return [tr("ŷ = {y_hat} for all n = {n} samples, k = {k} of them positive", y_hat=fmt(state["y_hat"], 2),
               n=state["n"], k=state["k"]),
            tr("total loss = {total}; mean = {mean} per sample", total=fmt(state["total"], 4, nats),
               mean=fmt(state["mean"], 4, nats)),
            tr("minimum at ŷ = k/n = {best}: mean loss {loss}", best=format(state["best"], ".4f"),
               loss=fmt(state["best_mean"], 4, nats))]


def _range_spec(name: str, label: str, low: float, high: float, step: float, digits: int,
                unit: str = "") -> dict[str, Any]:
    spec = {"name": name, "label": label, "kind": "range", "min": low, "max": high, "step": step, "digits": digits}
    return {**spec, "unit": unit} if unit else spec


class Logistic(LiveExplorer):
    """The sigmoid g(w x + b) over eight labelled points and each point's loss; drawn in the browser."""

    name = "logistic"
    title = N_("1-D logistic regression: move w and b")
    specs = (_range_spec("w", "w", W_MIN, W_MAX, W_STEP, 1), _range_spec("b", "b", W_MIN, W_MAX, W_STEP, 1))
    messages = (
        N_("nats"),
        N_("w = {w}, b = {b}: ŷ = g(w x + b)"),
        N_("total loss (sum over {count} points) = {total}; mean = {mean} per point"),
        N_("worst point: x = {x}, y = {y}, ŷ = {y_hat}, loss = {loss}"),
        N_("x   (dots: labels y, blue 1, orange 0; rings: predictions ŷ)"),
        N_("The sigmoid ŷ = g(w x + b) over eight labelled points"),
        N_("x   (bars: each point's loss, in its label's colour)"),
        N_("loss (nats)"),
        N_("Each point's loss"),
        N_("is flat at ŷ = {y_hat}"),
        N_("rises from left to right"),
        N_("falls from left to right"),
        N_("rises from left to right, crossing ŷ = 0.5 at x = {x}"),
        N_("falls from left to right, crossing ŷ = 0.5 at x = {x}"),
        N_("x = {x} (label {y}): ŷ = {y_hat}"),
        N_("; "),
        N_("The sigmoid ŷ = g(w x + b) for w = {w}, b = {b} over x from −3 to 3 {shape}. "
           "Predictions at the eight points: {each}. {readout}"),
        N_("; the axis ends at {top} nats, taller bars are cut there and labelled"),
        N_("Bars under the points: each point's loss, in nats: {each}{cut}."),
    )

    w = traitlets.Float(0.0).tag(sync=True)
    b = traitlets.Float(0.0).tag(sync=True)

    @traitlets.validate("w", "b")
    def _check_weight(self, proposal: dict[str, Any]) -> float:
        name, value = proposal["trait"].name, float(proposal["value"])
        if not W_MIN <= value <= W_MAX:  # also refuses nan
            raise traitlets.TraitError(f"{name}: must lie in [{W_MIN}, {W_MAX}] (the slider's range), got {value!r}")
        return value

    def reference(self) -> list[str]:
        return logistic_lines(logistic_state(self.w, self.b))


class _Count(traitlets.Int):
    """A whole number; a whole float (a range input's value, 3.0) is taken as the int."""

    def validate(self, obj: Any, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
                or not np.isfinite(value) or int(value) != value:
            raise traitlets.TraitError(f"{self.name}: must be a whole number, got {value!r}")
        return int(value)


class MaxLikelihood(LiveExplorer):
    """The mean loss of one constant prediction ŷ for n samples, k of them positive; drawn in the browser.

    k is at most n. The k slider ends at n; lowering n below k pulls k down to n, and setting k
    above n sets it to n, here and in the browser alike (as the old k slider's maximum did).
    ``set`` applies n before k, so ``set(n=30, k=25)`` gives k = 25 from any earlier n.
    """

    name = "max_likelihood"
    title = N_("Maximum likelihood: which constant ŷ fits k positives out of n?")
    specs = (_range_spec("y_hat", "ŷ", Y_HAT_MIN, Y_HAT_MAX, Y_HAT_STEP, 2),
             _range_spec("n", "n", 1, N_MAX, 1, 0, N_("samples")),
             _range_spec("k", "k", 0, N_MAX, 1, 0, N_("positives")))
    messages = (
        N_("nats"),
        N_("ŷ = {y_hat} for all n = {n} samples, k = {k} of them positive"),
        N_("total loss = {total}; mean = {mean} per sample"),
        N_("minimum at ŷ = k/n = {best}: mean loss {loss}"),
        N_("constant prediction ŷ   (dashed: k/n; dot: your ŷ)"),
        N_("mean loss (nats per sample)"),
        N_("Mean loss of one constant prediction ŷ for n samples, k of them positive"),
        N_(" (k = 0: it falls to 0 at ŷ = 0)"),
        N_(" (k = n: it falls to 0 at ŷ = 1)"),
        N_("The mean loss of predicting ŷ for all {n} samples, {k} of them positive, against ŷ from 0 to 1: "
           "a valley whose lowest point, {lowest}, is at the dashed line ŷ = k/n = {best}{edge}. "
           "The dot is your ŷ = {y_hat}, at {loss}. The k slider ends at n. {readout}"),
    )

    y_hat = traitlets.Float(0.5).tag(sync=True)
    n = _Count(10).tag(sync=True)
    k = _Count(3).tag(sync=True)

    @traitlets.validate("y_hat")
    def _check_y_hat(self, proposal: dict[str, Any]) -> float:
        value = float(proposal["value"])
        if not Y_HAT_MIN <= value <= Y_HAT_MAX:  # also refuses nan
            raise traitlets.TraitError(f"y_hat: must lie in [{Y_HAT_MIN}, {Y_HAT_MAX}] (the slider's range), "
                                       f"got {value!r}")
        return value

    @traitlets.validate("n")
    def _check_n(self, proposal: dict[str, Any]) -> int:
        if not 1 <= proposal["value"] <= N_MAX:
            raise traitlets.TraitError(f"n: must lie between 1 and {N_MAX}, got {proposal['value']!r}")
        return int(proposal["value"])

    @traitlets.validate("k")
    def _check_k(self, proposal: dict[str, Any]) -> int:
        if not 0 <= proposal["value"] <= N_MAX:
            raise traitlets.TraitError(f"k: must lie between 0 and {N_MAX}, got {proposal['value']!r}")
        return int(min(proposal["value"], self.n))  # the k slider ends at n

    @traitlets.observe("n")
    def _pull_k_down(self, change: dict[str, Any]) -> None:
        if self.k > change["new"]:
            self.k = change["new"]

    def set(self, **values: Any) -> MaxLikelihood:
        """Set controls by name; n first, so that k is checked against the new n."""
        ordered = dict(sorted(values.items(), key=lambda item: item[0] != "n"))
        super().set(**ordered)
        return self

    def reference(self) -> list[str]:
        return mle_lines(constant_prediction_state(self.y_hat, self.k, self.n))


def logistic() -> Logistic:
    """Sliders for w and b; the sigmoid over eight labelled points, each point's loss and the total, live."""
    return Logistic()


def max_likelihood() -> MaxLikelihood:
    """Sliders for a constant prediction y_hat, n samples and k positives; the loss curve and its minimum, live."""
    return MaxLikelihood()
