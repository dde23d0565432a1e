"""Lint the JavaScript with biome (pinned in package.json): ``python -m tools.lint_js``, in ``make lint``.

``biome.json`` names the files (the explorers' ES modules in ``helpers/explorers/web/``, not the
joined ones in ``dist/``, and the tests in ``tests/js/``) and the house style: indent 2, lines of at
most 120 characters, double quotes, semicolons. Only biome's linter runs: its formatter would re-wrap
about half of the hand-aligned lines, so the style in biome.json serves editors and new files. biome
comes with the other pinned npm packages (``tools.vendor``: ``npm ci`` into ``build/npm``, once);
after that the lint needs no network.
"""
from __future__ import annotations

import subprocess
import sys

from tools.vendor import ROOT, node_modules

__all__ = ["main"]

TIMEOUT = 300  # seconds; biome takes well under one


def main() -> int:
    """Run biome's linter over the files biome.json names; its exit status (0: nothing to report)."""
    biome = node_modules() / ".bin" / "biome"
    return subprocess.run([str(biome), "lint", "--error-on-warnings"], cwd=ROOT, timeout=TIMEOUT).returncode


if __name__ == "__main__":
    sys.exit(main())
