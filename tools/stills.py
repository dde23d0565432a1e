"""``make stills``: draw every explorer's still picture into ``helpers/explorers/stills/<name>.svg``.

An explorer's display bundle carries a still picture of its start (``image/svg+xml``) for viewers
that run neither Python nor JavaScript, such as GitHub's notebook view. The picture is what the
explorer's own ES module draws from its initial state: ``tools/render_explorer.mjs`` runs the
module (the very text anywidget gets) in Node with a DOM shim and returns the readout and the
drawing as one standalone SVG. Learners have no Node, so the kernel reads the file written here
(``LiveExplorer.static_picture``). Run this after changing an explorer's module, its start or
``explorer.css``; ``tests/test_stills.py`` fails while a stored still differs from what the module
draws now.

``render`` is the one way the repository runs an explorer's module outside a browser; the tests
use it too (readouts at many settings against the Python ``reference()``).

Usage: ``python -m tools.stills [--out DIR]`` (default: the package's ``stills/`` folder).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from helpers import i18n
from helpers.explorers.live import LIVE, STILL_NOTE, STILLS, LiveExplorer, translated
from tools.vendor import ROOT, node_modules

__all__ = ["RENDERER", "job", "render", "still_svg", "write_stills", "main"]

RENDERER = ROOT / "tools" / "render_explorer.mjs"


def job(explorer: LiveExplorer, settings: Iterable[Mapping[str, Any]] = (), probe: str | None = None,
        probe_input: Any = None) -> dict[str, Any]:
    """What the renderer needs of ``explorer``: its module and CSS as anywidget gets them, its state,
    and the control settings (each applied to that state) whose readouts are wanted. ``probe``, for
    tests of the module's own arithmetic: the source of a JavaScript function placed at the end of
    the module (it sees the module's functions), called with ``probe_input``."""
    return {"name": explorer.name, "title": translated(explorer.title), "note": translated(STILL_NOTE),
            "esm": explorer._esm, "css": explorer._css,
            "state": explorer.state(), "settings": [dict(s) for s in settings], "probe": probe,
            "probeInput": probe_input}


def render(jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Run ``tools/render_explorer.mjs`` over ``jobs`` (see ``job``) in one Node process.

    Returns, for each job, ``lines`` (the readout at its state), ``svg`` (the still at its state),
    ``readouts`` (the readout at each setting) and ``probe`` (the probe's value, or None). Raises RuntimeError when Node is missing or fails.
    """
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node not found: install Node.js to draw the explorers' stills")
    request = json.dumps({"npm": str(node_modules().parent), "jobs": jobs})
    run = subprocess.run([node, str(RENDERER)], input=request, capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        raise RuntimeError(f"{RENDERER.name} failed:\n{run.stderr}")
    return json.loads(run.stdout)


def still_svg(name: str) -> str:
    """The still of explorer ``name`` at its start, drawn now by its module: SVG text."""
    return render([job(LIVE[name]())])[0]["svg"]


def write_stills(out: Path = STILLS) -> list[Path]:
    """Draw every explorer's still into ``out`` in English and into ``out/<language>/`` in each other
    language of the course (replacing the folders' pictures); return the files."""
    written = _write_stills(out, "en")
    for language in i18n.LANGUAGES[1:]:
        written += _write_stills(out / language, language)
    return written


def _write_stills(out: Path, language: str) -> list[Path]:
    was = i18n.language()
    i18n.use_language(language)
    try:
        answers = render([job(LIVE[name]()) for name in sorted(LIVE)])
    finally:
        i18n.use_language(was)
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.png"), *out.glob("*.svg")]:
        old.unlink()
    written = []
    for name, answer in zip(sorted(LIVE), answers, strict=True):
        path = out / f"{name}.svg"
        path.write_text(answer["svg"], encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=STILLS, help="folder to write (default: %(default)s)")
    args = parser.parse_args(argv)
    for path in write_stills(args.out):
        print(f"{path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
