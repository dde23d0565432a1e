"""Notebook 05 (PyTorch: softmax -> log -> NLLLoss, and CrossEntropyLoss): the values it publishes and
the claims its prose makes about PyTorch, against independent references.

The references are PyTorch in float64 on the typed-in tensor, the closed forms, and hand arithmetic
written out here. ``tests/support/published.py`` reads the published values from the committed notebook, which
nbval checks against a fresh run; the printed text is nbval's, the prose's numbers
``tests/test_prose_numbers.py``'s.
"""
from __future__ import annotations

import math
import warnings

import nbformat
import numpy as np
import pytest
import torch
import torch.nn as nn

from helpers import checks, explorers
from helpers.checks import pytorch as pt
from tests.support.notebooks import editions, learner_code, notebook_path
from tests.support.published import published

X64 = torch.tensor([[-0.5215, -0.4240, 0.8907], [-0.2820, 0.0445, 1.3734], [-1.0393, 0.8725, 0.1539]],
                   dtype=torch.float64)
Y = torch.tensor([1, 2, 0])
ARTICLE_SOFTMAX = [[0.1611, 0.1776, 0.6613], [0.1312, 0.1819, 0.6869], [0.0904, 0.6115, 0.2981]]
ARTICLE_LOG_SOFTMAX = [[-1.8258, -1.7282, -0.4135], [-2.0309, -1.7044, -0.3756], [-2.4036, -0.4918, -1.2104]]


@pytest.fixture(scope="module", params=editions("05"))
def values(request: pytest.FixtureRequest):
    """Each edition's published values: the Chinese notebook must publish what the English does."""
    return published("05", request.param)


@pytest.fixture(scope="module")
def ns() -> dict:
    """What the exercise cells use, built from the references: the article's tensor and its losses."""
    log_q = torch.log_softmax(X64, dim=1).numpy()
    rows = np.arange(3)
    return {"np": np, "torch": torch, "nn": nn, "checks": checks, "x": X64.float(), "y": Y, "z": X64.numpy(),
            "t": Y.numpy(), "rows": rows, "C": 3, "log_q_hand": log_q, "per_row_hand": -log_q[rows, Y.numpy()],
            "smoothed_torch": nn.CrossEntropyLoss(label_smoothing=0.1)(X64.float(), Y),
            "x_batch": torch.tensor(pt.BATCH_X.tolist()), "y_batch": torch.tensor(pt.BATCH_Y.tolist())}


def ce(**kwargs) -> float:
    """PyTorch's CrossEntropyLoss in float64 on the article's tensor."""
    return nn.CrossEntropyLoss(**kwargs)(X64, Y).item()


# --- the tensor ---------------------------------------------------------------------------------------
def test_the_typed_in_tensor() -> None:
    (source,) = [c.source for c in cells_of_notebook() if c.source.startswith("x = torch.tensor(")]
    typed: dict = {"torch": torch}
    exec(source.split("print(")[0], typed)  # noqa: S102  (the cell's typed-in tensor, without its prints)
    assert typed["x"].dtype == torch.float32 and typed["y"].dtype == torch.int64
    assert torch.equal(typed["x"], X64.float()) and typed["y"].tolist() == [1, 2, 0]


# --- step 1: softmax ------------------------------------------------------------------------------------
def test_softmax_is_the_articles_matrix(values) -> None:
    reference = torch.softmax(X64, dim=1).numpy()
    assert np.round(reference, 4).tolist() == ARTICLE_SOFTMAX
    np.testing.assert_allclose(values["softmax"], reference, rtol=1e-6)     # PyTorch's float32 softmax
    np.testing.assert_allclose(np.sum(values["softmax"], axis=1), 1.0, rtol=1e-6)   # "each row sums to 1"
    assert torch.round(torch.softmax(X64.float(), dim=1), decimals=4).tolist() == torch.tensor(ARTICLE_SOFTMAX).tolist()
    # "PyTorch computes in float32 (about 7 significant digits)"
    assert round(-math.log10(np.finfo(np.float32).eps)) == 7


# --- step 2: log ---------------------------------------------------------------------------------------
def test_log_softmax_three_ways(values) -> None:
    reference = torch.log_softmax(X64, dim=1).numpy()
    np.testing.assert_allclose(values["log_softmax"], reference, rtol=1e-9)


def test_logsoftmax_is_a_matrix_of_log_probabilities_not_a_loss() -> None:
    """The article's comment calls LogSoftmax the NLL loss: it is an N x C matrix of numbers <= 0."""
    out = nn.LogSoftmax(dim=1)(X64.float())
    assert out.shape == (3, 3) and bool((out <= 0).all())
    assert torch.allclose(out.exp().sum(dim=1), torch.ones(3))


def test_the_two_digits_that_differ_from_the_article(values) -> None:
    log_q = values["log_softmax"]
    assert (round(log_q[0, 0], 4), round(log_q[1, 2], 4)) == (-1.8257, -0.3755)      # ours
    logsoftmax_32 = torch.log_softmax(X64.float(), dim=1)                            # "float32 torch gives the same"
    assert (round(logsoftmax_32[0, 0].item(), 4), round(logsoftmax_32[1, 2].item(), 4)) == (-1.8257, -0.3755)
    # "Both values lie within 0.00001 of the point where 4-decimal rounding flips"
    assert abs(log_q[0, 0] + 1.82575) < 0.00001 and abs(log_q[1, 2] + 0.37555) < 0.00001


def test_a_nudged_tensor_that_prints_the_same_gives_every_article_number(values) -> None:
    nudged = torch.tensor(values["x_nudged"], dtype=torch.float32)
    assert torch.equal(torch.round(nudged, decimals=4), X64.float())       # prints as the same tensor
    moved = (nudged.double() - X64).abs()
    assert int((moved > 1e-6).sum()) == 2                                  # two entries moved ...
    assert moved.max().item() == pytest.approx(0.00004, abs=1e-6)         # ... by 0.00004, under 0.00005
    n64 = nudged.double()
    assert np.round(torch.log_softmax(n64, dim=1).numpy(), 4).tolist() == ARTICLE_LOG_SOFTMAX
    assert np.round(torch.softmax(n64, dim=1).numpy(), 4).tolist() == ARTICLE_SOFTMAX
    assert round(nn.CrossEntropyLoss()(n64, Y).item(), 4) == round(ce(), 4)


# --- step 3 and CrossEntropyLoss ------------------------------------------------------------------------
def test_per_row_losses_and_their_mean(values) -> None:
    per_row = nn.CrossEntropyLoss(reduction="none")(X64, Y).numpy()
    # by hand: -ln softmax at the targets, from the closed form z_y - log sum exp z
    by_hand = [math.log(sum(math.exp(v) for v in row)) - row[k] for row, k in zip(X64.tolist(), [1, 2, 0])]
    np.testing.assert_allclose(per_row, by_hand, rtol=1e-9)
    np.testing.assert_allclose(values["per_row"], per_row, rtol=1e-9)
    assert values["mean_loss"] == pytest.approx(ce(), rel=1e-9)
    assert torch.nn.functional.cross_entropy(X64, Y).item() == pytest.approx(float(np.mean(by_hand)), rel=1e-9)


# --- the log, and why the loss takes logits ---------------------------------------------------------------
def test_sum_reduction_is_minus_the_log_likelihood_of_the_batch() -> None:
    """"'sum' adds the per-row losses: minus the log-likelihood of the whole batch"."""
    q = torch.softmax(X64, dim=1)[torch.arange(3), Y]
    assert -math.log(q.prod().item()) == pytest.approx(ce(reduction="sum"), rel=1e-9)
    assert ce(reduction="sum") == pytest.approx(3 * ce(), rel=1e-12)                # 'mean' divides by N


def test_why_the_loss_takes_logits() -> None:
    """Exercise 6's right option and its solution: a probability too small to store rounds to 0 and its
    log is -inf, while the log-softmax computed from the logits stays finite."""
    tiny32 = float(np.nextafter(np.float32(0.0), np.float32(1.0)))                 # float32's smallest number
    assert -120 < math.log(tiny32) == pytest.approx(-103.3, abs=0.1)          # e^-120 is below float32's range
    assert torch.exp(torch.tensor(-120.0)).item() == 0.0 and torch.log(torch.exp(torch.tensor(-120.0))).item() == -math.inf
    z_sure = torch.tensor([[0.0, 120.0, 0.0]])                                   # float32, as in the solution
    assert torch.log(torch.softmax(z_sure, dim=1))[0, 0].item() == -math.inf
    assert torch.log_softmax(z_sure, dim=1)[0, 0].item() == pytest.approx(-120.0, abs=1e-6)
    assert nn.CrossEntropyLoss()(z_sure, torch.tensor([0])).item() == pytest.approx(120.0, abs=1e-6)
    # option (d): the loss ignores a number added to every logit of a row
    assert ce() == pytest.approx(nn.CrossEntropyLoss()(X64 + torch.tensor([[3.0], [-7.0], [11.0]], dtype=torch.float64),
                                                       Y).item(), rel=1e-12)


# --- reductions and the deprecated arguments -----------------------------------------------------------
def test_size_average_and_reduce_are_translated() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert nn.NLLLoss(size_average=False).reduction == "sum"
        assert nn.NLLLoss(reduce=False).reduction == "none"


# --- weight, ignore_index, label_smoothing, soft targets ------------------------------------------------
def test_weight(values) -> None:
    reference = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64))(X64, Y).item()
    rows = nn.CrossEntropyLoss(reduction="none")(X64, Y).numpy()
    assert reference == pytest.approx((2 * rows[0] + 3 * rows[1] + 1 * rows[2]) / 6, rel=1e-9)  # w[y] = 2, 3, 1
    assert values["weighted_mean_loss"] == pytest.approx(reference, rel=1e-9)
    assert values["divided_by_N"] == pytest.approx((2 * rows[0] + 3 * rows[1] + rows[2]) / 3, rel=1e-9)


def test_ignore_index() -> None:
    assert nn.CrossEntropyLoss().ignore_index == -100 and nn.NLLLoss().ignore_index == -100
    reference = nn.CrossEntropyLoss()(X64, torch.tensor([1, -100, 0])).item()
    rows = nn.CrossEntropyLoss(reduction="none")(X64, Y).numpy()
    assert reference == pytest.approx((rows[0] + rows[2]) / 2, rel=1e-9)
    assert nn.CrossEntropyLoss(ignore_index=2)(X64, Y).item() == pytest.approx(reference, rel=1e-9)


def test_label_smoothing(values) -> None:
    reference = ce(label_smoothing=0.1)
    log_q = torch.log_softmax(X64, dim=1)
    by_formula = (0.9 * -log_q[torch.arange(3), Y] + 0.1 / 3 * -log_q.sum(dim=1)).mean().item()
    assert reference == pytest.approx(by_formula, rel=1e-9)
    assert values["smoothed_loss"] == pytest.approx(reference, rel=1e-6)      # PyTorch's float32 value


def test_smoothing_keeps_the_loss_from_reaching_zero() -> None:
    """"A model can no longer drive this loss to 0 by growing one logit without bound"."""
    def loss(s: float, eps: float) -> float:
        return nn.CrossEntropyLoss(label_smoothing=eps)(torch.tensor([[s, 0.0, 0.0]], dtype=torch.float64),
                                                        torch.tensor([0])).item()
    assert loss(50.0, 0.0) < 1e-20
    assert loss(50.0, 0.1) > loss(5.0, 0.1) > 0.1


def test_soft_targets(values) -> None:
    soft = torch.tensor([[0.1, 0.8, 0.1], [0.0, 0.2, 0.8], [0.7, 0.2, 0.1]], dtype=torch.float64)
    one_hot = torch.nn.functional.one_hot(Y, 3).double()
    targets = [one_hot, 0.9 * one_hot + 0.1 / 3, soft]
    # the notebook computes in float32 (about 7 significant digits): agreement to 1e-6
    np.testing.assert_allclose(values["target_loss"], [nn.CrossEntropyLoss()(X64, p).item() for p in targets],
                               rtol=1e-6)
    assert nn.CrossEntropyLoss()(X64, targets[1]).item() == pytest.approx(ce(label_smoothing=0.1))


# --- the explorer's numbers, tested here rather than driven in the notebook --------------------------------
def test_explorer_agrees_with_the_loss_on_the_articles_rows() -> None:
    from helpers.explorers import softmax as sx

    rows = nn.CrossEntropyLoss(reduction="none")(X64, Y).numpy()
    for i in range(3):
        state = sx.softmax_state(*X64[i].tolist(), label=int(Y[i]), temperature=1.0)
        assert state["loss"] == pytest.approx(rows[i], rel=1e-9)
    start = sx.softmax_state(*sx.ARTICLE_ROW, sx.ARTICLE_LABEL)
    assert sx.ARTICLE_ROW == tuple(X64[0].tolist()) and sx.ARTICLE_LABEL == 1      # "starts at the first row, label 1"
    shifted = sx.softmax_state(*(v + 5 for v in sx.ARTICLE_ROW), sx.ARTICLE_LABEL)
    np.testing.assert_allclose(shifted["q"], start["q"], rtol=1e-9)                # softmax sees only differences
    hot = sx.softmax_state(*sx.ARTICLE_ROW, sx.ARTICLE_LABEL, temperature=10.0)
    np.testing.assert_allclose(hot["q"], 1 / 3, atol=0.05)                           # T large: towards 1/3 each
    shown = explorers.softmax_loss()                                             # the live explorer
    assert isinstance(shown, sx.SoftmaxLoss) and shown.reference()[2].startswith("loss = -ln q_1 = 1.7282 nats")


# --- the common slips ---------------------------------------------------------------------------------------
def test_the_slips_and_their_numbers() -> None:
    q = torch.softmax(X64, dim=1)
    probs_into_nll = nn.NLLLoss()(q, Y).item()
    assert probs_into_nll == pytest.approx(-q[torch.arange(3), Y].mean().item(), rel=1e-9) and probs_into_nll < 0
    floor = nn.CrossEntropyLoss()(torch.tensor([[1.0, 0.0, 0.0]], dtype=torch.float64), torch.tensor([0])).item()
    assert floor == pytest.approx(math.log(1 + 2 / math.e), rel=1e-9)   # a sure softmax output (1, 0, 0) as logits


def test_float_labels_raise() -> None:
    with pytest.raises(RuntimeError, match="Float"):
        nn.CrossEntropyLoss()(X64.float(), Y.float())


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


CHECKS = ["nll_function", "weighted_mean_loss", "smoothed_loss", "fixed_pipeline_loss", "equal_logits_loss",
          "why_logits"]


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


def shipped_exercise_4(ns) -> dict:
    (cell,) = [c for c in cells_of_notebook() if "checks.fixed_pipeline_loss(answer)" in c.source
               and "x_batch = " in c.source]
    env = dict(ns)
    exec(cell.source, env)  # noqa: S102  (the exercise's cell as shipped: its batch, a "Not yet")
    return env


def test_exercise_answers_are_right_by_independent_reference(ns) -> None:
    ns = shipped_exercise_4(ns)
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
    ns = shipped_exercise_4(ns)
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
def test_nothing_above_an_exercise_gives_its_answer_away(name, answer) -> None:
    above = []
    for cell in cells_of_notebook():
        if f"checks.{name}(" in cell.source:
            break
        above.append(cell.source)
        above += [str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs]
    assert answer not in "\n".join(above)


