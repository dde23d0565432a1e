"""Join each live explorer's ES module with what it imports: ``python -m tools.bundle_js`` (``make js``).

An explorer's module in ``helpers/explorers/web/`` imports the drawing primitives it uses from
``./draw.js``. A browser given the module as text (anywidget's ``_esm``, the ``blob:`` URL of a built
page) cannot resolve that import, so esbuild (pinned in package.json, installed by ``tools.vendor``)
joins each one with its imports into one ES module in ``helpers/explorers/web/dist/``, under the same
file name: not minified, so a reader can follow it. The joined modules are committed (learners have
no Node); ``tests/test_bundle_js.py`` fails while one is stale, missing or left over.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tools.vendor import ROOT, node_modules

__all__ = ["WEB", "DIST", "entry_points", "bundle", "main"]

# helpers.explorers.live.WEB and DIST, named here without importing helpers.explorers (which reads
# the joined modules as it is imported, so cannot be imported before they exist).
WEB = ROOT / "helpers" / "explorers" / "web"
DIST = WEB / "dist"

# An explorer's module is one that exports a default `{ render }` (draw.js and host.js do not).
EXPLORER_EXPORT = re.compile(r"^export default \{\s*render\s*\};?\s*$", re.MULTILINE)
BANNER = "// Written by tools/bundle_js.py (make js) from helpers/explorers/web/: edit those, not this file."
TIMEOUT = 120  # seconds; esbuild takes well under one


def entry_points(web: Path = WEB) -> list[Path]:
    """Every module in ``web`` that exports a default ``{ render }``, by file name."""
    return sorted(path for path in web.glob("*.js") if EXPLORER_EXPORT.search(path.read_text(encoding="utf-8")))


def bundle(out: Path, web: Path = WEB) -> list[Path]:
    """Write each explorer module of ``web``, joined with its imports, to ``out/<file name>``.

    Other ``.js`` files in ``out`` are removed first (a module renamed or deleted leaves nothing
    behind). Returns the files written. Raises RuntimeError with esbuild's message if it fails.
    """
    entries = entry_points(web)
    if not entries:
        raise RuntimeError(f"no module in {web} exports a default {{ render }}")
    esbuild = node_modules() / ".bin" / "esbuild"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.js"):
        old.unlink()
    # Run from the repository root, so that the path comments esbuild writes (which module each part
    # comes from) are the same wherever the output goes.
    command = [str(esbuild), *map(str, entries), "--bundle", "--format=esm", "--charset=utf8",
               f"--banner:js={BANNER}", f"--outdir={out}", "--log-level=warning"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT)
    if done.returncode != 0 or done.stderr.strip():  # a warning too: an import that finds nothing, say
        raise RuntimeError(f"esbuild failed:\n{done.stdout}\n{done.stderr}")
    return [out / path.name for path in entries]


def main() -> None:
    for path in bundle(DIST):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
