"""The checks a checkpoint or model file passes before anything in it is used.

Each check refuses with a `CheckpointError` of one line naming the file and the field. They
run in the order of `checkpoint._load`: the "meta" JSON (bounded in size and depth), the
shapes and dtypes read from the .npy headers (before any data is decompressed), then the
values, the progress record and the history.
"""
import json
import math
import re

import numpy as np

from ..arguments import vocabulary
from ..errors import CheckpointError
from ..i18n import _
from ..core.parameters import PARAMETER_NAMES

FORMAT = "lstm_np"
READABLE = (1, 2)    # version 1 files (the pretrained models, older checkpoints) still load
KINDS = ("checkpoint", "model", "adam", "parameters")
HISTORY_KEYS = ("update", "epoch", "chars", "train_loss", "val_loss")

# Bounds on what a file may declare, far above any real lstm_np file (the pretrained models
# are about 1 MB, their meta 20 kB), so that a forged file cannot take the memory.
MAX_META_BYTES = 8 << 20      # the meta entry, UTF-32: 2 million characters
MAX_META_DEPTH = 16           # nesting of meta's JSON (a real one nests 4 deep)
MAX_TOTAL_BYTES = 1 << 30     # all entries read: e.g. n_a = 2,000 in float64 with Adam's state


def refuse(path, what):
    raise CheckpointError("{path}: {what}".format(path=path, what=what))


def is_json_int(value, low=0, high=None):
    """True if value is a JSON integer (not a bool) in [low, high]."""
    return (isinstance(value, int) and not isinstance(value, bool) and value >= low
            and (high is None or value <= high))


def needed_entries(kind):
    """The entries a file of `kind` must hold (without meta), in the order they are checked."""
    needed = list(PARAMETER_NAMES)
    if kind in ("checkpoint", "adam"):
        needed += ["v_" + n for n in PARAMETER_NAMES] + ["s_" + n for n in PARAMETER_NAMES]
        needed += ["t"]
    if kind == "checkpoint":
        needed += ["a_state", "c_state"]
    return needed


ENTRY_NAMES = frozenset(needed_entries("checkpoint") + ["meta"])


def _depth(value):
    """How deeply lists and dicts nest in `value` (iteratively: no recursion to exhaust)."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, depth)
            if depth > MAX_META_DEPTH:
                break
            todo.extend((x, depth + 1) for x in (item.values() if isinstance(item, dict)
                                                  else item))
    return deepest


def check_meta_entry(path, entry):
    """The header of "meta": a 0-d unicode array of at most MAX_META_BYTES."""
    if entry is None or entry.dtype.kind != "U" or entry.shape != ():
        refuse(path, _("not a lstm_np model or checkpoint (no 'meta' entry)"))
    if entry.size > MAX_META_BYTES:
        refuse(path, _("its 'meta' entry declares {size} bytes, more than the {limit} a "
                       "lstm_np file needs").format(size=entry.size, limit=MAX_META_BYTES))


def parse_meta(path, text):
    """The parsed and checked "meta" JSON: format, version, kind, vocab, hyperparameters."""
    try:
        meta = json.loads(text)
    except json.JSONDecodeError:
        refuse(path, _("corrupt 'meta' entry (not valid JSON)"))
    except RecursionError:
        meta = None
    if meta is None or _depth(meta) > MAX_META_DEPTH:
        refuse(path, _("its 'meta' entry nests more than {depth} levels deep: not a lstm_np "
                       "file").format(depth=MAX_META_DEPTH))
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        refuse(path, _("not a lstm_np model or checkpoint (unknown format)"))
    version = meta.get("version")
    if not is_json_int(version) or version not in READABLE:
        refuse(path, _("format version {version!r}; this lstm_np reads versions {readable}")
               .format(version=version, readable=", ".join(map(str, READABLE))))
    if meta.get("kind") not in KINDS:
        refuse(path, _("unknown kind {kind!r} in 'meta'").format(kind=meta.get("kind")))
    vocab = meta.get("vocab")
    if vocab is not None or meta["kind"] in ("checkpoint", "model"):
        try:
            meta["vocab"] = vocabulary(vocab)
        except (TypeError, ValueError):
            refuse(path, _("the vocabulary stored in 'meta' is missing or invalid"))
    hyper = meta.get("hyperparameters", {} if meta["kind"] in ("adam", "parameters") else None)
    if not isinstance(hyper, dict):
        refuse(path, _("the hyperparameters stored in 'meta' are missing"))
    meta["hyperparameters"] = hyper
    return meta


def check_shapes(path, entries, kind, V, hyper):
    """Keys, shapes and dtypes of the entries (arrays or .npy headers alike); returns n_a.

    Everything follows from n_a (the rows of Wf) and the vocabulary size V, so this runs on
    the headers, before any data is read.
    """
    needed = needed_entries(kind)
    missing = [key for key in needed if key not in entries]
    if missing:
        refuse(path, _("missing entries {names}").format(names=", ".join(missing)))
    Wf, Wy = entries["Wf"], entries["Wy"]
    if len(Wf.shape) != 2:
        refuse(path, _("Wf has shape {shape}, expected a matrix (n_a, n_a + n_x)")
               .format(shape=Wf.shape))
    n_a = Wf.shape[0]
    if V is None:                       # no vocabulary stored: the size is Wy's rows
        V = Wy.shape[0] if len(Wy.shape) == 2 else -1
    if hyper.get("n_a", n_a) != n_a:
        refuse(path, _("its settings say n_a = {said!r} but Wf has {n_a} rows")
               .format(said=hyper.get("n_a"), n_a=n_a))
    expected = {}
    for g in "fico":
        expected["W" + g] = (n_a, n_a + V)
        expected["b" + g] = (n_a, 1)
    expected["Wy"], expected["by"] = (V, n_a), (V, 1)
    dtype = Wf.dtype
    if dtype not in (np.float32, np.float64):
        refuse(path, _("parameters of dtype {dtype}; expected float32 or float64")
               .format(dtype=dtype))
    for key in needed:
        if key == "t":
            t = entries["t"]
            if t.shape != () or t.dtype.kind not in "iu":
                refuse(path, _("bad step t (shape {shape}, dtype {dtype}): expected one whole "
                               "number >= 0").format(shape=t.shape, dtype=t.dtype))
            continue
        a = entries[key]
        base = key[2:] if key[:2] in ("v_", "s_") else key
        if base in expected and tuple(a.shape) != expected[base]:
            refuse(path, _("{key} has shape {shape}, expected {expected} for n_a = {n_a} and a "
                           "vocabulary of {V} characters")
                   .format(key=key, shape=tuple(a.shape), expected=expected[base], n_a=n_a, V=V))
        if a.dtype != dtype:
            refuse(path, _("{key} has dtype {dtype}, expected {expected} like Wf")
                   .format(key=key, dtype=a.dtype, expected=dtype))
    if kind == "checkpoint":
        for key in ("a_state", "c_state"):
            shape = tuple(entries[key].shape)
            if len(shape) != 2 or shape[0] != n_a:
                refuse(path, _("{key} has shape {shape}, expected (n_a={n_a}, m)")
                       .format(key=key, shape=shape, n_a=n_a))
        if tuple(entries["a_state"].shape) != tuple(entries["c_state"].shape):
            refuse(path, _("a_state and c_state have different shapes"))
    return n_a


def largest_weight(dtype):
    """The largest |weight| a network's sums can take without overflowing: the square root
    of the dtype's largest number (1.8e19 in float32, 1.3e154 in float64). Trained weights
    are far below it (tens); a file beyond it is damaged, or its training diverged."""
    return float(np.sqrt(np.finfo(dtype).max))


def check_values(path, arrays, kind):
    """The values of the arrays once read: finite, parameters below `largest_weight`,
    Adam's s >= 0, the step t >= 0."""
    for key in needed_entries(kind):
        a = arrays[key]
        if key == "t":
            if int(a) < 0:
                refuse(path, _("bad step t {t!r}: expected one whole number >= 0")
                       .format(t=int(a)))
            continue
        if not np.all(np.isfinite(a)):
            refuse(path, _("{key} holds non-finite values (nan or inf)").format(key=key))
        if key in PARAMETER_NAMES and a.size and np.max(np.abs(a)) > largest_weight(a.dtype):
            refuse(path, _("{key} holds {value:.3g}, beyond {limit:.3g}, where the network's "
                           "sums overflow; no training gives such weights: the file is "
                           "damaged, or its training diverged").format(
                               key=key, value=float(np.max(np.abs(a))),
                               limit=largest_weight(a.dtype)))
        if key[:2] == "s_" and np.any(a < 0):
            refuse(path, _("{key} holds negative values; Adam's s is a mean of squares")
                   .format(key=key))


def check_rng_state(state):
    """True if `state` is the state of a numpy PCG64 generator (what Trainer.rng uses)."""
    if not isinstance(state, dict) or state.get("bit_generator") != "PCG64":
        return False
    try:
        np.random.PCG64().state = state
    except (TypeError, ValueError, KeyError, OverflowError):
        return False
    return True


def check_progress(path, progress, t, version):
    """The position in the data and the random state of a checkpoint (one field at a time)."""
    if not isinstance(progress, dict):
        refuse(path, _("progress: missing from 'meta' (a checkpoint needs it to resume)"))
    if version == 1:                     # version 1 always read from offset 0
        progress.setdefault("offset", 0)
    for name in ("epoch", "window"):
        value = progress.get(name)
        if not is_json_int(value, 0, t):
            refuse(path, _("progress.{name} is {value!r}; expected a whole number from 0 to "
                           "t = {t}").format(name=name, value=value, t=t))
    if not is_json_int(progress.get("offset"), 0):
        refuse(path, _("progress.offset is {value!r}; expected a whole number >= 0")
               .format(value=progress.get("offset")))
    if progress.get("engine") not in ("fast", "faithful"):
        refuse(path, _("progress.engine is {value!r}; expected 'fast' or 'faithful'")
               .format(value=progress.get("engine")))
    sha = progress.get("text_sha256")
    if not (isinstance(sha, str) and re.fullmatch("[0-9a-f]{64}", sha)):
        refuse(path, _("progress.text_sha256 is {value!r}; expected 64 hexadecimal digits")
               .format(value=sha))
    if not check_rng_state(progress.get("rng_state")):
        refuse(path, _("progress.rng_state is missing or not the state of a numpy PCG64 "
                       "generator"))


def check_history(path, history):
    """The loss history: lists of finite numbers, of one length, under HISTORY_KEYS."""
    if not isinstance(history, dict):
        refuse(path, _("history: expected a dict of lists in 'meta'"))
    lengths = set()
    for key, values in history.items():
        if key not in HISTORY_KEYS:
            refuse(path, _("history.{key}: unknown entry (expected {keys})")
                   .format(key=key, keys=", ".join(HISTORY_KEYS)))
        if not isinstance(values, list) or not all(
                isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
                for x in values):
            refuse(path, _("history.{key}: expected a list of finite numbers").format(key=key))
        lengths.add(len(values))
    if len(lengths) > 1:
        refuse(path, _("history: its lists have different lengths"))
