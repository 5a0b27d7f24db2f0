"""The benchmark, in-process on a tiny configuration: it runs, prints every measurement and
writes nothing. The numbers are not judged here: speed is measured by reading the benchmark,
never by a timed test. PyTorch is optional: without it, --against torch says how to get it.
"""
import re

import pytest

from lstm_np.cli import bench
from lstm_np.cli.bench_torch import import_torch
from lstm_np.errors import LstmNpError
from helpers import pseudo_text


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
    for trainer in ("default fast trainer", "fast trainer float64, 2 workers"):
        for loop in ("faithful m=1 loop", "the original's loop"):
            assert re.search(rf"^ratio, {trainer} / {loop}: [\d.]+x \(median of 1 rounds; "
                             r"lowest [\d.]+x, highest [\d.]+x\)$", out, re.M), out
    assert "PyTorch" not in out
    assert sorted(tiny_corpus.parent.iterdir()) == files_before      # a benchmark writes nothing


def test_against_anything_but_torch_is_refused(tiny_corpus):
    with pytest.raises(LstmNpError, match="--against must be 'torch'"):
        run_tiny(tiny_corpus, against="tensorflow")


@pytest.mark.skipif(import_torch() is not None, reason="PyTorch is installed here")
def test_against_torch_without_torch_says_how_to_get_it(tiny_corpus):
    with pytest.raises(LstmNpError, match=r"pip install torch==2\.13\.0"):
        run_tiny(tiny_corpus, against="torch")


@pytest.mark.skipif(import_torch() is None, reason="PyTorch is not installed here")
def test_against_torch_prints_both_rates_and_their_ratios(tiny_corpus):
    out, medians = run_tiny(tiny_corpus, against="torch")
    torch_rows = re.findall(r"^PyTorch nn.LSTM, m=(128|32), float32, (\d+) threads? ", out, re.M)
    assert {m for m, _ in torch_rows} == {"128", "32"} and ("128", "1") in torch_rows, out
    for m in (128, 32):
        assert re.search(rf"^ratio, lstm_np float32 / PyTorch, m={m}, 1 core\(s\) each: "
                         r"[\d.]+x", out, re.M), out
    assert re.search(r"^time to 1.60 nats/char, PyTorch \(float32\): ", out, re.M), out


@pytest.mark.skipif(import_torch() is not None, reason="PyTorch is installed here")
def test_the_command_line_refuses_against_torch_in_one_line(tiny_corpus, capsys):
    from lstm_np.cli.main import main
    assert main(["bench", "--corpus", str(tiny_corpus), "--against", "torch"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --against torch: ") and err.count("\n") == 1, err
