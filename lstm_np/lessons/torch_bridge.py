"""The same LSTM in PyTorch: lstm_np's parameters in `nn.LSTM` + `nn.Linear`, and back.

For lesson 08 only: lstm_np never depends on torch; `torch_state` and `numpy_gradients`
are numpy, and `torch_modules` imports torch when it is called.

The two notations, for one cell (n_a hidden units, n_x inputs, n_y outputs):

==================================  =====================================================
lstm_np (the original notebook)     PyTorch ``nn.LSTM`` (``nn.Linear`` for the output)
==================================  =====================================================
a<t>, c<t>                          h_t, c_t
Gamma_f (forget)                    f_t
Gamma_u (update)                    i_t (input gate)
c~ (candidate)                      g_t
Gamma_o (output)                    o_t
W_f, W_i, W_c, W_o, each            weight_ih_l0 (4 n_a, n_x) and weight_hh_l0 (4 n_a, n_a):
(n_a, n_a + n_x) on [a<t-1>; x<t>]  the four gates stacked in the order i, f, g, o
b_f, b_i, b_c, b_o (n_a, 1)         bias_ih_l0 + bias_hh_l0 (4 n_a,): two biases, summed
W_y (n_y, n_a), b_y (n_y, 1)        weight (n_y, n_a), bias (n_y,)
==================================  =====================================================

Since W [a; x] = W[:, :n_a] a + W[:, n_a:] x, the first n_a columns of each W go to
weight_hh and the rest to weight_ih. The two biases only ever appear as their sum, so the
seed's one bias goes into bias_ih and bias_hh is zero.
"""
import numpy as np

# the gates in PyTorch's order (i, f, g, o), with lstm_np's names
GATES = (("Wi", "bi"), ("Wf", "bf"), ("Wc", "bc"), ("Wo", "bo"))


def torch_state(parameters):
    """The state_dict of nn.LSTM and of nn.Linear, as numpy arrays, from lstm_np's parameters.

    Parameters
    ----------
    parameters : dict with Wf, bf, Wi, bi, Wc, bc, Wo, bo (n_a, n_a + n_x) and (n_a, 1),
        Wy (n_y, n_a), by (n_y, 1).

    Returns
    -------
    lstm : dict, weight_ih_l0 (4 n_a, n_x), weight_hh_l0 (4 n_a, n_a), bias_ih_l0 and
        bias_hh_l0 (4 n_a,), their rows in the order i, f, g, o.
    linear : dict, nn.Linear's .weight (n_y, n_a) and .bias (n_y,).
    """
    n_a = parameters["Wf"].shape[0]
    W = np.concatenate([parameters[w] for w, _b in GATES])            # (4 n_a, n_a + n_x)
    b = np.concatenate([parameters[b][:, 0] for _w, b in GATES])      # (4 n_a,)
    lstm = {"weight_ih_l0": W[:, n_a:], "weight_hh_l0": W[:, :n_a],
            "bias_ih_l0": b, "bias_hh_l0": np.zeros_like(b)}
    linear = {"weight": parameters["Wy"], "bias": parameters["by"][:, 0]}
    return lstm, linear


def torch_modules(parameters):
    """An nn.LSTM (batch_first) and an nn.Linear holding `parameters`, in their dtype.

    Returns (lstm, linear); lstm(x) takes x of shape (m, T_x, n_x).
    """
    import torch
    lstm_state, linear_state = (
        {name: torch.from_numpy(np.ascontiguousarray(array)) for name, array in state.items()}
        for state in torch_state(parameters))
    n_y, n_a = parameters["Wy"].shape
    n_x = parameters["Wf"].shape[1] - n_a
    dtype = linear_state["weight"].dtype
    lstm = torch.nn.LSTM(n_x, n_a, batch_first=True, dtype=dtype)
    linear = torch.nn.Linear(n_a, n_y, dtype=dtype)
    lstm.load_state_dict(lstm_state)
    linear.load_state_dict(linear_state)
    return lstm, linear


def numpy_gradients(lstm, linear):
    """The gradients autograd left in `lstm` and `linear` (after loss.backward()), under
    lstm_np's names and shapes: dWf, dbf, ..., dWy, dby (the inverse of `torch_state`).

    The gradient of each of the two biases is the gradient of their sum: bias_ih's is taken.
    """
    n_a = lstm.hidden_size
    W = np.concatenate([lstm.weight_hh_l0.grad.numpy(), lstm.weight_ih_l0.grad.numpy()],
                       axis=1)                                        # (4 n_a, n_a + n_x)
    b = lstm.bias_ih_l0.grad.numpy()
    grads = {}
    for k, (w, bias) in enumerate(GATES):
        grads["d" + w] = W[k * n_a:(k + 1) * n_a]
        grads["d" + bias] = b[k * n_a:(k + 1) * n_a, None]
    grads["dWy"] = linear.weight.grad.numpy()
    grads["dby"] = linear.bias.grad.numpy()[:, None]
    return grads
