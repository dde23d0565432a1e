"""Cross-Entropy, Explained: the helpers the notebooks import.

``info``, ``losses`` and ``grads`` hold the mathematics (NumPy only); ``plots`` the house style;
``explorers`` the interactive widgets; ``checks`` the exercise self-checks.
Import what you need: ``from helpers import info, losses, plots, explorers, checks``.
"""
__all__ = ["info", "losses", "grads", "plots", "explorers", "checks"]
