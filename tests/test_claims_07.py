"""What the prose of lesson 07 (inside the network) claims about its outputs, in both languages.

Each test reads its sentence in the prose of each language (`claim`) and compares what the
sentence states with the stored output."""
import re

import numpy as np
import pytest

from claims import claim, guide_claim, output_text, slide_claim, slides
from lstm_np.lessons.analysis import gate_saturation

NB = "07_inside"
LANGS = ("es", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_c_is_not_bounded_but_a_and_the_gates_are(lang):
    one, = claim(lang, NB, r"acumula valores bastante mayores que (\d+)",
                 r"accumulates values well above (\d+)")
    out = output_text(lang, NB, "passage = val_text[")
    ranges = {key: (float(lo), float(hi)) for key, lo, hi in
              re.findall(r"record\['(\w)'\].*min = ([-+\d.]+)\s+max = ([-+\d.]+)", out)}
    assert max(-ranges["c"][0], ranges["c"][1]) > 2 * one    # "values well above 1"
    assert -1 <= ranges["a"][0] and ranges["a"][1] <= 1
    for gate in "fuo":
        assert 0 <= ranges[gate][0] and ranges[gate][1] <= 1


def saturation(lang):
    out = output_text(lang, NB, "saturation = gate_saturation(")
    return {g: (int(left), int(right), int(near)) for g, left, right, near in
            re.findall(r"Γ_(\w):\s+#\((?:left|izq) > 0.5\) =\s*(\d+)\s+"
                       r"#\((?:right|der) > 0.5\) =\s*(\d+)\s+"
                       r"#\((?:left|izq) \+ (?:right|der) > 0.9\) =\s*(\d+)", out)}


@pytest.mark.parametrize("lang", LANGS)
def test_saturation_claims(lang):
    claim(lang, NB, r"las que están cerca de la diagonal\. Son muy pocas",
          r"those near the diagonal\. They are very few")
    claim(lang, NB, r"algunas unidades están abiertas \(> 0\.9\) más de la mitad del tiempo: son "
                    r"los "
          r"\*\*integradores\*\*", r"some units are open \(> 0\.9\) more than half the time: these "
          r"are the \*\*integrators\*\*")
    claim(lang, NB, r"\*\*\$\\Gamma_u\$\*\*: casi ninguna unidad está cerrada la mayor parte del "
                    r"tiempo",
          r"\*\*\$\\Gamma_u\$\*\*: hardly any unit is closed most of the time")
    claim(lang, NB, r"\*\*\$\\Gamma_o\$\*\*: muchas unidades están cerradas más de la mitad del "
                    r"tiempo",
          r"\*\*\$\\Gamma_o\$\*\*: many units are closed more than half the time")
    s = saturation(lang)
    assert set(s) == {"f", "u", "o"}
    assert all(near <= 5 for _, _, near in s.values())      # "very few" near the diagonal
    assert s["f"][1] > 0                                     # some integrators
    assert s["u"][0] <= 5                                    # hardly any update gate mostly closed
    assert s["o"][0] >= 10                                   # many output gates mostly closed


def best_r(lang):
    out = output_text(lang, NB, "features = {")
    rows = {}
    for line in out.splitlines():
        found = re.findall(r"r = ([-+][\d.]+)", line)
        if found:
            rows[line.split("#")[0].strip()] = abs(float(found[0]))
    return rows


LOCAL = {"es": ("espacio", "vocal", "posición en la palabra"),
         "en": ("space", "vowel", "position in the word")}


@pytest.mark.parametrize("lang", LANGS)
def test_local_features_have_units_long_range_ones_do_not(lang):
    above, = claim(lang, NB, r"\(espacio, vocal, posición en la palabra\) tienen unidades con "
                   r"\$\|r\|\$ por encima de ([\d.]+)", r"\(space, vowel, position in the word\) "
                   r"have units with \$\|r\|\$ above ([\d.]+)")
    claim(lang, NB, r"se quedan muy por debajo", r"stay far below")
    rows = best_r(lang)
    for name in LOCAL[lang]:
        assert rows[name] > above, (name, rows[name])                 # "|r| above 0.5"
    others = [r for name, r in rows.items() if name not in LOCAL[lang]]
    assert others and max(others) < 0.3                               # "far below"


@pytest.mark.parametrize("lang", LANGS)
def test_trained_on_a_text_of_about_as_many_thousand_characters_as_it_says(lang):
    units, chars = claim(lang, NB, r"esta red de (\d+) unidades, entrenada con un texto de unos "
                         r"([\d ]+) caracteres", r"this (\d+)-unit network, trained on a text of "
                         r"about ([\d,]+) characters")
    out = output_text(lang, NB, "model = load_pretrained(LANG)")
    assert f"n_a = {int(units)}," in out                              # "this 100-unit network"
    n = int(re.search(r"len\(train_text\) = (\d+)", out).group(1))
    assert round(n, -3) == chars, n                       # "a text of about 107,000 characters"


def word_position_means(lang):
    out = output_text(lang, NB, "unit, r = found[")
    means = {}
    for label, mean, _ in re.findall(r"^\s*(\S+)\s+([-+][\d.]+)\s+(\d+)$", out, flags=re.M):
        means[label] = float(mean)
    space = means.pop("espacio" if lang == "es" else "space")
    return space, [means[str(p)] for p in range(8)]


def test_spanish_unit_lowest_at_first_three_letters_then_rises_letter_by_letter():
    three, = claim("es", NB, r"La media es mínima en las (\w+) primeras letras de la palabra y "
                             r"sube "
                   r"poco a poco, letra a letra, desde la cuarta; en los espacios queda a medio "
                   r"camino", "")
    space, by_position = word_position_means("es")
    assert three == 3
    assert by_position[0] == by_position[1] == by_position[2] == min(by_position)
    assert all(b > a for a, b in zip(by_position[2:], by_position[3:]))    # from the fourth
    assert min(by_position) < space < max(by_position)                    # spaces halfway
    assert abs(by_position[0]) <= 0.2 < by_position[7]   # "start almost white, turn red"


def test_english_unit_lowest_at_first_letter_rises_to_the_fifth_then_levels_off():
    claim("en", NB, "", r"The mean is lowest at the first letter of the word and rises letter by "
          r"letter up to about the fifth, where it levels off; at spaces it sits about where the "
          r"middle of a word does")
    space, by_position = word_position_means("en")
    assert min(range(8), key=lambda p: by_position[p]) == 0
    assert all(b > a for a, b in zip(by_position[:5], by_position[1:5]))   # rises to the fifth
    assert all(abs(m - by_position[4]) <= 0.15 for m in by_position[5:])   # then levels off
    assert min(by_position[1:6]) <= space <= max(by_position[1:6])         # like mid-word
    assert by_position[4] > 0                 # "words start blue and turn white or red"


# --- the guide's answer keys -------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_wider_thresholds_move_every_dot_towards_the_diagonal(lang):
    # exercise 4's key: with 0.2 / 0.8 both fractions of every unit can only grow
    guide_claim(lang, NB, r"las dos fracciones de cada unidad solo pueden crecer",
                r"both fractions of every unit can only grow")
    rng = np.random.default_rng(0)
    record = {g: 1 / (1 + np.exp(-3 * rng.normal(size=(20, 500)))) for g in "fuo"}
    narrow, wide = gate_saturation(record), gate_saturation(record, low=0.2, high=0.8)
    for g in "fuo":
        assert np.all(wide[g][0] >= narrow[g][0]) and np.all(wide[g][1] >= narrow[g][1])
        assert np.any(wide[g][0] + wide[g][1] > narrow[g][0] + narrow[g][1])


@pytest.mark.parametrize("lang", LANGS)
def test_the_untrained_network_has_no_integrators(lang):
    # exercise 3's key cites lesson 03's share of forget gates above 0.9 in both networks
    untrained, es, en = guide_claim(
        lang, NB, r"ninguna de sus compuertas de olvido pasaba de 0\.9 \((\d+) %\), y en la "
                  r"preentrenada un (\d+) % en español y un (\d+) % en inglés",
        r"none of its forget gates went above 0\.9 \((\d+) %\), against (\d+) % in Spanish and "
        r"(\d+) % in English")
    for language, pretrained in (("es", es), ("en", en)):
        out = output_text(language, "03_bptt", "flows = {key")
        shares = [float(x) for x in re.findall(r"Γ_f > 0\.9: (\d+) %", out)]
        assert shares == [pretrained, untrained], (language, shares)


# --- the slides (notebooks/source/07_inside.md, the slide layer) --------------------------------

LONG_RANGE = {"es": {"comillas": ("dentro de «…»", 'dentro de "…"'),
                     "diálogo": ("tras una raya — en el párrafo",),
                     "párrafo": ("posición en el párrafo",)},
              "en": {"quotes": ("inside «…»", 'inside "…"'),
                     "dialogue": ("after a dash — in the paragraph",),
                     "paragraph": ("position in the paragraph",)}}


@pytest.mark.parametrize("lang", LANGS)
def test_the_slides_best_units_local_above_long_range_far_below(lang):
    above, = slide_claim(lang, NB, r"\*\*Locales\*\* \(espacio, vocal, posición en la palabra\): "
                                   r"\$\|r\| > ([\d.]+)\$",
                         r"\*\*Local\*\* \(space, vowel, position in the word\): "
                         r"\$\|r\| > ([\d.]+)\$")
    named = re.search({"es": r"\*\*De largo alcance\*\* \(([^)]*)\): muy por debajo",
                       "en": r"\*\*Long-range\*\* \(([^)]*)\): far below"}[lang],
                      slides(lang, NB))
    assert named, "the slide's long-range sentence changed: update this test"
    rows = best_r(lang)
    for name in LOCAL[lang]:
        assert rows[name] > above, (name, rows)
    for feature in named.group(1).split(", "):
        measured = [rows[f] for f in LONG_RANGE[lang][feature] if f in rows]
        assert measured, f"{lang}: the slide names {feature!r}, which the passage never shows"
        assert max(measured) < 0.3, (feature, measured)
