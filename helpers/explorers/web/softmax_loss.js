// Notebook 05's live explorer: one sample's logits through softmax, with a temperature, and its loss.
// Computed and drawn in the browser; helpers.explorers.softmax.SoftmaxLoss.reference() is the
// Python reference of every line of the readout (softmax_state through helpers.losses.log_softmax).
// softmaxState and readoutLines are exported for the JavaScript tests (tests/js/softmax.test.mjs).

import { PALETTE, svgEl, fmt, t, axes, bars, controlsFrom, frame } from "./draw.js";

const N_CLASSES = 3;
const UNIFORM_LOSS = Math.log(N_CLASSES);
// A model without translations: the readout in English (the JavaScript tests call readoutLines(s)).
const ENGLISH = { get: () => undefined };

// q = softmax(z / T) and log q, as helpers.losses.log_softmax computes them: subtract the max, then
// log q_c = s_c - (log sum_j e^(s_j - m) + m) and q_c = e^(log q_c). Nothing overflows at small T.
export function softmaxState(z, label, temperature) {
  const scaled = z.map((v) => v / temperature);
  const m = Math.max(...scaled);
  let sum = 0;
  for (const s of scaled) sum += Math.exp(s - m);
  const lse = Math.log(sum) + m;
  const logQ = scaled.map((s) => s - lse);
  const q = logQ.map((v) => Math.exp(v));
  let predicted = 0;
  for (let c = 1; c < N_CLASSES; c += 1) if (q[c] > q[predicted]) predicted = c;
  return { z, label, temperature, q, loss: -logQ[label] + 0, predicted };
}

/** The readout of state `s` in the language of `model` (helpers.explorers.softmax.softmax_lines). */
export function readoutLines(s, model = ENGLISH) {
  const y = s.label;
  const list = (values) => values.map((v) => fmt(v, 4)).join(", ");
  const nats = t(model, "nats");
  const verdict = { predicted: s.predicted, y, q_y: fmt(s.q[y], 4) };
  return [
    t(model, "logits z = ({z}), label y = {y}, temperature T = {t}", { z: list(s.z), y, t: fmt(s.temperature, 2) }),
    t(model, "q = softmax(z / T) = ({q}) (probabilities, sum 1)", { q: list(s.q) }),
    t(model, "loss = -ln q_{y} = {loss} (uniform guess: ln 3 = {uniform})",
      { y, loss: fmt(s.loss, 4, nats), uniform: fmt(UNIFORM_LOSS, 4, nats) }),
    s.predicted === y ? t(model, "predicted class = {predicted} (right); q_{y} = {q_y}", verdict)
      : t(model, "predicted class = {predicted} (wrong); q_{y} = {q_y}", verdict),
  ];
}

function render({ model, el }) {
  const ui = frame(el, model);
  const ax = axes(ui.figure, {
    xRange: [-0.5, N_CLASSES - 0.5], yRange: [0, 1.15],
    xLabel: t(model, "class c (green: the label y; dotted: uniform 1/3)"), yLabel: "q_c = softmax(z / T)_c",
    title: t(model, "Softmax probabilities q = softmax(z / T) of one sample, its label's bar in green"),
  });
  // the uniform guess 1/3, drawn in the theme's text colour (class ce-axis), dotted
  const third = ax.y(1 / N_CLASSES);
  svgEl("line", { x1: 0, x2: ax.inner.w, y1: third, y2: third, class: "ce-axis", "stroke-dasharray": "2 4" }, ax.plot);
  // numbers over the dotted line stay readable: a halo in the background colour behind each glyph
  const halo = "paint-order: stroke; stroke: var(--ce-bg); stroke-width: 4px; stroke-linejoin: round";
  svgEl("text", { x: ax.inner.w - 4, y: third - 6, "text-anchor": "end", class: "ce-tick", style: halo },
    ax.plot).textContent = "1/3";
  const setBars = bars(ax, N_CLASSES, { colours: [PALETTE.blue], width: 0.6 });
  const rects = [...ax.plot.querySelectorAll("rect.ce-bar")];
  const values = Array.from({ length: N_CLASSES }, (_, c) => svgEl("text", {
    x: ax.x(c), "text-anchor": "middle", class: "ce-label", style: halo,
  }, ax.plot));

  function update() {
    const z = [model.get("z0"), model.get("z1"), model.get("z2")].map(Number);
    const s = softmaxState(z, Number(model.get("label")), Number(model.get("temperature")));
    setBars(s.q);
    s.q.forEach((q, c) => {
      rects[c].setAttribute("fill", c === s.label ? PALETTE.green : PALETTE.blue);
      values[c].setAttribute("y", ax.y(q) - 6);
      values[c].textContent = c === s.label ? t(model, "y: {q}", { q: fmt(q, 4) }) : fmt(q, 4);
    });
    const text = ui.readout(readoutLines(s, model));
    ax.describe(t(model, "Bars of q = softmax(z / T) for classes 0, 1 and 2: {q}; the bar of the label y = {y} is green, "
      + "a dotted line marks the uniform 1/3. {readout}", { q: s.q.map((q) => fmt(q, 4)).join(", "), y: s.label, readout: text }));
  }

  controlsFrom(ui.controls, model, update);
  // a label column wide enough for "temperature T" on one line
  for (const row of ui.controls.querySelectorAll(".ce-control")) row.style.setProperty("--ce-columns", "8.5em 1fr 6em");
  update();
}

export default { render };
