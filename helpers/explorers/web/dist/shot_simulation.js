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

// helpers/explorers/web/shot_simulation.js
var SIM_LN2 = Math.log(2);
var SIM_GOLDEN = 2654435769;
var SIM_TWO_32 = 4294967296;
var SIM_MAX_POINTS = 300;
var SIM_SHOOTERS = [{ who: "A", colour: PALETTE.blue }, { who: "B", colour: PALETTE.vermillion }];
function lowbias32(x) {
  x = (x ^ x >>> 16) >>> 0;
  x = Math.imul(x, 2146121005);
  x = (x ^ x >>> 15) >>> 0;
  x = Math.imul(x, 2221713035);
  return (x ^ x >>> 16) >>> 0;
}
function shotHashes(n, seed, stream, start = 0, into = new Uint32Array(n)) {
  const key = lowbias32(lowbias32((seed ^ SIM_GOLDEN) >>> 0) + stream >>> 0);
  for (let i = start; i < n; i += 1) into[i] = lowbias32(key + Math.imul(i, SIM_GOLDEN) >>> 0);
  return into;
}
var simCache = /* @__PURE__ */ new Map();
function cachedHashes(n, seed, stream) {
  const key = `${seed}/${stream}`;
  let found = simCache.get(key);
  if (!found || found.length < n) {
    const grown = new Uint32Array(n);
    if (found) grown.set(found);
    found = shotHashes(n, seed, stream, found ? found.length : 0, grown);
  }
  simCache.delete(key);
  simCache.set(key, found);
  while (simCache.size > 6) simCache.delete(simCache.keys().next().value);
  return found;
}
var simXlnx = (x) => x === 0 ? 0 : x * Math.log(x);
var simBits = (f) => -(simXlnx(f) + simXlnx(1 - f)) / SIM_LN2 + 0;
function checkpoints(n) {
  const count = Math.min(n, SIM_MAX_POINTS);
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const m = count === 1 ? 1 : Math.round(Math.exp(Math.log(n) * i / (count - 1)));
    if (m !== out[out.length - 1]) out.push(m);
  }
  out[out.length - 1] = n;
  return out;
}
function runShooter(hashes, n, p, ms) {
  const threshold = p * SIM_TWO_32;
  const curveH = new Array(ms.length);
  let k = 0;
  let next = 0;
  for (let i = 0; i < n; i += 1) {
    if (hashes[i] < threshold) k += 1;
    if (i + 1 === ms[next]) {
      curveH[next] = simBits(k / (i + 1));
      next += 1;
    }
  }
  return { hits: k, freq: k / n, plugin: simBits(k / n), curve: curveH };
}
function signed(value, digits) {
  const text = fmt(value, digits);
  return text.startsWith("-") || !/[1-9]/.test(text) ? text : `+${text}`;
}
function simulationLines(model, n, seed, runs, truths) {
  const bits = t(model, "bits");
  return [t(model, "n = {n} shots each, seed {seed}", { n, seed }), ...runs.map((r, i) => t(
    model,
    "Shooter {who}: {hits} hits, frequency {freq}; plug-in H = {plugin}, true H = {true}, off by {off} bits",
    {
      who: SIM_SHOOTERS[i].who,
      hits: r.hits,
      freq: fmt(r.freq, 4),
      plugin: fmt(r.plugin, 4, bits),
      true: fmt(truths[i], 4, bits),
      off: signed(r.plugin - truths[i], 4)
    }
  ))];
}
var countLabel = (m) => m >= 1e3 ? `${m / 1e3}k` : String(m);
function countAxes(parent, { width = 560, height = 320, yRange, xLabel, yLabel, title }) {
  const margin = { left: 64, right: 24, top: 36, bottom: 48 };
  const svg = svgEl("svg", {
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    class: "ce-plot",
    preserveAspectRatio: "xMidYMid meet"
  }, parent);
  svgEl("title", {}, svg).textContent = title;
  const desc = svgEl("desc", {}, svg);
  const inner = { w: width - margin.left - margin.right, h: height - margin.top - margin.bottom };
  const frameG = svgEl("g", { transform: `translate(${margin.left},${margin.top})` }, svg);
  const yGrid = svgEl("g", { class: "ce-grid" }, frameG);
  const xGrid = svgEl("g", { class: "ce-grid" }, frameG);
  const plot = svgEl("g", { class: "ce-data" }, frameG);
  let top = null;
  const x = (m) => top > 1 ? Math.log10(Math.max(m, 1)) / Math.log10(top) * inner.w : 0;
  const y = (v) => inner.h - (v - yRange[0]) / (yRange[1] - yRange[0]) * inner.h;
  svgEl("line", { x1: 0, x2: inner.w, y1: inner.h, y2: inner.h, class: "ce-axis" }, yGrid);
  svgEl("line", { x1: 0, x2: 0, y1: 0, y2: inner.h, class: "ce-axis" }, yGrid);
  for (const t2 of niceTicks(...yRange)) {
    svgEl("line", { x1: 0, x2: inner.w, y1: y(t2), y2: y(t2), class: "ce-gridline" }, yGrid);
    svgEl("text", { x: -8, y: y(t2) + 4, "text-anchor": "end", class: "ce-tick" }, yGrid).textContent = String(t2);
  }
  svgEl("text", {
    class: "ce-axis-label",
    transform: `translate(${-48},${inner.h / 2}) rotate(-90)`,
    "text-anchor": "middle"
  }, frameG).textContent = yLabel;
  svgEl("text", { class: "ce-axis-label", x: inner.w / 2, y: inner.h + 40, "text-anchor": "middle" }, frameG).textContent = xLabel;
  function setN(n) {
    if (n === top) return;
    top = n;
    xGrid.replaceChildren();
    const marks = [];
    for (let power = 1; power <= n; power *= 10) {
      for (const f of [1, 2, 5]) if (f * power <= n) marks.push({ m: f * power, major: f === 1 || n <= 100 });
    }
    if (marks[marks.length - 1].m !== n) marks.push({ m: n, major: true });
    const end = x(n);
    for (const { m, major } of marks) {
      svgEl("line", { x1: x(m), x2: x(m), y1: 0, y2: inner.h, class: "ce-gridline" }, xGrid);
      if (major && (m === n || end - x(m) >= 40)) {
        svgEl("text", { x: x(m), y: inner.h + 18, "text-anchor": "middle", class: "ce-tick" }, xGrid).textContent = countLabel(m);
      }
    }
  }
  return { svg, plot, x, y, inner, setN, describe(text) {
    desc.textContent = text;
  } };
}
function render({ model, el }) {
  const ui = frame(el, model);
  const ax = countAxes(ui.figure, {
    yRange: [-0.03, 1.05],
    xLabel: t(model, "number of shots m (log scale)"),
    yLabel: t(model, "entropy (bits)"),
    title: t(model, "Plug-in entropy of the first m shots (solid) against the true entropy (dashed)")
  });
  ax.setN(Number(model.get("n")));
  const truths = SIM_SHOOTERS.map((s) => curve(ax, [1, 10], [0, 0], { colour: s.colour, dash: "7 5", width: 1.8 }));
  const runs = SIM_SHOOTERS.map((s) => curve(ax, [1], [0], { colour: s.colour, width: 2.2 }));
  legendKey(ax.plot, 0, -14, PALETTE.blue, "", t(model, "shooter A"));
  legendKey(ax.plot, 115, -14, PALETTE.vermillion, "", t(model, "shooter B"));
  legendKey(ax.plot, 230, -14, "currentColor", "", t(model, "plug-in H"));
  legendKey(ax.plot, 340, -14, "currentColor", "7 5", t(model, "true H"));
  const lastRuns = [{ key: "" }, { key: "" }];
  function update() {
    const ps = [Number(model.get("p_a")), Number(model.get("p_b"))];
    const n = Number(model.get("n"));
    const seed = Number(model.get("seed"));
    const ms = checkpoints(n);
    const results = ps.map((p, stream) => {
      const key = `${seed}/${n}/${p}`;
      if (lastRuns[stream].key !== key) {
        lastRuns[stream] = { key, run: runShooter(cachedHashes(n, seed, stream), n, p, ms) };
      }
      return lastRuns[stream].run;
    });
    const trueH = ps.map(simBits);
    ax.setN(n);
    results.forEach((r, i) => {
      runs[i](r.curve, ms);
      truths[i]([trueH[i], trueH[i]], [1, n]);
    });
    const text = ui.readout(simulationLines(model, n, seed, results, trueH));
    const bits = t(model, "bits");
    ax.describe(t(model, "Over m = 1 to {n} shots on a log scale, the plug-in entropy of the first m shots: shooter A in blue ends at {a_plugin} against a true {a_true} (dashed), shooter B in vermillion at {b_plugin} against {b_true}. {readout}", {
      n,
      a_plugin: fmt(results[0].plugin, 4, bits),
      a_true: fmt(trueH[0], 4, bits),
      b_plugin: fmt(results[1].plugin, 4, bits),
      b_true: fmt(trueH[1], 4, bits),
      readout: text
    }));
  }
  controlsFrom(ui.controls, model, update);
  update();
}
var shot_simulation_default = { render };
export {
  shot_simulation_default as default
};
