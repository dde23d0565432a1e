// A document just big enough for draw.js's primitives under Node: elements with attributes, children,
// text, classes and event listeners (no layout, no CSS), and a model with anywidget's interface.

class FakeElement {
  constructor(tag) {
    this.tagName = tag;
    this.attributes = new Map();
    this.children = [];
    this.listeners = new Map();
    this.textContent = "";
    this.value = "";
    this.style = {};
    const classes = new Set();
    this.classList = {
      add: (...names) => {
        for (const n of names) classes.add(n);
      },
      contains: (n) => classes.has(n),
    };
  }

  setAttribute(key, value) {
    this.attributes.set(key, String(value));
  }

  getAttribute(key) {
    return this.attributes.get(key) ?? null;
  }

  appendChild(child) {
    this.children.push(child);
    return child;
  }

  replaceChildren(...children) {
    this.children = [...children];
  }

  addEventListener(type, fn) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }

  /** Run the listeners of `type`; returns whether one of them stopped the event's propagation. */
  dispatch(type) {
    let stopped = false;
    for (const fn of this.listeners.get(type) ?? []) fn({ stopPropagation: () => { stopped = true; } });
    return stopped;
  }

  /** Every element below this one (itself included) with tag `tag`, in document order. */
  all(tag) {
    const found = this.tagName === tag ? [this] : [];
    return found.concat(...this.children.map((child) => child.all(tag)));
  }
}

/** Give Node a global `document` that makes FakeElements; returns a fresh root element. */
export function fakeDocument() {
  globalThis.document = { createElement: (tag) => new FakeElement(tag), createElementNS: (_, tag) => new FakeElement(tag) };
  return new FakeElement("div");
}

/** anywidget's model interface over `values`; `changeFromPython(key, value)` plays a change from the kernel. */
export function fakeModel(values) {
  const listeners = new Map();
  let saves = 0;
  return {
    get: (key) => values[key],
    set: (key, value) => {
      values[key] = value;
    },
    save_changes: () => {
      saves += 1;
    },
    on: (event, fn) => listeners.set(event, [...(listeners.get(event) ?? []), fn]),
    changeFromPython(key, value) {
      values[key] = value;
      for (const fn of listeners.get(`change:${key}`) ?? []) fn();
    },
    saves: () => saves,
  };
}
