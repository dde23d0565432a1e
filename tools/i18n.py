"""The Chinese edition: gettext catalogs extracted from the English notebooks and ``helpers``, and
Chinese notebooks built from them.

The English notebooks are the source. Each notebook has a template of what a translator translates,
``i18n/<notebook>.pot``, and one catalog per language, ``i18n/zh_CN/<notebook>.po``:

- **Markdown cells** are cut at their top-level blocks (paragraph, heading, list, table, quote, HTML),
  as markdown-it-py (with the ``$…$`` plugin of mdit-py-plugins) finds them. A block's source lines,
  unreflowed, are its ``msgid``; the blank lines between blocks are kept as they are, so a catalog
  that translates each block into itself gives back every cell byte for byte. Code fences are not
  extracted; display math only where it holds ``\\text{…}`` words.
- **Code cells**: each comment (``tokenize``) and each string that reads as prose (a word and a space;
  an f-string's text around its fields), which is what a learner sees printed, plotted or read.
  A string that is code (``reduction="mean"``, a unit code such as ``"bits"``, a dict key, a subscript)
  is never extracted, nor are nbgrader's ``BEGIN/END SOLUTION`` markers. A string's ``msgid`` is its
  source as written, quotes and prefix included; the translation must keep them and every ``{field}``.
- ``msgctxt`` is the cell's id (a second block with the same text in one cell adds ``#2``).

``helpers``' own messages are templates in ``tr(…)`` and ``N_(…)`` calls; they are extracted into
one template per module, ``helpers/locale/<module>.pot`` (``checks.core``, ``explorers.information``,
``plots``), with its catalog ``helpers/locale/zh_CN/<module>.po``, which ``helpers.i18n`` reads at run time.

Commands (``python -m tools.i18n COMMAND``, or the ``make i18n-…`` targets):

- ``extract``: write the templates (``.pot``) from the English notebooks and ``helpers``; a template
  is rewritten only when an entry changed, so its ``POT-Creation-Date`` does not churn.
- ``update``: merge each catalog with its template (GNU ``msgmerge --previous``: an entry whose
  English changed turns fuzzy and keeps the old English beside it); a new catalog starts empty.
- ``build [--execute]``: write each Chinese notebook from its English notebook and catalog
  (``notebooks/zh_CN/``, same file names), keeping its outputs when its sources did not change;
  ``--execute`` runs the ones that changed.
- ``status``: per catalog, how many entries are translated, fuzzy, untranslated and obsolete.
- ``glossary``: rewrite the glossary table of the English 00 from ``i18n/glossary.csv``.
- ``check [NAMES]``: every gate (below), each problem on a line that names its place; exit 1 if any.

``tests/i18n/`` holds the gates: catalogs complete and current, each Chinese notebook what ``build``
makes, the same numbers, math, code and links in every entry, the same syntax tree in every code cell.
"""
from __future__ import annotations

import argparse
import ast
import copy
import functools
import hashlib
import io
import json
import re
import subprocess
import sys
import tokenize
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import polib
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

__all__ = ["ROOT", "NOTEBOOKS", "I18N", "LANGUAGES", "Unit", "markdown_units", "code_units", "cell_units",
           "notebook_units", "notebook_template", "helpers_templates", "load_catalog", "translate_cell",
           "build_notebook", "source_hash", "zh_path", "catalog_path", "template_path", "entries_differ",
           "main"]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
I18N = ROOT / "i18n"
HELPERS = ROOT / "helpers"
LOCALE = HELPERS / "locale"
LANGUAGES = ("zh_CN",)
# The one line of a setup cell that differs between the editions: the language of helpers' messages.
LANGUAGE_CALL = 'helpers.use_language("{}")'
# What a translator sees as the project in a catalog's header.
PROJECT = "Cross-Entropy, Explained"
# Top-level Markdown blocks that hold prose; a code fence never does, display math only with \text{}.
_PROSE_BLOCKS = {"paragraph_open", "heading_open", "bullet_list_open", "ordered_list_open", "table_open",
                 "blockquote_open", "html_block", "hr"}
_MARKERS = re.compile(r"(BEGIN|END) (SOLUTION|HIDDEN TESTS)|^(noqa|type:|pragma|fmt:)")
_PROSE = re.compile(r"[A-Za-z]{2,}")
# The keyword arguments whose string a learner reads (a legend label, a title); any other keyword's
# string is code (``loc="upper right"``, ``textcoords="offset points"``) and is never translated.
# Calls whose string arguments are shown as they are, a single word included (``print("rows:", x)``).
SHOWN_AS_IS = {"print", "label_axes", "set_title", "set_xlabel", "set_ylabel", "suptitle", "title", "xlabel",
               "ylabel"}
DISPLAY_KEYWORDS = {"label", "title", "heading", "xlabel", "ylabel", "statement", "what", "text", "message"}


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(dollarmath_plugin, double_inline=True)


@dataclass(frozen=True)
class Unit:
    """One translatable piece of a cell: ``text`` at ``start:end`` of the cell's source (characters)."""

    kind: str    # "heading", "paragraph", "list", "table", "quote", "html", "math", "comment", "string"
    text: str
    start: int
    end: int


# ---------------------------------------------------------------------------------------------- cells

def markdown_units(source: str) -> list[Unit]:
    """The top-level blocks of a Markdown cell, each its source lines without the last newline."""
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    units = []
    for token in _markdown().parse(source):
        if token.level != 0 or token.map is None or token.nesting == -1:
            continue
        kind = token.type
        if kind == "math_block" or kind == "math_block_label":
            if "\\text{" not in token.content:
                continue
            name = "math"
        elif kind in _PROSE_BLOCKS:
            if kind == "hr":
                continue
            name = {"paragraph_open": "paragraph", "heading_open": "heading", "bullet_list_open": "list",
                    "ordered_list_open": "list", "table_open": "table", "blockquote_open": "quote",
                    "html_block": "html"}[kind]
        else:
            continue
        first, last = token.map
        start, end = offsets[first], offsets[min(last, len(lines))]
        text = source[start:end]
        while text.endswith("\n"):
            text, end = text[:-1], end - 1
        if text.strip():
            units.append(Unit(name, text, start, end))
    return units


def _char_offsets(source: str) -> list[int]:
    """The character offset of each line's start (line 1 at index 1), for tokenize's and ast's positions."""
    starts = [0, 0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def _is_prose(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = " ".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        if len(node.values) > 1 and _PROSE.search(text) and text.strip():
            return True   # an f-string with words around its fields is a sentence
    else:
        return False
    return bool(_PROSE.search(text)) and bool(re.search(r"\s", text.strip()))


def _is_word(node: ast.expr) -> bool:
    """A string with a word in it (``"rows:"``, ``"value"``), or an f-string with one around its fields."""
    parts = [node.value] if isinstance(node, ast.Constant) else [
        v.value for v in getattr(node, "values", []) if isinstance(v, ast.Constant)]
    return any(isinstance(p, str) and _PROSE.search(p) for p in parts)


def _code_strings(tree: ast.AST) -> Iterator[ast.expr]:
    """Every string or f-string of ``tree`` that reads as prose and is not a dict key, subscript or
    comparison operand; a one-word string too where it is shown as it is (``print("rows:", x)``,
    ``label="value"``, ``plots.label_axes(ax, "p", "loss")``)."""
    skip: set[int] = set()
    shown: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if func in SHOWN_AS_IS:
                shown.update(id(a) for a in node.args)
            shown.update(id(k.value) for k in node.keywords if k.arg in DISPLAY_KEYWORDS)
        if isinstance(node, ast.Dict):
            skip.update(id(k) for k in node.keys if k is not None)
        elif isinstance(node, ast.Subscript):
            skip.add(id(node.slice))
        elif isinstance(node, ast.Compare):
            skip.update(id(n) for n in [node.left, *node.comparators])
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(n) for n in ast.walk(node) if n is not node)
        elif isinstance(node, ast.keyword) and node.arg not in DISPLAY_KEYWORDS:
            skip.add(id(node.value))   # loc="upper right", textcoords="offset points": code, not prose
    for node in ast.walk(tree):
        if id(node) not in skip and isinstance(node, ast.Constant | ast.JoinedStr) and (
                _is_prose(node) or (id(node) in shown and _is_word(node))):
            yield node


def code_units(source: str) -> list[Unit]:
    """A code cell's comments (their text after ``#``) and prose strings (their source, quotes and all)."""
    try:
        tree = ast.parse(source)
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (SyntaxError, tokenize.TokenError):
        return []
    starts = _char_offsets(source)
    lines = source.splitlines(keepends=True)

    def at(row: int, col_bytes: int) -> int:   # ast gives UTF-8 byte columns
        return starts[row] + len(lines[row - 1].encode("utf-8")[:col_bytes].decode("utf-8"))

    units = []
    for tok in tokens:
        if tok.type != tokenize.COMMENT:
            continue
        body = tok.string.lstrip("#").strip()
        if not body or _MARKERS.search(body) or not _PROSE.search(body):
            continue
        begin = starts[tok.start[0]] + tok.start[1] + tok.string.index(body)
        units.append(Unit("comment", body, begin, begin + len(body)))
    for node in _code_strings(tree):
        assert node.end_lineno is not None and node.end_col_offset is not None
        begin, end = at(node.lineno, node.col_offset), at(node.end_lineno, node.end_col_offset)
        units.append(Unit("string", source[begin:end], begin, end))
    return sorted(units, key=lambda u: u.start)


def cell_units(cell: Any) -> list[Unit]:
    """What a translator translates in a cell: Markdown blocks, or a code cell's comments and prose strings."""
    if cell.cell_type == "markdown":
        return markdown_units(cell.source)
    if cell.cell_type == "code":
        return code_units(cell.source)
    return []


def _contexts(cell_id: str, units: list[Unit]) -> list[str]:
    """Each unit's ``msgctxt``: the cell id, with ``#2``, ``#3``… for a repeated text in the same cell."""
    seen: Counter[str] = Counter()
    out = []
    for unit in units:
        seen[unit.text] += 1
        out.append(cell_id if seen[unit.text] == 1 else f"{cell_id}#{seen[unit.text]}")
    return out


def notebook_units(nb: Any) -> Iterator[tuple[int, Any, str, Unit]]:
    """(cell index, cell, msgctxt, unit) for every translatable unit of a notebook, in order."""
    for index, cell in enumerate(nb.cells):
        units = cell_units(cell)
        for context, unit in zip(_contexts(cell.id, units), units):
            yield index, cell, context, unit


# ------------------------------------------------------------------------------------------ catalogs

def _new_catalog(language: str = "") -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": PROJECT,
        "POT-Creation-Date": "",
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE" if not language else "",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if language:
        po.metadata["Last-Translator"] = PROJECT
        po.metadata["Language-Team"] = f"{PROJECT} ({language})"
        po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    return po


_COMMENTS = {
    "heading": "Markdown heading: keep the #s.",
    "paragraph": "Markdown paragraph: keep math ($…$), inline code and link targets as they are.",
    "list": "Markdown list: keep the items and their markers.",
    "table": "Markdown table: keep the rows and columns.",
    "quote": "Markdown quote.",
    "html": "HTML: translate the text, keep the tags.",
    "math": "Display math: translate only the words inside \\text{…}.",
    "comment": "Code comment.",
    "string": "Python string: keep the quotes, the prefix and every {field}.",
}


def notebook_template(path: Path) -> polib.POFile:
    """The template of one English notebook: one entry per unit, in the notebook's order."""
    nb = nbformat.read(path, as_version=4)
    pot = _new_catalog()
    for index, _cell, context, unit in notebook_units(nb):
        pot.append(polib.POEntry(msgctxt=context, msgid=unit.text, msgstr="", comment=_COMMENTS[unit.kind],
                                 occurrences=[(f"notebooks/{path.name}", str(index))]))
    return pot


def _domain(path: Path) -> str:
    """A helpers module's catalog domain: its dotted name below ``helpers`` (``checks.core``, ``plots``)."""
    return ".".join(path.relative_to(HELPERS).with_suffix("").parts)


def helpers_templates() -> dict[str, polib.POFile]:
    """The templates of ``helpers``' messages by domain: the literal first argument of every ``tr`` and
    ``N_`` call under ``helpers/``. Raises ``ValueError`` for a call whose template is not a literal."""
    found: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for path in sorted(HELPERS.rglob("*.py")):
        if path.name == "i18n.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"tr", "N_"}):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if not node.args or not (isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                raise ValueError(f"{where}: {node.func.id}() needs a literal template (no f-string, no variable)")
            found.setdefault(_domain(path), {}).setdefault(node.args[0].value, []).append(
                (str(path.relative_to(ROOT)), str(node.lineno)))
    templates = {}
    for domain, messages in sorted(found.items()):
        pot = _new_catalog()
        for msgid, occurrences in messages.items():
            pot.append(polib.POEntry(msgid=msgid, msgstr="", occurrences=occurrences,
                                     flags=["python-brace-format"] if re.search(r"\{\w", msgid) else []))
        templates[domain] = pot
    return templates


def _is_notebook(stem: str) -> bool:
    return (NOTEBOOKS / f"{stem}.ipynb").exists()


def template_path(stem: str) -> Path:
    """Where the template of a notebook (by file stem) or of a helpers domain is kept."""
    return (I18N if _is_notebook(stem) else LOCALE) / f"{stem}.pot"


def catalog_path(stem: str, language: str = "zh_CN") -> Path:
    """Where the catalog of a notebook (by file stem) or a helpers domain in ``language`` is kept."""
    return (I18N if _is_notebook(stem) else LOCALE) / language / f"{stem}.po"


def _key(entry: polib.POEntry) -> tuple[Any, ...]:
    return (entry.msgctxt, entry.msgid, entry.comment, tuple(entry.occurrences), tuple(entry.flags))


def entries_differ(a: polib.POFile, b: polib.POFile) -> list[str]:
    """What differs between two templates, ignoring their headers (so their POT-Creation-Date): each
    entry only in one, named by its context and the start of its English."""
    ka = {(e.msgctxt, e.msgid): e for e in a}
    kb = {(e.msgctxt, e.msgid): e for e in b}
    out = [f"new, to translate: [{c}] {m[:70]!r}" for (c, m) in kb if (c, m) not in ka]
    out += [f"gone from the English: [{c}] {m[:70]!r}" for (c, m) in ka if (c, m) not in kb]
    if not out and [_key(e) for e in a] != [_key(e) for e in b]:
        out.append("the same entries, with other places or comments (run `make i18n-extract`)")
    return out


def _write_template(path: Path, pot: polib.POFile) -> bool:
    """Write ``pot`` unless the file already holds the same entries; True when written."""
    if path.exists() and not entries_differ(polib.pofile(str(path), wrapwidth=0), pot):
        return False
    from datetime import UTC, datetime

    pot.metadata["POT-Creation-Date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    path.parent.mkdir(parents=True, exist_ok=True)
    pot.save(str(path))
    return True


def english_notebooks() -> list[Path]:
    """The English notebooks, the source of every edition."""
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def extract() -> list[Path]:
    """Write every template that changed; return the ones written."""
    written = []
    for path in english_notebooks():
        if _write_template(template_path(path.stem), notebook_template(path)):
            written.append(template_path(path.stem))
    for domain, pot in helpers_templates().items():
        if _write_template(template_path(domain), pot):
            written.append(template_path(domain))
    return written


def update(language: str = "zh_CN", names: Iterable[str] = ()) -> list[Path]:
    """Merge every catalog of ``language`` with its template (``msgmerge --previous``); start the
    catalogs of ``names`` (notebook stems or helpers domains) that do not exist yet."""
    stems = [p.stem for p in english_notebooks()] + list(helpers_templates())
    done = []
    for stem in stems:
        pot, po = template_path(stem), catalog_path(stem, language)
        if not pot.exists() or (not po.exists() and stem not in names):
            continue
        if not po.exists():
            catalog = _new_catalog(language)
            for entry in polib.pofile(str(pot), wrapwidth=0):
                catalog.append(entry)
            catalog.metadata["POT-Creation-Date"] = polib.pofile(str(pot)).metadata.get("POT-Creation-Date", "")
            po.parent.mkdir(parents=True, exist_ok=True)
            catalog.save(str(po))
        else:
            subprocess.run(["msgmerge", "--quiet", "--previous", "--no-wrap", "--update", "--backup=none",
                            str(po), str(pot)], check=True)
        done.append(po)
    return done


def load_catalog(path: Path) -> dict[tuple[str | None, str], str]:
    """The usable translations of a catalog: translated, not fuzzy, not obsolete, by (msgctxt, msgid)."""
    if not path.exists():
        return {}
    return {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(path), wrapwidth=0)
            if e.msgstr and not e.fuzzy and not e.obsolete}


# ---------------------------------------------------------------------------------------------- build

def translate_cell(cell: Any, translations: dict[tuple[str | None, str], str], language: str,
                   missing: list[str] | None = None) -> str:
    """The source of ``cell`` in ``language``: every unit replaced by its translation (a unit without one
    stays English and is named in ``missing``), the language call and links out of the folder adjusted."""
    units = cell_units(cell)
    source = cell.source
    for context, unit in sorted(zip(_contexts(cell.id, units), units), key=lambda cu: -cu[1].start):
        text = translations.get((context, unit.text))
        if text is None:
            if missing is not None:
                missing.append(f"[{context}] {unit.text[:60]!r}")
            continue
        source = source[:unit.start] + text + source[unit.end:]
    if cell.cell_type == "code":
        source = source.replace(LANGUAGE_CALL.format("en"), LANGUAGE_CALL.format(language))
    elif cell.cell_type == "markdown":
        source = re.sub(r"\]\(\.\./", "](../../", source)   # the edition lives one folder deeper
    return source


def heading_anchor(heading: str) -> str:
    """The anchor JupyterLab and nbconvert give a Markdown heading: its text as shown (emphasis and
    backticks gone), spaces replaced by hyphens ("## Solution to Exercise 1" -> "Solution-to-Exercise-1")."""
    inline = _markdown().parseInline(heading.lstrip("#").strip())[0].children or []
    text = "".join(t.content for t in inline if t.type in {"text", "code_inline", "math_inline"})
    return text.strip().replace(" ", "-")


def _anchors(nb: Any) -> list[str]:
    return [heading_anchor(line) for cell in nb.cells if cell.cell_type == "markdown"
            for line in cell.source.splitlines() if re.match(r"#{1,6} ", line)]


@functools.cache
def _anchor_map(stem: str, language: str) -> dict[str, str]:
    """English heading anchor -> its anchor in ``language``, for a notebook with a catalog."""
    english = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    translations = load_catalog(catalog_path(stem, language))
    translated = copy.deepcopy(english)
    for cell in translated.cells:
        if cell.cell_type == "markdown":
            cell.source = translate_cell(cell, translations, language)
    return dict(zip(_anchors(english), _anchors(translated)))


_LINK = re.compile(r"\]\((?P<stem>\d\d[a-z]?_[\w-]+)?(?P<ext>\.ipynb)?(?:#(?P<anchor>[^)\s]+))?\)")


def _relink(built: Any, stem: str, language: str) -> None:
    """Point the edition's links at what the edition has: a heading's anchor as translated (the catalog
    keeps the English target, as the gate wants), and a notebook not translated yet at the English one."""
    def relink(match: re.Match[str]) -> str:
        target = match["stem"] or stem
        if match["stem"] and not match["ext"]:
            return match[0]
        translated = catalog_path(target, language).exists()
        anchor = match["anchor"]
        if anchor and translated:
            anchor = _anchor_map(target, language).get(anchor, anchor)
        path = "" if not match["stem"] else (f"{target}.ipynb" if translated else f"../{target}.ipynb")
        return f"]({path}{'#' + anchor if anchor else ''})"

    for cell in built.cells:
        if cell.cell_type == "markdown":
            cell.source = _LINK.sub(relink, cell.source)


def source_hash(nb: Any) -> str:
    """SHA-256 of what a translation is built from: each cell's id, type, source and metadata, and the
    notebook's metadata (not the outputs, so running the English notebook again leaves it alone)."""
    what = {"metadata": nb.metadata,
            "cells": [[c.id, c.cell_type, c.source, c.metadata] for c in nb.cells]}
    return hashlib.sha256(json.dumps(what, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def zh_path(english: Path, language: str = "zh_CN") -> Path:
    """Where the edition of ``language`` keeps its twin of an English notebook."""
    return english.parent / language / english.name


def build_notebook(english: Path, language: str = "zh_CN", missing: list[str] | None = None) -> Any:
    """The notebook of ``language`` built from an English notebook and its catalog, without outputs:
    the same cells, ids, order, types and metadata; the sources translated; the source's hash recorded."""
    nb = nbformat.read(english, as_version=4)
    translations = load_catalog(catalog_path(english.stem, language))
    built = copy.deepcopy(nb)
    for cell in built.cells:
        cell.source = translate_cell(cell, translations, language, missing)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    _relink(built, english.stem, language)
    built.metadata["ce_edition"] = {"language": language, "source": f"../{english.name}",
                                    "source_sha256": source_hash(nb)}
    return built


def _same_sources(a: Any, b: Any) -> bool:
    return a.metadata == b.metadata and [(c.id, c.cell_type, c.source, c.metadata) for c in a.cells] == \
        [(c.id, c.cell_type, c.source, c.metadata) for c in b.cells]


def build(language: str = "zh_CN", names: Iterable[str] = (), execute: bool = False) -> list[Path]:
    """Write the edition of ``language`` (every English notebook with a catalog, or ``names``); keep a
    notebook's outputs when its sources are unchanged; with ``execute``, run the changed ones."""
    changed = []
    for english in english_notebooks():
        if names and english.stem not in names and english.name not in names:
            continue
        if not catalog_path(english.stem, language).exists():
            continue
        missing: list[str] = []
        built = build_notebook(english, language, missing)
        if missing:
            print(f"{english.stem}: {len(missing)} units not translated yet (left in English)", file=sys.stderr)
        target = zh_path(english, language)
        if target.exists() and _same_sources(nbformat.read(target, as_version=4), built):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(built, target)
        changed.append(target)
    if execute:
        for target in changed:
            subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                            "--inplace", "--ExecutePreprocessor.record_timing=False",
                            "--ExecutePreprocessor.store_widget_state=False", str(target)], check=True)
    return changed


def status(language: str = "zh_CN") -> list[str]:
    """One line per catalog: translated, fuzzy, untranslated and obsolete entries."""
    lines = []
    for po_path in sorted([*(I18N / language).glob("*.po"), *(LOCALE / language).glob("*.po")]):
        po = polib.pofile(str(po_path), wrapwidth=0)
        lines.append(f"{po_path.relative_to(ROOT)}: {len(po.translated_entries())} translated, "
                     f"{len(po.fuzzy_entries())} fuzzy, {len(po.untranslated_entries())} untranslated, "
                     f"{len(po.obsolete_entries())} obsolete")
    return lines


# ---------------------------------------------------------------------------------------------- gates

GLOSSARY = I18N / "glossary.csv"
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TEXT_IN_MATH = re.compile(r"\\text\{[^{}]*\}")


@dataclass(frozen=True)
class Term:
    """A row of the glossary: the English term, its Chinese, accepted alternatives and forbidden variants,
    the notebook that introduces it, the table of 00 that lists it (1, 2, 3 or none) and whether the gate
    holds every translation to it (a row such as "positive class / negative class" is a table row only)."""

    english: str
    chinese: str
    also: tuple[str, ...]
    forbidden: tuple[str, ...]
    first_met: str
    table: str
    gate: bool

    @property
    def pattern(self) -> re.Pattern[str]:
        stem = re.escape(self.english)
        plural = stem[:-1] + "(?:y|ies)" if self.english.endswith("y") else stem + "(?:s|es)?"
        return re.compile(rf"(?<![\w-]){plural}(?![\w])", re.IGNORECASE)


def glossary() -> list[Term]:
    """The glossary (``i18n/glossary.csv``): the one source of the course's terms in both languages."""
    import csv

    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return [Term(row["english"], row["chinese"], tuple(filter(None, row["also"].split("|"))),
                     tuple(filter(None, row["forbidden"].split("|"))), row["first_met"], row["table"],
                     row["gate"] == "yes")
                for row in csv.DictReader(handle)]


def gate_terms() -> list[Term]:
    """The glossary's terms the gate holds every translation to."""
    return [t for t in glossary() if t.gate]


def _markdown_facts(text: str) -> dict[str, Any]:
    """What must not change in a translated Markdown block: its numbers, math, inline code, link targets,
    heading level, top-level list length and table shape."""
    tokens = _markdown().parse(text)
    math, code, links, stars = [], [], [], 0
    heading = list_items = 0
    rows = 0
    cols: set[int] = set()
    depth = 0
    for token in tokens:
        if token.type == "heading_open" and token.level == 0:
            heading = int(token.tag[1])
        if token.type in {"bullet_list_open", "ordered_list_open"}:
            depth += 1
        elif token.type in {"bullet_list_close", "ordered_list_close"}:
            depth -= 1
        elif token.type == "list_item_open" and depth == 1:
            list_items += 1
        elif token.type == "tr_open":
            rows += 1
        elif token.type == "math_block":
            math.append(_TEXT_IN_MATH.sub(r"\\text{}", token.content.strip()))
        for child in token.children or []:
            if child.type in {"math_inline", "math_inline_double"}:
                math.append(_TEXT_IN_MATH.sub(r"\\text{}", child.content.strip()))
            elif child.type == "code_inline":
                code.append(child.content)
            elif child.type == "link_open":
                links.append(child.attrs.get("href"))
            elif child.type == "text":
                stars += child.content.count("*") + child.content.count("__")
    for line in text.splitlines():
        if line.lstrip().startswith("|") and not re.fullmatch(r"\s*\|[\s|:-]+\|?\s*", line):
            cols.add(line.strip().strip("|").count("|") + 1)
    plain = _TEXT_IN_MATH.sub("", text)
    return {"numbers": sorted(_NUMBER.findall(plain)), "math": sorted(math), "inline code": sorted(code),
            "link targets": sorted(str(x) for x in links), "heading level": heading, "list items": list_items,
            "table shape": (rows, sorted(cols)), "literal * or __": stars}


def _fields(node: ast.AST) -> list[str]:
    return sorted(ast.dump(v) for v in ast.walk(node) if isinstance(v, ast.FormattedValue))


def _string_problems(msgid: str, msgstr: str) -> list[str]:
    try:
        with warnings.catch_warnings():   # an invalid escape in a learner's string is not this gate's business
            warnings.simplefilter("ignore")
            english = ast.parse(f"(\n{msgid}\n)", mode="eval").body
            chinese = ast.parse(f"(\n{msgstr}\n)", mode="eval").body
    except SyntaxError as exc:
        return [f"the translation is not a Python string: {exc.msg}"]
    problems = []
    if type(english) is not type(chinese):
        problems.append(f"a {type(english).__name__} became a {type(chinese).__name__} (keep the quotes and prefix)")
    elif _fields(english) != _fields(chinese):
        problems.append("its {fields} differ: keep every field of the English, as written")
    if "$" in msgstr and re.search(f"[{_CJK}]", msgstr) and re.search(r"\$[^$]+\$", msgstr):
        problems.append("Chinese and $…$ math in one string (matplotlib cannot draw both: split the string)")
    return problems


def _normalised(tree: ast.AST) -> str:
    """A syntax tree with every string's text taken out and each f-string's fields sorted."""
    class Blank(ast.NodeTransformer):
        def visit_Constant(self, node: ast.Constant) -> ast.AST:
            return ast.Constant("") if isinstance(node.value, str) else node

        def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
            fields = sorted((v for v in node.values if isinstance(v, ast.FormattedValue)), key=ast.dump)
            return ast.JoinedStr(values=fields)

    return ast.dump(Blank().visit(copy.deepcopy(tree)), annotate_fields=False)


def entry_problems(entry: polib.POEntry, kind: str, terms: list[Term]) -> list[str]:
    """What is wrong with one translated entry of a notebook catalog (empty when it may be used)."""
    if not entry.msgstr:
        return []
    msgid, msgstr = entry.msgid, entry.msgstr
    problems: list[str] = []
    if kind == "string":
        problems += _string_problems(msgid, msgstr)
    elif kind == "comment":
        if "\n" in msgstr:
            problems.append("a comment's translation must stay on one line")
    if kind != "string":
        english, chinese = _markdown_facts(msgid), _markdown_facts(msgstr)
        if kind == "comment":
            english, chinese = {"numbers": english["numbers"]}, {"numbers": chinese["numbers"]}
        for fact, value in english.items():
            if chinese[fact] != value:
                problems.append(f"{fact} differ: English {value!r}, translation {chinese[fact]!r}")
    else:
        literal = lambda s: _NUMBER.findall(re.sub(r"\{[^{}]*\}", "", s))  # noqa: E731
        if sorted(literal(msgid)) != sorted(literal(msgstr)):
            problems.append(f"numbers differ: English {sorted(literal(msgid))}, translation {sorted(literal(msgstr))}")
    if re.search(f"[{_CJK}][ \\t]*\n[ \\t]*[{_CJK}]", msgstr) and kind in {"paragraph", "list", "quote", "html"}:
        problems.append("a line break between two Chinese characters (it renders as a space): join the lines")
    for term in terms:
        for bad in term.forbidden:
            if bad in msgstr:
                problems.append(f"forbidden term {bad!r} (the glossary says {term.chinese!r} for {term.english!r})")
        if term.pattern.search(re.sub(r"`[^`]*`" if kind != "string" else r"\{[^{}]*\}", "", msgid)) and not any(
                t in msgstr for t in (term.chinese, *term.also)):
            problems.append(f"{term.english!r} is not translated as {term.chinese!r} (the glossary)")
    if "几率" in msgstr and not re.search(r"odds|logit", msgid, re.IGNORECASE):
        problems.append("几率 means odds here; a probability is 概率")
    traditional = _traditional(msgstr)
    if traditional:
        problems.append(f"Traditional characters {traditional!r}: write Simplified Chinese")
    return problems


@functools.cache
def _opencc() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _traditional(text: str) -> str:
    """The characters of ``text`` that OpenCC's Traditional-to-Simplified conversion changes."""
    converted = _opencc().convert(text)
    return "".join(sorted({a for a, b in zip(text, converted) if a != b})) if len(converted) == len(text) else text


def _kind(entry: polib.POEntry) -> str:
    return next((k for k, c in _COMMENTS.items() if c == entry.comment), "paragraph")


def _place(po_path: Path, entry: polib.POEntry) -> str:
    first = entry.msgid.splitlines()[0][:60] if entry.msgid else ""
    return f"{po_path.relative_to(ROOT)}:{entry.linenum} [{entry.msgctxt}] {first!r}"


def catalog_problems(stem: str, language: str = "zh_CN") -> list[str]:
    """Every problem of one catalog, each naming its place: not current with the English, not complete,
    ``msgfmt --check`` errors, and each entry's problems (``entry_problems``)."""
    po_path, pot_path = catalog_path(stem, language), template_path(stem)
    where = po_path.relative_to(ROOT)
    fresh = notebook_template(NOTEBOOKS / f"{stem}.ipynb") if _is_notebook(stem) else helpers_templates().get(stem)
    if fresh is None:
        return [f"{where}: no helpers module has messages for this catalog"]
    problems = []
    if not pot_path.exists():
        problems.append(f"{pot_path.relative_to(ROOT)}: missing (run `make i18n-extract`)")
    else:
        problems += [f"{pot_path.relative_to(ROOT)}: not current: {d}"
                     for d in entries_differ(polib.pofile(str(pot_path), wrapwidth=0), fresh)]
    if not po_path.exists():
        return [*problems, f"{where}: missing (run `make i18n-update`)"]
    po = polib.pofile(str(po_path), wrapwidth=0)
    have = {(e.msgctxt, e.msgid) for e in po if not e.obsolete}
    problems += [f"{where}: not merged with the English: [{e.msgctxt}] {e.msgid[:60]!r} (run `make i18n-update`)"
                 for e in fresh if (e.msgctxt, e.msgid) not in have]
    problems += [f"{_place(po_path, e)}: untranslated" for e in po.untranslated_entries()]
    problems += [f"{_place(po_path, e)}: fuzzy (the English changed: check the translation, then drop the flag)"
                 for e in po.fuzzy_entries()]
    problems += [f"{_place(po_path, e)}: obsolete (gone from the English: delete it)" for e in po.obsolete_entries()]
    done = subprocess.run(["msgfmt", "--check", "--output-file=/dev/null", str(po_path)],
                          capture_output=True, text=True)
    if done.returncode:
        problems += [f"{where}: msgfmt: {line}" for line in done.stderr.splitlines() if line.strip()]
    terms = gate_terms()
    if _is_notebook(stem):
        problems += [f"{_place(po_path, e)}: {p}" for e, p in first_use_problems(po, terms)]
    for entry in po:
        if entry.obsolete or entry.fuzzy:
            continue
        if _is_notebook(stem):
            problems += [f"{_place(po_path, entry)}: {p}" for p in entry_problems(entry, _kind(entry), terms)]
        elif entry.msgstr:
            if "python-brace-format" in entry.flags and _format_fields(entry.msgid) != _format_fields(entry.msgstr):
                problems.append(f"{_place(po_path, entry)}: its {{fields}} differ from the English")
            english, chinese = (sorted(_NUMBER.findall(re.sub(r"\{[^{}]*\}", "", t))) for t in (entry.msgid, entry.msgstr))
            if english != chinese:
                problems.append(f"{_place(po_path, entry)}: numbers differ: English {english}, translation {chinese}")
            traditional = _traditional(entry.msgstr)
            if traditional:
                problems.append(f"{_place(po_path, entry)}: Traditional characters {traditional!r}")
            problems += [f"{_place(po_path, entry)}: forbidden term {bad!r}" for t in terms for bad in t.forbidden
                         if bad in entry.msgstr]
    return problems


def first_use_problems(po: polib.POFile, terms: list[Term]) -> list[tuple[polib.POEntry, str]]:
    """Each glossary term whose first use in a notebook's prose (a paragraph, list, table or quote,
    not a heading) does not give the English beside the Chinese: 信息量（information content）."""
    problems = []
    prose = [e for e in po if not e.obsolete and e.msgstr and _kind(e) in {"paragraph", "list", "table", "quote"}]
    for term in terms:
        # a notebook's title in a link ("[04 Cross-entropy and KL divergence](04_….ipynb)") is a name, not a use
        first = next((e for e in prose if term.pattern.search(re.sub(r"`[^`]*`|\[[^\]]*\]\(\d\d[^)]*\)", "", e.msgid))),
                     None)
        if first is not None and not re.search(re.escape(term.english), first.msgstr, re.IGNORECASE):
            problems.append((first, f"the first use of {term.chinese!r} gives no English: "
                                    f"write {term.chinese}（{term.english}）"))
    return problems


GLOSSARY_HEADER = "| English | 中文 | first met in |\n|---|---|---|"


def glossary_rows(table: str) -> str:
    """The body of 00's glossary table ``table`` ("1", "2", "3": one a slide), the same in both editions:
    one row per glossary entry of that table, in the glossary's order."""
    return "\n".join(f"| {t.english} | {t.chinese} | {t.first_met} |" for t in glossary() if t.table == table)


def glossary_tables() -> list[str]:
    """The tables of 00's glossary, in order."""
    return sorted({t.table for t in glossary() if t.table})


def write_glossary_table() -> bool:
    """Rewrite the bodies of the glossary tables in the English 00 from ``i18n/glossary.csv`` (the k-th
    table under the header is table k); True when one changed (then ``make i18n-update`` marks the
    Chinese table fuzzy: its rows are the same, its header row translated)."""
    path = NOTEBOOKS / "00_start_here.ipynb"
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "markdown" and GLOSSARY_HEADER in c.source]
    tables = glossary_tables()
    if len(cells) != len(tables):
        raise ValueError(f"00 has {len(cells)} glossary tables, the glossary {len(tables)}")
    changed = False
    for cell, table in zip(cells, tables):
        head, _, tail = cell.source.partition(GLOSSARY_HEADER)
        rest = tail.split("\n\n", 1)
        source = head + GLOSSARY_HEADER + "\n" + glossary_rows(table) + ("\n\n" + rest[1] if len(rest) > 1 else "")
        changed |= source != cell.source
        cell.source = source
    if changed:
        nbformat.write(nb, path)
    return changed


def _format_fields(template: str) -> list[str]:
    import string

    return sorted(f"{name}:{spec}!{conv}" for _, name, spec, conv in string.Formatter().parse(template)
                  if name is not None)


def edition_problems(stem: str, language: str = "zh_CN") -> list[str]:
    """What is wrong with the built notebook of ``language``: not what ``build`` makes from the English
    and the catalog, a code cell whose syntax tree differs, outputs of other types or numbers."""
    english_path = NOTEBOOKS / f"{stem}.ipynb"
    target = zh_path(english_path, language)
    where = target.relative_to(ROOT)
    if not target.exists():
        return [f"{where}: missing (run `make i18n-build`)"]
    english = nbformat.read(english_path, as_version=4)
    built = build_notebook(english_path, language)
    edition = nbformat.read(target, as_version=4)
    problems = []
    if not _same_sources(edition, built):
        problems.append(f"{where}: not what `make i18n-build` makes from the English notebook and its catalog")
    for e_cell, z_cell in zip(english.cells, edition.cells):
        if e_cell.cell_type != "code" or z_cell.cell_type != "code":
            continue
        try:
            same = _normalised(ast.parse(e_cell.source)) == _normalised(ast.parse(z_cell.source))
        except SyntaxError as exc:
            problems.append(f"{where} cell {z_cell.id}: does not parse: {exc.msg} (line {exc.lineno})")
            continue
        if not same:
            problems.append(f"{where} cell {z_cell.id}: its code differs from the English beyond its strings")
        problems += [f"{where} cell {z_cell.id}: {p}" for p in _output_problems(e_cell, z_cell)]
    return problems


def _outputs(cell: Any) -> list[Any]:
    """A cell's outputs with consecutive stream outputs of one stream joined, as a notebook shows them
    (the kernel may send ``print``'s text and its newline as two messages)."""
    joined: list[Any] = []
    for output in cell.get("outputs", []):
        last = joined[-1] if joined else None
        if output.output_type == "stream" and last is not None and last.output_type == "stream" \
                and last.name == output.name:
            joined[-1] = {**last, "text": last.text + output.text}
            joined[-1] = nbformat.from_dict(joined[-1])
        else:
            joined.append(output)
    return joined


def _output_shape(cell: Any) -> list[tuple[str, tuple[str, ...]]]:
    return [(o.output_type, tuple(sorted(o.get("data", {})))) for o in _outputs(cell)]


def _output_numbers(cell: Any) -> list[str]:
    texts = []
    for output in _outputs(cell):
        if output.output_type == "stream":
            texts.append(output.text)
        elif "data" in output:
            texts.append(output.data.get("text/plain", "") if "image/png" not in output.data else "")
    return sorted(_NUMBER.findall("\n".join(texts)))


def _output_problems(english: Any, edition: Any) -> list[str]:
    if not edition.get("outputs"):
        return []
    problems = []
    if _output_shape(english) != _output_shape(edition):
        problems.append(f"outputs of other types: English {_output_shape(english)}, edition {_output_shape(edition)}")
    elif _output_numbers(english) != _output_numbers(edition):
        missing = Counter(_output_numbers(english)) - Counter(_output_numbers(edition))
        extra = Counter(_output_numbers(edition)) - Counter(_output_numbers(english))
        problems.append(f"its outputs print other numbers: missing {sorted(missing.elements())[:8]}, "
                        f"extra {sorted(extra.elements())[:8]}")
    values = [o.data.get(VALUES_MIME) for o in english.get("outputs", []) if "data" in o]
    if values != [o.data.get(VALUES_MIME) for o in edition.get("outputs", []) if "data" in o]:
        problems.append("it publishes other values")
    return problems


VALUES_MIME = "application/vnd.ce.values+json"


def translated_stems(language: str = "zh_CN") -> list[str]:
    """The notebooks that have a catalog in ``language`` (the edition so far)."""
    return [p.stem for p in english_notebooks() if catalog_path(p.stem, language).exists()]


def check(names: Iterable[str] = (), language: str = "zh_CN") -> list[str]:
    """Every gate on the catalogs and the built notebooks of ``language`` (or ``names``)."""
    stems = list(names) or [*translated_stems(language),
                            *sorted(p.stem for p in (LOCALE / language).glob("*.po"))]
    problems = []
    for stem in stems:
        problems += catalog_problems(stem, language)
        if _is_notebook(stem):
            problems += edition_problems(stem, language)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.i18n", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["extract", "update", "build", "status", "check", "glossary"])
    parser.add_argument("names", nargs="*", help="build: the notebooks to build (file stems; default: every one with a catalog); "
                             "update: the catalogs to start (notebook stems or helpers domains)")
    parser.add_argument("--language", default="zh_CN", choices=LANGUAGES)
    parser.add_argument("--execute", action="store_true", help="build: run each notebook that changed")
    args = parser.parse_args(argv)
    if args.command == "extract":
        for path in extract():
            print(f"wrote {path.relative_to(ROOT)}")
    elif args.command == "update":
        for path in update(args.language, args.names):
            print(f"merged {path.relative_to(ROOT)}")
    elif args.command == "build":
        for path in build(args.language, args.names, args.execute):
            print(f"built {path.relative_to(ROOT)}")
    elif args.command == "glossary":
        print("rewrote 00's glossary table" if write_glossary_table() else "00's glossary table is current")
    elif args.command == "check":
        problems = check(args.names, args.language)
        print("\n".join(problems) or "every gate passes")
        return 1 if problems else 0
    else:
        print("\n".join(status(args.language)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
