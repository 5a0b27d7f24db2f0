"""The student notebooks: generated from the lessons' sources, run unfilled, pass when filled.

For every lesson with blanks, in each language:
- the stored student notebook is what tools/notebooks.py builds (so it is never stale);
- unfilled, it runs top to bottom without an error, and every check cell says "not done
  yet" in the student's language;
- with the solutions filled back in (the variant the tool emits for this test), it runs
  top to bottom and every check passes.
"""
import contextlib
import importlib.util
import io
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "tools" / "notebooks.py")
tool = importlib.util.module_from_spec(spec)
sys.modules["build_notebooks"] = tool
spec.loader.exec_module(tool)

CHECK_CALL = re.compile(r"""\b(?:check|use)\(\s*["'](\w+)["']""")
LESSONS = [p for p in tool.sources()
           if any(isinstance(c, tool.Blank) for c in tool.load_source(p))]
CASES = [(p, lang) for p in LESSONS for lang in tool.LANGS]
IDS = [f"{lang}/{p.stem}" for p, lang in CASES]


def verdict(name, fn, lang):
    """What lstm_np.exercises.check prints for `fn` (the line a check cell must show)."""
    from lstm_np import exercises
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exercises.check(name, fn, lang)
    return out.getvalue().strip().split("\n")[-1]


def not_done(*args, **kwargs):
    raise NotImplementedError


def run(nb, lang):
    from nbclient import NotebookClient
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks" / lang / "exercises")}}
                   ).execute()
    return nb


def checks_and_outputs(nb):
    """[(function name, text output of its check cell)] in the order of the notebook."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        names = CHECK_CALL.findall(cell.source)
        if not names:
            continue
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        found += [(name, text) for name in names]
    return found


def test_there_are_student_notebooks():
    assert len(LESSONS) >= 5, [p.stem for p in LESSONS]


@pytest.mark.parametrize("path,lang", CASES, ids=IDS)
def test_stored_student_notebook_is_up_to_date(path, lang):
    stored = ROOT / "notebooks" / lang / "exercises" / f"{path.stem}.ipynb"
    assert stored.exists(), f"{stored} missing: run python tools/notebooks.py build"
    built = tool.notebook(path, lang, "student")
    assert nbformat.writes(built) == nbformat.writes(nbformat.read(stored, as_version=4)), \
        f"{stored.name} is stale: run python tools/notebooks.py build {path.stem[:2]}"
    for cell in built.cells:
        assert "### BEGIN SOLUTION" not in cell.source, "a solution left in a student notebook"


@pytest.mark.parametrize("path,lang", CASES, ids=IDS)
def test_unfilled_student_notebook_runs_and_says_not_done_yet(path, lang):
    nb = run(tool.notebook(path, lang, "student"), lang)
    checks = checks_and_outputs(nb)
    blanks = sum(isinstance(c, tool.Blank) for c in tool.load_source(path))
    assert len(checks) >= blanks, f"{len(checks)} check cells for {blanks} blanks"
    for name, text in checks:
        assert verdict(name, not_done, lang) in text, f"{name}: {text!r}"


@pytest.mark.parametrize("path,lang", CASES, ids=IDS)
def test_student_notebook_with_solutions_passes_every_check(path, lang):
    nb = run(tool.notebook(path, lang, "student", solutions=True), lang)
    checks = checks_and_outputs(nb)
    assert checks
    for name, text in checks:
        assert text.strip().startswith("✓"), f"{name}: {text!r}"
