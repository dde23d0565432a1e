"""Exercise checks for notebook 02 (information content): one-line verdicts, never a traceback.

Each checker names the typical mistake it recognises; the graduated hints (one more each time the
check is run again) lead towards the answer without giving it away.
"""
from __future__ import annotations

import math
from typing import Any

from helpers.checks.core import Verdict, as_numbers, check_function, check_value, close_to, exercise, is_placeholder
from helpers.info import information_content

__all__ = ["ace_of_spades_information", "probability_from_nats", "information_bits_function",
           "questions_for_one_card"]

# Exercise 1: one card from a shuffled 52-card deck is the ace of spades, p = 1/52:
# I = log2 52 = 5.7004 bits (= 2 bits for the suit + log2 13 = 3.7004 bits for the rank).
DECK = 52
ACE_OF_SPADES_BITS = math.log2(DECK)
# Exercise 2: an outcome carries 3 nats of information; I = -ln p, so p = e^(-3) = 0.0498.
EXERCISE2_NATS = 3.0
EXERCISE2_P = math.exp(-EXERCISE2_NATS)
# Exercise 3: information_bits(p) = -log2 p on these probabilities (p = 1 must give 0 bits).
EXERCISE3_CASES: tuple[tuple[float], ...] = ((0.5,), (0.125,), (0.9,), (1 / 6,), (1.0,), (1e-6,))
# Exercise 4: halving 52 cards (52, 26, 13, 7, 4, 2, 1) takes 6 yes/no questions in the worst case,
# the smallest k with 2^k >= 52, although one card carries only log2 52 = 5.70 bits.
QUESTIONS_FOR_ONE_CARD = math.ceil(math.log2(DECK))


@exercise(
    "The information content depends only on the probability of the outcome: first write down the "
    "probability of drawing that one card.",
    "Every card of the deck is equally likely. The information content is -log p; the unit asked "
    "for (bits) fixes the base of the log.",
    "Another way there: the card's suit (1 in 4) and its rank (1 in 13) are independent, so their "
    "information contents add up to the card's.",
)
def ace_of_spades_information(answer: Any) -> Verdict:
    """Exercise 1: the information content, in bits, of drawing the ace of spades from 52 cards."""
    if close_to(answer, 1 / DECK):
        return Verdict(False, "that is the probability of the card, not its information content: "
                              "information is measured on a log scale.")
    if close_to(answer, float(DECK)):
        return Verdict(False, "that is 1/p, the number of equally likely cards; the information content "
                              "is a log of it.")
    if close_to(answer, 2.0):
        return Verdict(False, "2 bits is the information of the suit alone (a spade, 1 card in 4); the card "
                              "also fixes the rank.")
    if close_to(answer, math.log2(13)):
        return Verdict(False, "that is the information of the rank alone (an ace, 1 card in 13); the card "
                              "also fixes the suit.")
    if close_to(answer, 2.0 * math.log2(13)):
        return Verdict(False, "you multiplied I(suit) and I(rank); for independent events the information "
                              "contents add (it is the probabilities that multiply).")
    return check_value(answer, ACE_OF_SPADES_BITS, "the information content of the ace of spades", unit="bits")


@exercise(
    "Information in nats is I = -ln p. Write that equation down and solve it for p, one step at a time.",
    "First get ln p on its own: multiply both sides by -1.",
    "The exponential function undoes the natural log: e^(ln p) = p. NumPy's e^x is np.exp(x).",
)
def probability_from_nats(answer: Any) -> Verdict:
    """Exercise 2: the probability of an outcome that carries 3 nats: I = -ln p, so p = e^(-I)."""
    n = EXERCISE2_NATS
    if close_to(answer, 2.0 ** -n):
        return Verdict(False, f"that is 2^(-{n:g}), the probability of an outcome of {n:g} bits; nats use the "
                              "natural log, whose inverse is e^x, not 2^x.")
    if close_to(answer, 10.0 ** -n):
        return Verdict(False, f"that is 10^(-{n:g}), the probability of an outcome of {n:g} dits; nats use the "
                              "natural log, whose inverse is e^x, not 10^x.")
    if close_to(answer, math.exp(n)):
        return Verdict(False, "that is larger than 1, so not a probability: mind the minus sign in I = -ln p.")
    if close_to(answer, -n):
        return Verdict(False, "that is ln p, a negative number; the question asks for p itself.")
    if close_to(answer, n):
        return Verdict(False, "that is the information content I you were given; the question asks for "
                              "the probability p.")
    verdict = check_value(answer, EXERCISE2_P, "p", rtol=1e-4, atol=0.0)
    if verdict.ok or is_placeholder(answer):
        return verdict
    got = as_numbers(answer)
    # check_value's sign and log-base diagnoses speak of information, not probabilities: say it plainly.
    if got is not None and got.size == 1 and not 0.0 <= float(got.reshape(())) <= 1.0:
        return Verdict(False, f"p = {float(got.reshape(())):.6g} is not a probability: p must lie between 0 and 1.")
    if "wrong sign" in verdict.message or "looks like" in verdict.message:
        return Verdict(False, "p is off by a constant factor: check the base of the log you undid.")
    return verdict


def _reference_bits(p: float) -> float:
    return float(information_content(p, 2))


@exercise(
    "The function must be 0 at p = 1 and grow as p shrinks towards 0: which function of p is 0 at 1?",
    "A log is 0 at 1 and negative for p < 1; a minus sign in front makes it positive.",
    "Bits mean a log to base 2: NumPy has np.log2.",
)
def information_bits_function(fn: Any) -> Verdict:
    """Exercise 3: a function ``information_bits(p)`` that returns -log2 p, with I(1) = 0."""
    return check_function(fn, _reference_bits, EXERCISE3_CASES, "information_bits")


@exercise(
    "A good yes/no question splits the cards still possible into two halves, as equal as possible.",
    "Follow the worst case: 52 cards, 26 after one question, 13 after two, and so on (an odd number "
    "leaves the larger half) until one card is left. Count the questions.",
    "Another way to count: k answers of yes or no form 2^k different answer sequences, so k questions "
    "can tell at most 2^k cards apart. Find the smallest k that is enough for 52.",
)
def questions_for_one_card(answer: Any) -> Verdict:
    """Exercise 4: the largest number of yes/no questions binary search needs to find one card of 52."""
    if close_to(answer, ACE_OF_SPADES_BITS):
        return Verdict(False, "that is the information content log2 52 in bits; a count of questions is a "
                              "whole number (no one asks 0.7 of a question).")
    if close_to(answer, float(DECK)) or close_to(answer, float(DECK - 1)):
        return Verdict(False, "that is asking card by card (\"is it the ace of spades?\"); a question that "
                              "splits the remaining cards in half does far better.")
    if close_to(answer, DECK / 2):
        return Verdict(False, "26 cards are still possible after the first question; keep halving until "
                              "one card is left, and count the questions.")
    verdict = check_value(answer, QUESTIONS_FOR_ONE_CARD, "the number of questions", atol=0.0)
    if verdict.ok or is_placeholder(answer):
        return verdict
    got = as_numbers(answer)
    if got is None or got.size != 1:
        return verdict
    value = float(got.reshape(()))
    if not math.isfinite(value):
        return verdict
    if value < 0:
        return Verdict(False, "a count of questions cannot be negative.")
    if value != round(value):
        return Verdict(False, f"{value:g} is not a whole number, and a count of questions is.")
    if value > QUESTIONS_FOR_ONE_CARD:
        return Verdict(False, f"{value:g} questions are more than needed: halving never takes that many "
                              f"for {DECK} cards.")
    k = int(value)
    if k == 0:
        return Verdict(False, f"before any question all {DECK} cards are still possible.")
    if k < QUESTIONS_FOR_ONE_CARD:
        return Verdict(False, f"{k} question{'s' if k > 1 else ''} {'have' if k > 1 else 'has'} only 2^{k} = {2 ** k} different answer sequences: too few "
                              f"to tell {DECK} cards apart.")
    return verdict
