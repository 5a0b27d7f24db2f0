"""New student mistakes, written as students write them, and the verdict each one gets.

Each entry is a wrong version of one exercise, the way a student would type it (not a variant
of the checker's own catalogue), with what the verdict must name: a MISTAKES key (the likely
mistake), or a MESSAGES key (a verdict of its own: the wrong number of values, an input
changed...). `test_counts` prints how many are caught with a precise diagnosis, caught naming
the wrong piece only, caught with the generic "matches no typical mistake", or missed:

    python -m pytest tests/test_exercises_mistakes.py -q -s -k counts
"""
import contextlib
import io

import numpy as np
import pytest

from helpers import written_here
from lstm_np import exercises as ex
from lstm_np.core.backward import lstm_backward, lstm_cell_backward
from lstm_np.core.forward import lstm_cell_forward
from lstm_np.core.optim import update_parameters_with_adam


def verdict(name, fn, lang="en"):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        ok = ex.check(name, fn, lang)
    return ok, out.getvalue().strip()


# ------------------------------------------------------------------ the mistakes
def sigmoid_flat(x):                       # returns a flat array
    return (1 / (1 + np.exp(-x))).ravel()


def softmax_transposed(x):
    e = np.exp(x - x.max(axis=0, keepdims=True))
    return (e / e.sum(axis=0, keepdims=True)).T


def cell_returns_c_first(xt, a_prev, c_prev, parameters):
    a, c, y, cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)
    return c, a, y, cache


def cell_flat_y(xt, a_prev, c_prev, parameters):
    a, c, y, cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)
    return a, c, y.sum(axis=1), cache


def forward_shared_buffers(x, a0, parameters):
    """Every step stores the same a and c arrays, then updates them in place."""
    n_x, m, T_x = x.shape
    n_a = a0.shape[0]
    a_all, y_all, c_all = (np.zeros((n_a, m, T_x)), np.zeros((parameters["Wy"].shape[0], m,
                                                               T_x)), np.zeros((n_a, m, T_x)))
    a_next, c_next = a0.copy(), np.zeros((n_a, m))
    caches = []
    for t in range(T_x):
        a_new, c_new, y, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a_prev_kept = a_next
        a_next[...] = a_new                      # in place: the cache's a_prev changes too
        c_next = c_new
        a_all[:, :, t], c_all[:, :, t], y_all[:, :, t] = a_next, c_next, y
        caches.append((a_next, c_next, a_prev_kept) + tuple(cache[3:]))
    return a_all, y_all, c_all, (caches, x)


def cell_with_a_naive_softmax(xt, a_prev, c_prev, parameters):
    a, c, _, cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)
    z = parameters["Wy"] @ a + parameters["by"]
    return a, c, np.exp(z) / np.exp(z).sum(axis=0, keepdims=True), cache


def cell_cache_without_parameters(xt, a_prev, c_prev, parameters):
    a, c, y, cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)
    return a, c, y, cache[:9] + (None,)


def loss_per_sequence(y_hat, Y):          # the mean over time only: one loss per sequence
    n_y, m, T_x = y_hat.shape
    p = y_hat[Y.T, np.arange(m)[None, :], np.arange(T_x)[:, None]]
    return -np.log(p).mean(axis=0)


def loss_probabilities_of_zero(y_hat, Y):  # always the probability of character 0
    return float(-np.log(y_hat[0]).mean())


def cell_backward_with(mistake):
    def cell_backward(da_next, dc_next, cache):
        g = lstm_cell_backward(da_next, dc_next, cache)
        if mistake == "db_all":
            for k in ("dbf", "dbi", "dbc", "dbo"):
                g[k] = g[k].sum(keepdims=True)
        elif mistake == "dW_T":
            g["dWf"] = g["dWf"].T.copy()
        elif mistake == "db_flat":
            g["dbi"] = g["dbi"].ravel()
        elif mistake == "no_dxt":
            del g["dxt"]
        elif mistake == "swap_prev":
            g["da_prev"], g["dc_prev"] = g["dc_prev"], g["da_prev"]
        return g
    return cell_backward


def bptt_with(mistake):
    def backward(da, caches):
        g = lstm_backward(da, caches)
        if mistake == "dx_T":
            g["dx"] = np.swapaxes(g["dx"], 1, 2).copy() if g["dx"].shape[1] != \
                g["dx"].shape[2] else g["dx"] * 2
        elif mistake == "da0_sum":
            g["da0"] = g["da0"].sum(axis=1, keepdims=True)
        return g
    return backward


def bptt_stops_at_1(da, caches):
    """The loop range(T_x - 1, 0, -1): step 0 is never visited."""
    cells, x = caches
    n_a, m, T_x = da.shape
    dx = np.zeros((x.shape[0], m, T_x))
    da_prev, dc_prev = np.zeros((n_a, m)), np.zeros((n_a, m))
    g = {}
    for t in range(T_x - 1, 0, -1):
        step = lstm_cell_backward(da[:, :, t] + da_prev, dc_prev, cells[t])
        da_prev, dc_prev = step["da_prev"], step["dc_prev"]
        dx[:, :, t] = step["dxt"]
        for k in ("dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo"):
            g[k] = g.get(k, 0) + step[k]
    if not g:
        g = {k: np.zeros_like(v) for k, v in lstm_cell_backward(da[:, :, 0], dc_prev,
                                                                cells[0]).items()
             if k[1] in "Wb"}
    g.update(dx=dx, da0=da_prev)
    return g


def clip_fixed_threshold(gradients, maxValue):
    for g in gradients.values():
        np.clip(g, -5, 5, out=g)
    return gradients


def clip_new_dict(gradients, maxValue):
    return {k: np.clip(g, -maxValue, maxValue) for k, g in gradients.items()}


def adam_fixed_epsilon(parameters, gradients, v, s, t, learning_rate=0.01, beta1=0.9,
                       beta2=0.999, epsilon=1e-8):
    return update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate, beta1,
                                       beta2, 1e-8)


def adam_fixed_betas(parameters, gradients, v, s, t, learning_rate=0.01, beta1=0.9,
                     beta2=0.999, epsilon=1e-8):
    return update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate)


def adam_returns_two(parameters, gradients, v, s, t, learning_rate=0.01, beta1=0.9,
                     beta2=0.999, epsilon=1e-8):
    return update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate, beta1,
                                       beta2, epsilon)[:2]


def step_with(mistake):
    reference = ex.reference("training_step")

    def step(X, Y, a0, parameters, v, s, t, learning_rate=0.01, clip_value=0.2):
        if mistake == "clip_fixed":
            clip_value = 0.2
        if mistake == "lr_fixed":
            learning_rate = 0.01
        return reference(X, Y, a0, parameters, v, s, t, learning_rate, clip_value)
    return step



def wrap_sigmoid_in_place(x):              # changes its input
    np.negative(x, out=x)
    return 1 / (1 + np.exp(x))


def softmax_over_all_axes(x):
    e = np.exp(x - x.max())
    return e / e.sum()


MISTAKES = [
    # (exercise, the student's function, what the verdict must name)
    ("sigmoid", sigmoid_flat, "shape_lost_axis"),
    ("sigmoid", wrap_sigmoid_in_place, "mutated"),
    ("softmax", softmax_transposed, "shape_transposed"),
    ("softmax", softmax_over_all_axes, "smax_global_sum"),
    ("lstm_cell_forward", cell_returns_c_first, "in_place_of"),
    ("lstm_cell_forward", cell_flat_y, "shape_lost_axis"),
    ("lstm_forward", forward_shared_buffers, "shared_array"),
    ("lstm_cell_forward", cell_cache_without_parameters, "cache_parameters"),
    ("lstm_cell_forward", cell_with_a_naive_softmax, "smax_no_max"),
    ("compute_loss", loss_per_sequence, "shape_not_scalar"),
    ("compute_loss", loss_probabilities_of_zero, None),
    ("lstm_cell_backward", cell_backward_with("db_all"), "shape_sum_axis"),
    ("lstm_cell_backward", cell_backward_with("dW_T"), "shape_transposed"),
    ("lstm_cell_backward", cell_backward_with("db_flat"), "shape_lost_axis"),
    ("lstm_cell_backward", cell_backward_with("no_dxt"), "missing_key"),
    ("lstm_cell_backward", cell_backward_with("swap_prev"), "in_place_of"),
    ("lstm_backward", bptt_with("da0_sum"), "shape_batch"),
    ("lstm_backward", bptt_stops_at_1, "bptt_stops_at_1"),
    ("clip", clip_fixed_threshold, "clip_fixed"),
    ("clip", clip_new_dict, "not_in_place"),
    ("update_parameters_with_adam", adam_fixed_epsilon, "adam_eps_fixed"),
    ("update_parameters_with_adam", adam_fixed_betas, "adam_hyper"),
    ("update_parameters_with_adam", adam_returns_two, "count"),
    ("training_step", step_with("clip_fixed"), "step_clip_fixed"),
    ("training_step", step_with("lr_fixed"), "step_lr_fixed"),
]
# ------------------------------------------------------------------ the sampler
def sampler_with(mistake):
    """A student's sample_top_k with one mistake (None: right)."""
    from lstm_np.core.activations import softmax

    def sample_top_k(parameters, char_to_ix, seed, temperature=1.0, k=5, *, rng=None,
                     length=300):
        rng = np.random.default_rng() if rng is None else rng
        n_a = parameters["Wf"].shape[0]
        n_x = parameters["Wf"].shape[1] - n_a
        a, c = np.zeros((n_a, 1)), np.zeros((n_a, 1))
        for ch in seed:
            x = np.zeros((n_x, 1))
            x[char_to_ix[ch]] = 1
            a, c, y, _ = lstm_cell_forward(x, a, c, parameters)
        out = []
        for step in range(length):
            T = temperature if mistake != "temp_first_only" or step == 0 else 1.0
            if mistake == "temp_on_probs":
                p = softmax(y.ravel() / T)
            else:
                p = softmax(np.log(y.ravel()) / T)
            if mistake == "greedy":
                index = int(np.argmax(p))
            else:
                top = np.argsort(p)[-k:]
                index = int(rng.choice(top, p=p[top] / p[top].sum()))
            out.append(index)
            x = np.zeros((n_x, 1))
            x[index] = 1
            a, c, y, _ = lstm_cell_forward(x, a, c, parameters)
        return out
    return sample_top_k


MISTAKES += [("sample_top_k", sampler_with("greedy"), "smp_greedy"),
             ("sample_top_k", sampler_with("temp_first_only"), "smp_temp_first_only"),
             ("sample_top_k", sampler_with("temp_on_probs"), "smp_temp_on_probs")]


def test_the_students_sampler_without_a_mistake_passes():
    ok, line = verdict("sample_top_k", sampler_with(None))
    assert ok, line


IDS = [f"{name}-{fn.__name__}-{i}" for i, (name, fn, _) in enumerate(MISTAKES)]


def kind(line, key):
    """How a wrong answer was caught: missed, precise (the expected diagnosis), named (the
    wrong piece named, another or no diagnosis) or generic (matches no typical mistake)."""
    if line.startswith("✓"):
        return "missed"
    if "matches no typical mistake" in line:
        return "generic"
    if key is not None and expected_text(key) in line:
        return "precise"
    return "named"


def expected_text(key):
    from lstm_np.exercises.messages import MESSAGES, MISTAKES as NAMED
    text = NAMED.get(key) or MESSAGES[key]
    return text.split("{")[0].lstrip("✗… ").strip() or text.split("}")[1].split("{")[0]


@pytest.mark.parametrize("name,fn,key", MISTAKES, ids=IDS)
def test_each_new_mistake_is_caught_and_named(name, fn, key):
    for lang in ("es", "en"):
        ok, line = verdict(name, written_here(fn), lang)
        assert not ok and line.startswith(("✗", "…")), line
        assert "\n" not in line
    if key is not None:
        assert kind(line, key) == "precise", (key, line)


def test_counts(capsys):
    counts = {"precise": 0, "named": 0, "generic": 0, "missed": 0}
    for name, fn, key in MISTAKES:
        ok, line = verdict(name, written_here(fn))
        counts[kind(line, key) if key else ("generic" if "matches no typical" in line
                                            else "named" if not ok else "missed")] += 1
    with capsys.disabled():
        print(f"\n{len(MISTAKES)} new mistakes: " + ", ".join(f"{k} {v}"
                                                             for k, v in counts.items()))
    assert counts["missed"] == 0
