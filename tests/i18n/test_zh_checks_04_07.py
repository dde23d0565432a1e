"""The exercise checks of notebooks 04 to 07 speak Chinese: with ``use_language("zh_CN")`` every
checker of ``helpers.checks.cross_entropy``, ``pytorch``, ``gradients`` and ``training``, for a right
answer and for each slip it recognises, gives a verdict whose message (and whole line, hint
included, as text and as HTML) has Chinese and no English left; every hint of those checkers has its
translation; and the cases below reach every message of the four modules.

The words ``core`` puts around a message ("Correct!", "Not yet:", "Hint 1 of 3") and its own
diagnoses (placeholder, type, shape, sign, log base) are ``checks.core``'s, tested with it; the cases
here reach them too, wherever a topic module fills in its own words (a ``what``, a unit, a step).
"""
from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import polib
import pytest

from helpers import i18n, losses
from helpers.calibration import expected_calibration_error
from helpers.checks import cross_entropy as ce
from helpers.checks import gradients as gc
from helpers.checks import pytorch as pt
from helpers.checks import training as tc
from helpers.grads import softmax_ce_grad
from tests.i18n.conftest import CHINESE, assert_hints_speak_chinese, checkers
from tests.references import ece_by_loops
from tests.support.english import english_left

MODULES = {"cross_entropy": ce, "pytorch": pt, "gradients": gc, "training": tc}
# English punctuation in a Chinese line (as test_zh_checks_core_start_onramp checks it): ASCII
# punctuation after a Chinese character, a space after full-width punctuation, an English full stop
ENGLISH_TYPOGRAPHY = re.compile(r"[\u4e00-\u9fff][,;:!?]|[，。：；？！（）] |\.(?:$|[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff])")




ALL_CHECKERS = [c for m in MODULES.values() for c in checkers(m)]

# A case: (checker, answer, right?, keyword arguments). The answer of bce_logit_gradient is the tuple
# of its four values (fewer: the rest stay the placeholder).
Case = tuple[Callable[..., Any], Any, bool, dict[str, Any]]


def call(case: Case, **extra: Any) -> Any:
    checker, answer, _, kwargs = case
    if checker is gc.bce_logit_gradient:
        return checker(*answer, **kwargs, **extra)
    return checker(answer, **kwargs, **extra)


def _raises(*args: Any) -> Any:
    """A learner's function that raises (its message is a number: a learner's own words stay theirs)."""
    raise ValueError("42")


def _index_error(*args: Any) -> Any:
    raise IndexError("42")


# --- notebook 04 -----------------------------------------------------------------------------------

def _cross_entropy_cases() -> list[Case]:
    q = np.array(ce.EX1_Q)
    p1 = np.eye(3)[ce.EX1_CLASS]
    ex1 = -math.log2(q[ce.EX1_CLASS])
    elementwise = -float(np.sum(p1 * np.log(q) + (1 - p1) * np.log(1 - q)))
    p2, q2 = np.array(ce.EX2_P), np.array(ce.EX2_Q)
    total = -float(np.sum(p2 * np.log(q2) + (1 - p2) * np.log(1 - q2)))
    ex2 = total / 3
    categorical = -float((p2 * np.log(q2)).sum())
    P, Z = np.array(ce.EX4_P), np.array(ce.EX4_Z)
    Q = np.stack([losses.softmax(z) for z in Z])
    kl_rows = (P * np.log(P / Q)).sum(axis=1)
    kl_reversed = (Q * np.log(Q / P)).sum(axis=1)
    not_log = (P * (np.log(P) - Q)).sum()
    logits_in = (P * (np.log(P) - Z)).sum()
    cross = -(P * np.log(Q)).sum(axis=1).mean()
    log_k, h = math.log2(ce.EX5_K), ce.EX5_H_BITS

    def kl(p: np.ndarray, q: np.ndarray) -> float:
        m = p > 0
        return float(np.sum(p[m] * np.log(p[m] / q[m])))

    def kl_naive(p: np.ndarray, q: np.ndarray) -> float:
        return float(np.sum(p * np.log(p / q)))

    def kl_swapped(p: np.ndarray, q: np.ndarray) -> float:
        return kl(q, p)

    def kl_bits(p: np.ndarray, q: np.ndarray) -> float:
        return kl(p, q) / math.log(2)

    def kl_nothing(p: np.ndarray, q: np.ndarray) -> None:
        return None

    return [
        (ce.one_hot_cross_entropy, ex1, True, {}),
        *[(ce.one_hot_cross_entropy, a, False, {}) for a in (
            -math.log2(q[0]), -math.log2(q[2]), elementwise / math.log(2), elementwise / math.log(10), 0.7,
            -ex1, ex1 * math.log(2), 3.0, ..., "0.5")],
        (ce.multilabel_bce, ex2, True, {}),
        *[(ce.multilabel_bce, a, False, {}) for a in (
            total, categorical, categorical / 3, ex2 / math.log(10), ex2 / math.log(2), ce._swapped_bce(p2, q2),
            -ex2, 0.1)],
        (ce.kl_function, kl, True, {}),
        *[(ce.kl_function, fn, False, {}) for fn in (kl_naive, kl_swapped, kl_bits, kl_nothing, _raises, 3.0, ...)],
        (ce.kl_div_call, float(kl_rows.mean()), True, {}),
        *[(ce.kl_div_call, a, False, {}) for a in (
            float(kl_rows.sum()) / 6, float(kl_rows.sum()), float(kl_rows[0]), float(kl_rows[1]),
            float(kl_reversed.mean()), float(kl_reversed.sum()) / 6, float(not_log) / 2, float(not_log) / 6,
            float(cross), float(logits_in) / 2, 2.0)],
        (ce.kl_to_uniform, log_k - h, True, {}),
        *[(ce.kl_to_uniform, a, False, {}) for a in (
            math.inf, h - log_k, h, log_k, log_k + h, math.log(8) - h, (log_k - h) * math.log(2), 0.7)],
        *[(ce.why_minimise_cross_entropy, letter, letter == "d", {}) for letter in "abcde"],
        (ce.why_minimise_cross_entropy, "f", False, {}),
    ]


# --- notebook 05 -----------------------------------------------------------------------------------

def _nll_right(lp: np.ndarray, t: np.ndarray) -> float:
    keep = t != -100
    return float(-lp[np.arange(len(t))[keep], t[keep]].mean())


def _nll_all_rows(lp: np.ndarray, t: np.ndarray) -> float:
    return float(-lp[np.arange(len(t)), t].mean())


def _nll_sum(lp: np.ndarray, t: np.ndarray) -> float:
    keep = t != -100
    return float(-lp[np.arange(len(t))[keep], t[keep]].sum())


def _nll_divided_by_n(lp: np.ndarray, t: np.ndarray) -> float:
    keep = t != -100
    return float(-lp[np.arange(len(t))[keep], t[keep]].sum() / len(t))


def _nll_whole_matrix(lp: np.ndarray, t: np.ndarray) -> float:
    return float(-lp.mean())


def _nll_columns(lp: np.ndarray, t: np.ndarray) -> float:
    keep = t != -100
    return float(-lp[np.ix_(keep, t[keep])].mean())


def _nll_columns_later(lp: np.ndarray, t: np.ndarray) -> float:
    """Right on the article's 3 x 3 case, where [:, target] takes every column; columns on the next."""
    return _nll_right(lp, t) if lp.shape == (3, 3) else _nll_columns(lp, t)


def _nll_wrong_on_last(lp: np.ndarray, t: np.ndarray) -> float:
    """Right on every case but the last, the 4 x 2 batch."""
    return 5.0 if lp.shape == (4, 2) else _nll_right(lp, t)


def _nll_per_row(lp: np.ndarray, t: np.ndarray) -> np.ndarray:
    return np.asarray(-lp[np.arange(len(t)), np.where(t == -100, 0, t)])


def _nll_log_again(lp: np.ndarray, t: np.ndarray) -> float:
    keep = t != -100
    return float(-np.log(lp[np.arange(len(t))[keep], t[keep]]).mean())


def _nll_wrong_sign(lp: np.ndarray, t: np.ndarray) -> float:
    return -_nll_right(lp, t)


def _nll_nothing(lp: np.ndarray, t: np.ndarray) -> None:
    return None


def _pytorch_cases() -> list[Case]:
    x, y = pt.ARTICLE_X, pt.ARTICLE_Y
    rows = np.asarray(losses.cross_entropy(x, y, reduction="none"))

    def weighted(weight: tuple[float, ...]) -> list[float]:
        w = np.array(weight)
        w_i = w[y]
        return [float((w_i * rows).sum() / w_i.sum()), float((w_i * rows).sum() / 3), float((w_i * rows).sum()),
                float(rows.mean()), float((w * rows).sum() / w.sum())]

    right_w, *slips_w = weighted((3.0, 1.0, 1.0))
    example_w = weighted((1.0, 2.0, 3.0))[0]
    log_q = losses.log_softmax(x, axis=1)
    everything = -log_q.sum(axis=1)
    others = everything - rows

    def smoothed(eps: float) -> list[float]:
        return [float(((1 - eps) * rows + eps / 3 * everything).mean()), float(rows.mean()),
                float(((1 - eps) * rows).mean()), float(((1 - eps) * rows + eps / 2 * others).mean()),
                float(((1 - eps) * rows + eps / 3 * others).mean()), float(((1 - eps) * rows + eps * everything).mean()),
                float(((1 - eps) * rows + eps / 3 * everything).sum())]

    right_s, *slips_s = smoothed(0.2)
    example_s = smoothed(0.1)[0]
    xb, yb = pt.BATCH_X, pt.BATCH_Y
    by_column, probs = losses.softmax(xb, axis=0), losses.softmax(xb, axis=1)
    pipeline = [float(losses.nll_loss(by_column, yb)), float(losses.nll_loss(probs, yb)),
                float(losses.nll_loss(np.log(by_column), yb)), float(losses.cross_entropy(probs, yb)),
                float(losses.cross_entropy(by_column, yb)), float(losses.cross_entropy(xb, yb, reduction="sum")),
                float(losses.cross_entropy(x, y))]
    return [
        (pt.nll_function, _nll_right, True, {}),
        *[(pt.nll_function, fn, False, {}) for fn in (
            ..., 42, _nll_nothing, _nll_all_rows, _index_error, _raises, _nll_per_row, _nll_log_again, _nll_sum,
            _nll_whole_matrix, _nll_columns_later, _nll_divided_by_n, _nll_wrong_sign,
            _nll_wrong_on_last)],
        (pt.weighted_mean_loss, right_w, True, {}),
        (pt.weighted_mean_loss, example_w, True, {"weight": (1.0, 2.0, 3.0)}),
        *[(pt.weighted_mean_loss, a, False, {}) for a in (*slips_w, example_w, -right_w, 5.0)],
        (pt.smoothed_loss, right_s, True, {}),
        (pt.smoothed_loss, example_s, True, {"epsilon": 0.1}),
        *[(pt.smoothed_loss, a, False, {}) for a in (*slips_s, example_s, 0.5)],
        (pt.fixed_pipeline_loss, float(losses.cross_entropy(xb, yb)), True, {}),
        *[(pt.fixed_pipeline_loss, a, False, {}) for a in (*pipeline, 3.0)],
        (pt.equal_logits_loss, math.log(10), True, {}),
        (pt.equal_logits_loss, math.log(3), True, {"n_classes": 3}),
        *[(pt.equal_logits_loss, a, False, {}) for a in (0.1, 0.0, math.log(3), math.log2(10), -math.log(10), 5.0)],
        *[(pt.why_logits, letter, letter == "c", {}) for letter in "abcd"],
    ]


# --- notebook 06 -----------------------------------------------------------------------------------

def _gradients_cases() -> list[Case]:
    q, d1, d2, d3 = gc._bce_steps()
    s = gc.BCE_EXERCISE_S
    g_minus = 1 / (1 + math.exp(s))
    bce = [
        (1 - q, d1, d2, d3), (s, d1, d2, d3), (math.exp(-s), d1, d2, d3), (...,), (0.5, d1, d2, d3),
        (q, -1 / q, d2, d3), (q, -d1, d2, d3), (q, 1 / q, d2, d3), (q,), (q, 9.0, d2, d3),
        (q, d1, q, d3), (q, d1, 1 - q, d3), (q, d1, 0.25, d3), (q, d1), (q, d1, 0.01, d3),
        (q, d1, d2, d1 + d2), (q, d1, d2, d1 / d2), (q, d1, d2, q - 1), (q, d1, d2, -d3), (q, d1, d2, d3 * d2),
        (q, d1, d2), (q, d1, d2, 2.0), (q, d1, d2, d3 * math.log(2)), ("0.82", d1, d2, d3), (q, math.nan, d2, d3),
    ]
    assert abs(g_minus - (1 - q)) < 1e-12

    def mean_grad(z: np.ndarray, y: np.ndarray) -> np.ndarray:
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return np.asarray((e / e.sum(axis=1, keepdims=True) - np.eye(z.shape[1])[y]) / len(y))

    def naive_mean_grad(z: np.ndarray, y: np.ndarray) -> np.ndarray:
        e = np.exp(z)
        return np.asarray((e / e.sum(axis=1, keepdims=True) - np.eye(z.shape[1])[y]) / len(y))

    mean_slips: list[Callable[..., Any]] = [
        naive_mean_grad,
        *[lambda z, y, slip=slip: slip(z, y) for slip in gc._MEAN_CE_SLIPS.values()],
        lambda z, y: mean_grad(z, y)[:, :-1], lambda z, y: mean_grad(z, y) + 1, _raises, lambda z, y: None, ...,
    ]

    def lse(z: np.ndarray) -> float:
        return float(z.max() + np.log(np.exp(z - z.max()).sum()))

    def smoothed(z: np.ndarray, y: int, eps: float) -> np.ndarray:
        return np.asarray(softmax_ce_grad(z, y, label_smoothing=eps))

    def naive_smoothed(z: np.ndarray, y: int, eps: float) -> np.ndarray:
        e = np.exp(z)
        return np.asarray(e / e.sum() - (1 - eps) * np.eye(z.size)[y] - eps / z.size)

    return [
        (gc.bce_logit_gradient, (q, d1, d2, d3), True, {}),
        *[(gc.bce_logit_gradient, a, False, {}) for a in bce],
        (gc.mean_ce_gradient, mean_grad, True, {}),
        *[(gc.mean_ce_gradient, fn, False, {}) for fn in mean_slips],
        (gc.stable_logsumexp, lse, True, {}),
        *[(gc.stable_logsumexp, fn, False, {}) for fn in (
            lambda z: float(np.log(np.exp(z).sum())), lambda z: lse(z) if z[0] > -500 else -math.inf,
            *[lambda z, slip=slip: slip(z) for slip in gc._LOGSUMEXP_SLIPS.values()],
            lambda z: lse(z) + 1, _raises, lambda z: None, "logsumexp", ...)],
        (gc.label_smoothing_gradient, smoothed, True, {}),
        *[(gc.label_smoothing_gradient, fn, False, {}) for fn in (
            *[lambda z, y, eps, slip=slip: slip(z, y, eps) for slip in gc._SMOOTHED_SLIPS.values()],
            naive_smoothed, _raises, lambda z, y, eps: smoothed(z, y, eps) * 2, ...)],
        *[(gc.why_gradient_rows_sum_to_zero, letter, letter == "d", {}) for letter in "abcd"],
    ]


# --- notebook 07 -----------------------------------------------------------------------------------

def _training_cases() -> list[Case]:
    smooth, classes = tc.SMOOTHING, 10
    position = round((tc.BEST_T_VALIDATION - tc.T_GRID[0]) / (tc.T_GRID[1] - tc.T_GRID[0]) * 280)
    return [
        (tc.initial_loss_26_classes, math.log(26), True, {}),
        *[(tc.initial_loss_26_classes, a, False, {}) for a in (
            1 / 26, math.log(10), 26.0, math.log2(26), -math.log(26), 5.0, ...)],
        (tc.ece_function, ece_by_loops, True, {}),
        *[(tc.ece_function, fn, False, {}) for fn in (
            tc._unweighted_ece, tc._signed_ece, lambda p, y, n: expected_calibration_error(p, y, n) + 0.1, _raises,
            lambda p, y, n: None, 3, ...)],
        (tc.smoothed_confidence, 1 - smooth + smooth / classes, True, {}),
        *[(tc.smoothed_confidence, a, False, {}) for a in (
            1 - smooth, 1.0, smooth / classes, smooth / (classes - 1), 0.5, ...)],
        *[(tc.why_reading_counts, letter, letter == "b", {}) for letter in "abcd"],
        (tc.fitted_temperature, 0.54, True, {}),
        *[(tc.fitted_temperature, a, False, {}) for a in (
            -0.54, tc.BEST_T_TEST, tc.BEST_T_TRAINING, position, 1 / tc.BEST_T_VALIDATION, tc.T_GRID[1], tc.T_GRID[0],
            1.0, 0.7, ...)],
    ]


CASES = _cross_entropy_cases() + _pytorch_cases() + _gradients_cases() + _training_cases()


def _label(case: Case) -> str:
    checker, answer, ok, kwargs = case
    shown = getattr(answer, "__name__", None) or repr(answer)
    return f"{checker.__name__}-{'right' if ok else 'slip'}-{shown[:40]}{'-' + str(kwargs) if kwargs else ''}"


def _own_words(message: str) -> str:
    """The message without what a learner's exception says (its words stay theirs)."""
    return message.replace("42", "")


def _shown(verdict: Any) -> list[str]:
    """What a learner reads of a verdict: its line of text, and the words of its HTML (tags left out)."""
    return [repr(verdict), html.unescape(re.sub(r"<[^>]*>", "", verdict._repr_html_()))]


@pytest.mark.parametrize("case", CASES, ids=_label)
def test_each_verdict_speaks_chinese(zh: None, case: Case) -> None:
    checker, answer, ok, _ = case
    verdict = call(case, hint=0)
    assert verdict.ok is ok, verdict.message
    own = _own_words(verdict.message)
    assert english_left(own) == [], verdict.message
    assert CHINESE.search(own), verdict.message
    # the whole line, with the last hint, as text and as HTML
    for text in _shown(call(case, hint=len(checker.hints))):
        assert english_left(_own_words(text)) == [], text
        assert CHINESE.search(text), text
        assert not ENGLISH_TYPOGRAPHY.search(text), text


@pytest.mark.parametrize("case", CASES, ids=_label)
def test_the_same_verdict_in_both_languages(case: Case) -> None:
    """Chinese and English agree on right or wrong, and on the diagnosis."""
    english = call(case, hint=0)
    i18n.catalog.cache_clear()
    i18n.use_language("zh_CN")
    try:
        chinese = call(case, hint=0)
    finally:
        i18n.use_language("en")
    assert (chinese.ok, chinese.diagnosis) == (english.ok, english.diagnosis)
    assert chinese.message != english.message
    assert call(case, hint=0).message == english.message, "English changed after a call in Chinese"


def test_the_cases_reach_every_message(zh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every template of the four modules (their hints aside) is shown by one of the cases above, in
    Chinese: a slip the cases miss, or a test of English wording that no longer holds, fails here."""
    shown: set[str] = set()
    translate = i18n.tr
    filled: list[tuple[str, str]] = []

    def recording(template: str, **fields: Any) -> str:
        text = translate(template, **fields)
        filled.append((template, text))
        return text

    for module in MODULES.values():
        monkeypatch.setattr(module, "tr", recording)
    monkeypatch.setattr(i18n, "tr", recording)   # the tables of templates, shown with i18n.tr
    for case in CASES:
        filled.clear()
        message = call(case, hint=0).message
        # a table's every entry is filled in on each call; only the ones the message holds are shown
        shown.update(template for template, text in filled if text and text in message)
    hints = {h for c in ALL_CHECKERS for h in c.hints}
    for domain in MODULES:
        pot = polib.pofile(str(i18n.LOCALE / f"checks.{domain}.pot"))
        missed = [e.msgid for e in pot if e.msgid not in hints and e.msgid not in shown]
        assert missed == [], f"checks.{domain}: no case shows {missed}"


@pytest.mark.parametrize("checker", ALL_CHECKERS, ids=lambda c: c.__name__)
def test_each_hint_speaks_chinese(zh: None, checker: Callable[..., Any]) -> None:
    assert_hints_speak_chinese(checker)


def test_units_are_read_in_chinese(zh: None) -> None:
    """A unit after a number reads as Chinese: 比特, 纳特, and notebook 06's units of a gradient."""
    q, d1, d2, d3 = gc._bce_steps()
    assert "比特" in ce.one_hot_cross_entropy(-math.log2(0.7)).message
    assert "纳特" in pt.equal_logits_loss(math.log(10)).message
    assert "纳特" in gc.bce_logit_gradient(q, d1, d2, 2.0).message
    assert "纳特" in gc.bce_logit_gradient(q, d1, d2, d3).message


def test_english_is_untouched() -> None:
    """In English (the default) a message is its template: the English notebooks keep their outputs."""
    assert i18n.language() == "en"
    q, d1, d2, d3 = gc._bce_steps()
    assert ce.one_hot_cross_entropy(0.7).message == \
        "H(p, q): that is the model's probability of the true class itself, not its surprisal -log2 q."
    assert gc.bce_logit_gradient(q, d1, d2, 2.0).message == \
        "step 3: dL_ds = 2 nats per unit of logit is too large."
    assert gc.bce_logit_gradient(q, d1, d2, d3).message == (
        "ŷ = 0.8176, dL/dŷ = 5.4817, dŷ/ds = 0.1491, and dL/ds = 0.8176 nats per unit of logit: ŷ − y once more.")
    assert pt.equal_logits_loss(0.0).message.startswith("the loss of 10 equal logits = 0.0000 nats: equal logits")
    assert tc.fitted_temperature(0.54).message.startswith("T = 0.54 gives the lowest validation loss.")
