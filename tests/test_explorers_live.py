"""The contract every explorer keeps (``helpers.explorers.live``), one parametrised test a rule.

- One name: the registered name (snake_case) is its factory in ``helpers.explorers``, its class in
  CamelCase, its ES module ``web/<name>.js`` and its still ``stills/<name>.svg``.
- Its controls match its specs, start on their grids, and refuse what they cannot show with a
  ``TraitError`` that names the control.
- Its display bundle: the readout as text/plain, its name and values for the static builds, the
  widget view, and the still at its start only.
- Its module loads, draws its still as shipped, and computes, at every setting below, the very
  text of the Python ``reference()`` (run once for all explorers by tools/render_explorer.mjs).
- Its words: every template its module passes to ``t`` is one its class declares (``templates()``);
  in English it carries no translations (the Chinese edition's are tests/i18n/test_zh_explorers.py's).
"""
from __future__ import annotations

import json
import math
import random
import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest
import traitlets

from helpers import explorers
from helpers.explorers import entropy, gradients, likelihood, softmax, training
from helpers.explorers.live import EXPLORER_MIME, LIVE, STILLS, WEB
from tests.references import assert_defaults_on_their_grids
from tools.stills import job, render

NAMES = sorted(LIVE)
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# A call t(model, "template" + "more", ...) in a module: its literal template, each part a JSON string.
_T_CALL = re.compile(r'\bt\(\s*model,\s*((?:"(?:[^"\\]|\\.)*"\s*\+?\s*)+)')
_PART = re.compile(r'"(?:[^"\\]|\\.)*"')


def module_templates(name: str) -> set[str]:
    """The literal templates explorer ``name``'s module (``web/<name>.js``) passes to ``t``."""
    source = (WEB / f"{name}.js").read_text(encoding="utf-8")
    return {"".join(json.loads(part) for part in _PART.findall(m.group(1))) for m in _T_CALL.finditer(source)}


def grid(spec: dict[str, Any]) -> list[Any]:
    """Every value a control can show: a select's options, a range's min + k * step."""
    if spec["kind"] == "select":
        return list(spec["options"])
    count = round((spec["max"] - spec["min"]) / spec["step"])
    return [round(spec["min"] + k * spec["step"], 10) for k in range(count + 1)]


def random_settings(name: str, count: int, seed: int = 0) -> list[dict[str, Any]]:
    """``count`` settings of explorer ``name``, every control at a random point of its grid."""
    rng = random.Random(f"{name}-{seed}")
    grids = {spec["name"]: grid(spec) for spec in LIVE[name].specs}
    return [{key: rng.choice(values) for key, values in grids.items()} for _ in range(count)]


def settings_of(name: str) -> list[dict[str, Any]]:
    """The settings at which the module's readout must be the reference: random ones, and for each
    explorer the ones that once broke or are the closest calls."""
    extra: dict[str, list[dict[str, Any]]] = {
        # every step of the slider
        "widget_check": [{"x": round(-2 + k / 10, 1)} for k in range(41)],
        # at the target (every derivative 0, no "-0.0000"), and the corners of the sliders
        "computation_graph": [{"x": x, "w": w, "b": b, "t": round(w * x + b, 1)} for x in (-3.0, 0.0, 1.0, 3.0)
                              for w in (-2.0, 0.0, 1.0, 2.0) for b in (-2.0, 0.0, 0.5) if abs(w * x + b) <= 3]
        + [{"x": x, "w": w, "b": b, "t": t} for x in (-3.0, 3.0) for w in (-2.0, 2.0) for b in (-2.0, 2.0)
           for t in (-3.0, 3.0)],
        # w on the slider's grid with b every 0.5, and the line b = w / 10, where two points tie for the worst
        "logistic": [{"w": w, "b": b} for w in grid(LIVE["logistic"].specs[0]) for b in grid(LIVE["logistic"].specs[1])[::5]]
        + [{"w": w, "b": round(w / 10, 1)} for w in grid(LIVE["logistic"].specs[0])],
        # every (n, k) with k <= n at one y_hat (k/n = 1/32 is a tie at 4 decimals), every y_hat at a few (n, k)
        "max_likelihood": [{"y_hat": 0.37, "n": n, "k": k} for n in range(1, likelihood.N_MAX + 1) for k in range(n + 1)]
        + [{"y_hat": round(t / 100, 2), "n": n, "k": k} for t in range(1, 100) for n, k in ((1, 1), (32, 5), (50, 0))],
        "information_content": [{"p": p, "unit": u} for p in grid(LIVE["information_content"].specs[0])
                                for u in ("bits", "nats", "dits")],
        "shooters": [{"p_a": a, "p_b": b} for a, b in ((0.0, 1.0), (0.3, 0.7), (0.5, 0.5), (0.5, 0.501), (1.0, 0.0),
                                                       (0.1, 0.999))],
        # every count at the article's shooters, and the counts revisited (the module caches the shots)
        "shot_simulation": [{"p_a": 0.1, "p_b": 0.999, "n": str(n), "seed": 0}
                            for n in (*entropy.SHOT_COUNTS, 10, 100_000, 50)],
        "cross_entropy_kl": [{"z0": z[0], "z1": z[1], "z2": z[2], "target": t, "unit": u}
                             for z in ((-5.0, 5.0, 5.0), (5.0, -5.0, -5.0), (5.0, 5.0, 5.0), (0.0, 0.0, 0.0))
                             for t in ("class 0", "class 1", "class 2", "soft") for u in ("nats", "bits", "dits")],
        # a sure label (loss 0), the extremes of the temperature
        "softmax_loss": [{"z0": softmax.slider_range(softmax.ARTICLE_ROW[0])[0], "z1": softmax.slider_range(
            softmax.ARTICLE_ROW[1])[1], "z2": softmax.slider_range(softmax.ARTICLE_ROW[2])[0], "label": "1",
            "temperature": t} for t in (0.1, 1.0, 10.0)],
        # every setting of the logit slider and the label
        "logit_gradients": [{"s": s, "y": y} for s in grid(LIVE["logit_gradients"].specs[0]) for y in ("0", "1")],
        # every learning rate (at two start weights), every start weight (at the smallest and largest rate)
        "bce_vs_mse": [{"log2_lr": e, "w0": w} for e in grid(LIVE["bce_vs_mse"].specs[0]) for w in (-4.0, 6.0)]
        + [{"log2_lr": e, "w0": w} for e in (-5.0, 3.5) for w in grid(LIVE["bce_vs_mse"].specs[1])],
        # every setting of the grid
        "softmax_training": [{"lr": lr, "steps": s, "label_smoothing": eps} for lr in training.LR_OPTIONS
                             for s in range(0, training.MAX_STEPS + 1, training.STEP_SPACING)
                             for eps in training.SMOOTHING_OPTIONS],
    }
    many = {"cross_entropy_kl": 2000, "shooters": 1000, "shot_simulation": 150, "softmax_loss": 300}
    return random_settings(name, many.get(name, 60)) + extra.get(name, [])


@pytest.fixture(scope="module")
def in_node() -> dict[str, dict[str, Any]]:
    """Every explorer's module, run once by Node: its still, and its readout at every setting."""
    if shutil.which("node") is None:
        pytest.skip("needs Node.js to run the explorers' modules")
    settings = {}
    for name in NAMES:
        ex = LIVE[name]()
        # the values Python holds after setting them (max_likelihood pulls k down to n): the module gets the same
        settings[name] = [dict(ex.set(**values).values()) for values in settings_of(name)]
    answers = render([job(LIVE[name](), settings[name]) for name in NAMES])
    return {name: {"settings": settings[name], **answer} for name, answer in zip(NAMES, answers, strict=True)}


def bundle_data(ex: Any) -> dict[str, Any]:
    bundle = ex._repr_mimebundle_()
    return bundle[0] if isinstance(bundle, tuple) else bundle


# --- one name ---------------------------------------------------------------------------------------
def test_every_explorer_a_notebook_shows_is_registered_and_every_registered_one_is_shown() -> None:
    shown = set()
    for path in NOTEBOOKS.glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                shown.update(re.findall(r"\bexplorers\.([a-z_0-9]+)\(", cell.source))
    assert sorted(shown) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_one_name_for_factory_class_module_and_still(name: str) -> None:
    cls = LIVE[name]
    assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", name), f"{name}: not snake_case"
    assert cls.__name__ == "".join(part.capitalize() for part in name.split("_")), f"{name}: class {cls.__name__}"
    assert getattr(explorers, cls.__name__) is cls
    factory = getattr(explorers, name)
    assert callable(factory) and factory.__name__ == name
    assert isinstance(factory(), cls), f"explorers.{name}() does not build {cls.__name__}"
    assert (WEB / f"{name}.js").is_file(), f"{name}: no web/{name}.js"
    assert (STILLS / f"{name}.svg").is_file(), f"{name}: no stills/{name}.svg"


def test_no_module_or_still_without_its_explorer() -> None:
    shared = {"draw", "host"}
    assert sorted(p.stem for p in WEB.glob("*.js") if p.stem not in shared) == NAMES
    assert sorted(p.stem for p in STILLS.glob("*.svg")) == NAMES   # stills/<language>/: tests/test_stills.py


# --- controls -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_controls_match_their_specs_and_start_on_their_grids(name: str) -> None:
    ex = LIVE[name]()
    assert ex.controls == tuple(spec["name"] for spec in ex.specs) and ex.controls
    assert ex._controls == [dict(spec) for spec in ex.specs]
    for spec in ex.specs:
        assert spec["name"] in ex.trait_names(sync=lambda v: v), f"{name}: {spec['name']} is not a synced trait"
        keys = {"min", "max", "step", "digits"} if spec["kind"] == "range" else {"options"}
        assert spec["kind"] in ("range", "select") and keys <= set(spec) and spec["label"], (name, spec)
        if spec["kind"] == "range":
            assert spec["min"] < spec["max"] and spec["step"] > 0
    assert_defaults_on_their_grids(ex, atol=1e-9)
    assert ex.state() == {**({"data": dict(ex.data)} if "data" in ex.trait_names() else {}),
                          "_controls": ex._controls, "_name": name, "_title": ex.title, **ex.values()}


def bad_values(spec: dict[str, Any]) -> list[Any]:
    if spec["kind"] == "select":
        return ["not an option", None]
    span = spec["max"] - spec["min"]
    return [spec["min"] - span, spec["max"] + span, math.nan, None, "0.5"]


@pytest.mark.parametrize("name", NAMES)
def test_bad_values_are_refused_naming_the_control(name: str) -> None:
    ex = LIVE[name]()
    before = ex.values()
    for spec in ex.specs:
        for bad in bad_values(spec):
            with pytest.raises(traitlets.TraitError, match=f"^{spec['name']}:|'{spec['name']}' trait"):
                setattr(ex, spec["name"], bad)
    with pytest.raises(ValueError, match="^no_such_control: not a control"):
        ex.set(no_such_control=1)
    assert ex.values() == before


# --- display bundle -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_display_bundle(name: str) -> None:
    ex = LIVE[name]()
    data = bundle_data(ex)
    assert data[EXPLORER_MIME] == {"name": name, "values": ex.values()}
    assert WIDGET_VIEW in data
    assert data["text/plain"].startswith(f"{ex.title} ({name}): {ex.reference()[0]}")
    assert data["image/svg+xml"] == (STILLS / f"{name}.svg").read_text(encoding="utf-8")
    moved = random_settings(name, 1, seed=1)[0]
    if ex.set(**moved).values() != LIVE[name]().values():
        assert "image/svg+xml" not in bundle_data(ex), f"{name}: a still of the start after a move"
        assert bundle_data(ex)[EXPLORER_MIME]["values"] == ex.values()


# --- words -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_the_module_shows_only_templates_its_class_declares(name: str) -> None:
    cls = LIVE[name]
    assert module_templates(name) <= set(cls.templates()), f"{name}: templates the class does not declare"
    assert set(cls.messages) <= module_templates(name), f"{name}: declared messages the module never shows"
    assert cls.templates()[0] == cls.title and all(spec["label"] in cls.templates() for spec in cls.specs)


@pytest.mark.parametrize("name", NAMES)
def test_english_carries_no_translations(name: str) -> None:
    ex = LIVE[name]()
    assert ex._messages == {} and LIVE[name].translations("en") == {}
    assert "_messages" not in ex.state() and "messages" not in bundle_data(ex)[EXPLORER_MIME]


def test_a_template_call_is_read_whole() -> None:
    """The reader of ``t`` calls joins a template written in parts, and reads escapes as JSON does."""
    source = 't(model, "a {x} " + "b",\n  { x }); t(model,"say \\"hi\\"")'
    found = {"".join(json.loads(p) for p in _PART.findall(m.group(1))) for m in _T_CALL.finditer(source)}
    assert found == {"a {x} b", 'say "hi"'}


# --- the module, run by Node --------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_module_draws_its_shipped_still(in_node, name: str) -> None:
    assert in_node[name]["lines"] == LIVE[name]().reference()
    assert in_node[name]["svg"] == (STILLS / f"{name}.svg").read_text(encoding="utf-8"), \
        f"{name}: the shipped still is out of date; run `make stills`"


@pytest.mark.parametrize("name", NAMES)
def test_module_reads_out_the_reference_at_every_setting(in_node, name: str) -> None:
    ex = LIVE[name]()
    got = in_node[name]
    assert len(got["readouts"]) == len(got["settings"]) >= 40
    wrong = [(values, shown, ex.set(**values).reference()) for values, shown in zip(got["settings"], got["readouts"])
             if shown != ex.set(**values).reference()]
    assert wrong == [], f"{name}: {len(wrong)} settings differ, e.g. {wrong[:2]}"


def test_the_factories_build_each_explorer_at_its_start() -> None:
    """A notebook shows an explorer by calling its factory: the class with its default values."""
    for name in NAMES:
        assert getattr(explorers, name)().values() == LIVE[name]().values()
    assert gradients.BceVsMse().lr == 0.5 and entropy.ShotSimulation().n == "1000"
