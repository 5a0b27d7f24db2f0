"""Lesson 04: gradient clipping, plain gradient descent and Adam (with the step t kept)."""
from tools.nbsource import after_class, blank, code, guide, md, notes, settings, slide

CELLS = [
    # ------------------------------------------------------------------ title
    md(es=r"""
# 04 · Optimización: recorte del gradiente y Adam

**Dónde estamos.** En las lecciones 01 a 03 la LSTM hizo predicciones (la pasada hacia delante)
y calculamos la pérdida y, con BPTT, sus gradientes $dW_f, db_f, \dots, dW_y, db_y$. Un gradiente
solo dice hacia dónde sube la pérdida; falta decidir *cuánto* mover cada peso.

**Qué haremos**

1. **Recorte del gradiente**: por qué los gradientes de una red recurrente pueden explotar;
   escribirás `clip`.
2. **Descenso del gradiente** simple: $\theta \leftarrow \theta - \alpha\, d\theta$.
3. **Adam**, paso a paso: inercia (*momentum*), RMSprop y corrección de sesgo; escribirás
   `update_parameters_with_adam`.
4. SGD contra Adam en el texto real, con las funciones de las lecciones 01 a 04.
""", en=r"""
# 04 · Optimisation: gradient clipping and Adam

**Where we are.** In lessons 01 to 03 the LSTM made predictions (the forward pass), and we
computed the loss and, with BPTT, its gradients $dW_f, db_f, \dots, dW_y, db_y$. A gradient
only says which way the loss goes up; we still have to decide *how far* to move each weight.

**What we will do**

1. **Gradient clipping**: why the gradients of a recurrent network can explode; you will
   write `clip`.
2. Plain **gradient descent**: $\theta \leftarrow \theta - \alpha\, d\theta$.
3. **Adam**, step by step: momentum, RMSprop and bias correction; you will write
   `update_parameters_with_adam`.
4. SGD against Adam on the real text, with the functions of lessons 01 to 04.
"""),
    slide(es=r"""
# 04 · Optimización: recorte del gradiente y Adam

- **Dónde estamos:** la red predice (01) y tenemos los gradientes de su pérdida (02, 03)
- Un gradiente dice hacia dónde sube la pérdida; falta decidir **cuánto** mover cada peso
- Hoy: 1 · recorte · 2 · descenso del gradiente · 3 · Adam · 4 · SGD contra Adam
- Escribirás `clip` y `update_parameters_with_adam`
""", en=r"""
# 04 · Optimisation: gradient clipping and Adam

- **Where we are:** the network predicts (01) and we have the gradients of its loss (02, 03)
- A gradient says which way the loss goes up; still to decide: **how far** to move each weight
- Today: 1 · clipping · 2 · gradient descent · 3 · Adam · 4 · SGD against Adam
- You will write `clip` and `update_parameters_with_adam`
"""),
    settings(),
    code(r"""
import numpy as np
import matplotlib.pyplot as plt

from lstm_np import (PARAMETER_NAMES, Vocabulary, compute_loss, initialize_parameters,
                     loss_and_gradients, lstm_forward, one_hot)
from lstm_np.lessons import plots
from lstm_np.engine.blas import blas_threads
from lstm_np.storage.corpus import load_corpus, split_text
from lstm_np.i18n import tr
from lstm_np.lessons.notebook import show_source
from lstm_np.core.optim import (clip, initialize_adam, update_parameters_with_adam,
                           update_parameters_with_gd)
""", slide="skip"),

    # ------------------------------------------------------------------ 1. clipping
    md(es=r"""
## 1. Recorte del gradiente

La red desplegada usa **los mismos** parámetros en cada paso de tiempo. En BPTT, el
gradiente que llega al paso $t-1$ es el del paso $t$ multiplicado por una jacobiana, así que lo
que la predicción del último paso enseña al primero atraviesa un **producto de jacobianas**.
En la red recurrente simple de la lección 03, con un solo estado $a$, es este producto (en la
LSTM el estado es el par $(a, c)$ y cada factor es la jacobiana de $(a, c)$ respecto del par
anterior, pero la idea es la misma):

$$
\frac{\partial L^{\langle T_x \rangle}}{\partial a^{\langle 1 \rangle}}
= \left(
\frac{\partial a^{\langle T_x \rangle}}{\partial a^{\langle T_x-1 \rangle}}
\cdots
\frac{\partial a^{\langle 2 \rangle}}{\partial a^{\langle 1 \rangle}}
\right)^{\!\top}
\frac{\partial L^{\langle T_x \rangle}}{\partial a^{\langle T_x \rangle}} .
$$

Si cada factor estira los vectores un poco más de 1, el producto crece exponencialmente con
el número de pasos (**explosión**); si los encoge, se desvanece (la lección 03 lo midió). El
camino de la celda, con $\partial c^{\langle t \rangle} / \partial c^{\langle t-1 \rangle} =
\Gamma_f^{\langle t \rangle}$, protege contra el desvanecimiento, pero nada impide que los
caminos a través de $a$ crezcan: un lote raro con un gradiente enorme lanza los pesos lejos
de todo lo aprendido.
""", en=r"""
## 1. Gradient clipping

The unrolled network uses **the same** parameters at every time step. In BPTT, the gradient
that reaches step $t-1$ is the gradient of step $t$ multiplied by a Jacobian, so what the last
prediction teaches the first step goes through a **product of Jacobians**. In the simple
recurrent network of lesson 03, with a single state $a$, it is this product (in the LSTM the
state is the pair $(a, c)$ and each factor is the Jacobian of $(a, c)$ with respect to the
previous pair, but the idea is the same):

$$
\frac{\partial L^{\langle T_x \rangle}}{\partial a^{\langle 1 \rangle}}
= \left(
\frac{\partial a^{\langle T_x \rangle}}{\partial a^{\langle T_x-1 \rangle}}
\cdots
\frac{\partial a^{\langle 2 \rangle}}{\partial a^{\langle 1 \rangle}}
\right)^{\!\top}
\frac{\partial L^{\langle T_x \rangle}}{\partial a^{\langle T_x \rangle}} .
$$

If every factor stretches vectors by a little more than 1, the product grows exponentially
with the number of steps (it **explodes**); if each shrinks them, it vanishes (lesson 03
measured this). The cell path, with $\partial c^{\langle t \rangle} / \partial
c^{\langle t-1 \rangle} = \Gamma_f^{\langle t \rangle}$, guards against vanishing, but nothing
stops the paths through $a$ from growing: one unusual batch with a huge gradient throws the
weights far from everything learnt.
"""),
    slide(es=r"""
## 1. Recorte del gradiente

En BPTT, lo que la última predicción enseña al primer paso atraviesa un **producto de jacobianas**:

$$\frac{\partial L^{\langle T_x \rangle}}{\partial a^{\langle 1 \rangle}}
= \left(\frac{\partial a^{\langle T_x \rangle}}{\partial a^{\langle T_x-1 \rangle}}
\cdots \frac{\partial a^{\langle 2 \rangle}}{\partial a^{\langle 1 \rangle}}\right)^{\!\top}
\frac{\partial L^{\langle T_x \rangle}}{\partial a^{\langle T_x \rangle}}$$

- Factores que estiran un poco más de 1: el producto **explota**
- El camino de $c$ frena el desvanecimiento, no la explosión por $a$
""", en=r"""
## 1. Gradient clipping

In BPTT, what the last prediction teaches the first step goes through a **product of Jacobians**:

$$\frac{\partial L^{\langle T_x \rangle}}{\partial a^{\langle 1 \rangle}}
= \left(\frac{\partial a^{\langle T_x \rangle}}{\partial a^{\langle T_x-1 \rangle}}
\cdots \frac{\partial a^{\langle 2 \rangle}}{\partial a^{\langle 1 \rangle}}\right)^{\!\top}
\frac{\partial L^{\langle T_x \rangle}}{\partial a^{\langle T_x \rangle}}$$

- Factors that stretch by a little more than 1: the product **explodes**
- The path of $c$ slows vanishing down, not explosion through $a$
"""),
    md(es=r"""
Un experimento mínimo: multiplicamos $T$ matrices aleatorias $J = \rho\,G/\sqrt{64}$ de
$64 \times 64$ ($G$ con entradas normales) y medimos la norma del producto. $\rho$ es la
**ganancia por paso del producto**: cada matriz sola tiene una norma cercana a $2\rho$ (estira
unas direcciones y encoge otras), pero el producto crece o decrece, de media, un factor
$\rho$ por paso. La segunda tabla lo muestra: $\lVert J_T \cdots J_1 \rVert^{1/T}$ va de
unos $2\rho$ en $T = 1$ a cerca de $\rho$.
""", en=r"""
A toy experiment: we multiply $T$ random $64 \times 64$ matrices $J = \rho\,G/\sqrt{64}$
($G$ with normal entries) and measure the norm of the product. $\rho$ is the **product's gain
per step**: each matrix alone has a norm near $2\rho$ (it stretches some directions and
shrinks others), but the product grows or shrinks, on average, by a factor $\rho$ per step.
The second table shows it: $\lVert J_T \cdots J_1 \rVert^{1/T}$ goes from about $2\rho$ at
$T = 1$ to near $\rho$.
""", slide="subslide"),
    code(r"""
rng = np.random.default_rng(0)
n = 64
steps = (1, 10, 25, 50, 100)
header = "  ρ  " + "".join(f"{'T = ' + str(T):>11}" for T in steps)
lines, per_step = [header], [header]
for rho in (0.9, 1.0, 1.1):
    product, norms = np.eye(n), []
    for T in range(1, max(steps) + 1):
        #[es] una «jacobiana» aleatoria, ganancia ~ rho
        #[en] a random "Jacobian", gain ~ rho
        J = rho * rng.standard_normal((n, n)) / np.sqrt(n)
        product = J @ product
        if T in steps:
            #[es] el mayor valor singular
            #[en] largest singular value
            norms.append(np.linalg.norm(product, 2))
    lines.append(f"{rho:4.1f} " + "".join(f"{x:11.2e}" for x in norms))
    #[es] la ganancia por paso: ‖J_T ⋯ J_1‖^(1/T)
    #[en] the gain per step: ‖J_T ⋯ J_1‖^(1/T)
    per_step.append(f"{rho:4.1f} " + "".join(f"{x ** (1 / T):11.2f}" for x, T in zip(norms, steps)))
print("\n".join(lines))
print()
print("\n".join(per_step))
""", mark="jacobians"),
    slide(es=r"""
### Un producto de $T$ matrices aleatorias

- $J = \rho\, G / \sqrt{64}$, de $64 \times 64$: $\rho$ es la ganancia por paso del producto
- Arriba, $\lVert J_T \cdots J_1 \rVert$; abajo, su raíz $T$-ésima: tiende a $\rho$
""", en=r"""
### A product of $T$ random matrices

- $J = \rho\, G / \sqrt{64}$, $64 \times 64$: $\rho$ is the product's gain per step
- Above, $\lVert J_T \cdots J_1 \rVert$; below, its $T$-th root: it tends to $\rho$
""", show="jacobians", notes_es=r"""
Pide que predigan la fila $\rho = 1.1$ antes de mostrarla. Un 10 % por encima o por debajo de
1 en cada paso se convierte, tras 100 pasos, en cuatro órdenes de magnitud.
""", notes_en=r"""
Ask for a prediction of the $\rho = 1.1$ row before showing it. Ten per cent above or below 1
at each step becomes, after 100 steps, four orders of magnitude.
"""),
    md(es=r"""
Un 10 % por encima o por debajo de 1 en cada paso se convierte, tras 100 pasos, en cuatro
órdenes de magnitud, y la ganancia de las jacobianas no está bajo nuestro control.
""", en=r"""
Ten per cent above or below 1 at each step becomes, after 100 steps, four orders of
magnitude, and the gain of the Jacobians is not under our control.
"""),
    md(es=r"""
### El remedio del cuaderno original: recortar cada componente

Antes de actualizar, el cuaderno original recorta **cada componente** de cada gradiente al
intervalo $[-\tau, \tau]$, con $\tau$ = `maxValue`:

$$
d\theta \;\leftarrow\; \min\bigl(\max(d\theta,\, -\tau),\; \tau\bigr) \qquad
\text{(elemento a elemento)}
$$

Su umbral era $\tau = 5$ sobre la pérdida **sumada** de una ventana de $T_x = 25$ caracteres.
Nuestra pérdida es la **media** por carácter, y su gradiente es $T_x$ veces menor: el umbral
equivalente es $5/T_x = 0.2$, el valor por defecto del `Trainer` de la lección 06. Escribe `clip`:
""", en=r"""
### The original notebook's remedy: clip every entry

Before updating, the original notebook clips **every entry** of every gradient to the
interval $[-\tau, \tau]$, with $\tau$ = `maxValue`:

$$
d\theta \;\leftarrow\; \min\bigl(\max(d\theta,\, -\tau),\; \tau\bigr) \qquad
\text{(element-wise)}
$$

Its threshold was $\tau = 5$ on the **summed** loss of a window of $T_x = 25$ characters. Our
loss is the **mean** per character, and its gradient is $T_x$ times smaller: the equivalent
threshold is $5/T_x = 0.2$, the default of lesson 06's `Trainer`. Write `clip`:
"""),
    slide(es=r"""
### El remedio del cuaderno original: recortar cada componente

$$d\theta \;\leftarrow\; \min\bigl(\max(d\theta,\, -\tau),\; \tau\bigr)
\qquad \text{(elemento a elemento)}$$

- El original: $\tau = 5$ sobre la pérdida **sumada** de $T_x = 25$ caracteres
- La nuestra es la **media**: su gradiente es $T_x$ veces menor, $\tau = 5/T_x = 0.2$
- Tu turno: escribe `clip`, en el sitio (4 minutos)
""", en=r"""
### The original notebook's remedy: clip every entry

$$d\theta \;\leftarrow\; \min\bigl(\max(d\theta,\, -\tau),\; \tau\bigr)
\qquad \text{(element-wise)}$$

- The original: $\tau = 5$ on the **summed** loss of $T_x = 25$ characters
- Ours is the **mean**: its gradient is $T_x$ times smaller, $\tau = 5/T_x = 0.2$
- Your turn: write `clip`, in place (4 minutes)
"""),
    blank(doc_es=r'''
Recorta, en el sitio, cada componente de cada gradiente al intervalo [-maxValue, maxValue].

    dθ  <-  min(max(dθ, -maxValue), maxValue)        (elemento a elemento)

Argumentos:
gradients -- diccionario nombre -> array ("dWf", "dbf", ..., "dWy", "dby"; cualquier forma)
maxValue -- número positivo, el umbral

Devuelve:
gradients -- el mismo diccionario, con sus arrays recortados en el sitio

Pista: recorre los arrays del diccionario y modifica cada uno sobre el mismo array (mira el
argumento out= de np.clip, o g[...] = ...): quien tenga una referencia a g debe ver el
cambio, así que no crees arrays nuevos.
''', doc_en=r'''
Clip, in place, every entry of every gradient to the interval [-maxValue, maxValue].

    dθ  <-  min(max(dθ, -maxValue), maxValue)        (element-wise)

Arguments:
gradients -- dict name -> array ("dWf", "dbf", ..., "dWy", "dby"; any shape)
maxValue -- positive number, the threshold

Returns:
gradients -- the same dict, its arrays clipped in place

Hint: go through the dict's arrays and change each one in place (look at np.clip's out=
argument, or g[...] = ...): whoever holds a reference to g must see the change, so do not
create new arrays.
''', code=r'''
def clip(gradients, maxValue):
    ### BEGIN SOLUTION
    for gradient in gradients.values():
        np.clip(gradient, -maxValue, maxValue, out=gradient)
    ### END SOLUTION
    return gradients
'''),
    code(r"""
from lstm_np.exercises import use

#[es] globals().get da None si tu celda no llegó a definir la función (vacía, con un error)
#[en] globals().get gives None if your cell did not define the function (empty, or it failed)
clip = use("clip", globals().get("clip"), LANG)
""", only="student"),
    code(r"""
show_source(clip, LANG)
""", only="complete"),
    md(es=r"""
Un ejemplo con números: un diccionario de gradientes con dos componentes enormes, recortado
con $\tau = 5$.
""", en=r"""
An example with numbers: a dictionary of gradients with two huge entries, clipped with
$\tau = 5$.
""", slide="subslide"),
    code(r"""
rng = np.random.default_rng(1)
grads = {"dWy": rng.normal(0.0, 1.0, (2, 4)), "dby": rng.normal(0.0, 1.0, (2, 1))}
#[es] dos componentes que explotaron
#[en] two exploded entries
grads["dWy"][0, 1] = 37.5
grads["dby"][1, 0] = -120.0
before = {key: g.copy() for key, g in grads.items()}

clipped = clip(grads, 5)

with np.printoptions(precision=2, suppress=True):
    for key in grads:
        print(f"{key}:\n{before[key]}\n→\n{clipped[key]}\n")
print(tr("clip_same_dict" if clipped is grads else "clip_new_dict", LANG))

flat_before = np.concatenate([g.ravel() for g in before.values()])
flat_after = np.concatenate([g.ravel() for g in clipped.values()])
cosine = flat_before @ flat_after / (np.linalg.norm(flat_before) * np.linalg.norm(flat_after))
print(f"{tr('clip_cosine', LANG)} = {cosine:.4f}")
""", deck="output"),
    md(es=r"""
Las componentes normales no cambian; las dos enormes quedan en $+5$ y $-5$, con su signo.
Pero el coseno dice que recortar componente a componente **cambia la dirección** del
gradiente. La alternativa, recortar por la **norma global** (`clip_grad_norm_` de PyTorch,
Pascanu, Mikolov y Bengio, 2013), reescala todos los gradientes juntos,
$g \leftarrow g \cdot \min(1, \tau / \lVert g \rVert_2)$: el paso se acorta pero conserva su
dirección. Aquí seguimos con el recorte del cuaderno original; la otra forma es un ejercicio.
""", en=r"""
The ordinary entries do not change; the two huge ones end up at $+5$ and $-5$, keeping their
sign. But the cosine says that clipping entry by entry **changes the direction** of the
gradient. The alternative, clipping by the **global norm** (PyTorch's `clip_grad_norm_`,
Pascanu, Mikolov and Bengio, 2013), rescales all the gradients together,
$g \leftarrow g \cdot \min(1, \tau / \lVert g \rVert_2)$: the step gets shorter but keeps its
direction. Here we keep the original notebook's clipping; the other one is an exercise.
"""),
    slide(es=r"""
### Recortar componente a componente cambia la dirección

- Las componentes normales no cambian; las enormes quedan en $\pm\tau$, con su signo
- Pero el gradiente ya no apunta igual: el coseno entre antes y después es menor que 1
- La alternativa, por la **norma global** (`clip_grad_norm_` de PyTorch):

$$g \leftarrow g \cdot \min\left(1, \frac{\tau}{\lVert g \rVert_2}\right)$$
""", en=r"""
### Clipping entry by entry changes the direction

- Ordinary entries do not change; the huge ones end up at $\pm\tau$, keeping their sign
- But the gradient no longer points the same way: the cosine between before and after is below 1
- The alternative, by the **global norm** (PyTorch's `clip_grad_norm_`):

$$g \leftarrow g \cdot \min\left(1, \frac{\tau}{\lVert g \rVert_2}\right)$$
""", notes_es=r"""
El cuaderno imprime el ejemplo con dos componentes enormes ($37.5$ y $-120$) y su coseno.
La norma global acorta el paso sin cambiar su dirección (Pascanu, Mikolov y Bengio, 2013); es
un ejercicio.
""", notes_en=r"""
The notebook prints the example with two huge entries ($37.5$ and $-120$) and its cosine.
The global norm shortens the step without changing its direction (Pascanu, Mikolov and
Bengio, 2013); it is an exercise.
"""),
    notes(es=r"""
**11 min.** Ejecuta en vivo la tabla de normas y pide a la clase que prediga la
fila $\rho = 1.1$ antes de verla. Da 4 minutos para el hueco `clip`.

- *¿Por qué la LSTM no está a salvo de la explosión si tiene el camino de la celda?* El
  camino de $c$ evita el desvanecimiento (factor $\Gamma_f$, sin matrices), pero los caminos
  por $a$ pasan por $W^{\top}$ en cada paso y pueden crecer.
- *¿Por qué el umbral es $5/T_x$ y no 5?* El cuaderno original sumaba la pérdida de la
  ventana; nosotros promediamos por carácter: el gradiente es $T_x$ veces menor.
- *¿Recortar cambia la dirección?* Componente a componente sí (coseno < 1); por norma
  global, no.

Errores habituales: `np.clip` sin `out=` (crea arrays nuevos y el diccionario no cambia);
recortar solo los pesos y no los sesgos.
""", en=r"""
**11 min.** Run the table of norms live and ask the class to predict the
$\rho = 1.1$ row before showing it. Give 4 minutes for the `clip` blank.

- *Why is the LSTM not safe from explosion if it has the cell path?* The $c$ path prevents
  vanishing (factor $\Gamma_f$, no matrices), but the paths through $a$ go through $W^{\top}$
  at every step and can grow.
- *Why is the threshold $5/T_x$ and not 5?* The original notebook summed the window's
  loss; we average per character: the gradient is $T_x$ times smaller.
- *Does clipping change the direction?* Entry by entry, yes (cosine < 1); by the global
  norm, no.

Usual mistakes: `np.clip` without `out=` (it creates new arrays and the dict does not
change); clipping the weights but not the biases.
"""),

    # ------------------------------------------------------------------ 2. gradient descent
    md(es=r"""
## 2. Descenso del gradiente

La regla más sencilla: mover cada parámetro un poco en contra de su gradiente,

$$
\theta \;\leftarrow\; \theta - \alpha\, d\theta ,
$$

con una única **tasa de aprendizaje** $\alpha$ para todos los parámetros. Como cada gradiente
sale de un lote y no de todo el texto, se le llama *descenso del gradiente estocástico* (SGD).
Los parámetros y los gradientes son diccionarios con las claves del cuaderno original
(`Wf` y `dWf`, ...), y la actualización es en el sitio:
""", en=r"""
## 2. Gradient descent

The simplest rule: move every parameter a little against its gradient,

$$
\theta \;\leftarrow\; \theta - \alpha\, d\theta ,
$$

with a single **learning rate** $\alpha$ for all parameters. Since each gradient comes from a
batch rather than from the whole text, it is called *stochastic gradient descent* (SGD).
Parameters and gradients are dictionaries with the original notebook's keys (`Wf` and `dWf`,
...), and the update happens in place:
"""),
    code(r"""
show_source(update_parameters_with_gd, LANG)
"""),
    code(r"""
params = {"W": np.array([1.0, -2.0, 0.5])}
grads = {"dW": np.array([0.5, -0.01, 4.0])}
update_parameters_with_gd(params, grads, learning_rate=0.1)
print(params["W"])                         # W - 0.1 dW
""", mark="gd_example"),
    slide(es=r"""
## 2. Descenso del gradiente

$$\theta \;\leftarrow\; \theta - \alpha\, d\theta$$

- Una sola **tasa de aprendizaje** $\alpha$ para todos; estocástico (SGD): cada gradiente sale
  de un lote
- El paso es **proporcional al gradiente**: haz la cuenta antes de ejecutar
""", en=r"""
## 2. Gradient descent

$$\theta \;\leftarrow\; \theta - \alpha\, d\theta$$

- A single **learning rate** $\alpha$ for all; stochastic (SGD): each gradient comes from a batch
- The step is **proportional to the gradient**: work it out before running
""", code="""
params = {"W": np.array([1.0, -2.0, 0.5])}
grads = {"dW": np.array([0.5, -0.01, 4.0])}
update_parameters_with_gd(params, grads, learning_rate=0.1)
print(params["W"])                         # W - 0.1 dW
""", show="gd_example", notes_es=r"""
El de gradiente $4$ se movió $0.4$; el de $-0.01$, solo $0.001$. En una LSTM los gradientes de
distintos bloques difieren en órdenes de magnitud: un $\alpha$ único es a la vez demasiado grande
para unos y demasiado pequeño para otros.
""", notes_en=r"""
The one with gradient $4$ moved by $0.4$; the one with $-0.01$ by only $0.001$. In an LSTM the
gradients of different blocks differ by orders of magnitude: a single $\alpha$ is too large for
some and too small for others at the same time.
"""),
    md(es=r"""
El tamaño de cada paso es $\alpha\,|d\theta|$, **proporcional al gradiente**: el parámetro con
gradiente $4$ se movió $0.4$; el de gradiente $-0.01$, solo $0.001$. En una LSTM los
gradientes de distintos parámetros difieren en órdenes de magnitud (los sesgos de salida
reciben señal en cada carácter; la columna de $W_f$ de una letra rara, casi nunca). Un
$\alpha$ único es a la vez demasiado grande para unos y demasiado pequeño para otros. Adam da
a cada parámetro su propia escala.
""", en=r"""
The size of each step is $\alpha\,|d\theta|$, **proportional to the gradient**: the parameter
with gradient $4$ moved by $0.4$; the one with gradient $-0.01$ by only $0.001$. In an LSTM
the gradients of different parameters differ by orders of magnitude (the output biases get a
signal at every character; the column of $W_f$ for a rare letter hardly ever does). A single
$\alpha$ is too large for some and too small for others at the same time. Adam gives every
parameter its own scale.
"""),
    notes(es=r"""
**5 min.** Haz la cuenta de la celda a mano en la pizarra antes de ejecutarla.

- *¿Qué unidades tiene el paso de SGD?* Las del gradiente por $\alpha$: si multiplicamos la
  pérdida por 100, el paso se multiplica por 100.
- *¿Por qué «estocástico»?* Cada gradiente sale de un lote, una muestra ruidosa del texto.

Error habitual: pensar que un $\alpha$ bueno para un bloque de parámetros sirve para todos.
""", en=r"""
**5 min.** Work the cell's arithmetic on the board before running it.

- *What units does an SGD step have?* The gradient's, times $\alpha$: multiply the loss by
  100 and the step is multiplied by 100.
- *Why "stochastic"?* Each gradient comes from a batch, a noisy sample of the text.

Usual mistake: thinking that an $\alpha$ good for one block of parameters suits them all.
"""),

    # ------------------------------------------------------------------ 3. Adam
    md(es=r"""
## 3. Adam, paso a paso

Adam (Kingma y Ba, 2015) guarda, para **cada** parámetro, dos promedios móviles
exponenciales, $v$ y $s$, que empiezan en cero. En la actualización $k = 1, 2, 3, \dots$ (el
argumento `t` del código, como en el original; aquí $k$, para no confundirlo con el paso de
tiempo $t$ de BPTT), con el gradiente $d\theta_k$:

1. **Inercia** (*momentum*, la media de los gradientes recientes):
$$v_k = \beta_1 v_{k-1} + (1 - \beta_1)\, d\theta_k$$
2. **Corrección de sesgo** de $v$:
$$\hat{v}_k = \frac{v_k}{1 - \beta_1^{\,k}}$$
3. **RMSprop** (media de los gradientes al cuadrado, elemento a elemento):
$$s_k = \beta_2 s_{k-1} + (1 - \beta_2)\, (d\theta_k)^2$$
4. **Corrección de sesgo** de $s$:
$$\hat{s}_k = \frac{s_k}{1 - \beta_2^{\,k}}$$
5. **Actualización**:
$$\theta_{k} = \theta_{k-1} - \alpha\, \frac{\hat{v}_k}{\sqrt{\hat{s}_k} + \epsilon}$$

con $\beta_1 = 0.9$, $\beta_2 = 0.999$ y $\epsilon = 10^{-8}$ por defecto.
""", en=r"""
## 3. Adam, step by step

Adam (Kingma and Ba, 2015) keeps, for **every** parameter, two exponential moving averages,
$v$ and $s$, which start at zero. At update $k = 1, 2, 3, \dots$ (the argument `t` of the
code, as in the original; $k$ here, so as not to confuse it with BPTT's time step $t$), with
the gradient $d\theta_k$:

1. **Momentum** (mean of the recent gradients):
$$v_k = \beta_1 v_{k-1} + (1 - \beta_1)\, d\theta_k$$
2. **Bias correction** of $v$:
$$\hat{v}_k = \frac{v_k}{1 - \beta_1^{\,k}}$$
3. **RMSprop** (mean of the squared gradients, element-wise):
$$s_k = \beta_2 s_{k-1} + (1 - \beta_2)\, (d\theta_k)^2$$
4. **Bias correction** of $s$:
$$\hat{s}_k = \frac{s_k}{1 - \beta_2^{\,k}}$$
5. **Update**:
$$\theta_{k} = \theta_{k-1} - \alpha\, \frac{\hat{v}_k}{\sqrt{\hat{s}_k} + \epsilon}$$

with $\beta_1 = 0.9$, $\beta_2 = 0.999$ and $\epsilon = 10^{-8}$ by default.
"""),
    slide(es=r"""
## 3. Adam, paso a paso

Dos promedios por parámetro, que empiezan en cero; en la actualización $k$:

$$\begin{aligned}
v_k &= \beta_1 v_{k-1} + (1 - \beta_1)\, d\theta_k
& \hat v_k &= \frac{v_k}{1 - \beta_1^{\,k}} \\
s_k &= \beta_2 s_{k-1} + (1 - \beta_2)\, (d\theta_k)^2
& \hat s_k &= \frac{s_k}{1 - \beta_2^{\,k}}
\end{aligned}$$

$$\theta_k = \theta_{k-1} - \alpha\, \frac{\hat v_k}{\sqrt{\hat s_k} + \epsilon}$$

- Inercia $v$, RMSprop $s$, corrección de sesgo $\hat v, \hat s$; $\beta_1 = 0.9$,
  $\beta_2 = 0.999$, $\epsilon = 10^{-8}$
""", en=r"""
## 3. Adam, step by step

Two averages per parameter, starting at zero; at update $k$:

$$\begin{aligned}
v_k &= \beta_1 v_{k-1} + (1 - \beta_1)\, d\theta_k
& \hat v_k &= \frac{v_k}{1 - \beta_1^{\,k}} \\
s_k &= \beta_2 s_{k-1} + (1 - \beta_2)\, (d\theta_k)^2
& \hat s_k &= \frac{s_k}{1 - \beta_2^{\,k}}
\end{aligned}$$

$$\theta_k = \theta_{k-1} - \alpha\, \frac{\hat v_k}{\sqrt{\hat s_k} + \epsilon}$$

- Momentum $v$, RMSprop $s$, bias correction $\hat v, \hat s$; $\beta_1 = 0.9$,
  $\beta_2 = 0.999$, $\epsilon = 10^{-8}$
""", notes_es=r"""
$k$ es el argumento `t` del código, como en el original; aquí $k$, para no confundirlo con el
paso de tiempo $t$ de BPTT (Kingma y Ba, 2015).
""", notes_en=r"""
$k$ is the code's argument `t`, as in the original; $k$ here, so as not to confuse it with
BPTT's time step $t$ (Kingma and Ba, 2015).
"""),
    md(es=r"""
- $v$ recuerda unos $1/(1-\beta_1) = 10$ pasos: promedia el ruido de los lotes y sigue
  empujando en la dirección en la que los gradientes coinciden (como una bola con inercia).
- $s$ recuerda unos $1/(1-\beta_2) = 1000$ pasos: $\sqrt{\hat{s}}$ es la magnitud típica
  (RMS) del gradiente de ese parámetro.
- El cociente $\hat{v}/\sqrt{\hat{s}}$ **no tiene unidades**: si multiplicamos la pérdida por
  100, no cambia. El paso de cada parámetro es del orden de $\alpha$, sea su gradiente grande o
  pequeño; menor cuando los gradientes recientes se contradicen (ruido), cercano a $\alpha$
  cuando coinciden.

Los momentos se crean con `initialize_adam` (ceros con la forma de cada parámetro):
""", en=r"""
- $v$ remembers about $1/(1-\beta_1) = 10$ steps: it averages out the noise of the batches and
  keeps pushing in the direction where gradients agree (like a ball with inertia).
- $s$ remembers about $1/(1-\beta_2) = 1000$ steps: $\sqrt{\hat{s}}$ is the typical size (RMS)
  of that parameter's gradient.
- The ratio $\hat{v}/\sqrt{\hat{s}}$ **has no units**: multiply the loss by 100 and it does
  not change. Every parameter's step is of the order of $\alpha$, whether its gradient is large
  or small; smaller when recent gradients contradict each other (noise), close to $\alpha$ when
  they agree.

The moments are created by `initialize_adam` (zeros shaped like each parameter):
""", slide="subslide"),
    code(r"""
show_source(initialize_adam, LANG)
"""),
    md(es=r"""
Escribe la actualización. Las cinco ecuaciones, en el mismo orden, para cada clave; $v$, $s$
y los parámetros cambian **en el sitio**: así, quien guarde una referencia a esos arrays (un
bucle de entrenamiento, un punto de control) ve los valores nuevos sin recibir otro
diccionario.
""", en=r"""
Write the update. The five equations, in the same order, for every key; $v$, $s$ and the
parameters change **in place**: that way whoever holds a reference to those arrays (a
training loop, a checkpoint) sees the new values without being handed another dict.
""", slide="subslide"),
    slide(es=r"""
### Qué recuerda cada promedio

- $v$, unos $1/(1-\beta_1) = 10$ pasos: promedia el ruido y empuja donde los gradientes coinciden
- $s$, unos $1/(1-\beta_2) = 1000$ pasos: $\sqrt{\hat s}$ es la magnitud típica del gradiente
- $\hat v / \sqrt{\hat s}$ **no tiene unidades**: pasos del orden de $\alpha$, sea el gradiente
  grande o pequeño
- Tu turno: escribe `update_parameters_with_adam`, en el sitio (10 minutos)
""", en=r"""
### What each average remembers

- $v$, about $1/(1-\beta_1) = 10$ steps: it averages out the noise and pushes where gradients agree
- $s$, about $1/(1-\beta_2) = 1000$ steps: $\sqrt{\hat s}$ is the typical size of the gradient
- $\hat v / \sqrt{\hat s}$ **has no units**: steps of the order of $\alpha$, whether the
  gradient is large or small
- Your turn: write `update_parameters_with_adam`, in place (10 minutes)
"""),
    blank(doc_es=r'''
Un paso de Adam, en el sitio, para cada clave de `parameters`:

    v  = beta1 v + (1 - beta1) dθ                       inercia (momentum)
    s  = beta2 s + (1 - beta2) dθ²                      RMSprop (elemento a elemento)
    v̂  = v / (1 - beta1**t),   ŝ = s / (1 - beta2**t)   corrección de sesgo
    θ  = θ - learning_rate v̂ / (√ŝ + epsilon)

Argumentos:
parameters -- diccionario "Wf", "bf", ..., "Wy", "by" -> array; se actualiza en el sitio
gradients -- diccionario con "d" + clave (p. ej. "dWf") para cada clave de parameters,
             arrays de la misma forma
v, s -- diccionarios con las claves de parameters (los momentos); en el sitio
t -- número de esta actualización desde el principio del entrenamiento: 1, 2, 3, ...
learning_rate, beta1, beta2, epsilon -- números (α, β₁, β₂, ε)

Devuelve:
parameters, v, s

Pistas: v[key] *= beta1 y luego v[key] += ... cambian el array en el sitio (v[key] = ...
crearía otro). v̂ y ŝ son temporales: no se guardan en v ni en s.
''', doc_en=r'''
One Adam step, in place, for every key of `parameters`:

    v  = beta1 v + (1 - beta1) dθ                       momentum
    s  = beta2 s + (1 - beta2) dθ²                      RMSprop (element-wise)
    v̂  = v / (1 - beta1**t),   ŝ = s / (1 - beta2**t)   bias correction
    θ  = θ - learning_rate v̂ / (√ŝ + epsilon)

Arguments:
parameters -- dict "Wf", "bf", ..., "Wy", "by" -> array; updated in place
gradients -- dict with "d" + key (e.g. "dWf") for every key of parameters, arrays of the
             same shape
v, s -- dicts with the keys of parameters (the moments); in place
t -- the number of this update since training began: 1, 2, 3, ...
learning_rate, beta1, beta2, epsilon -- numbers (α, β₁, β₂, ε)

Returns:
parameters, v, s

Hints: v[key] *= beta1 and then v[key] += ... change the array in place (v[key] = ...
would make another one). v̂ and ŝ are temporaries: they are not stored in v or s.
''', code=r'''
def update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    ### BEGIN SOLUTION
    for key in parameters:
        g = gradients["d" + key]
        v[key] *= beta1
        v[key] += (1 - beta1) * g
        s[key] *= beta2
        s[key] += (1 - beta2) * g ** 2
        v_hat = v[key] / (1 - beta1 ** t)
        s_hat = s[key] / (1 - beta2 ** t)
        parameters[key] -= learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)
    ### END SOLUTION
    return parameters, v, s
'''),
    code(r"""
update_parameters_with_adam = use("update_parameters_with_adam",
                                  globals().get("update_parameters_with_adam"), LANG)
""", only="student"),
    code(r"""
show_source(update_parameters_with_adam, LANG)
""", only="complete"),
    md(es=r"""
### Un parámetro, seis pasos, a mano

Sigamos **un solo** parámetro escalar durante seis pasos con gradientes inventados, con
$\alpha = 0.01$. En las dos últimas columnas, el paso que da Adam
($-\alpha\,\hat{v}/\sqrt{\hat{s}}$) y el que daría **sin** corrección de sesgo
($-\alpha\,v/\sqrt{s}$).
""", en=r"""
### One parameter, six steps, by hand

Let us follow **a single** scalar parameter for six steps with made-up gradients, with
$\alpha = 0.01$. The last two columns show the step Adam takes
($-\alpha\,\hat{v}/\sqrt{\hat{s}}$) and the one it would take **without** bias correction
($-\alpha\,v/\sqrt{s}$).
"""),
    code(r"""
alpha, beta1, beta2, eps = 0.01, 0.9, 0.999, 1e-8
gradients = [0.5, 0.4, 0.6, -0.2, 0.5, 0.3]

theta = {"theta": np.zeros(1)}
v, s = initialize_adam(theta)
print(f"{'t':>2} {'g':>6} {'v':>8} {'v̂':>8} {'s':>10} {'ŝ':>8} {'−α v̂/√ŝ':>10} {'−α v/√s':>10}")
for t, g in enumerate(gradients, start=1):
    old = theta["theta"].copy()
    theta, v, s = update_parameters_with_adam(theta, {"dtheta": np.array([g])}, v, s, t,
                                              alpha, beta1, beta2, eps)
    step = (theta["theta"] - old)[0]
    v_t, s_t = v["theta"][0], s["theta"][0]
    v_hat, s_hat = v_t / (1 - beta1**t), s_t / (1 - beta2**t)
    uncorrected = -alpha * v_t / (np.sqrt(s_t) + eps)
    print(f"{t:>2} {g:6.2f} {v_t:8.4f} {v_hat:8.4f} {s_t:10.6f} {s_hat:8.4f} "
          f"{step:10.5f} {uncorrected:10.5f}")
""", mark="adam_table"),
    slide(es=r"""
### Un parámetro, seis pasos, a mano

- En $k = 1$: $\hat v_1 = g$ y $\hat s_1 = g^2$, así que el primer paso es
  $-\alpha\,\mathrm{signo}(g)$
- Sin corrección (última columna): pasos de tres a más de seis veces más largos, justo cuando la
  red sabe menos
""", en=r"""
### One parameter, six steps, by hand

- At $k = 1$: $\hat v_1 = g$ and $\hat s_1 = g^2$, so the first step is $-\alpha\,\mathrm{sign}(g)$
- Without correction (last column): steps three to over six times too long, just when the
  network knows least
""", show="adam_table"),
    md(es=r"""
- En $k = 1$, $v = 0.1\,g$ y $s = 0.001\,g^2$: como ambos parten de cero, se quedan muy por
  debajo de lo que estiman (la media de $g$, de $g^2$).
- Dividir por $1-\beta^k$ deshace exactamente ese sesgo: $\hat{v}_1 = g$ y $\hat{s}_1 = g^2$,
  así que **el primer paso de Adam es $-\alpha\,\mathrm{signo}(g)$**: $-0.01$, sea el
  gradiente $0.5$ o $0.0005$.
- Sin corrección los errores no se cancelan: $\sqrt{s}$ está encogido por
  $\sqrt{1-\beta_2^k}$ ($\approx 0.03$ en $k = 1$) y $v$ solo por $1-\beta_1^k$ ($0.1$), así
  que $v/\sqrt{s}$ sale **de tres a más de seis veces más grande** de lo debido: los primeros
  pasos son mucho más largos justo cuando la red sabe menos (Kingma y Ba, §3).
""", en=r"""
- At $k = 1$, $v = 0.1\,g$ and $s = 0.001\,g^2$: since both start at zero, they fall far short
  of what they estimate (the mean of $g$, of $g^2$).
- Dividing by $1-\beta^k$ removes exactly that bias: $\hat{v}_1 = g$ and $\hat{s}_1 = g^2$, so
  **Adam's first step is $-\alpha\,\mathrm{sign}(g)$**: $-0.01$, whether the gradient is $0.5$
  or $0.0005$.
- Without correction the errors do not cancel: $\sqrt{s}$ is shrunk by $\sqrt{1-\beta_2^k}$
  ($\approx 0.03$ at $k = 1$) and $v$ only by $1-\beta_1^k$ ($0.1$), so $v/\sqrt{s}$ comes out
  **three to over six times too large**: the first steps are much longer just when the
  network knows least (Kingma and Ba, §3).
""", slide="subslide"),
    notes(es=r"""
**18 min.** Deja 10 minutos para que escriban `update_parameters_with_adam` y ejecuten la
celda de comprobación. Luego recorre la tabla de seis pasos fila a fila. Cuánto dura el efecto
de la corrección (3000 pasos) queda para después de clase.

- *¿Cuánto vale el primer paso de Adam?* $\alpha\,\mathrm{signo}(g)$, sea cual sea $|g|$.
- *Si multiplicamos la pérdida por 100, ¿qué le pasa al paso de Adam?* Nada: $\hat{v}$ y
  $\sqrt{\hat{s}}$ se multiplican por 100 y el cociente no cambia (salvo $\epsilon$).
- *¿Por qué sin corrección los pasos son demasiado largos y no demasiado cortos?* $s$
  está más encogido ($\sqrt{1-\beta_2^k}$) que $v$ ($1-\beta_1^k$).

Errores habituales: `v[key] = beta1 * v[key] + ...` (crea un array nuevo: quien guardaba
una referencia no lo ve); guardar $\hat{v}$ en $v$; usar `t - 1` o empezar `t` en 0
(división por cero).
""", en=r"""
**18 min.** Give 10 minutes to write `update_parameters_with_adam` and run the check cell.
Then walk through the six-step table row by row. How long the correction matters (3000
steps) is left for after class.

- *How big is Adam's first step?* $\alpha\,\mathrm{sign}(g)$, whatever $|g|$ is.
- *If we multiply the loss by 100, what happens to Adam's step?* Nothing: $\hat{v}$ and
  $\sqrt{\hat{s}}$ are multiplied by 100 and the ratio does not change (up to $\epsilon$).
- *Why are uncorrected steps too long rather than too short?* $s$ is shrunk more
  ($\sqrt{1-\beta_2^k}$) than $v$ ($1-\beta_1^k$).

Usual mistakes: `v[key] = beta1 * v[key] + ...` (a new array: whoever held a reference
does not see it); storing $\hat{v}$ in $v$; using `t - 1` or starting `t` at 0 (division by zero).
"""),

    # ------------------------------------------------------------------ 4. GD vs Adam
    md(es=r"""
## 4. SGD contra Adam en el texto real

Ahora, la prueba que importa: la misma red, con la misma inicialización y los mismos lotes,
entrenada con SGD y con Adam. Solo hacen falta funciones de las lecciones 01 a 04: el texto se
divide con `split_text` (la última décima parte queda para validar), cada lote son $m = 16$
ventanas de $T_x = 25$ caracteres tomadas al azar del texto de entrenamiento, y
`loss_and_gradients` (lección 03) da la pérdida y los gradientes de una red pequeña, de
$n_a = 64$ unidades. La pérdida de validación se mide sobre 200 ventanas fijas del texto
reservado.
""", en=r"""
## 4. SGD against Adam on the real text

Now the test that matters: the same network, with the same initialisation and the same
batches, trained with SGD and with Adam. We need only functions from lessons 01 to 04: the text
is split with `split_text` (the last tenth is kept for validation), each batch is $m = 16$
windows of $T_x = 25$ characters drawn at random from the training text, and
`loss_and_gradients` (lesson 03) gives the loss and the gradients of a small network, with
$n_a = 64$ units. The validation loss is measured on 200 fixed windows of the held-out text.
"""),
    code(r"""
text = load_corpus(CORPUS)
train_text, val_text = split_text(text)
vocab = Vocabulary.from_text(text)
V = vocab.size                                 # n_x = n_y
n_a, m, T_x = 64, 16, 25
#[es] el umbral de la sección 1
#[en] the threshold of section 1
CLIP = 5 / T_x
train_ix, val_ix = vocab.encode(train_text), vocab.encode(val_text)

def windows(ix, starts):
    #[es] Las ventanas de T_x caracteres que empiezan en `starts`: x (n_x, k, T_x) e Y (k, T_x).
    #[en] The windows of T_x characters starting at `starts`: x (n_x, k, T_x) and Y (k, T_x).
    X = np.stack([ix[i:i + T_x] for i in starts])
    Y = np.stack([ix[i + 1:i + T_x + 1] for i in starts])
    return one_hot(X, V), Y

#[es] 200 ventanas seguidas del texto reservado
#[en] 200 consecutive held-out windows
x_val, Y_val = windows(val_ix, T_x * np.arange(200))

def validation_loss(parameters):
    _, y_hat, _, _ = lstm_forward(x_val, np.zeros((n_a, 200)), parameters)
    return compute_loss(y_hat, Y_val)

print(f"V = {V}   {len(train_ix)} + {len(val_ix)}   x_val {x_val.shape}   Y_val {Y_val.shape}")
"""),
    md(es=r"""
`train_short` escribe el bucle a la vista para que se vea que elegir el optimizador es **una
línea**. También cuenta en qué fracción de las actualizaciones el recorte actúa.
""", en=r"""
`train_short` writes the loop in the open to show that choosing the optimiser is **one
line**. It also counts in what fraction of the updates clipping acts.
""", slide="subslide"),
    code(r"""
#[es] actualizaciones por entrenamiento; validación cada 25
#[en] updates per run; validation every 25
UPDATES, EVERY = 250, 25

def train_short(optimizer, learning_rate, updates=UPDATES, every=EVERY, seed=0):
    #[es] Unos cientos de actualizaciones con "sgd" o "adam", desde la misma inicialización.
    #[en] A few hundred updates with "sgd" or "adam", from the same initialisation.
    parameters = initialize_parameters(n_a, V, V, rng=np.random.default_rng(seed))
    #[es] momentos de Adam (SGD no los usa)
    #[en] Adam's moments (unused by SGD)
    v, s = initialize_adam(parameters)
    #[es] los mismos lotes en cada entrenamiento
    #[en] the same batches for every run
    batches = np.random.default_rng(seed + 1)
    a0 = np.zeros((n_a, m))
    history = {"update": [], "train_loss": [], "val_loss": []}
    losses, clipped = [], 0
    for t in range(1, updates + 1):
        x, Y = windows(train_ix, batches.integers(0, len(train_ix) - T_x - 1, m))
        loss, gradients, _, _ = loss_and_gradients(x, Y, a0, parameters)
        gradients = {"d" + name: gradients["d" + name] for name in PARAMETER_NAMES}
        clipped += any(np.any(np.abs(g) > CLIP) for g in gradients.values())
        gradients = clip(gradients, CLIP)
        old = {name: p.copy() for name, p in parameters.items()}
        #[es] <- la única diferencia
        #[en] <- the only difference
        if optimizer == "sgd":
            parameters = update_parameters_with_gd(parameters, gradients, learning_rate)
        else:
            parameters, v, s = update_parameters_with_adam(parameters, gradients, v, s, t,
                                                           learning_rate)
        losses.append(loss)
        if t % every == 0:
            history["update"].append(t)
            #[es] media desde la última medida
            #[en] mean since the last measurement
            history["train_loss"].append(float(np.mean(losses)))
            history["val_loss"].append(validation_loss(parameters))
            losses = []
    last = {"grad": gradients, "step": {name: parameters[name] - old[name] for name in old},
            "clipped": clipped / updates}
    return history, last
""", slide="subslide", deck="output"),
    slide(es=r"""
## 4. SGD contra Adam en el texto real

- La misma red ($n_a = 64$), la misma inicialización, los mismos lotes, 250 actualizaciones
- SGD con $\alpha = 1$ y $\alpha = 5$; Adam con $\alpha = 0.01$, su valor por defecto
- Cambiar de optimizador es **una línea**:
""", en=r"""
## 4. SGD against Adam on the real text

- The same network ($n_a = 64$), the same initialisation, the same batches, 250 updates
- SGD with $\alpha = 1$ and $\alpha = 5$; Adam with $\alpha = 0.01$, its default
- Changing the optimiser is **one line**:
""", code="""
gradients = clip(gradients, CLIP)
if optimizer == "sgd":
    parameters = update_parameters_with_gd(
        parameters, gradients, learning_rate)
else:
    parameters, v, s = update_parameters_with_adam(
        parameters, gradients, v, s, t, learning_rate)
"""),
    md(es=r"""
Tres entrenamientos: SGD con $\alpha = 1$ y con $\alpha = 5$, y Adam con $\alpha = 0.01$ (el
valor por defecto de `update_parameters_with_adam`, también en el cuaderno original, cuyo
bucle de entrenamiento le pasaba $0.005$). Las tasas de SGD parecen enormes porque la pérdida
es la **media** por carácter y sus gradientes son pequeños. Los productos de matrices de esta
red son pequeños: `blas_threads()` pide a la biblioteca de álgebra lineal un solo hilo, que
aquí va más rápido que dos.
""", en=r"""
Three runs: SGD with $\alpha = 1$ and with $\alpha = 5$, and Adam with $\alpha = 0.01$
(`update_parameters_with_adam`'s default, in the original notebook too, whose training loop
passed it $0.005$). The SGD rates look huge because the loss is the **mean** per character
and its gradients are small. This network's matrix products are small: `blas_threads()` asks
the linear-algebra library for a single thread, which is faster here than two.
""", slide="subslide"),
    code(r"""
runs = {"SGD (α=1)": ("sgd", 1.0), "SGD (α=5)": ("sgd", 5.0), "Adam (α=0.01)": ("adam", 0.01)}
histories, lasts = {}, {}
with blas_threads():
    for label, (optimizer, lr) in runs.items():
        histories[label], lasts[label] = train_short(optimizer, lr)

for label, h in histories.items():
    print(tr("short_run", LANG).format(label=label, train=h["train_loss"][-1],
                                       val=h["val_loss"][-1],
                                       clipped=lasts[label]["clipped"]))
"""),
    code(r"""
fig = plots.plot_loss_comparison(histories, lang=LANG)
""", mark="loss_curves", slide="subslide", alt={
        "es": ("Pérdida de entrenamiento y de validación de SGD con α = 1 y α = 5 y de Adam con "
               "α = 0.01"),
        "en": ("Training and validation loss of SGD with α = 1 and α = 5 and of Adam with "
               "α = 0.01")}),
    slide(es=r"""
### Las curvas de pérdida

- Adam, con su $\alpha$ por defecto, llega más abajo que los dos SGD
""", en=r"""
### The loss curves

- Adam, with its default $\alpha$, gets lower than both SGD runs
""", show="loss_curves", notes_es=r"""
En esta carrera corta, el $\alpha = 5$ de SGD hubo que buscarlo probando; el de Adam es su
valor por defecto. Una comparación pequeña: SGD sin inercia, dos valores de $\alpha$, una
semilla (ejercicio 5).
El recorte actuó a lo sumo en una de cada 250 actualizaciones con SGD y en ninguna con Adam:
es un seguro contra el lote raro.
""", notes_en=r"""
In this short run, SGD's $\alpha = 5$ had to be found by trial; Adam's is its default. A
small comparison: SGD without momentum, two values of $\alpha$, one seed (exercise 5).
Clipping acted in at most one in 250 updates with SGD and in none with Adam: it is insurance
against the unusual batch.
"""),
    md(es=r"""
En esta carrera corta (250 actualizaciones), con los mismos datos, Adam llega más abajo que los
dos SGD. Subir $\alpha$ de 1 a 5 ayuda mucho a SGD, pero ese $\alpha$ hubo que buscarlo
probando, mientras que el de Adam es su valor por defecto. Es una comparación pequeña: SGD sin
inercia, dos valores de $\alpha$ y una sola semilla; con otro $\alpha$ o más pasos la
distancia cambia (ejercicio 5).

La última columna da la fracción de actualizaciones en que `clip` recortó alguna componente:
a lo sumo una de cada 250 con SGD, ninguna con Adam. Con $m = 16$ ventanas por lote, el gradiente
medio es más pequeño que el de una sola ventana,
así que el umbral actúa aún menos que en el cuaderno original: es un seguro contra el lote
raro, no algo que actúe en cada paso. Y acota el gradiente, no el paso: con SGD, una componente
recortada aún mueve su parámetro $\alpha\tau$.
""", en=r"""
In this short run (250 updates), with the same data, Adam gets lower than both SGD runs. Raising
$\alpha$ from 1 to 5 helps SGD a lot, but that $\alpha$ had to be found by trial, while
Adam's is its default. It is a small comparison: SGD without momentum, two values of $\alpha$
and one seed; with another $\alpha$ or more steps the gap changes (exercise 5).

The last column gives the fraction of updates in which `clip` clipped some entry: at most
one in 250 with SGD, none with Adam. With $m = 16$ windows per batch, the mean gradient is smaller
than that of a single window, so the
threshold acts even less than in the original notebook: it is insurance against the unusual
batch, not something that acts at every step. And it bounds the gradient, not the step: with
SGD, a clipped entry still moves its parameter by $\alpha\tau$.
""", slide="subslide"),
    md(es=r"""
### Por qué gana aquí Adam: un tamaño de paso por parámetro

Miremos la **última** actualización de cada entrenamiento, bloque a bloque: la magnitud típica
(RMS) del gradiente $d\theta$ y del paso $\Delta\theta$.
""", en=r"""
### Why Adam wins here: one step size per parameter

Let us look at the **last** update of each run, block by block: the typical size (RMS) of the
gradient $d\theta$ and of the step $\Delta\theta$.
"""),
    code(r"""
def rms(x):
    return float(np.sqrt(np.mean(x ** 2)))

compare = ["SGD (α=5)", "Adam (α=0.01)"]
print(f"{'':4}" + "".join(f"{label:>26}" for label in compare))
print(f"{'θ':4}" + f"{'RMS dθ':>13}{'RMS Δθ':>13}" * len(compare))
for name in PARAMETER_NAMES:
    row = "".join(f"{rms(lasts[label]['grad']['d' + name]):13.2e}"
                  f"{rms(lasts[label]['step'][name]):13.2e}"
                  for label in compare)
    print(f"{name:4}" + row)
for label in compare:
    sizes = [rms(lasts[label]["step"][name]) for name in PARAMETER_NAMES]
    print(tr("step_spread", LANG).format(label=label, ratio=max(sizes) / min(sizes)))
""", mark="step_sizes"),
    md(es=r"""
Con SGD el paso es $\alpha$ veces el gradiente, así que hereda todas sus diferencias: los
sesgos, que reciben señal en cada carácter, se mueven mucho más que las matrices de las
compuertas, y entre el bloque que más se mueve y el que menos hay más de un orden de magnitud
(penúltima línea). Cualquier $\alpha$ es un compromiso: lo bastante pequeño para que los
bloques de gradiente grande no se desboquen, y entonces demasiado pequeño para los demás.

Con Adam los pasos de todos los bloques son del mismo orden (última línea), una fracción de
$\alpha$: el gradiente de cada parámetro se divide por su propia escala $\sqrt{\hat{s}}$. Donde
los gradientes son pequeños pero **coherentes**, Adam da pasos grandes; donde son ruidosos,
$\hat{v}$ se queda cerca de cero y el paso se acorta solo.
""", en=r"""
With SGD the step is $\alpha$ times the gradient, so it inherits all of its differences: the
biases, which get a signal at every character, move much more than the gate matrices, and
between the block that moves most and the one that moves least there is more than an order of
magnitude (last but one line). Any $\alpha$ is a compromise: small enough for the blocks with
large gradients not to run away, and then too small for the others.

With Adam the steps of all blocks are of the same order (last line), a fraction of $\alpha$:
each parameter's gradient is divided by its own scale $\sqrt{\hat{s}}$. Where gradients are
small but **consistent**, Adam takes large steps; where they are noisy, $\hat{v}$ stays near
zero and the step shrinks by itself.
""", slide="subslide"),
    slide(es=r"""
### Por qué gana aquí Adam: un tamaño de paso por parámetro

$$\text{SGD: } \Delta\theta = -\alpha\, d\theta
\qquad\qquad
\text{Adam: } \Delta\theta = -\alpha\, \frac{\hat v}{\sqrt{\hat s} + \epsilon}$$

- SGD hereda las diferencias del gradiente: entre bloques, más de un orden de magnitud
- Un $\alpha$ único es un compromiso: pequeño para unos, grande para otros
- Adam divide cada gradiente por su propia escala: pasos del mismo orden en todos los bloques
""", en=r"""
### Why Adam wins here: one step size per parameter

$$\text{SGD: } \Delta\theta = -\alpha\, d\theta
\qquad\qquad
\text{Adam: } \Delta\theta = -\alpha\, \frac{\hat v}{\sqrt{\hat s} + \epsilon}$$

- SGD inherits the gradient's differences: between blocks, more than an order of magnitude
- A single $\alpha$ is a compromise: small for some, large for others
- Adam divides each gradient by its own scale: steps of the same order in every block
"""),
    slide(es=r"""
### Bloque a bloque, en la última actualización

- El tamaño típico (RMS) del gradiente $d\theta$ y del paso $\Delta\theta$, con SGD y con Adam
""", en=r"""
### Block by block, at the last update

- The typical size (RMS) of the gradient $d\theta$ and of the step $\Delta\theta$, with SGD and Adam
""", show="step_sizes", notes_es=r"""
Las dos últimas líneas: el cociente entre el paso del bloque que más se mueve y el del que menos.
Con SGD, más de un orden de magnitud (los sesgos, que reciben señal en cada carácter, se mueven
mucho más que las matrices); con Adam, del mismo orden.
""", notes_en=r"""
The last two lines: the ratio between the step of the block that moves most and that of the one
that moves least. With SGD, more than an order of magnitude (the biases, which get a signal at
every character, move much more than the matrices); with Adam, of the same order.
"""),
    notes(es=r"""
**13 min.** Los tres entrenamientos tardan unos segundos: lánzalos mientras
comentas `train_short`, y pide antes que predigan cuál llegará más abajo.

- *¿Qué cambia entre SGD y Adam en `train_short`?* Una línea: la llamada al optimizador. Los
  lotes, la inicialización y el recorte son los mismos.
- *¿Por qué el recorte casi no actúa?* Con la pérdida media de $m\,T_x$ caracteres, el
  gradiente es pequeño; el umbral $5/T_x$ solo corta lotes raros.
- *¿Qué hace SGD con un $\alpha$ mucho mayor?* Los bloques de gradiente grande dan pasos
  enormes y la pérdida sube (ejercicio 5).

Error habitual: comparar optimizadores con lotes o inicializaciones distintos (la diferencia
entonces no es solo del optimizador).
""", en=r"""
**13 min.** The three runs take a few seconds: start them while you discuss
`train_short`, and first ask the class to predict which one gets lowest.

- *What changes between SGD and Adam in `train_short`?* One line: the call to the
  optimiser. The batches, the initialisation and the clipping are the same.
- *Why does clipping hardly act?* With the mean loss of $m\,T_x$ characters the gradient is
  small; the $5/T_x$ threshold only cuts unusual batches.
- *What does SGD do with a much larger $\alpha$?* The blocks with large gradients take huge
  steps and the loss goes up (exercise 5).

Usual mistake: comparing optimisers with different batches or initialisations (then the
difference is not only the optimiser's).
"""),

    # ------------------------------------------------------------------ summary, exercises
    md(es=r"""
## Resumen

- En BPTT el gradiente atraviesa un producto de jacobianas y puede explotar. `clip` recorta
  cada componente a $[-\tau, \tau]$, en el sitio; $\tau = 5/T_x$ con la pérdida media por
  carácter equivale al 5 del cuaderno original. Es un seguro: actúa en pocos lotes.
- El descenso del gradiente da pasos $\alpha\,d\theta$: un único $\alpha$ no sirve a la vez para
  parámetros cuyos gradientes difieren en órdenes de magnitud.
- Adam divide la media $\hat{v}$ por la escala propia de cada parámetro, $\sqrt{\hat{s}}$:
  pasos parecidos para todos, del orden de $\alpha$ o menos. La corrección de sesgo compensa que
  $v$ y $s$ empiezan en cero.
- En esta carrera corta, con los mismos lotes y la misma inicialización, Adam con su $\alpha$
  por defecto llega más abajo que SGD sin inercia con los dos $\alpha$ probados. Cambiar de
  optimizador es una línea.
""", en=r"""
## Summary

- In BPTT the gradient goes through a product of Jacobians and can explode. `clip` clips every
  entry to $[-\tau, \tau]$, in place; $\tau = 5/T_x$ on the mean loss per character is the
  original notebook's 5. It is insurance: it acts on few batches.
- Gradient descent takes steps $\alpha\,d\theta$: a single $\alpha$ cannot suit parameters whose
  gradients differ by orders of magnitude.
- Adam divides the momentum $\hat{v}$ by each parameter's own scale, $\sqrt{\hat{s}}$: similar
  steps for all, of the order of $\alpha$ or less. Bias correction makes up for $v$ and $s$
  starting at zero.
- In this short run, with the same batches and the same initialisation, Adam with its default
  $\alpha$ gets lower than SGD without momentum with the two $\alpha$ tried. Changing the
  optimiser is one line.
"""),
    slide(es=r"""
## Resumen

- El gradiente puede explotar: `clip` recorta cada componente a $[-\tau, \tau]$; $\tau = 5/T_x$
  con la pérdida media. Un seguro
- SGD da pasos $\alpha\, d\theta$: un $\alpha$ único no sirve a todos los parámetros
- Adam: $\hat v / \sqrt{\hat s}$, pasos parecidos para todos; la corrección de sesgo compensa el
  cero inicial
- Cambiar de optimizador es una línea
""", en=r"""
## Summary

- The gradient can explode: `clip` clips every entry to $[-\tau, \tau]$; $\tau = 5/T_x$
  on the mean loss. Insurance
- SGD takes steps $\alpha\, d\theta$: a single $\alpha$ does not suit every parameter
- Adam: $\hat v / \sqrt{\hat s}$, similar steps for all; bias correction makes up for the zero start
- Changing the optimiser is one line
"""),
    notes(es=r"""
**3 min.** Resumen; encarga la lectura (cuánto dura el efecto de la corrección) y los
ejercicios 1, 2 y 5. La estimación de la clase: 11 del recorte (4 escribiendo `clip`) + 5 del
descenso del gradiente + 18 de Adam (10 escribiendo `update_parameters_with_adam`, la tabla de
seis pasos) + 13 de SGD contra Adam (los tres entrenamientos corren mientras hablas) + 3 = 50
minutos. El experimento de 3000 pasos (unos 5 minutos) queda fuera.
""", en=r"""
**3 min.** Summary; set the reading (how long the correction matters) and exercises 1, 2 and
5. The period's estimate: 11 for clipping (4 writing `clip`) + 5 for gradient descent + 18 for
Adam (10 writing `update_parameters_with_adam`, the six-step table) + 13 for SGD against Adam
(the three runs go while you talk) + 3 = 50 minutes. The 3000-step experiment (about 5
minutes) is left out.
"""),

    # ------------------------------------------------------------------------------------
    # After class
    # ------------------------------------------------------------------------------------
    after_class(es=r"""
**Lectura:** cuánto dura el efecto de la corrección de sesgo (3000 pasos). **Tarea:** los
ejercicios 1, 2 y 5; el 3 y el 4 para quien quiera ir más allá.
""", en=r"""
**Reading:** how long bias correction matters (3000 steps). **Homework:** exercises 1, 2 and 5;
3 and 4 for those who want to go further.
"""),
    md(es=r"""
### ¿Cuánto dura el efecto de la corrección?

La tabla de seis pasos no lo dice. Repitamos con 2000 parámetros a la vez, cada uno con gradientes
ruidosos (una media propia más ruido de lote), durante 3000 pasos. En la tabla, `t` es el
contador de Adam, la $k$ de las fórmulas.
""", en=r"""
### How long does the correction matter?

The six-step table does not say. Let us repeat with 2000 parameters at once, each with noisy
gradients (a mean of its own plus batch noise), for 3000 steps. In the table, `t` is Adam's
counter, the $k$ of the formulas.
""", slide="subslide"),
    code(r"""
n, alpha = 2000, 0.01
rng = np.random.default_rng(2)
#[es] el gradiente medio de cada parámetro
#[en] each parameter's mean gradient
mu = rng.normal(0.0, 0.3, n)
def noisy_gradient():
    #[es] + el ruido de un lote
    #[en] + the noise of one batch
    return mu + rng.standard_normal(n)

theta = {"theta": np.zeros(n)}
v, s = initialize_adam(theta)
with_correction, without_correction = [], []
for t in range(1, 3001):
    old = theta["theta"].copy()
    theta, v, s = update_parameters_with_adam(theta, {"dtheta": noisy_gradient()}, v, s, t, alpha)
    with_correction.append(np.mean(np.abs(theta["theta"] - old)) / alpha)
    without_correction.append(np.mean(np.abs(v["theta"] / (np.sqrt(s["theta"]) + 1e-8))))

for t in (1, 10, 100, 1000, 3000):
    print(f"t = {t:4d}   |Δθ|/α: {with_correction[t - 1]:.3f} (v̂, ŝ)   "
          f"{without_correction[t - 1]:.3f} (v, s)")
"""),
    code(r"""
def plot_step_sizes(x, curves, xlabel, title, logx=False):
    #[es] Tamaño medio del paso |Δθ|/α frente al paso: una línea por caso; la primera, fina y
    #[es] encima de todas, las demás con trazos distintos, para que ninguna tape a otra.
    #[en] Mean step size |Δθ|/α against the step: one line per case; the first thin and on
    #[en] top of all, the others with different dashes, so that none hides another.
    styles = [dict(lw=1.6, ls="-", zorder=4), dict(lw=2.0, ls="--", zorder=3),
              dict(lw=4.0, ls=":", zorder=2)]
    fig, ax = plt.subplots(figsize=(12, 5.2))
    for (label, y), style in zip(curves.items(), styles):
        ax.plot(x, y, label=label, **style)
    if logx:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(tr("mean_step", LANG))
    ax.set_title(title)
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    return fig

fig = plot_step_sizes(np.arange(1, 3001),
                      {tr("with_correction", LANG): with_correction,
                       tr("without_correction", LANG): without_correction},
                      tr("adam_step_t", LANG), tr("adam_bias_title", LANG), logx=True)
""", deck="output", slide="subslide", alt={
        "es": ("Tamaño medio del paso de Adam frente al número de paso, con y sin corrección del "
               "sesgo"),
        "en": "Adam's mean step size against the step number, with and without bias correction"}),
    md(es=r"""
Con corrección, el paso empieza en exactamente $\alpha$ y baja enseguida a su valor estable
(menor que $\alpha$, porque el ruido hace que los gradientes recientes se contradigan). Sin
corrección, los pasos son más largos durante **cientos** de pasos (más del triple en
$k = 100$, aún un 25 % más en $k = 1000$): con $\beta_2 = 0.999$, el sesgo de $s$ tarda en
desaparecer tanto como dura su memoria.
""", en=r"""
With correction, the step starts at exactly $\alpha$ and quickly drops to its steady value
(smaller than $\alpha$, because noise makes recent gradients contradict each other). Without
correction, the steps are longer for **hundreds** of steps (more than three times as long at
$k = 100$, still 25 % longer at $k = 1000$): with $\beta_2 = 0.999$, the bias of $s$ takes as
long to fade as its memory lasts.
"""),
    md(es=r"""
### Ejercicios

0. Si no quedaron bien en clase, termina los huecos `clip` y `update_parameters_with_adam` del
   cuaderno del estudiante hasta que su comprobación pase.
1. **$\beta_1$ y $\beta_2$.** En la tabla de seis pasos, prueba $\beta_1 = 0$ (RMSprop con
   corrección) y $\beta_1 = 0.99$; luego $\beta_2 = 0.99$. ¿Cómo cambian $\hat{v}$ y el paso
   cuando llega el gradiente negativo de $k = 4$? El primer paso sin corrección mide
   $\alpha\,(1-\beta_1)/\sqrt{1-\beta_2}$: ¿por qué con $\beta_2 = 0.999$ es unas tres veces
   $\alpha$ y con $\beta_2 = 0.99$ exactamente $\alpha$? ¿Sigue sin corrección igual de bien en
   los pasos siguientes?
2. **Sin corrección de sesgo.** `train_short` llama a la función que se llame
   `update_parameters_with_adam` en el momento de ejecutarse. Guarda la actual
   (`adam_con_correccion = update_parameters_with_adam`), define en una celda nueva una
   `update_parameters_with_adam` que use $v$ y $s$ en lugar de $\hat{v}$ y $\hat{s}$, y vuelve a
   ejecutar `train_short("adam", 0.01)`. ¿Dónde se nota más, al principio o al final? ¿Y con
   $\alpha = 0.03$? Al terminar, recupera la original:
   `update_parameters_with_adam = adam_con_correccion`.
3. **El umbral de recorte.** Cambia `CLIP` en `train_short` por 0.01 y 0.001.
   ¿En qué fracción de las actualizaciones recorta ahora? ¿Qué le pasa a SGD? ¿Y a Adam?
   (Pista: si casi todas las componentes quedan en $\pm\tau$, el paso de SGD es
   $\alpha\tau\,\mathrm{signo}(g)$; ¿qué hace Adam con un gradiente al que solo le queda el
   signo?)
4. **Recorte por norma global.** Sustituye la llamada a `clip` por un recorte por la norma de
   todos los gradientes juntos, `norm = np.sqrt(sum(np.sum(g ** 2) for g in gradients.values()))`,
   multiplicando cada uno por `min(1.0, tau / norm)`, y compara con el recorte por componentes
   para $\tau = 0.01$. ¿Cuál conserva la dirección del gradiente?
5. **Tasas de aprendizaje.** Ejecuta `train_short` con SGD y $\alpha \in \{0.1, 1, 5, 10, 30\}$
   y con Adam y $\alpha \in \{0.001, 0.003, 0.01, 0.03, 0.1\}$, y dibuja cada familia con
   `plots.plot_loss_comparison`. ¿Dónde se estanca cada uno? ¿Dónde se vuelve inestable?
   ¿Cuál es menos sensible a $\alpha$, y por qué?
""", en=r"""
### Exercises

0. If they were not right in class, finish the `clip` and `update_parameters_with_adam` blanks
   of the student notebook until their check passes.
1. **$\beta_1$ and $\beta_2$.** In the six-step table, try $\beta_1 = 0$ (RMSprop with
   correction) and $\beta_1 = 0.99$; then $\beta_2 = 0.99$. How do $\hat{v}$ and the step change
   when the negative gradient of $k = 4$ arrives? The first uncorrected step is
   $\alpha\,(1-\beta_1)/\sqrt{1-\beta_2}$: why is it about three times $\alpha$ with
   $\beta_2 = 0.999$ and exactly $\alpha$ with $\beta_2 = 0.99$? Do the uncorrected steps stay
   as good after that?
2. **No bias correction.** `train_short` calls whatever function is named
   `update_parameters_with_adam` when it runs. Keep the current one
   (`adam_with_correction = update_parameters_with_adam`), define in a new cell an
   `update_parameters_with_adam` that uses $v$ and $s$ instead of $\hat{v}$ and $\hat{s}$, and
   run `train_short("adam", 0.01)` again. Where does it show most, at the beginning or at the
   end? And with $\alpha = 0.03$? When you are done, put the original back:
   `update_parameters_with_adam = adam_with_correction`.
3. **The clipping threshold.** Replace `CLIP` in `train_short` by 0.01 and 0.001.
   In what fraction of the updates does it clip now? What happens to SGD? And to Adam? (Hint:
   if almost every entry ends up at $\pm\tau$, SGD's step is $\alpha\tau\,\mathrm{sign}(g)$;
   what does Adam do with a gradient that has only its sign left?)
4. **Clipping by the global norm.** Replace the call to `clip` with clipping by the norm of all
   the gradients together, `norm = np.sqrt(sum(np.sum(g ** 2) for g in gradients.values()))`,
   multiplying each one by `min(1.0, tau / norm)`, and compare with element-wise clipping for
   $\tau = 0.01$. Which one keeps the direction of the gradient?
5. **Learning rates.** Run `train_short` with SGD and $\alpha \in \{0.1, 1, 5, 10, 30\}$ and with
   Adam and $\alpha \in \{0.001, 0.003, 0.01, 0.03, 0.1\}$, and plot each family with
   `plots.plot_loss_comparison`. Where does each one stall? Where does it become unstable?
   Which is less sensitive to $\alpha$, and why?
"""),
    notes(es=r"""
El ejercicio 5 responde a la pregunta de la clase: ¿qué hace SGD con un $\alpha$ mucho mayor?
Pide que traigan las dos figuras; las respuestas medidas están en esta guía.
""", en=r"""
Exercise 5 answers the class's question: what does SGD do with a much larger $\alpha$? Ask
for the two figures; the measured answers are in this guide.
"""),
    guide("objectives", es=r"""
- Explicar por qué un producto de jacobianas puede explotar, y escribir `clip`.
- Dar un paso de descenso del gradiente y ver por qué un solo $\alpha$ no sirve a todos los
  parámetros.
- Escribir `update_parameters_with_adam` y explicar la inercia, RMSprop y la corrección de
  sesgo (el primer paso vale $-\alpha\,\mathrm{signo}(g)$).
- Comparar SGD y Adam con los mismos lotes, y saber qué no dice una carrera corta.
""", en=r"""
- Explain why a product of Jacobians can explode, and write `clip`.
- Take a gradient-descent step and see why a single $\alpha$ cannot suit every parameter.
- Write `update_parameters_with_adam` and explain momentum, RMSprop and bias correction (the
  first step is $-\alpha\,\mathrm{sign}(g)$).
- Compare SGD and Adam on the same batches, and know what a short run does not say.
"""),
    guide("prerequisites", es=r"""
Las lecciones 01 a 03 (`loss_and_gradients` da la pérdida y los gradientes). Medias móviles
exponenciales; normas de vectores y matrices.
""", en=r"""
Lessons 01 to 03 (`loss_and_gradients` gives the loss and the gradients). Exponential moving
averages; vector and matrix norms.
"""),
    guide("optional", es=r"""
La segunda tabla de la sección 1 (la ganancia por paso) y la tabla RMS de la sección 4 pueden
solo mostrarse. Después de clase, los ejercicios 3 y 4 son opcionales.
""", en=r"""
The second table of section 1 (the gain per step) and the RMS table of section 4 can just be
shown. After class, exercises 3 and 4 are optional.
"""),
    guide("exit", es=r"""
1. ¿Cuánto vale el primer paso de Adam, sea cual sea el gradiente, y por qué?
2. ¿Por qué el umbral de recorte es $5/T_x$ y no 5?
3. ¿Por qué un solo $\alpha$ no sirve a la vez para los sesgos de salida y las matrices de las
   compuertas con SGD?
""", en=r"""
1. How large is Adam's first step, whatever the gradient, and why?
2. Why is the clipping threshold $5/T_x$ and not 5?
3. Why can a single $\alpha$ not suit both the output biases and the gate matrices with SGD?
"""),
    guide("answers", es=r"""
**Preguntas de salida.** (1) $-\alpha\,\mathrm{signo}(g)$: con la corrección,
$\hat v_1 = g$ y $\hat s_1 = g^2$. (2) El original sumaba la pérdida de 25 caracteres; la
nuestra es la media, con un gradiente $T_x$ veces menor. (3) Sus gradientes difieren en más de
un orden de magnitud, y con SGD el paso es proporcional al gradiente.

**Ejercicio 1.** Con $\beta_1 = 0$, $\hat v = g$: en $k = 4$ el paso cambia de signo al
instante; con $\beta_1 = 0.99$, $\hat v$ apenas se mueve y el parámetro sigue en la misma
dirección. El primer paso sin corrección es $\alpha\,(1-\beta_1)/\sqrt{1-\beta_2}$:
$0.1/0.0316 \approx 3.16\,\alpha$ con $\beta_2 = 0.999$ y $0.1/0.1 = \alpha$ con
$\beta_2 = 0.99$. Pero no sigue igual de bien: el sesgo de $v$ desaparece en unos 10 pasos y el
de $s$ en unos 100, así que el factor $(1-\beta_1^k)/\sqrt{1-\beta_2^k}$ sube hasta unos 2.1
hacia $k = 10$–$15$ y vuelve a 1 muy despacio.

**Ejercicio 2.** Se nota al principio: los pasos sin corrección son varias veces más largos y
lo siguen siendo durante cientos de actualizaciones (la lectura de los 3000 pasos lo mide:
6.5 veces en $k = 10$, 3.2 en $k = 100$, 1.26 en $k = 1000$); al final las dos versiones
coinciden. Con $\alpha = 0.03$ ese exceso inicial es tres veces mayor
en valor absoluto: mira las primeras 100 actualizaciones de la curva.

**Ejercicio 3.** Con `CLIP` de 0.01 o 0.001 el recorte actúa en casi todas las
actualizaciones. SGD se frena mucho: cada componente se mueve como mucho $\alpha\tau$. Adam
casi no cambia: divide por $\sqrt{\hat s}$, así que un gradiente reducido a su signo da pasos
del orden de $\alpha$ mientras los signos sean coherentes.

**Ejercicio 4.** El recorte por norma global multiplica todos los gradientes por el mismo
número: el coseno con el gradiente original es 1, conserva la dirección; el recorte por
componentes no.

**Ejercicio 5 (dónde diverge SGD).** Medido con `train_short` (250 actualizaciones, pérdida de
validación al final, español / inglés): SGD con $\alpha = 0.1$: 3.00 / 2.93 (apenas se mueve);
1: 2.49 / 2.40; 5: 2.07 / 2.05; 10: 2.00 / 1.95; con **30 diverge**: la pérdida sube (en
español la de entrenamiento pasa de 80 y la de validación llega a infinito) y el recorte actúa
en el 74–100 % de las actualizaciones. Adam con $\alpha = 0.001$: 2.71 / 2.52; 0.003:
2.27 / 2.16; 0.01: 1.99 / 1.90; 0.03: 1.81 / 1.74; 0.1: 1.82 / 1.81. SGD solo funciona en una
franja estrecha (5–10, y con 10 casi iguala a Adam por defecto); Adam funciona en un factor 30
de $\alpha$ y aquí su mejor valor es 0.03, no el de por defecto. Adam es menos sensible porque
su paso es del orden de $\alpha$ sea cual sea la escala del gradiente. Es la razón de que la
lección diga «en esta carrera corta».
""", en=r"""
**Exit questions.** (1) $-\alpha\,\mathrm{sign}(g)$: with the correction, $\hat v_1 = g$ and
$\hat s_1 = g^2$. (2) The original summed the loss of 25 characters; ours is the mean, with a
gradient $T_x$ times smaller. (3) Their gradients differ by more than an order of magnitude,
and with SGD the step is proportional to the gradient.

**Exercise 1.** With $\beta_1 = 0$, $\hat v = g$: at $k = 4$ the step changes sign at once;
with $\beta_1 = 0.99$, $\hat v$ hardly moves and the parameter keeps going the same way. The
first uncorrected step is $\alpha\,(1-\beta_1)/\sqrt{1-\beta_2}$: $0.1/0.0316 \approx
3.16\,\alpha$ with $\beta_2 = 0.999$ and $0.1/0.1 = \alpha$ with $\beta_2 = 0.99$. But it does
not stay as good: $v$'s bias fades in about 10 steps and $s$'s in about 100, so the factor
$(1-\beta_1^k)/\sqrt{1-\beta_2^k}$ climbs to about 2.1 around $k = 10$–$15$ and comes back to 1
very slowly.

**Exercise 2.** It shows at the beginning: the uncorrected steps are several times longer and
stay longer for hundreds of updates (the 3000-step reading measures it: 6.5 times at
$k = 10$, 3.2 at $k = 100$, 1.26 at $k = 1000$); at the end both versions agree. With $\alpha =
0.03$ that early excess is three times larger in absolute
terms: look at the first 100 updates of the curve.

**Exercise 3.** With `CLIP` at 0.01 or 0.001 clipping acts in almost every update. SGD slows
down a lot: each entry moves by at most $\alpha\tau$. Adam hardly changes: it divides by
$\sqrt{\hat s}$, so a gradient reduced to its sign gives steps of the order of $\alpha$ as long
as the signs are consistent.

**Exercise 4.** Clipping by the global norm multiplies every gradient by the same number: the
cosine with the original gradient is 1, it keeps the direction; clipping entry by entry does
not.

**Exercise 5 (where SGD diverges).** Measured with `train_short` (250 updates, validation loss
at the end, Spanish / English): SGD with $\alpha = 0.1$: 3.00 / 2.93 (it hardly moves); 1:
2.49 / 2.40; 5: 2.07 / 2.05; 10: 2.00 / 1.95; at **30 it diverges**: the loss goes up (in
Spanish the training loss passes 80 and the validation loss reaches infinity) and clipping
acts in 74–100 % of the updates. Adam with $\alpha = 0.001$: 2.71 / 2.52; 0.003: 2.27 / 2.16;
0.01: 1.99 / 1.90; 0.03: 1.81 / 1.74; 0.1: 1.82 / 1.81. SGD works only in a narrow band (5–10,
and at 10 it nearly matches Adam's default); Adam works over a factor of 30 in $\alpha$, and
its best value here is 0.03, not the default. Adam is less sensitive because its step is of
the order of $\alpha$ whatever the scale of the gradient. That is why the lesson says "in this
short run".
"""),
]
