"""What lesson 03 (BPTT and the gradient check) says about its outputs, in both languages."""
import pytest

from claims import numbers, output_text

NB = "03_bptt"
LANGS = ("es", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_the_originals_first_backward_pass_is_all_zeros(lang):
    text = output_text(lang, NB, "wasted = lstm_backward").strip()
    assert text == "max |lstm_backward(np.zeros_like(a), caches)| = 0.0"


@pytest.mark.parametrize("lang", LANGS)
def test_loss_and_gradients_is_the_pieces_put_together(lang):
    first, second = output_text(lang, NB, "loss_lg, gradients").splitlines()[:2]
    a, b = numbers(first.replace("L =", ""))
    assert a == b
    assert second.endswith("True")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("cell", ["print_errors(errors_small)", "num_checks=20"])
def test_every_gradient_passes_the_check(lang, cell):
    text = output_text(lang, NB, cell)
    rows = [line for line in text.splitlines() if line.count("|") == 1 and "✓" in line]
    assert len(rows) == 12, text
    assert "✗" not in text
    assert ("los 12 por debajo de 1e-7" if lang == "es" else "all 12 below 1e-7") in text


@pytest.mark.parametrize("lang", LANGS)
def test_planted_mistakes_fail_by_orders_of_magnitude(lang):
    rows = output_text(lang, NB, "cases = [").splitlines()[1:]
    assert len(rows) == 5
    correct_wf, flipped, summed, correct_bo, scaled = rows
    for row in (correct_wf, correct_bo):
        assert row.endswith("< 1e-7  ✓"), row
    for row in (flipped, summed, scaled):
        assert row.endswith("✗"), row
        assert numbers(row.split("|")[-1])[0] > 1e-3, row    # "orders of magnitude above"
    assert abs(numbers(scaled.split("|")[-1])[0] - 0.01 / 2) < 2e-4   # "almost exactly 0.01/2"
    assert abs(numbers(summed.split("|")[-1])[0] - 11 / 13) < 0.01    # "11/13 ≈ 0.85"


def flow(lang):
    """{net: (norm at T, norm at 1, factor per step, % of Γ_f > 0.9)} from the flow cell."""
    lines = output_text(lang, NB, "flows = {key").splitlines()
    out = {}
    for i in range(0, len(lines), 3):
        norm_T, norm_1, factor = numbers(lines[i + 1].split("=", 1)[1].replace("<1>", ""))[0::1][-3:]
        out[i // 3] = (norm_T, norm_1, factor, numbers(lines[i + 2].split(":")[1])[0])
    return out[0], out[1]                                   # pretrained, untrained


@pytest.mark.parametrize("lang", LANGS)
def test_the_trained_network_keeps_its_gradient_longer_but_not_forever(lang):
    pretrained, untrained = flow(lang)
    assert untrained[3] == 0                                # "none is above 0.9"
    assert pretrained[3] > 0                                # "in a share of its units and steps"
    assert untrained[2] < pretrained[2] < 1                 # "vanishes more slowly"
    assert pretrained[1] / pretrained[0] < 1e-3             # "several orders of magnitude"


@pytest.mark.parametrize("lang", LANGS)
def test_the_untrained_factor_per_step_is_about_0_75(lang):
    # teacher's notes: "If the factor per step is 0.75, how much is left after 25 steps?",
    # the untrained network's factor
    _, untrained = flow(lang)
    assert abs(untrained[2] - 0.75) < 0.015, untrained
