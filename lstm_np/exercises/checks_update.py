"""The checks of one training update: clip, update_parameters_with_adam, training_step.

clip and Adam work in place, as their docstrings in lesson 04 say: once the values they
return are right, the dicts they were given must hold the same values.
"""
import numpy as np

from ..core.optim import clip, update_parameters_with_adam
from ..engine.train import faithful_update
from ..engine.config import TrainConfig
from .answers import Problem, adam_pieces, close, dict_pieces, loss_not_number, loss_pieces
from .answers import need_tuple, type_text
from .spec import Case, Spec, random_one_hot, random_parameters
from .variants import adam_variant, clip_variant, step_variant


def training_step(X, Y, a0, parameters, v, s, t, learning_rate=0.01, clip_value=0.2):
    """One training update: forward, loss, backward, clip, Adam (the package's version).

    The exercise's signature around the package's one taught update,
    `lstm_np.engine.train.faithful_update` (c starts at zeros, as in lstm_forward).

    X : one-hot inputs (n_x, m, T_x); Y : int (m, T_x), the next characters;
    a0 : (n_a, m); parameters, v, s : dicts, updated in place; t : int >= 1, Adam's step.

    Returns (loss before the update, parameters, v, s).
    """
    config = TrainConfig(learning_rate=learning_rate, clip_value=clip_value)
    indices = np.argmax(X, axis=0)                       # (m, T_x): X is one-hot
    loss, _a, _c = faithful_update(parameters, v, s, t, indices, Y, a0, np.zeros_like(a0),
                                 config)
    return loss, parameters, v, s


def first_difference(got, expected):
    """The first piece of `expected` that `got` does not hold (None: all equal)."""
    for piece, want in expected.items():
        if not close(got[piece], want):
            return piece
    return None


class Clip(Spec):
    name = "clip"

    def cases(self):
        out = []
        for seed, (m, mx) in enumerate([(1, 5.0), (3, 1.0), (2, 0.5), (4, 2.0)]):
            rng = np.random.default_rng(700 + seed)
            shapes = {"dWf": (3, 7), "dbf": (3, 1), "dWy": (4, 3), "dby": (4, 1),
                      "dx": (4, m, 2), "da0": (3, m)}
            g = {k: rng.standard_normal(s) * mx * 2.5 for k, s in shapes.items()}
            out.append(Case(f"maxValue={mx}, m={m}", (g, mx), m=m, frozen=(1,)))
        return out

    def reference(self, g, mx):
        return clip(g, mx)

    def pieces(self, out, case):
        return dict_pieces(out, list(case.args[0]), "gradients", "grads", case)

    def mutants(self, case):
        return [(key, {}, (lambda g, mx, how=how: clip_variant(g, mx, how)))
                for key, how in [("clip_upper", "upper"), ("clip_lower", "lower"),
                                 ("clip_zero", "zero"), ("clip_norm", "norm"),
                                 ("clip_lost", "lost"), ("clip_swapped", "swapped")]]

    def diagnose_extra(self, student, expected, case):
        """Some keys exactly unchanged, the others right: name the keys left out."""
        original = case.args[0]
        left = [k for k in original if not close(student[k], expected[k])]
        if left and all(close(student[k], original[k]) for k in left):
            return "clip_some", {"keys": ", ".join(left)}
        bound = max(float(np.max(np.abs(student[k]))) for k in original)
        if all(close(student[k], np.clip(original[k], -bound, bound)) for k in original):
            return "clip_fixed", {"bound": f"{bound:g}"}
        return None

    def after(self, args, out, expected, case):
        given = dict_pieces(args[0], list(case.args[0]), "gradients", "grads", case)
        if first_difference(given, expected) is not None:
            return Problem("not_in_place", arg="gradients", case=case.desc)
        return None


class Adam(Spec):
    name = "update_parameters_with_adam"

    def cases(self):
        out = []
        settings = [(1, 0.01, None), (3, 0.01, None), (10, 0.05, None), (2, 0.02, (0.8, 0.99)),
                    (50, 0.01, None), (4, 0.03, "eps")]
        for seed, (t, lr, betas) in enumerate(settings):
            rng = np.random.default_rng(800 + seed)
            shapes = {"Wf": (3, 7), "bf": (3, 1), "Wy": (4, 3), "by": (4, 1)}
            P = {k: rng.standard_normal(s) for k, s in shapes.items()}
            g = {"d" + k: rng.standard_normal(s) for k, s in shapes.items()}
            g["da0"] = rng.standard_normal((3, 2))
            if t == 1:
                v = {k: np.zeros(s) for k, s in shapes.items()}
                s_ = {k: np.zeros(s) for k, s in shapes.items()}
            else:
                v = {k: rng.standard_normal(s) * 0.3 for k, s in shapes.items()}
                s_ = {k: rng.random(s) * 0.5 for k, s in shapes.items()}
            kwargs = {"learning_rate": lr}
            desc = f"t={t}, learning_rate={lr}"
            if betas == "eps":                  # epsilon as large as sqrt(s): it matters
                kwargs.update(epsilon=0.3)
                desc += ", epsilon=0.3"
            elif betas:
                kwargs.update(beta1=betas[0], beta2=betas[1])
                desc += f", beta1={betas[0]}, beta2={betas[1]}"
            out.append(Case(desc, (P, g, v, s_, t), kwargs, frozen=(1, 4)))
        return out

    def reference(self, *args, **kwargs):
        return update_parameters_with_adam(*args, **kwargs)

    def pieces(self, out, case):
        return adam_pieces(out, list(case.args[0]), case)

    def mutants(self, case):
        hows = ["no_correction", "t1", "t_plus", "t_minus", "beta_t", "no_square", "factors",
                "betas", "sign", "no_sqrt", "eps_sqrt", "store_corrected", "lr", "hyper",
                "eps_fixed"]
        return [("adam_" + how, {}, (lambda *a, how=how, **kw: adam_variant(*a, how=how,
                                                                             **kw)))
                for how in hows]

    def after(self, args, out, expected, case):
        given = adam_pieces((args[0], args[2], args[3]), list(case.args[0]), case)
        piece = first_difference(given, expected)
        if piece is not None:
            return Problem("not_in_place", arg=piece.split("[")[0], case=case.desc)
        return None


class TrainingStep(Spec):
    name = "training_step"

    def cases(self):
        out = []
        settings = [(1, 1, 1, 5.0), (1, 4, 2, 0.05), (3, 5, 7, 5.0), (2, 3, 4, 0.02)]
        for seed, (m, T_x, t, clip_value) in enumerate(settings):
            rng = np.random.default_rng(900 + seed)
            n_a, n_x = 4, 5
            P = random_parameters(rng, n_a, n_x, n_x)
            X = random_one_hot(rng, n_x, m, T_x)
            Y = rng.integers(0, n_x, size=(m, T_x))
            a0 = rng.standard_normal((n_a, m)) * 0.5
            if t == 1:
                v = {k: np.zeros_like(p) for k, p in P.items()}
                s = {k: np.zeros_like(p) for k, p in P.items()}
            else:
                v = {k: rng.standard_normal(p.shape) * 0.01 for k, p in P.items()}
                s = {k: rng.random(p.shape) * 1e-4 for k, p in P.items()}
            lr = 0.01 if seed % 2 == 0 else 0.03
            out.append(Case(f"m={m}, T_x={T_x}, t={t}, clip_value={clip_value}",
                            (X, Y, a0, P, v, s, t), {"learning_rate": lr,
                                                     "clip_value": clip_value},
                            m=m, frozen=(0, 1, 2, 6)))
        return out

    def reference(self, *args, **kwargs):
        return training_step(*args, **kwargs)

    def pieces(self, out, case):
        """The loss, then v, s and the parameters; values in another order are told so."""
        loss, P, v, s = need_tuple(out, 4, "l_p_v_s")
        if isinstance(loss, dict) or not all(isinstance(d, dict) for d in (P, v, s)):
            if any(isinstance(o, dict) for o in out):
                raise Problem("order", got=", ".join(type_text(o) for o in out),
                              what="l_p_v_s")
        res = loss_pieces(loss, case)
        res.update(adam_pieces((P, v, s), list(case.args[3]), case))
        return res

    def after(self, args, out, expected, case):
        return loss_not_number(out[0], case)

    def mutants(self, case):
        hows = ["clip_fixed", "lr_fixed", "no_clip", "clip_before_dWy", "sum_grads",
                "loss_after", "no_minus_one", "no_output_grads", "da_zero", "t1", "loss_sum"]
        return [("step_" + how, {}, (lambda *a, how=how, **kw: step_variant(*a, how=how,
                                                                             **kw)))
                for how in hows]
