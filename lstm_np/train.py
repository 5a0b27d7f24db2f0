"""Training: epochs over the whole text, m parallel streams, Adam, validation, checkpoints.

How the text is read is in streams.py: m streams, consecutive windows of T_x characters,
states carried from one window to the next, a new random offset every epoch. One epoch is
one pass over the training text.

The last tenth of the text is never trained on: it gives the validation loss, in nats (and
bits) per character, that tells whether the model generalises or memorises.

Three ways in:

- `model(data, char_to_ix, ix_to_char, num_iterations, n_a, vocab_size, ...)`: the original
  notebook's function, same call, same return value (the parameters);
- `Trainer`: the object that owns a training run (step, train, save, resume);
- `faithful_update`: one update written with the taught functions only, to compare with
  one `Trainer.step` (see `Trainer.next_batch`).
"""
import hashlib
import math
import sys
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np

from .backward import loss_and_gradients, nats_to_bits
from .blas import blas_threads
from .checkpoint import Checkpoint, save_model as _save_model
from .data import split_text
from .errors import CheckpointError, TrainingError
from .fast import FastLSTM, flatten, views
from .optim import clip, update_parameters_with_adam
from .params import PARAMETER_NAMES, initialize_parameters
from .sampling import sample_top_k
from .streams import Streams
from .text import Vocabulary, one_hot

CLIP_PER_WINDOW = 5.0       # the original's bound, on the gradient of one window's summed loss


@dataclass
class TrainConfig:
    """Hyperparameters of a training run, with the defaults of `Trainer` and the CLI.

    (The pretrained models in data/ were trained with other settings: batch_size=32,
    learning_rate=0.01, dtype="float64", workers=1; see data/README.md and
    the hyperparameters stored in each model file.)

    clip_value : bound of `clip`, on the gradient of the mean loss per character. None (the
        default) means CLIP_PER_WINDOW / seq_length = 5 / T_x: the original clipped at 5 the
        gradient of one window's loss summed over its T_x characters (m = 1); the mean over
        m windows of T_x characters has gradient (1 / T_x) times the mean of the m windows'
        summed-loss gradients, so 5 / T_x here bounds as the original's 5 did there. (A
        bound of 5 on the mean never acts: its entries stay below ~0.3.)
    """
    n_a: int = 100                 # hidden units
    seq_length: int = 25           # T_x, characters per window
    batch_size: int = 128          # m, parallel streams: larger batches use numpy better
    learning_rate: float = 0.04    # Adam's alpha (0.04 suits m = 128; 0.01 suits m = 32)
    clip_value: float = None       # None: 5 / seq_length (see above)
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    seed: int = 0                  # initialisation and the epochs' stream offsets
    dtype: str = "float32"         # float32 trains 2-4x faster than float64 on CPUs without
                                   # AVX-512 (numpy's float64 exp/tanh are not vectorised
                                   # there); "float64" gives the faithful functions' numbers
    val_fraction: float = 0.1      # the end of the text held out for validation
    workers: int = 2               # threads sharing each batch, one block of streams each
                                   # (see BlockGradients); 1 = no threads

    def __post_init__(self):
        if self.clip_value is None and _whole(self.seq_length):
            self.clip_value = CLIP_PER_WINDOW / self.seq_length

    def check(self):
        """Return self if every setting is usable; ValueError naming the first that is not."""
        for name in ("n_a", "seq_length", "batch_size", "workers"):
            if not _whole(getattr(self, name), 1):
                raise ValueError(f"{name} must be a positive integer, got "
                                 f"{getattr(self, name)!r}")
        if not _whole(self.seed, 0):
            raise ValueError(f"seed must be a whole number >= 0, got {self.seed!r}")
        for name in ("learning_rate", "clip_value", "epsilon"):
            if not _positive_number(getattr(self, name)):
                raise ValueError(f"{name} must be a finite number > 0, got "
                                 f"{getattr(self, name)!r}")
        for name in ("beta1", "beta2", "val_fraction"):
            value = getattr(self, name)
            if not (_positive_number(value) and value < 1):
                raise ValueError(f"{name} must be a number between 0 and 1, got {value!r}")
        if self.dtype not in ("float64", "float32"):
            raise ValueError(f"dtype must be 'float64' or 'float32', got {self.dtype!r}")
        return self


def _whole(value, low=None):
    ok = isinstance(value, (int, np.integer)) and not isinstance(value, bool)
    return ok and (low is None or value >= low)


def _positive_number(value):
    return (isinstance(value, (int, float, np.number)) and not isinstance(value, bool)
            and math.isfinite(value) and value > 0)


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


class BlockGradients:
    """Loss and gradient of a batch on the fast path, the m streams cut into `workers` blocks.

    One thread per block (the calling thread takes block 0). numpy lets go of Python's
    global lock inside its loops and matrix products, so the blocks run on different cores.
    The loss is the mean over all m T_x characters, so its gradient is the mean of the
    blocks' gradients, each weighted by its share of the characters. The result depends on
    `workers` (through rounding) but never on which thread finishes first.

    Every block's FastLSTM reads the same flat parameter vector `theta`; `nets[0]` is the one
    the trainer evaluates with.
    """

    def __init__(self, theta, n_a, V, m, workers):
        k = min(workers, m)
        edges = [round(i * m / k) for i in range(k + 1)]
        self.blocks = [slice(lo, hi) for lo, hi in zip(edges[:-1], edges[1:])]
        self.nets = [FastLSTM(theta, n_a, V, V) for _ in range(k)]
        self._grad = np.empty_like(theta) if k > 1 else None     # the blocks' combined gradient
        self._pool = ThreadPoolExecutor(k - 1) if k > 1 else None

    def __call__(self, X, Y, a, c):
        """X, Y: int (m, T_x); a, c: (m, n_a). Returns loss, gradient (like theta), aT, cT."""
        if len(self.nets) == 1:
            return self.nets[0].loss_and_gradients(X, Y, a, c)

        def run(i):
            s = self.blocks[i]
            return self.nets[i].loss_and_gradients(X[s], Y[s], a[s], c[s])
        jobs = [self._pool.submit(run, i) for i in range(1, len(self.nets))]
        try:
            results = [run(0)]
        finally:
            wait(jobs)                     # never leave a thread working when we return
        results += [job.result() for job in jobs]
        m = X.shape[0]
        loss, grad = 0.0, self._grad
        grad[...] = 0.0
        for s, (block_loss, block_grad, _, _) in zip(self.blocks, results):
            share = (s.stop - s.start) / m
            loss += share * block_loss
            grad += share * block_grad
        aT = np.concatenate([r[2] for r in results])
        cT = np.concatenate([r[3] for r in results])
        return loss, grad, aT, cT


def faithful_update(parameters, v, s, t, X, Y, a0, c0, config=None):
    """One training update written with the taught functions only (float64 to compare).

    one_hot -> lstm_forward, loss, output layer and lstm_backward (`loss_and_gradients`) ->
    clip -> update_parameters_with_adam with step t. `Trainer.step` does the same update on
    its fast path; `Trainer.next_batch` gives the batch it would use.

    Parameters
    ----------
    parameters, v, s : dicts with the original notebook's keys, updated in place.
    t : int >= 1, Adam's step of this update.
    X, Y : int arrays (m, T_x), inputs and targets.
    a0, c0 : arrays (n_a, m), the states the windows start from.
    config : TrainConfig (learning rate, clipping bound, Adam's betas); default TrainConfig().

    Returns
    -------
    loss : float, mean nats per character before the update.
    a, c : arrays (n_a, m), the states at the end of the windows.
    """
    cfg = config or TrainConfig()
    n_y = parameters["Wy"].shape[0]
    x = one_hot(X, n_y, dtype=parameters["Wy"].dtype)                    # (n_x, m, T_x)
    loss, gradients, a, c = loss_and_gradients(x, Y, a0, parameters, c0)
    gradients = {"d" + name: gradients["d" + name] for name in PARAMETER_NAMES}
    clip(gradients, cfg.clip_value)
    update_parameters_with_adam(parameters, gradients, v, s, t, cfg.learning_rate,
                                cfg.beta1, cfg.beta2, cfg.epsilon)
    return loss, a[:, :, -1], c[:, :, -1]


class Trainer:
    """Owns everything training changes, so that it can be saved and resumed exactly.

    Attributes
    ----------
    parameters : dict of the original notebook's names, views into the flat vector theta that the
        optimiser updates (theta = net.theta, laid out as in fast.py).
    v, s : Adam's moments, flat like theta.
    t : int, updates done (Adam's step).
    vocab : Vocabulary of the text (or the one given).
    config : TrainConfig.
    streams : Streams, the position in the text and the carried states (streams.py);
        `epoch`, `window`, `a`, `c` (rows (m, n_a)) read it.
    rng : numpy Generator: the initialisation, then one stream offset per epoch.
    history : dict of lists: update, epoch, chars, train_loss, val_loss (nats per character).
    engine : "fast" (default) or "faithful" (the original notebook's functions, cell by cell, for
        comparison; same data, same Adam).
    """

    def __init__(self, text, config=None, engine="fast", *, vocab=None):
        self.config = (config or TrainConfig()).check()
        cfg = self.config
        if engine not in ("fast", "faithful"):
            raise ValueError(f"engine must be 'fast' or 'faithful', got {engine!r}")
        self.engine = engine
        self._read(text, vocab)
        V = self.vocab.size
        self.rng = np.random.default_rng(cfg.seed)
        params = initialize_parameters(cfg.n_a, V, V, self.rng, dtype=np.dtype(cfg.dtype))
        self._setup(flatten(params))
        self.streams.start_epoch(self.rng)
        self.t = 0
        self.history = {"update": [], "epoch": [], "chars": [], "train_loss": [], "val_loss": []}

    def _read(self, text, vocab):
        """Vocabulary, checksum, and the train / validation indices of `text`."""
        self.text_sha256 = text_checksum(text)
        self.vocab = Vocabulary.from_text(text) if vocab is None else vocab
        train, val = split_text(text, self.config.val_fraction)
        self.train_ix = self.vocab.encode(train)
        self.val_ix = self.vocab.encode(val)

    def _setup(self, theta):
        cfg, V = self.config, self.vocab.size
        self.gradients = BlockGradients(theta, cfg.n_a, V, cfg.batch_size, cfg.workers)
        self.net = self.gradients.nets[0]
        self.parameters = {name: self.net.p[name] for name in PARAMETER_NAMES}
        self.v = np.zeros_like(theta)
        self.s = np.zeros_like(theta)
        self.streams = Streams(self.train_ix, cfg.batch_size, cfg.seq_length, cfg.n_a,
                               theta.dtype)

    # the position in the text, read from the streams
    epoch = property(lambda self: self.streams.epoch)
    window = property(lambda self: self.streams.window)
    a = property(lambda self: self.streams.a, doc="states a of the m streams, rows (m, n_a)")
    c = property(lambda self: self.streams.c, doc="states c of the m streams, rows (m, n_a)")
    stream_length = property(lambda self: self.streams.stream_length)
    windows_per_epoch = property(lambda self: self.streams.windows_per_epoch)

    # ---------------------------------------------------------------- one update
    def next_batch(self):
        """The batch of the next update, in the original notebook's conventions (copies):

        X, Y : int arrays (m, T_x), inputs and targets (Y is X shifted by one character).
        a0, c0 : arrays (n_a, m), the states the windows start from (zero at an epoch start).

        With `adam_moments`, it lets `faithful_update` repeat the next `step` by hand.
        """
        X, Y = self.streams.batch()
        return X, Y, self.streams.a.T.copy(), self.streams.c.T.copy()

    def _batch(self):
        """Inputs X and targets Y of the next update, int arrays (m, T_x)."""
        return self.streams.batch()

    def adam_moments(self):
        """Copies of Adam's v and s as dicts with the original notebook's keys (like `initialize_adam`)."""
        V = self.vocab.size
        return tuple({name: moment[name].copy() for name in PARAMETER_NAMES}
                     for moment in (views(self.v, self.config.n_a, V, V),
                                    views(self.s, self.config.n_a, V, V)))

    def _faithful_gradients(self, X, Y, a, c):
        """The original notebook's functions, one cell at a time, arrays (n, m, T_x); fills net.grad."""
        x = one_hot(X, self.vocab.size, dtype=self.net.theta.dtype)
        loss, grads, a, c = loss_and_gradients(x, Y, a.T, self.parameters, c.T)
        for name in PARAMETER_NAMES:
            self.net.g["d" + name][...] = grads["d" + name]
        return loss, self.net.grad, a[:, :, -1].T.copy(), c[:, :, -1].T.copy()

    def step(self):
        """One update: a batch of windows, forward, backward, clip, Adam. Returns the loss.

        The batch is window `window` of every stream (see streams.py); the gradient is that
        of the mean loss per character; clipping bounds each entry by clip_value (5 / T_x);
        Adam's step t counts every update since the start, resumes included.
        """
        cfg, streams = self.config, self.streams
        X, Y = streams.batch()
        if self.engine == "fast":
            loss, grad, aT, cT = self.gradients(X, Y, streams.a, streams.c)
        else:
            loss, grad, aT, cT = self._faithful_gradients(X, Y, streams.a, streams.c)
        if not (math.isfinite(loss) and np.all(np.isfinite(grad))):
            raise TrainingError(f"update {self.t + 1}: the loss or a gradient is not finite "
                                f"(loss = {loss}); training stopped, the last checkpoint "
                                f"was kept; try a smaller learning rate")
        clip({"dtheta": grad}, cfg.clip_value)
        self.t += 1
        update_parameters_with_adam({"theta": self.net.theta}, {"dtheta": grad},
                                    {"theta": self.v}, {"theta": self.s}, self.t,
                                    cfg.learning_rate, cfg.beta1, cfg.beta2, cfg.epsilon)
        streams.advance(aT, cT, self.rng)
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
        (for a progress line on a terminal). BLAS runs with one thread meanwhile (blas.py).
        Returns the history.
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
            best = Checkpoint.load(best_model)
            best.history = self.history
            best.save(best_model)
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
        v, s = self.adam_moments()
        progress = dict(self.streams.progress(), engine=self.engine,
                        text_sha256=self.text_sha256, rng_state=self.rng.bit_generator.state)
        Checkpoint(self.parameters, self.vocab, self.hyperparameters(), "checkpoint", v, s,
                   self.t, {"a": self.a.T, "c": self.c.T}, progress,
                   self.history).save(path)

    def save_model(self, path, **extra):
        """Write a model file (parameters, vocabulary, settings) for sampling and sharing."""
        hyper = dict(self.hyperparameters(), updates=self.t, **extra)
        _save_model(path, self.parameters, self.vocab, hyper, self.history)

    @classmethod
    def resume(cls, path, text, *, vocab=None):
        """Rebuild a Trainer from a checkpoint, checking every field against `text`.

        Refused (CheckpointError, one line naming the file and the field, nothing changed):
        anything `Checkpoint.load` refuses; another vocabulary or text; settings that are
        not a valid TrainConfig; parameters of another dtype than the settings say; states
        that are not (n_a, batch size); a position outside this text's epoch (window,
        offset) or one that does not add up to t = epoch * windows_per_epoch + window.
        """
        ck = Checkpoint.load(path, kind="checkpoint")
        vocab = Vocabulary.from_text(text) if vocab is None else vocab
        if vocab != ck.vocab:
            raise CheckpointError(
                f"{path}: trained on another vocabulary ({ck.vocab.size} characters: "
                f"{''.join(ck.vocab.chars)!r}) than this text has ({vocab.size}: "
                f"{''.join(vocab.chars)!r}); resume with the corpus it was trained on, "
                f"or start a new checkpoint")
        if ck.progress["text_sha256"] != text_checksum(text):
            raise CheckpointError(f"{path}: trained on another text with the same characters; "
                                  "resuming is exact only on the same text: use that corpus, "
                                  "or start a new checkpoint")
        config = _config_of(path, ck.hyperparameters)
        self = cls.__new__(cls)
        self.config = config
        self.engine = ck.progress["engine"]
        self._read(text, vocab)
        if np.dtype(config.dtype) != ck.parameters["Wf"].dtype:
            raise CheckpointError(f"{path}: hyperparameters.dtype is {config.dtype} but the "
                                  f"parameters are {ck.parameters['Wf'].dtype}")
        if ck.state["a"].shape != (config.n_a, config.batch_size):
            raise CheckpointError(f"{path}: a_state has shape {ck.state['a'].shape}, expected "
                                  f"(n_a, batch_size) = ({config.n_a}, {config.batch_size})")
        self._setup(flatten(ck.parameters))
        self.streams.restore(path, ck.progress, ck.t, ck.state["a"].T, ck.state["c"].T)
        self.v[...] = flatten(ck.v)
        self.s[...] = flatten(ck.s)
        self.t = ck.t
        self.rng = np.random.default_rng()
        self.rng.bit_generator.state = ck.progress["rng_state"]
        self.history = {k: list(ck.history.get(k, [])) for k in
                        ("update", "epoch", "chars", "train_loss", "val_loss")}
        return self


def _config_of(path, hyperparameters):
    """The TrainConfig stored in a checkpoint; CheckpointError naming a bad or unknown field."""
    known = {f.name for f in fields(TrainConfig)}
    unknown = sorted(set(hyperparameters) - known)
    if unknown:
        raise CheckpointError(f"{path}: hyperparameters.{unknown[0]} is not a setting of "
                              "this lstm_np's trainer")
    hyper = {"workers": 1}             # checkpoints from before `workers` used one thread
    hyper.update(hyperparameters)
    try:
        return TrainConfig(**hyper).check()
    except (TypeError, ValueError) as e:
        raise CheckpointError(f"{path}: hyperparameters: {e}") from None


def _vocabulary_of(char_to_ix, ix_to_char, vocab_size):
    """The Vocabulary of the original's two dictionaries; ValueError if they disagree."""
    chars = [ix_to_char.get(i) for i in range(len(ix_to_char))]
    if (vocab_size != len(char_to_ix) or len(ix_to_char) != len(char_to_ix)
            or any(char_to_ix.get(ch) != i for i, ch in enumerate(chars))):
        raise ValueError(f"char_to_ix ({len(char_to_ix)} characters), ix_to_char "
                         f"({len(ix_to_char)}) and vocab_size ({vocab_size}) must describe "
                         "one vocabulary: indices 0 .. vocab_size - 1, each dict the other's "
                         "inverse")
    return Vocabulary(chars)


def model(data, char_to_ix, ix_to_char, num_iterations=3000, n_a=50, vocab_size=52,
          learning_rate=0.005, checkpoint_file="checkpoint_kafka.npz", *, every=500,
          log=print, **settings):
    """Train a character-level LSTM on `data` (the original notebook's `model`, same call).

    Each iteration is one update of the project's trainer (see `Trainer` and streams.py):
    m windows of T_x characters read in epochs over the whole text, not the original's
    single window sliding one character per iteration (DESIGN 4.1). Every `every`
    iterations and at the end it prints the update, the training and validation losses, a
    sample of 300 characters, and saves the checkpoint.

    Like the original, it resumes when `checkpoint_file` exists, and says so; unlike the
    original it resumes only from a checkpoint of this text and vocabulary (else
    CheckpointError), restores Adam's step t, the streams and the random state (a call
    with N iterations after one with N gives what one call with 2 N gives), and refuses
    settings that differ from the checkpoint's instead of ignoring them.

    Parameters
    ----------
    data : str, the cleaned text (the last tenth is held out for validation).
    char_to_ix, ix_to_char : dicts, the vocabulary (as the original builds them).
    num_iterations : int, updates made by this call.
    n_a : int, hidden units.
    vocab_size : int, len(char_to_ix).
    learning_rate : float, Adam's alpha.
    checkpoint_file : path of the checkpoint, or None for none.
    every : int (keyword-only), how often to report and save (the original: 500).
    log : function called with each line (keyword-only; None for silence).
    **settings : other fields of TrainConfig, keyword-only (batch_size, seq_length, seed,
        dtype, workers, clip_value, ...).

    Returns
    -------
    parameters : dict with the original notebook's keys (copies of the trained arrays).
    """
    log = log or (lambda line: None)
    vocab = _vocabulary_of(char_to_ix, ix_to_char, vocab_size)
    wanted = dict(settings, n_a=n_a, learning_rate=learning_rate)
    unknown = sorted(set(wanted) - {f.name for f in fields(TrainConfig)})
    if unknown:
        raise TypeError(f"model() got an unexpected keyword argument {unknown[0]!r} (the "
                        "settings are the fields of TrainConfig)")
    path = None if checkpoint_file is None else Path(checkpoint_file)
    if path is not None and path.exists():
        trainer = Trainer.resume(path, data, vocab=vocab)
        clash = {k: v for k, v in wanted.items() if getattr(trainer.config, k) != v}
        if clash:
            raise CheckpointError(
                f"{path}: was trained with "
                + ", ".join(f"{k}={getattr(trainer.config, k)!r}" for k in clash)
                + f", not {', '.join(f'{k}={v!r}' for k, v in clash.items())}; call model "
                "with its settings, or with another checkpoint_file")
        log(f"resuming from {path}: update t = {trainer.t}, epoch {trainer.epoch}")
    else:
        trainer = Trainer(data, TrainConfig(**wanted), vocab=vocab)
        log("training from scratch" + ("" if path is None else f" (no {path} yet)"))
    target = trainer.t + num_iterations
    while trainer.t < target:
        stop = min(target, (trainer.t // every + 1) * every)
        trainer.train(updates=stop, every=every, log=log)
        sample = sample_top_k(trainer.parameters, char_to_ix, data[0],
                              rng=np.random.default_rng([trainer.config.seed, trainer.t]))
        log("sample: " + "".join(ix_to_char[i] for i in sample).replace("\n", " "))
        if path is not None:
            trainer.save(path)
            log(f"checkpoint saved: {path} (update t = {trainer.t})")
        log("-" * 50)
    return {name: trainer.parameters[name].copy() for name in PARAMETER_NAMES}
