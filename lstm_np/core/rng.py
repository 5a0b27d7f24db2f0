"""The rule for every ``rng=`` argument of the package.

A numpy Generator is used as it is (and advanced); an int is a seed (the same numbers every
time); None is fresh randomness from the operating system (another result every call, as the
original's global ``np.random`` gave). A function that must be reproducible when called
without it says so with a default seed, ``rng=0``.
"""
import numpy as np


def as_generator(rng):
    """The numpy Generator of an ``rng=`` argument (anything else with its methods as it is)."""
    if rng is None or isinstance(rng, (int, np.integer)):
        return np.random.default_rng(rng)
    return rng
