"""Numerical gradient check: compare backprop with central finite differences.

For a parameter entry theta the two-sided difference

    dL/dtheta ~ (L(theta + eps) - L(theta - eps)) / (2 eps)

has an error of order eps^2. With eps = 1e-5 in float64 that is about 1e-10, far below any
real bug, so a relative error

    ||g_numeric - g_backprop|| / (||g_numeric|| + ||g_backprop||)

of 1e-7 or less says the backward pass is right.
"""
import numpy as np

from .backward import compute_loss, loss_and_gradients
from .forward import lstm_forward
from .parameters import PARAMETER_NAMES
from .rng import as_generator


def relative_error(numeric, analytic):
    """||numeric - analytic|| / (||numeric|| + ||analytic||), and 0.0 when both are zero."""
    numeric, analytic = np.ravel(numeric), np.ravel(analytic)
    denom = np.linalg.norm(numeric) + np.linalg.norm(analytic)
    return 0.0 if denom == 0 else float(np.linalg.norm(numeric - analytic) / denom)


def gradient_check(parameters, x, Y, a0, c0=None, epsilon=1e-5, num_checks=None, rng=0):
    """Check every gradient of `loss_and_gradients` against finite differences.

    Parameters
    ----------
    parameters : dict of float64 arrays (Wf, bf, ..., Wy, by): float32 rounding (1e-7)
        would hide the differences the check looks for.
    x : ndarray (n_x, m, T_x)
    Y : int array (m, T_x)
    a0 : ndarray (n_a, m)
    c0 : ndarray (n_a, m), optional
    epsilon : float
        Step of the central difference.
    num_checks : int or None
        Entries checked per array, chosen at random; None checks every entry (slow for
        n_a = 100: use it on small networks).
    rng : numpy Generator or int, picks the entries when num_checks is set.

    Returns
    -------
    dict name -> relative error, for the ten parameters, then "x" and "a0".
    """
    arrays = dict(parameters, x=x, a0=a0)
    rng = as_generator(rng)
    loss, grads, a, c = loss_and_gradients(x, Y, a0, parameters, c0)

    def loss_with(name, index, value):
        work = {k: v.copy() for k, v in arrays.items()}
        work[name][index] = value
        p = {k: work[k] for k in PARAMETER_NAMES}
        a, y_hat, c, caches = lstm_forward(work["x"], work["a0"], p, c0)
        return compute_loss(y_hat, Y)

    results = {}
    for name in PARAMETER_NAMES + ("x", "a0"):
        value = arrays[name]
        if num_checks is None or num_checks >= value.size:
            flat = np.arange(value.size)
        else:
            flat = rng.choice(value.size, size=num_checks, replace=False)
        numeric, analytic = [], []
        for f in flat:
            index = np.unravel_index(f, value.shape)
            old = value[index]
            plus = loss_with(name, index, old + epsilon)
            minus = loss_with(name, index, old - epsilon)
            numeric.append((plus - minus) / (2 * epsilon))
            analytic.append(grads["d" + name][index])
        results[name] = relative_error(numeric, analytic)
    return results
