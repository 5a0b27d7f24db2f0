"""Notebook 03: gradient clipping, plain gradient descent and Adam (with the step t kept)."""
from nbsource import code, md, settings

CELLS = [
    # ------------------------------------------------------------------ 1. title
    md(es=r"""
# 03 · Optimización: recorte del gradiente, descenso del gradiente y Adam

**Dónde estamos.** En el cuaderno 01 la LSTM hizo predicciones (*forward*): para cada carácter
de una ventana de $T_x$ caracteres calculó las compuertas $\Gamma_f, \Gamma_u, \Gamma_o$, el
candidato $\tilde{c}$, los estados $c^{\langle t \rangle}$ y $a^{\langle t \rangle}$, y la
distribución $\hat{y}^{\langle t \rangle}$ del siguiente carácter. En el cuaderno 02 calculamos
la pérdida y, con la regla de la cadena a través del tiempo (BPTT), sus gradientes
$dW_f, db_f, \dots, dW_y, db_y$, y los comprobamos numéricamente.

**Qué hace este cuaderno.** Un gradiente solo dice hacia dónde sube la pérdida; falta decidir
*cuánto* mover cada peso. Veremos las piezas que la semilla usa para eso.

**Qué haremos**

1. **Recorte del gradiente** (`clip`): por qué los gradientes de una red recurrente pueden
   explotar y cómo se acotan.
2. **Descenso del gradiente** simple: $\theta \leftarrow \theta - \alpha\, d\theta$.
3. **Adam**, paso a paso: momento, RMSprop y corrección de sesgo, con una tabla hecha a mano.
4. Por qué el contador de pasos $t$ debe guardarse junto con $v$ y $s$ (un error de la
   semilla).
5. La misma red, con los mismos datos, entrenada con descenso del gradiente y con Adam: las
   curvas de pérdida, y por qué gana Adam.

El entrenamiento completo (épocas, *checkpoints*, reanudación) llega en el cuaderno 05.
""", en=r"""
# 03 · Optimisation: gradient clipping, gradient descent and Adam

**Where we are.** In notebook 01 the LSTM made predictions (the forward pass): for every
character of a window of $T_x$ characters it computed the gates $\Gamma_f, \Gamma_u, \Gamma_o$,
the candidate $\tilde{c}$, the states $c^{\langle t \rangle}$ and $a^{\langle t \rangle}$, and
the distribution $\hat{y}^{\langle t \rangle}$ of the next character. In notebook 02 we computed
the loss and, with the chain rule through time (BPTT), its gradients
$dW_f, db_f, \dots, dW_y, db_y$, and checked them numerically.

**What this notebook does.** A gradient only says which way the loss goes up; we still have
to decide *how far* to move each weight. We look at the pieces the seed uses for that.

**What we will do**

1. **Gradient clipping** (`clip`): why the gradients of a recurrent network can explode and
   how they are kept bounded.
2. Plain **gradient descent**: $\theta \leftarrow \theta - \alpha\, d\theta$.
3. **Adam**, step by step: momentum, RMSprop and bias correction, with a table worked by hand.
4. Why the step counter $t$ must be saved together with $v$ and $s$ (a bug of the seed).
5. The same network, on the same data, trained with gradient descent and with Adam: the loss
   curves, and why Adam wins.

Full training (epochs, checkpoints, resuming) comes in notebook 05.
"""),
    settings(),
    code(r"""
import numpy as np
import matplotlib.pyplot as plt

from lstm_np import plots
from lstm_np.data import load_corpus, split_text
from lstm_np.fast import FastLSTM, flatten, views
from lstm_np.i18n import tr
from lstm_np.notebook import show_source
from lstm_np.optim import (clip, initialize_adam, update_parameters_with_adam,
                           update_parameters_with_gd)
from lstm_np.params import PARAMETER_NAMES, initialize_parameters
from lstm_np.text import Vocabulary
from lstm_np.train import Trainer, evaluate_indices
"""),

    # ------------------------------------------------------------------ 2. clipping
    md(es=r"""
## 1. Recorte del gradiente

### Por qué explotan los gradientes

La red desenrollada usa **los mismos** parámetros en cada paso de tiempo:

![La LSTM desenrollada en el tiempo](../../img/lstm_unrolled_es.png)

En BPTT, el gradiente que llega al paso $t-1$ es el del paso $t$ multiplicado por la jacobiana
$\partial a^{\langle t \rangle} / \partial a^{\langle t-1 \rangle}$ (en `lstm_cell_backward`:
`da_prev` $= \sum_g W_{g,a}^{\top}\, dz_g$, con $W_{g,a}$ la parte de $W_f, W_i, W_c, W_o$
que actúa sobre $a^{\langle t-1 \rangle}$). Así, lo que la predicción del último paso enseña
al primero atraviesa un **producto de jacobianas**:

$$
\frac{\partial L^{\langle T_x \rangle}}{\partial a^{\langle 1 \rangle}}
= \left(
\frac{\partial a^{\langle T_x \rangle}}{\partial a^{\langle T_x-1 \rangle}}
\cdots
\frac{\partial a^{\langle 3 \rangle}}{\partial a^{\langle 2 \rangle}}
\frac{\partial a^{\langle 2 \rangle}}{\partial a^{\langle 1 \rangle}}
\right)^{\!\top}
\frac{\partial L^{\langle T_x \rangle}}{\partial a^{\langle T_x \rangle}} .
$$

Si cada factor estira los vectores un poco más de 1, el producto crece exponencialmente con
el número de pasos (**explosión**); si los encoge un poco, se desvanece (la sección 6 del
cuaderno 02 lo midió en la red preentrenada). La LSTM protege
contra el desvanecimiento con el camino de la celda, donde
$\partial c^{\langle t \rangle} / \partial c^{\langle t-1 \rangle} = \Gamma_f^{\langle t \rangle}$
(un factor entre 0 y 1 por unidad, sin multiplicar por matrices), pero nada impide que los
caminos a través de $a$ crezcan. Basta un lote raro con un gradiente enorme para lanzar los
pesos lejos de todo lo aprendido.

Un experimento de juguete: multiplicamos $T$ matrices aleatorias de $64 \times 64$ cuya
ganancia típica es $\rho$ y medimos la norma del producto.
""", en=r"""
## 1. Gradient clipping

### Why gradients explode

The unrolled network uses **the same** parameters at every time step:

![The LSTM unrolled through time](../../img/lstm_unrolled_en.png)

In BPTT, the gradient that reaches step $t-1$ is the gradient of step $t$ multiplied by the
Jacobian $\partial a^{\langle t \rangle} / \partial a^{\langle t-1 \rangle}$ (in
`lstm_cell_backward`: `da_prev` $= \sum_g W_{g,a}^{\top}\, dz_g$, with $W_{g,a}$ the part of
$W_f, W_i, W_c, W_o$ that acts on $a^{\langle t-1 \rangle}$). So what the last prediction
teaches the first step goes through a **product of Jacobians**:

$$
\frac{\partial L^{\langle T_x \rangle}}{\partial a^{\langle 1 \rangle}}
= \left(
\frac{\partial a^{\langle T_x \rangle}}{\partial a^{\langle T_x-1 \rangle}}
\cdots
\frac{\partial a^{\langle 3 \rangle}}{\partial a^{\langle 2 \rangle}}
\frac{\partial a^{\langle 2 \rangle}}{\partial a^{\langle 1 \rangle}}
\right)^{\!\top}
\frac{\partial L^{\langle T_x \rangle}}{\partial a^{\langle T_x \rangle}} .
$$

If every factor stretches vectors by a little more than 1, the product grows exponentially
with the number of steps (it **explodes**); if each shrinks them a little, it vanishes
(section 6 of notebook 02 measured this on the pretrained network). The LSTM guards against vanishing with the cell path, where
$\partial c^{\langle t \rangle} / \partial c^{\langle t-1 \rangle} = \Gamma_f^{\langle t \rangle}$
(a factor between 0 and 1 per unit, no matrix product), but nothing stops the paths through $a$
from growing. One unusual batch with a huge gradient is enough to throw the weights far away
from everything learnt.

A toy experiment: we multiply $T$ random $64 \times 64$ matrices whose typical gain is $\rho$
and measure the norm of the product.
"""),
    code(r"""
rng = np.random.default_rng(0)
n = 64
steps = (1, 10, 25, 50, 100)
lines = ["  ρ  " + "".join(f"{'T = ' + str(T):>11}" for T in steps)]
for rho in (0.9, 1.0, 1.1):
    product, norms = np.eye(n), []
    for T in range(1, max(steps) + 1):
        J = rho * rng.standard_normal((n, n)) / np.sqrt(n)     # a random "Jacobian", gain ~ rho
        product = J @ product
        if T in steps:
            norms.append(np.linalg.norm(product, 2))           # largest singular value
    lines.append(f"{rho:4.1f} " + "".join(f"{x:11.2e}" for x in norms))
print("\n".join(lines))
"""),
    md(es=r"""
Un 10 % por encima o por debajo de 1 en cada paso se convierte, tras 100 pasos, en cuatro
órdenes de magnitud. Nuestras ventanas tienen $T_x = 25$ pasos, y los pesos cambian durante el
entrenamiento: la ganancia de las jacobianas no está bajo nuestro control.

### El remedio de la semilla: recortar cada componente

Antes de actualizar, la semilla recorta **cada componente** de cada gradiente al intervalo
$[-5, 5]$:

$$
d\theta \;\leftarrow\; \min\bigl(\max(d\theta,\, -5),\; 5\bigr) \qquad \text{(elemento a elemento)}
$$

Es la función `clip` del paquete: trabaja *en el sitio* (`out=gradient`), conserva todas las
claves del diccionario y rechaza un umbral que no sea positivo.
""", en=r"""
Ten per cent above or below 1 at each step becomes, after 100 steps, four orders of magnitude.
Our windows have $T_x = 25$ steps, and the weights change during training: the gain of the
Jacobians is not under our control.

### The seed's remedy: clip every entry

Before updating, the seed clips **every entry** of every gradient to the interval $[-5, 5]$:

$$
d\theta \;\leftarrow\; \min\bigl(\max(d\theta,\, -5),\; 5\bigr) \qquad \text{(element-wise)}
$$

This is the package's `clip`: it works *in place* (`out=gradient`), keeps every key of the
dictionary and refuses a threshold that is not positive.
"""),
    code(r"""
show_source(clip)
"""),
    md(es=r"""
Un ejemplo con números: un diccionario de gradientes con dos componentes enormes.
""", en=r"""
An example with numbers: a dictionary of gradients with two huge entries.
"""),
    code(r"""
rng = np.random.default_rng(1)
grads = {"dWy": rng.normal(0.0, 1.0, (2, 4)), "dby": rng.normal(0.0, 1.0, (2, 1))}
grads["dWy"][0, 1] = 37.5                 # two exploded entries
grads["dby"][1, 0] = -120.0
before = {key: g.copy() for key, g in grads.items()}

clipped = clip(grads, 5)

with np.printoptions(precision=2, suppress=True):
    for key in grads:
        print(f"{key} before:\n{before[key]}\n{key} after:\n{clipped[key]}\n")
print("same dict:", clipped is grads, "| keys:", list(clipped))

flat_before = np.concatenate([g.ravel() for g in before.values()])
flat_after = np.concatenate([g.ravel() for g in clipped.values()])
cosine = flat_before @ flat_after / (np.linalg.norm(flat_before) * np.linalg.norm(flat_after))
print(f"cos(before, after) = {cosine:.4f}")
"""),
    md(es=r"""
Las componentes normales no cambian; las dos enormes quedan en $+5$ y $-5$, con su signo.
Pero fíjate en el coseno: recortar componente a componente **cambia la dirección** del
gradiente, porque encoge unas componentes y otras no.

**La alternativa: recortar por la norma global.** Muchas bibliotecas (por ejemplo
`clip_grad_norm_` de PyTorch, siguiendo a Pascanu, Mikolov y Bengio, 2013) reescalan el
vector de *todos* los gradientes juntos cuando su norma pasa de un umbral $\tau$:

$$
g \;\leftarrow\; g \cdot \min\!\left(1,\ \frac{\tau}{\lVert g \rVert_2}\right).
$$

Así el paso se acorta pero conserva su dirección (coseno 1). Aquí seguimos con el recorte
de la semilla; probar la otra forma es uno de los ejercicios.
""", en=r"""
The ordinary entries do not change; the two huge ones end up at $+5$ and $-5$, keeping their
sign. But look at the cosine: clipping entry by entry **changes the direction** of the
gradient, because it shrinks some entries and not others.

**The alternative: clipping by the global norm.** Many libraries (for example PyTorch's
`clip_grad_norm_`, following Pascanu, Mikolov and Bengio, 2013) rescale the vector of *all*
gradients together when its norm exceeds a threshold $\tau$:

$$
g \;\leftarrow\; g \cdot \min\!\left(1,\ \frac{\tau}{\lVert g \rVert_2}\right).
$$

The step gets shorter but keeps its direction (cosine 1). Here we keep the seed's clipping;
trying the other one is one of the exercises.
"""),

    # ------------------------------------------------------------------ 3. gradient descent
    md(es=r"""
## 2. Descenso del gradiente

La regla más sencilla: mover cada parámetro un poco en contra de su gradiente,

$$
\theta \;\leftarrow\; \theta - \alpha\, d\theta ,
$$

con una única **tasa de aprendizaje** $\alpha$ para todos los parámetros. Como cada gradiente
sale de un lote de $m$ ventanas y no de todo el texto, se le llama también *descenso del
gradiente estocástico* (SGD). En el paquete, los parámetros y los gradientes son diccionarios
con las claves de la semilla (`Wf` y `dWf`, ...), y la actualización es en el sitio:
""", en=r"""
## 2. Gradient descent

The simplest rule: move every parameter a little against its gradient,

$$
\theta \;\leftarrow\; \theta - \alpha\, d\theta ,
$$

with a single **learning rate** $\alpha$ for all parameters. Since each gradient comes from a
batch of $m$ windows rather than from the whole text, it is also called *stochastic gradient
descent* (SGD). In the package, parameters and gradients are dictionaries with the seed's keys
(`Wf` and `dWf`, ...), and the update happens in place:
"""),
    code(r"""
show_source(update_parameters_with_gd)
"""),
    code(r"""
params = {"W": np.array([1.0, -2.0, 0.5])}
grads = {"dW": np.array([0.5, -0.01, 4.0])}
update_parameters_with_gd(params, grads, learning_rate=0.1)
print(params["W"])                         # W - 0.1 dW
"""),
    md(es=r"""
Fíjate en el tamaño de cada paso: $\alpha\,|d\theta|$, es decir, **proporcional al
gradiente**. El parámetro con gradiente $4$ se movió $0.4$; el de gradiente $-0.01$, solo
$0.001$. En una LSTM los gradientes de distintos parámetros difieren en órdenes de magnitud
(los sesgos de salida reciben señal en cada carácter; la columna de $W_f$ de una letra rara,
casi nunca). Un $\alpha$ único es a la vez demasiado grande para unos y demasiado pequeño para
otros. Adam resuelve esto dando a cada parámetro su propia escala.
""", en=r"""
Look at the size of each step: $\alpha\,|d\theta|$, that is, **proportional to the
gradient**. The parameter with gradient $4$ moved by $0.4$; the one with gradient $-0.01$ by
only $0.001$. In an LSTM the gradients of different parameters differ by orders of magnitude
(the output biases get a signal at every character; the column of $W_f$ for a rare letter
hardly ever does). A single $\alpha$ is too large for some and too small for others at the same
time. Adam fixes this by giving every parameter its own scale.
"""),

    # ------------------------------------------------------------------ 4. Adam
    md(es=r"""
## 3. Adam, paso a paso

Adam (Kingma y Ba, 2015) guarda, para **cada** parámetro, dos promedios móviles
exponenciales, $v$ y $s$, que empiezan en cero. En el paso $t = 1, 2, 3, \dots$, con el
gradiente $d\theta_t$:

1. **Momento** (media de los gradientes recientes):
$$v_t = \beta_1 v_{t-1} + (1 - \beta_1)\, d\theta_t$$
2. **Corrección de sesgo** de $v$:
$$\hat{v}_t = \frac{v_t}{1 - \beta_1^{\,t}}$$
3. **RMSprop** (media de los gradientes al cuadrado, elemento a elemento):
$$s_t = \beta_2 s_{t-1} + (1 - \beta_2)\, (d\theta_t)^2$$
4. **Corrección de sesgo** de $s$:
$$\hat{s}_t = \frac{s_t}{1 - \beta_2^{\,t}}$$
5. **Actualización**:
$$\theta_{t} = \theta_{t-1} - \alpha\, \frac{\hat{v}_t}{\sqrt{\hat{s}_t} + \epsilon}$$

con $\beta_1 = 0.9$, $\beta_2 = 0.999$ y $\epsilon = 10^{-8}$ por defecto.

- $v$ recuerda unos $1/(1-\beta_1) = 10$ pasos: promedia el ruido de los lotes y sigue
  empujando en la dirección en la que los gradientes coinciden (como una bola con inercia).
- $s$ recuerda unos $1/(1-\beta_2) = 1000$ pasos: $\sqrt{\hat{s}}$ es la magnitud típica
  (RMS) del gradiente de ese parámetro.
- El cociente $\hat{v}/\sqrt{\hat{s}}$ **no tiene unidades**: si multiplicamos la pérdida por
  100, no cambia. El paso de cada parámetro es del orden de $\alpha$, sea su gradiente grande o
  pequeño; es menor cuando los gradientes recientes se contradicen (ruido) y cercano a $\alpha$
  cuando coinciden.

Los momentos se crean con `initialize_adam` (ceros con la forma de cada parámetro):
""", en=r"""
## 3. Adam, step by step

Adam (Kingma and Ba, 2015) keeps, for **every** parameter, two exponential moving averages,
$v$ and $s$, which start at zero. At step $t = 1, 2, 3, \dots$, with the gradient
$d\theta_t$:

1. **Momentum** (mean of the recent gradients):
$$v_t = \beta_1 v_{t-1} + (1 - \beta_1)\, d\theta_t$$
2. **Bias correction** of $v$:
$$\hat{v}_t = \frac{v_t}{1 - \beta_1^{\,t}}$$
3. **RMSprop** (mean of the squared gradients, element-wise):
$$s_t = \beta_2 s_{t-1} + (1 - \beta_2)\, (d\theta_t)^2$$
4. **Bias correction** of $s$:
$$\hat{s}_t = \frac{s_t}{1 - \beta_2^{\,t}}$$
5. **Update**:
$$\theta_{t} = \theta_{t-1} - \alpha\, \frac{\hat{v}_t}{\sqrt{\hat{s}_t} + \epsilon}$$

with $\beta_1 = 0.9$, $\beta_2 = 0.999$ and $\epsilon = 10^{-8}$ by default.

- $v$ remembers about $1/(1-\beta_1) = 10$ steps: it averages out the noise of the batches and
  keeps pushing in the direction where gradients agree (like a ball with inertia).
- $s$ remembers about $1/(1-\beta_2) = 1000$ steps: $\sqrt{\hat{s}}$ is the typical size (RMS)
  of that parameter's gradient.
- The ratio $\hat{v}/\sqrt{\hat{s}}$ **has no units**: multiply the loss by 100 and it does
  not change. Every parameter's step is of the order of $\alpha$, whether its gradient is large
  or small; it is smaller when recent gradients contradict each other (noise) and close to
  $\alpha$ when they agree.

The moments are created by `initialize_adam` (zeros shaped like each parameter):
"""),
    code(r"""
show_source(initialize_adam)
"""),
    md(es=r"""
Y esta es la actualización. El paquete escribe $v \leftarrow \beta_1 v + (1-\beta_1)\,d\theta$
como dos operaciones en el sitio (`v *= beta1; v += ...`) para no crear arreglos temporales,
pero las cinco ecuaciones son las de arriba, en el mismo orden. Además rechaza un $t$ que no
sea un entero $\geq 1$.
""", en=r"""
And this is the update. The package writes $v \leftarrow \beta_1 v + (1-\beta_1)\,d\theta$ as
two in-place operations (`v *= beta1; v += ...`) to avoid temporary arrays, but the five
equations are the ones above, in the same order. It also refuses a $t$ that is not an integer
$\geq 1$.
"""),
    code(r"""
show_source(update_parameters_with_adam)
"""),
    md(es=r"""
### Un parámetro, seis pasos, a mano

Sigamos **un solo** parámetro escalar durante seis pasos con gradientes inventados, usando la
función del paquete, con $\alpha = 0.01$. En las dos últimas columnas, el paso que da Adam
($-\alpha\,\hat{v}/\sqrt{\hat{s}}$) y el que daría **sin** corrección de sesgo
($-\alpha\,v/\sqrt{s}$).
""", en=r"""
### One parameter, six steps, by hand

Let us follow **a single** scalar parameter for six steps with made-up gradients, using the
package's function, with $\alpha = 0.01$. The last two columns show the step Adam takes
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
    update_parameters_with_adam(theta, {"dtheta": np.array([g])}, v, s, t, alpha, beta1, beta2, eps)
    step = (theta["theta"] - old)[0]
    v_t, s_t = v["theta"][0], s["theta"][0]
    v_hat, s_hat = v_t / (1 - beta1**t), s_t / (1 - beta2**t)
    uncorrected = -alpha * v_t / (np.sqrt(s_t) + eps)
    print(f"{t:>2} {g:6.2f} {v_t:8.4f} {v_hat:8.4f} {s_t:10.6f} {s_hat:8.4f} {step:10.5f} {uncorrected:10.5f}")
"""),
    md(es=r"""
**Qué dice la tabla.**

- En $t = 1$, $v = (1-\beta_1)\,g = 0.1\,g$ y $s = (1-\beta_2)\,g^2 = 0.001\,g^2$: como ambos
  parten de cero, cada uno se queda muy por debajo de lo que pretende estimar (la media de
  $g$, de $g^2$). Un método que usara $v$ directamente (momento sin corregir) daría al
  principio pasos diez veces demasiado cortos.
- Dividir por $1-\beta^t$ deshace exactamente ese sesgo: $\hat{v}_1 = g$ y
  $\hat{s}_1 = g^2$, así que **el primer paso de Adam es $-\alpha\,\mathrm{signo}(g)$**:
  $-0.01$, sea el gradiente $0.5$ o $0.0005$.
- Sin corrección los errores no se cancelan en el cociente: $\sqrt{s}$ está encogido por
  $\sqrt{1-\beta_2^t}$ ($\approx 0.03$ en $t = 1$) y $v$ solo por $1-\beta_1^t$ ($0.1$), así que
  $v/\sqrt{s}$ sale **entre tres y seis veces más grande** de lo debido. Es la advertencia de
  Kingma y Ba (§3): sin corrección, los primeros pasos son mucho más largos, justo cuando la red
  sabe menos.

Con una sola fila no se ve cuánto dura el efecto. Repitamos el experimento con 2000 parámetros
a la vez, cada uno con gradientes ruidosos (una media propia más ruido de lote) durante 3000
pasos, y dibujemos el tamaño medio del paso, $|\Delta\theta| / \alpha$, con y sin corrección.
""", en=r"""
**What the table says.**

- At $t = 1$, $v = (1-\beta_1)\,g = 0.1\,g$ and $s = (1-\beta_2)\,g^2 = 0.001\,g^2$: since both
  start at zero, each falls far short of what it is meant to estimate (the mean of $g$, of
  $g^2$). A method that used $v$ directly (uncorrected momentum) would at first take steps ten
  times too short.
- Dividing by $1-\beta^t$ removes exactly that bias: $\hat{v}_1 = g$ and $\hat{s}_1 = g^2$, so
  **Adam's first step is $-\alpha\,\mathrm{sign}(g)$**: $-0.01$, whether the gradient is $0.5$
  or $0.0005$.
- Without correction the errors do not cancel in the ratio: $\sqrt{s}$ is shrunk by
  $\sqrt{1-\beta_2^t}$ ($\approx 0.03$ at $t = 1$) and $v$ only by $1-\beta_1^t$ ($0.1$), so
  $v/\sqrt{s}$ comes out **between three and six times too large**. This is Kingma and Ba's
  warning (§3): without correction the first steps are much longer, just when the network knows
  least.

A single row does not show how long the effect lasts. Let us repeat the experiment with 2000
parameters at once, each with noisy gradients (a mean of its own plus batch noise) for 3000
steps, and plot the mean step size, $|\Delta\theta| / \alpha$, with and without correction.
"""),
    code(r"""
n, alpha = 2000, 0.01
rng = np.random.default_rng(2)
mu = rng.normal(0.0, 0.3, n)               # each parameter's mean gradient
def noisy_gradient():
    return mu + rng.standard_normal(n)     # + the noise of one batch

theta = {"theta": np.zeros(n)}
v, s = initialize_adam(theta)
with_correction, without_correction = [], []
for t in range(1, 3001):
    old = theta["theta"].copy()
    update_parameters_with_adam(theta, {"dtheta": noisy_gradient()}, v, s, t, alpha)
    with_correction.append(np.mean(np.abs(theta["theta"] - old)) / alpha)
    without_correction.append(np.mean(np.abs(v["theta"] / (np.sqrt(s["theta"]) + 1e-8))))
    if t == 1000:                          # kept for the next section
        v_1000, s_1000 = v["theta"].copy(), s["theta"].copy()

for t in (1, 10, 100, 1000, 3000):
    print(f"t = {t:4d}   |Δθ|/α: {with_correction[t - 1]:.3f} (v̂, ŝ)   {without_correction[t - 1]:.3f} (v, s)")
"""),
    code(r"""
def plot_step_sizes(x, curves, xlabel, title, logx=False):
    # Mean step size |Δθ|/α against the step: one line per case.
    fig, ax = plt.subplots(figsize=(8, 3.8))
    for label, y in curves.items():
        ax.plot(x, y, lw=1.8, label=label)
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
"""),
    md(es=r"""
Con corrección, el paso empieza en exactamente $\alpha$ y baja enseguida a su valor estable
(menor que $\alpha$, porque el ruido hace que los gradientes recientes se contradigan).
Sin corrección, los pasos son varias veces más largos durante **cientos** de pasos, y aún
demasiado largos pasados los mil: con $\beta_2 = 0.999$, el sesgo de $s$ tarda en desaparecer
tanto como dura su memoria. Solo hacia el final las dos curvas se juntan, cuando $\beta_1^t$ y
$\beta_2^t$ ya son casi cero.
""", en=r"""
With correction, the step starts at exactly $\alpha$ and quickly drops to its steady value
(smaller than $\alpha$, because noise makes recent gradients contradict each other). Without
correction, the steps are several times longer for **hundreds** of steps, and still too long
after a thousand: with $\beta_2 = 0.999$, the bias of $s$ takes as long to fade as its memory
lasts. Only towards the end do the two curves meet, when $\beta_1^t$ and $\beta_2^t$ are
almost zero.
"""),

    # ------------------------------------------------------------------ 5. why t is saved
    md(es=r"""
## 4. Por qué hay que guardar el paso $t$

La corrección de sesgo depende de $t$, el número de actualizaciones **desde el principio del
entrenamiento**. La semilla lo calculaba como `j + 1`, con `j` el contador del bucle de la
sesión actual: al reanudar un entrenamiento, $t$ volvía a 1. Y su `save_parameters` guardaba
solo los pesos, sobrescribiendo el *checkpoint* que sí tenía $v$ y $s$; por eso su propia salida
avisa «Se encontraron pesos pero no estado del optimizador. Reiniciando Adam».

Veamos qué le pasa al paso con el estado de la simulación anterior tras 1000 actualizaciones,
en tres casos que reciben **los mismos** gradientes a partir de ahí:

1. lo correcto: $t$ sigue contando ($1001, 1002, \dots$) con $v$ y $s$ guardados;
2. $t$ vuelve a 1, pero con $v$ y $s$ guardados;
3. lo que hacía la semilla: $t$ vuelve a 1 y $v$, $s$ se pierden (vuelven a cero).
""", en=r"""
## 4. Why the step $t$ must be saved

Bias correction depends on $t$, the number of updates **since training began**. The seed
computed it as `j + 1`, with `j` the loop counter of the current session: when training was
resumed, $t$ went back to 1. And its `save_parameters` saved only the weights, overwriting the
checkpoint that did hold $v$ and $s$; that is why its own output warns "weights found but no
optimiser state. Restarting Adam".

Let us see what happens to the step, starting from the state of the previous simulation after
1000 updates, in three cases that receive **the same** gradients from then on:

1. the correct one: $t$ keeps counting ($1001, 1002, \dots$) with $v$ and $s$ saved;
2. $t$ goes back to 1, but with $v$ and $s$ saved;
3. what the seed did: $t$ goes back to 1 and $v$, $s$ are lost (back to zero).
"""),
    code(r"""
after = mu + rng.standard_normal((300, n))     # the same 300 gradients for the three cases

def resume(v0, s0, first_t):
    # Mean |Δθ|/α of 300 Adam updates starting from moments v0, s0 at step first_t.
    theta = {"theta": np.zeros(n)}
    v, s = {"theta": v0.copy()}, {"theta": s0.copy()}
    sizes = []
    for k, g in enumerate(after):
        old = theta["theta"].copy()
        update_parameters_with_adam(theta, {"dtheta": g}, v, s, first_t + k, alpha)
        sizes.append(np.mean(np.abs(theta["theta"] - old)) / alpha)
    return np.array(sizes)

correct = resume(v_1000, s_1000, 1001)
restart_t = resume(v_1000, s_1000, 1)
restart_all = resume(np.zeros(n), np.zeros(n), 1)

print(f"first update after resuming, |Δθ|/α:  {correct[0]:.3f} (1)   {restart_t[0]:.3f} (2)   {restart_all[0]:.3f} (3)")
print(f"ratio (2)/(1) = {restart_t[0] / correct[0]:.3f}    ratio (3)/(1) = {restart_all[0] / correct[0]:.3f}")
print(f"first 100 updates, mean ratio: (2)/(1) = {np.mean(restart_t[:100] / correct[:100]):.3f}"
      f"    (3)/(1) = {np.mean(restart_all[:100] / correct[:100]):.3f}")
"""),
    code(r"""
fig = plot_step_sizes(np.arange(1, 301),
                      {tr("resume_continue", LANG): correct,
                       tr("resume_restart_t", LANG): restart_t,
                       tr("resume_lost", LANG): restart_all},
                      tr("after_resume", LANG), tr("resume_title", LANG).format(n=1000))
"""),
    md(es=r"""
Los dos errores van en direcciones opuestas:

- **Solo $t$ reiniciado** (caso 2): $v$ y $s$ ya no tienen sesgo, pero se «corrigen» igual,
  dividiendo por $1-\beta_1 = 0.1$ y $1-\beta_2 = 0.001$. Como $\sqrt{0.001} \approx 0.03$ es
  mucho menor que $0.1$, el paso se encoge a menos de la mitad, y sigue demasiado corto durante
  cientos de actualizaciones: el entrenamiento se frena sin motivo.
- **$t$ reiniciado y momentos perdidos** (caso 3, la semilla): Adam vuelve a su primer paso,
  $\alpha\,\mathrm{signo}(g)$ en **cada** parámetro, más de tres veces el paso que tocaba. Una red
  ya entrenada recibe de golpe los pasos de una red recién inicializada, y puede perder parte
  de lo aprendido.

Por eso un *checkpoint* de `lstm_np` guarda, además de los pesos, **$t$, $v$ y $s$** (y los
estados de las secuencias, la posición en el texto y el estado del generador aleatorio), en un
único archivo escrito de forma atómica. `Trainer.resume` restaura todo y continúa con
$t + 1$: reanudar da, bit a bit, los mismos parámetros que no haber parado nunca. El
cuaderno 05 lo muestra con un entrenamiento real.
""", en=r"""
The two mistakes go in opposite directions:

- **Only $t$ restarted** (case 2): $v$ and $s$ are no longer biased, but they are "corrected"
  anyway, divided by $1-\beta_1 = 0.1$ and $1-\beta_2 = 0.001$. Since $\sqrt{0.001} \approx 0.03$
  is much smaller than $0.1$, the step shrinks to less than half, and it stays too short for
  hundreds of updates: training slows down for no reason.
- **$t$ restarted and moments lost** (case 3, the seed): Adam goes back to its first step,
  $\alpha\,\mathrm{sign}(g)$ on **every** parameter, more than three times the step it should
  take. A trained network suddenly gets the steps of a freshly initialised one, and can lose
  part of what it has learnt.

That is why an `lstm_np` checkpoint stores, besides the weights, **$t$, $v$ and $s$** (and the
states of the streams, the position in the text and the state of the random generator), in a
single file written atomically. `Trainer.resume` restores all of it and goes on with $t + 1$:
resuming gives, bit for bit, the same parameters as never having stopped. Notebook 05 shows
it on a real training run.
"""),

    # ------------------------------------------------------------------ 6. GD vs Adam
    md(es=r"""
## 5. Descenso del gradiente contra Adam, en el texto real

Ahora, la prueba que importa: la misma red, con la misma inicialización y los mismos lotes,
entrenada con SGD y con Adam. Así hace una actualización el `Trainer` del paquete: un lote,
*forward* y *backward*, recorte, Adam.
""", en=r"""
## 5. Gradient descent against Adam, on the real text

Now the test that matters: the same network, with the same initialisation and the same
batches, trained with SGD and with Adam. This is how the package's `Trainer` does one update:
a batch, forward and backward, clipping, Adam.
"""),
    code(r"""
show_source(Trainer.step)
"""),
    md(es=r"""
Vamos a escribir ese mismo bucle aquí, a la vista, para que se vea que elegir el optimizador
es **una línea**. Los datos se leen como en el `Trainer`: el texto de entrenamiento se parte
en $m$ tramos consecutivos (uno por secuencia del lote), y la actualización $w$ lee la ventana
$w$ de cada tramo; los estados $a$, $c$ de cada secuencia pasan de una ventana a la siguiente.
La última décima del texto se reserva para la pérdida de validación. Una red pequeña
($n_a = 64$, $m = 16$, $T_x = 25$) y 250 actualizaciones bastan para ver la diferencia.
""", en=r"""
We write that same loop here, in the open, to show that choosing the optimiser is **one
line**. The data are read as in the `Trainer`: the training text is cut into $m$ consecutive
parts (one per sequence of the batch), and update $w$ reads window $w$ of every part; the
states $a$, $c$ of each sequence carry over from one window to the next. The last tenth of the
text is held out for the validation loss. A small network ($n_a = 64$, $m = 16$, $T_x = 25$)
and 250 updates are enough to see the difference.
"""),
    code(r"""
text = load_corpus(CORPUS)
vocab = Vocabulary.from_text(text)
train_text, val_text = split_text(text)                # the last tenth is held out
train_ix, val_ix = vocab.encode(train_text), vocab.encode(val_text)
V = vocab.size                                          # n_x = n_y

n_a, m, T_x = 64, 16, 25
UPDATES, EVERY = 250, 25                                # updates per run; validation every 25
stream_length = (len(train_ix) - 1) // m
base = (np.arange(m) * stream_length)[:, None] + np.arange(T_x)[None, :]   # (m, T_x)
assert UPDATES <= stream_length // T_x                  # less than one epoch: no window twice

def batch(w):
    # Window w of every stream: inputs X and targets Y (the next characters), ints (m, T_x).
    idx = base + w * T_x
    return train_ix[idx], train_ix[idx + 1]

X, Y = batch(0)
print("n_x = n_y =", V, "| train:", len(train_ix), "| val:", len(val_ix), "| X, Y:", X.shape, Y.shape)
print(repr(vocab.decode(X[1])), "->", repr(vocab.decode(Y[1])))
"""),
    md(es=r"""
La función de entrenamiento corto. `flatten` copia todos los parámetros en un solo vector
`theta` (los `Wf`, ..., `by` de la semilla son vistas de trozos de él), así que el
optimizador trabaja con el diccionario `{"theta": theta}` y su gradiente `{"dtheta": grad}`:
las mismas funciones de antes, aplicadas a un único arreglo. `FastLSTM` calcula la pérdida
media por carácter y su gradiente con las mismas cuentas que el cuaderno 02, reorganizadas.
""", en=r"""
The short training function. `flatten` copies all the parameters into one vector `theta`
(the seed's `Wf`, ..., `by` are views of pieces of it), so the optimiser works on the
dictionary `{"theta": theta}` and its gradient `{"dtheta": grad}`: the same functions as
before, applied to a single array. `FastLSTM` computes the mean loss per character and its
gradient with the same maths as notebook 02, reorganised.
"""),
    code(r"""
def train_short(optimizer, learning_rate, updates=UPDATES, every=EVERY, seed=0):
    # A few hundred updates with "sgd" or "adam": the loop of Trainer.step, written out.
    parameters = initialize_parameters(n_a, V, V, rng=np.random.default_rng(seed))
    theta = flatten(parameters)                         # one vector; same start for every run
    net = FastLSTM(theta, n_a, V, V)
    v, s = initialize_adam({"theta": theta})            # Adam's moments (unused by SGD)
    a, c = np.zeros((m, n_a)), np.zeros((m, n_a))       # states of the m streams, as rows
    history = {"update": [], "train_loss": [], "val_loss": []}
    losses, largest = [], 0.0
    for t in range(1, updates + 1):
        X, Y = batch(t - 1)
        loss, grad, a, c = net.loss_and_gradients(X, Y, a, c)
        largest = max(largest, float(np.abs(grad).max()))
        clip({"dtheta": grad}, 5.0)
        old = theta.copy()
        if optimizer == "sgd":                          # <- the only difference
            update_parameters_with_gd({"theta": theta}, {"dtheta": grad}, learning_rate)
        else:
            update_parameters_with_adam({"theta": theta}, {"dtheta": grad}, v, s, t, learning_rate)
        losses.append(loss)
        if t % every == 0:
            history["update"].append(t)
            history["train_loss"].append(float(np.mean(losses)))   # mean over the last `every`
            history["val_loss"].append(evaluate_indices(net, val_ix))
            losses = []
    last = {"grad": grad.copy(), "step": theta - old, "largest": largest}
    return history, last
"""),
    md(es=r"""
Tres entrenamientos: SGD con $\alpha = 1$ y con $\alpha = 10$, y Adam con $\alpha = 0.01$ (el
valor por defecto del paquete). Las tasas de SGD parecen enormes porque la pérdida es la
**media** por carácter y sus gradientes son pequeños: con $\alpha = 0.1$, SGD sigue cerca de
2.9 nats por carácter tras 250 pasos.
""", en=r"""
Three runs: SGD with $\alpha = 1$ and with $\alpha = 10$, and Adam with $\alpha = 0.01$ (the
package's default). The SGD rates look huge because the loss is the **mean** per character
and its gradients are small: with $\alpha = 0.1$, SGD is still near 2.9 nats per character
after 250 steps.
"""),
    code(r"""
runs = {"SGD (α=1)": ("sgd", 1.0), "SGD (α=10)": ("sgd", 10.0), "Adam (α=0.01)": ("adam", 0.01)}
histories, lasts = {}, {}
for label, (optimizer, lr) in runs.items():
    histories[label], lasts[label] = train_short(optimizer, lr)

for label, h in histories.items():
    print(f"{label:14s} train {h['train_loss'][-1]:.3f}   val {h['val_loss'][-1]:.3f} nats/char"
          f"   largest |dθ| {lasts[label]['largest']:.3f}")
"""),
    code(r"""
fig = plots.plot_loss_comparison(histories, lang=LANG)
fig.set_size_inches(11, 4.2)
fig.axes[0].legend(loc="upper left", bbox_to_anchor=(1.12, 1.0), fontsize=9)  # beside the curves
fig.tight_layout()
"""),
    md(es=r"""
Con los mismos datos y el mismo número de pasos, Adam llega más abajo. SGD mejora mucho al
subir $\alpha$ de 1 a 10 y se acerca a Adam, pero a trompicones: su pérdida sube de vez en
cuando en lugar de bajar, señal de que $\alpha = 10$ está cerca del límite de lo estable. Y
ese $\alpha$ hubo que buscarlo probando (ejercicio 5), mientras que el de Adam es el valor por
defecto del paquete.

Observa también la última columna: el mayor gradiente visto en 250 pasos está muy por debajo
de 5, así que **el recorte nunca actuó**. La semilla sumaba la pérdida de sus 25 caracteres
(con $m = 1$) y aquí se promedia sobre $m\,T_x = 400$, así que nuestros gradientes son decenas
de veces menores: el recorte a $[-5, 5]$ es un seguro contra un lote raro, no algo que actúe en
cada paso.

### Por qué gana Adam: un tamaño de paso por parámetro

Miremos la **última** actualización de cada entrenamiento, bloque a bloque: la magnitud típica
(RMS) del gradiente $d\theta$ y del paso $\Delta\theta$.
""", en=r"""
With the same data and the same number of steps, Adam gets lower. SGD improves a lot when
$\alpha$ goes from 1 to 10 and comes close to Adam, but bumpily: its loss goes up now and then
instead of down, a sign that $\alpha = 10$ is near the edge of stability. And that $\alpha$ had
to be found by trial (exercise 5), while Adam's is the package's default.

Look also at the last column: the largest gradient seen in 250 steps is far below 5, so
**clipping never acted**. The seed summed the loss of its 25 characters (with $m = 1$), while
here it is averaged over $m\,T_x = 400$, so our gradients are tens of times smaller: clipping to
$[-5, 5]$ is insurance against an unusual batch, not something that acts at every step.

### Why Adam wins: one step size per parameter

Let us look at the **last** update of each run, block by block: the typical size (RMS) of the
gradient $d\theta$ and of the step $\Delta\theta$.
"""),
    code(r"""
def rms(x):
    return float(np.sqrt(np.mean(x ** 2)))

compare = ["SGD (α=10)", "Adam (α=0.01)"]
blocks = {label: (views(lasts[label]["grad"], n_a, V, V), views(lasts[label]["step"], n_a, V, V))
          for label in compare}
print(f"{'':4}" + "".join(f"{label:>26}" for label in compare))
print(f"{'θ':4}" + f"{'RMS dθ':>13}{'RMS Δθ':>13}" * len(compare))
for name in PARAMETER_NAMES:
    row = "".join(f"{rms(g[name]):13.2e}{rms(d[name]):13.2e}" for g, d in blocks.values())
    print(f"{name:4}" + row)
for label in compare:
    sizes = [rms(blocks[label][1][name]) for name in PARAMETER_NAMES]
    print(f"{label}: largest / smallest RMS Δθ = {max(sizes) / min(sizes):.1f}")
"""),
    md(es=r"""
Con SGD el paso es $\alpha$ veces el gradiente, así que hereda todas sus diferencias: los sesgos
de la celda y de la salida ($b_c$, $b_y$), que reciben señal en cada carácter, se mueven
decenas de veces más que las matrices de las compuertas ($W_f$, $W_i$, $W_o$). Con
$\alpha = 10$, $b_c$ y $b_y$ dan pasos del orden de 0.1 por actualización, decenas de veces los
de Adam: de ahí los trompicones. Cualquier $\alpha$ es un compromiso: lo bastante pequeño para
que los bloques de gradiente grande no se desboquen, y entonces demasiado pequeño para los
demás.

Con Adam los pasos de todos los bloques son del mismo orden, una fracción de
$\alpha = 0.01$ (menor que $\alpha$ porque los gradientes de lote son ruidosos y $|\hat{v}|$
queda por debajo de $\sqrt{\hat{s}}$): el gradiente de cada parámetro se divide por su propia
escala $\sqrt{\hat{s}}$. Donde los gradientes son pequeños pero **coherentes** de un paso a
otro, Adam da pasos grandes; donde son ruidosos, $\hat{v}$ se queda cerca de cero y el paso se acorta solo. Por eso Adam, con la
corrección de sesgo y el $t$ bien guardado, es el optimizador de la semilla y del paquete.
""", en=r"""
With SGD the step is $\alpha$ times the gradient, so it inherits all of its differences: the
cell and output biases ($b_c$, $b_y$), which get a signal at every character, move tens of times
more than the gate matrices ($W_f$, $W_i$, $W_o$). With $\alpha = 10$, $b_c$ and $b_y$ take
steps of the order of 0.1 per update, tens of times Adam's: hence the bumps. Any $\alpha$ is a
compromise: small enough for the blocks with large gradients not to run away, and then too
small for the others.

With Adam the steps of all blocks are of the same order, a fraction of $\alpha = 0.01$
(smaller than $\alpha$ because batch gradients are noisy and $|\hat{v}|$ stays below
$\sqrt{\hat{s}}$): each parameter's gradient is divided by its own scale $\sqrt{\hat{s}}$.
Where gradients are small but **consistent** from one step to the next, Adam takes large
steps; where they are noisy, $\hat{v}$ stays near zero and the step shrinks by itself. That is why Adam, with bias
correction and $t$ properly saved, is the optimiser of the seed and of the package.
"""),

    # ------------------------------------------------------------------ 7. exercises
    md(es=r"""
## Resumen

- En BPTT el gradiente atraviesa un producto de jacobianas y puede explotar. `clip` recorta
  cada componente a $[-5, 5]$, en el sitio; cambia algo la dirección del gradiente (el recorte
  por norma global no). Con la pérdida media por carácter, en nuestro entrenamiento nunca
  llegó a actuar: es un seguro.
- El descenso del gradiente da pasos $\alpha\,d\theta$, proporcionales al gradiente: un único
  $\alpha$ no sirve a la vez para parámetros cuyos gradientes difieren en órdenes de magnitud.
- Adam divide el momento $\hat{v}$ por la escala propia de cada parámetro, $\sqrt{\hat{s}}$:
  pasos de tamaño parecido para todos, del orden de $\alpha$ o menos. La corrección de sesgo
  compensa que $v$ y $s$ empiezan en cero; sin ella los primeros cientos de pasos son varias
  veces demasiado largos.
- $t$ cuenta las actualizaciones desde el principio. Reiniciarlo al reanudar (la semilla)
  encoge o dispara los pasos; un *checkpoint* de `lstm_np` guarda $t$, $v$ y $s$.
- En 250 actualizaciones del texto real, con la misma red y los mismos lotes, Adam llega más
  abajo que SGD con su $\alpha$ por defecto; SGD solo se le acerca con un $\alpha$ buscado a
  mano, cerca del límite de lo estable.

## Ejercicios

1. **$\beta_1$ y $\beta_2$.** En la tabla de seis pasos, prueba $\beta_1 = 0$ (Adam sin
   momento: RMSprop con corrección) y $\beta_1 = 0.99$; luego $\beta_2 = 0.99$. ¿Cómo cambian
   $\hat{v}$ y el paso cuando llega el gradiente negativo de $t = 4$? Con $\beta_2 = 0.99$,
   ¿cuánto más largo es el primer paso sin corrección? (Pista: $0.1/\sqrt{0.01}$.) Pasa los
   mismos valores a `update_parameters_with_adam` en `train_short` y compara las curvas.
2. **Sin corrección de sesgo.** Copia `update_parameters_with_adam` en una celda con otro
   nombre, quita las dos divisiones por `correction1` y `correction2`, y úsala en
   `train_short`. Compara las 250 actualizaciones con las de Adam. ¿Dónde se nota más, al
   principio o al final? ¿Y con $\alpha = 0.03$?
3. **El umbral de recorte.** Cuenta en `train_short` cuántas componentes de `grad` se recortan
   en cada paso con el umbral 5 (ninguna: el mayor $|d\theta|$ impreso es menor que 5) y luego con 0.01 y 0.001. ¿Qué le
   pasa a SGD? ¿Y a Adam? (Pista: si casi todas las componentes quedan en $\pm\tau$, el paso de
   SGD es $\alpha\tau\,\mathrm{signo}(g)$; ¿qué hace Adam con un gradiente al que solo le queda
   el signo?)
4. **Recorte por norma global.** Sustituye en `train_short` la llamada a `clip` por
   `grad *= min(1.0, tau / np.linalg.norm(grad))` (en el sitio, para que `grad` siga siendo el
   mismo arreglo) y compara con el recorte por componentes para $\tau = 0.01$. ¿Cuál conserva
   la dirección del gradiente?
5. **Tasas de aprendizaje.** Ejecuta `train_short` con SGD y $\alpha \in \{0.1, 1, 3, 10, 30\}$ y
   con Adam y $\alpha \in \{0.001, 0.003, 0.01, 0.03, 0.1\}$, y dibuja cada familia con
   `plots.plot_loss_comparison`. ¿Dónde se estanca cada uno? ¿Dónde se vuelve inestable?
   ¿Cuál de los dos optimizadores es menos sensible a $\alpha$, y por qué?
""", en=r"""
## Summary

- In BPTT the gradient goes through a product of Jacobians and can explode. `clip` clips
  every entry to $[-5, 5]$, in place; it changes the direction of the gradient a little
  (clipping by the global norm does not). With the mean loss per character it never acted in
  our training: it is insurance.
- Gradient descent takes steps $\alpha\,d\theta$, proportional to the gradient: a single
  $\alpha$ cannot suit parameters whose gradients differ by orders of magnitude.
- Adam divides the momentum $\hat{v}$ by each parameter's own scale, $\sqrt{\hat{s}}$: steps of
  similar size for all, of the order of $\alpha$ or less. Bias correction makes up for $v$ and
  $s$ starting at zero; without it the first hundreds of steps are several times too long.
- $t$ counts the updates since the beginning. Restarting it on resuming (the seed) shrinks or
  blows up the steps; an `lstm_np` checkpoint stores $t$, $v$ and $s$.
- In 250 updates on the real text, with the same network and the same batches, Adam gets
  lower than SGD with its default $\alpha$; SGD only comes close with an $\alpha$ found by hand,
  near the edge of stability.

## Exercises

1. **$\beta_1$ and $\beta_2$.** In the six-step table, try $\beta_1 = 0$ (Adam without
   momentum: RMSprop with correction) and $\beta_1 = 0.99$; then $\beta_2 = 0.99$. How do
   $\hat{v}$ and the step change when the negative gradient of $t = 4$ arrives? With
   $\beta_2 = 0.99$, how much longer is the first uncorrected step? (Hint: $0.1/\sqrt{0.01}$.)
   Pass the same values to `update_parameters_with_adam` in `train_short` and compare the
   curves.
2. **No bias correction.** Copy `update_parameters_with_adam` into a cell under another name,
   remove the two divisions by `correction1` and `correction2`, and use it in `train_short`.
   Compare the 250 updates with Adam's. Where does it show most, at the beginning or at the
   end? And with $\alpha = 0.03$?
3. **The clipping threshold.** Count in `train_short` how many entries of `grad` are clipped at
   each step with threshold 5 (none: the largest $|d\theta|$ printed is below 5), then with 0.01 and 0.001. What
   happens to SGD? And to Adam? (Hint: if almost every entry ends up at $\pm\tau$, SGD's step
   is $\alpha\tau\,\mathrm{sign}(g)$; what does Adam do with a gradient that has only its sign
   left?)
4. **Clipping by the global norm.** In `train_short`, replace the call to `clip` with
   `grad *= min(1.0, tau / np.linalg.norm(grad))` (in place, so that `grad` stays the same
   array) and compare with element-wise clipping for $\tau = 0.01$. Which one keeps the
   direction of the gradient?
5. **Learning rates.** Run `train_short` with SGD and $\alpha \in \{0.1, 1, 3, 10, 30\}$ and with
   Adam and $\alpha \in \{0.001, 0.003, 0.01, 0.03, 0.1\}$, and plot each family with
   `plots.plot_loss_comparison`. Where does each one stall? Where does it become unstable?
   Which of the two optimisers is less sensitive to $\alpha$, and why?
"""),
]
