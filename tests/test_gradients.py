"""Gradients: backprop against central finite differences, in float64.

Two independent routes:

- `lstm_np.gradient_check` on the whole model (forward, mean loss, output layer, BPTT), every
  entry of every parameter, of x and of a0, for m = 1 and m > 1 and T_x in {1, 2, 7, 25};
- finite differences written here, at the level of one cell (`lstm_cell_backward`), of the
  output layer (`output_layer_backward`) and for dc0, which `gradient_check` does not look at.

Parameters are moved away from their initial values (biases not zero) and a0, c0 are not zero,
so that no term of the chain rule is multiplied by an accidental zero.
"""
import math

import numpy as np
import pytest

import lstm_np
from lstm_np import (PARAMETER_NAMES, compute_loss, gradient_check, initialize_parameters,
                     loss_and_gradients, lstm_cell_backward, lstm_cell_forward, lstm_forward,
                     nats_to_bits, one_hot, output_layer_backward)

TOLERANCE = 1e-7
EPS = 1e-5
CELL_GRADIENTS = ("dxt", "da_prev", "dc_prev", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc",
                  "dWo", "dbo")


def make_problem(m, T_x, n_a=5, n_x=4, n_y=3, seed=0):
    """Perturbed parameters, one-hot inputs, targets and non-zero initial states."""
    rng = np.random.default_rng(seed)
    p = initialize_parameters(n_a, n_x, n_y, rng=rng)
    p = {name: value + rng.normal(0.0, 0.5, value.shape) for name, value in p.items()}
    x = one_hot(rng.integers(0, n_x, size=(m, T_x)), n_x)
    Y = rng.integers(0, n_y, size=(m, T_x))
    a0 = np.tanh(rng.normal(size=(n_a, m)))
    c0 = rng.normal(size=(n_a, m))
    return p, x, Y, a0, c0


def numerical_gradient(f, array, eps=EPS):
    """Central differences of the scalar f() with respect to every entry of `array`,
    which is perturbed in place and restored."""
    grad = np.zeros_like(array)
    for index in np.ndindex(array.shape):
        old = array[index]
        array[index] = old + eps
        plus = f()
        array[index] = old - eps
        minus = f()
        array[index] = old
        grad[index] = (plus - minus) / (2 * eps)
    return grad


def rel_err(a, b):
    a, b = np.ravel(a), np.ravel(b)
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


# ---------------------------------------------------------------------------------------
# the whole model, through lstm_np.gradient_check
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("m", [1, 3])
@pytest.mark.parametrize("T_x", [1, 2, 7, 25])
def test_gradient_check_every_entry(m, T_x):
    p, x, Y, a0, c0 = make_problem(m, T_x, seed=100 + 10 * m + T_x)
    # guard against a vacuous check: every gradient must really be non-zero
    _, grads, _, _ = loss_and_gradients(x, Y, a0, p, c0)
    for name in PARAMETER_NAMES + ("x", "a0"):
        assert np.linalg.norm(grads["d" + name]) > 1e-6, name

    errors = gradient_check(p, x, Y, a0, c0)

    assert set(errors) == set(PARAMETER_NAMES) | {"x", "a0"}
    bad = {name: err for name, err in errors.items() if not err <= TOLERANCE}
    assert not bad, f"relative errors above {TOLERANCE}: {bad}"


def test_gradient_check_wider_network_sampled_entries_and_zero_c0():
    p, x, Y, a0, _ = make_problem(2, 25, n_a=6, n_x=5, n_y=5, seed=7)
    errors = gradient_check(p, x, Y, a0, None, num_checks=30, rng=3)
    bad = {name: err for name, err in errors.items() if not err <= TOLERANCE}
    assert not bad, bad


def test_gradient_check_seed_form_targets_for_one_sequence():
    p, x, Y, a0, c0 = make_problem(1, 7, seed=8)
    errors = gradient_check(p, x, list(Y[0]), a0, c0)        # the seed's flat list of indices
    assert max(errors.values()) <= TOLERANCE, errors


def test_gradient_check_reports_a_wrong_gradient(monkeypatch):
    """The tool itself can fail: a small error in one gradient shows up in that entry only."""
    p, x, Y, a0, c0 = make_problem(2, 3, seed=9)
    real = lstm_np.core.gradcheck.loss_and_gradients

    def slightly_wrong(*args, **kwargs):
        loss, grads, a, c = real(*args, **kwargs)
        grads["dWi"] = grads["dWi"] * 1.01
        return loss, grads, a, c

    monkeypatch.setattr(lstm_np.core.gradcheck, "loss_and_gradients", slightly_wrong)
    errors = gradient_check(p, x, Y, a0, c0)
    assert errors["Wi"] > 1e-3
    assert max(err for name, err in errors.items() if name != "Wi") <= TOLERANCE


@pytest.mark.parametrize("m", [1, 3])
def test_dc0_matches_central_differences(m):
    p, x, Y, a0, c0 = make_problem(m, 6, seed=11 + m)
    _, grads, _, _ = loss_and_gradients(x, Y, a0, p, c0)

    def loss():
        return compute_loss(lstm_forward(x, a0, p, c0)[1], Y)

    numeric = numerical_gradient(loss, c0)
    assert grads["dc0"].shape == c0.shape
    assert np.linalg.norm(numeric) > 1e-6
    assert rel_err(numeric, grads["dc0"]) <= TOLERANCE


def test_loss_and_gradients_keys_and_shapes():
    n_a, n_x, n_y, m, T_x = 5, 4, 3, 2, 4
    p, x, Y, a0, c0 = make_problem(m, T_x, n_a, n_x, n_y, seed=12)
    loss, grads, a, c = loss_and_gradients(x, Y, a0, p, c0)
    for name in PARAMETER_NAMES:
        assert grads["d" + name].shape == p[name].shape, name
    assert grads["dx"].shape == x.shape
    assert grads["da0"].shape == grads["dc0"].shape == (n_a, m)
    assert a.shape == c.shape == (n_a, m, T_x)
    assert loss == pytest.approx(compute_loss(lstm_forward(x, a0, p, c0)[1], Y), rel=1e-14)


# ---------------------------------------------------------------------------------------
# one cell, with a loss of our own
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("m", [1, 4])
def test_lstm_cell_backward_matches_central_differences(m):
    """L = sum(wa * a_next) + sum(wc * c_next): then dL/da_next = wa and the gradient that
    reaches c_next from outside is wc, and lstm_cell_backward(wa, wc, cache) must be dL/d."""
    n_a, n_x, n_y = 5, 4, 3
    rng = np.random.default_rng(20 + m)
    p = initialize_parameters(n_a, n_x, n_y, rng=rng)
    p = {name: value + rng.normal(0.0, 0.5, value.shape) for name, value in p.items()}
    xt = rng.normal(size=(n_x, m))                      # any real input, not only one-hot
    a_prev = np.tanh(rng.normal(size=(n_a, m)))
    c_prev = rng.normal(size=(n_a, m))
    wa = rng.normal(size=(n_a, m))
    wc = rng.normal(size=(n_a, m))

    def loss():
        a_next, c_next, _, _ = lstm_cell_forward(xt, a_prev, c_prev, p)
        return float(np.sum(wa * a_next) + np.sum(wc * c_next))

    _, _, _, cache = lstm_cell_forward(xt, a_prev, c_prev, p)
    grads = lstm_cell_backward(wa, wc, cache)

    assert set(grads) == set(CELL_GRADIENTS)
    targets = {"dxt": xt, "da_prev": a_prev, "dc_prev": c_prev}
    targets.update({"d" + name: p[name] for name in ("Wf", "bf", "Wi", "bi", "Wc", "bc",
                                                     "Wo", "bo")})
    errors = {}
    for key, array in targets.items():
        numeric = numerical_gradient(loss, array)
        assert grads[key].shape == array.shape, key
        assert np.linalg.norm(numeric) > 1e-6, key
        errors[key] = rel_err(numeric, grads[key])
    bad = {key: err for key, err in errors.items() if not err <= TOLERANCE}
    assert not bad, f"relative errors above {TOLERANCE}: {bad}"


def test_lstm_cell_backward_with_only_dc_next():
    """With da_next = 0 only the path through c<t> is left: dWo and dbo must vanish."""
    n_a, n_x, n_y, m = 4, 3, 3, 2
    rng = np.random.default_rng(30)
    p = {k: v + rng.normal(0.0, 0.5, v.shape)
         for k, v in initialize_parameters(n_a, n_x, n_y, rng=rng).items()}
    xt = rng.normal(size=(n_x, m))
    a_prev, c_prev = rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m))
    wc = rng.normal(size=(n_a, m))

    def loss():
        return float(np.sum(wc * lstm_cell_forward(xt, a_prev, c_prev, p)[1]))

    grads = lstm_cell_backward(np.zeros((n_a, m)), wc, lstm_cell_forward(xt, a_prev, c_prev, p)[3])
    np.testing.assert_array_equal(grads["dWo"], 0.0)
    np.testing.assert_array_equal(grads["dbo"], 0.0)
    assert rel_err(numerical_gradient(loss, c_prev), grads["dc_prev"]) <= TOLERANCE
    assert rel_err(numerical_gradient(loss, p["Wf"]), grads["dWf"]) <= TOLERANCE


# ---------------------------------------------------------------------------------------
# loss and output layer
# ---------------------------------------------------------------------------------------

def random_predictions(n_y, m, T_x, seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n_y, m, T_x)) * 2
    y_hat = np.exp(z) / np.exp(z).sum(axis=0, keepdims=True)
    Y = rng.integers(0, n_y, size=(m, T_x))
    return y_hat, Y


@pytest.mark.parametrize("m, T_x", [(1, 1), (1, 9), (4, 1), (4, 9)])
def test_compute_loss_is_the_mean_per_character(m, T_x):
    y_hat, Y = random_predictions(6, m, T_x, seed=40 + m + T_x)
    total = 0.0
    for i in range(m):
        for t in range(T_x):
            total += -math.log(y_hat[Y[i, t], i, t])
    assert compute_loss(y_hat, Y) == pytest.approx(total / (m * T_x), rel=1e-13)


def test_compute_loss_accepts_the_seed_flat_targets():
    y_hat, Y = random_predictions(5, 1, 8, seed=50)
    assert compute_loss(y_hat, list(Y[0])) == pytest.approx(compute_loss(y_hat, Y), rel=1e-15)


@pytest.mark.parametrize("m, T_x", [(1, 3), (5, 7)])
def test_compute_loss_of_uniform_predictions_is_log_vocabulary(m, T_x):
    n_y = 7
    y_hat = np.full((n_y, m, T_x), 1.0 / n_y)
    Y = np.random.default_rng(51).integers(0, n_y, size=(m, T_x))
    # a mean, not a sum: independent of m and T_x
    assert compute_loss(y_hat, Y) == pytest.approx(math.log(n_y), rel=1e-14)


def test_nats_to_bits():
    y_hat, Y = random_predictions(6, 3, 5, seed=53)
    p_true = np.array([[y_hat[Y[i, t], i, t] for t in range(5)] for i in range(3)])
    bits = -np.mean(np.log2(p_true))
    assert nats_to_bits(compute_loss(y_hat, Y)) == pytest.approx(bits, rel=1e-13)
    assert nats_to_bits(math.log(256)) == pytest.approx(8.0, rel=1e-15)


@pytest.mark.parametrize("m, T_x", [(1, 1), (1, 5), (3, 1), (3, 5)])
def test_output_layer_backward_matches_central_differences(m, T_x):
    n_y, n_a = 4, 5
    rng = np.random.default_rng(60 + m + T_x)
    p = {"Wy": rng.normal(size=(n_y, n_a)), "by": rng.normal(size=(n_y, 1))}
    a = np.tanh(rng.normal(size=(n_a, m, T_x)))
    Y = rng.integers(0, n_y, size=(m, T_x))

    def predictions():
        z = np.einsum("ya,amt->ymt", p["Wy"], a) + p["by"][:, :, None]
        return np.exp(z) / np.exp(z).sum(axis=0, keepdims=True)

    def loss():
        return compute_loss(predictions(), Y)

    grads = output_layer_backward(predictions(), Y, a, p)

    assert grads["dWy"].shape == (n_y, n_a)
    assert grads["dby"].shape == (n_y, 1)
    assert grads["da"].shape == (n_a, m, T_x)
    for key, array in [("dWy", p["Wy"]), ("dby", p["by"]), ("da", a)]:
        numeric = numerical_gradient(loss, array)
        assert np.linalg.norm(numeric) > 1e-6, key
        assert rel_err(numeric, grads[key]) <= TOLERANCE, key
