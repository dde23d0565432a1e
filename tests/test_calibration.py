"""Tests of helpers.calibration against scikit-learn's metrics, hand-worked examples and loops."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import confusion_matrix as sk_confusion
from sklearn.metrics import recall_score

from helpers import calibration
from tests.references import ece_by_loops

RNG = np.random.default_rng(3)


def random_probs(n: int, c: int, scale: float = 2.0) -> np.ndarray:
    z = RNG.normal(0.0, scale, size=(n, c))
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_confusion_matrix_and_recall_match_scikit_learn(seed) -> None:
    rng = np.random.default_rng(seed)
    y_true, y_pred = rng.integers(0, 5, 200), rng.integers(0, 5, 200)
    np.testing.assert_array_equal(calibration.confusion_matrix(y_true, y_pred, 5),
                                  sk_confusion(y_true, y_pred, labels=range(5)))
    np.testing.assert_allclose(calibration.per_class_recall(y_true, y_pred, 5),
                               recall_score(y_true, y_pred, average=None, labels=range(5)), rtol=1e-12)


def test_recall_of_an_absent_class_is_nan() -> None:
    recall = calibration.per_class_recall([0, 0, 1], [0, 1, 1], 3)
    assert recall[0] == 0.5 and recall[1] == 1.0 and np.isnan(recall[2])


def test_hand_worked_reliability_bins_and_ece() -> None:
    probs = np.array([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.55, 0.45]])
    labels = np.array([0, 0, 0, 0])
    bins = calibration.reliability_bins(probs, labels, n_bins=10)
    # confidences 0.9, 0.8, 0.7, 0.55 fall in bins (0.8, 0.9], (0.7, 0.8], (0.6, 0.7], (0.5, 0.6]
    np.testing.assert_array_equal(bins["count"], [0, 0, 0, 0, 0, 1, 1, 1, 1, 0])
    np.testing.assert_allclose(bins["accuracy"][5:9], [1, 0, 1, 1])
    np.testing.assert_array_equal(bins["right"], [0, 0, 0, 0, 0, 1, 0, 1, 1, 0])
    assert np.isnan(bins["confidence"][0]) and np.isnan(bins["accuracy"][9])
    # |1 - 0.55| + |0 - 0.7| + |1 - 0.8| + |1 - 0.9|, each a quarter of the samples
    assert calibration.expected_calibration_error(probs, labels, 10) == pytest.approx((0.45 + 0.7 + 0.2 + 0.1) / 4)


def test_bin_edges_belong_to_the_lower_bin() -> None:
    probs = np.array([[0.5, 0.5], [1.0, 0.0]])
    bins = calibration.reliability_bins(probs, np.array([0, 0]), n_bins=2)
    np.testing.assert_array_equal(bins["count"], [1, 1])  # 0.5 in (0, 0.5], 1.0 in (0.5, 1]


@pytest.mark.parametrize("n_bins", [1, 3, 10, 15])
def test_ece_matches_a_loop(n_bins) -> None:
    probs = random_probs(300, 6)
    labels = RNG.integers(0, 6, 300)
    assert calibration.expected_calibration_error(probs, labels, n_bins) == pytest.approx(
        ece_by_loops(probs, labels, n_bins), abs=1e-12)


def test_a_calibrated_model_has_small_ece_and_a_sure_wrong_one_large() -> None:
    probs = random_probs(20_000, 3, scale=1.5)
    labels = np.array([RNG.choice(3, p=p) for p in probs])  # labels drawn from the model's own probabilities
    assert calibration.expected_calibration_error(probs, labels) < 0.02
    sure = np.tile([0.99, 0.005, 0.005], (100, 1))
    assert calibration.expected_calibration_error(sure, np.ones(100, dtype=int)) == pytest.approx(0.99)


@pytest.mark.parametrize("call, name", [
    (lambda: calibration.confusion_matrix([0, 1], [0, 2], 2), "y_pred"),
    (lambda: calibration.confusion_matrix([0.0, 1.0], [0, 1], 2), "y_true"),
    (lambda: calibration.confusion_matrix([0, 1], [0, 1, 1], 2), "y_true and y_pred"),
    (lambda: calibration.confusion_matrix([0, 1], [0, 1], 0), "n_classes"),
    (lambda: calibration.per_class_recall([], [], 2), "y_true"),
    (lambda: calibration.reliability_bins([[0.5, 0.6]], [0]), "probs"),
    (lambda: calibration.reliability_bins([0.5, 0.5], [0]), "probs"),
    (lambda: calibration.reliability_bins([[0.5, 0.5]], [0, 1]), "y_true"),
    (lambda: calibration.reliability_bins([[0.5, 0.5]], [2]), "y_true"),
    (lambda: calibration.expected_calibration_error([[0.5, 0.5]], [0], n_bins=0), "n_bins"),
    (lambda: calibration.expected_calibration_error([[np.nan, 0.5]], [0]), "probs"),
])
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=f"^{name}"):
        call()


# --- how much a bin, and the ECE, can say ---------------------------------------------------------
@pytest.mark.parametrize("k, n", [(0, 3), (3, 3), (1, 3), (30, 31), (18, 21), (283, 284), (347, 360), (5, 10)])
def test_wilson_interval_matches_scipy(k, n) -> None:
    from scipy.stats import binomtest

    reference = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    low, high = calibration.wilson_interval(k, n)
    assert low == pytest.approx(reference.low, abs=1e-12) and high == pytest.approx(reference.high, abs=1e-12)


def test_wilson_interval_is_wide_for_a_few_samples_and_nan_for_none() -> None:
    low, high = calibration.wilson_interval([3, 300, 0], [3, 300, 0])
    assert high[0] == pytest.approx(1.0) and low[0] < 0.45   # 3 of 3 right: anything from 0.44 up
    assert low[1] > 0.98                                     # 300 of 300: at least 0.98
    assert np.isnan(low[2]) and np.isnan(high[2])


def test_accuracy_intervals_are_the_wilson_intervals_of_the_bins() -> None:
    probs = random_probs(200, 4)
    labels = RNG.integers(0, 4, 200)
    bins = calibration.reliability_bins(probs, labels, 10)
    low, high = calibration.accuracy_intervals(probs, labels, 10)
    from scipy.stats import binomtest

    for b in range(10):
        n = int(bins["count"][b])
        if n == 0:
            assert np.isnan(low[b]) and np.isnan(high[b])
            continue
        k = int(round(bins["accuracy"][b] * n))
        reference = binomtest(k, n).proportion_ci(method="wilson")
        assert (low[b], high[b]) == pytest.approx((reference.low, reference.high), abs=1e-12)
        assert low[b] <= bins["accuracy"][b] <= high[b]


def test_bootstrap_ece_resamples_the_rows_it_says() -> None:
    probs = random_probs(60, 3)
    labels = RNG.integers(0, 3, 60)
    got = calibration.bootstrap_ece(probs, labels, n_bins=10, n_resamples=20, seed=5)
    rows = np.random.default_rng(5).integers(0, 60, size=(20, 60))
    np.testing.assert_allclose(got, [ece_by_loops(probs[r], labels[r], 10) for r in rows], atol=1e-12)
    np.testing.assert_array_equal(got, calibration.bootstrap_ece(probs, labels, 10, 20, seed=5))  # seeded


@pytest.mark.parametrize("call, name", [
    (lambda: calibration.wilson_interval(4, 3), "successes"),
    (lambda: calibration.wilson_interval(1, -1), "n"),
    (lambda: calibration.wilson_interval(1, 2.5), "n"),
    (lambda: calibration.wilson_interval([1, 2], [3]), "successes and n"),
    (lambda: calibration.wilson_interval(1, 3, z=0), "z"),
    (lambda: calibration.bootstrap_ece([[0.5, 0.5]], [0], n_resamples=0), "n_resamples"),
    (lambda: calibration.bootstrap_ece([[0.5, 0.5]], [0], seed=-1), "seed"),
    (lambda: calibration.bootstrap_ece([[0.5, 0.6]], [0]), "probs"),
])
def test_bad_input_to_the_intervals_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=f"^{name}"):
        call()
