"""Interactive explorers, one module per notebook topic; each explorer is one call in a notebook.

Every explorer is live (``helpers.explorers.live``): computed and drawn in the browser by its ES
module, with a Python ``reference()`` for the tests (``explorer.set(w=2.0).reference()``).
"""
from helpers.explorers.cross_entropy import *  # noqa: F401,F403  (notebook 04)
from helpers.explorers.entropy import *  # noqa: F401,F403  (notebook 03)
from helpers.explorers.gradients import *  # noqa: F401,F403  (notebook 06)
from helpers.explorers.information import *  # noqa: F401,F403  (notebook 02)
from helpers.explorers.likelihood import *  # noqa: F401,F403  (notebook 01)
from helpers.explorers.live import EXPLORER_MIME, LIVE, LiveExplorer
from helpers.explorers.onramp import *  # noqa: F401,F403  (notebook 00a)
from helpers.explorers.softmax import *  # noqa: F401,F403  (notebook 05)
from helpers.explorers.start import *  # noqa: F401,F403  (notebook 00)
from helpers.explorers.training import *  # noqa: F401,F403  (notebook 07)
