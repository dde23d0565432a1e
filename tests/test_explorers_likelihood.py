"""helpers.explorers.likelihood (notebook 01): the pure states against PyTorch and closed forms; the
explorers' specs and checks, the k <= n rule, the reference readouts against PyTorch, the modules'
points and constants. What every explorer shares (controls and specs, bad values, display bundle,
the module's readout in Node at many settings, the still) is tests/test_explorers_live.py's."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
import torch
import torch.nn.functional as F
import traitlets

from helpers import explorers, losses
from helpers.explorers import likelihood as lk
from helpers.explorers.live import LIVE, WEB


def torch_bce(y_hat, y, reduction="none"):
    """PyTorch's binary cross-entropy in float64: the independent reference."""
    return F.binary_cross_entropy(torch.as_tensor(np.asarray(y_hat, dtype=float)),
                                  torch.as_tensor(np.asarray(y, dtype=float)), reduction=reduction).numpy()


# --- logistic_state ---------------------------------------------------------------------------------

@pytest.mark.parametrize("w, b", [(0.0, 0.0), (1.0, 0.0), (2.0, -1.0), (-3.0, 0.5), (1.1, 0.1)])
def test_logistic_state_matches_torch(w, b) -> None:
    state = lk.logistic_state(w, b)
    x, y = np.array(lk.DEMO_X), np.array(lk.DEMO_Y, dtype=float)
    y_hat = torch.sigmoid(torch.tensor(w * x + b, dtype=torch.float64)).numpy()
    np.testing.assert_allclose(state["y_hat"], y_hat, rtol=1e-12)
    np.testing.assert_allclose(state["losses"], torch_bce(y_hat, y), rtol=1e-10, atol=1e-14)
    assert state["total"] == pytest.approx(float(torch_bce(y_hat, y, "sum")), rel=1e-10)
    assert state["mean"] == pytest.approx(float(torch_bce(y_hat, y, "mean")), rel=1e-10)
    grid = torch.sigmoid(torch.tensor(w * state["curve_x"] + b, dtype=torch.float64)).numpy()
    np.testing.assert_allclose(state["curve_y"], grid, rtol=1e-12)


def test_logistic_state_knows_nothing_at_zero_weight() -> None:
    state = lk.logistic_state(0.0, 0.0)
    np.testing.assert_allclose(state["y_hat"], 0.5)
    np.testing.assert_allclose(state["losses"], math.log(2))
    assert state["total"] == pytest.approx(8 * math.log(2), rel=1e-14)  # 5.5452 nats


def test_logistic_state_confidently_wrong_is_large_but_finite() -> None:
    # w = -5 points the sigmoid the wrong way: the extreme points are almost certainly misjudged.
    state = lk.logistic_state(-5.0, 5.0)
    assert np.isfinite(state["losses"]).all() and state["losses"].max() > 10
    # Hand calculation for the leftmost point (x = -2.2, y = 0): s = 16, loss = log(1 + e^16).
    assert state["losses"][0] == pytest.approx(math.log1p(math.exp(16.0)), rel=1e-12)


def test_the_slider_grid_optimum_is_close_to_the_true_fit() -> None:
    # The notebook reports w = 1.1, b = 0.1 (4.1058 nats) on the slider grid; LBFGS finds the real optimum.
    x, y = torch.tensor(lk.DEMO_X, dtype=torch.float64), torch.tensor(lk.DEMO_Y, dtype=torch.float64)
    params = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([params], max_iter=100, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(params[0] * x + params[1], y, reduction="sum")
        loss.backward()
        return loss

    opt.step(closure)
    best = closure().item()
    assert round(lk.logistic_state(1.1, 0.1)["total"], 4) == 4.1058
    assert best <= lk.logistic_state(1.1, 0.1)["total"] < best + 0.01


@pytest.mark.parametrize("kwargs, name", [
    ({"w": float("nan"), "b": 0.0}, "w"), ({"w": 0.0, "b": float("inf")}, "b"),
    ({"w": 1.0, "b": 0.0, "x": [1.0, 2.0], "y": [1.0]}, "x, y"),
])
def test_logistic_state_rejects_bad_input(kwargs, name) -> None:
    with pytest.raises(ValueError, match=name):
        lk.logistic_state(**kwargs)


# --- constant prediction (maximum likelihood) -----------------------------------------------------------

@pytest.mark.parametrize("y_hat, k, n", [(0.5, 3, 10), (0.3, 3, 10), (0.9, 7, 20), (0.05, 0, 5), (0.99, 12, 12)])
def test_constant_prediction_state_matches_torch(y_hat, k, n) -> None:
    state = lk.constant_prediction_state(y_hat, k, n)
    labels = np.r_[np.ones(k), np.zeros(n - k)]
    assert state["total"] == pytest.approx(float(torch_bce(np.full(n, y_hat), labels, "sum")), rel=1e-12)
    assert state["mean"] == pytest.approx(float(torch_bce(np.full(n, y_hat), labels, "mean")), rel=1e-12)
    assert state["best"] == k / n
    # The minimum mean loss is the binary entropy of k/n, here from its closed form (0 log 0 = 0).
    p = k / n
    closed = -sum(t * math.log(t) for t in (p, 1 - p) if t > 0)
    assert state["best_mean"] == pytest.approx(closed, abs=1e-15)


@pytest.mark.parametrize("k, n", [(3, 10), (1, 7), (11, 40), (5, 5), (0, 3)])
def test_loss_curve_is_lowest_at_k_over_n(k, n) -> None:
    state = lk.constant_prediction_state(0.5, k, n)
    q, curve = state["curve_q"], state["curve_mean"]
    assert np.isfinite(curve).all()
    step = q[1] - q[0]
    assert abs(q[np.argmin(curve)] - k / n) <= step  # the grid's nearest point to k/n
    # No prediction beats k/n: the curve never goes below the minimum mean loss.
    assert curve.min() >= state["best_mean"] - 1e-12


def test_constant_prediction_loss_rejects_predictions_outside_0_1() -> None:
    for bad in (-0.1, 1.1, float("nan"), [0.5, 2.0]):
        with pytest.raises(ValueError, match="y_hat"):
            losses.constant_prediction_loss(bad, 1, 3)


def test_whole_number_floats_are_accepted() -> None:
    assert lk.constant_prediction_state(0.5, 3.0, np.int64(10))["best"] == 0.3


def test_constant_prediction_loss_at_the_edges() -> None:
    assert losses.constant_prediction_loss(0.0, 0, 4) == 0.0        # all negatives, predict 0: certain and right
    assert losses.constant_prediction_loss(1.0, 4, 4) == 0.0
    assert losses.constant_prediction_loss(0.0, 1, 4) == math.inf   # one positive predicted impossible


@pytest.mark.parametrize("args, name", [
    ((0.5, 4, 3), "k"), ((0.5, -1, 3), "k"), ((0.5, 1.5, 3), "k"), ((0.5, "1", 3), "k"), ((0.5, True, 3), "k"),
    ((0.5, 0, 0), "n"), ((0.5, 1, 2.5), "n"), ((0.5, 1, float("nan")), "n"),
    ((0.0, 1, 3), "y_hat"), ((1.0, 1, 3), "y_hat"), ((1.2, 1, 3), "y_hat"), ((float("nan"), 1, 3), "y_hat"),
])
def test_constant_prediction_state_rejects_bad_input(args, name) -> None:
    with pytest.raises(ValueError, match=name):
        lk.constant_prediction_state(*args)


# --- the live explorers: registration, specs and traits ---------------------------------------------

def test_registered_factories_build_the_live_explorers_with_defaults() -> None:
    logistic, mle = explorers.logistic(), explorers.max_likelihood()
    assert isinstance(logistic, lk.Logistic) and LIVE["logistic"] is lk.Logistic
    assert isinstance(mle, lk.MaxLikelihood) and LIVE["max_likelihood"] is lk.MaxLikelihood
    assert logistic.values() == {"w": 0.0, "b": 0.0}
    assert mle.values() == {"y_hat": 0.5, "n": 10, "k": 3}
    assert logistic.reference() == [
        "w = 0.0, b = 0.0: ŷ = g(w x + b)",
        f"total loss (sum over 8 points) = {8 * math.log(2):.4f} nats; mean = {math.log(2):.4f} nats per point",
        f"worst point: x = -2.2, y = 0, ŷ = 0.500, loss = {math.log(2):.4f} nats"]  # all tie: the leftmost
    assert mle.reference() == [
        "ŷ = 0.50 for all n = 10 samples, k = 3 of them positive",
        f"total loss = {10 * math.log(2):.4f} nats; mean = {math.log(2):.4f} nats per sample",
        f"minimum at ŷ = k/n = 0.3000: mean loss {-(0.3 * math.log(0.3) + 0.7 * math.log(0.7)):.4f} nats"]


def _on_grid(spec, value) -> bool:
    steps = (value - spec["min"]) / spec["step"]
    return spec["min"] <= value <= spec["max"] and abs(steps - round(steps)) < 1e-9


@pytest.mark.parametrize("cls", [lk.Logistic, lk.MaxLikelihood])
def test_specs_match_the_traits_and_the_defaults_lie_on_the_grid(cls) -> None:
    ex = cls()
    assert ex.controls == tuple(spec["name"] for spec in cls.specs)
    assert ex._controls == [dict(spec) for spec in cls.specs]
    for spec in cls.specs:
        assert spec["kind"] == "range" and ex.has_trait(spec["name"]), spec
        assert ex.traits()[spec["name"]].metadata.get("sync"), f"{spec['name']}: synced with the browser"
        assert _on_grid(spec, getattr(ex, spec["name"])), spec
    if cls is lk.Logistic:  # the notebook's grid search walks the same grid: -5 to 5 in steps of 0.1
        assert [(s["min"], s["max"], s["step"], s["digits"]) for s in cls.specs] == [(-5.0, 5.0, 0.1, 1)] * 2
    else:
        assert [s["name"] for s in cls.specs] == ["y_hat", "n", "k"]      # n before k: k's slider ends at n
        assert [s.get("unit") for s in cls.specs] == [None, "samples", "positives"]


@pytest.mark.parametrize("cls, values, name", [
    (lk.Logistic, {"w": 5.1}, "w"), (lk.Logistic, {"w": float("nan")}, "w"),
    (lk.Logistic, {"b": -6.0}, "b"),
    (lk.MaxLikelihood, {"y_hat": 0.0}, "y_hat"), (lk.MaxLikelihood, {"y_hat": 1.0}, "y_hat"),
    (lk.MaxLikelihood, {"y_hat": float("nan")}, "y_hat"),
    (lk.MaxLikelihood, {"n": 0}, "n"), (lk.MaxLikelihood, {"n": 51}, "n"),
    (lk.MaxLikelihood, {"n": 2.5}, "n"), (lk.MaxLikelihood, {"n": True}, "n"),
    (lk.MaxLikelihood, {"k": -1}, "k"), (lk.MaxLikelihood, {"k": 51}, "k"),
    (lk.MaxLikelihood, {"k": 1.5}, "k"), (lk.MaxLikelihood, {"k": "3"}, "k"),
])
def test_traits_refuse_bad_values_naming_the_control(cls, values, name) -> None:
    ex = cls()
    before = ex.values()
    with pytest.raises(traitlets.TraitError, match=rf"^{name}:"):
        ex.set(**values)
    assert ex.values() == before
    with pytest.raises(ValueError, match="^q: not a control"):
        ex.set(q=0.5)


def test_counts_take_whole_floats_as_a_range_input_gives_them() -> None:
    ex = lk.MaxLikelihood(n=40.0, k=11.0)
    assert ex.values() == {"y_hat": 0.5, "n": 40, "k": 11} and type(ex.n) is int and type(ex.k) is int
    assert ex.set(n=np.int64(20)).n == 20


def test_k_never_exceeds_n() -> None:
    ex = lk.MaxLikelihood()
    ex.set(n=30, k=25)
    ex.set(n=10)                       # fewer samples than positives: k follows n down, as in the browser
    assert (ex.k, ex.n) == (10, 10)
    assert ex.reference()[2] == "minimum at ŷ = k/n = 1.0000: mean loss 0.0000 nats"
    ex.set(n=40)
    assert (ex.k, ex.n) == (10, 40)    # and stays there when n grows again
    ex.k = 45                          # past n: the k slider ends at n
    assert ex.k == 40
    ex.set(k=25, n=30).set(n=5).set(k=3, n=8)
    assert (ex.k, ex.n) == (3, 8)
    ex.set(k=20, n=30)                 # n is applied first, whatever the order of the arguments
    assert (ex.k, ex.n) == (20, 30)
    assert lk.MaxLikelihood(k=25, n=30).values()["k"] == 25


# --- the live explorers: reference readouts against PyTorch ---------------------------------------------

@pytest.mark.parametrize("w, b", [(0.0, 0.0), (2.0, -1.0), (-1.5, 0.5), (1.1, 0.1), (-5.0, 5.0), (5.0, -5.0),
                                  (0.3, -2.7)])
def test_logistic_reference_against_torch(w, b) -> None:
    x, y = torch.tensor(lk.DEMO_X, dtype=torch.float64), torch.tensor(lk.DEMO_Y, dtype=torch.float64)
    s = w * x + b
    per_point = F.binary_cross_entropy_with_logits(s, y, reduction="none")
    worst = int(torch.argmax(per_point)) if (w, b) != (0.0, 0.0) else 0
    y_hat = torch.sigmoid(s)
    assert lk.Logistic(w=w, b=b).reference() == [
        f"w = {w:.1f}, b = {b:.1f}: ŷ = g(w x + b)",
        f"total loss (sum over 8 points) = {float(per_point.sum()):.4f} nats; "
        f"mean = {float(per_point.mean()):.4f} nats per point",
        f"worst point: x = {lk.DEMO_X[worst]:.1f}, y = {lk.DEMO_Y[worst]}, ŷ = {float(y_hat[worst]):.3f}, "
        f"loss = {float(per_point[worst]):.4f} nats"]


def test_the_best_grid_setting_reads_as_the_notebook_says() -> None:
    assert lk.Logistic(w=1.1, b=0.1).reference()[1].startswith("total loss (sum over 8 points) = 4.1058 nats")


def test_worst_point_ties_go_to_the_leftmost() -> None:
    # At w = -5, b = -0.5 the two outermost points cost the same, ln(1 + e^10.5) (x = -2.2 labelled 0
    # at s = 10.5, x = 2.0 labelled 1 at s = -10.5): the last bit of a browser's exp must not decide.
    losses_ = np.array([1.0, 3.0, 3.0 * (1 + 1e-13), 2.0])
    assert lk.worst_point(losses_) == 1
    assert lk.worst_point(losses_[::-1]) == 1
    assert lk.worst_point([1.0, 2.0, 2.0 * (1 + 1e-6)]) == 2   # a real difference still counts
    state = lk.logistic_state(-5.0, -0.5)
    assert state["losses"][0] == pytest.approx(state["losses"][-1], rel=1e-14) == math.log1p(math.exp(10.5))
    assert lk.worst_point(state["losses"]) == 0
    assert lk.worst_point(state["losses"] * np.r_[1.0, np.ones(6), 1 + 1e-12]) == 0


@pytest.mark.parametrize("y_hat, n, k", [(0.5, 10, 3), (0.25, 20, 7), (0.01, 50, 50), (0.99, 1, 0),
                                         (0.37, 32, 1), (0.8, 40, 11)])
def test_mle_reference_against_torch(y_hat, n, k) -> None:
    labels = torch.tensor([1.0] * k + [0.0] * (n - k), dtype=torch.float64)
    total = float(F.binary_cross_entropy(torch.full((n,), y_hat, dtype=torch.float64), labels, reduction="sum"))
    p = k / n
    entropy = -sum(t * math.log(t) for t in (p, 1 - p) if t > 0)
    assert lk.MaxLikelihood(y_hat=y_hat, n=n, k=k).reference() == [
        f"ŷ = {y_hat:.2f} for all n = {n} samples, k = {k} of them positive",
        f"total loss = {total:.4f} nats; mean = {total / n:.4f} nats per sample",
        f"minimum at ŷ = k/n = {p:.4f}: mean loss {entropy + 0.0:.4f} nats"]


# --- the browser modules against the Python reference ---------------------------------------------------

def _js(script: str) -> str:
    return (WEB / script).read_text(encoding="utf-8")


def test_the_browser_modules_use_the_same_points_and_constants() -> None:
    source = _js("logistic.js")
    numbers = lambda name: [float(v) for v in re.search(rf"const {name} = \[([^\]]*)\]", source)[1].split(",")]  # noqa: E731
    assert numbers("DEMO_X") == list(lk.DEMO_X) and numbers("DEMO_Y") == list(lk.DEMO_Y)
    assert re.search(r"const TIE = ([0-9.e-]+);", source)[1] == "1e-9" and lk._TIE == 1e-9
    assert "const LOSS_TOP = 5;" in source and lk._LOSS_TOP == 5.0
    assert "function render({ model, el })" in source and "export default { render };" in source
    mle = _js("max_likelihood.js")
    assert "Array.from({ length: 499 }, (_, i) => 0.001 + (i * (0.999 - 0.001)) / 498)" in mle
    assert lk._GRID_Q.size == 499 and (lk._GRID_Q[0], lk._GRID_Q[-1]) == (0.001, 0.999)
    # the dot stays in view: the largest mean loss at any slider value, -ln 0.01, is under the axis top
    assert "const Y_TOP = 5;" in mle and -math.log(lk.Y_HAT_MIN) < 5
