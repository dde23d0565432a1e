// Notebook 00a's live explorer "computation_graph": sliders for x, w, b and the target t; the graph
// of s = w·x + b, L = (s − t)² drawn as SVG, each node with its value (the forward pass) and each edge
// with the derivative of L with respect to the node it leaves (the backward pass, by the chain rule).
// Computed and drawn in the browser; helpers.explorers.onramp.ComputationGraph.reference() is the
// Python reference of every line of the readout.

import { PALETTE, svgEl, fmt, t, controlsFrom, frame } from "./draw.js";

const WIDTH = 640;
const HEIGHT = 300;
// Where each node sits (its centre), and what it is called.
const NODES = {
  x: { cx: 70, cy: 60, name: "x" },
  w: { cx: 70, cy: 150, name: "w" },
  b: { cx: 70, cy: 240, name: "b" },
  s: { cx: 320, cy: 150, name: "s = w·x + b" },
  t: { cx: 320, cy: 260, name: "t" },
  L: { cx: 560, cy: 190, name: "L = (s − t)²" },
};
// Each edge runs from an input to the node it feeds; its label is dL/d(input).
const EDGES = [["x", "s"], ["w", "s"], ["b", "s"], ["s", "L"], ["t", "L"]];
const BOX = { w: 112, h: 46 };

/** The forward and backward pass, in the order and form of helpers.explorers.onramp.graph_state. */
export function graphState(x, w, b, t) {
  const s = w * x + b;
  const d = s - t;
  const L = d * d;
  const dLds = 2 * d;
  return { x, w, b, t, s, L, dL_ds: dLds, dL_dw: dLds * x, dL_db: dLds * 1, dL_dx: dLds * w, dL_dt: -dLds };
}

function readoutLines(model, st) {
  const f = (v) => fmt(v, 4);
  return [
    t(model, "forward: s = w·x + b = {s}, L = (s − t)² = {L}", { s: f(st.s), L: f(st.L) }),
    t(model, "backward: dL/ds = 2(s − t) = {dL_ds}, dL/dt = {dL_dt}", { dL_ds: f(st.dL_ds), dL_dt: f(st.dL_dt) }),
    t(model, "dL/dw = dL/ds · x = {dL_dw}, dL/db = dL/ds · 1 = {dL_db}, dL/dx = dL/ds · w = {dL_dx}",
      { dL_dw: f(st.dL_dw), dL_db: f(st.dL_db), dL_dx: f(st.dL_dx) }),
  ];
}

/** The point where the segment from (x1, y1) to (x2, y2) leaves a box of half-size (hw, hh) around its end. */
function boxEdge(x1, y1, x2, y2, hw, hh) {
  const dx = x1 - x2;
  const dy = y1 - y2;
  const scale = Math.min(hw / Math.abs(dx || 1e-9), hh / Math.abs(dy || 1e-9));
  return [x2 + dx * Math.min(scale, 1), y2 + dy * Math.min(scale, 1)];
}

function render({ model, el }) {
  const ui = frame(el, model);
  const svg = svgEl("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", class: "ce-plot", preserveAspectRatio: "xMidYMid meet",
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
    const head = [0, 1, -1].map((k) => (k === 0 ? [x2, y2]
      : [x2 - 10 * Math.cos(angle) + k * 5 * Math.sin(angle), y2 - 10 * Math.sin(angle) - k * 5 * Math.cos(angle)]));
    svgEl("polygon", { points: head.map((p) => p.map((v) => v.toFixed(1)).join(",")).join(" "), fill: PALETTE.black },
      edgeLayer);
    gradText[from] = svgEl("text", {
      x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 6, "text-anchor": "middle", fill: PALETTE.vermillion, class: "ce-label",
      // a white halo keeps the derivative readable where it crosses its edge
      stroke: "#ffffff", "stroke-width": 4, "paint-order": "stroke",
    }, edgeLayer);
  }
  const valueText = {};
  for (const [key, node] of Object.entries(NODES)) {
    const leaf = key === "x" || key === "w" || key === "b" || key === "t";
    svgEl("rect", {
      x: node.cx - BOX.w / 2, y: node.cy - BOX.h / 2, width: BOX.w, height: BOX.h, rx: 8,
      fill: leaf ? "#ffffff" : "#e8f3fa", stroke: PALETTE.blue, "stroke-width": 2,
    }, nodeLayer);
    svgEl("text", { x: node.cx, y: node.cy - 5, "text-anchor": "middle", class: "ce-label" }, nodeLayer)
      .textContent = node.name;
    valueText[key] = svgEl("text", { x: node.cx, y: node.cy + 15, "text-anchor": "middle", fill: PALETTE.blue,
      class: "ce-label" }, nodeLayer);
  }
  svgEl("text", { x: 12, y: HEIGHT - 8, class: "ce-label" }, svg).textContent =
    t(model, "boxes: values (forward) · on each edge: dL/d(its input) (backward)");

  function update() {
    const st = graphState(model.get("x"), model.get("w"), model.get("b"), model.get("t"));
    for (const key of Object.keys(NODES)) valueText[key].textContent = fmt(st[key], 4);
    for (const [from] of EDGES) gradText[from].textContent = `dL/d${from} = ${fmt(st[`dL_d${from}`], 4)}`;
    const text = ui.readout(readoutLines(model, st));
    desc.textContent = t(model, "Inputs x = {x}, w = {w}, b = {b} feed s; s and the target t = {t} feed L. {readout}",
      { x: fmt(st.x, 1), w: fmt(st.w, 1), b: fmt(st.b, 1), t: fmt(st.t, 1), readout: text });
  }

  controlsFrom(ui.controls, model, update);
  update();
}

export default { render };
