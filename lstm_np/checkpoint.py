"""Checkpoints and model files: one .npz format, written atomically, checked before use.

A file holds the parameters under the original notebook's names (Wf, bf, ..., Wy, by), so any numpy user
can open it with ``np.load``, and a "meta" entry: a JSON text with the format version, the
kind, the vocabulary and the hyperparameters. The kinds:

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
Reading uses ``allow_pickle=False`` and checks every field before anything is returned;
every refusal is a `CheckpointError` of one line naming the file and the field.

Two ways in:

- the original notebook's functions, same calls and return values: `save_checkpoint`,
  `load_checkpoint` -> (parameters, v, s), `save_parameters`, `load_parameters`;
- the whole object: `Checkpoint.load(path)` and `Checkpoint.save(path)` (what `Trainer`
  uses), `save_model`, `load_pretrained`.
"""
import json
import math
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import CheckpointError
from .params import PARAMETER_NAMES
from .text import Vocabulary

FORMAT = "lstm_np"
VERSION = 2          # 2: the stream offset is part of a checkpoint's progress; kinds adam, parameters
READABLE = (1, 2)    # version 1 files (the pretrained models, older checkpoints) still load
KINDS = ("checkpoint", "model", "adam", "parameters")
HISTORY_KEYS = ("update", "epoch", "chars", "train_loss", "val_loss")
ORIGINAL_FILE = "checkpoint_kafka.npz"     # the original notebook's default file name


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
                raise CheckpointError(f"{path}: not saved, {name} is not finite (nan or inf); "
                                      "the previous file was kept")
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
    """np.savez to a temporary file beside `path`, fsync, then rename it over `path`."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CheckpointError(f"{path}: the folder {folder} does not exist; create it first")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, 0o644)                 # mkstemp makes it private; a checkpoint is not
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    try:                                     # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def save_model(path, parameters, vocab, hyperparameters, history=None):
    """Save a model file: parameters, vocabulary, settings (and the loss history, if given)."""
    Checkpoint(parameters, vocab, dict(hyperparameters), "model",
               history=dict(history or {})).save(path)


def pretrained_path(lang):
    """Where the pretrained model of a language lives: data/model_<lang>.npz."""
    from .data import DATA_DIR
    if lang not in ("es", "en"):
        raise ValueError(f"lang must be 'es' or 'en', got {lang!r}")
    return DATA_DIR / f"model_{lang}.npz"


def load_pretrained(lang):
    """Load (and check) the pretrained model of `lang` shipped in data/; a `Checkpoint`."""
    return Checkpoint.load(pretrained_path(lang))


# ------------------------------------------------------------------------------------------
# The original notebook's functions
# ------------------------------------------------------------------------------------------

def save_checkpoint(parameters, v, s, file_name=ORIGINAL_FILE, *, t=None, vocab=None):
    """Save the parameters and Adam's state (v, s) in one file (the original's function).

    The file holds Wf, ..., by, v_Wf, ..., s_Wf, ... (the original's names), written
    atomically. Keyword-only additions: `t`, Adam's step (so that a resume does not restart
    the bias correction at t = 1, DESIGN 4.3), and `vocab`, a Vocabulary to store with them.
    To resume the project's trainer exactly, use `Trainer.save`, which adds the streams'
    states, the position in the text and the random state.

    Parameters
    ----------
    parameters, v, s : dicts with the original notebook's keys (v and s as from `initialize_adam`).
    file_name : path of the .npz file.
    """
    missing = [n for n in PARAMETER_NAMES if n not in parameters or n not in v or n not in s]
    if missing:
        raise ValueError(f"save_checkpoint: parameters, v and s need every key of "
                         f"{', '.join(PARAMETER_NAMES)}; missing {', '.join(missing)}")
    Checkpoint(dict(parameters), vocab, {}, "adam", dict(v), dict(s),
               0 if t is None else int(t)).save(file_name)
    print(f"checkpoint saved (parameters + Adam state v, s): {file_name}")


def load_checkpoint(file_name=ORIGINAL_FILE):
    """Load parameters and Adam's state from `file_name` (the original's function).

    Returns
    -------
    (parameters, v, s) : dicts with the original notebook's keys; v and s are empty dicts if the file
        holds parameters only (a model file), as in the original. (None, None, None), with a
        message, if the file does not exist, as in the original.

    Raises CheckpointError (one line naming the file and the field) for a damaged file: a
    damaged file is never taken for "no file" and silently replaced by a new start.
    """
    if not os.path.exists(file_name):
        print(f"{file_name} not found: training will start from scratch.")
        return None, None, None
    ck = Checkpoint.load(file_name)
    print(f"checkpoint loaded: {file_name} ({ck.kind}"
          + (f", Adam's step t = {ck.t})" if ck.v is not None else ", no Adam state)"))
    return ck.parameters, dict(ck.v or {}), dict(ck.s or {})


def save_parameters(parameters, file_name=ORIGINAL_FILE, *, vocab=None):
    """Save the parameters dict to an .npz file (the original's function).

    The original wrote the parameters alone over its checkpoint, so the next resume lost
    Adam's state (DESIGN 4.3). Here, if `file_name` already holds a checkpoint (with Adam's
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
                print(f"parameters saved: {file_name} (the checkpoint there holds these "
                      "parameters; kept with its Adam state)")
                return
            raise CheckpointError(f"{path}: holds a checkpoint of other parameters, with "
                                  "Adam's state; not overwritten: choose another file name")
    kind = "parameters" if vocab is None else "model"
    Checkpoint(dict(parameters), vocab, {}, kind).save(path)
    print(f"parameters saved: {file_name}")


def load_parameters(file_name=ORIGINAL_FILE):
    """Load the parameters dict from any lstm_np file (the original's function).

    Returns the dict (the original notebook's keys), or None with a message if the file does not exist,
    as in the original. A damaged file raises CheckpointError (one line naming the file).
    """
    if not os.path.exists(file_name):
        print(f"error: {file_name} not found")
        return None
    parameters = Checkpoint.load(file_name).parameters
    print(f"parameters loaded: {file_name}")
    return parameters


# ------------------------------------------------------------------------------------------
# Loading and checking
# ------------------------------------------------------------------------------------------

def _one_line(error):
    return " ".join(str(error).split())


def _refuse(path, what):
    raise CheckpointError(f"{path}: {what}")


def _whole(value, low=0, high=None):
    """True if value is a JSON integer (not a bool) in [low, high]."""
    return (isinstance(value, int) and not isinstance(value, bool) and value >= low
            and (high is None or value <= high))


def _read_arrays(path):
    """Every entry of the .npz at `path`, read without pickle; refusals for non-npz files."""
    if not path.is_file():
        _refuse(path, "no such file" if not path.exists() else "not a file")
    try:
        with open(path, "rb") as f:
            magic = f.read(6)
    except OSError as e:
        _refuse(path, f"cannot be read ({e.strerror or e})")
    if magic == b"\x93NUMPY":
        _refuse(path, "a single .npy array, not a lstm_np model or checkpoint (.npz)")
    if not magic.startswith(b"PK"):
        _refuse(path, "not a lstm_np model or checkpoint (not an .npz archive)")
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except ValueError as e:
        if "pickle" in str(e):
            _refuse(path, "holds pickled Python objects, which are never loaded "
                          "(a lstm_np file holds plain arrays only)")
        _refuse(path, f"not a lstm_np model or checkpoint (unreadable: {_one_line(e)})")
    except Exception as e:      # zipfile, zlib and numpy raise many kinds on a damaged file
        _refuse(path, f"not a lstm_np model or checkpoint, or truncated/corrupt "
                      f"({type(e).__name__}: {_one_line(e)})")
    for key, value in arrays.items():
        if not isinstance(value, np.ndarray):
            _refuse(path, f"entry {key!r} is not a numpy array: not a lstm_np file")
    return arrays


def _read_meta(path, arrays):
    """The parsed and checked "meta" entry: format, version, kind, vocab, hyperparameters."""
    if "meta" not in arrays or arrays["meta"].dtype.kind != "U" or arrays["meta"].ndim != 0:
        _refuse(path, "not a lstm_np model or checkpoint (no 'meta' entry)")
    try:
        meta = json.loads(str(arrays["meta"]))
    except json.JSONDecodeError:
        _refuse(path, "corrupt 'meta' entry (not valid JSON)")
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        _refuse(path, "not a lstm_np model or checkpoint (unknown format)")
    version = meta.get("version")
    if not _whole(version) or version not in READABLE:
        _refuse(path, f"format version {version!r}; this lstm_np reads versions "
                      f"{', '.join(map(str, READABLE))}")
    if meta.get("kind") not in KINDS:
        _refuse(path, f"unknown kind {meta.get('kind')!r} in 'meta'")
    vocab = meta.get("vocab")
    if vocab is not None or meta["kind"] in ("checkpoint", "model"):
        try:
            meta["vocab"] = Vocabulary(vocab)
        except (TypeError, ValueError):
            _refuse(path, "the vocabulary stored in 'meta' is missing or invalid")
    hyper = meta.get("hyperparameters", {} if meta["kind"] in ("adam", "parameters") else None)
    if not isinstance(hyper, dict):
        _refuse(path, "the hyperparameters stored in 'meta' are missing")
    meta["hyperparameters"] = hyper
    return meta


def _check_arrays(path, arrays, kind, V, hyper):
    """Keys, shapes, dtypes and values of the parameter and moment arrays; returns n_a."""
    needed = list(PARAMETER_NAMES)
    if kind in ("checkpoint", "adam"):
        needed += ["v_" + n for n in PARAMETER_NAMES] + ["s_" + n for n in PARAMETER_NAMES]
        needed += ["t"]
    if kind == "checkpoint":
        needed += ["a_state", "c_state"]
    missing = [key for key in needed if key not in arrays]
    if missing:
        _refuse(path, f"missing entries {', '.join(missing)}")
    # shapes: everything follows from n_a (rows of Wf) and the vocabulary size
    if arrays["Wf"].ndim != 2:
        _refuse(path, f"Wf has shape {arrays['Wf'].shape}, expected a matrix (n_a, n_a + n_x)")
    n_a = arrays["Wf"].shape[0]
    if V is None:                       # no vocabulary stored: the size is Wy's rows
        V = arrays["Wy"].shape[0] if arrays["Wy"].ndim == 2 else -1
    if hyper.get("n_a", n_a) != n_a:
        _refuse(path, f"its settings say n_a = {hyper.get('n_a')!r} but Wf has {n_a} rows")
    expected = {}
    for g in "fico":
        expected["W" + g] = (n_a, n_a + V)
        expected["b" + g] = (n_a, 1)
    expected["Wy"], expected["by"] = (V, n_a), (V, 1)
    dtype = arrays["Wf"].dtype
    if dtype not in (np.float32, np.float64):
        _refuse(path, f"parameters of dtype {dtype}; expected float32 or float64")
    for key in needed:
        if key == "t":
            continue
        a = arrays[key]
        base = key[2:] if key[:2] in ("v_", "s_") else key
        if base in expected and a.shape != expected[base]:
            _refuse(path, f"{key} has shape {a.shape}, expected {expected[base]} for "
                          f"n_a = {n_a} and a vocabulary of {V} characters")
        if a.dtype != dtype:
            _refuse(path, f"{key} has dtype {a.dtype}, expected {dtype} like Wf")
        if not np.all(np.isfinite(a)):
            _refuse(path, f"{key} holds non-finite values (nan or inf)")
        if key[:2] == "s_" and np.any(a < 0):
            _refuse(path, f"{key} holds negative values; Adam's s is a mean of squares")
    if "t" in needed:
        t = arrays["t"]
        if t.shape != () or t.dtype.kind not in "iu" or int(t) < 0:
            _refuse(path, f"bad step t {t!r}: expected one whole number >= 0")
    if kind == "checkpoint":
        for key in ("a_state", "c_state"):
            if arrays[key].ndim != 2 or arrays[key].shape[0] != n_a:
                _refuse(path, f"{key} has shape {arrays[key].shape}, expected (n_a={n_a}, m)")
        if arrays["a_state"].shape != arrays["c_state"].shape:
            _refuse(path, "a_state and c_state have different shapes")
    return n_a


def check_rng_state(state):
    """True if `state` is the state of a numpy PCG64 generator (what Trainer.rng uses)."""
    if not isinstance(state, dict) or state.get("bit_generator") != "PCG64":
        return False
    try:
        np.random.PCG64().state = state
    except (TypeError, ValueError, KeyError, OverflowError):
        return False
    return True


def _check_progress(path, progress, t, version):
    """The position in the data and the random state of a checkpoint (one field at a time)."""
    if not isinstance(progress, dict):
        _refuse(path, "progress: missing from 'meta' (a checkpoint needs it to resume)")
    if version == 1:                     # version 1 always read from offset 0
        progress.setdefault("offset", 0)
    for name in ("epoch", "window"):
        value = progress.get(name)
        if not _whole(value, 0, t):
            _refuse(path, f"progress.{name} is {value!r}; expected a whole number from 0 to "
                          f"t = {t}")
    if not _whole(progress.get("offset"), 0):
        _refuse(path, f"progress.offset is {progress.get('offset')!r}; expected a whole "
                      "number >= 0")
    if progress.get("engine") not in ("fast", "faithful"):
        _refuse(path, f"progress.engine is {progress.get('engine')!r}; expected 'fast' or "
                      "'faithful'")
    sha = progress.get("text_sha256")
    if not (isinstance(sha, str) and re.fullmatch("[0-9a-f]{64}", sha)):
        _refuse(path, f"progress.text_sha256 is {sha!r}; expected 64 hexadecimal digits")
    if not check_rng_state(progress.get("rng_state")):
        _refuse(path, "progress.rng_state is missing or not the state of a numpy PCG64 "
                      "generator")


def _check_history(path, history):
    if not isinstance(history, dict):
        _refuse(path, "history: expected a dict of lists in 'meta'")
    lengths = set()
    for key, values in history.items():
        if key not in HISTORY_KEYS:
            _refuse(path, f"history.{key}: unknown entry (expected {', '.join(HISTORY_KEYS)})")
        if not isinstance(values, list) or not all(
                isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
                for x in values):
            _refuse(path, f"history.{key}: expected a list of finite numbers")
        lengths.add(len(values))
    if len(lengths) > 1:
        _refuse(path, "history: its lists have different lengths")


def _load(path, kind):
    arrays = _read_arrays(path)
    meta = _read_meta(path, arrays)
    file_kind = meta["kind"]
    if kind == "checkpoint" and file_kind != "checkpoint":
        _refuse(path, f"is a {file_kind} file, without the trainer's state: it cannot resume "
                      "training; resume from a checkpoint written by `train`, or start a new one")
    vocab, hyper = meta.get("vocab"), meta["hyperparameters"]
    _check_arrays(path, arrays, file_kind, None if vocab is None else vocab.size, hyper)
    history = meta.get("history") or {}
    _check_history(path, history)
    ck = Checkpoint({n: arrays[n] for n in PARAMETER_NAMES}, vocab, hyper, file_kind,
                    history=history, path=path)
    if file_kind in ("checkpoint", "adam"):
        ck.v = {n: arrays["v_" + n] for n in PARAMETER_NAMES}
        ck.s = {n: arrays["s_" + n] for n in PARAMETER_NAMES}
        ck.t = int(arrays["t"])
    if file_kind == "checkpoint":
        _check_progress(path, meta.get("progress"), ck.t, meta["version"])
        ck.progress = meta["progress"]
        ck.state = {"a": arrays["a_state"], "c": arrays["c_state"]}
    return ck
