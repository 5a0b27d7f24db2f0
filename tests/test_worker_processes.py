"""The helper processes of `workers` (lstm_np/workers.py): the same numbers as one process,
and nothing lost or left behind when a helper cannot start, stops, or is interrupted."""
import gc
import glob
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings
from pathlib import Path

import numpy as np
import pytest

from lstm_np.engine import workers as workers_module
from lstm_np.engine.blas import blas_threads
from lstm_np.storage.checkpoint import Checkpoint
from lstm_np.engine.fast import layout
from lstm_np.engine.workers import BlockGradients
from helpers import pseudo_text

ROOT = Path(__file__).resolve().parent.parent
N_A, V, T = 7, 11, 6


def batch(m, dtype, seed=0):
    rng = np.random.default_rng(seed)
    theta = (0.3 * rng.standard_normal(layout(N_A, V, V)["size"])).astype(dtype)
    X, Y = rng.integers(0, V, (2, m, T))
    a, c = (0.5 * rng.standard_normal((2, m, N_A))).astype(dtype)
    return theta, X, Y, a, c


def in_one_process(gradients, X, Y, a, c):
    """What BlockGradients must give: every block computed here, combined in block order."""
    m = X.shape[0]
    results = [gradients._here(i, X, Y, a, c) for i in range(len(gradients.blocks))]
    loss, grad = 0.0, np.zeros_like(gradients.theta)
    for s, r in zip(gradients.blocks, results):
        loss += (s.stop - s.start) / m * r[0]
        grad += (s.stop - s.start) / m * r[1]
    return (loss, grad, np.concatenate([r[2] for r in results]),
            np.concatenate([r[3] for r in results]))


def assert_same(got, want):
    assert got[0] == want[0]
    for g, w in zip(got[1:], want[1:]):
        np.testing.assert_array_equal(g, w)


def copies(result):
    return (result[0],) + tuple(np.array(r) for r in result[1:])


@pytest.fixture
def quiet():
    """Any warning is an error: the helpers must work without one here."""
    with warnings.catch_warnings(), blas_threads():
        warnings.simplefilter("error")
        yield


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("m,workers", [(5, 2), (9, 3)])
def test_helpers_give_the_numbers_of_one_process(quiet, dtype, m, workers):
    theta, X, Y, a, c = batch(m, dtype)
    gradients = BlockGradients(theta, N_A, V, m, workers)
    for step in range(3):                       # the helpers see the parameters change
        got = copies(gradients(X, Y, a, c))
        assert len(gradients.helpers) == workers - 1
        assert all(h.proc is not None and h.proc.poll() is None
                   for h in gradients.helpers.values())
        assert_same(got, in_one_process(gradients, X, Y, a, c))
        theta -= 0.01 * got[1]
    gradients.close()


def test_a_helper_that_dies_is_replaced_by_this_process(quiet):
    theta, X, Y, a, c = batch(6, "float64")
    gradients = BlockGradients(theta, N_A, V, 6, 2)
    gradients(X, Y, a, c)
    helper = next(iter(gradients.helpers.values()))
    helper.proc.kill()
    helper.proc.wait()
    with pytest.warns(RuntimeWarning, match=r"streams 3 to 5 .* stopped \(exit status -9\)"):
        got = copies(gradients(X, Y, a, c))
    assert_same(got, in_one_process(gradients, X, Y, a, c))
    assert_same(copies(gradients(X, Y, a, c)), got)      # from now on here, without warning


def test_an_error_of_the_helper_reaches_the_caller_and_the_helper_goes_on(quiet):
    theta, X, Y, a, c = batch(6, "float64")
    gradients = BlockGradients(theta, N_A, V, 6, 2)
    bad = X.copy()
    bad[4, 2] = V                                  # no such character, in the helper's block
    with pytest.raises(IndexError):
        gradients(bad, Y, a, c)
    assert_same(copies(gradients(X, Y, a, c)), in_one_process(gradients, X, Y, a, c))
    assert next(iter(gradients.helpers.values())).proc.poll() is None


def no_processes(*args, **kwargs):
    raise RuntimeError("processes are not supported here")      # as Pyodide says it


@pytest.mark.parametrize("broken", ["executable", "Popen"])
def test_a_helper_that_cannot_start_is_replaced_by_this_process(quiet, monkeypatch, broken):
    if broken == "executable":
        monkeypatch.setattr(workers_module.sys, "executable", "/nonexistent/python")
    else:
        monkeypatch.setattr(workers_module.subprocess, "Popen", no_processes)
    before = leftovers()                 # (another program's files are not this test's)
    theta, X, Y, a, c = batch(4, "float32")
    gradients = BlockGradients(theta, N_A, V, 4, 2)
    with pytest.warns(RuntimeWarning, match="could not be started"):
        got = copies(gradients(X, Y, a, c))
    assert_same(got, in_one_process(gradients, X, Y, a, c))
    assert leftovers() == before


def test_an_interrupted_call_leaves_the_next_one_right(quiet, monkeypatch):
    theta, X, Y, a, c = batch(6, "float64")
    gradients = BlockGradients(theta, N_A, V, 6, 2)
    net = gradients.nets[0]
    original = net.loss_and_gradients

    def interrupted(*args):
        raise KeyboardInterrupt
    monkeypatch.setattr(net, "loss_and_gradients", interrupted)
    with pytest.raises(KeyboardInterrupt):         # Ctrl-C while the helper is at work
        gradients(X, Y, a, c)
    monkeypatch.setattr(net, "loss_and_gradients", original)
    X2, Y2 = X[:, ::-1].copy(), Y[:, ::-1].copy()   # another batch: a stale answer would show
    got = copies(gradients(X2, Y2, a, c))
    assert_same(got, in_one_process(gradients, X2, Y2, a, c))


def test_a_lost_wake_up_never_makes_the_trainer_wait_forever(quiet):
    """An interrupted read can swallow the byte that says a block is done; the trainer then
    goes by the shared count of blocks done (with a 60 s alarm in case it does not)."""
    theta, X, Y, a, c = batch(6, "float64")
    gradients = BlockGradients(theta, N_A, V, 6, 2)
    gradients(X, Y, a, c)
    helper = next(iter(gradients.helpers.values()))
    s = gradients.blocks[1]
    assert helper.send(theta, X[s], Y[s], a[s], c[s])     # a call cut short after sending
    while helper.arrays["done"][0] != helper.sent:
        time.sleep(0.01)
    assert os.read(helper.proc.stdout.fileno(), 4096) == b"."   # the byte, swallowed
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("waited forever"))
    signal.alarm(60)
    try:
        X2 = X[:, ::-1].copy()
        got = copies(gradients(X2, Y, a, c))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert_same(got, in_one_process(gradients, X2, Y, a, c))


def alive(pid):
    """Whether process pid runs (a zombie, dead but not yet reaped by its parent, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def leftovers():
    folders = [workers_module._shared_folder() or tempfile.gettempdir()]
    return [p for folder in folders for p in glob.glob(os.path.join(folder, "lstm_np-worker-*"))
            if os.stat(p).st_uid == os.getuid()]


def test_helpers_end_when_the_trainer_is_collected_and_leave_no_file(quiet):
    before = leftovers()
    theta, X, Y, a, c = batch(4, "float32")
    gradients = BlockGradients(theta, N_A, V, 4, 2)
    gradients(X, Y, a, c)
    proc = next(iter(gradients.helpers.values())).proc
    del gradients
    gc.collect()
    assert proc.wait(timeout=10) == 0
    assert leftovers() == before


def test_ctrl_c_on_the_terminal_stops_training_in_one_line(tmp_path):
    """Ctrl-C reaches every process of the terminal's group: the helper ignores it, the
    trainer saves and says one line, and the helper ends with the trainer."""
    (tmp_path / "corpus.txt").write_text(pseudo_text(5000), encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "lstm_np", "train", "--corpus", "corpus.txt",
                          "--updates", "100000", "--every", "1", "--checkpoint", "ck.npz",
                          "--hidden", "8", "--batch-size", "4", "--seq-length", "8",
                          "--workers", "2"],
                         cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         start_new_session=True)
    for _ in range(3):
        assert p.stdout.readline().startswith("update")
    helpers = subprocess.run(["pgrep", "-g", str(p.pid)], capture_output=True, text=True)
    os.killpg(p.pid, signal.SIGINT)
    out, err = p.communicate(timeout=120)
    assert p.returncode == 128 + signal.SIGINT
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and "interrupted (SIGINT)" in lines[0], err
    assert Checkpoint.load(tmp_path / "ck.npz", kind="checkpoint").t >= 3
    group = [int(pid) for pid in helpers.stdout.split()]
    assert len(group) == 2, group                 # the trainer and its helper
    assert not any(alive(pid) for pid in group)   # both are gone


def test_a_helper_ends_when_its_trainer_is_killed(tmp_path):
    """SIGKILL leaves the trainer no time to stop its helper: the helper sees its input close
    and ends by itself; the shared memory's file was already gone."""
    before = leftovers()
    script = tmp_path / "trainer.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from lstm_np.engine.train import Trainer
        from lstm_np.engine.config import TrainConfig
        from helpers import pseudo_text
        tr = Trainer(pseudo_text(3000), TrainConfig(n_a=8, batch_size=4, seq_length=8,
                                                    workers=2))
        tr.step()
        print(next(iter(tr.workers.helpers.values())).proc.pid, flush=True)
        time.sleep(600)
    """), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests")]))
    p = subprocess.Popen([sys.executable, str(script)], env=env, stdout=subprocess.PIPE,
                         text=True)
    helper = int(p.stdout.readline())
    p.kill()
    p.wait()
    for _ in range(100):                          # up to 10 s
        if not alive(helper):
            break
        time.sleep(0.1)
    else:
        pytest.fail("the helper outlived its trainer")
    assert leftovers() == before
