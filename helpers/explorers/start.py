"""Notebook 00's one-cell check that widgets render and answer: a slider for x, the parabola
y = x^2 with the point (x, x^2) marked, and a readout.

``widget_check()`` shows the live explorer (``WidgetCheck``: computed and drawn in the browser
by ``web/widget_check.js``); ``widget_check_lines`` is the readout it must show. Where widgets do
not render, a viewer shows the ``text/plain`` line instead: it says so and what to do.
"""
from __future__ import annotations

from typing import Any

import traitlets

from helpers.explorers.fmt import fmt
from helpers.explorers.live import LiveExplorer

__all__ = ["square_state", "widget_check_lines", "WidgetCheck", "widget_check", "NO_WIDGETS"]

X_MIN, X_MAX, X_STEP = -2.0, 2.0, 0.1
# What a learner reads where the widget cannot render (JupyterLab without a matching widget
# extension shows this line, or "Error displaying widget"; GitHub's notebook view shows this line).
NO_WIDGETS = ("If you see this line instead of a slider and a parabola, widgets do not render here: "
              "open the course the way the README describes, which installs matching widget extensions.")


def square_state(x: float) -> dict[str, Any]:
    """The state of the widget check: x and x squared."""
    return {"x": float(x), "x2": float(x) ** 2}


def widget_check_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the widget check for a state of ``square_state``."""
    return [f"x = {fmt(state['x'], 1)}, x squared = {fmt(state['x2'], 2)}",
            "If you can read this and the dot follows the slider, widgets work."]


class WidgetCheck(LiveExplorer):
    """A slider for x and the parabola y = x^2 with (x, x^2) marked; drawn in the browser."""

    name = "widget_check"
    title = "Widget check: move the slider"
    specs = ({"name": "x", "label": "x", "kind": "range", "min": X_MIN, "max": X_MAX, "step": X_STEP,
              "digits": 1},)

    x = traitlets.Float(1.0).tag(sync=True)

    @traitlets.validate("x")
    def _check_x(self, proposal: dict[str, Any]) -> float:
        x = float(proposal["value"])
        if not X_MIN <= x <= X_MAX:
            raise traitlets.TraitError(f"x: must lie in [{X_MIN}, {X_MAX}], got {x!r}")
        return x

    def reference(self) -> list[str]:
        return widget_check_lines(square_state(self.x))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        # The plain line is what shows where the widget cannot: the numbers, then what to do.
        data["text/plain"] = f"{self.title} ({self.name}): {self.reference()[0]}. {NO_WIDGETS}"
        return bundle


def widget_check() -> WidgetCheck:
    """Show a slider whose readout and plot answer it: proof that widgets render here."""
    return WidgetCheck()
