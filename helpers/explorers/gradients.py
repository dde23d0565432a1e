"""Explorers for notebook gradients (to be written)."""
__all__: list[str] = []
