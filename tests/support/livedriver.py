"""Reading and moving a live explorer on a page (JupyterLab, a deck or a site page), and checking
it against its Python reference: shared by the browser tests of the notebooks in JupyterLab
(tests/browser/test_browser_notebooks.py), of the decks (tests/site/test_offline_slides.py) and of
RISE and deck mode (tests/site/test_rise_slideshow.py)."""
from __future__ import annotations

import random
from typing import Any

from helpers.explorers.live import LIVE, translated
from tests.support import labdriver

# Random settings an explorer is moved to on a page, each readout checked against the reference.
# The page proves the wiring (controls, events, drawing, the module loaded in a real browser); the
# module's arithmetic at every setting that matters is the contract test's, run in Node at 60 to
# 2,000 settings an explorer (tests/test_explorers_live.py), on the same module text.
SETTINGS = 10


class LiveOnPage:
    """One live explorer on a page, read and moved as a learner would."""

    def __init__(self, page: Any, name: str, index: int = 0) -> None:
        self.page, self.name = page, name
        self.root = page.locator(f".ce-live-{name}").nth(index)
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
        # the same text: the reference writes numbers as the module does (helpers.explorers.fmt)
        assert shown == expected, (
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
    """Initial readout, accessibility, SETTINGS random settings, keyboard and drag, each checked."""
    explorer.check("rendering")
    for svg in explorer.root.locator("svg").all():
        assert svg.locator("title").text_content().strip(), "every drawing has a title"
        assert svg.locator("desc").text_content().strip(), "every drawing has a description"
    for spec in explorer.mirror.specs:
        control = explorer.root.locator(f"[data-name='{spec['name']}']")
        label = explorer.root.locator(f"label[for='{control.get_attribute('id')}']")
        shown = translated(spec["label"])   # in the language in use: a Chinese notebook's explorer speaks Chinese
        assert label.inner_text().strip() == shown, f"{spec['name']}: a visible label"
        if spec["kind"] == "range":
            assert shown in (control.get_attribute("aria-valuetext") or ""), "the value stated in words"
    rng = random.Random(seed)
    for i in range(SETTINGS):
        for spec in explorer.mirror.specs:
            explorer.set_control(spec, explorer.random_value(spec, rng))
        explorer.check(f"random setting {i}")
    for spec in explorer.mirror.specs:
        if spec["kind"] != "range":
            continue
        control = explorer.root.locator(f"[data-name='{spec['name']}']")
        low, high, step = spec["min"], spec["max"], spec["step"]
        # What each key must do to the value (the browser's own range input): Home and End go to the
        # ends, arrows move one step, Page Up/Down move further in their direction.
        for key in ("Home", "ArrowRight", "ArrowRight", "ArrowUp", "PageUp", "End", "ArrowLeft", "PageDown"):
            # an explorer may narrow a range while it runs (k <= n): the input's own ends count
            low, high = float(control.get_attribute("min")), float(control.get_attribute("max"))
            before = float(control.input_value())
            control.focus()
            explorer.page.keyboard.press(key)
            after = float(control.input_value())
            expected = {"Home": low, "End": high, "ArrowRight": min(before + step, high),
                        "ArrowUp": min(before + step, high), "ArrowLeft": max(before - step, low)}.get(key)
            if expected is not None:
                assert abs(after - expected) <= 1e-9 * max(1.0, abs(expected)), (
                    f"{explorer.name} {spec['name']}: {key} took {before} to {after}, not {expected}")
            elif key == "PageUp":
                assert after > before or before == high, f"{explorer.name} {spec['name']}: PageUp did not move it up"
            else:
                assert after < before or before == low, f"{explorer.name} {spec['name']}: PageDown did not move it down"
            explorer.check(f"{key} on {spec['name']}")
        # A drag with the mouse: from one end of the track (End or Home puts the thumb there) to 37% of
        # the way towards the other. The end is one the pointer can reach: on a slide, reveal.js's own
        # controls may cover the right-hand end of a track.
        low, high = float(control.get_attribute("min")), float(control.get_attribute("max"))
        control.scroll_into_view_if_needed()
        box = control.bounding_box()
        y = box["y"] + box["height"] / 2
        right, left = box["x"] + box["width"] - 4, box["x"] + 4
        from_right = control.evaluate("(el, [x, y]) => document.elementFromPoint(x, y) === el", [right, y])
        control.focus()
        explorer.page.keyboard.press("End" if from_right else "Home")
        target = 0.37 if from_right else 0.63
        explorer.page.mouse.move(right if from_right else left, y)
        explorer.page.mouse.down()
        explorer.page.mouse.move(box["x"] + target * box["width"], y, steps=8)
        explorer.page.mouse.up()
        reached = (float(control.input_value()) - low) / (high - low)
        assert abs(reached - target) < 0.1 + step / (high - low), (
            f"{explorer.name} {spec['name']}: dragged to {target:.0%} of its track, it is at {reached:.0%}")
        explorer.check(f"a drag of {spec['name']}")


def screenshot_on_failure(page: Any, label: str) -> None:
    labdriver.ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.screenshot(path=str(labdriver.ARTIFACTS_DIR / f"live-{label}-{scheme}.png"), full_page=True)


