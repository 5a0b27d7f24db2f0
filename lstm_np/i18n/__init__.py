"""The package in the reader's language: the words of figures and widgets, and its messages.

The twin notebooks differ only in one settings cell (``LANG = "es"`` or ``LANG = "en"``);
every title, axis label, legend and widget description comes from here through
``tr(key, LANG)``, so the code cells stay identical and each figure speaks the reader's
language.

    >>> tr("loss_nats", "es")
    'pérdida (nats por carácter)'
    >>> tr("loss_nats", "en")
    'loss (nats per character)'

The package's messages (errors, refusals, printed lines) are written in English as
``_("... {name} ...").format(name=...)`` and translated by gettext catalogues (see the end
of this module, `lstm_np.i18n.catalogue` and tools/messages.py); the settings cell calls
``set_language(LANG)``, the command line follows the locale variables.
"""

import os

from . import catalogue

LANGS = ("es", "en")

LABELS = {
    # --- the gates and states of the cell -------------------------------------------------
    "forget_gate": {"es": "compuerta de olvido", "en": "forget gate"},
    "update_gate": {"es": "compuerta de actualización", "en": "update gate"},
    "output_gate": {"es": "compuerta de salida", "en": "output gate"},
    "candidate": {"es": "candidato", "en": "candidate"},
    "cell_state": {"es": "estado de la celda", "en": "cell state"},
    "hidden_state": {"es": "estado oculto", "en": "hidden state"},
    "hidden_unit": {"es": "unidad oculta", "en": "hidden unit"},
    "hidden_units": {"es": "unidades ocultas", "en": "hidden units"},
    "character": {"es": "carácter", "en": "character"},
    "time_step": {"es": "paso de tiempo", "en": "time step"},
    "gates_title": {"es": "Compuertas y estado de la celda, carácter a carácter",
                    "en": "Gates and cell state, character by character"},

    # --- activation functions --------------------------------------------------------------
    "activations_title": {"es": "Funciones de activación", "en": "Activation functions"},
    "activation": {"es": "activación", "en": "activation"},
    "sigmoid": {"es": "sigmoide", "en": "sigmoid"},
    "softmax_title": {"es": "Softmax de un vector de ejemplo",
                      "en": "Softmax of an example vector"},
    "score": {"es": "puntuación", "en": "score"},
    "probability": {"es": "probabilidad", "en": "probability"},

    # --- losses ------------------------------------------------------------------------------
    "loss_title": {"es": "Pérdida durante el entrenamiento", "en": "Loss during training"},
    "loss_comparison_title": {"es": "Comparación de la pérdida", "en": "Loss comparison"},
    "update": {"es": "actualización", "en": "update"},
    "loss_nats": {"es": "pérdida (nats por carácter)", "en": "loss (nats per character)"},
    "loss_bits": {"es": "bits por carácter", "en": "bits per character"},
    "train": {"es": "entrenamiento", "en": "training"},
    "validation": {"es": "validación", "en": "validation"},
    "epoch_start": {"es": "inicio de época", "en": "start of an epoch"},

    # --- saturation (Karpathy, Johnson and Fei-Fei 2015, fig. 3) ------------------------------
    "saturation_title": {"es": "Saturación de las compuertas (una unidad por punto)",
                         "en": "Gate saturation (one unit per dot)"},
    "left_saturated": {"es": "fracción del tiempo por debajo de {low}",
                       "en": "fraction of time below {low}"},
    "right_saturated": {"es": "fracción del tiempo por encima de {high}",
                        "en": "fraction of time above {high}"},

    # --- gradient flow -------------------------------------------------------------------------
    "gradient_flow_title": {
        "es": "El gradiente de la última predicción, hacia atrás en el tiempo",
        "en": "The gradient of the last prediction, back in time"},
    "gradient_norm": {"es": "norma del gradiente", "en": "gradient norm"},

    # --- sampling ------------------------------------------------------------------------------
    "next_char_title": {"es": "Distribución del siguiente carácter",
                        "en": "Next-character distribution"},
    "next_char": {"es": "siguiente carácter", "en": "next character"},
    "after_prime": {"es": "Siguiente carácter después de «{prime}»",
                    "en": "Next character after “{prime}”"},
    "temperature": {"es": "temperatura", "en": "temperature"},
    "k": {"es": "k", "en": "k"},
    "length": {"es": "longitud", "en": "length"},
    "prime": {"es": "inicio", "en": "prime"},
    "empty_prime": {"es": "⚠ El texto de inicio está vacío: escribe al menos un carácter.",
                    "en": "⚠ The priming text is empty: type at least one character."},
    "unknown_prime": {"es": "⚠ El modelo no conoce estos caracteres del texto de inicio: {bad}. "
                            "Usa solo estos: {known}",
                      "en": "⚠ The model does not know these characters of the priming text: "
                            "{bad}. Use only these: {known}"},

    # --- lesson 01_forward -----------------------------------------------------------------
    "untrained_net": {"es": "red sin entrenar", "en": "untrained network"},
    "fw_mean": {"es": "media", "en": "mean"},
    "pretrained_net": {"es": "red preentrenada", "en": "pretrained network"},
    "uniform_guess": {"es": "azar uniforme", "en": "uniform guessing"},

    # --- lessons 02_backward_cell, 03_bptt ---
    "bw_parameter": {"es": "parámetro", "en": "parameter"},
    "bw_shape": {"es": "forma", "en": "shape"},
    "bw_gradient": {"es": "gradiente", "en": "gradient"},
    "bw_relative_error": {"es": "error relativo", "en": "relative error"},
    "bw_all_pass": {"es": "los {n} por debajo de {tol}: la retropropagación coincide con las "
                          "diferencias finitas",
                    "en": "all {n} below {tol}: backprop agrees with the finite differences"},
    "bw_some_fail": {"es": "{bad} de {n} por encima de {tol}: algún gradiente está mal",
                     "en": "{bad} of {n} above {tol}: some gradient is wrong"},
    "bw_per_step": {"es": "factor medio por paso", "en": "mean factor per step"},
    "bw_correct": {"es": "correcto (retropropagación)", "en": "correct (backprop)"},
    "bw_flipped": {"es": "una entrada con el signo cambiado",
                   "en": "one entry with its sign flipped"},
    "bw_scaled": {"es": "multiplicado por 1.01", "en": "multiplied by 1.01"},
    "bw_summed": {"es": "gradiente de la suma (× m·T_x)",
                  "en": "gradient of the sum (× m·T_x)"},
    "bw_same_gradients": {"es": "mismos gradientes que output_layer_backward + lstm_backward",
                          "en": "same gradients as output_layer_backward + lstm_backward"},

    # --- lesson 04_adam ---
    "adam_bias_title": {"es": "Corrección de sesgo de Adam", "en": "Adam's bias correction"},
    "adam_step_t": {"es": "paso de Adam $t$", "en": "Adam step $t$"},
    "mean_step": {"es": r"paso medio $|\Delta\theta|\,/\,\alpha$",
                  "en": r"mean step $|\Delta\theta|\,/\,\alpha$"},
    "with_correction": {"es": r"con corrección ($\hat{v}$, $\hat{s}$)",
                        "en": r"with correction ($\hat{v}$, $\hat{s}$)"},
    "without_correction": {"es": "sin corrección ($v$, $s$)",
                           "en": "without correction ($v$, $s$)"},
    "resume_title": {"es": "Reanudar después de {n} actualizaciones",
                     "en": "Resuming after {n} updates"},
    "after_resume": {"es": "actualizaciones después de reanudar",
                     "en": "updates after resuming"},
    "resume_continue": {"es": "(1) $t$ sigue contando; $v$, $s$ guardados",
                        "en": "(1) $t$ keeps counting; $v$, $s$ saved"},
    "resume_restart_t": {"es": "(2) $t$ vuelve a 1; $v$, $s$ guardados",
                         "en": "(2) $t$ back to 1; $v$, $s$ saved"},
    "resume_lost": {"es": "(3) $t$ vuelve a 1; $v$, $s$ perdidos (el cuaderno original)",
                    "en": "(3) $t$ back to 1; $v$, $s$ lost (the original notebook)"},
    "clip_cosine": {"es": "cos(antes, después)", "en": "cos(before, after)"},
    "clip_same_dict": {"es": "clip devolvió el mismo diccionario, recortado en el sitio",
                       "en": "clip returned the same dict, clipped in place"},
    "clip_new_dict": {"es": "clip devolvió un diccionario nuevo",
                      "en": "clip returned a new dict"},
    "resume_first": {"es": "primera actualización tras reanudar",
                     "en": "first update after resuming"},
    "resume_first_100": {"es": "primeras 100 actualizaciones, cociente medio",
                         "en": "first 100 updates, mean ratio"},
    "one_update_same": {"es": "✓ la actualización con las funciones de la serie es la de "
                              "Trainer.step: pérdida y parámetros difieren en menos de {tol} "
                              "(el paso mide más de {step})",
                        "en": "✓ the update with the series' functions is Trainer.step's: loss "
                              "and parameters differ by less than {tol} (the step is larger "
                              "than {step})"},
    "one_update_differs": {"es": "✗ la actualización con las funciones de la serie NO es la de "
                                 "Trainer.step (diferencia de {tol} o más, o paso menor que "
                                 "{step})",
                           "en": "✗ the update with the series' functions is NOT Trainer.step's "
                                 "(a difference of {tol} or more, or a step below {step})"},
    "short_run": {"es": "{label:14s} entrenamiento {train:.3f}   validación {val:.3f} nats/carácter"
                        "   recorte en {clipped:5.1%} de las actualizaciones",
                  "en": "{label:14s} train {train:.3f}   val {val:.3f} nats/char"
                        "   clipped in {clipped:5.1%} of the updates"},
    "step_spread": {"es": "{label}: RMS Δθ del bloque que más se mueve / del que menos = "
                          "{ratio:.1f}",
                    "en": "{label}: RMS Δθ of the block that moves most / least = {ratio:.1f}"},

    # --- lesson 05_sampling ----------------------------------------------------------------
    "sa_word_start": {"es": "antes de la primera letra de una palabra",
                      "en": "before the first letter of a word"},
    "sa_word_inside": {"es": "antes de una letra dentro de una palabra",
                       "en": "before a letter inside a word"},

    # --- lessons 06_training, 07_inside ---
    "train_log": {"es": "actualización {update:5d} | época {epoch:5.2f} | entrenamiento {train:.3f}"
                        " | validación {val:.3f} nats/carácter ({bits:.3f} bits)",
                  "en": "update {update:5d} | epoch {epoch:5.2f} | train {train:.3f}"
                        " | val {val:.3f} nats/char ({bits:.3f} bits)"},
    "tr_text_sizes": {"es": "caracteres: {total:,} en total, {train:,} de entrenamiento y {val:,} "
                            "de validación ({share:.0%})",
                      "en": "characters: {total:,} in all, {train:,} for training and {val:,} "
                            "for validation ({share:.0%})"},
    "tr_history_row": {"es": "{which:>16s}: época {epoch:.4g} (actualización {update:4d}), "
                             "entrenamiento {train:.3f}, validación {val:.3f}",
                       "en": "{which:>16s}: epoch {epoch:.4g} (update {update:4d}), "
                             "train {train:.3f}, val {val:.3f}"},
    "tr_nats_char": {"es": "nats/carácter", "en": "nats/char"},
    "tr_bits_char": {"es": "bits/carácter", "en": "bits/char"},
    "tr_best": {"es": "mejor validación", "en": "best validation"},
    "tr_last": {"es": "última época", "en": "last epoch"},
    "tr_unread": {"es": "sin ser entrada en esta época", "en": "not an input in this epoch"},
    "tr_known_words": {"es": "palabras que están en el texto: {share:.0%}",
                       "en": "words found in the text: {share:.0%}"},
    "tr_not_npz": {"es": "no es un modelo ni un punto de control de lstm_np (no es un "
                         "archivo .npz)",
                   "en": "not a lstm_np model or checkpoint (not an .npz archive)"},
    "tr_corrupt": {"es": "no es un modelo ni un punto de control de lstm_np, o está cortado o "
                         "dañado",
                   "en": "not a lstm_np model or checkpoint, or truncated/corrupt"},
    "tr_model_file": {"es": "es un archivo de modelo (solo parámetros): no puede reanudar el "
                            "entrenamiento",
                      "en": "is a model file (parameters only): it cannot resume training"},
    "tr_other_text": {"es": "se entrenó con otro texto con los mismos caracteres: reanudar solo es "
                            "exacto sobre el mismo texto",
                      "en": "trained on another text with the same characters: resuming is exact "
                            "only on the same text"},
    "in_word_position": {"es": "posición en la palabra", "en": "position in the word"},
    "in_mean_unit": {"es": "media de la unidad", "en": "mean of the unit"},
    "in_count": {"es": "casos", "en": "cases"},
    "in_left": {"es": "izq", "en": "left"},
    "in_right": {"es": "der", "en": "right"},
    "best_val_model": {"es": "mejor validación (el modelo guardado)",
                       "en": "best validation (the saved model)"},
    "feature_space": {"es": "espacio", "en": "space"},
    "feature_vowel": {"es": "vocal", "en": "vowel"},
    "feature_word_position": {"es": "posición en la palabra", "en": "position in the word"},
    "feature_guillemets": {"es": "dentro de «…»", "en": "inside «…»"},
    "feature_quotes": {"es": "dentro de \"…\"", "en": "inside \"…\""},
    "feature_dash": {"es": "tras una raya — en el párrafo",
                     "en": "after a dash — in the paragraph"},
    "feature_line_position": {"es": "posición en el párrafo", "en": "position in the paragraph"},
    "feature_absent": {"es": "no aparece en este pasaje", "en": "does not occur in this passage"},
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
    check_lang(lang)
    try:
        return LABELS[key][lang]
    except KeyError:
        raise ValueError(_("no label {key!r} in lstm_np.i18n.LABELS").format(key=key)) from None


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
