"""Explorers for notebook softmax (to be written)."""
__all__: list[str] = []
