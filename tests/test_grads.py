"""helpers.grads against torch.autograd in float64: the gradients of BCE and of MSE (½(ŷ − y)²)
with respect to the logit, and of softmax cross-entropy (with label smoothing) with respect to the
logits."""
from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers import grads

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


@pytest.mark.parametrize("call, name", [
    (lambda: grads.softmax_ce_grad(np.zeros(3), 3), "y"),
    (lambda: grads.softmax_ce_grad(np.zeros(3), 1.0), "y"),
    (lambda: grads.softmax_ce_grad(np.zeros((2, 3)), 1), "y"),
    (lambda: grads.softmax_ce_grad(np.zeros((2, 3, 4)), np.zeros((2, 3), int)), "z"),
    (lambda: grads.bce_logit_grad(0.0, 1.5), "y"),
    (lambda: grads.mse_logit_grad(np.nan, 1.0), "s"),
])
def test_bad_input_raises_value_error_naming_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()
