"""Generating text: temperature and top-k sampling from a trained network.

At each step the network gives scores z = Wy a<t> + by for the next character. Sampling

    p = softmax(z / T)          temperature T > 0: T < 1 sharpens, T > 1 flattens
    keep the k largest p, renormalise, draw one character, feed it back as x<t+1>

With k = 1 only the most likely character is kept: greedy decoding.
"""
import bisect
import itertools
import unicodedata

import numpy as np

from ..arguments import as_generator, positive_number, whole
from ..engine.fast import FusedStepper
from .forward import lstm_cell_forward
from ..i18n import _


def check_sampling_arguments(temperature, k, vocab_size, length=1):
    """Check temperature, k and length; return (temperature, k, length) as float, int, int.

    Raises ValueError with a clear message if one is unusable: temperature must be a finite
    number > 0, k a whole number from 1 to the vocabulary size (None means all of it),
    length a whole number >= 1.
    """
    temperature = positive_number(temperature, "temperature")
    k = vocab_size if k is None else whole(k, "k", low=1, high=vocab_size)
    length = whole(length, "length", low=1)
    return temperature, k, length


def _top_k_distribution(scores, temperature, k):
    """The k most likely characters and their probabilities at this temperature.

    scores : (n_y,), the logits z, or log y_hat (the same up to a constant, which cancels).

    Returns top, the indices of the k largest scores in increasing order (the original's
    np.argsort(p)[-k:]: the least likely of the k first; ties by index), and
    p = softmax(scores[top] / T), computed as e^{(s - s_max) / T} / sum so that the exponent
    is <= 0 and never overflows (a tiny T makes far scores -inf, whose e^ is 0).
    """
    top = np.argsort(scores, kind="stable")[-k:]
    p = np.exp((scores[top] - scores[top[-1]]) / temperature)   # callers ignore overflow
    return top, p / p.sum()


def normalise_prime(prime):
    """The priming text in Unicode NFC, as the corpus is: "e" + U+0301 becomes one "é"."""
    return unicodedata.normalize("NFC", prime) if isinstance(prime, str) else prime


def _prime_indices(char_to_ix, prime):
    """The indices of the priming text (NFC-normalised); ValueError naming unknown characters."""
    if not isinstance(prime, str) or not prime:
        raise ValueError(_("the priming text must be a non-empty string, got {prime!r}")
                         .format(prime=prime))
    prime = normalise_prime(prime)
    missing = sorted(set(prime) - set(char_to_ix))
    if missing:
        raise ValueError(_("the priming text has characters the model does not know: "
                           "{missing!r} ({codes}); use only these: {known!r}")
                         .format(missing="".join(missing), known="".join(sorted(char_to_ix)),
                                 codes=", ".join(f"U+{ord(ch):04X}" for ch in missing)))
    return [char_to_ix[ch] for ch in prime]


def next_char_distribution(parameters, char_to_ix, prime, temperature=1.0, k=None):
    """Probabilities of the next character after reading `prime`, after temperature and top-k.

    Returns an array of shape (n_y,) that sums to 1 and is 0 outside the top k (k=None keeps
    every character). This is what `sample_top_k` draws from at its first step.
    """
    vocab_size = parameters["by"].shape[0]
    temperature, k, _ = check_sampling_arguments(temperature, k, vocab_size)
    stepper = FusedStepper(parameters)
    with np.errstate(over="ignore"):
        for ix in _prime_indices(char_to_ix, prime):
            z = stepper.step(ix)
    with np.errstate(over="ignore"):            # tiny T: far scores / T are -inf, p = 0
        top, p_top = _top_k_distribution(z, temperature, k)
    p = np.zeros(vocab_size)
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
        original replaced an unknown one with a space without saying so; here it is an error).
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
    temperature, k, length = check_sampling_arguments(temperature, k, n_y, length)
    prime = _prime_indices(char_to_ix, seed)
    rng = as_generator(rng)                     # None: fresh randomness; an int: a seed
    dtype = parameters["Wy"].dtype

    a_prev = np.zeros((n_a, 1), dtype=dtype)
    c_prev = np.zeros((n_a, 1), dtype=dtype)
    for idx in prime:                                   # read the priming text
        x = np.zeros((n_y, 1), dtype=dtype)
        x[idx] = 1.0
        a_prev, c_prev, y_hat, _ = lstm_cell_forward(x, a_prev, c_prev, parameters)
    indices = []
    with np.errstate(divide="ignore", over="ignore"):   # log 0 = -inf; tiny T: p = 0
        for _ in range(length):
            scores = np.log(y_hat[:, 0])                # log y_hat = z - log sum e^z
            top_k_indices, top_k_probs = _top_k_distribution(scores, temperature, k)
            choice = int(rng.choice(top_k_indices, p=top_k_probs))   # one of the top k
            indices.append(choice)
            x = np.zeros((n_y, 1), dtype=dtype)         # feed the choice back, one-hot
            x[choice] = 1.0
            a_prev, c_prev, y_hat, _ = lstm_cell_forward(x, a_prev, c_prev, parameters)
    return indices


def generate(parameters, vocab, prime, temperature=1.0, k=5, *, length=300, rng=None):
    """Text of `sample_top_k`, fast: `prime` followed by `length` generated characters.

    The arguments of `sample_top_k`, in its order (a Vocabulary instead of char_to_ix).

    The draws of `sample_top_k` (the uniform numbers that its rng.choice would use, from
    the same top-k distribution), on `fast.FusedStepper` instead of `lstm_cell_forward`:
    for the same generator it writes the same text (a test checks it), up to round-off,
    in a few milliseconds, which the sliders need. rng=None means fresh randomness, as in
    `sample_top_k`.
    """
    temperature, k, length = check_sampling_arguments(temperature, k, vocab.size, length)
    rng = as_generator(rng)
    stepper = FusedStepper(parameters)
    for ix in _prime_indices(vocab.char_to_ix, prime):
        z = stepper.step(ix)
    # rng.choice(top, p=p) draws u = rng.random() and takes top[i] for the first i whose
    # cumulative probability exceeds u. The same, with the k probabilities left unnormalised
    # (u is scaled by their sum instead) and summed as Python floats: the draws are made in
    # one batch, the text is the same up to round-off (a u within ~1e-16 of a boundary).
    draws = rng.random(length).tolist()
    indices = []
    with np.errstate(over="ignore"):            # tiny T: far scores / T are -inf, p = 0
        for u in draws:
            top = np.argsort(z, kind="stable")[-k:]               # as _top_k_distribution
            p = z[top]
            p -= p[-1]
            p /= temperature
            np.exp(p, out=p)
            cdf = list(itertools.accumulate(p.tolist()))
            indices.append(int(top[bisect.bisect_right(cdf, u * cdf[-1])]))
            z = stepper.step(indices[-1])
    return normalise_prime(prime) + vocab.decode(indices)


def stream_top_k(parameters, char_to_ix, prime, temperature=1.0, k=5, *, length=300,
                 rng=None):
    """The characters of `sample_top_k`, yielded one index at a time as they are drawn.

    The same draws as `generate` (and so the text of `sample_top_k` for the same generator),
    for a caller that shows the text while it is generated: the command line's `sample`.
    Arguments are checked before the first index is yielded.
    """
    temperature, k, length = check_sampling_arguments(temperature, k,
                                                      parameters["by"].shape[0], length)
    rng = as_generator(rng)
    stepper = FusedStepper(parameters)
    with np.errstate(over="ignore"):
        for ix in _prime_indices(char_to_ix, prime):
            z = stepper.step(ix)
    with np.errstate(over="ignore"):            # e^{large} = inf in a gate is sigma = 0
        for _step in range(length):
            top_k_indices, top_k_probs = _top_k_distribution(z, temperature, k)
            ix = int(rng.choice(top_k_indices, p=top_k_probs))
            yield ix
            z = stepper.step(ix)

