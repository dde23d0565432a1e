"""Stability at the extremes: logits up to +-1e4 give finite results and no overflow or invalid warnings.

Every call runs with Python warnings turned into errors and NumPy's overflow, invalid-value and
divide-by-zero flags raising. Underflow is allowed: e^(-2e4) is 0, and 0 is the right answer
(sigmoid(-1e4) = 0, a softmax entry of e^(-2e4) = 0).
"""
from __future__ import annotations

import warnings
from collections.abc import Iterator

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers import info, losses

BIG = 1e4
EXTREME = np.array([[BIG, -BIG, 0.0], [-BIG, -BIG, -BIG], [BIG, BIG, BIG], [BIG, BIG - 1.0, -BIG],
                    [-BIG, 0.0, -BIG], [1e-300, -1e-300, 0.0]])
Y_EXTREME = np.array([1, 0, 2, 1, 0, 2])
PROPERTY = settings(max_examples=40, deadline=None)


@pytest.fixture(autouse=True)
def strict() -> Iterator[None]:
    """Any warning is an error; NumPy raises FloatingPointError on overflow, invalid or divide by zero."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            yield


def t(x: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.asarray(x))


def close(ours: object, ref: torch.Tensor) -> None:
    np.testing.assert_allclose(np.asarray(ours), ref.numpy(), rtol=1e-9, atol=1e-12)


# ---------------------------------------------------------------- the named cases

def test_softmax_of_1000_1000_is_one_half_each() -> None:
    assert losses.softmax([1000.0, 1000.0]).tolist() == [0.5, 0.5]
    assert losses.softmax([[1000.0, 1000.0], [-1000.0, -1000.0]]).tolist() == [[0.5, 0.5], [0.5, 0.5]]


def test_sigmoid_of_plus_minus_1e4_is_exactly_1_and_0() -> None:
    assert losses.sigmoid([BIG, -BIG]).tolist() == [1.0, 0.0]
    assert losses.sigmoid(0.0) == 0.5


def test_naive_softmax_would_overflow_here() -> None:
    """The guard is real: the textbook formula e^z / sum e^z fails on the inputs used below."""
    with pytest.raises(FloatingPointError):
        np.exp(np.array([1000.0, 1000.0]))


# ---------------------------------------------------------------- logits up to +-1e4, against torch

@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp"])
@pytest.mark.parametrize("axis", [0, 1, -1])
def test_softmax_family_is_finite_at_1e4(name: str, axis: int) -> None:
    ours = getattr(losses, name)(EXTREME, axis=axis)
    assert np.isfinite(ours).all()
    ref = torch.logsumexp(t(EXTREME), dim=axis) if name == "logsumexp" else getattr(F, name)(t(EXTREME), dim=axis)
    close(ours, ref)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("label_smoothing", [0.0, 0.3])
def test_cross_entropy_is_finite_at_1e4(reduction: str, label_smoothing: float) -> None:
    weight = np.array([1.0, 2.0, 0.5])
    soft = losses.softmax(EXTREME[::-1])
    for target in (Y_EXTREME, soft):
        ours = losses.cross_entropy(EXTREME, target, weight=weight, reduction=reduction,
                                    label_smoothing=label_smoothing)
        assert np.isfinite(ours).all()
        close(ours, F.cross_entropy(t(EXTREME), t(target), weight=t(weight), reduction=reduction,
                                    label_smoothing=label_smoothing))
    # confidently wrong by 2e4 nats: the loss is exactly that, not inf
    assert losses.cross_entropy([[BIG, -BIG]], [1]) == 2 * BIG


def test_nll_of_log_softmax_is_finite_at_1e4() -> None:
    ours = losses.nll_loss(losses.log_softmax(EXTREME), Y_EXTREME, reduction="none")
    assert np.isfinite(ours).all()
    close(ours, F.nll_loss(F.log_softmax(t(EXTREME), dim=1), t(Y_EXTREME), reduction="none"))


@pytest.mark.parametrize("pos_weight", [None, np.array([0.5, 3.0, 1.0])])
def test_bce_with_logits_is_finite_at_1e4(pos_weight: np.ndarray | None) -> None:
    y = np.tile([1.0, 0.0, 0.5], (len(EXTREME), 1))
    ours = losses.binary_cross_entropy_with_logits(EXTREME, y, pos_weight=pos_weight, reduction="none")
    assert np.isfinite(ours).all()
    close(ours, F.binary_cross_entropy_with_logits(t(EXTREME), t(y), reduction="none",
                                                   pos_weight=None if pos_weight is None else t(pos_weight)))


def test_sigmoid_is_finite_and_in_range_at_1e4() -> None:
    s = EXTREME.ravel()
    g = losses.sigmoid(s)
    assert np.all((g >= 0) & (g <= 1))
    close(g, torch.sigmoid(t(s)))
    np.testing.assert_array_equal(losses.sigmoid(-s), 1 - g)  # 1 - g(s) = g(-s), exactly here


@PROPERTY
@given(z=arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 5)),
                elements=st.floats(-BIG, BIG, width=64)))
def test_random_logits_up_to_1e4_are_finite_and_match_torch(z: np.ndarray) -> None:
    y = np.arange(z.shape[0]) % z.shape[1]
    close(losses.log_softmax(z), F.log_softmax(t(z), dim=1))
    close(losses.softmax(z), F.softmax(t(z), dim=1))
    close(losses.logsumexp(z), torch.logsumexp(t(z), dim=1))
    ours = losses.cross_entropy(z, y, reduction="none", label_smoothing=0.1)
    assert np.isfinite(ours).all()
    close(ours, F.cross_entropy(t(z), t(y), reduction="none", label_smoothing=0.1))
    close(losses.binary_cross_entropy_with_logits(z, np.ones_like(z), reduction="none"),
          F.binary_cross_entropy_with_logits(t(z), torch.ones_like(t(z)), reduction="none"))


# ---------------------------------------------------------------- BCE on probabilities: log clamped at -100

def test_bce_clamps_the_log_at_minus_100_like_torch() -> None:
    y_hat = np.array([0.0, 1.0, 0.0, 1.0, 1e-50, 1 - 1e-17, 1e-300, 0.5])
    y = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.5, 1.0])
    ours = losses.binary_cross_entropy(y_hat, y, reduction="none")
    assert ours[:4].tolist() == [100.0, 100.0, 0.0, 0.0]  # -log 0 -> 100, not inf; 0 * log 0 -> 0
    assert ours[4] == 100.0  # log 1e-50 = -115.1, clamped
    close(ours, F.binary_cross_entropy(t(y_hat), t(y), reduction="none"))
    assert losses.binary_cross_entropy([0.0, 0.0], [1.0, 1.0]) == 100.0


# ---------------------------------------------------------------- information theory at the edges

def test_info_at_the_edges_is_exact_and_quiet() -> None:
    assert info.information_content([0.0, 1.0]).tolist() == [np.inf, 0.0]
    assert info.entropy([1.0, 0.0, 0.0]) == 0.0
    assert info.binary_entropy([0.0, 1.0]).tolist() == [0.0, 0.0]
    assert info.kl_divergence([1.0, 0.0], [0.5, 0.5], base=2) == 1.0
    assert info.kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert info.entropy([1e-300, 1 - 1e-300]) == pytest.approx(1e-300 * 300 * np.log(10), rel=1e-12)
    assert np.isfinite(info.elementwise_cross_entropy([1.0, 0.0], [1e-300, 1e-300]))
