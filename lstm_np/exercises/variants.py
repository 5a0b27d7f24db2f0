"""The typical mistakes, written as variants of the correct code.

Each function here is one of the taught functions with a set of typical mistakes that a
flag (or `how`) switches on; with none switched on it is the taught function itself
(tests/test_exercises_variants.py binds each to the core's function to 1e-12). The
checker runs them on the case a student got wrong: the first variant whose result the
student's reproduces names the likely mistake (the keys of `messages.MISTAKES`).
"""
import math

import numpy as np

from ..core.activations import sigmoid, softmax
from ..core.backward import compute_loss, lstm_backward, lstm_cell_backward
from ..core.forward import lstm_cell_forward, lstm_forward
from ..core.optim import clip, update_parameters_with_adam


# ================================================================ mutants: forward
def cell_variant(xt, a_prev, c_prev, P, swap_fu=False, swap_co=False, no_bias=(),
                 no_tanh_c=False, cand_sigmoid=False, concat_xa=False, no_forget=False,
                 no_update=False, a_from_cprev=False, smax_axis1=False, no_softmax=False,
                 y_from_aprev=False, ot_tanh=False, smax_no_max=False):
    """lstm_cell_forward with one typical mistake switched on (none: the right cell)."""
    concat = np.concatenate((xt, a_prev) if concat_xa else (a_prev, xt), axis=0)

    def z(W, b):
        return P[W] @ concat + (0.0 if b in no_bias else P[b])
    Wc, Wo = ("Wo", "Wc") if swap_co else ("Wc", "Wo")
    ft = sigmoid(z("Wf", "bf"))
    it = sigmoid(z("Wi", "bi"))
    cct = (sigmoid if cand_sigmoid else np.tanh)(z(Wc, "bc"))
    if swap_fu:
        ft, it = it, ft
    c_next = (1.0 if no_forget else ft) * c_prev + (1.0 if no_update else it) * cct
    ot = (np.tanh if ot_tanh else sigmoid)(z(Wo, "bo"))
    a_next = ot * (c_next if no_tanh_c else np.tanh(c_prev if a_from_cprev else c_next))
    zy = P["Wy"] @ (a_prev if y_from_aprev else a_next) + (0.0 if "by" in no_bias else P["by"])
    if no_softmax:
        y = zy
    elif smax_axis1:
        e = np.exp(zy - zy.max(axis=1, keepdims=True))
        y = e / e.sum(axis=1, keepdims=True)
    elif smax_no_max:
        with np.errstate(all="ignore"):
            y = np.exp(zy) / np.exp(zy).sum(axis=0, keepdims=True)
    else:
        y = softmax(zy)
    return a_next, c_next, y, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, P)


def seq_variant(x, a0, P, a_not_carried=False, c_not_carried=False, c0_a0=False,
                first_x=False, store_prev=False, reversed_time=False, x_prev=False):
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
        step = 0 if first_x else t - 1 if x_prev else t      # t - 1: x[:, :, -1] at t = 0
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, step], a_in, c_in, P)
        a[:, :, t] = a_in if store_prev else a_next
        c[:, :, t] = c_in if store_prev else c_next
        y[:, :, t] = yt
        caches.append(cache)
    return a, y, c, (caches, x)


def loss_variant(y_hat, Y, how=None):
    n_y, m, T_x = y_hat.shape
    Y = np.asarray(Y).reshape(m, T_x)
    i, t = np.meshgrid(np.arange(m), np.arange(T_x), indexing="ij")
    logp = np.log(y_hat[Y, i, t])                                     # (m, T_x)
    if how is None:
        return -logp.mean()
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
def cell_bwd_variant(da_next, dc_next, cache, no_da_path=False, gate_tanh_deriv=False,
                     cand_sigmoid_deriv=False, no_sigmoid_deriv=False, dot_no_tanh=False,
                     dcprev_no_ft=False, dcprev_no_da=False, dft_cnext=False, swap_u_c=False,
                     db_no_keepdims=False, db_no_sum=False, split=False, dW_T=False,
                     sign=False, cand_one_minus=False, swap_fi=None, dcprev_ot=False):
    """lstm_cell_backward with one typical mistake switched on. swap_fi: "W" swaps dWf and
    dWi, "Wb" also dbf and dbi."""
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
    if cand_sigmoid_deriv:
        dtanh = cct * (1 - cct)
    else:
        dtanh = (1.0 - cct) if cand_one_minus else (1.0 - cct ** 2)
    dcct = dc * (cct if swap_u_c else it) * dtanh
    dit = dc * (it if swap_u_c else cct) * dsig(it)
    dft = dc * (c_next if dft_cnext else c_prev) * dsig(ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dconcat = P["Wf"].T @ dft + P["Wi"].T @ dit + P["Wc"].T @ dcct + P["Wo"].T @ dot
    if dcprev_no_ft:
        dc_prev = dc
    elif dcprev_no_da:
        dc_prev = dc_next * ft
    else:
        dc_prev = dc * ft * (ot if dcprev_ot else 1.0)

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
    for w in swap_fi or "":
        g["d" + w + "f"], g["d" + w + "i"] = g["d" + w + "i"], g["d" + w + "f"]
    if sign:
        g = {k: -v for k, v in g.items()}
    return g


def bptt_variant(da, caches, no_da_prev=False, no_da_t=False, no_dc=False,
                  forward_order=False, overwrite=False, mean_time=False, da0_zero=False,
                  dx_zero=False, stops_at_1=False):
    cells, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]
    dx = np.zeros((n_x, m, T_x))
    da_prev, dc_prev = np.zeros((n_a, m)), np.zeros((n_a, m))
    keys = ("dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo")
    parameters = cells[0][9]
    g = {k: np.zeros_like(parameters[k[1:]]) for k in keys}
    for t in (range(T_x) if forward_order else reversed(range(1 if stops_at_1 else 0, T_x))):
        da_in = (0.0 if no_da_t else da[:, :, t]) + (0.0 if no_da_prev else da_prev)
        step = lstm_cell_backward(da_in + np.zeros((n_a, m)),
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
def clip_variant(gradients, maxValue, how=None):
    """clip with one mistake `how` (None: the right clip), on copies."""
    out = {}
    for k, g in gradients.items():
        if how is None:
            out[k] = np.clip(g, -maxValue, maxValue)
        elif how == "upper":
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


def adam_variant(parameters, gradients, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                  epsilon=1e-8, how=None):
    if how == "betas":
        beta1, beta2 = beta2, beta1
    if how == "lr":
        learning_rate = 0.01
    if how == "hyper":
        beta1, beta2 = 0.9, 0.999
    if how == "eps_fixed":
        epsilon = 1e-8
    tc = {"t1": 1, "t_plus": t + 1, "t_minus": t - 1}.get(how, t)
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
        if how == "eps_sqrt":
            step = learning_rate * vh / np.sqrt(sh + epsilon)
        else:
            step = learning_rate * vh / ((sh if how == "no_sqrt" else np.sqrt(sh)) + epsilon)
        parameters[k] = parameters[k] + step if how == "sign" else parameters[k] - step
    return parameters, v, s


def step_variant(X, Y, a0, P, v, s, t, learning_rate=0.01, clip_value=0.2, how=None):
    n_x, m, T_x = X.shape
    if how == "clip_fixed":
        clip_value = 0.2
    if how == "lr_fixed":
        learning_rate = 0.01
    a, y_hat, c, caches = lstm_forward(X, a0, P)
    loss = compute_loss(y_hat, Y)
    if how == "loss_sum":
        loss = loss * m * T_x
    dz = y_hat.copy()
    i, tt = np.meshgrid(np.arange(m), np.arange(T_x), indexing="ij")
    if how != "no_minus_one":
        dz[np.asarray(Y), i, tt] -= 1.0
    if how != "sum_grads":
        dz /= m * T_x
    da = np.einsum("ya,ymt->amt", P["Wy"], dz)
    grads = lstm_backward(np.zeros_like(da) if how == "da_zero" else da, caches)
    if how == "clip_before_dWy":
        grads = clip(grads, clip_value)
    grads["dWy"] = np.einsum("ymt,amt->ya", dz, a)
    grads["dby"] = dz.sum(axis=(1, 2))[:, None]
    if how == "no_output_grads":
        grads["dWy"], grads["dby"] = np.zeros_like(P["Wy"]), np.zeros_like(P["by"])
    if how not in ("no_clip", "clip_before_dWy"):
        grads = clip(grads, clip_value)
    P, v, s = update_parameters_with_adam(P, grads, v, s, 1 if how == "t1" else t, learning_rate)
    if how == "loss_after":
        _a, y_hat, _c, _caches = lstm_forward(X, a0, P)
        loss = compute_loss(y_hat, Y)
    return loss, P, v, s
