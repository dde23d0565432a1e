"""A catalogue of bad inputs: each must raise ValueError whose message names the argument and the problem.

Never an ``assert``, never a bare NumPy traceback, never a silent nan.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from helpers import experiments, info, losses

Z = np.zeros((3, 4))          # logits: N = 3 samples, C = 4 classes
Y = np.array([0, 3, 1])       # valid class indices
P = np.array([0.2, 0.3, 0.5])  # a valid distribution
Q = np.array([0.6, 0.3, 0.1])

# (id, call, names the message must contain, a fragment of the problem it must state)
CATALOGUE: list[tuple[str, Callable[[], Any], tuple[str, ...], str]] = [
    # probabilities outside [0, 1] or nan
    ("entropy p > 1", lambda: info.entropy([1.5, -0.5]), ("p",), "[0, 1]"),
    ("entropy p < 0", lambda: info.entropy([-0.1, 1.1]), ("p",), "[0, 1]"),
    ("information_content p > 1", lambda: info.information_content(1.2), ("p",), "[0, 1]"),
    ("binary_entropy p < 0", lambda: info.binary_entropy([0.5, -0.01]), ("p",), "[0, 1]"),
    ("binary_entropy nan", lambda: info.binary_entropy(np.nan), ("p",), "nan"),
    ("entropy nan", lambda: info.entropy([np.nan, 1.0]), ("p",), "nan"),
    ("cross_entropy q nan", lambda: info.cross_entropy(P, [np.nan, 0.5, 0.5]), ("q",), "nan"),
    ("kl q > 1", lambda: info.kl_divergence(P, [1.5, -0.5, 0.0]), ("q",), "[0, 1]"),
    ("elementwise q > 1", lambda: info.elementwise_cross_entropy(P, [0.5, 1.01, 0.2]), ("q",), "[0, 1]"),
    ("bce y_hat > 1", lambda: losses.binary_cross_entropy([1.2, 0.5], [1.0, 0.0]), ("y_hat",), "[0, 1]"),
    ("bce y < 0", lambda: losses.binary_cross_entropy([0.2, 0.5], [-1.0, 0.0]), ("y",), "[0, 1]"),
    ("bce y_hat nan", lambda: losses.binary_cross_entropy([np.nan, 0.5], [1.0, 0.0]), ("y_hat",), "nan"),
    ("bce with logits y = 2", lambda: losses.binary_cross_entropy_with_logits([0.3], [2.0]), ("y",), "[0, 1]"),
    ("bce with logits s nan", lambda: losses.binary_cross_entropy_with_logits([np.nan], [1.0]), ("s",), "nan"),
    ("logits nan", lambda: losses.cross_entropy([[0.0, np.nan]], [0]), ("logits",), "nan"),
    ("logits inf", lambda: losses.cross_entropy([[0.0, np.inf]], [0]), ("logits",), "inf"),
    ("softmax nan", lambda: losses.softmax([1.0, np.nan]), ("z",), "nan"),
    ("sigmoid nan", lambda: losses.sigmoid([np.nan]), ("s",), "nan"),
    # an axis the input does not have (a 0-d input has the one axis 0 = -1, as in PyTorch)
    ("logsumexp 0-d, axis 1", lambda: losses.logsumexp(2.0, axis=1), ("axis",), "from -1 to 0"),
    ("log_softmax 2-D, axis -3", lambda: losses.log_softmax(Z, axis=-3), ("axis",), "from -2 to 1"),
    ("softmax axis 0.5", lambda: losses.softmax(Z, axis=0.5), ("axis",), "whole number"),
    ("soft target outside [0, 1]", lambda: losses.cross_entropy(Z[:1], [[1.5, -0.5, 0.0, 0.0]]),
     ("target",), "[0, 1]"),
    # distributions not summing to 1 (tolerance 1e-6)
    ("entropy sums to 0.9", lambda: info.entropy([0.5, 0.4]), ("p",), "sum to 1"),
    ("entropy sum off by 2e-6", lambda: info.entropy([0.5, 0.5 + 2e-6]), ("p",), "sum to 1"),
    ("cross_entropy q sums to 1.2", lambda: info.cross_entropy(P, [0.6, 0.3, 0.3]), ("q",), "sum to 1"),
    ("kl p sums to 0.5", lambda: info.kl_divergence([0.25, 0.25, 0.0], Q), ("p",), "sum to 1"),
    ("soft target row sums to 0.5", lambda: losses.cross_entropy(Z[:1], [[0.25, 0.25, 0.0, 0.0]]),
     ("target",), "sum to 1"),
    # empty input
    ("entropy empty", lambda: info.entropy([]), ("p",), "empty"),
    ("information_content empty", lambda: info.information_content([]), ("p",), "empty"),
    ("logits empty", lambda: losses.cross_entropy(np.zeros((0, 4)), np.zeros(0, dtype=int)), ("logits",), "empty"),
    ("target empty", lambda: losses.cross_entropy(Z, []), ("target",), "empty"),
    ("softmax empty", lambda: losses.softmax([]), ("z",), "empty"),
    ("bce empty", lambda: losses.binary_cross_entropy([], []), ("y_hat",), "empty"),
    # mismatched shapes
    ("cross_entropy p, q shapes", lambda: info.cross_entropy(P, [0.5, 0.5]), ("p", "q"), "shape"),
    ("kl p, q shapes", lambda: info.kl_divergence(P, [[0.2, 0.3, 0.5]] * 2), ("p", "q"), "shape"),
    ("elementwise p, q shapes", lambda: info.elementwise_cross_entropy(P, [0.5, 0.5]), ("p", "q"), "shape"),
    ("bce shapes", lambda: losses.binary_cross_entropy([0.5], [0.5, 0.5]), ("y_hat", "y"), "shape"),
    ("bce with logits shapes", lambda: losses.binary_cross_entropy_with_logits([0.5, 1.0], [1.0]), ("s", "y"), "shape"),
    ("soft target of C + 1 classes", lambda: losses.cross_entropy(Z, np.full((3, 5), 0.2)), ("logits", "target"), "shape"),
    ("soft target of N - 1 rows", lambda: losses.cross_entropy(Z, np.full((2, 4), 0.25)), ("logits", "target"), "shape"),
    # the forms PyTorch takes: (C,) with a 0-d target, (N, C) with (N,), (N, C, d1, ..., dK) with (N, d1, ..., dK)
    ("logits 0-d", lambda: losses.cross_entropy(0.5, 0), ("logits",), "(C,), (N, C) or (N, C, d1, ..., dK)"),
    ("nll log_probs 0-d", lambda: losses.nll_loss(-0.5, 0), ("log_probs",), "(C,), (N, C) or (N, C, d1, ..., dK)"),
    ("logits (C,) with target (1,)", lambda: losses.cross_entropy([0.1, 0.2, 0.3], [1]),
     ("target",), "a single class index (a 0-d target)"),
    ("nll log_probs (C,) with target (1,)", lambda: losses.nll_loss([-0.1, -2.0], [0]),
     ("target",), "(C,) with a 0-d target"),
    ("logits (N, C, d) with target (N,)", lambda: losses.cross_entropy(np.zeros((2, 3, 4)), [0, 1]),
     ("target",), "8 class indices of shape (2, 4)"),
    ("logits (N, C, d) with target (N, d + 1)", lambda: losses.nll_loss(np.zeros((2, 3, 4)), np.zeros((2, 5), int)),
     ("target",), "(N, C, d1, ..., dK) with (N, d1, ..., dK)"),
    ("soft target (N, C, d) with C + 1 classes",
     lambda: losses.cross_entropy(np.zeros((2, 3, 4)), np.full((2, 4, 4), 0.25)), ("logits", "target"), "shape"),
    ("soft target (N, C, d) summing to 1 along d, not along C",
     lambda: losses.cross_entropy(np.zeros((2, 3, 4)), np.full((2, 3, 4), 0.25)), ("target",), "sum to 1 along the class axis"),
    ("float class indices (N, d)", lambda: losses.cross_entropy(np.zeros((2, 3, 4)), np.zeros((2, 4))),
     ("target",), "integers"),
    # base <= 0 or 1 (and not a number)
    ("base 0", lambda: info.entropy(P, base=0), ("base",), "positive"),
    ("base -2", lambda: info.entropy(P, base=-2), ("base",), "positive"),
    ("base 1", lambda: info.cross_entropy(P, Q, base=1), ("base",), "not 1"),
    ("base nan", lambda: info.information_content(0.5, base=np.nan), ("base",), "positive"),
    ("base '2'", lambda: info.kl_divergence(P, Q, base="2"), ("base",), "number"),
    # class index out of range, or negative other than ignore_index
    ("class index = C", lambda: losses.cross_entropy(Z, [0, 4, 1]), ("target",), "out of range"),
    ("class index -1", lambda: losses.cross_entropy(Z, [0, -1, 1]), ("target",), "out of range"),
    ("class index -100 with ignore_index=0", lambda: losses.cross_entropy(Z, [0, -100, 1], ignore_index=0),
     ("target",), "out of range"),
    ("nll class index = C", lambda: losses.nll_loss(Z, [0, 9, 1]), ("target",), "out of range"),
    # float class indices
    ("float class indices", lambda: losses.cross_entropy(Z, [0.0, 3.0, 1.0]), ("target",), "integers"),
    ("float class indices, nll", lambda: losses.nll_loss(Z, np.array([0.0, 3.0, 1.0])), ("target",), "integers"),
    ("bool class indices", lambda: losses.cross_entropy(Z, [True, False, True]), ("target",), "integers"),
    ("string class indices", lambda: losses.cross_entropy(Z, ["a", "b", "c"]), ("target",), "integers"),
    # target length mismatch
    ("2 targets for 3 rows", lambda: losses.cross_entropy(Z, [0, 1]), ("target",), "3 class indices"),
    ("4 targets for 3 rows", lambda: losses.nll_loss(Z, [0, 1, 2, 3]), ("target",), "3 class indices"),
    ("targets of shape (1, 3)", lambda: losses.cross_entropy(Z, [[0, 1, 2]]), ("target",), "shape"),
    # unknown reduction
    ("reduction 'avg'", lambda: losses.cross_entropy(Z, Y, reduction="avg"), ("reduction",), "one of"),
    ("reduction 'elementwise_mean'", lambda: losses.nll_loss(Z, Y, reduction="elementwise_mean"),
     ("reduction",), "one of"),
    ("reduction None", lambda: losses.binary_cross_entropy([0.5], [1.0], reduction=None), ("reduction",), "one of"),
    ("reduction 'Mean'", lambda: losses.binary_cross_entropy_with_logits([0.5], [1.0], reduction="Mean"),
     ("reduction",), "one of"),
    # label_smoothing outside [0, 1]
    ("label_smoothing -0.1", lambda: losses.cross_entropy(Z, Y, label_smoothing=-0.1), ("label_smoothing",), "[0, 1]"),
    ("label_smoothing 1.5", lambda: losses.cross_entropy(Z, Y, label_smoothing=1.5), ("label_smoothing",), "[0, 1]"),
    ("label_smoothing nan", lambda: losses.cross_entropy(Z, Y, label_smoothing=float("nan")),
     ("label_smoothing",), "[0, 1]"),
    ("label_smoothing '0.1'", lambda: losses.cross_entropy(Z, Y, label_smoothing="0.1"), ("label_smoothing",), "number"),
    # weight of the wrong length
    ("weight of C - 1", lambda: losses.cross_entropy(Z, Y, weight=[1.0, 2.0, 3.0]), ("weight",), "one weight per class"),
    ("weight of C + 1", lambda: losses.nll_loss(Z, Y, weight=np.ones(5)), ("weight",), "one weight per class"),
    ("weight 2-D", lambda: losses.cross_entropy(Z, Y, weight=np.ones((1, 4))), ("weight",), "one weight per class"),
    ("weight nan", lambda: losses.cross_entropy(Z, Y, weight=[1.0, np.nan, 1.0, 1.0]), ("weight",), "nan"),
    ("bce weight not broadcastable", lambda: losses.binary_cross_entropy([0.5, 0.2], [1.0, 0.0], weight=[1, 2, 3]),
     ("weight",), "broadcast"),
    ("bce pos_weight not broadcastable",
     lambda: losses.binary_cross_entropy_with_logits([[0.5, 0.2]], [[1.0, 0.0]], pos_weight=[1, 2, 3]),
     ("pos_weight",), "broadcast"),
    # ignore_index with probability targets (PyTorch refuses it too)
    ("ignore_index with soft targets", lambda: losses.cross_entropy(Z, np.full((3, 4), 0.25), ignore_index=0),
     ("ignore_index",), "class-index targets only"),
    # the lessons' experiments and the constant-prediction loss
    ("constant prediction y_hat > 1", lambda: losses.constant_prediction_loss(1.5, 2, 4), ("y_hat",), "[0, 1]"),
    ("constant prediction k > n", lambda: losses.constant_prediction_loss(0.5, 5, 4), ("k",), "between 0 and n"),
    ("constant prediction n = 0", lambda: losses.constant_prediction_loss(0.5, 0, 0), ("n",), "at least 1"),
    ("constant prediction k = 1.5", lambda: losses.constant_prediction_loss(0.5, 1.5, 4), ("k",), "whole number"),
    ("plug-in entropy of no shots", lambda: info.running_plugin_entropy([]), ("hits",), "non-empty"),
    ("plug-in entropy 2-D", lambda: info.running_plugin_entropy([[True]]), ("hits",), "1-D"),
    ("shots p > 1", lambda: experiments.simulate_shots(1.2, 10, 0), ("p",), "[0, 1]"),
    ("shots p nan", lambda: experiments.simulate_shots(float("nan"), 10, 0), ("p",), "[0, 1]"),
    ("shots n = 0", lambda: experiments.simulate_shots(0.5, 0, 0), ("n",), "whole number >= 1"),
    ("shots n = 2.5", lambda: experiments.simulate_shots(0.5, 2.5, 0), ("n",), "whole number"),
    ("shots seed < 0", lambda: experiments.simulate_shots(0.5, 10, -1), ("seed",), "whole number >= 0"),
    ("shots seed >= 2**32", lambda: experiments.simulate_shots(0.5, 10, 2**32), ("seed",), "below 2**32"),
    ("shots stream = 0.5", lambda: experiments.simulate_shots(0.5, 10, 0, 0.5), ("stream",), "whole number"),
    ("toy data n = 1", lambda: experiments.toy_data(1), ("n",), ">= 2"),
    ("training with hinge loss", lambda: experiments.train_logistic(("hinge",)), ("losses",), "one of"),
    ("training lr = 0", lambda: experiments.train_logistic(lr=0.0), ("lr",), "positive"),
    ("training lr nan", lambda: experiments.train_logistic(lr=float("nan")), ("lr",), "positive"),
    ("training steps = 0", lambda: experiments.train_logistic(steps=0), ("steps",), ">= 1"),
]


@pytest.mark.parametrize(("call", "names", "problem"), [case[1:] for case in CATALOGUE],
                         ids=[case[0] for case in CATALOGUE])
def test_bad_input_raises_value_error_naming_the_argument(call: Callable[[], Any], names: tuple[str, ...],
                                                          problem: str) -> None:
    with pytest.raises(ValueError) as raised:
        call()
    message = str(raised.value)
    head = message.split(":", 1)[0]  # "name: problem" or "name_a and name_b: problem"
    assert head == " and ".join(names), f"message does not lead with the argument {names}: {message!r}"
    assert re.search(re.escape(problem), message), f"message does not state {problem!r}: {message!r}"


# Close to the edge but valid: none of these may raise.
ACCEPTED: list[tuple[str, Callable[[], Any]]] = [
    ("sum off by 5e-7 is within 1e-6", lambda: info.entropy([0.5, 0.5 + 5e-7])),
    ("base 0.5 (positive, not 1)", lambda: info.entropy(P, base=0.5)),
    ("p = 0 and p = 1", lambda: info.binary_entropy([0.0, 1.0])),
    ("the default ignore_index -100", lambda: losses.cross_entropy(Z, [0, -100, 1])),
    ("a negative ignore_index", lambda: losses.cross_entropy(Z, [0, -1, 1], ignore_index=-1)),
    ("ignore_index equal to a class", lambda: losses.nll_loss(Z, [0, 2, 2], ignore_index=2)),
    ("label_smoothing 0 and 1", lambda: (losses.cross_entropy(Z, Y, label_smoothing=0),
                                         losses.cross_entropy(Z, Y, label_smoothing=1))),
    ("int8 and uint8 class indices", lambda: (losses.cross_entropy(Z, np.array([0, 3, 1], dtype=np.int8)),
                                              losses.cross_entropy(Z, np.array([0, 3, 1], dtype=np.uint8)))),
    ("a list of lists of ints as logits", lambda: losses.cross_entropy([[1, 2], [3, 4]], [0, 1])),
    ("a Python int as the target of (C,) logits", lambda: (losses.cross_entropy([1.0, 2.0], 1),
                                                          losses.nll_loss([-1.0, -2.0], 0))),
]


@pytest.mark.parametrize("call", [case[1] for case in ACCEPTED], ids=[case[0] for case in ACCEPTED])
def test_edge_cases_that_are_valid_do_not_raise(call: Callable[[], Any]) -> None:
    results = call()
    for value in results if isinstance(results, tuple) else (results,):
        assert np.all(np.isfinite(value)), value
