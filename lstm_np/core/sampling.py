"""Generating text: temperature and top-k sampling from a trained network.

At each step the network gives scores z = Wy a<t> + by for the next character. Sampling

    p = softmax(z / T)          temperature T > 0: T < 1 sharpens, T > 1 flattens
    keep the k largest p, renormalise, draw one character, feed it back as x<t+1>

With k = 1 only the most likely character is kept: greedy decoding. The fast version that the
sliders and the command line use, with its argument checks, is `lstm_np.engine.generation`;
it draws from `top_k_distribution` below.
"""
import numpy as np

from .forward import lstm_cell_forward
from .rng import as_generator


def top_k_distribution(scores, temperature, k):
    """The k most likely characters and their probabilities at this temperature.

    scores : (n_y,), the logits z, or log y_hat (the same up to a constant, which cancels).

    Returns top, the indices of the k largest scores in increasing order (the original's
    np.argsort(p)[-k:]: the least likely of the k first; ties by index), and
    p = softmax(scores[top] / T), computed as e^{(s - s_max) / T} / sum so that the exponent
    is <= 0 and never overflows (a tiny T makes far scores -inf, whose e^ is 0).
    """
    top = np.argsort(scores, kind="stable")[-k:]
    p = np.exp((scores[top] - scores[top[-1]]) / temperature)
    return top, p / p.sum()


def next_char_distribution(parameters, char_to_ix, prime, temperature=1.0, k=None):
    """Probabilities of the next character after reading `prime`, after temperature and top-k.

    Returns an array of shape (n_y,) that sums to 1 and is 0 outside the top k (k=None keeps
    every character). This is what `sample_top_k` draws from at its first step.
    """
    n_y, n_a = parameters["Wy"].shape
    dtype = parameters["Wy"].dtype
    a = np.zeros((n_a, 1), dtype=dtype)
    c = np.zeros((n_a, 1), dtype=dtype)
    for ch in prime:
        x = np.zeros((n_y, 1), dtype=dtype)
        x[char_to_ix[ch]] = 1.0
        a, c, y_hat, _cache = lstm_cell_forward(x, a, c, parameters)
    with np.errstate(divide="ignore", over="ignore"):   # log 0 = -inf; tiny T: p = 0
        top, p_top = top_k_distribution(np.log(y_hat[:, 0]), temperature,
                                        n_y if k is None else k)
    p = np.zeros(n_y)
    p[top] = p_top
    return p


def sample_top_k(parameters, char_to_ix, seed, temperature=1.0, k=5, *, length=300,
                 rng=None):
    """Generate `length` characters after the priming text `seed`, with top-k sampling.

    The original notebook's loop over `lstm_cell_forward`: the network first reads every
    character of `seed` (warming up a and c); then, `length` times, it draws the next
    character among the k most likely ones at the given temperature and feeds it back as
    the next input x<t+1>.

    Parameters
    ----------
    parameters : dict of trained parameters.
    char_to_ix : dict char -> index.
    seed : str, the priming text: one or more characters, all in the vocabulary (the
        original replaced an unknown one with a space without saying so; here its lookup
        fails: `lstm_np.generate` says which characters the model knows).
    temperature : float > 0.
    k : int in 1 .. vocabulary size (None: all); 1 is greedy decoding.
    length : int >= 1 (keyword-only), number of characters generated.
    rng : numpy Generator or int seed (keyword-only); None means fresh randomness from the
        operating system, so every call gives another text (as the original's global
        np.random did), while a generator or a seed gives one text every time.

    Returns
    -------
    list of `length` int indices (the generated characters, without the priming text `seed`).
    """
    n_y, n_a = parameters["Wy"].shape
    k = n_y if k is None else k
    rng = as_generator(rng)
    dtype = parameters["Wy"].dtype

    a_prev = np.zeros((n_a, 1), dtype=dtype)
    c_prev = np.zeros((n_a, 1), dtype=dtype)
    for ch in seed:                                     # read the priming text
        x = np.zeros((n_y, 1), dtype=dtype)
        x[char_to_ix[ch]] = 1.0
        a_prev, c_prev, y_hat, _cache = lstm_cell_forward(x, a_prev, c_prev, parameters)
    indices = []
    with np.errstate(divide="ignore", over="ignore"):   # log 0 = -inf; tiny T: p = 0
        for _step in range(length):
            scores = np.log(y_hat[:, 0])                # log y_hat = z - log sum e^z
            top_k_indices, top_k_probs = top_k_distribution(scores, temperature, k)
            choice = int(rng.choice(top_k_indices, p=top_k_probs))   # one of the top k
            indices.append(choice)
            x = np.zeros((n_y, 1), dtype=dtype)         # feed the choice back, one-hot
            x[choice] = 1.0
            a_prev, c_prev, y_hat, _cache = lstm_cell_forward(x, a_prev, c_prev, parameters)
    return indices
