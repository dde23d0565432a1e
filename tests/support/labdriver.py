"""Drive a real JupyterLab in Debian's Chromium: the browser tests and the latency benchmark share this.

- :func:`start_lab` serves a temporary COPY of the notebooks (autosave changes nothing in the
  repository) on 127.0.0.1, a free port and a random token, with the settings in
  ``tests/support/lab-settings`` (windowing off: every cell is on the page, not only those in view).
- :func:`launch_chromium` starts ``/usr/bin/chromium`` through Playwright (no browser download).
- :class:`NotebookPage` opens a notebook, runs all cells through JupyterLab's own command and
  reads, moves and times the explorers on the page.

Nothing happens at import time; Playwright is imported by the functions that need it.
"""
from __future__ import annotations

import html
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.ports import free_ports

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_DIR = Path(__file__).resolve().parent / "lab-settings"
ARTIFACTS_DIR = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
]
VIEWPORT = {"width": 1280, "height": 900}


def fold_html(markup: str) -> str:
    """Text of an HTML fragment as a reader sees it: tags become spaces, entities are decoded,
    white space is folded. The same rule as ``Explorer.readout_text``."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def browser_problem() -> str | None:
    """Why the browser tests cannot run on this machine, or None when they can."""
    if not Path(CHROMIUM).is_file():
        return (f"Chromium not found at {CHROMIUM}: the JupyterLab browser tests need Debian's "
                "Chromium (apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is missing: pip install -r requirements-dev.txt"
    return None


# --- the JupyterLab server ---------------------------------------------------------------------
@dataclass
class LabServer:
    """A running ``jupyter lab`` serving ``root`` (a temporary directory)."""

    process: subprocess.Popen
    port: int
    token: str
    root: Path
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def notebook_url(self, name: str, workspace: str) -> str:
        """URL that opens notebook ``name`` alone in a fresh workspace."""
        path = urllib.parse.quote(name)
        return f"{self.base_url}/lab/workspaces/{workspace}/tree/{path}?reset&token={self.token}"

    def request(self, method: str, path: str, timeout: float = 5.0) -> int:
        """Call the server's REST API with the token; return the HTTP status."""
        req = urllib.request.Request(self.base_url + path, method=method,
                                     headers={"Authorization": f"token {self.token}"},
                                     data=b"" if method == "POST" else None)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                return int(response.status)
        except urllib.error.HTTPError as err:
            return int(err.code)

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of the server's log (for error messages)."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def stop(self, timeout: float = 20.0) -> None:
        """Shut the server and its kernels down (REST shutdown, then SIGTERM, then SIGKILL)."""
        if self.process.poll() is None:
            try:
                self.request("POST", "/api/shutdown")
            except OSError:
                pass
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
        # The server ran in its own process group (ours): end whatever of it is left, kernels too.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()


def start_lab(notebooks_dir: Path, workdir: Path, extra_files: dict[str, str] | None = None,
              timeout: float = 120.0) -> LabServer:
    """Copy ``notebooks_dir`` into ``workdir`` and serve the copy with ``jupyter lab``.

    The server listens on 127.0.0.1 only, with a random token; Jupyter's config, data and
    runtime folders point into ``workdir`` so that nothing from the user's own set-up (another
    ``python3`` kernel, a server extension) changes the run. ``extra_files`` maps file names to
    text written next to the copied notebooks (the benchmark's baseline notebook).
    """
    root = workdir / "notebooks"
    shutil.copytree(notebooks_dir, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for name, text in (extra_files or {}).items():
        (root / name).write_text(text)
    settings = workdir / "lab-settings"
    shutil.copytree(SETTINGS_DIR, settings)
    for sub in ("config", "data", "runtime", "workspaces", "ipython"):
        (workdir / sub).mkdir()
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # kernels draw with the inline backend, as for a learner
    env.update({
        "JUPYTER_CONFIG_DIR": str(workdir / "config"),
        "JUPYTER_DATA_DIR": str(workdir / "data"),
        "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"),
        "IPYTHONDIR": str(workdir / "ipython"),
        "PATH": str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
    })
    (port,), token = free_ports(1), secrets.token_hex(24)
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: run commands, read the model
    ]
    log_path = workdir / "jupyterlab.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    server = LabServer(process, port, token, root, log_path)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with code {process.returncode}:\n{server.log_tail()}")
        try:
            if server.request("GET", "/api/status", timeout=2.0) == 200:
                return server
        except OSError:
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"jupyter lab did not answer within {timeout:.0f} s:\n{server.log_tail()}")
        time.sleep(0.2)  # poll interval while the server starts


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless, through Playwright (``playwright install`` is never needed)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


# --- reading notebooks from disk ---------------------------------------------------------------
_EXPLORER_TEXT = re.compile(r"explorer \(([a-z0-9][a-z0-9-]*)\): run in JupyterLab")
_FACTORY_CALL = re.compile(r"explorers\.([A-Za-z_][A-Za-z0-9_]*)\(\s*\)")


def load_notebook(path: Path) -> dict[str, Any]:
    """The notebook's JSON."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def cell_tags(nb: dict[str, Any]) -> list[list[str]]:
    """Each cell's tags, in cell order."""
    return [list(cell.get("metadata", {}).get("tags", [])) for cell in nb["cells"]]


def expected_explorers(nb: dict[str, Any], registry: Iterable[str]) -> list[str]:
    """The names of the explorers the notebook shows, in page order.

    Taken from each cell's stored output (an explorer's ``text/plain`` names it); a code cell
    without stored outputs is read from its source instead (``explorers.<name>()``, the factory
    of registered explorer ``<name>``).
    """
    known = set(registry)
    names: list[str] = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        outputs = cell.get("outputs", [])
        if outputs:
            for out in outputs:
                text = out.get("data", {}).get("text/plain", "")
                text = "".join(text) if isinstance(text, list) else text
                names.extend(_EXPLORER_TEXT.findall(text))
        else:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            names.extend(f for f in _FACTORY_CALL.findall(source) if f in known)
    return names


# --- JavaScript run in the page ----------------------------------------------------------------
_JS_READY = """(name) => {
  const app = window.jupyterapp; if (!app) return false;
  const w = app.shell.currentWidget;
  if (!w || !w.context || w.context.path !== name || !w.content || !w.content.model) return false;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  return w.context.isReady && !!kernel && kernel.status === 'idle'
    && w.content.widgets.length === w.content.model.cells.length;
}"""

_JS_RUN_ALL = """async () => {
  const app = window.jupyterapp;
  await app.commands.execute('notebook:clear-all-cell-outputs');
  void app.commands.execute('notebook:run-all-cells');  // finished when the page says so
  return true;
}"""

# Done: kernel idle, no cell queued or running ([*]), and every non-empty code cell has an
# execution count, or an unexpected error stopped the run. An error in a cell tagged
# raises-exception is part of the lesson and does not stop Run All, so it does not end the wait
# (counting it once let the wait end in the idle moment between two later cells).
_JS_RUN_DONE = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const prompts = [...w.node.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
  if (prompts.some(p => p.textContent.includes('*'))) return false;
  const cells = w.content.model.cells; let missing = 0, errors = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i); if (c.type !== 'code') continue;
    if (c.sharedModel.getSource().trim() && c.executionCount === null) missing++;
    const tags = c.getMetadata('tags') || [];
    if (tags.includes('raises-exception')) continue;
    for (const o of c.outputs.toJSON()) if (o.output_type === 'error') errors++;
  }
  return missing === 0 || errors > 0;
}"""

_JS_CELLS = """() => {
  const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells; const out = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    out.push({type: c.type, source: c.sharedModel.getSource(),
              count: c.type === 'code' ? c.executionCount : null,
              outputs: c.type === 'code' ? c.outputs.toJSON().map(o => ({
                output_type: o.output_type, name: o.name || null, ename: o.ename || null,
                evalue: o.evalue || null, text: typeof o.text === 'string' ? o.text : (o.text || []).join('')}))
                : []});
  }
  const dom = w.content.node;
  return {cells: out, rendered: dom.querySelectorAll('.jp-Cell').length,
          text: [...dom.querySelectorAll('.jp-OutputArea')].map(o => o.innerText).join('\\n')};
}"""

# Every explorer on the page, in order, with its controls marked data-ce-control="i-j".
_JS_EXPLORERS = """() => [...document.querySelectorAll('.jp-Notebook .ce-explorer')].map((root, i) => {
  root.setAttribute('data-ce-root', String(i));
  const names = [...root.classList].filter(c => c.startsWith('ce-explorer-')).map(c => c.slice(12));
  const readout = root.querySelector('.ce-readout');
  const img = root.querySelector('img');
  const box = root.querySelector(':scope > .widget-vbox');
  const controls = box ? [...box.children].map((el, j) => {
    el.setAttribute('data-ce-control', i + '-' + j);
    const kind = el.querySelector('.noUi-target') ? 'slider' : (el.querySelector('select') ? 'dropdown' : 'other');
    return {kind, label: (el.querySelector('.widget-label') || {}).textContent || '', cls: el.className};
  }) : [];
  return {names, readoutName: readout ? readout.getAttribute('data-explorer') : null,
          readout: readout ? readout.outerHTML : null,
          image: img ? {src: !!img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0} : null,
          controls};
})"""

_JS_RENDERED = """(count) => {
  const text = [...document.querySelectorAll('.jp-Notebook .jp-OutputArea')].map(o => o.innerText).join('\\n');
  if (text.includes('Error displaying widget')) return true;
  const roots = document.querySelectorAll('.jp-Notebook .ce-explorer');
  if (roots.length < count) return false;
  for (const r of roots) {
    if (!r.querySelector('.ce-readout')) return false;
    const img = r.querySelector('img');
    if (img && !(img.complete && img.naturalWidth > 0)) return false;
  }
  return !text.includes('Loading widget');
}"""

# Precise value of control i-j: a slider's noUiSlider position (the number ipywidgets sends to
# the kernel; an exponent for FloatLogSlider, an index for SelectionSlider), a dropdown's index.
_JS_CONTROL_VALUE = """(id) => {
  const el = document.querySelector(`[data-ce-control="${id}"]`);
  const target = el.querySelector('.noUi-target');
  if (target) return Number(target.noUiSlider.get());
  return el.querySelector('select').selectedIndex;
}"""

_JS_FOLD = """(markup) => {
  const t = document.createElement('textarea');
  t.innerHTML = markup.replace(/<[^>]+>/g, ' ');
  return t.value.split(/\\s+/).filter(Boolean).join(' ');
}"""

_JS_READOUT = f"""(i) => {{
  const fold = {_JS_FOLD};
  const r = document.querySelector(`[data-ce-root="${{i}}"] .ce-readout`);
  return r ? fold(r.outerHTML) : null;
}}"""

_JS_READOUT_IS = f"""([i, text]) => {{
  const fold = {_JS_FOLD};
  const r = document.querySelector(`[data-ce-root="${{i}}"] .ce-readout`);
  return !!r && fold(r.outerHTML) === text;
}}"""


class NotebookPage:
    """One notebook open in JupyterLab in its own browser page."""

    def __init__(self, page: Any, lab: LabServer, name: str) -> None:
        self.page = page
        self.lab = lab
        self.name = name

    def open(self, timeout_ms: float = 120_000) -> None:
        """Load JupyterLab with the notebook alone and wait for its kernel to be idle."""
        workspace = re.sub(r"[^a-z0-9]+", "-", self.name.lower()) + "-" + secrets.token_hex(3)
        self.page.goto(self.lab.notebook_url(self.name, workspace), timeout=timeout_ms)
        self.page.wait_for_function(_JS_READY, arg=self.name, timeout=timeout_ms, polling=100)
        self.page.evaluate("() => window.jupyterapp.shell.collapseLeft()")  # room for the notebook

    def run_all(self, timeout_ms: float = 240_000) -> None:
        """Clear every output, run all cells with JupyterLab's own command, wait until done."""
        self.page.evaluate(_JS_RUN_ALL)
        self.page.wait_for_function(_JS_RUN_DONE, timeout=timeout_ms, polling=100)

    def cells(self) -> dict[str, Any]:
        """The notebook model as the page holds it (sources, execution counts, outputs) and
        the text of the outputs on the page."""
        return self.page.evaluate(_JS_CELLS)

    def wait_rendered(self, count: int, timeout_ms: float = 60_000) -> bool:
        """Wait until ``count`` explorers show their readout and figure (or a widget error
        shows); False on timeout."""
        try:
            self.page.wait_for_function(_JS_RENDERED, arg=count, timeout=timeout_ms, polling=100)
            return True
        except Exception:  # noqa: BLE001  (Playwright's TimeoutError; the caller reports)
            return False

    def explorers(self) -> list[dict[str, Any]]:
        """Every explorer on the page: names, readout, image state and controls (marks them)."""
        return self.page.evaluate(_JS_EXPLORERS)

    def readout(self, index: int) -> str | None:
        """Explorer ``index``'s readout text, folded like ``Explorer.readout_text``."""
        return self.page.evaluate(_JS_READOUT, index)

    def wait_readout(self, index: int, text: str, timeout_ms: float = 10_000) -> bool:
        """Wait until explorer ``index``'s readout reads ``text``; False on timeout."""
        try:
            self.page.wait_for_function(_JS_READOUT_IS, arg=[index, text], timeout=timeout_ms, polling="raf")
            return True
        except Exception:  # noqa: BLE001
            return False

    def control_value(self, index: int, control: int) -> float:
        """Precise position of a control (see ``_JS_CONTROL_VALUE``)."""
        return self.page.evaluate(_JS_CONTROL_VALUE, f"{index}-{control}")

    def control(self, index: int, control: int) -> Any:
        """Locator of control ``control`` of explorer ``index``."""
        return self.page.locator(f'[data-ce-control="{index}-{control}"]')

    def press(self, index: int, control: int, key: str, times: int = 1) -> None:
        """Focus a slider's handle and press ``key`` ``times`` times."""
        handle = self.control(index, control).locator(".noUi-handle")
        handle.scroll_into_view_if_needed()
        handle.focus()
        for _ in range(times):
            self.page.keyboard.press(key)

    def drag(self, index: int, control: int, fraction: float, steps: int = 10,
             duration_s: float | None = None) -> None:
        """Drag a slider's handle to ``fraction`` (0..1) of its track with the mouse;
        ``duration_s`` paces the moves over that many seconds."""
        ctl = self.control(index, control)
        handle = ctl.locator(".noUi-handle")
        handle.scroll_into_view_if_needed()
        hbox, track = handle.bounding_box(), ctl.locator(".noUi-base").bounding_box()
        x0, y = hbox["x"] + hbox["width"] / 2, hbox["y"] + hbox["height"] / 2
        x1 = track["x"] + fraction * track["width"]
        mouse = self.page.mouse
        mouse.move(x0, y)
        mouse.down()
        start = time.perf_counter()
        for k in range(1, steps + 1):
            mouse.move(x0 + (x1 - x0) * k / steps, y)
            if duration_s is not None:  # keep to the drag's pace, as a hand would
                ahead = start + duration_s * k / steps - time.perf_counter()
                if ahead > 0:
                    time.sleep(ahead)
        mouse.up()

    def choose(self, index: int, control: int, option: int) -> None:
        """Choose option number ``option`` of a dropdown."""
        select = self.control(index, control).locator("select")
        select.scroll_into_view_if_needed()
        select.select_option(index=option)

    def shutdown_kernel(self) -> None:
        """Shut the notebook's kernel down (frees the CPU for the next notebook)."""
        self.page.evaluate("""async () => {
          const w = window.jupyterapp.shell.currentWidget;
          if (w && w.sessionContext) await w.sessionContext.shutdown();
        }""")

    def screenshot(self, path: Path) -> Path:
        """Save the whole notebook as one image (the viewport is stretched to its height)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        height = self.page.evaluate("""() => {
          const n = document.querySelector('.jp-Notebook .jp-WindowedPanel-outer')
            || document.querySelector('.jp-Notebook');
          return n ? n.scrollHeight + 150 : 0; }""") or 0
        size = dict(self.page.viewport_size or VIEWPORT)
        self.page.set_viewport_size({"width": size["width"], "height": int(min(max(height + 200, size["height"]), 16000))})
        try:
            self.page.screenshot(path=str(path))
        finally:
            self.page.set_viewport_size(size)
        return path
