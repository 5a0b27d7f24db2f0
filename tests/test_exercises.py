"""lstm_np.exercises.check: the verdicts a student gets for the functions they write.

- the package's functions and the original notebook's own versions pass;
- typical mistakes, each written as a small variant of the correct code, are rejected and the
  verdict names the mistake, in Spanish and in English;
- a blank (NotImplementedError), None, a wrong shape, NaN, an exception, a changed input:
  False and a fitting line, never an exception;
- the verdict is one line, the same every run.
"""
import re

import numpy as np
import pytest

from helpers import written_here
from lstm_np import exercises as ex
from lstm_np.i18n import in_language, translation
from lstm_np.core.activations import sigmoid as pkg_sigmoid
from lstm_np.core.activations import softmax as pkg_softmax
from lstm_np.core.backward import lstm_backward as pkg_lstm_backward
from lstm_np.core.backward import lstm_cell_backward as pkg_lstm_cell_backward
from lstm_np.core.forward import lstm_cell_forward as pkg_lstm_cell_forward
from lstm_np.core.forward import lstm_forward as pkg_lstm_forward
from lstm_np.core.optim import clip as pkg_clip
from lstm_np.core.optim import update_parameters_with_adam as pkg_adam

LANGS = ("es", "en")


def run(capsys, name, fn, lang="es", **kwargs):
    """(result, the one line printed)."""
    ok = ex.check(name, fn, lang, **kwargs)
    out = capsys.readouterr().out
    lines = out.strip().split("\n")
    assert len(lines) == 1, out
    return ok, lines[0]


# ======================================================== the original notebook's functions
def orig_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def orig_softmax(x):
    e_x = np.exp(x - np.max(x))  # Restamos el máximo para estabilidad numérica.
    return e_x / e_x.sum(axis=0)


def orig_lstm_cell_forward(xt, a_prev, c_prev, parameters):
    Wf = parameters["Wf"]; bf = parameters["bf"]                     # noqa: E702
    Wi = parameters["Wi"]; bi = parameters["bi"]                     # noqa: E702
    Wc = parameters["Wc"]; bc = parameters["bc"]                     # noqa: E702
    Wo = parameters["Wo"]; bo = parameters["bo"]                     # noqa: E702
    Wy = parameters["Wy"]; by = parameters["by"]                     # noqa: E702
    n_x, m = xt.shape
    n_y, n_a = Wy.shape
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = orig_sigmoid(np.dot(Wf, concat) + bf)
    it = orig_sigmoid(np.dot(Wi, concat) + bi)
    cct = np.tanh(np.dot(Wc, concat) + bc)
    c_next = ft * c_prev + it * cct
    ot = orig_sigmoid(np.dot(Wo, concat) + bo)
    a_next = ot * np.tanh(c_next)
    yt_pred = orig_softmax(np.dot(Wy, a_next) + by)
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache


def orig_lstm_forward(x, a0, parameters):
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters['Wy'].shape
    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    y = np.zeros((n_y, m, T_x))
    a_next = a0
    c_next = np.zeros((n_a, m))
    for t in range(T_x):
        xt = x[:, :, t]
        a_next, c_next, yt, cache = orig_lstm_cell_forward(xt, a_next, c_next, parameters)
        a[:, :, t] = a_next
        c[:, :, t] = c_next
        y[:, :, t] = yt
        caches.append(cache)
    caches = (caches, x)
    return a, y, c, caches


def orig_compute_loss(y_hat, y_indices):
    loss = 0
    for t in range(len(y_indices)):
        prob = y_hat[y_indices[t], 0, t]
        loss -= np.log(prob)
    return loss


def orig_lstm_cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_x, m = xt.shape
    n_a, m = a_next.shape
    dot = da_next * np.tanh(c_next) * ot * (1 - ot)
    dcct = (dc_next * it + ot * (1 - np.tanh(c_next)**2) * it * da_next) * (1 - cct**2)
    dit = (dc_next * cct + ot * (1 - np.tanh(c_next)**2) * cct * da_next) * it * (1 - it)
    dft = (dc_next * c_prev + ot * (1 - np.tanh(c_next)**2) * c_prev * da_next) * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dWf = np.dot(dft, concat.T)
    dWi = np.dot(dit, concat.T)
    dWc = np.dot(dcct, concat.T)
    dWo = np.dot(dot, concat.T)
    dbf = np.sum(dft, axis=1, keepdims=True)
    dbi = np.sum(dit, axis=1, keepdims=True)
    dbc = np.sum(dcct, axis=1, keepdims=True)
    dbo = np.sum(dot, axis=1, keepdims=True)
    Wf, Wi, Wc, Wo = parameters['Wf'], parameters['Wi'], parameters['Wc'], parameters['Wo']
    da_prev = (np.dot(Wf[:, :n_a].T, dft) + np.dot(Wi[:, :n_a].T, dit)
               + np.dot(Wc[:, :n_a].T, dcct) + np.dot(Wo[:, :n_a].T, dot))
    dc_prev = dc_next * ft + ot * (1 - np.tanh(c_next)**2) * ft * da_next
    dxt = (np.dot(Wf[:, n_a:].T, dft) + np.dot(Wi[:, n_a:].T, dit)
           + np.dot(Wc[:, n_a:].T, dcct) + np.dot(Wo[:, n_a:].T, dot))
    return {"dxt": dxt, "da_prev": da_prev, "dc_prev": dc_prev,
            "dWf": dWf, "dbf": dbf, "dWi": dWi, "dbi": dbi,
            "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo}


def orig_lstm_backward(da, caches):
    (caches, x) = caches
    (a1, c1, a0, c0, f1, i1, cc1, o1, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x))
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    dWf = np.zeros((n_a, n_a + n_x)); dWi = np.zeros_like(dWf)      # noqa: E702
    dWc = np.zeros_like(dWf); dWo = np.zeros_like(dWf)              # noqa: E702
    dbf = np.zeros((n_a, 1)); dbi = np.zeros_like(dbf)              # noqa: E702
    dbc = np.zeros_like(dbf); dbo = np.zeros_like(dbf)              # noqa: E702
    for t in reversed(range(T_x)):
        gradients = orig_lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t])
        da_prevt = gradients["da_prev"]
        dc_prevt = gradients["dc_prev"]
        dx[:, :, t] = gradients["dxt"]
        dWf += gradients["dWf"]; dWi += gradients["dWi"]            # noqa: E702
        dWc += gradients["dWc"]; dWo += gradients["dWo"]            # noqa: E702
        dbf += gradients["dbf"]; dbi += gradients["dbi"]            # noqa: E702
        dbc += gradients["dbc"]; dbo += gradients["dbo"]            # noqa: E702
    da0 = da_prevt
    return {"dx": dx, "da0": da0, "dWf": dWf, "dbf": dbf, "dWi": dWi, "dbi": dbi,
            "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo}


def orig_clip(gradients, maxValue):
    for gradient in [gradients[key] for key in gradients.keys()]:
        np.clip(gradient, -maxValue, maxValue, out=gradient)
    return gradients


def orig_update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate=0.01,
                                     beta1=0.9, beta2=0.999, epsilon=1e-8):
    v_corrected = {}
    s_corrected = {}
    for key in parameters.keys():
        v[key] = beta1 * v[key] + (1 - beta1) * gradients['d' + key]
        v_corrected[key] = v[key] / (1 - np.power(beta1, t))
        s[key] = beta2 * s[key] + (1 - beta2) * np.power(gradients['d' + key], 2)
        s_corrected[key] = s[key] / (1 - np.power(beta2, t))
        parameters[key] -= learning_rate * (v_corrected[key] / (np.sqrt(s_corrected[key])
                                                                + epsilon))
    return parameters, v, s


def orig_sample_top_k(parameters, char_to_ix, seed, temperature=1.0, k=5, *, rng=None,
                      length=300):
    """The original with only the blank's signature (and the whole prime read): it still
    draws with the global np.random.choice."""
    return sample_top_k_variant(parameters, char_to_ix, seed, temperature, k, rng=rng,
                                length=length, use_global=True)


def sample_top_k_variant(parameters, char_to_ix, seed, temperature=1.0, k=5, *, rng=None,
                         length=300, use_global=False, mistake=None):
    """The original's sampler with the blank's signature (keyword-only rng and length,
    rng.choice, every character of the prime read), and one mistake switched on by
    `mistake`."""
    rng = np.random.default_rng() if rng is None else rng
    Wf, by = parameters['Wf'], parameters['by']
    vocab_size = by.shape[0]
    n_a = Wf.shape[0]
    x = np.zeros((vocab_size, 1))
    a_prev = np.zeros((n_a, 1))
    c_prev = np.zeros((n_a, 1))
    prime = [char_to_ix[ch] for ch in seed]             # the network reads the whole prime
    if mistake == "prime_last":
        prime = prime[-1:]
    for idx in prime[:-1]:
        x = np.zeros((vocab_size, 1))
        x[idx] = 1
        a_prev, c_prev, _, _ = pkg_lstm_cell_forward(x, a_prev, c_prev, parameters)
    x = np.zeros((vocab_size, 1))
    idx = prime[-1]
    if mistake != "prime_ignored":
        x[idx] = 1
    indices = []
    for _ in range(length):
        a_next, c_next, y_hat, _ = pkg_lstm_cell_forward(x, a_prev, c_prev, parameters)
        p = y_hat.ravel()
        if mistake == "temp_after":
            p = p / temperature
            p = p / np.sum(p)
        else:
            p = np.log(p + 1e-10) / temperature
            p = np.exp(p) / np.sum(np.exp(p))
        kk = k + 1 if mistake == "k_plus" else k
        top_k_indices = np.argsort(p)[-kk:]
        if mistake == "bottom_k":
            top_k_indices = np.argsort(p)[:kk]
        top_k_probs = p[top_k_indices]
        if mistake != "not_renormalised":
            top_k_probs = top_k_probs / np.sum(top_k_probs)
        if use_global:
            choice = np.random.choice(top_k_indices, p=top_k_probs)
        elif mistake == "descending":
            order = np.argsort(-top_k_probs)
            choice = rng.choice(top_k_indices[order], p=top_k_probs[order])
        else:
            choice = rng.choice(top_k_indices, p=top_k_probs)
        indices.append(choice)
        if mistake != "x_not_reset":
            x = np.zeros((vocab_size, 1))
        if mistake != "not_fed_back":
            x[choice] = 1
        elif mistake == "not_fed_back":
            x[idx] = 1
        if mistake != "state_not_carried":
            a_prev = a_next
            c_prev = c_next
    return indices


# ======================================================== the reference and the originals pass

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ex.NAMES)
def test_the_package_reference_passes(capsys, name, lang):
    ok, line = run(capsys, name, written_here(ex.reference(name)), lang)
    assert ok and line.startswith(f"✓ {name}: ")
    assert line.endswith("casos" if lang == "es" else "cases")


# ======================================================== the student's own function or nothing
@pytest.mark.parametrize("name", ex.NAMES)
def test_the_package_own_function_is_refused(capsys, name):
    """Importing the answer (from lstm_np import sigmoid) earns nothing, in both languages."""
    import functools
    import lstm_np
    own = ex.reference(name)
    for fn in (own, functools.partial(own), getattr(lstm_np, name, own)):
        ok, line = run(capsys, name, fn, "es")
        assert not ok and line == f"✗ {name}: esa es la función del paquete lstm_np, no la " \
            f"tuya; escribe tu propia {name} en su celda", line
        ok, line = run(capsys, name, fn, "en")
        assert not ok and "that is the package's function (lstm_np), not yours" in line, line


def test_any_function_of_the_package_is_refused(capsys):
    from lstm_np.exercises import variants
    ok, line = run(capsys, "lstm_cell_forward", variants.cell_variant, "en")
    assert not ok and "the package's function" in line


@pytest.mark.parametrize("name", ex.NAMES)
def test_a_function_the_cell_did_not_define_is_not_done(capsys, name):
    """The notebooks pass globals().get(name): None when the student's cell is empty,
    commented out or has a syntax error. Never a tick, and use() gives the reference."""
    for lang, words in (("es", "todavía sin hacer"), ("en", "not done yet")):
        ok, line = run(capsys, name, None, lang)
        assert not ok and line.startswith(f"… {name}: {words}"), line
    assert ex.use(name, None, "en") is ex.reference(name)


ORIGINALS = [("sigmoid", orig_sigmoid), ("lstm_cell_forward", orig_lstm_cell_forward),
             ("lstm_forward", orig_lstm_forward),
             ("lstm_cell_backward", orig_lstm_cell_backward),
             ("lstm_backward", orig_lstm_backward), ("clip", orig_clip),
             ("update_parameters_with_adam", orig_update_parameters_with_adam),
             ("sample_top_k", sample_top_k_variant)]


@pytest.mark.parametrize("name,fn", ORIGINALS, ids=[n for n, _ in ORIGINALS])
def test_the_original_notebooks_functions_pass(capsys, name, fn):
    ok, line = run(capsys, name, fn, "es")
    assert ok, line
    assert line.startswith(f"✓ {name}: correcto en ")


def test_verdicts_are_stable_lines(capsys):
    assert run(capsys, "lstm_cell_forward", orig_lstm_cell_forward, "es")[1] == \
        "✓ lstm_cell_forward: correcto en 7 casos"
    assert run(capsys, "lstm_cell_forward", orig_lstm_cell_forward, "en")[1] == \
        "✓ lstm_cell_forward: correct on 7 cases"


def test_the_original_sampler_lacks_the_new_keywords(capsys):
    def sample_top_k(parameters, char_to_ix, seed, temperature=1.0, k=5):
        return orig_sample_top_k(parameters, char_to_ix, seed, temperature, k)
    ok, line = run(capsys, "sample_top_k", sample_top_k, "en")
    assert not ok and "raised TypeError" in line and "'length'" in line


def test_what_the_original_gets_wrong_is_named(capsys):
    """Its softmax subtracts one maximum for the whole array, its loss is the m = 1 sum, its
    sampler draws from the global random state."""
    for name, fn, key in [("softmax", orig_softmax, "smax_global_max"),
                          ("compute_loss", orig_compute_loss, "loss_original"),
                          ("sample_top_k", orig_sample_top_k, "smp_no_rng")]:
        for lang in LANGS:
            ok, line = run(capsys, name, fn, lang)
            assert not ok
            assert in_language(ex.MISTAKES[key], lang) in line, line


# ======================================================== typical mistakes, named
def sig(f):
    return f


SIGMOID_MISTAKES = [
    ("sig_sign", lambda x: 1 / (1 + np.exp(x))),
    ("sig_minus", lambda x: 1 / (1 - np.exp(-x))),
    ("sig_precedence", lambda x: 1 / 1 + np.exp(-x)),
    ("sig_tanh", lambda x: np.tanh(x)),
    ("sig_double", lambda x: (np.tanh(x) + 1) / 2),
    ("sig_overflow", lambda x: np.exp(x) / (1 + np.exp(x))),
]


def _sm(x, axis_sum=0, sub=None, expo=True, sign=1):
    x = sign * x
    if sub == "col":
        x = x - np.max(x, axis=0, keepdims=True)
    elif sub == "all":
        x = x - np.max(x)
    elif sub == "row":
        x = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(x) if expo else x
    return e / e.sum(axis=axis_sum, keepdims=axis_sum is not None)


SOFTMAX_MISTAKES = [
    ("smax_axis1", lambda x: _sm(x, axis_sum=-1, sub="col")),
    ("smax_global_sum", lambda x: _sm(x, axis_sum=None, sub="col")),
    ("smax_no_max", lambda x: _sm(x)),
    ("smax_global_max", lambda x: _sm(x, sub="all")),
    ("smax_row_max", lambda x: _sm(x, sub="row")),
    ("smax_no_exp", lambda x: _sm(x, expo=False)),
    ("smax_sign", lambda x: _sm(x, sub="col", sign=-1)),
]


def cell(mistake=None):
    """lstm_cell_forward as a student writes it, with one mistake."""
    def lstm_cell_forward(xt, a_prev, c_prev, parameters):
        P = parameters
        concat = np.concatenate((xt, a_prev) if mistake == "concat" else (a_prev, xt), axis=0)
        b = {k: (0 if mistake == "no_" + k else P[k]) for k in ("bf", "bi", "bc", "bo", "by")}
        ft = pkg_sigmoid(P["Wf"] @ concat + b["bf"])
        it = pkg_sigmoid(P["Wi"] @ concat + b["bi"])
        if mistake == "cand_sigmoid":
            cct = pkg_sigmoid(P["Wc"] @ concat + b["bc"])
        else:
            cct = np.tanh(P["Wc"] @ concat + b["bc"])
        if mistake == "swap_fu":
            c_next = it * c_prev + ft * cct
        else:
            c_next = ft * c_prev + it * cct
        ot = pkg_sigmoid(P["Wo"] @ concat + b["bo"])
        a_next = ot * (c_next if mistake == "no_tanh" else np.tanh(c_next))
        z = P["Wy"] @ a_next + b["by"]
        yt_pred = z if mistake == "no_softmax" else pkg_softmax(z)
        if mistake == "smax_axis1":
            yt_pred = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        if mistake == "cache_order":
            return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, it, ft, cct, ot,
                                             xt, P)
        return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, P)
    return lstm_cell_forward


CELL_MISTAKES = [("fwd_swap_fu", cell("swap_fu")), ("fwd_no_tanh_c", cell("no_tanh")),
                 ("fwd_cand_sigmoid", cell("cand_sigmoid")), ("fwd_concat_xa", cell("concat")),
                 ("fwd_no_softmax", cell("no_softmax")), ("fwd_smax_axis1", cell("smax_axis1")),
                 (("fwd_bias", {"b": "bo"}), cell("no_bo")),
                 (("fwd_bias", {"b": "bf"}), cell("no_bf")),
                 ("cache_layout", cell("cache_order"))]


def seq(mistake=None):
    def lstm_forward(x, a0, parameters):
        n_x, m, T_x = x.shape
        n_y, n_a = parameters["Wy"].shape
        a, c, y = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
        caches = []
        a_next = a0
        c_next = a0 if mistake == "c0_a0" else np.zeros((n_a, m))
        steps = reversed(range(T_x)) if mistake == "reversed" else range(T_x)
        for t in steps:
            xt = x[:, :, 0] if mistake == "first_x" else x[:, :, t]
            a_in = a0 if mistake == "a_not_carried" else a_next
            c_in = np.zeros((n_a, m)) if mistake == "c_not_carried" else c_next
            a_next, c_next, yt, cache = pkg_lstm_cell_forward(xt, a_in, c_in, parameters)
            a[:, :, t] = a_next
            c[:, :, t] = c_next
            y[:, :, t] = yt
            caches.append(cache)
        return a, y, c, (caches, x)
    return lstm_forward


FORWARD_MISTAKES = [(k, seq(m)) for k, m in [
    ("seq_a_not_carried", "a_not_carried"), ("seq_c_not_carried", "c_not_carried"),
    ("seq_c0_a0", "c0_a0"), ("seq_first_x", "first_x"), ("seq_reversed", "reversed")]]


def loss(kind):
    def compute_loss(y_hat, Y):
        n_y, m, T_x = y_hat.shape
        logs = np.array([[np.log(y_hat[Y[i, t], i, t]) for t in range(T_x)] for i in range(m)])
        if kind == "sum":
            return -np.sum(logs)
        if kind == "mean_t":
            return -np.sum(logs) / T_x
        if kind == "sign":
            return np.mean(logs)
        if kind == "log2":
            return -np.mean(logs / np.log(2))
        if kind == "first":
            return -np.mean(logs[0])
        if kind == "all":
            return -np.mean(np.log(y_hat))
        return -np.mean(logs)
    return compute_loss


LOSS_MISTAKES = [("loss_sum", loss("sum")), ("loss_mean_t", loss("mean_t")),
                 ("loss_sign", loss("sign")), ("loss_log2", loss("log2")),
                 ("loss_first_seq", loss("first")), ("loss_all_probs", loss("all"))]


def cell_bwd(mistake=None):
    def lstm_cell_backward(da_next, dc_next, cache):
        (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
        n_a = a_next.shape[0]
        tc = np.tanh(c_next)
        dc = dc_next if mistake == "no_da_path" else dc_next + da_next * ot * (1 - tc ** 2)
        if mistake == "tanh_deriv":
            dot = da_next * tc * (1 - ot ** 2)
        else:
            dot = da_next * tc * ot * (1 - ot)
        dcct = dc * it * (1 - cct ** 2)
        dit = dc * cct * it * (1 - it)
        dft = dc * (c_next if mistake == "dft_cnext" else c_prev) * ft * (1 - ft)
        if mistake == "tanh_deriv":
            dit = dc * cct * (1 - it ** 2)
            dft = dc * c_prev * (1 - ft ** 2)
        concat = np.concatenate((a_prev, xt), axis=0)
        P = parameters
        dconcat = P["Wf"].T @ dft + P["Wi"].T @ dit + P["Wc"].T @ dcct + P["Wo"].T @ dot
        axis_kw = {"axis": 1} if mistake == "no_keepdims" else {"axis": 1, "keepdims": True}
        g = {"dxt": dconcat[n_a:], "da_prev": dconcat[:n_a],
             "dc_prev": dc if mistake == "dcprev_no_ft" else dc * ft}
        for name, dz in (("f", dft), ("i", dit), ("c", dcct), ("o", dot)):
            g["dW" + name] = dz @ concat.T
            g["db" + name] = np.sum(dz, **axis_kw)
        return g
    return lstm_cell_backward


CELL_BWD_MISTAKES = [(k, cell_bwd(m)) for k, m in [
    ("bwd_no_da_path", "no_da_path"), ("bwd_gate_tanh_deriv", "tanh_deriv"),
    ("bwd_dft_cnext", "dft_cnext"), ("bwd_db_no_keepdims", "no_keepdims"),
    ("bwd_dcprev_no_ft", "dcprev_no_ft")]]


def bptt(mistake=None):
    def lstm_backward(da, caches):
        (cells, x) = caches
        n_a, m, T_x = da.shape
        n_x = x.shape[0]
        dx = np.zeros((n_x, m, T_x))
        da_prevt, dc_prevt = np.zeros((n_a, m)), np.zeros((n_a, m))
        grads = {k: 0 for k in ("dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo")}
        steps = range(T_x) if mistake == "forward_order" else reversed(range(T_x))
        for t in steps:
            da_in = da[:, :, t] if mistake == "no_da_prev" else da[:, :, t] + da_prevt
            g = pkg_lstm_cell_backward(da_in, dc_prevt, cells[t])
            da_prevt = g["da_prev"]
            if mistake != "no_dc":
                dc_prevt = g["dc_prev"]
            dx[:, :, t] = g["dxt"]
            for k in grads:
                grads[k] = g[k] if mistake == "overwrite" else grads[k] + g[k]
        grads.update(dx=dx, da0=np.zeros((n_a, m)) if mistake == "da0_zero" else da_prevt)
        return grads
    return lstm_backward


BPTT_MISTAKES = [("bptt_" + m, bptt(m)) for m in ("no_da_prev", "no_dc", "forward_order",
                                                   "overwrite", "da0_zero")]


def clip_with(mistake):
    def clip(gradients, maxValue):
        if mistake == "lost":
            for gradient in gradients.values():
                gradient = np.clip(gradient, -maxValue, maxValue)      # noqa: F841
            return gradients
        if mistake == "some":
            for key in gradients:
                if key.startswith("dW"):
                    np.clip(gradients[key], -maxValue, maxValue, out=gradients[key])
            return gradients
        out = {}
        for key, g in gradients.items():
            if mistake == "upper":
                out[key] = np.minimum(g, maxValue)
            elif mistake == "zero":
                out[key] = np.clip(g, 0, maxValue)
            elif mistake == "swapped":
                out[key] = np.clip(g, maxValue, -maxValue)
            elif mistake == "norm":
                norm = np.linalg.norm(g)
                out[key] = g * maxValue / norm if norm > maxValue else g
        return out
    return clip


CLIP_MISTAKES = [("clip_upper", clip_with("upper")), ("clip_zero", clip_with("zero")),
                 ("clip_swapped", clip_with("swapped")), ("clip_norm", clip_with("norm")),
                 ("clip_lost", clip_with("lost")),
                 (("clip_some", {"keys": "dbf, dby, dx, da0"}), clip_with("some"))]


def adam_with(mistake):
    def update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate=0.01,
                                    beta1=0.9, beta2=0.999, epsilon=1e-8):
        for key in parameters:
            g = gradients["d" + key]
            v[key] = beta1 * v[key] + (1 - beta1) * g
            s[key] = beta2 * s[key] + (1 - beta2) * (g if mistake == "no_square" else g ** 2)
            tt = 1 if mistake == "t1" else t
            if mistake == "no_correction":
                v_hat, s_hat = v[key], s[key]
            elif mistake == "beta_t":
                v_hat, s_hat = v[key] / (1 - beta1 * tt), s[key] / (1 - beta2 * tt)
            else:
                v_hat, s_hat = v[key] / (1 - beta1 ** tt), s[key] / (1 - beta2 ** tt)
            lr = 0.01 if mistake == "lr" else learning_rate
            step = lr * v_hat / (np.sqrt(s_hat) + epsilon)
            parameters[key] = parameters[key] + step if mistake == "sign" else \
                parameters[key] - step
        return parameters, v, s
    return update_parameters_with_adam


ADAM_MISTAKES = [("adam_" + m, adam_with(m)) for m in ("no_correction", "t1", "no_square",
                                                       "sign", "beta_t", "lr")]


def step_with(mistake):
    def training_step(X, Y, a0, parameters, v, s, t, learning_rate=0.01, clip_value=5.0):
        from lstm_np.core.backward import compute_loss
        n_x, m, T_x = X.shape
        a, y_hat, c, caches = pkg_lstm_forward(X, a0, parameters)
        loss = compute_loss(y_hat, Y)
        dz = y_hat.copy()
        for i in range(m):
            for tt in range(T_x):
                dz[Y[i, tt], i, tt] -= 1
        if mistake != "sum_grads":
            dz /= m * T_x
        da = np.einsum("ya,ymt->amt", parameters["Wy"], dz)
        gradients = pkg_lstm_backward(np.zeros_like(a) if mistake == "da_zero" else da, caches)
        gradients["dWy"] = sum(dz[:, :, tt] @ a[:, :, tt].T for tt in range(T_x))
        gradients["dby"] = dz.sum(axis=(1, 2))[:, None]
        if mistake != "no_clip":
            gradients = pkg_clip(gradients, clip_value)
        parameters, v, s = pkg_adam(parameters, gradients, v, s, 1 if mistake == "t1" else t,
                                    learning_rate)
        if mistake == "loss_after":
            loss = compute_loss(pkg_lstm_forward(X, a0, parameters)[1], Y)
        return loss, parameters, v, s
    return training_step


STEP_MISTAKES = [("step_" + m, step_with(m)) for m in ("no_clip", "sum_grads", "loss_after",
                                                       "da_zero", "t1")]

SAMPLE_MISTAKES = [("smp_" + m, lambda *a, m=m, **kw: sample_top_k_variant(*a, mistake=m, **kw))
                   for m in ("temp_after", "k_plus", "bottom_k", "not_renormalised",
                             "prime_ignored", "prime_last", "state_not_carried",
                             "not_fed_back", "x_not_reset")]
SAMPLE_MISTAKES.append(("smp_order", lambda *a, **kw: sample_top_k_variant(
    *a, mistake="descending", **kw)))

MISTAKE_CASES = ([("sigmoid",) + c for c in SIGMOID_MISTAKES]
                 + [("softmax",) + c for c in SOFTMAX_MISTAKES]
                 + [("lstm_cell_forward",) + c for c in CELL_MISTAKES]
                 + [("lstm_forward",) + c for c in FORWARD_MISTAKES]
                 + [("compute_loss",) + c for c in LOSS_MISTAKES]
                 + [("lstm_cell_backward",) + c for c in CELL_BWD_MISTAKES]
                 + [("lstm_backward",) + c for c in BPTT_MISTAKES]
                 + [("clip",) + c for c in CLIP_MISTAKES]
                 + [("update_parameters_with_adam",) + c for c in ADAM_MISTAKES]
                 + [("training_step",) + c for c in STEP_MISTAKES]
                 + [("sample_top_k",) + c for c in SAMPLE_MISTAKES])


def _id(case):
    key = case[1] if isinstance(case[1], str) else case[1][0] + "_" + "_".join(case[1][1].values())
    return f"{case[0]}-{key}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name,mistake,fn", MISTAKE_CASES, ids=[_id(c) for c in MISTAKE_CASES])
def test_a_typical_mistake_is_rejected_and_named(capsys, name, mistake, fn, lang):
    key, fmt = (mistake, {}) if isinstance(mistake, str) else mistake
    ok, line = run(capsys, name, fn, lang)
    assert ok is False
    assert line.startswith(f"✗ {name}: ")
    text = in_language(ex.MISTAKES[key], lang)
    text = text.split("{")[0] if "{" in text and not fmt else text.format(**fmt)
    assert text in line, line


def test_at_least_five_named_mistakes_per_function():
    counts = {}
    for name, *_ in MISTAKE_CASES:
        counts[name] = counts.get(name, 0) + 1
    assert set(counts) == set(ex.NAMES)
    assert min(counts.values()) >= 5, counts


def test_spanish_verdicts_use_no_english_words():
    english = ("wrong", "the ", " is ", "shape", "should", "returns", "case", "mistake")
    for table in (ex.MESSAGES, ex.MISTAKES):
        for key, text in table.items():
            assert translation(text, "es"), (key, "no Spanish in the catalogue")
            spanish = re.sub(r"\{[^}]*\}", "", in_language(text, "es"))
            for w in english:
                assert w not in spanish, (key, w)


# ======================================================== odd answers: never an exception
def not_done(*args, **kwargs):
    raise NotImplementedError


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ex.NAMES)
def test_a_blank_says_not_done_yet(capsys, name, lang):
    ok, line = run(capsys, name, not_done, lang)
    assert ok is False
    assert line == in_language(ex.MESSAGES["not_done"], lang).format(name=name)
    assert ("todavía sin hacer" if lang == "es" else "not done yet") in line


@pytest.mark.parametrize("name", ex.NAMES)
def test_returning_none_is_said(capsys, name):
    ok, line = run(capsys, name, lambda *a, **k: None, "en")
    assert ok is False and "returns None" in line


@pytest.mark.parametrize("name", ex.NAMES)
def test_an_exception_is_reported_with_its_case(capsys, name):
    def raises(*args, **kwargs):
        raise ValueError("shapes (3,7) and (5,4) not aligned")
    ok, line = run(capsys, name, raises, "es")
    assert ok is False
    assert line.startswith(f"✗ {name}: lanzó ValueError: shapes (3,7) and (5,4) not aligned")
    assert " en el caso " in line


def test_wrong_shape(capsys):
    ok, line = run(capsys, "sigmoid", lambda x: pkg_sigmoid(x).ravel(), "es")
    assert not ok and "la salida tiene forma (5,) y debería tener (5, 1)" in line
    ok, line = run(capsys, "lstm_cell_forward",
                   lambda *a: (lambda o: (o[0].T,) + o[1:])(pkg_lstm_cell_forward(*a)), "en")
    assert not ok and "a_next has shape" in line


def test_nan(capsys):
    ok, line = run(capsys, "softmax", lambda x: pkg_softmax(x) * np.nan, "en")
    assert not ok and "has NaN or infinite values" in line


def test_changing_an_input_is_said(capsys):
    def sigmoid_in_place(x):
        np.negative(x, out=x)
        np.exp(x, out=x)
        x += 1
        return 1 / x
    ok, line = run(capsys, "sigmoid", sigmoid_in_place, "es")
    assert not ok and "modifica su entrada x" in line

    def adam_changing_gradients(parameters, gradients, v, s, t, **kw):
        out = pkg_adam(parameters, gradients, v, s, t, **kw)
        gradients["dWf"] *= 0
        return out
    ok, line = run(capsys, "update_parameters_with_adam", adam_changing_gradients, "en")
    assert not ok and "changes its input gradients" in line

    def sampler_changing_parameters(parameters, *a, **kw):
        parameters["Wy"] *= 2
        return sample_top_k_variant(parameters, *a, **kw)
    ok, line = run(capsys, "sample_top_k", sampler_changing_parameters, "en")
    assert not ok and "changes its input parameters" in line


def test_odd_answers_never_raise(capsys):
    odd = [lambda *a, **k: 3, lambda *a, **k: "text", lambda *a, **k: (1, 2),
           lambda *a, **k: {"x": 1}, lambda *a, **k: [None] * 4, lambda *a, **k: object(),
           lambda *a, **k: np.zeros((2, 2)), lambda *a, **k: (np.zeros(3),) * 3,
           lambda *a, **k: (0.5, {}, {}, {})]
    for name in ex.NAMES:
        for fn in odd:
            ok, line = run(capsys, name, fn, "es")
            assert ok is False and line.startswith("✗ "), (name, line)


def test_prints_of_the_student_are_hidden(capsys):
    def chatty(x):
        print("debug", x.shape)
        return pkg_sigmoid(x)
    ok, line = run(capsys, "sigmoid", chatty, "es")
    assert ok and line == "✓ sigmoid: correcto en 4 casos"


def test_m1_only_code_gets_a_hint(capsys):
    def loss_m1(y_hat, Y):
        assert y_hat.shape[1] == 1, "only m = 1"
        return -np.mean(np.log(y_hat[Y[0], 0, np.arange(y_hat.shape[2])]))
    ok, line = run(capsys, "compute_loss", loss_m1, "es")
    assert not ok and "m = 1 pasaron" in line


def test_unknown_name_and_not_a_function(capsys):
    ok, line = run(capsys, "lstm", not_done, "es")
    assert not ok and "no existe el ejercicio 'lstm'" in line
    ok, line = run(capsys, "sigmoid", 3.5, "en")
    assert not ok and "not a function" in line


def test_the_verdict_is_the_same_every_run(capsys):
    lines = {run(capsys, "lstm_cell_backward", cell_bwd("no_da_path"), "es")[1]
             for _ in range(2)}
    lines |= {run(capsys, "lstm_cell_backward", cell_bwd("no_da_path"), "es")[1]}
    assert len(lines) == 1


def test_the_wrong_piece_and_its_size_are_named(capsys):
    ok, line = run(capsys, "lstm_cell_forward", cell("swap_fu"), "es")
    assert line.startswith("✗ lstm_cell_forward: c_next está mal en el caso m=1, "
                           "n_a=3, n_x=4 (diferencia máxima 0.34). Fallo probable: ")
    ok, line = run(capsys, "lstm_cell_forward", cell("cand_sigmoid"), "en")
    assert line.startswith("✗ lstm_cell_forward: cache[6] (c̃) is wrong in the case m=1, "
                           "n_a=3, n_x=4 (largest difference ")
    ok, line = run(capsys, "update_parameters_with_adam", adam_with("no_correction"), "en")
    assert "parameters['Wf'] is wrong in the case t=1" in line


# ======================================================== backward with the student's forward
def test_backward_with_the_students_forward(capsys):
    ok, line = run(capsys, "lstm_cell_backward", orig_lstm_cell_backward, "es",
                   forward=orig_lstm_cell_forward)
    assert ok, line
    ok, line = run(capsys, "lstm_backward", orig_lstm_backward, "en", forward=orig_lstm_forward)
    assert ok, line
    # c = Γ_u c_prev + Γ_f c~ while the cache says the opposite: the gradients cannot agree
    ok, line = run(capsys, "lstm_cell_backward", orig_lstm_cell_backward, "en",
                   forward=cell("swap_fu"))
    assert not ok and "the forward function you passed gives another result" in line
    ok, line = run(capsys, "lstm_backward", orig_lstm_backward, "en", forward=not_done)
    assert not ok and line.startswith("… lstm_backward: not done yet")


def test_a_backward_consistent_with_a_wrong_forward_is_told_so(capsys):
    """y is wrong but a and c are right: the gradients of sum(da * a) agree with finite
    differences of the student's own forward."""
    ok, line = run(capsys, "lstm_cell_backward", orig_lstm_cell_backward, "es",
                   forward=cell("no_softmax"))
    assert not ok and "tus gradientes coinciden con las diferencias finitas" in line

    def forward_y_doubled(x, a0, parameters):
        a, y, c, caches = pkg_lstm_forward(x, a0, parameters)
        return a, 2 * y, c, caches
    ok, line = run(capsys, "lstm_backward", orig_lstm_backward, "en", forward=forward_y_doubled)
    assert not ok and "your gradients agree with finite differences of your own forward" in line
    # with the forward's c0 = a0, the gradient of a0 misses the path through c0
    ok, line = run(capsys, "lstm_backward", orig_lstm_backward, "en", forward=seq("c0_a0"))
    assert not ok and "the forward function you passed gives another result" in line


# ======================================================== use(): later cells always run
def test_use_keeps_a_right_function_and_replaces_a_wrong_one(capsys):
    assert ex.use("lstm_cell_forward", orig_lstm_cell_forward, "es") is orig_lstm_cell_forward
    out = capsys.readouterr().out.strip().split("\n")
    assert out == ["✓ lstm_cell_forward: correcto en 7 casos",
                   "→ las celdas siguientes usan tu lstm_cell_forward"]
    got = ex.use("lstm_cell_forward", not_done, "en")
    assert got is pkg_lstm_cell_forward
    out = capsys.readouterr().out.strip().split("\n")
    assert out[0].startswith("… lstm_cell_forward: not done yet")
    assert out[1] == "→ the next cells use the package's lstm_cell_forward (lstm_np)"
    assert ex.use("clip", orig_clip, "en", passed=False) is pkg_clip
    assert capsys.readouterr().out.strip().split("\n") == [
        "→ the next cells use the package's clip (lstm_np)"]


@pytest.mark.parametrize("name", ex.NAMES)
def test_the_reference_used_instead_runs(name):
    assert callable(ex.reference(name))


def test_the_package_sampler_keeps_the_documented_draw_order():
    """lstm_np.sample_top_k draws with one rng.choice per character and passes the
    candidates as np.argsort(p)[-k:] (least likely of the k first), as the package
    docstring promises the student: the checker compares the exact text with it."""
    from lstm_np.core import sampling
    from lstm_np.exercises.sampler import RecordingGenerator, SampleCheck
    check = SampleCheck()
    fake = RecordingGenerator(0)
    sampling.sample_top_k(check.P, check.c2i, "ab", temperature=1.0, k=3, rng=fake, length=5)
    assert len(fake.calls) == 5
    for positional, candidates, probs, _ in fake.calls:
        assert not positional
        assert list(np.argsort(probs, kind="stable")) == list(range(len(probs))), \
            "candidates not in ascending order of probability"
