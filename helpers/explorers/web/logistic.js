// Notebook 01's live explorer "logistic": sliders for w and b move the sigmoid ŷ = g(w x + b)
// over eight labelled points; bars show each point's loss, the readout the total and the mean (nats).
// Computed and drawn in the browser; helpers.explorers.likelihood.Logistic.reference() is the
// Python reference of every line of the readout (the same formulas as helpers.losses).

import { PALETTE, svgEl, fmt, t, axes, curve, controlsFrom, frame } from "./draw.js";

const DEMO_X = [-2.2, -1.4, -0.8, -0.3, 0.2, 0.7, 1.3, 2.0];
const DEMO_Y = [0, 0, 1, 0, 1, 0, 1, 1];
const X_RANGE = [-3, 3];
const GRID_X = Array.from({ length: 121 }, (_, i) => X_RANGE[0] + (i * (X_RANGE[1] - X_RANGE[0])) / 120);
const LOSS_TOP = 5; // the loss axis ends here (nats); taller bars are cut and labelled
const BAR_WIDTH = 0.34; // in units of x: the closest two points are 0.5 apart
const TIE = 1e-9; // losses this close (relatively) to the largest tie for the worst point: the leftmost wins

/** g(s) = 1 / (1 + e^(-s)) as e^(-|s|) ratios, as helpers.losses.sigmoid computes it. */
function sigmoid(s) {
  const e = Math.exp(-Math.abs(s));
  return s >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** -[y log g(s) + (1 - y) log(1 - g(s))] in the with-logits form of helpers.losses: never log(0). */
function pointLoss(s, y) {
  return (1 - y) * s + (Math.log1p(Math.exp(-Math.abs(s))) + Math.max(-s, 0));
}

function logisticState(w, b) {
  const s = DEMO_X.map((x) => w * x + b);
  const yHat = s.map(sigmoid);
  const losses = s.map((si, i) => pointLoss(si, DEMO_Y[i]));
  const total = losses.reduce((acc, l) => acc + l, 0);
  const largest = Math.max(...losses);
  const worst = losses.findIndex((l) => l >= largest * (1 - TIE));
  return { w, b, yHat, losses, total, mean: total / DEMO_X.length, worst };
}

function readoutLines(model, st) {
  const i = st.worst;
  const nats = t(model, "nats");
  return [
    t(model, "w = {w}, b = {b}: ŷ = g(w x + b)", { w: fmt(st.w, 1), b: fmt(st.b, 1) }),
    t(model, "total loss (sum over {count} points) = {total}; mean = {mean} per point",
      { count: DEMO_X.length, total: fmt(st.total, 4, nats), mean: fmt(st.mean, 4, nats) }),
    t(model, "worst point: x = {x}, y = {y}, ŷ = {y_hat}, loss = {loss}",
      { x: fmt(DEMO_X[i], 1), y: DEMO_Y[i], y_hat: fmt(st.yHat[i], 3), loss: fmt(st.losses[i], 4, nats) }),
  ];
}

function shapeText(model, w, b) {
  if (w === 0) return t(model, "is flat at ŷ = {y_hat}", { y_hat: fmt(sigmoid(b), 3) });
  const where = -b / w;
  if (where >= X_RANGE[0] && where <= X_RANGE[1]) {
    const x = fmt(where, 2);
    return w > 0 ? t(model, "rises from left to right, crossing ŷ = 0.5 at x = {x}", { x })
      : t(model, "falls from left to right, crossing ŷ = 0.5 at x = {x}", { x });
  }
  return w > 0 ? t(model, "rises from left to right") : t(model, "falls from left to right");
}

function render({ model, el }) {
  const ui = frame(el, model);
  const colours = DEMO_Y.map((y) => (y === 1 ? PALETTE.blue : PALETTE.vermillion));

  // Top: the sigmoid, the labels (filled dots) and the predictions (rings) at the eight points.
  const top = axes(ui.figure, {
    width: 640, height: 250, xRange: X_RANGE, yRange: [-0.08, 1.08],
    xLabel: t(model, "x   (dots: labels y, blue 1, orange 0; rings: predictions ŷ)"), yLabel: "ŷ = g(w x + b)",
    title: t(model, "The sigmoid ŷ = g(w x + b) over eight labelled points"),
  });
  const gaps = DEMO_X.map((x, i) => svgEl("line", {
    x1: top.x(x), x2: top.x(x), y1: top.y(DEMO_Y[i]), stroke: colours[i], "stroke-width": 1.5,
    "stroke-dasharray": "2 3",
  }, top.plot));
  const sig = curve(top, GRID_X, GRID_X.map(() => 0.5), { colour: PALETTE.green });
  DEMO_X.forEach((x, i) => {
    svgEl("circle", { cx: top.x(x), cy: top.y(DEMO_Y[i]), r: 5.5, fill: colours[i], class: "ce-marker" }, top.plot);
  });
  const rings = DEMO_X.map((x) => svgEl("circle", {
    cx: top.x(x), r: 7.5, fill: "none", stroke: PALETTE.green, "stroke-width": 2, class: "ce-marker",
  }, top.plot));

  // Bottom: each point's loss as a bar under its point, on the same x axis.
  const bottom = axes(ui.figure, {
    width: 640, height: 200, xRange: X_RANGE, yRange: [0, LOSS_TOP],
    xLabel: t(model, "x   (bars: each point's loss, in its label's colour)"), yLabel: t(model, "loss (nats)"),
    title: t(model, "Each point's loss"),
  });
  const rects = DEMO_X.map((x, i) => svgEl("rect", {
    x: bottom.x(x - BAR_WIDTH / 2), width: bottom.x(x + BAR_WIDTH / 2) - bottom.x(x - BAR_WIDTH / 2),
    fill: colours[i], class: "ce-bar",
  }, bottom.plot));
  const overflow = DEMO_X.map((x) => svgEl("text", {
    x: bottom.x(x), y: bottom.y(LOSS_TOP) - 4, "text-anchor": "middle", class: "ce-label",
  }, bottom.plot));

  function update() {
    const st = logisticState(model.get("w"), model.get("b"));
    sig(GRID_X.map((x) => sigmoid(st.w * x + st.b)));
    st.yHat.forEach((q, i) => {
      rings[i].setAttribute("cy", top.y(q));
      gaps[i].setAttribute("y2", top.y(q));
    });
    st.losses.forEach((l, i) => {
      const yTop = bottom.y(Math.min(l, LOSS_TOP));
      rects[i].setAttribute("y", yTop);
      rects[i].setAttribute("height", Math.max(bottom.y(0) - yTop, 0));
      overflow[i].textContent = l > LOSS_TOP ? `▲ ${fmt(l, 1)}` : "";
    });
    const text = ui.readout(readoutLines(model, st));
    const between = t(model, "; ");
    const each = DEMO_X.map((x, i) => t(model, "x = {x} (label {y}): ŷ = {y_hat}",
      { x: fmt(x, 1), y: DEMO_Y[i], y_hat: fmt(st.yHat[i], 3) }));
    top.describe(t(model, "The sigmoid ŷ = g(w x + b) for w = {w}, b = {b} over x from −3 to 3 {shape}. "
      + "Predictions at the eight points: {each}. {readout}",
    { w: fmt(st.w, 1), b: fmt(st.b, 1), shape: shapeText(model, st.w, st.b), each: each.join(between), readout: text }));
    const cut = st.losses.some((l) => l > LOSS_TOP)
      ? t(model, "; the axis ends at {top} nats, taller bars are cut there and labelled", { top: LOSS_TOP }) : "";
    bottom.describe(t(model, "Bars under the points: each point's loss, in nats: {each}{cut}.",
      { each: DEMO_X.map((x, i) => `x = ${fmt(x, 1)}: ${fmt(st.losses[i], 3)}`).join(between), cut }));
  }

  controlsFrom(ui.controls, model, update);
  update();
}

export default { render };
