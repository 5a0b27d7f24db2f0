"""Tests of lstm_np.i18n, analysis, plots, widgets and notebook, on a small random network."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import lstm_np  # noqa: E402
from lstm_np.lessons import analysis, plots  # noqa: E402
from lstm_np.i18n import LABELS, tr  # noqa: E402
from lstm_np.core.text import Vocabulary, one_hot  # noqa: E402

TEXT = ("el gato duerme en la casa.\n—¿vienes? —dijo ella—. «sí, ahora voy», "
        "contestó él.\nla casa está en silencio y el gato sueña.\n")
N_A = 16


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary.from_text(TEXT)


@pytest.fixture(scope="module")
def parameters(vocab):
    return lstm_np.initialize_parameters(n_a=N_A, n_x=vocab.size, n_y=vocab.size, rng=0)


@pytest.fixture(scope="module")
def record(parameters, vocab):
    return analysis.gate_activations(parameters, vocab, TEXT[:40])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# --- i18n --------------------------------------------------------------------------------------

def test_tr_languages_and_errors():
    assert tr("forget_gate", "es") == "compuerta de olvido"
    assert tr("forget_gate", "en") == "forget gate"
    assert tr("update_gate", "es") == "compuerta de actualización"
    with pytest.raises(ValueError, match="lang must be 'es' or 'en'"):
        tr("forget_gate", "fr")
    with pytest.raises(ValueError, match="no_such_key"):
        tr("no_such_key", "es")


def test_every_label_is_english_in_the_code_and_translated_in_the_catalogue():
    """One translation system: a label is its English text; Spanish comes from lstm_np.po."""
    from lstm_np.i18n import translation
    for key, text in LABELS.items():
        assert isinstance(text, str) and text, key
        assert tr(key, "en") == text
        spanish = translation(text, "es")
        assert spanish, f"{key}: {text!r} has no Spanish in lstm_np/i18n/locale/es/.../lstm_np.po"
        assert tr(key, "es") == spanish


# --- analysis ----------------------------------------------------------------------------------

def test_gate_activations_shapes_and_agreement_with_lstm_forward(parameters, vocab):
    text = TEXT[:30]
    rec = analysis.gate_activations(parameters, vocab, text)
    assert set(rec) == {"f", "u", "cc", "o", "c", "a"}
    for value in rec.values():
        assert value.shape == (N_A, len(text))
    x = one_hot(vocab.encode(text), vocab.size)                      # (n_x, 1, T)
    a, _, c, (caches, _) = lstm_forward_zero(parameters, x)
    np.testing.assert_allclose(rec["c"], c[:, 0, :], rtol=0, atol=1e-12)
    np.testing.assert_allclose(rec["a"], a[:, 0, :], rtol=0, atol=1e-12)
    t = 17
    _, _, _, _, ft, it, cct, ot, _, _ = caches[t]
    for key, value in zip(("f", "u", "cc", "o"), (ft, it, cct, ot)):
        np.testing.assert_allclose(rec[key][:, t], value[:, 0], rtol=0, atol=1e-12)
    for key in ("f", "u", "o"):
        assert np.all((rec[key] > 0) & (rec[key] < 1))


def lstm_forward_zero(parameters, x):
    a0 = np.zeros((N_A, x.shape[1]))
    return lstm_np.lstm_forward(x, a0, parameters)


def test_gate_activations_rejects_unknown_characters(parameters, vocab):
    with pytest.raises(ValueError, match="not in the vocabulary"):
        analysis.gate_activations(parameters, vocab, "el gato X")
    with pytest.raises(ValueError):
        analysis.gate_activations(parameters, vocab, "")


def test_gate_saturation_on_hand_made_record():
    record = {
        "f": np.array([[0.05, 0.5, 0.95, 0.99],      # unit 0: 1/4 low, 2/4 high
                       [0.1, 0.9, 0.5, 0.5]]),       # unit 1: thresholds are strict, none
        "u": np.array([[0.0, 0.0, 0.0, 0.0],
                       [1.0, 1.0, 1.0, 0.2]]),
        "o": np.full((2, 4), 0.5),
    }
    sat = analysis.gate_saturation(record)
    assert set(sat) == {"f", "u", "o"}
    frac_low, frac_high = sat["f"]
    np.testing.assert_allclose(frac_low, [0.25, 0.0])             # 0.1 is not < 0.1
    np.testing.assert_allclose(frac_high, [0.5, 0.0])             # 0.9 is not > 0.9
    frac_low, frac_high = sat["u"]
    np.testing.assert_allclose(frac_low, [1.0, 0.0])
    np.testing.assert_allclose(frac_high, [0.0, 0.75])
    np.testing.assert_allclose(sat["o"], np.zeros((2, 2)))
    frac_low, frac_high = analysis.gate_saturation(record, low=0.3, high=0.6)["u"]
    np.testing.assert_allclose(frac_low, [1.0, 0.25])
    np.testing.assert_allclose(frac_high, [0.0, 0.75])
    with pytest.raises(ValueError):
        analysis.gate_saturation(record, low=0.9, high=0.1)


def test_gradient_flow_last_step_by_hand(parameters, vocab):
    indices = vocab.encode(TEXT[:21])
    x = one_hot(indices[:-1], vocab.size)                            # (V, 1, 20)
    Y = indices[1:][None, :]
    a0 = np.zeros((N_A, 1))
    norms = analysis.gradient_flow(parameters, x, Y, a0)
    assert norms.shape == (20,)
    _, y_hat, _, _ = lstm_np.lstm_forward(x, a0, parameters)
    target = np.zeros(vocab.size)
    target[Y[0, -1]] = 1.0
    expected = np.linalg.norm(parameters["Wy"].T @ (y_hat[:, 0, -1] - target))
    assert norms[-1] == pytest.approx(expected, rel=1e-12)
    assert np.all(norms > 0)
    assert norms[0] < norms[-1]        # an untrained net: the gradient shrinks going back


def test_gradient_flow_matches_full_backward_for_a_batch(parameters, vocab):
    """m = 3: the first and last norms agree with lstm_backward fed only dL_T/da<T>."""
    rng = np.random.default_rng(1)
    m, T = 3, 8
    indices = rng.integers(0, vocab.size, size=(m, T + 1))
    x = one_hot(indices[:, :-1], vocab.size)
    Y = indices[:, 1:]
    a0 = np.zeros((N_A, m))
    norms = analysis.gradient_flow(parameters, x, Y, a0)
    a, y_hat, c, caches = lstm_np.lstm_forward(x, a0, parameters)
    dz = y_hat[:, :, -1].copy()
    dz[Y[:, -1], np.arange(m)] -= 1.0
    da = np.zeros((N_A, m, T))
    da[:, :, -1] = parameters["Wy"].T @ dz / m
    # dL_T/da<1> is what lstm_backward passes to step 0 as da_prev: run it on steps 2..T
    sub = lstm_np.lstm_backward(da[:, :, 1:], (caches[0][1:], x[:, :, 1:]))
    assert norms[0] == pytest.approx(np.linalg.norm(sub["da0"]), rel=1e-10)
    assert norms[-1] == pytest.approx(np.linalg.norm(da[:, :, -1]), rel=1e-12)


def test_correlated_units_finds_a_planted_unit():
    rng = np.random.default_rng(0)
    T = 200
    feature = rng.random(T) < 0.3
    values = rng.normal(size=(N_A, T)) * 0.5
    values[11] = np.where(feature, 0.8, -0.6) + rng.normal(size=T) * 0.05
    values[4] = -values[11] + rng.normal(size=T) * 0.4                 # anti-correlated
    values[7] = 0.3                                                   # constant: r = 0
    top = analysis.correlated_units(values, feature, top=3)
    assert [u for u, _ in top[:2]] == [11, 4]
    assert top[0][1] > 0.95 and top[1][1] < -0.5
    assert len(top) == 3
    with pytest.raises(ValueError):
        analysis.correlated_units(values, np.ones(T, dtype=bool))


def test_feature_helpers():
    text = "ab «cd» e\n—fg"
    assert analysis.char_feature(text, " ").tolist() == [ch == " " for ch in text]
    inside = analysis.inside_feature(text, "«", "»")
    assert "".join(ch for ch, f in zip(text, inside) if f) == "«cd"
    after_dash = analysis.inside_feature(text, "—", "\n")
    assert "".join(ch for ch, f in zip(text, after_dash) if f) == "—fg"
    assert analysis.line_position("ab\ncd").tolist() == [0, 1, 2, 0, 1]


# --- plots ------------------------------------------------------------------------------------

HISTORY = {"update": [0, 10, 20, 30, 40], "train_loss": [3.3, 2.9, 2.5, 2.3, 2.2],
           "val_loss": [3.31, None, 2.6, float("nan"), 2.35], "epoch": [0, 0, 1, 1, 2]}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_plot_activations(lang):
    fig = plots.plot_activations(lang=lang)
    left, right = fig.axes
    assert left.get_title() == tr("activations_title", lang)
    assert left.get_ylabel() == tr("activation", lang)
    assert right.get_title() == tr("softmax_title", lang)
    assert right.get_ylabel() == tr("probability", lang)
    # the derivatives lesson 03 needs, dashed: sigma' peaks at 1/4 and tanh' at 1, at z = 0
    dashed = [line for line in left.get_lines() if line.get_linestyle() == "--"]
    assert len(dashed) == 2
    peaks = sorted(float(np.max(line.get_ydata())) for line in dashed)
    assert peaks == pytest.approx([0.25, 1.0], abs=1e-3)
    for line in dashed:
        z, y = line.get_xdata(), line.get_ydata()
        assert abs(z[np.argmax(y)]) < 0.02


@pytest.mark.parametrize("lang", ["es", "en"])
def test_plot_losses(lang):
    fig = plots.plot_losses(HISTORY, lang=lang)
    ax = fig.axes[0]
    assert ax.get_title() == tr("loss_title", lang)
    assert ax.get_xlabel() == tr("update", lang)
    assert ax.get_ylabel() == tr("loss_nats", lang)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:2] == [tr("train", lang), tr("validation", lang)]
    val_line = ax.get_lines()[1]
    assert val_line.get_xdata().tolist() == [0, 20, 40]             # None and nan skipped
    bits_axis = [child for child in ax.get_children()
                 if type(child).__name__ == "SecondaryAxis"][0]
    assert bits_axis.get_ylabel() == tr("loss_bits", lang)
    fig = plots.plot_losses(HISTORY, lang=lang, title="x")
    assert fig.axes[0].get_title() == "x"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_dotted_lines_mark_where_each_epoch_ends(lang):
    # HISTORY: 20 updates per epoch, two epochs: the lines sit at the ends of epochs 1 and 2
    ax = plots.plot_losses(HISTORY, lang=lang).axes[0]
    dotted = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    assert [line.get_xdata()[0] for line in dotted] == [20, 40]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert tr("epoch_end", lang) in legend
    assert {"es": "fin de época", "en": "end of an epoch"}[lang] in legend


def test_plot_losses_in_given_axes_and_without_validation():
    fig, (ax1, ax2) = plt.subplots(1, 2)
    out = plots.plot_losses({"update": [1, 2], "train_loss": [2.0, 1.5]}, lang="en", ax=ax2)
    assert out is fig and len(ax2.get_lines()) == 1 and not ax1.get_lines()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_plot_loss_comparison(lang):
    h2 = dict(HISTORY, train_loss=[3.3, 2.6, 2.2, 2.0, 1.9])
    fig = plots.plot_loss_comparison({"SGD": HISTORY, "Adam": h2}, lang=lang)
    ax = fig.axes[0]
    assert ax.get_title() == tr("loss_comparison_title", lang)
    assert ax.get_ylabel() == tr("loss_nats", lang)
    # one entry per run (its colour), then one per line style (train solid, validation dashed)
    legend, = fig.legends
    assert ax.get_legend() is None
    assert [t.get_text() for t in legend.get_texts()] == ["SGD", "Adam", tr("train", lang),
                                                          tr("validation", lang)]
    styles = [h.get_linestyle() for h in legend.legend_handles]
    assert styles == ["-", "-", "-", "--"]
    assert ax.get_lines()[1].get_linestyle() == "--"
    assert ax.get_lines()[0].get_color() == ax.get_lines()[1].get_color()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_plot_gates(record, lang):
    text = TEXT[:40]
    fig = plots.plot_gates(record, text, lang=lang, units=10)
    heatmaps = [ax for ax in fig.axes if ax.get_images()]
    assert len(heatmaps) == 4
    assert heatmaps[0].get_title(loc="left") == r"$\Gamma_f$: " + tr("forget_gate", lang)
    assert heatmaps[1].get_title(loc="left") == r"$\Gamma_u$: " + tr("update_gate", lang)
    assert heatmaps[2].get_title(loc="left") == r"$\Gamma_o$: " + tr("output_gate", lang)
    assert heatmaps[3].get_title(loc="left") == "$c$: " + tr("cell_state", lang)
    assert fig.get_supylabel() == tr("hidden_unit", lang)          # one for the panels
    assert heatmaps[-1].get_xlabel() == tr("character", lang)
    assert heatmaps[0].get_images()[0].get_array().shape == (10, 40)
    labels = [t.get_text() for t in heatmaps[-1].get_xticklabels()]
    assert labels[:3] == ["e", "l", "␣"] and labels[26] == "⏎"
    gate_image, cell_image = heatmaps[0].get_images()[0], heatmaps[3].get_images()[0]
    assert gate_image.get_clim() == (0.0, 1.0)
    low, high = cell_image.get_clim()
    assert low == -high
    with pytest.raises(ValueError):
        plots.plot_gates(record, text[:-1], lang=lang)
    # chars=: the first characters only, as many columns as characters under them
    part = plots.plot_gates(record, text, lang=lang, units=10, keys=("f",), chars=12).axes[0]
    assert part.get_images()[0].get_array().shape == (10, 12)
    assert [t.get_text() for t in part.get_xticklabels()] == [
        plots.display_char(ch) for ch in text[:12]]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_plot_saturation(record, lang):
    fig = plots.plot_saturation(analysis.gate_saturation(record), lang=lang)
    axes = fig.axes
    assert len(axes) == 3
    assert [ax.get_title() for ax in axes] == [r"$\Gamma_f$", r"$\Gamma_u$", r"$\Gamma_o$"]
    assert fig.get_supxlabel() == tr("left_saturated", lang).format(low=0.1)   # one for the three
    # on two lines: a third of a slide's height
    assert axes[0].get_ylabel().replace("\n", " ") == tr("right_saturated", lang).format(high=0.9)
    assert fig.get_suptitle() == tr("saturation_title", lang)
    assert axes[1].get_xlim() == pytest.approx((-0.02, 1.02))
    assert len(axes[0].collections[0].get_offsets()) == N_A


@pytest.mark.parametrize("lang", ["es", "en"])
def test_plot_gradient_flow(lang):
    fig = plots.plot_gradient_flow(np.geomspace(1e-4, 1, 25), lang=lang)
    ax = fig.axes[0]
    assert ax.get_title() == tr("gradient_flow_title", lang)
    assert ax.get_xlabel().startswith(tr("time_step", lang))
    assert ax.get_ylabel().startswith(tr("gradient_norm", lang))
    assert ax.get_yscale() == "log"


def test_plot_gradient_flow_draws_one_labelled_curve_per_network():
    flows = {"LSTM": np.geomspace(1e-4, 1, 25), "RNN": np.geomspace(1e-8, 1, 25)}
    ax = plots.plot_gradient_flow(flows, lang="en").axes[0]
    assert [line.get_label() for line in ax.get_lines()] == ["LSTM", "RNN"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["LSTM", "RNN"]
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), flows["RNN"])


@pytest.mark.parametrize("lang", ["es", "en"])
def test_plot_gradient_norms_marks_the_clipped_updates(lang):
    norms = np.array([0.5, 3.0, 0.4, 2.0, 0.3])
    clipped = np.array([False, True, False, True, False])
    ax = plots.plot_gradient_norms(norms, clipped, lang=lang).axes[0]
    line, crosses = ax.get_lines()
    np.testing.assert_allclose(line.get_xdata(), [1, 2, 3, 4, 5])
    np.testing.assert_allclose(crosses.get_xdata(), [2, 4])
    np.testing.assert_allclose(crosses.get_ydata(), [3.0, 2.0])
    assert crosses.get_label() == tr("clipped_update", lang).format(n=2)
    assert ax.get_title() == tr("gradient_norms_title", lang)
    assert ax.get_yscale() == "log"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_plot_temperature_grid(parameters, vocab, lang):
    fig = plots.plot_temperature_grid(parameters, vocab, "el ga", [0.5, 1.0], [1, 5, None],
                                      lang=lang)
    assert len(fig.axes) == 6
    # k above each column, T left of each row, the axes' names once
    assert [ax.get_title() for ax in fig.axes] == ["k = 1", "k = 5", f"k = {vocab.size}",
                                                   "", "", ""]
    assert [ax.get_ylabel() for ax in fig.axes] == ["T = 0.5", "", "", "T = 1", "", ""]
    assert fig.get_supxlabel() == tr("next_char", lang)
    assert fig.get_supylabel() == tr("probability", lang)
    assert fig.get_suptitle() == tr("after_prime", lang).format(prime="el␣ga")
    heights = [p.get_height() for p in fig.axes[1].patches]
    expected = lstm_np.next_char_distribution(parameters, vocab.char_to_ix, "el ga", 0.5, 5)
    assert heights[:5] == pytest.approx(sorted(expected, reverse=True)[:5])
    assert fig.axes[0].patches[0].get_height() == 1.0                # k = 1: greedy


def test_plot_functions_reject_unknown_language(record):
    with pytest.raises(ValueError, match="lang must be"):
        plots.plot_activations(lang="fr")
    with pytest.raises(ValueError, match="lang must be"):
        plots.plot_gates(record, TEXT[:40], lang="fr")


def test_html_activation():
    html = plots.html_activation("a<b\n c", [1.0, -1.0, 0.0, 0.5, 0.2, 3.0])
    body = html.data
    assert "&lt;" in body and "<b\n" not in body
    assert body.count("<span") == 6
    assert "⏎</span><br>" in body
    assert "rgb(214,39,40)" not in body                     # strength capped at 0.85
    assert 'title="+1.00"' in body and 'title="-1.00"' in body   # clipped to [-1, 1]
    with pytest.raises(ValueError):
        plots.html_activation("abc", [0.1, 0.2])


# --- widgets -----------------------------------------------------------------------------------

def test_sampler_follows_the_sliders(parameters, vocab, capsys):
    from lstm_np.lessons.widgets import sampler

    w = sampler(parameters, vocab, lang="en", seed=3, prime="el ", length=60)
    temperature, k, length, prime = w.children[:4]
    assert w.result == lstm_np.generate(parameters, vocab, "el ", 0.8, 5, length=60,
                                        rng=np.random.default_rng(3))
    temperature.value = 0.5
    assert w.result == lstm_np.generate(parameters, vocab, "el ", 0.5, 5, length=60,
                                        rng=np.random.default_rng(3))
    k.value = 3
    length.value = 100
    expected = lstm_np.generate(parameters, vocab, "el ", 0.5, 3, length=100,
                                rng=np.random.default_rng(3))
    assert w.result == expected
    k.value = 4
    k.value = 3
    assert w.result == expected                              # same values, same text
    k.value = 1
    greedy = lstm_np.generate(parameters, vocab, "el ", 0.5, 1, length=100,
                              rng=np.random.default_rng(123))
    assert w.result == greedy
    prime.value = "la casa"
    assert w.result.startswith("la casa") and len(w.result) == 107
    assert "la casa" in w.text_view.value
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_sampler_messages_and_widgets(parameters, vocab, capsys):
    from lstm_np.lessons.widgets import sampler

    w = sampler(parameters, vocab, lang="es", prime="el")
    temperature, k, length, prime = w.children[:4]
    assert (temperature.description, k.description, length.description,
            prime.description) == ("temperatura", "k", "longitud", "inicio")
    assert k.max == vocab.size and (length.min, length.max, length.step) == (10, 500, 10)
    assert (temperature.min, temperature.max, temperature.step) == (0.1, 2.0, 0.05)
    assert all(not c.continuous_update for c in (temperature, k, length))
    assert [c._dom_classes for c in w.children[:4]] == [
        ("lstm-np-temperature",), ("lstm-np-k",), ("lstm-np-length",), ("lstm-np-prime",)]
    prime.value = "el ZX"
    assert w.result.startswith("⚠ ") and "'XZ'" in w.result
    prime.value = ""
    assert w.result == tr("empty_prime", "es")
    assert w.sample_text(1.0, 2, 10, "<&>").startswith("⚠ ")
    assert capsys.readouterr().out == ""
    assert sampler(parameters, vocab, lang="en", prime="").result == tr("empty_prime", "en")
    with pytest.raises(ValueError):
        sampler(parameters, vocab, lang="fr")
    with pytest.raises(ValueError):
        sampler(parameters, vocab, k=vocab.size + 1)
    assert capsys.readouterr().out == ""


# --- notebook helper --------------------------------------------------------------------------

def test_show_source_displays_markdown(monkeypatch):
    import IPython.display

    from lstm_np.lessons import notebook

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    notebook.show_source(lstm_np.lstm_cell_forward)
    assert shown[0].data.startswith("```python\ndef lstm_cell_forward(")
    assert shown[0].data.endswith("\n```")
    with pytest.raises(TypeError):
        notebook.show_source(len)
