"""Forward propagation: one LSTM cell step, then the cell unrolled over T_x steps.

Notation (the original notebook's): at time t the cell reads x<t> and the previous short-term memory
a<t-1> and long-term memory c<t-1>; it computes

    concat   = [a<t-1>; x<t>]                            (n_a + n_x, m)
    Gamma_f  = sigma(Wf concat + bf)      forget gate      (n_a, m)
    Gamma_u  = sigma(Wi concat + bi)      update gate      (n_a, m)
    c~       = tanh (Wc concat + bc)      candidate        (n_a, m)
    c<t>     = Gamma_f * c<t-1> + Gamma_u * c~             (n_a, m)
    Gamma_o  = sigma(Wo concat + bo)      output gate      (n_a, m)
    a<t>     = Gamma_o * tanh(c<t>)                        (n_a, m)
    y<t>     = softmax(Wy a<t> + by)      prediction       (n_y, m)

where * is the element-wise product and m the number of sequences in the batch.
"""
import numpy as np

from .activations import sigmoid, softmax


def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One time step of the LSTM.

    Parameters
    ----------
    xt : ndarray (n_x, m)
        Input at time t (one-hot columns for characters).
    a_prev : ndarray (n_a, m)
        Hidden state (short-term memory) a<t-1>.
    c_prev : ndarray (n_a, m)
        Cell state (long-term memory) c<t-1>.
    parameters : dict
        Wf, bf, Wi, bi, Wc, bc, Wo, bo of shapes (n_a, n_a + n_x) and (n_a, 1); Wy (n_y, n_a),
        by (n_y, 1).

    Returns
    -------
    a_next : ndarray (n_a, m)
        a<t>.
    c_next : ndarray (n_a, m)
        c<t>.
    yt_pred : ndarray (n_y, m)
        y<t>, the predicted distribution over the next character.
    cache : tuple
        (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters), what the backward
        step needs; ft, it, cct, ot are Gamma_f, Gamma_u, c~, Gamma_o.
    """
    concat = np.concatenate((a_prev, xt), axis=0)                       # (n_a + n_x, m)

    ft = sigmoid(parameters["Wf"] @ concat + parameters["bf"])          # forget gate
    it = sigmoid(parameters["Wi"] @ concat + parameters["bi"])          # update gate
    cct = np.tanh(parameters["Wc"] @ concat + parameters["bc"])         # candidate c~
    c_next = ft * c_prev + it * cct                                     # keep some, add some
    ot = sigmoid(parameters["Wo"] @ concat + parameters["bo"])          # output gate
    a_next = ot * np.tanh(c_next)                                       # what the cell shows

    yt_pred = softmax(parameters["Wy"] @ a_next + parameters["by"])     # next-character probs

    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache


def lstm_forward(x, a0, parameters, c0=None):
    """Run the LSTM over all T_x time steps: the cell of `lstm_cell_forward` in a loop.

    Parameters
    ----------
    x : ndarray (n_x, m, T_x)
        Inputs for every time step.
    a0 : ndarray (n_a, m)
        Initial hidden state.
    parameters : dict
        See `lstm_cell_forward`.
    c0 : ndarray (n_a, m), optional
        Initial cell state; zeros when omitted (the original notebook always started from
        zeros). Training on consecutive windows of one text passes the last c of the previous
        window here.

    Returns
    -------
    a : ndarray (n_a, m, T_x)
        Hidden states a<1> ... a<T_x>.
    y : ndarray (n_y, m, T_x)
        Predictions y<1> ... y<T_x>.
    c : ndarray (n_a, m, T_x)
        Cell states c<1> ... c<T_x>.
    caches : tuple
        (list of the T_x cell caches, x), for `lstm_backward`.
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    dtype = parameters["Wy"].dtype

    a = np.zeros((n_a, m, T_x), dtype=dtype)
    c = np.zeros((n_a, m, T_x), dtype=dtype)
    y = np.zeros((n_y, m, T_x), dtype=dtype)
    caches = []

    a_next = a0
    c_next = np.zeros((n_a, m), dtype=dtype) if c0 is None else c0
    for t in range(T_x):                       # the loop over time is the recurrence itself
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t] = a_next
        c[:, :, t] = c_next
        y[:, :, t] = yt
        caches.append(cache)

    return a, y, c, (caches, x)
