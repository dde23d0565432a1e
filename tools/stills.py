"""``make stills``: draw every live explorer's still picture into ``helpers/explorers/stills/``.

A live explorer's display bundle carries a still picture of its start (a PNG, as its kernel-drawn
predecessor draws it) for viewers that run neither Python nor JavaScript, such as GitHub's notebook
view. In the house style a notebook reads that picture from ``stills/<name>.png`` instead of drawing
it (``LiveExplorer.static_picture``). Run this after changing an explorer's kernel-drawn
predecessor or the house style; ``tests/test_stills.py`` fails while a shipped still differs from
what it draws, or while one is missing or left over.

Usage: ``python -m tools.stills [--out DIR]`` (default: the package's ``stills/`` folder).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib as mpl

from helpers.explorers import LEGACY
from helpers.explorers.live import LIVE, STILLS, draw_still
from helpers.plots import style_params

__all__ = ["still_names", "write_stills", "main"]


def still_names() -> list[str]:
    """The live explorers that have a still picture: those with a kernel-drawn predecessor."""
    return sorted(name for name in LIVE if name in LEGACY)


def write_stills(out: Path = STILLS) -> list[Path]:
    """Draw each still in the house style into ``out`` (replacing the folder's PNGs); return the files."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    written = []
    for name in still_names():
        with mpl.rc_context(style_params()):
            png = draw_still(name)
        path = out / f"{name}.png"
        path.write_bytes(png)
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
