"""The threads of training: a batch's loss and gradient computed by blocks of streams."""
from concurrent.futures import ThreadPoolExecutor, wait

import numpy as np

from .fast import FastLSTM


class BlockGradients:
    """Loss and gradient of a batch on the fast path, the m streams cut into `workers` blocks.

    One thread per block (the calling thread takes block 0). numpy lets go of Python's
    global lock inside its loops and matrix products, so the blocks run on different cores.
    The loss is the mean over all m T_x characters, so its gradient is the mean of the
    blocks' gradients, each weighted by its share of the characters. The result depends on
    `workers` (through rounding) but never on which thread finishes first.

    Every block's FastLSTM reads the same flat parameter vector `theta`; `nets[0]` is the one
    the trainer evaluates with.
    """

    def __init__(self, theta, n_a, V, m, workers):
        k = min(workers, m)
        edges = [round(i * m / k) for i in range(k + 1)]
        self.blocks = [slice(lo, hi) for lo, hi in zip(edges[:-1], edges[1:])]
        self.nets = [FastLSTM(theta, n_a, V, V) for _ in range(k)]
        self._grad = np.empty_like(theta) if k > 1 else None     # the blocks' combined gradient
        self._pool = ThreadPoolExecutor(k - 1) if k > 1 else None

    def __call__(self, X, Y, a, c):
        """X, Y: int (m, T_x); a, c: (m, n_a). Returns loss, gradient (like theta), aT, cT."""
        if len(self.nets) == 1:
            return self.nets[0].loss_and_gradients(X, Y, a, c)

        def run(i):
            s = self.blocks[i]
            return self.nets[i].loss_and_gradients(X[s], Y[s], a[s], c[s])
        jobs = [self._pool.submit(run, i) for i in range(1, len(self.nets))]
        try:
            results = [run(0)]
        finally:
            wait(jobs)                     # never leave a thread working when we return
        results += [job.result() for job in jobs]
        m = X.shape[0]
        loss, grad = 0.0, self._grad
        grad[...] = 0.0
        for s, (block_loss, block_grad, _, _) in zip(self.blocks, results):
            share = (s.stop - s.start) / m
            loss += share * block_loss
            grad += share * block_grad
        aT = np.concatenate([r[2] for r in results])
        cT = np.concatenate([r[3] for r in results])
        return loss, grad, aT, cT
