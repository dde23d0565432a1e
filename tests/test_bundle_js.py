"""tools.bundle_js: the committed joined modules (helpers/explorers/web/dist) are what esbuild makes
now from the explorers' ES modules, and they are what the widgets and the static pages carry."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers.explorers import live
from tools import bundle_js

pytestmark = pytest.mark.skipif(shutil.which("npm") is None, reason="npm (Node.js) is not installed")

REMEDY = "run `make js` (python -m tools.bundle_js) and commit helpers/explorers/web/dist"


def test_committed_joined_modules_are_current(tmp_path: Path) -> None:
    """Byte for byte; a module missing from dist/, or left over there, fails too, by name."""
    fresh = {path.name: path.read_bytes() for path in bundle_js.bundle(tmp_path)}
    committed = {path.name: path.read_bytes() for path in bundle_js.DIST.glob("*.js")}
    missing = sorted(fresh.keys() - committed.keys())
    assert not missing, f"missing from {bundle_js.DIST}: {missing}; {REMEDY}"
    left_over = sorted(committed.keys() - fresh.keys())
    assert not left_over, f"left over in {bundle_js.DIST} (no explorer module of that name): {left_over}; {REMEDY}"
    stale = sorted(name for name in fresh if fresh[name] != committed[name])
    assert not stale, f"stale in {bundle_js.DIST}: {stale}; {REMEDY}"


def test_the_modules_to_join_are_those_that_export_a_default_render(tmp_path: Path) -> None:
    """Found by what they export, not by name: a helper module and a script are not entry points;
    each joined module carries what it imports and imports nothing; a stale output is removed."""
    web, out = tmp_path / "web", tmp_path / "out"
    web.mkdir()
    out.mkdir()
    (web / "lib.js").write_text('export function twice(x) {\n  return 2 * x;\n}\nexport const UNUSED = "dropped";\n')
    (web / "page.js").write_text('import { twice } from "./lib.js";\nconsole.log(twice(1));\n')
    (web / "alpha.js").write_text('import { twice } from "./lib.js";\n\nfunction render({ el }) {\n'
                                  "  el.textContent = String(twice(21));\n}\n\nexport default { render };\n")
    (out / "renamed_away.js").write_text("old\n")
    assert bundle_js.entry_points(web) == [web / "alpha.js"]
    assert bundle_js.bundle(out, web) == [out / "alpha.js"]
    assert sorted(path.name for path in out.iterdir()) == ["alpha.js"]
    joined = (out / "alpha.js").read_text(encoding="utf-8")
    assert "function twice(x)" in joined and "dropped" not in joined and "alpha_default as default" in joined
    assert not re.search(r"^\s*import\b", joined, re.MULTILINE)


def test_esbuild_errors_name_the_problem(tmp_path: Path) -> None:
    web = tmp_path / "web"
    web.mkdir()
    (web / "lib.js").write_text("export const ONE = 1;\n")
    (web / "alpha.js").write_text('import { TWO } from "./lib.js";\nfunction render() {\n  return TWO;\n}\n'
                                  "export default { render };\n")
    with pytest.raises(RuntimeError, match='No matching export in .*lib.js" for import "TWO"'):
        bundle_js.bundle(tmp_path / "out", web)


def test_every_live_explorer_carries_its_joined_module() -> None:
    """The widget's _esm (and so the static pages, which embed _esm) is the joined module, whole."""
    assert live.DIST == bundle_js.DIST
    for name, cls in live.LIVE.items():
        joined = bundle_js.DIST / f"{name}.js"
        assert (live.WEB / f"{name}.js") in bundle_js.entry_points(), name
        assert cls._esm == joined.read_text(encoding="utf-8"), name
