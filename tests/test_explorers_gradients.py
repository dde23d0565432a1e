"""Tests of notebook 06's gradients (helpers.grads) and explorers.

Every gradient is compared with torch.autograd in float64 (an independent reference); the training
loop with a plain-Python re-implementation and with torch.optim.SGD. The live explorers: their
Python side (traits, specs, reference readout against PyTorch, display bundle, the data sent once),
their modules' arithmetic run by Node against the reference on the sliders' grids.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
import traitlets

from helpers import experiments, explorers, grads
from helpers.explorers import gradients as gx
from helpers.explorers.live import EXPLORER_MIME, LIVE, WEB
from tests.references import assert_defaults_on_their_grids, logistic_by_torch_sgd

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


def test_live_set_refuses_an_unknown_control() -> None:
    with pytest.raises(ValueError, match="^lr: not a control"):
        gx.BceVsMse().set(lr=0.5)


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


def test_live_display_bundles_name_the_explorers_and_their_values() -> None:
    cases = [(gx.LogitGradients(s=2.0, y=0), {"s": 2.0, "y": "0"},
              "Two gradients: BCE against MSE on a sigmoid (logit_gradients): s = 2.0, y = 0: ŷ = sigmoid(s) = 0.8808"),
             (gx.BceVsMse(log2_lr=3.0), {"log2_lr": 3.0, "w0": -4.0},
              "Training a logistic regression with BCE and with MSE (bce_vs_mse): learning rate 8, ")]
    for ex, values, plain in cases:
        bundle = ex._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        assert data[EXPLORER_MIME] == {"name": ex.name, "values": values}
        assert data["text/plain"].startswith(plain)
        assert "application/vnd.jupyter.widget-view+json" in data


def test_live_modules_are_joined_to_the_primitives() -> None:
    for cls, script in ((gx.LogitGradients, "logit_gradients.js"), (gx.BceVsMse, "bce_vs_mse.js")):
        own = (WEB / script).read_text(encoding="utf-8")
        assert cls._esm == (WEB / "draw.js").read_text(encoding="utf-8") + "\n" + own
        assert own.rstrip().endswith("export default { render };")
    # the browser's four quarter powers are Python's, digit for digit (the same lr, bit for bit)
    assert "[1, " + ", ".join(repr(v) for v in gx._QUARTER_POWERS[1:]) + "]" in gx.BceVsMse._esm


# --- the modules' arithmetic, run by Node ------------------------------------------------------------
NODE_HARNESS = r"""
const fs = require("fs");
const [draw, own, names, cases] = process.argv.slice(2).map((f) => fs.readFileSync(f, "utf8"));
const api = new Function(draw + "\n" + own.replace("export default { render };", "")
  + `\nreturn { ${JSON.parse(names).join(", ")} };`)();
const run = {
  gradients: ([s, y]) => api.lgLines(api.lgState(s, y)),
  training: ([e, w0, x, y]) => {
    const lr = api.bvmLearningRate(e);
    const runs = api.bvmTrain(x, y, lr, w0);
    return { lr, lines: api.bvmLines(lr, w0, x.length, runs), bce: runs.map((r) => Array.from(r.bce)),
             mse: runs.map((r) => r.mse[r.mse.length - 1]), first: runs.map((r) => r.first) };
  },
};
const { kind, items } = JSON.parse(cases);
process.stdout.write(JSON.stringify(items.map(run[kind])));
"""


def run_node(tmp_path: Path, script: str, names: list[str], kind: str, items: list) -> list:
    (tmp_path / "harness.js").write_text(NODE_HARNESS)
    (tmp_path / "names.json").write_text(json.dumps(names))
    (tmp_path / "cases.json").write_text(json.dumps({"kind": kind, "items": items}))
    done = subprocess.run(["node", str(tmp_path / "harness.js"), str(WEB / "draw.js"), str(WEB / script),
                           str(tmp_path / "names.json"), str(tmp_path / "cases.json")],
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")


@needs_node
def test_gradients_module_computes_the_reference_lines_at_every_setting(tmp_path: Path) -> None:
    """All 322 settings of the logit slider and the label: the very same text as the Python reference."""
    cases = [[s, y] for s in S_GRID for y in (0, 1)]
    ex = gx.LogitGradients()
    for (s, y), lines in zip(cases, run_node(tmp_path, "logit_gradients.js", ["lgState", "lgLines"], "gradients",
                                               cases), strict=True):
        assert lines == ex.set(s=s, y=y).reference(), (s, y)


@pytest.fixture(scope="module")
def node_training(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[float, float], dict]:
    """The browser module's two descents at all 975 settings of the two sliders, run by Node."""
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed")
    x, y = experiments.toy_data()
    cases = [[e, w0, x.tolist(), y.tolist()] for e in E_GRID for w0 in W_GRID]
    out = run_node(tmp_path_factory.mktemp("node"), "bce_vs_mse.js", ["bvmLearningRate", "bvmTrain", "bvmLines"],
                   "training", cases)
    return {(e, w0): result for (e, w0, _, _), result in zip(cases, out, strict=True)}


def test_training_module_computes_the_reference_lines(node_training) -> None:
    """At every learning rate (with w = -4 and 6), every start w (at 2^-5 and 2^3.5) and 30 other
    settings: the same text as the Python reference, the same learning rate bit for bit, and every
    point of both curves within 1e-12 nats of NumPy's (the summation is NumPy's, term by term; only
    the last bits of exp may differ)."""
    rng = np.random.default_rng(6)
    chosen = {(e, w0) for e in E_GRID for w0 in (-4.0, 6.0)} | {(e, w0) for e in (-5.0, 3.5) for w0 in W_GRID}
    chosen |= {(float(rng.choice(E_GRID)), float(rng.choice(W_GRID))) for _ in range(30)}
    ex = gx.BceVsMse()
    assert ex.reference() == gx.training_lines(ex.state_now())
    for e, w0 in sorted(chosen):
        result = node_training[(e, w0)]
        ex.set(log2_lr=e, w0=w0)
        assert result["lr"] == ex.lr
        state = ex.state_now()
        assert result["lines"] == gx.training_lines(state), (e, w0)   # what reference() gives, run once
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
