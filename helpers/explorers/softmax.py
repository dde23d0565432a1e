"""Explorer for notebook 05: one sample's logits through softmax, with a temperature, and its loss.

``softmax_explorer`` (name ``"softmax-loss"``): three sliders for the logits z = (z_0, z_1, z_2) of one
sample, a dropdown for its label y, and a temperature T. Bars show q = softmax(z / T), the label's bar
in green; the readout gives q, the loss -ln q_y in nats (what ``CrossEntropyLoss`` computes for this
sample at T = 1) and the predicted class. State: ``softmax_state(z0, z1, z2, label, temperature)``.
It starts at the first row of the article's tensor with its label 1 (loss 1.7282 nats).
"""
from __future__ import annotations

import math
from typing import Any

import ipywidgets as widgets
import numpy as np

from helpers import losses
from helpers.explorers._base import Explorer, register
from helpers.plots import PALETTE, label_axes, new_figure

__all__ = ["ARTICLE_ROW", "ARTICLE_LABEL", "slider_range", "softmax_state", "softmax_explorer"]

# The first row of the article's tensor and its target: the explorer's starting point.
ARTICLE_ROW: tuple[float, float, float] = (-0.5215, -0.4240, 0.8907)
ARTICLE_LABEL: int = 1
N_CLASSES = 3
LOGIT_STEP = 0.01   # a slider step; each logit slider's grid passes through its article value
LOGIT_LIMIT = 6.0


def slider_range(start: float, limit: float = LOGIT_LIMIT, step: float = LOGIT_STEP) -> tuple[float, float]:
    """(min, max) of a logit slider within [-limit, limit] whose grid min + k * step holds ``start``.

    The browser snaps a slider's value to its grid; with the grid through ``start`` the slider
    starts exactly at the article's 4-decimal logit.
    """
    below = math.floor((start + limit) / step + 1e-9)
    above = math.floor((limit - start) / step + 1e-9)
    return round(start - below * step, 4), round(start + above * step, 4)


def softmax_state(z0: float, z1: float, z2: float, label: int, temperature: float = 1.0) -> dict[str, Any]:
    """Everything the explorer shows for logits z = (z0, z1, z2), label y and temperature T.

    q = softmax(z / T), q_c = e^(z_c / T) / sum_j e^(z_j / T); loss = -ln q_y = logsumexp(z / T) - z_y / T
    (nats). T = 1 is what ``CrossEntropyLoss`` sees; T -> infinity makes q uniform (loss ln 3),
    T -> 0 puts all mass on the largest logit.

    Raises
    ------
    ValueError
        If ``label`` is not 0, 1 or 2, or ``temperature`` is not a positive finite number.
    """
    if isinstance(label, bool) or not isinstance(label, (int, np.integer)) or not 0 <= label < N_CLASSES:
        raise ValueError(f"label: must be a class index 0, 1 or 2, got {label!r}")
    if isinstance(temperature, bool) or not np.isfinite(temperature) or temperature <= 0:
        raise ValueError(f"temperature: must be a positive finite number, got {temperature!r}")
    z = np.array([z0, z1, z2], dtype=float)
    scaled = z / float(temperature)
    log_q = losses.log_softmax(scaled)
    q = np.exp(log_q)
    return {
        "z": z, "label": int(label), "temperature": float(temperature),
        "q": q, "log_q": log_q, "loss": float(-log_q[label]),
        "predicted": int(np.argmax(q)), "uniform_loss": math.log(N_CLASSES),
    }


class SoftmaxExplorer(Explorer):
    """Logit sliders, a label dropdown and a temperature slider; softmax bars and the loss."""

    name = "softmax-loss"

    def __init__(self) -> None:
        fig, ax = new_figure(figsize=(6.0, 3.2))
        self._ax = ax
        self._bars = ax.bar(range(N_CLASSES), [1 / 3] * N_CLASSES, color=PALETTE["blue"], width=0.6)
        self._texts = [ax.text(c, 0.0, "", ha="center", va="bottom") for c in range(N_CLASSES)]
        ax.axhline(1 / N_CLASSES, color=PALETTE["black"], linestyle=":", linewidth=1.2)
        ax.set_xticks(range(N_CLASSES), [f"class {c}" for c in range(N_CLASSES)])
        ax.set_ylim(0.0, 1.12)
        label_axes(ax, "class c (green: the label y; dotted: 1/3)", "q_c = softmax(z / T)_c")
        self._title = ax.set_title("")
        fig.subplots_adjust(left=0.11, right=0.98, bottom=0.17, top=0.9)  # fixed: no layout pass per frame
        style = {"description_width": "110px"}
        layout = widgets.Layout(width="480px")
        controls: dict[str, widgets.ValueWidget] = {}
        for c, start in enumerate(ARTICLE_ROW):
            low, high = slider_range(start)
            controls[f"z{c}"] = widgets.FloatSlider(value=start, min=low, max=high, step=LOGIT_STEP,
                                                    readout_format=".4f", description=f"logit z_{c}",
                                                    style=style, layout=layout)
        controls["label"] = widgets.Dropdown(options=[(f"class {c}", c) for c in range(N_CLASSES)],
                                             value=ARTICLE_LABEL, description="label y", style=style)
        controls["temperature"] = widgets.FloatLogSlider(value=1.0, base=10, min=-1.0, max=1.0, step=0.02,
                                                         readout_format=".2f", description="temperature T",
                                                         style=style, layout=layout)
        super().__init__(controls, fig, title="Softmax and cross-entropy for one sample")

    def compute(self, z0: float, z1: float, z2: float, label: int, temperature: float) -> dict[str, Any]:
        return softmax_state(z0, z1, z2, label, temperature)

    def draw(self, state: dict[str, Any]) -> None:
        for c, (bar, text) in enumerate(zip(self._bars, self._texts)):
            q_c = float(state["q"][c])
            bar.set_height(q_c)
            bar.set_color(PALETTE["green"] if c == state["label"] else PALETTE["blue"])
            text.set_position((c, q_c + 0.025))
            text.set_text(f"{q_c:.4f}")
        self._title.set_text(f"T = {state['temperature']:.2f}: loss -ln q_{state['label']} = "
                             f"{state['loss']:.4f} nats")

    def describe(self, state: dict[str, Any]) -> list[str]:
        q = ", ".join(f"{v:.4f}" for v in state["q"])
        z = ", ".join(f"{v:.4f}" for v in state["z"])
        y, t = state["label"], state["temperature"]
        verdict = "right" if state["predicted"] == y else "wrong"
        return [
            f"logits z = ({z}), label y = {y}, temperature T = {t:.2f}",
            f"q = softmax(z / T) = ({q}) (probabilities, sum 1)",
            f"loss = -ln q_{y} = {state['loss']:.4f} nats (uniform guess: ln 3 = {state['uniform_loss']:.4f} nats)",
            f"predicted class = {state['predicted']} ({verdict}); q_{y} = {state['q'][y]:.4f}",
        ]


@register("softmax-loss")
def softmax_explorer() -> SoftmaxExplorer:
    """One sample's logits, label and temperature on controls; softmax bars and the loss in nats."""
    return SoftmaxExplorer()
