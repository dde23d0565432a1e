"""Notebook 02's explorer: the information content I(p) = -log_b p over p, in a chosen unit.

``information_content()`` shows the live explorer (``InformationContent``: computed and drawn in the
browser by ``web/information_content.js``); ``information_lines`` is the readout it must show.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import traitlets

from helpers import info
from helpers.explorers.fmt import fmt
from helpers.explorers.live import LiveExplorer, Value
from helpers.i18n import N_, tr

__all__ = ["UNIT_BASES", "information_state", "unit_names", "information_lines", "InformationContent", "information_content"]

# The unit of information each log base gives: bits (log2), nats (ln), dits or hartleys (log10).
UNIT_BASES: dict[str, float | None] = {"bits": 2, "nats": None, "dits": 10}

P_MIN = 0.005   # the smallest p on the slider and the curve: I(0.005) = 7.64 bits
P_STEP = 0.005  # 1/8 = 0.125 and 1/2 are both on the slider's grid
_GRID = np.linspace(P_MIN, 1.0, 200)


def information_state(p: float, unit: str = "bits") -> dict[str, Any]:
    """Everything the information explorer shows, for probability ``p`` and a unit name.

    The curve is I(q) = -log_b q for q on a grid over [0.005, 1]; the marked point is
    (p, I(p)); ``in_units`` gives I(p) in all three units (1 nat = 1/ln 2 bits).

    Parameters
    ----------
    p : float
        The event's probability, in (0, 1].
    unit : str
        'bits', 'nats' or 'dits'.
    """
    if unit not in UNIT_BASES:
        raise ValueError(f"unit: must be one of {tuple(UNIT_BASES)}, got {unit!r}")
    p = float(p)
    if not 0.0 < p <= 1.0:
        raise ValueError(f"p: must lie in (0, 1], got {p!r}")
    base = UNIT_BASES[unit]
    return {
        "p": p,
        "unit": unit,
        "grid": _GRID,
        "curve": np.asarray(info.information_content(_GRID, base)),
        "info": float(info.information_content(p, base)),
        "in_units": {name: float(info.information_content(p, b)) for name, b in UNIT_BASES.items()},
        "y_max": float(info.information_content(P_MIN, base)),
    }


def unit_names() -> dict[str, str]:
    """Each unit's name, by its code, in the language in use: "bits" is 比特 in Chinese."""
    return {"bits": tr("bits"), "nats": tr("nats"), "dits": tr("dits")}


def information_lines(state: dict[str, Any]) -> list[str]:
    """The readout of the information explorer for a state of ``information_state``."""
    u = state["in_units"]
    names = unit_names()
    lines = [tr("p = {p}: I = {info}", p=fmt(state["p"], 3), info=fmt(state["info"], 4, names[state["unit"]])),
             tr("the same in every unit: {bits} = {nats} = {dits}", bits=fmt(u["bits"], 4, names["bits"]),
                nats=fmt(u["nats"], 4, names["nats"]), dits=fmt(u["dits"], 4, names["dits"]))]
    if state["p"] < 1.0:
        lines.append(tr("as surprising as {flips} fair coin flips all landing heads", flips=fmt(u["bits"], 2)))
    else:
        lines.append(tr("a certain event: no surprise, no information"))
    return lines


class InformationContent(LiveExplorer):
    """I(p) = -log_b p over p: a slider for p, a choice of unit; drawn in the browser."""

    name = "information_content"
    title = N_("Information content: move p, change the unit")
    # The options are the units' codes; each shows as its name ("bits": 比特 in Chinese).
    specs = (
        {"name": "p", "label": "p", "kind": "range", "min": P_MIN, "max": 1.0, "step": P_STEP, "digits": 3},
        {"name": "unit", "label": N_("unit"), "kind": "select", "options": list(UNIT_BASES)},
    )
    messages = (
        N_("bits"), N_("nats"), N_("dits"),
        N_("p = {p}: I = {info}"),
        N_("the same in every unit: {bits} = {nats} = {dits}"),
        N_("as surprising as {flips} fair coin flips all landing heads"),
        N_("a certain event: no surprise, no information"),
        N_("probability p of the event"),
        N_("I(p) ({unit})"),
        N_("Information content I(p) = −log p"),
        N_("The curve I(p) falls from {top} at p = {p_min} to 0 at p = 1. {readout}"),
    )

    p = traitlets.Float(0.125).tag(sync=True)
    unit = Value("bits").tag(sync=True)   # not Unicode: the check below names the control

    @traitlets.validate("p")
    def _check_p(self, proposal: dict[str, Any]) -> float:
        p = float(proposal["value"])
        if not P_MIN <= p <= 1.0:
            raise traitlets.TraitError(f"p: must lie in [{P_MIN}, 1], got {p!r}")
        return p

    @traitlets.validate("unit")
    def _check_unit(self, proposal: dict[str, Any]) -> str:
        if proposal["value"] not in UNIT_BASES:
            raise traitlets.TraitError(f"unit: must be one of {tuple(UNIT_BASES)}, got {proposal['value']!r}")
        return str(proposal["value"])

    def reference(self) -> list[str]:
        return information_lines(information_state(self.p, self.unit))


def information_content() -> InformationContent:
    """Show I(p) = -log p over p with a slider for p and a choice of unit, live in the browser."""
    return InformationContent()
