"""Exercise checks for notebook information (to be written)."""
__all__: list[str] = []
