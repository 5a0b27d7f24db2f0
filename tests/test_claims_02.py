"""What lesson 02 (the loss and one cell) says about its outputs, checked in both languages."""
import math

import pytest

from claims import numbers, output_text

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
    # "the highest comes after a space, when a new word begins"
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
    lines = output_text(lang, NB, "total += -np.log").splitlines()
    loss, bits = numbers(lines[0].split("=", 1)[1])[:2]
    mean = numbers(lines[1].split("=", 1)[1])[0]
    total = numbers(lines[2].split("=", 1)[1])[0]
    assert loss == mean
    assert abs(bits - loss / math.log(2)) < 2e-4
    assert abs(total / 24 - loss) < 1e-4


@pytest.mark.parametrize("lang", LANGS)
def test_the_pretrained_network_has_less_than_half_the_loss_of_guessing(lang):
    uniform, pretrained = output_text(lang, NB, "uniform_guess").splitlines()
    L_u, _, e_u = numbers(uniform)
    L_p, _, e_p = numbers(pretrained)
    assert L_p < L_u / 2                                # "with less than half the loss"
    assert e_p < 10                                     # "a handful of characters"
    n_y = numbers(output_text(lang, NB, "model = load_pretrained"))[0]
    assert e_u == n_y                                   # "hesitates over the whole vocabulary"


@pytest.mark.parametrize("lang", LANGS)
def test_prediction_minus_truth_is_negative_only_at_the_truth_and_sums_to_zero(lang):
    text = output_text(lang, NB, "out = output_layer_backward")
    entries = [line for line in text.splitlines() if line.startswith("  ") and "Σ" not in line]
    assert len(entries) == 4
    for line in entries:
        value = numbers(line)[-1]
        assert (value < 0) == ("← y" in line), line
    assert sum("← y" in line for line in entries) == 1
    assert "Σ (ŷ - y) = 0.0000" in text
