"""The offline book (tools/book.py) in Chromium, every request outside 127.0.0.1 aborted.

Every page of both books and the landing page: no request failed or was aborted, every
formula typeset by the vendored MathJax (no raw $ or \\( left in the prose), every image
loaded, the page's lang is its book's language, no serious or critical axe-core finding.
Then the twin link of every lesson, and the search of each book.
"""
import json
from pathlib import Path

import pytest

from conftest import REPO, only_local

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
    blocked = only_local(context, book_url)
    context.blocked = blocked
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


def test_every_page_offline(book, book_url, context):
    problems = []
    for rel, lang in pages(book):
        page, failures = open_page(context, f"{book_url}/{rel}")
        state = page.evaluate(PAGE_STATE)
        prose = page.evaluate(PROSE_TEXT)
        page.wait_for_load_state("networkidle")     # fonts MathJax asked for
        where = rel
        problems += [f"{where}: {f}" for f in failures]
        if state["lang"] != lang:
            problems.append(f"{where}: <html lang={state['lang']!r}>, expected {lang!r}")
        problems += [f"{where}: formula not typeset: {t!r}" for t in state["untypeset"]]
        for delimiter in ("$", "\\(", "\\["):
            if delimiter in prose:
                at = prose.index(delimiter)
                problems.append(f"{where}: raw {delimiter!r} in the prose: "
                                f"{prose[max(0, at - 40):at + 40]!r}")
        problems += [f"{where}: image not loaded: {src}" for src in state["broken"]]
        problems += [f"{where}: image without alt text: {src}" for src in state["noalt"]]
        if rel.split("/")[-1][:2].isdigit():
            assert state["maths"] > 0 and state["images"] > 0, rel
        page.close()
    problems += [f"request aborted (left 127.0.0.1): {url}" for url in context.blocked]
    assert not problems, "\n".join(problems)


def test_axe_no_serious_or_critical_finding(book, book_url, context):
    assert AXE.is_file(), "axe-core is missing: run `npm ci --prefix tools/book`"
    findings = []
    for rel, _ in pages(book):
        if rel.endswith("genindex.html"):       # an empty index Sphinx always writes
            continue
        page, _ = open_page(context, f"{book_url}/{rel}")
        page.evaluate("async () => { if (window.MathJax && MathJax.startup) "
                      "await MathJax.startup.promise; }")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => (await axe.run(document, "
                               "{resultTypes: ['violations']})).violations")
        for v in result:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"][:3]]
                findings.append(f"{rel}: {v['impact']} {v['id']}: {v['help']} "
                                f"({len(v['nodes'])} nodes, e.g. {json.dumps(targets)})")
        page.close()
    assert not findings, "\n".join(findings)


def test_twin_links_lead_to_the_same_lesson_in_the_other_language(book, book_url, context):
    for lang, other in (("es", "en"), ("en", "es")):
        for stem in lessons(book, lang):
            page, failures = open_page(context, f"{book_url}/{lang}/{stem}.html")
            link = page.locator("p.lstm-np-twin a")
            assert link.count() == 1, f"{lang}/{stem}: no twin link"
            link.click()
            page.wait_for_load_state("load")
            assert page.url == f"{book_url}/{other}/{stem}.html"
            assert page.evaluate("document.documentElement.lang") == other
            assert not failures, failures
            page.close()


def test_lesson_links_stay_inside_the_book(book):
    """Every relative link of every page points at a file of the book."""
    import re
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
    assert not failures, failures
    page.close()
