"""The command line: python -m lstm_np {fetch, train, sample, evaluate, bench}.

Whatever goes wrong ends in one line on stderr, "error: ...", naming the file or the flag and
what to do, and exit status 2; no traceback:

- bad input: a file, an argument (argparse names the flag);
- the machine: a full disk, a read-only or missing folder, a folder where a file should be,
  a closed or full standard output. `train` writes its checkpoint before it prints or saves
  a model elsewhere, so no work done is lost; a closed output stops it with its checkpoint
  whole. `sample` writes its text as it is generated; a closed pipe ends it quietly.
- Ctrl-C (SIGINT), Ctrl-\\ (SIGQUIT), SIGTERM (a scheduler, `timeout`), SIGHUP (a closed
  terminal) and SIGXCPU (a CPU-time limit) stop it the same way, at any moment, the helper
  process's start included: a save in progress is abandoned whole (the last checkpoint stays
  as it was), one line, exit status 128 + the signal's number. Once stopping, further presses
  of Ctrl-C are ignored (the stop takes a moment: the helper is ended, nothing is left).
- a closed standard output (``>&-``) is refused at once, before anything is done; a closed
  standard error is replaced by /dev/null (the exit status still tells); a closed standard
  input is harmless. Nothing is ever written to a file that takes a closed stream's number.
- not enough memory: one line with the memory the settings need.

In a locale that cannot show the text (``LC_ALL=C``), the messages are written without their
accents ("e" for "é"), never as escape codes; the text `sample` generates is the model's,
always: in the locale's encoding if it can hold the model's characters, else in UTF-8.
"""
import argparse
import codecs
import math
import os
import select
import signal
import sys
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from ..errors import LstmNpError
from ..storage.files import STOP_SIGNALS, TrainerLock, os_error_line
from ..i18n import _, language


class Interrupted(KeyboardInterrupt):
    """A stopping signal (SIGTERM, SIGHUP, SIGQUIT...), raised where the program is, as Ctrl-C
    raises KeyboardInterrupt."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


class OutputClosed(Exception):
    """The standard output cannot be written (a closed pipe, a full disk): error is the OSError."""

    def __init__(self, error):
        super().__init__(error)
        self.error = error


def write_out(text, encoding=None):
    """Write `text` to stdout and flush it; OutputClosed if stdout is closed or full.

    encoding: None writes through sys.stdout (a message: accents dropped where the locale
    cannot show them); a name writes the bytes of `text` in that encoding straight to the
    file descriptor (generated text: never changed, and no buffer that a Ctrl-C in the middle
    of a flush could leave to be written twice).
    """
    try:
        sys.stdout.flush()
        if encoding is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        data, fd = text.encode(encoding), sys.stdout.fileno()
        while data:
            try:
                data = data[os.write(fd, data):]
            except BlockingIOError:             # an output another program made non-blocking
                select.select([], [fd], [])
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
    with TrainerLock(checkpoint) as lock:
        _train(args, checkpoint, lock)


def _memory_needed(n_a, V, m, T, dtype):
    """Bytes a trainer of these sizes needs, roughly: the parameters with their gradient and
    Adam's two moments (and a copy each for the helper), and the activations of a batch
    (caches of the m T steps: some 12 arrays of n_a, the probabilities of V)."""
    size = 4 if dtype == "float32" else 8
    P = 4 * n_a * (n_a + V + 1) + V * (n_a + 1)
    return size * (8 * P + m * T * (12 * n_a + 3 * V))


def _train(args, checkpoint, lock):
    from ..engine.config import TrainConfig
    from ..storage.corpus import load_corpus
    from ..engine.train import Trainer, print_progress
    given = {field: getattr(args, flag) for flag, field in HYPER_FLAGS.items()
             if getattr(args, flag) is not None}
    seq_length = given.get("seq_length", TrainConfig.seq_length)
    text = load_corpus(args.corpus, min_length=seq_length + 1)
    if args.resume:
        workers = given.pop("workers", None)      # how, not what: may change (README)
        if workers == "auto":
            workers = None                        # auto on a resume: the recorded choice
        trainer = Trainer.resume(checkpoint, text, workers=workers)
        clash = {k: v for k, v in given.items() if getattr(trainer.config, k) != v}
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
        config = TrainConfig(**given).check()
        args.need = _memory_needed(config.n_a, len(set(text)), config.batch_size,
                                   config.seq_length, config.dtype)
        trainer = Trainer(text, config)
    if args.updates is None and args.epochs is None:
        args.epochs = 1
    progress = print_progress if sys.stderr.isatty() else None
    args.trainer = trainer                  # main() tells what was saved if something fails

    def log(line):
        lock.follow()       # the save before this line wrote a new file: lock it too
        write_out(line + "\n")
    trainer.train(updates=args.updates, epochs=args.epochs, every=args.every,
                  checkpoint=checkpoint, log=log, progress=progress,
                  best_model=args.save_model)


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


def _text_encoding(chars):
    """The encoding for generated text: the standard output's if it can write every one of
    `chars` (the model's vocabulary), else UTF-8: never a character changed."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        "".join(chars).encode(encoding)
        return encoding
    except (UnicodeEncodeError, LookupError):
        return "utf-8"


def cmd_sample(args):
    from ..storage.checkpoint import pretrained_path
    from ..engine.generation import normalise_prime, stream_top_k
    model = args.model if args.model is not None else pretrained_path(language())
    ck = _model_file(model)
    if args.top_k > ck.vocab.size:
        raise LstmNpError(_("--top-k must be from 1 to {size} (the model's vocabulary), got "
                            "{k}").format(size=ck.vocab.size, k=args.top_k))
    if args.prime is None:
        prime = "\n"
    else:
        prime = typed = normalise_prime(_typed_text(args.prime))
        lower = normalise_prime(typed.lower())      # as the corpus was (data.clean_text)
        known = set(ck.vocab.chars)
        if not set(typed) <= known and set(lower) <= known:
            prime = lower
            _note(_("note: the priming text was lower-cased ({prime!r}), as the texts the "
                    "models learn from are").format(prime=prime))
    chars = stream_top_k(ck.parameters, ck.vocab.char_to_ix, prime, args.temperature,
                         args.top_k, length=args.length, rng=args.seed)
    first = next(chars)                         # every argument is checked by now
    encoding = _text_encoding(ck.vocab.chars)
    write_out(("" if args.prime is None else prime) + ck.vocab.chars[first], encoding)
    for ix in chars:
        write_out(ck.vocab.chars[ix], encoding)
    write_out("\n", encoding)


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

    def out(line):
        write_out(line + "\n")                        # each line at once, even in a pipe
    if args.busy_core:
        busy_core(corpus=args.corpus, out=out)
    else:
        run(corpus=args.corpus, quick=args.quick, against=args.against, out=out)


def argparse_messages():
    """argparse's own words that reach a user (usage, help headings, its errors), as they
    are written in argparse's code: wrapped here in `_()` so that the catalogues hold their
    translations. `_in_our_language` makes argparse ask for them through `_`."""
    return [_("usage: "), _("positional arguments"), _("options"),
            _("show this help message and exit"),
            _("argument %(argument_name)s: %(message)s"),
            _("the following arguments are required: %s"),
            _("one of the arguments %s is required"),
            _("not allowed with argument %s"),
            _("unrecognized arguments: %s"),
            _("ambiguous option: %(option)s could match %(matches)s"),
            _("invalid choice: %(value)r (choose from %(choices)s)"),
            _("invalid %(type)s value: %(value)r"),
            _("expected one argument"), _("expected at most one argument"),
            _("expected at least one argument"), _("expected %s argument"),
            _("expected %s arguments"), _("ignored explicit argument %r")]


def _in_our_language():
    """Let argparse's own words (see `argparse_messages`) come from lstm_np's catalogues."""
    argparse._ = _
    argparse.ngettext = lambda singular, plural, n: argparse._(plural if n != 1 else singular)


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors in one line like every other (the usage is one --help away),
    and its help in the reader's language, each option with its default."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message):
        line = _("error: {message} (see {prog} --help)").format(message=message, prog=self.prog)
        self.exit(2, " ".join(line.split()) + "\n")


def _default(text, value):
    """A help text that ends with its default, in the reader's language."""
    return _("{help} (default: {value})").format(help=text, value=value)


def build_parser():
    _in_our_language()
    p = _Parser(prog="python -m lstm_np", description=_("A character-level LSTM in numpy."))
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser,
                           metavar="{fetch,train,sample,evaluate,bench}")

    f = sub.add_parser("fetch", help=_("download and verify the corpora"),
                       description=_("Download the texts (or find them in LSTM_NP_DATA) and "
                                     "check their sha256; they go to {folder}.")
                       .format(folder=_data_folder()))
    f.add_argument("name", nargs="?", default="all", choices=["es", "en", "all"],
                   help=_default(_("which corpus"), "all"))
    f.set_defaults(func=cmd_fetch)

    from ..engine.config import TrainConfig
    defaults = TrainConfig()                    # the help shows the trainer's own defaults
    t = sub.add_parser("train", help=_("train (or resume) and write checkpoints"),
                       description=_("Train a network on a text and write checkpoints; "
                                     "--resume goes on from one, exactly."))
    t.add_argument("--corpus", required=True,
                   help=_("es, en, or the path of a UTF-8 text file"))
    length = t.add_mutually_exclusive_group()
    length.add_argument("--updates", type=_whole(1),
                        help=_("total number of updates the checkpoint reaches"))
    length.add_argument("--epochs", type=_positive_float,
                        help=_default(_("total number of epochs"), 1))
    t.add_argument("--batch-size", type=_whole(1),
                   help=_default(_("parallel streams m"), defaults.batch_size))
    t.add_argument("--seq-length", type=_whole(1),
                   help=_default(_("window T_x"), defaults.seq_length))
    t.add_argument("--hidden", type=_whole(1), help=_default(_("hidden units n_a"), defaults.n_a))
    t.add_argument("--lr", type=_positive_float,
                   help=_default(_("Adam learning rate"), defaults.learning_rate))
    t.add_argument("--clip", type=_positive_float,
                   help=_default(_("gradient clipping bound on the mean loss per character"),
                                 _("5 / seq-length: the original's 5 on a window's summed "
                                   "loss")))
    t.add_argument("--seed", type=_whole(0),
                   help=_default(_("seed of the initialisation and of the epochs' stream "
                                   "offsets"), defaults.seed))
    t.add_argument("--dtype", choices=["float64", "float32"],
                   help=_default(_("float32 or float64"), defaults.dtype))
    t.add_argument("--workers", type=_workers,
                   help=_default(_("processes sharing each batch, one per core, or auto: 2 or "
                                   "1, whichever is faster here at the start (the checkpoint "
                                   "records the choice); the result depends on it slightly, "
                                   "and a resumed run may change it"), defaults.workers))
    t.add_argument("--checkpoint", required=True,
                   help=_("checkpoint file (.npz); one trainer at a time per file"))
    t.add_argument("--resume", action="store_true", help=_("continue from --checkpoint"))
    t.add_argument("--every", type=_whole(1), default=100,
                   help=_default(_("log, validate and save every K updates"), 100))
    t.add_argument("--save-model", metavar="PATH",
                   help=_("also write a model file there, each time the validation loss is "
                          "the best so far (the best checkpoint is kept)"))
    t.set_defaults(func=cmd_train)

    s = sub.add_parser("sample", help=_("generate text (written as it is generated)"),
                       description=_("Generate text with a model, written as it is "
                                     "generated."))
    s.add_argument("--model",
                   help=_default(_("a model file or a checkpoint"),
                                 _("the pretrained model of your language ({lang})")
                                 .format(lang=language())))
    s.add_argument("--temperature", type=_positive_float, default=1.0,
                   help=_default(_("T > 0: below 1 sharper, above 1 more random"), 1.0))
    s.add_argument("--top-k", type=_whole(1), default=5,
                   help=_default(_("draw among the K most likely characters (1: always the "
                                   "most likely)"), 5))
    s.add_argument("--length", type=_whole(1), default=300,
                   help=_default(_("characters to generate"), 300))
    s.add_argument("--prime", help=_("priming text, printed before the generated text; "
                                     "lower-cased if the model does not know its capitals, "
                                     "as the texts the models learn from are lower-case"))
    s.add_argument("--seed", type=_whole(0), default=0,
                   help=_default(_("random seed"), 0))
    s.set_defaults(func=cmd_sample)

    e = sub.add_parser("evaluate", help=_("validation loss per character"),
                       description=_("The validation loss per character of a model on the "
                                     "held-out end of a corpus."))
    e.add_argument("--model", required=True, help=_("a model file or a checkpoint"))
    e.add_argument("--corpus", required=True,
                   help=_("the corpus it was trained on: es, en, or a path"))
    e.set_defaults(func=cmd_evaluate)

    b = sub.add_parser("bench", help=_("throughput: faithful m=1 loop vs the fast trainer"))
    b.add_argument("--corpus", default="es", help=_default(_("es or en"), "es"))
    b.add_argument("--quick", action="store_true", help=_("a shorter run (less precise)"))
    b.add_argument("--against", choices=["torch"],
                   help=_("also run the same recipe in PyTorch (if importable) and compare"))
    b.add_argument("--busy-core", action="store_true",
                   help=_("instead: the default against 1 worker while another program keeps "
                          "a core busy (median of 5)"))
    b.set_defaults(func=cmd_bench)
    return p


def _data_folder():
    from ..storage.corpus import default_data_dir
    return default_data_dir()


# ---------------------------------------------------------------- signals, streams, main
def stop_quietly_while_starting():
    """Under ``python -m lstm_np`` only (called when this module is imported, which the
    package does first): a stopping signal that comes while Python still loads numpy and the
    package (before `main` handles them) ends the process with the same one line and exit
    status as later, not a traceback. Nothing needs cleaning up yet: the process ends at once.
    """
    argv = getattr(sys, "orig_argv", [])
    if "-m" not in argv or argv[argv.index("-m") + 1:argv.index("-m") + 2] != ["lstm_np"]:
        return

    def handler(signum, frame):
        line = _("interrupted ({signal})").format(signal=signal.Signals(signum).name)
        try:
            os.write(2, ("\n" + line + "\n").encode("ascii", "lstm_np_plain"))
        except OSError:
            pass
        os._exit(128 + signum)
    for sig in STOP_SIGNALS:
        signal.signal(sig, handler)


stop_quietly_while_starting()


@contextmanager
def _signals_as_interrupts(restore=True):
    """While inside: each of `files.STOP_SIGNALS` raises KeyboardInterrupt (Ctrl-C) or
    `Interrupted` (the others) where the program is. The first one also makes the process
    ignore them all from then on: it is stopping already, and a second Ctrl-C would only cut
    the stop short (a traceback from a finaliser, a helper left running). restore=False keeps
    them ignored after an interruption, to the end of the process (the command line's case)."""
    stopping = []

    def handler(signum, frame):
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
        stopping.append(signum)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Interrupted(signum)
    try:
        previous = {sig: signal.signal(sig, handler) for sig in STOP_SIGNALS}
    except ValueError:                  # not the main thread: leave the signals alone
        previous = {}
    try:
        yield
    finally:
        if restore or not stopping:
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


def _closed_streams():
    """Open /dev/null on each of the standard descriptors 0, 1, 2 that is closed (so that no
    file opened later takes its number, and a helper process inherits something), give
    Python a stderr again; return the names of those that were closed."""
    closed = []
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        closed.append(name)
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
    if "stderr" in closed and sys.stderr is None:
        sys.stderr = open(2, "w", closefd=False)
    return closed


def _note(line):
    """One line on standard error that is not an error."""
    try:
        if sys.stderr is not None:
            print(" ".join(line.split()), file=sys.stderr)
    except OSError:
        pass


def _error(line):
    try:
        if sys.stderr is not None:      # (print's file=None would be the standard output)
            print(_("error: {message}").format(message=" ".join(str(line).split())),
                  file=sys.stderr)
    except OSError:
        pass
    return 2


def _size(n):
    """Bytes as a person says them: 1.2 GB, 340 MB."""
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n / 1e6:.2f} MB"


def _memory_line(args, error):
    """One line for a MemoryError: what these settings need, and what to change."""
    need = getattr(args, "need", None)
    asked = getattr(error, "_total_size", None)         # numpy's: the array it could not make
    if need is None or (asked is not None and asked > need):
        need = asked
    if need is None:
        return _("not enough memory for this; close other programs or use smaller settings")
    if args.command == "train":
        return _("not enough memory: these settings need about {size}; use a smaller "
                 "--hidden, --batch-size or --seq-length").format(size=_size(need))
    return _("not enough memory: this needs about {size}; close other programs or use "
             "smaller settings").format(size=_size(need))


def main(argv=None):
    """The command line; returns the exit status. Given argv (a test, a script), the signal
    handlers are put back as they were at the end; from `python -m lstm_np` (argv None), a
    stop keeps further stopping signals ignored to the very end of the process."""
    closed = _closed_streams()
    _readable_streams()
    args = build_parser().parse_args(argv)
    if "stdout" in closed:
        return _error(_("the standard output is closed, so nothing could be shown: give it "
                        "a file or /dev/null (> out.txt), nothing was done"))
    try:
        with _signals_as_interrupts(restore=argv is not None):
            try:
                args.func(args)
            finally:
                trainer = getattr(args, "trainer", None)
                if trainer is not None:            # the helper processes end now, not in a
                    trainer.workers.close()        # finaliser at the exit
    except LstmNpError as e:            # includes DataError, CheckpointError, TrainingError
        return _error(e)
    except ValueError as e:             # bad arguments reaching the functions
        return _error(e)
    except MemoryError as e:
        return _error(_memory_line(args, e) + (_saved_note(args) if args.command == "train"
                                               else ""))
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
        except (OSError, ValueError):
            pass
        try:
            if sys.stderr is not None:
                print("\n" + line, file=sys.stderr)
        except OSError:
            pass
        return 128 + signum
    return 0
