"""Notebook 01 (the sigmoid and the likelihood): every number its prose states and the key values it
computes, asserted against an independent reference (PyTorch and its autograd, SciPy, a closed form
or a hand calculation); the explorers' data and numbers agree with what the notebook computes; the
exercises' solutions pass their checks while typical wrong answers fail, and nothing above an
exercise prints its answer.

The notebook runs once per session (``tests/notebook_run.py``); these tests read its variables and
what its cells printed.
"""
from __future__ import annotations

import contextlib
import io
import math
import re

import nbformat
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy.special import expit, logit
from scipy.stats import entropy as scipy_entropy

from helpers import checks, explorers, info, losses
from helpers.explorers import likelihood as lk
from tests.notebook_run import learner_code, notebook_path, run

LN2 = math.log(2)


@pytest.fixture(scope="module")
def nb01():
    return run("01")


@pytest.fixture(scope="module")
def cells() -> list[nbformat.NotebookNode]:
    return nbformat.read(notebook_path("01"), as_version=4).cells


@pytest.fixture(scope="module")
def prose(cells) -> str:
    return "\n".join(c.source for c in cells if c.cell_type == "markdown")


def numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"[-+]?\d+\.\d+(?:e[-+]?\d+)?", text)]


def torch_bce(y_hat, y, reduction: str = "none") -> np.ndarray:
    return F.binary_cross_entropy(torch.as_tensor(np.asarray(y_hat, dtype=float)),
                                  torch.as_tensor(np.asarray(y, dtype=float)), reduction=reduction).numpy()


# --- 1 · the sigmoid ------------------------------------------------------------------------------------

def test_sigmoid_values_and_limits(nb01, prose) -> None:
    out = nb01.printed("g_by_hand = 1 / (1 + np.exp(-s))")
    for s in (-10.0, -2.0, 0.0, 2.0, 10.0):
        assert f"g({s:+5.1f}) = {expit(s):.6f}" in out
    assert "✓ by hand, helpers and PyTorch agree on g(s) at these five logits" in out
    assert "$g(0) = \\frac{1}{1 + 1} = \\frac12$" in prose and expit(0.0) == 0.5
    tails = nb01.printed("for s_big in (5.0, 10.0, 20.0)")
    assert "g(0) = 0.5000" in tails
    for s in (5, 10, 20):
        assert f"1 - g({s}) = {expit(-s):.3e},   g({-s}) = {expit(-s):.3e}" in tails
    assert 1 - 4e-18 == 1.0 and expit(40.0) == 1.0 and "g(40) = 1.0 exactly" in tails


def test_symmetry(nb01) -> None:
    out = nb01.printed("symmetry_gap = ")
    assert nb01.ns["symmetry_gap"] < 1e-15
    assert out.startswith("✓ 1 - g(s) = g(-s) at all 401 logits from -8 to 8")
    s = nb01.ns["s_grid"]
    np.testing.assert_allclose(1 - expit(s), expit(-s), rtol=1e-12)


def test_logit_is_the_log_odds(nb01, prose) -> None:
    q = nb01.ns["y_hat_examples"]
    np.testing.assert_allclose(nb01.ns["logit"], logit(q), rtol=1e-12)
    np.testing.assert_allclose(expit(nb01.ns["logit"]), q, rtol=1e-12)
    out = nb01.printed("logit = np.log(odds)")
    assert "y_hat = 0.80: odds =  4.000, logit s = ln(odds) = +1.3863" in out
    assert "y_hat = 0.50: odds =  1.000, logit s = ln(odds) = +0.0000" in out
    assert "✓ by hand and PyTorch agree on the four logits" in out and "the logit undoes the sigmoid" in out
    # The prose: odds 0.8 / 0.2 = 4, logit ln 4 = 1.3863, even odds at 0.5, e = 2.718 per unit of logit.
    assert "$0.8 / 0.2 = 4$" in prose and 0.8 / 0.2 == pytest.approx(4)
    assert "$\\ln 4 \\approx 1.3863$" in prose and round(math.log(4), 4) == 1.3863
    assert "$e \\approx 2.718$" in prose and round(math.e, 3) == 2.718
    assert expit(1.0) / (1 - expit(1.0)) == pytest.approx(math.e) and logit(0.5) == 0.0


# --- 2 · derivatives ------------------------------------------------------------------------------------

def test_slope_as_the_limit_of_rise_over_run(nb01, prose) -> None:
    out = nb01.printed("for h in (0.1, 0.01, 0.001)")
    ratios = [numbers(line)[-1] for line in out.splitlines()]
    assert ratios == [6.1, 6.01, 6.001]                         # 6 + h, the hand calculation of the prose
    w = torch.tensor(3.0, dtype=torch.float64, requires_grad=True)
    (w**2).backward()
    assert w.grad.item() == 6.0 and "$f'(3) = 6$" in prose


def test_the_rules_and_the_chain_rule(nb01, prose) -> None:
    w = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    ((3 * w + 1) ** 2).backward()
    assert w.grad.item() == 24.0 and "which is 24 at $w = 1$" in prose
    out = nb01.printed("return (3 * w + 1) ** 2")
    assert "f'(1) = 6 * (3 * 1 + 1) = 24" in out and "(f(1 + h) - f(1)) / h = 24.0000" in out
    for f, at, slope in ((lambda w: 3 * w**2 + 5, 2.0, 12.0), (torch.log, 2.0, 0.5),
                         (lambda s: torch.exp(-s), 0.7, -math.exp(-0.7))):
        t = torch.tensor(at, dtype=torch.float64, requires_grad=True)
        f(t).backward()
        assert t.grad.item() == pytest.approx(slope, rel=1e-12)
    assert "the slope of $3w^2 + 5$ is $6w$" in prose and "at $w = 2$ the slope is $1/2$" in prose


def test_one_gradient_step(nb01, prose) -> None:
    out = nb01.printed("def f_slope(w):")
    w = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    for step in range(4):
        loss = (w - 3) ** 2
        loss.backward()
        assert f"step {step}: w = {w.item():.4f}, f(w) = {loss.item():.4f}, slope f'(w) = {w.grad.item():+.4f}" in out
        with torch.no_grad():
            w -= 0.1 * w.grad
        w.grad = None
    # The prose: f'(0) = -6, one step of lr 0.1 to w = 0.6, f from 9 to 5.76.
    assert "$f'(0) = -6$" in prose and "= 0.6$" in prose and "from 9 to $(0.6 - 3)^2 = 5.76$" in prose
    assert (0 - 3) ** 2 == 9 and 0 - 0.1 * (-6) == pytest.approx(0.6) and (0.6 - 3) ** 2 == pytest.approx(5.76)


def test_sigmoid_slope(nb01, prose) -> None:
    s = torch.tensor(nb01.ns["s_grid"], dtype=torch.float64, requires_grad=True)
    torch.sigmoid(s).sum().backward()
    np.testing.assert_allclose(nb01.ns["slope_formula"], s.grad.numpy(), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(nb01.ns["slope_finite"], s.grad.numpy(), rtol=1e-7, atol=1e-10)
    out = nb01.printed("slope_formula = g_grid * (1 - g_grid)")
    assert "✓ the formula, autograd and finite differences agree on the slope g'(s)" in out
    assert "largest slope: g'(0) = 0.2500" in out and s.grad.max().item() == 0.25
    assert "$\\frac12 \\cdot \\frac12 = \\frac14$" in prose


# --- 3, 4 · one formula, and the loss of one sample --------------------------------------------------

def test_one_formula_for_both_labels(nb01) -> None:
    out = nb01.printed("likelihood = {y: y_hat**y")
    assert "P(y = 1 | x) = 0.8^1 * (1 - 0.8)^0 = 0.8000" in out
    assert "P(y = 0 | x) = 0.8^0 * (1 - 0.8)^1 = 0.2000" in out
    assert nb01.ns["likelihood"] == {1: pytest.approx(0.8), 0: pytest.approx(0.2)}


def test_loss_of_one_sample(nb01, prose) -> None:
    reference = torch_bce([0.8, 0.8], [1.0, 0.0])
    np.testing.assert_allclose(nb01.ns["by_hand"], reference, rtol=1e-12)
    assert [round(x, 4) for x in reference] == [0.2231, 1.6094]
    assert "$-\\ln 0.8 = 0.2231$ nats when $y = 1$" in prose and "$-\\ln 0.2 = 1.6094$ nats" in prose
    out = nb01.printed("labels_both = np.array([1.0, 0.0])")
    assert "y = 1: -log P(y | x) = 0.2231 nats" in out and "y = 0: -log P(y | x) = 1.6094 nats" in out
    assert "✓ by hand, helpers and PyTorch agree on these two losses" in out


# --- 5 · N samples --------------------------------------------------------------------------------------

Y5, Y_HAT5 = [1.0, 0.0, 1.0, 1.0, 0.0], [0.9, 0.2, 0.7, 0.6, 0.4]


def test_n_samples_sum_and_product(nb01, prose) -> None:
    joint = math.prod(q if y else 1 - q for q, y in zip(Y_HAT5, Y5))
    total = float(torch_bce(Y_HAT5, Y5, "sum"))
    assert round(joint, 4) == 0.1814 and round(total, 4) == 1.7068
    assert -math.log(joint) == pytest.approx(total, rel=1e-12)
    assert "the product is 0.1814, and minus its log, 1.7068 nats" in prose
    out = nb01.printed("joint = np.prod(")
    assert "per-sample losses: [0.1054 0.2231 0.3567 0.5108 0.5108] nats" in out
    assert "joint likelihood = 0.1814; -log of it = 1.7068 nats = sum of the losses 1.7068 nats" in out
    np.testing.assert_allclose(nb01.ns["per_sample"], torch_bce(Y_HAT5, Y5), rtol=1e-12)


def test_the_product_underflows_the_log_does_not(nb01, prose) -> None:
    many = np.linspace(0.3, 0.99, 3000)
    log_product = math.fsum(math.log(p) for p in many)       # the true product is e^(-1473), not 0
    assert round(-log_product, 1) == 1473.0 and -log_product > -math.log(5e-324)
    out = nb01.printed("many = np.linspace(0.3, 0.99, 3000)")
    assert "product of the 3000 probabilities: 0.0" in out and "sum of their -log: 1473.0 nats" in out
    assert "for the 3000 labels below the product is 0 in float64, the loss an ordinary 1473.0 nats" in prose


def test_mean_and_sum_agree_with_pytorch(nb01) -> None:
    total, mean = float(torch_bce(Y_HAT5, Y5, "sum")), float(torch_bce(Y_HAT5, Y5, "mean"))
    assert round(mean, 4) == 0.3414 and total == pytest.approx(5 * mean)
    out = nb01.printed("mean_torch = torch.nn.BCELoss()")
    assert "mean = 0.3414 nats per sample; sum = 1.7068 nats = N * mean = 5 * 0.3414" in out
    assert "✓ by hand, helpers and PyTorch agree on the mean loss: 0.3414 nats" in out
    assert "✓ by hand, helpers and PyTorch agree on the summed loss: 1.7068 nats" in out


# --- the logistic-regression explorer and what it computes ----------------------------------------------

def test_the_notebook_uses_the_explorers_points(nb01) -> None:
    np.testing.assert_array_equal(nb01.ns["x_pts"], lk.DEMO_X)
    np.testing.assert_array_equal(nb01.ns["y_pts"], lk.DEMO_Y)


def test_slider_grid_search(nb01, prose) -> None:
    x, y = np.array(lk.DEMO_X), np.array(lk.DEMO_Y, dtype=float)
    steps = np.round(np.arange(-50, 51) / 10, 1)
    totals = np.array([[float(torch_bce(expit(w * x + b), y, "sum")) for b in steps] for w in steps])
    i, j = np.unravel_index(totals.argmin(), totals.shape)
    assert (steps[i], steps[j]) == (1.1, 0.1) and round(totals[i, j], 4) == 4.1058
    assert (nb01.ns["w_best"], nb01.ns["b_best"]) == (1.1, 0.1)
    np.testing.assert_allclose(nb01.ns["totals"], totals, rtol=1e-10)
    out = nb01.printed("y_pts = np.array(")
    assert f"w = b = 0: total = {8 * LN2:.4f} nats, 8 ln 2 = 5.5452 nats" in out and round(8 * LN2, 4) == 5.5452
    assert "best on the grid: w = 1.1, b = 0.1, total = 4.1058 nats" in out
    assert "✓ helpers and PyTorch agree on the best total: 4.1058 nats" in out
    assert "$8 \\ln 2 \\approx 5.5452$ nats" in prose and "$w = 1.1$ and $b = 0.1$" in prose
    assert "down to 4.1058 nats" in prose


def test_the_explorer_shows_the_same_numbers(nb01) -> None:
    assert lk.logistic_state(1.1, 0.1)["total"] == pytest.approx(nb01.ns["totals"][61, 51], rel=1e-12)
    ex = explorers.logistic()
    assert f"total loss (sum over 8 points) = {8 * LN2:.4f} nats" in ex.reference()[1]   # w = b = 0: 8 ln 2
    ex.set(w=1.1, b=0.1)
    assert "total loss (sum over 8 points) = 4.1058 nats" in ex.reference()[1]
    # The sliders' grid is the notebook's: -5 to 5 in steps of 0.1.
    assert [(s["name"], s["min"], s["max"], s["step"]) for s in ex.specs] == [("w", -5.0, 5.0, 0.1),
                                                                            ("b", -5.0, 5.0, 0.1)]


# --- 6 · maximum likelihood ----------------------------------------------------------------------------

def test_best_constant_prediction(nb01) -> None:
    labels = np.random.default_rng(1).random(40) < 0.3       # the notebook's seeded flips, drawn again
    k, n = int(labels.sum()), labels.size
    assert (k, n) == (11, 40)
    entropy = float(scipy_entropy([k / n, 1 - k / n]))        # the smallest mean loss, in nats
    assert round(entropy, 4) == 0.5882
    assert float(torch_bce(np.full(n, k / n), labels, "mean")) == pytest.approx(entropy, rel=1e-12)
    out = nb01.printed("labels = rng.random(40) < 0.3")
    assert "k = 11 positives out of n = 40: k/n = 0.2750" in out
    assert "grid search: the mean loss is smallest at y_hat = 0.275, where it is 0.5882 nats" in out
    agreed = nb01.printed('checks.agree("the smallest mean loss"')
    assert "✓ grid search, binary entropy and PyTorch agree on the smallest mean loss: 0.5882 nats" in agreed
    # No constant beats k/n (torch's optimiser finds the same), and the explorer's minimum is there too.
    s = torch.zeros((), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([s], max_iter=100, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(s.expand(n), torch.tensor(labels, dtype=torch.float64))
        loss.backward()
        return loss

    opt.step(closure)
    assert torch.sigmoid(s).item() == pytest.approx(k / n, abs=1e-6)
    state = lk.constant_prediction_state(0.5, k, n)
    assert state["best"] == k / n and state["best_mean"] == pytest.approx(entropy, rel=1e-12)


# --- common slips ---------------------------------------------------------------------------------------

def test_the_slips_demonstrated(nb01, prose) -> None:
    out = nb01.printed("log_likelihood = np.sum(")
    total = float(torch_bce(Y_HAT5, Y5, "sum"))
    assert f"without the minus sign: {-total:.4f} (a log-likelihood, to maximise); with it: {total:.4f} nats" in out
    for q in (0.5, 0.99):
        proper = float(torch_bce(np.full(5, q), Y5, "sum"))
        assert f"y_hat = {q}: 'y log y' formula = 0.0000, proper loss = {proper:.4f} nats" in out
    assert round(5 * LN2, 4) == 3.4657
    assert "ratio = 5 = N" in out
    for slip in ("carries a minus sign", "never of the label $y$", "Sum and mean differ by the factor $N$",
                 "to reduce computation"):
        assert slip in prose


def test_the_real_reasons_for_the_log(prose) -> None:
    for reason in ("The same winner.", "Independent samples add.", "No underflow."):
        assert reason in prose
    assert "the same goal, the log" not in prose          # the comma splice of the old text


# --- exercises ------------------------------------------------------------------------------------------

def exercise_cells(cells, number: int) -> tuple[str, str]:
    """The source of Exercise ``number``'s cell to fill in and of its solution."""
    code = learner_code(cells)  # the answer cell joined with its check cell
    (k,) = [i for i, c in enumerate(code) if c.source.startswith(f"# Solution to Exercise {number}\n")]
    return code[k - 1].source, code[k].source


def solve(cells, number: int) -> dict:
    """Run an exercise's cell as shipped, then its solution, in a fresh namespace; return the namespace."""
    ns = {"np": np, "torch": torch, "F": F, "checks": checks, "losses": losses, "info": info}
    exercise, solution = exercise_cells(cells, number)
    with contextlib.redirect_stdout(io.StringIO()):
        exec(exercise, ns)  # noqa: S102
        shipped = ns.copy()
        exec(solution, ns)  # noqa: S102
    ns["_shipped"] = shipped
    return ns


def test_exercise_cells_type_in_the_checkers_data(cells) -> None:
    assert solve(cells, 1)["_shipped"]["s"] == checks.EXERCISE1_S
    shipped = solve(cells, 2)["_shipped"]
    assert tuple(shipped["y"]) == checks.EXERCISE2_Y and tuple(shipped["y_hat"]) == checks.EXERCISE2_Y_HAT
    assert tuple(solve(cells, 3)["_shipped"]["labels"]) == checks.EXERCISE3_LABELS
    shipped = solve(cells, 5)["_shipped"]
    assert (shipped["k"], shipped["n"], shipped["s"], shipped["lr"]) == (
        checks.EXERCISE5_K, checks.EXERCISE5_N, checks.EXERCISE5_S, checks.EXERCISE5_LR)
    assert shipped["s_new"] is Ellipsis                       # shipped as a placeholder


def test_solutions_pass_and_typical_slips_fail(cells) -> None:
    s = torch.tensor(1.5, dtype=torch.float64, requires_grad=True)
    torch.sigmoid(s).backward()
    answer = solve(cells, 1)["answer"]
    assert answer == pytest.approx(s.grad.item(), rel=1e-12) and checks.sigmoid_slope(answer)
    assert not checks.sigmoid_slope(expit(1.5))

    total = float(torch_bce(checks.EXERCISE2_Y_HAT, checks.EXERCISE2_Y, "sum"))
    answer = solve(cells, 2)["answer"]
    assert answer == pytest.approx(total, rel=1e-12) and round(total, 4) == 1.8122 and checks.total_loss(answer)
    assert not checks.total_loss(total / 6)

    answer = solve(cells, 3)["answer"]
    assert answer == pytest.approx(7 / 20, abs=1e-9) and checks.best_constant(answer)
    assert not checks.best_constant(13 / 20)

    bce = solve(cells, 4)["bce"]
    assert bce(np.array([0.9, 0.2]), np.array([1.0, 0.0])) == pytest.approx(float(torch_bce([0.9, 0.2], [1, 0], "mean")))
    assert checks.mean_bce_function(bce)
    assert not checks.mean_bce_function(lambda q, y: -np.sum(y * np.log(q) + (1 - y) * np.log(1 - q)))

    s = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    F.binary_cross_entropy(torch.sigmoid(s).expand(10), torch.tensor([1.0] * 3 + [0.0] * 7,
                                                                     dtype=torch.float64)).backward()
    answer = solve(cells, 5)["s_new"]
    assert answer == pytest.approx(0 - 2.0 * s.grad.item(), rel=1e-12) == -0.4
    assert checks.constant_gradient_step(answer)
    assert not checks.constant_gradient_step(0.4) and not checks.constant_gradient_step(-1.6)


def test_shipped_exercise_cells_run_and_say_not_yet(cells) -> None:
    for number, checker, name in ((1, checks.sigmoid_slope, "answer"), (2, checks.total_loss, "answer"),
                                  (3, checks.best_constant, "answer"), (4, checks.mean_bce_function, "bce"),
                                  (5, checks.constant_gradient_step, "s_new")):
        verdict = checker(solve(cells, number)["_shipped"][name])
        assert not verdict and "placeholder" in verdict.message, (number, verdict)


def test_nothing_above_an_exercise_prints_its_answer(nb01) -> None:
    shown = "".join(out for source, out in nb01.cells
                    if not source.startswith("# Solution to Exercise"))
    for answer in ("0.1491", "0.14915", "1.8122", "1.812", "7/20", "0.350", "-0.4000", "0.4013"):
        assert answer not in shown, answer
