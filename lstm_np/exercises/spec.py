"""What one function's check is made of: its cases and its `Spec`.

A `Spec` says how to check one function: the random cases it is called on (fixed seeds,
float64, m = 1 and m > 1), the package's function it is compared with, how its answer is
read into pieces (`answers.py`), and the typical mistakes (`variants.py`) to try when a
piece is wrong. Specs hold no state: the same Spec object checks every student.
"""
import copy

import numpy as np

from ..core.parameters import GATES, PARAMETER_NAMES
from ..core.text import one_hot


class Case:
    """One call: its description (shown in verdicts), its arguments, m, and the positions
    of the arguments that must not change (`frozen`)."""

    def __init__(self, desc, args, kwargs=None, m=1, frozen=(), **extra):
        self.desc, self.args, self.kwargs, self.m = desc, args, kwargs or {}, m
        self.frozen = frozen
        self.extra = extra

    def fresh(self):
        """Deep copies of the arguments, for one call."""
        return copy.deepcopy(self.args), copy.deepcopy(self.kwargs)


class Spec:
    """How to check one function (a subclass per function of the original notebook)."""

    name = ""
    primary = None                    # pieces a mistake variant must reproduce (None: all)

    def cases(self):
        """The list of Cases, in the order they are tried (the simplest first)."""
        raise NotImplementedError

    def reference(self, *args, **kwargs):
        """The package's answer."""
        raise NotImplementedError

    def pieces(self, out, case):
        """The answer as an ordered dict piece -> array (or Bad); raises Problem."""
        raise NotImplementedError

    def mutants(self, case):
        """[(MISTAKES key, its fields, function of the case's arguments)]."""
        return []

    def hint(self, piece, student, expected):
        """A MISTAKES key to name when no variant matches a wrong piece (or None)."""
        return None

    def diagnose_extra(self, student, expected, case):
        """(MISTAKES key, fields) found without a variant, or None."""
        return None

    def after(self, args, out, expected, case):
        """A Problem with an answer whose values are right (a loss that is not a number, an
        argument not updated in place), or None. The engine says it only once every case's
        values are right, so that a wrong value is named first."""
        return None


def random_parameters(rng, n_a, n_x, n_y, scale=0.7):
    """Parameters with the original notebook's keys and shapes, drawn from rng; the gates'
    weights and biases first, in `GATES` order (f, i, c, o), then Wy and by."""
    p = {}
    for g in GATES:
        p["W" + g] = rng.standard_normal((n_a, n_a + n_x)) * scale
        p["b" + g] = rng.standard_normal((n_a, 1)) * 0.5
    p["Wy"] = rng.standard_normal((n_y, n_a)) * scale * 1.5
    p["by"] = rng.standard_normal((n_y, 1)) * 0.5
    return {k: p[k] for k in PARAMETER_NAMES}


def random_one_hot(rng, n_x, m, T_x):
    """One-hot inputs (n_x, m, T_x) of random characters."""
    return one_hot(rng.integers(0, n_x, size=(m, T_x)), n_x)


def sequences(base_seed):
    """The sequence cases of lstm_forward and lstm_backward: m = 1 and m > 1, T_x = 1 and
    longer. Yields (label, m, rng, parameters, one-hot x, a0); rng goes on for more draws."""
    for seed, (m, T_x, n_a, n_x) in enumerate([(1, 1, 3, 4), (1, 4, 4, 5), (3, 1, 3, 4),
                                               (3, 5, 3, 4), (2, 3, 5, 3)]):
        rng = np.random.default_rng(base_seed + seed)
        P = random_parameters(rng, n_a, n_x, n_x)
        x = random_one_hot(rng, n_x, m, T_x)
        a0 = rng.standard_normal((n_a, m)) * 0.8
        yield f"m={m}, T_x={T_x}, n_a={n_a}, n_x={n_x}", m, rng, P, x, a0
