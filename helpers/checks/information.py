"""Exercise checks for notebook 02 (information content): one-line verdicts, never a traceback."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from helpers.checks.core import Verdict, check_function, check_value, is_placeholder
from helpers.info import information_content

__all__ = ["die_six_information", "coin_and_die_information", "information_bits_function"]

# Exercise 1: a fair die shows a six, p = 1/6: I = log2 6 = 2.5850 bits.
DIE_SIX_BITS = math.log2(6)
# Exercise 2: a fair coin lands heads AND a fair die shows a six (independent): log2 12 = 3.5850 bits.
COIN_AND_DIE_BITS = math.log2(2) + math.log2(6)


def close_to(answer: Any, value: float, rtol: float = 1e-4) -> bool:
    """True when ``answer`` is one number (a float, NumPy or torch scalar) within ``rtol`` of ``value``.

    Used to recognise a typical wrong answer before the general diagnosis; never raises.
    """
    if is_placeholder(answer) or isinstance(answer, (str, bytes, bool)):
        return False
    try:
        got = np.asarray(answer.detach().numpy() if hasattr(answer, "detach") else answer, dtype=float)
    except (TypeError, ValueError, AttributeError, RuntimeError):
        return False
    return got.size == 1 and bool(np.isclose(float(got.reshape(())), value, rtol=rtol, atol=0.0))


def die_six_information(answer: Any) -> Verdict:
    """Exercise: the information content, in bits, of a fair die showing a six: -log2(1/6)."""
    if close_to(answer, 1 / 6):
        return Verdict(False, "that is the probability 1/6; the information content is -log2 of it.")
    if close_to(answer, math.log2(1 / 6) * -1 / 6):
        return Verdict(False, "that is -p log2 p, one term of an entropy; the information content is -log2 p.")
    return check_value(answer, DIE_SIX_BITS, "the information content of a six",
                       hint="A six has probability 1/6; take -log2 of it.", unit="bits")


def coin_and_die_information(answer: Any) -> Verdict:
    """Exercise: the information content, in bits, of heads on a fair coin and a six on a fair die."""
    if close_to(answer, 1.0 * DIE_SIX_BITS):
        # 1 bit times 2.585 bits equals the die alone: a product, or the coin forgotten.
        return Verdict(False, "that is the die's information alone (or 1 bit times 2.585 bits): for "
                              "independent events the information contents add, I = I(coin) + I(die).")
    if close_to(answer, -math.log2(1 / 2 + 1 / 6)):
        return Verdict(False, "you added the probabilities; independent probabilities multiply, "
                              "p = 1/2 * 1/6 = 1/12, so the information contents add.")
    if close_to(answer, 1 / 12):
        return Verdict(False, "that is the joint probability 1/12; the information content is -log2 of it.")
    return check_value(answer, COIN_AND_DIE_BITS, "the information content of heads and a six",
                       hint="Independent events: p = 1/2 * 1/6 = 1/12, and I(x, y) = I(x) + I(y).", unit="bits")


def _reference_bits(p: float) -> float:
    return float(information_content(p, 2))


def information_bits_function(fn: Any) -> Verdict:
    """Exercise: a function ``information_bits(p)`` that returns -log2 p, with I(1) = 0."""
    cases = [(0.5,), (0.125,), (0.9,), (1 / 6,), (1.0,), (1e-6,)]
    return check_function(fn, _reference_bits, cases, "information_bits",
                          hint="Return -np.log2(p): the minus sign makes it positive, base 2 makes it bits.")
