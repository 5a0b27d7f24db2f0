"""The checks of the forward pass: sigmoid, softmax, lstm_cell_forward, lstm_forward, the loss.

One `Spec` per function (see `spec.py`); the variants they try are in `variants.py`.
"""
import numpy as np

from ..core.activations import sigmoid, softmax
from ..core.backward import compute_loss
from ..core.forward import lstm_cell_forward, lstm_forward
from .answers import Bad, Problem, array_pieces, as_array, as_piece, close, loss_not_number
from .answers import loss_pieces
from .answers import need_tuple, shape_text, type_text
from .spec import Case, Spec, random_parameters, sequences
from .variants import cell_variant, loss_variant, seq_variant

CELL_CACHE = "(a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)"


def cache_hint(piece, student, expected, group, outputs):
    """For a wrong entry `piece` of a cache (the pieces whose names start with `group`):
    "cache_layout" if it holds what another entry should, "cache_values" if the `outputs`
    are right (only the cache is wrong); else None."""
    got = student.get(piece)
    if not piece.startswith(group) or got is None or isinstance(got, Bad):
        return None
    for other, want in expected.items():
        if other != piece and other.startswith(group) and close(got, want):
            return "cache_layout"
    if all(not isinstance(student.get(k), (Bad, type(None))) and close(student[k], expected[k])
           for k in outputs):
        return "cache_values"
    return None


def parameters_piece(stored, given, piece):
    """The last entry of a cell cache, the parameters the backward pass reads its weights
    from: an empty array if it holds `given`'s values, else a Bad that says so."""
    try:
        same_values = isinstance(stored, dict) and all(
            k in stored and close(np.asarray(stored[k], dtype=float), v) for k, v in given.items())
    except (TypeError, ValueError):
        same_values = False
    if same_values:
        return np.zeros(0)
    return Bad(Problem("named", mistake=("cache_parameters", {"piece": piece})))


class Sigmoid(Spec):
    name = "sigmoid"

    def cases(self):
        rng = np.random.default_rng(101)
        xs = [np.linspace(-6, 6, 5).reshape(5, 1), rng.standard_normal((3, 4)) * 3,
              rng.standard_normal((2, 3, 4)) * 2,
              np.array([-800.0, -50.0, 0.0, 50.0, 800.0]).reshape(5, 1)]
        return [Case("x.shape=" + shape_text(x.shape) + (", |x| ≤ 800" if i == 3 else ""),
                     (x,), frozen=(0,)) for i, x in enumerate(xs)]

    def reference(self, x):
        return sigmoid(x)

    def pieces(self, out, case):
        return array_pieces(out, case)

    def mutants(self, case):
        return [("sig_sign", {}, lambda x: 1 / (1 + np.exp(x))),
                ("sig_minus", {}, lambda x: 1 / (1 - np.exp(-x))),
                ("sig_precedence", {}, lambda x: 1 / 1 + np.exp(-x)),
                ("sig_tanh", {}, np.tanh),
                ("sig_double", {}, lambda x: (np.tanh(x) + 1) / 2),
                ("sig_overflow", {}, lambda x: np.exp(x) / (1 + np.exp(x)))]


class Softmax(Spec):
    name = "softmax"

    def cases(self):
        rng = np.random.default_rng(102)
        big = 1000 + rng.standard_normal((5, 2)) * 3
        far = rng.standard_normal((4, 3)) * 2 + np.array([0.0, -1000.0, 30.0])
        xs = [("", rng.standard_normal((5, 1)) * 2), ("", rng.standard_normal((6, 3)) * 3),
              ("", rng.standard_normal((4, 2, 3)) * 2), ("", rng.standard_normal(5)),
              (", x ≈ 1000", big), (", x[:, 1] ≈ x[:, 0] − 1000", far)]
        return [Case("x.shape=" + shape_text(x.shape) + note, (x,), frozen=(0,))
                for note, x in xs]

    def reference(self, x):
        return softmax(x)

    def pieces(self, out, case):
        return array_pieces(out, case)

    def mutants(self, case):
        def axis1(x):
            e = np.exp(x - np.max(x, axis=0, keepdims=True))
            return e / e.sum(axis=1, keepdims=True)

        def global_sum(x):
            e = np.exp(x - np.max(x, axis=0, keepdims=True))
            return e / e.sum()

        def no_max(x):
            return np.exp(x) / np.exp(x).sum(axis=0, keepdims=True)

        def global_max(x):
            e = np.exp(x - np.max(x))
            return e / e.sum(axis=0)

        def row_max(x):
            e = np.exp(x - np.max(x, axis=-1, keepdims=True))
            return e / e.sum(axis=0, keepdims=True)
        def all_axes(x):
            e = np.exp(x - np.max(x))
            return e / e.sum()
        return [("smax_axis1", {}, axis1), ("smax_global_sum", {}, global_sum),
                ("smax_global_sum", {}, all_axes),
                ("smax_global_max", {}, global_max), ("smax_no_max", {}, no_max),
                ("smax_row_max", {}, row_max),
                ("smax_no_exp", {}, lambda x: x / x.sum(axis=0, keepdims=True)),
                ("smax_sign", {}, lambda x: softmax(-x))]


class CellForward(Spec):
    name = "lstm_cell_forward"
    primary = ("c_next", "a_next", "yt_pred")
    CACHE = ("a_next", "c_next", "a_prev", "c_prev", "Γ_f", "Γ_u", "c̃", "Γ_o", "xt")

    def cases(self):
        out = []
        for seed, (m, n_a, n_x) in enumerate([(1, 3, 4), (1, 5, 6), (3, 3, 4), (4, 5, 6),
                                              (2, 4, 3), (5, 2, 5)]):
            rng = np.random.default_rng(200 + seed)
            P = random_parameters(rng, n_a, n_x, n_x)
            xt = rng.standard_normal((n_x, m))
            a_prev, c_prev = rng.standard_normal((n_a, m)) * 0.8, rng.standard_normal((n_a, m))
            out.append(Case(f"m={m}, n_a={n_a}, n_x={n_x}", (xt, a_prev, c_prev, P), m=m,
                            frozen=(0, 1, 2, 3)))
        # the extreme a correct cell survives: output scores past 709 (a softmax that
        # does not subtract its maximum overflows; subtracting it, y is as without the 1000)
        rng = np.random.default_rng(210)
        P = random_parameters(rng, 3, 4, 4)
        P["by"] = P["by"] + 1000.0
        out.append(Case("m=1, n_a=3, n_x=4, by + 1000", (
            rng.standard_normal((4, 1)), rng.standard_normal((3, 1)),
            rng.standard_normal((3, 1)), P), m=1, frozen=(0, 1, 2, 3)))
        return out

    def reference(self, *args):
        return lstm_cell_forward(*args)

    def pieces(self, out, case):
        """In the order of the computation: the gates, c, a, y, then the rest of the cache."""
        a, c, y, cache = need_tuple(out, 4, "a_c_y_cache")
        got = {"c_next": as_array(c, "c_next", case.desc),
               "a_next": as_array(a, "a_next", case.desc),
               "yt_pred": as_array(y, "yt_pred", case.desc)}
        if not isinstance(cache, (tuple, list)) or len(cache) != 10:
            got["cache"] = Bad(Problem("part_count", part="cache", got=type_text(cache), want=10,
                                       what=CELL_CACHE, case=case.desc))
            return got
        cached = {}
        for i, label in enumerate(self.CACHE):
            piece = f"cache[{i}] ({label})"
            cached[piece] = as_piece(cache[i], piece, case.desc)
        res = {}
        for i in (4, 5, 6, None, 7):
            if i is None:
                res["c_next"] = got["c_next"]
            else:
                k = f"cache[{i}] ({self.CACHE[i]})"
                res[k] = cached.pop(k)
        res["a_next"], res["yt_pred"] = got["a_next"], got["yt_pred"]
        res.update(cached)
        res["cache[9] (parameters)"] = parameters_piece(cache[9], case.args[3], "cache[9]")
        return res

    def hint(self, piece, student, expected):
        return cache_hint(piece, student, expected, "cache[", self.primary)

    def mutants(self, case):
        flags = [("fwd_swap_fu", {}, {"swap_fu": True}), ("fwd_swap_co", {}, {"swap_co": True}),
                 ("fwd_ot_tanh", {}, {"ot_tanh": True}),
                 ("fwd_no_tanh_c", {}, {"no_tanh_c": True}),
                 ("fwd_cand_sigmoid", {}, {"cand_sigmoid": True}),
                 ("fwd_concat_xa", {}, {"concat_xa": True}),
                 ("fwd_no_forget", {}, {"no_forget": True}),
                 ("fwd_no_update", {}, {"no_update": True}),
                 ("fwd_a_cprev", {}, {"a_from_cprev": True}),
                 ("fwd_smax_axis1", {}, {"smax_axis1": True}),
                 ("smax_no_max", {}, {"smax_no_max": True}),
                 ("fwd_no_softmax", {}, {"no_softmax": True}),
                 ("fwd_y_aprev", {}, {"y_from_aprev": True}),
                 ("fwd_no_bias", {}, {"no_bias": ("bf", "bi", "bc", "bo", "by")})]
        flags += [("fwd_bias", {"b": b}, {"no_bias": (b,)})
                  for b in ("bf", "bi", "bc", "bo", "by")]
        return [(key, fmt, (lambda *a, f=f: cell_variant(*a, **f))) for key, fmt, f in flags]


class Forward(Spec):
    name = "lstm_forward"
    primary = ("a", "c", "y")

    def cases(self):
        return [Case(label, (x, a0, P), m=m, frozen=(0, 1, 2))
                for label, m, rng, P, x, a0 in sequences(300)]

    def reference(self, *args):
        return lstm_forward(*args)

    def pieces(self, out, case):
        a, y, c, caches = need_tuple(out, 4, "a_y_c_caches")
        res = {"a": as_array(a, "a", case.desc), "c": as_array(c, "c", case.desc),
               "y": as_array(y, "y", case.desc)}
        T_x = case.args[0].shape[2]
        problem = None
        steps = f"[cache_0, …, cache_{T_x - 1}]"
        if not isinstance(caches, (tuple, list)) or len(caches) != 2:
            problem = Problem("part_count", part="caches", got=type_text(caches), want=2,
                              what=f"({steps}, x)", case=case.desc)
        elif not isinstance(caches[0], (tuple, list)) or len(caches[0]) != T_x:
            problem = Problem("part_count", part="caches[0]", got=type_text(caches[0]),
                              want=T_x, what=steps, case=case.desc)
        else:
            for t, ch in enumerate(caches[0]):
                if not isinstance(ch, (tuple, list)) or len(ch) != 10:
                    problem = Problem("part_count", part=f"caches[0][{t}]", got=type_text(ch),
                                      want=10, what=CELL_CACHE, case=case.desc)
                    break
        if problem is not None:
            res["caches"] = Bad(problem)
            return res
        for t, ch in enumerate(caches[0]):
            for i in range(9):
                piece = f"caches[0][{t}][{i}]"
                res[piece] = as_piece(ch[i], piece, case.desc)
        res["caches[1] (x)"] = as_piece(caches[1], "caches[1] (x)", case.desc)
        for t, ch in enumerate(caches[0]):
            piece = f"caches[0][{t}][9]"
            res[piece] = parameters_piece(ch[9], case.args[2], piece)
        return res

    def hint(self, piece, student, expected):
        return cache_hint(piece, student, expected, piece.rsplit("[", 1)[0] + "[", self.primary)

    def mutants(self, case):
        flags = [("seq_a_not_carried", {"a_not_carried": True}),
                 ("seq_c_not_carried", {"c_not_carried": True}), ("seq_c0_a0", {"c0_a0": True}),
                 ("seq_first_x", {"first_x": True}), ("seq_x_prev", {"x_prev": True}),
                 ("seq_store_prev", {"store_prev": True}),
                 ("seq_reversed", {"reversed_time": True})]
        return [(key, {}, (lambda *a, f=f: seq_variant(*a, **f))) for key, f in flags]


class Loss(Spec):
    name = "compute_loss"

    def cases(self):
        out = []
        for seed, (m, T_x, n_y) in enumerate([(1, 1, 5), (1, 6, 4), (3, 1, 6), (3, 4, 5),
                                              (4, 7, 3)]):
            rng = np.random.default_rng(400 + seed)
            y_hat = softmax(rng.standard_normal((n_y, m, T_x)) * 1.5)
            Y = rng.integers(0, n_y, size=(m, T_x))
            out.append(Case(f"m={m}, T_x={T_x}, n_y={n_y}", (y_hat, Y), m=m, frozen=(0, 1)))
        return out

    def reference(self, *args):
        return compute_loss(*args)

    def pieces(self, out, case):
        return loss_pieces(out, case)

    def after(self, args, out, expected, case):
        return loss_not_number(out, case)

    def mutants(self, case):
        return [(key, {}, (lambda y, Y, how=how: loss_variant(y, Y, how)))
                for key, how in [("loss_sum", "sum"), ("loss_original", "original"),
                                 ("loss_original", "sum_first"),
                                 ("loss_mean_t", "mean_t"), ("loss_mean_m", "mean_m"),
                                 ("loss_sign", "sign"), ("loss_log2", "log2"),
                                 ("loss_first_seq", "first"), ("loss_all_probs", "all")]]
