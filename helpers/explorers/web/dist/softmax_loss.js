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
function bars(ax, n, { colours = [PALETTE.blue], width = 0.7 } = {}) {
  const rects = Array.from({ length: n }, (_, i) => svgEl("rect", {
    fill: colours[i % colours.length],
    class: "ce-bar"
  }, ax.plot));
  return (heights) => {
    heights.forEach((h, i) => {
      const left = ax.x(i - width / 2);
      const top = ax.y(Math.max(h, 0));
      rects[i].setAttribute("x", left);
      rects[i].setAttribute("width", ax.x(i + width / 2) - left);
      rects[i].setAttribute("y", top);
      rects[i].setAttribute("height", Math.max(ax.y(0) - top, 0));
    });
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

// helpers/explorers/web/softmax_loss.js
var N_CLASSES = 3;
var UNIFORM_LOSS = Math.log(N_CLASSES);
var ENGLISH = { get: () => void 0 };
function softmaxState(z, label, temperature) {
  const scaled = z.map((v) => v / temperature);
  const m = Math.max(...scaled);
  let sum = 0;
  for (const s of scaled) sum += Math.exp(s - m);
  const lse = Math.log(sum) + m;
  const logQ = scaled.map((s) => s - lse);
  const q = logQ.map((v) => Math.exp(v));
  let predicted = 0;
  for (let c = 1; c < N_CLASSES; c += 1) if (q[c] > q[predicted]) predicted = c;
  return { z, label, temperature, q, loss: -logQ[label] + 0, predicted };
}
function readoutLines(s, model = ENGLISH) {
  const y = s.label;
  const list = (values) => values.map((v) => fmt(v, 4)).join(", ");
  const nats = t(model, "nats");
  const verdict = { predicted: s.predicted, y, q_y: fmt(s.q[y], 4) };
  return [
    t(model, "logits z = ({z}), label y = {y}, temperature T = {t}", { z: list(s.z), y, t: fmt(s.temperature, 2) }),
    t(model, "q = softmax(z / T) = ({q}) (probabilities, sum 1)", { q: list(s.q) }),
    t(
      model,
      "loss = -ln q_{y} = {loss} (uniform guess: ln 3 = {uniform})",
      { y, loss: fmt(s.loss, 4, nats), uniform: fmt(UNIFORM_LOSS, 4, nats) }
    ),
    s.predicted === y ? t(model, "predicted class = {predicted} (right); q_{y} = {q_y}", verdict) : t(model, "predicted class = {predicted} (wrong); q_{y} = {q_y}", verdict)
  ];
}
function render({ model, el }) {
  const ui = frame(el, model);
  const ax = axes(ui.figure, {
    xRange: [-0.5, N_CLASSES - 0.5],
    yRange: [0, 1.15],
    xLabel: t(model, "class c (green: the label y; dotted: uniform 1/3)"),
    yLabel: "q_c = softmax(z / T)_c",
    title: t(model, "Softmax probabilities q = softmax(z / T) of one sample, its label's bar in green")
  });
  const third = ax.y(1 / N_CLASSES);
  svgEl("line", { x1: 0, x2: ax.inner.w, y1: third, y2: third, class: "ce-axis", "stroke-dasharray": "2 4" }, ax.plot);
  const halo = "paint-order: stroke; stroke: var(--ce-bg); stroke-width: 4px; stroke-linejoin: round";
  svgEl(
    "text",
    { x: ax.inner.w - 4, y: third - 6, "text-anchor": "end", class: "ce-tick", style: halo },
    ax.plot
  ).textContent = "1/3";
  const setBars = bars(ax, N_CLASSES, { colours: [PALETTE.blue], width: 0.6 });
  const rects = [...ax.plot.querySelectorAll("rect.ce-bar")];
  const values = Array.from({ length: N_CLASSES }, (_, c) => svgEl("text", {
    x: ax.x(c),
    "text-anchor": "middle",
    class: "ce-label",
    style: halo
  }, ax.plot));
  function update() {
    const z = [model.get("z0"), model.get("z1"), model.get("z2")].map(Number);
    const s = softmaxState(z, Number(model.get("label")), Number(model.get("temperature")));
    setBars(s.q);
    s.q.forEach((q, c) => {
      rects[c].setAttribute("fill", c === s.label ? PALETTE.green : PALETTE.blue);
      values[c].setAttribute("y", ax.y(q) - 6);
      values[c].textContent = c === s.label ? t(model, "y: {q}", { q: fmt(q, 4) }) : fmt(q, 4);
    });
    const text = ui.readout(readoutLines(s, model));
    ax.describe(t(model, "Bars of q = softmax(z / T) for classes 0, 1 and 2: {q}; the bar of the label y = {y} is green, a dotted line marks the uniform 1/3. {readout}", { q: s.q.map((q) => fmt(q, 4)).join(", "), y: s.label, readout: text }));
  }
  controlsFrom(ui.controls, model, update);
  for (const row of ui.controls.querySelectorAll(".ce-control")) row.style.setProperty("--ce-columns", "8.5em 1fr 6em");
  update();
}
var softmax_loss_default = { render };
export {
  softmax_loss_default as default,
  readoutLines,
  softmaxState
};
