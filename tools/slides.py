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
- What a cell does on a slide is written in the lesson's source (tools/notebooks.py) and
  kept in the cell's ``metadata["lstm_np"]``: ``deck="skip"`` leaves it out of the deck,
  ``deck="output"`` shows its outputs only, with a line saying which notebook holds the code;
  ``alt`` is the description of its figure, put on the ``<img>``. The code show_source prints
  keeps only the first line of each docstring; a widget (which cannot run in a static deck)
  becomes a line pointing at the sampler page.
- Every slide fits reveal's 1280x720 canvas with every fragment shown: the cells are packed
  in order, by an estimate of their height (``estimate_height``), and a cell that would push
  a slide past the screen opens a subslide of its own (``paginate``). The browser tests
  measure every slide in Chromium and fail on any that overflows.
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
        if installed != version:
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
OPENS = {"slide": 2, "subslide": 1}        # a skipped cell that opens a slide hands it on

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


def _short_source_output(output):
    """A show_source output (a Markdown ```python block) with its docstrings cut."""
    text = output.get("data", {}).get("text/markdown")
    if isinstance(text, list):
        text = "".join(text)
    match = PYTHON_FENCE.match(text or "")
    if match:
        fence, code = match.groups()
        output["data"]["text/markdown"] = f"{fence}python\n{short_docstrings(code)}\n{fence}"


def _pointer(text):
    return nbformat.v4.new_output(
        "display_data", data={"text/html": f'<p class="lstm-np-pointer">{text}</p>',
                              "text/plain": text})


# --- fitting a slide: how tall a cell will be ----------------------------------------------
# CSS pixels of a 1280x720 slide (the style sheets of nbconvert's reveal template and of
# lstm_np_slides.css), measured once in Chromium; the browser tests check the result.
ROOM = 640                  # px of the slide's 720 that the cells may fill
PROSE = {"chars": 118, "line": 29, "gap": 19}      # characters per line, px per line
CODE = {"line": 24.5, "pad": 22, "chars": 108}     # px per line of code or printed output
HEADING = {1: 62, 2: 52, 3: 44, 4: 38}
FIGURE = (1240, 640)        # the room of a figure (max-width, max-height of the style sheet)


def _image_height(width, height):
    return min(height, FIGURE[1], height * FIGURE[0] / width)


def _png_height(data):
    import base64
    import struct
    raw = base64.b64decode(data)
    width, height = struct.unpack(">II", raw[16:24])
    return _image_height(width, height)


def _file_image_height(link):
    import struct
    path = ROOT / link
    try:
        raw = path.read_bytes()[:24]
        width, height = struct.unpack(">II", raw[16:24])
    except (OSError, struct.error):
        return FIGURE[1]
    return _image_height(width, height)


def _prose_height(text):
    """Rough height of markdown prose: paragraphs, headings, lists, display maths, images."""
    total = 0.0
    for block in _blocks(text):
        lines = block.split("\n")
        heading = re.match(r"(#+)\s", block)
        if heading:
            total += HEADING.get(len(heading.group(1)), 38)
            lines = lines[1:]
            if not lines:
                continue
        if block.lstrip().startswith("$$") or block.lstrip().startswith("\\["):
            total += 30 + 34 * max(1, block.count("\\\\") + 1)
            continue
        if block.lstrip().startswith("|"):
            total += 40 * sum(1 for line in lines if line.strip().startswith("|")) + PROSE["gap"]
            continue
        if block.lstrip().startswith("```"):
            total += CODE["pad"] + CODE["line"] * (len(lines) - 2) + PROSE["gap"]
            continue
        for image in MARKDOWN_IMAGE.finditer(block):
            total += _file_image_height(image.group(2)) + 10
        block = MARKDOWN_IMAGE.sub("", block)
        # list items start new lines; other lines of a paragraph join
        items = re.split(r"\n(?=\s*(?:[-*+]|\d+\.)\s)", "\n".join(lines))
        for item in items:
            words = re.sub(r"\$[^$]*\$", "xxxxxx", " ".join(item.split()))
            if words:
                total += PROSE["line"] * math.ceil(len(words) / PROSE["chars"])
        total += PROSE["gap"]
    return total


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


def _output_height(output):
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        return _text_lines_height(output.get("text", ""))
    if "image/png" in data:
        return _png_height(data["image/png"]) + 8
    if "text/markdown" in data:
        text = "".join(data["text/markdown"])
        fenced = PYTHON_FENCE.match(text)
        if fenced:
            return CODE["pad"] + CODE["line"] * (fenced.group(2).count("\n") + 1)
        return _prose_height(text)
    if "text/html" in data:
        html_text = "".join(data["text/html"])
        return 30 + 30 * (html_text.count("<tr") + html_text.count("<p") + html_text.count("<br"))
    if "text/plain" in data:
        return _text_lines_height("".join(data["text/plain"]))
    return 0


def _text_lines_height(text):
    """Printed text: its lines, a long one wrapped (outputs wrap at the slide's width)."""
    lines = text.rstrip("\n").split("\n")
    return CODE["line"] * sum(max(1, math.ceil(len(line) / CODE["chars"])) for line in lines)


def estimate_height(cell):
    """How many CSS pixels a cell takes on a 1280x720 slide, roughly (within ~15 %)."""
    if cell.cell_type == "markdown":
        if cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
            return 0
        return 18 + _prose_height(cell.source)
    height = 0.0
    if not cell.metadata.get("transient", {}).get("remove_source"):
        height += CODE["pad"] + _text_lines_height(cell.source)
    return height + sum(_output_height(o) for o in cell.outputs)


def paginate(cells):
    """Cells packed into slides in order: a cell that would push the slide it continues past
    ROOM opens a subslide of its own (a fragment too: a slide cannot grow past the screen).
    A markdown cell that alone is taller than ROOM is cut into several cells at its
    paragraphs (each piece a subslide); a code cell that is shows its figures on a subslide
    of their own; otherwise it stays (the browser tests report it: mark it deck="output" in
    the lesson's source, or shorten its output).
    """
    out, used = [], 0.0
    for cell in cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if kind == "notes":
            out.append(cell)
            continue
        pieces = [cell]
        if cell.cell_type == "markdown" and estimate_height(cell) > ROOM:
            pieces = _split_markdown(cell)
        elif cell.cell_type == "code" and estimate_height(cell) > ROOM:
            pieces = _split_figures(cell)
        for i, piece in enumerate(pieces):
            height = estimate_height(piece)
            kind = piece.metadata.get("slideshow", {}).get("slide_type", "-")
            if kind in ("slide", "subslide"):
                used = height
            elif used + height > ROOM and used > 0:
                piece.metadata["slideshow"] = {"slide_type": "subslide"}
                used = height
            else:
                used += height
            out.append(piece)
    return out


def _split_figures(cell):
    """A code cell too tall for a slide, as two: its code and printed output, then its
    figures on a subslide of their own (with no code)."""
    import copy
    figures = [o for o in cell.outputs if "image/png" in o.get("data", {})]
    if not figures or len(figures) == len(cell.outputs):
        return [cell]
    text, images = copy.deepcopy(cell), copy.deepcopy(cell)
    text.outputs = [o for o in cell.outputs if o not in figures]
    images.outputs = copy.deepcopy(figures)
    images.id = f"{cell.id}-figures"
    images.metadata["slideshow"] = {"slide_type": "subslide"}
    images.metadata["transient"] = {"remove_source": True}
    return [text, images]


def _split_markdown(cell):
    """A long markdown cell as several, each at most ROOM high (split between paragraphs);
    the first keeps the cell's slide type, the others continue it."""
    import copy
    blocks = _blocks(cell.source)
    pieces, current = [], []
    for block in blocks:
        if current and _prose_height("\n\n".join(current + [block])) > ROOM:
            pieces.append(current)
            current = []
        current.append(block)
    pieces.append(current)
    cells = []
    for i, blocks in enumerate(pieces):
        piece = copy.deepcopy(cell)
        piece.source = "\n\n".join(blocks)
        if i:
            piece.id = f"{cell.id}-{i}"
            piece.metadata["slideshow"] = {"slide_type": "subslide"}
        cells.append(piece)
    return cells


def deck_cells(nb, name, lang):
    """The cells as the deck shows them, following each cell's metadata["lstm_np"]["deck"].

    "skip" (or, for a markdown cell, "output": it has none) leaves the cell out; if it opened
    a slide, the next cell opens it instead. "output" hides the code and adds one line saying
    which notebook holds it. A widget's output (its text repr, stored without the widget's
    state) becomes a line pointing at the sampler page. The package code that show_source
    prints keeps only the first line of each docstring.
    """
    cells, opens = [], None
    for cell in nb.cells:
        deck = cell.metadata.get("lstm_np", {}).get("deck")
        show = cell.metadata.setdefault("slideshow", {})
        kind = show.get("slide_type", "-")
        if kind == "skip" or deck == "skip" or (deck == "output" and cell.cell_type != "code"):
            if OPENS.get(kind, 0) > OPENS.get(opens, 0):
                opens = kind
            continue
        if opens and kind != "notes":
            if OPENS.get(kind, 0) < OPENS[opens]:
                show["slide_type"] = opens
            opens = None
        if cell.cell_type == "code":
            widget = [o for o in cell.outputs
                      if WIDGET_REPR.match(str(o.get("data", {}).get("text/plain", "")))]
            if widget:
                cell.outputs = [o for o in cell.outputs if o not in widget]
                cell.outputs.append(_pointer(WIDGET_POINTER[lang]))
            if "show_source(" in cell.source:
                for output in cell.outputs:
                    _short_source_output(output)
            if deck == "output":
                cell.metadata["transient"] = {"remove_source": True}
                cell.outputs.append(_pointer(CODE_POINTER[lang].format(
                    notebook=f"<code>{name}.ipynb</code>")))
        cells.append(cell)
    return cells


def build_deck(notebook, lang, build=BUILD, slides_exporter=None):
    """Write the deck of one stored notebook; return its path. Nothing is executed."""
    import html
    notebook = Path(notebook).resolve()
    nb = nbformat.read(notebook, as_version=4)
    title = lesson_title(nb)
    if title:
        nb.metadata["title"] = title        # the page's <title> (in memory only)
    nb.cells = deck_cells(nb, notebook.stem, lang)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = deck_links(images_from_root(cell.source, notebook.parent))
    nb.cells = paginate(nb.cells)
    slides_exporter = slides_exporter or exporter(lang)
    resources = {"metadata": {"name": notebook.stem, "path": str(ROOT)}}
    body, _ = slides_exporter.from_notebook_node(nb, resources=resources)
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
