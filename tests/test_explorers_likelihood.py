"""Tests of notebook 01's explorers: the pure states against PyTorch and closed forms, and the
widgets driven from Python (set the sliders, read the readout and the plotted data)."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers import explorers, losses
from helpers.explorers import likelihood as lk
from helpers.explorers._base import REGISTRY


def torch_bce(y_hat, y, reduction="none"):
    """PyTorch's binary cross-entropy in float64: the independent reference."""
    return F.binary_cross_entropy(torch.as_tensor(np.asarray(y_hat, dtype=float)),
                                  torch.as_tensor(np.asarray(y, dtype=float)), reduction=reduction).numpy()


# --- logistic_state ---------------------------------------------------------------------------------

@pytest.mark.parametrize("w, b", [(0.0, 0.0), (1.0, 0.0), (2.0, -1.0), (-3.0, 0.5), (1.1, 0.1)])
def test_logistic_state_matches_torch(w, b) -> None:
    state = lk.logistic_state(w, b)
    x, y = np.array(lk.DEMO_X), np.array(lk.DEMO_Y, dtype=float)
    y_hat = torch.sigmoid(torch.tensor(w * x + b, dtype=torch.float64)).numpy()
    np.testing.assert_allclose(state["y_hat"], y_hat, rtol=1e-12)
    np.testing.assert_allclose(state["losses"], torch_bce(y_hat, y), rtol=1e-10, atol=1e-14)
    assert state["total"] == pytest.approx(float(torch_bce(y_hat, y, "sum")), rel=1e-10)
    assert state["mean"] == pytest.approx(float(torch_bce(y_hat, y, "mean")), rel=1e-10)
    grid = torch.sigmoid(torch.tensor(w * state["curve_x"] + b, dtype=torch.float64)).numpy()
    np.testing.assert_allclose(state["curve_y"], grid, rtol=1e-12)


def test_logistic_state_knows_nothing_at_zero_weight() -> None:
    state = lk.logistic_state(0.0, 0.0)
    np.testing.assert_allclose(state["y_hat"], 0.5)
    np.testing.assert_allclose(state["losses"], math.log(2))
    assert state["total"] == pytest.approx(8 * math.log(2), rel=1e-14)  # 5.5452 nats


def test_logistic_state_confidently_wrong_is_large_but_finite() -> None:
    # w = -5 points the sigmoid the wrong way: the extreme points are almost certainly misjudged.
    state = lk.logistic_state(-5.0, 5.0)
    assert np.isfinite(state["losses"]).all() and state["losses"].max() > 10
    # Hand calculation for the leftmost point (x = -2.2, y = 0): s = 16, loss = log(1 + e^16).
    assert state["losses"][0] == pytest.approx(math.log1p(math.exp(16.0)), rel=1e-12)


def test_the_slider_grid_optimum_is_close_to_the_true_fit() -> None:
    # The notebook reports w = 1.1, b = 0.1 (4.1058 nats) on the slider grid; LBFGS finds the real optimum.
    x, y = torch.tensor(lk.DEMO_X, dtype=torch.float64), torch.tensor(lk.DEMO_Y, dtype=torch.float64)
    params = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([params], max_iter=100, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(params[0] * x + params[1], y, reduction="sum")
        loss.backward()
        return loss

    opt.step(closure)
    best = closure().item()
    assert round(lk.logistic_state(1.1, 0.1)["total"], 4) == 4.1058
    assert best <= lk.logistic_state(1.1, 0.1)["total"] < best + 0.01


@pytest.mark.parametrize("kwargs, name", [
    ({"w": float("nan"), "b": 0.0}, "w"), ({"w": 0.0, "b": float("inf")}, "b"),
    ({"w": 1.0, "b": 0.0, "x": [1.0, 2.0], "y": [1.0]}, "x, y"),
])
def test_logistic_state_rejects_bad_input(kwargs, name) -> None:
    with pytest.raises(ValueError, match=name):
        lk.logistic_state(**kwargs)


# --- constant prediction (maximum likelihood) -----------------------------------------------------------

@pytest.mark.parametrize("y_hat, k, n", [(0.5, 3, 10), (0.3, 3, 10), (0.9, 7, 20), (0.05, 0, 5), (0.99, 12, 12)])
def test_constant_prediction_state_matches_torch(y_hat, k, n) -> None:
    state = lk.constant_prediction_state(y_hat, k, n)
    labels = np.r_[np.ones(k), np.zeros(n - k)]
    assert state["total"] == pytest.approx(float(torch_bce(np.full(n, y_hat), labels, "sum")), rel=1e-12)
    assert state["mean"] == pytest.approx(float(torch_bce(np.full(n, y_hat), labels, "mean")), rel=1e-12)
    assert state["best"] == k / n
    # The minimum mean loss is the binary entropy of k/n, here from its closed form (0 log 0 = 0).
    p = k / n
    closed = -sum(t * math.log(t) for t in (p, 1 - p) if t > 0)
    assert state["best_mean"] == pytest.approx(closed, abs=1e-15)


@pytest.mark.parametrize("k, n", [(3, 10), (1, 7), (11, 40), (5, 5), (0, 3)])
def test_loss_curve_is_lowest_at_k_over_n(k, n) -> None:
    state = lk.constant_prediction_state(0.5, k, n)
    q, curve = state["curve_q"], state["curve_mean"]
    assert np.isfinite(curve).all()
    step = q[1] - q[0]
    assert abs(q[np.argmin(curve)] - k / n) <= step  # the grid's nearest point to k/n
    # No prediction beats k/n: the curve never goes below the minimum mean loss.
    assert curve.min() >= state["best_mean"] - 1e-12


def test_constant_prediction_loss_rejects_predictions_outside_0_1() -> None:
    for bad in (-0.1, 1.1, float("nan"), [0.5, 2.0]):
        with pytest.raises(ValueError, match="y_hat"):
            losses.constant_prediction_loss(bad, 1, 3)


def test_whole_number_floats_are_accepted() -> None:
    assert lk.constant_prediction_state(0.5, 3.0, np.int64(10))["best"] == 0.3


def test_constant_prediction_loss_at_the_edges() -> None:
    assert losses.constant_prediction_loss(0.0, 0, 4) == 0.0        # all negatives, predict 0: certain and right
    assert losses.constant_prediction_loss(1.0, 4, 4) == 0.0
    assert losses.constant_prediction_loss(0.0, 1, 4) == math.inf   # one positive predicted impossible


@pytest.mark.parametrize("args, name", [
    ((0.5, 4, 3), "k"), ((0.5, -1, 3), "k"), ((0.5, 1.5, 3), "k"), ((0.5, "1", 3), "k"), ((0.5, True, 3), "k"),
    ((0.5, 0, 0), "n"), ((0.5, 1, 2.5), "n"), ((0.5, 1, float("nan")), "n"),
    ((0.0, 1, 3), "y_hat"), ((1.0, 1, 3), "y_hat"), ((1.2, 1, 3), "y_hat"), ((float("nan"), 1, 3), "y_hat"),
])
def test_constant_prediction_state_rejects_bad_input(args, name) -> None:
    with pytest.raises(ValueError, match=name):
        lk.constant_prediction_state(*args)


# --- the widgets ---------------------------------------------------------------------------------------

def test_registered_under_their_names() -> None:
    assert REGISTRY["logistic-1d"] is explorers.logistic_explorer
    assert REGISTRY["max-likelihood"] is explorers.mle_explorer
    assert explorers.logistic_explorer().name == "logistic-1d"
    assert explorers.mle_explorer().name == "max-likelihood"


def test_logistic_explorer_follows_its_sliders() -> None:
    ex = explorers.logistic_explorer()
    assert "w = 0.0, b = 0.0" in ex.readout_text
    assert f"total loss (sum over 8 points) = {8 * math.log(2):.4f} nats" in ex.readout_text
    ex.set(w=2.0, b=-1.0)
    x, y = np.array(lk.DEMO_X), np.array(lk.DEMO_Y)
    y_hat = 1 / (1 + np.exp(-(2.0 * x - 1.0)))
    per_point = torch_bce(y_hat, y)
    assert ex.state["total"] == pytest.approx(per_point.sum(), rel=1e-10)
    assert f"total loss (sum over 8 points) = {per_point.sum():.4f} nats" in ex.readout_text
    assert f"mean = {per_point.mean():.4f} nats per point" in ex.readout_text
    worst = int(np.argmax(per_point))
    assert f"worst point: x = {x[worst]:.1f}, y = {y[worst]}" in ex.readout_text
    assert f"loss = {per_point[worst]:.4f} nats" in ex.readout_text


def test_logistic_explorer_redraws_in_place() -> None:
    ex = explorers.logistic_explorer()
    ax, bx = ex.figure.axes
    bars, n_children = list(ex._bars), (len(ax.get_children()), len(bx.get_children()))
    png = bytes(ex.image.value)
    ex.set(w=-1.5, b=0.5)
    assert list(ex._bars) == bars and (len(ax.get_children()), len(bx.get_children())) == n_children
    expected = torch_bce(1 / (1 + np.exp(-(-1.5 * np.array(lk.DEMO_X) + 0.5))), lk.DEMO_Y)
    np.testing.assert_allclose([bar.get_height() for bar in bars], expected, rtol=1e-10)
    np.testing.assert_allclose(ex._curve.get_ydata(), 1 / (1 + np.exp(1.5 * ex.state["curve_x"] - 0.5)), rtol=1e-12)
    np.testing.assert_allclose(ex._preds.get_ydata(), ex.state["y_hat"])
    assert bytes(ex.image.value) != png


def test_mle_explorer_follows_its_sliders() -> None:
    ex = explorers.mle_explorer()
    assert "minimum at ŷ = k/n = 0.3000" in ex.readout_text
    ex.set(y_hat=0.25, k=7, n=20)
    total = float(torch_bce(np.full(20, 0.25), np.r_[np.ones(7), np.zeros(13)], "sum"))
    assert f"total loss = {total:.4f} nats; mean = {total / 20:.4f} nats per sample" in ex.readout_text
    assert f"minimum at ŷ = k/n = 0.3500: mean loss {-(0.35 * math.log(0.35) + 0.65 * math.log(0.65)):.4f} nats" \
        in ex.readout_text
    assert list(ex._best_line.get_xdata()) == [0.35, 0.35]
    assert list(ex._point.get_xdata()) == [0.25] and ex._point.get_ydata()[0] == pytest.approx(total / 20)
    curve = ex._curve.get_ydata()
    assert ex._curve.get_xdata()[np.argmin(curve)] == pytest.approx(0.35, abs=0.002)


def test_mle_explorer_keeps_k_at_most_n() -> None:
    ex = explorers.mle_explorer()
    ex.set(n=30, k=25)
    ex.set(n=10)                      # fewer samples than positives: k follows n down
    assert ex.controls["k"].value == 10 and ex.controls["k"].max == 10
    assert ex.state["k"] == 10 and ex.state["n"] == 10 and ex.state["best"] == 1.0
    assert "minimum at ŷ = k/n = 1.0000: mean loss 0.0000 nats" in ex.readout_text
    ex.set(n=40)
    assert ex.controls["k"].max == 40 and ex.controls["k"].value == 10
