"""The fast path of training and sampling: the maths of core/forward.py and core/backward.py,
reorganised. tests/test_fast.py binds it to the core: the same loss, gradients and states as
the faithful functions to 1e-10 in float64 (and to 1e-4 in float32), and the same Trainer
after 5 updates on either engine; tests/test_sampling.py binds `FusedStepper` to
`lstm_cell_forward`.

What changes (and why it is still the same LSTM):

1. Fused gates. The four matrices are stacked, W = [Wo; Wf; Wi; Wc] of shape
   (4 n_a, n_a + n_x), so one product gives every gate's pre-activation. The three sigmoid
   gates come first, so one tanh and two in-place operations give all four activations:
   sigma(z) = (1 + tanh(z / 2)) / 2 (`gate_tables`, `cell_step`).
2. One-hot inputs become lookups. W [a; x] = W_a a + W_x x, and W_x x for a one-hot x is
   the column of W_x that belongs to the character: the input part of a step is a row
   lookup in a table (plus b), no product.
3. One buffer. All parameters live in one contiguous vector theta; Wf, bf, ..., by (the
   original notebook's names) are views into it, so Adam and clipping are a handful of
   vector operations.
4. The backward pass splits each step's chain rule into the factors that depend only on the
   forward pass (sigma', 1 - tanh^2, ...: computed by the forward step itself, while its
   arrays are still in the processor's cache) and the two that are carried from step to
   step (da and dc): nine numpy calls per step remain in the backward loop. The 1/4 of
   sigma' = sigma (1 - sigma) = (1 - y^2) / 4 is left to the rows of the products that use
   dz (`quarter`): a power of two, it changes no rounding there.
5. One product for the weight gradients. [dW | db] = sum_t dz<t> [a<t-1>; x<t>; 1]^T over
   all steps is one matrix product of the stacked dz with the stacked [a<t-1>, x<t>, 1]
   (the inputs of every step, kept side by side in one work array).
6. Batch rows. Inside, a batch is stored as rows (m, n_a), which suits numpy's row-major
   arrays; the public functions keep the original notebook's (n_a, m) convention.
7. `FusedStepper`: the same cell for one sequence (m = 1), for `sampling.generate`.

A test checks that `FastLSTM.loss_and_gradients` gives the gradients of
`backward.loss_and_gradients` to 1e-10 in float64.
"""
import functools

import numpy as np

from ..core.parameters import PARAMETER_NAMES

_ORDER = ("o", "f", "i", "c")      # sigmoid gates first (o apart: its da, not dc), then c~


def layout(n_a, n_x, n_y):
    """Offsets and shapes of every parameter inside theta: dict name -> (start, shape).

    Wo, Wf, Wi, Wc come first and back to back, so that rows 0..4 n_a of the stacked W are
    one contiguous block; then bo, bf, bi, bc (the stacked b), then Wy and by.
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
    """Dict of views into the flat vector theta: the original notebook's names, and "W", "b"
    stacked in the order of `layout`."""
    lay = layout(n_a, n_x, n_y)
    d = {}
    for name in PARAMETER_NAMES:
        start, shape = lay[name]
        d[prefix + name] = theta[start:start + shape[0] * shape[1]].reshape(shape)
    w0 = lay["W" + _ORDER[0]][0]
    d[prefix + "W"] = theta[w0:w0 + 4 * n_a * (n_a + n_x)].reshape(4 * n_a, n_a + n_x)
    b0 = lay["b" + _ORDER[0]][0]
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


def gate_tables(W, b, n_a):
    """The stacked gate weights, pre-scaled so that one tanh serves all four gates.

    sigma(z) = (1 + tanh(z / 2)) / 2: with the rows of the sigmoid gates (o, f, i) halved,
    tanh of the pre-activations gives tanh(z / 2) there and c~ = tanh(z_c) in the last
    block. Halving is exact in binary floating point, so the products are those of z, halved.

    Parameters
    ----------
    W : (4 n_a, n_a + n_x), Wo, Wf, Wi, Wc stacked in this order (`views(theta, ...)["W"]`).
    b : (4 n_a, 1), bo, bf, bi, bc stacked.

    Returns
    -------
    WaT : (n_a, 4 n_a), the recurrent part, transposed for rows: a<t-1> @ WaT.
    table : (n_x, 4 n_a), one row per character: the input part W_x x<t> of a one-hot x<t>
        (a column of W_x) plus b, so that the pre-activations are a<t-1> @ WaT + table[ix].
    """
    scale = np.full(4 * n_a, 0.5, dtype=W.dtype)
    scale[3 * n_a:] = 1.0
    WaT = np.ascontiguousarray((W[:, :n_a] * scale[:, None]).T)
    table = np.ascontiguousarray(W[:, n_a:].T * scale + b[:, 0] * scale)
    return WaT, table


_AFFINE = {}


def _affine(n, dtype):
    """Vectors of length 4 n that act on the sigmoid blocks only, as whole-row operations
    (numpy is several times faster on whole rows than on a block of columns):

        scale = [1/2 (3 n times), 1 (n times)]      shift = [1/2 (3 n), 0 (n)]

    so that g * scale + shift is sigma = (1 + y) / 2 on o, f, u and leaves c~ as it is.
    """
    key = (n, np.dtype(dtype))
    if key not in _AFFINE:
        ones = np.ones(n)
        _AFFINE[key] = tuple(np.r_[np.full(3 * n, v), last].astype(dtype)
                             for v, last in ((0.5, ones), (0.5, 0 * ones)))
    return _AFFINE[key]


@functools.lru_cache(maxsize=8)
def quarter(n, dtype):
    """[1/4 (3 n times), 1 (n times)]: the sigma' = (1 - y^2) / 4 of the sigmoid blocks, as
    a factor of the rows of the products of the backward pass (see `cell_step`'s d). Made
    once per size and dtype, read-only since it is shared."""
    q = np.r_[np.full(3 * n, 0.25), np.ones(n)].astype(dtype)
    q.flags.writeable = False
    return q


def cell_step(w, t, factors):
    """The LSTM cell of step t on pre-scaled pre-activations, in place, on the work arrays w
    of `FastLSTM._work` (rows (m, .)):

    w["g"] : (m, 4 n_a), on entry z_o / 2, z_f / 2, z_u / 2, z_c (see `gate_tables`); on
        return Gamma_o, Gamma_f, Gamma_u, c~.
    w["c"] : (m, n_a), c<t-1> on entry, c<t> on return; a<t> goes to row block t + 1 of HX
        and tanh(c<t>) to w["tanh_c"].

        c<t> = Gamma_f * c<t-1> + Gamma_u * c~        a<t> = Gamma_o * tanh(c<t>)

    With `factors`, it also fills (while g is still in the cache) the factors of the
    backward pass that do not depend on da and dc, d = dZ[t], q = Q[t] and F[t]:

        d = [tanh c<t> 4 sigma'(z_o), c<t-1> 4 sigma'(z_f), c~ 4 sigma'(z_u), Gamma_u (1 - c~^2)]
        q = Gamma_o (1 - tanh^2 c<t>) = Gamma_o - a<t> tanh c<t>        F[t] = Gamma_f

    so that d * [da, dc, dc, dc] is dz<t> with its sigmoid blocks times 4, and
    dc<t> = dc<t+1> Gamma_f<t+1> + q da. With y = tanh(z / 2), sigma'(z) =
    sigma (1 - sigma) = (1 - y^2) / 4: the 1/4 is left to the products that use dz
    (`quarter`), where a power of two changes no rounding and costs no pass over d.

    Every slice used here was made once, with the work arrays (`_views`): at m = 64 a step's
    numpy calls take a few microseconds each, and making their views cost a good part of that.
    """
    v = w["views"]
    g, c, tanh_c, tmp = w["g"], w["c"], w["tanh_c"], w["tmp"]
    g_o, g_f, g_u, g_c = v["g"]
    a_next = v["a"][t + 1]
    np.tanh(g, out=g)
    if factors:
        d = w["dZ"][t]
        d_o, d_f, d_pair = v["d"][t]
        np.multiply(g, g, out=d)
        np.subtract(1.0, d, out=d)                  # 1 - y^2 = 4 sigma'(z) for o, f, u
        d_f *= c                                    # (before c becomes c<t>)
    scale, shift = v["affine"]
    g *= scale
    g += shift                                      # o, f, u: sigma(z); c~ kept
    np.multiply(g_u, g_c, out=tmp)                  # Gamma_u * c~
    c *= g_f                                        # Gamma_f * c<t-1>
    c += tmp
    np.tanh(c, out=tanh_c)
    np.multiply(g_o, tanh_c, out=a_next)            # a = Gamma_o * tanh(c)
    if factors:
        d_o *= tanh_c
        d_pair *= v["g_swapped"]                    # u: * c~,  c~: * Gamma_u
        q = w["Q"][t]
        np.multiply(a_next, tanh_c, out=q)
        np.subtract(g_o, q, out=q)                  # Gamma_o - a tanh c
        w["F"][t] = g_f


def _gemm_rows(m):
    """The rows of a batch, in the blocks that each step's products use: two halves for
    25 to 48 streams, where OpenBLAS's kernel for small products (up to about 24 rows here)
    does two halves faster than the whole; one block otherwise."""
    if 24 < m <= 48:
        return [slice(0, m // 2), slice(m // 2, m)]
    return [slice(0, m)]


def _views(w, n, T):
    """The slices of the work arrays w that every step uses, made once (see `cell_step`)."""
    g, HX, dZ = w["g"], w["HX"], w["dZ"]
    m = g.shape[0]
    blocks = [(d[:, :n], d[:, n:2 * n], d[:, 2 * n:3 * n], d[:, 3 * n:]) for d in dZ]
    return {
        "g": [g[:, i * n:(i + 1) * n] for i in range(4)],                  # o, f, u, c~
        "g_swapped": g[:, 2 * n:].reshape(m, 2, n)[:, ::-1, :],            # c~, Gamma_u
        "a": [HX[t, :, :n] for t in range(T + 1)],                         # a<t-1> of step t
        "d": [(o, f, d[:, 2 * n:].reshape(m, 2, n)) for d, (o, f, _u, _c) in zip(dZ, blocks)],
        "dz": blocks,                                                       # o, f, u, c~
        "affine": _affine(n, g.dtype),
    }


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
        self._dWbT = np.empty((n_a + n_x + 1, 4 * n_a), theta.dtype)   # [dW | db]^T
        self._buffers = {}

    def _work(self, m, T):
        """Work arrays for windows of shape (m, T), made once and reused: writing into fresh
        memory costs page faults that would otherwise be a good part of every update."""
        key = (m, T)
        if key not in self._buffers:
            if len(self._buffers) > 3:
                self._buffers.clear()
            n, nx, dt = self.n_a, self.n_x, self.theta.dtype
            HX = np.zeros((T + 1, m, n + nx + 1), dt)
            HX[..., -1] = 1.0
            self._buffers[key] = {
                # step t reads [a<t-1> | x<t> | 1] from row block t (x one-hot, set only
                # when gradients are wanted; the 1 gives db); block T holds a<T>
                "HX": HX,
                "ones": None,                               # where x's ones are now
                "F": np.empty((T, m, n), dt),               # Gamma_f<t>
                "dZ": np.empty((T, m, 4 * n), dt),          # backward factors, then dz<t>
                "Q": np.empty((T, m, n), dt),               # Gamma_o (1 - tanh^2 c<t>)
                "PT": np.empty((self.n_y, T * m), dt),      # scores, then probabilities
                "dH": np.empty((T * m, n), dt),
                # one step's arrays, reused at every step (they stay in the cache)
                "g": np.empty((m, 4 * n), dt),
                "c": np.empty((m, n), dt),
                "tanh_c": np.empty((m, n), dt),
                "tmp": np.empty((m, n), dt),
                "da_next": np.empty((m, n), dt),
                "dc": np.empty((m, n), dt),
            }
            self._buffers[key]["views"] = _views(self._buffers[key], n, T)
        return self._buffers[key]

    def _forward(self, X, a0, c0, factors=False):
        """Run T_x steps. X: int (m, T_x); a0, c0: (m, n_a) rows. Returns the work arrays:
        a<t> in HX, c<T> in c, and (if `factors`) Gamma_f in F and the backward factors in
        dZ and Q (see `cell_step`)."""
        m, T = X.shape
        n = self.n_a
        w = self._work(m, T)
        WaT, table = gate_tables(self.p["W"], self.p["b"], n)
        g, a = w["g"], w["views"]["a"]
        inputs = np.ascontiguousarray(X.T)
        a[0][...] = a0
        w["c"][...] = c0
        halves = _gemm_rows(m)
        for t in range(T):
            for r in halves:
                np.matmul(a[t][r], WaT, out=g[r])           # W_a a<t-1>, pre-scaled
            g += table[inputs[t]]                           # + W_x x<t> + b: a row lookup
            cell_step(w, t, factors)
        return w

    def _softmax_loss(self, w, Y):
        """Scores, probabilities and mean cross-entropy of all T_x * m predictions at once.

        The scores are stored as columns, PT = Wy H^T + by of shape (n_y, T_x m), so that
        the max and the sum over the vocabulary are row operations (fast in numpy). The loss
        is taken from the log-softmax, log p = (z - max z) - log S with S = sum e^{z - max z}
        >= 1, never from log(p): p can round to 0 (float32 at a score gap above ~104), and
        log 0 = -inf would stop training.
        """
        m, T = Y.shape
        H = w["HX"][1:, :, :self.n_a].reshape(T * m, self.n_a)   # a<1> ... a<T>, a view
        PT = w["PT"]
        np.matmul(self.p["Wy"], H.T, out=PT)
        PT += self.p["by"]
        PT -= PT.max(axis=0)
        cols = np.arange(T * m)
        targets = Y.T.ravel()                                      # time-major, like H
        picked = PT[targets, cols]                                 # z - max z of the targets
        np.exp(PT, out=PT)
        S = PT.sum(axis=0)
        PT /= S
        loss = np.mean(np.log(S) - picked)                         # -log softmax(z)[target]
        return H, PT, cols, targets, float(loss)

    def loss(self, X, Y, a0, c0):
        """Mean loss per character and the final states, without gradients (evaluation)."""
        w = self._forward(X, a0, c0)
        *_rest, loss = self._softmax_loss(w, Y)
        return loss, w["HX"][-1, :, :self.n_a].copy(), w["c"].copy()

    def _set_one_hot(self, w, X):
        """Write the one-hot inputs x<t> into the x part of the work array HX (for dW_x)."""
        m, T = X.shape
        flat = w["HX"].reshape(-1)
        if w["ones"] is not None:
            flat[w["ones"]] = 0.0
        w["ones"] = np.arange(T * m) * (self.n_a + self.n_x + 1) + self.n_a + X.T.ravel()
        flat[w["ones"]] = 1.0

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
        w = self._forward(X, a0, c0, factors=True)
        HX, F, dZ, Q = (w[k] for k in ("HX", "F", "dZ", "Q"))
        H, PT, cols, targets, loss = self._softmax_loss(w, Y)

        # Output layer: dz = (P - onehot) / (m T_x); dWy, dby, and da<t> from the predictions.
        PT[targets, cols] -= 1.0
        PT /= T * m
        np.matmul(PT, H, out=self.g["dWy"])
        np.sum(PT, axis=1, out=self.g["dby"][:, 0])
        dH = np.matmul(PT.T, self.p["Wy"], out=w["dH"]).reshape(T, m, n)

        # BPTT, from the last step to the first: da and dc are carried; the other factors
        # of dz<t> = dZ[t] * [da, dc, dc, dc] were filled by the forward pass (cell_step),
        # with sigma' times 4: the rows of W_a and of [dW | db] for o, f, u take the 1/4.
        q4 = quarter(n, self.theta.dtype)[:, None]
        Wa = self.p["W"][:, :n] * q4
        halves = _gemm_rows(m)
        da_next, dc = w["da_next"], w["dc"]
        blocks = w["views"]["dz"]
        dc[...] = 0.0
        for t in reversed(range(T)):
            da = dH[t]
            if t < T - 1:
                da += da_next                                    # da<t>, both paths
            q = Q[t]
            q *= da
            dc += q                                              # dc<t>
            dz = dZ[t]
            dz_o, dz_f, dz_u, dz_c = blocks[t]
            dz_o *= da
            dz_f *= dc                                           # (three calls: faster
            dz_u *= dc                                           # than one broadcast)
            dz_c *= dc
            if t > 0:
                dc *= F[t]                                       # dc<t> Gamma_f<t>, for t - 1
                for r in halves:
                    np.matmul(dz[r], Wa, out=da_next[r])         # da<t-1>

        # Weight gradients: [dW | db] = sum_t dz<t> [a<t-1> | x<t> | 1]^T, one product,
        # computed as its transpose (OpenBLAS is faster with the long side last here).
        self._set_one_hot(w, X)
        dWb = self._dWbT.T
        np.matmul(HX[:T].reshape(T * m, -1).T, dZ.reshape(T * m, 4 * n), out=self._dWbT)
        np.multiply(dWb[:, :-1], q4, out=self.g["dW"])
        np.multiply(dWb[:, -1:], q4, out=self.g["db"])
        return loss, self.grad, HX[-1, :, :n].copy(), w["c"].copy()


class FusedStepper:
    """The LSTM cell for one sequence (m = 1), fused as above, for `sampling.generate`.

    Same maths as `lstm_cell_forward`, reorganised so that a slider move feels instant:
    the gates are stacked and pre-scaled by `gate_tables` (one tanh for all four), W x<t>
    for a one-hot x<t> is a row of `table`, and (a, c) are updated in place as in
    `cell_step`. One matrix-vector product of [a<t>; 1] with

        M = [ W_a (pre-scaled)   0  ]      gives the recurrent part of the next step's gates
            [ Wy                 by ]      and the scores z = Wy a<t> + by for the next character.

    Every array, and every view into one, is made once: a step allocates nothing, and its
    dozen numpy calls cost what Python's own overhead does.
    """

    def __init__(self, parameters):
        n = self.n_a = parameters["Wf"].shape[0]
        n_y = parameters["Wy"].shape[0]
        dt = parameters["Wy"].dtype
        fused = views(flatten(parameters), n, parameters["Wf"].shape[1] - n, n_y)
        WaT, self.table = gate_tables(fused["W"], fused["b"], n)
        self.M = np.zeros((4 * n + n_y, n + 1), dtype=dt)
        self.M[:4 * n, :n] = WaT.T
        self.M[4 * n:, :n] = parameters["Wy"]
        self.M[4 * n:, n] = parameters["by"][:, 0]
        self.a1 = np.zeros(n + 1, dtype=dt)                         # [a<t>; 1]
        self.a1[n] = 1.0
        self.a = self.a1[:n]
        self.Ma = self.M @ self.a1                                  # M [a<0>; 1], a<0> = 0
        self._Wa_a, self.z = self.Ma[:4 * n], self.Ma[4 * n:]
        self.g = np.empty(4 * n, dtype=dt)
        self._o, self._f, self._u, self._cc = (self.g[i * n:(i + 1) * n] for i in range(4))
        self._sig = self.g[:3 * n]
        self.c, self.tanh_c, self.tmp = np.zeros((3, n), dtype=dt)

    def step(self, ix):
        """Feed character index ix; update (a, c); return the scores z for the next one
        (an array that the next step overwrites)."""
        g, c = self.g, self.c
        np.add(self._Wa_a, self.table[ix], out=g)                   # pre-scaled gates
        np.tanh(g, out=g)
        self._sig *= 0.5
        self._sig += 0.5                                            # o, f, u: sigma(z)
        np.multiply(self._u, self._cc, out=self.tmp)
        c *= self._f
        c += self.tmp                                               # c<t>
        np.tanh(c, out=self.tanh_c)
        np.multiply(self._o, self.tanh_c, out=self.a)               # a<t>
        np.matmul(self.M, self.a1, out=self.Ma)
        return self.z
