"""The fast path used for training: the same maths as forward.py and backward.py, reorganised.

What changes (and why it is still the same LSTM):

1. Fused gates. The four matrices are stacked, W = [Wf; Wi; Wo; Wc] of shape
   (4 n_a, n_a + n_x), so one product gives every gate's pre-activation, and one exp all
   four activations (`fused_gate_weights`, `fused_cell_step`; sampling.py's fast stepper
   uses the same two functions).
2. One-hot inputs become lookups. W [a; x] = W_a a + W_x x, and W_x x for a one-hot x is
   the column of W_x that belongs to the character: the input part of all T_x steps is one
   gather, done before the loop.
3. One buffer. All parameters live in one contiguous vector theta; Wf, bf, ..., by (the
   original notebook's names) are views into it, so Adam and clipping are a handful of vector operations.
4. One product for the weight gradients. dW_a = sum_t dz<t> a<t-1>^T over all steps is one
   matrix product of the stacked dz and a, not T_x small ones.
5. Batch rows. Inside, a batch is stored as rows (m, n_a), which suits numpy's row-major
   arrays; the public functions keep the original notebook's (n_a, m) convention.

A test checks that `FastLSTM.loss_and_gradients` gives the gradients of
`backward.loss_and_gradients` to 1e-10 in float64.
"""
import numpy as np

from .params import PARAMETER_NAMES

_ORDER = ("f", "i", "o", "c")      # sigmoid gates first, then the tanh candidate


def layout(n_a, n_x, n_y):
    """Offsets and shapes of every parameter inside theta: dict name -> (start, shape).

    Wf, Wi, Wo, Wc come first and back to back, so that rows 0..4 n_a of the stacked W are
    one contiguous block; then bf, bi, bo, bc (the stacked b), then Wy and by.
    """
    items = [("W" + g, (n_a, n_a + n_x)) for g in _ORDER]
    items += [("b" + g, (n_a, 1)) for g in _ORDER]
    items += [("Wy", (n_y, n_a)), ("by", (n_y, 1))]
    out, start = {}, 0
    for name, shape in items:
        out[name] = (start, shape)
        start += shape[0] * shape[1]
    out["size"] = start
    return out


def views(theta, n_a, n_x, n_y, prefix=""):
    """Dict of views into the flat vector theta: the original notebook's names plus "W" and "b" stacked."""
    lay = layout(n_a, n_x, n_y)
    d = {}
    for name in PARAMETER_NAMES:
        start, shape = lay[name]
        d[prefix + name] = theta[start:start + shape[0] * shape[1]].reshape(shape)
    w0 = lay["Wf"][0]
    d[prefix + "W"] = theta[w0:w0 + 4 * n_a * (n_a + n_x)].reshape(4 * n_a, n_a + n_x)
    b0 = lay["bf"][0]
    d[prefix + "b"] = theta[b0:b0 + 4 * n_a].reshape(4 * n_a, 1)
    return d


def flatten(parameters, dtype=None):
    """Copy a parameter dict (the original notebook's layout) into a new flat vector theta."""
    n_y, n_a = parameters["Wy"].shape
    n_x = parameters["Wf"].shape[1] - n_a
    dtype = dtype or parameters["Wy"].dtype
    theta = np.empty(layout(n_a, n_x, n_y)["size"], dtype=dtype)
    v = views(theta, n_a, n_x, n_y)
    for name in PARAMETER_NAMES:
        v[name][...] = parameters[name]
    return theta


def fused_gate_weights(W, b, n_a):
    """The stacked gate weights, pre-scaled so that one exp serves all four gates.

    sigma(z) = 1 / (1 + e^{-z}) and tanh(z) = 2 sigma(2 z) - 1: with the rows of the
    sigmoid gates multiplied by -1 and those of the candidate by -2, the pre-activations
    become -z and -2 z, and `fused_cell_step` needs one exp, one addition and one
    reciprocal for all of them.

    Parameters
    ----------
    W : (4 n_a, n_a + n_x), Wf, Wi, Wo, Wc stacked in this order (`views(theta, ...)["W"]`).
    b : (4 n_a, 1), bf, bi, bo, bc stacked.

    Returns
    -------
    WaT : (n_a, 4 n_a), the recurrent part, transposed for rows: a<t-1> @ WaT.
    table : (n_x, 4 n_a), one row per character: the input part W_x x<t> of a one-hot x<t>
        (a column of W_x) plus b, so that the pre-activations are a<t-1> @ WaT + table[ix].
    """
    scale = np.full(4 * n_a, -1.0, dtype=W.dtype)
    scale[3 * n_a:] = -2.0
    WaT = np.ascontiguousarray((W[:, :n_a] * scale[:, None]).T)
    table = np.ascontiguousarray(W[:, n_a:].T * scale + b[:, 0] * scale)
    return WaT, table


def fused_cell_step(g, c_prev, c_next, a_next, tanh_c, tmp):
    """The LSTM cell on pre-scaled pre-activations, in place (rows (m, .) or vectors).

    g : (..., 4 n_a), on entry -z_f, -z_u, -z_o, -2 z_c (see `fused_gate_weights`); on
        return Gamma_f, Gamma_u, Gamma_o, c~.
    c_prev : (..., n_a), c<t-1>.  c_next, a_next, tanh_c : (..., n_a), filled with c<t>,
        a<t> and tanh(c<t>) (c_next may be c_prev itself).  tmp : (..., n_a) scratch.

        c<t> = Gamma_f * c<t-1> + Gamma_u * c~        a<t> = Gamma_o * tanh(c<t>)
    """
    n = c_prev.shape[-1]
    np.exp(g, out=g)
    g += 1.0
    np.reciprocal(g, out=g)                                      # f, i, o: sigma(z)
    cc = g[..., 3 * n:]
    cc *= 2.0
    cc -= 1.0                                                    # c~ = 2 sigma(2z) - 1
    np.multiply(g[..., n:2 * n], cc, out=tmp)                    # Gamma_u * c~
    np.multiply(g[..., :n], c_prev, out=c_next)                  # Gamma_f * c<t-1>
    c_next += tmp
    np.multiply(c_next, -2.0, out=tanh_c)                        # tanh c = 2 sigma(2c) - 1
    np.exp(tanh_c, out=tanh_c)
    tanh_c += 1.0
    np.divide(2.0, tanh_c, out=tanh_c)
    tanh_c -= 1.0
    np.multiply(g[..., 2 * n:3 * n], tanh_c, out=a_next)         # a = Gamma_o * tanh(c)


class FastLSTM:
    """Forward and backward for a batch of character windows, on a flat parameter vector.

    Parameters
    ----------
    theta : 1-D array, the flat parameters (see `layout`); used, not copied.
    n_a, n_x, n_y : sizes.
    """

    def __init__(self, theta, n_a, n_x, n_y):
        self.n_a, self.n_x, self.n_y = n_a, n_x, n_y
        self.theta = theta
        self.p = views(theta, n_a, n_x, n_y)
        self.grad = np.zeros_like(theta)
        self.g = views(self.grad, n_a, n_x, n_y, prefix="d")
        self._buffers = {}

    def _work(self, m, T):
        """Work arrays for windows of shape (m, T), made once and reused: writing into fresh
        memory costs page faults that would otherwise be a good part of every update."""
        key = (m, T)
        if key not in self._buffers:
            if len(self._buffers) > 3:
                self._buffers.clear()
            n, dt = self.n_a, self.theta.dtype
            self._buffers[key] = {
                "hs": np.empty((T + 1, m, n), dt),          # a<0> ... a<T>
                "cs": np.empty((T + 1, m, n), dt),          # c<0> ... c<T>
                "G": np.empty((T, m, 4 * n), dt),           # Gamma_f, Gamma_u, Gamma_o, c~
                "TC": np.empty((T, m, n), dt),              # tanh(c<t>)
                "dZ": np.empty((T, m, 4 * n), dt),          # gradients of the pre-activations
                "tmp": np.empty((m, n), dt),
                "tmp3": np.empty((m, 3 * n), dt),
                "onehot": np.zeros((T * m, self.n_x), dt),
            }
        return self._buffers[key]

    def _forward(self, X, a0, c0):
        """Run T_x steps. X: int (m, T_x); a0, c0: (m, n_a) rows. Returns the work arrays."""
        m, T = X.shape
        w = self._work(m, T)
        WaT, table = fused_gate_weights(self.p["W"], self.p["b"], self.n_a)
        Zx = table[X.T]                                     # -(W_x x<t> + b) scaled, all t
        hs, cs, G, TC, tmp = w["hs"], w["cs"], w["G"], w["TC"], w["tmp"]
        hs[0], cs[0] = a0, c0
        with np.errstate(over="ignore"):          # e^{large} = inf gives sigma = 0: correct
            for t in range(T):
                np.matmul(hs[t], WaT, out=G[t])
                G[t] += Zx[t]
                fused_cell_step(G[t], cs[t], cs[t + 1], hs[t + 1], TC[t], tmp)
        return w

    def _softmax_loss(self, hs, Y):
        """Scores, probabilities and mean cross-entropy of all T_x * m predictions at once.

        The loss is taken from the log-softmax of the scores, log p = (z - max z) - log S
        with S = sum e^{z - max z} >= 1, never from log(p): p can round to 0 (float32 at a
        score gap above ~104), and log 0 = -inf would stop training.
        """
        m, T = Y.shape
        H = hs[1:].reshape(T * m, self.n_a)
        logits = H @ self.p["Wy"].T
        logits += self.p["by"][:, 0]
        logits -= logits.max(axis=1, keepdims=True)
        P = np.exp(logits)
        S = P.sum(axis=1, keepdims=True)
        P /= S
        rows = np.arange(T * m)
        targets = Y.T.ravel()                                      # time-major, like H
        loss = np.mean(np.log(S[:, 0]) - logits[rows, targets])   # -log softmax(z)[target]
        return H, P, rows, targets, float(loss)

    def loss(self, X, Y, a0, c0):
        """Mean loss per character and the final states, without gradients (evaluation)."""
        w = self._forward(X, a0, c0)
        *_, loss = self._softmax_loss(w["hs"], Y)
        return loss, w["hs"][-1].copy(), w["cs"][-1].copy()

    def loss_and_gradients(self, X, Y, a0, c0):
        """Loss and gradient of one batch of windows.

        Parameters
        ----------
        X, Y : int arrays (m, T_x), input and target character indices.
        a0, c0 : arrays (m, n_a), the states the windows start from (rows).

        Returns
        -------
        loss : float, mean nats per character.
        grad : 1-D array shaped like theta (self.grad, overwritten by the next call); its
            views self.g["dWf"], ... hold the gradients under the original notebook's names.
        aT, cT : arrays (m, n_a), the last states, to start the next window.
        """
        n = self.n_a
        m, T = X.shape
        W = self.p["W"]
        w = self._forward(X, a0, c0)
        hs, cs, G, TC, dZ, tmp, tmp3 = (w[k] for k in ("hs", "cs", "G", "TC", "dZ", "tmp",
                                                        "tmp3"))
        H, P, rows, targets, loss = self._softmax_loss(hs, Y)

        # Output layer: dz = (P - onehot) / (m T_x); dWy, dby, and da<t> from the predictions.
        P[rows, targets] -= 1.0
        P /= T * m
        np.matmul(P.T, H, out=self.g["dWy"])
        self.g["dby"][:, 0] = P.sum(axis=0)
        dH = (P @ self.p["Wy"]).reshape(T, m, n)

        # BPTT, from the last step to the first.
        Wa = W[:, :n]
        da_next = np.zeros((m, n), dtype=W.dtype)
        dc = np.zeros((m, n), dtype=W.dtype)
        for t in reversed(range(T)):
            g, tc, dz = G[t], TC[t], dZ[t]
            da = dH[t] + da_next
            # dc<t> = dc_next + da * Gamma_o * (1 - tanh^2 c<t>)
            np.multiply(tc, tc, out=tmp)
            np.subtract(1.0, tmp, out=tmp)
            tmp *= g[:, 2 * n:3 * n]
            tmp *= da
            dc += tmp
            np.multiply(dc, cs[t], out=dz[:, :n])                   # f: dc * c<t-1>
            np.multiply(dc, g[:, 3 * n:], out=dz[:, n:2 * n])       # u: dc * c~
            np.multiply(da, tc, out=dz[:, 2 * n:3 * n])             # o: da * tanh c<t>
            sg = g[:, :3 * n]
            np.subtract(1.0, sg, out=tmp3)
            tmp3 *= sg
            dz[:, :3 * n] *= tmp3                                   # sigmoid'(z) = s (1 - s)
            cc = g[:, 3 * n:]
            np.multiply(cc, cc, out=tmp)
            np.subtract(1.0, tmp, out=tmp)
            tmp *= g[:, n:2 * n]
            np.multiply(dc, tmp, out=dz[:, 3 * n:])                 # c~: dc * Gamma_u * (1 - c~^2)
            dc *= g[:, :n]                                          # dc<t-1> = dc<t> * Gamma_f
            np.matmul(dz, Wa, out=da_next)                          # da<t-1>

        # Weight gradients: one product over all steps, and one for the one-hot inputs.
        dZf = dZ.reshape(T * m, 4 * n)
        dW = self.g["dW"]
        dW[:, :n] = dZf.T @ hs[:-1].reshape(T * m, n)
        onehot, inputs = w["onehot"], X.T.ravel()
        onehot[rows, inputs] = 1.0
        dW[:, n:] = dZf.T @ onehot
        onehot[rows, inputs] = 0.0                                   # clean for the next call
        self.g["db"][:, 0] = dZf.sum(axis=0)
        return loss, self.grad, hs[-1].copy(), cs[-1].copy()
