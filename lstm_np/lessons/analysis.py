"""Looking inside a network: gate activations, gate saturation, gradient flow, telling units.

Numpy only; `lstm_np.lessons.plots` draws what these functions compute.

- `gate_activations` runs the cell over a text, one character at a time, and keeps
  Gamma_f, Gamma_u, c~, Gamma_o, c and a after every character.
- `gate_saturation` counts how often each gate unit is nearly closed (< 0.1) or nearly
  open (> 0.9), the measure of Karpathy, Johnson and Fei-Fei (2015), "Visualizing and
  understanding recurrent networks", fig. 3.
- `gradient_flow` follows the gradient of one prediction back through time
  (`rnn_gradient_flow`: the same for the plain RNN of lstm_np.core.rnn).
- `correlated_units` (with the feature helpers `char_feature`, `inside_feature`,
  `line_position`) finds the units whose activation follows something readable in the text.
"""
import numpy as np

from ..arguments import encode
from ..core.backward import as_targets, lstm_cell_backward
from ..core.forward import lstm_cell_forward, lstm_forward
from ..core.rnn import rnn_cell_backward, rnn_forward
from ..i18n import _

RECORD_KEYS = ("f", "u", "cc", "o", "c", "a")
"""Keys of a `gate_activations` record: Gamma_f, Gamma_u, c~, Gamma_o, c<t>, a<t>."""


def gate_activations(parameters, vocab, text):
    """Run the LSTM over `text` (m = 1, zero initial states) and record every gate.

    At each step t = 1 .. T (T = len(text)) the cell reads the one-hot x<t> of character t:

        Gamma_f<t> = sigma(Wf [a<t-1>; x<t>] + bf)        "f"
        Gamma_u<t> = sigma(Wi [a<t-1>; x<t>] + bi)        "u"
        c~<t>      = tanh (Wc [a<t-1>; x<t>] + bc)        "cc"
        Gamma_o<t> = sigma(Wo [a<t-1>; x<t>] + bo)        "o"
        c<t>       = Gamma_f<t> * c<t-1> + Gamma_u<t> * c~<t>     "c"
        a<t>       = Gamma_o<t> * tanh(c<t>)              "a"

    with a<0> = c<0> = 0. This is `lstm_cell_forward` called T times, exactly.

    Parameters
    ----------
    parameters : dict, the network (Wf, bf, ..., Wy, by).
    vocab : Vocabulary, giving the index of each character.
    text : str, at least one character, all in the vocabulary.

    Returns
    -------
    record : dict str -> ndarray (n_a, T)
        "f", "u", "cc", "o", "c", "a"; column t (0-based) is the value after reading
        character text[t]. Gates are in (0, 1), c~ and a in (-1, 1), c unbounded.

    Raises
    ------
    ValueError for an empty text, or for characters the vocabulary does not have.
    """
    indices = encode(vocab, text)
    if len(indices) == 0:
        raise ValueError(_("the text must have at least one character"))
    n_y, n_a = parameters["Wy"].shape
    n_x = parameters["Wf"].shape[1] - n_a
    dtype = parameters["Wy"].dtype
    T = len(indices)

    record = {key: np.zeros((n_a, T), dtype=dtype) for key in RECORD_KEYS}
    a = np.zeros((n_a, 1), dtype=dtype)
    c = np.zeros((n_a, 1), dtype=dtype)
    for t, ix in enumerate(indices):
        xt = np.zeros((n_x, 1), dtype=dtype)
        xt[ix, 0] = 1.0                                         # one-hot of character t
        a, c, yt, cache = lstm_cell_forward(xt, a, c, parameters)
        ft, it, cct, ot = cache[4:8]                            # the gates of step t
        for key, value in zip(RECORD_KEYS, (ft, it, cct, ot, c, a)):
            record[key][:, t] = value[:, 0]
    return record


def gate_saturation(record, low=0.1, high=0.9):
    """Fraction of time steps in which each gate unit is left- or right-saturated.

    For gate g in {f, u, o} and unit j, over the T columns of ``record[g]``:

        frac_low[j]  = (1/T) #{t : Gamma_g[j, t] < low}     (gate nearly closed)
        frac_high[j] = (1/T) #{t : Gamma_g[j, t] > high}    (gate nearly open)

    Karpathy, Johnson and Fei-Fei (2015, fig. 3) plot one dot per unit at
    (frac_low, frac_high): a forget-gate unit near (0, 1) is one that (almost) always
    remembers, an "integrator"; dots near the diagonal x + y = 1 switch between fully
    closed and fully open, and rarely sit in the middle.

    Parameters
    ----------
    record : dict from `gate_activations` (only "f", "u", "o" are used, each (n_a, T)).
    low, high : float, thresholds with 0 <= low < high <= 1.

    Returns
    -------
    dict "f", "u", "o" -> (frac_low, frac_high), two ndarrays of shape (n_a,), in [0, 1].
    """
    if not 0.0 <= low < high <= 1.0:
        raise ValueError(_("need 0 <= low < high <= 1, got low={low!r}, high={high!r}")
                         .format(low=low, high=high))
    saturation = {}
    for gate in ("f", "u", "o"):
        values = np.asarray(record[gate])
        if values.ndim != 2 or values.shape[1] == 0:
            raise ValueError(_("record[{gate!r}] must have shape (n_a, T) with T >= 1, got "
                               "{shape}").format(gate=gate, shape=values.shape))
        saturation[gate] = ((values < low).mean(axis=1), (values > high).mean(axis=1))
    return saturation


def last_prediction_gradient(y_hat, Y, parameters):
    """dL_T/da<T> = Wy^T (y_hat<T> - onehot(Y<T>)) / m: where the last prediction's loss,
    L_T = -(1/m) sum_i log y_hat<T>[Y_{i,T}, i], enters the network. Returns (n_a, m)."""
    n_y, m, T_x = y_hat.shape
    Y = as_targets(Y, m, T_x)
    dz = y_hat[:, :, -1].copy()                                 # (n_y, m)
    dz[Y[:, -1], np.arange(m)] -= 1.0                           # y_hat - onehot(Y<T>)
    return parameters["Wy"].T @ (dz / m)


def gradient_flow(parameters, x, Y, a0):
    """How the gradient of the last prediction shrinks as it flows back in time.

    Take only the loss of the last step T = T_x, averaged over the m sequences,

        L_T = -(1/m) sum_i log y_hat<T>[Y_{i,T}, i],

    and back-propagate it through the T_x cell caches of `lstm_forward` with
    `lstm_cell_backward`. At the last step it enters through the softmax layer,

        dL_T/da<T> = Wy^T (y_hat<T> - onehot(Y<T>)) / m,        dL_T/dc<T> = 0 from later steps,

    and for t < T it only arrives through the recurrence (L_T does not depend on y<t>):

        dL_T/da<t>, dL_T/dc<t> = da_prev, dc_prev of lstm_cell_backward at step t + 1.

    Parameters
    ----------
    parameters : dict, the network.
    x : ndarray (n_x, m, T_x), one-hot inputs.
    Y : int array (m, T_x) of the next characters (a list of T_x indices when m = 1); only
        the last column is used.
    a0 : ndarray (n_a, m), initial hidden state (the cell state starts at zero).

    Returns
    -------
    norms : ndarray (T_x,)
        norms[t-1] = ||dL_T/da<t>||_F, the Frobenius norm over the (n_a, m) matrix, for
        t = 1 .. T_x. Plotted on a log scale, a straight falling line is the exponential
        decay that makes long dependencies hard to learn.
    """
    n_x, m, T_x = x.shape
    a, y_hat, c, (cell_caches, x) = lstm_forward(x, a0, parameters)
    da = last_prediction_gradient(y_hat, Y, parameters)        # dL_T/da<T>, (n_a, m)
    dc = np.zeros_like(da)                                      # nothing from after T

    norms = np.zeros(T_x)
    for t in reversed(range(T_x)):
        norms[t] = np.linalg.norm(da)
        step = lstm_cell_backward(da, dc, cell_caches[t])
        da, dc = step["da_prev"], step["dc_prev"]               # dL_T/da<t-1>, dL_T/dc<t-1>
    return norms


def rnn_gradient_flow(parameters, x, Y, a0):
    """`gradient_flow` for the plain RNN (lstm_np.core.rnn): ||dL_T/da<t>|| for t = 1 .. T_x.

    The same L_T enters at the last step, dL_T/da<T> = Wy^T (y_hat<T> - onehot(Y<T>)) / m,
    and every step back multiplies it by the Jacobian of one RNN step,

        dL_T/da<t-1> = Waa^T (dL_T/da<t> * (1 - a<t>^2))       (`rnn_cell_backward`'s da_prev).

    Parameters and returns as `gradient_flow` (parameters: a plain RNN's dict).
    """
    n_x, m, T_x = x.shape
    a, y_hat, (cell_caches, x) = rnn_forward(x, a0, parameters)
    da = last_prediction_gradient(y_hat, Y, parameters)
    norms = np.zeros(T_x)
    for t in reversed(range(T_x)):
        norms[t] = np.linalg.norm(da)
        da = rnn_cell_backward(da, cell_caches[t])["da_prev"]
    return norms


# --- units that follow something readable ---------------------------------------------------

def char_feature(text, chars):
    """Boolean feature (T,): True where the character of `text` is one of `chars`.

    ``char_feature(text, " ")`` marks spaces; ``char_feature(text, "aeiouáéíóú")`` vowels.
    """
    chars = set(chars)
    return np.array([ch in chars for ch in text], dtype=bool)


def inside_feature(text, opening="«", closing="»"):
    """Boolean feature (T,): True from an `opening` character up to its `closing` one.

    The opening character itself counts as inside, the closing one does not, so the feature
    says "the network has read an opening mark that is still open". When `opening` equals
    `closing` (plain quotes ``"``) every occurrence toggles. Examples: ``inside_feature(text,
    "«", "»")`` for quotations, ``inside_feature(text, "—", "\\n")`` for the rest of a line
    after a dialogue dash.
    """
    feature = np.zeros(len(text), dtype=bool)
    inside = False
    for t, ch in enumerate(text):
        if inside and ch == closing:
            inside = False
        elif ch == opening:
            inside = True
        feature[t] = inside
    return feature


def line_position(text):
    """Numeric feature (T,): the position of each character in its line (0 after a newline)."""
    position = np.zeros(len(text))
    column = 0
    for t, ch in enumerate(text):
        position[t] = column
        column = 0 if ch == "\n" else column + 1
    return position


def correlated_units(values, feature, top=3):
    """The units whose activation correlates best (in absolute value) with a feature.

    For every unit j the Pearson correlation over the T time steps,

        r_j = sum_t (v[j,t] - mean v_j)(f[t] - mean f)
              / sqrt(sum_t (v[j,t] - mean v_j)^2  sum_t (f[t] - mean f)^2),

    with r_j = 0 for a unit that never changes.

    Parameters
    ----------
    values : ndarray (n_a, T), e.g. ``record["c"]`` from `gate_activations`.
    feature : array (T,) of bool or numbers, e.g. from `char_feature`, `inside_feature`,
        `line_position`.
    top : int, how many units to return.

    Returns
    -------
    list of `top` pairs (unit index, r), sorted by |r| from largest to smallest.
    """
    values = np.asarray(values, dtype=float)
    feature = np.asarray(feature, dtype=float)
    if values.ndim != 2 or feature.shape != (values.shape[1],):
        raise ValueError(_("values must be (n_a, T) and feature (T,), got {values} and "
                           "{feature}").format(values=values.shape, feature=feature.shape))
    f = feature - feature.mean()
    if not np.any(f):
        raise ValueError(_("the feature is constant over the text: no correlation to find"))
    v = values - values.mean(axis=1, keepdims=True)
    denominator = np.linalg.norm(v, axis=1) * np.linalg.norm(f)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(denominator > 0, (v @ f) / denominator, 0.0)
    order = np.argsort(-np.abs(r), kind="stable")[:top]
    return [(int(j), float(r[j])) for j in order]
