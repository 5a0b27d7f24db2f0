"""The mistake variants with no mistake switched on are the package's functions.

The checker names a mistake when a variant of the correct code (lstm_np/exercises/
variants.py and the sampler's step_distribution) reproduces the student's answer. That is
only sound if each variant, with every flag off, is the taught function: here each is bound
to the package's function on every case its check uses, to 1e-12 in float64.
"""
import numpy as np
import pytest

from lstm_np.core import sampling
from lstm_np.core.backward import compute_loss, lstm_backward, lstm_cell_backward
from lstm_np.exercises import engine, variants
from lstm_np.exercises.sampler import SampleCheck, step_distribution
from lstm_np.core.forward import lstm_cell_forward, lstm_forward
from lstm_np.core.optim import clip, update_parameters_with_adam

TOL = 1e-12


def flat(value):
    """Every array in a nested answer (tuples, lists, dicts by key), in order."""
    if isinstance(value, dict):
        return [a for k in sorted(value) for a in flat(value[k])]
    if isinstance(value, (tuple, list)):
        return [a for v in value for a in flat(v)]
    return [np.asarray(value, dtype=np.float64)]


def assert_same(got, want):
    got, want = flat(got), flat(want)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.shape == w.shape
        assert np.max(np.abs(g - w), initial=0.0) <= TOL


PAIRS = [("lstm_cell_forward", variants.cell_variant, lstm_cell_forward),
         ("lstm_forward", variants.seq_variant, lstm_forward),
         ("compute_loss", variants.loss_variant, compute_loss),
         ("lstm_cell_backward", variants.cell_bwd_variant, lstm_cell_backward),
         ("lstm_backward", variants.bptt_variant, lstm_backward),
         ("clip", variants.clip_variant, clip),
         ("update_parameters_with_adam", variants.adam_variant, update_parameters_with_adam),
         ("training_step", variants.step_variant, engine.reference("training_step"))]


@pytest.mark.parametrize("name,variant,function", PAIRS, ids=[p[0] for p in PAIRS])
def test_a_variant_without_a_mistake_is_the_taught_function(name, variant, function):
    spec = engine.SPECS[name]
    cases = spec.cases()
    for case in cases:
        if hasattr(spec, "prepare"):
            spec.prepare(case, None)
        args, kwargs = case.fresh()
        want = function(*args, **kwargs)
        args, kwargs = case.fresh()
        got = variant(*args, **kwargs)
        if name == "lstm_backward":            # the variant leaves out the optional dc0
            want = {k: v for k, v in want.items() if k != "dc0"}
        assert_same(got, want)
    assert len(cases) >= 4


def test_the_samplers_distribution_without_a_mistake_is_the_packages():
    check = SampleCheck()
    chars = check.VOCAB
    rng = np.random.default_rng(3)
    for prime in ("c", "cab g", "  a"):
        for T, k in ((1.0, 3), (0.5, 8), (2.0, 1)):
            history = [check.c2i[ch] for ch in prime] + list(rng.integers(0, len(chars), 4))
            text = "".join(chars[i] for i in history)
            for n_read in range(len(prime), len(history) + 1):
                want = sampling.next_char_distribution(check.P, check.c2i, text[:n_read],
                                                      temperature=T, k=k)
                got = step_distribution(check.P, history[:n_read], len(prime), T, k)
                assert np.max(np.abs(got - want)) <= TOL, (prime, T, k, n_read)


def test_each_mistake_switched_on_changes_the_answer():
    """A variant flag that changed nothing would name a mistake the student did not make."""
    for name in ("lstm_cell_forward", "lstm_forward", "lstm_cell_backward", "lstm_backward",
                 "compute_loss", "clip", "update_parameters_with_adam", "training_step"):
        spec = engine.SPECS[name]
        cases = spec.cases()
        for case in cases:
            if hasattr(spec, "prepare"):
                spec.prepare(case, None)
        for i, (key, _, mutant) in enumerate(spec.mutants(cases[0])):
            differs = False
            for case in cases:
                args, kwargs = case.fresh()
                want = flat(spec.reference(*args, **kwargs))
                args, kwargs = case.fresh()
                try:
                    with np.errstate(all="ignore"):
                        got = flat(spec.mutants(case)[i][2](*args, **kwargs))
                except Exception:                  # raising is another answer too
                    differs = True
                    continue
                differs = differs or len(got) != len(want) or any(
                    g.shape != w.shape or not np.allclose(g, w, equal_nan=True)
                    for g, w in zip(got, want))
            assert differs, (name, key)
