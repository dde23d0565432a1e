// Render live explorers without a browser: each explorer's own ES module (the text anywidget gets,
// LiveExplorer._esm), given a static model of its state, draws into a DOM shim (linkedom, pinned in
// package.json). Used by `make stills` (tools/stills.py) for the still pictures and by the tests for
// the readouts the module computes.
//
// Usage: node tools/render_explorer.mjs < request.json > answer.json
// request: { "npm": "<folder holding node_modules>", "jobs": [ { "name", "title", "esm", "css",
//            "state", "settings": [ { control: value, ... }, ... ], "probe": null or "<JS function>",
//            "probeInput": any }, ... ] }
// answer:  [ { "lines": [...], "svg": "<svg ...>", "readouts": [ [...lines], ... ], "probe": any }, ... ]
// `lines` and `svg` are the readout and the standalone still picture at `state`; `readouts[i]` is
// the readout of a fresh render at `state` with `settings[i]` applied. A probe (for tests of a
// module's own arithmetic) is the source of a function placed at the end of the module, so it sees
// the module's functions and constants; `probe` in the answer is its value at `probeInput`.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { staticModel } from "../helpers/explorers/web/host.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const GAP = 8;          // px between the pictures of a row, between rows and around the still
const TITLE_SIZE = 15;  // px, the explorer's title
const TEXT_SIZE = 13;   // px, the readout lines (as .ce-plot text in explorer.css)
const LINE = 19;        // px from one text baseline to the next
const CHAR = 7.2;       // px, a generous mean width of a character at TEXT_SIZE (the still's width)
const NOTE = "A still picture of the explorer at its start: run the notebook to move its controls.";
// A wide character (CJK, full-width forms) takes about 1em, not CHAR.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const textWidth = (text, char = CHAR) => [...text].reduce((w, c) => w + (WIDE.test(c) ? TEXT_SIZE : char), 0);

const request = JSON.parse(readFileSync(0, "utf-8"));
const { parseHTML } = createRequire(path.join(request.npm, "package.json"))("linkedom");

// linkedom's <select> has a value getter only; a browser's also selects the option of that value.
{
  const { HTMLSelectElement } = parseHTML("<!doctype html><html></html>").window;
  Object.defineProperty(HTMLSelectElement.prototype, "value", {
    configurable: true,
    get() {
      const options = [...this.querySelectorAll("option")];
      const chosen = options.find((o) => o.hasAttribute("selected")) ?? options[0];
      return chosen ? chosen.getAttribute("value") ?? chosen.textContent : "";
    },
    set(value) {
      for (const o of this.querySelectorAll("option")) {
        if ((o.getAttribute("value") ?? o.textContent) === String(value)) o.setAttribute("selected", "");
        else o.removeAttribute("selected");
      }
    },
  });
}

/** Math.random, seeded: the ids a module draws (a clip path's) are the same in every run. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escapeText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s) => escapeText(s).replace(/"/g, "&quot;");

/** An element as XML (what an <img> needs): attributes as set, text escaped, no HTML entities. */
function xml(node) {
  if (node.nodeType === 3) return escapeText(node.textContent);
  if (node.nodeType !== 1) return "";
  const attrs = [...node.attributes].map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join("");
  const inner = [...node.childNodes].map(xml).join("");
  return `<${node.localName}${attrs}>${inner}</${node.localName}>`;
}

/** The rules of explorer.css that style a drawing, with the light theme's colours filled in, each
 * scoped to the still (.ce-still): an SVG shown inline must not restyle the page around it. */
function stillCss(css) {
  const colours = Object.fromEntries([...css.matchAll(/--ce-([\w-]+): var\([^,]+, (#[0-9a-fA-F]+)\)/g)]
    .filter((m, i, all) => all.findIndex((n) => n[1] === m[1]) === i)   // the first (light) value of each
    .map((m) => [m[1], m[2]]));
  const rules = [...css.matchAll(/^\.ce-live \.ce-plot ([^{\n]+)\{([^}]*)\}/gm)]
    .map((m) => `.ce-still .ce-plot ${m[1].trim()} {${m[2].replace(/var\(--ce-([\w-]+)\)/g, (_, k) => colours[k])}}`);
  const fg = colours.fg;
  return [
    `.ce-still { font-family: system-ui, sans-serif; }`,
    `.ce-still .ce-still-title { font-weight: bold; font-size: ${TITLE_SIZE}px; fill: ${fg}; }`,
    `.ce-still .ce-still-readout { font-size: ${TEXT_SIZE}px; fill: ${fg}; }`,
    `.ce-still .ce-still-note { font-size: 12px; font-style: italic; fill: ${colours.muted}; }`,
    ...rules,
  ].join("\n");
}

const modules = new Map();

/** The module's namespace: the text anywidget gets, with the job's probe (if any) appended. */
async function explorerModule(job) {
  const text = job.probe ? `${job.esm}\nexport const __probe = (${job.probe});\n` : job.esm;
  if (!modules.has(text)) {
    const url = `data:text/javascript;base64,${Buffer.from(text, "utf-8").toString("base64")}`;
    modules.set(text, await import(url));
  }
  return modules.get(text);
}

/** Render `job`'s module at `state` into a fresh document; returns { el, lines }. */
async function render(job, state) {
  const { window, document } = parseHTML("<!doctype html><html><body></body></html>");
  Object.assign(globalThis, { window, document });
  Math.random = seededRandom(1);
  const widget = (await explorerModule(job)).default;
  const el = document.createElement("div");
  document.body.appendChild(el);
  await widget.render({ model: staticModel(state), el });
  const readout = el.querySelector(".ce-readout");
  const lines = [...readout.children].map((line) => line.textContent);
  return { el, lines };
}

/** The still: the title, the readout lines and the drawings (side by side where the module puts
 * them in a grid, else one under the other) in one standalone SVG of a fixed size. */
function still(job, el, lines) {
  const rows = [];
  for (const plot of el.querySelectorAll("svg.ce-plot")) {
    const [, , w, h] = plot.getAttribute("viewBox").split(/\s+/).map(Number);
    const parent = plot.parentNode;
    const beside = /grid/.test(parent.getAttribute("style") ?? "") && rows.length && rows.at(-1).parent === parent;
    if (beside) rows.at(-1).plots.push({ plot, w, h });
    else rows.push({ parent, plots: [{ plot, w, h }] });
  }
  const rowWidth = (row) => row.plots.reduce((sum, p) => sum + p.w, 0) + GAP * (row.plots.length - 1);
  const note = job.note ?? NOTE;   // the note in the explorer's language (tools/stills.py translates it)
  const widest = Math.max(textWidth(job.title) * 1.15, ...lines.map((line) => textWidth(line)));
  const width = Math.ceil(Math.max(widest, ...rows.map(rowWidth)) + 2 * GAP);
  const parts = [];
  let y = GAP + TITLE_SIZE;
  parts.push(`<text class="ce-still-title" x="${GAP}" y="${y}">${escapeText(job.title)}</text>`);
  y += LINE;
  parts.push(`<text class="ce-still-note" x="${GAP}" y="${y}">${escapeText(note)}</text>`);
  for (const line of lines) {
    y += LINE;
    parts.push(`<text class="ce-still-readout" x="${GAP}" y="${y}">${escapeText(line)}</text>`);
  }
  y += GAP;
  for (const row of rows) {
    let x = GAP;
    const top = y;
    for (const { plot, w, h } of row.plots) {
      const copy = plot.cloneNode(true);
      copy.removeAttribute("preserveAspectRatio");
      for (const [key, value] of Object.entries({ x, y: top, width: w, height: h })) copy.setAttribute(key, value);
      parts.push(xml(copy));
      x += w + GAP;
      y = Math.max(y, top + h);
    }
    y += GAP;
  }
  const height = Math.ceil(y);
  const desc = [note, ...lines].join(" ");
  return `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" `
    + `role="img" class="ce-still" data-explorer="${escapeAttr(job.name)}">\n`
    + `<title>${escapeText(job.title)}</title>\n<desc>${escapeText(desc)}</desc>\n`
    + `<style>\n${stillCss(job.css)}\n</style>\n`
    + `<rect width="${width}" height="${height}" fill="#ffffff"/>\n${parts.join("\n")}\n</svg>\n`;
}

const answers = [];
for (const job of request.jobs) {
  try {
    const { el, lines } = await render(job, job.state);
    const readouts = [];
    for (const values of job.settings ?? []) readouts.push((await render(job, { ...job.state, ...values })).lines);
    const probe = job.probe ? (await explorerModule(job)).__probe(job.probeInput) : null;
    answers.push({ lines, svg: still(job, el, lines), readouts, probe });
  } catch (err) {
    // name the explorer's module instead of printing its data: URL
    process.stderr.write(`${job.name}: ${String(err.stack).replace(/data:text\/javascript;base64,[A-Za-z0-9+/=]+/g, `web/${job.name}.js`)}\n`);
    process.exit(1);
  }
}
// typed arrays (a module's hashes, its curves) travel as plain arrays
process.stdout.write(JSON.stringify(answers, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)));
