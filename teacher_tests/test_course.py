"""The nbgrader course of tools/course.py, round-tripped through nbgrader's own commands.

For each language: `nbgrader generate_assignment` releases notebooks equal to the student
notebooks of notebooks/<lang>/exercises/, cell for cell, once the graded test cells are
taken out; `nbgrader autograde` of lesson 01 gives full marks to a complete submission and,
to one whose sigmoid has its sign flipped, every point but sigmoid's, with the checker's
verdict in the feedback that `nbgrader generate_feedback` writes.
"""
import contextlib
import html
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from conftest import REPO, load_tool

LANGS = ("es", "en")
LESSON = "01_forward"
NBGRADER = str(Path(sys.executable).with_name("nbgrader"))


@pytest.fixture(scope="module")
def course_tool():
    return load_tool("course")


@pytest.fixture(scope="module")
def course(course_tool, tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    for lang in LANGS:
        course_tool.build(lang, root, log=lambda line: None)
    return root


def nbgrader(folder, *args):
    """Run `nbgrader ARGS` in a course folder; fail with its log if it fails."""
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    result = subprocess.run([NBGRADER, *args], cwd=folder, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, f"nbgrader {' '.join(args)}:\n{result.stderr[-3000:]}"
    return result


def graded(cell):
    return cell.metadata.get("nbgrader", {}).get("grade", False)


@pytest.mark.parametrize("lang", LANGS)
def test_every_lesson_with_a_blank_is_an_assignment(course, lang):
    expected = sorted(p.stem for p in (REPO / "notebooks" / lang / "exercises").glob("*.ipynb"))
    assert sorted(p.name for p in (course / lang / "source").iterdir()) == expected
    for stem in expected:
        nb = nbformat.read(course / lang / "source" / stem / f"{stem}.ipynb", as_version=4)
        solutions = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
        tests = [c for c in nb.cells if graded(c)]
        assert solutions and len(solutions) == len(tests), stem
        for solution, test in zip(solutions, tests):
            name = solution.metadata["nbgrader"]["grade_id"]
            assert "### BEGIN SOLUTION" in solution.source
            assert test.metadata["nbgrader"]["locked"] and test.metadata["nbgrader"]["points"] > 0
            assert f'assert check("{name}", globals().get("{name}"), LANG)' in test.source


@pytest.mark.parametrize("lang", LANGS)
def test_released_notebooks_are_the_student_notebooks(course, lang):
    folder = course / lang
    nbgrader(folder, "generate_assignment", "*", "--force")
    for student in sorted((REPO / "notebooks" / lang / "exercises").glob("*.ipynb")):
        released = nbformat.read(folder / "release" / student.stem / student.name,
                                 as_version=4)
        mine = nbformat.read(student, as_version=4)
        kept = [(c.cell_type, c.source) for c in released.cells if not graded(c)]
        assert kept == [(c.cell_type, c.source) for c in mine.cells], student.name
        assert len(released.cells) > len(kept)


def wrong_sigmoid(x):
    return 1 / (1 + np.exp(x))


def verdict(lang):
    """The line the checker prints for wrong_sigmoid."""
    from lstm_np.exercises import check
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert check("sigmoid", wrong_sigmoid, lang) is False
    return out.getvalue().strip()


@pytest.mark.parametrize("lang", LANGS)
def test_autograde_full_and_partial_marks_with_the_verdict_as_feedback(course, course_tool,
                                                                        lang):
    from nbgrader.api import Gradebook
    folder = course / lang
    source = folder / "source" / LESSON / f"{LESSON}.ipynb"
    nbgrader(folder, "generate_assignment", LESSON, "--force")
    for student in ("complete", "wrong"):
        (folder / "submitted" / student / LESSON).mkdir(parents=True)
    shutil.copy(source, folder / "submitted" / "complete" / LESSON / source.name)
    nb = nbformat.read(source, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")
                == "sigmoid")
    solution = "    return 1 / (1 + np.exp(-x))"
    assert solution in cell.source
    cell.source = cell.source.replace(solution, "    return 1 / (1 + np.exp(x))")
    nbformat.write(nb, folder / "submitted" / "wrong" / LESSON / source.name)

    nbgrader(folder, "autograde", LESSON)
    nbgrader(folder, "generate_feedback", LESSON)

    points = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
              for c in nb.cells if graded(c)}
    total = sum(points.values())
    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}") as gradebook:
        complete = gradebook.find_submission(LESSON, "complete")
        wrong = gradebook.find_submission(LESSON, "wrong")
        assert (complete.score, complete.max_score) == (total, total)
        assert (wrong.score, wrong.max_score) == (total - points["test_sigmoid"], total)

    line = verdict(lang)
    assert line.startswith("✗ sigmoid")
    feedback = (folder / "feedback" / "wrong" / LESSON / f"{LESSON}.html").read_text("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", feedback))
    assert line in text
    assert "AssertionError" in text
    good = (folder / "feedback" / "complete" / LESSON / f"{LESSON}.html").read_text("utf-8")
    assert "✓ sigmoid" in html.unescape(re.sub(r"<[^>]+>", "", good))
