"""Build the lessons, the student notebooks and the teacher's guides from one source each.

    python tools/notebooks.py build      # notebooks/source/*.md -> every file below
    python tools/notebooks.py execute    # run every complete notebook, store outputs
    python tools/notebooks.py            # both: the one command to run after changing lstm_np
    python tools/notebooks.py build 03   # only the sources whose name starts with 03
    python tools/notebooks.py check      # which stored notebooks are not what the sources build
    python tools/notebooks.py twins      # cells whose one language changed, the other not
    python tools/notebooks.py twins --accept 03   # record 03's texts as checked twins

The format of a source, `notebooks/source/NN_name.md` (MyST Markdown), and its cells:
tools/nbsource.py.
What one source gives, in each language (es, en):

- `notebooks/<lang>/NN_name.ipynb`: the complete lesson (the teacher's version, with the
  solutions: it imports lstm_np and shows its source), stored with its outputs, run by nbval;
  tests/test_sources_built.py checks it is what its source builds;
- `notebooks/<lang>/exercises/NN_name.ipynb`: the student's version: speaker notes and the
  cells that show the package's code are left out, each solution between nbgrader's markers
  is replaced by a blank that raises NotImplementedError, and no import binds a name the
  student writes before the student's cell does (`without_imports_of`); stored without
  outputs (tests/test_exercise_notebooks.py checks it is up to date and runs it);
- `notebooks/es/GUIA_DOCENTE.md`, `notebooks/en/TEACHER_GUIDE.md`: the teacher's guide. Per
  lesson: objectives and prerequisites (guide cells), the period's plan (a table of the
  minutes of the period's notes, then those notes, section by section), after class (its
  notes and what is optional), exit questions and answer keys (guide cells). The split
  between the period and after class is the lesson's after_class cell (its heading).

The last cell of every lesson, a link to the next lesson, is added here. A cell's deck= and
alt= (the latter in the notebook's language) are stored as `cell.metadata["lstm_np"] =
{"deck": ..., "alt": ...}`, each key only when given, in the complete and the student
notebooks; the slide deck (tools/slides.py) and the book read them there.

The twins lock, `notebooks/source/twins.json`, records per lesson a short hash of each
cell's Spanish and English text (prose, notes, guide, a slide's text and notes, alt, code per
language with its `#[es]`/`#[en]` comments, a blank's docstring). `build` records the cells
whose two languages changed together (and new cells); a cell whose one language changed while
the other did not is never recorded by `build`: `twins` lists it (file, line, kind, which
language) and exits 1 until the other language is brought up to date (then `build` records
both) or the author, having checked it, runs `twins --accept NN`. tests/test_twins_lock.py
fails while the lock is not what `build` leaves or a one-sided change is pending.

Executing uses nbconvert without timings or widget state, then nbstripout --keep-output
--keep-count, which gives byte-identical files from run to run; then it checks that every
cell with an alt= drew a figure. When only prose, slide types or metadata changed (the code
cells are the same, in the same order), `build` keeps the stored outputs, so no re-execution
is needed.
"""
import ast
import hashlib
import io
import json
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:                      # run as a script: tools.nbsource
    sys.path.insert(0, str(ROOT))

from tools.nbsource import (AFTER_CLASS, BEGIN, END, LANGS, Blank,  # noqa: E402
                            Cell, Code, Guide, Markdown, Notes, Settings, SlideText, SourceError,
                            is_after_class, load_source, per_language,
                            period_and_after, student_code)

__all__ = ["AFTER_CLASS", "BEGIN", "END", "LANGS", "Blank", "Cell", "Code", "Guide", "Markdown",
           "Notes", "Settings", "SourceError", "load_source", "per_language", "period_and_after",
           "student_code"]

SOURCE = ROOT / "notebooks" / "source"
WIDTH = 100                                        # ruff's line length
NEXT = {"es": "**Siguiente lección:** [{title}]({file})",
        "en": "**Next lesson:** [{title}]({file})"}
END_OF_SERIES = {"es": "**Fin de la serie.** Vuelve al [índice](../../README.md).",
                 "en": "**End of the series.** Back to the [index](../../README.md)."}
NOTES_HEADING = {"es": "**Notas para el docente**", "en": "**Teacher's notes**"}
GUIDE = {"es": ("GUIA_DOCENTE.md", "# Guía del docente",
                "Cada lección tiene dos capas. **La clase** es lo que se dice, se ejecuta y se "
                "escribe en un periodo de 50 minutos; sus minutos cuentan el tiempo que los "
                "estudiantes necesitan en cada hueco. **Después de clase** es lectura, tarea y "
                "laboratorio: en la lección empieza en el encabezado «Después de clase». Para "
                "cada lección: objetivos y requisitos, el plan de la clase con sus notas, lo que "
                "queda para después y lo opcional, preguntas de salida y las respuestas de las "
                "preguntas de clase y de los ejercicios. Es la edición del docente: no la "
                "publiques para los estudiantes. Este archivo se genera con `python "
                "tools/notebooks.py build` a partir de `notebooks/source/`: no lo edites a mano."),
         "en": ("TEACHER_GUIDE.md", "# Teacher's guide",
                "Every lesson has two layers. **The period** is what is said, run and written "
                "in a 50-minute class; its minutes count the time students need at each blank. "
                "**After class** is reading, homework and labs: in the lesson it starts at the "
                "heading \"After class\". For each lesson: objectives and prerequisites, the "
                "period's plan with its notes, what is left for after class and what is "
                "optional, exit questions, and the answers to the class questions and the "
                "exercises. This is the teacher's edition: do not publish it to students. This "
                "file is generated by `python tools/notebooks.py build` from "
                "`notebooks/source/`: do not edit it by hand.")}
GUIDE_LABELS = {
    "es": {"objectives": "Objetivos", "prerequisites": "Requisitos previos",
           "period": "La clase ({minutes} minutos)", "minutes": "minutos", "part": "parte",
           "opening": "Apertura", "closing": "Cierre", "after": "Después de clase",
           "optional": "Opcional",
           "exit": "Preguntas de salida", "answers": "Respuestas"},
    "en": {"objectives": "Objectives", "prerequisites": "Prerequisites",
           "period": "The period ({minutes} minutes)", "minutes": "minutes", "part": "part",
           "opening": "Opening", "closing": "Closing", "after": "After class",
           "optional": "Optional",
           "exit": "Exit questions", "answers": "Answer keys"},
}
MINUTES = re.compile(r"\*\*(\d+) min\.\*\*")


# --- from a source to notebooks -----------------------------------------------------------

def sources(names=()):
    """The lesson sources, in order; `names`: only those whose stem or number is given."""
    return sorted(p for p in SOURCE.glob("[0-9]*.md")
                  if not names or p.stem in names or p.stem[:2] in names)


def title_of(cells, lang):
    first = next(c for c in cells if isinstance(c, Markdown)).text[lang]
    return first.split("\n")[0].lstrip("# ").strip()


def default_slide(cell, text):
    if cell.slide:
        return cell.slide
    if isinstance(cell, Markdown):
        if text.startswith(("# ", "## ")):
            return "slide"
        return "subslide" if text.startswith("### ") else "-"
    return "-"


def next_link(path, lang, student):
    later = [p for p in sources() if p.stem > path.stem]
    if not later:
        text = END_OF_SERIES[lang]
        return text.replace("../../", "../../../") if student else text
    nxt = later[0]
    return NEXT[lang].format(title=title_of(load_source(nxt), lang), file=f"{nxt.stem}.ipynb")


def lstm_np_metadata(cell, lang):
    """What the deck and the book read: {"deck": ..., "alt": ...}, each key only when given."""
    ours = {}
    if cell.deck:
        ours["deck"] = cell.deck
    if isinstance(cell, Code) and cell.alt:
        ours["alt"] = cell.alt[lang]
    if isinstance(cell, Code) and cell.mark:
        ours["mark"] = cell.mark
    return ours


def blank_names(cells):
    """The names of the functions the student writes (the first `def` of each blank)."""
    names = []
    for cell in cells:
        if isinstance(cell, Blank):
            names += [node.name for node in ast.parse(cell.text["en"]).body
                      if isinstance(node, ast.FunctionDef)][:1]
    return names


def import_line(node, names):
    """`from MODULE import names...`, in brackets over several lines past WIDTH characters."""
    head = f"from {'.' * node.level}{node.module or ''} import "
    line = head + ", ".join(names)
    if len(line) <= WIDTH:
        return line
    lines, current = [], head + "("
    for i, name in enumerate(names):
        piece = name + (")" if i == len(names) - 1 else ",")
        if len(current) + len(piece) > WIDTH:
            lines.append(current.rstrip())
            current = " " * (len(head) + 1)
        current += piece + " "
    return "\n".join(lines + [current.rstrip()])


PACKAGE_PREFIX = "package_"
"""A function the student writes later, used by a cell before the student's: the package's,
under this prefix (`package_lstm_forward`), so that its own name stays unbound."""


def without_imports_of(source, names, early=()):
    """`source` without the `from ... import` of any of `names`: a student notebook does not
    bind the name of a function the student writes before the student's cell does (else an
    emptied or broken answer would silently leave the package's function in its place). The
    names in `early` (used by a cell before the student's) are imported as PACKAGE_PREFIX +
    name, and their uses in `source` renamed so."""
    try:
        tree = ast.parse(source)
    except SyntaxError:                            # IPython's % and ! lines: left as they are
        return source
    lines = source.split("\n")
    for node in reversed(tree.body):
        if not isinstance(node, ast.ImportFrom):
            continue
        kept = [a.name + (f" as {a.asname}" if a.asname else "") for a in node.names
                if (a.asname or a.name) not in names]
        kept += [f"{a.name} as {PACKAGE_PREFIX}{a.name}" for a in node.names
                 if a.asname is None and a.name in names and a.name in early]
        if len(kept) == len(node.names) and not any(a.name in early for a in node.names):
            continue
        lines[node.lineno - 1:node.end_lineno] = [import_line(node, kept)] if kept else []
    return renamed("\n".join(lines), [n for n in names if n in early])


def renamed(source, names):
    """`source` with every use of a name in `names` (not an attribute, not inside a string, not
    the name an import renames) prefixed with PACKAGE_PREFIX."""
    if not names:
        return source
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return source
    lines, edits, previous = source.split("\n"), [], None
    for i, token in enumerate(tokens):
        following = tokens[i + 1].string if i + 1 < len(tokens) else ""
        if token.type == tokenize.NAME and token.string in names and following != "as" and \
                not (previous is not None and previous.string == "."):
            edits.append(token.start)
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
            previous = token
    for row, col in reversed(edits):
        lines[row - 1] = lines[row - 1][:col] + PACKAGE_PREFIX + lines[row - 1][col:]
    return "\n".join(lines)


def used_before_written(cells, lang):
    """The functions a student writes that a code cell uses before the student's cell."""
    used, written = set(), blank_names(cells)
    for cell in cells:
        if isinstance(cell, Blank):
            written = [n for n in written if n not in blank_names([cell])]
        elif isinstance(cell, Code) and cell.only != "complete":
            try:
                tree = ast.parse(cell.text[lang])
            except SyntaxError:
                continue
            used |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
                     and isinstance(n.ctx, ast.Load) and n.id in written}
    return used


def notebook(path, lang, version="complete", solutions=False):
    """The nbformat notebook of one source, language and version ("complete" or "student")."""
    cells = load_source(path)
    student = version == "student"
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    link = Markdown(text={"es": next_link(path, "es", student),
                          "en": next_link(path, "en", student)}, slide="slide")
    written = blank_names(cells)                   # not yet written by the student
    early = used_before_written(cells, lang) if student else set()
    for cell in cells + [link]:
        text = cell.text[lang]
        if isinstance(cell, (Guide, SlideText)):   # the guide; the deck's layer
            continue
        if isinstance(cell, Notes):
            if student:
                continue
            new = nbformat.v4.new_markdown_cell(f"{NOTES_HEADING[lang]}\n\n{text}")
        elif isinstance(cell, Markdown):
            if student:                            # one folder deeper
                text = text.replace("](../../", "](../../../")
            new = nbformat.v4.new_markdown_cell(text)
        else:
            if cell.only not in (None, version):
                continue
            if isinstance(cell, Blank):
                text = student_code(text, lang, solutions)
                written = [n for n in written if n not in blank_names([cell])]
            elif student:
                text = without_imports_of(text, written, early)
            new = nbformat.v4.new_code_cell(text)
            if cell.tags:
                new.metadata["tags"] = list(cell.tags)
        ours = lstm_np_metadata(cell, lang)
        if ours:
            new.metadata["lstm_np"] = ours
        if not student:
            new.metadata["slideshow"] = {"slide_type": default_slide(cell, text)}
        nb.cells.append(new)
    for i, c in enumerate(nb.cells):              # the ids nbstripout gives: diffs stay small
        c["id"] = str(i)
    return nb


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def write_if_changed(nb, out, keep_outputs):
    """Write `nb` to `out`; with keep_outputs, carry the stored outputs over when the code
    cells are the same as in the file already there (prose or slides changed only)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        previous = nbformat.read(out, as_version=4)
        if keep_outputs and [c.source for c in _code_cells(previous)] == \
                [c.source for c in _code_cells(nb)]:
            for old, new in zip(_code_cells(previous), _code_cells(nb)):
                new.outputs, new.execution_count = old.outputs, old.execution_count
            nb.metadata = previous.metadata        # the kernel's language_info, from execute
        if nbformat.writes(previous) == nbformat.writes(nb):
            return False
    nbformat.write(nb, out)
    print(f"built {out.relative_to(ROOT)}")
    return True


def notes_by_section(cells, lang, first):
    """[(section title, notes text)] of the notes among `cells`, each under the "## " heading
    before it (`first` for notes before any heading; a second notes cell in a row, with no
    other cell between, is the closing: GUIDE_LABELS "closing"). A slide's own notes come
    after the notes cells of its section (they add detail to them)."""
    found, section, previous, slides = [], first, None, []
    for cell in cells:
        if isinstance(cell, Markdown) and cell.text[lang].startswith("## "):
            found += slides
            slides = []
            section = cell.text[lang].split("\n")[0][3:].strip()
        if isinstance(cell, Notes):
            closing = isinstance(previous, Notes)
            found.append((GUIDE_LABELS[lang]["closing"] if closing else section, cell.text[lang]))
        if isinstance(cell, SlideText) and cell.notes[lang]:    # a slide's own notes
            slides.append((section, cell.notes[lang]))
        if not isinstance(cell, (Guide, SlideText)):
            previous = cell
    return found + slides


def guide_lesson(path, lang):
    """The lines of one lesson's section of the teacher's guide."""
    label = GUIDE_LABELS[lang]
    cells = load_source(path)
    parts = {part: [c.text[lang] for c in cells if isinstance(c, Guide) and c.part == part]
             for part in ("objectives", "prerequisites", "optional", "exit", "answers")}
    period, after = period_and_after(cells, lang)
    plan = notes_by_section(period, lang, label["opening"])
    # the table lists the notes that carry minutes (a slide's own notes carry none)
    timed = [(int(m.group(1)), section) for section, text in plan if (m := MINUTES.match(text))]
    minutes = [m for m, _ in timed]
    out = [f"## [{title_of(cells, lang)}]({path.stem}.ipynb)", ""]
    for part in ("objectives", "prerequisites"):
        if parts[part]:
            out += [f"### {label[part]}", "", *[t + "\n" for t in parts[part]]]
    out += [f"### {label['period'].format(minutes=sum(minutes))}", "",
            f"| {label['minutes']} | {label['part']} |", "|---:|---|"]
    out += [f"| {m} | {section} |" for m, section in timed]
    out += [f"| **{sum(minutes)}** | |", ""]
    shown = None
    for section, text in plan:
        if section != shown:
            out += [f"#### {section}", ""]
            shown = section
        out += [text, ""]
    if after or parts["optional"]:
        out += [f"### {label['after']}", ""]
        shown = None
        for section, text in notes_by_section(after[1:], lang, label["after"]):
            if section != shown and section != label["after"]:
                out += [f"#### {section}", ""]
                shown = section
            out += [text, ""]
        if parts["optional"]:
            out += [f"#### {label['optional']}", "", *[t + "\n" for t in parts["optional"]]]
    for part in ("exit", "answers"):
        if parts[part]:
            out += [f"### {label[part]}", "", *[t + "\n" for t in parts[part]]]
    return out


def guide_text(lang):
    """The teacher's guide of one language, as build writes it."""
    _, heading, intro = GUIDE[lang]
    parts = [heading, "", intro, ""]
    for path in sources():
        parts += guide_lesson(path, lang)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(parts).rstrip() + "\n")


def build_guide(lang):
    out = ROOT / "notebooks" / lang / GUIDE[lang][0]
    text = guide_text(lang)
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")
        print(f"built {out.relative_to(ROOT)}")


def build_one(path):
    for lang in LANGS:
        write_if_changed(notebook(path, lang), ROOT / "notebooks" / lang / f"{path.stem}.ipynb",
                         keep_outputs=True)
        if any(isinstance(c, Code) and c.only == "student" for c in load_source(path)):
            write_if_changed(notebook(path, lang, "student"),
                             ROOT / "notebooks" / lang / "exercises" / f"{path.stem}.ipynb",
                             keep_outputs=False)


def execute_one(nb_path):
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook",
                    "--execute", "--inplace", "--ExecutePreprocessor.timeout=600",
                    "--ExecutePreprocessor.record_timing=False",
                    "--ExecutePreprocessor.store_widget_state=False", str(nb_path)],
                   check=True, cwd=nb_path.parent)
    subprocess.run([sys.executable, "-m", "nbstripout", "--keep-output", "--keep-count",
                    str(nb_path)], check=True)
    drop_unstable_outputs(nb_path)
    print(f"executed {nb_path.relative_to(ROOT)}")


def drop_unstable_outputs(nb_path):
    """Remove what changes from run to run and is not compared by nbval anyway:
    widget views (their model_id is random, and without the widget state, not stored, they
    cannot be shown; the text/plain repr stays) and stderr (progress lines with rates,
    library warnings); and join consecutive stdout chunks, as nbval does."""
    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:
        if "outputs" not in cell:
            continue
        kept = []
        for out in cell.outputs:
            if out.output_type == "stream" and out.name == "stderr":
                continue
            if (out.output_type == "stream" and kept and kept[-1].output_type == "stream"
                    and kept[-1].name == out.name):
                kept[-1].text += out.text      # how the kernel chunked a print is chance
                continue
            kept.append(out)
        cell.outputs = kept
        for out in cell.outputs:
            out.get("data", {}).pop("application/vnd.jupyter.widget-view+json", None)
    nbformat.write(nb, nb_path)


# --- checks: stored notebooks against their sources, figures against their alt ------------

def without_outputs(nb):
    """A copy of `nb` without what executing adds: outputs, execution counts, the notebook's
    metadata (the kernel's language_info)."""
    nb = nbformat.from_dict(nb)
    nb.metadata = {}
    for cell in _code_cells(nb):
        cell.outputs, cell.execution_count = [], None
    return nb


def difference(built, stored):
    """None if the stored notebook holds what its source builds (outputs aside), else the
    first difference, in words."""
    built, stored = without_outputs(built), without_outputs(stored)
    if len(built.cells) != len(stored.cells):
        return f"{len(built.cells)} cells built from the source, {len(stored.cells)} stored"
    for i, (b, s) in enumerate(zip(built.cells, stored.cells)):
        for key in ("cell_type", "source", "metadata", "id"):
            if b.get(key) != s.get(key):
                return f"cell {i}: its {key} differs from what the source builds"
    return None


def stale(names=()):
    """[(stored notebook, difference)] of every notebook that is not what its source builds."""
    found = []
    for path in sources(names):
        versions = [("complete", ROOT / "notebooks" / lang / f"{path.stem}.ipynb", lang)
                    for lang in LANGS]
        if any(isinstance(c, Code) and c.only == "student" for c in load_source(path)):
            versions += [("student", ROOT / "notebooks" / lang / "exercises" /
                          f"{path.stem}.ipynb", lang) for lang in LANGS]
        for version, out, lang in versions:
            if not out.exists():
                found.append((out, "missing"))
                continue
            why = difference(notebook(path, lang, version), nbformat.read(out, as_version=4))
            if why:
                found.append((out, why))
    return found


FIGURES = ("image/png", "image/svg+xml", "image/jpeg")


def alts_without_figure(nb):
    """The indices of the code cells that have an alt= but show no figure in their outputs."""
    return [i for i, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and cell.metadata.get("lstm_np", {}).get("alt")
            and not any(kind in out.get("data", {}) for out in cell.get("outputs", [])
                        for kind in FIGURES)]


# --- the twins lock: a change to one language only is found -----------------------------

KIND_NAMES = ((Blank, "blank"), (Settings, "settings"), (Code, "code"), (Notes, "notes"),
              (Guide, "guide"), (SlideText, "slide"))
LANGUAGE_NAMES = {"es": "Spanish", "en": "English"}


def lock_path():
    return SOURCE / "twins.json"


def kind_of(cell):
    """The kind of a cell as the source names it (md, after_class, notes, code, blank, ...)."""
    for cls, name in KIND_NAMES:
        if isinstance(cell, cls):
            return name
    return "after_class" if is_after_class(cell, "en") else "md"


def twin_hashes(cell):
    """[kind, hash of the Spanish, hash of the English]: of all the cell's text in each
    language (prose, notes, guide, a slide's text and notes, code per language, a blank's
    docstring, alt text), 12 hex digits of its SHA-256."""
    entry = [kind_of(cell)]
    for lang in LANGS:
        parts = [cell.text[lang]]
        if isinstance(cell, Code) and cell.alt:
            parts.append(cell.alt[lang])
        if isinstance(cell, SlideText):
            parts.append(cell.notes[lang])
        entry.append(hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:12])
    return entry


def twins_of(path, locked):
    """(the lesson's entries for the lock, [(cell, kind, changed language)] of the cells
    whose one language changed since the lock while the other did not).

    A cell is matched to the lock by its texts, so moving cells around changes nothing. A
    cell both of whose texts are new (a new cell, or one translated together) gets its new
    entry; a one-sided change keeps the entry it was locked with, until `twins --accept`."""
    entries = [tuple(entry) for entry in locked or []]
    pairs = set(entries)
    by_lang = {lang: {(e[0], e[1 + i]): e for e in entries} for i, lang in enumerate(LANGS)}
    new, one_sided = [], []
    for cell in load_source(path):
        entry = tuple(twin_hashes(cell))
        if entry not in pairs:
            for i, lang in enumerate(LANGS):
                old = by_lang[lang].get((entry[0], entry[1 + i]))
                if old:                            # this language as locked, the other not
                    one_sided.append((cell, entry[0], LANGS[1 - i]))
                    entry = old
                    break
        new.append(list(entry))
    return new, one_sided


def read_lock():
    path = lock_path()
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise SourceError(f"{path.name}, line {e.lineno}: not JSON ({e.msg}); take it back "
                          "from git, or delete it and run python tools/notebooks.py twins "
                          "--accept") from None


def write_lock(lock):
    """One cell a line, lessons in order: small diffs."""
    lines = ["{"]
    for i, stem in enumerate(sorted(lock)):
        rows = [json.dumps(entry) for entry in lock[stem]]
        lines.append(f"  {json.dumps(stem)}: [")
        lines += [f"    {row}," for row in rows[:-1]] + [f"    {row}" for row in rows[-1:]]
        lines.append("  ]" + ("," if i < len(lock) - 1 else ""))
    text = "\n".join(lines + ["}"]) + "\n"
    path = lock_path()
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def twin_line(path, cell, kind, changed):
    other = LANGUAGE_NAMES[next(lang for lang in LANGS if lang != changed)]
    return (f"{path.name}, line {cell.line}: {kind}: the {LANGUAGE_NAMES[changed]} text "
            f"changed, the {other} did not: bring the {other} up to date, or if it needs no "
            f"change run python tools/notebooks.py twins --accept {path.stem[:2]}")


def twins_status(paths):
    """([one line per one-sided change], [the stems whose lock entry `build` would change])."""
    lock, lines, outdated = read_lock(), [], []
    for path in paths:
        new, one_sided = twins_of(path, lock.get(path.stem))
        lines += [twin_line(path, *found) for found in one_sided]
        if new != lock.get(path.stem):
            outdated.append(path.stem)
    return lines, outdated


def record_twins(paths, accept=False, prune=False):
    """Write the lock for `paths`: what build records (cells whose languages changed
    together, new cells), or with accept=True the current texts as they are. prune: drop
    the lessons that have no source any more. Returns the one-sided lines left."""
    lock, left = read_lock(), []
    for path in paths:
        new, one_sided = twins_of(path, lock.get(path.stem))
        if accept:
            new = [twin_hashes(cell) for cell in load_source(path)]
        else:
            left += [twin_line(path, *found) for found in one_sided]
        lock[path.stem] = new
    if prune:
        lock = {stem: entries for stem, entries in lock.items()
                if stem in {p.stem for p in sources()}}
    write_lock(lock)
    return left


def twins(chosen, accept, every):
    """`twins [NN ...]`: print the one-sided changes, 1 if any; `twins --accept [NN ...]`:
    record the current texts of those lessons (`every`: all lessons, and drop the lock's
    lessons that have no source any more)."""
    if accept:
        record_twins(chosen, accept=True, prune=every)
        print(f"notebooks/source/{lock_path().name}: recorded the texts of "
              f"{', '.join(p.stem for p in chosen)}")
        return 0
    lines, _ = twins_status(chosen)
    for line in lines:
        print(line)
    return 1 if lines else 0


COMMANDS = ("build", "execute", "all", "check", "twins")


def main(argv):
    what = argv[0] if argv else "all"
    names = argv[1:]                                # optional: only these sources (stems)
    accept = what == "twins" and "--accept" in names
    names = [name for name in names if not (accept and name == "--accept")]
    if what not in COMMANDS or any(name.startswith("-") for name in names):
        print(f"unknown command {' '.join(argv)!r}: use one of {', '.join(COMMANDS)}, then "
              "lesson numbers (twins: --accept)", file=sys.stderr)
        return 2
    chosen = sources(names)
    if names and not chosen:
        print(f"no source in notebooks/source/ matches {' '.join(names)}", file=sys.stderr)
        return 2
    try:
        if what == "twins":
            return twins(chosen, accept, every=not names)
        if what == "check":
            found = stale(names)
            for out, why in found:
                print(f"{out.relative_to(ROOT)}: {why}")
            return 1 if found else 0
        if what in ("build", "all"):
            for path in chosen:
                build_one(path)
            for lang in LANGS:
                build_guide(lang)
            for line in record_twins(chosen, prune=not names):
                print(f"warning: {line}", file=sys.stderr)
    except SourceError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if what in ("execute", "all"):
        missing = []
        for path in chosen:
            for lang in LANGS:
                out = ROOT / "notebooks" / lang / f"{path.stem}.ipynb"
                execute_one(out)
                missing += [f"{out.relative_to(ROOT)}, cell {i}"
                            for i in alts_without_figure(nbformat.read(out, as_version=4))]
        if missing:
            print(f"error: alt= given but no figure drawn: {'; '.join(missing)}",
                  file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
