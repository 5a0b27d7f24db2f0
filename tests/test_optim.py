"""Optimisers: Adam against steps worked out by hand, clipping, plain gradient descent.

Expected numbers were worked out by hand (and checked with 40-digit decimal arithmetic);
the derivation is in the comments next to each one.
"""
import numpy as np
import pytest

from lstm_np import clip, initialize_adam, update_parameters_with_adam, update_parameters_with_gd
from lstm_np.engine.config import TrainConfig


def adam_by_formula(theta, g, v, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam written out, scalar by scalar, without numpy's help."""
    v = beta1 * v + (1 - beta1) * g
    s = beta2 * s + (1 - beta2) * g * g
    v_hat = v / (1 - beta1 ** t)
    s_hat = s / (1 - beta2 ** t)
    return theta - lr * v_hat / (s_hat ** 0.5 + eps), v, s


# ---------------------------------------------------------------------------------------
# Adam
# ---------------------------------------------------------------------------------------

def test_adam_first_step_by_hand():
    parameters = {"W": np.array([[1.0, -2.0]]), "b": np.array([[0.5]])}
    gradients = {"dW": np.array([[0.5, -0.1]]), "db": np.array([[2.0]])}
    v, s = initialize_adam(parameters)
    # g = 0.5:  v = 0.1 * 0.5 = 0.05        s = 0.001 * 0.25 = 0.00025
    #           v_hat = 0.05 / 0.1 = 0.5    s_hat = 0.00025 / 0.001 = 0.25, sqrt = 0.5
    #           W = 1 - 0.01 * 0.5 / (0.5 + 1e-8) = 0.9900000002
    # g = -0.1: v = -0.01, s = 0.00001, v_hat = -0.1, s_hat = 0.01, sqrt = 0.1
    #           W = -2 + 0.01 * 0.1 / (0.1 + 1e-8) = -1.990000001 (to 10 digits)
    # g = 2:    v = 0.2, s = 0.004, v_hat = 2, s_hat = 4, sqrt = 2
    #           b = 0.5 - 0.01 * 2 / (2 + 1e-8) = 0.49000000005
    p, v_out, s_out = update_parameters_with_adam(parameters, gradients, v, s, t=1,
                                                  learning_rate=0.01)
    np.testing.assert_allclose(v["W"], [[0.05, -0.01]], rtol=1e-14)
    np.testing.assert_allclose(v["b"], [[0.2]], rtol=1e-14)
    np.testing.assert_allclose(s["W"], [[0.00025, 0.00001]], rtol=1e-12)
    np.testing.assert_allclose(s["b"], [[0.004]], rtol=1e-12)
    np.testing.assert_allclose(parameters["W"], [[0.9900000002, -1.9900000009999999]],
                               rtol=1e-14, atol=0)
    np.testing.assert_allclose(parameters["b"], [[0.49000000005]], rtol=1e-14, atol=0)
    # updated in place and returned
    assert p is parameters and v_out is v and s_out is s


def test_adam_fifth_step_from_given_moments_by_hand():
    parameters = {"W": np.array([[0.3, -1.5]])}
    gradients = {"dW": np.array([[-0.3, 0.02]])}
    v = {"W": np.array([[0.2, -0.01]])}
    s = {"W": np.array([[0.04, 0.0003]])}
    # entry 0: v = 0.9 * 0.2 + 0.1 * (-0.3) = 0.15
    #          s = 0.999 * 0.04 + 0.001 * 0.09 = 0.04005
    #          1 - 0.9^5 = 0.40951              1 - 0.999^5 = 0.004990009995001
    #          v_hat = 0.15 / 0.40951 = 0.366291421454...
    #          s_hat = 0.04005 / 0.004990009995001 = 8.026036028008...
    #          W = 0.3 - 0.1 * v_hat / (sqrt(s_hat) + 1e-8) = 0.287070664838619
    # entry 1: v = -0.009 + 0.002 = -0.007, s = 0.0002997 + 0.0000004 = 0.0003001
    #          v_hat = -0.0170935996679, s_hat = 0.0601401601000
    #          W = -1.5 + 0.1 * 0.0170935996679 / 0.2452349 = -1.493029704004816
    update_parameters_with_adam(parameters, gradients, v, s, t=5, learning_rate=0.1)
    np.testing.assert_allclose(v["W"], [[0.15, -0.007]], rtol=1e-13)
    np.testing.assert_allclose(s["W"], [[0.04005, 0.0003001]], rtol=1e-13)
    np.testing.assert_allclose(parameters["W"], [[0.28707066483861894, -1.4930297040048163]],
                               rtol=1e-13, atol=0)


def test_adam_bias_correction_uses_the_given_t():
    def one_step(t):
        parameters = {"W": np.array([[0.3]])}
        v, s = {"W": np.array([[0.2]])}, {"W": np.array([[0.04]])}
        update_parameters_with_adam(parameters, {"dW": np.array([[-0.3]])}, v, s, t=t,
                                    learning_rate=0.1)
        return parameters["W"][0, 0]

    # t = 1:   v_hat = 0.15 / 0.1 = 1.5,  s_hat = 0.04005 / 0.001 = 40.05
    #          W = 0.3 - 0.1 * 1.5 / sqrt(40.05) = 0.276297726880454
    # t = 100: v_hat = 0.15 / (1 - 0.9^100) = 0.150003984315662
    #          s_hat = 0.04005 / (1 - 0.999^100) = 0.420658577899374
    #          W = 0.3 - 0.1 * 0.150003984 / 0.648582 = 0.276872008804533
    w1, w100 = one_step(1), one_step(100)
    assert w1 == pytest.approx(0.27629772688045432, rel=1e-13)
    assert w100 == pytest.approx(0.27687200880453331, rel=1e-13)
    assert abs(w1 - w100) > 1e-4
    for t in (1, 2, 7, 100):
        expected, _, _ = adam_by_formula(0.3, -0.3, 0.2, 0.04, t, 0.1)
        assert one_step(t) == pytest.approx(expected, rel=1e-13), t


def test_adam_several_steps_with_a_counting_t():
    rng = np.random.default_rng(0)
    parameters = {"W": rng.normal(size=(3, 4)), "b": rng.normal(size=(3, 1))}
    expected = {k: val.copy() for k, val in parameters.items()}
    v, s = initialize_adam(parameters)
    ref_v = {k: np.zeros_like(val) for k, val in parameters.items()}
    ref_s = {k: np.zeros_like(val) for k, val in parameters.items()}
    for t in range(1, 8):
        gradients = {"d" + k: rng.normal(size=val.shape) for k, val in parameters.items()}
        update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate=0.05,
                                    beta1=0.8, beta2=0.99, epsilon=1e-6)
        for k in expected:
            expected[k], ref_v[k], ref_s[k] = adam_by_formula(
                expected[k], gradients["d" + k], ref_v[k], ref_s[k], t, 0.05,
                beta1=0.8, beta2=0.99, eps=1e-6)
    for k in expected:
        np.testing.assert_allclose(parameters[k], expected[k], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(v[k], ref_v[k], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(s[k], ref_s[k], rtol=1e-12, atol=1e-15)


def test_adam_keeps_float32():
    parameters = {"W": np.ones((2, 2), np.float32)}
    v, s = initialize_adam(parameters)
    update_parameters_with_adam(parameters, {"dW": np.full((2, 2), 0.5, np.float32)}, v, s, 1)
    assert parameters["W"].dtype == v["W"].dtype == s["W"].dtype == np.float32
    np.testing.assert_allclose(parameters["W"], 0.99, rtol=1e-6)


def test_initialize_adam():
    parameters = {"W": np.ones((3, 2)), "b": np.ones((3, 1), np.float32)}
    v, s = initialize_adam(parameters)
    assert set(v) == set(s) == set(parameters)
    for k in parameters:
        assert v[k].shape == s[k].shape == parameters[k].shape
        assert v[k].dtype == s[k].dtype == parameters[k].dtype
        np.testing.assert_array_equal(v[k], 0.0)
        np.testing.assert_array_equal(s[k], 0.0)
        assert not np.shares_memory(v[k], s[k])
        assert not np.shares_memory(v[k], parameters[k])


# ---------------------------------------------------------------------------------------
# clip
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("max_value", [0.5, 5.0, 10.0])
def test_clip_bounds_every_gradient_and_keeps_the_rest(max_value):
    rng = np.random.default_rng(1)
    gradients = {"dWf": rng.normal(0, 8, size=(4, 6)), "dby": rng.normal(0, 8, size=(3, 1)),
                 "dx": rng.normal(0, 8, size=(2, 3, 4)), "da0": rng.normal(0, 0.1, size=(4, 2))}
    before = {k: g.copy() for k, g in gradients.items()}
    arrays = {k: g for k, g in gradients.items()}

    out = clip(gradients, max_value)

    assert out is gradients
    assert list(out) == list(before)                        # same keys, same order
    for k in before:
        assert out[k] is arrays[k]                          # clipped in place
        g, g0 = out[k], before[k]
        assert np.all(g <= max_value) and np.all(g >= -max_value), k
        inside = np.abs(g0) <= max_value
        np.testing.assert_array_equal(g[inside], g0[inside])
        np.testing.assert_array_equal(g[g0 > max_value], max_value)
        np.testing.assert_array_equal(g[g0 < -max_value], -max_value)
    # the data really had values on both sides of the bounds
    everything = np.concatenate([g.ravel() for g in before.values()])
    assert (everything > max_value).any() and (everything < -max_value).any()


@pytest.mark.parametrize("max_value", [0, -1.0, float("nan")])
def test_a_bad_clipping_bound_is_refused_where_it_arrives(max_value):
    """clip is bare maths; the trainer's settings refuse the bound."""
    with pytest.raises(ValueError, match="clip_value"):
        TrainConfig(clip_value=max_value).check()


# ---------------------------------------------------------------------------------------
# plain gradient descent
# ---------------------------------------------------------------------------------------

def test_update_parameters_with_gd_by_hand():
    parameters = {"W": np.array([[1.0, -2.0]]), "b": np.array([[0.25]])}
    W, b = parameters["W"], parameters["b"]
    gradients = {"dW": np.array([[0.5, -1.0]]), "db": np.array([[2.0]]),
                 "dx": np.ones((3, 1, 2))}              # extra gradients are ignored
    out = update_parameters_with_gd(parameters, gradients, learning_rate=0.1)
    assert out is parameters
    assert set(out) == {"W", "b"}
    assert out["W"] is W and out["b"] is b                  # in place
    # 1 - 0.1 * 0.5 = 0.95;  -2 - 0.1 * (-1) = -1.9;  0.25 - 0.1 * 2 = 0.05
    np.testing.assert_allclose(W, [[0.95, -1.9]], rtol=1e-15)
    np.testing.assert_allclose(b, [[0.05]], rtol=1e-14)


def test_update_parameters_with_gd_default_learning_rate():
    parameters = {"W": np.array([1.0])}
    update_parameters_with_gd(parameters, {"dW": np.array([3.0])})
    np.testing.assert_allclose(parameters["W"], [0.7], rtol=1e-15)   # 1 - 0.1 * 3
