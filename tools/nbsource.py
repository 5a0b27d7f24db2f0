"""The lesson source format: the cells a file `notebooks/source/NN_name.py` is made of.

A source is a Python module that defines CELLS, a list of cells made with the
constructors of this module:

    from tools.nbsource import blank, code, md, notes, settings

    CELLS = [
        md(es="# 01 · Título", en="# 01 · Title"),
        settings(),
        code("import numpy as np"),
        ...
    ]

The import is absolute from the repository root: `tools` is a package there (not a name that
only the tool puts into `sys.modules`), so an editor opened at the root (Pylance/pyright,
Jedi) resolves `tools.nbsource` and checks every name a source uses, and ruff counts it as
first-party. `tools/notebooks.py` puts the root on `sys.path` before it loads a source; a
source is loaded by the tool and the tests, never run on its own.

The constructors (each returns one of the typed cells below):

- md(es, en, slide=None, deck=None) -> Markdown: prose in both languages;
- notes(es, en, deck=None) -> Notes: speaker notes (slide type "notes": the deck's speaker
  view and the teacher's guide; not in the student notebooks);
- code(src, tags=(), slide=None, only=None, deck=None, alt=None) -> Code: code, written once.
  only="complete" or only="student" keeps the cell in one version of the notebook;
- blank(code, doc_es, doc_en, tags=(), slide=None, deck=None) -> Blank: a function the student
  writes (student version only); its code written once, the solution between nbgrader's
  markers `### BEGIN SOLUTION` / `### END SOLUTION`, its docstring in each language;
- settings() -> Settings: the one cell that differs between the twins (LANG, CORPUS); it also
  calls `lstm_np.i18n.set_language(LANG)`, so the package's messages speak the lesson's
  language;
- after_class(es="", en="") -> Markdown: the heading that splits a lesson into its two layers,
  `## Después de clase` / `## After class` and one line that says what it means, then the
  optional text given. Before it, **the period** (what is said, run and written in the
  50-minute class); from it to the end, **after class** (reading, homework, labs). The notes
  of the period start with their minutes, `**N min.**`, and add up to at most 50; the notes
  after class have no minutes. The deck, the book and the guide read the same heading;
- guide(part, es, en) -> Guide: text for the teacher's guide only (never in a notebook, so
  never in the student's edition): part is one of "objectives", "prerequisites",
  "optional", "exit" (exit questions) or "answers" (answer keys for the class questions and
  the discussion exercises); tools/notebooks.py puts it under that heading of the lesson's
  section of the guide.

slide= is the cell's slide type ("slide", "subslide", "fragment", "skip", "-"; by default a
markdown cell that starts with "# " or "## " opens a slide, "### " a subslide). deck= says how
the slide deck shows the cell: None as its slide type says; "output": only the cell's outputs,
with a pointer that the code is in the notebook; "skip": not on the slide (still in the
notebook). alt={"es": ..., "en": ...} is a short description of the figure a code cell draws.
deck and alt reach every built notebook as `cell.metadata["lstm_np"]` (see tools/notebooks.py).

Comments in code are prose, so they come per language, each on a line of its own, above the
code they explain:

    #[es] una columna por paso de tiempo
    #[en] one column per time step
    print("  k       " + "  ".join(word))

`#[es] texto` stays only in the Spanish notebook, `#[en] text` only in the English one (as
`# texto` / `# text`), so the twins' code is identical once comments are removed. A plain
`# comment` (a shape, a formula) is the same in both languages and may trail its code.
A `#[lang]` comment after code (`x = f(1)  #[es] uno`) is refused when the source loads.

Loading a source (`load_source`) checks every cell: a wrong slide/deck/alt/only value, or a
code cell that does not parse (in either language, in each version: IPython's `%` and `!`
lines allowed), is a SourceError whose one line names the source file and the cell's line.
"""
import ast
import importlib.util
import re
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

LANGS = ("es", "en")
SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "-", "notes")
AFTER_CLASS = {"es": "## Después de clase", "en": "## After class"}
AFTER_CLASS_LINE = {
    "es": "Aquí acaba la clase de 50 minutos. Lo que sigue es lectura, tarea y laboratorio, para "
          "después; se ejecuta a continuación, de arriba abajo.",
    "en": "The 50-minute class ends here. What follows is reading, homework and labs, for "
          "afterwards; it runs on from here, top to bottom.",
}
GUIDE_PARTS = ("objectives", "prerequisites", "optional", "exit", "answers")
DECK_TYPES = (None, "output", "skip")
ONLY = (None, "complete", "student")
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
YOUR_CODE = {"es": "# tu código aquí", "en": "# your code here"}


class SourceError(ValueError):
    """A lesson source that cannot be built; the message is one line naming file and cell."""


# --- the cells ---------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Cell:
    """What every cell has: its text per language {"es": ..., "en": ...}, its slide type,
    how the deck shows it, and the line of the source that made it (for messages)."""
    text: dict
    slide: str | None = None
    deck: str | None = None
    line: int | None = field(default=None, compare=False)

    def __post_init__(self):
        if set(self.text) != set(LANGS):
            raise ValueError(f"a cell needs a text in each of {LANGS}, got {sorted(self.text)}")
        if self.slide is not None and self.slide not in SLIDE_TYPES:
            raise ValueError(f"slide must be one of {SLIDE_TYPES}, got {self.slide!r}")
        if self.deck not in DECK_TYPES:
            raise ValueError(f"deck must be one of {DECK_TYPES}, got {self.deck!r}")


@dataclass(frozen=True, kw_only=True)
class Markdown(Cell):
    """Prose."""


@dataclass(frozen=True, kw_only=True)
class Notes(Cell):
    """Speaker notes: in the complete notebook, the deck's speaker view and the guide."""
    slide: str = "notes"


@dataclass(frozen=True, kw_only=True)
class Guide(Cell):
    """Text for the teacher's guide only (not in any notebook); `part` is one of GUIDE_PARTS."""
    part: str = "objectives"
    slide: str = "skip"

    def __post_init__(self):
        super().__post_init__()
        if self.part not in GUIDE_PARTS:
            raise ValueError(f"part must be one of {GUIDE_PARTS}, got {self.part!r}")


def is_after_class(cell, lang):
    """True for the markdown cell that opens the after-class part of a lesson."""
    return isinstance(cell, Markdown) and cell.text[lang].split("\n")[0].strip() == \
        AFTER_CLASS[lang]


def period_and_after(cells, lang):
    """(the cells of the period, the cells after class: from the heading on, inclusive)."""
    where = next((i for i, c in enumerate(cells) if is_after_class(c, lang)), len(cells))
    return cells[:where], cells[where:]


@dataclass(frozen=True, kw_only=True)
class Code(Cell):
    """A code cell; `only` keeps it in one version ("complete" or "student"), `alt` is the
    description {"es": ..., "en": ...} of the figure it draws."""
    tags: tuple = ()
    only: str | None = None
    alt: dict | None = None

    def __post_init__(self):
        super().__post_init__()
        if self.only not in ONLY:
            raise ValueError(f"only must be None, 'complete' or 'student', got {self.only!r}")
        alt = self.alt
        if alt is not None and (
                not isinstance(alt, dict) or set(alt) != set(LANGS)
                or not all(isinstance(alt[lang], str) and alt[lang].strip() for lang in LANGS)):
            raise ValueError("alt must be {'es': '...', 'en': '...'} (two non-empty texts), "
                             f"got {alt!r}")

    def versions(self, lang):
        """{version name: the code that version of the notebook holds} (for the parse check)."""
        return {"": self.text[lang]}


@dataclass(frozen=True, kw_only=True)
class Blank(Code):
    """A function the student writes: its text holds the solution between the markers."""
    only: str = "student"

    def versions(self, lang):
        return {"the student's blank": student_code(self.text[lang], lang),
                "the solution": student_code(self.text[lang], lang, solutions=True)}


@dataclass(frozen=True, kw_only=True)
class Settings(Code):
    """The settings cell, the one cell whose code differs between the twins."""
    tags: tuple = ("settings",)
    slide: str = "skip"


def _line():
    """The line of the source that called the constructor (two frames up)."""
    return sys._getframe(2).f_lineno


# --- the constructors a source calls -----------------------------------------------------

def md(es, en, slide=None, deck=None):
    """A markdown cell, written in both languages."""
    return Markdown(text={"es": es.strip("\n"), "en": en.strip("\n")}, slide=slide, deck=deck,
                    line=_line())


def notes(es, en, deck=None):
    """Speaker notes: minutes, what to run live, questions with answers, usual mistakes."""
    return Notes(text={"es": es.strip("\n"), "en": en.strip("\n")}, deck=deck, line=_line())


def after_class(es="", en="", slide=None, deck=None):
    """The heading that opens the after-class part: `## Después de clase` / `## After class`,
    the line that says what it means, then `es` / `en` (optional: what this lesson leaves
    for after class)."""
    text = {lang: "\n\n".join(part for part in (AFTER_CLASS[lang], AFTER_CLASS_LINE[lang],
                                                 extra.strip("\n")) if part)
            for lang, extra in (("es", es), ("en", en))}
    return Markdown(text=text, slide=slide, deck=deck, line=_line())


def guide(part, es, en):
    """Text for the teacher's guide only; part: objectives, prerequisites, optional, exit
    (exit questions) or answers (answer keys)."""
    return Guide(text={"es": es.strip("\n"), "en": en.strip("\n")}, part=part, line=_line())


def code(src, tags=(), slide=None, only=None, deck=None, alt=None):
    """A code cell, identical in both notebooks except for its `#[es]` / `#[en]` comments."""
    src = src.strip("\n")
    if isinstance(alt, dict):
        alt = {lang: " ".join(text.split()) if isinstance(text, str) else text
               for lang, text in alt.items()}
    return Code(text={lang: per_language(src, lang) for lang in LANGS}, tags=tuple(tags),
                slide=slide, only=only, deck=deck, alt=alt, line=_line())


def blank(code, doc_es, doc_en, tags=(), slide=None, deck=None):
    """A function for the student to write (student version only).

    `code` is the function, written once: its `def` line(s), then the solution between the
    markers; comments per language with `#[es]` / `#[en]`. `doc_es` / `doc_en` are its
    docstring in each language (the maths, the shapes, the hints), put under the `def`.
    """
    code = code.strip("\n")
    if BEGIN not in code or END not in code:
        raise ValueError(f"blank() without {BEGIN!r} ... {END!r}: {code[:60]!r}")
    text = {lang: with_docstring(per_language(code, lang), doc)
            for lang, doc in (("es", doc_es), ("en", doc_en))}
    return Blank(text=text, tags=tuple(tags), slide=slide, deck=deck, line=_line())


def settings(extra_es="", extra_en=""):
    """The one cell that differs between the twins: the language and the corpus.

    It also makes LANG the language of the package's messages (errors, printed lines).
    """
    text = {
        "es": '# Ajustes: idioma de figuras y mensajes, y texto de entrenamiento\n'
              'from lstm_np.i18n import set_language\n\n'
              'LANG = "es"\nCORPUS = "es"   # «La metamorfosis», en español\n'
              'set_language(LANG)   # los mensajes del paquete, en este idioma' + extra_es,
        "en": '# Settings: language of figures and messages, and training text\n'
              'from lstm_np.i18n import set_language\n\n'
              'LANG = "en"\nCORPUS = "en"   # "The Metamorphosis", in English\n'
              'set_language(LANG)   # the package\'s messages, in this language' + extra_en,
    }
    return Settings(text=text, line=_line())


# --- the text of code cells ----------------------------------------------------------------

LANG_COMMENT = re.compile(r"#\[(es|en)\] ?")


def per_language(src, lang):
    """Keep the `#[lang]` comments of one language (as plain `# ...`), drop the other's.

    A line holding another language's comment disappears.
    """
    out = []
    for line in src.split("\n"):
        parts = LANG_COMMENT.split(line, maxsplit=1)
        if len(parts) == 1:
            out.append(line)
        elif parts[1] == lang:
            out.append(f"{parts[0]}# {parts[2].rstrip()}")
    return "\n".join(out)


def inline_comments(src):
    """The lines of `src` with a `#[lang]` comment that is not alone on its line."""
    return [line for line in src.split("\n")
            if len(LANG_COMMENT.findall(line)) > 1
            or (LANG_COMMENT.search(line) and not line.lstrip().startswith("#["))]


def with_docstring(code, doc):
    """`code` (a function) with `doc` as its docstring, under the (possibly long) def line."""
    lines = code.split("\n")
    first = next(i for i, line in enumerate(lines) if line.lstrip().startswith("def "))
    end = next(i for i in range(first, len(lines)) if lines[i].rstrip().endswith(":"))
    indent = lines[first][:len(lines[first]) - len(lines[first].lstrip())] + "    "
    body = doc.strip("\n").split("\n")
    if len(body) == 1:
        docstring = [f'{indent}"""{body[0]}"""']
    else:
        docstring = ([f'{indent}"""{body[0]}'] + [indent + b if b else "" for b in body[1:]]
                     + [f'{indent}"""'])
    return "\n".join(lines[:end + 1] + docstring + lines[end + 1:])


def student_code(text, lang, solutions=False):
    """The text of a blank: the solution replaced by "your code here" + NotImplementedError;
    with solutions=True, the solution kept and only the markers removed."""
    if solutions:
        return "\n".join(line for line in text.split("\n")
                         if line.strip() not in (BEGIN, END))
    out, inside = [], False
    for line in text.split("\n"):
        if line.strip() == BEGIN:
            indent = line[:len(line) - len(line.lstrip())]
            out += [f"{indent}{YOUR_CODE[lang]}", f"{indent}raise NotImplementedError"]
            inside = True
        elif line.strip() == END:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


def code_literal_lines(text):
    """Where a source's code is: (the 0-based numbers of the lines strictly inside the string
    literals that code() and blank() receive as their code, the numbers of the lines that hold
    those literals' quotes)."""
    inside, quotes = set(), set()
    for node in ast.walk(ast.parse(text)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("code", "blank")):
            continue
        for arg in node.args[:1] + [k.value for k in node.keywords if k.arg in ("src", "code")]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                inside.update(range(arg.lineno, arg.end_lineno - 1))
                quotes.update((arg.lineno - 1, arg.end_lineno - 1))
    return inside, quotes


# --- loading and checking a source ---------------------------------------------------------

_MAGIC = re.compile(r"^(\s*)(?=%%?[A-Za-z]|!(?!=))")          # %magic, %%magic, !shell


def parse_error(text):
    """None if `text` parses as Python (IPython's `%` and `!` lines allowed), else
    "<message> at line N of the cell: <that line>"."""
    python = "\n".join(_MAGIC.sub(r"\1pass  # ", line, count=1) for line in text.split("\n"))
    try:
        ast.parse(python)
    except SyntaxError as e:
        shown = text.split("\n")[e.lineno - 1].strip() if e.lineno else ""
        return f"{e.msg} at line {e.lineno} of the cell: {shown!r}"
    return None


def check_cells(cells, name):
    """Raise SourceError unless CELLS is a list of cells whose every code version parses."""
    if not isinstance(cells, list) or not all(isinstance(c, Cell) for c in cells):
        raise SourceError(f"{name}: CELLS must be a list of md/code/blank/notes/settings/"
                          "after_class/guide cells")
    if sum(isinstance(c, Settings) for c in cells) != 1:
        raise SourceError(f"{name}: CELLS must hold exactly one settings() cell")
    for lang in LANGS:
        headings = [c for c in cells if is_after_class(c, lang)]
        if len(headings) > 1:
            raise SourceError(f"{name}, line {headings[1].line}: a second "
                              f"{AFTER_CLASS[lang]!r} heading (a lesson has one)")
    if [is_after_class(c, "es") for c in cells] != [is_after_class(c, "en") for c in cells]:
        raise SourceError(f"{name}: the after-class heading must be the same cell in both "
                          "languages (use after_class())")
    for cell in cells:
        if not isinstance(cell, Code):
            continue
        for lang in LANGS:
            for version, text in cell.versions(lang).items():
                error = parse_error(text)
                if error:
                    what = f"{lang}, {version}" if version else lang
                    raise SourceError(f"{name}, line {cell.line}: the code cell does not parse "
                                      f"({what}): {error}")


_loaded = {}


def load_source(path):
    """The checked CELLS of the source at `path` (a list of Cell; the same list again while
    the file's text is the same)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    key = (path.resolve(), text)
    if key not in _loaded:
        _loaded[key] = _load(path, text)
    return list(_loaded[key])


def _load(path, text):
    root = str(Path(__file__).resolve().parent.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    spec = importlib.util.spec_from_file_location(f"lesson_source_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except SyntaxError as e:
        raise SourceError(f"{path.name}, line {e.lineno}: {e.msg}") from None
    except Exception as e:                         # one line, at the source's line
        line = next((frame.lineno for frame in reversed(traceback.extract_tb(e.__traceback__))
                     if Path(frame.filename).resolve() == path.resolve()), "?")
        what = str(e) if isinstance(e, ValueError) else f"{type(e).__name__}: {e}"
        raise SourceError(f"{path.name}, line {line}: {what}") from None
    cells = getattr(module, "CELLS", None)
    check_cells(cells, path.name)
    lines = text.split("\n")
    inline = [i for i in sorted(set().union(*code_literal_lines(text)))
              if inline_comments(lines[i])]
    if inline:
        raise SourceError(f"{path.name}, line {inline[0] + 1}: a #[es]/#[en] comment after "
                          "code; put it on a line of its own, above the code it explains")
    return cells

