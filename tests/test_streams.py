"""How training windows are built (lstm_np/streams.py), checked on a text whose characters
are all different, so that every character tells its position in the text.

Each property is a function `check_*` run on a real Trainer; the mutation tests at the end
break the data path in the typical ways (targets two ahead, overlapping windows, states
carried across an epoch, a fixed offset, training on the validation text too) and show that the
matching check fails.
"""
import numpy as np
import pytest

from lstm_np import lstm_forward, one_hot

from lstm_np.engine import train
from lstm_np.storage.corpus import split_text
from lstm_np.engine.streams import Streams
from lstm_np.engine.train import Trainer
from lstm_np.engine.config import TrainConfig

N_CHARS = 500
TEXT = "".join(chr(0x100 + k) for k in range(N_CHARS))     # character k sits at position k
CONFIG = dict(n_a=4, batch_size=3, seq_length=7, dtype="float64", workers=1)


def position(tr, indices):
    """Text positions of character indices (the vocabulary is sorted: index k = position k)."""
    return np.asarray(indices)


def make(**changes):
    tr = Trainer(TEXT, TrainConfig(**dict(CONFIG, **changes)))
    assert [ord(ch) - 0x100 for ch in tr.vocab.chars] == list(range(N_CHARS))
    return tr


def epoch_batches(tr):
    """(X, Y, a0, c0) of every update of the current epoch, training as it goes."""
    out = []
    for _ in range(tr.windows_per_epoch):
        out.append(tr.next_batch())
        tr.step()
    return out


# ------------------------------------------------------------------ the checks
def check_targets_are_inputs_shifted_by_one(tr):
    for X, Y, _, _ in epoch_batches(tr):
        assert np.array_equal(position(tr, Y), position(tr, X) + 1)


def check_window_w_plus_1_continues_window_w(tr):
    batches = epoch_batches(tr)
    for X, _, _, _ in batches:                 # inside a window: consecutive characters
        assert np.all(np.diff(position(tr, X), axis=1) == 1)
    for (X0, _, _, _), (X1, _, _, _) in zip(batches, batches[1:]):
        assert np.array_equal(position(tr, X1[:, 0]), position(tr, X0[:, -1]) + 1)


def check_an_epoch_reads_no_character_twice(tr):
    seen = np.concatenate([position(tr, X).ravel() for X, _, _, _ in epoch_batches(tr)])
    assert len(np.unique(seen)) == len(seen)


def check_no_index_reaches_the_validation_text(tr, epochs=30):
    n_train = len(split_text(TEXT, tr.config.val_fraction)[0])
    for _ in range(epochs):
        for X, Y, _, _ in epoch_batches(tr):
            assert position(tr, Y).max() <= n_train - 1
            assert position(tr, X).min() >= 0


def check_states_are_zero_at_an_epoch_start_and_carried_inside(tr):
    a_end = c_end = None                          # where the previous window ended
    for _ in range(2):
        assert tr.window == 0
        for w in range(tr.windows_per_epoch):
            X, Y, a0, c0 = tr.next_batch()
            if w == 0:
                assert not a0.any() and not c0.any()
            else:                  # where the previous window ended (faithful forward pass)
                assert a0.any()
                assert np.allclose(a0, a_end, rtol=0, atol=1e-12)
                assert np.allclose(c0, c_end, rtol=0, atol=1e-12)
            a, _, c, _ = lstm_forward(one_hot(X, tr.vocab.size), a0, tr.parameters, c0)
            a_end, c_end = a[:, :, -1], c[:, :, -1]
            tr.step()


def check_every_training_character_is_read_over_the_epochs(tr, epochs=40):
    read = np.zeros(len(tr.train_ix), dtype=bool)
    offsets = set()
    for _ in range(epochs):
        offsets.add(tr.streams.offset)
        for X, Y, _, _ in epoch_batches(tr):
            read[position(tr, X)] = True
            read[position(tr, Y)] = True
    assert len(offsets) > 1
    assert read.all(), f"never read: positions {np.flatnonzero(~read)[:10]} ..."


CHECKS = [check_targets_are_inputs_shifted_by_one, check_window_w_plus_1_continues_window_w,
          check_an_epoch_reads_no_character_twice, check_no_index_reaches_the_validation_text,
          check_states_are_zero_at_an_epoch_start_and_carried_inside,
          check_every_training_character_is_read_over_the_epochs]


@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__[6:] for c in CHECKS])
@pytest.mark.parametrize("changes", [{}, dict(batch_size=1), dict(batch_size=5,
                                                                  seq_length=3)],
                         ids=["m3", "m1", "m5-T3"])
def test_data_path(check, changes):
    check(make(**changes))


def test_the_offset_reaches_its_largest_value_without_leaving_the_training_text():
    tr = make()
    s = tr.streams
    s.offset = s.max_offset
    s.window = s.windows_per_epoch - 1                      # the last window of the epoch
    assert position(tr, s.batch()[1]).max() == len(tr.train_ix) - 1


def test_the_offset_comes_from_the_trainers_generator():
    a, b = make(seed=3), make(seed=3)
    offsets = []
    for _ in range(6):
        epoch_batches(a)
        offsets.append(a.streams.offset)
    for _ in range(6):
        epoch_batches(b)
    assert b.streams.offset == offsets[-1] and len(set(offsets)) > 1
    assert b.rng.bit_generator.state == a.rng.bit_generator.state


# ------------------------------------------------------------------ mutations
def targets_two_ahead(self):
    idx = self.positions()
    return self.ix[idx], self.ix[idx + 2]


def overlapping_windows(self):
    return self._base + (self.offset + self.window * (self.T - 1))


def states_carried_across_epochs(self, rng):
    self.offset = int(rng.integers(0, self.max_offset + 1))
    self.window = 0


def fixed_offset(self, rng):
    self.offset = 0
    self.window = 0
    self.a[...] = 0.0
    self.c[...] = 0.0


def train_on_everything(text, fraction):
    return text, text[-2:]


MUTATIONS = [
    ("batch", targets_two_ahead, check_targets_are_inputs_shifted_by_one),
    ("positions", overlapping_windows, check_window_w_plus_1_continues_window_w),
    ("positions", overlapping_windows, check_an_epoch_reads_no_character_twice),
    ("start_epoch", states_carried_across_epochs,
     check_states_are_zero_at_an_epoch_start_and_carried_inside),
    ("start_epoch", fixed_offset, check_every_training_character_is_read_over_the_epochs),
    ("split_text", train_on_everything, check_no_index_reaches_the_validation_text),
]


@pytest.mark.parametrize("method,mutant,check", MUTATIONS,
                         ids=[f"{m[1].__name__}-{m[2].__name__[6:]}" for m in MUTATIONS])
def test_each_check_fails_under_its_mutation(monkeypatch, method, mutant, check):
    if method == "split_text":
        monkeypatch.setattr(train, "split_text", mutant)
    else:
        monkeypatch.setattr(Streams, method, mutant)
    with pytest.raises(AssertionError):
        check(make())
