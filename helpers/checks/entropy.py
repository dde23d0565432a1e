"""Exercise checks for notebook 03 (entropy and the two shooters): one-line verdicts, never a traceback."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from helpers.checks.core import Verdict, check_function, check_value, close_to, exercise
from helpers.info import binary_entropy, entropy

__all__ = ["third_shooter_entropy", "bernoulli_entropy_function", "loaded_die_entropy",
           "plugin_entropy_estimate"]

# Exercise 1: a third shooter hits with probability 0.75: H = 0.8113 bits.
THIRD_SHOOTER_P = 0.75
# Exercise 3: a loaded die, a six half the time and each other face 0.1: H = 2.1610 bits (< log2 6).
LOADED_DIE = (0.1, 0.1, 0.1, 0.1, 0.1, 0.5)
# Exercise 4: shooter A (p = 0.1) hit 7 times in 50 shots: plug-in H = H(0.14) = 0.5842 bits.
PLUGIN_HITS, PLUGIN_SHOTS = 7, 50


def _term(p: float) -> float:
    """-p log2 p, one term of a binary entropy."""
    return -p * math.log2(p)


@exercise()
def third_shooter_entropy(answer: Any) -> Verdict:
    """Exercise: the entropy in bits of one shot of a shooter who hits with probability 0.75."""
    p = THIRD_SHOOTER_P
    if close_to(answer, _term(p)) or close_to(answer, _term(1 - p)):
        return Verdict(False, "that is only one of the two terms: the entropy adds -p log2 p over "
                              "both outcomes, hit (p = 0.75) and miss (1 - p = 0.25).")
    if close_to(answer, -math.log2(p)) or close_to(answer, -math.log2(1 - p)):
        return Verdict(False, "that is the information content of one outcome; entropy is its "
                              "expectation, weighted by each outcome's probability.")
    return check_value(answer, float(binary_entropy(p, 2)), "the third shooter's entropy",
                       hint="H = -[p log2 p + (1 - p) log2 (1 - p)] with p = 0.75.", unit="bits")


def _reference_bernoulli_bits(p: float) -> float:
    return float(binary_entropy(p, 2))


@exercise()
def bernoulli_entropy_function(fn: Any) -> Verdict:
    """Exercise: ``bernoulli_entropy(p)`` in bits, which must give 0 (not nan) at p = 0 and p = 1."""
    cases = [(0.1,), (0.999,), (0.5,), (0.75,), (0.0,), (1.0,)]
    with np.errstate(divide="ignore", invalid="ignore"):  # log(0) becomes a hint, not a warning
        return check_function(fn, _reference_bernoulli_bits, cases, "bernoulli_entropy",
                              hint="Treat 0 log 0 as 0: return 0.0 when p is 0 or 1 "
                                   "(or use torch.special.entr, which already does).")


@exercise()
def loaded_die_entropy(answer: Any) -> Verdict:
    """Exercise: the entropy in bits of the loaded die (0.1, 0.1, 0.1, 0.1, 0.1, 0.5)."""
    if close_to(answer, math.log2(6)):
        return Verdict(False, "that is log2 6, the entropy of a FAIR die, the largest any die can have; "
                              "the loaded die is more predictable, so its entropy is smaller.")
    if close_to(answer, -math.log2(0.5)):
        return Verdict(False, "that is the information content of a six alone; sum -p log2 p over all six faces.")
    return check_value(answer, float(entropy(LOADED_DIE, 2)), "the loaded die's entropy",
                       hint="Sum -p log2 p over all six faces: five faces with p = 0.1 and one with 0.5.",
                       unit="bits")


@exercise()
def plugin_entropy_estimate(answer: Any) -> Verdict:
    """Exercise: the plug-in entropy in bits after 7 hits in 50 shots: H(7/50)."""
    if close_to(answer, float(binary_entropy(0.1, 2))):
        return Verdict(False, "that is shooter A's TRUE entropy, H(0.1); the plug-in estimate puts the "
                              "observed frequency 7/50 = 0.14 in place of p.")
    if close_to(answer, PLUGIN_HITS / PLUGIN_SHOTS):
        return Verdict(False, "that is the observed frequency 7/50; now put it into H(f) = -[f log2 f + (1 - f) log2 (1 - f)].")
    return check_value(answer, float(binary_entropy(PLUGIN_HITS / PLUGIN_SHOTS, 2)), "the plug-in entropy",
                       hint="Frequency f = 7/50; H(f) = -[f log2 f + (1 - f) log2 (1 - f)].", unit="bits")
