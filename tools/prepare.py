"""What both builds do to a notebook before nbconvert renders it (pure functions, no I/O).

- Live explorers (``helpers.explorers.live``) are embedded with their own module and a small host,
  so they move on the page with no kernel and no network (``tools/live.py``).
- Other explorers: the display bundle of an explorer holds a widget view and, beside it, a PNG of its
  initial figure. Without a kernel the widget view cannot move, so it is dropped (and with it the
  notebook's saved widget state, which would pull a widget renderer from a CDN) and the PNG shows,
  followed by a note that the explorer moves in JupyterLab.
- Links between notebooks (``03_entropy.ipynb#Section``) point to the built page instead.
- The title and the lede of a notebook, for the course map.
"""
from __future__ import annotations

import copy
import re
from typing import Any

import nbformat

from tools.live import embed_live_explorers

__all__ = [
    "WIDGET_VIEW", "EXPLORER_NOTE", "is_explorer_output", "show_explorers_as_figures",
    "rewrite_notebook_links", "unlink_solutions", "notebook_title", "notebook_lede", "unexecuted_cells", "prepare",
    "slide_type", "is_explorer_cell", "slide_pages", "shows_a_figure", "hide_code_of_figures",
]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
EXPLORER_NOTE = ("This explorer is shown in its initial state. Open the notebook in JupyterLab "
                 "(or on Binder) to move its sliders.")
# A link target naming a notebook of the collection, e.g. ``04_cross_entropy.ipynb#KL``.
_NOTEBOOK_LINK = re.compile(r"(?P<lead>\]\(\s*<?|href=[\"'])(?:\./)?(?:notebooks/)?(?P<stem>\d\d[a-z]?_[\w-]+)\.ipynb(?P<anchor>#[^)\s\"'>]*)?")


def is_explorer_output(output: dict[str, Any]) -> bool:
    """True for a display output that carries a widget view (an explorer or any other widget)."""
    return WIDGET_VIEW in output.get("data", {})


def show_explorers_as_figures(nb: nbformat.NotebookNode) -> int:
    """Replace every widget view by its static fallback plus a note; return how many were changed.

    The explorer's bundle keeps its still picture (the start) and ``text/plain``; a new
    display output with the note follows it. The cell is marked ``ce_explorer`` in its metadata so
    the templates can style it. The notebook's saved widget state is removed.
    """
    nb.metadata.pop("widgets", None)
    changed = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            outputs.append(output)
            if is_explorer_output(output):
                del output["data"][WIDGET_VIEW]
                outputs.append(nbformat.v4.new_output(
                    "display_data",
                    data={"text/html": f'<p class="ce-explorer-note">{EXPLORER_NOTE}</p>',
                          "text/plain": EXPLORER_NOTE}))
                cell.metadata["ce_explorer"] = True
                changed += 1
        cell.outputs = outputs
    return changed


def rewrite_notebook_links(nb: nbformat.NotebookNode, suffix: str) -> int:
    """Point Markdown and HTML links to ``NN_name.ipynb`` at ``NN_name<suffix>`` (anchors kept).

    Returns the number of links rewritten. ``suffix`` is ``.html`` for the site and
    ``.slides.html`` for the decks.
    """
    count = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"{match['lead']}{match['stem']}{suffix}{match['anchor'] or ''}"

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _NOTEBOOK_LINK.sub(swap, cell.source)
    return count


# A link to a solution: ``[Solution](#Solution-to-Exercise-2)``, ``[Solutions](#Solutions)``, or into another
# notebook's solutions (``02_information_content.ipynb#Solution-to-Exercise-4``).
_SOLUTION_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?:[\w-]+\.ipynb)?#Solutions?(?:-[\w-]*)?\)")


def unlink_solutions(nb: nbformat.NotebookNode) -> int:
    """Take the links to solutions out of the Markdown (a deck skips the solutions, so they would
    lead nowhere): a bare ``[Solution](...)`` after an exercise goes, any other keeps its text.

    Returns the number of links taken out.
    """
    count = 0

    def unlink(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return "" if match["text"] == "Solution" else match["text"]

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _SOLUTION_LINK.sub(unlink, cell.source).rstrip()
    return count


def _plain(markdown: str) -> str:
    """Markdown inline text without emphasis, code ticks or link syntax."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[*_`]", "", text).strip()


def shows_a_figure(cell: nbformat.NotebookNode) -> bool:
    """True for a code cell whose output is a picture or an explorer (live, or its still)."""
    if cell.cell_type != "code":
        return False
    if cell.metadata.get("ce_live") or cell.metadata.get("ce_explorer") or is_explorer_cell(cell):
        return True
    return any("image/png" in output.get("data", {}) or "image/svg+xml" in output.get("data", {})
               for output in cell.get("outputs", []))


def hide_code_of_figures(nb: nbformat.NotebookNode) -> int:
    """On a slide a figure or an explorer is the point, not the code that draws it: mark those code
    cells so that nbconvert leaves their source out (``transient.remove_source``, as its
    TagRemovePreprocessor does). Returns the number of cells marked."""
    count = 0
    for cell in nb.cells:
        if shows_a_figure(cell):
            cell.metadata["transient"] = {"remove_source": True}
            count += 1
    return count


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The text of the first level-1 heading of the notebook, or ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+?)\s*#*\s*$", cell.source, flags=re.MULTILINE)
            if match:
                return _plain(match[1])
    return fallback


def notebook_lede(nb: nbformat.NotebookNode) -> str:
    """The first paragraph of prose after the title (Markdown, math left as is), or ''."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for block in re.split(r"\n\s*\n", cell.source):
            block = block.strip()
            if block and not block.startswith(("#", ">", "-", "*", "|", "<", "$$", "1.")):
                return block
    return ""


def unexecuted_cells(nb: nbformat.NotebookNode) -> list[int]:
    """Indices of code cells with source that were never run (no execution count)."""
    return [i for i, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and cell.source.strip() and cell.get("execution_count") is None]


def prepare(nb: nbformat.NotebookNode, link_suffix: str, deck: bool = False) -> nbformat.NotebookNode:
    """A copy of ``nb`` ready for a static page: explorers as figures, links to built pages; for a
    deck (``deck=True``), which skips the solutions, no link to a solution and no code above a figure."""
    nb = copy.deepcopy(nb)
    embed_live_explorers(nb)  # live explorers move on the page; the others show their initial figure
    show_explorers_as_figures(nb)
    if deck:
        unlink_solutions(nb)
        hide_code_of_figures(nb)
    rewrite_notebook_links(nb, link_suffix)
    return nb


def slide_type(cell: nbformat.NotebookNode) -> str:
    """The cell's ``slideshow.slide_type``; a cell without one continues the slide (``-``)."""
    return cell.metadata.get("slideshow", {}).get("slide_type", "-") or "-"


def is_explorer_cell(cell: nbformat.NotebookNode) -> bool:
    """True for a code cell that shows an explorer (a widget view among its stored outputs, or,
    in a notebook not yet run, a bare call ``explorers.name()`` as its last line)."""
    if cell.cell_type != "code":
        return False
    if any(is_explorer_output(output) for output in cell.get("outputs", [])):
        return True
    lines = [line for line in cell.source.strip().splitlines() if line.strip()]
    return bool(lines) and re.fullmatch(r"explorers\.\w+\(\s*\)", lines[-1].strip()) is not None


def slide_pages(nb: nbformat.NotebookNode) -> list[list[int]]:
    """The pages of the slideshow as lists of indices of the cells visible on them.

    A ``slide`` or ``subslide`` cell starts a page (a subslide is a page of its own in reveal.js
    and RISE); ``-`` and ``fragment`` cells join the current page; ``skip`` and ``notes`` cells are
    not shown. Visible cells before the first ``slide`` form a page of their own (a slideshow
    without a proper first slide).
    """
    pages: list[list[int]] = []
    for index, cell in enumerate(nb.cells):
        kind = slide_type(cell)
        if kind in ("skip", "notes"):
            continue
        if kind in ("slide", "subslide") or not pages:
            pages.append([])
        pages[-1].append(index)
    return pages
