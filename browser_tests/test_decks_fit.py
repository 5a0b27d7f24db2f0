"""Every slide of every deck fits a projector's 1280x720, links work, and axe-core is clean.

For each lesson deck of both languages (built by tools/slides.py into a temporary folder,
served on 127.0.0.1), one browser page at 1280x720 with every fragment shown (a style sheet
makes fragments visible, so a slide is measured as it looks after its last fragment). For
each slide, in the order reveal.js gives them (``Reveal.slide(h, v)``):

- the slide's content is at most 720 px tall and 1280 px wide (CSS pixels of the slide,
  before reveal scales it to the window): measured as the slide's scrollHeight and
  scrollWidth, and every element's box against the slide's box;
- no code line is cut at the right: no ``pre`` (code, printed output) is wider inside than
  its box;
- every image has a description: an alt text that is not empty and not nbconvert's default
  ("No description has been provided for this image");
- axe-core (pinned by tools/slides/package-lock.json) finds no serious or critical
  violation of WCAG 2 A/AA on the slide; once per deck, on the whole page (the slide-number
  badge, the controls).

Every link of the deck that stays on the machine (another deck, the index, an anchor) must
answer: the file exists on the server, the anchor on the page. A screenshot of each deck's
densest slide (the tallest content, every fragment shown) goes to
artifacts/densest_<lang>_<NN>.png.
"""
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from test_slides import HEIGHT, WIDTH, DeckPage

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "tools" / "slides" / "node_modules" / "axe-core" / "axe.min.js"
LANGS = ("es", "en")
LESSONS = sorted(p.name[:2] for p in (REPO / "notebooks" / "es").glob("[0-9][0-9]_*.ipynb"))
DEFAULT_ALT = "No description has been provided for this image"
TOLERANCE = 1                   # px: sub-pixel rounding of the boxes
SERIOUS = ("serious", "critical")
SHOW_FRAGMENTS = (".reveal .slides section .fragment { opacity: 1 !important; "
                  "visibility: inherit !important; transform: none !important; }")

MEASURE_JS = """(slide) => {
    const box = slide.getBoundingClientRect();
    const scale = box.width / slide.offsetWidth || 1;
    const out = [];
    for (const e of slide.querySelectorAll('*')) {
        if (e.closest('aside.notes, .MJX_Assistive_MathML, script, style')) continue;
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const right = (r.right - box.left) / scale, bottom = (r.bottom - box.top) / scale;
        if (right > WIDTH + TOL || bottom > HEIGHT + TOL || r.left < box.left - TOL * scale) {
            out.push({tag: e.tagName.toLowerCase(), cls: String(e.className).slice(0, 60),
                      right: Math.round(right), bottom: Math.round(bottom),
                      text: (e.textContent || '').trim().slice(0, 60)});
        }
    }
    const cut = Array.from(slide.querySelectorAll('pre')).filter(
        p => !p.closest('aside.notes') && p.scrollWidth > p.clientWidth + TOL).map(
        p => ({width: p.scrollWidth, box: p.clientWidth,
               line: p.textContent.split('\\n').reduce((a, b) => b.length > a.length ? b : a)
                      .slice(0, 80)}));
    const imgs = Array.from(slide.querySelectorAll('img')).map(i => i.getAttribute('alt'));
    return {height: slide.scrollHeight, width: slide.scrollWidth, outside: out.slice(0, 5),
            outside_count: out.length, cut: cut, alts: imgs,
            text: slide.textContent.replace(/\\s+/g, ' ').trim().slice(0, 70)};
}""".replace("WIDTH", str(WIDTH)).replace("HEIGHT", str(HEIGHT)).replace("TOL", str(TOLERANCE))

AXE_JS = """async (context) => {
    const result = await axe.run(context || document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        resultTypes: ['violations']});
    return result.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => ({
        id: v.id, impact: v.impact,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': '
                                            + (n.failureSummary || '').split('\\n')[1])}));
}"""

LINKS_JS = """() => Array.from(document.querySelectorAll('.reveal .slides a[href]'))
    .filter(a => !a.closest('aside.notes')).map(a => a.getAttribute('href'))"""


@pytest.fixture(scope="module")
def deck_url(decks, static_server):
    return static_server(decks.root)


def slide_name(indices):
    return f"{indices['h']}" + (f".{indices['v']}" if indices["v"] else "")


def broken_links(page, deck_page_url, hrefs):
    """The links of a deck that point at this machine and do not answer."""
    broken = []
    for href in sorted(set(hrefs)):
        if re.match(r"[a-z][a-z0-9+.-]*:", href, re.I) and not href.startswith("http://127."):
            continue                            # a web address: not checked offline
        url, _, anchor = urllib.parse.urljoin(deck_page_url, href).partition("#")
        if url == deck_page_url.partition("#")[0]:
            if anchor and not page.evaluate(
                    "([a, b]) => !!(document.getElementById(a) || document.getElementById(b))",
                    [anchor, urllib.parse.unquote(anchor)]):
                broken.append(f"{href} (no such anchor)")
            continue
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status != 200:
                    broken.append(f"{href} ({response.status})")
        except urllib.error.HTTPError as exc:
            broken.append(f"{href} ({exc.code})")
        except OSError as exc:
            broken.append(f"{href} ({exc})")
    return broken


@pytest.mark.parametrize("lesson", LESSONS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_slide_fits_and_is_accessible(lang, lesson, decks, deck_url, chromium_browser,
                                            local_only, screenshots):
    assert AXE.exists(), f"{AXE} is missing: run `npm ci --prefix tools/slides`"
    found = [x for x in decks[lang] if x.path.name.startswith(f"{lesson}_")]
    assert len(found) == 1, f"no deck of lesson {lesson} in {lang}"
    deck = found[0].deck
    url = f"{deck_url}/{lang}/{deck.name}"
    browser_page = DeckPage(chromium_browser, deck_url, local_only)
    page = browser_page.page
    problems, densest = [], None
    try:
        browser_page.open(url)
        page.add_style_tag(content=SHOW_FRAGMENTS)
        page.add_script_tag(path=str(AXE))
        page.evaluate("() => document.fonts.ready")
        whole = page.evaluate(AXE_JS, None)
        problems += [f"page: axe {v['id']} ({v['impact']}): {v['nodes']}" for v in whole]

        indices = page.evaluate("() => Reveal.getSlides().map(s => Reveal.getIndices(s))")
        for where in indices:
            page.evaluate("([h, v]) => Reveal.slide(h, v)", [where["h"], where["v"] or 0])
            page.wait_for_function("() => MathJax.Hub.queue.pending === 0")
            name = f"slide {slide_name(where)}"
            m = page.evaluate(f"() => ({MEASURE_JS})(Reveal.getCurrentSlide())")
            if m["height"] > HEIGHT + TOLERANCE or m["width"] > WIDTH + TOLERANCE:
                problems.append(f"{name} is {m['width']}x{m['height']} px, more than "
                                f"{WIDTH}x{HEIGHT} ({m['text']!r})")
            elif m["outside_count"]:
                problems.append(f"{name}: {m['outside_count']} element(s) outside the slide: "
                                f"{m['outside']}")
            for cut in m["cut"]:
                problems.append(f"{name}: a line cut at the right ({cut['width']} px in "
                                f"{cut['box']} px): {cut['line']!r}")
            for alt in m["alts"]:
                if not (alt or "").strip() or alt == DEFAULT_ALT:
                    problems.append(f"{name}: an image without a description (alt={alt!r})")
            current = page.evaluate_handle("() => Reveal.getCurrentSlide()")
            for v in page.evaluate(AXE_JS, current):
                problems.append(f"{name}: axe {v['id']} ({v['impact']}): {v['nodes']}")
            if densest is None or m["height"] > densest[1]:
                densest = (where, m["height"])

        problems += [f"broken link {b}" for b in broken_links(page, url,
                                                              page.evaluate(LINKS_JS))]
        browser_page.assert_offline(f"{lang}/{deck.name}")
    finally:
        try:
            if densest:
                h, v = densest[0]["h"], densest[0]["v"] or 0
                page.evaluate("([h, v]) => Reveal.slide(h, v)", [h, v])
                page.mouse.move(0, 0)
                page.wait_for_timeout(200)
                screenshots.save(page, f"densest_{lang}_{lesson}", True, commit=False)
        finally:
            browser_page.close()
    assert not problems, f"{lang}/{deck.name}: {len(problems)} problem(s):\n" + \
        "\n".join(problems)
