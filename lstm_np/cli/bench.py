"""Benchmarks that print numbers (never timed tests): python -m lstm_np bench [--against torch].

1. Throughput in characters per second of several trainers on the same text, in groups
   (the original's loops; m = 128 float32; m = 128 float64; m = 32 float32), the trainers of
   a group measured side by side in interleaved rounds (this machine is noisy; the medians
   of the rounds are shown), each row printed as soon as its group is done: the faithful
   loop (the original notebook's cell functions, m = 1, float64, as the original ran
   them), the original's loop itself (`OriginalLoop`: its discarded second backward pass
   and step-by-step output layer included), the fast trainer with the default settings
   (m = 128, float32, workers "auto": the row says what it chose, see workers.py), with one
   worker, with float64, and at m = 32. With ``--against torch`` the same recipe in PyTorch
   (bench_torch.py) runs in a process of its own (torch is never imported in this one: its
   threads would be measured as lstm_np's slowness), each of its rows right after the
   lstm_np row it is compared with, in the same rounds, at m = 128 and m = 32; the ratio
   lstm_np / PyTorch of each round is summarised, the default against PyTorch's default
   threads and one worker against one thread. After each PyTorch row the benchmark waits
   until none of that process's threads runs. BLAS runs with one thread meanwhile
   (blas.py), as in training; PyTorch keeps its own threads.
2. Time from scratch until the validation loss reaches 1.60 nats per character.
3. Time to generate 300 characters (what a slider move costs), with the pretrained model
   that the sliders use and with the float32 model trained in 2.
4. Peak memory (resident set) of this process.

``--busy-core`` (`busy_core`) measures instead what the default's choice of workers gives
when another program keeps one core busy: the default against one worker, median of 5.
"""
import os
import resource
import statistics
import subprocess
import sys
import time

import numpy as np

from ..engine.blas import blas_threads
from .bench_torch import TorchProcess, TorchProcessError   # (it never imports torch here)
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
from ..engine.workers import idle_cores


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
    """Measure and print the table, a line per row as it goes; returns {row: median chars/s}.

    against : None, or "torch" to run the same recipe in PyTorch beside lstm_np, in a
        process of its own (an error saying how to install it if torch cannot be imported).
    n_a, seq_length, limit : sizes and the time limit of the race to 1.60 nats per
        character (smaller ones make a quick test of the benchmark itself).
    """
    if against is not None and against != "torch":
        raise LstmNpError(_("--against must be 'torch', got {value!r}").format(value=against))
    rounds = 1 if quick else 7
    out(f"lstm_np bench on corpus {corpus!r}, n_a={n_a}, T_x={seq_length}: rows measured in "
        f"groups of {rounds} interleaved round(s), each row printed when its group is done"
        + ("; PyTorch in a process of its own" if against else ""))
    out(_load_line())
    torch = None
    if against is not None:
        try:
            torch = TorchProcess(corpus, seq_length)
        except TorchProcessError as error:
            if str(error) != "no torch":
                raise LstmNpError(_("--against torch: the PyTorch process failed: {error}")
                                  .format(error=error)) from None
            raise LstmNpError(_(
                "--against torch: PyTorch cannot be imported in this Python; install the "
                "CPU wheel in an environment of its own (pip install torch==2.13.0) and run "
                "the benchmark from there; lstm_np itself never needs it")) from None
        n = torch.hello["threads"]
        out(f"PyTorch {torch.hello['torch']}: process {torch.proc.pid}, {n} "
            f"thread{'s' * (n > 1)} by default")
    try:
        with blas_threads():                  # one BLAS thread, as in training (blas.py)
            return _run(corpus, quick, out, torch, n_a, seq_length, limit, rounds)
    except TorchProcessError as error:
        raise LstmNpError(_("--against torch: the PyTorch process failed: {error}")
                          .format(error=error)) from None
    finally:
        if torch is not None:
            torch.close()


def _load_line():
    """The machine's load now: the bench is only as good as the quiet it ran in."""
    idle = idle_cores()
    return (f"load average {os.getloadavg()[0]:.2f}; cores idle now: "
            f"{'?' if idle is None else f'{idle:.1f}'} of {os.cpu_count()}")


def _groups(torch, n_a, seq_length):
    """The rows, in groups measured one after the other: [(name, settings, engine, updates)].

    In a group the rows are measured in interleaved rounds; each PyTorch row comes right
    after the lstm_np row it is compared with (same m; as many threads as lstm_np has
    workers, PyTorch's default against lstm_np's), so the two are measured seconds apart
    in every round. "{auto}" in a name: the number of workers the default chose.
    """
    base = dict(n_a=n_a, seq_length=seq_length)
    threads = torch.hello["threads"] if torch is not None else None

    def against(m, n, updates):
        if torch is None:
            return []
        return [(f"PyTorch nn.LSTM, m={m}, float32, {n} thread{'s' * (n > 1)}",
                 dict(base, batch_size=m, workers=n), "torch", updates)]
    return [
        [("faithful loop (the original's functions), m=1, float64",
          dict(base, batch_size=1, dtype="float64", workers=1), "faithful", 20),
         ("the original's loop as it ran (2 backward passes), m=1",
          dict(base, batch_size=1, dtype="float64", workers=1), "original", 10)],
        [("fast trainer, default (m=128, float32, workers auto: {auto})", base, "fast", 15),
         *against(128, threads, 15),
         ("fast trainer, m=128, float32, 1 worker", dict(base, workers=1), "fast", 15),
         *against(128, 1, 15)],
        [("fast trainer, m=128, float64, 2 workers", dict(base, dtype="float64", workers=2),
          "fast", 10),
         ("fast trainer, m=128, float64, 1 worker", dict(base, dtype="float64", workers=1),
          "fast", 10)],
        [("fast trainer, m=32, float32, workers auto: {auto}", dict(base, batch_size=32),
          "fast", 40),
         *against(32, threads, 40),
         ("fast trainer, m=32, float32, 1 worker", dict(base, batch_size=32, workers=1),
          "fast", 40),
         *against(32, 1, 40)],
    ]


class _Remote:
    """A PyTorch trainer living in the benchmark's PyTorch process (bench_torch.py)."""

    def __init__(self, torch, key, settings):
        self.torch, self.key = torch, key
        torch.ask({"op": "make", "key": key, "settings": settings})

    def rate(self, updates):
        return self.torch.ask({"op": "rate", "key": self.key, "updates": updates})["rate"]


def _make(text, settings, engine):
    if engine == "original":
        return OriginalLoop(text, TrainConfig(**settings))
    return Trainer(text, TrainConfig(**settings), engine=engine)


def _run(corpus, quick, out, torch, n_a, seq_length, limit, rounds):
    text = load_corpus(corpus, min_length=seq_length + 1)
    out(f"corpus {corpus!r}: {len(text):,} characters")
    out("")
    out(f"{'trainer':<60} {'chars/s':>10} {'vs faithful':>12}")
    names, rates, workers = [], [], []
    for group in _groups(torch, n_a, seq_length):
        trainers = []
        for name, settings, engine, _updates in group:
            if engine == "torch":
                trainers.append(_Remote(torch, len(names) + len(trainers), settings))
                continue
            tr = _make(text, settings, engine)
            for _i in range(3):
                tr.step()                                         # warm up
            trainers.append(tr)
        # Interleaved rounds of about a second: the machine's speed drifts over seconds, so
        # each trainer is compared with the others measured in the same round, and the
        # median of the rounds is shown.
        group_rates = [[] for _s in group]
        for _r in range(rounds):
            for i, (*_s, updates) in enumerate(group):
                n = max(2, updates // 5) if quick else updates
                tr = trainers[i]
                group_rates[i].append(tr.rate(n) if isinstance(tr, _Remote)
                                      else _chars_per_second(tr, n))
        for (name, *_s), tr, rate in zip(group, trainers, group_rates):
            workers.append(getattr(getattr(tr, "config", None), "workers", None))
            name = name.format(auto=workers[-1])
            names.append(name)
            rates.append(rate)
            ratio = statistics.median(rate) / statistics.median(rates[0])
            out(f"{name:<60} {statistics.median(rate):>10,.0f} {ratio:>11.1f}x")
        for tr in trainers:
            if isinstance(tr, Trainer):
                tr.workers.close()                              # its helper, if any
    out("")

    races = [("default (float32)", dict(n_a=n_a, seq_length=seq_length), "fast"),
             ("float64", dict(n_a=n_a, seq_length=seq_length, dtype="float64"), "fast")]
    if torch is not None:
        races.append(("PyTorch (float32)", dict(n_a=n_a, seq_length=seq_length,
                                                workers=torch.hello["threads"]), "torch"))
    trained = None
    for label, settings, engine in races:
        if engine == "torch":
            r = torch.ask({"op": "race", "settings": settings, "target": TARGET,
                           "limit": limit})
            seconds, t, val = r["seconds"], r["t"], r["val"]
        else:
            seconds, t, val, trainer = time_to_loss(lambda: _make(text, settings, engine),
                                                    limit=limit)
            trainer.workers.close()
            trained = trained or trainer
        if seconds is None:
            out(f"time to {TARGET:.2f} nats/char, {label}: not reached in {limit:g} s "
                f"({t} updates, val {val:.3f})")
        else:
            out(f"time to {TARGET:.2f} nats/char, {label}: {seconds:.1f} s "
                f"({t} updates, val {val:.3f})")

    # Generation is timed with the model the sliders use: the pretrained one (float64).
    models = [("the model trained above (float32)", trained.parameters, trained.vocab)]
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
    out(_load_line())
    out("")
    medians = [statistics.median(rate) for rate in rates]
    default = next(i for i, name in enumerate(names) if name.startswith("fast trainer, default"))
    f64 = names.index("fast trainer, m=128, float64, 2 workers")
    for i, label in ((default, "default fast trainer"), (f64, "fast trainer float64, 2 workers")):
        for base, loop in ((0, "faithful m=1 loop"), (1, "the original's loop")):
            out(f"ratio, {label} / {loop}: {medians[i] / medians[base]:.1f}x "
                "(medians of their groups)")
    if torch is not None:                     # each round's ratio, lstm_np / PyTorch
        for i, name in enumerate(names):
            if name.startswith("PyTorch"):        # compared with the trainer just before it
                m = 128 if "m=128" in name else 32
                n = torch.hello["threads"] if "1 worker" not in names[i - 1] else 1
                k = workers[i - 1]
                who = "1 worker" if n == 1 else f"default ({k} worker{'s' * (k > 1)})"
                per_round = [a / b for a, b in zip(rates[i - 1], rates[i])]
                out(f"ratio, lstm_np float32 / PyTorch, m={m}, {who} against {n} "
                    f"thread{'s' * (n > 1)}: {_spread(per_round)}")
    return dict(zip(names, medians))


def busy_core(corpus="es", out=print, runs=5, *, n_a=100, seq_length=25, updates=(20, 50)):
    """The default trainer against one worker while another program keeps a core busy.

    Starts that program itself (``python -c "while True: pass"``), then, at m = 128 and at
    m = 32, `runs` times: a new default trainer (workers "auto": it chooses again each time)
    and a new one-worker trainer, warmed up, each timed over 3 slices of `updates` (for
    m = 128, m = 32) updates, alternating. Prints a line per run (with the load average) and the
    median of the runs' ratios; stops the busy program, however it ends. Returns
    {m: [ratios]}.
    """
    out(f"lstm_np bench --busy-core on corpus {corpus!r}, n_a={n_a}, T_x={seq_length}: the "
        f"default (workers auto) against 1 worker, {runs} runs each at m=128 and m=32, "
        "with another program keeping one core busy")
    text = load_corpus(corpus, min_length=seq_length + 1)
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    out(f"busy program: process {busy.pid}")
    ratios = {}
    try:
        time.sleep(1.0)                               # let it take its core
        with blas_threads():
            for m, n in zip((128, 32), updates):
                ratios[m], chosen = [], []
                for r in range(runs):
                    base = dict(n_a=n_a, seq_length=seq_length, batch_size=m)
                    default = Trainer(text, TrainConfig(**base))
                    one = Trainer(text, TrainConfig(**base, workers=1))
                    for tr in (default, one):
                        for _i in range(3):
                            tr.step()                 # warm up
                    # three slices each, alternating, so that a drift of the machine's
                    # speed during the run falls on both
                    pair = (default, one) if r % 2 == 0 else (one, default)
                    seconds = {id(tr): 0.0 for tr in pair}
                    for _slice in range(3):
                        for tr in pair:
                            seconds[id(tr)] += m * seq_length * n / _chars_per_second(tr, n)
                    rate = {key: 3 * m * seq_length * n / value
                            for key, value in seconds.items()}
                    ratio = rate[id(default)] / rate[id(one)]
                    ratios[m].append(ratio)
                    chosen.append(default.config.workers)
                    default.workers.close()
                    out(f"m={m}, run {r + 1}: default (auto chose {default.config.workers}) "
                        f"{rate[id(default)]:,.0f} chars/s, 1 worker {rate[id(one)]:,.0f} "
                        f"chars/s: {ratio:.2f}x (load average {os.getloadavg()[0]:.2f})")
                out(f"m={m}: default / 1 worker with a core busy, median of {runs}: "
                    f"{statistics.median(ratios[m]):.2f}x (the default chose 2 workers in "
                    f"{chosen.count(2)} of {runs} runs)")
    finally:
        busy.kill()
        busy.wait()
    return ratios
