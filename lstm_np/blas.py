"""One BLAS thread: the matrices of this network are small, and threads only hurt.

numpy hands matrix products to OpenBLAS, which splits each product over all cores. For the
products of this network ((32, 100) @ (100, 400) and the like) the split saves little when
the machine is idle and costs a lot when it is not: each thread waits for the other at
every product, and when another process holds a core the wait lasts a whole scheduler
slice. Measured on a 2-core machine with other work running: 250 training updates took
16 s with two threads and 2.5 s with one.

So importing lstm_np asks OpenBLAS for one thread, through `threadpoolctl` (a small
library that does just this) if it is installed; without it nothing changes. The trainer
uses a second core its own way: it cuts each batch into blocks of streams, one per thread
(`TrainConfig.workers`, see train.py), so each thread has a whole forward and backward pass
to do between two meetings instead of one small product. Set the
environment variable LSTM_NP_BLAS_THREADS to another number (or to "all" to leave the
library's default) before importing lstm_np to choose otherwise.
"""
import os

ENV_VAR = "LSTM_NP_BLAS_THREADS"


def limit_blas_threads():
    """Apply LSTM_NP_BLAS_THREADS (default 1); return the limit set, or None if none was."""
    wanted = os.environ.get(ENV_VAR, "1").strip().lower()
    if wanted == "all":
        return None
    try:
        limit = int(wanted)
    except ValueError:
        raise ValueError(f"{ENV_VAR} must be a whole number or 'all', got {wanted!r}") from None
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:            # optional: lstm_np itself needs numpy only
        return None
    import numpy                   # noqa: F401  (OpenBLAS must be loaded to be found)
    threadpool_limits(limits=limit, user_api="blas")
    return limit
