"""Backward propagation: the loss, the gradients of one cell step, and BPTT over T_x steps.

The loss is the cross-entropy of the predicted distributions y<t> against the characters that
really came next, averaged over the m sequences and T_x steps (nats per character):

    L = -(1 / (m T_x)) * sum_{i,t} log y<t>[Y_{i,t}, i]

Every gradient below is a gradient of this same L, so a numerical check of `compute_loss`
checks them all. (The original notebook summed over the 25 steps of one window and only handled
m = 1.)
"""
import math

import numpy as np

from .activations import log_softmax
from .forward import lstm_forward


def as_targets(Y, m, T_x):
    """Return the target indices as an int array of shape (m, T_x).

    A flat list of T_x indices (the original notebook's form, m = 1) is accepted too.
    """
    Y = np.asarray(Y)
    if Y.ndim == 1 and m == 1:
        Y = Y[None, :]
    return Y


def compute_loss(y_hat, y_indices):
    """Mean cross-entropy per character, in nats, from the predicted probabilities.

    Parameters
    ----------
    y_hat : ndarray (n_y, m, T_x)
        Predicted distributions, from `lstm_forward`.
    y_indices : int array (m, T_x), or a list of T_x indices when m = 1
        Index of the true next character for each sequence and step.

    Returns
    -------
    float
        -(1 / (m T_x)) sum log y_hat[Y[i, t], i, t]. Divide by ln 2 (`nats_to_bits`) for bits.
        A probability that rounded to 0 gives log 0 = -inf: training computes the same loss
        from the scores instead (`compute_loss_from_logits`).
    """
    n_y, m, T_x = y_hat.shape
    Y = as_targets(y_indices, m, T_x)
    # probability the network gave to the right character, for every (i, t) at once
    p_true = np.take_along_axis(y_hat, Y[None], axis=0)[0]                # (m, T_x)
    return float(-np.mean(np.log(p_true)))


def compute_loss_from_logits(z, y_indices):
    """The loss of `compute_loss`, from the scores z = Wy a<t> + by instead of y_hat.

    log y_hat = log_softmax(z) is computed as z - max z - log sum e^{z - max z}: finite
    even when the probability of the right character underflows to 0 (a score gap above
    ~104 in float32), where log(y_hat) would be -inf.

    Parameters
    ----------
    z : ndarray (n_y, m, T_x), the scores.
    y_indices : int array (m, T_x) (or a list of T_x when m = 1).

    Returns
    -------
    float, mean nats per character.
    """
    n_y, m, T_x = z.shape
    Y = as_targets(y_indices, m, T_x)
    return float(-np.mean(np.take_along_axis(log_softmax(z), Y[None], axis=0)[0]))


def nats_to_bits(loss):
    """Convert a loss in nats (natural log) to bits (log base 2): L_bits = L_nats / ln 2."""
    return loss / math.log(2.0)


def output_layer_backward(y_hat, Y, a, parameters):
    """Gradients of the softmax output layer y<t> = softmax(Wy a<t> + by) under the mean loss.

    For softmax followed by cross-entropy the gradient with respect to the scores
    z<t> = Wy a<t> + by is simply  dz<t> = (y_hat<t> - onehot(Y<t>)) / (m T_x). Then

        dWy = sum_t dz<t> a<t>^T      dby = sum_t sum_i dz<t>      da<t> = Wy^T dz<t>

    Parameters
    ----------
    y_hat : ndarray (n_y, m, T_x)
    Y : int array (m, T_x) (or list of T_x when m = 1)
    a : ndarray (n_a, m, T_x)
        Hidden states from `lstm_forward`.
    parameters : dict with Wy (n_y, n_a).

    Returns
    -------
    dict with dWy (n_y, n_a), dby (n_y, 1), and da (n_a, m, T_x): the gradient that flows
    from the predictions into each hidden state, the input of `lstm_backward`.
    """
    n_y, m, T_x = y_hat.shape
    Y = as_targets(Y, m, T_x)
    dz = y_hat.copy()
    i, t = np.meshgrid(np.arange(m), np.arange(T_x), indexing="ij")
    dz[Y, i, t] -= 1.0
    dz /= m * T_x
    dWy = np.einsum("ymt,amt->ya", dz, a)
    dby = dz.sum(axis=(1, 2))[:, None]
    da = np.einsum("ya,ymt->amt", parameters["Wy"], dz)
    return {"dWy": dWy, "dby": dby, "da": da}


def lstm_cell_backward(da_next, dc_next, cache):
    """Gradients of one LSTM step, by the chain rule.

    da_next is dL/da<t> (from the prediction at t and from step t+1); dc_next is dL/dc<t>
    arriving from step t+1 through c<t+1> = Gamma_f c<t> + .... Since a<t> = Gamma_o tanh(c<t>),
    the cell state collects

        dc<t> = dc_next + da_next * Gamma_o * (1 - tanh^2 c<t>)

    and the gradients with respect to each gate's pre-activation z (z_f = Wf concat + bf, ...) are

        dz_o = da_next * tanh(c<t>) * Gamma_o (1 - Gamma_o)
        dz_c = dc<t> * Gamma_u * (1 - c~^2)
        dz_u = dc<t> * c~ * Gamma_u (1 - Gamma_u)
        dz_f = dc<t> * c<t-1> * Gamma_f (1 - Gamma_f)

    so that dW_g = dz_g concat^T, db_g = sum over the batch of dz_g, and
    d concat = sum_g W_g^T dz_g, split into da_prev (first n_a rows) and dxt (last n_x rows).
    Finally dc_prev = dc<t> * Gamma_f.

    Parameters
    ----------
    da_next : ndarray (n_a, m)
    dc_next : ndarray (n_a, m)
    cache : tuple from `lstm_cell_forward`

    Returns
    -------
    gradients : dict
        dxt (n_x, m), da_prev (n_a, m), dc_prev (n_a, m), dWf, dWi, dWc, dWo (n_a, n_a + n_x),
        dbf, dbi, dbc, dbo (n_a, 1). (dft, dit, dcct, dot in the original notebook's code are
        the dz above.)
    """
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_a = a_next.shape[0]

    tanh_c = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1.0 - tanh_c ** 2)       # total gradient into c<t>

    dot = da_next * tanh_c * ot * (1.0 - ot)
    dcct = dc * it * (1.0 - cct ** 2)
    dit = dc * cct * it * (1.0 - it)
    dft = dc * c_prev * ft * (1.0 - ft)

    concat = np.concatenate((a_prev, xt), axis=0)
    dconcat = (parameters["Wf"].T @ dft + parameters["Wi"].T @ dit
               + parameters["Wc"].T @ dcct + parameters["Wo"].T @ dot)

    return {
        "dxt": dconcat[n_a:], "da_prev": dconcat[:n_a], "dc_prev": dc * ft,
        "dWf": dft @ concat.T, "dbf": dft.sum(axis=1, keepdims=True),
        "dWi": dit @ concat.T, "dbi": dit.sum(axis=1, keepdims=True),
        "dWc": dcct @ concat.T, "dbc": dcct.sum(axis=1, keepdims=True),
        "dWo": dot @ concat.T, "dbo": dot.sum(axis=1, keepdims=True),
    }


def lstm_backward(da, caches):
    """Backpropagation through time: `lstm_cell_backward` from t = T_x down to t = 1.

    At each step the hidden state receives two gradients, the one from its own prediction,
    da[:, :, t], and the one from the next step, da_prev; the cell state receives dc_prev
    from the next step. Weight gradients are summed over the steps, because the same weights
    are used at every step.

    Parameters
    ----------
    da : ndarray (n_a, m, T_x)
        dL/da<t> coming from the predictions (``output_layer_backward(...)["da"]``).
    caches : tuple from `lstm_forward`

    Returns
    -------
    gradients : dict
        dx (n_x, m, T_x), da0 (n_a, m), dc0 (n_a, m), dWf, dWi, dWc, dWo (n_a, n_a + n_x),
        dbf, dbi, dbc, dbo (n_a, 1).
    """
    cell_caches, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]

    dx = np.zeros((n_x, m, T_x), dtype=da.dtype)
    da_prevt = np.zeros((n_a, m), dtype=da.dtype)
    dc_prevt = np.zeros((n_a, m), dtype=da.dtype)
    gradients = {}
    for key in ("dWf", "dWi", "dWc", "dWo"):
        gradients[key] = np.zeros((n_a, n_a + n_x), dtype=da.dtype)
    for key in ("dbf", "dbi", "dbc", "dbo"):
        gradients[key] = np.zeros((n_a, 1), dtype=da.dtype)

    for t in reversed(range(T_x)):
        step = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, cell_caches[t])
        da_prevt, dc_prevt = step["da_prev"], step["dc_prev"]
        dx[:, :, t] = step["dxt"]
        for key in gradients:
            gradients[key] += step[key]

    gradients.update(dx=dx, da0=da_prevt, dc0=dc_prevt)
    return gradients


def loss_and_gradients(x, Y, a0, parameters, c0=None):
    """Forward, loss and backward for one batch: what one training step needs.

    Parameters
    ----------
    x : ndarray (n_x, m, T_x), one-hot inputs.
    Y : int array (m, T_x), the next characters.
    a0, c0 : ndarray (n_a, m), initial states (c0 defaults to zeros).
    parameters : dict.

    Returns
    -------
    loss : float, mean nats per character (from the scores, see `compute_loss_from_logits`).
    gradients : dict with every parameter's gradient (dWf ... dby) and dx, da0, dc0.
    a, c : ndarray (n_a, m, T_x), the hidden and cell states (a[:, :, -1] and c[:, :, -1]
        start the next window).
    """
    a, y_hat, c, caches = lstm_forward(x, a0, parameters, c0)
    z = np.einsum("ya,amt->ymt", parameters["Wy"], a) + parameters["by"][:, :, None]
    loss = compute_loss_from_logits(z, Y)             # log-softmax: finite for any scores
    out = output_layer_backward(y_hat, Y, a, parameters)
    gradients = lstm_backward(out["da"], caches)     # one backward pass (the original: two)
    gradients["dWy"], gradients["dby"] = out["dWy"], out["dby"]
    return loss, gradients, a, c
