"""Notebook 00a (the on-ramp: NumPy, PyTorch and autograd): its numbers and its exercises.

The published numbers (read from the committed notebook, which nbval checks against a fresh run) are
compared with independent references: PyTorch's autograd for the gradient worked by hand, the
closed form for the accuracy. The exercises' hidden solutions run after their own exercise cells and
pass their checkers, with answers equal to references computed here with PyTorch.
"""
from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest
import torch

from helpers import checks
from tests.support.notebooks import editions, learner_code, notebook_path
from tests.support.published import published

PATH = notebook_path("00a")
NB = nbformat.read(PATH, as_version=4)


@pytest.fixture(scope="module", params=editions("00a"))
def values(request: pytest.FixtureRequest):
    """Each edition's published values: the Chinese notebook must publish what the English does."""
    return published("00a", request.param)


def test_the_gradient_by_hand_is_autograds(values) -> None:
    """s = w x + b, L = (s - t)^2 at x = 2, w = 0.5, b = -0.5, t = 1: the hand values against autograd."""
    x, t = 2.0, 1.0
    w = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(-0.5, dtype=torch.float64, requires_grad=True)
    s = w * x + b
    s.retain_grad()
    loss = (s - t) ** 2
    loss.backward()
    assert values["s"] == pytest.approx(s.item(), abs=1e-12)
    assert values["L"] == pytest.approx(loss.item(), abs=1e-12)
    assert values["dL_ds"] == pytest.approx(s.grad.item(), abs=1e-12)
    assert values["dL_dw"] == pytest.approx(w.grad.item(), abs=1e-12)
    assert values["dL_db"] == pytest.approx(b.grad.item(), abs=1e-12)


def test_the_accuracy_of_the_mask_example(values) -> None:
    """Predictions y_hat > 0.5 of (0.9, 0.2, 0.6, 0.4, 0.7) against labels (1, 0, 0, 0, 1): 4 of 5 right."""
    assert values["accuracy"] == pytest.approx(4 / 5, abs=1e-12)


def test_one_check_line_by_hand_against_autograd() -> None:
    shown = [c.source for c in NB.cells if c.cell_type == "code" and "checks.agree(" in c.source]
    assert len(shown) == 1 and "by_hand=" in shown[0] and "autograd=" in shown[0]


def test_the_two_slips_shown_raise_what_the_text_says() -> None:
    errors = [o for c in NB.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert [e.ename for e in errors] == ["ValueError", "RuntimeError"]
    assert "(4,3) (4,)" in errors[0].evalue
    assert "Long" in errors[1].evalue


# --- the exercises ----------------------------------------------------------------------------------

def run_exercise_then_solution(n: int) -> dict:
    """Run exercise n's own cell (its data), then its hidden solution, in a fresh namespace."""
    ns: dict = {"np": np, "torch": torch, "checks": checks}
    cells = learner_code(NB.cells)
    answer_cell = next(i for i, c in enumerate(NB.cells)
                       if c.cell_type == "markdown" and re.search(rf"\*\*Exercise {n}\b", c.source))
    data = next(c for c in NB.cells[answer_cell:] if c.cell_type == "code")
    exec(data.source, ns)  # noqa: S102  (the notebook's own exercise cell: its data and the placeholder)
    solution = next(c for c in cells if c.source.startswith(f"# Solution to Exercise {n}"))
    exec(solution.source, ns)  # noqa: S102  (the notebook's own solution)
    return ns


def test_exercise_1_losses_are_pytorchs_nll() -> None:
    ns = run_exercise_then_solution(1)
    q = torch.tensor(checks.ONRAMP_Q, dtype=torch.float64)
    y = torch.tensor(checks.ONRAMP_Y)
    reference = torch.nn.functional.nll_loss(torch.log(q), y, reduction="none").numpy()
    assert np.allclose(ns["losses"], reference, rtol=1e-12)
    assert np.allclose(ns["q1"], q.numpy()) and list(ns["y1"]) == list(checks.ONRAMP_Y)
    assert checks.check_losses_by_label(ns["losses"]).ok


def test_exercise_2_shift_is_torchs() -> None:
    ns = run_exercise_then_solution(2)
    z = torch.tensor(checks.ONRAMP_LOGITS, dtype=torch.float64)
    reference = (z - z.amax(dim=1, keepdim=True)).numpy()
    assert np.allclose(ns["z2"], z.numpy())
    assert np.allclose(ns["shifted"], reference, rtol=0, atol=1e-15)
    assert checks.check_shift_rows(ns["shifted"]).ok


def test_exercise_3_gradient_is_autograds() -> None:
    ns = run_exercise_then_solution(3)
    g = checks.ONRAMP_GRAPH
    w = torch.tensor(g["w"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(g["b"], dtype=torch.float64, requires_grad=True)
    ((w * g["x"] + b - g["t"]) ** 2).backward()
    assert np.allclose(ns["grads"], [w.grad.item(), b.grad.item()], rtol=1e-12)
    assert checks.check_gradient_by_hand(ns["grads"]).ok


def test_exercise_4_the_square_batch_really_fails_silently() -> None:
    """The prompt's claim: for the (3, 3) counts, counts / counts.sum(axis=1) runs and its rows do not
    sum to 1, while keepdims=True gives rows summing to 1; the solution chooses (c)."""
    ns = run_exercise_then_solution(4)
    prompt = next(c.source for c in NB.cells if "**Exercise 4" in c.source)
    counts = np.array(eval(re.search(r"counts = np\.array\((.*)\)", prompt)[1]))  # noqa: S307  (the prompt's literal)
    assert counts.shape == (3, 3)
    wrong = counts / counts.sum(axis=1)
    assert not np.allclose(wrong.sum(axis=1), 1.0)
    assert np.allclose((counts / counts.sum(axis=1, keepdims=True)).sum(axis=1), 1.0)
    assert ns["choice"] == "c" and checks.why_keepdims(ns["choice"]).ok


@pytest.mark.parametrize("n, shown", [(1, ["0.3567", "0.9163", "1.3863"]), (2, ["-1.9", "-2.2", "-2.8"]),
                                      (3, ["-15", "6.25"])])
def test_nothing_above_an_exercise_gives_its_answer(n: int, shown: list[str]) -> None:
    start = next(i for i, c in enumerate(NB.cells) if c.cell_type == "markdown" and f"**Exercise {n}:**" in c.source)
    above = []
    for cell in NB.cells[:start]:
        above.append(cell.source)
        for out in cell.get("outputs", []):
            above.append(str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", "")))
    text = "\n".join(above)
    assert [s for s in shown if re.search(rf"(?<![\d.]){re.escape(s)}(?!\d)", text)] == []
