"""One plotting style for the whole collection, applied by an explicit call.

Colours are the Okabe-Ito palette (safe for the common kinds of colour blindness); axes are
labelled with their units; ``use_style(projector=True)`` enlarges fonts and lines for a
lecture hall. Importing this module changes nothing: call ``use_style()`` yourself.

Figures speak the language in use (``helpers.use_language``): the labels this module writes come
from its catalog, and in Chinese ``use_style()`` adds a font that draws Chinese (a subset of Noto
Sans CJK SC shipped in ``helpers/fonts/``) as the fallback of the Latin font, character by
character, so that Latin letters, digits and math look exactly as in English. Never put Chinese
and ``$…$`` math in one string: mathtext draws the whole string with its own fonts, which have no
Chinese (it logs a missing glyph and draws a box).
"""
from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.rcsetup import cycler

from helpers import i18n
from helpers.i18n import N_, tr

__all__ = ["PALETTE", "GREY", "COLORS", "UNITS", "FONTS", "use_style", "style_params", "style_in_use", "font_family",
           "describe_figure", "new_figure", "label_axes", "unit_name", "code_tree", "reliability_diagram"]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any common colour vision.
PALETTE: dict[str, str] = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
}
GREY = "#444444"  # dark grey: whiskers that read on the light bars
COLORS: list[str] = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")]

# How a log base is named in labels and printouts: None (natural log) gives nats. The names are
# English templates; ``unit_name`` gives them in the language in use.
UNITS: dict[float | None, str] = {None: N_("nats"), 2: N_("bits"), 10: N_("dits")}

# The font a language's figures need besides matplotlib's Latin font (DejaVu Sans): it draws only the
# characters that font lacks. English needs none.
FONTS: dict[str, Path] = {"zh_CN": Path(__file__).with_name("fonts") / "NotoSansSC-Subset.otf"}
# matplotlib's default family (DejaVu Sans and its kin): the Latin font of every language.
LATIN_FAMILY: tuple[str, ...] = ("sans-serif",)


def font_family(language: str | None = None) -> str | None:
    """The family name of the font that draws ``language``'s own characters (by default the language
    in use), registered with matplotlib's font manager; None for English, which needs none."""
    code = language or i18n.language()
    if code not in i18n.LANGUAGES:
        raise ValueError(f"language: must be one of {i18n.LANGUAGES}, got {code!r}")
    path = FONTS.get(code)
    if path is None:
        return None
    from matplotlib import font_manager

    manager = font_manager.fontManager
    if not any(Path(entry.fname) == path for entry in manager.ttflist):
        manager.addfont(str(path))
    return str(font_manager.get_font(str(path)).family_name)


def style_params(projector: bool = False, language: str | None = None) -> dict[str, Any]:
    """The rcParams of the house style; ``projector=True`` gives larger fonts and thicker lines.

    ``language`` (by default the language in use) chooses the fonts: matplotlib's Latin font alone in
    English, followed in Chinese by the font of ``font_family`` (registered with matplotlib), which
    draws each character the Latin font lacks. Everything else is the same in every language.
    """
    scale = 1.4 if projector else 1.0
    own = font_family(language)
    return {
        "font.family": [*LATIN_FAMILY, *([own] if own else [])],
        "axes.prop_cycle": cycler(color=COLORS),
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "font.size": 11 * scale,
        "axes.titlesize": 12 * scale,
        "axes.labelsize": 11 * scale,
        "legend.fontsize": 10 * scale,
        "xtick.labelsize": 10 * scale,
        "ytick.labelsize": 10 * scale,
        "lines.linewidth": 2.0 * scale,
        "lines.markersize": 6 * scale,
        "figure.figsize": (6.4 * (1.15 if projector else 1.0), 4.0 * (1.15 if projector else 1.0)),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "figure.autolayout": True,
    }


def style_in_use(projector: bool = False, language: str | None = None) -> bool:
    """True when matplotlib's rcParams hold the house style (``style_params(projector, language)``,
    by default in the language in use) right now."""
    # validated, as rcParams stores them (a tuple becomes a list)
    wanted = mpl.RcParams(style_params(projector, language))
    return all(mpl.rcParams[key] == value for key, value in wanted.items())


def use_style(projector: bool = False) -> None:
    """Apply the house style to matplotlib (call once at the top of a notebook, after
    ``helpers.use_language``): ``style_params(projector)`` in the language in use.

    In IPython it also gives every figure a text alternative: its ``text/plain`` becomes
    ``describe_figure(fig)``, which the static site and decks use as the image's alt text.
    """
    mpl.rcParams.update(mpl.RcParams(style_params(projector)))
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: no display formatter to set
        return
    shell = get_ipython()
    if shell is not None:
        # The inline backend, when it starts (at pyplot's first figure), drops every formatter
        # registered for Figure: start it with a figure closed at once, then register the description.
        import matplotlib.pyplot as plt

        plt.close(plt.figure())
        shell.display_formatter.formatters["text/plain"].for_type(
            Figure, lambda fig, printer, cycle: printer.text(describe_figure(fig)))


def _listed(items: list[str]) -> str:
    """``items`` as a list inside a sentence: "a, b and c" in English."""
    text = items[0]
    for item in items[1:-1]:
        text = tr("{list}, {item}", list=text, item=item)
    return text if len(items) == 1 else tr("{list} and {item}", list=text, item=items[-1])


def describe_figure(fig: Figure) -> str:
    """A one-paragraph text alternative for a figure, in the language in use: each axes' title, axis
    labels and curves.

    E.g. "Figure: The sigmoid squeezes any logit into (0, 1); horizontal axis: logit s; vertical
    axis: g(s) = P(y = 1 | x); shows g(s) and g(0) = 0.5."
    """
    sentences = []
    title = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    if title:
        sentences.append(title)
    for ax in fig.get_axes():
        if not ax.get_visible() or not ax.has_data():
            continue
        clauses = [ax.get_title()] if ax.get_title() else []
        if ax.get_xlabel():
            clauses.append(tr("horizontal axis: {label}", label=ax.get_xlabel()))
        if ax.get_ylabel():
            clauses.append(tr("vertical axis: {label}", label=ax.get_ylabel()))
        shown = [h.get_label() for h in ax.get_lines() + ax.containers + ax.collections
                 if h.get_label() and not h.get_label().startswith("_")]
        if shown:
            clauses.append(tr("shows {items}", items=_listed(shown)))
        if clauses:
            text = clauses[0]
            for clause in clauses[1:]:
                text = tr("{clause}; {next}", clause=text, next=clause)
            sentences.append(text[0].upper() + text[1:])
    if not sentences:
        return tr("Figure.")
    text = tr("Figure: {sentence}.", sentence=sentences[0])
    for sentence in sentences[1:]:
        text = tr("{text} {sentence}.", text=text, sentence=sentence)
    return text


def new_figure(nrows: int = 1, ncols: int = 1, **kwargs: Any) -> tuple[Figure, Any]:
    """A figure that pyplot does not manage (it is never shown twice), with its axes.

    Explorers draw on such figures and send them to the browser themselves.
    """
    fig = Figure(**kwargs)
    axes = fig.subplots(nrows, ncols)
    return fig, axes


def label_axes(ax: Axes, xlabel: str, ylabel: str, title: str | None = None) -> Axes:
    """Set both axis labels (with their units) and an optional title; return the axes."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    return ax


def unit_name(base: float | None) -> str:
    """The unit of information for a log base, in the language in use: 'bits' (2), 'nats' (None or e),
    'dits' (10)."""
    if base is None or abs(float(base) - 2.718281828459045) < 1e-12:
        return i18n.tr(UNITS[None])
    if base in UNITS:
        return i18n.tr(UNITS[base])
    return tr("log-{base} units", base=base)


def _as_fraction(p: float) -> str:
    """``p`` as a short fraction ("1/8") when it is one, else to four decimals."""
    exact = Fraction(p).limit_denominator(1024)
    return f"{exact.numerator}/{exact.denominator}" if abs(float(exact) - p) < 1e-12 else f"{p:.4f}"


def _check_code(codewords: Mapping[str, str], probabilities: Mapping[str, float]) -> None:
    """Raise ``ValueError`` unless ``codewords`` is a prefix code over the outcomes of ``probabilities``."""
    if not isinstance(codewords, Mapping) or not codewords:
        raise ValueError(tr("codewords: expected a non-empty mapping from outcome to codeword, such as {{'sun': '0'}}"))
    if not isinstance(probabilities, Mapping) or set(probabilities) != set(codewords):
        got = sorted(map(str, probabilities)) if isinstance(probabilities, Mapping) else probabilities
        raise ValueError(tr("probabilities: expected a mapping with the same outcomes as codewords, got {got!r}",
                            got=got))
    for outcome, word in codewords.items():
        if not isinstance(word, str) or not word or set(word) - {"0", "1"}:
            raise ValueError(tr("codewords: the codeword of {outcome!r} must be a non-empty string of 0s and 1s, "
                                "got {word!r}", outcome=outcome, word=word))
        p = probabilities[outcome]
        if isinstance(p, bool) or not isinstance(p, int | float) or not 0.0 <= float(p) <= 1.0:
            raise ValueError(tr("probabilities: the probability of {outcome!r} must be a number in [0, 1], got {p!r}",
                                outcome=outcome, p=p))
    words = sorted(codewords.values())
    for shorter, longer in zip(words, words[1:]):
        if longer.startswith(shorter):  # in sorted order a prefix comes right before a word it starts
            raise ValueError(tr("codewords: {shorter!r} is the start of {longer!r}, so this is not a prefix code",
                                shorter=shorter, longer=longer))


def code_tree(codewords: Mapping[str, str], probabilities: Mapping[str, float],
              title: str | None = None, questions: Mapping[str, str] | None = None) -> Figure:
    """Draw a binary prefix code as a tree: the root at the top, each edge labelled 0 or 1, each leaf
    labelled with its outcome, its probability and its codeword, at a depth equal to the codeword's length;
    with ``questions``, each inner node labelled with the question asked there.

    The figure is not managed by pyplot: show it by making it a cell's last expression. Its text
    alternative (``describe_figure``) names the title, the axis of codeword lengths in bits and every leaf.

    Parameters
    ----------
    codewords : outcome -> codeword, a string of 0s and 1s; no codeword may be the start of another.
    probabilities : outcome -> its probability p, shown as a fraction when it is one ("1/8").
    title : the figure's title; by default "A prefix code as a tree of yes/no answers" in the language in use.
    questions : inner node -> the question asked there, the node named by the answers that lead to it
        ("" for the root, "1" after one no), such as {"": "sun?", "1": "cloud?"}; nodes left out stay unlabelled.
    """
    _check_code(codewords, probabilities)
    nodes = {word[:k] for word in codewords.values() for k in range(len(word) + 1)}  # every prefix is a node
    inner_nodes = nodes - set(codewords.values())
    if questions is not None and (not isinstance(questions, Mapping) or
                                  not all(isinstance(q, str) for q in questions.values()) or
                                  not set(questions) <= inner_nodes):
        raise ValueError(tr("questions: expected a mapping from inner nodes {nodes} to strings, got {questions!r}",
                            nodes=sorted(inner_nodes), questions=questions))
    if title is None:
        title = tr("A prefix code as a tree of yes/no answers")
    leaves = sorted(codewords.values())  # 0 before 1: left to right
    x = {word: float(i) for i, word in enumerate(leaves)}
    for node in sorted(nodes - set(leaves), key=len, reverse=True):  # a parent sits above its children's middle
        x[node] = sum(x[child] for child in (node + "0", node + "1") if child in nodes) / \
            sum(child in nodes for child in (node + "0", node + "1"))
    depth = max(map(len, leaves))
    scale = mpl.rcParams["font.size"] / 11  # larger under use_style(projector=True), so the labels keep apart
    fig, ax = new_figure(figsize=(max(6.4, 1.9 * len(leaves)) * scale, (depth + 2.2) * scale))
    for node in sorted(nodes - {""}):
        parent = node[:-1]
        ax.plot([x[parent], x[node]], [len(parent), len(node)], color=PALETTE["black"], linewidth=1.5, zorder=1)
        # the bold 0 or 1 of an edge: a digit, drawn by the Latin font alone (the Chinese font has no bold)
        ax.text((x[parent] + x[node]) / 2, (len(parent) + len(node)) / 2, node[-1], ha="center", va="center",
                fontsize="large", fontweight="bold", fontfamily=list(LATIN_FAMILY),
                color=PALETTE["blue" if node[-1] == "0" else "vermillion"],
                bbox={"boxstyle": "circle,pad=0.2", "facecolor": "white", "edgecolor": "none"}, zorder=3)
    inner = sorted(nodes - set(leaves))
    ax.plot([x[n] for n in inner], [len(n) for n in inner], "o", color="0.45", markersize=7, zorder=2)
    for node, question in (questions or {}).items():  # above and right of its node, clear of the edges below
        ax.annotate(question, (x[node], len(node)), xytext=(7, 5), textcoords="offset points", ha="left",
                    va="bottom", fontsize="medium", fontstyle="italic", color="0.25", zorder=3)
    by_word = {word: outcome for outcome, word in codewords.items()}
    for word in leaves:
        outcome = by_word[word]
        p = float(probabilities[outcome])
        ax.plot([x[word]], [len(word)], "s", color=PALETTE["green"], markersize=11, zorder=2,
                label=tr("{outcome} (p = {p}, codeword {word})", outcome=outcome, p=_as_fraction(p), word=word))
        ax.text(x[word], len(word) + 0.18, tr("{outcome}\np = {p}\ncodeword {word}", outcome=outcome,
                                              p=_as_fraction(p), word=word), ha="center", va="top", fontsize="medium")
    ax.set_ylim(depth + 0.95, -0.35)  # the root at the top
    ax.set_xlim(-0.7, len(leaves) - 0.3)
    ax.set_yticks(range(depth + 1))
    ax.set_xticks([])
    ax.grid(False)
    ax.spines["bottom"].set_visible(False)
    label_axes(ax, "", tr("codeword length (bits)"), title)
    return fig


def reliability_diagram(ax: Axes, bins: dict[str, Any], interval: tuple[Any, Any] | None = None) -> Axes:
    """Draw a reliability diagram on ``ax`` from ``helpers.calibration.reliability_bins``'s ``bins``.

    Per confidence bin: a bar up to its accuracy, a dot at its mean confidence, and above the bar the
    number of samples in it (how much the bar can say); with ``interval`` = (low, high), one value per
    bin (``calibration.accuracy_intervals``), an error bar over each accuracy. The diagonal is a
    calibrated model. Empty bins draw nothing. Returns ``ax``.
    """
    edges, count = np.asarray(bins["edges"], dtype=float), np.asarray(bins["count"])
    accuracy, confidence = np.asarray(bins["accuracy"], dtype=float), np.asarray(bins["confidence"], dtype=float)
    if not (edges.ndim == 1 and count.shape == accuracy.shape == confidence.shape == (edges.size - 1,)):
        raise ValueError(tr("bins: expected the edges, count, accuracy and confidence of reliability_bins"))
    full = count > 0
    left, width = edges[:-1], np.diff(edges)
    middle = left + width / 2
    ax.bar(left[full], accuracy[full], width=width[full], align="edge", color=PALETTE["sky"],
           edgecolor=PALETTE["blue"], label=tr("accuracy"))
    top = accuracy.copy()
    if interval is not None:
        low, high = (np.asarray(v, dtype=float) for v in interval)
        if low.shape != accuracy.shape or high.shape != accuracy.shape:
            raise ValueError(tr("interval: expected (low, high) with {count} values each", count=accuracy.size))
        ax.errorbar(middle[full], accuracy[full], yerr=np.maximum(0.0, [accuracy[full] - low[full], high[full] - accuracy[full]]),
                    fmt="none", ecolor=GREY, elinewidth=1, capsize=3, label=tr("95% interval"))
        top = np.fmax(top, high)
    top = np.fmax(top, confidence)  # each count sits clear of its whisker and its dot
    ax.plot(middle[full], confidence[full], "o", color=PALETTE["black"], label=tr("confidence"))
    for x, y, n in zip(middle[full], top[full], count[full]):
        ax.text(x, y + 0.03, str(int(n)), ha="center", va="bottom", fontsize=8)
    ax.plot([0, 1], [0, 1], "--", color=PALETTE["black"], linewidth=1)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.12)
    return ax
