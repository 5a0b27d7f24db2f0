"""Faults as users meet them (issue 25), each class with its siblings.

Closed standard streams; a helper process that stops answering (SIGSTOP, frozen, debugged);
signals during the helper's start; Ctrl-C pressed again while stopping; SIGQUIT and SIGXCPU
during a save; limits of the machine (memory, file size, NAME_MAX); arguments that pass the
checks but break the maths; the C locale; umask, symbolic and hard links; a huge vocabulary;
a checkpoint resumed with another number of workers; and the install: the pretrained models
inside the package, `sample` without --model, its help, argparse in Spanish, the bench's first
lines.

Every run is bounded by a timeout; a signal is sent at a chosen moment from inside the process
(a patched function), never after a sleep.
"""
import argparse
import inspect
import json
import os
import re
import resource
import signal
import stat
import subprocess
import sys
import tomllib
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest

from lstm_np.cli import bench
from lstm_np.cli import main as cli
from lstm_np.storage import corpus as data
from lstm_np.engine import workers as workers_module
from lstm_np.engine.blas import blas_threads
from lstm_np.storage.checkpoint import Checkpoint, pretrained_path
from lstm_np.errors import LstmNpError
from lstm_np.storage.files import TrainerLock, atomic_write
from lstm_np.engine.generation import generate, stream_top_k
from lstm_np.engine.workers import BlockGradients
from helpers import pseudo_text
from test_faults import env
from test_worker_processes import assert_same, batch, copies, in_one_process, N_A, V

ROOT = Path(__file__).resolve().parent.parent
SMALL = ["--hidden", "8", "--batch-size", "4", "--seq-length", "8"]


def run(args, cwd, timeout=120, **kw):
    return subprocess.run([sys.executable, "-m", "lstm_np", *map(str, args)], cwd=cwd,
                          env=kw.pop("env", env()), capture_output=True, timeout=timeout, **kw)


def shell(redirect, args, cwd, timeout=120):
    """python -m lstm_np ARGS with a shell redirection (">&-" closes standard output)."""
    return subprocess.run(["bash", "-c", f'exec "$0" -m lstm_np "$@" {redirect}',
                           sys.executable, *map(str, args)], cwd=cwd, env=env(),
                          capture_output=True, timeout=timeout)


def one_line(stderr, *fragments):
    text = stderr.decode("utf-8") if isinstance(stderr, bytes) else stderr
    lines = text.strip("\n").split("\n")
    assert len(lines) == 1 and "Traceback" not in text, text
    for fragment in fragments:
        assert fragment in lines[0], (fragment, text)
    return lines[0]


def train_args(corpus, checkpoint, updates=2, *extra):
    return ["train", "--corpus", corpus, "--updates", updates, "--every", 1,
            "--checkpoint", checkpoint, *SMALL, *extra]


# ------------------------------------------------------ 1. closed standard streams
@pytest.mark.parametrize("command", ["train", "sample", "evaluate", "fetch"])
def test_a_closed_stdout_is_refused_before_anything_is_done(corpus, model, tmp_path, command):
    args = {"train": train_args(corpus, "ck.npz"),
            "sample": ["sample", "--model", model],
            "evaluate": ["evaluate", "--model", model, "--corpus", corpus],
            "fetch": ["fetch", "es"]}[command]
    r = shell(">&-", args, tmp_path)
    assert r.returncode == 2
    one_line(r.stderr, "standard output is closed", "nothing was done")
    assert list(tmp_path.iterdir()) == []


def test_a_closed_stderr_neither_stops_train_nor_moves_errors_to_stdout(corpus, tmp_path):
    r = shell("2>&-", train_args(corpus, "ck.npz", 3), tmp_path)
    assert r.returncode == 0
    assert r.stdout.decode().count("update ") == 3
    assert Checkpoint.load(tmp_path / "ck.npz", kind="checkpoint").t == 3
    r = shell("2>&-", ["sample", "--model", "missing.npz"], tmp_path)
    assert r.returncode == 2 and r.stdout == b""        # the error line went nowhere, not here


def test_a_closed_stdin_changes_nothing(corpus, tmp_path):
    r = shell("<&-", train_args(corpus, "ck.npz", 3, "--workers", 2), tmp_path)
    assert r.returncode == 0 and r.stderr == b""        # no warning: the helper worked


def test_stdout_open_for_reading_only_stops_train_in_one_line(corpus, tmp_path):
    r = shell("1</dev/null", train_args(corpus, "ck.npz", 3), tmp_path)
    assert r.returncode == 2
    one_line(r.stderr, "the standard output", "the output was closed", "is whole, at update 1")


# ------------------------------------------------------ 2. a helper that stops answering
@pytest.fixture
def quiet():
    with warnings.catch_warnings(), blas_threads():
        warnings.simplefilter("error")
        yield


@pytest.fixture
def patient(monkeypatch):
    """Half a second of waiting makes a helper late (instead of 10 s)."""
    monkeypatch.setattr(workers_module, "PATIENCE", 0.5)
    monkeypatch.setattr(workers_module, "START_PATIENCE", 0.5)


def test_a_stopped_helper_is_replaced_with_the_same_numbers(quiet, patient):
    theta, X, Y, a, c = batch(6, "float64")
    gradients = BlockGradients(theta, N_A, V, 6, 2)
    gradients(X, Y, a, c)
    helper = next(iter(gradients.helpers.values()))
    os.kill(helper.proc.pid, signal.SIGSTOP)            # kill -STOP, a frozen cgroup, gdb
    X2 = X[:, ::-1].copy()
    with pytest.warns(RuntimeWarning, match=r"streams 3 to 5 .* did not answer for"):
        got = copies(gradients(X2, Y, a, c))
    assert_same(got, in_one_process(gradients, X2, Y, a, c))
    assert helper.proc.wait(timeout=30) == -signal.SIGKILL     # ended, not left stopped
    assert_same(copies(gradients(X, Y, a, c)), in_one_process(gradients, X, Y, a, c))


def test_a_helper_stopped_as_it_starts_is_replaced(quiet, patient, monkeypatch):
    real = workers_module.subprocess.Popen

    def stopped(*args, **kwargs):
        proc = real(*args, **kwargs)
        os.kill(proc.pid, signal.SIGSTOP)
        return proc
    monkeypatch.setattr(workers_module.subprocess, "Popen", stopped)
    theta, X, Y, a, c = batch(4, "float32")
    gradients = BlockGradients(theta, N_A, V, 4, 2)
    with pytest.warns(RuntimeWarning, match="did not answer"):
        got = copies(gradients(X, Y, a, c))
    assert_same(got, in_one_process(gradients, X, Y, a, c))
    assert next(iter(gradients.helpers.values())).proc.wait(timeout=30) == -signal.SIGKILL


def test_time_this_process_spent_stopped_is_not_the_helpers(quiet, monkeypatch):
    """Ctrl-Z then fg stops both processes: the clock jumps, the helper is not late."""
    theta, X, Y, a, c = batch(6, "float64")
    gradients = BlockGradients(theta, N_A, V, 6, 2)
    gradients(X, Y, a, c)
    clock = iter(range(0, 10 ** 9, 3600))               # an hour passes at every look
    monkeypatch.setattr(workers_module.time, "monotonic", lambda: next(clock))
    assert_same(copies(gradients(X, Y, a, c)), in_one_process(gradients, X, Y, a, c))
    assert not next(iter(gradients.helpers.values())).broken


# ------------------------------------------------------ 3. signals while the helper starts
# The whole process group gets `sig` the moment the helper process exists (it is still
# importing numpy): as Ctrl-C on a terminal, `kill -- -PGID`, or a scheduler does.
AT_HELPER_START = """
import json, os, signal, sys
import lstm_np.engine.workers as w
from lstm_np.cli.main import main
real, sig = w.subprocess.Popen, getattr(signal, sys.argv[1])
def popen(args, *a, **k):
    with open("argv.json", "w") as f:
        json.dump(args, f)
    proc = real(args, *a, **k)
    os.killpg(0, sig)
    return proc
w.subprocess.Popen = popen
sys.argv = ["lstm_np"] + sys.argv[2:]
sys.exit(main())
"""


def files_named_in(argv):
    """The paths among a helper's arguments (its shared memory file, if it had one)."""
    return [Path(a) for a in argv if os.sep in a and "lstm_np-worker" in a]


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM", "SIGQUIT", "SIGHUP", "SIGKILL"])
def test_a_signal_while_the_helper_starts_leaves_nothing(corpus, tmp_path, sig):
    p = subprocess.Popen([sys.executable, "-c", AT_HELPER_START, sig,
                          *map(str, train_args(corpus, "ck.npz", 50, "--workers", 2))],
                         cwd=tmp_path, env=env(), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True)
    out, err = p.communicate(timeout=120)
    number = getattr(signal, sig)
    argv = json.loads((tmp_path / "argv.json").read_text())
    assert files_named_in(argv) == [] or not any(f.exists() for f in files_named_in(argv))
    left = sorted(f.name for f in tmp_path.iterdir())
    if sig == "SIGKILL":                  # no time to remove the (empty, unlocked) lock file
        assert p.returncode == -number
        assert left in (["argv.json"], [".ck.npz.lock", "argv.json"])
    else:
        assert p.returncode == 128 + number, err
        one_line(err, f"interrupted ({sig})")
        assert b"KeyboardInterrupt" not in err
        assert left == ["argv.json"]


# A signal to `python -m lstm_np` while it imports numpy, before the command line is ready
# (sent by an import hook, at that moment exactly).
WHILE_NUMPY_LOADS = """
import os, signal, sys
class Hook:
    def find_spec(self, name, path=None, target=None):
        if name == "numpy":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), getattr(signal, os.environ["SEND_SIGNAL"]))
        return None
sys.meta_path.insert(0, Hook())
"""


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM", "SIGQUIT"])
def test_a_signal_while_the_package_loads_ends_in_one_line(tmp_path, sig):
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(WHILE_NUMPY_LOADS, encoding="utf-8")
    r = run(["sample", "--length", 5], tmp_path,
            env=dict(env(), PYTHONPATH=os.pathsep.join([str(hook), str(ROOT)]),
                     SEND_SIGNAL=sig))
    assert r.returncode == 128 + getattr(signal, sig), r.stderr
    one_line(r.stderr, f"interrupted ({sig})")
    assert r.stdout == b""


# ------------------------------------------------------ 4. Ctrl-C again and again
PRESSED_AGAIN = """
import os, signal, sys
import lstm_np.engine.train as train, lstm_np.engine.workers as w
from lstm_np.cli.main import main
real_record, real_stop = train.Trainer._record, w._stop
def record(self, loss):
    line = real_record(self, loss)
    if self.t == 3:
        os.kill(os.getpid(), signal.SIGINT)               # Ctrl-C, before the 3rd save
    return line
def stop(proc):
    os.kill(os.getpid(), signal.SIGINT)                   # and again, while stopping
    os.kill(os.getpid(), signal.SIGINT)
    real_stop(proc)
train.Trainer._record, w._stop = record, stop
sys.argv = ["lstm_np"] + sys.argv[1:]
sys.exit(main())
"""


def test_ctrl_c_pressed_again_while_stopping_says_one_line(corpus, tmp_path):
    r = subprocess.run([sys.executable, "-c", PRESSED_AGAIN,
                        *map(str, train_args(corpus, "ck.npz", 100, "--workers", 2))],
                       cwd=tmp_path, env=env(), capture_output=True, timeout=120)
    assert r.returncode == 130, r.stderr
    one_line(r.stderr, "interrupted (SIGINT)", "is whole, at update 2")
    assert b"Exception ignored" not in r.stderr
    assert Checkpoint.load(tmp_path / "ck.npz", kind="checkpoint").t == 2


# ------------------------------------------------------ 5. limits of the machine
def limited(kind, value):
    def preexec():
        resource.setrlimit(kind, (value, value))
    return preexec


@pytest.mark.parametrize("hidden,limit", [(100_000, 4 << 30), (5000, 1 << 30)])
def test_out_of_memory_says_how_much_in_one_line(corpus, tmp_path, hidden, limit):
    """An extra digit: one line with the memory these settings need (under an address-space
    limit, so that nothing here can push the machine into swapping)."""
    args = ["train", "--corpus", corpus, "--updates", 1, "--checkpoint", "ck.npz",
            "--hidden", hidden, "--workers", 1]
    r = run(args, tmp_path, preexec_fn=limited(resource.RLIMIT_AS, limit))
    assert r.returncode == 2
    line = one_line(r.stderr, "not enough memory", "--hidden")
    size, unit = re.search(r"about ([\d.]+) (GB|TB)", line).groups()
    assert float(size) * {"GB": 1e9, "TB": 1e12}[unit] > limit
    assert not (tmp_path / "ck.npz").exists()


def test_a_file_size_limit_stops_train_in_one_line_and_leaves_nothing(corpus, tmp_path):
    """ulimit -f: Python ignores SIGXFSZ, the write fails with EFBIG."""
    assert run(train_args(corpus, "ck.npz", 1), tmp_path).returncode == 0
    r = run(["train", "--corpus", corpus, "--updates", 2, "--checkpoint", "big.npz",
             "--hidden", "40", "--batch-size", "4", "--seq-length", "8", "--workers", "1"],
            tmp_path, preexec_fn=limited(resource.RLIMIT_FSIZE, 16 << 10))
    assert r.returncode == 2
    one_line(r.stderr, "big.npz", "ulimit -f")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ck.npz"]
    assert Checkpoint.load(tmp_path / "ck.npz", kind="checkpoint").t == 1


@pytest.mark.parametrize("name", ["c" * 251 + ".npz", "ñ" * 125 + ".npz"])
def test_a_checkpoint_name_as_long_as_the_system_allows(corpus, tmp_path, name):
    assert len(os.fsencode(name)) in (254, 255)
    assert run(train_args(corpus, name, 2), tmp_path).returncode == 0
    r = run(train_args(corpus, name, 4, "--resume"), tmp_path)
    assert r.returncode == 0, r.stderr
    assert [p.name for p in tmp_path.iterdir()] == [name]      # no lock, no temp file left
    assert Checkpoint.load(tmp_path / name, kind="checkpoint").t == 4


def test_a_huge_vocabulary_is_refused_in_one_line(tmp_path):
    chars = "".join(chr(0x4E00 + i) for i in range(2500))
    (tmp_path / "han.txt").write_text((chars + "\n") * 3, encoding="utf-8")
    r = run(train_args("han.txt", "ck.npz", 2), tmp_path)
    assert r.returncode == 2
    one_line(r.stderr, "han.txt", "2501 different characters", "2000")
    assert not (tmp_path / "ck.npz").exists()


# ------------------------------------------------------ 6. arguments that break the maths
@pytest.mark.parametrize("temperature", ["5e-324", "1e-46", "1e308"])
def test_extreme_temperatures_on_float32(model, tmp_path, temperature):
    r = run(["sample", "--model", model, "--temperature", temperature, "--length", 40],
            tmp_path)
    assert r.returncode == 0 and r.stderr == b"", r.stderr
    if float(temperature) < 1e-40:                       # the limit T -> 0: the most likely
        greedy = run(["sample", "--model", model, "--top-k", 1, "--length", 40], tmp_path)
        assert r.stdout == greedy.stdout


def test_extreme_temperatures_in_python_warn_nothing(model):
    ck = Checkpoint.load(model)
    assert ck.parameters["Wy"].dtype == np.float32
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for temperature in (5e-324, 1e308):
            text = generate(ck.parameters, ck.vocab, "la", temperature, 3, length=30, rng=0)
            drawn = ck.vocab.decode(list(stream_top_k(ck.parameters, ck.vocab.char_to_ix, "la",
                                                      temperature, 3, length=30, rng=0)))
            assert text == "la" + drawn


def test_a_huge_length_streams_in_bounded_memory(model):
    """sample --length 10**12 writes its first characters at once, without 8 TB of draws."""
    ck = Checkpoint.load(model)
    chars = stream_top_k(ck.parameters, ck.vocab.char_to_ix, "la", 1.0, 3, length=10 ** 12,
                         rng=0)
    first = [next(chars) for _i in range(5000)]
    assert first == list(stream_top_k(ck.parameters, ck.vocab.char_to_ix, "la", 1.0, 3,
                                      length=5000, rng=0))


@pytest.fixture(scope="module")
def absurd(model):
    """The checkpoint with every weight times 1e30: finite, and far beyond any training."""
    with np.load(model) as npz:
        arrays = {k: npz[k] for k in npz.files}
    for name in ("Wf", "Wi", "Wc", "Wo", "Wy", "bf", "bi", "bc", "bo", "by"):
        arrays[name] = arrays[name] * arrays[name].dtype.type(1e30)
    path = model.parent / "absurd.npz"
    np.savez(path, **arrays)
    return path


@pytest.mark.parametrize("command", ["train", "sample", "evaluate"])
def test_absurd_but_finite_weights_are_refused_in_one_line(corpus, absurd, tmp_path, command):
    ck = tmp_path / "absurd.npz"
    ck.write_bytes(absurd.read_bytes())
    args = {"train": train_args(corpus, ck, 6, "--resume"),
            "sample": ["sample", "--model", ck],
            "evaluate": ["evaluate", "--model", ck, "--corpus", corpus]}[command]
    r = run(args, tmp_path)
    assert r.returncode == 2
    one_line(r.stderr, "absurd.npz", "Wf holds", "beyond")
    assert ck.read_bytes() == absurd.read_bytes()


def test_a_diverging_training_never_writes_a_file_it_cannot_read(corpus, tmp_path):
    r = run(train_args(corpus, "ck.npz", 20, "--lr", "1e30"), tmp_path)
    assert r.returncode == 2
    one_line(r.stderr, "ck.npz")
    if (tmp_path / "ck.npz").exists():
        Checkpoint.load(tmp_path / "ck.npz", kind="checkpoint")


# ------------------------------------------------------ 7. the locale
PRIME = "gregorio está así, ¿qué?"


@pytest.mark.parametrize("setting", ["C", "PYTHONIOENCODING=ascii", "PYTHONIOENCODING=latin-1"])
def test_the_locale_never_changes_the_generated_text(tmp_path, setting):
    args = ["sample", "--model", pretrained_path("es"), "--prime", PRIME, "--length", 200]
    expected = run(args, tmp_path).stdout.decode("utf-8")
    if setting == "C":
        other = env(PYTHONUTF8="0", LC_ALL="C", LANG="C")
        del other["PYTHONIOENCODING"]
        encoding = "utf-8"                               # ASCII cannot hold the text
    else:
        other = dict(env(), PYTHONIOENCODING=setting.split("=")[1])
        vocab = "".join(Checkpoint.load(pretrained_path("es")).vocab.chars)
        try:
            vocab.encode(other["PYTHONIOENCODING"])
            encoding = other["PYTHONIOENCODING"]
        except UnicodeEncodeError:
            encoding = "utf-8"
    r = run(args, tmp_path, env=other)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode(encoding) == expected and expected.startswith(PRIME)


# ------------------------------------------------------ 8. permissions and links
def with_umask(mask):
    def preexec():
        os.umask(mask)
    return preexec


def test_the_umask_is_respected_and_a_rewritten_file_keeps_its_mode(corpus, tmp_path):
    r = run(train_args(corpus, "ck.npz", 2, "--save-model", "best.npz"), tmp_path,
            preexec_fn=with_umask(0o077))
    assert r.returncode == 0, r.stderr
    for name in ("ck.npz", "best.npz"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
    (tmp_path / "ck.npz").chmod(0o640)
    assert run(train_args(corpus, "ck.npz", 3, "--resume"), tmp_path).returncode == 0
    assert stat.S_IMODE((tmp_path / "ck.npz").stat().st_mode) == 0o640


def test_resume_through_a_symbolic_link_writes_its_target(corpus, tmp_path):
    (tmp_path / "runs").mkdir()
    assert run(train_args(corpus, "runs/real.npz", 2), tmp_path).returncode == 0
    link = tmp_path / "link.npz"
    link.symlink_to("runs/real.npz")
    r = run(train_args(corpus, "link.npz", 4, "--resume"), tmp_path)
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == "runs/real.npz"
    assert Checkpoint.load(tmp_path / "runs" / "real.npz", kind="checkpoint").t == 4
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["real.npz"]
    dangling = tmp_path / "new.npz"                      # a link to a file not yet made
    dangling.symlink_to("runs/new_target.npz")
    assert run(train_args(corpus, "new.npz", 2), tmp_path).returncode == 0
    assert dangling.is_symlink()
    assert Checkpoint.load(tmp_path / "runs" / "new_target.npz", kind="checkpoint").t == 2


def test_one_trainer_per_file_whatever_its_name(tmp_path):
    real = tmp_path / "ck.npz"
    with TrainerLock(real) as lock:
        atomic_write(real, lambda f: f.write(b"first"))
        lock.follow()                                    # what train does after each save
        (tmp_path / "soft.npz").symlink_to("ck.npz")
        os.link(real, tmp_path / "hard.npz")
        for other in ("soft.npz", "hard.npz"):
            with pytest.raises(LstmNpError, match="another trainer is writing"):
                with TrainerLock(tmp_path / other):
                    pass
        atomic_write(real, lambda f: f.write(b"second"))     # a save: a new file
        lock.follow()
        os.link(real, tmp_path / "hard2.npz")
        with pytest.raises(LstmNpError, match="another trainer is writing"):
            with TrainerLock(tmp_path / "hard2.npz"):
                pass
    with TrainerLock(tmp_path / "hard2.npz"):            # released with the first
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ck.npz", "hard.npz", "hard2.npz",
                                                          "soft.npz"]


# ------------------------------------------------------ 9. workers on resume
def test_a_two_worker_checkpoint_resumes_with_one(corpus, tmp_path):
    assert run(train_args(corpus, "ck.npz", 2, "--workers", 2), tmp_path).returncode == 0
    r = run(train_args(corpus, "ck.npz", 4, "--resume", "--workers", 1), tmp_path)
    assert r.returncode == 0, r.stderr
    ck = Checkpoint.load(tmp_path / "ck.npz", kind="checkpoint")
    assert ck.t == 4 and ck.hyperparameters["workers"] == 1


# ------------------------------------------------------ 10. the install, the command line
@pytest.mark.parametrize("lang", ["es", "en"])
def test_sample_without_model_uses_the_pretrained_model_of_the_language(tmp_path, lang):
    r = run(["sample", "--length", 80, "--seed", 4], tmp_path, env=env(LANGUAGE=lang))
    assert r.returncode == 0, r.stderr
    explicit = run(["sample", "--model", pretrained_path(lang), "--length", 80, "--seed", 4],
                   tmp_path)
    assert r.stdout == explicit.stdout and len(r.stdout.decode()) == 80 + 1


def test_the_pretrained_models_are_package_data(tmp_path):
    """The wheel `pip install .` would install holds the models and the catalogues."""
    for lang in ("es", "en"):
        assert pretrained_path(lang).parent == ROOT / "lstm_np" / "pretrained"
        Checkpoint.load(pretrained_path(lang))
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        (source / name).write_bytes((ROOT / name).read_bytes())
    subprocess.run(["cp", "-r", str(ROOT / "lstm_np"), str(source)], check=True)
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                        "--no-build-isolation", "-q", "-w", str(tmp_path / "wheel"),
                        str(source)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    (wheel,) = (tmp_path / "wheel").iterdir()
    names = set(zipfile.ZipFile(wheel).namelist())
    for lang in ("es", "en"):
        assert f"lstm_np/pretrained/model_{lang}.npz" in names
    assert "lstm_np/i18n/locale/es/LC_MESSAGES/lstm_np.po" in names


def test_installed_texts_go_to_the_users_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "CLONE", tmp_path / "site-packages")      # no clone around
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    if sys.platform.startswith("linux"):
        assert data.default_data_dir() == tmp_path / "cache" / "lstm_np"
    monkeypatch.setattr(data, "CLONE", ROOT)
    assert data.default_data_dir() == ROOT / "data"


def test_the_python_version_claimed_is_the_one_the_pins_need():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["requires-python"] == ">=3.11"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "3.10" not in readme and "Python 3.11" in readme


def help_of(lang, *args):
    r = run([*args, "--help"], ROOT, env=env(LANGUAGE=lang, COLUMNS="200"))
    assert r.returncode == 0, r.stderr
    return r.stdout.decode("utf-8")


def test_sample_help_gives_every_option_a_text_and_its_default():
    text = help_of("en", "sample")
    blocks = {block.split()[0]: " ".join(block.split())
              for block in re.split(r"\n(?=  -)", text) if block.startswith("  -")}
    for option, default in (("--temperature", "1.0"), ("--top-k", "5"), ("--length", "300"),
                            ("--seed", "0")):
        assert blocks[option].endswith(f"(default: {default})"), blocks[option]
    assert "pretrained model" in text and "lower-case" in text


def test_argparse_speaks_spanish_with_language_es(tmp_path):
    text = help_of("es", "sample")
    assert text.startswith("uso: ") and "\nopciones:\n" in text
    assert "muestra este mensaje de ayuda" in text and "(por omisión: 300)" in text
    r = run(["sample", "--top-k"], tmp_path, env=env(LANGUAGE="es"))
    assert r.returncode == 2
    one_line(r.stderr, "argumento --top-k: se esperaba un argumento")
    r = run(["train"], tmp_path, env=env(LANGUAGE="es"))
    one_line(r.stderr, "faltan estos argumentos obligatorios: --corpus, --checkpoint")


def test_argparse_messages_are_argparses_own():
    source = inspect.getsource(argparse)
    for message in cli.argparse_messages():
        assert repr(message)[1:-1] in source or message in source, message


def test_a_capitalised_prime_is_lower_cased_with_one_note(tmp_path):
    r = run(["sample", "--prime", "Gregorio", "--length", 20], tmp_path, env=env(LANGUAGE="es"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode().startswith("gregorio")
    one_line(r.stderr, "'gregorio'", "minúsculas")


def test_the_bench_speaks_at_once_and_a_line_per_trainer(tmp_path, monkeypatch):
    (tmp_path / "tiny.txt").write_text(pseudo_text(6000), encoding="utf-8")
    lines, seen = [], []
    real = bench._chars_per_second

    def measured(trainer, updates):
        seen.append(len(lines))
        return real(trainer, updates)
    monkeypatch.setattr(bench, "_chars_per_second", measured)
    bench.run(corpus=str(tmp_path / "tiny.txt"), quick=True, out=lines.append, n_a=6,
              seq_length=6, limit=0.05)
    assert seen[0] >= 1                                  # before the first measurement
    # then the rows as they are measured: the rows of a group are timed in interleaved rounds
    # (so that a change of load hits all of them), and each group's rows are printed before
    # the next group is timed; without PyTorch a group is two rows: never more than two
    # measurements without a new line
    assert all(b >= a for a, b in zip(seen, seen[1:]))
    assert all(seen[i + 2] > seen[i] for i in range(len(seen) - 2)), seen
    assert len(lines) > seen[-1]
