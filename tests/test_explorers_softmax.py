"""Tests of notebook 05's softmax explorer: its pure state against PyTorch, and the widget driven from Python."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from helpers import explorers
from helpers.explorers import softmax as sx
from helpers.explorers._base import REGISTRY


def torch_reference(z, label, temperature):
    logits = torch.tensor([z], dtype=torch.float64) / temperature
    q = torch.softmax(logits, dim=1)[0].numpy()
    loss = torch.nn.CrossEntropyLoss()(logits, torch.tensor([label])).item()
    return q, loss


@pytest.mark.parametrize("z, label, temperature", [
    ((-0.5215, -0.4240, 0.8907), 1, 1.0),
    ((-0.2820, 0.0445, 1.3734), 2, 1.0),
    ((-1.0393, 0.8725, 0.1539), 0, 0.5),
    ((6.0, -6.0, 0.0), 1, 0.1),      # very confident and wrong: large but finite loss
    ((2.0, 1.0, -3.0), 0, 10.0),
])
def test_state_matches_torch(z, label, temperature) -> None:
    state = sx.softmax_state(*z, label, temperature)
    q, loss = torch_reference(z, label, temperature)
    np.testing.assert_allclose(state["q"], q, rtol=1e-12, atol=1e-15)
    assert state["loss"] == pytest.approx(loss, rel=1e-12)
    assert state["q"].sum() == pytest.approx(1.0)
    assert state["predicted"] == int(np.argmax(z))


def test_article_first_row_gives_the_article_numbers() -> None:
    state = sx.softmax_state(*sx.ARTICLE_ROW, sx.ARTICLE_LABEL)
    assert [round(v, 4) for v in state["q"]] == [0.1611, 0.1776, 0.6613]
    assert round(state["loss"], 4) == 1.7282


def test_temperature_limits() -> None:
    hot = sx.softmax_state(1.0, 2.0, 3.0, 0, 1e6)
    assert hot["loss"] == pytest.approx(math.log(3), rel=1e-5)
    cold = sx.softmax_state(1.0, 2.0, 3.0, 2, 0.01)
    assert cold["q"][2] == pytest.approx(1.0) and cold["loss"] < 1e-40
    assert math.isfinite(sx.softmax_state(1.0, 2.0, 3.0, 0, 0.01)["loss"])  # 200 nats, no overflow


@pytest.mark.parametrize("kwargs, name", [
    ({"label": 3}, "label"), ({"label": -1}, "label"), ({"label": 1.0}, "label"), ({"label": True}, "label"),
    ({"temperature": 0.0}, "temperature"), ({"temperature": -1.0}, "temperature"),
    ({"temperature": float("inf")}, "temperature"),
])
def test_bad_input_raises_value_error_naming_the_argument(kwargs, name) -> None:
    args = {"label": 0, "temperature": 1.0} | kwargs
    with pytest.raises(ValueError, match=name):
        sx.softmax_state(0.0, 0.0, 0.0, **args)


def test_registered_under_its_name() -> None:
    assert REGISTRY["softmax-loss"] is explorers.softmax_explorer
    assert explorers.softmax_explorer().name == "softmax-loss"


def test_explorer_starts_at_the_article_row_and_follows_the_controls() -> None:
    ex = explorers.softmax_explorer()
    assert "loss = -ln q_1 = 1.7282 nats" in ex.readout_text
    assert "(0.1611, 0.1776, 0.6613)" in ex.readout_text
    assert "predicted class = 2 (wrong)" in ex.readout_text
    ex.set(label=2)
    _, loss = torch_reference(sx.ARTICLE_ROW, 2, 1.0)
    assert f"loss = -ln q_2 = {loss:.4f} nats" in ex.readout_text
    assert "(right)" in ex.readout_text
    ex.set(z0=3.0, temperature=2.0)
    q, loss = torch_reference((3.0, sx.ARTICLE_ROW[1], sx.ARTICLE_ROW[2]), 2, 2.0)
    np.testing.assert_allclose(ex.state["q"], q, rtol=1e-12)
    assert f"{loss:.4f} nats" in ex.readout_text
    assert "T = 2.00" in ex.readout_text


def test_draw_changes_artists_in_place() -> None:
    ex = explorers.softmax_explorer()
    bars, n_artists = list(ex._bars), len(ex._ax.get_children())
    png = ex.image.value
    ex.set(z1=4.0)
    assert list(ex._bars) == bars and len(ex._ax.get_children()) == n_artists
    assert bars[1].get_height() == pytest.approx(ex.state["q"][1])
    assert ex._texts[1].get_text() == f"{ex.state['q'][1]:.4f}"
    assert ex.image.value != png


@pytest.mark.parametrize("start", [-0.5215, -0.4240, 0.8907, 0.0, 5.995, -6.0])
def test_slider_grid_passes_through_the_start(start) -> None:
    low, high = sx.slider_range(start)
    assert -6.0 <= low <= start <= high <= 6.0
    assert low < -5.98 and high > 5.98           # the grid covers the whole of [-6, 6] up to a step
    k = (start - low) / sx.LOGIT_STEP
    assert abs(k - round(k)) < 1e-6               # the browser snaps to low + k * step: start is on it


def test_controls_start_on_their_grid() -> None:
    ex = explorers.softmax_explorer()
    for c, start in enumerate(sx.ARTICLE_ROW):
        control = ex.controls[f"z{c}"]
        assert control.value == start
        k = (control.value - control.min) / control.step
        assert abs(k - round(k)) < 1e-6
    t = ex.controls["temperature"]
    assert t.value == 1.0 and abs((0.0 - t.min) / t.step - round((0.0 - t.min) / t.step)) < 1e-9


def test_state_agrees_with_the_math_layer_on_the_articles_rows() -> None:
    """What notebook 05 computes with helpers.losses, the explorer shows: the same q and loss per row."""
    from helpers import losses
    from helpers.checks.pytorch import ARTICLE_X, ARTICLE_Y

    rows = losses.cross_entropy(ARTICLE_X, ARTICLE_Y, reduction="none")
    for i, (z, label) in enumerate(zip(ARTICLE_X.tolist(), ARTICLE_Y.tolist())):
        state = sx.softmax_state(*z, label)
        np.testing.assert_allclose(state["q"], losses.softmax(ARTICLE_X, axis=1)[i], rtol=1e-12)
        assert state["loss"] == pytest.approx(rows[i], rel=1e-12)
        shifted = sx.softmax_state(*(v + 5.0 for v in z), label)
        assert shifted["loss"] == pytest.approx(state["loss"], rel=1e-9)
