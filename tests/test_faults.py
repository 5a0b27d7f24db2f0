"""Faults of the machine a classroom meets, at the command line: one line, exit 2, nothing lost.

A full disk (a small tmpfs where mount is permitted, and a fake full file system everywhere),
read-only folders, a folder where a file should be, a closed or full standard output,
SIGTERM and SIGHUP (also during a save, made reproducible), FIFOs and devices as corpora,
forged model files (nested meta, a zip bomb), two trainers on one checkpoint, `sample`
streaming into a pipe, a prime typed with a combining accent, an ASCII locale.
"""
import errno
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest

from lstm_np.cli import main as cli
from lstm_np.storage.checkpoint import Checkpoint
from lstm_np.errors import CheckpointError, DataError
from lstm_np.engine.generation import stream_top_k

ROOT = Path(__file__).resolve().parent.parent
SMALL = ["--hidden", "8", "--batch-size", "2", "--seq-length", "8", "--workers", "2"]


def env(**extra):
    return dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT), **extra)


def run(args, cwd, timeout=120, **kw):
    return subprocess.run([sys.executable, "-m", "lstm_np", *map(str, args)], cwd=cwd,
                          env=kw.pop("env", env()), capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, **kw)


def one_error_line(stderr, *fragments):
    lines = stderr.strip("\n").split("\n")
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, stderr)
    return lines[0]


def no_temp_files(folder):
    return [p.name for p in Path(folder).iterdir() if p.name.endswith(".tmp")] == []


def train_in_process(corpus, checkpoint, *extra, updates=6):
    args = ["train", "--corpus", str(corpus), "--updates", str(updates), "--every", "1",
            "--checkpoint", str(checkpoint), *SMALL, *map(str, extra)]
    return cli.main(args)


# ------------------------------------------------------------------ 1. OS errors
@pytest.fixture
def mounted(tmp_path):
    """mount(options) -> a fresh tmpfs folder; skipped where mount is not permitted."""
    points = []

    def mount(options):
        point = tmp_path / f"mnt{len(points)}"
        point.mkdir()
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            pytest.skip(f"mount is not permitted here (needs root): {r.stderr.strip()}")
        points.append(point)
        return point
    yield mount
    for point in points:
        subprocess.run(["umount", str(point)], capture_output=True)


def test_full_disk_on_a_small_tmpfs(corpus, mounted):
    small = mounted("size=16k")
    r = run(["train", "--corpus", corpus, "--updates", 3, "--every", 1, "--checkpoint",
             small / "ck.npz", *SMALL], corpus.parent)
    assert r.returncode == 2
    one_error_line(r.stderr, "error: ", str(small / "ck.npz"), "No space left",
                   "free some space")
    assert list(small.iterdir()) == []                     # no temp file, nothing half-written


def test_fake_full_disk_keeps_the_last_checkpoint_whole(corpus, tmp_path, monkeypatch,
                                                         capsys):
    """The third save meets ENOSPC: exit 2, one line, the checkpoint of update 2 is whole."""
    real, calls = np.savez, []

    def savez(f, **arrays):
        calls.append(1)
        if len(calls) == 3:
            f.write(b"PK\x03\x04 half")                    # some bytes reach the disk, then...
            raise OSError(errno.ENOSPC, "No space left on device")
        real(f, **arrays)
    monkeypatch.setattr(np, "savez", savez)
    path = tmp_path / "ck.npz"
    assert train_in_process(corpus, path) == 2
    err = capsys.readouterr().err
    one_error_line(err, f"{path}: No space left on device", "update 2")
    assert Checkpoint.load(path, kind="checkpoint").t == 2
    assert no_temp_files(tmp_path)


@pytest.mark.parametrize("where", ["folder", "current folder"])
def test_read_only_folder(corpus, tmp_path, mounted, where):
    if os.geteuid() == 0:
        folder = mounted("ro,size=16k")                    # root writes through chmod
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
    cwd, path = (corpus.parent, folder / "ck.npz") if where == "folder" else (folder, "ck.npz")
    r = run(["train", "--corpus", corpus, "--updates", 2, "--checkpoint", path, *SMALL], cwd)
    assert r.returncode == 2
    one_error_line(r.stderr, "error: ", "ck.npz", "write")
    assert list(folder.iterdir()) == []


def test_save_model_at_a_folder_is_refused_before_training(corpus, tmp_path):
    (tmp_path / "models").mkdir()
    r = run(["train", "--corpus", corpus, "--updates", 2, "--checkpoint", "ck.npz",
             "--save-model", "models", *SMALL], tmp_path)
    assert r.returncode == 2
    one_error_line(r.stderr, "models: is a folder", "--save-model")
    assert not (tmp_path / "ck.npz").exists()


def test_checkpoint_is_saved_before_the_model_elsewhere(corpus, tmp_path, monkeypatch, capsys):
    from lstm_np.engine.train import Trainer

    def fails(self, path, **extra):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))
    monkeypatch.setattr(Trainer, "save_model", fails)
    path = tmp_path / "ck.npz"
    assert train_in_process(corpus, path, "--save-model", tmp_path / "best.npz") == 2
    one_error_line(capsys.readouterr().err, "best.npz: Permission denied", "update 1")
    assert Checkpoint.load(path, kind="checkpoint").t == 1


def test_closed_stdout_stops_train_with_its_checkpoint(corpus, tmp_path):
    """train | head -n 1: the reader goes after one line; the run stops, its work saved."""
    p = subprocess.Popen([sys.executable, "-m", "lstm_np", "train", "--corpus", str(corpus),
                          "--updates", "200", "--every", "1", "--checkpoint", "ck.npz", *SMALL],
                         cwd=tmp_path, env=env(), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    assert p.stdout.readline().startswith(b"update")
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) == 2
    line = one_error_line(err, "the standard output", "Broken pipe", "ck.npz is whole")
    t = Checkpoint.load(tmp_path / "ck.npz", kind="checkpoint").t
    assert 1 <= t < 200 and f"update {t} " in line
    assert no_temp_files(tmp_path)


def test_full_stdout_stops_train_with_its_checkpoint(corpus, tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "lstm_np", "train", "--corpus", str(corpus),
                            "--updates", "5", "--every", "1", "--checkpoint", "ck.npz", *SMALL],
                           cwd=tmp_path, env=env(), stdout=full, stderr=subprocess.PIPE,
                           text=True, timeout=120)
    assert r.returncode == 2
    one_error_line(r.stderr, "the standard output", "No space left", "at update 1")
    assert Checkpoint.load(tmp_path / "ck.npz", kind="checkpoint").t == 1


# ------------------------------------------------------------------ 2. signals
# A run that sends itself `sig` during its third save (inside the fsync of the temp file):
# reproducible, and the worst moment, with a temp file half-way to the disk.
SIGNAL_DURING_SAVE = """
import os, signal, sys
import lstm_np.storage.files
from lstm_np.cli.main import main
real, calls = os.fsync, []
def fsync(fd):
    calls.append(fd)
    if len(calls) == 5:                 # saves 1, 2 fsync file + folder; the 3rd's file
        os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    real(fd)
lstm_np.storage.files.os.fsync = fsync
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT", "SIGXCPU"])
def test_signal_during_a_save_leaves_the_last_checkpoint_whole(corpus, tmp_path, sig):
    args = ["train", "--corpus", str(corpus), "--updates", "6", "--every", "1",
            "--checkpoint", "ck.npz", *SMALL]
    r = subprocess.run([sys.executable, "-c", SIGNAL_DURING_SAVE, sig, *args], cwd=tmp_path,
                       env=env(), capture_output=True, text=True, timeout=120)
    assert r.returncode == 128 + getattr(signal, sig), r.stderr
    one_error_line(r.stderr, f"interrupted ({sig})", "ck.npz is whole, at update 2")
    assert no_temp_files(tmp_path) and not (tmp_path / ".ck.npz.lock").exists()
    assert Checkpoint.load(tmp_path / "ck.npz", kind="checkpoint").t == 2
    # --resume goes on bit for bit: as one uninterrupted run
    assert run(args + ["--resume"], tmp_path).returncode == 0
    straight = tmp_path / "straight"
    straight.mkdir()
    assert run(args, straight).returncode == 0
    resumed = Checkpoint.load(tmp_path / "ck.npz")
    whole = Checkpoint.load(straight / "ck.npz")
    for name in whole.parameters:
        np.testing.assert_array_equal(resumed.parameters[name], whole.parameters[name])
        np.testing.assert_array_equal(resumed.v[name], whole.v[name])
    assert resumed.t == whole.t == 6 and resumed.progress == whole.progress


def test_sigterm_while_training_stops_like_ctrl_c(corpus, tmp_path):
    p = subprocess.Popen([sys.executable, "-m", "lstm_np", "train", "--corpus", str(corpus),
                          "--updates", "100000", "--every", "1", "--checkpoint", "ck.npz",
                          *SMALL], cwd=tmp_path, env=env(), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    for _ in range(3):
        assert p.stdout.readline().startswith("update")
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=120)
    assert p.returncode == 128 + signal.SIGTERM
    one_error_line(err, "interrupted (SIGTERM)", "is whole")
    assert no_temp_files(tmp_path)
    assert Checkpoint.load(tmp_path / "ck.npz", kind="checkpoint").t >= 3


# ------------------------------------------------------------------ 3. what a corpus may be
def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    r = run(["train", "--corpus", fifo, "--checkpoint", "ck.npz"], tmp_path, timeout=60)
    assert r.returncode == 2                           # it blocked for ever before
    one_error_line(r.stderr, "fifo.txt: is a FIFO", "regular file")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "socket", "fifo"])
def test_devices_and_sockets_are_refused(model, tmp_path, device):
    if device == "socket":
        device = tmp_path / "s.sock"
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(device))
    elif device == "fifo":
        device = tmp_path / "fifo.txt"
        os.mkfifo(device)
    elif not os.path.exists(device):
        pytest.skip(f"no {device}")
    r = run(["evaluate", "--model", model, "--corpus", device], tmp_path, timeout=60)
    assert r.returncode == 2
    one_error_line(r.stderr, str(device), "regular file")


def test_a_text_larger_than_the_bound_is_refused_before_reading(tmp_path, monkeypatch):
    from lstm_np.storage import corpus as data
    monkeypatch.setattr(data, "MAX_TEXT_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("la casa " * 200, encoding="utf-8")
    with pytest.raises(DataError, match="1600 bytes, more than the 1000"):
        data.read_text_file(big)


# ------------------------------------------------------------------ 4. forged model files
def entries_of(path):
    with np.load(path) as npz:
        return {k: npz[k] for k in npz.files}


def test_deeply_nested_meta_is_refused_in_one_line(model, tmp_path):
    arrays = entries_of(model)
    meta = json.dumps(json.loads(str(arrays["meta"])))
    text = meta[:-1] + ', "deep": ' + "[" * 100_000 + "]" * 100_000 + "}"
    arrays["meta"] = np.array(text)
    path = tmp_path / "nested.npz"
    np.savez(path, **arrays)
    with pytest.raises(CheckpointError) as info:
        Checkpoint.load(path)
    assert "nests more than" in str(info.value) and "\n" not in str(info.value)


def test_oversized_meta_is_refused_before_it_is_read(model, tmp_path, monkeypatch):
    from lstm_np.storage import checkpoint_checks
    monkeypatch.setattr(checkpoint_checks, "MAX_META_BYTES", 1000)
    with pytest.raises(CheckpointError, match="'meta' entry declares"):
        Checkpoint.load(model)


def zip_bomb(model, path, name):
    """`model` with entry `name` replaced by 256 MiB of zeros, deflated to about 0.3 MB."""
    with zipfile.ZipFile(model) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != name + ".npy":
                out.writestr(info.filename, src.read(info))
        with out.open(name + ".npy", "w", force_zip64=True) as f:
            np.lib.format.write_array_header_1_0(
                f, {"descr": "<f8", "fortran_order": False, "shape": (8192, 4096)})
            zeros = bytes(1 << 20)
            for _ in range(256):
                f.write(zeros)
    return path


@pytest.mark.parametrize("name", ["Wf", "by", "junk"])
def test_a_zip_bomb_is_refused_without_decompressing_it(model, tmp_path, name):
    path = zip_bomb(model, tmp_path / f"bomb-{name}.npz", name)
    assert path.stat().st_size < 2 << 20
    tracemalloc.start()
    try:
        with pytest.raises(CheckpointError) as info:
            Checkpoint.load(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    assert ("unexpected entry" if name == "junk" else f"{name} has") in message
    assert peak < 16 << 20, f"{peak / 2**20:.0f} MiB allocated: the entry was decompressed"


def test_a_header_that_lies_about_its_size_is_refused(model, tmp_path):
    with zipfile.ZipFile(model) as src:
        infos = {i.filename: src.read(i) for i in src.infolist()}
    data = infos["by.npy"]
    infos["by.npy"] = data + bytes(1 << 16)            # more bytes than its shape holds
    path = tmp_path / "lies.npz"
    with zipfile.ZipFile(path, "w") as out:
        for name, content in infos.items():
            out.writestr(name, content)
    with pytest.raises(CheckpointError, match="'by' declares"):
        Checkpoint.load(path)


# ------------------------------------------------------------------ 5. one trainer per path
def test_two_trainers_started_together(corpus, tmp_path):
    args = [sys.executable, "-m", "lstm_np", "train", "--corpus", str(corpus), "--updates",
            "40", "--every", "10", "--checkpoint", "ck.npz", *SMALL]
    procs = [subprocess.Popen(args, cwd=tmp_path, env=env(), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2], results
    err = [e for code, e in results if code == 2][0]
    one_error_line(err, "ck.npz")
    assert "another trainer" in err or "already exists" in err
    assert Checkpoint.load(tmp_path / "ck.npz", kind="checkpoint").t == 40
    assert not (tmp_path / ".ck.npz.lock").exists()


def test_a_second_trainer_is_refused_while_the_first_runs(tmp_path):
    from lstm_np.errors import LstmNpError
    from lstm_np.storage.files import TrainerLock
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys, time
        from lstm_np.storage.files import TrainerLock
        with TrainerLock("ck.npz"):
            print("locked", flush=True)
            time.sleep(600)
        """)], cwd=tmp_path, env=env(), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(LstmNpError, match="another trainer is writing"):
            with TrainerLock(tmp_path / "ck.npz"):
                pass
    finally:
        holder.kill()                                  # dies without releasing anything
        holder.wait()
    with TrainerLock(tmp_path / "ck.npz"):             # the system released the lock
        pass


# ------------------------------------------------------------------ 6. sample streams
def test_sample_into_a_closed_pipe_ends_quietly(model, tmp_path):
    p = subprocess.Popen([sys.executable, "-m", "lstm_np", "sample", "--model", str(model),
                          "--length", "10000000"], cwd=tmp_path, env=env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    start = time.monotonic()
    first = p.stdout.read(100)                         # arrives long before the end
    p.stdout.close()
    assert p.wait(timeout=60) == 0
    assert len(first) == 100 and p.stderr.read() == b""
    assert time.monotonic() - start < 60


def test_ctrl_c_keeps_what_sample_printed(model, tmp_path):
    p = subprocess.Popen([sys.executable, "-m", "lstm_np", "sample", "--model", str(model),
                          "--length", "10000000", "--seed", "3"], cwd=tmp_path, env=env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = b""                 # read from the pipe itself: p.stdout.read(200) could keep more
    while len(first) < 200:     # bytes in its buffer, which communicate() would never see
        chunk = os.read(p.stdout.fileno(), 200 - len(first))
        assert chunk
        first += chunk
    p.send_signal(signal.SIGINT)
    rest, err = p.communicate(timeout=60)
    assert p.returncode == 130
    one_error_line(err.decode(), "interrupted (SIGINT)")
    ck = Checkpoint.load(model)
    text = (first + rest).decode()
    # the command line's own path (stream_top_k, the fused cell), not the taught loop: the two
    # agree only up to round-off, and a draw near a boundary may flip between them
    expected = ck.vocab.decode(stream_top_k(ck.parameters, ck.vocab.char_to_ix, "\n",
                                            length=len(text), rng=3))
    assert len(text) >= 200 and text == expected


# ------------------------------------------------------------------ 7. prime, flags, locale
def test_prime_with_a_combining_accent_is_normalised(model, tmp_path):
    r = run(["sample", "--model", model, "--prime", "cafe\u0301", "--length", 5], tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("caf\u00e9") and len(r.stdout) == len("café") + 5 + 1


@pytest.mark.parametrize("flag,value", [("--seed", "-1"), ("--length", "0"),
                                        ("--top-k", "0"), ("--temperature", "nan")])
def test_argument_errors_name_their_flag(model, tmp_path, flag, value):
    r = run(["sample", "--model", model, flag, value], tmp_path)
    assert r.returncode == 2
    assert f"argument {flag}: " in r.stderr.strip().split("\n")[-1]


def test_top_k_beyond_the_vocabulary_names_the_flag(model, tmp_path):
    r = run(["sample", "--model", model, "--top-k", 500], tmp_path)
    assert r.returncode == 2
    one_error_line(r.stderr, "--top-k must be from 1 to")


def test_messages_are_readable_in_an_ascii_locale(model, tmp_path):
    ascii_env = env(PYTHONUTF8="0", LC_ALL="C", LANG="C")
    del ascii_env["PYTHONIOENCODING"]
    r = subprocess.run([sys.executable, "-m", "lstm_np", "sample", "--model", str(model),
                        "--prime", "ñandú"], cwd=tmp_path, env=ascii_env, capture_output=True,
                       timeout=60)
    assert r.returncode == 2
    err = r.stderr.decode("ascii")                     # nothing but ASCII
    one_error_line(err, "does not know", "U+00F1", "U+00FA")
    assert "\\x" not in err and "\\u" not in err and "codec" not in err
    r = subprocess.run([sys.executable, "-m", "lstm_np", "sample", "--model", str(model),
                        "--prime", "café", "--length", "20"], cwd=tmp_path, env=ascii_env,
                       capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8").startswith("café")     # the model's text, never changed
