"""The recipe of `Trainer` written in PyTorch, for `python -m lstm_np bench --against torch`.

For comparison only: lstm_np never needs torch (`import torch` happens here, and this
module is imported only when the benchmark is asked to compare). The recipe is the same
as the fast trainer's: the same text read through the same `Streams` (m parallel streams,
windows of T_x characters, states carried from window to window, a new offset per epoch),
one-hot inputs, `nn.LSTM` with n_a hidden units and a linear output layer, the mean
cross-entropy per character, every gradient entry clipped to +-clip_value, Adam with the
same alpha, betas and epsilon, float32. The initialisation is PyTorch's own, so the losses
are not those of lstm_np's run, only alike. `threads` None keeps PyTorch's default number of
threads (one per core); 1 makes it run on one, like lstm_np's trainer with workers=1 (with
workers=2 lstm_np uses two processes, one per core: see workers.py).
"""
import numpy as np

from ..engine.streams import Streams


def import_torch():
    """torch, or None if it cannot be imported."""
    try:
        import torch
    except ImportError:
        return None
    return torch


_DEFAULT_THREADS = []


def default_threads():
    """PyTorch's own number of threads, as it was before any trainer changed it."""
    if not _DEFAULT_THREADS:
        import torch
        _DEFAULT_THREADS.append(torch.get_num_threads())
    return _DEFAULT_THREADS[0]


class TorchTrainer:
    """`Trainer`'s recipe in PyTorch: step() does one update, validation_loss() evaluates.

    Parameters
    ----------
    train_ix, val_ix : int arrays, the training and validation text as indices (the same
        as a `Trainer`'s, so both read the same windows).
    V : vocabulary size.  config : the `TrainConfig` whose settings are copied.
    threads : None (PyTorch's default) or a number of threads, set before every update.
    """

    def __init__(self, train_ix, val_ix, V, config, threads=None):
        import torch
        self.torch, self.config, self.V = torch, config, V
        self.threads = threads or default_threads()
        torch.manual_seed(config.seed)
        self.lstm = torch.nn.LSTM(V, config.n_a, batch_first=True)
        self.out = torch.nn.Linear(config.n_a, V)
        self.params = list(self.lstm.parameters()) + list(self.out.parameters())
        self.optimiser = torch.optim.Adam(self.params, lr=config.learning_rate,
                                          betas=(config.beta1, config.beta2),
                                          eps=config.epsilon)
        self.streams = Streams(train_ix, config.batch_size, config.seq_length, config.n_a,
                               np.float32)
        self.rng = np.random.default_rng(config.seed)
        self.streams.start_epoch(self.rng)
        self.val_ix = val_ix
        self.eye = torch.eye(V)
        self.t = 0

    def _states(self, a, c):
        torch = self.torch
        return (torch.from_numpy(np.ascontiguousarray(a))[None],
                torch.from_numpy(np.ascontiguousarray(c))[None])

    def _use_threads(self):
        if self.torch.get_num_threads() != self.threads:
            self.torch.set_num_threads(self.threads)

    def step(self):
        """One update: forward, backward, clip, Adam; returns the loss (nats per character)."""
        torch, streams = self.torch, self.streams
        self._use_threads()
        X, Y = streams.batch()
        x = self.eye[torch.from_numpy(X)]                             # (m, T_x, V) one-hot
        h, (aT, cT) = self.lstm(x, self._states(streams.a, streams.c))
        logits = self.out(h)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, self.V),
                                                 torch.from_numpy(Y).reshape(-1))
        self.optimiser.zero_grad(set_to_none=False)
        loss.backward()
        torch.nn.utils.clip_grad_value_(self.params, self.config.clip_value)
        self.optimiser.step()
        self.t += 1
        streams.advance(aT[0].detach().numpy().copy(), cT[0].detach().numpy().copy(), self.rng)
        return float(loss.detach())

    def validation_loss(self, streams=8, chunk=200):
        """Mean loss per character on the validation text, read as `evaluate_indices` reads it."""
        torch, ix = self.torch, self.val_ix
        self._use_threads()
        m = max(1, min(streams, (len(ix) - 1) // 2))
        L = (len(ix) - 1) // m
        starts = np.arange(m) * L
        state, total, count = None, 0.0, 0
        with torch.no_grad():
            for s in range(0, L, chunk):
                T = min(chunk, L - s)
                idx = starts[:, None] + s + np.arange(T)[None, :]
                h, state = self.lstm(self.eye[torch.from_numpy(ix[idx])], state)
                logits = self.out(h).reshape(-1, self.V)
                loss = torch.nn.functional.cross_entropy(
                    logits, torch.from_numpy(ix[idx + 1]).reshape(-1))
                total += float(loss) * m * T
                count += m * T
        return total / count
