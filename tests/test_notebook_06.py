"""Notebook 06 (gradients and numerical stability): every number its prose states, and its key
computed values, against independent references (torch.autograd, torch.optim.SGD, closed forms,
plain-Python arithmetic); the exercise solutions pass their checks and typical slips do not.

The notebook runs once per session (``tests.notebook_run.run``); its variables are ``NB.ns``.
"""
from __future__ import annotations

import math
import re

import nbformat
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers import checks, experiments
from tests.notebook_run import learner_code, notebook_path, run
from tests.references import logistic_by_torch_sgd

F64 = torch.float64


@pytest.fixture(scope="module")
def nb():
    return run("06")


@pytest.fixture(scope="module")
def ns(nb):
    return nb.ns


@pytest.fixture(scope="module")
def prose() -> str:
    """All the Markdown of the notebook, one string (the numbers the learner reads)."""
    cells = nbformat.read(notebook_path("06"), as_version=4).cells
    return "\n".join(c.source for c in cells if c.cell_type == "markdown")


def sigmoid(s: float) -> float:
    return 1.0 / (1.0 + math.exp(-s))


def autograd_wrt_logit(loss_of_probability, s: float, y: float) -> float:
    s_t = torch.tensor(s, dtype=F64, requires_grad=True)
    loss_of_probability(torch.sigmoid(s_t), torch.tensor(y, dtype=F64)).backward()
    return s_t.grad.item()


# --- section 1: sigmoid + BCE -----------------------------------------------------------------
def test_section1_chain_rule_numbers(nb, ns) -> None:
    y_hat_t = torch.tensor(sigmoid(0.8), dtype=F64, requires_grad=True)
    F.binary_cross_entropy(y_hat_t, torch.tensor(1.0, dtype=F64)).backward()  # dL/dy_hat by autograd
    assert ns["s"] == 0.8 and ns["y"] == 1.0
    assert round(ns["y_hat"], 4) == round(sigmoid(0.8), 4) == 0.6900
    assert ns["dL_dyhat"] == pytest.approx(y_hat_t.grad.item(), rel=1e-12)
    assert round(ns["dL_dyhat"], 4) == -1.4493 and round(ns["dyhat_ds"], 4) == 0.2139
    dl_ds = autograd_wrt_logit(F.binary_cross_entropy, 0.8, 1.0)
    assert ns["grad_chain"] == pytest.approx(dl_ds, rel=1e-12) and round(dl_ds, 4) == -0.3100
    out = nb.printed("grad_chain = dL_dyhat * dyhat_ds")
    assert "y_hat = sigmoid(0.8) = 0.6900" in out and "dL/dy_hat = -1.4493" in out and "= -0.3100" in out


@pytest.mark.parametrize("y_hat, y", [(0.69, 1.0), (0.2, 0.0), (0.37, 1.0), (0.9, 0.0), (0.5, 0.3)])
def test_section1_each_line_of_the_derivation(y_hat, y) -> None:
    """The Markdown's lines of algebra, evaluated: each equals the one before it."""
    line1 = -(y * (1 / y_hat) + (1 - y) * (-1 / (1 - y_hat)))
    line2 = -y / y_hat + (1 - y) / (1 - y_hat)
    line3 = (-y * (1 - y_hat) + (1 - y) * y_hat) / (y_hat * (1 - y_hat))
    line4 = (-y + y * y_hat + y_hat - y * y_hat) / (y_hat * (1 - y_hat))
    line5 = (y_hat - y) / (y_hat * (1 - y_hat))
    assert line1 == pytest.approx(line2) == pytest.approx(line3) == pytest.approx(line4) == pytest.approx(line5)
    assert line5 * y_hat * (1 - y_hat) == pytest.approx(y_hat - y)


def test_section1_agreement_is_stated_and_true(nb, prose) -> None:
    out = nb.printed("def bce_at")
    assert out.startswith("✓ the formula, autograd and finite differences agree on dL/ds at s = 0.8, y = 1: -0.3100")
    # "with h = 0.001, about 1e-8 here": the central difference's error, computed in plain Python
    h = 1e-3

    def bce(s: float) -> float:
        return math.log1p(math.exp(-s))  # y = 1

    error = abs((bce(0.8 + h) - bce(0.8 - h)) / (2 * h) - (sigmoid(0.8) - 1.0))
    assert 1e-9 < error < 1e-7 and "$h = 0.001$, about $10^{-8}$ here" in prose
    bound = nb.number("def bce_at", "largest difference below")
    assert error < bound <= 10 * error
    grid_out = nb.printed("grads.bce_logit_grad(grid, label)")
    assert grid_out.count("✓ the formula and autograd agree") == 2
    grid = np.linspace(-10, 10, 41)
    for label in (0.0, 1.0):
        expected = [autograd_wrt_logit(F.binary_cross_entropy, s, label) for s in grid[5:-5]]
        np.testing.assert_allclose(1 / (1 + np.exp(-grid[5:-5])) - label, expected, rtol=1e-9, atol=1e-12)


# --- section 2: softmax + cross-entropy ---------------------------------------------------------
def test_section2_article_row(nb, ns) -> None:
    z0 = torch.tensor([-0.5215, -0.4240, 0.8907], dtype=F64, requires_grad=True)
    F.cross_entropy(z0[None], torch.tensor([1])).backward()
    assert [round(v, 4) for v in z0.grad.tolist()] == [0.1611, -0.8224, 0.6613]
    np.testing.assert_allclose(ns["grad0"], z0.grad.numpy(), rtol=1e-12, atol=1e-15)
    out = nb.printed("grad0 = losses.softmax(z0)")
    assert "[0.1611 0.1776 0.6613]" in out and "[ 0.1611 -0.8224  0.6613]" in out and "= 0.0000" in out


def test_section2_autograd_of_the_mean_times_n(nb, ns) -> None:
    x = torch.tensor([[-0.5215, -0.4240, 0.8907], [-0.2820, 0.0445, 1.3734], [-1.0393, 0.8725, 0.1539]],
                     dtype=F64, requires_grad=True)
    F.cross_entropy(x, torch.tensor([1, 2, 0])).backward()
    np.testing.assert_allclose(ns["grad_formula"], x.grad.numpy(), rtol=1e-12, atol=1e-15)
    printed = nb.printed('print("autograd of the mean loss, times N = 3:")')
    rows = [[float(v) for v in re.findall(r"-?\d+\.\d+", line)] for line in printed.splitlines()[1:]]
    np.testing.assert_allclose(rows, np.round(x.grad.numpy() * 3, 4), atol=1e-12)
    np.testing.assert_allclose(ns["grad_fd"], x.grad.numpy(), atol=1e-9)


def test_section2_agreements_are_stated(nb, ns) -> None:
    out = nb.printed("checks.agree(\"dL/dz of the mean loss")
    assert "✓ the formula, autograd and finite differences agree on dL/dz of the mean loss on the article's tensor" in out
    assert "✓ the formula and autograd agree on dL/dz of a random batch" in out
    assert "✓ every row of the gradient sums to 0" in out
    z = torch.tensor(ns["z_rand"], requires_grad=True)
    F.cross_entropy(z, torch.tensor(ns["y_rand"]), reduction="sum").backward()
    q = np.exp(ns["z_rand"]) / np.exp(ns["z_rand"]).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(q - np.eye(4)[ns["y_rand"]], z.grad.numpy(), atol=1e-14)


def test_section2_derivation_lines() -> None:
    """-log softmax(z)_y = -z_y + log sum e^z, and the slope of log sum e^z is the softmax."""
    z = torch.tensor([0.3, -1.2, 2.5, 0.0], dtype=F64, requires_grad=True)
    lse = torch.logsumexp(z, 0)
    assert (-torch.log_softmax(z, 0)[2]).item() == pytest.approx((-z[2] + lse).item(), rel=1e-14)
    lse.backward()
    np.testing.assert_allclose(z.grad.numpy(), torch.softmax(z, 0).detach().numpy(), rtol=1e-14)


# --- section 3: squared error ---------------------------------------------------------------------
def test_section3_mse_gradient_405_times_smaller(nb, ns, prose) -> None:
    g_bce = autograd_wrt_logit(F.binary_cross_entropy, -6.0, 1.0)
    g_mse = autograd_wrt_logit(lambda q, t: 0.5 * (q - t) ** 2, -6.0, 1.0)
    y_hat = sigmoid(-6.0)
    assert round(y_hat, 4) == round(ns["y_hat_wrong"], 4) == 0.0025
    assert ns["g_bce"] == pytest.approx(g_bce, rel=1e-12) and round(g_bce, 4) == -0.9975
    assert ns["g_mse"] == pytest.approx(g_mse, rel=1e-10) and round(g_mse, 4) == -0.0025
    ratio = g_bce / g_mse
    assert ratio == pytest.approx(1 / (y_hat * (1 - y_hat)), rel=1e-10)  # closed form
    assert round(ratio, 1) == 405.4 and round(ratio) == 405
    assert f"{ratio:.1f} times smaller" in nb.printed("g_mse = float(grads.mse_logit_grad")
    assert "405.4 times smaller" in prose and "405 times smaller" in prose
    assert "$-0.9975$" in prose and "$-0.0025$" in prose
    # F.mse_loss has no 1/2: twice our gradient
    assert "autograd of F.mse_loss (no 1/2): -0.0049 = 2 x -0.0025" in nb.printed("g_mse = float(grads.mse_logit_grad")
    assert autograd_wrt_logit(F.mse_loss, -6.0, 1.0) == pytest.approx(2 * g_mse, rel=1e-12)
    # Try this: at s = +6 both gradients are close to 0
    assert abs(sigmoid(6.0) - 1.0) < 0.003 and abs(autograd_wrt_logit(lambda q, t: 0.5 * (q - t) ** 2, 6.0, 1.0)) < 1e-5


def test_section3_largest_mse_gradient_is_4_27_at_minus_ln_2(nb, ns, prose) -> None:
    # (1 - q)^2 q is largest where its slope (1 - q)(1 - 3q) vanishes: q = 1/3, s = ln(1/2) = -ln 2
    q = 1 / 3
    assert (1 - q) ** 2 * q == pytest.approx(4 / 27) and round(4 / 27, 4) == 0.1481
    assert abs(ns["mse_curve"][ns["k"]]) == pytest.approx(4 / 27, rel=1e-9)
    assert ns["s_fine"][ns["k"]] == pytest.approx(-math.log(2), abs=1e-4)
    assert autograd_wrt_logit(lambda p, t: 0.5 * (p - t) ** 2, -math.log(2), 1.0) == pytest.approx(-4 / 27, rel=1e-12)
    assert "\\tfrac{4}{27} \\approx 0.1481" in prose and "$s = -\\ln 2$" in prose


# --- section 4: training ------------------------------------------------------------------------
def torch_training(loss: str, lr: float = 0.5, w0: float = -4.0, steps: int = 200) -> np.ndarray:
    """The mean BCE (nats) before each step and after the last, trained with torch.optim.SGD."""
    return logistic_by_torch_sgd(*experiments.toy_data(), loss, lr, w0, steps)[0]


@pytest.fixture(scope="module")
def torch_curves() -> dict[str, np.ndarray]:
    return {loss: torch_training(loss) for loss in ("bce", "mse")}


def test_section4_the_inline_loop_matches_torch_sgd(ns, torch_curves) -> None:
    assert ns["x_toy"].size == 40
    np.testing.assert_allclose(ns["curve_bce"], torch_curves["bce"], rtol=1e-9)
    np.testing.assert_allclose(ns["curve_mse"], torch_curves["mse"], rtol=1e-9)


def test_section4_numbers(nb, torch_curves, prose) -> None:
    bce, mse = torch_curves["bce"], torch_curves["mse"]
    assert round(bce[0], 4) == round(mse[0], 4) == 4.1520
    assert (round(bce[-1], 4), round(mse[-1], 4)) == (0.2268, 0.4608)
    assert (int(np.argmax(bce < 1.0)), int(np.argmax(mse < 1.0))) == (8, 174)
    out = nb.printed("curve_bce = train(")
    assert "mean BCE 4.1520 -> 0.2268 nats, below 1 nat from step 8" in out
    assert "mean BCE 4.1520 -> 0.4608 nats, below 1 nat from step 174" in out
    assert "within 8 steps; MSE needs 174" in prose and "174 steps instead of 8" in prose
    assert "40 points" in prose and "$w = -4$, $b = 0$" in prose and "200 steps" in prose


def test_section4_helper_agreement_is_stated(nb) -> None:
    out = nb.printed("experiments.train_logistic(")
    assert out.startswith("✓ by hand and helpers agree on the mean BCE before each step, for both losses") and "402 values" in out


def test_section4_try_this_numbers(prose) -> None:
    """The explorer's Try-this line, with torch.optim.SGD as the reference."""
    fast_bce, fast_mse = torch_training("bce", lr=8.0), torch_training("mse", lr=8.0)
    assert (int(np.argmax(fast_bce < 1.0)), int(np.argmax(fast_mse < 1.0))) == (1, 12)
    calm_bce, calm_mse = torch_training("bce", w0=0.0), torch_training("mse", w0=0.0)
    assert round(calm_bce[0], 4) == round(calm_mse[0], 4) == round(math.log(2), 4) == 0.6931
    wrong_gap = torch_training("mse")[-1] - torch_training("bce")[-1]
    assert (round(calm_mse[-1] - calm_bce[-1], 2), round(wrong_gap, 2)) == (0.06, 0.23)
    # the explorer's own function says the same
    assert experiments.training_comparison(lr=8.0, w0=-4.0)["first_below_1_nat"] == [1, 12]
    assert "after 12 steps instead of 174" in prose and "(it takes 1)" in prose
    assert "$\\ln 2 = 0.6931$ nats" in prose and "by 0.06 nats instead of 0.23" in prose


# --- section 5: overflow and log-sum-exp ----------------------------------------------------------
def test_section5_overflow_and_the_fix(nb, ns, prose) -> None:
    assert f"{np.finfo(np.float64).max:.2g}" == "1.8e+308" and "1.8 \\times 10^{308}" in prose
    assert np.isnan(ns["naive_big"]).all() and np.isnan(ns["naive_small"]).all()
    z = torch.tensor([1000.0, 999.0, 998.0], dtype=F64)
    expected = [math.exp(-k) / sum(math.exp(-j) for j in range(3)) for k in range(3)]  # closed form
    np.testing.assert_allclose(ns["stable"], expected, rtol=1e-14)
    assert [round(v, 4) for v in expected] == [0.6652, 0.2447, 0.0900]
    assert ns["lse"] == pytest.approx(torch.logsumexp(z, 0).item(), rel=1e-15)
    assert round(1000 + math.log(1 + math.exp(-1) + math.exp(-2)), 4) == round(ns["lse"], 4) == 1000.4076
    assert "stable softmax = [0.6652, 0.2447, 0.0900], log-sum-exp = 1000.4076" in nb.printed("m = z_big.max()")


def test_section5_log_softmax_survives_underflow(ns, prose) -> None:
    assert ns["log_of_softmax"][1] == -np.inf
    assert torch.log_softmax(torch.tensor([0.0, -800.0], dtype=F64), 0)[1].item() == -800.0
    assert "$z = (0, -800)$" in prose and "= -800$ exactly" in prose


# --- section 6: the clamp ----------------------------------------------------------------------
def test_section6_clamp_at_100_nats(nb, ns) -> None:
    assert F.binary_cross_entropy(torch.tensor([0.0]), torch.tensor([1.0])).item() == 100.0
    assert ns["clamped"] == 100.0 and ns["unclamped"] == np.inf
    assert "= 100.0000 nats; -log(0) = inf" in nb.printed("clamped = F.binary_cross_entropy")


def test_section6_rounded_sigmoid_and_its_gradients(nb, ns, prose) -> None:
    exact = math.exp(-20) / (1 + math.exp(-20))  # 1 - sigmoid(20), closed form
    assert f"{exact:.3g}" == "2.06e-09" and "1 - 2.06\\times10^{-9}" in prose
    assert exact < np.finfo(np.float32).eps / 2  # closer to 1 than float32 resolves
    assert torch.sigmoid(torch.tensor(20.0)).item() == 1.0
    assert math.log1p(math.exp(20)) == pytest.approx(20.0, abs=1e-8)  # the true loss, about 20 nats
    assert ns["loss_prob"].item() == 100.0 and ns["grad_prob"] == 0.0
    assert ns["grad_prob_yhat"] == pytest.approx(1e12, rel=1e-6)  # (1 - 0) / 1e-12
    assert round(ns["loss_logit"].item(), 4) == 20.0 and ns["grad_logit"] == 1.0
    out = nb.printed("y_hat20.retain_grad()")
    assert "loss 100.0000 nats, dL/dy_hat = 1.0e+12, dL/ds = 0.0000" in out
    assert "loss 20.0000 nats, dL/ds = 1.0000" in out
    assert "100 nats instead of 20, a gradient of $10^{12}$" in prose
    assert "PyTorch reports the clamp, 100 nats.\n\nThe gradient breaks too." in prose  # the sentence is whole


# --- section 7: the with-logits form -------------------------------------------------------------
def test_section7_stable_form(ns, nb) -> None:
    s = [-1000.0, -20.0, 0.0, 20.0, 1000.0]
    expected = [max(v, 0) - v + math.log1p(math.exp(-abs(v))) for v in s]  # y = 1, plain Python
    assert [round(v, 4) for v in expected] == [1000.0, 20.0, 0.6931, 0.0, 0.0]
    np.testing.assert_allclose(ns["stable_bce"], expected, rtol=1e-14)
    assert ns["naive"][0] == np.inf and np.isfinite(ns["naive"][1:]).all()
    out = nb.printed("checks.agree(f\"BCE at the five logits")
    assert out.count("✓ by hand, helpers and PyTorch agree on BCE at the five logits") == 2


# --- section 8: float32 against float64 -----------------------------------------------------------
def test_section8_precision(nb, ns, prose) -> None:
    out = nb.printed("def largest_logit_below_one")
    assert "float32: eps = 1.19e-07" in out and "float64: eps = 2.22e-16" in out
    assert round(-math.log10(np.finfo(np.float32).eps)) == 7 and round(-math.log10(np.finfo(np.float64).eps)) == 16
    assert "about 7 significant digits, float64 about 16" in prose
    # sigmoid(s) = 1 / (1 + e^(-s)) rounds to 1 once e^(-s) is below half the gap above 1
    for dtype, s_max, cliff in ((np.float32, ns["s_max32"], 17), (np.float64, ns["s_max64"], 37)):
        first = math.ceil(-math.log(np.finfo(dtype).eps / 2))
        assert first == cliff == s_max + 1
    assert "from $s = 17$ in float32 ($s = 37$ in float64)" in prose
    assert "$s \\approx 17$ to $s \\approx 37$" in prose


def test_section8_table(ns) -> None:
    table = ns["table"]
    for s_val, dtype, column in ((16.0, np.float32, 0), (36.0, np.float64, 1)):
        one = dtype(1)
        y_hat = one / (one + np.exp(dtype(-s_val)))
        assert table[s_val][column] == pytest.approx(-math.log(float(one - y_hat)), rel=1e-5)
    assert round(table[16.0][0], 4) == 15.9424 and round(table[36.0][1], 4) == 36.0437
    assert table[17.0][0] == table[20.0][0] == table[37.0][1] == 100.0
    assert all(round(table[v][2], 4) == v for v in (16.0, 17.0, 20.0, 36.0, 37.0))


def test_section8_article_cross_entropy_in_both_precisions(ns, prose) -> None:
    x = [[-0.5215, -0.4240, 0.8907], [-0.2820, 0.0445, 1.3734], [-1.0393, 0.8725, 0.1539]]
    by_hand = -sum(math.log(math.exp(r[k]) / sum(math.exp(v) for v in r)) for r, k in zip(x, (1, 2, 0))) / 3
    assert round(by_hand, 4) == round(ns["ce32"], 4) == round(ns["ce64"], 4) == 1.5025
    assert abs(ns["ce32"] - ns["ce64"]) / ns["ce64"] < 1e-6
    assert "1.5025 nats, in both" in prose


# --- common slips -----------------------------------------------------------------------------
def test_slips_cell(nb, ns, prose) -> None:
    assert round(ns["half_mse_grad"], 6) == round(autograd_wrt_logit(lambda q, t: 0.5 * (q - t) ** 2, -6.0, 1.0), 6) \
        == -0.002460
    out = nb.printed("half_mse_grad = s_t.grad.item()")
    assert "F.mse_loss: -0.004921 (twice as large)" in out
    assert "row 0: [ 0.1611 -0.8224  0.6613]" in out and "softmax(z + 1000) == softmax(z): True" in out
    assert "20 nats for $s = 20$, $y = 0$" in prose and "$s = 37$ instead of 17" in prose
    assert "notebook 05's double softmax" in prose and prose.count("double softmax") == 1


# --- exercises ---------------------------------------------------------------------------------
def test_exercise_solutions_pass(ns) -> None:
    assert checks.bce_logit_gradient(ns["answer"]).ok
    assert checks.mean_ce_gradient(ns["grad_mean_ce"]).ok
    assert checks.stable_logsumexp(ns["logsumexp"]).ok
    assert checks.label_smoothing_gradient(ns["grad_ce_smoothed"]).ok


def test_exercise_answers_against_pytorch(ns) -> None:
    s = torch.tensor(-2.0, dtype=F64, requires_grad=True)
    F.binary_cross_entropy_with_logits(s, torch.tensor(1.0, dtype=F64)).backward()
    assert float(ns["answer"]) == pytest.approx(s.grad.item(), rel=1e-12)
    rng = np.random.default_rng(60)
    z, y = rng.normal(0, 5, size=(7, 4)), rng.integers(0, 4, size=7)
    z_t = torch.tensor(z, requires_grad=True)
    F.cross_entropy(z_t, torch.tensor(y)).backward()
    np.testing.assert_allclose(ns["grad_mean_ce"](z, y), z_t.grad.numpy(), rtol=1e-12, atol=1e-15)
    assert ns["logsumexp"](np.array([-700.0, 700.0, 3.0])) == pytest.approx(
        torch.logsumexp(torch.tensor([-700.0, 700.0, 3.0], dtype=F64), 0).item(), rel=1e-15)
    for eps in (0.0, 0.1, 0.25, 1.0):
        z1 = torch.tensor([0.7, -2.0, 1.5, 3.0, -0.1], dtype=F64, requires_grad=True)
        torch.nn.CrossEntropyLoss(label_smoothing=eps)(z1[None], torch.tensor([3])).backward()
        np.testing.assert_allclose(ns["grad_ce_smoothed"](z1.detach().numpy().copy(), 3, eps), z1.grad.numpy(),
                                   rtol=1e-12, atol=1e-15)


def test_typical_wrong_answers_fail(ns) -> None:
    assert not checks.bce_logit_gradient(1 - sigmoid(-2.0)).ok
    assert not checks.bce_logit_gradient(sigmoid(-2.0)).ok
    assert not checks.mean_ce_gradient(lambda z, y: ns["grad_mean_ce"](z, y) * len(y)).ok
    assert not checks.stable_logsumexp(lambda z: np.log(np.exp(z).sum())).ok
    assert not checks.label_smoothing_gradient(lambda z, y, epsilon: ns["grad_ce_smoothed"](z, y, 0.0)).ok


def test_exercise_cells_run_as_shipped_and_solutions_are_folded() -> None:
    cells = nbformat.read(notebook_path("06"), as_version=4).cells
    for k, name in enumerate(("bce_logit_gradient", "mean_ce_gradient", "stable_logsumexp",
                              "label_smoothing_gradient"), start=1):
        (task,) = [c for c in learner_code(cells) if f"checks.{name}(" in c.source
                   and not c.source.startswith("# Solution")]
        assert "..." in task.source
        shown = "".join(o.get("data", {}).get("text/plain", "") for o in task.outputs)
        assert shown.startswith("Not yet:"), shown
        (solution,) = [c for c in cells if c.source.startswith(f"# Solution to Exercise {k}\n")]
        assert solution.metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}


def test_nothing_above_an_exercise_gives_its_answer_away(nb) -> None:
    before = []
    for source, out in nb.cells:
        if "checks.bce_logit_gradient" in source:
            break
        before.append(source + out)
    text = "\n".join(before)
    assert "0.8808" not in text and "sigmoid(-2" not in text
    assert "label_smoothing" not in text and "keepdims" not in text


def test_no_visible_asserts_and_explorers_only_shown() -> None:
    cells = nbformat.read(notebook_path("06"), as_version=4).cells
    visible = [c for c in cells if c.cell_type == "code" and not c.metadata.get("jupyter", {}).get("source_hidden")]
    assert not [line for c in visible for line in c.source.splitlines() if line.strip().startswith("assert")]
    uses = [c.source.strip() for c in visible if "explorers." in c.source]
    assert uses == ["explorers.logit_gradients()", "explorers.bce_vs_mse()"]


def test_foundations_link_to_notebook_01() -> None:
    cells = nbformat.read(notebook_path("06"), as_version=4).cells
    recall = next(c.source for c in cells if c.cell_type == "markdown" and "**Recall**" in c.source)
    assert "01_sigmoid_and_likelihood.ipynb" in recall and "chain rule" in recall
    first = nbformat.read(notebook_path("01"), as_version=4).cells
    assert any(c.cell_type == "markdown" and "derivatives you need" in c.source.lower() for c in first)
