"""TrainConfig.workers = "auto" (the default): the trainer times one process against two on
the first batch and keeps the faster (`choose_workers`, workers.py); the choice is a setting
from then on, stored in the checkpoint, so a resume computes the numbers of the run it
continues. The clock is a fake here: the decision is tested, never the machine's speed.
"""
import numpy as np
import pytest

from lstm_np.cli.main import main
from lstm_np.engine import workers as workers_module
from lstm_np.engine.train import TrainConfig, Trainer
from lstm_np.engine.workers import BlockGradients, choose_workers
from lstm_np.storage.checkpoint import Checkpoint
from helpers import pseudo_text

TEXT = pseudo_text(4000)
CFG = dict(n_a=9, seq_length=6, seed=4, batch_size=4)


class FakeClock:
    """perf_counter for workers.py: each BlockGradients call costs cost[number of blocks];
    `idle` cores left by other programs."""

    def __init__(self, monkeypatch, cost, idle=2.0):
        self.now, self.calls = 0.0, []
        monkeypatch.setattr(workers_module, "idle_cores", lambda: idle)
        monkeypatch.setattr(workers_module.time, "perf_counter", lambda: self.now)
        clock = self

        def call(gradients, X, Y, a, c):
            clock.calls.append(len(gradients.blocks))
            clock.now += cost[len(gradients.blocks)]
        monkeypatch.setattr(BlockGradients, "__call__", call)


def batch(m=4, n_a=9, V=5, T=6):
    theta = np.zeros(workers_module.layout(n_a, V, V)["size"])
    X = np.zeros((m, T), np.int64)
    a = np.zeros((m, n_a))
    return theta, n_a, V, X, X, a, a


@pytest.mark.parametrize("cost,chosen", [
    ({1: 0.010, 2: 0.006}, 2),        # idle machine: two processes clearly faster
    ({1: 0.010, 2: 0.020}, 1),        # a core busy elsewhere: the helper waits for it
    ({1: 0.010, 2: 0.0090}, 1),       # less than 15 % faster: one process is enough
])
def test_the_faster_is_chosen(monkeypatch, cost, chosen):
    clock = FakeClock(monkeypatch, cost)
    got = choose_workers(*batch())
    assert len(got.blocks) == chosen
    assert clock.calls.count(2) == 1 + 5 and clock.calls.count(1) == 2 + 5   # warm-ups, rounds


def test_without_an_idle_core_for_the_helper_one_process_without_timing_two(monkeypatch):
    clock = FakeClock(monkeypatch, {1: 0.010, 2: 0.001}, idle=1.0)     # a core busy elsewhere
    assert len(choose_workers(*batch()).blocks) == 1
    assert 2 not in clock.calls


def test_idle_cores_reads_proc_stat(tmp_path, monkeypatch):
    stat = tmp_path / "stat"
    stat.write_text("cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 1\ncpu1 1\nintr 5\n")
    assert workers_module.idle_cores(0.0, stat) is None          # no time passed
    assert workers_module.idle_cores(0.0, tmp_path / "none") is None
    calls = []

    def fake_sleep(seconds):        # another program kept one of the two cores busy
        calls.append(seconds)
        stat.write_text("cpu  150 0 100 850 0 0 0 0 0 0\ncpu0 1\ncpu1 1\nintr 5\n")
    monkeypatch.setattr(workers_module.time, "sleep", fake_sleep)
    assert workers_module.idle_cores(0.1, stat) == pytest.approx(1.0)
    assert calls == [0.1]


def test_a_batch_of_under_a_millisecond_never_starts_a_helper(monkeypatch):
    clock = FakeClock(monkeypatch, {1: 0.0005, 2: 0.0001})
    assert len(choose_workers(*batch()).blocks) == 1
    assert 2 not in clock.calls


@pytest.mark.parametrize("why", ["one stream", "one core"])
def test_one_process_without_measuring(monkeypatch, why):
    clock = FakeClock(monkeypatch, {1: 0.010, 2: 0.001})
    if why == "one core":
        monkeypatch.setattr(workers_module.os, "sched_getaffinity", lambda pid: {0},
                            raising=False)
    got = choose_workers(*batch(m=1 if why == "one stream" else 4))
    assert len(got.blocks) == 1 and clock.calls == []


def test_the_default_is_auto_and_the_trainer_records_its_choice(tmp_path):
    assert TrainConfig().workers == "auto"
    tr = Trainer(TEXT, TrainConfig(**CFG))
    assert tr.config.workers in (1, 2) and tr.config.workers == len(tr.workers.blocks)
    tr.train(updates=2, every=2, checkpoint=tmp_path / "ck.npz", log=None)
    assert Checkpoint.load(tmp_path / "ck.npz").hyperparameters["workers"] == tr.config.workers
    assert Trainer(TEXT, TrainConfig(**CFG), engine="faithful").config.workers == 1


@pytest.mark.parametrize("chosen", [1, 2])
def test_a_resume_uses_the_recorded_choice_bit_for_bit(tmp_path, monkeypatch, chosen):
    path = tmp_path / "ck.npz"
    monkeypatch.setattr(workers_module, "choose_workers",
                        lambda theta, n_a, V, X, Y, a, c: BlockGradients(theta, n_a, V,
                                                                         X.shape[0], chosen))
    first = Trainer(TEXT, TrainConfig(**CFG))
    first.train(updates=5, every=5, checkpoint=path, log=None)

    def never(*args):
        raise AssertionError("a resume must not choose again")
    monkeypatch.setattr(workers_module, "choose_workers", never)
    resumed = Trainer.resume(path, TEXT)
    assert resumed.config.workers == chosen
    resumed.train(updates=10, every=5, log=None)
    straight = Trainer(TEXT, TrainConfig(**dict(CFG, workers=chosen)))
    straight.train(updates=10, every=5, log=None)
    np.testing.assert_array_equal(resumed.net.theta, straight.net.theta)
    np.testing.assert_array_equal(resumed.v, straight.v)


def test_the_command_line_takes_auto_and_a_resume_keeps_the_choice(tmp_path):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(TEXT, encoding="utf-8")
    common = ["train", "--corpus", str(corpus), "--hidden", "8", "--batch-size", "3",
              "--seq-length", "6", "--checkpoint", str(tmp_path / "ck.npz"), "--every", "2"]
    assert main(common + ["--updates", "2", "--workers", "auto"]) == 0
    chosen = Checkpoint.load(tmp_path / "ck.npz").hyperparameters["workers"]
    assert main(common + ["--updates", "4", "--workers", "auto", "--resume"]) == 0
    assert Checkpoint.load(tmp_path / "ck.npz").hyperparameters["workers"] == chosen

def test_a_bad_workers_option_says_what_it_takes(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["train", "--corpus", "x.txt", "--checkpoint", "x.npz", "--workers", "none"])
    assert stop.value.code == 2
    assert "expected auto or a whole number, got 'none'" in capsys.readouterr().err
