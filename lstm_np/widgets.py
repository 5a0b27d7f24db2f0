"""Sliders that regenerate text from a trained network at once.

    w = sampler(parameters, vocab, lang=LANG)
    w                              # in a cell tagged nbval-ignore-output: the sliders
    w.children[0].value = 0.5      # in a plain cell: move a slider from code ...
    print(w.result)                # ... and read the text it gives (compared by nbval)
"""
import html

import ipywidgets as widgets
import numpy as np

from .i18n import tr
from .sampling import generate

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
    return ('<pre style="white-space: pre-wrap; font-size: 14px; line-height: 1.5">'
            f'<b>{html.escape(prime)}</b>{html.escape(generated)}</pre>')


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
