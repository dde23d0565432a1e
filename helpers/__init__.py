"""Cross-Entropy, Explained: the helpers the notebooks import.

``info``, ``losses`` and ``grads`` hold the mathematics (NumPy only); ``plots`` the house style;
``explorers`` the interactive widgets; ``checks`` the exercise self-checks.
Import what you need: ``from helpers import info, losses, plots, explorers, checks``.
``helpers.use_language("zh_CN")`` makes every message, figure and explorer speak Chinese
(``helpers.i18n``); ``"en"`` is the default.
"""
from helpers.i18n import language, use_language

__all__ = ["info", "losses", "grads", "plots", "explorers", "checks", "i18n", "use_language", "language"]
