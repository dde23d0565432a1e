"""The language a learner reads: every message of ``helpers`` comes from a gettext catalog.

A notebook's setup cell chooses the language with one call, ``helpers.use_language("en")`` in the
English edition and ``helpers.use_language("zh_CN")`` in the Chinese one; checkers, ``checks.agree``,
explorers, figures and units then speak that language until it is changed.

The messages are written in English in the code, as templates wrapped in ``tr``::

    tr("that is {value:.4f} bits, the information of the suit alone", value=x)

``tr`` looks the template up in the catalogs of the language in use (``helpers/locale/<language>/*.po``,
GNU gettext's PO format, read with polib) and fills its ``{…}`` fields with ``str.format``; a template
without a translation (or the English edition) is used as it is, so English reads exactly as written.
``N_`` marks a template to translate later (a class attribute, a table of messages) and returns it
unchanged; ``tr`` of it translates it when it is shown. ``tools/i18n.py`` extracts every template of
``tr`` and ``N_`` into the catalogs' templates (``helpers/locale/*.pot``), and the tests keep the
catalogs complete.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

__all__ = ["LANGUAGES", "LOCALE", "use_language", "language", "tr", "N_", "catalog"]

# The languages of the course: English, the source, and Simplified Chinese.
LANGUAGES: tuple[str, ...] = ("en", "zh_CN")
LOCALE = Path(__file__).with_name("locale")

_state = {"language": "en"}


def use_language(code: str) -> None:
    """Make ``code`` ("en" or "zh_CN") the language of every message, figure and explorer from now on."""
    if code not in LANGUAGES:
        raise ValueError(f"code: must be one of {LANGUAGES}, got {code!r}")
    _state["language"] = code


def language() -> str:
    """The language in use: "en" until ``use_language`` chooses another."""
    return _state["language"]


@functools.cache
def catalog(code: str) -> dict[str, str]:
    """The translations of language ``code``, by English template: every translated, not fuzzy entry
    of the PO files in ``helpers/locale/<code>/`` (empty for English)."""
    if code not in LANGUAGES:
        raise ValueError(f"code: must be one of {LANGUAGES}, got {code!r}")
    folder = LOCALE / code
    if code == "en" or not folder.is_dir():
        return {}
    import polib

    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.fuzzy and not entry.obsolete:
                found[entry.msgid] = entry.msgstr
    return found


def tr(template: str, **fields: Any) -> str:
    """``template`` in the language in use, its ``{…}`` fields filled from ``fields`` (``str.format``:
    a literal brace is written twice)."""
    return catalog(language()).get(template, template).format(**fields)


def N_(template: str) -> str:  # noqa: N802  (gettext's name for "mark, translate later")
    """Mark ``template`` for the catalogs and return it unchanged; ``tr`` translates it where it is shown."""
    return template
