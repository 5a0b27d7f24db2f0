"""lstm_np: a character-level LSTM language model written with numpy alone.

Every function of the original notebook is here, with its name, its call and its return
value, so that ``from lstm_np import *`` runs the original's cells. The package in rooms:

- core/      the maths the lessons teach, numpy only, checking nothing:
             activations (sigmoid, softmax), parameters (initialize_parameters),
             forward (lstm_cell_forward, lstm_forward), backward (compute_loss,
             lstm_cell_backward, lstm_backward), optim (clip, Adam), sampling (sample_top_k),
             gradcheck, text (Vocabulary, one_hot), rng (the rule of every rng= argument)
- engine/    training: TrainConfig, the streams, the Trainer, the fast path and its worker
             processes, evaluation, and `generate` (fast text for the sliders and the CLI)
- storage/   the corpus registry, checkpoints and model files, safe files
- lessons/   the notebooks' helpers: plots, widgets, analysis, show_source
- i18n/      the reader's language: gettext catalogues
- exercises/ the checker of the students' functions
- cli/       python -m lstm_np, and its benchmarks
- original.py  the original's other functions: model, save_checkpoint, load_checkpoint,
               save_parameters, load_parameters
- arguments.py, errors.py  the checks and the errors of the boundaries
"""
import sys as _sys

if _sys.orig_argv[1:3] == ["-m", "lstm_np"]:   # the command line: loaded first, so that a
    from .cli import main as _cli  # noqa: F401   Ctrl-C while numpy loads ends in one line

from .core.activations import log_softmax, sigmoid, softmax
from .core.backward import (compute_loss, compute_loss_from_logits, loss_and_gradients,
                            lstm_backward, lstm_cell_backward, nats_to_bits,
                            output_layer_backward)
from .core.forward import lstm_cell_forward, lstm_forward
from .core.gradcheck import gradient_check, relative_error
from .core.optim import (clip, initialize_adam, update_parameters_with_adam,
                         update_parameters_with_gd)
from .core.parameters import PARAMETER_NAMES, initialize_parameters
from .core.sampling import next_char_distribution, sample_top_k
from .core.text import Vocabulary, one_hot
from .engine.config import TrainConfig
from .engine.generation import generate
from .engine.train import Trainer, faithful_update, training_update
from .original import (load_checkpoint, load_parameters, model, save_checkpoint,
                       save_parameters)
from .storage.checkpoint import Checkpoint

__all__ = [      # original.ORIGINAL_FUNCTIONS (a test checks it), then what the project adds
    "sigmoid", "softmax", "initialize_parameters", "lstm_cell_forward", "lstm_forward",
    "compute_loss", "lstm_cell_backward", "lstm_backward", "initialize_adam", "clip",
    "update_parameters_with_adam", "save_checkpoint", "load_checkpoint", "sample_top_k",
    "model", "save_parameters", "load_parameters",
    "log_softmax", "compute_loss_from_logits", "loss_and_gradients", "nats_to_bits",
    "output_layer_backward", "gradient_check", "relative_error", "update_parameters_with_gd",
    "PARAMETER_NAMES", "generate", "next_char_distribution", "Vocabulary", "one_hot",
    "Checkpoint", "TrainConfig", "Trainer", "faithful_update", "training_update",
]

__version__ = "0.1.0"          # the one version string (pyproject.toml reads it)
