"""Workers that share a batch (`TrainConfig.workers`) compute the gradient of the whole batch.

The trainer cuts the m streams into `workers` blocks, computes each block's loss and gradient
(block 0 in its own process, the others in helper processes) and combines them, weighted by
each block's share of the characters. The mean loss over all characters is the weighted mean
of the blocks' mean losses, so in float64 the result must equal the one-worker result and the
faithful functions to round-off; and the workers must never make two runs differ. All texts
are made up. (test_worker_processes.py tests the helper processes themselves.)
"""
import numpy as np
import pytest

from lstm_np import PARAMETER_NAMES, one_hot
from lstm_np.storage import checkpoint as ckpt
from lstm_np.core.backward import loss_and_gradients
from lstm_np.engine.fast import flatten
from lstm_np.engine.train import Trainer
from lstm_np.engine.config import TrainConfig
from helpers import pseudo_text

TEXT = pseudo_text(4000)
CFG = dict(n_a=9, seq_length=6, seed=4, dtype="float64")


def max_err(x, y):
    return float(np.max(np.abs(np.asarray(x) - np.asarray(y))))


def start_states(tr, seed=0):
    """Non-zero states for every stream, so that each block starts from its own."""
    rng = np.random.default_rng(seed)
    tr.a[...] = np.tanh(rng.normal(size=tr.a.shape))
    tr.c[...] = rng.normal(size=tr.c.shape)


# (m, workers): even and uneven blocks, more workers than streams, one stream
SPLITS = [(4, 2), (5, 2), (7, 3), (3, 5), (1, 2), (6, 6)]


@pytest.mark.parametrize("m,workers", SPLITS)
def test_blocks_give_the_gradient_of_the_whole_batch(m, workers):
    tr = Trainer(TEXT, TrainConfig(batch_size=m, workers=workers, **CFG))
    assert len(tr.workers.nets) == min(m, workers)
    sizes = [s.stop - s.start for s in tr.workers.blocks]
    assert sum(sizes) == m and min(sizes) >= 1 and max(sizes) - min(sizes) <= 1
    start_states(tr)
    X, Y = tr.streams.batch()
    faithful_loss, grads, a, c = loss_and_gradients(one_hot(X, tr.vocab.size), Y, tr.a.T,
                                                    tr.parameters, tr.c.T)
    loss, grad, aT, cT = tr.workers(X, Y, tr.a, tr.c)
    assert abs(loss - faithful_loss) <= 1e-12
    want = flatten({name: grads["d" + name] for name in PARAMETER_NAMES})
    assert max_err(grad, want) <= 1e-10
    assert max_err(aT, a[:, :, -1].T) <= 1e-12
    assert max_err(cT, c[:, :, -1].T) <= 1e-12


def test_training_with_two_workers_follows_one_worker_to_round_off():
    one = Trainer(TEXT, TrainConfig(batch_size=5, workers=1, **CFG))
    two = Trainer(TEXT, TrainConfig(batch_size=5, workers=2, **CFG))
    for _ in range(8):
        assert abs(one.step() - two.step()) <= 1e-12
    assert max_err(one.net.theta, two.net.theta) <= 1e-10
    assert max_err(one.a, two.a) <= 1e-10 and max_err(one.c, two.c) <= 1e-10
    assert max_err(one.net.theta, Trainer(TEXT, TrainConfig(batch_size=5, **CFG)).net.theta) \
        > 1e-3                                     # training moved the parameters


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_workers_never_make_two_runs_differ(dtype):
    cfg = dict(CFG, dtype=dtype, batch_size=6, workers=3)
    runs = []
    for _ in range(2):
        tr = Trainer(TEXT, TrainConfig(**cfg))
        losses = [tr.step() for _ in range(15)]
        runs.append((losses, tr.net.theta.copy(), tr.a.copy()))
    assert runs[0][0] == runs[1][0]
    assert np.array_equal(runs[0][1], runs[1][1])
    assert np.array_equal(runs[0][2], runs[1][2])


def test_an_error_in_one_block_reaches_the_caller_and_loses_nothing():
    tr = Trainer(TEXT, TrainConfig(batch_size=4, workers=2, **CFG))
    original = tr.workers.nets[0].loss_and_gradients

    def broken(*args):
        raise RuntimeError("block 0 failed")
    tr.workers.nets[0].loss_and_gradients = broken
    with pytest.raises(RuntimeError, match="block 0 failed"):
        tr.step()                                  # (while the helper computed block 1)
    assert tr.t == 0
    tr.workers.nets[0].loss_and_gradients = original
    fresh = Trainer(TEXT, TrainConfig(batch_size=4, workers=2, **CFG))
    assert tr.step() == fresh.step()               # the helper's late answer was not used
    assert np.array_equal(tr.net.theta, fresh.net.theta)


def test_workers_is_stored_in_the_checkpoint_and_old_checkpoints_resume_with_one(tmp_path):
    path = tmp_path / "ck.npz"
    tr = Trainer(TEXT, TrainConfig(batch_size=4, workers=3, **CFG))
    tr.train(updates=3, every=3, checkpoint=path, log=None)
    assert Trainer.resume(path, TEXT).config.workers == 3
    old = ckpt.Checkpoint.load(path)                # a checkpoint written before `workers`
    del old.hyperparameters["workers"]
    old.save(path)
    assert Trainer.resume(path, TEXT).config.workers == 1


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2"])
def test_bad_workers_is_refused(bad):
    with pytest.raises(ValueError, match="workers must be a whole number >= 1"):
        TrainConfig(workers=bad).check()
