"""What the prose of lesson 06 (training) claims about its outputs, checked in both languages.

Each test reads its sentence in the prose of each language (`claim`) and compares the number
the sentence states with the stored output."""
import math
import re

import numpy as np
import pytest

from claims import claim, markdown_text, numbers, output_text, slide_claim

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
    times, = claim(lang, NB, r"cada carácter leído hasta (\d+) veces, y el resto nunca",
                   r"each character read up to (\d+) times, and the rest never")
    never, = claim(lang, NB, r"y más del (\d+) % del libro, nunca", r"and more than (\d+)% of "
                                                                    r"the book, never")
    out = output_text(lang, NB, "reads = np.zeros(")
    seen = re.search(r"count_nonzero\(reads\) =\s*([\d,\u00a0]+?)\s*\(([\d.]+)%\)", out)
    assert float(seen.group(2)) < 100 - never
    assert int(re.search(r"reads\.max\(\)\s*=\s*(\d+)", out).group(1)) == times


@pytest.mark.parametrize("lang", LANGS)
def test_toy_streams_targets_are_shifted_and_epochs_leave_out_different_characters(lang):
    claim(lang, NB, r"Cada objetivo \$Y\$ es su entrada desplazada un carácter",
          r"Each target \$Y\$ is its input shifted by one character")
    claim(lang, NB, r"con \$o\$ sorteado en cada época, lo que una época deja fuera lo lee otra",
          r"with \$o\$ drawn every epoch, what one epoch leaves out another one reads")
    out = output_text(lang, NB, "toy_text = ")
    for x, y in re.findall(r"X\[\d\] = '(\w+)' Y\[\d\] = '(\w+)'", out):
        assert x[1:] == y[:-1]
    offsets = [int(o) for o in re.findall(r"streams\.offset = (\d+)", out)]
    assert len(offsets) == 2 and offsets[0] != offsets[1]
    unread = re.findall(r": '(\w*)'\n", out)
    assert len(unread) == 2 and unread[0] != unread[1]


@pytest.mark.parametrize("lang", LANGS)
def test_one_epoch_reads_nearly_the_whole_book(lang):
    claim(lang, NB, r"En cada época unos pocos caracteres no son entrada de ninguna ventana",
          r"In every epoch a few characters are the input of no window")
    out = output_text(lang, NB, "book = Streams(")
    assert float(re.search(r"\(([\d.]+)%\)", out).group(1)) >= 99


@pytest.mark.parametrize("lang", LANGS)
def test_training_curves(lang):
    first, = claim(lang, NB, r"el primer punto, la media de las (\d+) primeras actualizaciones, "
                             r"ya está "
                   r"muy por debajo",
                   r"the first point, the mean of the first (\d+) updates, is already far below")
    claim(lang, NB, r"Al principio la de entrenamiento queda \*por encima\* de la de validación",
          r"At first the training loss lies \*above\* the validation loss")
    claim(lang, NB, r"Las dos curvas van juntas", r"The two curves go together")
    rows = log_rows(lang)
    assert len(rows) == 6 and rows[0][0] == first
    ln_ny = numbers(output_text(lang, NB, "vocab = Vocabulary.from_text(text)")
                    .split("ln(n_y) =")[1])[0]
    _, _, train0, val0 = rows[0]
    assert train0 < ln_ny - 0.5 and val0 < ln_ny - 0.5    # already far below ln n_y
    assert train0 > val0                                  # at first the training mean lies above
    vals = [r[3] for r in rows]
    assert all(b < a for a, b in zip(vals, vals[1:]))     # falls all the way
    _, _, train, val = rows[-1]
    assert abs(train - val) < 0.1                         # the two curves go together


@pytest.mark.parametrize("lang", LANGS)
def test_samples_real_words_grow_and_untrained_loss_is_ln_ny(lang):
    claim(lang, NB, r"La parte de palabras que existen crece en cada etapa.*?el modelo "
                    r"preentrenado "
          r"escribe sobre todo palabras del libro",
          r"The share of words that exist grows at each stage.*?the pretrained model writes mostly "
          r"words of the book")
    claim(lang, NB, r"La red empieza en \$\\ln n_y\$, como la red sin entrenar de más abajo "
                    r"\(`t = 0`\)",
          r"The network starts at \$\\ln n_y\$, like the untrained network below \(`t = 0`\)")
    out = output_text(lang, NB, "known_words = set(")
    shares = [int(x) for x in re.findall(r"(\d+)%", out)]
    assert len(shares) == 3
    assert shares[0] < shares[1] < shares[2] and shares[2] > 50   # grows; mostly real words
    ln_ny = numbers(output_text(lang, NB, "vocab = Vocabulary.from_text(text)")
                    .split("ln(n_y) =")[1])[0]
    untrained = float(re.search(r"t = 0, val = ([\d.]+)", out).group(1))
    assert abs(untrained - ln_ny) < 0.05


@pytest.mark.parametrize("lang", LANGS)
def test_resuming_is_bit_for_bit(lang):
    claim(lang, NB, r"Todo coincide \*\*bit a bit\*\*", r"Everything matches \*\*bit for bit\*\*")
    out = output_text(lang, NB, "B = Trainer.resume(checkpoint, text)")
    lines = [line for line in out.splitlines() if line.startswith("np.array_equal")]
    assert len(lines) == 5 and all(line.endswith("True") for line in lines)


@pytest.mark.parametrize("lang", LANGS)
def test_every_damaged_file_is_refused_in_one_line(lang):
    claim(lang, NB, r"cada rechazo es un `CheckpointError` de una línea",
          r"every refusal is a one-line `CheckpointError`")
    out = output_text(lang, NB, "attempts = [(junk, text)")
    lines = out.strip().splitlines()
    names = ("junk.npz", "truncated.npz", f"model_{lang}.npz", "checkpoint.npz")
    assert len(lines) == 4, out
    for line, name in zip(lines, names):
        assert line.startswith(f"CheckpointError: {name}: "), line       # names the file
        assert "/" not in line.split(": ", 2)[1], line                  # and no folder


@pytest.mark.parametrize("lang", LANGS)
def test_pretrained_validation_has_a_minimum_before_the_end(lang):
    claim(lang, NB, r"la de validación llega a su mínimo en la época impresa arriba y después "
                    r"sube un "
          r"poco", r"the validation loss reaches its minimum at the epoch printed above and then "
          r"rises a little")
    epochs, = claim(lang, NB, r"corrió las (\d+) épocas y se quedó con la mejor",
                    r"it ran all (\d+) epochs and kept the best one")
    out = output_text(lang, NB, "best = int(np.argmin(")
    rows = [numbers(line.split(":", 1)[1]) for line in out.splitlines()[:2]]
    assert rows[1][0] == epochs, rows
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
    claim(lang, NB, r"el archivo guarda los parámetros de su mejor época, sección 6",
          r"the file keeps the parameters of its best epoch, section 6")
    units, chars = claim(lang, NB, r"una red de (\d+) unidades entrenada con un libro de unos "
                                   r"([\d ]+) "
                         r"caracteres", r"a (\d+)-unit network trained on a book of about ([\d,]+) "
                         r"characters")
    out = output_text(lang, NB, "known_words = set(")
    t_model = int(re.findall(r"t = (\d+), val", out)[-1])
    history = output_text(lang, NB, "best = int(np.argmin(").splitlines()
    best_update, last_update = (int(re.search(r"\((?:\D+) (\d+)\)", line).group(1))
                                for line in history[:2])
    assert t_model == best_update < last_update, (t_model, best_update, last_update)
    sizes = output_text(lang, NB, "vocab = Vocabulary.from_text(text)").splitlines()[0]
    n_train = numbers(sizes)[1]
    assert abs(n_train - chars) <= 0.15 * chars, sizes
    assert f"$n_a = {int(units)}$" in markdown_text(lang, NB, "## 4.")


@pytest.mark.parametrize("lang", LANGS)
def test_validation_every_so_many_updates_as_the_command_says(lang):
    # the command shown trained the shipped model: its validation rows fall on multiples of
    # --every; es: "once per epoch" (an epoch is exactly W updates); en: "about once per
    # epoch (an epoch of the English text is W updates)"
    prose = markdown_text(lang, NB, "--save-model lstm_np/pretrained/model_")
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
    nats, bits_said, choices = claim(
        lang, NB, r"¿Qué significa ([\d.]+) nats por carácter\?\* Unos ([\d.]+) bits: como dudar "
                  r"entre "
        r"\$2\^\{[\d.]+\} \\approx (\d+)\$", r"What does ([\d.]+) nats per character mean\?\* "
                                             r"About "
        r"([\d.]+) bits: like hesitating between \$2\^\{[\d.]+\} \\approx (\d+)\$")
    _, _, _, val = log_rows(lang)[-1]
    bits = val / math.log(2)
    assert abs(val - nats) < 0.1 and abs(bits - bits_said) < 0.1 and round(2 ** bits) == choices


def resume_steps(lang):
    """{case: mean |Δθ|/α}, the two ratios and {t: predicted (2)/(1)} from the resume cell."""
    lines = output_text(lang, NB, "steps = {}").strip().splitlines()
    cases = {int(c): float(v) for v, c in re.findall(r"([\d.]+) \((\d)\)", lines[0])}
    ratios = numbers(lines[1].replace("(2)/(1)", "").replace("(3)/(1)", ""))
    predicted = {int(numbers(line)[0]): numbers(line)[-1] for line in lines[2:]}
    return cases, ratios, predicted


@pytest.mark.parametrize("lang", LANGS)
def test_losing_adams_state_gives_about_six_times_the_step(lang):
    six, = claim(lang, NB, r"parámetro con gradiente: unas (\w+) veces el paso que tocaba",
                 r"parameter with a gradient: about (\w+) times the step it should take")
    cases, (ratio2, ratio3), _ = resume_steps(lang)
    assert round(ratio3) == six and cases[3] < 1, (cases, ratio3)


@pytest.mark.parametrize("lang", LANGS)
def test_restarting_t_alone_shows_only_later(lang):
    now, = claim(lang, NB, r"Tras 100 actualizaciones aún no se nota \(cociente ([\d.]+)\)",
                 r"After 100 updates it does not show yet \(ratio ([\d.]+)\)")
    t, later = claim(lang, NB, r"en `t = (\d+)` el paso se queda en ([\d.]+) del que tocaba",
                     r"at `t = (\d+)` the step is ([\d.]+) of the right one")
    cases, (ratio2, _), predicted = resume_steps(lang)
    assert ratio2 == now and predicted[101] == now, (ratio2, predicted)
    assert predicted[int(t)] == later, predicted


@pytest.mark.parametrize("lang", LANGS)
def test_the_update_by_hand_is_the_trainers(lang):
    claim(lang, NB, r"Son la misma actualización, hasta el redondeo",
          r"They are the same update, up to rounding")
    text = output_text(lang, NB, "small = Trainer(")
    assert text.startswith("✓") and "1e-10" in text, text


# --- the baseline, the gradient during training, the plain RNN, the forget bias ------------------

def table_rows(lang):
    """label -> loss (nats per character) of the baseline table."""
    rows = {}
    for line in output_text(lang, NB, "ngram_baseline(").splitlines():
        row = re.match(r"(.+?)\s+([\d.]+) nats", line)
        if row:
            rows[row.group(1)] = float(row.group(2))
    return rows


@pytest.mark.parametrize("lang", LANGS)
def test_the_4gram_beats_the_two_epoch_lstm_and_the_pretrained_beats_every_ngram(lang):
    claim(lang, NB, r"Contar los tres caracteres anteriores \(4-gramas\) ya da una pérdida menor "
                    r"que la de nuestra LSTM de dos épocas",
          r"Counting the three characters before \(4-grams\) already gives a lower loss than "
          r"our two-epoch LSTM")
    claim(lang, NB, r"Con un carácter más de contexto \(5-gramas\) la tabla no mejora",
          r"With one more character of context \(5-grams\) the table does not improve")
    claim(lang, NB, r"La red preentrenada queda por debajo de todos los \$n\$-gramas",
          r"The pretrained network lies below every \$n\$-gram model")
    rows = table_rows(lang)
    ngram = {int(label[0]): loss for label, loss in rows.items() if label[0].isdigit()}
    lstm = next(loss for label, loss in rows.items() if label.startswith("LSTM"))
    pretrained = rows["red preentrenada" if lang == "es" else "pretrained network"]
    assert sorted(ngram) == [1, 2, 3, 4, 5]
    assert ngram[4] < lstm
    assert ngram[5] >= ngram[4]
    assert pretrained < min(ngram.values())
    assert lstm == pytest.approx(log_rows(lang)[-1][3], abs=0.006)


@pytest.mark.parametrize("lang", LANGS)
def test_clipping_never_acted_and_the_largest_norm_comes_early(lang):
    claim(lang, NB, r"el recorte no actuó en ninguna actualización",
          r"clipping acted in none of the updates")
    limit, = claim(lang, NB, r"La norma más grande llega en las primeras (\d+) actualizaciones",
                   r"The largest norm comes within the first (\d+) updates")
    out = output_text(lang, NB, "tr_norm_summary")
    assert re.search(r"\b0 (de|of) \d+", out)
    at = int(re.search(r"\((?:actualización|update) (\d+)\)", out).group(1))
    assert at <= limit


def val_series(lang, code):
    """label -> validation losses, from the rows `label  validation: v1  v2 ... nats/char`."""
    series = {}
    for line in output_text(lang, NB, code).splitlines():
        row = re.match(r"(.+?)\s+(?:validación|validation): (.+) nats", line)
        if row:
            series[row.group(1)] = [float(v) for v in row.group(2).split()]
    return series


@pytest.mark.parametrize("lang", LANGS)
def test_the_plain_rnn_starts_faster_and_the_lstm_ends_below(lang):
    claim(lang, NB, r"La RNN simple empieza algo más deprisa \(su primera pérdida de validación "
                    r"es menor\), pero la LSTM la pasa y termina por debajo",
          r"The plain RNN starts out a little faster \(its first validation loss is lower\), "
          r"but the LSTM overtakes it and ends below")
    lstm, rnn = val_series(lang, "train_rnn(N").values()
    assert rnn[0] < lstm[0] and lstm[-1] < rnn[-1]


@pytest.mark.parametrize("lang", LANGS)
def test_the_plain_rnn_keeps_the_gradient_untrained_and_loses_it_trained(lang):
    claim(lang, NB, r"Sin entrenar, la RNN simple conserva el tamaño del gradiente mejor que la "
                    r"LSTM \(un factor por paso cercano a 1",
          r"Untrained, the plain RNN keeps the gradient's size better than the LSTM \(a factor "
          r"per step close to 1")
    claim(lang, NB, r"la RNN simple aprende pesos con los que el gradiente decae más deprisa que "
                    r"en la LSTM",
          r"the plain RNN learns weights with which the gradient decays faster than in the LSTM")
    factors = [float(f) for f in re.findall(r"= ([\d.]+)", output_text(lang, NB, "T_long = 100"))]
    untrained_lstm, untrained_rnn, trained_lstm, trained_rnn = factors
    assert untrained_rnn > untrained_lstm and abs(untrained_rnn - 1) < 0.02
    assert trained_rnn < trained_lstm


@pytest.mark.parametrize("lang", LANGS)
def test_the_forget_bias_of_one_does_not_help_here(lang):
    claim(lang, NB, r"empezar con \$b_f = 1\$ no ayuda: su pérdida de validación queda por encima "
                    r"de la de \$b_f = 0\$ en cada medida",
          r"starting with \$b_f = 1\$ does not help: its validation loss stays above that of "
          r"\$b_f = 0\$ at every measurement")
    zero, one = val_series(lang, "biased = Trainer(").values()
    assert all(b > a for a, b in zip(zero, one))


@pytest.mark.parametrize("lang", LANGS)
def test_the_baseline_section_quotes_the_two_epoch_loss(lang):
    stated, = claim(lang, NB, r"¿Es buena una pérdida de ([\d.]+) nats\?",
                    r"Is a loss of ([\d.]+) nats good\?")
    assert abs(log_rows(lang)[-1][3] - stated) < 0.05


@pytest.mark.parametrize("lang", LANGS)
def test_the_plain_rnn_step_back_is_the_transposed_jacobian(lang):
    # the prose names the factor of one step back: W_aa^T diag(1 - a^2), in that order (the
    # transpose of lesson 03's Jacobian diag(1 - a^2) W_aa); the other order is another matrix
    claim(lang, NB, r"cada paso hacia atrás multiplica por \$W_\{aa\}\^\\top\\,\\mathrm\{diag\}",
          r"every step back multiplies by \$W_\{aa\}\^\\top\\,\\mathrm\{diag\}")
    from lstm_np.core.rnn import initialize_rnn_parameters, rnn_cell_backward, rnn_cell_forward
    rng = np.random.default_rng(0)
    p = initialize_rnn_parameters(5, 3, 3, rng=1)
    x = np.eye(3)[:, [0, 2]]
    a_next, _, cache = rnn_cell_forward(x, np.tanh(rng.normal(size=(5, 2))), p)
    da = rng.normal(size=(5, 2))
    back = rnn_cell_backward(da, cache)["da_prev"]
    assert np.allclose(back, p["Waa"].T @ ((1 - a_next ** 2) * da))
    assert not np.allclose(back, (1 - a_next ** 2) * (p["Waa"].T @ da))


# --- the slides (notebooks/source/06_training.md, the slide layer) ------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_slides_curves_a_point_every_so_many_updates_over_two_epochs(lang):
    every, = slide_claim(lang, NB, r"Un punto cada (\d+) actualizaciones",
                         r"A point every (\d+) updates")
    slide_claim(lang, NB, r"Dos épocas: el libro entero, dos veces",
                r"Two epochs: the whole book, twice")
    rows = log_rows(lang)
    updates = [int(row[0]) for row in rows]
    assert updates[:-1] == list(range(int(every), updates[-1], int(every))), updates
    assert updates[-1] - updates[-2] <= every and rows[-1][1] == 2.0, rows[-1]


@pytest.mark.parametrize("lang", LANGS)
def test_the_slides_4grams_beat_the_two_epoch_lstm_the_pretrained_beats_every_table(lang):
    slide_claim(lang, NB, r"Los 4-gramas ya ganan a nuestra LSTM de dos épocas",
                r"4-grams already beat our two-epoch LSTM")
    slide_claim(lang, NB, r"La red preentrenada queda por debajo de todas las tablas",
                r"The pretrained network lies below every table")
    rows = table_rows(lang)
    ngram = [loss for label, loss in rows.items() if label[0].isdigit()]
    lstm = next(loss for label, loss in rows.items() if label.startswith("LSTM"))
    pretrained = rows["red preentrenada" if lang == "es" else "pretrained network"]
    assert rows[next(label for label in rows if label.startswith("4-"))] < lstm, rows
    assert len(ngram) == 5 and pretrained < min(ngram), rows


@pytest.mark.parametrize("lang", LANGS)
def test_the_slides_a_trains_so_many_updates_and_b_matches_bit_for_bit(lang):
    a_updates, = slide_claim(lang, NB, r"\*\*A\*\* entrena (\d+) actualizaciones",
                             r"\*\*A\*\* trains (\d+) updates")
    slide_claim(lang, NB, r"Todo coincide \*\*bit a bit\*\*",
                r"Everything matches \*\*bit for bit\*\*")
    out = output_text(lang, NB, "B = Trainer.resume(checkpoint, text)")
    assert f"B.t = {int(a_updates)}\n" in out, out
    lines = [line for line in out.splitlines() if line.startswith("np.array_equal")]
    assert len(lines) == 5 and all(line.endswith("True") for line in lines), out
