"""`make lab-zh`: JupyterLab's own interface in Chinese (its language pack, the locale set in a settings
folder of lab-zh's own), on the Chinese notebook 00, whose explorer answers its slider in Chinese;
`make lab` stays English.

The test runs the make target on a free port with a settings folder in a temporary directory (the
locale written by the target, autosave turned off so that running the notebook leaves the file alone)
and ``LAB_ARGS`` exposing JupyterLab's app object to the page, as the other browser tests do. A failure
saves the page under ``test-artifacts/``.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import helpers
from tests.support import labdriver
from tests.support.livedriver import LiveOnPage, exercise_explorer
from tests.support.ports import free_ports

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "00_start_here.ipynb"   # jupyter lab opened on a file serves that file's folder
LOCALE_FILE = Path("@jupyterlab/translation-extension/plugin.jupyterlab-settings")


def start(tmp_path: Path, target: str) -> labdriver.LabServer:
    """``make <target>`` on a free port, its settings in ``tmp_path``; returns the server once it answers."""
    (port,) = free_ports(1)
    settings = tmp_path / "settings"
    shutil.copytree(labdriver.SETTINGS_DIR, settings)   # the browser tests' settings: every cell on the page
    (settings / "@jupyterlab/docmanager-extension").mkdir(parents=True)
    (settings / "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings").write_text('{"autosave": false}')
    log = tmp_path / f"{target}.log"
    env = {**os.environ, "BROWSER": "true"}
    with open(log, "w") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", target, f"PORT={port}", f"LAB_ZH_SETTINGS={settings}",
             "LAB_ARGS=--LabApp.expose_app_in_browser=True"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        match = re.search(rf"http://127\.0\.0\.1:{port}/lab\?token=([0-9a-f]+)", log.read_text())
        if match:
            return labdriver.LabServer(process, port, match.group(1), ROOT, log)
        assert process.poll() is None, log.read_text()
        time.sleep(0.5)
    raise AssertionError(f"make {target} gave no URL within 120 s:\n{log.read_text()}")


def menu_titles(page: Any) -> list[str]:
    page.wait_for_selector(".lm-MenuBar-itemLabel", timeout=60_000)
    return [t.strip() for t in page.locator(".lm-MenuBar-itemLabel").all_inner_texts()]


def test_make_lab_zh_speaks_chinese_and_its_explorer_answers(chromium: Any, tmp_path: Path) -> None:
    server = start(tmp_path, "lab-zh")
    context = chromium.new_context(viewport=labdriver.VIEWPORT)
    page = context.new_page()
    notebook = labdriver.NotebookPage(page, server, NOTEBOOK)
    try:
        locale = json.loads((tmp_path / "settings" / LOCALE_FILE).read_text())
        assert locale == {"locale": "zh_CN"}, "lab-zh writes the locale into its own settings folder"
        notebook.open()
        titles = menu_titles(page)
        assert "运行" in titles and "Run" not in titles, titles
        notebook.run_all()
        page.wait_for_function("() => [...document.querySelectorAll('.jp-Notebook .ce-live-widget_check .ce-readout')]"
                               ".some(r => r.innerText.trim())", timeout=60_000)
        helpers.use_language("zh_CN")
        explorer = LiveOnPage(page, "widget_check")
        explorer.root.scroll_into_view_if_needed()
        assert re.search(r"[\u4e00-\u9fff]", " ".join(explorer.readout()))
        exercise_explorer(explorer, seed=0)
    except BaseException:
        page.screenshot(path=str(labdriver.ARTIFACTS_DIR / f"lab-zh-{secrets.token_hex(3)}.png"), full_page=True)
        raise
    finally:
        helpers.use_language("en")
        context.close()
        server.stop()


def test_make_lab_stays_english(chromium: Any, tmp_path: Path) -> None:
    """The language pack is installed for lab-zh; make lab, with JupyterLab's usual settings, is English."""
    server = start(tmp_path, "lab")
    context = chromium.new_context(viewport=labdriver.VIEWPORT)
    page = context.new_page()
    try:
        page.goto(f"{server.base_url}/lab?token={server.token}", timeout=120_000)
        titles = menu_titles(page)
        assert "Run" in titles and "运行" not in titles, titles
    finally:
        context.close()
        server.stop()
