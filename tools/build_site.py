"""``make html``: a static site of the course in ``build/html`` that needs no Python and no network.

``index.html`` is the course map (every notebook in reading order with its lede); each executed
notebook becomes ``NN_name.html`` with previous / contents / next links above and below, its
figures embedded, math typeset by a local MathJax 3, each explorer shown as its initial figure
with a note that it moves in JupyterLab, and hidden solutions folded in ``<details>``.
Links between notebooks point to their pages; links to other files of the repository (e.g. a
helper module) point to a copy of that file under ``_repo/``. ``lecturers.html`` is the lecturer's
guide, rendered from its own document, ``docs/lecturers-guide.md``, and linked from the course map;
its links to notebooks point to their pages too.

Usage: ``python -m tools.build_site [--notebooks DIR] [--out DIR]``.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import jinja2
import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from tools import vendor
from tools.prepare import notebook_lede, notebook_title, prepare, rewrite_notebook_links, unexecuted_cells

__all__ = ["TEMPLATES", "GUIDE", "GUIDE_PAGE", "site_exporter", "clear_repo_files", "localise_repo_links",
           "guide_notebook", "build_guide", "build_site", "main"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = "_static"
REPO_FILES = "_repo"
GUIDE = vendor.ROOT / "docs" / "lecturers-guide.md"
GUIDE_PAGE = "lecturers.html"
TITLE = "Cross-Entropy, Explained"
ABOUT = ("A course in notebooks, from the likelihood of a single coin flip to PyTorch's "
         "CrossEntropyLoss. Read the pages in order; each one builds on the one before.")
NOTE = ("These pages are a static copy of the executed notebooks: explorers show their initial "
        "figure and solutions are folded. Open the notebooks in JupyterLab (or on Binder) to run "
        "the code and move the sliders.")
# A relative Markdown link target: not a URL (scheme:), not an in-page anchor, not a notebook.
_MD_LINK = re.compile(r"(?P<lead>\]\(\s*<?)(?P<target>(?![a-zA-Z][a-zA-Z0-9+.-]*:|#)[^)\s>#]+)(?P<anchor>#[^)\s>]*)?")
# A Markdown link from a document beside notebooks/ (in docs/) to a notebook: ``](../notebooks/01_x.ipynb``.
_SIBLING_NOTEBOOK_LINK = re.compile(r"(?P<lead>\]\(\s*<?)\.\./(?=notebooks/\d\d[a-z]?_[\w-]+\.ipynb)")


def site_exporter() -> HTMLExporter:
    """nbconvert's HTMLExporter with the house site template (JupyterLab look, offline)."""
    return HTMLExporter(template_name="ce_site", extra_template_basedirs=[str(TEMPLATES)],
                        extra_template_paths=[str(TEMPLATES)], embed_images=True)


def clear_repo_files(out: Path) -> None:
    """Remove the copies of repository files a previous build left in ``out/_repo``."""
    if (out / REPO_FILES).exists():
        shutil.rmtree(out / REPO_FILES)


def localise_repo_links(nb: nbformat.NotebookNode, notebook_dir: Path, out: Path) -> list[str]:
    """Copy files of the repository that Markdown links point to into ``out/_repo``; relink.

    Only targets inside the repository that exist are copied; built pages (``*.html``) and
    anything else are left alone. Returns the repository-relative paths copied. The site and the
    decks (``tools/build_slides.py``) both relink this way.
    """
    copied: list[str] = []

    def swap(match: re.Match[str]) -> str:
        target = match["target"]
        if target.endswith(".html"):
            return match[0]
        # a copy of a notebook (built from another folder) links as the original in notebooks/ does
        candidates = [(base / target).resolve() for base in (notebook_dir, vendor.ROOT / "notebooks")]
        source = next((c for c in candidates if c.is_file() and c.is_relative_to(vendor.ROOT)), None)
        if source is None:
            return match[0]
        relative = source.relative_to(vendor.ROOT).as_posix()
        destination = out / REPO_FILES / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        copied.append(relative)
        return f"{match['lead']}{REPO_FILES}/{relative}{match['anchor'] or ''}"

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _MD_LINK.sub(swap, cell.source)
    return copied


def guide_notebook(markdown: str) -> nbformat.NotebookNode:
    """The guide as a notebook of one Markdown cell, its links to notebooks pointing to their pages.

    The guide lives in ``docs/`` and links to ``../notebooks/NN_name.ipynb``; on the site, as from a
    notebook page, such a link becomes ``NN_name.html`` (anchors kept), by the same rewrite.
    """
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        _SIBLING_NOTEBOOK_LINK.sub(lambda match: match["lead"], markdown))])
    rewrite_notebook_links(nb, ".html")
    return nb


def build_guide(guide: Path, out: Path, env: jinja2.Environment) -> dict[str, str]:
    """Write ``out/lecturers.html`` from the Markdown file ``guide``; return its href and title."""
    if not guide.is_file():
        raise FileNotFoundError(f"the lecturer's guide {guide} is missing: the site links to it from the course map")
    nb = guide_notebook(guide.read_text(encoding="utf-8"))
    localise_repo_links(nb, guide.parent, out)
    title = notebook_title(nb, "Lecturer's guide")
    page = env.get_template("ce_common/guide.html.j2").render(
        site_title=TITLE, title=title, body=markdown2html_mistune(nb.cells[0].source), contents="index.html",
        mathjax=f"{STATIC}/mathjax", mathjax_script=vendor.MATHJAX_SCRIPT)
    (out / GUIDE_PAGE).write_text(page, encoding="utf-8")
    return {"href": GUIDE_PAGE, "title": title}


def _page(path: Path) -> dict[str, Any]:
    nb = nbformat.read(path, as_version=4)
    todo = unexecuted_cells(nb)
    if todo:
        raise ValueError(f"{path.name}: code cells {todo} have never run; execute the notebook first (make notebooks)")
    lede = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(notebook_lede(nb))])
    rewrite_notebook_links(lede, ".html")
    return {"path": path, "nb": nb, "stem": path.stem, "href": f"{path.stem}.html",
            "title": notebook_title(nb, path.stem), "lede_html": markdown2html_mistune(lede.cells[0].source)}


def build_site(notebooks: Path, out: Path, guide: Path = GUIDE) -> list[Path]:
    """Build ``out/index.html``, one page per notebook of ``notebooks`` and ``out/lecturers.html``
    from ``guide``; return the pages."""
    paths = sorted(notebooks.glob("*.ipynb"))
    if not paths:
        raise ValueError(f"no notebooks found in {notebooks}")
    out.mkdir(parents=True, exist_ok=True)
    clear_repo_files(out)
    vendor.copy_mathjax(vendor.node_modules(), out / STATIC / "mathjax")
    pages = [_page(path) for path in paths]
    exporter = site_exporter()
    written = []
    for i, page in enumerate(pages):
        nb = prepare(page["nb"], ".html")
        localise_repo_links(nb, page["path"].parent, out)
        nb.metadata["title"] = page["title"]
        neighbour = lambda j: ({"href": pages[j]["href"], "title": pages[j]["title"]}  # noqa: E731
                               if 0 <= j < len(pages) else None)
        resources = {"metadata": {"name": page["stem"], "path": str(page["path"].parent)},
                     "ce": {"mathjax": f"{STATIC}/mathjax", "mathjax_script": vendor.MATHJAX_SCRIPT,
                            "prev": neighbour(i - 1), "next": neighbour(i + 1), "contents": "index.html"}}
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        target = out / page["href"]
        target.write_text(body, encoding="utf-8")
        written.append(target)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False)
    lecturers = build_guide(guide, out, env)
    index = env.get_template("ce_common/course_map.html.j2").render(
        title=TITLE, about=ABOUT, note=NOTE, pages=pages, guide=lecturers,
        mathjax=f"{STATIC}/mathjax", mathjax_script=vendor.MATHJAX_SCRIPT)
    (out / "index.html").write_text(index, encoding="utf-8")
    return [out / "index.html", *written, out / GUIDE_PAGE]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=vendor.ROOT / "notebooks")
    parser.add_argument("--out", type=Path, default=vendor.BUILD / "html")
    args = parser.parse_args(argv)
    for target in build_site(args.notebooks, args.out):
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
