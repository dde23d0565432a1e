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

// helpers/explorers/web/logistic.js
var DEMO_X = [-2.2, -1.4, -0.8, -0.3, 0.2, 0.7, 1.3, 2];
var DEMO_Y = [0, 0, 1, 0, 1, 0, 1, 1];
var X_RANGE = [-3, 3];
var GRID_X = Array.from({ length: 121 }, (_, i) => X_RANGE[0] + i * (X_RANGE[1] - X_RANGE[0]) / 120);
var LOSS_TOP = 5;
var BAR_WIDTH = 0.34;
var TIE = 1e-9;
function sigmoid(s) {
  const e = Math.exp(-Math.abs(s));
  return s >= 0 ? 1 / (1 + e) : e / (1 + e);
}
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
    t(
      model,
      "total loss (sum over {count} points) = {total}; mean = {mean} per point",
      { count: DEMO_X.length, total: fmt(st.total, 4, nats), mean: fmt(st.mean, 4, nats) }
    ),
    t(
      model,
      "worst point: x = {x}, y = {y}, ŷ = {y_hat}, loss = {loss}",
      { x: fmt(DEMO_X[i], 1), y: DEMO_Y[i], y_hat: fmt(st.yHat[i], 3), loss: fmt(st.losses[i], 4, nats) }
    )
  ];
}
function shapeText(model, w, b) {
  if (w === 0) return t(model, "is flat at ŷ = {y_hat}", { y_hat: fmt(sigmoid(b), 3) });
  const where = -b / w;
  if (where >= X_RANGE[0] && where <= X_RANGE[1]) {
    const x = fmt(where, 2);
    return w > 0 ? t(model, "rises from left to right, crossing ŷ = 0.5 at x = {x}", { x }) : t(model, "falls from left to right, crossing ŷ = 0.5 at x = {x}", { x });
  }
  return w > 0 ? t(model, "rises from left to right") : t(model, "falls from left to right");
}
function render({ model, el }) {
  const ui = frame(el, model);
  const colours = DEMO_Y.map((y) => y === 1 ? PALETTE.blue : PALETTE.vermillion);
  const top = axes(ui.figure, {
    width: 640,
    height: 250,
    xRange: X_RANGE,
    yRange: [-0.08, 1.08],
    xLabel: t(model, "x   (dots: labels y, blue 1, orange 0; rings: predictions ŷ)"),
    yLabel: "ŷ = g(w x + b)",
    title: t(model, "The sigmoid ŷ = g(w x + b) over eight labelled points")
  });
  const gaps = DEMO_X.map((x, i) => svgEl("line", {
    x1: top.x(x),
    x2: top.x(x),
    y1: top.y(DEMO_Y[i]),
    stroke: colours[i],
    "stroke-width": 1.5,
    "stroke-dasharray": "2 3"
  }, top.plot));
  const sig = curve(top, GRID_X, GRID_X.map(() => 0.5), { colour: PALETTE.green });
  DEMO_X.forEach((x, i) => {
    svgEl("circle", { cx: top.x(x), cy: top.y(DEMO_Y[i]), r: 5.5, fill: colours[i], class: "ce-marker" }, top.plot);
  });
  const rings = DEMO_X.map((x) => svgEl("circle", {
    cx: top.x(x),
    r: 7.5,
    fill: "none",
    stroke: PALETTE.green,
    "stroke-width": 2,
    class: "ce-marker"
  }, top.plot));
  const bottom = axes(ui.figure, {
    width: 640,
    height: 200,
    xRange: X_RANGE,
    yRange: [0, LOSS_TOP],
    xLabel: t(model, "x   (bars: each point's loss, in its label's colour)"),
    yLabel: t(model, "loss (nats)"),
    title: t(model, "Each point's loss")
  });
  const rects = DEMO_X.map((x, i) => svgEl("rect", {
    x: bottom.x(x - BAR_WIDTH / 2),
    width: bottom.x(x + BAR_WIDTH / 2) - bottom.x(x - BAR_WIDTH / 2),
    fill: colours[i],
    class: "ce-bar"
  }, bottom.plot));
  const overflow = DEMO_X.map((x) => svgEl("text", {
    x: bottom.x(x),
    y: bottom.y(LOSS_TOP) - 4,
    "text-anchor": "middle",
    class: "ce-label"
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
    const each = DEMO_X.map((x, i) => t(
      model,
      "x = {x} (label {y}): ŷ = {y_hat}",
      { x: fmt(x, 1), y: DEMO_Y[i], y_hat: fmt(st.yHat[i], 3) }
    ));
    top.describe(t(
      model,
      "The sigmoid ŷ = g(w x + b) for w = {w}, b = {b} over x from −3 to 3 {shape}. Predictions at the eight points: {each}. {readout}",
      { w: fmt(st.w, 1), b: fmt(st.b, 1), shape: shapeText(model, st.w, st.b), each: each.join(between), readout: text }
    ));
    const cut = st.losses.some((l) => l > LOSS_TOP) ? t(model, "; the axis ends at {top} nats, taller bars are cut there and labelled", { top: LOSS_TOP }) : "";
    bottom.describe(t(
      model,
      "Bars under the points: each point's loss, in nats: {each}{cut}.",
      { each: DEMO_X.map((x, i) => `x = ${fmt(x, 1)}: ${fmt(st.losses[i], 3)}`).join(between), cut }
    ));
  }
  controlsFrom(ui.controls, model, update);
  update();
}
var logistic_default = { render };
export {
  logistic_default as default
};
