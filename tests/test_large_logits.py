"""The training loss is a log-softmax of the scores, in both paths: a score gap far beyond
what exp can represent (above ~104 in float32) gives a large finite loss, never log 0 = -inf.
"""
import numpy as np
import pytest

from lstm_np import (compute_loss, initialize_parameters, log_softmax, loss_and_gradients,
                     one_hot, softmax)
from lstm_np.engine.fast import FastLSTM, flatten
from lstm_np.engine.train import Trainer
from lstm_np.engine.config import TrainConfig
from helpers import pseudo_text

n_a, V, m, T = 5, 7, 3, 4


def test_log_softmax_is_log_of_softmax_where_that_is_finite():
    z = np.random.default_rng(0).normal(size=(V, m, T)) * 3
    assert np.allclose(log_softmax(z), np.log(softmax(z)), rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_log_softmax_is_finite_for_a_huge_gap(dtype):
    z = np.array([[0.0], [1000.0]], dtype=dtype)
    with np.errstate(divide="ignore"):
        assert np.log(softmax(z))[0, 0] == -np.inf            # what the log of p gives
    assert log_softmax(z)[0, 0] == pytest.approx(-1000.0)


def large_gap_case(dtype, gap=200.0):
    """Parameters whose score for character 0 is `gap` above every other; targets never 0."""
    p = initialize_parameters(n_a, V, V, rng=1, dtype=dtype)
    p["Wy"][...] = 0.0
    p["by"][...] = 0.0
    p["by"][0] = gap
    rng = np.random.default_rng(2)
    X = rng.integers(0, V, size=(m, T))
    Y = rng.integers(1, V, size=(m, T))
    # every score is by, so -log p(target) = log(e^gap + V - 1) - 0 = gap (to round-off)
    return p, X, Y, gap


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_fast_path_loss_is_finite_and_right(dtype):
    p, X, Y, gap = large_gap_case(dtype)
    net = FastLSTM(flatten(p), n_a, V, V)
    zeros = np.zeros((m, n_a), dtype=dtype)
    loss, grad, _, _ = net.loss_and_gradients(X, Y, zeros, zeros)
    assert loss == pytest.approx(gap, rel=1e-6)
    assert np.all(np.isfinite(grad))
    assert net.loss(X, Y, zeros, zeros)[0] == pytest.approx(gap, rel=1e-6)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_faithful_path_loss_is_finite_and_right(dtype):
    p, X, Y, gap = large_gap_case(dtype)
    zeros = np.zeros((n_a, m), dtype=dtype)
    loss, grads, _, _ = loss_and_gradients(one_hot(X, V, dtype=dtype), Y, zeros, p, zeros)
    assert loss == pytest.approx(gap, rel=1e-6)
    assert all(np.all(np.isfinite(g)) for g in grads.values())
    if dtype == np.float32:                            # the log of the probability fails
        with np.errstate(divide="ignore"):
            from lstm_np import lstm_forward
            y_hat = lstm_forward(one_hot(X, V, dtype=dtype), zeros, p)[1]
            assert compute_loss(y_hat, Y) == np.inf


@pytest.mark.parametrize("engine", ["fast", "faithful"])
def test_float32_training_survives_large_logits(engine):
    tr = Trainer(pseudo_text(3000), TrainConfig(n_a=8, batch_size=2, seq_length=8,
                                                 dtype="float32", workers=1), engine=engine)
    tr.parameters["by"][0] = 300.0                    # character 0 (the newline) far ahead
    loss = tr.step()
    assert np.isfinite(loss) and loss > 100
