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

# Everything the present slide shows, measured against the slide box. Returns layout pixels.
_MEASURE = r"""() => {
  const slide = Reveal.getCurrentSlide();
  const cfg = Reveal.getConfig();
  const scale = Reveal.getScale();
  const box = document.querySelector('.reveal .slides').getBoundingClientRect();
  const over = {top: 0, right: 0, bottom: 0, left: 0};
  const worst = {top: '', right: '', bottom: '', left: ''};
  const hidden = [];
  const fonts = {text: Infinity, code: Infinity, textAt: '', codeAt: ''};
  const describe = (el) => {
    const text = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/)[0] : ''} "${text}"`;
  };
  const skip = (el) => el.closest('aside.notes, mjx-assistive-mml, svg *, .ce-explorer-note ~ *:empty');
  for (const el of [slide, ...slide.querySelectorAll('*')]) {
    if (el !== slide && skip(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const reach = {top: (box.top - r.top) / scale, right: (r.right - box.right) / scale,
                   bottom: (r.bottom - box.bottom) / scale, left: (box.left - r.left) / scale};
    for (const side of Object.keys(over)) {
      if (reach[side] > over[side]) { over[side] = reach[side]; worst[side] = describe(el); }
    }
    const clipsX = ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
    const clipsY = ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowY);
    if (el.tagName.toLowerCase().startsWith('mjx')) continue;
    if ((clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1)) {
      hidden.push(`${describe(el)}: ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`);
    }
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (own && style.visibility !== 'hidden' && !el.closest('mjx-container')) {
      const size = parseFloat(style.fontSize) * scale;
      const code = !!el.closest('pre, code, .highlight, .jp-OutputArea-output');
      const key = code ? 'code' : 'text';
      if (size < fonts[key]) { fonts[key] = size; fonts[key + 'At'] = describe(el); }
    }
  }
  const indices = Reveal.getIndices();
  const heading = slide.querySelector('h1, h2, h3, h4');
  return {h: indices.h, v: indices.v || 0, title: heading ? heading.innerText.trim().slice(0, 70) : describe(slide),
          over, worst, hidden, fonts, width: cfg.width, height: cfg.height, scale,
          explorers: [...slide.querySelectorAll('[data-ce-explorer]')].length};
}"""


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
