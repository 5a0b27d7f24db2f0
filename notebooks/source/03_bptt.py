"""Lesson 03: backpropagation II, through time (BPTT) and the gradient check.

`lstm_backward` (the student writes it), `loss_and_gradients` (one backward pass, not two as
in the original), the numerical gradient check printed against its tolerance (so that
round-off, which differs between CPUs, never shows in a compared output), what a wrong
gradient looks like, and how the gradient fades as it flows back in time.
"""
from tools.nbsource import after_class, blank, code, guide, md, notes, settings, slide

CELLS = [
    # ------------------------------------------------------------------------------------
    # Title, where we are
    # ------------------------------------------------------------------------------------
    md(es=r"""
# 03 · Retropropagación II: en el tiempo (BPTT) y la comprobación del gradiente

**Dónde estamos.** En la lección 02 obtuvimos la pérdida media por carácter, el gradiente de
la capa de salida, $da^{\langle t \rangle} = W_y^T dz^{\langle t \rangle}$, y los
gradientes de **una** celda, `lstm_cell_backward`. Ahora encadenamos las celdas hacia atrás
a lo largo de toda la ventana, comprobamos numéricamente que el gradiente está bien y
miramos cómo se debilita al viajar hacia atrás en el tiempo. La lección 04 usará estos
gradientes para actualizar los pesos con Adam.

**Qué haremos**

1. Retropropagación a través del tiempo (BPTT).
2. La comprobación numérica del gradiente, y cómo se ve un gradiente equivocado.
3. Cómo cambia el tamaño del gradiente al viajar hacia atrás en el tiempo.
""", en=r"""
# 03 · Backpropagation II: through time (BPTT) and the gradient check

**Where we are.** In lesson 02 we obtained the mean loss per character, the gradient of the
output layer, $da^{\langle t \rangle} = W_y^T dz^{\langle t \rangle}$, and the gradients of
**one** cell, `lstm_cell_backward`. Now we chain the cells backwards along the whole window,
check numerically that the gradient is right, and watch how it weakens as it travels back
in time. Lesson 04 will use these gradients to update the weights with Adam.

**What we will do**

1. Backpropagation through time (BPTT).
2. The numerical gradient check, and what a wrong gradient looks like.
3. How the size of the gradient changes as it travels back in time.
"""),
    slide(es=r"""
# 03 · Retropropagación II: en el tiempo (BPTT) y la comprobación del gradiente

- **Dónde estamos:** una celda hacia atrás (02): entran $da_{\text{next}}$, $dc_{\text{next}}$;
  salen $da_{\text{prev}}$, $dc_{\text{prev}}$, $dx$ y los $dW$
- Hoy: 1 · encadenar las celdas · 2 · comprobar el gradiente · 3 · cómo se debilita hacia atrás
- La 04 usa estos gradientes para mover los pesos
""", en=r"""
# 03 · Backpropagation II: through time (BPTT) and the gradient check

- **Where we are:** one cell backward (02): $da_{\text{next}}$, $dc_{\text{next}}$ go in;
  $da_{\text{prev}}$, $dc_{\text{prev}}$, $dx$ and the $dW$'s come out
- Today: 1 · chain the cells · 2 · check the gradient · 3 · how it weakens going back
- Lesson 04 uses these gradients to move the weights
"""),
    notes(es="""
**3 min.** Recuerda en la pizarra la celda hacia atrás de la lección 02: entran
$da_{\\text{next}}$ y $dc_{\\text{next}}$, salen $da_{\\text{prev}}$, $dc_{\\text{prev}}$,
$dx$ y los gradientes de los pesos. Hoy se encadenan. Ejecuta la celda de preparación: la
red preentrenada (lección 06) y el mismo lote de dos ventanas que en la lección 02.
""", en="""
**3 min.** Recall lesson 02's cell backward on the board: $da_{\\text{next}}$ and
$dc_{\\text{next}}$ go in, $da_{\\text{prev}}$, $dc_{\\text{prev}}$, $dx$ and the weight
gradients come out. Today they are chained. Run the set-up cell: the pretrained network
(lesson 06) and the same batch of two windows as in lesson 02.
"""),
    settings(),
    code(r"""
import numpy as np

from lstm_np import (PARAMETER_NAMES, Vocabulary, compute_loss, gradient_check,
                     initialize_parameters, loss_and_gradients, lstm_backward,
                     lstm_cell_backward, lstm_forward, one_hot, output_layer_backward,
                     relative_error)
from lstm_np.lessons import plots
from lstm_np.lessons.analysis import gate_activations, gradient_flow
from lstm_np.storage.checkpoint import load_pretrained
from lstm_np.storage.corpus import load_corpus
from lstm_np.i18n import tr
from lstm_np.lessons.notebook import show_source

#[es] el libro limpio, en minúsculas
#[en] the cleaned book, lower-case
text = load_corpus(CORPUS)
#[es] una red ya entrenada con este texto (lección 06)
#[en] a network already trained on this text (lesson 06)
model = load_pretrained(LANG)
vocab = model.vocab
parameters = {name: model.parameters[name].astype(np.float64) for name in PARAMETER_NAMES}
n_a, n_y = parameters["Wf"].shape[0], vocab.size

def window(starts, T_x, vocab=vocab, text=text):
    #[es] una secuencia por inicio s: entradas text[s : s+T_x], objetivos text[s+1 : s+T_x+1]
    #[en] one sequence per start s: inputs text[s : s+T_x], targets text[s+1 : s+T_x+1]
    X = np.stack([vocab.encode(text[s:s + T_x]) for s in starts])           # (m, T_x)
    Y = np.stack([vocab.encode(text[s + 1:s + T_x + 1]) for s in starts])   # (m, T_x)
    return one_hot(X, vocab.size), Y                                        # (n_x, m, T_x)

#[es] el lote de la lección 02: m = 2, T_x = 12
#[en] lesson 02's batch: m = 2, T_x = 12
x, Y = window([0, 1000], 12)
n_x, m, T_x = x.shape
a0 = np.zeros((n_a, m))
a, y_hat, c, caches = lstm_forward(x, a0, parameters)
#[es] dWy, dby y da (n_a, m, T_x)
#[en] dWy, dby and da (n_a, m, T_x)
out = output_layer_backward(y_hat, Y, a, parameters)
print(f"n_x = n_y = {n_y}   n_a = {n_a}   x: {x.shape}   da: {out['da'].shape}")
""", slide="skip"),

    # ------------------------------------------------------------------------------------
    # 1. BPTT
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 1. Retropropagación a través del tiempo (BPTT)

![La red LSTM desplegada en el tiempo](../../img/lstm_unrolled_es.png)
""", en=r"""
## 1. Backpropagation through time (BPTT)

![The LSTM network unrolled in time](../../img/lstm_unrolled_en.png)
"""),
    md(es=r"""
En la red desplegada cada estado oculto $a^{\langle t \rangle}$ se usa **dos veces**: en su
propia predicción $\hat y^{\langle t \rangle}$ y, dentro de concat, en las compuertas del
paso $t+1$. Su gradiente suma las dos cosas, y la memoria $c^{\langle t \rangle}$ recibe el
$dc_{\text{prev}}$ del paso $t+1$:

$$\frac{\partial L}{\partial a^{\langle t \rangle}} =
\underbrace{W_y^T dz^{\langle t \rangle}}_{\text{su predicción}} +
\underbrace{da_{\text{prev}} \text{ del paso } t+1}_{\text{el futuro}} .$$
""", en=r"""
In the unrolled network every hidden state $a^{\langle t \rangle}$ is used **twice**: in its
own prediction $\hat y^{\langle t \rangle}$ and, inside concat, in the gates of step $t+1$.
Its gradient adds the two, and the memory $c^{\langle t \rangle}$ receives the
$dc_{\text{prev}}$ of step $t+1$:

$$\frac{\partial L}{\partial a^{\langle t \rangle}} =
\underbrace{W_y^T dz^{\langle t \rangle}}_{\text{its prediction}} +
\underbrace{da_{\text{prev}} \text{ from step } t+1}_{\text{the future}} .$$
""", slide="subslide"),
    slide(es=r"""
## 1. Retropropagación a través del tiempo (BPTT)

![La red LSTM desplegada en el tiempo](../../img/lstm_unrolled_es.png)

- Una sola celda, con los mismos pesos, repetida $T_x$ veces: ahora la recorremos hacia atrás
""", en=r"""
## 1. Backpropagation through time (BPTT)

![The LSTM network unrolled in time](../../img/lstm_unrolled_en.png)

- One cell, with the same weights, repeated $T_x$ times: now we walk it backwards
"""),
    slide(es=r"""
### Cada estado oculto se usa dos veces

- En su propia predicción $\hat y^{\langle t \rangle}$
- Y, dentro de concat, en las compuertas del paso $t+1$

$$\frac{\partial L}{\partial a^{\langle t \rangle}} =
\underbrace{W_y^T dz^{\langle t \rangle}}_{\text{su predicción}} +
\underbrace{da_{\text{prev}} \text{ del paso } t+1}_{\text{el futuro}}$$

- La memoria $c^{\langle t \rangle}$ recibe el $dc_{\text{prev}}$ del paso $t+1$
""", en=r"""
### Every hidden state is used twice

- In its own prediction $\hat y^{\langle t \rangle}$
- And, inside concat, in the gates of step $t+1$

$$\frac{\partial L}{\partial a^{\langle t \rangle}} =
\underbrace{W_y^T dz^{\langle t \rangle}}_{\text{its prediction}} +
\underbrace{da_{\text{prev}} \text{ from step } t+1}_{\text{the future}}$$

- The memory $c^{\langle t \rangle}$ receives the $dc_{\text{prev}}$ of step $t+1$
"""),
    md(es=r"""
### Hacia atrás, y sumando

Por eso el bucle va **hacia atrás**, de $t = T_x$ a $t = 1$: cada paso necesita lo que le
devuelve su futuro. `lstm_backward` es ese bucle, con `lstm_cell_backward` dentro.

Los pesos son **los mismos** en todos los pasos: la pérdida depende de $W_f$ por todos esos
caminos, y su gradiente es la suma de las contribuciones de cada paso:

$$\frac{\partial L}{\partial W_f} = \sum_{t=1}^{T_x} dW_f^{\langle t \rangle}
\qquad\text{(igual para los demás pesos y sesgos)}.$$

Al final quedan $da_0$ y $dc_0$, los gradientes respecto a los estados con los que empezó la
ventana. Al entrenar, el gradiente se detiene ahí (BPTT *truncada*): en la lección 06 cada
ventana empieza con el estado en que acabó la anterior, pero el gradiente nunca retrocede más
de $T_x$ pasos.
""", en=r"""
### Backwards, and adding up

That is why the loop runs **backwards**, from $t = T_x$ down to $t = 1$: each step needs
what its future hands back. `lstm_backward` is that loop, with `lstm_cell_backward` inside.

The weights are **the same** at every step: the loss depends on $W_f$ along all those paths,
and its gradient is the sum of the contributions of every step:

$$\frac{\partial L}{\partial W_f} = \sum_{t=1}^{T_x} dW_f^{\langle t \rangle}
\qquad\text{(the same for the other weights and biases)}.$$

What is left at the end is $da_0$ and $dc_0$, the gradients with respect to the states the
window started from. In training, the gradient stops there (*truncated* BPTT): in lesson 06
each window starts from the state the previous one ended in, but the gradient never travels
back more than $T_x$ steps.
"""),
    slide(es=r"""
### Hacia atrás, y sumando

- El bucle va de $t = T_x$ a $t = 1$: cada paso necesita lo que le devuelve su futuro
- Los pesos son **los mismos** en todos los pasos: sus gradientes se suman

$$\frac{\partial L}{\partial W_f} = \sum_{t=1}^{T_x} dW_f^{\langle t \rangle}$$

- Al final quedan $da_0$ y $dc_0$: el gradiente no retrocede más de $T_x$ pasos (BPTT truncada)
""", en=r"""
### Backwards, and adding up

- The loop runs from $t = T_x$ down to $t = 1$: each step needs what its future hands back
- The weights are **the same** at every step: their gradients add up

$$\frac{\partial L}{\partial W_f} = \sum_{t=1}^{T_x} dW_f^{\langle t \rangle}$$

- What is left is $da_0$ and $dc_0$: the gradient never goes back more than $T_x$ steps
  (truncated BPTT)
"""),
    slide(es=r"""
### `lstm_backward`: el corazón del bucle

- Tu turno: escribe `lstm_backward` (7 minutos)
""", en=r"""
### `lstm_backward`: the heart of the loop

- Your turn: write `lstm_backward` (7 minutes)
""", code="""
for t in reversed(range(T_x)):
    step = lstm_cell_backward(da[:, :, t] + da_prevt,
                              dc_prevt, cell_caches[t])
    da_prevt, dc_prevt = step["da_prev"], step["dc_prev"]
    dx[:, :, t] = step["dxt"]
    for key in gradients:
        gradients[key] += step[key]
"""),
    blank(doc_es=r'''
Retropropagación a través del tiempo: lstm_cell_backward de t = T_x a t = 1.

Parámetros
----------
da : array (n_a, m, T_x), dL/da<t> que viene de cada predicción
    (output_layer_backward(...)["da"]).
caches : la tupla (cachés, x) de lstm_forward: una lista de T_x cachés de celda
    y las entradas x (n_x, m, T_x).

Devuelve
--------
gradients : dict con
    dx (n_x, m, T_x), da0 (n_a, m), dc0 (n_a, m),
    dWf, dWi, dWc, dWo (n_a, n_a + n_x), dbf, dbi, dbc, dbo (n_a, 1).

Pistas: empieza con da_prevt = dc_prevt = ceros (n_a, m) y los gradientes de pesos
a cero; en cada paso t (reversed(range(T_x))) la celda recibe
da[:, :, t] + da_prevt y dc_prevt; guarda su dxt en dx[:, :, t] y SUMA sus dW y db.
Al final, da0 y dc0 son los últimos da_prevt y dc_prevt.
''', doc_en=r'''
Backpropagation through time: lstm_cell_backward from t = T_x down to t = 1.

Parameters
----------
da : array (n_a, m, T_x), dL/da<t> coming from each prediction
    (output_layer_backward(...)["da"]).
caches : the tuple (caches, x) from lstm_forward: a list of T_x cell caches and the
    inputs x (n_x, m, T_x).

Returns
-------
gradients : dict with
    dx (n_x, m, T_x), da0 (n_a, m), dc0 (n_a, m),
    dWf, dWi, dWc, dWo (n_a, n_a + n_x), dbf, dbi, dbc, dbo (n_a, 1).

Hints: start with da_prevt = dc_prevt = zeros (n_a, m) and the weight gradients at
zero; at each step t (reversed(range(T_x))) the cell receives da[:, :, t] + da_prevt
and dc_prevt; store its dxt in dx[:, :, t] and ADD its dW and db.
At the end, da0 and dc0 are the last da_prevt and dc_prevt.
''', code=r'''
def lstm_backward(da, caches):
    ### BEGIN SOLUTION
    cell_caches, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]

    dx = np.zeros((n_x, m, T_x))
    #[es] lo que el futuro devuelve a a<t>
    #[en] what the future hands back to a<t>
    da_prevt = np.zeros((n_a, m))
    #[es] y a c<t>; nada en el último paso
    #[en] and to c<t>; nothing at the last step
    dc_prevt = np.zeros((n_a, m))
    gradients = {}
    for key in ("dWf", "dWi", "dWc", "dWo"):
        gradients[key] = np.zeros((n_a, n_a + n_x))
    for key in ("dbf", "dbi", "dbc", "dbo"):
        gradients[key] = np.zeros((n_a, 1))

    #[es] de t = T_x a t = 1
    #[en] from t = T_x down to t = 1
    for t in reversed(range(T_x)):
        step = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, cell_caches[t])
        da_prevt, dc_prevt = step["da_prev"], step["dc_prev"]
        dx[:, :, t] = step["dxt"]
        #[es] los mismos pesos en cada paso: se suman
        #[en] the same weights at every step: add up
        for key in gradients:
            gradients[key] += step[key]

    gradients.update(dx=dx, da0=da_prevt, dc0=dc_prevt)
    return gradients
    ### END SOLUTION
'''),
    code(r"""
from lstm_np.exercises import use
#[es] globals().get da None si tu celda no llegó a definir la función (vacía, con un error)
#[en] globals().get gives None if your cell did not define the function (empty, or it failed)
lstm_backward = use("lstm_backward", globals().get("lstm_backward"), LANG)
""", only="student"),
    code(r"""
#[es] la función del paquete
#[en] the package's function
show_source(lstm_backward, LANG)
""", only="complete", slide="subslide"),
    md(es=r"""
> **Fe de erratas del cuaderno original.** Un paso hacia atrás desperdiciado. Su bucle de
> entrenamiento hacía
> `gradients = lstm_backward(np.zeros_like(a), caches)`, después calculaba el `da` de verdad y
> volvía a llamar a `lstm_backward(da, caches)`, sobrescribiendo el resultado. La primera
> llamada recorre los $T_x$ pasos con un gradiente de entrada nulo, así que todo lo que
> devuelve es cero: una pasada hacia atrás completa tirada en cada iteración.
""", en=r"""
> **Erratum of the original notebook.** A wasted backward pass. Its training loop did
> `gradients = lstm_backward(np.zeros_like(a), caches)`, then computed the real `da` and
> called `lstm_backward(da, caches)` again, overwriting the result. The first call walks
> through all $T_x$ steps with a zero incoming gradient, so everything it returns is zero: a
> whole backward pass thrown away at every iteration.
""", slide="subslide"),
    code(r"""
#[es] la de verdad
#[en] the real one
grads = lstm_backward(out["da"], caches)
#[es] la que el original calculaba primero
#[en] what the original computed first
wasted = lstm_backward(np.zeros_like(a), caches)
print("max |lstm_backward(np.zeros_like(a), caches)| =",
      max(float(np.abs(g).max()) for g in wasted.values()))
""", mark="wasted"),
    slide(es=r"""
### Fe de erratas del original: una pasada tirada

- Su bucle llamaba primero a `lstm_backward(np.zeros_like(a), caches)`
- Con un gradiente de entrada nulo, todo lo que devuelve es cero:
- Una pasada hacia atrás completa tirada en cada iteración; `loss_and_gradients` hace **una sola**
""", en=r"""
### Erratum of the original: a pass thrown away

- Its loop first called `lstm_backward(np.zeros_like(a), caches)`
- With a zero incoming gradient, everything it returns is zero:
- A whole backward pass thrown away at every iteration; `loss_and_gradients` does **just one**
""", show="wasted"),
    md(es=r"""
`loss_and_gradients` junta lo que necesita un paso de entrenamiento: propagación hacia
delante, pérdida, capa de salida y **una sola** retropropagación.
""", en=r"""
`loss_and_gradients` puts together what one training step needs: forward pass, loss, output
layer and **a single** backward pass.
""", slide="subslide"),
    code(r"""
show_source(loss_and_gradients, LANG)
"""),
    code(r"""
loss_lg, gradients, _, _ = loss_and_gradients(x, Y, a0, parameters)
same = all(np.allclose(gradients[key], grads[key], rtol=1e-9, atol=1e-15) for key in grads)
print(f"loss_and_gradients: L = {loss_lg:.4f}   compute_loss: L = {compute_loss(y_hat, Y):.4f}")
print(f"{tr('bw_same_gradients', LANG)}: {same}")
print()
print(f"{tr('bw_parameter', LANG):<10} {tr('bw_shape', LANG):<12} ‖dθ‖")
for name in PARAMETER_NAMES:
    g = gradients["d" + name]
    print(f"{'d' + name:<10} {str(g.shape):<12} {np.linalg.norm(g):.4f}")
""", slide="subslide"),
    notes(es="""
**15 min.** Dibuja la red desplegada con tres pasos y marca con dos colores los dos caminos que
llegan a $a^{\\langle 2 \\rangle}$. Ejecuta en vivo el paso desperdiciado: el máximo sale 0.
Da 7 minutos para el hueco `lstm_backward` (un bucle hacia atrás sobre la celda).

- *¿Por qué el bucle va hacia atrás?* El gradiente de $a^{\\langle t \\rangle}$ necesita el
  $da_{\\text{prev}}$ del paso $t+1$.
- *¿Por qué se **suman** los $dW_f$ de cada paso?* Es el mismo $W_f$ usado $T_x$ veces: una
  variable usada varias veces suma sus gradientes.
- *¿Qué es `dc0` y por qué no se usa al entrenar?* El gradiente respecto a $c^{\\langle 0
  \\rangle}$; la BPTT truncada no lo pasa a la ventana anterior.

Errores habituales: pasar a la celda solo `da[:, :, t]` y olvidar `da_prevt` (el gradiente
del futuro); asignar (`=`) los gradientes de los pesos en lugar de sumarlos; recorrer los
pasos hacia delante; devolver `da_prevt` antes de la última celda.
""", en="""
**15 min.** Draw the unrolled network with three steps and mark in two colours the two
paths reaching $a^{\\langle 2 \\rangle}$. Run the wasted pass live: the maximum comes out
0. Give 7 minutes for the `lstm_backward` blank (a backward loop over the cell).

- *Why does the loop run backwards?* The gradient of $a^{\\langle t \\rangle}$ needs
  $da_{\\text{prev}}$ from step $t+1$.
- *Why are the per-step $dW_f$ **added**?* It is the same $W_f$ used $T_x$ times: a variable
  used several times adds up its gradients.
- *What is `dc0` and why is it not used in training?* The gradient with respect to
  $c^{\\langle 0 \\rangle}$; truncated BPTT does not pass it on to the previous window.

Usual mistakes: giving the cell only `da[:, :, t]` and forgetting `da_prevt` (the gradient
from the future); assigning (`=`) the weight gradients instead of adding them; walking the
steps forwards; returning `da_prevt` before the last cell.
"""),

    # ------------------------------------------------------------------------------------
    # 2. Gradient check
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 2. Comprobación numérica del gradiente

Hemos derivado a mano muchas fórmulas, y un signo o un factor olvidado no daría ningún
error: la red entrenaría peor, en silencio. Para saber que el gradiente está bien lo
comparamos con la derivada como límite, que no depende de ninguna de esas fórmulas: movemos
un solo parámetro $\theta$ un poco hacia cada lado y medimos cuánto cambia la pérdida,
calculada solo con la propagación hacia delante:

$$\frac{\partial L}{\partial \theta} \approx
\frac{L(\theta + \varepsilon) - L(\theta - \varepsilon)}{2\varepsilon}.$$
""", en=r"""
## 2. Numerical gradient check

We derived many formulas by hand, and a wrong sign or a forgotten factor would raise no
error: the network would just train worse, silently. To know the gradient is right we
compare it with the derivative as a limit, which depends on none of those formulas: we
nudge a single parameter $\theta$ a little each way and measure how much the loss, computed
with the forward pass alone, changes:

$$\frac{\partial L}{\partial \theta} \approx
\frac{L(\theta + \varepsilon) - L(\theta - \varepsilon)}{2\varepsilon}.$$
"""),
    slide(es=r"""
## 2. Comprobación numérica del gradiente

- Un signo o un factor olvidado no da ningún error: la red entrena peor, en silencio
- Comparamos con la derivada como límite, solo con pasadas hacia delante:

$$\frac{\partial L}{\partial \theta} \approx
\frac{L(\theta + \varepsilon) - L(\theta - \varepsilon)}{2\varepsilon}$$
""", en=r"""
## 2. Numerical gradient check

- A wrong sign or a forgotten factor raises no error: the network trains worse, silently
- We compare with the derivative as a limit, from forward passes only:

$$\frac{\partial L}{\partial \theta} \approx
\frac{L(\theta + \varepsilon) - L(\theta - \varepsilon)}{2\varepsilon}$$
"""),
    md(es=r"""
### Cómo se compara

Para cada array de parámetros calculamos el **error relativo** entre el gradiente numérico
y el de la retropropagación,

$$\text{error} = \frac{\lVert g_{\text{num}} - g_{\text{retro}} \rVert}
{\lVert g_{\text{num}} \rVert + \lVert g_{\text{retro}} \rVert},$$

que no depende de la escala del gradiente: 0 si coinciden, 1 si tienen signos opuestos. El
redondeo deja valores del orden de $10^{-8}$ o menores, cuyas cifras cambian de una CPU a otra;
un error real en las fórmulas da $10^{-3}$ o más. Por eso las tablas dicen si cada error
queda por debajo del umbral $10^{-7}$ («< 1e-7 ✓») y solo muestran el valor cuando lo
supera. Además de los diez parámetros se comprueban $dx$ y $da_0$: prueban que
$d\,\text{concat}$ se parte bien entre $da_{\text{prev}}$ y $dx$.
""", en=r"""
### How we compare

For each parameter array we compute the **relative error** between the numerical gradient
and backprop's,

$$\text{error} = \frac{\lVert g_{\text{num}} - g_{\text{backprop}} \rVert}
{\lVert g_{\text{num}} \rVert + \lVert g_{\text{backprop}} \rVert},$$

which does not depend on the scale of the gradient: 0 when they agree, 1 when they have
opposite signs. Rounding leaves values around $10^{-8}$ or below, whose digits change from
one CPU to another; a real mistake in the formulas gives $10^{-3}$ or more. That is why the
tables say whether each error is below the threshold $10^{-7}$ ("< 1e-7 ✓") and only show
the value when it is above. Besides the ten parameters, $dx$ and $da_0$ are checked: they
test that $d\,\text{concat}$ is split correctly into $da_{\text{prev}}$ and $dx$.
"""),
    slide(es=r"""
### Cómo se compara

$$\text{error} = \frac{\lVert g_{\text{num}} - g_{\text{retro}} \rVert}
{\lVert g_{\text{num}} \rVert + \lVert g_{\text{retro}} \rVert}$$

- Sin escala: 0 si coinciden, 1 si tienen signos opuestos
- Redondeo: $10^{-8}$ o menos, y sus cifras cambian de una CPU a otra
- Un error en las fórmulas: $10^{-3}$ o más
- Umbral $10^{-7}$: las tablas dicen «< 1e-7 ✓» o el valor
""", en=r"""
### How we compare

$$\text{error} = \frac{\lVert g_{\text{num}} - g_{\text{backprop}} \rVert}
{\lVert g_{\text{num}} \rVert + \lVert g_{\text{backprop}} \rVert}$$

- No scale: 0 when they agree, 1 when they have opposite signs
- Rounding: $10^{-8}$ or below, and its digits change from one CPU to another
- A mistake in the formulas: $10^{-3}$ or more
- Threshold $10^{-7}$: the tables say "< 1e-7 ✓" or the value
"""),
    code(r"""
TOL = 1e-7

def verdict(err):
    #[es] por debajo del umbral, solo «< 1e-7 ✓»: esas cifras son redondeo y cambian con la CPU
    #[en] below the threshold, only "< 1e-7 ✓": those digits are rounding and change with the CPU
    return "< 1e-7  ✓" if err < TOL else f"{err:.1e}  ✗"

def print_errors(errors):
    print(f"{tr('bw_parameter', LANG):<10} | {tr('bw_relative_error', LANG)}")
    for name, err in errors.items():
        print(f"{name:<10} | {verdict(err)}")
    bad = sum(err >= TOL for err in errors.values())
    print(tr("bw_all_pass" if bad == 0 else "bw_some_fail", LANG)
          .format(n=len(errors), bad=bad, tol="1e-7"))
""", slide="subslide"),
    md(es=r"""
**Una muestra, en la red de verdad.** En la red preentrenada ($n_a = 100$), sobre una ventana
real de $T_x = 25$ caracteres, comprobamos 20 entradas al azar de cada array
(`num_checks=20`, con semilla fija para que sean siempre las mismas).
""", en=r"""
**A sample, on the real network.** On the pretrained network ($n_a = 100$), over a real
window of $T_x = 25$ characters, we check 20 random entries of each array (`num_checks=20`,
with a fixed seed so that they are always the same ones).
""", slide="subslide"),
    code(r"""
#[es] la ventana con la que se entrenó
#[en] the window it was trained on
T_r = model.hyperparameters["seq_length"]
x_r, Y_r = window([0], T_r)
print(repr(text[:T_r + 1]), f"  x: {x_r.shape}")
print()
print_errors(gradient_check(parameters, x_r, Y_r, np.zeros((n_a, 1)), num_checks=20, rng=0))
"""),
    md(es=r"""
**Una red pequeña.** Para ver fallar la comprobación, y para comprobar *todas* las entradas
después de clase, usamos una red pequeña: $n_a = 8$, el vocabulario de los primeros 40
caracteres del libro, $m = 2$ secuencias de $T_x = 6$, recién inicializada, con un estado
inicial $a_0$ al azar para que también $da_0$ se ponga a prueba.
""", en=r"""
**A small network.** To see the check fail, and to check *every* entry after class, we use a
small network: $n_a = 8$, the vocabulary of the first 40 characters of the book, $m = 2$
sequences of $T_x = 6$, freshly initialised, with a random initial state $a_0$ so that $da_0$
is put to the test too.
""", slide="subslide"),
    code(r"""
snippet = text[:40]
small_vocab = Vocabulary.from_text(snippet)
x_s, Y_s = window([0, 20], 6, small_vocab, snippet)          # m = 2, T_x = 6
rng = np.random.default_rng(0)
small = initialize_parameters(8, small_vocab.size, small_vocab.size, rng=rng)
a0_s = 0.5 * rng.standard_normal((8, 2))
print(repr(snippet), f"  n_x = n_y = {small_vocab.size}   n_a = 8   x: {x_s.shape}")
"""),
    md(es=r"""
### Cómo se ve un error

Una comprobación que siempre pasa no demuestra nada: veamos que falla cuando debe. La celda
siguiente calcula el gradiente numérico de $W_f$ y de $b_o$ de la red pequeña, entrada por
entrada, con la fórmula centrada escrita tal cual, y lo compara con cuatro versiones del
gradiente de la retropropagación:

- el correcto;
- el de $W_f$ con **una sola entrada** (la mayor) cambiada de signo, como un `+` que debía
  ser `-` en un solo lugar;
- el de $b_o$ multiplicado por 1.01, un error de apenas el 1 %;
- el de $W_f$ multiplicado por $m\,T_x$: el gradiente de la *suma* del original comparado con
  la pérdida *media*. La retropropagación y la pérdida deben hablar de la misma función.
""", en=r"""
### What a mistake looks like

A check that always passes proves nothing: let us see it fail when it should. The next cell
computes the numerical gradient of $W_f$ and $b_o$ of the small network, entry by entry,
with the central formula written out as it is, and compares it with four versions of
backprop's gradient:

- the correct one;
- that of $W_f$ with **a single entry** (the largest) with its sign flipped, like a `+` that
  should have been a `-` in one place;
- that of $b_o$ multiplied by 1.01, a mistake of just 1 %;
- that of $W_f$ multiplied by $m\,T_x$: the gradient of the original's *sum* compared with
  the *mean* loss. Backprop and the loss must be about the same function.
"""),
    code(r"""
_, grads_s, _, _ = loss_and_gradients(x_s, Y_s, a0_s, small)

def numeric_gradient(name, eps=1e-5):
    #[es] (L(θ + ε) - L(θ - ε)) / 2ε para cada entrada θ de small[name], solo hacia delante
    #[en] (L(θ + ε) - L(θ - ε)) / 2ε for every entry θ of small[name], forward passes only
    theta = small[name]
    numeric = np.zeros_like(theta)
    for index in np.ndindex(theta.shape):
        old = theta[index]
        theta[index] = old + eps
        plus = compute_loss(lstm_forward(x_s, a0_s, small)[1], Y_s)
        theta[index] = old - eps
        minus = compute_loss(lstm_forward(x_s, a0_s, small)[1], Y_s)
        #[es] devolver el parámetro
        #[en] put the parameter back
        theta[index] = old
        numeric[index] = (plus - minus) / (2 * eps)
    return numeric
""", slide="subslide"),
    code(r"""
num_dWf, num_dbo = numeric_gradient("Wf"), numeric_gradient("bo")

flipped = grads_s["dWf"].copy()
#[es] su mayor entrada
#[en] its largest entry
j = np.unravel_index(np.argmax(np.abs(flipped)), flipped.shape)
flipped[j] = -flipped[j]
m_s, T_s = Y_s.shape

cases = [("dWf", "bw_correct", num_dWf, grads_s["dWf"]),
         ("dWf", "bw_flipped", num_dWf, flipped),
         ("dWf", "bw_summed", num_dWf, grads_s["dWf"] * (m_s * T_s)),
         ("dbo", "bw_correct", num_dbo, grads_s["dbo"]),
         ("dbo", "bw_scaled", num_dbo, grads_s["dbo"] * 1.01)]
width = max(len(tr(key, LANG)) for _, key, _, _ in cases)
print(f"{tr('bw_gradient', LANG):<10} | {'':<{width}} | {tr('bw_relative_error', LANG)}")
for name, key, numeric, analytic in cases:
    print(f"{name:<10} | {tr(key, LANG):<{width}} | {verdict(relative_error(numeric, analytic))}")
""", mark="planted", slide="subslide"),
    slide(es=r"""
### Cómo se ve un error

Una comprobación que siempre pasa no demuestra nada. Errores provocados:

- una sola entrada de $dW_f$ con el signo cambiado
- $db_o$ multiplicado por 1.01, un error del 1 %
- $dW_f$ por $m\,T_x$: el gradiente de la **suma** contra la pérdida **media**
""", en=r"""
### What a mistake looks like

A check that always passes proves nothing. Planted mistakes:

- a single entry of $dW_f$ with its sign flipped
- $db_o$ multiplied by 1.01, a 1 % mistake
- $dW_f$ times $m\,T_x$: the gradient of the **sum** against the **mean** loss
""", show="planted", notes_es=r"""
Incluso el error del 1 % queda órdenes de magnitud por encima del umbral (casi exactamente
$0.01/2$). La suma contra la media da $(m\,T_x - 1)/(m\,T_x + 1) = 11/13 \approx 0.85$: la
dirección es buena, la longitud $m\,T_x$ veces mayor.
""", notes_en=r"""
Even the 1 % mistake lands orders of magnitude above the threshold (almost exactly
$0.01/2$). The sum against the mean gives $(m\,T_x - 1)/(m\,T_x + 1) = 11/13 \approx 0.85$:
the right direction, $m\,T_x$ times too long.
"""),
    md(es=r"""
Cada error de verdad queda órdenes de magnitud por encima del umbral, incluso el del 1 %
(su error relativo es casi exactamente $0.01/2$). El gradiente de la suma, comparado con la
media, da $(m\,T_x - 1)/(m\,T_x + 1) = 11/13 \approx 0.85$: apunta en la dirección correcta
pero es $m\,T_x$ veces demasiado largo. Un límite: con la norma de todo el array, una
entrada equivocada pero muy pequeña apenas se nota (ejercicio 4).
""", en=r"""
Every real mistake lands orders of magnitude above the threshold, even the 1 % one (its
relative error is almost exactly $0.01/2$). The gradient of the sum, compared with the mean,
gives $(m\,T_x - 1)/(m\,T_x + 1) = 11/13 \approx 0.85$: it points the right way but is
$m\,T_x$ times too long. One limit: with the norm of the whole array, a wrong but very small
entry hardly shows (exercise 4).
""", slide="fragment"),
    notes(es="""
**16 min.** La idea central de la lección: nunca te fíes de un gradiente derivado a mano sin
comprobarlo. Ejecuta en vivo la muestra de la red grande y la tabla de errores provocados en
la red pequeña (unos segundos); por qué centrada y por qué float64, y la tabla completa de la
red pequeña, son lectura de después de clase.

- *¿Por qué no comprobar todas las entradas de la red grande?* Dos pasadas hacia delante
  por entrada: decenas de miles de parámetros por 2 pasadas de 25 pasos.
- *¿Qué error relativo da un gradiente con el signo cambiado entero?* 1: numerador
  $2\\lVert g \\rVert$, denominador $2\\lVert g \\rVert$.
- *¿Por qué las tablas dicen «< 1e-7» y no el número?* Por debajo del umbral las cifras son
  redondeo: cambian con la CPU (otras instrucciones SIMD, otro orden de las sumas) y no dicen
  nada del código.

Errores habituales: comprobar en float32 y creer que el gradiente está mal; olvidar devolver
el parámetro a su valor tras perturbarlo; usar una diferencia hacia un solo lado; comparar el
gradiente de la suma con la pérdida media.
""", en="""
**16 min.** The central idea of the lesson: never trust a hand-derived gradient without
checking it. Run live the sample on the large network and the table of planted mistakes on
the small one (a few seconds); why central and why float64, and the full table of the small
network, are reading after class.

- *Why not check every entry of the large network?* Two forward passes per entry: tens of
  thousands of parameters times 2 passes of 25 steps.
- *What relative error does a gradient with its whole sign flipped give?* 1: numerator
  $2\\lVert g \\rVert$, denominator $2\\lVert g \\rVert$.
- *Why do the tables say "< 1e-7" and not the number?* Below the threshold the digits are
  rounding: they change with the CPU (other SIMD instructions, another order of the sums)
  and say nothing about the code.

Usual mistakes: checking in float32 and believing the gradient is wrong; forgetting to put
the parameter back after nudging it; using a one-sided difference; comparing the gradient
of the sum with the mean loss.
"""),

    # ------------------------------------------------------------------------------------
    # 3. Gradient flow
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 3. El gradiente hacia atrás en el tiempo

Para que la red aprenda que un carácter depende de algo que leyó muchos pasos antes, el
gradiente de esa predicción tiene que llegar hasta ese paso con un tamaño útil.
`gradient_flow` toma solo la pérdida de la **última** predicción, $L_T$, la retropropaga con
`lstm_cell_backward` y anota en cada paso la norma
$\lVert \partial L_T / \partial a^{\langle t \rangle} \rVert$, sobre los 100 primeros
caracteres del libro, para la red preentrenada y para una red recién inicializada del mismo
tamaño. El «factor medio por paso»,
$\left(\lVert \partial L_T / \partial a^{\langle 1 \rangle} \rVert / \lVert \partial L_T / \partial a^{\langle T \rangle} \rVert\right)^{1/(T-1)}$,
dice cuánto se multiplica la norma en cada paso hacia atrás. También contamos en qué
fracción de los pares (unidad, paso) la compuerta de olvido está casi abierta del todo,
$\Gamma_f > 0.9$.
""",  # noqa: E501
       en=r"""
## 3. The gradient, back in time

For the network to learn that a character depends on something it read many steps earlier,
the gradient of that prediction has to reach that step with a useful size. `gradient_flow`
takes only the loss of the **last** prediction, $L_T$, back-propagates it with
`lstm_cell_backward` and records at every step the norm
$\lVert \partial L_T / \partial a^{\langle t \rangle} \rVert$, over the first 100
characters of the book, for the pretrained network and for a freshly initialised network of
the same size. The "mean factor per step",
$\left(\lVert \partial L_T / \partial a^{\langle 1 \rangle} \rVert / \lVert \partial L_T / \partial a^{\langle T \rangle} \rVert\right)^{1/(T-1)}$,
says how much the norm is multiplied by at each step back. We also count in what fraction of
the (unit, step) pairs the forget gate is almost wide open, $\Gamma_f > 0.9$.
"""),  # noqa: E501
    code(r"""
T_long = 100
#[es] los 100 primeros caracteres, m = 1
#[en] the first 100 characters, m = 1
x_l, Y_l = window([0], T_long)
a0_l = np.zeros((n_a, 1))
#[es] mismas formas, pesos nuevos
#[en] same shapes, fresh weights
untrained = initialize_parameters(n_a, n_y, n_y, rng=0)
nets = {"pretrained_net": parameters, "untrained_net": untrained}
flows = {key: gradient_flow(net, x_l, Y_l, a0_l) for key, net in nets.items()}
for key, norms in flows.items():
    factor = (norms[0] / norms[-1]) ** (1 / (T_long - 1))
    f = gate_activations(nets[key], vocab, text[:T_long])["f"]     # Γ_f, (n_a, T)
    print(tr(key, LANG))
    print(f"  ‖∂L_T/∂a<T>‖ = {norms[-1]:.1e}   ‖∂L_T/∂a<1>‖ = {norms[0]:.1e}"
          f"   {tr('bw_per_step', LANG)} = {factor:.3f}")
    print(f"  Γ_f > 0.9: {100 * (f > 0.9).mean():.0f} %")
#[es] una escala para las dos figuras
#[en] one scale for both figures
low = min(norms.min() for norms in flows.values()) / 3
high = max(norms.max() for norms in flows.values()) * 3
""", mark="flow_numbers", slide="subslide"),
    slide(es=r"""
## 3. El gradiente hacia atrás en el tiempo

- Solo la pérdida de la **última** predicción, $L_T$, sobre 100 caracteres
- En cada paso, $\lVert \partial L_T / \partial a^{\langle t \rangle} \rVert$; red entrenada y
  sin entrenar
- Factor medio por paso, y cuánto se abre la compuerta de olvido:
""", en=r"""
## 3. The gradient, back in time

- Only the loss of the **last** prediction, $L_T$, over 100 characters
- At each step, $\lVert \partial L_T / \partial a^{\langle t \rangle} \rVert$; trained and
  untrained network
- Mean factor per step, and how wide the forget gate opens:
""", show="flow_numbers"),
    code(r"""
def flow_figure(key):
    fig = plots.plot_gradient_flow(flows[key], lang=LANG)
    ax = fig.axes[0]
    ax.set_title(f"{tr('gradient_flow_title', LANG)}\n{tr(key, LANG)}")
    ax.set_ylim(low, high)
    fig.tight_layout()
    return fig

fig = flow_figure("pretrained_net")
""", mark="flow_trained", slide="subslide", alt={
        "es": ("Norma del gradiente que llega a cada paso de tiempo, en escala logarítmica, en la "
               "red entrenada"),
        "en": ("Norm of the gradient that reaches each time step, on a log scale, in the trained "
               "network")}),
    slide(es=r"""
### La red entrenada

- Irregular: cae de golpe en algunos caracteres y casi se estanca en otros tramos
""", en=r"""
### The trained network

- Bumpy: it drops sharply at some characters and almost levels off along other stretches
""", show="flow_trained"),
    code(r"""
fig = flow_figure("untrained_net")
""", mark="flow_untrained", slide="subslide", alt={
        "es": ("La misma norma en la red sin entrenar: casi una recta que baja, el gradiente que "
               "se desvanece"),
        "en": ("The same norm in the untrained network: an almost straight falling line, the "
               "vanishing gradient")}),
    slide(es=r"""
### La red sin entrenar: el gradiente que se desvanece

- Casi una recta en escala logarítmica: decae **exponencialmente**
""", en=r"""
### The untrained network: the vanishing gradient

- Almost a straight line on the log scale: it decays **exponentially**
""", show="flow_untrained"),
    md(es=r"""
En la red sin entrenar la curva es casi una recta en escala logarítmica: en cada paso hacia
atrás el gradiente se multiplica por casi el mismo factor menor que 1, así que decae
**exponencialmente**. Es el **gradiente que se desvanece**: tras unas decenas de pasos, lo
que la última predicción pide a los primeros pasos es tan pequeño que no mueve los pesos. La
curva de la red entrenada es más irregular, porque depende de lo que va leyendo: cae de golpe
en algunos caracteres y casi se estanca en otros tramos. En conjunto baja con menos
pendiente.
""", en=r"""
For the untrained network the curve is almost a straight line on the log scale: at every
step back the gradient is multiplied by nearly the same factor below 1, so it decays
**exponentially**. This is the **vanishing gradient**: after a few dozen steps, what the last
prediction asks of the first steps is so small that it does not move the weights. The
trained network's curve is bumpier, because it depends on what the network is reading: it
drops sharply at some characters and almost levels off along other stretches. Overall its
slope is gentler.
""", slide="subslide"),
    md(es=r"""
### Por qué decae, y por qué la LSTM resiste mejor

Hacia atrás, cada paso multiplica el gradiente por la jacobiana de ese paso. Para verlo,
comparemos con la antecesora de la LSTM, la **red recurrente simple**: sin compuertas ni
memoria $c$, con un solo estado y una sola matriz $W_{aa}$ que lo lleva de un paso al
siguiente,
$a^{\langle t \rangle} = \tanh(W_{aa} a^{\langle t-1 \rangle} + W_{ax} x^{\langle t \rangle} + b)$.
Su jacobiana de un paso,
$\partial a^{\langle t \rangle} / \partial a^{\langle t-1 \rangle} = \mathrm{diag}(1 - (a^{\langle t \rangle})^2)\, W_{aa}$,
lleva la misma matriz en cada paso y una derivada de $\tanh$ que no pasa de 1. Tras $k$ pasos,
$k$ factores así: si su tamaño típico es menor que 1 el gradiente se desvanece; si es mayor,
**puede** explotar (es condición necesaria, no suficiente: Pascanu, Mikolov y Bengio, 2013).

En la LSTM la memoria se actualiza con una **suma**,
$c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle} + \Gamma_u * \tilde c^{\langle t \rangle}$,
y por el camino directo de $c$

$$\frac{\partial c^{\langle t \rangle}}{\partial c^{\langle t-1 \rangle}} =
\Gamma_f^{\langle t \rangle}$$

(`dc_prev = dc * ft`), sin matriz de pesos ni activación que aplaste. Una unidad que mantiene
$\Gamma_f \approx 1$ deja pasar el gradiente casi intacto. La LSTM de Hochreiter y
Schmidhuber (1997) no tenía compuerta de olvido: su «carrusel de error constante» era este
camino con el factor fijo en 1. La compuerta de olvido la añadieron Gers, Schmidhuber y
Cummins (2000), y con ella el factor pasa a ser $\Gamma_f$, que la red aprende.
""",  # noqa: E501
       en=r"""
### Why it decays, and why the LSTM holds up better

Going backwards, every step multiplies the gradient by that step's Jacobian. To see it, let
us compare with the LSTM's predecessor, the **simple recurrent network**: no gates and no
memory $c$, a single state and a single matrix $W_{aa}$ that takes it from one step to the
next,
$a^{\langle t \rangle} = \tanh(W_{aa} a^{\langle t-1 \rangle} + W_{ax} x^{\langle t \rangle} + b)$.
Its one-step Jacobian,
$\partial a^{\langle t \rangle} / \partial a^{\langle t-1 \rangle} = \mathrm{diag}(1 - (a^{\langle t \rangle})^2)\, W_{aa}$,
carries the same matrix at every step and a $\tanh$ derivative that never exceeds 1. After
$k$ steps, $k$ such factors: if their typical size is below 1 the gradient vanishes; if
above, it **can** explode (a necessary condition, not a sufficient one: Pascanu, Mikolov and
Bengio, 2013).

In the LSTM the memory is updated with a **sum**,
$c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle} + \Gamma_u * \tilde c^{\langle t \rangle}$,
and along the direct path of $c$

$$\frac{\partial c^{\langle t \rangle}}{\partial c^{\langle t-1 \rangle}} =
\Gamma_f^{\langle t \rangle}$$

(`dc_prev = dc * ft`), with no weight matrix and no squashing activation. A unit that keeps
$\Gamma_f \approx 1$ lets the gradient through almost intact. The LSTM of Hochreiter and
Schmidhuber (1997) had no forget gate: its "constant error carousel" was this path with the
factor fixed at 1. The forget gate was added by Gers, Schmidhuber and Cummins (2000), and with
it the factor becomes $\Gamma_f$, which the network learns.
"""),  # noqa: E501
    slide(es=r"""
### Por qué decae, y por qué la LSTM resiste mejor

Red recurrente simple: la misma matriz en cada paso, y $\tanh' \le 1$

$$\frac{\partial a^{\langle t \rangle}}{\partial a^{\langle t-1 \rangle}}
= \mathrm{diag}\left(1 - (a^{\langle t \rangle})^2\right) W_{aa}$$

LSTM: la memoria se actualiza con una **suma**, y por el camino de $c$

$$\frac{\partial c^{\langle t \rangle}}{\partial c^{\langle t-1 \rangle}} =
\Gamma_f^{\langle t \rangle}$$

- Ni matriz ni activación que aplaste: con $\Gamma_f \approx 1$ el gradiente pasa casi intacto
""", en=r"""
### Why it decays, and why the LSTM holds up better

Simple recurrent network: the same matrix at every step, and $\tanh' \le 1$

$$\frac{\partial a^{\langle t \rangle}}{\partial a^{\langle t-1 \rangle}}
= \mathrm{diag}\left(1 - (a^{\langle t \rangle})^2\right) W_{aa}$$

LSTM: the memory is updated with a **sum**, and along the path of $c$

$$\frac{\partial c^{\langle t \rangle}}{\partial c^{\langle t-1 \rangle}} =
\Gamma_f^{\langle t \rangle}$$

- No matrix, no squashing activation: with $\Gamma_f \approx 1$ the gradient goes through almost
  whole
""", notes_es=r"""
La LSTM de Hochreiter y Schmidhuber (1997) no tenía compuerta de olvido: su «carrusel de
error constante» era este camino con el factor fijo en 1; la compuerta de olvido (Gers,
Schmidhuber y Cummins, 2000) lo convierte en $\Gamma_f$, que la red aprende. La explosión no
la evita: el camino de $a$ sigue pasando por matrices de pesos; el remedio, recortar, abre la
lección 04.
""", notes_en=r"""
The LSTM of Hochreiter and Schmidhuber (1997) had no forget gate: its "constant error
carousel" was this path with the factor fixed at 1; the forget gate (Gers, Schmidhuber and
Cummins, 2000) makes it $\Gamma_f$, which the network learns. It does not prevent explosions:
the path through $a$ still goes through weight matrices; the remedy, clipping, opens lesson 04.
"""),
    md(es=r"""
### Lo que muestran las dos redes

En la red sin entrenar los sesgos son 0 y las compuertas de olvido rondan $\sigma(0) = 0.5$;
ninguna pasa de 0.9: solo por el camino de $c$, el gradiente se reduciría a la mitad en cada
paso. El factor medido, unos 0.75 por paso, es mayor: el gradiente viaja a la vez por $c$ y por
$a$, y en la red sin entrenar es el camino de $a$ el que lo lleva más lejos; aun así, tras
cien pasos no queda casi nada. La red entrenada aprendió a abrir del todo la compuerta de
olvido en una parte de sus unidades y pasos, y su gradiente se desvanece más despacio, como
muestran el factor por paso y la pendiente de las curvas. Aun así no es memoria ilimitada:
también la red entrenada pierde varios órdenes de magnitud en cien pasos. La comparación con
la red recurrente simple, medida, está en la lección 06: una del mismo tamaño, entrenada con la
misma receta que la LSTM, con su pérdida y su gradiente hacia atrás en el tiempo junto a los de
la LSTM.

**Y cuando explota.** El camino de $a$ sigue pasando por matrices de pesos, así que a veces
un gradiente crece en lugar de decaer y un solo paso de entrenamiento lo estropea todo. El
remedio clásico, el del original, es **recortar** el gradiente antes de actualizar los pesos
(`clip`): lo primero de la lección 04.
""", en=r"""
### What the two networks show

In the untrained network the biases are 0 and the forget gates sit around
$\sigma(0) = 0.5$; none is above 0.9: along the path of $c$ alone, the gradient would be
halved at every step. The measured factor, about 0.75 per step, is larger: the gradient
travels along $c$ and along $a$ at once, and in the untrained network it is the path of $a$
that carries it farther; even so, after a hundred steps hardly anything is left. The trained
network has learnt to
open its forget gate wide in a share of its units and steps, and its gradient vanishes more
slowly, as the factor per step and the slope of the curves show. Still, it is no unlimited
memory: the trained network also loses several orders of magnitude over a hundred steps. The
comparison with the simple recurrent network, measured, is in lesson 06: one of the same size,
trained with the same recipe as the LSTM, with its loss and its gradient back in time next to
the LSTM's.

**And when it explodes.** The path through $a$ still goes through weight matrices, so now
and then a gradient grows instead of decaying and a single training step ruins everything.
The classic remedy, the original's, is to **clip** the gradient before updating the weights
(`clip`): the first topic of lesson 04.
""", slide="subslide"),
    notes(es="""
**13 min.** Muestra las dos figuras una después de otra con la misma escala y pregunta qué red
«recuerda» más lejos antes de leer los números.

- *Si el factor por paso es 0.75, ¿cuánto queda tras 25 pasos?* $0.75^{25} \\approx 10^{-3}$.
- *¿Por qué $\\partial c^{\\langle t \\rangle} / \\partial c^{\\langle t-1 \\rangle} = \\Gamma_f$
  protege el gradiente?* No hay matriz de pesos ni derivada de activación: si
  $\\Gamma_f \\approx 1$, el gradiente pasa entero.
- *¿Qué hace iniciar $b_f$ en 1?* $\\Gamma_f \\approx \\sigma(1) \\approx 0.73$ desde el
  principio: la red empieza recordando (ejercicio 5).

Errores habituales: creer que la LSTM elimina el desvanecimiento (lo frena); confundir el
desvanecimiento (se arregla con la arquitectura) con la explosión (se arregla con el recorte);
leer la escala logarítmica como lineal.
""", en="""
**13 min.** Show the two figures one after the other on the same scale and ask which network
"remembers" further back before reading the numbers.

- *If the factor per step is 0.75, how much is left after 25 steps?*
  $0.75^{25} \\approx 10^{-3}$.
- *Why does $\\partial c^{\\langle t \\rangle} / \\partial c^{\\langle t-1 \\rangle} = \\Gamma_f$
  protect the gradient?* No weight matrix and no activation derivative: with
  $\\Gamma_f \\approx 1$ the gradient goes through whole.
- *What does initialising $b_f$ at 1 do?* $\\Gamma_f \\approx \\sigma(1) \\approx 0.73$ from
  the start: the network starts out remembering (exercise 5).

Usual mistakes: believing the LSTM removes vanishing (it slows it down); mixing up vanishing
(fixed by the architecture) with exploding (fixed by clipping); reading the log scale as
linear.
"""),

    # ------------------------------------------------------------------------------------
    # Summary and exercises
    # ------------------------------------------------------------------------------------
    md(es=r"""
## Resumen

- BPTT recorre los pasos hacia atrás; cada paso recibe el gradiente de su predicción más el
  de su futuro, y los gradientes de los pesos compartidos se suman. Una sola pasada, no dos
  como en el original.
- La comprobación numérica (diferencias centradas, float64, error relativo $< 10^{-7}$)
  confirma todos los gradientes, y falla claramente ante errores de hasta el 1 %.
- El gradiente decae exponencialmente hacia atrás en el tiempo; el camino aditivo de $c$ lo
  frena. Contra la explosión, el recorte de la lección 04.
""", en=r"""
## Summary

- BPTT walks the steps backwards; each step receives the gradient of its prediction plus
  that of its future, and the gradients of the shared weights are summed. One pass, not two
  as in the original.
- The numerical check (central differences, float64, relative error $< 10^{-7}$) confirms
  every gradient, and fails clearly on mistakes as small as 1 %.
- The gradient decays exponentially back in time; the additive path of $c$ slows that down.
  Against explosions, the clipping of lesson 04.
"""),
    slide(es=r"""
## Resumen

- BPTT: hacia atrás; cada paso recibe el gradiente de su predicción más el de su futuro; los
  gradientes de los pesos se **suman**. Una pasada, no dos
- La comprobación numérica confirma cada gradiente ($< 10^{-7}$) y falla ante errores del 1 %
- El gradiente decae hacia atrás; el camino de $c$ lo frena. Contra la explosión: el recorte (04)
""", en=r"""
## Summary

- BPTT: backwards; each step gets the gradient of its prediction plus that of its future;
  the weight gradients **add up**. One pass, not two
- The numerical check confirms every gradient ($< 10^{-7}$) and fails on 1 % mistakes
- The gradient decays going back; the path of $c$ slows it. Against explosions: clipping (04)
"""),
    notes(es="""
**3 min.** Repasa el resumen; encarga los ejercicios 2 y 5 y la lectura. La estimación de la
clase: 3 de repaso + 15 de BPTT (7 escribiendo `lstm_backward`) + 16 de la comprobación del
gradiente (la muestra y los errores provocados, sin la lectura de por qué centrada y float64
ni la tabla completa) + 13 de las dos figuras del flujo del gradiente + 3 = 50 minutos.
""", en="""
**3 min.** Go over the summary; set exercises 2 and 5 and the reading. The period's
estimate: 3 recap + 15 for BPTT (7 writing `lstm_backward`) + 16 for the gradient check (the
sample and the planted mistakes, without the reading on why central and float64 or the full
table) + 13 for the two figures of the gradient flow + 3 = 50 minutes.
"""),

    # ------------------------------------------------------------------------------------
    # After class
    # ------------------------------------------------------------------------------------
    after_class(es=r"""
**Lectura:** por qué centrada y por qué float64; todas las entradas de la red pequeña.
**Tarea:** los ejercicios 2 y 5 (y el 3, el barrido de $\varepsilon$).
""", en=r"""
**Reading:** why central and why float64; every entry of the small network. **Homework:**
exercises 2 and 5 (and 3, the $\varepsilon$ sweep).
"""),
    md(es=r"""
### Por qué centrada, y por qué float64

**Centrada.** Por Taylor,
$L(\theta \pm \varepsilon) = L \pm \varepsilon L' + \tfrac{\varepsilon^2}{2} L'' \pm \tfrac{\varepsilon^3}{6} L''' + \dots$;
al restar se cancelan los términos pares y el error es
$\tfrac{\varepsilon^2}{6} L''' = O(\varepsilon^2)$. La diferencia hacia un solo lado,
$(L(\theta + \varepsilon) - L(\theta))/\varepsilon$, conserva $\tfrac{\varepsilon}{2} L''$:
un error $O(\varepsilon)$, mucho mayor.

**float64.** $L(\theta + \varepsilon)$ y $L(\theta - \varepsilon)$ son casi iguales y cada
uno lleva un error de redondeo relativo $u$; su diferencia dividida por $2\varepsilon$
arrastra un error de orden $u\,L / \varepsilon$. En float64, $u \approx 10^{-16}$: con
$\varepsilon = 10^{-5}$ es $\approx 10^{-11}$, despreciable. En float32,
$u \approx 6 \cdot 10^{-8}$: sería $\approx 10^{-2}$, tan grande como muchos gradientes. Por
eso `gradient_check` exige float64, y por eso $\varepsilon = 10^{-5}$: ni el término
$\varepsilon^2$ ni el redondeo importan.
""",  # noqa: E501
       en=r"""
### Why central, and why float64

**Central.** By Taylor,
$L(\theta \pm \varepsilon) = L \pm \varepsilon L' + \tfrac{\varepsilon^2}{2} L'' \pm \tfrac{\varepsilon^3}{6} L''' + \dots$;
in the difference the even terms cancel, and the error is
$\tfrac{\varepsilon^2}{6} L''' = O(\varepsilon^2)$. The one-sided difference
$(L(\theta + \varepsilon) - L(\theta))/\varepsilon$ keeps $\tfrac{\varepsilon}{2} L''$: an
$O(\varepsilon)$ error, much larger.

**float64.** $L(\theta + \varepsilon)$ and $L(\theta - \varepsilon)$ are nearly equal, each
with a relative rounding error $u$; their difference divided by $2\varepsilon$ carries an
error of order $u\,L / \varepsilon$. In float64, $u \approx 10^{-16}$: with
$\varepsilon = 10^{-5}$ that is $\approx 10^{-11}$, negligible. In float32,
$u \approx 6 \cdot 10^{-8}$: it would be $\approx 10^{-2}$, as large as many gradients. That
is why `gradient_check` insists on float64, and why $\varepsilon = 10^{-5}$: neither the
$\varepsilon^2$ term nor rounding matters.
"""),  # noqa: E501
    md(es=r"""
### Todas las entradas, en la red pequeña

Cada entrada comprobada cuesta dos pasadas hacia delante: en la red pequeña de la clase se
pueden comprobar **todas**. La primera celda muestra los errores exactos (de redondeo:
cambian con la CPU, y las pruebas no los comparan); la segunda, el veredicto.
""", en=r"""
### Every entry, on the small network

Each entry checked costs two forward passes: on the class's small network **every** one can
be checked. The first cell shows the exact errors (rounding: they change with the CPU, and
the tests do not compare them); the second, the verdict.
"""),
    code(r"""
#[es] todas las entradas
#[en] every entry
errors_small = gradient_check(small, x_s, Y_s, a0_s)
names = list(errors_small)
for half in (names[:6], names[6:]):
    print("  ".join(f"{name} {errors_small[name]:.1e}" for name in half))
""", tags=["nbval-ignore-output"], slide="subslide"),
    code(r"""
print_errors(errors_small)
""", slide="subslide"),
    md(es=r"""
### Ejercicios

1. **El hueco de la clase.** `lstm_backward`, si no quedó bien en clase: la celda siguiente
   dice qué pieza falla.
2. **Media y lote.** Con las dos ventanas `x`, `Y`, calcula `loss_and_gradients` para el
   lote ($m = 2$) y para cada secuencia sola (`x[:, [i], :]`, `Y[[i]]`, `a0[:, [i]]`).
   Comprueba con `np.allclose` que el `dWf` del lote es la media de los dos. ¿Qué pasaría
   con el tamaño del gradiente al pasar de $m = 2$ a $m = 32$ si la pérdida fuera una suma?
3. **Elegir $\varepsilon$.** Repite la comprobación de la red pequeña con
   `epsilon` $= 10^{-1}, 10^{-3}, \dots, 10^{-11}$ y dibuja el mayor error relativo frente a
   $\varepsilon$ con `plt.loglog`. Deberías ver una V: a la derecha domina el término
   $\varepsilon^2$ de Taylor, a la izquierda el redondeo $u/\varepsilon$. ¿Dónde está el
   mínimo? Después convierte `small` a float32 y llama a `gradient_check`: ¿qué dice?
4. **Un error pequeño.** En la celda de «cómo se ve un error», cambia el signo de la entrada
   **más pequeña** de `dWf` en lugar de la mayor. ¿Lo detecta el error relativo del array
   entero? Escribe en una línea de numpy el error relativo *entrada por entrada*,
   $|g_{\text{num}} - g| / (|g_{\text{num}}| + |g|)$, y mira si esa versión sí lo encuentra.
5. **El sesgo de la compuerta de olvido.** Pon `untrained["bf"][:] = 1.0` (después 3.0) y
   repite `gradient_flow`. ¿Cómo cambia el factor medio por paso? Compáralo con
   $\sigma(1) \approx 0.73$ y $\sigma(3) \approx 0.95$. Iniciar $b_f$ en 1 es un truco
   habitual (Gers, Schmidhuber y Cummins, 2000; Jozefowicz y otros, 2015).
""", en=r"""
### Exercises

1. **The class's blank.** `lstm_backward`, if it was not right in class: the cell after it
   says which piece is wrong.
2. **Mean and batch.** With the two windows `x`, `Y`, compute `loss_and_gradients` for the
   batch ($m = 2$) and for each sequence alone (`x[:, [i], :]`, `Y[[i]]`, `a0[:, [i]]`).
   Check with `np.allclose` that the batch's `dWf` is the mean of the two. What would happen
   to the size of the gradient going from $m = 2$ to $m = 32$ if the loss were a sum?
3. **Choosing $\varepsilon$.** Repeat the small network's check with
   `epsilon` $= 10^{-1}, 10^{-3}, \dots, 10^{-11}$ and plot the largest relative error
   against $\varepsilon$ with `plt.loglog`. You should see a V: on the right the
   $\varepsilon^2$ Taylor term dominates, on the left rounding, $u/\varepsilon$. Where is the
   minimum? Then convert `small` to float32 and call `gradient_check`: what does it say?
4. **A small mistake.** In the "what a mistake looks like" cell, flip the sign of the
   **smallest** entry of `dWf` instead of the largest. Does the relative error of the whole
   array catch it? Write in one line of numpy the relative error *entry by entry*,
   $|g_{\text{num}} - g| / (|g_{\text{num}}| + |g|)$, and see whether that version finds it.
5. **The forget-gate bias.** Set `untrained["bf"][:] = 1.0` (then 3.0) and run
   `gradient_flow` again. How does the mean factor per step change? Compare it with
   $\sigma(1) \approx 0.73$ and $\sigma(3) \approx 0.95$. Initialising $b_f$ at 1 is a common
   trick (Gers, Schmidhuber and Cummins, 2000; Jozefowicz et al., 2015).
"""),
    notes(es="""
El ejercicio 3 es el que mejor fija la idea de la comprobación: su V se discute en la clase
siguiente (respuestas en esta guía).
""", en="""
Exercise 3 fixes the idea of the check best: its V is discussed in the next class (answers in
this guide).
"""),
    guide("objectives", es=r"""
- Explicar por qué BPTT recorre los pasos hacia atrás y suma los gradientes de los pesos
  compartidos; escribir `lstm_backward`.
- Comprobar un gradiente con diferencias centradas y el error relativo, y reconocer un error
  real frente al redondeo.
- Leer en una escala logarítmica cómo decae el gradiente hacia atrás en el tiempo, y por qué
  el camino de $c$ lo frena.
""", en=r"""
- Explain why BPTT walks the steps backwards and adds up the gradients of the shared
  weights; write `lstm_backward`.
- Check a gradient with central differences and the relative error, and tell a real mistake
  from rounding.
- Read on a log scale how the gradient decays back in time, and why the path of $c$ slows
  that down.
"""),
    guide("prerequisites", es=r"""
La lección 02 (la pérdida media, $\hat y - y$, una celda hacia atrás; `lstm_cell_backward`
hecho, o el del paquete a la vista). Taylor de primer y segundo orden; escalas logarítmicas.
""", en=r"""
Lesson 02 (the mean loss, $\hat y - y$, one cell backward; `lstm_cell_backward` done, or the
package's at hand). First- and second-order Taylor; log scales.
"""),
    guide("optional", es=r"""
La muestra sobre la red grande puede ejecutarse antes de clase. Después de clase, «Por qué
centrada, y por qué float64» y la tabla completa de la red pequeña son lectura; el ejercicio 3
(el barrido de $\varepsilon$) es el mejor para quien quiera ver el redondeo de cerca, y el 4
es opcional.
""", en=r"""
The sample on the large network can be run before class. After class, "Why central, and why
float64" and the full table of the small network are reading; exercise 3 (the $\varepsilon$
sweep) is the best one for whoever wants to see rounding up close, and number 4 is optional.
"""),
    guide("exit", es=r"""
1. ¿Por qué se suman los $dW_f^{\langle t \rangle}$ de todos los pasos?
2. Un gradiente con un error del 1 % en todas sus entradas, ¿qué error relativo da, y pasa el
   umbral $10^{-7}$?
3. Si el factor por paso hacia atrás es 0.75, ¿cuánto queda del gradiente tras 25 pasos?
""", en=r"""
1. Why are the $dW_f^{\langle t \rangle}$ of all steps added up?
2. A gradient 1 % off in every entry: what relative error does it give, and does it pass the
   $10^{-7}$ threshold?
3. If the factor per step backwards is 0.75, how much of the gradient is left after 25 steps?
"""),
    guide("answers", es=r"""
**Preguntas de salida.** (1) Es el mismo $W_f$ usado en los $T_x$ pasos: una variable usada
varias veces suma sus gradientes. (2) Unos $0.01/2 = 0.005$: muy por encima de $10^{-7}$,
suspende. (3) $0.75^{25} \approx 10^{-3}$.

**Ejercicio 2.** `np.allclose` da `True`: con la pérdida media, el gradiente del lote es la
media de los de cada secuencia. Con una suma, el gradiente crecería 16 veces de $m = 2$ a
$m = 32$, y la tasa de aprendizaje tendría que bajar otro tanto.

**Ejercicio 3 (el barrido de $\varepsilon$).** El mayor error relativo de la red pequeña
dibuja una V: unos $2$–$3 \cdot 10^{-3}$ con $\varepsilon = 10^{-1}$, $2$–$3 \cdot 10^{-7}$ con
$10^{-3}$ (el término $\varepsilon^2$: cuatro órdenes por cada dos de $\varepsilon$), el mínimo
cerca de $\varepsilon = 10^{-5}$ (unos $10^{-8}$), y a la izquierda sube un orden por cada
orden que baja $\varepsilon$ (el redondeo, $u/\varepsilon$): unos $10^{-6}$ con $10^{-7}$ y
$10^{-2}$ con $10^{-11}$. El mínimo teórico, donde $\varepsilon^2 \approx u/\varepsilon$, es
$\varepsilon \approx u^{1/3} \approx 5 \cdot 10^{-6}$. Con `small` en float32,
`gradient_check` se niega con un mensaje de una línea: el redondeo de float32 ($10^{-7}$)
escondería justo lo que busca.

**Ejercicio 4.** El error relativo del array entero es del orden de $|g_j| / \lVert g \rVert$
(numerador $2|g_j|$, denominador unos $2\lVert g \rVert$): para la entrada más pequeña puede
quedar por debajo del umbral, y el error pasa sin verse. El error entrada por entrada,
`np.abs(num - g) / (np.abs(num) + np.abs(g))`, da 1 exactamente en esa entrada.

**Ejercicio 5.** Con $b_f = 1$ el factor medio por paso sube (las compuertas de olvido
empiezan cerca de $\sigma(1) \approx 0.73$ en lugar de 0.5) y con $b_f = 3$ más aún
($\sigma(3) \approx 0.95$): el gradiente llega más lejos hacia atrás desde el principio.
""", en=r"""
**Exit questions.** (1) It is the same $W_f$ used at all $T_x$ steps: a variable used several
times adds up its gradients. (2) About $0.01/2 = 0.005$: far above $10^{-7}$, it fails.
(3) $0.75^{25} \approx 10^{-3}$.

**Exercise 2.** `np.allclose` gives `True`: with the mean loss, the batch's gradient is the
mean of each sequence's. With a sum, the gradient would grow 16 times from $m = 2$ to
$m = 32$, and the learning rate would have to shrink as much.

**Exercise 3 (the $\varepsilon$ sweep).** The largest relative error of the small network
draws a V: about $2$–$3 \cdot 10^{-3}$ at $\varepsilon = 10^{-1}$, $2$–$3 \cdot 10^{-7}$ at
$10^{-3}$ (the $\varepsilon^2$ term: four orders for every two of $\varepsilon$), the minimum
near $\varepsilon = 10^{-5}$ (about $10^{-8}$), and on the left it rises one order for every
order $\varepsilon$ goes down (rounding, $u/\varepsilon$): about $10^{-6}$ at $10^{-7}$ and
$10^{-2}$ at $10^{-11}$. The theoretical minimum, where $\varepsilon^2 \approx u/\varepsilon$,
is $\varepsilon \approx u^{1/3} \approx 5 \cdot 10^{-6}$. With `small` in float32,
`gradient_check` refuses in a one-line message: float32 rounding ($10^{-7}$) would hide
exactly what it looks for.

**Exercise 4.** The relative error of the whole array is of the order of
$|g_j| / \lVert g \rVert$ (numerator $2|g_j|$, denominator about $2\lVert g \rVert$): for the
smallest entry it can fall below the threshold, and the mistake goes unseen. The
entry-by-entry error, `np.abs(num - g) / (np.abs(num) + np.abs(g))`, is exactly 1 at that
entry.

**Exercise 5.** With $b_f = 1$ the mean factor per step goes up (the forget gates start near
$\sigma(1) \approx 0.73$ instead of 0.5), and with $b_f = 3$ more still ($\sigma(3) \approx
0.95$): the gradient reaches further back from the start.
"""),
]
