// Written by tools/bundle_js.py (make js) from helpers/explorers/web/: edit those, not this file.

// helpers/explorers/web/draw.js
var SVG_NS = "http://www.w3.org/2000/svg";
var PALETTE = {
  blue: "#0072B2",
  orange: "#E69F00",
  green: "#009E73",
  vermillion: "#D55E00",
  sky: "#56B4E9",
  purple: "#CC79A7",
  yellow: "#F0E442",
  black: "#000000"
};
function svgEl(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (parent) parent.appendChild(node);
  return node;
}
function htmlEl(tag, attrs = {}, text = "", parent = null) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}
function t(model, template, fields = {}) {
  const messages = model.get("_messages") ?? {};
  const text = Object.hasOwn(messages, template) ? messages[template] : template;
  return text.replace(/\{\{|\}\}|\{(\w+)\}/g, (whole, key) => {
    if (key === void 0) return whole[0];
    if (!Object.hasOwn(fields, key)) throw new Error(`t: no field "${key}" for ${JSON.stringify(template)}`);
    return String(fields[key]);
  });
}
function fmt(value, digits = 4, unit = "") {
  if (!Number.isFinite(value)) return value > 0 ? "∞" : value < 0 ? "−∞" : "nan";
  const text = value.toFixed(digits).replace(/^-(0\.0*)$/, "$1");
  return unit ? `${text} ${unit}` : text;
}
function niceTicks(lo, hi, count = 5) {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => span / s <= count) ?? 10 * power;
  const ticks = [];
  for (let t2 = Math.ceil(lo / step - 1e-9) * step; t2 <= hi + 1e-9 * step; t2 += step) {
    ticks.push(Math.abs(t2) < step * 1e-9 ? 0 : Number(t2.toPrecision(12)));
  }
  return ticks;
}
function axes(parent, { width = 560, height = 300, xRange, yRange, xLabel, yLabel, title }) {
  const margin = { left: 64, right: 16, top: 16, bottom: 48 };
  const svg = svgEl("svg", {
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    class: "ce-plot",
    preserveAspectRatio: "xMidYMid meet"
  }, parent);
  const titleNode = svgEl("title", {}, svg);
  titleNode.textContent = title;
  const desc = svgEl("desc", {}, svg);
  const inner = { w: width - margin.left - margin.right, h: height - margin.top - margin.bottom };
  const frame2 = svgEl("g", { transform: `translate(${margin.left},${margin.top})` }, svg);
  const grid = svgEl("g", { class: "ce-grid" }, frame2);
  const plot = svgEl("g", { class: "ce-data" }, frame2);
  const state = { xRange: [...xRange], yRange: [...yRange] };
  const x = (v) => (v - state.xRange[0]) / (state.xRange[1] - state.xRange[0]) * inner.w;
  const y = (v) => inner.h - (v - state.yRange[0]) / (state.yRange[1] - state.yRange[0]) * inner.h;
  const yLabelNode = svgEl("text", {
    class: "ce-axis-label",
    transform: `translate(${-48},${inner.h / 2}) rotate(-90)`,
    "text-anchor": "middle"
  }, frame2);
  const xLabelNode = svgEl("text", {
    class: "ce-axis-label",
    x: inner.w / 2,
    y: inner.h + 40,
    "text-anchor": "middle"
  }, frame2);
  xLabelNode.textContent = xLabel;
  function drawGrid() {
    grid.replaceChildren();
    svgEl("line", { x1: 0, x2: inner.w, y1: inner.h, y2: inner.h, class: "ce-axis" }, grid);
    svgEl("line", { x1: 0, x2: 0, y1: 0, y2: inner.h, class: "ce-axis" }, grid);
    for (const t2 of niceTicks(...state.xRange)) {
      svgEl("line", { x1: x(t2), x2: x(t2), y1: 0, y2: inner.h, class: "ce-gridline" }, grid);
      const label = svgEl("text", { x: x(t2), y: inner.h + 18, "text-anchor": "middle", class: "ce-tick" }, grid);
      label.textContent = String(t2);
    }
    for (const t2 of niceTicks(...state.yRange)) {
      svgEl("line", { x1: 0, x2: inner.w, y1: y(t2), y2: y(t2), class: "ce-gridline" }, grid);
      const label = svgEl("text", { x: -8, y: y(t2) + 4, "text-anchor": "end", class: "ce-tick" }, grid);
      label.textContent = String(t2);
    }
  }
  drawGrid();
  yLabelNode.textContent = yLabel;
  return {
    svg,
    plot,
    x,
    y,
    inner,
    setY(range, label) {
      const changed = range[0] !== state.yRange[0] || range[1] !== state.yRange[1];
      state.yRange = [...range];
      if (changed) drawGrid();
      if (label !== void 0) yLabelNode.textContent = label;
    },
    describe(text) {
      desc.textContent = text;
    }
  };
}
function curve(ax, xs, ys, { colour = PALETTE.blue, dash = "", width = 2.5, label = "" } = {}) {
  const line = svgEl("polyline", {
    fill: "none",
    stroke: colour,
    "stroke-width": width,
    "stroke-dasharray": dash,
    class: "ce-curve"
  }, ax.plot);
  if (label) line.setAttribute("data-label", label);
  const update = (newYs, newXs = xs) => {
    xs = newXs;
    const points = [];
    for (let i = 0; i < xs.length; i += 1) {
      if (Number.isFinite(newYs[i])) points.push(`${ax.x(xs[i]).toFixed(2)},${ax.y(newYs[i]).toFixed(2)}`);
    }
    line.setAttribute("points", points.join(" "));
  };
  update(ys);
  return update;
}
function marker(ax, { colour = PALETTE.vermillion, radius = 6, drop = true } = {}) {
  const line = drop ? svgEl("line", { stroke: colour, "stroke-dasharray": "3 3", "stroke-width": 1.5 }, ax.plot) : null;
  const dot = svgEl("circle", { r: radius, fill: colour, class: "ce-marker" }, ax.plot);
  return (xv, yv) => {
    dot.setAttribute("cx", ax.x(xv));
    dot.setAttribute("cy", ax.y(yv));
    if (line) {
      line.setAttribute("x1", ax.x(xv));
      line.setAttribute("x2", ax.x(xv));
      line.setAttribute("y1", ax.y(Math.max(yv, 0)));
      line.setAttribute("y2", ax.inner.h);
    }
  };
}
function slider(parent, model, spec, onInput) {
  const row = htmlEl("div", { class: "ce-control" }, "", parent);
  const id = `ce-${spec.name}-${Math.random().toString(36).slice(2, 9)}`;
  const name = t(model, spec.label);
  const unit = spec.unit ? t(model, spec.unit) : "";
  htmlEl("label", { for: id }, name, row);
  const input = htmlEl("input", {
    type: "range",
    id,
    min: spec.min,
    max: spec.max,
    step: spec.step,
    "data-name": spec.name
  }, "", row);
  const shown = htmlEl("output", { for: id, class: "ce-value" }, "", row);
  const digits = spec.digits ?? 2;
  const show = (value) => {
    const text = fmt(value, digits, unit);
    shown.textContent = text;
    input.setAttribute("aria-valuetext", `${name} ${text}`);
  };
  input.value = model.get(spec.name);
  show(Number(input.value));
  input.addEventListener("input", () => {
    const value = Number(input.value);
    show(value);
    model.set(spec.name, value);
    model.save_changes();
    onInput();
  });
  model.on(`change:${spec.name}`, () => {
    const value = model.get(spec.name);
    if (Number(input.value) !== value) input.value = value;
    show(value);
    onInput();
  });
  return input;
}
function choice(parent, model, spec, onChange) {
  const row = htmlEl("div", { class: "ce-control" }, "", parent);
  const id = `ce-${spec.name}-${Math.random().toString(36).slice(2, 9)}`;
  htmlEl("label", { for: id }, t(model, spec.label), row);
  const select = htmlEl("select", { id, "data-name": spec.name }, "", row);
  for (const option of spec.options) htmlEl("option", { value: option }, t(model, option), select);
  select.value = model.get(spec.name);
  select.addEventListener("change", () => {
    model.set(spec.name, select.value);
    model.save_changes();
    onChange();
  });
  model.on(`change:${spec.name}`, () => {
    if (select.value !== model.get(spec.name)) select.value = model.get(spec.name);
    onChange();
  });
  return select;
}
function controlsFrom(parent, model, onChange) {
  return model.get("_controls").map((spec) => spec.kind === "select" ? choice(parent, model, spec, onChange) : slider(parent, model, spec, onChange));
}
function frame(el, model) {
  const name = model.get("_name");
  const title = t(model, model.get("_title"));
  el.classList.add("ce-live", `ce-live-${name}`);
  const box = htmlEl("div", { class: "ce-explorer-box", role: "group", "aria-label": title }, "", el);
  htmlEl("div", { class: "ce-title" }, title, box);
  const controls = htmlEl("div", { class: "ce-controls", "data-lm-suppress-shortcuts": "true" }, "", box);
  controls.addEventListener("keydown", (event) => event.stopPropagation());
  const readout = htmlEl("div", { class: "ce-readout", "data-explorer": name, "aria-live": "polite" }, "", box);
  const figure = htmlEl("div", { class: "ce-figure" }, "", box);
  return {
    controls,
    figure,
    readout(lines) {
      readout.replaceChildren(...lines.map((line) => htmlEl("div", {}, line)));
      return lines.join(" ");
    }
  };
}

// helpers/explorers/web/softmax_training.js
var TRN_LN10 = Math.log(10);
var TRN_LOSS_TOP = 2.5;
function trnView(data, lr, steps, smoothing) {
  const i = data.lrs.indexOf(lr);
  const j = data.smoothings.indexOf(smoothing);
  const k = data.steps.indexOf(Number(steps));
  if (i < 0 || j < 0 || k < 0) throw new Error(`softmax_training: (${lr}, ${steps}, ${smoothing}) is off the grid`);
  const run = data.runs[i][j];
  return {
    lr,
    smoothing,
    steps: data.steps[k],
    k,
    run,
    trainLoss: run.train[k],
    testLoss: run.test[k],
    correct: run.correct[k],
    accuracy: run.correct[k] / data.n_test,
    confidence: run.confidence[k],
    ece: run.ece[k]
  };
}
function trnLines(model, data, v) {
  const gap = v.confidence - v.accuracy;
  const lean = gap > 5e-3 ? t(model, "over-confident") : gap < -5e-3 ? t(model, "under-confident") : t(model, "about calibrated");
  const nats = t(model, "nats");
  return [
    t(model, "learning rate {lr}, label smoothing {smoothing}: {steps} steps of full-batch gradient descent on {n_train} training digits", { lr: v.lr, smoothing: v.smoothing, steps: v.steps, n_train: data.n_train }),
    t(
      model,
      "cross-entropy (no smoothing): training {train}, test {test}",
      { train: fmt(v.trainLoss, 4, nats), test: fmt(v.testLoss, 4, nats) }
    ),
    t(
      model,
      "test accuracy {accuracy} ({right} of {n_test} digits)",
      { accuracy: fmt(v.accuracy, 4), right: v.correct, n_test: data.n_test }
    ),
    t(
      model,
      "mean confidence {confidence}: {lean}; expected calibration error {ece} ({bins} bins)",
      { confidence: fmt(v.confidence, 4), lean, ece: fmt(v.ece, 4), bins: data.n_bins }
    )
  ];
}
function trnKey(parent, x, y, { colour, dash = "", kind = "line" }, text) {
  if (kind === "swatch") svgEl("rect", { x, y: y - 10, width: 18, height: 12, fill: colour }, parent);
  else if (kind === "dot") svgEl("circle", { cx: x + 9, cy: y - 4, r: 4.5, fill: colour }, parent);
  else {
    svgEl("line", {
      x1: x,
      x2: x + 18,
      y1: y - 4,
      y2: y - 4,
      stroke: colour,
      "stroke-width": 2.5,
      "stroke-dasharray": dash,
      class: colour === "currentColor" ? "ce-axis" : ""
    }, parent);
  }
  svgEl("text", { x: x + 24, y }, parent).textContent = text;
}
function trnBinWords(model, data, v) {
  const words = [];
  for (let b = 0; b < data.n_bins; b += 1) {
    const n = v.run.bin_count[v.k][b];
    if (!n) continue;
    const lo = fmt(b / data.n_bins, 1);
    const hi = fmt((b + 1) / data.n_bins, 1);
    words.push(t(model, "{low}–{high}: {count} digits, accuracy {accuracy}, mean confidence {confidence}", {
      low: lo,
      high: hi,
      count: n,
      accuracy: fmt(v.run.bin_correct[v.k][b] / n, 2),
      confidence: fmt(v.run.bin_confidence[v.k][b], 2)
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
  const row = htmlEl("div", {
    style: "display: grid; grid-template-columns: 430fr 300fr; gap: 0.5em; align-items: start;"
  }, "", ui.figure);
  const loss = axes(row, {
    width: 430,
    height: 300,
    xRange: [0, last],
    yRange: [0, TRN_LOSS_TOP],
    xLabel: t(model, "gradient-descent step"),
    yLabel: t(model, "cross-entropy (nats)"),
    title: t(model, "Training and test loss over the run, the chosen step marked")
  });
  svgEl("line", {
    x1: 0,
    x2: loss.inner.w,
    y1: loss.y(TRN_LN10),
    y2: loss.y(TRN_LN10),
    class: "ce-axis",
    "stroke-dasharray": "2 4"
  }, loss.plot);
  svgEl("text", { x: loss.x(last / 2), y: loss.y(TRN_LN10) - 5, "text-anchor": "middle", class: "ce-tick" }, loss.plot).textContent = t(model, "ln 10: a uniform guess");
  const now = svgEl("line", { y2: loss.inner.h, class: "ce-axis", "stroke-dasharray": "3 3" }, loss.plot);
  const trainCurve = curve(loss, steps, steps.map(() => NaN), { colour: PALETTE.blue, label: t(model, "training loss") });
  const testCurve = curve(loss, steps, steps.map(() => NaN), {
    colour: PALETTE.vermillion,
    dash: "7 4",
    label: t(model, "test loss")
  });
  const trainDot = marker(loss, { colour: PALETTE.blue, radius: 5, drop: false });
  const testDot = marker(loss, { colour: PALETTE.vermillion, radius: 5, drop: false });
  const lossKeys = svgEl("g", {}, loss.plot);
  trnKey(lossKeys, loss.inner.w - 130, 56, { colour: PALETTE.blue }, t(model, "training set"));
  trnKey(lossKeys, loss.inner.w - 130, 76, { colour: PALETTE.vermillion, dash: "7 4" }, t(model, "test set"));
  const rel = axes(row, {
    width: 300,
    height: 300,
    xRange: [0, 1],
    yRange: [0, 1.2],
    xLabel: t(model, "confidence (largest probability)"),
    yLabel: t(model, "accuracy"),
    title: t(model, "Reliability diagram of the test set at the chosen step")
  });
  svgEl("line", {
    x1: rel.x(0),
    y1: rel.y(0),
    x2: rel.x(1),
    y2: rel.y(1),
    class: "ce-axis",
    "stroke-dasharray": "5 4"
  }, rel.plot);
  const binBars = Array.from({ length: nBins }, (_, b) => svgEl("rect", {
    x: rel.x(b / nBins) + 1,
    width: rel.x(1 / nBins) - rel.x(0) - 2,
    fill: PALETTE.sky,
    class: "ce-bar"
  }, rel.plot));
  const binCounts = Array.from({ length: nBins }, (_, b) => svgEl("text", {
    x: rel.x((b + 0.5) / nBins),
    "text-anchor": "middle",
    class: "ce-tick"
  }, rel.plot));
  const binDots = Array.from({ length: nBins }, (_, b) => svgEl("circle", {
    cx: rel.x((b + 0.5) / nBins),
    r: 4.5,
    fill: PALETTE.vermillion,
    class: "ce-marker"
  }, rel.plot));
  const relKeys = svgEl("g", {}, rel.plot);
  trnKey(relKeys, 4, rel.y(1.2) + 14, { colour: PALETTE.sky, kind: "swatch" }, t(model, "accuracy"));
  trnKey(relKeys, 112, rel.y(1.2) + 14, { colour: "currentColor", dash: "5 4" }, t(model, "calibrated"));
  trnKey(relKeys, 4, rel.y(1.2) + 33, { colour: PALETTE.vermillion, kind: "dot" }, t(model, "mean confidence"));
  let shownRun = null;
  function update() {
    const v = trnView(data, model.get("lr"), model.get("steps"), model.get("label_smoothing"));
    if (v.run !== shownRun) {
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
    loss.describe(t(model, "Cross-entropy in nats on the training set (solid blue) and the test set (dashed vermillion) over {last} steps at learning rate {lr}, label smoothing {smoothing}: both from {start} (ln 10) at step 0 to {train_end} and {test_end} at step {last}. A dashed line marks step {step}, with a dot on each curve. {readout}", {
      last,
      lr: v.lr,
      smoothing: v.smoothing,
      start: fmt(v.run.train[0], 4),
      train_end: fmt(v.run.train[steps.length - 1], 4),
      test_end: fmt(v.run.test[steps.length - 1], 4),
      step: v.steps,
      readout: text
    }));
    rel.describe(t(model, "Reliability diagram of the {n_test} test digits after {steps} steps, in {bins} confidence bins (bars: the accuracy in the bin, with its number of digits above it; dots: its mean confidence; dashed diagonal: calibrated). {bin_words}. Expected calibration error {ece}.", {
      n_test: data.n_test,
      steps: v.steps,
      bins: nBins,
      bin_words: trnBinWords(model, data, v),
      ece: fmt(v.ece, 4)
    }));
  }
  controlsFrom(ui.controls, model, update);
  for (const control of ui.controls.querySelectorAll(".ce-control")) {
    control.style.gridTemplateColumns = "10.5em 1fr 4em";
  }
  update();
}
var softmax_training_default = { render };
export {
  softmax_training_default as default
};
