// Notebook 07's live explorer "softmax_training": softmax regression on the digits, trained in
// Python once for every learning rate and label smoothing of the grid; the browser only looks up
// the stored run (trait "data", helpers.explorers.training.training_data) and draws the loss curves
// and the reliability diagram of the chosen step. SoftmaxTraining.reference() formats the same
// stored numbers: it is the Python reference of every line of the readout.

import { PALETTE, svgEl, htmlEl, fmt, t, axes, curve, marker, controlsFrom, frame } from "./draw.js";

const TRN_LN10 = Math.log(10); // the loss of zero weights: a uniform guess over ten digits
const TRN_LOSS_TOP = 2.5;      // the loss axis ends here (nats); every curve starts at ln 10 = 2.30

/** The stored numbers of one setting (texts of the choices, a step on the slider's grid). */
function trnView(data, lr, steps, smoothing) {
  const i = data.lrs.indexOf(lr);
  const j = data.smoothings.indexOf(smoothing);
  const k = data.steps.indexOf(Number(steps));
  if (i < 0 || j < 0 || k < 0) throw new Error(`softmax_training: (${lr}, ${steps}, ${smoothing}) is off the grid`);
  const run = data.runs[i][j];
  return {
    lr, smoothing, steps: data.steps[k], k, run,
    trainLoss: run.train[k], testLoss: run.test[k], correct: run.correct[k],
    accuracy: run.correct[k] / data.n_test, confidence: run.confidence[k], ece: run.ece[k],
  };
}

/** The readout: the same text as training_lines in Python. */
function trnLines(model, data, v) {
  const gap = v.confidence - v.accuracy;
  const lean = gap > 0.005 ? t(model, "over-confident") : gap < -0.005 ? t(model, "under-confident")
    : t(model, "about calibrated");
  const nats = t(model, "nats");
  return [
    t(model, "learning rate {lr}, label smoothing {smoothing}: {steps} steps of full-batch gradient descent on "
      + "{n_train} training digits", { lr: v.lr, smoothing: v.smoothing, steps: v.steps, n_train: data.n_train }),
    t(model, "cross-entropy (no smoothing): training {train}, test {test}",
      { train: fmt(v.trainLoss, 4, nats), test: fmt(v.testLoss, 4, nats) }),
    t(model, "test accuracy {accuracy} ({right} of {n_test} digits)",
      { accuracy: fmt(v.accuracy, 4), right: v.correct, n_test: data.n_test }),
    t(model, "mean confidence {confidence}: {lean}; expected calibration error {ece} ({bins} bins)",
      { confidence: fmt(v.confidence, 4), lean, ece: fmt(v.ece, 4), bins: data.n_bins }),
  ];
}

/** A legend entry: a short line (or a swatch, or a dot) and its text, baseline at pixel (x, y). */
function trnKey(parent, x, y, { colour, dash = "", kind = "line" }, text) {
  if (kind === "swatch") svgEl("rect", { x, y: y - 10, width: 18, height: 12, fill: colour }, parent);
  else if (kind === "dot") svgEl("circle", { cx: x + 9, cy: y - 4, r: 4.5, fill: colour }, parent);
  else {
    svgEl("line", {
      x1: x, x2: x + 18, y1: y - 4, y2: y - 4, stroke: colour, "stroke-width": 2.5, "stroke-dasharray": dash,
      class: colour === "currentColor" ? "ce-axis" : "",
    }, parent);
  }
  svgEl("text", { x: x + 24, y }, parent).textContent = text;
}

/** The bins that hold test digits, as words for the reliability diagram's text alternative. */
function trnBinWords(model, data, v) {
  const words = [];
  for (let b = 0; b < data.n_bins; b += 1) {
    const n = v.run.bin_count[v.k][b];
    if (!n) continue;
    const lo = fmt(b / data.n_bins, 1);
    const hi = fmt((b + 1) / data.n_bins, 1);
    words.push(t(model, "{low}–{high}: {count} digits, accuracy {accuracy}, mean confidence {confidence}", {
      low: lo, high: hi, count: n, accuracy: fmt(v.run.bin_correct[v.k][b] / n, 2),
      confidence: fmt(v.run.bin_confidence[v.k][b], 2),
    }));
  }
  return words.join(t(model, "; "));
}

function render({ model, el }) {
  const ui = frame(el, model);
  const data = model.get("data");
  const steps = data.steps;
  const last = steps[steps.length - 1];
  const nBins = data.n_bins;

  // Two figures side by side, scaled alike (their widths in proportion to their viewBoxes).
  const row = htmlEl("div", {
    style: "display: grid; grid-template-columns: 430fr 300fr; gap: 0.5em; align-items: start;",
  }, "", ui.figure);

  // Left: the loss curves over the whole run, the chosen step marked.
  const loss = axes(row, {
    width: 430, height: 300, xRange: [0, last], yRange: [0, TRN_LOSS_TOP],
    xLabel: t(model, "gradient-descent step"), yLabel: t(model, "cross-entropy (nats)"),
    title: t(model, "Training and test loss over the run, the chosen step marked"),
  });
  svgEl("line", {
    x1: 0, x2: loss.inner.w, y1: loss.y(TRN_LN10), y2: loss.y(TRN_LN10), class: "ce-axis", "stroke-dasharray": "2 4",
  }, loss.plot);
  svgEl("text", { x: loss.x(last / 2), y: loss.y(TRN_LN10) - 5, "text-anchor": "middle", class: "ce-tick" }, loss.plot)
    .textContent = t(model, "ln 10: a uniform guess");
  // the chosen step: a dashed line from the axis up to the higher of the two losses
  const now = svgEl("line", { y2: loss.inner.h, class: "ce-axis", "stroke-dasharray": "3 3" }, loss.plot);
  const trainCurve = curve(loss, steps, steps.map(() => NaN), { colour: PALETTE.blue, label: t(model, "training loss") });
  const testCurve = curve(loss, steps, steps.map(() => NaN), {
    colour: PALETTE.vermillion, dash: "7 4", label: t(model, "test loss"),
  });
  const trainDot = marker(loss, { colour: PALETTE.blue, radius: 5, drop: false });
  const testDot = marker(loss, { colour: PALETTE.vermillion, radius: 5, drop: false });
  const lossKeys = svgEl("g", {}, loss.plot);
  trnKey(lossKeys, loss.inner.w - 130, 56, { colour: PALETTE.blue }, t(model, "training set"));
  trnKey(lossKeys, loss.inner.w - 130, 76, { colour: PALETTE.vermillion, dash: "7 4" }, t(model, "test set"));

  // Right: the reliability diagram of the test set at the chosen step; the band above 1 holds the key.
  const rel = axes(row, {
    width: 300, height: 300, xRange: [0, 1], yRange: [0, 1.2],
    xLabel: t(model, "confidence (largest probability)"), yLabel: t(model, "accuracy"),
    title: t(model, "Reliability diagram of the test set at the chosen step"),
  });
  svgEl("line", {
    x1: rel.x(0), y1: rel.y(0), x2: rel.x(1), y2: rel.y(1), class: "ce-axis", "stroke-dasharray": "5 4",
  }, rel.plot);
  const binBars = Array.from({ length: nBins }, (_, b) => svgEl("rect", {
    x: rel.x(b / nBins) + 1, width: rel.x(1 / nBins) - rel.x(0) - 2, fill: PALETTE.sky, class: "ce-bar",
  }, rel.plot));
  // Each bar carries its bin's number of test digits: a bar of 3 digits says little.
  const binCounts = Array.from({ length: nBins }, (_, b) => svgEl("text", {
    x: rel.x((b + 0.5) / nBins), "text-anchor": "middle", class: "ce-tick",
  }, rel.plot));
  const binDots = Array.from({ length: nBins }, (_, b) => svgEl("circle", {
    cx: rel.x((b + 0.5) / nBins), r: 4.5, fill: PALETTE.vermillion, class: "ce-marker",
  }, rel.plot));
  const relKeys = svgEl("g", {}, rel.plot);
  trnKey(relKeys, 4, rel.y(1.2) + 14, { colour: PALETTE.sky, kind: "swatch" }, t(model, "accuracy"));
  trnKey(relKeys, 112, rel.y(1.2) + 14, { colour: "currentColor", dash: "5 4" }, t(model, "calibrated"));
  trnKey(relKeys, 4, rel.y(1.2) + 33, { colour: PALETTE.vermillion, kind: "dot" }, t(model, "mean confidence"));

  let shownRun = null;

  function update() {
    const v = trnView(data, model.get("lr"), model.get("steps"), model.get("label_smoothing"));
    if (v.run !== shownRun) { // the curves change with the run only
      trainCurve(v.run.train);
      testCurve(v.run.test);
      shownRun = v.run;
    }
    now.setAttribute("x1", loss.x(v.steps));
    now.setAttribute("x2", loss.x(v.steps));
    now.setAttribute("y1", loss.y(Math.max(v.trainLoss, v.testLoss)));
    trainDot(v.steps, v.trainLoss);
    testDot(v.steps, v.testLoss);
    for (let b = 0; b < nBins; b += 1) {
      const n = v.run.bin_count[v.k][b];
      const top = rel.y(n ? v.run.bin_correct[v.k][b] / n : 0);
      binBars[b].setAttribute("y", top);
      binBars[b].setAttribute("height", Math.max(rel.y(0) - top, 0));
      binCounts[b].textContent = n ? String(n) : "";
      binCounts[b].setAttribute("y", Math.min(top, rel.y(n ? v.run.bin_confidence[v.k][b] : 0)) - 8);
      const conf = v.run.bin_confidence[v.k][b];
      binDots[b].setAttribute("visibility", n ? "visible" : "hidden");
      binDots[b].setAttribute("cy", rel.y(n ? conf : 0));
    }
    const text = ui.readout(trnLines(model, data, v));
    loss.describe(t(model, "Cross-entropy in nats on the training set (solid blue) and the test set (dashed vermillion) "
      + "over {last} steps at learning rate {lr}, label smoothing {smoothing}: both from {start} (ln 10) at step 0 to "
      + "{train_end} and {test_end} at step {last}. A dashed line marks step {step}, with a dot on each curve. "
      + "{readout}", {
      last, lr: v.lr, smoothing: v.smoothing, start: fmt(v.run.train[0], 4),
      train_end: fmt(v.run.train[steps.length - 1], 4), test_end: fmt(v.run.test[steps.length - 1], 4),
      step: v.steps, readout: text,
    }));
    rel.describe(t(model, "Reliability diagram of the {n_test} test digits after {steps} steps, in {bins} confidence bins "
      + "(bars: the accuracy in the bin, with its number of digits above it; dots: its mean confidence; dashed diagonal: "
      + "calibrated). {bin_words}. Expected calibration error {ece}.", {
      n_test: data.n_test, steps: v.steps, bins: nBins, bin_words: trnBinWords(model, data, v), ece: fmt(v.ece, 4),
    }));
  }

  controlsFrom(ui.controls, model, update);
  // "learning rate" and "label smoothing" on one line each; the selects and the slider line up
  for (const control of ui.controls.querySelectorAll(".ce-control")) {
    control.style.gridTemplateColumns = "10.5em 1fr 4em";
  }
  update();
}

export default { render };
