"""What lesson 04 (clipping and Adam) says about its outputs, checked in both languages.

Each test names the sentence it guards. The Spanish and English runs train on different
texts; a claim that holds for one only must be written per language in the source.
"""
import re

import pytest

from claims import numbers, output_text

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
    # "Adam gets lower than both SGD runs. Raising alpha from 1 to 5 helps SGD a lot"
    runs = short_runs(lang)
    adam = runs["Adam (α=0.01)"]
    for label in ("SGD (α=1)", "SGD (α=5)"):
        assert adam[0] < runs[label][0] and adam[1] < runs[label][1], (lang, runs)
    assert runs["SGD (α=5)"][1] < runs["SGD (α=1)"][1] - 0.1, (lang, runs)


@pytest.mark.parametrize("lang", LANGS)
def test_clipping_acts_in_a_few_sgd_updates_and_in_no_adam_update(lang):
    # "a few with SGD and alpha = 5, none with Adam"
    runs = short_runs(lang)
    assert 0.0 < runs["SGD (α=5)"][2] <= 10.0, (lang, runs)
    assert runs["Adam (α=0.01)"][2] == 0.0, (lang, runs)


@pytest.mark.parametrize("lang", LANGS)
def test_the_clipping_bound_is_5_over_T_x_the_trainers_default(lang):
    # "the threshold ... is 5/T_x = 0.2, the Trainer's default"
    from lstm_np.train import TrainConfig
    assert TrainConfig(seq_length=25).clip_value == pytest.approx(0.2)
    # "the Trainer uses 0.04 with its batch of m = 128"; "0.01 ... update_parameters_with_adam's
    # default"
    assert (TrainConfig().learning_rate, TrainConfig().batch_size) == (0.04, 128)
    import inspect
    from lstm_np.optim import update_parameters_with_adam
    assert inspect.signature(update_parameters_with_adam).parameters["learning_rate"].default == 0.01
    text = output_text(lang, NB, "trainer = Trainer(text, config)")
    assert re.search(r"clip_value = 5/T_x = 0\.2$", text, re.M), text


@pytest.mark.parametrize("lang", LANGS)
def test_one_update_by_hand_is_the_trainers(lang):
    text = output_text(lang, NB, "trainer_loss = trainer.step()")
    assert text.startswith("✓") and "1e-10" in text, text


@pytest.mark.parametrize("lang", LANGS)
def test_sgd_steps_spread_over_an_order_of_magnitude_adams_do_not(lang):
    # "between the block that moves most and the one that moves least there is more than an
    # order of magnitude"; "the biases ... move much more than the gate matrices";
    # "With Adam the steps of all blocks are of the same order, a fraction of alpha"
    steps, spread = rms_table(lang)
    assert spread["SGD (α=5)"] > 10, (lang, spread)
    assert spread["Adam (α=0.01)"] < 5, (lang, spread)
    sgd = steps["SGD (α=5)"]
    assert min(sgd[b] for b in ("bf", "bi", "bc", "bo", "by")) > \
        max(sgd[w] for w in ("Wf", "Wi", "Wo")), (lang, sgd)
    assert max(steps["Adam (α=0.01)"].values()) < 0.01, (lang, steps)


@pytest.mark.parametrize("lang", LANGS)
def test_bias_correction_claims(lang):
    # six-step table: "the first step of Adam is -alpha sign(g): -0.01";
    # "v/sqrt(s) comes out three to over six times too large"
    rows = [numbers(line) for line in
            output_text(lang, NB, "gradients = [0.5, 0.4").strip().splitlines()[1:]]
    assert rows[0][6] == -0.01
    ratios = [row[7] / row[6] for row in rows]
    assert min(ratios) >= 3 and max(ratios) > 6, ratios
    # 2000 parameters: "starts at exactly alpha", "several times longer for hundreds of steps"
    lines = output_text(lang, NB, "n, alpha = 2000").strip().splitlines()
    first, hundred = numbers(lines[0]), numbers(lines[2])
    assert first[1] == 1.0
    assert hundred[2] > 2 * hundred[1], lines


@pytest.mark.parametrize("lang", LANGS)
def test_resume_claims(lang):
    # "the step shrinks to less than half"; "more than three times the step it should take"
    lines = output_text(lang, NB, "restart_all = resume(").strip().splitlines()
    ratio2, ratio3 = numbers(lines[1])[2], numbers(lines[1])[5]      # "(2)/(1) = x  (3)/(1) = y"
    assert ratio2 < 0.5 and ratio3 > 3, lines
    assert numbers(lines[2])[-4] < 1, lines            # case 2 stays too short


@pytest.mark.parametrize("lang", LANGS)
def test_clipping_entry_by_entry_changes_the_direction(lang):
    text = output_text(lang, NB, "clipped = clip(grads, 5)")
    assert numbers(text.strip().splitlines()[-1])[-1] < 0.99, text


@pytest.mark.parametrize("lang", LANGS)
def test_ten_per_cent_per_step_is_four_orders_of_magnitude_after_100(lang):
    # "Ten per cent above or below 1 at each step becomes, after 100 steps, four orders of
    # magnitude"
    rows = {numbers(line)[0]: numbers(line)[1:] for line in
            output_text(lang, NB, "for rho in (0.9, 1.0, 1.1)").strip().splitlines()[1:]}
    neutral = rows[1.0][-1]
    assert 1e-5 < rows[0.9][-1] / neutral < 1e-3, rows
    assert 1e3 < rows[1.1][-1] / neutral < 1e5, rows


@pytest.mark.parametrize("lang", LANGS)
def test_clip_keeps_the_ordinary_entries_and_puts_the_huge_ones_at_5(lang):
    # "The ordinary entries do not change; the two huge ones end up at +5 and -5"
    blocks = output_text(lang, NB, "clipped = clip(grads, 5)").split("\n\n")[:2]
    for block in blocks:
        before, after = (numbers(part) for part in block.split("→"))
        changed = [(b, a) for b, a in zip(before, after) if b != a]
        assert changed in ([(37.5, 5.0)], [(-120.0, -5.0)]), block


@pytest.mark.parametrize("lang", LANGS)
def test_a_gradient_descent_step_is_proportional_to_the_gradient(lang):
    # "the parameter with gradient 4 moved by 0.4; the one with gradient -0.01 by only 0.001"
    after = numbers(output_text(lang, NB, "update_parameters_with_gd(params, grads"))
    moves = [round(abs(a - b), 6) for a, b in zip(after, [1.0, -2.0, 0.5])]
    assert moves == [0.05, 0.001, 0.4], after


@pytest.mark.parametrize("lang", LANGS)
def test_without_correction_three_times_at_100_and_a_quarter_more_at_1000(lang):
    # "more than three times as long at t = 100, still 25 % longer at t = 1000"
    rows = {int(numbers(line)[0]): numbers(line)[1:] for line in
            output_text(lang, NB, "n, alpha = 2000").strip().splitlines()}
    assert rows[100][1] / rows[100][0] > 3, rows
    assert 1.2 < rows[1000][1] / rows[1000][0] < 1.3, rows


@pytest.mark.parametrize("lang", LANGS)
def test_restarting_t_alone_gives_about_0_4_of_the_right_step(lang):
    # teacher's notes: "0.32/0.8 ≈ 0.4, the table's (2)/(1)"
    line = output_text(lang, NB, "restart_all = resume(").strip().splitlines()[1]
    assert abs(numbers(line)[2] - 0.32 / 0.8) < 0.01, line
