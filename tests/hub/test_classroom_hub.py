"""The classroom path on a real JupyterHub: one nbgitpuller link gives a student their own copy of
the course, and a student's work survives the lecturer's updates.

The link is made by ``tools.classroom_link`` (what ``make classroom-link`` prints, and the
README's pattern). A student logs in in Chromium and follows it twice:

1. **First visit**: the hub starts the student's server, nbgitpuller clones the course into their
   home, and JupyterLab opens notebook 00, which runs without an error.
2. Meanwhile, in JupyterLab, the student saves an answer in notebook 02, saves a file of their own
   named ``questions.md`` and deletes notebook 03; the lecturer adds a Markdown cell to notebook 01,
   changes notebook 02 (the line the student answered on, and a new cell at its end), adds
   ``homework/week_2.md`` and a ``questions.md`` of their own, and pushes.
3. **Second visit**: the same link pulls the update and opens notebook 00 again.

Each claim of the README's classroom section is a test below; the fixtures do the visits once.
"""
from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.support import labdriver
from tests.support.hubdriver import COURSE, STUDENT, TIMINGS, Budget, Course, Hub, git
from tools.classroom_link import NOTEBOOK, classroom_link, course_folder

NB00 = f"{COURSE}/{NOTEBOOK}"
NB01 = "notebooks/01_sigmoid_and_likelihood.ipynb"
NB02 = "notebooks/02_information_content.ipynb"
NB03 = "notebooks/03_entropy_and_the_shooters.ipynb"
NEW_FILE = "homework/week_2.md"
CLASH = "questions.md"  # a new file of the lecturer's that the student has a file of the same name as
LECTURER_01 = "**Update from your lecturer:** notebook 01 gained this cell after you cloned the course."
LECTURER_02_END = "**Update from your lecturer:** a last cell added to notebook 02."
LECTURER_HINT = "  # hint from your lecturer: a card is one of 52 equally likely outcomes"
STUDENT_ANSWER = "answer = -np.log2(1 / 52)  # my answer, saved before the lecturer's update"
STUDENT_NOTES = "My questions for the tutorial: why bits and not nats?\n"
LECTURER_NOTES = "Questions to prepare for the tutorial (from your lecturer).\n"


class HubNotebook(labdriver.NotebookPage):
    """A notebook that JupyterLab opened at the end of the classroom link (labdriver's open()
    builds a plain JupyterLab URL instead); running and reading it is labdriver's."""

    def __init__(self, page: Any, path: str) -> None:
        super().__init__(page, None, path)  # type: ignore[arg-type]  (no LabServer: the hub serves it)

    def wait_open(self, timeout_ms: float) -> None:
        """Wait until JupyterLab shows this notebook with its kernel idle; fail at once if
        nbgitpuller reports an error or JupyterLab a dialog (such as "Cannot open")."""
        state = self.page.wait_for_function(_JS_OPENED, arg=self.name, timeout=timeout_ms, polling=250).json_value()
        if state != "ready":
            raise AssertionError(state)


_JS_OPENED = f"""(name) => {{
  if (({labdriver._JS_READY})(name)) return 'ready';
  const pull = document.querySelector('#status-panel-title.progress-bar-danger');
  if (pull) return 'nbgitpuller: ' + pull.innerText;
  const dialog = document.querySelector('.jp-Dialog');
  if (dialog) return 'JupyterLab: ' + dialog.innerText;
  return false;
}}"""


def exercise_answer_cell(nb: Any) -> int:
    """Index of the first exercise's answer cell: the first code cell after "**Exercise 1"."""
    prompt = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith("**Exercise 1"))
    return next(i for i in range(prompt + 1, len(nb.cells)) if nb.cells[i].cell_type == "code")


def evaluate(page: Any, budget: Budget, script: str, arg: Any = None, cap: float = 60.0) -> Any:
    """``page.evaluate`` of an async script with a deadline: Playwright sets none on a promise, so
    the page races it against a timer."""
    ms = int(budget.ms(cap))
    bounded = (f"async (arg) => Promise.race([({script})(arg), new Promise((_, fail) => "
               f"setTimeout(() => fail(new Error('no answer in {ms} ms')), {ms}))])")
    return page.evaluate(bounded, arg)


def follow_link(page: Any, hub: Hub, link: str, budget: Budget, label: str) -> HubNotebook:
    """Open ``link`` in ``page`` (logging in when the hub asks) and wait for notebook 00 in
    JupyterLab. On failure, the page is saved under test-artifacts/ and the error says where."""
    try:
        page.goto(link, timeout=budget.ms(60))
        if "/hub/login" in page.url:
            page.fill("#username_input", STUDENT)
            page.fill("#password_input", hub.password)
            page.click("#login_submit")
        nb = HubNotebook(page, NB00)
        nb.wait_open(budget.ms(180))  # spawn (first visit), nbgitpuller's pull, JupyterLab, kernel
        # What is open is read from JupyterLab (wait_open: the current document is notebook 00), not
        # from the URL: JupyterLab writes into the URL the path of the current document or the
        # file browser's folder, whichever changed last, and on a busy machine the file browser
        # restored from the first visit can come last (a CI failure: notebook 00 open, URL the folder).
        return nb
    except Exception as err:
        shot = labdriver.ARTIFACTS_DIR / f"hub-{label}.png"
        try:
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot))
            text = page.inner_text("body", timeout=2000)[:1500]
        except Exception as shot_err:  # noqa: BLE001  (never hide the real failure)
            text = f"(page not readable: {shot_err})"
        raise AssertionError(f"{label}: notebook 00 did not open from the classroom link: {type(err).__name__}: "
                             f"{err}\npage: {page.url}\nscreenshot: {shot}\npage text:\n{text}\n"
                             f"hub log:\n{hub.log_tail()}") from err


@pytest.fixture(scope="module")
def link(hub: Hub, course: Course) -> str:
    """The classroom link, as ``make classroom-link HUB=... REPO=...`` prints it."""
    return classroom_link(hub.url, course.url, branch="main")


@pytest.fixture(scope="module")
def student_browser(chromium: Any) -> Iterator[Any]:
    """The student's browser: one context (cookies) for both visits."""
    context = chromium.new_context(viewport=labdriver.VIEWPORT)
    try:
        yield context
    finally:
        context.close()


def current_path(page: Any) -> str:
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.context.path")


@dataclass
class Visit:
    page: Any
    nb: HubNotebook
    url: str
    opened: str  # the path of the document JupyterLab shows
    cleared: dict[str, Any] = field(default_factory=dict)  # notebook 00 before Run All
    cells: dict[str, Any] = field(default_factory=dict)  # and after
    output_text: str = ""
    listing: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def first_visit(student_browser: Any, hub: Hub, link: str, budget: Budget) -> Visit:
    """Follow the link for the first time and run notebook 00 with JupyterLab's Run All."""
    started = time.monotonic()
    page = student_browser.new_page()
    nb = follow_link(page, hub, link, budget, "first-visit")
    visit = Visit(page, nb, page.url, opened=current_path(page))
    TIMINGS["first visit (log in, spawn, clone, JupyterLab)"] = time.monotonic() - started
    started = time.monotonic()
    # Outputs cleared first, so that every count and output read afterwards comes from this run
    # (notebook 00 is committed executed).
    evaluate(page, budget, _JS_CLEAR)
    visit.cleared = nb.cells()
    nb.run_all(timeout_ms=budget.ms(180))
    visit.cells = nb.cells()
    visit.output_text = evaluate(page, budget, _JS_OUTPUT_TEXT)
    TIMINGS["notebook 00 run"] = time.monotonic() - started
    return visit


_JS_CLEAR = "async () => { await window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs'); }"

# Every output's text as the notebook model holds it: streams, and the plain text of displays.
_JS_OUTPUT_TEXT = """async () => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells; const out = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i); if (c.type !== 'code') continue;
    for (const o of c.outputs.toJSON()) {
      const text = o.text !== undefined ? o.text : (o.data || {})['text/plain'];
      out.push(Array.isArray(text) ? text.join('') : (text || ''));
    }
  }
  return out.join('\\n');
}"""


_JS_SAVE_ANSWER = """async ([path, index, source]) => {
  const app = window.jupyterapp;
  const w = await app.commands.execute('docmanager:open', {path});
  await w.context.ready;
  w.content.model.cells.get(index).sharedModel.setSource(source);
  await w.context.save();
  await w.sessionContext.ready;
  await w.sessionContext.shutdown();
  w.dispose();
}"""

_JS_SAVE_FILE = """async ([path, content]) => {
  await window.jupyterapp.serviceManager.contents.save(path, {type: 'file', format: 'text', content});
}"""

_JS_DELETE = "async (path) => { await window.jupyterapp.serviceManager.contents.delete(path); }"

_JS_SHUTDOWN = """async () => {
  const w = window.jupyterapp.shell.currentWidget;
  if (w && w.sessionContext) await w.sessionContext.shutdown();
}"""

_JS_LIST = """async (path) => {  // the names in a folder, or none if there is no such folder
  try {
    const model = await window.jupyterapp.serviceManager.contents.get(path);
    return model.content.map(item => item.name);
  } catch (err) { return []; }
}"""


@dataclass
class Update:
    """What the lecturer published between the visits, and the student's copy after the second."""

    original_02: Any  # notebook 02 as first cloned
    answer_cell: int
    lecturer_commit: str
    visit: Visit | None = None


@pytest.fixture(scope="module")
def second_visit(first_visit: Visit, student_browser: Any, hub: Hub, course: Course, link: str, budget: Budget) -> Update:
    """The student works in JupyterLab, the lecturer pushes an update, the student follows the
    link again."""
    home_course = hub.home() / COURSE
    page = first_visit.page
    evaluate(page, budget, _JS_SHUTDOWN)
    # The student, in JupyterLab: an answer in notebook 02, a file of their own, notebook 03 deleted.
    original_02 = nbformat.read(home_course / NB02, as_version=4)
    answer_cell = exercise_answer_cell(original_02)
    answer_lines = original_02.cells[answer_cell].source.splitlines()
    student_source = "\n".join([STUDENT_ANSWER, *answer_lines[1:]])
    evaluate(page, budget, _JS_SAVE_ANSWER, [f"{COURSE}/{NB02}", answer_cell, student_source], cap=120)
    evaluate(page, budget, _JS_SAVE_FILE, [f"{COURSE}/{CLASH}", STUDENT_NOTES])
    evaluate(page, budget, _JS_DELETE, f"{COURSE}/{NB03}")
    page.close()
    saved = nbformat.read(home_course / NB02, as_version=4)
    assert saved.cells[answer_cell].source == student_source, "the student's answer was not saved"
    assert not (home_course / NB03).exists(), "notebook 03 was not deleted"
    # The lecturer: a change to 01, a change to 02 on the student's line and at its end, two new files.
    lecturer = course.lecturer
    nb01 = nbformat.read(lecturer / NB01, as_version=4)
    nb01.cells.insert(1, nbformat.v4.new_markdown_cell(LECTURER_01))
    nbformat.write(nb01, lecturer / NB01)
    nb02 = nbformat.read(lecturer / NB02, as_version=4)
    lines = nb02.cells[answer_cell].source.splitlines()
    nb02.cells[answer_cell].source = "\n".join([lines[0] + LECTURER_HINT, *lines[1:]])
    nb02.cells.append(nbformat.v4.new_markdown_cell(LECTURER_02_END))
    nbformat.write(nb02, lecturer / NB02)
    (lecturer / NEW_FILE).parent.mkdir()
    (lecturer / NEW_FILE).write_text("# Week 2\n\nRead notebooks 03 and 04 before the tutorial.\n")
    (lecturer / CLASH).write_text(LECTURER_NOTES)
    commit = course.publish("Week 2: a note in 01, a hint and a last cell in 02, homework, questions")
    update = Update(original_02, answer_cell, commit)
    # The student follows the same link again.
    started = time.monotonic()
    page = student_browser.new_page()
    nb = follow_link(page, hub, link, budget, "second-visit")
    update.visit = Visit(page, nb, page.url, opened=current_path(page), listing=evaluate(page, budget, _JS_LIST, f"{COURSE}/homework"))
    TIMINGS["second visit (pull, JupyterLab)"] = time.monotonic() - started
    evaluate(page, budget, _JS_SHUTDOWN)
    return update


def _course_in_home(hub: Hub) -> Path:
    return hub.home() / COURSE


# --- first visit -------------------------------------------------------------------------------
def test_link_clones_into_the_folder_the_link_opens(link: str, course: Course) -> None:
    assert course_folder(course.url) == COURSE
    assert link.endswith(f"&urlpath=lab/tree/{COURSE}/{NOTEBOOK}")


def test_first_visit_clones_the_course_into_the_students_home(first_visit: Visit, hub: Hub, course: Course) -> None:
    clone = _course_in_home(hub)
    assert (clone / ".git").is_dir(), f"no git clone at {clone}"
    assert git(clone, "rev-parse", "HEAD") == git(course.bare, "rev-parse", "main")
    assert git(clone, "remote", "get-url", "origin") == course.url
    tracked = git(clone, "ls-files").splitlines()
    assert tracked == git(course.lecturer, "ls-files").splitlines()
    for name in (NOTEBOOK, NB02, "helpers/__init__.py"):
        assert (clone / name).read_bytes() == (course.lecturer / name).read_bytes(), name


def test_first_visit_opens_notebook_00_in_jupyterlab(first_visit: Visit, hub: Hub) -> None:
    assert first_visit.url.startswith(f"{hub.url}/user/{STUDENT}/lab")
    assert first_visit.opened == f"{COURSE}/{NOTEBOOK}"
    assert first_visit.cells["rendered"] == len(first_visit.cells["cells"]) > 10


def test_notebook_00_runs_without_an_error(first_visit: Visit, hub: Hub) -> None:
    cells = first_visit.cells["cells"]
    code = [c for c in cells if c["type"] == "code" and c["source"].strip()]
    assert code, "notebook 00 has no code cells"
    before = [c for c in first_visit.cleared["cells"] if c["type"] == "code"]
    assert [(c["count"], c["outputs"]) for c in before] == [(None, [])] * len(before), "outputs not cleared"
    assert [c["source"][:60] for c in code if c["count"] is None] == [], "cells Run All did not run"
    errors = [f"{o['ename']}: {o['evalue']}" for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert errors == [], f"errors in notebook 00:\n{errors}\nhub log:\n{hub.log_tail()}"
    # The first cell prints the versions it imported: the kernel runs in the hub's environment.
    first = "".join(o["text"] for o in code[0]["outputs"] if o["output_type"] == "stream")
    assert re.search(r"numpy \d+\.\d+", first), first
    # The folded solutions run their checks, which pass.
    assert "Correct!" in first_visit.output_text, first_visit.output_text[-2000:]


# --- second visit ------------------------------------------------------------------------------
def test_second_visit_pulls_the_update_and_opens_notebook_00(second_visit: Update, hub: Hub) -> None:
    clone = _course_in_home(hub)
    assert second_visit.visit is not None
    assert second_visit.visit.url.startswith(f"{hub.url}/user/{STUDENT}/lab")
    assert second_visit.visit.opened == f"{COURSE}/{NOTEBOOK}"
    history = git(clone, "log", "--format=%H").splitlines()
    assert second_visit.lecturer_commit in history, "the lecturer's commit is not in the student's copy"


def test_the_new_file_appears(second_visit: Update, hub: Hub, course: Course) -> None:
    assert (_course_in_home(hub) / NEW_FILE).read_text() == (course.lecturer / NEW_FILE).read_text()
    assert second_visit.visit is not None and "week_2.md" in second_visit.visit.listing  # JupyterLab lists it


def test_the_lecturers_change_to_01_arrives(second_visit: Update, hub: Hub) -> None:
    nb01 = nbformat.read(_course_in_home(hub) / NB01, as_version=4)
    assert nb01.cells[1].cell_type == "markdown" and nb01.cells[1].source == LECTURER_01


def test_the_students_answer_in_02_survives(second_visit: Update, hub: Hub) -> None:
    nb02 = nbformat.read(_course_in_home(hub) / NB02, as_version=4)
    nbformat.validate(nb02)  # the merge left a notebook JupyterLab can open
    answer = nb02.cells[second_visit.answer_cell].source
    assert answer.splitlines()[0] == STUDENT_ANSWER, "the student's answer was overwritten"
    assert LECTURER_HINT not in answer  # where both changed the same line, the student's version is kept
    # The lecturer's change elsewhere in the same notebook arrives; nothing else changed.
    assert nb02.cells[-1].source == LECTURER_02_END
    original = second_visit.original_02.cells
    assert len(nb02.cells) == len(original) + 1
    unchanged = [i for i in range(len(original)) if i != second_visit.answer_cell]
    assert [nb02.cells[i].source for i in unchanged] == [original[i].source for i in unchanged]


def test_a_students_file_clashing_with_a_new_one_is_renamed_aside(second_visit: Update, hub: Hub) -> None:
    clone = _course_in_home(hub)
    assert (clone / CLASH).read_text() == LECTURER_NOTES
    aside = sorted(clone.glob("questions__*.md"))
    assert len(aside) == 1, f"expected the student's questions.md renamed aside, found {aside}"
    assert aside[0].read_text() == STUDENT_NOTES


def test_a_deleted_notebook_is_restored(second_visit: Update, hub: Hub, course: Course) -> None:
    assert (_course_in_home(hub) / NB03).read_bytes() == (course.lecturer / NB03).read_bytes()


# --- limits ------------------------------------------------------------------------------------
def test_stopping_the_hub_ends_every_process_it_started(second_visit: Update, hub: Hub) -> None:
    running = hub.processes()
    proxy_pid = int((hub.workdir / "proxy.pid").read_text())
    assert hub.process.pid in running and proxy_pid in running
    assert len(running) >= 3, f"expected the hub, its proxy and the student's server, found {running}"
    started = time.monotonic()
    hub.stop()
    TIMINGS["stop"] = time.monotonic() - started
    assert hub.processes() == []
    assert hub.process.returncode is not None
