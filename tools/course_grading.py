"""nbgrader plugins of the lstm_np course: what a teacher needs to trust and read the grades.

tools/course.py copies this file into every course folder as ``lstm_np_grading.py``; the
course's ``nbgrader_config.py`` imports it from there (a course folder works on its own, on a
grading machine without this repository). It needs nbgrader 0.9 (requirements-teachers.txt).

- `NoteEditedLockedCells` (autograde, before nbgrader's OverwriteCells): a locked graded cell
  that comes back changed (its checksum differs from the released one) is noted in the cell's
  metadata (``EDITED``). nbgrader then puts the released source back, as it always does.
- `ZeroEditedLockedCells` (autograde, after Execute): such a cell gets an error output that
  says what happened, in the course's language, so that it scores 0 (nbgrader gives no points
  to a test cell with an error) and the student and the teacher read why in the feedback.
- `CsvWithEditedCells` (``nbgrader export``): nbgrader's CSV plus a column
  ``edited_locked_cells`` naming, per submission, the locked cells that came back edited.
- `FeedbackExtras` (generate_feedback): puts the likely mistake of a verdict on a line of its
  own; the course's feedback template (templates/lstm_np_feedback/) names each test after its
  function, wraps long lines and renders the maths with MathJax 3 inlined into the page
  (readable offline, no CDN).
- `cell_timeout` (every execution: autograde, validate): 60 s for the cells a student writes
  or that check them (a top-level endless loop is stopped in about a minute), 300 s for the
  lesson's own cells.
"""
import csv
import glob
import os

import nbformat
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import CsvExportPlugin
from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.preprocessors import Execute, NbGraderPreprocessor, OverwriteCells
from traitlets import Unicode

EDITED = "lstm_np_edited"
"""Cell metadata key: True when a locked cell of the submission differed from the released one."""

STUDENT_CELL_TIMEOUT = 60
LESSON_CELL_TIMEOUT = 300

EDITED_MESSAGE = {
    "es": "Esta celda bloqueada ({cell}) llegó modificada en la entrega. nbgrader ha "
          "restaurado la original y esta prueba no puntúa. Habla con tu docente.",
    "en": "This locked cell ({cell}) was edited in the submission. nbgrader put the original "
          "back, and this test scores nothing. Talk to your teacher.",
}
LIKELY = {"es": ". Fallo probable: ", "en": ". Likely mistake: "}


def cell_timeout(cell):
    """Seconds one cell may run (nbclient's timeout_func)."""
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    if nbgrader.get("solution") or nbgrader.get("grade"):
        return STUDENT_CELL_TIMEOUT
    return LESSON_CELL_TIMEOUT


class NoteEditedLockedCells(NbGraderPreprocessor):
    """Notes (metadata EDITED) every locked cell whose checksum is not the released one."""

    def preprocess(self, nb, resources):
        notebook = resources["nbgrader"]["notebook"]
        assignment = resources["nbgrader"]["assignment"]
        with Gradebook(resources["nbgrader"]["db_url"]) as gradebook:
            for cell in nb.cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                if grade_id is None:
                    continue
                try:
                    source = gradebook.find_source_cell(grade_id, notebook, assignment)
                except MissingEntry:
                    continue
                cell.metadata.pop(EDITED, None)
                if source.locked and utils.compute_checksum(cell) != source.checksum:
                    cell.metadata[EDITED] = True
                    self.log.warning("locked cell %s was edited: it scores 0", grade_id)
        return nb, resources


class ZeroEditedLockedCells(NbGraderPreprocessor):
    """Gives every cell noted by NoteEditedLockedCells an error output: 0 points, and why."""

    lang = Unicode("en", help="the course's language: es or en").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.metadata.get(EDITED):
            text = EDITED_MESSAGE.get(self.lang, EDITED_MESSAGE["en"]).format(
                cell=cell.metadata.get("nbgrader", {}).get("grade_id", ""))
            cell.setdefault("outputs", []).append(nbformat.v4.new_output(
                "error", ename="LockedCellEdited", evalue=text, traceback=[text]))
        return cell, resources


class FeedbackExtras(NbGraderPreprocessor):
    """Feedback only: the likely mistake of a verdict on a line of its own."""

    def preprocess_cell(self, cell, resources, index):
        if cell.metadata.get("nbgrader", {}).get("grade"):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream":
                    for likely in LIKELY.values():
                        output["text"] = output["text"].replace(likely, ".\n  " + likely[2:])
        return cell, resources


def sanitize_preprocessors():
    """nbgrader's autograde sanitizing steps, with NoteEditedLockedCells before
    OverwriteCells (which puts a locked cell back and keeps no trace of it)."""
    steps = list(Autograde.class_traits()["sanitize_preprocessors"].default())
    steps.insert(steps.index(OverwriteCells), NoteEditedLockedCells)
    return steps


def autograde_preprocessors():
    """nbgrader's autograde steps, with ZeroEditedLockedCells after Execute."""
    steps = list(Autograde.class_traits()["autograde_preprocessors"].default())
    steps.insert(steps.index(Execute) + 1, ZeroEditedLockedCells)
    return steps


def feedback_preprocessors():
    """nbgrader's generate_feedback steps, then FeedbackExtras."""
    return list(GenerateFeedback.class_traits()["preprocessors"].default()) + [FeedbackExtras]


class CsvWithEditedCells(CsvExportPlugin):
    """nbgrader's CSV, plus the column edited_locked_cells (grade ids, separated by spaces)."""

    def export(self, gradebook):
        super().export(gradebook)
        dest = self.to or "grades.csv"
        with open(dest, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            fields = list(reader.fieldnames or []) + ["edited_locked_cells"]
        coursedir = self.parent.coursedir
        for row in rows:
            folder = coursedir.format_path(coursedir.autograded_directory, row["student_id"],
                                           row["assignment"])
            edited = []
            for path in sorted(glob.glob(os.path.join(folder, "*.ipynb"))):
                nb = nbformat.read(path, as_version=4)
                edited += [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
                           if c.metadata.get(EDITED)]
            row["edited_locked_cells"] = " ".join(edited)
        with open(dest, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

