"""Argument checks, written once for the whole package (and the command line).

Each check returns the value in its plain Python type or raises ValueError in one line that
names the argument (for the command line, its flag: ``name="--seed"``):

    whole(value, name, low=None, high=None)   an int, or a whole float such as 3.0 -> int
    positive_number(value, name)              a finite number > 0 -> float
    fraction(value, name)                     a number strictly between 0 and 1 -> float
    vocabulary(chars)                         a Vocabulary of distinct single characters
    encode(vocab, text)                       the text's indices, naming unknown characters

The taught functions (lstm_np.core) check nothing: these checks stand where input arrives,
in the trainer, the storage, the command line and the original's API.
"""
import math

import numpy as np

from .core.text import Vocabulary
from .i18n import _


def _is_number(value):
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_))


def whole(value, name, low=None, high=None):
    """`value` as an int if it is a whole number in [low, high]; ValueError naming `name`.

    Accepted: int, numpy integers, and floats with no fractional part (3.0, not 3.5, nan or
    inf); refused: bool, strings, anything else.
    """
    ok = _is_number(value) and math.isfinite(value) and int(value) == value
    ok = ok and (low is None or value >= low) and (high is None or value <= high)
    if not ok:
        if low is not None and high is not None:
            where = _(" from {low} to {high}").format(low=low, high=high)
        elif low is not None:
            where = _(" >= {low}").format(low=low)
        else:
            where = ""
        raise ValueError(_("{name} must be a whole number{where}, got {value!r}")
                         .format(name=name, where=where, value=value))
    return int(value)


def positive_number(value, name):
    """`value` as a float if it is a finite number > 0; ValueError naming `name`."""
    if not (_is_number(value) and math.isfinite(value) and value > 0):
        raise ValueError(_("{name} must be a finite number > 0, got {value!r}")
                         .format(name=name, value=value))
    return float(value)


def fraction(value, name):
    """`value` as a float if it is a number strictly between 0 and 1; ValueError naming `name`."""
    if not (_is_number(value) and math.isfinite(value) and 0 < value < 1):
        raise ValueError(_("{name} must be a number between 0 and 1, got {value!r}")
                         .format(name=name, value=value))
    return float(value)


def vocabulary(chars):
    """A Vocabulary of `chars`; ValueError unless they are one or more distinct characters."""
    chars = list(chars)
    if len(set(chars)) != len(chars) or any(not isinstance(ch, str) or len(ch) != 1
                                            for ch in chars):
        raise ValueError(_("a vocabulary is a list of distinct single characters"))
    if not chars:
        raise ValueError(_("a vocabulary needs at least one character"))
    return Vocabulary(chars)


def encode(vocab, text):
    """`vocab.encode(text)`; ValueError naming the characters the vocabulary does not have."""
    missing = sorted(set(text) - set(vocab.char_to_ix))
    if missing:
        raise ValueError(_("characters not in the vocabulary: {missing!r} (the model "
                           "knows {n} characters: {known!r})").format(
            missing="".join(missing), n=len(vocab.chars), known="".join(vocab.chars)))
    return vocab.encode(text)
