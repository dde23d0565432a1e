"""The exercise checks of notebooks 01, 02 and 03 speak Chinese: with ``use_language("zh_CN")`` every
checker of ``helpers.checks.likelihood``, ``information`` and ``entropy``, for a right answer and for
each slip it recognises, gives a verdict whose message has Chinese and no English left; every hint
of those checkers has its translation; and the cases below reach every message of the three modules.

The words ``core`` puts around a message ("Correct!", "Not yet:", "Hint 1 of 3") and its own
diagnoses (placeholder, type, shape, sign, log base) are ``checks.core``'s, tested with it.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import polib
import pytest

from helpers import i18n, losses
from helpers.checks import core
from helpers.checks import entropy as en
from helpers.checks import information as ix
from helpers.checks import likelihood as lk
from helpers.info import binary_entropy
from tests.i18n.conftest import CHINESE, assert_hints_speak_chinese, checkers
from tests.support.english import english_left

MODULES = {"likelihood": lk, "information": ix, "entropy": en}




ALL_CHECKERS = [c for m in MODULES.values() for c in checkers(m)]


# --- the cases: a right answer and every slip each checker names --------------------------------------

def _likelihood_cases() -> list[tuple[Callable[..., Any], Any, bool]]:
    s1 = lk.EXERCISE1_S
    g = float(losses.sigmoid(s1))
    slope = g * (1 - g)
    y, y_hat = np.array(lk.EXERCISE2_Y, dtype=float), np.array(lk.EXERCISE2_Y_HAT)
    per = np.asarray(losses.binary_cross_entropy(y_hat, y, reduction="none"))
    total, n2 = float(per.sum()), y.size
    p3 = lk.EXERCISE3_P
    s3 = math.log(p3 / (1 - p3))
    p_new = float(losses.sigmoid(s3 + 1))
    part = lk._step_parts()
    s4, lr, n4 = lk.EXERCISE4_S, lk.EXERCISE4_LR, lk.EXERCISE4_N
    return [
        (lk.sigmoid_slope, slope, True),
        *[(lk.sigmoid_slope, a, False) for a in (g, 1 - g, -slope, 0.25, math.exp(-s1))],
        (lk.total_loss, total, True),
        *[(lk.total_loss, a, False) for a in (math.inf, total / n2, -total / n2,
                                              float(per[y == 1].sum()), float(per[y == 0].sum()))],
        (lk.logit_plus_one, p_new, True),
        *[(lk.logit_plus_one, a, False) for a in (p3 * math.e, p3 / (1 - p3) * math.e, s3, s3 + 1,
                                                  float(losses.sigmoid(1.0)), 1 - p_new, p3, 1.7)],
        (lk.constant_gradient_step, part["s_new"], True),
        *[(lk.constant_gradient_step, a, False) for a in (
            s4 + lr * part["slope"], part["slope"], -part["slope"], s4 - lr * part["dl_dyhat"],
            s4 + lr * part["dl_dyhat"], part["y_hat_new"], s4 - lr * n4 * part["slope"])],
        *[(lk.why_not_one_minus_p, letter, letter == "c") for letter in "abcd"],
    ]


def _information_cases() -> list[tuple[Callable[..., Any], Any, bool]]:
    nats3 = ix.EXERCISE3_NATS
    right = ix.EXERCISE5_WEATHER or []
    assert len(right) >= 4
    swapped = [{"rain": "snow", "snow": "rain"}.get(x, x) for x in right]

    def wrong_at(i: int) -> list[str]:
        return right[:i] + [next(o for o in ix.WEATHER_CODE if o != right[i])] + right[i + 1:]

    return [
        (ix.ace_of_spades_information, ix.ACE_OF_SPADES_BITS, True),
        *[(ix.ace_of_spades_information, a, False) for a in (1 / 52, 52.0, 2.0, math.log2(13), 2 * math.log2(13))],
        (ix.probability_from_nats, ix.EXERCISE2_P, True),
        # the last: check_value names a log base ("looks like"), which information.py turns into its own words
        *[(ix.probability_from_nats, a, False) for a in (2.0 ** -3, 10.0 ** -3, math.exp(3), -3.0, 3.0, 1.7,
                                                          ix.EXERCISE2_P * math.log(2))],
        (ix.loss_in_bits, ix.EXERCISE3_BITS, True),
        *[(ix.loss_in_bits, a, False) for a in (nats3, nats3 * math.log(2), nats3 / math.log(10), 0.2, 0.8)],
        (ix.questions_for_one_card, 6, True),
        *[(ix.questions_for_one_card, a, False) for a in (math.log2(52), 52.0, 51.0, 26.0, -1.0, 5.5, 7.0, 0.0,
                                                          1.0, 3.0)],
        (ix.decode_the_weather, right, True),
        *[(ix.decode_the_weather, a, False) for a in (
            ..., 5, [ix.WEATHER_CODE[x] for x in right], ["fog"], right[::-1], swapped, right[:3],
            wrong_at(0), wrong_at(1), wrong_at(3))],
        *[(ix.why_shorter_on_average, letter, letter == "c") for letter in "abcd"],
    ]


def _bits(p: float) -> float:
    return -math.log2(p)


def _term(p: float) -> float:
    return -p * math.log2(p)


def _two_outcomes(p: float) -> tuple[float, ...]:
    q = 1 - p
    return _term(p), _term(q), _bits(p), _bits(q), _bits(p) + _bits(q), (_bits(p) + _bits(q)) / 2


def _entropy_bits(p: float) -> float:
    return 0.0 if p in (0.0, 1.0) else -(p * math.log2(p) + (1 - p) * math.log2(1 - p))


def _raises(p: float) -> float:
    raise ValueError("42")


BERNOULLI_SLIPS: dict[str, Callable[[float], Any]] = {
    "raises": _raises,
    "returns nothing": lambda p: None,
    "hit term only": lambda p: 1.0 if p in (0.0, 1.0) else _term(p),
    "nan at a certain outcome": lambda p: -(p * np.log2(p) + (1 - p) * np.log2(1 - p)),
    "1 at a certain outcome": lambda p: 1.0 if p in (0.0, 1.0) else _entropy_bits(p),
}


def _entropy_cases() -> list[tuple[Callable[..., Any], Any, bool]]:
    light, six = _term(0.1), _term(0.5)
    contents = [_bits(p) for p in en.LOADED_DIE]
    f = en.PLUGIN_HITS / en.PLUGIN_SHOTS
    estimate, truth = float(binary_entropy(f, 2)), float(binary_entropy(en.SHOOTER_A_P, 2))
    counts = 7 * math.log2(7) + 43 * math.log2(43)
    die, coin = math.log2(3), float(binary_entropy(0.9, 2))
    die_nats, coin_nats = math.log(3), float(binary_entropy(0.9))
    return [
        (en.third_shooter_entropy, float(binary_entropy(0.75, 2)), True),
        *[(en.third_shooter_entropy, a, False) for a in _two_outcomes(0.75)],
        (en.bernoulli_entropy_function, _entropy_bits, True),
        *[(en.bernoulli_entropy_function, fn, False) for fn in BERNOULLI_SLIPS.values()],
        (en.loaded_die_entropy, float(sum(p * _bits(p) for p in en.LOADED_DIE)), True),
        *[(en.loaded_die_entropy, a, False) for a in (math.log2(6), _bits(0.5), _bits(0.1), sum(contents),
                                                      sum(contents) / 6, 5 * light, six, light + six)],
        (en.plugin_entropy_estimate, estimate, True),
        *[(en.plugin_entropy_estimate, a, False) for a in (truth, f, 1 - f, estimate - truth, truth - estimate,
                                                           -counts, counts, *_two_outcomes(f))],
        (en.coin_versus_three_sided_die, die - coin, True),
        *[(en.coin_versus_three_sided_die, a, False) for a in (
            die, coin, die - 1.0, die - _bits(0.9), die - _bits(0.1), die - _term(0.9), die - _term(0.1),
            die - _bits(0.9) - _bits(0.1), die / coin, die - coin_nats, die_nats - coin, -0.5,
            die_nats - coin_nats)],
        *[(en.why_no_code_beats_huffman, letter, letter == "b") for letter in "abcd"],
    ]


CASES = _likelihood_cases() + _information_cases() + _entropy_cases()
# Answers that reach a ``what`` of check_value only through core's own diagnoses (core's words, so not in CASES).
CORE_DIAGNOSED = [(lk.constant_gradient_step, 5.0)]
# Right answers whose whole message is check_value's "{what} = {value}." with ``what`` a variable's name.
CODE_ONLY = {(ix.probability_from_nats, True), (lk.logit_plus_one, True)}


def _label(case: tuple[Callable[..., Any], Any, bool]) -> str:
    checker, answer, ok = case
    shown = answer.__name__ if callable(answer) else repr(answer)
    return f"{checker.__name__}-{'right' if ok else 'slip'}-{shown[:40]}"


def _own_words(checker: Callable[..., Any], answer: Any, message: str) -> str:
    """The message without what it quotes from elsewhere: a learner's exception text, or core's diagnosis
    of a certain outcome (check_value's words, translated with checks.core)."""
    if answer is _raises:
        return message.replace("42", "")
    if checker is en.bernoulli_entropy_function:
        for p in (0.0, 1.0):
            got = core.call_learner(answer, p)
            inner = core.check_value(got, 0.0, f"{en.NAME}({p:g})", rtol=1e-6, atol=1e-9).message
            message = message.replace(core._one_line(inner), "")
    return message


@pytest.mark.parametrize("case", CASES, ids=_label)
def test_each_verdict_speaks_chinese(zh: None, case: tuple[Callable[..., Any], Any, bool]) -> None:
    checker, answer, ok = case
    verdict = checker(answer)
    assert verdict.ok is ok, verdict.message
    own = _own_words(checker, answer, verdict.message)
    assert english_left(own) == [], verdict.message
    if (checker, ok) not in CODE_ONLY:
        assert CHINESE.search(own), verdict.message


def test_the_cases_reach_every_message(zh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every template of the three modules (their hints aside) is shown by one of the cases above, in
    Chinese: a slip the cases miss, or a test of English wording that no longer holds, fails here."""
    shown: set[str] = set()

    def recording(template: str, **fields: Any) -> str:
        shown.add(template)
        return i18n.tr(template, **fields)

    for module in MODULES.values():
        monkeypatch.setattr(module, "tr", recording)
    for checker, answer in [(c, a) for c, a, _ in CASES] + CORE_DIAGNOSED:
        checker(answer)
    hints = {h for c in ALL_CHECKERS for h in c.hints}
    for domain in MODULES:
        pot = polib.pofile(str(i18n.LOCALE / f"checks.{domain}.pot"))
        missed = [e.msgid for e in pot if e.msgid not in hints and e.msgid not in shown]
        assert missed == [], f"checks.{domain}: no case shows {missed}"


@pytest.mark.parametrize("checker", ALL_CHECKERS, ids=lambda c: c.__name__)
def test_each_hint_speaks_chinese(zh: None, checker: Callable[..., Any]) -> None:
    assert_hints_speak_chinese(checker)


def test_english_is_untouched() -> None:
    """In English (the default) a message is its template: the English notebooks keep their outputs."""
    assert i18n.language() == "en"
    assert lk.why_not_one_minus_p("c").message.startswith("(c): the log is the increasing function")
    assert ix.decode_the_weather(ix.EXERCISE5_WEATHER).message == \
        "the 11 bits spell 6 days: rain, sun, cloud, snow, sun, sun."
