"""Training: epochs over the whole text, m parallel streams, Adam, validation, checkpoints.

How the text is read is in streams.py: m streams, consecutive windows of T_x characters,
states carried from one window to the next, a new random offset every epoch. One epoch is
one pass over the training text.

The last tenth of the text is never trained on: it gives the validation loss, in nats (and
bits) per character, that tells whether the model generalises or memorises.

Here:

- `faithful_update`: one update written with the taught functions only (forward, loss,
  backward, clip, Adam); the trainer's "faithful" engine is this function;
- `Trainer`: the object that owns a training run (step, train, save, resume).

Around it: the settings (`TrainConfig`, config.py), evaluation (evaluation.py), the helper
processes that share a batch (`BlockGradients`, workers.py), and the original notebook's `model`
(original.py).
"""
import hashlib
import math
import sys
import time
from dataclasses import asdict, fields, replace
from pathlib import Path

import numpy as np

from ..arguments import encode, positive_number, whole
from ..core.backward import loss_and_gradients, nats_to_bits
from .blas import blas_threads
from ..storage.checkpoint import Checkpoint, save_model as _save_model
from ..storage.checkpoint_checks import HISTORY_KEYS
from .config import AUTO, TrainConfig
from ..storage.corpus import split_text
from ..errors import CheckpointError, TrainingError
from .evaluation import evaluate_indices
from .fast import flatten, views
from ..i18n import _
from ..core.optim import clip, update_parameters_with_adam
from ..core.parameters import PARAMETER_NAMES, initialize_parameters
from .streams import Streams
from ..core.text import Vocabulary, one_hot


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


def training_update(parameters, v, s, t, x, Y, a0, c0=None, *, learning_rate, clip_value,
                    beta1=0.9, beta2=0.999, epsilon=1e-8, measure=None):
    """One training update with the taught functions, on one-hot inputs x.

    loss_and_gradients (lstm_forward, the loss, the output layer, lstm_backward) -> clip ->
    update_parameters_with_adam with step t. Before anything changes, a loss or gradient that
    is not finite stops it (TrainingError): the parameters and Adam's moments stay as they were.

    Parameters
    ----------
    parameters, v, s : dicts with the original notebook's keys, updated in place.
    t : int >= 1, Adam's step of this update.
    x : array (n_x, m, T_x), one-hot inputs; Y : int array (m, T_x), the targets.
    a0, c0 : arrays (n_a, m), the states the windows start from (c0=None: zeros).
    learning_rate, clip_value, beta1, beta2, epsilon : Adam's alpha, clip's bound, Adam's rest.
    measure : dict or None; a dict receives, before clipping, "gradient_norm" (the norm of
        all the parameters' gradients together) and "clipped" (True if clip changed an entry).

    Returns
    -------
    loss : float, mean nats per character before the update.
    gradients : dict "d" + name of the clipped gradients used.
    a, c : arrays (n_a, m, T_x), the hidden and cell states of every step.
    """
    loss, gradients, a, c = loss_and_gradients(x, Y, a0, parameters, c0)
    gradients = {"d" + name: gradients["d" + name] for name in PARAMETER_NAMES}
    check_finite(t, loss, gradients.values())
    if measure is not None:
        measure.update(gradient_measures(gradients.values(), clip_value))
    clip(gradients, clip_value)
    update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate, beta1, beta2,
                                epsilon)
    return loss, gradients, a, c


def gradient_measures(gradients, clip_value):
    """Before clipping: the norm of all the gradients together, sqrt(sum of every entry^2),
    and whether clip(., clip_value) will change some entry (|entry| > clip_value)."""
    gradients = [g.ravel() for g in gradients]
    norm = math.sqrt(sum(float(np.dot(g, g)) for g in gradients))
    largest = max(max(float(g.max()), -float(g.min())) for g in gradients)   # max |entry|
    return {"gradient_norm": norm, "clipped": largest > clip_value}


def check_finite(t, loss, gradients):
    """TrainingError if the loss or any gradient array of update t is not finite."""
    if not (math.isfinite(loss) and all(np.all(np.isfinite(g)) for g in gradients)):
        raise TrainingError(_("update {t}: the loss or a gradient is not finite (loss = "
                              "{loss}); training stopped, the last checkpoint was kept; try a "
                              "smaller learning rate").format(t=t, loss=loss))


def faithful_update(parameters, v, s, t, X, Y, a0, c0, config=None, measure=None):
    """One update of the trainer, written with the taught functions only (`training_update`).

    The inputs as the trainer holds them (character indices); `Trainer.next_batch` gives the
    batch of its next `step`, which this repeats (float64 to compare), and the trainer's
    engine "faithful" is this function.

    Parameters
    ----------
    parameters, v, s : dicts with the original notebook's keys, updated in place.
    t : int >= 1, Adam's step of this update.
    X, Y : int arrays (m, T_x), inputs and targets.
    a0, c0 : arrays (n_a, m), the states the windows start from.
    config : TrainConfig (learning rate, clipping bound, Adam's betas); default TrainConfig().
    measure : dict or None, filled as in `training_update`.

    Returns
    -------
    loss : float, mean nats per character before the update.
    a, c : arrays (n_a, m), the states at the end of the windows.
    """
    cfg = config or TrainConfig()
    n_y = parameters["Wy"].shape[0]
    x = one_hot(X, n_y, dtype=parameters["Wy"].dtype)                    # (n_x, m, T_x)
    loss, _gradients, a, c = training_update(
        parameters, v, s, t, x, Y, a0, c0, learning_rate=cfg.learning_rate,
        clip_value=cfg.clip_value, beta1=cfg.beta1, beta2=cfg.beta2, epsilon=cfg.epsilon,
        measure=measure)
    return loss, a[:, :, -1], c[:, :, -1]


class Trainer:
    """Owns everything training changes, so that it can be saved and resumed exactly.

    Attributes
    ----------
    parameters : dict of the original notebook's names, views into the flat vector theta that
        the optimiser updates (theta = net.theta, laid out as in fast.py).
    v, s : Adam's moments, flat like theta.
    t : int, updates done (Adam's step).
    vocab : Vocabulary of the text (or the one given).
    config : TrainConfig (a copy whose workers is the number chosen, if it was "auto").
    streams : Streams, the position in the text and the carried states (streams.py);
        `epoch`, `window`, `a`, `c` (rows (m, n_a)) read it.
    rng : numpy Generator: the initialisation, then one stream offset per epoch.
    history : dict of lists: update, epoch, chars, train_loss, val_loss (nats per character).
    engine : "fast" (default) or "faithful" (`faithful_update`: the original notebook's
        functions, for comparison; same data, same Adam).
    last_saved : the step t of the checkpoint this trainer last wrote (or resumed from);
        None before the first.
    measure_gradients : bool, False unless set; when True, every update fills `measures`.
    measures : of the last update, before clipping: "gradient_norm" (the norm of the whole
        gradient) and "clipped" (True if clipping changed some entry); empty before the first
        measured update. A `progress` callback of `train` can read them after every update.
        (Off by default: the two reductions cost about 1-2 % of an update at m = 32.)
    """

    def __init__(self, text, config=None, engine="fast", *, vocab=None, start=None):
        """A new run on `text`, or (start=, a checked Checkpoint: see `resume`) one going on."""
        self.config = cfg = (config or TrainConfig()).check()
        if engine not in ("fast", "faithful"):
            raise ValueError(_("engine must be 'fast' or 'faithful', got {engine!r}")
                             .format(engine=engine))
        self.engine = engine
        self.text_sha256 = text_checksum(text)
        if start is not None and start.progress["text_sha256"] != self.text_sha256:
            raise CheckpointError(_("{path}: trained on another text with the same characters; "
                                    "resuming is exact only on the same text: use that corpus, "
                                    "or start a new checkpoint").format(path=start.path))
        self.vocab = Vocabulary.from_text(text) if vocab is None else vocab
        train, val = split_text(text, cfg.val_fraction)
        self.train_ix = encode(self.vocab, train)
        self.val_ix = encode(self.vocab, val)
        V = self.vocab.size
        self.rng = np.random.default_rng(cfg.seed)
        if start is None:
            start_parameters = initialize_parameters(cfg.n_a, V, V, self.rng,
                                                     dtype=np.dtype(cfg.dtype))
        else:
            start_parameters = start.parameters
        theta = flatten(start_parameters)
        self.v = np.zeros_like(theta)
        self.s = np.zeros_like(theta)
        self.streams = Streams(self.train_ix, cfg.batch_size, cfg.seq_length, cfg.n_a,
                               theta.dtype)
        self.t = 0
        self.history = {key: [] for key in HISTORY_KEYS}
        self.last_saved = None if start is None else start.t
        self.measure_gradients = False
        self.measures = {}
        if start is None:
            self.streams.start_epoch(self.rng)
        else:
            self.streams.restore(start.path, start.progress, start.t, start.state["a"].T,
                                 start.state["c"].T)
            self.v[...] = flatten(start.v)
            self.s[...] = flatten(start.s)
            self.t = start.t
            self.rng.bit_generator.state = start.progress["rng_state"]
            self.history = {key: list(start.history.get(key, [])) for key in HISTORY_KEYS}
        from .workers import BlockGradients, choose_workers   # the processes, only to train
        if cfg.workers != AUTO:
            self.workers = BlockGradients(theta, cfg.n_a, V, cfg.batch_size, cfg.workers)
        else:
            if engine == "fast":                             # timed on the first batch
                self.workers = choose_workers(theta, cfg.n_a, V, *self.streams.batch(),
                                              self.streams.a, self.streams.c)
            else:                                            # (the faithful engine: unused)
                self.workers = BlockGradients(theta, cfg.n_a, V, cfg.batch_size, 1)
            # the choice is a setting from now on: the checkpoint holds it, a resume uses it
            self.config = cfg = replace(cfg, workers=len(self.workers.blocks))
        self.net = self.workers.nets[0]
        self.parameters = {name: self.net.p[name] for name in PARAMETER_NAMES}

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

    def _moment_views(self, moment):
        V = self.vocab.size
        every = views(moment, self.config.n_a, V, V)
        return {name: every[name] for name in PARAMETER_NAMES}

    def adam_moments(self):
        """Copies of Adam's v and s as dicts with the original notebook's keys.

        (Like what `initialize_adam` returns.)
        """
        return tuple({name: m.copy() for name, m in self._moment_views(moment).items()}
                     for moment in (self.v, self.s))

    def step(self):
        """One update: a batch of windows, forward, backward, clip, Adam. Returns the loss.

        The batch is window `window` of every stream (see streams.py); the gradient is that
        of the mean loss per character; clipping bounds each entry by clip_value (5 / T_x);
        Adam's step t counts every update since the start, resumes included.
        """
        cfg, streams = self.config, self.streams
        X, Y = streams.batch()
        if self.engine == "faithful":
            loss, a, c = faithful_update(self.parameters, self._moment_views(self.v),
                                         self._moment_views(self.s), self.t + 1, X, Y,
                                         streams.a.T, streams.c.T, cfg,
                                         self.measures if self.measure_gradients else None)
            self.t += 1
            streams.advance(a.T.copy(), c.T.copy(), self.rng)
            return loss
        loss, grad, aT, cT = self.workers(X, Y, streams.a, streams.c)
        check_finite(self.t + 1, loss, [grad])
        if self.measure_gradients:
            self.measures.update(gradient_measures([grad], cfg.clip_value))
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
        """Mean loss per character on the held-out text, in nats (inf, without a warning, if
        the weights have grown so large that it overflows: `_record` says so)."""
        with np.errstate(all="ignore"):
            return evaluate_indices(self.net, self.val_ix)

    def train(self, updates=None, epochs=None, every=100, checkpoint=None, log=print,
              progress=None, best_model=None):
        """Train until the step t reaches `updates` (or `epochs` epochs); both are totals.

        Every `every` updates, and at the end: measure the validation loss, append to
        history, save a checkpoint at `checkpoint` if it is a path, then, if `best_model` is
        a path, write a model file there whenever the validation loss is the lowest seen so
        far (it keeps the model from before overfitting), and last call log(line). The
        checkpoint comes first, so a failure of what follows (a full disk elsewhere, a
        closed output) loses no work. `progress(t, target, seconds)` is called after every
        update if given (for a progress line on a terminal). BLAS runs with one thread
        meanwhile (blas.py). Returns the history.
        """
        if (updates is None) == (epochs is None):
            raise ValueError(_("give exactly one of updates= or epochs="))
        if updates is not None:
            target = whole(updates, "updates", low=1)
        else:
            target = whole(self.updates_for_epochs(positive_number(epochs, "epochs")),
                           "the number of updates of these epochs", low=1)
        every = whole(every, "every", low=1)
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
                    line = self._record(float(np.mean(losses)))
                    losses = []
                    if checkpoint is not None:
                        self.save(checkpoint)
                    if best_model is not None and self.history["val_loss"][-1] < best:
                        self.save_model(best_model, val_loss=self.history["val_loss"][-1])
                    if log is not None:
                        log(line)
        if best_model is not None and Path(best_model).exists():   # best parameters, whole history
            best = Checkpoint.load(best_model)
            best.history = self.history
            best.save(best_model)
        return self.history

    def _record(self, train_loss):
        """Measure the validation loss, append to the history; return the log line."""
        val = self.validation_loss()
        if not math.isfinite(val):              # no history a checkpoint cannot hold
            raise TrainingError(_("update {t}: the validation loss is not finite; training "
                                  "stopped, the last checkpoint was kept; try a smaller "
                                  "learning rate").format(t=self.t))
        h = self.history
        h["update"].append(self.t)
        h["epoch"].append(round(self.t / self.windows_per_epoch, 4))
        h["chars"].append(self.t * self.config.batch_size * self.config.seq_length)
        h["train_loss"].append(train_loss)
        h["val_loss"].append(val)
        return (f"update {self.t:6d} | epoch {h['epoch'][-1]:6.2f} | train {train_loss:.3f} | "
                f"val {val:.3f} nats/char ({nats_to_bits(val):.3f} bits)")

    # ---------------------------------------------------------------- saving, resuming
    def hyperparameters(self):
        return asdict(self.config)

    def save(self, path):
        """Atomically write a checkpoint with everything needed to resume exactly."""
        v, s = self.adam_moments()
        progress = dict(self.streams.progress(), engine=self.engine,
                        text_sha256=self.text_sha256, rng_state=self.rng.bit_generator.state)
        Checkpoint(parameters=self.parameters, vocab=self.vocab,
                   hyperparameters=self.hyperparameters(), kind="checkpoint", v=v, s=s,
                   t=self.t, state={"a": self.a.T, "c": self.c.T}, progress=progress,
                   history=self.history).save(path)
        self.last_saved = self.t

    def save_model(self, path, **extra):
        """Write a model file (parameters, vocabulary, settings) for sampling and sharing."""
        hyper = dict(self.hyperparameters(), updates=self.t, **extra)
        _save_model(path, self.parameters, self.vocab, hyper, self.history)

    @classmethod
    def resume(cls, path, text, *, vocab=None, workers=None):
        """Rebuild a Trainer from a checkpoint, checking every field against `text`.

        workers : None keeps the checkpoint's; another number goes on with that many
        processes (a machine with fewer cores): the run goes on, but the numbers then differ
        from an uninterrupted run in the last digits, as they differ between two `workers`.

        Refused (CheckpointError, one line naming the file and the field, nothing changed):
        anything `Checkpoint.load` refuses; another vocabulary or text; settings that are
        not a valid TrainConfig; parameters of another dtype than the settings say; states
        that are not (n_a, batch size); a position outside this text's epoch (window,
        offset) or one that does not add up to t = epoch * windows_per_epoch + window.
        The text is read once (its checksum, its vocabulary unless `vocab` is given).
        """
        ck = Checkpoint.load(path, kind="checkpoint")
        vocab = Vocabulary.from_text(text) if vocab is None else vocab
        if vocab != ck.vocab:
            raise CheckpointError(_(
                "{path}: trained on another vocabulary ({n} characters: {chars!r}) than this "
                "text has ({m}: {text_chars!r}); resume with the corpus it was trained on, or "
                "start a new checkpoint").format(
                    path=path, n=ck.vocab.size, chars="".join(ck.vocab.chars), m=vocab.size,
                    text_chars="".join(vocab.chars)))
        config = _config_of(path, ck.hyperparameters)
        if workers is not None:
            config.workers = whole(workers, "workers", low=1)
        if np.dtype(config.dtype) != ck.parameters["Wf"].dtype:
            raise CheckpointError(_("{path}: hyperparameters.dtype is {dtype} but the "
                                    "parameters are {actual}").format(
                                        path=path, dtype=config.dtype,
                                        actual=ck.parameters["Wf"].dtype))
        if ck.state["a"].shape != (config.n_a, config.batch_size):
            raise CheckpointError(_("{path}: a_state has shape {shape}, expected (n_a, "
                                    "batch_size) = ({n_a}, {m})").format(
                                        path=path, shape=ck.state["a"].shape, n_a=config.n_a,
                                        m=config.batch_size))
        return cls(text, config, ck.progress["engine"], vocab=vocab, start=ck)


def _config_of(path, hyperparameters):
    """The TrainConfig stored in a checkpoint; CheckpointError naming a bad or unknown field."""
    known = {f.name for f in fields(TrainConfig)}
    unknown = sorted(set(hyperparameters) - known)
    if unknown:
        raise CheckpointError(_("{path}: hyperparameters.{name} is not a setting of this "
                                "lstm_np's trainer").format(path=path, name=unknown[0]))
    hyper = {"workers": 1}             # checkpoints from before `workers` used one thread
    hyper.update(hyperparameters)
    try:
        return TrainConfig(**hyper).check()
    except (TypeError, ValueError) as e:
        raise CheckpointError(_("{path}: hyperparameters: {error}")
                              .format(path=path, error=e)) from None
