"""The student notebooks: generated from the lessons' sources, run unfilled, pass when filled.

What this proves, for every lesson with blanks and both languages:
- the stored student notebook is what tools/notebooks.py builds (so it is never stale);
- unfilled, it runs top to bottom without an error, and every check cell says "not done
  yet" in the student's language;
- with the solutions filled back in (the variant the tool emits for this test), it runs
  top to bottom and every check passes.

Each student notebook is executed once per lesson and kind, not once per language: the
Spanish and English notebooks are twins (tests/test_twins.py: the same cells and the same
code once comments and docstrings are removed; only the cell tagged "settings", which sets
LANG, differs), so the code that runs is the same in both. Lessons alternate: the even ones
run filled in Spanish and unfilled in English, the odd ones the other way round, so that
each language runs both kinds. What one language's run cannot show about its twin is that
the twin's check cells speak the twin's language; that is shown without a kernel: the
settings cell of every stored student notebook sets LANG to its own language, every check
cell passes LANG to `check`/`use`, and `check` gives the "not done yet" line of each
language (called directly, as the cell would). Two runs per lesson instead of four.

The kernels run with one BLAS thread (OPENBLAS_NUM_THREADS and the like, the environment
counterpart of lstm_np.engine.blas.blas_threads()): the lessons' small products only lose time to
a second thread, and lose a lot when another process holds a core.
"""
import contextlib
import importlib.util
import io
import os
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
CHECK_WITH_LANG = re.compile(r"""\b(?:check|use)\(\s*["'](\w+)["']\s*,\s*\w+\s*,\s*LANG\b""")
LESSONS = [p for p in tool.sources()
           if any(isinstance(c, tool.Blank) for c in tool.load_source(p))]
CASES = [(p, lang) for p in LESSONS for lang in tool.LANGS]
IDS = [f"{lang}/{p.stem}" for p, lang in CASES]
ES, EN = tool.LANGS
RUNS = [(p, lang, filled) for i, p in enumerate(LESSONS)
        for lang, filled in (((ES, True), (EN, False)) if i % 2 == 0
                             else ((EN, True), (ES, False)))]
RUN_IDS = [f"{lang}/{p.stem}-{'filled' if filled else 'unfilled'}" for p, lang, filled in RUNS]
ONE_THREAD = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                     "MKL_NUM_THREADS", "LSTM_NP_BLAS_THREADS")}


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
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks" / lang
                                                                / "exercises")}})
    client.execute(env={**os.environ, **ONE_THREAD})
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


def test_every_lesson_runs_filled_and_unfilled_and_each_language_runs_both():
    for p in LESSONS:
        assert {(lang, filled) for q, lang, filled in RUNS if q == p} in (
            {(ES, True), (EN, False)}, {(EN, True), (ES, False)})
    for lang in tool.LANGS:
        assert {filled for _, q, filled in RUNS if q == lang} == {True, False}


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
def test_check_cells_speak_the_notebooks_language(path, lang):
    """Without a kernel: LANG is the notebook's language, every check passes LANG, and the
    "not done yet" line of that language is what `check` prints for a blank."""
    nb = tool.notebook(path, lang, "student")
    settings = [c for c in nb.cells if "settings" in c.metadata.get("tags", [])]
    assert len(settings) == 1
    assert re.search(rf"""^LANG = ["']{lang}["']""", settings[0].source, re.M), \
        settings[0].source
    sources = [c.source for c in nb.cells if c.cell_type == "code"]
    calls = [n for s in sources for n in CHECK_CALL.findall(s)]
    assert calls and calls == [n for s in sources for n in CHECK_WITH_LANG.findall(s)]
    blanks = sum(1 for c in tool.load_source(path) if isinstance(c, tool.Blank))
    assert len(calls) >= blanks, f"{len(calls)} check cells for {blanks} blanks"
    words = "todavía sin hacer" if lang == "es" else "not done yet"
    for name in calls:
        assert words in verdict(name, not_done, lang)


@pytest.mark.parametrize("path,lang,filled", RUNS, ids=RUN_IDS)
def test_student_notebook_runs(path, lang, filled):
    """Unfilled: it runs and every check says "not done yet" in its language. Filled with the
    solutions: it runs and every check passes."""
    nb = run(tool.notebook(path, lang, "student", solutions=filled), lang)
    checks = checks_and_outputs(nb)
    blanks = sum(isinstance(c, tool.Blank) for c in tool.load_source(path))
    assert len(checks) >= blanks, f"{len(checks)} check cells for {blanks} blanks"
    for name, text in checks:
        if filled:
            assert text.strip().startswith("✓"), f"{name}: {text!r}"
        else:
            assert verdict(name, not_done, lang) in text, f"{name}: {text!r}"
