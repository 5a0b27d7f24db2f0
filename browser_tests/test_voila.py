"""The Voila sampler page (notebooks/app/sampler_<lang>.ipynb) works in a real browser.

For each language, Voila is started as the README says (``voila
notebooks/app/sampler_<lang>.ipynb --no-browser --Voila.ip=127.0.0.1``, on a free port)
and the page is opened in Chromium with every request that leaves the server aborted. The
page must show the title of the app notebook, no code, and one sampler; then the same
slider checks as in JupyterLab (sampler_page.check_sliders): after every key press on a
slider, exactly the text ``lstm_np.generate`` gives for the values shown and the seed of
the notebook's ``sampler(...)`` call, computed here.

The page is for a wall (lstm_np.lessons.widgets.wall_page), checked at 1280x720 and at
1920x1080: the
generated text and the controls' labels are at least 24 px (at 1920x1080 they grow with the
window, 1.9 % of its width), the sampler uses at least 90 % of the window's width, no word of
the generated text is split across two lines; ``<html lang>`` and ``<title>`` are the page's
language and the notebook's title, no "Loading widget..." is left, each slider handle has an
accessible name (its label), Tab reaches the three sliders and the prime box; axe-core finds
no serious or critical WCAG 2 A/AA violation. A screenshot of the page at 1280x720 goes to
artifacts/voila_<lang>.png, one at 1920x1080 to artifacts/voila_<lang>_1920.png.

Requests: Voila 0.5.13's page template links two Font Awesome style sheets from
cdn.jsdelivr.net (its own bundle already holds Font Awesome, so nothing on the page needs
them). They are aborted like everything else; any other request that leaves the server, or
any request that fails, fails the test. A screenshot of the page goes to
artifacts/voila_<lang>.png.
"""
from pathlib import Path

import nbformat
import pytest

from lstm_np.storage.checkpoint import load_pretrained
from sampler_page import check_sliders, notebook_facts

pytestmark = pytest.mark.browser

LANGS = ("es", "en")
PAGE_TIMEOUT = 90               # s: Voila runs the notebook before the widgets show
VOILA_CDN = "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@"  # see the docstring
AXE = Path(__file__).resolve().parent.parent / "tools/slides/node_modules/axe-core/axe.min.js"
MIN_BODY_PX = 24
WALL_SIZES = ((1280, 720), (1920, 1080))

WALL_JS = """() => {
    const px = (e) => e ? parseFloat(getComputedStyle(e).fontSize) : 0;
    const pre = document.querySelector('.lstm-np-text pre');
    const labels = Array.from(document.querySelectorAll('.widget-interact .widget-label'));
    const sampler = document.querySelector('.widget-interact').getBoundingClientRect();
    // a word split across lines: the rectangles of its characters lie on different lines
    const split = [];
    const text = pre.textContent;
    const node = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    for (let n = node.nextNode(); n; n = node.nextNode()) {
        const re = /\\S+/g;
        let m;
        while ((m = re.exec(n.data)) !== null) {
            const r = document.createRange();
            r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
            const tops = new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top)));
            if (tops.size > 1) split.push(m[0]);
        }
    }
    const handles = Array.from(document.querySelectorAll('.noUi-handle')).map(
        h => h.getAttribute('aria-label') || '');
    return {text_px: px(pre), label_px: Math.min(...labels.map(px)),
            width: sampler.width, window: window.innerWidth, split: split,
            lang: document.documentElement.lang, title: document.title,
            loading: document.body.innerText.includes('Loading widget'), handles: handles};
}"""
AXE_JS = """async () => (await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
    resultTypes: ['violations']})).violations
    .filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' '))}`)"""


def app_title(path):
    """The first heading of the app notebook's first cell."""
    first = nbformat.read(path, as_version=4).cells[0]
    return first.source.splitlines()[0].lstrip("#").strip()


@pytest.mark.parametrize("lang", LANGS)
def test_voila_page_regenerates_the_exact_text(lang, chromium_browser, voila_servers,
                                               local_only, screenshots):
    server = voila_servers[lang]
    seed, _ = notebook_facts(server.notebook)
    model = load_pretrained(lang)
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 720})
    blocked = local_only(context, server.url)
    failed = []
    ok = False
    page = context.new_page()
    try:
        page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.url} ({r.status})"))
        page.set_default_timeout(PAGE_TIMEOUT * 1000)
        page.goto(server.url + "/")
        page.wait_for_selector(".lstm-np-text pre")

        heading = page.locator("h1").first.evaluate(
            "h => { const c = h.cloneNode(true); c.querySelectorAll('.anchor-link')"
            ".forEach(a => a.remove()); return c.textContent.trim(); }")
        assert heading == app_title(server.notebook)
        # no code on screen: Voila strips the sources of code cells
        assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor").count() == 0
        assert "load_pretrained" not in page.locator("body").inner_text()

        check_sliders(page, model, seed)
        check_wall(page, lang, app_title(server.notebook), screenshots)

        outside = [url for url in blocked if not url.startswith(VOILA_CDN)]
        assert not outside, f"requests that left 127.0.0.1: {outside}"
        failed_here = [f for f in failed if not f.startswith(VOILA_CDN)]
        assert not failed_here, f"requests that failed: {failed_here}"
        ok = True
    finally:
        try:
            page.mouse.move(0, 0)
            screenshots.save(page, f"voila_{lang}", ok, commit=False)
        finally:
            context.close()


def check_wall(page, lang, title, screenshots):
    """The page as a wall shows it: sizes, width, whole words, language, names, keyboard."""
    for width, height in WALL_SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        wall = page.evaluate(WALL_JS)
        where = f"at {width}x{height}"
        least = max(MIN_BODY_PX, 0.95 * 0.019 * width)
        assert wall["text_px"] >= least, f"{where}: the text is {wall['text_px']} px"
        assert wall["label_px"] >= least, f"{where}: a label is {wall['label_px']} px"
        assert wall["width"] >= 0.9 * wall["window"], \
            f"{where}: the sampler is {wall['width']} px wide in a {wall['window']} px window"
        assert not wall["split"], f"{where}: words split across lines: {wall['split']}"
        if (width, height) != WALL_SIZES[0]:
            page.mouse.move(0, 0)
            screenshots.save(page, f"voila_{lang}_{width}", True, commit=False)
    page.set_viewport_size({"width": WALL_SIZES[0][0], "height": WALL_SIZES[0][1]})
    assert wall["lang"] == lang, f"<html lang={wall['lang']!r}>"
    assert wall["title"] == title, f"<title> is {wall['title']!r}"
    assert not wall["loading"], "the page still says 'Loading widget...'"
    assert len(wall["handles"]) == 3 and all(wall["handles"]), \
        f"slider handles without an accessible name: {wall['handles']}"

    # the keyboard alone: Tab from the top reaches the three sliders and the prime box
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    reached = set()
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("""() => {
            const e = document.activeElement;
            const box = e && e.closest('[class*="lstm-np-"]');
            return box ? Array.from(box.classList).find(c => c.startsWith('lstm-np-')) : null;
        }"""))
    wanted = {"lstm-np-temperature", "lstm-np-k", "lstm-np-length", "lstm-np-prime"}
    assert wanted <= reached, f"Tab does not reach {sorted(wanted - reached)}"

    assert AXE.exists(), f"{AXE} is missing: run `npm ci --prefix tools/slides`"
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_JS)
    assert not violations, f"axe-core: {violations}"
