"""Checkpoints and model files: one .npz format, written atomically, checked before use.

A file holds the parameters under the seed's names (Wf, bf, ..., Wy, by), so any numpy user
can open it with ``np.load``, and a "meta" entry: a JSON text with the format version, the
kind ("checkpoint" or "model"), the vocabulary and the hyperparameters. A checkpoint adds
everything needed to resume exactly: Adam's moments (v_Wf, s_Wf, ...), the step t, the
hidden and cell states of the parallel streams, the position in the data, the random
generator's state and the history of losses.

Writing goes to a temporary file in the same folder, flushed to disk, then renamed over the
old file: a crash at any moment leaves either the old file or the new one, whole.
Reading uses ``allow_pickle=False`` and checks keys, shapes, dtypes and finiteness before
anything is returned; every refusal is a `CheckpointError` naming the file and the problem.
"""
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import CheckpointError
from .params import PARAMETER_NAMES
from .text import Vocabulary

FORMAT = "lstm_np"
VERSION = 1


@dataclass
class Checkpoint:
    """What a checkpoint or model file holds, once loaded and checked.

    parameters : dict name -> array, the seed's names and shapes.
    vocab : Vocabulary.
    hyperparameters : dict (n_a, seq_length, batch_size, learning_rate, dtype, ...).
    kind : "checkpoint" or "model".
    v, s : Adam's moments (checkpoints only; None in a model file).
    t : Adam's step, the number of updates done (0 in a model file).
    state : dict with "a" and "c", arrays (n_a, m), the streams' states (checkpoints only).
    progress : dict with the position in the data, the rng state and the text's checksum.
    history : dict of lists (update, epoch, train_loss, val_loss), possibly empty.
    path : the file it came from.
    """
    parameters: dict
    vocab: Vocabulary
    hyperparameters: dict
    kind: str = "model"
    v: dict = None
    s: dict = None
    t: int = 0
    state: dict = None
    progress: dict = field(default_factory=dict)
    history: dict = field(default_factory=dict)
    path: Path = None


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


def save(path, ck):
    """Write a `Checkpoint` (kind "model" or "checkpoint") to `path` atomically.

    Every array is checked first: a file with nan or inf is never written, so it can never
    replace a good one.
    """
    meta = {"format": FORMAT, "version": VERSION, "kind": ck.kind,
            "vocab": ck.vocab.chars, "hyperparameters": ck.hyperparameters}
    arrays = {name: ck.parameters[name] for name in PARAMETER_NAMES}
    if ck.history:
        meta["history"] = ck.history
    if ck.kind == "checkpoint":
        meta["progress"] = ck.progress
        for name in PARAMETER_NAMES:
            arrays["v_" + name] = ck.v[name]
            arrays["s_" + name] = ck.s[name]
        arrays["t"] = np.array(ck.t, dtype=np.int64)
        arrays["a_state"] = ck.state["a"]
        arrays["c_state"] = ck.state["c"]
    for name, value in arrays.items():
        if not np.all(np.isfinite(value)):
            raise CheckpointError(f"{path}: not saved, {name} is not finite (nan or inf); "
                                  "the previous file was kept")
    arrays["meta"] = np.array(json.dumps(meta, ensure_ascii=False))
    _atomic_savez(path, arrays)


def save_checkpoint(path, parameters, v, s, t, vocab, hyperparameters, state, progress,
                    history=None):
    """Save everything needed to resume training (the seed's name, now with t and more)."""
    save(path, Checkpoint(parameters, vocab, dict(hyperparameters), "checkpoint", v, s, int(t),
                          state, dict(progress), dict(history or {})))


def save_model(path, parameters, vocab, hyperparameters, history=None):
    """Save a model file: parameters, vocabulary, settings (and the loss history, if given)."""
    save(path, Checkpoint(parameters, vocab, dict(hyperparameters), "model",
                          history=dict(history or {})))


def pretrained_path(lang):
    """Where the pretrained model of a language lives: data/model_<lang>.npz."""
    from .data import DATA_DIR
    if lang not in ("es", "en"):
        raise ValueError(f"lang must be 'es' or 'en', got {lang!r}")
    return DATA_DIR / f"model_{lang}.npz"


def load_pretrained(lang):
    """Load (and check) the pretrained model of `lang` shipped in data/; a `Checkpoint`."""
    return load_checkpoint(pretrained_path(lang))


def _one_line(error):
    return " ".join(str(error).split())


def _refuse(path, what):
    raise CheckpointError(f"{path}: {what}")


def load_checkpoint(path, kind=None):
    """Load and check a checkpoint or model file; return a `Checkpoint`.

    Parameters
    ----------
    path : str or Path.
    kind : None (either), "checkpoint" (refuse a model file, which cannot resume training).

    Raises
    ------
    CheckpointError, one line naming the file, for: a missing file, a file that is not an
    .npz archive or is truncated, pickled objects, a missing or unknown "meta", missing keys,
    shapes that do not fit together or the vocabulary, a dtype other than float32/float64,
    non-finite values, a bad step t.
    """
    path = Path(path)
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

    if "meta" not in arrays or arrays["meta"].dtype.kind != "U" or arrays["meta"].ndim != 0:
        _refuse(path, "not a lstm_np model or checkpoint (no 'meta' entry)")
    try:
        meta = json.loads(str(arrays["meta"]))
    except json.JSONDecodeError:
        _refuse(path, "corrupt 'meta' entry (not valid JSON)")
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        _refuse(path, "not a lstm_np model or checkpoint (unknown format)")
    if meta.get("version") != VERSION:
        _refuse(path, f"format version {meta.get('version')!r}, this lstm_np reads "
                      f"version {VERSION}")
    file_kind = meta.get("kind")
    if file_kind not in ("model", "checkpoint"):
        _refuse(path, f"unknown kind {file_kind!r}")
    if kind == "checkpoint" and file_kind != "checkpoint":
        _refuse(path, "is a model file (parameters only): it cannot resume training; "
                      "resume from a checkpoint written by `train`, or start a new one")
    try:
        vocab = Vocabulary(meta["vocab"])
    except (KeyError, TypeError, ValueError):
        _refuse(path, "the vocabulary stored in 'meta' is missing or invalid")
    hyper = meta.get("hyperparameters")
    if not isinstance(hyper, dict):
        _refuse(path, "the hyperparameters stored in 'meta' are missing")

    needed = list(PARAMETER_NAMES)
    if file_kind == "checkpoint":
        needed += ["v_" + n for n in PARAMETER_NAMES] + ["s_" + n for n in PARAMETER_NAMES]
        needed += ["t", "a_state", "c_state"]
    missing = [key for key in needed if key not in arrays]
    if missing:
        _refuse(path, f"missing entries {', '.join(missing)}")

    # shapes: everything follows from n_a (rows of Wf) and the vocabulary size
    if arrays["Wf"].ndim != 2:
        _refuse(path, f"Wf has shape {arrays['Wf'].shape}, expected a matrix (n_a, n_a + n_x)")
    n_a, V = arrays["Wf"].shape[0], vocab.size
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
    float_keys = [k for k in needed if k != "t"]
    for key in float_keys:
        a = arrays[key]
        base = key[2:] if key[:2] in ("v_", "s_") else key
        if base in expected and a.shape != expected[base]:
            _refuse(path, f"{key} has shape {a.shape}, expected {expected[base]} for "
                          f"n_a = {n_a} and a vocabulary of {V} characters")
        if a.dtype != dtype:
            _refuse(path, f"{key} has dtype {a.dtype}, expected {dtype} like Wf")
        if not np.all(np.isfinite(a)):
            _refuse(path, f"{key} holds non-finite values (nan or inf)")

    parameters = {n: arrays[n] for n in PARAMETER_NAMES}
    ck = Checkpoint(parameters, vocab, hyper, file_kind, path=path)
    if file_kind == "checkpoint":
        t = arrays["t"]
        if t.shape != () or t.dtype.kind not in "iu" or int(t) < 0:
            _refuse(path, f"bad step t {t!r}")
        for key in ("a_state", "c_state"):
            if arrays[key].ndim != 2 or arrays[key].shape[0] != n_a:
                _refuse(path, f"{key} has shape {arrays[key].shape}, expected (n_a={n_a}, m)")
        if arrays["a_state"].shape != arrays["c_state"].shape:
            _refuse(path, "a_state and c_state have different shapes")
        ck.v = {n: arrays["v_" + n] for n in PARAMETER_NAMES}
        ck.s = {n: arrays["s_" + n] for n in PARAMETER_NAMES}
        ck.t = int(t)
        ck.state = {"a": arrays["a_state"], "c": arrays["c_state"]}
        ck.progress = meta.get("progress") or {}
    ck.history = meta.get("history") or {}
    return ck
