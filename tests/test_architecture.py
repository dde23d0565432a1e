"""The shape of the package: the mathematics is NumPy only, the explorers draw without matplotlib,
and importing changes nothing."""
from __future__ import annotations

import subprocess
import sys

import pytest

MATH = ["helpers.info", "helpers.losses", "helpers.grads", "helpers.experiments", "helpers.calibration"]
NOT_IN_MATH = ["torch", "ipywidgets", "matplotlib", "scipy", "helpers.explorers", "helpers.checks", "helpers.plots"]


def run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.parametrize("module", MATH)
def test_math_modules_import_numpy_only(module: str) -> None:
    loaded = run(f"import sys, {module}; print(' '.join(sorted(sys.modules)))").split()
    leaked = [m for m in NOT_IN_MATH if m in loaded]
    assert leaked == [], f"{module} pulls in {leaked}"


def test_explorers_import_no_matplotlib_and_no_plots() -> None:
    """The explorers draw in the browser: importing them loads neither matplotlib nor helpers.plots."""
    loaded = run("import sys, helpers.explorers; print(' '.join(sorted(sys.modules)))").split()
    leaked = [m for m in loaded if m.split(".")[0] == "matplotlib" or m == "helpers.plots"]
    assert leaked == [], f"helpers.explorers pulls in {leaked}"


def test_importing_the_helpers_leaves_matplotlib_style_alone() -> None:
    code = ("import matplotlib as mpl; before = dict(mpl.rcParams); "
            "from helpers import info, losses, grads, plots, explorers, checks; "
            "print(sorted(k for k in before if mpl.rcParams[k] != before[k]))")
    assert run(code) == "[]"


def test_use_style_is_the_explicit_switch() -> None:
    code = ("import matplotlib as mpl; from helpers import plots; plots.use_style(projector=True); "
            "print(mpl.rcParams['font.size'] > 11, mpl.rcParams['axes.prop_cycle'].by_key()['color'][0])")
    assert run(code) == "True #0072B2"
