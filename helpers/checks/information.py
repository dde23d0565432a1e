"""Exercise checks for notebook 02 (information content): one-line verdicts, never a traceback."""
from __future__ import annotations

import math
from typing import Any

from helpers.checks.core import Verdict, check_function, check_value, close_to, exercise, is_placeholder
from helpers.info import information_content

__all__ = ["ace_of_spades_information", "probability_from_nats", "information_bits_function"]

# Exercise 1: one card from a shuffled 52-card deck is the ace of spades, p = 1/52:
# I = log2 52 = 5.7004 bits (= 2 bits for the suit + log2 13 = 3.7004 bits for the rank).
ACE_OF_SPADES_BITS = math.log2(52)
# Exercise 2: an outcome carries 3 nats of information; I = -ln p, so p = e^(-3) = 0.0498.
EXERCISE2_NATS = 3.0
EXERCISE2_P = math.exp(-EXERCISE2_NATS)


@exercise()
def ace_of_spades_information(answer: Any) -> Verdict:
    """Exercise 1: the information content, in bits, of drawing the ace of spades: -log2(1/52)."""
    if close_to(answer, 1 / 52):
        return Verdict(False, "that is the probability 1/52; the information content is -log2 of it.")
    if close_to(answer, 2.0):
        return Verdict(False, "2 bits is the information of the suit alone (p = 1/4); the card also "
                              "fixes the rank: p = 1/52.")
    if close_to(answer, math.log2(13)):
        return Verdict(False, "that is the information of the rank alone (an ace, p = 1/13); the card "
                              "also fixes the suit: p = 1/52.")
    if close_to(answer, 2.0 * math.log2(13)):
        return Verdict(False, "you multiplied I(suit) and I(rank); for independent events the information "
                              "contents add (the probabilities multiply).")
    return check_value(answer, ACE_OF_SPADES_BITS, "the information content of the ace of spades",
                       hint="The ace of spades is one card of 52, p = 1/52; take -log2 of it.", unit="bits")


@exercise()
def probability_from_nats(answer: Any) -> Verdict:
    """Exercise 2: the probability of an outcome that carries 3 nats: I = -ln p, so p = e^(-I)."""
    n = EXERCISE2_NATS
    if close_to(answer, 2.0 ** -n):
        return Verdict(False, f"that is 2^(-{n:g}), the probability of an outcome of {n:g} bits; "
                              "nats use the natural log, so undo it with np.exp.")
    if close_to(answer, 10.0 ** -n):
        return Verdict(False, f"that is 10^(-{n:g}), the probability of an outcome of {n:g} dits; "
                              "nats use the natural log, so undo it with np.exp.")
    if close_to(answer, math.exp(n)):
        return Verdict(False, f"that is e^(+{n:g}), larger than 1, so not a probability: "
                              "I = -ln p gives p = e^(-I), with the minus sign.")
    if close_to(answer, -n):
        return Verdict(False, "that is ln p, a negative number; the probability is p = e^(-I).")
    verdict = check_value(answer, EXERCISE2_P, "p", rtol=1e-4, atol=0.0,
                          hint="Solve I = -ln p for p: p = np.exp(-I).")
    if verdict.ok or is_placeholder(answer):
        return verdict
    # check_value's sign and log-base diagnoses are about information, not probabilities: say it plainly.
    if "wrong sign" in verdict.message or "looks like" in verdict.message:
        return Verdict(False, "p should be a probability between 0 and 1. Solve I = -ln p for p: p = np.exp(-I).")
    return verdict


def _reference_bits(p: float) -> float:
    return float(information_content(p, 2))


@exercise()
def information_bits_function(fn: Any) -> Verdict:
    """Exercise: a function ``information_bits(p)`` that returns -log2 p, with I(1) = 0."""
    cases = [(0.5,), (0.125,), (0.9,), (1 / 6,), (1.0,), (1e-6,)]
    return check_function(fn, _reference_bits, cases, "information_bits",
                          hint="Return -np.log2(p): the minus sign makes it positive, base 2 makes it bits.")
