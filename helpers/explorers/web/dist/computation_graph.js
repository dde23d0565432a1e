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

// helpers/explorers/web/computation_graph.js
var WIDTH = 640;
var HEIGHT = 300;
var NODES = {
  x: { cx: 70, cy: 60, name: "x" },
  w: { cx: 70, cy: 150, name: "w" },
  b: { cx: 70, cy: 240, name: "b" },
  s: { cx: 320, cy: 150, name: "s = w·x + b" },
  t: { cx: 320, cy: 260, name: "t" },
  L: { cx: 560, cy: 190, name: "L = (s − t)²" }
};
var EDGES = [["x", "s"], ["w", "s"], ["b", "s"], ["s", "L"], ["t", "L"]];
var BOX = { w: 112, h: 46 };
function graphState(x, w, b, t2) {
  const s = w * x + b;
  const d = s - t2;
  const L = d * d;
  const dLds = 2 * d;
  return { x, w, b, t: t2, s, L, dL_ds: dLds, dL_dw: dLds * x, dL_db: dLds * 1, dL_dx: dLds * w, dL_dt: -dLds };
}
function readoutLines(model, st) {
  const f = (v) => fmt(v, 4);
  return [
    t(model, "forward: s = w·x + b = {s}, L = (s − t)² = {L}", { s: f(st.s), L: f(st.L) }),
    t(model, "backward: dL/ds = 2(s − t) = {dL_ds}, dL/dt = {dL_dt}", { dL_ds: f(st.dL_ds), dL_dt: f(st.dL_dt) }),
    t(
      model,
      "dL/dw = dL/ds · x = {dL_dw}, dL/db = dL/ds · 1 = {dL_db}, dL/dx = dL/ds · w = {dL_dx}",
      { dL_dw: f(st.dL_dw), dL_db: f(st.dL_db), dL_dx: f(st.dL_dx) }
    )
  ];
}
function boxEdge(x1, y1, x2, y2, hw, hh) {
  const dx = x1 - x2;
  const dy = y1 - y2;
  const scale = Math.min(hw / Math.abs(dx || 1e-9), hh / Math.abs(dy || 1e-9));
  return [x2 + dx * Math.min(scale, 1), y2 + dy * Math.min(scale, 1)];
}
function render({ model, el }) {
  const ui = frame(el, model);
  const svg = svgEl("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: "img",
    class: "ce-plot",
    preserveAspectRatio: "xMidYMid meet"
  }, ui.figure);
  svgEl("title", {}, svg).textContent = t(model, "The computation graph of s = w·x + b and L = (s − t)²");
  const desc = svgEl("desc", {}, svg);
  const edgeLayer = svgEl("g", {}, svg);
  const nodeLayer = svgEl("g", {}, svg);
  const gradText = {};
  for (const [from, to] of EDGES) {
    const a = NODES[from];
    const z = NODES[to];
    const [x1, y1] = boxEdge(z.cx, z.cy, a.cx, a.cy, BOX.w / 2, BOX.h / 2);
    const [x2, y2] = boxEdge(a.cx, a.cy, z.cx, z.cy, BOX.w / 2, BOX.h / 2);
    svgEl("line", { x1, y1, x2, y2, stroke: PALETTE.black, "stroke-width": 1.5 }, edgeLayer);
    const angle = Math.atan2(y2 - y1, x2 - x1);
    const head = [0, 1, -1].map((k) => k === 0 ? [x2, y2] : [x2 - 10 * Math.cos(angle) + k * 5 * Math.sin(angle), y2 - 10 * Math.sin(angle) - k * 5 * Math.cos(angle)]);
    svgEl(
      "polygon",
      { points: head.map((p) => p.map((v) => v.toFixed(1)).join(",")).join(" "), fill: PALETTE.black },
      edgeLayer
    );
    gradText[from] = svgEl("text", {
      x: (x1 + x2) / 2,
      y: (y1 + y2) / 2 - 6,
      "text-anchor": "middle",
      fill: PALETTE.vermillion,
      class: "ce-label",
      // a white halo keeps the derivative readable where it crosses its edge
      stroke: "#ffffff",
      "stroke-width": 4,
      "paint-order": "stroke"
    }, edgeLayer);
  }
  const valueText = {};
  for (const [key, node] of Object.entries(NODES)) {
    const leaf = key === "x" || key === "w" || key === "b" || key === "t";
    svgEl("rect", {
      x: node.cx - BOX.w / 2,
      y: node.cy - BOX.h / 2,
      width: BOX.w,
      height: BOX.h,
      rx: 8,
      fill: leaf ? "#ffffff" : "#e8f3fa",
      stroke: PALETTE.blue,
      "stroke-width": 2
    }, nodeLayer);
    svgEl("text", { x: node.cx, y: node.cy - 5, "text-anchor": "middle", class: "ce-label" }, nodeLayer).textContent = node.name;
    valueText[key] = svgEl("text", {
      x: node.cx,
      y: node.cy + 15,
      "text-anchor": "middle",
      fill: PALETTE.blue,
      class: "ce-label"
    }, nodeLayer);
  }
  svgEl("text", { x: 12, y: HEIGHT - 8, class: "ce-label" }, svg).textContent = t(model, "boxes: values (forward) · on each edge: dL/d(its input) (backward)");
  function update() {
    const st = graphState(model.get("x"), model.get("w"), model.get("b"), model.get("t"));
    for (const key of Object.keys(NODES)) valueText[key].textContent = fmt(st[key], 4);
    for (const [from] of EDGES) gradText[from].textContent = `dL/d${from} = ${fmt(st[`dL_d${from}`], 4)}`;
    const text = ui.readout(readoutLines(model, st));
    desc.textContent = t(
      model,
      "Inputs x = {x}, w = {w}, b = {b} feed s; s and the target t = {t} feed L. {readout}",
      { x: fmt(st.x, 1), w: fmt(st.w, 1), b: fmt(st.b, 1), t: fmt(st.t, 1), readout: text }
    );
  }
  controlsFrom(ui.controls, model, update);
  update();
}
var computation_graph_default = { render };
export {
  computation_graph_default as default,
  graphState
};
