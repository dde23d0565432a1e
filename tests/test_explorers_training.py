"""helpers.explorers.training (notebook 07): the precomputed runs against PyTorch's own training, the
view's numbers against loops; the stored data, specs and checks, the reference readout against
PyTorch, the static state. What every explorer shares (controls and specs, bad values, display
bundle, the module's readout in Node at many settings, the still) is tests/test_explorers_live.py's."""
from __future__ import annotations

import json
import re

import numpy as np
import pytest
import torch
import torch.nn as nn
import traitlets

from helpers import experiments, explorers
from helpers.explorers import training as tx
from tests.references import ece_by_loops

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


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def same_to_printed_precision(line: str, expected: str, slack: float = 1e-6) -> bool:
    """Equal words; numbers equal to within half a unit of their last printed digit (+ ``slack``:
    the stored numbers have 6 significant digits)."""
    if _NUMBER.split(line) != _NUMBER.split(expected):
        return False
    for a, b in zip(_NUMBER.findall(line), _NUMBER.findall(expected), strict=True):
        digits = len(b.split(".")[1]) if "." in b else 0
        if abs(float(a) - float(b)) > 0.5 * 10**-digits + slack:
            return False
    return True


def torch_lines(lr: float, steps: int, smoothing: float) -> list[str]:
    """The readout written independently: PyTorch's training, accuracy and confidence, the ECE by loops."""
    probs, test_loss, train_loss = torch_run(lr, steps, smoothing)
    x_train, _, _, y_test = tx.digits_split()
    right = int((probs.argmax(axis=1) == y_test).sum())
    accuracy, confidence = right / len(y_test), probs.max(axis=1).mean()
    lean = {1: "over-confident", -1: "under-confident", 0: "about calibrated"}[
        int(np.sign(confidence - accuracy)) if abs(confidence - accuracy) > 0.005 else 0]
    return [f"learning rate {lr:g}, label smoothing {smoothing:g}: {steps} steps of full-batch gradient descent "
            f"on {len(x_train)} training digits",
            f"cross-entropy (no smoothing): training {train_loss:.4f} nats, test {test_loss:.4f} nats",
            f"test accuracy {accuracy:.4f} ({right} of {len(y_test)} digits)",
            f"mean confidence {confidence:.4f}: {lean}; expected calibration error "
            f"{ece_by_loops(probs, y_test, 10):.4f} (10 bins)"]


# --- the live explorer ---------------------------------------------------------------------------
def test_registered_factory_builds_the_live_explorer_with_defaults() -> None:
    assert explorers.softmax_training is tx.softmax_training
    ex = explorers.softmax_training()
    assert isinstance(ex, tx.SoftmaxTraining) and ex.name == "softmax_training"
    assert ex.values() == {"lr": "1", "steps": 100, "label_smoothing": "0"}
    assert ex.reference() == [
        "learning rate 1, label smoothing 0: 100 steps of full-batch gradient descent on 1437 training digits",
        "cross-entropy (no smoothing): training 0.0826 nats, test 0.1484 nats",
        "test accuracy 0.9639 (347 of 360 digits)",
        "mean confidence 0.9286: under-confident; expected calibration error 0.0359 (10 bins)",
    ]


@pytest.mark.parametrize("lr, steps, smoothing", [(1.0, 100, 0.0), (0.03, 200, 0.0), (3.0, 10, 0.0), (3.0, 50, 0.1),
                                                  (0.3, 0, 0.1), (0.1, 140, 0.1), (1.0, 100, 0.1)])
def test_live_reference_against_pytorch(lr, steps, smoothing) -> None:
    lines = tx.SoftmaxTraining(lr=lr, steps=steps, label_smoothing=smoothing).reference()
    expected = torch_lines(lr, steps, smoothing)
    assert len(lines) == len(expected)
    for line, want in zip(lines, expected):
        assert same_to_printed_precision(line, want), (line, want)


def test_live_reference_tells_the_try_this_story() -> None:
    """The notebook's "Try this": slow and under-confident at 0.03; fast at 3; smoothing lowers confidence."""
    ex = tx.SoftmaxTraining(lr="0.03", steps=200)
    assert "under-confident" in ex.reference()[3]
    assert ex.state_now()["train_loss"] > 0.3
    assert ex.set(lr=3, steps=10).state_now()["train_loss"] < 0.5
    ex.set(lr=1, steps=100, label_smoothing=0.1)
    assert ex.state_now()["confidence"] < ex.state_now()["accuracy"] - 0.1


def test_stored_data_is_the_view_rounded_compact_and_valid_json() -> None:
    data = tx.training_data()
    text = json.dumps(data, allow_nan=False)  # no nan or inf: empty bins are null
    assert len(text) < 100_000  # far below the 1 MB limit of the brief
    assert data["lrs"] == ["0.03", "0.1", "0.3", "1", "3"] and data["smoothings"] == ["0", "0.1"]
    assert data["steps"] == list(range(0, tx.MAX_STEPS + 1, tx.STEP_SPACING))
    assert (data["n_train"], data["n_test"], data["n_bins"]) == (1437, 360, tx.N_BINS)
    assert len(data["runs"]) == len(tx.LEARNING_RATES) and all(len(row) == len(tx.SMOOTHINGS) for row in data["runs"])
    for i, lr in enumerate(tx.LEARNING_RATES):
        for j, eps in enumerate(tx.SMOOTHINGS):
            run = data["runs"][i][j]
            for k, step in enumerate(data["steps"]):
                view = tx.training_view(lr, step, eps)
                bins = view["bins"]
                assert run["train"][k] == pytest.approx(view["train_loss"], rel=5e-6)
                assert run["test"][k] == pytest.approx(view["test_loss"], rel=5e-6)
                assert run["correct"][k] / 360 == view["accuracy"]
                assert run["confidence"][k] == pytest.approx(view["confidence"], rel=5e-6)
                assert run["ece"][k] == pytest.approx(view["ece"], rel=5e-6, abs=1e-12)
                assert run["bin_count"][k] == bins["count"].tolist()
                assert sum(run["bin_correct"][k]) == run["correct"][k]
                for n, right, conf, acc, conf_full in zip(run["bin_count"][k], run["bin_correct"][k],
                                                          run["bin_confidence"][k], bins["accuracy"],
                                                          bins["confidence"]):
                    if n:
                        assert right / n == pytest.approx(acc, abs=1e-12)
                        assert conf == pytest.approx(conf_full, rel=5e-6)
                    else:
                        assert right == 0 and conf is None
    for value in re.findall(r"-?\d+\.\d+(?:e-?\d+)?", text):  # 6 significant digits at most
        assert len(value.split("e")[0].replace("-", "").replace(".", "").lstrip("0")) <= 6, value


def test_live_controls_match_their_specs_and_refuse_bad_values() -> None:
    ex = tx.SoftmaxTraining()
    assert ex.controls == ("lr", "steps", "label_smoothing")
    assert ex._controls == [
        {"name": "lr", "label": "learning rate", "kind": "select", "options": ["0.03", "0.1", "0.3", "1", "3"]},
        {"name": "steps", "label": "steps", "kind": "range", "min": 0, "max": 200, "step": 10, "digits": 0},
        {"name": "label_smoothing", "label": "label smoothing", "kind": "select", "options": ["0", "0.1"]},
    ]
    assert [spec["options"] for spec in ex.specs if spec["kind"] == "select"] == [ex.data["lrs"], ex.data["smoothings"]]
    steps_spec = ex.specs[1]
    assert list(range(steps_spec["min"], steps_spec["max"] + 1, steps_spec["step"])) == ex.data["steps"]
    # numbers on the grid are taken as their choice's text; a range input's whole float as the int
    ex.set(lr=0.3, steps=150.0, label_smoothing=0.1)
    assert ex.values() == {"lr": "0.3", "steps": 150, "label_smoothing": "0.1"} and isinstance(ex.steps, int)
    ex.set(lr="3", label_smoothing="0")
    assert ex.values() == {"lr": "3", "steps": 150, "label_smoothing": "0"}
    for bad in ("0.5", 0.5, "1.0", True, None):
        with pytest.raises(traitlets.TraitError, match="^lr:"):
            ex.lr = bad
    for bad in (105, 210, -10, 100.5, float("nan"), "100", True):
        with pytest.raises(traitlets.TraitError, match="^steps:"):
            ex.steps = bad
    for bad in (0.3, "0.2", False):
        with pytest.raises(traitlets.TraitError, match="^label_smoothing:"):
            ex.label_smoothing = bad
    with pytest.raises(ValueError, match="^epochs: not a control"):
        ex.set(epochs=3)
    with pytest.raises(traitlets.TraitError):
        ex.data = {}  # read-only
    assert ex.values() == {"lr": "3", "steps": 150, "label_smoothing": "0"}


@pytest.mark.parametrize("call, name", [
    (lambda: tx.stored_view(0.5, 100, 0.0), "lr"),
    (lambda: tx.stored_view("1", 105, "0"), "steps"),
    (lambda: tx.stored_view("1", 100, 0.3), "label_smoothing"),
])
def test_stored_view_names_the_bad_argument(call, name) -> None:
    with pytest.raises(ValueError, match=f"^{name}:"):
        call()


def test_static_state_carries_the_runs() -> None:
    """The static pages' host reads state(): the specs, the values and the stored runs."""
    from tools.live import explorer_markup, live_state

    state = live_state("softmax_training", {"lr": "3", "steps": 20})
    assert state["data"] == tx.training_data()
    assert (state["lr"], state["steps"], state["label_smoothing"]) == ("3", 20, "0")
    assert state["_name"] == "softmax_training" and [c["name"] for c in state["_controls"]] == list(tx.SoftmaxTraining().controls)
    markup = explorer_markup("softmax_training", {})
    payload = json.loads(re.search(r'<script type="application/json">(.*?)</script>', markup).group(1))
    assert payload["state"]["data"] == json.loads(json.dumps(tx.training_data()))
    assert len(markup) < 100_000


def forbid_training(monkeypatch: pytest.MonkeyPatch) -> None:
    """Train the grid (once, cached), then make any further training fail the test."""
    tx.training_data()

    def trains(*args, **kwargs):
        raise AssertionError("trained again: the explorer must only look up the runs trained at its start")

    monkeypatch.setattr(tx, "softmax_regression_grid", trains)
    monkeypatch.setattr(experiments, "_descend", trains)


def test_live_explorer_only_looks_up_the_runs_once_they_are_trained(monkeypatch) -> None:
    forbid_training(monkeypatch)
    ex = tx.SoftmaxTraining()
    first = ex.reference()
    assert ex.set(lr="0.1", steps=30).reference() != first
