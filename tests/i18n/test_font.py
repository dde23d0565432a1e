"""The font of the Chinese figures covers the Chinese edition: every character of every translation of every
Chinese catalog is in the shipped subset (``helpers/fonts/NotoSansSC-Subset.otf``), which matplotlib has
registered, and its licence ships with it.

When a translation brings a character the subset lacks, rebuild it: ``make font`` (needs Debian's
``fonts-noto-cjk``; ``tools/font_subset.py``). CI does not rebuild it: it tests the committed file.
"""
from __future__ import annotations

import fnmatch
import hashlib
import subprocess
import tomllib
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from tools import font_subset

CATALOGS = font_subset.catalog_paths()


def _name(path: Path) -> str:
    return str(path.relative_to(font_subset.ROOT))


@pytest.mark.parametrize("catalog", CATALOGS, ids=_name)
def test_every_character_of_the_catalog_is_in_the_shipped_font(catalog: Path) -> None:
    problems = font_subset.missing_in_catalogs([catalog])
    assert problems == [], ("characters the font cannot draw (rebuild it with `make font`, which also names "
                            "any the source font lacks):\n" + "\n".join(problems))


def test_there_are_catalogs_to_check() -> None:
    assert any(p.parent.name == "zh_CN" and p.parent.parent.name == "i18n" for p in CATALOGS)
    assert any(p.parent.parent.name == "locale" for p in CATALOGS)


def test_a_character_outside_the_font_is_reported(tmp_path: Path) -> None:
    """The check bites: a rare hanzi (龘) and one beyond the BMP (𠀀) are named (ŷ and ✗ are the Latin font's), with the catalog and the entry."""
    assert font_subset.missing_characters("交叉熵是 1.5 比特。\n") == []
    assert font_subset.missing_characters("龘 1.5 比特 𠀀\t龘 ŷ ✗") == ["龘", "𠀀"]   # ŷ, ✗: DejaVu Sans
    catalog = tmp_path / "99_example.po"
    catalog.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                       'msgctxt "cell-7"\nmsgid "A dragon, flying"\nmsgstr "飞龙：龘"\n\n'
                       'msgctxt "cell-8"\nmsgid "Fine"\nmsgstr "很好"\n', encoding="utf-8")
    (problem,) = font_subset.missing_in_catalogs([catalog])
    assert str(catalog) in problem and "[cell-7]" in problem and "'A dragon, flying'" in problem
    assert "'龘' U+9F98" in problem


def test_the_font_covers_the_common_hanzi_punctuation_and_the_glossary() -> None:
    level1 = font_subset.gb2312_level1()
    assert len(level1) == len(set(level1)) == 3755 and level1[0] == "啊" and level1[-1] == "座"
    text = level1 + font_subset.PUNCTUATION + font_subset.FULL_WIDTH + font_subset.ASCII
    assert font_subset.missing_characters(text + "".join(font_subset.glossary_terms())) == []


def test_the_font_is_the_subset_its_readme_names_with_its_licence() -> None:
    data = font_subset.FONT.read_bytes()
    readme = font_subset.README.read_text(encoding="utf-8")
    assert f"SHA-256 `{hashlib.sha256(data).hexdigest()}`" in readme and f"{len(data):,} bytes" in readme
    assert "fonts-noto-cjk" in readme and "NotoSansCJK-Regular.ttc" in readme and '"Noto Sans CJK SC"' in readme
    names = TTFont(str(font_subset.FONT), lazy=True)["name"]
    assert names.getDebugName(1) == font_subset.FAMILY and names.getDebugName(6) == font_subset.POSTSCRIPT
    assert "SIL Open Font License" in names.getDebugName(13)
    licence = font_subset.LICENCE.read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007" in licence
    assert "Copyright 2014-2021 Adobe" in licence and "Reserved Font Name 'Source'" in licence
    assert "Source" not in font_subset.FAMILY   # a Modified Version may not use the Reserved Font Name


def test_the_font_and_its_licence_are_tracked_and_package_data() -> None:
    """tests/test_wheel.py builds the wheel; this says early which pattern of pyproject.toml lets a file in."""
    folder = font_subset.FONTS.relative_to(font_subset.ROOT)
    tracked = subprocess.run(["git", "ls-files", "--", str(folder)], cwd=font_subset.ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    assert sorted(Path(t).name for t in tracked) == sorted(["NotoSansSC-Subset.otf", "OFL.txt", "README.txt"])
    config = tomllib.loads((font_subset.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["helpers"]
    inside = [str(Path(t).relative_to("helpers")) for t in tracked]
    assert [f for f in inside if not any(fnmatch.fnmatch(f, p.replace("**/", "*")) for p in patterns)] == []


def test_matplotlib_draws_the_chinese_edition_from_the_shipped_file() -> None:
    from matplotlib import font_manager

    from helpers import plots

    assert plots.FONTS["zh_CN"] == font_subset.FONT
    family = plots.font_family("zh_CN")
    assert family == font_subset.FAMILY
    assert font_manager.findfont(font_manager.FontProperties(family=family)) == str(font_subset.FONT)


@pytest.mark.skipif(not font_subset.SOURCE.exists(), reason=f"{font_subset.SOURCE} not installed (fonts-noto-cjk)")
def test_the_subset_is_cut_from_the_simplified_chinese_face_the_same_way_each_time(tmp_path: Path) -> None:
    index = font_subset.face_index(font_subset.SOURCE)
    face = TTFont(str(font_subset.SOURCE), fontNumber=index, lazy=True)
    assert face["name"].getDebugName(6) == "NotoSansCJKsc-Regular"
    characters = font_subset.gb2312_level1()[:200] + font_subset.ASCII + "熵"
    first, second = tmp_path / "first.otf", tmp_path / "second.otf"
    font_subset.subset(font_subset.SOURCE, first, characters)
    font_subset.subset(font_subset.SOURCE, second, characters)
    assert first.read_bytes() == second.read_bytes()
    assert font_subset.missing_characters(characters, first) == []
    assert TTFont(str(first), lazy=True)["name"].getDebugName(1) == font_subset.FAMILY
    with pytest.raises(SystemExit, match="0 faces named"):
        font_subset.face_index(font_subset.SOURCE, "Noto Sans CJK XX")
