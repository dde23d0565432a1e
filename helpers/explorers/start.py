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
from helpers.explorers.live import LiveExplorer, translated
from helpers.i18n import N_, tr

__all__ = ["square_state", "widget_check_lines", "WidgetCheck", "widget_check", "NO_WIDGETS"]

X_MIN, X_MAX, X_STEP = -2.0, 2.0, 0.1
# What a learner reads where the widget cannot render (JupyterLab without a matching widget
# extension shows this line, or "Error displaying widget"; GitHub's notebook view shows this line).
NO_WIDGETS = N_("If you see this line instead of a slider and a parabola, widgets do not render here: "
                "open the course the way the README describes, which installs matching widget extensions.")


def square_state(x: float) -> dict[str, Any]:
    """The state of the widget check: x and x squared."""
    return {"x": float(x), "x2": float(x) ** 2}


def widget_check_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the widget check for a state of ``square_state``."""
    return [tr("x = {x}, x squared = {x2}", x=fmt(state["x"], 1), x2=fmt(state["x2"], 2)),
            tr("If you can read this and the dot follows the slider, widgets work.")]


class WidgetCheck(LiveExplorer):
    """A slider for x and the parabola y = x^2 with (x, x^2) marked; drawn in the browser."""

    name = "widget_check"
    title = N_("Widget check: move the slider")
    specs = ({"name": "x", "label": "x", "kind": "range", "min": X_MIN, "max": X_MAX, "step": X_STEP,
              "digits": 1},)
    messages = (
        N_("x = {x}, x squared = {x2}"),
        N_("If you can read this and the dot follows the slider, widgets work."),
        N_("x squared"),
        N_("The parabola y = x² with the point (x, x²) marked"),
        N_("the parabola y = x²"),
        N_("The parabola y = x² for x from −2 to 2. The marked point is at x = {x}, x squared = {x2}; "
           "it moves along the parabola with the slider."),
    )

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
        data["text/plain"] = tr("{title} ({name}): {numbers}. {advice}", title=translated(self.title), name=self.name,
                                numbers=self.reference()[0], advice=translated(NO_WIDGETS))
        return bundle


def widget_check() -> WidgetCheck:
    """Show a slider whose readout and plot answer it: proof that widgets render here."""
    return WidgetCheck()
