"""Independent references shared by several test modules: plain loops, Python integers, SciPy and
PyTorch, no helpers; and one check of explorer controls that several modules share."""
from __future__ import annotations

from collections import deque

import numpy as np
import torch
import torch.nn.functional as F
from scipy.stats import entropy as scipy_entropy


def ece_by_loops(probs: np.ndarray, labels: np.ndarray, n_bins: int = 10) -> float:
    """The expected calibration error written out with Python loops and exact fractions of bins."""
    total = 0.0
    for b in range(n_bins):
        members = [i for i in range(len(labels))
                   if (b == 0 or probs[i].max() * n_bins > b) and probs[i].max() * n_bins <= b + 1]
        if members:
            conf = sum(probs[i].max() for i in members) / len(members)
            acc = sum(int(np.argmax(probs[i]) == labels[i]) for i in members) / len(members)
            total += len(members) / len(labels) * abs(acc - conf)
    return total


def logistic_by_torch_sgd(x: np.ndarray, y: np.ndarray, loss: str, lr: float, w0: float,
                          steps: int = 200) -> tuple[np.ndarray, float]:
    """Logistic regression s = w x + b from (w0, 0), trained on ``loss`` ("bce" or "mse",
    ½(ŷ − y)²) with torch.optim.SGD in float64: the mean BCE (nats) before each step and after the
    last, and the mean ½(ŷ − y)² after the last step."""
    x, y = torch.tensor(x, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)
    w = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w, b], lr=lr)
    history = []
    for t in range(steps + 1):
        s = w * x + b
        history.append(F.binary_cross_entropy_with_logits(s, y).item())
        if t == steps:
            break
        opt.zero_grad()
        if loss == "bce":
            F.binary_cross_entropy_with_logits(s, y).backward()
        else:
            (0.5 * (torch.sigmoid(s) - y) ** 2).mean().backward()
        opt.step()
    return np.array(history), (0.5 * (torch.sigmoid(s) - y) ** 2).mean().item()


def assert_defaults_on_their_grids(explorer, atol: float = 0.0) -> None:
    """Every control's default is a value the control can show: an option of a select, or a point
    min + k * step of a range (k whole, to within ``atol``) inside [min, max]."""
    for spec in explorer.specs:
        value = getattr(explorer, spec["name"])
        if spec["kind"] == "select":
            assert value in spec["options"], (spec["name"], value)
        else:
            k = (value - spec["min"]) / spec["step"]
            assert spec["min"] <= value <= spec["max"] and abs(k - round(k)) <= atol, (spec["name"], value)


MASK = 0xFFFFFFFF


GOLDEN = 0x9E3779B9


def hand_lowbias32(x: int) -> int:
    """lowbias32 step by step on Python integers, every product reduced modulo 2^32 by hand."""
    x &= MASK
    x ^= x >> 16
    x = (x * 0x7FEB352D) & MASK
    x ^= x >> 15
    x = (x * 0x846CA68B) & MASK
    x ^= x >> 16
    return x


def hand_uniforms(n: int, seed: int, stream: int) -> list[float]:
    """The documented formula on Python integers: key = h(h(seed ^ G) + stream), u_i = h(key + i G) / 2^32."""
    key = hand_lowbias32((hand_lowbias32(seed ^ GOLDEN) + stream) & MASK)
    return [hand_lowbias32((key + i * GOLDEN) & MASK) / 2**32 for i in range(n)]


def count_bits(k: int, n: int) -> float:
    """Plug-in entropy (bits) of k hits in n shots, by SciPy."""
    return float(scipy_entropy([k, n - k], base=2))


def huffman_average_length(p: list[float] | np.ndarray) -> float:
    """The average codeword length (bits) of an optimal binary prefix code, by the two-queue method:
    with the leaves sorted, merged groups come out in increasing order too, so the two smallest
    groups are always at the fronts of the two queues. Each merge adds its probability once to
    the average (one more question for every outcome under it). A plain loop, no heap, no helpers."""
    leaves: deque[float] = deque(sorted(float(x) for x in p))
    merged: deque[float] = deque()
    total = 0.0

    def smallest() -> float:
        if not merged or (leaves and leaves[0] <= merged[0]):
            return leaves.popleft()
        return merged.popleft()

    while len(leaves) + len(merged) > 1:
        both = smallest() + smallest()
        total += both
        merged.append(both)
    return total
