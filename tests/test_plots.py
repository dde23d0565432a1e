"""helpers.plots: the style is applied only on request, and every figure gets a text alternative."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

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


def test_a_reliability_diagram_shows_each_bins_count_and_interval() -> None:
    bins = {"edges": np.linspace(0, 1, 11), "count": np.array([0, 0, 0, 3, 0, 0, 0, 21, 0, 284]),
            "accuracy": np.array([np.nan] * 3 + [1 / 3] + [np.nan] * 3 + [18 / 21, np.nan, 283 / 284]),
            "confidence": np.array([np.nan] * 3 + [0.36] + [np.nan] * 3 + [0.76, np.nan, 0.98])}
    low = np.where(bins["count"] > 0, np.nan_to_num(bins["accuracy"]) - 0.1, np.nan)
    high = np.where(bins["count"] > 0, np.nan_to_num(bins["accuracy"]) + 0.05, np.nan)
    fig, ax = plt.subplots()
    plots.reliability_diagram(ax, bins, interval=(low, high))
    texts = [t.get_text() for t in ax.texts]
    heights = sorted(p.get_height() for p in ax.patches)
    plt.close(fig)
    assert texts == ["3", "21", "284"]             # one count per non-empty bin, in order
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
