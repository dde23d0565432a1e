// The drawing primitives of helpers/explorers/web/draw.js, run by Node's test runner (node --test).
import assert from "node:assert/strict";
import { test } from "node:test";
import { axes, bars, choice, curve, fmt, frame, label, niceTicks, slider, t } from "../../helpers/explorers/web/draw.js";
import { fakeDocument, fakeModel } from "./fake_dom.mjs";

test("fmt writes `digits` decimals, then the unit", () => {
  assert.equal(fmt(3, 4, "bits"), "3.0000 bits");
  assert.equal(fmt(0.4689955935892812), "0.4690");
  assert.equal(fmt(-1.5, 1, "nats"), "-1.5 nats");
  assert.equal(fmt(7, 0), "7");
});

test("fmt rounds as toFixed: by the number's exact binary value, an exact tie away from zero", () => {
  assert.equal(fmt(1.005, 2), "1.00"); // 1.005 is stored as 1.00499999999999989...
  assert.equal(fmt(0.125, 2), "0.13"); // an exact tie (Python's "%.2f" gives 0.12)
  assert.equal(fmt(-0.125, 2), "-0.13");
  assert.equal(fmt(2.5, 0), "3");
  assert.equal(fmt(-2.5, 0), "-3");
});

test("fmt never shows a negative zero", () => {
  assert.equal(fmt(-0), "0.0000");
  assert.equal(fmt(-0.004, 2), "0.00");
  assert.equal(fmt(-1e-300, 4, "bits"), "0.0000 bits");
  assert.equal(fmt(-0.006, 2), "-0.01"); // a negative number that shows a digit keeps its sign
});

test("fmt names the non-finite values: ∞, −∞ (a minus sign, U+2212) and nan", () => {
  assert.equal(fmt(Infinity), "∞");
  assert.equal(fmt(-Infinity), "\u2212∞");
  assert.equal(fmt(Number.NaN), "nan");
});

test("niceTicks steps by 1, 2 or 5 times a power of ten, inside the range", () => {
  assert.deepEqual(niceTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(0, 1.15), [0, 0.5, 1]);
  assert.deepEqual(niceTicks(-8, 8), [-5, 0, 5]);
  assert.deepEqual(niceTicks(-0.5, 2.5), [0, 1, 2]); // three bars' classes
  assert.deepEqual(niceTicks(0, 100000), [0, 20000, 40000, 60000, 80000, 100000]);
});

test("niceTicks gives exact decimals and a plain zero where steps of 0.1 add up to 5.6e-17", () => {
  const ticks = niceTicks(-0.3, 0.3, 6);
  assert.deepEqual(ticks, [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
  assert.ok(Object.is(ticks[3], 0));
});

test("niceTicks of an empty or reversed range is its one end", () => {
  assert.deepEqual(niceTicks(1, 1), [1]);
  assert.deepEqual(niceTicks(2, 1), [2]);
});

test("axes map data to pixels inside the margins, with a title, a description and tick labels", () => {
  const root = fakeDocument();
  const ax = axes(root, { width: 560, height: 300, xRange: [0, 10], yRange: [-1, 1], xLabel: "x", yLabel: "y",
    title: "A test plot" });
  assert.deepEqual(ax.inner, { w: 480, h: 236 }); // 560 - 64 - 16 wide, 300 - 16 - 48 high
  assert.deepEqual([ax.x(0), ax.x(5), ax.x(10)], [0, 240, 480]);
  assert.deepEqual([ax.y(-1), ax.y(0), ax.y(1)], [236, 118, 0]);
  assert.equal(ax.svg.getAttribute("role"), "img");
  assert.equal(ax.svg.all("title")[0].textContent, "A test plot");
  ax.describe("what the plot shows");
  assert.equal(ax.svg.all("desc")[0].textContent, "what the plot shows");
  const ticks = () => ax.svg.all("text").filter((t) => t.getAttribute("class") === "ce-tick").map((t) => t.textContent);
  assert.deepEqual(ticks(), ["0", "2", "4", "6", "8", "10", "-1", "-0.5", "0", "0.5", "1"]);
  ax.setY([0, 4], "y again");
  assert.deepEqual(ticks().slice(6), ["0", "1", "2", "3", "4"]);
  assert.equal(ax.y(4), 0);
});

test("curve draws the finite points only, to 2 decimals, and redraws in place", () => {
  const ax = axes(fakeDocument(), { xRange: [0, 2], yRange: [0, 1], title: "t" });
  const update = curve(ax, [0, 1, 2], [0, Number.NaN, 1]);
  const line = ax.plot.all("polyline")[0];
  assert.equal(line.getAttribute("points"), "0.00,236.00 480.00,0.00");
  update([0.5, 0.5, Infinity]);
  assert.equal(line.getAttribute("points"), "0.00,118.00 240.00,118.00");
  assert.equal(ax.plot.all("polyline").length, 1);
});

test("bars stand on zero, centred on their class; a negative height draws no bar", () => {
  const ax = axes(fakeDocument(), { xRange: [-0.5, 1.5], yRange: [0, 1], title: "t" });
  bars(ax, 2, { width: 0.5 })([1, -0.2]);
  const [first, second] = ax.plot.all("rect");
  assert.deepEqual(["x", "width", "y", "height"].map((k) => Number(first.getAttribute(k))), [60, 120, 0, 236]);
  assert.equal(Number(second.getAttribute("height")), 0);
});

test("a label near the right edge turns to end there, so it stays in the plot", () => {
  const ax = axes(fakeDocument(), { xRange: [0, 1], yRange: [0, 1], title: "t" });
  const place = label(ax);
  place(0.5, 0.5, "middle");
  const node = ax.plot.all("text")[0];
  assert.deepEqual([node.getAttribute("text-anchor"), node.getAttribute("x"), node.textContent], ["start", "248", "middle"]);
  place(0.9, 0.5, "right");
  assert.deepEqual([node.getAttribute("text-anchor"), node.getAttribute("x")], ["end", "422"]);
});

test("a slider is labelled, states its value with its unit, and syncs both ways with the model", () => {
  const root = fakeDocument();
  const model = fakeModel({ h: 0.25 });
  let redraws = 0;
  const spec = { name: "h", label: "entropy H", min: 0, max: 1, step: 0.05, digits: 2, unit: "bits" };
  const input = slider(root, model, spec, () => {
    redraws += 1;
  });
  const [labelNode] = root.all("label");
  assert.equal(labelNode.getAttribute("for"), input.getAttribute("id"));
  assert.equal(input.getAttribute("aria-valuetext"), "entropy H 0.25 bits");
  input.value = "0.4";
  input.dispatch("input");
  assert.deepEqual([model.get("h"), model.saves(), redraws], [0.4, 1, 1]);
  model.changeFromPython("h", 0.9);
  assert.deepEqual([input.value, root.all("output")[0].textContent, redraws], [0.9, "0.90 bits", 2]);
});

test("the frame shows the readout lines and keeps the keys its controls take", () => {
  const el = fakeDocument();
  const ui = frame(el, fakeModel({ _name: "demo", _title: "A demo" }));
  assert.ok(el.classList.contains("ce-live-demo"));
  assert.equal(ui.readout(["first line", "second line"]), "first line second line");
  const readout = el.all("div").find((d) => d.getAttribute("class") === "ce-readout");
  assert.deepEqual(readout.children.map((line) => line.textContent), ["first line", "second line"]);
  assert.equal(ui.controls.dispatch("keydown"), true);
});

// The explorer's language: t() looks a template up in the model's "_messages" and fills its fields
// as Python's str.format fills the same template in the reference.
const ZH = {
  "p = {p}: I = {info}": "p = {p}：I = {info}",
  bits: "比特",
  unit: "单位",
  "entropy H": "熵 H",
  "A demo": "一个演示",
};

test("t gives the template itself in English, its fields filled", () => {
  assert.equal(t(fakeModel({}), "p = {p}: I = {info}", { p: "0.125", info: "3.0000 bits" }), "p = 0.125: I = 3.0000 bits");
  assert.equal(t(fakeModel({ _messages: {} }), "bits"), "bits");
  assert.equal(t(fakeModel({ _messages: ZH }), "not translated"), "not translated");
});

test("t gives the translation of the model's _messages, its fields filled", () => {
  const model = fakeModel({ _messages: ZH });
  assert.equal(t(model, "p = {p}: I = {info}", { p: "0.125", info: fmt(3, 4, t(model, "bits")) }), "p = 0.125：I = 3.0000 比特");
});

test("t writes {{ and }} as braces and refuses a field it is not given, as str.format does", () => {
  assert.equal(t(fakeModel({}), "{{x}} = {x}", { x: "1" }), "{x} = 1");
  assert.equal(t(fakeModel({}), "{n} shots", { n: 10 }), "10 shots");
  assert.equal(t(fakeModel({}), "{a}{b}", { a: "$&", b: "$1" }), "$&$1"); // a field's text is taken as it is
  assert.throws(() => t(fakeModel({}), "I = {info}", {}), /no field "info"/);
  assert.throws(() => t(fakeModel({ _messages: { "I = {info}": "I = {value}" } }), "I = {info}", { info: "1" }), /no field "value"/);
});

test("a slider, a select and the frame show their label, unit, options and title in the explorer's language", () => {
  const root = fakeDocument();
  const model = fakeModel({ h: 0.25, unit: "bits", _name: "demo", _title: "A demo", _messages: ZH });
  const input = slider(root, model, { name: "h", label: "entropy H", min: 0, max: 1, step: 0.05, digits: 2, unit: "bits" }, () => {});
  assert.equal(root.all("label")[0].textContent, "熵 H");
  assert.equal(input.getAttribute("aria-valuetext"), "熵 H 0.25 比特");
  assert.equal(root.all("output")[0].textContent, "0.25 比特");
  choice(root, model, { name: "unit", label: "unit", options: ["bits", "nats"] }, () => {});
  assert.equal(root.all("label")[1].textContent, "单位");
  const options = root.all("option");
  assert.deepEqual(options.map((o) => [o.getAttribute("value"), o.textContent]), [["bits", "比特"], ["nats", "nats"]]);
  const el = fakeDocument();
  frame(el, model);
  const title = el.all("div").find((d) => d.getAttribute("class") === "ce-title");
  assert.equal(title.textContent, "一个演示");
  assert.equal(el.all("div").find((d) => d.getAttribute("role") === "group").getAttribute("aria-label"), "一个演示");
});
