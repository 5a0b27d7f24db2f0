"""What the prose of lesson 06 (training) claims about its outputs, checked in both languages."""
import math
import re

import pytest

from claims import markdown_text, numbers, output_text

NB = "06_training"
LANGS = ("es", "en")


def log_rows(lang):
    """(update, epoch, train, val) of every training log line."""
    rows = []
    for line in output_text(lang, NB, "history = trainer.train(").splitlines():
        values = numbers(line)
        if len(values) >= 4:
            rows.append(values[:4])
    return rows


@pytest.mark.parametrize("lang", LANGS)
def test_the_sliding_window_reads_only_the_start_each_character_25_times(lang):
    out = output_text(lang, NB, "reads = np.zeros(")
    seen = re.search(r"count_nonzero\(reads\) =\s*([\d,]+)\s*\(([\d.]+)%\)", out)
    assert float(seen.group(2)) < 10
    assert re.search(r"reads\.max\(\)\s*=\s*25\b", out)


@pytest.mark.parametrize("lang", LANGS)
def test_toy_streams_targets_are_shifted_and_epochs_leave_out_different_characters(lang):
    out = output_text(lang, NB, "toy_text = ")
    for x, y in re.findall(r"X\[\d\] = '(\w+)' Y\[\d\] = '(\w+)'", out):
        assert x[1:] == y[:-1]
    offsets = [int(o) for o in re.findall(r"streams\.offset = (\d+)", out)]
    assert len(offsets) == 2 and offsets[0] != offsets[1]
    unread = re.findall(r": '(\w*)'\n", out)
    assert len(unread) == 2 and unread[0] != unread[1]


@pytest.mark.parametrize("lang", LANGS)
def test_one_epoch_reads_nearly_the_whole_book(lang):
    out = output_text(lang, NB, "book = Streams(")
    assert float(re.search(r"\(([\d.]+)%\)", out).group(1)) >= 99


@pytest.mark.parametrize("lang", LANGS)
def test_training_curves(lang):
    rows = log_rows(lang)
    assert len(rows) == 6
    ln_ny = numbers(output_text(lang, NB, "vocab = Vocabulary.from_text(text)").split("ln(n_y) =")[1])[0]
    _, _, train0, val0 = rows[0]
    assert val0 < ln_ny                                   # falls from ln n_y
    assert train0 > val0                                  # at first the training mean lies above
    vals = [r[3] for r in rows]
    assert all(b < a for a, b in zip(vals, vals[1:]))     # falls all the way
    _, _, train, val = rows[-1]
    assert abs(train - val) < 0.1                         # the two curves go together


@pytest.mark.parametrize("lang", LANGS)
def test_samples_real_words_grow_and_untrained_loss_is_ln_ny(lang):
    out = output_text(lang, NB, "known_words = set(")
    shares = [int(x) for x in re.findall(r"(\d+)%", out)]
    assert len(shares) == 3
    assert shares[0] < shares[1] < shares[2] and shares[2] > 50   # grows; mostly real words
    ln_ny = numbers(output_text(lang, NB, "vocab = Vocabulary.from_text(text)").split("ln(n_y) =")[1])[0]
    untrained = float(re.search(r"t = 0, val = ([\d.]+)", out).group(1))
    assert abs(untrained - ln_ny) < 0.05


@pytest.mark.parametrize("lang", LANGS)
def test_resuming_is_bit_for_bit(lang):
    out = output_text(lang, NB, "B = Trainer.resume(checkpoint, text)")
    lines = [line for line in out.splitlines() if line.startswith("np.array_equal")]
    assert len(lines) == 5 and all(line.endswith("True") for line in lines)


@pytest.mark.parametrize("lang", LANGS)
def test_every_damaged_file_is_refused_in_one_line(lang):
    out = output_text(lang, NB, "REASONS = {")
    lines = out.strip().splitlines()
    assert len(lines) == 4 and all("-> CheckpointError:" in line for line in lines)


@pytest.mark.parametrize("lang", LANGS)
def test_pretrained_validation_has_a_minimum_before_the_end(lang):
    out = output_text(lang, NB, "best = int(np.argmin(")
    rows = [numbers(line.split(":", 1)[1]) for line in out.splitlines()[:2]]
    (epoch_best, _, train_best, val_best), (epoch_last, _, train_last, val_last) = rows
    assert epoch_best < epoch_last                        # the minimum comes before the end
    assert float(val_last) > float(val_best)              # then it rises: overfitting
    assert float(train_last) < float(train_best)          # while the training loss keeps falling
    bits, perplexity, size = re.search(r"= ([\d.]+) bits/\w+;\s+2 \*\* [\d.]+ = ([\d.]+)\s+"
                                       r"\(vocab\.size = (\d+)\)", out).groups()
    assert math.isclose(2 ** float(bits), float(perplexity), abs_tol=0.06)
    assert float(perplexity) < int(size)


@pytest.mark.parametrize("lang", LANGS)
def test_the_pretrained_samples_come_from_its_best_epoch_of_a_100000_character_book(lang):
    # "the pretrained model (... the file keeps the parameters of its best epoch, section 6)";
    # "a 100-unit network trained on a book of about 100,000 characters"
    out = output_text(lang, NB, "known_words = set(")
    t_model = int(re.findall(r"t = (\d+), val", out)[-1])
    history = output_text(lang, NB, "best = int(np.argmin(").splitlines()
    best_update, last_update = (int(re.search(r"\((?:\D+) (\d+)\)", l).group(1))
                                for l in history[:2])
    assert t_model == best_update < last_update, (t_model, best_update, last_update)
    sizes = output_text(lang, NB, "vocab = Vocabulary.from_text(text)").splitlines()[0]
    n_train = numbers(sizes)[1]
    assert 95_000 <= n_train <= 115_000, sizes


@pytest.mark.parametrize("lang", LANGS)
def test_validation_every_so_many_updates_as_the_command_says(lang):
    # the command shown trained the shipped model: its validation rows fall on multiples of
    # --every; es: "once per epoch" (an epoch is exactly W updates); en: "about once per
    # epoch (an epoch of the English text is W updates)"
    prose = markdown_text(lang, NB, "--save-model data/model_")
    every = int(re.search(r"--every (\d+)", prose).group(1))
    assert f"`--every {every}`" in prose
    out = output_text(lang, NB, "best = int(np.argmin(")
    best_update = int(re.search(r"\((?:\D+) (\d+)\)", out.splitlines()[0]).group(1))
    assert best_update % every == 0, (best_update, every)
    W = int(re.search(r"W = (\d+)", output_text(lang, NB, "book = Streams(")).group(1))
    if lang == "es":
        assert every == W and "una vez por época" in prose
    else:
        assert every != W and abs(every - W) <= 5 and f"is {W} updates" in prose


@pytest.mark.parametrize("lang", LANGS)
def test_the_notes_reading_of_the_final_loss(lang):
    # notes: "1.8 nats per character? About 2.6 bits: like hesitating between 2^2.6 ≈ 6"
    _, _, _, val = log_rows(lang)[-1]
    bits = val / math.log(2)
    assert abs(val - 1.8) < 0.1 and abs(bits - 2.6) < 0.1 and round(2 ** bits) == 6, val
