"""The lessons' reveal.js decks (tools/slides.py) work offline in a real browser.

The decks of every lesson, in both languages, are built by tools/slides.py (from the
stored notebooks; it needs ``npm ci --prefix tools/slides``) into a temporary folder, which
a static http server on 127.0.0.1 serves. The browser aborts every request that does not go
to that server.

Every deck (test_every_deck_is_offline):
- its HTML names no asset outside the folder (no http(s):// in a src, a link's href, a CSS
  url(), an import): what tools/slides.py's template and settings are for;
- in Chromium: reveal.js and MathJax start, no request is aborted (none left 127.0.0.1) and
  none fails (404, ...); no slide is empty (text other than speaker notes, or an image); the
  notes plugin is there, no slide has more than one speaker-notes block (reveal shows the
  first only) and every "notes" cell of the lesson's class period is in the deck's notes
  (test_decks_fit.py checks on which slide).

Lesson 01 (test_lesson_01_deck), in each language:
- the first slide shows the lesson's title, the first heading of the stored notebook;
- the maths is typeset: every formula became MathJax output, with no TeX error;
- stepping with the space bar (reveal's "next") visits every slide, in order, to the last
  one; each shows something; the images of each slide are
  loaded (naturalWidth > 0) and fit the 1280x720 slide; at least one slide has a figure;
- the speaker view (key "s") opens and shows the speaker notes of a slide that has some,
  with maths if some notes have it: their text, and their maths drawn (SVG, made when the
  deck is built: no TeX source left, no script needed in the speaker window);
- a screenshot of the first slide with a figure and maths (without reveal's controls,
  progress bar and slide number) is saved (artifacts/slide_<lang>.png; with
  --update-screenshots also img/slide_<lang>.png), at 1280x720 once MathJax is done.
"""
import re

import pytest

pytestmark = pytest.mark.browser

LANGS = ("es", "en")
LESSON = "01"
WIDTH, HEIGHT = 1280, 720
LOAD_TIMEOUT = 60               # s: reveal.js and MathJax, from the local server
STEP_TIMEOUT = 10               # s: for reveal to show the next slide after a key press
MAX_STEPS = 300

# an asset from outside the deck's folder, in the deck's HTML (links <a href> are not assets)
EXTERNAL = re.compile(
    r"""<(?!a\b)[a-z]+\b[^>]*?\b(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)"""
    r"""|url\(\s*["']?((?:https?:)?//[^"')\s]+)"""
    r"""|\bimport\s*(?:\(|[^;'"]*from\s*)\s*["']((?:https?:)?//[^"']+)"""
    r"""|@import\s+["']((?:https?:)?//[^"']+)""", re.I)

READY_JS = """() => !!(window.Reveal && Reveal.isReady && Reveal.isReady()
    && window.MathJax && MathJax.Hub && MathJax.Hub.queue
    && MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running
    && document.readyState === 'complete')"""
MATHJAX_IDLE_JS = """() => MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running"""

# what a slide shows: its text without the speaker notes, its images
SLIDE_JS = """(slide) => {
    const copy = slide.cloneNode(true);
    copy.querySelectorAll('aside.notes').forEach(e => e.remove());
    const imgs = Array.from(slide.querySelectorAll('img')).map(img => {
        const r = img.getBoundingClientRect();
        return {complete: img.complete, naturalWidth: img.naturalWidth,
                width: r.width, height: r.height};
    });
    // the notes' text with each formula (typeset or not) replaced by a '\u0000'
    const notes = Array.from(slide.querySelectorAll('aside.notes')).map(a => {
        const c = a.cloneNode(true);
        c.querySelectorAll('mjx-container, .MathJax_CHTML, .MathJax_Preview, '
                           + '.MJX_Assistive_MathML, script').forEach(e => e.replaceWith('\u0000'));
        return c.textContent;
    });
    return {text: copy.textContent.replace(/\\s+/g, ' ').trim(), imgs: imgs,
            maths: slide.querySelectorAll('script[type^="math/tex"]').length,
            notes: notes.join(' ').replace(/\\s+/g, ' ').trim()};
}"""
ALL_SLIDES_JS = f"() => Reveal.getSlides().map({SLIDE_JS})"
CURRENT_JS = f"""() => Object.assign(({SLIDE_JS})(Reveal.getCurrentSlide()), {{
    indices: Reveal.getIndices(), last: Reveal.isLastSlide(),
    more_fragments: Reveal.availableFragments().next}})"""
TITLE_JS = """() => {
    const h = Reveal.getCurrentSlide().querySelector('h1, h2');
    if (!h) return null;
    const copy = h.cloneNode(true);
    copy.querySelectorAll('.anchor-link').forEach(a => a.remove());
    const r = h.getBoundingClientRect();
    return {text: copy.textContent.replace(/\\s+/g, ' ').trim(),
            visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight};
}"""
MATHS_JS = """() => ({
    sources: document.querySelectorAll('script[type^="math/tex"]').length,
    typeset: document.querySelectorAll('.MathJax_CHTML').length,
    errors: document.querySelectorAll('.mjx-merror, .MathJax_Error').length})"""
SPEAKER_MATHS_JS = """() => ({
    typeset: document.querySelectorAll('.speaker-controls-notes mjx-container svg').length,
    tex: /\\$[^$]+\\$/.test(document.querySelector('.speaker-controls-notes')?.innerText ?? '')})"""
SPEAKER_NOTES_JS = """() => (document.querySelector('.speaker-controls-notes')?.innerText ?? '')
    .replace(/\\s+/g, ' ').trim()"""


# --- what the stored notebook says ---------------------------------------------------------

def notebook_title(nb):
    """The first heading of the notebook's first markdown cell."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return " ".join(line.lstrip("#").split())
            break
    pytest.fail("the notebook's first markdown cell has no heading", pytrace=False)


def notes_cells(nb):
    """The notes cells of the lesson's class period (the deck leaves out what follows the
    after-class heading)."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.strip().startswith(
                ("## Después de clase", "## After class")):
            break
        count += cell.metadata.get("slideshow", {}).get("slide_type") == "notes"
    return count


def has_maths(nb):
    return any(c.cell_type == "markdown" and "$" in c.source for c in nb.cells)


# --- the browser ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def deck_url(decks, static_server):
    return static_server(decks.root)


class DeckPage:
    """A browser page that aborts requests outside `origin` and keeps failed requests."""

    def __init__(self, browser, origin, local_only):
        self.context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
        self.blocked = local_only(self.context, origin)
        self.failed = []
        self.page = self.context.new_page()
        self.page.set_default_timeout(LOAD_TIMEOUT * 1000)
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("response",
                     lambda r: r.status >= 400 and self.failed.append(f"{r.url} ({r.status})"))

    def open(self, url):
        self.page.goto(url)
        self.page.wait_for_function(READY_JS)
        self.page.wait_for_load_state("networkidle")

    def assert_offline(self, what):
        assert not self.blocked, f"{what}: requests that left 127.0.0.1: {self.blocked}"
        assert not self.failed, f"{what}: requests that failed: {self.failed}"

    def close(self):
        self.context.close()


def empty_slides(slides):
    return [i for i, s in enumerate(slides) if not s["text"] and not s["imgs"]]


@pytest.mark.parametrize("lang", LANGS)
def test_every_deck_is_offline(lang, decks, deck_url, chromium_browser, local_only):
    assert decks[lang], f"no lessons in notebooks/{lang}/"
    browser_page = DeckPage(chromium_browser, deck_url, local_only)
    page = browser_page.page
    try:
        for lesson in decks[lang]:
            deck = lesson.deck
            what = f"{lang}/{deck.name}"
            html = deck.read_text(encoding="utf-8")
            outside = [next(g for g in m.groups() if g) for m in EXTERNAL.finditer(html)]
            assert not outside, f"{what} loads assets from outside its folder: {outside}"

            browser_page.open(f"{deck_url}/{lang}/{deck.name}")
            browser_page.assert_offline(what)
            slides = page.evaluate(ALL_SLIDES_JS)
            assert slides, f"{what} has no slides"
            assert not empty_slides(slides), \
                f"{what}: empty slides (0-based, in order) {empty_slides(slides)}"
            assert page.evaluate("() => Reveal.hasPlugin('notes')"), f"{what}: no notes plugin"
            per_slide = page.evaluate("() => Reveal.getSlides().map("
                                      "s => s.querySelectorAll('aside.notes').length)")
            assert max(per_slide) <= 1, f"{what}: a slide with several notes blocks"
            if notes_cells(lesson.nb):
                assert sum(per_slide) > 0, f"{what}: the notebook's notes are on no slide"
    finally:
        browser_page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_lesson_01_deck(lang, decks, deck_url, chromium_browser, local_only, screenshots):
    lessons = [lesson for lesson in decks[lang] if lesson.path.name.startswith(f"{LESSON}_")]
    assert len(lessons) == 1, \
        f"expected one lesson {LESSON} in notebooks/{lang}/: {[x.path.name for x in lessons]}"
    notebook, deck = lessons[0].nb, lessons[0].deck
    browser_page = DeckPage(chromium_browser, deck_url, local_only)
    page = browser_page.page
    ok = False
    try:
        browser_page.open(f"{deck_url}/{lang}/{deck.name}")

        # the first slide shows the lesson's title
        assert page.evaluate("() => Reveal.getIndices()")["h"] == 0
        title = page.evaluate(TITLE_JS)
        assert title is not None, "the first slide has no heading"
        assert title["text"] == notebook_title(notebook)
        assert title["visible"], "the title is not within the screen"

        # the maths is typeset, all of it
        maths = page.evaluate(MATHS_JS)
        if has_maths(notebook):
            assert maths["sources"] > 0, "MathJax found no maths in the deck"
        assert maths["typeset"] == maths["sources"], f"not every formula was typeset: {maths}"
        assert maths["errors"] == 0, f"MathJax reports TeX errors: {maths}"

        # step through the whole deck with the keyboard
        total = page.evaluate("() => Reveal.getTotalSlides()")
        current = page.evaluate(CURRENT_JS)
        visited, figures, with_notes = [], [], []
        for _ in range(MAX_STEPS):
            where = (current["indices"]["h"], current["indices"]["v"])
            if where not in visited:
                visited.append(where)
                assert current["text"] or current["imgs"], f"slide {where} is empty"
                if current["imgs"]:
                    page.wait_for_function("() => Array.from(Reveal.getCurrentSlide()"
                                           ".querySelectorAll('img')).every(i => i.complete)")
                    current = page.evaluate(CURRENT_JS)
                    for img in current["imgs"]:
                        assert img["naturalWidth"] > 0, f"slide {where}: an image did not load"
                        assert 0 < img["width"] <= WIDTH and 0 < img["height"] <= HEIGHT, \
                            f"slide {where}: an image does not fit the slide: {img}"
                    figures.append((where, current["maths"]))
                if current["notes"]:
                    with_notes.append((where, current["notes"]))
            if current["last"] and not current["more_fragments"]:
                break
            before = current["indices"]
            page.keyboard.press("Space")
            page.wait_for_function("(before) => JSON.stringify(Reveal.getIndices()) "
                                   "!== JSON.stringify(before)", arg=before,
                                   timeout=STEP_TIMEOUT * 1000)
            current = page.evaluate(CURRENT_JS)
        else:
            pytest.fail(f"still not at the last slide after {MAX_STEPS} key presses")
        assert len(visited) == total, \
            f"the keyboard visited {len(visited)} slides of {total}: {visited}"
        assert visited == sorted(visited), f"slides visited out of order: {visited}"
        assert figures, "no slide of lesson 01 shows a figure"
        browser_page.assert_offline(f"{lang}/{deck.name}")

        # the speaker view ("s") opens and shows the notes of the slide
        if notes_cells(notebook):
            assert with_notes, "the notebook has notes cells, no slide has speaker notes"
            # a slide whose notes have maths, if there is one
            (h, v), notes = next((x for x in with_notes if "\0" in x[1]), with_notes[0])
            page.evaluate(f"() => Reveal.slide({h}, {v})")
            with browser_page.context.expect_page() as popup:
                page.keyboard.press("s")
            speaker = popup.value
            snippet = max(" ".join(part.split()) for part in notes.split("\0"))[:60].strip()
            speaker.wait_for_function(f"(snippet) => ({SPEAKER_NOTES_JS})().includes(snippet)",
                                      arg=snippet, timeout=STEP_TIMEOUT * 1000)
            if "\0" in notes:     # the maths of the notes is typeset, with MathJax's styles
                speaker.wait_for_function(f"() => ({SPEAKER_MATHS_JS})().typeset > 0",
                                          timeout=STEP_TIMEOUT * 1000)
                shown = speaker.evaluate(SPEAKER_MATHS_JS)
                assert shown["typeset"] and not shown["tex"], \
                    f"the speaker view shows the notes' maths without MathJax: {shown}"
            speaker.close()
            browser_page.assert_offline(f"{lang}/{deck.name}, speaker view")

        # the screenshot: the first figure slide with maths (else the first figure slide)
        h, v = next((where for where, m in figures if m), figures[0][0])
        page.evaluate(f"() => Reveal.slide({h}, {v})")
        page.wait_for_function(MATHJAX_IDLE_JS)
        page.evaluate("() => document.fonts.ready")
        # the slide alone: no controls, progress bar or slide number (which changes whenever
        # the lesson gains a slide), so that the committed picture changes only with the slide
        page.add_style_tag(content=".reveal .controls, .reveal .progress, .reveal .slide-number"
                                   " { display: none !important; }")
        page.mouse.move(0, 0)
        page.wait_for_timeout(300)
        ok = True
    finally:
        try:
            screenshots.save(page, f"slide_{lang}", ok)
        finally:
            browser_page.close()
