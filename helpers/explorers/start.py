"""Notebook 00's one-cell check that widgets render and answer."""
from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np

from helpers.explorers._base import Explorer, register
from helpers.plots import label_axes, new_figure

__all__ = ["widget_check", "square_state"]


def square_state(x: float) -> dict[str, Any]:
    """The state of the widget check: x and x squared."""
    return {"x": float(x), "x2": float(x) ** 2}


class WidgetCheck(Explorer):
    """A slider for x, the parabola y = x^2 with the point (x, x^2) marked, and a readout."""

    name = "widget-check"

    def __init__(self) -> None:
        fig, ax = new_figure(figsize=(4.0, 2.6))
        grid = np.linspace(-2, 2, 101)
        ax.plot(grid, grid**2)
        (self._point,) = ax.plot([0.0], [0.0], "o", markersize=10)
        label_axes(ax, "x", "x squared")
        slider = widgets.FloatSlider(value=1.0, min=-2.0, max=2.0, step=0.1, description="x")
        super().__init__({"x": slider}, fig, title="Widget check: move the slider")

    def compute(self, x: float) -> dict[str, Any]:
        return square_state(x)

    def draw(self, state: dict[str, Any]) -> None:
        self._point.set_data([state["x"]], [state["x2"]])

    def describe(self, state: dict[str, Any]) -> list[str]:
        return [f"x = {state['x']:.1f}, x squared = {state['x2']:.2f}",
                "If you can read this and the dot follows the slider, widgets work."]


@register("widget-check")
def widget_check() -> WidgetCheck:
    """Show a slider whose readout and plot answer it: proof that widgets render here."""
    return WidgetCheck()
