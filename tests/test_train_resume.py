"""Resuming is exact, and a non-finite loss stops training without touching the checkpoint.

N updates, save, load, N more updates gives bit for bit what 2N
uninterrupted updates give (parameters, Adam's moments and step t, the streams' states, the
position in the data, the random state, the history). Checked through `Trainer`, through
the original's `model(...)` and through the command line, across an epoch boundary, for m = 1
and for float32. The texts are made up.
"""
import os
import subprocess
import sys

import numpy as np
import pytest

from lstm_np import PARAMETER_NAMES, Vocabulary
from lstm_np.storage.checkpoint import Checkpoint
from lstm_np.errors import TrainingError
from lstm_np.engine.train import Trainer
from lstm_np.engine.config import TrainConfig
from lstm_np.original import model
from helpers import pseudo_text

TEXT = pseudo_text(5000)


def snapshot(tr):
    """Everything training changes, copied."""
    return {
        "theta": tr.net.theta.copy(),
        "params": {n: tr.parameters[n].copy() for n in PARAMETER_NAMES},
        "v": tr.v.copy(), "s": tr.s.copy(), "a": tr.a.copy(), "c": tr.c.copy(),
        "t": tr.t, "epoch": tr.epoch, "window": tr.window,
        "history": {k: list(v) for k, v in tr.history.items()},
        "rng": tr.rng.bit_generator.state,
        "dtype": tr.net.theta.dtype,
    }


def assert_same_state(got, want):
    for key in ("theta", "v", "s", "a", "c"):
        assert got[key].dtype == want[key].dtype, key
        assert got[key].shape == want[key].shape, key
        assert np.array_equal(got[key], want[key]), \
            f"{key} differs: max |diff| = {np.max(np.abs(got[key] - want[key]))}"
    for name in PARAMETER_NAMES:
        assert np.array_equal(got["params"][name], want["params"][name]), name
    for key in ("t", "epoch", "window", "history", "rng", "dtype"):
        assert got[key] == want[key], key


# (label, config, N, every): 2N crosses the end of the first epoch in every case
# (workers=2 as given: the "auto" default may choose differently for the two fresh runs
# compared here; test_choose_workers.py resumes an "auto" run)
CASES = [
    ("m4", dict(n_a=16, batch_size=4, seq_length=10, dtype="float64", workers=2), 60, 20),
    ("m4-save-at-epoch-end", dict(n_a=16, batch_size=4, seq_length=10, dtype="float64",
                                  workers=2), None, None),
    ("m1", dict(n_a=16, batch_size=1, seq_length=10, dtype="float64", workers=2), 230, 23),
    ("float32", dict(n_a=16, batch_size=4, seq_length=10, dtype="float32", workers=2), 60, 20),
    ("default-dtype", dict(n_a=16, batch_size=4, seq_length=10, workers=2), 60, 20),
]


@pytest.mark.parametrize("label,cfg,N,every", CASES, ids=[c[0] for c in CASES])
def test_resume_is_bit_exact(tmp_path, label, cfg, N, every):
    whole = Trainer(TEXT, TrainConfig(**cfg))
    wpe = whole.windows_per_epoch
    if N is None:                     # save exactly when the first epoch ends (window == 0)
        N, every = wpe, wpe
    assert 2 * N > wpe, "the test must cross an epoch boundary"
    whole.train(updates=2 * N, every=every, log=None)
    assert whole.epoch >= 1
    want = snapshot(whole)

    first = Trainer(TEXT, TrainConfig(**cfg))
    first.train(updates=N, every=every, log=None)
    at_save = snapshot(first)
    path = tmp_path / "ck.npz"
    first.save(path)
    del first

    second = Trainer.resume(path, TEXT)
    assert_same_state(snapshot(second), at_save)          # the round trip itself is exact
    second.train(updates=2 * N, every=every, log=None)
    got = snapshot(second)
    assert got["t"] == 2 * N and got["epoch"] >= 1
    assert_same_state(got, want)
    assert len(got["history"]["update"]) == len(want["history"]["update"]) >= 2


def test_resume_keeps_the_engine_and_settings(tmp_path):
    cfg = TrainConfig(n_a=6, batch_size=2, seq_length=5, learning_rate=0.02, seed=9)
    tr = Trainer(TEXT, cfg, engine="faithful")
    tr.train(updates=3, every=3, log=None)
    tr.save(tmp_path / "ck.npz")
    back = Trainer.resume(tmp_path / "ck.npz", TEXT)
    assert back.engine == "faithful"
    assert back.config == tr.config and back.config.learning_rate == cfg.learning_rate


def test_model_api_resume_is_bit_exact(tmp_path):
    """model(...) N iterations, then model(...) N more from its checkpoint, equals 2 N."""
    vocab = Vocabulary.from_text(TEXT)
    args = (TEXT, vocab.char_to_ix, vocab.ix_to_char)
    hyper = dict(n_a=16, vocab_size=vocab.size, learning_rate=0.01, every=20, log=None,
                 batch_size=4, seq_length=10, workers=2)        # (two fresh runs compared)
    N = 60
    split = tmp_path / "split.npz"
    whole_path = tmp_path / "whole.npz"
    model(*args, N, checkpoint_file=split, **hyper)
    p2 = model(*args, N, checkpoint_file=split, **hyper)
    p3 = model(*args, 2 * N, checkpoint_file=whole_path, **hyper)
    for name in PARAMETER_NAMES:
        assert np.array_equal(p2[name], p3[name]), name
    assert Checkpoint.load(split).history["update"] == [20, 40, 60, 80, 100, 120]
    with np.load(split) as a, np.load(whole_path) as b:
        assert sorted(a.files) == sorted(b.files)
        for key in a.files:
            assert np.array_equal(a[key], b[key]), key


def run_cli(args, cwd):
    env = dict(os.environ, PYTHONIOENCODING="utf-8", LSTM_NP_DATA=str(cwd))
    return subprocess.run([sys.executable, "-m", "lstm_np", *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=120)


def test_cli_resume_is_bit_exact(tmp_path):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(TEXT, encoding="utf-8")
    common = ["train", "--corpus", corpus, "--hidden", 8, "--batch-size", 3,
              "--seq-length", 8, "--every", 5]
    N = 10
    r1 = run_cli(common + ["--updates", N, "--checkpoint", "split.npz", "--workers", 3],
                 tmp_path)
    assert r1.returncode == 0, r1.stderr
    first = Checkpoint.load(tmp_path / "split.npz")
    assert first.t == N and first.hyperparameters["workers"] == 3
    common += ["--workers", 3]                  # (a resumed run may repeat its settings)
    r2 = run_cli(common + ["--updates", 2 * N, "--checkpoint", "split.npz", "--resume"],
                 tmp_path)
    assert r2.returncode == 0, r2.stderr
    r3 = run_cli(common + ["--updates", 2 * N, "--checkpoint", "whole.npz"], tmp_path)
    assert r3.returncode == 0, r3.stderr
    with np.load(tmp_path / "split.npz") as a, np.load(tmp_path / "whole.npz") as b:
        assert sorted(a.files) == sorted(b.files)
        for key in a.files:
            assert a[key].dtype == b[key].dtype, key
            assert np.array_equal(a[key], b[key]), key      # meta (history) included
    # the log goes on where it stopped: the two runs print what the single one prints
    assert r1.stdout + r2.stdout == r3.stdout
    assert len(r3.stdout.splitlines()) == 2 * N // 5


# ------------------------------------------------------------------ non-finite training
BAD = ["loss-nan", "loss-inf", "grad-nan", "grad-inf", "param-nan"]


@pytest.mark.parametrize("bad", BAD)
def test_non_finite_stops_training_and_keeps_last_checkpoint(tmp_path, bad):
    path = tmp_path / "ck.npz"
    tr = Trainer(TEXT, TrainConfig(n_a=8, batch_size=2, seq_length=8))
    saved = []                                   # bytes of the file after every save
    original_save = tr.save

    def recording_save(p):
        original_save(p)
        saved.append((tr.t, path.read_bytes()))
    tr.save = recording_save

    tr.train(updates=4, every=2, checkpoint=path, log=None)
    assert [t for t, _ in saved] == [2, 4]

    original = tr.net.loss_and_gradients
    calls = {"n": 0, "theta": None}

    def poisoned(X, Y, a0, c0):
        calls["n"] += 1
        if calls["n"] < 3:                        # updates 5 and 6 are good, 7 is not
            return original(X, Y, a0, c0)
        if bad == "param-nan":
            tr.net.theta[-1] = np.nan             # by (last entry of theta) becomes nan
        calls["theta"] = tr.net.theta.copy()
        loss, grad, aT, cT = original(X, Y, a0, c0)
        if bad == "loss-nan":
            loss = float("nan")
        elif bad == "loss-inf":
            loss = float("inf")
        elif bad == "grad-nan":
            grad[len(grad) // 2] = np.nan
        elif bad == "grad-inf":
            grad[0] = -np.inf
        return loss, grad, aT, cT
    tr.net.loss_and_gradients = poisoned

    with pytest.raises(TrainingError) as info:
        tr.train(updates=20, every=2, checkpoint=path, log=None)
    message = str(info.value)
    assert "\n" not in message
    assert "update 7" in message and "not finite" in message
    assert calls["n"] == 3
    assert tr.t == 6                               # the bad update was not counted ...
    same = np.array_equal(tr.net.theta, calls["theta"], equal_nan=True)
    assert same                                    # ... nor applied by Adam
    assert [t for t, _ in saved] == [2, 4, 6]
    assert path.read_bytes() == saved[-1][1]       # the last good checkpoint, untouched
    assert Checkpoint.load(path).t == 6
    assert sorted(os.listdir(tmp_path)) == ["ck.npz"]
