"""Exercise self-checks: a learner's answer gets a one-line verdict, never a traceback.

``check_value`` and ``check_function`` diagnose the usual mistakes (still the placeholder,
wrong type, wrong shape, the minus sign forgotten, the wrong log base) and answer with a hint.
Topic modules build their exercise checkers on them.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

__all__ = ["Verdict", "check_value", "check_function", "is_placeholder", "as_numbers", "close_to"]

# Ratios between the same quantity in two units: nats/bits = ln 2, bits/nats = 1/ln 2, ...
_BASE_RATIOS: dict[str, float] = {
    "in nats where bits were asked (use log base 2)": math.log(2),
    "in bits where nats were asked (use the natural log)": 1 / math.log(2),
    "in dits where nats were asked (use the natural log)": 1 / math.log(10),
    "in nats where dits were asked (use log base 10)": math.log(10),
    "in dits where bits were asked (use log base 2)": math.log10(2),
    "in bits where dits were asked (use log base 10)": math.log2(10),
}


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check: ``ok`` and a one-line message. Truthy when correct."""

    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return ("Correct! " if self.ok else "Not yet: ") + self.message

    def _repr_html_(self) -> str:
        colour = "#009E73" if self.ok else "#D55E00"
        mark = "&#10004; Correct!" if self.ok else "&#10008; Not yet:"
        return f'<span style="color:{colour}"><b>{mark}</b> {html.escape(self.message)}</span>'


def is_placeholder(answer: Any) -> bool:
    """True for the ``...`` (Ellipsis) or ``None`` that an exercise cell ships with."""
    return answer is Ellipsis or answer is None


def as_numbers(answer: Any) -> np.ndarray | None:
    """The answer as a float array (numbers, lists, NumPy or torch), or None if it is not numeric."""
    if isinstance(answer, (str, bytes, dict, set)):
        return None
    try:
        arr = np.asarray(answer.detach().numpy() if hasattr(answer, "detach") else answer, dtype=float)
    except (TypeError, ValueError, AttributeError, RuntimeError):
        return None
    return arr


def close_to(answer: Any, value: float, rtol: float = 1e-4) -> bool:
    """True when ``answer`` is one number within ``rtol`` of ``value``; never raises.

    Checkers use it to recognise a typical wrong answer before the general diagnosis.
    """
    if is_placeholder(answer) or isinstance(answer, bool):
        return False
    got = as_numbers(answer)
    return got is not None and got.size == 1 and bool(np.isclose(float(got.reshape(())), value, rtol=rtol, atol=0.0))


def check_value(answer: Any, expected: Any, what: str, hint: str = "", rtol: float = 1e-4,
                atol: float = 1e-8, unit: str = "") -> Verdict:
    """Compare a numeric answer (number or array) with ``expected`` and diagnose a mismatch.

    The answer is right when ``np.allclose(answer, expected, rtol, atol)``.
    """
    suffix = f" {unit}" if unit else ""
    if is_placeholder(answer):
        return Verdict(False, f"{what} is still the placeholder `...`: replace it with your answer.")
    got = as_numbers(answer)
    if got is None:
        return Verdict(False, f"{what} should be a number or an array of numbers, got {type(answer).__name__}.")
    exp = np.asarray(expected, dtype=float)
    if got.shape != exp.shape and not (got.size == 1 and exp.size == 1):
        return Verdict(False, f"{what} has shape {got.shape}, expected shape {exp.shape}.")
    got = got.reshape(exp.shape)
    if np.isnan(got).any():
        return Verdict(False, f"{what} contains nan: look for log(0), 0/0 or an overflow. {hint}".strip())
    if np.allclose(got, exp, rtol=rtol, atol=atol):
        return Verdict(True, f"{what} = {_fmt(got)}{suffix}.")
    if np.allclose(-got, exp, rtol=rtol, atol=atol):
        return Verdict(False, f"{what} has the wrong sign: did you forget the minus sign in front of the log?")
    for reason, ratio in _BASE_RATIOS.items():
        if np.allclose(got, exp * ratio, rtol=rtol, atol=atol) and not np.allclose(exp, 0):
            return Verdict(False, f"{what} looks like the right quantity {reason}.")
    direction = "too large" if np.mean(got - exp) > 0 else "too small"
    return Verdict(False, f"{what} = {_fmt(got)}{suffix} is {direction}. {hint}".strip())


def check_function(fn: Any, reference: Callable[..., Any], cases: Sequence[tuple[Any, ...]], what: str,
                   hint: str = "", rtol: float = 1e-6, atol: float = 1e-9) -> Verdict:
    """Call a learner's function on each case and compare with ``reference``; never raises."""
    if is_placeholder(fn):
        return Verdict(False, f"{what} is still the placeholder `...`: write the function first.")
    if not callable(fn):
        return Verdict(False, f"{what} should be a function, got {type(fn).__name__}.")
    for args in cases:
        shown = ", ".join(_fmt(a) for a in args)
        try:
            got = fn(*args)
        except Exception as exc:  # a learner's bug becomes a hint, not a traceback
            return Verdict(False, f"{what}({shown}) raised {type(exc).__name__}: {exc}. {hint}".strip())
        if is_placeholder(got):
            return Verdict(False, f"{what} returns nothing yet: its body is still the placeholder `...`; write your code there.")
        verdict = check_value(got, reference(*args), f"{what}({shown})", hint, rtol=rtol, atol=atol)
        if not verdict.ok:
            return verdict
    return Verdict(True, f"{what} agrees with the reference on {len(cases)} inputs.")


def _fmt(x: Any) -> str:
    arr = np.asarray(x, dtype=float) if not isinstance(x, str) else None
    if arr is None:
        return repr(x)
    if arr.ndim == 0:
        return f"{float(arr):.6g}"
    return np.array2string(arr, precision=4, separator=", ")
