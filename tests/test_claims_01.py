"""What the prose of lesson 01 says about its outputs holds in both languages.

Each test reads its sentence in the prose of each language (`claim`) and compares the number
the sentence states with the stored output."""
import pytest

from claims import claim, markdown_text, numbers, output_text, slide_claim

NB = "01_forward"
LANGS = ("es", "en")


def gate_stats(lang):
    """{gate: (mean, min, max)} from the one-step cell (section 5)."""
    out = output_text(lang, NB, "a_next, c_next, yt_pred, cache = lstm_cell_forward(")
    stats = {}
    for gate in ("Γ_f", "Γ_u", "Γ_o"):
        line = next(x for x in out.splitlines() if x.startswith(gate + ":"))
        stats[gate] = numbers(line.split(":", 1)[1])[-3:]
    return stats


@pytest.mark.parametrize("lang", LANGS)
def test_the_shapes_table_uses_this_vocabulary(lang):
    stated, original = claim(lang, NB, r"\$n_x = n_y = (\d+)\$ \(el original tenía (\d+)\)",
                             r"\$n_x = n_y = (\d+)\$ \(the original had (\d+)\)")
    n = int(numbers(output_text(lang, NB, "n_x = n_y = vocab.size"))[0])
    assert n == stated and original == 52, (lang, n, stated)
    table = markdown_text(lang, NB, "(n_a, n_a + n_x)")
    assert f"n_x = n_y = {n}$" in table, (lang, n)
    assert table.count(f"(100, {100 + n}), (100, 1)") == 4, (lang, n)
    assert f"({n}, 100), ({n}, 1)" in table, (lang, n)
    assert f"n_params = {4 * 100 * (100 + n + 1) + n * 101}" in output_text(
        lang, NB, "n_params =")


@pytest.mark.parametrize("lang", LANGS)
def test_untrained_at_chance(lang):
    claim(lang, NB, r"La red sin entrenar está en el nivel del azar",
          r"The untrained network is at chance level")
    out = output_text(lang, NB, "loss_untrained = lstm_np.compute_loss(")
    untrained, uniform = numbers(out.splitlines()[0])[0], numbers(out.splitlines()[1])[0]
    assert abs(untrained - uniform) < 0.05, (lang, untrained, uniform)


@pytest.mark.parametrize("lang", LANGS)
def test_the_initial_sums_are_a_few_tenths(lang):
    sigma, = claim(lang, NB, r"un solo peso, de desviación \$\\sigma \\approx ([\d.]+)\$",
                   r"a single weight, of standard deviation \$\\sigma \\approx ([\d.]+)\$")
    rows = output_text(lang, NB, "std_gates = np.sqrt(").splitlines()
    formula = numbers(rows[0].split("σ =")[1])[0]
    assert round(formula, 2) == sigma, (lang, formula)
    claim(lang, NB, r"las compuertas empiezan cerca de \$\\sigma\(0\) = 0\.5\$ y \$\\hat y\$ "
                    r"cerca de "
          r"\$1/n_y\$", r"the gates start near \$\\sigma\(0\) = 0\.5\$ and \$\\hat y\$ near "
                        r"\$1/n_y\$")
    out = output_text(lang, NB, "loss_untrained = lstm_np.compute_loss(").splitlines()[2]
    inverse, low, high = numbers(out.split("=", 1)[1])[:3]
    assert 0.8 * inverse < low < inverse < high < 1.25 * inverse, out


@pytest.mark.parametrize("lang", LANGS)
def test_column_wise_softmax_fixes_the_original(lang):
    claim(lang, NB, r"se redondean a 0 y la división es \$0/0\$ = `nan`",
          r"round to 0 and the division is \$0/0\$ = `nan`")
    out = output_text(lang, NB, "Z = np.array(")
    assert "nan" in out.split("]]")[0] and "nan" not in out.split("]]")[1], out


# --- the cell built one gate at a time, by hand ------------------------------------------------

def tiny_values(lang):
    """name -> the printed pair (unit 1, unit 2) of the hand-sized cell (n_a = 2): z_f, Γ_f,
    "Γ_f * c_prev", ..., a; each row reads `[step)] name  value1  value2`."""
    values = {}
    for line in output_text(lang, NB, "W_tiny = ").splitlines()[1:]:
        *name, v1, v2 = line.split()
        if name and name[0].endswith(")"):
            name = name[1:]
        values[" ".join(name)] = [float(v1), float(v2)]
    return values


@pytest.mark.parametrize("lang", LANGS)
def test_the_hand_sized_cell_keeps_wipes_writes_and_shows_as_the_prose_says(lang):
    c1, = claim(lang, NB, r"\$c_1 \\approx 0\.88 \+ 0\.12 \\cdot 0\.76 \\approx ([\d.]+)\$",
                r"\$c_1 \\approx 0\.88 \+ 0\.12 \\cdot 0\.76 \\approx ([\d.]+)\$")
    claim(lang, NB, r"La unidad 1 conserva su memoria; la 2 casi la borra",
          r"Unit 1 keeps its memory; unit 2 almost wipes it")
    claim(lang, NB, r"La unidad 1 escribe poco; la 2, casi todo el candidato",
          r"Unit 1 writes little; unit 2, almost all of the candidate")
    claim(lang, NB, r"La unidad 1 muestra la mitad de", r"Unit 1 shows half of")
    claim(lang, NB, r"La unidad 2 cambia de signo", r"Unit 2 changes sign")
    v = tiny_values(lang)
    assert v["Γ_f"][0] > 0.85 and v["Γ_f"][1] < 0.15            # keeps / wipes
    assert v["Γ_u"][0] < 0.15 and v["Γ_u"][1] > 0.85            # writes little / almost all
    assert v["Γ_o"][0] == 0.5
    assert v["c"][0] == c1 and v["Γ_f"][0] == 0.88 and v["Γ_u"][0] == 0.12
    assert v["c~"][0] == 0.76
    assert v["Γ_f * c_prev"][1] < 0 < v["c"][1]                 # unit 2 changes sign


def test_the_hand_sized_cell_slide_shows_the_weights_and_inputs_the_code_uses():
    """The slide the class computes from ("The cell by hand") copies the numbers of the code
    cell that prints the answers: its four W, its [a; x] and its c_prev must be the cell's."""
    import ast
    import re
    from pathlib import Path

    from tools.nbsource import Code, SlideText, load_source
    cells = load_source(Path(__file__).resolve().parent.parent / "notebooks" / "source"
                        / "01_forward.md")
    layer = next(c for c in cells if isinstance(c, SlideText) and c.code
                 and "W_f = [[" in c.code)
    code = next(c for c in cells if isinstance(c, Code) and "W_tiny = {" in c.text["en"])
    shown = {}
    for line in layer.code.splitlines():
        name, value = line.split("=", 1)
        shown[name.strip()[2:]] = ast.literal_eval(value.strip())
    used = {}
    block = code.text["en"][code.text["en"].index("W_tiny = {"):]
    for gate, matrix in re.findall(r'"(\w)": np\.array\((\[\[.*?\]\])\)', block):
        used[gate] = ast.literal_eval(matrix.replace(".0", ""))
    assert shown == used, (shown, used)
    concat = ast.literal_eval(re.search(r"concat_tiny = np\.array\((.*?)\)",
                                        code.text["en"]).group(1))
    c_prev = ast.literal_eval(re.search(r"c_prev_tiny = np\.array\((.*?)\)",
                                        code.text["en"]).group(1))
    for lang in LANGS:
        formula = re.sub(r"\\ |\s", "", layer.text[lang])
        assert "=[" + ",".join(f"{v[0]:g}" for v in concat) + "]" in formula, (lang, formula)
        assert "=[" + ",".join(f"{v[0]:g}" for v in c_prev) + "]" in formula, (lang, formula)


# --- the slides (notebooks/source/01_forward.md, the slide layer) -------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_slide_forget_write_show_is_the_hand_sized_cells_output(lang):
    keep, write, c1 = slide_claim(
        lang, NB, r"Unidad 1: conserva su memoria y escribe poco, \$c_1 \\approx ([\d.]+) \+ "
                  r"([\d.]+) \\cdot [\d.]+ \\approx ([\d.]+)\$",
        r"Unit 1 keeps its memory and writes little, \$c_1 \\approx ([\d.]+) \+ ([\d.]+) "
        r"\\cdot [\d.]+ \\approx ([\d.]+)\$")
    slide_claim(lang, NB, r"Unidad 2: olvida su \$-2\$ y escribe el candidato; cambia de signo",
                r"Unit 2 forgets its \$-2\$ and writes the candidate: it changes sign")
    v = tiny_values(lang)
    assert (keep, write, c1) == (v["Γ_f * c_prev"][0], v["Γ_u"][0], v["c"][0]), v
    assert v["Γ_f"][0] > 0.5 > v["Γ_u"][0]                      # unit 1 keeps, writes little
    assert v["Γ_f"][1] < 0.5 < v["Γ_u"][1]                      # unit 2 forgets, writes
    assert v["Γ_f * c_prev"][1] < 0 < v["c"][1]                 # and changes sign


@pytest.mark.parametrize("lang", LANGS)
def test_the_slide_gates_average_about_one_half(lang):
    about, = slide_claim(lang, NB, r"Las compuertas rondan ([\d.]+)",
                         r"The gates average about ([\d.]+)")
    for gate, (mean, _, _) in gate_stats(lang).items():
        assert abs(mean - about) < 0.01, (gate, mean)


@pytest.mark.parametrize("lang", LANGS)
def test_the_slide_untrained_network_is_at_chance(lang):
    slide_claim(lang, NB, r"Al azar, \$L = \\ln n_y\$: la red sin entrenar está ahí",
                r"At chance, \$L = \\ln n_y\$: the untrained network is there")
    out = output_text(lang, NB, "loss_untrained = lstm_np.compute_loss(")
    untrained, chance = (numbers(line.split(":", 1)[1])[0] for line in out.splitlines()[:2])
    assert abs(untrained - chance) < 0.05, out                  # as the prose test
