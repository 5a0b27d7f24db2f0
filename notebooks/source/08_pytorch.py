"""Lesson 08: the bridge to PyTorch (the same network, weights and gradients in nn.LSTM)."""
from tools.nbsource import after_class, code, guide, md, notes, settings, slide

CELLS = [
    # --- title, where we are ----------------------------------------------------------------
    md(es=r"""
# 08 · El puente a PyTorch: la misma red en `nn.LSTM`

**Dónde estamos.** Hemos escrito a mano, con numpy, una LSTM entera: la celda, la
retropropagación, Adam, el muestreo, el entrenamiento. Es lo que casi nadie hace fuera de un
curso: en la práctica se usa un *framework* como PyTorch. Esta lección cruza al otro lado con
la red que ya conocemos:

1. **la notación**: los mismos símbolos con otros nombres, y dos detalles que despistan;
2. **los pesos**: el modelo preentrenado cargado en `nn.LSTM` + `nn.Linear` da las mismas
   salidas;
3. **los gradientes**: los de la lección 03, escritos a mano, frente a los de *autograd*;
4. **qué da el framework** y qué nos enseñó escribirlo a mano.

Hace falta PyTorch (CPU basta: `pip install torch==2.13.0`); el paquete `lstm_np` no lo
necesita. Sin él, lee las salidas guardadas.
""", en=r"""
# 08 · The bridge to PyTorch: the same network in `nn.LSTM`

**Where we are.** We have written a whole LSTM by hand, with numpy: the cell, backpropagation,
Adam, sampling, training. Almost nobody does that outside a course: in practice one uses a
framework such as PyTorch. This lesson crosses over with the network we already know:

1. **the notation**: the same symbols under other names, and two details that trip people up;
2. **the weights**: the pretrained model loaded into `nn.LSTM` + `nn.Linear` gives the same
   outputs;
3. **the gradients**: lesson 03's, written by hand, against *autograd*'s;
4. **what the framework gives**, and what writing it by hand taught us.

It needs PyTorch (the CPU build is enough: `pip install torch==2.13.0`); the package
`lstm_np` does not. Without it, read the stored outputs.
"""),
    slide(es=r"""
# 08 · El puente a PyTorch: la misma red en `nn.LSTM`

- **Dónde estamos:** escribiste a mano, con numpy, una LSTM entera: la celda, la
  retropropagación, Adam, el muestreo, el entrenamiento
- En la práctica se usa un *framework*: hoy, la misma red en PyTorch
- La notación, los pesos, los gradientes; sin huecos que rellenar
""", en=r"""
# 08 · The bridge to PyTorch: the same network in `nn.LSTM`

- **Where we are:** you wrote a whole LSTM by hand, with numpy: the cell, backpropagation,
  Adam, sampling, training
- In practice one uses a framework: today, the same network in PyTorch
- The notation, the weights, the gradients; no blanks to fill in
"""),
    settings(),
    code(r"""
import numpy as np
import torch

from lstm_np import loss_and_gradients, lstm_forward, one_hot
from lstm_np.lessons.notebook import show_source
from lstm_np.lessons.torch_bridge import numpy_gradients, torch_modules, torch_state
from lstm_np.storage.checkpoint import load_pretrained
from lstm_np.storage.corpus import load_corpus, split_text

torch.manual_seed(0)
print("torch", torch.__version__.split("+")[0])
""", slide="skip"),
    notes(es=r"""
**4 min.** Pregunta de entrada: «¿qué parte de lo que escribimos a mano nos costó más?». Casi
siempre la retropropagación: es justo lo que PyTorch hace solo. Avisa de que hoy no hay
huecos que rellenar: es una lección de lectura y de comprobación.
""", en=r"""
**4 min.** Opening question: "which part of what we wrote by hand cost you most?". Almost
always backpropagation: exactly what PyTorch does by itself. Say that there are no blanks
today: it is a lesson of reading and checking.
"""),

    # --- 1. notation --------------------------------------------------------------------------
    md(es=r"""
## 1. La notación, lado a lado

| lstm_np (el cuaderno original) | PyTorch `nn.LSTM` |
|---|---|
| $a^{\langle t \rangle}$, $c^{\langle t \rangle}$ | $h_t$, $c_t$ |
| $\Gamma_f$ (olvido) | $f_t$ |
| $\Gamma_u$ (actualización) | $i_t$ (compuerta de entrada) |
| $\tilde{c}$ (candidato) | $g_t$ |
| $\Gamma_o$ (salida) | $o_t$ |
| $W_f, W_i, W_c, W_o$ $(n_a, n_a + n_x)$: columnas de $a$ | `weight_hh_l0` $(4n_a, n_a)$ |
| $W_f, W_i, W_c, W_o$: columnas de $x$ | `weight_ih_l0` $(4n_a, n_x)$ |
| un sesgo por compuerta, $b_f, \dots$ $(n_a, 1)$ | dos: `bias_ih_l0` + `bias_hh_l0` $(4n_a)$ |
| $W_y, b_y$ | `nn.Linear(n_a, n_y)`: `weight`, `bias` |
""", en=r"""
## 1. The notation, side by side

| lstm_np (the original notebook) | PyTorch `nn.LSTM` |
|---|---|
| $a^{\langle t \rangle}$, $c^{\langle t \rangle}$ | $h_t$, $c_t$ |
| $\Gamma_f$ (forget) | $f_t$ |
| $\Gamma_u$ (update) | $i_t$ (input gate) |
| $\tilde{c}$ (candidate) | $g_t$ |
| $\Gamma_o$ (output) | $o_t$ |
| $W_f, W_i, W_c, W_o$ $(n_a, n_a + n_x)$: columns of $a$ | `weight_hh_l0` $(4n_a, n_a)$ |
| $W_f, W_i, W_c, W_o$: columns of $x$ | `weight_ih_l0` $(4n_a, n_x)$ |
| one bias per gate, $b_f, \dots$ $(n_a, 1)$ | two: `bias_ih_l0` + `bias_hh_l0` $(4n_a)$ |
| $W_y, b_y$ | `nn.Linear(n_a, n_y)`: `weight`, `bias` |
"""),
    slide(es=r"""
## 1. La notación, lado a lado

- Los estados: $a^{\langle t \rangle}, c^{\langle t \rangle} \;\to\; h_t, c_t$
- Olvido, candidato y salida: $\Gamma_f \to f_t$, $\;\tilde c \to g_t$, $\;\Gamma_o \to o_t$
- $\Gamma_u \to i_t$: nuestra actualización es su compuerta de **entrada**
- PyTorch apila las compuertas en el orden $i, f, g, o$; el nuestro es $f, u, c, o$
""", en=r"""
## 1. The notation, side by side

- The states: $a^{\langle t \rangle}, c^{\langle t \rangle} \;\to\; h_t, c_t$
- Forget, candidate and output: $\Gamma_f \to f_t$, $\;\tilde c \to g_t$, $\;\Gamma_o \to o_t$
- $\Gamma_u \to i_t$: our update gate is its **input** gate
- PyTorch stacks the gates in the order $i, f, g, o$; ours is $f, u, c, o$
"""),
    md(es=r"""
Dos detalles. **El orden**: PyTorch apila las cuatro compuertas en las filas en el orden
$i, f, g, o$; si se copian en el orden $f, u, c, o$ de la lección 01, la red calcula otra cosa.
**Los dos sesgos**: solo aparecen sumados, $W_{ih}x + b_{ih} + W_{hh}h + b_{hh}$, así que
nuestro único sesgo va en `bias_ih` y `bias_hh` queda a cero. Y como
$W[a; x] = W_{[:, :n_a]}\,a + W_{[:, n_a:]}\,x$, las primeras $n_a$ columnas de cada $W$ van a
`weight_hh` y el resto a `weight_ih`. Todo eso cabe en una función:
""", en=r"""
Two details. **The order**: PyTorch stacks the four gates in its rows in the order
$i, f, g, o$; copied in lesson 01's order $f, u, c, o$, the network computes something else.
**The two biases**: they only ever appear summed, $W_{ih}x + b_{ih} + W_{hh}h + b_{hh}$, so
our single bias goes into `bias_ih` and `bias_hh` stays zero. And since
$W[a; x] = W_{[:, :n_a]}\,a + W_{[:, n_a:]}\,x$, the first $n_a$ columns of each $W$ go to
`weight_hh` and the rest to `weight_ih`. All of that fits in one function:
""", slide="subslide"),
    slide(es=r"""
### Los pesos: cada $W$ partida en dos

$$W[a; x] = W_{[:, :n_a]}\,a + W_{[:, n_a:]}\,x$$

- Las columnas de $a$ de $W_f, W_u, W_c, W_o$ $\to$ `weight_hh_l0`, $(4n_a, n_a)$
- Las columnas de $x$ $\to$ `weight_ih_l0`, $(4n_a, n_x)$
- $b_f, b_u, b_c, b_o$ $\to$ `bias_ih_l0`; `bias_hh_l0` queda a cero
- $W_y, b_y$ $\to$ `nn.Linear(n_a, n_y)`
""", en=r"""
### The weights: each $W$ split in two

$$W[a; x] = W_{[:, :n_a]}\,a + W_{[:, n_a:]}\,x$$

- The columns of $a$ of $W_f, W_u, W_c, W_o$ $\to$ `weight_hh_l0`, $(4n_a, n_a)$
- The columns of $x$ $\to$ `weight_ih_l0`, $(4n_a, n_x)$
- $b_f, b_u, b_c, b_o$ $\to$ `bias_ih_l0`; `bias_hh_l0` stays zero
- $W_y, b_y$ $\to$ `nn.Linear(n_a, n_y)`
""", notes_es=r"""
Los dos sesgos de PyTorch solo aparecen sumados, $W_{ih}x + b_{ih} + W_{hh}h + b_{hh}$: nuestro
único sesgo va en `bias_ih` y `bias_hh` queda a cero.
""", notes_en=r"""
PyTorch's two biases only ever appear summed, $W_{ih}x + b_{ih} + W_{hh}h + b_{hh}$: our single
bias goes into `bias_ih` and `bias_hh` stays zero.
"""),
    code(r"""
show_source(torch_state, LANG)
"""),
    code(r"""
model = load_pretrained(LANG)
p = model.parameters
n_a, V = p["Wf"].shape[0], model.vocab.size
lstm_state, linear_state = torch_state(p)
for module, state in (("lstm", lstm_state), ("linear", linear_state)):
    for name, array in state.items():
        print(f"{module}.{name:<13} {array.shape}")
#[es] las filas n_a..2n_a de weight_ih_l0 son la compuerta f: las columnas de x de Wf
#[en] rows n_a..2n_a of weight_ih_l0 are gate f: the x columns of Wf
print("weight_ih_l0[n_a:2n_a] == Wf[:, n_a:]:",
      np.array_equal(lstm_state["weight_ih_l0"][n_a:2 * n_a], p["Wf"][:, n_a:]))
""", slide="subslide", mark="state"),
    slide(es=r"""
### `torch_state`: el modelo, en el formato de PyTorch

- Las cuatro compuertas apiladas en el orden de PyTorch; nuestro sesgo, en `bias_ih`
""", en=r"""
### `torch_state`: the model, in PyTorch's format

- The four gates stacked in PyTorch's order; our bias, in `bias_ih`
""", code=r"""
GATES = (("Wi", "bi"), ("Wf", "bf"), ("Wc", "bc"), ("Wo", "bo"))
W = np.concatenate([parameters[w] for w, _b in GATES])
b = np.concatenate([parameters[b][:, 0] for _w, b in GATES])
lstm = {"weight_ih_l0": W[:, n_a:], "weight_hh_l0": W[:, :n_a],
        "bias_ih_l0": b, "bias_hh_l0": np.zeros_like(b)}
""", show="state", notes_es=r"""
`GATES` es el orden $i, f, g, o$ con nuestros nombres: `Wi` es la de $\Gamma_u$. La última línea
impresa comprueba una compuerta: las filas $n_a$ a $2n_a$ de `weight_ih_l0` son las columnas de
$x$ de $W_f$.
""", notes_en=r"""
`GATES` is the order $i, f, g, o$ under our names: `Wi` is $\Gamma_u$'s. The last printed line
checks one gate: rows $n_a$ to $2n_a$ of `weight_ih_l0` are the $x$ columns of $W_f$.
"""),
    notes(es=r"""
**12 min.** Recorre la tabla con la figura de la celda de la lección 01 al lado.

- *¿Por qué PyTorch tiene dos sesgos?* Por compatibilidad con cuDNN, la biblioteca de NVIDIA,
  que los tiene; en las cuentas solo cuenta su suma. Una red de PyTorch entrenada tiene los dos
  distintos de cero: para volver a lstm_np se suman.
- *¿Qué pasaría con $f$ e $i$ intercambiadas?* La red olvidaría donde debía escribir: la
  sección 2 lo comprueba.

Error habitual: copiar `weight_ih` en las primeras columnas de $W$ (son las de $a$, no las de
$x$).
""", en=r"""
**12 min.** Go through the table with lesson 01's cell figure beside it.

- *Why does PyTorch have two biases?* For compatibility with cuDNN, NVIDIA's library, which
  has them; in the computation only their sum counts. A trained PyTorch network has both
  non-zero: to come back to lstm_np, add them.
- *What would happen with $f$ and $i$ swapped?* The network would forget where it should
  write: section 2 checks it.

Usual mistake: copying `weight_ih` into the first columns of $W$ (those are $a$'s, not $x$'s).
"""),

    # --- 2. weights and outputs ---------------------------------------------------------------
    md(es=r"""
## 2. Los pesos del modelo preentrenado en `nn.LSTM`

`torch_modules` crea un `nn.LSTM` y un `nn.Linear` en `float64` (el tipo del modelo) y les
carga lo que devuelve `torch_state(p)`. Pasamos las mismas 8 secuencias de 50 caracteres del
texto de validación por las dos redes. Ojo a las formas: lstm_np usa $(n_x, m, T_x)$; `nn.LSTM` con
`batch_first=True`, $(m, T_x, n_x)$.
""", en=r"""
## 2. The pretrained weights in `nn.LSTM`

`torch_modules` makes an `nn.LSTM` and an `nn.Linear` in `float64` (the model's type) and
loads what `torch_state(p)` returns into them. We run the same 8 sequences of 50 characters
of the validation text through both networks. Mind the shapes: lstm_np uses
$(n_x, m, T_x)$; `nn.LSTM` with `batch_first=True`, $(m, T_x, n_x)$.
"""),
    code(r"""
lstm, linear = torch_modules(p)
print(lstm)
print(linear)

_, val_text = split_text(load_corpus(CORPUS))
m, T = 8, 50
ix = model.vocab.encode(val_text[:m * T + 1])
X, Y = ix[:-1].reshape(m, T), ix[1:].reshape(m, T)
x = one_hot(X, V)                                       # (n_x, m, T_x)
a, y_hat, c, caches = lstm_forward(x, np.zeros((n_a, m)), p)

with torch.no_grad():
    h, (h_T, c_T) = lstm(torch.from_numpy(x.transpose(1, 2, 0)))     # (m, T_x, n_x)
    y_torch = torch.softmax(linear(h), dim=-1)
#[es] de vuelta a la forma de lstm_np, (n, m, T_x)
#[en] back to lstm_np's shape, (n, m, T_x)
h, y_torch = h.numpy().transpose(2, 0, 1), y_torch.numpy().transpose(2, 0, 1)
print("max |a - h|               < 1e-12:", np.abs(a - h).max() < 1e-12)
print("max |c<T> - c_T|          < 1e-12:", np.abs(c[:, :, -1] - c_T[0].numpy().T).max() < 1e-12)
print("max |y_hat - y_torch|     < 1e-12:", np.abs(y_hat - y_torch).max() < 1e-12)
print("argmax y_hat == argmax y_torch:", (y_hat.argmax(0) == y_torch.argmax(0)).sum(), "/", m * T)
""", mark="same_outputs"),
    slide(es=r"""
## 2. Los pesos del modelo preentrenado en `nn.LSTM`

- `torch_modules`: un `nn.LSTM` y un `nn.Linear` en `float64`, con esos pesos
- Las mismas 8 secuencias de 50 caracteres, por las dos redes
- Formas: lstm_np $(n_x, m, T_x)$; `nn.LSTM` con `batch_first=True`, $(m, T_x, n_x)$
""", en=r"""
## 2. The pretrained weights in `nn.LSTM`

- `torch_modules`: an `nn.LSTM` and an `nn.Linear` in `float64`, holding those weights
- The same 8 sequences of 50 characters, through both networks
- Shapes: lstm_np $(n_x, m, T_x)$; `nn.LSTM` with `batch_first=True`, $(m, T_x, n_x)$
""", show="same_outputs"),
    md(es=r"""
Las mismas salidas, **hasta $10^{-12}$**, no bit a bit. Las dos redes hacen las mismas cuentas
en otro orden: lstm_np un producto sobre $[a; x]$, PyTorch dos productos y sus propios núcleos
de cálculo; y la suma en punto flotante no es asociativa, así que los últimos bits cambian
(unos $10^{-16}$ relativos por operación en `float64`, que crecen algo en 50 pasos). $10^{-12}$
queda muy por encima de eso y muy por debajo de lo que cambia un error de verdad. Por ejemplo,
copiar las compuertas en nuestro orden en lugar del de PyTorch:
""", en=r"""
The same outputs, **to within $10^{-12}$**, not bit for bit. The two networks do the same
arithmetic in another order: lstm_np one product on $[a; x]$, PyTorch two products and its own
kernels; and floating-point addition is not associative, so the last bits change (some
$10^{-16}$ relative per operation in `float64`, growing a little over 50 steps). $10^{-12}$ is
far above that and far below what a real mistake changes. For example, copying the gates in
our order instead of PyTorch's:
"""),
    code(r"""
#[es] f, u, c, o (nuestro orden) donde PyTorch espera i, f, g, o
#[en] f, u, c, o (our order) where PyTorch expects i, f, g, o
swapped = dict(p, Wi=p["Wf"], bi=p["bf"], Wf=p["Wi"], bf=p["bi"])
lstm_wrong, linear_wrong = torch_modules(swapped)
with torch.no_grad():
    h_wrong, _ = lstm_wrong(torch.from_numpy(x.transpose(1, 2, 0)))
    y_wrong = torch.softmax(linear_wrong(h_wrong), dim=-1).numpy().transpose(2, 0, 1)
print("max |y_hat - y_wrong| > 0.1:", np.abs(y_hat - y_wrong).max() > 0.1)
""", mark="wrong_order"),
    slide(es=r"""
### Iguales hasta $10^{-12}$, no bit a bit

- Las mismas cuentas en otro orden, y la suma en punto flotante no es asociativa
- Unos $10^{-16}$ relativos por operación en `float64`, que crecen algo en 50 pasos
- Un error de verdad cambia mucho más: las compuertas copiadas en nuestro orden
""", en=r"""
### Equal to within $10^{-12}$, not bit for bit

- The same arithmetic in another order, and floating-point addition is not associative
- Some $10^{-16}$ relative per operation in `float64`, growing a little over 50 steps
- A real mistake changes far more: the gates copied in our order
""", show="wrong_order"),
    notes(es=r"""
**12 min.** Antes de ejecutar, pregunta: «¿saldrán exactamente iguales?». Muchos dirán que sí:
son las mismas ecuaciones. La respuesta es el orden de las sumas.

- *¿Qué tolerancia usarías en `float32`?* Unos $10^{-5}$: el épsilon de `float32` es
  $1.2 \cdot 10^{-7}$ (ejercicio 1).
- *¿Por qué comparar también el argmax?* Es lo que ve quien muestrea con $T \to 0$: una
  diferencia de redondeo casi nunca cambia el carácter favorito.
""", en=r"""
**12 min.** Before running, ask: "will they come out exactly equal?". Many will say yes: they
are the same equations. The answer is the order of the sums.

- *Which tolerance would you use in `float32`?* Some $10^{-5}$: `float32`'s epsilon is
  $1.2 \cdot 10^{-7}$ (exercise 1).
- *Why compare the argmax as well?* It is what someone sampling with $T \to 0$ sees: a
  rounding difference almost never changes the favourite character.
"""),

    # --- 3. gradients -------------------------------------------------------------------------
    md(es=r"""
## 3. Los gradientes: a mano contra *autograd*

En la lección 03 escribimos `lstm_backward` y lo comprobamos con diferencias finitas.
`loss_and_gradients` lo usa en un lote. PyTorch no tiene nada parecido escrito: `loss.backward()`
recorre hacia atrás el grafo de operaciones que la pasada hacia delante dejó apuntado
(*autograd*). Mismo lote ($m = 8$, $T_x = 25$), misma pérdida media por carácter;
`numpy_gradients` devuelve los gradientes de PyTorch con nuestros nombres y formas:
""", en=r"""
## 3. The gradients: by hand against *autograd*

In lesson 03 we wrote `lstm_backward` and checked it with finite differences.
`loss_and_gradients` uses it on a batch. PyTorch has nothing like it written down:
`loss.backward()` walks backwards the graph of operations that the forward pass recorded
(*autograd*). Same batch ($m = 8$, $T_x = 25$), same mean loss per character;
`numpy_gradients` returns PyTorch's gradients under our names and shapes:
"""),
    slide(es=r"""
## 3. Los gradientes: a mano contra *autograd*

- A mano: `lstm_backward`, de la lección 03, dentro de `loss_and_gradients`
- PyTorch: `loss.backward()` recorre hacia atrás el grafo que apuntó la pasada hacia delante
- Mismo lote ($m = 8$, $T_x = 25$), misma pérdida media por carácter
""", en=r"""
## 3. The gradients: by hand against *autograd*

- By hand: lesson 03's `lstm_backward`, inside `loss_and_gradients`
- PyTorch: `loss.backward()` walks backwards the graph the forward pass recorded
- Same batch ($m = 8$, $T_x = 25$), same mean loss per character
""", code=r"""
z = linear(lstm(torch.from_numpy(x3.transpose(1, 2, 0)))[0])
loss_t = torch.nn.functional.cross_entropy(
    z.reshape(-1, V), torch.from_numpy(Y3).reshape(-1))
loss_t.backward()
auto = numpy_gradients(lstm, linear)
"""),
    code(r"""
X3, Y3 = X[:, :25], Y[:, :25]
x3 = one_hot(X3, V)
#[es] a mano: lstm_forward, la capa de salida y lstm_backward de la lección 03
#[en] by hand: lstm_forward, the output layer and lesson 03's lstm_backward
loss, grads, _, _ = loss_and_gradients(x3, Y3, np.zeros((n_a, m)), p)

lstm, linear = torch_modules(p)
z = linear(lstm(torch.from_numpy(x3.transpose(1, 2, 0)))[0])         # (m, T_x, n_y)
loss_t = torch.nn.functional.cross_entropy(z.reshape(-1, V), torch.from_numpy(Y3).reshape(-1))
loss_t.backward()
auto = numpy_gradients(lstm, linear)

print(f"L = {loss:.6f} (lstm_np)   {loss_t.item():.6f} (PyTorch)")
for name in ("dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo", "dWy", "dby"):
    error = np.abs(grads[name] - auto[name]).max() / np.abs(auto[name]).max()
    print(f"{name:<4} {str(grads[name].shape):<11} max|diff| / max|autograd| < 1e-10:",
          error < 1e-10)
""", slide="subslide", mark="gradients"),
    slide(es=r"""
### Diez gradientes, los mismos

- Todos coinciden con los de *autograd* por debajo de $10^{-10}$ relativo
- Lo que escribiste a mano en las lecciones 02 y 03 es lo que PyTorch deriva solo
""", en=r"""
### Ten gradients, the same

- All agree with autograd's below $10^{-10}$ relative
- What you wrote by hand in lessons 02 and 03 is what PyTorch derives by itself
""", show="gradients"),
    md(es=r"""
Los diez gradientes coinciden con los de *autograd* por debajo de $10^{-10}$ relativo: lo que
escribimos a mano en las lecciones 02 y 03 es lo que PyTorch deriva solo.
""", en=r"""
All ten gradients agree with *autograd*'s below $10^{-10}$ relative: what we wrote by hand in
lessons 02 and 03 is what PyTorch derives by itself.
"""),
    notes(es=r"""
**13 min.** Es el momento de la lección. Pregunta: «¿por qué $\partial L / \partial b_f$ vale lo
mismo para `bias_ih` y para `bias_hh`?» (los dos entran sumados: la derivada respecto a cada uno
es la de la suma).

- *¿Qué comprueba esto que no comprobaran las diferencias finitas?* Lo mismo por otro camino,
  y en un lote de verdad con el modelo entrenado; una implementación independiente es la
  mejor prueba que hay.
- *¿Por qué la pérdida es la media y no la suma?* `cross_entropy` promedia por omisión, como
  `compute_loss`; con la suma los gradientes serían $mT_x$ veces mayores.

Error habitual: comparar `weight_ih.grad` con las primeras columnas de `dWf`.
""", en=r"""
**13 min.** This is the lesson's moment. Ask: "why is $\partial L / \partial b_f$ the same for
`bias_ih` and for `bias_hh`?" (both enter summed: the derivative with respect to each is that
of the sum).

- *What does this check that finite differences did not?* The same by another road, and on a
  real batch with the trained model; an independent implementation is the best test there is.
- *Why is the loss the mean and not the sum?* `cross_entropy` averages by default, like
  `compute_loss`; with the sum the gradients would be $mT_x$ times larger.

Usual mistake: comparing `weight_ih.grad` with the first columns of `dWf`.
"""),

    # --- 4. what the framework gives ----------------------------------------------------------
    md(es=r"""
## 4. Qué da el framework, y qué nos dio escribirlo a mano

PyTorch da **autograd**: cambia la celda (otra compuerta, dos capas con `num_layers=2`,
*dropout*) y el gradiente sale solo, sin una línea de `lstm_backward` ni una comprobación
numérica nueva. Da **núcleos fusionados**: toda la secuencia en una llamada escrita en C++, en
lugar de nuestro bucle de Python paso a paso. Y da **GPU**: `lstm.to("cuda")` y la misma
red corre en miles de núcleos (cuDNN), donde numpy no llega. Cuál va más rápido con una red
tan pequeña en una CPU no se supone, se mide: `python -m lstm_np bench --against torch`.
Escribirlo a mano nos dio lo que el framework esconde: de dónde sale cada gradiente,
por qué $\Gamma_f$ cerca de 1 deja pasar el gradiente hacia atrás en el tiempo, por qué hay que
recortarlo, qué cuesta cada paso; y la costumbre de comprobar un gradiente antes de creerlo.
Cuando un entrenamiento en PyTorch no aprenda, esa es la caja que sabremos abrir.
""", en=r"""
## 4. What the framework gives, and what writing it by hand gave us

PyTorch gives **autograd**: change the cell (another gate, two layers with `num_layers=2`,
dropout) and the gradient comes by itself, without a line of `lstm_backward` or a new
numerical check. It gives **fused kernels**: the whole sequence in one call written in C++,
instead of our Python loop step by step. And it gives **GPUs**: `lstm.to("cuda")` and the same
network runs on thousands of cores (cuDNN), where numpy cannot go. Which is faster for a
network this small on a CPU is not assumed but measured: `python -m lstm_np bench --against
torch`. Writing it by hand gave us what the framework hides: where each
gradient comes from, why $\Gamma_f$ near 1 lets the gradient flow back through time, why it
must be clipped, what each step costs; and the habit of checking a gradient before believing
it. When a PyTorch training run does not learn, that is the box we will know how to open.
"""),
    slide(es=r"""
## 4. Qué da el framework

- **Autograd:** cambia la celda y el gradiente sale solo
- **Núcleos fusionados:** toda la secuencia en una llamada escrita en C++
- **GPU:** `lstm.to("cuda")`, y la red corre en miles de núcleos
- ¿Qué va más rápido con esta red en una CPU? Se mide:
  `python -m lstm_np bench --against torch`
""", en=r"""
## 4. What the framework gives

- **Autograd:** change the cell and the gradient comes by itself
- **Fused kernels:** the whole sequence in one call written in C++
- **GPUs:** `lstm.to("cuda")`, and the network runs on thousands of cores
- Which is faster for this network on a CPU? It is measured:
  `python -m lstm_np bench --against torch`
"""),
    slide(es=r"""
### Y qué nos dio escribirlo a mano

- De dónde sale cada gradiente
- Por qué $\Gamma_f \approx 1$ deja pasar el gradiente hacia atrás en el tiempo, y por qué se
  recorta
- Qué cuesta cada paso
- La costumbre de comprobar un gradiente antes de creerlo
""", en=r"""
### And what writing it by hand gave us

- Where each gradient comes from
- Why $\Gamma_f \approx 1$ lets the gradient flow back through time, and why it is clipped
- What each step costs
- The habit of checking a gradient before believing it
""", notes_es=r"""
Cuando un entrenamiento en PyTorch no aprenda, esta es la caja que sabrán abrir. Aquí va la
discusión de la nota de la sección: «¿volveríais a escribir una retropropagación a mano?».
""", notes_en=r"""
When a PyTorch training run does not learn, this is the box they will know how to open. This
is where the discussion of the section's note goes: "would you write a backward pass by hand
again?".
"""),
    notes(es=r"""
**9 min.** Lee el párrafo con la clase y abre la discusión: «¿volveríamos a escribir una
retropropagación a mano?» (para aprender, sí; para trabajar, no: pero sí la comprobaríamos).
La estimación de la clase: 4 de apertura + 12 de la notación + 12 de los pesos + 13 de los
gradientes + 9 de esta discusión = 50 minutos; sin huecos que escribir, cabe en la clase.
""", en=r"""
**9 min.** Read the paragraph with the class and open the discussion: "would you write a
backward pass by hand again?" (to learn, yes; to work, no: but you would check one). The
period's estimate: 4 opening + 12 for the notation + 12 for the weights + 13 for the
gradients + 9 for this discussion = 50 minutes; with no blanks to write, it fits the class.
"""),
    slide(es=r"""
## Resumen

- Mismos símbolos, otros nombres: $h$, $i$, $g$; el orden $i, f, g, o$; dos sesgos sumados
- Mismas salidas hasta $10^{-12}$: las sumas, en otro orden
- Mismos gradientes que *autograd*: tu retropropagación a mano era correcta
- **Después de clase:** ejercicios 1 a 3 (el 2, el camino de vuelta)
""", en=r"""
## Summary

- Same symbols, other names: $h$, $i$, $g$; the order $i, f, g, o$; two biases, summed
- Same outputs to within $10^{-12}$: the sums, in another order
- Same gradients as autograd: your hand-written backward pass was right
- **After class:** exercises 1 to 3 (number 2, the way back)
"""),

    # ------------------------------------------------------------------------------------
    # After class
    # ------------------------------------------------------------------------------------
    after_class(es=r"""
**Tarea:** los ejercicios 1 a 3; el 2 es el más útil: obliga a pensar los dos sesgos al revés.
""", en=r"""
**Homework:** exercises 1 to 3; number 2 is the most useful: it makes you think the two biases
backwards.
"""),
    md(es=r"""
### Ejercicios

1. **`float32`.** Repite la sección 2 con `{k: v.astype(np.float32) for k, v in p.items()}`.
   ¿Qué tolerancia hace falta ahora?
2. **De vuelta.** Entrena unas pocas actualizaciones en PyTorch (`torch.optim.Adam`), y escribe
   la función inversa de `torch_state`: ¿qué haces con los dos sesgos?
3. **La receta de PyTorch.** Lee `lstm_np/cli/bench_torch.py` (`TorchTrainer`): es `Trainer` en
   PyTorch. Ejecuta `python -m lstm_np bench --against torch` en tu máquina.
""", en=r"""
### Exercises

1. **`float32`.** Repeat section 2 with `{k: v.astype(np.float32) for k, v in p.items()}`.
   Which tolerance does it need now?
2. **The way back.** Train a few updates in PyTorch (`torch.optim.Adam`), and write the inverse
   of `torch_state`: what do you do with the two biases?
3. **PyTorch's recipe.** Read `lstm_np/cli/bench_torch.py` (`TorchTrainer`): it is `Trainer` in
   PyTorch. Run `python -m lstm_np bench --against torch` on your machine.
"""),
    guide("objectives", es=r"""
- Traducir la notación de la serie a la de `nn.LSTM`: $h$, $i$, $g$, el orden $i, f, g, o$ y
  los dos sesgos.
- Cargar unos pesos de lstm_np en PyTorch y comprobar que dan las mismas salidas, con una
  tolerancia justificada.
- Comparar una retropropagación escrita a mano con *autograd*.
""", en=r"""
- Translate the series' notation into `nn.LSTM`'s: $h$, $i$, $g$, the order $i, f, g, o$ and
  the two biases.
- Load lstm_np's weights into PyTorch and check they give the same outputs, to a justified
  tolerance.
- Compare a hand-written backward pass with autograd.
"""),
    guide("prerequisites", es=r"""
Las lecciones 01 (la celda), 03 (`lstm_backward` y la comprobación del gradiente) y 06 (el
modelo preentrenado); PyTorch instalado (`pip install torch==2.13.0`, CPU).
""", en=r"""
Lessons 01 (the cell), 03 (`lstm_backward` and the gradient check) and 06 (the pretrained
model); PyTorch installed (`pip install torch==2.13.0`, CPU).
"""),
    guide("optional", es=r"""
Si la clase va justa, la celda del orden equivocado de las compuertas puede contarse sin
ejecutarla. Los tres ejercicios son para después de clase.
""", en=r"""
If time is short, the cell with the wrong gate order can be told without running it. The
three exercises are for after class.
"""),
    guide("exit", es=r"""
1. ¿Qué compuerta de lstm_np es la $i_t$ de PyTorch, y cuál la $g_t$?
2. ¿Por qué se comparan las salidas con una tolerancia y no bit a bit?
3. ¿Qué da *autograd* que no dé nuestra `lstm_backward`?
""", en=r"""
1. Which lstm_np gate is PyTorch's $i_t$, and which its $g_t$?
2. Why are the outputs compared to a tolerance and not bit for bit?
3. What does autograd give that our `lstm_backward` does not?
"""),
    guide("answers", es=r"""
**Preguntas de salida.** (1) $i_t$ es $\Gamma_u$, la de actualización; $g_t$ es el candidato
$\tilde{c}$. (2) Las dos redes hacen las mismas sumas en otro orden, y la suma en punto
flotante no es asociativa: los últimos bits cambian. (3) El gradiente de cualquier red que se
escriba hacia delante, sin escribir su pasada hacia atrás ni comprobarla.

**Ejercicio 1.** Unos $10^{-5}$ en las probabilidades: el épsilon de `float32` es
$1.2 \cdot 10^{-7}$ y el error crece con los pasos. **Ejercicio 2.** Se suman los dos sesgos
de PyTorch en el único de cada compuerta, y se separan las filas en el orden $i, f, g, o$.
**Ejercicio 3.** Es una medida: en dos núcleos de CPU y con esta red pequeña, la diferencia
depende de la máquina y de su carga.
""", en=r"""
**Exit questions.** (1) $i_t$ is $\Gamma_u$, the update gate; $g_t$ is the candidate
$\tilde{c}$. (2) The two networks do the same sums in another order, and floating-point
addition is not associative: the last bits change. (3) The gradient of any network written
forwards, without writing its backward pass or checking it.

**Exercise 1.** Some $10^{-5}$ on the probabilities: `float32`'s epsilon is
$1.2 \cdot 10^{-7}$ and the error grows with the steps. **Exercise 2.** Add PyTorch's two
biases into each gate's single one, and split the rows in the order $i, f, g, o$.
**Exercise 3.** It is a measurement: on two CPU cores and with this small network, the
difference depends on the machine and its load.
"""),
]
