"""The command line: python -m lstm_np {fetch, train, sample, evaluate, bench}.

Whatever goes wrong ends in one line on stderr, "error: ...", naming the file or the flag and
what to do, and exit status 2; no traceback:

- bad input: a file, an argument (argparse names the flag);
- the machine: a full disk, a read-only or missing folder, a folder where a file should be,
  a closed or full standard output. `train` writes its checkpoint before it prints or saves
  a model elsewhere, so no work done is lost; a closed output stops it with its checkpoint
  whole. `sample` writes its text as it is generated; a closed pipe ends it quietly.
- Ctrl-C (SIGINT), SIGTERM (a scheduler, `timeout`) and SIGHUP (a closed terminal) stop it
  the same way: a save in progress is abandoned whole (the last checkpoint stays as it was),
  one line, exit status 128 + the signal's number.

In a locale that cannot show the text (``LC_ALL=C``), characters outside ASCII are written
without their accents ("e" for "é"), never as escape codes.
"""
import argparse
import codecs
import math
import os
import signal
import sys
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from ..errors import LstmNpError
from ..storage.files import TrainerLock, os_error_line
from ..i18n import _


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, as Ctrl-C raises KeyboardInterrupt."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


class OutputClosed(Exception):
    """The standard output cannot be written (a closed pipe, a full disk): error is the OSError."""

    def __init__(self, error):
        super().__init__(error)
        self.error = error


def write_out(text):
    """Write `text` to stdout and flush it; OutputClosed if stdout is closed or full."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as e:
        raise OutputClosed(e) from None


# ---------------------------------------------------------------- argument types
def _whole(low):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("expected a whole number, got {text!r}")
                                             .format(text=text)) from None
        if value < low:
            raise argparse.ArgumentTypeError(_("must be at least {low}, got {value}")
                                             .format(low=low, value=value))
        return value
    return parse


def _workers(text):
    """--workers: "auto" or a whole number >= 1."""
    if text == "auto":
        return text
    try:
        int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected auto or a whole number, got {text!r}")
                                         .format(text=text)) from None
    return _whole(1)(text)


def _positive_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a number, got {text!r}")
                                         .format(text=text)) from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(_("must be a finite number > 0, got {text}")
                                         .format(text=text))
    return value


# ---------------------------------------------------------------- the commands
def cmd_fetch(args):
    from ..storage.corpus import CORPORA, fetch
    names = sorted(CORPORA) if args.name == "all" else [args.name]
    for name in names:
        write_out(_("{name}: {path} (sha256 verified)").format(name=name, path=fetch(name))
                  + "\n")


HYPER_FLAGS = {"hidden": "n_a", "batch_size": "batch_size", "seq_length": "seq_length",
               "lr": "learning_rate", "clip": "clip_value", "seed": "seed", "dtype": "dtype",
               "workers": "workers"}


def _check_model_path(path):
    """Refuse at once a --save-model path that cannot be written (before any training)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise LstmNpError(_("{path}: is a folder; give --save-model the path of a file")
                          .format(path=path))
    if not folder.is_dir():
        raise LstmNpError(_("{path}: the folder {folder} does not exist; create it first")
                          .format(path=path, folder=folder))


def cmd_train(args):
    checkpoint = Path(args.checkpoint)
    if checkpoint.is_dir():
        raise LstmNpError(_("{path}: is a folder; give --checkpoint the path of a file")
                          .format(path=checkpoint))
    if args.save_model is not None:
        _check_model_path(args.save_model)
    with TrainerLock(checkpoint):
        _train(args, checkpoint)


def _train(args, checkpoint):
    from ..engine.config import TrainConfig
    from ..storage.corpus import load_corpus
    from ..engine.train import Trainer, print_progress
    given = {field: getattr(args, flag) for flag, field in HYPER_FLAGS.items()
             if getattr(args, flag) is not None}
    seq_length = given.get("seq_length", TrainConfig.seq_length)
    text = load_corpus(args.corpus, min_length=seq_length + 1)
    if args.resume:
        trainer = Trainer.resume(checkpoint, text)
        clash = {k: v for k, v in given.items()
                 if getattr(trainer.config, k) != v and v != "auto"}   # auto: as recorded
        if clash:
            raise LstmNpError(_("{path}: was trained with {settings}; a resumed run keeps its "
                                "settings: drop those options").format(
                path=checkpoint,
                settings=", ".join(f"{k}={getattr(trainer.config, k)!r}" for k in clash)))
    else:
        if checkpoint.exists():
            raise LstmNpError(_("{path} already exists: add --resume to continue it, or "
                                "choose another --checkpoint path (nothing was overwritten)")
                              .format(path=checkpoint))
        trainer = Trainer(text, TrainConfig(**given))
    if args.updates is None and args.epochs is None:
        args.epochs = 1
    progress = print_progress if sys.stderr.isatty() else None
    args.trainer = trainer                  # main() tells what was saved if something fails
    trainer.train(updates=args.updates, epochs=args.epochs, every=args.every,
                  checkpoint=checkpoint, log=lambda line: write_out(line + "\n"),
                  progress=progress, best_model=args.save_model)


def _saved_note(args):
    """'; the checkpoint X holds update t (...)' for the line of a train that stopped."""
    trainer = getattr(args, "trainer", None)
    if trainer is None or trainer.last_saved is None:
        return _("; nothing was overwritten")
    return _("; the checkpoint {path} is whole, at update {t} (--resume goes on from there)"
             ).format(path=args.checkpoint, t=trainer.last_saved)


def _typed_text(text):
    """Text typed on the command line, as typed: in an ASCII locale Python keeps the bytes it
    cannot decode as surrogates; a terminal sends UTF-8, so decode them as UTF-8."""
    try:
        return os.fsencode(text).decode("utf-8")
    except UnicodeDecodeError:
        return text


def _model_file(path):
    """A model or checkpoint file with its vocabulary (a `Checkpoint`); LstmNpError if not."""
    from ..storage.checkpoint import Checkpoint
    ck = Checkpoint.load(path)
    if ck.vocab is None:
        raise LstmNpError(_("{path}: a {kind} file without a vocabulary; sample and evaluate "
                            "need a model file or a checkpoint written by train")
                          .format(path=path, kind=ck.kind))
    return ck


def cmd_sample(args):
    from ..engine.generation import normalise_prime, stream_top_k
    ck = _model_file(args.model)
    if args.top_k > ck.vocab.size:
        raise LstmNpError(_("--top-k must be from 1 to {size} (the model's vocabulary), got "
                            "{k}").format(size=ck.vocab.size, k=args.top_k))
    prime = "\n" if args.prime is None else normalise_prime(_typed_text(args.prime))
    chars = stream_top_k(ck.parameters, ck.vocab.char_to_ix, prime, args.temperature,
                         args.top_k, length=args.length, rng=args.seed)
    first = next(chars)                         # every argument is checked by now
    write_out(("" if args.prime is None else prime) + ck.vocab.chars[first])
    for ix in chars:
        write_out(ck.vocab.chars[ix])
    write_out("\n")


def cmd_evaluate(args):
    from ..core.backward import nats_to_bits
    from ..storage.corpus import load_corpus, split_text
    from ..engine.evaluation import evaluate
    from ..core.text import Vocabulary
    ck = _model_file(args.model)
    text = load_corpus(args.corpus)
    if Vocabulary.from_text(text) != ck.vocab:
        raise LstmNpError(_("{path}: its vocabulary ({size} characters) is not the one of "
                            "corpus {corpus}; evaluate it on the corpus it was trained on")
                          .format(path=args.model, size=ck.vocab.size, corpus=args.corpus))
    fraction = ck.hyperparameters.get("val_fraction", 0.1)
    loss = evaluate(ck.parameters, ck.vocab, text, fraction)
    n_val = len(split_text(text, fraction)[1])
    write_out(_("validation loss: {loss:.4f} nats/char ({bits:.4f} bits/char) on the last "
                "{n} characters").format(loss=loss, bits=nats_to_bits(loss), n=n_val) + "\n")


def cmd_bench(args):
    from .bench import busy_core, run
    if args.busy_core:
        busy_core(corpus=args.corpus)
    else:
        run(corpus=args.corpus, quick=args.quick, against=args.against)


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors in one line like every other (the usage is one --help away)."""

    def error(self, message):
        line = _("error: {message} (see {prog} --help)").format(message=message, prog=self.prog)
        self.exit(2, " ".join(line.split()) + "\n")


def build_parser():
    p = _Parser(prog="python -m lstm_np", description="A character-level LSTM in numpy.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    f = sub.add_parser("fetch", help="download and verify the corpora")
    f.add_argument("name", nargs="?", default="all", choices=["es", "en", "all"])
    f.set_defaults(func=cmd_fetch)

    t = sub.add_parser("train", help="train (or resume) and write checkpoints")
    t.add_argument("--corpus", required=True, help="es, en, or the path of a UTF-8 text file")
    length = t.add_mutually_exclusive_group()
    length.add_argument("--updates", type=_whole(1),
                        help="total number of updates the checkpoint reaches")
    length.add_argument("--epochs", type=_positive_float,
                        help="total number of epochs (default 1)")
    t.add_argument("--batch-size", type=_whole(1), help="parallel streams m (128)")
    t.add_argument("--seq-length", type=_whole(1), help="window T_x (25)")
    t.add_argument("--hidden", type=_whole(1), help="hidden units n_a (100)")
    t.add_argument("--lr", type=_positive_float, help="Adam learning rate (0.04)")
    t.add_argument("--clip", type=_positive_float,
                   help="gradient clipping bound on the mean loss per character "
                        "(5 / seq-length: the original's 5 on a window's summed loss)")
    t.add_argument("--seed", type=_whole(0), help="seed of the initialisation and of the "
                                                 "epochs' stream offsets (0)")
    t.add_argument("--dtype", choices=["float64", "float32"], help="float32 (default) or float64")
    t.add_argument("--workers", type=_workers,
                   help="processes sharing each batch, one per core: 1, 2, ... or auto "
                        "(default: 2 or 1, whichever is faster here at the start; the "
                        "checkpoint records the choice); the result depends on it slightly")
    t.add_argument("--checkpoint", required=True,
                   help="checkpoint file (.npz); one trainer at a time per file")
    t.add_argument("--resume", action="store_true", help="continue from --checkpoint")
    t.add_argument("--every", type=_whole(1), default=100,
                   help="log, validate and save every K updates (100)")
    t.add_argument("--save-model", metavar="PATH",
                   help="also write a model file there, each time the validation loss is the "
                        "best so far (the best checkpoint is kept)")
    t.set_defaults(func=cmd_train)

    s = sub.add_parser("sample", help="generate text (written as it is generated)")
    s.add_argument("--model", required=True, help="a model file or a checkpoint")
    s.add_argument("--temperature", type=_positive_float, default=1.0)
    s.add_argument("--top-k", type=_whole(1), default=5)
    s.add_argument("--length", type=_whole(1), default=300)
    s.add_argument("--prime", help="priming text, printed before the generated text")
    s.add_argument("--seed", type=_whole(0), default=0, help="random seed (0)")
    s.set_defaults(func=cmd_sample)

    e = sub.add_parser("evaluate", help="validation loss per character")
    e.add_argument("--model", required=True)
    e.add_argument("--corpus", required=True)
    e.set_defaults(func=cmd_evaluate)

    b = sub.add_parser("bench", help="throughput: faithful m=1 loop vs the fast trainer")
    b.add_argument("--corpus", default="es")
    b.add_argument("--quick", action="store_true", help="a shorter run (less precise)")
    b.add_argument("--against", choices=["torch"],
                   help="also run the same recipe in PyTorch (if importable) and compare")
    b.add_argument("--busy-core", action="store_true",
                   help="instead: the default against 1 worker while another program keeps "
                        "a core busy (median of 5)")
    b.set_defaults(func=cmd_bench)
    return p


# ---------------------------------------------------------------- signals, streams, main
SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def _signals_as_interrupts():
    """While inside: SIGTERM and SIGHUP raise `Interrupted` (like Ctrl-C's KeyboardInterrupt)."""
    def handler(signum, frame):
        raise Interrupted(signum)
    try:
        previous = {sig: signal.signal(sig, handler) for sig in SIGNALS}
    except ValueError:                  # not the main thread: leave the signals alone
        previous = {}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _plain_ascii(error):
    """Codec error handler: a character without its accents ("é" -> "e"), else "?"."""
    text = error.object[error.start:error.end]
    out = []
    for ch in text:
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if ord(c) < 128)
        out.append(base or {"—": "-", "–": "-", "…": "...", "«": '"', "»": '"',
                            "“": '"', "”": '"', "‘": "'", "’": "'", "¿": "?", "¡": "!",
                            "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o"}.get(ch, "?"))
    return "".join(out), error.end


codecs.register_error("lstm_np_plain", _plain_ascii)


def _readable_streams():
    """Let stdout and stderr write any text in any locale (see the module docstring)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "é—…".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            try:
                stream.reconfigure(errors="lstm_np_plain")
            except (AttributeError, ValueError):
                pass


def _silence_stdout():
    """After stdout failed: point it at /dev/null so that the exit's flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _error(line):
    try:
        print(_("error: {message}").format(message=" ".join(str(line).split())),
              file=sys.stderr)
    except OSError:
        pass
    return 2


def main(argv=None):
    _readable_streams()
    args = build_parser().parse_args(argv)
    try:
        with _signals_as_interrupts():
            args.func(args)
    except LstmNpError as e:            # includes DataError, CheckpointError, TrainingError
        return _error(e)
    except ValueError as e:             # bad arguments reaching the functions
        return _error(e)
    except OutputClosed as e:
        _silence_stdout()
        if args.command == "sample" and isinstance(e.error, BrokenPipeError):
            return 0                    # `sample | head`: the reader has what it wanted
        note = _saved_note(args) if args.command == "train" else ""
        return _error(os_error_line(e.error) + note)
    except OSError as e:
        note = _saved_note(args) if args.command == "train" else ""
        return _error(os_error_line(e) + note)
    except KeyboardInterrupt as e:
        signum = e.signum if isinstance(e, Interrupted) else signal.SIGINT
        name = signal.Signals(signum).name
        if args.command == "train":
            line = _("interrupted ({signal}){note}").format(signal=name, note=_saved_note(args))
        else:
            line = _("interrupted ({signal})").format(signal=name)
        try:
            sys.stdout.flush()
        except OSError:
            pass
        try:
            print("\n" + line, file=sys.stderr)
        except OSError:
            pass
        return 128 + signum
    return 0
