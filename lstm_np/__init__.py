"""lstm_np: a character-level LSTM language model written with numpy alone.

Every function of the original notebook is here, with its name, its call and its return
value, so that ``from lstm_np import *`` runs the original's cells:

- activations: sigmoid, softmax (and log_softmax, for the loss)
- params:      initialize_parameters
- forward:     lstm_cell_forward, lstm_forward
- backward:    compute_loss, lstm_cell_backward, lstm_backward (and output_layer_backward,
               loss_and_gradients, compute_loss_from_logits)
- optim:       clip, initialize_adam, update_parameters_with_adam
- sampling:    sample_top_k (and generate, the fast text version)
- original:    model, save_checkpoint, load_checkpoint, save_parameters, load_parameters,
               and sample_top_k as the original called it (an unknown priming character
               becomes a space, with a line saying so; `sampling.sample_top_k` refuses it)

What the project adds: `Trainer` (train.py, streams.py) and `TrainConfig` (config.py), the
whole checkpoint object `Checkpoint` (checkpoint.py), `gradient_check`, the data registry
(data.py), plots, widgets and the command line (python -m lstm_np).
"""
from .core.activations import log_softmax, sigmoid, softmax
from .core.backward import (compute_loss, compute_loss_from_logits, loss_and_gradients,
                       lstm_backward, lstm_cell_backward, nats_to_bits, output_layer_backward)
from .storage.checkpoint import Checkpoint
from .core.forward import lstm_cell_forward, lstm_forward
from .core.gradcheck import gradient_check, relative_error
from .core.optim import (clip, initialize_adam, update_parameters_with_adam,
                         update_parameters_with_gd)
from .core.parameters import PARAMETER_NAMES, initialize_parameters
from .engine.config import TrainConfig
from .original import ORIGINAL_FUNCTIONS  # noqa: F401
from .original import (load_checkpoint, load_parameters, model, sample_top_k, save_checkpoint,
                       save_parameters)
from .core.sampling import generate, next_char_distribution
from .core.text import Vocabulary, one_hot
from .engine.train import Trainer, faithful_update, training_update

__all__ = [      # ORIGINAL_FUNCTIONS (a test checks it), then what the project adds
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
