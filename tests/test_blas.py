"""BLAS threads: importing lstm_np changes nothing; training and the benchmark run with one
BLAS thread (lstm_np/blas.py) and give the process's setting back afterwards."""
import os
import subprocess
import sys

import pytest

pytest.importorskip("threadpoolctl")

HEADER = """
import warnings
warnings.simplefilter("error")
import numpy
from threadpoolctl import threadpool_info
def count():
    return max(i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas')
"""


def run(body, value=None):
    env = dict(os.environ)
    env.pop("OPENBLAS_NUM_THREADS", None)
    env.pop("LSTM_NP_BLAS_THREADS", None)
    if value is not None:
        env["LSTM_NP_BLAS_THREADS"] = value
    out = subprocess.run([sys.executable, "-c", HEADER + body], env=env, capture_output=True,
                         text=True, cwd=os.path.dirname(__file__))
    return out


def numbers(body, value=None):
    out = run(body, value)
    assert out.returncode == 0, out.stderr
    return [int(x) for x in out.stdout.split()]


def test_import_changes_nothing():
    before, after = numbers("print(count())\nimport lstm_np\nprint(count())")
    assert before == after == os.cpu_count()


INSIDE = """
from lstm_np.engine.blas import blas_threads
with blas_threads():
    print(count())
print(count())
"""


def test_one_thread_inside_the_block_and_restored_after():
    inside, after = numbers(INSIDE)
    assert inside == 1 and after == os.cpu_count()


def test_the_setting_is_obeyed():
    assert numbers(INSIDE, "all") == [os.cpu_count()] * 2
    if os.cpu_count() >= 2:
        assert numbers(INSIDE, "2")[0] == 2


@pytest.mark.parametrize("value", ["many", "0", "-3", "1.5"])
def test_a_bad_setting_is_a_warning_not_an_error(value):
    out = run("import lstm_np\nprint('imported')")           # warnings are errors here
    assert out.returncode == 0 and out.stdout.split() == ["imported"], out.stderr
    out = run(INSIDE.replace("from lstm_np", "warnings.simplefilter('default')\nfrom lstm_np"),
              value)
    assert out.returncode == 0, out.stderr
    assert [int(x) for x in out.stdout.split()] == [1, os.cpu_count()]
    assert "LSTM_NP_BLAS_THREADS" in out.stderr and "Warning" in out.stderr


TRAINING = """
import sys
sys.path.insert(0, '.')
from helpers import pseudo_text
from lstm_np.engine.train import Trainer
from lstm_np.engine.config import TrainConfig
tr = Trainer(pseudo_text(3000), TrainConfig(n_a=8, batch_size=2, seq_length=8, workers=1))
seen = []
step = tr.step
def spy():
    seen.append(count())
    return step()
tr.step = spy
tr.train(updates=3, every=3, log=None)
print(*sorted(set(seen)), count())
"""


def test_training_runs_with_one_thread_and_gives_the_setting_back():
    assert numbers(TRAINING) == [1, os.cpu_count()]
