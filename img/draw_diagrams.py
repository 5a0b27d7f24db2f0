"""Draw the two LSTM diagrams of the notebooks, in Spanish and in English.

Run from the repository root:

    python img/draw_diagrams.py

It writes img/lstm_cell_{es,en}.png (one cell and its gates) and
img/lstm_unrolled_{es,en}.png (the cell unrolled over T_x steps). The notation is the one of
lstm_np/forward.py: a<t> short-term memory, c<t> long-term memory, Gamma_f, Gamma_u, Gamma_o
the gates and c~<t> the candidate.

Drawn for a projector: a diagram is shown on a 1280x720 slide in a figure's room of
1240x640 CSS pixels (tools/slides/template/lstm_np_reveal/lstm_np_slides.css: max-width
100 %, max-height 640px, never enlarged). Each is drawn in inches (one data unit is one inch)
at DPI pixels per inch, at most about 12.4 x 6.4 inches (1245x655 and 1210x630 pixels), and
its smallest text is SMALLEST_PT points: 14 * 100 / 72 = 19.4 px in the PNG, 19.0 px (the
cell, scaled by 640/655 into the room) and 19.4 px (unrolled, not scaled) on a slide.
Every PNG records in its metadata ("lstm_np.smallest_font_pt", "lstm_np.dpi") the smallest
font size its texts really use and its dpi; tests/test_figures.py computes from them and
from the PNG's size how high that text is on a slide (at least 18 px). Drawing also fails
if two texts overlap or a text leaves the picture.
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
SMALLEST_PT = 14                           # the names, the legend (as the lessons' tick labels)
MID_PT = 16                                # the formulas in the boxes, the equations
SYMBOL_PT = 18                             # the inputs and outputs, the × and + signs
TITLE_PT = 18

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


LABELS = {
    "es": {
        "cell_title": "Una celda LSTM",
        "forget": "compuerta\nde olvido", "update": "compuerta de\nactualización",
        "candidate": "candidato", "output": "compuerta\nde salida",
        "long": "memoria a\nlargo plazo", "short": "memoria a\ncorto plazo",
        "concat": "concatenación",
        "sigmoid": r"$\sigma$: sigmoide", "tanh": "tanh: tangente hiperbólica",
        "times": "producto elemento a elemento (* en las fórmulas)",
        "plus": "suma elemento a elemento",
        "args": r"($\cdot$) = $W\,[a^{\langle t-1 \rangle}, x^{\langle t \rangle}] + b$,"
                " con $W$, $b$ propios de cada caja",
        "unrolled_title": r"LSTM desenrollada en el tiempo ($T_x$ pasos)",
        "shared": "los mismos parámetros $W$, $b$ en todos los pasos",
        "example": "entrada «gregori» → objetivo «regorio» (aquí $T_x = 7$):"
                   " cada paso predice el carácter siguiente",
    },
    "en": {
        "cell_title": "One LSTM cell",
        "forget": "forget\ngate", "update": "update\ngate",
        "candidate": "candidate", "output": "output\ngate",
        "long": "long-term\nmemory", "short": "short-term\nmemory",
        "concat": "concatenation",
        "sigmoid": r"$\sigma$: sigmoid", "tanh": "tanh: hyperbolic tangent",
        "times": "element-wise product (* in the formulas)", "plus": "element-wise sum",
        "args": r"($\cdot$) = $W\,[a^{\langle t-1 \rangle}, x^{\langle t \rangle}] + b$,"
                " with its own $W$, $b$ for each box",
        "unrolled_title": r"LSTM unrolled through time ($T_x$ steps)",
        "shared": "the same parameters $W$, $b$ at every step",
        "example": "input “gregori” → target “regorio” (here $T_x = 7$):"
                   " each step predicts the next character",
    },
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
    ax.add_patch(FancyArrowPatch(path=MplPath(points), arrowstyle=style, mutation_scale=15,
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
    fig.savefig(OUT / name, dpi=DPI, facecolor="white", bbox_inches="tight", pad_inches=0.05,
                metadata={"Software": None,          # no version stamp: same bytes every run
                          "lstm_np.smallest_font_pt": f"{smallest_font(fig):g}",
                          "lstm_np.dpi": f"{DPI:g}"})
    print("wrote", OUT.name + "/" + name)


# ----------------------------------------------------------------------------- diagrams
def draw_cell(lang):
    """One LSTM cell: c along the top, the four gates in the middle, a and x at the bottom."""
    L = LABELS[lang]
    fig, ax = new_axes((-0.15, 12.2), (0.0, 6.45))
    R = 0.17                                      # radius of the × and + circles
    y_c, y_bus, y_gate, y_mix = 4.5, 1.85, 2.85, 3.8  # heights of the main lines
    gw, gh = 1.55, 1.1                            # gate box size
    x_cell0, x_cell1 = 1.4, 10.3                # the cell's left and right edges
    x_in, x_mix, x_o = 1.75, 5.4, 9.35         # x<t> enters; Γ_u * c̃ is added; a<t> leaves
    x_sm = 9.95                                   # column of a<t> going up to the softmax
    x_left, x_right = 1.2, 10.7                  # where the lines enter and leave

    box(ax, (x_cell0 + x_cell1) / 2, 3.15, x_cell1 - x_cell0, 3.5, CELL, lw=1.4, zorder=0)

    # the four boxes: (x, symbol, colours, name, activation)
    gates = [(2.85, r"$\Gamma_f$", SIGMOID, L["forget"], r"$\sigma$"),
             (4.55, r"$\Gamma_u$", SIGMOID, L["update"], r"$\sigma$"),
             (6.25, r"$\tilde{c}$", TANH, L["candidate"], "tanh"),
             (7.95, r"$\Gamma_o$", SIGMOID, L["output"], r"$\sigma$")]
    for x, sym, col, name, act in gates:
        box(ax, x, y_gate, gw, gh, col)
        ax.text(x, y_gate + 0.3, rf"{sym} = {act}$(\cdot)$", ha="center", va="center",
                fontsize=MID_PT, zorder=3)
        ax.text(x, y_gate - 0.2, name, ha="center", va="center", fontsize=SMALLEST_PT,
                color="#444444", linespacing=1.05, zorder=3)

    # inputs: a<t-1> and x<t> are concatenated and feed all four boxes
    arrow(ax, (x_left, y_bus), (x_in - 0.06, y_bus), color=A_LINE)
    arrow(ax, (x_in, 0.95), (x_in, y_bus - 0.06))
    dot(ax, x_in, y_bus)
    arrow(ax, (x_in, y_bus), (7.95, y_bus), (7.95, y_gate - gh / 2))
    for x, *_ in gates[:3]:
        dot(ax, x, y_bus)
        arrow(ax, (x, y_bus), (x, y_gate - gh / 2))
    concat = rf"$[a^{{\langle t-1 \rangle}}, x^{{\langle t \rangle}}]$  {L['concat']}"
    ax.text(x_in + 0.2, y_bus - 0.08, concat, ha="left", va="top", fontsize=SMALLEST_PT,
            color=INK)

    # cell state c: × forget, + update, then out
    arrow(ax, (x_left, y_c), (2.85 - R, y_c), color=C_LINE, head=False, lw=2.6)
    op(ax, 2.85, y_c, "×")
    arrow(ax, (2.85 + R, y_c), (x_mix - R, y_c), color=C_LINE, head=False, lw=2.6)
    op(ax, x_mix, y_c, "+")
    arrow(ax, (x_mix + R, y_c), (x_right, y_c), color=C_LINE, lw=2.6, halo=True)
    arrow(ax, (2.85, y_gate + gh / 2), (2.85, y_c - R))                     # Γ_f → ×
    arrow(ax, (4.55, y_gate + gh / 2), (4.55, y_mix), (x_mix - R, y_mix))   # Γ_u → ×
    arrow(ax, (6.25, y_gate + gh / 2), (6.25, y_mix), (x_mix + R, y_mix))   # c̃ → ×
    op(ax, x_mix, y_mix, "×")
    arrow(ax, (x_mix, y_mix + R), (x_mix, y_c - R))                         # Γ_u * c̃ → +

    # output: a<t> = Γ_o × tanh(c<t>)
    dot(ax, x_o, y_c, C_LINE)
    box(ax, x_o, y_mix, 0.8, 0.4, TANH, "tanh", size=MID_PT)
    arrow(ax, (x_o, y_c), (x_o, y_mix + 0.2), color=C_LINE)
    arrow(ax, (x_o, y_mix - 0.2), (x_o, y_gate + R))
    arrow(ax, (7.95 + gw / 2, y_gate), (x_o - R, y_gate))
    op(ax, x_o, y_gate, "×")
    arrow(ax, (x_o, y_gate - R), (x_o, y_bus), (x_right, y_bus), color=A_LINE)
    dot(ax, x_sm, y_bus, A_LINE)
    y_soft = 5.25
    arrow(ax, (x_sm, y_bus), (x_sm, y_soft - 0.24), color=A_LINE)            # up to softmax

    # softmax layer and prediction
    softmax = r"softmax$(W_y\, a^{\langle t \rangle} + b_y)$"
    box(ax, x_sm, y_soft, 2.6, 0.48, SOFTMAX, softmax, size=MID_PT)
    arrow(ax, (x_sm, y_soft + 0.24), (x_sm, 5.85))
    ax.text(x_sm, 5.89, t(r"\hat{y}"), ha="center", va="bottom", fontsize=SYMBOL_PT)

    # the labels of the inputs and outputs, with their meaning
    def io_label(x, y, sym, name, ha):
        ax.text(x, y + 0.05, sym, ha=ha, va="bottom", fontsize=SYMBOL_PT)
        ax.text(x, y - 0.02, name, ha=ha, va="top", fontsize=SMALLEST_PT, color="#444444",
                linespacing=1.05)
    io_label(x_left - 0.08, y_c - 0.1, t("c", "t-1"), L["long"], "right")
    io_label(x_left - 0.08, y_bus - 0.1, t("a", "t-1"), L["short"], "right")
    io_label(x_right + 0.08, y_c - 0.1, t("c"), L["long"], "left")
    io_label(x_right + 0.08, y_bus - 0.1, t("a"), L["short"], "left")
    ax.text(x_in, 0.9, t("x"), ha="center", va="top", fontsize=SYMBOL_PT)

    # equations above, legend below
    c, c_prev, c_tilde, a = t("c"), t("c", "t-1"), t(r"\tilde{c}"), t("a")
    ax.text(x_cell0, 5.35, rf"{c} = $\Gamma_f$ * {c_prev} + $\Gamma_u$ * {c_tilde}"
            "\n" rf"{a} = $\Gamma_o$ * tanh({c})", ha="left", va="center", fontsize=MID_PT,
            linespacing=1.5)
    ax.text(5.85, 6.42, L["cell_title"], ha="center", va="top", fontsize=TITLE_PT,
            weight="bold")
    y_leg = (0.95, 0.6)
    for y, (col, text) in zip(y_leg, [(SIGMOID, L["sigmoid"]), (TANH, L["tanh"])]):
        box(ax, 2.9, y, 0.3, 0.24, col, lw=1.3)
        ax.text(3.12, y, text, ha="left", va="center", fontsize=SMALLEST_PT)
    for y, (symbol, text) in zip(y_leg, [("×", L["times"]), ("+", L["plus"])]):
        op(ax, 6.5, y, symbol, r=0.14)
        ax.text(6.72, y, text, ha="left", va="center", fontsize=SMALLEST_PT)
    ax.text(2.75, 0.22, L["args"], ha="left", va="center", fontsize=SMALLEST_PT,
            color="#444444")
    save(fig, f"lstm_cell_{lang}.png")


def draw_unrolled(lang):
    """The cell repeated over time on the word "gregorio": a and c flow left to right."""
    L = LABELS[lang]
    fig, ax = new_axes((0.0, 12.0), (-3.2, 3.0))
    cw, ch = 1.6, 1.5                              # cell size
    y_c, y_a = 0.35, -0.35                         # heights of the c and a lines
    x_dots = 8.95                                  # the "…" between step 3 and step T_x
    # (x position, time index, input character, target character): "gregorio", so T_x = 7
    steps = [(1.85, "1", "g", "r"), (4.35, "2", "r", "e"), (6.85, "3", "e", "g"),
             (11.05, "T_x", "i", "o")]
    GREY = {"face": "#ffffff", "edge": "#9a9a9a"}

    for x, step, ch_in, ch_out in steps:
        box(ax, x, 0, cw, ch, CELL, lw=1.4)
        ax.text(x, 0.45, "LSTM", ha="center", va="center", fontsize=SMALLEST_PT,
                weight="bold", color="#555555")
        for i, (sym, col) in enumerate([(r"$\Gamma_f$", SIGMOID), (r"$\Gamma_u$", SIGMOID),
                                        (r"$\tilde{c}$", TANH), (r"$\Gamma_o$", SIGMOID)]):
            gx, gy = x - 0.3 + 0.6 * (i % 2), -0.05 - 0.46 * (i // 2)
            box(ax, gx, gy, 0.5, 0.38, col, sym, size=SMALLEST_PT, lw=1.1)
        arrow(ax, (x, -1.55), (x, -ch / 2))                        # x<t> into the cell
        ax.text(x, -1.58, t("x", step), ha="center", va="top", fontsize=SYMBOL_PT)
        box(ax, x, -2.22, 0.48, 0.48, GREY, f"'{ch_in}'", size=SYMBOL_PT, family="monospace",
            lw=1.3)
        arrow(ax, (x, ch / 2), (x, 1.45))                          # ŷ<t> out of it
        ax.text(x, 1.48, t(r"\hat{y}", step), ha="center", va="bottom", fontsize=SYMBOL_PT)
        box(ax, x, 2.3, 0.48, 0.48, SOFTMAX, f"'{ch_out}'", size=SYMBOL_PT,
            family="monospace", lw=1.3)
    for y in (-2.22, 0, 2.3):
        ax.text(x_dots, y, "…", ha="center", va="center", fontsize=24, color="#555555")

    # a and c carried from each step to the next (and into the first one)
    x1, x2, x3, x_last = (x for x, *_ in steps)
    links = [(0.3, x1 - cw / 2, "0"), (x1 + cw / 2, x2 - cw / 2, "1"),
             (x2 + cw / 2, x3 - cw / 2, "2"), (x3 + cw / 2, x_dots - 0.3, "3"),
             (x_dots + 0.3, x_last - cw / 2, "T_x-1")]
    for x0, x1, step in links:
        arrow(ax, (x0, y_c), (x1, y_c), color=C_LINE, lw=2.4)
        arrow(ax, (x0, y_a), (x1, y_a), color=A_LINE, lw=2.0)
        ax.text((x0 + x1) / 2, y_c + 0.06, t("c", step), ha="center", va="bottom",
                fontsize=MID_PT)
        ax.text((x0 + x1) / 2, y_a - 0.06, t("a", step), ha="center", va="top",
                fontsize=MID_PT)

    ax.text(6.0, 2.97, L["unrolled_title"], ha="center", va="top", fontsize=TITLE_PT,
            weight="bold")
    ax.text(6.0, -2.64, L["example"], ha="center", va="top", fontsize=SMALLEST_PT, color=INK)
    ax.text(6.0, -2.94, L["shared"], ha="center", va="top", fontsize=SMALLEST_PT,
            color="#444444")
    save(fig, f"lstm_unrolled_{lang}.png")


if __name__ == "__main__":
    for lang in ("es", "en"):
        draw_cell(lang)
        draw_unrolled(lang)
