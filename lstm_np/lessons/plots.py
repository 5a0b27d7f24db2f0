"""Figures for the notebooks, labelled in Spanish or English, drawn for a projector.

Every function takes ``lang="es"`` or ``lang="en"``, takes its words from `lstm_np.i18n`,
makes its own figure and returns it. In a notebook, assign it (``fig = plot_losses(...)``):
the inline backend shows the picture once, while a trailing ``;`` does not hide the return
value when nbval runs the cell. `html_activation` returns HTML instead.

One style for every figure of the lessons (`STYLE`, set when this module is imported, so
that a lesson's own ``plt.subplots`` gets it too), chosen from one number, TEXT_PT = 20 points:
the smallest text a figure holds (tick labels, legends, a heatmap's characters). A figure is
drawn at DPI = 100 pixels per inch, at most SLIDE_INCHES = 12 x 5.4 inches (1200 x 540 pixels:
what a 1280x720 slide shows beside a heading without scaling it down), so its smallest text
is MIN_TEXT_PX = 20 * 100 / 72 = 27.8 pixels high in the PNG and on the slide; a deck may
shrink a figure to SLIDE_TEXT_PX / MIN_TEXT_PX = 86 % of its size before that text is below
SLIDE_TEXT_PX = 24 pixels, what the back row of a classroom needs. Labels are TEXT_PT + 2,
titles TEXT_PT + 4. To fit, a figure holds few, large things: at most HEATMAP_COLUMNS
characters on a heatmap, a few ticks, short legends. In JupyterLab and in the book the same
picture is shown at most at its own size.

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
SLIDE_INCHES = (12.0, 5.4)
TEXT_PT = 20                                # the smallest text of every figure, in points
FONT = {"title": TEXT_PT + 4, "label": TEXT_PT + 2, "tick": TEXT_PT}
MIN_TEXT_PX = TEXT_PT * DPI / 72            # 27.8 px in the PNG
SLIDE_TEXT_PX = 24                          # the least a slide may show it at
COLUMN_INCHES = 0.3                         # a heatmap's column: a TEXT_PT character
HEATMAP_MARGIN_INCHES = 2.6                 # its unit axis and colour bar
HEATMAP_COLUMNS = int((SLIDE_INCHES[0] - HEATMAP_MARGIN_INCHES) / COLUMN_INCHES)   # 31
CELL_INCHES = (0.22, 0.4)                   # a character of plot_activation_text
TEXT_MARGIN_INCHES = 1.6                    # its colour bar
TEXT_COLUMNS = int((SLIDE_INCHES[0] - TEXT_MARGIN_INCHES) / CELL_INCHES[0])         # 47
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
    """The inline backend's PNG of `fig`, with {"lstm_np": {...}} as its output metadata;
    the PNG itself carries the same two numbers (tEXt chunks "lstm_np.smallest_font_pt" and
    "lstm_np.dpi", as the diagrams of img/ do), so that a deck's test can read them from
    the image it shows."""
    from IPython.core.pylabtools import print_figure
    if not fig.axes and not fig.lines:            # an empty figure: nothing is displayed
        return None
    fig.draw_without_rendering()                  # makes the tick labels
    font = smallest_font(fig)
    font = None if font is None else round(font, 2)
    record = {"lstm_np.dpi": f"{fig.dpi:g}"}
    if font is not None:
        record["lstm_np.smallest_font_pt"] = f"{font:g}"
    data = print_figure(fig, "png", bbox_inches="tight", base64=True, metadata=record)
    return data, {"lstm_np": {"smallest_font_pt": font, "dpi": float(fig.dpi)}}


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


def _two_lines(text):
    """`text` broken at the space nearest its middle (an axis label longer than its axis)."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "\n" + text[cut + 1:]


def _to_float_array(values):
    """List with None (not evaluated) -> float array with nan."""
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float)


def _add_bits_axis(ax, lang):
    """Right-hand axis in bits per character: L_bits = L_nats / ln 2."""
    secondary = ax.secondary_yaxis("right", functions=(lambda v: v / LN2, lambda v: v * LN2))
    secondary.set_ylabel(tr("loss_bits", lang), fontsize=FONT["label"])
    return secondary


def _draw_history(ax, history, lang, color=None, prefix=None):
    """Train (solid) and validation (dashed) loss of one history against the update number.

    With a `prefix` (a run of a comparison) the train line is labelled with the prefix alone
    and the validation line not at all: the legend then has one entry per run, and
    `plot_loss_comparison` adds one for each line style."""
    updates = _to_float_array(history["update"])
    train = _to_float_array(history["train_loss"])
    keep = np.isfinite(train)
    name_train = tr("train", lang) if prefix is None else prefix
    line, = ax.plot(updates[keep], train[keep], color=color, lw=2, label=name_train)
    if history.get("val_loss") is not None:
        val = _to_float_array(history["val_loss"])
        keep = np.isfinite(val)
        if keep.any():
            name_val = tr("validation", lang) if prefix is None else "_nolegend_"
            ax.plot(updates[keep], val[keep], "--", marker="o", ms=5, lw=2,
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
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(5))
    _add_bits_axis(ax, lang)


# --- activation functions --------------------------------------------------------------------

def plot_activations(lang="es"):
    """Sigmoid and tanh on [-6, 6] with their derivatives, dashed (left); the softmax of an
    example score vector (right).

    The derivatives are what backpropagation multiplies by: sigma'(z) = sigma(z)(1 - sigma(z)),
    at most 1/4 (at z = 0), and tanh'(z) = 1 - tanh(z)^2, at most 1 (at z = 0).
    """
    check_lang(lang)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11.8, 5.2))
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
    # two columns of the legend above the curves: sigma and sigma', tanh and tanh'
    handles, labels = left.get_legend_handles_labels()
    order = [0, 2, 1, 3]
    left.legend([handles[i] for i in order], [labels[i] for i in order], ncol=2,
                fontsize=FONT["tick"], loc="upper left", framealpha=0.9, handlelength=1.2,
                borderpad=0.3, labelspacing=0.25, columnspacing=0.8)
    left.set_ylim(-1.15, 2.15)
    left.set_yticks([-1, 0, 1])
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
    right.set_yticks([0, 0.25, 0.5])
    right.grid(axis="y", alpha=0.3)
    for ax in (left, right):
        ax.tick_params(labelsize=FONT["tick"])
    fig.tight_layout()
    return fig


# --- losses --------------------------------------------------------------------------------

def _figure_and_axes(ax, figsize=(12, 4.8)):
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
        The legend, beside the axes, has one entry per run (its colour) and one per line
        style.
    lang : "es" or "en".
    title : str, optional; default the translated "Loss comparison".
    """
    check_lang(lang)
    fig, ax = plt.subplots(figsize=(12, 5.2), layout="constrained")
    for i, (label, history) in enumerate(histories.items()):
        _draw_history(ax, history, lang, color=f"C{i}", prefix=label)
    # the line styles, as empty lines of the axes (a later ax.legend() keeps them)
    ax.plot([], [], color="grey", lw=2, label=tr("train", lang))
    if any(h.get("val_loss") is not None for h in histories.values()):
        ax.plot([], [], "--", marker="o", ms=5, lw=2, color="grey",
                label=tr("validation", lang))
    _style_loss_axes(ax, lang, tr("loss_comparison_title", lang) if title is None else title)
    # beside the axes, where it hides no curve (constrained layout leaves it room)
    ax.get_legend().remove()
    fig.legend(loc="outside right upper", fontsize=FONT["tick"], framealpha=0.9)
    return fig


# --- what the gates do ------------------------------------------------------------------------

def plot_gates(record, text, lang="es", units=20, keys=("f", "u", "o", "c"), chars=None):
    """Heatmaps of Gamma_f, Gamma_u, Gamma_o and c: one row per unit, one column per character.

    Parameters
    ----------
    record : dict from `lstm_np.lessons.analysis.gate_activations(parameters, vocab, text)`.
    text : str, the text the record was made from (its characters label the columns).
    lang : "es" or "en".
    units : int, how many hidden units to show (the first ones).
    keys : which record entries to draw, from "f", "u", "cc", "o", "c", "a".
    chars : int, how many characters to show (the first ones; default all). A column is
        COLUMN_INCHES wide, room for a character of TEXT_PT points: HEATMAP_COLUMNS
        characters fill a slide's width.

    Gates live in [0, 1] and share one colour map (0 closed, 1 open); c (and c~, a) get a
    diverging map centred on 0, blue negative and red positive. The panels share the
    characters, written under the last one.
    """
    check_lang(lang)
    T = len(text)
    if record[keys[0]].shape[1] != T:
        raise ValueError(f"the record has {record[keys[0]].shape[1]} columns but the text has "
                         f"{T} characters")
    shown = T if chars is None else min(int(chars), T)
    units = min(units, record[keys[0]].shape[0])
    width = max(6.0, HEATMAP_MARGIN_INCHES + COLUMN_INCHES * shown)
    fig, axes = plt.subplots(len(keys), 1, figsize=(width, len(keys) * (0.75 + 0.065 * units)
                                                    + 0.5),
                             squeeze=False, sharex=True)
    for ax, key in zip(axes[:, 0], keys):
        values = record[key][:units, :shown]
        if key in ("f", "u", "o"):
            image = ax.imshow(values, aspect="auto", interpolation="nearest", cmap="viridis",
                              vmin=0.0, vmax=1.0)
        else:
            limit = max(float(np.max(np.abs(values))), 1e-6)
            image = ax.imshow(values, aspect="auto", interpolation="nearest", cmap="RdBu_r",
                              vmin=-limit, vmax=limit)
        bar = fig.colorbar(image, ax=ax, pad=0.01, fraction=0.03,
                           ticks=[0, 0.5, 1] if key in ("f", "u", "o")
                           else matplotlib.ticker.MaxNLocator(3, symmetric=True))
        bar.ax.tick_params(labelsize=FONT["tick"])
        ax.set_title(gate_title(key, lang), fontsize=FONT["title"], loc="left")
        ax.yaxis.set_major_locator(matplotlib.ticker.MultipleLocator(10))
        ax.tick_params(axis="x", length=0)
        ax.tick_params(axis="y", labelsize=FONT["tick"])
    last = axes[-1, 0]
    last.set_xticks(np.arange(shown), [display_char(ch) for ch in text[:shown]],
                    fontsize=FONT["tick"])
    last.set_xlabel(tr("character", lang), fontsize=FONT["label"])
    fig.supylabel(tr("hidden_unit", lang), fontsize=FONT["label"])     # one for all panels
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
    fig, axes = plt.subplots(1, 3, figsize=(12, 5.4), sharey=True)
    for i, (ax, gate) in enumerate(zip(axes, ("f", "u", "o"))):
        frac_low, frac_high = saturation[gate]
        ax.plot([0, 1], [1, 0], "--", color="grey", lw=1.5)
        ax.scatter(frac_low, frac_high, s=40, alpha=0.6, color=f"C{i}", edgecolor="none")
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.set_xticks([0, 0.5, 1], ["0", "0.5", "1"])
        ax.set_yticks([0, 0.5, 1], ["0", "0.5", "1"])
        ax.set_aspect("equal")
        # the symbol alone: a third of a slide has no room for the gate's name
        ax.set_title(GATE_TITLES[gate][0], fontsize=FONT["title"])
        ax.tick_params(labelsize=FONT["tick"])
        ax.grid(alpha=0.3)
    # one x label for the three panels: at the slide's font size, three would overlap
    fig.supxlabel(tr("left_saturated", lang).format(low=low), fontsize=FONT["label"])
    axes[0].set_ylabel(_two_lines(tr("right_saturated", lang).format(high=high)),
                       fontsize=FONT["label"])
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
    fig, ax = plt.subplots(figsize=(12, 5.2))
    for label, values in curves.items():
        values = np.asarray(values, dtype=float)
        t = np.arange(1, len(values) + 1)
        ax.semilogy(t, values, marker="o", ms=6, lw=2, label=label)
    ax.set_title(tr("gradient_flow_title", lang), fontsize=FONT["title"])
    ax.set_xlabel(f"{tr('time_step', lang)} $t$", fontsize=FONT["label"])
    ax.set_ylabel(tr("gradient_norm", lang)
                  + "\n" + r"$\|\partial L_T / \partial a^{\langle t \rangle}\|$",
                  fontsize=FONT["label"])
    ax.tick_params(labelsize=FONT["tick"])
    ax.grid(alpha=0.3, which="both")
    if isinstance(norms, dict):
        ax.legend(fontsize=FONT["tick"], loc="best", framealpha=0.9)
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
    fig, ax = plt.subplots(figsize=(12, 5.2))
    ax.semilogy(updates, norms, lw=1.5, color="tab:blue",
                label=tr("gradient_norm", lang) + r" $\|d\theta\|$")
    ax.plot(updates[clipped], norms[clipped], "x", color="tab:red", ms=11, mew=2.5,
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

def _bar_distribution(ax, probs, chars, top, order=None):
    """The `top` likeliest characters' probabilities as bars (in `order` if given), each
    labelled with its character under the axis."""
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
    ax.tick_params(axis="x", length=0)
    ax.grid(axis="y", alpha=0.3)


def plot_temperature_grid(parameters, vocab, prime, temperatures, ks, lang="es", top=10):
    """A grid of next-character distributions after `prime`: one row per temperature T,
    one column per k, each panel ``next_char_distribution(parameters, vocab.char_to_ix,
    prime, T, k)``, its `top` likeliest characters. Lower T sharpens the distribution, k cuts
    it to the k likeliest characters (k = None keeps all). All panels share both axes: the
    probability from 0 to 1, and the characters in one order, written under the last row;
    each column says its k above it, each row its T on the left. Three temperatures fit in
    SLIDE_INCHES' height.
    """
    check_lang(lang)
    temperatures, ks = list(temperatures), list(ks)
    fig, axes = plt.subplots(len(temperatures), len(ks), squeeze=False, sharey=True,
                             sharex=True, layout="constrained",
                             figsize=(5.4 * len(ks) + 1.0, 1.45 * len(temperatures) + 1.0))
    # One order for every panel: the model's own ranking, which no T changes (softmax(z / T)
    # keeps the order of z); characters cut by k then show as missing bars, not new labels.
    full = next_char_distribution(parameters, vocab.char_to_ix, prime, 1.0, None)
    order = np.argsort(-full, kind="stable")
    for r, temperature in enumerate(temperatures):
        for col, k in enumerate(ks):
            probs = next_char_distribution(parameters, vocab.char_to_ix, prime, temperature, k)
            ax = axes[r, col]
            _bar_distribution(ax, probs, vocab.chars, top, order=order)
            ax.set_ylim(0, 1.0)
            ax.set_yticks([0, 1])
            if r == 0:
                ax.set_title(f"k = {vocab.size if k is None else k}", fontsize=FONT["title"])
            if col == 0:
                ax.set_ylabel(f"T = {temperature:g}", fontsize=FONT["label"], rotation=0,
                              ha="right", va="center")
    fig.supxlabel(tr("next_char", lang), fontsize=FONT["label"])
    fig.supylabel(tr("probability", lang), fontsize=FONT["label"])
    shown = "".join(display_char(ch) for ch in prime[-30:])
    fig.suptitle(tr("after_prime", lang).format(prime=shown), fontsize=FONT["title"])
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


def plot_activation_text(text, values, lang="es", title=None, columns=None, label=None):
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
    columns : characters per row (default TEXT_COLUMNS, as many as a slide's width holds).
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
    columns = TEXT_COLUMNS if columns is None else columns
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
    # a cell of CELL_INCHES holds a TEXT_PT character
    width = CELL_INCHES[0] * columns + TEXT_MARGIN_INCHES
    fig, ax = plt.subplots(figsize=(width, CELL_INCHES[1] * len(rows)
                                    + (1.0 if title else 0.5)))
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
    bar = fig.colorbar(image, ax=ax, fraction=0.025, pad=0.01, ticks=[-1, 0, 1])
    bar.set_label(tr("activation", lang) if label is None else label, fontsize=FONT["label"])
    bar.ax.tick_params(labelsize=FONT["tick"])
    if title:
        ax.set_title(title, fontsize=FONT["title"])
    fig.tight_layout()
    return fig
