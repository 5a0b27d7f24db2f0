"""The benchmark, in-process on a tiny configuration: it runs, prints every measurement and
writes nothing. The numbers are not judged here: speed is measured by reading the benchmark,
never by a timed test. PyTorch is optional: without it, --against torch says how to get it.
"""
import importlib.util
import os
import re
import sys

import pytest

from lstm_np.cli import bench
from lstm_np.errors import LstmNpError
from helpers import pseudo_text


HAVE_TORCH = importlib.util.find_spec("torch") is not None


@pytest.fixture
def tiny_corpus(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text(pseudo_text(6000), encoding="utf-8")
    return path


def run_tiny(path, **kw):
    lines = []
    medians = bench.run(corpus=str(path), quick=True, out=lines.append, n_a=6, seq_length=6,
                        limit=0.05, **kw)
    return "\n".join(lines), medians


def test_the_quick_benchmark_prints_every_measurement(tiny_corpus):
    files_before = sorted(tiny_corpus.parent.iterdir())
    out, medians = run_tiny(tiny_corpus)
    rows = re.findall(r"^(faithful loop|the original's loop|fast trainer)[^\n]*?\s([\d,]+)"
                      r"\s+([\d.]+)x$", out, re.M)
    assert [name for name, *_ in rows] == (["faithful loop", "the original's loop"]
                                            + ["fast trainer"] * 6), out
    assert all(float(rate.replace(",", "")) > 0 for _, rate, _ in rows)
    assert rows[0][2] == "1.0"
    assert len(medians) == 8 and all(rate > 0 for rate in medians.values())
    for label in ("default \\(float32\\)", "float64"):
        assert re.search(rf"^time to 1.60 nats/char, {label}: ", out, re.M), out
    # a made-up corpus has no pretrained model: only the model trained in the race
    assert len(re.findall(r"^generate 300 characters, .*: [\d.]+ ms", out, re.M)) == 1, out
    assert re.search(r"^peak memory of this process: \d+ MB$", out, re.M)
    assert len(re.findall(r"^load average [\d.]+; cores idle now: ([\d.]+|\?) of \d+$", out,
                          re.M)) == 2, out
    for trainer in ("default fast trainer", "fast trainer float64, 2 workers"):
        for loop in ("faithful m=1 loop", "the original's loop"):
            assert re.search(rf"^ratio, {trainer} / {loop}: [\d.]+x \(medians of their "
                             r"groups\)$", out, re.M), out
    # the default's row says what "auto" chose
    assert re.search(r"^fast trainer, default \(m=128, float32, workers auto: [12]\) ", out,
                     re.M), out
    assert "PyTorch" not in out
    assert sorted(tiny_corpus.parent.iterdir()) == files_before      # a benchmark writes nothing


def test_against_anything_but_torch_is_refused(tiny_corpus):
    with pytest.raises(LstmNpError, match="--against must be 'torch'"):
        run_tiny(tiny_corpus, against="tensorflow")


@pytest.fixture
def no_torch(tmp_path, monkeypatch):
    """A Python where `import torch` fails (the benchmark's PyTorch process inherits it)."""
    fake = tmp_path / "fake"
    (fake / "torch").mkdir(parents=True)
    (fake / "torch" / "__init__.py").write_text("raise ImportError('no torch here')\n")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(fake)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))


def test_against_torch_without_torch_says_how_to_get_it(tiny_corpus, no_torch):
    with pytest.raises(LstmNpError, match=r"pip install torch==2\.13\.0"):
        run_tiny(tiny_corpus, against="torch")


def test_a_line_comes_first_and_each_row_as_its_group_ends(tiny_corpus, monkeypatch):
    events = []
    make = bench._make
    monkeypatch.setattr(bench, "_make", lambda *a: events.append("make") or make(*a))
    bench.run(corpus=str(tiny_corpus), quick=True, out=events.append, n_a=6, seq_length=6,
              limit=0.05)
    assert events[0].startswith("lstm_np bench on corpus"), events[:3]
    first_row = next(i for i, e in enumerate(events) if e.startswith("faithful loop"))
    # the first group's two trainers are made, measured and printed before the next group's
    assert events[:first_row].count("make") == 2 and "make" in events[first_row:], events


@pytest.mark.skipif(not HAVE_TORCH, reason="PyTorch is not installed here")
def test_against_torch_prints_both_rates_and_their_ratios(tiny_corpus):
    imported_before = "torch" in sys.modules
    out, medians = run_tiny(tiny_corpus, against="torch")
    pid = re.search(r"^PyTorch [\w.+]+: process (\d+), \d+ threads? by default$", out, re.M)
    assert pid and int(pid.group(1)) != os.getpid(), out
    torch_rows = re.findall(r"^PyTorch nn.LSTM, m=(128|32), float32, (\d+) threads? ", out, re.M)
    assert {m for m, _ in torch_rows} == {"128", "32"} and ("128", "1") in torch_rows, out
    for m in (128, 32):
        assert re.search(rf"^ratio, lstm_np float32 / PyTorch, m={m}, 1 worker against 1 "
                         r"thread: [\d.]+x", out, re.M), out
        assert re.search(rf"^ratio, lstm_np float32 / PyTorch, m={m}, default \([12] workers?"
                         r"\) against \d+ threads?: [\d.]+x", out, re.M), out
    # PyTorch ran in a process of its own: this one never imported torch
    assert imported_before or "torch" not in sys.modules, "the bench imported torch here"
    assert re.search(r"^time to 1.60 nats/char, PyTorch \(float32\): ", out, re.M), out


def test_the_command_line_refuses_against_torch_in_one_line(tiny_corpus, no_torch, capsys):
    from lstm_np.cli.main import main
    assert main(["bench", "--corpus", str(tiny_corpus), "--against", "torch"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --against torch: ") and err.count("\n") == 1, err


def test_busy_core_prints_each_run_and_the_median_and_stops_its_busy_program(tiny_corpus):
    lines = []
    ratios = bench.busy_core(corpus=str(tiny_corpus), out=lines.append, runs=2, n_a=6,
                             seq_length=6, updates=(2, 2))
    out = "\n".join(lines)
    for m in (128, 32):
        assert len(ratios[m]) == 2 and all(r > 0 for r in ratios[m])
        runs = re.findall(rf"^m={m}, run \d: default \(auto chose [12]\) [\d,]+ chars/s, "
                          r"1 worker [\d,]+ chars/s: [\d.]+x \(load average [\d.]+\)$", out, re.M)
        assert len(runs) == 2, out
        assert re.search(rf"^m={m}: default / 1 worker with a core busy, median of 2: [\d.]+x "
                         r"\(the default chose 2 workers in [012] of 2 runs\)$", out, re.M), out
    pid = int(re.search(r"^busy program: process (\d+)$", out, re.M).group(1))
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)                                   # stopped and waited for


def test_a_failing_pytorch_process_is_one_error(tiny_corpus, tmp_path, monkeypatch):
    fake = tmp_path / "broken"
    (fake / "torch").mkdir(parents=True)
    (fake / "torch" / "__init__.py").write_text("")             # imports, but is no PyTorch
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(fake)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    with pytest.raises(LstmNpError, match=r"^--against torch: the PyTorch process failed: "
                                          r"AttributeError"):
        run_tiny(tiny_corpus, against="torch")
