"""Exercise checks for notebook 00 (Start here): the map, the notation, and reading a prediction.

One-line verdicts, never a traceback. Each checker recognises the typical slips (a notebook's own
prerequisites taken for all of them, p and q swapped, y_hat read as the probability of class 0 or
compared with 0.5 without the label) and names them; the graduated hints, one more each time the
check is run again, lead towards the answer without giving it away.
"""
from __future__ import annotations

from typing import Any

from helpers.checks.core import Verdict, check_choice, check_value, close_to, exercise
from helpers.i18n import N_, tr

__all__ = ["START_Y", "START_Y_HAT", "why_read_before_04", "which_is_the_model", "check_right_side"]

# Exercise 3: six samples of a binary classifier, their labels y and the predictions y_hat = P(y = 1).
START_Y: tuple[int, ...] = (1, 0, 1, 0, 0, 0)
START_Y_HAT: tuple[float, ...] = (0.9, 0.4, 0.7, 0.2, 0.8, 0.3)


def _right_side() -> int:
    """How many predictions lie on the label's side of 0.5 (y_hat > 0.5 for y = 1, below for y = 0)."""
    return sum((q > 0.5) == (y == 1) for q, y in zip(START_Y_HAT, START_Y))


@exercise(
    N_("Find 04's row of the map and read its 'builds on' column; then do the same for each notebook it names."),
    N_("A notebook's prerequisites include its prerequisites' prerequisites, and never a notebook that comes "
       "after it."),
)
def why_read_before_04(choice: Any) -> Verdict:
    """Exercise 1 of notebook 00: you know NumPy and want to understand 04; which notebooks first, and why?"""
    return check_choice(choice, {
        "a": tr("takes the nearest notebook for all of them: 03 builds on 02, and 04 also builds on 01 "
                "directly, so 03 alone leaves out the likelihood and the information content."),
        "b": tr("04 builds on 01, 02 and 03 (the map's 'builds on' column), and none of them needs more "
                "than 00 and 00a, which a reader who knows NumPy can skim."),
        "c": tr("reads only one of the two roads: 01 reaches the loss from the likelihood, but 04 also "
                "needs the information-theory road, 02 and 03."),
        "d": tr("takes the whole course for the prerequisites: 05, 06 and 07 come after 04 and build on "
                "it, so 04 cannot need them."),
    }, right="b", what=tr("your choice"))


@exercise(
    N_("Look again at the Notation table: one letter is the truth, one is the model."),
    N_("In the table, p is the target (true) distribution; y_hat and z belong to the two-class model and "
       "the logits."),
)
def which_is_the_model(choice: Any) -> Verdict:
    """Exercise 2 of notebook 00: in H(p, q), which letter is the model's distribution?"""
    return check_choice(choice, {
        "a": tr("swaps the two: p is the target, the true distribution, and the model's belief is the "
                "other one; the swap is a real bug later (PyTorch's F.kl_div wants them in a set order)."),
        "b": tr("y_hat is one number, the model's P(y = 1) for two classes, not a distribution over C "
                "classes; in H(p, q) the model's distribution has its own letter."),
        "c": tr("z holds logits, raw scores that can be negative and need not sum to 1; the softmax turns "
                "them into the model's distribution, which has its own letter."),
        "d": tr("q is the model's distribution and p the target: H(p, q) is the cost of believing q when "
                "the truth is p."),
    }, right="d", what=tr("your choice"))


@exercise(
    N_("y_hat is the model's probability that y = 1. For a sample with y = 0, which side of 0.5 is right?"),
    N_("Go sample by sample: y = 1 wants y_hat above 0.5, y = 0 wants it below. Count the samples that get "
       "what they want."),
    N_("Mark each sample right or wrong in a comment, then count the marks; in Python, sum() of a list "
       "of True and False counts the Trues."),
)
def check_right_side(answer: Any) -> Verdict:
    """Exercise 3 of notebook 00: how many of six predictions y_hat lie on their label's side of 0.5."""
    right = _right_side()
    n = len(START_Y)
    verdict = check_value(answer, right, tr("the number of predictions on the right side"))
    if verdict.ok:
        return verdict
    above = sum(q > 0.5 for q in START_Y_HAT)
    positives = sum(START_Y)
    slips = (
        (float(n - right), tr("that counts the wrong side: y_hat is the probability of y = 1, not of y = 0, "
                              "so y_hat above 0.5 predicts class 1.")),
        (float(above), tr("that counts every y_hat above 0.5; for a sample with y = 0 the right side is "
                          "below 0.5.")),
        (float(positives), tr("that counts the samples with y = 1, whatever the model said; compare each "
                              "y_hat with its label.")),
        (float(n), tr("that counts every sample; some predictions lie on the wrong side of 0.5.")),
        (right / n, tr("that is the fraction on the right side (the accuracy); the question asks how many.")),
    )
    for value, diagnosis in slips:
        if close_to(answer, value):
            return Verdict(False, diagnosis)
    return verdict
