"""Activation functions of the LSTM: the sigmoid of the gates and the softmax of the output.

Both work element-wise (sigmoid) or column-wise (softmax) on arrays of any shape, so they
serve a single vector of shape (n, 1), a batch (n, m) and a whole sequence (n, m, T_x).
"""
import numpy as np


def sigmoid(x):
    """Logistic sigmoid, sigma(x) = 1 / (1 + exp(-x)), used by every gate.

    Written so that exp never sees a large positive number: for x >= 0 it uses
    1 / (1 + e^{-x}), for x < 0 the equal form e^{x} / (1 + e^{x}). So sigmoid(-1000) is 0.0
    and sigmoid(1000) is 1.0, without an overflow warning.

    Parameters
    ----------
    x : ndarray of any shape

    Returns
    -------
    ndarray of the same shape, values in [0, 1].
    """
    x = np.asarray(x)
    e = np.exp(-np.abs(x))                      # in (0, 1]: never overflows
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softmax(x):
    """Softmax over axis 0: softmax(x)_k = e^{x_k - max(x)} / sum_j e^{x_j - max(x)}.

    Axis 0 runs over the n_y characters of the vocabulary; every other axis (the batch m, the
    time T_x) is an independent distribution. The maximum is subtracted column by column, so
    e^(...) is at most 1 and never overflows. (The original notebook subtracted one maximum for
    the whole array, which lets a column far below the others underflow to 0/0 = nan.)

    Parameters
    ----------
    x : ndarray of shape (n_y, ...)
        Scores (logits) z = W_y a + b_y.

    Returns
    -------
    ndarray of the same shape whose columns are positive and sum to 1.
    """
    e_x = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e_x / e_x.sum(axis=0, keepdims=True)


def log_softmax(x):
    """log softmax over axis 0, computed without taking the log of a probability:

        log softmax(x)_k = (x_k - max x) - log sum_j e^{x_j - max x}

    The sum is at least 1 (the largest term is e^0), so its log is finite, and the result is
    finite for finite x even where softmax(x)_k itself underflows to 0 (a score more than
    ~745 below the maximum in float64, ~104 in float32), where log(softmax(x)) gives -inf.
    This is what the training loss uses.

    Parameters
    ----------
    x : ndarray of shape (n_y, ...), scores.

    Returns
    -------
    ndarray of the same shape, every column's log-probabilities (all <= 0).
    """
    shifted = x - np.max(x, axis=0, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
