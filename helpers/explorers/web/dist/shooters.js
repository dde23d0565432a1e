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

// helpers/explorers/web/shooters.js
var SHOOTERS = [
  { who: "A", hit: PALETTE.blue, miss: PALETTE.sky },
  { who: "B", hit: PALETTE.vermillion, miss: PALETTE.orange }
];
var LN2 = Math.log(2);
var H_GRID = Array.from({ length: 201 }, (_, i) => i / 200);
var xlnx = (x) => x === 0 ? 0 : x * Math.log(x);
var entropyNats = (p) => -(xlnx(p) + xlnx(1 - p)) + 0;
var H_CURVE = H_GRID.map((p) => entropyNats(p) / LN2);
function shootersLines(model, ps) {
  const bits = ps.map((p) => entropyNats(p) / LN2);
  const [bitName, natName] = [t(model, "bits"), t(model, "nats")];
  const names = [t(model, "A (小明)"), t(model, "B (小王)")];
  const lines = SHOOTERS.map((_, i) => t(model, "Shooter {who}: P(hit) = {hit}, P(miss) = {miss}, H = {bits} = {nats}", {
    who: names[i],
    hit: fmt(ps[i], 3),
    miss: fmt(1 - ps[i], 3),
    bits: fmt(bits[i], 4, bitName),
    nats: fmt(entropyNats(ps[i]), 4, natName)
  }));
  const gap = Math.abs(bits[0] - bits[1]);
  lines.push(gap < 5e-5 ? t(model, "Both outcomes are equally uncertain.") : t(
    model,
    "Shooter {who}'s next shot is the more uncertain, by {gap}.",
    { who: bits[0] > bits[1] ? "A" : "B", gap: fmt(gap, 4, bitName) }
  ));
  return { lines, bits };
}
function categoryTicks(ax, at, names) {
  for (const node of ax.svg.querySelectorAll(".ce-grid text.ce-tick[text-anchor='middle']")) node.remove();
  for (const node of ax.svg.querySelectorAll(".ce-grid line.ce-gridline")) {
    if (node.getAttribute("x1") === node.getAttribute("x2")) node.remove();
  }
  at.forEach((x, i) => {
    svgEl("text", { x: ax.x(x), y: ax.inner.h + 18, "text-anchor": "middle", class: "ce-tick" }, ax.plot).textContent = names[i];
  });
}
function render({ model, el }) {
  const ui = frame(el, model);
  ui.figure.style.display = "grid";
  ui.figure.style.gridTemplateColumns = "repeat(auto-fit, minmax(260px, 1fr))";
  ui.figure.style.gap = "0.5em";
  const size = { width: 360, height: 300 };
  const barsAx = axes(ui.figure, {
    ...size,
    xRange: [-0.6, 4.1],
    yRange: [0, 1.12],
    xLabel: t(model, "outcome"),
    yLabel: t(model, "probability"),
    title: t(model, "Outcome probabilities of each shooter: hit and miss")
  });
  const at = [0, 1, 2.5, 3.5];
  categoryTicks(barsAx, at, [t(model, "A hit"), t(model, "A miss"), t(model, "B hit"), t(model, "B miss")]);
  const shifted = (dx) => ({ ...barsAx, x: (v) => barsAx.x(v + dx) });
  const setBars = SHOOTERS.map((s, i) => bars(shifted(2.5 * i), 2, { colours: [s.hit, s.miss], width: 0.75 }));
  const barTags = at.map((x) => svgEl("text", {
    x: barsAx.x(x),
    "text-anchor": "middle",
    class: "ce-label"
  }, barsAx.plot));
  const curveAx = axes(ui.figure, {
    ...size,
    xRange: [0, 1],
    yRange: [0, 1.12],
    xLabel: t(model, "hit probability p"),
    yLabel: t(model, "H(p) (bits)"),
    title: t(model, "Entropy of one shot, H(p) in bits, with both shooters marked")
  });
  curve(curveAx, H_GRID, H_CURVE, { colour: PALETTE.black, width: 2 });
  curveAx.plot.lastElementChild.setAttribute("stroke", "currentColor");
  const pointA = marker(curveAx, { colour: PALETTE.blue, radius: 6 });
  const dropB = svgEl("line", {
    stroke: PALETTE.vermillion,
    "stroke-dasharray": "3 3",
    "stroke-width": 1.5
  }, curveAx.plot);
  const squareB = svgEl("rect", { width: 11, height: 11, fill: PALETTE.vermillion, class: "ce-marker" }, curveAx.plot);
  const tags = SHOOTERS.map(() => svgEl("text", { class: "ce-label", "font-weight": "bold" }, curveAx.plot));
  function place(tag, p, h, above) {
    const left = curveAx.x(p) > 0.8 * curveAx.inner.w;
    tag.setAttribute("text-anchor", left ? "end" : "start");
    tag.setAttribute("x", curveAx.x(p) + (left ? -10 : 10));
    tag.setAttribute("y", curveAx.y(h) + (above ? -8 : 18));
  }
  function update() {
    const ps = [Number(model.get("p_a")), Number(model.get("p_b"))];
    const heights = [ps[0], 1 - ps[0], ps[1], 1 - ps[1]];
    setBars[0](heights.slice(0, 2));
    setBars[1](heights.slice(2));
    heights.forEach((h, i) => {
      barTags[i].setAttribute("y", barsAx.y(h) - 5);
      barTags[i].textContent = fmt(h, 3);
    });
    const { lines, bits } = shootersLines(model, ps);
    const bitName = t(model, "bits");
    pointA(ps[0], bits[0]);
    const bx = curveAx.x(ps[1]);
    const by = curveAx.y(bits[1]);
    squareB.setAttribute("x", bx - 5.5);
    squareB.setAttribute("y", by - 5.5);
    dropB.setAttribute("x1", bx);
    dropB.setAttribute("x2", bx);
    dropB.setAttribute("y1", by);
    dropB.setAttribute("y2", curveAx.inner.h);
    const close = Math.abs(ps[0] - ps[1]) < 0.12 && Math.abs(bits[0] - bits[1]) < 0.15;
    SHOOTERS.forEach((s, i) => {
      place(tags[i], ps[i], bits[i], !close || bits[i] > bits[1 - i] || bits[i] === bits[1 - i] && i === 0);
      tags[i].textContent = t(model, "{who}: {entropy}", { who: s.who, entropy: fmt(bits[i], 4, bitName) });
    });
    const text = ui.readout(lines);
    barsAx.describe(t(
      model,
      "Bars: A hits with probability {a_hit} and misses with {a_miss}; B hits with {b_hit} and misses with {b_miss}.",
      { a_hit: fmt(ps[0], 3), a_miss: fmt(1 - ps[0], 3), b_hit: fmt(ps[1], 3), b_miss: fmt(1 - ps[1], 3) }
    ));
    curveAx.describe(t(model, "The curve H(p) is 0 at p = 0 and p = 1 and peaks at 1 bit at p = 0.5, symmetric about it. A (circle) sits at p = {a_p}, H = {a_h}; B (square) at p = {b_p}, H = {b_h}. {readout}", {
      a_p: fmt(ps[0], 3),
      a_h: fmt(bits[0], 4, bitName),
      b_p: fmt(ps[1], 3),
      b_h: fmt(bits[1], 4, bitName),
      readout: text
    }));
  }
  controlsFrom(ui.controls, model, update);
  update();
}
var shooters_default = { render };
export {
  shooters_default as default
};
