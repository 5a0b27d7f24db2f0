"""A check of `python -m lstm_np bench --against torch` by another road: each trainer alone.

    python tools/bench_separate.py [--corpus es] [--rounds 3]

Each measurement is a new Python process that builds one trainer (lstm_np's default,
workers "auto"; or the same recipe in PyTorch with its default threads, lstm_np/cli/
bench_torch.py), warms it up and prints its characters per second over a fixed number of
updates; lstm_np and PyTorch alternate, never at the same time, `rounds` times at m = 128 and
at m = 32. It prints each measurement with the load average and, per m, the ratio of the
medians lstm_np / PyTorch: the number that bench's "default against N threads" ratio
must agree with. PyTorch must be importable (pip install torch==2.13.0).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UPDATES = {128: 40, 32: 120}


def child(engine, corpus, m):
    """One measurement, in this process: prints {"rate": chars/s, "workers": ...}."""
    sys.path.insert(0, str(ROOT))
    from lstm_np.engine.blas import blas_threads
    from lstm_np.engine.train import TrainConfig, Trainer
    from lstm_np.storage.corpus import load_corpus
    text = load_corpus(corpus)
    if engine == "lstm_np":
        trainer = Trainer(text, TrainConfig(batch_size=m))
        workers = trainer.config.workers
    else:
        from lstm_np.cli.bench_torch import TorchTrainer
        ref = Trainer(text, TrainConfig(batch_size=m, workers=1))
        trainer = TorchTrainer(ref.train_ix, ref.val_ix, ref.vocab.size, ref.config)
        workers = trainer.threads
    with blas_threads():
        for _i in range(3):
            trainer.step()
        start = time.perf_counter()
        for _i in range(UPDATES[m]):
            trainer.step()
        seconds = time.perf_counter() - start
    T = trainer.config.seq_length
    print(json.dumps({"rate": UPDATES[m] * m * T / seconds, "workers": workers}))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default="es")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "M"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child[0], args.corpus, int(args.child[1]))
    print(f"tools/bench_separate.py: corpus {args.corpus!r}, each trainer alone in a process "
          f"of its own, {args.rounds} rounds", flush=True)
    for m in (128, 32):
        rates = {"lstm_np": [], "PyTorch": []}
        for r in range(args.rounds):
            for engine in ("lstm_np", "PyTorch"):
                out = subprocess.run([sys.executable, __file__, "--corpus", args.corpus,
                                      "--child", engine, str(m)], capture_output=True,
                                     text=True, check=True).stdout
                got = json.loads(out.strip().splitlines()[-1])
                rates[engine].append(got["rate"])
                what = ("worker" if engine == "lstm_np" else "thread") + "s" * (got["workers"] > 1)
                print(f"m={m}, round {r + 1}: {engine} ({got['workers']} {what}) "
                      f"{got['rate']:,.0f} chars/s (load average {os.getloadavg()[0]:.2f})",
                      flush=True)
        ratio = statistics.median(rates["lstm_np"]) / statistics.median(rates["PyTorch"])
        print(f"m={m}: lstm_np default / PyTorch default, ratio of the medians: {ratio:.2f}x",
              flush=True)


if __name__ == "__main__":
    main()
