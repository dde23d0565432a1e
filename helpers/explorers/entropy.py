"""Explorers for notebook entropy (to be written)."""
__all__: list[str] = []
