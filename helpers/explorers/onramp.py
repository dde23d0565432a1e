"""The explorer of notebook 00a: a live computation graph for s = w x + b, L = (s - t)^2.

``computation_graph`` (name ``"computation_graph"``, ``ComputationGraph``, ``web/computation_graph.js``):
sliders for the inputs x, w, b and the target t; the graph drawn as SVG, each node with its value
(the forward pass) and each edge with the derivative of L with respect to the node it leaves (the
backward pass, by the chain rule). State: ``graph_state(x, w, b, t)``; readout: ``graph_lines``.
"""
from __future__ import annotations

import math
from typing import Any

import traitlets

from helpers.explorers.fmt import fmt
from helpers.explorers.live import LiveExplorer
from helpers.i18n import N_, tr

__all__ = ["graph_state", "graph_lines", "ComputationGraph", "computation_graph"]

X_MIN, X_MAX = -3.0, 3.0   # x and t
W_MIN, W_MAX = -2.0, 2.0   # w and b
STEP = 0.1


def graph_state(x: float, w: float, b: float, t: float) -> dict[str, float]:
    """The forward and backward pass of s = w x + b, L = (s - t)^2.

    Forward: s = w x + b, L = (s - t)^2. Backward (chain rule): dL/ds = 2 (s - t), dL/dw = dL/ds * x,
    dL/db = dL/ds * 1, dL/dx = dL/ds * w, dL/dt = -dL/ds.

    Raises
    ------
    ValueError
        If an input is not a finite number (naming it).
    """
    values = {"x": x, "w": w, "b": b, "t": t}
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError(f"{key}: must be a finite number, got {value!r}")
    x, w, b, t = float(x), float(w), float(b), float(t)
    s = w * x + b
    d = s - t
    loss = d * d
    dl_ds = 2.0 * d
    return {"x": x, "w": w, "b": b, "t": t, "s": s, "L": loss, "dL_ds": dl_ds,
            "dL_dw": dl_ds * x, "dL_db": dl_ds * 1.0, "dL_dx": dl_ds * w, "dL_dt": -dl_ds}


def graph_lines(state: dict[str, float]) -> list[str]:
    """The readout of the computation-graph explorer for a state of ``graph_state``."""
    f = {key: fmt(value, 4) for key, value in state.items()}
    return [tr("forward: s = w·x + b = {s}, L = (s − t)² = {L}", s=f["s"], L=f["L"]),
            tr("backward: dL/ds = 2(s − t) = {dL_ds}, dL/dt = {dL_dt}", dL_ds=f["dL_ds"], dL_dt=f["dL_dt"]),
            tr("dL/dw = dL/ds · x = {dL_dw}, dL/db = dL/ds · 1 = {dL_db}, dL/dx = dL/ds · w = {dL_dx}",
               dL_dw=f["dL_dw"], dL_db=f["dL_db"], dL_dx=f["dL_dx"])]


def _range(name: str, low: float, high: float) -> dict[str, Any]:
    return {"name": name, "label": name, "kind": "range", "min": low, "max": high, "step": STEP, "digits": 1}


class ComputationGraph(LiveExplorer):
    """Sliders for x, w, b, t; the graph of s = w x + b, L = (s - t)^2 with values and derivatives."""

    name = "computation_graph"
    title = N_("A computation graph: s = w·x + b, L = (s − t)²")
    specs = (_range("x", X_MIN, X_MAX), _range("w", W_MIN, W_MAX), _range("b", W_MIN, W_MAX),
             _range("t", X_MIN, X_MAX))
    messages = (
        N_("forward: s = w·x + b = {s}, L = (s − t)² = {L}"),
        N_("backward: dL/ds = 2(s − t) = {dL_ds}, dL/dt = {dL_dt}"),
        N_("dL/dw = dL/ds · x = {dL_dw}, dL/db = dL/ds · 1 = {dL_db}, dL/dx = dL/ds · w = {dL_dx}"),
        N_("The computation graph of s = w·x + b and L = (s − t)²"),
        N_("boxes: values (forward) · on each edge: dL/d(its input) (backward)"),
        N_("Inputs x = {x}, w = {w}, b = {b} feed s; s and the target t = {t} feed L. {readout}"),
    )

    x = traitlets.Float(2.0).tag(sync=True)
    w = traitlets.Float(0.5).tag(sync=True)
    b = traitlets.Float(-0.5).tag(sync=True)
    t = traitlets.Float(1.0).tag(sync=True)

    @traitlets.validate("x", "w", "b", "t")
    def _check(self, proposal: dict[str, Any]) -> float:
        name = proposal["trait"].name
        value = float(proposal["value"])
        spec = next(s for s in self.specs if s["name"] == name)
        if not spec["min"] <= value <= spec["max"]:
            raise traitlets.TraitError(f"{name}: must lie in [{spec['min']}, {spec['max']}], got {value!r}")
        return value

    def reference(self) -> list[str]:
        return graph_lines(graph_state(self.x, self.w, self.b, self.t))


def computation_graph() -> ComputationGraph:
    """Show the live computation graph of s = w x + b, L = (s - t)^2 (notebook 00a)."""
    return ComputationGraph()
