"""Tests of notebook 07's training runs (helpers.experiments.train_softmax_regression and
softmax_regression_grid) against PyTorch's own full-batch gradient descent in float64."""
from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn as nn

from helpers import experiments

F64 = torch.float64
RNG = np.random.default_rng(11)
X = RNG.normal(size=(60, 5))
Y = RNG.integers(0, 4, 60)
X_TEST = RNG.normal(size=(25, 5))
Y_TEST = RNG.integers(0, 4, 25)
W0 = RNG.normal(0.0, 0.1, size=(5, 4))
B0 = RNG.normal(0.0, 0.1, size=4)


def torch_run(lr: float, steps: int, **loss_kwargs):
    model = nn.Linear(5, 4, dtype=F64)
    with torch.no_grad():
        model.weight.copy_(torch.tensor(W0.T))
        model.bias.copy_(torch.tensor(B0))
    kwargs = {k: torch.tensor(v, dtype=F64) if k == "weight" else v for k, v in loss_kwargs.items()}
    loss_fn, plain = nn.CrossEntropyLoss(**kwargs), nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    x, y, xt, yt = map(torch.tensor, (X, Y, X_TEST, Y_TEST))
    objective, train, test, accuracy = [], [], [], []
    for step in range(steps + 1):
        logits = model(x)
        loss = loss_fn(logits, y)
        objective.append(loss.item())
        train.append(plain(logits, y).item())
        with torch.no_grad():
            test.append(plain(model(xt), yt).item())
            accuracy.append((model(xt).argmax(dim=1) == yt).double().mean().item())
        if step == steps:
            break
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model, np.array(objective), np.array(train), np.array(test), np.array(accuracy)


@pytest.mark.parametrize("smoothing, weight", [(0.0, None), (0.1, None), (0.0, [1.0, 2.0, 0.5, 3.0]),
                                               (0.25, [1.0, 2.0, 0.5, 3.0])])
def test_one_run_follows_pytorch(smoothing, weight) -> None:
    run = experiments.train_softmax_regression(X, Y, 0.7, 30, label_smoothing=smoothing, weight=weight, w0=W0,
                                               b0=B0, n_classes=4, x_test=X_TEST, y_test=Y_TEST)
    model, objective, train, test, accuracy = torch_run(0.7, 30, label_smoothing=smoothing,
                                                        **({"weight": weight} if weight else {}))
    np.testing.assert_array_equal(run["steps"], np.arange(31))
    np.testing.assert_allclose(run["objective"], objective, atol=1e-12)
    np.testing.assert_allclose(run["train_loss"], train, atol=1e-12)
    np.testing.assert_allclose(run["test_loss"], test, atol=1e-12)
    np.testing.assert_allclose(run["test_accuracy"], accuracy)
    np.testing.assert_allclose(run["W"], model.weight.detach().numpy().T, atol=1e-12)
    np.testing.assert_allclose(run["b"], model.bias.detach().numpy(), atol=1e-12)


def test_kept_steps_and_weights() -> None:
    run = experiments.train_softmax_regression(X, Y, 0.5, 25, n_classes=4, keep_every=10, w0=W0, b0=B0)
    np.testing.assert_array_equal(run["steps"], [0, 10, 20, 25])
    assert run["W_kept"].shape == (4, 5, 4) and run["b_kept"].shape == (4, 4)
    np.testing.assert_array_equal(run["W_kept"][0], W0)
    np.testing.assert_array_equal(run["W_kept"][-1], run["W"])
    every = experiments.train_softmax_regression(X, Y, 0.5, 25, n_classes=4, w0=W0, b0=B0)
    np.testing.assert_allclose(run["train_loss"], every["train_loss"][[0, 10, 20, 25]], atol=1e-13)


def test_zero_start_gives_ln_c() -> None:
    run = experiments.train_softmax_regression(X, Y, 0.5, 0, n_classes=4)
    assert run["train_loss"][0] == pytest.approx(np.log(4), abs=1e-15)


def test_the_grid_is_every_pair_side_by_side() -> None:
    grid = experiments.softmax_regression_grid(X, Y, [0.1, 1.0], [0.0, 0.2], 12, n_classes=4, x_test=X_TEST,
                                               y_test=Y_TEST, keep_every=4, w0=W0, b0=B0)
    assert grid["runs"] == [(0.1, 0.0), (0.1, 0.2), (1.0, 0.0), (1.0, 0.2)]
    assert grid["W_kept"].shape == (4, 5, 4, 4) and grid["test_loss"].shape == (4, 4)
    for r, (lr, eps) in enumerate(grid["runs"]):
        one = experiments.train_softmax_regression(X, Y, lr, 12, label_smoothing=eps, n_classes=4, x_test=X_TEST,
                                                   y_test=Y_TEST, keep_every=4, w0=W0, b0=B0)
        np.testing.assert_allclose(grid["test_loss"][:, r], one["test_loss"], atol=1e-13)
        np.testing.assert_allclose(grid["W_kept"][:, :, r], one["W_kept"], atol=1e-13)


def test_huge_logits_stay_finite() -> None:
    run = experiments.train_softmax_regression(X * 1e3, Y, 50.0, 5, n_classes=4)
    assert np.isfinite(run["train_loss"]).all() and np.isfinite(run["W"]).all()


@pytest.mark.parametrize("call, name", [
    (lambda: experiments.train_softmax_regression(X[0], Y, 0.1, 5), "x"),
    (lambda: experiments.train_softmax_regression(X, Y.astype(float), 0.1, 5), "y"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, n_classes=3), "y"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.0, 5), "lr"),
    (lambda: experiments.train_softmax_regression(X, Y, [0.1, 0.2], 5), "lr"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, -1), "steps"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, label_smoothing=1.5), "label_smoothing"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, n_classes=4, weight=[1, 1]), "weight"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, n_classes=4, weight=[1, 1, -1, 1]), "weight"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, n_classes=4, w0=np.zeros((4, 4))), "w0"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, n_classes=4, b0=np.zeros(3)), "b0"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, x_test=X_TEST), "x_test, y_test"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, n_classes=4, x_test=X_TEST[:, :3],
                                                  y_test=Y_TEST), "x_test"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, keep_every=0), "keep_every"),
    (lambda: experiments.softmax_regression_grid(X, Y, [], [0.0], 5), "lrs"),
    (lambda: experiments.softmax_regression_grid(X, Y, [0.1], [np.nan], 5), "smoothings"),
])
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=f"^{name}"):
        call()
