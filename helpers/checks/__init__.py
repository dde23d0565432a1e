"""Exercise self-checks, one module per notebook topic, on the shared ``core``.

Each checker takes the learner's answer and returns a ``Verdict`` that shows as one line:
correct, or what is wrong, with a further hint each time the check is run again. A learner's
mistake never raises. ``agree`` and ``confirm`` print the checks a notebook states as sentences.
"""
from helpers.checks.agree import CheckFailed, agree, confirm
from helpers.checks.core import Verdict, check_choice, check_function, check_value, exercise, is_placeholder
from helpers.checks.cross_entropy import *  # noqa: F401,F403  (notebook 04)
from helpers.checks.entropy import *  # noqa: F401,F403  (notebook 03)
from helpers.checks.gradients import *  # noqa: F401,F403  (notebook 06)
from helpers.checks.information import *  # noqa: F401,F403  (notebook 02)
from helpers.checks.likelihood import *  # noqa: F401,F403  (notebook 01)
from helpers.checks.onramp import *  # noqa: F401,F403  (notebook 00a)
from helpers.checks.pytorch import *  # noqa: F401,F403  (notebook 05)
from helpers.checks.start import *  # noqa: F401,F403  (notebook 00)
from helpers.checks.training import *  # noqa: F401,F403  (notebook 07)
