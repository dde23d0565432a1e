"""Live explorers (anywidgets computed and drawn in the browser) against their Python reference,
in a real JupyterLab and on a static page opened from file:// with every other request blocked.

For every registered live explorer: the initial readout, 50 random control settings, the keyboard
(arrows, Page Up/Down, Home, End) and a mouse drag must each give the readout that the explorer's
Python class computes through the math modules for the values read off the page, to the printed
precision. Every control must have a label and an accessible value text with its unit; every
drawing a title and a description. On failure, screenshots go to test-artifacts/.
"""
from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from helpers.explorers.live import LIVE
from tools.live import explorer_markup, page_scripts

from . import labdriver

NAMES = sorted(LIVE)
SETTINGS = 50
_NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?")


def same_to_printed_precision(page_line: str, reference_line: str) -> bool:
    """Equal text, numbers equal to within half a unit of their last printed digit (JavaScript's
    toFixed rounds an exact tie up, Python's format to even)."""
    if page_line == reference_line:
        return True
    words_page, words_ref = _NUMBER.split(page_line), _NUMBER.split(reference_line)
    nums_page, nums_ref = _NUMBER.findall(page_line), _NUMBER.findall(reference_line)
    if words_page != words_ref or len(nums_page) != len(nums_ref):
        return False
    for a, b in zip(nums_page, nums_ref):
        digits = len(b.split(".")[1]) if "." in b else 0
        if abs(float(a.replace("−", "-")) - float(b.replace("−", "-"))) > 0.5 * 10 ** -digits + 1e-12:
            return False
    return True


class LiveOnPage:
    """One live explorer on a page, read and moved as a learner would."""

    def __init__(self, page: Any, name: str) -> None:
        self.page, self.name = page, name
        self.root = page.locator(f".ce-live-{name}").first
        self.mirror = LIVE[name]()

    def readout(self) -> list[str]:
        return [line.strip() for line in self.root.locator(".ce-readout").inner_text().splitlines() if line.strip()]

    def values_on_page(self) -> dict[str, Any]:
        found = {}
        for spec in self.mirror.specs:
            control = self.root.locator(f"[data-name='{spec['name']}']")
            value = control.input_value()
            found[spec["name"]] = value if spec["kind"] == "select" else float(value)
        return found

    def check(self, how: str) -> None:
        values = self.values_on_page()
        expected = self.mirror.set(**values).reference()
        shown = self.readout()
        assert len(shown) == len(expected) and all(
            same_to_printed_precision(a, b) for a, b in zip(shown, expected)), (
            f"{self.name} after {how} at {values}: the page shows {shown}, Python computes {expected}")

    def set_control(self, spec: dict[str, Any], value: Any) -> None:
        control = self.root.locator(f"[data-name='{spec['name']}']")
        if spec["kind"] == "select":
            control.select_option(str(value))
        else:
            control.evaluate("(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }",
                             str(value))

    def random_value(self, spec: dict[str, Any], rng: random.Random) -> Any:
        if spec["kind"] == "select":
            return rng.choice(spec["options"])
        steps = round((spec["max"] - spec["min"]) / spec["step"])
        return spec["min"] + rng.randint(0, steps) * spec["step"]


def exercise_explorer(explorer: LiveOnPage, seed: int) -> None:
    """Initial readout, accessibility, 50 random settings, keyboard and drag, each checked."""
    explorer.check("rendering")
    for svg in explorer.root.locator("svg").all():
        assert svg.locator("title").text_content().strip(), "every drawing has a title"
        assert svg.locator("desc").text_content().strip(), "every drawing has a description"
    for spec in explorer.mirror.specs:
        control = explorer.root.locator(f"[data-name='{spec['name']}']")
        label = explorer.root.locator(f"label[for='{control.get_attribute('id')}']")
        assert label.inner_text().strip() == spec["label"], f"{spec['name']}: a visible label"
        if spec["kind"] == "range":
            assert spec["label"] in (control.get_attribute("aria-valuetext") or ""), "the value stated in words"
    rng = random.Random(seed)
    for i in range(SETTINGS):
        for spec in explorer.mirror.specs:
            explorer.set_control(spec, explorer.random_value(spec, rng))
        explorer.check(f"random setting {i}")
    for spec in explorer.mirror.specs:
        if spec["kind"] != "range":
            continue
        control = explorer.root.locator(f"[data-name='{spec['name']}']")
        for key in ("Home", "ArrowRight", "ArrowRight", "ArrowUp", "PageUp", "End", "ArrowLeft", "PageDown"):
            control.focus()
            explorer.page.keyboard.press(key)
            explorer.check(f"{key} on {spec['name']}")
        box = control.bounding_box()
        explorer.page.mouse.move(box["x"] + 4, box["y"] + box["height"] / 2)
        explorer.page.mouse.down()
        explorer.page.mouse.move(box["x"] + 0.37 * box["width"], box["y"] + box["height"] / 2, steps=8)
        explorer.page.mouse.up()
        explorer.check(f"a drag of {spec['name']}")


def screenshot_on_failure(page: Any, label: str) -> None:
    labdriver.ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.screenshot(path=str(labdriver.ARTIFACTS_DIR / f"live-{label}-{scheme}.png"), full_page=True)


# --- on a static page ------------------------------------------------------------------------
def static_page(folder: Path) -> Path:
    body = "\n".join(explorer_markup(name, {}) for name in NAMES)
    page = folder / "live.html"
    page.write_text("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Live explorers</title>"
                    f"</head><body><main>{body}</main>{page_scripts(NAMES)}</body></html>", encoding="utf-8")
    return page


@pytest.mark.parametrize("name", NAMES)
def test_live_explorer_on_a_static_page(chromium: Any, tmp_path: Path, name: str) -> None:
    page_file = static_page(tmp_path)
    context = chromium.new_context(viewport=labdriver.VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(("blob:", "data:")) or url == page_file.as_uri():
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", guard)
    try:
        page.goto(page_file.as_uri())
        page.wait_for_selector(f"[data-ce-explorer='{name}'][data-ce-ready]", timeout=10_000)
        exercise_explorer(LiveOnPage(page, name), seed=len(name))
        assert not errors, errors
        assert not outside, f"requests outside the page: {outside}"
    except BaseException:
        screenshot_on_failure(page, f"static-{name}")
        raise
    finally:
        context.close()


# --- in JupyterLab ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def live_notebook(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """JupyterLab with one notebook that shows every live explorer, all cells run."""
    folder = tmp_path_factory.mktemp("live-notebooks")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from helpers.explorers.live import LIVE")]
    nb.cells += [nbformat.v4.new_code_cell(f"LIVE[{json.dumps(name)}]()") for name in NAMES]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "live.ipynb")
    server = labdriver.start_lab(folder, tmp_path_factory.mktemp("live-lab"))
    context = chromium.new_context(viewport=labdriver.VIEWPORT)
    page = context.new_page()
    notebook = labdriver.NotebookPage(page, server, "live.ipynb")
    try:
        notebook.open()
        notebook.run_all()
        page.wait_for_function(f"() => document.querySelectorAll('.ce-live').length >= {len(NAMES)}",
                               timeout=60_000)
        yield page
    finally:
        notebook.shutdown_kernel()
        context.close()
        server.stop()


@pytest.mark.parametrize("name", NAMES)
def test_live_explorer_in_jupyterlab(live_notebook: Any, name: str) -> None:
    try:
        explorer = LiveOnPage(live_notebook, name)
        explorer.root.scroll_into_view_if_needed()
        exercise_explorer(explorer, seed=len(name) + 1)
    except BaseException:
        screenshot_on_failure(live_notebook, f"lab-{name}")
        raise
