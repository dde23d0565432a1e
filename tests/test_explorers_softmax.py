"""helpers.explorers.softmax (notebook 05): the pure state against PyTorch, the explorer's specs and
checks, its reference readout against PyTorch. What every explorer shares (controls and specs, bad
values, display bundle, the module's readout in Node at many settings, the still) is
tests/test_explorers_live.py's."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import traitlets

from helpers import explorers
from helpers.explorers import softmax as sx


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


def test_registered_factory_builds_the_live_explorer_at_the_article_row() -> None:
    ex = explorers.softmax_loss()
    assert isinstance(ex, sx.SoftmaxLoss) and ex.name == "softmax_loss"
    assert ex.values() == {"z0": -0.5215, "z1": -0.4240, "z2": 0.8907, "label": "1", "temperature": 1.0}
    assert ex.reference() == [
        "logits z = (-0.5215, -0.4240, 0.8907), label y = 1, temperature T = 1.00",
        "q = softmax(z / T) = (0.1611, 0.1776, 0.6613) (probabilities, sum 1)",
        "loss = -ln q_1 = 1.7282 nats (uniform guess: ln 3 = 1.0986 nats)",
        "predicted class = 2 (wrong); q_1 = 0.1776",
    ]


def _on_grid(value: float, low: float, step: float) -> float:
    """The value the browser shows for ``low + k * step``: rounded to the grid's decimals."""
    return round(low + round((value - low) / step) * step, 4)


@pytest.mark.parametrize("z, label, temperature", [
    ((-0.5215, -0.4240, 0.8907), 1, 1.0),
    ((3.0085, -0.424, 0.8907), 2, 2.0),
    ((-5.9915, 5.996, -5.9993), 0, 0.1),     # very confident and wrong: 119.9 nats, no overflow
    ((5.9985, -5.994, 5.9907), 0, 0.1),      # two close logits, cold: the larger takes almost all
    ((0.0085, 0.006, 0.0007), 2, 10.0),      # nearly equal logits, hot: close to 1/3 each
    ((1.4785, 1.476, 1.4807), 1, 0.35),
])
def test_live_reference_against_torch(z, label, temperature) -> None:
    ex = sx.SoftmaxLoss(z0=z[0], z1=z[1], z2=z[2], label=str(label), temperature=temperature)
    logits = torch.tensor([z], dtype=torch.float64) / temperature
    q = torch.softmax(logits, dim=1)[0]
    loss = torch.nn.functional.cross_entropy(logits, torch.tensor([label])).item()
    predicted = int(torch.argmax(q))
    shown = ", ".join(f"{v:.4f}" for v in q.tolist())
    assert ex.reference() == [
        f"logits z = ({', '.join(f'{v:.4f}' for v in z)}), label y = {label}, temperature T = {temperature:.2f}",
        f"q = softmax(z / T) = ({shown}) (probabilities, sum 1)",
        f"loss = -ln q_{label} = {loss:.4f} nats (uniform guess: ln 3 = {math.log(3):.4f} nats)",
        f"predicted class = {predicted} ({'right' if predicted == label else 'wrong'}); q_{label} = {q[label]:.4f}",
    ]


def test_live_reference_of_a_sure_label_reads_zero_loss() -> None:
    ex = sx.SoftmaxLoss(z0=5.9985, z1=-5.994, z2=-5.9993, label=0, temperature=0.1)   # q_0 = 1 - 2e-52
    assert ex.reference()[2].startswith("loss = -ln q_0 = 0.0000 nats")                # not "-0.0000"
    assert ex.reference()[3] == "predicted class = 0 (right); q_0 = 1.0000"


def test_live_controls_match_their_specs() -> None:
    ex = sx.SoftmaxLoss()
    assert ex.controls == ("z0", "z1", "z2", "label", "temperature")
    assert [spec["name"] for spec in ex._controls] == list(ex.controls)
    for c, start in enumerate(sx.ARTICLE_ROW):
        spec = ex._controls[c]
        low, high = sx.slider_range(start)
        assert spec == {"name": f"z{c}", "label": f"logit z_{c}", "kind": "range", "min": low, "max": high,
                        "step": sx.LOGIT_STEP, "digits": 4}
        assert getattr(ex, f"z{c}") == start
        k = (start - low) / spec["step"]
        assert abs(k - round(k)) < 1e-9, "the browser would snap the start off the article's value"
        assert _on_grid(start, low, spec["step"]) == start
    assert ex._controls[3] == {"name": "label", "label": "label y", "kind": "select", "options": ["0", "1", "2"]}
    t = ex._controls[4]
    assert (t["min"], t["max"], t["step"], t["digits"]) == (sx.T_MIN, sx.T_MAX, sx.T_STEP, 2)
    for k, value in ((0, 0.1), (18, 1.0), (198, 10.0)):      # T = 1 and both ends on the grid
        assert round(t["min"] + k * t["step"], 10) == value


def test_live_label_takes_the_class_index_or_its_text() -> None:
    ex = sx.SoftmaxLoss(label=2)
    assert ex.label == "2" and "label y = 2" in ex.reference()[0]
    ex.label = np.int64(0)
    assert ex.label == "0"
    ex.set(label="1")
    assert ex.label == "1"


@pytest.mark.parametrize("name, value", [
    ("z0", 6.0), ("z1", -6.5), ("z2", float("nan")), ("z0", float("inf")),
    ("label", 3), ("label", -1), ("label", "class 1"), ("label", True), ("label", 1.0),
    ("temperature", 0.0), ("temperature", 0.05), ("temperature", 10.5), ("temperature", float("nan")),
])
def test_live_traits_refuse_bad_values_naming_the_control(name, value) -> None:
    ex = sx.SoftmaxLoss()
    with pytest.raises(traitlets.TraitError, match=rf"^{name}:"):
        setattr(ex, name, value)
    assert ex.values() == sx.SoftmaxLoss().values(), "a refused value leaves the control as it was"


def test_the_module_computes_softmax_stably() -> None:
    esm = sx.SoftmaxLoss._esm
    assert "Math.max(...scaled)" in esm and "Math.exp(s - m)" in esm   # the max subtracted, as helpers.losses


@pytest.mark.parametrize("start", [-0.5215, -0.4240, 0.8907, 0.0, 5.995, -6.0])
def test_slider_grid_passes_through_the_start(start) -> None:
    low, high = sx.slider_range(start)
    assert -6.0 <= low <= start <= high <= 6.0
    assert low < -5.98 and high > 5.98           # the grid covers the whole of [-6, 6] up to a step
    k = (start - low) / sx.LOGIT_STEP
    assert abs(k - round(k)) < 1e-6               # the browser snaps to low + k * step: start is on it


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
