"""Reveal.js decks of the lessons, built from the stored notebooks, that work offline.

    npm ci --prefix tools/slides        # once: the pinned reveal.js, MathJax, require.js, jQuery
    python tools/slides.py              # every lesson, both languages (same as `all`)
    python tools/slides.py es           # the Spanish lessons
    python tools/slides.py en 01 05     # English lessons 01 and 05

One deck per lesson and language: ``build/slides/<lang>/NN_name.slides.html`` (build/ is
git-ignored), and ``build/slides/index.html`` with links to all of them. Open a deck in a
browser from the file system, or serve the folder (``python -m http.server -d build/slides
-b 127.0.0.1 8000``, then http://127.0.0.1:8000/). Keys: arrows or space to move,
``s`` for the speaker view (the lesson's speaker notes, a clock, the next slide), ``f`` for
full screen, ``Esc`` for the overview.

How the decks are made:

- The lessons are found by name, ``notebooks/<lang>/[0-9][0-9]_*.ipynb``; each is converted
  by nbconvert's SlidesExporter (``--to slides``) from its STORED outputs, the ones nbval
  tests: nothing is executed. Cells with slide type "notes" become reveal's speaker notes,
  "skip" cells are left out. Input and output prompts are hidden. The images the markdown
  cells show (``../../img/*.png``) are embedded in the deck, so a deck does not depend on
  where the repository is.
- A deck is a lecture, not the notebook cut into slides. If the lesson's source has a slide
  layer (slide cells, tools/nbsource.py), the deck is that layer, slide by slide:
  the author's heading, bullets or formula, code excerpt, the outputs of the cells it shows
  (a code cell's option ``mark``, found by ``metadata["lstm_np"]["mark"]``; printed
  output up to SHOWN_LINES lines, since the author chose it) and its notes.
  Without one, the deck is the lesson's class period (everything before the markdown cell
  that starts with ``## Después de clase`` / ``## After class``) cut into pieces (a heading,
  prose, code, an output, a figure) and packed (``pack``) by the rules the back row needs,
  the ones the browser tests measure at 1280x720: at most WORDS words of prose and
  CODE_LINES lines of code on a slide, nothing taller than the slide (a figure shrinks to
  the room its slide leaves, never so far that its smallest text, as its PNG records it, is
  below FIGURE_TEXT_PX = 24 px; FIGURE_MIN px for a PNG without that record), no slide that
  is a lone caption (a caption goes with what it introduces, or joins the slide before, or
  gets its section's heading). Long prose is cut between paragraphs, list items, table rows
  or sentences; code longer than CODE_LINES stays in the notebook with a line saying so;
  what show_source prints is cut into parts of CODE_LINES lines, its docstrings to their
  first line; printed output to OUTPUT_LINES lines; a widget becomes a line pointing at the
  sampler page.
  ``deck="skip"`` leaves a cell out, ``deck="output"`` shows its outputs only, ``alt`` is
  its figure's description (the ``<img>``'s alt). Every slide is a slide of its own (no
  vertical stacks): → and ←, a clicker's PageDown and PageUp, visit them all in order.
- Speaker notes: a section's notes cells go on the section's first slide (the slide of its
  ``#``/``##`` heading), one notes block per slide; their maths is drawn as SVG when the deck
  is built (MathJax 3, pinned as "mathjax3", run by node): the speaker view copies the notes'
  HTML into a window where no MathJax runs. Emoji (which the machine's fonts may lack) are
  left out.
- Type for the back row (lstm_np_slides.css): prose 30 px, code 28 px, printed output and
  tables 24-26 px, maths at 115 %, headings as written (no capitals), lines broken between
  words only.
- Links: a lesson's ``NN_name.ipynb`` becomes ``NN_name.slides.html``, the README (the series'
  index) becomes ``build/slides/index.html``; the notebooks keep their own links.
- nbconvert takes reveal.js, require.js, MathJax 2 and jQuery from CDNs by default. Here
  they come from npm, pinned by ``tools/slides/package.json`` and its lock file, and are
  copied into ``build/slides/assets/`` (the decks point there by relative paths): a deck
  makes no request outside the folder. (axe-core, also pinned there, is used only by the
  browser tests.) nbconvert's reveal template also imports mermaid from a CDN on every page,
  with no setting for it: the template ``tools/slides/template/lstm_np_reveal`` (which extends
  ``reveal``) drops that script and the (unused) widget manager, sets MathJax without
  automatic line breaks, typesets the speaker notes (with MathJax's styles in the speaker
  view) and adds ``lstm_np_slides.css`` (code colours and slide number with a 4.5:1 contrast).
- Slides are 1280x720 (reveal's width and height), theme ``white`` (its font is in
  reveal.js itself; several other themes import web fonts), no transition. ``<html lang>``
  and ``<title>`` are in the deck's language.

The browser tests (``python -m pytest browser_tests``) build every deck in both languages and
step through them in Chromium with every request outside 127.0.0.1 blocked.
"""
import argparse
import json
import math
import re
import shutil
import sys
from pathlib import Path

import nbformat
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:                 # tools/ as a package: the lesson source format
    sys.path.insert(0, str(ROOT))
from tools.nbsource import SLIDE_CODE_LINES, SLIDE_WORDS, prose_words  # noqa: E402
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build" / "slides"
NODE = ROOT / "tools" / "slides"              # package.json, package-lock.json, template/
NODE_MODULES = NODE / "node_modules"
TEMPLATE_DIR = NODE / "template"
TEMPLATE = "lstm_np_reveal"
LANGS = ("es", "en")
LESSON_GLOB = "[0-9][0-9]_*.ipynb"

WIDTH, HEIGHT = 1280, 720
THEME = "white"
MATHJAX_CONFIG = "TeX-AMS_CHTML-full,Safe"     # what nbconvert's default MathJax URL asks for

# What the decks load, copied from node_modules into build/slides/assets/:
# (npm package, file or folder inside it, where it goes under assets/).
ASSETS = [
    ("reveal.js", "dist/reveal.js", "reveal.js/dist/reveal.js"),
    ("reveal.js", "dist/reveal.css", "reveal.js/dist/reveal.css"),
    ("reveal.js", f"dist/theme/{THEME}.css", f"reveal.js/dist/theme/{THEME}.css"),
    ("reveal.js", "dist/theme/fonts/source-sans-pro", "reveal.js/dist/theme/fonts/source-sans-pro"),
    ("reveal.js", "plugin/notes/notes.js", "reveal.js/plugin/notes/notes.js"),
    ("reveal.js", "LICENSE", "reveal.js/LICENSE"),
    ("requirejs", "require.js", "require.js"),
    ("jquery", "dist/jquery.min.js", "jquery.min.js"),
    ("jquery", "LICENSE.txt", "jquery.LICENSE.txt"),
    # MathJax 2 with the TeX input and the CommonHTML output (the config nbconvert names)
    ("mathjax", "MathJax.js", "mathjax/MathJax.js"),
    ("mathjax", "LICENSE", "mathjax/LICENSE"),
    ("mathjax", "config/TeX-AMS_CHTML-full.js", "mathjax/config/TeX-AMS_CHTML-full.js"),
    ("mathjax", "config/Safe.js", "mathjax/config/Safe.js"),
    ("mathjax", "extensions", "mathjax/extensions"),
    ("mathjax", "localization", "mathjax/localization"),
    ("mathjax", "jax/element", "mathjax/jax/element"),
    ("mathjax", "jax/input/TeX", "mathjax/jax/input/TeX"),
    ("mathjax", "jax/output/CommonHTML", "mathjax/jax/output/CommonHTML"),
    ("mathjax", "fonts/HTML-CSS/TeX/woff", "mathjax/fonts/HTML-CSS/TeX/woff"),
    ("mathjax", "fonts/HTML-CSS/TeX/otf", "mathjax/fonts/HTML-CSS/TeX/otf"),
]

NPM_HINT = "run `npm ci --prefix tools/slides` (the versions of tools/slides/package-lock.json)"


class SlidesError(Exception):
    """Something the user can fix: one line on stderr, exit status 2."""


# --- lessons -------------------------------------------------------------------------------

def lessons(lang, numbers=()):
    """The complete lessons of a language, notebooks/<lang>/NN_name.ipynb, in order.

    `numbers` ("01", "5", ...) keeps only those lessons; a number with no lesson is an error.
    """
    found = sorted((NOTEBOOKS / lang).glob(LESSON_GLOB))
    if not numbers:
        return found
    wanted = {f"{int(n):02d}" for n in numbers}
    chosen = [p for p in found if p.name[:2] in wanted]
    missing = wanted - {p.name[:2] for p in chosen}
    if missing:
        raise SlidesError(f"no lesson {', '.join(sorted(missing))} in notebooks/{lang}/ "
                          f"(found: {', '.join(p.name for p in found) or 'none'})")
    return chosen


def lesson_title(nb):
    """The first heading of the first markdown cell ("01 · Forward propagation: ...")."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                match = re.match(r"#+\s+(.*\S)", line)
                if match:
                    return match.group(1)
            break
    return None


def deck_path(notebook, lang, build=BUILD):
    """build/slides/<lang>/NN_name.slides.html for notebooks/<lang>/NN_name.ipynb."""
    return build / lang / f"{notebook.stem}.slides.html"


# --- assets ------------------------------------------------------------------------------------

def pinned_versions():
    """{npm package: version} from tools/slides/package.json (exact versions only)."""
    return json.loads((NODE / "package.json").read_text())["dependencies"]


def check_node_modules():
    """node_modules holds exactly the pinned versions, or SlidesError says what to run."""
    for package, version in pinned_versions().items():
        manifest = NODE_MODULES / package / "package.json"
        if not manifest.exists():
            raise SlidesError(f"{package} is not installed in {NODE_MODULES}: {NPM_HINT}")
        installed = json.loads(manifest.read_text())["version"]
        if installed != version.rpartition("@")[2]:          # "npm:mathjax@3.2.2": an alias
            raise SlidesError(f"{package} {installed} is installed, package.json pins "
                              f"{version}: {NPM_HINT}")


def copy_assets(build=BUILD):
    """Copy the pinned files the decks load into build/slides/assets/."""
    check_node_modules()
    assets = build / "assets"
    for package, source, target in ASSETS:
        src, dst = NODE_MODULES / package / source, assets / target
        if not src.exists():
            raise SlidesError(f"{src} is missing: {NPM_HINT}")
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dst)
    (assets / "VERSIONS.txt").write_text(
        "".join(f"{p} {v}\n" for p, v in sorted(pinned_versions().items())))
    return assets


# --- decks -------------------------------------------------------------------------------------

def exporter(lang):
    """nbconvert's SlidesExporter, pointed at ../assets/ and at the lstm_np_reveal template."""
    from nbconvert import SlidesExporter

    c = Config()
    s = c.SlidesExporter
    s.extra_template_basedirs = [str(TEMPLATE_DIR)]
    s.template_name = TEMPLATE
    s.reveal_url_prefix = "../assets/reveal.js"
    s.reveal_theme = THEME
    s.reveal_transition = "none"
    s.reveal_width, s.reveal_height = str(WIDTH), str(HEIGHT)
    s.reveal_number = "c/t"
    s.require_js_url = "../assets/require.js"
    s.jquery_url = "../assets/jquery.min.js"
    s.mathjax_url = f"../assets/mathjax/MathJax.js?config={MATHJAX_CONFIG}"
    s.embed_images = True
    s.exclude_input_prompt = True
    s.exclude_output_prompt = True
    s.language_code = lang
    return SlidesExporter(config=c)


MARKDOWN_IMAGE = re.compile(r"(!\[[^\]]*\]\()([^)\s]+)")


def images_from_root(source, folder):
    """Markdown image links relative to `folder` rewritten relative to the repository's root.

    nbconvert embeds (embed_images) only the files under the folder it is given; the lessons
    show ../../img/*.png, so the deck is made with the root as that folder.
    """
    def rewrite(match):
        link = match.group(2)
        if re.match(r"[a-z][a-z0-9+.-]*:", link, re.I) or link.startswith("/"):
            return match.group(0)               # a URL, data: or attachment:
        target = (folder / link).resolve()
        if not target.is_file() or not target.is_relative_to(ROOT):
            raise SlidesError(f"the image {link!r} in {folder} is not a file of the repository")
        return match.group(1) + target.relative_to(ROOT).as_posix()
    return MARKDOWN_IMAGE.sub(rewrite, source)


# What a deck says in place of what it leaves in the notebook (a cell with deck="output" shows
# its outputs only; a widget cannot run in a static deck).
CODE_POINTER = {"es": "El código de esta celda está en el cuaderno {notebook}.",
                "en": "The code of this cell is in the notebook {notebook}."}
WIDGET_POINTER = {"es": "Los controles se mueven en la página del muestreador "
                        "(voila notebooks/app/sampler_es.ipynb).",
                  "en": "The controls move on the sampler page "
                        "(voila notebooks/app/sampler_en.ipynb)."}
TITLE_SUFFIX = {"es": "diapositivas", "en": "slides"}
WIDGET_REPR = re.compile(r"^[A-Za-z]+\(children=\(")

# Links between lessons: notebook -> deck; the README (the series' index) -> the decks' index.
LESSON_LINK = re.compile(r"\]\((\d\d_[A-Za-z0-9_]+)\.ipynb\)")
INDEX_LINK = re.compile(r"\]\((?:\.\./)+README\.md\)")


def deck_links(source):
    """A markdown cell's links as they must be in build/slides/<lang>/: `NN_name.ipynb` ->
    `NN_name.slides.html`, the README -> `../index.html` (the notebooks keep theirs)."""
    source = LESSON_LINK.sub(r"](\1.slides.html)", source)
    return INDEX_LINK.sub("](../index.html)", source)


PYTHON_FENCE = re.compile(r"^(`{3,})python\n(.*)\n\1\s*$", re.S)


def short_docstrings(source):
    """Python source with every docstring of more than one line cut to its first line.

    What show_source prints on a slide: the maths and the shapes of a docstring are in the
    notebook; on a 1280x720 slide the code must fit.
    """
    import io
    import tokenize
    lines = source.split("\n")
    cuts, previous = [], tokenize.NEWLINE
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source + "\n").readline):
            if (tok.type == tokenize.STRING and tok.start[0] != tok.end[0]
                    and previous in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)):
                cuts.append((tok.start, tok.end, tok.string))
            if tok.type not in (tokenize.COMMENT, tokenize.NL):
                previous = tok.type
    except (tokenize.TokenError, SyntaxError):
        return source
    for (r0, c0), (r1, c1), string in reversed(cuts):
        quote = '"""' if string.rstrip().endswith('"""') else "'''"
        first = string.split("\n")[0].rstrip()
        lines[r0 - 1:r1] = [lines[r0 - 1][:c0] + first + " […]" + quote + lines[r1 - 1][c1:]]
    return "\n".join(lines)


def _pointer(text):
    return nbformat.v4.new_output(
        "display_data", data={"text/html": f'<p class="lstm-np-pointer">{text}</p>',
                              "text/plain": text})


# --- a lecture, not the notebook cut into slides -------------------------------------------
# The rules of a slide for the back row (what the browser tests measure at 1280x720):
WORDS = SLIDE_WORDS         # words of prose on a slide, at most (headings and pointers count)
CODE_LINES = SLIDE_CODE_LINES   # lines of code on a slide, at most
OUTPUT_LINES = 12           # printed lines a slide shows of one output (the rest: the notebook)
SHOWN_LINES = SLIDE_CODE_LINES  # ... of an output an author's slide shows (chosen, so up to 15)
CAPTION_WORDS = 25          # a slide of prose alone, without a heading, must say more than this

# How tall things are (CSS px, the sizes of lstm_np_slides.css; the browser tests check the
# result). A slide of 720 px keeps ROOM for its content.
ROOM = 640
PROSE = {"chars": 72, "line": 40, "gap": 16}       # 30 px text: characters per line, px
CODE = {"chars": 70, "line": 36, "pad": 24}        # 28 px code
OUTPUT = {"chars": 84, "line": 31, "pad": 16}      # 24 px printed output
HEADING = {1: 120, 2: 75, 3: 64, 4: 56}            # h1 may take two lines
MATHS_LINE = 70
MATHS_CHARS = 90
TABLE_ROW = 46
FIGURE_MIN = 330            # a figure is shrunk to the room left, never below this
FIGURE_WIDTH = 1240
FIGURE_TEXT_PX = 24         # nor below the size that shows its smallest text at this height

# The part of a lesson after the class: from this heading on, nothing goes into the deck.
AFTER_CLASS = ("## Después de clase", "## After class")
NEXT_LESSON = re.compile(r"^\*\*(Siguiente lección|Next lesson|Fin de la serie|End of the "
                         r"series)[.:]?\*\*")
# Glyphs a projector's machine may not have (emoji, their joiners): left out of a deck.
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u200d\ufe0f]")
NOTES_HEADING = re.compile(r"^\W*\*\*(Notas para el docente|Teacher's notes)\*\*\s*", re.S)
LONG_CODE = {"es": "El código ({n} líneas) está en el cuaderno {notebook}.",
             "en": "The code ({n} lines) is in the notebook {notebook}."}
MORE_LINES = {"es": "… y {n} líneas más en el cuaderno.",
              "en": "… and {n} more lines in the notebook."}
CONTINUED = {"es": " (sigue)", "en": " (continued)"}


class Piece:
    """One thing on a slide: a heading, some prose, code, an output, a figure, a pointer.

    kind: "heading" | "prose" | "code" | "output" | "figure"; `cell` is the nbformat cell
    that shows it; words and code lines count against the slide's limits; height is an
    estimate (a figure's is what it takes at full width; it shrinks to `least`, the height
    at which its smallest text is FIGURE_TEXT_PX high, or to FIGURE_MIN if its PNG does not
    record its text's size).
    """

    def __init__(self, kind, cell, words=0, code=0, height=0.0, level=None, lone=False,
                 least=None):
        self.kind, self.cell, self.words, self.code = kind, cell, words, code
        self.height, self.level, self.lone = height, level, lone
        self.least = least

    def min_height(self):
        if self.kind != "figure":
            return self.height
        return self.least if self.least is not None else min(self.height, FIGURE_MIN)

    def __repr__(self):
        return f"Piece({self.kind}, words={self.words}, code={self.code}, h={self.height:.0f})"


class Slide:
    """The pieces on one slide and the speaker notes that talk about it."""

    def __init__(self):
        self.pieces, self.notes = [], []
        self.heading = None         # the heading piece of the section it continues

    @property
    def words(self):
        return sum(p.words for p in self.pieces)

    @property
    def code(self):
        return sum(p.code for p in self.pieces)

    @property
    def height(self):
        return sum(p.min_height() for p in self.pieces)

    def fits(self, piece):
        return (self.words + piece.words <= WORDS and self.code + piece.code <= CODE_LINES
                and self.height + piece.min_height() <= ROOM)

    def is_caption(self):
        """Prose alone, short, without a heading or a formula: a caption whose figure is
        elsewhere."""
        return (self.pieces and all(p.kind == "prose" for p in self.pieces)
                and self.words <= CAPTION_WORDS
                and not any("$$" in p.cell.get("source", "") for p in self.pieces))


def _wrapped(text, chars):
    lines = text.rstrip("\n").split("\n")
    return sum(max(1, math.ceil(len(line) / chars)) for line in lines)


def _markdown_cell(text, like=None):
    cell = nbformat.v4.new_markdown_cell(text)
    if like is not None:
        cell.metadata = {k: v for k, v in like.metadata.items() if k == "lstm_np"}
    return cell


def _maths_lines(tex):
    """Lines a display formula takes: its rows, or more where MathJax breaks a long one at
    the slide's width (about MATHS_CHARS characters of TeX a line)."""
    return max(1, tex.count("\\\\") + 1, math.ceil(len(tex) / MATHS_CHARS))


def _prose_height(block):
    """Rough height of one markdown block (a paragraph, a list, a formula, a table...)."""
    stripped = block.strip()
    if stripped.startswith(("$$", "\\[")):
        return 24 + MATHS_LINE * _maths_lines(stripped)
    if stripped.startswith("|"):
        rows = [line for line in stripped.split("\n") if line.strip().startswith("|")][2:]
        # a row with maths is taller: MathJax breaks a formula in a cell, and a row with two
        # or more formulas (four $) breaks in several places (measured: 01's shape table)
        return (TABLE_ROW * (1 + sum(3 if row.count("$") >= 4 else 2 if "$" in row else 1
                                     for row in rows))
                + PROSE["gap"])
    if stripped.startswith("```"):
        return CODE["pad"] + CODE["line"] * _wrapped("\n".join(stripped.split("\n")[1:-1]),
                                                      CODE["chars"])
    height = 0.0
    formulas = re.findall(r"\$\$.*?\$\$", stripped, flags=re.S)     # display maths in a list
    height += sum(24 + MATHS_LINE * _maths_lines(f) for f in formulas)
    stripped = re.sub(r"\$\$.*?\$\$", " ", stripped, flags=re.S)
    items = re.split(r"\n(?=\s*(?:[-*+]|\d+\.)\s)", stripped)
    for item in items:
        words = re.sub(r"\$[^$]*\$", "xxxxx", " ".join(item.split()))
        words = re.sub(r"\]\([^)]*\)", "]", words)
        height += PROSE["line"] * max(1, math.ceil(len(words) / PROSE["chars"]))
    return height + PROSE["gap"]


def _blocks(text):
    """Markdown split at blank lines, a fenced code block or a $$ formula kept whole."""
    blocks, current, fence = [], [], None
    for line in text.strip().split("\n"):
        stripped = line.strip()
        if fence is None and not stripped:
            if current:
                blocks.append("\n".join(current))
            current = []
            continue
        current.append(line)
        if stripped.startswith("```"):
            fence = None if fence else "```"
        elif stripped.count("$$") % 2:
            fence = None if fence else "$$"
    if current:
        blocks.append("\n".join(current))
    return blocks


def _sentences(block, limit):
    """A paragraph (or a quote) of more than `limit` words as several, cut between
    sentences; a sentence longer than the limit is cut between words (never inside maths)."""
    quote = block.lstrip().startswith(">")
    text = re.sub(r"^\s*> ?", "", block, flags=re.M) if quote else block
    text = " ".join(text.split())
    sentences = []
    for sentence in re.split(r"(?<=[.!?:;)])\s+(?=[A-ZÁÉÍÓÚÑ¿¡*`(\[$])", text):
        if prose_words(sentence) <= limit:
            sentences.append(sentence)
            continue
        sentences += _joined(re.findall(r"\$\$.*?\$\$\S*|\$[^$]*\$\S*|\S+", sentence), limit)
    return ["> " + p if quote else p for p in _joined(sentences, limit)]


def _joined(pieces, limit):
    """`pieces` joined by spaces, in order, into as few texts of at most `limit` words as
    a greedy cut gives (a piece longer than the limit stays whole)."""
    parts, current = [], []
    for piece in pieces:
        if current and prose_words(" ".join(current + [piece])) > limit:
            parts.append(" ".join(current))
            current = []
        current.append(piece)
    parts.append(" ".join(current))
    return parts


def _list_chunks(block, limit):
    """A list of more than `limit` words as several lists, cut between items."""
    items = []
    for item in re.split(r"\n(?=(?:[-*+]|\d+\.)\s)", block):
        if prose_words(item) <= limit:
            items.append(item)
            continue
        marker = re.match(r"\s*(?:[-*+]|\d+\.)\s+", item).group(0)
        parts = _sentences(item[len(marker):], limit)       # the item's text, over slides
        items += [marker + parts[0]] + parts[1:]
    chunks, current = [], []
    for item in items:
        joined = "\n".join(current + [item])
        if current and (prose_words(joined) > limit
                        or _prose_height(joined) > ROOM - HEADING[2]):
            chunks.append("\n".join(current))
            current = []
        current.append(item)
    chunks.append("\n".join(current))
    return chunks


def _table_chunks(block, limit):
    """A table of more than `limit` words as several, each with the header rows."""
    rows = block.strip().split("\n")
    head, body = rows[:2], rows[2:]
    chunks, current = [], []
    for row in body:
        joined = "\n".join(head + current + [row])
        if current and (prose_words(joined) > limit
                        or _prose_height(joined) > ROOM - HEADING[2]):
            chunks.append("\n".join(head + current))
            current = []
        current.append(row)
    chunks.append("\n".join(head + current))
    return chunks


IMAGE_BLOCK = re.compile(r"^\s*!\[([^\]]*)\]\(([^)\s]+)\)\s*$")


def _image_piece(alt, link, lang):
    """A markdown image (a file of the repository) as a figure piece with the image inline."""
    import base64
    import html
    path = ROOT / link
    raw = path.read_bytes()
    uri = "data:image/png;base64," + base64.b64encode(raw).decode()
    tag = f'<img alt="{html.escape(alt)}" src="{uri}">'
    return _figure(_markdown_cell(tag), raw)


def png_text_size(raw):
    """(width, height, px): a PNG's size and how many pixels high its smallest text is, from
    the tEXt chunks "lstm_np.smallest_font_pt" and "lstm_np.dpi" that lstm_np.lessons.plots
    and img/draw_diagrams.py write (px is None if the PNG does not record them)."""
    import struct
    import zlib
    width, height = struct.unpack(">II", raw[16:24])
    texts, i = {}, 8
    while i + 8 <= len(raw):
        length, kind = struct.unpack(">I4s", raw[i:i + 8])
        data = raw[i + 8:i + 8 + length]
        if kind in (b"tEXt", b"zTXt"):
            key, _, value = data.partition(b"\0")
            value = zlib.decompress(value[1:]) if kind == b"zTXt" else value
            texts[key.decode("latin-1")] = value.decode("latin-1")
        if kind == b"IDAT":
            break                                 # matplotlib writes its text chunks first
        i += 12 + length
    try:
        px = float(texts["lstm_np.smallest_font_pt"]) * float(texts["lstm_np.dpi"]) / 72
    except (KeyError, ValueError):
        px = None
    return width, height, px


def _figure(cell, raw):
    """A figure piece of the PNG `raw`: as tall as it shows at full width, shrinkable to the
    height that keeps its smallest text FIGURE_TEXT_PX high (never below that). A picture
    whose text is below that size even at full width (or that does not say) shrinks to
    FIGURE_MIN, as it always did: the browser tests name it."""
    width, height, px = png_text_size(raw)
    full = height * min(1.0, FIGURE_WIDTH / width)
    least = None if px is None else height * FIGURE_TEXT_PX / px
    return Piece("figure", cell, height=full + 10,
                 least=least + 10 if least is not None and least <= full else None)


def markdown_pieces(cell, lang):
    """A markdown cell as pieces: its heading, then its prose in parts of at most WORDS
    words (cut between paragraphs, list items, table rows or sentences), its images."""
    pieces = []
    for block in _blocks(cell.source):
        heading = re.match(r"(#{1,6})\s+(.*)", block)
        if heading:
            line, _, block = block.partition("\n")
            level = len(heading.group(1))
            pieces.append(Piece("heading", _markdown_cell(line, cell), prose_words(line),
                                height=HEADING.get(level, 56), level=level))
            if not block.strip():
                continue
        image = IMAGE_BLOCK.match(block)
        if image:
            pieces.append(_image_piece(image.group(1), image.group(2), lang))
            continue
        words = prose_words(block)
        is_list = re.match(r"\s*(?:[-*+]|\d+\.)\s", block)
        if is_list and _prose_height(block) > ROOM - HEADING[2]:
            parts = _list_chunks(block, WORDS)                # a list too tall: by height
        elif block.lstrip().startswith("|") and _prose_height(block) > ROOM - HEADING[2]:
            parts = _table_chunks(block, WORDS)               # a table too tall: by rows
        elif words <= WORDS or block.lstrip().startswith(("```", "$$", "\\[")):
            parts = [block]
        elif block.lstrip().startswith("|"):
            parts = _table_chunks(block, WORDS)
        elif re.match(r"\s*(?:[-*+]|\d+\.)\s", block):
            parts = _list_chunks(block, WORDS)
        else:
            parts = _sentences(block, WORDS)
        for part in parts:
            if part.lstrip().startswith("```"):
                lines = len(part.strip().split("\n")) - 2
                pieces.append(Piece("code", _markdown_cell(part, cell), code=lines,
                                    height=_prose_height(part)))
            else:
                pieces.append(Piece("prose", _markdown_cell(part, cell), prose_words(part),
                                    height=_prose_height(part)))
    # consecutive prose of one cell stays together while it is short enough
    merged = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if (last is not None and last.kind == piece.kind == "prose"
                and last.words + piece.words <= WORDS
                and last.height + piece.height <= ROOM - HEADING[2]):
            last.cell.source += "\n\n" + piece.cell.source
            last.words += piece.words
            last.height += piece.height
        else:
            merged.append(piece)
    return merged


def _output_cell(cell, outputs):
    """A code cell showing only `outputs` (its code hidden)."""
    import copy
    new = copy.deepcopy(cell)
    new.outputs = outputs
    new.metadata["transient"] = {"remove_source": True}
    return new


def _pointer_piece(text, cell):
    new = _output_cell(cell, [_pointer(text)])
    return Piece("prose", new, prose_words(re.sub(r"<[^>]+>", " ", text)),
                 height=PROSE["line"] * max(1, math.ceil(len(text) / PROSE["chars"])) + 10)


def _code_chunks(code, limit=CODE_LINES):
    """Code of more than `limit` lines as it shows on the slide (a line longer than
    CODE["chars"] wraps, and counts as the lines it takes) as parts of at most `limit`, cut
    at a blank line or before a statement at an indentation of at most one level."""
    lines = code.split("\n")
    chunks = []
    while _wrapped("\n".join(lines), CODE["chars"]) > limit:
        fits, shown = 0, 0
        for line in lines:
            shown += max(1, math.ceil(len(line) / CODE["chars"]))
            if shown > limit:
                break
            fits += 1
        cut = max(1, fits)
        for i in range(fits, max(1, fits // 2), -1):
            if i < len(lines) and (not lines[i].strip() or (
                    len(lines[i]) - len(lines[i].lstrip()) <= 4
                    and not lines[i - 1].rstrip().endswith((",", "(", "[", "{", "\\"))
                    and not lines[i].lstrip().startswith((")", "]", "}")))):
                cut = i
                break
        chunks.append("\n".join(lines[:cut]).rstrip("\n"))
        lines = lines[cut:]
        while lines and not lines[0].strip():
            lines = lines[1:]
    if lines:
        chunks.append("\n".join(lines))
    return chunks


def code_pieces(cell, name, lang, output_lines=OUTPUT_LINES):
    """A code cell as pieces: its code (or a pointer to the notebook when it is longer than
    CODE_LINES or marked deck="output"), then each output: printed text (at most
    output_lines lines), a figure, the package's code that show_source prints (docstrings
    cut, in parts of at most CODE_LINES), a widget as a pointer to the sampler page."""
    import copy
    deck = cell.metadata.get("lstm_np", {}).get("deck")
    notebook = f"<code>{name}.ipynb</code>"
    pieces = []
    lines = cell.source.strip("\n").split("\n") if cell.source.strip() else []
    if cell.metadata.get("transient", {}).get("remove_source"):
        pass                                       # its outputs only (a slide shows them)
    elif deck == "output":
        pieces.append(_pointer_piece(CODE_POINTER[lang].format(notebook=notebook), cell))
    elif _wrapped(cell.source, CODE["chars"]) > CODE_LINES:
        pieces.append(_pointer_piece(LONG_CODE[lang].format(n=len(lines), notebook=notebook),
                                     cell))
    elif lines:
        new = copy.deepcopy(cell)
        new.outputs = []
        pieces.append(Piece("code", new, code=len(lines),
                            height=CODE["pad"] + CODE["line"] * _wrapped(cell.source,
                                                                         CODE["chars"])))
    for output in cell.outputs:
        data = output.get("data", {})
        plain = data.get("text/plain", "")
        plain = "".join(plain) if isinstance(plain, list) else plain
        if WIDGET_REPR.match(plain):
            pieces.append(_pointer_piece(WIDGET_POINTER[lang], cell))
        elif "image/png" in data:
            pieces.append(_figure_piece(cell, output))
        elif output.get("output_type") == "stream" or (
                "text/plain" in data and not {"text/markdown", "text/html"} & set(data)):
            pieces.append(_text_piece(cell, output, lang, output_lines))
        elif "text/markdown" in data:
            text = "".join(data["text/markdown"])
            fenced = PYTHON_FENCE.match(text)
            if fenced:
                fence, code = fenced.groups()
                for chunk in _code_chunks(short_docstrings(code)):
                    part = copy.deepcopy(output)
                    part["data"]["text/markdown"] = f"{fence}python\n{chunk}\n{fence}"
                    n = chunk.count("\n") + 1
                    pieces.append(Piece("code", _output_cell(cell, [part]), code=n,
                                        height=CODE["pad"] + CODE["line"]
                                        * _wrapped(chunk, CODE["chars"])))
            else:
                pieces.append(Piece("prose", _output_cell(cell, [output]), prose_words(text),
                                    height=sum(_prose_height(b) for b in _blocks(text))))
        elif "text/html" in data:
            html_text = "".join(data["text/html"])
            rows = html_text.count("<tr") + html_text.count("<p") + html_text.count("<br")
            pieces.append(Piece("output", _output_cell(cell, [output]),
                                height=30 + TABLE_ROW * max(1, rows)))
    return pieces


def _text_piece(cell, output, lang, output_lines=OUTPUT_LINES):
    """Printed text: at most `output_lines` lines of it, then a line saying how many more."""
    import copy
    output = copy.deepcopy(output)
    key = None if output.get("output_type") == "stream" else "text/plain"
    text = output["text"] if key is None else output["data"][key]
    text = EMOJI.sub("", "".join(text) if isinstance(text, list) else text)
    lines = text.rstrip("\n").split("\n")
    if len(lines) > output_lines:
        kept = output_lines - 1
        lines = lines[:kept] + [MORE_LINES[lang].format(n=len(lines) - kept)]
    text = "\n".join(lines) + "\n"
    if key is None:
        output["text"] = text
    else:
        output["data"][key] = text
    return Piece("output", _output_cell(cell, [output]),
                 height=OUTPUT["pad"] + OUTPUT["line"] * _wrapped(text, OUTPUT["chars"]))


def _figure_piece(cell, output):
    """A figure as an <img> whose height the slide sets (figure_sizes)."""
    import base64
    data = output["data"]["image/png"]
    data = "".join(data) if isinstance(data, list) else data
    return _figure(_output_cell(cell, [output]), base64.b64decode(data))


def lecture(nb):
    """The cells of the lesson's class period: up to the after-class heading (left out with
    all that follows it), then the link to the next lesson if the notebook ends with one."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.strip().startswith(AFTER_CLASS):
            break
        cells.append(cell)
    last = nb.cells[-1] if nb.cells else None
    if (last is not None and last.cell_type == "markdown"
            and NEXT_LESSON.match(last.source.strip())):
        if last in cells:
            cells.remove(last)
        cells.append(closing_slide(last))
    return cells


def closing_slide(cell):
    """The notebook's last cell, "**Next lesson:** [title](file)", as a slide of its own
    with a heading (a link alone would be a lone caption)."""
    match = NEXT_LESSON.match(cell.source.strip())
    rest = cell.source.strip()[match.end():].strip()
    return nbformat.from_dict({**cell, "source": f"## {match.group(1)}\n\n{rest}"})


def lecture_pieces(nb, name, lang):
    """The pieces of a lesson without a slide layer, in order, each with what it is; notes
    cells as ("notes", text), the slides' breaks as ("break", level)."""
    out = []
    for cell in lecture(nb):
        deck = cell.metadata.get("lstm_np", {}).get("deck")
        kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if kind == "skip" or deck == "skip" or (deck == "output" and cell.cell_type != "code"):
            continue
        if kind == "notes":
            out.append(("notes", cell.source))
            continue
        if cell.cell_type == "markdown":
            source = deck_links(cell.source)
            cell = nbformat.from_dict({**cell, "source": EMOJI.sub("", source)})
            out += markdown_pieces(cell, lang)
        elif cell.cell_type == "code":
            out += code_pieces(cell, name, lang)
    return out


def pack(pieces, lang):
    """The pieces as slides, in order.

    A heading of level 1-3 opens a slide. Otherwise a piece goes on the current slide while
    the slide stays within WORDS, CODE_LINES and ROOM (a figure shrinks to the room left, not
    below FIGURE_MIN); else it opens a slide, taking with it the short prose just before it
    (its caption) so that no slide is a lone caption. Notes go on the first slide of their
    section (the slide of its "#"/"##" heading), where the teacher starts talking about it.
    A final short slide (the link to the next lesson) joins the slide before it if it fits.
    """
    slides, section, heading = [], None, None
    for piece in pieces:
        if piece.__class__ is Piece and piece.kind == "heading" and piece.level <= 3:
            heading = piece
        if isinstance(piece, tuple):
            target = section or (slides[-1] if slides else None)
            if target is None:
                target = Slide()
                slides.append(target)
            target.notes.append(piece[1])
            continue
        current = slides[-1] if slides else None
        if piece.kind == "heading" and piece.level <= 3 or current is None:
            current = Slide()
            slides.append(current)
            if piece.kind == "heading" and piece.level <= 2:
                section = current
        elif not current.fits(piece):
            carry = []
            while (current.pieces and current.pieces[-1].kind == "prose"
                   and sum(p.words for p in carry) + current.pieces[-1].words <= CAPTION_WORDS
                   and len(current.pieces) > 1):
                carry.insert(0, current.pieces.pop())
            following = Slide()
            following.heading = heading
            following.pieces = carry
            if carry and not following.fits(piece):
                current.pieces += carry
                following.pieces = []
            slides.append(following)
            current = following
        current.pieces.append(piece)
    return without_captions(slides, lang)


def without_captions(slides, lang):
    """No slide left as a lone caption: its prose joins the next slide, or the one before,
    if it fits there; else the slide gets its section's heading, marked as continued."""
    out = []
    for i, slide in enumerate(slides):
        if not slide.is_caption():
            out.append(slide)
            continue
        after = slides[i + 1] if i + 1 < len(slides) else None
        if after is not None and not (after.pieces and after.pieces[0].kind == "heading"):
            trial = Slide()
            trial.pieces = list(slide.pieces)
            for piece in after.pieces:
                if not trial.fits(piece):
                    break
                trial.pieces.append(piece)
            else:
                after.pieces = slide.pieces + after.pieces
                after.notes = slide.notes + after.notes
                continue
        before = out[-1] if out else None
        if before is not None and all(before.fits(p) for p in slide.pieces):
            before.pieces += slide.pieces
            before.notes += slide.notes
            continue
        if slide.heading is not None:
            again = _markdown_cell(slide.heading.cell.source.rstrip()
                                   + CONTINUED[lang])
            slide.pieces.insert(0, Piece("heading", again, slide.heading.words + 1,
                                         height=slide.heading.height, level=3))
        out.append(slide)
    return out


def figure_sizes(slide):
    """Each figure of the slide as tall as the room left allows (shared among figures)."""
    figures = [p for p in slide.pieces if p.kind == "figure"]
    if not figures:
        return
    room = ROOM - sum(p.height for p in slide.pieces if p.kind != "figure")
    share = room / len(figures)
    for piece in figures:
        height = int(max(piece.min_height(), min(piece.height, share)) - 10)
        style = f"max-height: {height}px"
        for output in piece.cell.get("outputs", []):
            output.setdefault("metadata", {})["lstm_np_style"] = style
        if piece.cell.cell_type == "markdown":
            piece.cell.source = piece.cell.source.replace("<img ", f'<img style="{style}" ', 1)


def notes_cell(notes, lang):
    """The speaker notes of one slide as one notes cell (reveal shows the first aside only),
    without the notebook's heading; their maths is drawn by typeset_notes."""
    parts = [NOTES_HEADING.sub("", EMOJI.sub("", text)).strip() for text in notes]
    cell = nbformat.v4.new_markdown_cell("\n\n".join(p for p in parts if p))
    cell.metadata["slideshow"] = {"slide_type": "notes"}
    return cell


def slide_cells(slides, lang):
    """The cells of the deck: each slide's first cell opens a slide (no vertical stacks: the
    arrow keys and a clicker's PageDown visit every slide in order), its notes last."""
    cells = []
    for slide in slides:
        figure_sizes(slide)
        for i, piece in enumerate(slide.pieces):
            piece.cell.metadata["slideshow"] = {"slide_type": "slide" if i == 0 else "-"}
            cells.append(piece.cell)
        if slide.notes:
            note = notes_cell(slide.notes, lang)
            if not slide.pieces:
                note.metadata["slideshow"] = {"slide_type": "slide"}
            cells.append(note)
    for i, cell in enumerate(cells):
        cell["id"] = f"d{i}"
    return cells


# --- the slide layer: the slides an author wrote in the lesson's source -----------------------

def slide_layer(notebook):
    """The cells of the lesson's source (notebooks/source/<stem>.md) if it has a slide
    layer (a slide() cell), else []."""
    from tools.nbsource import SlideText, load_source
    source = ROOT / "notebooks" / "source" / f"{notebook.stem}.md"
    if not source.exists():
        return []
    cells = load_source(source)
    return cells if any(isinstance(c, SlideText) for c in cells) else []


def authored_pieces(cells, nb, name, lang, folder=None):
    """The pieces of a deck the author wrote, from the cells of the lesson's source: per
    slide() cell, its text, its code excerpt, the outputs of the cells it shows (marked in
    the source, metadata lstm_np.mark in the stored notebook), its own notes; a notes() cell
    goes on the first slide of its section (else on the slide before it; before any slide,
    on the first); nothing after the after-class heading; then the link to the next lesson."""
    from tools.nbsource import Markdown, Notes, SlideText
    marked = {c.metadata.get("lstm_np", {}).get("mark"): c for c in nb.cells
              if c.cell_type == "code" and c.metadata.get("lstm_np", {}).get("mark")}
    pieces, slides, section_first, early = [], 0, None, []
    for source in cells:
        if isinstance(source, Markdown):
            text = source.text[lang].strip()
            if text.startswith(AFTER_CLASS):
                break
            if any(re.match(r"#{1,2}\s", line) for line in text.split("\n")):
                section_first = None
            continue
        if isinstance(source, Notes):
            if slides:
                target = section_first if section_first is not None else slides - 1
                pieces.append(("notes", source.text[lang], target))
            else:                                   # before the first slide: on the first
                early.append(source.text[lang])
            continue
        if not isinstance(source, SlideText):
            continue
        missing = [m for m in source.show if m not in marked]
        if missing:
            raise SlidesError(f"{name}: a slide shows {missing}, which no code cell of the "
                              f"stored notebook marks (a code cell's option mark)")
        text = deck_links(source.text[lang])
        if folder is not None:
            text = images_from_root(text, folder)
        first = markdown_pieces(nbformat.v4.new_markdown_cell(text), lang)
        pieces.append(("break", None))
        if section_first is None:
            section_first = slides
        slides += 1
        pieces += first
        pieces += [("notes", text, 0) for text in early]
        early = []
        if source.code:
            cell = nbformat.v4.new_code_cell(source.code)
            pieces.append(Piece("code", cell, code=source.code.count("\n") + 1,
                                height=CODE["pad"] + CODE["line"]
                                * _wrapped(source.code, CODE["chars"])))
        for mark in source.show:
            cell = marked[mark]
            pieces += [p for p in code_pieces(_output_cell(cell, cell.outputs), name, lang,
                                              SHOWN_LINES)
                       if p.kind in ("figure", "output", "code")]
        if source.notes[lang]:
            pieces.append(("notes", source.notes[lang], slides - 1))
    last = nb.cells[-1] if nb.cells else None
    if last is not None and last.cell_type == "markdown" and NEXT_LESSON.match(last.source):
        closing = closing_slide(last)
        pieces.append(("break", None))
        pieces += markdown_pieces(nbformat.from_dict({**closing, "source": deck_links(
            closing.source)}), lang)
    return pieces


def pack_authored(pieces):
    """Slides as the author wrote them: one per slide() cell, the notes on the slide they
    name. The checks of the source keep each within the limits; a figure shrinks to the room
    its text leaves."""
    slides, notes = [], []
    for piece in pieces:
        if isinstance(piece, tuple):
            if piece[0] == "break":
                slides.append(Slide())
            else:
                notes.append(piece[1:])
            continue
        if not slides:
            slides.append(Slide())
        slides[-1].pieces.append(piece)
    for text, index in notes:
        slides[index].notes.append(text)
    return [s for s in slides if s.pieces or s.notes]


# --- the maths of the speaker notes, drawn once when the deck is built -------------------------

TEX = re.compile(r"\$\$(.+?)\$\$|\$([^$]+?)\$", re.S)     # inline maths may span lines
TEX_TO_SVG_JS = """
const MJ = require(process.argv[1]);
MJ.init({loader: {load: ['input/tex', 'output/svg']}, svg: {fontCache: 'local'}}).then(M => {
  const items = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const out = items.map(([tex, display]) => {
    const node = M.tex2svg(tex, {display: display});
    M.startup.adaptor.setAttribute(node, 'aria-label', tex);
    return M.startup.adaptor.outerHTML(node);
  });
  process.stdout.write(JSON.stringify(out));
}).catch(e => { process.stderr.write(String(e.message || e)); process.exit(1); });
"""


MATH_MARK = "LSTMNPNOTESMATH{:05d}X"


def typeset_notes(cells):
    """The TeX of every notes cell drawn as SVG (MathJax 3, pinned in tools/slides as
    "mathjax3", run by node once per deck): the speaker view copies the notes' HTML into a
    window of its own, where no MathJax runs; SVG needs no script, font or style there.

    Each formula becomes a mark (MATH_MARK) in the cell; returns {mark: SVG}, which
    put_notes_maths puts into the finished page (the markdown renderer would take an SVG
    apart)."""
    import subprocess
    found = []
    for cell in cells:
        if cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
            for match in TEX.finditer(cell.source):
                found.append((match.group(1) or match.group(2), match.group(1) is not None))
    if not found:
        return {}
    mathjax = NODE_MODULES / "mathjax3"
    if not (mathjax / "es5" / "node-main.js").exists():
        raise SlidesError(f"{mathjax} is missing: {NPM_HINT}")
    node = shutil.which("node")
    if node is None:
        raise SlidesError("node is missing (it draws the speaker notes' maths): "
                          "apt-get install -y nodejs")
    result = subprocess.run([node, "-e", TEX_TO_SVG_JS, str(mathjax)], input=json.dumps(found),
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SlidesError(f"MathJax could not draw the notes' maths: {result.stderr[:300]}")
    svgs = json.loads(result.stdout)
    marks = iter(range(len(svgs)))
    for cell in cells:
        if cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
            cell.source = TEX.sub(lambda m: MATH_MARK.format(next(marks)), cell.source)
    return {MATH_MARK.format(i): svg for i, svg in enumerate(svgs)}


def put_notes_maths(body, drawn):
    """The deck's HTML with each mark of typeset_notes replaced by its SVG."""
    if not drawn:
        return body
    return re.sub(r"LSTMNPNOTESMATH\d{5}X", lambda m: drawn[m.group(0)], body)


def build_deck(notebook, lang, build=BUILD, slides_exporter=None):
    """Write the deck of one stored notebook; return its path. Nothing is executed.

    With a slide layer in the lesson's source, the deck is that layer (and the outputs it
    shows); without one, the lesson's class period packed by the rules above.
    """
    import html
    notebook = Path(notebook).resolve()
    nb = nbformat.read(notebook, as_version=4)
    title = lesson_title(nb)
    if title:
        nb.metadata["title"] = title        # the page's <title> (in memory only)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = images_from_root(cell.source, notebook.parent)
    layer = slide_layer(notebook)
    if layer:
        slides = pack_authored(authored_pieces(layer, nb, notebook.stem, lang,
                                               notebook.parent))
    else:
        slides = pack(lecture_pieces(nb, notebook.stem, lang), lang)
    nb.cells = slide_cells(slides, lang)
    drawn = typeset_notes(nb.cells)
    slides_exporter = slides_exporter or exporter(lang)
    resources = {"metadata": {"name": notebook.stem, "path": str(ROOT)}}
    body, _ = slides_exporter.from_notebook_node(nb, resources=resources)
    body = put_notes_maths(body, drawn)
    # nbconvert's title ends in " slides" in every language
    name = html.escape(title or notebook.stem, quote=False)
    body = re.sub(r"<title>.*?</title>", f"<title>{name} · {TITLE_SUFFIX[lang]}</title>",
                  body, count=1, flags=re.S)
    out = deck_path(notebook, lang, build)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return out


def _deck_title(deck):
    """The deck's title without its suffix ("01 · Forward propagation: ...")."""
    import html
    match = re.search(r"<title>(.*?)</title>", deck.read_text(encoding="utf-8"), re.S)
    if not match:
        return deck.name
    title = html.unescape(match.group(1))
    return re.sub(r" · (?:%s)$" % "|".join(TITLE_SUFFIX.values()), "", title)


LANGUAGE_NAMES = {"es": "Español", "en": "English"}


def write_index(build=BUILD):
    """build/slides/index.html: a link to every deck in the folder, per language."""
    import html
    sections = []
    for lang in LANGS:
        decks = sorted((build / lang).glob("*.slides.html"))
        if decks:
            items = "".join(f'<li><a href="{lang}/{d.name}">{html.escape(_deck_title(d))}'
                            f"</a></li>\n" for d in decks)
            sections.append(f'<section lang="{lang}">\n<h2>{LANGUAGE_NAMES[lang]}</h2>\n'
                            f"<ul>\n{items}</ul>\n</section>\n")
    (build / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>lstm_np: slides / diapositivas</title></head>\n"
        '<body style="font-family: sans-serif; font-size: 1.25rem; line-height: 1.5">\n'
        "<main>\n<h1>lstm_np</h1>\n" + "".join(sections) + "</main>\n</body></html>\n",
        encoding="utf-8")


def build(langs=LANGS, numbers=(), build=BUILD, log=print):
    """Build the decks of these languages and lesson numbers; return their paths."""
    plan = {lang: lessons(lang, numbers) for lang in langs}
    for lang, found in plan.items():
        if not found:
            raise SlidesError(f"no lessons notebooks/{lang}/{LESSON_GLOB}")
    copy_assets(build)
    written = []
    for lang, notebooks in plan.items():
        if not numbers:                   # a whole language: no deck of a renamed lesson stays
            current = {deck_path(nb, lang, build) for nb in notebooks}
            for old in (build / lang).glob("*.slides.html"):
                if old not in current:
                    old.unlink()
        slides_exporter = exporter(lang)
        for notebook in notebooks:
            out = build_deck(notebook, lang, build, slides_exporter)
            log(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
            written.append(out)
    write_index(build)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Build offline reveal.js decks of the lessons into build/slides/.",
        usage="python tools/slides.py [es|en|all] [NN ...]")
    parser.add_argument("words", nargs="*", metavar="es|en|all NN",
                        help="a language (es, en or all, the default), then lesson numbers "
                             "(default: every lesson)")
    args = parser.parse_args(argv)
    words = list(args.words)
    lang = words.pop(0) if words and words[0] in (*LANGS, "all") else "all"
    for word in words:
        if not word.isdigit():
            parser.error(f"expected es, en or all, then lesson numbers like 01; got {word!r}")
    langs = LANGS if lang == "all" else (lang,)
    try:
        written = build(langs, words)
    except SlidesError as exc:
        print(f"slides: {exc}", file=sys.stderr)
        return 2
    print(f"{len(written)} deck(s); open build/slides/index.html, or serve it with "
          f"python -m http.server -d build/slides -b 127.0.0.1 8000")
    return 0


if __name__ == "__main__":
    sys.exit(main())
