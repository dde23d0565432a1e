"""The README tells the truth: its relative links resolve and it names every notebook."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def relative_links(text: str) -> list[str]:
    return [t for t in LINK.findall(text) if not re.match(r"^[a-z][a-z0-9+.-]*:|^#", t)]


def test_readme_has_relative_links() -> None:
    assert len(relative_links(README)) >= 10


def test_every_relative_link_resolves() -> None:
    missing = [t for t in relative_links(README) if not (ROOT / unquote(t.split("#")[0])).exists()]
    assert missing == []


def test_readme_lists_every_notebook() -> None:
    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks, "no notebooks found"
    assert [n for n in notebooks if f"notebooks/{n}" not in README] == []


def test_link_finder_catches_a_broken_link(tmp_path: Path) -> None:
    assert relative_links("see [x](no/such/file.md) and [y](https://example.org)") == ["no/such/file.md"]


def test_the_torch_version_named_is_the_one_requirements_pin() -> None:
    pins = re.findall(r"^torch==(\S+)", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.MULTILINE)
    named = re.findall(r"torch==([0-9][\w.+]*)", README)
    assert len(pins) == 1 and named, "the README says which PyTorch to install for the CPU build"
    assert set(named) == set(pins)
