"""Draw the two LSTM diagrams of the notebooks, in Spanish and in English.

Run from the repository root:

    python img/draw_diagrams.py

It writes img/lstm_cell_{es,en}.png (one cell and its gates) and
img/lstm_unrolled_{es,en}.png (the cell unrolled over T_x steps). The notation is the one of
lstm_np/forward.py: a<t> short-term memory, c<t> long-term memory, Gamma_f, Gamma_u, Gamma_o
the gates and c~<t> the candidate.

Drawn for the back row of a 1280x720 slide (issue 29: nothing the class reads under 24 px):
a slide shows a diagram beside its heading and one or two bullets, in a figure's room of
1240 px wide and about 470 px high (tools/slides.py shrinks a figure to the room its slide
leaves, never below the height that keeps its smallest text 24 px). So each diagram is drawn
wide rather than tall, WIDTH_IN x at most HEIGHT_IN inches at DPI pixels per inch (1240x435
and 1240x400 pixels), with few words, and its smallest text is SMALLEST_PT points:
18 * 100 / 72 = 25 px in the PNG, shown at full size on the slide.
Every PNG records in its metadata ("lstm_np.smallest_font_pt", "lstm_np.dpi") the smallest
font size its texts really use and its dpi; tests/test_figures.py and
browser_tests/test_decks_fit.py compute from them and from the size the picture is shown at
how high that text is on a slide (at least 24 px). Drawing also fails if two texts overlap
or a text leaves the picture.
"""
from pathlib import Path

import matplotlib.patheffects as pe
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure       # no pyplot: no window, no backend to choose
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text

OUT = Path(__file__).resolve().parent
DPI = 100
SMALLEST_PT = 18                           # the names of the gates and memories
MID_PT = 20                                # the formulas in the boxes, the states between steps
SYMBOL_PT = 22                             # the inputs and outputs, the × and + signs
WIDTH_IN = 12.4                            # a slide's figure room is 1240 px wide
HEIGHT_IN = 4.35                           # and, beside a heading and two bullets, ~470 px high

# One colour per kind of block, the same in both diagrams.
INK = "#222222"
SIGMOID = {"face": "#dbe8f7", "edge": "#2f6aa3"}   # the three sigmoid gates
TANH = {"face": "#fde4c8", "edge": "#c2671a"}      # the candidate and tanh(c<t>)
SOFTMAX = {"face": "#dcefd9", "edge": "#3d8b37"}   # the output layer
CELL = {"face": "#f4f4f4", "edge": "#9a9a9a"}      # the cell itself
C_LINE = "#b03a2e"                                 # long-term memory c (cell state)
A_LINE = "#2f6aa3"                                 # short-term memory a (hidden state)


def t(v, step="t"):
    """Mathtext for a variable at a time step, e.g. t('a', 't-1') -> $a^{<t-1>}$."""
    return rf"${v}^{{\langle {step} \rangle}}$"


# Few words, each short: the slide's heading and bullets say the rest.
LABELS = {
    "es": {"forget": "olvido", "update": "actualización", "candidate": "candidato",
           "output": "salida", "long": "memoria a largo plazo",
           "short": "memoria a corto plazo"},
    "en": {"forget": "forget", "update": "update", "candidate": "candidate",
           "output": "output", "long": "long-term memory", "short": "short-term memory"},
}


# ----------------------------------------------------------------------------- helpers
def new_axes(xlim, ylim):
    """A figure whose data units are inches: (xlim span) x (ylim span) inches."""
    w, h = xlim[1] - xlim[0], ylim[1] - ylim[0]
    fig = Figure(figsize=(w, h), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def box(ax, x, y, w, h, colors, text="", size=MID_PT, lw=1.8, zorder=2, **kw):
    """A rounded box centred at (x, y) with optional centred text."""
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                boxstyle="round,pad=0,rounding_size=0.08", lw=lw, zorder=zorder,
                                facecolor=colors["face"], edgecolor=colors["edge"]))
    if text:
        ax.text(x, y, text, ha="center", va="center", fontsize=size, color=INK, zorder=3, **kw)


def arrow(ax, *points, color=INK, head=True, lw=1.8, halo=False):
    """A polyline through `points`, with an arrow head at the last point.

    halo=True draws a white outline around it, so that a line crossing it looks passed under.
    """
    style = "-|>" if head else "-"
    effects = [pe.withStroke(linewidth=lw + 5, foreground="white")] if halo else None
    ax.add_patch(FancyArrowPatch(path=MplPath(points), arrowstyle=style, mutation_scale=20,
                                 color=color, lw=lw, joinstyle="miter", capstyle="butt",
                                 zorder=1.5 if halo else 1, path_effects=effects))


def op(ax, x, y, symbol, r=0.17):
    """A circle with an element-wise operation (× or +)."""
    ax.add_patch(Circle((x, y), r, facecolor="white", edgecolor=INK, lw=1.6, zorder=2))
    ax.text(x, y, symbol, ha="center", va="center", fontsize=SYMBOL_PT, color=INK, zorder=3)


def dot(ax, x, y, color=INK):
    """A junction: the line splits here."""
    ax.add_patch(Circle((x, y), 0.05, color=color, zorder=2))


def smallest_font(fig):
    """The smallest font size (points) of the figure's visible, non-empty texts."""
    return min(t.get_fontsize() for t in fig.findobj(Text)
               if t.get_visible() and t.get_text().strip())


def check_layout(fig, name):
    """Fail if two texts overlap or a text reaches past the figure's edge."""
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    texts = [(t.get_text(), t.get_window_extent(renderer)) for t in fig.findobj(Text)
             if t.get_visible() and t.get_text().strip()]
    for i, (text, bb) in enumerate(texts):
        if bb.x0 < frame.x0 or bb.y0 < frame.y0 or bb.x1 > frame.x1 or bb.y1 > frame.y1:
            raise SystemExit(f"{name}: {text!r} is cut by the edge of the picture")
        for other, bb2 in texts[i + 1:]:
            if bb.overlaps(bb2):
                raise SystemExit(f"{name}: {text!r} overlaps {other!r}")


def save(fig, name):
    check_layout(fig, name)
    fig.savefig(OUT / name, dpi=DPI, facecolor="white", bbox_inches="tight", pad_inches=0,
                metadata={"Software": None,          # no version stamp: same bytes every run
                          "lstm_np.smallest_font_pt": f"{smallest_font(fig):g}",
                          "lstm_np.dpi": f"{DPI:g}"})
    print("wrote", OUT.name + "/" + name)


# ----------------------------------------------------------------------------- diagrams
def draw_cell(lang):
    """One LSTM cell, wide: c along the top, the four gates in a row, a and x at the bottom,
    the outputs c<t>, ŷ<t>, a<t> on the right."""
    L = LABELS[lang]
    fig, ax = new_axes((0.0, WIDTH_IN), (0.0, HEIGHT_IN))
    R = 0.2                                       # radius of the × and + circles
    y_c, y_mix, y_gate, y_bus = 3.95, 3.2, 2.2, 1.05   # heights of the main lines
    gh = 1.0                                      # gate box height
    x_left, x_in = 1.05, 1.4                      # where the lines enter; x<t> comes in
    x_cell0, x_cell1 = 1.2, 10.15                 # the cell's left and right edges
    x_right = 11.5                                # where the outputs end

    # the four boxes, left to right: (width, symbol, colours, name, activation)
    specs = [(1.5, r"$\Gamma_f$", SIGMOID, L["forget"], r"\sigma"),
             (2.05, r"$\Gamma_u$", SIGMOID, L["update"], r"\sigma"),
             (1.75, r"$\tilde{c}$", TANH, L["candidate"], r"\tanh"),
             (1.5, r"$\Gamma_o$", SIGMOID, L["output"], r"\sigma")]
    gates, x = [], 1.8
    for w, *rest in specs:
        gates.append((x + w / 2, w, *rest))
        x += w + 0.3
    (x_f, *_), (x_u, *_), (x_cand, *_), (x_og, w_o, *_) = gates
    x_mix = (x_u + x_cand) / 2                    # Γ_u * c̃ is added to c here
    x_o = x_og + w_o / 2 + 0.5                    # a<t> = Γ_o * tanh(c<t>) is made here

    box(ax, (x_cell0 + x_cell1) / 2, 2.4, x_cell1 - x_cell0, 3.7, CELL, lw=1.4, zorder=0)
    for x, w, sym, col, name, act in gates:
        box(ax, x, y_gate, w, gh, col)
        ax.text(x, y_gate + 0.2, rf"{sym}$\,=\,{act}(\cdot)$", ha="center", va="center",
                fontsize=MID_PT, zorder=3)
        ax.text(x, y_gate - 0.24, name, ha="center", va="center", fontsize=SMALLEST_PT,
                color="#333333", zorder=3)

    # inputs: a<t-1> and x<t> are concatenated and feed all four boxes
    arrow(ax, (x_left, y_bus), (x_in - 0.06, y_bus), color=A_LINE)
    arrow(ax, (x_in, 0.25), (x_in, y_bus - 0.06))
    dot(ax, x_in, y_bus)
    arrow(ax, (x_in, y_bus), (x_og, y_bus), (x_og, y_gate - gh / 2))
    for x, *_ in gates[:3]:
        dot(ax, x, y_bus)
        arrow(ax, (x, y_bus), (x, y_gate - gh / 2))
    ax.text(x_in + 0.2, y_bus - 0.1, f"[{t('a', 't-1')}, {t('x')}]", ha="left", va="top",
            fontsize=MID_PT)

    # cell state c: × forget, + update, then out
    arrow(ax, (x_left, y_c), (x_f - R, y_c), color=C_LINE, head=False, lw=3)
    op(ax, x_f, y_c, "×", R)
    arrow(ax, (x_f + R, y_c), (x_mix - R, y_c), color=C_LINE, head=False, lw=3)
    op(ax, x_mix, y_c, "+", R)
    arrow(ax, (x_mix + R, y_c), (x_right, y_c), color=C_LINE, lw=3)
    arrow(ax, (x_f, y_gate + gh / 2), (x_f, y_c - R))                       # Γ_f → ×
    arrow(ax, (x_u, y_gate + gh / 2), (x_u, y_mix), (x_mix - R, y_mix))     # Γ_u → ×
    arrow(ax, (x_cand, y_gate + gh / 2), (x_cand, y_mix), (x_mix + R, y_mix))  # c̃ → ×
    op(ax, x_mix, y_mix, "×", R)
    arrow(ax, (x_mix, y_mix + R), (x_mix, y_c - R))                         # Γ_u * c̃ → +
    ax.text((x_mix + R + x_o) / 2, y_c - 0.1, L["long"], ha="center", va="top",
            fontsize=SMALLEST_PT, color=C_LINE)

    # output: a<t> = Γ_o × tanh(c<t>), then the prediction
    dot(ax, x_o, y_c, C_LINE)
    box(ax, x_o, y_mix, 0.9, 0.46, TANH, "tanh", size=MID_PT)
    arrow(ax, (x_o, y_c), (x_o, y_mix + 0.23), color=C_LINE)
    arrow(ax, (x_o, y_mix - 0.23), (x_o, y_gate + R))
    arrow(ax, (x_og + w_o / 2, y_gate), (x_o - R, y_gate))
    op(ax, x_o, y_gate, "×", R)
    arrow(ax, (x_o, y_gate - R), (x_o, y_bus), (x_right, y_bus), color=A_LINE, halo=True)
    ax.text((x_mix + x_o) / 2, y_bus - 0.1, L["short"], ha="center", va="top",
            fontsize=SMALLEST_PT, color=A_LINE)
    x_sm, y_sm = 10.95, 2.2
    dot(ax, x_sm, y_bus, A_LINE)
    box(ax, x_sm, y_sm, 1.35, 0.5, SOFTMAX, "softmax", size=MID_PT)
    arrow(ax, (x_sm, y_bus), (x_sm, y_sm - 0.25), color=A_LINE)
    arrow(ax, (x_sm, y_sm + 0.25), (x_sm, y_sm + 0.6))
    ax.text(x_sm, y_sm + 0.63, t(r"\hat{y}"), ha="center", va="bottom", fontsize=SYMBOL_PT)

    # the names of the inputs and outputs
    for x, y, sym, ha in [(x_left - 0.06, y_c, t("c", "t-1"), "right"),
                          (x_left - 0.06, y_bus, t("a", "t-1"), "right"),
                          (x_right + 0.06, y_c, t("c"), "left"),
                          (x_right + 0.06, y_bus, t("a"), "left"),
                          (x_in - 0.1, 0.3, t("x"), "right")]:
        ax.text(x, y, sym, ha=ha, va="center", fontsize=SYMBOL_PT)
    save(fig, f"lstm_cell_{lang}.png")


def draw_unrolled(lang):
    """The cell repeated over time on the word "gregorio": a and c flow left to right."""
    fig, ax = new_axes((0.0, WIDTH_IN), (-2.0, 2.0))
    cw, ch = 1.5, 1.4                              # cell size
    y_c, y_a = 0.35, -0.35                         # heights of the c and a lines
    x_dots = 9.0                                   # the "…" between step 3 and step T_x
    # (x position, time index, input character, target character): "gregorio", so T_x = 7
    steps = [(1.9, "1", "g", "r"), (4.5, "2", "r", "e"), (7.1, "3", "e", "g"),
             (11.6, "T_x", "i", "o")]
    GREY = {"face": "#ffffff", "edge": "#9a9a9a"}

    for x, step, ch_in, ch_out in steps:
        box(ax, x, 0, cw, ch, CELL, lw=1.4)
        for i, (sym, col) in enumerate([(r"$\Gamma_f$", SIGMOID), (r"$\Gamma_u$", SIGMOID),
                                        (r"$\tilde{c}$", TANH), (r"$\Gamma_o$", SIGMOID)]):
            gx, gy = x - 0.34 + 0.68 * (i % 2), 0.29 - 0.58 * (i // 2)
            box(ax, gx, gy, 0.6, 0.48, col, sym, size=SMALLEST_PT, lw=1.1)
        arrow(ax, (x, -1.33), (x, -ch / 2))                        # x<t> into the cell
        ax.text(x + 0.08, -1.04, t("x", step), ha="left", va="center", fontsize=SYMBOL_PT)
        box(ax, x, -1.66, 0.56, 0.56, GREY, f"'{ch_in}'", size=SYMBOL_PT, family="monospace",
            lw=1.3)
        arrow(ax, (x, ch / 2), (x, 1.33))                          # ŷ<t> out of it
        ax.text(x + 0.08, 1.02, t(r"\hat{y}", step), ha="left", va="center",
                fontsize=SYMBOL_PT)
        box(ax, x, 1.66, 0.56, 0.56, SOFTMAX, f"'{ch_out}'", size=SYMBOL_PT,
            family="monospace", lw=1.3)
    for y in (-1.66, 0, 1.66):
        ax.text(x_dots, y, "…", ha="center", va="center", fontsize=28, color="#555555")

    # a and c carried from each step to the next (and into the first one)
    x1, x2, x3, x_last = (x for x, *_ in steps)
    links = [(0.05, x1 - cw / 2, "0"), (x1 + cw / 2, x2 - cw / 2, "1"),
             (x2 + cw / 2, x3 - cw / 2, "2"), (x3 + cw / 2, x_dots - 0.3, "3"),
             (x_dots + 0.3, x_last - cw / 2, "T_x-1")]
    for x0, x1, step in links:
        arrow(ax, (x0, y_c), (x1, y_c), color=C_LINE, lw=3)
        arrow(ax, (x0, y_a), (x1, y_a), color=A_LINE, lw=2.4)
        ax.text((x0 + x1) / 2, y_c + 0.06, t("c", step), ha="center", va="bottom",
                fontsize=MID_PT)
        ax.text((x0 + x1) / 2, y_a - 0.06, t("a", step), ha="center", va="top",
                fontsize=MID_PT)
    save(fig, f"lstm_unrolled_{lang}.png")


if __name__ == "__main__":
    for lang in ("es", "en"):
        draw_cell(lang)
        draw_unrolled(lang)
