"""Does every slide of a reveal.js deck fit the screen? Measured in Chromium, slide by slide.

reveal.js lays a slide out at a fixed size (``Reveal.getConfig().width`` × ``height``) and scales
that box to the window. A slide fits when every element it shows (its fragments included: reveal
keeps a hidden fragment's place) lies inside that box, and no element of it hides content behind a
scroll bar or a clip. Speaker notes (``aside.notes``) are not shown and are not measured.

:func:`measure_deck` walks a deck opened in a Playwright page and returns one :class:`SlideFit` per
slide: how far its content reaches past each edge, in the slide's own pixels (its layout box, so
the figure does not depend on the window), and the elements that scroll or clip. It also gives the
smallest font on the slide in screen pixels, separately for prose and for code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["SlideFit", "measure_deck", "measure_current", "go_to", "TOLERANCE", "SCREENS"]

# Two 16:9 screens: a 720p projector and a 1080p one.
SCREENS = {"720p": {"width": 1280, "height": 720}, "1080p": {"width": 1920, "height": 1080}}
TOLERANCE = 1.0  # px of the slide's box: sub-pixel rounding of scaled layout is not an overflow

# Both measures walk the elements a screen shows and keep: how far past each edge of ``box`` they
# reach (divided by ``unit``, so the static decks report slide pixels), the element that reaches
# furthest, every element that hides content in a scroller (``clipping``: the overflow values that
# count), and the smallest type in screen pixels (font size times ``zoom``), prose and code apart.
_TALLY = r"""const tally = (elements, box, unit, zoom, clipping) => {
  const over = {top: 0, right: 0, bottom: 0, left: 0};
  const worst = {top: '', right: '', bottom: '', left: ''};
  const hidden = [];
  const fonts = {text: Infinity, code: Infinity, textAt: '', codeAt: ''};
  for (const el of elements) {
    const style = getComputedStyle(el);
    if (style.display === 'none') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const reach = {top: (box.top - r.top) / unit, right: (r.right - box.right) / unit,
                   bottom: (r.bottom - box.bottom) / unit, left: (box.left - r.left) / unit};
    for (const side of Object.keys(over)) {
      if (reach[side] > over[side]) { over[side] = reach[side]; worst[side] = describe(el); }
    }
    if (el.tagName.toLowerCase().startsWith('mjx') || el.classList.contains('cm-scroller')) continue;
    const clipsX = clipping.includes(style.overflowX), clipsY = clipping.includes(style.overflowY);
    if ((clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1)) {
      hidden.push(`${describe(el)}: ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`);
    }
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (own && style.visibility !== 'hidden' && !el.closest('mjx-container')) {
      const size = parseFloat(style.fontSize) * zoom;
      const key = el.closest('pre, code, .highlight, .cm-content, .jp-OutputArea-output') ? 'code' : 'text';
      if (size < fonts[key]) { fonts[key] = size; fonts[key + 'At'] = describe(el); }
    }
  }
  return {over, worst, hidden, fonts};
};
const describe = (el) => {
  const text = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60);
  return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/)[0] : ''} "${text}"`;
};
"""

# Everything the present slide shows, measured against the slide box. Returns layout pixels.
_MEASURE = r"""() => {
%(TALLY)s  const slide = Reveal.getCurrentSlide();
  const scale = Reveal.getScale();
  const box = document.querySelector('.reveal .slides').getBoundingClientRect();
  const shown = [slide, ...slide.querySelectorAll('*')].filter(
    el => el === slide || !el.closest('aside.notes, mjx-assistive-mml, mjx-ext, svg *'));
  const found = tally(shown, box, scale, scale, ['auto', 'scroll', 'hidden', 'clip']);
  const indices = Reveal.getIndices();
  const heading = slide.querySelector('h1, h2, h3, h4');
  return {h: indices.h, v: indices.v || 0, title: heading ? heading.innerText.trim().slice(0, 70) : describe(slide),
          ...found, explorers: [...slide.querySelectorAll('[data-ce-explorer]')].length};
}""".replace("%(TALLY)s", _TALLY)


@dataclass
class SlideFit:
    """What one slide shows beyond its box (layout px per edge) and what it hides in a scroller."""

    h: int
    v: int
    title: str
    over: dict[str, float]
    worst: dict[str, str]
    hidden: list[str] = field(default_factory=list)
    fonts: dict[str, Any] = field(default_factory=dict)
    explorers: int = 0

    @property
    def overflow(self) -> float:
        """The largest reach past an edge, in the slide's pixels (0 when it fits)."""
        return max(0.0, *self.over.values())

    @property
    def fits(self) -> bool:
        return self.overflow <= TOLERANCE and not self.hidden

    def report(self) -> str:
        sides = ", ".join(f"{side} {px:.0f} px ({self.worst[side]})" for side, px in self.over.items() if px > TOLERANCE)
        parts = [f"slide {self.h + 1}.{self.v + 1} {self.title!r}"]
        if sides:
            parts.append(f"beyond the {sides}")
        if self.hidden:
            parts.append("scrolls or clips " + "; ".join(self.hidden[:3]))
        return ": ".join([parts[0], " and ".join(parts[1:])])


def go_to(page: Any, h: int, v: int) -> None:
    """Show slide (h, v) with all its fragments, with no transition, and wait for the layout."""
    page.evaluate("""([h, v]) => { Reveal.slide(h, v, Number.MAX_SAFE_INTEGER); Reveal.layout(); }""", [h, v])
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def measure_current(page: Any) -> SlideFit:
    data = page.evaluate(_MEASURE)
    return SlideFit(h=data["h"], v=data["v"], title=data["title"], over=data["over"], worst=data["worst"],
                    hidden=data["hidden"], fonts=data["fonts"], explorers=data["explorers"])


def measure_deck(page: Any) -> list[SlideFit]:
    """Every slide of the deck open in ``page`` (reveal ready, math typeset), measured in turn."""
    page.evaluate("() => Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
    slides = page.evaluate("""() => Reveal.getSlides().map(s => { const i = Reveal.getIndices(s); return [i.h, i.v || 0]; })""")
    fits = []
    for h, v in slides:
        go_to(page, h, v)
        fits.append(measure_current(page))
    return fits


# --- JupyterLab's deck mode (jupyterlab-slideshow) ------------------------------------------------
# The slide is the window: every cell on screen, and all it holds, must lie inside it, and the
# notebook (the deck's scroller) must not scroll. Returns window pixels.
_MEASURE_DECK_MODE = r"""() => {
%(TALLY)s  const nb = document.querySelector('.jp-NotebookPanel.jp-Deck .jp-Notebook');
  const box = {top: 0, left: 0, right: innerWidth, bottom: innerHeight};
  const cells = [...nb.querySelectorAll('.jp-Cell.jp-deck-mod-onscreen')];
  const shown = cells.flatMap(cell => [cell, ...cell.querySelectorAll('*')]).filter(el => !el.closest(
    'mjx-assistive-mml, mjx-ext, svg *, .jp-cell-toolbar, .jp-Collapser, .jp-InputPrompt, .jp-OutputPrompt'));
  const found = tally(shown, box, 1, parseFloat(getComputedStyle(nb).zoom) || 1, ['auto', 'scroll']);
  if (nb.scrollHeight > nb.clientHeight + 1) found.hidden.push(`the deck scrolls: ${nb.scrollHeight} px in ${nb.clientHeight}`);
  const heading = cells.length ? cells[0].querySelector('h1, h2, h3, h4') : null;
  const index = window.jupyterapp.shell.currentWidget.content.activeCellIndex;
  return {h: index, v: 0, title: heading ? heading.innerText.trim().slice(0, 70) : (cells.length ? describe(cells[0]) : '(nothing)'),
          ...found, explorers: cells.reduce((n, c) => n + c.querySelectorAll('.ce-live').length, 0), cells: cells.length};
}""".replace("%(TALLY)s", _TALLY)


def measure_deck_mode(page: Any) -> list[SlideFit]:
    """Every screen of the notebook presenting in deck mode in ``page``, from its first cell to the
    end, measured in turn (``h`` is the active cell's index, the screen's first visible cell)."""
    page.evaluate("() => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = 0; }")
    page.evaluate("() => window.jupyterapp.commands.execute('deck:start')")
    page.wait_for_selector(".jp-NotebookPanel.jp-Deck", timeout=10_000)
    fits: list[SlideFit] = []
    seen: set[int] = set()
    for _ in range(400):
        page.wait_for_timeout(250)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        data = page.evaluate(_MEASURE_DECK_MODE)
        if data["h"] in seen:
            break
        seen.add(data["h"])
        if data["cells"]:
            fits.append(SlideFit(h=data["h"], v=0, title=data["title"], over=data["over"], worst=data["worst"],
                                 hidden=data["hidden"], fonts=data["fonts"], explorers=data["explorers"]))
        page.evaluate("() => window.jupyterapp.commands.execute('deck:go', {direction: 'down', alternate: 'forward'})")
    page.evaluate("() => window.jupyterapp.commands.execute('deck:stop')")
    return fits
