// Notebook 03's live explorer: seeded shots of both shooters and the running plug-in entropy of the
// first m shots against the true entropy. The browser draws the very shots of
// helpers.experiments.simulate_shots: the same counter-based hash (lowbias32), bit for bit.
// helpers.explorers.entropy.ShotSimulation.reference() is the Python reference of every line
// of the readout.

import { PALETTE, svgEl, fmt, t, niceTicks, curve, legendKey, controlsFrom, frame } from "./draw.js";

const SIM_LN2 = Math.log(2);
const SIM_GOLDEN = 0x9e3779b9;   // 2^32 / golden ratio: the key's offset and the counter's stride
const SIM_TWO_32 = 4294967296;
const SIM_MAX_POINTS = 300;      // points drawn of a running curve (log-spaced), whatever n is
const SIM_SHOOTERS = [{ who: "A", colour: PALETTE.blue }, { who: "B", colour: PALETTE.vermillion }];

/** Chris Wellons' lowbias32 on an unsigned 32-bit integer (helpers.experiments.lowbias32). */
function lowbias32(x) {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d);
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The hashes behind shot_uniforms(n, seed, stream): u_i = h(key + i G) / 2^32, key = h(h(seed ^ G) + stream). */
function shotHashes(n, seed, stream, start = 0, into = new Uint32Array(n)) {
  const key = lowbias32((lowbias32((seed ^ SIM_GOLDEN) >>> 0) + stream) >>> 0);
  for (let i = start; i < n; i += 1) into[i] = lowbias32((key + Math.imul(i, SIM_GOLDEN)) >>> 0);
  return into;
}

// The hashes of each (seed, stream) in use, grown as n grows (a larger n only appends shots), so a
// move of p only recounts. At most a few pairs are kept.
const simCache = new Map();
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

const simXlnx = (x) => (x === 0 ? 0 : x * Math.log(x));
/** H(f) in bits (helpers.info.binary_entropy with base 2). */
const simBits = (f) => -(simXlnx(f) + simXlnx(1 - f)) / SIM_LN2 + 0;

/** The checkpoints m of a running curve: about 300 log-spaced counts from 1 to n, n included. */
function checkpoints(n) {
  const count = Math.min(n, SIM_MAX_POINTS);
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const m = count === 1 ? 1 : Math.round(Math.exp((Math.log(n) * i) / (count - 1)));
    if (m !== out[out.length - 1]) out.push(m);
  }
  out[out.length - 1] = n;
  return out;
}

/** One shooter's n shots: hits, the final plug-in entropy and the running one at each checkpoint.
 * Shot i is a hit when u_i = hash_i / 2^32 < p, that is hash_i < p 2^32 (both exact). */
function runShooter(hashes, n, p, ms) {
  const threshold = p * SIM_TWO_32;
  const curveH = new Array(ms.length);
  let k = 0;
  let next = 0;
  for (let i = 0; i < n; i += 1) {
    if (hashes[i] < threshold) k += 1;
    if (i + 1 === ms[next]) { curveH[next] = simBits(k / (i + 1)); next += 1; }
  }
  return { hits: k, freq: k / n, plugin: simBits(k / n), curve: curveH };
}

/** A difference with its sign, as the Python reference writes it (entropy._signed). */
function signed(value, digits) {
  const text = fmt(value, digits);
  return text.startsWith("-") || !/[1-9]/.test(text) ? text : `+${text}`;
}

function simulationLines(model, n, seed, runs, truths) {
  const bits = t(model, "bits");
  return [t(model, "n = {n} shots each, seed {seed}", { n, seed }), ...runs.map((r, i) => t(model,
    "Shooter {who}: {hits} hits, frequency {freq}; plug-in H = {plugin}, true H = {true}, off by {off} bits", {
      who: SIM_SHOOTERS[i].who, hits: r.hits, freq: fmt(r.freq, 4), plugin: fmt(r.plugin, 4, bits),
      true: fmt(truths[i], 4, bits), off: signed(r.plugin - truths[i], 4),
    }))];
}

/** A count as a tick label: 1, 2, 5, 10, ..., 1k, 20k, 100k. */
const countLabel = (m) => (m >= 1000 ? `${m / 1000}k` : String(m));

/** Axes with a log-scaled x (counts 1 to n) and a linear y, in the style of draw.js's `axes`:
 * returns { svg, plot, x, y, inner, setN, describe }; setN(n) redraws the x ticks. */
function countAxes(parent, { width = 560, height = 320, yRange, xLabel, yLabel, title }) {
  const margin = { left: 64, right: 24, top: 36, bottom: 48 };
  const svg = svgEl("svg", {
    viewBox: `0 0 ${width} ${height}`, role: "img", class: "ce-plot", preserveAspectRatio: "xMidYMid meet",
  }, parent);
  svgEl("title", {}, svg).textContent = title;
  const desc = svgEl("desc", {}, svg);
  const inner = { w: width - margin.left - margin.right, h: height - margin.top - margin.bottom };
  const frameG = svgEl("g", { transform: `translate(${margin.left},${margin.top})` }, svg);
  const yGrid = svgEl("g", { class: "ce-grid" }, frameG);
  const xGrid = svgEl("g", { class: "ce-grid" }, frameG);
  const plot = svgEl("g", { class: "ce-data" }, frameG);
  let top = null; // n, the right end of the x axis: set by setN
  const x = (m) => (top > 1 ? (Math.log10(Math.max(m, 1)) / Math.log10(top)) * inner.w : 0);
  const y = (v) => inner.h - ((v - yRange[0]) / (yRange[1] - yRange[0])) * inner.h;
  svgEl("line", { x1: 0, x2: inner.w, y1: inner.h, y2: inner.h, class: "ce-axis" }, yGrid);
  svgEl("line", { x1: 0, x2: 0, y1: 0, y2: inner.h, class: "ce-axis" }, yGrid);
  for (const t of niceTicks(...yRange)) {
    svgEl("line", { x1: 0, x2: inner.w, y1: y(t), y2: y(t), class: "ce-gridline" }, yGrid);
    svgEl("text", { x: -8, y: y(t) + 4, "text-anchor": "end", class: "ce-tick" }, yGrid).textContent = String(t);
  }
  svgEl("text", {
    class: "ce-axis-label", transform: `translate(${-48},${inner.h / 2}) rotate(-90)`, "text-anchor": "middle",
  }, frameG).textContent = yLabel;
  svgEl("text", { class: "ce-axis-label", x: inner.w / 2, y: inner.h + 40, "text-anchor": "middle" }, frameG)
    .textContent = xLabel;

  function setN(n) {
    if (n === top) return;
    top = n;
    xGrid.replaceChildren();
    // grid lines at 1, 2, 5, 10, 20, ... up to n; labels on the powers of ten (and on 2 and 5 times
    // them while n is small), always on n itself, never two closer than 40 px
    const marks = [];
    for (let power = 1; power <= n; power *= 10) {
      for (const f of [1, 2, 5]) if (f * power <= n) marks.push({ m: f * power, major: f === 1 || n <= 100 });
    }
    if (marks[marks.length - 1].m !== n) marks.push({ m: n, major: true });
    const end = x(n);
    for (const { m, major } of marks) {
      svgEl("line", { x1: x(m), x2: x(m), y1: 0, y2: inner.h, class: "ce-gridline" }, xGrid);
      if (major && (m === n || end - x(m) >= 40)) {
        svgEl("text", { x: x(m), y: inner.h + 18, "text-anchor": "middle", class: "ce-tick" }, xGrid)
          .textContent = countLabel(m);
      }
    }
  }
  return { svg, plot, x, y, inner, setN, describe(text) { desc.textContent = text; } };
}

function render({ model, el }) {
  const ui = frame(el, model);
  const ax = countAxes(ui.figure, {
    yRange: [-0.03, 1.05], xLabel: t(model, "number of shots m (log scale)"), yLabel: t(model, "entropy (bits)"),
    title: t(model, "Plug-in entropy of the first m shots (solid) against the true entropy (dashed)"),
  });
  ax.setN(Number(model.get("n")));
  const truths = SIM_SHOOTERS.map((s) => curve(ax, [1, 10], [0, 0], { colour: s.colour, dash: "7 5", width: 1.8 }));
  const runs = SIM_SHOOTERS.map((s) => curve(ax, [1], [0], { colour: s.colour, width: 2.2 }));
  // the legend, in one row above the plot
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
      // a move of one shooter's p leaves the other's run as it was
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
    ax.describe(t(model, "Over m = 1 to {n} shots on a log scale, the plug-in entropy of the first m shots: shooter A in blue "
      + "ends at {a_plugin} against a true {a_true} (dashed), shooter B in vermillion at {b_plugin} against "
      + "{b_true}. {readout}", {
      n, a_plugin: fmt(results[0].plugin, 4, bits), a_true: fmt(trueH[0], 4, bits),
      b_plugin: fmt(results[1].plugin, 4, bits), b_true: fmt(trueH[1], 4, bits), readout: text,
    }));
  }

  controlsFrom(ui.controls, model, update);
  update();
}

export default { render };
