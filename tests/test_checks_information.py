"""Tests of notebook 02's exercise checks: each accepts the reference solution, rejects the typical
wrong answers with a diagnosis that names the mistake, handles the placeholder, never raises, and
hints in steps without giving the answer away."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from helpers import checks
from helpers.checks import information as ix


def not_ok(verdict, *fragments: str) -> None:
    assert not verdict.ok, verdict.message
    for fragment in fragments:
        assert fragment in verdict.message, verdict.message


# --- Exercise 1: the ace of spades from a 52-card deck ---------------------------------------------

@pytest.mark.parametrize("answer", [-np.log2(1 / 52), math.log2(52), np.float32(5.7004397),
                                    torch.tensor(52.0).log2(), np.array(5.7004397), 2 + math.log2(13)])
def test_ace_of_spades_accepts_the_solution(answer) -> None:
    verdict = checks.ace_of_spades_information(answer)
    assert verdict.ok and "5.70044 bits" in verdict.message
    assert repr(verdict).startswith("Correct!")


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (None, ["placeholder"]),
    (math.log(52), ["nats where bits were asked"]),
    (math.log10(52), ["dits where bits were asked"]),
    (math.log2(1 / 52), ["minus sign"]),
    (1 / 52, ["probability of the card", "log scale"]),
    (52.0, ["1/p", "log"]),
    (2.0, ["suit alone"]),
    (math.log2(13), ["rank alone"]),
    (2 * math.log2(13), ["multiplied", "add"]),
    ("5.7", ["should be a number"]),
    ([5.7, 1.0], ["shape"]),
    (6.0, ["too large"]),
    (float("nan"), ["nan"]),
])
def test_ace_of_spades_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.ace_of_spades_information(answer), *fragments)


# --- Exercise 2: the probability of an outcome of 3 nats -------------------------------------------

@pytest.mark.parametrize("answer", [np.exp(-3), math.e ** -3, torch.exp(torch.tensor(-3.0)), np.float32(0.049787)])
def test_probability_from_nats_accepts_the_solution(answer) -> None:
    verdict = checks.probability_from_nats(answer)
    assert verdict.ok and "p = 0.0497" in verdict.message
    # the reference is an independent closed form: I(p) in nats gives back 3 nats
    assert math.isclose(-math.log(float(answer)), 3.0, rel_tol=1e-5)


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (2.0 ** -3, ["bits", "not 2^x"]),
    (10.0 ** -3, ["dits", "not 10^x"]),
    (math.exp(3), ["larger than 1", "minus sign"]),
    (-3.0, ["ln p"]),
    (3.0, ["information content I you were given"]),
    (-math.exp(-3), ["between 0 and 1"]),
    (1.5, ["between 0 and 1"]),
    (math.exp(-3) * math.log(2), ["constant factor", "base"]),
    (0.5, ["too large"]),
    ("0.05", ["should be a number"]),
    (float("nan"), ["nan"]),
])
def test_probability_from_nats_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.probability_from_nats(answer), *fragments)


# --- Exercise 3: section 7's wrong-label loss, 1.6094 nats, in bits --------------------------------

def test_the_loss_reference_is_log2_5() -> None:
    # independent references: PyTorch's BCE for the label y = 0 at P(y = 1) = 0.8, and log2 5 in closed form
    bce = torch.nn.functional.binary_cross_entropy(torch.tensor(0.8, dtype=torch.float64),
                                                   torch.tensor(0.0, dtype=torch.float64))
    assert ix.EXERCISE3_NATS == pytest.approx(float(bce), rel=1e-12)
    assert ix.EXERCISE3_BITS == pytest.approx(math.log2(5), rel=1e-12)


@pytest.mark.parametrize("answer", [-np.log(0.2) / np.log(2), -np.log2(0.2), math.log2(5), np.float32(2.3219281),
                                    torch.tensor(0.2).log2().neg(), np.array(2.321928)])
def test_loss_in_bits_accepts_the_solution(answer) -> None:
    verdict = checks.loss_in_bits(answer)
    assert verdict.ok and "2.32193 bits" in verdict.message


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (-math.log(0.2), ["still the loss in nats"]),
    (-math.log(0.2) * math.log(2), ["multiplied by ln 2", "the other way"]),
    (-math.log10(0.2), ["dits"]),
    (math.log2(0.2), ["minus sign"]),
    (0.2, ["probability"]),
    (0.8, ["probability"]),
    (3.0, ["too large"]),
    ("2.32", ["should be a number"]),
    (float("nan"), ["nan"]),
])
def test_loss_in_bits_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.loss_in_bits(answer, hint=0), *fragments)


def test_close_to_never_raises() -> None:
    from helpers.checks.core import close_to
    assert close_to(np.float64(0.5), 0.5) and close_to(torch.tensor(0.5), 0.5)
    for weird in (..., None, "0.5", b"x", True, object(), [0.5, 0.5], {1: 2}):
        assert close_to(weird, 0.5) is False


# --- Exercise 4: at most how many questions find one card among 52 ---------------------------------

def worst_case_questions(n: int) -> int:
    """Independent reference: halve n options, keeping the larger half, until one is left."""
    asked = 0
    while n > 1:
        n, asked = (n + 1) // 2, asked + 1
    return asked


def test_questions_reference_is_the_halving_count() -> None:
    assert ix.QUESTIONS_FOR_ONE_CARD == worst_case_questions(52) == 6
    assert 2 ** (ix.QUESTIONS_FOR_ONE_CARD - 1) < 52 <= 2 ** ix.QUESTIONS_FOR_ONE_CARD


@pytest.mark.parametrize("answer", [6, 6.0, np.int64(6), torch.tensor(6), np.array(6), math.ceil(math.log2(52))])
def test_questions_accepts_the_solution(answer) -> None:
    verdict = checks.questions_for_one_card(answer)
    assert verdict.ok and "= 6" in verdict.message


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder"]),
    (math.log2(52), ["information content", "whole number"]),
    (5.7, ["information content", "whole number"]),
    (5, ["2^5 = 32", "too few"]),
    (1, ["1 question has", "too few"]),
    (0, ["before any question"]),
    (52, ["card by card"]),
    (51, ["card by card"]),
    (26, ["first question"]),
    (7, ["more than needed"]),
    (1e300, ["more than needed"]),
    (6.5, ["not a whole number"]),
    (-6, ["negative"]),
    ("6", ["should be a number"]),
    ([6, 6], ["shape"]),
    (float("nan"), ["nan"]),
])
def test_questions_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.questions_for_one_card(answer), *fragments)


# --- Exercise 5: decode a string of the weather code's codewords -------------------------------------

def reference_decode(bits: str) -> list[str]:
    """Independent reference: cut the string where a codeword of sun 0, cloud 10, rain 110, snow 111 ends.

    In this code every 0 ends a codeword, and so does a third 1 in a row."""
    names = {"0": "sun", "10": "cloud", "110": "rain", "111": "snow"}
    out, word = [], ""
    for bit in bits:
        word += bit
        if bit == "0" or word == "111":
            out.append(names[word])
            word = ""
    assert word == ""
    return out


def test_the_exercise_string_and_its_reading() -> None:
    assert ix.EXERCISE5_BITS == "11001011100"
    assert ix.EXERCISE5_WEATHER == reference_decode(ix.EXERCISE5_BITS) == ["rain", "sun", "cloud", "snow", "sun", "sun"]
    assert "".join(ix.WEATHER_CODE[x] for x in ix.EXERCISE5_WEATHER) == ix.EXERCISE5_BITS  # it encodes back
    assert ix.decode("11", ix.WEATHER_CODE) is None  # bits left over: not a string of whole codewords


@pytest.mark.parametrize("answer", [["rain", "sun", "cloud", "snow", "sun", "sun"],
                                    ("rain", "sun", "cloud", "snow", "sun", "sun"),
                                    ["Rain", " sun", "CLOUD", "snow", "sun", "sun"],
                                    "rain sun cloud snow sun sun", "rain, sun, cloud, snow, sun, sun"])
def test_decode_accepts_the_solution(answer) -> None:
    verdict = checks.decode_the_weather(answer)
    assert verdict.ok and "11 bits spell 6 days" in verdict.message


@pytest.mark.parametrize("answer, fragments", [
    (..., ["placeholder", "list of outcomes"]),
    (None, ["placeholder"]),
    (5, ["list of outcomes", "got int"]),
    ([1, 0], ["list of outcomes", "got list"]),
    (["110", "0", "10", "111", "0", "0"], ["those are codewords"]),
    (["rain", "sun", "fog"], ["'fog' is not an outcome"]),
    (["sun", "sun", "snow", "cloud", "sun", "rain"], ["reverse order", "from the left"]),
    (["snow", "sun", "cloud", "rain", "sun", "sun"], ["rain and snow are swapped"]),
    (["rain", "sun", "cloud", "snow", "sun"], ["6 codewords, not 5"]),
    ([], ["6 codewords, not 0"]),
    (["sun", "sun", "cloud", "snow", "sun", "sun"], ["the first outcome is not right"]),
    (["rain", "cloud", "cloud", "snow", "sun", "sun"], ["the first outcome is right, the next one is not"]),
    (["rain", "sun", "snow", "snow", "sun", "sun"], ["the first 2 outcomes are right"]),
])
def test_decode_diagnoses_mistakes(answer, fragments) -> None:
    not_ok(checks.decode_the_weather(answer, hint=0), *fragments)


# --- Exercise 6 (explain why): the weather code averages fewer bits than a fixed 2-bit code -----------

def test_why_shorter_on_average_accepts_the_right_letter() -> None:
    for choice in ("c", "C", " (c) "):
        verdict = checks.why_shorter_on_average(choice)
        assert verdict.ok and repr(verdict).startswith("Correct! (c): the likeliest outcomes get the shortest")


def test_the_numbers_the_diagnoses_quote() -> None:
    # the code's average length weighted by the true probabilities, and by four equal ones (option a)
    lengths = np.array([1, 2, 3, 3])
    assert lengths @ [1 / 2, 1 / 4, 1 / 8, 1 / 8] == 1.75 == -np.sum(np.array([1 / 2, 1 / 4, 1 / 8, 1 / 8])
                                                                  * np.log2([1 / 2, 1 / 4, 1 / 8, 1 / 8]))
    assert lengths.mean() == 2.25
    assert "2.25 bits" in checks.why_shorter_on_average("a", hint=0).message


@pytest.mark.parametrize("choice, misconception", [
    ("a", "Shorter words alone do not win"),
    ("b", "needs no separators either"),
    ("d", "what one binary digit can hold"),
])
def test_why_shorter_on_average_names_each_misconception(choice, misconception) -> None:
    verdict = checks.why_shorter_on_average(choice, hint=0)
    assert not verdict.ok and repr(verdict).startswith(f"Not yet: ({choice}) ") and misconception in verdict.message


@pytest.mark.parametrize("choice, fragment", [(..., "placeholder"), ("e", "one letter of a, b, c, d"),
                                              (3, "as a string"), (["c"], "as a string")])
def test_why_shorter_on_average_reads_only_a_letter(choice, fragment) -> None:
    not_ok(checks.why_shorter_on_average(choice, hint=0), fragment)


# --- hints: graduated, and none gives the answer away -----------------------------------------------

CHECKERS = [checks.ace_of_spades_information, checks.probability_from_nats, checks.loss_in_bits,
            checks.questions_for_one_card, checks.decode_the_weather, checks.why_shorter_on_average]
# What would give each answer away: the number itself, or the finished expression to copy.
GIVEAWAYS = {
    "ace_of_spades_information": ["5.70", "5.7", "log2(52)", "log2 52", "1/52", "np.log2(1 / 52)"],
    "probability_from_nats": ["0.0498", "0.05", "e^(-3)", "exp(-3)", "np.exp(-I", "p = e^(-I)"],
    "loss_in_bits": ["2.32", "log2 5", "log2(5)", "/ np.log(2)", "/ ln 2", "divide"],
    "questions_for_one_card": ["6 questions", "is 6", "= 6", "2^6", "64"],
    "decode_the_weather": ["rain, sun", "rain sun", "110 0", "six days", "6 days"],
    "why_shorter_on_average": ["(c)", "likeliest", "shortest codewords", "-log2 p"],
}


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
def test_hints_are_graduated_and_give_nothing_away(checker) -> None:
    assert len(checker.hints) >= 2
    assert len(set(checker.hints)) == len(checker.hints)
    for hint in checker.hints:
        for giveaway in GIVEAWAYS[checker.__name__]:
            assert giveaway not in hint, (giveaway, hint)


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
def test_asking_again_shows_the_next_hint(checker) -> None:
    wrong = 0.5
    assert not checker(wrong).ok
    for level in range(1, len(checker.hints) + 1):
        verdict = checker(wrong, hint=level)
        assert verdict.level == level and verdict.hint == checker.hints[level - 1]
        assert f"Hint {level} of {len(checker.hints)}" in repr(verdict)


def test_first_not_yet_is_the_diagnosis_alone_then_hints_follow_in_order() -> None:
    checks.questions_for_one_card(6)  # a correct answer resets the count
    shown = [checks.questions_for_one_card(5) for _ in range(5)]
    assert [v.level for v in shown] == [0, 1, 2, 3, 3]
    assert "Hint" not in repr(shown[0]) and "2^5 = 32" in repr(shown[0])
    assert "Hint 1 of 3" in repr(shown[1]) and "Hint 3 of 3" in repr(shown[3])


def test_diagnoses_never_give_the_answer_away() -> None:
    wrong_answers = {
        checks.ace_of_spades_information: [1 / 52, 52.0, 2.0, math.log2(13), 2 * math.log2(13), math.log(52), 9.0],
        checks.probability_from_nats: [2.0 ** -3, 10.0 ** -3, math.exp(3), -3.0, 3.0, -0.2, 0.5, 0.01],
        checks.questions_for_one_card: [math.log2(52), 5, 52, 26, 7, 6.5, -6, 0],
        checks.loss_in_bits: [-math.log(0.2), -math.log(0.2) * math.log(2), -math.log10(0.2), 0.2, 3.0, 1.0],
    }
    for checker, answers in wrong_answers.items():
        for answer in answers:
            message = checker(answer, hint=0).message
            for giveaway in GIVEAWAYS[checker.__name__]:
                assert giveaway not in message, (checker.__name__, answer, message)
