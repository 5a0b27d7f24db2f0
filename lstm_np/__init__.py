"""lstm_np: a character-level LSTM language model written with numpy alone.

The functions keep the names of the seed notebook, so the package can be read beside it:

- activations: sigmoid, softmax, log_softmax
- params:      initialize_parameters
- forward:     lstm_cell_forward, lstm_forward
- backward:    compute_loss, compute_loss_from_logits, output_layer_backward, lstm_cell_backward, lstm_backward
- gradcheck:   gradient_check
- optim:       clip, initialize_adam, update_parameters_with_adam
- sampling:    sample_top_k, generate
"""
from .activations import log_softmax, sigmoid, softmax
from .backward import (compute_loss, compute_loss_from_logits, loss_and_gradients,
                       lstm_backward, lstm_cell_backward, nats_to_bits, output_layer_backward)
from .forward import lstm_cell_forward, lstm_forward
from .gradcheck import gradient_check, relative_error
from .optim import clip, initialize_adam, update_parameters_with_adam, update_parameters_with_gd
from .params import PARAMETER_NAMES, initialize_parameters
from .sampling import generate, next_char_distribution, sample_top_k
from .text import Vocabulary, one_hot

__version__ = "0.1.0"
