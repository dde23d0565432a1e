"""Exercise checks for notebook 02 (information content): one-line verdicts, never a traceback.

Each checker names the typical mistake it recognises; the graduated hints (one more each time the
check is run again) lead towards the answer without giving it away.
"""
from __future__ import annotations

import math
from typing import Any

from helpers.checks.core import (
    Verdict,
    as_numbers,
    check_choice,
    check_value,
    close_to,
    exercise,
    is_placeholder,
)
from helpers.i18n import N_, tr

__all__ = ["ace_of_spades_information", "probability_from_nats", "loss_in_bits",
           "questions_for_one_card", "decode_the_weather", "why_shorter_on_average"]

# Exercise 1: one card from a shuffled 52-card deck is the ace of spades, p = 1/52:
# I = log2 52 = 5.7004 bits (= 2 bits for the suit + log2 13 = 3.7004 bits for the rank).
DECK = 52
ACE_OF_SPADES_BITS = math.log2(DECK)
# Exercise 2: an outcome carries 3 nats of information; I = -ln p, so p = e^(-3) = 0.0498.
EXERCISE2_NATS = 3.0
EXERCISE2_P = math.exp(-EXERCISE2_NATS)
# Exercise 3: section 7's (and notebook 01's) wrong-label loss, -ln 0.2 = 1.6094 nats, in bits:
# 1 nat = 1/ln 2 bits, so 1.6094 nats = 2.3219 bits = log2 5.
EXERCISE3_NATS = -math.log(0.2)
EXERCISE3_BITS = EXERCISE3_NATS / math.log(2)
# Exercise 4: halving 52 cards (52, 26, 13, 7, 4, 2, 1) takes 6 yes/no questions in the worst case,
# the smallest k with 2^k >= 52, although one card carries only log2 52 = 5.70 bits.
QUESTIONS_FOR_ONE_CARD = math.ceil(math.log2(DECK))
# Exercise 5: the prefix code of section 4 (sun 1/2, cloud 1/4, rain 1/8, snow 1/8), and a string of its
# codewords written without separators: 110 0 10 111 0 0 = rain, sun, cloud, snow, sun, sun.
WEATHER_CODE = {"sun": "0", "cloud": "10", "rain": "110", "snow": "111"}
EXERCISE5_BITS = "11001011100"


@exercise(
    N_("The information content depends only on the probability of the outcome: first write down the "
       "probability of drawing that one card."),
    N_("Every card of the deck is equally likely. The information content is -log p; the unit asked "
       "for (bits) fixes the base of the log."),
    N_("Another way there: the card's suit (1 in 4) and its rank (1 in 13) are independent, so their "
       "information contents add up to the card's."),
)
def ace_of_spades_information(answer: Any) -> Verdict:
    """Exercise 1: the information content, in bits, of drawing the ace of spades from 52 cards."""
    if close_to(answer, 1 / DECK):
        return Verdict(False, tr("that is the probability of the card, not its information content: "
                                 "information is measured on a log scale."))
    if close_to(answer, float(DECK)):
        return Verdict(False, tr("that is 1/p, the number of equally likely cards; the information content "
                                 "is a log of it."))
    if close_to(answer, 2.0):
        return Verdict(False, tr("2 bits is the information of the suit alone (a spade, 1 card in 4); the card "
                                 "also fixes the rank."))
    if close_to(answer, math.log2(13)):
        return Verdict(False, tr("that is the information of the rank alone (an ace, 1 card in 13); the card "
                                 "also fixes the suit."))
    if close_to(answer, 2.0 * math.log2(13)):
        return Verdict(False, tr("you multiplied I(suit) and I(rank); for independent events the information "
                                 "contents add (it is the probabilities that multiply)."))
    return check_value(answer, ACE_OF_SPADES_BITS, tr("the information content of the ace of spades"), unit="bits")


@exercise(
    N_("Information in nats is I = -ln p. Write that equation down and solve it for p, one step at a time."),
    N_("First get ln p on its own: multiply both sides by -1."),
    N_("The exponential function undoes the natural log: e^(ln p) = p. NumPy's e^x is np.exp(x)."),
)
def probability_from_nats(answer: Any) -> Verdict:
    """Exercise 2: the probability of an outcome that carries 3 nats: I = -ln p, so p = e^(-I)."""
    n = EXERCISE2_NATS
    if close_to(answer, 2.0 ** -n):
        return Verdict(False, tr("that is 2^(-{n:g}), the probability of an outcome of {n:g} bits; nats use the "
                                 "natural log, whose inverse is e^x, not 2^x.", n=n))
    if close_to(answer, 10.0 ** -n):
        return Verdict(False, tr("that is 10^(-{n:g}), the probability of an outcome of {n:g} dits; nats use the "
                                 "natural log, whose inverse is e^x, not 10^x.", n=n))
    if close_to(answer, math.exp(n)):
        return Verdict(False, tr("that is larger than 1, so not a probability: mind the minus sign in I = -ln p."))
    if close_to(answer, -n):
        return Verdict(False, tr("that is ln p, a negative number; the question asks for p itself."))
    if close_to(answer, n):
        return Verdict(False, tr("that is the information content I you were given; the question asks for "
                                 "the probability p."))
    verdict = check_value(answer, EXERCISE2_P, "p", rtol=1e-4, atol=0.0)
    if verdict.ok or is_placeholder(answer):
        return verdict
    got = as_numbers(answer)
    # check_value's sign and log-base diagnoses speak of information, not probabilities: say it plainly.
    if got is not None and got.size == 1 and not 0.0 <= float(got.reshape(())) <= 1.0:
        return Verdict(False, tr("p = {p:.6g} is not a probability: p must lie between 0 and 1.",
                                 p=float(got.reshape(()))))
    if verdict.diagnosis in ("sign", "base"):
        return Verdict(False, tr("p is off by a constant factor: check the base of the log you undid."))
    return verdict


@exercise(
    N_("Bits and nats measure the same surprise on two scales, so one number is a constant multiple of the "
       "other. Which unit is the larger one?"),
    N_("An outcome worth 1 nat (p = 1/e) is rarer than one worth 1 bit (p = 1/2), so a nat is the larger unit "
       "and the same loss is a larger number of bits. Section 2's table gives the factor."),
)
def loss_in_bits(answer: Any) -> Verdict:
    """Exercise 3: the loss -ln 0.2 = 1.6094 nats of section 7, converted to bits."""
    nats = EXERCISE3_NATS
    if close_to(answer, nats):
        return Verdict(False, tr("that is still the loss in nats; the question asks for the same loss in bits."))
    if close_to(answer, nats * math.log(2)):
        return Verdict(False, tr("you multiplied by ln 2 = 0.6931, the factor that turns bits into nats; going "
                                 "from nats to bits goes the other way (a nat is the larger unit, so there are "
                                 "more bits than nats)."))
    if close_to(answer, nats / math.log(10)):
        return Verdict(False, tr("that is the loss in dits (a log to base 10); bits use base 2."))
    if close_to(answer, 0.2) or close_to(answer, 0.8):
        return Verdict(False, tr("that is a probability of the model's; the question asks for the loss, in bits."))
    return check_value(answer, EXERCISE3_BITS, tr("the loss in bits"), unit="bits")


@exercise(
    N_("A good yes/no question splits the cards still possible into two halves, as equal as possible."),
    N_("Follow the worst case: 52 cards, 26 after one question, 13 after two, and so on (an odd number "
       "leaves the larger half) until one card is left. Count the questions."),
    N_("Another way to count: k answers of yes or no form 2^k different answer sequences, so k questions "
       "can tell at most 2^k cards apart. Find the smallest k that is enough for 52."),
)
def questions_for_one_card(answer: Any) -> Verdict:
    """Exercise 4: the largest number of yes/no questions binary search needs to find one card of 52."""
    if close_to(answer, ACE_OF_SPADES_BITS):
        return Verdict(False, tr("that is the information content log2 52 in bits; a count of questions is a "
                                 "whole number (no one asks 0.7 of a question)."))
    if close_to(answer, float(DECK)) or close_to(answer, float(DECK - 1)):
        return Verdict(False, tr("that is asking card by card (\"is it the ace of spades?\"); a question that "
                                 "splits the remaining cards in half does far better."))
    if close_to(answer, DECK / 2):
        return Verdict(False, tr("26 cards are still possible after the first question; keep halving until "
                                 "one card is left, and count the questions."))
    verdict = check_value(answer, QUESTIONS_FOR_ONE_CARD, tr("the number of questions"), atol=0.0)
    if verdict.ok or is_placeholder(answer):
        return verdict
    got = as_numbers(answer)
    if got is None or got.size != 1:
        return verdict
    value = float(got.reshape(()))
    if not math.isfinite(value):
        return verdict
    if value < 0:
        return Verdict(False, tr("a count of questions cannot be negative."))
    if value != round(value):
        return Verdict(False, tr("{value:g} is not a whole number, and a count of questions is.", value=value))
    if value > QUESTIONS_FOR_ONE_CARD:
        return Verdict(False, tr("{value:g} questions are more than needed: halving never takes that many "
                                 "for {deck} cards.", value=value, deck=DECK))
    k = int(value)
    if k == 0:
        return Verdict(False, tr("before any question all {deck} cards are still possible.", deck=DECK))
    if k == 1:
        return Verdict(False, tr("{k} question has only 2^{k} = {sequences} different answer sequences: too few "
                                 "to tell {deck} cards apart.", k=k, sequences=2 ** k, deck=DECK))
    if k < QUESTIONS_FOR_ONE_CARD:
        return Verdict(False, tr("{k} questions have only 2^{k} = {sequences} different answer sequences: too few "
                                 "to tell {deck} cards apart.", k=k, sequences=2 ** k, deck=DECK))
    return verdict


def decode(bits: str, code: dict[str, str]) -> list[str] | None:
    """The outcomes a string of a prefix code's codewords spells, read from the left; None if bits are left over."""
    by_word = {word: outcome for outcome, word in code.items()}
    outcomes, word = [], ""
    for bit in bits:
        word += bit
        if word in by_word:
            outcomes.append(by_word[word])
            word = ""
    return None if word else outcomes


EXERCISE5_WEATHER = decode(EXERCISE5_BITS, WEATHER_CODE)


def _as_outcomes(answer: Any) -> list[str] | None:
    """A learner's sequence of outcomes, lower-cased: a list or tuple of strings, or one string of words."""
    if isinstance(answer, str):
        return answer.replace(",", " ").lower().split()
    if isinstance(answer, list | tuple) and all(isinstance(x, str) for x in answer):
        return [x.strip().lower() for x in answer]
    return None


@exercise(
    N_("Start at the root of the tree in section 4 and follow the bits from the left, one edge for each "
       "bit, until you reach a leaf."),
    N_("At a leaf, write down its outcome and go back to the root for the next bit. No codeword is the "
       "start of another, so there is only one way to cut the string, and no bit is left over."),
)
def decode_the_weather(answer: Any) -> Verdict:
    """Exercise 5: decode a string of the weather code's codewords, written without separators."""
    if is_placeholder(answer):
        return Verdict(False, tr("decoded is still the placeholder `...`: replace it with a list of outcomes, "
                                 "such as [\"sun\", \"cloud\"]."))
    got = _as_outcomes(answer)
    if got is None:
        return Verdict(False, tr("decoded should be a list of outcomes, each a string in quotes, such as "
                                 "[\"sun\", \"cloud\"]; got {kind}.", kind=type(answer).__name__))
    right = EXERCISE5_WEATHER or []
    if got == right:
        return Verdict(True, tr("the {bits} bits spell {days} days: {outcomes}.",
                                bits=len(EXERCISE5_BITS), days=len(right), outcomes=", ".join(right)))
    words = set(WEATHER_CODE.values())
    if got and all(x in words for x in got):
        return Verdict(False, tr("those are codewords: write the outcome each one stands for instead."))
    unknown = [x for x in got if x not in WEATHER_CODE]
    if unknown:
        return Verdict(False, tr("{word!r} is not an outcome of the code; the outcomes are {outcomes}.",
                                 word=unknown[0], outcomes=", ".join(WEATHER_CODE)))
    if got == right[::-1]:
        return Verdict(False, tr("the right outcomes in reverse order: read the bits from the left."))
    swapped = {"rain": "snow", "snow": "rain"}
    if got == [swapped.get(x, x) for x in right]:
        return Verdict(False, tr("rain and snow are swapped: 110 and 111 part at their last bit, 0 or 1."))
    if len(got) != len(right):
        return Verdict(False, tr("the string holds {right} codewords, not {got}.", right=len(right), got=len(got)))
    wrong = next(i for i, (a, b) in enumerate(zip(got, right)) if a != b)
    if wrong == 0:
        return Verdict(False, tr("the first outcome is not right: go back to the root after each leaf, and "
                                 "follow one edge for each bit."))
    if wrong == 1:
        return Verdict(False, tr("the first outcome is right, the next one is not: go back to the root after "
                                 "each leaf, and follow one edge for each bit."))
    return Verdict(False, tr("the first {right} outcomes are right, the next one is not: go back to the root "
                             "after each leaf, and follow one edge for each bit.", right=wrong))


@exercise(
    N_("Compare the two codes outcome by outcome: which codewords are shorter than 2 bits, which are "
       "longer, and how often is each one used?"),
    N_("An average length weights the length of each codeword by the probability of its outcome."),
)
def why_shorter_on_average(choice: Any) -> Verdict:
    """Exercise 6 of notebook 02: why does the weather code average fewer bits than a 2-bit code?"""
    return check_choice(choice, {
        "a": tr("does not hold: only sun's codeword (0) is shorter, cloud's (10) is just as long, and rain's and "
                "snow's (110, 111) are longer than 2 bits. Shorter words alone do not win: if the four weathers "
                "were equally likely, this code would average 2.25 bits, more than the fixed 2."),
        "b": tr("mistakes what the fixed-length code needs: it needs no separators either (cut the string every "
                "2 bits). Both codes can be read without separators; the saving comes from elsewhere."),
        "c": tr("the likeliest outcomes get the shortest codewords, each -log2 p bits long, and the average "
                "weights each length by how often it is sent: 1/2 · 1 + 1/4 · 2 + 1/8 · 3 + 1/8 · 3 bits."),
        "d": tr("mistakes what one binary digit can hold: each 0 or 1 answers one yes/no question, and one answer "
                "carries at most 1 bit (exactly 1 for a fair question, as each of this tree's is). The saving is "
                "in how many digits an average day needs."),
    }, right="c", what=tr("your choice"))
