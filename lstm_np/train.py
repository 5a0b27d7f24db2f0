"""Training: epochs over the whole text, m parallel streams, Adam, validation, checkpoints.

How the text is read (this fixes the seed's loop, which moved its 25-character window one
character per iteration and so saw only the first ~10,000 characters of the book):

    training text:  |------ stream 0 ------|------ stream 1 ------| ... |--- stream m-1 ---|
    update 1 reads window 0 of every stream, update 2 window 1, and so on: consecutive
    windows of T_x characters. Each stream's hidden and cell states (a, c) are carried from
    one window to the next, so the network sees context longer than T_x (gradients are cut
    at window borders: truncated BPTT). One epoch = one pass over the whole training text.

The last tenth of the text is never trained on: it gives the validation loss, in nats (and
bits) per character, that tells whether the model generalises or memorises.
"""
import hashlib
import math
import sys
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from . import checkpoint as ckpt
from .blas import blas_threads
from .backward import loss_and_gradients, nats_to_bits
from .data import split_text
from .errors import CheckpointError, DataError, TrainingError
from .fast import FastLSTM, flatten, views
from .optim import clip, update_parameters_with_adam
from .params import PARAMETER_NAMES, initialize_parameters
from .text import Vocabulary, one_hot


@dataclass
class TrainConfig:
    """Hyperparameters. The defaults are the ones the benchmarks and pretrained models use."""
    n_a: int = 100                 # hidden units
    seq_length: int = 25           # T_x, characters per window
    batch_size: int = 128          # m, parallel streams: larger batches use numpy better
    learning_rate: float = 0.04    # Adam's alpha (0.04 suits m = 128; 0.01 suits m = 32)
    clip_value: float = 5.0        # gradients clipped to [-5, 5], as in the seed
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    seed: int = 0                  # initialisation
    dtype: str = "float32"         # float32 trains 2-4x faster than float64 on CPUs without
                                   # AVX-512 (numpy's float64 exp/tanh are not vectorised
                                   # there); "float64" gives the faithful functions' numbers
    val_fraction: float = 0.1      # the end of the text held out for validation
    workers: int = 2               # threads sharing each batch, one block of streams each
                                   # (see Trainer._fast_gradients); 1 = no threads

    def check(self):
        for name in ("n_a", "seq_length", "batch_size", "workers"):
            value = getattr(self, name)
            if isinstance(value, bool) or int(value) != value or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if not (math.isfinite(self.learning_rate) and self.learning_rate > 0):
            raise ValueError(f"learning_rate must be a finite number > 0, "
                             f"got {self.learning_rate!r}")
        if self.dtype not in ("float64", "float32"):
            raise ValueError(f"dtype must be 'float64' or 'float32', got {self.dtype!r}")
        if not 0 < self.val_fraction < 1:
            raise ValueError(f"val_fraction must be between 0 and 1, got {self.val_fraction!r}")
        return self


def print_progress(done, total, seconds):
    """Progress on one line of stderr, rewritten in place: updates done, rate, time left.

    Pass it as ``progress=`` to `Trainer.train`. The CLI uses it on a terminal; in a
    notebook it shows while training runs and, being stderr, stays out of what nbval
    compares. The line is erased when training ends.
    """
    rate = done / seconds if seconds > 0 else 0.0
    left = (total - done) / rate if rate > 0 else 0.0
    sys.stderr.write(f"\r  update {done}/{total}  {rate:6.1f} updates/s  "
                     f"{int(left) // 60}:{int(left) % 60:02d} left ")
    if done == total:
        sys.stderr.write("\r" + " " * 60 + "\r")
    sys.stderr.flush()


def text_checksum(text):
    """sha256 of the training text: a checkpoint only resumes on the same text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    _, val = split_text(text, val_fraction)
    ix = vocab.encode(val)
    n_y, n_a = parameters["Wy"].shape
    net = FastLSTM(flatten(parameters), n_a, n_y, n_y)
    return evaluate_indices(net, ix, streams)


class Trainer:
    """Owns everything training changes, so that it can be saved and resumed exactly.

    Attributes
    ----------
    parameters : dict of the seed's names, views into the flat vector the optimiser updates.
    vocab : Vocabulary of the whole text.
    config : TrainConfig.
    t : int, updates done (Adam's step).
    epoch, window : position in the data.
    history : dict of lists: update, epoch, chars, train_loss, val_loss (nats per character).
    engine : "fast" (default) or "faithful" (the seed's functions, cell by cell, for
        comparison; same data, same Adam).
    """

    def __init__(self, text, config=None, engine="fast"):
        self.config = (config or TrainConfig()).check()
        cfg = self.config
        if engine not in ("fast", "faithful"):
            raise ValueError(f"engine must be 'fast' or 'faithful', got {engine!r}")
        self.engine = engine
        self._read(text)
        V = self.vocab.size
        self.rng = np.random.default_rng(cfg.seed)
        params = initialize_parameters(cfg.n_a, V, V, self.rng, dtype=np.dtype(cfg.dtype))
        self._setup(flatten(params))
        self.t, self.epoch, self.window = 0, 0, 0
        self.history = {"update": [], "epoch": [], "chars": [], "train_loss": [], "val_loss": []}

    def _read(self, text):
        """Vocabulary, train/validation indices and the m streams' window starts."""
        cfg = self.config
        self.text_sha256 = text_checksum(text)
        self.vocab = Vocabulary.from_text(text)
        train, val = split_text(text, cfg.val_fraction)
        self.train_ix = self.vocab.encode(train)
        self.val_ix = self.vocab.encode(val)
        m, T = cfg.batch_size, cfg.seq_length
        self.stream_length = (len(self.train_ix) - 1) // m
        self.windows_per_epoch = self.stream_length // T
        if self.windows_per_epoch < 1:
            raise DataError(f"the training text has {len(self.train_ix)} characters: too short "
                            f"for {m} streams of windows of {T}; it needs at least {m * T + 1} "
                            f"(use a smaller --batch-size or --seq-length, or a longer text)")
        self._base = (np.arange(m) * self.stream_length)[:, None] + np.arange(T)[None, :]

    def _setup(self, theta):
        cfg, V = self.config, self.vocab.size
        self.net = FastLSTM(theta, cfg.n_a, V, V)
        # One network per block of streams, all reading the same theta; block 0 is self.net.
        k = min(cfg.workers, cfg.batch_size)
        edges = [round(i * cfg.batch_size / k) for i in range(k + 1)]
        self._blocks = [slice(lo, hi) for lo, hi in zip(edges[:-1], edges[1:])]
        self._nets = [self.net] + [FastLSTM(theta, cfg.n_a, V, V) for _ in range(k - 1)]
        self._grad = np.empty_like(theta) if k > 1 else None     # the blocks' combined gradient
        self._pool = ThreadPoolExecutor(k - 1) if k > 1 else None
        self.parameters = {name: self.net.p[name] for name in PARAMETER_NAMES}
        self.v = np.zeros_like(theta)
        self.s = np.zeros_like(theta)
        self.a = np.zeros((cfg.batch_size, cfg.n_a), dtype=theta.dtype)
        self.c = np.zeros_like(self.a)

    # ---------------------------------------------------------------- one update
    def _batch(self):
        idx = self._base + self.window * self.config.seq_length
        return self.train_ix[idx], self.train_ix[idx + 1]

    def _fast_gradients(self, X, Y):
        """Loss and gradient of the batch on the fast path, in `workers` threads.

        The m streams are cut into blocks, one per thread (the calling thread takes block
        0). numpy lets go of Python's global lock inside its loops and matrix products, so
        the blocks run on different cores. The loss is the mean over all m T_x characters,
        so its gradient is the mean of the blocks' gradients, each weighted by its share of
        the characters. The result depends on `workers` (through rounding) but never on
        which thread finishes first.
        """
        if len(self._nets) == 1:
            return self.net.loss_and_gradients(X, Y, self.a, self.c)

        def run(i):
            s = self._blocks[i]
            return self._nets[i].loss_and_gradients(X[s], Y[s], self.a[s], self.c[s])
        jobs = [self._pool.submit(run, i) for i in range(1, len(self._nets))]
        try:
            results = [run(0)]
        finally:
            wait(jobs)                     # never leave a thread working when we return
        results += [job.result() for job in jobs]
        m = X.shape[0]
        loss, grad = 0.0, self._grad
        grad[...] = 0.0
        for s, (block_loss, block_grad, _, _) in zip(self._blocks, results):
            share = (s.stop - s.start) / m
            loss += share * block_loss
            grad += share * block_grad
        aT = np.concatenate([r[2] for r in results])
        cT = np.concatenate([r[3] for r in results])
        return loss, grad, aT, cT

    def _faithful_gradients(self, X, Y):
        """The seed's functions, one cell at a time, arrays (n, m, T_x); fills net.grad."""
        x = one_hot(X, self.vocab.size, dtype=self.net.theta.dtype)
        loss, grads, a, c = loss_and_gradients(x, Y, self.a.T, self.parameters, self.c.T)
        for name in PARAMETER_NAMES:
            self.net.g["d" + name][...] = grads["d" + name]
        return loss, self.net.grad, a[:, :, -1].T.copy(), c[:, :, -1].T.copy()

    def step(self):
        """One update: a batch of windows, forward, backward, clip, Adam. Returns the loss."""
        cfg = self.config
        if self.window == 0:                       # a new epoch starts from zero states
            self.a[...] = 0.0
            self.c[...] = 0.0
        X, Y = self._batch()
        if self.engine == "fast":
            loss, grad, aT, cT = self._fast_gradients(X, Y)
        else:
            loss, grad, aT, cT = self._faithful_gradients(X, Y)
        if not (math.isfinite(loss) and np.all(np.isfinite(grad))):
            raise TrainingError(f"update {self.t + 1}: the loss or a gradient is not finite "
                                f"(loss = {loss}); training stopped, the last checkpoint "
                                f"was kept; try a smaller learning rate")
        clip({"dtheta": grad}, cfg.clip_value)
        self.t += 1
        update_parameters_with_adam({"theta": self.net.theta}, {"dtheta": grad},
                                    {"theta": self.v}, {"theta": self.s}, self.t,
                                    cfg.learning_rate, cfg.beta1, cfg.beta2, cfg.epsilon)
        self.a, self.c = aT, cT
        self.window += 1
        if self.window == self.windows_per_epoch:
            self.window, self.epoch = 0, self.epoch + 1
        return loss

    # ---------------------------------------------------------------- the loop
    def updates_for_epochs(self, epochs):
        """Total number of updates after `epochs` epochs."""
        return int(round(epochs * self.windows_per_epoch))

    def validation_loss(self):
        """Mean loss per character on the held-out text, in nats."""
        return evaluate_indices(self.net, self.val_ix)

    def train(self, updates=None, epochs=None, every=100, checkpoint=None, log=print,
              progress=None, best_model=None):
        """Train until the step t reaches `updates` (or `epochs` epochs); both are totals.

        Every `every` updates, and at the end: measure the validation loss, append to
        history, call log(line) and, if `checkpoint` is a path, save a checkpoint there.
        If `best_model` is a path, a model file is written there whenever the validation
        loss is the lowest seen so far (early stopping: it keeps the model from before
        overfitting). `progress(t, target, seconds)` is called after every update if given
        (for a progress line on a terminal). Returns the history.
        """
        if (updates is None) == (epochs is None):
            raise ValueError("give exactly one of updates= or epochs=")
        target = updates if updates is not None else self.updates_for_epochs(epochs)
        if isinstance(target, bool) or int(target) != target or target < 1:
            raise ValueError(f"the number of updates must be a positive integer, got {target!r}")
        if isinstance(every, bool) or int(every) != every or every < 1:
            raise ValueError(f"every must be a positive integer, got {every!r}")
        start = time.perf_counter()
        losses = []
        first_t = self.t
        with blas_threads():                   # one BLAS thread while training (blas.py)
            while self.t < target:
                losses.append(self.step())
                if progress is not None:
                    progress(self.t - first_t, target - first_t, time.perf_counter() - start)
                if self.t % every == 0 or self.t == target:
                    best = min(self.history["val_loss"], default=math.inf)
                    self._record(float(np.mean(losses)), log)
                    losses = []
                    if best_model is not None and self.history["val_loss"][-1] < best:
                        self.save_model(best_model, val_loss=self.history["val_loss"][-1])
                    if checkpoint is not None:
                        self.save(checkpoint)
        if best_model is not None and Path(best_model).exists():   # best parameters, whole history
            best = ckpt.load_checkpoint(best_model)
            best.history = self.history
            ckpt.save(best_model, best)
        return self.history

    def _record(self, train_loss, log):
        val = self.validation_loss()
        h = self.history
        h["update"].append(self.t)
        h["epoch"].append(round(self.t / self.windows_per_epoch, 4))
        h["chars"].append(self.t * self.config.batch_size * self.config.seq_length)
        h["train_loss"].append(train_loss)
        h["val_loss"].append(val)
        if log is not None:
            log(f"update {self.t:6d} | epoch {h['epoch'][-1]:6.2f} | train {train_loss:.3f} | "
                f"val {val:.3f} nats/char ({nats_to_bits(val):.3f} bits)")

    # ---------------------------------------------------------------- saving, resuming
    def hyperparameters(self):
        return asdict(self.config)

    def save(self, path):
        """Atomically write a checkpoint with everything needed to resume exactly."""
        names = PARAMETER_NAMES
        v = views(self.v, self.config.n_a, self.vocab.size, self.vocab.size)
        s = views(self.s, self.config.n_a, self.vocab.size, self.vocab.size)
        progress = {"epoch": self.epoch, "window": self.window, "engine": self.engine,
                    "text_sha256": self.text_sha256,
                    "rng_state": self.rng.bit_generator.state}
        ckpt.save_checkpoint(path, self.parameters, {n: v[n] for n in names},
                             {n: s[n] for n in names}, self.t, self.vocab,
                             self.hyperparameters(), {"a": self.a.T, "c": self.c.T},
                             progress, self.history)

    def save_model(self, path, **extra):
        """Write a model file (parameters, vocabulary, settings) for sampling and sharing."""
        hyper = dict(self.hyperparameters(), updates=self.t, **extra)
        ckpt.save_model(path, self.parameters, self.vocab, hyper, self.history)

    @classmethod
    def resume(cls, path, text):
        """Rebuild a Trainer from a checkpoint, checking that it belongs to `text`."""
        ck = ckpt.load_checkpoint(path, kind="checkpoint")
        vocab = Vocabulary.from_text(text)
        if vocab != ck.vocab:
            raise CheckpointError(
                f"{path}: trained on another vocabulary ({ck.vocab.size} characters: "
                f"{''.join(ck.vocab.chars)!r}) than this text has ({vocab.size}: "
                f"{''.join(vocab.chars)!r}); resume with the corpus it was trained on, "
                f"or start a new checkpoint")
        if ck.progress.get("text_sha256") != text_checksum(text):
            raise CheckpointError(f"{path}: trained on another text with the same characters; "
                                  "resuming is exact only on the same text: use that corpus, "
                                  "or start a new checkpoint")
        known = TrainConfig.__dataclass_fields__
        hyper = {"workers": 1}             # checkpoints from before `workers` used one thread
        hyper.update((k, v) for k, v in ck.hyperparameters.items() if k in known)
        config = TrainConfig(**hyper)
        self = cls.__new__(cls)
        self.config = config.check()
        self.engine = ck.progress.get("engine", "fast")
        self._read(text)
        m = config.batch_size
        self._setup(flatten(ck.parameters))
        self.v[...] = flatten(ck.v)
        self.s[...] = flatten(ck.s)
        if ck.state["a"].shape != (config.n_a, m):
            raise CheckpointError(f"{path}: a_state has shape {ck.state['a'].shape}, expected "
                                  f"(n_a, batch_size) = ({config.n_a}, {m})")
        self.a[...] = ck.state["a"].T
        self.c[...] = ck.state["c"].T
        self.t = ck.t
        self.epoch = int(ck.progress.get("epoch", 0))
        self.window = int(ck.progress.get("window", 0))
        if not 0 <= self.window < self.windows_per_epoch:
            raise CheckpointError(f"{path}: position {self.window} is outside the text")
        self.rng = np.random.default_rng()
        self.rng.bit_generator.state = ck.progress["rng_state"]
        self.history = {k: list(v) for k, v in ck.history.items()}
        return self


def model(text, num_updates=None, epochs=None, checkpoint_file=None, resume=False, every=100,
          log=print, **hyperparameters):
    """Train a character-level LSTM on `text` (the seed's `model`, fixed and batched).

    Parameters
    ----------
    text : str, the cleaned corpus (the last tenth is held out for validation).
    num_updates / epochs : int / float, the total to reach (give one).
    checkpoint_file : path or None, written every `every` updates and at the end.
    resume : bool, continue from `checkpoint_file` instead of starting from scratch.
    every : int, how often to measure validation loss, log and save.
    log : function called with one line per `every` updates (None for silence).
    **hyperparameters : fields of TrainConfig (n_a, seq_length, batch_size, learning_rate, ...).

    Returns
    -------
    parameters : dict of the trained parameters (the seed's names).
    history : dict of lists (update, epoch, chars, train_loss, val_loss) to plot.
    """
    if resume:
        if checkpoint_file is None:
            raise ValueError("resume=True needs checkpoint_file")
        trainer = Trainer.resume(checkpoint_file, text)
    else:
        trainer = Trainer(text, TrainConfig(**hyperparameters))
    trainer.train(updates=num_updates, epochs=epochs, every=every,
                  checkpoint=checkpoint_file, log=log)
    return trainer.parameters, trainer.history
