"""Independent references shared by several test modules: plain loops, no helpers."""
from __future__ import annotations

import numpy as np


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
