"""The explorer machinery, on notebook 00's widget check.

The kernel-drawn base class ``Explorer`` (controls drive the readout and the figure; a PNG fallback
is displayed) is tested on the legacy ``start.WidgetCheck``, kept as the latency benchmark's
baseline. The live widget check (``start.WidgetCheckLive``, what ``widget_check()`` shows) is tested
from Python: its reference readout, its traits and specs, and its display bundle.
"""
from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import pytest
import traitlets

from helpers import explorers
from helpers.explorers import start
from helpers.explorers.live import EXPLORER_MIME, LIVE, LiveExplorer

# --- the kernel-drawn base class, on the legacy widget check ------------------------------------


def test_widget_check_follows_its_slider() -> None:
    ex = start.WidgetCheck()
    ex.set(x=1.5)
    assert ex.state == {"x": 1.5, "x2": 2.25}
    assert "x squared = 2.25" in ex.readout_text
    assert list(ex._point.get_xdata()) == [1.5] and list(ex._point.get_ydata()) == [2.25]


def test_moving_a_slider_re_renders_the_image() -> None:
    ex = start.WidgetCheck()
    before = ex.image.value
    ex.controls["x"].value = -1.0
    assert bytes(ex.image.value) != bytes(before) and bytes(ex.image.value).startswith(b"\x89PNG")


def test_display_bundle_has_widget_view_and_png_fallback() -> None:
    bundle = start.WidgetCheck()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert "explorer" in bundle["text/plain"]


def test_readout_is_tagged_with_the_explorer_name() -> None:
    ex = start.WidgetCheck()
    assert 'data-explorer="widget-check"' in ex.readout.value
    assert "ce-explorer-widget-check" in ex.widget._dom_classes


def test_every_registered_factory_builds_its_named_explorer() -> None:
    assert "widget-check" in explorers.REGISTRY
    for name, factory in explorers.REGISTRY.items():
        ex = factory()
        assert ex.name == name
        if isinstance(ex, LiveExplorer):
            assert isinstance(ex, LIVE[name]), f"{name}: a live explorer not in LIVE"
            assert all(ex.reference()), f"{name}: an empty readout line"
        else:
            assert ex.readout_text, f"{name}: empty readout"
            assert f"ce-explorer-{name}" in ex.widget._dom_classes


# --- the live widget check ----------------------------------------------------------------------


def test_widget_check_is_live_and_the_kernel_drawn_one_is_the_baseline() -> None:
    assert explorers.REGISTRY["widget-check"] is explorers.widget_check is start.widget_check
    ex = explorers.widget_check()
    assert isinstance(ex, start.WidgetCheckLive) and LIVE["widget-check"] is start.WidgetCheckLive
    assert ex.values() == {"x": 1.0}
    assert ex.reference() == ["x = 1.0, x squared = 1.00",
                              "If you can read this and the dot follows the slider, widgets work."]
    assert start.LEGACY == {"widget-check": start.WidgetCheck}


@pytest.mark.parametrize("k", range(41))
def test_live_reference_on_every_step_of_the_slider(k: int) -> None:
    """Every value the slider can take (-2 + 0.1 k, as the browser's range input gives it), against
    squares computed from the decimal x (exact integers over 100), never printing "-0.0"."""
    tenths = k - 20
    x = float(f"{tenths / 10:.1f}")
    ex = start.WidgetCheckLive(x=x)
    assert ex.reference()[0] == f"x = {tenths / 10:.1f}, x squared = {tenths * tenths / 100:.2f}"
    assert ex.reference()[0] == f"x = {x + 0.0:.1f}, x squared = {np.square(x):.2f}"
    assert "-0.0" not in " ".join(ex.reference())


def test_live_reference_matches_the_kernel_drawn_readout() -> None:
    for x in (-2.0, -1.3, -0.0, 0.7, 2.0):
        live, baseline = start.WidgetCheckLive(x=x), start.WidgetCheck().set(x=x)
        assert " ".join(live.reference()) == baseline.readout_text


def test_live_controls_match_their_specs_and_refuse_bad_values() -> None:
    ex = start.WidgetCheckLive()
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
    bundle = start.WidgetCheckLive(x=1.5)._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data[EXPLORER_MIME] == {"name": "widget-check", "values": {"x": 1.5}}
    assert "application/vnd.jupyter.widget-view+json" in data
    plain = data["text/plain"]
    assert plain.startswith("Widget check: move the slider (widget-check): x = 1.5, x squared = 2.25.")
    assert "widgets do not render here" in plain and "README" in plain
    assert "widgets work" not in plain  # the plain line shows exactly where they do not


def test_live_state_is_what_the_front_end_reads() -> None:
    state = start.WidgetCheckLive(x=-0.3).state()
    assert state["_name"] == "widget-check" and state["_title"] == "Widget check: move the slider"
    assert state["x"] == -0.3 and state["_controls"][0]["name"] == "x"
    web = Path(start.__file__).with_name("web")
    module = (web / "dist" / "widget_check.js").read_text(encoding="utf-8")   # joined with draw.js (make js)
    assert start.WidgetCheckLive._esm == module and "widget_check_default as default" in module
