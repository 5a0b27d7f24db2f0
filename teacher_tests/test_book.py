"""The offline book (tools/book.py) in Chromium, every request outside 127.0.0.1 aborted.

Every page of both books (the student's edition, what is published) and the landing page:
no request failed or was aborted, every formula typeset by the vendored MathJax (no raw $ or
\\( left in the prose), every image loaded, the page's lang is its book's language, no
serious or critical axe-core finding, no code block wider than its column at 1280 px, one
search box. Then the twin link of every lesson, and the search of each book (its snippets
without raw TeX).

The editions: the student's book holds no teacher's note (the answers to the class
questions) and no cell only the complete lesson has; the teacher's edition, staged, keeps
them. The landing pages are rendered (no Markdown asterisks), the footer speaks the book's
language, a widget's text repr is not shown.
"""
import html
import json
import re
from pathlib import Path

import nbformat
import pytest

from conftest import REPO, lesson_draws_a_figure, only_local

LANGS = ("es", "en")
AXE = REPO / "tools" / "book" / "node_modules" / "axe-core" / "axe.min.js"
SEARCH_WORD = {"es": "gradiente", "en": "gradient"}

# The prose of the page without its code, its outputs and its typeset formulas: what is
# left must hold no TeX delimiter.
PROSE_TEXT = """() => {
  const main = document.querySelector('main') || document.body;
  const copy = main.cloneNode(true);
  copy.querySelectorAll('pre, code, mjx-container, .cell_output, script, style, '
                        + 'mjx-assistive-mml').forEach(e => e.remove());
  return copy.textContent;
}"""

PAGE_STATE = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const maths = [...document.querySelectorAll('.math')];
  const images = [...document.images];
  return {
    lang: document.documentElement.lang,
    maths: maths.length,
    untypeset: maths.filter(m => !m.querySelector('mjx-container'))
                    .map(m => m.textContent.slice(0, 60)),
    images: images.length,
    cut: [...document.querySelectorAll('pre')].filter(p => p.scrollWidth > p.clientWidth + 1)
                .map(p => p.textContent.split('\\n')[0].slice(0, 60)),
    searches: [...document.querySelectorAll('.search-button-field, form.bd-search')]
                .filter(e => e.getBoundingClientRect().width > 0 && getComputedStyle(e)
                             .visibility !== 'hidden').length,
    broken: images.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src),
    noalt: images.filter(i => !i.alt).map(i => i.src),
  };
}"""


def pages(book):
    """(path relative to the book, its language) for every HTML page."""
    found = [("index.html", "en")]
    for lang in LANGS:
        found += [(str(p.relative_to(book)), lang) for p in sorted((book / lang).glob("*.html"))]
    return found


def lessons(book, lang):
    return sorted(p.stem for p in (book / lang).glob("[0-9][0-9]_*.html"))


def test_every_lesson_of_both_languages_is_in_the_book(book):
    for lang in LANGS:
        stems = sorted(p.stem for p in (REPO / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb"))
        assert stems and lessons(book, lang) == stems


@pytest.fixture(scope="module")
def context(chromium_browser, book_url):
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    context.blocked = only_local(context, book_url)
    yield context
    context.close()


def open_page(context, url):
    """Open `url`; returns (page, list of failures: aborted or failed requests, 4xx/5xx)."""
    page = context.new_page()
    failures = []
    page.on("requestfailed", lambda r: failures.append(f"failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status}: {r.url}"))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, failures


class Visit:
    """What one page showed: failures, state (PAGE_STATE), prose, axe findings, twin."""


@pytest.fixture(scope="module")
def visits(book, book_url, context):
    """Every page opened once: {path relative to the book: Visit}. The checks are the tests
    below; the twin link is followed last (it leaves the page)."""
    assert AXE.is_file(), "axe-core is missing: run `npm ci --prefix tools/book`"
    seen = {}
    for rel, lang in pages(book):
        visit = seen[rel] = Visit()
        visit.lang = lang
        page, visit.failures = open_page(context, f"{book_url}/{rel}")
        visit.state = page.evaluate(PAGE_STATE)
        visit.prose = page.evaluate(PROSE_TEXT)
        page.wait_for_load_state("networkidle")     # the fonts MathJax asked for
        visit.failures = list(visit.failures)       # the page's own requests, not axe's
        visit.axe = []
        if not rel.endswith("genindex.html"):       # the empty index Sphinx always writes
            page.add_script_tag(path=str(AXE))
            # preload: false, or axe fetches the stylesheets' @imports itself (resolving
            # "../basic.css" against the site's root: a 404 that is not the page's)
            visit.axe = page.evaluate("async () => (await axe.run(document, "
                                      "{resultTypes: ['violations'], preload: false}))"
                                      ".violations")
        visit.twin = None
        link = page.locator("p.lstm-np-twin a")
        if link.count():
            link.click()
            page.wait_for_load_state("load")
            visit.twin = (page.url, page.evaluate("document.documentElement.lang"))
        page.close()
    return seen


def test_every_page_offline(visits, context):
    problems = []
    for rel, visit in visits.items():
        state = visit.state
        problems += [f"{rel}: {f}" for f in visit.failures]
        if state["lang"] != visit.lang:
            problems.append(f"{rel}: <html lang={state['lang']!r}>, expected {visit.lang!r}")
        problems += [f"{rel}: formula not typeset: {t!r}" for t in state["untypeset"]]
        for delimiter in ("$", "\\(", "\\["):
            if delimiter in visit.prose:
                at = visit.prose.index(delimiter)
                problems.append(f"{rel}: raw {delimiter!r} in the prose: "
                                f"{visit.prose[max(0, at - 40):at + 40]!r}")
        problems += [f"{rel}: image not loaded: {src}" for src in state["broken"]]
        problems += [f"{rel}: image without alt text: {src}" for src in state["noalt"]]
        if rel.split("/")[-1][:2].isdigit():
            lang, page = rel.split("/")[-2:]
            assert state["maths"] > 0, rel
            if lesson_draws_a_figure(lang, page.removesuffix(".html")):   # 08 draws none
                assert state["images"] > 0, rel
    problems += [f"request aborted (left 127.0.0.1): {url}" for url in context.blocked]
    assert not problems, "\n".join(problems)


def test_axe_no_serious_or_critical_finding(visits):
    findings = []
    for rel, visit in visits.items():
        for v in visit.axe:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"][:3]]
                findings.append(f"{rel}: {v['impact']} {v['id']}: {v['help']} "
                                f"({len(v['nodes'])} nodes, e.g. {json.dumps(targets)})")
    assert not findings, "\n".join(findings)


def test_twin_links_lead_to_the_same_lesson_in_the_other_language(book, book_url, visits):
    for lang, other in (("es", "en"), ("en", "es")):
        for stem in lessons(book, lang):
            twin = visits[f"{lang}/{stem}.html"].twin
            assert twin == (f"{book_url}/{other}/{stem}.html", other), (lang, stem, twin)


def test_lesson_links_stay_inside_the_book(book):
    """Every relative link of every page points at a file of the book."""
    missing = []
    for rel, _ in pages(book):
        path = book / rel
        html = path.read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="([^"#?]+)', html):
            if "://" in target or target.startswith(("mailto:", "data:", "javascript:")):
                continue
            if not (path.parent / target).resolve().exists():
                missing.append(f"{rel}: {target}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_the_lessons(book_url, context, lang):
    page, failures = open_page(context, f"{book_url}/{lang}/search.html?q={SEARCH_WORD[lang]}")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=20000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(Path(h.split("?")[0]).stem[:2].isdigit() for h in hrefs), hrefs
    page.wait_for_function("() => document.querySelectorAll('#search-results p.context')"
                           ".length >= 3", timeout=20000)
    snippets = page.evaluate("() => [...document.querySelectorAll('#search-results p.context')]"
                             ".map(p => p.innerText)")
    raw = [t for t in snippets if re.search(r"\\[()\[\]]|\$|\\[A-Za-z]{2,}", t)]
    assert not raw, f"search snippets with raw TeX: {raw[:2]}"
    assert not failures, failures
    page.close()


def test_code_fits_the_column_and_one_search_box(visits):
    problems = []
    for rel, visit in visits.items():
        problems += [f"{rel}: a code block wider than its column: {t!r}"
                     for t in visit.state.get("cut", [])]
        if rel.split("/")[-1][:2].isdigit() and visit.state.get("searches") != 1:
            problems.append(f"{rel}: {visit.state.get('searches')} search boxes")
    assert not problems, "\n".join(problems)


def notes_snippets(lang):
    """{lesson: [a stretch of each notes cell's text, without maths or markup]}."""
    found = {}
    for path in sorted((REPO / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        found[path.stem] = []
        for cell in nb.cells:
            if cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
                body = cell.source.split("\n", 2)[-1]
                parts = re.split(r"\$[^$]*\$|\n|\*\*|`|\[|\]\([^)]*\)", body)
                found[path.stem].append(max(parts, key=len).strip()[:50])
    return found


def page_text(path):
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", path.read_text(encoding="utf-8"),
                  flags=re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", text).split()))


@pytest.mark.parametrize("lang", LANGS)
def test_the_students_book_holds_no_teachers_note_or_solution(book, book_tool, lang):
    problems = []
    for stem, snippets in notes_snippets(lang).items():
        text = page_text(book / lang / f"{stem}.html")
        problems += [f"{stem}: a teacher's note: {s!r}" for s in snippets
                     if len(s) > 15 and " ".join(s.split()) in text]
        for code in book_tool.teachers_code(stem)[lang]:
            if " ".join(code.split()) in text:
                problems.append(f"{stem}: a cell of the teacher's only: {code[:50]!r}")
        if "children=(" in text:
            problems.append(f"{stem}: a widget's text repr")
    assert not problems, "\n".join(problems)


def test_the_teachers_edition_keeps_the_notes(book_tool):
    for lang in LANGS:
        for path in sorted((REPO / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb")):
            teacher, _ = book_tool.stage_notebook(path, lang, "teacher")
            student, _ = book_tool.stage_notebook(path, lang, "student")
            kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in teacher.cells]
            assert "notes" in kinds, path
            assert "notes" not in [c.metadata.get("slideshow", {}).get("slide_type")
                                   for c in student.cells], path
            assert len(student.cells) < len(teacher.cells)
            assert not any("🧑" in c.source for c in teacher.cells)


def test_landing_pages_rendered_and_footer_in_the_books_language(book, book_tool):
    landing = page_text(book / "index.html")
    assert "*" not in landing and "<em>" in (book / "index.html").read_text(encoding="utf-8")
    for lang in LANGS:
        home = page_text(book / lang / "index.html")
        assert "*" not in home, home[:200]
        lesson = page_text(book / lang / "01_forward.html")
        assert book_tool.AUTHOR[lang] in lesson
        other = book_tool.AUTHOR["en" if lang == "es" else "es"]
        assert other not in lesson
