"""Explorer for notebook 05: one sample's logits through softmax, with a temperature, and its loss.

``softmax_loss`` (name ``"softmax_loss"``): three sliders for the logits z = (z_0, z_1, z_2) of one
sample, a choice of its label y, and a temperature T. Bars show q = softmax(z / T), the label's bar
in green; the readout gives q, the loss -ln q_y in nats (what ``CrossEntropyLoss`` computes for this
sample at T = 1) and the predicted class. State: ``softmax_state(z0, z1, z2, label, temperature)``.
It starts at the first row of the article's tensor with its label 1 (loss 1.7282 nats).

``softmax_loss()`` shows the live explorer (``SoftmaxLoss``: computed and drawn in the browser by
``web/softmax_loss.js``); ``softmax_lines`` is the readout it must show.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import traitlets

from helpers import losses
from helpers.explorers.fmt import fmt
from helpers.explorers.live import LiveExplorer, Value
from helpers.i18n import N_, tr

__all__ = ["ARTICLE_ROW", "ARTICLE_LABEL", "slider_range", "softmax_state", "softmax_lines", "SoftmaxLoss",
           "softmax_loss"]

# The first row of the article's tensor and its target: the explorer's starting point.
ARTICLE_ROW: tuple[float, float, float] = (-0.5215, -0.4240, 0.8907)
ARTICLE_LABEL: int = 1
N_CLASSES = 3
LOGIT_STEP = 0.01   # a slider step; each logit slider's grid passes through its article value
LOGIT_LIMIT = 6.0
# The live temperature slider is linear: T = 0.1 + k * 0.05 up to 10, with T = 1 on the grid (k = 18).
T_MIN, T_MAX, T_STEP = 0.1, 10.0, 0.05
LABELS = tuple(str(c) for c in range(N_CLASSES))   # the label choice's options: "0", "1", "2"


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
        "q": q, "log_q": log_q, "loss": float(-log_q[label]) + 0.0,   # + 0.0: a sure label reads 0, not -0
        "predicted": int(np.argmax(q)), "uniform_loss": math.log(N_CLASSES),
    }


def softmax_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the softmax explorer for a state of ``softmax_state``."""
    q = ", ".join(fmt(v, 4) for v in state["q"])
    z = ", ".join(fmt(v, 4) for v in state["z"])
    y, t = state["label"], state["temperature"]
    nats = tr("nats")
    fields = {"predicted": state["predicted"], "y": y, "q_y": fmt(state["q"][y], 4)}
    verdict = (tr("predicted class = {predicted} (right); q_{y} = {q_y}", **fields) if state["predicted"] == y
               else tr("predicted class = {predicted} (wrong); q_{y} = {q_y}", **fields))
    return [
        tr("logits z = ({z}), label y = {y}, temperature T = {t}", z=z, y=y, t=fmt(t, 2)),
        tr("q = softmax(z / T) = ({q}) (probabilities, sum 1)", q=q),
        tr("loss = -ln q_{y} = {loss} (uniform guess: ln 3 = {uniform})", y=y, loss=fmt(state["loss"], 4, nats),
           uniform=fmt(state["uniform_loss"], 4, nats)),
        verdict,
    ]


# Each logit slider's label, by class.
_LOGIT_LABELS = (N_("logit z_0"), N_("logit z_1"), N_("logit z_2"))


def _logit_spec(c: int) -> dict[str, Any]:
    low, high = slider_range(ARTICLE_ROW[c])
    return {"name": f"z{c}", "label": _LOGIT_LABELS[c], "kind": "range", "min": low, "max": high,
            "step": LOGIT_STEP, "digits": 4}


class SoftmaxLoss(LiveExplorer):
    """Three logit sliders, a label choice and a temperature slider; softmax bars and the loss, in the browser.

    The logit sliders' grids pass through the article's first row (``slider_range``), which is
    where they start; ``label`` holds the class index as the choice's text ("0", "1" or "2"; an
    int 0, 1 or 2 is accepted and stored as text).
    """

    name = "softmax_loss"
    title = N_("Softmax and cross-entropy for one sample")
    specs = (
        *(_logit_spec(c) for c in range(N_CLASSES)),
        {"name": "label", "label": N_("label y"), "kind": "select", "options": list(LABELS)},
        {"name": "temperature", "label": N_("temperature T"), "kind": "range", "min": T_MIN, "max": T_MAX,
         "step": T_STEP, "digits": 2},
    )
    messages = (
        N_("nats"),
        N_("logits z = ({z}), label y = {y}, temperature T = {t}"),
        N_("q = softmax(z / T) = ({q}) (probabilities, sum 1)"),
        N_("loss = -ln q_{y} = {loss} (uniform guess: ln 3 = {uniform})"),
        N_("predicted class = {predicted} (right); q_{y} = {q_y}"),
        N_("predicted class = {predicted} (wrong); q_{y} = {q_y}"),
        N_("class c (green: the label y; dotted: uniform 1/3)"),
        N_("Softmax probabilities q = softmax(z / T) of one sample, its label's bar in green"),
        N_("y: {q}"),
        N_("Bars of q = softmax(z / T) for classes 0, 1 and 2: {q}; the bar of the label y = {y} is green, a dotted "
           "line marks the uniform 1/3. {readout}"),
    )

    z0 = traitlets.Float(ARTICLE_ROW[0]).tag(sync=True)
    z1 = traitlets.Float(ARTICLE_ROW[1]).tag(sync=True)
    z2 = traitlets.Float(ARTICLE_ROW[2]).tag(sync=True)
    label = Value(str(ARTICLE_LABEL)).tag(sync=True)
    temperature = traitlets.Float(1.0).tag(sync=True)

    @traitlets.validate("z0", "z1", "z2")
    def _check_logit(self, proposal: dict[str, Any]) -> float:
        name = proposal["trait"].name
        low, high = slider_range(ARTICLE_ROW[int(name[1])])
        z = float(proposal["value"])
        if not low <= z <= high:
            raise traitlets.TraitError(f"{name}: must lie in [{low}, {high}] (the slider's range), got {z!r}")
        return z

    @traitlets.validate("label")
    def _check_label(self, proposal: dict[str, Any]) -> str:
        value = proposal["value"]
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            value = str(int(value))
        if value not in LABELS:
            raise traitlets.TraitError(f"label: must be a class index 0, 1 or 2 (or its text), got {proposal['value']!r}")
        return str(value)

    @traitlets.validate("temperature")
    def _check_temperature(self, proposal: dict[str, Any]) -> float:
        t = proposal["value"]
        if isinstance(t, bool) or not T_MIN <= float(t) <= T_MAX:
            raise traitlets.TraitError(f"temperature: must lie in [{T_MIN}, {T_MAX}], got {t!r}")
        return float(t)

    def state_now(self) -> dict[str, Any]:
        """``softmax_state`` for the current control values."""
        return softmax_state(self.z0, self.z1, self.z2, int(self.label), self.temperature)

    def reference(self) -> list[str]:
        return softmax_lines(self.state_now())


def softmax_loss() -> SoftmaxLoss:
    """One sample's logits, label and temperature on controls; softmax bars and the loss in nats, live in the browser."""
    return SoftmaxLoss()
