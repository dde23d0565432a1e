"""Notebook 07 (training a classifier on the digits), executed once: every number its prose states and
every key value it computes, against independent references.

The references are PyTorch in float64 (its own training loops, autograd, CrossEntropyLoss with
``weight=`` and ``label_smoothing=``), scikit-learn's metrics and loops written out here; the
notebook's own variables are only ever the values under test.
"""
from __future__ import annotations

import math
import re

import nbformat
import numpy as np
import pytest
import torch
import torch.nn as nn
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix, recall_score

from helpers import checks
from helpers.explorers import training as tx
from tests.notebook_run import notebook_path, run
from tests.references import ece_by_loops

F64 = torch.float64


@pytest.fixture(scope="module")
def nb():
    return run("07")


@pytest.fixture(scope="module")
def ns(nb):
    return nb.ns


def markdown() -> str:
    return "\n".join(c.source for c in nbformat.read(notebook_path("07"), 4).cells if c.cell_type == "markdown")


def torch_gd(x: np.ndarray, y: np.ndarray, w0: np.ndarray, lr: float, steps: int, **loss_kwargs):
    """Full-batch gradient descent with PyTorch alone: weights (D, C), bias and the loss before each step."""
    w = torch.tensor(w0, requires_grad=True)
    b = torch.zeros(w0.shape[1], dtype=F64, requires_grad=True)
    x_t, y_t = torch.tensor(x), torch.tensor(y)
    loss_fn = nn.CrossEntropyLoss(**{k: torch.tensor(v) if k == "weight" else v for k, v in loss_kwargs.items()})
    curve = []
    for _ in range(steps):
        loss = loss_fn(x_t @ w + b, y_t)
        curve.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad = None
        b.grad = None
    curve.append(loss_fn(x_t @ w + b, y_t).item())
    return w.detach().numpy(), b.detach().numpy(), np.array(curve)


# --- 1. the data ---------------------------------------------------------------------------------------
def test_the_digits_and_the_split(nb, ns) -> None:
    digits = load_digits()
    assert digits.data.shape == (1797, 64) and digits.data.min() == 0 and digits.data.max() == 16
    assert "1,797 handwritten digits" in markdown() and "8 × 8 pixels" in markdown()
    assert ns["N"] == 1437 and len(ns["y_test"]) == 360 and ns["D"] == 64 and ns["C"] == 10
    # stratified: every digit's share is kept within one image
    share = np.bincount(digits.target) / 1797
    assert np.abs(np.bincount(ns["y_test"]) - 360 * share).max() <= 1
    assert "X: 1797 images x 64 pixels, grey levels 0 to 16" in nb.printed("digits = load_digits()")
    assert "test images per digit 0-9: [36 36 35 37 36 37 36 36 35 36]" in nb.printed("train_test_split(")


def test_standardised_with_the_training_set_only(ns) -> None:
    x_train, x_test = ns["X_train"], ns["X_test"]
    used = ~ns["blank"]
    np.testing.assert_allclose(x_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(x_train[:, used].std(axis=0), 1.0, rtol=1e-12)
    assert np.abs(x_test.mean(axis=0)).max() > 0.01  # the test set was not re-centred on itself
    assert int(ns["blank"].sum()) == 4 and np.all(x_train[:, ns["blank"]] == 0)
    # the explorer trains on exactly this split
    for mine, theirs in zip(tx.digits_split(), (ns["X_train"], ns["X_test"], ns["y_train"], ns["y_test"])):
        np.testing.assert_array_equal(mine, theirs)


# --- 2. the first loss ---------------------------------------------------------------------------------
def test_first_loss_is_ln_10(nb, ns) -> None:
    assert round(math.log(10), 4) == 2.3026 and "$\\ln 10 = 2.3026$ nats" in markdown()
    zero = nn.CrossEntropyLoss()(torch.zeros(1437, 10, dtype=F64), torch.tensor(ns["y_train"])).item()
    assert ns["loss_zero"] == pytest.approx(zero, abs=1e-15) == pytest.approx(math.log(10), abs=1e-15)
    start = nn.CrossEntropyLoss()(torch.tensor(ns["X_train"] @ ns["W0"]), torch.tensor(ns["y_train"])).item()
    assert ns["loss_start"] == pytest.approx(start, rel=1e-12)
    assert nb.number("loss_zero =", "(standard deviation 0.01):") == round(start, 4) == 2.3116
    assert abs(start - math.log(10)) < 0.01  # close to ln 10, as the prose says
    assert ns["W0"].std() == pytest.approx(0.01, rel=0.1)


def test_a_large_start_gives_a_large_first_loss(nb, ns) -> None:
    assert nb.number("loss_big_start =", "standard deviation 1:") == round(ns["loss_big_start"], 4) == 12.0944
    assert ns["loss_big_start"] > 5 * math.log(10)
    assert round(math.log(2), 4) == 0.6931 and "$\\ln 2 = 0.6931$" in markdown()
    assert ns["W0"].size + ns["b0"].size == 650 == 64 * 10 + 10


# --- 3. the gradient -----------------------------------------------------------------------------------
def test_gradient_formula_against_autograd(ns) -> None:
    w = torch.tensor(ns["W0"], requires_grad=True)
    b = torch.tensor(ns["b0"], requires_grad=True)
    nn.CrossEntropyLoss()(torch.tensor(ns["X_train"]) @ w + b, torch.tensor(ns["y_train"])).backward()
    d_w, d_b = ns["gradients"](ns["W0"], ns["b0"])
    np.testing.assert_allclose(d_w, w.grad.numpy(), rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose(d_b, b.grad.numpy(), rtol=1e-10, atol=1e-15)
    picked = [d_w[j, c] for j, c in ns["picks"]]
    np.testing.assert_allclose(ns["finite"], picked, rtol=1e-5)
    assert all(abs(g) > 1e-4 for g in picked)  # none of the picked weights sits on a blank pixel


def test_the_gradient_check_fails_for_a_wrong_formula(ns) -> None:
    d_w, _ = ns["gradients"](ns["W0"], ns["b0"])
    with pytest.raises(checks.CheckFailed):
        checks.agree("dL/dW", formula=d_w * ns["N"], autograd=d_w)  # forgetting the 1/N


# --- 4-5. gradient descent, NumPy and PyTorch ----------------------------------------------------------
def test_numpy_loop_follows_pytorch(nb, ns) -> None:
    w, b, curve = torch_gd(ns["X_train"], ns["y_train"], ns["W0"], 1.0, 100)
    np.testing.assert_allclose(ns["train_curve"], curve, rtol=0, atol=1e-12)
    np.testing.assert_allclose(ns["torch_curve"], curve, rtol=0, atol=1e-12)
    np.testing.assert_allclose(ns["W"], w, atol=1e-12)
    np.testing.assert_allclose(ns["b"], b, atol=1e-12)
    test_loss = nn.CrossEntropyLoss()(torch.tensor(ns["X_test"] @ w + b), torch.tensor(ns["y_test"])).item()
    assert ns["test_curve"][-1] == pytest.approx(test_loss, rel=1e-10)
    text = nb.printed("train_curve, test_curve = [], []")
    assert "step 100: training loss 0.0826 nats, test loss 0.1483 nats" in text
    assert round(curve[0], 4) == 2.3116 and round(curve[-1], 4) == 0.0826 and round(test_loss, 4) == 0.1483
    assert ns["test_curve"][-1] > ns["train_curve"][-1]  # "the test loss stays above the training loss"


def test_experiments_is_the_same_loop(ns) -> None:
    from helpers import experiments

    run_ = experiments.train_softmax_regression(ns["X_train"], ns["y_train"], lr=1.0, steps=100, w0=ns["W0"],
                                                b0=ns["b0"], x_test=ns["X_test"], y_test=ns["y_test"])
    np.testing.assert_allclose(run_["train_loss"], ns["train_curve"], atol=1e-12)
    np.testing.assert_allclose(run_["test_loss"], ns["test_curve"], atol=1e-12)
    np.testing.assert_allclose(run_["W"], ns["W"], atol=1e-12)


def test_mini_batches(nb, ns) -> None:
    text = nb.printed("loader = DataLoader(")
    assert len(ns["loader"]) == 23 == math.ceil(1437 / 64)
    assert text.count("23 steps") == 5
    last = nb.number("loader = DataLoader(", "epoch 5: 23 steps, test loss")
    assert last == round(ns["mini_loss"], 4)
    assert ns["mini_accuracy"] >= 0.9
    assert not ns["mini"].training  # left in evaluation mode by evaluate()


# --- 6. results ----------------------------------------------------------------------------------------
def test_accuracy_and_confusion_matrix(nb, ns) -> None:
    probs = torch.softmax(torch.tensor(ns["X_test"] @ ns["W"] + ns["b"]), dim=1).numpy()
    np.testing.assert_allclose(ns["q_test"], probs, rtol=1e-12)
    predicted = probs.argmax(axis=1)
    accuracy = (predicted == ns["y_test"]).mean()
    assert accuracy >= 0.9 and round(accuracy, 4) == 0.9639 and accuracy == ns["accuracy"]
    assert "test accuracy 0.9639: 347 of 360 digits right" in nb.printed("q_test = losses.softmax(")
    assert round(100 * accuracy) == 96 and "96% of the test digits" in markdown()
    np.testing.assert_array_equal(ns["confusion"], confusion_matrix(ns["y_test"], predicted, labels=range(10)))
    assert len(ns["wrong"]) == 13 == 360 - 347
    assert "13 of 360 test digits are misread" in nb.printed("wrong = np.flatnonzero(")


# --- 7. calibration ------------------------------------------------------------------------------------
def test_reliability_and_ece_after_100_steps(nb, ns) -> None:
    probs, labels = ns["q_test"], ns["y_test"]
    ece = ece_by_loops(probs, labels)
    assert ns["ece_100"] == pytest.approx(ece, abs=1e-12)
    assert round(ece, 4) == 0.0360 and round(probs.max(axis=1).mean(), 4) == 0.9284
    assert "mean confidence 0.9284, accuracy 0.9639, ECE 0.0360" in nb.printed("bins = calibration.reliability_bins(")
    assert ns["bins"]["count"].sum() == 360


def test_long_training(nb, ns) -> None:
    run_ = ns["long_run"]
    w, b, curve = torch_gd(ns["X_train"], ns["y_train"], ns["W0"], 1.0, 1000)
    np.testing.assert_allclose(run_["train_loss"], curve[::100], atol=1e-10)
    np.testing.assert_allclose(run_["W"], w, atol=1e-10)
    reports = {t: ns["confidence_report"](run_, t) for t in (100, 300, 500, 1000)}
    # training loss keeps falling; test loss turns back up after about 500 steps
    train = [reports[t]["train loss"] for t in (100, 300, 500, 1000)]
    assert train == sorted(train, reverse=True)
    test = run_["test_loss"]
    assert 300 <= run_["steps"][int(np.argmin(test))] <= 500 and test[-1] > test.min()
    # accuracy barely moves; the confidence, on the mistakes too, keeps rising; so do the weights
    accuracies = [reports[t]["accuracy"] for t in reports]
    assert max(accuracies) - min(accuracies) < 0.01
    for key in ("confidence", "on mistakes", "weight size"):
        values = [reports[t][key] for t in (100, 300, 500, 1000)]
        assert values == sorted(values), key
    probs = torch.softmax(torch.tensor(ns["X_test"] @ w + b), dim=1).numpy()
    assert reports[1000]["ECE"] == pytest.approx(ece_by_loops(probs, ns["y_test"]), abs=1e-10)
    assert round(reports[1000]["ECE"], 4) == 0.0324
    assert " 1000       0.0180       0.1318       0.9667       0.9651       0.7999       0.0324" in \
        nb.printed("long_run = experiments.train_softmax_regression(")


def test_label_smoothing_in_numbers(nb, ns) -> None:
    w, b, curve = torch_gd(ns["X_train"], ns["y_train"], ns["W0"], 1.0, 1000, label_smoothing=0.1)
    run_ = ns["smooth_run"]
    np.testing.assert_allclose(run_["objective"], curve[::100], atol=1e-10)
    probs = torch.softmax(torch.tensor(ns["X_test"] @ w + b), dim=1).numpy()
    plain, smooth = ns["plain_1000"], ns["smooth_1000"]
    assert smooth["ECE"] == pytest.approx(ece_by_loops(probs, ns["y_test"]), abs=1e-10)
    assert smooth["accuracy"] == (probs.argmax(axis=1) == ns["y_test"]).mean()
    assert [round(smooth[k], 4) for k in ("accuracy", "test loss", "confidence", "ECE")] == \
        [0.9556, 0.2726, 0.8120, 0.1435]
    assert [round(plain[k], 4) for k in ("accuracy", "test loss", "confidence", "ECE")] == \
        [0.9667, 0.1318, 0.9651, 0.0324]
    # the prose: smoothing makes ECE and test loss worse, barely changes accuracy; confidence drops to 0.81
    assert smooth["ECE"] > 3 * plain["ECE"] and smooth["test loss"] > plain["test loss"]
    assert abs(smooth["accuracy"] - plain["accuracy"]) < 0.02
    assert round(smooth["confidence"], 2) == 0.81 and "drops to 0.81" in markdown()
    assert smooth["confidence"] < smooth["accuracy"]  # under-confident
    text = nb.printed("smooth_run = experiments.train_softmax_regression(")
    assert "ECE: without smoothing 0.0324, with label_smoothing=0.1 0.1435" in text


def test_class_weights_recover_the_rare_eights(nb, ns) -> None:
    assert (ns["y_train"] == 8).sum() == 139 and ns["counts"][8] == 10
    assert "10 of the 139 training images of the digit 8" in markdown()
    x_few, y_few = ns["X_few"], ns["y_few"]
    assert len(y_few) == 1437 - 129
    weight = len(y_few) / (10 * np.bincount(y_few))
    np.testing.assert_allclose(ns["class_weight"], weight, rtol=1e-12)
    assert round(weight[8], 2) == 13.08
    recalls = {}
    for name, kwargs in (("plain loss", {}), ("weighted loss", {"weight": weight})):
        w, b, _ = torch_gd(x_few, y_few, ns["W0"], 1.0, 100, **kwargs)
        predicted = (ns["X_test"] @ w + b).argmax(axis=1)
        recalls[name] = recall_score(ns["y_test"], predicted, average=None, labels=range(10))
        np.testing.assert_allclose(ns["recall"][name], recalls[name], atol=1e-12)
    assert round(recalls["plain loss"][8], 3) == 0.314 and round(recalls["weighted loss"][8], 3) == 0.714
    assert "from 0.31 to 0.71" in markdown()
    text = nb.printed("eights = np.flatnonzero(")
    assert "plain loss: recall of the 8s 0.314, test accuracy 0.9111" in text
    assert "weighted loss: recall of the 8s 0.714, test accuracy 0.9500" in text


# --- common slips --------------------------------------------------------------------------------------
def test_the_slips_cell(nb, ns) -> None:
    text = nb.printed("logits, labels = torch.tensor(")
    logits = torch.tensor(ns["X_test"] @ ns["W"] + ns["b"])
    labels = torch.tensor(ns["y_test"])
    right = nn.CrossEntropyLoss()(logits, labels).item()
    twice = nn.CrossEntropyLoss()(torch.softmax(logits, dim=1), labels).item()
    assert f"logits into CrossEntropyLoss:       {right:.4f} nats" in text
    assert f"slip, softmax first:                {twice:.4f} nats" in text and twice > 5 * right
    assert f"one-hot rows as float probabilities: {right:.4f} nats (the same)" in text
    assert "slip, one-hot integers:             RuntimeError" in text
    assert f"{right / 360:.6f}" in text
    accuracies = [float(a) for a in re.search(r"accuracy \[([^\]]+)\]", text).group(1).split()]
    assert len(set(accuracies)) > 1 and max(accuracies) < ns["mini_accuracy"]


def test_common_slips_and_explorer_cells_are_there(nb) -> None:
    assert "> **Common slips**" in markdown()
    assert "explorers.softmax_training()" in [s.strip() for s, _ in nb.cells]


# --- exercises ------------------------------------------------------------------------------------------
def test_exercise_solutions_pass_and_slips_fail(ns) -> None:
    assert checks.initial_loss_26_classes(math.log(26))
    assert not checks.initial_loss_26_classes(math.log(10))
    assert not checks.initial_loss_26_classes(1 / 26)
    assert checks.ece_function(ns["ece"])  # the solution's function
    assert checks.smoothed_confidence(0.91)
    assert not checks.smoothed_confidence(0.9)
    # nothing above the exercises computes or prints their answers (ln 26 = 3.2581, 0.91)
    cells = nbformat.read(notebook_path("07"), 4).cells
    first = next(i for i, c in enumerate(cells) if "**Exercise 1:**" in c.source)
    above = "\n".join(c.source + "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                                          for o in c.get("outputs", [])) for c in cells[:first])
    assert "log(26)" not in above and "ln 26" not in above and "3.258" not in above
    assert not re.search(r"(?<![\d.])0\.910*(?!\d)", above)
