"""The sampling sliders work in a real browser, in JupyterLab, as a teacher will use them.

For each language: open (a copy of) notebooks/<lang>/04_sampling.ipynb in JupyterLab, clear
its stored outputs (Edit > Clear Outputs of All Cells) and run it (Run > Run All Cells), then
move the temperature and k sliders with the keyboard (click the handle, press arrow keys or
Home: one press = one step = one callback). After every move the text box must show exactly
the text ``lstm_np.generate`` gives, computed here, in the test process, for the values the
slider readouts show, the prime in the prime box and the seed written in the notebook's
``sampler(...)`` call. k = 1 must give the greedy text, whatever the temperature. A
screenshot of the sliders and the text is saved as artifacts/sliders_<lang>.png
(artifacts/sliders_<lang>_failed.png when the test fails).

DOM (ipywidgets 8 in JupyterLab 4): each slider is ``.lstm-np-<name>``, with a noUiSlider
handle ``.noUi-handle`` (role=slider, aria-valuenow) and a readout ``.widget-readout``; the
prime is the ``input`` inside ``.lstm-np-prime``; the text is the ``pre`` inside
``.lstm-np-text``. Lab's kernel status is read from the status bar (``#jp-main-statusbar``),
the cells' execution counts from ``.jp-CodeCell .jp-InputArea-prompt``.

Both notebooks are opened, and run, at the same time (in two tabs): loading Lab and starting
a kernel is most of the time, and the two languages then overlap.
"""
import math
import re
import time

import nbformat
import numpy as np
import pytest

import lstm_np
from lstm_np.checkpoint import load_pretrained

pytestmark = pytest.mark.browser

LANGS = ("es", "en")
PAGE_LOAD_TIMEOUT = 120         # s: Lab's page and the kernel (about 15 s on an idle machine)
RUN_ALL_TIMEOUT = 240           # s: the whole notebook, top to bottom
TEXT_TIMEOUT = 30               # s: for the text to follow a slider
SETTLE = 0.75                   # s: the text must stay right this long, with the kernel idle
TEMPERATURE_STEP = 0.05         # the temperature slider's step (lstm_np.widgets)

STATUS_JS = "() => document.querySelector('#jp-main-statusbar')?.innerText ?? ''"
PROMPTS_JS = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt')).map(e => e.innerText.trim())"""
STDERR_JS = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
    .map(e => e.innerText)"""
WIDGET_STATE_JS = """() => {
    const one = (sel) => document.querySelector(sel);
    const readout = (name) => one(`.lstm-np-${name} .widget-readout`)?.innerText.trim() ?? null;
    const aria = (name) =>
        one(`.lstm-np-${name} .noUi-handle`)?.getAttribute('aria-valuenow') ?? null;
    const pre = one('.lstm-np-text pre');
    return {
        temperature: readout('temperature'), k: readout('k'), length: readout('length'),
        temperature_aria: aria('temperature'), k_aria: aria('k'),
        prime: one('.lstm-np-prime input')?.value ?? null,
        text: pre ? pre.textContent : null,
        samplers: document.querySelectorAll('.lstm-np-temperature').length,
    };
}"""


# --- what the test expects, computed here ---------------------------------------------------

def notebook_facts(path):
    """The seed given to `sampler(...)` in the notebook, and its number of code cells."""
    nb = nbformat.read(path, as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code" and "sampler(" in c.source]
    assert len(cells) == 1, f"{path}: expected one cell that calls sampler(...), got {len(cells)}"
    match = re.search(r"\bseed\s*=\s*(\d+)", cells[0])
    assert match, f"{path}: the sampler(...) cell does not set seed=<int>:\n{cells[0]}"
    return int(match.group(1)), sum(c.cell_type == "code" for c in nb.cells)


def expected_text(model, state, seed):
    return lstm_np.generate(model.parameters, model.vocab, state["prime"], state["length"],
                            state["temperature"], state["k"], rng=np.random.default_rng(seed))


# --- reading and driving the page --------------------------------------------------------------

def wait_until(condition, timeout, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


def kernel_idle(page):
    return "| Idle" in page.evaluate(STATUS_JS)


def widget_state(page):
    """What the page shows: the slider readouts as numbers, the prime, the text."""
    raw = page.evaluate(WIDGET_STATE_JS)
    assert raw["samplers"] == 1, f"expected one sampler on the page, found {raw['samplers']}"
    assert None not in raw.values(), f"the sampler's controls are not all on the page: {raw}"
    state = dict(raw, temperature=float(raw["temperature"]), k=int(raw["k"]),
                 length=int(raw["length"]))
    # what a person reads (the readout) is the handle's value
    assert math.isclose(state["temperature"], float(raw["temperature_aria"]), abs_tol=1e-9), raw
    assert state["k"] == float(raw["k_aria"]), raw
    return state


def wait_for_text(page, model, seed, what, **values):
    """Wait until the readouts show `values` and the text is exactly generate(...) for them.

    The text must stay right for SETTLE seconds with the kernel idle, so that no callback is
    still queued. Returns the page's state.
    """
    def readouts_show_values():
        state = widget_state(page)
        return all(math.isclose(state[name], value, abs_tol=1e-9)
                   for name, value in values.items())

    ok = wait_until(readouts_show_values, TEXT_TIMEOUT)
    state = widget_state(page)
    assert ok, f"{what}: the sliders show {state}, expected {values}"
    expected = expected_text(model, state, seed)

    settled_since = None
    deadline = time.monotonic() + TEXT_TIMEOUT
    while time.monotonic() < deadline:
        state = widget_state(page)
        if state["text"] == expected and kernel_idle(page):
            settled_since = settled_since or time.monotonic()
            if time.monotonic() - settled_since >= SETTLE:
                return state
        else:
            settled_since = None
        time.sleep(0.1)
    shown = widget_state(page)
    values_shown = {name: shown[name] for name in ("temperature", "k", "length", "prime")}
    assert shown["text"] == expected, (f"{what}: for {values_shown} and seed {seed} the page "
                                       f"does not show the text lstm_np.generate gives")
    pytest.fail(f"{what}: the kernel did not become idle: {page.evaluate(STATUS_JS)!r}",
                pytrace=False)


def press(page, control, key, times):
    """Click a slider's handle, as a person would, then press `key` `times` times."""
    handle = page.locator(f".lstm-np-{control} .noUi-handle")
    handle.click()
    for _ in range(times):
        handle.press(key)


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
def test_sliders_regenerate_the_exact_text(lang, notebooks, artifacts):
    notebook = notebooks[lang]
    if notebook.error is not None:
        raise notebook.error
    page, seed = notebook.page, notebook.seed
    model = load_pretrained(lang)
    ok = False
    try:
        wait_run_all(page)
        page.locator(".lstm-np-text pre").scroll_into_view_if_needed()

        # 1. as the notebook left the sliders (its later cells move them from code)
        start = wait_for_text(page, model, seed, "after Run All")
        t0, k0 = start["temperature"], start["k"]
        assert k0 > 3, f"the test needs k > 3 to start with, the page shows k = {k0}"

        # 2. temperature four steps up: four key presses, four callbacks
        t1 = round(t0 + 4 * TEMPERATURE_STEP, 10)
        press(page, "temperature", "ArrowRight", 4)
        warmer = wait_for_text(page, model, seed, "temperature up", temperature=t1, k=k0)
        assert warmer["text"] != start["text"], "the test needs T to change the text"

        # 3. k down to 1 (Home): greedy decoding, the same text at any temperature
        press(page, "k", "Home", 1)
        greedy = wait_for_text(page, model, seed, "k = 1", temperature=t1, k=1)
        assert greedy["text"] != warmer["text"], "the test needs k = 1 to change the text"
        greedy_text = lstm_np.generate(model.parameters, model.vocab, start["prime"],
                                       start["length"], 1.0, 1, rng=np.random.default_rng(seed))
        assert greedy["text"] == greedy_text

        t2 = round(t1 - 6 * TEMPERATURE_STEP, 10)
        press(page, "temperature", "ArrowLeft", 6)
        greedy_again = wait_for_text(page, model, seed, "k = 1, temperature down",
                                     temperature=t2, k=1)
        assert greedy_again["text"] == greedy_text

        # 4. k up to 3
        press(page, "k", "ArrowRight", 2)
        top3 = wait_for_text(page, model, seed, "k = 3", temperature=t2, k=3)
        assert top3["text"] != greedy_text, "the test needs k = 3 to change the text"
        ok = True
    finally:
        save_screenshot(page, artifacts, lang, ok)


def save_screenshot(page, artifacts, lang, ok):
    """artifacts/sliders_<lang>.png, the sampler's cell at the top; *_failed.png on failure."""
    for old in (f"sliders_{lang}.png", f"sliders_{lang}_failed.png"):
        (artifacts / old).unlink(missing_ok=True)
    try:
        sampler = page.locator(".widget-interact")
        if sampler.count():
            sampler.first.evaluate("e => e.closest('.jp-Cell').scrollIntoView({block: 'start'})")
            page.wait_for_timeout(200)
        page.screenshot(path=str(artifacts / f"sliders_{lang}{'' if ok else '_failed'}.png"))
    except Exception:
        if ok:
            raise                   # the screenshot is part of what the test delivers
        # after a failure, do not hide the real error behind a screenshot error
