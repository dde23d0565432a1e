"""How fast every explorer answers its sliders in a real JupyterLab in Chromium.

For every slider of every explorer in ``notebooks/*.ipynb``: the time from a key press
(ArrowRight/ArrowLeft on the focused handle) to the explorer's output settling, measured in the
page by a MutationObserver on the explorer (its controls excluded; an image's ``load`` counts as
a change): the last change after which nothing moves for 300 ms. Median of ``--presses`` presses
(after one warm-up press). Then a one-second drag across the slider: the time from the mouse's
release until the output settles (0 when it had settled before the release).

Baseline, in the same run and browser: a naive ``ipywidgets.interact`` that rebuilds a comparable
matplotlib figure (6 x 3.2 inches, two curves, legend, labels) and prints a readout on every change,
in a temporary notebook the benchmark writes next to the copied notebooks.

Goals (issue 5): every slider's median <= 100 ms; the collection's median (of the sliders'
medians) <= 0.5 x the naive baseline's median; every drag settles within 250 ms of release.

Run: ``.venv/bin/python bench/explorer_latency.py`` (needs /usr/bin/chromium). The table is
printed; ``--json`` also writes the raw figures (default bench/results/explorer_latency.json).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
QUIET_MS = 300.0       # output counts as settled after this long without a change
GOAL_PRESS_MS = 100.0
GOAL_RATIO = 0.5
GOAL_DRAG_MS = 250.0
BASELINE_NOTEBOOK = "zz_naive_interact_baseline.ipynb"


def load_driver() -> Any:
    """The browser tests' JupyterLab driver (tests/browser/labdriver.py), loaded by path."""
    path = ROOT / "tests" / "browser" / "labdriver.py"
    spec = importlib.util.spec_from_file_location("ce_labdriver", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


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


def slider_space(control: Any) -> tuple[float, float, float] | None:
    """(low, high, step) of a slider's position on the page, or None for a non-slider."""
    import ipywidgets as widgets

    if isinstance(control, widgets.SelectionSlider):
        return 0.0, float(len(control.options) - 1), 1.0
    if isinstance(control, (widgets.IntSlider, widgets.FloatSlider, widgets.FloatLogSlider)):
        return float(control.min), float(control.max), float(control.step)
    return None


def median(values: list[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return statistics.median(got) if len(got) == len(values) and got else None


def run_notebook(nb: Any, presses: int, registry: dict[str, Any]) -> list[dict[str, Any]]:
    """Measure every slider of every explorer in the open notebook."""
    rows = []
    for i, info in enumerate(nb.explorers()):
        name = info["names"][0]
        controls = registry[name]().controls if name in registry else {}
        for j, (key, control) in enumerate(controls.items()):
            space = slider_space(control)
            if space is None:
                continue
            sel, ignore = f'[data-ce-root="{i}"]', ":scope > .widget-vbox"
            times = measure_presses(nb, sel, ignore, i, j, *space, presses)
            drag = measure_drag(nb, sel, ignore, i, j, space[0], space[1])
            rows.append({"notebook": nb.name, "explorer": name, "slider": key, "presses_ms": times,
                         "median_ms": median(times), "drag_settle_ms": drag})
            print(f"  {name:22s} {key:12s} median {fmt(median(times))} ms, drag settles {fmt(drag)} ms",
                  flush=True)
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
    drag = measure_drag(nb, sel, None, "naive", 0, -5.0, 5.0)
    return {"presses_ms": times, "median_ms": median(times), "drag_settle_ms": drag}


def fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.0f}"


def report(rows: list[dict[str, Any]], naive: dict[str, Any]) -> tuple[str, bool]:
    """The results table (Markdown) and whether every goal was met."""
    lines = ["| notebook | explorer | slider | median key press (ms) | drag settles after release (ms) | goals |",
             "|---|---|---|---:|---:|---|"]
    ok_all = True
    for r in rows:
        ok = (r["median_ms"] is not None and r["median_ms"] <= GOAL_PRESS_MS
              and r["drag_settle_ms"] is not None and r["drag_settle_ms"] <= GOAL_DRAG_MS)
        ok_all &= ok
        lines.append(f"| {r['notebook'][:2]} | {r['explorer']} | {r['slider']} | {fmt(r['median_ms']).strip()} "
                     f"| {fmt(r['drag_settle_ms']).strip()} | {'met' if ok else 'MISSED'} |")
    lines.append(f"| - | naive `interact` (baseline) | w | {fmt(naive['median_ms']).strip()} "
                 f"| {fmt(naive['drag_settle_ms']).strip()} | - |")
    medians = [r["median_ms"] for r in rows if r["median_ms"] is not None]
    collection = statistics.median(medians) if medians else None
    ratio = collection / naive["median_ms"] if collection and naive["median_ms"] else None
    ok_ratio = ratio is not None and ratio <= GOAL_RATIO
    ok_all &= ok_ratio and len(medians) == len(rows)
    worst_drag = max((float("inf") if r["drag_settle_ms"] is None else r["drag_settle_ms"] for r in rows),
                     default=None)
    summary = [
        "",
        f"- sliders measured: {len(rows)}; slowest median key press: "
        f"{fmt(max(medians, default=None) if medians else None).strip()} ms (goal <= {GOAL_PRESS_MS:.0f} ms)",
        f"- collection median: {fmt(collection).strip()} ms; naive interact: {fmt(naive['median_ms']).strip()} ms; "
        f"ratio {ratio:.2f} (goal <= {GOAL_RATIO})" if ratio is not None else "- ratio: n/a",
        f"- slowest drag settles {fmt(worst_drag).strip()} ms after release (goal <= {GOAL_DRAG_MS:.0f} ms); "
        f"naive interact: {fmt(naive['drag_settle_ms']).strip()} ms",
        f"- all goals {'met' if ok_all else 'NOT met'}",
    ]
    return "\n".join(lines + summary), ok_all


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(143)  # unwind, so that JupyterLab and Chromium are stopped


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks", help="folder of notebooks")
    parser.add_argument("--presses", type=int, default=5, help="measured presses per slider (>= 5)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "explorer_latency.json")
    parser.add_argument("--strict", action="store_true", help="exit with 1 when a goal is missed")
    args = parser.parse_args(argv)
    driver = load_driver()
    problem = driver.browser_problem()
    if problem:
        print(f"cannot run: {problem}")
        return 2
    from playwright.sync_api import sync_playwright

    from helpers.explorers import REGISTRY

    names = sorted(p.name for p in args.notebooks.glob("*.ipynb"))
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ce-latency-") as tmp, sync_playwright() as playwright:
        lab = driver.start_lab(args.notebooks, Path(tmp), {BASELINE_NOTEBOOK: baseline_notebook()})
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
                    print(f"  naive interact         w            median {fmt(naive['median_ms'])} ms, "
                          f"drag settles {fmt(naive['drag_settle_ms'])} ms", flush=True)
                else:
                    nb.wait_rendered(len(driver.expected_explorers(driver.load_notebook(args.notebooks / name),
                                                                   REGISTRY)))
                    rows.extend(run_notebook(nb, args.presses, REGISTRY))
                nb.shutdown_kernel()
                context.close()
        finally:
            browser.close()
            lab.stop()
    table, ok = report(rows, naive)
    print()
    print(table)
    print(f"\n(total {time.perf_counter() - started:.0f} s)")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"rows": rows, "naive": naive, "all_goals_met": ok}, indent=1))
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
