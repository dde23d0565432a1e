// Notebook 01's live explorer "max_likelihood": one constant prediction ŷ for n samples of which k
// are positive; the mean loss as a function of ŷ, lowest at ŷ = k/n. The k slider ends at n:
// lowering n below k pulls k down to n (MaxLikelihood does the same in Python).
// Computed and drawn in the browser; helpers.explorers.likelihood.MaxLikelihood.reference() is
// the Python reference of every line of the readout (the formulas of helpers.losses and helpers.info).

import { PALETTE, svgEl, fmt, t, axes, curve, marker, label, controlsFrom, frame } from "./draw.js";

const GRID_Q = Array.from({ length: 499 }, (_, i) => 0.001 + (i * (0.999 - 0.001)) / 498);
const Y_TOP = 5; // the mean loss at ŷ = 0.01 or 0.99 is at most -ln 0.01 = 4.61 nats: the dot stays in view

/** L(q) = -[k log q + (n - k) log(1 - q)] in nats, with 0 log 0 = 0 (helpers.losses.constant_prediction_loss). */
function totalLoss(q, k, n) {
  return -((k > 0 ? k * Math.log(q) : 0) + (n - k > 0 ? (n - k) * Math.log1p(-q) : 0));
}

const xlogx = (p) => (p > 0 ? p * Math.log(p) : 0);
/** H(p) = -p ln p - (1 - p) ln(1 - p), nats (helpers.info.binary_entropy). */
const binaryEntropy = (p) => -(xlogx(p) + xlogx(1 - p)) + 0;

/**
 * k/n with `digits` decimals, rounded as Python's format rounds: an exact tie (k/n = 1/32 =
 * 0.03125 at 4 decimals) goes to the even digit (0.0312), where toFixed would round it up.
 * Exact in integers: k * 10^digits <= 50 * 10^4.
 */
function fmtRatio(k, n, digits) {
  const scaled = k * 10 ** digits;
  let q = Math.floor(scaled / n);
  const twice = 2 * (scaled - q * n);
  if (twice > n || (twice === n && q % 2 === 1)) q += 1;
  return (q / 10 ** digits).toFixed(digits);
}

function readoutLines(model, yHat, k, n, total, bestMean) {
  const nats = t(model, "nats");
  return [
    t(model, "ŷ = {y_hat} for all n = {n} samples, k = {k} of them positive", { y_hat: fmt(yHat, 2), n, k }),
    t(model, "total loss = {total}; mean = {mean} per sample",
      { total: fmt(total, 4, nats), mean: fmt(total / n, 4, nats) }),
    t(model, "minimum at ŷ = k/n = {best}: mean loss {loss}", { best: fmtRatio(k, n, 4), loss: fmt(bestMean, 4, nats) }),
  ];
}

/** Clip what is drawn in `ax.plot` at the top of the axes (the curve runs off it); a margin on
 * the other sides keeps a marker at k/n = 0 or 1, or at the bottom, whole. */
function clipToAxes(ax) {
  const id = `ce-clip-${Math.random().toString(36).slice(2, 9)}`;
  const defs = svgEl("defs", {}, ax.svg);
  const clip = svgEl("clipPath", { id }, defs);
  svgEl("rect", { x: -8, y: -2, width: ax.inner.w + 16, height: ax.inner.h + 10 }, clip);
  ax.plot.setAttribute("clip-path", `url(#${id})`);
}

function render({ model, el }) {
  const ui = frame(el, model);
  const ax = axes(ui.figure, {
    width: 640, height: 320, xRange: [0, 1], yRange: [0, Y_TOP],
    xLabel: t(model, "constant prediction ŷ   (dashed: k/n; dot: your ŷ)"), yLabel: t(model, "mean loss (nats per sample)"),
    title: t(model, "Mean loss of one constant prediction ŷ for n samples, k of them positive"),
  });
  clipToAxes(ax);
  const bestLine = svgEl("line", {
    y1: 0, y2: ax.inner.h, stroke: PALETTE.green, "stroke-width": 2, "stroke-dasharray": "7 5",
  }, ax.plot);
  const line = curve(ax, GRID_Q, GRID_Q.map(() => 0), { colour: PALETTE.blue });
  const bestDot = svgEl("circle", { r: 4.5, fill: PALETTE.green, class: "ce-marker" }, ax.plot);
  const bestTag = label(ax, { colour: PALETTE.green });
  const point = marker(ax);
  const tag = label(ax);
  const inputs = controlsFrom(ui.controls, model, update);
  const kInput = inputs.find((input) => input.dataset.name === "k");

  function update() {
    const n = model.get("n");
    let k = model.get("k");
    if (kInput.max !== String(n)) kInput.max = String(n); // the k slider ends at n
    if (k > n) { // fewer samples than positives: k follows n down (its slider shows it too)
      k = n;
      model.set("k", n);
      model.save_changes();
    }
    const yHat = model.get("y_hat");
    const total = totalLoss(yHat, k, n);
    const best = k / n;
    const bestMean = binaryEntropy(best);
    line(GRID_Q.map((q) => totalLoss(q, k, n) / n));
    bestLine.setAttribute("x1", ax.x(best));
    bestLine.setAttribute("x2", ax.x(best));
    bestDot.setAttribute("cx", ax.x(best));
    bestDot.setAttribute("cy", ax.y(bestMean));
    bestTag(best, 0.9 * Y_TOP, `k/n = ${fmtRatio(k, n, 2)}`);
    point(yHat, total / n);
    const nats = t(model, "nats");
    tag(yHat, total / n, fmt(total / n, 3, nats));
    const text = ui.readout(readoutLines(model, yHat, k, n, total, bestMean));
    const edge = k === 0 ? t(model, " (k = 0: it falls to 0 at ŷ = 0)")
      : k === n ? t(model, " (k = n: it falls to 0 at ŷ = 1)") : "";
    ax.describe(t(model, "The mean loss of predicting ŷ for all {n} samples, {k} of them positive, against ŷ from 0 to 1: "
      + "a valley whose lowest point, {lowest}, is at the dashed line ŷ = k/n = {best}{edge}. "
      + "The dot is your ŷ = {y_hat}, at {loss}. The k slider ends at n. {readout}", {
      n, k, lowest: fmt(bestMean, 3, nats), best: fmtRatio(k, n, 2), edge, y_hat: fmt(yHat, 2),
      loss: fmt(total / n, 3, nats), readout: text,
    }));
  }

  update();
}

export default { render };
