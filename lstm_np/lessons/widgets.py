"""Sliders that regenerate text from a trained network at once.

    w = sampler(parameters, vocab, lang=LANG)
    w                              # in a cell tagged nbval-ignore-output: the sliders
    w.children[0].value = 0.5      # in a plain cell: move a slider from code ...
    print(w.result)                # ... and read the text it gives (compared by nbval)

    wall_page(LANG)                # on the Voila page (notebooks/app/): large type, the full
                                   # width, the page's language
"""
import html

import ipywidgets as widgets
import numpy as np

from ..i18n import tr
from ..engine.generation import generate

DOM_CLASSES = {"temperature": "lstm-np-temperature", "k": "lstm-np-k",
               "length": "lstm-np-length", "prime": "lstm-np-prime",
               "text": "lstm-np-text"}
"""CSS classes of the controls and of the text box, for browser tests (``.lstm-np-k input``)."""

TEMPERATURE_RANGE = (0.1, 2.0)
LENGTH_RANGE = (10, 500)


def _text_html(text, prime_length, error=False):
    """The text for the HTML box: escaped, line breaks kept, the prime in bold."""
    if error:
        return (f'<pre class="lstm-np-error" style="white-space: pre-wrap; color: #b00020">'
                f'{html.escape(text)}</pre>')
    prime, generated = text[:prime_length], text[prime_length:]
    return ('<pre style="white-space: pre-wrap; word-break: normal; overflow-wrap: break-word; '
            'font-size: 14px; line-height: 1.5">'
            f'<b>{html.escape(prime)}</b>{html.escape(generated)}</pre>')


WALL_LOADING = {"es": "Cargando los controles…", "en": "Loading the controls…"}

# The wall: body text 1.9 % of the window's width, at least 24 px (24.3 px at 1280x720,
# 36.5 px at 1920x1080); ipywidgets takes its sizes from these variables.
WALL_CSS = """
:root {
  --lstm-np-wall-font: max(24px, 1.9vw);
  --jp-widgets-font-size: var(--lstm-np-wall-font);
  --jp-widgets-inline-height: calc(1.6 * var(--lstm-np-wall-font));
  --jp-widgets-inline-label-width: 9em;
  --jp-widgets-slider-handle-size: calc(0.8 * var(--lstm-np-wall-font));
  --jp-widgets-slider-track-thickness: calc(0.25 * var(--lstm-np-wall-font));
  --jp-content-font-size1: var(--lstm-np-wall-font);
  --jp-ui-font-size1: var(--lstm-np-wall-font);
}
body, .jp-RenderedHTMLCommon, .jp-RenderedMarkdown p { font-size: var(--lstm-np-wall-font); }
.jp-RenderedHTMLCommon h1 { font-size: calc(1.6 * var(--lstm-np-wall-font)); }
#rendered_cells, #rendered_cells > div { max-width: none; padding: 0 2vw; }
.widget-interact, .widget-interact > .widget-slider, .widget-interact > .widget-text,
.widget-interact > .widget-html {
  width: 100% !important; max-width: none;
  font-size: var(--lstm-np-wall-font);
}
.widget-interact .widget-label, .widget-interact .widget-readout,
.widget-interact input { font-size: var(--lstm-np-wall-font); }
.widget-interact .widget-readout { min-width: 4em; }
.lstm-np-text pre {
  font-size: var(--lstm-np-wall-font) !important;
  line-height: 1.45 !important;
  white-space: pre-wrap; word-break: normal !important; overflow-wrap: normal !important;
  hyphens: none;
}
.lstm-np-text .widget-html-content { word-break: normal; overflow-wrap: normal; }
[data-mime-type="application/vnd.jupyter.widget-view+json"]:not(:has(.widget-interact)) {
  font-size: 0;
}
[data-mime-type="application/vnd.jupyter.widget-view+json"]:not(:has(.widget-interact))::before {
  content: "LOADING"; font-size: var(--lstm-np-wall-font);
}
"""

# The page's language and title, and an accessible name for every slider handle (the
# slider's label), set again whenever the widgets are drawn.
WALL_JS = """
(function () {
  const lang = "LANG";
  function name() {
    document.documentElement.lang = lang;
    const h1 = document.querySelector("h1");
    if (h1) document.title = h1.textContent.replace(/[¶#]\\s*$/, "").trim();
    document.querySelectorAll(".widget-slider").forEach(function (slider) {
      const label = slider.querySelector(".widget-label");
      slider.querySelectorAll(".noUi-handle").forEach(function (handle) {
        if (label && handle.getAttribute("aria-label") !== label.textContent.trim()) {
          handle.setAttribute("aria-label", label.textContent.trim());
        }
      });
    });
  }
  name();
  new MutationObserver(name).observe(document.body, {childList: true, subtree: true});
})();
"""


def wall_page(lang="es"):
    """The look of the Voila sampler page for a wall screen, as HTML to display.

    A style sheet: body text max(24 px, 1.9 % of the window's width), so that it grows with
    the window; the controls and the text use the full width; the generated text breaks
    lines only between words. A script: the page's ``lang`` and title in `lang` (Voila
    writes "en" and the file's name), and each slider handle named by its label for screen
    readers. Display it in the page's first code cell.
    """
    from IPython.display import HTML

    tr("temperature", lang)                     # raises ValueError for a lang not es/en
    css = WALL_CSS.replace("LOADING", WALL_LOADING[lang])
    return HTML(f"<style>{css}</style>\n<script>{WALL_JS.replace('LANG', lang)}</script>")


def sampler(parameters, vocab, lang="es", seed=0, prime="gregorio", length=200,
            temperature=0.8, k=5):
    """Sliders for temperature, k and length and a box for the priming text.

    Every change calls ``sample_text(temperature, k, length, prime)``, which returns
    ``generate(parameters, vocab, prime, temperature, k, length=length,
    rng=np.random.default_rng(seed))``: the prime followed by `length` generated characters.
    The generator is created afresh on every call, so the same slider values always give
    the same text. A prime that is empty or has characters the model does not know gives,
    instead of an exception, a message that starts with "⚠ " (in the language `lang`).

    How the text is shown, and why. ``interactive`` keeps what the callback returns in
    ``w.result`` (here always a plain str), but it shows nothing by itself
    (``auto_display`` is off). Anything the callback printed or displayed would go through
    the Output widget: in a notebook run by nbclient it is stored inside the widget state,
    while nbval's kernel sees it as output of the cell, so the comparison fails; outside
    a kernel ``display`` and ``clear_output`` even write to stdout. So the callback prints
    and displays nothing; it returns the str and puts the same text, HTML-escaped, in a
    ``widgets.HTML`` box below the controls (``<pre>`` with ``white-space: pre-wrap``: no
    quotes, line breaks kept, the prime in bold). Setting a widget's value only sends a comm
    message, which neither nbval nor nbclient count as output. ``clear_output=False`` keeps
    ``interactive`` from clearing the (unused) Output area on every change.

    Parameters
    ----------
    parameters : dict, a trained network.
    vocab : Vocabulary of the network.
    lang : "es" or "en", the language of the descriptions and messages.
    seed : int, seed of the random generator used for every text.
    prime, length, temperature, k : initial values of the controls; temperature in
        [0.1, 2.0], k in 1 .. vocab.size, length in 10 .. 500.

    Returns
    -------
    ipywidgets.interactive
        ``children`` = (temperature FloatSlider, k IntSlider, length IntSlider, prime Text,
        text HTML, Output); ``result`` is the text for the current values; ``text_view`` is
        the HTML box; ``sample_text`` the callback.
    """
    tr("temperature", lang)                     # raises ValueError for a lang not es/en
    if not TEMPERATURE_RANGE[0] <= temperature <= TEMPERATURE_RANGE[1]:
        raise ValueError(f"temperature must be in {TEMPERATURE_RANGE}, got {temperature!r}")
    if not 1 <= k <= vocab.size:
        raise ValueError(f"k must be from 1 to the vocabulary size {vocab.size}, got {k!r}")
    if not LENGTH_RANGE[0] <= length <= LENGTH_RANGE[1]:
        raise ValueError(f"length must be in {LENGTH_RANGE}, got {length!r}")

    layout = widgets.Layout(width="36em")
    style = {"description_width": "8em"}
    controls = {
        "temperature": widgets.FloatSlider(
            value=temperature, min=TEMPERATURE_RANGE[0], max=TEMPERATURE_RANGE[1], step=0.05,
            readout_format=".2f", description=tr("temperature", lang),
            continuous_update=False, layout=layout, style=style),
        "k": widgets.IntSlider(
            value=k, min=1, max=vocab.size, step=1, description=tr("k", lang),
            continuous_update=False, layout=layout, style=style),
        "length": widgets.IntSlider(
            value=length, min=LENGTH_RANGE[0], max=LENGTH_RANGE[1], step=10,
            description=tr("length", lang), continuous_update=False, layout=layout,
            style=style),
        "prime": widgets.Text(
            value=prime, description=tr("prime", lang), continuous_update=False,
            layout=layout, style=style),
    }
    for name, control in controls.items():
        control.add_class(DOM_CLASSES[name])
    text_view = widgets.HTML(layout=widgets.Layout(width="100%"))
    text_view.add_class(DOM_CLASSES["text"])

    def sample_text(temperature, k, length, prime):
        """Return prime + generated text for these values (or a "⚠ " message); print nothing."""
        if not prime:
            text, error = tr("empty_prime", lang), True
        elif set(prime) - set(vocab.char_to_ix):
            bad = "".join(sorted(set(prime) - set(vocab.char_to_ix)))
            text = tr("unknown_prime", lang).format(bad=repr(bad),
                                                    known=repr("".join(vocab.chars)))
            error = True
        else:
            try:
                text = generate(parameters, vocab, prime, length=int(length),
                                temperature=float(temperature), k=int(k),
                                rng=np.random.default_rng(seed))
                error = False
            except ValueError as exc:           # not reachable from the sliders' ranges
                text, error = f"⚠ {exc}", True
        text_view.value = _text_html(text, len(prime), error)
        return text

    w = widgets.interactive(sample_text, clear_output=False, **controls)
    # controls, then the text, then interactive's own Output (where a traceback would appear)
    w.children = (*w.children[:-1], text_view, w.children[-1])
    w.text_view = text_view
    w.sample_text = sample_text
    return w
