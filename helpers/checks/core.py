"""Exercise self-checks: a learner's answer gets a one-line verdict, never a traceback.

``check_value`` and ``check_function`` diagnose the usual mistakes (still the placeholder,
wrong type, wrong shape, the minus sign forgotten, the wrong log base). Topic modules build their
exercise checkers on them and wrap each checker in ``exercise``, which adds what every exercise
shares:

- **graduated hints**: the first "Not yet" names the mistake; running the check again (or passing
  ``hint=2``) shows the next hint, one step at a time; no hint gives the whole answer away;
- **a verdict whatever happens**: whatever the learner's answer or function does (raises, loops,
  returns nothing, a string, a complex number, a tensor that requires grad, a huge array), the
  checker answers with a one-line ``Verdict``;
- **no lasting harm**: a learner's function only ever sees copies of the checker's cases, so it
  cannot change a later verdict;
- **grading with nbgrader**: the student edition's check cells are nbgrader's autograder tests.
  While nbgrader grades a notebook (it sets ``NBGRADER_EXECUTION``), a checker prints its verdict
  instead of returning it: a correct answer on standard output (full points), any other on standard
  error (nbgrader gives a test cell with output on standard error no points). Still one line, never
  a traceback.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import gc
import html
import math
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

__all__ = ["Verdict", "exercise", "check_value", "check_function", "check_choice", "call_learner", "is_placeholder",
           "as_numbers", "close_to", "learner_outputs", "grading", "TIME_LIMIT"]

# Ratios between the same quantity in two units: nats/bits = ln 2, bits/nats = 1/ln 2, ...
_BASE_RATIOS: dict[str, float] = {
    "in nats where bits were asked (use log base 2)": math.log(2),
    "in bits where nats were asked (use the natural log)": 1 / math.log(2),
    "in dits where nats were asked (use the natural log)": 1 / math.log(10),
    "in nats where dits were asked (use log base 10)": math.log(10),
    "in dits where bits were asked (use log base 2)": math.log10(2),
    "in bits where dits were asked (use log base 10)": math.log2(10),
}

TIME_LIMIT = 3.0  # seconds a check may take, learner's code included, before it is stopped


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check: ``ok``, a one-line ``message`` (the diagnosis) and, for a wrong
    answer, the hint of this attempt (``hint``, number ``level`` of ``levels``). Truthy when correct."""

    ok: bool
    message: str
    hint: str = ""
    level: int = 0
    levels: int = 0

    def __bool__(self) -> bool:
        return self.ok

    def _advice(self) -> str:
        """What follows the diagnosis of a wrong answer: this attempt's hint, and how to get the next."""
        if self.ok or not self.levels:
            return ""
        shown = f" Hint {self.level} of {self.levels}: {self.hint}" if self.level else ""
        if self.level < self.levels:
            more = "a hint" if not self.level else "the next hint"
            shown += f" (Run the check again for {more}.)"
        return shown

    def __repr__(self) -> str:
        return ("Correct! " if self.ok else "Not yet: ") + self.message + self._advice()

    def _repr_html_(self) -> str:
        colour = "#007A57" if self.ok else "#A84A00"  # Okabe-Ito green and vermillion, darkened to 4.5:1 on white
        mark = "&#10004; Correct!" if self.ok else "&#10008; Not yet:"
        return f'<span style="color:{colour}"><b>{mark}</b> {html.escape(self.message + self._advice())}</span>'


class _TooSlow(BaseException):
    """Raised inside a check that ran past ``TIME_LIMIT`` (a BaseException: ``except Exception`` in a
    learner's code cannot swallow it)."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop the block after ``seconds`` with ``_TooSlow`` (main thread with SIGALRM only; else no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence NumPy floating-point and Python warnings; restore NumPy's error state afterwards,
    even if a learner's code changed it."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


@contextlib.contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Hold Python's cyclic garbage collector during a check: with PyTorch loaded, one collection can
    take longer than a learner's whole function, and must not count against its time limit."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def grading() -> bool:
    """True while nbgrader's autograder (or validator) runs the notebook: it sets ``NBGRADER_EXECUTION``."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


# How many times in a row each exercise's check has said "Not yet" (the next hint to show).
_ATTEMPTS: dict[str, int] = {}


def exercise(*hints: str) -> Callable[[Callable[..., Verdict]], Callable[..., Verdict | None]]:
    """Decorator: turn ``diagnose(answer) -> Verdict`` into an exercise checker with graduated hints.

    The checker's first "Not yet" is the diagnosis alone; each further "Not yet" in a row adds the
    next of ``hints`` (a call with ``hint=k`` shows hint k instead). A correct answer resets the
    count. The diagnosis runs under ``TIME_LIMIT`` with warnings silenced, and anything it raises,
    or a learner's code raises inside it, becomes a one-line verdict.
    """
    def decorate(diagnose: Callable[..., Verdict]) -> Callable[..., Verdict | None]:
        key = f"{diagnose.__module__}.{diagnose.__qualname__}"

        @functools.wraps(diagnose)
        def checker(answer: Any = ..., *args: Any, hint: int | None = None, **kwargs: Any) -> Verdict | None:
            verdict = _diagnose_safely(lambda a: diagnose(a, *args, **kwargs), answer)
            if verdict.ok:
                _ATTEMPTS.pop(key, None)
            else:
                attempt = _ATTEMPTS.get(key, 0)
                _ATTEMPTS[key] = attempt + 1
                level = attempt if hint is None else hint
                level = max(0, min(int(level) if isinstance(level, (int, float)) and math.isfinite(level) else 0,
                                   len(hints)))
                verdict = replace(verdict, hint=hints[level - 1] if level else "", level=level, levels=len(hints))
            if grading():
                # one write, so that the kernel sends the verdict as one output (print writes the text
                # and the newline separately, and a flush between them split it in two)
                stream = sys.stdout if verdict.ok else sys.stderr
                stream.write(f"{verdict!r}\n")
                stream.flush()
                return None
            return verdict

        checker.__exercise__ = True  # type: ignore[attr-defined]
        checker.hints = hints  # type: ignore[attr-defined]
        return checker
    return decorate


def _diagnose_safely(diagnose: Callable[..., Verdict], answer: Any) -> Verdict:
    """``diagnose(answer)`` with a time limit; whatever goes wrong becomes a one-line verdict."""
    try:
        with _quiet(), _no_gc_pauses(), _time_limit(TIME_LIMIT):
            verdict = diagnose(answer)
    except KeyboardInterrupt:
        raise
    except _TooSlow:
        return Verdict(False, f"the check stopped after {TIME_LIMIT:g} s: look for a loop that never ends, "
                              "or work on whole arrays instead of element by element.")
    except BaseException as exc:  # noqa: BLE001  (SystemExit, RecursionError, ...: a learner's code did it)
        return Verdict(False, f"checking your answer raised {type(exc).__name__}: {_one_line(exc)}")
    if not isinstance(verdict, Verdict):
        return Verdict(False, "the check could not read this answer.")
    return replace(verdict, message=_one_line(verdict.message))


def _one_line(text: Any, limit: int = 300) -> str:
    """``text`` folded onto one line and cut to ``limit`` characters."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def is_placeholder(answer: Any) -> bool:
    """True for the ``...`` (Ellipsis) or ``None`` that an exercise cell ships with."""
    return answer is Ellipsis or answer is None


def as_numbers(answer: Any) -> np.ndarray | None:
    """The answer as a float array (numbers, lists, NumPy or torch), or None if it is not numeric.

    Complex numbers, strings, booleans-in-disguise and objects that fail to convert all give None.
    """
    if isinstance(answer, (str, bytes, dict, set, complex)) or is_placeholder(answer) or callable(answer):
        return None
    try:
        if hasattr(answer, "detach"):  # a torch tensor, perhaps on the autograd graph
            answer = answer.detach().cpu().numpy()
        raw = np.asarray(answer)
        if raw.dtype.kind in "cSUVMm" or raw.dtype.kind == "O" and any(
                isinstance(a, (complex, str, bytes)) for a in raw.flat):
            return None
        arr = np.asarray(raw, dtype=float)
    except Exception:  # noqa: BLE001  (any object a learner returns: not numeric)
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
        return Verdict(False, f"{what} should be a number or an array of numbers, got {_kind(answer)}.")
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


def call_learner(fn: Callable[..., Any], *args: Any) -> Any:
    """Call a learner's ``fn`` on deep copies of ``args`` with warnings silenced.

    The copies keep the checker's cases intact whatever ``fn`` does to its inputs. Exceptions
    propagate: the caller turns them into a verdict.
    """
    with _quiet():
        return fn(*copy.deepcopy(args))


def learner_outputs(fn: Any, cases: Sequence[tuple[Any, ...]]) -> list[np.ndarray] | None:
    """What a learner's ``fn`` returns on copies of each case, as float arrays; None for a placeholder
    or a non-function, or as soon as one call raises or returns something that is not numeric.

    Checkers use it to recognise a typical wrong function after ``check_function``'s general verdict
    (which names an exception or a non-numeric result itself).
    """
    if is_placeholder(fn) or not callable(fn):
        return None
    outputs = []
    for args in cases:
        try:
            got = as_numbers(call_learner(fn, *args))
        except (KeyboardInterrupt, _TooSlow):
            raise
        except BaseException:  # noqa: BLE001  (a learner's bug: check_function names it)
            return None
        if got is None:
            return None
        outputs.append(got)
    return outputs


def check_function(fn: Any, reference: Callable[..., Any], cases: Sequence[tuple[Any, ...]], what: str,
                   hint: str = "", rtol: float = 1e-6, atol: float = 1e-9) -> Verdict:
    """Call a learner's function on copies of each case and compare with ``reference``; never raises."""
    if is_placeholder(fn):
        return Verdict(False, f"{what} is still the placeholder `...`: write the function first.")
    if not callable(fn):
        return Verdict(False, f"{what} should be a function, got {type(fn).__name__}.")
    for args in cases:
        shown = ", ".join(_fmt(a) for a in args)
        try:
            got = call_learner(fn, *args)
        except (KeyboardInterrupt, _TooSlow):
            raise
        except BaseException as exc:  # noqa: BLE001  (a learner's bug becomes a hint, not a traceback)
            return Verdict(False, f"{what}({shown}) raised {type(exc).__name__}: {_one_line(exc, 120)}. {hint}".strip())
        if is_placeholder(got):
            return Verdict(False, f"{what} returns nothing yet: its body is still the placeholder `...`, "
                                  "or it does not `return` its result.")
        expected = reference(*copy.deepcopy(args))  # the learner's function only ever saw copies
        verdict = check_value(got, expected, f"{what}({shown})", hint, rtol=rtol, atol=atol)
        if not verdict.ok:
            return verdict
    return Verdict(True, f"{what} agrees with the reference on {len(cases)} inputs.")


def check_choice(answer: Any, options: Mapping[str, str], right: str, what: str = "your choice") -> Verdict:
    """Read a multiple-choice answer (one letter, as a string) and diagnose the option chosen.

    ``options`` maps each letter to what choosing it shows: for the right letter, why it is right;
    for each wrong one, the misconception behind it ("confuses the information of one outcome with
    the entropy"). The answer is read case- and space-insensitively, with or without brackets:
    ``"b"``, ``"B"``, ``" (b) "`` all choose b. Never raises.
    """
    letters = ", ".join(options)
    if right not in options:
        raise ValueError(f"right: {right!r} is not one of the options {letters}")
    if is_placeholder(answer):
        return Verdict(False, f"{what} is still the placeholder `...`: set it to one letter, "
                              f"for example `choice = \"{next(iter(options))}\"`.")
    if not isinstance(answer, str):
        return Verdict(False, f"{what} should be one letter of {letters} as a string, in quotes; got {_kind(answer)}.")
    letter = answer.strip().strip("()").strip().lower()
    if letter not in options:
        return Verdict(False, f"{what} should be one letter of {letters}; got {_one_line(repr(answer), 40)}.")
    if letter == right:
        return Verdict(True, f"({letter}): {options[letter]}")
    return Verdict(False, f"({letter}) {options[letter]}")


def _kind(answer: Any) -> str:
    """A short name for what a learner handed in: its type, with complex numbers said so."""
    if callable(answer):
        return f"a function ({type(answer).__name__})"
    try:
        is_complex = isinstance(answer, complex) or np.iscomplexobj(
            answer.detach() if hasattr(answer, "detach") else answer)
    except Exception:  # noqa: BLE001  (an object NumPy cannot read)
        is_complex = False
    return "a complex number" if is_complex else type(answer).__name__


def _fmt(x: Any) -> str:
    try:
        arr = np.asarray(x, dtype=float) if not isinstance(x, str) else None
    except Exception:  # noqa: BLE001
        arr = None
    if arr is None:
        return _one_line(repr(x), 60)
    if arr.ndim == 0:
        return f"{float(arr):.6g}"
    return np.array2string(arr, precision=4, separator=", ")
