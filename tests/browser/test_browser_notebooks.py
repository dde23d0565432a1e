"""Every notebook, run by a real JupyterLab in Chromium: no errors, every explorer rendered, and
every slider answering the keyboard and the mouse with the readout its formula gives.

The reference for a readout is the same explorer built in this test process from the registry
(``REGISTRY[name]()``, the no-argument factory the notebook calls) and moved to the values read
from the page: an independent computation of what the page must show.
"""
from __future__ import annotations

import math
from typing import Any

import ipywidgets as widgets
import pytest

from helpers.explorers import REGISTRY
from helpers.explorers.live import EXPLORER_MIME

from . import labdriver
from .conftest import RunNotebook
from .livedriver import LiveOnPage, exercise_explorer

KEY_STEPS = 5  # arrow presses per keyboard move: enough for every readout to change visibly


# --- the controls, as Python sees them ---------------------------------------------------------
def control_kind(control: widgets.Widget) -> str:
    """'slider' or 'dropdown' (how the page shows it), 'other' for a control these tests cannot move."""
    if isinstance(control, (widgets.IntSlider, widgets.FloatSlider, widgets.FloatLogSlider,
                            widgets.SelectionSlider)):
        return "slider"
    if isinstance(control, widgets.Dropdown):
        return "dropdown"
    return "other"


def slider_space(control: widgets.Widget) -> tuple[float, float, float]:
    """(low, high, step) of the slider's position on the page: an index for SelectionSlider,
    the exponent for FloatLogSlider, else the value itself."""
    if isinstance(control, widgets.SelectionSlider):
        return 0.0, float(len(control.options) - 1), 1.0
    return float(control.min), float(control.max), float(control.step)


def apply_position(control: widgets.Widget, position: float) -> None:
    """Set the Python control to what the page's control sends to the kernel at ``position``."""
    if isinstance(control, (widgets.SelectionSlider, widgets.Dropdown)):
        control.index = int(round(position))
    elif isinstance(control, widgets.FloatLogSlider):
        control.value = control.base ** position  # ipywidgets sends Math.pow(base, position)
    elif isinstance(control, widgets.IntSlider):
        control.value = int(round(position))
    else:
        control.value = float(position)


def off_grid(control: widgets.Widget) -> str | None:
    """Why the browser would move this slider's initial value, or None: the page snaps a slider
    to its grid min + k * step (of the exponent for FloatLogSlider) and sends the snapped value."""
    if control_kind(control) != "slider" or isinstance(control, widgets.SelectionSlider):
        return None
    low, _, step = slider_space(control)
    position = math.log(control.value, control.base) if isinstance(control, widgets.FloatLogSlider) else control.value
    k = (position - low) / step
    if abs(k - round(k)) > 1e-6:
        return (f"{control.description or 'a slider'} starts at {control.value!r}, off its grid "
                f"{low} + k * {step}{' (exponents)' if isinstance(control, widgets.FloatLogSlider) else ''}: "
                "the browser snaps it and sends the snapped value to the kernel")
    return None


# --- shared checks -----------------------------------------------------------------------------
def require_run(run: RunNotebook) -> None:
    if run.run_error:
        pytest.fail(f"{run.path.name} could not be opened and run in JupyterLab: {run.run_error}")


def rendered_explorers(run: RunNotebook) -> list[tuple[int, str, Any, dict[str, Any]]]:
    """Check that every explorer the notebook shows rendered as it should, and return
    (page index, name, Python mirror, page info) for each. Fails with every problem found."""
    require_run(run)
    expected = labdriver.expected_explorers(run.source, REGISTRY)
    page = run.nb.explorers()
    text = run.nb.cells()["text"]
    problems: list[str] = []
    if "Error displaying widget" in text:
        problems.append("the page shows 'Error displaying widget' (ipywidgets and JupyterLab's "
                        "widget manager do not match, or a widget model was not found)")
    names = [info["names"][0] if len(info["names"]) == 1 else "/".join(info["names"]) for info in page]
    if names != expected:
        problems.append(f"explorers on the page {names} differ from those the notebook shows {expected}"
                        + ("" if run.rendered else " (they did not finish rendering within 60 s)"))
    found = []
    for i, (name, info) in enumerate(zip(names, page)):
        if name not in REGISTRY:
            problems.append(f"explorer {i} '{name}' is not in helpers.explorers.REGISTRY")
            continue
        mirror = run.mirrors.setdefault(i, REGISTRY[name]())
        where = f"explorer {i} '{name}'"
        if info["readoutName"] != name:
            problems.append(f"{where}: no readout <div class='ce-readout' data-explorer='{name}'>")
        elif i not in run.checked:
            shown = labdriver.fold_html(info["readout"])
            if shown != mirror.readout_text:
                causes = [c for c in map(off_grid, mirror.controls.values()) if c]
                problems.append(f"{where}: initial readout {shown!r} differs from the formula's "
                                f"{mirror.readout_text!r}" + (f"; likely cause: {'; '.join(causes)}" if causes else ""))
        if mirror.figure is not None and not (info["image"] and info["image"]["loaded"]):
            problems.append(f"{where}: its figure did not load on the page")
        kinds = [control_kind(c) for c in mirror.controls.values()]
        page_kinds = [c["kind"] for c in info["controls"]]
        if kinds != page_kinds:
            problems.append(f"{where}: controls on the page {page_kinds} differ from {list(mirror.controls)} {kinds}")
            continue
        if "other" in kinds:
            problems.append(f"{where}: a control the browser tests cannot move: {kinds}")
            continue
        found.append((i, name, mirror, info))
    assert not problems, f"{run.path.name}:\n- " + "\n- ".join(problems)
    run.checked.update(i for i, *_ in found)  # the initial readout is checked once, before any move
    return found


def check_readout(run: RunNotebook, index: int, name: str, mirror: Any, before: str, what: str,
                  problems: list[str]) -> None:
    """After a move (``mirror`` already moved to the page's values): the readout must change,
    and the page must come to show the formula's readout."""
    expected = mirror.readout_text
    if expected == before:
        problems.append(f"'{name}': {what}, but by the formula the readout stays {before!r}")
        return
    if not run.nb.wait_readout(index, expected):
        problems.append(f"'{name}': {what}: the page reads {run.nb.readout(index)!r} "
                        f"but the formula gives {expected!r} (values {mirror.values()})")


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


def test_every_explorer_renders(notebook: RunNotebook) -> None:
    """Every explorer the notebook shows is on the page with its readout (matching the formula),
    its figure and its controls."""
    found = rendered_explorers(notebook)
    expected = labdriver.expected_explorers(notebook.source, REGISTRY)
    assert [name for _, name, _, _ in found] == expected


def test_sliders_answer_the_keyboard(notebook: RunNotebook) -> None:
    """Each slider, moved with the arrow keys, moves by its step and the readout follows the formula."""
    found = rendered_explorers(notebook)
    if not found:
        pytest.skip(f"{notebook.path.name} shows no explorer")
    problems: list[str] = []
    moved = 0
    for i, name, mirror, _ in found:
        for j, (key, control) in enumerate(mirror.controls.items()):
            if control_kind(control) != "slider":
                continue
            low, high, step = slider_space(control)
            before, pos0 = mirror.readout_text, notebook.nb.control_value(i, j)
            right = high - pos0 >= min(KEY_STEPS * step, pos0 - low)
            notebook.nb.press(i, j, "ArrowRight" if right else "ArrowLeft", KEY_STEPS)
            pos1 = notebook.nb.control_value(i, j)
            want = min(high, pos0 + KEY_STEPS * step) if right else max(low, pos0 - KEY_STEPS * step)
            if abs(pos1 - want) > 1e-6 * max(1.0, abs(step)):
                problems.append(f"'{name}' slider {key}: {KEY_STEPS} arrow presses took it from {pos0} "
                                f"to {pos1}, not {want}")
            apply_position(control, pos1)
            check_readout(notebook, i, name, mirror, before, f"slider {key} moved by keyboard to {control.value!r}",
                          problems)
            moved += 1
    assert moved, "no slider to move"
    assert not problems, f"{notebook.path.name}:\n- " + "\n- ".join(problems)


def test_controls_answer_the_mouse(notebook: RunNotebook) -> None:
    """Each slider dragged with the mouse, each dropdown option chosen: the readout follows."""
    found = rendered_explorers(notebook)
    if not found:
        pytest.skip(f"{notebook.path.name} shows no explorer")
    problems: list[str] = []
    for i, name, mirror, _ in found:
        for j, (key, control) in enumerate(mirror.controls.items()):
            if control_kind(control) == "dropdown":
                for option in range(len(control.options)):
                    if option == control.index:
                        continue
                    before = mirror.readout_text
                    notebook.nb.choose(i, j, option)
                    chosen = notebook.nb.control_value(i, j)
                    if chosen != option:
                        problems.append(f"'{name}' dropdown {key}: chose option {option}, the page has {chosen}")
                    apply_position(control, chosen)
                    check_readout(notebook, i, name, mirror, before,
                                  f"dropdown {key} set to {control.value!r}", problems)
                continue
            low, high, step = slider_space(control)
            before, pos0 = mirror.readout_text, notebook.nb.control_value(i, j)
            target = 0.2 if (pos0 - low) / (high - low) > 0.5 else 0.8
            notebook.nb.drag(i, j, target)
            pos1 = notebook.nb.control_value(i, j)
            reached = (pos1 - low) / (high - low)
            if abs(reached - target) > 0.1 + step / (high - low):  # the hand's error plus one step
                problems.append(f"'{name}' slider {key}: dragged to {target:.0%} of its track, it is at {reached:.0%}")
            apply_position(control, pos1)
            check_readout(notebook, i, name, mirror, before, f"slider {key} dragged to {control.value!r}", problems)
    assert not problems, f"{notebook.path.name}:\n- " + "\n- ".join(problems)


def live_explorers_shown(run: RunNotebook) -> list[str]:
    """The names of the live explorers the notebook shows, in page order (from the stored outputs)."""
    return [out["data"][EXPLORER_MIME]["name"] for cell in run.source["cells"] if cell["cell_type"] == "code"
            for out in cell.get("outputs", []) if EXPLORER_MIME in out.get("data", {})]


def test_live_explorers_follow_their_reference(notebook: RunNotebook) -> None:
    """Every live explorer the notebook shows is on the page, and its readout equals its Python
    reference at first, at 50 random settings, from the keyboard and after a drag."""
    require_run(notebook)
    names = live_explorers_shown(notebook)
    if not names:
        pytest.skip(f"{notebook.path.name} shows no live explorer")
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
