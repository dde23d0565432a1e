"""``make classroom-link``: the nbgitpuller link agrees with a URL written out by hand, with what
nbgitpuller's handler reads from it, and with the pattern in the README."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from tools.classroom_link import classroom_link, course_folder, main

ROOT = Path(__file__).resolve().parents[1]
HUB = "https://hub.example.edu"
REPO = "https://github.com/ce-course/cross-entropy-explained"


def test_link_matches_one_written_by_hand() -> None:
    expected = ("https://hub.example.edu/hub/user-redirect/git-pull"
                "?repo=https%3A%2F%2Fgithub.com%2Fce-course%2Fcross-entropy-explained"
                "&branch=main"
                "&urlpath=lab/tree/cross-entropy-explained/notebooks/00_start_here.ipynb")
    assert classroom_link(HUB, REPO) == expected
    assert classroom_link(HUB + "/", REPO + "/") == expected.replace("explained&branch", "explained%2F&branch")


def test_link_decodes_to_what_nbgitpuller_reads() -> None:
    repo = "https://git.example.org/courses/ml 101/ce.git?x=1&y=2"  # spaces, '?', '&', '=' in the URL
    link = classroom_link("http://127.0.0.1:8000/jupyter/", repo, branch="week-1")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "127.0.0.1:8000", "/jupyter/hub/user-redirect/git-pull")
    # nbgitpuller's handler reads repo, branch and urlpath with Tornado's get_argument (parse_qs's decoding).
    assert parse_qs(parts.query, strict_parsing=True) == {
        "repo": [repo], "branch": ["week-1"],
        "urlpath": ["lab/tree/ce.git?x=1&y=2/notebooks/00_start_here.ipynb"]}


@pytest.mark.parametrize(("repo", "folder"), [
    ("https://github.com/ce-course/cross-entropy-explained", "cross-entropy-explained"),
    ("https://github.com/ce-course/cross-entropy-explained/", "cross-entropy-explained"),
    ("https://github.com/ce-course/cross-entropy-explained.git", "cross-entropy-explained.git"),
    ("file:///srv/git/course", "course"),
])
def test_folder_is_the_last_part_of_the_url_as_nbgitpuller_names_it(repo: str, folder: str) -> None:
    # nbgitpuller/handlers.py, UIHandler: targetpath = repo.rstrip('/').split('/')[-1]
    assert course_folder(repo) == folder == repo.rstrip("/").split("/")[-1]
    assert classroom_link(HUB, repo).endswith(f"&urlpath=lab/tree/{folder}/notebooks/00_start_here.ipynb")


def test_readme_pattern_gives_the_same_link() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    patterns = re.findall(r"^https://<your-hub>/hub/user-redirect/git-pull\?.+$", readme, flags=re.M)
    assert len(patterns) == 1, "the README shows the link's pattern once, on a line of its own"
    filled = (patterns[0].replace("<your-hub>", "hub.example.edu")
              .replace("<repository URL, URL-encoded>", quote(REPO, safe=""))
              .replace("<repository name>", "cross-entropy-explained"))
    assert filled == classroom_link(HUB, REPO)
    assert "make classroom-link" in readme


@pytest.mark.parametrize(("hub", "repo", "message"), [
    ("", REPO, "hub is missing"),
    (HUB, " ", "repo is missing"),
    ("hub.example.edu", REPO, "hub must be the hub's address"),
    ("https://hub.example.edu/?next=x", REPO, "hub must be the hub's address"),
    (HUB, "///", "no last part"),
])
def test_bad_arguments_are_named(hub: str, repo: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        classroom_link(hub, repo)


def test_command_line_prints_the_link_or_says_what_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([HUB, REPO, "--branch", "main"]) == 0
    assert capsys.readouterr().out == classroom_link(HUB, REPO) + "\n"
    assert main(["", ""]) == 2
    assert "HUB and REPO missing" in capsys.readouterr().err
    assert main([HUB]) == 2
    assert "REPO missing" in capsys.readouterr().err


def test_make_target_prints_the_link() -> None:
    make = subprocess.run(["make", "--no-print-directory", "classroom-link", f"HUB={HUB}", f"REPO={REPO}",
                           f"PYTHON={sys.executable}"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert make.returncode == 0, make.stderr
    assert make.stdout == classroom_link(HUB, REPO) + "\n"
    missing = subprocess.run(["make", "--no-print-directory", "classroom-link", f"HUB={HUB}",
                              f"PYTHON={sys.executable}"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert missing.returncode != 0
    assert "REPO missing" in missing.stderr
