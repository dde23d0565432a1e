"""Every notebook, run by a real JupyterLab in Chromium: no errors, and every explorer live on the
page, answering the keyboard and the mouse with the readout its Python reference computes.

The explorers are live (``helpers.explorers.live``): they compute and draw in the browser. The
reference for a readout is the same explorer built in this test process and set to the values read
from the page (``tests/support/livedriver.py``): an independent computation of what the page must
show.
"""
from __future__ import annotations

import pytest

from helpers.explorers.live import EXPLORER_MIME
from tests.support import labdriver
from tests.support.livedriver import LiveOnPage, exercise_explorer

from .conftest import RunNotebook


def require_run(run: RunNotebook) -> None:
    if run.run_error:
        pytest.fail(f"{run.path.name} could not be opened and run in JupyterLab: {run.run_error}")


# --- the tests ---------------------------------------------------------------------------------
def test_every_cell_runs_without_error(notebook: RunNotebook) -> None:
    """Run All in JupyterLab: every code cell ran once, in order, without an error output
    (unless tagged raises-exception), and every cell is on the page (windowing off)."""
    require_run(notebook)
    state = notebook.nb.cells()
    tags = labdriver.cell_tags(notebook.source)
    cells = state["cells"]
    assert len(cells) == len(tags), f"JupyterLab shows {len(cells)} cells, the file has {len(tags)}"
    assert state["rendered"] == len(cells), (
        f"only {state['rendered']} of {len(cells)} cells are on the page: windowing is not off")
    problems, counts = [], []
    for i, (cell, cell_tags) in enumerate(zip(cells, tags)):
        if cell["type"] != "code" or not cell["source"].strip():
            continue
        head = cell["source"].strip().splitlines()[0][:60]
        if cell["count"] is None:
            problems.append(f"cell {i} ({head!r}) was not run")
        else:
            counts.append(cell["count"])
        if "raises-exception" in cell_tags:
            continue
        for out in cell["outputs"]:
            if out["output_type"] == "error":
                problems.append(f"cell {i} ({head!r}) raised {out['ename']}: {out['evalue']}")
            elif out["output_type"] == "stream" and out["name"] == "stderr" and "Traceback" in out["text"]:
                problems.append(f"cell {i} ({head!r}) printed a traceback: {out['text'][-300:]}")
    assert not problems, f"{notebook.path.name}:\n- " + "\n- ".join(problems)
    assert counts == list(range(1, len(counts) + 1)), f"cells did not run once each, in order: {counts}"
    assert "Error displaying widget" not in state["text"]


def live_explorers_shown(run: RunNotebook) -> list[str]:
    """The names of the live explorers the notebook shows, in page order (from the stored outputs)."""
    return [out["data"][EXPLORER_MIME]["name"] for cell in run.source["cells"] if cell["cell_type"] == "code"
            for out in cell.get("outputs", []) if EXPLORER_MIME in out.get("data", {})]


def test_live_explorers_follow_their_reference(notebook: RunNotebook) -> None:
    """Every live explorer the notebook shows is on the page, and its readout equals its Python
    reference at first, at random settings, from the keyboard and after a drag."""
    require_run(notebook)
    names = live_explorers_shown(notebook)
    assert names, f"{notebook.path.name} shows no live explorer (every notebook has one; run it and save)"
    page = notebook.nb.page
    page.wait_for_function(f"() => document.querySelectorAll('.jp-Notebook .ce-live').length >= {len(names)}",
                           timeout=60_000)
    on_page = page.evaluate("() => [...document.querySelectorAll('.jp-Notebook .ce-live .ce-readout')]"
                            ".map(r => r.dataset.explorer)")
    assert on_page == names, f"live explorers on the page {on_page}, in the notebook {names}"
    for index, name in enumerate(names):
        explorer = LiveOnPage(page, name, names[:index].count(name))  # the n-th of that name
        explorer.root.scroll_into_view_if_needed()
        exercise_explorer(explorer, seed=index)


def test_every_slide_fits_the_screen_in_deck_mode(notebook: RunNotebook) -> None:
    """JupyterLab's deck mode (jupyterlab-slideshow, the live way to present) shows every screen of
    the notebook whole on a 720p and a 1080p screen, with the deck-mode style every notebook carries
    (``tools/deck_mode.py``): nothing beyond the window, nothing in a scroller, and on 1080p prose of
    at least 24 px and code of at least 20 px, as in the static decks (``tests/site/test_slide_fit.py``)."""
    from tests.support.slidefit import SCREENS, measure_deck_mode

    require_run(notebook)
    page = notebook.nb.page
    problems = []
    try:
        for screen, size in SCREENS.items():
            page.set_viewport_size(size)
            fits = measure_deck_mode(page)
            assert len(fits) >= 15, f"deck mode showed only {len(fits)} screens at {screen}"
            bad = [fit for fit in fits if not fit.fits]
            problems += [f"{screen} cell {fit.h} {fit.report().split(': ', 1)[-1]}" for fit in bad]
            assert sum(fit.explorers for fit in fits) >= len(live_explorers_shown(notebook)), "an explorer is not shown"
            if screen == "1080p":
                fonts = [fit.fonts for fit in fits]
                assert min(f["text"] for f in fonts) >= 24 and min(f["code"] for f in fonts) >= 20, fonts
    finally:
        page.set_viewport_size(labdriver.VIEWPORT)
    assert problems == [], f"{len(problems)} screens do not fit in deck mode:\n  " + "\n  ".join(problems)
