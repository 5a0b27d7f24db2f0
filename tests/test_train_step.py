"""One training update: the clipping bound, and the Trainer's fast update against the same
update written with the taught functions (`faithful_update`, what a notebook cell shows)."""
import numpy as np
import pytest

from lstm_np import PARAMETER_NAMES, clip, loss_and_gradients, one_hot
from lstm_np.core.optim import update_parameters_with_adam
from lstm_np.engine.train import Trainer, faithful_update
from lstm_np.engine.config import TrainConfig
from helpers import pseudo_text

TEXT = pseudo_text(4000)


def test_the_default_bound_is_5_over_T_x():
    assert TrainConfig().clip_value == pytest.approx(5 / 25)
    assert TrainConfig(seq_length=10).clip_value == pytest.approx(0.5)
    assert TrainConfig(clip_value=1.0).clip_value == 1.0


def copies(tr):
    parameters = {n: tr.parameters[n].copy() for n in PARAMETER_NAMES}
    v, s = tr.adam_moments()
    return parameters, v, s


def test_clipping_acts_like_the_originals_5_on_a_windows_summed_loss():
    """m = 1: the original clipped at 5 the gradient of the loss summed over the window's
    T_x characters; the trainer's default bound on the mean does exactly that."""
    T = 10
    tr = Trainer(TEXT, TrainConfig(n_a=8, batch_size=1, seq_length=T, dtype="float64",
                                   workers=1, learning_rate=0.01))
    tr.parameters["Wy"][...] *= 30.0                    # large scores, large gradients
    for _ in range(3):
        X, Y, a0, c0 = tr.next_batch()
        parameters, v, s = copies(tr)
        _, grads, _, _ = loss_and_gradients(one_hot(X, tr.vocab.size), Y, a0, parameters, c0)
        summed = {"d" + n: grads["d" + n] * T for n in PARAMETER_NAMES}   # sum over the window
        assert max(np.abs(g).max() for g in summed.values()) > 5.0        # clipping must act
        clip(summed, 5.0)                                                 # the original's clip
        mean = {key: g / T for key, g in summed.items()}
        update_parameters_with_adam(parameters, mean, v, s, tr.t + 1, 0.01)
        tr.step()
        for n in PARAMETER_NAMES:
            assert np.allclose(tr.parameters[n], parameters[n], rtol=0, atol=1e-12), n


@pytest.mark.parametrize("workers,m", [(1, 4), (2, 5)])
def test_faithful_update_equals_a_trainer_step(workers, m):
    """next_batch + faithful_update on copies give the parameters of the next step (float64),
    also across the end of an epoch (states back to zero, a new offset)."""
    tr = Trainer(TEXT, TrainConfig(n_a=8, batch_size=m, seq_length=40, dtype="float64",
                                   workers=workers))
    tr.train(updates=tr.windows_per_epoch - 2, every=1000, log=None)
    for _ in range(4):
        X, Y, a0, c0 = tr.next_batch()
        parameters, v, s = copies(tr)
        loss, a, c = faithful_update(parameters, v, s, tr.t + 1, X, Y, a0, c0, tr.config)
        assert loss == pytest.approx(tr.step(), rel=1e-12)
        for n in PARAMETER_NAMES:
            assert np.allclose(tr.parameters[n], parameters[n], rtol=0, atol=1e-12), n
        tv, ts = tr.adam_moments()
        for n in PARAMETER_NAMES:
            assert np.allclose(tv[n], v[n], rtol=0, atol=1e-14) and np.allclose(ts[n], s[n])
        if tr.window > 0:                                   # carried to the next window
            assert np.allclose(tr.a.T, a, rtol=0, atol=1e-12)
            assert np.allclose(tr.c.T, c, rtol=0, atol=1e-12)
        else:                                               # a new epoch starts from zero
            assert not tr.a.any() and not tr.c.any()
    assert tr.epoch == 1


def test_the_cli_sets_the_clipping_bound(tmp_path, capsys):
    from lstm_np.storage.checkpoint import Checkpoint
    from lstm_np.cli.main import main
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(TEXT, encoding="utf-8")
    for flags, bound in (([], 5 / 8), (["--clip", "0.3"], 0.3)):
        path = tmp_path / f"ck{len(flags)}.npz"
        assert main(["train", "--corpus", str(corpus), "--checkpoint", str(path),
                     "--updates", "2", "--hidden", "4", "--batch-size", "2",
                     "--seq-length", "8", *flags]) == 0
        assert Checkpoint.load(path).hyperparameters["clip_value"] == pytest.approx(bound)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_the_faithful_engine_is_faithful_update(dtype):
    """Trainer(engine="faithful") steps are faithful_update on its batches, bit for bit."""
    cfg = TrainConfig(n_a=6, batch_size=3, seq_length=7, dtype=dtype, workers=1)
    tr = Trainer(TEXT, cfg, engine="faithful")
    parameters, v, s = copies(tr)
    for _ in range(4):
        X, Y, a0, c0 = tr.next_batch()
        loss, _, _ = faithful_update(parameters, v, s, tr.t + 1, X, Y, a0, c0, cfg)
        assert tr.step() == loss
    moments = tr.adam_moments()
    for n in PARAMETER_NAMES:
        np.testing.assert_array_equal(tr.parameters[n], parameters[n])
        np.testing.assert_array_equal(moments[0][n], v[n])
        np.testing.assert_array_equal(moments[1][n], s[n])


def test_a_non_finite_gradient_changes_nothing():
    from lstm_np.errors import TrainingError
    from lstm_np.engine.train import training_update
    tr = Trainer(TEXT, TrainConfig(n_a=6, batch_size=3, seq_length=7, dtype="float64",
                                   workers=1))
    parameters, v, s = copies(tr)
    parameters["Wy"][0, 0] = np.nan
    before = [(parameters[n].copy(), v[n].copy(), s[n].copy()) for n in PARAMETER_NAMES]
    X, Y, a0, c0 = tr.next_batch()
    with pytest.raises(TrainingError, match="update 1: the loss or a gradient is not finite"):
        training_update(parameters, v, s, 1, one_hot(X, tr.vocab.size), Y, a0, c0,
                        learning_rate=0.01, clip_value=0.2)
    for n, (p, m1, m2) in zip(PARAMETER_NAMES, before):
        np.testing.assert_array_equal(parameters[n], p)
        assert np.array_equal(v[n], m1) and np.array_equal(s[n], m2)


@pytest.mark.parametrize("engine", ["fast", "faithful"])
def test_the_trainer_measures_the_gradient_before_clipping(engine):
    """Trainer.measures after a step: the norm of the whole unclipped gradient of that batch,
    and whether clipping changed an entry; the same in both engines."""
    tr = Trainer(TEXT, TrainConfig(n_a=8, batch_size=3, seq_length=10, dtype="float64",
                                   workers=1), engine=engine)
    tr.step()
    assert tr.measures == {}                            # off unless asked for
    tr.measure_gradients = True
    for scale, acts in ((30.0, True), (1.0 / 900.0, False)):
        tr.parameters["Wy"][...] *= scale              # large gradients: clipping acts
        X, Y, a0, c0 = tr.next_batch()
        _, grads, _, _ = loss_and_gradients(one_hot(X, tr.vocab.size), Y, a0,
                                            {n: tr.parameters[n].copy()
                                             for n in PARAMETER_NAMES}, c0)
        whole = np.concatenate([grads["d" + n].ravel() for n in PARAMETER_NAMES])
        tr.step()
        assert tr.measures["gradient_norm"] == pytest.approx(np.linalg.norm(whole), rel=1e-12)
        assert tr.measures["clipped"] is acts
        assert acts == bool(np.abs(whole).max() > tr.config.clip_value)
