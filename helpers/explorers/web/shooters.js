// Notebook 03's live explorer: the two shooters' outcome bars and their entropies on the curve H(p).
// Computed and drawn in the browser; helpers.explorers.entropy.Shooters.reference() is the
// Python reference of every line of the readout (shooters_state through helpers.info.binary_entropy).

import { PALETTE, svgEl, fmt, t, axes, curve, marker, bars, controlsFrom, frame } from "./draw.js";

const SHOOTERS = [
  { who: "A", hit: PALETTE.blue, miss: PALETTE.sky },
  { who: "B", hit: PALETTE.vermillion, miss: PALETTE.orange },
];
const LN2 = Math.log(2);
const H_GRID = Array.from({ length: 201 }, (_, i) => i / 200);

/** x ln x with 0 ln 0 = 0 (helpers.info._xlogy). */
const xlnx = (x) => (x === 0 ? 0 : x * Math.log(x));
/** H(p) of a yes/no outcome in nats, as helpers.info.binary_entropy (+ 0: never -0). */
const entropyNats = (p) => -(xlnx(p) + xlnx(1 - p)) + 0;
const H_CURVE = H_GRID.map((p) => entropyNats(p) / LN2);

function shootersLines(model, ps) {
  const bits = ps.map((p) => entropyNats(p) / LN2);
  const [bitName, natName] = [t(model, "bits"), t(model, "nats")];
  const names = [t(model, "A (小明)"), t(model, "B (小王)")];
  const lines = SHOOTERS.map((_, i) => t(model, "Shooter {who}: P(hit) = {hit}, P(miss) = {miss}, H = {bits} = {nats}", {
    who: names[i], hit: fmt(ps[i], 3), miss: fmt(1 - ps[i], 3), bits: fmt(bits[i], 4, bitName),
    nats: fmt(entropyNats(ps[i]), 4, natName),
  }));
  const gap = Math.abs(bits[0] - bits[1]);
  lines.push(gap < 5e-5 ? t(model, "Both outcomes are equally uncertain.")
    : t(model, "Shooter {who}'s next shot is the more uncertain, by {gap}.",
      { who: bits[0] > bits[1] ? "A" : "B", gap: fmt(gap, 4, bitName) }));
  return { lines, bits };
}

/** Category labels under the bars at data positions `at` in place of the numeric x ticks (and
 * their vertical grid lines), which mean nothing for categories. */
function categoryTicks(ax, at, names) {
  for (const node of ax.svg.querySelectorAll(".ce-grid text.ce-tick[text-anchor='middle']")) node.remove();
  for (const node of ax.svg.querySelectorAll(".ce-grid line.ce-gridline")) {
    if (node.getAttribute("x1") === node.getAttribute("x2")) node.remove();
  }
  at.forEach((x, i) => {
    svgEl("text", { x: ax.x(x), y: ax.inner.h + 18, "text-anchor": "middle", class: "ce-tick" }, ax.plot)
      .textContent = names[i];
  });
}

function render({ model, el }) {
  const ui = frame(el, model);
  ui.figure.style.display = "grid";
  ui.figure.style.gridTemplateColumns = "repeat(auto-fit, minmax(260px, 1fr))";
  ui.figure.style.gap = "0.5em";
  const size = { width: 360, height: 300 };

  // Left: each shooter's two outcomes as bars, A's pair and B's pair apart.
  const barsAx = axes(ui.figure, {
    ...size, xRange: [-0.6, 4.1], yRange: [0, 1.12], xLabel: t(model, "outcome"), yLabel: t(model, "probability"),
    title: t(model, "Outcome probabilities of each shooter: hit and miss"),
  });
  const at = [0, 1, 2.5, 3.5];
  categoryTicks(barsAx, at, [t(model, "A hit"), t(model, "A miss"), t(model, "B hit"), t(model, "B miss")]);
  const shifted = (dx) => ({ ...barsAx, x: (v) => barsAx.x(v + dx) });
  const setBars = SHOOTERS.map((s, i) => bars(shifted(2.5 * i), 2, { colours: [s.hit, s.miss], width: 0.75 }));
  const barTags = at.map((x) => svgEl("text", {
    x: barsAx.x(x), "text-anchor": "middle", class: "ce-label",
  }, barsAx.plot));

  // Right: the curve H(p) in bits, each shooter marked on it (A a circle, B a square).
  const curveAx = axes(ui.figure, {
    ...size, xRange: [0, 1], yRange: [0, 1.12], xLabel: t(model, "hit probability p"), yLabel: t(model, "H(p) (bits)"),
    title: t(model, "Entropy of one shot, H(p) in bits, with both shooters marked"),
  });
  curve(curveAx, H_GRID, H_CURVE, { colour: PALETTE.black, width: 2 });
  curveAx.plot.lastElementChild.setAttribute("stroke", "currentColor"); // the theme's text colour
  const pointA = marker(curveAx, { colour: PALETTE.blue, radius: 6 });
  const dropB = svgEl("line", {
    stroke: PALETTE.vermillion, "stroke-dasharray": "3 3", "stroke-width": 1.5,
  }, curveAx.plot);
  const squareB = svgEl("rect", { width: 11, height: 11, fill: PALETTE.vermillion, class: "ce-marker" }, curveAx.plot);
  // each name in the theme's text colour, beside its point
  const tags = SHOOTERS.map(() => svgEl("text", { class: "ce-label", "font-weight": "bold" }, curveAx.plot));

  function place(tag, p, h, above) {
    const left = curveAx.x(p) > 0.8 * curveAx.inner.w;
    tag.setAttribute("text-anchor", left ? "end" : "start");
    tag.setAttribute("x", curveAx.x(p) + (left ? -10 : 10));
    tag.setAttribute("y", curveAx.y(h) + (above ? -8 : 18));
  }

  function update() {
    const ps = [Number(model.get("p_a")), Number(model.get("p_b"))];
    const heights = [ps[0], 1 - ps[0], ps[1], 1 - ps[1]];
    setBars[0](heights.slice(0, 2));
    setBars[1](heights.slice(2));
    heights.forEach((h, i) => {
      barTags[i].setAttribute("y", barsAx.y(h) - 5);
      barTags[i].textContent = fmt(h, 3);
    });
    const { lines, bits } = shootersLines(model, ps);
    const bitName = t(model, "bits");
    pointA(ps[0], bits[0]);
    const bx = curveAx.x(ps[1]); const by = curveAx.y(bits[1]);
    squareB.setAttribute("x", bx - 5.5); squareB.setAttribute("y", by - 5.5);
    dropB.setAttribute("x1", bx); dropB.setAttribute("x2", bx);
    dropB.setAttribute("y1", by); dropB.setAttribute("y2", curveAx.inner.h);
    // the two names apart when the points are close: A's above its point, B's below
    const close = Math.abs(ps[0] - ps[1]) < 0.12 && Math.abs(bits[0] - bits[1]) < 0.15;
    SHOOTERS.forEach((s, i) => {
      place(tags[i], ps[i], bits[i], !close || bits[i] > bits[1 - i] || (bits[i] === bits[1 - i] && i === 0));
      tags[i].textContent = t(model, "{who}: {entropy}", { who: s.who, entropy: fmt(bits[i], 4, bitName) });
    });
    const text = ui.readout(lines);
    barsAx.describe(t(model, "Bars: A hits with probability {a_hit} and misses with {a_miss}; "
      + "B hits with {b_hit} and misses with {b_miss}.",
    { a_hit: fmt(ps[0], 3), a_miss: fmt(1 - ps[0], 3), b_hit: fmt(ps[1], 3), b_miss: fmt(1 - ps[1], 3) }));
    curveAx.describe(t(model, "The curve H(p) is 0 at p = 0 and p = 1 and peaks at 1 bit at p = 0.5, symmetric about it. "
      + "A (circle) sits at p = {a_p}, H = {a_h}; B (square) at p = {b_p}, H = {b_h}. {readout}", {
      a_p: fmt(ps[0], 3), a_h: fmt(bits[0], 4, bitName), b_p: fmt(ps[1], 3), b_h: fmt(bits[1], 4, bitName),
      readout: text,
    }));
  }

  controlsFrom(ui.controls, model, update);
  update();
}

export default { render };
