"""helpers.explorers.onramp (notebook 00a): the computation graph's forward and backward pass against
PyTorch's autograd, its start, its controls and its bad inputs. What every explorer shares (the
module's readout in Node against reference(), the still, the display bundle) is
tests/test_explorers_live.py's."""
from __future__ import annotations

import itertools

import pytest
import torch
import traitlets

from helpers import explorers
from helpers.explorers import onramp
from helpers.explorers.live import LIVE


def autograd(x: float, w: float, b: float, t: float) -> dict[str, float]:
    leaves = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in
              {"x": x, "w": w, "b": b, "t": t}.items()}
    s = leaves["w"] * leaves["x"] + leaves["b"]
    s.retain_grad()
    loss = (s - leaves["t"]) ** 2
    loss.backward()
    return {"s": s.item(), "L": loss.item(), "dL_ds": s.grad.item(),
            **{f"dL_d{k}": leaf.grad.item() for k, leaf in leaves.items()}}


@pytest.mark.parametrize("x, w, b, t", list(itertools.product((-3.0, -0.7, 0.0, 2.0), (-2.0, 0.5, 1.3),
                                                                   (-0.5, 0.0, 2.0), (-3.0, 1.0, 2.9))))
def test_forward_and_backward_are_autograds(x, w, b, t) -> None:
    state = onramp.graph_state(x, w, b, t)
    for key, value in autograd(x, w, b, t).items():
        assert state[key] == pytest.approx(value, rel=1e-12, abs=1e-12), key


def test_starts_at_the_notebooks_example() -> None:
    assert explorers.computation_graph is onramp.computation_graph
    ex = explorers.computation_graph()
    assert isinstance(ex, onramp.ComputationGraph) and LIVE["computation_graph"] is onramp.ComputationGraph
    assert ex.values() == {"x": 2.0, "w": 0.5, "b": -0.5, "t": 1.0}
    assert ex.reference() == [
        "forward: s = w·x + b = 0.5000, L = (s − t)² = 0.2500",
        "backward: dL/ds = 2(s − t) = -1.0000, dL/dt = 1.0000",
        "dL/dw = dL/ds · x = -2.0000, dL/db = dL/ds · 1 = -1.0000, dL/dx = dL/ds · w = -0.5000",
    ]


def test_at_the_target_every_derivative_is_zero_without_a_minus_sign() -> None:
    lines = onramp.ComputationGraph(x=1.0, w=1.0, b=0.0, t=1.0).reference()
    assert "L = (s − t)² = 0.0000" in lines[0]
    assert "-0.0000" not in " ".join(lines)


def test_controls_refuse_bad_values_naming_them() -> None:
    ex = onramp.ComputationGraph()
    assert ex.controls == ("x", "w", "b", "t")
    for name, bad in (("x", 3.5), ("w", -2.5), ("b", float("nan")), ("t", -4.0)):
        with pytest.raises(traitlets.TraitError, match=f"^{name}:"):
            setattr(ex, name, bad)
    for name in ("x", "w", "b", "t"):
        with pytest.raises(ValueError, match=f"^{name}:"):
            onramp.graph_state(**{"x": 1.0, "w": 1.0, "b": 1.0, "t": 1.0, name: float("inf")})
    with pytest.raises(ValueError, match="^w:"):
        onramp.graph_state(1.0, "0.5", 0.0, 0.0)  # type: ignore[arg-type]
