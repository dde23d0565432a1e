"""The built site and decks pass axe-core's WCAG 2.1 A and AA rules with no serious or critical
violation, and every figure on the site says what it shows.

axe-core comes from the npm registry at build time (pinned in package.json, installed with the
decks' and site's other files into build/npm) and is injected into each page as it is, offline.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tools.vendor import node_modules

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEVERE = ("serious", "critical")
PAGES = [p.stem for p in NOTEBOOKS]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core in the page (WCAG 2.1 A/AA rules) and return its violations."""
    page.add_script_tag(path=str(node_modules() / "axe-core" / "axe.min.js"))
    return page.evaluate("async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
                         ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help, "
                         "nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))", WCAG)


def severe(violations: list[dict[str, Any]]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in violations if v["impact"] in SEVERE]


@pytest.mark.parametrize("stem", ["index", "lecturers", *PAGES])
def test_site_page_has_no_serious_accessibility_violation(stem: str, site_dir: Path, offline_page: Any) -> None:
    page = offline_page(site_dir).open(site_dir / f"{stem}.html")
    problems = severe(axe_violations(page))
    assert not problems, f"{stem}.html:\n- " + "\n- ".join(problems)


@pytest.mark.parametrize("stem", PAGES)
def test_deck_has_no_serious_accessibility_violation(stem: str, slides_dir: Path, offline_page: Any) -> None:
    page = offline_page(slides_dir).open(slides_dir / f"{stem}.slides.html")
    problems = severe(axe_violations(page))
    assert not problems, f"{stem}.slides.html:\n- " + "\n- ".join(problems)


@pytest.mark.parametrize("stem", PAGES)
def test_site_figures_say_what_they_show(stem: str, site_dir: Path) -> None:
    """No figure keeps nbconvert's placeholder alt text; each has a description of its own."""
    html = (site_dir / f"{stem}.html").read_text(encoding="utf-8")
    assert "No description has been provided for this image" not in html
    assert 'alt=""' not in html.replace('alt="" role="presentation"', "")


def test_axe_finds_a_violation_when_there_is_one(tmp_path: Path, offline_page: Any) -> None:
    """The check can fail: an image without alt text and grey-on-grey text are caught."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><html lang='en'><head><title>bad</title>"
                   "<script>window.MathJax = {startup: {promise: Promise.resolve()}};</script></head>"
                   "<body><main><img src='data:image/png;base64,iVBORw0KGgo='>"
                   "<p style='color:#777;background:#888'>hard to read</p></main></body></html>")
    page = offline_page(tmp_path).open(bad)
    ids = {v["id"] for v in axe_violations(page) if v["impact"] in SEVERE}
    assert {"image-alt", "color-contrast"} <= ids
