"""From characters to numbers and back: the vocabulary and one-hot vectors."""
import numpy as np


class Vocabulary:
    """The sorted set of characters of a text, with the original notebook's two dictionaries.

    Attributes
    ----------
    chars : list of str, sorted.
    char_to_ix : dict char -> index.
    ix_to_char : dict index -> char.
    size : int, n_x = n_y of the network.
    """

    def __init__(self, chars):
        chars = list(chars)                  # distinct single characters (arguments.vocabulary)
        self.chars = chars
        self.char_to_ix = {ch: i for i, ch in enumerate(chars)}
        self.ix_to_char = {i: ch for i, ch in enumerate(chars)}
        self.size = len(chars)

    @classmethod
    def from_text(cls, text):
        """Every distinct character of `text`, sorted (as the original notebook did)."""
        return cls(sorted(set(text)))

    def encode(self, text):
        """Return the indices of the characters of `text` as an int array (a KeyError for a
        character the vocabulary does not have: `arguments.encode` names them all)."""
        return np.fromiter((self.char_to_ix[ch] for ch in text), dtype=np.int64,
                           count=len(text))

    def decode(self, indices):
        """Return the text of a sequence of indices."""
        return "".join(self.ix_to_char[int(i)] for i in indices)

    def __len__(self):
        return self.size

    def __eq__(self, other):
        return isinstance(other, Vocabulary) and self.chars == other.chars

    def __repr__(self):
        return f"Vocabulary({self.size} characters: {''.join(self.chars)!r})"


def one_hot(indices, n_x, dtype=np.float64):
    """One-hot encode indices of shape (m, T_x) (or (T_x,) for m = 1) to (n_x, m, T_x).

    x[k, i, t] = 1 where k = indices[i, t], 0 elsewhere.
    """
    indices = np.asarray(indices)
    if indices.ndim == 1:
        indices = indices[None, :]
    m, T_x = indices.shape
    x = np.zeros((n_x, m, T_x), dtype=dtype)
    i, t = np.meshgrid(np.arange(m), np.arange(T_x), indexing="ij")
    x[indices, i, t] = 1.0
    return x
