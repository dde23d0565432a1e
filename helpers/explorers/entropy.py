"""Notebook 03's explorers: the two shooters' outcomes and entropies, and a seeded simulation
of their shots in which the plug-in entropy approaches the true entropy as n grows.

``shooters()`` and ``shot_simulation()`` show the live explorers (``Shooters``
and ``ShotSimulation``: computed and drawn in the browser by ``web/shooters.js`` and
``web/shot_simulation.js``). ``shooters_lines`` and ``simulation_lines`` are the readouts they must
show. The simulation's shots come from ``helpers.experiments.simulate_shots``, a counter-based
hash that the browser computes bit for bit: the live explorer draws the very shots that the
notebook prints.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import traitlets

from helpers.experiments import simulate_shots
from helpers.explorers.fmt import fmt
from helpers.explorers.live import LiveExplorer, Value
from helpers.i18n import N_, tr
from helpers.info import binary_entropy, running_plugin_entropy

__all__ = ["SHOT_COUNTS", "shooters_state", "shooters_lines", "simulation_state", "simulation_lines",
           "Shooters", "ShotSimulation", "shooters", "shot_simulation"]

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
    both = shooters_state(p_a, p_b)
    hits = [simulate_shots(p, n, seed, stream) for stream, p in enumerate(both["p"])]
    running = [running_plugin_entropy(h) for h in hits]
    m = np.unique(np.geomspace(1, n, num=min(n, _MAX_POINTS)).round().astype(int))
    return {
        "p": both["p"], "n": int(n), "seed": int(seed),
        "hits": tuple(int(h.sum()) for h in hits),
        "freq": tuple(float(h.mean()) for h in hits),
        "H_true": both["H_bits"],
        "H_plugin": tuple(float(r[-1]) for r in running),
        "m": m,
        "curves": tuple(r[m - 1] for r in running),
    }


def _signed(value: float, digits: int) -> str:
    """A difference with its sign: "+0.0123", "-0.0123", or "0.0000" when it rounds to zero."""
    text = fmt(value, digits)
    return text if text.startswith("-") or not text.strip("0.") else "+" + text


def shooters_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the shooters explorer for a state of ``shooters_state``."""
    lines = []
    bits, nats = tr("bits"), tr("nats")
    for who, p, hb, hn in zip((tr("A (小明)"), tr("B (小王)")), state["p"], state["H_bits"], state["H_nats"]):
        lines.append(tr("Shooter {who}: P(hit) = {hit}, P(miss) = {miss}, H = {bits} = {nats}", who=who,
                        hit=fmt(p, 3), miss=fmt(1 - p, 3), bits=fmt(hb, 4, bits), nats=fmt(hn, 4, nats)))
    ha, hb = state["H_bits"]
    if abs(ha - hb) < 5e-5:
        lines.append(tr("Both outcomes are equally uncertain."))
    else:
        lines.append(tr("Shooter {who}'s next shot is the more uncertain, by {gap}.", who="A" if ha > hb else "B",
                        gap=fmt(abs(ha - hb), 4, bits)))
    return lines


def simulation_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the simulation explorer for a state of ``simulation_state``."""
    lines = [tr("n = {n} shots each, seed {seed}", n=state["n"], seed=state["seed"])]
    bits = tr("bits")
    for who, k, f, hp, ht in zip("AB", state["hits"], state["freq"], state["H_plugin"], state["H_true"]):
        lines.append(tr("Shooter {who}: {hits} hits, frequency {freq}; plug-in H = {plugin}, true H = {true}, "
                        "off by {off} bits", who=who, hits=k, freq=fmt(f, 4), plugin=fmt(hp, 4, bits),
                        true=fmt(ht, 4, bits), off=_signed(hp - ht, 4)))
    return lines


# Each shooter's hit-probability slider, by shooter.
_P_LABELS = {"A": N_("A: P(hit)"), "B": N_("B: P(hit)")}


def _p_spec(name: str, who: str) -> dict[str, Any]:
    return {"name": name, "label": _P_LABELS[who], "kind": "range", "min": 0.0, "max": 1.0, "step": P_STEP,
            "digits": 3}


def _check_probability(proposal: dict[str, Any]) -> float:
    value = proposal["value"]
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not 0.0 <= float(value) <= 1.0:   # also refuses nan
        raise traitlets.TraitError(f"{proposal['trait'].name}: a hit probability must lie in [0, 1], got {value!r}")
    return float(value)


class Shooters(LiveExplorer):
    """Both shooters' hit probabilities on sliders; outcome bars and the entropy curve, in the browser."""

    name = "shooters"
    title = N_("Two shooters: hit probabilities and entropy")
    specs = (_p_spec("p_a", "A"), _p_spec("p_b", "B"))
    messages = (
        N_("bits"), N_("nats"), N_("A (小明)"), N_("B (小王)"),
        N_("Shooter {who}: P(hit) = {hit}, P(miss) = {miss}, H = {bits} = {nats}"),
        N_("Both outcomes are equally uncertain."),
        N_("Shooter {who}'s next shot is the more uncertain, by {gap}."),
        N_("outcome"), N_("probability"),
        N_("Outcome probabilities of each shooter: hit and miss"),
        N_("A hit"), N_("A miss"), N_("B hit"), N_("B miss"),
        N_("hit probability p"), N_("H(p) (bits)"),
        N_("Entropy of one shot, H(p) in bits, with both shooters marked"),
        N_("{who}: {entropy}"),
        N_("Bars: A hits with probability {a_hit} and misses with {a_miss}; B hits with {b_hit} and misses with {b_miss}."),
        N_("The curve H(p) is 0 at p = 0 and p = 1 and peaks at 1 bit at p = 0.5, symmetric about it. "
           "A (circle) sits at p = {a_p}, H = {a_h}; B (square) at p = {b_p}, H = {b_h}. {readout}"),
    )

    p_a = Value(P_A).tag(sync=True)   # the check below refuses what Float would cast (True)
    p_b = Value(P_B).tag(sync=True)

    @traitlets.validate("p_a", "p_b")
    def _check_p(self, proposal: dict[str, Any]) -> float:
        return _check_probability(proposal)

    def reference(self) -> list[str]:
        return shooters_lines(shooters_state(self.p_a, self.p_b))


class ShotSimulation(LiveExplorer):
    """p_A, p_B, the number of shots n and the seed; the running plug-in entropy against the truth,
    simulated and drawn in the browser with the same shots as ``helpers.experiments.simulate_shots``.

    ``n`` is a choice among ``SHOT_COUNTS``, held as its text ("1000"; an int is accepted and stored
    as text); ``seed`` is a whole number from 0 to 20.
    """

    name = "shot_simulation"
    title = N_("Simulated shots: the plug-in entropy approaches the truth")
    specs = (
        _p_spec("p_a", "A"), _p_spec("p_b", "B"),
        {"name": "n", "label": N_("shots n"), "kind": "select", "options": [str(c) for c in SHOT_COUNTS]},
        {"name": "seed", "label": N_("seed"), "kind": "range", "min": 0, "max": SEED_MAX, "step": 1, "digits": 0},
    )
    messages = (
        N_("bits"),
        N_("n = {n} shots each, seed {seed}"),
        N_("Shooter {who}: {hits} hits, frequency {freq}; plug-in H = {plugin}, true H = {true}, off by {off} bits"),
        N_("number of shots m (log scale)"), N_("entropy (bits)"),
        N_("Plug-in entropy of the first m shots (solid) against the true entropy (dashed)"),
        N_("shooter A"), N_("shooter B"), N_("plug-in H"), N_("true H"),
        N_("Over m = 1 to {n} shots on a log scale, the plug-in entropy of the first m shots: shooter A in blue "
           "ends at {a_plugin} against a true {a_true} (dashed), shooter B in vermillion at {b_plugin} against "
           "{b_true}. {readout}"),
    )

    p_a = Value(P_A).tag(sync=True)   # the check below refuses what Float would cast (True)
    p_b = Value(P_B).tag(sync=True)
    n = Value("1000").tag(sync=True)
    seed = Value(0).tag(sync=True)

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


def shooters() -> Shooters:
    """Show both shooters' outcome bars and entropies, with a slider for each hit probability, live in
    the browser."""
    return Shooters()


def shot_simulation() -> ShotSimulation:
    """Show the seeded simulation: plug-in entropy of the first m shots against the true entropy, live
    in the browser."""
    return ShotSimulation()
