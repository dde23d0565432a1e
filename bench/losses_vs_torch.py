"""Benchmark: helpers.losses.cross_entropy against torch.nn.functional.cross_entropy.

Both compute the mean cross-entropy of (N, C) float64 logits against N integer class indices
(default N = 10^6, C = 10). The two are timed side by side in one process, interleaved (and
alternating which goes first), and the medians are compared: ratio = ours / torch.
The peak memory of ours is traced with tracemalloc (which sees NumPy's allocations) in a separate,
untimed call and compared with the size of the logits.

Goals (issue 2): ratio <= 1.5 (stretch 1.0); peak <= 3x the input's size.

Run:  .venv/bin/python bench/losses_vs_torch.py [--rows 1000000] [--classes 10] [--repeats 9]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from helpers import losses

RATIO_GOAL, RATIO_STRETCH, PEAK_GOAL = 1.5, 1.0, 3.0
RESULTS = Path(__file__).with_name("results") / "losses_vs_torch.json"


def seconds(fn: Callable[[], object]) -> float:
    """Wall time of one call of ``fn``."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved_medians(ours: Callable[[], object], theirs: Callable[[], object],
                        repeats: int) -> tuple[float, float]:
    """Median times of ``ours`` and ``theirs``, run in turns (the first in each pair alternates)."""
    t_ours, t_theirs = [], []
    for i in range(repeats):
        if i % 2:
            t_theirs.append(seconds(theirs))
            t_ours.append(seconds(ours))
        else:
            t_ours.append(seconds(ours))
            t_theirs.append(seconds(theirs))
    return statistics.median(t_ours), statistics.median(t_theirs)


def peak_bytes(fn: Callable[[], object]) -> int:
    """Peak traced allocation during one call of ``fn`` (NumPy reports its buffers to tracemalloc)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10**6)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    z = rng.normal(scale=3.0, size=(args.rows, args.classes))
    y = rng.integers(0, args.classes, size=args.rows)
    tz, ty = torch.from_numpy(z), torch.from_numpy(y)  # shares memory: no copy is timed

    def ours() -> float:
        return losses.cross_entropy(z, y)

    def theirs() -> float:
        return F.cross_entropy(tz, ty).item()

    a, b = ours(), theirs()  # warm-up, and the two must agree
    assert abs(a - b) <= 1e-9 * abs(b), (a, b)

    med_ours, med_torch = interleaved_medians(ours, theirs, args.repeats)
    ratio = med_ours / med_torch
    peak = peak_bytes(ours)
    peak_ratio = peak / z.nbytes

    print(f"cross_entropy, logits ({args.rows}, {args.classes}) float64, int64 targets, mean reduction")
    print(f"machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, Python "
          f"{platform.python_version()}, NumPy {np.__version__}, torch {torch.__version__} "
          f"({torch.get_num_threads()} threads)")
    print(f"loss: ours {a:.12f}, torch {b:.12f}")
    print(f"median of {args.repeats}: ours {med_ours * 1e3:.1f} ms, torch {med_torch * 1e3:.1f} ms")
    verdict = "stretch goal met" if ratio <= RATIO_STRETCH else "goal met" if ratio <= RATIO_GOAL else "GOAL MISSED"
    print(f"ratio ours/torch: {ratio:.2f} (goal <= {RATIO_GOAL}, stretch <= {RATIO_STRETCH}): {verdict}")
    print(f"peak memory of ours: {peak / 2**20:.1f} MiB = {peak_ratio:.2f} x the logits' "
          f"{z.nbytes / 2**20:.1f} MiB (goal <= {PEAK_GOAL}): "
          f"{'goal met' if peak_ratio <= PEAK_GOAL else 'GOAL MISSED'}")

    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"rows": args.rows, "classes": args.classes, "repeats": args.repeats,
                                   "ours_s": med_ours, "torch_s": med_torch, "ratio": ratio,
                                   "peak_bytes": peak, "input_bytes": z.nbytes, "peak_ratio": peak_ratio},
                                  indent=2) + "\n")


if __name__ == "__main__":
    main()
