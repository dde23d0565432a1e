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

Every message a learner reads is a template of ``helpers.i18n`` (``tr``), so a verdict speaks the
language in use; ``Verdict.diagnosis`` names the diagnosis in words that do not depend on it
(``"sign"``, ``"base"``, ``"raised"``...), for a checker that builds on another's verdict.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import gc
import html
import math
import os
import re
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from helpers import i18n
from helpers.i18n import N_, tr

__all__ = ["Verdict", "exercise", "check_value", "check_function", "check_choice", "call_learner", "is_placeholder",
           "as_numbers", "close_to", "learner_outputs", "grading", "unit_name", "spaced", "TIME_LIMIT"]

# Ratios between the same quantity in two units, by (the unit answered, the unit asked):
# nats/bits = ln 2, bits/nats = 1/ln 2, ...
_BASE_RATIOS: dict[tuple[str, str], float] = {
    ("nats", "bits"): math.log(2),
    ("bits", "nats"): 1 / math.log(2),
    ("dits", "nats"): 1 / math.log(10),
    ("nats", "dits"): math.log(10),
    ("dits", "bits"): math.log10(2),
    ("bits", "dits"): math.log2(10),
}
# What a learner reads for each of them: the answer in one unit where the other was asked.
_BASE_MESSAGES: dict[tuple[str, str], str] = {
    ("nats", "bits"): N_("{what} looks like the right quantity in nats where bits were asked (use log base 2)."),
    ("bits", "nats"): N_("{what} looks like the right quantity in bits where nats were asked (use the natural log)."),
    ("dits", "nats"): N_("{what} looks like the right quantity in dits where nats were asked (use the natural log)."),
    ("nats", "dits"): N_("{what} looks like the right quantity in nats where dits were asked (use log base 10)."),
    ("dits", "bits"): N_("{what} looks like the right quantity in dits where bits were asked (use log base 2)."),
    ("bits", "dits"): N_("{what} looks like the right quantity in bits where dits were asked (use log base 10)."),
}
# (A template marked with N_ is shown with ``i18n.tr``: the extractor reads ``tr``'s literal templates only.)
# The units of information by their codes, as a learner reads them after a number.
_UNITS: dict[str, str] = {"bits": N_("bits"), "nats": N_("nats"), "dits": N_("dits")}

TIME_LIMIT = 3.0  # seconds a check may take, learner's code included, before it is stopped

# Chinese typography: a space between a Chinese character and a Latin letter, digit, inline code or
# a bracket of math ("熵是 1.5 比特", "调用 `F.softmax` 之后"); none in a text without Chinese.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_THEN_LATIN = re.compile(f"([{_HAN}])([A-Za-z0-9`(\\[])")
_LATIN_THEN_HAN = re.compile(f"([A-Za-z0-9`)\\]])([{_HAN}])")


def unit_name(unit: str) -> str:
    """A unit as a learner reads it after a number: "bits", "nats", "dits" in the language in use (比特,
    纳特, 迪特); any other unit as it is given."""
    return i18n.tr(_UNITS[unit]) if unit in _UNITS else unit


def spaced(text: str) -> str:
    """``text`` with a space wherever a Chinese character touches a Latin letter, a digit, inline code
    or a bracket: the spacing of Chinese typography, which fields filled into a Chinese template (a
    unit, a name, a number) would otherwise miss. English text comes back unchanged."""
    return _LATIN_THEN_HAN.sub(r"\1 \2", _HAN_THEN_LATIN.sub(r"\1 \2", text))


def _then(first: str, second: str) -> str:
    """Two parts of a message, one after the other (a space between them in English)."""
    return tr("{first} {second}", first=first, second=second)


def _with_hint(sentence: str, hint: str) -> str:
    """A diagnosis followed by the caller's ``hint`` (if any), without a space at either end."""
    return (_then(sentence, hint) if hint else sentence).strip()


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check: ``ok``, a one-line ``message`` (the diagnosis) and, for a wrong
    answer, the hint of this attempt (``hint``, number ``level`` of ``levels``). Truthy when correct.

    ``diagnosis`` names what ``core`` recognised, the same in every language, for a checker that
    builds on another verdict: ``"placeholder"``, ``"type"``, ``"shape"``, ``"nan"``, ``"sign"`` (the
    minus sign forgotten), ``"base"`` (the right quantity in another unit), ``"too_large"``,
    ``"too_small"``, ``"not_function"``, ``"raised"`` (the learner's function raised), ``"no_return"``,
    ``"letter"`` (not one of a choice's letters), ``"option"`` (a wrong option chosen), ``"time_limit"``,
    ``"crashed"`` (the check itself raised), ``"unreadable"``; empty for a correct answer and, unless
    it names one of these, for a verdict a topic module words itself.
    """

    ok: bool
    message: str
    hint: str = ""
    level: int = 0
    levels: int = 0
    diagnosis: str = ""

    def __bool__(self) -> bool:
        return self.ok

    def _advice(self) -> str:
        """What follows the diagnosis of a wrong answer: this attempt's hint, and how to get the next."""
        if self.ok or not self.levels:
            return ""
        shown = tr("Hint {level} of {levels}: {hint}", level=self.level, levels=self.levels,
                   hint=self.hint) if self.level else ""
        if self.level < self.levels:
            more = tr("(Run the check again for a hint.)") if not self.level else \
                tr("(Run the check again for the next hint.)")
            shown = _then(shown, more) if shown else more
        return shown

    def _text(self) -> str:
        """The diagnosis and the advice, as one line."""
        advice = self._advice()
        return _then(self.message, advice) if advice else self.message

    def __repr__(self) -> str:
        return spaced(_then(tr("Correct!") if self.ok else tr("Not yet:"), self._text()))

    def _repr_html_(self) -> str:
        colour = "#007A57" if self.ok else "#A84A00"  # Okabe-Ito green and vermillion, darkened to 4.5:1 on white
        mark = "&#10004; " + html.escape(tr("Correct!")) if self.ok else "&#10008; " + html.escape(tr("Not yet:"))
        line = _then(f"<b>{mark}</b>", html.escape(spaced(self._text())))
        return f'<span style="color:{colour}">{line}</span>'


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
    or a learner's code raises inside it, becomes a one-line verdict. Each of ``hints`` is a template
    marked with ``N_`` (a literal brace written twice): a verdict shows it in the language in use.
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
                verdict = replace(verdict, hint=i18n.tr(hints[level - 1]) if level else "", level=level,
                                  levels=len(hints))
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
        return Verdict(False, tr("the check stopped after {seconds:g} s: look for a loop that never ends, "
                                 "or work on whole arrays instead of element by element.", seconds=TIME_LIMIT),
                       diagnosis="time_limit")
    except BaseException as exc:  # noqa: BLE001  (SystemExit, RecursionError, ...: a learner's code did it)
        return Verdict(False, tr("checking your answer raised {error}: {detail}", error=type(exc).__name__,
                                 detail=_one_line(exc)), diagnosis="crashed")
    if not isinstance(verdict, Verdict):
        return Verdict(False, tr("the check could not read this answer."), diagnosis="unreadable")
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

    The answer is right when ``np.allclose(answer, expected, rtol, atol)``. ``what`` and ``hint`` come
    translated from the caller (``tr``); ``unit`` is a unit's code ("bits", "nats", "dits") or name.
    """
    suffix = f" {unit_name(unit)}" if unit else ""
    if is_placeholder(answer):
        return Verdict(False, tr("{what} is still the placeholder `...`: replace it with your answer.", what=what),
                       diagnosis="placeholder")
    got = as_numbers(answer)
    if got is None:
        return Verdict(False, tr("{what} should be a number or an array of numbers, got {kind}.", what=what,
                                 kind=_kind(answer)), diagnosis="type")
    exp = np.asarray(expected, dtype=float)
    if got.shape != exp.shape and not (got.size == 1 and exp.size == 1):
        return Verdict(False, tr("{what} has shape {shape}, expected shape {expected}.", what=what,
                                 shape=got.shape, expected=exp.shape), diagnosis="shape")
    got = got.reshape(exp.shape)
    if np.isnan(got).any():
        return Verdict(False, _with_hint(tr("{what} contains nan: look for log(0), 0/0 or an overflow.", what=what),
                                         hint), diagnosis="nan")
    if np.allclose(got, exp, rtol=rtol, atol=atol):
        return Verdict(True, tr("{what} = {value}{unit}.", what=what, value=_fmt(got), unit=suffix))
    if np.allclose(-got, exp, rtol=rtol, atol=atol):
        return Verdict(False, tr("{what} has the wrong sign: did you forget the minus sign in front of the log?",
                                 what=what), diagnosis="sign")
    for units, ratio in _BASE_RATIOS.items():
        if np.allclose(got, exp * ratio, rtol=rtol, atol=atol) and not np.allclose(exp, 0):
            return Verdict(False, i18n.tr(_BASE_MESSAGES[units], what=what), diagnosis="base")
    if np.mean(got - exp) > 0:
        sentence, direction = tr("{what} = {value}{unit} is too large.", what=what, value=_fmt(got), unit=suffix), \
            "too_large"
    else:
        sentence, direction = tr("{what} = {value}{unit} is too small.", what=what, value=_fmt(got), unit=suffix), \
            "too_small"
    return Verdict(False, _with_hint(sentence, hint), diagnosis=direction)


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
        return Verdict(False, tr("{what} is still the placeholder `...`: write the function first.", what=what),
                       diagnosis="placeholder")
    if not callable(fn):
        return Verdict(False, tr("{what} should be a function, got {kind}.", what=what, kind=type(fn).__name__),
                       diagnosis="not_function")
    for args in cases:
        shown = ", ".join(_fmt(a) for a in args)
        try:
            got = call_learner(fn, *args)
        except (KeyboardInterrupt, _TooSlow):
            raise
        except BaseException as exc:  # noqa: BLE001  (a learner's bug becomes a hint, not a traceback)
            raised = tr("{call} raised {error}: {detail}.", call=f"{what}({shown})", error=type(exc).__name__,
                        detail=_one_line(exc, 120))
            return Verdict(False, _with_hint(raised, hint), diagnosis="raised")
        if is_placeholder(got):
            return Verdict(False, tr("{what} returns nothing yet: its body is still the placeholder `...`, "
                                     "or it does not `return` its result.", what=what), diagnosis="no_return")
        expected = reference(*copy.deepcopy(args))  # the learner's function only ever saw copies
        verdict = check_value(got, expected, f"{what}({shown})", hint, rtol=rtol, atol=atol)
        if not verdict.ok:
            return verdict
    return Verdict(True, tr("{what} agrees with the reference on {count} inputs.", what=what, count=len(cases)))


def check_choice(answer: Any, options: Mapping[str, str], right: str, what: str = "") -> Verdict:
    """Read a multiple-choice answer (one letter, as a string) and diagnose the option chosen.

    ``options`` maps each letter to what choosing it shows: for the right letter, why it is right;
    for each wrong one, the misconception behind it ("confuses the information of one outcome with
    the entropy"). The answer is read case- and space-insensitively, with or without brackets:
    ``"b"``, ``"B"``, ``" (b) "`` all choose b. Never raises. ``options`` and ``what`` (by default
    "your choice") come translated from the caller (``tr``).
    """
    letters = ", ".join(options)
    if right not in options:
        raise ValueError(f"right: {right!r} is not one of the options {letters}")
    what = what or tr("your choice")
    if is_placeholder(answer):
        return Verdict(False, tr("{what} is still the placeholder `...`: set it to one letter, "
                                 "for example `choice = \"{letter}\"`.", what=what, letter=next(iter(options))),
                       diagnosis="placeholder")
    if not isinstance(answer, str):
        return Verdict(False, tr("{what} should be one letter of {letters} as a string, in quotes; got {kind}.",
                                 what=what, letters=letters, kind=_kind(answer)), diagnosis="type")
    letter = answer.strip().strip("()").strip().lower()
    if letter not in options:
        return Verdict(False, tr("{what} should be one letter of {letters}; got {answer}.", what=what,
                                 letters=letters, answer=_one_line(repr(answer), 40)), diagnosis="letter")
    if letter == right:
        return Verdict(True, tr("({letter}): {why}", letter=letter, why=options[letter]))
    return Verdict(False, tr("({letter}) {why}", letter=letter, why=options[letter]), diagnosis="option")


def _kind(answer: Any) -> str:
    """A short name for what a learner handed in: its type, with complex numbers said so."""
    if callable(answer):
        return tr("a function ({name})", name=type(answer).__name__)
    try:
        is_complex = isinstance(answer, complex) or np.iscomplexobj(
            answer.detach() if hasattr(answer, "detach") else answer)
    except Exception:  # noqa: BLE001  (an object NumPy cannot read)
        is_complex = False
    return tr("a complex number") if is_complex else type(answer).__name__


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
