"""Numbers written as the explorers' ES modules write them, so a reference readout is the same text.

``to_fixed`` is JavaScript's ``Number.prototype.toFixed`` (ECMAScript, Number.prototype.toFixed):
the digits of the integer n for which n / 10^f - x is closest to zero, x being the exact value of
the double; of two such n, the larger (for x < 0 the sign is taken off first, so an exact tie
rounds away from zero). It is not Python's format, which rounds an exact tie to the even digit:
(0.125).toFixed(2) is "0.13" where f"{0.125:.2f}" is "0.12". A decimal that looks like a tie is
usually not one: 1.005 is stored as 1.00499999999999989..., so both write "1.00".

``fmt`` is ``fmt`` of ``web/draw.js``: ``to_fixed`` and a unit, never "-0.000" (a negative number
that rounds to zero is written without its sign), "∞", "−∞" or "nan" for what is not finite.
``signed`` writes the sign always ("+0.0000", "-0.0000" for -0.0), as the gradients' module does.
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal

__all__ = ["to_fixed", "fmt", "signed"]

_MINUS_ZERO = re.compile(r"^-(0\.0*)$")
_EXACT = Context(prec=160)  # enough digits for any value below 1e21 with up to 100 decimals


def to_fixed(value: float, digits: int) -> str:
    """``value.toFixed(digits)`` as JavaScript writes it, for a finite ``value`` below 1e21 in size.

    Raises
    ------
    ValueError
        If ``digits`` is not a whole number from 0 to 100, or ``value`` is not finite or is 1e21 or
        more in size (toFixed writes those in another form, which this does not reproduce).
    """
    if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= 100:
        raise ValueError(f"digits: must be a whole number from 0 to 100, got {digits!r}")
    x = float(value)
    if not math.isfinite(x) or abs(x) >= 1e21:
        raise ValueError(f"value: must be finite and below 1e21 in size, got {value!r}")
    if x == 0.0:
        x = 0.0  # toFixed writes -0 as "0": the test x < 0 is false for -0
    # Decimal(x) is the double's exact value; ROUND_HALF_UP takes an exact tie away from zero.
    return format(Decimal(x).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP, context=_EXACT), "f")


def fmt(value: float, digits: int = 4, unit: str = "") -> str:
    """``value`` with ``digits`` decimals and its unit, as ``fmt`` in web/draw.js writes it."""
    x = float(value)
    if not math.isfinite(x):
        return "∞" if x > 0 else "−∞" if x < 0 else "nan"
    text = _MINUS_ZERO.sub(r"\1", to_fixed(x, digits))
    return f"{text} {unit}" if unit else text


def signed(value: float, digits: int = 4) -> str:
    """``value`` with its sign always written: "+0.1234", "-0.1234"; -0.0 gives "-0.0000"."""
    x = float(value)
    return ("-" if math.copysign(1.0, x) < 0 else "+") + to_fixed(abs(x), digits)
