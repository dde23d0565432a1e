"""helpers.losses against torch.nn.functional: property tests in float64, and the curriculum's numbers.

PyTorch is the reference here and helpers.losses (NumPy only) is the independent implementation:
every function must agree with its torch counterpart to 1e-9 relative over random shapes and every
combination of input form ((C,), (N, C), (N, C, d1, ..., dK)), weight, ignore_index, reduction,
label_smoothing and target kind.
"""
from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from helpers import losses

RTOL = 1e-9
ATOL = 1e-12  # only for results near 0, where a relative tolerance means nothing
PROPERTY = settings(max_examples=40, deadline=None)  # one shared 2-core machine: keep it brisk
PER_FORM = settings(max_examples=15, deadline=None)  # grids run once per input form: as many examples in all
ARTICLE_X = [[-0.5215, -0.4240, 0.8907], [-0.2820, 0.0445, 1.3734], [-1.0393, 0.8725, 0.1539]]
ARTICLE_Y = [1, 2, 0]
REDUCTIONS = ("mean", "sum", "none")
FORMS = ("unbatched (C,)", "batch (N, C)", "spatial (N, C, d1, ..., dK)")


def t(x: Any) -> torch.Tensor:
    """A float64 (or int64) tensor of ``x``: the reference always works in double precision."""
    arr = np.asarray(x)
    return torch.tensor(arr, dtype=torch.int64 if arr.dtype.kind in "iu" else torch.float64)


def assert_matches(ours: Any, theirs: torch.Tensor) -> None:
    """Same shape, same values to 1e-9 relative (nan where torch gives nan); scalars as float."""
    ref = theirs.detach().numpy()
    if ref.ndim == 0:
        assert isinstance(ours, float), f"expected a Python float, got {type(ours).__name__}"
    got = np.asarray(ours)
    assert got.shape == ref.shape
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, ref, rtol=RTOL, atol=ATOL, equal_nan=True)


# ---------------------------------------------------------------- strategies

LOGIT = st.floats(-50, 50, allow_nan=False, width=64)


@st.composite
def logits(draw: st.DrawFn, form: str = FORMS[1], max_classes: int = 5) -> np.ndarray:
    """Logits of shape (C,), (N, C) or (N, C, d1[, d2]), with 1 <= C <= max_classes, N <= 6, d_k <= 3."""
    c = draw(st.integers(1, max_classes))
    if form == FORMS[0]:
        return draw(arrays(np.float64, (c,), elements=LOGIT))
    if form == FORMS[1]:
        return draw(arrays(np.float64, (draw(st.integers(1, 6)), c), elements=LOGIT))
    spatial = draw(array_shapes(min_dims=1, max_dims=2, max_side=3))
    return draw(arrays(np.float64, (draw(st.integers(1, 3)), c, *spatial), elements=LOGIT))


def classes(z: np.ndarray) -> int:
    """C: the class axis is axis 1 of a batch, the only axis of one sample."""
    return z.shape[0] if z.ndim == 1 else z.shape[1]


def sample_shape(z: np.ndarray) -> tuple[int, ...]:
    """The shape of one loss per sample, and of class-index targets: ``z``'s shape without the class axis."""
    return () if z.ndim == 1 else (z.shape[0], *z.shape[2:])


def class_dim(z: np.ndarray) -> int:
    return 0 if z.ndim == 1 else 1


@st.composite
def class_indices(draw: st.DrawFn, shape: tuple[int, ...], c: int, ignore_index: int) -> np.ndarray:
    """Class indices in 0..C-1 of the given shape (0-d for one sample), some replaced by ``ignore_index``."""
    y = draw(arrays(np.int64, shape, elements=st.integers(0, c - 1)))
    ignored = draw(arrays(np.bool_, shape))
    return np.where(ignored, ignore_index, y)


@st.composite
def class_probabilities(draw: st.DrawFn, z: np.ndarray) -> np.ndarray:
    """Class probabilities of ``z``'s shape, each summing to 1 along the class axis."""
    p = draw(distributions((*sample_shape(z), classes(z))))
    return np.moveaxis(p, -1, class_dim(z))


@st.composite
def distributions(draw: st.DrawFn, shape: tuple[int, ...]) -> np.ndarray:
    """Probability vectors along the last axis (exact zeros included), each summing to 1."""
    raw = draw(arrays(np.float64, shape, elements=st.floats(0, 1, width=64)))
    total = raw.sum(axis=-1, keepdims=True)
    return np.where(total > 0, raw / np.where(total > 0, total, 1.0), 1.0 / shape[-1])


def class_weights(draw: st.DrawFn, c: int) -> np.ndarray:
    return draw(arrays(np.float64, (c,), elements=st.floats(0.1, 5, width=64)))


# ---------------------------------------------------------------- activations

@PROPERTY
@given(data=st.data())
def test_sigmoid_matches_torch(data: st.DataObject) -> None:
    s = data.draw(arrays(np.float64, array_shapes(max_dims=3, max_side=5),
                         elements=st.floats(-1e3, 1e3, width=64)))
    assert_matches(losses.sigmoid(s), torch.sigmoid(t(s)))


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp"])
@PROPERTY
@given(data=st.data())
def test_softmax_family_matches_torch_on_any_axis(name: str, data: st.DataObject) -> None:
    z = data.draw(arrays(np.float64, array_shapes(max_dims=3, max_side=5), elements=LOGIT))
    axis = data.draw(st.integers(-z.ndim, z.ndim - 1))
    ours = getattr(losses, name)(z, axis=axis)
    theirs = torch.logsumexp(t(z), dim=axis) if name == "logsumexp" else getattr(F, name)(t(z), dim=axis)
    np.testing.assert_allclose(ours, theirs.numpy(), rtol=RTOL, atol=ATOL)
    assert np.shape(ours) == tuple(theirs.shape)


@pytest.mark.parametrize("axis", [0, -1])
@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp"])
def test_softmax_family_takes_a_0d_input_like_torch(name: str, axis: int) -> None:
    z = -7.25  # a 0-d input has one axis, 0 = -1: logsumexp gives z, softmax 1, log_softmax 0
    theirs = torch.logsumexp(t(z), dim=axis) if name == "logsumexp" else getattr(F, name)(t(z), dim=axis)
    assert_matches(getattr(losses, name)(np.float64(z), axis=axis), theirs)
    assert_matches(getattr(losses, name)(np.array(z), axis=axis), theirs)


def test_softmax_defaults_to_the_last_axis() -> None:
    z = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(losses.softmax(z).sum(axis=-1), [1.0, 1.0], rtol=RTOL)
    np.testing.assert_allclose(losses.softmax(z), F.softmax(t(z), dim=-1).numpy(), rtol=RTOL)


# ---------------------------------------------------------------- cross_entropy: every combination

CE_GRID = list(itertools.product(
    ("indices", "probabilities"),  # target kind
    (False, True),                 # weight
    (-100, 1),                     # ignore_index: PyTorch's default, or a real class that is masked
    REDUCTIONS,
    (False, True),                 # label_smoothing: 0, or drawn from [0, 1]
))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("kind", "weighted", "ignore_index", "reduction", "smoothed"), CE_GRID)
@PER_FORM
@given(data=st.data())
def test_cross_entropy_matches_torch(kind: str, weighted: bool, ignore_index: int, reduction: str,
                                     smoothed: bool, form: str, data: st.DataObject) -> None:
    z = data.draw(logits(form))
    c = classes(z)
    if kind == "indices":
        target = data.draw(class_indices(sample_shape(z), c, ignore_index))
    else:
        target = data.draw(class_probabilities(z))
    weight = class_weights(data.draw, c) if weighted else None
    label_smoothing = data.draw(st.floats(0, 1)) if smoothed else 0.0
    kwargs = dict(ignore_index=ignore_index, reduction=reduction, label_smoothing=label_smoothing)

    def theirs() -> torch.Tensor:
        return F.cross_entropy(t(z), t(target), weight=None if weight is None else t(weight), **kwargs)

    if kind == "probabilities" and ignore_index != -100:  # PyTorch refuses; so do we, with a ValueError
        with pytest.raises(RuntimeError, match="ignore_index"):
            theirs()
        with pytest.raises(ValueError, match="^ignore_index: "):
            losses.cross_entropy(z, target, weight=weight, **kwargs)
        return
    assert_matches(losses.cross_entropy(z, target, weight=weight, **kwargs), theirs())


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("weighted", "ignore_index", "reduction"),
                         list(itertools.product((False, True), (-100, 1), REDUCTIONS)))
@PER_FORM
@given(data=st.data())
def test_nll_loss_matches_torch(weighted: bool, ignore_index: int, reduction: str, form: str,
                                data: st.DataObject) -> None:
    z = data.draw(logits(form))
    log_probs = F.log_softmax(t(z), dim=class_dim(z)).numpy()
    c = classes(z)
    target = data.draw(class_indices(sample_shape(z), c, ignore_index))
    weight = class_weights(data.draw, c) if weighted else None
    ours = losses.nll_loss(log_probs, target, weight=weight, ignore_index=ignore_index, reduction=reduction)
    theirs = F.nll_loss(t(log_probs), t(target), weight=None if weight is None else t(weight),
                        ignore_index=ignore_index, reduction=reduction)
    assert_matches(ours, theirs)


@pytest.mark.parametrize("form", FORMS)
@PER_FORM
@given(data=st.data())
def test_cross_entropy_is_nll_of_log_softmax(form: str, data: st.DataObject) -> None:
    z = data.draw(logits(form))
    y = data.draw(class_indices(sample_shape(z), classes(z), ignore_index=-100))
    np.testing.assert_allclose(losses.cross_entropy(z, y, reduction="none"),
                               losses.nll_loss(losses.log_softmax(z, axis=class_dim(z)), y, reduction="none"),
                               rtol=RTOL, atol=ATOL)


# one example of each form, C = 4 classes; class 1 is the ignore_index of the tests below
FORM_EXAMPLES = {FORMS[0]: (np.array([0.5, -1.0, 2.0, 0.0]), np.array(1)),
                 FORMS[1]: (np.arange(12.0).reshape(3, 4) % 5, np.array([1, 3, 1])),
                 FORMS[2]: (np.arange(24.0).reshape(2, 4, 3) % 7, np.array([[1, 0, 1], [2, 1, 3]]))}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["cross_entropy", "nll_loss"])
def test_every_target_ignored_matches_torch(name: str, reduction: str, form: str) -> None:
    """Nothing left to average: 'mean' is nan (0 / 0) in PyTorch and here; 'sum' is 0; 'none' all zeros."""
    z, y = FORM_EXAMPLES[form]
    kwargs: dict[str, Any] = dict(ignore_index=1, reduction=reduction)
    if name == "cross_entropy":
        kwargs["label_smoothing"] = 0.1
    y = np.ones_like(y)
    ours = getattr(losses, name)(z, y, weight=[1.0, 2.0, 3.0, 4.0], **kwargs)
    assert_matches(ours, getattr(F, name)(t(z), t(y), weight=t([1.0, 2.0, 3.0, 4.0]), **kwargs))
    if reduction == "mean":
        assert np.isnan(ours)


@pytest.mark.parametrize("form", FORMS[1:])
@pytest.mark.parametrize("name", ["cross_entropy", "nll_loss"])
def test_weighted_mean_leaves_ignored_samples_out_of_its_denominator(name: str, form: str) -> None:
    """'mean' = sum_i w[y_i] l_i / sum_i w[y_i] over the samples kept: the ignored class's weight 100 is left out."""
    z, y = FORM_EXAMPLES[form]
    w = [1.0, 100.0, 3.0, 4.0]
    ours = getattr(losses, name)(z, y, weight=w, ignore_index=1)
    assert_matches(ours, getattr(F, name)(t(z), t(y), weight=t(w), ignore_index=1))
    kept = y != 1
    per_sample = getattr(losses, name)(z, y, weight=w, ignore_index=1, reduction="none")
    assert ours == pytest.approx(per_sample.sum() / np.take(w, y[kept]).sum(), rel=1e-12)


# ---------------------------------------------------------------- binary cross-entropy

@st.composite
def binary_case(draw: st.DrawFn, weighted: str) -> tuple[tuple[int, int], np.ndarray, np.ndarray | None]:
    """A shape (N, C), soft labels in [0, 1] of that shape, and a weight of the chosen broadcast shape."""
    n, c = draw(st.integers(1, 6)), draw(st.integers(1, 5))
    y = draw(arrays(np.float64, (n, c), elements=st.floats(0, 1, width=64)))
    shapes = {"none": None, "per column": (c,), "per element": (n, c)}
    w_shape = shapes[weighted]
    w = None if w_shape is None else draw(arrays(np.float64, w_shape, elements=st.floats(0, 3, width=64)))
    return (n, c), y, w


@pytest.mark.parametrize(("weighted", "reduction"),
                         list(itertools.product(("none", "per column", "per element"), REDUCTIONS)))
@PROPERTY
@given(data=st.data())
def test_binary_cross_entropy_matches_torch(weighted: str, reduction: str, data: st.DataObject) -> None:
    shape, y, w = data.draw(binary_case(weighted))
    # exact 0 and 1 included: both sides clamp log at -100
    y_hat = data.draw(arrays(np.float64, shape, elements=st.floats(0, 1, width=64)))
    ours = losses.binary_cross_entropy(y_hat, y, weight=w, reduction=reduction)
    theirs = F.binary_cross_entropy(t(y_hat), t(y), weight=None if w is None else t(w), reduction=reduction)
    assert_matches(ours, theirs)


@pytest.mark.parametrize(("weighted", "pos_weighted", "reduction"),
                         list(itertools.product(("none", "per column", "per element"), (False, True), REDUCTIONS)))
@PROPERTY
@given(data=st.data())
def test_binary_cross_entropy_with_logits_matches_torch(weighted: str, pos_weighted: bool, reduction: str,
                                                        data: st.DataObject) -> None:
    shape, y, w = data.draw(binary_case(weighted))
    s = data.draw(arrays(np.float64, shape, elements=LOGIT))
    c = shape[1]
    pw = data.draw(arrays(np.float64, (c,), elements=st.floats(0.1, 5, width=64))) if pos_weighted else None
    ours = losses.binary_cross_entropy_with_logits(s, y, weight=w, pos_weight=pw, reduction=reduction)
    theirs = F.binary_cross_entropy_with_logits(t(s), t(y), weight=None if w is None else t(w),
                                                pos_weight=None if pw is None else t(pw), reduction=reduction)
    assert_matches(ours, theirs)


# ---------------------------------------------------------------- inputs: lists, float32, no mutation

def test_lists_and_float32_are_accepted_and_give_float64() -> None:
    x32 = np.asarray(ARTICLE_X, dtype=np.float32)
    ref = F.cross_entropy(t(x32.astype(np.float64)), t(ARTICLE_Y)).item()
    assert losses.cross_entropy(x32, ARTICLE_Y) == pytest.approx(ref, rel=RTOL)
    assert losses.cross_entropy(ARTICLE_X, ARTICLE_Y) == pytest.approx(
        F.cross_entropy(t(ARTICLE_X), t(ARTICLE_Y)).item(), rel=RTOL)
    assert losses.softmax(x32).dtype == np.float64
    assert losses.sigmoid([0.0]).tolist() == [0.5]


@pytest.mark.parametrize("label_smoothing", [0.0, 0.1])
@pytest.mark.parametrize("kind", ["indices", "probabilities"])
def test_inputs_are_left_untouched(kind: str, label_smoothing: float) -> None:
    rng = np.random.default_rng(3)
    z = rng.normal(size=(5, 4))
    target = rng.integers(0, 4, size=5) if kind == "indices" else losses.softmax(rng.normal(size=(5, 4)))
    z0, target0 = z.copy(), target.copy()
    losses.cross_entropy(z, target, label_smoothing=label_smoothing)
    losses.log_softmax(z), losses.softmax(z), losses.logsumexp(z), losses.sigmoid(z)
    np.testing.assert_array_equal(z, z0)
    np.testing.assert_array_equal(target, target0)


# ---------------------------------------------------------------- the curriculum's numbers (notebook 05)

def test_article_softmax_rows() -> None:
    q = losses.softmax(ARTICLE_X, axis=1)
    expected = [[0.1611, 0.1776, 0.6613], [0.1312, 0.1819, 0.6869], [0.0904, 0.6115, 0.2981]]
    np.testing.assert_array_equal(np.round(q, 4), expected)
    np.testing.assert_allclose(q.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(np.log(q), losses.log_softmax(ARTICLE_X, axis=1), rtol=1e-12)


def test_article_nll_per_row_mean_and_sum() -> None:
    lp = losses.log_softmax(ARTICLE_X)
    np.testing.assert_array_equal(np.round(losses.nll_loss(lp, ARTICLE_Y, reduction="none"), 4),
                                  [1.7282, 0.3755, 2.4036])
    assert round(losses.nll_loss(lp, ARTICLE_Y), 4) == 1.5025
    assert round(losses.nll_loss(lp, ARTICLE_Y, reduction="sum"), 4) == 4.5074
    assert round(losses.cross_entropy(ARTICLE_X, ARTICLE_Y), 4) == 1.5025


def test_article_nll_by_hand() -> None:
    """-log softmax at the target, row by row, written out with nothing but np.exp and np.log."""
    x = np.asarray(ARTICLE_X)
    by_hand = [-np.log(np.exp(row[k]) / np.exp(row).sum()) for row, k in zip(x, ARTICLE_Y)]
    np.testing.assert_allclose(losses.cross_entropy(x, ARTICLE_Y, reduction="none"), by_hand, rtol=1e-12)


def test_article_weight_and_label_smoothing() -> None:
    assert round(losses.cross_entropy(ARTICLE_X, ARTICLE_Y, weight=[1, 2, 3]), 4) == 1.1645
    assert round(losses.cross_entropy(ARTICLE_X, ARTICLE_Y, label_smoothing=0.1), 4) == 1.4876
    # weighted mean by hand: sum_i w[y_i] l_i / sum_i w[y_i], with w[y] = (2, 3, 1)
    rows = losses.cross_entropy(ARTICLE_X, ARTICLE_Y, reduction="none")
    assert losses.cross_entropy(ARTICLE_X, ARTICLE_Y, weight=[1, 2, 3]) == pytest.approx(
        (2 * rows[0] + 3 * rows[1] + 1 * rows[2]) / 6, rel=1e-12)


def test_one_hot_probability_targets_equal_class_indices() -> None:
    one_hot = np.eye(3)[ARTICLE_Y]
    for reduction in REDUCTIONS:
        np.testing.assert_allclose(losses.cross_entropy(ARTICLE_X, one_hot, reduction=reduction),
                                   losses.cross_entropy(ARTICLE_X, ARTICLE_Y, reduction=reduction), rtol=1e-12)
