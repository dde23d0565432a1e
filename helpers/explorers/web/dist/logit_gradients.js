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
function legendKey(parent, x, y, colour, dash, text) {
  svgEl("line", {
    x1: x,
    x2: x + 22,
    y1: y - 4,
    y2: y - 4,
    stroke: colour,
    "stroke-width": 2.5,
    "stroke-dasharray": dash
  }, parent);
  svgEl("text", { x: x + 28, y }, parent).textContent = text;
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

// helpers/explorers/web/logit_gradients.js
var LG_S_MIN = -8;
var LG_S_MAX = 8;
var LG_GRID = Array.from({ length: 161 }, (_, i) => LG_S_MIN + i * (LG_S_MAX - LG_S_MIN) / 160);
function lgSigmoid(s) {
  const e = Math.exp(-Math.abs(s));
  return s >= 0 ? 1 / (1 + e) : e / (1 + e);
}
function lgState(s, y) {
  const yHat = lgSigmoid(s);
  const bce = yHat - y;
  const mse = (yHat - y) * yHat * (1 - yHat);
  return { s, y, yHat, bce, mse, slope: yHat * (1 - yHat) };
}
var LG_CURVES = [0, 1].map((y) => {
  const states = LG_GRID.map((s) => lgState(s, y));
  return { bce: states.map((st) => st.bce), mse: states.map((st) => st.mse) };
});
function lgSigned(value, digits) {
  return (value < 0 || Object.is(value, -0) ? "-" : "+") + Math.abs(value).toFixed(digits);
}
function lgLines(model, st) {
  const ratio = st.mse !== 0 ? Math.abs(st.bce) / Math.abs(st.mse) : Infinity;
  return [
    t(
      model,
      "s = {s}, y = {y}: ŷ = sigmoid(s) = {y_hat} (probability)",
      { s: fmt(st.s, 1), y: st.y, y_hat: st.yHat.toFixed(4) }
    ),
    t(model, "BCE gradient ŷ − y = {grad} nats per unit of logit", { grad: lgSigned(st.bce, 4) }),
    t(model, "MSE gradient (ŷ − y) ŷ (1 − ŷ) = {grad} per unit of logit (loss ½(ŷ − y)²)", { grad: lgSigned(st.mse, 4) }),
    t(
      model,
      "the MSE gradient is the BCE one times ŷ (1 − ŷ) = {slope}: {ratio} times smaller",
      { slope: st.slope.toFixed(4), ratio: Number.isFinite(ratio) ? ratio.toFixed(1) : "inf" }
    )
  ];
}
function render({ model, el }) {
  const ui = frame(el, model);
  const ax = axes(ui.figure, {
    xRange: [LG_S_MIN, LG_S_MAX],
    yRange: [-1.1, 1.1],
    xLabel: t(model, "logit s"),
    yLabel: t(model, "dL/ds (per unit of logit)"),
    title: t(model, "The gradients dL/ds of BCE and of MSE on a sigmoid output, as the logit s moves")
  });
  svgEl("line", { x1: 0, x2: ax.inner.w, y1: ax.y(0), y2: ax.y(0), class: "ce-axis" }, ax.plot);
  const sLine = svgEl("line", { y1: 0, y2: ax.inner.h, class: "ce-axis", "stroke-dasharray": "3 3" }, ax.plot);
  const bceCurve = curve(ax, LG_GRID, LG_CURVES[1].bce, { colour: PALETTE.blue, label: t(model, "BCE gradient") });
  const mseCurve = curve(ax, LG_GRID, LG_CURVES[1].mse, {
    colour: PALETTE.vermillion,
    dash: "7 4",
    label: t(model, "MSE gradient")
  });
  const bceDot = svgEl("circle", { r: 6, fill: PALETTE.blue, class: "ce-marker" }, ax.plot);
  const mseDot = svgEl("rect", { width: 11, height: 11, fill: PALETTE.vermillion, class: "ce-marker" }, ax.plot);
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
    ax.describe(t(model, "Two curves over the logit s from -8 to 8 for label y = {y}: the BCE gradient ŷ − y (blue, solid) and the MSE gradient (ŷ − y) ŷ (1 − ŷ) (vermillion, dashed); a circle and a square mark their values at s = {s}. {readout}", { y, s: fmt(st.s, 1), readout: text }));
  }
  controlsFrom(ui.controls, model, update);
  update();
}
var logit_gradients_default = { render };
export {
  logit_gradients_default as default
};
