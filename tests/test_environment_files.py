"""requirements.txt and environment.yml must name the same packages at the same versions."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
# conda-forge names that differ from PyPI's
CONDA_TO_PYPI = {"pytorch-cpu": "torch"}
NOT_PACKAGES = {"python", "pip"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_requirements(path: Path) -> dict[str, str]:
    """name -> version for every `name==version` line (comments and `-e .` / `-r` lines left out)."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        name, sep, version = line.partition("==")
        assert sep, f"{path.name}: {line!r} is not pinned with =="
        pins[normalise(name)] = version.strip()
    return pins


def conda_environment(path: Path) -> dict[str, str]:
    """name -> version from environment.yml's conda and pip dependencies."""
    env = yaml.safe_load(path.read_text())
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for pip_dep in dep.get("pip", []):
                name, _, version = pip_dep.partition("==")
                pins[normalise(name)] = version
            continue
        name, _, version = dep.partition("=")
        name = CONDA_TO_PYPI.get(normalise(name), normalise(name))
        if name not in NOT_PACKAGES:
            pins[name] = version.lstrip("=")
    return pins


def test_environment_matches_requirements() -> None:
    assert conda_environment(ROOT / "environment.yml") == pinned_requirements(ROOT / "requirements.txt")


def test_environment_is_conda_forge_python_311_cpu_torch() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    assert "python=3.11" in env["dependencies"]
    assert "pytorch-cpu=2.13.0" in env["dependencies"]


def test_the_pins_satisfy_the_packages_declared_dependencies() -> None:
    """requirements.txt installs what pyproject.toml says `helpers` needs, at versions it accepts."""
    declared = [Requirement(r) for r in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]]
    pins = pinned_requirements(ROOT / "requirements.txt")
    pinned = [r for r in declared if normalise(r.name) in pins]
    assert pinned, "no dependency of pyproject.toml is pinned in requirements.txt"
    assert [str(r) for r in pinned if not r.specifier.contains(pins[normalise(r.name)])] == []


def test_torch_is_pinned_to_the_cpu_release() -> None:
    assert pinned_requirements(ROOT / "requirements.txt")["torch"] == "2.13.0"


def test_requirements_install_helpers_and_explain_each_package() -> None:
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert any(line.split("#")[0].strip() == "-e ." for line in lines)
    assert all("#" in line for line in lines), "every requirement carries a comment saying why it is there"


def test_binder_installs_helpers() -> None:
    assert "pip install --no-deps -e ." in (ROOT / "postBuild").read_text()
