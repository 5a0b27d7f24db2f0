"""The sampler's sliders on a page (JupyterLab or Voila): read them, move them, check the text.

Shared by test_sliders.py (the sampling lesson in JupyterLab) and test_voila.py (the Voila
page of notebooks/app/). After every move the text box must show exactly the text
``lstm_np.generate`` gives, computed here, in the test process, for the values the slider
readouts show, the prime in the prime box and the seed written in the notebook's
``sampler(...)`` call.

DOM (ipywidgets 8): each slider is ``.lstm-np-<name>``, with a noUiSlider handle
``.noUi-handle`` (role=slider, aria-valuenow) and a readout ``.widget-readout``; the prime is
the ``input`` inside ``.lstm-np-prime``; the text is the ``pre`` inside ``.lstm-np-text``; the
whole sampler is ``.widget-interact``.
"""
import math
import re
import time

import nbformat
import numpy as np
import pytest

import lstm_np

TEXT_TIMEOUT = 30               # s: for the text to follow a slider
SETTLE = 0.75                   # s: the text must stay right this long (and the kernel idle)
TEMPERATURE_STEP = 0.05         # the temperature slider's step (lstm_np.lessons.widgets)

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
    return lstm_np.generate(model.parameters, model.vocab, state["prime"], state["temperature"],
                            state["k"], length=state["length"], rng=np.random.default_rng(seed))


# --- reading and driving the page --------------------------------------------------------------

def wait_until(condition, timeout, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


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


def wait_for_text(page, model, seed, what, idle=None, **values):
    """Wait until the readouts show `values` and the text is exactly generate(...) for them.

    The text must stay right for SETTLE seconds (and `idle()` be true, when the page shows
    the kernel's state, as Lab does), so that no callback is still queued. Returns the
    page's state.
    """
    idle = idle or (lambda: True)

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
        if state["text"] == expected and idle():
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
    pytest.fail(f"{what}: the kernel did not become idle", pytrace=False)


def press(page, control, key, times):
    """Click a slider's handle, as a person would, then press `key` `times` times."""
    handle = page.locator(f".lstm-np-{control} .noUi-handle")
    handle.click()
    for _ in range(times):
        handle.press(key)


def check_sliders(page, model, seed, idle=None):
    """Move temperature and k with the keyboard; after each move, the exact text.

    Ends at a fixed state for a given notebook: k = 3, the temperature two steps below
    where the notebook left it (the state of the committed screenshots). Returns it.
    """
    page.locator(".lstm-np-text pre").scroll_into_view_if_needed()

    # 1. as the notebook left the sliders
    start = wait_for_text(page, model, seed, "at the start", idle)
    t0, k0 = start["temperature"], start["k"]
    assert k0 > 3, f"the test needs k > 3 to start with, the page shows k = {k0}"

    # 2. temperature four steps up: four key presses, four callbacks
    t1 = round(t0 + 4 * TEMPERATURE_STEP, 10)
    press(page, "temperature", "ArrowRight", 4)
    warmer = wait_for_text(page, model, seed, "temperature up", idle, temperature=t1, k=k0)
    assert warmer["text"] != start["text"], "the test needs T to change the text"

    # 3. k down to 1 (Home): greedy decoding, the same text at any temperature
    press(page, "k", "Home", 1)
    greedy = wait_for_text(page, model, seed, "k = 1", idle, temperature=t1, k=1)
    assert greedy["text"] != warmer["text"], "the test needs k = 1 to change the text"
    greedy_text = lstm_np.generate(model.parameters, model.vocab, start["prime"], 1.0, 1,
                                   length=start["length"], rng=np.random.default_rng(seed))
    assert greedy["text"] == greedy_text

    t2 = round(t1 - 6 * TEMPERATURE_STEP, 10)
    press(page, "temperature", "ArrowLeft", 6)
    greedy_again = wait_for_text(page, model, seed, "k = 1, temperature down", idle,
                                 temperature=t2, k=1)
    assert greedy_again["text"] == greedy_text

    # 4. k up to 3
    press(page, "k", "ArrowRight", 2)
    top3 = wait_for_text(page, model, seed, "k = 3", idle, temperature=t2, k=3)
    assert top3["text"] != greedy_text, "the test needs k = 3 to change the text"
    return top3


def sampler_screenshot(page, screenshots, name, ok):
    """The sampler alone (.widget-interact), no focus ring, no hover: screenshots.save(name).

    On failure, the whole page instead (to see what went wrong), as <name>_failed.png.
    """
    try:
        page.mouse.move(0, 0)
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        sampler = page.locator(".widget-interact")
        target = sampler.first if ok and sampler.count() == 1 else page
        if target is not page:
            target.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        screenshots.save(target, name, ok)
    except Exception:
        if ok:
            raise                   # the screenshot is part of what the test delivers
        # after a failure, do not hide the real error behind a screenshot error
