"""The command line: python -m lstm_np {fetch, train, sample, evaluate, bench}.

Every error that comes from bad input (a file, an argument) is printed as one line,
"error: ...", with exit status 2; no traceback.
"""
import argparse
import math
import sys
from pathlib import Path

from .errors import LstmNpError


def _positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _positive_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}")
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"must be a finite number > 0, got {text}")
    return value


def cmd_fetch(args):
    from .data import CORPORA, fetch
    names = sorted(CORPORA) if args.name == "all" else [args.name]
    for name in names:
        print(f"{name}: {fetch(name)} (sha256 verified)")


HYPER_FLAGS = {"hidden": "n_a", "batch_size": "batch_size", "seq_length": "seq_length",
               "lr": "learning_rate", "clip": "clip_value", "seed": "seed", "dtype": "dtype",
               "workers": "workers"}


def cmd_train(args):
    from .data import load_corpus
    from .train import TrainConfig, Trainer, print_progress
    given = {field: getattr(args, flag) for flag, field in HYPER_FLAGS.items()
             if getattr(args, flag) is not None}
    checkpoint = Path(args.checkpoint)
    seq_length = given.get("seq_length", TrainConfig.seq_length)
    text = load_corpus(args.corpus, min_length=seq_length + 1)
    if args.resume:
        trainer = Trainer.resume(checkpoint, text)
        clash = {k: v for k, v in given.items() if getattr(trainer.config, k) != v}
        if clash:
            raise LstmNpError(f"{checkpoint}: was trained with "
                              + ", ".join(f"{k}={getattr(trainer.config, k)!r}" for k in clash)
                              + "; a resumed run keeps its settings: drop those options")
    else:
        if checkpoint.exists():
            raise LstmNpError(f"{checkpoint} already exists: add --resume to continue it, or "
                              "choose another --checkpoint path (nothing was overwritten)")
        trainer = Trainer(text, TrainConfig(**given))
    if args.updates is None and args.epochs is None:
        args.epochs = 1
    progress = print_progress if sys.stderr.isatty() else None
    trainer.train(updates=args.updates, epochs=args.epochs, every=args.every,
                  checkpoint=checkpoint, log=lambda line: print(line, flush=True),
                  progress=progress, best_model=args.save_model)


def _model_file(path):
    """A model or checkpoint file with its vocabulary (a `Checkpoint`); LstmNpError if not."""
    from .checkpoint import Checkpoint
    ck = Checkpoint.load(path)
    if ck.vocab is None:
        raise LstmNpError(f"{path}: a {ck.kind} file without a vocabulary; sample and "
                          "evaluate need a model file or a checkpoint written by train")
    return ck


def cmd_sample(args):
    from .sampling import sample_top_k
    ck = _model_file(args.model)
    prime = "\n" if args.prime is None else args.prime
    indices = sample_top_k(ck.parameters, ck.vocab.char_to_ix, prime, args.temperature,
                           args.top_k, length=args.length, rng=args.seed)
    text = ck.vocab.decode(indices)
    print(text if args.prime is None else args.prime + text)


def cmd_evaluate(args):
    from .backward import nats_to_bits
    from .data import load_corpus, split_text
    from .text import Vocabulary
    from .train import evaluate
    ck = _model_file(args.model)
    text = load_corpus(args.corpus)
    if Vocabulary.from_text(text) != ck.vocab:
        raise LstmNpError(f"{args.model}: its vocabulary ({ck.vocab.size} characters) is not "
                          f"the one of corpus {args.corpus}; evaluate it on the corpus it "
                          "was trained on")
    fraction = ck.hyperparameters.get("val_fraction", 0.1)
    loss = evaluate(ck.parameters, ck.vocab, text, fraction)
    n_val = len(split_text(text, fraction)[1])
    print(f"validation loss: {loss:.4f} nats/char ({nats_to_bits(loss):.4f} bits/char) "
          f"on the last {n_val} characters")


def cmd_bench(args):
    from .bench import run
    run(corpus=args.corpus, quick=args.quick, against=args.against)


def build_parser():
    p = argparse.ArgumentParser(prog="python -m lstm_np",
                                description="A character-level LSTM in numpy.")
    sub = p.add_subparsers(dest="command", required=True)

    f = sub.add_parser("fetch", help="download and verify the corpora")
    f.add_argument("name", nargs="?", default="all", choices=["es", "en", "all"])
    f.set_defaults(func=cmd_fetch)

    t = sub.add_parser("train", help="train (or resume) and write checkpoints")
    t.add_argument("--corpus", required=True, help="es, en, or the path of a UTF-8 text file")
    length = t.add_mutually_exclusive_group()
    length.add_argument("--updates", type=_positive_int,
                        help="total number of updates the checkpoint reaches")
    length.add_argument("--epochs", type=_positive_float,
                        help="total number of epochs (default 1)")
    t.add_argument("--batch-size", type=_positive_int, help="parallel streams m (128)")
    t.add_argument("--seq-length", type=_positive_int, help="window T_x (25)")
    t.add_argument("--hidden", type=_positive_int, help="hidden units n_a (100)")
    t.add_argument("--lr", type=_positive_float, help="Adam learning rate (0.04)")
    t.add_argument("--clip", type=_positive_float,
                   help="gradient clipping bound on the mean loss per character "
                        "(5 / seq-length: the original's 5 on a window's summed loss)")
    t.add_argument("--seed", type=int, help="seed of the initialisation and of the "
                                           "epochs' stream offsets (0)")
    t.add_argument("--dtype", choices=["float64", "float32"], help="float32 (default) or float64")
    t.add_argument("--workers", type=_positive_int,
                   help="threads sharing each batch (2); the result depends on it slightly")
    t.add_argument("--checkpoint", required=True, help="checkpoint file (.npz)")
    t.add_argument("--resume", action="store_true", help="continue from --checkpoint")
    t.add_argument("--every", type=_positive_int, default=100,
                   help="log, validate and save every K updates (100)")
    t.add_argument("--save-model", metavar="PATH",
                   help="also write a model file there, each time the validation loss is the "
                        "best so far (early stopping)")
    t.set_defaults(func=cmd_train)

    s = sub.add_parser("sample", help="generate text")
    s.add_argument("--model", required=True, help="a model file or a checkpoint")
    s.add_argument("--temperature", type=float, default=1.0)
    s.add_argument("--top-k", type=int, default=5)
    s.add_argument("--length", type=int, default=300)
    s.add_argument("--prime", help="priming text, printed before the generated text")
    s.add_argument("--seed", type=int, default=0, help="random seed (0)")
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
    b.set_defaults(func=cmd_bench)
    return p


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        args.func(args)
    except LstmNpError as e:            # includes DataError, CheckpointError, TrainingError
        print(f"error: {e}", file=sys.stderr)
        return 2
    except ValueError as e:             # bad sampling arguments and the like
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted; the last checkpoint written is intact", file=sys.stderr)
        return 130
    return 0
