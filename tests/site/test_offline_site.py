"""The static site (``make html``) in Chromium with the network blocked: every page renders its math
and figures, every explorer is live (mounted by the page itself, no kernel), solutions are folded,
and every link resolves (to a file of the site and, with an anchor, to an element of that page)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from bs4 import BeautifulSoup

from helpers.explorers.live import EXPLORER_MIME
from tests.support.site import built, resolve_links
from tools.prepare import EXPLORER_NOTE, is_explorer_cell, notebook_title

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
RAW_TEX = re.compile(r"\$[^$\n]*\\[A-Za-z]+[^$\n]*\$")

PAGE_REPORT = """() => ({
    typeset: document.querySelectorAll('mjx-container').length,
    errors: document.querySelectorAll('mjx-merror').length,
    markdown: [...document.querySelectorAll('.jp-RenderedMarkdown')].map(e => e.innerText).join('\\n'),
    images: [...document.images].map(i => ({ok: i.complete && i.naturalWidth > 0, w: i.naturalWidth, src: i.src.slice(0, 60)})),
    explorerImages: [...document.querySelectorAll('.ce-explorer-note')].map(n => {
        const area = n.closest('.jp-OutputArea');
        const img = area && area.querySelector('img');
        return img ? img.naturalWidth : 0; }),
    folds: [...document.querySelectorAll('details.ce-solution')].map(d => ({open: d.open,
        label: d.querySelector('summary').innerText,
        codeVisible: d.querySelector('.jp-Cell').checkVisibility()})),
    links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
})"""


def load(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_index_maps_the_course_in_order(site_dir: Path, offline_page: Any) -> None:
    browser = offline_page(site_dir)
    page = browser.open(site_dir / "index.html")
    entries = page.locator("ol.ce-map > li > a")
    executed = [p for p in NOTEBOOKS if (site_dir / f"{p.stem}.html").exists()]
    assert [entries.nth(i).get_attribute("href") for i in range(entries.count())] == [f"{p.stem}.html" for p in executed]
    assert [entries.nth(i).inner_text() for i in range(entries.count())] == [notebook_title(load(p), p.stem) for p in executed]
    report = page.evaluate(PAGE_REPORT)
    assert report["errors"] == 0 and RAW_TEX.findall(page.inner_text("body")) == []
    assert resolve_links(site_dir / "index.html", site_dir, report["links"]) == []
    assert browser.blocked == [] and browser.failed == [] and browser.errors == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_page_renders_offline(path: Path, site_dir: Path, offline_page: Any) -> None:
    nb = load(path)
    page_file = built(site_dir, f"{path.stem}.html")
    browser = offline_page(site_dir)
    page = browser.open(page_file)
    report = page.evaluate(PAGE_REPORT)

    # math: typeset wherever the notebook has some, no errors, no TeX left as text, fonts local
    if any(c.cell_type == "markdown" and "$" in c.source for c in nb.cells):
        assert report["typeset"] > 0
    assert report["errors"] == 0
    assert RAW_TEX.findall(report["markdown"]) == [], "TeX left untypeset"
    # figures: every stored PNG output (an explorer's still picture aside) is on the page and decodes
    pngs = sum("image/png" in o.get("data", {}) and EXPLORER_MIME not in o.get("data", {})
               for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert sum(1 for i in report["images"] if i["src"].startswith("data:image/png")) >= pngs
    assert [i for i in report["images"] if not i["ok"]] == []
    # explorers: every one live on the page (mounted, with its readout and drawing), none left as a
    # still figure with a note, no widget left for a kernel to render
    explorers = [c for c in nb.cells if is_explorer_cell(c)]
    assert explorers, "every notebook shows an explorer"
    page.wait_for_function(f"() => document.querySelectorAll('[data-ce-explorer][data-ce-ready]').length "
                           f">= {len(explorers)}", timeout=20_000)
    assert page.locator(".ce-live .ce-readout").count() == len(explorers)
    assert page.locator(".ce-live svg title").count() >= len(explorers)
    assert report["explorerImages"] == [] and EXPLORER_NOTE not in page.inner_text("body")
    assert page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count() == 0
    # hidden solutions: folded, closed, their code out of sight until opened
    hidden = [c for c in nb.cells if c.metadata.get("jupyter", {}).get("source_hidden")]
    assert len(report["folds"]) == len(hidden)
    assert [(f["open"], f["codeVisible"]) for f in report["folds"]] == [(False, False)] * len(hidden)
    assert all(f["label"].startswith("Solution to Exercise") for f in report["folds"])
    if hidden:
        page.locator("details.ce-solution > summary").first.click()
        assert page.locator("details.ce-solution .jp-Cell").first.evaluate("c => c.checkVisibility()")
    # links: navigation present, every link resolves inside the site
    assert page.locator("nav.ce-nav a[rel=contents]").count() == 2
    assert resolve_links(page_file, site_dir, report["links"]) == []

    assert browser.blocked == [], "the page reaches outside the site"
    assert browser.failed == [] and browser.errors == []


def test_previous_and_next_chain_the_pages_in_order(site_dir: Path) -> None:
    pages = sorted(p for p in site_dir.glob("[0-9][0-9]*_*.html"))
    assert pages
    for i, page in enumerate(pages):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        nav = soup.find("nav", class_="ce-nav")
        prev, nxt = nav.find("a", rel="prev"), nav.find("a", rel="next")
        assert (prev["href"] if prev else None) == (pages[i - 1].name if i > 0 else None)
        assert (nxt["href"] if nxt else None) == (pages[i + 1].name if i + 1 < len(pages) else None)


def test_the_link_check_catches_a_broken_link(site_dir: Path) -> None:
    index = site_dir / "index.html"
    assert resolve_links(index, site_dir, ["no_such_page.html", "index.html#no-such-id", "index.html",
                                            "https://example.org/x", "data:image/png;base64,iVBO",
                                            "../outside.html"]) == [
        "no_such_page.html", "index.html#no-such-id", "../outside.html"]
