"""Notebook 07 (training a classifier on the digits): the values it publishes, and the claims its prose
makes, against independent references.

The references are PyTorch in float64 (its own training loops, autograd, CrossEntropyLoss with
``weight=`` and ``label_smoothing=``) on a split and a start made here as the notebook describes them,
scikit-learn's metrics and loops written out here. ``tests/support/published.py`` reads the published values
from the committed notebook, which nbval checks against a fresh run; the printed text is nbval's, the
prose's numbers ``tests/test_prose_numbers.py``'s.
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
from sklearn.metrics import recall_score
from sklearn.model_selection import train_test_split

from helpers import calibration, checks, grads, losses
from helpers.checks import training as tc
from helpers.explorers import training as tx
from tests.references import ece_by_loops
from tests.support.notebooks import editions, learner_code, notebook_path
from tests.support.published import published

F64 = torch.float64


@pytest.fixture(scope="module", params=editions("07"))
def values(request: pytest.FixtureRequest):
    """Each edition's published values: the Chinese notebook must publish what the English does."""
    return published("07", request.param)


@pytest.fixture(scope="module")
def ns() -> dict:
    """The split, the standardisation and the start the notebook describes, made here; and the
    notebook's own ``gradients`` function (its cell alone) and Exercise 2's solution."""
    digits = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(digits.data, digits.target, test_size=0.2,
                                                        stratify=digits.target, random_state=0)
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    blank = std == 0
    std[blank] = 1.0
    rng = np.random.default_rng(7)          # the notebook's seed; its first two draws are these
    w0, w_big = rng.normal(0.0, 0.01, size=(64, 10)), rng.normal(0.0, 1.0, size=(64, 10))
    env = {"np": np, "losses": losses, "C": 10, "grads": grads, "checks": checks, "X_train": (x_train - mean) / std, "y_train": y_train,
           "X_test": (x_test - mean) / std, "y_test": y_test, "N": len(y_train), "blank": blank,
           "W0": w0, "b0": np.zeros(10), "W_big": w_big}
    for cell in learner_code(nbformat.read(notebook_path("07"), 4).cells):
        if cell.source.startswith(("def gradients(", "# Solution to Exercise 2")):
            exec(cell.source.split("dW, db = ")[0], env)  # noqa: S102  (the notebook's own code)
    return env


@pytest.fixture(scope="module")
def trained(ns) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """100 steps of full-batch gradient descent with PyTorch, learning rate 1, from the notebook's start."""
    return torch_gd(ns["X_train"], ns["y_train"], ns["W0"], 1.0, 100)


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
def test_the_digits_and_the_split(values, ns) -> None:
    digits = load_digits()
    assert digits.data.shape == (1797, 64) and digits.data.min() == 0 and digits.data.max() == 16
    assert "1,797 handwritten digits" in markdown() and "8 × 8 pixels" in markdown()
    assert (values["N"], values["N_test"]) == (len(ns["y_train"]), len(ns["y_test"])) == (1437, 360)
    np.testing.assert_array_equal(values["test_counts"], np.bincount(ns["y_test"]))
    # stratified: every digit's share is kept within one image
    share = np.bincount(digits.target) / 1797
    assert np.abs(values["test_counts"] - 360 * share).max() <= 1


def test_standardised_with_the_training_set_only(values, ns) -> None:
    x_train, x_test = ns["X_train"], ns["X_test"]
    used = ~ns["blank"]
    np.testing.assert_allclose(x_train.mean(axis=0), 0.0, atol=1e-9)
    np.testing.assert_allclose(x_train[:, used].std(axis=0), 1.0, rtol=1e-9)
    assert np.abs(x_test.mean(axis=0)).max() > 0.01  # the test set was not re-centred on itself
    assert values["blank"] == int(ns["blank"].sum()) == 4 and np.all(x_train[:, ns["blank"]] == 0)
    # the explorer trains on exactly this split
    for mine, theirs in zip(tx.digits_split(), (ns["X_train"], ns["X_test"], ns["y_train"], ns["y_test"])):
        np.testing.assert_array_equal(mine, theirs)


# --- 2. the first loss ---------------------------------------------------------------------------------
def test_first_loss_is_ln_10(values, ns) -> None:
    assert "$\\ln 10 = 2.3026$ nats" in markdown()
    assert values["loss_zero"] == pytest.approx(math.log(10), rel=1e-9)   # PyTorch's loss of zero logits
    start = nn.CrossEntropyLoss()(torch.tensor(ns["X_train"] @ ns["W0"]), torch.tensor(ns["y_train"])).item()
    assert values["loss_start"] == pytest.approx(start, rel=1e-9)
    assert abs(start - math.log(10)) < 0.01  # close to ln 10, as the prose says


def test_a_large_start_gives_a_large_first_loss(values, ns) -> None:
    big = nn.CrossEntropyLoss()(torch.tensor(ns["X_train"] @ ns["W_big"]), torch.tensor(ns["y_train"])).item()
    assert values["loss_big_start"] == pytest.approx(big, rel=1e-9) and big > 5 * math.log(10)
    assert "$\\ln 2 = 0.6931$" in markdown() and f"{math.log(2):.4f}" == "0.6931"


# --- 3. the gradient -----------------------------------------------------------------------------------
def test_gradient_formula_against_autograd(ns) -> None:
    w = torch.tensor(ns["W0"], requires_grad=True)
    b = torch.tensor(ns["b0"], requires_grad=True)
    nn.CrossEntropyLoss()(torch.tensor(ns["X_train"]) @ w + b, torch.tensor(ns["y_train"])).backward()
    d_w, d_b = ns["gradients"](ns["W0"], ns["b0"])
    np.testing.assert_allclose(d_w, w.grad.numpy(), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(d_b, b.grad.numpy(), rtol=1e-9, atol=1e-9)
    (cell,) = [c.source for c in nbformat.read(notebook_path("07"), 4).cells if "picks = [" in c.source]
    picks = eval(re.search(r"picks = (\[[^\]]*\])", cell).group(1))  # noqa: S307  (the cell's (pixel, class) pairs)
    assert all(abs(d_w[j, c]) > 1e-4 for j, c in picks)  # none of the picked weights sits on a blank pixel


def test_the_gradient_check_fails_for_a_wrong_formula(ns) -> None:
    d_w, _ = ns["gradients"](ns["W0"], ns["b0"])
    with pytest.raises(checks.CheckFailed):
        checks.agree("dL/dW", formula=d_w * ns["N"], autograd=d_w)  # forgetting the 1/N


# --- 4-5. gradient descent, NumPy and PyTorch ----------------------------------------------------------
def test_numpy_loop_follows_pytorch(values, ns, trained) -> None:
    w, b, curve = trained
    test_curve = [nn.CrossEntropyLoss()(torch.tensor(ns["X_test"] @ w_k + b_k), torch.tensor(ns["y_test"])).item()
                  for w_k, b_k in [torch_gd(ns["X_train"], ns["y_train"], ns["W0"], 1.0, k)[:2] for k in (0, 10, 50)]]
    test_curve.append(nn.CrossEntropyLoss()(torch.tensor(ns["X_test"] @ w + b), torch.tensor(ns["y_test"])).item())
    np.testing.assert_allclose(values["train_loss"], curve[[0, 10, 50, 100]], rtol=0, atol=1e-9)
    np.testing.assert_allclose(values["test_loss"], test_curve, rtol=0, atol=1e-9)
    assert values["test_loss"][-1] > values["train_loss"][-1]  # "the test loss stays above the training loss"


def test_perplexity_is_e_to_the_loss(values, ns, trained) -> None:
    """Perplexity e^L: exactly 10 for the untrained model's ln 10 nats; then e^(test loss) at steps 0 and 100,
    the same as 2^(loss in bits)."""
    w, b, _ = trained
    test_losses = [nn.CrossEntropyLoss()(torch.tensor(ns["X_test"] @ w_k + b_k), torch.tensor(ns["y_test"])).item()
                   for w_k, b_k in [(ns["W0"], ns["b0"]), (w, b)]]
    expected = [10.0] + [math.exp(loss) for loss in test_losses]
    np.testing.assert_allclose(values["perplexity"], expected, rtol=1e-9)
    np.testing.assert_allclose(expected[1:], [2 ** (loss / math.log(2)) for loss in test_losses], rtol=1e-12)
    assert f"{expected[2]:.3f}" == "1.160" and "among 1.160" in markdown() and "perplexity of 10" in markdown()


def test_mini_batches(values) -> None:
    assert math.ceil(1437 / 64) == 23
    assert np.all(values["mini_accuracy"] >= 0.9)


# --- 6. results ----------------------------------------------------------------------------------------
def test_accuracy(values, ns, trained) -> None:
    w, b, _ = trained
    probs = torch.softmax(torch.tensor(ns["X_test"] @ w + b), dim=1).numpy()
    accuracy = (probs.argmax(axis=1) == ns["y_test"]).mean()
    assert values["accuracy"] == pytest.approx(accuracy, rel=1e-9) and accuracy >= 0.9
    assert round(100 * accuracy) == 96 and "96% of the test digits" in markdown()


# --- 7. calibration ------------------------------------------------------------------------------------
def test_reliability_and_ece_after_100_steps(values, ns, trained) -> None:
    w, b, _ = trained
    probs = torch.softmax(torch.tensor(ns["X_test"] @ w + b), dim=1).numpy()
    assert values["ece_100"] == pytest.approx(ece_by_loops(probs, ns["y_test"]), abs=1e-9)
    assert values["confidence"] == pytest.approx(probs.max(axis=1).mean(), rel=1e-9)


def test_a_calibrated_model_still_has_an_ece(values, ns, trained) -> None:
    """A model exactly as often right as its confidence says, on these 360 confidences: its ECE is about
    0.0240, not 0 (another seed and the loop ECE give the same mean)."""
    w, b, _ = trained
    probs = torch.softmax(torch.tensor(ns["X_test"] @ w + b), dim=1).numpy()
    pred, conf = probs.argmax(axis=1), probs.max(axis=1)
    rng = np.random.default_rng(8)
    sims = [ece_by_loops(probs, np.where(rng.random(360) < conf, pred, (pred + 1) % 10)) for _ in range(300)]
    assert values["ece_calibrated"] == pytest.approx(np.mean(sims), abs=0.002)
    assert f"{values['ece_calibrated']:.4f}" == "0.0240" and values["ece_calibrated"] < values["ece_100"]


def wilson_by_scipy(probs: np.ndarray, labels: np.ndarray) -> list[tuple[int, float, float, float, float]]:
    """Per non-empty confidence bin (0.1 wide): count, mean confidence, accuracy, Wilson's 95% interval (SciPy)."""
    from scipy.stats import binomtest

    conf, right = probs.max(axis=1), probs.argmax(axis=1) == labels
    rows = []
    for b in range(10):
        inside = (conf > b / 10) & (conf <= (b + 1) / 10)
        if inside.any():
            ci = binomtest(int(right[inside].sum()), int(inside.sum())).proportion_ci(method="wilson")
            rows.append((int(inside.sum()), conf[inside].mean(), right[inside].mean(), ci.low, ci.high))
    return rows


def test_counts_intervals_and_the_spread_of_the_ece(values, ns, trained) -> None:
    """What the prose reads from the counts: the small bins say little, the model of 100 steps is
    under-confident overall, and the ECE of 360 images has a spread far larger than the change of the ECE
    from 100 to 1,000 steps, and far below the smoothed model's ECE."""
    from scipy.stats import binomtest

    w, b, _ = trained
    probs = torch.softmax(torch.tensor(ns["X_test"] @ w + b), dim=1).numpy()
    rows = wilson_by_scipy(probs, ns["y_test"])
    small = [r for r in rows if r[1] <= 0.7]
    assert [r[0] for r in rows][-1] == 284 and len(small) == 4 and {r[0] for r in small} <= set(range(3, 11))
    assert (small[0][0], round(small[0][2] * 3), f"{small[0][3]:.2f}", f"{small[0][4]:.2f}") == (3, 1, "0.06", "0.79")
    right = int((probs.argmax(axis=1) == ns["y_test"]).sum())
    ci = binomtest(right, 360).proportion_ci(method="wilson")
    np.testing.assert_allclose(values["accuracy_interval"], [ci.low, ci.high], rtol=1e-9)
    assert values["confidence"] < ci.low                                    # under-confident overall
    low, high = values["ece_range"]
    np.testing.assert_allclose([low, high], np.percentile(
        calibration.bootstrap_ece(probs, ns["y_test"], n_resamples=1000, seed=7), [2.5, 97.5]), rtol=1e-9)
    assert low < values["ece_100"] < high
    plain, smooth = dict(zip(["accuracy", "test loss", "confidence", "ECE"], values["without_smoothing"])), \
        dict(zip(["accuracy", "test loss", "confidence", "ECE"], values["with_smoothing"]))
    assert abs(values["ece_100"] - plain["ECE"]) < (high - low) / 5 and smooth["ECE"] > high  # "far less than its spread"


def test_what_the_three_diagrams_show(values, ns) -> None:
    """At 1,000 steps only the top two bins hold more than 7 images, the top one (323 images) over-confident
    and the bin (0.6, 0.7] of Exercise 4 saying little; with smoothing, every bin of 19 or
    more images has its whole interval above its mean confidence."""
    for smoothing, check in [(0.0, "plain"), (0.1, "smooth")]:
        w, b, _ = torch_gd(ns["X_train"], ns["y_train"], ns["W0"], 1.0, 1000, label_smoothing=smoothing)
        rows = wilson_by_scipy(torch.softmax(torch.tensor(ns["X_test"] @ w + b), dim=1).numpy(), ns["y_test"])
        if check == "plain":
            assert [n > 7 for n, *_ in rows][-3:] == [False, True, True] and sum(n > 7 for n, *_ in rows) == 2
            n, conf, acc, low, high = rows[-1]                  # the top bin: over-confident, just visible
            assert n == 323 and conf > high and f"{conf:.3f}" == "0.993" and f"{high:.3f}" == "0.991"
            (six,) = [r for r in rows if 0.6 < r[1] <= 0.7]     # Exercise 4's bin: 3 right of 7, interval holds 0.667
            assert (six[0], round(six[2] * six[0])) == (7, 3) and six[3] < six[1] < six[4]
        else:
            big = [r for r in rows if r[0] >= 19]
            assert len(big) == 5 and all(low > conf for _, conf, _, low, _ in big)


REPORT = ["train loss", "test loss", "accuracy", "confidence", "on mistakes", "ECE", "weight size"]


def test_long_training(values, ns) -> None:
    reports = {t: dict(zip(REPORT, row)) for t, row in zip((100, 300, 500, 1000), values["report"])}
    w, b, curve = torch_gd(ns["X_train"], ns["y_train"], ns["W0"], 1.0, 1000)
    np.testing.assert_allclose([reports[t]["train loss"] for t in reports], curve[[100, 300, 500, 1000]], atol=1e-9)
    assert reports[1000]["weight size"] == pytest.approx(np.linalg.norm(w), rel=1e-9)
    probs = torch.softmax(torch.tensor(ns["X_test"] @ w + b), dim=1).numpy()
    assert reports[1000]["ECE"] == pytest.approx(ece_by_loops(probs, ns["y_test"]), abs=1e-9)
    assert reports[1000]["accuracy"] == pytest.approx((probs.argmax(axis=1) == ns["y_test"]).mean(), rel=1e-9)
    # training loss keeps falling; test loss turns back up after about 500 steps
    train = [reports[t]["train loss"] for t in reports]
    test = [reports[t]["test loss"] for t in reports]
    assert train == sorted(train, reverse=True) and test[-1] > min(test)
    # accuracy barely moves; the confidence, on the mistakes too, keeps rising; so do the weights
    accuracies = [reports[t]["accuracy"] for t in reports]
    assert max(accuracies) - min(accuracies) < 0.01
    for key in ("confidence", "on mistakes", "weight size"):
        values_ = [reports[t][key] for t in (100, 300, 500, 1000)]
        assert values_ == sorted(values_), key


def test_label_smoothing_in_numbers(values, ns) -> None:
    w, b, curve = torch_gd(ns["X_train"], ns["y_train"], ns["W0"], 1.0, 1000, label_smoothing=0.1)
    probs = torch.softmax(torch.tensor(ns["X_test"] @ w + b), dim=1).numpy()
    names = ["accuracy", "test loss", "confidence", "ECE"]
    plain = dict(zip(names, values["without_smoothing"]))
    smooth = dict(zip(names, values["with_smoothing"]))
    assert smooth["ECE"] == pytest.approx(ece_by_loops(probs, ns["y_test"]), abs=1e-9)
    assert smooth["accuracy"] == pytest.approx((probs.argmax(axis=1) == ns["y_test"]).mean(), rel=1e-9)
    assert smooth["confidence"] == pytest.approx(probs.max(axis=1).mean(), rel=1e-9)
    test_loss = nn.CrossEntropyLoss()(torch.tensor(ns["X_test"] @ w + b), torch.tensor(ns["y_test"])).item()
    assert smooth["test loss"] == pytest.approx(test_loss, rel=1e-9)
    # the prose: smoothing makes ECE and test loss worse, barely changes accuracy; confidence drops to 0.81
    assert smooth["ECE"] > 3 * plain["ECE"] and smooth["test loss"] > plain["test loss"]
    assert abs(smooth["accuracy"] - plain["accuracy"]) < 0.02
    assert smooth["confidence"] < smooth["accuracy"]  # under-confident


def test_class_weights_recover_the_rare_eights(values, ns) -> None:
    assert (ns["y_train"] == 8).sum() == 139
    assert "10 of the 139 training images of the digit 8" in markdown()
    few = np.ones(len(ns["y_train"]), dtype=bool)
    few[np.flatnonzero(ns["y_train"] == 8)[10:]] = False     # all but the first 10 eights
    x_few, y_few = ns["X_train"][few], ns["y_train"][few]
    assert len(y_few) == 1437 - 129
    weight = len(y_few) / (10 * np.bincount(y_few))
    np.testing.assert_allclose(values["class_weight"], weight, rtol=1e-9)
    recalls = []
    for kwargs in ({}, {"weight": weight}):
        w, b, _ = torch_gd(x_few, y_few, ns["W0"], 1.0, 100, **kwargs)
        predicted = (ns["X_test"] @ w + b).argmax(axis=1)
        recalls.append(recall_score(ns["y_test"], predicted, average=None, labels=range(10)))
    np.testing.assert_allclose(values["recall"], recalls, atol=1e-9)   # plain loss, then weighted
    assert recalls[1][8] > 2 * recalls[0][8]


# --- common slips --------------------------------------------------------------------------------------
def test_the_slips(values, ns, trained) -> None:
    w, b, _ = trained
    logits, labels = torch.tensor(ns["X_test"] @ w + b), torch.tensor(ns["y_test"])
    right = nn.CrossEntropyLoss()(logits, labels).item()
    twice = nn.CrossEntropyLoss()(torch.softmax(logits, dim=1), labels).item()
    assert twice > 5 * right
    assert nn.CrossEntropyLoss()(logits, nn.functional.one_hot(labels, 10).to(F64)).item() == pytest.approx(right)
    accuracies = values["in_train_mode"]          # dropout left on: each evaluation differs, all worse
    assert len(set(accuracies)) > 1 and max(accuracies) < values["mini_accuracy"][-1]


def test_common_slips_and_explorer_cells_are_there() -> None:
    assert "> **Common slips**" in markdown()
    cells = nbformat.read(notebook_path("07"), 4).cells
    assert "explorers.softmax_training()" in [c.source.strip() for c in cells]


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
    assert checks.why_reading_counts("b") and not checks.why_reading_counts("a")
    assert checks.fitted_temperature(0.54)
    fifth = next(i for i, c in enumerate(cells) if "**Exercise 5:**" in c.source)
    above_5 = "\n".join(c.source + "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                                            for o in c.get("outputs", [])) for c in cells[:fifth])
    assert not re.search(r"(?<![\d.])0\.540*(?!\d)", above_5)


def test_temperature_scaling_on_held_out_images(values, ns) -> None:
    """Exercise 5: the smoothed model trained with PyTorch on three quarters of the training set; the
    temperature fitted by SciPy on the held-out quarter is the checker's; the test and training images
    would give the checker's slips; the solution's report is PyTorch's loss and the loop ECE."""
    from scipy.optimize import minimize_scalar

    x_fit, x_val, y_fit, y_val = train_test_split(ns["X_train"], ns["y_train"], test_size=0.25,
                                                  stratify=ns["y_train"], random_state=0)
    assert (len(y_fit), len(y_val)) == (1077, 360)
    w, b, _ = torch_gd(x_fit, y_fit, ns["W0"], 1.0, 1000, label_smoothing=0.1)

    def best_t(x: np.ndarray, labels: np.ndarray) -> float:
        z, t = torch.tensor(x @ w + b), torch.tensor(labels)
        return minimize_scalar(lambda temp: nn.CrossEntropyLoss()(z / temp, t).item(), bounds=(0.05, 5.0),
                               method="bounded", options={"xatol": 1e-7}).x

    assert best_t(x_val, y_val) == pytest.approx(tc.BEST_T_VALIDATION, abs=1e-3)
    assert best_t(ns["X_test"], ns["y_test"]) == pytest.approx(tc.BEST_T_TEST, abs=1e-3)
    assert best_t(x_fit, y_fit) == pytest.approx(tc.BEST_T_TRAINING, abs=1e-3)
    grid = np.linspace(*tc.T_GRID, 281)
    z_val = torch.tensor(x_val @ w + b)
    grid_best = grid[np.argmin([nn.CrossEntropyLoss()(z_val / t, torch.tensor(y_val)).item() for t in grid])]
    assert checks.fitted_temperature(grid_best) and round(grid_best, 2) == 0.54
    z_test = ns["X_test"] @ w + b
    report = values["temperature_report"]
    for row, t in zip(report, (1.0, grid_best)):
        probs = torch.softmax(torch.tensor(z_test / t), dim=1).numpy()
        loss = nn.CrossEntropyLoss()(torch.tensor(z_test / t), torch.tensor(ns["y_test"])).item()
        np.testing.assert_allclose(row, [t, loss, ece_by_loops(probs, ns["y_test"])], rtol=1e-9)
    assert report[1][1] < report[0][1] and report[1][2] < report[0][2] / 3   # temperature repairs both
