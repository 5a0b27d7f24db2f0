"""Every field of a checkpoint is checked before training resumes from it.

A list of damaged checkpoints, one field each: `python -m lstm_np train --resume` refuses
every one with one line that names the file and the field, exit status 2, and leaves the
file as it was. The same files are refused by `Trainer.resume` and by the original's
`model(...)`. A version-1 checkpoint (before the stream offset was saved) still resumes.
"""
import io
import json

import numpy as np
import pytest

from lstm_np import PARAMETER_NAMES, Vocabulary
from lstm_np.cli.main import main
from lstm_np.errors import CheckpointError
from lstm_np.engine.train import Trainer
from lstm_np.engine.config import TrainConfig
from lstm_np.original import model
from helpers import pseudo_text

TEXT = pseudo_text(4000)
CONFIG = dict(n_a=6, batch_size=3, seq_length=9, dtype="float64", workers=1)


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A checkpoint saved in the middle of the second epoch, and its corpus file."""
    folder = tmp_path_factory.mktemp("good")
    tr = Trainer(TEXT, TrainConfig(**CONFIG))
    wpe = tr.windows_per_epoch
    tr.train(updates=wpe + 3, every=wpe + 3, log=None)
    assert tr.epoch == 1 and tr.window == 3 and tr.streams.max_offset > 0
    tr.save(folder / "ck.npz")
    corpus = folder / "corpus.txt"
    corpus.write_text(TEXT, encoding="utf-8")
    return {"bytes": (folder / "ck.npz").read_bytes(), "corpus": corpus, "trainer": tr}


def damaged(data, change_meta=None, change_arrays=None):
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    meta = json.loads(str(arrays["meta"]))
    if change_meta:
        change_meta(meta)
    if change_arrays:
        change_arrays(arrays)
    arrays["meta"] = np.array(json.dumps(meta))
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def progress(key, value):
    def change(meta):
        if value is DELETE:
            del meta["progress"][key]
        else:
            meta["progress"][key] = value(meta["progress"][key]) if callable(value) else value
    return change


def hyper(key, value):
    def change(meta):
        meta["hyperparameters"][key] = value
    return change


def array(key, fn):
    def change(arrays):
        arrays[key] = fn(arrays[key])
    return change


def rng_state(fn):
    def change(meta):
        fn(meta["progress"]["rng_state"])
    return change


DELETE = object()

# name: (change_meta, change_arrays, the field the message must name)
DAMAGE = {
    "rng_state-missing": (progress("rng_state", DELETE), None, "progress.rng_state"),
    "rng_state-a-string": (progress("rng_state", "PCG64"), None, "progress.rng_state"),
    "rng_state-no-inner-state": (rng_state(lambda s: s.pop("state")), None,
                                 "progress.rng_state"),
    "rng_state-other-generator": (rng_state(lambda s: s.update(bit_generator="MT19937")),
                                  None, "progress.rng_state"),
    "epoch-1e300": (progress("epoch", 1e300), None, "progress.epoch"),
    "epoch-negative": (progress("epoch", -1), None, "progress.epoch"),
    "epoch-as-text": (progress("epoch", "1"), None, "progress.epoch"),
    "epoch-off-by-one": (progress("epoch", 0), None, "progress.epoch"),
    "window-past-the-epoch": (progress("window", lambda w: w + 1000), None, "progress.window"),
    "window-fraction": (progress("window", 2.5), None, "progress.window"),
    "offset-missing": (progress("offset", DELETE), None, "progress.offset"),
    "offset-past-the-text": (progress("offset", 10 ** 6), None, "progress.offset"),
    "engine-unknown": (progress("engine", "turbo"), None, "progress.engine"),
    "text_sha256-cut": (progress("text_sha256", lambda h: h[:20]), None,
                        "progress.text_sha256"),
    "progress-missing": (lambda m: m.pop("progress"), None, "progress"),
    "t-larger": (None, array("t", lambda t: t + 7), "t = "),
    "t-negative": (None, array("t", lambda t: np.array(-3)), "step t"),
    "a_state-other-batch": (None, array("a_state", lambda a: a[:, :2].copy()), "a_state"),
    "c_state-float32": (None, array("c_state", lambda a: a.astype(np.float32)), "c_state"),
    "s_Wf-negative": (None, array("s_Wf", lambda a: -a - 1.0), "s_Wf"),
    "batch_size-zero": (hyper("batch_size", 0), None, "batch_size"),
    "learning_rate-text": (hyper("learning_rate", "fast"), None, "learning_rate"),
    "dtype-unlike-the-arrays": (hyper("dtype", "float32"), None, "dtype"),
    "unknown-setting": (hyper("momentum", 0.9), None, "hyperparameters.momentum"),
    "history-uneven": (lambda m: m["history"]["val_loss"].append(1.0), None, "history"),
    "history-nan": (lambda m: m["history"]["train_loss"].__setitem__(0, float("nan")), None,
                    "history.train_loss"),
}


def write_damaged(tmp_path, good, name):
    change_meta, change_arrays, field = DAMAGE[name]
    path = tmp_path / "ck.npz"
    path.write_bytes(damaged(good["bytes"], change_meta, change_arrays))
    return path, field


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_cli_refuses_a_damaged_checkpoint_in_one_line(tmp_path, good, capsys, name):
    path, field = write_damaged(tmp_path, good, name)
    before = path.read_bytes()
    status = main(["train", "--corpus", str(good["corpus"]), "--checkpoint", str(path),
                   "--resume", "--updates", "40", "--every", "5"])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"error: {path}: "), err
    assert field in err, err
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_trainer_and_model_refuse_a_damaged_checkpoint(tmp_path, good, name):
    path, field = write_damaged(tmp_path, good, name)
    before = path.read_bytes()
    with pytest.raises(CheckpointError, match=field.replace(".", r"\.")):
        Trainer.resume(path, TEXT)
    vocab = Vocabulary.from_text(TEXT)
    with pytest.raises(CheckpointError):
        model(TEXT, vocab.char_to_ix, vocab.ix_to_char, 5, n_a=6, vocab_size=vocab.size,
              learning_rate=0.04, checkpoint_file=path, log=None,
              **{k: v for k, v in CONFIG.items() if k != "n_a"})
    assert path.read_bytes() == before


def test_the_good_checkpoint_resumes(tmp_path, good):
    path = tmp_path / "ck.npz"
    path.write_bytes(damaged(good["bytes"]))              # rewritten, nothing changed
    back = Trainer.resume(path, TEXT)
    tr = good["trainer"]
    assert (back.t, back.epoch, back.window) == (tr.t, tr.epoch, tr.window)
    assert back.streams.offset == tr.streams.offset


def test_a_version_1_checkpoint_still_resumes_from_offset_0(tmp_path, good):
    def version_1(meta):
        meta["version"] = 1
        del meta["progress"]["offset"]
    path = tmp_path / "ck.npz"
    path.write_bytes(damaged(good["bytes"], version_1))
    back = Trainer.resume(path, TEXT)
    assert back.streams.offset == 0 and back.t == good["trainer"].t
    back.step()


def test_the_pretrained_models_still_load():
    from lstm_np.storage.checkpoint import load_pretrained
    for lang in ("es", "en"):
        ck = load_pretrained(lang)
        assert ck.kind == "model" and set(ck.parameters) == set(PARAMETER_NAMES)
