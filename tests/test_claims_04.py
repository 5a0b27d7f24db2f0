"""What lesson 04 (clipping and Adam) says about its outputs, checked in both languages.

Each test reads the sentence it guards in the prose of each language (tests/claims.py: `claim`)
and compares the number the sentence states with the stored output. The Spanish and English
runs train on different texts; a claim that holds for one only must be written per language
in the source.
"""
import re

import pytest

from claims import claim, guide_claim, numbers, output_text, slide_claim

NB = "04_adam"
LANGS = ("es", "en")


def short_runs(lang):
    """{label: (train, val, clipped %)} from the three short training runs."""
    text = output_text(lang, NB, 'runs = {"SGD')
    runs = {}
    for line in text.strip().splitlines():
        label = re.match(r"(SGD \(α=\d+\)|Adam \(α=0\.01\))", line).group(1)
        values = numbers(line[len(label):])
        runs[label] = (values[0], values[1], values[2])
    assert set(runs) == {"SGD (α=1)", "SGD (α=5)", "Adam (α=0.01)"}, runs
    return runs


def rms_table(lang):
    """{label: {name: rms step}} and {label: spread} from the last-update table."""
    text = output_text(lang, NB, "def rms(x)")
    steps = {"SGD (α=5)": {}, "Adam (α=0.01)": {}}
    spread = {}
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0] in ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo", "Wy", "by"):
            values = [float(x) for x in parts[1:]]
            steps["SGD (α=5)"][parts[0]] = values[1]
            steps["Adam (α=0.01)"][parts[0]] = values[3]
        for label in steps:
            if line.startswith(label + ":"):
                spread[label] = numbers(line.split("=")[-1])[-1]
    assert len(steps["Adam (α=0.01)"]) == 10 and len(spread) == 2, text
    return steps, spread


@pytest.mark.parametrize("lang", LANGS)
def test_adam_gets_lower_than_both_sgd_runs_and_alpha_5_helps_sgd(lang):
    claim(lang, NB, r"Adam llega más abajo que los dos SGD\. Subir \$\\alpha\$ de (1) a (5) "
                    r"ayuda mucho",
          r"Adam gets lower than both SGD runs\. Raising \$\\alpha\$ from (1) to (5) helps SGD a "
          r"lot")
    runs = short_runs(lang)
    adam = runs["Adam (α=0.01)"]
    for label in ("SGD (α=1)", "SGD (α=5)"):
        assert adam[0] < runs[label][0] and adam[1] < runs[label][1], (lang, runs)
    assert runs["SGD (α=5)"][1] < runs["SGD (α=1)"][1] - 0.1, (lang, runs)


@pytest.mark.parametrize("lang", LANGS)
def test_clipping_acts_in_at_most_one_sgd_update_in_250_and_in_no_adam_update(lang):
    one, every = claim(lang, NB, r"a lo sumo (\w+) de cada (\d+) con SGD, ninguna con Adam",
                       r"at most (\w+) in (\d+) with SGD, none with Adam")
    runs = short_runs(lang)
    assert f"UPDATES, EVERY = {int(every)}," in output_source(lang, "UPDATES, EVERY ="), lang
    for label in ("SGD (α=1)", "SGD (α=5)"):
        assert runs[label][2] <= 100 * one / every + 1e-9, (lang, runs)
    assert runs["Adam (α=0.01)"][2] == 0.0, (lang, runs)


def output_source(lang, contains):
    """The source of the first code cell that contains `contains`."""
    from claims import cells
    return next("".join(c["source"]) for c in cells(lang, NB)
                if c["cell_type"] == "code" and contains in "".join(c["source"]))


@pytest.mark.parametrize("lang", LANGS)
def test_the_clipping_bound_is_5_over_T_x_the_trainers_default(lang):
    tau, = claim(lang, NB, r"el umbral equivalente es \$5/T_x = ([\d.]+)\$, el valor por defecto",
                 r"the equivalent threshold is \$5/T_x = ([\d.]+)\$, the default")
    from lstm_np.engine.config import TrainConfig
    assert TrainConfig(seq_length=25).clip_value == pytest.approx(tau)
    assert "CLIP = 5 / T_x" in output_source(lang, "CLIP =")
    import inspect
    from lstm_np.core.optim import update_parameters_with_adam
    alpha, = claim(lang, NB, r"Adam con \$\\alpha = ([\d.]+)\$ \(el valor por defecto de",
                   r"Adam with \$\\alpha = ([\d.]+)\$ \(`update_parameters_with_adam`'s default")
    assert inspect.signature(update_parameters_with_adam).parameters["learning_rate"].default \
        == alpha


@pytest.mark.parametrize("lang", LANGS)
def test_sgd_steps_spread_over_an_order_of_magnitude_adams_do_not(lang):
    claim(lang, NB, r"entre el bloque que más se mueve y el que menos hay más de un orden de "
                    r"magnitud",
          r"between the block that moves most and the one that moves least there is more than an "
          r"order of magnitude")
    claim(lang, NB, r"Con Adam los pasos de todos los bloques son del mismo orden",
          r"With Adam the steps of all blocks are of the same order")
    steps, spread = rms_table(lang)
    assert spread["SGD (α=5)"] > 10, (lang, spread)
    assert spread["Adam (α=0.01)"] < 5, (lang, spread)
    sgd = steps["SGD (α=5)"]
    assert min(sgd[b] for b in ("bf", "bi", "bc", "bo", "by")) > \
        max(sgd[w] for w in ("Wf", "Wi", "Wo")), (lang, sgd)
    assert max(steps["Adam (α=0.01)"].values()) < 0.01, (lang, steps)


@pytest.mark.parametrize("lang", LANGS)
def test_bias_correction_claims(lang):
    first, = claim(lang, NB, r"el primer paso de Adam es "
                             r"\$-\\alpha\\,\\mathrm\{signo\}\(g\)\$\*\*: \$(-[\d.]+)\$",
                   r"Adam's first step is \$-\\alpha\\,\\mathrm\{sign\}\(g\)\$\*\*: \$(-[\d.]+)\$")
    low, high = claim(lang, NB, r"sale \*\*de (\w+) a más de (\w+) veces más grande\*\*",
                      r"comes out \*\*(\w+) to over (\w+) times too large\*\*")
    rows = [numbers(line) for line in
            output_text(lang, NB, "gradients = [0.5, 0.4").strip().splitlines()[1:]]
    assert rows[0][6] == first
    ratios = [row[7] / row[6] for row in rows]
    assert min(ratios) >= low and max(ratios) > high, ratios
    claim(lang, NB, r"el paso empieza en exactamente \$\\alpha\$",
          r"the step starts at exactly \$\\alpha\$")
    lines = output_text(lang, NB, "n, alpha = 2000").strip().splitlines()
    assert numbers(lines[0])[1] == 1.0


@pytest.mark.parametrize("lang", LANGS)
def test_clipping_entry_by_entry_changes_the_direction(lang):
    claim(lang, NB, r"el coseno dice que recortar componente a componente \*\*cambia la "
                    r"dirección\*\*",
          r"the cosine says that clipping entry by entry \*\*changes the direction\*\*")
    text = output_text(lang, NB, "clipped = clip(grads, 5)")
    assert numbers(text.strip().splitlines()[-1])[-1] < 0.99, text


@pytest.mark.parametrize("lang", LANGS)
def test_ten_per_cent_per_step_is_four_orders_of_magnitude_after_100(lang):
    steps, orders = claim(
        lang, NB, r"Un 10 % por encima o por debajo de 1 en cada paso se convierte, tras (\d+) "
                  r"pasos, "
        r"en (\w+) órdenes de magnitud",
        r"Ten per cent above or below 1 at each step becomes, after (\d+) steps, (\w+) orders of "
        r"magnitude")
    norms = output_text(lang, NB, "for rho in (0.9, 1.0, 1.1)").strip().split("\n\n")[0]
    rows = {numbers(line)[0]: numbers(line)[1:] for line in norms.splitlines()[1:]}
    header = norms.splitlines()[0]
    assert numbers(header)[-1] == steps, header
    neutral = rows[1.0][-1]
    assert 10 ** -(orders + 1) < rows[0.9][-1] / neutral < 10 ** -(orders - 1), rows
    assert 10 ** (orders - 1) < rows[1.1][-1] / neutral < 10 ** (orders + 1), rows


@pytest.mark.parametrize("lang", LANGS)
def test_clip_keeps_the_ordinary_entries_and_puts_the_huge_ones_at_5(lang):
    plus, minus = claim(lang, NB, r"las dos enormes quedan en \$\+?(\d+)\$ y \$(-\d+)\$",
                        r"the two huge ones end up at \$\+?(\d+)\$ and \$(-\d+)\$")
    blocks = output_text(lang, NB, "clipped = clip(grads, 5)").split("\n\n")[:2]
    for block in blocks:
        before, after = (numbers(part) for part in block.split("→"))
        changed = [(b, a) for b, a in zip(before, after) if b != a]
        assert changed in ([(37.5, plus)], [(-120.0, minus)]), block


@pytest.mark.parametrize("lang", LANGS)
def test_a_gradient_descent_step_is_proportional_to_the_gradient(lang):
    g1, m1, g2, m2 = claim(
        lang, NB, r"gradiente \$(\d+)\$ se movió \$([\d.]+)\$; el de gradiente \$(-[\d.]+)\$, "
                  r"solo \$([\d.]+)\$",
        r"with gradient \$(\d+)\$ moved by \$([\d.]+)\$; the one with gradient \$(-[\d.]+)\$ by "
        r"only "
        r"\$([\d.]+)\$")
    after = numbers(output_text(lang, NB, "update_parameters_with_gd(params, grads"))
    moves = dict(zip([0.5, -0.01, 4.0],
                     [round(abs(a - b), 6) for a, b in zip(after, [1.0, -2.0, 0.5])]))
    assert moves[g1] == m1 and moves[g2] == m2, (after, moves)


@pytest.mark.parametrize("lang", LANGS)
def test_without_correction_three_times_at_100_and_a_quarter_more_at_1000(lang):
    t1, t2 = claim(lang, NB, r"más del triple en \$k = (\d+)\$, aún un 25 % más en \$k = (\d+)\$",
                   r"more than three times as long at \$k = (\d+)\$, still 25 % longer at \$k = "
                   r"(\d+)\$")
    rows = {int(numbers(line)[0]): numbers(line)[1:] for line in
            output_text(lang, NB, "n, alpha = 2000").strip().splitlines()}
    assert rows[int(t1)][1] / rows[int(t1)][0] > 3, rows
    assert 1.2 < rows[int(t2)][1] / rows[int(t2)][0] < 1.3, rows


@pytest.mark.parametrize("lang", LANGS)
def test_the_gain_is_the_products_growth_per_step_and_one_matrix_has_about_twice_it(lang):
    claim(lang, NB, r"cada matriz sola tiene una norma cercana a \$2\\rho\$",
          r"each matrix alone has a norm near \$2\\rho\$")
    claim(lang, NB, r"va de unos \$2\\rho\$ en \$T = 1\$ a cerca de \$\\rho\$",
          r"goes from about \$2\\rho\$ at \$T = 1\$ to near \$\\rho\$")
    blocks = output_text(lang, NB, "for rho in (0.9, 1.0, 1.1)").strip().split("\n\n")
    assert len(blocks) == 2, blocks
    per_step = {numbers(line)[0]: numbers(line)[1:] for line in blocks[1].splitlines()[1:]}
    for rho, values in per_step.items():
        assert 1.6 * rho < values[0] < 2.4 * rho, (rho, values)       # one matrix: about 2ρ
        assert abs(values[-1] - rho) < 0.05 * rho, (rho, values)      # T = 100: about ρ


@pytest.mark.parametrize("lang", LANGS)
def test_the_guides_ratios_without_correction_are_the_readings(lang):
    # exercise 2's key quotes the 3000-step reading: uncorrected / corrected step at three k
    r10, k10, r100, k100, r1000, k1000 = guide_claim(
        lang, NB, r"lo mide: ([\d.]+) veces en \$k = (\d+)\$, ([\d.]+) en \$k = (\d+)\$, "
                  r"([\d.]+) en \$k = (\d+)\$",
        r"measures it: ([\d.]+) times at \$k = (\d+)\$, ([\d.]+) at \$k = (\d+)\$, "
        r"([\d.]+) at \$k = (\d+)\$")
    for reading in ("es", "en"):
        rows = {int(numbers(line)[0]): numbers(line)[1:] for line in
                output_text(reading, NB, "n, alpha = 2000").strip().splitlines()}
        for ratio, k in ((r10, k10), (r100, k100), (r1000, k1000)):
            with_c, without_c = rows[int(k)][:2]
            assert abs(without_c / with_c - ratio) < 0.05, (reading, k, without_c / with_c)


# --- the slides (notebooks/source/04_adam.md, the slide layer) ----------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_slides_bias_correction_three_to_over_six_times(lang):
    low, high = slide_claim(lang, NB, r"pasos de (\w+) a más de (\w+) veces más largos",
                            r"steps (\w+) to over (\w+) times too long")
    rows = [numbers(line) for line in
            output_text(lang, NB, "gradients = [0.5, 0.4").strip().splitlines()[1:]]
    ratios = [row[7] / row[6] for row in rows]
    assert low <= min(ratios) < low + 1 and high < max(ratios) < high + 1, ratios


@pytest.mark.parametrize("lang", LANGS)
def test_the_slides_adam_lower_and_sgd_spread_over_an_order_of_magnitude(lang):
    slide_claim(lang, NB, r"Adam, con su \$\\alpha\$ por defecto, llega más abajo que los dos SGD",
                r"Adam, with its default \$\\alpha\$, gets lower than both SGD runs")
    runs = short_runs(lang)
    for label in ("SGD (α=1)", "SGD (α=5)"):
        assert runs["Adam (α=0.01)"][1] < runs[label][1], (lang, runs)
    slide_claim(lang, NB, r"entre bloques, más de un orden de magnitud",
                r"between blocks, more than an order of magnitude")
    slide_claim(lang, NB, r"pasos del mismo orden en todos los bloques",
                r"steps of the same order in every block")
    _, spread = rms_table(lang)
    assert spread["SGD (α=5)"] > 10 and spread["Adam (α=0.01)"] < 5, (lang, spread)
