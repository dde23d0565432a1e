"""``make slides``: one offline reveal.js deck per notebook, ``build/slides/NN_name.slides.html``.

Each deck is ``jupyter nbconvert --to slides`` of the committed (executed) notebook with the
house template ``tools/templates/ce_slides``: reveal.js and MathJax 3 load from ``_static/`` beside
the decks (copied from the npm packages pinned in package.json), so a deck opens from a USB stick
with no network. Explorers move on their slides; hidden solutions stay folded. Links between
notebooks point to their decks; links to other files of the repository (e.g. ``../README.md``)
point to a copy of that file under ``_repo/``, as on the site (``tools/build_site.py``).

Usage: ``python -m tools.build_slides [--notebooks DIR] [--out DIR]``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter

from tools import vendor
from tools.build_site import clear_repo_files, localise_repo_links
from tools.prepare import notebook_title, prepare, unexecuted_cells

__all__ = ["TEMPLATES", "slides_exporter", "build_deck", "build_slides", "main"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = "_static"


def slides_exporter() -> SlidesExporter:
    """nbconvert's SlidesExporter with the offline house template."""
    exporter = SlidesExporter(template_name="ce_slides", extra_template_basedirs=[str(TEMPLATES)],
                              extra_template_paths=[str(TEMPLATES)])
    exporter.reveal_url_prefix = f"{STATIC}/reveal.js"
    exporter.reveal_theme = "white"  # its fonts ship with reveal.js ("simple" pulls Google Fonts)
    exporter.reveal_scroll = True
    exporter.reveal_number = "c/t"
    return exporter


def build_deck(path: Path, out: Path, exporter: SlidesExporter) -> Path:
    """Convert one notebook into ``out/<stem>.slides.html`` and return the file written."""
    nb = nbformat.read(path, as_version=4)
    todo = unexecuted_cells(nb)
    if todo:
        raise ValueError(f"{path.name}: code cells {todo} have never run; execute the notebook first (make notebooks)")
    nb = prepare(nb, ".slides.html", deck=True)
    localise_repo_links(nb, path.parent, out)
    nb.metadata["title"] = notebook_title(nb, path.stem)
    resources = {"metadata": {"name": path.stem, "path": str(path.parent)},
                 "ce": {"reveal": f"{STATIC}/reveal.js", "mathjax": f"{STATIC}/mathjax",
                        "mathjax_script": vendor.MATHJAX_SCRIPT}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    target = out / f"{path.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def build_slides(notebooks: Path, out: Path) -> list[Path]:
    """Build every deck of ``notebooks/*.ipynb`` into ``out`` with its local reveal.js and MathJax."""
    paths = sorted(notebooks.glob("*.ipynb"))
    if not paths:
        raise ValueError(f"no notebooks found in {notebooks}")
    out.mkdir(parents=True, exist_ok=True)
    clear_repo_files(out)
    modules = vendor.node_modules()
    vendor.copy_reveal(modules, out / STATIC / "reveal.js")
    vendor.copy_mathjax(modules, out / STATIC / "mathjax")
    exporter = slides_exporter()
    return [build_deck(path, out, exporter) for path in paths]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=vendor.ROOT / "notebooks")
    parser.add_argument("--out", type=Path, default=vendor.BUILD / "slides")
    args = parser.parse_args(argv)
    for target in build_slides(args.notebooks, args.out):
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
