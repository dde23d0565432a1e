"""Notebook 06: the gradients of ``helpers.grads`` as the logit moves, and a training comparison.

Pure functions for what the explorers show, then the explorers; the training runs come from
``helpers.experiments``:

- ``logit_gradients`` (name ``"logit_gradients"``, ``LogitGradients``, ``web/logit_gradients.js``):
  dL/ds of BCE and of MSE on a sigmoid output as the logit s moves, for label 0 or 1.
  State: ``gradient_curves(s, y)``; readout: ``gradient_lines``.
- ``bce_vs_mse`` (name ``"bce_vs_mse"``, ``BceVsMse``, ``web/bce_vs_mse.js``):
  the same logistic regression trained with each loss by full-batch gradient descent (200 steps on
  the 40 points of ``experiments.toy_data``), loss curves side by side. The browser runs the same
  descent on the data that Python sends once; the learning rate moves on a log scale,
  lr = 2^(log2_lr) (``learning_rate``). State: ``experiments.training_comparison(lr, w0)``;
  readout: ``training_lines``.

Both are live: computed and drawn in the browser.

Convention for MSE: L_MSE = 1/2 (y_hat - y)^2 per sample, so dL/ds = (y_hat - y) y_hat (1 - y_hat).
PyTorch's ``F.mse_loss`` has no 1/2: its gradient is twice this one.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import traitlets

from helpers.experiments import toy_data, training_comparison
from helpers.explorers.fmt import fmt, signed, to_fixed
from helpers.explorers.live import LiveExplorer
from helpers.grads import bce_logit_grad, mse_logit_grad
from helpers.i18n import N_, tr
from helpers.losses import sigmoid

__all__ = ["gradient_curves", "gradient_lines", "learning_rate", "learning_rate_text", "training_lines",
           "LogitGradients", "BceVsMse", "logit_gradients", "bce_vs_mse"]

# The logit slider's range and step (the curves are drawn on the same grid: 161 points).
S_MIN, S_MAX, S_STEP = -8.0, 8.0, 0.1
LABELS = ("1", "0")   # the label choice's options, the positive label first
# The training explorer's controls: the learning rate's exponent (lr = 2^e, e on a grid of quarters,
# so 0.5 = 2^-1 and 8 = 2^3 are on it) and the starting weight.
LOG2_LR_MIN, LOG2_LR_MAX, LOG2_LR_STEP = -6.0, 3.5, 0.25
W0_MIN, W0_MAX, W0_STEP = -6.0, 6.0, 0.5
# 2^0, 2^(1/4), 2^(1/2), 2^(3/4): lr = 2^e is one of these times a power of two, an exact product,
# so the browser (which has the same four numbers) starts its descent from the very same lr.
_QUARTER_POWERS = (1.0, 2 ** 0.25, 2 ** 0.5, 2 ** 0.75)


def gradient_curves(s: float, y: int, lo: float = S_MIN, hi: float = S_MAX, num: int = 161) -> dict[str, Any]:
    """Both gradients over a grid of logits for label ``y`` (0 or 1), and their values at ``s``."""
    if y not in (0, 1):
        raise ValueError(f"y: the label must be 0 or 1, got {y!r}")
    if not lo < hi:
        raise ValueError(f"lo, hi: need lo < hi, got {lo!r} and {hi!r}")
    grid = np.linspace(lo, hi, num)
    y_hat = float(sigmoid(s))
    g_bce, g_mse = float(bce_logit_grad(s, y)), float(mse_logit_grad(s, y))
    return {"s": float(s), "y": int(y), "y_hat": y_hat, "grid": grid,
            "bce_curve": bce_logit_grad(grid, np.full_like(grid, y)),
            "mse_curve": mse_logit_grad(grid, np.full_like(grid, y)),
            "bce_grad": g_bce, "mse_grad": g_mse, "slope": y_hat * (1.0 - y_hat)}


def gradient_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the logit_gradients explorer for a state of ``gradient_curves``.

    The gradients keep their sign ("+" or "-", also when they round to 0.0000: which way the step
    goes); the last line says how many times smaller the MSE gradient is.
    """
    ratio = abs(state["bce_grad"]) / abs(state["mse_grad"]) if state["mse_grad"] != 0 else float("inf")
    return [tr("s = {s}, y = {y}: ŷ = sigmoid(s) = {y_hat} (probability)", s=fmt(state["s"], 1), y=state["y"],
               y_hat=to_fixed(state["y_hat"], 4)),
            tr("BCE gradient ŷ − y = {grad} nats per unit of logit", grad=signed(state["bce_grad"], 4)),
            tr("MSE gradient (ŷ − y) ŷ (1 − ŷ) = {grad} per unit of logit (loss ½(ŷ − y)²)",
               grad=signed(state["mse_grad"], 4)),
            tr("the MSE gradient is the BCE one times ŷ (1 − ŷ) = {slope}: {ratio} times smaller",
               slope=to_fixed(state["slope"], 4), ratio=to_fixed(ratio, 1) if math.isfinite(ratio) else "inf")]


def learning_rate(log2_lr: float) -> float:
    """lr = 2^log2_lr for an exponent on the slider's grid of quarters, as the browser computes it.

    Raises
    ------
    ValueError
        If ``log2_lr`` is not a finite multiple of 0.25.
    """
    quarters = float(log2_lr) * 4.0
    if not math.isfinite(quarters) or quarters != round(quarters):
        raise ValueError(f"log2_lr: must be a multiple of 0.25, got {log2_lr!r}")
    q = int(round(quarters))
    return math.ldexp(_QUARTER_POWERS[q % 4], q // 4)


def learning_rate_text(log2_lr: float) -> str:
    """What the learning-rate slider states in words (its ``aria-valuetext``), in the language in use:
    "learning rate 0.5 (2 to the power -1)"; the exponent as JavaScript writes a number."""
    exponent = float(log2_lr)
    return tr("{label} {lr} (2 to the power {exponent})", label=tr("learning rate"), lr=f"{learning_rate(exponent):.3g}",
              exponent=f"{exponent + 0.0:g}")


def training_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the training explorer for a state of ``experiments.training_comparison``."""
    # the learning rate as Python's format ".3g" writes it; the browser's module does the same (bvmG3)
    lines = [tr("learning rate {lr}, start w = {w0}, b = 0, {steps} steps of full-batch gradient descent on "
                "{points} points", lr=f"{state['lr']:.3g}", w0=fmt(state["w0"], 1), steps=state["steps"][-1],
                points=state["x"].size)]
    for k, name in enumerate(state["losses"]):
        first = state["first_below_1_nat"][k]
        when = tr("below 1 nat from step {step}", step=first) if first is not None else tr("never below 1 nat")
        lines.append(tr("trained with {loss}: after the last step mean BCE {bce} nats, mean ½(ŷ − y)² {mse}; {when}",
                        loss=name.upper(), bce=to_fixed(state["bce"][-1, k], 4), mse=to_fixed(state["mse"][-1, k], 4),
                        when=when))
    return lines


def _range_spec(name: str, label: str, low: float, high: float, step: float, digits: int) -> dict[str, Any]:
    return {"name": name, "label": label, "kind": "range", "min": low, "max": high, "step": step, "digits": digits}


def _in_range(name: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not low <= float(value) <= high:   # also refuses nan
        raise traitlets.TraitError(f"{name}: must be a number in [{low:g}, {high:g}] (the slider's range), "
                                   f"got {value!r}")
    return float(value)


class _Label(traitlets.Unicode):
    """The label as the choice's text, "1" or "0"; an int 1 or 0 is taken as its text."""

    def validate(self, obj: Any, value: Any) -> str:
        text = str(int(value)) if isinstance(value, (int, np.integer)) and not isinstance(value, bool) else value
        if text not in LABELS:
            raise traitlets.TraitError(f"{self.name}: the label must be 1 or 0 (or its text), got {value!r}")
        return text


# --- the live explorers ----------------------------------------------------------------------
class LogitGradients(LiveExplorer):
    """dL/ds for BCE and for MSE on a sigmoid as the logit moves, for label 0 or 1; drawn in the browser.

    ``y`` holds the label as the choice's text ("1" or "0"; an int 1 or 0 is accepted and stored as text).
    """

    name = "logit_gradients"
    title = N_("Two gradients: BCE against MSE on a sigmoid")
    specs = (_range_spec("s", N_("logit s"), S_MIN, S_MAX, S_STEP, 1),
             {"name": "y", "label": N_("label y"), "kind": "select", "options": list(LABELS)})
    messages = (
        N_("s = {s}, y = {y}: ŷ = sigmoid(s) = {y_hat} (probability)"),
        N_("BCE gradient ŷ − y = {grad} nats per unit of logit"),
        N_("MSE gradient (ŷ − y) ŷ (1 − ŷ) = {grad} per unit of logit (loss ½(ŷ − y)²)"),
        N_("the MSE gradient is the BCE one times ŷ (1 − ŷ) = {slope}: {ratio} times smaller"),
        N_("dL/ds (per unit of logit)"),
        N_("The gradients dL/ds of BCE and of MSE on a sigmoid output, as the logit s moves"),
        N_("BCE gradient"), N_("MSE gradient"), N_("BCE: ŷ − y"), N_("MSE: (ŷ − y) ŷ (1 − ŷ)"),
        N_("Two curves over the logit s from -8 to 8 for label y = {y}: the BCE gradient ŷ − y (blue, solid) and "
           "the MSE gradient (ŷ − y) ŷ (1 − ŷ) (vermillion, dashed); a circle and a square mark their values at "
           "s = {s}. {readout}"),
    )

    s = traitlets.Float(-6.0).tag(sync=True)
    y = _Label("1").tag(sync=True)

    @traitlets.validate("s")
    def _check_s(self, proposal: dict[str, Any]) -> float:
        return _in_range("s", proposal["value"], S_MIN, S_MAX)

    def state_now(self) -> dict[str, Any]:
        """``gradient_curves`` for the current control values."""
        return gradient_curves(self.s, int(self.y))

    def reference(self) -> list[str]:
        return gradient_lines(self.state_now())


class BceVsMse(LiveExplorer):
    """One logistic regression trained with BCE and with MSE, loss curves side by side; run in the browser.

    The data (``experiments.toy_data()``, 40 points) travel once, in the read-only trait ``data``;
    the browser runs both 200-step descents itself for every setting. The learning-rate slider moves
    its exponent: lr = 2^log2_lr (``lr``), from 2^-6 = 0.0156 to 2^3.5 = 11.3.
    """

    name = "bce_vs_mse"
    title = N_("Training a logistic regression with BCE and with MSE")
    specs = (_range_spec("log2_lr", N_("learning rate"), LOG2_LR_MIN, LOG2_LR_MAX, LOG2_LR_STEP, 2),
             _range_spec("w0", N_("start w"), W0_MIN, W0_MAX, W0_STEP, 1))
    messages = (
        N_("learning rate {lr}, start w = {w0}, b = 0, {steps} steps of full-batch gradient descent on {points} points"),
        N_("trained with {loss}: after the last step mean BCE {bce} nats, mean ½(ŷ − y)² {mse}; {when}"),
        N_("below 1 nat from step {step}"), N_("never below 1 nat"),
        N_("gradient-descent step"), N_("mean BCE (nats)"),
        N_("Mean BCE after each gradient-descent step, for the model trained with BCE and with MSE"),
        N_("1 nat"), N_("trained with {loss}"),
        N_("{label} {lr} (2 to the power {exponent})"),
        N_("never gets below 1 nat"), N_("first gets below 1 nat at step {step}"),
        N_("Two curves of the mean BCE in nats over {steps} gradient-descent steps, learning rate {lr} and start "
           "w = {w0}: trained with BCE (blue, solid; {bce_when}) and trained with MSE (vermillion, dashed; "
           "{mse_when}); a dotted line marks 1 nat. {readout}"),
    )

    log2_lr = traitlets.Float(-1.0).tag(sync=True)
    w0 = traitlets.Float(-4.0).tag(sync=True)
    data = traitlets.Dict(read_only=True).tag(sync=True)

    @traitlets.default("data")
    def _toy_data(self) -> dict[str, list[float]]:
        x, y = toy_data()
        return {"x": x.tolist(), "y": y.tolist()}

    @traitlets.validate("log2_lr")
    def _check_log2_lr(self, proposal: dict[str, Any]) -> float:
        value = _in_range("log2_lr", proposal["value"], LOG2_LR_MIN, LOG2_LR_MAX)
        if value * 4.0 != round(value * 4.0):
            raise traitlets.TraitError(f"log2_lr: must be a multiple of 0.25 (the slider's grid), got {value!r}")
        return value

    @traitlets.validate("w0")
    def _check_w0(self, proposal: dict[str, Any]) -> float:
        return _in_range("w0", proposal["value"], W0_MIN, W0_MAX)

    @property
    def lr(self) -> float:
        """The learning rate 2^log2_lr."""
        return learning_rate(self.log2_lr)

    def state(self) -> dict[str, Any]:
        """What the front end reads: the specs, the values and the data."""
        return {**super().state(), "data": dict(self.data)}

    def state_now(self) -> dict[str, Any]:
        """``experiments.training_comparison`` for the current control values."""
        return training_comparison(lr=self.lr, w0=self.w0)

    def reference(self) -> list[str]:
        return training_lines(self.state_now())


def logit_gradients() -> LogitGradients:
    """Explorer: the BCE and MSE gradients with respect to the logit, for a chosen s and label y, live."""
    return LogitGradients()


def bce_vs_mse() -> BceVsMse:
    """Explorer: BCE and MSE training curves of one logistic regression, with a learning-rate slider, live."""
    return BceVsMse()
