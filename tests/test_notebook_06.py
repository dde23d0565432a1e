"""Notebook 06 (gradients and numerical stability): the values it publishes, and the claims its prose
makes, against independent references (torch.autograd, torch.optim.SGD, closed forms, plain-Python
arithmetic); the exercise solutions pass their checks and typical slips do not.

``tests/support/published.py`` reads the published values from the committed notebook, which nbval checks
against a fresh run; the printed text is nbval's, the prose's numbers ``tests/test_prose_numbers.py``'s.
"""
from __future__ import annotations

import math

import nbformat
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers import checks, experiments, losses
from tests.references import logistic_by_torch_sgd
from tests.support.notebooks import editions, learner_code, notebook_path
from tests.support.published import published

F64 = torch.float64


@pytest.fixture(scope="module", params=editions("06"))
def values(request: pytest.FixtureRequest):
    """Each edition's published values: the Chinese notebook must publish what the English does."""
    return published("06", request.param)


@pytest.fixture(scope="module")
def ns() -> dict:
    """The five exercise solutions, each cell run alone in a namespace of the notebook's imports."""
    cells = learner_code(nbformat.read(notebook_path("06"), as_version=4).cells)
    env = {"np": np, "losses": losses, "checks": checks}
    for cell in cells:
        if cell.source.startswith("# Solution to Exercise"):
            exec(cell.source, env)  # noqa: S102  (the notebook's own solution)
    return env


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
def test_section1_chain_rule_numbers(values) -> None:
    """The learner's three steps by hand, each against autograd (float64)."""
    y_hat_t = torch.tensor(sigmoid(0.8), dtype=F64, requires_grad=True)
    F.binary_cross_entropy(y_hat_t, torch.tensor(1.0, dtype=F64)).backward()  # dL/dy_hat by autograd
    assert values["y_hat"] == pytest.approx(sigmoid(0.8), rel=1e-9)
    assert values["dL_dyhat"] == pytest.approx(y_hat_t.grad.item(), rel=1e-9)
    assert values["dyhat_ds"] == pytest.approx(sigmoid(0.8) * (1 - sigmoid(0.8)), rel=1e-9)
    assert values["grad_chain"] == pytest.approx(autograd_wrt_logit(F.binary_cross_entropy, 0.8, 1.0), rel=1e-9)


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


def test_section1_agreement_is_true(prose) -> None:
    # "with h = 0.001, about 1e-8 here": the central difference's error, computed in plain Python
    h = 1e-3

    def bce(s: float) -> float:
        return math.log1p(math.exp(-s))  # y = 1

    error = abs((bce(0.8 + h) - bce(0.8 - h)) / (2 * h) - (sigmoid(0.8) - 1.0))
    assert 1e-9 < error < 1e-7 and "$h = 0.001$, about $10^{-8}$ here" in prose
    grid = np.linspace(-10, 10, 41)
    for label in (0.0, 1.0):
        expected = [autograd_wrt_logit(F.binary_cross_entropy, s, label) for s in grid[5:-5]]
        np.testing.assert_allclose(1 / (1 + np.exp(-grid[5:-5])) - label, expected, rtol=1e-9, atol=1e-9)


# --- section 2: softmax + cross-entropy ---------------------------------------------------------
def test_section2_article_row(values) -> None:
    z0 = torch.tensor([-0.5215, -0.4240, 0.8907], dtype=F64, requires_grad=True)
    F.cross_entropy(z0[None], torch.tensor([1])).backward()
    np.testing.assert_allclose(values["grad0"], z0.grad.numpy(), rtol=1e-9, atol=1e-9)


def test_section2_the_gradient_of_the_mean(values) -> None:
    """The formula (softmax(z) - onehot(y)) / N, in plain Python, is autograd's gradient of the mean loss
    on the article's tensor (9 values); times N = 3, its first row is section 2's row."""
    rows = [[-0.5215, -0.4240, 0.8907], [-0.2820, 0.0445, 1.3734], [-1.0393, 0.8725, 0.1539]]
    labels = [1, 2, 0]
    x = torch.tensor(rows, dtype=F64, requires_grad=True)
    F.cross_entropy(x, torch.tensor(labels)).backward()
    formula = [[(math.exp(v) / sum(math.exp(u) for u in row) - (j == k)) / 3 for j, v in enumerate(row)]
               for row, k in zip(rows, labels)]
    np.testing.assert_allclose(formula, x.grad.numpy(), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(values["grad0"], 3 * x.grad.numpy()[0], rtol=1e-9)


def test_section2_derivation_lines() -> None:
    """-log softmax(z)_y = -z_y + log sum e^z, and the slope of log sum e^z is the softmax."""
    z = torch.tensor([0.3, -1.2, 2.5, 0.0], dtype=F64, requires_grad=True)
    lse = torch.logsumexp(z, 0)
    assert (-torch.log_softmax(z, 0)[2]).item() == pytest.approx((-z[2] + lse).item(), rel=1e-9)
    lse.backward()
    np.testing.assert_allclose(z.grad.numpy(), torch.softmax(z, 0).detach().numpy(), rtol=1e-9)


# --- section 3: squared error ---------------------------------------------------------------------
def test_section3_mse_gradient_405_times_smaller(values, prose) -> None:
    g_bce = autograd_wrt_logit(F.binary_cross_entropy, -6.0, 1.0)
    g_mse = autograd_wrt_logit(lambda q, t: 0.5 * (q - t) ** 2, -6.0, 1.0)
    y_hat = sigmoid(-6.0)
    assert values["y_hat_wrong"] == pytest.approx(y_hat, rel=1e-9)
    assert values["g_bce"] == pytest.approx(g_bce, rel=1e-9) and values["g_mse"] == pytest.approx(g_mse, rel=1e-9)
    ratio = g_bce / g_mse
    assert ratio == pytest.approx(1 / (y_hat * (1 - y_hat)), rel=1e-9)  # closed form
    assert round(ratio) == 405 and "405 times smaller" in prose
    # F.mse_loss has no 1/2: twice our gradient
    assert autograd_wrt_logit(F.mse_loss, -6.0, 1.0) == pytest.approx(2 * g_mse, rel=1e-9)
    # Try this: at s = +6 both gradients are close to 0
    assert abs(sigmoid(6.0) - 1.0) < 0.003 and abs(autograd_wrt_logit(lambda q, t: 0.5 * (q - t) ** 2, 6.0, 1.0)) < 1e-5


# --- section 4: training ------------------------------------------------------------------------
def torch_training(loss: str, lr: float = 0.5, w0: float = -4.0, steps: int = 200) -> np.ndarray:
    """The mean BCE (nats) before each step and after the last, trained with torch.optim.SGD."""
    return logistic_by_torch_sgd(*experiments.toy_data(), loss, lr, w0, steps)[0]


@pytest.fixture(scope="module")
def torch_curves() -> dict[str, np.ndarray]:
    return {loss: torch_training(loss) for loss in ("bce", "mse")}


def test_section4_the_inline_loop_matches_torch_sgd(values, torch_curves) -> None:
    assert experiments.toy_data()[0].size == 40
    np.testing.assert_allclose(values["mean_bce_curve"], [torch_curves["bce"], torch_curves["mse"]], rtol=1e-9)


def test_section4_numbers(torch_curves, prose) -> None:
    bce, mse = torch_curves["bce"], torch_curves["mse"]
    assert (int(np.argmax(bce < 1.0)), int(np.argmax(mse < 1.0))) == (8, 174)
    assert "within 8 steps; MSE needs 174" in prose and "174 steps instead of 8" in prose
    assert "40 points" in prose and "$w = -4$, $b = 0$" in prose and "200 steps" in prose


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
    assert "after 12 steps instead of 174" in prose and "gets below 1 nat in a single step" in prose
    assert "$\\ln 2 = 0.6931$ nats" in prose and "by 0.06 nats instead of 0.23" in prose


# --- section 5: overflow and log-sum-exp ----------------------------------------------------------
def test_section5_overflow_and_the_fix(values, prose) -> None:
    assert f"{np.finfo(np.float64).max:.2g}" == "1.8e+308" and "1.8 \\times 10^{308}" in prose
    z = torch.tensor([1000.0, 999.0, 998.0], dtype=F64)
    expected = [math.exp(-k) / sum(math.exp(-j) for j in range(3)) for k in range(3)]  # closed form
    np.testing.assert_allclose(values["stable"], expected, rtol=1e-9)
    np.testing.assert_allclose(values["stable"], torch.softmax(z, 0).numpy(), rtol=1e-9)


def test_section5_log_softmax_survives_underflow(prose) -> None:
    with np.errstate(divide="ignore"):
        assert np.log(np.exp(-800.0)) == -np.inf
    assert torch.log_softmax(torch.tensor([0.0, -800.0], dtype=F64), 0)[1].item() == -800.0
    assert "$z = (0, -800)$" in prose and "= -800$ exactly" in prose


# --- section 6: the clamp ----------------------------------------------------------------------
def test_section6_clamp_at_100_nats() -> None:
    assert F.binary_cross_entropy(torch.tensor([0.0]), torch.tensor([1.0])).item() == 100.0


def test_section6_rounded_sigmoid_and_its_gradients(prose) -> None:
    """PyTorch's own behaviour at s = 20 in float32, as the prose states it."""
    exact = math.exp(-20) / (1 + math.exp(-20))  # 1 - sigmoid(20), closed form
    assert f"{exact:.3g}" == "2.06e-09" and "1 - 2.06\\times10^{-9}" in prose
    assert exact < np.finfo(np.float32).eps / 2  # closer to 1 than float32 resolves
    assert torch.sigmoid(torch.tensor(20.0)).item() == 1.0
    assert math.log1p(math.exp(20)) == pytest.approx(20.0, abs=1e-8)  # the true loss, about 20 nats
    s20 = torch.tensor([20.0], requires_grad=True)
    y_hat20 = torch.sigmoid(s20)
    y_hat20.retain_grad()
    loss_prob = F.binary_cross_entropy(y_hat20, torch.zeros(1))
    loss_prob.backward()
    assert loss_prob.item() == 100.0 and s20.grad.item() == 0.0
    assert y_hat20.grad.item() == pytest.approx(1e12, rel=1e-6)  # (1 - 0) / 1e-12
    s20 = torch.tensor([20.0], requires_grad=True)
    loss_logit = F.binary_cross_entropy_with_logits(s20, torch.zeros(1))
    loss_logit.backward()
    assert round(loss_logit.item(), 4) == 20.0 and s20.grad.item() == 1.0
    assert "100 nats instead of 20, a gradient of $10^{12}$" in prose


# --- section 7: the with-logits form -------------------------------------------------------------
@pytest.mark.parametrize("label", [0.0, 1.0])
def test_section7_stable_formula_is_pytorchs(label) -> None:
    """max(s, 0) - s y + log(1 + e^(-|s|)) is BCEWithLogitsLoss at the five logits, for both labels."""
    s = [-1000.0, -20.0, 0.0, 20.0, 1000.0]
    stable = [max(v, 0) - v * label + math.log1p(math.exp(-abs(v))) for v in s]
    torch_bce = F.binary_cross_entropy_with_logits(torch.tensor(s, dtype=F64), torch.full((5,), label, dtype=F64),
                                                   reduction="none")
    np.testing.assert_allclose(stable, torch_bce.numpy(), rtol=1e-6, atol=1e-12)


def test_section7_stable_form(values) -> None:
    s = [-1000.0, -20.0, 0.0, 20.0, 1000.0]
    expected = [max(v, 0) - v + math.log1p(math.exp(-abs(v))) for v in s]  # y = 1, plain Python
    np.testing.assert_allclose(values["stable_bce"], expected, rtol=1e-9)
    assert values["naive"][0] == np.inf and np.isfinite(values["naive"][1:]).all()
    np.testing.assert_allclose(values["naive"][1:], expected[1:], rtol=1e-6, atol=1e-8)


# --- section 8: float32 against float64 -----------------------------------------------------------
def test_section8_precision(values, prose) -> None:
    assert round(-math.log10(np.finfo(np.float32).eps)) == 7 and round(-math.log10(np.finfo(np.float64).eps)) == 16
    assert "about 7 significant digits, float64 about 16" in prose
    # sigmoid(s) = 1 / (1 + e^(-s)) rounds to 1 once e^(-s) is below half the gap above 1
    for dtype, s_max, cliff in ((np.float32, values["s_max32"], 17), (np.float64, values["s_max64"], 37)):
        first = math.ceil(-math.log(np.finfo(dtype).eps / 2))
        assert first == cliff == s_max + 1
    assert "from $s = 17$ in float32 ($s = 37$ in float64)" in prose
    # the onset ln(2/eps), and where e^z overflows (ln of the largest float)
    onset = [math.log(2 / float(np.finfo(d).eps)) for d in (np.float32, np.float64)]
    assert [f"{v:.1f}" for v in onset] == ["16.6", "36.7"]
    assert "$s = \\ln(2/\\varepsilon) \\approx 16.6$ in float32 and $36.7$ in float64" in prose
    overflow = [math.log(float(np.finfo(d).max)) for d in (np.float32, np.float64)]
    assert [f"{v:.1f}" for v in overflow] == ["88.7", "709.8"]
    assert "overflows beyond $z = 709.8$ instead of 88.7" in prose
    assert "$s \\approx 17$ to $s \\approx 37$" in prose


def test_section8_table(values, prose) -> None:
    table = dict(zip([16.0, 17.0, 20.0, 36.0, 37.0], values["losses_at_s"]))
    for s_val, dtype, column in ((16.0, np.float32, 0), (36.0, np.float64, 1)):
        one = dtype(1)
        y_hat = one / (one + np.exp(dtype(-s_val)))
        assert table[s_val][column] == pytest.approx(-math.log(float(one - y_hat)), rel=1e-5)
    assert table[17.0][0] == table[20.0][0] == table[37.0][1] == 100.0
    # even before the cliff, float32 is off: at s = 16 against the true log(1 + e^16)
    y_hat32 = np.float32(1) / (np.float32(1) + np.exp(np.float32(-16.0)))
    gap = math.log1p(math.exp(16.0)) + math.log(float(np.float32(1) - y_hat32))
    assert values["gap16"] == pytest.approx(gap, rel=1e-4) and round(gap, 2) == 0.06
    assert "float32 is\n0.06 nats off at $s = 16$" in prose
    for s_val in table:   # with logits: log(1 + e^s), about s
        assert table[s_val][2] == pytest.approx(math.log1p(math.exp(s_val)), rel=1e-9)


def test_section8_article_cross_entropy_in_both_precisions(values, prose) -> None:
    x = [[-0.5215, -0.4240, 0.8907], [-0.2820, 0.0445, 1.3734], [-1.0393, 0.8725, 0.1539]]
    by_hand = -sum(math.log(math.exp(r[k]) / sum(math.exp(v) for v in r)) for r, k in zip(x, (1, 2, 0))) / 3
    assert values["ce64"] == pytest.approx(by_hand, rel=1e-9)
    assert abs(values["ce32"] - by_hand) / by_hand < 1e-6
    assert "1.5025 nats, in both" in prose


# --- common slips -----------------------------------------------------------------------------
def test_slips(prose) -> None:
    # "F.mse_loss has no 1/2, so its gradient is twice that" (at s = -6, y = 1; autograd both ways)
    half = autograd_wrt_logit(lambda q, t: 0.5 * (q - t) ** 2, -6.0, 1.0)
    assert autograd_wrt_logit(F.mse_loss, -6.0, 1.0) == pytest.approx(2 * half, rel=1e-9)
    # "Adding one constant to all logits leaves it unchanged"
    z = torch.tensor([-0.5215, -0.4240, 0.8907], dtype=F64)
    np.testing.assert_allclose(torch.softmax(z + 1000, 0).numpy(), torch.softmax(z, 0).numpy(), rtol=1e-12)
    assert "20 nats for $s = 20$, $y = 0$" in prose and "$s = 37$ instead of 17" in prose
    assert "notebook 05's double softmax" in prose and prose.count("double softmax") == 1


# --- exercises ---------------------------------------------------------------------------------
def test_exercise_solutions_pass(ns) -> None:
    assert checks.bce_logit_gradient(ns["y_hat"], ns["dL_dyhat"], ns["dyhat_ds"], ns["dL_ds"]).ok
    assert checks.mean_ce_gradient(ns["grad_mean_ce"]).ok
    assert checks.stable_logsumexp(ns["logsumexp"]).ok
    assert checks.label_smoothing_gradient(ns["grad_ce_smoothed"]).ok
    assert checks.why_gradient_rows_sum_to_zero(ns["choice"]).ok


def test_exercise_answers_against_pytorch(ns) -> None:
    s = torch.tensor(1.5, dtype=F64, requires_grad=True)
    y_hat = torch.sigmoid(s)
    y_hat.retain_grad()
    F.binary_cross_entropy(y_hat, torch.tensor(0.0, dtype=F64)).backward()
    assert ns["y_hat"] == pytest.approx(y_hat.item(), rel=1e-9)
    assert ns["dL_dyhat"] == pytest.approx(y_hat.grad.item(), rel=1e-9)
    assert ns["dyhat_ds"] == pytest.approx(y_hat.item() * (1 - y_hat.item()), rel=1e-9)
    assert ns["dL_ds"] == pytest.approx(s.grad.item(), rel=1e-9)
    rng = np.random.default_rng(60)
    z, y = rng.normal(0, 5, size=(7, 4)), rng.integers(0, 4, size=7)
    z_t = torch.tensor(z, requires_grad=True)
    F.cross_entropy(z_t, torch.tensor(y)).backward()
    np.testing.assert_allclose(ns["grad_mean_ce"](z, y), z_t.grad.numpy(), rtol=1e-9, atol=1e-9)
    assert ns["logsumexp"](np.array([-700.0, 700.0, 3.0])) == pytest.approx(
        torch.logsumexp(torch.tensor([-700.0, 700.0, 3.0], dtype=F64), 0).item(), rel=1e-9)
    for eps in (0.0, 0.1, 0.25, 1.0):
        z1 = torch.tensor([0.7, -2.0, 1.5, 3.0, -0.1], dtype=F64, requires_grad=True)
        torch.nn.CrossEntropyLoss(label_smoothing=eps)(z1[None], torch.tensor([3])).backward()
        np.testing.assert_allclose(ns["grad_ce_smoothed"](z1.detach().numpy().copy(), 3, eps), z1.grad.numpy(),
                                   rtol=1e-9, atol=1e-9)


def test_typical_wrong_answers_fail(ns) -> None:
    q = sigmoid(1.5)
    assert not checks.bce_logit_gradient(q, -1 / q, q * (1 - q), q).ok        # the y = 1 term kept
    assert not checks.bce_logit_gradient(q, 1 / (1 - q), q * (1 - q), q - 1).ok  # y_hat - 1 at the end
    assert not checks.mean_ce_gradient(lambda z, y: ns["grad_mean_ce"](z, y) * len(y)).ok
    assert not checks.stable_logsumexp(lambda z: np.log(np.exp(z).sum())).ok
    assert not checks.label_smoothing_gradient(lambda z, y, epsilon: ns["grad_ce_smoothed"](z, y, 0.0)).ok


def test_exercise_cells_run_as_shipped_and_solutions_are_folded() -> None:
    cells = nbformat.read(notebook_path("06"), as_version=4).cells
    for k, name in enumerate(("bce_logit_gradient", "mean_ce_gradient", "stable_logsumexp",
                              "label_smoothing_gradient", "why_gradient_rows_sum_to_zero"), start=1):
        (task,) = [c for c in learner_code(cells) if f"checks.{name}(" in c.source
                   and not c.source.startswith("# Solution")]
        assert "..." in task.source
        shown = "".join(o.get("data", {}).get("text/plain", "") for o in task.outputs)
        assert shown.startswith("Not yet:"), shown
        (solution,) = [c for c in cells if c.source.startswith(f"# Solution to Exercise {k}\n")]
        assert solution.metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}


def test_nothing_above_an_exercise_gives_its_answer_away() -> None:
    before = []
    for cell in nbformat.read(notebook_path("06"), as_version=4).cells:
        if "checks.bce_logit_gradient" in cell.source:
            break
        before.append(cell.source)
        before += [str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in cell.get("outputs", [])]
    text = "\n".join(before)
    assert "0.8176" not in text and "5.4817" not in text and "0.1491" not in text
    assert "label_smoothing" not in text and "keepdims" not in text
    # Exercise 5 (why each row of softmax(z) - onehot(y) sums to 0): the lecture shows the sum, not the reason
    assert "1 - 1 = 0" not in text and "1 − 1" not in text and "sums to 1" not in text
    # Exercise 3 (a stable logsumexp): the lecture shows torch.logsumexp, not the line that computes it
    assert "np.log(np.exp(z_big - m).sum())" not in text and "m + np.log" not in text


def test_the_gradient_by_hand_comes_before_autograd() -> None:
    """Section 1: the learner's three steps, in plain arithmetic, then autograd confirms them."""
    cells = [c for c in nbformat.read(notebook_path("06"), as_version=4).cells if c.cell_type == "code"]
    by_hand = next(i for i, c in enumerate(cells) if "grad_by_hand = dL_dyhat * dyhat_ds" in c.source)
    first_backward = next(i for i, c in enumerate(cells) if ".backward()" in c.source)
    assert by_hand < first_backward
    assert "losses." not in cells[by_hand].source and "grads." not in cells[by_hand].source
    assert "by_hand=grad_by_hand, autograd=" in cells[first_backward].source


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
