"""Notebook 04's explorer: move the model distribution q over the simplex and watch H(p, q) and KL.

Three logit sliders give q = softmax(z); a dropdown picks the target p (a true class, that is a
one-hot p, or a soft target); another picks the unit. The readout shows H(p), H(p, q),
KL(p || q) = H(p, q) - H(p) and, to show the asymmetry, KL(q || p); a bar chart shows p beside q.

``cross_entropy_kl()`` shows the live explorer (``CrossEntropyKl``: computed and drawn in
the browser by ``web/cross_entropy_kl.js``); ``cross_entropy_lines`` is the readout it must show.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import traitlets

from helpers import info
from helpers.explorers.fmt import fmt
from helpers.explorers.live import LiveExplorer, Value, translated
from helpers.i18n import N_, tr
from helpers.losses import softmax

__all__ = ["cross_entropy_kl", "cross_entropy_state", "cross_entropy_lines", "CrossEntropyKl"]

# The targets the dropdown offers: a true class (one-hot p) or a soft target. Each option's code is
# also the template of its text ("class 0" shows as 类别 0 in Chinese), and so is each unit's.
_TARGETS: dict[str, tuple[float, float, float]] = {
    N_("class 0"): (1.0, 0.0, 0.0),
    N_("class 1"): (0.0, 1.0, 0.0),
    N_("class 2"): (0.0, 0.0, 1.0),
    N_("soft"): (0.7, 0.2, 0.1),
}
_BASES: dict[str, float | None] = {N_("nats"): None, N_("bits"): 2, N_("dits"): 10}
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


def _fmt_dist(x: np.ndarray, digits: int = 3) -> str:
    return "(" + ", ".join(fmt(v, digits) for v in x) + ")"


def cross_entropy_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the cross-entropy explorer for a state of ``cross_entropy_state`` (plain text)."""
    u = translated(state["unit"])   # the unit's name: "nats" is 纳特 in Chinese
    kl_qp = state["KL_qp"]
    reverse = (tr("KL(q || p) = ∞ (q gives probability to classes p rules out)") if math.isinf(kl_qp)
               else tr("KL(q || p) = {kl} (the other order is a different number)", kl=fmt(kl_qp, 4, u)))
    return [
        tr("q = softmax(z) = {q}; target p = {p}", q=_fmt_dist(state["q"]), p=_fmt_dist(state["p"], 1)),
        tr("H(p) = {h} (the target's own uncertainty)", h=fmt(state["H_p"], 4, u)),
        tr("H(p, q) = {h} (cross-entropy: the loss)", h=fmt(state["H_pq"], 4, u)),
        tr("KL(p || q) = H(p, q) − H(p) = {kl} (≥ 0, zero only at q = p)", kl=fmt(state["KL_pq"], 4, u)),
        reverse,
    ]


# Each logit slider's label, by class.
_LOGIT_LABELS = (N_("logit z0"), N_("logit z1"), N_("logit z2"))


def _logit_spec(i: int) -> dict[str, Any]:
    return {"name": f"z{i}", "label": _LOGIT_LABELS[i], "kind": "range", "min": Z_MIN, "max": Z_MAX,
            "step": Z_STEP, "digits": 1}


class CrossEntropyKl(LiveExplorer):
    """q = softmax(z) against a target p: three logit sliders, a target and a unit; drawn in the browser."""

    name = "cross_entropy_kl"
    title = N_("Cross-entropy and KL: move q with the logits")
    specs = (
        _logit_spec(0), _logit_spec(1), _logit_spec(2),
        {"name": "target", "label": N_("target p"), "kind": "select", "options": list(_TARGETS)},
        {"name": "unit", "label": N_("unit"), "kind": "select", "options": list(_BASES)},
    )
    messages = (
        N_("q = softmax(z) = {q}; target p = {p}"),
        N_("H(p) = {h} (the target's own uncertainty)"),
        N_("H(p, q) = {h} (cross-entropy: the loss)"),
        N_("KL(p || q) = H(p, q) − H(p) = {kl} (≥ 0, zero only at q = p)"),
        N_("KL(q || p) = {kl} (the other order is a different number)"),
        N_("KL(q || p) = ∞ (q gives probability to classes p rules out)"),
        N_("class"), N_("probability"),
        N_("The target p beside the model q = softmax(z), class by class"),
        N_("model q = softmax(z)"),
        N_("The cross-entropy H(p, q) split into H(p) and KL(p || q)"),
        N_("H(p): the target's own uncertainty"), N_("KL(p || q): the extra price of q"),
        N_("H(p, q) ({unit})"),
        N_("Bars for classes 0, 1 and 2: the target p = {p} in blue beside the model q = {q} in orange. {readout}"),
        N_("One bar of length H(p, q) = {total}: H(p) = {h} in green, then KL(p || q) = {kl} in vermillion, on a "
           "scale to {top}."),
    )

    z0 = traitlets.Float(Z_START[0]).tag(sync=True)
    z1 = traitlets.Float(Z_START[1]).tag(sync=True)
    z2 = traitlets.Float(Z_START[2]).tag(sync=True)
    target = Value("class 0").tag(sync=True)   # not Unicode: the check below names the control
    unit = Value("nats").tag(sync=True)

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


def cross_entropy_kl() -> CrossEntropyKl:
    """Move q = softmax(z) over the simplex against a chosen target p; read H(p), H(p, q) and KL, live
    in the browser."""
    return CrossEntropyKl()
