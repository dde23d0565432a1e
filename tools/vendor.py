"""Local copies of reveal.js and MathJax, fetched from the npm registry at build time.

The decks and the site must work without a network when they are viewed, so the JavaScript they
need is copied next to them. ``package.json`` and ``package-lock.json`` at the repository root pin
the versions; ``npm ci`` installs exactly those into ``build/npm`` (never into the source tree).
"""
from __future__ import annotations

import filecmp
import os
import shutil
import signal
import subprocess
from pathlib import Path

__all__ = ["ROOT", "BUILD", "node_modules", "copy_reveal", "copy_mathjax", "MATHJAX_SCRIPT"]

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
LOCKFILES = ("package.json", "package-lock.json")

# The one MathJax bundle the pages load (TeX input with every extension, CommonHTML output), as a
# path below the copied ``mathjax`` folder. MathJax finds its fonts relative to this file.
MATHJAX_SCRIPT = "tex-chtml-full.js"
NPM_TIMEOUT = 600  # seconds: a first install takes about a minute; an unreachable registry, forever


def node_modules(build: Path = BUILD) -> Path:
    """Install the pinned npm packages into ``build/npm`` (once) and return its node_modules.

    ``npm ci`` runs again only when package.json or package-lock.json changed since the last
    install. Raises RuntimeError with npm's message when npm is missing, the install fails or it
    takes longer than NPM_TIMEOUT seconds.
    """
    work = build / "npm"
    modules = work / "node_modules"
    up_to_date = modules.is_dir() and all(
        (work / name).exists() and filecmp.cmp(ROOT / name, work / name, shallow=False) for name in LOCKFILES
    )
    if up_to_date:
        return modules
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm not found: install Node.js (which ships npm) to fetch reveal.js and MathJax")
    work.mkdir(parents=True, exist_ok=True)
    for name in LOCKFILES:
        shutil.copyfile(ROOT / name, work / name)
    # in a process group of its own, so that a timeout stops npm and everything it started
    proc = subprocess.Popen([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=work, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=NPM_TIMEOUT)
    except BaseException as exc:  # the timeout, or Ctrl-C (which a new session does not pass on to npm)
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        if isinstance(exc, subprocess.TimeoutExpired):
            raise RuntimeError(f"npm ci did not finish in {NPM_TIMEOUT} s in {work} (is the npm registry "
                               f"reachable?):\n{out}\n{err}") from None
        raise
    if proc.returncode != 0:
        raise RuntimeError(f"npm ci failed in {work}:\n{out}\n{err}")
    return modules


def _copytree(src: Path, dest: Path, ignore: shutil._IgnoreFn | None = None) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, ignore=ignore)


def copy_reveal(modules: Path, dest: Path) -> Path:
    """Copy reveal.js's ``dist`` (script, styles, themes and their fonts) and its notes plugin."""
    src = modules / "reveal.js"
    _copytree(src / "dist", dest / "dist", ignore=shutil.ignore_patterns("*.map", "*.esm.js"))
    _copytree(src / "plugin" / "notes", dest / "plugin" / "notes", ignore=shutil.ignore_patterns("*.esm.js"))
    shutil.copyfile(src / "LICENSE", dest / "LICENSE")
    return dest


def copy_mathjax(modules: Path, dest: Path) -> Path:
    """Copy MathJax 3's ``es5`` folder: the one bundle the pages load, its fonts and the lazily
    loaded parts (menu, accessibility, TeX extensions); the speech engine and the other bundles
    are left out (about 5 MB instead of 24 MB)."""
    src = modules / "mathjax" / "es5"
    keep_bundle = MATHJAX_SCRIPT

    def ignore(directory: str, names: list[str]) -> list[str]:
        if Path(directory) == src:
            return [n for n in names if n == "sre" or (n.endswith(".js") and n not in (keep_bundle, "startup.js", "core.js", "loader.js"))]
        return []

    _copytree(src, dest, ignore=ignore)
    shutil.copyfile(modules / "mathjax" / "LICENSE", dest / "LICENSE")
    return dest
