"""Notebook 04 (cross-entropy and KL divergence): every number its prose states, asserted against an
independent reference (SciPy, PyTorch, a closed form or a hand calculation), the explorer's readout
against the cell that computes it without the explorer, and the exercises' solutions passing their
checks while typical wrong answers fail.

The notebook runs once per session (``tests/notebook_run.py``); these tests read its variables and
what its cells printed.
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

from helpers import checks
from helpers.explorers.cross_entropy import cross_entropy_state
from tests.notebook_run import learner_code, notebook_path, run

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


@pytest.fixture(scope="module")
def nb04():
    return run("04")


@pytest.fixture(scope="module")
def cells() -> list[nbformat.NotebookNode]:
    return nbformat.read(notebook_path("04"), as_version=4).cells


@pytest.fixture(scope="module")
def prose(cells) -> str:
    return "\n".join(c.source for c in cells if c.cell_type == "markdown")


# --- section 1: cross-entropy, the code-length view, the softmax --------------------------------------

def test_cross_entropy_of_section_1(nb04) -> None:
    ref = cross_entropy(P, Q)
    torch_ref = F.cross_entropy(torch.log(torch.tensor(Q)).unsqueeze(0), torch.tensor(P).unsqueeze(0)).item()
    assert ref == pytest.approx(torch_ref, rel=1e-12)
    assert round(ref, 4) == 1.3856 and round(float(scipy_entropy(P)), 4) == 0.8018
    out = nb04.printed("H_pq_by_hand = -np.sum")
    assert "H(p, q) by hand:          1.3856 nats" in out and "info.entropy(p):   0.8018 nats" in out
    assert nb04.ns["H_pq_by_hand"] == pytest.approx(ref, rel=1e-12)
    assert "✓ by hand, helpers and PyTorch agree on H(p, q): 1.3856 nats" in nb04.printed("ce_torch = F.cross_entropy")


def test_the_two_codes_are_prefix_codes_of_the_stated_lengths(nb04) -> None:
    ns = nb04.ns
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


def test_the_coded_message_costs_what_the_prose_says(nb04) -> None:
    out = nb04.printed("codes = {")
    message, codes = nb04.ns["message"], nb04.ns["codes"]
    assert message.size == 10_000
    for name, expected in (("built for p", 1.5), ("built for q", 1.75)):
        per_symbol = sum(len(codes[name][x]) for x in message) / message.size
        assert f"{per_symbol:.4f} bits per symbol" in out
        assert per_symbol == pytest.approx(expected, abs=0.03)  # "close to" H(p) and H(p, q)
    assert "H(p) = 1.5000 bits, H(p, q) = 1.7500 bits, difference 0.2500 bits" in out


def test_prose_states_the_coding_numbers_and_the_price(prose) -> None:
    assert "$H(p) = 1.5$ bits" in prose and "$H(p, q) = 1.75$ bits" in prose and "0.25 bits" in prose
    assert "*total*" in prose and "*extra*" in prose  # the opening says which price is which
    assert "the cross-entropy is the **total** price" in prose


def test_softmax_by_hand(nb04) -> None:
    z = np.array([2.0, 1.0, -1.0])
    ref = torch.softmax(torch.tensor(z), dim=0).numpy()
    np.testing.assert_allclose(scipy_softmax(z), ref, rtol=1e-12)
    out = nb04.printed("exp_z = np.exp(z)")
    assert f"softmax(z) = {ref.round(4)}, sum 1.0000" in out
    assert f"exp(z)     = {np.exp(z).round(4)}, sum {np.exp(z).sum():.4f}" in out
    assert f"q_0 / q_1  = {math.e:.4f} = e^(z_0 - z_1) = {math.e:.4f}" in out  # the prose's e = 2.718
    assert "✓ by hand, helpers and PyTorch agree on softmax(z)" in out


def test_two_class_softmax_is_the_sigmoid(nb04) -> None:
    s = 1.3
    g = torch.sigmoid(torch.tensor(s, dtype=torch.float64)).item()
    two = torch.softmax(torch.tensor([s, 0.0], dtype=torch.float64), dim=0).numpy()
    assert two[0] == pytest.approx(g, rel=1e-12)
    out = nb04.printed("q_two = losses.softmax")
    assert f"g(s) = {g:.4f}" in out and f"1 - g(s) = {1 - g:.4f}" in out and round(g, 4) == 0.7858
    assert f"✓ softmax and sigmoid agree on the first class's probability for s = 1.3: {g:.4f}" in out


def test_the_softmax_is_introduced_before_its_first_use(cells) -> None:
    """After the title's list of what is to come, the first cell that names the softmax defines it."""
    uses = [i for i, c in enumerate(cells) if i > 0 and "softmax" in c.source.lower()]
    first = cells[uses[0]].source
    assert r"\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{C} e^{z_j}}" in first
    assert "unnormalised log-probabilities" in first and "05_pytorch_softmax_log_nll.ipynb" in first
    for reason in ("**positive**", "**increasing**", "**differences of logits into ratios of probabilities**"):
        assert reason in first


# --- the element-wise form and which form applies -----------------------------------------------------

def test_elementwise_form_and_bce_mean(nb04) -> None:
    p_tags, q_tags = np.array([1.0, 1.0, 0.0]), np.array([0.8, 0.4, 0.3])
    total = elementwise_by_hand(p_tags, q_tags)
    torch_mean = F.binary_cross_entropy(torch.tensor(q_tags), torch.tensor(p_tags)).item()
    assert round(total, 4) == 1.4961 and torch_mean == pytest.approx(total / 3, rel=1e-12)
    out = nb04.printed("p_tags = np.array")
    assert "(sum over 3 labels): 1.4961 nats" in out and "(mean over 3 labels):    0.4987 nats" in out
    assert "✓ helpers and PyTorch agree on the element-wise form divided by 3: 0.4987 nats" in out


def test_one_set_of_logits_two_models(nb04) -> None:
    z3 = np.array([2.0, -1.0, 0.5])
    categorical = -math.log(scipy_softmax(z3)[0])
    sig = 1 / (1 + np.exp(-z3))
    elementwise_mean = elementwise_by_hand(np.array([1.0, 0.0, 0.0]), sig) / 3
    out = nb04.printed("z3 = torch.tensor")
    assert f"= {categorical:.4f} nats" in out and round(categorical, 4) == 0.2413
    assert f"= {elementwise_mean:.4f} nats (mean of 3)" in out and round(elementwise_mean, 4) == 0.4714
    checked = nb04.printed('checks.agree("the categorical loss"')
    assert "✓ helpers and PyTorch agree on the categorical loss: 0.2413 nats" in checked
    assert "✓ helpers and PyTorch agree on the element-wise mean: 0.4714 nats" in checked
    binary = math.log(1 + math.exp(-1.3))  # -log g(1.3)
    assert f"✓ sigmoid BCE and softmax CE agree on the loss for s = 1.3, y = 1: {binary:.4f} nats" in checked


# --- section 2: the article's example -----------------------------------------------------------------

def test_the_articles_example_in_every_form(nb04, prose) -> None:
    dits = [elementwise_by_hand(P_ART, q, math.log10) for q in (Q1, Q2)]
    elem_nats = [elementwise_by_hand(P_ART, q) for q in (Q1, Q2)]
    categorical = [cross_entropy(P_ART, q) for q in (Q1, Q2)]
    assert [round(v, 2) for v in dits] == [0.55, 0.19]
    assert [round(v, 4) for v in dits] == [0.5528, 0.1884]
    assert [round(v, 3) for v in elem_nats] == [1.273, 0.434]
    assert [round(v, 3) for v in categorical] == [0.693, 0.223]
    assert categorical[0] == pytest.approx(math.log(2)) and categorical[1] == pytest.approx(-math.log(0.8))
    table = nb04.ns["table"]
    np.testing.assert_allclose(table["element-wise, log10 (dits)"], dits, rtol=1e-12)
    np.testing.assert_allclose(table["element-wise, ln (nats)"], elem_nats, rtol=1e-12)
    np.testing.assert_allclose(table["categorical, ln (nats)"], categorical, rtol=1e-12)
    np.testing.assert_allclose(table["categorical, log2 (bits)"], [1.0, -math.log2(0.8)], rtol=1e-12)
    assert all(h2 < h1 for h1, h2 in table.values())  # "in every row q2 scores lower"
    terms = nb04.printed("for name, q_k in")
    assert "H = 0.5528 dits" in terms and "H = 0.1884 dits" in terms
    for stated in ("0.5528 and 0.1884", "1.273 and 0.434", "0.693 and 0.223", "0.55 and 0.19"):
        assert stated in prose


def test_the_articles_example_in_pytorch(nb04) -> None:
    out = nb04.printed("bce_rows = F.binary_cross_entropy")
    q = torch.tensor(np.stack([Q1, Q2]))
    p = torch.tensor(np.stack([P_ART, P_ART]))
    rows = F.binary_cross_entropy(q, p, reduction="none").sum(dim=1).numpy()
    assert f"BCE summed per row:    {rows.round(4)} nats = {(rows / math.log(10)).round(4)} dits" in out
    assert f"{F.binary_cross_entropy(q, p).item():.4f} nats over all 6 elements" in out
    assert "cross_entropy per row: [0.6931 0.2231] nats" in out
    assert out.count("✓ helpers and PyTorch agree") == 2


# --- section 3: Gibbs' inequality and KL ----------------------------------------------------------------

def test_no_random_q_beats_the_entropy(nb04) -> None:
    ns = nb04.ns
    h_p = float(scipy_entropy(P))
    assert ns["H_p"] == pytest.approx(h_p, rel=1e-12)
    assert ns["q_random"].shape == (10_000, 3)
    reference = np.array([cross_entropy(P, q) for q in ns["q_random"][:200]])
    np.testing.assert_allclose(ns["H_pq_random"][:200], reference, rtol=1e-10)
    assert (ns["H_pq_random"] >= h_p).all()
    assert np.abs(ns["best"] - P).max() < 0.05  # "the best of them lies close to p"
    assert "✓ no random q has a cross-entropy below H(p)" in nb04.printed("q_random = rng.dirichlet")


def test_walking_q_through_p(nb04) -> None:
    ns = nb04.ns
    t, kl_path, h_path = ns["t"], ns["KL_path"], ns["H_path"]
    assert t[np.argmin(h_path)] == 0.0 and kl_path[t == 0.0][0] == pytest.approx(0.0, abs=1e-15)
    np.testing.assert_allclose(kl_path, [kl(P, q) for q in ns["q_path"]], rtol=1e-9, atol=1e-15)
    assert (kl_path >= 0).all()
    np.testing.assert_allclose(kl_path, h_path - ns["H_p"], atol=1e-12)


def test_kl_is_the_gap(nb04) -> None:
    assert round(kl(P, Q), 4) == 0.5838 and nb04.ns["KL_pq"] == pytest.approx(kl(P, Q), rel=1e-12)
    out = nb04.printed("KL_by_hand = np.sum")
    assert "H(p, q) = 1.3856 nats = H(p) 0.8018 nats + KL(p || q) 0.5838 nats" in out
    assert "✓ by hand, helpers and the formula agree on KL(p || q): 0.5838 nats" in out


# --- section 4: neither is a distance -------------------------------------------------------------------

def test_kl_is_not_symmetric(nb04) -> None:
    assert (round(kl(P, Q), 4), round(kl(Q, P), 4)) == (0.5838, 0.5372)
    assert nb04.ns["KL_qp"] == pytest.approx(kl(Q, P), rel=1e-12)
    out = nb04.printed("KL_qp = info.kl_divergence(q, p)")
    assert "KL(q || p) = 0.5372 nats" in out
    assert f"KL(p || q1) = {math.log(2):.4f} nats, KL(q1 || p) = inf nats" in out
    assert math.isinf(kl(Q1, P_ART))


def test_cross_entropy_is_not_a_distance(nb04) -> None:
    out = nb04.printed('H(p, p) = {info.cross_entropy(p, p)')
    h_pp = cross_entropy(P, P)
    h_qp = -float(np.sum(Q * np.log(P)))  # by hand
    assert h_pp == pytest.approx(float(scipy_entropy(P))) and h_pp > 0
    assert f"H(p, p) = {h_pp:.4f} nats = H(p), not 0" in out
    assert f"H(p, q) = 1.3856 nats, but H(q, p) = {h_qp:.4f} nats" in out and round(h_qp, 4) == 1.5668


def test_kl_breaks_the_triangle_inequality(nb04, prose) -> None:
    a, b, c = np.array([0.1, 0.9]), np.array([0.5, 0.5]), np.array([0.9, 0.1])
    assert "$a = (0.1, 0.9)$, $b = (0.5, 0.5)$, $c = (0.9, 0.1)$" in prose
    direct, ab, bc = kl(a, c), kl(a, b), kl(b, c)
    assert direct == pytest.approx(0.8 * math.log(9))  # closed form: (0.9 - 0.1) ln 9
    assert direct > ab + bc
    out = nb04.printed("detour = info.kl_divergence")
    assert f"direct: KL(a || c) = {direct:.4f} nats" in out
    assert f"= {ab:.4f} + {bc:.4f} = {ab + bc:.4f} nats, shorter" in out


def test_kl_div_order_and_log(nb04) -> None:
    out = nb04.printed("right = F.kl_div")
    assert f"F.kl_div(log q, p)                  = {kl(P, Q):.4f} nats" in out
    assert f"F.kl_div(log p, q)                  = {kl(Q, P):.4f} nats" in out
    not_log = float(np.sum(P * (np.log(P) - Q)))  # q where log q belongs
    assert f"F.kl_div(q, p)                      = {not_log:.4f} nats" in out and not_log < 0
    ns = nb04.ns
    assert ns["right"].item() == pytest.approx(kl(P, Q)) and ns["both_log"].item() == pytest.approx(kl(P, Q))


# --- section 5: one-hot targets ----------------------------------------------------------------------

def test_one_hot_cross_entropy_is_the_nll(nb04) -> None:
    out = nb04.printed("k = 0  # the article's true class")
    assert f"✓ by hand, helpers and PyTorch agree on the loss of the article's q1: {math.log(2):.4f} nats" in out
    assert f"H(p) = 0.0000 nats, KL(p || q1) = {math.log(2):.4f} nats" in out


def test_notebook_01s_loss_is_the_two_class_case(nb04) -> None:
    y, y_hat = np.array([1.0, 0.0, 1.0]), np.array([0.8, 0.3, 0.6])
    ref = F.binary_cross_entropy(torch.tensor(y_hat), torch.tensor(y)).item()
    by_hand = -(math.log(0.8) + math.log(0.7) + math.log(0.6)) / 3
    assert ref == pytest.approx(by_hand) and round(ref, 4) == 0.3635
    assert nb04.ns["nll_01"] == pytest.approx(ref) and nb04.ns["ce_two_class"] == pytest.approx(ref)
    assert "agree on the mean loss of the three samples: 0.3635 nats" in nb04.printed("nll_01 = -np.mean")


# --- section 6: the explorer and its readout -----------------------------------------------------------

SETTINGS = [((0.5, -0.4, 0.0), "class 0"), ((2.1, 0.0, 0.0), "class 0"), ((1.9, 0.7, 0.0), "soft")]


def test_the_readout_cell_agrees_with_the_explorer_and_pytorch(nb04) -> None:
    out = nb04.printed("settings = [")
    for z, target in SETTINGS:
        state = cross_entropy_state(*z, target=target, unit="nats")
        zt = torch.tensor(z, dtype=torch.float64)
        p = torch.tensor(state["p"])
        assert state["H_pq"] == pytest.approx(F.cross_entropy(zt.unsqueeze(0), p.unsqueeze(0)).item(), rel=1e-12)
        line = (f"q = {state['q'].round(3)}, H(p) = {state['H_p']:.4f} nats, H(p, q) = {state['H_pq']:.4f} nats,\n"
                f"    KL(p || q) = {state['KL_pq']:.4f} nats, KL(q || p) = {state['KL_qp']:.4f} nats")
        assert line in out, line
    soft = cross_entropy_state(1.9, 0.7, 0.0, target="soft", unit="dits")
    assert f"H(p, q) = {soft['H_pq']:.4f} dits" in out and f"ln 10 = {math.log(10):.4f}" in out


def test_the_try_this_numbers(prose) -> None:
    start = cross_entropy_state(0.5, -0.4, 0.0)
    near_q2 = cross_entropy_state(2.1, 0.0, 0.0)
    soft = cross_entropy_state(1.9, 0.7, 0.0, target="soft")
    assert "$q \\approx (0.50, 0.20, 0.30)$" in prose and "$H(p, q) \\approx 0.70$ nats" in prose
    assert "about 0.22 nats" in prose and "$\\ln 10 \\approx 2.303$" in prose
    np.testing.assert_allclose(start["q"], Q1, atol=0.005)
    np.testing.assert_allclose(near_q2["q"], Q2, atol=0.005)
    assert (round(start["H_pq"], 2), round(near_q2["H_pq"], 2)) == (0.70, 0.22)
    assert start["KL_pq"] == pytest.approx(start["H_pq"]) and math.isinf(start["KL_qp"])
    assert soft["H_p"] > 0 and soft["KL_pq"] < 0.001  # "bring KL near 0"
    assert round(math.log(10), 3) == 2.303


# --- the slips box ---------------------------------------------------------------------------------

def test_one_slips_box_and_its_numbers(nb04, cells) -> None:
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    assert text.count("**Common slips**") == 1 and not re.search(r"^#+ Common slips", text, re.M)
    out = nb04.printed("(the article's 0.55)")
    assert "element-wise log10 0.5528 dits (the article's 0.55), element-wise ln 1.2730 nats, " \
           "categorical ln 0.6931 nats" in out
    assert f"H(p, p) = {float(scipy_entropy(P)):.4f} nats = H(p), not 0" in out


# --- exercises -------------------------------------------------------------------------------------

EX_ANSWERS = {
    1: -math.log2(0.7),
    2: F.binary_cross_entropy(torch.tensor([0.9, 0.2, 0.6], dtype=torch.float64),
                              torch.tensor([1.0, 0.0, 1.0], dtype=torch.float64)).item(),
    4: F.kl_div(F.log_softmax(torch.tensor([0.5, 1.5, -1.0], dtype=torch.float64), dim=-1),
                torch.tensor([0.6, 0.3, 0.1], dtype=torch.float64), reduction="sum").item(),
    5: math.log2(8) - 2.5,
}


def test_nothing_above_the_exercises_gives_their_answers_away(nb04, cells) -> None:
    first_exercise = next(i for i, c in enumerate(cells) if "**Exercise 1:**" in c.source)
    above = "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                    for c in cells[:first_exercise] if c.cell_type == "code" for o in c.outputs)
    for n, value in EX_ANSWERS.items():
        assert f"{value:.4f}" not in above, f"Exercise {n}'s answer is printed above it"
    assert "log2(8)" not in above and "log K - H" not in above


def test_solutions_pass_and_are_folded(nb04, cells) -> None:
    solutions = [c for c in cells if c.cell_type == "code" and c.source.startswith("# Solution to Exercise")]
    assert len(solutions) == 5
    for c in solutions:
        assert c.metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}
        assert "Correct!" in "".join(o.get("data", {}).get("text/plain", "") for o in c.outputs)
    assert checks.one_hot_cross_entropy(EX_ANSWERS[1]).ok
    assert checks.multilabel_bce(EX_ANSWERS[2]).ok
    assert checks.kl_function(nb04.ns["kl"]).ok
    assert checks.kl_div_call(EX_ANSWERS[4]).ok
    assert checks.kl_to_uniform(nb04.ns["answer"]).ok and nb04.ns["answer"] == pytest.approx(0.5)
    assert "H(p) = 2.5000 bits, KL(p || u) = 0.5000 bits" in nb04.printed("# Solution to Exercise 5")


def test_exercise_5_solution_example_has_the_stated_entropy(nb04) -> None:
    p_ex5 = nb04.ns["p_ex5"]
    assert p_ex5.size == 8 and p_ex5.sum() == pytest.approx(1.0)
    assert float(scipy_entropy(p_ex5, base=2)) == pytest.approx(2.5)
    assert kl(p_ex5, np.full(8, 1 / 8), base=2) == pytest.approx(0.5)
    assert nb04.ns["H_random"].max() < 3.0  # no random p beats the uniform distribution's log2 8 bits


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
    shipped = [c for c in learner_code(cells) if "answer = ..." in c.source]
    assert len(shipped) == 4
    for c in shipped:
        shown = "".join(o.get("data", {}).get("text/plain", "") for o in c.outputs)
        assert shown.startswith("Not yet:") and "placeholder" in shown
