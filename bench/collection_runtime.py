"""Benchmark: the wall time of the nbval run over every notebook, against a floor.

The floor is the same number of throwaway notebooks (written to a temporary directory at run time)
whose only cell does the collection's imports (numpy, torch, matplotlib.pyplot, ipywidgets and
helpers): what any notebook pays for a kernel start and its imports. Both are run the same way, each
in one pytest run, with the repository's configuration (nbval strict, its sanitize file):

    python -m pytest -c pyproject.toml --rootdir . -p no:cacheprovider <notebooks>

The ratio of the two wall times is printed, with each notebook's own time: the setup + call +
teardown of its cells from pytest's JUnit report (the first cell's setup starts the kernel, the last
cell's teardown stops it), and the part of it beyond the imports: all but the first code cell, which
starts the kernel and imports (issue 10's goal for notebook 07: under 5 s). With --repeats R the
two runs alternate (floor, notebooks, notebooks, floor, ...) and medians are compared, which evens
out a shared machine's load.
Goal (issue 2): ratio <= 1.5 (stretch 1.25).

Run:  .venv/bin/python bench/collection_runtime.py [--repeats 2] [notebooks/NN_x.ipynb ...]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "collection_runtime.json"
RATIO_GOAL, RATIO_STRETCH = 1.5, 1.25
FLOOR_IMPORTS = ("import numpy as np\nimport torch\nimport matplotlib.pyplot as plt\nimport ipywidgets\n"
                 "from helpers import info, losses, plots, explorers, checks")


@dataclass
class Run:
    """One pytest run: wall time, exit code, summary line, seconds per notebook, failed cells."""

    wall: float
    exit_code: int
    summary: str
    per_notebook: dict[str, float] = field(default_factory=dict)
    first_cell: dict[str, float] = field(default_factory=dict)  # kernel start and the imports
    failed: list[str] = field(default_factory=list)


def write_floor_notebooks(folder: Path, count: int) -> list[Path]:
    """``count`` notebooks whose single cell only imports what every notebook of the collection imports."""
    paths = []
    for i in range(count):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell(FLOOR_IMPORTS)]
        path = folder / f"floor_{i:02d}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def run_pytest(notebooks: list[Path], report: Path) -> Run:
    """One nbval run over ``notebooks``, timed from the outside, with its JUnit report read back."""
    cmd = [sys.executable, "-m", "pytest", "-c", "pyproject.toml", "--rootdir", ".", "-p", "no:cacheprovider",
           "-q", f"--junitxml={report}", "-o", "junit_duration_report=total", *map(str, notebooks)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    summary = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
    run = Run(wall, proc.returncode, summary)
    read_report(report, notebooks, run)
    return run


def read_report(report: Path, notebooks: list[Path], run: Run) -> None:
    """Sum the JUnit report's test-case times (cells) by notebook, and list the cells that failed.

    Cells of notebooks outside the rootdir (the floor's, in a temporary directory) have no class
    name and are all summed under "?".
    """
    if not report.exists():
        return
    times: dict[str, float] = defaultdict(float)
    names = sorted((nb.name for nb in notebooks), key=len, reverse=True)
    for case in ET.parse(report).getroot().iter("testcase"):
        owner = next((name for name in names if case.get("classname", "").endswith(name)), "?")
        times[owner] += float(case.get("time", 0.0))
        run.first_cell.setdefault(owner, float(case.get("time", 0.0)))
        if case.find("failure") is not None or case.find("error") is not None:
            run.failed.append(f"{owner}::{case.get('name')}")
    run.per_notebook = dict(times)


def alternate(real: list[Path], floor: list[Path], folder: Path, repeats: int) -> tuple[list[Run], list[Run]]:
    """``repeats`` runs of each, in the order floor, real, real, floor, floor, real, ..."""
    reals, floors = [], []
    for i in range(repeats):
        order = ("floor", "real") if i % 2 == 0 else ("real", "floor")
        for kind in order:
            if kind == "real":
                reals.append(run_pytest(real, folder / f"real{i}.xml"))
            else:
                floors.append(run_pytest(floor, folder / f"floor{i}.xml"))
    return reals, floors


def machine() -> str:
    import numpy
    import torch
    return (f"{os.cpu_count()} CPUs ({platform.machine()}), Python {platform.python_version()}, "
            f"NumPy {numpy.__version__}, torch {torch.__version__}")


def report_figures(notebooks: list[Path], reals: list[Run], floors: list[Run]) -> dict[str, object]:
    """Print the comparison and return it as a dictionary."""
    real_wall = statistics.median(r.wall for r in reals)
    floor_wall = statistics.median(r.wall for r in floors)
    ratio = real_wall / floor_wall
    n = len(notebooks)
    floor_each = statistics.median(sum(r.per_notebook.values()) / n for r in floors)
    own = {nb.name: statistics.median(r.per_notebook.get(nb.name, float("nan")) for r in reals) for nb in notebooks}
    beyond = {nb.name: statistics.median(r.per_notebook.get(nb.name, float("nan")) - r.first_cell.get(nb.name, float("nan"))
                                         for r in reals) for nb in notebooks}
    print(f"machine: {machine()}")
    print(f"nbval over {n} notebooks: {real_wall:.1f} s (median of {len(reals)})  [{reals[-1].summary}]")
    print(f"floor, {n} import-only notebooks: {floor_wall:.1f} s (median of {len(floors)})  [{floors[-1].summary}]")
    print(f"\n{'notebook':45s} {'own time':>9s} {'above floor':>12s} {'beyond imports':>15s}")
    for name, seconds in own.items():
        print(f"{name:45s} {seconds:8.1f}s {seconds - floor_each:+11.1f}s {beyond[name]:14.1f}s")
    print(f"{'(one floor notebook)':45s} {floor_each:8.1f}s")
    verdict = "stretch goal met" if ratio <= RATIO_STRETCH else "goal met" if ratio <= RATIO_GOAL else "GOAL MISSED"
    print(f"\nratio nbval / floor: {ratio:.2f} (goal <= {RATIO_GOAL}, stretch <= {RATIO_STRETCH}): {verdict}")
    failed = sorted({cell for r in reals for cell in r.failed})
    if failed or any(r.exit_code for r in reals + floors):
        print(f"warning: {len(failed)} notebook cell(s) failed (their time still counts): {', '.join(failed)}")
    return {"notebooks": n, "repeats": len(reals), "nbval_s": real_wall, "floor_s": floor_wall, "ratio": ratio,
            "per_notebook_s": own, "beyond_imports_s": beyond, "floor_notebook_s": floor_each, "failed_cells": failed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--repeats", type=int, default=2, help="runs of each, alternating (default 2)")
    args = parser.parse_args()
    notebooks = sorted(p.resolve() for p in args.notebooks) or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        sys.exit("no notebooks found under notebooks/")

    with tempfile.TemporaryDirectory(prefix="floor-notebooks-") as tmp:
        folder = Path(tmp)
        floor = write_floor_notebooks(folder, len(notebooks))
        run_pytest(floor[:1], folder / "warmup.xml")  # untimed: warm the OS file cache for both
        reals, floors = alternate(notebooks, floor, folder, max(args.repeats, 1))

    figures = report_figures(notebooks, reals, floors)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
