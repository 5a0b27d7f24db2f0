"""What the prose of lesson 01 says about its outputs holds in both languages."""
import re

import pytest

from claims import markdown_text, numbers, output_text

NB = "01_forward"
LANGS = ("es", "en")


def gate_stats(lang):
    """{gate: (mean, min, max)} from the one-step cell (section 5)."""
    out = output_text(lang, NB, "a_next, c_next, yt_pred, cache = lstm_cell_forward(")
    stats = {}
    for gate in ("Γ_f", "Γ_u", "Γ_o"):
        line = next(l for l in out.splitlines() if l.startswith(gate + ":"))
        stats[gate] = numbers(line.split(":", 1)[1])[-3:]
    return stats


def saturation(lang):
    """(untrained row, pretrained row): three saturated fractions and max|c| each."""
    out = output_text(lang, NB, "record_untrained = gate_activations(")
    rows = [numbers(l)[-4:] for l in out.splitlines()[1:3]]
    return rows[0], rows[1]


@pytest.mark.parametrize("lang", LANGS)
def test_untrained_gates_average_one_half_but_stray(lang):
    # "a mean very close to 0.5 ... some stray quite far from 0.5"
    for gate, (mean, low, high) in gate_stats(lang).items():
        assert abs(mean - 0.5) < 0.01, (lang, gate, mean)
        assert low < 0.2 and high > 0.8, (lang, gate, low, high)


@pytest.mark.parametrize("lang", LANGS)
def test_saturation_table(lang):
    untrained, pretrained = saturation(lang)
    # "in the untrained network hardly any value leaves [0.1, 0.9]"
    assert all(v <= 0.02 for v in untrained[:3]), (lang, untrained)
    if lang == "es":
        # "alrededor de la mitad de los valores de cada compuerta"; "su valor absoluto pasa de 20"
        assert all(0.45 <= v <= 0.55 for v in pretrained[:3]), (lang, pretrained)
        assert pretrained[3] > 20, (lang, pretrained)
    else:
        # "between two fifths and a half of each gate's values"; "its absolute value passes 10"
        assert all(0.4 <= v <= 0.5 for v in pretrained[:3]), (lang, pretrained)
        assert pretrained[3] > 10, (lang, pretrained)


@pytest.mark.parametrize("lang", LANGS)
def test_the_shapes_table_uses_this_vocabulary(lang):
    # section 4: "n_x = n_y = 47 (the original had 52)" and the table's shapes, per language
    n = int(numbers(output_text(lang, NB, "n_x = n_y = vocab.size"))[0])
    table = markdown_text(lang, NB, "(n_a, n_a + n_x)")
    assert f"n_x = n_y = {n}$" in table, (lang, n)
    assert table.count(f"(100, {100 + n}), (100, 1)") == 4, (lang, n)
    assert f"({n}, 100), ({n}, 1)" in table, (lang, n)
    assert f"n_params = {4 * 100 * (100 + n + 1) + n * 101}" in output_text(
        lang, NB, "n_params =")


@pytest.mark.parametrize("lang", LANGS)
def test_some_units_keep_their_memory_most_of_the_sentence(lang):
    # "Some units have Γ_f > 0.9 for most of the sentence": at least two of the 20 drawn
    out = output_text(lang, NB, "keeps = (record[")
    kept = sorted((float(x) for x in re.findall(r"P\(Γ_f > 0.9\) = ([\d.]+)", out)),
                  reverse=True)
    assert kept[1] > 0.5, (lang, out)


@pytest.mark.parametrize("lang", LANGS)
def test_untrained_at_chance_trained_clearly_below(lang):
    out = output_text(lang, NB, "loss_untrained = lstm_np.compute_loss(")
    untrained, uniform = numbers(out.splitlines()[0])[0], numbers(out.splitlines()[1])[0]
    # "at chance level", not "well above ln n_y" (the English one is 0.002 above it)
    assert abs(untrained - uniform) < 0.05, (lang, untrained, uniform)
    out = output_text(lang, NB, "X_s = model.vocab.encode(")
    losses = [numbers(l)[0] for l in out.splitlines()]
    assert abs(losses[0] - losses[2]) < 0.1 and losses[1] < losses[2] - 1, (lang, losses)


@pytest.mark.parametrize("lang", LANGS)
def test_column_wise_softmax_fixes_the_original(lang):
    out = output_text(lang, NB, "Z = np.array(")
    assert "nan" in out.split("]]")[0] and "nan" not in out.split("]]")[1], out
