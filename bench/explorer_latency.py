"""How fast every explorer answers its sliders, in JupyterLab and on the built site, in Chromium.

For every range slider of every live explorer (``helpers.explorers.live``): the time from a key
press (ArrowRight/ArrowLeft on the focused slider) to the explorer settling, measured in the page by
a MutationObserver on the explorer (its controls excluded): the last change after which nothing
moves for ``QUIET_MS``. ``--presses`` presses per slider after one warm-up press; median and 95th
percentile. Measured twice: in JupyterLab (the notebooks, run) and on the built site (``make
html``'s pages opened from file://, no kernel). Then a one-second drag across the slider: the time
from the mouse's release until the explorer settles.

The baseline, in the same run and browser: a naive ``ipywidgets.interact`` that rebuilds a
matplotlib figure on each change, measured the same way in JupyterLab. (The kernel-drawn explorers
that the live ones replaced are gone from the package; their last measurement is in bench/README.md.)

Goals (issue 11): every live slider's median <= 16.7 ms (one frame at 60 Hz) and p95 <= 33 ms, in
JupyterLab and on the site.

Run from the repository's root: ``.venv/bin/python -m bench.explorer_latency`` (needs /usr/bin/chromium;
it imports the tests' JupyterLab driver, ``tests.support.labdriver``). The table is
printed; ``--json`` also writes the raw figures (default bench/results/explorer_latency.json).
"""
from __future__ import annotations

import argparse
import json
import math
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.support import labdriver

ROOT = Path(__file__).resolve().parents[1]
QUIET_MS = 300.0       # output counts as settled after this long without a change
GOAL_MEDIAN_MS = 1000 / 60   # one frame at 60 Hz
GOAL_P95_MS = 33.0
BASELINE_NOTEBOOK = "zz_naive_interact_baseline.ipynb"


def baseline_notebook() -> str:
    """A notebook with the naive way: ``interact`` rebuilding the whole figure on each change."""
    import nbformat

    code = '''\
import numpy as np
import matplotlib.pyplot as plt
from ipywidgets import FloatSlider, interact
from helpers import plots

plots.use_style()
x = np.linspace(-6, 6, 400)


def naive(w=1.0):
    """Rebuild the figure from scratch on every change, as a first attempt would."""
    y_hat = 1 / (1 + np.exp(-w * x))
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.plot(x, y_hat, label="y_hat = sigmoid(w x)")
    ax.plot(x, -np.log(y_hat), label="-ln y_hat (nats)")
    ax.axvline(0.0, color="0.5", linewidth=1)
    plots.label_axes(ax, "x", "value", f"w = {w:.1f}")
    ax.set_ylim(-0.1, 4)
    ax.legend(loc="upper left")
    plt.show()
    print(f"w = {w:.1f}: mean of -ln y_hat = {np.mean(-np.log(y_hat)):.4f} nats")


interact(naive, w=FloatSlider(value=1.0, min=-5.0, max=5.0, step=0.1, description="w"));'''
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(code)]
    return nbformat.writes(nb)


# Arm a measurement on the element `sel` (mutations inside `ignore` do not count): the clock
# starts at the first `start` event (keydown or mouseup) on the window; `window.__ceSettled`
# resolves with ms from start to the last change, once nothing changed for `quiet` ms
# (null when no start event came, or with `needChange` no change, within `timeout` ms).
JS_ARM = """([sel, ignoreSel, startEvent, quiet, timeout, needChange]) => {
  const root = document.querySelector(sel);
  const ignore = ignoreSel ? root.querySelector(ignoreSel) : null;
  const s = {t0: null, last: null, after: 0};
  const note = (node) => {
    if (ignore && ignore.contains(node)) return;
    s.last = performance.now(); if (s.t0 !== null) s.after++;
  };
  const obs = new MutationObserver(records => { for (const r of records) note(r.target); });
  obs.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
  const onLoad = (e) => note(e.target);
  root.addEventListener('load', onLoad, true);
  const onStart = () => { if (s.t0 === null) s.t0 = performance.now(); };
  window.addEventListener(startEvent, onStart, true);
  const stop = () => { obs.disconnect(); root.removeEventListener('load', onLoad, true);
                       window.removeEventListener(startEvent, onStart, true); };
  window.__ceSettled = new Promise(resolve => {
    const armed = performance.now();
    const poll = () => {
      const now = performance.now();
      if (s.t0 === null && now - armed > timeout) { stop(); resolve(null); return; }
      if (s.t0 !== null) {
        if (needChange && s.after === 0) {
          if (now - s.t0 > timeout) { stop(); resolve(null); return; }
        } else if (now - Math.max(s.t0, s.last || 0) >= quiet) {
          stop(); resolve(s.last === null ? 0 : Math.max(0, s.last - s.t0)); return;
        }
      }
      setTimeout(poll, 10);
    };
    poll();
  });
  return true;
}"""


def measure_presses(nb: Any, sel: str, ignore: str | None, index: int, control: int,
                    low: float, high: float, step: float, presses: int) -> list[float | None]:
    """Latency in ms of ``presses`` single arrow presses (alternating direction), after a warm-up."""
    page = nb.page
    position = nb.control_value(index, control)
    right = high - position >= step  # first press right if there is room, then back and forth
    results: list[float | None] = []
    for k in range(presses + 1):
        key = "ArrowRight" if (k % 2 == 0) == right else "ArrowLeft"
        page.evaluate(JS_ARM, [sel, ignore, "keydown", QUIET_MS, 5000, True])
        nb.press(index, control, key)
        result = page.evaluate("() => window.__ceSettled")
        if k:  # the first press warms up
            results.append(result)
    return results


def measure_drag(nb: Any, sel: str, ignore: str | None, index: int, control: int,
                 low: float, high: float) -> float | None:
    """Settling time in ms after a one-second drag across the slider (10% <-> 90%)."""
    page = nb.page
    position = nb.control_value(index, control)
    frac = (position - low) / (high - low) if high > low else 0.0
    start, end = (0.9, 0.1) if frac > 0.5 else (0.1, 0.9)
    page.evaluate(JS_ARM, [sel, ignore, "mouseup", QUIET_MS, 5000, False])
    nb.drag(index, control, start, steps=5)  # put the handle at the start, and let it settle
    page.evaluate("() => window.__ceSettled")
    page.evaluate(JS_ARM, [sel, ignore, "mouseup", QUIET_MS, 5000, False])
    nb.drag(index, control, end, steps=60, duration_s=1.0)
    return page.evaluate("() => window.__ceSettled")


def median(values: list[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return statistics.median(got) if len(got) == len(values) and got else None


def p95(values: list[float | None]) -> float | None:
    """The 95th percentile (nearest rank), or None if a press never settled."""
    got = sorted(v for v in values if v is not None)
    if len(got) != len(values) or not got:
        return None
    return got[min(len(got) - 1, max(0, math.ceil(0.95 * len(got)) - 1))]


# Live explorers on a page (JupyterLab or a built page): each gets data-ce-live="i"; its range
# inputs are its sliders.
JS_LIVE = """() => [...document.querySelectorAll('.ce-live')].map((root, i) => {
  root.setAttribute('data-ce-live', String(i));
  const readout = root.querySelector('.ce-readout');
  return {name: readout ? readout.dataset.explorer : null,
          sliders: [...root.querySelectorAll('input[type=range]')].map(r => ({
            name: r.dataset.name, min: Number(r.min), max: Number(r.max), step: Number(r.step)}))};
})"""


class LivePage:
    """The live explorers of one page, moved as a learner moves them (for measure_presses/drag)."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def slider(self, index: int, control: int) -> Any:
        return self.page.locator(f'[data-ce-live="{index}"] input[type=range]').nth(control)

    def control_value(self, index: int, control: int) -> float:
        return float(self.slider(index, control).input_value())

    def press(self, index: int, control: int, key: str, times: int = 1) -> None:
        slider = self.slider(index, control)
        slider.scroll_into_view_if_needed()
        slider.focus()
        for _ in range(times):
            self.page.keyboard.press(key)

    def drag(self, index: int, control: int, fraction: float, steps: int = 10,
             duration_s: float | None = None) -> None:
        slider = self.slider(index, control)
        slider.scroll_into_view_if_needed()
        box = slider.bounding_box()
        y = box["y"] + box["height"] / 2
        value = self.control_value(index, control)
        low, high = float(slider.get_attribute("min")), float(slider.get_attribute("max"))
        x0 = box["x"] + 8 + (box["width"] - 16) * (value - low) / (high - low)
        x1 = box["x"] + 8 + (box["width"] - 16) * fraction
        mouse = self.page.mouse
        mouse.move(x0, y)
        mouse.down()
        start = time.perf_counter()
        for k in range(1, steps + 1):
            mouse.move(x0 + (x1 - x0) * k / steps, y)
            if duration_s is not None:
                ahead = start + duration_s * k / steps - time.perf_counter()
                if ahead > 0:
                    time.sleep(ahead)
        mouse.up()


def run_live(page: Any, where: str, label: str, presses: int) -> list[dict[str, Any]]:
    """Measure every slider of every live explorer on ``page``."""
    live = LivePage(page)
    rows = []
    for i, info in enumerate(page.evaluate(JS_LIVE)):
        for j, spec in enumerate(info["sliders"]):
            sel, ignore = f'[data-ce-live="{i}"]', ".ce-controls"
            times = measure_presses(live, sel, ignore, i, j, spec["min"], spec["max"], spec["step"], presses)
            drag = measure_drag(live, sel, ignore, i, j, spec["min"], spec["max"])
            rows.append({"where": where, "page": label, "explorer": info["name"], "slider": spec["name"],
                         "presses_ms": times, "median_ms": median(times), "p95_ms": p95(times),
                         "drag_settle_ms": drag})
            print(f"  {info['name']:22s} {spec['name']:12s} median {fmt(median(times))} ms, "
                  f"p95 {fmt(p95(times))} ms, drag settles {fmt(drag)} ms", flush=True)
    return rows


def run_baseline(nb: Any, presses: int) -> dict[str, Any]:
    """Measure the naive interact's slider the same way."""
    nb.page.evaluate("""() => {
      const box = document.querySelector('.jp-Notebook .widget-interact');
      box.setAttribute('data-ce-root', 'naive');
      box.children[0].setAttribute('data-ce-control', 'naive-0');
      box.querySelector('.widget-output').setAttribute('data-ce-naive-output', '');
    }""")
    sel = "[data-ce-naive-output]"
    times = measure_presses(nb, sel, None, "naive", 0, -5.0, 5.0, 0.1, presses)
    return {"presses_ms": times, "median_ms": median(times), "p95_ms": p95(times)}


def fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.1f}"


def report(live: list[dict[str, Any]], naive: dict[str, Any]) -> tuple[str, bool]:
    """The results table (Markdown) and whether every goal was met."""
    lines = ["| where | notebook | explorer | slider | median (ms) | p95 (ms) | drag settles (ms) | goals |",
             "|---|---|---|---|---:|---:|---:|---|"]
    ok_all = bool(live)
    for r in live:
        ok = (r["median_ms"] is not None and r["median_ms"] <= GOAL_MEDIAN_MS
              and r["p95_ms"] is not None and r["p95_ms"] <= GOAL_P95_MS)
        ok_all &= ok
        lines.append(f"| {r['where']} | {r['page'][:2]} | {r['explorer']} | {r['slider']} | "
                     f"{fmt(r['median_ms']).strip()} | {fmt(r['p95_ms']).strip()} | "
                     f"{fmt(r['drag_settle_ms']).strip()} | {'met' if ok else 'MISSED'} |")
    lines.append(f"| JupyterLab, naive `interact` | - | - | w | {fmt(naive['median_ms']).strip()} | "
                 f"{fmt(naive['p95_ms']).strip()} | - | baseline |")

    def collection(rows: list[dict[str, Any]]) -> float | None:
        medians = [r["median_ms"] for r in rows if r["median_ms"] is not None]
        return statistics.median(medians) if medians else None

    lab = collection([r for r in live if r["where"] == "JupyterLab"])
    site = collection([r for r in live if r["where"] == "site"])
    slowest = max((r["median_ms"] for r in live if r["median_ms"] is not None), default=None)
    worst_p95 = max((r["p95_ms"] for r in live if r["p95_ms"] is not None), default=None)
    summary = [
        "",
        f"- live sliders measured: {len(live)} (JupyterLab and site); slowest median {fmt(slowest).strip()} ms "
        f"(goal <= {GOAL_MEDIAN_MS:.1f}), worst p95 {fmt(worst_p95).strip()} ms (goal <= {GOAL_P95_MS:.0f})",
        f"- collection medians: live in JupyterLab {fmt(lab).strip()} ms, live on the site {fmt(site).strip()} ms, "
        f"naive interact {fmt(naive['median_ms']).strip()} ms",
        f"- all goals {'met' if ok_all else 'NOT met'}",
    ]
    return "\n".join(lines + summary), ok_all


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(143)  # unwind, so that JupyterLab and Chromium are stopped


def site_pages(notebooks: Path, out: Path) -> list[Path]:
    """Build the site of ``notebooks`` into ``out``; return its pages that show a live explorer."""
    from tools.build_site import build_site

    build_site(notebooks, out)
    return [p for p in sorted(out.glob("[0-9][0-9]_*.html")) if "data-ce-explorer=" in p.read_text(encoding="utf-8")]


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks", help="folder of notebooks")
    parser.add_argument("--presses", type=int, default=20, help="measured presses per slider (>= 5)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "explorer_latency.json")
    parser.add_argument("--strict", action="store_true", help="exit with 1 when a goal is missed")
    args = parser.parse_args(argv)
    driver = labdriver
    problem = driver.browser_problem()
    if problem:
        print(f"cannot run: {problem}")
        return 2
    from playwright.sync_api import sync_playwright

    names = sorted(p.name for p in args.notebooks.glob("*.ipynb"))
    live: list[dict[str, Any]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ce-latency-") as tmp, sync_playwright() as playwright:
        lab = driver.start_lab(args.notebooks, Path(tmp) / "lab",
                               {BASELINE_NOTEBOOK: baseline_notebook()})
        browser = driver.launch_chromium(playwright)
        try:
            for name in names + [BASELINE_NOTEBOOK]:
                context = browser.new_context(viewport=driver.VIEWPORT)
                nb = driver.NotebookPage(context.new_page(), lab, name)
                print(name, flush=True)
                nb.open()
                nb.run_all()
                if name == BASELINE_NOTEBOOK:
                    nb.page.wait_for_selector(".jp-Notebook .widget-interact .widget-output img")
                    naive = run_baseline(nb, args.presses)
                    print(f"  naive interact         w            median {fmt(naive['median_ms'])} ms", flush=True)
                else:
                    source = driver.load_notebook(args.notebooks / name)
                    count = sum("application/vnd.ce.explorer+json" in out.get("data", {})
                                for cell in source["cells"] for out in cell.get("outputs", []))
                    if count:
                        nb.page.wait_for_function(
                            f"() => document.querySelectorAll('.jp-Notebook .ce-live').length >= {count}",
                            timeout=60_000)
                        live.extend(run_live(nb.page, "JupyterLab", name, args.presses))
                nb.shutdown_kernel()
                context.close()
            print("site", flush=True)
            for page_file in site_pages(args.notebooks, Path(tmp) / "html"):
                context = browser.new_context(viewport=driver.VIEWPORT)
                page = context.new_page()
                page.goto(page_file.as_uri())
                page.wait_for_function("() => document.querySelectorAll('[data-ce-explorer]').length === "
                                       "document.querySelectorAll('[data-ce-ready]').length", timeout=20_000)
                print(page_file.name, flush=True)
                live.extend(run_live(page, "site", page_file.name, args.presses))
                context.close()
        finally:
            browser.close()
            lab.stop()
    table, ok = report(live, naive)
    print()
    print(table)
    print(f"\n(total {time.perf_counter() - started:.0f} s)")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"live": live, "naive": naive, "all_goals_met": ok},
                                    indent=1))
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
