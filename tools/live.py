"""Live explorers on static pages: the site and the slide decks move their sliders without a kernel.

A live explorer's display bundle carries ``application/vnd.ce.explorer+json`` (its registered
name and control values). ``embed_live_explorers`` turns each such output into HTML that a small
host (``helpers/explorers/web/host.js``) mounts: the explorer's ES module (``_esm``, the one in
``helpers/explorers/web/dist/``, joined with what it imports) and CSS, the state its Python class
gives for those values, and the model interface (get, set, on, save_changes).
Everything is written into the page itself, so it works from ``file://`` with the network off.
"""
from __future__ import annotations

import html
import json
from typing import Any

import nbformat

from helpers.explorers.live import EXPLORER_MIME, LIVE, WEB

__all__ = ["live_state", "explorer_markup", "page_scripts", "embed_live_explorers"]


def _safe_json(value: Any) -> str:
    """JSON that can sit inside a <script> element (no "</" can close it early)."""
    return json.dumps(value).replace("</", "<\\/")


def live_state(name: str, values: dict[str, Any]) -> dict[str, Any]:
    """The synced state of explorer ``name`` set to ``values``: what its front end reads."""
    if name not in LIVE:
        raise ValueError(f"name: no live explorer is registered as {name!r}; known: {sorted(LIVE)}")
    return LIVE[name](**values).state()


def explorer_markup(name: str, values: dict[str, Any], fallback: str = "") -> str:
    """The host element of one explorer: its state as JSON and a text fallback until it mounts."""
    payload = _safe_json({"name": name, "state": live_state(name, values)})
    note = html.escape(fallback or f"{name}: this explorer needs JavaScript.")
    return (f'<div class="ce-live-host" data-ce-explorer="{html.escape(name)}">'
            f'<script type="application/json">{payload}</script>'
            f'<p class="ce-static-fallback">{note}</p></div>')


def page_scripts(names: list[str]) -> str:
    """Each named explorer's module (as inert text) and CSS, then the host that mounts them."""
    parts = []
    for name in dict.fromkeys(names):
        cls = LIVE[name]
        if "</script" in cls._esm.lower():
            raise ValueError(f"name: the module of {name!r} contains '</script', which would end its element")
        parts.append(f'<style data-ce-css="{html.escape(name)}">{cls._css}</style>')
        parts.append(f'<script type="text/plain" data-ce-module="{html.escape(name)}">{cls._esm}</script>')
    parts.append(f'<script type="module">{(WEB / "host.js").read_text(encoding="utf-8")}</script>')
    return "\n".join(parts)


def embed_live_explorers(nb: nbformat.NotebookNode) -> list[str]:
    """Replace every live explorer's output by its host element, and give the first explorer's
    cell one more output with the scripts that mount them all.

    Returns the names of the explorers embedded, in page order. A notebook without live
    explorers is left as it is.
    """
    names: list[str] = []
    first = None
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            spec = output.get("data", {}).get(EXPLORER_MIME)
            if not spec:
                continue
            names.append(spec["name"])
            text = output["data"].get("text/plain", "")
            output["data"] = {"text/html": explorer_markup(spec["name"], spec["values"], text), "text/plain": text}
            cell.metadata["ce_live"] = True
            first = first or cell
    if first is not None:
        first.outputs.append(nbformat.v4.new_output("display_data", data={"text/html": page_scripts(names)}))
    return names
