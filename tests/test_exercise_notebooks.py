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
CHECK_WITH_LANG = re.compile(r"""\b(?:check|use)\(\s*["'](\w+)["']\s*,\s*"""
                             r"""globals\(\)\.get\(["']\1["']\)\s*,\s*LANG\b""")
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


# ======================================================== the student's own function or nothing
def bound_names(source):
    """Every name a cell's code binds at its top level (imports, assignments, defs)."""
    import ast
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def blanks_of(nb):
    """[(index of the blank cell, the function it defines)] of a student notebook."""
    return [(i, re.search(r"^def (\w+)", c.source, re.M).group(1)) for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and "raise NotImplementedError" in c.source]


@pytest.mark.parametrize("path,lang", CASES, ids=IDS)
def test_no_cell_binds_a_students_function_before_the_student_does(path, lang):
    """Else an emptied or broken answer leaves the package's function under its name and
    the check says ✓ (the import cell used to import sigmoid, compute_loss, clip...)."""
    nb = tool.notebook(path, lang, "student")
    blanks = blanks_of(nb)
    assert blanks
    for index, name in blanks:
        for cell in nb.cells[:index]:
            if cell.cell_type == "code":
                assert name not in bound_names(cell.source), (name, cell.source[:300])


FAULTS = {
    "syntax error": "def {name}(*args:\n    return 1\n",
    "emptied": "",
    "pass": "pass\n",
    "commented out": "# def {name}(*args):\n#     return 1\n",
    "imported": "from lstm_np.exercises import reference as _r\n{name} = _r('{name}')\n",
    "imported from lstm_np": "import lstm_np\n{name} = getattr(lstm_np, '{name}', None) or "
                             "__import__('lstm_np.exercises').exercises.training_step\n",
}


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_a_broken_empty_or_imported_answer_never_gets_a_tick(path):
    """Each blank of each lesson replaced by a fault; the imports of the cells before it,
    the fault and its check cell run in a fresh namespace (a cell that raises is skipped, as
    nbgrader does): the check cell says "not done yet" or "the package's function", never ✓,
    the cells after it get the package's function, and the graded test fails."""
    import ast
    nb = tool.notebook(path, "en", "student")
    for index, name in blanks_of(nb):
        imports = "\n".join(ast.unparse(node) for cell in nb.cells[:index]
                            if cell.cell_type == "code"
                            for node in ast.parse(cell.source).body
                            if isinstance(node, (ast.Import, ast.ImportFrom)))
        use_cell = next(c.source for c in nb.cells[index + 1:]
                        if c.cell_type == "code" and CHECK_CALL.search(c.source))
        for fault, text in FAULTS.items():
            space = {"LANG": "en"}
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(imports, space)
                try:
                    exec(compile(text.format(name=name), "<answer>", "exec"), space)
                except SyntaxError:
                    pass
                exec(use_cell, space)
                graded = space["check"](name, space.get(name), "en") if "check" in space \
                    else __import__("lstm_np.exercises").exercises.check(name, space.get(name),
                                                                         "en")
            printed = out.getvalue()
            assert "✓" not in printed and not graded, (path.stem, name, fault, printed)
            assert ("not done yet" in printed or "the package's function" in printed), printed
            from lstm_np.exercises import reference
            assert space[name] is reference(name), (name, fault)


# ======================================================== the blanks give nothing away
def blanked(node):
    """`node` as text with the names of variables blanked out (functions and np kept)."""
    import ast

    class Blank(ast.NodeTransformer):
        def visit_Call(self, call):
            args = [self.visit(a) for a in call.args]
            keywords = [ast.keyword(arg=k.arg, value=self.visit(k.value)) for k in call.keywords]
            return ast.Call(func=call.func, args=args, keywords=keywords)

        def visit_Name(self, name):
            return ast.Name(id=name.id if name.id == "np" else "_", ctx=name.ctx)
    return ast.unparse(Blank().visit(node))


def parsed(code):
    import ast
    try:
        return ast.parse(code)
    except SyntaxError:
        return None


def calls(code):
    """The distinctive calls of some code, variable names blanked out: np.log(y_hat[Y[i, t],
    i, t]) is `np.log(_[_[_, _], _, _])`. Distinctive: at least three variable names."""
    import ast
    tree = parsed(code)
    return {blanked(node) for node in ast.walk(tree) if isinstance(node, ast.Call)
            and sum(isinstance(n, ast.Name) for a in node.args + [k.value for k in node.keywords]
                    for n in ast.walk(a)) >= 3} if tree else set()


def statements(code):
    """Every statement of some code that computes something (a call or an operation; nested
    ones too), variable names blanked out (`n_y, m, T_x = y_hat.shape` computes nothing)."""
    import ast
    tree = parsed(code)
    return {blanked(node) for node in ast.walk(tree)
            if isinstance(node, (ast.Expr, ast.Assign, ast.AugAssign, ast.Return))
            and any(isinstance(n, (ast.Call, ast.BinOp)) for n in ast.walk(node))} \
        if tree else set()


def products(code):
    """The matrix products (`@`) in some code, variable names blanked out: dW_g = dz_g @
    concat.T in a hint gives the line `dft @ concat.T` of the solution away."""
    import ast
    tree = parsed(code)
    return {blanked(node) for node in ast.walk(tree) if isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.MatMult)} if tree else set()


CALL_TEXT = re.compile(r"[A-Za-z_][\w.]*\((?:[^()]|\([^()]*\))*\)")


def hint_lines(docstring):
    """The pieces of a blank's hints and steps (from "Pista"/"Hint"/"Pasos"/"Steps"... to the
    next empty line; the maths above them is the exercise's statement) that may read as code:
    every call written in them (`f(...)`, one level of brackets inside), and their lines cut
    at `;` and `: `."""
    hints = "\n".join(re.findall(r"^(?:Pistas?|Hints?|Pasos|Steps|Orden sugerido|Suggested "
                                 r"order)\b.*?(?:\n\s*\n|\Z)", docstring, re.M | re.S))
    return CALL_TEXT.findall(hints) + [piece.strip().rstrip(",.") for line in hints.split("\n")
                                       for piece in re.split(r";|: ", line)]


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_no_hint_holds_a_line_and_no_later_cell_a_call_of_the_solution(path):
    """A hint that is the answer (clip's np.clip(g, -maxValue, maxValue, out=g)) or a cell
    after the blank that computes the same thing (02's double loop of -np.log(...)) turns the
    exercise into copying. Both languages."""
    import ast
    for lang in tool.LANGS:
        solved = tool.notebook(path, lang, "student", solutions=True)
        blank = tool.notebook(path, lang, "student")
        for index, name in blanks_of(blank):
            solution = calls(solved.cells[index].source)
            assert solution or name not in ("compute_loss",), name
            lines = statements(solved.cells[index].source)
            doc = ast.get_docstring(ast.parse(blank.cells[index].source).body[0]) or ""
            matmuls = products(solved.cells[index].source)
            for line in hint_lines(doc):
                assert not statements(line) & lines, (lang, name, line)
                assert not products(line) & matmuls, (lang, name, line)
            for cell in blank.cells[index + 1:]:
                if cell.cell_type == "code":
                    assert not calls(cell.source) & solution, (lang, name, cell.source[:400])


def test_the_exercises_can_be_done_as_written():
    """04's exercise 2 redefines update_parameters_with_adam, and train_short looks that name
    up when it runs (a copy under another name would never be used); 02's exercise 2 does not
    send a student to "the students' version", the notebook they are in."""
    import ast
    texts = {p.stem: "\n".join(c.text[lang] for c in tool.load_source(p)
                               for lang in tool.LANGS) for p in tool.sources()}
    for text in texts.values():
        assert "versión para estudiantes" not in text and "students' version" not in text
    adam = texts["04_adam"]
    assert "`update_parameters_with_adam = adam_with_correction`" in adam
    assert "`update_parameters_with_adam = adam_con_correccion`" in adam
    train_short = next(node for cell in tool.load_source(tool.sources(["04"])[0])
                       if isinstance(cell, tool.Code) and "def train_short" in cell.text["en"]
                       for node in ast.walk(ast.parse(cell.text["en"]))
                       if isinstance(node, ast.FunctionDef) and node.name == "train_short")
    local = {a.arg for a in train_short.args.args} | {
        n.id for n in ast.walk(train_short) if isinstance(n, ast.Name)
        and isinstance(n.ctx, ast.Store)}
    called = {n.func.id for n in ast.walk(train_short)
              if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert "update_parameters_with_adam" in called - local
