"""Notebook 02's explorer: the information content I(p) = -log_b p over p, in a chosen unit."""
from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np

from helpers.explorers._base import Explorer, register
from helpers.info import information_content
from helpers.plots import PALETTE, label_axes, new_figure

__all__ = ["UNIT_BASES", "information_state", "information_explorer"]

# The unit of information each log base gives: bits (log2), nats (ln), dits or hartleys (log10).
UNIT_BASES: dict[str, float | None] = {"bits": 2, "nats": None, "dits": 10}

P_MIN = 0.005   # the smallest p on the slider and the curve: I(0.005) = 7.64 bits
P_STEP = 0.005  # 1/8 = 0.125 and 1/2 are both on the slider's grid
_GRID = np.linspace(P_MIN, 1.0, 200)


def information_state(p: float, unit: str = "bits") -> dict[str, Any]:
    """Everything the information explorer shows, for probability ``p`` and a unit name.

    The curve is I(q) = -log_b q for q on a grid over [0.005, 1]; the marked point is
    (p, I(p)); ``in_units`` gives I(p) in all three units (1 nat = 1/ln 2 bits).

    Parameters
    ----------
    p : float
        The event's probability, in (0, 1].
    unit : str
        'bits', 'nats' or 'dits'.
    """
    if unit not in UNIT_BASES:
        raise ValueError(f"unit: must be one of {tuple(UNIT_BASES)}, got {unit!r}")
    p = float(p)
    if not 0.0 < p <= 1.0:
        raise ValueError(f"p: must lie in (0, 1], got {p!r}")
    base = UNIT_BASES[unit]
    return {
        "p": p,
        "unit": unit,
        "grid": _GRID,
        "curve": np.asarray(information_content(_GRID, base)),
        "info": float(information_content(p, base)),
        "in_units": {name: float(information_content(p, b)) for name, b in UNIT_BASES.items()},
        "y_max": float(information_content(P_MIN, base)),
    }


class InformationExplorer(Explorer):
    """A slider for p and a unit dropdown; the curve I(p) with the chosen p marked."""

    name = "information-content"

    def __init__(self) -> None:
        fig, ax = new_figure(figsize=(6.0, 3.2))
        (self._curve,) = ax.plot(_GRID, np.zeros_like(_GRID), color=PALETTE["blue"])
        (self._drop,) = ax.plot([0.0, 0.0], [0.0, 0.0], ":", color=PALETTE["vermillion"], linewidth=1.5)
        (self._point,) = ax.plot([0.0], [0.0], "o", color=PALETTE["vermillion"], markersize=9)
        self._label = ax.text(0.0, 0.0, "", color=PALETTE["vermillion"], va="bottom")
        ax.set_xlim(0.0, 1.02)
        self._ax = ax
        label_axes(ax, "probability p of the event", "I(p) (bits)", "Information content I(p) = -log p")
        controls = {
            "p": widgets.FloatSlider(value=0.125, min=P_MIN, max=1.0, step=P_STEP, readout_format=".3f",
                                     description="p", continuous_update=True),
            "unit": widgets.Dropdown(options=list(UNIT_BASES), value="bits", description="unit"),
        }
        super().__init__(controls, fig, title="Information content: move p, change the unit")

    def compute(self, p: float, unit: str) -> dict[str, Any]:
        return information_state(p, unit)

    def draw(self, state: dict[str, Any]) -> None:
        p, info, unit = state["p"], state["info"], state["unit"]
        self._curve.set_ydata(state["curve"])
        self._drop.set_data([p, p], [0.0, info])
        self._point.set_data([p], [info])
        self._label.set_position((p + 0.02, info + 0.03 * state["y_max"]))
        self._label.set_text(f"{info:.3f} {unit}")
        self._ax.set_ylim(-0.03 * state["y_max"], 1.08 * state["y_max"])
        self._ax.yaxis.label.set_text(f"I(p) ({unit})")

    def describe(self, state: dict[str, Any]) -> list[str]:
        u = state["in_units"]
        lines = [f"p = {state['p']:.3f}: I = {state['info']:.4f} {state['unit']}",
                 f"the same in every unit: {u['bits']:.4f} bits = {u['nats']:.4f} nats = {u['dits']:.4f} dits"]
        if state["p"] < 1.0:
            lines.append(f"as surprising as {u['bits']:.2f} fair coin flips all landing heads")
        else:
            lines.append("a certain event: no surprise, no information")
        return lines


@register("information-content")
def information_explorer() -> InformationExplorer:
    """Show I(p) = -log p over p with a slider for p and a dropdown for the unit."""
    return InformationExplorer()
