"""tools/i18n.py: what it extracts, that an identity translation gives every notebook back byte for
byte, that the templates are current, and that each gate bites with a message naming its place.

The gates themselves run over the real catalogs and the built Chinese notebooks in
``tests/i18n/test_edition.py``; here each is shown to fail on a broken copy.
"""
from __future__ import annotations

import copy

import nbformat
import polib
import pytest

from tools import i18n


@pytest.fixture(scope="module")
def notebooks() -> dict[str, object]:
    return {p.stem: nbformat.read(p, as_version=4) for p in i18n.english_notebooks()}


def test_an_identity_translation_gives_every_cell_back_byte_for_byte(notebooks: dict) -> None:
    cells = changed = 0
    for nb in notebooks.values():
        for cell in nb.cells:
            units = i18n.cell_units(cell)
            identity = {(c, u.text): u.text for c, u in zip(i18n._contexts(cell.id, units), units)}
            source = i18n.translate_cell(cell, identity, "en")
            if cell.cell_type == "markdown":   # the one mechanical change: links out of the folder go one deeper
                source = source.replace("](../../", "](../")
            cells += 1
            changed += source != cell.source
    assert cells > 700
    assert changed == 0


def test_every_template_is_current_with_the_english(notebooks: dict) -> None:
    stale = {}
    for stem in notebooks:
        committed = polib.pofile(str(i18n.template_path(stem)), wrapwidth=0)
        stale[stem] = i18n.entries_differ(committed, i18n.notebook_template(i18n.NOTEBOOKS / f"{stem}.ipynb"))
    for domain, fresh in i18n.helpers_templates().items():
        path = i18n.template_path(domain)
        stale[domain] = i18n.entries_differ(polib.pofile(str(path), wrapwidth=0), fresh) if path.exists() \
            else ["missing: run `make i18n-extract`"]
    assert {k: v for k, v in stale.items() if v} == {}


def test_a_changed_english_sentence_is_reported_as_new_and_gone() -> None:
    path = i18n.NOTEBOOKS / "02_information_content.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and "information content" in c.source)
    committed = i18n.notebook_template(path)
    cell.source = cell.source.replace("information content", "informational content", 1)
    edited = i18n._new_catalog()
    for index, _c, context, unit in i18n.notebook_units(nb):
        edited.append(polib.POEntry(msgctxt=context, msgid=unit.text, comment=i18n._COMMENTS[unit.kind],
                                    occurrences=[(f"notebooks/{path.name}", str(index))]))
    differences = i18n.entries_differ(committed, edited)
    assert any(d.startswith(f"new, to translate: [{cell.id}]") for d in differences)
    assert any(d.startswith(f"gone from the English: [{cell.id}]") for d in differences)


CODE = '''import numpy as np

# the loss in nats
loss = F.cross_entropy(z, y, reduction="mean")  # the mean over the batch
table = {"by hand": 1, "bits": 2}
ax.legend(loc="upper right")
ax.annotate("x", (0, 0), textcoords="offset points")
print(f"loss = {loss:.4f} nats, {table['bits']} bits")
print("one" + " two" if x == "a b" else "three")
### BEGIN SOLUTION
answer = 1  # noqa: F841
### END SOLUTION
plt.title("The loss over the batch")
'''


def test_code_cells_give_their_comments_and_prose_strings_and_nothing_that_is_code() -> None:
    units = i18n.code_units(CODE)
    assert [(u.kind, u.text) for u in units] == [
        ("comment", "the loss in nats"),
        ("comment", "the mean over the batch"),
        ("string", 'f"loss = {loss:.4f} nats, {table[\'bits\']} bits"'),
        ("string", '"The loss over the batch"'),
    ]
    for unit in units:   # each unit's place holds its text
        assert CODE[unit.start:unit.end] == unit.text


def test_markdown_cells_split_at_their_top_level_blocks() -> None:
    source = ("## 1 · A heading\n\nA paragraph\nover two lines with $x^2$.\n\n- one\n- two\n\n"
              "```python\nprint('a fence')\n```\n\n$$H = -\\sum p \\log p$$\n\n$$\\text{loss} = 1$$\n\n"
              "| a | b |\n|---|---|\n| 1 | 2 |\n")
    units = i18n.markdown_units(source)
    assert [u.kind for u in units] == ["heading", "paragraph", "list", "math", "table"]
    assert units[1].text == "A paragraph\nover two lines with $x^2$."


def _entry(msgid: str, msgstr: str, kind: str = "paragraph") -> polib.POEntry:
    return polib.POEntry(msgctxt="cell-1", msgid=msgid, msgstr=msgstr, comment=i18n._COMMENTS[kind])


@pytest.mark.parametrize(("msgid", "msgstr", "kind", "problem"), [
    ("The loss is 1.6094 nats.", "损失是 1.6904 纳特。", "paragraph", "numbers differ"),
    ("With $p = 0.5$ here.", "这里 $p = 0.25$。", "paragraph", "math differ"),
    ("Call `F.softmax`.", "调用 `F.log_softmax`。", "paragraph", "inline code differ"),
    ("See [03](03_entropy.ipynb).", "见 [03](04_cross.ipynb)。", "paragraph", "link targets differ"),
    ("## 2 · The unit", "### 2 · 单位", "heading", "heading level differ"),
    ("- one\n- two", "- 一和二", "list", "list items differ"),
    ("The **cross-entropy** of two.", "两个分布的**“交叉熵”**的值。", "paragraph", "literal * or __ differ"),
    ("A long sentence\nover two lines.", "一个很长的句子\n分成两行。", "paragraph", "line break between two Chinese"),
    ("The entropy of the die.", "骰子的不确定度。", "paragraph", "'entropy' is not translated as '熵'"),
    ("The maximum likelihood estimate.", "最大似然估计值。", "paragraph", "forbidden term '最大似然估计'"),
    ("The probability of rain.", "下雨的几率。", "paragraph", "几率 means odds"),
    ("The entropy.", "熵與資訊。", "paragraph", "Traditional characters"),
    ('f"loss = {loss:.4f} nats"', 'f"损失 = {loss:.3f} 纳特"', "string", "{fields} differ"),
    ('f"loss = {loss:.4f} nats"', '"损失 = {loss:.4f} 纳特"', "string", "JoinedStr became a Constant"),
    ('r"the loss $\\ell$ in nats"', 'r"损失 $\\ell$（纳特）"', "string", "Chinese and $…$ math"),
    ("the loss in nats", "损失，单位\n纳特", "comment", "one line"),
])
def test_each_entry_gate_bites_and_names_the_problem(msgid: str, msgstr: str, kind: str, problem: str) -> None:
    problems = i18n.entry_problems(_entry(msgid, msgstr, kind), kind, i18n.gate_terms())
    assert any(problem in p for p in problems), problems


def test_a_faithful_translation_passes_every_entry_gate() -> None:
    terms = i18n.gate_terms()
    for msgid, msgstr, kind in [
        ("The **entropy** of a fair coin is $H = 1$ bit; see [03](03_e.ipynb) and `info.entropy`.",
         "一枚均匀硬币的**熵**是 $H = 1$ 比特；见 [03](03_e.ipynb) 和 `info.entropy`。", "paragraph"),
        ('f"H = {h:.4f} bits over {n} outcomes"', 'f"{n} 个结果上的熵 H = {h:.4f} 比特"', "string"),
        ("$$\\text{loss} = -\\ln p$$", "$$\\text{损失} = -\\ln p$$", "math"),
    ]:
        assert i18n.entry_problems(_entry(msgid, msgstr, kind), kind, terms) == []


def test_a_changed_code_line_breaks_the_syntax_tree_rule() -> None:
    english = 'loss = F.cross_entropy(z, y, reduction="mean")\nprint(f"loss = {loss:.4f} nats")'
    translated = 'loss = F.cross_entropy(z, y, reduction="mean")\nprint(f"损失 = {loss:.4f} 纳特")'
    changed = 'loss = F.cross_entropy(z, y, reduction="sum")\nprint(f"损失 = {loss:.4f} 纳特")'
    moved = 'loss = F.cross_entropy(z, y, reduction="mean")\nprint(f"损失 = {loss:.4f} 纳特", loss)'
    import ast

    def tree(source: str) -> str:
        return i18n._normalised(ast.parse(source))

    assert tree(english) == tree(translated)
    # reduction="sum" is a string too: the syntax tree alone cannot see it, the build gate can
    assert tree(english) == tree(changed)
    assert tree(english) != tree(moved)


def test_a_hand_edited_chinese_notebook_is_not_what_the_build_makes() -> None:
    english = i18n.NOTEBOOKS / "02_information_content.ipynb"
    built = i18n.build_notebook(english)
    target = i18n.zh_path(english)
    if not target.exists():
        pytest.skip("the Chinese 02 is not built yet")
    edited = copy.deepcopy(nbformat.read(target, as_version=4))
    code = next(c for c in edited.cells if c.cell_type == "code" and "base=2" in c.source)
    code.source = code.source.replace("base=2", "base=10", 1)   # a changed code line, strings aside
    assert i18n._same_sources(nbformat.read(target, as_version=4), built)
    assert not i18n._same_sources(edited, built)


def test_every_english_setup_cell_chooses_english_once(notebooks: dict) -> None:
    calls = {stem: sum(c.source.count(i18n.LANGUAGE_CALL.format("en")) for c in nb.cells if c.cell_type == "code")
             for stem, nb in notebooks.items()}
    assert calls == dict.fromkeys(notebooks, 1)


def test_the_first_use_of_a_term_without_its_english_is_reported() -> None:
    terms = [t for t in i18n.glossary() if t.english == "entropy"]
    po = polib.POFile()
    po.append(_entry("## 3 · Entropy", "## 3 · 熵", "heading"))
    first = _entry("The entropy of a coin.", "硬币的熵。")
    po.append(first)
    po.append(_entry("Its entropy is 1 bit.", "它的熵（entropy）是 1 比特。"))
    assert [(e.msgid, p[:26]) for e, p in i18n.first_use_problems(po, terms)] == [
        (first.msgid, "the first use of '熵' gives")]
    first.msgstr = "硬币的熵（entropy）。"
    assert i18n.first_use_problems(po, terms) == []


def test_an_english_edit_turns_its_translation_fuzzy_and_the_gate_names_it(tmp_path, monkeypatch) -> None:
    """``make i18n-update`` after an English edit: msgmerge --previous keeps the old translation, marks it
    fuzzy with the old English beside it, and the catalog gate names the entry until it is revised."""
    import shutil

    stem = "02_information_content"
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "i18n" / "zh_CN").mkdir(parents=True)
    shutil.copy(i18n.NOTEBOOKS / f"{stem}.ipynb", tmp_path / "notebooks")
    shutil.copy(i18n.template_path(stem), tmp_path / "i18n")
    shutil.copy(i18n.catalog_path(stem), tmp_path / "i18n" / "zh_CN")
    shutil.copy(i18n.GLOSSARY, tmp_path / "i18n")
    monkeypatch.setattr(i18n, "ROOT", tmp_path)
    monkeypatch.setattr(i18n, "NOTEBOOKS", tmp_path / "notebooks")
    monkeypatch.setattr(i18n, "I18N", tmp_path / "i18n")
    monkeypatch.setattr(i18n, "GLOSSARY", tmp_path / "i18n" / "glossary.csv")
    monkeypatch.setattr(i18n, "LOCALE", tmp_path / "locale")
    monkeypatch.setattr(i18n, "helpers_templates", dict)

    path = tmp_path / "notebooks" / f"{stem}.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = nb.cells[0]
    first = i18n.cell_units(cell)[1].text
    po = polib.pofile(str(i18n.catalog_path(stem)), wrapwidth=0)
    entry = po.find(first, msgctxt=cell.id)
    entry.msgstr, entry.flags = entry.msgstr or "一段译文。", []
    po.save(str(i18n.catalog_path(stem)))
    assert not [p for p in i18n.catalog_problems(stem) if f"[{cell.id}]" in p and "fuzzy" in p]

    cell.source = cell.source.replace(first, first.replace("we need", "we first need"), 1)
    nbformat.write(nb, path)
    i18n.extract()
    i18n.update()
    merged = polib.pofile(str(i18n.catalog_path(stem)), wrapwidth=0).find(
        first.replace("we need", "we first need"), msgctxt=cell.id)
    assert merged.fuzzy and merged.previous_msgid == first and merged.msgstr == entry.msgstr
    assert [p for p in i18n.catalog_problems(stem) if f"[{cell.id}]" in p and "fuzzy" in p]


def test_a_print_split_over_two_stream_messages_is_the_same_output() -> None:
    """The kernel may send ``print``'s text and its newline as two stream outputs: the output gate joins
    consecutive outputs of one stream, as a notebook shows them, and still sees a missing number."""
    def cell(*texts: str) -> object:
        return nbformat.from_dict({"cell_type": "code", "outputs": [
            {"output_type": "stream", "name": "stdout", "text": t} for t in texts]})

    assert i18n._output_problems(cell("loss = 1.5\n"), cell("损失 = 1.5", "\n")) == []
    assert i18n._output_problems(cell("loss = 1.5\n"), cell("损失 = 1.6", "\n")) != []
