"""helpers.info against SciPy (scipy.stats.entropy, scipy.special) and hand calculations.

Includes the curriculum's key numbers: the shooters of notebook 03 and the article's
cross-entropy example of notebook 04.
"""
from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays
from scipy import special, stats

from helpers import experiments, info
from tests.references import count_bits, huffman_average_length

RTOL = 1e-9
ATOL = 1e-12
PROPERTY = settings(max_examples=60, deadline=None)
BASES = (None, 2, 10, math.e, 0.5, 3.7)
UNIT = {None: 1.0, 2: math.log(2), 10: math.log(10), math.e: 1.0, 0.5: math.log(0.5), 3.7: math.log(3.7)}


@st.composite
def distributions(draw: st.DrawFn, shape: tuple[int, ...] | None = None) -> np.ndarray:
    """Probability vectors along the last axis (exact zeros and ones included), each summing to 1."""
    shape = shape or draw(array_shapes(max_dims=3, max_side=5))
    raw = draw(arrays(np.float64, shape, elements=st.floats(0, 1, width=64)))
    total = raw.sum(axis=-1, keepdims=True)
    return np.where(total > 0, raw / np.where(total > 0, total, 1.0), 1.0 / shape[-1])


def probabilities() -> st.SearchStrategy[np.ndarray]:
    return arrays(np.float64, array_shapes(min_dims=0, max_dims=3, max_side=5), elements=st.floats(0, 1, width=64))


def close(ours: object, ref: object) -> None:
    np.testing.assert_allclose(np.asarray(ours), np.asarray(ref), rtol=RTOL, atol=ATOL)
    assert np.shape(ours) == np.shape(ref)


# ---------------------------------------------------------------- against SciPy

@pytest.mark.parametrize("base", BASES)
@PROPERTY
@given(p=probabilities())
def test_information_content_is_minus_log(base: float | None, p: np.ndarray) -> None:
    with np.errstate(divide="ignore"):
        close(info.information_content(p, base=base), -np.log(p) / UNIT[base])


@pytest.mark.parametrize("base", BASES)
@PROPERTY
@given(p=distributions())
def test_entropy_matches_scipy(base: float | None, p: np.ndarray) -> None:
    close(info.entropy(p, base=base), stats.entropy(p, base=base, axis=-1))


@pytest.mark.parametrize("base", BASES)
@PROPERTY
@given(p=probabilities())
def test_binary_entropy_matches_scipy_entr(base: float | None, p: np.ndarray) -> None:
    close(info.binary_entropy(p, base=base), (special.entr(p) + special.entr(1 - p)) / UNIT[base])


@pytest.mark.parametrize("base", BASES)
@PROPERTY
@given(data=st.data())
def test_cross_entropy_and_kl_match_scipy(base: float | None, data: st.DataObject) -> None:
    p = data.draw(distributions())
    q = data.draw(distributions(p.shape))
    close(info.cross_entropy(p, q, base=base), -special.xlogy(p, q).sum(axis=-1) / UNIT[base])
    close(info.kl_divergence(p, q, base=base), stats.entropy(p, q, base=base, axis=-1))


@pytest.mark.parametrize("base", BASES)
@PROPERTY
@given(data=st.data())
def test_elementwise_cross_entropy_matches_scipy_xlogy(base: float | None, data: st.DataObject) -> None:
    p = data.draw(probabilities().filter(lambda a: a.ndim >= 1))
    q = data.draw(arrays(np.float64, p.shape, elements=st.floats(0, 1, width=64)))
    ref = -(special.xlogy(p, q) + special.xlogy(1 - p, 1 - q)).sum(axis=-1) / UNIT[base]
    close(info.elementwise_cross_entropy(p, q, base=base), ref)


# ---------------------------------------------------------------- identities that must hold for any p, q

@PROPERTY
@given(data=st.data())
def test_gibbs_inequality_and_decomposition(data: st.DataObject) -> None:
    p = data.draw(distributions())
    q = data.draw(distributions(p.shape))
    h_pq, h_p, kl = info.cross_entropy(p, q), info.entropy(p), info.kl_divergence(p, q)
    assert np.all(np.asarray(kl) >= -1e-12)
    assert np.all(np.asarray(h_pq) >= np.asarray(h_p) - 1e-12)
    finite = np.isfinite(h_pq)
    np.testing.assert_allclose(np.asarray(kl)[finite], (np.asarray(h_pq) - h_p)[finite], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(info.kl_divergence(p, p), 0.0, atol=1e-12)


@PROPERTY
@given(k=st.integers(1, 64))
def test_uniform_distribution_has_the_maximum_log_k(k: int) -> None:
    assert info.entropy(np.full(k, 1.0 / k), base=2) == pytest.approx(math.log2(k), rel=1e-12, abs=1e-15)


@PROPERTY
@given(p=st.floats(1e-150, 1), q=st.floats(1e-150, 1))
def test_information_of_independent_events_adds(p: float, q: float) -> None:
    assert info.information_content(p * q) == pytest.approx(
        info.information_content(p) + info.information_content(q), rel=1e-9, abs=1e-12)


# ---------------------------------------------------------------- conventions and hand calculations

def test_zero_log_zero_is_zero_and_impossible_events_are_infinitely_surprising() -> None:
    assert info.entropy([1.0, 0.0]) == 0.0
    assert info.binary_entropy(0.0) == 0.0 and info.binary_entropy(1.0) == 0.0
    assert info.information_content(0.0) == math.inf
    assert info.information_content(1.0) == 0.0
    assert info.cross_entropy([1.0, 0.0], [0.0, 1.0]) == math.inf
    assert info.cross_entropy([0.0, 1.0], [0.0, 1.0]) == 0.0


def test_units_fair_coin_and_one_in_eight() -> None:
    assert info.information_content(0.5, base=2) == 1.0
    assert info.information_content(1 / 8, base=2) == pytest.approx(3.0, rel=1e-15)
    assert info.entropy([0.5, 0.5], base=2) == 1.0
    assert info.binary_entropy(0.5, base=2) == 1.0
    assert info.information_content(0.5) == pytest.approx(math.log(2), rel=1e-15)   # nats
    assert info.information_content(0.1, base=10) == pytest.approx(1.0, rel=1e-15)  # dits
    # 1 nat = 1/ln 2 bits
    assert info.information_content(1 / math.e, base=2) == pytest.approx(1 / math.log(2), rel=1e-15)


def test_scalars_come_back_as_float_and_arrays_keep_their_leading_shape() -> None:
    assert type(info.entropy([0.25, 0.75])) is float
    assert type(info.binary_entropy(0.3)) is float
    assert np.shape(info.entropy(np.full((4, 2, 3), 1 / 3))) == (4, 2)
    assert np.shape(info.binary_entropy([0.1, 0.5])) == (2,)


def test_binary_entropy_is_the_two_outcome_entropy_and_symmetric() -> None:
    p = np.linspace(0, 1, 101)
    close(info.binary_entropy(p), info.entropy(np.stack([p, 1 - p], axis=-1)))
    close(info.binary_entropy(p), info.binary_entropy(1 - p))
    assert p[np.argmax(info.binary_entropy(p))] == 0.5


def test_kl_is_not_symmetric_by_hand() -> None:
    p, q = [0.5, 0.5], [0.9, 0.1]
    by_hand_pq = 0.5 * math.log(0.5 / 0.9) + 0.5 * math.log(0.5 / 0.1)
    by_hand_qp = 0.9 * math.log(0.9 / 0.5) + 0.1 * math.log(0.1 / 0.5)
    assert info.kl_divergence(p, q) == pytest.approx(by_hand_pq, rel=1e-12)
    assert info.kl_divergence(q, p) == pytest.approx(by_hand_qp, rel=1e-12)
    assert abs(by_hand_pq - by_hand_qp) > 0.1


# ---------------------------------------------------------------- the curriculum's numbers

def test_shooters_notebook_03() -> None:
    h_a, h_b = info.binary_entropy(0.1, base=2), info.binary_entropy(0.999, base=2)
    assert (round(h_a, 4), round(h_b, 4)) == (0.4690, 0.0114)
    assert (round(info.binary_entropy(0.1), 4), round(info.binary_entropy(0.999), 4)) == (0.3251, 0.0079)
    by_hand = -(0.1 * math.log2(0.1) + 0.9 * math.log2(0.9))
    assert h_a == pytest.approx(by_hand, rel=1e-12)
    # coding {0: hit, 1: miss} instead gives the same entropy
    assert info.entropy([0.1, 0.9], base=2) == pytest.approx(info.entropy([0.9, 0.1], base=2), rel=1e-15)


P_ARTICLE, Q1, Q2 = [1.0, 0.0, 0.0], [0.5, 0.2, 0.3], [0.8, 0.1, 0.1]


def test_article_cross_entropy_example_notebook_04() -> None:
    e1, e2 = (info.elementwise_cross_entropy(P_ARTICLE, q, base=10) for q in (Q1, Q2))
    assert (round(e1, 4), round(e2, 4)) == (0.5528, 0.1884)
    assert (round(e1, 2), round(e2, 2)) == (0.55, 0.19)
    n1, n2 = (info.elementwise_cross_entropy(P_ARTICLE, q) for q in (Q1, Q2))
    assert (round(n1, 3), round(n2, 3)) == (1.273, 0.434)
    c1, c2 = (info.cross_entropy(P_ARTICLE, q) for q in (Q1, Q2))
    assert (round(c1, 3), round(c2, 3)) == (0.693, 0.223)
    # one-hot p: H(p, q) = -log q_k, and q2 is closer to p every way
    assert c1 == pytest.approx(-math.log(0.5), rel=1e-15) and c2 == pytest.approx(-math.log(0.8), rel=1e-15)
    assert e2 < e1 and n2 < n1 and c2 < c1
    by_hand_e1 = -(math.log10(0.5) + math.log10(0.8) + math.log10(0.7))
    assert e1 == pytest.approx(by_hand_e1, rel=1e-12)


# --- running_plugin_entropy (notebook 03's simulation) -----------------------------------------------


def test_running_plugin_entropy_matches_scipy_on_counts() -> None:
    hits = experiments.simulate_shots(0.1, 500, seed=3)
    running = info.running_plugin_entropy(hits)
    for m in (1, 2, 10, 77, 500):
        k = int(hits[:m].sum())
        assert running[m - 1] == pytest.approx(count_bits(k, m), abs=1e-12)
    with pytest.raises(ValueError, match=r"^hits:"):
        info.running_plugin_entropy(np.array([], dtype=bool))


# --- huffman_lengths (notebook 03: entropy as the optimal number of yes/no questions) ----------------


def best_average_length_by_brute_force(p: np.ndarray) -> float:
    """The least average length sum p(x) l(x) over every prefix code for len(p) outcomes.

    By Kraft and McMillan a prefix code with lengths l(x) exists exactly when sum 2^(-l(x)) <= 1, and
    no optimal code needs a codeword longer than len(p) - 1 bits: try every such vector of lengths."""
    m = len(p)
    if m == 1:
        return 0.0
    best = math.inf
    for lengths in itertools.product(range(1, m), repeat=m):
        if sum(2.0 ** -length for length in lengths) <= 1.0:
            best = min(best, float(np.dot(p, lengths)))
    return best


@PROPERTY
@given(data=st.data(), m=st.integers(1, 5))
def test_huffman_is_as_short_as_the_best_prefix_code(data: st.DataObject, m: int) -> None:
    p = data.draw(distributions(shape=(m,)))
    lengths = info.huffman_lengths(p)
    assert lengths.dtype == np.int64 and lengths.shape == p.shape
    average = float(np.dot(p, lengths))
    assert average == pytest.approx(best_average_length_by_brute_force(p), rel=1e-12, abs=1e-12)
    assert average == pytest.approx(huffman_average_length(p), rel=1e-12, abs=1e-12)


@PROPERTY
@given(data=st.data(), m=st.integers(1, 40))
def test_huffman_meets_kraft_and_shannons_bound(data: st.DataObject, m: int) -> None:
    p = data.draw(distributions(shape=(m,)))
    lengths = info.huffman_lengths(p)
    kraft = sum(2.0 ** -int(length) for length in lengths)
    assert kraft == 1.0                                          # a full tree: no question is wasted
    average = float(np.dot(p, lengths))
    h = float(stats.entropy(p, base=2))
    assert h - 1e-12 <= average <= h + 1                         # H <= L <= H + 1 ...
    if np.all(p > 1e-6):   # (with p = 1e-300, 1 - 1e-300 the strict bound is below float resolution)
        assert average < h + 1                                   # ... and L < H + 1 when no outcome is impossible
    assert average == pytest.approx(huffman_average_length(p), rel=1e-12, abs=1e-12)


def test_huffman_known_optima() -> None:
    assert info.huffman_lengths([1.0]).tolist() == [0]                       # a certain outcome: no question
    assert info.huffman_lengths([0.1, 0.9]).tolist() == [1, 1]               # one shot: one question
    dyadic = [0.5, 0.25, 0.125, 0.125]                                       # l = -log2 p exactly, L = H
    assert info.huffman_lengths(dyadic).tolist() == [1, 2, 3, 3]
    assert info.huffman_lengths(np.full(8, 1 / 8)).tolist() == [3] * 8       # 8 equally likely: 3 questions
    textbook = np.array([0.4, 0.2, 0.2, 0.1, 0.1])                           # Cover & Thomas's example: L = 2.2
    assert float(np.dot(textbook, info.huffman_lengths(textbook))) == pytest.approx(2.2, rel=1e-12)


def test_huffman_on_blocks_of_shots_approaches_the_entropy() -> None:
    """Blocks of n shots of shooter A: H <= L_n / n < H + 1/n (Shannon's source coding theorem)."""
    h = float(stats.entropy([0.1, 0.9], base=2))
    block = np.array([1.0])
    for n in range(1, 9):
        block = np.outer(block, [0.1, 0.9]).ravel()
        per_shot = float(np.dot(block, info.huffman_lengths(block))) / n
        assert h <= per_shot < h + 1 / n
        assert per_shot == pytest.approx(huffman_average_length(block) / n, rel=1e-12)


@pytest.mark.parametrize("bad, message", [
    ([], "empty"), ([0.5, 0.4], "sum to 1"), ([1.5, -0.5], "[0, 1]"), ([[0.5, 0.5]], "1-D"),
    (0.5, "1-D"), ([np.nan, 1.0], "nan"), ("abc", "numbers")])
def test_huffman_bad_input_names_p(bad: object, message: str) -> None:
    with pytest.raises(ValueError, match=r"^p:") as caught:
        info.huffman_lengths(bad)  # type: ignore[arg-type]
    assert message in str(caught.value)
