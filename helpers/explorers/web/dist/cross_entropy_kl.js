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

// helpers/explorers/web/cross_entropy_kl.js
var XENT_TARGETS = {
  "class 0": [1, 0, 0],
  "class 1": [0, 1, 0],
  "class 2": [0, 0, 1],
  soft: [0.7, 0.2, 0.1]
};
var XENT_SCALES = { nats: 1, bits: Math.log(2), dits: Math.log(10) };
var XENT_H_MAX_NATS = 11;
function xentSoftmax(z) {
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const total = e.reduce((a, b) => a + b, 0);
  const q = e.map((v) => v / total);
  const again = q.reduce((a, b) => a + b, 0);
  return q.map((v) => v / again);
}
var xentXlogy = (x, y) => x === 0 ? 0 : x * Math.log(y);
function xentMeasures(p, q, scale) {
  let hp = 0;
  let hpq = 0;
  let klpq = 0;
  let klqp = 0;
  for (let i = 0; i < p.length; i += 1) {
    hp += xentXlogy(p[i], p[i]);
    hpq += xentXlogy(p[i], q[i]);
    klpq += xentXlogy(p[i], p[i]) - xentXlogy(p[i], q[i]);
    klqp += xentXlogy(q[i], q[i]) - xentXlogy(q[i], p[i]);
  }
  return { hp: -hp / scale + 0, hpq: -hpq / scale + 0, klpq: klpq / scale + 0, klqp: klqp / scale + 0 };
}
var xentDist = (x, digits) => `(${x.map((v) => fmt(v, digits)).join(", ")})`;
var xentUnitNames = (model) => ({ nats: t(model, "nats"), bits: t(model, "bits"), dits: t(model, "dits") });
function xentLines(model, q, p, m, unit) {
  return [
    t(model, "q = softmax(z) = {q}; target p = {p}", { q: xentDist(q, 3), p: xentDist(p, 1) }),
    t(model, "H(p) = {h} (the target's own uncertainty)", { h: fmt(m.hp, 4, unit) }),
    t(model, "H(p, q) = {h} (cross-entropy: the loss)", { h: fmt(m.hpq, 4, unit) }),
    t(model, "KL(p || q) = H(p, q) − H(p) = {kl} (≥ 0, zero only at q = p)", { kl: fmt(m.klpq, 4, unit) }),
    Number.isFinite(m.klqp) ? t(model, "KL(q || p) = {kl} (the other order is a different number)", { kl: fmt(m.klqp, 4, unit) }) : t(model, "KL(q || p) = ∞ (q gives probability to classes p rules out)")
  ];
}
function xentKey(parent, x, y, colour, text) {
  svgEl("rect", { x, y: y - 10, width: 12, height: 12, fill: colour }, parent);
  const node = svgEl("text", { x: x + 17, y }, parent);
  node.textContent = text;
}
function render({ model, el }) {
  const ui = frame(el, model);
  const unitNames = xentUnitNames(model);
  const ax = axes(ui.figure, {
    xRange: [-0.5, 2.5],
    yRange: [0, 1.3],
    xLabel: t(model, "class"),
    yLabel: t(model, "probability"),
    title: t(model, "The target p beside the model q = softmax(z), class by class")
  });
  const shifted = (dx) => ({ ...ax, x: (v) => ax.x(v + dx) });
  const pBars = bars(shifted(-0.2), 3, { colours: [PALETTE.blue], width: 0.4 });
  const qBars = bars(shifted(0.2), 3, { colours: [PALETTE.orange], width: 0.4 });
  const qTags = [0, 1, 2].map((i) => svgEl("text", { x: ax.x(i + 0.2), "text-anchor": "middle", class: "ce-label" }, ax.plot));
  xentKey(ax.plot, ax.inner.w / 2 - 140, 16, PALETTE.blue, t(model, "target p"));
  xentKey(ax.plot, ax.inner.w / 2 - 20, 16, PALETTE.orange, t(model, "model q = softmax(z)"));
  const W = 560;
  const H = 96;
  const left = 64;
  const width = 480;
  const strip = svgEl("svg", {
    viewBox: `0 0 ${W} ${H}`,
    role: "img",
    class: "ce-plot",
    preserveAspectRatio: "xMidYMid meet"
  }, ui.figure);
  svgEl("title", {}, strip).textContent = t(model, "The cross-entropy H(p, q) split into H(p) and KL(p || q)");
  const stripDesc = svgEl("desc", {}, strip);
  xentKey(strip, left, 16, PALETTE.green, t(model, "H(p): the target's own uncertainty"));
  xentKey(strip, left + 250, 16, PALETTE.vermillion, t(model, "KL(p || q): the extra price of q"));
  svgEl("text", { x: left - 8, y: 42, "text-anchor": "end" }, strip).textContent = "H(p, q)";
  const hRect = svgEl("rect", { y: 26, height: 22, fill: PALETTE.green }, strip);
  const klRect = svgEl("rect", { y: 26, height: 22, fill: PALETTE.vermillion }, strip);
  const total = svgEl("text", { y: 42 }, strip);
  const ticks = svgEl("g", {}, strip);
  svgEl("line", { x1: left, x2: left + width, y1: 52, y2: 52, class: "ce-axis" }, strip);
  const stripLabel = svgEl("text", { x: left + width / 2, y: 90, "text-anchor": "middle", class: "ce-axis-label" }, strip);
  const px = (nats) => left + Math.max(nats, 0) / XENT_H_MAX_NATS * width;
  let tickUnit = "";
  function drawTicks(unit, scale) {
    ticks.replaceChildren();
    for (const tick of niceTicks(0, XENT_H_MAX_NATS / scale, 10)) {
      svgEl("line", { x1: px(tick * scale), x2: px(tick * scale), y1: 52, y2: 57, class: "ce-axis" }, ticks);
      svgEl("text", { x: px(tick * scale), y: 70, "text-anchor": "middle", class: "ce-tick" }, ticks).textContent = String(tick);
    }
    stripLabel.textContent = t(model, "H(p, q) ({unit})", { unit: unitNames[unit] });
    tickUnit = unit;
  }
  function update() {
    const z = [model.get("z0"), model.get("z1"), model.get("z2")];
    const unit = model.get("unit");
    const name = unitNames[unit];
    const scale = XENT_SCALES[unit];
    const p = XENT_TARGETS[model.get("target")];
    const q = xentSoftmax(z);
    const m = xentMeasures(p, q, scale);
    pBars(p);
    qBars(q);
    q.forEach((v, i) => {
      qTags[i].setAttribute("y", ax.y(v) - 5);
      qTags[i].textContent = fmt(v, 2);
    });
    if (unit !== tickUnit) drawTicks(unit, scale);
    const split = px(m.hp * scale);
    const end = px(m.hpq * scale);
    hRect.setAttribute("x", left);
    hRect.setAttribute("width", split - left);
    klRect.setAttribute("x", split);
    klRect.setAttribute("width", Math.max(end - split, 0));
    const nearRight = end > left + width - 90;
    total.setAttribute("x", nearRight ? end - 6 : end + 6);
    total.setAttribute("text-anchor", nearRight ? "end" : "start");
    total.textContent = fmt(m.hpq, 3, name);
    const text = ui.readout(xentLines(model, q, p, m, name));
    ax.describe(t(
      model,
      "Bars for classes 0, 1 and 2: the target p = {p} in blue beside the model q = {q} in orange. {readout}",
      { p: xentDist(p, 1), q: xentDist(q, 3), readout: text }
    ));
    stripDesc.textContent = t(model, "One bar of length H(p, q) = {total}: H(p) = {h} in green, then KL(p || q) = {kl} in vermillion, on a scale to {top}.", {
      total: fmt(m.hpq, 4, name),
      h: fmt(m.hp, 4, name),
      kl: fmt(m.klpq, 4, name),
      top: fmt(XENT_H_MAX_NATS / scale, 2, name)
    });
  }
  controlsFrom(ui.controls, model, update);
  update();
}
var cross_entropy_kl_default = { render };
export {
  cross_entropy_kl_default as default
};
