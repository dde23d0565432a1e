"""Find English left in a translated message: the tests of the Chinese edition use it on every
checker's verdict, explorer readout and figure text.

A run of two or more English words (letters only, two or more each, joined by spaces, hyphens or
apostrophes) is English prose; a single word is a name (``softmax``, ``NumPy``, ``logit``) and is let
through, as is anything inside backticks. ``ALLOWED`` lists the runs that are names, not sentences.
"""
from __future__ import annotations

import re

__all__ = ["ALLOWED", "english_left"]

# Runs of English words that are names (code, units, libraries), not sentences to translate.
ALLOWED: frozenset[str] = frozenset({
    "by hand", "log base", "fair coin", "KL divergence", "F.kl_div", "cross entropy",
    "CrossEntropyLoss", "NLLLoss", "log softmax", "requires grad", "Shift Enter",
})
_RUN = re.compile(r"[A-Za-z]{2,}(?:[ '\-]+[A-Za-z]{2,})+")
_CODE = re.compile(r"`[^`]*`")


def english_left(text: str, allowed: frozenset[str] | set[str] = ALLOWED) -> list[str]:
    """The runs of English words in ``text`` that are not in ``allowed`` (code in backticks ignored)."""
    found = _RUN.findall(_CODE.sub(" ", text))
    return [run for run in found if run not in allowed]
