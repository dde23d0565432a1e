"""Tests of notebook 06's exercise checkers: right answers pass, each known slip is named, the hints
climb without giving the answer away, and nothing a learner's function does changes a later verdict.

Expected values come from PyTorch (float64, torch.autograd), independently of helpers.losses and
helpers.grads.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers import checks, grads
from helpers.checks import gradients as gc

F64 = torch.float64
CHECKERS = [checks.bce_logit_gradient, checks.mean_ce_gradient, checks.stable_logsumexp,
            checks.label_smoothing_gradient, checks.why_gradient_rows_sum_to_zero]


def test_public_names_are_exported() -> None:
    for name in gc.__all__:
        assert getattr(checks, name) is getattr(gc, name)


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
def test_each_checker_has_graduated_hints(checker) -> None:
    assert getattr(checker, "__exercise__", False) and len(checker.hints) >= 2
    first = checker(..., hint=0)
    assert not first.ok and first.level == 0
    assert [checker(..., hint=k).level for k in range(1, len(checker.hints) + 1)] == \
        list(range(1, len(checker.hints) + 1))


def test_no_hint_gives_the_answer_away() -> None:
    everything = " ".join(h for c in CHECKERS for h in c.hints)
    for value in ("0.82", "5.48", "0.149"):  # Exercise 1's numbers
        assert value not in everything
    assert "ŷ − y" not in " ".join(checks.bce_logit_gradient.hints)
    assert "1/(1 − ŷ)" not in " ".join(checks.bce_logit_gradient.hints)
    # Exercise 4: no hint writes the final formula softmax(z) - p, nor the smoothed target.
    smoothing = " ".join(checks.label_smoothing_gradient.hints)
    assert not re.search(r"softmax\(z\)\s*[−-]", smoothing) and "ε/C" not in smoothing and "ε / C" not in smoothing
    # Exercise 3: the hints never write the formula m + log Σ e^(z_j − m).
    assert "m + log" not in " ".join(checks.stable_logsumexp.hints)


def test_cases_are_read_only_tuples() -> None:
    for cases in (gc.MEAN_CE_CASES, gc.LOGSUMEXP_CASES, gc.SMOOTHED_CE_CASES):
        assert isinstance(cases, tuple)
        for args in cases:
            assert isinstance(args, tuple)
            assert all(not a.flags.writeable for a in args if isinstance(a, np.ndarray))


# --- Exercise 1 ------------------------------------------------------------------------------
def autograd_steps() -> tuple[float, float, float, float]:
    """y_hat, dL/dy_hat, dy_hat/ds and dL/ds at s = 1.5, y = 0, each from torch.autograd (float64)."""
    s = torch.tensor(gc.BCE_EXERCISE_S, dtype=F64, requires_grad=True)
    y_hat = torch.sigmoid(s)
    y_hat.retain_grad()
    F.binary_cross_entropy(y_hat, torch.tensor(gc.BCE_EXERCISE_Y, dtype=F64)).backward()
    s2 = torch.tensor(gc.BCE_EXERCISE_S, dtype=F64, requires_grad=True)
    torch.sigmoid(s2).backward()
    return y_hat.item(), y_hat.grad.item(), s2.grad.item(), s.grad.item()


Q, D1, D2, D3 = autograd_steps()


def test_bce_steps_are_what_autograd_gives() -> None:
    assert (gc.BCE_EXERCISE_S, gc.BCE_EXERCISE_Y) == (1.5, 0.0)
    np.testing.assert_allclose(gc._bce_steps(), (Q, D1, D2, D3), rtol=1e-12)
    assert [round(v, 4) for v in (Q, D1, D2, D3)] == [0.8176, 5.4817, 0.1491, 0.8176]
    verdict = checks.bce_logit_gradient(Q, D1, D2, D3)
    assert verdict.ok and "0.8176 nats per unit of logit" in verdict.message, verdict.message


def test_bce_steps_accept_the_right_numbers_in_any_form() -> None:
    for answer in ((Q, D1, D2, D3), (round(Q, 5), round(D1, 5), round(D2, 5), round(D3, 5)),
                   (np.float32(Q), np.float32(D1), np.float32(D2), np.float32(D3)),
                   (torch.tensor(Q), torch.tensor(D1), torch.tensor(D2), torch.tensor(D3))):
        verdict = checks.bce_logit_gradient(*answer)
        assert verdict.ok, verdict.message


@pytest.mark.parametrize("answer, phrase", [
    ((...,), "the forward pass: y_hat is still the placeholder"),
    ((1 - Q, D1, D2, D3), "g(−s)"),
    ((1.5, D1, D2, D3), "the logit s itself"),
    ((Q,), "step 1: dL_dyhat is still the placeholder"),
    ((Q, -1 / Q, D2, D3), "belongs to y = 1"),
    ((Q, -D1, D2, D3), "step 1: dL_dyhat = -5.4817 has the wrong sign"),
    ((Q, 1 / Q, D2, D3), "divides by ŷ"),
    ((Q, D1, Q, D3), "step 2: dyhat_ds = 0.8176 is ŷ alone"),
    ((Q, D1, 1 - Q, D3), "is 1 − ŷ alone"),
    ((Q, D1, 0.25, D3), "slope at s = 0"),
    ((Q, D1, D2), "step 3: dL_ds is still the placeholder"),
    ((Q, D1, D2, D1 + D2), "adds step 1 and step 2"),
    ((Q, D1, D2, D1 / D2), "divides step 1 by step 2"),
    ((Q, D1, D2, Q - 1), "the gradient for y = 1"),
    ((Q, D1, D2, -D3), "step 3: dL_ds = -0.8176 has the wrong sign"),
    ((Q, D1, D2, D3 * D2), "squared error"),
    ((Q, D1, D2, 2.0), "step 3: dL_ds = 2 nats per unit of logit is too large"),
    (("0.82", D1, D2, D3), "number"),
    ((Q, float("nan"), D2, D3), "nan"),
])
def test_bce_steps_name_the_wrong_step(answer, phrase) -> None:
    verdict = checks.bce_logit_gradient(*answer)
    assert not verdict.ok and phrase in verdict.message, verdict.message


# --- Exercise 2 ------------------------------------------------------------------------------
def torch_mean_grad(z, y) -> np.ndarray:
    """Autograd of PyTorch's mean cross-entropy (reduction='mean', the default) over a batch."""
    z_t = torch.tensor(np.array(z), dtype=F64, requires_grad=True)
    F.cross_entropy(z_t, torch.as_tensor(np.array(y))).backward()
    return z_t.grad.numpy()


def test_mean_ce_cases_use_autograd_values() -> None:
    for z, y in gc.MEAN_CE_CASES:
        np.testing.assert_allclose(gc._mean_ce_grad(z, y), torch_mean_grad(z, y), rtol=1e-12, atol=1e-15)
        assert z.shape[0] != z.shape[1], "a square batch would hide dividing by C instead of N"


def good_mean_grad(z, y):
    q = np.exp(z - z.max(axis=1, keepdims=True))
    q = q / q.sum(axis=1, keepdims=True)
    return (q - np.eye(z.shape[1])[y]) / len(y)


def test_mean_ce_accepts_numpy_and_torch_solutions() -> None:
    assert checks.mean_ce_gradient(good_mean_grad).ok
    assert checks.mean_ce_gradient(torch_mean_grad).ok
    assert checks.mean_ce_gradient(
        lambda z, y: (torch.softmax(torch.tensor(z), 1) - torch.eye(z.shape[1])[y]) / len(y)).ok


def naive_mean_grad(z, y):
    q = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return (q - np.eye(z.shape[1])[y]) / len(y)


def in_place_mean_grad(z, y):
    z -= z.max(axis=1, keepdims=True)   # edits the caller's array: must not touch the shared cases
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    z[np.arange(len(y)), y] -= 1.0
    return z / len(y)


def no_body(z, y):
    ...


def broken(z, y):
    raise KeyError("oops")


@pytest.mark.parametrize("fn, phrase", [
    (..., "placeholder"),
    (3, "should be a function"),
    (no_body, "returns nothing"),
    (broken, "raised KeyError"),
    (naive_mean_grad, "overflows"),
    (lambda z, y: good_mean_grad(z, y) * len(y), "summed loss"),
    (lambda z, y: good_mean_grad(z, y) * len(y) / z.shape[1], "number of classes"),
    (lambda z, y: -good_mean_grad(z, y), "wrong sign"),
    (lambda z, y: (np.exp(z) / np.exp(z).sum(axis=0) - np.eye(z.shape[1])[y]) / len(y), "wrong axis"),
    (lambda z, y: good_mean_grad(z, y) + np.eye(z.shape[1])[y] / len(y), "softmax alone"),
    (lambda z, y: good_mean_grad(z, y)[:, :-1], "shape"),
])
def test_mean_ce_names_each_slip(fn, phrase) -> None:
    verdict = checks.mean_ce_gradient(fn)
    assert not verdict.ok and phrase in verdict.message, verdict.message


def test_no_slip_of_exercise_2_looks_like_the_right_answer() -> None:
    for message, slip in gc._MEAN_CE_SLIPS.items():
        assert any(not np.allclose(slip(z, y), gc._mean_ce_grad(z, y)) for z, y in gc.MEAN_CE_CASES[:2]), message


def test_mean_ce_checker_keeps_its_cases_intact_and_emits_no_warning(recwarn) -> None:
    before = [z.copy() for z, _ in gc.MEAN_CE_CASES]
    assert checks.mean_ce_gradient(in_place_mean_grad).ok
    with np.errstate(all="raise"):  # the checker silences the learner's overflow itself
        assert not checks.mean_ce_gradient(naive_mean_grad).ok
    assert all(np.array_equal(a, z) for a, (z, _) in zip(before, gc.MEAN_CE_CASES))
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
    (lambda z: None, "returns nothing"),
    (lambda z: np.log(np.exp(z).sum()), "overflows"),
    (lambda z: np.log(np.exp(z - z.max()).sum()), "never adds m back"),
    (lambda z: z.max(), "largest logit alone"),
    (lambda z: z.max() + np.log(np.exp(z - z.max()).mean()), "log-mean-exp"),
    (lambda z: 1 / 0, "ZeroDivisionError"),
    (lambda z: z.max() + np.log(np.exp(z - z.max()).sum()) + 1, "too large"),
])
def test_logsumexp_names_each_slip(fn, phrase) -> None:
    verdict = checks.stable_logsumexp(fn)
    assert not verdict.ok and phrase in verdict.message, verdict.message


# --- Exercise 4 ------------------------------------------------------------------------------
def torch_smoothed_grad(z, y, epsilon) -> np.ndarray:
    """Autograd of nn.CrossEntropyLoss(label_smoothing=epsilon) for one sample."""
    z_t = torch.tensor(np.array(z), dtype=F64, requires_grad=True)
    torch.nn.CrossEntropyLoss(label_smoothing=epsilon)(z_t[None], torch.tensor([y])).backward()
    return z_t.grad.numpy()


def test_smoothed_cases_use_autograd_values() -> None:
    for z, y, eps in gc.SMOOTHED_CE_CASES:
        np.testing.assert_allclose(grads.softmax_ce_grad(z, y, label_smoothing=eps), torch_smoothed_grad(z, y, eps),
                                   rtol=1e-12, atol=1e-15)


def good_smoothed(z, y, epsilon):
    q = np.exp(z - z.max())
    q = q / q.sum()
    p = np.full(z.size, epsilon / z.size)
    p[y] += 1.0 - epsilon
    return q - p


def test_label_smoothing_accepts_numpy_and_torch_solutions() -> None:
    assert checks.label_smoothing_gradient(good_smoothed).ok
    assert checks.label_smoothing_gradient(torch_smoothed_grad).ok


def in_place_smoothed(z, y, epsilon):
    z -= z.max()
    return good_smoothed(z, y, epsilon)


@pytest.mark.parametrize("fn, phrase", [
    (..., "placeholder"),
    (lambda z, y, epsilon: None, "returns nothing"),
    (lambda z, y, epsilon: grads.softmax_ce_grad(z, y), "ignores ε"),
    (lambda z, y, epsilon: (1 - epsilon) * grads.softmax_ce_grad(z, y), "scales the one-hot gradient"),
    (lambda z, y, epsilon: good_smoothed(z, y, epsilon) + epsilon / z.size
     - epsilon / (z.size - 1) * (1 - np.eye(z.size)[y]), "C − 1"),
    (lambda z, y, epsilon: good_smoothed(z, y, epsilon) - epsilon * np.eye(z.size)[y], "sums to 1 + ε"),
    (lambda z, y, epsilon: -good_smoothed(z, y, epsilon), "wrong sign"),
    (lambda z, y, epsilon: good_smoothed(z, y, epsilon) * 0 + (np.eye(z.size)[y] * (1 - epsilon) + epsilon / z.size),
     "target p itself"),
    (lambda z, y, epsilon: np.exp(z) / np.exp(z).sum() - (1 - epsilon) * np.eye(z.size)[y] - epsilon / z.size,
     "overflows"),
    (lambda z, y: good_smoothed(z, y, 0.1), "raised TypeError"),
])
def test_label_smoothing_names_each_slip(fn, phrase) -> None:
    verdict = checks.label_smoothing_gradient(fn)
    assert not verdict.ok and phrase in verdict.message, verdict.message


def test_no_slip_of_exercise_4_looks_like_the_right_answer() -> None:
    for message, slip in gc._SMOOTHED_SLIPS.items():
        assert any(not np.allclose(slip(*args), grads.softmax_ce_grad(args[0], args[1], label_smoothing=args[2]))
                   for args in gc.SMOOTHED_CE_CASES[:2]), message


def test_label_smoothing_checker_keeps_its_cases_intact() -> None:
    before = [z.copy() for z, _, _ in gc.SMOOTHED_CE_CASES]
    assert checks.label_smoothing_gradient(in_place_smoothed).ok
    assert checks.label_smoothing_gradient(good_smoothed).ok
    assert all(np.array_equal(a, z) for a, (z, _, _) in zip(before, gc.SMOOTHED_CE_CASES))


# --- Exercise 5 (explain why) -------------------------------------------------------------------
ARTICLE_LOGITS = [[-0.5215, -0.4240, 0.8907], [-0.2820, 0.0445, 1.3734], [-1.0393, 0.8725, 0.1539]]
ARTICLE_LABELS = [1, 2, 0]


@pytest.mark.parametrize("answer", ["d", "D", " (d) "])
def test_why_rows_sum_to_zero_accepts_the_right_letter(answer) -> None:
    verdict = checks.why_gradient_rows_sum_to_zero(answer)
    assert verdict.ok and "1 − 1 = 0" in verdict.message and "at any logits" in verdict.message


@pytest.mark.parametrize("letter, misconception", [
    ("a", "confuses logits with probabilities"),
    ("b", "mistakes a scaling for a cancellation"),
    ("c", "confuses a sum of 0 with entries of 0"),
])
def test_why_rows_sum_to_zero_names_each_misconception(letter, misconception) -> None:
    verdict = checks.why_gradient_rows_sum_to_zero(letter)
    assert not verdict.ok and verdict.message.startswith(f"({letter}) {misconception}"), verdict.message


def test_why_rows_sum_to_zero_diagnoses_are_true() -> None:
    """What the diagnoses claim, with autograd as the reference: rows sum to 0 at any logits, for one
    sample or a mean; the article's first logits do not sum to 0 and its gradient is far from 0; adding
    one number to every logit leaves the loss unchanged."""
    assert abs(sum(ARTICLE_LOGITS[0])) > 0.05  # (a): the logits do not sum to 0
    z0 = torch.tensor([ARTICLE_LOGITS[0]], dtype=F64, requires_grad=True)
    F.cross_entropy(z0, torch.tensor([ARTICLE_LABELS[0]])).backward()  # one sample alone: (b)
    assert z0.grad.sum().item() == pytest.approx(0.0, abs=1e-15)
    assert z0.grad.min().item() < -0.8  # (c): far from the optimum
    rng = np.random.default_rng(5)
    for reduction in ("sum", "mean"):
        z = torch.tensor(rng.normal(0, 3, size=(6, 5)), requires_grad=True)
        F.cross_entropy(z, torch.tensor(rng.integers(0, 5, size=6)), reduction=reduction).backward()
        np.testing.assert_allclose(z.grad.sum(dim=1).numpy(), 0.0, atol=1e-14)
    z = torch.tensor(ARTICLE_LOGITS, dtype=F64)
    y = torch.tensor(ARTICLE_LABELS)
    assert F.cross_entropy(z + 7.5, y).item() == pytest.approx(F.cross_entropy(z, y).item(), rel=1e-12)
