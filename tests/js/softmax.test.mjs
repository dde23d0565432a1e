// The pure functions of notebook 05's softmax explorer (helpers/explorers/web/softmax_loss.js) against
// closed forms: softmax of logits ln(a), ln(b), ln(c) is (a, b, c) / (a + b + c).
import assert from "node:assert/strict";
import { test } from "node:test";
import { readoutLines, softmaxState } from "../../helpers/explorers/web/softmax_loss.js";

/** Each number of `actual` within `tolerance` of the one at the same place in `expected`. */
function close(actual, expected, tolerance = 1e-15) {
  assert.equal(actual.length, expected.length);
  for (const [i, value] of actual.entries()) {
    assert.ok(Math.abs(value - expected[i]) <= tolerance, `${value} is not within ${tolerance} of ${expected[i]}`);
  }
}

test("equal logits give the uniform 1/3 each and a loss of ln 3, class 0 predicted (the first of a tie)", () => {
  const s = softmaxState([0.7, 0.7, 0.7], 2, 1);
  close(s.q, [1 / 3, 1 / 3, 1 / 3]);
  close([s.loss], [Math.log(3)]);
  assert.equal(s.predicted, 0);
});

test("logits ln 1, ln 2, ln 5 give q = (1/8, 2/8, 5/8) and the loss -ln q_y", () => {
  const z = [0, Math.log(2), Math.log(5)];
  const s = softmaxState(z, 0, 1);
  close(s.q, [1 / 8, 2 / 8, 5 / 8]);
  close([s.loss], [Math.log(8)], 1e-14);
  assert.equal(s.predicted, 2);
});

test("a temperature T divides the logits: z at T = 2 is z / 2 at T = 1", () => {
  const z = [0, 2 * Math.log(2), 2 * Math.log(5)];
  const hot = softmaxState(z, 1, 2);
  close(hot.q, [1 / 8, 2 / 8, 5 / 8]);
  close([hot.loss], [Math.log(4)], 1e-14);
});

test("confident and wrong at a small temperature: the loss is large and finite (no overflow)", () => {
  // z / T = (60, -60, 0): -ln q_1 = 120 + ln(1 + e^-60 + e^-120), which is 120 to double precision
  const s = softmaxState([6, -6, 0], 1, 0.1);
  assert.equal(s.loss, 120);
  assert.equal(s.q[1], Math.exp(-120));
});

test("the readout: four lines with 4 decimals, the unit, and right or wrong", () => {
  assert.deepEqual(readoutLines(softmaxState([0, 0, 0], 0, 1)), [
    "logits z = (0.0000, 0.0000, 0.0000), label y = 0, temperature T = 1.00",
    "q = softmax(z / T) = (0.3333, 0.3333, 0.3333) (probabilities, sum 1)",
    "loss = -ln q_0 = 1.0986 nats (uniform guess: ln 3 = 1.0986 nats)",
    "predicted class = 0 (right); q_0 = 0.3333",
  ]);
  const wrong = readoutLines(softmaxState([0, Math.log(2), Math.log(5)], 1, 1));
  assert.equal(wrong[2], "loss = -ln q_1 = 1.3863 nats (uniform guess: ln 3 = 1.0986 nats)"); // ln 4
  assert.equal(wrong[3], "predicted class = 2 (wrong); q_1 = 0.2500");
});

test("a label the model is sure of reads a loss of 0.0000 nats, never -0.0000", () => {
  const s = softmaxState([6, -6, -6], 0, 0.1); // q_0 rounds to 1, and -ln q_0 to -0
  assert.equal(readoutLines(s)[2], "loss = -ln q_0 = 0.0000 nats (uniform guess: ln 3 = 1.0986 nats)");
});
