"""The words of every verdict, in Spanish and English: the lines, the typical mistakes.

`MESSAGES` holds the verdict lines, `MISTAKES` what the student most likely did (one entry
per mistake variant of `variants.py` that reproduces it), `PIECES` and `WHAT` the words
that fill them. Every entry has an "es" and an "en" text with the same {fields}.
"""

# ================================================================ the words of every verdict
MESSAGES = {
    "passed": {"es": "✓ {name}: correcto en {n} casos",
               "en": "✓ {name}: correct on {n} cases"},
    "not_done": {"es": "… {name}: todavía sin hacer (sigue lanzando NotImplementedError)",
                 "en": "… {name}: not done yet (it still raises NotImplementedError)"},
    "not_defined": {"es": "… {name}: todavía sin hacer (la celda de {name} no la definió: "
                          "¿está vacía, comentada o con un error de sintaxis?)",
                    "en": "… {name}: not done yet ({name}'s cell did not define it: is it "
                          "empty, commented out or does it have a syntax error?)"},
    "package_own": {"es": "✗ {name}: esa es la función del paquete lstm_np, no la tuya; "
                          "escribe tu propia {name} en su celda",
                    "en": "✗ {name}: that is the package's function (lstm_np), not yours; "
                          "write your own {name} in its cell"},
    "raised": {"es": "✗ {name}: lanzó {exc} en el caso {case}",
               "en": "✗ {name}: raised {exc} in the case {case}"},
    "raised_m1": {"es": " (los casos con m = 1 pasaron: ¿solo funciona con una secuencia?)",
                  "en": " (the cases with m = 1 passed: does it only work for one sequence?)"},
    "wrong": {"es": "✗ {name}: {piece} está mal en el caso {case} (diferencia máxima {err})",
              "en": "✗ {name}: {piece} is wrong in the case {case} (largest difference {err})"},
    "nonfinite": {"es": "✗ {name}: {piece} tiene NaN o infinitos en el caso {case}",
                  "en": "✗ {name}: {piece} has NaN or infinite values in the case {case}"},
    "shape": {"es": "✗ {name}: {piece} tiene forma {got} y debería tener {want} "
                    "(caso {case})",
              "en": "✗ {name}: {piece} has shape {got}, it should be {want} (case {case})"},
    "not_array": {"es": "✗ {name}: {piece} es {got}; debería ser un arreglo de numpy "
                        "(caso {case})",
                  "en": "✗ {name}: {piece} is {got}; it should be a numpy array "
                        "(case {case})"},
    "returns_none": {"es": "✗ {name}: devuelve None; debe devolver {what} (¿falta el return?)",
                     "en": "✗ {name}: returns None; it must return {what} "
                           "(is the return missing?)"},
    "count": {"es": "✗ {name}: devuelve {got}; debe devolver {want} {values}: {what}",
              "en": "✗ {name}: returns {got}; it must return {want} {values}: {what}"},
    "part_count": {"es": "✗ {name}: {part} es {got}; debe tener {want} {values}: {what} "
                         "(caso {case})",
                   "en": "✗ {name}: {part} is {got}; it must hold {want} {values}: {what} "
                         "(case {case})"},
    "not_dict": {"es": "✗ {name}: devuelve {got}; debe devolver un diccionario con {what}",
                 "en": "✗ {name}: returns {got}; it must return a dict with {what}"},
    "missing_key": {"es": "✗ {name}: al diccionario {where} le falta la clave {key!r}",
                    "en": "✗ {name}: the dict {where} has no key {key!r}"},
    "mutated": {"es": "✗ {name}: modifica su entrada {arg} (caso {case}); trabaja sobre "
                      "una copia o crea arreglos nuevos",
                "en": "✗ {name}: changes its input {arg} (case {case}); work on a copy or "
                      "make new arrays"},
    "loss_not_number": {"es": "✗ {name}: la pérdida es un arreglo de forma {got}; debe ser "
                              "un número (float(...) o .item()) (caso {case})",
                        "en": "✗ {name}: the loss is an array of shape {got}; it must be a "
                              "number (float(...) or .item()) (case {case})"},
    "order": {"es": "✗ {name}: devuelve ({got}); debe devolver {what}, en este orden",
              "en": "✗ {name}: returns ({got}); it must return {what}, in this order"},
    "not_in_place": {"es": "✗ {name}: los valores devueltos están bien, pero {arg} no cambió "
                           "(caso {case}); actualízalo sobre el mismo arreglo, como dice el "
                           "docstring",
                     "en": "✗ {name}: the values returned are right, but {arg} did not change "
                           "(case {case}); update it in place, as the docstring says"},
    "too_slow": {"es": "✗ {name}: detenido tras {limit} s sin respuesta{where}: ¿un bucle "
                       "sin fin, o uno muy lento?",
                 "en": "✗ {name}: stopped after {limit} s without an answer{where}: an "
                       "endless loop, or a very slow one?"},
    "too_slow_case": {"es": " en el caso {case}", "en": " in the case {case}"},
    "too_slow_again": {"es": "✗ {name}: ya se detuvo tras {limit} s sin respuesta; no se "
                             "vuelve a probar hasta que ejecutes de nuevo su celda",
                       "en": "✗ {name}: already stopped after {limit} s without an answer; "
                             "not tried again until you run its cell again"},
    "likely": {"es": ". Fallo probable: {mistake}",
               "en": ". Likely mistake: {mistake}"},
    "no_match": {"es": ". No se parece a ningún fallo típico: revisa cómo se calcula {piece}",
                 "en": ". It matches no typical mistake: look at how {piece} is computed"},
    "forward_wrong": {"es": "✗ {name}: la función forward que pasaste da otro resultado en el "
                            "caso {case}; compruébala primero con check",
                      "en": "✗ {name}: the forward function you passed gives another result "
                            "in the case {case}; check it first with check"},
    "own_forward": {"es": "✗ {name}: tus gradientes coinciden con las diferencias finitas de "
                          "tu propio forward, pero ese forward da otro resultado en el caso "
                          "{case}; corrígelo primero con check",
                    "en": "✗ {name}: your gradients agree with finite differences of your own "
                          "forward, but that forward gives another result in the case {case}; "
                          "fix it first with check"},
    "unknown": {"es": "✗ check: no existe el ejercicio {name!r}; elige uno de: {names}",
                "en": "✗ check: there is no exercise {name!r}; choose one of: {names}"},
    "not_callable": {"es": "✗ {name}: lo que pasaste no es una función ({got})",
                     "en": "✗ {name}: what you passed is not a function ({got})"},
    "internal": {"es": "✗ {name}: el comprobador no pudo terminar ({exc})",
                 "en": "✗ {name}: the checker could not finish ({exc})"},
    "use_own": {"es": "→ las celdas siguientes usan tu {name}",
                "en": "→ the next cells use your {name}"},
    "use_ref": {"es": "→ las celdas siguientes usan {name} del paquete (lstm_np)",
                "en": "→ the next cells use the package's {name} (lstm_np)"},
    # --- sample_top_k -------------------------------------------------------------------
    "not_list": {"es": "✗ {name}: devuelve {got}; debe devolver una lista de {n} índices "
                       "(caso {case})",
                 "en": "✗ {name}: returns {got}; it must return a list of {n} indices "
                       "(case {case})"},
    "chars_not_indices": {"es": "✗ {name}: devuelve caracteres; debe devolver índices "
                                "enteros (caso {case})",
                          "en": "✗ {name}: returns characters; it must return integer "
                                "indices (case {case})"},
    "length": {"es": "✗ {name}: devuelve {got} índices y se pidieron {n} (caso {case})",
               "en": "✗ {name}: returns {got} indices and {n} were asked for (case {case})"},
    "draws": {"es": "✗ {name}: llama {got} veces a rng.choice para {n} caracteres; debe "
                    "ser una vez por carácter (caso {case})",
              "en": "✗ {name}: calls rng.choice {got} times for {n} characters; it must be "
                    "once per character (case {case})"},
    "dist_wrong": {"es": "✗ {name}: la distribución del paso {step} está mal en el caso "
                         "{case} (diferencia máxima {err})",
                   "en": "✗ {name}: the distribution of step {step} is wrong in the case "
                         "{case} (largest difference {err})"},
    "not_drawn": {"es": "✗ {name}: el índice {step} de la lista no es el carácter que "
                        "devolvió rng.choice (caso {case})",
                  "en": "✗ {name}: entry {step} of the list is not the character that "
                        "rng.choice returned (case {case})"},
    "greedy": {"es": "✗ {name}: con k = 1 el texto debe ser el voraz (siempre el carácter "
                     "más probable) y difiere en la posición {step} (caso {case})",
               "en": "✗ {name}: with k = 1 the text must be the greedy one (always the most "
                     "likely character) and it differs at position {step} (case {case})"},
    "outside_top_k": {"es": "✗ {name}: el carácter {step} no está entre los k más probables "
                            "(caso {case})",
                      "en": "✗ {name}: character {step} is not among the k most likely "
                            "(case {case})"},
    "exact": {"es": "✗ {name}: las distribuciones están bien, pero con el mismo rng el texto "
                    "difiere del de referencia en la posición {step} (caso {case})",
              "en": "✗ {name}: the distributions are right, but with the same rng the text "
                    "differs from the reference's at position {step} (case {case})"},
}

# what the student most likely did, by the mutation of the reference that reproduces it
MISTAKES = {
    # any function: shapes, values in another place, arrays shared
    "shape_lost_axis": {"es": "se perdió un eje de tamaño 1: {got} en lugar de {want} (una suma "
                              "o un índice sin keepdims=True, o falta devolverle su forma)",
                        "en": "an axis of size 1 was lost: {got} instead of {want} (a sum or an "
                              "index without keepdims=True, or a missing reshape)"},
    "shape_extra_axis": {"es": "sobra un eje de tamaño 1: {got} en lugar de {want} (¿un "
                               "[:, None] o un cambio de forma de más?)",
                         "en": "an extra axis of size 1: {got} instead of {want} (a reshape or "
                               "a [:, None] too many?)"},
    "shape_transposed": {"es": "es la traspuesta: {got} en lugar de {want} (¿los factores del "
                               "producto en otro orden, o un .T de más o de menos?)",
                         "en": "this is the transpose: {got} instead of {want} (the factors of "
                               "the product in the other order, or one .T too many or too few?)"},
    "shape_sum_axis": {"es": "se sumó sobre el eje equivocado (o sobre todo): {got} en lugar de "
                             "{want}; un gradiente de sesgo suma sobre el lote (axis=1), con "
                             "keepdims=True",
                       "en": "summed over the wrong axis (or over everything): {got} instead of "
                             "{want}; a bias gradient sums over the batch (axis=1), with "
                             "keepdims=True"},
    "shape_batch": {"es": "la forma {got} no depende de m como {want}: ¿solo funciona con una "
                          "secuencia (m = 1), o se sumó sobre el lote?",
                    "en": "the shape {got} does not follow m as {want} does: does it only work "
                          "for one sequence (m = 1), or was the batch summed over?"},
    "shape_not_scalar": {"es": "la pérdida debe ser un solo número, la media sobre las m "
                               "secuencias y los T_x pasos; aquí tiene forma {got}",
                         "en": "the loss must be one number, the mean over the m sequences and "
                               "the T_x steps; here it has shape {got}"},
    "in_place_of": {"es": "{piece} contiene lo que debería contener {other}: ¿valores devueltos "
                          "o guardados en otro orden?",
                    "en": "{piece} holds what {other} should hold: values returned or stored in "
                          "another order?"},
    "shared_array": {"es": "{piece} y {other} son el mismo arreglo: se guardó un arreglo y luego "
                           "se modificó sobre el mismo arreglo (+=, [:] =); guarda uno nuevo en "
                           "cada paso",
                     "en": "{piece} and {other} are the same array: an array was stored and then "
                           "changed in place (+=, [:] =); store a new one at every step"},
    # sigmoid
    "sig_sign": {"es": "el signo de la exponencial está cambiado: 1 / (1 + e^x) es σ(−x)",
                 "en": "the sign in the exponential is flipped: 1 / (1 + e^x) is σ(−x)"},
    "sig_minus": {"es": "resta en el denominador: debe ser 1 + e^(−x), no 1 − e^(−x)",
                  "en": "a minus in the denominator: it must be 1 + e^(−x), not 1 − e^(−x)"},
    "sig_precedence": {"es": "faltan paréntesis: 1 / 1 + e^(−x) es 1 + e^(−x); escribe "
                             "1 / (1 + e^(−x))",
                       "en": "missing brackets: 1 / 1 + e^(−x) is 1 + e^(−x); write "
                             "1 / (1 + e^(−x))"},
    "sig_tanh": {"es": "es tanh(x), no la sigmoide (tanh va de −1 a 1, σ de 0 a 1)",
                 "en": "this is tanh(x), not the sigmoid (tanh goes from −1 to 1, σ from 0 "
                       "to 1)"},
    "sig_double": {"es": "(tanh(x) + 1) / 2 es σ(2x); la igualdad es σ(x) = (tanh(x/2) + 1) / 2",
                   "en": "(tanh(x) + 1) / 2 is σ(2x); the identity is σ(x) = (tanh(x/2) + 1) "
                         "/ 2"},
    "sig_overflow": {"es": "desbordamiento: e^x / (1 + e^x) da inf / inf = NaN para x grande; "
                           "usa 1 / (1 + e^(−x))",
                     "en": "overflow: e^x / (1 + e^x) gives inf / inf = NaN for large x; use "
                           "1 / (1 + e^(−x))"},
    # softmax
    "smax_axis1": {"es": "la suma recorre el eje equivocado: cada columna (eje 0) debe sumar 1",
                   "en": "softmax over the wrong axis: every column (axis 0) must sum to 1"},
    "smax_global_sum": {"es": "se divide entre la suma de todo el arreglo, no de cada columna "
                              "(falta axis=0)",
                        "en": "divided by the sum of the whole array, not of each column "
                              "(axis=0 is missing)"},
    "smax_no_max": {"es": "no se resta el máximo: e^x se desborda con puntuaciones grandes",
                    "en": "the maximum is not subtracted: e^x overflows for large scores"},
    "smax_global_max": {"es": "se resta el máximo de todo el arreglo, no el de cada columna: "
                              "una columna muy por debajo de las otras da 0/0",
                        "en": "the maximum of the whole array is subtracted, not each "
                              "column's: a column far below the others gives 0/0"},
    "smax_row_max": {"es": "se resta el máximo de cada fila (axis=1); debe ser el de cada "
                           "columna (axis=0, keepdims=True)",
                     "en": "each row's maximum (axis=1) is subtracted; it must be each "
                           "column's (axis=0, keepdims=True)"},
    "smax_no_exp": {"es": "falta la exponencial: x / suma(x) no es la softmax",
                    "en": "the exponential is missing: x / sum(x) is not the softmax"},
    "smax_sign": {"es": "el signo está cambiado: es softmax(−x)",
                  "en": "the sign is flipped: this is softmax(−x)"},
    # lstm_cell_forward
    "fwd_swap_fu": {"es": "Γ_f y Γ_u intercambiadas: c = Γ_u·c_prev + Γ_f·c̃",
                    "en": "Γ_f and Γ_u swapped: c = Γ_u·c_prev + Γ_f·c̃"},
    "fwd_swap_co": {"es": "Wc y Wo intercambiadas: el candidato c̃ usa Wo y Γ_o usa Wc",
                    "en": "Wc and Wo swapped: the candidate c̃ uses Wo and Γ_o uses Wc"},
    "fwd_bias": {"es": "falta el sesgo {b}", "en": "the bias {b} is missing"},
    "fwd_no_bias": {"es": "faltan todos los sesgos (bf, bi, bc, bo, by)",
                    "en": "all the biases (bf, bi, bc, bo, by) are missing"},
    "fwd_ot_tanh": {"es": "la compuerta de salida usa tanh; como todas las compuertas, es una "
                          "sigmoide: Γ_o = σ(Wo·[a_prev; xt] + bo)",
                    "en": "the output gate uses tanh; like every gate it is a sigmoid: "
                          "Γ_o = σ(Wo·[a_prev; xt] + bo)"},
    "fwd_no_tanh_c": {"es": "falta la tanh sobre c: a = Γ_o·tanh(c_next), no Γ_o·c_next",
                      "en": "the tanh on c is missing: a = Γ_o·tanh(c_next), not Γ_o·c_next"},
    "fwd_cand_sigmoid": {"es": "el candidato c̃ usa la sigmoide; debe ser tanh",
                         "en": "the candidate c̃ uses the sigmoid; it must be tanh"},
    "fwd_concat_xa": {"es": "concatenación en orden inverso: debe ser [a_prev; xt], no "
                            "[xt; a_prev]",
                      "en": "concatenation in the wrong order: it must be [a_prev; xt], not "
                            "[xt; a_prev]"},
    "fwd_no_forget": {"es": "falta la compuerta de olvido: c = Γ_f·c_prev + Γ_u·c̃",
                      "en": "the forget gate is missing: c = Γ_f·c_prev + Γ_u·c̃"},
    "fwd_no_update": {"es": "falta la compuerta de actualización: c = Γ_f·c_prev + Γ_u·c̃",
                      "en": "the update gate is missing: c = Γ_f·c_prev + Γ_u·c̃"},
    "fwd_a_cprev": {"es": "a usa c_prev; debe usar la c nueva: a = Γ_o·tanh(c_next)",
                    "en": "a uses c_prev; it must use the new c: a = Γ_o·tanh(c_next)"},
    "fwd_smax_axis1": {"es": "la softmax de y suma sobre el eje equivocado (eje 0: caracteres)",
                       "en": "the softmax of y runs over the wrong axis (axis 0: characters)"},
    "fwd_no_softmax": {"es": "falta la softmax: y = softmax(Wy·a + by)",
                       "en": "the softmax is missing: y = softmax(Wy·a + by)"},
    "fwd_y_aprev": {"es": "y usa a_prev; debe usar la a nueva: y = softmax(Wy·a_next + by)",
                    "en": "y uses a_prev; it must use the new a: y = softmax(Wy·a_next + by)"},
    "cache_layout": {"es": "la caché debe ser (a_next, c_next, a_prev, c_prev, ft, it, cct, "
                           "ot, xt, parameters), en este orden",
                     "en": "the cache must be (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, "
                           "xt, parameters), in this order"},
    "cache_parameters": {"es": "{piece} debe ser el diccionario parameters que recibió la "
                               "celda: la propagación hacia atrás lee de ahí los pesos",
                         "en": "{piece} must be the parameters dict the cell received: the "
                               "backward pass reads the weights from it"},
    "cache_values": {"es": "las salidas están bien, pero la caché guarda aquí otro valor: "
                           "guarda en él los arreglos que calculó la celda",
                     "en": "the outputs are right, but the cache holds another value here: "
                           "store in it the arrays the cell computed"},
    # lstm_forward
    "seq_a_not_carried": {"es": "el estado a no pasa de un paso al siguiente (cada paso usa a0)",
                          "en": "the state a is not carried from step to step (every step "
                                "uses a0)"},
    "seq_c_not_carried": {"es": "el estado c no pasa de un paso al siguiente (vuelve a ceros)",
                          "en": "the state c is not carried from step to step (it goes back "
                                "to zeros)"},
    "seq_c0_a0": {"es": "c empieza en a0; debe empezar en ceros",
                  "en": "c starts at a0; it must start at zeros"},
    "seq_first_x": {"es": "todos los pasos leen x[:, :, 0]; el paso t lee x[:, :, t]",
                    "en": "every step reads x[:, :, 0]; step t reads x[:, :, t]"},
    "seq_x_prev": {"es": "el paso t lee x[:, :, t − 1]; debe leer x[:, :, t] (y el paso 0 "
                         "acaba leyendo el último carácter)",
                   "en": "step t reads x[:, :, t − 1]; it must read x[:, :, t] (and step 0 "
                         "ends up reading the last character)"},
    "seq_store_prev": {"es": "se guarda el estado de antes del paso: a[:, :, t] es la a que "
                             "devuelve la celda en el paso t",
                       "en": "the state before the step is stored: a[:, :, t] is the a the "
                             "cell returns at step t"},
    "seq_reversed": {"es": "el tiempo va al revés: el forward va de t = 0 a T_x − 1",
                     "en": "time runs backwards: the forward pass goes from t = 0 to T_x − 1"},
    # compute_loss
    "loss_sum": {"es": "la suma en lugar de la media: divide entre m·T_x",
                 "en": "the sum instead of the mean: divide by m·T_x"},
    "loss_mean_t": {"es": "solo se promedia sobre el tiempo; también hay que promediar sobre "
                          "las m secuencias",
                    "en": "averaged over time only; average over the m sequences too"},
    "loss_mean_m": {"es": "solo se promedia sobre las secuencias; también hay que promediar "
                          "sobre los T_x pasos",
                    "en": "averaged over the sequences only; average over the T_x steps too"},
    "loss_sign": {"es": "falta el signo menos: L = −media(log ŷ)",
                  "en": "the minus sign is missing: L = −mean(log ŷ)"},
    "loss_log2": {"es": "logaritmo en base 2 (bits); la pérdida va en nats (np.log)",
                  "en": "log base 2 (bits); the loss is in nats (np.log)"},
    "loss_first_seq": {"es": "solo se usa la primera secuencia (índice 0 del eje m)",
                       "en": "only the first sequence is used (index 0 of the m axis)"},
    "loss_original": {"es": "es la pérdida del cuaderno original: suma sobre el tiempo y "
                            "solo la secuencia 0; aquí es la media sobre m y T_x",
                      "en": "this is the original notebook's loss: a sum over time and only "
                            "sequence 0; here it is the mean over m and T_x"},
    "loss_all_probs": {"es": "se promedia el log de todas las probabilidades; solo cuenta la "
                             "del carácter correcto, ŷ[Y[i, t], i, t]",
                       "en": "the log of every probability is averaged; only the right "
                             "character's counts, ŷ[Y[i, t], i, t]"},
    # lstm_cell_backward
    "bwd_no_da_path": {"es": "falta el camino por a: dc = dc_next + da_next·Γ_o·(1 − "
                             "tanh²(c_next))",
                       "en": "the path through a is missing: dc = dc_next + da_next·Γ_o·(1 − "
                             "tanh²(c_next))"},
    "bwd_gate_tanh_deriv": {"es": "derivada de la activación equivocada: para una compuerta "
                                  "sigmoide es Γ(1 − Γ), no 1 − Γ²",
                            "en": "derivative of the wrong activation: a sigmoid gate's is "
                                  "Γ(1 − Γ), not 1 − Γ²"},
    "bwd_cand_sigmoid_deriv": {"es": "derivada de la activación equivocada: la de c̃ = tanh(…) "
                                     "es 1 − c̃², no c̃(1 − c̃)",
                               "en": "derivative of the wrong activation: c̃ = tanh(…) has "
                                     "1 − c̃², not c̃(1 − c̃)"},
    "bwd_cand_one_minus": {"es": "la derivada de c̃ = tanh(…) es 1 − c̃², no 1 − c̃",
                           "en": "the derivative of c̃ = tanh(…) is 1 − c̃², not 1 − c̃"},
    "bwd_swap_fi": {"es": "dWf y dWi intercambiados: dΓ_f lleva c_prev y dΓ_u lleva c̃",
                    "en": "dWf and dWi swapped: dΓ_f takes c_prev and dΓ_u takes c̃"},
    "bwd_dcprev_ot": {"es": "dc_prev se multiplica por Γ_o; solo lleva Γ_f: dc_prev = dc·Γ_f",
                      "en": "dc_prev is multiplied by Γ_o; it only takes Γ_f: dc_prev = dc·Γ_f"},
    "bwd_no_sigmoid_deriv": {"es": "falta la derivada de la sigmoide Γ(1 − Γ) en las "
                                   "compuertas",
                             "en": "the sigmoid's derivative Γ(1 − Γ) is missing in the "
                                   "gates"},
    "bwd_dot_no_tanh": {"es": "dΓ_o usa c_next; debe usar tanh(c_next)",
                        "en": "dΓ_o uses c_next; it must use tanh(c_next)"},
    "bwd_dcprev_no_ft": {"es": "a dc_prev le falta el factor Γ_f: dc_prev = dc·Γ_f",
                         "en": "dc_prev lacks the factor Γ_f: dc_prev = dc·Γ_f"},
    "bwd_dcprev_no_da": {"es": "dc_prev olvida el camino por a: dc_prev = (dc_next + "
                               "da_next·Γ_o·(1 − tanh²(c_next)))·Γ_f",
                         "en": "dc_prev forgets the path through a: dc_prev = (dc_next + "
                               "da_next·Γ_o·(1 − tanh²(c_next)))·Γ_f"},
    "bwd_dft_cnext": {"es": "dΓ_f usa c_next; debe usar c_prev (c = Γ_f·c_prev + …)",
                      "en": "dΓ_f uses c_next; it must use c_prev (c = Γ_f·c_prev + …)"},
    "bwd_swap_u_c": {"es": "dΓ_u y dc̃ intercambian sus factores: dΓ_u lleva c̃ y dc̃ lleva Γ_u",
                     "en": "dΓ_u and dc̃ swap their factors: dΓ_u takes c̃ and dc̃ takes Γ_u"},
    "bwd_db_no_keepdims": {"es": "falta keepdims=True al sumar los sesgos: db tiene forma "
                                 "(n_a, 1)",
                           "en": "keepdims=True is missing when summing the biases: db has "
                                 "shape (n_a, 1)"},
    "bwd_db_no_sum": {"es": "los gradientes de los sesgos no se suman sobre el lote (axis=1)",
                      "en": "the bias gradients are not summed over the batch (axis=1)"},
    "bwd_split": {"es": "d concat se parte al revés: las primeras n_a filas son da_prev y "
                        "las últimas n_x son dxt",
                  "en": "d concat is split the wrong way: the first n_a rows are da_prev and "
                        "the last n_x are dxt"},
    "bwd_dW_T": {"es": "dW está traspuesto: dW = dz·concatᵀ, de forma (n_a, n_a + n_x)",
                 "en": "dW is transposed: dW = dz·concatᵀ, of shape (n_a, n_a + n_x)"},
    "bwd_sign": {"es": "todos los gradientes tienen el signo cambiado",
                 "en": "every gradient has the opposite sign"},
    # lstm_backward
    "bptt_stops_at_1": {"es": "el bucle hacia atrás no llega a t = 0 (range(T_x - 1, 0, -1) "
                              "se detiene en 1): usa reversed(range(T_x))",
                        "en": "the backward loop never reaches t = 0 (range(T_x - 1, 0, -1) stops "
                              "at 1): use reversed(range(T_x))"},
    "bptt_no_da_prev": {"es": "no se suma el gradiente que llega del paso siguiente: la celda "
                              "recibe da[:, :, t] + da_prev",
                        "en": "the gradient from the next step is not added: the cell gets "
                              "da[:, :, t] + da_prev"},
    "bptt_no_da_t": {"es": "falta el gradiente de la predicción del paso t: la celda recibe "
                           "da[:, :, t] + da_prev",
                     "en": "the gradient of the prediction at step t is missing: the cell "
                           "gets da[:, :, t] + da_prev"},
    "bptt_no_dc": {"es": "dc_prev no se pasa al paso anterior (el estado no se arrastra hacia "
                         "atrás)",
                   "en": "dc_prev is not passed to the previous step (the state is not "
                         "carried backwards)"},
    "bptt_forward_order": {"es": "el bucle va hacia delante; BPTT va de t = T_x − 1 a 0 "
                                 "(reversed)",
                           "en": "the loop runs forwards; BPTT goes from t = T_x − 1 down to "
                                 "0 (reversed)"},
    "bptt_overwrite": {"es": "los gradientes de los pesos se sobrescriben (=) en vez de "
                             "sumarse (+=) en cada paso",
                       "en": "the weight gradients are overwritten (=) instead of summed (+=) "
                             "at every step"},
    "bptt_mean_time": {"es": "los gradientes de los pesos se promedian sobre el tiempo; se "
                             "suman",
                       "en": "the weight gradients are averaged over time; they are summed"},
    "bptt_da0_zero": {"es": "da0 se queda en ceros: es el da_prev del primer paso",
                      "en": "da0 stays at zeros: it is the da_prev of the first step"},
    "bptt_dx_zero": {"es": "dx se queda en ceros: guarda el dxt de cada paso en dx[:, :, t]",
                     "en": "dx stays at zeros: store each step's dxt in dx[:, :, t]"},
    # clip
    "clip_upper": {"es": "solo se recorta por arriba; también hay que recortar por debajo "
                         "de −maxValue",
                   "en": "only the upper bound is applied; clip below −maxValue too"},
    "clip_lower": {"es": "solo se recorta por debajo; también hay que recortar por encima "
                         "de maxValue",
                   "en": "only the lower bound is applied; clip above maxValue too"},
    "clip_zero": {"es": "el límite inferior es 0; debe ser −maxValue",
                  "en": "the lower bound is 0; it must be −maxValue"},
    "clip_norm": {"es": "se reescala por la norma; aquí se recorta cada elemento a "
                        "[−maxValue, maxValue]",
                  "en": "rescaled by the norm; here each entry is clipped to [−maxValue, "
                        "maxValue]"},
    "clip_lost": {"es": "el resultado recortado se pierde (se asigna a la variable del bucle); "
                        "usa out=gradient o guarda en gradients[key]",
                  "en": "the clipped result is lost (assigned to the loop variable); use "
                        "out=gradient or store it in gradients[key]"},
    "clip_swapped": {"es": "límites intercambiados: np.clip(g, −maxValue, maxValue)",
                     "en": "bounds swapped: np.clip(g, −maxValue, maxValue)"},
    "clip_fixed": {"es": "el umbral no sigue a maxValue: se recorta a ±{bound} (¿un número "
                         "fijo?)",
                   "en": "the threshold does not follow maxValue: it clips at ±{bound} (a fixed "
                         "number?)"},
    "clip_some": {"es": "no se recortan todas las claves: falta {keys}",
                  "en": "not every key is clipped: {keys} is left out"},
    # Adam
    "adam_no_correction": {"es": "falta la corrección de sesgo: v̂ = v / (1 − β1^t), "
                                 "ŝ = s / (1 − β2^t)",
                           "en": "bias correction is missing: v̂ = v / (1 − β1^t), "
                                 "ŝ = s / (1 − β2^t)"},
    "adam_t1": {"es": "t se reinicia: la corrección usa t = 1 en vez del t recibido",
                "en": "t is restarted: the correction uses t = 1 instead of the t given"},
    "adam_t_plus": {"es": "t desplazado en uno: la corrección usa t + 1",
                    "en": "t off by one: the correction uses t + 1"},
    "adam_beta_t": {"es": "1 − β·t en vez de 1 − β^t (np.power(beta, t))",
                    "en": "1 − β·t instead of 1 − β^t (np.power(beta, t))"},
    "adam_no_square": {"es": "s usa el gradiente sin elevar al cuadrado: s = β2·s + (1 − β2)·g²",
                       "en": "s uses the gradient, not its square: s = β2·s + (1 − β2)·g²"},
    "adam_factors": {"es": "β y 1 − β intercambiados: v = β1·v + (1 − β1)·g",
                     "en": "β and 1 − β swapped: v = β1·v + (1 − β1)·g"},
    "adam_betas": {"es": "β1 y β2 intercambiados (β1 = 0.9 es de v, β2 = 0.999 es de s)",
                   "en": "β1 and β2 swapped (β1 = 0.9 is v's, β2 = 0.999 is s's)"},
    "adam_sign": {"es": "el paso tiene el signo cambiado: θ = θ − α·v̂ / (√ŝ + ε)",
                  "en": "the step has the wrong sign: θ = θ − α·v̂ / (√ŝ + ε)"},
    "adam_no_sqrt": {"es": "falta la raíz cuadrada: θ = θ − α·v̂ / (√ŝ + ε)",
                     "en": "the square root is missing: θ = θ − α·v̂ / (√ŝ + ε)"},
    "adam_eps_sqrt": {"es": "ε dentro de la raíz: θ = θ − α·v̂ / (√ŝ + ε), no √(ŝ + ε)",
                      "en": "ε inside the square root: θ = θ − α·v̂ / (√ŝ + ε), not √(ŝ + ε)"},
    "adam_t_minus": {"es": "t − 1 en la corrección de sesgo: v̂ = v / (1 − β1^t) con el t "
                           "recibido (con t = 1 daría una división entre 0)",
                     "en": "t − 1 in the bias correction: v̂ = v / (1 − β1^t) with the t given "
                           "(with t = 1 it divides by 0)"},
    "adam_store_corrected": {"es": "se guardan v̂ y ŝ corregidos en v y s; v y s guardan las "
                                   "medias sin corregir",
                             "en": "the corrected v̂ and ŝ are stored in v and s; v and s keep "
                                   "the uncorrected averages"},
    "adam_lr": {"es": "se ignora learning_rate (se usa un valor fijo)",
                "en": "learning_rate is ignored (a fixed value is used)"},
    "adam_eps_fixed": {"es": "se ignora epsilon (se usa un valor fijo)",
                       "en": "epsilon is ignored (a fixed value is used)"},
    "adam_hyper": {"es": "se ignoran beta1 o beta2 (se usan valores fijos)",
                   "en": "beta1 or beta2 is ignored (fixed values are used)"},
    # training_step
    "step_clip_fixed": {"es": "el recorte no usa clip_value (¿un umbral fijo?)",
                        "en": "the clipping ignores clip_value (a fixed threshold?)"},
    "step_lr_fixed": {"es": "Adam no usa learning_rate (¿un valor fijo?)",
                      "en": "Adam ignores learning_rate (a fixed value?)"},
    "step_no_clip": {"es": "los gradientes no se recortan (o se recortan después de "
                           "actualizar)",
                     "en": "the gradients are not clipped (or clipped after the update)"},
    "step_clip_before_dWy": {"es": "se recorta antes de añadir dWy y dby: recorta el "
                                   "diccionario completo, con dWy y dby dentro",
                             "en": "clipped before dWy and dby are added: clip the whole "
                                   "dict, dWy and dby included"},
    "step_sum_grads": {"es": "los gradientes son los de la suma: dz = (ŷ − y) / (m·T_x) "
                             "porque la pérdida es la media",
                       "en": "these are the gradients of the sum: dz = (ŷ − y) / (m·T_x) "
                             "because the loss is the mean"},
    "step_loss_after": {"es": "la pérdida se calcula después de actualizar los parámetros",
                        "en": "the loss is computed after the parameters are updated"},
    "step_no_minus_one": {"es": "falta restar 1 en el carácter correcto: dz = ŷ − onehot(Y)",
                          "en": "the 1 at the right character is not subtracted: dz = ŷ − "
                                "onehot(Y)"},
    "step_no_output_grads": {"es": "faltan dWy y dby: la capa de salida no aprende",
                             "en": "dWy and dby are missing: the output layer does not learn"},
    "step_da_zero": {"es": "lstm_backward recibe ceros (como el cálculo desperdiciado del "
                           "cuaderno original); debe recibir da = Wyᵀ·dz",
                     "en": "lstm_backward gets zeros (like the original notebook's wasted "
                           "pass); it must get da = Wyᵀ·dz"},
    "step_t1": {"es": "t se reinicia a 1 en cada paso; usa el t recibido",
                "en": "t is restarted at 1 at every step; use the t given"},
    "step_loss_sum": {"es": "la pérdida devuelta es la suma; debe ser la media por carácter",
                      "en": "the loss returned is the sum; it must be the mean per "
                            "character"},
    # sample_top_k
    "smp_temp_after": {"es": "la temperatura se aplica después de la softmax (dividir "
                             "probabilidades entre T y renormalizar no cambia nada): "
                             "p = softmax(log(y) / T)",
                       "en": "the temperature is applied after the softmax (dividing "
                             "probabilities by T and renormalising changes nothing): "
                             "p = softmax(log(y) / T)"},
    "smp_temp_first_only": {"es": "la temperatura solo se aplica al primer carácter; "
                                  "después se sortea con T = 1",
                            "en": "the temperature is only applied to the first character; "
                                  "after it, the draws use T = 1"},
    "smp_temp_on_probs": {"es": "la temperatura divide las probabilidades y, no sus "
                                "logaritmos: p = softmax(log(y) / T), no softmax(y / T)",
                          "en": "the temperature divides the probabilities y, not their "
                                "logarithms: p = softmax(log(y) / T), not softmax(y / T)"},
    "smp_greedy": {"es": "siempre toma el carácter más probable (argmax): debe sortear con "
                         "rng.choice entre los k más probables",
                   "en": "it always takes the most likely character (argmax): it must draw with "
                         "rng.choice among the k most likely"},
    "smp_temp_times": {"es": "se multiplica por la temperatura; hay que dividir: log(y) / T",
                       "en": "multiplied by the temperature; divide instead: log(y) / T"},
    "smp_k_plus": {"es": "k + 1 candidatos: np.argsort(p)[-k:] da exactamente k",
                   "en": "k + 1 candidates: np.argsort(p)[-k:] gives exactly k"},
    "smp_k_minus": {"es": "k − 1 candidatos: np.argsort(p)[-k:] da exactamente k",
                    "en": "k − 1 candidates: np.argsort(p)[-k:] gives exactly k"},
    "smp_bottom_k": {"es": "se toman los k menos probables: np.argsort ordena de menor a "
                           "mayor, los k más probables son [-k:]",
                     "en": "the k least likely are taken: np.argsort sorts from small to "
                           "large, the k most likely are [-k:]"},
    "smp_no_top_k": {"es": "se ignora k: se sortea entre todos los caracteres",
                     "en": "k is ignored: the draw is among all characters"},
    "smp_uniform": {"es": "no se pasan las probabilidades (p=...) a rng.choice: sorteo "
                          "uniforme entre los k",
                    "en": "the probabilities (p=...) are not passed to rng.choice: a uniform "
                          "draw among the k"},
    "smp_not_renormalised": {"es": "las k probabilidades no se renormalizan (suman {total}, "
                                   "no 1)",
                             "en": "the k probabilities are not renormalised (they sum to "
                                   "{total}, not 1)"},
    "smp_prime_ignored": {"es": "se ignora el texto de inicio (seed): la red lee primero cada "
                                "uno de sus caracteres",
                          "en": "the priming text (seed) is ignored: the network first reads "
                                "each of its characters"},
    "smp_prime_last": {"es": "la red solo lee el último carácter del texto de inicio; debe leer "
                             "todos, del primero al último (for ch in seed)",
                       "en": "the network reads only the last character of the priming text; "
                             "it must read them all, first to last (for ch in seed)"},
    "smp_prime_as_space": {"es": "el texto de inicio se busca como un solo carácter y, al no "
                                 "estar, se cambia por un espacio (como en el cuaderno "
                                 "original); léelo carácter a carácter: for ch in seed",
                           "en": "the priming text is looked up as one character and, not being "
                                 "there, replaced with a space (as in the original notebook); "
                                 "read it character by character: for ch in seed"},
    "smp_state_not_carried": {"es": "el estado (a, c) no pasa de un paso al siguiente",
                              "en": "the state (a, c) is not carried from step to step"},
    "smp_c_not_carried": {"es": "c no pasa de un paso al siguiente (solo a)",
                          "en": "c is not carried from step to step (only a is)"},
    "smp_not_fed_back": {"es": "el carácter elegido no se usa como siguiente entrada x",
                         "en": "the chosen character is not fed back as the next input x"},
    "smp_x_not_reset": {"es": "x no se pone a cero antes del nuevo one-hot: se acumulan unos",
                        "en": "x is not reset to zeros before the new one-hot: ones pile up"},
    "smp_no_rng": {"es": "no usa el rng recibido (¿np.random.choice global?); sortea con "
                         "rng.choice(candidatos, p=probs)",
                   "en": "it does not use the rng it is given (global np.random.choice?); "
                         "draw with rng.choice(candidates, p=probs)"},
    "smp_other_rng": {"es": "usa rng.{attr}; el contrato es una llamada rng.choice(candidatos, "
                            "p=probs) por carácter",
                      "en": "it uses rng.{attr}; the contract is one call rng.choice("
                            "candidates, p=probs) per character"},
    "smp_length": {"es": "se ignora length (siempre 300 caracteres)",
                   "en": "length is ignored (always 300 characters)"},
    "smp_order": {"es": "los candidatos van en otro orden: pásalos como np.argsort(p)[-k:] "
                        "(de menos a más probable), una llamada rng.choice por carácter",
                  "en": "the candidates are in another order: pass them as np.argsort(p)[-k:] "
                        "(least to most likely), one rng.choice call per character"},
}

PIECES = {
    "output": {"es": "la salida", "en": "the output"},
    "gradients": {"es": "el diccionario de gradientes", "en": "the dict of gradients"},
    "loss": {"es": "la pérdida", "en": "the loss"},
}

WHAT = {
    "array": {"es": "un arreglo", "en": "an array"},
    "a_c_y_cache": {"es": "a_next, c_next, yt_pred, cache", "en": "a_next, c_next, yt_pred, "
                                                                  "cache"},
    "a_y_c_caches": {"es": "a, y, c, caches", "en": "a, y, c, caches"},
    "number": {"es": "un número", "en": "a number"},
    "grads": {"es": "los gradientes", "en": "the gradients"},
    "p_v_s": {"es": "parameters, v, s", "en": "parameters, v, s"},
    "l_p_v_s": {"es": "loss, parameters, v, s", "en": "loss, parameters, v, s"},
    "indices": {"es": "una lista de índices", "en": "a list of indices"},
}


def say(message, lang, /, **fields):
    """The verdict line MESSAGES[message] in `lang`, its fields filled (a field may be
    called "key" or "lang": the first two arguments are positional only)."""
    return MESSAGES[message][lang].format(**fields)


def word(table, key, lang):
    """table[key] in `lang`; a key that is not in the table is its own text."""
    return table[key][lang] if key in table else key

