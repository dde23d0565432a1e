"""``make classroom-link``: the nbgitpuller link that gives every student of a JupyterHub their own
copy of the course and opens notebook 00.

nbgitpuller 1.3.0 ships no link generator in its Python package (its generator is a web form on
nbgitpuller.link), so the link is built here with ``urllib.parse``, from the query parameters its
``git-pull`` handler reads (``nbgitpuller/handlers.py``): ``repo``, ``branch`` and ``urlpath``.
nbgitpuller clones into a folder of the student's home named after the last part of the repository
URL, so ``urlpath`` opens the notebook inside that folder. The classroom test (tests/hub) follows a
link made here on a real JupyterHub.

Usage: ``python -m tools.classroom_link HUB REPO [--branch main]``. Standard library only.
"""
from __future__ import annotations

import argparse
import sys
from urllib.parse import quote, urlsplit

__all__ = ["NOTEBOOK", "course_folder", "classroom_link", "main"]

NOTEBOOK = "notebooks/00_start_here.ipynb"  # the page the link opens, inside the student's copy
USAGE = "make classroom-link HUB=https://hub.example.edu REPO=https://github.com/you/cross-entropy-explained"


def course_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into: the URL's last part, as its handler names it
    (``repo.rstrip('/').split('/')[-1]``; a trailing ``.git`` stays)."""
    name = repo.rstrip("/").split("/")[-1]
    if not name:
        raise ValueError(f"repo {repo!r} has no last part to name the student's folder after")
    return name


def classroom_link(hub: str, repo: str, branch: str = "main", notebook: str = NOTEBOOK) -> str:
    """The link ``<hub>/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=lab/tree/<folder>/<notebook>``.

    Parameters
    ----------
    hub : the hub's address, ``http(s)://host[/base path]``.
    repo : the git URL of the course repository, as students' servers will clone it.
    branch : the branch to clone and pull.
    notebook : the path inside the repository that JupyterLab opens after the pull.

    ``repo`` and ``branch`` are percent-encoded whole; ``urlpath`` keeps its slashes.
    Raises ValueError, naming the argument, when one is missing or ``hub`` is not an http(s) URL.
    """
    for name, value in (("hub", hub), ("repo", repo), ("branch", branch), ("notebook", notebook)):
        if not value or not value.strip():
            raise ValueError(f"{name} is missing")
    hub, repo = hub.strip(), repo.strip()
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"hub must be the hub's address, like https://hub.example.edu (got {hub!r})")
    urlpath = f"lab/tree/{course_folder(repo)}/{notebook.lstrip('/')}"
    query = f"repo={quote(repo, safe='')}&branch={quote(branch, safe='')}&urlpath={quote(urlpath, safe='/')}"
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the nbgitpuller link that opens notebook 00 on a JupyterHub.",
                                     epilog=f"Example: {USAGE}")
    parser.add_argument("hub", nargs="?", default="", help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("repo", nargs="?", default="", help="the course repository's git URL")
    parser.add_argument("--branch", default="main", help="the branch students get (default: main)")
    args = parser.parse_args(argv)
    missing = [name for name, value in (("HUB", args.hub), ("REPO", args.repo)) if not value.strip()]
    if missing:
        print(f"error: {' and '.join(missing)} missing. Usage: {USAGE}", file=sys.stderr)
        return 2
    try:
        print(classroom_link(args.hub, args.repo, args.branch or "main"))
    except ValueError as err:
        print(f"error: {err}. Usage: {USAGE}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
