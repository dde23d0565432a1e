"""Session set-up shared by the unit tests and nbval."""
from __future__ import annotations


def pytest_configure(config: object) -> None:
    """Build matplotlib's font cache before any notebook kernel starts.

    On a fresh machine the first ``import matplotlib.pyplot`` prints "Matplotlib is building the
    font cache" to stderr, which would differ from the stored outputs and fail nbval.
    """
    import matplotlib.font_manager  # noqa: F401  (builds and saves the cache on first import)
