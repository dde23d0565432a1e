"""The explorer machinery: controls drive the readout and the figure; a PNG fallback is displayed."""
from __future__ import annotations

import base64

from helpers import explorers


def test_widget_check_follows_its_slider() -> None:
    ex = explorers.widget_check()
    ex.set(x=1.5)
    assert ex.state == {"x": 1.5, "x2": 2.25}
    assert "x squared = 2.25" in ex.readout_text
    assert list(ex._point.get_xdata()) == [1.5] and list(ex._point.get_ydata()) == [2.25]


def test_moving_a_slider_re_renders_the_image() -> None:
    ex = explorers.widget_check()
    before = ex.image.value
    ex.controls["x"].value = -1.0
    assert bytes(ex.image.value) != bytes(before) and bytes(ex.image.value).startswith(b"\x89PNG")


def test_display_bundle_has_widget_view_and_png_fallback() -> None:
    bundle = explorers.widget_check()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert "explorer" in bundle["text/plain"]


def test_readout_is_tagged_with_the_explorer_name() -> None:
    ex = explorers.widget_check()
    assert 'data-explorer="widget-check"' in ex.readout.value
    assert "ce-explorer-widget-check" in ex.widget._dom_classes


def test_every_registered_factory_builds_its_named_explorer() -> None:
    assert "widget-check" in explorers.REGISTRY
    for name, factory in explorers.REGISTRY.items():
        ex = factory()
        assert ex.name == name
        assert ex.readout_text, f"{name}: empty readout"
        assert f"ce-explorer-{name}" in ex.widget._dom_classes
