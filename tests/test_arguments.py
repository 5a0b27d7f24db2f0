"""One set of argument checks (lstm_np.arguments), the same answers wherever they are used."""
import math

import numpy as np
import pytest

from lstm_np.arguments import encode, fraction, positive_number, vocabulary, whole
from lstm_np.core.rng import as_generator
from lstm_np.engine.config import TrainConfig
from lstm_np.core.parameters import initialize_parameters
from lstm_np.core.sampling import sample_top_k
from lstm_np.core.text import Vocabulary
from lstm_np.engine.train import Trainer
from helpers import pseudo_text


@pytest.mark.parametrize("value,expected", [(3, 3), (3.0, 3), (np.int64(3), 3),
                                            (np.float32(3.0), 3)])
def test_whole_numbers_may_be_whole_floats(value, expected):
    result = whole(value, "n", low=1)
    assert result == expected and type(result) is int


@pytest.mark.parametrize("value", [3.5, math.nan, math.inf, True, "3", None, 0, -1])
def test_whole_refuses_naming_the_argument(value):
    with pytest.raises(ValueError, match=r"^count must be a whole number >= 1, got "):
        whole(value, "count", low=1)


@pytest.mark.parametrize("check,bad", [(positive_number, [0, -1, math.nan, math.inf, True]),
                                       (fraction, [0, 1, 1.5, math.nan, False])])
def test_numbers_and_fractions(check, bad):
    assert check(0.5, "x") == 0.5
    for value in bad:
        with pytest.raises(ValueError, match="^x must be"):
            check(value, "x")


def test_train_config_takes_whole_floats():
    cfg = TrainConfig(n_a=8.0, batch_size=4.0, seq_length=8.0, workers=1.0, seed=2.0).check()
    assert (cfg.n_a, cfg.batch_size, cfg.seq_length, cfg.workers, cfg.seed) == (8, 4, 8, 1, 2)
    assert all(type(x) is int for x in (cfg.n_a, cfg.batch_size, cfg.seed))
    for bad in (2.5, math.nan):
        with pytest.raises(ValueError, match="^n_a must be a whole number"):
            TrainConfig(n_a=bad).check()


@pytest.mark.parametrize("updates", [math.nan, 2.5, 0, True])
def test_train_updates_nan_is_one_clear_error(updates):
    tr = Trainer(pseudo_text(3000), TrainConfig(n_a=4, batch_size=2, seq_length=5, workers=1))
    with pytest.raises(ValueError, match="^updates must be a whole number >= 1, got "):
        tr.train(updates=updates, log=None)


def test_the_rng_rule_is_one_rule():
    gen = np.random.default_rng(5)
    assert as_generator(gen) is gen                              # used as it is
    assert as_generator(7).random() == as_generator(7).random()  # a seed: the same numbers
    assert as_generator(None).random() != as_generator(None).random()   # fresh randomness
    with pytest.raises(ValueError):
        as_generator(-1)                                         # numpy's own refusal
    # the functions that must be reproducible without an rng say so with rng=0
    np.testing.assert_array_equal(initialize_parameters(4, 3, 3)["Wf"],
                                  initialize_parameters(4, 3, 3, rng=0)["Wf"])
    vocab = Vocabulary.from_text("abc ")
    p = initialize_parameters(4, 4, 4, rng=1)
    draws = {tuple(sample_top_k(p, vocab.char_to_ix, "a", 1.0, 4, length=40)) for _ in range(4)}
    assert len(draws) > 1                                        # None: another text each call


def test_vocabularies_and_texts_are_checked_where_they_arrive():
    assert vocabulary("ab").chars == ["a", "b"]
    for bad in (["a", "a"], ["ab"], [], [1]):
        with pytest.raises(ValueError, match="vocabulary"):
            vocabulary(bad)
    vocab = Vocabulary.from_text("ab")
    assert encode(vocab, "ba").tolist() == [1, 0]
    with pytest.raises(ValueError, match=r"^characters not in the vocabulary: 'qz' "):
        encode(vocab, "aqz")
