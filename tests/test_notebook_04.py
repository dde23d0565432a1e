"""Notebook 04 (cross-entropy and KL divergence): the values it publishes, asserted against an
independent reference (SciPy, PyTorch, a closed form or a hand calculation), the explorer's readout
against PyTorch, and the exercises' solutions passing their checks while typical wrong answers fail.

``tests/support/published.py`` reads the published values from the committed notebook, which nbval checks
against a fresh run; the printed text is nbval's, the prose's numbers ``tests/test_prose_numbers.py``'s.
"""
from __future__ import annotations

import math
import re

import nbformat
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy.special import softmax as scipy_softmax
from scipy.stats import entropy as scipy_entropy

from helpers import checks, info
from helpers.explorers.cross_entropy import cross_entropy_state
from tests.support.notebooks import SOLUTION_MARKERS, editions, learner_code, notebook_path
from tests.support.published import published

P = np.array([0.7, 0.2, 0.1])  # section 1's target
Q = np.array([0.2, 0.5, 0.3])  # section 1's model
P_ART, Q1, Q2 = np.array([1.0, 0.0, 0.0]), np.array([0.5, 0.2, 0.3]), np.array([0.8, 0.1, 0.1])


def kl(p: np.ndarray, q: np.ndarray, base: float | None = None) -> float:
    """KL(p || q) by SciPy, the reference independent of helpers.info."""
    return float(scipy_entropy(p, q, base=base))


def cross_entropy(p: np.ndarray, q: np.ndarray, base: float | None = None) -> float:
    """H(p, q) = H(p) + KL(p || q), both by SciPy."""
    return float(scipy_entropy(p, base=base)) + kl(p, q, base)


def elementwise_by_hand(p: np.ndarray, q: np.ndarray, log=math.log) -> float:
    """-sum [p log q + (1 - p) log(1 - q)], term by term in plain Python (0 log 0 = 0)."""
    total = 0.0
    for pi, qi in zip(p, q):
        total -= (pi * log(qi) if pi else 0.0) + ((1 - pi) * log(1 - qi) if pi != 1 else 0.0)
    return total


@pytest.fixture(scope="module", params=editions("04"))
def values(request: pytest.FixtureRequest):
    """Each edition's published values: the Chinese notebook must publish what the English does."""
    return published("04", request.param)


@pytest.fixture(scope="module")
def cells() -> list[nbformat.NotebookNode]:
    return nbformat.read(notebook_path("04"), as_version=4).cells


@pytest.fixture(scope="module")
def prose(cells) -> str:
    return "\n".join(c.source for c in cells if c.cell_type == "markdown")


# --- section 1: cross-entropy; section 5: the code-length view; section 2: the softmax ------------------

def test_cross_entropy_of_section_1(values) -> None:
    ref = cross_entropy(P, Q)
    torch_ref = F.cross_entropy(torch.log(torch.tensor(Q)).unsqueeze(0), torch.tensor(P).unsqueeze(0)).item()
    assert ref == pytest.approx(torch_ref, rel=1e-9) and values["H_pq"] == pytest.approx(ref, rel=1e-9)


def code_cell(cells, start: str) -> str:
    (source,) = [c.source for c in cells if c.cell_type == "code" and c.source.startswith(start)]
    return source


def test_the_two_codes_are_prefix_codes_of_the_stated_lengths(cells) -> None:
    ns: dict = {"np": np}
    exec(code_cell(cells, "symbols = ").split("message = ")[0], ns)  # noqa: S102  (the cell's codes, typed in)
    p_code, q_code = np.array([0.5, 0.25, 0.25]), np.array([0.25, 0.25, 0.5])
    np.testing.assert_array_equal(ns["p_code"], p_code)
    np.testing.assert_array_equal(ns["q_code"], q_code)
    for name, belief in (("built for p", p_code), ("built for q", q_code)):
        words = ns["codes"][name]
        assert [len(words[x]) for x in "ABC"] == list(-np.log2(belief))  # -log2 q(x) bits each
        assert not any(u != v and v.startswith(u) for u in words.values() for v in words.values())  # prefix code
    # expected bits per symbol, sum p(x) len(x): exactly H(p) and H(p, q), in bits
    assert sum(p * len(ns["codes"]["built for p"][x]) for p, x in zip(p_code, "ABC")) == 1.5
    assert sum(p * len(ns["codes"]["built for q"][x]) for p, x in zip(p_code, "ABC")) == 1.75
    assert float(scipy_entropy(p_code, base=2)) == pytest.approx(1.5)
    assert cross_entropy(p_code, q_code, base=2) == pytest.approx(1.75)
    assert kl(p_code, q_code, base=2) == pytest.approx(0.25)


def test_the_coded_message_costs_what_the_prose_says(values) -> None:
    message = np.random.default_rng(4).choice(["A", "B", "C"], size=10_000, p=[0.5, 0.25, 0.25])  # the same draw
    lengths = {"A": (1, 2), "B": (2, 2), "C": (2, 1)}   # code words' lengths: built for p, built for q
    per_symbol = [sum(lengths[x][i] for x in message) / message.size for i in (0, 1)]
    np.testing.assert_allclose(values["bits_per_symbol"], per_symbol, rtol=1e-9)
    np.testing.assert_allclose(per_symbol, [1.5, 1.75], atol=0.03)   # "close to" H(p) and H(p, q)


def test_prose_states_the_coding_numbers_and_the_price(prose) -> None:
    assert "$H(p) = 1.5$ bits" in prose and "$H(p, q) = 1.75$ bits" in prose and "0.25 bits" in prose
    assert "*total*" in prose and "*extra*" in prose  # the opening says which price is which
    assert "the cross-entropy is the **total** price" in prose


def test_softmax_by_hand(values) -> None:
    z = np.array([2.0, 1.0, -1.0])
    ref = torch.softmax(torch.tensor(z), dim=0).numpy()
    np.testing.assert_allclose(scipy_softmax(z), ref, rtol=1e-9)
    np.testing.assert_allclose(values["softmax_z"], ref, rtol=1e-9)
    assert values["softmax_z"][0] / values["softmax_z"][1] == pytest.approx(math.e, rel=1e-9)  # the prose's e


def test_two_class_softmax_is_the_sigmoid(values) -> None:
    """The logits (0, s), as in the table's binary row: class 1's probability is g(s)."""
    g = torch.sigmoid(torch.tensor(1.3, dtype=torch.float64)).item()
    assert values["softmax_class_1"] == pytest.approx(g, rel=1e-9)


def test_the_softmax_is_introduced_before_its_first_use(cells) -> None:
    """After the opening (the title, and the list of what is to come in its notes), the first
    passage that names the softmax defines it: that cell and the cells up to the next heading."""
    body = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and c.source.startswith("## "))
    uses = [i for i, c in enumerate(cells) if i >= body and "softmax" in c.source.lower()]
    end = next((i for i in range(uses[0] + 1, len(cells)) if cells[i].source.startswith(("## ", "### "))), len(cells))
    first = "\n".join(c.source for c in cells[uses[0]:end] if c.cell_type == "markdown")
    assert r"\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{C} e^{z_j}}" in first
    assert "unnormalised log-probabilities" in first and "05_pytorch_softmax_log_nll.ipynb" in first
    for reason in ("**positive**", "**increasing**", "**differences of logits into ratios of probabilities**"):
        assert reason in first


# --- section 3: the element-wise form and which form applies -------------------------------------------

def test_elementwise_form_and_bce_mean(values) -> None:
    p_tags, q_tags = np.array([1.0, 1.0, 0.0]), np.array([0.8, 0.4, 0.3])
    total = elementwise_by_hand(p_tags, q_tags)
    torch_mean = F.binary_cross_entropy(torch.tensor(q_tags), torch.tensor(p_tags)).item()
    assert torch_mean == pytest.approx(total / 3, rel=1e-9)
    assert values["elementwise_mean_tags"] == pytest.approx(total / 3, rel=1e-9)


def test_one_set_of_logits_two_models(values) -> None:
    z3 = np.array([2.0, -1.0, 0.5])
    sig = 1 / (1 + np.exp(-z3))
    assert values["categorical_loss"] == pytest.approx(-math.log(scipy_softmax(z3)[0]), rel=1e-9)
    assert values["elementwise_mean"] == pytest.approx(elementwise_by_hand(np.array([1.0, 0.0, 0.0]), sig) / 3,
                                                       rel=1e-9)


def test_with_two_classes_the_two_forms_agree() -> None:
    """The table's binary row: BCE on the logit s is CE on the logits (0, s), both -log g(s) for y = 1."""
    s = torch.tensor([1.3], dtype=torch.float64)
    bce = F.binary_cross_entropy_with_logits(s, torch.tensor([1.0], dtype=torch.float64)).item()
    ce = F.cross_entropy(torch.stack([torch.zeros(1, dtype=torch.float64), s], dim=1), torch.tensor([1])).item()
    assert bce == pytest.approx(ce, rel=1e-12) and bce == pytest.approx(math.log(1 + math.exp(-1.3)), rel=1e-12)


# --- section 4: the article's example -----------------------------------------------------------------

def test_the_articles_example_in_every_form(values) -> None:
    dits = [elementwise_by_hand(P_ART, q, math.log10) for q in (Q1, Q2)]
    elem_nats = [elementwise_by_hand(P_ART, q) for q in (Q1, Q2)]
    categorical = [cross_entropy(P_ART, q) for q in (Q1, Q2)]
    assert categorical[0] == pytest.approx(math.log(2)) and categorical[1] == pytest.approx(-math.log(0.8))
    bits = [cross_entropy(P_ART, q, base=2) for q in (Q1, Q2)]
    # the rows of the table: element-wise in dits and nats, categorical in nats and bits
    table = np.array([dits, elem_nats, categorical, bits])
    np.testing.assert_allclose(values["H_p_q1"], table[:, 0], rtol=1e-9)
    np.testing.assert_allclose(values["H_p_q2"], table[:, 1], rtol=1e-9)
    assert np.all(values["H_p_q2"] < values["H_p_q1"])  # "in every row q2 scores lower"


# --- section 5: Gibbs' inequality and KL ----------------------------------------------------------------

def test_no_random_q_beats_the_entropy(values) -> None:
    """Gibbs' inequality, which section 3 proves: on 10,000 random q, H(p, q) >= H(p), the best q close to p."""
    h_p = float(scipy_entropy(P))
    assert values["H_p"] == pytest.approx(h_p, rel=1e-9)
    q_random = np.random.default_rng(4).dirichlet(np.ones(3), size=10_000)
    h_pq = -(P * np.log(q_random)).sum(axis=1)
    assert h_pq.min() >= h_p and np.abs(q_random[np.argmin(h_pq)] - P).max() < 0.05


def test_kl_is_the_gap(values) -> None:
    assert values["KL_pq"] == pytest.approx(kl(P, Q), rel=1e-9)
    assert values["KL_pq"] == pytest.approx(values["H_pq"] - values["H_p"], rel=1e-9)


# --- section 6: neither is a distance -------------------------------------------------------------------

def test_kl_is_not_symmetric(values) -> None:
    assert values["KL_qp"] == pytest.approx(kl(Q, P), rel=1e-9) and values["KL_qp"] != pytest.approx(kl(P, Q))
    assert math.isinf(kl(Q1, P_ART))


def test_cross_entropy_is_not_a_distance(values) -> None:
    h_qp = -float(np.sum(Q * np.log(P)))  # by hand
    assert values["H_qp"] == pytest.approx(h_qp, rel=1e-9) and values["H_qp"] != pytest.approx(values["H_pq"])
    assert cross_entropy(P, P) == pytest.approx(float(scipy_entropy(P))) and cross_entropy(P, P) > 0


def test_kl_breaks_the_triangle_inequality(values, prose) -> None:
    a, b, c = np.array([0.1, 0.9]), np.array([0.5, 0.5]), np.array([0.9, 0.1])
    assert "$a = (0.1, 0.9)$, $b = (0.5, 0.5)$, $c = (0.9, 0.1)$" in prose
    direct, ab, bc = kl(a, c), kl(a, b), kl(b, c)
    assert direct == pytest.approx(0.8 * math.log(9))  # closed form: (0.9 - 0.1) ln 9
    assert values["direct"] == pytest.approx(direct, rel=1e-9) and values["detour"] == pytest.approx(ab + bc, rel=1e-9)
    assert values["direct"] > values["detour"]


def test_kl_div_order_and_log(values) -> None:
    not_log = float(np.sum(P * (np.log(P) - Q)))  # q where log q belongs
    assert values["not_log"] == pytest.approx(not_log, rel=1e-6) and not_log < 0   # PyTorch's float32 default


# --- section 7: one-hot targets ----------------------------------------------------------------------

def test_one_hot_cross_entropy_is_the_nll(values) -> None:
    assert values["loss_q1"] == pytest.approx(math.log(2), rel=1e-9)


def test_notebook_01s_loss_is_the_two_class_case(values) -> None:
    y, y_hat = np.array([1.0, 0.0, 1.0]), np.array([0.8, 0.3, 0.6])
    ref = F.binary_cross_entropy(torch.tensor(y_hat), torch.tensor(y)).item()
    by_hand = -(math.log(0.8) + math.log(0.7) + math.log(0.6)) / 3
    assert ref == pytest.approx(by_hand) and values["mean_loss_3"] == pytest.approx(by_hand, rel=1e-9)


# --- section 8: the explorer and its readout -----------------------------------------------------------

SETTINGS = [((0.5, -0.4, 0.0), "class 0"), ((2.1, 0.0, 0.0), "class 0"), ((1.9, 0.7, 0.0), "soft")]


def test_the_explorers_readout_agrees_with_pytorch() -> None:
    for z, target in SETTINGS:
        state = cross_entropy_state(*z, target=target, unit="nats")
        zt = torch.tensor(z, dtype=torch.float64)
        p = torch.tensor(state["p"])
        assert state["H_pq"] == pytest.approx(F.cross_entropy(zt.unsqueeze(0), p.unsqueeze(0)).item(), rel=1e-9)
        assert state["H_pq"] == pytest.approx(cross_entropy(p.numpy(), scipy_softmax(z)), rel=1e-9)
        assert state["KL_pq"] == pytest.approx(kl(p.numpy(), scipy_softmax(z)), rel=1e-9, abs=1e-9)


def test_the_try_this_numbers(prose) -> None:
    start = cross_entropy_state(0.5, -0.4, 0.0)
    near_q2 = cross_entropy_state(2.1, 0.0, 0.0)
    soft = cross_entropy_state(1.9, 0.7, 0.0, target="soft")
    assert "close to $H(p, q_1) = 0.6931$ nats" in " ".join(prose.split())  # near q1, whose loss section 4 prints
    assert "about 0.22 nats" in prose and "$\\ln 10 \\approx 2.303$" in prose
    np.testing.assert_allclose(start["q"], Q1, atol=0.005)
    np.testing.assert_allclose(near_q2["q"], Q2, atol=0.005)
    assert abs(start["H_pq"] - math.log(2)) < 0.01 and round(near_q2["H_pq"], 2) == 0.22
    assert start["KL_pq"] == pytest.approx(start["H_pq"]) and math.isinf(start["KL_qp"])
    assert soft["H_p"] > 0 and soft["KL_pq"] < 0.001  # "bring KL near 0"
    pushed = cross_entropy_state(5.0, -0.4, 0.0)  # "drag z0 to 5": both fall, the reverse KL stays infinite
    assert pushed["H_pq"] < start["H_pq"] / 10 and pushed["KL_pq"] == pytest.approx(pushed["H_pq"])
    assert math.isinf(pushed["KL_qp"])
    assert round(math.log(10), 3) == 2.303


# --- the slips box ---------------------------------------------------------------------------------

def test_one_slips_box(cells) -> None:
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    assert text.count("**Common slips**") == 1 and not re.search(r"^#+ Common slips", text, re.M)


# --- exercises -------------------------------------------------------------------------------------

EX_ANSWERS = {
    1: -math.log2(0.7),
    2: F.binary_cross_entropy(torch.tensor([0.9, 0.2, 0.6], dtype=torch.float64),
                              torch.tensor([1.0, 0.0, 1.0], dtype=torch.float64)).item(),
    4: F.kl_div(F.log_softmax(torch.tensor([[0.5, 1.5, -1.0], [1.0, 0.0, 0.5]], dtype=torch.float64), dim=-1),
                torch.tensor([[0.6, 0.3, 0.1], [0.1, 0.2, 0.7]], dtype=torch.float64), reduction="batchmean").item(),
    5: math.log2(8) - 2.5,
}


def test_nothing_above_the_exercises_gives_their_answers_away(cells) -> None:
    first_exercise = next(i for i, c in enumerate(cells) if "**Exercise 1:**" in c.source)
    above = "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                    for c in cells[:first_exercise] if c.cell_type == "code" for o in c.outputs)
    for n, value in EX_ANSWERS.items():
        assert f"{value:.4f}" not in above, f"Exercise {n}'s answer is printed above it"
    assert "log2(8)" not in above and "log K - H" not in above


def answer_cell(cells, number: int) -> str:
    """The source of Exercise ``number``'s cell to fill in: the first code cell after its prompt."""
    prompt = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and f"**Exercise {number}:**" in c.source)
    return next(c.source for c in cells[prompt:] if c.cell_type == "code")


def solution(cells, number: int) -> dict:
    """Run Exercise ``number``'s cell as shipped, then its solution (in the Solutions section at the
    end), in a namespace of the notebook's imports."""
    (source,) = [c.source for c in cells
                 if c.cell_type == "code" and c.source.startswith(f"# Solution to Exercise {number}\n")]
    ns = {"np": np, "torch": torch, "F": F, "info": info, "checks": checks, "rng": np.random.default_rng(4)}
    exec(answer_cell(cells, number), ns)  # noqa: S102  (the exercise's data and its placeholder)
    exec(SOLUTION_MARKERS.sub("", source), ns)  # noqa: S102  (the notebook's own solution)
    return ns


def test_solutions_pass_and_are_folded(cells) -> None:
    solutions = [c for c in cells if c.cell_type == "code" and c.source.startswith("# Solution to Exercise")]
    assert len(solutions) == 6
    for c in solutions:
        assert c.metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}
    for number in (1, 2, 4, 5):
        assert float(solution(cells, number)["answer"]) == pytest.approx(EX_ANSWERS[number], rel=1e-6)
    assert checks.one_hot_cross_entropy(EX_ANSWERS[1]).ok
    assert checks.multilabel_bce(EX_ANSWERS[2]).ok
    assert checks.kl_function(solution(cells, 3)["kl"]).ok
    assert checks.kl_div_call(EX_ANSWERS[4]).ok
    assert checks.kl_to_uniform(EX_ANSWERS[5]).ok
    assert checks.why_minimise_cross_entropy(solution(cells, 6)["choice"]).ok


def test_exercise_6s_targets_have_the_entropy_the_right_option_names(cells, prose) -> None:
    """Exercise 6: soft targets (0.91, 0.01, ..., 0.01) have H(p) = 0.5003 nats (SciPy), so a loss that
    stops at 0.50 nats leaves a KL of about 0; the solution prints that value."""
    p = np.array([0.91] + [0.01] * 9)
    assert float(scipy_entropy(p)) == pytest.approx(0.5003, abs=5e-5)
    flowing = " ".join(prose.split())
    assert "$p = (0.91, 0.01, \\dots, 0.01)$" in flowing and "stops at 0.50 nats" in flowing
    ns = solution(cells, 6)
    assert ns["H_ex6"] == pytest.approx(float(scipy_entropy(p)), rel=1e-12)


def test_exercise_5_solution_example_has_the_stated_entropy(cells) -> None:
    ns = solution(cells, 5)
    p_ex5 = ns["p_ex5"]
    assert p_ex5.size == 8 and p_ex5.sum() == pytest.approx(1.0)
    assert float(scipy_entropy(p_ex5, base=2)) == pytest.approx(2.5)
    assert kl(p_ex5, np.full(8, 1 / 8), base=2) == pytest.approx(0.5)
    assert ns["H_random"].max() < 3.0  # no random p beats the uniform distribution's log2 8 bits


@pytest.mark.parametrize("checker, wrong", [
    (checks.one_hot_cross_entropy, -math.log(0.7)),   # nats
    (checks.one_hot_cross_entropy, -math.log2(0.2)),  # the wrong class
    (checks.multilabel_bce, 3 * EX_ANSWERS[2]),       # the sum
    (checks.kl_div_call, EX_ANSWERS[4] / 3),          # reduction='mean'
    (checks.kl_to_uniform, -0.5),                     # H(p) - log K
    (checks.kl_to_uniform, 2.5),                      # H(p) itself
])
def test_typical_wrong_answers_fail(checker, wrong) -> None:
    assert not checker(wrong, hint=0).ok


def test_exercise_cells_run_as_shipped(cells) -> None:
    shipped = [c for c in learner_code(cells) if "answer = ..." in c.source or "choice = ..." in c.source]
    assert len(shipped) == 5
    for c in shipped:
        shown = "".join(o.get("data", {}).get("text/plain", "") for o in c.outputs)
        assert shown.startswith("Not yet:") and "placeholder" in shown
