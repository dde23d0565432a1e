// Notebook 00's live widget check: a slider for x, the parabola y = x² with the point (x, x²)
// marked, and a readout. Computed and drawn in the browser;
// helpers.explorers.start.WidgetCheck.reference() is the Python reference of every line.

import { PALETTE, fmt, t, axes, curve, marker, label, controlsFrom, frame } from "./draw.js";

const X_MIN = -2;
const X_MAX = 2;
const GRID = Array.from({ length: 101 }, (_, i) => X_MIN + (i * (X_MAX - X_MIN)) / 100);
const PARABOLA = GRID.map((x) => x * x);

function readoutLines(model, x) {
  return [
    t(model, "x = {x}, x squared = {x2}", { x: fmt(x, 1), x2: fmt(x * x, 2) }),
    t(model, "If you can read this and the dot follows the slider, widgets work."),
  ];
}

function render({ model, el }) {
  const ui = frame(el, model);
  const ax = axes(ui.figure, {
    width: 480, height: 260, xRange: [-2.2, 2.2], yRange: [-0.2, 4.4], xLabel: "x", yLabel: t(model, "x squared"),
    title: t(model, "The parabola y = x² with the point (x, x²) marked"),
  });
  curve(ax, GRID, PARABOLA, { colour: PALETTE.blue, label: t(model, "the parabola y = x²") });
  const point = marker(ax, { colour: PALETTE.vermillion, radius: 7 });
  const tag = label(ax);

  function update() {
    const x = model.get("x");
    const y = x * x;
    point(x, y);
    tag(x, y, `(${fmt(x, 1)}, ${fmt(y, 2)})`);
    ui.readout(readoutLines(model, x));
    ax.describe(t(model, "The parabola y = x² for x from −2 to 2. The marked point is at x = {x}, x squared = {x2}; "
      + "it moves along the parabola with the slider.", { x: fmt(x, 1), x2: fmt(y, 2) }));
  }

  controlsFrom(ui.controls, model, update);
  update();
}

export default { render };
