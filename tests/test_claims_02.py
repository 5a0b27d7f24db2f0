"""What lesson 02 (the loss and one cell) says about its outputs, checked in both languages.

Each test reads its sentence in the prose of each language (`claim`) and compares what the
sentence states with the stored output."""
import math

import pytest

from claims import claim, guide_claim, numbers, output_text, slide_claim

NB = "02_backward_cell"
LANGS = ("es", "en")


def table_rows(lang):
    """(input char, target char, probability, loss) of the character-by-character table."""
    rows = []
    for line in output_text(lang, NB, "-log ŷ[y<t>]").strip().splitlines()[1:]:
        cols = [c.strip() for c in line.split("|")]
        seen, target = [s.strip() for s in cols[1].split("→")]
        rows.append((seen, target, float(cols[2]), float(cols[3])))
    return rows


@pytest.mark.parametrize("lang", LANGS)
def test_the_largest_loss_comes_after_a_space(lang):
    claim(lang, NB, r"La pérdida es casi cero donde la palabra ya está decidida, y la más alta "
                    r"llega "
          r"tras un espacio, cuando empieza una palabra nueva\. En los primeros pasos, además, "
          r"falta contexto", r"The loss is almost zero where the word is already settled, and the "
          r"highest comes after a space, when a new word begins\. In the first steps, moreover, "
          r"context is missing")
    rows = table_rows(lang)
    assert len(rows) == 12
    worst = max(rows, key=lambda r: r[3])
    assert worst[0] == "␣", worst
    assert min(r[3] for r in rows) < 0.05                # "almost zero where the word is settled"
    losses = sorted(r[3] for r in rows)                 # "in the first steps context is missing":
    assert max(rows[0][3], rows[1][3]) > losses[len(losses) // 2]   # above the median
    for seen, target, p, loss in rows:                  # the table is -log of its own column
        assert abs(-math.log(p) - loss) < 5e-5 / p + 1e-4     # p printed to 4 decimals


@pytest.mark.parametrize("lang", LANGS)
def test_compute_loss_is_the_mean_of_the_explicit_loop(lang):
    total_said, T_x, mean_said = claim(
        lang, NB, r"La media tiene un significado fijo: nats por carácter \(aquel [\d.]+ son "
        r"\$([\d.]+) / (\d+) = ([\d.]+)\$\)", r"The mean has a fixed meaning: nats per character "
        r"\(that [\d.]+ is \$([\d.]+) / (\d+) = ([\d.]+)\$\)")
    assert round(total_said / T_x, 2) == mean_said
    lines = output_text(lang, NB, "total += -np.log").splitlines()
    loss, bits = numbers(lines[0].split("=", 1)[1])[:2]
    mean = numbers(lines[1].split("=", 1)[1])[0]
    total = numbers(lines[2].split("=", 1)[1])[0]
    assert loss == mean
    assert abs(bits - loss / math.log(2)) < 2e-4
    assert abs(total / 24 - loss) < 1e-4


@pytest.mark.parametrize("lang", LANGS)
def test_the_pretrained_network_has_less_than_half_the_loss_of_guessing(lang):
    half, = claim(lang, NB, r"El azar duda entre todo el vocabulario; la red preentrenada, entre "
                            r"unos "
                  r"pocos caracteres, con menos de (la mitad) de la pérdida",
                  r"Uniform guessing hesitates over the whole vocabulary; the pretrained network "
                  r"over a handful of characters, with less than (half) the loss")
    uniform, pretrained = output_text(lang, NB, "uniform_guess").splitlines()
    L_u, _, e_u = numbers(uniform)
    L_p, _, e_p = numbers(pretrained)
    assert L_p < L_u * half                             # "with less than half the loss"
    assert e_p < 10                                     # "a handful of characters"
    n_y = numbers(output_text(lang, NB, "model = load_pretrained"))[0]
    assert e_u == n_y                                   # "hesitates over the whole vocabulary"


@pytest.mark.parametrize("lang", LANGS)
def test_prediction_minus_truth_is_negative_only_at_the_truth_and_sums_to_zero(lang):
    four, zero = claim(lang, NB, r"sus (\w+) entradas mayores en valor absoluto, con la flecha "
                                 r"en el "
                       r"carácter correcto\. Una columna suma (\d+)", r"its (\w+) largest "
                                                                      r"entries in "
                       r"absolute value, with the arrow on the right character\. A column adds "
                       r"up to "
                       r"(\d+)")
    text = output_text(lang, NB, "out = output_layer_backward")
    entries = [line for line in text.splitlines() if line.startswith("  ") and "Σ" not in line]
    assert len(entries) == four
    for line in entries:
        value = numbers(line)[-1]
        assert (value < 0) == ("← y" in line), line
    assert sum("← y" in line for line in entries) == 1
    assert f"Σ (ŷ - y) = {zero:.4f}" in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_compares_the_originals_loss_with_chance_in_the_same_unit(lang):
    # exercise 1 (a): 68.0088 / 25 in nats and bits, chance with 52 characters in nats and bits
    nats, bits, chance_nats, chance_bits = guide_claim(
        lang, NB, r"68\.0088 / 25 = ([\d.]+)\$ nats \$= ([\d.]+)\$ bits por carácter, por "
                  r"debajo del azar con 52 caracteres, \$\\ln 52 = ([\d.]+)\$ nats "
                  r"\$= \\log_2 52 = ([\d.]+)\$ bits",
        r"68\.0088 / 25 = ([\d.]+)\$ nats \$= ([\d.]+)\$ bits per character, below chance "
        r"with 52 characters, \$\\ln 52 = ([\d.]+)\$ nats \$= \\log_2 52 = ([\d.]+)\$ bits")
    assert round(68.0088 / 25, 2) == nats and round(68.0088 / 25 / math.log(2), 2) == bits
    assert round(math.log(52), 2) == chance_nats and round(math.log2(52), 2) == chance_bits
    assert nats < chance_nats and bits < chance_bits


# --- the slides (notebooks/source/02_backward_cell.md, the slide layer) -------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_slides_column_of_prediction_minus_truth(lang):
    four, = slide_claim(lang, NB, r"las (\w+) entradas mayores de la primera predicción",
                        r"the (\w+) largest entries of the first prediction")
    slide_claim(lang, NB, r"el único negativo", r"the only negative one")
    zero, = slide_claim(lang, NB, r"La columna suma (\d+)", r"The column adds up to (\d+)")
    text = output_text(lang, NB, "out = output_layer_backward")
    entries = [line for line in text.splitlines() if line.startswith("  ") and "Σ" not in line]
    assert len(entries) == four
    assert [numbers(line)[-1] < 0 for line in entries] == ["← y" in line for line in entries]
    assert sum("← y" in line for line in entries) == 1 and f"Σ (ŷ - y) = {zero:.4f}" in text
