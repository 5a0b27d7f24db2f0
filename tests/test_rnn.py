"""The plain RNN (lstm_np.core.rnn): gradients against central finite differences in float64."""
import numpy as np
import pytest

from lstm_np import one_hot
from lstm_np.lessons.analysis import rnn_gradient_flow
from lstm_np.core.rnn import (RNN_PARAMETER_NAMES, initialize_rnn_parameters,
                              rnn_cell_backward, rnn_cell_forward, rnn_forward,
                              rnn_loss_and_gradients, rnn_text_loss)
from test_gradients import TOLERANCE, numerical_gradient, rel_err

def make_problem(m, T_x, n_a=5, n_x=4, n_y=4, seed=0):
    rng = np.random.default_rng(seed)
    p = initialize_rnn_parameters(n_a, n_x, n_y, rng=rng)
    p = {name: value + rng.normal(0.0, 0.5, value.shape) for name, value in p.items()}
    x = one_hot(rng.integers(0, n_x, size=(m, T_x)), n_x)
    Y = rng.integers(0, n_y, size=(m, T_x))
    a0 = np.tanh(rng.normal(size=(n_a, m)))
    return p, x, Y, a0


def test_shapes_and_the_cell_formula():
    p, x, Y, a0 = make_problem(3, 6)
    a, y, caches = rnn_forward(x, a0, p)
    assert a.shape == (5, 3, 6) and y.shape == (4, 3, 6) and len(caches[0]) == 6
    expected = np.tanh(p["Waa"] @ a0 + p["Wax"] @ x[:, :, 0] + p["ba"])
    np.testing.assert_allclose(a[:, :, 0], expected, rtol=1e-12)
    np.testing.assert_allclose(y.sum(axis=0), 1.0, rtol=1e-12)


@pytest.mark.parametrize("m, T_x", [(1, 1), (1, 7), (3, 5)])
def test_every_gradient_against_finite_differences(m, T_x):
    p, x, Y, a0 = make_problem(m, T_x, seed=m + T_x)
    loss, grads, _ = rnn_loss_and_gradients(x, Y, a0, p)

    def f():
        return rnn_loss_and_gradients(x, Y, a0, p)[0]

    for name in RNN_PARAMETER_NAMES:
        assert rel_err(numerical_gradient(f, p[name]), grads["d" + name]) < TOLERANCE, name
    assert rel_err(numerical_gradient(f, a0), grads["da0"]) < TOLERANCE
    assert rel_err(numerical_gradient(f, x), grads["dx"]) < TOLERANCE


def test_one_cell_backward_against_finite_differences():
    p, x, Y, a0 = make_problem(2, 1)
    rng = np.random.default_rng(5)
    w = rng.normal(size=(5, 2))                     # L = sum(w * a_next)
    xt = x[:, :, 0]

    def f():
        return float(np.sum(w * rnn_cell_forward(xt, a0, p)[0]))

    step = rnn_cell_backward(w, rnn_cell_forward(xt, a0, p)[2])
    for name, array in (("dWaa", p["Waa"]), ("dWax", p["Wax"]), ("dba", p["ba"]),
                        ("da_prev", a0), ("dxt", xt)):
        assert rel_err(numerical_gradient(f, array), step[name]) < TOLERANCE, name


def test_a_wrong_gradient_is_caught():
    # the check can fail: a planted sign error is far above the tolerance
    p, x, Y, a0 = make_problem(2, 4)
    loss, grads, _ = rnn_loss_and_gradients(x, Y, a0, p)
    numeric = numerical_gradient(lambda: rnn_loss_and_gradients(x, Y, a0, p)[0], p["Waa"])
    bad = grads["dWaa"].copy()
    bad.flat[np.argmax(np.abs(bad))] *= -1
    assert rel_err(numeric, bad) > 1e-3


def test_gradient_flow_is_the_norm_of_the_gradient_of_the_last_loss():
    # dL_T/da<t> by finite differences: run steps t+1 .. T from a<t> and take the last loss
    p, x, Y, a0 = make_problem(2, 6)
    m, T_x = x.shape[1], x.shape[2]
    norms = rnn_gradient_flow(p, x, Y, a0)
    a, _, _ = rnn_forward(x, a0, p)

    def last_loss(state, t):
        if t == T_x:
            z = p["Wy"] @ state + p["by"]
            y = np.exp(z - z.max(axis=0)) / np.exp(z - z.max(axis=0)).sum(axis=0)
        else:
            y = rnn_forward(x[:, :, t:], state, p)[1][:, :, -1]
        return float(-np.mean(np.log(y[Y[:, -1], np.arange(m)])))

    for t in range(1, T_x + 1):
        state = a[:, :, t - 1].copy()
        numeric = numerical_gradient(lambda: last_loss(state, t), state)
        assert abs(np.linalg.norm(numeric) - norms[t - 1]) < 1e-7 * norms[t - 1] + 1e-12, t


def test_text_loss_of_an_untrained_network_is_near_ln_V_and_matches_the_batch_loss():
    rng = np.random.default_rng(0)
    p = initialize_rnn_parameters(8, 5, 5, rng=0)
    ix = rng.integers(0, 5, 401)
    # one stream: the mean loss of predicting ix[1:] from ix[:-1], as rnn_loss_and_gradients
    one = rnn_text_loss(p, ix, streams=1)
    x = one_hot(ix[:-1][None], 5)
    loss, _, _ = rnn_loss_and_gradients(x, ix[1:][None], np.zeros((8, 1)), p)
    assert one == pytest.approx(loss, rel=1e-12)
    assert abs(rnn_text_loss(p, ix) - np.log(5)) < 0.5
