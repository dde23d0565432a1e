"""The package installs: the wheel built from the repository's files holds every file of helpers/,
declares what helpers imports, and works installed into a fresh folder without ``-e``.

The wheel is built from a copy of the files git tracks (their working-tree content), so the build
writes nothing into the repository; pip builds and installs with no network (no isolation, no index).
"""
from __future__ import annotations

import ast
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DISTRIBUTION = "cross-entropy-explained"
PACKAGE = "helpers"

# Run in the installed folder only (PYTHONPATH=<site>, cwd outside the repository): import every
# module the package's own walk finds, then one live explorer's ES module and its still picture.
INSTALLED = r"""
import base64, importlib, inspect, json, pkgutil, sys
from pathlib import Path

site = Path(sys.argv[1]).resolve()
import helpers
assert Path(helpers.__file__).resolve().is_relative_to(site), helpers.__file__

modules = {}
for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
    module = importlib.import_module(info.name)
    modules[info.name] = str(Path(module.__file__).resolve())

import anywidget
from helpers import plots
plots.use_style()  # what every notebook does first; the explorers' stills are drawn in this style

explorers = sorted((c for m in list(sys.modules.values()) if getattr(m, "__name__", "").startswith("helpers.")
                    for _, c in inspect.getmembers(m, inspect.isclass)
                    if issubclass(c, anywidget.AnyWidget) and c.__module__ == m.__name__ and c.__dict__.get("_esm")),
                   key=lambda c: f"{c.__module__}.{c.__qualname__}")
report = {"modules": modules, "explorer": None}
if explorers:
    explorer = explorers[0]
    esm = explorer._esm
    data = explorer()._repr_mimebundle_()
    data = data[0] if isinstance(data, tuple) else data
    still = (data["image/svg+xml"].encode("utf-8") if "image/svg+xml" in data
             else base64.b64decode(data["image/png"]) if "image/png" in data else b"")
    report.update(explorer=f"{explorer.__module__}.{explorer.__qualname__}",
                  esm=Path(esm).read_text(encoding="utf-8") if isinstance(esm, Path) else esm,
                  still=base64.b64encode(still).decode("ascii"))
print(json.dumps(report))
"""


def tracked(under: str = "") -> list[str]:
    """The files git tracks (below ``under``), as paths relative to the repository, __pycache__ left out."""
    listing = subprocess.run(["git", "ls-files", "-z", "--", under or "."], cwd=ROOT, capture_output=True,
                             check=True).stdout.decode("utf-8")
    return sorted(p for p in listing.split("\0") if p and "__pycache__" not in p.split("/"))


def pip(*args: str | Path, cwd: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", *map(str, args), "--no-index", "--quiet"], cwd=cwd,
                          capture_output=True, text=True)
    assert proc.returncode == 0, f"pip {args[0]} failed:\n{proc.stdout}\n{proc.stderr}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the tracked files."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in tracked():
        if (ROOT / name).is_file():  # a tracked file deleted in the working tree stays out
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    pip("wheel", "--no-deps", "--no-build-isolation", "-w", work / "dist", ".", cwd=source)
    (built,) = (work / "dist").glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path) -> Path:
    """The wheel installed into a fresh folder, as a plain install (no ``-e``)."""
    site = wheel.parent.parent / "site"
    pip("install", "--no-deps", "--target", site, wheel, cwd=wheel.parent)
    return site


def run_installed(site: Path) -> dict:
    """What ``INSTALLED`` reports, run with only ``site`` on the path, from a folder outside the repository."""
    env = {**os.environ, "PYTHONPATH": str(site)}
    proc = subprocess.run([sys.executable, "-c", INSTALLED, str(site)], cwd=site.parent, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


def metadata(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        message = Parser().parsestr(archive.read(name).decode("utf-8"))
    return {"name": message["Name"], "requires": message.get_all("Requires-Dist") or []}


def imported_names(source: str) -> set[str]:
    """The top-level names a module imports anywhere in it (functions included), apart from imports
    guarded by ``except ImportError`` (optional ones) and relative imports."""
    tree = ast.parse(source)
    optional = {id(node) for handler_owner in ast.walk(tree) if isinstance(handler_owner, ast.Try)
                if any(isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
                       for h in handler_owner.handlers)
                for stmt in handler_owner.body for node in ast.walk(stmt)}
    names = set()
    for node in ast.walk(tree):
        if id(node) in optional:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_wheel_holds_every_file_of_the_package_and_nothing_else(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    expected = tracked(PACKAGE)
    assert expected, "git lists no file under helpers/"
    assert [name for name in expected if name not in names] == [], "files of helpers/ missing from the wheel"
    outside = sorted(n for n in names if not n.startswith(f"{PACKAGE}/") and ".dist-info/" not in n)
    assert outside == [], "the wheel holds files from outside helpers/"


def test_the_distribution_has_a_name_of_its_own(wheel: Path) -> None:
    assert metadata(wheel)["name"] == DISTRIBUTION


def test_the_wheel_declares_every_package_helpers_imports_and_not_torch(wheel: Path) -> None:
    imported = set()
    for name in tracked(PACKAGE):
        if name.endswith(".py"):
            imported |= imported_names((ROOT / name).read_text(encoding="utf-8"))
    third_party = imported - set(sys.stdlib_module_names) - {PACKAGE, "__future__"}
    assert "torch" not in third_party, "helpers imports torch: PyTorch is the notebooks' reference, not a dependency"
    distributions = packages_distributions()
    needed = {normalise(dist) for name in third_party for dist in distributions.get(name, [name])}
    declared = {normalise(re.match(r"[A-Za-z0-9_.-]+", r)[0]) for r in metadata(wheel)["requires"]}
    assert sorted(needed - declared) == [], "imported by helpers but not in pyproject.toml's dependencies"
    assert "torch" not in declared


def test_the_installed_package_works_without_the_repository(installed: Path) -> None:
    report = run_installed(installed)
    site = installed.resolve()
    package = site / PACKAGE
    # every module of the package was imported, from the installed folder: as many as git tracks
    tracked_modules = {name[:-3].replace("/", ".").removesuffix(".__init__") for name in tracked(PACKAGE)
                       if name.endswith(".py")} - {PACKAGE}
    assert set(report["modules"]) == tracked_modules
    assert all(Path(file).is_relative_to(site) for file in report["modules"].values())
    # the explorer's ES module and still picture are the installed files' content
    assert report["explorer"], "no explorer with an ES module found in the installed package"
    installed_files = [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    scripts = [p for p in installed_files if p.suffix in (".js", ".mjs")]
    assert any(p.read_text(encoding="utf-8").strip() in report["esm"] for p in scripts), (
        f"{report['explorer']}: its ES module is not an installed file's content")
    still = base64.b64decode(report["still"])
    assert still, f"{report['explorer']}: its display bundle at the start holds no still picture"
    assert any(p.read_bytes() == still for p in installed_files), (
        f"{report['explorer']}: its still picture is not an installed file")


def test_the_check_sees_a_missing_import_declaration() -> None:
    code = ("import numpy\nfrom sklearn.datasets import load_digits\nfrom helpers import info\nfrom . import x\n"
            "def f():\n    import traitlets\n"
            "try:\n    from IPython import get_ipython\nexcept ImportError:\n    pass\n")
    assert imported_names(code) == {"numpy", "sklearn", "helpers", "traitlets"}
