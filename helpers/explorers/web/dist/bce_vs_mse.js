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

// helpers/explorers/web/bce_vs_mse.js
var BVM_STEPS = 200;
var BVM_LOSSES = ["bce", "mse"];
var BVM_QUARTER_POWERS = [1, 1.189207115002721, 1.4142135623730951, 1.681792830507429];
function bvmLearningRate(e) {
  const q = Math.round(e * 4);
  if (q !== e * 4) return 2 ** e;
  const k = (q % 4 + 4) % 4;
  return BVM_QUARTER_POWERS[k] * 2 ** ((q - k) / 4);
}
function bvmSum(a, lo = 0, n = a.length) {
  if (n < 8) {
    let res = 0;
    for (let i = lo; i < lo + n; i += 1) res += a[i];
    return res;
  }
  if (n <= 128) {
    const r = [a[lo], a[lo + 1], a[lo + 2], a[lo + 3], a[lo + 4], a[lo + 5], a[lo + 6], a[lo + 7]];
    let i = 8;
    for (; i < n - n % 8; i += 8) {
      for (let j = 0; j < 8; j += 1) r[j] += a[lo + i + j];
    }
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i += 1) res += a[lo + i];
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return bvmSum(a, lo, half) + bvmSum(a, lo + half, n - half);
}
function bvmSigmoid(s) {
  const e = Math.exp(-Math.abs(s));
  return s >= 0 ? 1 / (1 + e) : e / (1 + e);
}
function bvmTrain(x, y, lr, w0) {
  const n = x.length;
  const g = new Float64Array(n);
  const gx = new Float64Array(n);
  const l = new Float64Array(n);
  const m = new Float64Array(n);
  return BVM_LOSSES.map((loss) => {
    const bce = new Float64Array(BVM_STEPS + 1);
    const mse = new Float64Array(BVM_STEPS + 1);
    let w = w0;
    let b = 0;
    for (let t2 = 0; t2 <= BVM_STEPS; t2 += 1) {
      for (let i = 0; i < n; i += 1) {
        const s = w * x[i] + b;
        const yHat = bvmSigmoid(s);
        l[i] = (1 - y[i]) * s + (Math.log1p(Math.exp(-Math.abs(s))) + Math.max(-s, 0));
        const d = yHat - y[i];
        m[i] = 0.5 * (d * d);
        g[i] = loss === "bce" ? yHat - y[i] : (yHat - y[i]) * yHat * (1 - yHat);
        gx[i] = g[i] * x[i];
      }
      bce[t2] = bvmSum(l) / n;
      mse[t2] = bvmSum(m) / n;
      if (t2 === BVM_STEPS) break;
      w -= lr * (bvmSum(gx) / n);
      b -= lr * (bvmSum(g) / n);
    }
    let first = null;
    for (let t2 = 0; t2 <= BVM_STEPS; t2 += 1) {
      if (bce[t2] < 1) {
        first = t2;
        break;
      }
    }
    return { loss, bce, mse, first };
  });
}
function bvmG3(v) {
  let text = v.toPrecision(3);
  const four = v.toPrecision(4);
  const tie = four.endsWith("5") && v.toPrecision(100).replace(/0+$/, "") === four;
  if (tie && Number(four.at(-2)) % 2 === 0) text = four.slice(0, -1);
  return String(Number(text));
}
function bvmLines(model, lr, w0, n, runs) {
  return [
    t(
      model,
      "learning rate {lr}, start w = {w0}, b = 0, {steps} steps of full-batch gradient descent on {points} points",
      { lr: bvmG3(lr), w0: fmt(w0, 1), steps: BVM_STEPS, points: n }
    ),
    ...runs.map((r) => t(model, "trained with {loss}: after the last step mean BCE {bce} nats, mean ½(ŷ − y)² {mse}; {when}", {
      loss: r.loss.toUpperCase(),
      bce: r.bce[BVM_STEPS].toFixed(4),
      mse: r.mse[BVM_STEPS].toFixed(4),
      when: r.first === null ? t(model, "never below 1 nat") : t(model, "below 1 nat from step {step}", { step: r.first })
    }))
  ];
}
var bvmTop = (runs) => Math.max(1.5, Math.ceil(Math.max(...runs.map((r) => Math.max(...r.bce))) * 1.06 * 2) / 2);
function render({ model, el }) {
  const ui = frame(el, model);
  const { x, y } = model.get("data");
  const n = x.length;
  const steps = Array.from({ length: BVM_STEPS + 1 }, (_, t2) => t2);
  const style = [
    { colour: PALETTE.blue, dash: "", name: "BCE" },
    { colour: PALETTE.vermillion, dash: "7 4", name: "MSE" }
  ];
  const ax = axes(ui.figure, {
    xRange: [0, BVM_STEPS],
    yRange: [0, 4.5],
    xLabel: t(model, "gradient-descent step"),
    yLabel: t(model, "mean BCE (nats)"),
    title: t(model, "Mean BCE after each gradient-descent step, for the model trained with BCE and with MSE")
  });
  const oneNat = svgEl("line", { x1: 0, x2: ax.inner.w, class: "ce-axis", "stroke-dasharray": "2 4" }, ax.plot);
  const halo = "paint-order: stroke; stroke: var(--ce-bg); stroke-width: 4px; stroke-linejoin: round";
  const oneNatTag = svgEl("text", { x: ax.inner.w - 4, "text-anchor": "end", class: "ce-tick", style: halo }, ax.plot);
  oneNatTag.textContent = t(model, "1 nat");
  const curves = style.map((s) => curve(ax, steps, new Array(BVM_STEPS + 1).fill(NaN), {
    colour: s.colour,
    dash: s.dash,
    label: t(model, "trained with {loss}", { loss: s.name })
  }));
  const pins = style.map((s) => {
    const drop = svgEl("line", { stroke: s.colour, "stroke-dasharray": "3 3", "stroke-width": 1.5 }, ax.plot);
    const dot = svgEl("circle", { r: 5, fill: s.colour, class: "ce-marker" }, ax.plot);
    return { drop, dot };
  });
  const keys = svgEl("g", {}, ax.plot);
  legendKey(keys, ax.inner.w - 190, 18, style[0].colour, style[0].dash, t(model, "trained with {loss}", { loss: "BCE" }));
  legendKey(keys, ax.inner.w - 190, 38, style[1].colour, style[1].dash, t(model, "trained with {loss}", { loss: "MSE" }));
  let lrSlider = null;
  let lrOutput = null;
  const lrLabel = t(model, "learning rate");
  function update() {
    const e = Number(model.get("log2_lr"));
    const w0 = Number(model.get("w0"));
    const lr = bvmLearningRate(e);
    const runs = bvmTrain(x, y, lr, w0);
    ax.setY([0, bvmTop(runs)]);
    oneNat.setAttribute("y1", ax.y(1));
    oneNat.setAttribute("y2", ax.y(1));
    oneNatTag.setAttribute("y", ax.y(1) - 5);
    runs.forEach((r, k) => {
      curves[k](r.bce);
      const { drop, dot } = pins[k];
      const hidden = r.first === null ? "hidden" : "visible";
      drop.setAttribute("visibility", hidden);
      dot.setAttribute("visibility", hidden);
      if (r.first !== null) {
        const px = ax.x(r.first);
        const py = ax.y(r.bce[r.first]);
        dot.setAttribute("cx", px);
        dot.setAttribute("cy", py);
        drop.setAttribute("x1", px);
        drop.setAttribute("x2", px);
        drop.setAttribute("y1", py);
        drop.setAttribute("y2", ax.inner.h);
      }
    });
    if (lrSlider) {
      lrOutput.textContent = `${bvmG3(lr)} (2^${e})`;
      lrSlider.setAttribute("aria-valuetext", t(
        model,
        "{label} {lr} (2 to the power {exponent})",
        { label: lrLabel, lr: bvmG3(lr), exponent: e }
      ));
    }
    const text = ui.readout(bvmLines(model, lr, w0, n, runs));
    const when = (r) => r.first === null ? t(model, "never gets below 1 nat") : t(model, "first gets below 1 nat at step {step}", { step: r.first });
    ax.describe(t(model, "Two curves of the mean BCE in nats over {steps} gradient-descent steps, learning rate {lr} and start w = {w0}: trained with BCE (blue, solid; {bce_when}) and trained with MSE (vermillion, dashed; {mse_when}); a dotted line marks 1 nat. {readout}", {
      steps: BVM_STEPS,
      lr: bvmG3(lr),
      w0: fmt(w0, 1),
      bce_when: when(runs[0]),
      mse_when: when(runs[1]),
      readout: text
    }));
  }
  [lrSlider] = controlsFrom(ui.controls, model, update);
  lrOutput = lrSlider.parentElement.querySelector("output");
  for (const row of ui.controls.querySelectorAll(".ce-control")) row.style.setProperty("--ce-columns", "8em 1fr 9.5em");
  update();
}
var bce_vs_mse_default = { render };
export {
  bce_vs_mse_default as default
};
