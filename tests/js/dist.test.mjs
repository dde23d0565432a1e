// The joined modules that the widgets and the static pages carry (helpers/explorers/web/dist/, written
// by tools/bundle_js.py): each loads on its own as an ES module (it imports nothing that is not in it)
// and exports a default { render }. tests/test_bundle_js.py checks that they are current.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { test } from "node:test";

const DIST = new URL("../../helpers/explorers/web/dist/", import.meta.url);
const joined = readdirSync(DIST).filter((name) => name.endsWith(".js"));

test("there are joined modules", () => {
  assert.ok(joined.length > 0, `no .js file in ${DIST.pathname}`);
});

for (const name of joined) {
  test(`dist/${name} loads alone and exports a default { render }`, async () => {
    const module = await import(new URL(name, DIST));
    assert.equal(typeof module.default.render, "function");
  });
}
