"""The Chinese edition cannot drift: every gate of ``tools/i18n.py check`` over the real catalogs and
the built notebooks, one test per catalog, each failure a list of places.

- a catalog is current with its English (the template re-extracted equals the committed one, the
  catalog is merged with it), complete (0 untranslated, 0 fuzzy, 0 obsolete), and ``msgfmt --check``
  clean; every entry keeps the English's numbers, math, inline code, link targets, heading level, list
  length, table shape and f-string fields, uses the glossary's terms and no Traditional characters;
- a Chinese notebook is what ``make i18n-build`` makes from its English notebook and catalog (sources,
  ids, types and metadata; the English source's hash recorded), each code cell has the English syntax
  tree once string contents are set aside, and its outputs are of the same types, print the same
  numbers and publish the same values as the English cell's (nbval then checks them against a run).

``tests/i18n/test_tool.py`` shows each gate failing on a broken copy.
"""
from __future__ import annotations

import nbformat
import pytest

from tools import i18n

NOTEBOOK_STEMS = i18n.translated_stems()
HELPERS_DOMAINS = sorted(p.stem for p in (i18n.LOCALE / "zh_CN").glob("*.po"))


@pytest.mark.parametrize("stem", NOTEBOOK_STEMS + HELPERS_DOMAINS)
def test_catalog_is_current_complete_and_faithful(stem: str) -> None:
    problems = i18n.catalog_problems(stem)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("stem", NOTEBOOK_STEMS)
def test_chinese_notebook_is_the_build_of_its_english_and_catalog(stem: str) -> None:
    problems = i18n.edition_problems(stem)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("stem", NOTEBOOK_STEMS)
def test_chinese_notebook_ran_without_writing_to_stderr(stem: str) -> None:
    """The committed notebook is a real run (``make i18n-build --execute``; nbval reruns it): no cell
    wrote to stderr, where matplotlib's logging of a missing glyph would go."""
    nb = nbformat.read(i18n.zh_path(i18n.NOTEBOOKS / f"{stem}.ipynb"), as_version=4)
    written = [(cell.id, output.text[:120]) for cell in nb.cells if cell.cell_type == "code"
               for output in cell.outputs if output.output_type == "stream" and output.name == "stderr"]
    executed = [cell.execution_count for cell in nb.cells if cell.cell_type == "code"]
    assert all(isinstance(n, int) for n in executed), "not executed: run `make i18n-build`"
    assert written == []


def test_every_chinese_notebook_has_its_english_source_and_catalog() -> None:
    built = sorted(p.stem for p in (i18n.NOTEBOOKS / "zh_CN").glob("*.ipynb"))
    assert built == NOTEBOOK_STEMS


def test_the_first_part_of_the_edition_is_there() -> None:
    """Issue 20: notebooks 00 to 03 (00a, the on-ramp, included) in Chinese."""
    assert set(NOTEBOOK_STEMS) >= {"00_start_here", "00a_numpy_pytorch_and_autograd", "01_sigmoid_and_likelihood",
                                   "02_information_content", "03_entropy_and_the_shooters"}


def test_the_glossary_table_of_00_comes_from_the_glossary_in_both_editions() -> None:
    """``i18n/glossary.csv`` is the one source of 00's table (``python -m tools.i18n glossary`` writes it):
    the same rows in the English 00 and in the Chinese one."""
    for path in (i18n.NOTEBOOKS / "00_start_here.ipynb", i18n.NOTEBOOKS / "zh_CN" / "00_start_here.ipynb"):
        nb = nbformat.read(path, as_version=4)
        tables = [cell.source.split("|---|---|---|\n", 1)[1].split("\n\n")[0] for cell in nb.cells
                  if cell.cell_type == "markdown" and "| 中文 |" in cell.source and "|---|---|---|" in cell.source]
        assert tables == [i18n.glossary_rows(t) for t in i18n.glossary_tables()], path.name


@pytest.mark.parametrize("stem", NOTEBOOK_STEMS)
def test_links_to_a_notebook_or_heading_reach_it_in_both_editions(stem: str) -> None:
    """``[Solution](#Solution-to-Exercise-1)`` and ``[02](02_information_content.ipynb#…)`` reach their
    notebook and heading in English; the build points each Chinese link at the translated heading's
    anchor (JupyterLab's and nbconvert's: its text, spaces as hyphens), and a link to a notebook not
    translated yet at the English notebook."""
    import re

    for path in (i18n.NOTEBOOKS / f"{stem}.ipynb", i18n.zh_path(i18n.NOTEBOOKS / f"{stem}.ipynb")):
        nb = nbformat.read(path, as_version=4)
        broken = []
        for cell in (c for c in nb.cells if c.cell_type == "markdown"):
            for target, anchor in re.findall(r"\]\(((?:\.\./)?\d\d[a-z]?_[\w-]+\.ipynb)?(?:#([^)\s]+))?\)",
                                             cell.source):
                linked = (path.parent / target).resolve() if target else path
                if not linked.exists():
                    broken.append(f"{cell.id}: {target} does not exist")
                elif anchor and anchor not in i18n._anchors(nbformat.read(linked, as_version=4)):
                    broken.append(f"{cell.id}: no heading #{anchor} in {linked.name}")
        assert broken == [], path
