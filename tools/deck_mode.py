"""``make deck-mode``: give every notebook the style of JupyterLab's deck mode (jupyterlab-slideshow).

Deck mode presents a notebook's slideshow metadata inside JupyterLab, with a live kernel, so the
explorers answer their sliders on the slides. Out of the box it shows JupyterLab's 13–14 px type at
the window's size, prompts hidden, and a slide taller than the window scrolls. The notebook's
metadata can carry a style of its own (the ``@deathbeds/jupyterlab-fonts`` key, which
jupyterlab-slideshow installs and reads; ``:root`` is the notebook panel, and ``&.jp-Deck`` is that
panel while it presents), so the same look travels with the notebook to any JupyterLab with the
extension (``make lab``, a hub, Binder). It gives deck mode the static decks' layout
(``tools/templates/ce_slides/deck.css``): 20 px prose and 16 px code on a slide about 1,320 px wide
and 770 px tall, zoomed to the screen (×1.4 on a 1080p screen), figures and explorers without the
code that draws them, explorers with their controls beside the drawing. Outside deck mode the style
changes nothing: a learner's notebook looks as JupyterLab always draws it.

``tests/browser/test_deck_mode.py`` measures every slide in deck mode at 1280 × 720 and 1920 × 1080;
``tests/site/test_slide_structure.py`` checks that every notebook carries this style.

Usage: ``python -m tools.deck_mode [--check] [NOTEBOOK ...]`` (default: every notebook).
"""
from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path
from typing import Any

import nbformat

__all__ = ["KEY", "STYLE", "ZOOMS", "deck_style", "apply_deck_style", "main"]

KEY = "@deathbeds/jupyterlab-fonts"
DECK = "&.jp-Deck"
# Screen height (px) from which a zoom applies. The slide is about 770 px tall here (zoom = height
# / 770, rounded down): a little more room than the decks' 720, since JupyterLab's sidebars take
# some of the width and its code cells more padding. Text stays at least 28 px on a 1080p screen.
ZOOMS = {700: 0.93, 860: 1.12, 1000: 1.4, 1400: 1.87}


def deck_style() -> dict[str, Any]:
    """The jupyterlab-fonts metadata of a notebook: a style that applies only in deck mode."""
    root: dict[str, Any] = {
        DECK: {"--jp-content-font-size1": "20px", "--jp-ui-font-size1": "20px", "--jp-code-font-size": "16px",
               "--jp-cell-prompt-width": "0px"},
        # a figure or an explorer is the point of its slide, not the code that draws it
        f"{DECK} .jp-CodeCell:has(.jp-OutputArea-output img, .ce-live) .jp-Cell-inputWrapper": {"display": "none"},
        f"{DECK} .ce-live": {"max-width": "none", "font-size": "18px"},
        f"{DECK} .ce-live .ce-plot": {"max-height": "560px"},
        # the decks' spacing (deck.css): JupyterLab's roomier tables and paragraphs would not fit
        f"{DECK} .jp-RenderedHTMLCommon": {"line-height": "1.35"},
        f"{DECK} .jp-RenderedHTMLCommon td, {DECK} .jp-RenderedHTMLCommon th": {"padding": "0.2em 0.5em"},
        f"{DECK} .jp-RenderedHTMLCommon p, {DECK} .jp-RenderedHTMLCommon ul, {DECK} .jp-RenderedHTMLCommon ol":
            {"margin-bottom": "0.45em"},
    }
    heights = sorted(ZOOMS)
    for low, high in zip(heights, [*heights[1:], None]):
        zoom = ZOOMS[low]
        query = f"(min-height: {low}px)" + (f" and (max-height: {high - 1}px)" if high else "")
        root[f"@media {query}"] = {f"{DECK} .jp-Notebook": {"zoom": f"{zoom:g}", "max-height": f"{100 / zoom:.3f}vh"}}
    return {"styles": {":root": root}}


STYLE = deck_style()


def apply_deck_style(nb: nbformat.NotebookNode) -> bool:
    """Set the deck-mode style in ``nb``'s metadata; True if it changed."""
    if nb.metadata.get(KEY) == STYLE:
        return False
    nb.metadata[KEY] = copy.deepcopy(STYLE)
    return True


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="only report notebooks without the style (exit 1)")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((root / "notebooks").glob("*.ipynb"))
    stale = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if apply_deck_style(nb):
            stale.append(path)
            if not args.check:
                nbformat.write(nb, path)
    for path in stale:
        print(f"{'lacks the deck-mode style' if args.check else 'styled'}: {path}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
