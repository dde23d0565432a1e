"""Notebook 00's explain-why checker (its numeric checkers are tested in tests/test_notebook_00.py):
the right letter passes with the reason, each wrong letter gets the diagnosis of its misconception."""
from __future__ import annotations

import math

import pytest
import torch

from helpers import checks


def test_the_premise_pytorch_reports_ln_2_nats_which_is_one_bit() -> None:
    loss = torch.nn.functional.binary_cross_entropy(torch.tensor([0.5], dtype=torch.float64),
                                                    torch.tensor([1.0], dtype=torch.float64)).item()
    assert round(loss, 4) == 0.6931
    assert math.isclose(loss / math.log(2), 1.0, rel_tol=1e-12)  # in bits: exactly one


def test_the_right_letter_passes() -> None:
    for answer in ("d", "D", "(d)"):
        verdict = checks.why_pytorch_reports_nats(answer)
        assert verdict.ok and repr(verdict).startswith("Correct! (d):") and "natural log" in verdict.message


@pytest.mark.parametrize("letter, words", [("a", "float32 rounding"), ("b", "confuses a probability"),
                                           ("c", "mean over the batch")])
def test_each_wrong_letter_names_its_misconception(letter, words) -> None:
    verdict = checks.why_pytorch_reports_nats(letter)
    assert not verdict.ok and repr(verdict).startswith(f"Not yet: ({letter})") and words in verdict.message


def test_hints_do_not_name_the_letter() -> None:
    hints = " ".join(checks.why_pytorch_reports_nats.hints)
    assert len(checks.why_pytorch_reports_nats.hints) >= 2 and "(d)" not in hints
