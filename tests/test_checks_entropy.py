"""Tests of notebook 03's exercise checks: each accepts the reference solution, names the typical
mistakes (wrong base, a term left out, a sum instead of an expectation, ...), handles the
placeholder, never raises, and hints in steps without giving the answer away."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy.stats import entropy as scipy_entropy

from helpers import checks
from tests.references import huffman_average_length

LN2 = math.log(2)


def not_ok(verdict, *fragments: str) -> None:
    assert not verdict.ok, verdict.message
    for fragment in fragments:
        assert fragment in verdict.message, verdict.message


# --- Exercise 1: a third shooter, p = 0.75 ---------------------------------------------------------

def test_third_shooter_accepts_the_solution() -> None:
    reference = float(scipy_entropy([0.75, 0.25], base=2))   # independent reference: 0.8113 bits
    assert round(reference, 4) == 0.8113
    for answer in (reference, np.float32(reference),
                   torch.distributions.Bernoulli(probs=torch.tensor(0.75)).entropy() / LN2):
        verdict = checks.third_shooter_entropy(answer)
        assert verdict.ok and "0.811278" in verdict.message and "bits" in verdict.message, verdict.message


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (-0.75 * math.log2(0.75), ["only the hit term", "miss term is missing"]),
    (-0.25 * math.log2(0.25), ["only the miss term", "hit term is missing"]),
    (-math.log2(0.75), ["information content of one outcome"]),
    (-math.log2(0.25), ["information content of one outcome"]),
    (-math.log2(0.75) - math.log2(0.25), ["expectation", "not their sum"]),
    ((-math.log2(0.75) - math.log2(0.25)) / 2, ["plain average"]),
    (float(scipy_entropy([0.75, 0.25], base=10)), ["dits where bits were asked"]),
    (float(scipy_entropy([0.75, 0.25])), ["nats where bits were asked"]),
    (-float(scipy_entropy([0.75, 0.25], base=2)), ["minus sign"]),
    (0.4690, ["too small"]),
    ("0.81", ["should be a number"]),
])
def test_third_shooter_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.third_shooter_entropy(answer), *fragments)


# --- Exercise 2: bernoulli_entropy(p) --------------------------------------------------------------

def safe_entropy(p):
    if p in (0.0, 1.0):
        return 0.0
    return -(p * np.log2(p) + (1 - p) * np.log2(1 - p))


def torch_entropy(p):
    t = torch.tensor(p, dtype=torch.float64)
    return (torch.special.entr(t) + torch.special.entr(1 - t)) / LN2


def test_bernoulli_entropy_accepts_correct_functions() -> None:
    for fn in (safe_entropy, torch_entropy, lambda p: scipy_entropy([p, 1 - p], base=2)):
        verdict = checks.bernoulli_entropy_function(fn)
        assert verdict.ok and "6 inputs" in verdict.message, verdict.message


def naive(p):
    return -(p * np.log2(p) + (1 - p) * np.log2(1 - p))


def placeholder_function(p):
    ...


@pytest.mark.parametrize("fn, fragments", [
    (..., ["placeholder"]),
    (placeholder_function, ["placeholder"]),
    (naive, ["right for 0 < p < 1", "bernoulli_entropy(0)", "nan", "0 log 0"]),   # forgot 0 log 0 = 0
    (lambda p: -(p * math.log2(p) + (1 - p) * math.log2(1 - p)), ["bernoulli_entropy(0)", "raised ValueError"]),
    (lambda p: float(scipy_entropy([p, 1 - p])), ["nats where bits were asked"]),
    (lambda p: -safe_entropy(p), ["minus sign"]),
    (lambda p: 0.0 if p in (0, 1) else -p * np.log2(p), ["only the hit term", "miss term is missing"]),
    (lambda p: -(1 - p) * np.log2(1 - p), ["only the miss term"]),
    (lambda p: -np.log2(p), ["bernoulli_entropy(0.1):", "information content of one outcome"]),
    (lambda p: -np.log2(p) - np.log2(1 - p), ["not their sum"]),
    (lambda p: math.log2(p) * p, ["bernoulli_entropy(0.1)"]),
    ("not a function", ["should be a function"]),
])
def test_bernoulli_entropy_diagnoses_mistakes(fn, fragments) -> None:
    not_ok(checks.bernoulli_entropy_function(fn), *fragments)


def test_bernoulli_entropy_check_is_silent_about_log_zero(recwarn) -> None:
    checks.bernoulli_entropy_function(naive)
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


# --- Exercise 3: the loaded die --------------------------------------------------------------------

def test_loaded_die_accepts_the_solution() -> None:
    loaded = [0.1, 0.1, 0.1, 0.1, 0.1, 0.5]
    reference = float(scipy_entropy(loaded, base=2))
    assert round(reference, 4) == 2.1610 and reference < math.log2(6)
    assert checks.loaded_die_entropy(reference).ok
    assert checks.loaded_die_entropy(torch.distributions.Categorical(probs=torch.tensor(loaded)).entropy() / LN2).ok


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (math.log2(6), ["FAIR die"]),
    (1.0, ["information content of one face"]),
    (math.log2(10), ["information content of one face"]),
    (5 * math.log2(10) + 1, ["not their sum"]),
    ((5 * math.log2(10) + 1) / 6, ["plain average"]),
    (5 * 0.1 * math.log2(10), ["six's term is missing"]),
    (0.5, ["six's term alone"]),
    (0.1 * math.log2(10) + 0.5, ["only one of the five faces"]),
    (float(scipy_entropy([0.1] * 5 + [0.5])), ["nats where bits were asked"]),
    (np.array([2.1610, 2.1610]), ["shape"]),
    (5.0, ["too large"]),
])
def test_loaded_die_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.loaded_die_entropy(answer), *fragments)


# --- Exercise 4: the plug-in estimate after 7 hits in 50 shots -------------------------------------

def test_plugin_estimate_accepts_the_solution() -> None:
    reference = float(scipy_entropy([7, 43], base=2))   # SciPy normalises the counts itself
    assert round(reference, 4) == 0.5842
    verdict = checks.plugin_entropy_estimate(reference)
    assert verdict.ok and "0.584" in verdict.message


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (float(scipy_entropy([0.1, 0.9], base=2)), ["TRUE entropy"]),
    (7 / 50, ["observed frequency"]),
    (43 / 50, ["observed frequency"]),
    (float(scipy_entropy([7, 43], base=2) - scipy_entropy([0.1, 0.9], base=2)), ["how far the estimate is"]),
    (-(7 * math.log2(7) + 43 * math.log2(43)), ["counts 7 and 43"]),
    (-0.14 * math.log2(0.14), ["only the hit term"]),
    (float(scipy_entropy([7, 43])), ["nats where bits were asked"]),
    (-float(scipy_entropy([7, 43], base=2)), ["minus sign"]),
    (None, ["placeholder"]),
])
def test_plugin_estimate_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.plugin_entropy_estimate(answer), *fragments)


# --- Exercise 5: a coin with P(heads) = 0.9 against a fair three-sided die --------------------------

def test_coin_versus_die_accepts_the_solution() -> None:
    die = float(scipy_entropy([1 / 3] * 3, base=2))
    coin = float(torch.distributions.Bernoulli(probs=torch.tensor(0.9, dtype=torch.float64)).entropy()) / LN2
    assert round(die, 4) == 1.5850 and round(coin, 4) == 0.4690
    verdict = checks.coin_versus_three_sided_die(die - coin)
    assert verdict.ok and "1.11597" in verdict.message and "bits" in verdict.message, verdict.message


DIE, COIN = math.log2(3), float(scipy_entropy([0.9, 0.1], base=2))


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (DIE, ["die's entropy alone"]),
    (COIN, ["coin's entropy alone"]),
    (DIE - 1.0, ["FAIR coin"]),
    (DIE + math.log2(0.9), ["information of heads alone"]),
    (DIE + math.log2(0.1), ["information of tails alone"]),
    (DIE + 0.9 * math.log2(0.9), ["only the heads term"]),
    (DIE + 0.1 * math.log2(0.1), ["only the tails term"]),
    (DIE + math.log2(0.9) + math.log2(0.1), ["SUM of the coin's two information contents"]),
    (DIE / COIN, ["ratio"]),
    (DIE - float(scipy_entropy([0.9, 0.1])), ["mixed units"]),
    (math.log(3) - COIN, ["mixed units"]),
    (math.log(3) - float(scipy_entropy([0.9, 0.1])), ["in nats", "bits"]),
    (COIN - DIE, ["coin is the more uncertain"]),
    (-0.2, ["coin is the more uncertain"]),
    (2.0, ["too large"]),
    ("1.116", ["should be a number"]),
])
def test_coin_versus_die_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.coin_versus_three_sided_die(answer), *fragments)


# --- hints: graduated, and none gives the answer away ---------------------------------------------

RIGHT = {  # checker name -> a right answer (made on demand)
    "third_shooter_entropy": lambda: float(scipy_entropy([0.75, 0.25], base=2)),
    "bernoulli_entropy_function": lambda: safe_entropy,
    "loaded_die_entropy": lambda: float(scipy_entropy([0.1] * 5 + [0.5], base=2)),
    "plugin_entropy_estimate": lambda: float(scipy_entropy([7, 43], base=2)),
    "coin_versus_three_sided_die": lambda: math.log2(3) - float(scipy_entropy([0.9, 0.1], base=2)),
    "why_no_code_beats_huffman": lambda: "b",
}

EXERCISES = [  # checker, the answer's digits that no hint or diagnosis may show
    (checks.third_shooter_entropy, ("0.811", "0.8113")),
    (checks.bernoulli_entropy_function, ("-(p * ", "np.where", "return 0")),
    (checks.loaded_die_entropy, ("2.16", "2.161")),
    (checks.plugin_entropy_estimate, ("0.584", "0.5842", "0.115")),
    (checks.coin_versus_three_sided_die, ("1.116", "1.1160", "1.585", "log2 3")),
    (checks.why_no_code_beats_huffman, ("(b)", "0.532", "0.533", "more than half")),
]


@pytest.mark.parametrize("checker, secrets", EXERCISES, ids=[c.__name__ for c, _ in EXERCISES])
def test_hints_are_graduated_and_keep_the_answer(checker, secrets) -> None:
    assert len(checker.hints) >= 2
    assert len(set(checker.hints)) == len(checker.hints)
    for hint in checker.hints:
        for secret in secrets:
            assert secret not in hint, (secret, hint)
    # asked again and again, a wrong answer climbs the hints one at a time, then stays on the last
    wrong = {checks.bernoulli_entropy_function: lambda p: 0.0, checks.why_no_code_beats_huffman: "a"}.get(checker, 123.0)
    assert checker(RIGHT[checker.__name__]()).ok            # a right answer resets the count
    climbed = [checker(wrong).level for _ in range(len(checker.hints) + 2)]
    assert climbed == list(range(len(checker.hints) + 1)) + [len(checker.hints)]
    assert [checker(wrong, hint=k).level for k in (1, 2)] == [1, 2]   # hint=k picks hint k
    shown = repr(checker(wrong, hint=len(checker.hints)))
    assert checker.hints[-1] in shown and "Run the check again" not in shown


@pytest.mark.parametrize("checker, answers", [
    (checks.third_shooter_entropy, [0.5, -0.75 * math.log2(0.75), 3.0, float(scipy_entropy([0.75, 0.25]))]),
    (checks.loaded_die_entropy, [math.log2(6), 1.0, 0.5, 5.0]),
    (checks.plugin_entropy_estimate, [0.4690, 0.14, 0.3, 2.0]),
    (checks.coin_versus_three_sided_die, [math.log2(3), -1.0, 0.585, 2.0]),
])
def test_no_diagnosis_states_the_answer(checker, answers) -> None:
    secret = {checks.third_shooter_entropy: "0.811", checks.loaded_die_entropy: "2.16",
              checks.plugin_entropy_estimate: "0.584", checks.coin_versus_three_sided_die: "1.11"}[checker]
    for answer in answers:
        for k in range(len(checker.hints) + 1):
            assert secret not in repr(checker(answer, hint=k)), (answer, k)



# --- Exercise 6 (explain why): no code for blocks of 3 beats Huffman's --------------------------------

def huffman_per_shot_of_three_shots() -> float:
    """Questions per shot of an optimal code for blocks of 3 of A's shots, by the two-queue method."""
    block = [0.1 ** k * 0.9 ** (3 - k) for k in range(4) for _ in range(math.comb(3, k))]
    return huffman_average_length(block) / 3


def test_why_no_code_beats_huffman_accepts_b() -> None:
    per_shot = huffman_per_shot_of_three_shots()
    assert 0.5 < per_shot and f"{per_shot:.4f}" == "0.5327"         # half a question per shot is out of reach
    for answer in ("b", "B", " (b) "):
        verdict = checks.why_no_code_beats_huffman(answer)
        assert verdict.ok and verdict.message.startswith("(b): Huffman's code is optimal"), verdict.message
        assert f"{per_shot:.4f} questions per shot" in verdict.message


@pytest.mark.parametrize("letter, fragments", [
    ("a", ["(a) reads Shannon's bound as a promise", "not that every average", "longer blocks"]),
    ("c", ["(c) takes Huffman's code for one good code among many", "optimal", "blocks of 3"]),
    ("d", ["(d) is true of one shot coded on its own", "share questions", "not a whole question"]),
    (..., ["placeholder"]),
    ("e", ["one letter of a, b, c, d"]),
    (3, ["in quotes"]),
])
def test_why_no_code_beats_huffman_names_each_misconception(letter, fragments) -> None:
    not_ok(checks.why_no_code_beats_huffman(letter, hint=0), *fragments)


def test_why_no_code_beats_huffman_wrong_letters_get_their_own_diagnosis() -> None:
    messages = {checks.why_no_code_beats_huffman(letter, hint=0).message for letter in "acd"}
    assert len(messages) == 3
