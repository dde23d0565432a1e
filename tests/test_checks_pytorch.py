"""Tests of notebook 05's exercise checkers: right answers pass, each known slip is named, hints come
one at a time and give nothing away, extra keyword arguments reach the checker, nothing raises.

The expected values come from PyTorch itself (float64), independently of helpers.losses.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
import torch
import torch.nn as nn

from helpers import checks
from helpers.checks import pytorch as pt

X = torch.tensor(pt.ARTICLE_X.tolist(), dtype=torch.float64)
Y = torch.tensor(pt.ARTICLE_Y.tolist())
XB = torch.tensor(pt.BATCH_X.tolist(), dtype=torch.float64)
YB = torch.tensor(pt.BATCH_Y.tolist())
CHECKERS = [pt.nll_function, pt.weighted_mean_loss, pt.smoothed_loss, pt.fixed_pipeline_loss, pt.equal_logits_loss,
            pt.why_logits]


def test_article_constants_are_the_printed_tensor_and_read_only() -> None:
    assert pt.ARTICLE_X.tolist() == [[-0.5215, -0.4240, 0.8907], [-0.2820, 0.0445, 1.3734],
                                     [-1.0393, 0.8725, 0.1539]]
    assert pt.ARTICLE_Y.tolist() == [1, 2, 0]
    for arr in (pt.ARTICLE_X, pt.ARTICLE_Y, pt.BATCH_X, pt.BATCH_Y):
        assert not arr.flags.writeable


def test_public_names_are_exported() -> None:
    for name in pt.__all__:
        assert getattr(checks, name) is getattr(pt, name)


# --- hints: graduated, at least two, none gives the answer away ---------------------------------------
@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
def test_every_checker_has_graduated_hints(checker) -> None:
    assert checker.__exercise__ and len(checker.hints) >= 2
    assert len(set(checker.hints)) == len(checker.hints)


ANSWERS = {  # what each exercise's answer would print as, in the digits a hint might leak
    "weighted_mean_loss": "1.8629", "smoothed_loss": "1.4727", "fixed_pipeline_loss": "0.5724",
    "equal_logits_loss": "2.3026",
}


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
def test_no_hint_gives_the_answer_away(checker) -> None:
    for hint in checker.hints:
        assert ANSWERS.get(checker.__name__, "@@") not in hint
        assert not re.search(r"log\(10\)|ln 10|1 / 10|0\.1\b.*each", hint)
        assert "CrossEntropyLoss()(x_batch" not in hint and "[np.arange" not in hint
        assert "/ w_i.sum()" not in hint and "np.log(" not in hint


def test_hints_come_one_at_a_time_and_reset_on_success() -> None:
    assert pt.smoothed_loss(nn.CrossEntropyLoss(label_smoothing=0.2)(X, Y).item()).ok  # a fresh count
    first = pt.smoothed_loss(0.5)
    assert not first.ok and first.level == 0 and "Hint" not in repr(first)
    second = pt.smoothed_loss(0.5)
    assert second.level == 1 and "Hint 1 of 3" in repr(second)
    assert pt.smoothed_loss(0.5, hint=3).hint == pt.smoothed_loss.hints[2]
    assert pt.smoothed_loss(nn.CrossEntropyLoss(label_smoothing=0.2)(X, Y).item()).ok
    assert pt.smoothed_loss(0.5).level == 0


# --- nll_function ------------------------------------------------------------------------------------
def nll_right(log_probs, target):
    keep = target != -100
    return -log_probs[np.arange(len(target))[keep], target[keep]].mean()


def test_nll_function_accepts_a_correct_function() -> None:
    verdict = checks.nll_function(nll_right)
    assert verdict.ok, verdict.message


def test_nll_function_accepts_torch_nllloss() -> None:
    def nll(log_probs, target):
        return nn.NLLLoss()(torch.as_tensor(log_probs), torch.as_tensor(target))
    assert checks.nll_function(nll).ok


def test_nll_function_cases_include_ignored_rows_that_torch_ignores() -> None:
    cases = pt._nll_cases()
    assert sum((y == -100).any() for _, _, y in cases) == 2
    for _, lp, y in cases:
        expected = nn.NLLLoss()(torch.tensor(lp), torch.tensor(y)).item()
        assert nll_right(lp, y) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("bad, words", [
    (..., "placeholder"),
    (42, "should be a function"),
    (lambda lp, t: None, "returns nothing"),
    (lambda lp, t: -lp[np.arange(len(t)), t].mean(), "target -100 must be left out"),
    (lambda lp, t: lp[np.where(t != -100)[0], t[t != -100]].mean(), "wrong sign"),
    (lambda lp, t: -lp[np.where(t != -100)[0], t[t != -100]].sum(), "sum over the rows"),
    (lambda lp, t: -np.where(t != -100, lp[np.arange(len(t)), np.where(t != -100, t, 0)], 0).sum() / len(t),
     "divided by all N rows"),
    (lambda lp, t: -lp.mean(), "whole matrix"),
    (lambda lp, t: -lp[np.arange(len(t)), t], "one number per row"),
    (lambda lp, t: -np.log(lp[np.arange(len(t)), t]).mean(), "nan"),
    (lambda lp, t: 1 / 0, "ZeroDivisionError"),
])
def test_nll_function_names_the_mistake(bad, words) -> None:
    verdict = checks.nll_function(bad, hint=0)
    assert not verdict.ok
    assert words in verdict.message, verdict.message


def test_nll_function_names_columns_picked_whole() -> None:
    lp = np.log(np.array([[0.5, 0.5], [0.9, 0.1], [0.2, 0.8]]))
    slips = dict((reason.split(";")[0], value) for value, reason in pt._nll_slips(lp, np.array([0, 0, 1])))
    assert slips["indexing with [:, target] takes whole columns (an N x N block)"] == pytest.approx(
        -lp[:, [0, 0, 1]].mean())


# --- weighted_mean_loss --------------------------------------------------------------------------------
def torch_weighted(weight) -> float:
    return nn.CrossEntropyLoss(weight=torch.tensor(weight, dtype=torch.float64))(X, Y).item()


def test_weighted_mean_loss_accepts_torch_value() -> None:
    value = torch_weighted([3.0, 1.0, 1.0])
    assert round(value, 4) == 1.8629  # (1.728240 + 0.375545 + 3 * 2.403594) / 5
    assert checks.weighted_mean_loss(value).ok
    assert checks.weighted_mean_loss(torch.tensor(value)).ok


def test_weighted_mean_loss_passes_its_keyword_through() -> None:
    assert checks.weighted_mean_loss(torch_weighted([1.0, 2.0, 3.0]), weight=(1.0, 2.0, 3.0)).ok
    assert not checks.weighted_mean_loss(torch_weighted([1.0, 2.0, 3.0])).ok
    assert checks.weighted_mean_loss(torch_weighted([0.5, 4.0, 1.0]), weight=(0.5, 4.0, 1.0), hint=2).ok


def test_weighted_mean_loss_names_the_slips() -> None:
    rows = nn.CrossEntropyLoss(reduction="none")(X, Y)
    w = torch.tensor([3.0, 1.0, 1.0], dtype=torch.float64)
    w_i = w[Y]
    for value, words in [((w_i * rows).sum().item() / 3, "divided by N"),
                         ((w_i * rows).sum().item(), "weighted sum"),
                         (rows.mean().item(), "unweighted"),
                         ((w * rows).sum().item() / 5, "weight[y_i]"),
                         (torch_weighted([1.0, 2.0, 3.0]), "example's weight [1, 2, 3]; this exercise uses [3, 1, 1]"),
                         (-torch_weighted([3.0, 1.0, 1.0]), "wrong sign")]:
        verdict = checks.weighted_mean_loss(value, hint=0)
        assert not verdict.ok and words in verdict.message, verdict.message


def test_weighted_mean_loss_placeholder_and_junk() -> None:
    assert "placeholder" in checks.weighted_mean_loss(...).message
    assert not checks.weighted_mean_loss("1.98").ok
    assert not checks.weighted_mean_loss([1.0, 2.0]).ok


# --- smoothed_loss -----------------------------------------------------------------------------------
def test_smoothed_loss_accepts_torch_value_and_passes_epsilon_through() -> None:
    assert checks.smoothed_loss(nn.CrossEntropyLoss(label_smoothing=0.2)(X, Y).item()).ok
    assert checks.smoothed_loss(nn.CrossEntropyLoss(label_smoothing=0.1)(X, Y).item(), epsilon=0.1).ok
    assert checks.smoothed_loss(nn.CrossEntropyLoss(label_smoothing=0.35)(X, Y), epsilon=0.35).ok


def test_smoothed_loss_names_the_usual_slips() -> None:
    log_q = torch.log_softmax(X, dim=1)
    nll = -log_q[torch.arange(3), Y]
    everything = -log_q.sum(dim=1)
    others = everything - nll
    eps = 0.2
    for value, words in [(nll.mean(), "without smoothing"), (((1 - eps) * nll).mean(), "left out"),
                         (((1 - eps) * nll + eps / 2 * others).mean(), "C - 1"),
                         (((1 - eps) * nll + eps / 3 * others).mean(), "target class included"),
                         (((1 - eps) * nll + eps * everything).mean(), "not eps"),
                         (nn.CrossEntropyLoss(label_smoothing=eps, reduction="sum")(X, Y), "sum over the 3 rows"),
                         (nn.CrossEntropyLoss(label_smoothing=0.1)(X, Y), "example's eps = 0.1")]:
        verdict = checks.smoothed_loss(value.item(), hint=0)
        assert not verdict.ok and words in verdict.message, verdict.message
    assert not checks.smoothed_loss(-nn.CrossEntropyLoss(label_smoothing=0.2)(X, Y).item()).ok


# --- fixed_pipeline_loss -------------------------------------------------------------------------------
def test_fixed_pipeline_loss_accepts_cross_entropy_of_the_batch() -> None:
    verdict = checks.fixed_pipeline_loss(nn.CrossEntropyLoss()(XB.float(), YB))
    assert verdict.ok, verdict.message
    assert "0.572378" in verdict.message
    assert checks.fixed_pipeline_loss(nn.NLLLoss()(torch.log_softmax(XB, dim=1), YB)).ok


SLIPS = [
    (lambda: nn.NLLLoss()(torch.softmax(XB, dim=0), YB), "both slips"),
    (lambda: nn.NLLLoss()(torch.softmax(XB, dim=1), YB), "negative 'loss'"),
    (lambda: nn.NLLLoss()(torch.log_softmax(XB, dim=0), YB), "dim=0"),
    (lambda: nn.CrossEntropyLoss()(torch.softmax(XB, dim=1), YB), "double softmax"),
    (lambda: nn.CrossEntropyLoss()(torch.softmax(XB, dim=0), YB), "over the wrong dim"),
    (lambda: nn.CrossEntropyLoss(reduction="sum")(XB, YB), "sum over the 4 rows"),
    (lambda: nn.CrossEntropyLoss()(X, Y), "article's tensor"),
]


@pytest.mark.parametrize("make, words", SLIPS)
def test_fixed_pipeline_loss_names_each_slip(make, words) -> None:
    verdict = checks.fixed_pipeline_loss(make(), hint=0)
    assert not verdict.ok
    assert words in verdict.message, verdict.message


def test_known_wrong_answers_differ_from_the_right_one_and_each_other() -> None:
    values = [nn.CrossEntropyLoss()(XB, YB).item()] + [make().item() for make, _ in SLIPS]
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            assert abs(a - b) > 5e-3 and abs(a + b) > 5e-3  # never mistaken for each other or for a sign slip


# --- equal_logits_loss ----------------------------------------------------------------------------------
def test_equal_logits_loss_is_ln_c_as_torch_gives() -> None:
    for c in (10, 4):
        value = nn.CrossEntropyLoss()(torch.full((5, c), -1.3, dtype=torch.float64), torch.arange(5) % c).item()
        assert value == pytest.approx(math.log(c), rel=1e-12)
        assert checks.equal_logits_loss(value, n_classes=c).ok
    assert checks.equal_logits_loss(math.log(10)).ok


@pytest.mark.parametrize("value, words", [
    (0.1, "probability"), (0.0, "no perfect prediction"), (math.log(3), "3 classes"),
    (math.log2(10), "bits"), (-math.log(10), "wrong sign"), (..., "placeholder"), ("ln 10", "number"),
])
def test_equal_logits_loss_names_the_mistake(value, words) -> None:
    verdict = checks.equal_logits_loss(value, hint=0)
    assert not verdict.ok and words in verdict.message, verdict.message


# --- why_logits (explain why) ---------------------------------------------------------------------------
def test_why_logits_passes_the_right_letter_however_written() -> None:
    for answer in ("c", "C", " (c) "):
        verdict = checks.why_logits(answer)
        assert verdict.ok and verdict.message.startswith("(c): ") and "rounds to 0" in verdict.message
        assert "e^-120" in verdict.message and "float32" in verdict.message     # the example of the solution


@pytest.mark.parametrize("letter, words", [
    ("a", "puts speed first"),                         # the speed myth
    ("b", "assumes autograd cannot differentiate"),     # softmax is not differentiable
    ("d", "throws away information"),                  # logits carry more than the loss can use
])
def test_why_logits_names_the_misconception_of_each_wrong_option(letter, words) -> None:
    verdict = checks.why_logits(letter, hint=0)
    assert not verdict.ok and verdict.message.startswith(f"({letter}) ") and words in verdict.message


def test_why_logits_reads_only_one_of_its_letters() -> None:
    assert "placeholder" in checks.why_logits(..., hint=0).message
    assert "one letter" in checks.why_logits("e", hint=0).message
    assert "as a string" in checks.why_logits(3, hint=0).message
    messages = {checks.why_logits(letter, hint=0).message for letter in "abcd"}
    assert len(messages) == 4
