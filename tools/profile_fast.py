"""Time FastLSTM.loss_and_gradients alone (no data, no Adam), for a dtype and batch size.

    python tools/profile_fast.py float32 128
prints the forward time, the total time of one update and characters per second.
"""
import sys
import time

import numpy as np

import lstm_np
from lstm_np.fast import FastLSTM, flatten


def main(dtype="float32", m=128, n_a=100, V=47, T=25, updates=40):
    rng = np.random.default_rng(0)
    dtype = np.dtype(dtype)
    theta = flatten(lstm_np.initialize_parameters(n_a, V, V, rng=1, dtype=dtype))
    net = FastLSTM(theta, n_a, V, V)
    X, Y = rng.integers(0, V, (m, T)), rng.integers(0, V, (m, T))
    a0 = np.zeros((m, n_a), dtype)
    net.loss_and_gradients(X, Y, a0, a0)                      # warm up the work arrays
    start = time.perf_counter()
    for _ in range(updates):
        net._forward(X, a0, a0)
    forward = (time.perf_counter() - start) / updates
    start = time.perf_counter()
    for _ in range(updates):
        net.loss_and_gradients(X, Y, a0, a0)
    total = (time.perf_counter() - start) / updates
    print(f"{dtype} m={m}: forward {forward * 1e3:.2f} ms, update {total * 1e3:.2f} ms, "
          f"{m * T / total:,.0f} characters/s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "float32",
         int(sys.argv[2]) if len(sys.argv) > 2 else 128)
