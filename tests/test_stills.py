"""The live explorers' still pictures (helpers/explorers/stills/): one per explorer, carried by its
display bundle at its start only, and stored by every committed notebook as shipped."""
from __future__ import annotations

import base64

import nbformat

from helpers.explorers.live import EXPLORER_MIME, LIVE, STILLS
from tests.notebook_run import NOTEBOOKS


def still_of(ex) -> bytes | None:
    bundle = ex._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    return base64.b64decode(data["image/png"]) if "image/png" in data else None


def test_the_folder_holds_one_still_per_explorer() -> None:
    assert sorted(p.stem for p in STILLS.iterdir()) == sorted(LIVE) and len(LIVE) >= 11


def test_the_bundle_ships_the_still_at_the_start_only() -> None:
    for name in ("widget_check", "softmax_loss"):
        assert still_of(LIVE[name]()) == (STILLS / f"{name}.png").read_bytes()
    assert still_of(LIVE["softmax_loss"](temperature=2.0)) is None


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
    assert seen == set(LIVE)
