"""Evaluation: the mean loss per character of a network on a text it did not train on."""
import numpy as np

from ..arguments import encode
from ..storage.corpus import split_text
from .fast import FastLSTM, flatten


def evaluate_indices(net, ix, streams=8, chunk=200):
    """Mean loss per character (nats) of the network on the index sequence `ix`.

    The text is cut into `streams` consecutive parts read in parallel, each from zero states,
    with the states carried over chunks of `chunk` characters. Every character but the first
    of each part is predicted once.
    """
    m = max(1, min(streams, (len(ix) - 1) // 2))
    L = (len(ix) - 1) // m
    dtype = net.theta.dtype
    a = np.zeros((m, net.n_a), dtype=dtype)
    c = np.zeros((m, net.n_a), dtype=dtype)
    starts = np.arange(m) * L
    total, count = 0.0, 0
    for s in range(0, L, chunk):
        T = min(chunk, L - s)
        idx = starts[:, None] + s + np.arange(T)[None, :]
        loss, a, c = net.loss(ix[idx], ix[idx + 1], a, c)
        total += loss * m * T
        count += m * T
    return total / count


def evaluate(parameters, vocab, text, val_fraction=0.1, streams=8):
    """Validation loss (nats per character) of a parameter dict on the held-out end of `text`."""
    _train, val = split_text(text, val_fraction)
    ix = encode(vocab, val)
    n_y, n_a = parameters["Wy"].shape
    net = FastLSTM(flatten(parameters), n_a, n_y, n_y)
    return evaluate_indices(net, ix, streams)
