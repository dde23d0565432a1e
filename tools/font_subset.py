"""The font of the Chinese figures: a subset of Noto Sans CJK SC Regular (SIL Open Font License 1.1)
shipped in ``helpers/fonts/``, which ``helpers.plots`` gives matplotlib as the fallback of its Latin font.

The full face holds 44,810 characters (16 MB with its siblings); the subset holds what the course draws:

- every character of every translation (``msgstr``) of the Chinese catalogs, ``i18n/zh_CN/*.po`` and
  ``helpers/locale/zh_CN/*.po``, so any translated label, title or legend can be drawn, and of the
  glossary's Chinese terms (``i18n/glossary.csv``: 熵 is not a common character);
- the 3,755 characters of GB 2312 level 1 (the common hanzi: bytes 0xB0A1-0xD7F9, row by row), so
  that a learner's own labels are covered too;
- CJK punctuation and full-width forms (U+3000-U+303F, U+FF01-U+FF5E and ，。：；？！（）“”‘’、《》…—·)
  and printable ASCII.

Source: Debian's ``fonts-noto-cjk``, file ``NotoSansCJK-Regular.ttc``, the face whose name table says
"Noto Sans CJK SC" / "Regular" (found by its names, not by an index). fontTools' ``pyftsubset`` cuts it
(its default layout features: matplotlib lays text out with HarfBuzz); the subset's family is then renamed
"Noto Sans SC Subset", so that matplotlib finds this file and never a full Noto Sans CJK SC installed on
the system. The output is deterministic: the same source, characters and fontTools give the same bytes
(``head.modified`` is the source's; pyftsubset does not recalculate it).

Commands (``make font`` runs the first; it needs ``apt-get install fonts-noto-cjk``; CI does not rebuild
the font, it uses the committed file):

- ``python -m tools.font_subset``: rebuild ``helpers/fonts/`` (the font, its OFL.txt and README.txt)
  from the catalogs as they are now; rerun it whenever translations change.
- ``python -m tools.font_subset missing [TEXT]``: the characters of TEXT (by default: of every catalog
  entry, named by catalog and entry) that the shipped font cannot draw.
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "helpers" / "fonts"
FONT = FONTS / "NotoSansSC-Subset.otf"
LICENCE = FONTS / "OFL.txt"
README = FONTS / "README.txt"
CATALOG_FOLDERS = (ROOT / "i18n" / "zh_CN", ROOT / "helpers" / "locale" / "zh_CN")
GLOSSARY = ROOT / "i18n" / "glossary.csv"

# The source: a Debian package, one file of it, one face of that collection (by its names).
PACKAGE = "fonts-noto-cjk"
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FACE = ("Noto Sans CJK SC", "Regular")
# The subset's own names (name table and CFF), so that it never passes for the full font.
FAMILY = "Noto Sans SC Subset"
POSTSCRIPT = "NotoSansSC-Subset"
# Upstream's LICENSE (github.com/googlefonts/noto-cjk, Sans/LICENSE) opens with this notice; the face's
# name table carries its first part (nameID 0). The subset's names do not use the Reserved Font Name.
UPSTREAM_NOTICE = "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'."

PUNCTUATION = "，。：；？！（）“”‘’、《》…—·"
CJK_SYMBOLS = "".join(map(chr, range(0x3000, 0x3040)))   # 、。〈〉《》「」『』【】〔〕…, the ideographic space
FULL_WIDTH = "".join(map(chr, range(0xFF01, 0xFF5F)))    # ！（），：；？ and the full-width ASCII forms
ASCII = "".join(map(chr, range(0x20, 0x7F)))


def gb2312_level1() -> str:
    """The 3,755 characters of GB 2312 level 1, in code order: rows 0xB0-0xD7, cells 0xA1-0xFE (the
    last row stops at 0xF9)."""
    chars = [bytes([row, cell]).decode("gb2312") for row in range(0xB0, 0xD8) for cell in range(0xA1, 0xFF)
             if (row, cell) <= (0xD7, 0xF9)]
    assert len(chars) == len(set(chars)) == 3755, len(chars)
    return "".join(chars)


def catalog_paths() -> list[Path]:
    """Every Chinese catalog: the notebooks' and helpers' (``*.po``), in a fixed order."""
    return [path for folder in CATALOG_FOLDERS for path in sorted(folder.glob("*.po"))]


def catalog_entries(paths: Iterable[Path] | None = None) -> Iterator[tuple[Path, object]]:
    """(catalog, entry) for every entry of the catalogs that is not obsolete (fuzzy ones included)."""
    import polib

    for path in catalog_paths() if paths is None else paths:
        for entry in polib.pofile(str(path), wrapwidth=0):
            if not entry.obsolete:
                yield path, entry


def translations(entry: object) -> str:
    """All the translated text of an entry: its msgstr (or its plural forms)."""
    plural = getattr(entry, "msgstr_plural", None) or {}
    return getattr(entry, "msgstr", "") + "".join(plural[k] for k in sorted(plural))


def glossary_terms(path: Path = GLOSSARY) -> list[str]:
    """The Chinese terms of the glossary and their accepted alternatives (never the forbidden ones)."""
    import csv

    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [term for row in rows for term in [row["chinese"], *row["also"].split("|")] if term]


def drawable(text: str) -> set[str]:
    """The characters of ``text`` a font has to draw: all but control characters (newline, tab)."""
    return {c for c in text if unicodedata.category(c) != "Cc"}


def wanted_characters(paths: Iterable[Path] | None = None) -> str:
    """Every character the subset is cut to, sorted by code point."""
    catalogs = "".join(translations(entry) for _, entry in catalog_entries(paths)) + "".join(glossary_terms())
    return "".join(sorted(drawable(catalogs + gb2312_level1() + PUNCTUATION + CJK_SYMBOLS + FULL_WIDTH + ASCII)))


# ------------------------------------------------------------------------------------------ the font

def face_index(collection: Path, family: str = FACE[0], subfamily: str = FACE[1]) -> int:
    """The index of the face of a font collection (.ttc) whose name table names ``family`` and ``subfamily``
    (nameIDs 1 and 2, or the typographic 16 and 17)."""
    from fontTools.ttLib import TTCollection

    faces = TTCollection(str(collection), lazy=True).fonts
    found = []
    for index, font in enumerate(faces):
        name = font["name"]
        names = (name.getDebugName(16) or name.getDebugName(1), name.getDebugName(17) or name.getDebugName(2))
        if names == (family, subfamily):
            found.append(index)
    if len(found) != 1:
        raise SystemExit(f"{collection}: {len(found)} faces named {family!r} {subfamily!r}, expected one")
    return found[0]


def package_version(package: str = PACKAGE) -> str:
    """The installed version of a Debian package (``dpkg-query``), or "unknown"."""
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
    except FileNotFoundError:
        return "unknown"
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else "unknown"


def pyftsubset_arguments(source: Path, index: int, text_file: Path, out: Path) -> list[str]:
    """The arguments of ``pyftsubset`` that cut the subset (what the README shows)."""
    return [str(source), f"--font-number={index}", f"--text-file={text_file}", "--notdef-outline",
            f"--output-file={out}"]


def rename(path: Path, family: str = FAMILY, postscript: str = POSTSCRIPT) -> None:
    """Give the font at ``path`` its own family, full and PostScript names (name table and CFF),
    keeping its timestamps."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), recalcTimestamp=False)
    name = font["name"]
    old_postscript = name.getDebugName(6)
    for record in name.names:
        if record.nameID in (1, 4, 16):
            record.string = family
        elif record.nameID == 6:
            record.string = postscript
        elif record.nameID == 3:
            record.string = record.toUnicode().replace(old_postscript, postscript) if old_postscript else postscript
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        for key, value in (("FamilyName", family), ("FullName", family)):
            if hasattr(top, key):
                setattr(top, key, value)
        top.rawDict.pop("UniqueID", None)
    font.save(str(path))


def subset(source: Path, out: Path, characters: str) -> int:
    """Cut ``characters`` out of the SC Regular face of ``source`` into ``out`` (renamed); return the face's index."""
    from fontTools import subset as ftsubset

    index = face_index(source)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        text_file = Path(tmp) / "characters.txt"
        text_file.write_text(characters, encoding="utf-8")
        cut = Path(tmp) / "subset.otf"
        status = ftsubset.main(pyftsubset_arguments(source, index, text_file, cut))
        if status:
            raise SystemExit(f"pyftsubset failed with status {status}")
        rename(cut)
        out.write_bytes(cut.read_bytes())
    return index


def licence_text(font: Path, debian_copyright: Path) -> str:
    """OFL.txt: upstream's notice, the face's copyright, trademark and licence fields, then the text of
    the SIL Open Font License 1.1 as Debian's copyright file gives it."""
    from fontTools.ttLib import TTFont

    lines = debian_copyright.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("License: SIL-1.1") and i + 1 < len(lines)
                 and lines[i + 1].startswith(" "))
    body = []
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    name = TTFont(str(font), lazy=True)["name"]
    fields = [name.getDebugName(k) for k in (0, 7, 13, 14)]
    head = [UPSTREAM_NOTICE, "", *[f for f in fields if f], ""]
    return "\n".join(head + body).rstrip() + "\n"


def readme_text(source: Path, index: int, characters: str, catalogs: int) -> str:
    """README.txt: where the font comes from, what it holds, the command that cut it, its size and hash."""
    from fontTools import version as fonttools_version
    from fontTools.ttLib import TTFont

    data = FONT.read_bytes()
    font = TTFont(str(FONT), lazy=True)
    version = font["name"].getDebugName(5)
    glyphs = len(font.getGlyphOrder())
    han = sum(unicodedata.name(c, "").startswith("CJK UNIFIED IDEOGRAPH") for c in characters)
    command = " ".join(["pyftsubset", *pyftsubset_arguments(source, index, Path("characters.txt"),
                                                               Path(FONT.name))])
    return f"""# The font of the Chinese figures

`{FONT.name}` is a subset of **Noto Sans CJK SC Regular** (© 2014-2021 Adobe; Noto is a trademark
of Google), licensed under the SIL Open Font License 1.1: see `{LICENCE.name}`, which ships with it.
In the Chinese edition `helpers.plots.use_style()` gives it to matplotlib as the fallback of the
Latin font: Chinese characters are drawn from it, everything else exactly as in English.

- Source: Debian package `{PACKAGE}`, version {package_version()};
  file `{source}`;
  face {index} of the collection, found by its name table ("{FACE[0]}", "{FACE[1]}");
  {version}.
- Characters: {len(characters)}, {han} of them hanzi: every character of the translations of the
  {catalogs} Chinese catalogs (`i18n/zh_CN/*.po`, `helpers/locale/zh_CN/*.po`) and of the glossary's
  Chinese terms (`i18n/glossary.csv`), the 3,755 characters of GB 2312 level 1, CJK punctuation and
  full-width forms (U+3000-U+303F, U+FF01-U+FF5E), printable ASCII.
- Cut with fontTools {fonttools_version} (pyftsubset's default layout features):

      {command}

  (`characters.txt`: the characters above, which `tools/font_subset.py` writes), then renamed
  "{FAMILY}" (PostScript name `{POSTSCRIPT}`), so that matplotlib never takes a full Noto Sans
  CJK SC installed on the system for it.
- Result: {glyphs} glyphs, {len(data):,} bytes,
  SHA-256 `{hashlib.sha256(data).hexdigest()}`.

Rebuild after the catalogs change: `apt-get install fonts-noto-cjk`, then `make font`
(`python -m tools.font_subset`); the same inputs give the same bytes. CI does not rebuild it.
`tests/i18n/test_font.py` fails when a catalog uses a character the shipped font cannot draw.
"""


def build(source: Path = SOURCE, debian_copyright: Path = DEBIAN_COPYRIGHT) -> Path:
    """Rebuild the font, its licence and its README from ``source`` and the catalogs as they are."""
    if not source.exists():
        raise SystemExit(f"{source}: not found; install Debian's {PACKAGE} (apt-get install -y {PACKAGE})")
    characters = wanted_characters()
    index = subset(source, FONT, characters)
    cmap.cache_clear()
    LICENCE.write_text(licence_text(FONT, debian_copyright), encoding="utf-8")
    README.write_text(readme_text(source, index, characters, len(catalog_paths())), encoding="utf-8")
    absent = sorted(set(characters) - set(cmap(FONT)) - {" "})
    if absent:
        print(f"not in {source.name} either, so not drawable: {' '.join(absent)}", file=sys.stderr)
    return FONT


# --------------------------------------------------------------------------------- what is not drawn

@functools.cache
def cmap(font: Path = FONT) -> frozenset[str]:
    """The characters ``font`` maps to a glyph."""
    from fontTools.ttLib import TTFont

    return frozenset(chr(code) for code in TTFont(str(font), lazy=True).getBestCmap())


def latin_font() -> Path:
    """The Latin font the figures draw with first (matplotlib's own DejaVu Sans, shipped inside it):
    a character it has (ŷ, ✗, →) is drawn from it, the subset draws the rest."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def missing_characters(text: str, font: Path = FONT) -> list[str]:
    """The characters of ``text`` that neither ``font`` (by default the shipped subset) nor the Latin
    font before it in the figures' family has a glyph for, in order of first appearance; control
    characters (newline, tab) need none."""
    have = cmap(font) | cmap(latin_font())
    return list(dict.fromkeys(c for c in text if c not in have and unicodedata.category(c) != "Cc"))


def missing_in_catalogs(paths: Iterable[Path] | None = None, font: Path = FONT) -> list[str]:
    """One line per catalog entry whose translation uses characters ``font`` cannot draw: the catalog,
    the entry (its msgctxt and the start of its msgid) and the characters with their code points."""
    problems = []
    for path, entry in catalog_entries(paths):
        lost = missing_characters(translations(entry), font)
        if lost:
            where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            context = getattr(entry, "msgctxt", None)
            msgid = getattr(entry, "msgid", "")
            shown = ", ".join(f"{c!r} U+{ord(c):04X}" for c in lost)
            problems.append(f"{where}: [{context or ''}] {msgid[:50]!r}: {shown}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.font_subset", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", default="build", choices=["build", "missing"])
    parser.add_argument("text", nargs="?", help="missing: the text to look at (default: every catalog entry)")
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"build: the collection (default {SOURCE})")
    args = parser.parse_args(argv)
    if args.command == "build":
        font = build(args.source)
        data = font.read_bytes()
        print(f"{font.relative_to(ROOT)}: {len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
        return 0
    problems = ([" ".join(f"{c!r} U+{ord(c):04X}" for c in missing_characters(args.text))]
                if args.text is not None else missing_in_catalogs())
    problems = [p for p in problems if p]
    print("\n".join(problems) if problems else "every character is in the font")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
