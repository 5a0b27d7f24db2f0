"""Verdicts that must name the real problem (each of these misled a tester once).

- a dict without a key, a cache of the wrong length: the key or the length is named (it was
  "the checker could not finish (TypeError: ... multiple values for argument 'key')");
- a loss returned as a one-element array is refused (the next lesson cell crashed on it);
- a sampler that warms up on the last priming character only is caught (a longer prime);
- a wrong value in a cache entry names that entry, not "the cache must be (...) in this
  order"; a training_step that returns its values in another order is told so;
- the mistakes students make that were "no typical mistake" are named;
- clip and Adam work in place, as their docstrings in lesson 04 say;
- a function that loops forever gets a verdict after the time limit.
"""
import time

import numpy as np
import pytest

from helpers import written_here
from lstm_np import exercises as ex
from lstm_np.i18n import in_language
from lstm_np.core.activations import sigmoid, softmax
from lstm_np.core.backward import compute_loss, lstm_backward, lstm_cell_backward
from lstm_np.core.forward import lstm_cell_forward, lstm_forward
from lstm_np.core.optim import clip, update_parameters_with_adam



def run(capsys, name, fn, lang="en", **kwargs):
    ok = ex.check(name, fn, lang, **kwargs)
    lines = capsys.readouterr().out.strip().split("\n")
    assert len(lines) == 1, lines
    return ok, lines[0]


def mistake_text(key, lang="en"):
    return in_language(ex.MISTAKES[key], lang).split("{")[0]


# ------------------------------------------------------------------ unreadable answers
def test_a_missing_gradient_key_is_named(capsys):
    def without_dWf(da_next, dc_next, cache):
        g = lstm_cell_backward(da_next, dc_next, cache)
        del g["dWf"]
        return g
    for lang, words in (("en", "has no key 'dWf'"), ("es", "le falta la clave 'dWf'")):
        ok, line = run(capsys, "lstm_cell_backward", without_dWf, lang)
        assert not ok and words in line, line
        assert "could not finish" not in line and "no pudo terminar" not in line


def test_a_missing_key_of_lstm_backward_is_named(capsys):
    def without_da0(da, caches):
        g = lstm_backward(da, caches)
        del g["da0"]
        return g
    ok, line = run(capsys, "lstm_backward", without_da0)
    assert not ok and "has no key 'da0'" in line, line


def test_a_cache_of_the_wrong_length_is_named(capsys):
    def short_cache(xt, a_prev, c_prev, parameters):
        a, c, y, cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)
        return a, c, y, cache[:9]
    ok, line = run(capsys, "lstm_cell_forward", short_cache)
    assert not ok and "could not finish" not in line, line
    assert "cache" in line and "tuple (9)" in line and "10" in line, line


def test_caches_of_the_wrong_length_are_named(capsys):
    def short_caches(x, a0, parameters):
        a, y, c, (cells, xx) = lstm_forward(x, a0, parameters)
        return a, y, c, ([cell[:9] for cell in cells], xx)
    ok, line = run(capsys, "lstm_forward", short_caches)
    assert not ok and "could not finish" not in line and "caches" in line, line


def test_a_loss_as_a_one_element_array_is_refused(capsys):
    ok, line = run(capsys, "compute_loss", lambda y_hat, Y: np.array([compute_loss(y_hat, Y)]))
    assert not ok and "shape (1,)" in line and "float" in line, line
    ok, line = run(capsys, "compute_loss", lambda y_hat, Y: np.float64(compute_loss(y_hat, Y)))
    assert ok, line


def test_training_step_with_a_one_element_loss_is_refused(capsys):
    def step(*args, **kwargs):
        loss, P, v, s = ex.training_step(*args, **kwargs)
        return np.array([[loss]]), P, v, s
    ok, line = run(capsys, "training_step", step)
    assert not ok and "shape (1, 1)" in line, line


def test_training_step_in_another_order_is_told_so(capsys):
    def step(*args, **kwargs):
        loss, P, v, s = ex.training_step(*args, **kwargs)
        return P, v, s, loss
    for lang, words in (("en", "in this order"), ("es", "en este orden")):
        ok, line = run(capsys, "training_step", step, lang)
        assert not ok and words in line and "loss, parameters, v, s" in line, line
        assert "the loss is dict" not in line and "la pérdida es dict" not in line


def test_a_wrong_value_in_a_cache_entry_names_the_entry(capsys):
    def bad_gate_in_cache(xt, a_prev, c_prev, parameters):
        a, c, y, cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)
        cache = cache[:4] + (cache[4] * 1.1,) + cache[5:]
        return a, c, y, cache
    ok, line = run(capsys, "lstm_cell_forward", bad_gate_in_cache)
    assert not ok and "cache[4] (Γ_f) is wrong" in line, line
    assert "in this order" not in line and mistake_text("cache_values") in line, line


def test_the_cache_in_another_order_is_still_named(capsys):
    def swapped(xt, a_prev, c_prev, parameters):
        a, c, y, cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)
        return a, c, y, cache[:4] + (cache[5], cache[4]) + cache[6:]
    ok, line = run(capsys, "lstm_cell_forward", swapped)
    assert not ok and mistake_text("cache_layout") in line, line


# ------------------------------------------------------------------ the longer prime
def sampler(last_only=False, as_space=False):
    def sample_top_k(parameters, char_to_ix, seed, temperature=1.0, k=5, *, length=300,
                     rng=None):
        n_y, n_a = parameters["Wy"].shape
        rng = np.random.default_rng() if rng is None else rng
        a, c = np.zeros((n_a, 1)), np.zeros((n_a, 1))
        prime = seed[-1:] if last_only else seed
        if as_space:                              # the original: char_to_ix[seed], else " "
            prime = seed if seed in char_to_ix else " "
        for ch in prime:
            x = np.zeros((n_y, 1))
            x[char_to_ix[ch]] = 1
            a, c, y_hat, _ = lstm_cell_forward(x, a, c, parameters)
        out = []
        for _ in range(length):
            logits = np.log(y_hat.ravel()) / temperature
            p = np.exp(logits - logits.max())
            p /= p.sum()
            top = np.argsort(p)[-k:]
            choice = int(rng.choice(top, p=p[top] / p[top].sum()))
            out.append(choice)
            x = np.zeros((n_y, 1))
            x[choice] = 1
            a, c, y_hat, _ = lstm_cell_forward(x, a, c, parameters)
        return out
    return sample_top_k


def test_the_lessons_sampler_passes(capsys):
    ok, line = run(capsys, "sample_top_k", sampler())
    assert ok, line


def test_a_sampler_warming_up_on_the_last_priming_character_is_caught(capsys):
    ok, line = run(capsys, "sample_top_k", sampler(last_only=True))
    assert not ok and mistake_text("smp_prime_last") in line, line


def test_the_originals_space_for_a_longer_prime_is_named(capsys):
    for lang in ("es", "en"):
        ok, line = run(capsys, "sample_top_k", sampler(as_space=True), lang)
        assert not ok and mistake_text("smp_prime_as_space", lang) in line, line


# ------------------------------------------------------------------ mistakes now named
def cell_forward_ot_tanh(xt, a_prev, c_prev, P):
    concat = np.concatenate((a_prev, xt))
    ft, it = sigmoid(P["Wf"] @ concat + P["bf"]), sigmoid(P["Wi"] @ concat + P["bi"])
    cct = np.tanh(P["Wc"] @ concat + P["bc"])
    c = ft * c_prev + it * cct
    ot = np.tanh(P["Wo"] @ concat + P["bo"])
    a = ot * np.tanh(c)
    return a, c, softmax(P["Wy"] @ a + P["by"]), (a, c, a_prev, c_prev, ft, it, cct, ot, xt, P)


def forward_x_prev(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a, c, y = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
    a_next, c_next, caches = a0, np.zeros((n_a, m)), []
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t - 1], a_next, c_next,
                                                      parameters)
        a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
        caches.append(cache)
    return a, y, c, (caches, x)


def cell_backward_with(mistake):
    def backward(da_next, dc_next, cache):
        a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, P = cache
        n_a = a_next.shape[0]
        tc = np.tanh(c_next)
        dc = dc_next + da_next * ot * (1 - tc ** 2)
        dot = da_next * tc * ot * (1 - ot)
        dcct = dc * it * ((1 - cct) if mistake == "cand_linear" else (1 - cct ** 2))
        dit = dc * cct * it * (1 - it)
        dft = dc * c_prev * ft * (1 - ft)
        if mistake == "swap_fi":
            dft, dit = dit, dft
        concat = np.concatenate((a_prev, xt))
        dconcat = P["Wf"].T @ dft + P["Wi"].T @ dit + P["Wc"].T @ dcct + P["Wo"].T @ dot
        if mistake == "swap_fi":              # only the weights' gradients are swapped
            dconcat = (P["Wf"].T @ dit + P["Wi"].T @ dft + P["Wc"].T @ dcct
                       + P["Wo"].T @ dot)
        dc_prev = dc * ft * (ot if mistake == "dcprev_ot" else 1)
        g = {"dxt": dconcat[n_a:], "da_prev": dconcat[:n_a], "dc_prev": dc_prev}
        for name, dz in (("f", dft), ("i", dit), ("c", dcct), ("o", dot)):
            g["dW" + name] = dz @ concat.T
            g["db" + name] = dz.sum(axis=1, keepdims=True)
        return g
    return backward


def adam_with(mistake):
    def adam(parameters, gradients, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
             epsilon=1e-8):
        tt = t - 1 if mistake == "t_minus" else t
        for key in parameters:
            g = gradients["d" + key]
            v[key] *= beta1
            v[key] += (1 - beta1) * g
            s[key] *= beta2
            s[key] += (1 - beta2) * g ** 2
            v_hat, s_hat = v[key] / (1 - beta1 ** tt), s[key] / (1 - beta2 ** tt)
            if mistake == "eps_sqrt":
                parameters[key] -= learning_rate * v_hat / np.sqrt(s_hat + epsilon)
            else:
                parameters[key] -= learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)
        return parameters, v, s
    return adam


def step_clip_before_dWy(X, Y, a0, parameters, v, s, t, learning_rate=0.01, clip_value=0.2):
    from lstm_np.core.backward import output_layer_backward
    a, y_hat, c, caches = lstm_forward(X, a0, parameters)
    loss = compute_loss(y_hat, Y)
    out = output_layer_backward(y_hat, Y, a, parameters)
    gradients = clip(lstm_backward(out["da"], caches), clip_value)
    gradients["dWy"], gradients["dby"] = out["dWy"], out["dby"]
    update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate)
    return loss, parameters, v, s


NEW_MISTAKES = [
    ("lstm_cell_forward", "fwd_ot_tanh", cell_forward_ot_tanh),
    ("lstm_forward", "seq_x_prev", forward_x_prev),
    ("lstm_cell_backward", "bwd_cand_one_minus", cell_backward_with("cand_linear")),
    ("lstm_cell_backward", "bwd_swap_fi", cell_backward_with("swap_fi")),
    ("lstm_cell_backward", "bwd_dcprev_ot", cell_backward_with("dcprev_ot")),
    ("update_parameters_with_adam", "adam_eps_sqrt", adam_with("eps_sqrt")),
    ("update_parameters_with_adam", "adam_t_minus", adam_with("t_minus")),
    ("training_step", "step_clip_before_dWy", step_clip_before_dWy),
]


@pytest.mark.parametrize("lang", ("es", "en"))
@pytest.mark.parametrize("name,key,fn", NEW_MISTAKES, ids=[k for _, k, _ in NEW_MISTAKES])
def test_the_mistakes_students_make_are_named(capsys, name, key, fn, lang):
    ok, line = run(capsys, name, fn, lang)
    assert not ok and line.startswith(f"✗ {name}: ")
    assert mistake_text(key, lang) in line, line


# ------------------------------------------------------------------ in place
def test_clip_and_adam_work_in_place_as_their_docstrings_say(capsys):
    def clip_copy(gradients, maxValue):
        return {k: np.clip(g, -maxValue, maxValue) for k, g in gradients.items()}

    def adam_copy(parameters, gradients, v, s, t, learning_rate=0.01, beta1=0.9,
                  beta2=0.999, epsilon=1e-8):
        P, V, S = ({k: x.copy() for k, x in d.items()} for d in (parameters, v, s))
        return update_parameters_with_adam(P, gradients, V, S, t, learning_rate, beta1, beta2,
                                           epsilon)
    for lang, words in (("en", "in place"), ("es", "sobre el mismo arreglo")):
        ok, line = run(capsys, "clip", clip_copy, lang)
        assert not ok and words in line, line
        ok, line = run(capsys, "update_parameters_with_adam", adam_copy, lang)
        assert not ok and words in line, line
    assert run(capsys, "clip", written_here(clip))[0]
    assert run(capsys, "update_parameters_with_adam", adam_with(None))[0]


# ------------------------------------------------------------------ the time limit
def test_a_function_that_never_ends_gets_a_verdict(capsys):
    def forever(x):
        while True:
            pass
    def forever_too(x):
        while True:
            pass
    start = time.perf_counter()
    for lang, words, fn in (("en", "1 s", forever), ("es", "1 s", forever_too)):
        ok, line = run(capsys, "sigmoid", fn, lang, time_limit=1.0)
        assert not ok and words in line and "x.shape=(5, 1)" in line, line
    assert time.perf_counter() - start < 10
    assert run(capsys, "sigmoid", written_here(sigmoid))[0]   # the limit is gone afterwards


def test_a_check_that_timed_out_is_not_waited_for_again(capsys):
    """The graded test cell, then the notebook's use(): the second waits for nothing."""
    calls = []

    def forever(x):
        calls.append(1)
        while True:
            pass
    assert not run(capsys, "sigmoid", forever, "es", time_limit=1.0)[0]
    assert ex.use("sigmoid", forever, "es") is ex.reference("sigmoid")
    out = capsys.readouterr().out.strip().split("\n")
    assert out[0] == ("✗ sigmoid: ya se detuvo tras 1 s sin respuesta; no se vuelve a probar "
                      "hasta que ejecutes de nuevo su celda"), out
    assert ex.use("sigmoid", forever, "en", passed=None) is ex.reference("sigmoid")
    assert "already stopped after 1 s" in capsys.readouterr().out
    assert len(calls) == 1
    assert run(capsys, "sigmoid", written_here(sigmoid))[0]     # another function: checked


def test_without_sigalrm_a_timer_thread_stops_the_check(capsys, monkeypatch):
    """The way Windows gets its time limit (no SIGALRM there): a timer thread interrupts
    the main thread, and the interrupt becomes the same verdict."""
    from lstm_np.exercises import student
    original = student.time_limit
    monkeypatch.setattr(ex.engine, "limited", lambda seconds: original(seconds, alarm=False))

    def forever(x):
        while True:
            pass
    ok, line = run(capsys, "sigmoid", forever, "es", time_limit=1.0)
    assert not ok and "detenido tras 1 s" in line, line
    assert run(capsys, "sigmoid", written_here(sigmoid))[0]


def test_one_value_is_said_in_the_singular(capsys):
    """"debe tener 1 valores" / "must hold 1 values" read wrong: a one-step sequence has one
    cache, and the verdict says so in the singular."""
    def caches_as_a_bare_list(x, a0, parameters):
        a, y, c, (caches, x_) = written_here(ex.reference("lstm_forward"))(x, a0, parameters)
        return a, y, c, ([caches[0][:9]], x_) if x.shape[2] == 1 else (caches, x_)
    for lang, words in (("es", "debe tener 10 valores"), ("en", "it must hold 10 values")):
        ok, line = run(capsys, "lstm_forward", caches_as_a_bare_list, lang)
        assert not ok and words in line, line

    def no_caches(x, a0, parameters):
        a, y, c, (caches, x_) = written_here(ex.reference("lstm_forward"))(x, a0, parameters)
        return a, y, c, ([], x_)
    for lang, words in (("es", "debe tener 1 valor:"), ("en", "it must hold 1 value:")):
        ok, line = run(capsys, "lstm_forward", no_caches, lang)
        assert not ok and words in line, line
    for lang, words in (("es", "la caché debe ser"), ("en", "the cache must be")):
        assert in_language(ex.MISTAKES["cache_layout"], lang).startswith(words)
