"""helpers.explorers.fmt against Node: JavaScript's toFixed, and draw.js's fmt, over many values.

One Node process formats every (value, digits) pair both ways; Python must write the same text.
The values include exact ties of the double (0.125, 2.5, 0.03125), decimals that only look like
ties (1.005, 1.0005), negative zero, negatives that round to zero, and random doubles of every size
toFixed writes in fixed notation.
"""
from __future__ import annotations

import json
import math
import random
import shutil
import subprocess

import pytest

from helpers.explorers import fmt as f
from helpers.explorers.live import WEB

NODE = """
const [drawUrl, cases] = [process.argv[1], JSON.parse(require("fs").readFileSync(0, "utf-8"))];
import(drawUrl).then(({ __fmt }) => {
  const out = cases.map(([text, digits]) => {
    const x = Number(text);
    return [Number.isFinite(x) && Math.abs(x) < 1e21 ? x.toFixed(digits) : null, __fmt(x, digits), __fmt(x, digits, "bits")];
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def js_text(x: float) -> str:
    """``x`` as text JavaScript's Number() reads back to the same double."""
    return "Infinity" if x == math.inf else "-Infinity" if x == -math.inf else "NaN" if math.isnan(x) else repr(x)


def cases() -> list[tuple[float, int]]:
    rng = random.Random(17)
    special = [0.0, -0.0, 0.125, -0.125, 0.375, 2.5, -2.5, 0.5, -0.5, 1.5, 0.03125, 1.005, -1.005, 1.0005, 0.045,
               1e-7, -1e-7, -0.0004, -0.00005, 0.00005, 4.35, 1e20, -9.999999e20, 123456789.125, 0.1, 0.2, 0.3,
               math.inf, -math.inf, math.nan, 5e-324, -5e-324, 0.9999999999, -0.9999999999]
    out = [(x, d) for x in special for d in (0, 1, 2, 3, 4, 6)]
    for _ in range(3000):
        kind = rng.randrange(4)
        if kind == 0:   # an exact tie at some digit: k / 2^m
            x = rng.randrange(-10**6, 10**6) / 2 ** rng.randrange(1, 12)
        elif kind == 1:  # a decimal that looks like a tie: ...5 at the next digit
            x = float(f"{rng.uniform(-100, 100):.{rng.randrange(1, 6)}f}5")
        elif kind == 2:  # any size toFixed writes in fixed notation
            x = rng.choice([-1, 1]) * 10 ** rng.uniform(-12, 20.9)
        else:
            x = rng.uniform(-1, 1)
        out.append((x, rng.randrange(0, 21)))
    return out


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_python_writes_what_javascript_writes(tmp_path) -> None:
    draw = tmp_path / "draw.mjs"
    draw.write_text((WEB / "draw.js").read_text(encoding="utf-8") + "\nexport { fmt as __fmt };\n", encoding="utf-8")
    pairs = cases()
    run = subprocess.run(["node", "-e", NODE, draw.as_uri()], input=json.dumps([[js_text(x), d] for x, d in pairs]),
                         capture_output=True, text=True, check=True)
    wrong = []
    for (x, d), (fixed, fmt_text, with_unit) in zip(pairs, json.loads(run.stdout), strict=True):
        if fixed is not None and f.to_fixed(x, d) != fixed:
            wrong.append(("toFixed", x, d, f.to_fixed(x, d), fixed))
        if f.fmt(x, d) != fmt_text or f.fmt(x, d, "bits") != with_unit:
            wrong.append(("fmt", x, d, f.fmt(x, d), fmt_text))
    assert wrong == [], f"{len(wrong)} of {len(pairs)} differ, e.g. {wrong[:5]}"


def test_known_values() -> None:
    assert [f.to_fixed(0.125, 2), f.to_fixed(1.005, 2), f.to_fixed(2.5, 0), f.to_fixed(-2.5, 0)] == \
        ["0.13", "1.00", "3", "-3"]
    assert f"{0.125:.2f}" == "0.12"   # what the formatter is for: Python's format rounds the tie to even
    assert [f.to_fixed(-0.0, 2), f.to_fixed(-0.001, 2), f.fmt(-0.001, 2), f.fmt(-0.3, 0)] == \
        ["0.00", "-0.00", "0.00", "-0"]
    assert [f.fmt(-1e-17, 4), f.fmt(-0.00006, 4), f.fmt(0.00004, 4), f.fmt(0.03125, 4), f.fmt(4.0, 0)] == \
        ["0.0000", "-0.0001", "0.0000", "0.0313", "4"]
    assert [f.fmt(math.inf, 4, "bits"), f.fmt(-math.inf), f.fmt(math.nan)] == ["∞", "−∞", "nan"]
    assert [f.signed(0.25, 2), f.signed(-0.0, 2), f.signed(-0.001, 2)] == ["+0.25", "-0.00", "-0.00"]


@pytest.mark.parametrize("call, name", [(lambda: f.to_fixed(1.0, -1), "digits"), (lambda: f.to_fixed(1.0, 2.0), "digits"),
                                        (lambda: f.to_fixed(1e21, 2), "value"), (lambda: f.to_fixed(math.nan, 2), "value")])
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=f"^{name}:"):
        call()
