"""The live explorers' still pictures (helpers/explorers/stills/, drawn by tools/stills.py).

In the house style a notebook ships the still from the folder instead of drawing it; these tests
hold that shortcut to what drawing gives: each shipped file is byte for byte what the kernel-drawn
predecessor draws now in the house style, and what every committed notebook stores; in any other
style the still is drawn.
"""
from __future__ import annotations

import base64

import matplotlib as mpl
import nbformat
import pytest

from helpers.explorers import LEGACY, live
from helpers.explorers.live import EXPLORER_MIME, LIVE, STILLS, draw_still
from helpers.plots import style_params
from tests.notebook_run import NOTEBOOKS
from tools.stills import still_names, write_stills


def still_of(ex: live.LiveExplorer) -> bytes | None:
    bundle = ex._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    return base64.b64decode(data["image/png"]) if "image/png" in data else None


def test_the_folder_holds_one_still_per_explorer_with_a_predecessor() -> None:
    assert still_names() == sorted(set(LIVE) & set(LEGACY)) and len(still_names()) >= 11
    assert sorted(p.stem for p in STILLS.iterdir()) == still_names()


@pytest.mark.parametrize("name", still_names())
def test_each_shipped_still_is_what_the_house_style_draws(name) -> None:
    with mpl.rc_context(style_params()):
        drawn = draw_still(name)
    assert drawn.startswith(b"\x89PNG") and (STILLS / f"{name}.png").read_bytes() == drawn, \
        f"{name}: the shipped still is out of date; run `make stills`"


def test_in_the_house_style_the_bundle_ships_the_file_without_drawing(monkeypatch) -> None:
    def no_drawing(name: str) -> bytes:
        raise AssertionError(f"{name}: drawn although the house style is on")

    monkeypatch.setattr(live, "draw_still", no_drawing)
    with mpl.rc_context(style_params()):
        for name in still_names():
            assert still_of(LIVE[name]()) == (STILLS / f"{name}.png").read_bytes()


@pytest.mark.parametrize("params", [style_params(projector=True), mpl.rcParamsDefault],
                         ids=["projector style", "matplotlib's default"])
def test_in_another_style_the_still_is_drawn(params) -> None:
    name = "softmax-loss"
    with mpl.rc_context(params):
        still, drawn = still_of(LIVE[name]()), draw_still(name)
    assert still == drawn and still != (STILLS / f"{name}.png").read_bytes()


def test_no_still_once_the_explorer_has_moved() -> None:
    with mpl.rc_context(style_params()):
        assert still_of(LIVE["softmax-loss"](temperature=2.0)) is None


def test_every_committed_notebook_stores_the_shipped_still() -> None:
    seen = set()
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in nbformat.read(path, 4).cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if EXPLORER_MIME in data:
                    name = data[EXPLORER_MIME]["name"]
                    assert base64.b64decode(data["image/png"]) == (STILLS / f"{name}.png").read_bytes(), \
                        f"{path.name}: {name}'s stored still is not the shipped one"
                    seen.add(name)
    assert seen == set(still_names())


def test_the_tool_writes_the_shipped_stills_and_clears_old_ones(tmp_path) -> None:
    (tmp_path / "renamed-explorer.png").write_bytes(b"old")
    written = write_stills(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.png" for n in still_names())
    assert all(p.read_bytes() == (STILLS / p.name).read_bytes() for p in written)
