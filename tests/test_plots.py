"""helpers.plots: the style is applied only on request, and every figure gets a text alternative."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import plots  # noqa: E402


def test_describe_figure_names_title_axes_and_curves() -> None:
    fig, ax = plt.subplots()
    s = np.linspace(-4, 4, 9)
    ax.plot(s, 1 / (1 + np.exp(-s)), label="g(s)")
    ax.plot([0], [0.5], "o", label="g(0) = 0.5")
    plots.label_axes(ax, "logit s", "g(s) = P(y = 1 | x)", "The sigmoid squeezes any logit into (0, 1)")
    text = plots.describe_figure(fig)
    plt.close(fig)
    assert text == ("Figure: The sigmoid squeezes any logit into (0, 1); horizontal axis: logit s; "
                    "vertical axis: g(s) = P(y = 1 | x); shows g(s) and g(0) = 0.5.")


def test_describe_figure_covers_every_axes_and_skips_empty_ones() -> None:
    fig, (left, right, empty) = plt.subplots(1, 3)
    left.bar([0, 1], [0.1, 0.9], label="shooter A")
    right.plot([0, 1], [1, 0])
    right.set_xlabel("p")
    empty.set_title("nothing drawn")
    text = plots.describe_figure(fig)
    plt.close(fig)
    assert text == "Figure: Shows shooter A. Horizontal axis: p."


def test_an_empty_figure_is_still_described() -> None:
    fig = plt.figure()
    assert plots.describe_figure(fig) == "Figure."
    plt.close(fig)


def test_style_in_use_tells_the_house_style_from_others() -> None:
    import matplotlib as mpl

    from helpers.plots import style_in_use, style_params

    with mpl.rc_context(style_params()):
        assert style_in_use() and not style_in_use(projector=True)
    with mpl.rc_context(style_params(projector=True)):
        assert style_in_use(projector=True) and not style_in_use()
    with mpl.rc_context(style_params()):
        mpl.rcParams["font.size"] = 12.0  # one setting changed after the style
        assert not style_in_use()
    with mpl.rc_context(mpl.rcParamsDefault):
        assert not style_in_use()


# --- the prefix-code tree of notebook 02 --------------------------------------------------------------

WEATHER = {"sun": 0.5, "cloud": 0.25, "rain": 0.125, "snow": 0.125}
CODE = {"sun": "0", "cloud": "10", "rain": "110", "snow": "111"}


def test_code_tree_puts_each_leaf_at_the_depth_of_its_codeword() -> None:
    fig = plots.code_tree(CODE, WEATHER)
    (ax,) = fig.get_axes()
    leaves = {line.get_label(): (line.get_xdata()[0], line.get_ydata()[0]) for line in ax.get_lines()
              if not line.get_label().startswith("_")}
    assert list(leaves) == ["sun (p = 1/2, codeword 0)", "cloud (p = 1/4, codeword 10)",
                            "rain (p = 1/8, codeword 110)", "snow (p = 1/8, codeword 111)"]
    # the depth of a leaf is the length of its codeword, which here is -log2 p bits
    for (_, depth), outcome in zip(leaves.values(), CODE):
        assert depth == len(CODE[outcome]) == pytest.approx(-np.log2(WEATHER[outcome]))
    assert [x for x, _ in leaves.values()] == [0, 1, 2, 3]  # left to right, 0 before 1
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # the root at the top
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("0") == 3 and texts.count("1") == 3  # one label per edge: 6 edges
    assert "rain\np = 1/8\ncodeword 110" in texts


def test_code_tree_has_a_text_alternative_and_stays_out_of_pyplot() -> None:
    before = plt.get_fignums()
    fig = plots.code_tree(CODE, WEATHER, title="Tomorrow's weather as yes/no answers")
    assert plt.get_fignums() == before  # not managed by pyplot: shown once, as a cell's value
    assert plots.describe_figure(fig) == (
        "Figure: Tomorrow's weather as yes/no answers; vertical axis: codeword length (bits); shows sun "
        "(p = 1/2, codeword 0), cloud (p = 1/4, codeword 10), rain (p = 1/8, codeword 110) and snow "
        "(p = 1/8, codeword 111).")


def test_code_tree_draws_any_prefix_code() -> None:
    fig = plots.code_tree({"a": "00", "b": "01", "c": "1"}, {"a": 0.3, "b": 0.2, "c": 0.5})
    labels = [line.get_label() for line in fig.get_axes()[0].get_lines() if not line.get_label().startswith("_")]
    assert labels == ["a (p = 3/10, codeword 00)", "b (p = 1/5, codeword 01)", "c (p = 1/2, codeword 1)"]
    fig = plots.code_tree({"x": "0"}, {"x": 1 / 3 + 1e-9})  # not a short fraction: four decimals
    assert fig.get_axes()[0].get_lines()[-1].get_label() == "x (p = 0.3333, codeword 0)"


def test_code_tree_labels_each_inner_node_with_its_question() -> None:
    questions = {"": "sun?", "1": "cloud?", "11": "rain?"}
    (ax,) = plots.code_tree(CODE, WEATHER, questions=questions).get_axes()
    placed = {t.get_text(): t.xy for t in ax.texts if t.get_text().endswith("?")}
    # each question sits at its node: the root at depth 0, "1" at depth 1, "11" at depth 2
    assert {q: depth for q, (_, depth) in placed.items()} == {"sun?": 0, "cloud?": 1, "rain?": 2}
    assert placed["sun?"][0] < placed["cloud?"][0] < placed["rain?"][0]  # each "no" moves right
    (no_questions,) = plots.code_tree(CODE, WEATHER).get_axes()
    assert not [t for t in no_questions.texts if t.get_text().endswith("?")]


@pytest.mark.parametrize("questions", [{"0": "sun?"}, {"": 3}, {"111": "snow?"}, ["sun?"]])
def test_code_tree_rejects_questions_at_nodes_that_are_not_inner(questions) -> None:
    with pytest.raises(ValueError, match=r"^questions: .*inner nodes"):
        plots.code_tree(CODE, WEATHER, questions=questions)


@pytest.mark.parametrize("codewords, probabilities, name, problem", [
    ({"a": "0", "b": "01"}, {"a": 0.5, "b": 0.5}, "codewords", "'0' is the start of '01'"),
    ({"a": "0", "b": "0"}, {"a": 0.5, "b": 0.5}, "codewords", "'0' is the start of '0'"),
    ({"a": "0", "b": "12"}, {"a": 0.5, "b": 0.5}, "codewords", "string of 0s and 1s"),
    ({"a": "0", "b": ""}, {"a": 0.5, "b": 0.5}, "codewords", "string of 0s and 1s"),
    ({"a": "0", "b": 1}, {"a": 0.5, "b": 0.5}, "codewords", "string of 0s and 1s"),
    ({}, {}, "codewords", "non-empty mapping"),
    (["0", "1"], {"a": 0.5}, "codewords", "non-empty mapping"),
    ({"a": "0", "b": "1"}, {"a": 0.5}, "probabilities", "same outcomes"),
    ({"a": "0", "b": "1"}, [0.5, 0.5], "probabilities", "same outcomes"),
    ({"a": "0", "b": "1"}, {"a": 0.5, "b": 1.5}, "probabilities", "[0, 1]"),
    ({"a": "0", "b": "1"}, {"a": 0.5, "b": "half"}, "probabilities", "[0, 1]"),
    ({"a": "0", "b": "1"}, {"a": 0.5, "b": float("nan")}, "probabilities", "[0, 1]"),
])
def test_code_tree_rejects_what_is_not_a_prefix_code(codewords, probabilities, name, problem) -> None:
    with pytest.raises(ValueError, match=r"^" + name) as caught:
        plots.code_tree(codewords, probabilities)
    assert problem in str(caught.value)


def test_code_tree_grows_with_the_projector_style() -> None:
    import matplotlib as mpl

    with mpl.rc_context(plots.style_params()):
        width = plots.code_tree(CODE, WEATHER).get_figwidth()
    with mpl.rc_context(plots.style_params(projector=True)):
        assert plots.code_tree(CODE, WEATHER).get_figwidth() == pytest.approx(1.4 * width)  # the fonts' scale


def test_a_reliability_diagram_shows_each_bins_count_and_interval() -> None:
    bins = {"edges": np.linspace(0, 1, 11), "count": np.array([0, 0, 0, 3, 0, 0, 0, 21, 0, 284]),
            "accuracy": np.array([np.nan] * 3 + [1 / 3] + [np.nan] * 3 + [18 / 21, np.nan, 283 / 284]),
            "confidence": np.array([np.nan] * 3 + [0.36] + [np.nan] * 3 + [0.76, np.nan, 0.98])}
    low = np.where(bins["count"] > 0, np.nan_to_num(bins["accuracy"]) - 0.1, np.nan)
    high = np.where(bins["count"] > 0, np.nan_to_num(bins["accuracy"]) + 0.05, np.nan)
    fig, ax = plt.subplots()
    plots.reliability_diagram(ax, bins, interval=(low, high))
    texts = [t.get_text() for t in ax.texts]
    label_y = [t.get_position()[1] for t in ax.texts]
    whiskers = list(ax.collections)
    heights = sorted(p.get_height() for p in ax.patches)
    plt.close(fig)
    assert texts == ["3", "21", "284"]             # one count per non-empty bin, in order
    full = bins["count"] > 0
    assert all(y > max(c, h) for y, c, h in zip(label_y, bins["confidence"][full], high[full]))  # clear of dot and whisker
    assert any(matplotlib.colors.to_hex(c.get_color()[0]) == plots.GREY for c in whiskers)        # dark grey whiskers
    np.testing.assert_allclose(heights, sorted([1 / 3, 18 / 21, 283 / 284]))
    assert "95% interval" in plots.describe_figure(fig) and "confidence" in plots.describe_figure(fig)


def test_a_reliability_diagram_rejects_what_is_not_bins() -> None:
    fig, ax = plt.subplots()
    try:
        for bad, name in [({"edges": [0, 1], "count": [1, 2], "accuracy": [1, 1], "confidence": [1, 1]}, "bins")]:
            try:
                plots.reliability_diagram(ax, bad)
            except ValueError as error:
                assert str(error).startswith(name)
            else:
                raise AssertionError("no ValueError")
        good = {"edges": np.linspace(0, 1, 3), "count": np.array([1, 1]), "accuracy": np.array([0.0, 1.0]),
                "confidence": np.array([0.4, 0.9])}
        try:
            plots.reliability_diagram(ax, good, interval=([0, 1], [0, 1, 1]))
        except ValueError as error:
            assert str(error).startswith("interval")
        else:
            raise AssertionError("no ValueError")
    finally:
        plt.close(fig)


# --- the language of the figures ----------------------------------------------------------------------

@pytest.fixture
def chinese():
    """The Chinese edition for one test: English and the rcParams as they were afterwards."""
    import matplotlib as mpl

    import helpers

    with mpl.rc_context():
        helpers.use_language("zh_CN")
        try:
            yield
        finally:
            helpers.use_language("en")


def test_the_english_style_keeps_matplotlibs_own_font_family() -> None:
    """English figures stay byte for byte what they were: the style names matplotlib's default family,
    DejaVu Sans alone, and registers no font."""
    import matplotlib as mpl

    assert plots.style_params()["font.family"] == mpl.rcParamsDefault["font.family"] == ["sans-serif"]
    assert plots.font_family() is None and plots.font_family("en") is None


def test_the_chinese_style_adds_the_shipped_font_after_the_latin_one(chinese) -> None:
    import matplotlib as mpl
    from matplotlib import font_manager

    english, chinese_params = plots.style_params(language="en"), plots.style_params()
    family = plots.font_family()
    assert family == "Noto Sans SC Subset"
    assert chinese_params["font.family"] == ["sans-serif", family]   # Latin first, Chinese where it lacks a glyph
    assert {k: v for k, v in chinese_params.items() if k != "font.family"} == \
        {k: v for k, v in english.items() if k != "font.family"}   # nothing else changes
    assert plots.style_params(projector=True)["font.family"] == chinese_params["font.family"]
    # registered once with matplotlib, and the family resolves to the shipped file, not a system font
    plots.font_family()
    entries = [e for e in font_manager.fontManager.ttflist if e.fname == str(plots.FONTS["zh_CN"])]
    assert len(entries) == 1 and entries[0].name == family
    assert font_manager.findfont(font_manager.FontProperties(family=family)) == str(plots.FONTS["zh_CN"])
    plots.use_style()
    assert mpl.rcParams["font.family"] == ["sans-serif", family]
    assert plots.style_in_use() and not plots.style_in_use(language="en") and not plots.style_in_use(projector=True)
    plots.use_style(projector=True)
    assert plots.style_in_use(projector=True) and not plots.style_in_use()


def test_use_style_in_english_again_drops_the_chinese_font(chinese) -> None:
    import matplotlib as mpl

    import helpers

    plots.use_style()
    helpers.use_language("en")
    assert not plots.style_in_use()   # the Chinese font is still in font.family
    plots.use_style()
    assert mpl.rcParams["font.family"] == ["sans-serif"] and plots.style_in_use()


def test_describe_figure_speaks_chinese(chinese) -> None:
    from tests.support.english import english_left

    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0], label="H(p)")
    ax.plot([0, 1], [0, 1], label="交叉熵")
    ax.plot([0, 1], [0.5, 0.5], label="p = 0.5")
    plots.label_axes(ax, "预测概率 q", "损失（比特）", "交叉熵随 q 的变化")
    fig.suptitle("两条曲线")
    text = plots.describe_figure(fig)
    plt.close(fig)
    assert text == ("图：两条曲线。交叉熵随 q 的变化；横轴：预测概率 q；纵轴：损失（比特）；"
                    "图例：H(p)、交叉熵、p = 0.5。")
    assert english_left(text) == []
    empty = plt.figure()
    assert plots.describe_figure(empty) == "图。"
    plt.close(empty)


def test_code_tree_speaks_chinese(chinese) -> None:
    from tests.support.english import english_left

    fig = plots.code_tree({"晴": "0", "多云": "10", "雨": "11"}, {"晴": 0.5, "多云": 0.25, "雨": 0.25})
    (ax,) = fig.get_axes()
    assert ax.get_title() == "用是/否回答构成的树表示前缀码"
    assert ax.get_ylabel() == "码字长度（比特）"
    assert "多云\np = 1/4\n码字 10" in [t.get_text() for t in ax.texts]
    assert plots.describe_figure(fig) == ("图：用是/否回答构成的树表示前缀码；纵轴：码字长度（比特）；图例：晴（p = 1/2，码字 0）、"
                                          "多云（p = 1/4，码字 10）、雨（p = 1/4，码字 11）。")
    assert english_left(plots.describe_figure(fig)) == []
    with pytest.raises(ValueError, match=r"^codewords：'0' 是 '01' 的开头"):
        plots.code_tree({"a": "0", "b": "01"}, {"a": 0.5, "b": 0.5})


def test_a_reliability_diagram_speaks_chinese(chinese) -> None:
    fig, ax = plt.subplots()
    bins = {"edges": np.linspace(0, 1, 3), "count": np.array([2, 5]), "accuracy": np.array([0.5, 0.8]),
            "confidence": np.array([0.3, 0.9])}
    plots.reliability_diagram(ax, bins, interval=([0.2, 0.6], [0.8, 0.9]))
    labels = sorted(h.get_label() for h in ax.get_lines() + ax.containers + ax.collections
                    if not h.get_label().startswith("_"))
    plt.close(fig)
    assert labels == sorted(["准确率", "95% 区间", "置信度"])


def test_unit_names_in_each_language(chinese) -> None:
    import helpers

    assert [plots.unit_name(b) for b in (2, None, np.e, 10, 3)] == ["比特", "纳特", "纳特", "迪特", "以 3 为底的对数单位"]
    helpers.use_language("en")
    assert [plots.unit_name(b) for b in (2, None, np.e, 10, 3)] == ["bits", "nats", "nats", "dits", "log-3 units"]
    assert plots.UNITS == {None: "nats", 2: "bits", 10: "dits"}   # the table stays English: codes, not labels


def test_the_style_of_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^language: must be one of \('en', 'zh_CN'\), got 'fr'"):
        plots.style_params(language="fr")
