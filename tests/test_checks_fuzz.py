"""Every exercise checker answers every kind of answer with a one-line verdict, and a learner's code
cannot change a later verdict.

Each checker gets the same catalogue of answers twice, in order: values of every kind, and
functions that misbehave in every way a learner's function can (mutate their inputs, raise, loop,
return nothing, a string, a complex number, a tensor that requires grad, a huge or wrong-shaped
array, nan). Each answer must get a ``Verdict`` with a one-line message, and the second pass must
give the same verdict (ok and message) as the first: nothing a learner's function did in between,
mutating the checker's cases included, may leak into a later verdict.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import torch

import helpers.checks
from helpers.checks import core
from helpers.checks.core import Verdict

TOPIC_MODULES = [importlib.import_module(f"helpers.checks.{m.name}")
                 for m in pkgutil.iter_modules(helpers.checks.__path__) if m.name not in ("core", "agree")]


def all_checkers() -> list[tuple[str, Callable[..., Verdict]]]:
    found = []
    for module in TOPIC_MODULES:
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                found.append((f"{module.__name__.rsplit('.', 1)[1]}.{name}", obj))
    return found


CHECKERS = all_checkers()


# --- the learner's functions: every way one can misbehave ------------------------------------------
def mutate_everything(*args: Any) -> Any:
    """Scribbles over every array and list it is given, then returns garbage."""
    for a in args:
        if isinstance(a, np.ndarray) and a.flags.writeable:
            a[...] = 0.123
        elif isinstance(a, list):
            a.clear()
        elif isinstance(a, torch.Tensor):
            a.data.fill_(0.123)
    return 0.5


def mutate_then_right_shape(*args: Any) -> Any:
    first = args[0] if args else None
    if isinstance(first, np.ndarray) and first.flags.writeable:
        first *= -7.0
        return first
    return first


def raises_value_error(*args: Any) -> Any:
    raise ValueError("learner bug")


def raises_system_exit(*args: Any) -> Any:
    raise SystemExit(3)


def recurses_forever(*args: Any) -> Any:
    return recurses_forever(*args)


def loops_forever(*args: Any) -> Any:
    while True:
        pass


def swallows_everything_then_loops(*args: Any) -> Any:
    while True:
        try:
            time.sleep(0.01)
        except Exception:  # the time limit is a BaseException, so it still stops this
            pass


def returns_none(*args: Any) -> None:
    return None


def body_is_placeholder(*args: Any) -> Any:
    ...


def changes_numpy_error_state(*args: Any) -> Any:
    np.seterr(all="raise")
    return 0.0


class Weird:
    """An object that fails whenever NumPy or Python tries to read it as a number."""

    def __float__(self) -> float:
        raise RuntimeError("no float for you")

    def __array__(self, *a: Any, **k: Any) -> np.ndarray:
        raise RuntimeError("no array for you")

    def __len__(self) -> int:
        raise RuntimeError("no len")


class SlowFloat:
    def __float__(self) -> float:
        while True:
            pass


def returning(value: Any) -> Callable[..., Any]:
    def fn(*args: Any) -> Any:
        return value
    fn.__name__ = f"returns_{type(value).__name__}"
    return fn


def grad_tensor(*args: Any) -> torch.Tensor:
    return torch.tensor([0.3, 0.2], requires_grad=True) * 2


def returns_first_argument(*args: Any) -> Any:
    return args[0] if args else None


ANSWERS: list[tuple[str, Any]] = [
    # values
    ("ellipsis", ...), ("none", None), ("zero", 0), ("one", 1.0), ("negative", -3.5), ("true", True),
    ("huge float", 1e308), ("inf", float("inf")), ("-inf", float("-inf")), ("nan", float("nan")),
    ("complex", 1 + 2j), ("numpy complex", np.array([1 + 1j, 2.0])), ("string", "0.5"), ("bytes", b"1"),
    ("empty list", []), ("list of strings", ["a", "b"]), ("nested ragged", [[1, 2], [3]]),
    ("dict", {"answer": 1}), ("set", {1, 2}), ("tuple", (0.1, 0.2, 0.7)), ("0-d array", np.array(0.5)),
    ("wrong shape", np.ones((7, 3))), ("huge array", np.ones(2_000_000)), ("nan array", np.full(3, np.nan)),
    ("int array", np.arange(3)), ("bool array", np.array([True, False])), ("object array", np.array([1, "x"], dtype=object)),
    ("tensor", torch.tensor([0.25, 0.75])), ("tensor needing grad", torch.tensor(0.5, requires_grad=True)),
    ("complex tensor", torch.tensor([1 + 1j])), ("weird object", Weird()), ("slow float", SlowFloat()),
    ("generator", (i for i in range(3))), ("type", float), ("module", np),
    # functions
    ("mutates its inputs", mutate_everything), ("mutates and returns its input", mutate_then_right_shape),
    ("raises ValueError", raises_value_error), ("raises SystemExit", raises_system_exit),
    ("recurses forever", recurses_forever), ("loops forever", loops_forever),
    ("swallows exceptions and loops", swallows_everything_then_loops),
    ("returns None", returns_none), ("body is ...", body_is_placeholder),
    ("changes NumPy's error state", changes_numpy_error_state),
    ("returns a string", returning("0.3")), ("returns a complex", returning(0.3 + 1j)),
    ("returns nan", returning(float("nan"))), ("returns a huge array", returning(np.zeros(1_000_000))),
    ("returns a wrong shape", returning(np.zeros((4, 4)))), ("returns a tensor needing grad", grad_tensor),
    ("returns its first argument", returns_first_argument), ("lambda with no parameters", lambda: 0.5),
    ("builtin", len), ("class", dict),
]


# Answers that never finish: they meet the time limit, kept short (0.2 s) so the test stays quick.
# Every other answer gets a generous limit, so that a slow moment of a loaded machine can never
# turn its verdict into "stopped after ..." on one pass and not on the other.
NEVER_FINISH = {"loops forever", "swallows exceptions and loops", "slow float"}


def verdicts(checker: Callable[..., Verdict], monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool, str]]:
    seen = []
    for label, answer in ANSWERS:
        monkeypatch.setattr(core, "TIME_LIMIT", 0.2 if label in NEVER_FINISH else 10.0)
        verdict = checker(answer, hint=0)
        assert isinstance(verdict, Verdict), f"{label}: got {type(verdict).__name__}"
        text = repr(verdict)
        assert "\n" not in text and "Traceback" not in text, f"{label}: {text!r}"
        assert text.startswith(("Correct! ", "Not yet: ")) and len(verdict.message) <= 300, f"{label}: {text!r}"
        seen.append((label, verdict.ok, verdict.message))
    return seen


def test_the_catalogue_is_large_enough() -> None:
    assert len(ANSWERS) >= 40
    assert sum(callable(a) and not isinstance(a, type) for _, a in ANSWERS) >= 15
    assert len(CHECKERS) >= 20, [name for name, _ in CHECKERS]


@pytest.mark.parametrize("name, checker", CHECKERS, ids=[n for n, _ in CHECKERS])
def test_every_answer_gets_a_verdict_and_the_same_one_again(name: str, checker: Callable[..., Verdict],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    limit = sys.getrecursionlimit()
    before = verdicts(checker, monkeypatch)
    after = verdicts(checker, monkeypatch)
    assert sys.getrecursionlimit() == limit
    changed = [(b, a) for b, a in zip(before, after) if b != a]
    assert not changed, f"{name}: verdicts changed after the learner's code ran: {changed[:3]}"
    assert np.geterr()["divide"] != "raise", "a learner's np.seterr leaked out of the check"
    stopped = {label for label, ok, message in before if "stopped after" in message}
    assert stopped <= NEVER_FINISH, f"{name}: answers that finish were stopped: {stopped - NEVER_FINISH}"


@pytest.mark.parametrize("name, checker", CHECKERS, ids=[n for n, _ in CHECKERS])
def test_every_checker_is_an_exercise_with_graduated_hints(name: str, checker: Callable[..., Verdict]) -> None:
    """Run again, a wrong answer earns the next hint; no checker is without hints."""
    assert getattr(checker, "__exercise__", False), f"{name} is not wrapped in core.exercise"
    hints = checker.hints
    assert len(hints) >= 2, f"{name}: give at least two graduated hints"
    first = checker(..., hint=0)
    assert not first and first.level == 0 and "Run the check again" in repr(first)
    shown = [repr(checker(..., hint=k)) for k in range(1, len(hints) + 1)]
    for k, text in enumerate(shown, start=1):
        assert f"Hint {k} of {len(hints)}" in text and hints[k - 1] in text
    assert "Run the check again" not in shown[-1]


def test_repeated_wrong_answers_climb_the_hints_and_a_right_answer_resets() -> None:
    @core.exercise("first step", "second step")
    def diagnose(answer: Any) -> Verdict:
        return core.check_value(answer, 2.0, "x")

    assert [diagnose(1.0).level for _ in range(4)] == [0, 1, 2, 2]
    assert diagnose(2.0).ok
    assert diagnose(1.0).level == 0


def test_every_explain_why_checker_names_each_wrong_option() -> None:
    """A ``why_`` checker answers each letter it offers with its own diagnosis, and exactly one is right."""
    whys = [(name, fn) for name, fn in CHECKERS if name.split(".")[1].startswith("why_")]
    for name, checker in whys:
        verdicts = {letter: checker(letter) for letter in "abcdef"}
        offered = {k: v for k, v in verdicts.items() if "should be one letter" not in v.message}
        assert len(offered) >= 3, f"{name}: at least three options"
        assert sum(v.ok for v in offered.values()) == 1, f"{name}: exactly one right option"
        messages = [v.message for v in offered.values()]
        assert len(set(messages)) == len(messages), f"{name}: each option its own diagnosis"
