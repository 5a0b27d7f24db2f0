"""The whole series as a static site that works offline: one Jupyter Book per language.

    npm ci --prefix tools/book      # once: MathJax 3 (and axe-core for the test), pinned
    python tools/book.py            # the student's edition, both languages -> build/book/
    python tools/book.py es         # the Spanish book only
    python tools/book.py --edition teacher   # the teacher's book -> build/book-teacher/

Two editions. The student's (build/book/, what to publish, and what tools/handouts.py
prints): the lessons without the teacher's notes (their "notes" cells, with the answers to
the class questions) and without the cells only the complete lesson has (the package's
solutions shown with show_source), as in the exercise notebooks. The teacher's
(build/book-teacher/): the complete lessons, notes included.

What it builds (build/ is git-ignored):

- ``build/book/es/`` and ``build/book/en/``: a Jupyter Book 1.x (Sphinx, myst-nb,
  sphinx-book-theme) of the seven complete lessons of that language, from their STORED
  outputs (``execute_notebooks: "off"``: nothing is run), with Sphinx's search (a local
  index, no server) and the theme's words in the book's language (``<html lang>`` too). Its
  home page is the README's series table. Each lesson starts with a link to its twin in the
  other language.
- ``build/book/index.html``: the same table in both languages, linking into the two books.

How the lessons are staged (in ``build/book-src/<lang>/``): the notebook is copied as it is,
with three changes: the link to the twin is put first; the lessons' relative links are made
to point inside the book (``../../img/x.png`` -> ``img/x.png``, copied there;
``../../README.md`` -> the home page; the next lesson's ``NN_name.ipynb`` stays, Sphinx
resolves it); and a figure's short description, ``cell.metadata["lstm_np"]["alt"]``, becomes
the alt text of the image myst-nb writes (``cell.metadata["mystnb"]["image"]["alt"]``). A
figure without one gets a generic description ("Figure drawn by the code above"), and the
build prints how many did.

MathJax 3 comes from npm (``tools/book/package-lock.json``) and is copied into the book's
``_static/mathjax/``; Sphinx's ``mathjax_path`` points there. The staged folder of assets is
called ``assets/``, never ``_static/``: Jupyter Book adds every .js and .css found under a
``_static/`` at the book's root to every page. No page makes a request outside the book
(the browser test, ``teacher_tests/test_book.py``, checks it with the network cut).
"""
import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from html import escape
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
IMG = ROOT / "img"
BUILD = ROOT / "build" / "book"
EDITIONS = {"student": ROOT / "build" / "book", "teacher": ROOT / "build" / "book-teacher"}
STAGE = ROOT / "build" / "book-src"
NODE = ROOT / "tools" / "book"
MATHJAX = NODE / "node_modules" / "mathjax" / "es5"
LANGS = ("es", "en")
LESSON_GLOB = "[0-9][0-9]_*.ipynb"

OTHER = {"es": "en", "en": "es"}
LANGUAGE_NAME = {"es": "Español", "en": "English"}
TWIN = {"es": "Read this lesson in English", "en": "Lee esta lección en español"}
TITLE = {"es": "lstm_np: una LSTM de caracteres con numpy",
         "en": "lstm_np: a character-level LSTM with numpy"}
SERIES = {"es": "La serie", "en": "The series"}
OTHER_BOOK = {"es": "The same book in English", "en": "El mismo libro en español"}
NO_ALT = {"es": "Figura dibujada por el código de arriba",
          "en": "Figure drawn by the code above"}
AUTHOR = {"es": "los autores de lstm_np", "en": "the lstm_np contributors"}
TEACHER = {"es": "Edición del docente", "en": "Teacher's edition"}
WIDGET_REPR = re.compile(r"^[A-Za-z]+\(children=\(")
WIDGET_POINTER = {"es": "(Los controles se mueven en el cuaderno o en la página del muestreador: "
                        "`voila notebooks/app/sampler_es.ipynb`.)",
                  "en": "(The controls move in the notebook or on the sampler page: "
                        "`voila notebooks/app/sampler_en.ipynb`.)"}
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u200d\ufe0f]\\s*")
LICENCE = {"es": "Código: MIT. Texto y figuras: CC BY-SA 4.0 (véase LICENSE-SUMMARY.md).",
           "en": "Code: MIT. Text and figures: CC BY-SA 4.0 (see LICENSE-SUMMARY.md)."}

# The parts of MathJax 3 the pages load: the TeX-to-CHTML component, the extensions TeX may
# load on demand, and the fonts CHTML asks for.
MATHJAX_PARTS = ("tex-chtml.js", "input/tex/extensions", "output/chtml/fonts/woff-v2",
                 "a11y", "sre", "ui")

# Printing (tools/handouts.py prints these pages): code wraps instead of running off the
# page, figures are never split, the navigation and the twin link are not printed.
CSS = """\
.lstm-np-twin { font-size: 0.95em; margin-bottom: 0.5em; }
div.cell_output img { max-width: 100%; height: auto; }
/* Code fits the column: long lines wrap at spaces and operators, never inside a name. */
div.highlight pre, div.cell_output pre, .output pre {
  white-space: pre-wrap; word-break: normal; overflow-wrap: break-word; }
/* One search box: the one in the top bar (the sidebar's repeats it). */
.bd-sidebar-primary .search-button-field,
.bd-sidebar-primary form.bd-search { display: none !important; }
/* The book's title in the sidebar under the top bar, whole. */
.bd-sidebar-primary .navbar-brand { height: auto; white-space: normal; }
.bd-sidebar-primary .navbar-brand p.title { white-space: normal; overflow: visible; }
@media print {
  .lstm-np-twin, .bd-header, .bd-sidebar-primary, .bd-sidebar-secondary,
  .prev-next-area, .bd-footer, .bd-footer-content, .header-article,
  .skip-link, button.copybtn { display: none !important; }
  .bd-main, .bd-content, .bd-article-container { max-width: 100% !important; }
  pre, pre code, .highlight pre, .output pre {
    white-space: pre-wrap !important; word-break: normal !important;
    overflow-wrap: break-word !important;
    overflow: visible !important; max-height: none !important; }
  /* a frame is never left empty at a page's foot: a cell's code and its frame move
     together (a block taller than a page still breaks) */
  div.cell, div.cell_input, div.cell_output, div.highlight, pre {
    break-inside: avoid; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
  /* figures and pictures at the column's width (a narrow strip or a screenshot printed
     small is unreadable) */
  div.cell_output img, .bd-article img {
    width: 100% !important; height: auto !important; max-height: 235mm; object-fit: contain; }
  img, figure, table, mjx-container[display="true"] { break-inside: avoid; }
  h1, h2, h3, h4 { break-inside: avoid; break-after: avoid; }
}
"""

# Search results show a snippet of the page's text, where MathJax has not run: its TeX is
# rewritten into plain text (Greek letters, hats, indices) before Sphinx shows it.
SEARCH_JS = r"""
(function () {
  const symbols = {alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", eta: "η",
    theta: "θ", lambda: "λ", mu: "μ", pi: "π", sigma: "σ", tau: "τ", phi: "φ",
    Gamma: "Γ", Delta: "Δ", Sigma: "Σ", partial: "∂", sum: "Σ", prod: "Π", odot: "⊙",
    cdot: "·", times: "×", to: "→", rightarrow: "→", leftarrow: "←", le: "≤", leq: "≤",
    ge: "≥", geq: "≥", approx: "≈", infty: "∞", ln: "ln", log: "log", exp: "exp",
    tanh: "tanh", langle: "⟨", rangle: "⟩", quad: " ", qquad: " ", nabla: "∇", in: "∈"};
  function plain(tex) {
    return tex
      .replace(/^\\\(|\\\)$|^\\\[|\\\]$|^\$\$?|\$\$?$/g, "")
      .replace(/\\(?:mathrm|text|mathbf|mathcal|operatorname|boldsymbol)\s*\{([^{}]*)\}/g, "$1")
      .replace(/\\(?:hat|widehat)\s*\{?([A-Za-z])\}?/g, "$1\u0302")
      .replace(/\\([A-Za-z]+)/g, (m, name) => symbols[name] !== undefined ? symbols[name] : "")
      .replace(/\\[,;!: ]/g, " ")
      .replace(/[{}]/g, "").replace(/\s+/g, " ").trim();
  }
  function install() {
    if (typeof Search === "undefined" || !Search.htmlToText || Search.lstmNpPlain) return;
    const toText = Search.htmlToText;
    Search.htmlToText = function (htmlString, anchor) {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(".math").forEach(e => { e.textContent = plain(e.textContent); });
      return toText.call(this, doc.documentElement.outerHTML, anchor);
    };
    Search.lstmNpPlain = true;
  }
  install();
  document.addEventListener("DOMContentLoaded", install);
})();
"""



def say(text):
    print(text, flush=True)


def lessons(lang):
    return sorted((NOTEBOOKS / lang).glob(LESSON_GLOB))


# --- the home page: the README's series table ----------------------------------------------

def readme_intro():
    """The README's first English and Spanish paragraphs (the two after its title)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    body = [p for p in paragraphs[1:3]]
    return {"en": body[0].replace("\n", " "), "es": body[1].replace("\n", " ")}


def readme_table():
    """The rows of the README's series table: [[#, es cell, en cell, student, min, what]]."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The series", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.split("\n") if line.startswith("|")]
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
    return cells[0], [r for r in cells[2:] if len(r) == len(cells[0])]


_LINK = re.compile(r"\[([^\]]+)\]\(notebooks/(es|en)/([0-9][0-9]_\w+)\.ipynb\)")


def home_page(lang):
    """index.md of one language's book: the README's intro and its table, minus the student
    column (the student notebooks are not in the book). A link to this book's lesson stays
    a MyST link (Sphinx checks it); one to the other book is plain HTML."""
    header, rows = readme_table()
    keep = [i for i, h in enumerate(header) if not h.startswith("student")]

    def link(match):
        title, link_lang, stem = match.groups()
        if link_lang == lang:
            return f"[{title}]({stem}.ipynb)"
        return (f'<a href="../{link_lang}/{stem}.html" hreflang="{link_lang}" '
                f'lang="{link_lang}">{escape(title)}</a>')

    # the README's columns are in one language each: those in the other are marked as such
    column_lang = {i: "es" if header[i] == "Español" else "en" for i in keep
                   if header[i] in ("Español", "English") or header[i].startswith("what")}

    def cell(i, text):
        other = column_lang.get(i, lang)
        return text if other == lang else f'<span lang="{other}">{text}</span>'

    lines = [f"# {TITLE[lang]}", "", readme_intro()[lang], "", f"## {SERIES[lang]}", "",
             "| " + " | ".join(cell(i, header[i]) for i in keep) + " |",
             "|" + "---|" * len(keep)]
    for row in rows:
        lines.append("| " + " | ".join(cell(i, _LINK.sub(link, row[i])) for i in keep) + " |")
    lines += ["", f'<p><a href="../{OTHER[lang]}/index.html" hreflang="{OTHER[lang]}" '
                  f'lang="{OTHER[lang]}">{OTHER_BOOK[lang]}</a></p>', "", LICENCE[lang], ""]
    return "\n".join(lines)


def _inline(text):
    """The little Markdown the table's cells use, as HTML: links, `code`, **bold**."""
    text = escape(text, quote=False)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])", r"<em>\1</em>", text)
    return _LINK.sub(lambda m: f'<a href="{m[2]}/{m[3]}.html" hreflang="{m[2]}" '
                               f'lang="{m[2]}">{m[1]}</a>', text)


def landing_page():
    """build/book/index.html: the README's table, both languages, linking into both books."""
    header, rows = readme_table()
    keep = [i for i, h in enumerate(header) if not h.startswith("student")]
    intro = readme_intro()
    head = "".join(f"<th scope=\"col\">{_inline(header[i])}</th>" for i in keep)
    body = "\n".join("<tr>" + "".join(f"<td>{_inline(r[i])}</td>" for i in keep) + "</tr>"
                     for r in rows)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lstm_np: the series / la serie</title>
<style>
body {{ font-family: sans-serif; max-width: 70em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #222; }}
table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #bbb; padding: 0.3em 0.5em;
       vertical-align: top; }}
a {{ color: #0645ad; }}
</style>
</head>
<body>
<main>
<h1>{escape(TITLE["en"])} / <span lang="es">{escape(TITLE["es"])}</span></h1>
<p><a href="en/index.html">English</a> · <a href="es/index.html" hreflang="es"
lang="es">Español</a></p>
<p>{_inline(intro["en"])}</p>
<p lang="es">{_inline(intro["es"])}</p>
<table>
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody>
</table>
<p>{escape(LICENCE["en"])} <span lang="es">{escape(LICENCE["es"])}</span></p>
</main>
</body>
</html>
"""


# --- staging one language's book -----------------------------------------------------------

def teachers_code(stem):
    """The code of the cells only the complete lesson has (only="complete" in the lesson's
    source: the package's solutions shown with show_source), per language."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tools.nbsource import Code, load_source
    source = NOTEBOOKS / "source" / f"{stem}.md"
    if not source.exists():
        return {lang: set() for lang in LANGS}
    cells = [c for c in load_source(source) if isinstance(c, Code) and c.only == "complete"]
    return {lang: {c.text[lang].strip() for c in cells} for lang in LANGS}


def student_cells(nb, stem, lang):
    """The cells of a complete lesson that the student's edition keeps: no speaker notes,
    no cell that only the complete lesson has."""
    theirs = teachers_code(stem)[lang]
    return [c for c in nb.cells
            if c.metadata.get("slideshow", {}).get("slide_type") != "notes"
            and not (c.cell_type == "code" and c.source.strip() in theirs)]


def stage_notebook(path, lang, edition="student"):
    """The lesson as the book shows it (see the module's docstring); returns (nb, figures
    without a description)."""
    nb = nbformat.read(path, as_version=4)
    if edition == "student":
        nb.cells = student_cells(nb, path.stem, lang)
    missing = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            # a widget cannot run in a static page: its text repr becomes a line saying where
            for i, output in enumerate(cell.get("outputs", [])):
                plain = output.get("data", {}).get("text/plain", "")
                if WIDGET_REPR.match("".join(plain) if isinstance(plain, list) else plain):
                    cell.outputs[i] = nbformat.v4.new_output(
                        "display_data", data={"text/markdown": WIDGET_POINTER[lang],
                                              "text/plain": WIDGET_POINTER[lang]})
        if cell.cell_type == "markdown":
            cell.source = EMOJI.sub("", cell.source)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = (cell.source.replace("](../../img/", "](img/")
                           .replace('src="../../img/', 'src="img/')
                           .replace("](../../README.md)", "](index.md)"))
        elif any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            alt = cell.metadata.get("lstm_np", {}).get("alt")
            if not alt:
                alt, missing = NO_ALT[lang], missing + 1
            cell.metadata.setdefault("mystnb", {}).setdefault("image", {})["alt"] = alt
    other = OTHER[lang]
    twin = nbformat.v4.new_markdown_cell(
        f'<p class="lstm-np-twin"><a href="../{other}/{path.stem}.html" hreflang="{other}" '
        f'lang="{other}">{TWIN[lang]}</a></p>')
    nb.cells.insert(0, twin)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i}"
    return nb, missing


def config(lang, edition="student"):
    """_config.yml (JSON is YAML): offline, nothing executed, no launch or repository
    buttons, MathJax from the book's own _static/."""
    title = TITLE[lang] if edition == "student" else f"{TITLE[lang]} · {TEACHER[lang]}"
    return {
        "title": title,
        "author": AUTHOR[lang],
        "copyright": "2026",
        "only_build_toc_files": True,
        "execute": {"execute_notebooks": "off"},
        "html": {"use_repository_button": False, "use_issues_button": False,
                 "use_edit_page_button": False, "use_download_button": False,
                 "home_page_in_navbar": True, "extra_footer": LICENCE[lang]},
        "launch_buttons": {"notebook_interface": "classic", "binderhub_url": "",
                           "jupyterhub_url": "", "thebe": False, "colab_url": "",
                           "deepnote_url": ""},
        "parse": {"myst_enable_extensions": ["dollarmath", "amsmath"]},
        "sphinx": {"config": {
            "language": lang,
            "myst_dmath_double_inline": True,       # $$...$$ inside a paragraph, as Jupyter
            "html_search_language": lang,
            "html_static_path": ["assets"],
            "html_css_files": ["lstm_np_book.css"],
            "html_js_files": ["lstm_np_search.js"],
            "mathjax_path": "mathjax/tex-chtml.js",
            "html_show_sourcelink": False,
            "html_copy_source": False,
            "html_theme_options": {"use_download_button": False,
                                   "use_fullscreen_button": False,
                                   "search_bar_text": {"es": "Buscar…", "en": "Search…"}[lang]},
            "suppress_warnings": ["mystnb.unknown_mime_type"],
        }},
    }


def stage(lang, stage_dir=STAGE, edition="student"):
    """build/book-src/<lang>/: _config.yml, _toc.yml, index.md, the lessons, img/, assets/."""
    src = stage_dir / lang
    if src.exists():
        shutil.rmtree(src)
    (src / "img").mkdir(parents=True)
    for png in IMG.glob("*.png"):
        shutil.copy2(png, src / "img" / png.name)
    assets = src / "assets"
    (assets / "mathjax").mkdir(parents=True)
    for part in MATHJAX_PARTS:
        source = MATHJAX / part
        if source.is_dir():
            shutil.copytree(source, assets / "mathjax" / part)
        else:
            shutil.copy2(source, assets / "mathjax" / part)
    (assets / "lstm_np_book.css").write_text(CSS, encoding="utf-8")
    (assets / "lstm_np_search.js").write_text(SEARCH_JS, encoding="utf-8")
    (src / "_config.yml").write_text(json.dumps(config(lang, edition), indent=1,
                                                ensure_ascii=False), encoding="utf-8")
    stems = [p.stem for p in lessons(lang)]
    toc = {"format": "jb-book", "root": "index", "chapters": [{"file": s} for s in stems]}
    (src / "_toc.yml").write_text(json.dumps(toc, indent=1), encoding="utf-8")
    (src / "index.md").write_text(home_page(lang), encoding="utf-8")
    missing = 0
    for path in lessons(lang):
        nb, n = stage_notebook(path, lang, edition)
        missing += n
        nbformat.write(nb, src / path.name)
    return src, missing


class BookError(Exception):
    """The book cannot be built: one line saying why and what to do."""


def build(lang, book=BUILD, log=say, edition="student"):
    """Build one language's book into book/<lang>/ (staged in book's sibling "-src")."""
    if not (MATHJAX / "tex-chtml.js").is_file():
        raise BookError("MathJax is missing: run `npm ci --prefix tools/book` first")
    stage_dir = book.with_name(book.name + "-src")
    src, missing = stage(lang, stage_dir, edition)
    out = stage_dir / f"_out_{lang}"
    if out.exists():
        shutil.rmtree(out)
    # the jupyter-book next to this Python (a venv's bin/), else the one on PATH
    program = Path(sys.executable).with_name("jupyter-book")
    program = str(program) if program.exists() else "jupyter-book"
    command = [program, "build", str(src), "--path-output", str(out), "--builder",
               "html", "--warningiserror", "--keep-going", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise BookError(f"the {lang} book did not build (Sphinx's warnings are above)")
    target = book / lang
    if target.exists():
        shutil.rmtree(target)
    shutil.move(str(out / "_build" / "html"), target)
    shutil.rmtree(out)
    note = f"; {missing} figure(s) without a description (metadata lstm_np.alt)" \
        if missing else ""
    log(f"book: {lang}: {len(lessons(lang))} lessons -> {target}{note}")


def build_all(langs=LANGS, book=BUILD, log=say, edition="student"):
    """Both books (or those of `langs`) and the landing page; returns book."""
    book.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        build(lang, book, log, edition)
    (book / "index.html").write_text(landing_page(), encoding="utf-8")
    return book


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("langs", nargs="*", help="es, en or nothing for both")
    parser.add_argument("--edition", choices=sorted(EDITIONS), default="student",
                        help="student (default: no teacher's notes, what to publish) or "
                             "teacher (the notes and the solutions)")
    parser.add_argument("--out", type=Path, default=None,
                        help="default: build/book (student), build/book-teacher (teacher)")
    args = parser.parse_args(argv)
    args.out = args.out or EDITIONS[args.edition]
    for lang in args.langs:
        if lang not in LANGS:
            parser.error(f"unknown language {lang!r}: give es, en or nothing for both")
    start = time.perf_counter()
    try:
        book = build_all(args.langs or LANGS, args.out, edition=args.edition)
    except BookError as exc:
        sys.exit(f"tools/book.py: {exc}")
    size = sum(f.stat().st_size for f in book.rglob("*") if f.is_file())
    say(f"book: {book} written in {time.perf_counter() - start:.1f} s, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
