"""Exercise checks for notebook likelihood (to be written)."""
__all__: list[str] = []
