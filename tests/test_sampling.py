"""Sampling: temperature, top-k, greedy decoding, reproducibility and argument checks.

Everything the sampler does is recomputed here with the faithful `lstm_cell_forward` (the
sampler uses its own fused step), so these tests also check that the two agree.
"""
import math

import numpy as np
import pytest

from lstm_np import Vocabulary, generate, initialize_parameters, lstm_cell_forward
from lstm_np.core.sampling import next_char_distribution, sample_top_k
from lstm_np.engine.generation import stream_top_k

VOCAB = Vocabulary.from_text("abcde ")          # 6 characters: ' ', a, b, c, d, e
N_A = 8


@pytest.fixture(scope="module")
def params():
    """A small random network, weights scaled up so the distributions are far from uniform."""
    rng = np.random.default_rng(2024)
    p = initialize_parameters(N_A, VOCAB.size, VOCAB.size, rng=rng)
    p = {name: value * 3.0 for name, value in p.items()}
    for name in ("bf", "bi", "bc", "bo", "by"):
        p[name] = rng.normal(0.0, 0.5, p[name].shape)
    return p


def states_after(p, indices, a=None, c=None):
    """Feed the character indices one by one through lstm_cell_forward (m = 1)."""
    a = np.zeros((N_A, 1)) if a is None else a
    c = np.zeros((N_A, 1)) if c is None else c
    for ix in indices:
        x = np.zeros((VOCAB.size, 1))
        x[ix, 0] = 1.0
        a, c, y, _ = lstm_cell_forward(x, a, c, p)
    return a, c, y


def scores(p, a):
    return (p["Wy"] @ a + p["by"])[:, 0]


def expected_distribution(p, a, temperature, k):
    """softmax(z / T), then keep the k most likely characters and renormalise."""
    z = scores(p, a) / temperature
    q = np.exp(z - z.max())
    q /= q.sum()
    keep = np.argsort(-q)[:k]
    out = np.zeros_like(q)
    out[keep] = q[keep] / q[keep].sum()
    return out


def top_k_set(y, k):
    return set(np.argsort(-y[:, 0])[:k].tolist())


def encode(text):
    return [VOCAB.char_to_ix[ch] for ch in text]


def test_the_network_is_not_uniform(params):
    """The other tests are only meaningful if the network has clear favourites."""
    _, _, y = states_after(params, encode("bad"))
    y = np.sort(y[:, 0])
    assert y[-1] > 2 * y[0]
    assert y[-1] - y[-2] > 1e-3


# ---------------------------------------------------------------------------------------
# greedy decoding
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("prime", ["a", "bad c", "e e"])
def test_k1_is_the_greedy_path(params, prime):
    length = 40
    got = sample_top_k(params, VOCAB.char_to_ix, prime, temperature=1.0, k=1, length=length,
                       rng=0)
    a, c, y = states_after(params, encode(prime))
    expected = []
    for _ in range(length):
        ix = int(np.argmax(y[:, 0]))
        expected.append(ix)
        a, c, y = states_after(params, [ix], a, c)
    assert got == expected
    # greedy depends on neither the random generator nor the temperature
    for rng, temperature in [(1, 1.0), (99, 0.3), (5, 3.0)]:
        assert sample_top_k(params, VOCAB.char_to_ix, prime, temperature=temperature, k=1,
                            length=length, rng=rng) == expected


# ---------------------------------------------------------------------------------------
# the distribution of the next character
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("temperature", [0.5, 1.0, 2.0])
@pytest.mark.parametrize("k", [1, 2, 4, 6, None])
def test_next_char_distribution_matches_softmax_over_top_k(params, temperature, k):
    prime = "bad c"
    p = next_char_distribution(params, VOCAB.char_to_ix, prime, temperature=temperature, k=k)
    a, _, _ = states_after(params, encode(prime))
    kk = VOCAB.size if k is None else k
    expected = expected_distribution(params, a, temperature, kk)

    assert p.shape == (VOCAB.size,)
    np.testing.assert_allclose(p, expected, rtol=1e-10, atol=1e-14)
    assert p.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.count_nonzero(p) == kk
    outside = np.ones(VOCAB.size, bool)
    outside[np.argsort(-scores(params, a))[:kk]] = False
    np.testing.assert_array_equal(p[outside], 0.0)


def test_temperature_sharpens_and_flattens(params):
    cold = next_char_distribution(params, VOCAB.char_to_ix, "bad", temperature=0.5, k=6)
    warm = next_char_distribution(params, VOCAB.char_to_ix, "bad", temperature=1.0, k=6)
    hot = next_char_distribution(params, VOCAB.char_to_ix, "bad", temperature=2.0, k=6)
    assert cold.max() > warm.max() > hot.max()
    assert np.argmax(cold) == np.argmax(warm) == np.argmax(hot)


def test_first_draw_frequencies_follow_the_top_k_distribution(params):
    """3000 draws of one character: only the top k appear, each about as often as expected."""
    prime, temperature, k, n = "bad c", 1.3, 3, 3000
    a, _, _ = states_after(params, encode(prime))
    expected = expected_distribution(params, a, temperature, k)
    rng = np.random.default_rng(11)
    counts = np.zeros(VOCAB.size, int)
    for _ in range(n):
        (ix,) = sample_top_k(params, VOCAB.char_to_ix, prime, temperature, k, length=1, rng=rng)
        counts[ix] += 1
    np.testing.assert_array_equal(counts[expected == 0], 0)
    sigma = np.sqrt(n * expected * (1 - expected))
    assert np.all(np.abs(counts - n * expected) <= 5 * sigma + 1e-9), (counts, n * expected)
    assert np.all(counts[expected > 0] > 0)


@pytest.mark.parametrize("k", [2, 3, 5])
def test_long_sample_never_leaves_the_top_k_and_has_the_right_rank_frequencies(params, k):
    """One sample of 3000 characters. Along the path that was generated, the top-k set and
    the top-k distribution of each step are recomputed with lstm_cell_forward: no drawn
    character may lie outside its step's top k, and the number of times the r-th most likely
    character was drawn must match the sum over the steps of its probability (the counts
    minus that sum form a martingale with variance sum p (1 - p))."""
    prime, temperature, length = "a", 1.5, 3000
    got = sample_top_k(params, VOCAB.char_to_ix, prime, temperature, k, length=length, rng=3)
    assert len(got) == length

    a, c, y = states_after(params, encode(prime))
    rank_counts = np.zeros(k)
    rank_expected = np.zeros(k)
    rank_variance = np.zeros(k)
    for step, ix in enumerate(got):
        order = np.argsort(-y[:, 0])
        assert ix in top_k_set(y, k), f"step {step}: drew {ix}, top {k} were {order[:k]}"
        rank_counts[list(order).index(ix)] += 1
        p = expected_distribution(params, a, temperature, k)[order[:k]]
        rank_expected += p
        rank_variance += p * (1 - p)
        a, c, y = states_after(params, [ix], a, c)
    assert np.all(rank_counts > 0)                          # every rank is really used
    assert np.all(np.abs(rank_counts - rank_expected) <= 5 * np.sqrt(rank_variance)), \
        (rank_counts, rank_expected)


# ---------------------------------------------------------------------------------------
# reproducibility
# ---------------------------------------------------------------------------------------

def test_same_seed_same_text_different_seeds_differ(params):
    def text(rng):
        return generate(params, VOCAB, "bad", length=60, temperature=1.2, k=4, rng=rng)

    assert text(7) == text(7)
    assert text(np.random.default_rng(7)) == text(np.random.default_rng(7))
    assert text(None) != text(None)                 # None: fresh randomness every call
    texts = {text(seed) for seed in range(10)}
    assert len(texts) >= 9


def test_sampling_leaves_the_global_random_state_alone(params):
    np.random.seed(3)
    before = np.random.get_state()
    first = sample_top_k(params, VOCAB.char_to_ix, "a", 1.0, 4, length=50, rng=5)
    after = np.random.get_state()
    assert before[0] == after[0] and np.array_equal(before[1], after[1])
    assert tuple(before[2:]) == tuple(after[2:])
    np.random.seed(4)                                       # the global seed plays no part
    assert sample_top_k(params, VOCAB.char_to_ix, "a", 1.0, 4, length=50, rng=5) == first


# ---------------------------------------------------------------------------------------
# priming
# ---------------------------------------------------------------------------------------

def test_a_long_prime_warms_up_the_state(params):
    full = next_char_distribution(params, VOCAB.char_to_ix, "bad c", temperature=1.0)
    last = next_char_distribution(params, VOCAB.char_to_ix, "c", temperature=1.0)
    assert np.abs(full - last).max() > 1e-3
    a, _, _ = states_after(params, encode("bad c"))
    np.testing.assert_allclose(full, expected_distribution(params, a, 1.0, VOCAB.size),
                               rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("prime", ["a", "bad c"])
def test_generate_returns_the_prime_then_the_sample(params, prime):
    length = 25
    text = generate(params, VOCAB, prime, length=length, temperature=0.8, k=3, rng=12)
    indices = sample_top_k(params, VOCAB.char_to_ix, prime, 0.8, 3, length=length, rng=12)
    assert text == prime + "".join(VOCAB.chars[i] for i in indices)
    assert text.startswith(prime)
    assert len(text) == len(prime) + length
    assert set(text) <= set(VOCAB.chars)


# ---------------------------------------------------------------------------------------
# bad arguments: one clear ValueError each, where they arrive (generate and stream_top_k, which
# the sliders and the command line call); the taught sample_top_k checks nothing
# ---------------------------------------------------------------------------------------

def call(function, params, prime="ab", temperature=1.0, k=3, length=10):
    if function == "generate":
        return generate(params, VOCAB, prime, temperature, k, length=length, rng=0)
    return list(stream_top_k(params, VOCAB.char_to_ix, prime, temperature, k, length=length,
                             rng=0))


FUNCTIONS = ["generate", "stream_top_k"]


@pytest.mark.parametrize("function", FUNCTIONS)
@pytest.mark.parametrize("prime, unknown", [("abZ", "Z"), ("xa", "x"), ("a\nb", "\n")])
def test_unknown_prime_character_is_named(params, function, prime, unknown):
    with pytest.raises(ValueError) as info:
        call(function, params, prime=prime)
    assert repr(unknown) in str(info.value)


@pytest.mark.parametrize("function", FUNCTIONS)
def test_empty_prime_is_refused(params, function):
    with pytest.raises(ValueError, match="empty"):
        call(function, params, prime="")


@pytest.mark.parametrize("function", FUNCTIONS)
@pytest.mark.parametrize("temperature", [0, 0.0, -1.0, float("nan"), float("inf"),
                                         float("-inf"), "1.0", None])
def test_bad_temperature_is_refused(params, function, temperature):
    with pytest.raises(ValueError, match="temperature"):
        call(function, params, temperature=temperature)


@pytest.mark.parametrize("function", FUNCTIONS)
@pytest.mark.parametrize("k", [0, -1, 7, 100, 2.5, "3", True, float("inf"), float("nan")])
def test_bad_k_is_refused(params, function, k):
    with pytest.raises(ValueError, match=r"\bk\b"):
        call(function, params, k=k)


@pytest.mark.parametrize("function", FUNCTIONS)
@pytest.mark.parametrize("length", [0, -1, -300, 2.5, True, float("inf"), float("nan")])
def test_bad_length_is_refused(params, function, length):
    with pytest.raises(ValueError, match="length"):
        call(function, params, length=length)


@pytest.mark.parametrize("function", FUNCTIONS)
def test_a_whole_float_k_is_that_k_and_none_is_every_character(params, function):
    assert call(function, params, k=2.0) == call(function, params, k=2)
    assert call(function, params, k=None) == call(function, params, k=VOCAB.size)


def test_a_tiny_accepted_temperature_is_the_greedy_limit(params):
    """A finite T > 0 so small that (z - z_max) / T is -inf for every other score: the
    distribution is all on the most likely character, never nan."""
    p = next_char_distribution(params, VOCAB.char_to_ix, "bad", temperature=1e-310, k=3)
    assert np.all(np.isfinite(p)) and math.isclose(p.sum(), 1.0)
    greedy = sample_top_k(params, VOCAB.char_to_ix, "bad", 1.0, 1, length=1)[0]
    assert p[greedy] == 1.0
    assert call("generate", params, prime="bad", temperature=1e-310, length=1) == \
        "bad" + VOCAB.decode([greedy])


# ---------------------------------------------------------------------------------------
# one cell, one truth: the readable loop and the fused stepper write the same text
# ---------------------------------------------------------------------------------------

def test_sample_top_k_is_the_originals_loop_over_lstm_cell_forward():
    import inspect
    source = inspect.getsource(sample_top_k)
    assert "lstm_cell_forward(" in source and "Stepper" not in source


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("temperature,k", [(1.0, 5), (0.5, 3), (1.3, None), (0.8, 1)])
def test_generate_writes_the_text_of_sample_top_k_for_the_same_generator(lang, temperature,
                                                                         k):
    from lstm_np.storage.checkpoint import load_pretrained
    model = load_pretrained(lang)
    for seed in range(3):
        prime = "gregor" if seed < 2 else "\n"
        slow = sample_top_k(model.parameters, model.vocab.char_to_ix, prime, temperature, k,
                            length=200, rng=np.random.default_rng(seed))
        fast = generate(model.parameters, model.vocab, prime, temperature, k, length=200,
                        rng=np.random.default_rng(seed))
        assert fast == prime + model.vocab.decode(slow)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_the_fused_stepper_gives_the_scores_of_lstm_cell_forward(dtype):
    from lstm_np.engine.fast import FusedStepper
    p = initialize_parameters(6, VOCAB.size, VOCAB.size, rng=4, dtype=dtype)
    for name in p:
        p[name] += np.asarray(0.3, dtype=dtype)             # biases too
    stepper = FusedStepper(p)
    a = np.zeros((6, 1), dtype=dtype)
    c = np.zeros((6, 1), dtype=dtype)
    for ix in VOCAB.encode("bad cab"):
        x = np.zeros((VOCAB.size, 1), dtype=dtype)
        x[ix] = 1.0
        a, c, y_hat, _ = lstm_cell_forward(x, a, c, p)
        z = stepper.step(ix)
        tol = 1e-12 if dtype == np.float64 else 1e-5
        assert np.allclose(np.exp(z - z.max()) / np.exp(z - z.max()).sum(), y_hat[:, 0],
                           rtol=0, atol=tol)
        assert np.allclose(stepper.a, a[:, 0], rtol=0, atol=tol)
