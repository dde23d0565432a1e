"""The lecturer's guide as a page of the static site: ``lecturers.html``, built from
docs/lecturers-guide.md by ``make html``, linked from the course map, with its links to notebooks
pointing to their pages, every link resolving inside the site, and its math typeset offline.
(Its accessibility is checked with the other pages in test_accessibility.py.)"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

import jinja2
import pytest
from bs4 import BeautifulSoup

from tests.support.site import built, resolve_links
from tools.build_site import GUIDE, GUIDE_PAGE, TEMPLATES, build_guide, guide_notebook

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def heading_text(tag: Any) -> str:
    """A heading's text without its permalink (the pilcrow nbconvert adds)."""
    return tag.get_text().strip().rstrip("¶").strip()


def test_links_to_notebooks_become_links_to_their_pages() -> None:
    nb = guide_notebook("See [01](../notebooks/01_sigmoid.ipynb), [a part](../notebooks/03_entropy.ipynb#The-curve), "
                        "[the README](../README.md#x), [web](https://example.org/notebooks/04_a.ipynb) "
                        "and `../notebooks/05_b.ipynb` in code.")
    assert nb.cells[0].source == ("See [01](01_sigmoid.html), [a part](03_entropy.html#The-curve), "
                                  "[the README](../README.md#x), [web](https://example.org/notebooks/04_a.ipynb) "
                                  "and `../notebooks/05_b.ipynb` in code.")


def test_a_missing_guide_stops_the_build(tmp_path: Path) -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False)
    with pytest.raises(FileNotFoundError, match="lecturer's guide"):
        build_guide(tmp_path / "no-such-guide.md", tmp_path, env)
    assert not (tmp_path / GUIDE_PAGE).exists()


def test_the_course_map_links_to_the_guide(site_dir: Path) -> None:
    index = soup(built(site_dir, "index.html"))
    links = [a for a in index.find_all("a") if a.get("href") == GUIDE_PAGE]
    assert len(links) == 1
    assert links[0].get_text(strip=True) == "Lecturer's guide"
    assert links[0].find_parent("ol", class_="ce-map") is None, "the map lists notebooks only"


def test_the_page_renders_the_guide_with_links_to_notebook_pages(site_dir: Path) -> None:
    page_file = built(site_dir, GUIDE_PAGE)
    page = soup(page_file)
    assert page.html.get("lang") == "en" and page.title and "Lecturer's guide" in page.title.get_text()
    assert heading_text(page.find("h1")) == "Lecturer's guide"
    # a section for every notebook, as in the Markdown
    sections = [heading_text(h) for h in page.find_all("h2")]
    headings = re.findall(r"^## (\d\d[a-z]? · .+)$", GUIDE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert [s for s in sections if re.match(r"\d\d[a-z]? · ", s)] == [re.sub(r"`", "", h) for h in headings]
    hrefs = [a["href"] for a in page.find_all("a", href=True)]
    # every notebook linked as its page, none as a notebook file
    built_pages = {p.stem for p in NOTEBOOKS if (site_dir / f"{p.stem}.html").exists()}
    assert built_pages, "no notebook pages were built"
    assert built_pages <= {urldefrag(h)[0].removesuffix(".html") for h in hrefs}
    assert [h for h in hrefs if ".ipynb" in h] == []
    assert page.select('nav.ce-nav a[rel="contents"]'), "a way back to the contents"
    # every link resolves inside the site, anchors included
    assert resolve_links(page_file, site_dir, hrefs) == []


def test_the_page_typesets_offline(site_dir: Path, offline_page: Any) -> None:
    browser = offline_page(site_dir)
    page = browser.open(built(site_dir, GUIDE_PAGE))
    assert page.evaluate("document.querySelectorAll('mjx-container').length") > 0
    assert page.evaluate("document.querySelectorAll('mjx-merror').length") == 0
    assert "\\mathrm" not in page.inner_text("main"), "TeX left untypeset"
    assert browser.blocked == [] and browser.failed == [] and browser.errors == []
