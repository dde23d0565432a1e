"""Exercise checks for notebook 00: log bases and units."""
from __future__ import annotations

import math
from typing import Any

from helpers.checks.core import Verdict, check_value, exercise

__all__ = ["check_nat_in_bits", "check_die_bits", "check_die_dits"]


@exercise()
def check_nat_in_bits(answer: Any) -> Verdict:
    """1 nat expressed in bits: 1 / ln 2 = log2(e)."""
    return check_value(answer, 1 / math.log(2), "1 nat in bits", unit="bits",
                       hint="Hint: a quantity of x nats is x / ln 2 bits; try 1 / np.log(2).")


@exercise()
def check_die_bits(answer: Any) -> Verdict:
    """Information of one roll of a fair six-sided die, in bits: log2 6."""
    return check_value(answer, math.log2(6), "I(one face of a fair die)", unit="bits",
                       hint="Hint: each face has p = 1/6; I = -log2(p).")


@exercise()
def check_die_dits(answer: Any) -> Verdict:
    """Information of one roll of a fair six-sided die, in dits: log10 6."""
    return check_value(answer, math.log10(6), "I(one face of a fair die)", unit="dits",
                       hint="Hint: dits use log base 10; I = -log10(1/6).")
