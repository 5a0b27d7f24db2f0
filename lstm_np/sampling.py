"""Generating text: temperature and top-k sampling from a trained network.

At each step the network gives scores z = Wy a<t> + by for the next character. Sampling

    p = softmax(z / T)          temperature T > 0: T < 1 sharpens, T > 1 flattens
    keep the k largest p, renormalise, draw one character, feed it back as x<t+1>

With k = 1 only the most likely character is kept: greedy decoding.
"""
import math

import numpy as np

from .params import as_generator


def _whole_number(value, name, low, high=None):
    """Return value as an int if it is a whole number in [low, high]; ValueError otherwise."""
    ok = (not isinstance(value, bool) and isinstance(value, (int, float, np.integer, np.floating))
          and math.isfinite(value) and int(value) == value
          and low <= value and (high is None or value <= high))
    if not ok:
        where = f"from {low} to {high}" if high is not None else f">= {low}"
        raise ValueError(f"{name} must be a whole number {where}, got {value!r}")
    return int(value)


def check_sampling_arguments(temperature, k, vocab_size, length=1):
    """Check temperature, k and length; return (temperature, k, length) as float, int, int.

    Raises ValueError with a clear message if one is unusable: temperature must be a finite
    number > 0, k a whole number from 1 to the vocabulary size (None means all of it),
    length a whole number >= 1.
    """
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float, np.number)) \
            or not math.isfinite(temperature) or temperature <= 0:
        raise ValueError(f"temperature must be a finite number > 0, got {temperature!r}")
    k = vocab_size if k is None else _whole_number(k, "k", 1, vocab_size)
    length = _whole_number(length, "length", 1)
    return float(temperature), k, length


class _Stepper:
    """One LSTM cell step for a single sequence, with the four gates fused.

    Same maths as `lstm_cell_forward`, reorganised for speed (a slider move must feel
    instant; each step is a dozen numpy calls on small vectors, so the number of calls is
    what costs):

    - the gate matrices are stacked in the order f, i, o, c~ into one (4 n_a, n_a + n_x)
      matrix, and W x<t> for a one-hot x<t> is the column of W that belongs to the
      character (a lookup, with the bias added in advance);
    - one exp serves all four gates: sigma(z) = 1 / (1 + e^{-z}) and
      tanh(z) = 2 sigma(2 z) - 1, with the rows multiplied in advance by -1 (gates) and
      -2 (candidate), as in fast.py;
    - Wy is stacked under the recurrent part W_a, so that one product of the new a<t> gives
      both the scores z = Wy a<t> + by and the W_a a<t> that the next step needs.
    """

    def __init__(self, parameters):
        n = self.n_a = parameters["Wf"].shape[0]
        dtype = parameters["Wf"].dtype
        scale = np.concatenate([np.full(3 * n, -1.0), np.full(n, -2.0)]).astype(dtype)
        W = np.concatenate([parameters["W" + g] for g in "fioc"]) * scale[:, None]
        b = np.concatenate([parameters["b" + g] for g in "fioc"])[:, 0] * scale
        self.Wx_b = np.ascontiguousarray(W[:, n:].T + b)            # (n_x, 4 n_a): a row per char
        self.M = np.concatenate([W[:, :n], parameters["Wy"]])       # (4 n_a + n_y, n_a)
        self.by = parameters["by"][:, 0]
        self.Ma = np.zeros(self.M.shape[0], dtype=dtype)            # M a<0>, with a<0> = 0
        self.c = np.zeros(n, dtype=dtype)
        self.a = np.zeros(n, dtype=dtype)

    def step(self, ix):
        """Feed character index ix; update (a, c); return the scores z for the next one."""
        n = self.n_a
        g = self.Ma[:4 * n] + self.Wx_b[ix]                          # -z (gates), -2 z (c~)
        np.exp(g, out=g)
        g += 1.0
        np.reciprocal(g, out=g)                                      # Gamma_f, Gamma_u, Gamma_o
        cc = g[3 * n:]
        cc *= 2.0
        cc -= 1.0                                                    # c~ = 2 sigma(2 z) - 1
        self.c = g[:n] * self.c + g[n:2 * n] * cc
        np.tanh(self.c, out=self.a)
        self.a *= g[2 * n:3 * n]                                     # a = Gamma_o * tanh(c)
        np.matmul(self.M, self.a, out=self.Ma)
        return self.Ma[4 * n:] + self.by


def _top_k_distribution(z, temperature, k):
    """Indices of the k largest scores (ties: lower index first) and their probabilities."""
    top = np.argsort(-z, kind="stable")[:k]
    with np.errstate(over="ignore"):             # tiny T: -large / T is -inf, exp gives 0
        zt = (z[top] - z[top[0]]) / temperature  # <= 0 before dividing: never +inf
    p = np.exp(zt)
    return top, p / p.sum()


def _prime_indices(char_to_ix, seed):
    if not isinstance(seed, str) or not seed:
        raise ValueError("the priming text (seed) must be a non-empty string, "
                         f"got {seed!r}")
    missing = sorted(set(seed) - set(char_to_ix))
    if missing:
        raise ValueError(f"the priming text has characters the model does not know: "
                         f"{''.join(missing)!r}; use only these: {''.join(sorted(char_to_ix))!r}")
    return [char_to_ix[ch] for ch in seed]


def next_char_distribution(parameters, char_to_ix, seed, temperature=1.0, k=None):
    """Probabilities of the next character after reading `seed`, after temperature and top-k.

    Returns an array of shape (n_y,) that sums to 1 and is 0 outside the top k (k=None keeps
    every character). This is what `sample_top_k` draws from at its first step.
    """
    vocab_size = parameters["by"].shape[0]
    temperature, k, _ = check_sampling_arguments(temperature, k, vocab_size)
    stepper = _Stepper(parameters)
    for ix in _prime_indices(char_to_ix, seed):
        z = stepper.step(ix)
    top, p_top = _top_k_distribution(z, temperature, k)
    p = np.zeros(vocab_size)
    p[top] = p_top
    return p


def sample_top_k(parameters, char_to_ix, seed, temperature=1.0, k=5, *, length=300, rng=None):
    """Generate `length` characters after the priming text `seed`, with top-k sampling.

    The network first reads every character of `seed` (warming up a and c); then, `length`
    times, it draws the next character among the k most likely ones at the given temperature
    and feeds it back as the next input.

    Parameters
    ----------
    parameters : dict of trained parameters.
    char_to_ix : dict char -> index.
    seed : str, one or more characters, all in the vocabulary (the seed notebook replaced an
        unknown one with a space without saying so; here it is an error).
    temperature : float > 0.
    k : int in 1 .. vocabulary size (None: all); 1 is greedy decoding.
    length : int >= 1, number of characters generated.
    rng : numpy Generator or int seed (None means seed 0), so that a seed gives one text.

    Returns
    -------
    list of `length` int indices (the generated characters, without the seed).
    """
    vocab_size = parameters["by"].shape[0]
    temperature, k, length = check_sampling_arguments(temperature, k, vocab_size, length)
    prime = _prime_indices(char_to_ix, seed)
    rng = as_generator(rng)

    stepper = _Stepper(parameters)
    for ix in prime:
        z = stepper.step(ix)
    indices = []
    uniforms = rng.random(length) if k > 1 else None     # one u per character, drawn at once
    with np.errstate(over="ignore"):         # tiny T: -large / T is -inf, and exp gives 0
        for i in range(length):
            # (array methods such as z.argmax() rather than np.argmax(z): the same function
            # without the wrapper, which costs microseconds per call, i.e. per character)
            if k == 1:
                choice = int(z.argmax())                            # greedy: no randomness
            else:
                # the same distribution as _top_k_distribution, left unnormalised: drawing
                # u in [0, sum p) and finding where it falls in the running sum is the same
                top = (-z).argsort(kind="stable")[:k]
                weights = np.exp((z[top] - z[top[0]]) / temperature).cumsum()
                u = uniforms[i] * weights[-1]
                choice = int(top[min(weights.searchsorted(u), k - 1)])
            indices.append(choice)
            z = stepper.step(choice)
    return indices


def generate(parameters, vocab, prime, length=300, temperature=1.0, k=5, rng=None):
    """Text version of `sample_top_k`: returns `prime` followed by the generated characters."""
    indices = sample_top_k(parameters, vocab.char_to_ix, prime, temperature, k, length=length,
                           rng=rng)
    return prime + vocab.decode(indices)
