"""Exercise checks for notebook 03 (entropy and the two shooters): one-line verdicts, never a traceback.

Each checker names the typical mistake first (information of one outcome instead of the average,
a plain sum instead of the probability-weighted expectation, a term left out, the wrong log base),
then gives graduated hints when it is run again. No hint states the answer.
"""
from __future__ import annotations

import math
from typing import Any

from helpers.checks.core import (
    Verdict,
    as_numbers,
    call_learner,
    check_choice,
    check_function,
    check_value,
    close_to,
    exercise,
    is_placeholder,
)
from helpers.i18n import N_, tr
from helpers.info import binary_entropy, entropy, huffman_lengths

__all__ = ["third_shooter_entropy", "bernoulli_entropy_function", "loaded_die_entropy",
           "plugin_entropy_estimate", "coin_versus_three_sided_die", "why_no_code_beats_huffman"]

# Exercise 1: a third shooter hits with probability 0.75: H = 0.8113 bits.
THIRD_SHOOTER_P = 0.75
# Exercise 3: a loaded die, a six half the time and each other face 0.1: H = 2.1610 bits (< log2 6).
LOADED_DIE = (0.1, 0.1, 0.1, 0.1, 0.1, 0.5)
# Exercise 4: shooter A (p = 0.1) hit 7 times in 50 shots: plug-in H = H(0.14) = 0.5842 bits.
PLUGIN_HITS, PLUGIN_SHOTS = 7, 50
SHOOTER_A_P = 0.1
# Exercise 5: a fair three-sided die (log2 3 = 1.5850 bits) against a coin with P(heads) = 0.9
# (H(0.9) = H(0.1) = 0.4690 bits): the die has 1.1160 bits more.
BENT_COIN_P, DIE_FACES = 0.9, 3
# Exercise 6: Huffman's code for blocks of 3 of A's shots asks 0.5327 questions per shot, more than half.
_BLOCKS_3 = [SHOOTER_A_P ** hits * (1 - SHOOTER_A_P) ** (3 - hits)
             for hits in range(4) for _ in range(math.comb(3, hits))]
HUFFMAN_PER_SHOT_3 = float(sum(p * n for p, n in zip(_BLOCKS_3, huffman_lengths(_BLOCKS_3)))) / 3

# Exercise 2: interior probabilities first, then the two certain outcomes, where 0 log 0 must count as 0.
INTERIOR_CASES = ((0.1,), (0.999,), (0.5,), (0.75,))
CERTAIN_CASES = ((0.0,), (1.0,))
NAME = "bernoulli_entropy"


def _term(p: float) -> float:
    """-p log2 p, one outcome's share of an entropy in bits."""
    return -p * math.log2(p)


def _bits(p: float) -> float:
    """I = -log2 p, the information of one outcome in bits."""
    return -math.log2(p)


def _two_outcome_slips(answer: Any, p: float) -> str | None:
    """The usual mistakes with the entropy of a hit of probability ``p`` (a miss: 1 - p), named; None if none fits."""
    q = 1 - p
    if close_to(answer, _term(p)):
        return tr("that is only the hit term, -p log2 p for the hit: the miss term is missing.")
    if close_to(answer, _term(q)):
        return tr("that is only the miss term: the hit term is missing.")
    if close_to(answer, _bits(p)) or close_to(answer, _bits(q)):
        return tr("that is the information content of one outcome; entropy is the expected information "
                  "over both outcomes.")
    if close_to(answer, _bits(p) + _bits(q)):
        return tr("you added the two outcomes' information contents; entropy is their expectation, each "
                  "weighted by its probability, not their sum.")
    if close_to(answer, (_bits(p) + _bits(q)) / 2):
        return tr("that is the plain average of the two information contents; entropy weights each one by the "
                  "probability of its outcome.")
    return None


@exercise(
    N_("Entropy is the expected information: each outcome's information, weighted by how likely that outcome is."),
    N_("One shot has two outcomes, a hit and a miss. Write down each one's probability, then its information "
       "in bits (log base 2)."),
    N_("Multiply each outcome's information by its probability and add the two products. Before you check, "
       "predict: is 0.75 closer to a fair coin than A's 0.1 is?"),
)
def third_shooter_entropy(answer: Any) -> Verdict:
    """Exercise 1: the entropy in bits of one shot of a shooter who hits with probability 0.75."""
    slip = _two_outcome_slips(answer, THIRD_SHOOTER_P)
    if slip:
        return Verdict(False, slip)
    return check_value(answer, float(binary_entropy(THIRD_SHOOTER_P, 2)), tr("the third shooter's entropy"),
                       unit="bits")


def _reference_bernoulli_bits(p: float) -> float:
    return float(binary_entropy(p, 2))


@exercise(
    N_("Entropy in bits is the probability-weighted average of each outcome's information, with log base 2: "
       "a hit with probability p, a miss with probability 1 - p."),
    N_("At p = 0 or p = 1, NumPy computes 0 * log2(0) as 0 * (-inf), which is nan. Handle the two certain "
       "outcomes before any log is taken."),
    N_("A certain outcome leaves nothing to be uncertain about. Alternatively, torch.special.entr(x) is "
       "-x ln x with 0 at x = 0, but its result is in nats."),
)
def bernoulli_entropy_function(fn: Any) -> Verdict:
    """Exercise 2: ``bernoulli_entropy(p)`` in bits, which must give 0 (not nan) at p = 0 and p = 1.

    The learner's function is called once per case (on a copy, through ``call_learner``): the
    probabilities strictly between 0 and 1 first, where a wrong value is matched against the usual
    slips, then the two certain outcomes.
    """
    ready = check_function(fn, _reference_bernoulli_bits, (), NAME)  # the placeholder, or not a function
    if not ready.ok:
        return ready
    for (p,) in INTERIOR_CASES + CERTAIN_CASES:
        try:
            got = call_learner(fn, p)
        except Exception as exc:  # noqa: BLE001  (a learner's bug becomes a verdict)
            verdict = Verdict(False, tr("{name}({p:g}) raised {error}: {detail}.",
                                        name=NAME, p=p, error=type(exc).__name__, detail=exc))
        else:
            if is_placeholder(got):
                return Verdict(False, tr("{name} returns nothing yet: its body is still the placeholder `...`, "
                                         "or it does not `return` its result.", name=NAME))
            verdict = check_value(got, _reference_bernoulli_bits(p), f"{NAME}({p:g})", rtol=1e-6, atol=1e-9)
            if not verdict.ok and (p,) in INTERIOR_CASES:
                slip = _two_outcome_slips(got, p)
                verdict = Verdict(False, tr("{name}({p:g}): {slip}", name=NAME, p=p, slip=slip)) if slip else verdict
        if verdict.ok:
            continue
        if (p,) in CERTAIN_CASES:
            return Verdict(False, tr("right for 0 < p < 1, but a certain outcome goes wrong: {diagnosis} "
                                     "An outcome that never happens adds nothing: the term 0 log 0 counts as 0.",
                                     diagnosis=verdict.message))
        return verdict
    return Verdict(True, tr("{name} agrees with the reference on {cases} inputs, p = 0 and p = 1 included.",
                            name=NAME, cases=len(INTERIOR_CASES) + len(CERTAIN_CASES)))


@exercise(
    N_("Entropy is the expected information: each face's information in bits, weighted by that face's probability."),
    N_("Every one of the six faces contributes a term: five faces with probability 0.1 and one with 0.5."),
    N_("The five faces with probability 0.1 contribute equal terms: work out one and multiply by five, then add "
       "the six's term. A fair die has the most entropy a die can have, so expect less than log2 6."),
)
def loaded_die_entropy(answer: Any) -> Verdict:
    """Exercise 3: the entropy in bits of the loaded die (0.1, 0.1, 0.1, 0.1, 0.1, 0.5)."""
    contents = [_bits(p) for p in LOADED_DIE]
    one_light, six = _term(0.1), _term(0.5)
    if close_to(answer, math.log2(6)):
        return Verdict(False, tr("that is log2 6, the entropy of a FAIR die, the largest any die can have; "
                                 "the loaded die is more predictable."))
    if close_to(answer, _bits(0.5)) or close_to(answer, _bits(0.1)):
        return Verdict(False, tr("that is the information content of one face; entropy is the expected "
                                 "information over all six faces."))
    if close_to(answer, sum(contents)):
        return Verdict(False, tr("you added the six faces' information contents; entropy is their expectation, "
                                 "each weighted by its face's probability, not their sum."))
    if close_to(answer, sum(contents) / 6):
        return Verdict(False, tr("that is the plain average of the six information contents; entropy weights "
                                 "each one by its face's probability."))
    if close_to(answer, 5 * one_light):
        return Verdict(False, tr("the five faces with probability 0.1 are there, but the six's term is missing."))
    if close_to(answer, six):
        return Verdict(False, tr("that is the six's term alone: the five other faces contribute terms too."))
    if close_to(answer, one_light + six):
        return Verdict(False, tr("that counts only one of the five faces with probability 0.1; each of them "
                                 "contributes a term."))
    return check_value(answer, float(entropy(LOADED_DIE, 2)), tr("the loaded die's entropy"), unit="bits")


@exercise(
    N_("The plug-in estimate puts the observed frequency of hits in the place of the unknown probability p."),
    N_("The frequency is hits divided by shots; then take the entropy, in bits, of a yes/no outcome "
       "with that probability."),
    N_("7 hits in 50 is more than the 5 that p = 0.1 leads you to expect, and a frequency closer to 0.5 means "
       "more entropy: expect a little more than A's true 0.4690 bits."),
)
def plugin_entropy_estimate(answer: Any) -> Verdict:
    """Exercise 4: the plug-in entropy in bits after 7 hits in 50 shots: H(7/50)."""
    f = PLUGIN_HITS / PLUGIN_SHOTS
    estimate, truth = float(binary_entropy(f, 2)), float(binary_entropy(SHOOTER_A_P, 2))
    if close_to(answer, truth):
        return Verdict(False, tr("that is shooter A's TRUE entropy, with p = 0.1; the plug-in estimate uses "
                                 "what was observed in the 50 shots instead."))
    if close_to(answer, f) or close_to(answer, 1 - f):
        return Verdict(False, tr("that is an observed frequency, not yet an entropy."))
    if close_to(answer, estimate - truth) or close_to(answer, truth - estimate):
        return Verdict(False, tr("that is how far the estimate is from the truth (the second question); "
                                 "`answer` should be the estimate itself."))
    counts = PLUGIN_HITS * math.log2(PLUGIN_HITS) + (PLUGIN_SHOTS - PLUGIN_HITS) * math.log2(PLUGIN_SHOTS - PLUGIN_HITS)
    if close_to(answer, -counts) or close_to(answer, counts):
        return Verdict(False, tr("you put the counts 7 and 43 into the formula; it needs probabilities, "
                                 "the counts divided by the number of shots."))
    slip = _two_outcome_slips(answer, f)
    if slip:
        return Verdict(False, slip)
    return check_value(answer, estimate, tr("the plug-in entropy"), unit="bits")


@exercise(
    N_("No long sum is needed. A fair three-sided die has K = 3 equally likely outcomes: section 6 says what "
       "the entropy of K equally likely outcomes is."),
    N_("Which of the notebook's shooters has the same entropy as a coin that lands heads 90% of the time? "
       "Think of H(p) = H(1 - p)."),
    N_("Give the die's entropy minus the coin's, both in bits: a positive answer says the die is more uncertain."),
)
def coin_versus_three_sided_die(answer: Any) -> Verdict:
    """Exercise 5: H(fair three-sided die) - H(coin with P(heads) = 0.9) in bits: log2 3 - H(0.9)."""
    die, coin = math.log2(DIE_FACES), float(binary_entropy(BENT_COIN_P, 2))
    die_nats, coin_nats = math.log(DIE_FACES), float(binary_entropy(BENT_COIN_P))
    p, q = BENT_COIN_P, 1 - BENT_COIN_P
    named = [
        (die, tr("that is the die's entropy alone; the question asks how much more it is than the coin's.")),
        (coin, tr("that is the coin's entropy alone; the question asks for the die's minus the coin's.")),
        (die - 1.0, tr("you gave the coin 1 bit, the entropy of a FAIR coin; a coin that lands heads 90% of "
                       "the time is much more predictable.")),
        (die - _bits(p), tr("you subtracted the information of heads alone; the coin's entropy is its "
                            "expected information over heads and tails.")),
        (die - _bits(q), tr("you subtracted the information of tails alone; the coin's entropy is its "
                            "expected information over heads and tails.")),
        (die - _term(p), tr("the coin's entropy you used has only the heads term: the tails term is missing.")),
        (die - _term(q), tr("the coin's entropy you used has only the tails term: the heads term is missing.")),
        (die - _bits(p) - _bits(q), tr("you used the SUM of the coin's two information contents; its entropy is "
                                       "their probability-weighted average.")),
        (die / coin, tr("that is the ratio of the two entropies; the question asks how many bits more, "
                        "a difference.")),
        (die - coin_nats, tr("you mixed units: the die's entropy in bits, the coin's in nats.")),
        (die_nats - coin, tr("you mixed units: the die's entropy in nats, the coin's in bits.")),
    ]
    for value, message in named:
        if close_to(answer, value):
            return Verdict(False, message)
    got = as_numbers(answer)
    if got is not None and got.size == 1 and float(got.reshape(())) < 0:
        return Verdict(False, tr("a negative answer says the coin is the more uncertain of the two. Which has "
                                 "more outcomes, and how evenly are they spread?"))
    if close_to(answer, die_nats - coin_nats):
        return Verdict(False, tr("that is the right difference in nats; the question asks for bits (log base 2)."))
    return check_value(answer, die - coin, tr("the die's entropy minus the coin's"), unit="bits")


@exercise(
    N_("Find the row for blocks of 3 shots in section 7's table: how many questions per shot does Huffman's "
       "code need there?"),
    N_("Huffman's code asks the fewest questions on average of all prefix codes for the same blocks, and "
       "Shannon's bound is a floor, not a promise for every block size. Compare that row with half a question."),
)
def why_no_code_beats_huffman(choice: Any) -> Verdict:
    """Exercise 6 of notebook 03: can a code for blocks of 3 of shooter A's shots average half a question
    per shot (above H_A = 0.4690 bits)?"""
    return check_choice(choice, {
        "a": tr("reads Shannon's bound as a promise: it says no code goes below H_A, not that every average "
                "above it can be reached. For a given block size the best code sets its own floor, and only "
                "longer blocks come closer to H_A."),
        "b": tr("Huffman's code is optimal for blocks of 3 (no prefix code asks fewer questions on average), "
                "and it needs {per_shot:.4f} questions per shot there, more than half. Only longer "
                "blocks come closer to H_A.", per_shot=HUFFMAN_PER_SHOT_3),
        "c": tr("takes Huffman's code for one good code among many that more cleverness could beat; it is "
                "optimal: no prefix code for the same blocks of 3 asks fewer questions on average."),
        "d": tr("is true of one shot coded on its own, but blocks share questions: from two shots on, "
                "section 7's table asks less than one question per shot. What rules out half a question "
                "here is the block size, not a whole question per shot."),
    }, right="b", what=tr("your choice"))
