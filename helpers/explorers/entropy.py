"""Notebook 03's explorers: the two shooters' outcomes and entropies, and a seeded simulation
of their shots in which the plug-in entropy approaches the true entropy as n grows."""
from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FuncFormatter, NullLocator

from helpers.experiments import simulate_shots
from helpers.explorers._base import Explorer, register
from helpers.info import binary_entropy, running_plugin_entropy
from helpers.plots import PALETTE, label_axes, new_figure

__all__ = ["SHOT_COUNTS", "shooters_state",
           "simulation_state", "shooters_explorer", "shot_simulation_explorer"]

# The article's shooters: A (小明) hits with probability 0.1, B (小王) with 0.999.
P_A, P_B = 0.1, 0.999
_CURVE = np.linspace(0.0, 1.0, 201)
# The simulation's choices of n (a log scale: each step multiplies n by about 2 or 2.5).
SHOT_COUNTS: tuple[int, ...] = (10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000,
                                20_000, 50_000, 100_000)
_MAX_POINTS = 300  # points drawn of a running curve (log-spaced), whatever n is


def _count_label(x: float, _pos: int) -> str:
    """A tick label for a count: 1, 10, 100, 1k, 10k, 100k."""
    return f"{x / 1000:g}k" if x >= 1000 else f"{x:g}"


def _probability(p: float, name: str) -> float:
    p = float(p)
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"{name}: a probability must lie in [0, 1], got {p!r}")
    return p


def shooters_state(p_a: float = P_A, p_b: float = P_B) -> dict[str, Any]:
    """Both shooters' outcome probabilities and entropies.

    Each shot is a Bernoulli outcome, hit with probability p, miss with 1 - p;
    H(p) = -p log2 p - (1 - p) log2 (1 - p) bits (divide by log2 e for nats).
    """
    p_a, p_b = _probability(p_a, "p_a"), _probability(p_b, "p_b")
    h_bits = np.asarray(binary_entropy([p_a, p_b], 2))
    h_nats = np.asarray(binary_entropy([p_a, p_b]))
    return {
        "p": (p_a, p_b),
        "bars": np.array([p_a, 1 - p_a, p_b, 1 - p_b]),  # A hit, A miss, B hit, B miss
        "H_bits": (float(h_bits[0]), float(h_bits[1])),
        "H_nats": (float(h_nats[0]), float(h_nats[1])),
        "curve_p": _CURVE,
        "curve_H": np.asarray(binary_entropy(_CURVE, 2)),
    }


def simulation_state(p_a: float = P_A, p_b: float = P_B, n: int = 1_000, seed: int = 0) -> dict[str, Any]:
    """Simulate ``n`` shots of each shooter (seeded) and track the plug-in entropy in bits.

    Shooter A uses stream 0 and B stream 1 of the seed, so the two are independent.
    The curves hold at most ~300 log-spaced checkpoints m (always including m = n).
    """
    shooters = shooters_state(p_a, p_b)
    hits = [simulate_shots(p, n, seed, stream) for stream, p in enumerate(shooters["p"])]
    running = [running_plugin_entropy(h) for h in hits]
    m = np.unique(np.geomspace(1, n, num=min(n, _MAX_POINTS)).round().astype(int))
    return {
        "p": shooters["p"], "n": int(n), "seed": int(seed),
        "hits": tuple(int(h.sum()) for h in hits),
        "freq": tuple(float(h.mean()) for h in hits),
        "H_true": shooters["H_bits"],
        "H_plugin": tuple(float(r[-1]) for r in running),
        "m": m,
        "curves": tuple(r[m - 1] for r in running),
    }


class ShootersExplorer(Explorer):
    """Sliders for both shooters' hit probabilities; outcome bars, the entropy curve, readouts."""

    name = "shooters"

    def __init__(self) -> None:
        fig, (bars_ax, curve_ax) = new_figure(1, 2, figsize=(7.0, 3.2))
        colours = [PALETTE["blue"], PALETTE["sky"], PALETTE["vermillion"], PALETTE["orange"]]
        self._bars = bars_ax.bar([0, 1, 2.5, 3.5], [0.0] * 4, color=colours, width=0.8)
        bars_ax.set_xticks([0, 1, 2.5, 3.5], ["A hit", "A miss", "B hit", "B miss"])
        bars_ax.set_ylim(0.0, 1.05)
        bars_ax.set_yticks([0.0, 0.5, 1.0])
        label_axes(bars_ax, "outcome", "probability", "Outcomes")
        state = shooters_state()
        curve_ax.plot(state["curve_p"], state["curve_H"], color=PALETTE["black"], linewidth=1.5)
        (self._point_a,) = curve_ax.plot([0.0], [0.0], "o", color=PALETTE["blue"], markersize=9, label="A")
        (self._point_b,) = curve_ax.plot([0.0], [0.0], "s", color=PALETTE["vermillion"], markersize=9, label="B")
        curve_ax.set_xlim(-0.02, 1.02)
        curve_ax.set_ylim(0.0, 1.08)
        curve_ax.set_xticks([0.0, 0.5, 1.0])
        curve_ax.set_yticks([0.0, 0.5, 1.0])
        curve_ax.legend(loc="upper right")
        label_axes(curve_ax, "hit probability p", "H(p) (bits)", "Entropy of one shot")
        slider = dict(min=0.0, max=1.0, step=0.001, readout_format=".3f")
        controls = {"p_a": widgets.FloatSlider(value=P_A, description="A hits", **slider),
                    "p_b": widgets.FloatSlider(value=P_B, description="B hits", **slider)}
        super().__init__(controls, fig, title="Two shooters: hit probabilities and entropy")

    def compute(self, p_a: float, p_b: float) -> dict[str, Any]:
        return shooters_state(p_a, p_b)

    def draw(self, state: dict[str, Any]) -> None:
        for bar, height in zip(self._bars, state["bars"]):
            bar.set_height(height)
        for point, p, h in zip((self._point_a, self._point_b), state["p"], state["H_bits"]):
            point.set_data([p], [h])

    def describe(self, state: dict[str, Any]) -> list[str]:
        lines = []
        for who, p, hb, hn in zip(("A (小明)", "B (小王)"), state["p"], state["H_bits"], state["H_nats"]):
            lines.append(f"Shooter {who}: P(hit) = {p:.3f}, P(miss) = {1 - p:.3f}, "
                         f"H = {hb:.4f} bits = {hn:.4f} nats")
        ha, hb = state["H_bits"]
        if abs(ha - hb) < 5e-5:
            lines.append("Both outcomes are equally uncertain.")
        else:
            more = "A" if ha > hb else "B"
            lines.append(f"Shooter {more}'s next shot is the more uncertain, by {abs(ha - hb):.4f} bits.")
        return lines


class ShotSimulationExplorer(Explorer):
    """Sliders for p_A, p_B, n and the seed; the running plug-in entropy against the truth."""

    name = "shot-simulation"

    def __init__(self) -> None:
        fig, ax = new_figure(figsize=(6.4, 3.2))
        colours = (PALETTE["blue"], PALETTE["vermillion"])
        self._runs = [ax.plot([1], [0.0], color=c, linewidth=1.5, label=f"shooter {w}")[0]
                      for c, w in zip(colours, "AB")]
        self._truths = [ax.axhline(0.0, color=c, linestyle="--", linewidth=1.2) for c in colours]
        ax.set_xscale("log")
        ax.xaxis.set_minor_locator(NullLocator())  # fewer artists: cheaper redraws
        ax.xaxis.set_major_formatter(FuncFormatter(_count_label))  # plain text, not mathtext
        ax.set_ylim(-0.02, 1.05)
        ax.set_yticks([0.0, 0.25, 0.5, 0.75, 1.0])
        ax.legend(loc="upper right")
        self._ax = ax
        label_axes(ax, "number of shots m (log scale)", "entropy (bits)",
                   "Plug-in entropy of the first m shots (dashed: true H)")
        slider = dict(min=0.0, max=1.0, step=0.001, readout_format=".3f")
        controls = {
            "p_a": widgets.FloatSlider(value=P_A, description="A hits", **slider),
            "p_b": widgets.FloatSlider(value=P_B, description="B hits", **slider),
            "n": widgets.SelectionSlider(options=list(SHOT_COUNTS), value=1_000, description="shots n"),
            "seed": widgets.IntSlider(value=0, min=0, max=20, description="seed"),
        }
        super().__init__(controls, fig, title="Simulated shots: the plug-in entropy approaches the truth")

    def compute(self, p_a: float, p_b: float, n: int, seed: int) -> dict[str, Any]:
        return simulation_state(p_a, p_b, n, seed)

    def draw(self, state: dict[str, Any]) -> None:
        for run, truth, curve, h in zip(self._runs, self._truths, state["curves"], state["H_true"]):
            run.set_data(state["m"], curve)
            truth.set_ydata([h, h])
        self._ax.set_xlim(1, state["n"])

    def describe(self, state: dict[str, Any]) -> list[str]:
        lines = [f"n = {state['n']} shots each, seed {state['seed']}"]
        for who, k, f, hp, ht in zip("AB", state["hits"], state["freq"], state["H_plugin"], state["H_true"]):
            lines.append(f"Shooter {who}: {k} hits, frequency {f:.4f}; plug-in H = {hp:.4f} bits, "
                         f"true H = {ht:.4f} bits, off by {hp - ht:+.4f} bits")
        return lines


@register("shooters")
def shooters_explorer() -> ShootersExplorer:
    """Show both shooters' outcome bars and entropies, with a slider for each hit probability."""
    return ShootersExplorer()


@register("shot-simulation")
def shot_simulation_explorer() -> ShotSimulationExplorer:
    """Show the seeded simulation: plug-in entropy of the first m shots against the true entropy."""
    return ShotSimulationExplorer()
