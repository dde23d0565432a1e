"""Exercise checks for notebook 07 (training a classifier): one-line verdicts, never a traceback.

Each checker first recognises the typical slips (a probability where a loss was asked, bits where
nats were, the digits' ten classes where there are 26, an unweighted or signed calibration gap,
the smoothed target without its share of the spread, a temperature fitted on the wrong images or
multiplied instead of divided) and names them; the graduated hints lead towards the answer without
giving it away. Exercise 4 is multiple choice: each wrong option is a misconception about
reading a reliability diagram, and gets its own diagnosis.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from helpers.calibration import expected_calibration_error
from helpers.checks.core import (
    Verdict,
    as_numbers,
    call_learner,
    check_choice,
    check_function,
    check_value,
    close_to,
    exercise,
    is_placeholder,
)
from helpers.i18n import N_, tr

__all__ = ["initial_loss_26_classes", "ece_function", "smoothed_confidence", "why_reading_counts",
           "fitted_temperature", "LETTERS", "SMOOTHING", "ECE_CASES", "BEST_T_VALIDATION", "BEST_T_TEST",
           "BEST_T_TRAINING", "T_GRID"]

# Exercise 1: a 26-class classifier (the letters A-Z) starts with all weights and biases zero.
LETTERS = 26
# Exercise 3: PyTorch's label smoothing eps over the digits' C = 10 classes.
SMOOTHING, CLASSES = 0.1, 10
# Exercise 5: notebook 07's model trained with label smoothing 0.1 on 1,077 of its training images (the
# other 360 held out for validation). The temperature T that minimises the mean cross-entropy of the
# logits / T on the validation images, and the slips: the T that the test images or the training
# images would give (tests/test_notebook_07.py recomputes all three with PyTorch on the notebook's data).
BEST_T_VALIDATION, BEST_T_TEST, BEST_T_TRAINING = 0.5404, 0.5238, 0.2478
T_GRID = (0.2, 3.0)  # the notebook's grid of temperatures, np.linspace(0.2, 3.0, 281)


def _case(probs: list[list[float]], labels: list[int], n_bins: int) -> tuple[Any, ...]:
    """A read-only case (probs, y, n_bins) for Exercise 2: learner code only ever gets copies."""
    p, y = np.array(probs, dtype=float), np.array(labels, dtype=np.int64)
    p.flags.writeable = False
    y.flags.writeable = False
    return (p, y, n_bins)


def _cases() -> tuple[tuple[Any, ...], ...]:
    rng = np.random.default_rng(7)
    z = rng.normal(0.0, 2.5, size=(40, 4))
    q = np.exp(z - z.max(axis=1, keepdims=True))
    q /= q.sum(axis=1, keepdims=True)
    return (
        # four samples: two sure and right, one sure and wrong, one unsure and right
        _case([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.55, 0.45]], [0, 0, 0, 0], 10),
        _case([[0.7, 0.2, 0.1], [0.2, 0.5, 0.3], [0.1, 0.1, 0.8]], [0, 2, 2], 5),
        _case(np.round(q, 12).tolist(), rng.integers(0, 4, size=40).tolist(), 10),
        _case(np.round(q, 12).tolist(), rng.integers(0, 4, size=40).tolist(), 3),
    )


ECE_CASES = _cases()


@exercise(
    N_("With every weight and bias at zero, what are all 26 logits of any image, whatever its pixels?"),
    N_("Equal logits give equal probabilities after the softmax. The loss of a sample is minus the log "
       "of the probability its true class gets."),
)
def initial_loss_26_classes(answer: Any) -> Verdict:
    """Exercise 1: the first loss of a 26-class softmax classifier with zero weights, ln 26 nats."""
    expected = math.log(LETTERS)
    verdict = check_value(answer, expected, tr("the first loss"), unit="nats")
    if verdict.ok:
        return verdict
    if close_to(answer, 1 / LETTERS):
        return Verdict(False, tr("that is the probability every class gets, not the loss: the loss is the "
                                 "surprisal of the true class, measured on a log scale."))
    if close_to(answer, math.log(10)):
        return Verdict(False, tr("that is the first loss of the digits' model with its 10 classes; the letters "
                                 "have 26."))
    if close_to(answer, float(LETTERS)):
        return Verdict(False, tr("26 is the number of classes (1/p), not the loss; the loss is on a log scale."))
    return verdict


def _unweighted_ece(probs: Any, y: Any, n_bins: int) -> float:
    """The slip: the mean of the bins' gaps, every non-empty bin counted once whatever its size."""
    conf, correct = probs.max(axis=1), probs.argmax(axis=1) == y
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    which = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, n_bins - 1)
    gaps = [abs(correct[which == b].mean() - conf[which == b].mean()) for b in range(n_bins) if (which == b).any()]
    return float(np.mean(gaps))


def _signed_ece(probs: Any, y: Any, n_bins: int) -> float:
    """The slip: gaps added with their signs, so over- and under-confidence cancel."""
    conf, correct = probs.max(axis=1), probs.argmax(axis=1) == y
    return float(abs(correct.mean() - conf.mean()))


@exercise(
    N_("For each sample you need two things: its confidence (the largest of its probabilities) and "
       "whether the class with that probability is its label."),
    N_("Sort the samples into n_bins bins of equal width by confidence: bin b holds b/B < confidence <= (b+1)/B "
       "(the first bin also takes 0). In each bin that is not empty, compare the mean confidence with "
       "the fraction of right answers."),
    N_("The ECE weights each bin's gap, taken without its sign, by the share of all samples in that bin."),
)
def ece_function(fn: Any) -> Verdict:
    """Exercise 2: a function ``ece(probs, y, n_bins)``, the expected calibration error."""
    if not is_placeholder(fn) and callable(fn):
        for probs, y, n_bins in ECE_CASES:
            try:
                got = call_learner(fn, probs, y, n_bins)
            except Exception:  # noqa: BLE001  (check_function below names the error)
                break
            if close_to(got, expected_calibration_error(probs, y, n_bins)):
                continue
            if close_to(got, _unweighted_ece(probs, y, n_bins)):
                return Verdict(False, tr("this is the plain mean of the bins' gaps: a bin with 2 samples counts as "
                                         "much as a bin with 20. Weight each bin by its share of the samples."))
            if close_to(got, _signed_ece(probs, y, n_bins)):
                return Verdict(False, tr("this is the gap between the overall accuracy and the overall mean "
                                         "confidence: over- and under-confident bins cancel. Compare bin by bin."))
            break
    return check_function(fn, expected_calibration_error, ECE_CASES, "ece", rtol=1e-6)


@exercise(
    N_("With smoothing the loss is a cross-entropy H(p, q) against the smoothed target p (notebook 04): "
       "for which q is a cross-entropy H(p, q) smallest?"),
    N_("Write the smoothed target p for the true class: what it keeps of the one-hot 1, plus its own share "
       "of the eps that is spread over all C classes."),
)
def smoothed_confidence(answer: Any) -> Verdict:
    """Exercise 3: the probability of the true class that minimises the smoothed loss, 1 - eps + eps / C."""
    expected = 1 - SMOOTHING + SMOOTHING / CLASSES
    verdict = check_value(answer, expected, tr("the best probability for the true class"))
    if verdict.ok:
        return verdict
    if close_to(answer, 1 - SMOOTHING):
        return Verdict(False, tr("PyTorch spreads eps over all C classes, the true class included: the true "
                                 "class keeps 1 - eps and gets its share of the spread as well."))
    if close_to(answer, 1.0):
        return Verdict(False, tr("1 is the best answer without smoothing. The smoothed target is not one-hot, "
                                 "and the loss is smallest where q equals the target."))
    if close_to(answer, SMOOTHING / CLASSES) or close_to(answer, SMOOTHING / (CLASSES - 1)):
        return Verdict(False, tr("that is what the smoothed target gives each wrong class; the question asks "
                                 "about the true class."))
    return verdict


@exercise(
    N_("Before the bar, read its count: how many images does this bin hold, and how sure can a fraction "
       "of so few images be?"),
    N_("Find the 95% interval printed for this bin at 1,000 steps: does the mean confidence lie inside it?"),
)
def why_reading_counts(choice: Any) -> Verdict:
    """Exercise 4 of notebook 07: what does a bin of 7 images (3 right, mean confidence 0.667) tell you?"""
    return check_choice(choice, {
        "a": tr("reads the bar without its count: 3 right of 7 is far too few images to place the accuracy "
                "below 0.667, since its 95% interval runs from 0.158 to 0.750."),
        "b": tr("a bar of 7 images says little. Its 95% interval, 0.158 to 0.750, holds the mean confidence "
                "0.667: this bin cannot tell a calibrated model from an over-confident one."),
        "c": tr("compares noise with noise: at 100 steps this bin also held only 7 images, so neither bar, "
                "nor the change between them, shows what long training did."),
        "d": tr("the ECE weighs each gap by its bin's share, here 7 of 360 images; the ECE in fact fell, "
                "from 0.0360 at 100 steps to 0.0324."),
    }, right="b")


@exercise(
    N_("For each temperature, divide the validation logits Z_val by it and compute the mean cross-entropy "
       "against y_val; keep the temperature whose loss is the smallest."),
    N_("Collect the 281 validation losses in a list, in the order of temperatures; the position of the "
       "smallest (argmin) is the position of the best temperature. Only the validation images take part."),
)
def fitted_temperature(T: Any) -> Verdict:
    """Exercise 5: the temperature with the lowest validation loss for the smoothed model (``BEST_T_VALIDATION``)."""
    verdict = check_value(T, BEST_T_VALIDATION, tr("your temperature T"), rtol=0.0, atol=0.005)
    got = as_numbers(T)
    if verdict.ok and got is not None:
        return Verdict(True, tr("T = {T:.2f} gives the lowest validation loss. A temperature below 1 sharpens the "
                                "probabilities: smoothing had left this model under-confident.",
                                T=float(got.reshape(()))))
    if got is not None and got.size == 1 and np.isfinite(got).all() and float(got.reshape(())) <= 0:
        return Verdict(False, tr("a temperature must be positive: the logits are divided by T."))
    if close_to(T, BEST_T_TEST, rtol=0.01):
        return Verdict(False, tr("that is the best temperature for the test images: fitted there, the test loss "
                                 "after scaling no longer estimates how the model does on new images. Use Z_val "
                                 "and y_val."))
    if close_to(T, BEST_T_TRAINING, rtol=0.01):
        return Verdict(False, tr("that is the best temperature for the images the model trained on, where it is "
                                 "right and sure about almost all of them. Fit T on held-out images: Z_val and "
                                 "y_val."))
    position = (BEST_T_VALIDATION - T_GRID[0]) / (T_GRID[1] - T_GRID[0]) * 280
    if got is not None and got.size == 1 and abs(float(got.reshape(())) - round(position)) < 1.5:
        return Verdict(False, tr("that is a position in temperatures, not a temperature: use it to index "
                                 "temperatures."))
    if close_to(T, 1 / BEST_T_VALIDATION, rtol=0.01):
        return Verdict(False, tr("that looks like 1/T: the logits were multiplied by the temperature. "
                                 "Temperature scaling divides them: Z_val / T."))
    if close_to(T, T_GRID[1], rtol=1e-3) or close_to(T, T_GRID[0], rtol=1e-3):
        return Verdict(False, tr("that is an end of the grid: did you pick the largest validation loss (argmax) "
                                 "instead of the smallest?"))
    if close_to(T, 1.0, rtol=1e-6):
        return Verdict(False, tr("T = 1 leaves the logits as they are: search the grid for the T with the lowest "
                                 "validation loss."))
    return verdict
