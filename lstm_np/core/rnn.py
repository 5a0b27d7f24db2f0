"""The plain (vanilla) recurrent network, the LSTM's predecessor, to measure what the gates buy.

No gates and no memory c: one state and one matrix Waa that carries it from step to step,

    a<t> = tanh(Waa a<t-1> + Wax x<t> + ba)          (n_a, m)
    y<t> = softmax(Wy a<t> + by)                      (n_y, m)

with the output layer of the LSTM (the same Wy, by, so `output_layer_backward` serves both).
Backwards, each step multiplies the gradient by the Jacobian

    da<t-1> = Waa^T (da<t> * (1 - a<t>^2)),

the same matrix at every step and tanh' = 1 - tanh^2 <= 1: the product of these factors over
many steps is what vanishes (or explodes). The LSTM's cell state has instead the additive path
dc<t-1> = dc<t> * Gamma_f.

Names and calls follow the LSTM's (`rnn_cell_forward` beside `lstm_cell_forward`, ...); arrays
are (n, m, T_x).
"""
import numpy as np

from .activations import softmax
from .backward import compute_loss_from_logits, output_layer_backward
from .text import one_hot

RNN_PARAMETER_NAMES = ("Waa", "Wax", "ba", "Wy", "by")


def initialize_rnn_parameters(n_a, n_x, n_y, rng=0, dtype=np.float64):
    """Random weights of a plain RNN, at the scales of `initialize_parameters`; zero biases.

    rng: a numpy Generator, a seed (default 0) or None (fresh randomness).

    [Waa | Wax] is drawn like one LSTM gate's W, from N(0, 2 / (n_a + n_x)); Wy from
    N(0, 2 / (n_a + n_y)).

    Returns
    -------
    dict with Waa (n_a, n_a), Wax (n_a, n_x), ba (n_a, 1), Wy (n_y, n_a), by (n_y, 1).
    """
    rng = np.random.default_rng(rng)          # a seed, a Generator (used as it is) or None
    W = rng.standard_normal((n_a, n_a + n_x)) * np.sqrt(2.0 / (n_a + n_x))
    Wy = rng.standard_normal((n_y, n_a)) * np.sqrt(2.0 / (n_a + n_y))
    parameters = {"Waa": W[:, :n_a], "Wax": W[:, n_a:], "ba": np.zeros((n_a, 1)),
                  "Wy": Wy, "by": np.zeros((n_y, 1))}
    return {name: np.ascontiguousarray(p, dtype=dtype) for name, p in parameters.items()}


def rnn_cell_forward(xt, a_prev, parameters):
    """One step: a<t> = tanh(Waa a<t-1> + Wax x<t> + ba), y<t> = softmax(Wy a<t> + by).

    Parameters
    ----------
    xt : ndarray (n_x, m); a_prev : ndarray (n_a, m); parameters : dict (see
    `initialize_rnn_parameters`).

    Returns
    -------
    a_next : (n_a, m); yt_pred : (n_y, m); cache : (a_next, a_prev, xt, parameters).
    """
    a_next = np.tanh(parameters["Waa"] @ a_prev + parameters["Wax"] @ xt + parameters["ba"])
    yt_pred = softmax(parameters["Wy"] @ a_next + parameters["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


def rnn_forward(x, a0, parameters):
    """The cell of `rnn_cell_forward` over T_x steps.

    Parameters
    ----------
    x : ndarray (n_x, m, T_x); a0 : ndarray (n_a, m).

    Returns
    -------
    a : (n_a, m, T_x); y : (n_y, m, T_x); caches : (list of the T_x cell caches, x).
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a = np.zeros((n_a, m, T_x), dtype=parameters["Wy"].dtype)
    y = np.zeros((n_y, m, T_x), dtype=parameters["Wy"].dtype)
    caches = []
    a_next = a0
    for t in range(T_x):
        a_next, y[:, :, t], cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        caches.append(cache)
    return a, y, (caches, x)


def rnn_cell_backward(da_next, cache):
    """Gradients of one step. With dz = da_next * (1 - a<t>^2) (tanh' at the pre-activation):

        dWaa = dz a<t-1>^T     dWax = dz x<t>^T     dba = sum over the batch of dz
        da_prev = Waa^T dz     dxt = Wax^T dz

    Parameters
    ----------
    da_next : ndarray (n_a, m), dL/da<t> (from the prediction at t and from step t+1).
    cache : from `rnn_cell_forward`.

    Returns
    -------
    dict with dxt (n_x, m), da_prev (n_a, m), dWaa (n_a, n_a), dWax (n_a, n_x), dba (n_a, 1).
    """
    a_next, a_prev, xt, parameters = cache
    dz = da_next * (1.0 - a_next ** 2)
    return {"dxt": parameters["Wax"].T @ dz, "da_prev": parameters["Waa"].T @ dz,
            "dWaa": dz @ a_prev.T, "dWax": dz @ xt.T, "dba": dz.sum(axis=1, keepdims=True)}


def rnn_backward(da, caches):
    """Backpropagation through time: `rnn_cell_backward` from t = T_x down to 1.

    Each step receives da[:, :, t] (from its prediction) plus da_prev of step t+1; the weights'
    gradients are summed over the steps.

    Parameters
    ----------
    da : ndarray (n_a, m, T_x), dL/da<t> from the predictions (`output_layer_backward`).
    caches : from `rnn_forward`.

    Returns
    -------
    dict with dx (n_x, m, T_x), da0 (n_a, m), dWaa, dWax, dba.
    """
    cell_caches, x = caches
    n_a, m, T_x = da.shape
    parameters = cell_caches[0][3]
    gradients = {"d" + name: np.zeros_like(parameters[name]) for name in ("Waa", "Wax", "ba")}
    dx = np.zeros_like(x)
    da_prev = np.zeros((n_a, m), dtype=da.dtype)
    for t in reversed(range(T_x)):
        step = rnn_cell_backward(da[:, :, t] + da_prev, cell_caches[t])
        for key in gradients:
            gradients[key] += step[key]
        dx[:, :, t] = step["dxt"]
        da_prev = step["da_prev"]
    gradients.update(dx=dx, da0=da_prev)
    return gradients


def rnn_loss_and_gradients(x, Y, a0, parameters):
    """Forward, mean loss per character and backward for one batch (the LSTM's
    `loss_and_gradients`, for the plain RNN).

    Parameters
    ----------
    x : ndarray (n_x, m, T_x), one-hot inputs; Y : int array (m, T_x), the next characters;
    a0 : ndarray (n_a, m).

    Returns
    -------
    loss : float, mean nats per character.
    gradients : dict with dWaa, dWax, dba, dWy, dby (and dx, da0).
    a : ndarray (n_a, m, T_x), the hidden states (a[:, :, -1] starts the next window).
    """
    a, y_hat, caches = rnn_forward(x, a0, parameters)
    z = np.einsum("ya,amt->ymt", parameters["Wy"], a) + parameters["by"][:, :, None]
    loss = compute_loss_from_logits(z, Y)
    out = output_layer_backward(y_hat, Y, a, parameters)
    gradients = rnn_backward(out["da"], caches)
    gradients["dWy"], gradients["dby"] = out["dWy"], out["dby"]
    return loss, gradients, a


def rnn_text_loss(parameters, ix, streams=8):
    """Mean loss per character (nats) of the plain RNN on the index sequence ix.

    As the LSTM's evaluation: the text is cut into `streams` consecutive parts read in
    parallel from zero states; every character but the first of each part is predicted once.
    """
    n_y = parameters["Wy"].shape[0]
    m = max(1, min(streams, (len(ix) - 1) // 2))
    L = (len(ix) - 1) // m
    idx = (np.arange(m) * L)[:, None] + np.arange(L)[None, :]          # (m, L)
    x = one_hot(ix[idx], n_y, dtype=parameters["Wy"].dtype)            # (n_y, m, L)
    a0 = np.zeros((parameters["Waa"].shape[0], m), dtype=x.dtype)
    a, _y_hat, _caches = rnn_forward(x, a0, parameters)
    z = np.einsum("ya,amt->ymt", parameters["Wy"], a) + parameters["by"][:, :, None]
    return compute_loss_from_logits(z, ix[idx + 1])
