"""Reading the student's answer: its pieces as float arrays, or the Problem that stops it.

An answer (what the student's function returns) is read into an ordered dict
piece name -> float64 ndarray, in the order the function computes them, so that the first
wrong piece is the one to name. A piece that cannot be read becomes a `Bad` holding its
`Problem`; an answer that cannot be read at all raises the `Problem`.
"""
import numpy as np


class Problem(Exception):
    """What is wrong with one answer: a MESSAGES key, its fields, and maybe the piece.

    `fields` may hold "mistake": (MISTAKES key, its fields), the likely mistake, and "what":
    a WHAT key (or a literal text), which the verdict writes in the student's language.
    """

    def __init__(self, message, piece=None, **fields):
        super().__init__(message)
        self.message, self.piece, self.fields = message, piece, fields


class Bad:
    """A piece of the answer that could not be read (wrong type, missing)."""

    def __init__(self, problem):
        self.problem = problem


def err_text(x):
    return "NaN" if not np.isfinite(x) else f"{x:.2g}"


def shape_text(shape):
    return "(" + ", ".join(str(n) for n in shape) + (",)" if len(shape) == 1 else ")")


def type_text(value):
    if value is None:
        return "None"
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__} ({len(value)})"
    return type(value).__name__


def exc_text(exc):
    msg = " ".join(str(exc).split())
    if len(msg) > 120:
        msg = msg[:117] + "..."
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def as_array(value, piece, case):
    """value as a float ndarray, or a Problem naming the piece."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiub":
        return value.astype(np.float64, copy=False)
    if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        return np.asarray(value, dtype=np.float64)
    raise Problem("not_array", piece, got=type_text(value), case=case)


def as_piece(value, piece, case):
    """as_array, with a Problem kept as a Bad piece instead of raised."""
    try:
        return as_array(value, piece, case)
    except Problem as p:
        return Bad(p)


def same(a, b):
    """Deep equality of inputs (arrays bit for bit, NaN equal to NaN)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (tuple, list)):
        return (type(a) is type(b) and len(a) == len(b)
                and all(same(x, y) for x, y in zip(a, b)))
    try:
        return bool(a == b)
    except Exception:
        return False


def close(a, b):
    """Equal shapes and values within rtol 1e-6, atol 1e-9 (NaN equal to NaN)."""
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-9, equal_nan=True)


def max_err(a, b):
    with np.errstate(all="ignore"):
        d = np.abs(a - b)
    return float(np.max(d)) if d.size else 0.0


def need_tuple(out, n, what):
    """out as a tuple or list of n values, or a Problem (None, another count)."""
    if out is None:
        raise Problem("returns_none", what=what)
    if not isinstance(out, (tuple, list)) or len(out) != n:
        raise Problem("count", got=type_text(out), want=n, what=what)
    return out


def need_dict(out, keys, where, what):
    """out as a dict holding every key, or a Problem naming the first key it lacks."""
    if out is None:
        raise Problem("returns_none", what=what)
    if not isinstance(out, dict):
        raise Problem("not_dict", got=type_text(out), what=what)
    for k in keys:
        if k not in out:
            raise Problem("missing_key", where=where, key=k)
    return out


def dict_pieces(out, keys, where, what, case, prefix=None):
    """The arrays of a returned dict, one piece per key (a Bad piece for an unreadable
    entry); pieces are named "key", or "prefix['key']" when there are several dicts."""
    d = need_dict(out, keys, where, what)
    return {piece: as_piece(d[k], piece, case.desc)
            for k in keys for piece in [k if prefix is None else f"{prefix}[{k!r}]"]}


def array_pieces(out, case):
    """The answer of sigmoid and softmax: one array, "output"."""
    if out is None:
        raise Problem("returns_none", what="array")
    return {"output": as_array(out, "output", case.desc)}


def loss_pieces(out, case):
    """A loss: a number, "loss" (a one-element array is read as its number here, so that its
    value is checked first; `loss_not_number` refuses it once the values are right)."""
    if out is None:
        raise Problem("returns_none", what="number")
    value = as_array(out, "loss", case.desc)
    return {"loss": value.reshape(()) if value.size == 1 else value}


def loss_not_number(out, case):
    """A Problem if the loss is an array with a shape (the lessons format it as a number)."""
    if isinstance(out, np.ndarray) and out.ndim > 0:
        return Problem("loss_not_number", got=shape_text(out.shape), case=case.desc)
    return None


def adam_pieces(out, keys, case):
    """(parameters, v, s): one piece per dict and key, v and s first (they come first)."""
    P, v, s = need_tuple(out, 3, "p_v_s")
    res = {}
    for name, d in (("v", v), ("s", s), ("parameters", P)):
        res.update(dict_pieces(d, keys, name, name, case, prefix=name))
    return res
