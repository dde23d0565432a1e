"""`make lab` serves JupyterLab on notebook 00, on localhost only, behind its token."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.ports import free_ports

ROOT = Path(__file__).resolve().parents[1]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.integration
def test_make_lab_serves_notebook_00_on_localhost_with_a_token(tmp_path: Path) -> None:
    (port,) = free_ports(1)
    log = tmp_path / "lab.log"
    env = {**os.environ, "BROWSER": "true"}  # do not try to open a browser during the test
    with open(log, "w") as out:
        proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"PORT={port}"], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and url is None:
            match = re.search(rf"http://127\.0\.0\.1:{port}/lab\?token=([0-9a-f]+)", log.read_text())
            url = match and match.group(0)
            assert proc.poll() is None, log.read_text()
            time.sleep(0.5)
        assert url, f"no URL with a token within 120 s:\n{log.read_text()}"
        token = url.split("token=")[1]
        assert len(token) >= 32
        assert "0.0.0.0" not in log.read_text()
        api = f"http://127.0.0.1:{port}/api/contents/00_start_here.ipynb"
        assert status(api) == 403, "the server must refuse requests without the token"
        assert status(f"{api}?token={token}") == 200
        assert status(f"http://127.0.0.1:{port}/lab/tree/00_start_here.ipynb?token={token}") == 200
        listening = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout
        bound = {line.split()[3] for line in listening.splitlines()[1:] if line.split()[3].endswith(f":{port}")}
        assert bound == {f"127.0.0.1:{port}"}, bound
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def dry_run_install(tmp_path: Path, *variables: str) -> list[str]:
    """The commands `make lab` would run to set up a new virtualenv (make -n: nothing is run)."""
    out = subprocess.run(["make", "--no-print-directory", "-n", "lab", f"VENV={tmp_path / 'venv'}", *variables],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if " pip install " in line]


def test_make_lab_installs_the_requirements_alone_by_default(tmp_path: Path) -> None:
    assert [line.split(" pip install ")[1] for line in dry_run_install(tmp_path)] == ["--quiet --upgrade pip",
                                                                                      "-r requirements.txt"]


def test_make_lab_torch_cpu_installs_the_pinned_torch_from_pytorchs_cpu_index_first(tmp_path: Path) -> None:
    pin = re.search(r"^torch==\S+", (ROOT / "requirements.txt").read_text(), re.MULTILINE)[0]
    commands = [line.split(" pip install ")[1] for line in dry_run_install(tmp_path, "TORCH=cpu")]
    assert commands == ["--quiet --upgrade pip", f"{pin} --index-url https://download.pytorch.org/whl/cpu",
                        "-r requirements.txt"]
