"""tests/support/published.py: the reader of published values names the notebook and the cells when it fails."""
from __future__ import annotations

import math

import nbformat
import numpy as np
import pytest

from helpers.publish import MIME_TYPE
from tests.support.published import Published


def cell(values: dict) -> nbformat.NotebookNode:
    out = nbformat.v4.new_output("display_data", data={"text/plain": "a sentence", MIME_TYPE: values})
    return nbformat.v4.new_code_cell("publish.say(...)", outputs=[out])


def test_values_are_read_by_name_with_their_cell() -> None:
    values = Published("03_x.ipynb", [nbformat.v4.new_markdown_cell("text"), cell({"H_A": 0.46899559358928133}),
                                      cell({"runs": [[0.5, "NaN"]], "n": 20})])
    assert values["H_A"] == 0.46899559358928133 and values["n"] == 20 and values.cell["n"] == 2
    np.testing.assert_array_equal(values["runs"], np.array([[0.5, math.nan]]))
    assert sorted(values) == ["H_A", "n", "runs"]
    assert repr(values) == "published values of 03_x.ipynb: H_A (cell 1), runs (cell 2), n (cell 2)"


def test_a_missing_name_names_the_notebook() -> None:
    values = Published("03_x.ipynb", [cell({"H_A": 0.5})])
    with pytest.raises(KeyError, match=r"03_x.ipynb: no cell publishes 'H_B' \(published: H_A\)"):
        values["H_B"]


def test_a_name_published_twice_names_both_cells() -> None:
    with pytest.raises(KeyError, match="03_x.ipynb: 'H_A' is published twice, by cells 0 and 2"):
        Published("03_x.ipynb", [cell({"H_A": 0.5}), cell({"x": 1.0}), cell({"H_A": 0.5})])


def test_a_name_published_in_a_loop_gives_the_values_in_order() -> None:
    outputs = [nbformat.v4.new_output("display_data", data={"text/plain": f"n = {n}", MIME_TYPE: {"err": 1 / n}})
               for n in (10, 100, 1000)]
    values = Published("03_x.ipynb", [nbformat.v4.new_code_cell("for n in ...", outputs=outputs)])
    np.testing.assert_array_equal(values["err"], [0.1, 0.01, 0.001])
