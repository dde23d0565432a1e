"""Chinese figures draw cleanly: in the Chinese edition ``helpers.plots.use_style()`` gives matplotlib the
shipped subset of Noto Sans CJK SC as the fallback of its Latin font, so that Chinese text is drawn from
it (never a box), Latin letters, digits and math exactly as in English, and matplotlib says nothing.

matplotlib reports a glyph its fonts lack in two ways, and both are watched: a ``UserWarning`` ("Glyph …
missing from font(s) DejaVu Sans") for plain text, and a record of the ``logging`` module for mathtext
("Font 'default' does not have a glyph for …"), which a warnings filter never sees. The figures are
saved as PNG (what the notebooks show); nothing may reach stderr either.
"""
from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib as mpl  # noqa: E402
import numpy as np  # noqa: E402
import polib  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402

import helpers  # noqa: E402
from helpers import plots  # noqa: E402
from tests.support.english import english_left  # noqa: E402

CATALOG = Path(plots.__file__).with_name("locale") / "zh_CN" / "plots.po"


@pytest.fixture
def chinese() -> Iterator[None]:
    """The Chinese edition with its style for one test; English and the rcParams as they were afterwards."""
    with mpl.rc_context():
        helpers.use_language("zh_CN")
        try:
            plots.use_style()
            yield
        finally:
            helpers.use_language("en")


class _Collect(logging.Handler):
    def __init__(self, said: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.said = said

    def emit(self, record: logging.LogRecord) -> None:
        self.said.append(f"log {record.name} {record.levelname}: {record.getMessage()}")


@contextlib.contextmanager
def what_matplotlib_says() -> Iterator[list[str]]:
    """Collect, while the block runs, every warning and every log record of matplotlib at WARNING or above."""
    said: list[str] = []
    handler = _Collect(said)
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield said
    finally:
        logger.removeHandler(handler)
    said.extend(f"warning {w.category.__name__}: {w.message}" for w in caught)


def draw_chinese_figures(folder: Path, tag: str = "") -> list[str]:
    """A line plot (title, axis labels, legend), a code tree with Chinese outcomes and questions and a
    reliability diagram, each saved as PNG in ``folder``; return their text alternatives. ``tag`` makes
    the strings new to matplotlib's text caches."""
    fig, ax = plots.new_figure()
    q = np.linspace(0.05, 0.95, 19)
    ax.plot(q, -np.log2(q), label=f"交叉熵 H(p, q){tag}")
    ax.plot(q, np.full_like(q, 1.0), "--", label="熵 H(p) = 1 比特")
    plots.label_axes(ax, "模型给正确类别的概率 q", "损失（比特）", f"预测越准，交叉熵越小{tag}")
    ax.legend()
    fig.savefig(folder / "line.png")
    descriptions = [plots.describe_figure(fig)]

    tree = plots.code_tree({"晴": "0", "多云": "10", "雨": "110", "雪": "111"},
                           {"晴": 0.5, "多云": 0.25, "雨": 0.125, "雪": 0.125},
                           questions={"": "晴吗？", "1": "多云吗？", "11": "下雨吗？"})
    tree.savefig(folder / "tree.png")
    descriptions.append(plots.describe_figure(tree))

    fig, ax = plots.new_figure()
    bins = {"edges": np.linspace(0, 1, 6), "count": np.array([0, 3, 10, 20, 50]),
            "accuracy": np.array([np.nan, 0.3, 0.5, 0.7, 0.9]),
            "confidence": np.array([np.nan, 0.35, 0.55, 0.72, 0.93])}
    plots.reliability_diagram(ax, bins, interval=(bins["accuracy"] - 0.1, bins["accuracy"] + 0.05))
    plots.label_axes(ax, "置信度", "准确率", "可靠性图：模型是否校准")
    ax.legend()
    fig.savefig(folder / "reliability.png")
    descriptions.append(plots.describe_figure(fig))
    return descriptions


def test_chinese_figures_draw_without_a_word_from_matplotlib(chinese, tmp_path: Path, capfd) -> None:
    capfd.readouterr()
    with what_matplotlib_says() as said:
        descriptions = draw_chinese_figures(tmp_path)
    assert said == []
    assert capfd.readouterr().err == ""
    assert all((tmp_path / name).stat().st_size > 0 for name in ("line.png", "tree.png", "reliability.png"))
    assert [english_left(d) for d in descriptions] == [[], [], []]   # their text alternatives are Chinese too


def test_without_the_fallback_font_the_same_figures_lose_their_glyphs(chinese, tmp_path: Path) -> None:
    """The check bites: with the English fonts alone (DejaVu Sans), every Chinese character is missing."""
    with mpl.rc_context({"font.family": plots.style_params(language="en")["font.family"]}):
        with what_matplotlib_says() as said:
            draw_chinese_figures(tmp_path, tag=" ")
    assert said and all("missing from font(s) DejaVu Sans" in s for s in said)
    assert any("U+4EA4" in s or "CJK UNIFIED IDEOGRAPH-4EA4" in s for s in said)   # 交


def test_chinese_and_math_in_one_string_is_logged_not_warned(chinese) -> None:
    """mathtext draws a whole string with its own fonts, which have no Chinese: it logs each missing glyph
    through ``logging`` (no ``UserWarning``), which is why the watch covers both and why plots.py never
    writes such a string."""
    fig, ax = plots.new_figure()
    ax.set_title("$H(p)$ 的单位：比特")
    with what_matplotlib_says() as said:
        fig.savefig(io.BytesIO(), format="png")
    assert said and all(s.startswith("log matplotlib.mathtext WARNING") for s in said)
    assert any("does not have a glyph for '\\u6bd4'" in s for s in said)   # 比


def test_plots_never_puts_math_in_a_string_it_draws() -> None:
    """Every template of plots.py is in its catalog: none holds ``$`` in English or Chinese."""
    entries = [e for e in polib.pofile(str(CATALOG)) if not e.obsolete]
    assert entries
    assert [e.msgid for e in entries if "$" in e.msgid or "$" in e.msgstr] == []


def _render(text: str, **props: object) -> np.ndarray:
    fig = Figure(figsize=(4, 0.8), dpi=100)
    fig.text(0.02, 0.3, text, fontsize=20, **props)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_chinese_glyphs_come_from_the_shipped_subset_and_the_rest_as_in_english(chinese) -> None:
    subset = FontProperties(fname=str(plots.FONTS["zh_CN"]))
    chinese_text = _render("信息量与交叉熵")
    assert np.array_equal(chinese_text, _render("信息量与交叉熵", fontproperties=subset))
    latin = "H(p, q) = 1.5 bits, $-\\log_2 q$"
    in_chinese_style = _render(latin)
    with mpl.rc_context(plots.style_params(language="en")):
        assert np.array_equal(in_chinese_style, _render(latin))   # Latin, digits, math: pixel for pixel
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            boxes = _render("信息量与交叉熵")
    assert not np.array_equal(chinese_text, boxes)   # the check bites: DejaVu Sans alone draws other pixels
