"""The fast path (`lstm_np.engine.fast.FastLSTM`) against the faithful functions of backward.py.

FastLSTM fuses the gates, looks up one-hot columns, keeps every parameter in one flat vector
theta and stores a batch as rows (m, n_a); `backward.loss_and_gradients` runs the seed's cells
one at a time with arrays (n, m, T_x). In float64 they must agree to 1e-10: loss, every
gradient, and the states the next window starts from. Parameters are moved away from their
initial values (biases not zero) and a0, c0 are not zero, so no term of the chain rule is
multiplied by an accidental zero. All texts are made up.
"""
import numpy as np
import pytest

from lstm_np import PARAMETER_NAMES, initialize_parameters, one_hot
from lstm_np.core.backward import loss_and_gradients
from lstm_np.engine.fast import FastLSTM, flatten, layout, views
from lstm_np.engine.train import Trainer
from lstm_np.engine.config import TrainConfig
from helpers import pseudo_text

TOL64 = 1e-10

# (n_a, V, m, T_x): m = 1 and T_x = 1 included, n_a = 1 too; m = 30 takes the path that
# cuts each step's products in two halves of rows
SHAPES = [(5, 4, 3, 7), (4, 6, 1, 1), (3, 5, 1, 9), (7, 3, 4, 1), (1, 4, 2, 3),
          (16, 12, 8, 25), (6, 5, 30, 3)]

def make_problem(n_a, V, m, T, seed=0, dtype=np.float64):
    """Perturbed parameters, inputs, targets and non-zero states, in both conventions."""
    rng = np.random.default_rng(seed + 1000 * n_a + 100 * V + 10 * m + T)
    p = initialize_parameters(n_a, V, V, rng=rng)
    p = {name: value + rng.normal(0.0, 0.5, value.shape) for name, value in p.items()}
    X = rng.integers(0, V, size=(m, T))
    Y = rng.integers(0, V, size=(m, T))
    a0 = np.tanh(rng.normal(size=(n_a, m)))          # faithful convention (n_a, m)
    c0 = rng.normal(size=(n_a, m))
    return p, X, Y, a0, c0


def faithful(p, X, Y, a0, c0):
    V = p["Wy"].shape[0]
    loss, grads, a, c = loss_and_gradients(one_hot(X, V), Y, a0, p, c0)
    return loss, grads, a[:, :, -1], c[:, :, -1]


def fast_net(p, dtype=np.float64):
    n_y, n_a = p["Wy"].shape
    n_x = p["Wf"].shape[1] - n_a
    return FastLSTM(flatten(p, dtype=dtype), n_a, n_x, n_y)


def max_err(x, y):
    return float(np.max(np.abs(np.asarray(x, np.float64) - np.asarray(y, np.float64))))


@pytest.mark.parametrize("n_a,V,m,T", SHAPES)
def test_loss_gradients_and_states_match_faithful_float64(n_a, V, m, T):
    p, X, Y, a0, c0 = make_problem(n_a, V, m, T)
    loss_ref, grads, aT_ref, cT_ref = faithful(p, X, Y, a0, c0)

    net = fast_net(p)
    a0_rows, c0_rows = a0.T.copy(), c0.T.copy()
    theta_before = net.theta.copy()
    loss, grad, aT, cT = net.loss_and_gradients(X, Y, a0_rows, c0_rows)

    assert isinstance(loss, float)
    assert abs(loss - loss_ref) <= TOL64
    for name in PARAMETER_NAMES:
        g = net.g["d" + name]
        assert g.shape == grads["d" + name].shape, name
        assert max_err(g, grads["d" + name]) <= TOL64, (name, max_err(g, grads["d" + name]))
    # the flat vector is exactly the gradients under the seed's names, nothing else in it
    flat_ref = flatten({name: grads["d" + name] for name in PARAMETER_NAMES})
    assert grad.shape == net.theta.shape
    assert max_err(grad, flat_ref) <= TOL64
    # final states, (m, n_a) rows here and (n_a, m) there
    assert aT.shape == (m, n_a) and cT.shape == (m, n_a)
    assert max_err(aT, aT_ref.T) <= TOL64
    assert max_err(cT, cT_ref.T) <= TOL64
    # inputs are not modified
    np.testing.assert_array_equal(net.theta, theta_before)
    np.testing.assert_array_equal(a0_rows, a0.T)
    np.testing.assert_array_equal(c0_rows, c0.T)


@pytest.mark.parametrize("n_a,V,m,T", SHAPES)
def test_loss_without_gradients_matches(n_a, V, m, T):
    p, X, Y, a0, c0 = make_problem(n_a, V, m, T)
    loss_ref, _, aT_ref, cT_ref = faithful(p, X, Y, a0, c0)
    net = fast_net(p)
    loss, aT, cT = net.loss(X, Y, a0.T.copy(), c0.T.copy())
    assert abs(loss - loss_ref) <= TOL64
    assert max_err(aT, aT_ref.T) <= TOL64
    assert max_err(cT, cT_ref.T) <= TOL64
    loss2, *_ = net.loss_and_gradients(X, Y, a0.T.copy(), c0.T.copy())
    assert loss == loss2


def test_gradient_buffer_is_overwritten_not_accumulated():
    """Two calls on the same batch give the same gradient (no stale sums in net.grad)."""
    p, X, Y, a0, c0 = make_problem(6, 5, 3, 4)
    net = fast_net(p)
    _, g1, *_ = net.loss_and_gradients(X, Y, a0.T.copy(), c0.T.copy())
    g1 = g1.copy()
    p2, X2, Y2, a2, c2 = make_problem(6, 5, 3, 4, seed=7)
    net.loss_and_gradients(X2, Y2, a2.T.copy(), c2.T.copy())   # another batch in between
    _, g3, *_ = net.loss_and_gradients(X, Y, a0.T.copy(), c0.T.copy())
    np.testing.assert_array_equal(g3, g1)


def test_views_share_memory_with_theta():
    n_a, V = 3, 4
    lay = layout(n_a, V, V)
    theta = np.arange(lay["size"], dtype=np.float64)
    v = views(theta, n_a, V, V)
    for name in PARAMETER_NAMES:
        assert np.shares_memory(v[name], theta)
    # the stacked W is [Wo; Wf; Wi; Wc] and b is [bo; bf; bi; bc]
    np.testing.assert_array_equal(v["W"], np.concatenate([v["W" + g] for g in "ofic"]))
    np.testing.assert_array_equal(v["b"], np.concatenate([v["b" + g] for g in "ofic"]))
    # every entry of theta belongs to exactly one named parameter
    total = sum(v[name].size for name in PARAMETER_NAMES)
    assert total == lay["size"]
    p = {name: v[name].copy() for name in PARAMETER_NAMES}
    np.testing.assert_array_equal(flatten(p), theta)


@pytest.mark.parametrize("n_a,V,m,T", [(5, 4, 3, 7), (4, 6, 1, 1), (16, 12, 8, 25)])
def test_float32_agrees_to_1e_4(n_a, V, m, T):
    p, X, Y, a0, c0 = make_problem(n_a, V, m, T)
    loss_ref, grads, aT_ref, cT_ref = faithful(p, X, Y, a0, c0)
    net = fast_net(p, dtype=np.float32)
    a0_32, c0_32 = a0.T.astype(np.float32), c0.T.astype(np.float32)
    loss, grad, aT, cT = net.loss_and_gradients(X, Y, a0_32, c0_32)
    assert grad.dtype == np.float32                 # no silent upcast
    assert aT.dtype == np.float32 and cT.dtype == np.float32
    assert abs(loss - loss_ref) <= 1e-4 * max(1.0, abs(loss_ref))
    for name in PARAMETER_NAMES:
        ref = grads["d" + name]
        scale = max(1.0, float(np.max(np.abs(ref))))
        assert max_err(net.g["d" + name], ref) <= 1e-4 * scale, name
    assert max_err(aT, aT_ref.T) <= 1e-4
    assert max_err(cT, cT_ref.T) <= 1e-4 * max(1.0, float(np.max(np.abs(cT_ref))))
    loss_only, a_only, c_only = net.loss(X, Y, a0_32, c0_32)
    assert abs(loss_only - loss_ref) <= 1e-4 * max(1.0, abs(loss_ref))
    assert a_only.dtype == np.float32


def test_trainer_fast_and_faithful_engines_agree_after_5_updates():
    text = pseudo_text(3000)
    cfg = dict(n_a=8, batch_size=3, seq_length=7, seed=3, dtype="float64")
    fast = Trainer(text, TrainConfig(**cfg), engine="fast")
    slow = Trainer(text, TrainConfig(**cfg), engine="faithful")
    np.testing.assert_array_equal(fast.net.theta, slow.net.theta)     # same start
    for _ in range(5):
        lf, ls = fast.step(), slow.step()
        assert abs(lf - ls) <= 1e-12
    assert fast.t == slow.t == 5 and fast.window == slow.window == 5
    for name in PARAMETER_NAMES:
        err = max_err(fast.parameters[name], slow.parameters[name])
        assert err <= TOL64, (name, err)
    assert max_err(fast.v, slow.v) <= TOL64
    assert max_err(fast.s, slow.s) <= TOL64
    assert max_err(fast.a, slow.a) <= TOL64
    assert max_err(fast.c, slow.c) <= TOL64
    # and training actually moved the parameters (the comparison is not of two no-ops)
    start = Trainer(text, TrainConfig(**cfg))
    assert max_err(fast.net.theta, start.net.theta) > 1e-3


def test_trainer_engines_agree_in_float32_too():
    """float32 (the default dtype) on both engines: the same to float32 round-off."""
    text = pseudo_text(3000)
    cfg = dict(n_a=8, batch_size=3, seq_length=7, seed=3, dtype="float32")
    fast = Trainer(text, TrainConfig(**cfg), engine="fast")
    slow = Trainer(text, TrainConfig(**cfg), engine="faithful")
    for _ in range(5):
        lf, ls = fast.step(), slow.step()
        assert abs(lf - ls) <= 1e-5
    assert fast.net.theta.dtype == slow.net.theta.dtype == np.float32
    assert max_err(fast.net.theta, slow.net.theta) <= 1e-5
    assert max_err(fast.a, slow.a) <= 1e-5
