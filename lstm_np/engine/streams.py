"""How training reads the text: m parallel streams, consecutive windows, a new offset per epoch.

This fixes the original notebook's loop, which moved its 25-character window one character
per iteration and so saw only the first ~10,000 characters of the book:

    training text, indices 0 .. N-1, cut into m streams of length L = (N - 1) // m:

    |o|--- stream 0: W windows of T_x ---|..|o|--- stream 1 ---|..| ... |o|-- stream m-1 --|...
     ^ the offset o, drawn at the start of every epoch

    update w + 1 of an epoch reads window w of every stream i:
        X[i] = ix[o + i L + w T_x : o + i L + (w + 1) T_x]       inputs
        Y[i] = ix[o + i L + w T_x + 1 : o + i L + (w + 1) T_x + 1]  targets: the next characters

An epoch is W = L // T_x updates. Each stream's hidden and cell states (a, c) are carried from
window w to window w + 1, which is the text that follows, so the network sees context longer
than T_x (gradients are cut at window borders: truncated BPTT). At the start of an epoch the
states are zero.

W T_x characters of each stream are read per epoch; the rest (less than T_x per stream, and
the last (N - 1) - m L characters of the text) is left out. With o = 0 in every epoch it
would be the same characters every time, never trained on; so o is drawn in
0 .. N - 1 - (m - 1) L - W T_x from the training generator at the start of each epoch, and what
one epoch leaves out another one reads. The last window of the last stream ends at most at
index N - 1: no index reaches the validation text.
"""
import numpy as np

from ..errors import CheckpointError, DataError
from ..i18n import _


class Streams:
    """The m streams over the training indices: position, offset and carried states.

    Parameters
    ----------
    ix : int array (N,), the training text's character indices.
    m, T : int, streams (batch size) and window length T_x.
    n_a : int, hidden units (the size of the carried states).
    dtype : dtype of the states.

    Attributes
    ----------
    stream_length : L = (N - 1) // m.
    windows_per_epoch : W = L // T.
    max_offset : the largest offset o.
    epoch, window, offset : where the next update reads (window w of epoch e, offset o).
    a, c : arrays (m, n_a), the states the next window starts from (rows: one per stream).
    """

    def __init__(self, ix, m, T, n_a, dtype):
        self.ix, self.m, self.T = ix, m, T
        self.stream_length = (len(ix) - 1) // m
        self.windows_per_epoch = self.stream_length // T
        if self.windows_per_epoch < 1:
            raise DataError(_("the training text has {n} characters: too short for {m} streams "
                              "of windows of {T}; it needs at least {needed} (use a smaller "
                              "--batch-size or --seq-length, or a longer text)")
                            .format(n=len(ix), m=m, T=T, needed=m * T + 1))
        self.max_offset = len(ix) - 1 - (m - 1) * self.stream_length \
            - self.windows_per_epoch * T
        # positions of window 0 at offset 0: stream i, step t -> i L + t
        self._base = (np.arange(m) * self.stream_length)[:, None] + np.arange(T)[None, :]
        self.epoch = self.window = self.offset = 0
        self.a = np.zeros((m, n_a), dtype=dtype)
        self.c = np.zeros((m, n_a), dtype=dtype)

    def start_epoch(self, rng):
        """Window 0, zero states, and a new offset o drawn from `rng` (a numpy Generator)."""
        self.offset = int(rng.integers(0, self.max_offset + 1))
        self.window = 0
        self.a[...] = 0.0
        self.c[...] = 0.0

    def positions(self):
        """Int array (m, T): the text positions of the inputs of the current window."""
        return self._base + (self.offset + self.window * self.T)

    def batch(self):
        """Inputs X and targets Y of the current window, int arrays (m, T): Y = X shifted by one."""
        idx = self.positions()
        return self.ix[idx], self.ix[idx + 1]

    def advance(self, a, c, rng):
        """After an update: keep the states (m, n_a) the window ended with, move to the next
        window; after the last window of the epoch, start the next epoch (see `start_epoch`)."""
        self.a, self.c = a, c
        self.window += 1
        if self.window == self.windows_per_epoch:
            self.epoch += 1
            self.start_epoch(rng)

    def progress(self):
        """The position, for a checkpoint: dict with epoch, window and offset."""
        return {"epoch": self.epoch, "window": self.window, "offset": self.offset}

    def restore(self, path, progress, t, a, c):
        """Take up the position of a checkpoint (`path`, for messages) after t updates.

        progress : dict with epoch, window, offset (whole numbers, checked by the loader);
        a, c : arrays (m, n_a). CheckpointError, naming the field, if the window or the
        offset is outside this text's epoch, or if epoch * W + window is not t.
        """
        for name, top in (("window", self.windows_per_epoch - 1), ("offset", self.max_offset)):
            if not 0 <= progress[name] <= top:
                raise CheckpointError(_("{path}: progress.{name} is {value}, outside 0 .. {top} "
                                        "for this text and settings")
                                      .format(path=path, name=name, value=progress[name],
                                              top=top))
        if progress["epoch"] * self.windows_per_epoch + progress["window"] != t:
            raise CheckpointError(_(
                "{path}: progress.epoch = {epoch} and progress.window = {window} do not add up "
                "to t = {t} updates ({W} per epoch)").format(
                    path=path, epoch=progress["epoch"], window=progress["window"], t=t,
                    W=self.windows_per_epoch))
        self.epoch, self.window, self.offset = (progress[k] for k in ("epoch", "window",
                                                                       "offset"))
        self.a[...] = a
        self.c[...] = c
