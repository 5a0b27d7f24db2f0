"""Benchmarks that print numbers (never timed tests): python -m lstm_np bench [--against torch].

1. Throughput in characters per second of several trainers on the same text, measured side
   by side in interleaved rounds (this machine is noisy; the medians of the rounds are
   shown): the faithful loop (the original notebook's cell functions, m = 1, float64, as
   the original ran them), the original's loop itself (`OriginalLoop`: its discarded
   second backward pass and step-by-step output layer included), the fast trainer with the
   default settings (m = 128, float32, 2 workers: this process and a helper process, see
   workers.py), with one worker, with float64, and at m = 32. With ``--against torch`` the
   same recipe in PyTorch (bench_torch.py) runs in the same rounds at m = 128 and m = 32,
   and the ratio lstm_np / PyTorch of each round is summarised, n workers against n threads
   (one per core each). BLAS runs with one thread meanwhile (blas.py), as in training;
   PyTorch keeps its own threads.
2. Time from scratch until the validation loss reaches 1.60 nats per character.
3. Time to generate 300 characters (what a slider move costs), with the pretrained model
   that the sliders use and with the float32 model trained in 2.
4. Peak memory (resident set) of this process.
"""
import resource
import statistics
import time

import numpy as np

from ..engine.blas import blas_threads
from ..storage.checkpoint import load_pretrained
from ..storage.corpus import load_corpus
from ..errors import LstmNpError
from ..i18n import _
from ..core.backward import compute_loss, lstm_backward
from ..core.forward import lstm_forward
from ..core.optim import clip, initialize_adam, update_parameters_with_adam
from ..core.parameters import initialize_parameters
from ..engine.generation import generate
from ..core.text import Vocabulary, one_hot
from ..engine.train import Trainer
from ..engine.config import TrainConfig


class OriginalLoop:
    """The original notebook's training loop as it ran, the baseline the issue measured
    ("the original's loop, m = 1, float64"), with the package's faithful functions.

    Each iteration, like the original's: one window of T_x characters (m = 1, float64) that
    slides one character per iteration, a0 = 0; `lstm_forward`; `compute_loss`; a first
    `lstm_backward` with da = 0, whose result the original then overwrote; the output
    layer's gradients step by step; the `lstm_backward` that counts; `clip`; Adam. It costs
    about twice the faithful loop (one backward pass, the output layer in one product).
    Only `step` and `config` are used (by `_chars_per_second`).
    """

    def __init__(self, text, config):
        self.config = config
        self.vocab = Vocabulary.from_text(text)
        self.ix = self.vocab.encode(text)
        V = self.vocab.size
        self.parameters = initialize_parameters(config.n_a, V, V, np.random.default_rng(0))
        self.v, self.s = initialize_adam(self.parameters)
        self.j = 0

    def step(self):
        T, V, p = self.config.seq_length, self.vocab.size, self.parameters
        index = self.j % (len(self.ix) - T - 1)
        X, Y = self.ix[index:index + T], self.ix[index + 1:index + T + 1]
        x = one_hot(X[None], V)                                         # (V, 1, T)
        a, y_hat, _c, caches = lstm_forward(x, np.zeros((self.config.n_a, 1)), p)
        loss = compute_loss(y_hat, list(Y))
        dy = y_hat.copy()
        dy[Y, 0, np.arange(T)] -= 1.0
        gradients = lstm_backward(np.zeros_like(a), caches)             # thrown away
        gradients["dWy"], gradients["dby"] = np.zeros_like(p["Wy"]), np.zeros_like(p["by"])
        da = np.zeros_like(a)
        for t in reversed(range(T)):
            gradients["dWy"] += dy[:, :, t] @ a[:, :, t].T
            gradients["dby"] += dy[:, :, t]
            da[:, :, t] = p["Wy"].T @ dy[:, :, t]
        gradients.update(lstm_backward(da, caches))
        clip(gradients, 5.0)
        self.j += 1
        update_parameters_with_adam(p, gradients, self.v, self.s, self.j, 0.005)
        return loss


def default_threads():
    from .bench_torch import default_threads
    return default_threads()

TARGET = 1.60                     # nats per character on the validation text


def _chars_per_second(trainer, updates):
    cfg = trainer.config
    start = time.perf_counter()
    for _i in range(updates):
        trainer.step()
    return updates * cfg.batch_size * cfg.seq_length / (time.perf_counter() - start)


def time_to_loss(make, target=TARGET, limit=120.0, check_every=20):
    """Seconds of training (validation included) until the validation loss is <= target.

    make() builds the trainer (not timed). Returns (seconds or None, updates, last
    validation loss, trainer).
    """
    trainer = make()
    start = time.perf_counter()
    val = float("nan")
    while time.perf_counter() - start < limit:
        for _i in range(check_every):
            trainer.step()
        val = trainer.validation_loss()
        if val <= target:
            return time.perf_counter() - start, trainer.t, val, trainer
    return None, trainer.t, val, trainer


def _spread(values, digits=2):
    return (f"{statistics.median(values):.{digits}f}x (median of {len(values)} rounds; "
            f"lowest {min(values):.{digits}f}x, highest {max(values):.{digits}f}x)")


def run(corpus="es", quick=False, out=print, against=None, *, n_a=100, seq_length=25,
        limit=120.0):
    """Measure and print the table; returns {trainer name: median chars/s}.

    against : None, or "torch" to run the same recipe in PyTorch beside lstm_np (an error
        saying how to install it if torch cannot be imported).
    n_a, seq_length, limit : sizes and the time limit of the race to 1.60 nats per
        character (smaller ones make a quick test of the benchmark itself).
    """
    torch = None
    if against is not None:
        if against != "torch":
            raise LstmNpError(_("--against must be 'torch', got {value!r}").format(
                value=against))
        from .bench_torch import import_torch
        torch = import_torch()
        if torch is None:
            raise LstmNpError(_(
                "--against torch: PyTorch cannot be imported in this Python; install the "
                "CPU wheel in an environment of its own (pip install torch==2.13.0) and run "
                "the benchmark from there; lstm_np itself never needs it"))
    with blas_threads():                      # one BLAS thread, as in training (blas.py)
        return _run(corpus, quick, out, torch, n_a, seq_length, limit)


def _setups(torch, n_a, seq_length):
    """(name, TrainConfig settings, engine, updates per round) of every trainer measured.

    Each PyTorch trainer comes right after the lstm_np trainer it is compared with (same m,
    as many threads as lstm_np has workers), so that the two are measured seconds apart in
    every round.
    """
    base = dict(n_a=n_a, seq_length=seq_length)
    threads = default_threads() if torch is not None else None

    def against(m, n, updates):
        if torch is None:
            return []
        return [(f"PyTorch nn.LSTM, m={m}, float32, {n} thread{'s' * (n > 1)}",
                 dict(base, batch_size=m, workers=n), "torch", updates)]
    return [
        ("faithful loop (the original's functions), m=1, float64",
         dict(base, batch_size=1, dtype="float64", workers=1), "faithful", 20),
        ("the original's loop as it ran (2 backward passes), m=1",
         dict(base, batch_size=1, dtype="float64", workers=1), "original", 10),
        ("fast trainer, default (m=128, float32, 2 workers)", base, "fast", 15),
        *against(128, threads, 15),
        ("fast trainer, m=128, float32, 1 worker", dict(base, workers=1), "fast", 15),
        *against(128, 1, 15),
        ("fast trainer, m=128, float64, 2 workers", dict(base, dtype="float64"), "fast", 10),
        ("fast trainer, m=128, float64, 1 worker", dict(base, dtype="float64", workers=1),
         "fast", 10),
        ("fast trainer, m=32, float32, 2 workers", dict(base, batch_size=32), "fast", 40),
        *against(32, threads, 40),
        ("fast trainer, m=32, float32, 1 worker", dict(base, batch_size=32, workers=1),
         "fast", 40),
        *against(32, 1, 40),
    ]


def _make(text, settings, engine):
    if engine == "original":
        return OriginalLoop(text, TrainConfig(**settings))
    if engine == "torch":
        from .bench_torch import TorchTrainer
        settings = dict(settings)
        threads = settings.pop("workers", None)             # PyTorch's threads, None: default
        ref = Trainer(text, TrainConfig(**settings))       # the same vocabulary and split
        return TorchTrainer(ref.train_ix, ref.val_ix, ref.vocab.size, ref.config,
                            threads=threads)
    return Trainer(text, TrainConfig(**settings), engine=engine)


def _run(corpus, quick, out, torch, n_a, seq_length, limit):
    text = load_corpus(corpus, min_length=seq_length + 1)
    rounds = 1 if quick else 7
    setups = _setups(torch, n_a, seq_length)
    # A line at once, then one per trainer as its first round is measured: the whole run
    # takes a minute or more, and its table can only be made at the end (medians of rounds).
    out(f"lstm_np bench on corpus {corpus!r} ({len(text):,} characters), n_a={n_a}, "
        f"T_x={seq_length}, {rounds} interleaved round(s) of {len(setups)} trainers; round 1:")
    trainers = []
    for _name, settings, engine, _updates in setups:
        tr = _make(text, settings, engine)
        for _i in range(3):
            tr.step()                                         # warm up
        trainers.append(tr)
    # Interleaved rounds of about a second: the machine's speed drifts over seconds, so each
    # trainer is compared with the others measured in the same round, and the median of
    # the rounds is shown.
    rates = [[] for _s in setups]
    for r in range(rounds):
        for i, (name, *_s, updates) in enumerate(setups):
            rates[i].append(_chars_per_second(trainers[i], max(2, updates // 5) if quick
                                              else updates))
            if r == 0:
                out(f"  {name:<56} {rates[i][0]:>10,.0f}")
    ratios = [[r / f for r, f in zip(rate, rates[0])] for rate in rates]
    names = [name for name, *_s in setups]

    out("")
    out(f"{'trainer':<56} {'chars/s':>10} {'vs faithful':>12}")
    for name, rate, ratio in zip(names, rates, ratios):
        out(f"{name:<56} {statistics.median(rate):>10,.0f} {statistics.median(ratio):>11.1f}x")
    out("")

    default = next(settings for name, settings, *_r in setups if "default" in name)
    races = [("default (float32)", default, "fast"),
             ("float64", dict(default, dtype="float64"), "fast")]
    if torch is not None:
        races.append(("PyTorch (float32)", dict(default, workers=None), "torch"))
    results = {}
    for label, settings, engine in races:
        seconds, t, val, trainer = time_to_loss(lambda: _make(text, settings, engine),
                                                limit=limit)
        results[label] = trainer
        if seconds is None:
            out(f"time to {TARGET:.2f} nats/char, {label}: not reached in {limit:g} s "
                f"({t} updates, val {val:.3f})")
        else:
            out(f"time to {TARGET:.2f} nats/char, {label}: {seconds:.1f} s "
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
            generate(parameters, vocab, "g" if "g" in vocab.char_to_ix else vocab.decode([0]),
                     length=300, temperature=0.8, k=min(5, vocab.size),
                     rng=np.random.default_rng(seed))
            times.append(time.perf_counter() - start)
        out(f"generate 300 characters, {label}: {statistics.median(times) * 1e3:.1f} ms "
            "(median of 21)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out(f"peak memory of this process: {peak:.0f} MB")
    out("")
    default = names.index("fast trainer, default (m=128, float32, 2 workers)")
    f64 = names.index("fast trainer, m=128, float64, 2 workers")
    original = names.index("the original's loop as it ran (2 backward passes), m=1")
    for i, label in ((default, "default fast trainer"), (f64, "fast trainer float64, 2 workers")):
        for base, against in ((0, "faithful m=1 loop"), (original, "the original's loop")):
            per_round = [a / b for a, b in zip(rates[i], rates[base])]
            out(f"ratio, {label} / {against}: {_spread(per_round, 1)}")
    if torch is not None:                     # each round's ratio, lstm_np / PyTorch
        for i, (name, settings, engine, _u) in enumerate(setups):
            if engine == "torch":                 # compared with the trainer just before it
                m, n = settings["batch_size"], settings["workers"]
                per_round = [a / b for a, b in zip(rates[i - 1], rates[i])]
                out(f"ratio, lstm_np float32 / PyTorch, m={m}, {n} core(s) each: "
                    f"{_spread(per_round)}")
    return {name: statistics.median(rate) for name, rate in zip(names, rates)}
