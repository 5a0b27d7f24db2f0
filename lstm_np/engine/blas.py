"""One BLAS thread while training: the matrices of this network are small, and threads hurt.

numpy hands matrix products to OpenBLAS, which splits each product over all cores. For the
products of this network ((32, 100) @ (100, 400) and the like) the split saves little when
the machine is idle and costs a lot when it is not: each thread waits for the other at
every product, and when another process holds a core the wait lasts a whole scheduler
slice. Measured on a 2-core machine with other work running: 250 training updates took
16 s with two threads and 2.5 s with one.

So `Trainer.train` and the benchmark run inside ``with blas_threads():``, which asks
OpenBLAS for one thread through `threadpoolctl` (a small library that does just this) and
gives the old setting back when the block ends. Importing lstm_np changes nothing in the
process. The trainer uses a second core its own way: it cuts each batch into blocks of
streams, one per process (`TrainConfig.workers`, see workers.py), so each process has a whole
forward and backward pass to do between two meetings instead of one small product.

The environment variable LSTM_NP_BLAS_THREADS chooses another number, or "all" to leave the
library's default; an unusable value gives a warning and the default of one thread.
"""
import contextlib
import os
import warnings

ENV_VAR = "LSTM_NP_BLAS_THREADS"
DEFAULT = 1


def wanted_threads():
    """The BLAS thread count asked for by LSTM_NP_BLAS_THREADS: an int >= 1, or None ("all").

    Unset means 1. A value that is neither a whole number >= 1 nor "all" gives a warning
    (naming the variable) and 1.
    """
    wanted = os.environ.get(ENV_VAR, str(DEFAULT)).strip().lower()
    if wanted == "all":
        return None
    try:
        limit = int(wanted)
        if limit < 1:
            raise ValueError
    except ValueError:
        warnings.warn(f"{ENV_VAR}={wanted!r} is not a whole number >= 1 nor 'all'; "
                      f"using {DEFAULT} BLAS thread", RuntimeWarning, stacklevel=3)
        return DEFAULT
    return limit


@contextlib.contextmanager
def blas_threads():
    """Context manager: BLAS limited to `wanted_threads()` inside the block, restored after.

    Without threadpoolctl (optional: lstm_np itself needs numpy only) it changes nothing.
    """
    limit = wanted_threads()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        limit = None
    if limit is None:
        yield None
        return
    import numpy                   # noqa: F401  (OpenBLAS must be loaded to be found)
    with threadpool_limits(limits=limit, user_api="blas"):
        yield limit
