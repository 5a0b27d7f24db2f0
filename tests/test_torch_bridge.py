"""lstm_np.lessons.torch_bridge: lstm_np's parameters in nn.LSTM + nn.Linear (lesson 08).

The layout is checked with numpy alone; with torch, the same network gives the same
outputs and autograd the gradients of lstm_np's hand-written backward pass (float64)."""
import importlib.util

import numpy as np
import pytest

from lstm_np import initialize_parameters, loss_and_gradients, lstm_forward, one_hot
from lstm_np.lessons.torch_bridge import GATES, numpy_gradients, torch_modules, torch_state

N_A, V, M, T = 5, 7, 3, 6
HAVE_TORCH = importlib.util.find_spec("torch") is not None


@pytest.fixture
def parameters():
    rng = np.random.default_rng(3)
    p = initialize_parameters(N_A, V, V, rng)
    for name in p:                               # biases not zero, so that they are tested
        p[name] = p[name] + 0.1 * rng.normal(size=p[name].shape)
    return p


def batch():
    rng = np.random.default_rng(4)
    X = rng.integers(0, V, size=(M, T))
    Y = rng.integers(0, V, size=(M, T))
    return X, Y


def test_the_gates_go_in_pytorchs_order_and_a_x_are_split(parameters):
    state, linear = torch_state(parameters)
    assert state["weight_ih_l0"].shape == (4 * N_A, V)
    assert state["weight_hh_l0"].shape == (4 * N_A, N_A)
    for k, (w, b) in enumerate(GATES):                 # i, f, g, o
        rows = slice(k * N_A, (k + 1) * N_A)
        np.testing.assert_array_equal(state["weight_hh_l0"][rows], parameters[w][:, :N_A])
        np.testing.assert_array_equal(state["weight_ih_l0"][rows], parameters[w][:, N_A:])
        np.testing.assert_array_equal(state["bias_ih_l0"][rows] + state["bias_hh_l0"][rows],
                                      parameters[b][:, 0])
    assert [w for w, _ in GATES] == ["Wi", "Wf", "Wc", "Wo"]
    np.testing.assert_array_equal(linear["weight"], parameters["Wy"])
    np.testing.assert_array_equal(linear["bias"], parameters["by"][:, 0])


@pytest.mark.skipif(not HAVE_TORCH, reason="PyTorch is not installed here")
def test_nn_lstm_gives_the_same_outputs_and_autograd_the_same_gradients(parameters):
    import torch
    X, Y = batch()
    x = one_hot(X, V)                                                  # (V, M, T)
    a, y_hat, _c, _caches = lstm_forward(x, np.zeros((N_A, M)), parameters)
    loss, grads, _a, _c = loss_and_gradients(x, Y, np.zeros((N_A, M)), parameters)
    lstm, linear = torch_modules(parameters)
    h, _state = lstm(torch.from_numpy(x.transpose(1, 2, 0)))          # (M, T, V)
    z = linear(h)
    np.testing.assert_allclose(h.detach().numpy().transpose(2, 0, 1), a, rtol=0, atol=1e-12)
    np.testing.assert_allclose(torch.softmax(z, -1).detach().numpy().transpose(2, 0, 1),
                               y_hat, rtol=0, atol=1e-12)
    loss_t = torch.nn.functional.cross_entropy(z.reshape(-1, V), torch.from_numpy(Y).reshape(-1))
    loss_t.backward()
    assert abs(loss_t.item() - loss) < 1e-12
    auto = numpy_gradients(lstm, linear)
    for name, g in auto.items():
        assert g.shape == grads[name].shape, name
        np.testing.assert_allclose(g, grads[name], rtol=0, atol=1e-12, err_msg=name)


def test_importing_the_package_never_imports_torch():
    import subprocess
    import sys
    code = ("import sys, lstm_np, lstm_np.lessons.torch_bridge, lstm_np.cli.bench, "
            "lstm_np.cli.bench_torch, lstm_np.cli.main; print('torch' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.stdout.strip() == "False", r.stderr
