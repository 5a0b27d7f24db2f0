"""Checkpoints and model files: round trips, refusal of every kind of bad file, atomic writes.

Files are read with allow_pickle=False; loading checks keys, shapes,
dtypes and finiteness before anything is used; every refusal is a CheckpointError of one
line that starts with the file's path; a checkpoint is written to a temporary file in the
same folder and renamed over the old one, so that a crash at any moment (SIGKILL included)
leaves the old file or the new one, whole. The texts are made up.
"""
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile

import numpy as np
import pytest

from lstm_np import PARAMETER_NAMES, Vocabulary
from lstm_np.storage import checkpoint as ckpt
from lstm_np.storage.checkpoint import Checkpoint, save_model
from lstm_np.errors import CheckpointError
from lstm_np.engine.fast import views
from lstm_np.engine.train import Trainer
from lstm_np.engine.config import TrainConfig
from helpers import pseudo_text

TEXT = pseudo_text(5000)
CONFIG = dict(n_a=6, batch_size=3, seq_length=7, dtype="float64")


@pytest.fixture(scope="module")
def trained():
    tr = Trainer(TEXT, TrainConfig(**CONFIG))
    tr.train(updates=5, every=5, log=None)
    return tr


@pytest.fixture(scope="module")
def good_files(trained, tmp_path_factory):
    folder = tmp_path_factory.mktemp("good")
    trained.save(folder / "ck.npz")
    trained.save_model(folder / "model.npz")
    for name in ("ck.npz", "model.npz"):       # the dtype cases below change float64 arrays
        with np.load(folder / name) as npz:
            assert npz["Wf"].dtype == np.float64
    return {"checkpoint": (folder / "ck.npz").read_bytes(),
            "model": (folder / "model.npz").read_bytes()}


def assert_refused(path, kind=None, *fragments):
    """Checkpoint.load(path) raises CheckpointError: one line, starting with the path."""
    with pytest.raises(CheckpointError) as info:
        Checkpoint.load(path, kind=kind)
    message = str(info.value)
    assert "\n" not in message, message
    assert message.startswith(f"{path}: "), message
    for fragment in fragments:
        assert fragment in message, message
    return message


# ---------------------------------------------------------------------- round trips
def test_checkpoint_round_trip(trained, tmp_path):
    path = tmp_path / "ck.npz"
    trained.save(path)
    ck = Checkpoint.load(path, kind="checkpoint")
    assert ck.kind == "checkpoint" and ck.path == path
    assert ck.vocab == trained.vocab
    assert ck.t == trained.t == 5
    assert ck.hyperparameters == trained.hyperparameters()
    n = trained.config.n_a
    V = trained.vocab.size
    v = views(trained.v, n, V, V)
    s = views(trained.s, n, V, V)
    for name in PARAMETER_NAMES:
        assert ck.parameters[name].dtype == np.float64
        assert np.array_equal(ck.parameters[name], trained.parameters[name]), name
        assert np.array_equal(ck.v[name], v[name]), name
        assert np.array_equal(ck.s[name], s[name]), name
    assert np.array_equal(ck.state["a"], trained.a.T)
    assert np.array_equal(ck.state["c"], trained.c.T)
    assert ck.progress["window"] == trained.window
    assert ck.progress["epoch"] == trained.epoch
    assert ck.progress["rng_state"] == trained.rng.bit_generator.state
    assert ck.history == trained.history
    # any numpy user can open it, without pickle, under the seed's names
    with np.load(path, allow_pickle=False) as npz:
        for name in PARAMETER_NAMES:
            assert np.array_equal(npz[name], trained.parameters[name])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_model_round_trip(tmp_path, dtype):
    rng = np.random.default_rng(5)
    vocab = Vocabulary.from_text("hola mundo.\n")
    n_a, V = 4, vocab.size
    params = {}
    for g in "fico":
        params["W" + g] = rng.normal(size=(n_a, n_a + V)).astype(dtype)
        params["b" + g] = rng.normal(size=(n_a, 1)).astype(dtype)
    params["Wy"] = rng.normal(size=(V, n_a)).astype(dtype)
    params["by"] = rng.normal(size=(V, 1)).astype(dtype)
    hyper = {"n_a": n_a, "note": "ñandú ü"}
    path = tmp_path / "model.npz"
    save_model(path, params, vocab, hyper)
    ck = Checkpoint.load(path)
    assert ck.kind == "model" and ck.t == 0 and ck.v is None and ck.s is None
    assert ck.vocab == vocab and ck.hyperparameters == hyper
    for name in PARAMETER_NAMES:
        assert ck.parameters[name].dtype == dtype
        assert np.array_equal(ck.parameters[name], params[name]), name
    assert_refused(path, "checkpoint", "model file, without the trainer")


def test_float32_checkpoint_round_trip(tmp_path):
    tr = Trainer(TEXT, TrainConfig(**dict(CONFIG, dtype="float32")))
    tr.train(updates=2, every=2, log=None)
    tr.save(tmp_path / "ck.npz")
    ck = Checkpoint.load(tmp_path / "ck.npz", kind="checkpoint")
    for name in PARAMETER_NAMES:
        assert ck.parameters[name].dtype == np.float32
        assert ck.v[name].dtype == np.float32
        assert np.array_equal(ck.parameters[name], tr.parameters[name])
    assert ck.state["a"].dtype == np.float32


# ---------------------------------------------------------------------- bad files
def arrays_and_meta(data):
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    return arrays, json.loads(str(arrays["meta"]))


def write_npz(path, arrays, meta=None):
    arrays = dict(arrays)
    if meta is not None:
        arrays["meta"] = np.array(json.dumps(meta))
    np.savez(path, **arrays)


def edit(kind, change_arrays=None, change_meta=None):
    """A builder: the good file of `kind`, with arrays and/or meta changed."""
    def build(path, good):
        arrays, meta = arrays_and_meta(good[kind])
        if change_meta:
            change_meta(meta)
            arrays["meta"] = np.array(json.dumps(meta))
        if change_arrays:
            change_arrays(arrays)
        write_npz(path, arrays)
    return build


def setitem(key, fn):
    def change(d):
        d[key] = fn(d[key])
    return change


def delete(*keys):
    def change(d):
        for key in keys:
            del d[key]
    return change


def poke(key, value, index=(0, 0)):
    def change(d):
        a = d[key].copy()
        a[index] = value
        d[key] = a
    return change


def all_params_as(dtype):
    def change(d):
        for name in PARAMETER_NAMES:
            d[name] = d[name].astype(dtype)
    return change


def raw(data):
    def build(path, good):
        path.write_bytes(data)
    return build


def truncated(fraction):
    def build(path, good):
        data = good["checkpoint"]
        path.write_bytes(data[:int(len(data) * fraction)])
    return build


def cut_last_bytes(n):
    def build(path, good):
        path.write_bytes(good["checkpoint"][:-n])
    return build


def zip_with(members):
    def build(path, good):
        with zipfile.ZipFile(path, "w") as z:
            for name, data in members.items():
                z.writestr(name, data)
    return build


def central_directory_patch(offset, value):
    """Change one byte of the first central-directory record of the good checkpoint."""
    def build(path, good):
        data = bytearray(good["checkpoint"])
        pos = data.index(b"PK\x01\x02")
        data[pos + offset] = value
        path.write_bytes(bytes(data))
    return build


def npy_file(path, good):
    with open(path, "wb") as f:
        np.save(f, np.zeros((3, 3)))


def model_arrays_in_checkpoint_meta(path, good):
    arrays, meta = arrays_and_meta(good["model"])
    meta["kind"] = "checkpoint"                  # claims to be a checkpoint, has no Adam
    write_npz(path, arrays, meta)


BAD_FILES = {
    # not an lstm_np file at all
    "text-file": raw(b"epoch 1: loss 2.3\nthis is a text file\n"),
    "empty-file": raw(b""),
    "random-bytes": raw(np.random.default_rng(0).bytes(3000)),
    "random-bytes-with-zip-magic": raw(b"PK\x03\x04" + np.random.default_rng(1).bytes(3000)),
    "truncated-10%": truncated(0.10),
    "truncated-50%": truncated(0.50),
    "truncated-90%": truncated(0.90),
    "truncated-last-byte": cut_last_bytes(1),
    "truncated-last-30-bytes": cut_last_bytes(30),
    "zip-not-npz": zip_with({"readme.txt": "just a zip\n"}),
    "npz-without-meta": edit("checkpoint", delete("meta")),
    "meta-not-json": edit("model", setitem("meta", lambda m: np.array("{not json"))),
    "meta-bytes-not-str": edit("model", setitem("meta", lambda m: np.array(b"{}"))),
    "meta-json-list": edit("model", setitem("meta", lambda m: np.array("[1, 2]"))),
    # meta that is not ours
    "meta-wrong-format": edit("model", change_meta=lambda m: m.update(format="keras")),
    "meta-wrong-version": edit("model", change_meta=lambda m: m.update(version=3)),
    "meta-version-as-text": edit("model", change_meta=lambda m: m.update(version="1")),
    "meta-wrong-kind": edit("model", change_meta=lambda m: m.update(kind="weights")),
    "meta-no-vocab": edit("model", change_meta=lambda m: m.pop("vocab")),
    "meta-vocab-duplicates": edit("model", change_meta=lambda m: m.update(
        vocab=[m["vocab"][0]] * len(m["vocab"]))),
    "meta-vocab-shorter": edit("model", change_meta=lambda m: m.update(vocab=m["vocab"][1:])),
    "meta-no-hyperparameters": edit("model", change_meta=lambda m: m.pop("hyperparameters")),
    "checkpoint-meta-on-model-arrays": model_arrays_in_checkpoint_meta,
    # missing entries
    "model-without-Wf": edit("model", delete("Wf")),
    "checkpoint-without-Wf": edit("checkpoint", delete("Wf")),
    "checkpoint-without-v_Wf": edit("checkpoint", delete("v_Wf")),
    "checkpoint-without-s_by": edit("checkpoint", delete("s_by")),
    "checkpoint-without-t": edit("checkpoint", delete("t")),
    "checkpoint-without-a_state": edit("checkpoint", delete("a_state")),
    # shapes
    "Wy-transposed": edit("model", setitem("Wy", lambda a: a.T.copy())),
    "bf-one-dimensional": edit("model", setitem("bf", lambda a: a[:, 0].copy())),
    "Wf-extra-column": edit("model", setitem("Wf", lambda a: np.hstack([a, a[:, :1]]))),
    "v_Wc-transposed": edit("checkpoint", setitem("v_Wc", lambda a: a.T.copy())),
    "a_state-wrong-rows": edit("checkpoint", setitem("a_state", lambda a: a[1:].copy())),
    "c_state-other-shape": edit("checkpoint", setitem("c_state", lambda a: a[:, :1].copy())),
    # dtypes
    "params-int32": edit("model", all_params_as(np.int32)),
    "params-float16": edit("model", all_params_as(np.float16)),
    "params-complex": edit("model", all_params_as(np.complex128)),
    "Wy-float32-others-float64": edit("model", setitem("Wy", lambda a: a.astype(np.float32))),
    "s_bo-float32": edit("checkpoint", setitem("s_bo", lambda a: a.astype(np.float32))),
    "a_state-float32": edit("checkpoint", setitem("a_state", lambda a: a.astype(np.float32))),
    # values
    "nan-in-bf": edit("model", poke("bf", np.nan)),
    "inf-in-Wy": edit("model", poke("Wy", np.inf)),
    "inf-in-s_Wy": edit("checkpoint", poke("s_Wy", np.inf)),
    "nan-in-v_Wi": edit("checkpoint", poke("v_Wi", np.nan)),
    "minus-inf-in-c_state": edit("checkpoint", poke("c_state", -np.inf)),
    "t-negative": edit("checkpoint", setitem("t", lambda a: np.array(-1, dtype=np.int64))),
    "t-float": edit("checkpoint", setitem("t", lambda a: np.array(5.0))),
    "t-vector": edit("checkpoint", setitem("t", lambda a: np.array([5, 5]))),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_refused(tmp_path, good_files, name):
    path = tmp_path / "bad.npz"
    BAD_FILES[name](path, good_files)
    assert_refused(path)
    assert_refused(path, "checkpoint")


def test_missing_file_and_directory_are_refused(tmp_path):
    assert_refused(tmp_path / "nothing-here.npz", None, "no such file")
    folder = tmp_path / "a-folder.npz"
    folder.mkdir()
    assert_refused(folder, None, "not a file")


def test_model_file_refused_where_a_checkpoint_is_needed(tmp_path, good_files):
    path = tmp_path / "model.npz"
    path.write_bytes(good_files["model"])
    Checkpoint.load(path)                                      # fine as a model
    assert_refused(path, "checkpoint", "model file, without the trainer")
    with pytest.raises(CheckpointError):
        Trainer.resume(path, TEXT)


def test_pickle_is_never_executed(tmp_path, good_files):
    """An object array under a key (or as meta) is refused without running pickle."""
    marker = tmp_path / "pickle-ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    for where in ("extra", "meta", "Wf"):
        arrays, _ = arrays_and_meta(good_files["checkpoint"])
        arrays[where] = np.array([Payload(), {"a": 1}], dtype=object)
        path = tmp_path / f"pickle-{where}.npz"
        np.savez(path, **arrays)
        assert not marker.exists()
        message = assert_refused(path)
        assert "pickle" in message
        assert not marker.exists(), "loading executed pickled code"


# Bad files that the loader does not turn into a CheckpointError (bugs found while writing
# these tests): each raises another exception from deep inside numpy or zipfile.
BAD_FILES_BUGS = {
    "npy-not-npz": npy_file,                                   # TypeError
    "zip-member-meta-not-npy": zip_with({"meta": "garbage"}),  # AttributeError
    "Wf-scalar": edit("model", setitem("Wf", lambda a: np.array(1.0))),  # IndexError
    "zip-encrypted-flag": central_directory_patch(8, 0x01),   # RuntimeError
    "zip-unknown-compression": central_directory_patch(10, 99),   # NotImplementedError
}


@pytest.mark.parametrize("name", sorted(BAD_FILES_BUGS))
def test_bad_file_is_refused_more(tmp_path, good_files, name):
    path = tmp_path / "bad.npz"
    BAD_FILES_BUGS[name](path, good_files)
    assert_refused(path)


@pytest.mark.parametrize("content", [b"hello, this is a text file\n", b"\x00\x01garbage" * 50],
                         ids=["text", "binary"])
def test_refusal_of_a_non_npz_file_does_not_claim_pickle(tmp_path, content):
    """A text file or random bytes are 'not a lstm_np file', not 'pickled Python objects'."""
    path = tmp_path / "notes.npz"
    path.write_bytes(content)
    message = assert_refused(path)
    assert "pickle" not in message, message


def test_meta_hyperparameters_inconsistent_with_arrays_refused_on_resume(tmp_path,
                                                                        good_files):
    """meta says n_a = 12 but the arrays have n_a = 6: a CheckpointError naming the file."""
    arrays, meta = arrays_and_meta(good_files["checkpoint"])
    meta["hyperparameters"]["n_a"] = 12
    path = tmp_path / "ck.npz"
    write_npz(path, arrays, meta)
    with pytest.raises(CheckpointError) as info:
        Checkpoint.load(path, kind="checkpoint")
        Trainer.resume(path, TEXT)
    assert str(info.value).startswith(f"{path}: ")


# ---------------------------------------------------------------------- resume checks
def test_resume_refuses_another_vocabulary(tmp_path, trained):
    path = tmp_path / "ck.npz"
    trained.save(path)
    other = pseudo_text(3000, seed=1, words="the quick brown fox jumps over lazy dog".split())
    assert Vocabulary.from_text(other) != trained.vocab
    with pytest.raises(CheckpointError) as info:
        Trainer.resume(path, other)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert "vocabulary" in message


def test_resume_refuses_another_text_with_the_same_vocabulary(tmp_path, trained):
    path = tmp_path / "ck.npz"
    trained.save(path)
    other = TEXT[::-1]
    assert Vocabulary.from_text(other) == trained.vocab and other != TEXT
    with pytest.raises(CheckpointError) as info:
        Trainer.resume(path, other)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert "another text" in message
    Trainer.resume(path, TEXT)                     # the right text is accepted


# ---------------------------------------------------------------------- atomic writes
def test_save_leaves_no_temporary_files(tmp_path, trained):
    for _ in range(3):                             # creating and replacing
        trained.save(tmp_path / "ck.npz")
        trained.save_model(tmp_path / "model.npz")
    assert sorted(os.listdir(tmp_path)) == ["ck.npz", "model.npz"]
    Checkpoint.load(tmp_path / "ck.npz")
    Checkpoint.load(tmp_path / "model.npz")


def test_save_into_a_missing_folder_is_refused(tmp_path, trained):
    path = tmp_path / "no" / "such" / "folder" / "ck.npz"
    with pytest.raises(CheckpointError) as info:
        trained.save(path)
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)


@pytest.mark.parametrize("name,value", [("bf", np.nan), ("Wy", np.inf), ("Wc", -np.inf)])
def test_non_finite_parameters_are_not_saved(tmp_path, name, value):
    tr = Trainer(TEXT, TrainConfig(**CONFIG))
    tr.train(updates=2, every=2, log=None)
    path = tmp_path / "ck.npz"
    model_path = tmp_path / "model.npz"
    tr.save(path)
    tr.save_model(model_path)
    before, model_before = path.read_bytes(), model_path.read_bytes()
    tr.parameters[name][0, 0] = value
    with pytest.raises(CheckpointError) as info:
        tr.save(path)
    assert str(info.value).startswith(f"{path}: ") and name in str(info.value)
    with pytest.raises(CheckpointError):
        tr.save_model(model_path)
    assert path.read_bytes() == before
    assert model_path.read_bytes() == model_before
    assert sorted(os.listdir(tmp_path)) == ["ck.npz", "model.npz"]


@pytest.mark.parametrize("what", ["v", "s", "a_state"])
def test_non_finite_optimizer_state_is_not_saved(tmp_path, trained, what):
    """A checkpoint that load_checkpoint would refuse must not replace a good one."""
    path = tmp_path / "ck.npz"
    trained.save(path)
    before = path.read_bytes()
    ck = Checkpoint.load(path)
    v = {n: a.copy() for n, a in ck.v.items()}
    s = {n: a.copy() for n, a in ck.s.items()}
    state = {k: a.copy() for k, a in ck.state.items()}
    if what == "v":
        v["Wf"][0, 0] = np.nan
    elif what == "s":
        s["Wy"][0, 0] = np.inf
    else:
        state["a"][0, 0] = np.nan
    with pytest.raises(CheckpointError):
        Checkpoint(ck.parameters, ck.vocab, ck.hyperparameters, "checkpoint", v, s, ck.t,
                   state, ck.progress, ck.history).save(path)
    assert path.read_bytes() == before
    Checkpoint.load(path)


def test_failure_while_writing_keeps_the_old_file(tmp_path, trained, monkeypatch):
    """np.savez dies half-way (disk full, say): the old file stays, no temporary is left."""
    path = tmp_path / "ck.npz"
    trained.save(path)
    before = path.read_bytes()
    real_savez = np.savez

    def half_then_fail(f, **arrays):
        buffer = io.BytesIO()
        real_savez(buffer, **arrays)
        f.write(buffer.getvalue()[:len(buffer.getvalue()) // 2])
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(ckpt.np, "savez", half_then_fail)
    with pytest.raises(OSError):
        trained.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["ck.npz"]


KILL_MID_WRITE = textwrap.dedent("""
    import io, os, signal, sys
    import numpy as np
    from lstm_np.storage.checkpoint import Checkpoint
    path = sys.argv[1]
    ck = Checkpoint.load(path)
    real_savez = np.savez
    def half_then_die(f, **arrays):
        buffer = io.BytesIO()
        real_savez(buffer, **arrays)
        f.write(buffer.getvalue()[:len(buffer.getvalue()) // 2])
        f.flush()
        os.fsync(f.fileno())
        os.kill(os.getpid(), signal.SIGKILL)
    np.savez = half_then_die
    ck.t += 1
    ck.save(path)
""")


def test_sigkill_in_the_middle_of_a_write_keeps_the_old_file(tmp_path, trained):
    path = tmp_path / "ck.npz"
    trained.save(path)
    before = path.read_bytes()
    script = tmp_path / "kill_mid_write.py"
    script.write_text(KILL_MID_WRITE)
    r = subprocess.run([sys.executable, str(script), str(path)], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == -signal.SIGKILL, r.stderr
    assert path.read_bytes() == before
    assert Checkpoint.load(path).t == trained.t


def test_sigkill_at_random_moments_leaves_a_whole_checkpoint(tmp_path):
    """Train with a checkpoint written every update and kill -9 the process 8 times."""
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "ck.npz"
    env = dict(os.environ, LSTM_NP_DATA=str(tmp_path))
    rng = np.random.default_rng(2024)
    ts = []
    for kill in range(8):
        args = [sys.executable, "-m", "lstm_np", "train", "--corpus", str(corpus),
                "--updates", "1000000", "--checkpoint", str(path), "--hidden", "4",
                "--batch-size", "2", "--seq-length", "5", "--every", "1"]
        def signature():
            """Changes with every write, by rename (new inode) or in place (new mtime)."""
            try:
                st = path.stat()
            except FileNotFoundError:
                return None
            return st.st_ino, st.st_mtime_ns, st.st_size
        old_signature = signature()
        if old_signature is not None:
            args.append("--resume")
        with open(tmp_path / "stderr.txt", "w") as err:
            proc = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                                    stderr=err)
            try:
                deadline = time.monotonic() + 30
                # wait until this process has written a checkpoint of its own
                while signature() in (None, old_signature):
                    assert proc.poll() is None, (tmp_path / "stderr.txt").read_text()
                    assert time.monotonic() < deadline, "no checkpoint written in 30 s"
                    time.sleep(0.005)
                time.sleep(float(rng.uniform(0.05, 0.6)))
                assert proc.poll() is None, (tmp_path / "stderr.txt").read_text()
                proc.send_signal(signal.SIGKILL)
                assert proc.wait(timeout=30) == -signal.SIGKILL
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        ck = Checkpoint.load(path, kind="checkpoint")      # whole, whatever the moment
        ts.append(ck.t)
        assert ts == sorted(ts) and len(set(ts)) == len(ts), ts   # t only goes up
    # the last one resumes
    tr = Trainer.resume(path, TEXT)
    assert tr.t == ts[-1]
    # only the corpus, the checkpoint and perhaps temporaries of killed writes are left (and
    # the lock file, which a killed trainer cannot remove: the system released its lock, so
    # every later run above took it)
    leftovers = set(os.listdir(tmp_path)) - {"corpus.txt", "ck.npz", "stderr.txt",
                                              ".ck.npz.lock"}
    assert all(name.startswith(".ck.npz.") and name.endswith(".tmp") for name in leftovers), \
        leftovers
