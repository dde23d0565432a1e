"""Interactive explorers, one module per notebook topic; each explorer is one call in a notebook.

Live explorers (``helpers.explorers.live``) compute and draw in the browser; each has a Python
``reference()`` for the tests (``explorer.set(w=2.0).reference()``). The kernel-drawn explorers they
replaced keep their computation in a pure function too (``explorer.state``, ``readout_text``).
"""
from helpers.explorers._base import REGISTRY, Explorer, register
from helpers.explorers.cross_entropy import *  # noqa: F401,F403  (notebook 04)
from helpers.explorers.entropy import *  # noqa: F401,F403  (notebook 03)
from helpers.explorers.gradients import *  # noqa: F401,F403  (notebook 06)
from helpers.explorers.information import *  # noqa: F401,F403  (notebook 02)
from helpers.explorers.likelihood import *  # noqa: F401,F403  (notebook 01)
from helpers.explorers.live import EXPLORER_MIME, LIVE, LiveExplorer
from helpers.explorers.softmax import *  # noqa: F401,F403  (notebook 05)
from helpers.explorers.start import widget_check
from helpers.explorers.training import *  # noqa: F401,F403  (notebook 07)

# The kernel-drawn explorers that live ones replaced, by registered name: kept only as the latency
# benchmark's baseline (bench/explorer_latency.py). Each topic module lists its own in ``LEGACY``.
LEGACY: dict = {}
for _module in ("cross_entropy", "entropy", "gradients", "information", "likelihood", "softmax", "start",
                "training"):
    LEGACY.update(getattr(__import__(f"helpers.explorers.{_module}", fromlist=["LEGACY"]), "LEGACY", {}))
