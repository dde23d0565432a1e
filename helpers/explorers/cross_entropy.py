"""Notebook 04's explorer: move the model distribution q over the simplex and watch H(p, q) and KL.

Three logit sliders give q = softmax(z); a dropdown picks the target p (a true class, that is a
one-hot p, or a soft target); another picks the unit. The readout shows H(p), H(p, q),
KL(p || q) = H(p, q) - H(p) and, to show the asymmetry, KL(q || p); a bar chart shows p beside q.

``cross_entropy_explorer()`` shows the live explorer (``CrossEntropyLive``: computed and drawn in
the browser by ``web/cross_entropy.js``); ``cross_entropy_lines`` is the readout both it and the
older kernel-drawn ``CrossEntropyExplorer`` (kept as the latency benchmark's baseline) must show.
"""
from __future__ import annotations

import math
import re
from typing import Any

import ipywidgets as widgets
import numpy as np
import traitlets

from helpers import info
from helpers.explorers._base import Explorer, register
from helpers.explorers.live import LiveExplorer
from helpers.losses import softmax
from helpers.plots import PALETTE, label_axes, new_figure

__all__ = ["cross_entropy_explorer", "cross_entropy_state", "cross_entropy_lines", "CrossEntropyLive"]

# The targets the dropdown offers: a true class (one-hot p) or a soft target.
_TARGETS: dict[str, tuple[float, float, float]] = {
    "class 0": (1.0, 0.0, 0.0),
    "class 1": (0.0, 1.0, 0.0),
    "class 2": (0.0, 0.0, 1.0),
    "soft": (0.7, 0.2, 0.1),
}
_BASES: dict[str, float | None] = {"nats": None, "bits": 2, "dits": 10}
Z_MIN, Z_MAX, Z_STEP = -5.0, 5.0, 0.1  # the logit sliders' range and step
Z_START = (0.5, -0.4, 0.0)  # q = (0.50, 0.20, 0.30), the article's q1


def cross_entropy_state(z0: float, z1: float, z2: float, target: str = "class 0",
                        unit: str = "nats") -> dict[str, Any]:
    """Everything the explorer shows, from the three logits, the target's name and the unit.

    q = softmax(z); H(p) = -sum p log p; H(p, q) = -sum p log q; KL(p || q) = H(p, q) - H(p);
    KL(q || p) = sum q log(q / p) (inf when q puts probability where p has none).

    Parameters
    ----------
    z0, z1, z2 : float
        The logits of the three classes.
    target : str
        One of 'class 0', 'class 1', 'class 2' (one-hot p) or 'soft' (p = (0.7, 0.2, 0.1)).
    unit : str
        'nats' (natural log), 'bits' (log 2) or 'dits' (log 10).

    Returns
    -------
    dict
        ``z``, ``p``, ``q`` (arrays), ``H_p``, ``H_pq``, ``KL_pq``, ``KL_qp`` (floats), ``unit``, ``target``.
    """
    if target not in _TARGETS:
        raise ValueError(f"target: must be one of {tuple(_TARGETS)}, got {target!r}")
    if unit not in _BASES:
        raise ValueError(f"unit: must be one of {tuple(_BASES)}, got {unit!r}")
    z = np.array([z0, z1, z2], dtype=float)
    if not np.isfinite(z).all():
        raise ValueError(f"z0, z1, z2: logits must be finite numbers, got {tuple(z)}")
    base = _BASES[unit]
    p = np.array(_TARGETS[target])
    q = softmax(z)
    q = q / q.sum()  # exact renormalisation, so the distribution check never trips on rounding
    return {
        "z": z, "p": p, "q": q, "target": target, "unit": unit,
        "H_p": float(info.entropy(p, base)),
        "H_pq": float(info.cross_entropy(p, q, base)),
        "KL_pq": float(info.kl_divergence(p, q, base)),
        "KL_qp": float(info.kl_divergence(q, p, base)),
    }


def _num(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals, never "-0.000" (as ``fmt`` in web/draw.js)."""
    return re.sub(r"^-(0\.0*)$", r"\1", f"{value:.{digits}f}")


def _fmt_dist(x: np.ndarray, digits: int = 3) -> str:
    return "(" + ", ".join(_num(v, digits) for v in x) + ")"


def cross_entropy_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the cross-entropy explorer for a state of ``cross_entropy_state`` (plain text)."""
    u = state["unit"]
    kl_qp = state["KL_qp"]
    reverse = ("∞ (q gives probability to classes p rules out)" if math.isinf(kl_qp)
               else f"{_num(kl_qp, 4)} {u} (the other order is a different number)")
    return [
        f"q = softmax(z) = {_fmt_dist(state['q'])}; target p = {_fmt_dist(state['p'], 1)}",
        f"H(p) = {_num(state['H_p'], 4)} {u} (the target's own uncertainty)",
        f"H(p, q) = {_num(state['H_pq'], 4)} {u} (cross-entropy: the loss)",
        f"KL(p || q) = H(p, q) − H(p) = {_num(state['KL_pq'], 4)} {u} (≥ 0, zero only at q = p)",
        f"KL(q || p) = {reverse}",
    ]


def _logit_spec(i: int) -> dict[str, Any]:
    return {"name": f"z{i}", "label": f"logit z{i}", "kind": "range", "min": Z_MIN, "max": Z_MAX,
            "step": Z_STEP, "digits": 1}


class CrossEntropyLive(LiveExplorer):
    """q = softmax(z) against a target p: three logit sliders, a target and a unit; drawn in the browser."""

    name = "cross-entropy"
    script = "cross_entropy.js"
    title = "Cross-entropy and KL: move q with the logits"
    specs = (
        _logit_spec(0), _logit_spec(1), _logit_spec(2),
        {"name": "target", "label": "target p", "kind": "select", "options": list(_TARGETS)},
        {"name": "unit", "label": "unit", "kind": "select", "options": list(_BASES)},
    )

    z0 = traitlets.Float(Z_START[0]).tag(sync=True)
    z1 = traitlets.Float(Z_START[1]).tag(sync=True)
    z2 = traitlets.Float(Z_START[2]).tag(sync=True)
    target = traitlets.Unicode("class 0").tag(sync=True)
    unit = traitlets.Unicode("nats").tag(sync=True)

    @traitlets.validate("z0", "z1", "z2")
    def _check_logit(self, proposal: dict[str, Any]) -> float:
        z = float(proposal["value"])
        if not Z_MIN <= z <= Z_MAX:  # also refuses nan
            raise traitlets.TraitError(f"{proposal['trait'].name}: must lie in [{Z_MIN:g}, {Z_MAX:g}], got {z!r}")
        return z

    @traitlets.validate("target")
    def _check_target(self, proposal: dict[str, Any]) -> str:
        if proposal["value"] not in _TARGETS:
            raise traitlets.TraitError(f"target: must be one of {tuple(_TARGETS)}, got {proposal['value']!r}")
        return str(proposal["value"])

    @traitlets.validate("unit")
    def _check_unit(self, proposal: dict[str, Any]) -> str:
        if proposal["value"] not in _BASES:
            raise traitlets.TraitError(f"unit: must be one of {tuple(_BASES)}, got {proposal['value']!r}")
        return str(proposal["value"])

    def reference(self) -> list[str]:
        return cross_entropy_lines(cross_entropy_state(self.z0, self.z1, self.z2, self.target, self.unit))


class CrossEntropyExplorer(Explorer):
    """Logit sliders for q, dropdowns for the target p and the unit, p and q as bars."""

    name = "cross-entropy"

    def __init__(self) -> None:
        fig, ax = new_figure(figsize=(6.0, 3.2))
        x = np.arange(3)
        self._p_bars = ax.bar(x - 0.2, [1.0, 0.0, 0.0], width=0.4, color=PALETTE["blue"],
                              label="target p")
        self._q_bars = ax.bar(x + 0.2, [1 / 3] * 3, width=0.4, color=PALETTE["orange"],
                              label="model q = softmax(z)")
        self._q_text = [ax.text(i + 0.2, 0.0, "", ha="center", va="bottom", fontsize=9) for i in x]
        ax.set_xticks(x, ["class 0", "class 1", "class 2"])
        ax.set_ylim(0, 1.32)
        ax.set_yticks(np.linspace(0, 1, 6))
        ax.legend(loc="upper center", ncol=2, fontsize=9)
        self._ax = ax
        label_axes(ax, "class", "probability", "H(p, q) = 0.000 nats,  KL(p || q) = 0.000 nats")
        fig.tight_layout()
        style = {"description_width": "initial"}
        layout = widgets.Layout(width="420px")
        sliders = {
            f"z{i}": widgets.FloatSlider(value=v, min=Z_MIN, max=Z_MAX, step=Z_STEP, readout_format=".1f",
                                         description=f"logit z{i} (class {i})", style=style,
                                         layout=layout, continuous_update=True)
            for i, v in enumerate(Z_START)
        }
        target = widgets.Dropdown(
            options=[("true class 0: p = (1, 0, 0)", "class 0"), ("true class 1: p = (0, 1, 0)", "class 1"),
                     ("true class 2: p = (0, 0, 1)", "class 2"), ("soft target: p = (0.7, 0.2, 0.1)", "soft")],
            value="class 0", description="target p", style=style, layout=layout)
        unit = widgets.Dropdown(options=[("nats (ln)", "nats"), ("bits (log2)", "bits"), ("dits (log10)", "dits")],
                                value="nats", description="unit", style=style, layout=layout)
        super().__init__({**sliders, "target": target, "unit": unit}, fig,
                         title="Cross-entropy and KL: move q with the logits")

    def compute(self, z0: float, z1: float, z2: float, target: str, unit: str) -> dict[str, Any]:
        return cross_entropy_state(z0, z1, z2, target, unit)

    def draw(self, state: dict[str, Any]) -> None:
        for bar, height in zip(self._p_bars, state["p"]):
            bar.set_height(height)
        for bar, text, height in zip(self._q_bars, self._q_text, state["q"]):
            bar.set_height(height)
            text.set_y(height + 0.01)
            text.set_text(f"{height:.2f}")
        self._ax.set_title(f"H(p, q) = {state['H_pq']:.3f} {state['unit']},  "
                           f"KL(p || q) = {state['KL_pq']:.3f} {state['unit']}")

    def describe(self, state: dict[str, Any]) -> list[str]:
        return cross_entropy_lines(state)


@register("cross-entropy")
def cross_entropy_explorer() -> CrossEntropyLive:
    """Move q = softmax(z) over the simplex against a chosen target p; read H(p), H(p, q) and KL, live
    in the browser."""
    return CrossEntropyLive()


# The kernel-drawn explorer, kept only as the latency benchmark's baseline.
LEGACY: dict[str, type[Explorer]] = {"cross-entropy": CrossEntropyExplorer}
