"""The package in the reader's language: the words of figures and widgets, and its messages.

The twin notebooks differ only in one settings cell (``LANG = "es"`` or ``LANG = "en"``);
every title, axis label, legend and widget description comes from here through
``tr(key, LANG)``, so the code cells stay identical and each figure speaks the reader's
language.

    >>> tr("loss_nats", "es")
    'pérdida (nats por carácter)'
    >>> tr("loss_nats", "en")
    'loss (nats per character)'

One translation system: a label is written in English here, marked ``N_("...")``, and a
message in the code as ``_("... {name} ...").format(name=...)``; both are translated by the
same gettext catalogue, ``i18n/locale/es/LC_MESSAGES/lstm_np.po`` (see the end of this
module, `lstm_np.i18n.catalogue` and tools/messages.py). The settings cell calls
``set_language(LANG)``, the command line follows the locale variables.
"""

import os

from . import catalogue

LANGS = ("es", "en")

def N_(text):
    """Mark `text` (English) for the catalogues; `tr` translates it when it is used."""
    return text


LABELS = {
    # --- the gates and states of the cell -------------------------------------------------
    "forget_gate": N_("forget gate"),
    "update_gate": N_("update gate"),
    "output_gate": N_("output gate"),
    "candidate": N_("candidate"),
    "cell_state": N_("cell state"),
    "hidden_state": N_("hidden state"),
    "hidden_unit": N_("hidden unit"),
    "character": N_("character"),
    "time_step": N_("time step"),

    # --- activation functions --------------------------------------------------------------
    "activations_title": N_("Activation functions"),
    "activation": N_("activation"),
    "sigmoid": N_("sigmoid"),
    "softmax_title": N_("Softmax of an example vector"),
    "score": N_("score"),
    "probability": N_("probability"),

    # --- losses ------------------------------------------------------------------------------
    "loss_title": N_("Loss during training"),
    "loss_comparison_title": N_("Loss comparison"),
    "update": N_("update"),
    "loss_nats": N_("loss (nats per character)"),
    "loss_bits": N_("bits per character"),
    "train": N_("training"),
    "validation": N_("validation"),
    "epoch_end": N_("end of an epoch"),

    # --- saturation (Karpathy, Johnson and Fei-Fei 2015, fig. 3) ------------------------------
    "saturation_title": N_("Gate saturation (one unit per dot)"),
    "left_saturated": N_("fraction of time below {low}"),
    "right_saturated": N_("fraction of time above {high}"),

    # --- gradient flow -------------------------------------------------------------------------
    "gradient_flow_title": N_("The gradient of the last prediction, back in time"),
    "gradient_norm": N_("gradient norm"),
    "gradient_norms_title": N_("The gradient at every update of training"),
    "clipped_update": N_("clipping acted ({n} updates)"),

    # --- sampling ------------------------------------------------------------------------------
    "next_char": N_("next character"),
    "after_prime": N_("Next character after “{prime}”"),
    "temperature": N_("temperature"),
    "k": N_("k"),
    "length": N_("length"),
    "prime": N_("prime"),
    "empty_prime": N_("⚠ The priming text is empty: type at least one character."),
    "unknown_prime":
        N_("⚠ The model does not know these characters of the priming text: {bad}. Use only "
           "these: {known}"),

    # --- lesson 01_forward -----------------------------------------------------------------
    "untrained_net": N_("untrained network"),
    "unit_n": N_("unit {n}"),
    "fw_mean": N_("mean"),
    "pretrained_net": N_("pretrained network"),
    "uniform_guess": N_("uniform guessing"),

    # --- lessons 02_backward_cell, 03_bptt ---
    "bw_parameter": N_("parameter"),
    "bw_shape": N_("shape"),
    "bw_gradient": N_("gradient"),
    "bw_relative_error": N_("relative error"),
    "bw_all_pass": N_("all {n} below {tol}: backprop agrees with the finite differences"),
    "bw_some_fail": N_("{bad} of {n} above {tol}: some gradient is wrong"),
    "bw_per_step": N_("mean factor per step"),
    "bw_correct": N_("correct (backprop)"),
    "bw_flipped": N_("one entry with its sign flipped"),
    "bw_scaled": N_("multiplied by 1.01"),
    "bw_summed": N_("gradient of the sum (× m·T_x)"),
    "bw_same_gradients": N_("same gradients as output_layer_backward + lstm_backward"),

    # --- lesson 04_adam ---
    "adam_bias_title": N_("Adam's bias correction"),
    "adam_step_t": N_("Adam step $t$"),
    "mean_step": N_("mean step $|\\Delta\\theta|\\,/\\,\\alpha$"),
    "with_correction": N_("with correction ($\\hat{v}$, $\\hat{s}$)"),
    "without_correction": N_("without correction ($v$, $s$)"),
    "clip_cosine": N_("cos(before, after)"),
    "clip_same_dict": N_("clip returned the same dict, clipped in place"),
    "clip_new_dict": N_("clip returned a new dict"),
    "resume_first": N_("first update after resuming"),
    "one_update_same":
        N_("✓ the update with the series' functions is Trainer.step's: loss and parameters "
           "differ by less than {tol} (the step is larger than {step})"),
    "one_update_differs":
        N_("✗ the update with the series' functions is NOT Trainer.step's (a difference of "
           "{tol} or more, or a step below {step})"),
    "short_run":
        N_("{label:14s} train {train:.3f}   val {val:.3f} nats/char   clipped in "
           "{clipped:5.1%} of the updates"),
    "step_spread": N_("{label}: RMS Δθ of the block that moves most / least = {ratio:.1f}"),

    # --- lesson 05_sampling ----------------------------------------------------------------
    "sa_word_start": N_("before the first letter of a word"),
    "sa_word_inside": N_("before a letter inside a word"),

    # --- lessons 06_training, 07_inside ---
    "train_log":
        N_("update {update:5d} | epoch {epoch:5.2f} | train {train:.3f} | val {val:.3f} "
           "nats/char ({bits:.3f} bits)"),
    "tr_text_sizes":
        N_("characters: {total} in all, {train} for training and {val} for validation "
           "({share:.0%})"),
    "tr_history_row":
        N_("{which:>16s}: epoch {epoch:.4g} (update {update:4d}), train {train:.3f}, val "
           "{val:.3f}"),
    "tr_nats_char": N_("nats/char"),
    "tr_bits_char": N_("bits/char"),
    "tr_best": N_("best validation"),
    "tr_last": N_("last epoch"),
    "tr_unread": N_("not an input in this epoch"),
    "tr_known_words": N_("words found in the text: {share:.0%}"),
    "tr_ngram": N_("{n}-grams (k = {k:.2g})"),
    "tr_lstm_run": N_("LSTM, {t} updates"),
    "tr_clip_count": N_("clipping acted in {n} of {total} updates"),
    "tr_norm_summary":
        N_("gradient norm: first {first:.2f}, median {median:.2f}, largest {top:.2f} (update"
           " {at})"),
    "plain_rnn": N_("plain RNN"),
    "after_updates": N_("after {t} updates"),
    "in_word_position": N_("position in the word"),
    "in_mean_unit": N_("mean of the unit"),
    "in_count": N_("cases"),
    "in_left": N_("left"),
    "in_right": N_("right"),
    "best_val_model": N_("best validation (the saved model)"),
    "feature_space": N_("space"),
    "feature_vowel": N_("vowel"),
    "feature_word_position": N_("position in the word"),
    "feature_guillemets": N_("inside «…»"),
    "feature_quotes": N_("inside \"…\""),
    "feature_dash": N_("after a dash — in the paragraph"),
    "feature_line_position": N_("position in the paragraph"),
    "feature_absent": N_("does not occur in this passage"),
}


def check_lang(lang):
    """Raise ValueError unless lang is "es" or "en"."""
    if lang not in LANGS:
        raise ValueError(_("lang must be 'es' or 'en', got {lang!r}").format(lang=lang))


def tr(key, lang):
    """Return the text of `key` in language `lang` ("es" or "en").

    Raises ValueError for a language other than "es" or "en", and for an unknown key.
    Some texts have ``{placeholders}`` to fill with ``str.format``.
    """
    try:
        text = LABELS[key]
    except KeyError:
        raise ValueError(_("no label {key!r} in lstm_np.i18n.LABELS").format(key=key)) from None
    return in_language(text, lang)


def in_language(text, lang):
    """`text` (English, marked N_ where it is written) in `lang`, from the catalogue; a text
    the catalogue does not have stays English (tests/test_i18n.py finds every such text)."""
    check_lang(lang)
    return translation(text, lang) or text


def number(n, lang):
    """An integer written as the reader's language writes it: "120,882" in English, "120 882"
    in Spanish (a no-break space between groups of three digits, so that a number never breaks
    across lines; none in a four-digit number: "3331")."""
    check_lang(lang)
    n = int(n)
    if lang == "en":
        return f"{n:,}"
    return f"{n:,}".replace(",", "\u00a0") if abs(n) >= 10_000 else str(n)


# --- the package's messages (errors, refusals, printed lines) ------------------------------
# Messages are written in English in the code, wrapped in `_()`, and translated through a
# gettext catalogue per language (lstm_np/locale/<lang>/LC_MESSAGES/lstm_np.po, see
# lstm_np.i18n.catalogue). Placeholders are named and filled after translation:
# ``_("no file {path}").format(path=path)``. The language is the one a lesson's settings cell
# sets (`set_language(LANG)`), otherwise the usual locale variables (LANGUAGE, LC_ALL,
# LC_MESSAGES, LANG); English is the default.

_language = None


def set_language(lang):
    """Make `lang` ("es" or "en") the language of the package's messages; None: the locale's."""
    global _language
    if lang is not None:
        check_lang(lang)
    _language = lang


def language():
    """The language of the package's messages: the one set, else the locale's, else "en".

    The locale variables are read in gettext's order, LANGUAGE, LC_ALL, LC_MESSAGES, LANG:
    the first one set decides (``es_ES.UTF-8`` and ``es`` are Spanish; ``C``, ``POSIX`` and
    any other language are English). LANGUAGE may list several languages, ``fr:es:en``;
    the first of them that lstm_np speaks is taken.
    """
    if _language is not None:
        return _language
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            for item in value.split(":"):
                first = item.split(".")[0].split("@")[0].split("_")[0].lower()
                if first in LANGS:
                    return first
            return "en"
    return "en"


def _(message):
    """The translation of `message` (English) into the current language (see `language`).

    A message without a translation is returned as it is, in English.

        >>> set_language("es"); _("lang must be 'es' or 'en', got {lang!r}")
        "lang debe ser 'es' o 'en', no {lang!r}"
        >>> set_language(None)
    """
    lang = language()
    if lang == "en":
        return message
    return catalogue.translations("lstm_np", lang).gettext(message)


def translation(text, lang, domain="lstm_np"):
    """The translation of `text` (English) into `lang` from the catalogue of `domain`.

    `domain` is "lstm_np" (the messages) or "docstrings" (the docstrings and comments of the
    functions the lessons show). Returns None when the catalogue has no translation, so that
    a missing one can be told from a translation spelt like the English ("(m, T_x)").
    """
    if lang == "en":
        return text
    return catalogue.messages(domain, lang).get(text)
