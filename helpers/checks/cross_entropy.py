"""Exercise checks for notebook cross_entropy (to be written)."""
__all__: list[str] = []
