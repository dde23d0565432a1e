"""Notebook 07: softmax regression on the handwritten digits, trained with cross-entropy.

- ``digits_split``: scikit-learn's 8x8 digits, split 80/20 (seeded, stratified) and standardised
  with the training set's mean and standard deviation, as the notebook does it;
- ``training_runs``: every run on the explorer's grid of learning rates and label smoothings,
  trained once (``helpers.experiments.softmax_regression_grid``) and kept for the session;
- ``training_view``: what the explorer shows for one learning rate, number of steps and smoothing:
  the loss curves, the test accuracy, the reliability diagram and the expected calibration error;
- ``training_data``: those numbers for every setting of the grid, compact (6 significant digits,
  whole counts as integers) and JSON-ready: what the browser receives, once;
- ``stored_view`` and ``training_lines``: one setting looked up in ``training_data`` and its readout;
- ``softmax_training``: the explorer (``SoftmaxTraining``, drawn in the browser by
  ``web/softmax_training.js``).

Training a run takes far longer than a slider may (about 100 ms from key press to figure), so the
runs are trained in Python when the explorer is first built, and a slider only looks them up: the
browser looks up the same stored numbers that ``SoftmaxTraining.reference()`` formats.
"""
from __future__ import annotations

import functools
from typing import Any

import numpy as np
import traitlets
from numpy.typing import NDArray

from helpers.calibration import expected_calibration_error, reliability_bins
from helpers.experiments import softmax_regression_grid
from helpers.explorers.fmt import fmt
from helpers.explorers.live import LiveExplorer
from helpers.i18n import N_, tr
from helpers.losses import softmax

__all__ = ["digits_split", "training_runs", "training_view", "training_data", "stored_view", "training_lines",
           "softmax_training", "SoftmaxTraining", "LEARNING_RATES", "SMOOTHINGS", "MAX_STEPS", "STEP_SPACING",
           "N_BINS"]

LEARNING_RATES = (0.03, 0.1, 0.3, 1.0, 3.0)
SMOOTHINGS = (0.0, 0.1)
MAX_STEPS = 200       # the steps slider's range: 0 to MAX_STEPS ...
STEP_SPACING = 10     # ... in steps of STEP_SPACING (the models kept by every run)
N_BINS = 10           # confidence bins of the reliability diagram and the ECE
SIGNIFICANT = 6       # significant digits of the numbers sent to the browser (the readout prints 4 decimals)
# The choices' texts: each grid value as ``:g`` prints it (the readout's text too).
LR_OPTIONS = tuple(f"{v:g}" for v in LEARNING_RATES)
SMOOTHING_OPTIONS = tuple(f"{v:g}" for v in SMOOTHINGS)


def _frozen(arr: NDArray[Any]) -> NDArray[Any]:
    arr = np.array(arr)
    arr.flags.writeable = False
    return arr


@functools.cache
def digits_split(test_size: float = 0.2, seed: int = 0) -> tuple[NDArray[np.float64], NDArray[np.float64],
                                                                 NDArray[np.int64], NDArray[np.int64]]:
    """(x_train, x_test, y_train, y_test): the 1,797 digits, 64 pixels each, split and standardised.

    ``train_test_split(stratify=y, random_state=seed)`` keeps each digit's share in both parts;
    every pixel is then shifted and scaled by the training set's mean and standard deviation
    (a pixel that is constant in the training set is only shifted). Read-only arrays.
    """
    from sklearn.datasets import load_digits  # imported here: loading scikit-learn takes a second
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(digits.data, digits.target, test_size=test_size,
                                                        stratify=digits.target, random_state=seed)
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    std[std == 0] = 1.0
    return (_frozen((x_train - mean) / std), _frozen((x_test - mean) / std),
            _frozen(y_train.astype(np.int64)), _frozen(y_test.astype(np.int64)))


@functools.cache
def training_runs() -> dict[str, Any]:
    """Every (learning rate, label smoothing) of the grid trained for ``MAX_STEPS`` steps from zero
    weights; kept every ``STEP_SPACING`` steps, with the test set's probabilities at each kept step."""
    x_train, x_test, y_train, y_test = digits_split()
    grid = softmax_regression_grid(x_train, y_train, LEARNING_RATES, SMOOTHINGS, MAX_STEPS,
                                   x_test=x_test, y_test=y_test, keep_every=STEP_SPACING)
    logits = np.einsum("nd,kdrc->krnc", x_test, grid["W_kept"]) + grid["b_kept"][:, :, None, :]
    return {key: _frozen(value) if isinstance(value, np.ndarray) else value for key, value in grid.items()
            if key not in ("W_kept", "b_kept")} | {"test_probs": _frozen(softmax(logits)),
                                                    "y_test": y_test, "n_train": len(y_train)}


def training_view(lr: float, steps: int, label_smoothing: float) -> dict[str, Any]:
    """What the explorer shows for a run of the grid after ``steps`` steps (a multiple of STEP_SPACING).

    The loss curves (plain mean cross-entropy in nats on the training and the test set, no smoothing
    in either) of the whole run, and at ``steps``: the test accuracy, the mean confidence, the
    reliability diagram's bins and the expected calibration error.
    """
    runs = training_runs()
    if (float(lr), float(label_smoothing)) not in runs["runs"]:
        raise ValueError(f"lr, label_smoothing: ({lr!r}, {label_smoothing!r}) is not on the explorer's grid "
                         f"{LEARNING_RATES} x {SMOOTHINGS}")
    if isinstance(steps, bool) or steps not in range(0, MAX_STEPS + 1, STEP_SPACING):
        raise ValueError(f"steps: expected a multiple of {STEP_SPACING} in 0..{MAX_STEPS}, got {steps!r}")
    r = runs["runs"].index((float(lr), float(label_smoothing)))
    k = int(steps) // STEP_SPACING
    probs, y_test = runs["test_probs"][k, r], runs["y_test"]
    bins = reliability_bins(probs, y_test, N_BINS)
    return {"lr": float(lr), "steps": int(steps), "label_smoothing": float(label_smoothing),
            "kept_steps": runs["steps"], "train_curve": runs["train_loss"][:, r], "test_curve": runs["test_loss"][:, r],
            "train_loss": float(runs["train_loss"][k, r]), "test_loss": float(runs["test_loss"][k, r]),
            "accuracy": float(runs["test_accuracy"][k, r]), "n_test": len(y_test), "n_train": runs["n_train"],
            "confidence": float(probs.max(axis=1).mean()), "bins": bins,
            "ece": expected_calibration_error(probs, y_test, N_BINS)}


def _sig(value: float) -> float | None:
    """``value`` rounded to ``SIGNIFICANT`` significant digits; None (JSON null) for nan."""
    return None if np.isnan(value) else float(f"{value:.{SIGNIFICANT}g}")


@functools.cache
def training_data() -> dict[str, Any]:
    """What the live explorer's browser side reads: every setting of the grid, looked up, never trained.

    ``lrs`` and ``smoothings`` are the choices' texts, ``steps`` the kept steps (the steps slider's
    grid); ``runs[i][j]`` is the run of ``lrs[i]`` and ``smoothings[j]``, with one entry per kept
    step in each of: ``train`` and ``test`` (the loss curves, nats, no smoothing), ``correct`` (right
    answers on the test set), ``confidence`` (mean confidence) and ``ece``; and one row of ``N_BINS``
    per kept step in ``bin_count``, ``bin_correct`` (whole numbers) and ``bin_confidence`` (the bin's
    mean confidence, null for an empty bin). Floats have ``SIGNIFICANT`` significant digits;
    ``training_view`` has the full ones. Built once (about 0.1 s on top of ``training_runs``).
    """
    first = training_view(LEARNING_RATES[0], 0, SMOOTHINGS[0])
    runs = []
    for lr in LEARNING_RATES:
        row = []
        for eps in SMOOTHINGS:
            views = [training_view(lr, step, eps) for step in range(0, MAX_STEPS + 1, STEP_SPACING)]
            bins = [view["bins"] for view in views]
            row.append({
                "train": [_sig(v) for v in views[0]["train_curve"]],
                "test": [_sig(v) for v in views[0]["test_curve"]],
                "correct": [round(view["accuracy"] * view["n_test"]) for view in views],
                "confidence": [_sig(view["confidence"]) for view in views],
                "ece": [_sig(view["ece"]) for view in views],
                "bin_count": [b["count"].tolist() for b in bins],
                "bin_correct": [[int(round(a * n)) if n else 0 for a, n in zip(b["accuracy"], b["count"])]
                                for b in bins],
                "bin_confidence": [[_sig(c) for c in b["confidence"]] for b in bins],
            })
        runs.append(row)
    return {"lrs": list(LR_OPTIONS), "smoothings": list(SMOOTHING_OPTIONS), "steps": first["kept_steps"].tolist(),
            "n_train": int(first["n_train"]), "n_test": int(first["n_test"]), "n_bins": N_BINS, "runs": runs}


def _choice(value: Any, options: tuple[str, ...], name: str) -> str:
    """A grid value as its choice's text: the text itself, or a number equal to a grid value."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        text = f"{float(value):g}"
    else:
        text = None
    if text not in options:
        raise ValueError(f"{name}: must be one of {options} (or that number), got {value!r}")
    return text


def _whole_step(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not np.isfinite(value) or int(value) != value or int(value) not in range(0, MAX_STEPS + 1, STEP_SPACING):
        raise ValueError(f"steps: expected a multiple of {STEP_SPACING} in 0..{MAX_STEPS}, got {value!r}")
    return int(value)


def stored_view(lr: Any, steps: Any, label_smoothing: Any) -> dict[str, Any]:
    """One setting looked up in ``training_data``: the numbers the browser shows, as ``training_lines`` reads them.

    ``lr`` and ``label_smoothing`` as the choices' texts ("0.3", "0.1") or numbers on the grid;
    ``steps`` a multiple of ``STEP_SPACING``. ``accuracy`` is ``correct / n_test``, as the browser
    divides it.
    """
    data = training_data()
    lr_text = _choice(lr, LR_OPTIONS, "lr")
    eps_text = _choice(label_smoothing, SMOOTHING_OPTIONS, "label_smoothing")
    k = _whole_step(steps) // STEP_SPACING
    run = data["runs"][LR_OPTIONS.index(lr_text)][SMOOTHING_OPTIONS.index(eps_text)]
    return {"lr": float(lr_text), "label_smoothing": float(eps_text), "steps": k * STEP_SPACING,
            "n_train": data["n_train"], "n_test": data["n_test"], "train_loss": run["train"][k],
            "test_loss": run["test"][k], "correct": run["correct"][k], "accuracy": run["correct"][k] / data["n_test"],
            "confidence": run["confidence"][k], "ece": run["ece"][k]}


def training_lines(state: dict[str, Any]) -> list[str]:
    """The explorer's readout for a state of ``training_view`` or ``stored_view`` (plain text).

    The model leans over-confident when its mean confidence exceeds its accuracy by more than 0.005,
    under-confident when it falls short by more than that.
    """
    gap = state["confidence"] - state["accuracy"]
    lean = tr("over-confident") if gap > 0.005 else tr("under-confident") if gap < -0.005 else tr("about calibrated")
    right = round(state["accuracy"] * state["n_test"])
    nats = tr("nats")
    return [tr("learning rate {lr}, label smoothing {smoothing}: {steps} steps of full-batch gradient descent on "
               "{n_train} training digits", lr=f"{state['lr']:g}", smoothing=f"{state['label_smoothing']:g}",
               steps=state["steps"], n_train=state["n_train"]),
            tr("cross-entropy (no smoothing): training {train}, test {test}", train=fmt(state["train_loss"], 4, nats),
               test=fmt(state["test_loss"], 4, nats)),
            tr("test accuracy {accuracy} ({right} of {n_test} digits)", accuracy=fmt(state["accuracy"], 4), right=right,
               n_test=state["n_test"]),
            tr("mean confidence {confidence}: {lean}; expected calibration error {ece} ({bins} bins)",
               confidence=fmt(state["confidence"], 4), lean=lean, ece=fmt(state["ece"], 4), bins=N_BINS)]


class _GridChoice(traitlets.Unicode):
    """A grid value as its choice's text; a number on the grid (1.0, 0.1) is taken as its text."""

    def __init__(self, options: tuple[str, ...], default: str) -> None:
        super().__init__(default)
        self.options = options

    def validate(self, obj: Any, value: Any) -> str:
        try:
            return _choice(value, self.options, str(self.name))
        except ValueError as err:
            raise traitlets.TraitError(str(err)) from None


class _Steps(traitlets.Int):
    """A multiple of STEP_SPACING in 0..MAX_STEPS; a whole float (a range input's value) is taken as the int."""

    def validate(self, obj: Any, value: Any) -> int:
        try:
            return _whole_step(value)
        except ValueError as err:
            raise traitlets.TraitError(str(err)) from None


class SoftmaxTraining(LiveExplorer):
    """Loss curves and a reliability diagram of softmax regression on the digits, drawn in the browser.

    The runs are trained in Python once (``training_runs``); the read-only trait ``data``
    (``training_data``, about 60 kB of JSON) carries what the browser shows for every setting, and
    the browser looks the current one up. ``lr`` and ``label_smoothing`` hold the choices' texts
    ("1", "0.1"; numbers on the grid are accepted and stored as text); ``steps`` an int.
    """

    name = "softmax_training"
    title = N_("Training softmax regression on the digits")
    specs = (
        {"name": "lr", "label": N_("learning rate"), "kind": "select", "options": list(LR_OPTIONS)},
        {"name": "steps", "label": N_("steps"), "kind": "range", "min": 0, "max": MAX_STEPS, "step": STEP_SPACING,
         "digits": 0},
        {"name": "label_smoothing", "label": N_("label smoothing"), "kind": "select",
         "options": list(SMOOTHING_OPTIONS)},
    )
    messages = (
        N_("nats"), N_("over-confident"), N_("under-confident"), N_("about calibrated"),
        N_("learning rate {lr}, label smoothing {smoothing}: {steps} steps of full-batch gradient descent on "
           "{n_train} training digits"),
        N_("cross-entropy (no smoothing): training {train}, test {test}"),
        N_("test accuracy {accuracy} ({right} of {n_test} digits)"),
        N_("mean confidence {confidence}: {lean}; expected calibration error {ece} ({bins} bins)"),
        N_("gradient-descent step"), N_("cross-entropy (nats)"),
        N_("Training and test loss over the run, the chosen step marked"),
        N_("ln 10: a uniform guess"), N_("training loss"), N_("test loss"), N_("training set"), N_("test set"),
        N_("confidence (largest probability)"), N_("accuracy"),
        N_("Reliability diagram of the test set at the chosen step"),
        N_("calibrated"), N_("mean confidence"),
        N_("{low}–{high}: {count} digits, accuracy {accuracy}, mean confidence {confidence}"), N_("; "),
        N_("Cross-entropy in nats on the training set (solid blue) and the test set (dashed vermillion) over {last} "
           "steps at learning rate {lr}, label smoothing {smoothing}: both from {start} (ln 10) at step 0 to "
           "{train_end} and {test_end} at step {last}. A dashed line marks step {step}, with a dot on each curve. "
           "{readout}"),
        N_("Reliability diagram of the {n_test} test digits after {steps} steps, in {bins} confidence bins (bars: the "
           "accuracy in the bin, with its number of digits above it; dots: its mean confidence; dashed diagonal: "
           "calibrated). {bin_words}. Expected calibration error {ece}."),
    )

    lr = _GridChoice(LR_OPTIONS, "1").tag(sync=True)
    steps = _Steps(100).tag(sync=True)
    label_smoothing = _GridChoice(SMOOTHING_OPTIONS, "0").tag(sync=True)
    data = traitlets.Dict(read_only=True).tag(sync=True)

    @traitlets.default("data")
    def _training_data(self) -> dict[str, Any]:
        return training_data()

    def state(self) -> dict[str, Any]:
        """What the front end reads: the specs, the values and the stored runs."""
        return {**super().state(), "data": self.data}

    def state_now(self) -> dict[str, Any]:
        """``stored_view`` for the current control values."""
        return stored_view(self.lr, self.steps, self.label_smoothing)

    def reference(self) -> list[str]:
        return training_lines(self.state_now())


def softmax_training() -> SoftmaxTraining:
    """Explorer: softmax regression on the digits; learning rate, steps and label smoothing as controls,
    loss curves and a reliability diagram drawn live in the browser."""
    return SoftmaxTraining()
