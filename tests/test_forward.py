"""Forward pass, activations, initialisation and the text helpers.

The forward values are compared with the cell equations written out again here, on their
own, with the input and recurrent halves of each W kept apart (so that the order of
concat = [a_prev; x_t] is checked too). The gradient tests cannot catch a wrong forward
pass: a wrong forward with a matching backward passes every gradient check.
"""
import contextlib
import re
import warnings

import numpy as np
import pytest

from lstm_np.arguments import encode, vocabulary
from lstm_np.engine.config import TrainConfig
from lstm_np import (PARAMETER_NAMES, Vocabulary, initialize_parameters, lstm_cell_forward,
                     lstm_forward, one_hot, sigmoid, softmax)

GATES = ("f", "i", "c", "o")


def perturbed_parameters(n_a, n_x, n_y, seed):
    """Initial parameters plus noise, so that biases are not zero and gates not all 0.5."""
    rng = np.random.default_rng(seed)
    parameters = initialize_parameters(n_a, n_x, n_y, rng=rng)
    return {name: value + rng.normal(0.0, 0.3, value.shape) for name, value in parameters.items()}


def reference_cell(xt, a_prev, c_prev, p):
    """The LSTM cell from its equations, without concatenation and without the package."""
    n_a = a_prev.shape[0]

    def pre(g):
        W = p["W" + g]
        return W[:, :n_a] @ a_prev + W[:, n_a:] @ xt + p["b" + g]

    def sig(z):
        return 1.0 / (1.0 + np.exp(-z))

    f, u, cand, o = sig(pre("f")), sig(pre("i")), np.tanh(pre("c")), sig(pre("o"))
    c = f * c_prev + u * cand
    a = o * np.tanh(c)
    z = p["Wy"] @ a + p["by"]
    y = np.exp(z) / np.exp(z).sum(axis=0, keepdims=True)
    return a, c, y, (f, u, cand, o)


def random_inputs(n_a, n_x, m, T_x, seed):
    rng = np.random.default_rng(seed)
    x = one_hot(rng.integers(0, n_x, size=(m, T_x)), n_x)
    a0 = np.tanh(rng.normal(size=(n_a, m)))
    c0 = rng.normal(size=(n_a, m))
    return x, a0, c0


@contextlib.contextmanager
def strict_numerics():
    """Any numpy floating-point overflow, invalid value or division by zero is an error, and
    so is any warning (underflow to 0, which is the right answer here, stays allowed)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            yield


# ---------------------------------------------------------------------------------------
# lstm_cell_forward
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("m", [1, 4])
def test_cell_forward_shapes_of_outputs_and_cache(m):
    n_a, n_x, n_y = 5, 3, 7                               # all different: no shape can hide
    p = perturbed_parameters(n_a, n_x, n_y, seed=1)
    x, a_prev, c_prev = random_inputs(n_a, n_x, m, 1, seed=2)
    xt = x[:, :, 0]

    a_next, c_next, yt, cache = lstm_cell_forward(xt, a_prev, c_prev, p)

    assert a_next.shape == (n_a, m)
    assert c_next.shape == (n_a, m)
    assert yt.shape == (n_y, m)
    assert len(cache) == 10
    (ca_next, cc_next, ca_prev, cc_prev, ft, it, cct, ot, cxt, cparams) = cache
    for name, arr in [("a_next", ca_next), ("c_next", cc_next), ("a_prev", ca_prev),
                      ("c_prev", cc_prev), ("ft", ft), ("it", it), ("cct", cct), ("ot", ot)]:
        assert arr.shape == (n_a, m), name
    assert cxt.shape == (n_x, m)
    # the cache holds what the backward step needs: the returned states and the inputs
    np.testing.assert_array_equal(ca_next, a_next)
    np.testing.assert_array_equal(cc_next, c_next)
    np.testing.assert_array_equal(ca_prev, a_prev)
    np.testing.assert_array_equal(cc_prev, c_prev)
    np.testing.assert_array_equal(cxt, xt)
    assert cparams is p


@pytest.mark.parametrize("m", [1, 4])
def test_cell_forward_matches_the_equations(m):
    n_a, n_x, n_y = 6, 4, 5
    p = perturbed_parameters(n_a, n_x, n_y, seed=3)
    rng = np.random.default_rng(4)
    xt = rng.normal(size=(n_x, m))                          # not only one-hot inputs
    a_prev = np.tanh(rng.normal(size=(n_a, m)))
    c_prev = rng.normal(size=(n_a, m))

    a_next, c_next, yt, cache = lstm_cell_forward(xt, a_prev, c_prev, p)
    a_ref, c_ref, y_ref, (f, u, cand, o) = reference_cell(xt, a_prev, c_prev, p)

    np.testing.assert_allclose(a_next, a_ref, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(c_next, c_ref, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(yt, y_ref, rtol=1e-12, atol=1e-14)
    for got, want in zip(cache[4:8], (f, u, cand, o)):    # ft, it, cct, ot in the seed's order
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(yt.sum(axis=0), 1.0, rtol=0, atol=1e-12)


def test_cell_forward_columns_of_a_batch_are_independent():
    n_a, n_x, n_y, m = 5, 4, 4, 6
    p = perturbed_parameters(n_a, n_x, n_y, seed=5)
    x, a_prev, c_prev = random_inputs(n_a, n_x, m, 1, seed=6)
    a, c, y, _ = lstm_cell_forward(x[:, :, 0], a_prev, c_prev, p)
    for i in range(m):
        a_i, c_i, y_i, _ = lstm_cell_forward(x[:, i:i + 1, 0], a_prev[:, i:i + 1],
                                             c_prev[:, i:i + 1], p)
        np.testing.assert_allclose(a[:, i:i + 1], a_i, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(c[:, i:i + 1], c_i, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(y[:, i:i + 1], y_i, rtol=1e-12, atol=1e-15)


# ---------------------------------------------------------------------------------------
# lstm_forward
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("m", [1, 3])
@pytest.mark.parametrize("T_x", [1, 2, 7])
def test_lstm_forward_shapes_and_caches(m, T_x):
    n_a, n_x, n_y = 5, 3, 7
    p = perturbed_parameters(n_a, n_x, n_y, seed=7)
    x, a0, c0 = random_inputs(n_a, n_x, m, T_x, seed=8)

    a, y, c, caches = lstm_forward(x, a0, p, c0)

    assert a.shape == (n_a, m, T_x)
    assert c.shape == (n_a, m, T_x)
    assert y.shape == (n_y, m, T_x)
    assert len(caches) == 2
    cell_caches, x_cached = caches
    np.testing.assert_array_equal(x_cached, x)
    assert len(cell_caches) == T_x
    for t, cache in enumerate(cell_caches):
        assert len(cache) == 10
        for j in range(8):
            assert cache[j].shape == (n_a, m), (t, j)
        assert cache[8].shape == (n_x, m)
        assert cache[9] is p
        # cache t links a<t-1>, c<t-1> and x<t> to the stored sequence
        np.testing.assert_array_equal(cache[0], a[:, :, t])
        np.testing.assert_array_equal(cache[1], c[:, :, t])
        np.testing.assert_array_equal(cache[2], a0 if t == 0 else a[:, :, t - 1])
        np.testing.assert_array_equal(cache[3], c0 if t == 0 else c[:, :, t - 1])
        np.testing.assert_array_equal(cache[8], x[:, :, t])


@pytest.mark.parametrize("m", [1, 3])
@pytest.mark.parametrize("T_x", [1, 2, 7])
def test_lstm_forward_matches_the_equations_step_by_step(m, T_x):
    n_a, n_x, n_y = 5, 4, 6
    p = perturbed_parameters(n_a, n_x, n_y, seed=9)
    x, a0, c0 = random_inputs(n_a, n_x, m, T_x, seed=10)

    a, y, c, _ = lstm_forward(x, a0, p, c0)

    a_t, c_t = a0, c0
    for t in range(T_x):
        a_t, c_t, y_t, _ = reference_cell(x[:, :, t], a_t, c_t, p)
        np.testing.assert_allclose(a[:, :, t], a_t, rtol=1e-11, atol=1e-14)
        np.testing.assert_allclose(c[:, :, t], c_t, rtol=1e-11, atol=1e-14)
        np.testing.assert_allclose(y[:, :, t], y_t, rtol=1e-11, atol=1e-14)


def test_lstm_forward_c0_none_means_zeros_and_a_given_c0_is_used():
    n_a, n_x, n_y, m, T_x = 5, 4, 4, 3, 6
    p = perturbed_parameters(n_a, n_x, n_y, seed=11)
    x, a0, c0 = random_inputs(n_a, n_x, m, T_x, seed=12)
    c0_before = c0.copy()

    a_none, y_none, c_none, _ = lstm_forward(x, a0, p)
    a_zero, y_zero, c_zero, _ = lstm_forward(x, a0, p, np.zeros((n_a, m)))
    np.testing.assert_array_equal(a_none, a_zero)
    np.testing.assert_array_equal(c_none, c_zero)
    np.testing.assert_array_equal(y_none, y_zero)

    a_c0, y_c0, c_c0, caches = lstm_forward(x, a0, p, c0)
    np.testing.assert_array_equal(c0, c0_before)           # the caller's c0 is not modified
    np.testing.assert_array_equal(caches[0][0][3], c0)     # and is what step 1 read
    assert not np.allclose(c_c0[:, :, 0], c_none[:, :, 0])
    assert not np.allclose(y_c0[:, :, 0], y_none[:, :, 0])
    # the first step from c0, written out
    a1, c1, y1, _ = reference_cell(x[:, :, 0], a0, c0, p)
    np.testing.assert_allclose(c_c0[:, :, 0], c1, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(a_c0[:, :, 0], a1, rtol=1e-12, atol=1e-14)
    # without c0 the first step starts from a zero cell state
    a1z, c1z, _, _ = reference_cell(x[:, :, 0], a0, np.zeros((n_a, m)), p)
    np.testing.assert_allclose(c_none[:, :, 0], c1z, rtol=1e-12, atol=1e-14)


def test_lstm_forward_batch_equals_sequences_one_by_one():
    n_a, n_x, n_y, m, T_x = 4, 5, 5, 4, 5
    p = perturbed_parameters(n_a, n_x, n_y, seed=13)
    x, a0, c0 = random_inputs(n_a, n_x, m, T_x, seed=14)
    a, y, c, _ = lstm_forward(x, a0, p, c0)
    for i in range(m):
        a_i, y_i, c_i, _ = lstm_forward(x[:, i:i + 1], a0[:, i:i + 1], p, c0[:, i:i + 1])
        np.testing.assert_allclose(a[:, i:i + 1], a_i, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(y[:, i:i + 1], y_i, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(c[:, i:i + 1], c_i, rtol=1e-12, atol=1e-15)


def test_lstm_forward_keeps_float32():
    n_a, n_x, n_y, m, T_x = 4, 3, 3, 2, 3
    p = initialize_parameters(n_a, n_x, n_y, rng=0, dtype=np.float32)
    x = one_hot(np.zeros((m, T_x), dtype=int), n_x, dtype=np.float32)
    a, y, c, _ = lstm_forward(x, np.zeros((n_a, m), np.float32), p)
    assert a.dtype == y.dtype == c.dtype == np.float32


# ---------------------------------------------------------------------------------------
# softmax and sigmoid
# ---------------------------------------------------------------------------------------

def test_softmax_of_huge_and_far_apart_columns_is_finite_and_exact():
    x = np.array([[1e4, -1e4, 0.0],
                  [1e4 - 1.0, -1e4 - 2.0, 3.0],
                  [-1e4, -1e4 + 1.0, -1e4]])
    with strict_numerics():
        p = softmax(x)
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p.sum(axis=0), 1.0, rtol=0, atol=1e-15)
    # each column after subtracting its own maximum, by hand
    e = np.e
    expected = np.array([[1 / (1 + 1 / e), 1 / (1 + e ** -2 + e), 1 / (1 + e ** 3)],
                         [(1 / e) / (1 + 1 / e), e ** -2 / (1 + e ** -2 + e),
                          e ** 3 / (1 + e ** 3)],
                         [0.0, e / (1 + e ** -2 + e), 0.0]])
    np.testing.assert_allclose(p, expected, rtol=1e-14, atol=1e-300)


def test_softmax_is_per_column_on_a_three_dimensional_array():
    rng = np.random.default_rng(15)
    n_y, m, T_x = 5, 3, 4
    base = rng.normal(size=(n_y, m, T_x))
    offsets = rng.choice([-2e4, -5e3, 0.0, 7e3, 2e4], size=(1, m, T_x))
    with strict_numerics():
        p = softmax(base + offsets)
    assert p.shape == (n_y, m, T_x)
    expected = np.exp(base) / np.exp(base).sum(axis=0, keepdims=True)
    np.testing.assert_allclose(p, expected, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(p.sum(axis=0), 1.0, rtol=0, atol=1e-14)


def test_softmax_matches_the_definition_on_moderate_values():
    x = np.array([[0.5, -1.0], [2.0, 0.0], [-3.0, 1.0], [0.0, 0.25]])
    expected = np.exp(x) / np.exp(x).sum(axis=0)
    np.testing.assert_allclose(softmax(x), expected, rtol=1e-14)


def test_sigmoid_saturates_without_warnings():
    x = np.array([-1000.0, 1000.0, -800.0, 800.0])
    with strict_numerics():
        s = sigmoid(x)
    np.testing.assert_array_equal(s, [0.0, 1.0, 0.0, 1.0])
    with strict_numerics():
        assert sigmoid(np.array(-1000.0)) == 0.0
        assert sigmoid(np.array(1000.0)) == 1.0


def test_sigmoid_matches_the_definition_and_keeps_shape():
    x = np.linspace(-30.0, 30.0, 241).reshape(241, 1, 1) * np.ones((1, 2, 3))
    s = sigmoid(x)
    assert s.shape == x.shape
    np.testing.assert_allclose(s, 1.0 / (1.0 + np.exp(-x)), rtol=1e-12, atol=0)
    np.testing.assert_allclose(sigmoid(-x), 1.0 - s, rtol=0, atol=1e-15)


# ---------------------------------------------------------------------------------------
# initialize_parameters
# ---------------------------------------------------------------------------------------

def _rng_state_equal(s1, s2):
    return s1[0] == s2[0] and np.array_equal(s1[1], s2[1]) and tuple(s1[2:]) == tuple(s2[2:])


@pytest.mark.parametrize("n_a, n_x, n_y", [(5, 3, 7), (1, 1, 1), (16, 40, 30)])
def test_initialize_parameters_shapes_and_zero_biases(n_a, n_x, n_y):
    p = initialize_parameters(n_a, n_x, n_y, rng=0)
    assert set(p) == set(PARAMETER_NAMES)
    for g in GATES:
        assert p["W" + g].shape == (n_a, n_a + n_x)
        assert p["b" + g].shape == (n_a, 1)
        np.testing.assert_array_equal(p["b" + g], 0.0)
        assert p["W" + g].dtype == p["b" + g].dtype == np.float64
    assert p["Wy"].shape == (n_y, n_a)
    assert p["by"].shape == (n_y, 1)
    np.testing.assert_array_equal(p["by"], 0.0)


def test_initialize_parameters_xavier_scales():
    # sizes chosen so that the gate scale (0.05) and the output scale (0.115) differ a lot
    n_a, n_x, n_y = 100, 700, 50
    p = initialize_parameters(n_a, n_x, n_y, rng=123)
    std_gate = np.sqrt(2.0 / (n_a + n_x))
    std_out = np.sqrt(2.0 / (n_a + n_y))
    for g in GATES:
        W = p["W" + g]                                      # 80,000 draws: std within ~0.3%
        assert abs(W.std() / std_gate - 1.0) < 0.02, g
        assert abs(W.mean()) < 5 * std_gate / np.sqrt(W.size), g
    Wy = p["Wy"]                                            # 5,000 draws: std within ~1%
    assert abs(Wy.std() / std_out - 1.0) < 0.05
    assert abs(Wy.mean()) < 5 * std_out / np.sqrt(Wy.size)
    # four independent draws, not one matrix four times
    for g, h in [("f", "i"), ("f", "c"), ("f", "o"), ("i", "c"), ("i", "o"), ("c", "o")]:
        assert not np.allclose(p["W" + g], p["W" + h])


def test_initialize_parameters_is_seeded_by_its_rng_argument():
    a = initialize_parameters(6, 4, 5, rng=42)
    b = initialize_parameters(6, 4, 5, rng=42)
    c = initialize_parameters(6, 4, 5, rng=43)
    for name in PARAMETER_NAMES:
        np.testing.assert_array_equal(a[name], b[name])
    for name in ("Wf", "Wi", "Wc", "Wo", "Wy"):
        assert not np.allclose(a[name], c[name]), name
    # a Generator is used as given: same seed same draws, and it moves on between calls
    g1 = initialize_parameters(6, 4, 5, rng=np.random.default_rng(7))
    g2 = initialize_parameters(6, 4, 5, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(g1["Wf"], g2["Wf"])
    gen = np.random.default_rng(7)
    first, second = initialize_parameters(6, 4, 5, rng=gen), initialize_parameters(6, 4, 5, rng=gen)
    assert not np.allclose(first["Wf"], second["Wf"])
    # None is reproducible too
    np.testing.assert_array_equal(initialize_parameters(6, 4, 5)["Wf"],
                                  initialize_parameters(6, 4, 5)["Wf"])


def test_initialize_parameters_leaves_the_global_random_state_alone():
    np.random.seed(2024)
    before = np.random.get_state()
    initialize_parameters(6, 4, 5)
    initialize_parameters(6, 4, 5, rng=1)
    initialize_parameters(6, 4, 5, rng=np.random.default_rng(1))
    assert _rng_state_equal(np.random.get_state(), before)
    # and the global state does not influence the result
    np.random.seed(1)
    p1 = initialize_parameters(6, 4, 5, rng=3)
    np.random.seed(2)
    p2 = initialize_parameters(6, 4, 5, rng=3)
    np.testing.assert_array_equal(p1["Wf"], p2["Wf"])


def test_initialize_parameters_float32():
    p32 = initialize_parameters(6, 4, 5, rng=9, dtype=np.float32)
    p64 = initialize_parameters(6, 4, 5, rng=9)
    for name in PARAMETER_NAMES:
        assert p32[name].dtype == np.float32, name
        assert p32[name].shape == p64[name].shape
        np.testing.assert_allclose(p32[name], p64[name], rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("bad", [0, -3, 2.5])
def test_bad_sizes_are_refused_where_they_arrive(bad):
    """initialize_parameters is bare maths; the trainer's settings check n_a."""
    with pytest.raises(ValueError, match="^n_a must be a whole number"):
        TrainConfig(n_a=bad).check()


# ---------------------------------------------------------------------------------------
# one_hot and Vocabulary
# ---------------------------------------------------------------------------------------

def test_one_hot_batch():
    idx = np.array([[0, 2, 1], [3, 3, 0]])
    x = one_hot(idx, 4)
    assert x.shape == (4, 2, 3)
    assert x.dtype == np.float64
    expected = np.zeros((4, 2, 3))
    for i in range(2):
        for t in range(3):
            expected[idx[i, t], i, t] = 1.0
    np.testing.assert_array_equal(x, expected)


def test_one_hot_flat_sequence_is_one_column_and_dtype_option():
    x = one_hot([2, 0, 1, 2], 3, dtype=np.float32)
    assert x.shape == (3, 1, 4)
    assert x.dtype == np.float32
    np.testing.assert_array_equal(x.sum(axis=0), 1.0)
    np.testing.assert_array_equal(x.argmax(axis=0)[0], [2, 0, 1, 2])


def test_vocabulary_from_text_round_trip():
    text = "hola, mundo! ¿qué tal?\nbien."
    vocab = Vocabulary.from_text(text)
    assert vocab.chars == sorted(set(text))
    assert len(vocab) == vocab.size == len(set(text))
    idx = vocab.encode(text)
    assert np.issubdtype(idx.dtype, np.integer)
    assert idx.shape == (len(text),)
    assert [vocab.chars[i] for i in idx] == list(text)
    assert vocab.decode(idx) == text
    assert vocab.decode(list(idx)) == text
    for ch, i in vocab.char_to_ix.items():
        assert vocab.ix_to_char[i] == ch


@pytest.mark.parametrize("text, unknown", [("abz", "z"), ("cañón", "ñ"), ("a b", " ")])
def test_vocabulary_encode_names_the_unknown_character(text, unknown):
    vocab = Vocabulary.from_text("abcdefghijklmnopqrstuvwxyó".replace(unknown, ""))
    with pytest.raises(ValueError, match=re.escape(repr(unknown))):
        encode(vocab, text)
    with pytest.raises(KeyError):                  # the bare lookup of the taught class
        vocab.encode(text)


def test_vocabulary_encode_names_every_unknown_character():
    vocab = Vocabulary("abc")
    with pytest.raises(ValueError) as info:
        encode(vocab, "aXbY")
    assert "X" in str(info.value) and "Y" in str(info.value)


@pytest.mark.parametrize("chars", [["a", "a"], [], ["ab"]])
def test_vocabulary_rejects_bad_character_lists(chars):
    with pytest.raises(ValueError):
        vocabulary(chars)
