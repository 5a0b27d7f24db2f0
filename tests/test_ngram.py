"""The character n-gram baseline (lstm_np.core.ngram) on texts small enough to count by hand."""
import math

import numpy as np
import pytest

from lstm_np.core.ngram import lookup, ngram_baseline, ngram_codes, ngram_counts, ngram_loss

# "abab" + "a" as indices, V = 2 (a = 0, b = 1)
ABABA = np.array([0, 1, 0, 1, 0])


def test_codes_write_each_gram_in_base_V():
    assert ngram_codes(np.array([2, 0, 1]), 2, 3).tolist() == [2 * 3 + 0, 0 * 3 + 1]
    assert ngram_codes(np.array([2, 0, 1]), 3, 3).tolist() == [2 * 9 + 0 * 3 + 1]
    assert ngram_codes(np.array([2, 0, 1]), 1, 3).tolist() == [2, 0, 1]


def test_bigram_counts_of_ababa():
    c = ngram_counts(ABABA, 2, 2)
    # grams: ab (code 1) twice, ba (code 2) twice; contexts: a (0) twice, b (1) twice
    assert c["grams"].tolist() == [1, 2] and c["gram_counts"].tolist() == [2, 2]
    assert c["contexts"].tolist() == [0, 1] and c["context_counts"].tolist() == [2, 2]


def test_bigram_loss_by_hand():
    # trained on "ababa": P(b | a) = (2 + k) / (2 + 2k), P(a | a) = k / (2 + 2k)
    c = ngram_counts(ABABA, 2, 2)
    k = 0.5
    text = np.array([0, 1, 0, 0])             # predict b after a, a after b, a after a
    expected = -(math.log(2.5 / 3) + math.log(2.5 / 3) + math.log(0.5 / 3)) / 3
    assert ngram_loss(c, text, k, start=1) == pytest.approx(expected, rel=1e-12)


def test_unigram_loss_by_hand():
    # "ababa": N(a) = 3, N(b) = 2, N = 5; P(a) = (3 + k) / (5 + 2k)
    c = ngram_counts(ABABA, 1, 2)
    k = 1.0
    assert ngram_loss(c, np.array([0, 1]), k, start=0) == pytest.approx(
        -(math.log(4 / 7) + math.log(3 / 7)) / 2, rel=1e-12)


def test_an_unseen_context_gives_the_uniform_distribution():
    c = ngram_counts(np.array([0, 1, 0, 1]), 2, 3)        # character 2 never seen
    assert ngram_loss(c, np.array([2, 0]), 0.1, start=1) == pytest.approx(math.log(3))


def test_lookup_gives_zero_for_absent_keys():
    keys, values = np.array([3, 7, 9]), np.array([1, 2, 3])
    assert lookup(keys, values, np.array([9, 0, 7, 10, 3])).tolist() == [3, 0, 2, 0, 1]


def test_probabilities_sum_to_one_over_the_next_character():
    rng = np.random.default_rng(0)
    ix = rng.integers(0, 4, 200)
    c = ngram_counts(ix, 3, 4)
    context = [1, 2]
    p = [math.exp(-ngram_loss(c, np.array(context + [ch]), 0.3, start=2)) for ch in range(4)]
    assert sum(p) == pytest.approx(1.0, rel=1e-12)


def test_baseline_chooses_k_without_the_validation_text():
    # a periodic text: the bigram model is certain, so the smallest k tried wins, and the
    # loss on a validation text that continues the period is -ln((N + k) / (N + kV)) ~ 0
    train = np.tile([0, 1, 2], 40)
    val = np.tile([0, 1, 2], 5)
    loss, k = ngram_baseline(train, val, 2, 3, ks=(1.0, 0.1, 0.01))
    assert k == 0.01
    assert loss < 0.01
    # a validation text that breaks the pattern cannot change k
    loss_other, k_other = ngram_baseline(train, val[::-1].copy(), 2, 3, ks=(1.0, 0.1, 0.01))
    assert k_other == k and loss_other > 1.0
