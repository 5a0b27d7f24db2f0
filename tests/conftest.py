"""Settings shared by the tests.

The package's messages follow the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); the tests
that read a message expect the English one, so they run in English on any machine, also
under a Spanish locale. A test that wants another language sets it (tests/test_i18n.py).
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import pseudo_text

os.environ["LANGUAGE"] = "en"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A made-up text file (about 5,000 characters, two accented words), for the fault tests."""
    d = tmp_path_factory.mktemp("faults")
    (d / "corpus.txt").write_text(pseudo_text(5000) + "café, canción\n", encoding="utf-8")
    return d / "corpus.txt"


@pytest.fixture(scope="module")
def model(corpus):
    """A tiny float32 checkpoint of 4 updates on `corpus`, written by the command line."""
    path = corpus.parent / "model_ck.npz"
    r = subprocess.run([sys.executable, "-m", "lstm_np", "train", "--corpus", str(corpus),
                        "--updates", "4", "--checkpoint", str(path), "--hidden", "8",
                        "--batch-size", "2", "--seq-length", "8"], cwd=corpus.parent,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return path


QUICK = {"test_forward.py", "test_gradients.py", "test_optim.py", "test_sampling.py",
         "test_layout.py", "test_lessons.py", "test_twins.py", "test_twins_lock.py",
         "test_notebooks_tool.py", "test_slide_claims.py"}
"""The quick tier, `python -m pytest -m quick`: the taught maths, its gradients against
finite differences, the lessons' shape, the lesson source format and its twins lock, and
lesson 01 of each language (notebooks/conftest.py)."""


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name in QUICK:
            item.add_marker("quick")
