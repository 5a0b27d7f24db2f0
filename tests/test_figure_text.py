"""Every figure function the lessons use draws text a slide shows at 24 px or more.

Each plot function of lstm_np.lessons.plots that a lesson calls is drawn here with small
synthetic inputs of the lesson's shapes (a 60-character passage, 100 units, 675 updates, a
400-character text...). On the drawn figure, every visible text artist with text (tick
labels, axis labels, legends, titles, a heatmap's characters, colour-bar labels) must be at
least plots.MIN_TEXT_PX pixels high at the figure's dpi (font size in points * dpi / 72), and
the figure (its tight bounding box, what the inline backend stores) must fit SLIDE_INCHES:
a deck then shows it whole at its own size, that text at MIN_TEXT_PX >= SLIDE_TEXT_PX = 24
pixels. browser_tests/test_decks_fit.py measures the same thing on the decks themselves.

A figure a lesson draws itself (``plt.subplots`` in the lesson) gets its sizes from
plots.STYLE; the last test holds that style to the same minimum.
"""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import lstm_np  # noqa: E402
from lstm_np.core.text import Vocabulary  # noqa: E402
from lstm_np.lessons import plots  # noqa: E402

LANGS = ("es", "en")
PASSAGE = ("gregorio samsa se despertó una mañana\ntras un sueño intranquilo, "
           "encontróse en su cama convertido")[:60]
TEXT = ("una mañana, al despertar de un sueño intranquilo, gregorio samsa se encontró en su "
        "cama convertido en un monstruoso insecto.\nestaba echado sobre el duro caparazón de "
        "su espalda, y, al alzar un poco la cabeza, vio la figura convexa de su vientre oscuro, "
        "surcado por curvadas callosidades, cuya prominencia apenas si podía aguantar la colcha"
        ", que estaba visiblemente a punto de escurrirse hasta el suelo.\nnumerosas patas, "
        "penosamente delgadas en comparación con el grosor normal de sus piernas, se agitaban "
        "sin concierto.")[:400]


def history(updates=675, every=135, start=3.7, seed=0):
    """A training history as Trainer writes it: a loss per update, validation every `every`."""
    rng = np.random.default_rng(seed)
    u = np.arange(1, updates + 1)
    train = start * np.exp(-u / 300) + 1.4 + 0.05 * rng.standard_normal(updates)
    val = [float(x) + 0.1 if i % every == 0 else None for i, x in zip(u, train)]
    return {"update": u.tolist(), "train_loss": train.tolist(), "val_loss": val,
            "epoch": (u / every).tolist()}


def record(n_a=100, T=60, seed=0):
    """A gate record of `gate_activations`' shapes: (n_a, T) per key."""
    rng = np.random.default_rng(seed)
    gates = {k: 1 / (1 + np.exp(-2 * rng.standard_normal((n_a, T)))) for k in ("f", "u", "o")}
    c = np.cumsum(rng.standard_normal((n_a, T)), axis=1)
    return {**gates, "cc": np.tanh(rng.standard_normal((n_a, T))), "c": c,
            "a": gates["o"] * np.tanh(c)}


def saturation(n_a=100, seed=0):
    rng = np.random.default_rng(seed)
    out = {}
    for gate in ("f", "u", "o"):
        low = rng.uniform(0, 1, n_a)
        out[gate] = (low, rng.uniform(0, 1 - low))
    return out


def temperature_grid(lang):
    vocab = Vocabulary.from_text(TEXT)
    parameters = lstm_np.initialize_parameters(n_a=16, n_x=vocab.size, n_y=vocab.size, rng=0)
    return plots.plot_temperature_grid(parameters, vocab, "gregorio sams",
                                       temperatures=[0.5, 1.0, 1.5], ks=[None, 5], lang=lang)


def step_sizes(lang):
    """Lesson 04's own figure: plt.subplots with the style's sizes only."""
    fig, ax = plt.subplots(figsize=(8, 3.8))
    x = np.arange(1, 3001)
    ax.plot(x, 1 / np.sqrt(x), label="con corrección ($\\hat{v}$, $\\hat{s}$)")
    ax.plot(x, 2 / np.sqrt(x), "--", label="sin corrección ($v$, $s$)")
    ax.set_xscale("log")
    ax.set_xlabel("paso de Adam $t$")
    ax.set_ylabel("paso medio $|\\Delta\\theta|\\,/\\,\\alpha$")
    ax.set_title("Corrección de sesgo de Adam")
    ax.legend()
    fig.tight_layout()
    return fig


# every figure call of the lessons (notebooks/source/*.md), with the arguments they use
FIGURES = {
    "01 activations": lambda lang: plots.plot_activations(lang=lang),
    "03 gradient flow": lambda lang: plots.plot_gradient_flow(
        np.geomspace(1e-1, 1e-6, 25), lang=lang),
    "04 loss comparison": lambda lang: plots.plot_loss_comparison(
        {"SGD (α=1)": history(250, 50, seed=1), "SGD (α=5)": history(250, 50, seed=2),
         "Adam (α=0.01)": history(250, 50, seed=3)}, lang=lang),
    "04 step sizes": step_sizes,
    "05 temperature grid": temperature_grid,
    "05 entropy strip": lambda lang: plots.plot_activation_text(
        TEXT[:120], np.linspace(0, 1, 120), lang=lang, label=r"$H / \log_2 n_y$"),
    "06 losses": lambda lang: plots.plot_losses(history(), lang=lang),
    "06 gradient norms": lambda lang: plots.plot_gradient_norms(
        np.geomspace(10, 0.5, 675), np.arange(675) % 7 == 0, lang=lang),
    "06 gradient flow, two networks": lambda lang: plots.plot_gradient_flow(
        {"LSTM": np.geomspace(1e-2, 1e-4, 25), "RNN": np.geomspace(1e-2, 1e-12, 25)},
        lang=lang),
    "07 gates f, u": lambda lang: plots.plot_gates(record(), PASSAGE, lang=lang, units=20,
                                                   chars=plots.HEATMAP_COLUMNS,
                                                   keys=("f", "u")),
    "07 gates o, c": lambda lang: plots.plot_gates(record(), PASSAGE, lang=lang, units=20,
                                                   chars=plots.HEATMAP_COLUMNS,
                                                   keys=("o", "c")),
    "07 saturation": lambda lang: plots.plot_saturation(saturation(), lang=lang),
    "07 one unit over 400 characters": lambda lang: plots.plot_activation_text(
        TEXT, np.sin(np.arange(len(TEXT)) / 5), lang=lang),
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(fig):
    """(text, size in px at the figure's dpi) of every visible, non-empty text of a drawn
    figure."""
    fig.canvas.draw()
    out = []
    for t in fig.findobj(matplotlib.text.Text):
        if not t.get_visible() or not t.get_text().strip():
            continue
        if t.axes is not None and not t.axes.get_visible():
            continue                                  # a hidden axes hides its texts
        out.append((t.get_text(), t.get_fontsize() * fig.dpi / 72))
    return out


def too_small(fig):
    return sorted({(text, round(px, 1)) for text, px in texts(fig) if px < plots.MIN_TEXT_PX})


def fits_the_slide(fig):
    """The figure's tight bounding box (the stored PNG's size) in px, and if it fits
    SLIDE_INCHES."""
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    size = (box.width * fig.dpi, box.height * fig.dpi)
    limit = (plots.SLIDE_INCHES[0] * fig.dpi + 5, plots.SLIDE_INCHES[1] * fig.dpi + 5)
    return size, size[0] <= limit[0] and size[1] <= limit[1]


def test_the_constants_give_24_px_on_a_slide():
    assert plots.MIN_TEXT_PX == pytest.approx(plots.TEXT_PT * plots.DPI / 72)
    assert plots.MIN_TEXT_PX >= plots.SLIDE_TEXT_PX == 24
    assert min(plots.FONT.values()) == plots.TEXT_PT
    assert plots.SLIDE_INCHES[0] * plots.DPI <= 1240 and plots.SLIDE_INCHES[1] * plots.DPI <= 565


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_text_of_a_lesson_figure_is_large_enough(name, lang):
    fig = FIGURES[name](lang)
    found = texts(fig)
    assert found, f"{name}: no text found (the walk over the figure is broken)"
    small = too_small(fig)
    assert not small, (f"{name} ({lang}): {len(small)} text(s) below {plots.MIN_TEXT_PX:.1f} px "
                       f"at {fig.dpi:g} dpi: {small[:6]}")
    size, fits = fits_the_slide(fig)
    assert fits, (f"{name} ({lang}): {size[0]:.0f} x {size[1]:.0f} px, more than "
                  f"SLIDE_INCHES {plots.SLIDE_INCHES} at {fig.dpi:g} dpi")


def test_the_walk_sees_small_text():
    """What the old plots drew: 14 pt ticks at 100 dpi (19.4 px) are found too small, and an
    invisible or empty text is not counted."""
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot([0, 1], [0, 1])
    ax.tick_params(labelsize=14)
    ax.set_xlabel("x", fontsize=plots.FONT["label"])
    ax.text(0.5, 0.5, "hidden", fontsize=6).set_visible(False)
    ax.text(0.5, 0.5, "  ", fontsize=6)
    small = too_small(fig)
    assert small and all(px == pytest.approx(19.4, abs=0.05) for _, px in small)
    assert "hidden" not in {text for text, _ in small}


def test_a_heatmap_of_too_many_characters_does_not_fit():
    """The heatmap keeps its characters' size: 60 columns make it wider than a slide (a deck
    would shrink it, and its text with it), so the lesson shows HEATMAP_COLUMNS of them."""
    fig = plots.plot_gates(record(), PASSAGE, lang="es", units=20, keys=("f", "u"))
    assert not too_small(fig)
    (width, _), fits = fits_the_slide(fig)
    assert not fits and width > plots.SLIDE_INCHES[0] * plots.DPI
