"""The Voila sampler page (notebooks/app/sampler_<lang>.ipynb) works in a real browser.

For each language, Voila is started as the README says (``voila
notebooks/app/sampler_<lang>.ipynb --no-browser --Voila.ip=127.0.0.1``, on a free port)
and the page is opened in Chromium with every request that leaves the server aborted. The
page must show the title of the app notebook, no code, and one sampler; then the same
slider checks as in JupyterLab (sampler_page.check_sliders): after every key press on a
slider, exactly the text ``lstm_np.generate`` gives for the values shown and the seed of
the notebook's ``sampler(...)`` call, computed here.

Requests: Voila 0.5.13's page template links two Font Awesome style sheets from
cdn.jsdelivr.net (its own bundle already holds Font Awesome, so nothing on the page needs
them). They are aborted like everything else; any other request that leaves the server, or
any request that fails, fails the test. A screenshot of the page goes to
artifacts/voila_<lang>.png.
"""
import nbformat
import pytest

from lstm_np.checkpoint import load_pretrained
from sampler_page import check_sliders, notebook_facts

pytestmark = pytest.mark.browser

LANGS = ("es", "en")
PAGE_TIMEOUT = 90               # s: Voila runs the notebook before the widgets show
VOILA_CDN = "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@"  # see the docstring


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
