"""Notebook 05 (PyTorch: softmax -> log -> NLLLoss, and CrossEntropyLoss), executed once: every number
its prose states and every key value it computes, against independent references.

The references are PyTorch in float64 on the typed-in tensor, the closed forms, and hand arithmetic
written out here; the notebook's own variables are only ever the values under test.
"""
from __future__ import annotations

import math
import re
import warnings

import nbformat
import numpy as np
import pytest
import torch
import torch.nn as nn

from helpers import checks, explorers
from helpers.checks import pytorch as pt
from tests.notebook_run import learner_code, notebook_path, run

X64 = torch.tensor([[-0.5215, -0.4240, 0.8907], [-0.2820, 0.0445, 1.3734], [-1.0393, 0.8725, 0.1539]],
                   dtype=torch.float64)
Y = torch.tensor([1, 2, 0])
ARTICLE_SOFTMAX = [[0.1611, 0.1776, 0.6613], [0.1312, 0.1819, 0.6869], [0.0904, 0.6115, 0.2981]]
ARTICLE_LOG_SOFTMAX = [[-1.8258, -1.7282, -0.4135], [-2.0309, -1.7044, -0.3756], [-2.4036, -0.4918, -1.2104]]


@pytest.fixture(scope="module")
def nb():
    return run("05")


@pytest.fixture(scope="module")
def ns(nb):
    return nb.ns


def ce(**kwargs) -> float:
    """PyTorch's CrossEntropyLoss in float64 on the article's tensor."""
    return nn.CrossEntropyLoss(**kwargs)(X64, Y).item()


# --- the tensor ---------------------------------------------------------------------------------------
def test_the_typed_in_tensor(ns) -> None:
    assert ns["x"].dtype == torch.float32 and ns["y"].dtype == torch.int64
    assert torch.equal(ns["x"], X64.float()) and ns["y"].tolist() == [1, 2, 0]
    assert ns["z"].tolist() == X64.tolist() and ns["z"].dtype == np.float64
    assert ns["x"].shape == (3, 3)  # N = 3 samples, C = 3 classes


# --- step 1: softmax ------------------------------------------------------------------------------------
def test_softmax_is_the_articles_matrix(nb, ns) -> None:
    reference = torch.softmax(X64, dim=1).numpy()
    assert np.round(reference, 4).tolist() == ARTICLE_SOFTMAX
    np.testing.assert_allclose(ns["q_hand"], reference, rtol=1e-12)
    np.testing.assert_allclose(ns["q_helpers"], reference, rtol=1e-12)
    np.testing.assert_allclose(ns["q_torch"].numpy(), reference, rtol=1e-6)
    assert torch.round(ns["q_torch"], decimals=4).tolist() == torch.tensor(ARTICLE_SOFTMAX).tolist()
    np.testing.assert_allclose(ns["q_hand"].sum(axis=1), 1.0, rtol=1e-15)
    out = nb.printed("q_hand = np.exp(z)")
    assert "✓ by hand, helpers and PyTorch agree on the softmax: 9 values, to within 1e-6" in out
    assert "✓ every row sums to 1" in out
    # "PyTorch computes in float32 (about 7 significant digits)"
    assert round(-math.log10(np.finfo(np.float32).eps)) == 7
    gap = float(np.abs(ns["q_torch"].numpy() - ns["q_hand"]).max())
    assert 1e-9 < gap < 1e-6  # float32 rounding, visible and small
    bound = float(re.search(r"largest difference below ([0-9.e+-]+)", out).group(1))
    assert gap < bound <= 10 * gap


# --- step 2: log ---------------------------------------------------------------------------------------
def test_log_softmax_three_ways(nb, ns) -> None:
    reference = torch.log_softmax(X64, dim=1).numpy()
    np.testing.assert_allclose(ns["log_q_hand"], reference, rtol=1e-12)
    np.testing.assert_allclose(ns["log_q_helpers"], reference, rtol=1e-12)
    np.testing.assert_allclose(ns["logsoftmax_torch"].numpy(), reference, rtol=1e-6)
    np.testing.assert_allclose(ns["log_q_torch"].numpy(), ns["logsoftmax_torch"].numpy(), atol=1e-6)
    out = nb.printed("log_q_torch = torch.log(q_torch)")
    assert "✓ by hand, helpers and PyTorch agree on the log-probabilities: 9 values in nats, to within" in out
    assert nb.number("log_q_torch = torch.log(q_torch)", "in torch:") < 1e-6


def test_logsoftmax_is_a_matrix_of_log_probabilities_not_a_loss(ns) -> None:
    """The article's comment calls LogSoftmax the NLL loss: it is an N x C matrix of numbers <= 0."""
    out = ns["logsoftmax_torch"]
    assert out.shape == (3, 3) and bool((out <= 0).all())
    assert torch.allclose(out.exp().sum(dim=1), torch.ones(3))


def test_the_two_digits_that_differ_from_the_article(nb, ns) -> None:
    log_q = torch.log_softmax(X64, dim=1).numpy()
    assert (round(log_q[0, 0], 4), round(log_q[1, 2], 4)) == (-1.8257, -0.3755)      # ours
    assert round(ns["logsoftmax_torch"][0, 0].item(), 4) == -1.8257
    assert round(ns["logsoftmax_torch"][1, 2].item(), 4) == -0.3755
    # "Both values lie within 0.00001 of the point where 4-decimal rounding flips"
    assert abs(log_q[0, 0] + 1.82575) < 0.00001 and abs(log_q[1, 2] + 0.37555) < 0.00001
    out = nb.printed("rounding boundary")
    assert "-1.825740 nats -> -1.8257   (article: -1.8258)" in out
    assert "-0.375545 nats -> -0.3755   (article: -0.3756)" in out
    assert "lies 0.000010 from" in out and "lies 0.000005 from" in out


def test_a_nudged_tensor_that_prints_the_same_gives_every_article_number(nb, ns) -> None:
    nudged = ns["x_nudged"]
    assert torch.equal(torch.round(nudged, decimals=4), ns["x"])          # prints as the same tensor
    moved = (nudged.double() - X64).abs()
    assert int((moved > 1e-6).sum()) == 2                                  # two entries moved ...
    assert moved.max().item() == pytest.approx(0.00004, abs=1e-6)         # ... by 0.00004, under 0.00005
    n64 = nudged.double()
    assert np.round(torch.log_softmax(n64, dim=1).numpy(), 4).tolist() == ARTICLE_LOG_SOFTMAX
    assert np.round(torch.softmax(n64, dim=1).numpy(), 4).tolist() == ARTICLE_SOFTMAX
    assert round(nn.CrossEntropyLoss()(n64, Y).item(), 4) == 1.5025
    assert nb.number("x_nudged = x.clone()", "on x_nudged:") == 1.5025


# --- step 3 and CrossEntropyLoss ------------------------------------------------------------------------
def test_per_row_losses_and_their_mean(nb, ns) -> None:
    per_row = nn.CrossEntropyLoss(reduction="none")(X64, Y).numpy()
    assert np.round(per_row, 4).tolist() == [1.7282, 0.3755, 2.4036]
    # by hand: -ln softmax at the targets, from the closed form z_y - log sum exp z
    by_hand = [math.log(sum(math.exp(v) for v in row)) - row[k] for row, k in zip(X64.tolist(), [1, 2, 0])]
    np.testing.assert_allclose(per_row, by_hand, rtol=1e-12)
    np.testing.assert_allclose(ns["per_row_hand"], per_row, rtol=1e-12)
    assert round(ce(), 4) == 1.5025 == round(float(np.mean(by_hand)), 4)
    assert ns["nll_torch"].item() == pytest.approx(ce(), rel=1e-6)
    out = nb.printed("per_row_hand = -log_q_hand")
    assert "per-row loss: 1.7282, 0.3755, 2.4036 nats" in out
    assert "✓ by hand, helpers and PyTorch agree on the mean loss: 1.5025 nats" in out


def test_cross_entropy_loss_is_logsoftmax_plus_nllloss(nb, ns) -> None:
    assert ns["ce_torch"].item() == pytest.approx(ce(), rel=1e-6)
    assert ns["two_steps"].item() == pytest.approx(ce(), rel=1e-6)
    assert torch.nn.functional.cross_entropy(X64, Y).item() == pytest.approx(ce(), rel=1e-15)
    out = nb.printed("two_steps = ")
    assert "nn.CrossEntropyLoss()(x, y) = 1.5025 nats" in out
    assert ("✓ by hand, helpers, LogSoftmax then NLLLoss and CrossEntropyLoss agree on the mean loss: "
            "1.5025 nats") in out


# --- why a log --------------------------------------------------------------------------------------
def test_products_underflow_sums_of_logs_do_not(nb, ns) -> None:
    q_true = ns["q_true"]
    assert q_true.shape == (1000,) and q_true.min() >= 0.1 and q_true.max() <= 0.9
    assert np.array_equal(q_true, np.random.default_rng(5).uniform(0.1, 0.9, size=1000))  # the seeded draw
    logs = np.log(q_true)
    assert ns["sum_logs"] == pytest.approx(math.fsum(logs), rel=1e-12)
    assert round(ns["sum_logs"], 4) == -853.8479
    # the smallest positive float64 is about 4.9e-324 = e^-744; float32 about 1.4e-45 = e^-103
    tiny64, tiny32 = np.nextafter(0.0, 1.0), np.nextafter(np.float32(0), np.float32(1))
    assert f"{tiny64:.1e}" == "4.9e-324" and round(math.log(tiny64)) == -744
    assert f"{float(tiny32):.1e}" == "1.4e-45" and round(math.log(float(tiny32))) == -103
    assert ns["sum_logs"] < math.log(tiny64)                               # far below: it must round to 0
    # where each running product first rounds to 0.0: there the running sum of logs has just crossed
    # the log of the smallest positive number (round to nearest: up to ln 2 below it; rounding on the way
    # through the subnormals can make it a little sooner)
    running_logs = np.cumsum(logs)
    out = nb.printed("q_true = rng.uniform")
    assert "float64: product of all 1000 = 0.0" in out and "float32: product of all 1000 = 0.0" in out
    firsts = {name: int(re.search(rf"{name}: .*first (\d+) factors", out).group(1)) for name in ("float32", "float64")}
    for name, tiny in (("float32", float(tiny32)), ("float64", tiny64)):
        n = firsts[name]
        assert running_logs[n - 1] < math.log(tiny) + math.log(2) + 1e-6
        assert running_logs[n - 2] > math.log(tiny) - 3
    assert firsts["float64"] == int(np.argmax(np.cumprod(q_true) == 0)) + 1
    assert firsts["float32"] < firsts["float64"] / 5                       # float32 much sooner
    assert "sum of the 1000 logs: -853.8479 nats" in out


def test_minus_log_likelihood_of_the_batch_is_the_summed_loss(nb) -> None:
    q = torch.softmax(X64, dim=1)[torch.arange(3), Y]
    assert -math.log(q.prod().item()) == pytest.approx(ce(reduction="sum"), rel=1e-12)
    assert round(ce(reduction="sum"), 4) == 4.5074
    out = nb.printed("likelihood = np.prod")
    assert "-ln of it: 4.5074 nats; sum of the per-row losses: 4.5074 nats" in out


def test_the_notes_on_overflow() -> None:
    with np.errstate(over="ignore", divide="ignore"):
        assert np.isinf(np.exp(np.float64(1000.0))) and np.log(0.0) == -np.inf


# --- reductions and the deprecated arguments -----------------------------------------------------------
def test_reductions(nb) -> None:
    out = nb.printed('for reduction in ("mean", "sum", "none")')
    assert "reduction='mean' : shape (), value 1.5025 nats" in out
    assert "reduction='sum'  : shape (), value 4.5074 nats" in out
    assert "reduction='none' : shape (3,), value 1.7282, 0.3755, 2.4036 nats" in out


def test_size_average_and_reduce_are_translated(nb, ns) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert nn.NLLLoss(size_average=False).reduction == "sum"
        assert nn.NLLLoss(reduce=False).reduction == "none"
    assert ns["old_style"].reduction == "sum" and issubclass(ns["caught"][0].category, UserWarning)
    assert "translated to reduction='sum': 4.5074 nats" in nb.printed("size_average=False")


# --- weight, ignore_index, label_smoothing, soft targets ------------------------------------------------
def test_weight(nb, ns) -> None:
    reference = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64))(X64, Y).item()
    assert round(reference, 4) == 1.1645
    rows = nn.CrossEntropyLoss(reduction="none")(X64, Y).numpy()
    assert round(2 * rows[0] + 3 * rows[1] + 1 * rows[2], 6) == 6.986709      # weights w[y] = 2, 3, 1
    assert round((2 * rows[0] + 3 * rows[1] + rows[2]) / 3, 4) == 2.3289       # the wrong divisor N
    assert ns["weighted_torch"].item() == pytest.approx(reference, rel=1e-6)
    out = nb.printed("w_i = w[t]")
    assert "w[y_i] = [2. 3. 1.]" in out
    assert "2*1.728240 + 3*0.375545 + 1*2.403595 = 6.986709;  / 6 = 1.1645 nats" in out
    assert "instead would give 2.3289 nats" in out
    assert "✓ by hand, helpers and PyTorch agree on the weighted mean loss: 1.1645 nats" in out


def test_ignore_index(nb, ns) -> None:
    assert nn.CrossEntropyLoss().ignore_index == -100 and nn.NLLLoss().ignore_index == -100
    reference = nn.CrossEntropyLoss()(X64, torch.tensor([1, -100, 0])).item()
    rows = nn.CrossEntropyLoss(reduction="none")(X64, Y).numpy()
    assert reference == pytest.approx((rows[0] + rows[2]) / 2, rel=1e-12) and round(reference, 4) == 2.0659
    assert ns["ignored_torch"].item() == pytest.approx(reference, rel=1e-6)
    out = nb.printed("y_ignored = ")
    assert "loss with row 1 ignored: 2.0659 nats = (1.7282 + 2.4036) / 2" in out
    assert "drops the same row: 2.0659 nats" in out


def test_label_smoothing(nb, ns) -> None:
    reference = ce(label_smoothing=0.1)
    log_q = torch.log_softmax(X64, dim=1)
    by_formula = (0.9 * -log_q[torch.arange(3), Y] + 0.1 / 3 * -log_q.sum(dim=1)).mean().item()
    assert reference == pytest.approx(by_formula, rel=1e-12) and round(reference, 4) == 1.4876
    assert ns["smoothed_torch"].item() == pytest.approx(reference, rel=1e-6)
    out = nb.printed("smoothed_torch = ")
    assert "label_smoothing=0.1: 1.4876 nats (without smoothing: 1.5025 nats)" in out
    assert "✓ helpers and PyTorch agree on the label-smoothed loss: 1.4876 nats" in out


def test_smoothing_keeps_the_loss_from_reaching_zero() -> None:
    """"A model can no longer drive this loss to 0 by growing one logit without bound"."""
    def loss(s: float, eps: float) -> float:
        return nn.CrossEntropyLoss(label_smoothing=eps)(torch.tensor([[s, 0.0, 0.0]], dtype=torch.float64),
                                                        torch.tensor([0])).item()
    assert loss(50.0, 0.0) < 1e-20
    assert loss(50.0, 0.1) > loss(5.0, 0.1) > 0.1


def test_soft_targets(nb) -> None:
    soft = torch.tensor([[0.1, 0.8, 0.1], [0.0, 0.2, 0.8], [0.7, 0.2, 0.1]], dtype=torch.float64)
    one_hot = torch.nn.functional.one_hot(Y, 3).double()
    assert round(nn.CrossEntropyLoss()(X64, one_hot).item(), 4) == 1.5025
    assert nn.CrossEntropyLoss()(X64, 0.9 * one_hot + 0.1 / 3).item() == pytest.approx(ce(label_smoothing=0.1))
    by_hand = -(soft * torch.log_softmax(X64, dim=1)).sum(dim=1).mean().item()
    assert round(by_hand, 4) == 1.3833
    out = nb.printed("one_hot = torch.nn.functional.one_hot")
    assert "one-hot          : torch 1.5025, by hand 1.5025, helpers 1.5025 nats" in out
    assert "smoothed one-hot : torch 1.4876, by hand 1.4876, helpers 1.4876 nats" in out
    assert "soft             : torch 1.3833, by hand 1.3833, helpers 1.3833 nats" in out


# --- the explorer's numbers, tested here rather than driven in the notebook --------------------------------
def test_explorer_agrees_with_the_loss_on_the_articles_rows() -> None:
    from helpers.explorers import softmax as sx

    rows = nn.CrossEntropyLoss(reduction="none")(X64, Y).numpy()
    for i in range(3):
        state = sx.softmax_state(*X64[i].tolist(), label=int(Y[i]), temperature=1.0)
        assert state["loss"] == pytest.approx(rows[i], rel=1e-12)
    start = sx.softmax_state(*sx.ARTICLE_ROW, sx.ARTICLE_LABEL)
    assert sx.ARTICLE_ROW == tuple(X64[0].tolist()) and sx.ARTICLE_LABEL == 1      # "starts at the first row, label 1"
    shifted = sx.softmax_state(*(v + 5 for v in sx.ARTICLE_ROW), sx.ARTICLE_LABEL)
    np.testing.assert_allclose(shifted["q"], start["q"], rtol=1e-12)                # softmax sees only differences
    hot = sx.softmax_state(*sx.ARTICLE_ROW, sx.ARTICLE_LABEL, temperature=10.0)
    np.testing.assert_allclose(hot["q"], 1 / 3, atol=0.05)                           # T large: towards 1/3 each
    shown = explorers.softmax_loss()                                             # the live explorer
    assert isinstance(shown, sx.SoftmaxLoss) and shown.reference()[2].startswith("loss = -ln q_1 = 1.7282 nats")


# --- the common slips ---------------------------------------------------------------------------------------
def test_the_slips_and_their_numbers(nb, ns) -> None:
    q = torch.softmax(X64, dim=1)
    double = nn.CrossEntropyLoss()(q, Y).item()
    probs_into_nll = nn.NLLLoss()(q, Y).item()
    wrong_dim = nn.NLLLoss()(torch.log_softmax(X64, dim=0), Y).item()
    assert round(double, 4) == 1.1418 and round(probs_into_nll, 4) == -0.3183 and round(wrong_dim, 4) == 1.3508
    assert probs_into_nll == pytest.approx(-q[torch.arange(3), Y].mean().item(), rel=1e-12)
    assert ns["double_softmax"].item() == pytest.approx(double, rel=1e-6)
    assert ns["probs_into_nll"].item() == pytest.approx(probs_into_nll, rel=1e-5)
    assert ns["wrong_dim"].item() == pytest.approx(wrong_dim, rel=1e-6)
    floor = math.log(1 + 2 / math.e)     # a sure softmax output (1, 0, 0) as logits: -ln(e / (e + 2))
    assert round(floor, 4) == 0.5514 and ns["floor"].item() == pytest.approx(floor, rel=1e-6)
    out = nb.printed("double_softmax = ")
    assert ("correct: 1.5025 | double softmax: 1.1418 | probabilities into NLLLoss: -0.3183 | "
            "dim=0: 1.3508 (nats)") in out
    assert "0.5514 nats = ln(1 + 2/e) = 0.5514" in out


def test_float_labels_raise_and_long_labels_fix_it(nb, ns) -> None:
    with pytest.raises(RuntimeError, match="Float"):
        nn.CrossEntropyLoss()(X64.float(), Y.float())
    assert nb.printed("except RuntimeError") == "RuntimeError: expected target dtype to be Long or Byte, but got Float\n"
    assert "with y_float.long(): 1.5025 nats" in nb.printed("y_float.long()")
    assert ns["y_float"].dtype == torch.float32


# --- exercises: shipped cells run, solutions pass, nothing above gives an answer away -------------------------
def cells_of_notebook() -> list[nbformat.NotebookNode]:
    return learner_code(nbformat.read(notebook_path("05"), as_version=4).cells)


def verdict_of(source: str, ns: dict) -> checks.Verdict:
    """Run a cell's body in a copy of the final namespace and evaluate its last line (the check)."""
    *body, last = source.strip().splitlines()
    env = dict(ns)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec("\n".join(body), env)  # noqa: S102
    return eval(last, env)  # noqa: S307


CHECKS = ["nll_function", "weighted_mean_loss", "smoothed_loss", "fixed_pipeline_loss", "equal_logits_loss"]


@pytest.mark.parametrize("n, name", list(enumerate(CHECKS, start=1)))
def test_each_exercise_ships_unanswered_and_its_solution_passes(ns, n, name) -> None:
    cells = [c for c in cells_of_notebook() if f"checks.{name}(" in c.source]
    shipped, solution = cells
    assert solution.source.startswith(f"# Solution to Exercise {n}")
    assert solution.metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}
    first = verdict_of(shipped.source, ns)
    assert not first.ok and ("placeholder" in first.message or "returns nothing" in first.message)
    verdict = verdict_of(solution.source, ns)
    assert verdict.ok, verdict.message


def test_exercise_answers_are_right_by_independent_reference(ns) -> None:
    assert ce(weight=torch.tensor([3.0, 1.0, 1.0], dtype=torch.float64)) == pytest.approx(1.8629137, rel=1e-6)
    assert ce(weight=torch.tensor([3.0, 1.0, 1.0], dtype=torch.float64)) > ce()      # Exercise 2: it rises
    assert ce(label_smoothing=0.2) == pytest.approx(1.4727287, rel=1e-6)
    xb = torch.tensor(pt.BATCH_X.tolist(), dtype=torch.float64)
    assert torch.equal(ns["x_batch"], xb.float()) and ns["y_batch"].tolist() == pt.BATCH_Y.tolist()
    assert ns["x_batch"].shape == (4, 3)                                                # "a batch of 4 samples"
    assert nn.CrossEntropyLoss()(xb, ns["y_batch"]).item() == pytest.approx(0.5723779, rel=1e-6)
    colleague = nn.NLLLoss()(torch.softmax(xb, dim=0), ns["y_batch"]).item()
    assert colleague < 0                                                                # "prints a negative loss"
    assert nn.CrossEntropyLoss()(torch.zeros(3, 10), torch.tensor([0, 4, 9])).item() == pytest.approx(math.log(10))


def test_typical_wrong_answers_fail_with_their_mistake_named(ns) -> None:
    x, y, xb, yb = ns["x"], ns["y"], ns["x_batch"], ns["y_batch"]
    assert "both slips" in checks.fixed_pipeline_loss(nn.NLLLoss()(torch.softmax(xb, dim=0), yb), hint=0).message
    assert "double softmax" in checks.fixed_pipeline_loss(nn.CrossEntropyLoss()(torch.softmax(xb, dim=1), yb)).message
    assert "article's tensor" in checks.fixed_pipeline_loss(nn.CrossEntropyLoss()(x, y)).message
    assert "unweighted" in checks.weighted_mean_loss(ns["per_row_hand"].mean()).message
    assert "example's eps = 0.1" in checks.smoothed_loss(ns["smoothed_torch"]).message
    assert "3 classes" in checks.equal_logits_loss(math.log(3)).message

    def nll_no_ignore(log_probs, target):
        return -log_probs[np.arange(len(target)), target].mean()
    assert "target -100" in checks.nll_function(nll_no_ignore).message


@pytest.mark.parametrize("name, answer", [
    ("weighted_mean_loss", "1.8629"), ("smoothed_loss", "1.4727"), ("fixed_pipeline_loss", "0.5724"),
    ("equal_logits_loss", "2.3026"),
])
def test_nothing_above_an_exercise_gives_its_answer_away(nb, name, answer) -> None:
    above = []
    for source, out in nb.cells:
        if f"checks.{name}(" in source:
            break
        above.append(source + "\n" + out)
    text = "\n".join(above)
    assert answer not in text


def test_the_solution_to_exercise_5_is_confirmed_by_pytorch(ns) -> None:
    solution = next(c for c in cells_of_notebook() if c.source.startswith("# Solution to Exercise 5"))
    assert "PyTorch: 2.3026 nats" in "".join(o.get("text", "") for o in solution.outputs)


# --- the prose: numbers stated in the Markdown are the ones the code gives --------------------------------------
def markdown() -> str:
    return "\n".join(c.source for c in nbformat.read(notebook_path("05"), as_version=4).cells
                     if c.cell_type == "markdown")


def test_numbers_in_the_prose() -> None:
    text = markdown()
    for stated in ["1.1418 nats here instead of 1.5025", "−0.3183 nats here", "(1.3508 nats here)",
                   "−1.8258 and −0.3756", "−1.8257 and −0.3755", "1.5025 nats",
                   r"4.9 \times 10^{-324} \approx e^{-744}", r"1.4 \times 10^{-45} \approx e^{-103}",
                   "1,000 samples", "between 0.1 and 0.9", r"\ln(1 + 2/e)", "$C = 10$"]:
        assert stated in text, stated
    assert round(ce(), 4) == 1.5025
