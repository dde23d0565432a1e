"""The contract every live explorer keeps (``helpers.explorers.live``), one parametrised test a rule.

One name per explorer: the registered name (snake_case) is its factory in ``helpers.explorers``,
its class in CamelCase, its ES module ``web/<name>.js`` and its still ``stills/<name>.*``.
"""
from __future__ import annotations

import re

import pytest

from helpers import explorers
from helpers.explorers.live import LIVE, STILLS, WEB

NAMES = sorted(LIVE)


def test_every_explorer_is_registered() -> None:
    assert NAMES == ["bce_vs_mse", "cross_entropy_kl", "information_content", "logistic", "logit_gradients",
                     "max_likelihood", "shooters", "shot_simulation", "softmax_loss", "softmax_training",
                     "widget_check"]


@pytest.mark.parametrize("name", NAMES)
def test_one_name_for_factory_class_module_and_still(name: str) -> None:
    cls = LIVE[name]
    assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", name), f"{name}: not snake_case"
    assert cls.__name__ == "".join(part.capitalize() for part in name.split("_")), f"{name}: class {cls.__name__}"
    assert getattr(explorers, cls.__name__) is cls
    factory = getattr(explorers, name)
    assert callable(factory) and factory.__name__ == name
    assert isinstance(factory(), cls), f"explorers.{name}() does not build {cls.__name__}"
    assert (WEB / f"{name}.js").is_file(), f"{name}: no web/{name}.js"
    assert [p.name for p in STILLS.glob(f"{name}.*")], f"{name}: no still in stills/"


def test_no_module_or_still_without_its_explorer() -> None:
    shared = {"draw", "host"}
    assert sorted(p.stem for p in WEB.glob("*.js") if p.stem not in shared) == NAMES
    assert sorted(p.stem for p in STILLS.iterdir()) == NAMES
