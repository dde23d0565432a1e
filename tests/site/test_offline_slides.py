"""The offline slide decks (``make slides``) in Chromium, with every request outside the build
folder blocked: the first slide shows the title, math is typeset by the local MathJax (its fonts
load), figures load, and reveal.js has as many slides as the notebook's slideshow metadata says."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.support.site import built, page_links, resolve_links
from tools.prepare import notebook_title, slide_pages, slide_type

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
# TeX left as text: a backslash command between dollar signs that MathJax did not replace.
RAW_TEX = re.compile(r"\$[^$\n]*\\[A-Za-z]+[^$\n]*\$")
MATHJAX_FONTS = """() => Promise.all([...document.fonts].filter(f => f.family.startsWith('MJX'))
    .map(f => f.load().then(() => 'loaded', () => f.family + ': ' + f.status)))"""


def has_math(nb: nbformat.NotebookNode, shown_only: bool = False) -> bool:
    return any(c.cell_type == "markdown" and "$" in c.source for c in nb.cells
               if not shown_only or slide_type(c) not in ("skip", "notes"))


def math_report(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => ({
        typeset: document.querySelectorAll('mjx-container').length,
        errors: document.querySelectorAll('mjx-merror').length,
        markdown: [...document.querySelectorAll('.jp-RenderedMarkdown')].map(e => e.innerText).join('\\n'),
        brokenImages: [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80)),
        images: document.images.length,
    })""")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_deck_opens_offline_with_its_title_math_and_figures(path: Path, slides_dir: Path, offline_page: Any) -> None:
    nb = nbformat.read(path, as_version=4)
    deck = built(slides_dir, f"{path.stem}.slides.html")
    browser = offline_page(slides_dir)
    page = browser.open(deck)
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=20_000)

    first = page.locator(".reveal .slides > section.present").first
    assert first.is_visible()
    assert page.evaluate("() => Reveal.getIndices().h") == 0
    title = notebook_title(nb, path.stem)
    assert title.split("·")[-1].strip() in first.inner_text()
    assert page.evaluate("() => Reveal.getTotalSlides()") == len(slide_pages(nb))

    report = math_report(page)
    if has_math(nb, shown_only=True):
        assert report["typeset"] > 0, "no math typeset"
    assert report["errors"] == 0
    assert RAW_TEX.findall(report["markdown"]) == [], "TeX left untypeset"
    assert all(status == "loaded" for status in page.evaluate(MATHJAX_FONTS))
    assert report["brokenImages"] == []

    assert browser.blocked == [], "the deck reaches outside its folder"
    assert browser.failed == [] and browser.errors == []


def pages_with_notes(nb: nbformat.NotebookNode) -> int:
    """How many slides (slide or subslide pages) have speaker notes: a notes cell joins the page
    shown before it."""
    pages, with_notes = 0, set()
    for cell in nb.cells:
        kind = slide_type(cell)
        if kind in ("slide", "subslide"):
            pages += 1
        elif kind == "notes" and pages:
            with_notes.add(pages)
    return len(with_notes)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_speaker_notes_hold_the_notes_cells(path: Path, slides_dir: Path, offline_page: Any) -> None:
    """Every notes cell is in the speaker notes (press S) of the slide it follows, and not on the slide."""
    nb = nbformat.read(path, as_version=4)
    browser = offline_page(slides_dir)
    page = browser.open(built(slides_dir, f"{path.stem}.slides.html"))
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=20_000)
    notes = page.evaluate("""() => Reveal.getSlides().map(s => Reveal.getSlideNotes(s) || '')
                             .filter(n => n.trim()).length""")
    assert notes == pages_with_notes(nb) > 0
    shown = page.evaluate("() => [...document.querySelectorAll('aside.notes')].filter(a => a.checkVisibility()).length")
    assert shown == 0, "speaker notes visible on a slide"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_link_of_a_deck_resolves_in_the_build_folder(path: Path, slides_dir: Path) -> None:
    """Every href and src of the deck (links, figures, scripts, styles) names a file of build/slides
    (with an anchor, an element of that page), a web address or a data: URL."""
    deck = built(slides_dir, f"{path.stem}.slides.html")
    links = page_links(deck)
    assert any(link.startswith("_static/") for link in links), "the link collection missed the deck's scripts"
    assert resolve_links(deck, slides_dir, links) == []


def test_first_slide_math_is_typeset_in_place(slides_dir: Path, offline_page: Any) -> None:
    """Some math sits on a visible slide and has real width (not only in hidden slides)."""
    with_math = [p for p in NOTEBOOKS if has_math(nbformat.read(p, as_version=4), shown_only=True)]
    assert with_math, "no notebook has math on its slides"
    path = with_math[0]
    browser = offline_page(slides_dir)
    page = browser.open(slides_dir / f"{path.stem}.slides.html")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=20_000)
    widths = []
    for _ in range(page.evaluate("() => Reveal.getTotalSlides()")):
        widths = page.evaluate("""() => [...document.querySelectorAll('section.present mjx-container')]
                                  .map(e => e.getBoundingClientRect().width)""")
        if widths:
            break
        page.evaluate("() => Reveal.next()")
        page.wait_for_timeout(50)
    assert widths and min(widths) > 0, "no typeset math visible on any slide"
    assert browser.blocked == []


def test_the_offline_check_catches_a_cdn_reference(slides_dir: Path, offline_page: Any, tmp_path: Path) -> None:
    """The blocking is real: a copy of a deck that loads MathJax from a CDN is caught."""
    deck = sorted(slides_dir.glob("*.slides.html"))[0]
    html = deck.read_text(encoding="utf-8").replace(
        'src="_static/mathjax/tex-chtml-full.js"', 'src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml-full.js"')
    bad = slides_dir / "zz_cdn_copy.slides.html"
    bad.write_text(html, encoding="utf-8")
    try:
        browser = offline_page(slides_dir)
        browser.page.goto(bad.as_uri())
        browser.page.wait_for_timeout(500)
        assert browser.blocked == ["https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml-full.js"]
        assert browser.page.locator("mjx-container").count() == 0
    finally:
        bad.unlink()


def live_explorer_names(nb: nbformat.NotebookNode) -> list[str]:
    from helpers.explorers.live import EXPLORER_MIME

    return [o["data"][EXPLORER_MIME]["name"] for c in nb.cells if c.cell_type == "code"
            for o in c.get("outputs", []) if EXPLORER_MIME in o.get("data", {})]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_deck_explorers_are_live(path: Path, slides_dir: Path, offline_page: Any) -> None:
    """Every explorer of a deck moves on its slide, offline: keyboard, a drag and random settings
    each give the readout its Python reference computes (tests/support/livedriver.py)."""
    from tests.support.livedriver import LiveOnPage, exercise_explorer

    names = live_explorer_names(nbformat.read(path, as_version=4))
    assert names, "every notebook shows a live explorer"
    browser = offline_page(slides_dir)
    page = browser.open(built(slides_dir, f"{path.stem}.slides.html"))
    page.wait_for_function(f"() => document.querySelectorAll('[data-ce-explorer][data-ce-ready]').length "
                           f">= {len(names)}", timeout=20_000)
    for index, name in enumerate(names):
        nth = names[:index].count(name)
        explorer = LiveOnPage(page, name, nth)
        # go to the explorer's slide with all its fragments shown (an explorer is often a fragment)
        explorer.root.evaluate("(el) => { const s = el.closest('section'); const i = Reveal.getIndices(s); "
                               "Reveal.slide(i.h, i.v, s.querySelectorAll('.fragment').length - 1); }")
        page.wait_for_timeout(400)  # the slide transition
        exercise_explorer(explorer, seed=index)
    assert browser.blocked == [] and browser.errors == []
