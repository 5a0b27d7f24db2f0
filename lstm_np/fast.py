"""The fast path used for training: the same maths as forward.py and backward.py, reorganised.

What changes (and why it is still the same LSTM):

1. Fused gates. The four matrices are stacked, W = [Wf; Wi; Wo; Wc] of shape
   (4 n_a, n_a + n_x), so one product gives every gate's pre-activation.
2. One-hot inputs become lookups. W [a; x] = W_a a + W_x x, and W_x x for a one-hot x is
   the column of W_x that belongs to the character: the input part of all T_x steps is one
   gather, done before the loop.
3. One buffer. All parameters live in one contiguous vector theta; Wf, bf, ..., by (the
   seed's names) are views into it, so Adam and clipping are a handful of vector operations.
4. One product for the weight gradients. dW_a = sum_t dz<t> a<t-1>^T over all steps is one
   matrix product of the stacked dz and a, not T_x small ones.
5. Batch rows. Inside, a batch is stored as rows (m, n_a), which suits numpy's row-major
   arrays; the public functions keep the seed's (n_a, m) convention.

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
    """Dict of views into the flat vector theta: the seed's names plus "W" and "b" stacked."""
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
    """Copy a parameter dict (the seed's layout) into a new flat vector theta."""
    n_y, n_a = parameters["Wy"].shape
    n_x = parameters["Wf"].shape[1] - n_a
    dtype = dtype or parameters["Wy"].dtype
    theta = np.empty(layout(n_a, n_x, n_y)["size"], dtype=dtype)
    v = views(theta, n_a, n_x, n_y)
    for name in PARAMETER_NAMES:
        v[name][...] = parameters[name]
    return theta


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

    def _forward(self, X, a0, c0, keep):
        """Run T_x steps. X: int (m, T_x); a0, c0: (m, n_a) rows. Returns hs, cs and the rest."""
        n = self.n_a
        m, T = X.shape
        W, b = self.p["W"], self.p["b"][:, 0]
        # Scale the sigmoid rows by 1/2 so that one tanh serves every gate:
        # sigma(z) = (1 + tanh(z / 2)) / 2, while the candidate row keeps tanh(z).
        half = np.ones(4 * n, dtype=W.dtype)
        half[:3 * n] = 0.5
        WaT = (W[:, :n] * half[:, None]).T.copy()                   # (n_a, 4 n_a)
        Zx = ((W[:, n:].T * half)[X.T] + b * half)                  # (T, m, 4 n_a): W_x x<t> + b
        hs = np.empty((T + 1, m, n), dtype=W.dtype)
        cs = np.empty((T + 1, m, n), dtype=W.dtype)
        hs[0], cs[0] = a0, c0
        G = np.empty((T, m, 4 * n), dtype=W.dtype) if keep else np.empty((m, 4 * n), W.dtype)
        TC = np.empty((T, m, n), dtype=W.dtype) if keep else np.empty((m, n), W.dtype)
        tmp = np.empty((m, n), dtype=W.dtype)
        for t in range(T):
            g = G[t] if keep else G
            tc = TC[t] if keep else TC
            np.matmul(hs[t], WaT, out=g)
            g += Zx[t]
            np.tanh(g, out=g)
            sg = g[:, :3 * n]
            sg *= 0.5
            sg += 0.5                                               # f, i, o now sigmoids
            np.multiply(g[:, :n], cs[t], out=cs[t + 1])              # Gamma_f * c<t-1>
            np.multiply(g[:, n:2 * n], g[:, 3 * n:], out=tmp)        # Gamma_u * c~
            cs[t + 1] += tmp
            np.tanh(cs[t + 1], out=tc)
            np.multiply(g[:, 2 * n:3 * n], tc, out=hs[t + 1])        # a = Gamma_o * tanh(c)
        return hs, cs, G, TC

    def _softmax_loss(self, hs, Y):
        """Scores, probabilities and mean cross-entropy of all T_x * m predictions at once."""
        m, T = Y.shape
        H = hs[1:].reshape(T * m, self.n_a)
        logits = H @ self.p["Wy"].T
        logits += self.p["by"][:, 0]
        logits -= logits.max(axis=1, keepdims=True)
        P = np.exp(logits)
        P /= P.sum(axis=1, keepdims=True)
        rows = np.arange(T * m)
        targets = Y.T.ravel()                                      # time-major, like H
        loss = -np.mean(np.log(P[rows, targets]))
        return H, P, rows, targets, float(loss)

    def loss(self, X, Y, a0, c0):
        """Mean loss per character and the final states, without gradients (evaluation)."""
        hs, cs, _, _ = self._forward(X, a0, c0, keep=True)
        *_, loss = self._softmax_loss(hs, Y)
        return loss, hs[-1].copy(), cs[-1].copy()

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
            views self.g["dWf"], ... hold the gradients under the seed's names.
        aT, cT : arrays (m, n_a), the last states, to start the next window.
        """
        n = self.n_a
        m, T = X.shape
        W = self.p["W"]
        hs, cs, G, TC = self._forward(X, a0, c0, keep=True)
        H, P, rows, targets, loss = self._softmax_loss(hs, Y)

        # Output layer: dz = (P - onehot) / (m T_x); dWy, dby, and da<t> from the predictions.
        P[rows, targets] -= 1.0
        P /= T * m
        np.matmul(P.T, H, out=self.g["dWy"])
        self.g["dby"][:, 0] = P.sum(axis=0)
        dH = (P @ self.p["Wy"]).reshape(T, m, n)

        # BPTT, from the last step to the first.
        dZ = np.empty((T, m, 4 * n), dtype=W.dtype)
        Wa = W[:, :n]
        da_next = np.zeros((m, n), dtype=W.dtype)
        dc = np.zeros((m, n), dtype=W.dtype)
        tmp = np.empty((m, n), dtype=W.dtype)
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
            dz[:, :3 * n] *= sg * (1.0 - sg)                        # sigmoid'(z) = s (1 - s)
            cc = g[:, 3 * n:]
            np.multiply(cc, cc, out=tmp)
            np.subtract(1.0, tmp, out=tmp)
            tmp *= g[:, n:2 * n]
            np.multiply(dc, tmp, out=dz[:, 3 * n:])                 # c~: dc * Gamma_u * (1 - c~^2)
            dc *= g[:, :n]                                          # dc<t-1> = dc<t> * Gamma_f
            np.matmul(dz, Wa, out=da_next)                          # da<t-1>

        # Weight gradients: one product over all steps, and a scatter-add for the inputs.
        dZf = dZ.reshape(T * m, 4 * n)
        dW = self.g["dW"]
        dW[:, :n] = dZf.T @ hs[:-1].reshape(T * m, n)
        onehot = np.zeros((T * m, self.n_x), dtype=W.dtype)
        onehot[rows, X.T.ravel()] = 1.0
        dW[:, n:] = dZf.T @ onehot
        self.g["db"][:, 0] = dZf.sum(axis=0)
        return loss, self.grad, hs[-1].copy(), cs[-1].copy()
