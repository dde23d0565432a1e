"""Tests of notebook 05's exercise checkers: right answers pass, each known slip is named, nothing raises.

The expected values come from PyTorch itself (float64), independently of helpers.losses.
"""
from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn as nn

from helpers import checks
from helpers.checks import pytorch as pt

X = torch.tensor(pt.ARTICLE_X, dtype=torch.float64)
Y = torch.tensor(pt.ARTICLE_Y)


def test_article_constants_are_the_printed_tensor() -> None:
    assert pt.ARTICLE_X.tolist() == [[-0.5215, -0.4240, 0.8907], [-0.2820, 0.0445, 1.3734],
                                     [-1.0393, 0.8725, 0.1539]]
    assert pt.ARTICLE_Y.tolist() == [1, 2, 0]


def test_public_names_are_exported() -> None:
    for name in pt.__all__:
        assert getattr(checks, name) is getattr(pt, name)


# --- nll_function ------------------------------------------------------------------------
def test_nll_function_accepts_a_correct_function() -> None:
    def nll(log_probs, target):
        return -log_probs[np.arange(len(target)), target].mean()
    verdict = checks.nll_function(nll)
    assert verdict.ok, verdict.message


def test_nll_function_accepts_a_torch_based_function() -> None:
    def nll(log_probs, target):
        return nn.NLLLoss()(torch.as_tensor(log_probs), torch.as_tensor(target))
    assert checks.nll_function(nll).ok


@pytest.mark.parametrize("bad, words", [
    (..., "placeholder"),
    (42, "should be a function"),
    (lambda lp, t: lp[np.arange(len(t)), t].mean(), "wrong sign"),
    (lambda lp, t: -lp[np.arange(len(t)), t].sum(), "too large"),
    (lambda lp, t: 1 / 0, "ZeroDivisionError"),
])
def test_nll_function_rejects_wrong_functions(bad, words) -> None:
    verdict = checks.nll_function(bad)
    assert not verdict.ok
    assert words in verdict.message


# --- weighted_mean_loss --------------------------------------------------------------------
def torch_weighted(weight) -> float:
    return nn.CrossEntropyLoss(weight=torch.tensor(weight, dtype=torch.float64))(X, Y).item()


def test_weighted_mean_loss_accepts_torch_value() -> None:
    value = torch_weighted([3.0, 1.0, 1.0])
    assert round(value, 4) == 1.8629  # (1.728240 + 0.375545 + 3 * 2.403594) / 5
    assert checks.weighted_mean_loss(value).ok
    assert checks.weighted_mean_loss(torch.tensor(value)).ok
    assert checks.weighted_mean_loss(torch_weighted([1.0, 2.0, 3.0]), weight=(1.0, 2.0, 3.0)).ok


def test_weighted_mean_loss_names_dividing_by_n() -> None:
    rows = nn.CrossEntropyLoss(reduction="none")(X, Y)
    w_i = torch.tensor([3.0, 1.0, 1.0], dtype=torch.float64)[Y]
    verdict = checks.weighted_mean_loss((w_i * rows).sum().item() / 3)
    assert not verdict.ok and "divided by N" in verdict.message
    verdict = checks.weighted_mean_loss((w_i * rows).sum().item())
    assert not verdict.ok and "weighted sum" in verdict.message
    verdict = checks.weighted_mean_loss(rows.mean().item())
    assert not verdict.ok and "unweighted" in verdict.message
    by_row = (torch.tensor([3.0, 1.0, 1.0], dtype=torch.float64) * rows).sum().item() / 5
    verdict = checks.weighted_mean_loss(by_row)
    assert not verdict.ok and "weight[y_i]" in verdict.message


def test_weighted_mean_loss_placeholder_and_junk() -> None:
    assert "placeholder" in checks.weighted_mean_loss(...).message
    assert not checks.weighted_mean_loss("1.98").ok
    assert not checks.weighted_mean_loss([1.0, 2.0]).ok


# --- smoothed_loss ---------------------------------------------------------------------------
def test_smoothed_loss_accepts_torch_value() -> None:
    value = nn.CrossEntropyLoss(label_smoothing=0.2)(X, Y).item()
    assert checks.smoothed_loss(value).ok
    assert checks.smoothed_loss(nn.CrossEntropyLoss(label_smoothing=0.1)(X, Y).item(), epsilon=0.1).ok


def test_smoothed_loss_names_the_usual_slips() -> None:
    log_q = torch.log_softmax(X, dim=1)
    nll = -log_q[torch.arange(3), Y]
    others = -log_q.sum(dim=1) - nll
    eps = 0.2
    assert "without smoothing" in checks.smoothed_loss(nll.mean().item()).message
    assert "left out" in checks.smoothed_loss(((1 - eps) * nll).mean().item()).message
    other_convention = ((1 - eps) * nll + eps / 2 * others).mean().item()
    assert "C - 1" in checks.smoothed_loss(other_convention).message
    assert "target class included" in checks.smoothed_loss(((1 - eps) * nll + eps / 3 * others).mean().item()).message
    assert not checks.smoothed_loss(-nn.CrossEntropyLoss(label_smoothing=0.2)(X, Y).item()).ok


# --- fixed_pipeline_loss ----------------------------------------------------------------------
def test_fixed_pipeline_loss_accepts_cross_entropy() -> None:
    verdict = checks.fixed_pipeline_loss(nn.CrossEntropyLoss()(X.float(), Y))
    assert verdict.ok, verdict.message
    assert "1.50246" in verdict.message


@pytest.mark.parametrize("make, words", [
    (lambda: nn.NLLLoss()(torch.softmax(X, dim=0), Y), "two slips"),
    (lambda: nn.NLLLoss()(torch.softmax(X, dim=1), Y), "negative 'loss'"),
    (lambda: nn.NLLLoss()(torch.log_softmax(X, dim=0), Y), "dim=0"),
    (lambda: nn.CrossEntropyLoss()(torch.softmax(X, dim=1), Y), "double softmax"),
    (lambda: nn.CrossEntropyLoss(reduction="sum")(X, Y), "sum"),
])
def test_fixed_pipeline_loss_names_each_slip(make, words) -> None:
    verdict = checks.fixed_pipeline_loss(make())
    assert not verdict.ok
    assert words in verdict.message


def test_known_wrong_answers_differ_from_the_right_one() -> None:
    right = nn.CrossEntropyLoss()(X, Y).item()
    wrongs = [nn.NLLLoss()(torch.softmax(X, dim=0), Y), nn.NLLLoss()(torch.softmax(X, dim=1), Y),
              nn.NLLLoss()(torch.log_softmax(X, dim=0), Y), nn.CrossEntropyLoss()(torch.softmax(X, dim=1), Y)]
    for w in wrongs:
        assert abs(w.item() - right) > 1e-2
