// Drawing primitives shared by every live explorer: SVG axes and ticks, curves, bars, markers,
// the house colour-blind-safe palette, labelled native controls, and numbers with their units.
// No charting library. An ES module: each explorer's module imports what it uses by name, and the
// bundler (tools/bundle_js.py) joins the two into one module in dist/; nothing is fetched at run time.

const SVG_NS = "http://www.w3.org/2000/svg";

// Okabe & Ito (2008), the palette of helpers.plots.
export const PALETTE = {
  blue: "#0072B2", orange: "#E69F00", green: "#009E73", vermillion: "#D55E00",
  sky: "#56B4E9", purple: "#CC79A7", yellow: "#F0E442", black: "#000000",
};

/** An SVG element with attributes (camelCase keys are written as given). */
export function svgEl(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (parent) parent.appendChild(node);
  return node;
}

/** An HTML element with attributes and optional text. */
export function htmlEl(tag, attrs = {}, text = "", parent = null) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

/**
 * `template` (an English template the Python side declares, marked with N_) in the explorer's
 * language, its `{name}` fields filled from `fields`: the translation comes from the model's
 * "_messages" ({ template: translation }; empty or absent in English, where the template is the
 * text). As Python's str.format, which fills the same template in the reference: `{{` and `}}` are
 * a brace, a field missing from `fields` is an error. Each field is text already (a number written
 * by `fmt`), so the browser writes every number as the reference does, in every language.
 */
export function t(model, template, fields = {}) {
  const messages = model.get("_messages") ?? {};
  const text = Object.hasOwn(messages, template) ? messages[template] : template;
  return text.replace(/\{\{|\}\}|\{(\w+)\}/g, (whole, key) => {
    if (key === undefined) return whole[0];
    if (!Object.hasOwn(fields, key)) throw new Error(`t: no field "${key}" for ${JSON.stringify(template)}`);
    return String(fields[key]);
  });
}

/** A number with `digits` decimals and its unit, e.g. fmt(3, 4, "bits") -> "3.0000 bits". */
export function fmt(value, digits = 4, unit = "") {
  if (!Number.isFinite(value)) return value > 0 ? "∞" : value < 0 ? "−∞" : "nan";
  const text = value.toFixed(digits).replace(/^-(0\.0*)$/, "$1");
  return unit ? `${text} ${unit}` : text;
}

/** Tick positions: about `count` round numbers (1, 2 or 5 times a power of ten) across [lo, hi]. */
export function niceTicks(lo, hi, count = 5) {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => span / s <= count) ?? 10 * power;
  const ticks = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9 * step; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  }
  return ticks;
}

/**
 * Axes in an SVG that fills its box: returns { svg, plot, x, y, setY } where x and y map data to
 * pixels. The SVG carries a <title> and a <desc> (the text alternative), updated with `describe`.
 */
export function axes(parent, { width = 560, height = 300, xRange, yRange, xLabel, yLabel, title }) {
  const margin = { left: 64, right: 16, top: 16, bottom: 48 };
  const svg = svgEl("svg", {
    viewBox: `0 0 ${width} ${height}`, role: "img", class: "ce-plot",
    preserveAspectRatio: "xMidYMid meet",
  }, parent);
  const titleNode = svgEl("title", {}, svg);
  titleNode.textContent = title;
  const desc = svgEl("desc", {}, svg);
  const inner = { w: width - margin.left - margin.right, h: height - margin.top - margin.bottom };
  const frame = svgEl("g", { transform: `translate(${margin.left},${margin.top})` }, svg);
  const grid = svgEl("g", { class: "ce-grid" }, frame);
  const plot = svgEl("g", { class: "ce-data" }, frame);
  const state = { xRange: [...xRange], yRange: [...yRange] };
  const x = (v) => ((v - state.xRange[0]) / (state.xRange[1] - state.xRange[0])) * inner.w;
  const y = (v) => inner.h - ((v - state.yRange[0]) / (state.yRange[1] - state.yRange[0])) * inner.h;
  const yLabelNode = svgEl("text", {
    class: "ce-axis-label", transform: `translate(${-48},${inner.h / 2}) rotate(-90)`, "text-anchor": "middle",
  }, frame);
  const xLabelNode = svgEl("text", {
    class: "ce-axis-label", x: inner.w / 2, y: inner.h + 40, "text-anchor": "middle",
  }, frame);
  xLabelNode.textContent = xLabel;

  function drawGrid() {
    grid.replaceChildren();
    svgEl("line", { x1: 0, x2: inner.w, y1: inner.h, y2: inner.h, class: "ce-axis" }, grid);
    svgEl("line", { x1: 0, x2: 0, y1: 0, y2: inner.h, class: "ce-axis" }, grid);
    for (const t of niceTicks(...state.xRange)) {
      svgEl("line", { x1: x(t), x2: x(t), y1: 0, y2: inner.h, class: "ce-gridline" }, grid);
      const label = svgEl("text", { x: x(t), y: inner.h + 18, "text-anchor": "middle", class: "ce-tick" }, grid);
      label.textContent = String(t);
    }
    for (const t of niceTicks(...state.yRange)) {
      svgEl("line", { x1: 0, x2: inner.w, y1: y(t), y2: y(t), class: "ce-gridline" }, grid);
      const label = svgEl("text", { x: -8, y: y(t) + 4, "text-anchor": "end", class: "ce-tick" }, grid);
      label.textContent = String(t);
    }
  }
  drawGrid();
  yLabelNode.textContent = yLabel;
  return {
    svg, plot, x, y, inner,
    setY(range, label) {
      const changed = range[0] !== state.yRange[0] || range[1] !== state.yRange[1];
      state.yRange = [...range];
      if (changed) drawGrid();
      if (label !== undefined) yLabelNode.textContent = label;
    },
    describe(text) { desc.textContent = text; },
  };
}

/** A polyline through (xs[i], ys[i]) in axes `ax`; returns an updater taking new ys (and xs). */
export function curve(ax, xs, ys, { colour = PALETTE.blue, dash = "", width = 2.5, label = "" } = {}) {
  const line = svgEl("polyline", {
    fill: "none", stroke: colour, "stroke-width": width, "stroke-dasharray": dash, class: "ce-curve",
  }, ax.plot);
  // The drawing as a whole is the image (its title and desc say what it shows): no ARIA on its parts.
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

/** A marker (circle) with an optional dotted drop line to the x axis; returns an updater (x, y). */
export function marker(ax, { colour = PALETTE.vermillion, radius = 6, drop = true } = {}) {
  const line = drop ? svgEl("line", { stroke: colour, "stroke-dasharray": "3 3", "stroke-width": 1.5 }, ax.plot) : null;
  const dot = svgEl("circle", { r: radius, fill: colour, class: "ce-marker" }, ax.plot);
  return (xv, yv) => {
    dot.setAttribute("cx", ax.x(xv));
    dot.setAttribute("cy", ax.y(yv));
    if (line) {
      line.setAttribute("x1", ax.x(xv)); line.setAttribute("x2", ax.x(xv));
      line.setAttribute("y1", ax.y(Math.max(yv, 0))); line.setAttribute("y2", ax.inner.h);
    }
  };
}

/** Vertical bars at category positions 0..n-1 in axes with xRange [-0.5, n-0.5]; returns an updater. */
export function bars(ax, n, { colours = [PALETTE.blue], width = 0.7 } = {}) {
  const rects = Array.from({ length: n }, (_, i) => svgEl("rect", {
    fill: colours[i % colours.length], class: "ce-bar",
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

/** A legend entry: a short line in `colour` (dashed if `dash`) and its text, baseline at pixel (x, y). */
export function legendKey(parent, x, y, colour, dash, text) {
  svgEl("line", {
    x1: x, x2: x + 22, y1: y - 4, y2: y - 4, stroke: colour, "stroke-width": 2.5, "stroke-dasharray": dash,
  }, parent);
  svgEl("text", { x: x + 28, y }, parent).textContent = text;
}

/** A text label in data coordinates; returns an updater (x, y, text). */
export function label(ax, { colour = PALETTE.vermillion, anchor = "start" } = {}) {
  const node = svgEl("text", { fill: colour, "text-anchor": anchor, class: "ce-label" }, ax.plot);
  return (xv, yv, text) => {
    const nearRight = ax.x(xv) > 0.75 * ax.inner.w;
    node.setAttribute("text-anchor", nearRight ? "end" : anchor);
    node.setAttribute("x", ax.x(xv) + (nearRight ? -10 : 8));
    node.setAttribute("y", ax.y(yv) - 8);
    node.textContent = text;
  };
}

/**
 * A labelled native range slider bound to `model`'s trait `spec.name`. Its accessible value text
 * states the value with its unit; arrows, Page Up/Down, Home and End work as in any range input.
 * The label and the unit are templates, shown in the explorer's language (`t`).
 * Returns the <input>. `onInput` runs after the model is updated.
 */
export function slider(parent, model, spec, onInput) {
  const row = htmlEl("div", { class: "ce-control" }, "", parent);
  const id = `ce-${spec.name}-${Math.random().toString(36).slice(2, 9)}`;
  const name = t(model, spec.label);
  const unit = spec.unit ? t(model, spec.unit) : "";
  htmlEl("label", { for: id }, name, row);
  const input = htmlEl("input", {
    type: "range", id, min: spec.min, max: spec.max, step: spec.step, "data-name": spec.name,
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

/** A labelled native <select> bound to `model`'s trait `spec.name` (options: list of strings). Each
 * option's value is its code ("bits"); its text is that code as a template in the explorer's language. */
export function choice(parent, model, spec, onChange) {
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

/** Build the controls that the Python side declares (trait "_controls"), each calling `onChange`. */
export function controlsFrom(parent, model, onChange) {
  return model.get("_controls").map((spec) => (spec.kind === "select"
    ? choice(parent, model, spec, onChange) : slider(parent, model, spec, onChange)));
}

/** The explorer's frame: a heading, a controls area, the figure and a live readout. The name and
 * title come from the Python class (traits "_name" and "_title"), the title in the explorer's language. */
export function frame(el, model) {
  const name = model.get("_name");
  const title = t(model, model.get("_title"));
  el.classList.add("ce-live", `ce-live-${name}`);
  // A div, not a <section>: reveal.js would take a section for a slide of its own.
  const box = htmlEl("div", { class: "ce-explorer-box", role: "group", "aria-label": title }, "", el);
  htmlEl("div", { class: "ce-title" }, title, box);
  // JupyterLab's keyboard shortcuts (arrows move between cells in command mode) must not take the
  // keys a focused slider or select needs: Lumino skips elements inside this attribute.
  const controls = htmlEl("div", { class: "ce-controls", "data-lm-suppress-shortcuts": "true" }, "", box);
  // The keys stay with the control: the notebook around it must not act on them (nor take focus).
  controls.addEventListener("keydown", (event) => event.stopPropagation());
  const readout = htmlEl("div", { class: "ce-readout", "data-explorer": name, "aria-live": "polite" }, "", box);
  const figure = htmlEl("div", { class: "ce-figure" }, "", box);
  return {
    controls, figure,
    readout(lines) {
      readout.replaceChildren(...lines.map((line) => htmlEl("div", {}, line)));
      return lines.join(" ");
    },
  };
}
