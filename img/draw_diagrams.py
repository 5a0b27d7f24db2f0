"""Draw the two LSTM diagrams of the notebooks, in Spanish and in English.

Run from the repository root:

    python img/draw_diagrams.py

It writes img/lstm_cell_{es,en}.png (one cell and its gates) and
img/lstm_unrolled_{es,en}.png (the cell unrolled over T_x steps). The notation is the one of
lstm_np/forward.py: a<t> short-term memory, c<t> long-term memory, Gamma_f, Gamma_u, Gamma_o
the gates and c~<t> the candidate.
"""
from pathlib import Path

import matplotlib.patheffects as pe
from matplotlib.figure import Figure       # no pyplot: no window, no backend to choose
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path as MplPath

OUT = Path(__file__).resolve().parent
DPI = 110
WIDTH = 10                                 # inches

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
    """A figure WIDTH inches wide whose data units are equal in x and y."""
    w, h = xlim[1] - xlim[0], ylim[1] - ylim[0]
    fig = Figure(figsize=(WIDTH, WIDTH * h / w), facecolor="white")
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def box(ax, x, y, w, h, colors, text="", size=12, lw=1.6, zorder=2, **kw):
    """A rounded box centred at (x, y) with optional centred text."""
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                boxstyle="round,pad=0,rounding_size=0.15", lw=lw, zorder=zorder,
                                facecolor=colors["face"], edgecolor=colors["edge"]))
    if text:
        ax.text(x, y, text, ha="center", va="center", fontsize=size, color=INK, zorder=3, **kw)


def arrow(ax, *points, color=INK, head=True, lw=1.6, halo=False):
    """A polyline through `points`, with an arrow head at the last point.

    halo=True draws a white outline around it, so that a line crossing it looks passed under.
    """
    style = "-|>" if head else "-"
    effects = [pe.withStroke(linewidth=lw + 5, foreground="white")] if halo else None
    ax.add_patch(FancyArrowPatch(path=MplPath(points), arrowstyle=style, mutation_scale=13,
                                 color=color, lw=lw, joinstyle="miter", capstyle="butt",
                                 zorder=1.5 if halo else 1, path_effects=effects))


def op(ax, x, y, symbol, r=0.32):
    """A circle with an element-wise operation (× or +)."""
    ax.add_patch(Circle((x, y), r, facecolor="white", edgecolor=INK, lw=1.5, zorder=2))
    ax.text(x, y, symbol, ha="center", va="center", fontsize=15, color=INK, zorder=3)


def dot(ax, x, y, color=INK):
    """A junction: the line splits here."""
    ax.add_patch(Circle((x, y), 0.09, color=color, zorder=2))


def save(fig, name):
    fig.savefig(OUT / name, dpi=DPI, facecolor="white", bbox_inches="tight", pad_inches=0.15,
                metadata={"Software": None})          # no version stamp: same bytes every run
    print("wrote", OUT.name + "/" + name)


# ----------------------------------------------------------------------------- diagrams
def draw_cell(lang):
    """One LSTM cell: c along the top, the four gates in the middle, a and x at the bottom."""
    L = LABELS[lang]
    fig, ax = new_axes((-3.6, 18.2), (-2.6, 11.0))
    R = 0.32                                      # radius of the × and + circles
    y_c, y_bus, y_gate, y_mix = 6.0, 1.0, 2.6, 4.4  # heights of the main lines
    gw, gh = 2.0, 1.5                             # gate box size
    x_in, x_mix, x_o = 1.2, 6.75, 12.5            # x<t> enters; Γ_u * c̃ is added; a<t> leaves
    x_sm = 13.7                                   # column of a<t> going up to the softmax

    box(ax, 7.3, 3.4, 14.6, 7.0, CELL, lw=1.3, zorder=0)   # the cell

    # the four boxes: (x, symbol, colours, name, activation)
    gates = [(3.0, r"$\Gamma_f$", SIGMOID, L["forget"], r"$\sigma$"),
             (5.5, r"$\Gamma_u$", SIGMOID, L["update"], r"$\sigma$"),
             (8.0, r"$\tilde{c}$", TANH, L["candidate"], "tanh"),
             (10.5, r"$\Gamma_o$", SIGMOID, L["output"], r"$\sigma$")]
    for x, sym, col, name, act in gates:
        box(ax, x, y_gate, gw, gh, col)
        ax.text(x, y_gate + 0.36, rf"{sym} = {act}$(\cdot)$", ha="center", va="center",
                fontsize=11.5, zorder=3)
        ax.text(x, y_gate - 0.32, name, ha="center", va="center", fontsize=8.5, color="#444444",
                linespacing=1.1, zorder=3)

    # inputs: a<t-1> and x<t> are concatenated and feed all four boxes
    arrow(ax, (-1.6, y_bus), (x_in - 0.1, y_bus), color=A_LINE)
    arrow(ax, (x_in, -1.4), (x_in, y_bus - 0.1))
    dot(ax, x_in, y_bus)
    arrow(ax, (x_in, y_bus), (10.5, y_bus), (10.5, y_gate - gh / 2))
    for x, *_ in gates[:3]:
        dot(ax, x, y_bus)
        arrow(ax, (x, y_bus), (x, y_gate - gh / 2))
    concat = rf"$[a^{{\langle t-1 \rangle}}, x^{{\langle t \rangle}}]$  {L['concat']}"
    ax.text(x_in + 0.35, y_bus - 0.25, concat, ha="left", va="top", fontsize=10.5, color=INK)

    # cell state c: × forget, + update, then out
    arrow(ax, (-1.6, y_c), (3.0 - R, y_c), color=C_LINE, head=False, lw=2.4)
    op(ax, 3.0, y_c, "×")
    arrow(ax, (3.0 + R, y_c), (x_mix - R, y_c), color=C_LINE, head=False, lw=2.4)
    op(ax, x_mix, y_c, "+")
    arrow(ax, (x_mix + R, y_c), (16.0, y_c), color=C_LINE, lw=2.4, halo=True)
    arrow(ax, (3.0, y_gate + gh / 2), (3.0, y_c - R))                       # Γ_f → ×
    arrow(ax, (5.5, y_gate + gh / 2), (5.5, y_mix), (x_mix - R, y_mix))     # Γ_u → ×
    arrow(ax, (8.0, y_gate + gh / 2), (8.0, y_mix), (x_mix + R, y_mix))     # c̃ → ×
    op(ax, x_mix, y_mix, "×")
    arrow(ax, (x_mix, y_mix + R), (x_mix, y_c - R))                         # Γ_u * c̃ → +

    # output: a<t> = Γ_o × tanh(c<t>)
    dot(ax, x_o, y_c, C_LINE)
    box(ax, x_o, 4.6, 1.2, 0.65, TANH, "tanh", size=11)
    arrow(ax, (x_o, y_c), (x_o, 4.6 + 0.33), color=C_LINE)
    arrow(ax, (x_o, 4.6 - 0.33), (x_o, y_gate + R))
    arrow(ax, (10.5 + gw / 2, y_gate), (x_o - R, y_gate))
    op(ax, x_o, y_gate, "×")
    arrow(ax, (x_o, y_gate - R), (x_o, y_bus), (16.0, y_bus), color=A_LINE)
    dot(ax, x_sm, y_bus, A_LINE)
    arrow(ax, (x_sm, y_bus), (x_sm, 8.05), color=A_LINE)                      # up to softmax

    # softmax layer and prediction
    softmax = r"softmax$(W_y\, a^{\langle t \rangle} + b_y)$"
    box(ax, x_sm, 8.5, 4.3, 0.9, SOFTMAX, softmax, size=11.5)
    arrow(ax, (x_sm, 8.95), (x_sm, 9.9))
    ax.text(x_sm, 10.0, t(r"\hat{y}"), ha="center", va="bottom", fontsize=15)

    # the labels of the inputs and outputs, with their meaning
    def io_label(x, y, sym, name, ha):
        ax.text(x, y + 0.12, sym, ha=ha, va="bottom", fontsize=15)
        ax.text(x, y - 0.05, name, ha=ha, va="top", fontsize=8.5, color="#444444", linespacing=1.15)
    io_label(-1.75, y_c - 0.25, t("c", "t-1"), L["long"], "right")
    io_label(-1.75, y_bus - 0.25, t("a", "t-1"), L["short"], "right")
    io_label(16.15, y_c - 0.25, t("c"), L["long"], "left")
    io_label(16.15, y_bus - 0.25, t("a"), L["short"], "left")
    ax.text(x_in, -1.5, t("x"), ha="center", va="top", fontsize=15)

    # equations above, legend below
    c, c_prev, c_tilde, a = t("c"), t("c", "t-1"), t(r"\tilde{c}"), t("a")
    ax.text(0.0, 8.9, rf"{c} = $\Gamma_f$ * {c_prev} + $\Gamma_u$ * {c_tilde}"
            "\n" rf"{a} = $\Gamma_o$ * tanh({c})", ha="left", va="center", fontsize=12.5,
            linespacing=1.6)
    ax.text(7.3, 10.6, L["cell_title"], ha="center", va="bottom", fontsize=15, weight="bold")
    for i, (col, text) in enumerate([(SIGMOID, L["sigmoid"]), (TANH, L["tanh"])]):
        box(ax, 3.0, -0.9 - 0.65 * i, 0.5, 0.4, col, lw=1.2)
        ax.text(3.4, -0.9 - 0.65 * i, text, ha="left", va="center", fontsize=9.5)
    for i, (symbol, text) in enumerate([("×", L["times"]), ("+", L["plus"])]):
        op(ax, 8.3, -0.9 - 0.65 * i, symbol, r=0.24)
        ax.text(8.7, -0.9 - 0.65 * i, text, ha="left", va="center", fontsize=9.5)
    ax.text(3.0 - 0.25, -2.2, L["args"], ha="left", va="center", fontsize=9.5, color="#444444")
    save(fig, f"lstm_cell_{lang}.png")


def draw_unrolled(lang):
    """The cell repeated over time on the word "gregorio": a and c flow left to right."""
    L = LABELS[lang]
    fig, ax = new_axes((-1.0, 19.6), (-5.2, 5.4))
    cw, ch = 2.4, 2.2                              # cell size
    y_c, y_a = 0.5, -0.5                           # heights of the c and a lines
    x_dots = 14.65                                 # the "…" between step 3 and step T_x
    # (x position, time index, input character, target character): "gregorio", so T_x = 7
    steps = [(2.5, "1", "g", "r"), (6.9, "2", "r", "e"), (11.3, "3", "e", "g"),
             (18.0, "T_x", "i", "o")]
    GREY = {"face": "#ffffff", "edge": "#9a9a9a"}

    for x, step, ch_in, ch_out in steps:
        box(ax, x, 0, cw, ch, CELL, lw=1.3)
        ax.text(x, 0.2, "LSTM", ha="center", va="center", fontsize=11, weight="bold",
                color="#555555")
        for i, (sym, col) in enumerate([(r"$\Gamma_f$", SIGMOID), (r"$\Gamma_u$", SIGMOID),
                                        (r"$\tilde{c}$", TANH), (r"$\Gamma_o$", SIGMOID)]):
            box(ax, x - 0.81 + 0.54 * i, -0.45, 0.44, 0.5, col, sym, size=9, lw=1.0)
        arrow(ax, (x, -2.35), (x, -ch / 2))                        # x<t> into the cell
        ax.text(x, -2.4, t("x", step), ha="center", va="top", fontsize=14)
        box(ax, x, -3.6, 0.75, 0.75, GREY, f"'{ch_in}'", size=13, family="monospace", lw=1.2)
        arrow(ax, (x, ch / 2), (x, 2.35))                          # ŷ<t> out of it
        ax.text(x, 2.4, t(r"\hat{y}", step), ha="center", va="bottom", fontsize=14)
        box(ax, x, 3.65, 0.75, 0.75, SOFTMAX, f"'{ch_out}'", size=13, family="monospace", lw=1.2)
    for y in (-3.6, 0, 3.65):
        ax.text(x_dots, y, "…", ha="center", va="center", fontsize=22, color="#555555")

    # a and c carried from each step to the next (and into the first one)
    x1, x2, x3, x_last = (x for x, *_ in steps)
    links = [(-0.6, x1 - cw / 2, "0"), (x1 + cw / 2, x2 - cw / 2, "1"),
             (x2 + cw / 2, x3 - cw / 2, "2"), (x3 + cw / 2, x_dots - 0.6, "3"),
             (x_dots + 0.6, x_last - cw / 2, "T_x-1")]
    for x0, x1, step in links:
        arrow(ax, (x0, y_c), (x1, y_c), color=C_LINE, lw=2.2)
        arrow(ax, (x0, y_a), (x1, y_a), color=A_LINE, lw=1.8)
        ax.text((x0 + x1) / 2, y_c + 0.12, t("c", step), ha="center", va="bottom", fontsize=11.5)
        ax.text((x0 + x1) / 2, y_a - 0.12, t("a", step), ha="center", va="top", fontsize=11.5)

    ax.text(9.3, 4.6, L["unrolled_title"], ha="center", va="bottom", fontsize=15, weight="bold")
    ax.text(9.3, -4.35, L["example"], ha="center", va="top", fontsize=10.5, color=INK)
    ax.text(9.3, -4.85, L["shared"], ha="center", va="top", fontsize=10, color="#444444")
    save(fig, f"lstm_unrolled_{lang}.png")


if __name__ == "__main__":
    for lang in ("es", "en"):
        draw_cell(lang)
        draw_unrolled(lang)
