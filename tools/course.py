"""An nbgrader course of the student notebooks, one per language, from the lessons' sources.

    python tools/course.py              # both languages -> build/course/es/, build/course/en/
    python tools/course.py en           # the English course only

Then, from a course folder (nbgrader 0.9.6, in requirements-teachers.txt; the README's
"Grading with nbgrader" has every step, from adding students to the exported CSV):

    cd build/course/en
    nbgrader generate_assignment 01_forward     # release/01_forward/: what students get
    # students' work goes in submitted/<student>/01_forward/ (nbgrader collect, or by hand)
    nbgrader autograde 01_forward               # runs it, scores the graded test cells
    nbgrader generate_feedback 01_forward       # feedback/<student>/01_forward/*.html
    nbgrader export                             # grades.csv

What a course folder holds: ``nbgrader_config.py``; ``lstm_np_grading.py`` (a copy of
tools/course_grading.py: edited locked cells scored 0 and reported, the cell time limits,
the feedback's extras); ``templates/lstm_np_feedback/`` (the feedback page, with MathJax 3
from tools/book's pinned npm copy, so `npm ci --prefix tools/book` first); and
``source/<lesson>/<lesson>.ipynb`` for every lesson with something to write (07 has none),
with the diagrams it shows in ``source/<lesson>/img/``. A source notebook is the student
notebook of ``notebooks/<lang>/exercises/`` with the solutions kept between nbgrader's
markers ``### BEGIN SOLUTION`` / ``### END SOLUTION``, built from ``notebooks/source/`` by
``tools/notebooks.py`` (its ``notebook`` function). nbgrader's cell metadata is added:

- each cell with a solution is a solution cell, ``grade_id`` = the function's name;
- after it, a new graded test cell, locked, worth POINTS[name] points, that calls the
  package's checker: ``assert check("sigmoid", globals().get("sigmoid"), LANG)`` (None when
  the student's cell defined nothing: "not done yet"). The checker prints its one line
  (correct / not done yet / not yours / the error / what is wrong and the likely mistake),
  and that line, above the AssertionError, is the student's feedback.

The course's language is one setting: ``ClearSolutions.code_stub`` is the lesson's own stub
("# your code here" / "# tu código aquí" and ``raise NotImplementedError``), so the released
notebooks are the student notebooks of ``notebooks/<lang>/exercises/``, cell for cell
(diagram links aside), plus the test cells (teacher_tests/test_course.py checks it, and
grades complete, blank and faulty submissions with nbgrader's own commands).
"""
import argparse
import difflib
import re
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import notebooks as nbtools   # noqa: E402  (tools/notebooks.py: the lessons' sources)
from tools.nbsource import YOUR_CODE  # noqa: E402  (the format: the blank's first line)

BUILD = ROOT / "build" / "course"
MATHJAX = ROOT / "tools" / "book" / "node_modules" / "mathjax" / "es5" / "tex-svg-full.js"
IMAGE_LINK = re.compile(r"\]\(\.\./\.\./\.\./img/([\w.-]+)\)")
STUDENT_CELL_TIMEOUT, LESSON_CELL_TIMEOUT = 60, 300        # as in tools/course_grading.py
LANGS = ("es", "en")
SCHEMA = 3                                          # nbgrader 0.9's cell metadata schema

# Points of each function's test: the longer the function, the more it is worth.
POINTS = {"sigmoid": 1, "softmax": 1, "lstm_cell_forward": 2, "lstm_forward": 2,
          "compute_loss": 1, "lstm_cell_backward": 3, "lstm_backward": 3, "clip": 1,
          "update_parameters_with_adam": 2, "sample_top_k": 2, "training_step": 2}

TEST_CELL = {
    "es": ('# Prueba calificada (nbgrader): la línea que imprime la comprobación explica la nota.\n'
           'from lstm_np.exercises import check\n'
           'assert check("{name}", globals().get("{name}"), LANG), '
           '"{name}: lee la línea de arriba"'),
    "en": ('# Graded test (nbgrader): the line the check prints is the feedback.\n'
           'from lstm_np.exercises import check\n'
           'assert check("{name}", globals().get("{name}"), LANG), '
           '"{name}: read the line above"'),
}

CONFIG = '''\
# nbgrader's settings for this course (written by tools/course.py; language: {lang}).
import os
import sys

c = get_config()  # noqa: F821 (nbgrader's config loader defines it)
c.CourseDirectory.course_id = "lstm_np_{lang}"
# The blank nbgrader leaves where a solution was: the student notebooks' own.
c.ClearSolutions.code_stub = {{"python": {stub!r}}}

# The course's own plugins (lstm_np_grading.py, beside this file): see its docstring.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lstm_np_grading as grading  # noqa: E402

# A cell a student writes, or its test, may run {student}s (a top-level endless loop is
# stopped after that); the lesson's own cells {lesson}s. The checker stops a function after 30 s.
c.ExecutePreprocessor.timeout_func = grading.cell_timeout
# A locked test cell that comes back edited: put back by nbgrader, scored 0 and said so in
# the feedback, and listed in the column edited_locked_cells of `nbgrader export`.
c.Autograde.sanitize_preprocessors = grading.sanitize_preprocessors()
c.Autograde.autograde_preprocessors = grading.autograde_preprocessors()
c.ZeroEditedLockedCells.lang = "{lang}"
c.ExportApp.plugin_class = grading.CsvWithEditedCells
# Feedback: each test named after its function, lines wrapped, MathJax inlined (offline).
c.GenerateFeedback.preprocessors = grading.feedback_preprocessors()
c.HTMLExporter.template_name = "lstm_np_feedback"
c.HTMLExporter.extra_template_basedirs = [
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")]
'''


def stub(lang):
    return f"{YOUR_CODE[lang]}\nraise NotImplementedError"


def with_markers(blank, solved):
    """The solution cell nbgrader wants: the student's blank (`blank`) with each stub
    ("your code here" + raise NotImplementedError) replaced by the solution's lines
    (from `solved`) between the BEGIN/END markers, indented as the stub."""
    old, new = blank.split("\n"), solved.split("\n")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new,
                                                      autojunk=False).get_opcodes():
        if op == "equal":
            out += old[i1:i2]
            continue
        if op != "replace" or "raise NotImplementedError" not in "\n".join(old[i1:i2]):
            raise ValueError(f"a blank and its solution differ outside the stub: {old[i1:i2]}")
        indent = old[i1][:len(old[i1]) - len(old[i1].lstrip())]
        out += [indent + nbtools.BEGIN, *new[j1:j2], indent + nbtools.END]
    return "\n".join(out)


def function_name(source):
    """The name of the first function a cell defines."""
    for line in source.split("\n"):
        if line.startswith("def "):
            return line[4:].split("(")[0].strip()
    raise ValueError(f"a solution cell defines no function:\n{source[:200]}")


def course_notebook(path, lang):
    """The nbgrader source notebook of one lesson, or None if it has nothing to write."""
    blank = nbtools.notebook(path, lang, version="student", solutions=False)
    solved = nbtools.notebook(path, lang, version="student", solutions=True)
    cells = []
    for cell, done in zip(blank.cells, solved.cells):
        if cell.cell_type != "code" or cell.source == done.source:
            cells.append(cell)
            continue
        name = function_name(done.source)
        cell.source = with_markers(cell.source, done.source)
        cell.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False,
                                     "grade_id": name, "schema_version": SCHEMA}
        test = nbformat.v4.new_code_cell(TEST_CELL[lang].format(name=name))
        test.metadata["nbgrader"] = {"solution": False, "grade": True, "locked": True,
                                     "grade_id": f"test_{name}", "points": POINTS.get(name, 1),
                                     "schema_version": SCHEMA}
        cells += [cell, test]
    if len(cells) == len(blank.cells):
        return None
    blank.cells = cells
    for i, cell in enumerate(blank.cells):
        cell["id"] = f"c{i}"
    return blank


class CourseError(Exception):
    """A course that cannot be built; the message says what to do."""


def with_local_images(nb, folder):
    """Point the notebook's diagrams (../../../img/NAME) at img/NAME inside the assignment
    folder and copy them there: nbgrader releases, collects and feeds back the files of
    source/<assignment>/, never a folder outside it."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for name in IMAGE_LINK.findall(cell.source):
            (folder / "img").mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / "img" / name, folder / "img" / name)
        cell.source = IMAGE_LINK.sub(r"](img/\1)", cell.source)
    return nb


def build(lang, course=BUILD, log=print):
    """build/course/<lang>/: nbgrader_config.py, the course's plugins (lstm_np_grading.py) and
    feedback template (templates/), and source/<lesson>/<lesson>.ipynb with its diagrams."""
    if not MATHJAX.is_file():
        raise CourseError(f"MathJax is missing ({MATHJAX.relative_to(ROOT)}): run "
                          "`npm ci --prefix tools/book` first")
    root = course / lang
    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(
        CONFIG.format(lang=lang, stub=stub(lang), student=STUDENT_CELL_TIMEOUT,
                      lesson=LESSON_CELL_TIMEOUT), encoding="utf-8")
    shutil.copy2(ROOT / "tools" / "course_grading.py", root / "lstm_np_grading.py")
    template = root / "templates" / "lstm_np_feedback"
    template.mkdir(parents=True, exist_ok=True)
    for part in (ROOT / "tools" / "course_feedback").iterdir():
        shutil.copy2(part, template / part.name)
    shutil.copy2(MATHJAX, template / MATHJAX.name)
    written = []
    for path in nbtools.sources():
        nb = course_notebook(path, lang)
        if nb is None:
            continue
        folder = root / "source" / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(with_local_images(nb, folder), folder / f"{path.stem}.ipynb")
        written.append(path.stem)
    log(f"course: {lang}: {len(written)} assignments ({', '.join(written)}) -> {root}")
    return root


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("langs", nargs="*", help="es, en or nothing for both")
    parser.add_argument("--out", type=Path, default=BUILD, help="default: build/course")
    args = parser.parse_args(argv)
    for lang in args.langs:
        if lang not in LANGS:
            parser.error(f"unknown language {lang!r}: give es, en or nothing for both")
    try:
        for lang in args.langs or LANGS:
            build(lang, args.out)
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
