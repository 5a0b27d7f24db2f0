"""Time FastLSTM.loss_and_gradients alone (no data, no Adam), for a dtype and batch size.

    python tools/profile_fast.py float32 128
prints the forward time, the total time of one update and characters per second (medians of
interleaved rounds). BLAS runs with one thread, as in training (lstm_np/blas.py): OpenBLAS's
own threads make these small products many times slower whenever another program holds a
core. For where the time goes inside an update, run it under a sampling profiler, e.g.
`py-spy record --native -- python tools/profile_fast.py` (py-spy is on PyPI).
"""
import statistics
import sys
import time

import numpy as np

import lstm_np
from lstm_np.engine.blas import blas_threads
from lstm_np.engine.fast import FastLSTM, flatten


def main(dtype="float32", m=128, n_a=100, V=47, T=25, updates=20, rounds=5):
    rng = np.random.default_rng(0)
    dtype = np.dtype(dtype)
    theta = flatten(lstm_np.initialize_parameters(n_a, V, V, rng=1, dtype=dtype))
    net = FastLSTM(theta, n_a, V, V)
    X, Y = rng.integers(0, V, (m, T)), rng.integers(0, V, (m, T))
    a0 = np.zeros((m, n_a), dtype)
    net.loss_and_gradients(X, Y, a0, a0)                      # warm up the work arrays

    def per_update(call):
        start = time.perf_counter()
        for _ in range(updates):
            call()
        return (time.perf_counter() - start) / updates

    times = {"forward": [], "update": []}
    for _ in range(rounds):                                   # interleaved: the machine drifts
        times["forward"].append(per_update(lambda: net._forward(X, a0, a0)))
        times["update"].append(per_update(lambda: net.loss_and_gradients(X, Y, a0, a0)))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"{dtype} m={m}: forward {med['forward'] * 1e3:.2f} ms, update "
          f"{med['update'] * 1e3:.2f} ms, {m * T / med['update']:,.0f} characters/s "
          f"(median of {rounds} rounds)")


if __name__ == "__main__":
    with blas_threads():
        main(sys.argv[1] if len(sys.argv) > 1 else "float32",
             int(sys.argv[2]) if len(sys.argv) > 2 else 128)
