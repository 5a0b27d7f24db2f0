"""The original notebook's API: its functions that are not the taught maths, same calls.

`from lstm_np import *` gives every function of the original notebook (ORIGINAL_FUNCTIONS,
in its order); the taught ones live in activations, params, forward, backward, optim and
sampling; these are the rest:

- `model(data, char_to_ix, ix_to_char, ...)`: train (the project's `Trainer` underneath);
- `save_checkpoint`, `load_checkpoint` -> (parameters, v, s), `save_parameters`,
  `load_parameters`: files in the project's checked format (checkpoint.py);

Where the original was wrong (a window crawling one character per iteration, Adam's state
lost on resume), these functions keep its call and return value and do the right thing.
"""
import os
from contextlib import nullcontext
from dataclasses import fields
from pathlib import Path

import numpy as np

from .storage.checkpoint import Checkpoint
from .arguments import vocabulary, whole
from .errors import CheckpointError
from .storage.files import TrainerLock
from .i18n import _
from .core.parameters import PARAMETER_NAMES
from .core.sampling import sample_top_k
from .engine.train import Trainer
from .engine.config import TrainConfig

ORIGINAL_FILE = "checkpoint_kafka.npz"     # the original notebook's default file name

ORIGINAL_FUNCTIONS = (
    "sigmoid", "softmax", "initialize_parameters", "lstm_cell_forward", "lstm_forward",
    "compute_loss", "lstm_cell_backward", "lstm_backward", "initialize_adam", "clip",
    "update_parameters_with_adam", "save_checkpoint", "load_checkpoint", "sample_top_k",
    "model", "save_parameters", "load_parameters",
)
"""The functions the original notebook defines, in its order."""


def save_checkpoint(parameters, v, s, file_name=ORIGINAL_FILE, *, t=None, vocab=None):
    """Save the parameters and Adam's state (v, s) in one file (the original's function).

    The file holds Wf, ..., by, v_Wf, ..., s_Wf, ... (the original's names), written
    atomically. Keyword-only additions: `t`, Adam's step (so that a resume does not restart
    the bias correction at t = 1), and `vocab`, a Vocabulary to store with them.
    To resume the project's trainer exactly, use `Trainer.save`, which adds the streams'
    states, the position in the text and the random state.

    Parameters
    ----------
    parameters, v, s : dicts with the original notebook's keys (v and s as from `initialize_adam`).
    file_name : path of the .npz file.
    """
    missing = [n for n in PARAMETER_NAMES if n not in parameters or n not in v or n not in s]
    if missing:
        raise ValueError(_("save_checkpoint: parameters, v and s need every key of {keys}; "
                           "missing {missing}").format(keys=", ".join(PARAMETER_NAMES),
                                                       missing=", ".join(missing)))
    Checkpoint(parameters=dict(parameters), vocab=vocab, kind="adam", v=dict(v), s=dict(s),
               t=0 if t is None else int(t)).save(file_name)
    print(_("checkpoint saved (parameters + Adam state v, s): {file}").format(file=file_name))


def load_checkpoint(file_name=ORIGINAL_FILE):
    """Load parameters and Adam's state from `file_name` (the original's function).

    Returns
    -------
    (parameters, v, s) : dicts with the original notebook's keys; v and s are empty dicts if
        the file holds parameters only (a model file), as in the original. (None, None, None),
        with a message, if the file does not exist, as in the original.

    Raises CheckpointError (one line naming the file and the field) for a damaged file: a
    damaged file is never taken for "no file" and silently replaced by a new start.
    """
    if not os.path.exists(file_name):
        print(_("{file} not found: training will start from scratch.").format(file=file_name))
        return None, None, None
    ck = Checkpoint.load(file_name)
    if ck.v is not None:
        print(_("checkpoint loaded: {file} ({kind}, Adam's step t = {t})")
              .format(file=file_name, kind=ck.kind, t=ck.t))
    else:
        print(_("checkpoint loaded: {file} ({kind}, no Adam state)")
              .format(file=file_name, kind=ck.kind))
    return ck.parameters, dict(ck.v or {}), dict(ck.s or {})


def save_parameters(parameters, file_name=ORIGINAL_FILE, *, vocab=None):
    """Save the parameters dict to an .npz file (the original's function).

    The original wrote the parameters alone over its checkpoint, so the next resume lost
    Adam's state. Here, if `file_name` already holds a checkpoint (with Adam's
    state) of exactly these parameters, it is kept as it is: it holds them already, and
    more. If it holds a checkpoint of other parameters, nothing is written and
    CheckpointError says so. Otherwise a parameters file is written (a model file if
    `vocab`, keyword-only, is given), atomically.
    """
    path = Path(file_name)
    if path.exists():
        old = Checkpoint.load(path)
        if old.kind in ("checkpoint", "adam"):
            if all(np.array_equal(old.parameters[n], parameters[n]) for n in PARAMETER_NAMES):
                print(_("parameters saved: {file} (the checkpoint there holds these "
                        "parameters; kept with its Adam state)").format(file=file_name))
                return
            raise CheckpointError(_("{path}: holds a checkpoint of other parameters, with "
                                    "Adam's state; not overwritten: choose another file name")
                                  .format(path=path))
    kind = "parameters" if vocab is None else "model"
    Checkpoint(parameters=dict(parameters), vocab=vocab, kind=kind).save(path)
    print(_("parameters saved: {file}").format(file=file_name))


def load_parameters(file_name=ORIGINAL_FILE):
    """Load the parameters dict from any lstm_np file (the original's function).

    Returns the dict (the original notebook's keys), or None with a message if the file does
    not exist, as in the original. A damaged file raises CheckpointError (one line naming the
    file).
    """
    if not os.path.exists(file_name):
        print(_("error: {file} not found").format(file=file_name))
        return None
    parameters = Checkpoint.load(file_name).parameters
    print(_("parameters loaded: {file}").format(file=file_name))
    return parameters


def _vocabulary_of(char_to_ix, ix_to_char, vocab_size):
    """The Vocabulary of the original's two dictionaries; ValueError if they disagree."""
    chars = [ix_to_char.get(i) for i in range(len(ix_to_char))]
    if (vocab_size != len(char_to_ix) or len(ix_to_char) != len(char_to_ix)
            or any(char_to_ix.get(ch) != i for i, ch in enumerate(chars))):
        raise ValueError(_("char_to_ix ({n} characters), ix_to_char ({m}) and vocab_size "
                           "({size}) must describe one vocabulary: indices 0 .. vocab_size - 1, "
                           "each dict the other's inverse")
                         .format(n=len(char_to_ix), m=len(ix_to_char), size=vocab_size))
    return vocabulary(chars)


def model(data, char_to_ix, ix_to_char, num_iterations=3000, n_a=50, vocab_size=52,
          learning_rate=0.005, checkpoint_file="checkpoint_kafka.npz", *, every=500,
          log=print, **settings):
    """Train a character-level LSTM on `data` (the original notebook's `model`, same call).

    Each iteration is one update of the project's trainer (see `Trainer` and streams.py):
    m windows of T_x characters read in epochs over the whole text, not the original's
    single window sliding one character per iteration . Every `every`
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
        raise TypeError(_("model() got an unexpected keyword argument {name!r} (the settings "
                          "are the fields of TrainConfig)").format(name=unknown[0]))
    num_iterations = whole(num_iterations, "num_iterations", low=0)
    every = whole(every, "every", low=1)
    path = None if checkpoint_file is None else Path(checkpoint_file)
    with nullcontext() if path is None else TrainerLock(path):     # one trainer per file
        trainer = _trainer_for(data, vocab, wanted, path, log)
        target = trainer.t + num_iterations
        while trainer.t < target:
            stop = min(target, (trainer.t // every + 1) * every)
            trainer.train(updates=stop, every=every, log=log)
            sample = sample_top_k(trainer.parameters, char_to_ix, data[0],
                                  rng=np.random.default_rng([trainer.config.seed, trainer.t]))
            log(_("sample: {text}").format(
                text="".join(ix_to_char[i] for i in sample).replace("\n", " ")))
            if path is not None:
                trainer.save(path)
                log(_("checkpoint saved: {path} (update t = {t})")
                    .format(path=path, t=trainer.t))
            log("-" * 50)
    return {name: trainer.parameters[name].copy() for name in PARAMETER_NAMES}


def _trainer_for(data, vocab, wanted, path, log):
    """The Trainer `model` goes on with: resumed from `path` if it exists, else a new one."""
    if path is not None and path.exists():
        trainer = Trainer.resume(path, data, vocab=vocab)
        clash = {k: v for k, v in wanted.items()
                 if getattr(trainer.config, k) != v and v != "auto"}   # auto: as recorded
        if clash:
            raise CheckpointError(_(
                "{path}: was trained with {settings}, not {given}; call model with its "
                "settings, or with another checkpoint_file").format(
                    path=path,
                    settings=", ".join(f"{k}={getattr(trainer.config, k)!r}" for k in clash),
                    given=", ".join(f"{k}={v!r}" for k, v in clash.items())))
        log(_("resuming from {path}: update t = {t}, epoch {epoch}")
            .format(path=path, t=trainer.t, epoch=trainer.epoch))
    else:
        trainer = Trainer(data, TrainConfig(**wanted), vocab=vocab)
        log(_("training from scratch") if path is None else
            _("training from scratch (no {path} yet)").format(path=path))
    return trainer
