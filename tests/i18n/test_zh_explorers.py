"""The live explorers of notebooks 00-07 in Chinese: one design for all twelve explorers.

Every string an explorer shows is an English template written once in Python (``N_``: the title,
the controls' labels, units and options in ``specs``, and ``messages``). The module gets the
translations as the synced trait ``_messages`` (the display bundle's explorer entry carries the same
dict for the static hosts) and fills a template with ``t(model, template, fields)`` of
``web/draw.js``; the Python reference fills the same template with ``tr``. Checked here:

- what is declared: every template the module passes to ``t`` is one the class declares, and every
  declared message is one the module shows; every template the reference fills is declared; every
  template with words is translated;
- in Python: at the start, at random settings and at each option of a select, the readout, the
  title, the labels and the plain-text output are Chinese, with no English run left;
- in Node: the module's readout is the Chinese reference at the settings of the contract test, and
  every text of its drawings (titles, descriptions, axis labels, legends, tags) is Chinese;
- in Chromium: the explorers mounted by the static host from their display bundles show the
  reference readout, Chinese labels, value texts and descriptions, before and after a control moves;
- the words that are not the frame's: option codes that stay codes while their texts translate (the
  units, the targets), and the learning-rate slider that states its value in words of its own
  (``gradients.learning_rate_text``).

English is the contract tests' (tests/test_explorers_*.py): not a byte changes there.
"""
from __future__ import annotations

import html
import json
import random
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from helpers import i18n
from helpers.explorers import gradients, start
from helpers.explorers.fmt import fmt
from helpers.explorers.live import EXPLORER_MIME, LIVE, STILLS, translated
from tests.support.english import english_left
from tests.test_explorers_live import grid, module_templates, settings_of
from tools.live import page_scripts
from tools.stills import job, render

# The twelve explorers of notebooks 00 to 07, in the order of the notebooks.
TWELVE = ("widget_check", "computation_graph", "logistic", "max_likelihood", "information_content", "shooters",
          "shot_simulation", "cross_entropy_kl", "softmax_loss", "logit_gradients", "bce_vs_mse", "softmax_training")
# The learning-rate slider of bce_vs_mse moves the exponent e of lr = 2^e and states lr in its value text.
LR_SLIDER = ("bce_vs_mse", "log2_lr")
# A probe for tools/render_explorer.mjs (placed at the end of bce_vs_mse's module): the slider's value
# text at each exponent, from a fresh render at the job's state with log2_lr = e.
LR_TEXT_PROBE = """(input) => input.exponents.map((e) => {
  const values = { ...input.state, log2_lr: e };
  const model = { get: (key) => values[key], set() {}, on() {}, off() {}, save_changes() {}, send() {} };
  const el = document.createElement("div");
  render({ model, el });
  return el.querySelector("[data-name='log2_lr']").getAttribute("aria-valuetext");
})"""
SVG = "{http://www.w3.org/2000/svg}"
# A Chinese character (CJK unified ideographs).
HAN = re.compile(r"[\u4e00-\u9fff]")
# The Latin words a Chinese explorer shows: names (of losses, functions, operators, derivatives, a file),
# never an English word; a unit's code ("nats") shown instead of its name (纳特) is English left.
NAMES = frozenset({"BCE", "MSE", "KL", "Sigmoid", "sigmoid", "Softmax", "softmax", "logit", "ln", "log", "inf",
                   "nan", "dL", "db", "ds", "dt", "dw", "dx", "README"})


def test_every_explorer_is_checked_in_chinese() -> None:
    assert sorted(TWELVE) == sorted(LIVE)



def some_settings(name: str) -> list[dict[str, Any]]:
    """The start, five random settings and each option of every select."""
    cls = LIVE[name]
    rng = random.Random(name)
    grids = {spec["name"]: grid(spec) for spec in cls.specs}
    found: list[dict[str, Any]] = [{}]
    found += [{key: rng.choice(values) for key, values in grids.items()} for _ in range(5)]
    found += [{spec["name"]: option} for spec in cls.specs if spec["kind"] == "select" for option in spec["options"]]
    return found


def english_words(text: str) -> list[str]:
    """The English left in ``text``: runs of English words, and single words that are not names."""
    return english_left(text) + [word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in NAMES]


def assert_chinese(text: str, what: str) -> None:
    assert english_words(text) == [], f"{what}: English left in {text!r}"
    assert HAN.search(text), f"{what}: no Chinese in {text!r}"


def english(function: Any) -> Any:
    """``function()`` in English (the language in use again after it)."""
    now = i18n.language()
    i18n.use_language("en")
    try:
        return function()
    finally:
        i18n.use_language(now)


def bundle_data(ex: Any) -> dict[str, Any]:
    bundle = ex._repr_mimebundle_()
    return bundle[0] if isinstance(bundle, tuple) else bundle


# --- what is declared -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", TWELVE)
def test_the_module_shows_exactly_the_declared_messages(name: str) -> None:
    cls = LIVE[name]
    used = module_templates(name)
    assert used, f"web/{name}.js calls t() with no literal template"
    assert used - set(cls.templates()) == set(), f"{name}: the module shows templates the class does not declare"
    assert set(cls.messages) - used == set(), f"{name}: declared messages the module never shows"


@pytest.mark.parametrize("name", TWELVE)
def test_the_reference_fills_declared_templates_only(name: str, monkeypatch) -> None:
    looked_up: set[str] = set()

    class Recording(dict):
        def get(self, key: Any, default: Any = None) -> Any:
            looked_up.add(key)
            return super().get(key, default)

    monkeypatch.setattr(i18n, "catalog", lambda code: Recording())
    ex = LIVE[name]()
    for values in some_settings(name):
        ex.set(**values).reference()
        bundle_data(ex)
    # the plain text's own templates, of every explorer and of the widget check
    looked_up -= {"{title} ({name}): {readout}", "{title} ({name}): {numbers}. {advice}", start.NO_WIDGETS}
    assert looked_up - set(LIVE[name].templates()) == set()


@pytest.mark.parametrize("name", TWELVE)
def test_every_template_with_words_is_translated(name: str) -> None:
    cls = LIVE[name]
    words = [template for template in cls.templates() if re.search(r"[A-Za-z]{2}", template)]
    missing = [template for template in (*words, *cls.messages) if template not in i18n.catalog("zh_CN")]
    assert missing == []
    assert cls.translations("zh_CN") == {template: i18n.catalog("zh_CN")[template] for template in cls.templates()
                                         if template in i18n.catalog("zh_CN")}
    assert cls.translations("en") == {}


# --- in Python --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", TWELVE)
def test_readout_title_and_labels_are_chinese(zh, name: str) -> None:
    ex = LIVE[name]()
    assert ex._messages and ex._messages == LIVE[name].translations()
    assert_chinese(translated(ex.title), f"{name}: title")
    for spec in ex.specs:
        assert english_words(translated(spec["label"])) == [], f"{name}: label {spec['label']!r}"
        if spec.get("unit"):
            assert_chinese(translated(spec["unit"]), f"{name}: unit of {spec['name']}")
        for option in spec.get("options", []):
            assert english_words(translated(option)) == [], f"{name}: option {option!r}"
    for values in some_settings(name):
        lines = ex.set(**values).reference()
        assert_chinese(" ".join(lines), f"{name} at {values}")
        english_lines = english(ex.reference)
        assert len(lines) == len(english_lines)
        for line, english_line in zip(lines, english_lines):
            assert english_words(line) == [] and line != english_line, f"{name} at {values}: {line!r}"
        data = bundle_data(ex)
        assert data["text/plain"].startswith(f"{translated(ex.title)}（{name}）：{lines[0]}")
        assert english_words(data["text/plain"].replace(name, "")) == [], f"{name}: {data['text/plain']!r}"
        assert data[EXPLORER_MIME] == {"name": name, "values": ex.values(), "messages": ex._messages}
        at_start = ex.values() == type(ex)().values()
        still = (STILLS / "zh_CN" / f"{name}.svg").read_text(encoding="utf-8")
        assert data.get("image/svg+xml") == (still if at_start else None), f"{name}: not the Chinese still"


def test_unit_names_translate_and_their_codes_stay(zh) -> None:
    ex = LIVE["information_content"]()
    assert ex._controls[1]["options"] == ["bits", "nats", "dits"]
    assert [translated(code) for code in ("bits", "nats", "dits")] == ["比特", "纳特", "迪特"]
    assert ex.set(unit="nats").reference()[0] == "p = 0.125：I = 2.0794 纳特"
    assert ex.unit == "nats" and ex.values() == {"p": 0.125, "unit": "nats"}
    assert LIVE["max_likelihood"]().state()["_controls"][1]["unit"] == "samples"   # a template, shown translated


def test_targets_and_units_of_cross_entropy_translate_and_their_codes_stay(zh) -> None:
    ex = LIVE["cross_entropy_kl"]()
    targets, units = ex._controls[3]["options"], ex._controls[4]["options"]
    assert targets == ["class 0", "class 1", "class 2", "soft"] and units == ["nats", "bits", "dits"]
    assert [translated(code) for code in targets] == ["类别 0", "类别 1", "类别 2", "软目标"]
    lines = ex.set(target="soft", unit="bits", z0=-5.0, z1=5.0, z2=5.0).reference()
    assert lines[1] == "H(p) = 1.1568 比特（目标自身的不确定性）"
    assert lines[4] == "KL(q || p) = 1.8215 比特（换个顺序，得数就不同）"
    assert ex.values() == {"z0": -5.0, "z1": 5.0, "z2": 5.0, "target": "soft", "unit": "bits"}


def test_the_readouts_of_04_to_07_at_their_start(zh) -> None:
    """One line of each, written out: the fields in the Chinese sentence, every number as in English."""
    assert LIVE["cross_entropy_kl"]().reference()[4] == "KL(q || p) = ∞（q 把概率分给了 p 所排除的类别）"
    assert LIVE["softmax_loss"]().reference()[2] == "损失 = -ln q_1 = 1.7282 纳特（均匀猜测：ln 3 = 1.0986 纳特）"
    assert LIVE["logit_gradients"]().reference()[3] == (
        "MSE 的梯度等于 BCE 的梯度乘以 ŷ (1 − ŷ) = 0.0025：BCE 的梯度是它的 405.4 倍")
    assert LIVE["bce_vs_mse"]().reference()[0] == "学习率 0.5，初始 w = -4.0，b = 0，在 40 个点上做 200 步全批量梯度下降"
    assert LIVE["softmax_training"]().reference()[3] == "平均置信度 0.9286：自信不足；期望校准误差 0.0359（10 个分箱）"


def test_the_learning_rate_slider_states_its_value_in_chinese(zh) -> None:
    assert gradients.learning_rate_text(-1.0) == "学习率 0.5（2 的 -1 次方）"
    assert gradients.learning_rate_text(-5.75) == "学习率 0.0186（2 的 -5.75 次方）"
    assert english(lambda: gradients.learning_rate_text(-1.0)) == "learning rate 0.5 (2 to the power -1)"


def test_english_state_and_bundle_carry_no_translations() -> None:
    for name in TWELVE:
        ex = LIVE[name]()
        assert ex._messages == {} and "_messages" not in ex.state()
        assert bundle_data(ex)[EXPLORER_MIME] == {"name": name, "values": ex.values()}


# --- in Node ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def in_node_zh() -> dict[str, dict[str, Any]]:
    """Each of the twelve modules run by Node in Chinese: its drawing at the start, and its readout at the
    settings of the contract test, with the Chinese reference of each."""
    if shutil.which("node") is None:
        pytest.skip("needs Node.js to run the explorers' modules")
    i18n.use_language("zh_CN")
    try:
        found = {}
        for name in TWELVE:
            ex = LIVE[name]()
            settings = [dict(ex.set(**values).values()) for values in settings_of(name)]
            found[name] = {"settings": settings, "references": [ex.set(**values).reference() for values in settings],
                           "start": LIVE[name]().reference()}
        answers = render([job(LIVE[name](), found[name]["settings"]) for name in TWELVE])
    finally:
        i18n.use_language("en")
    return {name: {**found[name], **answer} for name, answer in zip(TWELVE, answers, strict=True)}


@pytest.mark.parametrize("name", TWELVE)
def test_the_module_reads_out_the_chinese_reference(in_node_zh, name: str) -> None:
    got = in_node_zh[name]
    assert got["lines"] == got["start"]
    left = [line for lines in got["references"] for line in lines if english_words(line)]
    assert left == [], f"{name}: English left in {left[:2]}"
    wrong = [(values, shown, expected) for values, shown, expected
             in zip(got["settings"], got["readouts"], got["references"], strict=True) if shown != expected]
    assert wrong == [], f"{name}: {len(wrong)} of {len(got['settings'])} settings differ, e.g. {wrong[:2]}"


def test_the_module_states_the_learning_rate_in_chinese() -> None:
    """bce_vs_mse's module writes the slider's value text at every exponent of its grid as
    ``gradients.learning_rate_text`` does in Chinese."""
    if shutil.which("node") is None:
        pytest.skip("needs Node.js to run the explorers' modules")
    spec = LIVE["bce_vs_mse"].specs[0]
    exponents = grid(spec)
    i18n.use_language("zh_CN")
    try:
        ex = LIVE["bce_vs_mse"]()
        shown = render([job(ex, probe=LR_TEXT_PROBE, probe_input={"state": ex.state(), "exponents": exponents})])
        expected = [gradients.learning_rate_text(e) for e in exponents]
    finally:
        i18n.use_language("en")
    assert shown[0]["probe"] == expected and len(expected) == 39
    assert_chinese(" ".join(expected), "the learning rate's value text")


@pytest.mark.parametrize("name", TWELVE)
def test_every_text_the_module_draws_is_chinese(in_node_zh, name: str) -> None:
    root = ET.fromstring(in_node_zh[name]["svg"])
    plots = root.findall(f"{SVG}svg")
    assert plots
    for plot in plots:
        assert_chinese(plot.find(f"{SVG}title").text or "", f"{name}: a drawing's title")
        assert_chinese(plot.find(f"{SVG}desc").text or "", f"{name}: a drawing's description")
        for node in plot.iter(f"{SVG}text"):
            text = "".join(node.itertext())
            assert english_words(text) == [], f"{name}: English left in a drawn text {text!r}"
        for node in plot.iter():
            if node.get("data-label"):
                assert_chinese(node.get("data-label"), f"{name}: a curve's label")


# --- in Chromium -------------------------------------------------------------------------------------------
def static_page(folder: Path) -> Path:
    """A page with the twelve explorers in Chinese as a static build mounts them (web/host.js): each host
    element holds the explorer's English state and the ``messages`` of its display bundle."""
    hosts = []
    for name in TWELVE:
        data = bundle_data(LIVE[name]())
        state = english(LIVE[name]).state()   # English: the translations come from the bundle alone
        assert "_messages" not in state
        payload = json.dumps({"name": name, "state": state, "messages": data[EXPLORER_MIME]["messages"]})
        safe = payload.replace("</", "<\\/")
        hosts.append(f'<div class="ce-live-host" data-ce-explorer="{html.escape(name)}">'
                     f'<script type="application/json">{safe}</script></div>')
    page = folder / "explorers-zh.html"
    page.write_text(f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>探索器</title></head>'
                    f'<body>{"".join(hosts)}{page_scripts(list(TWELVE))}</body></html>', encoding="utf-8")
    return page


def check_on_page(explorer: Any, how: str) -> None:
    """The readout is the Chinese reference; the controls' labels, value texts and options, the title
    and every drawing's title, description and text are Chinese."""
    explorer.check(how)
    root, name = explorer.root, explorer.name
    assert root.locator(".ce-title").inner_text().strip() == translated(explorer.mirror.title)
    for spec in explorer.mirror.specs:
        control = root.locator(f"[data-name='{spec['name']}']")
        label = root.locator(f"label[for='{control.get_attribute('id')}']").inner_text().strip()
        assert label == translated(spec["label"]) and english_words(label) == [], f"{name}: label {label!r}"
        if (name, spec["name"]) == LR_SLIDER:
            expected = gradients.learning_rate_text(float(control.input_value()))
            assert control.get_attribute("aria-valuetext") == expected, f"{name}: {spec['name']}"
        elif spec["kind"] == "range":
            unit = translated(spec["unit"]) if spec.get("unit") else ""
            value = fmt(float(control.input_value()), spec.get("digits", 2), unit)
            assert control.get_attribute("aria-valuetext") == f"{label} {value}", f"{name}: {spec['name']}"
        else:
            shown = [o.strip() for o in control.locator("option").all_inner_texts()]
            assert shown == [translated(option) for option in spec["options"]], f"{name}: options {shown}"
    for svg in root.locator("svg").all():
        assert_chinese(svg.locator("title").text_content(), f"{name}: a drawing's title ({how})")
        assert_chinese(svg.locator("desc").text_content(), f"{name}: a drawing's description ({how})")
        for text in svg.locator("text").all_text_contents():
            assert english_words(text) == [], f"{name}: English left in a drawn text {text!r} ({how})"
    assert_chinese(" ".join(explorer.readout()), f"{name}: readout ({how})")


@pytest.mark.integration
def test_chinese_explorers_in_the_browser(zh, chromium, tmp_path) -> None:
    from tests.support.livedriver import LiveOnPage

    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(static_page(tmp_path).as_uri())
        page.wait_for_function(f"document.querySelectorAll('[data-ce-ready=true]').length === {len(TWELVE)}",
                               timeout=30_000)
        for index, name in enumerate(TWELVE):
            explorer = LiveOnPage(page, name)
            check_on_page(explorer, "rendering")
            rng = random.Random(index)
            first = next(spec for spec in explorer.mirror.specs if spec["kind"] == "range")
            before = explorer.values_on_page()[first["name"]]
            value = before
            while abs(value - before) < 1e-9:
                value = explorer.random_value(first, rng)
            explorer.set_control(first, value)
            check_on_page(explorer, f"a move of {first['name']}")
            for spec in explorer.mirror.specs:
                if spec["kind"] == "select":
                    for option in spec["options"]:
                        explorer.set_control(spec, option)
                        check_on_page(explorer, f"{spec['name']} = {option}")
        assert errors == []
    finally:
        page.close()
