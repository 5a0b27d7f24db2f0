"""Argument checks, written once for the whole package (and the command line).

Each check returns the value in its plain Python type or raises ValueError in one line that
names the argument (for the command line, its flag: ``name="--seed"``):

    whole(value, name, low=None, high=None)   an int, or a whole float such as 3.0 -> int
    positive_number(value, name)              a finite number > 0 -> float
    fraction(value, name)                     a number strictly between 0 and 1 -> float
    as_generator(rng)                         the random generator of an `rng=` argument

The rule for ``rng=`` everywhere: a numpy Generator is used as it is (and advanced); an
integer is a seed (the same numbers every time); None is fresh randomness from the operating
system (another result every call, as the original's global ``np.random`` gave). A function
that must be reproducible when called without it says so with a default seed, ``rng=0``.
"""
import math

import numpy as np

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


def as_generator(rng):
    """The numpy Generator of an ``rng=`` argument (see the module docstring for the rule)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if callable(getattr(rng, "choice", None)) or callable(getattr(rng, "random", None)):
        return rng                       # a stand-in with Generator's methods (the checker's)
    if rng is not None:
        rng = whole(rng, "rng (a seed)", low=0)
    return np.random.default_rng(rng)
