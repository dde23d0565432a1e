"""The machinery every explorer shares: sliders, a figure sent as a PNG, and a text readout.

An explorer is built from three parts, kept apart so tests can drive each from Python:
- a pure function that computes everything shown from the control values (no widgets);
- ``draw(state)``, which changes the data of artists created once (never rebuilds the figure);
- ``describe(state)``, the readout as short HTML with the numbers and their units.
Moving a control calls ``update()``: compute, redraw in place, re-encode the PNG, set the readout.
"""
from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["Explorer", "REGISTRY", "register", "figure_png", "freeze_layout", "readout_html"]

# Every explorer's factory by the explorer's name. A factory takes no arguments: a notebook
# shows an explorer by calling its factory with the defaults, so tests (and the browser tests)
# can build the very same explorer from its name.
REGISTRY: dict[str, Callable[[], Explorer]] = {}


def register(name: str) -> Callable[[Callable[[], Explorer]], Callable[[], Explorer]]:
    """Decorator: record a no-argument explorer factory under the explorer's ``name``."""
    def decorate(factory: Callable[[], Explorer]) -> Callable[[], Explorer]:
        REGISTRY[name] = factory
        return factory
    return decorate


def figure_png(fig: Figure) -> bytes:
    """Render ``fig`` to PNG bytes with the Agg renderer.

    ``print_png`` on an Agg canvas draws once; ``savefig`` would draw an extra time and reset the
    layout engine. Light compression: the PNG only travels to the browser on this machine.
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    buf = io.BytesIO()
    canvas.print_png(buf, pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def freeze_layout(fig: Figure) -> None:
    """Keep the layout that the last draw computed: later draws skip the (tight) layout pass.

    An explorer's artists change data, not size, so laying the figure out once is enough.
    """
    if fig.get_layout_engine() is not None:
        fig.set_layout_engine("none")


def readout_html(name: str, lines: list[str]) -> str:
    """The readout as HTML: one ``<div>`` a line, the whole tagged with the explorer's name."""
    body = "".join(f"<div>{line}</div>" for line in lines)
    return f'<div class="ce-readout" data-explorer="{html.escape(name)}">{body}</div>'


class Explorer:
    """Base class: subclasses set ``name``, build ``controls`` and ``figure``, and implement
    ``compute``, ``draw`` and ``describe``. Display the instance (last expression of a cell)."""

    name: str = "explorer"

    def __init__(self, controls: Mapping[str, widgets.ValueWidget], figure: Figure | None,
                 title: str = "", extra: list[widgets.Widget] | None = None) -> None:
        self.controls = dict(controls)
        self.figure = figure
        self.state: dict[str, Any] = {}
        self.readout = widgets.HTML()
        self.image = widgets.Image(format="png") if figure is not None else None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        header = [widgets.HTML(f"<b>{html.escape(title)}</b>")] if title else []
        body = [self.image] if self.image is not None else []
        self.widget = widgets.VBox(header + [widgets.VBox(list(self.controls.values())), *(extra or []),
                                             self.readout, *body])
        self.widget.add_class("ce-explorer")
        self.widget.add_class(f"ce-explorer-{self.name}")
        self.update()

    # --- to implement ---------------------------------------------------------------
    def compute(self, **values: Any) -> dict[str, Any]:
        """Everything the explorer shows, from the control values (call a pure function)."""
        raise NotImplementedError

    def draw(self, state: dict[str, Any]) -> None:
        """Change the artists' data to show ``state`` (no new figure)."""

    def describe(self, state: dict[str, Any]) -> list[str]:
        """The readout lines (HTML allowed), numbers with their units."""
        raise NotImplementedError

    # --- shared ---------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {key: control.value for key, control in self.controls.items()}

    def set(self, **values: Any) -> Explorer:
        """Set controls by name, as a learner moving sliders would (each change updates)."""
        for key, value in values.items():
            self.controls[key].value = value
        return self

    def _on_change(self, change: Mapping[str, Any]) -> None:
        self.update()

    def update(self) -> None:
        """Recompute, redraw in place and refresh the readout and the image."""
        self.state = self.compute(**self.values())
        if self.figure is not None:
            self.draw(self.state)
            self.image.value = figure_png(self.figure)
            freeze_layout(self.figure)  # laid out by the first render; later renders reuse it
        self.readout.value = readout_html(self.name, self.describe(self.state))

    @property
    def readout_text(self) -> str:
        """The readout as plain text, white space folded (what a learner reads)."""
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", self.readout.value)).split())

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        if self.image is not None:
            # A static fallback for viewers without a kernel (nbconvert, GitHub): the initial figure.
            data["image/png"] = base64.b64encode(bytes(self.image.value)).decode("ascii")
        data["text/plain"] = f"{type(self).__name__} explorer ({self.name}): run in JupyterLab to move its sliders"
        return bundle
