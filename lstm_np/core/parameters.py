"""Creating the parameters of the LSTM and of its softmax output layer."""
import numpy as np

from .rng import as_generator

GATES = ("f", "i", "c", "o")
"""The four blocks of the cell, in the original notebook's order: forget, update (input),
candidate, output."""

PARAMETER_NAMES = ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo", "Wy", "by")


def initialize_parameters(n_a, n_x, n_y, rng=0, dtype=np.float64):
    """Random LSTM and output weights (the original notebook's scale; Glorot's for Wy); zero biases.

    Shapes (the original notebook's, with n_a = 100 hidden units and n_x = n_y = vocabulary size):

    ======  ===============  ====================================================
    Wf, bf  (n_a, n_a+n_x),  forget gate  Gamma_f = sigma(Wf [a_prev; x_t] + bf)
            (n_a, 1)
    Wi, bi  same             update gate  Gamma_u = sigma(Wi [a_prev; x_t] + bi)
    Wc, bc  same             candidate    c~      = tanh(Wc [a_prev; x_t] + bc)
    Wo, bo  same             output gate  Gamma_o = sigma(Wo [a_prev; x_t] + bo)
    Wy, by  (n_y, n_a),      prediction   y       = softmax(Wy a + by)
            (n_y, 1)
    ======  ===============  ====================================================

    The gate matrices are drawn from N(0, 2 / (n_a + n_x)) as in the original notebook, which
    calls it Xavier. 2 / fan_in is He's variance, derived for ReLU units (they zero half of
    their inputs: hence the 2); for sigmoid and tanh units the textbook choices are Glorot's,
    2 / (fan_in + fan_out) = 2 / (2 n_a + n_x), or LeCun's, 1 / fan_in, and PyTorch's nn.LSTM
    draws U(-1/sqrt(n_a), 1/sqrt(n_a)); the series keeps the original's scale to compare with
    it (lesson 01). The original notebook gave Wy the same scale,
    although Wy maps n_a numbers to n_y numbers; here Wy gets its own Glorot scale,
    sqrt(2 / (n_a + n_y)) (the same number while n_x = n_y, but right for any sizes).

    Parameters
    ----------
    n_a, n_x, n_y : int
        Hidden units, input size, output size.
    rng : numpy.random.Generator, int (a seed; default 0, so the same call gives the same
        weights) or None (fresh randomness). The original notebook called the global
        ``np.random.seed(1)`` here, which silently reset everybody's random state.
    dtype : numpy dtype, float64 (default) or float32.

    Returns
    -------
    parameters : dict with keys Wf, bf, Wi, bi, Wc, bc, Wo, bo, Wy, by.
    """
    rng = as_generator(rng)
    std_gate = np.sqrt(2.0 / (n_a + n_x))
    std_out = np.sqrt(2.0 / (n_a + n_y))
    parameters = {}
    for g in GATES:
        parameters["W" + g] = (rng.standard_normal((n_a, n_a + n_x)) * std_gate).astype(dtype)
        parameters["b" + g] = np.zeros((n_a, 1), dtype=dtype)
    parameters["Wy"] = (rng.standard_normal((n_y, n_a)) * std_out).astype(dtype)
    parameters["by"] = np.zeros((n_y, 1), dtype=dtype)
    return parameters


def sizes(parameters):
    """Return (n_a, n_x, n_y) read off the parameter shapes."""
    n_y, n_a = parameters["Wy"].shape
    n_x = parameters["Wf"].shape[1] - n_a
    return n_a, n_x, n_y
