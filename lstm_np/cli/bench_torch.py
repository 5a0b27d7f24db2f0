"""The recipe of `Trainer` written in PyTorch, for `python -m lstm_np bench --against torch`,
and the process of its own in which the benchmark runs it (`TorchProcess`, `serve`).

For comparison only: lstm_np never needs torch (`import torch` happens here, in the
benchmark's PyTorch process, never in the benchmark's own). The recipe is the same
as the fast trainer's: the same text read through the same `Streams` (m parallel streams,
windows of T_x characters, states carried from window to window, a new offset per epoch),
one-hot inputs, `nn.LSTM` with n_a hidden units and a linear output layer, the mean
cross-entropy per character, every gradient entry clipped to +-clip_value, Adam with the
same alpha, betas and epsilon, float32. The initialisation is PyTorch's own, so the losses
are not those of lstm_np's run, only alike. `threads` None keeps PyTorch's default number of
threads (one per core); 1 makes it run on one, like lstm_np's trainer with workers=1 (with
workers=2 lstm_np uses two processes, one per core: see workers.py).
"""
import json
import os
import subprocess
import sys
import time

import numpy as np

from ..engine.streams import Streams


def import_torch():
    """torch, or None if it cannot be imported."""
    try:
        import torch
    except ImportError:
        return None
    return torch


_DEFAULT_THREADS = []


def default_threads():
    """PyTorch's own number of threads, as it was before any trainer changed it."""
    if not _DEFAULT_THREADS:
        import torch
        _DEFAULT_THREADS.append(torch.get_num_threads())
    return _DEFAULT_THREADS[0]


class TorchTrainer:
    """`Trainer`'s recipe in PyTorch: step() does one update, validation_loss() evaluates.

    Parameters
    ----------
    train_ix, val_ix : int arrays, the training and validation text as indices (the same
        as a `Trainer`'s, so both read the same windows).
    V : vocabulary size.  config : the `TrainConfig` whose settings are copied.
    threads : None (PyTorch's default) or a number of threads, set before every update.
    """

    def __init__(self, train_ix, val_ix, V, config, threads=None):
        import torch
        self.torch, self.config, self.V = torch, config, V
        self.threads = threads or default_threads()
        torch.manual_seed(config.seed)
        self.lstm = torch.nn.LSTM(V, config.n_a, batch_first=True)
        self.out = torch.nn.Linear(config.n_a, V)
        self.params = list(self.lstm.parameters()) + list(self.out.parameters())
        self.optimiser = torch.optim.Adam(self.params, lr=config.learning_rate,
                                          betas=(config.beta1, config.beta2),
                                          eps=config.epsilon)
        self.streams = Streams(train_ix, config.batch_size, config.seq_length, config.n_a,
                               np.float32)
        self.rng = np.random.default_rng(config.seed)
        self.streams.start_epoch(self.rng)
        self.val_ix = val_ix
        self.eye = torch.eye(V)
        self.t = 0

    def _states(self, a, c):
        torch = self.torch
        return (torch.from_numpy(np.ascontiguousarray(a))[None],
                torch.from_numpy(np.ascontiguousarray(c))[None])

    def _use_threads(self):
        if self.torch.get_num_threads() != self.threads:
            self.torch.set_num_threads(self.threads)

    def step(self):
        """One update: forward, backward, clip, Adam; returns the loss (nats per character)."""
        torch, streams = self.torch, self.streams
        self._use_threads()
        X, Y = streams.batch()
        x = self.eye[torch.from_numpy(X)]                             # (m, T_x, V) one-hot
        h, (aT, cT) = self.lstm(x, self._states(streams.a, streams.c))
        logits = self.out(h)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, self.V),
                                                 torch.from_numpy(Y).reshape(-1))
        self.optimiser.zero_grad(set_to_none=False)
        loss.backward()
        torch.nn.utils.clip_grad_value_(self.params, self.config.clip_value)
        self.optimiser.step()
        self.t += 1
        streams.advance(aT[0].detach().numpy().copy(), cT[0].detach().numpy().copy(), self.rng)
        return float(loss.detach())

    def validation_loss(self, streams=8, chunk=200):
        """Mean loss per character on the validation text, read as `evaluate_indices` reads it."""
        torch, ix = self.torch, self.val_ix
        self._use_threads()
        m = max(1, min(streams, (len(ix) - 1) // 2))
        L = (len(ix) - 1) // m
        starts = np.arange(m) * L
        state, total, count = None, 0.0, 0
        with torch.no_grad():
            for s in range(0, L, chunk):
                T = min(chunk, L - s)
                idx = starts[:, None] + s + np.arange(T)[None, :]
                h, state = self.lstm(self.eye[torch.from_numpy(ix[idx])], state)
                logits = self.out(h).reshape(-1, self.V)
                loss = torch.nn.functional.cross_entropy(
                    logits, torch.from_numpy(ix[idx + 1]).reshape(-1))
                total += float(loss) * m * T
                count += m * T
        return total / count


# ---------------------------------------------------------------- a process of its own
# The benchmark never imports torch in its own process: PyTorch's thread pool, and what
# importing it changes, would be measured as lstm_np's slowness (issue 27 measured 0.27x
# that way, 1.0x in separate processes). `TorchProcess` starts `serve` in a new Python,
# sends it one JSON line per request on its standard input and reads one JSON line back.

def serve(corpus, seq_length):
    """The PyTorch side (run as ``python -c``, see `TorchProcess`): answer each request.

    Requests (JSON, one a line): {"op": "hello"}; {"op": "make", "key": K, "settings": S}
    (a TorchTrainer for the TrainConfig settings S, whose "workers" is the number of
    threads, warmed up by 3 updates); {"op": "rate", "key": K, "updates": N} (characters
    per second over N updates); {"op": "race", "settings": S, "target": L, "limit": s}
    (seconds until the validation loss is <= L). Each answer is a JSON line; {"error": ...}
    if the request failed.
    """
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)                    # a stray print goes to standard error, not to the answers
    torch = import_torch()
    if torch is None:
        print(json.dumps({"error": "no torch"}), file=answers, flush=True)
        return
    from .bench import _chars_per_second, time_to_loss
    from ..engine.config import TrainConfig
    from ..engine.train import Trainer
    from ..storage.corpus import load_corpus
    text = load_corpus(corpus, min_length=seq_length + 1)
    trainers = {}

    def make(settings):
        settings = dict(settings)
        threads = settings.pop("workers", None)
        ref = Trainer(text, TrainConfig(**settings, workers=1))     # vocabulary and split
        return TorchTrainer(ref.train_ix, ref.val_ix, ref.vocab.size, ref.config,
                            threads=threads)

    for line in sys.stdin:
        request = json.loads(line)
        try:
            if request["op"] == "hello":
                answer = {"torch": torch.__version__, "threads": default_threads()}
            elif request["op"] == "make":
                trainer = trainers[request["key"]] = make(request["settings"])
                for _i in range(3):
                    trainer.step()
                answer = {"ok": True}
            elif request["op"] == "rate":
                answer = {"rate": _chars_per_second(trainers[request["key"]],
                                                    request["updates"])}
            else:
                seconds, t, val, _tr = time_to_loss(lambda: make(request["settings"]),
                                                    request["target"], request["limit"])
                answer = {"seconds": seconds, "t": t, "val": val}
        except Exception as error:                    # told to the benchmark, which stops
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), file=answers, flush=True)


class TorchProcessError(RuntimeError):
    """The benchmark's PyTorch process failed a request (its message says how)."""


class TorchProcess:
    """PyTorch's trainers in a Python process of their own (see `serve`).

    After every answer, `ask` waits until the process is idle: none of its threads running
    (read in /proc/PID/task/*/stat, where there is one; else a pause of 0.3 s), so that
    PyTorch's threads, which spin for a while after their work, never take a core from the
    lstm_np trainer measured next.
    """

    def __init__(self, corpus, seq_length):
        code = ("import sys; sys.path.insert(0, sys.argv[1]); "
                "from lstm_np.cli.bench_torch import serve; serve(sys.argv[2], int(sys.argv[3]))")
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        self.proc = subprocess.Popen([sys.executable, "-c", code, root, str(corpus),
                                      str(seq_length)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, encoding="utf-8")
        self.hello = self.ask({"op": "hello"})

    def ask(self, request):
        """Send a request, return the answer (a dict); TorchProcessError if it failed."""
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except OSError:
            line = ""
        answer = json.loads(line) if line else {"error": "the PyTorch process stopped"}
        if "error" in answer:
            raise TorchProcessError(answer["error"])
        self.wait_idle()
        return answer

    def busy_threads(self):
        """How many threads of the process are running now; None if this cannot be read."""
        folder = f"/proc/{self.proc.pid}/task"
        try:
            tasks = os.listdir(folder)
        except OSError:
            return None
        running = 0
        for task in tasks:
            try:
                with open(f"{folder}/{task}/stat") as f:
                    state = f.read().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            running += state == "R"
        return running

    def wait_idle(self, limit=3.0):
        """Wait until no thread of the process has run for two looks 10 ms apart."""
        if self.busy_threads() is None:
            time.sleep(0.3)
            return
        quiet, start = 0, time.perf_counter()
        while quiet < 2 and time.perf_counter() - start < limit:
            quiet = quiet + 1 if self.busy_threads() == 0 else 0
            time.sleep(0.01)

    def close(self):
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
