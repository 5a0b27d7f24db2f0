"""The lesson source format: the cells a file `notebooks/source/NN_name.md` is made of.

A source is MyST Markdown, the conventions jupytext reads (`jupytext --to ipynb` opens it as
a notebook, GitHub and VS Code preview it): a front matter, then the cells in order. Prose is
written in both languages, one after the other, each after an HTML comment line that no
preview shows; code is written once:

    ---
    jupytext:
      text_representation: {extension: .md, format_name: myst}
    kernelspec: {display_name: Python 3, language: python, name: python3}
    about: |
      Lesson 01: forward propagation.
    ---

    <!-- es -->
    # 01 · Título

    <!-- en -->
    # 01 · Title

    +++ {"cell": "settings"}

    ```{code-cell} ipython3
    ---
    slide: skip
    ---
    #[es] una columna por paso de tiempo
    #[en] one column per time step
    x = np.zeros((n_x, T_x))
    ```

    +++ {"cell": "notes"}

    <!-- es -->
    **10 min.** Pregunta: ...

    <!-- en -->
    **10 min.** Ask: ...

The front matter holds `jupytext`, `kernelspec` and `about` (what the lesson is) only.

Code cells: a fence ```` ```{code-cell} ipython3 ```` ... ```` ``` ```` (a longer fence when
the code holds three backticks at the start of a line), its options as YAML between two `---`
lines right after the fence (or, as jupytext writes plain ones, `:slide: skip` lines, then a
blank line):
- `tags: [nbval-ignore-output]`; `slide:` the cell's slide type; `deck:` how the slide deck
  shows it; `only: complete` or `only: student` keeps it in one version of the notebook;
  `alt: {es: ..., en: ...}` the description of the figure it draws; `mark: name` lets a slide
  cell show its outputs (`show`);
- a blank, a function the student writes (student version only), says `cell: blank` and
  `doc: {es: |, en: |}`, its docstring in each language (the maths, the shapes, the hints),
  put under its `def`; its code holds the solution between nbgrader's markers
  `### BEGIN SOLUTION` / `### END SOLUTION`; it takes tags, slide and deck too.

Prose cells: separated by `+++` lines; the JSON object after `+++` says the cell's kind
(`"cell"`, md when absent) and its options:
- md (`+++`, `+++ {"slide": "subslide", "deck": "skip"}`): prose;
- `{"cell": "notes"}` (deck): speaker notes (slide type "notes": the complete notebook, the
  deck's speaker view and the teacher's guide; not in the student notebooks);
- `{"cell": "settings"}`: the one cell that differs between the twins (LANG, CORPUS, and
  `lstm_np.i18n.set_language(LANG)`, so the package's messages speak the lesson's language):
  settings() below writes its code; the cell holds no text (a `<!-- comment -->` at most);
- `{"cell": "after_class"}` (slide, deck): the heading that splits a lesson into its two
  layers, `## Después de clase` / `## After class` and one line that says what it means, then
  the cell's text if any. Before it, **the period** (what is said, run and written in the
  50-minute class); from it to the end, **after class** (reading, homework, labs). The notes
  of the period start with their minutes, `**N min.**`, and add up to at most 50; the notes
  after class have no minutes. The deck, the book and the guide read the same heading;
- `{"cell": "guide", "part": "..."}`: text for the teacher's guide only (never in a notebook,
  so never in the student's edition): part is one of "objectives", "prerequisites",
  "optional", "exit" (exit questions) or "answers" (answer keys); tools/notebooks.py puts it
  under that heading of the lesson's section of the guide;
- `{"cell": "slide", "show": ["name"]}`: the slide layer, what the class sees of a section
  (below); in no notebook.
Each prose cell writes its text after `<!-- es -->` and after `<!-- en -->`, each once (an
after_class cell may have neither); an HTML comment line before them is a note to the
author (jupytext drops a cell that holds nothing). A slide cell may add `<!-- code -->` (one
fenced block, ```` ```python ```` ... ```` ``` ````, the same in both languages) and its
speaker notes after `<!-- notes es -->` and `<!-- notes en -->`.

The slide layer. A deck is a lecture, not the notebook cut into slides: beside a section's
prose the author writes the slide(s) that go on the screen, in both languages, each a heading
and a few short bullets or a formula (at most SLIDE_WORDS words), optionally a short code
excerpt (at most SLIDE_CODE_LINES lines) and the outputs of code cells the author marks
(`mark: name` on the code cell, `"show": ["name"]` on the slide: a figure, a printed table).
Its speaker notes reach the deck's speaker view and the teacher's guide; a notes cell goes on
the first slide of its section (the cells after the last "#"/"##" heading). Once a lesson has
a slide cell, its deck (tools/slides.py) is its slides, in order, and nothing else; until
then the deck is the lesson's class period packed by the deck's rules.

slide is the cell's slide type ("slide", "subslide", "fragment", "skip", "-"; by default a
markdown cell that starts with "# " or "## " opens a slide, "### " a subslide). deck says how
the slide deck shows the cell: absent, as its slide type says; "output": only the cell's
outputs, with a pointer that the code is in the notebook; "skip": not on the slide (still in
the notebook). deck, alt and mark reach every built notebook as `cell.metadata["lstm_np"]`
(see tools/notebooks.py).

Comments in code are prose, so they come per language, each on a line of its own, above the
code they explain:

    #[es] una columna por paso de tiempo
    #[en] one column per time step
    print("  k       " + "  ".join(word))

`#[es] texto` stays only in the Spanish notebook, `#[en] text` only in the English one (as
`# texto` / `# text`), so the twins' code is identical once comments are removed. A plain
`# comment` (a shape, a formula) is the same in both languages and may trail its code.
A `#[lang]` comment after code (`x = f(1)  #[es] uno`) is refused when the source loads.

Loading a source (`load_source`, `read_source`) checks every cell, with the checks of the
typed cells below: an unknown option, key, cell kind or section, a language missing or
written twice, a wrong slide/deck/alt/only/part value, a slide over its limits, a mark shown
but never made, a second settings or after-class cell, or a code cell that does not parse
(in either language, in each version: IPython's `%` and `!` lines allowed) is a SourceError
whose one line names the source file and the line of the .md (the cell's first line, or the
faulty line). The option blocks are read with PyYAML (installed with requirements.txt, which
jupyterlab and nbgrader need anyway); the rest is this module's own line-by-line reader.

The constructors below (md, notes, code, blank, settings, after_class, guide, slide) build
the typed cells; the reader calls them, and a test may too.
"""
import ast
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml                 # PyYAML: installed with requirements.txt (jupyterlab needs it too)

LANGS = ("es", "en")
SLIDE_WORDS = 60             # words of prose on a slide, at most (what the back row reads)
SLIDE_CODE_LINES = 15
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
    description {"es": ..., "en": ...} of the figure it draws, `mark` the name a slide()
    gives to show its outputs."""
    tags: tuple = ()
    only: str | None = None
    alt: dict | None = None
    mark: str | None = None

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


@dataclass(frozen=True, kw_only=True)
class SlideText(Cell):
    """A slide the author writes (the slide layer): its markdown per language, the marked
    outputs it shows, a short code excerpt, its speaker notes per language."""
    show: tuple = ()
    code: str | None = None
    notes: dict = field(default_factory=lambda: {"es": "", "en": ""})

    def __post_init__(self):
        super().__post_init__()
        for lang in LANGS:
            words = prose_words(self.text[lang])
            if words > SLIDE_WORDS:
                raise ValueError(f"a slide holds at most {SLIDE_WORDS} words of prose; the "
                                 f"{lang} text has {words}: say less, or make two slides")
        lines = self.code.count("\n") + 1 if self.code else 0
        if lines > SLIDE_CODE_LINES:
            raise ValueError(f"a slide's code holds at most {SLIDE_CODE_LINES} lines, this "
                             f"one {lines}: show the lines that are the point")
        if set(self.notes) != set(LANGS):
            raise ValueError("a slide's notes need both notes_es and notes_en (or neither)")
        if not all(isinstance(m, str) and m for m in self.show):
            raise ValueError(f"show names marked cells (a code cell's option mark: name), "
                             f"got {self.show!r}")


def prose_words(markdown):
    """The words of prose a markdown text shows on a slide: no code block, no maths, no
    image, no HTML tag, a link's text without its address; inline `code` counts."""
    text = re.sub(r"^(`{3,}).*?^\1", " ", markdown, flags=re.S | re.M)
    text = re.sub(r"\$\$.*?\$\$|\\\[.*?\\\]|\$[^$]*\$", " ", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return sum(1 for word in text.split() if re.search(r"\w", word))


def _line():
    """The line of the source that called the constructor (two frames up)."""
    return sys._getframe(2).f_lineno


# --- the constructors a source calls -----------------------------------------------------

def md(es, en, slide=None, deck=None, line=None):
    """A markdown cell, written in both languages."""
    return Markdown(text={"es": es.strip("\n"), "en": en.strip("\n")}, slide=slide, deck=deck,
                    line=line or _line())


def notes(es, en, deck=None, line=None):
    """Speaker notes: minutes, what to run live, questions with answers, usual mistakes."""
    return Notes(text={"es": es.strip("\n"), "en": en.strip("\n")}, deck=deck, line=line or _line())


def after_class(es="", en="", slide=None, deck=None, line=None):
    """The heading that opens the after-class part: `## Después de clase` / `## After class`,
    the line that says what it means, then `es` / `en` (optional: what this lesson leaves
    for after class)."""
    text = {lang: "\n\n".join(part for part in (AFTER_CLASS[lang], AFTER_CLASS_LINE[lang],
                                                 extra.strip("\n")) if part)
            for lang, extra in (("es", es), ("en", en))}
    return Markdown(text=text, slide=slide, deck=deck, line=line or _line())


def guide(part, es, en, line=None):
    """Text for the teacher's guide only; part: objectives, prerequisites, optional, exit
    (exit questions) or answers (answer keys)."""
    return Guide(text={"es": es.strip("\n"), "en": en.strip("\n")}, part=part, line=line or _line())


def code(src, tags=(), slide=None, only=None, deck=None, alt=None, mark=None, line=None):
    """A code cell, identical in both notebooks except for its `#[es]` / `#[en]` comments;
    mark="name" lets a slide() show its outputs."""
    src = src.strip("\n")
    if isinstance(alt, dict):
        alt = {lang: " ".join(text.split()) if isinstance(text, str) else text
               for lang, text in alt.items()}
    return Code(text={lang: per_language(src, lang) for lang in LANGS}, tags=tuple(tags),
                slide=slide, only=only, deck=deck, alt=alt, mark=mark, line=line or _line())


def slide(es, en, show=(), code=None, notes_es="", notes_en="", line=None):
    """A slide of the lesson's deck, written by the author (see the module's docstring)."""
    if isinstance(show, str):
        show = (show,)
    if bool(notes_es.strip()) != bool(notes_en.strip()):
        raise ValueError("a slide's notes need both notes_es and notes_en (or neither)")
    return SlideText(text={"es": es.strip("\n"), "en": en.strip("\n")}, show=tuple(show),
                     code=code.strip("\n") if code else None,
                     notes={"es": notes_es.strip("\n"), "en": notes_en.strip("\n")},
                     line=line or _line())


def blank(code, doc_es, doc_en, tags=(), slide=None, deck=None, line=None):
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
    return Blank(text=text, tags=tuple(tags), slide=slide, deck=deck, line=line or _line())


def settings(extra_es="", extra_en="", line=None):
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
    return Settings(text=text, line=line or _line())


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
        raise SourceError(f"{name}: the cells must be a list of md/code/blank/notes/settings/"
                          "after_class/guide/slide cells")
    found = [c for c in cells if isinstance(c, Settings)]
    if len(found) != 1:
        where = f", line {found[1].line}" if len(found) > 1 else ""
        raise SourceError(f"{name}{where}: a lesson holds exactly one settings cell "
                          '(+++ {"cell": "settings"}), this one ' + str(len(found)))
    for lang in LANGS:
        headings = [c for c in cells if is_after_class(c, lang)]
        if len(headings) > 1:
            raise SourceError(f"{name}, line {headings[1].line}: a second "
                              f"{AFTER_CLASS[lang]!r} heading (a lesson has one)")
    if [is_after_class(c, "es") for c in cells] != [is_after_class(c, "en") for c in cells]:
        raise SourceError(f"{name}: the after-class heading must be the same cell in both "
                          "languages (an after_class cell: +++ {\"cell\": \"after_class\"})")
    marks = {}
    for cell in cells:
        if isinstance(cell, Code) and cell.mark:
            if cell.mark in marks:
                raise SourceError(f"{name}, line {cell.line}: mark={cell.mark!r} is already "
                                  f"the mark of the cell at line {marks[cell.mark]}")
            if cell.only == "student":
                raise SourceError(f"{name}, line {cell.line}: a marked cell must be in the "
                                  "complete lesson (its outputs are stored there)")
            marks[cell.mark] = cell.line
    for cell in cells:
        for mark in getattr(cell, "show", ()):
            if mark not in marks:
                raise SourceError(f"{name}, line {cell.line}: the slide shows {mark!r}, which "
                                  f"no code cell marks (a code cell's option mark: {mark})")
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
    """The checked cells of the source at `path`, a MyST Markdown file (a list of Cell; the
    same list again while the file's text is the same)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    key = (path.resolve(), text)
    if key not in _loaded:
        _loaded[key] = read_source(text, path.name)
    return list(_loaded[key])


# --- the MyST Markdown source, line by line -------------------------------------------------

FRONT_MATTER = ("jupytext", "kernelspec", "about")
CODE_FENCE = re.compile(r"^(`{3,})\{code-cell\}(.*)$")
KERNEL = "ipython3"
SHORT_OPTION = re.compile(r"^:([A-Za-z_][\w-]*):(?= |$)")
SECTION = re.compile(r"^<!--\s*(.*?)\s*-->$")
SECTIONS = ("es", "en", "notes es", "notes en", "code")
PROSE_KINDS = {                     # the kind of a prose cell: the keys its +++ line may hold
    "md": ("slide", "deck"),
    "notes": ("deck",),
    "guide": ("part",),
    "after_class": ("slide", "deck"),
    "settings": (),
    "slide": ("show",),
}
CODE_OPTIONS = ("tags", "slide", "deck", "only", "alt", "mark")
BLANK_OPTIONS = ("cell", "doc", "tags", "slide", "deck")


class _Where(Exception):
    """A fault at a line of the source (turned into a SourceError naming the file)."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line


def read_source(text, name):
    """The checked cells of a MyST Markdown source whose text is `text` (`name`: the file's
    name, for messages). Every fault is one SourceError line "name, line N: what"."""
    try:
        lines = text.split("\n")
        body = _front_matter(lines)
        cells = [_cell(block) for block in _blocks(lines, body)]
        cells = [cell for cell in cells if cell is not None]
    except _Where as e:
        raise SourceError(f"{name}, line {e.line}: {e}") from None
    check_cells(cells, name)
    return cells


class _Loader(yaml.SafeLoader):
    """YAML as PyYAML's safe loader reads it, but a key written twice is an error."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def _yaml(lines, first, what):
    """The mapping a block of YAML lines holds (`first`: the source line of lines[0])."""
    try:
        value = yaml.load("\n".join(lines), Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = first + mark.line if mark else first
        problem = getattr(e, "problem", None) or str(e).split("\n")[0]
        raise _Where(line, f"the {what} is not valid YAML: {problem}") from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Where(first, f"the {what} must be `key: value` lines, got {value!r}")
    return value


def _front_matter(lines):
    """Check the front matter (`---` ... `---` on the first lines); the index of the line
    after it."""
    if not lines or lines[0] != "---":
        raise _Where(1, "a source starts with its front matter: a line `---`, the jupytext "
                        "and kernelspec keys, a line `---`")
    end = next((i for i in range(1, len(lines)) if lines[i] == "---"), None)
    if end is None:
        raise _Where(1, "the front matter opened at line 1 has no closing `---` line")
    meta = _yaml(lines[1:end], 2, "front matter")
    unknown = sorted(set(meta) - set(FRONT_MATTER))
    if unknown:
        raise _Where(2, f"unknown front matter key {unknown[0]!r} (known: "
                        f"{', '.join(FRONT_MATTER)})")
    return end + 1


def _blocks(lines, i):
    """The source cut into cells: ("code", fence line, options, [(line, text)]) and
    ("prose", first line, metadata, [(line, text)]), line numbers counted from 1."""
    blocks, prose = [], None
    while i < len(lines):
        line, number = lines[i], i + 1
        fence = CODE_FENCE.match(line)
        if fence:
            if prose:
                blocks.append(prose)
                prose = None
            if fence.group(2).strip() != KERNEL:
                raise _Where(number, f"a code cell opens with ```{{code-cell}} {KERNEL}, not "
                                     f"{line!r}")
            i += 1
            options = {}
            if i < len(lines) and lines[i] == "---":
                end = next((j for j in range(i + 1, len(lines))
                            if lines[j] == "---" or lines[j].rstrip() == fence.group(1)), None)
                if end is None or lines[end] != "---":
                    raise _Where(i + 1, "the options of the code cell opened at line "
                                        f"{number} have no closing `---` line")
                options = _yaml(lines[i + 1:end], i + 2, "options block")
                i = end + 1
            elif i < len(lines) and SHORT_OPTION.match(lines[i]):   # how jupytext writes
                first = i                                          # plain text options
                while i < len(lines) and SHORT_OPTION.match(lines[i]):
                    i += 1
                options = _yaml([SHORT_OPTION.sub(r"\1:", line, count=1)
                                 for line in lines[first:i]], first + 1, "options block")
                if i < len(lines) and not lines[i].strip():
                    i += 1
            start = i
            while i < len(lines) and lines[i].rstrip() != fence.group(1):
                if CODE_FENCE.match(lines[i]):
                    break
                i += 1
            if i == len(lines) or lines[i].rstrip() != fence.group(1):
                raise _Where(number, f"the code cell opened here is not closed: a line "
                                     f"{fence.group(1)} must end it")
            blocks.append(("code", number, options,
                           [(j + 1, lines[j]) for j in range(start, i)]))
            i += 1
            continue
        if line.startswith("+++"):
            if prose:
                blocks.append(prose)
            prose = ("prose", number, _metadata(line[3:].strip(), number), [])
        elif prose is None:
            if line.strip():
                prose = ("prose", number, {}, [(number, line)])
        else:
            prose[3].append((number, line))
        i += 1
    if prose:
        blocks.append(prose)
    return blocks


def _metadata(text, number):
    """The JSON object of a `+++ {...}` line."""
    if not text:
        return {}
    def once(pairs):
        keys = [key for key, _ in pairs]
        twice = [key for i, key in enumerate(keys) if key in keys[:i]]
        if twice:
            raise _Where(number, f"the +++ line's metadata says {twice[0]!r} twice")
        return dict(pairs)

    try:
        meta = json.loads(text, object_pairs_hook=once)
    except json.JSONDecodeError as e:
        raise _Where(number, f"the +++ line's metadata is not JSON: {e.msg}") from None
    if not isinstance(meta, dict):
        raise _Where(number, f"the +++ line's metadata must be a JSON object, got {text}")
    return meta


def _cell(block):
    """The Cell of one block (None for blank lines between cells)."""
    kind, number, meta, lines = block
    try:
        if kind == "code":
            return _code_cell(number, meta, lines)
        return _prose_cell(number, meta, lines)
    except ValueError as e:                        # a constructor's check
        raise _Where(number, str(e)) from None


def _code_cell(number, options, lines):
    blank_cell = options.get("cell") == "blank"
    known = BLANK_OPTIONS if blank_cell else CODE_OPTIONS
    unknown = [key for key in options if key not in known]
    if unknown:
        what = "a blank" if blank_cell else "a code cell"
        hint = ("; a blank says `cell: blank`" if unknown[0] == "cell" else "")
        raise _Where(number, f"unknown option {unknown[0]!r} of {what} (known: "
                             f"{', '.join(known)}){hint}")
    for key in ("slide", "deck", "only", "mark"):
        if key in options and not isinstance(options[key], str):
            raise _Where(number, f"{key} must be a text, got {options[key]!r} (quote it: "
                                 f"{key}: \"...\")")
    tags = options.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _Where(number, f"tags must be a list of texts, [a, b], got {tags!r}")
    for line, text in lines:
        if inline_comments(text):
            raise _Where(line, "a #[es]/#[en] comment after code; put it on a line of its "
                               "own, above the code it explains")
    src = "\n".join(text for _, text in lines)
    if not blank_cell:
        return code(src, tags=tags, slide=options.get("slide"), only=options.get("only"),
                    deck=options.get("deck"), alt=options.get("alt"), mark=options.get("mark"),
                    line=number)
    doc = options.get("doc")
    if not isinstance(doc, dict) or set(doc) != set(LANGS) or \
            not all(isinstance(doc[lang], str) for lang in LANGS):
        raise _Where(number, "a blank needs its docstring in each language: doc: {es: |, "
                             f"en: |}} (two texts), got {doc!r}")
    if BEGIN not in src or END not in src:
        raise _Where(number, f"a blank without the markers {BEGIN!r} ... {END!r} around "
                             "its solution")
    return blank(src, doc["es"], doc["en"], tags=tags, slide=options.get("slide"),
                 deck=options.get("deck"), line=number)


def _sections(number, lines):
    """{section name: (its marker's line, its text)} of a prose cell's lines."""
    sections, current = {}, None
    for line, text in lines:
        marker = SECTION.match(text.strip())
        if marker and re.fullmatch(r"[a-z ]+", marker.group(1)):
            name = marker.group(1)
            if name not in SECTIONS:
                raise _Where(line, f"unknown section <!-- {name} --> (known: "
                                   f"{', '.join(f'<!-- {s} -->' for s in SECTIONS)})")
            if name in sections:
                raise _Where(line, f"<!-- {name} --> a second time in the cell that starts "
                                   f"at line {number}")
            current = sections[name] = (line, [])
        elif current is not None:
            current[1].append(text)
        elif text.strip() and not (text.startswith("<!--") and text.endswith("-->")):
            raise _Where(line, "text before the first language section: a prose cell writes "
                               "each language after its line <!-- es --> / <!-- en -->")
    return {name: (line, "\n".join(body).strip("\n")) for name, (line, body) in
            sections.items()}


def _prose_cell(number, meta, lines):
    kind = meta.get("cell", "md")
    if kind not in PROSE_KINDS:
        raise _Where(number, f"unknown cell kind {kind!r} (known: {', '.join(PROSE_KINDS)}; a "
                             "code cell or a blank is a ```{code-cell} fence)")
    unknown = [key for key in meta if key != "cell" and key not in PROSE_KINDS[kind]]
    if unknown:
        allowed = ", ".join(PROSE_KINDS[kind]) or "nothing but the kind"
        raise _Where(number, f"unknown key {unknown[0]!r} for a {kind} cell (it takes "
                             f"{allowed})")
    for key in ("slide", "deck", "part"):
        if key in meta and not isinstance(meta[key], str):
            raise _Where(number, f"{key} must be a text, got {meta[key]!r}")
    sections = _sections(number, lines)
    if kind == "settings":
        if sections:
            raise _Where(min(line for line, _ in sections.values()),
                         "a settings cell holds no text (its code is tools/nbsource.py's "
                         "settings(); a <!-- comment --> line may say so)")
        return settings(line=number)
    if not sections and kind == "md" and not meta:
        return None                                # blank lines between cells
    text = {name: value for name, (_, value) in sections.items()}
    allowed = SECTIONS if kind == "slide" else LANGS
    for name, (line, _) in sections.items():
        if name not in allowed:
            raise _Where(line, f"a {kind} cell has no <!-- {name} --> section")
    required = [] if kind == "after_class" and not sections else list(LANGS)
    if "notes es" in text or "notes en" in text:
        required += ["notes es", "notes en"]
    missing = [name for name in required if name not in text]
    if missing:
        raise _Where(number, f"the {kind} cell has no <!-- {missing[0]} --> section (it needs "
                             f"{' and '.join(f'<!-- {n} -->' for n in required)})")
    if kind == "md":
        return md(text["es"], text["en"], slide=meta.get("slide"), deck=meta.get("deck"),
                  line=number)
    if kind == "notes":
        return notes(text["es"], text["en"], deck=meta.get("deck"), line=number)
    if kind == "guide":
        if "part" not in meta:
            raise _Where(number, f"a guide cell says its part: +++ {{\"cell\": \"guide\", "
                                 f"\"part\": \"...\"}}, one of {', '.join(GUIDE_PARTS)}")
        return guide(meta["part"], text["es"], text["en"], line=number)
    if kind == "after_class":
        return after_class(text.get("es", ""), text.get("en", ""), slide=meta.get("slide"),
                           deck=meta.get("deck"), line=number)
    show = meta.get("show", [])
    if isinstance(show, str):
        show = [show]
    if not isinstance(show, list):
        raise _Where(number, f"show must be a name or a list of names, got {show!r}")
    excerpt = None
    if "code" in sections:
        excerpt = _slide_code(*sections["code"])
    return slide(text["es"], text["en"], show=tuple(show), code=excerpt,
                 notes_es=text.get("notes es", ""), notes_en=text.get("notes en", ""),
                 line=number)


def _slide_code(line, text):
    """The code of a slide's <!-- code --> section: one fenced block, ```python ... ```."""
    lines = text.split("\n")
    fence = re.match(r"^(`{3,})python$", lines[0])
    if not fence or lines[-1] != fence.group(1) or len(lines) < 2:
        raise _Where(line, "a slide's <!-- code --> section is one fenced block: ```python, "
                           "the code, ```")
    return "\n".join(lines[1:-1])
