"""Every slide of every deck fits a 16:9 screen, in type the back row can read.

Each deck of ``make slides`` is opened in Chromium on a 720p and on a 1080p screen, once each, and
every slide is measured with all its fragments shown (``tests/support/slidefit.py``): nothing it
shows may lie outside the slide's box, and nothing may be hidden in a scroller or a clip (the
deck's old "scroll a tall slide" rescue is gone, so a slide cannot fit by scrolling). On a 1080p
screen prose is at least 24 px and code at least 20 px, every figure is shown at least at the size
it was drawn (its smallest text is then at least 20 px), and every explorer shows all its controls
and its whole drawing inside the slide. A failure lists the slides with their overflow in pixels and
saves a screenshot of each under ``test-artifacts/slide-fit/``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.support.labdriver import ARTIFACTS_DIR
from tests.support.site import built
from tests.support.slidefit import SCREENS, SlideFit, go_to, measure_current, measure_deck

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
ARTIFACTS = ARTIFACTS_DIR / "slide-fit"
MIN_TEXT_PX, MIN_CODE_PX = 24.0, 20.0  # on a 1080p screen
# Every control of an explorer, and its drawing, must be inside the slide box.
_EXPLORER_PARTS = """() => {
  const box = document.querySelector('.reveal .slides').getBoundingClientRect();
  const scale = Reveal.getScale();
  const inside = (r) => r.width > 0 && r.height > 0 && r.left >= box.left - 1 && r.right <= box.right + 1
                        && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  return [...Reveal.getCurrentSlide().querySelectorAll('[data-ce-explorer]')].map(root => {
    const parts = [...root.querySelectorAll('input, select, .ce-figure svg, .ce-readout')];
    return {name: root.getAttribute('data-ce-explorer'), parts: parts.length,
            controls: root.querySelectorAll('input, select').length,
            drawings: root.querySelectorAll('.ce-figure svg').length,
            outside: parts.filter(p => !inside(p.getBoundingClientRect()))
                          .map(p => `${p.tagName.toLowerCase()}${p.dataset.name ? '[' + p.dataset.name + ']' : ''}`)};
  });
}"""
_FIGURES = """() => [...Reveal.getCurrentSlide().querySelectorAll('.jp-OutputArea-output img')]
    .filter(img => !img.closest('aside.notes'))
    .map(img => ({alt: (img.alt || '').slice(0, 50), natural: img.naturalHeight,
                  shown: img.getBoundingClientRect().height / Reveal.getScale()}))"""


class MeasuredDeck:
    """One deck opened on one screen: every slide's fit, explorers and figures, measured once."""

    def __init__(self, page: Any, fits: list[SlideFit], explorers: dict[tuple[int, int], list[dict[str, Any]]],
                 figures: dict[tuple[int, int], list[dict[str, Any]]]) -> None:
        self.page, self.fits, self.explorers, self.figures = page, fits, explorers, figures

    def screenshot(self, fit: SlideFit, name: str) -> Path:
        go_to(self.page, fit.h, fit.v)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}-slide-{fit.h + 1}.{fit.v + 1}.png"
        self.page.screenshot(path=str(path))
        return path


def live_explorers(path: Path) -> int:
    from helpers.explorers.live import EXPLORER_MIME

    nb = nbformat.read(path, as_version=4)
    return sum(EXPLORER_MIME in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def open_deck(browser: Any, deck: Path, screen: str, explorers: int) -> Any:
    """The deck in a fresh page of ``screen``'s size, ready: reveal, MathJax, explorers, pictures."""
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.goto(deck.resolve().as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady() && window.MathJax && MathJax.startup "
                           "&& MathJax.startup.promise", timeout=30_000)
    page.evaluate("() => MathJax.startup.promise")
    page.wait_for_function(f"() => document.querySelectorAll('[data-ce-explorer][data-ce-ready]').length >= {explorers}"
                           " && [...document.images].every(i => i.complete)", timeout=30_000)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    return page


@pytest.fixture(scope="module")
def measured(chromium: Any, slides_dir: Path) -> Any:
    """``measured(stem, screen)``: the deck's MeasuredDeck, measured the first time it is asked for."""
    cache: dict[tuple[str, str], MeasuredDeck] = {}
    pages: list[Any] = []

    def get(stem: str, screen: str) -> MeasuredDeck:
        if (stem, screen) not in cache:
            deck = built(slides_dir, f"{stem}.slides.html")
            page = open_deck(chromium, deck, screen, live_explorers(ROOT / "notebooks" / f"{stem}.ipynb"))
            pages.append(page)
            fits = measure_deck(page)
            explorers, figures = {}, {}
            for fit in fits:
                go_to(page, fit.h, fit.v)
                explorers[(fit.h, fit.v)] = page.evaluate(_EXPLORER_PARTS)
                figures[(fit.h, fit.v)] = page.evaluate(_FIGURES)
            cache[(stem, screen)] = MeasuredDeck(page, fits, explorers, figures)
        return cache[(stem, screen)]

    yield get
    for page in pages:
        page.context.close()


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("stem", IDS)
def test_every_slide_fits_the_screen(stem: str, screen: str, measured: Any) -> None:
    deck = measured(stem, screen)
    bad = [fit for fit in deck.fits if not fit.fits]
    shots = [deck.screenshot(fit, f"{stem}-{screen}") for fit in bad[:6]]
    assert bad == [], (
        f"{len(bad)} of {len(deck.fits)} slides do not fit a {screen} screen (px of the 1280 × 720 slide):\n  "
        + "\n  ".join(fit.report() for fit in bad)
        + f"\nShorten them: move prose to a 'notes' cell, split a slide, or show less code. Screenshots: {shots}")


@pytest.mark.parametrize("stem", IDS)
def test_type_is_readable_from_the_back_of_the_hall(stem: str, measured: Any) -> None:
    deck = measured(stem, "1080p")
    small_text = [f"{fit.report().split(':')[0]}: {fit.fonts['text']:.1f} px at {fit.fonts['textAt']}"
                  for fit in deck.fits if fit.fonts["text"] < MIN_TEXT_PX]
    small_code = [f"{fit.report().split(':')[0]}: {fit.fonts['code']:.1f} px at {fit.fonts['codeAt']}"
                  for fit in deck.fits if fit.fonts["code"] < MIN_CODE_PX]
    assert small_text == [], f"prose smaller than {MIN_TEXT_PX} px on a 1080p screen"
    assert small_code == [], f"code smaller than {MIN_CODE_PX} px on a 1080p screen"


@pytest.mark.parametrize("stem", IDS)
def test_every_explorer_is_whole_on_its_slide(stem: str, measured: Any) -> None:
    deck = measured(stem, "1080p")
    shown = [(where, explorer) for where, explorers in deck.explorers.items() for explorer in explorers]
    assert len(shown) == live_explorers(ROOT / "notebooks" / f"{stem}.ipynb"), "an explorer is not on any slide"
    cut = []
    for (h, v), explorer in shown:
        assert explorer["controls"] >= 1 and explorer["drawings"] >= 1, explorer
        if explorer["outside"]:
            fit = next(f for f in deck.fits if (f.h, f.v) == (h, v))
            cut.append(f"slide {h + 1}.{v + 1} {explorer['name']}: {explorer['outside']} outside the slide "
                       f"(screenshot {deck.screenshot(fit, f'{stem}-explorer')})")
    assert cut == []


@pytest.mark.parametrize("stem", IDS)
def test_figures_are_never_shrunk(stem: str, measured: Any) -> None:
    """A figure is shown at least at the size it was drawn: a slide may not fit by shrinking it."""
    deck = measured(stem, "1080p")
    shrunk = [f"slide {h + 1}.{v + 1}: {figure['alt']!r} {figure['shown']:.0f} px tall, drawn {figure['natural']} px"
              for (h, v), figures in deck.figures.items() for figure in figures if figure["shown"] < figure["natural"] - 1]
    assert shrunk == []


# --- the measure bites ------------------------------------------------------------------------

def test_an_overlong_slide_and_a_scrolling_one_fail_the_measure(chromium: Any, slides_dir: Path) -> None:
    deck = sorted(slides_dir.glob("*.slides.html"))[0]
    html = deck.read_text(encoding="utf-8")
    long_text = "<p>" + " ".join(["An overlong slide."] * 400) + "</p>"
    scroller = '<div style="height: 40px; overflow: auto"><p>1</p><p>2</p><p>3</p><p>4</p></div>'
    opening = html.index('<div class="jp-Cell', html.index('class="slides"'))  # inside the first slide
    bad = slides_dir / "zz_overlong.slides.html"
    bad.write_text(html[:opening] + long_text + scroller + html[opening:], encoding="utf-8")
    context = None
    try:
        page = open_deck(chromium, bad, "1080p", 0)
        context = page.context
        go_to(page, 0, 0)
        fit = measure_current(page)
        assert not fit.fits
        assert fit.over["bottom"] > 100, fit.report()
        assert any("in 1265x40" in hidden or "x40" in hidden for hidden in fit.hidden), fit.hidden
        page.goto(deck.resolve().as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        go_to(page, 0, 0)
        assert measure_current(page).fits, "the measure should pass the untouched slide"
    finally:
        if context:
            context.close()
        bad.unlink()
