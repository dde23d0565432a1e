"""Notebook 04's exercise checkers: right answers pass, each typical mistake is named, nothing raises."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers import checks

# Independent references (PyTorch or arithmetic by hand), not helpers.info.
EX1 = -math.log2(0.7)
P2, Q2 = torch.tensor([1.0, 0.0, 1.0], dtype=torch.float64), torch.tensor([0.9, 0.2, 0.6], dtype=torch.float64)
EX2 = float(F.binary_cross_entropy(Q2, P2))
P4 = torch.tensor([[0.6, 0.3, 0.1], [0.1, 0.2, 0.7]], dtype=torch.float64)  # a batch of two rows
Z4 = torch.tensor([[0.5, 1.5, -1.0], [1.0, 0.0, 0.5]], dtype=torch.float64)
LOG_Q4 = F.log_softmax(Z4, dim=-1)
EX4 = float(F.kl_div(LOG_Q4, P4, reduction="batchmean"))  # the mean KL per sample
EX5 = math.log2(8) - 2.5  # KL(p || u) = log2 K - H(p), K = 8, H(p) = 2.5 bits

GARBAGE = [..., None, "0.5", {"a": 1}, [1.0, 2.0], float("nan")]


def test_reference_values_by_hand() -> None:
    assert round(EX1, 4) == 0.5146
    assert EX2 == pytest.approx((-math.log(0.9) - math.log(0.8) - math.log(0.6)) / 3)
    q = np.exp(Z4.numpy()) / np.exp(Z4.numpy()).sum(axis=1, keepdims=True)
    assert EX4 == pytest.approx(float(np.sum(P4.numpy() * np.log(P4.numpy() / q))) / 2)


VALUE_CHECKERS = [checks.one_hot_cross_entropy, checks.multilabel_bce, checks.kl_div_call, checks.kl_to_uniform]
ALL_CHECKERS = VALUE_CHECKERS + [checks.kl_function, checks.why_minimise_cross_entropy]


@pytest.mark.parametrize("checker", VALUE_CHECKERS)
@pytest.mark.parametrize("answer", GARBAGE)
def test_value_checkers_never_raise(checker, answer) -> None:
    verdict = checker(answer)
    assert not verdict.ok and verdict.message


@pytest.mark.parametrize("checker", ALL_CHECKERS)
def test_placeholder_is_named(checker) -> None:
    verdict = checker(...)
    assert not verdict.ok and "placeholder" in verdict.message
    assert repr(verdict).startswith("Not yet")


def test_one_hot_cross_entropy() -> None:
    assert checks.one_hot_cross_entropy(EX1).ok
    assert checks.one_hot_cross_entropy(torch.tensor(EX1)).ok
    assert "nats where bits" in checks.one_hot_cross_entropy(-math.log(0.7)).message
    assert "sign" in checks.one_hot_cross_entropy(-EX1).message
    assert "true class is 1" in checks.one_hot_cross_entropy(-math.log2(0.2)).message
    elementwise = -(math.log2(0.8) + math.log2(0.7) + math.log2(0.9))
    assert "element-wise" in checks.one_hot_cross_entropy(elementwise).message


def test_multilabel_bce() -> None:
    assert checks.multilabel_bce(F.binary_cross_entropy(Q2, P2)).ok
    assert checks.multilabel_bce(EX2).ok
    summed = float(F.binary_cross_entropy(Q2, P2, reduction="sum"))
    assert "averages" in checks.multilabel_bce(summed).message
    categorical = float(-(P2 * Q2.log()).sum())
    assert "categorical" in checks.multilabel_bce(categorical).message
    assert "categorical" in checks.multilabel_bce(categorical / 3).message
    assert "dits" in checks.multilabel_bce(EX2 / math.log(10)).message
    assert not checks.multilabel_bce(EX2 * 1.1).ok


def test_kl_function() -> None:
    def good(p, q):
        m = p > 0
        return float(np.sum(p[m] * np.log(p[m] / q[m])))

    def naive(p, q):  # 0 log 0 becomes nan
        return np.sum(p * np.log(p / q))

    def swapped(p, q):
        m = q > 0
        return float(np.sum(q[m] * np.log(q[m] / p[m])))

    def in_bits(p, q):
        return good(p, q) / math.log(2)

    def empty(p, q):
        ...

    def broken(p, q):
        raise KeyError("oops")

    assert checks.kl_function(good).ok
    assert checks.kl_function(lambda p, q: float(F.kl_div(torch.tensor(q).log(), torch.tensor(p),
                                                          reduction="sum"))).ok
    assert "0 log 0" in checks.kl_function(naive).message
    assert "KL(q || p)" in checks.kl_function(swapped).message
    assert "bits" in checks.kl_function(in_bits).message
    assert "placeholder" in checks.kl_function(empty).message
    assert "KeyError" in checks.kl_function(broken).message
    assert "function" in checks.kl_function(3.0).message


def test_kl_div_call() -> None:
    assert checks.kl_div_call(F.kl_div(LOG_Q4, P4, reduction="batchmean")).ok
    assert checks.kl_div_call(F.kl_div(LOG_Q4, P4, reduction="none").sum(dim=1).mean()).ok
    with pytest.warns(UserWarning):  # PyTorch warns that 'mean' is not the KL of the math
        mean = F.kl_div(LOG_Q4, P4, reduction="mean")
    assert "reduction='mean'" in checks.kl_div_call(mean).message and "6 elements" in checks.kl_div_call(mean).message
    assert "reduction='sum'" in checks.kl_div_call(F.kl_div(LOG_Q4, P4, reduction="sum")).message
    rows = F.kl_div(LOG_Q4, P4, reduction="none").sum(dim=1)
    assert "first sample's KL alone" in checks.kl_div_call(rows[0]).message
    assert "second sample's KL alone" in checks.kl_div_call(rows[1]).message
    reversed_ = F.kl_div(P4.log(), LOG_Q4.exp(), reduction="batchmean")
    assert "other order" in checks.kl_div_call(reversed_).message
    not_log = F.kl_div(LOG_Q4.exp(), P4, reduction="batchmean")
    assert "log-probabilities" in checks.kl_div_call(not_log).message
    cross_entropy = float(-(P4 * LOG_Q4).sum()) / 2
    assert "entropy H(p)" in checks.kl_div_call(cross_entropy).message
    logits_in = F.kl_div(Z4, P4, reduction="batchmean")
    assert "logits themselves" in checks.kl_div_call(logits_in).message


def test_verdicts_render_as_html() -> None:
    assert "Correct!" in checks.one_hot_cross_entropy(EX1)._repr_html_()
    assert "Not yet" in checks.one_hot_cross_entropy(...)._repr_html_()


def test_multilabel_bce_names_swapped_arguments() -> None:
    swapped = float(F.binary_cross_entropy(P2, Q2))  # the tags as input: log 0 clamped at -100
    assert "swapped" in checks.multilabel_bce(swapped).message


def test_kl_function_survives_a_function_that_mutates_its_inputs() -> None:
    def good(p, q):
        m = p > 0
        return float(np.sum(p[m] * np.log(p[m] / q[m])))

    def vandal(p, q):
        p[...] = 0.0
        q[...] = 7.0
        return 0.0

    assert checks.kl_function(good).ok
    assert not checks.kl_function(vandal).ok
    assert checks.kl_function(good).ok  # the cases are intact
    from helpers.checks.cross_entropy import _KL_CASES
    assert all(not a.flags.writeable for case in _KL_CASES for a in case)


def test_kl_function_calls_the_learner_only_on_copies() -> None:
    seen = []

    def spy(p, q):
        seen.append((p, q))
        return float(np.sum(q))  # wrong on purpose: the extra diagnoses run too

    checks.kl_function(spy)
    from helpers.checks.cross_entropy import _KL_CASES
    originals = {id(a) for case in _KL_CASES for a in case}
    assert seen and all(id(p) not in originals and id(q) not in originals for p, q in seen)


def test_kl_to_uniform() -> None:
    assert checks.kl_to_uniform(EX5).ok and checks.kl_to_uniform(torch.tensor(EX5)).ok
    assert "never negative" in checks.kl_to_uniform(-EX5).message
    assert "entropy itself" in checks.kl_to_uniform(2.5).message
    assert "uniform distribution u itself" in checks.kl_to_uniform(3.0).message
    assert "added" in checks.kl_to_uniform(5.5).message
    assert "units are mixed" in checks.kl_to_uniform(math.log(8) - 2.5).message
    assert "nats where bits" in checks.kl_to_uniform(EX5 * math.log(2)).message
    assert "KL(u || p)" in checks.kl_to_uniform(float("inf")).message


ANSWERS = {checks.one_hot_cross_entropy: EX1, checks.multilabel_bce: EX2, checks.kl_div_call: EX4,
           checks.kl_to_uniform: EX5}


@pytest.mark.parametrize("checker", ALL_CHECKERS)
def test_graduated_hints_that_never_give_the_answer_away(checker) -> None:
    hints = checker.hints
    assert len(hints) >= 2 and len(set(hints)) == len(hints)
    answer = ANSWERS.get(checker)
    for text in hints:
        if answer is not None:
            for shown in (f"{answer:.4f}", f"{answer:.3f}", f"{answer:.2f}"):
                assert shown not in text, (text, shown)
        assert "reduction='sum')" not in text and "log_softmax(z" not in text  # no call to copy
    first, second = checker(..., hint=0), checker(..., hint=1)
    assert first.level == 0 and second.level == 1 and hints[0] in repr(second)


@pytest.mark.parametrize("checker, wrong", [
    (checks.one_hot_cross_entropy, -math.log(0.7)), (checks.one_hot_cross_entropy, -math.log2(0.2)),
    (checks.one_hot_cross_entropy, 0.7), (checks.multilabel_bce, 3 * EX2), (checks.multilabel_bce, EX2 * 1.1),
    (checks.kl_div_call, EX4 / 3), (checks.kl_div_call, EX4 * 2), (checks.kl_to_uniform, -EX5),
    (checks.kl_to_uniform, 2.5), (checks.kl_to_uniform, 3.0), (checks.kl_to_uniform, 0.7),
])
def test_no_diagnosis_states_the_answer(checker, wrong) -> None:
    answer = ANSWERS[checker]
    verdict = checker(wrong, hint=0)
    assert not verdict.ok
    for shown in (f"{answer:.4f}", f"{answer:.3f}", f"{answer:g}"):
        assert shown not in verdict.message, (verdict.message, shown)


def test_why_minimise_cross_entropy() -> None:
    """Exercise 6 (soft targets, a loss stuck at H(p)): the right letter passes; each wrong one names
    its own misconception."""
    right = checks.why_minimise_cross_entropy("d")
    assert right.ok and "Correct! (d)" in repr(right) and "KL(p || q)" in right.message
    assert "0.5003 nats" in right.message  # the targets' entropy, checked against SciPy in test_notebook_04
    assert checks.why_minimise_cross_entropy(" (D) ").ok
    wrong = {letter: checks.why_minimise_cross_entropy(letter, hint=0) for letter in "abce"}
    assert not any(v.ok for v in wrong.values())
    assert "distance" in wrong["a"].message and "H(p, p) = H(p)" in wrong["a"].message
    assert "swaps the roles" in wrong["b"].message and "H(q, p)" in wrong["b"].message
    assert "subtraction" in wrong["c"].message and "F.cross_entropy returns the whole" in wrong["c"].message
    assert "perfect model to score 0" in wrong["e"].message and "one-hot" in wrong["e"].message
    assert all(repr(v).startswith(f"Not yet: ({k}) ") for k, v in wrong.items())
    assert len({v.message for v in wrong.values()}) == 4
    assert "should be one letter" in checks.why_minimise_cross_entropy("f").message
    assert "placeholder" in checks.why_minimise_cross_entropy(...).message
