"""Tests of notebook 07's explorer: the precomputed runs against PyTorch's own training, the view's
numbers against scikit-learn and loops, the widget driven from Python, and its speed."""
from __future__ import annotations

import time

import ipywidgets as widgets
import numpy as np
import pytest
import torch
import torch.nn as nn

from helpers import explorers
from helpers.explorers import training as tx
from helpers.explorers._base import REGISTRY

F64 = torch.float64


def torch_run(lr: float, steps: int, smoothing: float):
    """PyTorch alone: full-batch SGD from zero weights; (probabilities on the test set, test loss, train loss)."""
    x_train, x_test, y_train, y_test = (torch.tensor(a) for a in tx.digits_split())
    model = nn.Linear(64, 10, dtype=F64)
    nn.init.zeros_(model.weight)
    nn.init.zeros_(model.bias)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=smoothing)
    for _ in range(steps):
        optimizer.zero_grad()
        loss_fn(model(x_train), y_train).backward()
        optimizer.step()
    with torch.no_grad():
        return (torch.softmax(model(x_test), dim=1).numpy(), nn.functional.cross_entropy(model(x_test), y_test).item(),
                nn.functional.cross_entropy(model(x_train), y_train).item())


@pytest.mark.parametrize("lr, steps, smoothing", [(1.0, 100, 0.0), (0.03, 200, 0.0), (3.0, 50, 0.1), (0.3, 0, 0.1)])
def test_view_matches_pytorch(lr, steps, smoothing) -> None:
    state = tx.training_view(lr, steps, smoothing)
    probs, test_loss, train_loss = torch_run(lr, steps, smoothing)
    y_test = tx.digits_split()[3]
    assert state["test_loss"] == pytest.approx(test_loss, abs=1e-10)
    assert state["train_loss"] == pytest.approx(train_loss, abs=1e-10)
    assert state["accuracy"] == (probs.argmax(axis=1) == y_test).mean()
    assert state["confidence"] == pytest.approx(probs.max(axis=1).mean(), abs=1e-10)
    from tests.test_calibration import ece_by_loops
    assert state["ece"] == pytest.approx(ece_by_loops(probs, y_test, tx.N_BINS), abs=1e-9)


def test_the_runs_cover_the_grid_and_are_read_only() -> None:
    runs = tx.training_runs()
    assert runs["runs"] == [(lr, eps) for lr in tx.LEARNING_RATES for eps in tx.SMOOTHINGS]
    np.testing.assert_array_equal(runs["steps"], np.arange(0, tx.MAX_STEPS + 1, tx.STEP_SPACING))
    assert not runs["test_probs"].flags.writeable and not runs["train_loss"].flags.writeable
    assert all(not a.flags.writeable for a in tx.digits_split())
    np.testing.assert_allclose(runs["train_loss"][0], np.log(10), atol=1e-15)  # zero weights: ln 10


def test_try_this_claims() -> None:
    slow = tx.training_view(0.03, 200, 0.0)
    assert slow["train_loss"] > 0.3 and slow["confidence"] < slow["accuracy"] - 0.1  # far from floor, under-confident
    fast = tx.training_view(3.0, 10, 0.0)
    assert fast["train_loss"] < 0.5  # the curves drop within a few steps
    smooth = tx.training_view(1.0, 100, 0.1)
    assert smooth["confidence"] < smooth["accuracy"] - 0.1
    full = smooth["bins"]["count"] > 0
    assert (smooth["bins"]["confidence"][full] < smooth["bins"]["accuracy"][full]).mean() > 0.5  # dots below bars


@pytest.mark.parametrize("call, name", [
    (lambda: tx.training_view(0.5, 100, 0.0), "lr, label_smoothing"),
    (lambda: tx.training_view(1.0, 105, 0.0), "steps"),
    (lambda: tx.training_view(1.0, 300, 0.0), "steps"),
    (lambda: tx.training_view(1.0, True, 0.0), "steps"),
    (lambda: tx.training_view(1.0, 100, 0.3), "lr, label_smoothing"),
])
def test_off_grid_values_name_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=f"^{name}"):
        call()


def test_registered_and_exported() -> None:
    assert REGISTRY["softmax-training"] is explorers.softmax_training
    assert explorers.softmax_training is tx.softmax_training


def test_widget_follows_the_controls() -> None:
    explorer = explorers.softmax_training()
    assert isinstance(explorer.controls["lr"], widgets.SelectionSlider)
    assert isinstance(explorer.controls["steps"], widgets.IntSlider)
    assert explorer.state["ece"] == tx.training_view(1.0, 100, 0.0)["ece"]
    text = explorer.readout_text
    assert "learning rate 1, label smoothing 0: 100 steps" in text
    assert "test accuracy 0.9639 (347 of 360 digits)" in text and "under-confident" in text
    explorer.set(lr=0.3, steps=200, label_smoothing=0.1)
    state = tx.training_view(0.3, 200, 0.1)
    assert f"test {state['test_loss']:.4f} nats" in explorer.readout_text
    assert f"expected calibration error {state['ece']:.4f}" in explorer.readout_text
    np.testing.assert_allclose(explorer._test.get_ydata(), state["test_curve"])
    np.testing.assert_allclose(explorer._bars.get_data().values, np.nan_to_num(state["bins"]["accuracy"]))
    assert explorer._now.get_xdata()[0] == 200
    bundle = explorer._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "image/png" in data and "softmax-training" in data["text/plain"]


def test_every_slider_position_answers_quickly() -> None:
    explorer = explorers.softmax_training()
    times = []
    for lr in tx.LEARNING_RATES:
        for steps in (0, 90, 200):
            start = time.perf_counter()
            explorer.set(lr=lr, steps=steps)
            times.append(time.perf_counter() - start)
    compute = []
    for _ in range(5):
        start = time.perf_counter()
        tx.training_view(0.1, 150, 0.1)
        compute.append(time.perf_counter() - start)
    assert np.median(compute) < 0.02  # looking up a precomputed run, not training
    assert np.median(times) < 1.0  # figure and PNG included, generous for a loaded machine
