"""Checkpoints and model files: one .npz format, written atomically, checked before use.

A file holds the parameters under the original notebook's names (Wf, bf, ..., Wy, by), so any
numpy user can open it with ``np.load``, and a "meta" entry: a JSON text with the format
version, the kind, the vocabulary and the hyperparameters. The kinds:

    "checkpoint"  everything the trainer needs to resume exactly: Adam's moments (v_Wf,
                  s_Wf, ...), the step t, the hidden and cell states of the parallel streams
                  (a_state, c_state), the position in the data (epoch, window, offset), the
                  random generator's state, the text's checksum and the history of losses;
    "model"       parameters, vocabulary and settings: for sampling and sharing;
    "adam"        parameters and Adam's moments v, s (and t if given): what the original
                  notebook's `save_checkpoint(parameters, v, s)` writes;
    "parameters"  parameters only: what the original's `save_parameters` writes.

Writing goes to a temporary file in the same folder, flushed to disk, then renamed over the
old file: a crash at any moment leaves either the old file or the new one, whole.
Reading looks at the zip directory and the .npy headers first (npz.py): only the entries a
lstm_np file holds, each of the size its shape allows, are read, with ``allow_pickle=False``;
every field is checked (checkpoint_checks.py) before anything is returned, and every refusal
is a `CheckpointError` of one line naming the file and the field.

Here: the whole object, `Checkpoint.load(path)` and `Checkpoint.save(path)` (what `Trainer`
uses), `save_model`, `load_pretrained`. The original notebook's four functions
(`save_checkpoint`, `load_checkpoint`, `save_parameters`, `load_parameters`) are in
original.py, and importable from here too.
"""
import json
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import checkpoint_checks as checks
from .checkpoint_checks import FORMAT, largest_weight, refuse
from ..errors import CheckpointError
from .files import atomic_write
from ..i18n import _
from .npz import read_data, read_directory
from ..core.parameters import PARAMETER_NAMES
from ..core.text import Vocabulary

VERSION = 2          # 2: the stream offset in a checkpoint's progress; kinds adam, parameters


@dataclass
class Checkpoint:
    """What a checkpoint or model file holds, once loaded and checked.

    parameters : dict name -> array, the original notebook's names and shapes.
    vocab : Vocabulary (None only in "adam" and "parameters" files written without one).
    hyperparameters : dict (n_a, seq_length, batch_size, learning_rate, dtype, ...).
    kind : "checkpoint", "model", "adam" or "parameters" (see the module docstring).
    v, s : Adam's moments ("checkpoint" and "adam"; None otherwise).
    t : Adam's step, the number of updates done (0 when the file does not say).
    state : dict with "a" and "c", arrays (n_a, m), the streams' states (checkpoints only).
    progress : dict: epoch, window, offset, engine, text_sha256, rng_state (checkpoints only).
    history : dict of lists (update, epoch, chars, train_loss, val_loss), possibly empty.
    path : the file it came from.
    """
    parameters: dict
    vocab: Vocabulary = None
    hyperparameters: dict = field(default_factory=dict)
    kind: str = "model"
    v: dict = None
    s: dict = None
    t: int = 0
    state: dict = None
    progress: dict = field(default_factory=dict)
    history: dict = field(default_factory=dict)
    path: Path = None

    def save(self, path):
        """Write this checkpoint to `path` atomically (see the module docstring).

        Every array is checked first: a file with nan or inf is never written, so it can
        never replace a good one.
        """
        meta = {"format": FORMAT, "version": VERSION, "kind": self.kind,
                "vocab": self.vocab.chars if self.vocab is not None else None,
                "hyperparameters": self.hyperparameters}
        arrays = {name: self.parameters[name] for name in PARAMETER_NAMES}
        if self.history:
            meta["history"] = self.history
        if self.kind in ("checkpoint", "adam"):
            for name in PARAMETER_NAMES:
                arrays["v_" + name] = self.v[name]
                arrays["s_" + name] = self.s[name]
            arrays["t"] = np.array(self.t, dtype=np.int64)
        if self.kind == "checkpoint":
            meta["progress"] = self.progress
            arrays["a_state"] = self.state["a"]
            arrays["c_state"] = self.state["c"]
        for name, value in arrays.items():
            if not np.all(np.isfinite(value)):
                raise CheckpointError(_("{path}: not saved, {name} is not finite (nan or inf); "
                                        "the previous file was kept")
                                      .format(path=path, name=name))
            if name in PARAMETER_NAMES and np.max(np.abs(value)) > largest_weight(value.dtype):
                raise CheckpointError(_("{path}: not saved, {name} holds weights beyond "
                                        "{limit:.3g}, which no file may hold (training "
                                        "diverged: try a smaller learning rate); the previous "
                                        "file was kept").format(
                                            path=path, name=name,
                                            limit=largest_weight(value.dtype)))
        arrays["meta"] = np.array(json.dumps(meta, ensure_ascii=False))
        _atomic_savez(path, arrays)

    @classmethod
    def load(cls, path, kind=None):
        """Load and check a file written by lstm_np; return a `Checkpoint`.

        Parameters
        ----------
        path : str or Path.
        kind : None (any kind), or "checkpoint" (refuse any other kind: only a checkpoint
            can resume training).

        Raises
        ------
        CheckpointError, one line naming the file and the field, for: a missing file, a file
        that is not an .npz archive or is truncated, pickled objects, a missing or damaged
        "meta" (JSON, format, version, kind, vocabulary, hyperparameters), missing entries,
        shapes that do not fit together or the vocabulary, a dtype other than
        float32/float64 or unlike the parameters', non-finite values, a negative Adam s, a
        bad step t, and in a checkpoint: states that are not (n_a, batch size), a damaged
        progress record (epoch, window, offset, engine, text checksum, generator state) or
        history.
        """
        return _load(Path(path), kind)


def _atomic_savez(path, arrays):
    """np.savez through `files.atomic_write`: the old file or the new one, whole."""
    atomic_write(path, lambda f: np.savez(f, **arrays), CheckpointError)


def save_model(path, parameters, vocab, hyperparameters, history=None):
    """Save a model file: parameters, vocabulary, settings (and the loss history, if given)."""
    Checkpoint(parameters=parameters, vocab=vocab, hyperparameters=dict(hyperparameters),
               kind="model", history=dict(history or {})).save(path)


# The pretrained models ship inside the package (package data), so that an installed lstm_np
# has them wherever it is used from.
PRETRAINED_DIR = Path(__file__).resolve().parents[1] / "pretrained"


def pretrained_path(lang):
    """Where the pretrained model of a language lives: lstm_np/pretrained/model_<lang>.npz."""
    if lang not in ("es", "en"):
        raise ValueError(_("lang must be 'es' or 'en', got {lang!r}").format(lang=lang))
    return PRETRAINED_DIR / f"model_{lang}.npz"


def load_pretrained(lang):
    """Load (and check) the pretrained model of `lang` shipped with the package; a
    `Checkpoint`."""
    return Checkpoint.load(pretrained_path(lang))


# ------------------------------------------------------------------------------------------
# Loading and checking
# ------------------------------------------------------------------------------------------

def _open_archive(path):
    """The zip archive at `path`, after checking that it is a regular file and an .npz."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        refuse(path, _("no such file"))
    except OSError as e:
        refuse(path, _("cannot be read ({reason})").format(reason=e.strerror or e))
    if not stat.S_ISREG(mode):
        refuse(path, _("not a file"))
    try:
        with open(path, "rb") as f:
            magic = f.read(6)
    except OSError as e:
        refuse(path, _("cannot be read ({reason})").format(reason=e.strerror or e))
    if magic == b"\x93NUMPY":
        refuse(path, _("a single .npy array, not a lstm_np model or checkpoint (.npz)"))
    if not magic.startswith(b"PK"):
        refuse(path, _("not a lstm_np model or checkpoint (not an .npz archive)"))
    return zipfile.ZipFile(path)


def _read(path, kind):
    """(arrays, meta): the entries a file of its kind needs, read after every header check."""
    with _open_archive(path) as archive:
        entries = read_directory(path, archive, checks.ENTRY_NAMES)
        checks.check_meta_entry(path, entries.get("meta"))
        meta = checks.parse_meta(path, str(read_data(archive, entries["meta"])))
        if kind == "checkpoint" and meta["kind"] != "checkpoint":
            refuse(path, _("is a {kind} file, without the trainer's state: it cannot resume "
                           "training; resume from a checkpoint (the files training writes), or "
                           "start a new one").format(kind=meta["kind"]))
        vocab = meta.get("vocab")
        checks.check_shapes(path, entries, meta["kind"],
                            None if vocab is None else vocab.size, meta["hyperparameters"])
        needed = checks.needed_entries(meta["kind"])
        total = sum(entries[name].size for name in needed)
        if total > checks.MAX_TOTAL_BYTES:
            refuse(path, _("its arrays declare {size} bytes, more than the {limit} this lstm_np "
                           "reads").format(size=total, limit=checks.MAX_TOTAL_BYTES))
        arrays = {name: read_data(archive, entries[name]) for name in needed}
    checks.check_values(path, arrays, meta["kind"])
    return arrays, meta


def _damage(error):
    """What a damaged file's exception says, in the reader's language where it is a usual one."""
    if isinstance(error, zipfile.BadZipFile):
        return _("not a zip archive")
    if isinstance(error, (EOFError, zlib.error)):
        return _("the data is cut short or damaged")
    return " ".join(f"{type(error).__name__}: {error}".split())


def _load(path, kind):
    try:
        arrays, meta = _read(path, kind)
    except CheckpointError:
        raise
    except Exception as e:      # zipfile, zlib and numpy raise many kinds on a damaged file
        refuse(path, _("not a lstm_np model or checkpoint, or truncated/corrupt ({error})")
               .format(error=_damage(e)))
    file_kind, vocab = meta["kind"], meta.get("vocab")
    history = meta.get("history") or {}
    checks.check_history(path, history)
    ck = Checkpoint(parameters={n: arrays[n] for n in PARAMETER_NAMES}, vocab=vocab,
                    hyperparameters=meta["hyperparameters"], kind=file_kind, history=history,
                    path=path)
    if file_kind in ("checkpoint", "adam"):
        ck.v = {n: arrays["v_" + n] for n in PARAMETER_NAMES}
        ck.s = {n: arrays["s_" + n] for n in PARAMETER_NAMES}
        ck.t = int(arrays["t"])
    if file_kind == "checkpoint":
        checks.check_progress(path, meta.get("progress"), ck.t, meta["version"])
        ck.progress = meta["progress"]
        ck.state = {"a": arrays["a_state"], "c": arrays["c_state"]}
    return ck
