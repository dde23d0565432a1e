"""What the builds do to a notebook before rendering it (tools.prepare, tools.build_site)."""
from __future__ import annotations

import base64
from pathlib import Path

import nbformat
import pytest

from helpers.explorers import start
from tools.build_site import localise_repo_links
from tools.prepare import (
    EXPLORER_NOTE,
    WIDGET_VIEW,
    hide_code_of_figures,
    notebook_lede,
    notebook_title,
    prepare,
    rewrite_notebook_links,
    show_explorers_as_figures,
    unexecuted_cells,
    unlink_solutions,
)

PNG = base64.b64encode(b"\x89PNG fake").decode()


def explorer_notebook() -> nbformat.NotebookNode:
    """A notebook with a kernel-drawn explorer's output (a widget view beside a PNG of its figure),
    as the legacy widget check ``start.WidgetCheck`` displays it."""
    cell = nbformat.v4.new_code_cell("start.WidgetCheck()", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        WIDGET_VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0},
        "image/png": PNG, "text/plain": "WidgetCheck explorer (widget_check): run in JupyterLab to move its sliders"})]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 09 · A *title*\n\nThe lede $x$.\n\n## Part"),
                                         cell])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return nb


def test_an_explorer_becomes_its_figure_and_a_note() -> None:
    nb = explorer_notebook()
    assert show_explorers_as_figures(nb) == 1
    first, note = nb.cells[1].outputs
    assert WIDGET_VIEW not in first["data"] and first["data"]["image/png"] == PNG
    assert EXPLORER_NOTE in note["data"]["text/html"]
    assert "widgets" not in nb.metadata
    nbformat.validate(nb)


def test_the_live_widget_check_is_embedded_live() -> None:
    """What ``explorers.widget_check()`` stores now (a live explorer's bundle) becomes its host
    element, its module and the host script; no widget view is left, no figure note is added."""
    data = start.WidgetCheck(x=-0.5)._repr_mimebundle_()
    data = data[0] if isinstance(data, tuple) else data
    cell = nbformat.v4.new_code_cell("explorers.widget_check()", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("execute_result", data=data, execution_count=1)]
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    (host, scripts) = prepare(nb, ".html").cells[0].outputs
    markup = host["data"]["text/html"]
    assert 'data-ce-explorer="widget_check"' in markup and '"x": -0.5' in markup
    assert "widgets do not render here" in markup  # the plain line, shown until the explorer mounts
    assert 'data-ce-module="widget_check"' in scripts["data"]["text/html"]
    assert WIDGET_VIEW not in host["data"] and EXPLORER_NOTE not in str(scripts)


def test_prepare_leaves_the_original_alone() -> None:
    nb = explorer_notebook()
    prepare(nb, ".html")
    assert WIDGET_VIEW in nb.cells[1].outputs[0]["data"] and "widgets" in nb.metadata


def test_links_between_notebooks_point_to_the_built_pages() -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "Next: [04](04_cross_entropy.ipynb), [a part](./03_entropy.ipynb#The-curve), "
        "<a href=\"notebooks/01_sigmoid.ipynb\">x</a>, [web](https://example.org/a.ipynb)")])
    assert rewrite_notebook_links(nb, ".slides.html") == 3
    assert nb.cells[0].source == (
        "Next: [04](04_cross_entropy.slides.html), [a part](03_entropy.slides.html#The-curve), "
        "<a href=\"01_sigmoid.slides.html\">x</a>, [web](https://example.org/a.ipynb)")


def test_a_deck_keeps_no_link_to_the_solutions_it_skips() -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "**Exercise 2:** Compute it. [Solution](#Solution-to-Exercise-2)"), nbformat.v4.new_markdown_cell(
        "They are in [Solutions](#Solutions); 02 did it [after its Exercise 4](02_info.ipynb#Solution-to-Exercise-4), "
        "as [section 3](#3-·-Bits) says.")])
    assert unlink_solutions(nb) == 3
    assert nb.cells[0].source == "**Exercise 2:** Compute it."
    assert nb.cells[1].source == "They are in Solutions; 02 did it after its Exercise 4, as [section 3](#3-·-Bits) says."


def test_a_deck_shows_a_figure_without_the_code_that_draws_it() -> None:
    def notebook() -> nbformat.NotebookNode:
        figure = nbformat.v4.new_code_cell("plots.curve(x)", execution_count=1, outputs=[
            nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})])
        printed = nbformat.v4.new_code_cell("print(1)", execution_count=2, outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="1\n")])
        nb = explorer_notebook()
        nb.cells += [figure, printed]
        return nb

    nb = notebook()
    assert hide_code_of_figures(nb) == 2  # the explorer and the figure; the printing cell keeps its code
    assert [c.metadata.get("transient") for c in nb.cells] == [None, {"remove_source": True}, {"remove_source": True}, None]
    assert not any(c.metadata.get("transient") for c in prepare(notebook(), ".html").cells), "the site shows all code"
    deck = prepare(notebook(), ".slides.html", deck=True)
    assert [bool(c.metadata.get("transient")) for c in deck.cells] == [False, True, True, False]


def test_title_lede_and_unexecuted_cells() -> None:
    nb = explorer_notebook()
    assert notebook_title(nb, "x") == "09 · A title"
    assert notebook_lede(nb) == "The lede $x$."
    assert unexecuted_cells(nb) == []
    nb.cells.append(nbformat.v4.new_code_cell("y = 2"))
    assert unexecuted_cells(nb) == [2]


def test_links_to_repository_files_are_copied_into_the_site(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "See [info.py](../helpers/info.py#L3), [gone](../no/such.py) and [page](02_x.html).")])
    copied = localise_repo_links(nb, root / "notebooks", tmp_path)
    assert copied == ["helpers/info.py"]
    assert (tmp_path / "_repo" / "helpers" / "info.py").read_bytes() == (root / "helpers" / "info.py").read_bytes()
    assert nb.cells[0].source == "See [info.py](_repo/helpers/info.py#L3), [gone](../no/such.py) and [page](02_x.html)."


def test_npm_that_hangs_is_stopped_with_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    import os

    from tools import vendor

    fake = tmp_path / "bin" / "npm"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nsleep 30 &\nsleep 30\n")  # npm and a child of its own
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(vendor, "NPM_TIMEOUT", 0.5)
    with pytest.raises(RuntimeError, match=r"npm ci did not finish in 0.5 s"):
        vendor.node_modules(tmp_path / "build")
