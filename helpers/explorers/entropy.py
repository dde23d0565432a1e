"""Notebook 03's explorers: the two shooters' outcomes and entropies, and a seeded simulation
of their shots in which the plug-in entropy approaches the true entropy as n grows.

``shooters_explorer()`` and ``shot_simulation_explorer()`` show the live explorers (``ShootersLive``
and ``ShotSimulationLive``: computed and drawn in the browser by ``web/shooters.js`` and
``web/shot_simulation.js``). ``shooters_lines`` and ``simulation_lines`` are the readouts that both
they and the older kernel-drawn explorers (kept as the latency benchmark's baseline, in ``LEGACY``)
must show. The simulation's shots come from ``helpers.experiments.simulate_shots``, a counter-based
hash that the browser computes bit for bit: the live explorer draws the very shots that the
notebook prints.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import ipywidgets as widgets
import numpy as np
import traitlets
from matplotlib.ticker import FuncFormatter, NullLocator

from helpers.experiments import simulate_shots
from helpers.explorers._base import Explorer, register
from helpers.explorers.live import LiveExplorer
from helpers.info import binary_entropy, running_plugin_entropy
from helpers.plots import PALETTE, label_axes, new_figure

__all__ = ["SHOT_COUNTS", "shooters_state", "shooters_lines", "simulation_state", "simulation_lines",
           "ShootersLive", "ShotSimulationLive", "shooters_explorer", "shot_simulation_explorer"]

# The article's shooters: A (小明) hits with probability 0.1, B (小王) with 0.999.
P_A, P_B = 0.1, 0.999
_CURVE = np.linspace(0.0, 1.0, 201)
# The simulation's choices of n (a log scale: each step multiplies n by about 2 or 2.5).
SHOT_COUNTS: tuple[int, ...] = (10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000,
                                20_000, 50_000, 100_000)
_MAX_POINTS = 300  # points drawn of a running curve (log-spaced), whatever n is
SEED_MAX = 20      # the seed slider runs over 0, 1, ..., 20
P_STEP = 0.001     # the hit-probability sliders' step (0.100 and 0.999 are on the grid)


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


def _num(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals exactly as the browser's ``fmt`` writes it: JavaScript's
    ``toFixed`` (an exact tie rounds away from zero, as k / n can be: 625 / 20000 = 0.03125),
    never "-0.0000"."""
    text = str(Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def _signed(value: float, digits: int) -> str:
    """A difference with its sign: "+0.0123", "-0.0123", or "0.0000" when it rounds to zero."""
    text = _num(value, digits)
    return text if text.startswith("-") or not text.strip("0.") else "+" + text


def shooters_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the shooters explorer for a state of ``shooters_state``."""
    lines = []
    for who, p, hb, hn in zip(("A (小明)", "B (小王)"), state["p"], state["H_bits"], state["H_nats"]):
        lines.append(f"Shooter {who}: P(hit) = {_num(p, 3)}, P(miss) = {_num(1 - p, 3)}, "
                     f"H = {_num(hb, 4)} bits = {_num(hn, 4)} nats")
    ha, hb = state["H_bits"]
    if abs(ha - hb) < 5e-5:
        lines.append("Both outcomes are equally uncertain.")
    else:
        more = "A" if ha > hb else "B"
        lines.append(f"Shooter {more}'s next shot is the more uncertain, by {_num(abs(ha - hb), 4)} bits.")
    return lines


def simulation_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the simulation explorer for a state of ``simulation_state``."""
    lines = [f"n = {state['n']} shots each, seed {state['seed']}"]
    for who, k, f, hp, ht in zip("AB", state["hits"], state["freq"], state["H_plugin"], state["H_true"]):
        lines.append(f"Shooter {who}: {k} hits, frequency {_num(f, 4)}; plug-in H = {_num(hp, 4)} bits, "
                     f"true H = {_num(ht, 4)} bits, off by {_signed(hp - ht, 4)} bits")
    return lines


def _p_spec(name: str, who: str) -> dict[str, Any]:
    return {"name": name, "label": f"{who}: P(hit)", "kind": "range", "min": 0.0, "max": 1.0, "step": P_STEP,
            "digits": 3}


def _check_probability(proposal: dict[str, Any]) -> float:
    value = proposal["value"]
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not 0.0 <= float(value) <= 1.0:   # also refuses nan
        raise traitlets.TraitError(f"{proposal['trait'].name}: a hit probability must lie in [0, 1], got {value!r}")
    return float(value)


class ShootersLive(LiveExplorer):
    """Both shooters' hit probabilities on sliders; outcome bars and the entropy curve, in the browser."""

    name = "shooters"
    script = "shooters.js"
    title = "Two shooters: hit probabilities and entropy"
    specs = (_p_spec("p_a", "A"), _p_spec("p_b", "B"))

    p_a = traitlets.Any(P_A).tag(sync=True)   # Any: the check below refuses what Float would cast (True)
    p_b = traitlets.Any(P_B).tag(sync=True)

    @traitlets.validate("p_a", "p_b")
    def _check_p(self, proposal: dict[str, Any]) -> float:
        return _check_probability(proposal)

    def reference(self) -> list[str]:
        return shooters_lines(shooters_state(self.p_a, self.p_b))


class ShotSimulationLive(LiveExplorer):
    """p_A, p_B, the number of shots n and the seed; the running plug-in entropy against the truth,
    simulated and drawn in the browser with the same shots as ``helpers.experiments.simulate_shots``.

    ``n`` is a choice among ``SHOT_COUNTS``, held as its text ("1000"; an int is accepted and stored
    as text); ``seed`` is a whole number from 0 to 20.
    """

    name = "shot-simulation"
    script = "shot_simulation.js"
    title = "Simulated shots: the plug-in entropy approaches the truth"
    specs = (
        _p_spec("p_a", "A"), _p_spec("p_b", "B"),
        {"name": "n", "label": "shots n", "kind": "select", "options": [str(c) for c in SHOT_COUNTS]},
        {"name": "seed", "label": "seed", "kind": "range", "min": 0, "max": SEED_MAX, "step": 1, "digits": 0},
    )

    p_a = traitlets.Any(P_A).tag(sync=True)   # Any: the check below refuses what Float would cast (True)
    p_b = traitlets.Any(P_B).tag(sync=True)
    n = traitlets.Any("1000").tag(sync=True)
    seed = traitlets.Any(0).tag(sync=True)

    @traitlets.validate("p_a", "p_b")
    def _check_p(self, proposal: dict[str, Any]) -> float:
        return _check_probability(proposal)

    @traitlets.validate("n")
    def _check_n(self, proposal: dict[str, Any]) -> str:
        value = proposal["value"]
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            value = str(int(value))
        if not isinstance(value, str) or value not in {str(c) for c in SHOT_COUNTS}:
            raise traitlets.TraitError(f"n: must be one of {SHOT_COUNTS} (or its text), got {proposal['value']!r}")
        return value

    @traitlets.validate("seed")
    def _check_seed(self, proposal: dict[str, Any]) -> int:
        value = proposal["value"]
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
                or not float(value).is_integer() or not 0 <= value <= SEED_MAX:   # also refuses nan
            raise traitlets.TraitError(f"seed: must be a whole number from 0 to {SEED_MAX}, got {value!r}")
        return int(value)

    def state_now(self) -> dict[str, Any]:
        """``simulation_state`` for the current control values."""
        return simulation_state(self.p_a, self.p_b, int(self.n), self.seed)

    def reference(self) -> list[str]:
        return simulation_lines(self.state_now())


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
        return shooters_lines(state)


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
        return simulation_lines(state)


@register("shooters")
def shooters_explorer() -> ShootersLive:
    """Show both shooters' outcome bars and entropies, with a slider for each hit probability, live in
    the browser."""
    return ShootersLive()


@register("shot-simulation")
def shot_simulation_explorer() -> ShotSimulationLive:
    """Show the seeded simulation: plug-in entropy of the first m shots against the true entropy, live
    in the browser."""
    return ShotSimulationLive()


# The kernel-drawn explorers, kept only as the latency benchmark's baseline.
LEGACY: dict[str, type[Explorer]] = {"shooters": ShootersExplorer, "shot-simulation": ShotSimulationExplorer}
