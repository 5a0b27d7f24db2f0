"""The PDF handouts (tools/handouts.py), read back with poppler-utils.

Each lesson of each language: an A4 PDF of a sensible number of pages, its language set
(/Lang), no TeX left raw ($, \\( or \\frac...: MathJax typeset every formula), every section
title of the lesson in its text, every figure of the page drawn once, whole, and no code
line cut at the right margin (every long code line is in the text whole). The handouts are
the student's edition: no teacher's note in them, no widget's text repr; a code line wraps
at spaces or operators, never inside a name.
"""
import re
import subprocess

import nbformat
import pytest

from conftest import REPO, load_tool, need

LANGS = ("es", "en")
RAW_TEX = ("$", "\\(", "\\[", "\\frac", "\\langle", "\\text{", "\\Gamma")


@pytest.fixture(scope="module")
def handouts(book, chromium_browser, tmp_path_factory):
    need("pdftotext")
    need("pdfimages")
    tool = load_tool("handouts")
    out = tmp_path_factory.mktemp("handouts")
    written = tool.print_all(LANGS, book, out, log=lambda line: None,
                             browser=chromium_browser)
    return out, written


def run(*command):
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def titles(lesson):
    """The section titles of a lesson (its Markdown headings), as plain text: markup and
    formulas dropped, so that what is left must be in the PDF's text as it is."""
    nb = nbformat.read(lesson, as_version=4)
    found = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.split("\n"):
            if re.match(r"#{1,4} ", line):
                text = re.sub(r"\$[^$]*\$", " ", line.lstrip("#"))
                text = re.sub(r"[*`]", "", text)
                found += [part.strip() for part in text.split("  ") if len(part.strip()) > 2]
    return found


def squeeze(text):
    return re.sub(r"\s+", "", text)


def student_cells(lesson):
    """The cells of a lesson that the student's edition (the book, the handouts) shows."""
    tool = load_tool("book")
    nb = nbformat.read(lesson, as_version=4)
    return tool.student_cells(nb, lesson.stem, lesson.parent.name)


def code_sources(lesson):
    return "\n".join(c.source for c in student_cells(lesson) if c.cell_type == "code")


def code_text(lesson):
    """The code cells of a lesson and their printed outputs, as one string."""
    parts = []
    for cell in student_cells(lesson):
        if cell.cell_type == "code":
            parts.append(cell.source)
            for output in cell.outputs:
                parts.append(output.get("text", ""))
                parts += [str(v) for k, v in output.get("data", {}).items()
                          if k.startswith("text/")]
    return "\n".join(parts)


def flat(text):
    return " ".join(text.split())


def lessons(lang):
    return sorted((REPO / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb"))


def test_one_pdf_per_lesson_and_language(handouts):
    out, written = handouts
    expected = sorted(out / lang / f"{p.stem}.pdf" for lang in LANGS for p in lessons(lang))
    assert sorted(written) == expected and all(p.stat().st_size > 0 for p in expected)
    assert not list(out.rglob("*.part"))


@pytest.mark.parametrize("lang", LANGS)
def test_pdfs_read_back(handouts, book, lang):
    out, _ = handouts
    problems = []
    for lesson in lessons(lang):
        pdf = out / lang / f"{lesson.stem}.pdf"
        info = run("pdfinfo", str(pdf))
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        width, height = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info,
                                             re.M).groups())
        if not 2 <= pages <= 60:
            problems.append(f"{pdf.name}: {pages} pages")
        if (round(width), round(height)) != (596, 843):      # A4 in points
            problems.append(f"{pdf.name}: page size {width} x {height}, not A4")
        if f"/Lang ({lang})".encode() not in pdf.read_bytes():
            problems.append(f"{pdf.name}: its language is not set to {lang}")
        # TeX may appear in code (a figure's label) and in what the code prints: no more
        # often in the PDF than there
        text = run("pdftotext", "-layout", str(pdf), "-")
        code = code_text(lesson)
        for tex in RAW_TEX:
            if text.count(tex) > code.count(tex):
                at = text.index(tex)
                problems.append(f"{pdf.name}: raw TeX {tex!r}: {text[max(0, at - 60):at + 40]!r}")
        plain = flat(run("pdftotext", str(pdf), "-").replace("’", "'"))
        for title in titles(lesson):
            if flat(title) not in plain:
                problems.append(f"{pdf.name}: section title {title!r} missing")
        html = (book / lang / f"{lesson.stem}.html").read_text(encoding="utf-8")
        # one image drawn per figure of the page: fewer is a figure lost, more is a figure
        # split over two pages (drawn, clipped, on both)
        figures = re.findall(r'<img [^>]*src="(_images/[^"]+)"', html)
        images = [line for line in run("pdfimages", "-list", str(pdf)).splitlines()[2:]
                  if line.split()[2] == "image"]
        if len(images) != len(figures):
            problems.append(f"{pdf.name}: {len(images)} images drawn, the page shows "
                            f"{len(figures)}")
        # a code line cut at the margin loses its end (Chromium clips it, pdftotext does
        # not see it): every long line of code must be in the PDF's text whole, wrapped
        # anywhere (whitespace removed from both; -raw keeps the order things are drawn in)
        drawn = squeeze(run("pdftotext", "-raw", str(pdf), "-"))
        long_lines = [line for line in code_sources(lesson).split("\n") if len(line) > 60]
        cut = [line for line in long_lines if squeeze(line) not in drawn]
        if cut:
            problems.append(f"{pdf.name}: {len(cut)} of {len(long_lines)} long code lines "
                            f"not whole, e.g. {cut[0]!r}")
    assert not problems, "\n".join(problems)


def broken_names(text, names):
    """The names that the text shows cut over two lines ("initialize_param" / "eters")."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    broken = set()
    for before, after in zip(lines, lines[1:]):
        joined = re.findall(r"\w+$", before), re.findall(r"^\w+", after)
        if joined[0] and joined[1] and joined[0][0] + joined[1][0] in names:
            broken.add(joined[0][0] + joined[1][0])
    return broken


@pytest.mark.parametrize("lang", LANGS)
def test_student_handouts_no_notes_no_reprs_names_whole(handouts, lang):
    out, _ = handouts
    problems = []
    for lesson in lessons(lang):
        text = run("pdftotext", "-raw", str(out / lang / f"{lesson.stem}.pdf"), "-")
        names = set(re.findall(r"\b[A-Za-z_]\w*_\w+\b", code_sources(lesson)))
        names = {n for n in names if len(n) >= 8}
        problems += [f"{lesson.stem}: {n!r} cut over two lines"
                     for n in sorted(broken_names(text, names))]
        if "children=(" in text:
            problems.append(f"{lesson.stem}: a widget's text repr")
        nb = nbformat.read(lesson, as_version=4)
        for cell in nb.cells:
            if cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
                body = cell.source.split("\n", 2)[-1]
                part = max(re.split(r"\$[^$]*\$|\n|\*\*|`|\[|\]\([^)]*\)", body), key=len)
                part = " ".join(part.split())[:40]
                if len(part) > 15 and part in " ".join(text.split()):
                    problems.append(f"{lesson.stem}: a teacher's note: {part!r}")
    assert not problems, "\n".join(problems)


def test_broken_names_sees_a_name_cut_over_two_lines():
    names = {"initialize_parameters"}
    assert broken_names("x = initialize_param\neters(1)", names) == names
    assert broken_names("x = initialize_parameters(\n1)", names) == set()


# --- no empty code frame at a page's foot --------------------------------------------------------
# A code cell prints as a frame: a light grey box (the theme's #f7f7f7, a green rule on its
# left for the code, none for its output) with the text inside. Before the book's print style
# kept a cell's frame and its code together (tools/book.py: break-inside: avoid on div.cell,
# div.cell_input, div.cell_output, div.highlight and pre), a frame that started near a page's
# foot left its border and padding there, empty, and its code went to the next page (the
# issue found it on 9 of 41 pages). The check reads what is printed: each page rendered at
# 72 dpi (pdftoppm: a pixel is a PDF point), every band of rows where a light grey fill spans
# most of a wide stretch is a frame (text lines only break it into shorter runs, so a row
# through code still counts), and the words of the page (pdftotext -bbox) must have one whose
# centre lies inside each frame.

FRAME_MIN_WIDTH = 200           # points: a code frame spans the text column (about 470)
FRAME_MIN_HEIGHT = 3            # points: a frame's padding alone, left at a page's foot, is 6-10
FRAME_GREY = 247                # the theme's code background, #f7f7f7 (a table's stripes differ)
FRAME_EDGE = 6                  # points of the frame's padding at each end of a row


def frames(png):
    """(top, bottom, left, right) in points of every code frame of a page rendered at 72 dpi:
    bands of rows whose fill is the code background at both ends of a wide stretch (the text
    in between does not matter)."""
    import numpy as np
    from PIL import Image
    a = np.asarray(Image.open(png).convert("RGB")).astype(int)
    grey = (np.abs(a - FRAME_GREY) <= 1).all(axis=2)
    rows = []
    for y in range(grey.shape[0]):
        xs = np.flatnonzero(grey[y])
        if (len(xs) and xs[-1] - xs[0] >= FRAME_MIN_WIDTH
                and grey[y, xs[0]:xs[0] + FRAME_EDGE].all()
                and grey[y, xs[-1] - FRAME_EDGE + 1:xs[-1] + 1].all()):
            rows.append((y, xs[0], xs[-1]))
    found, band = [], []
    for row in rows + [(None, 0, 0)]:
        if band and (row[0] is None or row[0] != band[-1][0] + 1):
            if band[-1][0] - band[0][0] + 1 >= FRAME_MIN_HEIGHT:
                found.append((band[0][0], band[-1][0] + 1, int(np.median([r[1] for r in band])),
                              int(np.median([r[2] for r in band]))))
            band = []
        if row[0] is not None:
            band.append(row)
    return found


def page_words(pdf):
    """{page number: [(x centre, y centre)]} of the words of a PDF, in points from the top left."""
    xhtml = run("pdftotext", "-bbox", str(pdf), "-")
    words, page = {}, 0
    for match in re.finditer(r'<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)"', xhtml):
        if match.group(0) == "<page ":
            page += 1
            words[page] = []
            continue
        x0, y0, x1, y1 = map(float, match.groups())
        words[page].append(((x0 + x1) / 2, (y0 + y1) / 2))
    return words


def empty_frames(pdf, folder):
    """[(page, top, bottom)]: the frames of a printed PDF with no word inside."""
    folder.mkdir(parents=True, exist_ok=True)
    run("pdftoppm", "-r", "72", "-png", str(pdf), str(folder / "page"))
    words = page_words(pdf)
    empty = []
    for number, png in enumerate(sorted(folder.glob("page-*.png")), 1):
        for top, bottom, left, right in frames(png):
            if not any(left <= x <= right and top <= y <= bottom for x, y in words[number]):
                empty.append((number, top, bottom))
    return empty


def test_the_frame_check_sees_the_empty_frames_of_the_old_style(book, book_url,
                                                               chromium_browser, tmp_path):
    """The Spanish lessons printed as the handouts are, but with the book's print style as it
    was before the rule that keeps a cell's frame and its code together (the rule removed,
    the rest of the page as built): the check finds empty frames at the pages' feet (20 in
    the eight lessons when this test was written; a synthetic page did not reproduce the
    theme's flex layout, so the lessons themselves are printed)."""
    need("pdftoppm")
    need("pdftotext")
    tool = load_tool("book")
    handouts = load_tool("handouts")
    rule = ("  div.cell, div.cell_input, div.cell_output, div.highlight, pre {\n"
            "    break-inside: avoid; box-decoration-break: clone; "
            "-webkit-box-decoration-break: clone; }")
    assert rule in tool.CSS, "the book's print style no longer has the rule this test removes"
    old_css = tool.CSS.replace(rule, "")
    found = []
    page = chromium_browser.new_page()
    try:
        for lesson in sorted((book / "es").glob("[0-9][0-9]_*.html")):
            text = re.sub(r'<link rel="stylesheet"[^>]*lstm_np_book\.css[^>]*>',
                          lambda _: f"<style>{old_css}</style>",
                          lesson.read_text(encoding="utf-8"))
            copy = lesson.with_name(f"_old_style_{lesson.name}")
            copy.write_text(text, encoding="utf-8")
            try:
                page.goto(f"{book_url}/es/{copy.name}", wait_until="load")
                page.evaluate("async () => { if (window.MathJax && MathJax.startup) "
                              "await MathJax.startup.promise; }")
                pdf = tmp_path / f"{lesson.stem}.pdf"
                page.pdf(path=str(pdf), format="A4", margin=handouts.MARGIN,
                         print_background=True, display_header_footer=True,
                         header_template="<div></div>", footer_template=handouts.FOOTER)
            finally:
                copy.unlink()
            found += [(lesson.stem, *where) for where in empty_frames(pdf, tmp_path / lesson.stem)]
    finally:
        page.close()
    assert found, "no empty frame found in handouts printed without the rule"
    # each found at a page's foot: it ends where the page's text area ends
    assert all(bottom >= 780 for _, _, _, bottom in found), found


@pytest.mark.parametrize("lang", LANGS)
def test_no_empty_code_frame_at_a_page_foot(handouts, lang, tmp_path):
    out, _ = handouts
    need("pdftoppm")
    problems = []
    for lesson in lessons(lang):
        pdf = out / lang / f"{lesson.stem}.pdf"
        problems += [f"{pdf.name}: page {page}, an empty code frame at {top}-{bottom} pt"
                     for page, top, bottom in empty_frames(pdf, tmp_path / lesson.stem)]
    assert not problems, "\n".join(problems)
