"""helpers.explorers.start (notebook 00): the widget check's reference readout on every step of its
slider, its specs, and the line it shows where widgets do not render. What every explorer shares
(controls and specs, bad values, display bundle, the module's readout in Node at many settings, the
still) is tests/test_explorers_live.py's."""
from __future__ import annotations

import numpy as np
import pytest
import traitlets

from helpers import explorers
from helpers.explorers import start
from helpers.explorers.live import EXPLORER_MIME, LIVE


def test_widget_check_starts_at_x_1() -> None:
    assert explorers.widget_check is start.widget_check
    ex = explorers.widget_check()
    assert isinstance(ex, start.WidgetCheck) and LIVE["widget_check"] is start.WidgetCheck
    assert ex.values() == {"x": 1.0}
    assert ex.reference() == ["x = 1.0, x squared = 1.00",
                              "If you can read this and the dot follows the slider, widgets work."]


@pytest.mark.parametrize("k", range(41))
def test_live_reference_on_every_step_of_the_slider(k: int) -> None:
    """Every value the slider can take (-2 + 0.1 k, as the browser's range input gives it), against
    squares computed from the decimal x (exact integers over 100), never printing "-0.0"."""
    tenths = k - 20
    x = float(f"{tenths / 10:.1f}")
    ex = start.WidgetCheck(x=x)
    assert ex.reference()[0] == f"x = {tenths / 10:.1f}, x squared = {tenths * tenths / 100:.2f}"
    assert ex.reference()[0] == f"x = {x + 0.0:.1f}, x squared = {np.square(x):.2f}"
    assert "-0.0" not in " ".join(ex.reference())


def test_live_controls_match_their_specs_and_refuse_bad_values() -> None:
    ex = start.WidgetCheck()
    assert ex.controls == ("x",)
    assert ex._controls == [{"name": "x", "label": "x", "kind": "range", "min": -2.0, "max": 2.0, "step": 0.1,
                             "digits": 1}]
    spec = ex._controls[0]
    assert spec["min"] <= ex.x <= spec["max"]
    for bad in (-2.1, 2.5, float("nan")):
        with pytest.raises(traitlets.TraitError, match="^x:"):
            ex.x = bad
    with pytest.raises(ValueError, match="^y: not a control"):
        ex.set(y=0.5)
    assert ex.set(x=-0.5).x == -0.5


def test_live_display_bundle_names_the_explorer_and_says_what_to_do_without_widgets() -> None:
    bundle = start.WidgetCheck(x=1.5)._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data[EXPLORER_MIME] == {"name": "widget_check", "values": {"x": 1.5}}
    assert "application/vnd.jupyter.widget-view+json" in data
    plain = data["text/plain"]
    assert plain.startswith("Widget check: move the slider (widget_check): x = 1.5, x squared = 2.25.")
    assert "widgets do not render here" in plain and "README" in plain
    assert "widgets work" not in plain  # the plain line shows exactly where they do not
