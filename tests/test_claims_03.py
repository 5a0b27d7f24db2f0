"""What lesson 03 (BPTT and the gradient check) says about its outputs, in both languages.

Each test reads its sentence in the prose of each language (`claim`) and compares what the
sentence states with the stored output."""
import pytest

from claims import cells, claim, numbers, output_text, slide_claim

NB = "03_bptt"
LANGS = ("es", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_the_originals_first_backward_pass_is_all_zeros(lang):
    claim(lang, NB, r"así que todo lo que devuelve es cero", r"so everything it returns is zero")
    text = output_text(lang, NB, "wasted = lstm_backward").strip()
    assert text == "max |lstm_backward(np.zeros_like(a), caches)| = 0.0"


@pytest.mark.parametrize("lang", LANGS)
def test_loss_and_gradients_is_the_pieces_put_together(lang):
    claim(lang, NB, r"junta lo que necesita un paso de entrenamiento", r"puts together what one "
          r"training step needs")
    first, second = output_text(lang, NB, "loss_lg, gradients").splitlines()[:2]
    a, b = numbers(first.replace("L =", ""))
    assert a == b
    assert second.endswith("True")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("cell", ["print_errors(errors_small)", "num_checks=20"])
def test_every_gradient_passes_the_check(lang, cell):
    tol, = claim(lang, NB, r"error relativo \$< 10\^\{(-\d+)\}\$\) confirma",
                 r"relative error \$< 10\^\{(-\d+)\}\$\) confirms")
    text = output_text(lang, NB, cell)
    assert f"TOL = 1e{int(tol)}" in "".join(
        "".join(c["source"]) for c in cells(lang, NB) if c["cell_type"] == "code")
    rows = [line for line in text.splitlines() if line.count("|") == 1 and "✓" in line]
    assert len(rows) == 12, text
    assert "✗" not in text
    assert ("los 12 por debajo de 1e-7" if lang == "es" else "all 12 below 1e-7") in text


@pytest.mark.parametrize("lang", LANGS)
def test_planted_mistakes_fail_by_orders_of_magnitude(lang):
    claim(lang, NB, r"Cada error de verdad queda órdenes de magnitud por encima del umbral",
          r"Every real mistake lands orders of magnitude above the threshold")
    one_percent, top, bottom, ratio = claim(
        lang, NB, r"incluso el del (\d+) % \(su error relativo es casi exactamente "
                  r"\$0\.01/2\$\)\..*?"
        r"da \$\(m\\,T_x - 1\)/\(m\\,T_x \+ 1\) = (\d+)/(\d+) \\approx ([\d.]+)\$",
        r"even the (\d+) % one \(its relative error is almost exactly \$0\.01/2\$\)\..*?"
        r"gives \$\(m\\,T_x - 1\)/\(m\\,T_x \+ 1\) = (\d+)/(\d+) \\approx ([\d.]+)\$")
    assert round(top / bottom, 2) == ratio
    rows = output_text(lang, NB, "cases = [").splitlines()[1:]
    assert len(rows) == 5
    correct_wf, flipped, summed, correct_bo, scaled = rows
    for row in (correct_wf, correct_bo):
        assert row.endswith("< 1e-7  ✓"), row
    for row in (flipped, summed, scaled):
        assert row.endswith("✗"), row
        assert numbers(row.split("|")[-1])[0] > 1e-3, row    # "orders of magnitude above"
    assert abs(numbers(scaled.split("|")[-1])[0] - one_percent / 100 / 2) < 2e-4
    assert abs(numbers(summed.split("|")[-1])[0] - top / bottom) < 0.01


def flow(lang):
    """{net: (norm at T, norm at 1, factor per step, % of Γ_f > 0.9)} from the flow cell."""
    lines = output_text(lang, NB, "flows = {key").splitlines()
    out = {}
    for i in range(0, len(lines), 3):
        values = numbers(lines[i + 1].split("=", 1)[1].replace("<1>", ""))
        norm_T, norm_1, factor = values[-3:]
        out[i // 3] = (norm_T, norm_1, factor, numbers(lines[i + 2].split(":")[1])[0])
    return out[0], out[1]                                   # pretrained, untrained


@pytest.mark.parametrize("lang", LANGS)
def test_the_trained_network_keeps_its_gradient_longer_but_not_forever(lang):
    claim(lang, NB, r"ninguna pasa de 0\.9", r"none is above 0\.9")
    claim(lang, NB, r"también la red entrenada pierde varios órdenes de magnitud en cien pasos",
          r"the trained network also loses several orders of magnitude over a hundred steps")
    pretrained, untrained = flow(lang)
    assert untrained[3] == 0                                # "none is above 0.9"
    assert pretrained[3] > 0                                # "in a share of its units and steps"
    assert untrained[2] < pretrained[2] < 1                 # "vanishes more slowly"
    assert pretrained[1] / pretrained[0] < 1e-3             # "several orders of magnitude"


@pytest.mark.parametrize("lang", LANGS)
def test_the_untrained_factor_per_step_is_about_0_75(lang):
    said, = claim(lang, NB, r"El factor medido, unos ([\d.]+) por paso, es mayor",
                  r"The measured factor, about ([\d.]+) per step, is larger")
    notes, = claim(lang, NB, r"Si el factor por paso es ([\d.]+), ¿cuánto queda",
                   r"If the factor per step is ([\d.]+), how much is left")
    _, untrained = flow(lang)
    assert said == notes and abs(untrained[2] - said) < 0.015, untrained
    assert untrained[2] > 0.5                   # more than the c path alone (halved per step)


# --- the slides (notebooks/source/03_bptt.md, the slide layer) ----------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_slides_planted_mistakes_and_the_summary(lang):
    slide_claim(lang, NB, r"Incluso el error del 1 % queda órdenes de magnitud por encima del "
                          r"umbral \(casi exactamente \$0\.01/2\$\)",
                r"Even the 1 % mistake lands orders of magnitude above the threshold \(almost "
                r"exactly \$0\.01/2\$\)")
    top, bottom, ratio = slide_claim(
        lang, NB, r"La suma contra la media da \$\(m\\,T_x - 1\)/\(m\\,T_x \+ 1\) = (\d+)/(\d+) "
                  r"\\approx ([\d.]+)\$",
        r"The sum against the mean gives \$\(m\\,T_x - 1\)/\(m\\,T_x \+ 1\) = (\d+)/(\d+) "
        r"\\approx ([\d.]+)\$")
    slide_claim(lang, NB, r"confirma cada gradiente \(\$< 10\^\{-7\}\$\) y falla ante errores "
                          r"del 1 %",
                r"confirms every gradient \(\$< 10\^\{-7\}\$\) and fails on 1 % mistakes")
    rows = output_text(lang, NB, "cases = [").splitlines()[1:]
    correct_wf, flipped, summed, correct_bo, scaled = rows
    assert correct_wf.endswith("< 1e-7  ✓") and correct_bo.endswith("< 1e-7  ✓"), rows
    assert scaled.endswith("✗") and abs(numbers(scaled.split("|")[-1])[0] - 0.01 / 2) < 2e-4
    assert round(top / bottom, 2) == ratio
    assert abs(numbers(summed.split("|")[-1])[0] - top / bottom) < 0.01, summed
