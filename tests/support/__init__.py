"""What the tests and the benchmarks share to drive the course: a small importable package.

- ``labdriver``: JupyterLab on 127.0.0.1 with its token, and Debian's Chromium through Playwright;
- ``livedriver``: reading and moving a live explorer on a page, against its Python reference;
- ``hubdriver``: a JupyterHub classroom with its proxy, a course repository and a student;
- ``site``: the built site and decks, and the links of their pages;
- ``ports``: free ports for the servers, outside the system's ephemeral range;
- ``notebooks``: the notebooks as the tests read them, without running them (paths, check cells,
  a learner's cells, notebook 00's map);
- ``published``: the values a notebook publishes, read from its committed file.

Import them by name (``from tests.support import labdriver``) from the repository's root, as pytest
and ``python -m bench.explorer_latency`` do.
"""
