"""Notebook 06: the gradients of ``helpers.grads`` as the logit moves, and a training comparison.

A pure function for the gradient curves, then two explorers; the training runs they show come
from ``helpers.experiments``:

- ``logit_gradients``: dL/ds of BCE and of MSE on a sigmoid output as the logit s moves;
- ``bce_vs_mse_training``: the same logistic regression trained with each loss, loss curves side by side.

Convention for MSE: L_MSE = 1/2 (y_hat - y)^2 per sample, so dL/ds = (y_hat - y) y_hat (1 - y_hat).
PyTorch's ``F.mse_loss`` has no 1/2: its gradient is twice this one.
"""
from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np

from helpers.experiments import training_comparison
from helpers.explorers._base import Explorer, register
from helpers.grads import bce_logit_grad, mse_logit_grad
from helpers.losses import sigmoid
from helpers.plots import PALETTE, label_axes, new_figure

__all__ = ["gradient_curves", "logit_gradients", "bce_vs_mse_training"]


def gradient_curves(s: float, y: int, lo: float = -8.0, hi: float = 8.0, num: int = 161) -> dict[str, Any]:
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


# --- the explorers ---------------------------------------------------------------------------
class LogitGradients(Explorer):
    """dL/ds for BCE and for MSE on a sigmoid as the logit moves, for label 0 or 1."""

    name = "logit-gradients"

    def __init__(self) -> None:
        fig, ax = new_figure(figsize=(6.0, 3.0))
        state = gradient_curves(-6.0, 1)
        grid = state["grid"]
        (self._bce,) = ax.plot(grid, state["bce_curve"], color=PALETTE["blue"], label="BCE: ŷ − y")
        (self._mse,) = ax.plot(grid, state["mse_curve"], color=PALETTE["vermillion"],
                               label="MSE: (ŷ − y) ŷ (1 − ŷ)")
        (self._bce_pt,) = ax.plot([0.0], [0.0], "o", color=PALETTE["blue"], markersize=8)
        (self._mse_pt,) = ax.plot([0.0], [0.0], "s", color=PALETTE["vermillion"], markersize=8)
        self._vline = ax.axvline(0.0, color=PALETTE["black"], linewidth=1, alpha=0.4)
        ax.axhline(0.0, color=PALETTE["black"], linewidth=0.8)
        ax.set_xlim(grid[0], grid[-1])
        ax.set_ylim(-1.1, 1.1)
        ax.legend(loc="upper left", fontsize=9)
        self._ax = ax
        label_axes(ax, "logit s", "dL/ds (loss per unit of s)")
        controls = {
            "s": widgets.FloatSlider(value=-6.0, min=-8.0, max=8.0, step=0.1, description="logit s",
                                     readout_format=".1f", continuous_update=True),
            "y": widgets.Dropdown(options=[("y = 1 (positive)", 1), ("y = 0 (negative)", 0)], value=1,
                                  description="label y"),
        }
        super().__init__(controls, fig, title="Two gradients: BCE against MSE on a sigmoid")

    def compute(self, s: float, y: int) -> dict[str, Any]:
        return gradient_curves(s, y)

    def draw(self, state: dict[str, Any]) -> None:
        self._bce.set_ydata(state["bce_curve"])
        self._mse.set_ydata(state["mse_curve"])
        self._bce_pt.set_data([state["s"]], [state["bce_grad"]])
        self._mse_pt.set_data([state["s"]], [state["mse_grad"]])
        self._vline.set_xdata([state["s"], state["s"]])

    def describe(self, state: dict[str, Any]) -> list[str]:
        ratio = abs(state["bce_grad"]) / abs(state["mse_grad"]) if state["mse_grad"] != 0 else float("inf")
        return [f"s = {state['s']:.1f}, y = {state['y']}: ŷ = sigmoid(s) = {state['y_hat']:.4f} (probability)",
                f"BCE gradient ŷ − y = {state['bce_grad']:+.4f} nats per unit of logit",
                f"MSE gradient (ŷ − y) ŷ (1 − ŷ) = {state['mse_grad']:+.4f} per unit of logit "
                f"(loss ½(ŷ − y)²)",
                f"the MSE gradient is the BCE one times ŷ (1 − ŷ) = {state['slope']:.4f}: "
                f"{ratio:.1f} times smaller"]


@register("logit-gradients")
def logit_gradients() -> LogitGradients:
    """Explorer: the BCE and MSE gradients with respect to the logit, for a chosen s and label y."""
    return LogitGradients()


class BceVsMseTraining(Explorer):
    """The same logistic regression trained with BCE and with MSE; loss curves compared."""

    name = "bce-vs-mse-training"

    def __init__(self) -> None:
        fig, ax = new_figure(figsize=(6.0, 3.0))
        state = training_comparison()
        steps = state["steps"]
        self._lines = [ax.plot(steps, state["bce"][:, k], color=colour, label=f"trained with {name.upper()}")[0]
                       for k, (name, colour) in enumerate(zip(state["losses"],
                                                              (PALETTE["blue"], PALETTE["vermillion"])))]
        ax.set_xlim(0, steps[-1])
        label_axes(ax, "gradient-descent step", "mean BCE (nats)")
        ax.legend(fontsize=9, loc="upper right")
        self._ax = ax
        controls = {
            # base 2 so that the default 0.5 = 2^-1 lies on the slider's grid (the page would snap it)
            "lr": widgets.FloatLogSlider(value=0.5, base=2, min=-6, max=3.5, step=0.25,
                                         description="learning rate", readout_format=".2g",
                                         style={"description_width": "initial"}),
            "w0": widgets.FloatSlider(value=-4.0, min=-6.0, max=6.0, step=0.5, description="start w",
                                      readout_format=".1f"),
        }
        super().__init__(controls, fig, title="Training a logistic regression with BCE and with MSE")

    def compute(self, lr: float, w0: float) -> dict[str, Any]:
        return training_comparison(lr=lr, w0=w0)

    def draw(self, state: dict[str, Any]) -> None:
        for k, line in enumerate(self._lines):
            line.set_ydata(state["bce"][:, k])
        top = float(state["bce"].max())
        self._ax.set_ylim(0.0, 1.05 * top if top > 0 else 1.0)

    def describe(self, state: dict[str, Any]) -> list[str]:
        lines = [f"learning rate {state['lr']:.3g}, start w = {state['w0']:.1f}, b = 0, "
                 f"{state['steps'][-1]} steps of full-batch gradient descent on {state['x'].size} points"]
        for k, name in enumerate(state["losses"]):
            first = state["first_below_1_nat"][k]
            when = f"below 1 nat from step {first}" if first is not None else "never below 1 nat"
            lines.append(f"trained with {name.upper()}: after the last step mean BCE "
                         f"{state['bce'][-1, k]:.4f} nats, mean ½(ŷ − y)² {state['mse'][-1, k]:.4f}; {when}")
        return lines


@register("bce-vs-mse-training")
def bce_vs_mse_training() -> BceVsMseTraining:
    """Explorer: BCE and MSE training curves of one logistic regression, with a learning-rate slider."""
    return BceVsMseTraining()
