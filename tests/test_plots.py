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
