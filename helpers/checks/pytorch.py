"""Exercise checks for notebook pytorch (to be written)."""
__all__: list[str] = []
