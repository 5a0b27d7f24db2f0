"""The check of sample_top_k, which draws at random: its distributions are read exactly.

A recording generator (`RecordingGenerator`), whose ``choice`` notes the candidates and
probabilities it is given and returns a candidate chosen by rank, reads the student's
distribution at every step; it is compared with the one the reference cell gives after the
student's own history (`step_distribution`, which also writes out the sampler's typical
mistakes). Then: with k = 1 the text must be the greedy one; with a real Generator, and with
rng=None, every character must be among the top k; with a seeded Generator the text must be
exactly the package's `sample_top_k` (the draw-order contract of the package docstring).
The priming texts have one character and several (the network reads them all first).
"""
import copy

import numpy as np

from ..core.activations import softmax
from ..core.forward import lstm_cell_forward
from ..core.sampling import sample_top_k
from .answers import Problem, close, err_text, max_err, type_text
from .spec import random_parameters
from .student import frozen_check, quiet, run_student


class RecordingGenerator:
    """A stand-in for np.random.Generator whose choice() records what it is given.

    It returns a candidate chosen by its rank in probability (a fixed sequence of ranks), so
    the path it makes depends on the student's distribution, not on the candidates' order.
    """

    def __init__(self, seed):
        self.calls = []            # (a was a number, candidates, probabilities, p was None)
        self.returned = []
        self.problem = None        # ("dist", None) or ("sum", the sum): p was not valid
        self.other = None          # another Generator method that the student called
        self._ranks = np.random.default_rng(seed)

    def choice(self, a, size=None, replace=True, p=None, axis=0, shuffle=True):
        cand = np.arange(int(a)) if np.ndim(a) == 0 else np.asarray(a).ravel()
        probs = (np.full(len(cand), 1.0 / len(cand)) if p is None
                 else np.asarray(p, dtype=float).ravel())
        self.calls.append((np.ndim(a) == 0, cand.copy(), probs.copy(), p is None))
        if probs.shape != cand.shape or not np.all(np.isfinite(probs)) or np.any(probs < 0):
            self.problem = ("dist", None)
            raise ValueError("probabilities are not valid")
        if abs(probs.sum() - 1.0) > 1e-6:
            self.problem = ("sum", probs.sum())
            raise ValueError("probabilities do not sum to 1")
        pos = np.flatnonzero(probs > 0)
        pos = pos[np.argsort(-probs[pos], kind="stable")]
        j = pos[int(self._ranks.integers(len(pos)))]
        value = cand[j]
        self.returned.append(int(value))
        if size is None:
            return value
        return np.full(size, value)

    def __getattr__(self, name):
        if name.startswith("_") or not hasattr(np.random.Generator, name):
            raise AttributeError(name)
        self.other = name
        raise AttributeError(f"this check's rng only has choice(), not {name}")


def step_distribution(P, history, n_prime, temperature, k, how=None):
    """The distribution the sampler draws from after reading `history` (indices: the n_prime
    characters of the priming text, then those drawn so far), with one typical mistake
    `how` switched on (None: the right one). Returns (n_y,) probabilities, or None if the
    mistake makes no distribution here (k - 1 = 0 candidates)."""
    n_y, n_a = P["Wy"].shape
    n_x = P["Wf"].shape[1] - n_a
    inputs = list(history)
    if how == "prime_last":
        inputs = inputs[n_prime - 1:]
    elif how == "prime_ignored":
        inputs = [None] + inputs[n_prime:]
    elif how == "not_fed_back":
        inputs = inputs[:n_prime] + [inputs[n_prime - 1]] * (len(inputs) - n_prime)
    a, c = np.zeros((n_a, 1)), np.zeros((n_a, 1))
    x = np.zeros((n_x, 1))
    for ix in inputs:
        if how != "x_not_reset":
            x = np.zeros((n_x, 1))
        if ix is not None:
            x[ix] = 1.0
        if how == "state_not_carried":
            a, c = np.zeros((n_a, 1)), np.zeros((n_a, 1))
        if how == "c_not_carried":
            c = np.zeros((n_a, 1))
        a, c, y, _cache = lstm_cell_forward(x, a, c, P)
    with np.errstate(divide="ignore"):
        logy = np.log(y.ravel())
    first = len(history) == n_prime                  # the first character drawn
    T = {"temp_after": 1.0, "temp_times": 1.0 / temperature,
         "temp_first_only": temperature if first else 1.0}.get(how, temperature)
    p = softmax((y.ravel() if how == "temp_on_probs" else logy) / T)
    kk = {"k_plus": k + 1, "k_minus": k - 1, "no_top_k": n_y}.get(how, k)
    if kk < 1 or kk > n_y:
        return None
    order = np.argsort(-p, kind="stable")
    top = order[-kk:] if how == "bottom_k" else order[:kk]
    q = np.zeros(n_y)
    q[top] = 1.0 / kk if how == "uniform" else p[top] / p[top].sum()
    return q


SAMPLE_MISTAKES = ["temp_first_only", "temp_after", "temp_on_probs", "temp_times", "k_plus",
                   "k_minus", "bottom_k", "no_top_k", "uniform", "prime_ignored", "prime_last",
                   "state_not_carried", "c_not_carried", "not_fed_back", "x_not_reset"]


def as_indices(out, length, case, vocab_size):
    """The student's answer as a list of `length` ints in 0 .. vocab_size - 1, or a Problem."""
    if out is None:
        raise Problem("returns_none", what=f"list ({length})")
    if isinstance(out, str) or (isinstance(out, (list, tuple)) and out
                                and all(isinstance(o, str) for o in out)):
        raise Problem("chars_not_indices", case=case)
    try:
        arr = np.asarray(out)
    except Exception:
        arr = None
    if arr is None or arr.ndim != 1 or (arr.size and arr.dtype.kind not in "iu"):
        raise Problem("not_list", got=type_text(out), n=length, case=case)
    if arr.size != length:
        if arr.size == 300 and length != 300:
            raise Problem("length", got=arr.size, n=length, case=case, mistake="smp_length")
        raise Problem("length", got=arr.size, n=length, case=case)
    if arr.size and (arr.min() < 0 or arr.max() >= vocab_size):
        raise Problem("not_list", got=type_text(out), n=length, case=case)
    return [int(i) for i in arr]


class SampleCheck:
    """The check of sample_top_k (its own engine: `run`)."""

    name = "sample_top_k"
    VOCAB = "abcdefg "
    # (priming text, temperature, k, length) of the cases read with a RecordingGenerator
    RECORDED = [("c", 1.0, 3, 12), ("a", 0.5, 5, 10), (" ", 2.0, 2, 10), ("e", 1.0, 8, 8),
                ("b", 0.7, 4, 1), ("cab g", 1.0, 3, 6)]

    def __init__(self):
        rng = np.random.default_rng(1000)
        n = len(self.VOCAB)
        self.P = random_parameters(rng, 5, n, n, scale=0.9)
        self.c2i = {ch: i for i, ch in enumerate(self.VOCAB)}

    def call(self, fn, seed, temperature, k, rng, length, pass_rng=True):
        """The student's sampler on copies of the inputs; they must not change."""
        kwargs = {"length": length}
        if pass_rng:
            kwargs["rng"] = rng
        P, c2i = copy.deepcopy(self.P), dict(self.c2i)
        try:
            return fn(P, c2i, seed, temperature, k, **kwargs)
        finally:
            case = f"seed={seed!r}, temperature={temperature}, k={k}, length={length}"
            frozen_check((self.P, self.c2i), (P, c2i), ("parameters", "char_to_ix"), case)

    def student(self, fn, case, seed, temperature, k, rng, length, pass_rng=True, fake=None):
        out = run_student(case, self.call, fn, seed, temperature, k, rng, length, pass_rng,
                          fake=fake)
        return as_indices(out, length, case, len(self.VOCAB))

    def recorded(self, fn, j, seed, T, k, length):
        """One case with a RecordingGenerator: every step's distribution, read exactly."""
        P, n_y = self.P, len(self.VOCAB)
        case = f"seed={seed!r}, temperature={T}, k={k}, length={length}"
        fake = RecordingGenerator(1100 + j)
        out = self.student(fn, case, seed, T, k, fake, length, fake=fake)
        if not fake.calls:
            if fake.other:
                raise Problem("named", mistake=("smp_other_rng", {"attr": fake.other}))
            raise Problem("named", mistake=("smp_greedy", {}) if self.greedy(seed, out)
                          else ("smp_no_rng", {}))
        if len(fake.calls) != length:
            raise Problem("draws", got=len(fake.calls), n=length, case=case)
        history = [self.c2i[ch] for ch in seed]
        for step, (positional, cand, probs, no_p) in enumerate(fake.calls):
            expected = step_distribution(P, history, len(seed), T, k)
            if positional:                       # rng.choice(k, p=...): compare sorted probs
                got = np.sort(probs)
                want = np.sort(expected[expected > 0])
            else:
                got = np.zeros(n_y)
                np.add.at(got, cand.astype(int) % n_y, probs)
                want = expected
            if not close(got, want):
                err = max_err(got, want) if got.shape == want.shape else float("nan")
                raise Problem("dist_wrong", step=step, case=case, err=err_text(err),
                              mistake=self.likely(history, len(seed), T, k, expected, got,
                                                  positional))
            returned = fake.returned[step]
            if positional:                       # the student indexes its candidates
                returned = out[step] if expected[out[step]] > 0 else -1
            if out[step] != returned:
                raise Problem("not_drawn", step=step, case=case)
            history.append(out[step])

    def greedy(self, seed, out):
        """True if `out` is the greedy text after `seed` (always the most likely character)."""
        history = [self.c2i[ch] for ch in seed]
        for index in out:
            best = int(np.argmax(step_distribution(self.P, history, len(seed), 1.0,
                                                   len(self.VOCAB))))
            if index != best:
                return False
            history.append(best)
        return bool(out)

    def likely(self, history, n_prime, T, k, expected, got, positional):
        """The first typical mistake whose distribution is the student's (or None)."""
        space = [self.c2i[" "]] + history[n_prime:]     # the original: an unknown seed is " "
        for how in SAMPLE_MISTAKES + ["prime_as_space"]:
            if how == "prime_as_space":
                alt = step_distribution(self.P, space, 1, T, k) if n_prime > 1 else None
            else:
                alt = step_distribution(self.P, history, n_prime, T, k, how)
            if alt is None or close(alt, expected):
                continue
            alt_cmp = np.sort(alt[alt > 0]) if positional else alt
            if alt_cmp.shape == got.shape and close(alt_cmp, got):
                return "smp_" + how, {}
        return None

    def run(self, fn, forward=None):
        """Check the student's sampler; return the number of cases, or raise a Problem, a
        StudentRaised or a TimeUp."""
        for j, (seed, T, k, length) in enumerate(self.RECORDED):
            self.recorded(fn, j, seed, T, k, length)
        # k = 1 is greedy
        case = "seed='d', temperature=1.0, k=1, length=15"
        out = self.student(fn, case, "d", 1.0, 1, np.random.default_rng(5), 15)
        history = [self.c2i["d"]]
        for step in range(15):
            best = int(np.argmax(step_distribution(self.P, history, 1, 1.0, len(self.VOCAB))))
            if out[step] != best:
                raise Problem("greedy", step=step, case=case)
            history.append(best)
        # a real Generator, and rng=None: every character among the top k of its history
        for case, seed, T, k, length, pass_rng in [
                ("seed='f', temperature=0.8, k=3, length=30, rng=default_rng(6)", "f", 0.8, 3,
                 30, True),
                ("seed='g', temperature=1.0, k=2, length=20, rng=None", "g", 1.0, 2, 20,
                 False)]:
            out = self.student(fn, case, seed, T, k, np.random.default_rng(6), length,
                               pass_rng)
            history = [self.c2i[seed]]
            for step in range(length):
                if step_distribution(self.P, history, 1, T, k)[out[step]] <= 0:
                    raise Problem("outside_top_k", step=step, case=case)
                history.append(out[step])
        # the exact text with a seeded Generator (the draw-order contract)
        case = "seed='bad', temperature=0.9, k=4, length=40, rng=default_rng(7)"
        with quiet():
            want = sample_top_k(copy.deepcopy(self.P), dict(self.c2i), "bad", temperature=0.9,
                                k=4, rng=np.random.default_rng(7), length=40)
        out = self.student(fn, case, "bad", 0.9, 4, np.random.default_rng(7), 40)
        if out != [int(i) for i in want]:
            step = next(i for i, (x, y) in enumerate(zip(out, want)) if x != y)
            raise Problem("exact", step=step, case=case, mistake=("smp_order", {}))
        return len(self.RECORDED) + 4

