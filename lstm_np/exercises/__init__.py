"""Checking the functions a student writes: one verdict per function, in Spanish or English.

In the exercise notebooks the student writes the functions of the original notebook
(``sigmoid``, ``lstm_cell_forward``, ...) and then runs, for example,

    >>> ok = check("lstm_cell_forward", lstm_cell_forward, LANG)       # doctest: +SKIP
    ✓ lstm_cell_forward: correcto en 7 casos

`check(name, fn, lang="es")` calls ``fn`` on several random cases (fixed seeds, float64,
m = 1 and m > 1, T_x = 1 and longer), compares what it returns with the package's own
function, prints ONE line and returns True (correct) or False. It never raises and never
shows the package's code. The line says one of:

- correct:          ``✓ NAME: correct on N cases`` / ``✓ NAME: correcto en N casos``;
- not done yet:     the function still raises NotImplementedError (the blank), or it is
                    None: the student's cell did not define it (emptied, commented out, a
                    syntax error), as the notebooks pass ``globals().get("sigmoid")``;
- not yours:        the package's own function (``from lstm_np import sigmoid``, or any
                    function defined inside lstm_np) is refused, never graded;
- raised:           the exception (type and message) and the case (the sizes) that raised it;
- wrong:            which output is wrong (a shape, a gate, c, a, y, a gradient key, Adam's
                    moments or the step), how far off it is, and the likely mistake, found by
                    running a catalogue of typical mistakes (small variants of the correct
                    code, in `variants.py`) on the same case and seeing which one the
                    student's result matches;
- also:             returns None, the wrong number of values, NaN, changes an input it must
                    not change.

What the student's function prints while it is checked is hidden, so that the verdict is one
stable line (nbval compares it). Call the function yourself to see its prints. A check that
takes longer than `TIME_LIMIT` seconds (30) is stopped and says so, in the student's
language (see `student.time_limit`); the same function is not run again by a later `check` or
`use` of that name (the verdict says it was already stopped).

`use(name, fn, lang="es", passed=None)` returns ``fn`` if it passes (or if ``passed`` is
True) and otherwise the package's function, printing one line that says so; later cells of
an exercise notebook then always run:

    >>> lstm_forward = use("lstm_forward", globals().get("lstm_forward"), LANG)  # doctest: +SKIP

(`globals().get`: None when the student's cell did not define the function; the student
notebooks bind none of these names before the student's cell does).

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
- ``clip(gradients, maxValue) -> gradients``, clipping in place (the dict given holds the
  clipped arrays afterwards, as the docstring in lesson 04 says);
- ``update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate=0.01,
  beta1=0.9, beta2=0.999, epsilon=1e-8) -> parameters, v, s``, in place (parameters, v
  and s given hold the new values); the gradients must not change;
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

  The package's version is `training_step` here, around `lstm_np.engine.train.faithful_update`;
- ``sample_top_k(parameters, char_to_ix, seed, temperature=1.0, k=5, *, rng=None,
  length=300) -> list of length int indices``; seed is the priming text (one or more
  characters).

The draw-order contract of sample_top_k
---------------------------------------
The sampler first reads every character of the priming text ``seed`` through
`lstm_cell_forward` (a and c start at zeros and are carried from step to step). At each of
the ``length`` steps it then takes the distribution p = softmax(log(y) / temperature),
keeps the k most likely characters, renormalises, and draws ONE character with ONE call
``rng.choice(top_k_indices, p=top_k_probs)`` where ``top_k_indices = np.argsort(p)[-k:]``
(the original notebook's order: the k most likely, least likely of them first). The drawn
index is appended and fed back as the next input. ``rng=None`` means a fresh
``np.random.default_rng()``. With this order and a seeded Generator the text is exactly that
of the package's `lstm_np.sample_top_k` (a test checks that the package keeps this order).

Most checks do not depend on that order: a recording generator, whose ``choice`` notes the
candidates and probabilities it is given and returns a candidate chosen by rank, reads the
student's distribution at every step exactly; that distribution is compared with the one the
reference cell gives after the student's own history; with k = 1 the text must be the greedy
one; with a real Generator every drawn index must be among the top k. Only the last check
compares the exact text with a seeded Generator (then the order matters).

The package, one module per part:

- `messages`: the bilingual verdict lines and the catalogue of typical mistakes;
- `variants`: the typical mistakes, written as variants of the taught functions;
- `answers`: reading an answer into pieces, and the Problem that names what is wrong;
- `spec`: what one function's check is made of (its cases, its Spec);
- `checks_forward`, `checks_backward`, `checks_update`: one Spec per function;
- `sampler`: the check of sample_top_k, which draws at random;
- `student`: running the student's code (prints hidden, time limited);
- `engine`: `check`, `use`, `reference`.
"""
from .checks_update import training_step
from .engine import NAMES, TIME_LIMIT, check, reference, use
from .messages import MESSAGES, MISTAKES

__all__ = ["check", "use", "reference", "training_step", "NAMES", "MESSAGES", "MISTAKES",
           "TIME_LIMIT"]
