"""Text from a trained network, fast, for the sliders and the command line.

The draws of `lstm_np.core.sampling.sample_top_k` (the same top-k distribution, the same
uniform numbers its ``rng.choice`` would use) on `fast.FusedStepper` instead of
`lstm_cell_forward`: for the same generator the same text, up to round-off, in a few
milliseconds. Here, at the boundary, the arguments are checked and refused in one line.
"""
import unicodedata

import numpy as np

from ..arguments import positive_number, whole
from ..core.rng import as_generator
from ..core.sampling import top_k_distribution
from ..i18n import _
from .fast import FusedStepper


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


def scores_dtype(parameters, temperature):
    """The dtype to divide the scores by `temperature` in: the parameters' own, unless the
    temperature rounds to 0 in it (5e-324 in float32), which would make the most likely
    character's 0 / 0 a nan: then float64, where z / T gives the limit, greedy decoding."""
    dtype = parameters["Wy"].dtype
    with np.errstate(over="ignore"):            # a huge T is inf in float32: z / T = 0, fine
        return dtype if dtype.type(temperature) > 0 else np.dtype(np.float64)


def normalise_prime(prime):
    """The priming text in Unicode NFC, as the corpus is: "e" + U+0301 becomes one "é"."""
    return unicodedata.normalize("NFC", prime) if isinstance(prime, str) else prime


def prime_indices(char_to_ix, prime):
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


def stream_top_k(parameters, char_to_ix, prime, temperature=1.0, k=5, *, length=300,
                 rng=None):
    """The characters of `sample_top_k`, yielded one index at a time as they are drawn.

    Arguments are checked before the first index is yielded. ``rng.choice(top, p=p)`` draws
    u = rng.random() and takes the first top[i] whose cumulative probability exceeds u; here
    the `length` numbers u are drawn in one batch (the same numbers) and looked up the same
    way.
    """
    temperature, k, length = check_sampling_arguments(temperature, k,
                                                      parameters["by"].shape[0], length)
    rng = as_generator(rng)
    dtype = scores_dtype(parameters, temperature)
    stepper = FusedStepper(parameters)
    with np.errstate(over="ignore"):            # e^{large} = inf in a gate is sigma = 0
        for ix in prime_indices(char_to_ix, prime):
            z = stepper.step(ix)
        for u in _uniforms(rng, length):
            top, p = top_k_distribution(z.astype(dtype, copy=False), temperature, k)
            cdf = np.cumsum(p)
            ix = int(top[np.searchsorted(cdf / cdf[-1], u, side="right")])
            yield ix
            z = stepper.step(ix)


def _uniforms(rng, length, block=4096):
    """rng.random(length), one number at a time, drawn `block` at a time: the same numbers,
    in bounded memory (`sample --length 10000000000` streams, it does not allocate 80 GB)."""
    while length > 0:
        yield from rng.random(min(block, length))
        length -= block


def generate(parameters, vocab, prime, temperature=1.0, k=5, *, length=300, rng=None):
    """Text of `sample_top_k`, fast: `prime` followed by `length` generated characters.

    The arguments of `sample_top_k`, in its order (a Vocabulary instead of char_to_ix);
    rng=None means fresh randomness, as there.
    """
    indices = list(stream_top_k(parameters, vocab.char_to_ix, prime, temperature, k,
                                length=length, rng=rng))
    return normalise_prime(prime) + vocab.decode(indices)
