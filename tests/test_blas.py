"""Importing lstm_np limits OpenBLAS to one thread (see lstm_np/blas.py), unless told not to."""
import os
import subprocess
import sys

import pytest

pytest.importorskip("threadpoolctl")

PROBE = ("import lstm_np\nfrom threadpoolctl import threadpool_info\n"
         "print(max(i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'))")


def blas_threads(value):
    env = dict(os.environ)
    env.pop("OPENBLAS_NUM_THREADS", None)
    if value is None:
        env.pop("LSTM_NP_BLAS_THREADS", None)
    else:
        env["LSTM_NP_BLAS_THREADS"] = value
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return int(out.stdout)


def test_one_thread_by_default():
    assert blas_threads(None) == 1


def test_the_setting_is_obeyed():
    assert blas_threads("all") == os.cpu_count()          # OpenBLAS's own default: every core
    if os.cpu_count() >= 2:
        assert blas_threads("2") == 2


def test_a_bad_setting_is_refused():
    with pytest.raises(AssertionError, match="LSTM_NP_BLAS_THREADS"):
        blas_threads("many")
