"""helpers.explorers.gradients (notebook 06): the gradient curves and the training readout against
PyTorch; the explorers' specs and checks, the data sent once; the training module's own descent run
by Node against NumPy's. What every explorer shares (controls and specs, bad values, display bundle,
the module's readout in Node at many settings, the still) is tests/test_explorers_live.py's. The
gradients themselves are tests/test_grads.py's, the training runs tests/test_experiments.py's."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
import torch
import torch.nn.functional as F
import traitlets

from helpers import experiments, explorers
from helpers.explorers import gradients as gx
from helpers.explorers.live import LIVE
from tests.references import assert_defaults_on_their_grids, logistic_by_torch_sgd
from tools.stills import job, render

F64 = torch.float64


@pytest.mark.parametrize("call, name", [
    (lambda: gx.gradient_curves(0.0, 2), "y"),
    (lambda: gx.gradient_curves(0.0, 1, lo=1.0, hi=0.0), "lo"),
])
def test_bad_input_raises_value_error_naming_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()


# --- the live explorers ----------------------------------------------------------------------------
# Every value each slider can take, as the browser's range input gives it (min + k * step).
S_GRID = [round(gx.S_MIN + gx.S_STEP * k, 1) for k in range(161)]
E_GRID = [gx.LOG2_LR_MIN + gx.LOG2_LR_STEP * k for k in range(39)]
W_GRID = [gx.W0_MIN + gx.W0_STEP * k for k in range(25)]


def test_registered_factories_build_the_live_explorers() -> None:
    grad, train = explorers.logit_gradients(), explorers.bce_vs_mse()
    assert isinstance(grad, gx.LogitGradients) and LIVE["logit_gradients"] is gx.LogitGradients
    assert isinstance(train, gx.BceVsMse) and LIVE["bce_vs_mse"] is gx.BceVsMse
    assert grad.values() == {"s": -6.0, "y": "1"} and train.values() == {"log2_lr": -1.0, "w0": -4.0}


def test_logit_gradients_start_at_the_notebooks_try_this_numbers() -> None:
    assert explorers.logit_gradients().reference() == [
        "s = -6.0, y = 1: ŷ = sigmoid(s) = 0.0025 (probability)",
        "BCE gradient ŷ − y = -0.9975 nats per unit of logit",
        "MSE gradient (ŷ − y) ŷ (1 − ŷ) = -0.0025 per unit of logit (loss ½(ŷ − y)²)",
        "the MSE gradient is the BCE one times ŷ (1 − ŷ) = 0.0025: 405.4 times smaller",
    ]


@pytest.mark.parametrize("s, y", [(-6.0, 1), (6.0, 1), (-8.0, 1), (8.0, 0), (0.0, 0), (2.3, 0), (-0.7, 1),
                                  (-8.0, 0), (7.9, 1)])
def test_logit_gradients_reference_against_autograd(s, y) -> None:
    s_t = torch.tensor(s, dtype=F64, requires_grad=True)
    F.binary_cross_entropy_with_logits(s_t, torch.tensor(float(y), dtype=F64)).backward()
    bce = s_t.grad.item()
    s_t.grad = None
    (0.5 * (torch.sigmoid(s_t) - y) ** 2).backward()
    mse = s_t.grad.item()
    y_hat = torch.sigmoid(torch.tensor(s, dtype=F64)).item()
    assert gx.LogitGradients(s=s, y=y).reference() == [
        f"s = {s:.1f}, y = {y}: ŷ = sigmoid(s) = {y_hat:.4f} (probability)",
        f"BCE gradient ŷ − y = {bce:+.4f} nats per unit of logit",
        f"MSE gradient (ŷ − y) ŷ (1 − ŷ) = {mse:+.4f} per unit of logit (loss ½(ŷ − y)²)",
        f"the MSE gradient is the BCE one times ŷ (1 − ŷ) = {y_hat * (1 - y_hat):.4f}: "
        f"{abs(bce / mse):.1f} times smaller",
    ]


def test_a_gradient_that_rounds_to_zero_keeps_its_sign() -> None:
    """Confidently right (s = 8, y = 1): the MSE gradient is -1.1e-7, still a push upwards."""
    lines = gx.LogitGradients(s=8.0, y=1).reference()
    assert "= -0.0003 nats" in lines[1] and "= -0.0000 per unit" in lines[2]
    assert "= +0.0000 per unit" in gx.LogitGradients(s=-8.0, y=0).reference()[2]


def torch_run(loss: str, lr: float, w0: float, steps: int = 200) -> tuple[np.ndarray, float]:
    """The mean BCE (nats) before each step and after the last, trained with torch.optim.SGD, and the
    mean ½(ŷ − y)² after the last step."""
    return logistic_by_torch_sgd(*experiments.toy_data(), loss, lr, w0, steps)


@pytest.mark.parametrize("log2_lr, w0", [(-1.0, -4.0), (3.0, -4.0), (-1.0, 0.0), (-5.0, -6.0), (3.5, 6.0),
                                         (-6.0, -6.0), (0.75, 2.5), (-2.25, -1.5)])
def test_training_reference_against_torch_sgd(log2_lr, w0) -> None:
    lr = 2.0 ** log2_lr
    expected = [f"learning rate {lr:.3g}, start w = {w0:.1f}, b = 0, 200 steps of full-batch gradient descent "
                "on 40 points"]
    for loss in ("bce", "mse"):
        history, mse = torch_run(loss, lr, w0)
        below = np.flatnonzero(history < 1.0)
        when = f"below 1 nat from step {below[0]}" if below.size else "never below 1 nat"
        expected.append(f"trained with {loss.upper()}: after the last step mean BCE {history[-1]:.4f} nats, "
                        f"mean ½(ŷ − y)² {mse:.4f}; {when}")
    assert gx.BceVsMse(log2_lr=log2_lr, w0=w0).reference() == expected


def test_training_readout_says_what_the_notebook_says() -> None:
    ex = explorers.bce_vs_mse()
    assert ex.reference()[1].endswith("mean BCE 0.2268 nats, mean ½(ŷ − y)² 0.0363; below 1 nat from step 8")
    assert ex.reference()[2].endswith("mean BCE 0.4608 nats, mean ½(ŷ − y)² 0.0721; below 1 nat from step 174")
    fast = ex.set(log2_lr=3.0).reference()     # Try this: the learning rate from 0.5 to 8
    assert fast[0].startswith("learning rate 8,") and fast[1].endswith("step 1") and fast[2].endswith("step 12")
    calm = ex.set(log2_lr=-1.0, w0=0.0).reference()   # then the start w = 0
    assert calm[1].endswith("step 0") and calm[2].endswith("step 0")
    slow = ex.set(log2_lr=-6.0, w0=-6.0).reference()
    assert slow[0].startswith("learning rate 0.0156,") and slow[2].endswith("never below 1 nat")
    # 2^-5 = 0.03125 exactly: a tie at three digits, which Python (and the browser module) round to even
    assert ex.set(log2_lr=-5.0).reference()[0].startswith("learning rate 0.0312,")


def test_learning_rate_is_two_to_the_exponent_bit_for_bit() -> None:
    for e in E_GRID:
        assert gx.learning_rate(e) == 2.0 ** e
    assert gx.BceVsMse().lr == 0.5 and gx.BceVsMse(log2_lr=3.0).lr == 8.0
    for bad in (0.1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="^log2_lr:"):
            gx.learning_rate(bad)


def test_learning_rate_text_states_the_rate_and_its_exponent() -> None:
    """The learning-rate slider's value text (aria-valuetext), in English as before its template."""
    assert gx.learning_rate_text(-1.0) == "learning rate 0.5 (2 to the power -1)"
    assert gx.learning_rate_text(-5.75) == "learning rate 0.0186 (2 to the power -5.75)"
    assert gx.learning_rate_text(0.0) == gx.learning_rate_text(-0.0) == "learning rate 1 (2 to the power 0)"
    assert gx.learning_rate_text(-5.0) == "learning rate 0.0312 (2 to the power -5)"   # a tie, to even
    assert [gx.learning_rate_text(e) for e in E_GRID] == [
        f"learning rate {2.0 ** e:.3g} (2 to the power {e:g})" for e in E_GRID]


def test_the_module_states_the_learning_rate_as_python_does() -> None:
    """The slider's value text at every exponent of its grid, as the module writes it (run by Node)."""
    if shutil.which("node") is None:
        pytest.skip("needs Node.js to run the explorers' modules")
    probe = """(input) => input.exponents.map((e) => {
      const values = { ...input.state, log2_lr: e };
      const model = { get: (key) => values[key], set() {}, on() {}, off() {}, save_changes() {}, send() {} };
      const el = document.createElement("div");
      render({ model, el });
      return el.querySelector("[data-name='log2_lr']").getAttribute("aria-valuetext");
    })"""
    ex = gx.BceVsMse()
    out = render([job(ex, probe=probe, probe_input={"state": ex.state(), "exponents": E_GRID})])
    assert out[0]["probe"] == [gx.learning_rate_text(e) for e in E_GRID]


def test_live_controls_match_their_specs() -> None:
    grad, train = gx.LogitGradients(), gx.BceVsMse()
    assert grad._controls == [
        {"name": "s", "label": "logit s", "kind": "range", "min": -8.0, "max": 8.0, "step": 0.1, "digits": 1},
        {"name": "y", "label": "label y", "kind": "select", "options": ["1", "0"]}]
    assert train._controls == [
        {"name": "log2_lr", "label": "learning rate", "kind": "range", "min": -6.0, "max": 3.5, "step": 0.25,
         "digits": 2},
        {"name": "w0", "label": "start w", "kind": "range", "min": -6.0, "max": 6.0, "step": 0.5, "digits": 1}]
    for ex in (grad, train):
        assert ex.controls == tuple(spec["name"] for spec in ex.specs)
        assert_defaults_on_their_grids(ex)  # exactly on the grid
    # the notebook's Try-this settings lie on the grids: s = -6 and +6; lr 0.5 and 8; w = -4 and 0
    assert {-6.0, 6.0} <= set(S_GRID) and {-1.0, 3.0} <= set(E_GRID) and {-4.0, 0.0} <= set(W_GRID)


def test_live_label_takes_the_label_or_its_text() -> None:
    ex = gx.LogitGradients(y=0)
    assert ex.y == "0" and "y = 0:" in ex.reference()[0]
    ex.y = np.int64(1)
    assert ex.y == "1"


@pytest.mark.parametrize("cls, name, value", [
    (gx.LogitGradients, "s", 8.1), (gx.LogitGradients, "s", -9.0), (gx.LogitGradients, "s", float("nan")),
    (gx.LogitGradients, "y", 2), (gx.LogitGradients, "y", "2"), (gx.LogitGradients, "y", True),
    (gx.LogitGradients, "y", 1.0), (gx.LogitGradients, "y", None),
    (gx.BceVsMse, "log2_lr", 3.75), (gx.BceVsMse, "log2_lr", -6.25), (gx.BceVsMse, "log2_lr", 0.1),
    (gx.BceVsMse, "log2_lr", float("nan")), (gx.BceVsMse, "w0", 6.5), (gx.BceVsMse, "w0", -7.0),
    (gx.BceVsMse, "w0", float("inf")),
])
def test_live_traits_refuse_bad_values_naming_the_control(cls, name, value) -> None:
    ex = cls()
    with pytest.raises(traitlets.TraitError, match=rf"^{name}:"):
        setattr(ex, name, value)
    assert ex.values() == cls().values(), "a refused value leaves the control as it was"


def test_training_data_travel_once_read_only_and_reach_the_static_pages() -> None:
    from tools.live import live_state

    ex = gx.BceVsMse()
    x, y = experiments.toy_data()
    assert ex.data == {"x": x.tolist(), "y": y.tolist()} and len(ex.data["x"]) == 40
    assert ex.trait_metadata("data", "sync") and ex.get_state()["data"] == ex.data   # synced to JupyterLab
    with pytest.raises(traitlets.TraitError):
        ex.data = {"x": [0.0], "y": [1.0]}
    state = live_state("bce_vs_mse", {"log2_lr": 3.0})   # what a built page embeds
    assert state["data"] == ex.data and state["log2_lr"] == 3.0
    assert json.loads(json.dumps(state["data"]))["x"] == x.tolist(), "every float survives JSON exactly"


def test_the_training_module_has_pythons_quarter_powers() -> None:
    # the browser's four quarter powers are Python's, digit for digit (the same lr, bit for bit)
    assert "[1, " + ", ".join(repr(v) for v in gx._QUARTER_POWERS[1:]) + "]" in gx.BceVsMse._esm


# --- the training module's own arithmetic, run by Node (tools/render_explorer.mjs) -------------------
# The readouts are the contract test's (tests/test_explorers_live.py); here, what they do not show.
PROBE = """({ x, y, cases }) => cases.map(([e, w0]) => {
  const lr = bvmLearningRate(e);
  const runs = bvmTrain(x, y, lr, w0);
  return { lr, bce: runs.map((r) => r.bce), mse: runs.map((r) => r.mse[r.mse.length - 1]), first: runs.map((r) => r.first) };
})"""


@pytest.fixture(scope="module")
def node_training() -> dict[tuple[float, float], dict]:
    """The module's two descents at all 975 settings of the two sliders, run by Node."""
    if shutil.which("node") is None:
        pytest.skip("needs Node.js to run the explorers' modules")
    x, y = experiments.toy_data()
    cases = [[e, w0] for e in E_GRID for w0 in W_GRID]
    out = render([job(gx.BceVsMse(), probe=PROBE, probe_input={"x": x.tolist(), "y": y.tolist(), "cases": cases})])
    return {(e, w0): result for (e, w0), result in zip(cases, out[0]["probe"], strict=True)}


def test_training_module_descends_as_numpy_does(node_training) -> None:
    """At every learning rate (with w = -4 and 6), every start w (at 2^-5 and 2^3.5) and 30 other
    settings: the same learning rate bit for bit, and every point of both curves within 1e-12 nats
    of NumPy's (the summation is NumPy's, term by term; only the last bits of exp may differ)."""
    rng = np.random.default_rng(6)
    chosen = {(e, w0) for e in E_GRID for w0 in (-4.0, 6.0)} | {(e, w0) for e in (-5.0, 3.5) for w0 in W_GRID}
    chosen |= {(float(rng.choice(E_GRID)), float(rng.choice(W_GRID))) for _ in range(30)}
    ex = gx.BceVsMse()
    for e, w0 in sorted(chosen):
        result = node_training[(e, w0)]
        ex.set(log2_lr=e, w0=w0)
        assert result["lr"] == ex.lr
        state = ex.state_now()
        assert result["first"] == state["first_below_1_nat"], (e, w0)
        np.testing.assert_allclose(np.array(result["bce"]).T, state["bce"], rtol=0, atol=1e-12)
        np.testing.assert_allclose(result["mse"], state["mse"][-1], rtol=0, atol=1e-12)


def test_no_training_readout_hangs_on_the_last_bit(node_training) -> None:
    """At all 975 settings, every printed number lies more than 1e-10 from a rounding boundary of its
    four decimals, and every mean BCE up to the step first below 1 nat lies more than 1e-10 from 1:
    a last-bit difference between the browser's exp and NumPy's (1e-12 at most, above) cannot change
    the readout, on this machine or another."""
    assert len(node_training) == 975
    closest_tie, closest_one = 1.0, 1.0
    for result in node_training.values():
        for bce, mse_last, first in zip(result["bce"], result["mse"], result["first"]):
            bce = np.array(bce)
            upto = bce if first is None else bce[: first + 1]
            closest_one = min(closest_one, float(np.abs(upto - 1.0).min()))
            for v in (bce[-1], mse_last):
                closest_tie = min(closest_tie, abs((v * 1e4) % 1.0 - 0.5) * 1e-4)
    assert closest_tie > 1e-10 and closest_one > 1e-10, (closest_tie, closest_one)


# --- label smoothing (helpers.grads.softmax_ce_grad(..., label_smoothing=eps)) -------------------
