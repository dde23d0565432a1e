"""A real JupyterHub for the classroom test, the course it serves, and the means to stop it all.

- :func:`start_hub`: JupyterHub (pinned in requirements-teach.txt) with configurable-http-proxy
  (pinned in package.json, installed into ``build/npm`` by ``tools.vendor.node_modules``). Hub, proxy
  and proxy API listen on 127.0.0.1 and free ports; JupyterHub's built-in ``DummyAuthenticator``
  with a random password logs the student in; ``SimpleLocalProcessSpawner`` starts each user's
  server from this virtual environment (nbgitpuller and the ``helpers`` package are installed in
  it), with ``--allow-root`` when the tests run as root. Database, cookie secret, pid files and the
  users' home folders all live in the hub's temporary folder.
- :func:`make_course`: the repository's committed files (``git archive HEAD``) as the lecturer's
  own repository, and a bare clone of it as the course's git URL.
- :meth:`Hub.stop`: every process the hub starts (proxy, single-user servers, their kernels and
  git) inherits a random ``CE_HUB_RUN`` marker in its environment; stopping the hub ends them all,
  found by that marker, whether the hub shut them down or not.
- :class:`Budget`: one deadline for the whole test; each wait takes the smaller of its own cap
  and what is left.
"""
from __future__ import annotations

import io
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import labdriver
from tests.support.ports import free_ports

ROOT = labdriver.ROOT
VENV_BIN = Path(sys.executable).parent  # jupyterhub and jupyterhub-singleuser of this environment
COURSE = "cross-entropy-explained"  # the repository's name: the folder nbgitpuller clones into
STUDENT = "student"
TIMINGS: dict[str, float] = {}  # seconds per phase of the classroom test, printed at the end
_MARK = "CE_HUB_RUN"


class Budget:
    """One deadline for the module; each wait takes the smaller of its own cap and what is left."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.start = time.monotonic()
        self.end = self.start + seconds

    def s(self, cap: float) -> float:
        """Seconds for the next wait: ``cap``, or less when the budget is nearly spent."""
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"the classroom test used up its {self.seconds:.0f} s budget")
        return min(cap, left)

    def ms(self, cap: float) -> float:
        """The same in milliseconds (Playwright's unit)."""
        return self.s(cap) * 1000


# --- git ---------------------------------------------------------------------------------------
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",  # nobody's own git settings
    "GIT_AUTHOR_NAME": "Lecturer", "GIT_AUTHOR_EMAIL": "lecturer@example.edu",
    "GIT_COMMITTER_NAME": "Lecturer", "GIT_COMMITTER_EMAIL": "lecturer@example.edu",
}


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` (no user or system configuration) and return its output."""
    result = subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV},
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed in {cwd}:\n{result.stdout}{result.stderr}")
    return result.stdout.strip()


@dataclass
class Course:
    """The lecturer's repository and the bare clone the students' servers pull from."""

    lecturer: Path
    bare: Path

    @property
    def url(self) -> str:
        """The course's git URL, as the classroom link carries it."""
        return self.bare.as_uri()

    def publish(self, message: str) -> str:
        """Commit everything the lecturer changed, push it to the course; return the commit."""
        git(self.lecturer, "add", "--all")
        git(self.lecturer, "commit", "--quiet", "-m", message)
        git(self.lecturer, "push", "--quiet", "origin", "main")
        return git(self.bare, "rev-parse", "main")


def make_course(tmp: Path) -> Course:
    """The committed tree of this repository as a lecturer's repository (one commit on main),
    and its bare clone ``<tmp>/git/cross-entropy-explained``."""
    lecturer = tmp / "lecturer" / COURSE
    lecturer.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=ROOT, capture_output=True,
                             check=True, timeout=60).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(lecturer, filter="data")
    git(lecturer, "init", "--quiet", "--initial-branch=main")
    git(lecturer, "add", "--all")
    git(lecturer, "commit", "--quiet", "-m", "The course as committed")
    bare = tmp / "git" / COURSE
    bare.parent.mkdir()
    git(tmp, "clone", "--quiet", "--bare", str(lecturer), str(bare))
    git(lecturer, "remote", "add", "origin", str(bare))
    return Course(lecturer, bare)


# --- the hub -----------------------------------------------------------------------------------
def marked_processes(mark: str) -> list[int]:
    """Ids of the running processes whose environment carries ``CE_HUB_RUN=<mark>``."""
    needle = f"{_MARK}={mark}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone already, or not ours to read
            continue
        if needle in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


@dataclass
class Hub:
    """A running JupyterHub (its proxy and its users' servers) under ``workdir``."""

    process: subprocess.Popen
    port: int
    password: str
    mark: str
    workdir: Path
    log_path: Path
    forced: list[int] = field(default_factory=list)  # processes stop() had to kill

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def home(self, user: str = STUDENT) -> Path:
        return self.workdir / "homes" / user

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the hub's log (hub, proxy and single-user servers)."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no hub log)"

    def processes(self) -> list[int]:
        """Every process of this hub still running: the hub, the proxy, the users' servers,
        their kernels."""
        return marked_processes(self.mark)

    def stop(self, grace: float = 20.0) -> None:
        """Stop the hub as an admin would (SIGTERM: it stops the users' servers and the proxy),
        then kill whatever of it is left, found by its marker. Safe to call twice."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        deadline = time.monotonic() + 10
        while (left := self.processes()) and time.monotonic() < deadline:
            time.sleep(0.2)  # the hub's children end shortly after it
        deadline = time.monotonic() + 10
        while left and time.monotonic() < deadline:  # again: one may have started a child meanwhile
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self.forced.extend(pid for pid in left if pid not in self.forced)
            time.sleep(0.1)  # SIGKILL is delivered asynchronously
            left = self.processes()
        self.process.wait()


HUB_CONFIG = """\
# Written by tests/support/hubdriver.py for one test run; everything it names lives in {workdir}.
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = {proxy_command!r}
c.ConfigurableHTTPProxy.pid_file = {proxy_pid!r}
c.JupyterHub.pid_file = {hub_pid!r}
c.JupyterHub.db_url = {db_url!r}
c.JupyterHub.cookie_secret_file = {cookie_secret!r}
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.DummyAuthenticator.password = {password!r}
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {home_template!r}
c.Spawner.cmd = {singleuser!r}
c.Spawner.args = {args!r}
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.environment = {environment!r}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
"""


def start_hub(workdir: Path, proxy_command: list[str], budget: Budget) -> Hub:
    """Write the hub's configuration into ``workdir``, start it and wait until the proxy in
    front of it answers."""
    port, hub_port, api_port = free_ports(3)
    password, mark = secrets.token_urlsafe(16), secrets.token_hex(16)
    homes = workdir / "homes"
    homes.mkdir()
    settings = workdir / "lab-settings"  # no news, no update checks, no extension manager: no network
    shutil.copytree(labdriver.SETTINGS_DIR, settings)
    node_bin = str(Path(shutil.which("node") or "/usr/bin/node").parent)
    path = os.pathsep.join([str(VENV_BIN), node_bin, "/usr/local/bin", "/usr/bin", "/bin"])
    args = [f"--LabApp.user_settings_dir={settings}",
            "--LabApp.expose_app_in_browser=True"]  # window.jupyterapp for the test's JavaScript
    if os.geteuid() == 0:
        args.insert(0, "--allow-root")  # CI runs as root; the single-user server refuses otherwise
    config = workdir / "jupyterhub_config.py"
    config.write_text(HUB_CONFIG.format(
        workdir=workdir, port=port, hub_port=hub_port, api_port=api_port, proxy_command=proxy_command,
        proxy_pid=str(workdir / "proxy.pid"), hub_pid=str(workdir / "jupyterhub.pid"),
        db_url=f"sqlite:///{workdir / 'jupyterhub.sqlite'}", cookie_secret=str(workdir / "cookie_secret"),
        password=password, home_template=str(homes / "{username}"),
        singleuser=[str(VENV_BIN / "jupyterhub-singleuser")], args=args,
        environment={"PATH": path, "LANG": "C.UTF-8", _MARK: mark}))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "JPY_", "CONFIGPROXY_"))}
    env.update({"PATH": path + os.pathsep + env.get("PATH", ""), _MARK: mark,
                "CONFIGPROXY_AUTH_TOKEN": secrets.token_hex(32)})
    log_path = workdir / "jupyterhub.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen([str(VENV_BIN / "jupyterhub"), "-f", str(config)], cwd=workdir, env=env,
                                   stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
    hub = Hub(process, port, password, mark, workdir, log_path)
    deadline = time.monotonic() + budget.s(120)
    while True:
        if process.poll() is not None:
            hub.stop()
            raise RuntimeError(f"jupyterhub exited with code {process.returncode}:\n{hub.log_tail()}")
        try:  # through the proxy: both are up
            with urllib.request.urlopen(f"{hub.url}/hub/api/", timeout=2) as response:
                if response.status == 200 and "version" in json.loads(response.read()):
                    return hub
        except (OSError, ValueError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            hub.stop()
            raise RuntimeError(f"JupyterHub did not answer at {hub.url} in time:\n{hub.log_tail()}")
        time.sleep(0.25)  # poll interval while the hub and its proxy start
