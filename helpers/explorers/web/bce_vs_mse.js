// Notebook 06's second live explorer: one logistic regression y_hat = sigmoid(w x + b) trained with
// BCE and with MSE by full-batch gradient descent, 200 steps from the same start, on the 40 points
// that Python sends once (trait "data": experiments.toy_data()). Both runs are computed here for
// every setting; helpers.explorers.gradients.BceVsMse.reference() is the Python reference of
// every line of the readout (helpers.experiments.training_comparison). The arithmetic follows
// NumPy's: the same formulas in the same order, and its means summed the way NumPy sums (below).

import { PALETTE, svgEl, fmt, t, axes, curve, legendKey, controlsFrom, frame } from "./draw.js";

const BVM_STEPS = 200;
const BVM_LOSSES = ["bce", "mse"];
// 2^0, 2^(1/4), 2^(1/2), 2^(3/4), written as Python writes them (gradients._QUARTER_POWERS):
// lr = 2^e is one of these times a power of two, an exact product, the same lr as Python's.
// biome-ignore lint/suspicious/noApproximativeNumericConstant: Python's digits, compared as text by the tests
const BVM_QUARTER_POWERS = [1, 1.189207115002721, 1.4142135623730951, 1.681792830507429];

/** The learning rate 2^e for an exponent e on the slider's grid of quarters (gradients.learning_rate). */
function bvmLearningRate(e) {
  const q = Math.round(e * 4);
  if (q !== e * 4) return 2 ** e;
  const k = ((q % 4) + 4) % 4;
  return BVM_QUARTER_POWERS[k] * 2 ** ((q - k) / 4);
}

/** sum(a[lo], ..., a[lo + n - 1]) in NumPy's order (pairwise_sum: eight running sums for up to
 * 128 numbers, combined in pairs; longer runs split in two). The threshold "below 1 nat" and the
 * printed means then come out of the very same additions as in Python. */
function bvmSum(a, lo = 0, n = a.length) {
  if (n < 8) {
    let res = 0;
    for (let i = lo; i < lo + n; i += 1) res += a[i];
    return res;
  }
  if (n <= 128) {
    const r = [a[lo], a[lo + 1], a[lo + 2], a[lo + 3], a[lo + 4], a[lo + 5], a[lo + 6], a[lo + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j += 1) r[j] += a[lo + i + j];
    }
    let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i += 1) res += a[lo + i];
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return bvmSum(a, lo, half) + bvmSum(a, lo + half, n - half);
}

/** sigmoid(s) as helpers.losses.sigmoid computes it: e^(-|s|) ratios, so nothing overflows. */
function bvmSigmoid(s) {
  const e = Math.exp(-Math.abs(s));
  return s >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/**
 * Both runs of experiments.train_logistic: per step, g_i = y_hat - y (BCE) or
 * (y_hat - y) y_hat (1 - y_hat) (MSE), w <- w - lr mean(g x), b <- b - lr mean(g); after each step
 * the mean BCE (stable form: (1 - y) s + log(1 + e^(-|s|)) + max(-s, 0)) and the mean ½(y_hat - y)^2.
 */
function bvmTrain(x, y, lr, w0) {
  const n = x.length;
  const g = new Float64Array(n);
  const gx = new Float64Array(n);
  const l = new Float64Array(n);
  const m = new Float64Array(n);
  return BVM_LOSSES.map((loss) => {
    const bce = new Float64Array(BVM_STEPS + 1);
    const mse = new Float64Array(BVM_STEPS + 1);
    let w = w0;
    let b = 0;
    for (let t = 0; t <= BVM_STEPS; t += 1) {
      for (let i = 0; i < n; i += 1) {
        const s = w * x[i] + b;
        const yHat = bvmSigmoid(s);
        l[i] = (1 - y[i]) * s + (Math.log1p(Math.exp(-Math.abs(s))) + Math.max(-s, 0));
        const d = yHat - y[i];
        m[i] = 0.5 * (d * d);
        g[i] = loss === "bce" ? yHat - y[i] : (yHat - y[i]) * yHat * (1 - yHat);
        gx[i] = g[i] * x[i];
      }
      bce[t] = bvmSum(l) / n;
      mse[t] = bvmSum(m) / n;
      if (t === BVM_STEPS) break;
      w -= lr * (bvmSum(gx) / n);
      b -= lr * (bvmSum(g) / n);
    }
    let first = null;
    for (let t = 0; t <= BVM_STEPS; t += 1) {
      if (bce[t] < 1) { first = t; break; }
    }
    return { loss, bce, mse, first };
  });
}

/**
 * Python's format ".3g" for the slider's learning rates (0.0156 to 11.3, never in e-notation).
 * Both round correctly, but an exact tie differs: toPrecision rounds it up, Python to the even
 * digit (2^-5 = 0.03125 is "0.0312" in Python). A tie is a value whose every digit
 * (toPrecision(100) writes them all) ends in the 5 just after the third significant one.
 */
function bvmG3(v) {
  let text = v.toPrecision(3);
  const four = v.toPrecision(4);
  const tie = four.endsWith("5") && v.toPrecision(100).replace(/0+$/, "") === four;
  if (tie && Number(four.at(-2)) % 2 === 0) text = four.slice(0, -1);
  return String(Number(text));
}

function bvmLines(model, lr, w0, n, runs) {
  return [
    t(model, "learning rate {lr}, start w = {w0}, b = 0, {steps} steps of full-batch gradient descent on {points} points",
      { lr: bvmG3(lr), w0: fmt(w0, 1), steps: BVM_STEPS, points: n }),
    ...runs.map((r) => t(model, "trained with {loss}: after the last step mean BCE {bce} nats, mean ½(ŷ − y)² {mse}; {when}", {
      loss: r.loss.toUpperCase(), bce: r.bce[BVM_STEPS].toFixed(4), mse: r.mse[BVM_STEPS].toFixed(4),
      when: r.first === null ? t(model, "never below 1 nat") : t(model, "below 1 nat from step {step}", { step: r.first }),
    })),
  ];
}

/** The top of the loss axis: above every value shown, in steps of half a nat, at least 1.5 nats. */
const bvmTop = (runs) => Math.max(1.5, Math.ceil((Math.max(...runs.map((r) => Math.max(...r.bce))) * 1.06) * 2) / 2);

function render({ model, el }) {
  const ui = frame(el, model);
  const { x, y } = model.get("data");
  const n = x.length;
  const steps = Array.from({ length: BVM_STEPS + 1 }, (_, t) => t);
  const style = [
    { colour: PALETTE.blue, dash: "", name: "BCE" },
    { colour: PALETTE.vermillion, dash: "7 4", name: "MSE" },
  ];
  const ax = axes(ui.figure, {
    xRange: [0, BVM_STEPS], yRange: [0, 4.5], xLabel: t(model, "gradient-descent step"),
    yLabel: t(model, "mean BCE (nats)"),
    title: t(model, "Mean BCE after each gradient-descent step, for the model trained with BCE and with MSE"),
  });
  // the 1-nat line, dotted, in the theme's text colour; under the curves
  const oneNat = svgEl("line", { x1: 0, x2: ax.inner.w, class: "ce-axis", "stroke-dasharray": "2 4" }, ax.plot);
  const halo = "paint-order: stroke; stroke: var(--ce-bg); stroke-width: 4px; stroke-linejoin: round";
  const oneNatTag = svgEl("text", { x: ax.inner.w - 4, "text-anchor": "end", class: "ce-tick", style: halo }, ax.plot);
  oneNatTag.textContent = t(model, "1 nat");
  const curves = style.map((s) => curve(ax, steps, new Array(BVM_STEPS + 1).fill(NaN), {
    colour: s.colour, dash: s.dash, label: t(model, "trained with {loss}", { loss: s.name }),
  }));
  // where each run first gets below 1 nat: a dot on its curve and a dotted drop to the step axis
  const pins = style.map((s) => {
    const drop = svgEl("line", { stroke: s.colour, "stroke-dasharray": "3 3", "stroke-width": 1.5 }, ax.plot);
    const dot = svgEl("circle", { r: 5, fill: s.colour, class: "ce-marker" }, ax.plot);
    return { drop, dot };
  });
  const keys = svgEl("g", {}, ax.plot);
  legendKey(keys, ax.inner.w - 190, 18, style[0].colour, style[0].dash, t(model, "trained with {loss}", { loss: "BCE" }));
  legendKey(keys, ax.inner.w - 190, 38, style[1].colour, style[1].dash, t(model, "trained with {loss}", { loss: "MSE" }));

  // The learning-rate slider moves the exponent e (a log scale); it states lr = 2^e itself.
  let lrSlider = null;
  let lrOutput = null;
  const lrLabel = t(model, "learning rate");

  function update() {
    const e = Number(model.get("log2_lr"));
    const w0 = Number(model.get("w0"));
    const lr = bvmLearningRate(e);
    const runs = bvmTrain(x, y, lr, w0);
    ax.setY([0, bvmTop(runs)]);
    oneNat.setAttribute("y1", ax.y(1));
    oneNat.setAttribute("y2", ax.y(1));
    oneNatTag.setAttribute("y", ax.y(1) - 5);
    runs.forEach((r, k) => {
      curves[k](r.bce);
      const { drop, dot } = pins[k];
      const hidden = r.first === null ? "hidden" : "visible";
      drop.setAttribute("visibility", hidden);
      dot.setAttribute("visibility", hidden);
      if (r.first !== null) {
        const px = ax.x(r.first);
        const py = ax.y(r.bce[r.first]);
        dot.setAttribute("cx", px);
        dot.setAttribute("cy", py);
        drop.setAttribute("x1", px); drop.setAttribute("x2", px);
        drop.setAttribute("y1", py); drop.setAttribute("y2", ax.inner.h);
      }
    });
    if (lrSlider) {
      lrOutput.textContent = `${bvmG3(lr)} (2^${e})`;
      lrSlider.setAttribute("aria-valuetext", t(model, "{label} {lr} (2 to the power {exponent})",
        { label: lrLabel, lr: bvmG3(lr), exponent: e }));
    }
    const text = ui.readout(bvmLines(model, lr, w0, n, runs));
    const when = (r) => (r.first === null ? t(model, "never gets below 1 nat")
      : t(model, "first gets below 1 nat at step {step}", { step: r.first }));
    ax.describe(t(model, "Two curves of the mean BCE in nats over {steps} gradient-descent steps, learning rate {lr} "
      + "and start w = {w0}: trained with BCE (blue, solid; {bce_when}) and trained with MSE (vermillion, dashed; "
      + "{mse_when}); a dotted line marks 1 nat. {readout}", {
      steps: BVM_STEPS, lr: bvmG3(lr), w0: fmt(w0, 1), bce_when: when(runs[0]), mse_when: when(runs[1]), readout: text,
    }));
  }

  [lrSlider] = controlsFrom(ui.controls, model, update);
  lrOutput = lrSlider.parentElement.querySelector("output");
  // a label column wide enough for "learning rate", a value column for "0.0186 (2^-5.75)"
  for (const row of ui.controls.querySelectorAll(".ce-control")) row.style.setProperty("--ce-columns", "8em 1fr 9.5em");
  update();
}

export default { render };
