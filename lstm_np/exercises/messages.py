"""The words of every verdict: the lines, the typical mistakes.

`MESSAGES` holds the verdict lines, `MISTAKES` what the student most likely did (one entry
per mistake variant of `variants.py` that reproduces it), `PIECES` and `WHAT` the words
that fill them. Each is written here in English, marked N_; its Spanish, with the same
{fields}, is in the package's one catalogue (lstm_np/i18n/locale/es/LC_MESSAGES/lstm_np.po).
"""
from ..i18n import N_, in_language

# ================================================================ the words of every verdict
MESSAGES = {
    "passed": N_("✓ {name}: correct on {n} cases"),
    "not_done": N_("… {name}: not done yet (it still raises NotImplementedError)"),
    "not_defined":
        N_("… {name}: not done yet ({name}'s cell did not define it: is it empty, commented "
           "out or does it have a syntax error?)"),
    "package_own":
        N_("✗ {name}: that is the package's function (lstm_np), not yours; write your own "
           "{name} in its cell"),
    "raised": N_("✗ {name}: raised {exc} in the case {case}"),
    "raised_m1": N_(" (the cases with m = 1 passed: does it only work for one sequence?)"),
    "wrong": N_("✗ {name}: {piece} is wrong in the case {case} (largest difference {err})"),
    "nonfinite": N_("✗ {name}: {piece} has NaN or infinite values in the case {case}"),
    "shape": N_("✗ {name}: {piece} has shape {got}, it should be {want} (case {case})"),
    "not_array": N_("✗ {name}: {piece} is {got}; it should be a numpy array (case {case})"),
    "returns_none": N_("✗ {name}: returns None; it must return {what} (is the return missing?)"),
    "count": N_("✗ {name}: returns {got}; it must return {want} {values}: {what}"),
    "part_count":
        N_("✗ {name}: {part} is {got}; it must hold {want} {values}: {what} (case {case})"),
    "not_dict": N_("✗ {name}: returns {got}; it must return a dict with {what}"),
    "missing_key": N_("✗ {name}: the dict {where} has no key {key!r}"),
    "mutated":
        N_("✗ {name}: changes its input {arg} (case {case}); work on a copy or make new "
           "arrays"),
    "loss_not_number":
        N_("✗ {name}: the loss is an array of shape {got}; it must be a number (float(...) "
           "or .item()) (case {case})"),
    "order": N_("✗ {name}: returns ({got}); it must return {what}, in this order"),
    "not_in_place":
        N_("✗ {name}: the values returned are right, but {arg} did not change (case {case});"
           " update it in place, as the docstring says"),
    "too_slow":
        N_("✗ {name}: stopped after {limit} s without an answer{where}: an endless loop, or "
           "a very slow one?"),
    "too_slow_case": N_(" in the case {case}"),
    "too_slow_again":
        N_("✗ {name}: already stopped after {limit} s without an answer; not tried again "
           "until you run its cell again"),
    "likely": N_(". Likely mistake: {mistake}"),
    "no_match": N_(". It matches no typical mistake: look at how {piece} is computed"),
    "forward_wrong":
        N_("✗ {name}: the forward function you passed gives another result in the case "
           "{case}; check it first with check"),
    "own_forward":
        N_("✗ {name}: your gradients agree with finite differences of your own forward, but "
           "that forward gives another result in the case {case}; fix it first with check"),
    "unknown": N_("✗ check: there is no exercise {name!r}; choose one of: {names}"),
    "not_callable": N_("✗ {name}: what you passed is not a function ({got})"),
    "internal": N_("✗ {name}: the checker could not finish ({exc})"),
    "use_own": N_("→ the next cells use your {name}"),
    "use_ref": N_("→ the next cells use the package's {name} (lstm_np)"),
    # --- sample_top_k -------------------------------------------------------------------
    "not_list": N_("✗ {name}: returns {got}; it must return a list of {n} indices (case {case})"),
    "chars_not_indices":
        N_("✗ {name}: returns characters; it must return integer indices (case {case})"),
    "length": N_("✗ {name}: returns {got} indices and {n} were asked for (case {case})"),
    "draws":
        N_("✗ {name}: calls rng.choice {got} times for {n} characters; it must be once per "
           "character (case {case})"),
    "dist_wrong":
        N_("✗ {name}: the distribution of step {step} is wrong in the case {case} (largest "
           "difference {err})"),
    "not_drawn":
        N_("✗ {name}: entry {step} of the list is not the character that rng.choice returned"
           " (case {case})"),
    "greedy":
        N_("✗ {name}: with k = 1 the text must be the greedy one (always the most likely "
           "character) and it differs at position {step} (case {case})"),
    "outside_top_k": N_("✗ {name}: character {step} is not among the k most likely (case {case})"),
    "exact":
        N_("✗ {name}: the distributions are right, but with the same rng the text differs "
           "from the reference's at position {step} (case {case})"),
}

# what the student most likely did, by the mutation of the reference that reproduces it
MISTAKES = {
    # any function: shapes, values in another place, arrays shared
    "shape_lost_axis":
        N_("an axis of size 1 was lost: {got} instead of {want} (a sum or an index without "
           "keepdims=True, or a missing reshape)"),
    "shape_extra_axis":
        N_("an extra axis of size 1: {got} instead of {want} (a reshape or a [:, None] too "
           "many?)"),
    "shape_transposed":
        N_("this is the transpose: {got} instead of {want} (the factors of the product in "
           "the other order, or one .T too many or too few?)"),
    "shape_sum_axis":
        N_("summed over the wrong axis (or over everything): {got} instead of {want}; a bias"
           " gradient sums over the batch (axis=1), with keepdims=True"),
    "shape_batch":
        N_("the shape {got} does not follow m as {want} does: does it only work for one "
           "sequence (m = 1), or was the batch summed over?"),
    "shape_not_scalar":
        N_("the loss must be one number, the mean over the m sequences and the T_x steps; "
           "here it has shape {got}"),
    "in_place_of":
        N_("{piece} holds what {other} should hold: values returned or stored in another "
           "order?"),
    "shared_array":
        N_("{piece} and {other} are the same array: an array was stored and then changed in "
           "place (+=, [:] =); store a new one at every step"),
    # sigmoid
    "sig_sign": N_("the sign in the exponential is flipped: 1 / (1 + e^x) is σ(−x)"),
    "sig_minus": N_("a minus in the denominator: it must be 1 + e^(−x), not 1 − e^(−x)"),
    "sig_precedence": N_("missing brackets: 1 / 1 + e^(−x) is 1 + e^(−x); write 1 / (1 + e^(−x))"),
    "sig_tanh": N_("this is tanh(x), not the sigmoid (tanh goes from −1 to 1, σ from 0 to 1)"),
    "sig_double": N_("(tanh(x) + 1) / 2 is σ(2x); the identity is σ(x) = (tanh(x/2) + 1) / 2"),
    "sig_overflow":
        N_("overflow: e^x / (1 + e^x) gives inf / inf = NaN for large x; use 1 / (1 + "
           "e^(−x))"),
    # softmax
    "smax_axis1": N_("softmax over the wrong axis: every column (axis 0) must sum to 1"),
    "smax_global_sum":
        N_("divided by the sum of the whole array, not of each column (axis=0 is missing)"),
    "smax_no_max": N_("the maximum is not subtracted: e^x overflows for large scores"),
    "smax_global_max":
        N_("the maximum of the whole array is subtracted, not each column's: a column far "
           "below the others gives 0/0"),
    "smax_row_max":
        N_("each row's maximum (axis=1) is subtracted; it must be each column's (axis=0, "
           "keepdims=True)"),
    "smax_no_exp": N_("the exponential is missing: x / sum(x) is not the softmax"),
    "smax_sign": N_("the sign is flipped: this is softmax(−x)"),
    # lstm_cell_forward
    "fwd_swap_fu": N_("Γ_f and Γ_u swapped: c = Γ_u·c_prev + Γ_f·c̃"),
    "fwd_swap_co": N_("Wc and Wo swapped: the candidate c̃ uses Wo and Γ_o uses Wc"),
    "fwd_bias": N_("the bias {b} is missing"),
    "fwd_no_bias": N_("all the biases (bf, bi, bc, bo, by) are missing"),
    "fwd_ot_tanh":
        N_("the output gate uses tanh; like every gate it is a sigmoid: Γ_o = σ(Wo·[a_prev; "
           "xt] + bo)"),
    "fwd_no_tanh_c": N_("the tanh on c is missing: a = Γ_o·tanh(c_next), not Γ_o·c_next"),
    "fwd_cand_sigmoid": N_("the candidate c̃ uses the sigmoid; it must be tanh"),
    "fwd_concat_xa":
        N_("concatenation in the wrong order: it must be [a_prev; xt], not [xt; a_prev]"),
    "fwd_no_forget": N_("the forget gate is missing: c = Γ_f·c_prev + Γ_u·c̃"),
    "fwd_no_update": N_("the update gate is missing: c = Γ_f·c_prev + Γ_u·c̃"),
    "fwd_a_cprev": N_("a uses c_prev; it must use the new c: a = Γ_o·tanh(c_next)"),
    "fwd_smax_axis1": N_("the softmax of y runs over the wrong axis (axis 0: characters)"),
    "fwd_no_softmax": N_("the softmax is missing: y = softmax(Wy·a + by)"),
    "fwd_y_aprev": N_("y uses a_prev; it must use the new a: y = softmax(Wy·a_next + by)"),
    "cache_layout":
        N_("the cache must be (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, "
           "parameters), in this order"),
    "cache_parameters":
        N_("{piece} must be the parameters dict the cell received: the backward pass reads "
           "the weights from it"),
    "cache_values":
        N_("the outputs are right, but the cache holds another value here: store in it the "
           "arrays the cell computed"),
    # lstm_forward
    "seq_a_not_carried": N_("the state a is not carried from step to step (every step uses a0)"),
    "seq_c_not_carried": N_("the state c is not carried from step to step (it goes back to zeros)"),
    "seq_c0_a0": N_("c starts at a0; it must start at zeros"),
    "seq_first_x": N_("every step reads x[:, :, 0]; step t reads x[:, :, t]"),
    "seq_x_prev":
        N_("step t reads x[:, :, t − 1]; it must read x[:, :, t] (and step 0 ends up reading"
           " the last character)"),
    "seq_store_prev":
        N_("the state before the step is stored: a[:, :, t] is the a the cell returns at "
           "step t"),
    "seq_reversed": N_("time runs backwards: the forward pass goes from t = 0 to T_x − 1"),
    # compute_loss
    "loss_sum": N_("the sum instead of the mean: divide by m·T_x"),
    "loss_mean_t": N_("averaged over time only; average over the m sequences too"),
    "loss_mean_m": N_("averaged over the sequences only; average over the T_x steps too"),
    "loss_sign": N_("the minus sign is missing: L = −mean(log ŷ)"),
    "loss_log2": N_("log base 2 (bits); the loss is in nats (np.log)"),
    "loss_first_seq": N_("only the first sequence is used (index 0 of the m axis)"),
    "loss_original":
        N_("this is the original notebook's loss: a sum over time and only sequence 0; here "
           "it is the mean over m and T_x"),
    "loss_all_probs":
        N_("the log of every probability is averaged; only the right character's counts, "
           "ŷ[Y[i, t], i, t]"),
    # lstm_cell_backward
    "bwd_no_da_path":
        N_("the path through a is missing: dc = dc_next + da_next·Γ_o·(1 − tanh²(c_next))"),
    "bwd_gate_tanh_deriv":
        N_("derivative of the wrong activation: a sigmoid gate's is Γ(1 − Γ), not 1 − Γ²"),
    "bwd_cand_sigmoid_deriv":
        N_("derivative of the wrong activation: c̃ = tanh(…) has 1 − c̃², not c̃(1 − c̃)"),
    "bwd_cand_one_minus": N_("the derivative of c̃ = tanh(…) is 1 − c̃², not 1 − c̃"),
    "bwd_swap_fi": N_("dWf and dWi swapped: dΓ_f takes c_prev and dΓ_u takes c̃"),
    "bwd_dcprev_ot": N_("dc_prev is multiplied by Γ_o; it only takes Γ_f: dc_prev = dc·Γ_f"),
    "bwd_no_sigmoid_deriv": N_("the sigmoid's derivative Γ(1 − Γ) is missing in the gates"),
    "bwd_dot_no_tanh": N_("dΓ_o uses c_next; it must use tanh(c_next)"),
    "bwd_dcprev_no_ft": N_("dc_prev lacks the factor Γ_f: dc_prev = dc·Γ_f"),
    "bwd_dcprev_no_da":
        N_("dc_prev forgets the path through a: dc_prev = (dc_next + da_next·Γ_o·(1 − "
           "tanh²(c_next)))·Γ_f"),
    "bwd_dft_cnext": N_("dΓ_f uses c_next; it must use c_prev (c = Γ_f·c_prev + …)"),
    "bwd_swap_u_c": N_("dΓ_u and dc̃ swap their factors: dΓ_u takes c̃ and dc̃ takes Γ_u"),
    "bwd_db_no_keepdims":
        N_("keepdims=True is missing when summing the biases: db has shape (n_a, 1)"),
    "bwd_db_no_sum": N_("the bias gradients are not summed over the batch (axis=1)"),
    "bwd_split":
        N_("d concat is split the wrong way: the first n_a rows are da_prev and the last n_x"
           " are dxt"),
    "bwd_dW_T": N_("dW is transposed: dW = dz·concatᵀ, of shape (n_a, n_a + n_x)"),
    "bwd_sign": N_("every gradient has the opposite sign"),
    # lstm_backward
    "bptt_stops_at_1":
        N_("the backward loop never reaches t = 0 (range(T_x - 1, 0, -1) stops at 1): use "
           "reversed(range(T_x))"),
    "bptt_no_da_prev":
        N_("the gradient from the next step is not added: the cell gets da[:, :, t] + "
           "da_prev"),
    "bptt_no_da_t":
        N_("the gradient of the prediction at step t is missing: the cell gets da[:, :, t] +"
           " da_prev"),
    "bptt_no_dc":
        N_("dc_prev is not passed to the previous step (the state is not carried backwards)"),
    "bptt_forward_order":
        N_("the loop runs forwards; BPTT goes from t = T_x − 1 down to 0 (reversed)"),
    "bptt_overwrite":
        N_("the weight gradients are overwritten (=) instead of summed (+=) at every step"),
    "bptt_mean_time": N_("the weight gradients are averaged over time; they are summed"),
    "bptt_da0_zero": N_("da0 stays at zeros: it is the da_prev of the first step"),
    "bptt_dx_zero": N_("dx stays at zeros: store each step's dxt in dx[:, :, t]"),
    # clip
    "clip_upper": N_("only the upper bound is applied; clip below −maxValue too"),
    "clip_lower": N_("only the lower bound is applied; clip above maxValue too"),
    "clip_zero": N_("the lower bound is 0; it must be −maxValue"),
    "clip_norm": N_("rescaled by the norm; here each entry is clipped to [−maxValue, maxValue]"),
    "clip_lost":
        N_("the clipped result is lost (assigned to the loop variable); use out=gradient or "
           "store it in gradients[key]"),
    "clip_swapped": N_("bounds swapped: np.clip(g, −maxValue, maxValue)"),
    "clip_fixed":
        N_("the threshold does not follow maxValue: it clips at ±{bound} (a fixed number?)"),
    "clip_some": N_("not every key is clipped: {keys} is left out"),
    # Adam
    "adam_no_correction": N_("bias correction is missing: v̂ = v / (1 − β1^t), ŝ = s / (1 − β2^t)"),
    "adam_t1": N_("t is restarted: the correction uses t = 1 instead of the t given"),
    "adam_t_plus": N_("t off by one: the correction uses t + 1"),
    "adam_beta_t": N_("1 − β·t instead of 1 − β^t (np.power(beta, t))"),
    "adam_no_square": N_("s uses the gradient, not its square: s = β2·s + (1 − β2)·g²"),
    "adam_factors": N_("β and 1 − β swapped: v = β1·v + (1 − β1)·g"),
    "adam_betas": N_("β1 and β2 swapped (β1 = 0.9 is v's, β2 = 0.999 is s's)"),
    "adam_sign": N_("the step has the wrong sign: θ = θ − α·v̂ / (√ŝ + ε)"),
    "adam_no_sqrt": N_("the square root is missing: θ = θ − α·v̂ / (√ŝ + ε)"),
    "adam_eps_sqrt": N_("ε inside the square root: θ = θ − α·v̂ / (√ŝ + ε), not √(ŝ + ε)"),
    "adam_t_minus":
        N_("t − 1 in the bias correction: v̂ = v / (1 − β1^t) with the t given (with t = 1 "
           "it divides by 0)"),
    "adam_store_corrected":
        N_("the corrected v̂ and ŝ are stored in v and s; v and s keep the uncorrected "
           "averages"),
    "adam_lr": N_("learning_rate is ignored (a fixed value is used)"),
    "adam_eps_fixed": N_("epsilon is ignored (a fixed value is used)"),
    "adam_hyper": N_("beta1 or beta2 is ignored (fixed values are used)"),
    # training_step
    "step_clip_fixed": N_("the clipping ignores clip_value (a fixed threshold?)"),
    "step_lr_fixed": N_("Adam ignores learning_rate (a fixed value?)"),
    "step_no_clip": N_("the gradients are not clipped (or clipped after the update)"),
    "step_clip_before_dWy":
        N_("clipped before dWy and dby are added: clip the whole dict, dWy and dby included"),
    "step_sum_grads":
        N_("these are the gradients of the sum: dz = (ŷ − y) / (m·T_x) because the loss is "
           "the mean"),
    "step_loss_after": N_("the loss is computed after the parameters are updated"),
    "step_no_minus_one": N_("the 1 at the right character is not subtracted: dz = ŷ − onehot(Y)"),
    "step_no_output_grads": N_("dWy and dby are missing: the output layer does not learn"),
    "step_da_zero":
        N_("lstm_backward gets zeros (like the original notebook's wasted pass); it must get"
           " da = Wyᵀ·dz"),
    "step_t1": N_("t is restarted at 1 at every step; use the t given"),
    "step_loss_sum": N_("the loss returned is the sum; it must be the mean per character"),
    # sample_top_k
    "smp_temp_after":
        N_("the temperature is applied after the softmax (dividing probabilities by T and "
           "renormalising changes nothing): p = softmax(log(y) / T)"),
    "smp_temp_first_only":
        N_("the temperature is only applied to the first character; after it, the draws use "
           "T = 1"),
    "smp_temp_on_probs":
        N_("the temperature divides the probabilities y, not their logarithms: p = "
           "softmax(log(y) / T), not softmax(y / T)"),
    "smp_greedy":
        N_("it always takes the most likely character (argmax): it must draw with rng.choice"
           " among the k most likely"),
    "smp_temp_times": N_("multiplied by the temperature; divide instead: log(y) / T"),
    "smp_k_plus": N_("k + 1 candidates: np.argsort(p)[-k:] gives exactly k"),
    "smp_k_minus": N_("k − 1 candidates: np.argsort(p)[-k:] gives exactly k"),
    "smp_bottom_k":
        N_("the k least likely are taken: np.argsort sorts from small to large, the k most "
           "likely are [-k:]"),
    "smp_no_top_k": N_("k is ignored: the draw is among all characters"),
    "smp_uniform":
        N_("the probabilities (p=...) are not passed to rng.choice: a uniform draw among the"
           " k"),
    "smp_not_renormalised":
        N_("the k probabilities are not renormalised (they sum to {total}, not 1)"),
    "smp_prime_ignored":
        N_("the priming text (seed) is ignored: the network first reads each of its "
           "characters"),
    "smp_prime_last":
        N_("the network reads only the last character of the priming text; it must read them"
           " all, first to last (for ch in seed)"),
    "smp_prime_as_space":
        N_("the priming text is looked up as one character and, not being there, replaced "
           "with a space (as in the original notebook); read it character by character: for "
           "ch in seed"),
    "smp_state_not_carried": N_("the state (a, c) is not carried from step to step"),
    "smp_c_not_carried": N_("c is not carried from step to step (only a is)"),
    "smp_not_fed_back": N_("the chosen character is not fed back as the next input x"),
    "smp_x_not_reset": N_("x is not reset to zeros before the new one-hot: ones pile up"),
    "smp_no_rng":
        N_("it does not use the rng it is given (global np.random.choice?); draw with "
           "rng.choice(candidates, p=probs)"),
    "smp_other_rng":
        N_("it uses rng.{attr}; the contract is one call rng.choice(candidates, p=probs) per"
           " character"),
    "smp_length": N_("length is ignored (always 300 characters)"),
    "smp_order":
        N_("the candidates are in another order: pass them as np.argsort(p)[-k:] (least to "
           "most likely), one rng.choice call per character"),
}

PIECES = {
    "output": N_("the output"),
    "gradients": N_("the dict of gradients"),
    "loss": N_("the loss"),
}

WHAT = {
    "array": N_("an array"),
    "a_c_y_cache": N_("a_next, c_next, yt_pred, cache"),
    "a_y_c_caches": N_("a, y, c, caches"),
    "number": N_("a number"),
    "grads": N_("the gradients"),
    "p_v_s": N_("parameters, v, s"),
    "l_p_v_s": N_("loss, parameters, v, s"),
    "indices": N_("a list of indices"),
}


def say(message, lang, /, **fields):
    """The verdict line MESSAGES[message] in `lang`, its fields filled (a field may be
    called "key" or "lang": the first two arguments are positional only)."""
    return in_language(MESSAGES[message], lang).format(**fields)


def word(table, key, lang):
    """table[key] in `lang`; a key that is not in the table is its own text."""
    return in_language(table[key], lang) if key in table else key

