// Notebook 02's live explorer: the information content I(p) = -log_b p over p, in a chosen unit.
// Computed and drawn in the browser; helpers.explorers.information.InformationContent.reference() is the
// Python reference of every line of the readout.

import { PALETTE, fmt, t, axes, curve, marker, label, controlsFrom, frame } from "./draw.js";

const UNIT_BASES = { bits: 2, nats: Math.E, dits: 10 };
const P_MIN = 0.005;
const GRID = Array.from({ length: 200 }, (_, i) => P_MIN + (i * (1 - P_MIN)) / 199);

const information = (p, base) => (p === 1 ? 0 : -Math.log(p) / Math.log(base));

/** Each unit's name, by its code, in the explorer's language (helpers.explorers.information.unit_names). */
const unitNames = (model) => ({ bits: t(model, "bits"), nats: t(model, "nats"), dits: t(model, "dits") });

function readoutLines(model, p, unit) {
  const inUnits = Object.fromEntries(Object.entries(UNIT_BASES).map(([u, b]) => [u, information(p, b)]));
  const names = unitNames(model);
  const lines = [
    t(model, "p = {p}: I = {info}", { p: fmt(p, 3), info: fmt(inUnits[unit], 4, names[unit]) }),
    t(model, "the same in every unit: {bits} = {nats} = {dits}", {
      bits: fmt(inUnits.bits, 4, names.bits), nats: fmt(inUnits.nats, 4, names.nats), dits: fmt(inUnits.dits, 4, names.dits),
    }),
  ];
  lines.push(p < 1 ? t(model, "as surprising as {flips} fair coin flips all landing heads", { flips: fmt(inUnits.bits, 2) })
    : t(model, "a certain event: no surprise, no information"));
  return lines;
}

function render({ model, el }) {
  const ui = frame(el, model);
  const names = unitNames(model);
  const ax = axes(ui.figure, {
    xRange: [0, 1.02], yRange: [0, 8], xLabel: t(model, "probability p of the event"),
    yLabel: t(model, "I(p) ({unit})", { unit: names.bits }), title: t(model, "Information content I(p) = −log p"),
  });
  const line = curve(ax, GRID, GRID.map(() => 0), { colour: PALETTE.blue });
  const point = marker(ax);
  const tag = label(ax);

  function update() {
    const p = model.get("p");
    const unit = model.get("unit");
    const base = UNIT_BASES[unit];
    const top = information(P_MIN, base);
    ax.setY([-0.03 * top, 1.08 * top], t(model, "I(p) ({unit})", { unit: names[unit] }));
    line(GRID.map((q) => information(q, base)));
    const value = information(p, base);
    point(p, value);
    tag(p, value, fmt(value, 3, names[unit]));
    const text = ui.readout(readoutLines(model, p, unit));
    ax.describe(t(model, "The curve I(p) falls from {top} at p = {p_min} to 0 at p = 1. {readout}",
      { top: fmt(top, 2, names[unit]), p_min: P_MIN, readout: text }));
  }

  controlsFrom(ui.controls, model, update);
  update();
}

export default { render };
