"""The explorers' still pictures (helpers/explorers/stills/<name>.svg, written by tools/stills.py).

A still is what the explorer's own ES module draws from its initial state, rendered in Node by
tools/render_explorer.mjs. These tests check that each is a standalone SVG with its text alternative,
that every committed notebook stores the shipped one, and that the tool writes them. That a shipped
still is what the module draws now, and that the display bundle carries it at the start only, is the
contract test's (tests/test_explorers_live.py).
"""
from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import nbformat
import pytest

from helpers import i18n
from helpers.explorers.live import EXPLORER_MIME, LIVE, STILLS, translated
from tests.support.notebooks import NOTEBOOKS
from tools.stills import write_stills

SVG = "{http://www.w3.org/2000/svg}"
NAMES = sorted(LIVE)
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the explorers' modules")


OTHER = list(i18n.LANGUAGES[1:])   # each has its stills in stills/<language>/


@pytest.fixture(params=["en", *OTHER])
def language(request: pytest.FixtureRequest):
    """Each language of the course in turn, English again afterwards."""
    i18n.use_language(request.param)
    yield request.param
    i18n.use_language("en")


def folder(language: str):
    return STILLS if language == "en" else STILLS / language


def test_the_folder_holds_one_svg_per_explorer_and_nothing_else() -> None:
    assert sorted(p.name for p in STILLS.iterdir()) == sorted([f"{name}.svg" for name in NAMES] + OTHER)
    for other in OTHER:
        assert sorted(p.name for p in (STILLS / other).iterdir()) == [f"{name}.svg" for name in NAMES]


@pytest.mark.parametrize("name", NAMES)
def test_a_still_is_a_standalone_svg_with_its_text_alternative(name: str, language: str) -> None:
    root = ET.fromstring((folder(language) / f"{name}.svg").read_text(encoding="utf-8"))
    ex = LIVE[name]()
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert root.find(f"{SVG}title").text == translated(ex.title)
    desc = root.find(f"{SVG}desc").text
    assert all(line in desc for line in ex.reference()), f"{name}: the readout is not in the description"
    assert ".ce-still .ce-plot text" in root.find(f"{SVG}style").text   # explorer.css, inlined and scoped
    texts = ["".join(t.itertext()) for t in root.findall(f"{SVG}text")]
    assert texts[0] == translated(ex.title) and texts[2:] == ex.reference()
    plots = root.findall(f"{SVG}svg")
    assert plots and all(p.get("class") == "ce-plot" and p.find(f"{SVG}title") is not None for p in plots)


def test_every_committed_notebook_stores_the_shipped_still() -> None:
    """Each edition's notebooks store the still of their language (stills/zh_CN/ for the Chinese)."""
    seen = set()
    for language in ["en", *OTHER]:
        for path in sorted((NOTEBOOKS if language == "en" else NOTEBOOKS / language).glob("*.ipynb")):
            for cell in nbformat.read(path, 4).cells:
                for output in cell.get("outputs", []):
                    data = output.get("data", {})
                    if EXPLORER_MIME in data:
                        name = data[EXPLORER_MIME]["name"]
                        shipped = (folder(language) / f"{name}.svg").read_text(encoding="utf-8")
                        assert data.get("image/svg+xml") == shipped, \
                            f"{path.name} ({language}): {name}'s stored still is not the shipped one; run it again"
                        seen.add((language, name))
    assert {name for language, name in seen if language == "en"} == set(NAMES)


@needs_node
def test_the_tool_writes_the_shipped_stills_and_clears_old_ones(tmp_path) -> None:
    (tmp_path / "logistic-1d.png").write_bytes(b"old")
    (tmp_path / "renamed_explorer.svg").write_text("<svg/>")
    written = write_stills(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"{name}.svg" for name in NAMES] + OTHER)
    assert all(p.read_text(encoding="utf-8") == (STILLS / p.relative_to(tmp_path)).read_text(encoding="utf-8")
               for p in written)
    assert len(written) == len(NAMES) * (1 + len(OTHER))   # the Chinese stills are what the modules draw now
