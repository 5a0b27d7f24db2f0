"""Optimisation: gradient clipping, plain gradient descent and Adam with bias correction."""
import numpy as np


def clip(gradients, maxValue):
    """Clip every gradient, in place, to the interval [-maxValue, maxValue].

    Exploding gradients (a product of many Jacobians in BPTT) make a single update throw the
    weights far away; clipping bounds each entry. The dict keeps all its keys.

    Parameters
    ----------
    gradients : dict name -> ndarray
    maxValue : float > 0

    Returns
    -------
    The same dict, its arrays clipped.
    """
    for gradient in gradients.values():
        np.clip(gradient, -maxValue, maxValue, out=gradient)
    return gradients


def update_parameters_with_gd(parameters, gradients, learning_rate=0.1):
    """Plain gradient descent, in place: theta <- theta - alpha * dtheta."""
    for key in parameters:
        parameters[key] -= learning_rate * gradients["d" + key]
    return parameters


def initialize_adam(parameters):
    """Adam's moments v (mean of gradients) and s (mean of squared gradients), all zeros.

    Returns
    -------
    v, s : dicts with the same keys, shapes and dtypes as `parameters`.
    """
    v = {key: np.zeros_like(value) for key, value in parameters.items()}
    s = {key: np.zeros_like(value) for key, value in parameters.items()}
    return v, s


def update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One Adam step, in place, for every key of `parameters`:

        v     = beta1 v + (1 - beta1) dtheta             momentum
        s     = beta2 s + (1 - beta2) dtheta^2           RMSprop
        v_hat = v / (1 - beta1^t),  s_hat = s / (1 - beta2^t)     bias correction
        theta = theta - alpha v_hat / (sqrt(s_hat) + epsilon)

    Parameters
    ----------
    parameters, v, s : dicts of arrays, updated in place.
    gradients : dict with "d" + key for every key of parameters.
    t : int >= 1
        The number of this update since training began. It must keep counting when training
        resumes: with t restarted at 1 but v and s kept, the bias correction divides
        long-run moments by 1 - beta^t as if they were fresh, and the steps after a resume
        are wrong in size (too small here, since 1 - beta2 is so much smaller than
        1 - beta1); with v and s lost too, as in the original notebook, the first steps are
        too large.
    learning_rate, beta1, beta2, epsilon : floats.

    Returns
    -------
    parameters, v, s
    """
    correction1 = 1.0 - beta1 ** t
    correction2 = 1.0 - beta2 ** t
    for key in parameters:
        g = gradients["d" + key]
        v[key] *= beta1
        v[key] += (1.0 - beta1) * g
        s[key] *= beta2
        s[key] += (1.0 - beta2) * (g * g)
        v_hat = v[key] / correction1
        s_hat = s[key] / correction2
        parameters[key] -= learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)
    return parameters, v, s
