"""Benchmarks that print numbers (never timed tests): python -m lstm_np bench.

1. Throughput in characters per second of four trainers on the same text, measured side by
   side in interleaved rounds (this machine is noisy; the medians of the rounds are shown):
   the faithful loop (the original notebook's cell functions, m = 1, float64, as the original notebook ran), the fast
   trainer with the default settings (m = 128, float32, 2 threads), with one thread, and
   with float64. BLAS runs with one thread meanwhile (blas.py), as in training.
2. Time from scratch until the validation loss reaches 1.60 nats per character.
3. Time to generate 300 characters (what a slider move costs), with the pretrained model
   that the sliders use and with the float32 model trained in 2.
4. Peak memory (resident set) of this process.
"""
import resource
import statistics
import time

import numpy as np

from .blas import blas_threads
from .checkpoint import load_pretrained
from .data import load_corpus
from .sampling import sample_top_k
from .train import TrainConfig, Trainer


def _chars_per_second(trainer, updates):
    cfg = trainer.config
    start = time.perf_counter()
    for _ in range(updates):
        trainer.step()
    return updates * cfg.batch_size * cfg.seq_length / (time.perf_counter() - start)


def time_to_loss(text, target=1.60, limit=120.0, check_every=20, **config):
    """Seconds of training (validation included) until the validation loss is <= target."""
    trainer = Trainer(text, TrainConfig(**config))
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        for _ in range(check_every):
            trainer.step()
        val = trainer.validation_loss()
        if val <= target:
            return time.perf_counter() - start, trainer.t, val, trainer
    return None, trainer.t, val, trainer


def run(corpus="es", quick=False, out=print):
    """Measure and print the table; returns the median chars/s of the four trainers."""
    with blas_threads():                      # one BLAS thread, as in training (blas.py)
        return _run(corpus, quick, out)


def _run(corpus, quick, out):
    text = load_corpus(corpus)
    rounds = 1 if quick else 7
    setups = [
        ("faithful loop (the original's functions), m=1, float64",
         dict(batch_size=1, dtype="float64", workers=1), "faithful", 20),
        ("fast trainer, default (m=128, float32, 2 threads)", {}, "fast", 15),
        ("fast trainer, m=128, float32, 1 thread", dict(workers=1), "fast", 15),
        ("fast trainer, m=128, float64, 2 threads", dict(dtype="float64"), "fast", 10),
    ]
    trainers = []
    for _, cfg, engine, _ in setups:
        tr = Trainer(text, TrainConfig(**cfg), engine=engine)
        tr.step()                                             # warm up
        trainers.append(tr)
    # Interleaved rounds of about a second: the machine's speed drifts over seconds, so each
    # trainer is compared with the faithful loop measured in the same round, and the
    # median of the rounds is shown.
    rates = [[] for _ in setups]
    for _ in range(rounds):
        for i, (_, _, _, updates) in enumerate(setups):
            rates[i].append(_chars_per_second(trainers[i], updates))
    ratios = [[r / f for r, f in zip(rate, rates[0])] for rate in rates]

    out(f"lstm_np bench on corpus {corpus!r} ({len(text):,} characters), n_a=100, T_x=25, "
        f"{rounds} interleaved round(s)")
    out("")
    out(f"{'trainer':<56} {'chars/s':>10} {'vs faithful':>12}")
    for (name, *_), rate, ratio in zip(setups, rates, ratios):
        out(f"{name:<56} {statistics.median(rate):>10,.0f} {statistics.median(ratio):>11.1f}x")
    out("")

    results = {}
    for label, cfg in (("default (float32)", {}), ("float64", dict(dtype="float64"))):
        seconds, t, val, trainer = time_to_loss(text, **cfg)
        results[label] = trainer
        if seconds is None:
            out(f"time to 1.60 nats/char, {label}: not reached in 120 s "
                f"({t} updates, val {val:.3f})")
        else:
            out(f"time to 1.60 nats/char, {label}: {seconds:.1f} s "
                f"({t} updates, val {val:.3f})")

    # Generation is timed with the model the sliders use: the pretrained one (float64).
    trainer = results["default (float32)"]
    models = [("the model trained above (float32)", trainer.parameters, trainer.vocab)]
    if corpus in ("es", "en"):
        pretrained = load_pretrained(corpus)
        models.insert(0, (f"pretrained {corpus} model (float64, as the sliders)",
                          pretrained.parameters, pretrained.vocab))
    for label, parameters, vocab in models:
        times = []
        for seed in range(21):
            start = time.perf_counter()
            sample_top_k(parameters, vocab.char_to_ix, "g", 0.8, 5, length=300,
                         rng=np.random.default_rng(seed))
            times.append(time.perf_counter() - start)
        out(f"generate 300 characters, {label}: {statistics.median(times) * 1e3:.1f} ms "
            "(median of 21)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out(f"peak memory of this process: {peak:.0f} MB")
    out("")
    out(f"ratio, default fast trainer / faithful m=1 loop: {statistics.median(ratios[1]):.1f}x "
        f"(median of {rounds} rounds; lowest {min(ratios[1]):.1f}x, highest {max(ratios[1]):.1f}x)")
    return [statistics.median(rate) for rate in rates]
