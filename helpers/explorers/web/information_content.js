// Notebook 02's live explorer: the information content I(p) = -log_b p over p, in a chosen unit.
// Computed and drawn in the browser; helpers.explorers.information.InformationContent.reference() is the
// Python reference of every line of the readout.

import { PALETTE, fmt, axes, curve, marker, label, controlsFrom, frame } from "./draw.js";

const UNIT_BASES = { bits: 2, nats: Math.E, dits: 10 };
const P_MIN = 0.005;
const GRID = Array.from({ length: 200 }, (_, i) => P_MIN + (i * (1 - P_MIN)) / 199);

const information = (p, base) => (p === 1 ? 0 : -Math.log(p) / Math.log(base));

function readoutLines(p, unit) {
  const inUnits = Object.fromEntries(Object.entries(UNIT_BASES).map(([u, b]) => [u, information(p, b)]));
  const lines = [
    `p = ${fmt(p, 3)}: I = ${fmt(inUnits[unit], 4, unit)}`,
    `the same in every unit: ${fmt(inUnits.bits, 4, "bits")} = ${fmt(inUnits.nats, 4, "nats")} = ${fmt(inUnits.dits, 4, "dits")}`,
  ];
  lines.push(p < 1 ? `as surprising as ${fmt(inUnits.bits, 2)} fair coin flips all landing heads`
    : "a certain event: no surprise, no information");
  return lines;
}

function render({ model, el }) {
  const ui = frame(el, model);
  const ax = axes(ui.figure, {
    xRange: [0, 1.02], yRange: [0, 8], xLabel: "probability p of the event", yLabel: "I(p) (bits)",
    title: "Information content I(p) = −log p",
  });
  const line = curve(ax, GRID, GRID.map(() => 0), { colour: PALETTE.blue });
  const point = marker(ax);
  const tag = label(ax);

  function update() {
    const p = model.get("p");
    const unit = model.get("unit");
    const base = UNIT_BASES[unit];
    const top = information(P_MIN, base);
    ax.setY([-0.03 * top, 1.08 * top], `I(p) (${unit})`);
    line(GRID.map((q) => information(q, base)));
    const value = information(p, base);
    point(p, value);
    tag(p, value, fmt(value, 3, unit));
    const text = ui.readout(readoutLines(p, unit));
    ax.describe(`The curve I(p) falls from ${fmt(top, 2, unit)} at p = ${P_MIN} to 0 at p = 1. ${text}`);
  }

  controlsFrom(ui.controls, model, update);
  update();
}

export default { render };
