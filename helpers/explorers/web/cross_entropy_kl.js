// Notebook 04's live explorer: q = softmax(z) from three logits against a target p, with H(p),
// H(p, q) and the two KL divergences in a chosen unit. Computed and drawn in the browser;
// helpers.explorers.cross_entropy.CrossEntropyKl.reference() is the Python reference of every
// line of the readout (through helpers.losses.softmax and helpers.info).

import { PALETTE, svgEl, fmt, t, niceTicks, axes, bars, controlsFrom, frame } from "./draw.js";

const XENT_TARGETS = {
  "class 0": [1, 0, 0], "class 1": [0, 1, 0], "class 2": [0, 0, 1], soft: [0.7, 0.2, 0.1],
};
// ln(base): the divisor that turns nats into the unit (helpers._validate.log_scale).
const XENT_SCALES = { nats: 1, bits: Math.log(2), dits: Math.log(10) };
// The strip's scale, in nats, for every unit: the sliders reach at most H(p, q) = 10.69 nats
// (a one-hot target whose logit is -5 while the other two are 5).
const XENT_H_MAX_NATS = 11;

/** softmax(z) with the max subtracted first, renormalised once more (as cross_entropy_state). */
function xentSoftmax(z) {
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const total = e.reduce((a, b) => a + b, 0);
  const q = e.map((v) => v / total);
  const again = q.reduce((a, b) => a + b, 0);
  return q.map((v) => v / again);
}

/** x log y with 0 log anything = 0 (helpers.info._xlogy); x log 0 = -inf for x > 0. */
const xentXlogy = (x, y) => (x === 0 ? 0 : x * Math.log(y));

/** H(p), H(p, q), KL(p || q) and KL(q || p) in the unit of `scale`, summed as helpers.info does. */
function xentMeasures(p, q, scale) {
  let hp = 0; let hpq = 0; let klpq = 0; let klqp = 0;
  for (let i = 0; i < p.length; i += 1) {
    hp += xentXlogy(p[i], p[i]);
    hpq += xentXlogy(p[i], q[i]);
    klpq += xentXlogy(p[i], p[i]) - xentXlogy(p[i], q[i]);
    klqp += xentXlogy(q[i], q[i]) - xentXlogy(q[i], p[i]);
  }
  return { hp: -hp / scale + 0, hpq: -hpq / scale + 0, klpq: klpq / scale + 0, klqp: klqp / scale + 0 };
}

const xentDist = (x, digits) => `(${x.map((v) => fmt(v, digits)).join(", ")})`;

/** Each unit's name, by its code, in the explorer's language: "nats" is 纳特 in Chinese. */
const xentUnitNames = (model) => ({ nats: t(model, "nats"), bits: t(model, "bits"), dits: t(model, "dits") });

/** The readout; `unit` is the unit's name in the explorer's language. */
function xentLines(model, q, p, m, unit) {
  return [
    t(model, "q = softmax(z) = {q}; target p = {p}", { q: xentDist(q, 3), p: xentDist(p, 1) }),
    t(model, "H(p) = {h} (the target's own uncertainty)", { h: fmt(m.hp, 4, unit) }),
    t(model, "H(p, q) = {h} (cross-entropy: the loss)", { h: fmt(m.hpq, 4, unit) }),
    t(model, "KL(p || q) = H(p, q) − H(p) = {kl} (≥ 0, zero only at q = p)", { kl: fmt(m.klpq, 4, unit) }),
    Number.isFinite(m.klqp)
      ? t(model, "KL(q || p) = {kl} (the other order is a different number)", { kl: fmt(m.klqp, 4, unit) })
      : t(model, "KL(q || p) = ∞ (q gives probability to classes p rules out)"),
  ];
}

/** A legend entry: a colour swatch and its text, at pixel (x, y) of the baseline in `parent`. */
function xentKey(parent, x, y, colour, text) {
  svgEl("rect", { x, y: y - 10, width: 12, height: 12, fill: colour }, parent);
  const node = svgEl("text", { x: x + 17, y }, parent);
  node.textContent = text;
}

function render({ model, el }) {
  const ui = frame(el, model);
  const unitNames = xentUnitNames(model);

  // p beside q, class by class: one axes, the two sets of bars shifted either side of each class.
  const ax = axes(ui.figure, {
    xRange: [-0.5, 2.5], yRange: [0, 1.3], xLabel: t(model, "class"), yLabel: t(model, "probability"),
    title: t(model, "The target p beside the model q = softmax(z), class by class"),
  });
  const shifted = (dx) => ({ ...ax, x: (v) => ax.x(v + dx) });
  const pBars = bars(shifted(-0.2), 3, { colours: [PALETTE.blue], width: 0.4 });
  const qBars = bars(shifted(0.2), 3, { colours: [PALETTE.orange], width: 0.4 });
  const qTags = [0, 1, 2].map((i) => svgEl("text", { x: ax.x(i + 0.2), "text-anchor": "middle", class: "ce-label" }, ax.plot));
  xentKey(ax.plot, ax.inner.w / 2 - 140, 16, PALETTE.blue, t(model, "target p"));
  xentKey(ax.plot, ax.inner.w / 2 - 20, 16, PALETTE.orange, t(model, "model q = softmax(z)"));

  // H(p, q) = H(p) + KL(p || q) as one stacked bar, on a scale fixed in nats (so a change of unit
  // changes the tick labels, never the bar).
  const W = 560; const H = 96; const left = 64; const width = 480;
  const strip = svgEl("svg", {
    viewBox: `0 0 ${W} ${H}`, role: "img", class: "ce-plot", preserveAspectRatio: "xMidYMid meet",
  }, ui.figure);
  svgEl("title", {}, strip).textContent = t(model, "The cross-entropy H(p, q) split into H(p) and KL(p || q)");
  const stripDesc = svgEl("desc", {}, strip);
  xentKey(strip, left, 16, PALETTE.green, t(model, "H(p): the target's own uncertainty"));
  xentKey(strip, left + 250, 16, PALETTE.vermillion, t(model, "KL(p || q): the extra price of q"));
  svgEl("text", { x: left - 8, y: 42, "text-anchor": "end" }, strip).textContent = "H(p, q)";
  const hRect = svgEl("rect", { y: 26, height: 22, fill: PALETTE.green }, strip);
  const klRect = svgEl("rect", { y: 26, height: 22, fill: PALETTE.vermillion }, strip);
  const total = svgEl("text", { y: 42 }, strip);
  const ticks = svgEl("g", {}, strip);
  svgEl("line", { x1: left, x2: left + width, y1: 52, y2: 52, class: "ce-axis" }, strip);
  const stripLabel = svgEl("text", { x: left + width / 2, y: 90, "text-anchor": "middle", class: "ce-axis-label" }, strip);
  const px = (nats) => left + (Math.max(nats, 0) / XENT_H_MAX_NATS) * width;
  let tickUnit = "";

  function drawTicks(unit, scale) {
    ticks.replaceChildren();
    for (const tick of niceTicks(0, XENT_H_MAX_NATS / scale, 10)) {
      svgEl("line", { x1: px(tick * scale), x2: px(tick * scale), y1: 52, y2: 57, class: "ce-axis" }, ticks);
      svgEl("text", { x: px(tick * scale), y: 70, "text-anchor": "middle", class: "ce-tick" }, ticks)
        .textContent = String(tick);
    }
    stripLabel.textContent = t(model, "H(p, q) ({unit})", { unit: unitNames[unit] });
    tickUnit = unit;
  }

  function update() {
    const z = [model.get("z0"), model.get("z1"), model.get("z2")];
    const unit = model.get("unit");
    const name = unitNames[unit];
    const scale = XENT_SCALES[unit];
    const p = XENT_TARGETS[model.get("target")];
    const q = xentSoftmax(z);
    const m = xentMeasures(p, q, scale);

    pBars(p);
    qBars(q);
    q.forEach((v, i) => {
      qTags[i].setAttribute("y", ax.y(v) - 5);
      qTags[i].textContent = fmt(v, 2);
    });

    if (unit !== tickUnit) drawTicks(unit, scale);
    const split = px(m.hp * scale);
    const end = px(m.hpq * scale);
    hRect.setAttribute("x", left);
    hRect.setAttribute("width", split - left);
    klRect.setAttribute("x", split);
    klRect.setAttribute("width", Math.max(end - split, 0));
    const nearRight = end > left + width - 90;
    total.setAttribute("x", nearRight ? end - 6 : end + 6);
    total.setAttribute("text-anchor", nearRight ? "end" : "start");
    total.textContent = fmt(m.hpq, 3, name);

    const text = ui.readout(xentLines(model, q, p, m, name));
    ax.describe(t(model, "Bars for classes 0, 1 and 2: the target p = {p} in blue beside the model q = {q} in orange. {readout}",
      { p: xentDist(p, 1), q: xentDist(q, 3), readout: text }));
    stripDesc.textContent = t(model, "One bar of length H(p, q) = {total}: H(p) = {h} in green, then KL(p || q) = {kl} "
      + "in vermillion, on a scale to {top}.", {
      total: fmt(m.hpq, 4, name), h: fmt(m.hp, 4, name), kl: fmt(m.klpq, 4, name),
      top: fmt(XENT_H_MAX_NATS / scale, 2, name),
    });
  }

  controlsFrom(ui.controls, model, update);
  update();
}

export default { render };
