"""The sampling sliders work in a real browser, in JupyterLab, as a teacher will use them.

For each language: open (a copy of) the sampling lesson, notebooks/<lang>/05_sampling.ipynb,
in JupyterLab, clear its stored outputs (Edit > Clear Outputs of All Cells) and run it (Run >
Run All Cells), then
move the temperature and k sliders with the keyboard (click the handle, press arrow keys or
Home: one press = one step = one callback). After every move the text box must show exactly
the text ``lstm_np.generate`` gives, computed here, in the test process, for the values the
slider readouts show, the prime in the prime box and the seed written in the notebook's
``sampler(...)`` call. k = 1 must give the greedy text, whatever the temperature (the
checks are in sampler_page.py, shared with the Voila page's test). A screenshot of the
sampler alone, at the state the checks end in, is saved as artifacts/sliders_<lang>.png
(the whole page as artifacts/sliders_<lang>_failed.png when the test fails); with
``--update-screenshots`` it is also copied to img/sliders_<lang>.png, the picture the README
and static readers (GitHub, nbviewer: they show only ``interactive(...)``) get.

DOM: see sampler_page.py. Lab's kernel status is read from the status bar
(``#jp-main-statusbar``), the cells' execution counts from
``.jp-CodeCell .jp-InputArea-prompt``.

Both notebooks are opened, and run, at the same time (in two tabs): loading Lab and starting
a kernel is most of the time, and the two languages then overlap.
"""
import re

import pytest

from lstm_np.storage.checkpoint import load_pretrained
from sampler_page import (TEXT_TIMEOUT, check_sliders, notebook_facts, sampler_screenshot,
                          wait_until)

pytestmark = pytest.mark.browser

LANGS = ("es", "en")
PAGE_LOAD_TIMEOUT = 120         # s: Lab's page and the kernel (about 15 s on an idle machine)
RUN_ALL_TIMEOUT = 240           # s: the whole notebook, top to bottom

STATUS_JS = "() => document.querySelector('#jp-main-statusbar')?.innerText ?? ''"
PROMPTS_JS = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt')).map(e => e.innerText.trim())"""
STDERR_JS = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
    .map(e => e.innerText)"""


# --- driving JupyterLab --------------------------------------------------------------

def kernel_idle(page):
    return "| Idle" in page.evaluate(STATUS_JS)


def click_menu(page, menu, item):
    """Open a menu of Lab's menu bar and click one of its items, as a person would."""
    page.get_by_role("menuitem", name=menu, exact=True).click()
    page.get_by_role("menuitem", name=item, exact=True).click()


def start_run_all(page, code_cells):
    """Wait for the notebook and its kernel; Edit > Clear Outputs of All Cells; Run > Run All.

    Clearing first means that every execution count and the sampler on the page come from
    this run, not from the outputs stored in the notebook.
    """
    page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell")
    assert wait_until(lambda: kernel_idle(page), PAGE_LOAD_TIMEOUT, 0.25), \
        f"the kernel did not start: status bar {page.evaluate(STATUS_JS)!r}"
    assert len(page.evaluate(PROMPTS_JS)) == code_cells, \
        f"{len(page.evaluate(PROMPTS_JS))} code cells on the page, {code_cells} in the notebook"
    click_menu(page, "Edit", "Clear Outputs of All Cells")
    assert wait_until(lambda: all(p == "[ ]:" for p in page.evaluate(PROMPTS_JS)), TEXT_TIMEOUT), \
        f"the outputs were not cleared: {page.evaluate(PROMPTS_JS)}"
    click_menu(page, "Run", "Run All Cells")


def wait_run_all(page):
    """Wait until every code cell has run; if the run stops at an error, fail with its output."""
    def run_state():
        prompts = page.evaluate(PROMPTS_JS)
        if all(re.fullmatch(r"\[\d+\]:", p) for p in prompts):
            return "done"
        started = any(re.fullmatch(r"\[\d+\]:", p) for p in prompts)
        if started and not any("*" in p for p in prompts) and kernel_idle(page):
            return "stopped"
        return None

    assert wait_until(run_state, RUN_ALL_TIMEOUT, 0.25), \
        f"Run All Cells did not finish in {RUN_ALL_TIMEOUT} s: {page.evaluate(PROMPTS_JS)}"
    if run_state() == "stopped":
        pytest.fail("the notebook stopped with an error in JupyterLab (is LSTM_NP_DATA the "
                    "folder of the corpora?). Its stderr outputs:\n"
                    + "\n\n".join(page.evaluate(STDERR_JS)), pytrace=False)
    assert wait_until(lambda: kernel_idle(page), TEXT_TIMEOUT), page.evaluate(STATUS_JS)


class OpenNotebook:
    """One language's notebook in its own tab; `error` is what went wrong while starting it."""

    def __init__(self, lang, page, seed, code_cells):
        self.lang, self.page, self.seed, self.code_cells = lang, page, seed, code_cells
        self.error = None


@pytest.fixture(scope="module")
def notebooks(chromium_browser, jupyter_lab):
    """Both sampling notebooks open in Lab (one tab each), with Run All Cells started in each.

    Only requests to the Lab server are let through; everything else is aborted. A failure
    here is kept and raised by the test of that language, not by both.
    """
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 1000})
    blocked = []

    def only_lab(route):
        if route.request.url.startswith(jupyter_lab.url + "/"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_lab)
    opened = {}
    try:
        for lang in LANGS:
            seed, code_cells = notebook_facts(jupyter_lab.notebook_path(lang))
            page = context.new_page()
            page.set_default_timeout(PAGE_LOAD_TIMEOUT * 1000)
            page.goto(jupyter_lab.notebook_url(lang), wait_until="commit")
            opened[lang] = OpenNotebook(lang, page, seed, code_cells)
        for notebook in opened.values():
            try:
                start_run_all(notebook.page, notebook.code_cells)
            except (Exception, pytest.fail.Exception) as exc:
                notebook.error = exc
        yield opened
    finally:
        if blocked:
            print("requests blocked (not to the Lab server):", *blocked, sep="\n  ")
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_sliders_regenerate_the_exact_text(lang, notebooks, screenshots):
    notebook = notebooks[lang]
    if notebook.error is not None:
        raise notebook.error
    page, seed = notebook.page, notebook.seed
    model = load_pretrained(lang)
    ok = False
    try:
        wait_run_all(page)
        # the notebook's later cells move the sliders from code: the checks start from there
        check_sliders(page, model, seed, idle=lambda: kernel_idle(page))
        ok = True
    finally:
        sampler_screenshot(page, screenshots, f"sliders_{lang}", ok)
