"""Tests of notebook 06's gradients (helpers.grads) and explorers.

Every gradient is compared with torch.autograd in float64 (an independent reference); the training
loop with a plain-Python re-implementation and with torch.optim.SGD.
"""
from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers import experiments, explorers, grads
from helpers.explorers import gradients as gx
from helpers.explorers._base import REGISTRY

F64 = torch.float64
LOGITS = np.array([-40.0, -8.0, -6.0, -1.5, -0.3, 0.0, 0.7, 2.0, 9.0, 40.0])


def autograd_of_logit(loss_of_probability, s: np.ndarray, y: float) -> np.ndarray:
    s_t = torch.tensor(s, dtype=F64, requires_grad=True)
    loss_of_probability(s_t, torch.full_like(s_t, y)).sum().backward()
    return s_t.grad.numpy()


@pytest.mark.parametrize("y", [0.0, 1.0, 0.3])
def test_bce_logit_grad_matches_autograd(y) -> None:
    expected = autograd_of_logit(lambda s, t: F.binary_cross_entropy_with_logits(s, t, reduction="none"),
                                 LOGITS, y)
    np.testing.assert_allclose(grads.bce_logit_grad(LOGITS, y), expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_mse_logit_grad_matches_autograd_of_half_squared_error(y) -> None:
    expected = autograd_of_logit(lambda s, t: 0.5 * (torch.sigmoid(s) - t) ** 2, LOGITS, y)
    np.testing.assert_allclose(grads.mse_logit_grad(LOGITS, y), expected, rtol=1e-10, atol=1e-300)
    # PyTorch's mse_loss has no 1/2: twice our gradient
    torch_mse = autograd_of_logit(lambda s, t: F.mse_loss(torch.sigmoid(s), t, reduction="none"), LOGITS, y)
    np.testing.assert_allclose(torch_mse, 2 * grads.mse_logit_grad(LOGITS, y), rtol=1e-10, atol=1e-300)


def test_mse_gradient_vanishes_when_confidently_wrong_and_bce_does_not() -> None:
    assert abs(grads.mse_logit_grad(-20.0, 1.0)) < 1e-8
    assert grads.bce_logit_grad(-20.0, 1.0) == pytest.approx(-1.0, abs=1e-8)
    s = np.linspace(-10, 10, 20_001)
    assert np.abs(grads.mse_logit_grad(s, 1.0)).max() == pytest.approx(4 / 27, rel=1e-6)
    assert s[np.argmax(np.abs(grads.mse_logit_grad(s, 1.0)))] == pytest.approx(-np.log(2), abs=1e-3)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_softmax_ce_grad_matches_autograd_for_a_batch(seed) -> None:
    rng = np.random.default_rng(seed)
    z = rng.normal(0.0, 4.0, size=(6, 5))
    y = rng.integers(0, 5, size=6)
    z_t = torch.tensor(z, requires_grad=True)
    F.cross_entropy(z_t, torch.tensor(y), reduction="sum").backward()
    np.testing.assert_allclose(grads.softmax_ce_grad(z, y), z_t.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_softmax_ce_grad_of_the_article_row_and_extreme_logits() -> None:
    grad = grads.softmax_ce_grad(np.array([-0.5215, -0.4240, 0.8907]), 1)
    assert [round(v, 4) for v in grad] == [0.1611, -0.8224, 0.6613]
    huge = grads.softmax_ce_grad(np.array([1000.0, 999.0, 998.0]), 2)
    assert np.isfinite(huge).all() and huge.sum() == pytest.approx(0.0, abs=1e-15)
    z_t = torch.tensor([1000.0, 999.0, 998.0], dtype=F64, requires_grad=True)
    F.cross_entropy(z_t[None], torch.tensor([2])).backward()
    np.testing.assert_allclose(huge, z_t.grad.numpy(), rtol=1e-12)


@pytest.mark.parametrize("call, name", [
    (lambda: grads.softmax_ce_grad(np.zeros(3), 3), "y"),
    (lambda: grads.softmax_ce_grad(np.zeros(3), 1.0), "y"),
    (lambda: grads.softmax_ce_grad(np.zeros((2, 3)), 1), "y"),
    (lambda: grads.softmax_ce_grad(np.zeros((2, 3, 4)), np.zeros((2, 3), int)), "z"),
    (lambda: grads.bce_logit_grad(0.0, 1.5), "y"),
    (lambda: grads.mse_logit_grad(np.nan, 1.0), "s"),
    (lambda: gx.gradient_curves(0.0, 2), "y"),
    (lambda: gx.gradient_curves(0.0, 1, lo=1.0, hi=0.0), "lo"),
    (lambda: experiments.train_logistic(("bce", "hinge")), "losses"),
    (lambda: experiments.train_logistic(lr=0.0), "lr"),
    (lambda: experiments.train_logistic(steps=0), "steps"),
    (lambda: experiments.toy_data(n=1), "n"),
])
def test_bad_input_raises_value_error_naming_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()


def test_toy_data_is_seeded_and_labels_follow_the_feature() -> None:
    x1, y1 = experiments.toy_data()
    x2, y2 = experiments.toy_data()
    assert np.array_equal(x1, x2) and np.array_equal(y1, y2) and x1.shape == (40,)
    assert set(np.unique(y1)) == {0.0, 1.0}
    assert np.mean((x1 > 0) == (y1 == 1)) > 0.85


def reference_training(loss: str, lr: float, w0: float, steps: int) -> list[float]:
    """Plain-Python gradient descent, one sample at a time in the sums (no NumPy broadcasting)."""
    import math
    x, y = experiments.toy_data()
    w, b = w0, 0.0
    history = []
    for t in range(steps + 1):
        s = [w * xi + b for xi in x]
        history.append(sum(max(si, 0) - si * yi + math.log1p(math.exp(-abs(si))) for si, yi in zip(s, y)) / len(x))
        if t == steps:
            break
        p = [1 / (1 + math.exp(-si)) for si in s]
        g = [(pi - yi) if loss == "bce" else (pi - yi) * pi * (1 - pi) for pi, yi in zip(p, y)]
        w, b = w - lr * sum(gi * xi for gi, xi in zip(g, x)) / len(x), b - lr * sum(g) / len(x)
    return history


@pytest.mark.parametrize("lr, w0", [(0.5, -4.0), (2.0, 0.0), (0.05, 3.0)])
def test_training_matches_a_plain_python_loop(lr, w0) -> None:
    run = experiments.train_logistic(("bce", "mse"), lr=lr, w0=w0, steps=60)
    for k, loss in enumerate(("bce", "mse")):
        np.testing.assert_allclose(run["bce"][:, k], reference_training(loss, lr, w0, 60), rtol=1e-10)


@pytest.mark.parametrize("loss", ["bce", "mse"])
def test_training_matches_torch_sgd(loss) -> None:
    x, y = (torch.tensor(a) for a in experiments.toy_data())
    w = torch.tensor(-4.0, dtype=F64, requires_grad=True)
    b = torch.tensor(0.0, dtype=F64, requires_grad=True)
    opt = torch.optim.SGD([w, b], lr=0.5)
    for _ in range(30):
        opt.zero_grad()
        s = w * x + b
        if loss == "bce":
            F.binary_cross_entropy_with_logits(s, y).backward()
        else:
            (0.5 * (torch.sigmoid(s) - y) ** 2).mean().backward()
        opt.step()
    run = experiments.train_logistic((loss,), lr=0.5, w0=-4.0, steps=30)
    assert run["w"][-1, 0] == pytest.approx(w.item(), rel=1e-10)
    assert run["b"][-1, 0] == pytest.approx(b.item(), rel=1e-10, abs=1e-12)


def test_the_notebook_numbers() -> None:
    run = experiments.training_comparison(lr=0.5, w0=-4.0)
    assert [round(v, 4) for v in run["bce"][0]] == [4.1520, 4.1520]
    assert [round(v, 4) for v in run["bce"][-1]] == [0.2268, 0.4608]
    assert run["first_below_1_nat"] == [8, 174]


def test_training_stays_finite_at_extreme_settings() -> None:
    with np.errstate(all="raise"):
        run = experiments.training_comparison(lr=10.0, w0=6.0)
    assert np.isfinite(run["bce"]).all() and np.isfinite(run["mse"]).all()
    assert experiments.training_comparison(lr=0.01, w0=-6.0)["first_below_1_nat"][1] is None


def test_registered_under_their_names() -> None:
    assert REGISTRY["logit-gradients"] is explorers.logit_gradients
    assert REGISTRY["bce-vs-mse-training"] is explorers.bce_vs_mse_training
    assert explorers.logit_gradients().name == "logit-gradients"
    assert explorers.bce_vs_mse_training().name == "bce-vs-mse-training"


def test_gradient_explorer_follows_its_controls() -> None:
    ex = explorers.logit_gradients()
    assert "ŷ = sigmoid(s) = 0.0025" in ex.readout_text
    assert "BCE gradient ŷ − y = -0.9975 nats per unit of logit" in ex.readout_text
    assert "405.4 times smaller" in ex.readout_text
    lines, n_artists = (ex._bce, ex._mse), len(ex._ax.get_children())
    png = ex.image.value
    ex.set(y=0, s=2.0)
    expected = torch.sigmoid(torch.tensor(2.0, dtype=F64)).item()
    assert f"BCE gradient ŷ − y = {expected:+.4f}" in ex.readout_text
    assert ex._bce_pt.get_ydata()[0] == pytest.approx(expected)
    assert ex._mse_pt.get_ydata()[0] == pytest.approx(expected ** 2 * (1 - expected))
    assert (ex._bce, ex._mse) == lines and len(ex._ax.get_children()) == n_artists
    np.testing.assert_allclose(ex._bce.get_ydata(), grads.bce_logit_grad(ex.state["grid"], 0.0))
    assert ex.image.value != png


def test_training_explorer_follows_its_controls() -> None:
    ex = explorers.bce_vs_mse_training()
    assert "trained with BCE: after the last step mean BCE 0.2268 nats" in ex.readout_text
    assert "below 1 nat from step 8" in ex.readout_text and "below 1 nat from step 174" in ex.readout_text
    png = ex.image.value
    ex.set(lr=2.0, w0=0.0)
    run = experiments.training_comparison(lr=2.0, w0=0.0)
    np.testing.assert_allclose(ex._lines[1].get_ydata(), run["bce"][:, 1])
    assert f"mean BCE {run['bce'][-1, 0]:.4f} nats" in ex.readout_text
    assert "learning rate 2" in ex.readout_text and ex.image.value != png


# --- label smoothing (helpers.grads.softmax_ce_grad(..., label_smoothing=eps)) -------------------
@pytest.mark.parametrize("seed, eps", [(0, 0.1), (1, 0.05), (2, 0.3), (3, 1.0), (4, 0.0)])
def test_smoothed_softmax_ce_grad_matches_autograd_of_cross_entropy_loss(seed, eps) -> None:
    rng = np.random.default_rng(seed)
    z = rng.normal(0.0, 4.0, size=(6, 5))
    y = rng.integers(0, 5, size=6)
    z_t = torch.tensor(z, requires_grad=True)
    torch.nn.CrossEntropyLoss(label_smoothing=eps, reduction="sum")(z_t, torch.tensor(y)).backward()
    np.testing.assert_allclose(grads.softmax_ce_grad(z, y, label_smoothing=eps), z_t.grad.numpy(),
                               rtol=1e-12, atol=1e-15)
    # one sample at a time, too (the shape notebook 06's Exercise 4 uses)
    z0 = torch.tensor(z[0], requires_grad=True)
    torch.nn.CrossEntropyLoss(label_smoothing=eps)(z0[None], torch.tensor([y[0]])).backward()
    np.testing.assert_allclose(grads.softmax_ce_grad(z[0], int(y[0]), label_smoothing=eps), z0.grad.numpy(),
                               rtol=1e-12, atol=1e-15)


def test_smoothed_gradient_at_extreme_logits_and_its_entries_sum_to_zero() -> None:
    z = np.array([1000.0, 999.0, 998.0])
    g = grads.softmax_ce_grad(z, 2, label_smoothing=0.1)
    z_t = torch.tensor(z, requires_grad=True)
    torch.nn.CrossEntropyLoss(label_smoothing=0.1)(z_t[None], torch.tensor([2])).backward()
    np.testing.assert_allclose(g, z_t.grad.numpy(), rtol=1e-12)
    assert g.sum() == pytest.approx(0.0, abs=1e-15)  # softmax and the smoothed target both sum to 1
    np.testing.assert_array_equal(grads.softmax_ce_grad(z, 2, label_smoothing=0.0), grads.softmax_ce_grad(z, 2))


@pytest.mark.parametrize("eps", [-0.1, 1.5, float("nan"), "0.1", True, None])
def test_label_smoothing_out_of_range_raises_value_error_naming_it(eps) -> None:
    with pytest.raises(ValueError, match="label_smoothing"):
        grads.softmax_ce_grad(np.zeros(3), 1, label_smoothing=eps)
