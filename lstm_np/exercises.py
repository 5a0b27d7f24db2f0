"""Checking the functions a student writes: one verdict per function, in Spanish or English.

In the exercise notebooks the student writes the functions of the original notebook
(``sigmoid``, ``lstm_cell_forward``, ...) and then runs, for example,

    >>> ok = check("lstm_cell_forward", lstm_cell_forward, LANG)       # doctest: +SKIP
    ✓ lstm_cell_forward: correcto en 6 casos

`check(name, fn, lang="es")` calls ``fn`` on several random cases (fixed seeds, float64,
m = 1 and m > 1, T_x = 1 and longer), compares what it returns with the package's own
function, prints ONE line and returns True (correct) or False. It never raises and never
shows the package's code. The line says one of:

- correct:          ``✓ NAME: correct on N cases`` / ``✓ NAME: correcto en N casos``;
- not done yet:     the function still raises NotImplementedError (the blank);
- raised:           the exception (type and message) and the case (the sizes) that raised it;
- wrong:            which output is wrong (a shape, a gate, c, a, y, a gradient key, Adam's
                    moments or the step), how far off it is, and the likely mistake, found by
                    running a catalogue of typical mistakes (small variants of the correct
                    code, `MISTAKES` below) on the same case and seeing which one the
                    student's result matches;
- also:             returns None, the wrong number of values, NaN, changes an input it must
                    not change.

What the student's function prints while it is checked is hidden, so that the verdict is one
stable line (nbval compares it). Call the function yourself to see its prints.

`use(name, fn, lang="es", passed=None)` returns ``fn`` if it passes (or if ``passed`` is
True) and otherwise the package's function, printing one line that says so; later cells of
an exercise notebook then always run:

    >>> ok = check("lstm_forward", lstm_forward, LANG)                 # doctest: +SKIP
    >>> lstm_forward = use("lstm_forward", lstm_forward, LANG, passed=ok)  # doctest: +SKIP

`reference(name)` returns the package's function that ``name`` is compared with.

Signatures the checker calls (the original notebook's, with the package's meaning)
--------------------------------------------------------------------------------------
- ``sigmoid(x)``, ``softmax(x)`` (softmax over axis 0, every other axis independent);
- ``lstm_cell_forward(xt, a_prev, c_prev, parameters) -> a_next, c_next, yt_pred, cache``
  with cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters);
- ``lstm_forward(x, a0, parameters) -> a, y, c, caches`` with caches = (list of T_x cell
  caches, x); c starts at zeros;
- ``compute_loss(y_hat, Y) -> float``: MEAN cross-entropy per character (nats) over the m
  sequences and T_x steps; Y is an int array of shape (m, T_x), also when m = 1;
- ``lstm_cell_backward(da_next, dc_next, cache) -> dict`` with dxt, da_prev, dc_prev, dWf,
  dbf, dWi, dbi, dWc, dbc, dWo, dbo;
- ``lstm_backward(da, caches) -> dict`` with dx, da0, dWf, dbf, ..., dbo (dc0 optional);
- ``clip(gradients, maxValue) -> gradients`` (clipping in place or on copies: both fine);
- ``update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate=0.01,
  beta1=0.9, beta2=0.999, epsilon=1e-8) -> parameters, v, s`` (in place or not: both fine;
  the gradients must not change);
- ``training_step(X, Y, a0, parameters, v, s, t, learning_rate=0.01, clip_value=0.2)
  -> loss, parameters, v, s``: ONE training update, written by the student:

      X           (n_x, m, T_x) one-hot inputs        Y   int (m, T_x), the next characters
      a0          (n_a, m) initial hidden state (c starts at zeros, as in lstm_forward)
      parameters, v, s   dicts; t = number of this update (1, 2, ...), never restarted

      1. a, y_hat, c, caches = lstm_forward(X, a0, parameters)
      2. loss = compute_loss(y_hat, Y)                     (mean nats per character)
      3. dz = (y_hat - onehot(Y)) / (m T_x);  dWy = sum_t dz<t> a<t>^T;  dby = sum over
         batch and time of dz;  da<t> = Wy^T dz<t>   (``output_layer_backward`` does this)
      4. gradients = lstm_backward(da, caches), plus dWy and dby
      5. gradients = clip(gradients, clip_value)
      6. parameters, v, s = update_parameters_with_adam(parameters, gradients, v, s, t,
                                                        learning_rate)
      return loss (computed BEFORE the update), parameters, v, s

  The package's version is `training_step` in this module;
- ``sample_top_k(parameters, char_to_ix, seed, temperature=1.0, k=5, *, rng=None,
  length=300) -> list of length int indices``; seed is the priming character.

The draw-order contract of sample_top_k
---------------------------------------
At each of the ``length`` steps the sampler feeds the previous character (first the priming
``seed``) through `lstm_cell_forward` (a and c carried from step to step), takes the
distribution p = softmax(log(y) / temperature), keeps the k most likely characters,
renormalises, and draws ONE character with ONE call ``rng.choice(top_k_indices, p=top_k_probs)``
where ``top_k_indices = np.argsort(p)[-k:]`` (the original notebook's order: the k most likely,
least likely of them first). The drawn index is appended and fed back. ``rng=None`` means a
fresh ``np.random.default_rng()``. With this order and a seeded Generator the text is exactly
the reference's.

Most checks do not depend on that order: a recording generator, whose ``choice`` notes the
candidates and probabilities it is given and returns a candidate chosen by rank, reads the
student's distribution at every step exactly; that distribution is compared with the one the
reference cell gives after the student's own history; with k = 1 the text must be the greedy
one; with a real Generator every drawn index must be among the top k. Only the last check
compares the exact text with a seeded Generator (then the order matters).
"""
import contextlib
import copy
import io
import math
import warnings

import numpy as np

from .backward import compute_loss as _ref_compute_loss
from .backward import lstm_backward as _ref_lstm_backward
from .backward import lstm_cell_backward as _ref_lstm_cell_backward
from .backward import loss_and_gradients as _loss_and_gradients
from .forward import lstm_cell_forward as _ref_lstm_cell_forward
from .forward import lstm_forward as _ref_lstm_forward
from .optim import clip as _ref_clip
from .optim import update_parameters_with_adam as _ref_adam

__all__ = ["check", "use", "reference", "training_step", "NAMES", "MESSAGES", "MISTAKES"]


def training_step(X, Y, a0, parameters, v, s, t, learning_rate=0.01, clip_value=0.2):
    """One training update: forward, loss, backward, clip, Adam (the package's version).

    See the module docstring for the shapes. Returns (loss before the update, parameters,
    v, s); parameters, v and s are updated in place.
    """
    loss, gradients, _, _ = _loss_and_gradients(X, Y, a0, parameters)
    gradients = _ref_clip(gradients, clip_value)
    parameters, v, s = _ref_adam(parameters, gradients, v, s, t, learning_rate)
    return loss, parameters, v, s


# ================================================================ the words of every verdict
MESSAGES = {
    "passed": {"es": "✓ {name}: correcto en {n} casos",
               "en": "✓ {name}: correct on {n} cases"},
    "not_done": {"es": "… {name}: todavía sin hacer (sigue lanzando NotImplementedError)",
                 "en": "… {name}: not done yet (it still raises NotImplementedError)"},
    "raised": {"es": "✗ {name}: lanzó {exc} en el caso {case}",
               "en": "✗ {name}: raised {exc} on the case {case}"},
    "raised_m1": {"es": " (los casos con m = 1 pasaron: ¿solo funciona con una secuencia?)",
                  "en": " (the cases with m = 1 passed: does it only work for one sequence?)"},
    "wrong": {"es": "✗ {name}: {piece} está mal en el caso {case} (diferencia máxima {err})",
              "en": "✗ {name}: {piece} is wrong on the case {case} (largest difference {err})"},
    "nonfinite": {"es": "✗ {name}: {piece} tiene NaN o infinitos en el caso {case}",
                  "en": "✗ {name}: {piece} has NaN or infinite values on the case {case}"},
    "shape": {"es": "✗ {name}: {piece} tiene forma {got} y debería tener {want} "
                    "(caso {case})",
              "en": "✗ {name}: {piece} has shape {got}, it should be {want} (case {case})"},
    "not_array": {"es": "✗ {name}: {piece} es {got}; debería ser un arreglo de numpy "
                        "(caso {case})",
                  "en": "✗ {name}: {piece} is {got}; it should be a numpy array "
                        "(case {case})"},
    "returns_none": {"es": "✗ {name}: devuelve None; debe devolver {what} (¿falta el return?)",
                     "en": "✗ {name}: returns None; it must return {what} "
                           "(is the return missing?)"},
    "count": {"es": "✗ {name}: devuelve {got}; debe devolver {want} valores: {what}",
              "en": "✗ {name}: returns {got}; it must return {want} values: {what}"},
    "not_dict": {"es": "✗ {name}: devuelve {got}; debe devolver un diccionario con {what}",
                 "en": "✗ {name}: returns {got}; it must return a dict with {what}"},
    "missing_key": {"es": "✗ {name}: al diccionario {where} le falta la clave {key!r}",
                    "en": "✗ {name}: the dict {where} has no key {key!r}"},
    "mutated": {"es": "✗ {name}: modifica su entrada {arg} (caso {case}); trabaja sobre "
                      "una copia o crea arreglos nuevos",
                "en": "✗ {name}: changes its input {arg} (case {case}); work on a copy or "
                      "make new arrays"},
    "likely": {"es": ". Fallo probable: {mistake}",
               "en": ". Likely mistake: {mistake}"},
    "no_match": {"es": ". No se parece a ningún fallo típico: revisa cómo se calcula {piece}",
                 "en": ". It matches no typical mistake: look at how {piece} is computed"},
    "forward_wrong": {"es": "✗ {name}: la función forward que pasaste da otro resultado en el "
                            "caso {case}; compruébala primero con check",
                      "en": "✗ {name}: the forward function you passed gives another result "
                            "on the case {case}; check it first with check"},
    "own_forward": {"es": "✗ {name}: tus gradientes coinciden con las diferencias finitas de "
                          "tu propio forward, pero ese forward da otro resultado en el caso "
                          "{case}; corrígelo primero con check",
                    "en": "✗ {name}: your gradients agree with finite differences of your own "
                          "forward, but that forward gives another result on the case {case}; "
                          "fix it first with check"},
    "unknown": {"es": "✗ check: no existe el ejercicio {name!r}; elige uno de: {names}",
                "en": "✗ check: there is no exercise {name!r}; choose one of: {names}"},
    "not_callable": {"es": "✗ {name}: lo que pasaste no es una función ({got})",
                     "en": "✗ {name}: what you passed is not a function ({got})"},
    "internal": {"es": "✗ {name}: el comprobador no pudo terminar ({exc})",
                 "en": "✗ {name}: the checker could not finish ({exc})"},
    "use_own": {"es": "→ las celdas siguientes usan tu {name}",
                "en": "→ the next cells use your {name}"},
    "use_ref": {"es": "→ las celdas siguientes usan {name} del paquete (lstm_np)",
                "en": "→ the next cells use the package's {name} (lstm_np)"},
    # --- sample_top_k -------------------------------------------------------------------
    "not_list": {"es": "✗ {name}: devuelve {got}; debe devolver una lista de {n} índices "
                       "(caso {case})",
                 "en": "✗ {name}: returns {got}; it must return a list of {n} indices "
                       "(case {case})"},
    "chars_not_indices": {"es": "✗ {name}: devuelve caracteres; debe devolver índices "
                                "enteros (caso {case})",
                          "en": "✗ {name}: returns characters; it must return integer "
                                "indices (case {case})"},
    "length": {"es": "✗ {name}: devuelve {got} índices y se pidieron {n} (caso {case})",
               "en": "✗ {name}: returns {got} indices and {n} were asked for (case {case})"},
    "draws": {"es": "✗ {name}: llama {got} veces a rng.choice para {n} caracteres; debe "
                    "ser una vez por carácter (caso {case})",
              "en": "✗ {name}: calls rng.choice {got} times for {n} characters; it must be "
                    "once per character (case {case})"},
    "dist_wrong": {"es": "✗ {name}: la distribución del paso {step} está mal en el caso "
                         "{case} (diferencia máxima {err})",
                   "en": "✗ {name}: the distribution of step {step} is wrong on the case "
                         "{case} (largest difference {err})"},
    "not_drawn": {"es": "✗ {name}: el índice {step} de la lista no es el carácter que "
                        "devolvió rng.choice (caso {case})",
                  "en": "✗ {name}: entry {step} of the list is not the character that "
                        "rng.choice returned (case {case})"},
    "greedy": {"es": "✗ {name}: con k = 1 el texto debe ser el voraz (siempre el carácter "
                     "más probable) y difiere en la posición {step} (caso {case})",
               "en": "✗ {name}: with k = 1 the text must be the greedy one (always the most "
                     "likely character) and it differs at position {step} (case {case})"},
    "outside_top_k": {"es": "✗ {name}: el carácter {step} no está entre los k más probables "
                            "(caso {case})",
                      "en": "✗ {name}: character {step} is not among the k most likely "
                            "(case {case})"},
    "exact": {"es": "✗ {name}: las distribuciones están bien, pero con el mismo rng el texto "
                    "difiere del de referencia en la posición {step} (caso {case})",
              "en": "✗ {name}: the distributions are right, but with the same rng the text "
                    "differs from the reference's at position {step} (case {case})"},
}

# what the student most likely did, by the mutation of the reference that reproduces it
MISTAKES = {
    # sigmoid
    "sig_sign": {"es": "el signo de la exponencial está cambiado: 1 / (1 + e^x) es σ(−x)",
                 "en": "the sign in the exponential is flipped: 1 / (1 + e^x) is σ(−x)"},
    "sig_minus": {"es": "resta en el denominador: debe ser 1 + e^(−x), no 1 − e^(−x)",
                  "en": "a minus in the denominator: it must be 1 + e^(−x), not 1 − e^(−x)"},
    "sig_precedence": {"es": "faltan paréntesis: 1 / 1 + e^(−x) es 1 + e^(−x); escribe "
                             "1 / (1 + e^(−x))",
                       "en": "missing brackets: 1 / 1 + e^(−x) is 1 + e^(−x); write "
                             "1 / (1 + e^(−x))"},
    "sig_tanh": {"es": "es tanh(x), no la sigmoide (tanh va de −1 a 1, σ de 0 a 1)",
                 "en": "this is tanh(x), not the sigmoid (tanh goes from −1 to 1, σ from 0 "
                       "to 1)"},
    "sig_double": {"es": "(tanh(x) + 1) / 2 es σ(2x); la igualdad es σ(x) = (tanh(x/2) + 1) / 2",
                   "en": "(tanh(x) + 1) / 2 is σ(2x); the identity is σ(x) = (tanh(x/2) + 1) "
                         "/ 2"},
    "sig_overflow": {"es": "desbordamiento: e^x / (1 + e^x) da inf / inf = NaN para x grande; "
                           "usa 1 / (1 + e^(−x))",
                     "en": "overflow: e^x / (1 + e^x) gives inf / inf = NaN for large x; use "
                           "1 / (1 + e^(−x))"},
    # softmax
    "smax_axis1": {"es": "la suma recorre el eje equivocado: cada columna (eje 0) debe sumar 1",
                   "en": "softmax over the wrong axis: every column (axis 0) must sum to 1"},
    "smax_global_sum": {"es": "se divide entre la suma de todo el arreglo, no de cada columna "
                              "(falta axis=0)",
                        "en": "divided by the sum of the whole array, not of each column "
                              "(axis=0 is missing)"},
    "smax_no_max": {"es": "no se resta el máximo: e^x se desborda con puntuaciones grandes",
                    "en": "the maximum is not subtracted: e^x overflows for large scores"},
    "smax_global_max": {"es": "se resta el máximo de todo el arreglo, no el de cada columna: "
                              "una columna muy por debajo de las otras da 0/0",
                        "en": "the maximum of the whole array is subtracted, not each "
                              "column's: a column far below the others gives 0/0"},
    "smax_row_max": {"es": "se resta el máximo de cada fila (axis=1); debe ser el de cada "
                           "columna (axis=0, keepdims=True)",
                     "en": "each row's maximum (axis=1) is subtracted; it must be each "
                           "column's (axis=0, keepdims=True)"},
    "smax_no_exp": {"es": "falta la exponencial: x / suma(x) no es la softmax",
                    "en": "the exponential is missing: x / sum(x) is not the softmax"},
    "smax_sign": {"es": "el signo está cambiado: es softmax(−x)",
                  "en": "the sign is flipped: this is softmax(−x)"},
    # lstm_cell_forward
    "fwd_swap_fu": {"es": "Γ_f y Γ_u intercambiadas: c = Γ_u·c_prev + Γ_f·c̃",
                    "en": "Γ_f and Γ_u swapped: c = Γ_u·c_prev + Γ_f·c̃"},
    "fwd_swap_co": {"es": "Wc y Wo intercambiadas: el candidato c̃ usa Wo y Γ_o usa Wc",
                    "en": "Wc and Wo swapped: the candidate c̃ uses Wo and Γ_o uses Wc"},
    "fwd_bias": {"es": "falta el sesgo {b}", "en": "the bias {b} is missing"},
    "fwd_no_bias": {"es": "faltan todos los sesgos (bf, bi, bc, bo, by)",
                    "en": "all the biases (bf, bi, bc, bo, by) are missing"},
    "fwd_no_tanh_c": {"es": "falta la tanh sobre c: a = Γ_o·tanh(c_next), no Γ_o·c_next",
                      "en": "the tanh on c is missing: a = Γ_o·tanh(c_next), not Γ_o·c_next"},
    "fwd_cand_sigmoid": {"es": "el candidato c̃ usa la sigmoide; debe ser tanh",
                         "en": "the candidate c̃ uses the sigmoid; it must be tanh"},
    "fwd_concat_xa": {"es": "concatenación en orden inverso: debe ser [a_prev; xt], no "
                            "[xt; a_prev]",
                      "en": "concatenation in the wrong order: it must be [a_prev; xt], not "
                            "[xt; a_prev]"},
    "fwd_no_forget": {"es": "falta la compuerta de olvido: c = Γ_f·c_prev + Γ_u·c̃",
                      "en": "the forget gate is missing: c = Γ_f·c_prev + Γ_u·c̃"},
    "fwd_no_update": {"es": "falta la compuerta de actualización: c = Γ_f·c_prev + Γ_u·c̃",
                      "en": "the update gate is missing: c = Γ_f·c_prev + Γ_u·c̃"},
    "fwd_a_cprev": {"es": "a usa c_prev; debe usar la c nueva: a = Γ_o·tanh(c_next)",
                    "en": "a uses c_prev; it must use the new c: a = Γ_o·tanh(c_next)"},
    "fwd_smax_axis1": {"es": "la softmax de y suma sobre el eje equivocado (eje 0: caracteres)",
                       "en": "the softmax of y runs over the wrong axis (axis 0: characters)"},
    "fwd_no_softmax": {"es": "falta la softmax: y = softmax(Wy·a + by)",
                       "en": "the softmax is missing: y = softmax(Wy·a + by)"},
    "fwd_y_aprev": {"es": "y usa a_prev; debe usar la a nueva: y = softmax(Wy·a_next + by)",
                    "en": "y uses a_prev; it must use the new a: y = softmax(Wy·a_next + by)"},
    "cache_layout": {"es": "el cache debe ser (a_next, c_next, a_prev, c_prev, ft, it, cct, "
                           "ot, xt, parameters), en este orden",
                     "en": "the cache must be (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, "
                           "xt, parameters), in this order"},
    # lstm_forward
    "seq_a_not_carried": {"es": "el estado a no pasa de un paso al siguiente (cada paso usa a0)",
                          "en": "the state a is not carried from step to step (every step "
                                "uses a0)"},
    "seq_c_not_carried": {"es": "el estado c no pasa de un paso al siguiente (vuelve a ceros)",
                          "en": "the state c is not carried from step to step (it goes back "
                                "to zeros)"},
    "seq_c0_a0": {"es": "c empieza en a0; debe empezar en ceros",
                  "en": "c starts at a0; it must start at zeros"},
    "seq_first_x": {"es": "todos los pasos leen x[:, :, 0]; el paso t lee x[:, :, t]",
                    "en": "every step reads x[:, :, 0]; step t reads x[:, :, t]"},
    "seq_store_prev": {"es": "se guarda el estado de antes del paso: a[:, :, t] es la a que "
                             "devuelve la celda en el paso t",
                       "en": "the state before the step is stored: a[:, :, t] is the a the "
                             "cell returns at step t"},
    "seq_reversed": {"es": "el tiempo va al revés: el forward va de t = 0 a T_x − 1",
                     "en": "time runs backwards: the forward pass goes from t = 0 to T_x − 1"},
    # compute_loss
    "loss_sum": {"es": "la suma en lugar de la media: divide entre m·T_x",
                 "en": "the sum instead of the mean: divide by m·T_x"},
    "loss_mean_t": {"es": "solo se promedia sobre el tiempo; también hay que promediar sobre "
                          "las m secuencias",
                    "en": "averaged over time only; average over the m sequences too"},
    "loss_mean_m": {"es": "solo se promedia sobre las secuencias; también hay que promediar "
                          "sobre los T_x pasos",
                    "en": "averaged over the sequences only; average over the T_x steps too"},
    "loss_sign": {"es": "falta el signo menos: L = −media(log ŷ)",
                  "en": "the minus sign is missing: L = −mean(log ŷ)"},
    "loss_log2": {"es": "logaritmo en base 2 (bits); la pérdida va en nats (np.log)",
                  "en": "log base 2 (bits); the loss is in nats (np.log)"},
    "loss_first_seq": {"es": "solo se usa la primera secuencia (índice 0 del eje m)",
                       "en": "only the first sequence is used (index 0 of the m axis)"},
    "loss_original": {"es": "es la pérdida del cuaderno original: suma sobre el tiempo y "
                            "solo la secuencia 0; aquí es la media sobre m y T_x",
                      "en": "this is the original notebook's loss: a sum over time and only "
                            "sequence 0; here it is the mean over m and T_x"},
    "loss_all_probs": {"es": "se promedia el log de todas las probabilidades; solo cuenta la "
                             "del carácter correcto, ŷ[Y[i, t], i, t]",
                       "en": "the log of every probability is averaged; only the right "
                             "character's counts, ŷ[Y[i, t], i, t]"},
    # lstm_cell_backward
    "bwd_no_da_path": {"es": "falta el camino por a: dc = dc_next + da_next·Γ_o·(1 − "
                             "tanh²(c_next))",
                       "en": "the path through a is missing: dc = dc_next + da_next·Γ_o·(1 − "
                             "tanh²(c_next))"},
    "bwd_gate_tanh_deriv": {"es": "derivada de la activación equivocada: para una compuerta "
                                  "sigmoide es Γ(1 − Γ), no 1 − Γ²",
                            "en": "derivative of the wrong activation: a sigmoid gate's is "
                                  "Γ(1 − Γ), not 1 − Γ²"},
    "bwd_cand_sigmoid_deriv": {"es": "derivada de la activación equivocada: la de c̃ = tanh(…) "
                                     "es 1 − c̃², no c̃(1 − c̃)",
                               "en": "derivative of the wrong activation: c̃ = tanh(…) has "
                                     "1 − c̃², not c̃(1 − c̃)"},
    "bwd_no_sigmoid_deriv": {"es": "falta la derivada de la sigmoide Γ(1 − Γ) en las "
                                   "compuertas",
                             "en": "the sigmoid's derivative Γ(1 − Γ) is missing in the "
                                   "gates"},
    "bwd_dot_no_tanh": {"es": "dΓ_o usa c_next; debe usar tanh(c_next)",
                        "en": "dΓ_o uses c_next; it must use tanh(c_next)"},
    "bwd_dcprev_no_ft": {"es": "a dc_prev le falta el factor Γ_f: dc_prev = dc·Γ_f",
                         "en": "dc_prev lacks the factor Γ_f: dc_prev = dc·Γ_f"},
    "bwd_dcprev_no_da": {"es": "dc_prev olvida el camino por a: dc_prev = (dc_next + "
                               "da_next·Γ_o·(1 − tanh²(c_next)))·Γ_f",
                         "en": "dc_prev forgets the path through a: dc_prev = (dc_next + "
                               "da_next·Γ_o·(1 − tanh²(c_next)))·Γ_f"},
    "bwd_dft_cnext": {"es": "dΓ_f usa c_next; debe usar c_prev (c = Γ_f·c_prev + …)",
                      "en": "dΓ_f uses c_next; it must use c_prev (c = Γ_f·c_prev + …)"},
    "bwd_swap_u_c": {"es": "dΓ_u y dc̃ intercambian sus factores: dΓ_u lleva c̃ y dc̃ lleva Γ_u",
                     "en": "dΓ_u and dc̃ swap their factors: dΓ_u takes c̃ and dc̃ takes Γ_u"},
    "bwd_db_no_keepdims": {"es": "falta keepdims=True al sumar los sesgos: db tiene forma "
                                 "(n_a, 1)",
                           "en": "keepdims=True is missing when summing the biases: db has "
                                 "shape (n_a, 1)"},
    "bwd_db_no_sum": {"es": "los gradientes de los sesgos no se suman sobre el lote (axis=1)",
                      "en": "the bias gradients are not summed over the batch (axis=1)"},
    "bwd_split": {"es": "d concat se parte al revés: las primeras n_a filas son da_prev y "
                        "las últimas n_x son dxt",
                  "en": "d concat is split the wrong way: the first n_a rows are da_prev and "
                        "the last n_x are dxt"},
    "bwd_dW_T": {"es": "dW está traspuesto: dW = dz·concatᵀ, de forma (n_a, n_a + n_x)",
                 "en": "dW is transposed: dW = dz·concatᵀ, of shape (n_a, n_a + n_x)"},
    "bwd_sign": {"es": "todos los gradientes tienen el signo cambiado",
                 "en": "every gradient has the opposite sign"},
    # lstm_backward
    "bptt_no_da_prev": {"es": "no se suma el gradiente que llega del paso siguiente: la celda "
                              "recibe da[:, :, t] + da_prev",
                        "en": "the gradient from the next step is not added: the cell gets "
                              "da[:, :, t] + da_prev"},
    "bptt_no_da_t": {"es": "falta el gradiente de la predicción del paso t: la celda recibe "
                           "da[:, :, t] + da_prev",
                     "en": "the gradient of the prediction at step t is missing: the cell "
                           "gets da[:, :, t] + da_prev"},
    "bptt_no_dc": {"es": "dc_prev no se pasa al paso anterior (el estado no se arrastra hacia "
                         "atrás)",
                   "en": "dc_prev is not passed to the previous step (the state is not "
                         "carried backwards)"},
    "bptt_forward_order": {"es": "el bucle va hacia delante; BPTT va de t = T_x − 1 a 0 "
                                 "(reversed)",
                           "en": "the loop runs forwards; BPTT goes from t = T_x − 1 down to "
                                 "0 (reversed)"},
    "bptt_overwrite": {"es": "los gradientes de los pesos se sobrescriben (=) en vez de "
                             "sumarse (+=) en cada paso",
                       "en": "the weight gradients are overwritten (=) instead of summed (+=) "
                             "at every step"},
    "bptt_mean_time": {"es": "los gradientes de los pesos se promedian sobre el tiempo; se "
                             "suman",
                       "en": "the weight gradients are averaged over time; they are summed"},
    "bptt_da0_zero": {"es": "da0 se queda en ceros: es el da_prev del primer paso",
                      "en": "da0 stays at zeros: it is the da_prev of the first step"},
    "bptt_dx_zero": {"es": "dx se queda en ceros: guarda el dxt de cada paso en dx[:, :, t]",
                     "en": "dx stays at zeros: store each step's dxt in dx[:, :, t]"},
    # clip
    "clip_upper": {"es": "solo se recorta por arriba; también hay que recortar por debajo "
                         "de −maxValue",
                   "en": "only the upper bound is applied; clip below −maxValue too"},
    "clip_lower": {"es": "solo se recorta por debajo; también hay que recortar por encima "
                         "de maxValue",
                   "en": "only the lower bound is applied; clip above maxValue too"},
    "clip_zero": {"es": "el límite inferior es 0; debe ser −maxValue",
                  "en": "the lower bound is 0; it must be −maxValue"},
    "clip_norm": {"es": "se reescala por la norma; aquí se recorta cada elemento a "
                        "[−maxValue, maxValue]",
                  "en": "rescaled by the norm; here each entry is clipped to [−maxValue, "
                        "maxValue]"},
    "clip_lost": {"es": "el resultado recortado se pierde (se asigna a la variable del bucle); "
                        "usa out=gradient o guarda en gradients[key]",
                  "en": "the clipped result is lost (assigned to the loop variable); use "
                        "out=gradient or store it in gradients[key]"},
    "clip_swapped": {"es": "límites intercambiados: np.clip(g, −maxValue, maxValue)",
                     "en": "bounds swapped: np.clip(g, −maxValue, maxValue)"},
    "clip_some": {"es": "no se recortan todas las claves: falta {keys}",
                  "en": "not every key is clipped: {keys} is left out"},
    # Adam
    "adam_no_correction": {"es": "falta la corrección de sesgo: v̂ = v / (1 − β1^t), "
                                 "ŝ = s / (1 − β2^t)",
                           "en": "bias correction is missing: v̂ = v / (1 − β1^t), "
                                 "ŝ = s / (1 − β2^t)"},
    "adam_t1": {"es": "t se reinicia: la corrección usa t = 1 en vez del t recibido",
                "en": "t is restarted: the correction uses t = 1 instead of the t given"},
    "adam_t_plus": {"es": "t desplazado en uno: la corrección usa t + 1",
                    "en": "t off by one: the correction uses t + 1"},
    "adam_beta_t": {"es": "1 − β·t en vez de 1 − β^t (np.power(beta, t))",
                    "en": "1 − β·t instead of 1 − β^t (np.power(beta, t))"},
    "adam_no_square": {"es": "s usa el gradiente sin elevar al cuadrado: s = β2·s + (1 − β2)·g²",
                       "en": "s uses the gradient, not its square: s = β2·s + (1 − β2)·g²"},
    "adam_factors": {"es": "β y 1 − β intercambiados: v = β1·v + (1 − β1)·g",
                     "en": "β and 1 − β swapped: v = β1·v + (1 − β1)·g"},
    "adam_betas": {"es": "β1 y β2 intercambiados (β1 = 0.9 es de v, β2 = 0.999 es de s)",
                   "en": "β1 and β2 swapped (β1 = 0.9 is v's, β2 = 0.999 is s's)"},
    "adam_sign": {"es": "el paso tiene el signo cambiado: θ = θ − α·v̂ / (√ŝ + ε)",
                  "en": "the step has the wrong sign: θ = θ − α·v̂ / (√ŝ + ε)"},
    "adam_no_sqrt": {"es": "falta la raíz cuadrada: θ = θ − α·v̂ / (√ŝ + ε)",
                     "en": "the square root is missing: θ = θ − α·v̂ / (√ŝ + ε)"},
    "adam_store_corrected": {"es": "se guardan v̂ y ŝ corregidos en v y s; v y s guardan las "
                                   "medias sin corregir",
                             "en": "the corrected v̂ and ŝ are stored in v and s; v and s keep "
                                   "the uncorrected averages"},
    "adam_lr": {"es": "se ignora learning_rate (se usa un valor fijo)",
                "en": "learning_rate is ignored (a fixed value is used)"},
    "adam_hyper": {"es": "se ignoran beta1 o beta2 (se usan valores fijos)",
                   "en": "beta1 or beta2 is ignored (fixed values are used)"},
    # training_step
    "step_no_clip": {"es": "los gradientes no se recortan (o se recortan después de "
                           "actualizar)",
                     "en": "the gradients are not clipped (or clipped after the update)"},
    "step_sum_grads": {"es": "los gradientes son los de la suma: dz = (ŷ − y) / (m·T_x) "
                             "porque la pérdida es la media",
                       "en": "these are the gradients of the sum: dz = (ŷ − y) / (m·T_x) "
                             "because the loss is the mean"},
    "step_loss_after": {"es": "la pérdida se calcula después de actualizar los parámetros",
                        "en": "the loss is computed after the parameters are updated"},
    "step_no_minus_one": {"es": "falta restar 1 en el carácter correcto: dz = ŷ − onehot(Y)",
                          "en": "the 1 at the right character is not subtracted: dz = ŷ − "
                                "onehot(Y)"},
    "step_no_output_grads": {"es": "faltan dWy y dby: la capa de salida no aprende",
                             "en": "dWy and dby are missing: the output layer does not learn"},
    "step_da_zero": {"es": "lstm_backward recibe ceros (como el cálculo desperdiciado del "
                           "cuaderno original); debe recibir da = Wyᵀ·dz",
                     "en": "lstm_backward gets zeros (like the original notebook's wasted "
                           "pass); it must get da = Wyᵀ·dz"},
    "step_t1": {"es": "t se reinicia a 1 en cada paso; usa el t recibido",
                "en": "t is restarted at 1 at every step; use the t given"},
    "step_loss_sum": {"es": "la pérdida devuelta es la suma; debe ser la media por carácter",
                      "en": "the loss returned is the sum; it must be the mean per "
                            "character"},
    # sample_top_k
    "smp_temp_after": {"es": "la temperatura se aplica después de la softmax (dividir "
                             "probabilidades entre T y renormalizar no cambia nada): "
                             "p = softmax(log(y) / T)",
                       "en": "the temperature is applied after the softmax (dividing "
                             "probabilities by T and renormalising changes nothing): "
                             "p = softmax(log(y) / T)"},
    "smp_temp_times": {"es": "se multiplica por la temperatura; hay que dividir: log(y) / T",
                       "en": "multiplied by the temperature; divide instead: log(y) / T"},
    "smp_k_plus": {"es": "k + 1 candidatos: np.argsort(p)[-k:] da exactamente k",
                   "en": "k + 1 candidates: np.argsort(p)[-k:] gives exactly k"},
    "smp_k_minus": {"es": "k − 1 candidatos: np.argsort(p)[-k:] da exactamente k",
                    "en": "k − 1 candidates: np.argsort(p)[-k:] gives exactly k"},
    "smp_bottom_k": {"es": "se toman los k menos probables: np.argsort ordena de menor a "
                           "mayor, los k más probables son [-k:]",
                     "en": "the k least likely are taken: np.argsort sorts from small to "
                           "large, the k most likely are [-k:]"},
    "smp_no_top_k": {"es": "se ignora k: se sortea entre todos los caracteres",
                     "en": "k is ignored: the draw is among all characters"},
    "smp_uniform": {"es": "no se pasan las probabilidades (p=...) a rng.choice: sorteo "
                          "uniforme entre los k",
                    "en": "the probabilities (p=...) are not passed to rng.choice: a uniform "
                          "draw among the k"},
    "smp_not_renormalised": {"es": "las k probabilidades no se renormalizan (suman {total}, "
                                   "no 1)",
                             "en": "the k probabilities are not renormalised (they sum to "
                                   "{total}, not 1)"},
    "smp_prime_ignored": {"es": "se ignora el carácter inicial (seed): la primera entrada x "
                                "debe ser su one-hot",
                          "en": "the priming character (seed) is ignored: the first input x "
                                "must be its one-hot"},
    "smp_state_not_carried": {"es": "el estado (a, c) no pasa de un paso al siguiente",
                              "en": "the state (a, c) is not carried from step to step"},
    "smp_c_not_carried": {"es": "c no pasa de un paso al siguiente (solo a)",
                          "en": "c is not carried from step to step (only a is)"},
    "smp_not_fed_back": {"es": "el carácter elegido no se usa como siguiente entrada x",
                         "en": "the chosen character is not fed back as the next input x"},
    "smp_x_not_reset": {"es": "x no se pone a cero antes del nuevo one-hot: se acumulan unos",
                        "en": "x is not reset to zeros before the new one-hot: ones pile up"},
    "smp_no_rng": {"es": "no usa el rng recibido (¿np.random.choice global?); sortea con "
                         "rng.choice(candidatos, p=probs)",
                   "en": "it does not use the rng it is given (global np.random.choice?); "
                         "draw with rng.choice(candidates, p=probs)"},
    "smp_other_rng": {"es": "usa rng.{attr}; el contrato es una llamada rng.choice(candidatos, "
                            "p=probs) por carácter",
                      "en": "it uses rng.{attr}; the contract is one call rng.choice("
                            "candidates, p=probs) per character"},
    "smp_length": {"es": "se ignora length (siempre 300 caracteres)",
                   "en": "length is ignored (always 300 characters)"},
    "smp_order": {"es": "los candidatos van en otro orden: pásalos como np.argsort(p)[-k:] "
                        "(de menos a más probable), una llamada rng.choice por carácter",
                  "en": "the candidates are in another order: pass them as np.argsort(p)[-k:] "
                        "(least to most likely), one rng.choice call per character"},
}

PIECES = {
    "output": {"es": "la salida", "en": "the output"},
    "gradients": {"es": "el diccionario de gradientes", "en": "the dict of gradients"},
    "loss": {"es": "la pérdida", "en": "the loss"},
}

WHAT = {
    "array": {"es": "un arreglo", "en": "an array"},
    "a_c_y_cache": {"es": "a_next, c_next, yt_pred, cache", "en": "a_next, c_next, yt_pred, "
                                                                  "cache"},
    "a_y_c_caches": {"es": "a, y, c, caches", "en": "a, y, c, caches"},
    "number": {"es": "un número", "en": "a number"},
    "grads": {"es": "los gradientes", "en": "the gradients"},
    "p_v_s": {"es": "parameters, v, s", "en": "parameters, v, s"},
    "l_p_v_s": {"es": "loss, parameters, v, s", "en": "loss, parameters, v, s"},
    "indices": {"es": "una lista de índices", "en": "a list of indices"},
}


def _say(key, lang, **fmt):
    return MESSAGES[key][lang].format(**fmt)


def _word(table, key, lang):
    return table[key][lang] if key in table else key


# ================================================================ small tools
class _Problem(Exception):
    """What is wrong with one answer: a MESSAGES key and its fields (and a piece, maybe)."""

    def __init__(self, key, piece=None, **fmt):
        super().__init__(key)
        self.key, self.piece, self.fmt = key, piece, fmt


class _Bad:
    """A piece of the answer that could not be read (wrong type, missing)."""

    def __init__(self, problem):
        self.problem = problem


def _err_text(x):
    return "NaN" if not np.isfinite(x) else f"{x:.2g}"


def _shape_text(shape):
    return "(" + ", ".join(str(n) for n in shape) + (",)" if len(shape) == 1 else ")")


def _type_text(value):
    if value is None:
        return "None"
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__} ({len(value)})"
    return type(value).__name__


def _as_array(value, piece, case):
    """value as a float ndarray, or a _Problem naming the piece."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiub":
        return value.astype(np.float64, copy=False)
    if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        return np.asarray(value, dtype=np.float64)
    raise _Problem("not_array", piece, got=_type_text(value), case=case)


def _same(a, b):
    """Deep equality of inputs (arrays bit for bit, NaN equal to NaN)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (tuple, list)):
        return (type(a) is type(b) and len(a) == len(b)
                and all(_same(x, y) for x, y in zip(a, b)))
    try:
        return bool(a == b)
    except Exception:
        return False


def _close(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-9, equal_nan=True)


def _max_err(a, b):
    with np.errstate(all="ignore"):
        d = np.abs(a - b)
    return float(np.max(d)) if d.size else 0.0


@contextlib.contextmanager
def _quiet():
    """Hide what the student's code prints and warns about."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out), \
            warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def _exc_text(exc):
    msg = " ".join(str(exc).split())
    if len(msg) > 120:
        msg = msg[:117] + "..."
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def _sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _softmax(x):
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


GATE_NAMES = ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo", "Wy", "by")


def _random_parameters(rng, n_a, n_x, n_y, scale=0.7):
    p = {}
    for g in "fico":
        p["W" + g] = rng.standard_normal((n_a, n_a + n_x)) * scale
        p["b" + g] = rng.standard_normal((n_a, 1)) * 0.5
    p["Wy"] = rng.standard_normal((n_y, n_a)) * scale * 1.5
    p["by"] = rng.standard_normal((n_y, 1)) * 0.5
    return {k: p[k] for k in GATE_NAMES}


def _one_hot(rng, n_x, m, T_x):
    idx = rng.integers(0, n_x, size=(m, T_x))
    x = np.zeros((n_x, m, T_x))
    i, t = np.meshgrid(np.arange(m), np.arange(T_x), indexing="ij")
    x[idx, i, t] = 1.0
    return x


class _Case:
    def __init__(self, desc, args, kwargs=None, m=1, frozen=(), **extra):
        self.desc, self.args, self.kwargs, self.m = desc, args, kwargs or {}, m
        self.frozen = frozen            # positions of arguments that must not change
        self.extra = extra

    def fresh(self):
        return copy.deepcopy(self.args), copy.deepcopy(self.kwargs)


# ================================================================ mutants: forward
def _cell_variant(xt, a_prev, c_prev, P, swap_fu=False, swap_co=False, no_bias=(),
                  no_tanh_c=False, cand_sigmoid=False, concat_xa=False, no_forget=False,
                  no_update=False, a_from_cprev=False, smax_axis1=False, no_softmax=False,
                  y_from_aprev=False):
    """lstm_cell_forward with one typical mistake switched on (none: the right cell)."""
    concat = np.concatenate((xt, a_prev) if concat_xa else (a_prev, xt), axis=0)

    def z(W, b):
        return P[W] @ concat + (0.0 if b in no_bias else P[b])
    Wc, Wo = ("Wo", "Wc") if swap_co else ("Wc", "Wo")
    ft = _sigmoid(z("Wf", "bf"))
    it = _sigmoid(z("Wi", "bi"))
    cct = (_sigmoid if cand_sigmoid else np.tanh)(z(Wc, "bc"))
    if swap_fu:
        ft, it = it, ft
    c_next = (1.0 if no_forget else ft) * c_prev + (1.0 if no_update else it) * cct
    ot = _sigmoid(z(Wo, "bo"))
    a_next = ot * (c_next if no_tanh_c else np.tanh(c_prev if a_from_cprev else c_next))
    zy = P["Wy"] @ (a_prev if y_from_aprev else a_next) + (0.0 if "by" in no_bias else P["by"])
    if no_softmax:
        y = zy
    elif smax_axis1:
        e = np.exp(zy - zy.max(axis=1, keepdims=True))
        y = e / e.sum(axis=1, keepdims=True)
    else:
        y = _softmax(zy)
    return a_next, c_next, y, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, P)


def _seq_variant(x, a0, P, a_not_carried=False, c_not_carried=False, c0_a0=False,
                 first_x=False, store_prev=False, reversed_time=False):
    """lstm_forward with one typical mistake switched on."""
    n_x, m, T_x = x.shape
    n_y, n_a = P["Wy"].shape
    a, c, y = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
    caches = []
    a_next, c_next = a0, (a0.copy() if c0_a0 else np.zeros((n_a, m)))
    steps = reversed(range(T_x)) if reversed_time else range(T_x)
    for t in steps:
        a_in = a0 if a_not_carried else a_next
        c_in = np.zeros((n_a, m)) if c_not_carried else c_next
        a_next, c_next, yt, cache = _ref_lstm_cell_forward(x[:, :, 0 if first_x else t],
                                                           a_in, c_in, P)
        a[:, :, t] = a_in if store_prev else a_next
        c[:, :, t] = c_in if store_prev else c_next
        y[:, :, t] = yt
        caches.append(cache)
    return a, y, c, (caches, x)


def _loss_variant(y_hat, Y, how):
    n_y, m, T_x = y_hat.shape
    Y = np.asarray(Y).reshape(m, T_x)
    i, t = np.meshgrid(np.arange(m), np.arange(T_x), indexing="ij")
    logp = np.log(y_hat[Y, i, t])                                     # (m, T_x)
    if how == "sum":
        return -logp.sum()
    if how == "mean_t":
        return -logp.sum(axis=0).mean()
    if how == "mean_m":
        return -logp.sum(axis=1).mean()
    if how == "sign":
        return logp.mean()
    if how == "log2":
        return -logp.mean() / math.log(2.0)
    if how == "first":
        return -np.log(y_hat[Y[0], 0, np.arange(T_x)]).mean()
    if how == "original":                    # the original's code, word for word
        loss = 0
        for t in range(len(Y)):
            loss -= np.log(y_hat[Y[t], 0, t])
        return loss
    if how == "sum_first":
        return -np.log(y_hat[Y[0], 0, np.arange(T_x)]).sum()
    if how == "all":
        return -np.log(y_hat).mean()
    raise ValueError(how)


# ================================================================ mutants: backward
def _cell_bwd_variant(da_next, dc_next, cache, no_da_path=False, gate_tanh_deriv=False,
                      cand_sigmoid_deriv=False, no_sigmoid_deriv=False, dot_no_tanh=False,
                      dcprev_no_ft=False, dcprev_no_da=False, dft_cnext=False, swap_u_c=False,
                      db_no_keepdims=False, db_no_sum=False, split=False, dW_T=False,
                      sign=False):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, P) = cache
    n_a, n_x = a_next.shape[0], xt.shape[0]
    tc = np.tanh(c_next)

    def dsig(g):
        if no_sigmoid_deriv:
            return 1.0
        return (1.0 - g ** 2) if gate_tanh_deriv else g * (1.0 - g)
    through_a = da_next * ot * (1.0 - tc ** 2)
    dc = dc_next + (0.0 if no_da_path else through_a)
    dot = da_next * (c_next if dot_no_tanh else tc) * dsig(ot)
    dcct = dc * (cct if swap_u_c else it) * (cct * (1 - cct) if cand_sigmoid_deriv
                                            else 1.0 - cct ** 2)
    dit = dc * (it if swap_u_c else cct) * dsig(it)
    dft = dc * (c_next if dft_cnext else c_prev) * dsig(ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dconcat = P["Wf"].T @ dft + P["Wi"].T @ dit + P["Wc"].T @ dcct + P["Wo"].T @ dot
    if dcprev_no_ft:
        dc_prev = dc
    elif dcprev_no_da:
        dc_prev = dc_next * ft
    else:
        dc_prev = dc * ft

    def dW(dz):
        return concat @ dz.T if dW_T else dz @ concat.T

    def db(dz):
        if db_no_sum:
            return dz
        return dz.sum(axis=1) if db_no_keepdims else dz.sum(axis=1, keepdims=True)
    g = {"dxt": dconcat[:n_x] if split else dconcat[n_a:],
         "da_prev": dconcat[n_x:] if split else dconcat[:n_a], "dc_prev": dc_prev,
         "dWf": dW(dft), "dbf": db(dft), "dWi": dW(dit), "dbi": db(dit),
         "dWc": dW(dcct), "dbc": db(dcct), "dWo": dW(dot), "dbo": db(dot)}
    if sign:
        g = {k: -v for k, v in g.items()}
    return g


def _bptt_variant(da, caches, no_da_prev=False, no_da_t=False, no_dc=False,
                  forward_order=False, overwrite=False, mean_time=False, da0_zero=False,
                  dx_zero=False):
    cells, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]
    dx = np.zeros((n_x, m, T_x))
    da_prev, dc_prev = np.zeros((n_a, m)), np.zeros((n_a, m))
    keys = ("dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo")
    g = {k: 0.0 for k in keys}
    for t in (range(T_x) if forward_order else reversed(range(T_x))):
        da_in = (0.0 if no_da_t else da[:, :, t]) + (0.0 if no_da_prev else da_prev)
        step = _ref_lstm_cell_backward(da_in + np.zeros((n_a, m)),
                                       np.zeros((n_a, m)) if no_dc else dc_prev, cells[t])
        da_prev, dc_prev = step["da_prev"], step["dc_prev"]
        if not dx_zero:
            dx[:, :, t] = step["dxt"]
        for k in keys:
            g[k] = step[k] if overwrite else g[k] + step[k]
    if mean_time:
        g = {k: v / T_x for k, v in g.items()}
    g.update(dx=dx, da0=np.zeros((n_a, m)) if da0_zero else da_prev)
    return g


# ================================================================ mutants: optimisation
def _clip_variant(gradients, maxValue, how):
    out = {}
    for k, g in gradients.items():
        if how == "upper":
            out[k] = np.minimum(g, maxValue)
        elif how == "lower":
            out[k] = np.maximum(g, -maxValue)
        elif how == "zero":
            out[k] = np.clip(g, 0, maxValue)
        elif how == "norm":
            n = np.linalg.norm(g)
            out[k] = g * (maxValue / n) if n > maxValue else g.copy()
        elif how == "lost":
            out[k] = g.copy()
        elif how == "swapped":
            out[k] = np.clip(g, maxValue, -maxValue)
        else:
            raise ValueError(how)
    return out


def _adam_variant(parameters, gradients, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                  epsilon=1e-8, how=None):
    if how == "betas":
        beta1, beta2 = beta2, beta1
    if how == "lr":
        learning_rate = 0.01
    if how == "hyper":
        beta1, beta2 = 0.9, 0.999
    tc = {"t1": 1, "t_plus": t + 1}.get(how, t)
    for k in parameters:
        g = gradients["d" + k]
        if how == "factors":
            v[k] = (1 - beta1) * v[k] + beta1 * g
            s[k] = (1 - beta2) * s[k] + beta2 * g ** 2
        else:
            v[k] = beta1 * v[k] + (1 - beta1) * g
            s[k] = beta2 * s[k] + (1 - beta2) * (g if how == "no_square" else g ** 2)
        if how == "no_correction":
            vh, sh = v[k], s[k]
        elif how == "beta_t":
            vh, sh = v[k] / (1 - beta1 * tc), s[k] / (1 - beta2 * tc)
        else:
            vh, sh = v[k] / (1 - beta1 ** tc), s[k] / (1 - beta2 ** tc)
        if how == "store_corrected":
            v[k], s[k] = vh, sh
        step = learning_rate * vh / ((sh if how == "no_sqrt" else np.sqrt(sh)) + epsilon)
        parameters[k] = parameters[k] + step if how == "sign" else parameters[k] - step
    return parameters, v, s


def _step_variant(X, Y, a0, P, v, s, t, learning_rate=0.01, clip_value=0.2, how=None):
    n_x, m, T_x = X.shape
    a, y_hat, c, caches = _ref_lstm_forward(X, a0, P)
    loss = _ref_compute_loss(y_hat, Y)
    if how == "loss_sum":
        loss = loss * m * T_x
    dz = y_hat.copy()
    i, tt = np.meshgrid(np.arange(m), np.arange(T_x), indexing="ij")
    if how != "no_minus_one":
        dz[np.asarray(Y), i, tt] -= 1.0
    if how != "sum_grads":
        dz /= m * T_x
    da = np.einsum("ya,ymt->amt", P["Wy"], dz)
    grads = _ref_lstm_backward(np.zeros_like(da) if how == "da_zero" else da, caches)
    grads["dWy"] = np.einsum("ymt,amt->ya", dz, a)
    grads["dby"] = dz.sum(axis=(1, 2))[:, None]
    if how == "no_output_grads":
        grads["dWy"], grads["dby"] = np.zeros_like(P["Wy"]), np.zeros_like(P["by"])
    if how != "no_clip":
        grads = _ref_clip(grads, clip_value)
    P, v, s = _ref_adam(P, grads, v, s, 1 if how == "t1" else t, learning_rate)
    if how == "loss_after":
        _, y_hat, _, _ = _ref_lstm_forward(X, a0, P)
        loss = _ref_compute_loss(y_hat, Y)
    return loss, P, v, s


# ================================================================ the exercises
class _Spec:
    """How to check one function: its cases, how to read its answer, its typical mistakes."""

    name = ""
    primary = None                    # pieces a mutant must reproduce (None: all)

    def cases(self):
        raise NotImplementedError

    def reference(self, *args, **kwargs):
        raise NotImplementedError

    def pieces(self, out, case):
        """The answer as an ordered dict piece -> array (or _Bad); raises _Problem."""
        raise NotImplementedError

    def mutants(self, case):
        """[(mistake key, fmt dict, function of the case's arguments)]"""
        return []

    def hint(self, piece):
        """A mistake key to name when no mutant matches a wrong piece (or None)."""
        return None


def _need_tuple(out, n, what):
    if out is None:
        raise _Problem("returns_none", what=what)
    if not isinstance(out, (tuple, list)) or len(out) != n:
        raise _Problem("count", got=_type_text(out), want=n, what=what)
    return out


def _dict_pieces(out, keys, where, what, case, prefix=None):
    """The arrays of a returned dict, one piece per key (a _Bad piece for an unreadable
    entry); pieces are named "key", or "prefix['key']" when there are several dicts."""
    d = _need_dict(out, keys, where, what)
    res = {}
    for k in keys:
        piece = k if prefix is None else f"{prefix}[{k!r}]"
        try:
            res[piece] = _as_array(d[k], piece, case.desc)
        except _Problem as p:
            res[piece] = _Bad(p)
    return res


def _need_dict(out, keys, where, what):
    if out is None:
        raise _Problem("returns_none", what=what)
    if not isinstance(out, dict):
        raise _Problem("not_dict", got=_type_text(out), what=what)
    for k in keys:
        if k not in out:
            raise _Problem("missing_key", where=where, key=k)
    return out


class _Sigmoid(_Spec):
    name = "sigmoid"

    def cases(self):
        rng = np.random.default_rng(101)
        xs = [np.linspace(-6, 6, 5).reshape(5, 1), rng.standard_normal((3, 4)) * 3,
              rng.standard_normal((2, 3, 4)) * 2,
              np.array([-800.0, -50.0, 0.0, 50.0, 800.0]).reshape(5, 1)]
        return [_Case("x.shape=" + _shape_text(x.shape) + (", |x| ≤ 800" if i == 3 else ""),
                      (x,), frozen=(0,)) for i, x in enumerate(xs)]

    def reference(self, x):
        return _sigmoid(x)

    def pieces(self, out, case):
        if out is None:
            raise _Problem("returns_none", what=_word(WHAT, "array", self.lang))
        return {"output": _as_array(out, "output", case.desc)}

    def mutants(self, case):
        return [("sig_sign", {}, lambda x: 1 / (1 + np.exp(x))),
                ("sig_minus", {}, lambda x: 1 / (1 - np.exp(-x))),
                ("sig_precedence", {}, lambda x: 1 / 1 + np.exp(-x)),
                ("sig_tanh", {}, np.tanh),
                ("sig_double", {}, lambda x: (np.tanh(x) + 1) / 2),
                ("sig_overflow", {}, lambda x: np.exp(x) / (1 + np.exp(x)))]


class _Softmax(_Spec):
    name = "softmax"

    def cases(self):
        rng = np.random.default_rng(102)
        big = 1000 + rng.standard_normal((5, 2)) * 3
        far = rng.standard_normal((4, 3)) * 2 + np.array([0.0, -1000.0, 30.0])
        xs = [("", rng.standard_normal((5, 1)) * 2), ("", rng.standard_normal((6, 3)) * 3),
              ("", rng.standard_normal((4, 2, 3)) * 2), ("", rng.standard_normal(5)),
              (", x ≈ 1000", big), (", x[:, 1] ≈ x[:, 0] − 1000", far)]
        return [_Case("x.shape=" + _shape_text(x.shape) + note, (x,), frozen=(0,))
                for note, x in xs]

    def reference(self, x):
        return _softmax(x)

    pieces = _Sigmoid.pieces

    def mutants(self, case):
        def axis1(x):
            e = np.exp(x - np.max(x, axis=0, keepdims=True))
            return e / e.sum(axis=1, keepdims=True)

        def global_sum(x):
            e = np.exp(x - np.max(x, axis=0, keepdims=True))
            return e / e.sum()

        def no_max(x):
            return np.exp(x) / np.exp(x).sum(axis=0, keepdims=True)

        def global_max(x):
            e = np.exp(x - np.max(x))
            return e / e.sum(axis=0)

        def row_max(x):
            e = np.exp(x - np.max(x, axis=-1, keepdims=True))
            return e / e.sum(axis=0, keepdims=True)
        return [("smax_axis1", {}, axis1), ("smax_global_sum", {}, global_sum),
                ("smax_global_max", {}, global_max), ("smax_no_max", {}, no_max),
                ("smax_row_max", {}, row_max),
                ("smax_no_exp", {}, lambda x: x / x.sum(axis=0, keepdims=True)),
                ("smax_sign", {}, lambda x: _softmax(-x))]


class _CellForward(_Spec):
    name = "lstm_cell_forward"
    primary = ("c_next", "a_next", "yt_pred")
    CACHE = ("a_next", "c_next", "a_prev", "c_prev", "Γ_f", "Γ_u", "c̃", "Γ_o", "xt")

    def cases(self):
        out = []
        for seed, (m, n_a, n_x) in enumerate([(1, 3, 4), (1, 5, 6), (3, 3, 4), (4, 5, 6),
                                              (2, 4, 3), (5, 2, 5)]):
            rng = np.random.default_rng(200 + seed)
            P = _random_parameters(rng, n_a, n_x, n_x)
            xt = rng.standard_normal((n_x, m))
            a_prev, c_prev = rng.standard_normal((n_a, m)) * 0.8, rng.standard_normal((n_a, m))
            out.append(_Case(f"m={m}, n_a={n_a}, n_x={n_x}", (xt, a_prev, c_prev, P), m=m,
                             frozen=(0, 1, 2, 3)))
        return out

    def reference(self, *args):
        return _ref_lstm_cell_forward(*args)

    def pieces(self, out, case):
        a, c, y, cache = _need_tuple(out, 4, _word(WHAT, "a_c_y_cache", self.lang))
        got = {"c_next": _as_array(c, "c_next", case.desc),
               "a_next": _as_array(a, "a_next", case.desc),
               "yt_pred": _as_array(y, "yt_pred", case.desc)}
        if not isinstance(cache, (tuple, list)) or len(cache) != 10:
            got["cache"] = _Bad(_Problem("count", got=_type_text(cache), want=10,
                                         what="cache = (a_next, c_next, a_prev, c_prev, ft, "
                                              "it, cct, ot, xt, parameters)"))
            return got
        cached = {}
        for i, label in enumerate(self.CACHE):
            piece = f"cache[{i}] ({label})"
            try:
                cached[piece] = _as_array(cache[i], piece, case.desc)
            except _Problem as p:
                cached[piece] = _Bad(p)
        # computation order: the gates first, then c, a, y, then the rest of the cache
        order = [4, 5, 6, None, 7]
        res = {}
        for i in order:
            if i is None:
                res["c_next"] = got["c_next"]
            else:
                k = f"cache[{i}] ({self.CACHE[i]})"
                res[k] = cached.pop(k)
        res["a_next"], res["yt_pred"] = got["a_next"], got["yt_pred"]
        res.update(cached)
        return res

    def hint(self, piece):
        return "cache_layout" if piece.startswith("cache") else None

    def mutants(self, case):
        flags = [("fwd_swap_fu", {}, {"swap_fu": True}), ("fwd_swap_co", {}, {"swap_co": True}),
                 ("fwd_no_tanh_c", {}, {"no_tanh_c": True}),
                 ("fwd_cand_sigmoid", {}, {"cand_sigmoid": True}),
                 ("fwd_concat_xa", {}, {"concat_xa": True}),
                 ("fwd_no_forget", {}, {"no_forget": True}),
                 ("fwd_no_update", {}, {"no_update": True}),
                 ("fwd_a_cprev", {}, {"a_from_cprev": True}),
                 ("fwd_smax_axis1", {}, {"smax_axis1": True}),
                 ("fwd_no_softmax", {}, {"no_softmax": True}),
                 ("fwd_y_aprev", {}, {"y_from_aprev": True}),
                 ("fwd_no_bias", {}, {"no_bias": ("bf", "bi", "bc", "bo", "by")})]
        flags += [("fwd_bias", {"b": b}, {"no_bias": (b,)}) for b in ("bf", "bi", "bc", "bo",
                                                                    "by")]
        return [(key, fmt, (lambda *a, f=f: _cell_variant(*a, **f))) for key, fmt, f in flags]


def _sequences(base_seed):
    """The sequence cases of lstm_forward and lstm_backward: m = 1 and m > 1, T_x = 1 and
    longer. Yields (label, m, rng, parameters, one-hot x, a0); rng goes on for more draws."""
    for seed, (m, T_x, n_a, n_x) in enumerate([(1, 1, 3, 4), (1, 4, 4, 5), (3, 1, 3, 4),
                                               (3, 5, 3, 4), (2, 3, 5, 3)]):
        rng = np.random.default_rng(base_seed + seed)
        P = _random_parameters(rng, n_a, n_x, n_x)
        x = _one_hot(rng, n_x, m, T_x)
        a0 = rng.standard_normal((n_a, m)) * 0.8
        yield f"m={m}, T_x={T_x}, n_a={n_a}, n_x={n_x}", m, rng, P, x, a0


class _Forward(_Spec):
    name = "lstm_forward"
    primary = ("a", "c", "y")

    def cases(self):
        return [_Case(label, (x, a0, P), m=m, frozen=(0, 1, 2))
                for label, m, rng, P, x, a0 in _sequences(300)]

    def reference(self, *args):
        return _ref_lstm_forward(*args)

    def pieces(self, out, case):
        a, y, c, caches = _need_tuple(out, 4, _word(WHAT, "a_y_c_caches", self.lang))
        res = {"a": _as_array(a, "a", case.desc), "c": _as_array(c, "c", case.desc),
               "y": _as_array(y, "y", case.desc)}
        T_x = case.args[0].shape[2]
        ok = (isinstance(caches, (tuple, list)) and len(caches) == 2
              and isinstance(caches[0], (tuple, list)) and len(caches[0]) == T_x
              and all(isinstance(ch, (tuple, list)) and len(ch) == 10 for ch in caches[0]))
        if not ok:
            res["caches"] = _Bad(_Problem("count", got=_type_text(caches), want=2,
                                          what=f"caches = (list of {T_x} caches, x)"))
            return res
        for t, ch in enumerate(caches[0]):
            for i in range(9):
                piece = f"caches[0][{t}][{i}]"
                try:
                    res[piece] = _as_array(ch[i], piece, case.desc)
                except _Problem as p:
                    res[piece] = _Bad(p)
        try:
            res["caches[1] (x)"] = _as_array(caches[1], "caches[1] (x)", case.desc)
        except _Problem as p:
            res["caches[1] (x)"] = _Bad(p)
        return res

    def hint(self, piece):
        return "cache_layout" if piece.startswith("caches[0]") else None

    def mutants(self, case):
        flags = [("seq_a_not_carried", {"a_not_carried": True}),
                 ("seq_c_not_carried", {"c_not_carried": True}), ("seq_c0_a0", {"c0_a0": True}),
                 ("seq_first_x", {"first_x": True}), ("seq_store_prev", {"store_prev": True}),
                 ("seq_reversed", {"reversed_time": True})]
        return [(key, {}, (lambda *a, f=f: _seq_variant(*a, **f))) for key, f in flags]


class _Loss(_Spec):
    name = "compute_loss"

    def cases(self):
        out = []
        for seed, (m, T_x, n_y) in enumerate([(1, 1, 5), (1, 6, 4), (3, 1, 6), (3, 4, 5),
                                              (4, 7, 3)]):
            rng = np.random.default_rng(400 + seed)
            y_hat = _softmax(rng.standard_normal((n_y, m, T_x)) * 1.5)
            Y = rng.integers(0, n_y, size=(m, T_x))
            out.append(_Case(f"m={m}, T_x={T_x}, n_y={n_y}", (y_hat, Y), m=m, frozen=(0, 1)))
        return out

    def reference(self, *args):
        return _ref_compute_loss(*args)

    def pieces(self, out, case):
        if out is None:
            raise _Problem("returns_none", what=_word(WHAT, "number", self.lang))
        value = _as_array(out, "loss", case.desc)
        return {"loss": value.reshape(()) if value.size == 1 else value}

    def mutants(self, case):
        return [(key, {}, (lambda y, Y, how=how: _loss_variant(y, Y, how)))
                for key, how in [("loss_sum", "sum"), ("loss_original", "original"),
                                 ("loss_original", "sum_first"),
                                 ("loss_mean_t", "mean_t"), ("loss_mean_m", "mean_m"),
                                 ("loss_sign", "sign"), ("loss_log2", "log2"),
                                 ("loss_first_seq", "first"), ("loss_all_probs", "all")]]


class _CellBackward(_Spec):
    name = "lstm_cell_backward"
    KEYS = ("dbo", "dWo", "dbc", "dWc", "dbi", "dWi", "dbf", "dWf", "dc_prev", "da_prev", "dxt")

    def cases(self):
        out = []
        for seed, (m, n_a, n_x) in enumerate([(1, 3, 4), (1, 4, 2), (3, 3, 4), (4, 5, 6),
                                              (2, 2, 5)]):
            rng = np.random.default_rng(500 + seed)
            P = _random_parameters(rng, n_a, n_x, n_x)
            xt = rng.standard_normal((n_x, m))
            a_prev, c_prev = rng.standard_normal((n_a, m)) * 0.8, rng.standard_normal((n_a, m))
            da, dc = rng.standard_normal((n_a, m)), rng.standard_normal((n_a, m))
            out.append(_Case(f"m={m}, n_a={n_a}, n_x={n_x}", (da, dc, None), m=m,
                             frozen=(0, 1, 2), forward_args=(xt, a_prev, c_prev, P)))
        return out

    def prepare(self, case, forward):
        """Put the cache (from the reference forward, or the student's) into the case."""
        fa = copy.deepcopy(case.extra["forward_args"])
        ref_cache = _ref_lstm_cell_forward(*fa)[3]
        case.args = case.args[:2] + (ref_cache,)
        if forward is not None:
            with _quiet():
                out = forward(*copy.deepcopy(fa))
            case.forward_wrong = _forward_differs(out, _ref_lstm_cell_forward(*fa), (1, 0, 2))
            case.student_args = case.args[:2] + (out[3],)

    def finite_differences(self, forward, case, student):
        """Do the student's gradients agree with finite differences of its own forward?"""
        da, dc = case.args[0], case.args[1]
        targets = {"d" + w + g: (3, w + g) for g in "fico" for w in "Wb"}
        targets.update(dxt=(0, None), da_prev=(1, None), dc_prev=(2, None))
        return _fd_consistent(forward, case.extra["forward_args"],
                              lambda out: np.sum(da * out[0]) + np.sum(dc * out[1]),
                              targets, student)

    def reference(self, *args):
        return _ref_lstm_cell_backward(*args)

    def pieces(self, out, case):
        return _dict_pieces(out, self.KEYS, "gradients", _word(WHAT, "grads", self.lang), case)

    def mutants(self, case):
        flags = [("bwd_no_da_path", {"no_da_path": True}),
                 ("bwd_gate_tanh_deriv", {"gate_tanh_deriv": True}),
                 ("bwd_cand_sigmoid_deriv", {"cand_sigmoid_deriv": True}),
                 ("bwd_no_sigmoid_deriv", {"no_sigmoid_deriv": True}),
                 ("bwd_dot_no_tanh", {"dot_no_tanh": True}),
                 ("bwd_dcprev_no_ft", {"dcprev_no_ft": True}),
                 ("bwd_dcprev_no_da", {"dcprev_no_da": True}),
                 ("bwd_dft_cnext", {"dft_cnext": True}), ("bwd_swap_u_c", {"swap_u_c": True}),
                 ("bwd_db_no_keepdims", {"db_no_keepdims": True}),
                 ("bwd_db_no_sum", {"db_no_sum": True}), ("bwd_split", {"split": True}),
                 ("bwd_dW_T", {"dW_T": True}), ("bwd_sign", {"sign": True})]
        return [(key, {}, (lambda *a, f=f: _cell_bwd_variant(*a, **f))) for key, f in flags]


class _Backward(_Spec):
    name = "lstm_backward"
    KEYS = ("dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo", "da0", "dx")

    def cases(self):
        return [_Case(label, (rng.standard_normal(a0.shape + x.shape[2:]), None), m=m,
                      frozen=(0, 1), forward_args=(x, a0, P))
                for label, m, rng, P, x, a0 in _sequences(600)]

    def prepare(self, case, forward):
        fa = copy.deepcopy(case.extra["forward_args"])
        ref = _ref_lstm_forward(*fa)
        case.args = (case.args[0], ref[3])
        if forward is not None:
            with _quiet():
                out = forward(*copy.deepcopy(fa))
            case.forward_wrong = _forward_differs(out, ref, (0, 2, 1))
            case.student_args = (case.args[0], out[3])

    def finite_differences(self, forward, case, student):
        da = case.args[0]
        targets = {"d" + w + g: (2, w + g) for g in "fico" for w in "Wb"}
        targets.update(dx=(0, None), da0=(1, None))
        return _fd_consistent(forward, case.extra["forward_args"],
                              lambda out: np.sum(da * out[0]), targets, student)

    def reference(self, *args):
        return _ref_lstm_backward(*args)

    pieces = _CellBackward.pieces

    def mutants(self, case):
        flags = [("bptt_no_da_prev", {"no_da_prev": True}), ("bptt_no_da_t", {"no_da_t": True}),
                 ("bptt_no_dc", {"no_dc": True}), ("bptt_forward_order", {"forward_order": True}),
                 ("bptt_overwrite", {"overwrite": True}), ("bptt_mean_time", {"mean_time": True}),
                 ("bptt_da0_zero", {"da0_zero": True}), ("bptt_dx_zero", {"dx_zero": True})]
        return [(key, {}, (lambda *a, f=f: _bptt_variant(*a, **f))) for key, f in flags]


def _forward_differs(out, ref, order):
    """True if the student's forward output differs from the reference's (order: positions
    of a, c, y); _Problem("forward_wrong") if it is not even a 4-tuple with a cache."""
    if not isinstance(out, (tuple, list)) or len(out) != 4:
        raise _Problem("forward_wrong")
    for i in order:
        try:
            ok = _close(np.asarray(out[i], dtype=float), ref[i])
        except Exception:
            ok = False
        if not ok:
            return True
    return False


def _fd_consistent(forward, forward_args, loss, targets, student, eps=1e-6):
    """Central differences of loss(forward(*forward_args)) against the student's gradients.

    targets: gradient key -> (position of the argument, key in it or None)."""
    def value(args):
        with _quiet():
            return float(loss(forward(*copy.deepcopy(args))))
    try:
        for key, (pos, sub) in targets.items():
            got = student.get(key)
            work = list(copy.deepcopy(forward_args))
            arr = work[pos] if sub is None else work[pos][sub]
            if got is None or isinstance(got, _Bad) or got.shape != arr.shape:
                return False
            numeric = np.zeros(arr.shape)
            for idx in np.ndindex(arr.shape):
                old = arr[idx]
                arr[idx] = old + eps
                plus = value(work)
                arr[idx] = old - eps
                minus = value(work)
                arr[idx] = old
                numeric[idx] = (plus - minus) / (2 * eps)
            scale = np.linalg.norm(numeric) + np.linalg.norm(got)
            if scale and np.linalg.norm(numeric - got) / scale > 1e-5:
                return False
        return True
    except Exception:
        return False


class _Clip(_Spec):
    name = "clip"

    def cases(self):
        out = []
        for seed, (m, mx) in enumerate([(1, 5.0), (3, 1.0), (2, 0.5), (4, 2.0)]):
            rng = np.random.default_rng(700 + seed)
            shapes = {"dWf": (3, 7), "dbf": (3, 1), "dWy": (4, 3), "dby": (4, 1),
                      "dx": (4, m, 2), "da0": (3, m)}
            g = {k: rng.standard_normal(s) * mx * 2.5 for k, s in shapes.items()}
            out.append(_Case(f"maxValue={mx}, m={m}", (g, mx), m=m, frozen=(1,)))
        return out

    def reference(self, g, mx):
        return _ref_clip(g, mx)

    def pieces(self, out, case):
        return _dict_pieces(out, list(case.args[0]), "gradients",
                            _word(WHAT, "grads", self.lang), case)

    def mutants(self, case):
        return [(key, {}, (lambda g, mx, how=how: _clip_variant(g, mx, how)))
                for key, how in [("clip_upper", "upper"), ("clip_lower", "lower"),
                                 ("clip_zero", "zero"), ("clip_norm", "norm"),
                                 ("clip_lost", "lost"), ("clip_swapped", "swapped")]]

    def diagnose_extra(self, student, expected, case):
        """Some keys exactly unchanged, the others right: name the keys left out."""
        original = case.args[0]
        left = [k for k in original if not _close(student[k], expected[k])]
        if left and all(_close(student[k], original[k]) for k in left):
            return "clip_some", {"keys": ", ".join(left)}
        return None


class _Adam(_Spec):
    name = "update_parameters_with_adam"

    def cases(self):
        out = []
        settings = [(1, 0.01, None), (3, 0.01, None), (10, 0.05, None), (2, 0.02, (0.8, 0.99)),
                    (50, 0.01, None)]
        for seed, (t, lr, betas) in enumerate(settings):
            rng = np.random.default_rng(800 + seed)
            shapes = {"Wf": (3, 7), "bf": (3, 1), "Wy": (4, 3), "by": (4, 1)}
            P = {k: rng.standard_normal(s) for k, s in shapes.items()}
            g = {"d" + k: rng.standard_normal(s) for k, s in shapes.items()}
            g["da0"] = rng.standard_normal((3, 2))
            if t == 1:
                v = {k: np.zeros(s) for k, s in shapes.items()}
                s_ = {k: np.zeros(s) for k, s in shapes.items()}
            else:
                v = {k: rng.standard_normal(s) * 0.3 for k, s in shapes.items()}
                s_ = {k: rng.random(s) * 0.5 for k, s in shapes.items()}
            kwargs = {"learning_rate": lr}
            desc = f"t={t}, learning_rate={lr}"
            if betas:
                kwargs.update(beta1=betas[0], beta2=betas[1])
                desc += f", beta1={betas[0]}, beta2={betas[1]}"
            out.append(_Case(desc, (P, g, v, s_, t), kwargs, frozen=(1, 4)))
        return out

    def reference(self, *args, **kwargs):
        return _ref_adam(*args, **kwargs)

    def pieces(self, out, case):
        P, v, s = _need_tuple(out, 3, _word(WHAT, "p_v_s", self.lang))
        keys = list(case.args[0])
        res = {}
        for name, d in (("v", v), ("s", s), ("parameters", P)):
            res.update(_dict_pieces(d, keys, name, name, case, prefix=name))
        return res

    def mutants(self, case):
        hows = ["no_correction", "t1", "t_plus", "beta_t", "no_square", "factors", "betas",
                "sign", "no_sqrt", "store_corrected", "lr", "hyper"]
        return [("adam_" + how, {}, (lambda *a, how=how, **kw: _adam_variant(*a, how=how,
                                                                              **kw)))
                for how in hows]


class _TrainingStep(_Spec):
    name = "training_step"

    def cases(self):
        out = []
        settings = [(1, 1, 1, 5.0), (1, 4, 2, 0.05), (3, 5, 7, 5.0), (2, 3, 4, 0.02)]
        for seed, (m, T_x, t, clip_value) in enumerate(settings):
            rng = np.random.default_rng(900 + seed)
            n_a, n_x = 4, 5
            P = _random_parameters(rng, n_a, n_x, n_x)
            X = _one_hot(rng, n_x, m, T_x)
            Y = rng.integers(0, n_x, size=(m, T_x))
            a0 = rng.standard_normal((n_a, m)) * 0.5
            if t == 1:
                v = {k: np.zeros_like(p) for k, p in P.items()}
                s = {k: np.zeros_like(p) for k, p in P.items()}
            else:
                v = {k: rng.standard_normal(p.shape) * 0.01 for k, p in P.items()}
                s = {k: rng.random(p.shape) * 1e-4 for k, p in P.items()}
            lr = 0.01 if seed % 2 == 0 else 0.03
            out.append(_Case(f"m={m}, T_x={T_x}, t={t}, clip_value={clip_value}",
                             (X, Y, a0, P, v, s, t), {"learning_rate": lr,
                                                      "clip_value": clip_value},
                             m=m, frozen=(0, 1, 2, 6)))
        return out

    def reference(self, *args, **kwargs):
        return training_step(*args, **kwargs)

    def pieces(self, out, case):
        loss, P, v, s = _need_tuple(out, 4, _word(WHAT, "l_p_v_s", self.lang))
        res = _Loss.pieces(self, loss, case)
        res.update(_Adam.pieces(self, (P, v, s), _Case(case.desc, (case.args[3],))))
        return res

    def mutants(self, case):
        hows = ["no_clip", "sum_grads", "loss_after", "no_minus_one", "no_output_grads",
                "da_zero", "t1", "loss_sum"]
        return [("step_" + how, {}, (lambda *a, how=how, **kw: _step_variant(*a, how=how,
                                                                              **kw)))
                for how in hows]


# ================================================================ sample_top_k
class _RecordingGenerator:
    """A stand-in for np.random.Generator whose choice() records what it is given.

    It returns a candidate chosen by its rank in probability (a fixed sequence of ranks), so
    the path it makes depends on the student's distribution, not on the candidates' order.
    """

    def __init__(self, seed):
        self.calls = []
        self.returned = []
        self.problem = None
        self.other = None
        self._ranks = np.random.default_rng(seed)

    def choice(self, a, size=None, replace=True, p=None, axis=0, shuffle=True):
        cand = np.arange(int(a)) if np.ndim(a) == 0 else np.asarray(a).ravel()
        probs = (np.full(len(cand), 1.0 / len(cand)) if p is None
                 else np.asarray(p, dtype=float).ravel())
        self.calls.append((np.ndim(a) == 0, cand.copy(), probs.copy(), p is None))
        if probs.shape != cand.shape or not np.all(np.isfinite(probs)) or np.any(probs < 0):
            self.problem = ("dist", None)
            raise ValueError("probabilities are not valid")
        if abs(probs.sum() - 1.0) > 1e-6:
            self.problem = ("sum", probs.sum())
            raise ValueError("probabilities do not sum to 1")
        pos = np.flatnonzero(probs > 0)
        pos = pos[np.argsort(-probs[pos], kind="stable")]
        j = pos[int(self._ranks.integers(len(pos)))]
        value = cand[j]
        self.returned.append(int(value))
        if size is None:
            return value
        return np.full(size, value)

    def __getattr__(self, name):
        if name.startswith("_") or not hasattr(np.random.Generator, name):
            raise AttributeError(name)
        self.other = name
        raise AttributeError(f"this check's rng only has choice(), not {name}")


def _step_distribution(P, history, temperature, k, how=None):
    """The distribution the sampler draws from after reading `history` (indices, the priming
    character first), with one typical mistake `how` switched on (None: the right one)."""
    n_y, n_a = P["Wy"].shape
    n_x = P["Wf"].shape[1] - n_a
    a, c = np.zeros((n_a, 1)), np.zeros((n_a, 1))
    x = np.zeros((n_x, 1))
    for step, ix in enumerate(history):
        if how == "not_fed_back" and step > 0:
            ix = history[0]
        if how != "x_not_reset":
            x = np.zeros((n_x, 1))
        if not (how == "prime_ignored" and step == 0):
            x[ix] = 1.0
        if how == "state_not_carried":
            a, c = np.zeros((n_a, 1)), np.zeros((n_a, 1))
        if how == "c_not_carried":
            c = np.zeros((n_a, 1))
        a, c, y, _ = _ref_lstm_cell_forward(x, a, c, P)
    with np.errstate(divide="ignore"):
        logy = np.log(y.ravel())
    T = {"temp_after": 1.0, "temp_times": 1.0 / temperature}.get(how, temperature)
    p = _softmax(logy / T)
    kk = {"k_plus": k + 1, "k_minus": k - 1, "no_top_k": n_y}.get(how, k)
    if kk < 1 or kk > n_y:
        return None
    order = np.argsort(-p, kind="stable")
    top = order[-kk:] if how == "bottom_k" else order[:kk]
    q = np.zeros(n_y)
    q[top] = 1.0 / kk if how == "uniform" else p[top] / p[top].sum()
    return q


_SAMPLE_MISTAKES = ["temp_after", "temp_times", "k_plus", "k_minus", "bottom_k", "no_top_k",
                    "uniform", "prime_ignored", "state_not_carried", "c_not_carried",
                    "not_fed_back", "x_not_reset"]


def _contract_sample(P, char_to_ix, seed, temperature, k, rng, length):
    """The draw-order contract of the module docstring, written out."""
    n_y, n_a = P["Wy"].shape
    a, c = np.zeros((n_a, 1)), np.zeros((n_a, 1))
    ix, out = char_to_ix[seed], []
    for _ in range(length):
        x = np.zeros((P["Wf"].shape[1] - n_a, 1))
        x[ix] = 1.0
        a, c, y, _ = _ref_lstm_cell_forward(x, a, c, P)
        with np.errstate(divide="ignore"):
            p = _softmax(np.log(y.ravel()) / temperature)
        top = np.argsort(p)[-k:]                                 # the k most likely, ascending
        ix = int(rng.choice(top, p=p[top] / p[top].sum()))
        out.append(ix)
    return out


def _contract_sampler(parameters, char_to_ix, seed, temperature=1.0, k=5, *, rng=None,
                      length=300):
    """The contract with the student's signature (used while the package's sampler draws
    in another way)."""
    rng = np.random.default_rng() if rng is None else rng
    return _contract_sample(parameters, char_to_ix, seed, temperature, k, rng, length)


class _SampleSpec:
    name = "sample_top_k"
    VOCAB = "abcdefg "

    def __init__(self):
        rng = np.random.default_rng(1000)
        n = len(self.VOCAB)
        self.P = _random_parameters(rng, 5, n, n, scale=0.9)
        self.c2i = {ch: i for i, ch in enumerate(self.VOCAB)}


def _sample_call(fn, spec, seed, temperature, k, rng, length, pass_rng=True):
    """Call the student's sampler on copies of the inputs; they must not change."""
    kwargs = {"length": length}
    if pass_rng:
        kwargs["rng"] = rng
    P, c2i = copy.deepcopy(spec.P), dict(spec.c2i)
    try:
        return fn(P, c2i, seed, temperature, k, **kwargs)
    finally:
        case = f"seed={seed!r}, temperature={temperature}, k={k}, length={length}"
        _frozen_check((spec.P, spec.c2i), (P, c2i), ("parameters", "char_to_ix"), case)


def _as_indices(out, length, case, vocab_size):
    if out is None:
        raise _Problem("returns_none", what=f"list ({length})")
    if isinstance(out, str) or (isinstance(out, (list, tuple)) and out
                                and all(isinstance(o, str) for o in out)):
        raise _Problem("chars_not_indices", case=case)
    try:
        arr = np.asarray(out)
    except Exception:
        arr = None
    if arr is None or arr.ndim != 1 or (arr.size and arr.dtype.kind not in "iu"):
        raise _Problem("not_list", got=_type_text(out), n=length, case=case)
    if arr.size != length:
        if arr.size == 300 and length != 300:
            raise _Problem("length", got=arr.size, n=length, case=case, mistake="smp_length")
        raise _Problem("length", got=arr.size, n=length, case=case)
    if arr.size and (arr.min() < 0 or arr.max() >= vocab_size):
        raise _Problem("not_list", got=_type_text(out), n=length, case=case)
    return [int(i) for i in arr]


def _check_sample(fn, lang, spec):
    """Returns (number of cases, None) or raises _Problem / propagates the student's errors
    as (exception, case) through _StudentRaised."""
    P, c2i = spec.P, spec.c2i
    n_y = len(spec.VOCAB)
    n = 0
    # 1. recording generator: the student's distribution at every step, read exactly
    for j, (seed, T, k, length) in enumerate([("c", 1.0, 3, 12), ("a", 0.5, 5, 10),
                                              (" ", 2.0, 2, 10), ("e", 1.0, n_y, 8),
                                              ("b", 0.7, 4, 1)]):
        case = f"seed={seed!r}, temperature={T}, k={k}, length={length}"
        fake = _RecordingGenerator(1100 + j)
        out = _run_student(fn, case, _sample_call, fn, spec, seed, T, k, fake, length,
                           fake=fake)
        out = _as_indices(out, length, case, n_y)
        if not fake.calls:
            raise _Problem("named", mistake=("smp_other_rng", {"attr": fake.other})
                           if fake.other else ("smp_no_rng", {}))
        if len(fake.calls) != length:
            raise _Problem("draws", got=len(fake.calls), n=length, case=case)
        history = [c2i[seed]]
        for step, (positional, cand, probs, no_p) in enumerate(fake.calls):
            expected = _step_distribution(P, history, T, k)
            if positional:                       # rng.choice(k, p=...): compare sorted probs
                got = np.sort(probs)
                want = np.sort(expected[expected > 0])
            else:
                got = np.zeros(n_y)
                np.add.at(got, cand.astype(int) % n_y, probs)
                want = expected
            if not _close(got, want):
                mistake = None
                for how in _SAMPLE_MISTAKES:
                    alt = _step_distribution(P, history, T, k, how)
                    if alt is None or _close(alt, expected):
                        continue
                    alt_cmp = np.sort(alt[alt > 0]) if positional else alt
                    if alt_cmp.shape == got.shape and _close(alt_cmp, got):
                        mistake = ("smp_" + how, {})
                        break
                err = _max_err(got, want) if got.shape == want.shape else float("nan")
                raise _Problem("dist_wrong", step=step, case=case, err=_err_text(err),
                               mistake=mistake)
            returned = fake.returned[step]
            if positional:                       # the student indexes its candidates
                returned = out[step] if expected[out[step]] > 0 else -1
            if out[step] != returned:
                raise _Problem("not_drawn", step=step, case=case)
            history.append(out[step])
        n += 1
    # 2. k = 1 is greedy
    case = "seed='d', temperature=1.0, k=1, length=15"
    out = _run_student(fn, case, _sample_call, fn, spec, "d", 1.0, 1,
                       np.random.default_rng(5), 15)
    out = _as_indices(out, 15, case, n_y)
    history = [c2i["d"]]
    for step in range(15):
        best = int(np.argmax(_step_distribution(P, history, 1.0, n_y)))
        if out[step] != best:
            raise _Problem("greedy", step=step, case=case)
        history.append(best)
    n += 1
    # 3. a real Generator, and 4. rng=None: every character among the top k of its history
    for case, seed, T, k, length, pass_rng in [
            ("seed='f', temperature=0.8, k=3, length=30, rng=default_rng(6)", "f", 0.8, 3,
             30, True),
            ("seed='g', temperature=1.0, k=2, length=20, rng=None", "g", 1.0, 2, 20, False)]:
        out = _run_student(fn, case, _sample_call, fn, spec, seed, T, k,
                           np.random.default_rng(6), length, pass_rng)
        out = _as_indices(out, length, case, n_y)
        history = [c2i[seed]]
        for step in range(length):
            if _step_distribution(P, history, T, k)[out[step]] <= 0:
                raise _Problem("outside_top_k", step=step, case=case)
            history.append(out[step])
        n += 1
    # 5. the exact text with a seeded Generator (the draw-order contract)
    case = "seed='a', temperature=0.9, k=4, length=40, rng=default_rng(7)"
    want = _exact_reference(P, c2i, "a", 0.9, 4, 7, 40)
    out = _run_student(fn, case, _sample_call, fn, spec, "a", 0.9, 4,
                       np.random.default_rng(7), 40)
    out = _as_indices(out, 40, case, n_y)
    if out != want:
        step = next(i for i, (x, y) in enumerate(zip(out, want)) if x != y)
        raise _Problem("exact", step=step, case=case, mistake=("smp_order", {}))
    return n + 1


def _package_follows_contract():
    """Does lstm_np.sample_top_k draw with one rng.choice per character? Then it is the
    reference for the exact text; otherwise `_contract_sample` is."""
    from . import sampling
    spec = _SampleSpec()
    fake = _RecordingGenerator(0)
    try:
        with _quiet():
            out = sampling.sample_top_k(spec.P, spec.c2i, "a", temperature=1.0, k=3, rng=fake,
                                        length=5)
        return len(fake.calls) == 5 and len(out) == 5
    except Exception:
        return False


def _exact_reference(P, c2i, seed, T, k, rng_seed, length):
    if _package_follows_contract():
        from . import sampling
        with _quiet():
            return [int(i) for i in sampling.sample_top_k(
                copy.deepcopy(P), dict(c2i), seed, temperature=T, k=k,
                rng=np.random.default_rng(rng_seed), length=length)]
    return _contract_sample(P, c2i, seed, T, k, np.random.default_rng(rng_seed), length)


# ================================================================ running the student's code
class _StudentRaised(Exception):
    def __init__(self, exc, case, not_done=False):
        super().__init__(case)
        self.exc, self.case, self.not_done = exc, case, not_done


def _run_student(fn, case_desc, call, *args, fake=None, **kwargs):
    try:
        with _quiet():
            return call(*args, **kwargs)
    except NotImplementedError as exc:
        raise _StudentRaised(exc, case_desc, not_done=True)
    except _Problem:
        raise
    except (Exception, SystemExit) as exc:
        if fake is not None and fake.problem is not None:
            kind, total = fake.problem
            if kind == "sum":
                raise _Problem("named", mistake=("smp_not_renormalised",
                                                 {"total": f"{total:.3g}"}))
        if fake is not None and fake.other is not None:
            raise _Problem("named", mistake=("smp_other_rng", {"attr": fake.other}))
        raise _StudentRaised(exc, case_desc)


def _frozen_check(before, after, names, case_desc):
    for b, a, name in zip(before, after, names):
        if not _same(b, a):
            raise _Problem("mutated", arg=name, case=case_desc)


SPECS = {s.name: s for s in (_Sigmoid(), _Softmax(), _CellForward(), _Forward(), _Loss(),
                             _CellBackward(), _Backward(), _Clip(), _Adam(), _TrainingStep())}
NAMES = ("sigmoid", "softmax", "lstm_cell_forward", "lstm_forward", "compute_loss",
         "lstm_cell_backward", "lstm_backward", "clip", "update_parameters_with_adam",
         "sample_top_k", "training_step")

ARG_NAMES = {
    "sigmoid": ("x",), "softmax": ("x",),
    "lstm_cell_forward": ("xt", "a_prev", "c_prev", "parameters"),
    "lstm_forward": ("x", "a0", "parameters"), "compute_loss": ("y_hat", "Y"),
    "lstm_cell_backward": ("da_next", "dc_next", "cache"), "lstm_backward": ("da", "caches"),
    "clip": ("gradients", "maxValue"),
    "update_parameters_with_adam": ("parameters", "gradients", "v", "s", "t"),
    "training_step": ("X", "Y", "a0", "parameters", "v", "s", "t"),
}


def reference(name):
    """The package's function that `check(name, ...)` compares with."""
    from . import backward, forward, optim, sampling
    table = {"sigmoid": _sigmoid, "softmax": _softmax,
             "lstm_cell_forward": forward.lstm_cell_forward, "lstm_forward": forward.lstm_forward,
             "compute_loss": backward.compute_loss,
             "lstm_cell_backward": backward.lstm_cell_backward,
             "lstm_backward": backward.lstm_backward, "clip": optim.clip,
             "update_parameters_with_adam": optim.update_parameters_with_adam,
             "sample_top_k": (sampling.sample_top_k if _package_follows_contract()
                              else _contract_sampler),
             "training_step": training_step}
    if name in ("sigmoid", "softmax"):
        from . import activations
        return getattr(activations, name)
    return table[name]


def _pieces_or_problem(spec, out, case):
    try:
        return spec.pieces(out, case), None
    except _Problem as p:
        return None, p
    except Exception:                       # an answer too odd to read
        return None, _Problem("not_array", "output", got=_type_text(out), case=case.desc)


def _first_wrong(student, expected, case):
    """(piece, problem) for the first piece that differs, or None."""
    for piece, want in expected.items():
        got = student.get(piece)
        if isinstance(got, _Bad):
            return piece, got.problem
        if got is None:
            return piece, _Problem("missing_key", where="", key=piece)
        if got.shape != want.shape:
            return piece, _Problem("shape", piece, got=_shape_text(got.shape),
                                   want=_shape_text(want.shape), case=case.desc)
        if not _close(got, want):
            if not np.all(np.isfinite(got)):
                return piece, _Problem("nonfinite", piece, case=case.desc)
            return piece, _Problem("wrong", piece, err=_err_text(_max_err(got, want)),
                                   case=case.desc)
    return None


def _variant_pieces(spec, variant, case):
    args, kwargs = case.fresh()
    try:
        with _quiet():
            alt, _ = _pieces_or_problem(spec, variant(*args, **kwargs), case)
    except Exception:
        return None
    return alt


def _agree(a, b, keys):
    return all(k in a and k in b and not isinstance(a[k], _Bad) and not isinstance(b[k], _Bad)
               and _close(a[k], b[k]) for k in keys)


def _diagnose(spec, case, student, expected, passed):
    """The first typical mistake whose result the student's answer reproduces on this case,
    and which, like the student's function, is right on the cases already passed."""
    keys = [k for k in (spec.primary or tuple(expected)) if k in expected]
    for i, (key, fmt, variant) in enumerate(spec.mutants(case)):
        alt = _variant_pieces(spec, variant, case)
        if alt is None or _agree(alt, expected, keys) or not _agree(student, alt, keys):
            continue
        ok = True
        for earlier, earlier_expected in passed:
            variant_then = spec.mutants(earlier)[i][2]
            alt_then = _variant_pieces(spec, variant_then, earlier)
            if alt_then is None or not _agree(alt_then, earlier_expected, keys):
                ok = False
                break
        if ok:
            return key, fmt
    extra = getattr(spec, "diagnose_extra", None)
    return extra(student, expected, case) if extra else None


def _verdict(name, lang, problem):
    fmt = dict(problem.fmt)
    mistake = fmt.pop("mistake", None)
    piece = problem.piece
    if problem.key == "named":
        key, mfmt = mistake
        return f"✗ {name}: " + MISTAKES[key][lang].format(**mfmt)
    if piece is not None:
        fmt["piece"] = _word(PIECES, piece, lang)
    line = _say(problem.key, lang, name=name, **fmt)
    if mistake is not None:
        key, mfmt = mistake if isinstance(mistake, tuple) else (mistake, {})
        line += _say("likely", lang, mistake=MISTAKES[key][lang].format(**mfmt))
    elif problem.key in ("wrong", "nonfinite", "shape") and piece is not None:
        line += _say("no_match", lang, piece=_word(PIECES, piece, lang))
    return line


def _check_generic(spec, fn, lang, forward):
    cases = spec.cases()
    m1_passed = False
    passed = []                               # (case, expected pieces) already right
    for case in cases:
        prepare = getattr(spec, "prepare", None)
        if prepare is not None:
            try:
                prepare(case, forward)
            except NotImplementedError as exc:
                raise _StudentRaised(exc, case.desc, not_done=True)
            except _Problem as p:
                p.fmt.setdefault("case", case.desc)
                raise p
            except (Exception, SystemExit):
                raise _Problem("forward_wrong", case=case.desc)
        expected_out = spec.reference(*case.fresh()[0], **case.fresh()[1])
        expected, _ = _pieces_or_problem(spec, expected_out, case)
        args, kwargs = case.fresh()
        if hasattr(case, "student_args"):
            args = copy.deepcopy(case.student_args)
        before = copy.deepcopy(args)
        try:
            out = _run_student(fn, case.desc, fn, *args, **kwargs)
        except _StudentRaised as raised:
            if not raised.not_done and m1_passed and case.m > 1:
                raised.hint_m1 = True
            raise
        for i in case.frozen:
            if not _same(before[i], args[i]):
                raise _Problem("mutated", arg=ARG_NAMES[spec.name][i], case=case.desc)
        student, problem = _pieces_or_problem(spec, out, case)
        if getattr(case, "forward_wrong", False):
            if problem is None and spec.finite_differences(forward, case, student):
                raise _Problem("own_forward", case=case.desc)
            raise _Problem("forward_wrong", case=case.desc)
        if problem is not None:
            raise problem
        wrong = _first_wrong(student, expected, case)
        if wrong is not None:
            piece, problem = wrong
            if problem.key in ("wrong", "nonfinite", "shape"):
                mistake = _diagnose(spec, case, student, expected, passed)
                if mistake is None and spec.hint(piece):
                    mistake = (spec.hint(piece), {})
                if mistake is not None:
                    problem.fmt["mistake"] = mistake
            raise problem
        if case.m == 1:
            m1_passed = True
        passed.append((case, expected))
    return len(cases)


def check(name, fn, lang="es", *, forward=None):
    """Check the student's function `fn` for exercise `name`; print one verdict; return bool.

    Parameters
    ----------
    name : str, one of `NAMES`.
    fn : the student's function, with the original notebook's signature (module docstring).
    lang : "es" or "en", the language of the verdict.
    forward : optional, for "lstm_cell_backward" and "lstm_backward": the student's own
        forward function (lstm_cell_forward or lstm_forward), used to make the caches given to
        `fn`. If it gives other results than the package's forward, the verdict says so, and
        a finite-difference check of that forward (L = sum(da * a) [+ sum(dc * c)]) tells
        whether `fn` at least agrees with it: "your gradients agree with your own forward,
        but that forward is wrong" or "the forward you passed gives another result".

    Returns
    -------
    True if `fn` is right on every case, False otherwise. Never raises.
    """
    lang = lang if lang in ("es", "en") else "en"
    try:
        ok, line = _check(name, fn, lang, forward)
    except Exception as exc:                           # a bug of the checker itself
        ok, line = False, _say("internal", lang, name=name, exc=_exc_text(exc))
    print(line)
    return ok


def _check(name, fn, lang, forward):
    if name not in NAMES:
        return False, _say("unknown", lang, name=name, names=", ".join(NAMES))
    if not callable(fn):
        return False, _say("not_callable", lang, name=name, got=_type_text(fn))
    try:
        if name == "sample_top_k":
            n = _check_sample(fn, lang, _SampleSpec())
        else:
            spec = SPECS[name]
            spec.lang = lang
            n = _check_generic(spec, fn, lang, forward)
    except _StudentRaised as raised:
        if raised.not_done:
            return False, _say("not_done", lang, name=name)
        line = _say("raised", lang, name=name, exc=_exc_text(raised.exc), case=raised.case)
        if getattr(raised, "hint_m1", False):
            line += MESSAGES["raised_m1"][lang]
        return False, line
    except _Problem as problem:
        return False, _verdict(name, lang, problem)
    return True, _say("passed", lang, name=name, n=n)


def use(name, fn, lang="es", passed=None):
    """The function the next cells should use: `fn` if it is right, else the package's.

    Parameters
    ----------
    name, fn, lang : as for `check`.
    passed : bool or None. The result of an earlier ``check(name, fn, lang)``; when None,
        `check` is run here (and prints its verdict).

    Prints one line saying which function the next cells use, and returns it.
    """
    lang = lang if lang in ("es", "en") else "en"
    if passed is None:
        passed = check(name, fn, lang)
    if passed:
        print(_say("use_own", lang, name=name))
        return fn
    print(_say("use_ref", lang, name=name))
    return reference(name)
