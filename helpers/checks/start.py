"""Exercise checks for notebook 00 (units of information): one-line verdicts, never a traceback.

Each checker first recognises the typical slips (the conversion turned upside down, a probability
or a count where information was asked, the number on a die's face, the wrong log base, the minus
sign) and names them; the graduated hints, one more each time the check is run again, lead towards
the answer without giving it away.
"""
from __future__ import annotations

import math
from typing import Any

from helpers.checks.core import Verdict, check_choice, check_value, close_to, exercise

__all__ = ["check_nat_in_bits", "check_die_bits", "check_die_dits", "check_lock_code_bits", "why_pytorch_reports_nats"]

# Exercise 1: one nat in bits. A nat is the information of an outcome with ln(1/p) = 1, p = 1/e;
# in bits that outcome carries log2(e) = 1 / ln 2 = 1.4427 bits.
NAT_IN_BITS = 1 / math.log(2)
# Exercises 2 and 3: a fair six-sided die shows a 4 (p = 1/6): log2 6 = 2.5850 bits, log10 6 = 0.7782 dits.
FACES = 6
FACE_SHOWN = 4
DIE_BITS = math.log2(FACES)
DIE_DITS = math.log10(FACES)
# Exercise 4: a lock code of 3 uniformly random decimal digits (000 to 999) carries 3 dits (one per digit), which is
# 3 log2 10 = log2 1000 = 9.9658 bits: a little under 10 bits, since 1,000 codes < 2^10 = 1,024.
CODE_DIGITS = 3
CODE_BITS = CODE_DIGITS * math.log2(10)


@exercise(
    "A nat and a bit measure the same information with logarithms of different bases: look at "
    "the section on units again.",
    "Changing the base of a logarithm only rescales it: log_b(x) = ln(x) / ln(b).",
    "One nat is the information of an outcome with ln(1/p) = 1. Which p is that, and how many bits "
    "does the same outcome carry?",
)
def check_nat_in_bits(answer: Any) -> Verdict:
    """Exercise 1: 1 nat expressed in bits, 1 / ln 2 = log2(e)."""
    verdict = check_value(answer, NAT_IN_BITS, "1 nat in bits", unit="bits")
    if verdict.ok:
        return verdict
    if close_to(answer, math.log(2)):
        return Verdict(False, "that is the conversion the wrong way round (one bit in nats): a nat is "
                              "the larger unit, so one nat is more than one bit.")
    if close_to(answer, 1.0):
        return Verdict(False, "a nat and a bit are not the same size: the same information gives a "
                              "different number in each unit.")
    if close_to(answer, math.e):
        return Verdict(False, "e is the base of the natural logarithm, not the size of a nat in bits.")
    if close_to(answer, math.log2(10)):
        return Verdict(False, "that is the size of a dit (base 10) in bits, not of a nat (base e).")
    return verdict


def _die_slips(answer: Any, base: float, unit: str) -> Verdict | None:
    """The slips shared by Exercises 2 and 3 (a fair die shows a 4), or None."""
    if close_to(answer, 1 / FACES):
        return Verdict(False, "that is the probability of the face, not its information content: "
                              "information is measured on a log scale.")
    if close_to(answer, float(FACES)):
        return Verdict(False, "6 is the number of faces (1/p), not the information; the information "
                              "is measured on a log scale.")
    if close_to(answer, math.log(FACE_SHOWN, base)) or close_to(answer, -math.log(FACE_SHOWN, base)):
        return Verdict(False, "this answer uses the number on the face (4); the information depends on "
                              "how likely the face is, not on the number it shows.")
    if close_to(answer, -math.log(1 - 1 / FACES, base)):
        return Verdict(False, f"that is the information, in {unit}, of 'not a 4' (probability 5/6); "
                              "the die did show a 4.")
    return None


@exercise(
    "Every face of a fair die is equally likely: first write down the probability of the one face "
    "that came up.",
    "An outcome of probability p carries -log_b(p) units of information; for bits the base b is 2 "
    "(np.log2).",
    "A sanity check: 2 bits single out one of 4 equally likely options, 3 bits one of 8. Six faces "
    "lie in between.",
)
def check_die_bits(answer: Any) -> Verdict:
    """Exercise 2: the information of one roll of a fair six-sided die, in bits: log2 6."""
    verdict = check_value(answer, DIE_BITS, "I(one face of a fair die)", unit="bits")
    if verdict.ok:
        return verdict
    if close_to(answer, 3.0):
        return Verdict(False, "3 is a whole number, rounded up; information need not be a whole number "
                              "of bits.")
    slip = _die_slips(answer, 2.0, "bits")
    return verdict if slip is None else slip


@exercise(
    "Dits are the unit of base 10: the outcome is the same as in Exercise 2, only the base changes.",
    "np.log is the natural logarithm, whatever its name suggests; NumPy has a separate function for "
    "base 10.",
    "A sanity check: one dit singles out one of 10 equally likely options, so six faces carry less "
    "than one dit.",
)
def check_die_dits(answer: Any) -> Verdict:
    """Exercise 3: the information of one roll of a fair six-sided die, in dits: log10 6."""
    verdict = check_value(answer, DIE_DITS, "I(one face of a fair die)", unit="dits")
    if verdict.ok:
        return verdict
    slip = _die_slips(answer, 10.0, "dits")
    return verdict if slip is None else slip


@exercise(
    "'Dit' is short for decimal digit: one digit 0-9, all equally likely, carries exactly one dit. "
    "How many dits does the whole code carry?",
    "The information of independent digits adds. To turn dits into bits, find the size of one dit in "
    "bits: the information of a 1-in-10 outcome, measured in base 2.",
    "A sanity check: 10 binary digits make 2^10 = 1,024 equally likely codes. Does the lock have more "
    "or fewer possible codes than that?",
)
def check_lock_code_bits(answer: Any) -> Verdict:
    """Exercise 4: a uniformly random 3-digit lock code (000 to 999) in bits: 3 log2 10 = log2 1000."""
    verdict = check_value(answer, CODE_BITS, "I(the lock's code)", unit="bits")
    if verdict.ok:
        return verdict
    slips = (
        (float(CODE_DIGITS), "that is the information in dits, one per decimal digit; the question asks "
                            "for bits."),
        (CODE_DIGITS / math.log2(10), "the conversion went the wrong way: a dit is larger than a bit, so the "
                                     "same information is more bits than dits."),
        (10.0 ** CODE_DIGITS, "that is the number of possible codes (1/p), not the information; the "
                             "information is measured on a log scale."),
        (10.0 ** -CODE_DIGITS, "that is the probability of one code, not its information."),
        (10.0, "10 bits would single out one of 1,024 equally likely codes; count the lock's codes."),
        (math.log2(10), "that is the information of one digit; the code has more than one, and the "
                        "information of independent digits adds."),
        (CODE_DIGITS * 10.0, "that multiplies the digits by the 10 options of each; information adds "
                            "the logs of the options, not the options themselves."),
        (CODE_DIGITS * 4.0, "4 bits per digit is what a computer stores for a decimal digit, with room "
                           "to spare; the information of one digit is not a whole number of bits."),
        (CODE_DIGITS * 3.0, "3 bits per digit is too few: 3 bits single out only one of 8 options, "
                           "and a digit has 10."),
    )
    for value, diagnosis in slips:
        if close_to(answer, value):
            return Verdict(False, diagnosis)
    return verdict


@exercise(
    "Which logarithm do PyTorch's losses take: np.log, np.log2 or np.log10?",
    "Work out -log2(0.5) and -ln(0.5): the same surprise, measured in two units.",
)
def why_pytorch_reports_nats(choice: Any) -> Verdict:
    """Exercise 5 of notebook 00: PyTorch's binary cross-entropy of y_hat = 0.5 for y = 1 prints 0.6931,
    not the one bit of a fair yes/no answer. Why?"""
    return check_choice(choice, {
        "a": "blames float32 rounding, which moves the seventh significant digit, not the first: "
             "0.6931 is far from 1 for another reason, the unit.",
        "b": "confuses a probability with an amount of information: the label had probability 0.5, "
             "and the loss is minus the log of that probability, an amount of information.",
        "c": "blames the mean over the batch: for one sample the mean is that sample's loss, so "
             "averaging cannot shrink it.",
        "d": "PyTorch's losses take the natural log, so the loss is -ln 0.5 = ln 2 nats; one nat is "
             "1/ln 2 bits, so ln 2 nats is exactly 1 bit: the same information in another unit.",
    }, right="d", what="your choice")
