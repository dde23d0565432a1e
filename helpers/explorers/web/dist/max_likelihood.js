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
      const label2 = svgEl("text", { x: x(t2), y: inner.h + 18, "text-anchor": "middle", class: "ce-tick" }, grid);
      label2.textContent = String(t2);
    }
    for (const t2 of niceTicks(...state.yRange)) {
      svgEl("line", { x1: 0, x2: inner.w, y1: y(t2), y2: y(t2), class: "ce-gridline" }, grid);
      const label2 = svgEl("text", { x: -8, y: y(t2) + 4, "text-anchor": "end", class: "ce-tick" }, grid);
      label2.textContent = String(t2);
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
    setY(range, label2) {
      const changed = range[0] !== state.yRange[0] || range[1] !== state.yRange[1];
      state.yRange = [...range];
      if (changed) drawGrid();
      if (label2 !== void 0) yLabelNode.textContent = label2;
    },
    describe(text) {
      desc.textContent = text;
    }
  };
}
function curve(ax, xs, ys, { colour = PALETTE.blue, dash = "", width = 2.5, label: label2 = "" } = {}) {
  const line = svgEl("polyline", {
    fill: "none",
    stroke: colour,
    "stroke-width": width,
    "stroke-dasharray": dash,
    class: "ce-curve"
  }, ax.plot);
  if (label2) line.setAttribute("data-label", label2);
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
function label(ax, { colour = PALETTE.vermillion, anchor = "start" } = {}) {
  const node = svgEl("text", { fill: colour, "text-anchor": anchor, class: "ce-label" }, ax.plot);
  return (xv, yv, text) => {
    const nearRight = ax.x(xv) > 0.75 * ax.inner.w;
    node.setAttribute("text-anchor", nearRight ? "end" : anchor);
    node.setAttribute("x", ax.x(xv) + (nearRight ? -10 : 8));
    node.setAttribute("y", ax.y(yv) - 8);
    node.textContent = text;
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

// helpers/explorers/web/max_likelihood.js
var GRID_Q = Array.from({ length: 499 }, (_, i) => 1e-3 + i * (0.999 - 1e-3) / 498);
var Y_TOP = 5;
function totalLoss(q, k, n) {
  return -((k > 0 ? k * Math.log(q) : 0) + (n - k > 0 ? (n - k) * Math.log1p(-q) : 0));
}
var xlogx = (p) => p > 0 ? p * Math.log(p) : 0;
var binaryEntropy = (p) => -(xlogx(p) + xlogx(1 - p)) + 0;
function fmtRatio(k, n, digits) {
  const scaled = k * 10 ** digits;
  let q = Math.floor(scaled / n);
  const twice = 2 * (scaled - q * n);
  if (twice > n || twice === n && q % 2 === 1) q += 1;
  return (q / 10 ** digits).toFixed(digits);
}
function readoutLines(model, yHat, k, n, total, bestMean) {
  const nats = t(model, "nats");
  return [
    t(model, "ŷ = {y_hat} for all n = {n} samples, k = {k} of them positive", { y_hat: fmt(yHat, 2), n, k }),
    t(
      model,
      "total loss = {total}; mean = {mean} per sample",
      { total: fmt(total, 4, nats), mean: fmt(total / n, 4, nats) }
    ),
    t(model, "minimum at ŷ = k/n = {best}: mean loss {loss}", { best: fmtRatio(k, n, 4), loss: fmt(bestMean, 4, nats) })
  ];
}
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
    width: 640,
    height: 320,
    xRange: [0, 1],
    yRange: [0, Y_TOP],
    xLabel: t(model, "constant prediction ŷ   (dashed: k/n; dot: your ŷ)"),
    yLabel: t(model, "mean loss (nats per sample)"),
    title: t(model, "Mean loss of one constant prediction ŷ for n samples, k of them positive")
  });
  clipToAxes(ax);
  const bestLine = svgEl("line", {
    y1: 0,
    y2: ax.inner.h,
    stroke: PALETTE.green,
    "stroke-width": 2,
    "stroke-dasharray": "7 5"
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
    if (kInput.max !== String(n)) kInput.max = String(n);
    if (k > n) {
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
    const edge = k === 0 ? t(model, " (k = 0: it falls to 0 at ŷ = 0)") : k === n ? t(model, " (k = n: it falls to 0 at ŷ = 1)") : "";
    ax.describe(t(model, "The mean loss of predicting ŷ for all {n} samples, {k} of them positive, against ŷ from 0 to 1: a valley whose lowest point, {lowest}, is at the dashed line ŷ = k/n = {best}{edge}. The dot is your ŷ = {y_hat}, at {loss}. The k slider ends at n. {readout}", {
      n,
      k,
      lowest: fmt(bestMean, 3, nats),
      best: fmtRatio(k, n, 2),
      edge,
      y_hat: fmt(yHat, 2),
      loss: fmt(total / n, 3, nats),
      readout: text
    }));
  }
  update();
}
var max_likelihood_default = { render };
export {
  max_likelihood_default as default
};
