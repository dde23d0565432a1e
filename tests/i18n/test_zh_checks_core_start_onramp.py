"""The Chinese edition of the exercise self-checks of notebooks 00 and 00a and of what every checker
shares (``checks.core``, ``checks.agree``): in Chinese, every verdict, hint, ✓ sentence and
``CheckFailed`` reads Chinese with no English left, and the English edition reads as it did.

Each call is made twice, in English and in Chinese: the Chinese must differ from the English, hold
Chinese and no run of English words; the English must hold no Chinese and come back the same after
the Chinese (the existing English tests pin its words).
"""
from __future__ import annotations

import contextlib
import html
import io
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import polib
import pytest

import helpers
from helpers import checks, publish
from helpers.checks import core, onramp, start
from helpers.i18n import LOCALE, N_, tr
from tests.support.english import english_left

_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"(?<!\w)[A-Za-z]{2,}(?!\w)")  # a word, not a piece of an identifier
_ENGLISH_TYPOGRAPHY = re.compile(r"[\u4e00-\u9fff][,;:!?]|[，。：；？！（）] |\.(?:$|[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff])")
_CATALOGS = [LOCALE / "zh_CN" / f"checks.{name}.po" for name in ("core", "agree", "start", "onramp")]
# English words of these catalogs that no translation keeps ("Correct", "Hint", "bits", "autograd"): a
# single one in a Chinese message is an entry left untranslated, which english_left, looking for
# runs of two words or more, would let through.
_TRANSLATED_AWAY = frozenset(
    {w for path in _CATALOGS for e in polib.pofile(str(path)) for w in _WORD.findall(e.msgid)}
    - {w for path in _CATALOGS for e in polib.pofile(str(path)) for w in _WORD.findall(e.msgstr)})


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """Every test may switch to Chinese; English is restored whatever happens."""
    helpers.use_language("en")
    yield
    helpers.use_language("en")


def in_both(call: Callable[[], Any]) -> tuple[Any, Any]:
    """``call()`` in English, then in Chinese; English again must give the same as the first time."""
    helpers.use_language("en")
    english = call()
    helpers.use_language("zh_CN")
    try:
        chinese = call()
    finally:
        helpers.use_language("en")
    assert call() == english, "English changed after a call in Chinese"
    return english, chinese


def assert_chinese(english: str, chinese: str) -> None:
    """``chinese`` is a translation of ``english``: Chinese, no English words left, not the English."""
    assert not _HAN.search(english), f"Chinese in the English edition: {english!r}"
    assert _HAN.search(chinese), f"no Chinese in {chinese!r}"
    assert english_left(chinese) == [], f"English left in {chinese!r}"
    assert not set(_WORD.findall(chinese)) & _TRANSLATED_AWAY, f"English left in {chinese!r}"
    # Chinese typography, which an entry left in English breaks even without a word: full-width
    # punctuation after Chinese, no space after it, no English full stop
    assert not _ENGLISH_TYPOGRAPHY.search(chinese), f"English punctuation in {chinese!r}"
    assert chinese != english


def shown(verdict: core.Verdict | None) -> tuple[str, str]:
    """What a learner reads of a verdict: its text, and the words of its HTML (tags left out)."""
    assert verdict is not None
    return repr(verdict), html.unescape(re.sub(r"<[^>]*>", "", verdict._repr_html_()))


def assert_verdicts_in_chinese(checker: Callable[..., Any], answer: Any) -> None:
    """The checker's verdict on ``answer`` at every hint level (none, 1, 2, ...) reads Chinese."""
    for level in range(len(checker.hints) + 1):  # type: ignore[attr-defined]
        english, chinese = in_both(lambda level=level: shown(checker(answer, hint=level)))
        for en, zh in zip(english, chinese):
            assert_chinese(en, zh)
        if level and not checker(answer):
            # the hint shown is the hint of that level, in the verdict's language
            english_hint, chinese_hint = in_both(
                lambda level=level: helpers.i18n.tr(checker.hints[level - 1]))  # type: ignore[attr-defined]
            assert english_hint in english[0] and chinese_hint in chinese[0]
            assert_chinese(english_hint, chinese_hint)


def verdict_ok_in_both(checker: Callable[..., Any], answer: Any) -> tuple[bool, bool]:
    english, chinese = in_both(lambda: checker(answer, hint=0))
    return bool(english), bool(chinese)


# ------------------------------------------------------------------------------------ notebook 00

LETTERS = ["a", "b", "c", "d", " (B) ", "e", "ab", 3, ..., None]


@pytest.mark.parametrize("checker", [checks.why_read_before_04, checks.which_is_the_model, checks.why_keepdims])
@pytest.mark.parametrize("answer", LETTERS)
def test_choices_read_chinese(checker: Callable[..., Any], answer: Any) -> None:
    assert_verdicts_in_chinese(checker, answer)


@pytest.mark.parametrize("checker, right", [(checks.why_read_before_04, "b"), (checks.which_is_the_model, "d"),
                                            (checks.why_keepdims, "c")])
def test_each_option_has_its_own_chinese_diagnosis(checker: Callable[..., Any], right: str) -> None:
    seen = set()
    for letter in "abcd":
        english, chinese = in_both(lambda letter=letter: checker(letter, hint=0))
        assert english.ok == chinese.ok == (letter == right)
        assert chinese.diagnosis == english.diagnosis
        assert f"（{letter}）" in repr(chinese) and f"({letter})" in repr(english)
        seen.add(chinese.message)
    assert len(seen) == 4


Y, Y_HAT = np.array(start.START_Y), np.array(start.START_Y_HAT)
RIGHT = int(np.sum(np.where(Y == 1, Y_HAT > 0.5, Y_HAT < 0.5)))
RIGHT_SIDE_ANSWERS = [RIGHT, float(RIGHT), len(Y) - RIGHT, int(np.sum(Y_HAT > 0.5)), int(Y.sum()), len(Y),
                      RIGHT / len(Y), 4, 0, -RIGHT, "5", [RIGHT, RIGHT], 1j, ..., None]


@pytest.mark.parametrize("answer", RIGHT_SIDE_ANSWERS)
def test_right_side_reads_chinese(answer: Any) -> None:
    assert_verdicts_in_chinese(checks.check_right_side, answer)


def test_right_side_slips_are_told_apart_in_chinese() -> None:
    messages = set()
    for answer in RIGHT_SIDE_ANSWERS[2:7]:
        english, chinese = in_both(lambda answer=answer: checks.check_right_side(answer).message)
        messages.add(chinese)
    assert len(messages) == 5
    assert verdict_ok_in_both(checks.check_right_side, RIGHT) == (True, True)


# ----------------------------------------------------------------------------------- notebook 00a

Q, LABELS = np.array(onramp.ONRAMP_Q), np.array(onramp.ONRAMP_Y)
LOSSES = -np.log(Q[np.arange(len(LABELS)), LABELS])
LOSS_ANSWERS = [LOSSES, list(LOSSES), -np.log(Q[:, LABELS]), -np.log(Q[LABELS]), -np.log(Q), Q[np.arange(5), LABELS],
                LOSSES.mean(), LOSSES.sum(), -LOSSES, LOSSES / np.log(2), LOSSES / np.log(10), LOSSES * 2,
                LOSSES / 2, np.full(5, np.nan), np.ones(3), "0.36", print, ...]

Z = np.array(onramp.ONRAMP_LOGITS)
SHIFTED = Z - Z.max(axis=1, keepdims=True)
SHIFT_ANSWERS = [SHIFTED, Z - Z.max(), Z - Z.max(axis=0, keepdims=True), Z.max(axis=1, keepdims=True) - Z,
                 Z - Z.mean(axis=1, keepdims=True), Z.max(axis=1), Z.max(axis=1, keepdims=True), -SHIFTED - 1,
                 SHIFTED + 1, Z, np.ones(4), "z", ...]

G = onramp.ONRAMP_GRAPH
S = G["w"] * G["x"] + G["b"]
DL_DS = 2 * (S - G["t"])
GRAD = np.array([DL_DS * G["x"], DL_DS])
GRADIENT_ANSWERS = [GRAD, tuple(GRAD), GRAD / 2, -GRAD, GRAD[::-1], [DL_DS, DL_DS], [DL_DS * G["w"], DL_DS],
                    [DL_DS * G["x"], DL_DS * G["x"]], GRAD + 1, (1.0, 2.0, 3.0), 7.0, "(-15, -5)", ...]


@pytest.mark.parametrize("answer", LOSS_ANSWERS)
def test_losses_by_label_read_chinese(answer: Any) -> None:
    assert_verdicts_in_chinese(checks.check_losses_by_label, answer)


@pytest.mark.parametrize("answer", SHIFT_ANSWERS)
def test_shift_rows_reads_chinese(answer: Any) -> None:
    assert_verdicts_in_chinese(checks.check_shift_rows, answer)


@pytest.mark.parametrize("answer", GRADIENT_ANSWERS)
def test_gradient_by_hand_reads_chinese(answer: Any) -> None:
    assert_verdicts_in_chinese(checks.check_gradient_by_hand, answer)


@pytest.mark.parametrize("checker, answers", [(checks.check_losses_by_label, LOSS_ANSWERS),
                                              (checks.check_shift_rows, SHIFT_ANSWERS),
                                              (checks.check_gradient_by_hand, GRADIENT_ANSWERS)])
def test_onramp_verdicts_agree_across_languages(checker: Callable[..., Any], answers: list[Any]) -> None:
    """The same answers pass and fail, with the same diagnosis, in both languages."""
    for answer in answers:
        english, chinese = in_both(lambda answer=answer: checker(answer, hint=0))
        assert (english.ok, english.diagnosis) == (chinese.ok, chinese.diagnosis)
    assert checker(answers[0]).ok


def test_nats_read_as_nats_in_chinese() -> None:
    english, chinese = in_both(lambda: repr(checks.check_losses_by_label(LOSSES)))
    assert english.endswith(" nats.") and "纳特" in chinese


# ------------------------------------------------------------------------------------- core itself

def _raises(x: float) -> float:
    """A learner's function that raises (its message is a number: a learner's own words stay theirs)."""
    raise KeyError(2)


CORE_CALLS: dict[str, Callable[[], core.Verdict]] = {
    "right, in bits": lambda: core.check_value(1.0, 1.0, tr("your choice"), unit="bits"),
    "placeholder": lambda: core.check_value(..., 1.0, tr("your choice")),
    "not a number": lambda: core.check_value("1", 1.0, tr("your choice")),
    "a function": lambda: core.check_value(print, 1.0, tr("your choice")),
    "complex": lambda: core.check_value(1j, 1.0, tr("your choice")),
    "shape": lambda: core.check_value(np.ones(2), np.ones(3), tr("your choice")),
    "nan": lambda: core.check_value(math.nan, 1.0, tr("your choice")),
    "sign": lambda: core.check_value(-2.0, 2.0, tr("your choice"), unit="nats"),
    "too large, dits": lambda: core.check_value(3.0, 2.0, tr("your choice"), unit="dits"),
    "too small": lambda: core.check_value(1.0, 2.0, tr("your choice"), unit="nats"),
    "function placeholder": lambda: core.check_function(..., math.exp, [(0.0,)], "f"),
    "not a function": lambda: core.check_function(3, math.exp, [(0.0,)], "f"),
    "raises": lambda: core.check_function(_raises, math.exp, [(0.0,)], "f"),
    "returns nothing": lambda: core.check_function(lambda x: None, math.exp, [(0.0,)], "f"),
    "function wrong": lambda: core.check_function(lambda x: x, math.exp, [(0.0,)], "f"),
    "function right": lambda: core.check_function(math.exp, math.exp, [(0.0,), (1.0,)], "f"),
    "choice placeholder": lambda: core.check_choice(..., {"a": "A", "b": "B"}, "a"),
    "choice type": lambda: core.check_choice(1, {"a": "A", "b": "B"}, "a"),
    "choice letter": lambda: core.check_choice("z", {"a": "A", "b": "B"}, "a"),
}
# (the unit answered, the unit asked): each of core's six log-base diagnoses
for _units, _ratio in core._BASE_RATIOS.items():
    CORE_CALLS[f"{_units[0]} for {_units[1]}"] = lambda r=_ratio, asked=_units[1]: core.check_value(
        2.0 * r, 2.0, tr("the per-sample losses"), unit=asked)


@pytest.mark.parametrize("name", list(CORE_CALLS))
def test_core_diagnoses_read_chinese(name: str) -> None:
    call = CORE_CALLS[name]
    english, chinese = in_both(lambda: (shown(call()), call().diagnosis, call().ok))
    for en, zh in zip(english[0], chinese[0]):
        assert_chinese(en, zh)
    assert english[1:] == chinese[1:], "the same diagnosis in both languages"


def test_the_diagnosis_is_named_in_words_that_do_not_depend_on_the_language() -> None:
    for name, diagnosis in [("sign", "sign"), ("nats for bits", "base"), ("bits for dits", "base"),
                            ("raises", "raised"), ("too small", "too_small"), ("placeholder", "placeholder"),
                            ("right, in bits", "")]:
        english, chinese = in_both(lambda name=name: CORE_CALLS[name]().diagnosis)
        assert english == chinese == diagnosis


def test_units_read_chinese() -> None:
    assert in_both(lambda: [core.unit_name(u) for u in ("bits", "nats", "dits", "rad")]) == (
        ["bits", "nats", "dits", "rad"], ["比特", "纳特", "迪特", "rad"])


def test_time_limit_and_a_raising_check_read_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core, "TIME_LIMIT", 0.2)

    @core.exercise(N_("your choice"))
    def loops(fn: Any) -> core.Verdict:
        return core.check_function(fn, math.exp, [(0.0,)], "f")

    def forever(x: float) -> float:
        while True:
            pass

    @core.exercise()
    def breaks(answer: Any) -> core.Verdict:
        raise RuntimeError("12")

    @core.exercise()
    def mute(answer: Any) -> core.Verdict:
        return 3  # type: ignore[return-value]

    for call, diagnosis in [(lambda: loops(forever, hint=0), "time_limit"), (lambda: loops(forever, hint=1), "time_limit"),
                            (lambda: breaks(1), "crashed"), (lambda: mute(1), "unreadable")]:
        english, chinese = in_both(lambda call=call: (shown(call()), call().diagnosis))
        for en, zh in zip(english[0], chinese[0]):
            assert_chinese(en, zh)
        assert english[1] == chinese[1] == diagnosis


def test_grading_prints_the_chinese_verdict(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    helpers.use_language("zh_CN")
    assert checks.check_right_side(RIGHT) is None and checks.check_right_side(0) is None
    out, err = capsys.readouterr()
    assert out.startswith("正确！") and err.startswith("还不对：") and english_left(out + err) == []


# --------------------------------------------------------------------------------- agree, confirm

def printed(call: Callable[[], None]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        call()
    return out.getvalue()


def failure(call: Callable[[], None]) -> str:
    with pytest.raises(checks.CheckFailed) as caught:
        call()
    return str(caught.value)


AGREE_CALLS: dict[str, Callable[[], None]] = {
    "three names, a unit": lambda: checks.agree("损失", "nats", by_hand=0.2231, helpers=0.2231, pytorch=0.2231),
    "arrays": lambda: checks.agree("Softmax", numpy=np.ones(6), pytorch=np.ones(6)),
    "gap": lambda: checks.agree("x", "bits", rtol=1e-6, show_gap=True, formula=1.0, autograd=1.0 + 3e-8),
    "no gap": lambda: checks.agree("x", show_gap=True, formula=np.zeros(2), finite_differences=np.zeros(2)),
    "absolute, arrays": lambda: checks.agree("曲线", "nats", rtol=0, atol=1e-6, numpy=np.zeros(3),
                                             pytorch=np.full(3, 5e-7)),
    "absolute, scalar": lambda: checks.agree("w", rtol=0, atol=1e-6, numpy=0.5, pytorch=0.5),
    "notebook 01's names": lambda: checks.agree("H(p, q)", "nats", surprisal=1.0, pytorch=1.0),
    "notebook 05's names": lambda: checks.agree("H(p, q)", CrossEntropyLoss=1.0, LogSoftmax_then_NLLLoss=1.0,
                                                by_hand=1.0, scipy=1.0, torch=1.0),
}


@pytest.mark.parametrize("name", list(AGREE_CALLS))
def test_agree_sentences_read_chinese(name: str) -> None:
    english, chinese = in_both(lambda: printed(AGREE_CALLS[name]))
    assert english.startswith("✓ ") and chinese.startswith("✓ ")
    # the Chinese what ("损失") is the notebook's: only the sentence around it is compared
    assert_chinese(english.replace("损失", "loss").replace("曲线", "curve"), chinese)
    assert re.findall(r"\d+(?:\.\d+)?(?:e-\d+)?", english) == re.findall(r"\d+(?:\.\d+)?(?:e-\d+)?", chinese)


def test_agree_publishes_the_same_numbers_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(publish, "say", lambda sentence, **values: said.append((sentence, values)))
    in_both(lambda: checks.agree("损失", "nats", by_hand=0.25, pytorch=0.25, publish_as="loss"))
    (english, en_values), (chinese, zh_values) = said[:2]
    assert en_values.keys() == zh_values.keys() == {"loss"} and float(en_values["loss"]) == float(zh_values["loss"])
    assert "纳特" in chinese and "nats" in english


FAILURES: dict[str, Callable[[], None]] = {
    "values": lambda: checks.agree("x", formula=1.0, autograd=1.1),
    "shapes": lambda: checks.agree("x", by_hand=np.ones(3), autograd=np.ones(4)),
    "three values": lambda: checks.agree("x", by_hand=1.0, helpers=1.0, pytorch=2.0),
    "confirm": lambda: checks.confirm(np.array([1.0, -1.0]) > 0, "每个元素都是正数"),
}


@pytest.mark.parametrize("name", list(FAILURES))
def test_check_failed_reads_chinese(name: str) -> None:
    english, chinese = in_both(lambda: failure(FAILURES[name]))
    assert english.startswith("✗ ") and chinese.startswith("✗ ")
    assert_chinese(english.replace("每个元素都是正数", "every entry"), chinese)


def test_confirm_prints_the_notebooks_statement() -> None:
    assert in_both(lambda: printed(lambda: checks.confirm(True, "每一行的和都是 1"))) == ("✓ 每一行的和都是 1\n",) * 2


def test_a_programmers_mistake_stays_english() -> None:
    helpers.use_language("zh_CN")
    with pytest.raises(ValueError, match="give at least two named values"):
        checks.agree("x", by_hand=1.0)
    with pytest.raises(ValueError, match="is not one of the options"):
        core.check_choice("a", {"a": "A"}, "b")
