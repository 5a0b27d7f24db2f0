"""The checks of the backward pass: lstm_cell_backward and lstm_backward (BPTT).

Their caches come from the package's forward, or, when the student passes `forward=`, from
the student's own: then a forward that gives other results is named first, and a finite-
difference check tells whether the student's gradients at least agree with it.
"""
import copy

import numpy as np

from ..core.backward import lstm_backward, lstm_cell_backward
from ..core.forward import lstm_cell_forward, lstm_forward
from .answers import Bad, Problem, close, dict_pieces
from .spec import Case, Spec, random_parameters, sequences
from .student import quiet
from .variants import bptt_variant, cell_bwd_variant


class CellBackward(Spec):
    name = "lstm_cell_backward"
    KEYS = ("dbo", "dWo", "dbc", "dWc", "dbi", "dWi", "dbf", "dWf", "dc_prev", "da_prev", "dxt")

    def cases(self):
        out = []
        for seed, (m, n_a, n_x) in enumerate([(1, 3, 4), (1, 4, 2), (3, 3, 4), (4, 5, 6),
                                              (2, 2, 5)]):
            rng = np.random.default_rng(500 + seed)
            P = random_parameters(rng, n_a, n_x, n_x)
            xt = rng.standard_normal((n_x, m))
            a_prev, c_prev = rng.standard_normal((n_a, m)) * 0.8, rng.standard_normal((n_a, m))
            da, dc = rng.standard_normal((n_a, m)), rng.standard_normal((n_a, m))
            out.append(Case(f"m={m}, n_a={n_a}, n_x={n_x}", (da, dc, None), m=m,
                             frozen=(0, 1, 2), forward_args=(xt, a_prev, c_prev, P)))
        return out

    def prepare(self, case, forward):
        """Put the cache (from the reference forward, or the student's) into the case."""
        fa = copy.deepcopy(case.extra["forward_args"])
        ref_cache = lstm_cell_forward(*fa)[3]
        case.args = case.args[:2] + (ref_cache,)
        if forward is not None:
            with quiet():
                out = forward(*copy.deepcopy(fa))
            case.forward_wrong = forward_differs(out, lstm_cell_forward(*fa), (1, 0, 2))
            case.student_args = case.args[:2] + (out[3],)

    def finite_differences(self, forward, case, student):
        """Do the student's gradients agree with finite differences of its own forward?"""
        da, dc = case.args[0], case.args[1]
        targets = {"d" + w + g: (3, w + g) for g in "fico" for w in "Wb"}
        targets.update(dxt=(0, None), da_prev=(1, None), dc_prev=(2, None))
        return fd_consistent(forward, case.extra["forward_args"],
                             lambda out: np.sum(da * out[0]) + np.sum(dc * out[1]),
                             targets, student)

    def reference(self, *args):
        return lstm_cell_backward(*args)

    def pieces(self, out, case):
        return dict_pieces(out, self.KEYS, "gradients", "grads", case)

    def mutants(self, case):
        flags = [("bwd_no_da_path", {"no_da_path": True}),
                 ("bwd_gate_tanh_deriv", {"gate_tanh_deriv": True}),
                 ("bwd_cand_sigmoid_deriv", {"cand_sigmoid_deriv": True}),
                 ("bwd_no_sigmoid_deriv", {"no_sigmoid_deriv": True}),
                 ("bwd_dot_no_tanh", {"dot_no_tanh": True}),
                 ("bwd_dcprev_no_ft", {"dcprev_no_ft": True}),
                 ("bwd_dcprev_no_da", {"dcprev_no_da": True}),
                 ("bwd_dft_cnext", {"dft_cnext": True}), ("bwd_swap_u_c", {"swap_u_c": True}),
                 ("bwd_cand_one_minus", {"cand_one_minus": True}),
                 ("bwd_swap_fi", {"swap_fi": "Wb"}), ("bwd_swap_fi", {"swap_fi": "W"}),
                 ("bwd_dcprev_ot", {"dcprev_ot": True}),
                 ("bwd_db_no_keepdims", {"db_no_keepdims": True}),
                 ("bwd_db_no_sum", {"db_no_sum": True}), ("bwd_split", {"split": True}),
                 ("bwd_dW_T", {"dW_T": True}), ("bwd_sign", {"sign": True})]
        return [(key, {}, (lambda *a, f=f: cell_bwd_variant(*a, **f))) for key, f in flags]


class Backward(Spec):
    name = "lstm_backward"
    KEYS = ("dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo", "da0", "dx")

    def cases(self):
        return [Case(label, (rng.standard_normal(a0.shape + x.shape[2:]), None), m=m,
                     frozen=(0, 1), forward_args=(x, a0, P))
                for label, m, rng, P, x, a0 in sequences(600)]

    def prepare(self, case, forward):
        fa = copy.deepcopy(case.extra["forward_args"])
        ref = lstm_forward(*fa)
        case.args = (case.args[0], ref[3])
        if forward is not None:
            with quiet():
                out = forward(*copy.deepcopy(fa))
            case.forward_wrong = forward_differs(out, ref, (0, 2, 1))
            case.student_args = (case.args[0], out[3])

    def finite_differences(self, forward, case, student):
        da = case.args[0]
        targets = {"d" + w + g: (2, w + g) for g in "fico" for w in "Wb"}
        targets.update(dx=(0, None), da0=(1, None))
        return fd_consistent(forward, case.extra["forward_args"],
                             lambda out: np.sum(da * out[0]), targets, student)

    def reference(self, *args):
        return lstm_backward(*args)

    def pieces(self, out, case):
        return dict_pieces(out, self.KEYS, "gradients", "grads", case)

    def mutants(self, case):
        flags = [("bptt_stops_at_1", {"stops_at_1": True}),
                 ("bptt_no_da_prev", {"no_da_prev": True}), ("bptt_no_da_t", {"no_da_t": True}),
                 ("bptt_no_dc", {"no_dc": True}), ("bptt_forward_order", {"forward_order": True}),
                 ("bptt_overwrite", {"overwrite": True}), ("bptt_mean_time", {"mean_time": True}),
                 ("bptt_da0_zero", {"da0_zero": True}), ("bptt_dx_zero", {"dx_zero": True})]
        return [(key, {}, (lambda *a, f=f: bptt_variant(*a, **f))) for key, f in flags]


def forward_differs(out, ref, order):
    """True if the student's forward output differs from the reference's (order: positions
    of a, c, y); Problem("forward_wrong") if it is not even a 4-tuple with a cache."""
    if not isinstance(out, (tuple, list)) or len(out) != 4:
        raise Problem("forward_wrong")
    for i in order:
        try:
            ok = close(np.asarray(out[i], dtype=float), ref[i])
        except Exception:
            ok = False
        if not ok:
            return True
    return False


def fd_consistent(forward, forward_args, loss, targets, student, eps=1e-6):
    """Central differences of loss(forward(*forward_args)) against the student's gradients.

    targets: gradient key -> (position of the argument, key in it or None)."""
    def value(args):
        with quiet():
            return float(loss(forward(*copy.deepcopy(args))))
    try:
        for key, (pos, sub) in targets.items():
            got = student.get(key)
            work = list(copy.deepcopy(forward_args))
            arr = work[pos] if sub is None else work[pos][sub]
            if got is None or isinstance(got, Bad) or got.shape != arr.shape:
                return False
            numeric = np.zeros(arr.shape)
            for idx in np.ndindex(arr.shape):
                old = arr[idx]
                arr[idx] = old + eps
                plus = value(work)
                arr[idx] = old - eps
                minus = value(work)
                arr[idx] = old
                numeric[idx] = (plus - minus) / (2 * eps)
            scale = np.linalg.norm(numeric) + np.linalg.norm(got)
            if scale and np.linalg.norm(numeric - got) / scale > 1e-5:
                return False
        return True
    except Exception:
        return False
