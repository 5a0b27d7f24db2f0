"""The nbgrader course of tools/course.py, round-tripped through nbgrader's own commands.

For each language: `nbgrader generate_assignment` releases notebooks equal to the student
notebooks of notebooks/<lang>/exercises/, cell for cell, once the graded test cells are
taken out (and their diagrams inside the assignment). Then, as a teacher would, one
`nbgrader autograde` per lesson, `generate_feedback` and `export`, over these submissions
(each a copy of the released folder with its notebook changed):

- "complete": the solutions in, every lesson in one language or the other (the twins run
  the same code): full marks;
- "blank": the released notebook as it is (es 03, en 05): 0;
- "faulty" (es 01 and 02; en 01 and 04): answers broken in the ways a submission must not be
  rewarded for, each kind in each language (a syntax error, an emptied cell, the package's
  function imported, a locked test edited to pass; and a wrong value). Each broken answer
  scores 0 for its function and nothing else (the answers left right keep their points); the
  edited test loses its points and is reported in the feedback and in the exported CSV, and
  `nbgrader validate` does not tell the student "Success".
"""
import csv
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import REPO, load_tool, only_local

LANGS = ("es", "en")
NBGRADER = str(Path(sys.executable).with_name("nbgrader"))
SYNTAX = "    broken = (\n"

# lang -> {lesson: {cell grade_id: fault}} for the student "faulty": each kind of fault in
# each language, and in each notebook an answer left right, which keeps its points
FAULTS = {
    "es": {"01_forward": {"sigmoid": "syntax", "softmax": "emptied",
                          "lstm_cell_forward": "imported", "test_lstm_forward": "edited"},
           "02_backward_cell": {"compute_loss": "wrong"}},
    "en": {"01_forward": {"sigmoid": "emptied", "softmax": "imported",
                          "test_lstm_forward": "edited"},
           "04_adam": {"clip": "syntax"}},
}
BLANK = {"es": "03_bptt", "en": "05_sampling"}


@pytest.fixture(scope="module")
def course_tool():
    return load_tool("course")


@pytest.fixture(scope="module")
def course(course_tool, tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    for lang in LANGS:
        course_tool.build(lang, root, log=lambda line: None)
    return root


def nbgrader(folder, *args, check=True):
    """Run `nbgrader ARGS` in a course folder; fail with its log if it fails."""
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    result = subprocess.run([NBGRADER, *args], cwd=folder, env=env, capture_output=True,
                            text=True, timeout=900)
    if check:
        assert result.returncode == 0, f"nbgrader {' '.join(args)}:\n{result.stderr[-3000:]}"
    # nbgrader logs a course config that fails to load, and goes on without it
    assert "Exception while loading config" not in result.stderr, result.stderr[-3000:]
    return result


def graded(cell):
    return cell.metadata.get("nbgrader", {}).get("grade", False)


def grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def lessons(course, lang):
    return sorted(p.name for p in (course / lang / "source").iterdir())


@pytest.mark.parametrize("lang", LANGS)
def test_every_lesson_with_a_blank_is_an_assignment(course, lang):
    expected = sorted(p.stem for p in (REPO / "notebooks" / lang / "exercises").glob("*.ipynb"))
    assert lessons(course, lang) == expected
    for stem in expected:
        nb = nbformat.read(course / lang / "source" / stem / f"{stem}.ipynb", as_version=4)
        solutions = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
        tests = [c for c in nb.cells if graded(c)]
        assert solutions and len(solutions) == len(tests), stem
        for solution, test in zip(solutions, tests):
            name = grade_id(solution)
            assert "### BEGIN SOLUTION" in solution.source
            assert test.metadata["nbgrader"]["locked"] and test.metadata["nbgrader"]["points"] > 0
            assert f'assert check("{name}", globals().get("{name}"), LANG)' in test.source


def test_a_cell_the_student_writes_times_out_after_a_minute(course):
    """nbgrader's per-cell timeout: 60 s for an answer or its test (a top-level endless loop),
    300 s for the lesson's own cells; the course's config sets it for every execution."""
    config = (course / "en" / "nbgrader_config.py").read_text("utf-8")
    assert "c.ExecutePreprocessor.timeout_func = grading.cell_timeout" in config
    plugins = load_tool("course_grading")
    answer = nbformat.v4.new_code_cell("while True:\n    pass")
    answer.metadata["nbgrader"] = {"solution": True, "grade": False}
    test = nbformat.v4.new_code_cell("assert check(...)")
    test.metadata["nbgrader"] = {"solution": False, "grade": True}
    lesson = nbformat.v4.new_code_cell("text = load_corpus(CORPUS)")
    assert [plugins.cell_timeout(c) for c in (answer, test, lesson)] == [60, 60, 300]


@pytest.fixture(scope="module")
def round_trip(course):
    """Release every lesson, submit, autograde, generate feedback and export, per language."""
    for lang in LANGS:
        folder = course / lang
        nbgrader(folder, "generate_assignment", "*", "--force")
        for lesson in complete(course, lang):
            submit(folder, "complete", lesson, solved(folder, lesson))
        submit(folder, "blank", BLANK[lang], released(folder, BLANK[lang]))
        for lesson, faults in FAULTS[lang].items():
            submit(folder, "faulty", lesson, broken(solved(folder, lesson), faults))
        for lesson in sorted(set(complete(course, lang)) | {BLANK[lang]} | set(FAULTS[lang])):
            nbgrader(folder, "autograde", lesson)
            nbgrader(folder, "generate_feedback", lesson)
        nbgrader(folder, "export")
    return course


def complete(course, lang):
    """The lessons graded complete in `lang`: every other one, the rest in the other language
    (the twins run the same code; tests/test_exercise_notebooks.py runs every one filled)."""
    return lessons(course, lang)[LANGS.index(lang)::2]


def solved(folder, lesson):
    return nbformat.read(folder / "source" / lesson / f"{lesson}.ipynb", as_version=4)


def released(folder, lesson):
    return nbformat.read(folder / "release" / lesson / f"{lesson}.ipynb", as_version=4)


def submit(folder, student, lesson, nb):
    """The released folder (diagrams included), with `nb` as the student's notebook."""
    target = folder / "submitted" / student / lesson
    shutil.copytree(folder / "release" / lesson, target)
    nbformat.write(nb, target / f"{lesson}.ipynb")


def broken(nb, faults):
    """`nb` with each cell named in `faults` broken in that way."""
    for cell in nb.cells:
        fault = faults.get(grade_id(cell))
        name = grade_id(cell)
        if fault == "syntax":                  # an unclosed bracket at the end of the answer
            cell.source = cell.source.replace("    ### END", SYNTAX + "    ### END")
        elif fault == "emptied":
            cell.source = ""
        elif fault == "imported":
            cell.source = f"from lstm_np import {name}"
        elif fault == "wrong":                 # the loss's sign flipped: a likely mistake
            assert "total -= np.log(" in cell.source
            cell.source = cell.source.replace("total -= np.log(", "total += np.log(")
        elif fault == "edited":                # the test made to pass whatever the answer
            cell.source = 'print("✓ all good")'
    return nb


def gradebook_scores(folder, lesson, student):
    """{grade_id: score} of one submission, and (score, max_score) of the whole."""
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(lesson, student)
        notebook = submission.notebooks[0]
        cells = {grade.name: grade.score for grade in notebook.grades}
        return cells, (submission.score, submission.max_score)


def points(folder, lesson):
    return {grade_id(c): c.metadata["nbgrader"]["points"]
            for c in solved(folder, lesson).cells if graded(c)}


def feedback_text(folder, student, lesson):
    """The feedback page, and its text as read (no tags, no style sheets, no scripts)."""
    page = (folder / "feedback" / student / lesson / f"{lesson}.html").read_text("utf-8")
    text = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    return page, html.unescape(re.sub(r"<[^>]+>", "", text))


@pytest.mark.parametrize("lang", LANGS)
def test_released_notebooks_are_the_student_notebooks(round_trip, lang):
    folder = round_trip / lang
    for student in sorted((REPO / "notebooks" / lang / "exercises").glob("*.ipynb")):
        release = folder / "release" / student.stem
        nb = nbformat.read(release / student.name, as_version=4)
        mine = nbformat.read(student, as_version=4)
        kept = [(c.cell_type, c.source) for c in nb.cells if not graded(c)]
        assert kept == [(c.cell_type, c.source.replace("](../../../img/", "](img/"))
                        for c in mine.cells], student.name
        assert len(nb.cells) > len(kept)
        for name in re.findall(r"\]\(img/([\w.-]+)\)", "\n".join(s for _, s in kept)):
            assert (release / "img" / name).is_file(), (student.name, name)


@pytest.mark.parametrize("lang", LANGS)
def test_a_complete_submission_gets_full_marks(round_trip, lang):
    folder = round_trip / lang
    assert set(complete(round_trip, "es")) | set(complete(round_trip, "en")) == \
        set(lessons(round_trip, lang))
    for lesson in complete(round_trip, lang):
        cells, (score, max_score) = gradebook_scores(folder, lesson, "complete")
        assert score == max_score == sum(points(folder, lesson).values()), (lesson, cells)
        page, text = feedback_text(folder, "complete", lesson)
        assert "✓" in text and "Traceback" not in text and "AssertionError" not in text, lesson
        if "](img/" in "".join(c.source for c in released(folder, lesson).cells):
            assert 'src="img/' in page and (folder / "feedback" / "complete" / lesson /
                                            "img").is_dir(), lesson


@pytest.mark.parametrize("lang", LANGS)
def test_a_blank_notebook_gets_nothing(round_trip, lang):
    cells, (score, max_score) = gradebook_scores(round_trip / lang, BLANK[lang], "blank")
    assert score == 0 and max_score > 0, cells


@pytest.mark.parametrize("lang", LANGS)
def test_each_broken_answer_scores_0_for_its_function_only(round_trip, lang):
    folder = round_trip / lang
    for lesson, faults in FAULTS[lang].items():
        cells, (score, _) = gradebook_scores(folder, lesson, "faulty")
        worth = points(folder, lesson)
        lost = {f"test_{name}" if not name.startswith("test_") else name for name in faults}
        assert {k for k, v in cells.items() if k in worth and v == 0} == lost, cells
        assert score == sum(v for k, v in worth.items() if k not in lost), cells
        _, text = feedback_text(folder, "faulty", lesson)
        for name, fault in faults.items():
            if fault in ("syntax", "emptied"):
                assert ("todavía sin hacer" if lang == "es" else "not done yet") in text
                assert f"… {name}: " in text
            if fault == "imported":
                assert (f"✗ {name}: esa es la función del paquete" if lang == "es" else
                        f"✗ {name}: that is the package's function") in text


@pytest.mark.parametrize("lang", LANGS)
def test_an_edited_locked_test_is_reported_in_the_feedback_and_the_export(round_trip, lang):
    folder = round_trip / lang
    edited = {lesson: name for lesson, faults in FAULTS[lang].items()
              for name, fault in faults.items() if fault == "edited"}
    assert edited
    plugins = load_tool("course_grading")
    for lesson, name in edited.items():
        _, text = feedback_text(folder, "faulty", lesson)
        assert plugins.EDITED_MESSAGE[lang].format(cell=name) in text
    with open(folder / "grades.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    reported = {(r["student_id"], r["assignment"]): r["edited_locked_cells"] for r in rows}
    for (student, lesson), cells in reported.items():
        assert cells == (edited.get(lesson, "") if student == "faulty" else ""), (student, lesson)
    assert all(float(r["score"]) >= 0 for r in rows) and len(rows) > len(edited)


@pytest.mark.parametrize("lang", LANGS)
def test_validate_does_not_tell_a_broken_submission_success(round_trip, lang):
    folder = round_trip / lang
    lesson = next(iter(FAULTS[lang]))
    result = nbgrader(folder, "validate", str(folder / "submitted" / "faulty" / lesson /
                                               f"{lesson}.ipynb"), check=False)
    assert "Success" not in result.stdout + result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_the_feedback_names_each_test_wraps_the_verdict_and_needs_no_cdn(round_trip, lang):
    folder = round_trip / lang
    lesson = next(iter(FAULTS[lang]))
    page, text = feedback_text(folder, "faulty", lesson)
    assert "Test cell" not in page
    for name in points(folder, lesson):
        assert f'href="#{name}">{name[len("test_"):]}</a>' in page, name
    assert not re.search(r"""<script[^>]+src=["']https?:""", page)
    assert "window.MathJax" in page and "cdnjs" not in page
    assert "white-space: pre-wrap" in page
    wrong = [lesson for lesson, faults in FAULTS[lang].items() if "wrong" in faults.values()]
    for lesson in wrong:                        # the likely mistake on a line of its own
        _, text = feedback_text(folder, "faulty", lesson)
        assert re.search(r"\.\n  Fallo probable: ", text), text[:2000]


def test_the_feedback_maths_renders_offline(round_trip, chromium_browser):
    """Opened from disk with every request that leaves the machine refused: MathJax typesets."""
    page_path = round_trip / "es" / "feedback" / "complete" / "01_forward" / "01_forward.html"
    context = chromium_browser.new_context()
    try:
        blocked = only_local(context, "file://")
        page = context.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_function("document.querySelectorAll('mjx-container').length > 0",
                               timeout=60000)
        assert blocked == []
    finally:
        context.close()
