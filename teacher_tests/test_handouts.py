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
