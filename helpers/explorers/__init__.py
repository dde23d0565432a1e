"""Interactive explorers, one module per notebook topic; each explorer is one call in a notebook.

Every explorer keeps its computation in a pure function, separate from the widget layout,
so that tests can drive it from Python (``explorer.set(w=2.0)``, then read ``explorer.state``
and ``explorer.readout_text``).
"""
from helpers.explorers._base import REGISTRY, Explorer, register
from helpers.explorers.cross_entropy import *  # noqa: F401,F403  (notebook 04)
from helpers.explorers.entropy import *  # noqa: F401,F403  (notebook 03)
from helpers.explorers.gradients import *  # noqa: F401,F403  (notebook 06)
from helpers.explorers.information import *  # noqa: F401,F403  (notebook 02)
from helpers.explorers.likelihood import *  # noqa: F401,F403  (notebook 01)
from helpers.explorers.softmax import *  # noqa: F401,F403  (notebook 05)
from helpers.explorers.start import widget_check
from helpers.explorers.training import *  # noqa: F401,F403  (notebook 07)
