"""The student's edition of the notebooks holds no teacher's note and no teacher's answer.

The exercise notebooks (notebooks/<lang>/exercises/) are what students get: none of their
cells may hold the text of a notes cell of the complete lesson (the notes carry the answers to
the class questions), nor the code of a cell only the complete lesson has (the package's
solution shown with show_source). The book and the handouts are checked in teacher_tests.
"""
import re
from pathlib import Path

import nbformat
import pytest

from tools.nbsource import Code, Notes, load_source

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("es", "en")
STUDENT = sorted(p.name for p in (ROOT / "notebooks" / "es" / "exercises").glob("[0-9]*.ipynb"))


def stretches(text):
    """The maths-free stretches of a text longer than 25 characters (to find it elsewhere)."""
    parts = re.split(r"\$[^$]*\$|`[^`]*`|\n|\*\*", text)
    return [" ".join(p.split()) for p in parts if len(" ".join(p.split())) > 25]


def test_there_are_student_notebooks():
    assert STUDENT


@pytest.mark.parametrize("name", STUDENT)
@pytest.mark.parametrize("lang", LANGS)
def test_the_student_notebook_holds_no_teachers_note_or_solution_cell(lang, name):
    cells = load_source(ROOT / "notebooks" / "source" / name.replace(".ipynb", ".md"))
    nb = nbformat.read(ROOT / "notebooks" / lang / "exercises" / name, as_version=4)
    text = " ".join(" ".join(c.source.split()) for c in nb.cells)
    # a stretch of the notes that the lesson's own prose also says is no evidence
    prose = " ".join(" ".join(c.text[lang].split()) for c in cells if not isinstance(c, Notes))
    notes = [s for c in cells if isinstance(c, Notes) for s in stretches(c.text[lang])
             if s not in prose]
    assert notes, f"{name}: the lesson has no notes to look for"
    complete = nbformat.read(ROOT / "notebooks" / lang / name, as_version=4)
    complete_text = " ".join(" ".join(c.source.split()) for c in complete.cells)
    assert all(s in complete_text for s in notes), "the search would not see the notes"
    found = [s for s in notes if s in text]
    assert not found, f"{lang}/exercises/{name} holds the teacher's notes: {found[:2]}"
    theirs = [c.text[lang].strip() for c in cells
              if isinstance(c, Code) and c.only == "complete"]
    sources = {c.source.strip() for c in nb.cells if c.cell_type == "code"}
    assert not [t for t in theirs if t in sources], \
        f"{lang}/exercises/{name} holds a cell of the complete lesson only"
