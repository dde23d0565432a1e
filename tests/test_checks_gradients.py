"""Tests of notebook 06's exercise checkers: right answers pass, each known slip is named, nothing raises.

Expected values come from PyTorch (float64), independently of helpers.losses.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from helpers import checks, grads
from helpers.checks import gradients as gc

Y_HAT = torch.sigmoid(torch.tensor(-2.0, dtype=torch.float64)).item()


def test_public_names_are_exported() -> None:
    for name in gc.__all__:
        assert getattr(checks, name) is getattr(gc, name)


# --- Exercise 1 ------------------------------------------------------------------------------
def test_bce_gradient_accepts_the_right_number_in_any_form() -> None:
    for answer in (Y_HAT - 1.0, round(Y_HAT - 1.0, 5), np.float32(Y_HAT - 1.0), torch.tensor(Y_HAT - 1.0),
                   np.array([Y_HAT - 1.0])):
        verdict = checks.bce_logit_gradient(answer)
        assert verdict.ok, verdict.message


@pytest.mark.parametrize("answer, phrase", [
    (..., "placeholder"),
    (1.0 - Y_HAT, "wrong sign"),
    ((Y_HAT - 1.0) * Y_HAT * (1.0 - Y_HAT), "squared error"),
    ((Y_HAT - 1.0) / (Y_HAT * (1.0 - Y_HAT)), "dL/dŷ"),
    (-2.0 - 1.0, "apply the sigmoid"),
    (0.25, "too large"),
    ("-0.88", "number"),
    (float("nan"), "nan"),
])
def test_bce_gradient_names_each_slip(answer, phrase) -> None:
    verdict = checks.bce_logit_gradient(answer)
    assert not verdict.ok and phrase in verdict.message


# --- Exercise 2 ------------------------------------------------------------------------------
def torch_grad(z: np.ndarray, y: int) -> np.ndarray:
    z_t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    torch.nn.functional.cross_entropy(z_t[None], torch.tensor([y])).backward()
    return z_t.grad.numpy()


def test_softmax_ce_cases_use_autograd_values() -> None:
    for z, y in gc.SOFTMAX_CE_CASES:
        np.testing.assert_allclose(grads.softmax_ce_grad(z, y), torch_grad(z, y), rtol=1e-12, atol=1e-15)


def good_grad(z, y):
    q = np.exp(z - z.max())
    q = q / q.sum()
    q[y] -= 1.0
    return q


def test_softmax_ce_accepts_numpy_and_torch_solutions() -> None:
    assert checks.softmax_ce_gradient(good_grad).ok
    assert checks.softmax_ce_gradient(lambda z, y: torch.softmax(torch.tensor(z), 0) - torch.eye(len(z))[y]).ok
    assert checks.softmax_ce_gradient(torch_grad).ok


def naive_grad(z, y):
    q = np.exp(z) / np.exp(z).sum()
    q[y] -= 1.0
    return q


def in_place_grad(z, y):
    z -= z.max()          # edits the caller's array: must not corrupt the shared cases
    q = np.exp(z) / np.exp(z).sum()
    q[y] -= 1.0
    return q


def no_body(z, y):
    ...


def broken(z, y):
    raise KeyError("oops")


@pytest.mark.parametrize("fn, phrase", [
    (..., "placeholder"),
    (3, "should be a function"),
    (no_body, "returns None"),
    (broken, "raised KeyError"),
    (naive_grad, "nan"),
    (lambda z, y: np.exp(z - z.max()) / np.exp(z - z.max()).sum(), "softmax(z) itself"),
    (lambda z, y: -good_grad(z, y), "sign is flipped"),
    (lambda z, y: good_grad(z, y)[:-1], "shape"),
])
def test_softmax_ce_names_each_slip(fn, phrase) -> None:
    verdict = checks.softmax_ce_gradient(fn)
    assert not verdict.ok and phrase in verdict.message, verdict.message


def test_softmax_ce_checker_keeps_its_cases_intact_and_emits_no_warning(recwarn) -> None:
    before = [z.copy() for z, _ in gc.SOFTMAX_CE_CASES]
    assert checks.softmax_ce_gradient(in_place_grad).ok
    with np.errstate(all="raise"):  # the checker silences the learner's overflow itself
        assert not checks.softmax_ce_gradient(naive_grad).ok
    assert all(np.array_equal(a, z) for a, (z, _) in zip(before, gc.SOFTMAX_CE_CASES))
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


# --- Exercise 3 ------------------------------------------------------------------------------
def test_logsumexp_cases_against_torch_and_closed_forms() -> None:
    for (z,) in gc.LOGSUMEXP_CASES:
        assert gc.logsumexp(z) == pytest.approx(torch.logsumexp(torch.tensor(z), 0).item(), rel=1e-14)
    assert gc.logsumexp(np.array([-1000.0, -1000.0])) == pytest.approx(-1000 + math.log(2), rel=1e-15)


def test_logsumexp_accepts_stable_solutions() -> None:
    assert checks.stable_logsumexp(lambda z: z.max() + np.log(np.exp(z - z.max()).sum())).ok
    assert checks.stable_logsumexp(lambda z: torch.logsumexp(torch.tensor(z), 0)).ok


@pytest.mark.parametrize("fn, phrase", [
    (..., "placeholder"),
    ("logsumexp", "should be a function"),
    (lambda z: None, "returns None"),
    (lambda z: np.log(np.exp(z).sum()), "overflows"),
    (lambda z: np.log(np.exp(z - z.max()).sum()), "too small"),
    (lambda z: z.max(), "too small"),
    (lambda z: 1 / 0, "ZeroDivisionError"),
])
def test_logsumexp_names_each_slip(fn, phrase) -> None:
    verdict = checks.stable_logsumexp(fn)
    assert not verdict.ok and phrase in verdict.message, verdict.message
