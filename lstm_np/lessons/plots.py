"""Figures for the notebooks, labelled in Spanish or English, drawn for a projector.

Every function takes ``lang="es"`` or ``lang="en"``, takes its words from `lstm_np.i18n`,
makes its own figure and returns it. In a notebook, assign it (``fig = plot_losses(...)``):
the inline backend shows the picture once, while a trailing ``;`` does not hide the return
value when nbval runs the cell. `html_activation` returns HTML instead.

One style for every figure of the lessons (`STYLE`, set when this module is imported, so
that a lesson's own ``plt.subplots`` gets it too): a figure is drawn at DPI = 100 pixels per
inch, at most SLIDE_INCHES = 12 x 6.4 inches (1200 x 640 pixels: what a 1280x720 slide shows
without scaling it down), and its smallest text is FONT["tick"] = 14 points, which is
14 * 100 / 72 = 19.4 pixels on the slide (the lessons' prose is 19 pixels). In JupyterLab and
on GitHub the same picture is shown at most at its own size.

In a notebook, every figure's PNG output also records, in its output metadata
(``metadata["image/png"]["lstm_np"]``), the smallest font size it uses and its dpi
(`record_fonts`): a test computes from them and from the stored image's size how large that
text is on a slide.
"""
import html
import math

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from ..core.activations import sigmoid, softmax
from ..i18n import check_lang, tr
from ..core.sampling import next_char_distribution

GATE_TITLES = {
    "f": (r"$\Gamma_f$", "forget_gate"),
    "u": (r"$\Gamma_u$", "update_gate"),
    "o": (r"$\Gamma_o$", "output_gate"),
    "cc": (r"$\tilde{c}$", "candidate"),
    "c": (r"$c$", "cell_state"),
    "a": (r"$a$", "hidden_state"),
}

LN2 = math.log(2.0)
DPI = 100
SLIDE_INCHES = (12.0, 6.4)
FONT = {"title": 18, "label": 16, "tick": 14}
STYLE = {
    "figure.dpi": DPI, "savefig.dpi": "figure", "figure.figsize": (10.0, 5.0),
    "font.size": FONT["tick"], "axes.titlesize": FONT["title"],
    "axes.labelsize": FONT["label"], "xtick.labelsize": FONT["tick"],
    "ytick.labelsize": FONT["tick"], "legend.fontsize": FONT["tick"],
    "legend.title_fontsize": FONT["tick"], "figure.titlesize": FONT["title"],
    "lines.linewidth": 2.2, "axes.linewidth": 1.2,
}


def use_style():
    """Set `STYLE` in matplotlib's rcParams (done when this module is imported)."""
    matplotlib.rcParams.update(STYLE)


def smallest_font(fig):
    """The smallest font size, in points, of the visible, non-empty texts of a drawn figure."""
    sizes = [t.get_fontsize() for t in fig.findobj(matplotlib.text.Text)
             if t.get_visible() and t.get_text().strip() and t.figure is not None]
    return min(sizes) if sizes else None


def _png_recording_fonts(fig):
    """The inline backend's PNG of `fig`, with {"lstm_np": {...}} as its output metadata."""
    from IPython.core.pylabtools import print_figure
    data = print_figure(fig, "png", bbox_inches="tight", base64=True)
    if data is None:                              # an empty figure: nothing is displayed
        return None
    font = smallest_font(fig)
    return data, {"lstm_np": {"smallest_font_pt": None if font is None else round(font, 2),
                              "dpi": float(fig.dpi)}}


def record_fonts():
    """In IPython, display every matplotlib Figure with `_png_recording_fonts`.

    The inline backend sets its own PNG formatter when it starts (at the first figure, after
    this module is imported), so ours is set again before every cell and after it, before
    the backend shows the cell's figures.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return

    def ours():
        shell.display_formatter.formatters["image/png"].for_type(
            matplotlib.figure.Figure, _png_recording_fonts)

    ours()
    for event in ("pre_execute", "post_execute"):
        if ours.__qualname__ not in {getattr(f, "__qualname__", "")
                                     for f in shell.events.callbacks[event]}:
            shell.events.register(event, ours)


use_style()
record_fonts()


def display_char(ch):
    """A character as it is drawn on an axis: "⏎" for a newline, "␣" for a space."""
    return {"\n": "⏎", " ": "␣", "\t": "⇥"}.get(ch, ch)


def gate_title(key, lang):
    """Mathtext symbol and name of a record key, e.g. r"$\\Gamma_f$: forget gate"."""
    symbol, name = GATE_TITLES[key]
    return f"{symbol}: {tr(name, lang)}"


def _to_float_array(values):
    """List with None (not evaluated) -> float array with nan."""
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float)


def _add_bits_axis(ax, lang):
    """Right-hand axis in bits per character: L_bits = L_nats / ln 2."""
    secondary = ax.secondary_yaxis("right", functions=(lambda v: v / LN2, lambda v: v * LN2))
    secondary.set_ylabel(tr("loss_bits", lang), fontsize=FONT["label"])
    return secondary


def _draw_history(ax, history, lang, color=None, prefix=None):
    """Train (solid) and validation (dashed) loss of one history against the update number."""
    updates = _to_float_array(history["update"])
    train = _to_float_array(history["train_loss"])
    keep = np.isfinite(train)
    name_train = tr("train", lang) if prefix is None else f"{prefix} ({tr('train', lang)})"
    line, = ax.plot(updates[keep], train[keep], color=color, lw=1.6, label=name_train)
    if history.get("val_loss") is not None:
        val = _to_float_array(history["val_loss"])
        keep = np.isfinite(val)
        if keep.any():
            name_val = (tr("validation", lang) if prefix is None
                        else f"{prefix} ({tr('validation', lang)})")
            ax.plot(updates[keep], val[keep], "--", marker="o", ms=3.5, lw=1.6,
                    color=line.get_color() if prefix is not None else "tab:orange",
                    label=name_val)
    return line


def _style_loss_axes(ax, lang, title):
    ax.set_title(title, fontsize=FONT["title"])
    ax.set_xlabel(tr("update", lang), fontsize=FONT["label"])
    ax.set_ylabel(tr("loss_nats", lang), fontsize=FONT["label"])
    ax.tick_params(labelsize=FONT["tick"])
    ax.grid(alpha=0.3)
    ax.legend(fontsize=FONT["tick"], loc="upper right", framealpha=0.9)
    _add_bits_axis(ax, lang)


# --- activation functions --------------------------------------------------------------------

def plot_activations(lang="es"):
    """Sigmoid and tanh on [-6, 6] with their derivatives, dashed (left); the softmax of an
    example score vector (right).

    The derivatives are what backpropagation multiplies by: sigma'(z) = sigma(z)(1 - sigma(z)),
    at most 1/4 (at z = 0), and tanh'(z) = 1 - tanh(z)^2, at most 1 (at z = 0).
    """
    check_lang(lang)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.4))
    z = np.linspace(-6, 6, 400)
    s = sigmoid(z)
    left.plot(z, s, lw=2, color="tab:blue", label=rf"{tr('sigmoid', lang)} $\sigma(z)$")
    left.plot(z, np.tanh(z), lw=2, color="tab:orange", label=r"$\tanh(z)$")
    left.plot(z, s * (1 - s), "--", lw=2, color="tab:blue",
              label=r"$\sigma'(z) \leq 1/4$")
    left.plot(z, 1 - np.tanh(z) ** 2, "--", lw=2, color="tab:orange",
              label=r"$\tanh'(z) \leq 1$")
    left.axhline(0, color="grey", lw=0.8)
    left.axvline(0, color="grey", lw=0.8)
    left.set_title(tr("activations_title", lang), fontsize=FONT["title"])
    left.set_xlabel("$z$", fontsize=FONT["label"])
    left.set_ylabel(tr("activation", lang), fontsize=FONT["label"])
    left.legend(fontsize=FONT["tick"], loc="lower right", framealpha=0.9)
    left.grid(alpha=0.3)

    scores = np.array([2.0, 1.0, 0.1, -1.0, 3.0])
    probs = softmax(scores[:, None])[:, 0]
    bars = right.bar(np.arange(len(scores)), probs, color="tab:blue")
    right.bar_label(bars, labels=[f"{p:.2f}" for p in probs], fontsize=FONT["tick"])
    right.set_xticks(np.arange(len(scores)), [f"{s:g}" for s in scores])
    right.set_title(tr("softmax_title", lang), fontsize=FONT["title"])
    right.set_xlabel(f"{tr('score', lang)} $z_k$", fontsize=FONT["label"])
    right.set_ylabel(tr("probability", lang), fontsize=FONT["label"])
    right.set_ylim(0, max(probs) * 1.18)
    right.grid(axis="y", alpha=0.3)
    for ax in (left, right):
        ax.tick_params(labelsize=FONT["tick"])
    fig.tight_layout()
    return fig


# --- losses --------------------------------------------------------------------------------

def _figure_and_axes(ax, figsize=(8, 4)):
    """A new figure with one axes, or the figure of the axes given."""
    if ax is None:
        return plt.subplots(figsize=figsize)
    return ax.figure, ax


def plot_losses(history, lang="es", ax=None, title=None):
    """Training and validation loss against the update number, in nats and bits per character.

    Parameters
    ----------
    history : dict of lists
        "update", "train_loss", "val_loss" (nats per character; None or nan where validation
        was not evaluated, those points are skipped) and optionally "epoch" (the epoch of each
        entry, update / updates-per-epoch: a dotted line marks where each epoch ends).
    lang : "es" or "en".
    ax : matplotlib Axes, optional; draw there instead of in a new figure.
    title : str, optional; default the translated "Loss during training".

    Returns
    -------
    matplotlib Figure. The right-hand axis converts nats to bits: L_bits = L_nats / ln 2.
    """
    check_lang(lang)
    own = ax is None
    fig, ax = _figure_and_axes(ax)
    _draw_history(ax, history, lang)
    pairs = [(u, e) for u, e in zip(history["update"], history.get("epoch") or []) if e]
    if pairs:
        # epoch = update / updates_per_epoch, so epoch e ends at update e * updates_per_epoch
        per_epoch = pairs[-1][0] / pairs[-1][1]
        ends = [e * per_epoch for e in range(1, int(pairs[-1][1]) + 1)]
        for i, u in enumerate(ends[:30]):
            ax.axvline(u, color="grey", ls=":", lw=1,
                       label=tr("epoch_end", lang) if i == 0 else None)
    _style_loss_axes(ax, lang, tr("loss_title", lang) if title is None else title)
    if own:
        fig.tight_layout()
    return fig


def plot_loss_comparison(histories, lang="es", title=None):
    """Several training runs on one plot: one colour per run, train solid, validation dashed.

    Parameters
    ----------
    histories : dict label -> history (as in `plot_losses`), e.g. {"SGD": h1, "Adam": h2}.
    lang : "es" or "en".
    title : str, optional; default the translated "Loss comparison".
    """
    check_lang(lang)
    fig, ax = plt.subplots(figsize=(8, 4))
    for i, (label, history) in enumerate(histories.items()):
        _draw_history(ax, history, lang, color=f"C{i}", prefix=label)
    _style_loss_axes(ax, lang, tr("loss_comparison_title", lang) if title is None else title)
    fig.tight_layout()
    return fig


# --- what the gates do ------------------------------------------------------------------------

def plot_gates(record, text, lang="es", units=20, keys=("f", "u", "o", "c")):
    """Heatmaps of Gamma_f, Gamma_u, Gamma_o and c: one row per unit, one column per character.

    Parameters
    ----------
    record : dict from `lstm_np.lessons.analysis.gate_activations(parameters, vocab, text)`.
    text : str, the text the record was made from (its characters label the columns).
    lang : "es" or "en".
    units : int, how many hidden units to show (the first ones).
    keys : which record entries to draw, from "f", "u", "cc", "o", "c", "a".

    Gates live in [0, 1] and share one colour map (0 closed, 1 open); c (and c~, a) get a
    diverging map centred on 0, blue negative and red positive.
    """
    check_lang(lang)
    T = len(text)
    if record[keys[0]].shape[1] != T:
        raise ValueError(f"the record has {record[keys[0]].shape[1]} columns but the text has "
                         f"{T} characters")
    units = min(units, record[keys[0]].shape[0])
    # a column per character, 0.17 inch wide: room for a FONT["tick"] character; a longer
    # text than fits SLIDE_INCHES gets smaller characters (too small for a slide)
    width = min(max(8.0, 1.6 + 0.17 * T), SLIDE_INCHES[0])
    tick_size = min(FONT["tick"], FONT["tick"] * (width - 1.6) / (0.17 * T))
    row_height = 0.9 + 0.075 * units
    fig, axes = plt.subplots(len(keys), 1, figsize=(width, row_height * len(keys) + 0.4),
                             squeeze=False)
    for ax, key in zip(axes[:, 0], keys):
        values = record[key][:units]
        if key in ("f", "u", "o"):
            image = ax.imshow(values, aspect="auto", interpolation="nearest", cmap="viridis",
                              vmin=0.0, vmax=1.0)
        else:
            limit = max(float(np.max(np.abs(values))), 1e-6)
            image = ax.imshow(values, aspect="auto", interpolation="nearest", cmap="RdBu_r",
                              vmin=-limit, vmax=limit)
        fig.colorbar(image, ax=ax, pad=0.01, fraction=0.03)
        ax.set_title(gate_title(key, lang), fontsize=FONT["title"], loc="left")
        ax.set_ylabel(tr("hidden_unit", lang), fontsize=FONT["label"])
        ax.set_xticks(np.arange(T), [display_char(ch) for ch in text], fontsize=tick_size)
        ax.tick_params(axis="x", length=0)
        ax.tick_params(axis="y", labelsize=FONT["tick"])
    axes[-1, 0].set_xlabel(tr("character", lang), fontsize=FONT["label"])
    fig.tight_layout()
    return fig


def plot_saturation(saturation, lang="es", low=0.1, high=0.9):
    """Gate saturation as in Karpathy, Johnson and Fei-Fei (2015), fig. 3: one dot per unit.

    x is the fraction of time the unit is left-saturated (< low), y the fraction it is
    right-saturated (> high). Every dot lies below the diagonal x + y = 1 (drawn dashed);
    dots on it are units that are always either closed or open.

    Parameters
    ----------
    saturation : dict from `lstm_np.lessons.analysis.gate_saturation`,
        gate -> (frac_low, frac_high).
    lang : "es" or "en".
    low, high : the thresholds used for the saturation (only for the axis labels).
    """
    check_lang(lang)
    fig, axes = plt.subplots(1, 3, figsize=(12, 5.0), sharey=True)
    for i, (ax, gate) in enumerate(zip(axes, ("f", "u", "o"))):
        frac_low, frac_high = saturation[gate]
        ax.plot([0, 1], [1, 0], "--", color="grey", lw=1)
        ax.scatter(frac_low, frac_high, s=22, alpha=0.6, color=f"C{i}", edgecolor="none")
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.set_aspect("equal")
        ax.set_title(gate_title(gate, lang), fontsize=FONT["title"])
        ax.tick_params(labelsize=FONT["tick"])
        ax.grid(alpha=0.3)
    # one x label for the three panels: at the slide's font size, three would overlap
    fig.supxlabel(tr("left_saturated", lang).format(low=low), fontsize=FONT["label"])
    axes[0].set_ylabel(tr("right_saturated", lang).format(high=high), fontsize=FONT["label"])
    fig.suptitle(tr("saturation_title", lang), fontsize=FONT["title"])
    fig.tight_layout()
    return fig


def plot_gradient_flow(norms, lang="es"):
    """||dL_T/da<t>|| against the time step t, on a log scale (see `analysis.gradient_flow`).

    norms : array (T,), or a dict label -> array (T,) to draw several networks on one axes
    (with a legend).
    """
    check_lang(lang)
    curves = norms if isinstance(norms, dict) else {None: norms}
    fig, ax = plt.subplots(figsize=(8, 4))
    for label, values in curves.items():
        values = np.asarray(values, dtype=float)
        t = np.arange(1, len(values) + 1)
        ax.semilogy(t, values, marker="o", ms=4, lw=1.5, label=label)
    ax.set_title(tr("gradient_flow_title", lang), fontsize=FONT["title"])
    ax.set_xlabel(f"{tr('time_step', lang)} $t$", fontsize=FONT["label"])
    ax.set_ylabel(tr("gradient_norm", lang)
                  + r"  $\|\partial L_T / \partial a^{\langle t \rangle}\|$",
                  fontsize=FONT["label"])
    ax.tick_params(labelsize=FONT["tick"])
    ax.grid(alpha=0.3, which="both")
    if isinstance(norms, dict):
        ax.legend(fontsize=FONT["tick"], loc="lower right", framealpha=0.9)
    fig.tight_layout()
    return fig


def plot_gradient_norms(norms, clipped, lang="es"):
    """The norm of the whole gradient at every update of a training run, on a log scale, with
    a red cross on each update in which clipping changed some entry.

    Parameters
    ----------
    norms : array (U,), the gradient's norm before clipping at updates 1 .. U
        (`Trainer.measures["gradient_norm"]`).
    clipped : bool array (U,), True where clipping acted (`Trainer.measures["clipped"]`).
    lang : "es" or "en".
    """
    check_lang(lang)
    norms = np.asarray(norms, dtype=float)
    clipped = np.asarray(clipped, dtype=bool)
    updates = np.arange(1, len(norms) + 1)
    fig, ax = plt.subplots(figsize=(10, 4.5))
    ax.semilogy(updates, norms, lw=1.2, color="tab:blue",
                label=tr("gradient_norm", lang) + r" $\|d\theta\|$")
    ax.plot(updates[clipped], norms[clipped], "x", color="tab:red", ms=9, mew=2,
            label=tr("clipped_update", lang).format(n=int(clipped.sum())))
    ax.set_title(tr("gradient_norms_title", lang), fontsize=FONT["title"])
    ax.set_xlabel(tr("update", lang), fontsize=FONT["label"])
    ax.set_ylabel(tr("gradient_norm", lang), fontsize=FONT["label"])
    ax.tick_params(labelsize=FONT["tick"])
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=FONT["tick"], loc="upper right", framealpha=0.9)
    fig.tight_layout()
    return fig


# --- sampling -----------------------------------------------------------------------------

def _bar_distribution(ax, probs, chars, lang, title, top, show_xlabel=True, show_ylabel=True,
                      order=None):
    probs = np.asarray(probs, dtype=float)
    if len(chars) != len(probs):
        raise ValueError(f"{len(probs)} probabilities but {len(chars)} characters")
    if order is None:
        order = np.argsort(-probs, kind="stable")
    order = np.asarray(order)[:top]
    ax.bar(np.arange(len(order)), probs[order], color="tab:blue")
    ax.set_xticks(np.arange(len(order)), [display_char(chars[i]) for i in order],
                  fontsize=FONT["label"])
    ax.set_xlim(-0.6, max(len(order), 5) - 0.4)
    ax.tick_params(axis="y", labelsize=FONT["tick"])
    ax.grid(axis="y", alpha=0.3)
    ax.set_title(title, fontsize=FONT["title"])
    if show_xlabel:
        ax.set_xlabel(tr("next_char", lang), fontsize=FONT["label"])
    if show_ylabel:
        ax.set_ylabel(tr("probability", lang), fontsize=FONT["label"])


def plot_temperature_grid(parameters, vocab, prime, temperatures, ks, lang="es", top=15):
    """A grid of next-character distributions after `prime`: one row per temperature T,
    one column per k, each panel ``next_char_distribution(parameters, vocab.char_to_ix,
    prime, T, k)``. Lower T sharpens the distribution, k cuts it to the k likeliest
    characters (k = None keeps all). All panels share the y axis (probability 0 to 1).
    Three temperatures fit in SLIDE_INCHES' height: rows of 1.85 inch.
    """
    check_lang(lang)
    temperatures, ks = list(temperatures), list(ks)
    fig, axes = plt.subplots(len(temperatures), len(ks), squeeze=False, sharey=True,
                             figsize=(4.6 * len(ks) + 0.8, 1.85 * len(temperatures) + 0.7))
    # One order for every panel: the model's own ranking, which no T changes (softmax(z / T)
    # keeps the order of z); characters cut by k then show as missing bars, not new labels.
    full = next_char_distribution(parameters, vocab.char_to_ix, prime, 1.0, None)
    order = np.argsort(-full, kind="stable")
    for r, temperature in enumerate(temperatures):
        for col, k in enumerate(ks):
            probs = next_char_distribution(parameters, vocab.char_to_ix, prime, temperature, k)
            k_shown = vocab.size if k is None else k
            _bar_distribution(axes[r, col], probs, vocab.chars, lang,
                              f"T = {temperature:g}, k = {k_shown}", top,
                              show_xlabel=r == len(temperatures) - 1, show_ylabel=col == 0,
                              order=order)
            axes[r, col].set_ylim(0, 1.0)
    shown = "".join(display_char(ch) for ch in prime[-30:])
    fig.suptitle(tr("after_prime", lang).format(prime=shown), fontsize=FONT["title"])
    fig.tight_layout()
    return fig


# --- one unit over a text, as coloured characters -------------------------------------------

def html_activation(text, values):
    """Each character of `text` on a background coloured by its value in [-1, 1].

    Blue for negative, white for 0, red for positive (as in the cell visualisations of
    Karpathy, Johnson and Fei-Fei 2015). Values outside [-1, 1] are clipped; hovering shows
    the value. A newline is drawn as "⏎" and then breaks the line.

    Parameters
    ----------
    text : str of length T.
    values : array (T,), e.g. ``record["c"][unit]`` or ``np.tanh(record["c"][unit])``.

    Returns
    -------
    IPython.display.HTML
    """
    from IPython.display import HTML

    values = np.asarray(values, dtype=float)
    if values.shape != (len(text),):
        raise ValueError(f"values must have shape ({len(text)},), one per character, "
                         f"got {values.shape}")
    red, blue = np.array([214, 39, 40]), np.array([31, 119, 180])
    spans = []
    for ch, v in zip(text, np.clip(np.nan_to_num(values), -1.0, 1.0)):
        strength = abs(v) * 0.85
        colour = (1 - strength) * 255 + strength * (red if v > 0 else blue)
        r, g, b = (int(round(x)) for x in colour)
        shown = "⏎" if ch == "\n" else html.escape(ch)
        spans.append(f'<span style="background-color: rgb({r},{g},{b})" '
                     f'title="{v:+.2f}">{shown}</span>')
        if ch == "\n":
            spans.append("<br>")
    body = "".join(spans)
    return HTML('<div style="font-family: monospace; font-size: 14px; line-height: 1.6; '
                f'white-space: pre-wrap; color: black">{body}</div>')


def plot_activation_text(text, values, lang="es", title=None, columns=60, label=None):
    """The picture of `html_activation`, drawn with matplotlib: it keeps its colours where
    HTML loses them (GitHub strips inline styles; a PNG survives every static viewer).

    Each character of `text` sits in a cell of a grid of `columns` columns, on a background
    coloured by its value in [-1, 1]: blue for negative, white for 0, red for positive. A
    newline is drawn as "⏎" and starts a new row; a space is left blank. A colour bar gives
    the scale.

    Parameters
    ----------
    text : str of length T.
    values : array (T,), e.g. ``np.tanh(record["c"][unit])``.
    lang : "es" or "en", for the colour bar's label.
    title : optional title.
    columns : characters per row.
    label : the colour bar's label, if the values are not an activation (default: the word
        "activation" in `lang`).

    Returns
    -------
    matplotlib.figure.Figure
    """
    check_lang(lang)
    values = np.asarray(values, dtype=float)
    if values.shape != (len(text),):
        raise ValueError(f"values must have shape ({len(text)},), one per character, "
                         f"got {values.shape}")
    rows, row, col = [], [], 0
    for ch, v in zip(text, np.clip(np.nan_to_num(values), -1.0, 1.0)):
        row.append(("⏎" if ch == "\n" else ch, v))
        col += 1
        if ch == "\n" or col == columns:
            rows.append(row)
            row, col = [], 0
    if row:
        rows.append(row)
    grid = np.full((len(rows), columns), np.nan)
    for r, cells in enumerate(rows):
        grid[r, :len(cells)] = [v for _ch, v in cells]
    # a cell of 0.16 x 0.34 inch holds a FONT["tick"] character
    width = min(SLIDE_INCHES[0], 0.16 * columns + 1.8)
    fig, ax = plt.subplots(figsize=(width, 0.34 * len(rows) + (1.0 if title else 0.7)))
    from matplotlib.colors import LinearSegmentedColormap
    red, blue = np.array([214, 39, 40]) / 255, np.array([31, 119, 180]) / 255
    cmap = LinearSegmentedColormap.from_list(      # the colours of html_activation
        "activation", [0.15 + 0.85 * blue, (1, 1, 1), 0.15 + 0.85 * red]
    ).with_extremes(bad="white")
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=-1.0, vmax=1.0,
                      aspect="auto", interpolation="nearest")
    for r, cells in enumerate(rows):
        for c, (ch, _value) in enumerate(cells):
            if ch != " ":
                ax.text(c, r + 0.05, ch, ha="center", va="center", fontsize=FONT["tick"],
                        family="monospace")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = fig.colorbar(image, ax=ax, fraction=0.025, pad=0.01)
    bar.set_label(tr("activation", lang) if label is None else label, fontsize=FONT["label"])
    bar.ax.tick_params(labelsize=FONT["tick"])
    if title:
        ax.set_title(title, fontsize=FONT["title"])
    fig.tight_layout()
    return fig
