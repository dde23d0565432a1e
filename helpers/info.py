"""Information theory on probability vectors, in NumPy.

The last axis of an array is the distribution. ``base`` follows SciPy's convention:
``None`` is the natural log (nats), ``2`` gives bits, ``10`` gives dits (hartleys).
By convention 0 log 0 = 0, and the information content of an impossible event is inf.
"""
from __future__ import annotations

import heapq

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers._validate import as_distribution, as_probabilities, log_scale, same_shape

__all__ = ["information_content", "entropy", "binary_entropy", "cross_entropy",
           "elementwise_cross_entropy", "kl_divergence", "running_plugin_entropy", "huffman_lengths"]

Scalar = float | NDArray[np.float64]


def _xlogy(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    """x * log(y), with 0 * log(anything) = 0 and x * log(0) = -inf for x > 0, without warnings."""
    out = np.zeros(np.broadcast_shapes(x.shape, y.shape))
    x, y = np.broadcast_to(x, out.shape), np.broadcast_to(y, out.shape)
    live = x != 0
    with np.errstate(divide="ignore"):
        out[live] = x[live] * np.log(y[live])
    return out


def _scalar(x: NDArray[np.float64]) -> Scalar:
    return float(x) if np.ndim(x) == 0 else x


def information_content(p: ArrayLike, base: float | None = None) -> Scalar:
    """Information content (surprisal) of an event of probability p.

    I(p) = -log_b p. Certain events carry none (I(1) = 0); impossible ones, inf.
    """
    scale = log_scale(base)
    p = as_probabilities(p, "p")
    with np.errstate(divide="ignore"):
        return _scalar(-np.log(p) / scale + 0.0)


def entropy(p: ArrayLike, base: float | None = None) -> Scalar:
    """Entropy of a distribution p (last axis): H(p) = -sum_x p(x) log_b p(x)."""
    scale = log_scale(base)
    p = as_distribution(p, "p")
    return _scalar(-_xlogy(p, p).sum(axis=-1) / scale + 0.0)


def binary_entropy(p: ArrayLike, base: float | None = None) -> Scalar:
    """Entropy of a Bernoulli(p) outcome, element-wise: H(p) = -p log_b p - (1 - p) log_b (1 - p)."""
    scale = log_scale(base)
    p = as_probabilities(p, "p")
    return _scalar(-(_xlogy(p, p) + _xlogy(1 - p, 1 - p)) / scale + 0.0)


def cross_entropy(p: ArrayLike, q: ArrayLike, base: float | None = None) -> Scalar:
    """Categorical cross-entropy of q relative to p (last axis): H(p, q) = -sum_x p(x) log_b q(x).

    This is what ``torch.nn.CrossEntropyLoss`` computes for one sample.
    """
    scale = log_scale(base)
    p, q = as_distribution(p, "p"), as_distribution(q, "q")
    same_shape(p, q, "p", "q")
    return _scalar(-_xlogy(p, q).sum(axis=-1) / scale + 0.0)


def elementwise_cross_entropy(p: ArrayLike, q: ArrayLike, base: float | None = None) -> Scalar:
    """Element-wise (binary, multi-label) cross-entropy, summed over the last axis.

    H = -sum_i [p_i log_b q_i + (1 - p_i) log_b (1 - q_i)]: each entry is its own yes/no
    event, as in ``torch.nn.BCELoss`` (which averages instead of summing).
    """
    scale = log_scale(base)
    p, q = as_probabilities(p, "p"), as_probabilities(q, "q")
    same_shape(p, q, "p", "q")
    return _scalar(-(_xlogy(p, q) + _xlogy(1 - p, 1 - q)).sum(axis=-1) / scale + 0.0)


def kl_divergence(p: ArrayLike, q: ArrayLike, base: float | None = None) -> Scalar:
    """Kullback-Leibler divergence KL(p || q) = sum_x p(x) log_b (p(x) / q(x)) = H(p, q) - H(p) >= 0."""
    scale = log_scale(base)
    p, q = as_distribution(p, "p"), as_distribution(q, "q")
    same_shape(p, q, "p", "q")
    return _scalar((_xlogy(p, p) - _xlogy(p, q)).sum(axis=-1) / scale + 0.0)


def running_plugin_entropy(hits: ArrayLike, base: float | None = 2) -> NDArray[np.float64]:
    """The plug-in entropy after each of n yes/no outcomes: H(k_m / m) for m = 1..n.

    k_m counts the True outcomes (hits) among the first m. The plug-in estimate puts the observed
    frequency f = k/m in place of p in H(f) = -f log f - (1 - f) log (1 - f); the default base 2
    gives bits.
    """
    hits = np.asarray(hits, dtype=bool)
    if hits.ndim != 1 or hits.size == 0:
        raise ValueError(f"hits: expected a non-empty 1-D array of outcomes, got shape {hits.shape}")
    freq = np.cumsum(hits) / np.arange(1, hits.size + 1)
    return np.asarray(binary_entropy(freq, base))


def huffman_lengths(p: ArrayLike) -> NDArray[np.int64]:
    """Codeword lengths of an optimal binary prefix code for the outcomes of distribution p (1-D).

    Huffman's construction: merge the two least likely groups of outcomes into one, and repeat until
    one group is left; every merge puts one more yes/no question in front of each outcome of the two
    groups, so an outcome's codeword length is the number of merges it took part in. No prefix code
    has a smaller average length L = sum_x p(x) l(x), and Shannon's bound holds: H_2(p) <= L < H_2(p) + 1
    (H_2 in bits; an impossible outcome still gets a codeword, so with zeros in p only L <= H_2(p) + 1). The lengths meet Kraft's equality, sum_x 2^(-l(x)) = 1, when there are two outcomes
    or more; a single outcome needs no question (length 0). Ties are broken by the outcomes' order.
    """
    p = as_probabilities(p, "p")
    if p.ndim != 1:
        raise ValueError(f"p: expected one distribution (a 1-D array), got shape {p.shape}")
    p = as_distribution(p, "p")
    lengths = np.zeros(p.size, dtype=np.int64)
    groups = [(float(prob), i, [i]) for i, prob in enumerate(p)]   # (probability, tie-break, outcomes)
    heapq.heapify(groups)
    while len(groups) > 1:
        p1, i1, first = heapq.heappop(groups)
        p2, _, second = heapq.heappop(groups)
        merged = first + second
        lengths[merged] += 1
        heapq.heappush(groups, (p1 + p2, i1, merged))
    return lengths
