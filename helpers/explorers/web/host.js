// A host for live explorers on static pages (the site and the slide decks): no kernel, no network.
// It gives each explorer the model interface anywidget gives it in JupyterLab (get, set, on, off,
// save_changes, send) over a plain object, then calls the explorer module's render({ model, el }).
// Each explorer's module text (its joined module from helpers/explorers/web/dist/, which imports
// nothing) sits in the page in <script type="text/plain" data-ce-module="NAME"> and is imported
// through a blob: URL, which also works from file://.
// An explorer speaks the language of the notebook it comes from: its translations, { English
// template: translation } (the display bundle's "messages", or "_messages" in its state; none in
// English), reach its module as the model's "_messages", as the widget's synced trait does in JupyterLab.

/** anywidget's model interface over a plain object (also the still renderer's, tools/render_explorer.mjs). */
export function staticModel(state) {
  const values = { ...state };
  const listeners = new Map();
  return {
    get: (key) => values[key],
    set(key, value) {
      const old = values[key];
      values[key] = value;
      if (old !== value) for (const fn of listeners.get(`change:${key}`) ?? []) fn({ old, new: value });
    },
    on(event, fn) { listeners.set(event, [...(listeners.get(event) ?? []), fn]); },
    off(event, fn) {
      if (!event) { listeners.clear(); return; }
      listeners.set(event, fn ? (listeners.get(event) ?? []).filter((f) => f !== fn) : []);
    },
    save_changes() {},
    send() {},
  };
}

const modules = new Map();

async function explorerModule(name) {
  if (!modules.has(name)) {
    const source = document.querySelector(`script[data-ce-module="${name}"]`).textContent;
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    modules.set(name, import(url).then((m) => m.default));
  }
  return modules.get(name);
}

async function mountAll() {
  for (const host of document.querySelectorAll("[data-ce-explorer]")) {
    const { name, state, messages } = JSON.parse(host.querySelector("script[type='application/json']").textContent);
    const widget = await explorerModule(name);
    const el = document.createElement("div");
    host.querySelector(".ce-static-fallback")?.remove();
    host.appendChild(el);
    await widget.render({ model: staticModel(messages ? { ...state, _messages: messages } : state), el });
    host.setAttribute("data-ce-ready", "true");
  }
}

// On a page, mount every explorer; imported by Node for staticModel alone, there is no document.
if (typeof document !== "undefined") mountAll();
