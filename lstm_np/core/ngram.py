"""Character n-gram models: counts, the baseline every loss of the series is read against.

An n-gram model predicts a character c from the n - 1 characters before it, its context
h = x<t-n+1> ... x<t-1>, with nothing but counts in the training text, smoothed by adding k to
every count (add-k smoothing; k = 1 is Laplace's rule):

    P(c | h) = (N(h, c) + k) / (N(h) + k V),        N(h) = sum_c N(h, c),

where N(h, c) is how often h is followed by c and V the vocabulary size. For n = 1 the context
is empty and P(c) = (N(c) + k) / (N + k V). The loss of the model on a text is the mean of
-ln P(x<t> | h<t>) over its characters, in nats per character: the measure of the network's
validation loss, so the two can be read side by side.

A gram of n characters is stored as one integer, its n indices written in base V (the first
character is the most significant digit), so that the counts are ``np.unique`` of a vector and
a context is a gram's code divided by V.
"""
import numpy as np


def ngram_codes(ix, n, V):
    """The n-gram that starts at each position of ix, as one integer in base V.

    code[t] = ix[t] V^(n-1) + ix[t+1] V^(n-2) + ... + ix[t+n-1]

    Parameters
    ----------
    ix : int array (N,), character indices in 0 .. V-1.
    n : int >= 1, characters per gram.
    V : int, vocabulary size (V^n must fit in int64: n = 5 with V = 100 is 10^10).

    Returns
    -------
    int64 array (N - n + 1,).
    """
    ix = np.asarray(ix, dtype=np.int64)
    count = len(ix) - n + 1
    codes = np.zeros(count, dtype=np.int64)
    for j in range(n):
        codes = codes * V + ix[j:j + count]
    return codes


def ngram_counts(ix, n, V):
    """Count every n-gram of the training indices ix, and every context.

    Parameters
    ----------
    ix : int array (N,), the training text's character indices.
    n : int >= 1; V : int, vocabulary size.

    Returns
    -------
    dict with
        n, V : the sizes.
        grams, gram_counts : int arrays (G,), the distinct grams' codes, sorted, and N(h, c).
        contexts, context_counts : int arrays (H,), the distinct contexts' codes (a gram's
            code // V), sorted, and N(h) = sum_c N(h, c).
    """
    grams, gram_counts = np.unique(ngram_codes(ix, n, V), return_counts=True)
    contexts, which = np.unique(grams // V, return_inverse=True)
    context_counts = np.bincount(which, weights=gram_counts).astype(np.int64)
    return {"n": n, "V": V, "grams": grams, "gram_counts": gram_counts,
            "contexts": contexts, "context_counts": context_counts}


def lookup(keys, values, queries):
    """values[i] where keys[i] == query, 0 for a query not in keys (keys sorted, unique)."""
    if len(keys) == 0:
        return np.zeros(len(queries), dtype=np.int64)
    i = np.minimum(np.searchsorted(keys, queries), len(keys) - 1)
    return np.where(keys[i] == queries, values[i], 0)


def ngram_loss(counts, ix, k, start):
    """Mean -ln P(ix[t] | ix[t-n+1 .. t-1]) over t = start .. len(ix) - 1, in nats per character.

    P is the add-k smoothed probability of the module docstring. The context of the first
    characters comes from before `start` (for the validation text: the end of the training
    text), so every character from `start` on is predicted.

    Parameters
    ----------
    counts : dict from `ngram_counts`.
    ix : int array, the text; start : int >= n - 1, the first position predicted.
    k : float > 0, the smoothing constant.
    """
    n, V = counts["n"], counts["V"]
    codes = ngram_codes(ix[start - n + 1:], n, V)               # the gram that ends at each t
    N_hc = lookup(counts["grams"], counts["gram_counts"], codes)
    N_h = lookup(counts["contexts"], counts["context_counts"], codes // V)
    return float(np.mean(-np.log((N_hc + k) / (N_h + k * V))))


def ngram_baseline(train_ix, val_ix, n, V, ks=tuple(10.0 ** np.arange(-3, 0.5, 0.5))):
    """The validation loss of an add-k n-gram model, with k chosen without the validation text.

    k is the one of `ks` whose model, counted on the first 90 % of the training text, has the
    lowest loss on its last 10 %; the model is then counted on the whole training text and
    measured on the validation text that follows it.

    Parameters
    ----------
    train_ix, val_ix : int arrays, the training and validation text's indices (val follows
        train in the book).
    n : int >= 1; V : int, vocabulary size.
    ks : the smoothing constants tried (default 0.001, 0.003, 0.01, ..., 0.3, 1).

    Returns
    -------
    val_loss : float, nats per character; k : float, the k chosen.
    """
    cut = int(len(train_ix) * 0.9)
    fit = ngram_counts(train_ix[:cut], n, V)
    k = min(ks, key=lambda k: ngram_loss(fit, train_ix, k, start=cut))
    ix = np.concatenate([train_ix, val_ix])
    return ngram_loss(ngram_counts(train_ix, n, V), ix, k, start=len(train_ix)), float(k)
