"""Notebook 01 (the sigmoid and the likelihood): the values it publishes, asserted against an
independent reference (PyTorch and its autograd, SciPy, a closed form or a hand calculation); the
explorers' numbers agree with them; the exercises' solutions pass their checks while typical wrong
answers fail, and nothing above an exercise prints its answer.

``tests/support/published.py`` reads the published values from the committed notebook, which nbval checks
against a fresh run; the printed text is nbval's, the prose's numbers ``tests/test_prose_numbers.py``'s.
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
from tests.support.notebooks import editions, learner_code, notebook_path
from tests.support.published import published

LN2 = math.log(2)


@pytest.fixture(scope="module", params=editions("01"))
def values(request: pytest.FixtureRequest):
    """Each edition's published values: the Chinese notebook must publish what the English does."""
    return published("01", request.param)


@pytest.fixture(scope="module")
def cells() -> list[nbformat.NotebookNode]:
    return nbformat.read(notebook_path("01"), as_version=4).cells


@pytest.fixture(scope="module")
def prose(cells) -> str:
    return "\n".join(c.source for c in cells if c.cell_type == "markdown")


def torch_bce(y_hat, y, reduction: str = "none") -> np.ndarray:
    return F.binary_cross_entropy(torch.as_tensor(np.asarray(y_hat, dtype=float)),
                                  torch.as_tensor(np.asarray(y, dtype=float)), reduction=reduction).numpy()


# --- 1 · the sigmoid ------------------------------------------------------------------------------------

def test_sigmoid_values(values, prose) -> None:
    np.testing.assert_allclose(values["g"], expit([-10.0, -2.0, 0.0, 2.0, 10.0]), rtol=1e-9)
    assert "$g(0) = \\frac{1}{1 + 1} = \\frac12$" in prose and expit(0.0) == 0.5


def test_the_symmetry(values, prose) -> None:
    """1 - g(s) = g(-s): the prose reads it off the printed tails, g(-10) = 0.000045 = 1 - g(10)."""
    assert values["g"][0] == pytest.approx(1 - values["g"][4], abs=1e-9) and round(values["g"][0], 6) == 0.000045
    assert "$g(-10) = 0.000045 = 1 - g(10)$" in prose and "= g(-s).$$" in prose
    s = torch.linspace(-8, 8, 401, dtype=torch.float64)
    assert torch.allclose(1 - torch.sigmoid(s), torch.sigmoid(-s), rtol=0, atol=1e-15)


def test_logit_is_the_log_odds(values, prose) -> None:
    q = np.array([0.2, 0.5, 0.8, 0.99])
    np.testing.assert_allclose(values["logits"], logit(q), rtol=1e-9)
    np.testing.assert_allclose(torch.logit(torch.tensor(q, dtype=torch.float64)).numpy(), values["logits"], rtol=1e-9)
    np.testing.assert_allclose(expit(values["logits"]), q, rtol=1e-9)   # the logit undoes the sigmoid
    # The prose: odds 0.8 / 0.2 = 4, even odds at 0.5, e per unit of logit.
    assert "$0.8 / 0.2 = 4$" in prose and 0.8 / 0.2 == pytest.approx(4)
    assert expit(1.0) / (1 - expit(1.0)) == pytest.approx(math.e) and logit(0.5) == 0.0


# --- 2 · derivatives ------------------------------------------------------------------------------------

def test_the_rules_and_the_chain_rule(prose) -> None:
    w = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    ((3 * w + 1) ** 2).backward()
    assert w.grad.item() == 24.0 and "which is 24 at $w = 1$" in prose
    for f, at, slope in ((lambda w: 3 * w**2 + 5, 2.0, 12.0), (torch.log, 2.0, 0.5),
                         (lambda s: torch.exp(-s), 0.7, -math.exp(-0.7))):
        t = torch.tensor(at, dtype=torch.float64, requires_grad=True)
        f(t).backward()
        assert t.grad.item() == pytest.approx(slope, rel=1e-9)
    assert "the slope of $3w^2 + 5$ is $6w$" in prose and "at $w = 2$ the slope is $1/2$" in prose


def test_one_gradient_step(prose) -> None:
    """The prose: f'(0) = -6, one step of lr 0.1 to w = 0.6, f from 9 to 5.76 (by hand, with autograd)."""
    w = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    loss = (w - 3) ** 2
    loss.backward()
    assert loss.item() == 9 and w.grad.item() == -6
    assert (w.item() - 0.1 * w.grad.item() - 3) ** 2 == pytest.approx(5.76)
    assert "$f'(0) = -6$" in prose and "= 0.6$" in prose and "from 9 to $(0.6 - 3)^2 = 5.76$" in prose


def test_sigmoid_slope(values, prose) -> None:
    s = torch.tensor(np.linspace(-8, 8, 401), dtype=torch.float64, requires_grad=True)
    torch.sigmoid(s).sum().backward()
    np.testing.assert_allclose(values["slope"], s.grad.numpy(), rtol=1e-9, atol=1e-9)
    assert values["slope"].max() == s.grad.max().item() == 0.25
    assert "$\\frac12 \\cdot \\frac12 = \\frac14$" in prose


# --- 3, 4 · one formula, and the loss of one sample --------------------------------------------------

def test_loss_of_one_sample(values) -> None:
    np.testing.assert_allclose(values["losses_y1_y0"], torch_bce([0.8, 0.8], [1.0, 0.0]), rtol=1e-9)


# --- 5 · N samples --------------------------------------------------------------------------------------

Y5, Y_HAT5 = [1.0, 0.0, 1.0, 1.0, 0.0], [0.9, 0.2, 0.7, 0.6, 0.4]


def test_n_samples_sum_and_product(values) -> None:
    joint = math.prod(q if y else 1 - q for q, y in zip(Y_HAT5, Y5))
    total = float(torch_bce(Y_HAT5, Y5, "sum"))
    assert values["joint"] == pytest.approx(joint, rel=1e-9) and values["total"] == pytest.approx(total, rel=1e-9)
    assert -math.log(values["joint"]) == pytest.approx(values["total"], rel=1e-9)
    np.testing.assert_allclose(values["per_sample"], torch_bce(Y_HAT5, Y5), rtol=1e-9)


def test_the_product_underflows_the_log_does_not(values) -> None:
    many = np.linspace(0.3, 0.99, 3000)
    log_product = math.fsum(math.log(p) for p in many)       # the true product is e^(-1473), not 0
    assert values["sum_of_minus_logs"] == pytest.approx(-log_product, rel=1e-9)
    assert values["product"] == 0.0 and -log_product > -math.log(5e-324)   # below float64's smallest number
    # The prose: the true product is about 10^-640, and float64 stops near 10^-308 (its smallest normal number).
    assert round(values["true_exponent"]) == round(log_product / math.log(10)) == -640
    assert round(values["float64_exponent"]) == round(math.log10(torch.finfo(torch.float64).tiny)) == -308


def test_mean_and_sum_agree_with_pytorch(values) -> None:
    """The notebook's mean (by hand, beside PyTorch's) and PyTorch's sum, against the by-hand total."""
    assert values["sum_loss"] == pytest.approx(float(torch_bce(Y_HAT5, Y5, "sum")), rel=1e-9)
    assert values["sum_loss"] == pytest.approx(values["total"], rel=1e-9)
    assert values["mean_loss"] == pytest.approx(float(torch_bce(Y_HAT5, Y5, "mean")), rel=1e-9)
    assert values["sum_loss"] == pytest.approx(5 * values["mean_loss"], rel=1e-9)


# --- the logistic-regression explorer and what it computes ----------------------------------------------

def test_slider_grid_search(values) -> None:
    """The notebook's grid search over the explorer's points (lk.DEMO_X, lk.DEMO_Y), done again with PyTorch."""
    x, y = np.array(lk.DEMO_X), np.array(lk.DEMO_Y, dtype=float)
    steps = np.round(np.arange(-50, 51) / 10, 1)
    totals = np.array([[float(torch_bce(expit(w * x + b), y, "sum")) for b in steps] for w in steps])
    i, j = np.unravel_index(totals.argmin(), totals.shape)
    assert (values["w_best"], values["b_best"]) == (steps[i], steps[j]) == (1.1, 0.1)
    assert values["best_total"] == pytest.approx(totals[i, j], rel=1e-9)
    assert values["total_at_0"] == pytest.approx(8 * LN2, rel=1e-9)


def test_the_explorer_shows_the_same_numbers(values) -> None:
    assert lk.logistic_state(1.1, 0.1)["total"] == pytest.approx(values["best_total"], rel=1e-9)
    ex = explorers.logistic()
    assert f"total loss (sum over 8 points) = {8 * LN2:.4f} nats" in ex.reference()[1]   # w = b = 0: 8 ln 2
    ex.set(w=1.1, b=0.1)
    assert f"total loss (sum over 8 points) = {values['best_total']:.4f} nats" in ex.reference()[1]
    # The sliders' grid is the notebook's: -5 to 5 in steps of 0.1.
    assert [(s["name"], s["min"], s["max"], s["step"]) for s in ex.specs] == [("w", -5.0, 5.0, 0.1),
                                                                            ("b", -5.0, 5.0, 0.1)]


# --- 6 · maximum likelihood ----------------------------------------------------------------------------

def test_best_constant_prediction(values) -> None:
    labels = np.random.default_rng(1).random(40) < 0.3       # the notebook's seeded flips, drawn again
    k, n = int(labels.sum()), labels.size
    assert (values["k"], values["n"]) == (k, n) == (11, 40)
    entropy = float(scipy_entropy([k / n, 1 - k / n]))        # the smallest mean loss, in nats
    assert float(torch_bce(np.full(n, k / n), labels, "mean")) == pytest.approx(entropy, rel=1e-9)
    assert values["best"] == pytest.approx(k / n, abs=1e-9)   # on the grid of step 0.001
    assert values["smallest_mean_loss"] == pytest.approx(entropy, rel=1e-9)
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
    assert state["best"] == k / n and state["best_mean"] == pytest.approx(entropy, rel=1e-9)


# --- common slips ---------------------------------------------------------------------------------------

def test_the_slips_demonstrated(values, prose) -> None:
    assert values["log_likelihood"] == pytest.approx(-float(torch_bce(Y_HAT5, Y5, "sum")), rel=1e-9)
    for slip in ("carries a minus sign", "never of the label $y$", "Sum and mean differ by the factor $N$"):
        assert slip in prose
    # The article's "to reduce computation" is corrected once, in 05's Common slips (it says it in its PyTorch part).
    assert "reduce computation" not in prose


def test_why_a_log_is_taught_here_once(prose) -> None:
    """The one full treatment of why the loss takes a log (05 links to it by this heading's anchor)."""
    assert prose.count("### Why take the log at all") == 1
    for reason in ("**The same winner.**", "**Independent samples add.**", "**No underflow.**"):
        assert reason in prose


# --- exercises ------------------------------------------------------------------------------------------

def exercise_cells(cells, number: int) -> tuple[str, str]:
    """The source of Exercise ``number``'s cell to fill in (joined with its check) and of its solution,
    which sits in the Solutions section at the end."""
    (check,) = [c.source for c in cells if c.metadata.get("nbgrader", {}).get("grade_id") == f"ex-01-{number}"]
    code = learner_code(cells)  # the answer cell joined with its check cell
    (exercise,) = [c.source for c in code if c.source.endswith("\n" + check)]
    (solution,) = [c.source for c in code if c.source.startswith(f"# Solution to Exercise {number}\n")]
    return exercise, solution


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
    assert solve(cells, 3)["_shipped"]["p_spam"] == checks.EXERCISE3_P
    shipped = solve(cells, 4)["_shipped"]
    assert (shipped["k"], shipped["n"], shipped["s"], shipped["lr"]) == (
        checks.EXERCISE4_K, checks.EXERCISE4_N, checks.EXERCISE4_S, checks.EXERCISE4_LR)
    assert shipped["s_new"] is Ellipsis                       # shipped as a placeholder


def test_solutions_pass_and_typical_slips_fail(cells) -> None:
    s = torch.tensor(1.5, dtype=torch.float64, requires_grad=True)
    torch.sigmoid(s).backward()
    answer = solve(cells, 1)["answer"]
    assert answer == pytest.approx(s.grad.item(), rel=1e-9) and checks.sigmoid_slope(answer)
    assert not checks.sigmoid_slope(expit(1.5))

    total = float(torch_bce(checks.EXERCISE2_Y_HAT, checks.EXERCISE2_Y, "sum"))
    answer = solve(cells, 2)["answer"]
    assert answer == pytest.approx(total, rel=1e-9) and round(total, 4) == 1.8122 and checks.total_loss(answer)
    assert not checks.total_loss(total / 6)

    ns = solve(cells, 3)
    s = torch.logit(torch.tensor(0.9, dtype=torch.float64))
    assert ns["s_spam"] == pytest.approx(s.item(), rel=1e-9) and round(s.item(), 4) == 2.1972
    assert ns["p_new"] == pytest.approx(torch.sigmoid(s + 1).item(), rel=1e-9) and round(ns["p_new"], 4) == 0.9607
    assert checks.logit_plus_one(ns["p_new"]) and not checks.logit_plus_one(0.9 * math.e)

    s = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    F.binary_cross_entropy(torch.sigmoid(s).expand(10), torch.tensor([1.0] * 3 + [0.0] * 7,
                                                                     dtype=torch.float64)).backward()
    answer = solve(cells, 4)["s_new"]
    assert answer == pytest.approx(0 - 2.0 * s.grad.item(), rel=1e-9) == -0.4
    assert checks.constant_gradient_step(answer)
    assert not checks.constant_gradient_step(0.4) and not checks.constant_gradient_step(-1.6)

    assert solve(cells, 5)["choice"] == "c" and checks.why_not_one_minus_p("c")
    assert not checks.why_not_one_minus_p("a")


def test_shipped_exercise_cells_run_and_say_not_yet(cells) -> None:
    for number, checker, name in ((1, checks.sigmoid_slope, "answer"), (2, checks.total_loss, "answer"),
                                  (3, checks.logit_plus_one, "p_new"), (4, checks.constant_gradient_step, "s_new"),
                                  (5, checks.why_not_one_minus_p, "choice")):
        verdict = checker(solve(cells, number)["_shipped"][name])
        assert not verdict and "placeholder" in verdict.message, (number, verdict)


def test_the_explain_why_prompt_offers_the_checkers_letters(cells) -> None:
    prompt = next(c.source for c in cells if c.cell_type == "markdown" and c.source.startswith("**Exercise 5"))
    offered = re.findall(r"^- \*\*\((\w)\)\*\*", prompt, flags=re.M)
    assert offered == ["a", "b", "c", "d"]
    verdicts = {letter: checks.why_not_one_minus_p(letter) for letter in offered}
    assert [letter for letter, v in verdicts.items() if v] == ["c"]


def test_nothing_above_an_exercise_prints_its_answer(cells) -> None:
    shown = "".join(str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
                    for c in cells if c.cell_type == "code" and not c.source.startswith("# Solution to Exercise")
                    for out in c.outputs)
    for answer in ("0.1491", "0.14915", "1.8122", "1.812", "2.1972", "0.9607", "-0.4000", "0.4013"):
        assert answer not in shown, answer
