// Notebook 06's first live explorer: dL/ds of BCE and of MSE on a sigmoid output as the logit s
// moves, for label 0 or 1. Computed and drawn in the browser;
// helpers.explorers.gradients.LogitGradients.reference() is the Python reference of every line
// of the readout (gradient_curves through helpers.grads and helpers.losses.sigmoid).

import { PALETTE, svgEl, fmt, t, axes, curve, legendKey, controlsFrom, frame } from "./draw.js";

const LG_S_MIN = -8;
const LG_S_MAX = 8;
const LG_GRID = Array.from({ length: 161 }, (_, i) => LG_S_MIN + (i * (LG_S_MAX - LG_S_MIN)) / 160);

/** sigmoid(s) as helpers.losses.sigmoid computes it: e^(-|s|) ratios, so nothing overflows. */
function lgSigmoid(s) {
  const e = Math.exp(-Math.abs(s));
  return s >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** Both gradients at logit s for label y (helpers.grads.bce_logit_grad and mse_logit_grad). */
function lgState(s, y) {
  const yHat = lgSigmoid(s);
  const bce = yHat - y;
  const mse = (yHat - y) * yHat * (1 - yHat);
  return { s, y, yHat, bce, mse, slope: yHat * (1 - yHat) };
}

// The curves of both labels, computed once.
const LG_CURVES = [0, 1].map((y) => {
  const states = LG_GRID.map((s) => lgState(s, y));
  return { bce: states.map((st) => st.bce), mse: states.map((st) => st.mse) };
});

/** A number with its sign, as Python's format "+.4f" writes it ("-0.0000" for a small negative). */
function lgSigned(value, digits) {
  return (value < 0 || Object.is(value, -0) ? "-" : "+") + Math.abs(value).toFixed(digits);
}

function lgLines(model, st) {
  const ratio = st.mse !== 0 ? Math.abs(st.bce) / Math.abs(st.mse) : Infinity;
  return [
    t(model, "s = {s}, y = {y}: ŷ = sigmoid(s) = {y_hat} (probability)",
      { s: fmt(st.s, 1), y: st.y, y_hat: st.yHat.toFixed(4) }),
    t(model, "BCE gradient ŷ − y = {grad} nats per unit of logit", { grad: lgSigned(st.bce, 4) }),
    t(model, "MSE gradient (ŷ − y) ŷ (1 − ŷ) = {grad} per unit of logit (loss ½(ŷ − y)²)", { grad: lgSigned(st.mse, 4) }),
    t(model, "the MSE gradient is the BCE one times ŷ (1 − ŷ) = {slope}: {ratio} times smaller",
      { slope: st.slope.toFixed(4), ratio: Number.isFinite(ratio) ? ratio.toFixed(1) : "inf" }),
  ];
}

function render({ model, el }) {
  const ui = frame(el, model);
  const ax = axes(ui.figure, {
    xRange: [LG_S_MIN, LG_S_MAX], yRange: [-1.1, 1.1], xLabel: t(model, "logit s"),
    yLabel: t(model, "dL/ds (per unit of logit)"),
    title: t(model, "The gradients dL/ds of BCE and of MSE on a sigmoid output, as the logit s moves"),
  });
  // the zero line and the current s, in the theme's text colour
  svgEl("line", { x1: 0, x2: ax.inner.w, y1: ax.y(0), y2: ax.y(0), class: "ce-axis" }, ax.plot);
  const sLine = svgEl("line", { y1: 0, y2: ax.inner.h, class: "ce-axis", "stroke-dasharray": "3 3" }, ax.plot);
  const bceCurve = curve(ax, LG_GRID, LG_CURVES[1].bce, { colour: PALETTE.blue, label: t(model, "BCE gradient") });
  const mseCurve = curve(ax, LG_GRID, LG_CURVES[1].mse, {
    colour: PALETTE.vermillion, dash: "7 4", label: t(model, "MSE gradient"),
  });
  // BCE: a circle; MSE: a square (told apart without colour, as in the kernel-drawn figure)
  const bceDot = svgEl("circle", { r: 6, fill: PALETTE.blue, class: "ce-marker" }, ax.plot);
  const mseDot = svgEl("rect", { width: 11, height: 11, fill: PALETTE.vermillion, class: "ce-marker" }, ax.plot);
  // the upper left stays empty for both labels (the curves lie near 0 there or below the axis)
  const keys = svgEl("g", {}, ax.plot);
  legendKey(keys, 10, 18, PALETTE.blue, "", t(model, "BCE: ŷ − y"));
  legendKey(keys, 10, 38, PALETTE.vermillion, "7 4", t(model, "MSE: (ŷ − y) ŷ (1 − ŷ)"));
  let shownLabel = 1;

  function update() {
    const y = Number(model.get("y"));
    const st = lgState(Number(model.get("s")), y);
    if (y !== shownLabel) {
      bceCurve(LG_CURVES[y].bce);
      mseCurve(LG_CURVES[y].mse);
      shownLabel = y;
    }
    const xs = ax.x(st.s);
    sLine.setAttribute("x1", xs);
    sLine.setAttribute("x2", xs);
    bceDot.setAttribute("cx", xs);
    bceDot.setAttribute("cy", ax.y(st.bce));
    mseDot.setAttribute("x", xs - 5.5);
    mseDot.setAttribute("y", ax.y(st.mse) - 5.5);
    const text = ui.readout(lgLines(model, st));
    ax.describe(t(model, "Two curves over the logit s from -8 to 8 for label y = {y}: the BCE gradient ŷ − y (blue, solid) and "
      + "the MSE gradient (ŷ − y) ŷ (1 − ŷ) (vermillion, dashed); a circle and a square mark their values at "
      + "s = {s}. {readout}", { y, s: fmt(st.s, 1), readout: text }));
  }

  controlsFrom(ui.controls, model, update);
  update();
}

export default { render };
