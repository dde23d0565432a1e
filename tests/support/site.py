"""Helpers shared by the tests of tests/site (a module with a name of its own, not conftest)."""
from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from bs4 import BeautifulSoup


def built(folder: Path, name: str) -> Path:
    """The built file ``folder/name``; fails the test when it is missing."""
    target = folder / name
    if not target.exists():
        pytest.fail(f"{name} was not built: its notebook has not been executed (make notebooks)")
    return target


@functools.cache
def anchors(page_file: Path) -> frozenset[str]:
    """Every id and <a name> of an HTML file."""
    soup = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
    return frozenset([tag["id"] for tag in soup.find_all(id=True)] + [tag["name"] for tag in soup.find_all("a", attrs={"name": True})])


def page_links(page_file: Path) -> list[str]:
    """Every ``href`` and ``src`` of an HTML file: links, images, scripts and style sheets."""
    soup = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
    return [tag[attr] for attr in ("href", "src") for tag in soup.find_all(attrs={attr: True})]


def resolve_links(page_file: Path, site: Path, hrefs: list[str]) -> list[str]:
    """The links of ``page_file`` that do not resolve inside ``site`` (web links are not followed;
    a ``data:`` URL holds what it points to)."""
    broken = []
    for href in hrefs:
        if urlparse(href).scheme in ("http", "https", "mailto", "data"):
            continue
        target, fragment = urldefrag(href)
        file = (page_file.parent / unquote(target)).resolve() if target else page_file
        if not file.is_file() or not file.is_relative_to(site.resolve()):
            broken.append(href)
            continue
        # as a browser does: the fragment as written, then percent-decoded (HTML "indicated part")
        if fragment and file.suffix == ".html" and not {fragment, unquote(fragment)} & anchors(file):
            broken.append(href)
    return broken
