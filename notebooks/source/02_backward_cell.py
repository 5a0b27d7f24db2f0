"""Lesson 02: backpropagation I, the loss and one cell.

The cross-entropy loss in nats per character (the student writes `compute_loss`), the softmax
output layer's gradient, and one LSTM cell backward by the chain rule, gate by gate (the
student writes `lstm_cell_backward`). Lesson 03 goes on with BPTT and the gradient check.
"""
from tools.nbsource import after_class, blank, code, guide, md, notes, settings, slide

CHAIN_F = (
r"""$$\frac{\partial L}{\partial W_f}\Big|_{t}=\frac{\partial L}{\partial c^{\langle t \rangle}}\,
\frac{\partial c^{\langle t \rangle}}{\partial \Gamma_f^{\langle t \rangle}}\,
\frac{\partial \Gamma_f^{\langle t \rangle}}{\partial z_f^{\langle t \rangle}}\,
\frac{\partial z_f^{\langle t \rangle}}{\partial W_f}$$""")
"""The chain of the forget gate, derived in class (the same maths in both languages)."""

OTHER_CHAINS = (
r"""$$\frac{\partial L}{\partial W_i}\Big|_{t}=\frac{\partial L}{\partial c^{\langle t \rangle}}\,
\frac{\partial c^{\langle t \rangle}}{\partial \Gamma_u^{\langle t \rangle}}\,
\frac{\partial \Gamma_u^{\langle t \rangle}}{\partial z_u^{\langle t \rangle}}\,
\frac{\partial z_u^{\langle t \rangle}}{\partial W_i}
\qquad
\frac{\partial L}{\partial W_c}\Big|_{t}=\frac{\partial L}{\partial c^{\langle t \rangle}}\,
\frac{\partial c^{\langle t \rangle}}{\partial \tilde c^{\langle t \rangle}}\,
\frac{\partial \tilde c^{\langle t \rangle}}{\partial z_c^{\langle t \rangle}}\,
\frac{\partial z_c^{\langle t \rangle}}{\partial W_c}$$

$$\frac{\partial L}{\partial W_o}\Big|_{t}=\frac{\partial L}{\partial a^{\langle t \rangle}}\,
\frac{\partial a^{\langle t \rangle}}{\partial \Gamma_o^{\langle t \rangle}}\,
\frac{\partial \Gamma_o^{\langle t \rangle}}{\partial z_o^{\langle t \rangle}}\,
\frac{\partial z_o^{\langle t \rangle}}{\partial W_o}$$""")
"""The other three chains, handed out (a collapsed aside)."""

CELLS = [
    # ------------------------------------------------------------------------------------
    # Title, where we are
    # ------------------------------------------------------------------------------------
    md(es=r"""
# 02 · Retropropagación I: la pérdida y una celda

**Dónde estamos.** En la lección 01 construimos una red que *predice*: lee un carácter,
actualiza su memoria a largo plazo $c^{\langle t \rangle}$ y a corto plazo
$a^{\langle t \rangle}$, y da una distribución $\hat y^{\langle t \rangle}$ sobre el carácter
siguiente. Para mejorar esas predicciones hay que saber, para cada peso, hacia dónde moverlo
para que la pérdida baje: su **gradiente**. Esta lección define la pérdida y sigue la regla
de la cadena desde ella, a través de la capa de salida, hasta el interior de una celda. La
lección 03 encadena las celdas en el tiempo y comprueba numéricamente el resultado.

**Qué haremos**

1. La pérdida: entropía cruzada, en nats y en bits por carácter.
2. La capa de salida: softmax más entropía cruzada da el gradiente $\hat y - y$.
3. Una celda hacia atrás: la regla de la cadena, compuerta por compuerta.

**Notación** (la de la lección 01). $n_a$ unidades ocultas, $n_x = n_y$ caracteres en el
vocabulario, $m$ secuencias por lote, $T_x$ pasos; los arrays tienen forma $(n, m, T_x)$.
$y^{\langle t \rangle}$ es el vector one-hot del carácter que de verdad venía; $*$ es el
producto elemento a elemento. Para cualquier cantidad $X$, $dX = \partial L / \partial X$,
de la misma forma que $X$.
""", en=r"""
# 02 · Backpropagation I: the loss and one cell

**Where we are.** In lesson 01 we built a network that *predicts*: it reads a character,
updates its long-term memory $c^{\langle t \rangle}$ and its short-term memory
$a^{\langle t \rangle}$, and gives a distribution $\hat y^{\langle t \rangle}$ over the next
character. To improve those predictions we need to know, for each weight, which way to move
it so that the loss goes down: its **gradient**. This lesson defines the loss and follows the
chain rule from it, through the output layer, into one cell. Lesson 03 chains the cells
through time and checks the result numerically.

**What we will do**

1. The loss: cross-entropy, in nats and in bits per character.
2. The output layer: softmax plus cross-entropy gives the gradient $\hat y - y$.
3. One cell backward: the chain rule, gate by gate.

**Notation** (that of lesson 01). $n_a$ hidden units, $n_x = n_y$ characters in the
vocabulary, $m$ sequences per batch, $T_x$ steps; arrays have shape $(n, m, T_x)$.
$y^{\langle t \rangle}$ is the one-hot vector of the character that really came next; $*$ is
the element-wise product. For any quantity $X$, $dX = \partial L / \partial X$, of the same
shape as $X$.
"""),
    slide(es=r"""
# 02 · Retropropagación I: la pérdida y una celda

- **Dónde estamos:** la red de la lección 01 predice, pero con pesos al azar predice mal
- Hoy: **cuánto** se equivoca (la pérdida) y **hacia dónde** mover cada peso (el gradiente)
- 1 · la pérdida · 2 · la capa de salida · 3 · una celda hacia atrás
- La 03 encadena las celdas en el tiempo
""", en=r"""
# 02 · Backpropagation I: the loss and one cell

- **Where we are:** lesson 01's network predicts, but with random weights it predicts badly
- Today: **how badly** (the loss) and **which way** to move each weight (the gradient)
- 1 · the loss · 2 · the output layer · 3 · one cell backward
- Lesson 03 chains the cells through time
"""),
    notes(es="""
**4 min.** Recuerda la lección 01 en una frase, escrita en la pizarra: la red predice, pero
con pesos al azar predice mal. Hoy: cuánto se equivoca (la pérdida) y cómo corregirlo (el
gradiente, de atrás hacia delante). Ejecuta en vivo la celda de preparación: la red
preentrenada de la lección 06 y un lote de dos ventanas.

- *¿Por qué no probar a mover cada peso y ver si la pérdida baja?* Son decenas de miles de
  pesos: dos pasadas hacia delante por peso y paso. La regla de la cadena da todos los
  gradientes con una sola pasada hacia atrás (la lección 03 usa la versión lenta para
  comprobar la rápida).
- *¿Qué forma tiene $dW_f$?* La de $W_f$: $(n_a, n_a + n_x)$.
""", en="""
**4 min.** Recall lesson 01 in one sentence on the board: the network predicts, but with
random weights it predicts badly. Today: how badly (the loss) and how to fix it (the
gradient, from back to front). Run the set-up cell live: the pretrained network of lesson 06
and a batch of two windows.

- *Why not nudge each weight and see whether the loss goes down?* There are tens of
  thousands of weights: two forward passes per weight and step. The chain rule gives every
  gradient in one backward pass (lesson 03 uses the slow way to check the fast one).
- *What shape is $dW_f$?* That of $W_f$: $(n_a, n_a + n_x)$.
"""),
    settings(),
    code(r"""
import math

import numpy as np

from lstm_np import (compute_loss, lstm_cell_backward, lstm_forward, nats_to_bits, one_hot,
                     output_layer_backward)
from lstm_np.storage.checkpoint import load_pretrained
from lstm_np.storage.corpus import load_corpus
from lstm_np.i18n import tr
from lstm_np.lessons.notebook import show_source
from lstm_np.lessons.plots import display_char

#[es] el libro limpio: un párrafo por línea, en minúsculas
#[en] the cleaned book: one paragraph per line, lower-case
text = load_corpus(CORPUS)
#[es] una red ya entrenada con este texto (lección 06)
#[en] a network already trained on this text (lesson 06)
model = load_pretrained(LANG)
vocab = model.vocab
parameters = {name: value.astype(np.float64) for name, value in model.parameters.items()}
n_a = parameters["Wf"].shape[0]
n_y = vocab.size

#[es] dos ventanas del texto (m = 2) de T_x = 12 caracteres: entradas x en one-hot y
#[es] objetivos Y, los índices de los mismos caracteres desplazados una posición
#[en] two windows of the text (m = 2) of T_x = 12 characters: one-hot inputs x and
#[en] targets Y, the indices of the same characters shifted by one position
starts, T_x = [0, 1000], 12
x = one_hot(np.stack([vocab.encode(text[s:s + T_x]) for s in starts]), n_y)   # (n_x, m, T_x)
Y = np.stack([vocab.encode(text[s + 1:s + T_x + 1]) for s in starts])          # (m, T_x)
n_x, m, _ = x.shape
a0 = np.zeros((n_a, m))
a, y_hat, c, caches = lstm_forward(x, a0, parameters)
print(f"n_x = n_y = {n_y}   n_a = {n_a}   x: {x.shape}   Y: {Y.shape}   y_hat: {y_hat.shape}")
""", slide="skip"),

    # ------------------------------------------------------------------------------------
    # 1. The loss
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 1. La pérdida: entropía cruzada

En cada paso la red reparte una unidad de probabilidad entre los $n_y$ caracteres. Si el
carácter que de verdad venía tiene índice $k$, la pérdida de esa predicción es

$$L = -\log \hat y_k .$$

Vale 0 si la red le dio probabilidad 1 al carácter correcto y crece sin límite cuando esa
probabilidad se acerca a 0: castiga sobre todo equivocarse *con seguridad*. Es la entropía
cruzada entre el one-hot $y$ y la predicción, $-\sum_j y_j \log \hat y_j$, porque solo
sobrevive el término $j = k$. Minimizarla es dar la mayor probabilidad posible al texto real:
máxima verosimilitud.
""", en=r"""
## 1. The loss: cross-entropy

At every step the network shares one unit of probability among the $n_y$ characters. If
the character that really came next has index $k$, the loss of that prediction is

$$L = -\log \hat y_k .$$

It is 0 if the network gave probability 1 to the right character, and it grows without
bound as that probability approaches 0: above all it punishes being *confidently* wrong. It
is the cross-entropy between the one-hot $y$ and the prediction, $-\sum_j y_j \log \hat y_j$,
since only the term $j = k$ survives. Minimising it means giving the real text as much
probability as possible: maximum likelihood.
"""),
    slide(es=r"""
## 1. La pérdida: entropía cruzada

Si el carácter que de verdad venía tiene índice $k$:

$$L = -\log \hat y_k$$

- $L = 0$ si la red le dio probabilidad 1
- Crece sin límite cuando $\hat y_k \to 0$: castiga equivocarse **con seguridad**
- Minimizarla es dar al texto real la mayor probabilidad: máxima verosimilitud
""", en=r"""
## 1. The loss: cross-entropy

If the character that really came next has index $k$:

$$L = -\log \hat y_k$$

- $L = 0$ if the network gave it probability 1
- It grows without bound as $\hat y_k \to 0$: it punishes being **confidently** wrong
- Minimising it gives the real text as much probability as possible: maximum likelihood
"""),
    md(es=r"""
La tabla muestra estas pérdidas carácter a carácter en la primera ventana, con la red
preentrenada. Al principio la red parte de $a^{\langle 0 \rangle} = c^{\langle 0 \rangle} = 0$,
sin contexto.
""", en=r"""
The table shows these losses character by character in the first window, with the
pretrained network. At the start the network begins from
$a^{\langle 0 \rangle} = c^{\langle 0 \rangle} = 0$, with no context.
""", slide="subslide"),
    code(r"""
#[es] la primera secuencia del lote
#[en] the first sequence of the batch
i = 0
print(" t | x<t> → y<t> | ŷ[y<t>] | -log ŷ[y<t>]")
for t in range(T_x):
    #[es] índice del carácter correcto
    #[en] index of the true next character
    k = Y[i, t]
    seen = vocab.ix_to_char[int(np.argmax(x[:, i, t]))]
    print(f"{t + 1:>2} |  {display_char(seen)}  →  {display_char(vocab.ix_to_char[int(k)])}"
          f"   |  {y_hat[k, i, t]:.4f} |  {-np.log(y_hat[k, i, t]):.4f}")
""", mark="loss_table"),
    md(es=r"""
La pérdida es casi cero donde la palabra ya está decidida, y la más alta llega tras un
espacio, cuando empieza una palabra nueva. En los primeros pasos, además, falta contexto.
""", en=r"""
The loss is almost zero where the word is already settled, and the highest comes after a
space, when a new word begins. In the first steps, moreover, context is missing.
""", slide="fragment"),
    slide(es=r"""
### Carácter a carácter, con la red preentrenada

- ¿Dónde estará la pérdida más alta? Predícelo antes de mirar
""", en=r"""
### Character by character, with the pretrained network

- Where will the loss be highest? Predict it before you look
""", show="loss_table", notes_es=r"""
La más alta llega tras el espacio, cuando empieza una palabra; casi cero donde la palabra ya
está decidida; al principio falta contexto ($a^{\langle 0 \rangle} = c^{\langle 0 \rangle} = 0$).
""", notes_en=r"""
The highest comes after the space, when a word begins; almost zero where the word is already
settled; at the start context is missing ($a^{\langle 0 \rangle} = c^{\langle 0 \rangle} = 0$).
"""),
    md(es=r"""
### Una media, no una suma

Un lote tiene $m$ secuencias de $T_x$ pasos: $m\,T_x$ predicciones. La pérdida del paquete es
su **media**, en *nats por carácter* (nats porque el logaritmo es natural):

$$L = -\frac{1}{m\,T_x} \sum_{i=1}^{m} \sum_{t=1}^{T_x}
      \log \hat y^{\langle t \rangle}_{Y_{i,t},\ i},
\qquad L_{\text{bits}} = \frac{L}{\ln 2}.$$

> **Fe de erratas del cuaderno original.** **Sumaba** las 25 pérdidas de una ventana y solo
> funcionaba con $m = 1$.
> Una suma crece con $T_x$ y con $m$: su «68.0» no se compara con la de otro lote, y su
> gradiente también crece con $m\,T_x$, así que la tasa de aprendizaje habría que reajustarla
> con cada tamaño de lote. La media tiene un significado fijo: nats por carácter (aquel 68.0
> son $68.0 / 25 = 2.72$).
""", en=r"""
### A mean, not a sum

A batch holds $m$ sequences of $T_x$ steps: $m\,T_x$ predictions. The package's loss is
their **mean**, in *nats per character* (nats because the logarithm is natural):

$$L = -\frac{1}{m\,T_x} \sum_{i=1}^{m} \sum_{t=1}^{T_x}
      \log \hat y^{\langle t \rangle}_{Y_{i,t},\ i},
\qquad L_{\text{bits}} = \frac{L}{\ln 2}.$$

> **Erratum of the original notebook.** It **summed** the 25 losses of one window and only worked
> for $m = 1$. A
> sum grows with $T_x$ and with $m$: its "68.0" cannot be compared with another batch's, and
> its gradient grows with $m\,T_x$ too, so the learning rate would need retuning for every
> batch size. The mean has a fixed meaning: nats per character (that 68.0 is
> $68.0 / 25 = 2.72$).
"""),
    blank(doc_es=r'''
Entropía cruzada media por carácter, en nats.

L = -(1 / (m T_x)) * Σ_i Σ_t log y_hat[y_indices[i, t], i, t]

Parámetros
----------
y_hat : array (n_y, m, T_x), las distribuciones que predice lstm_forward.
y_indices : array de enteros (m, T_x), el índice del carácter correcto en cada
    secuencia i y paso t (el original solo admitía m = 1).

Devuelve
--------
float: la media, no la suma, de -log de la probabilidad del carácter correcto.

Pistas: n_y, m, T_x = y_hat.shape; la probabilidad que la red dio al carácter
correcto en (i, t) es y_hat[y_indices[i, t], i, t]; np.log es el logaritmo natural.
''', doc_en=r'''
Mean cross-entropy per character, in nats.

L = -(1 / (m T_x)) * Σ_i Σ_t log y_hat[y_indices[i, t], i, t]

Parameters
----------
y_hat : array (n_y, m, T_x), the distributions lstm_forward predicts.
y_indices : int array (m, T_x), the index of the right character for each sequence i
    and step t (the original only allowed m = 1).

Returns
-------
float: the mean, not the sum, of -log of the right character's probability.

Hints: n_y, m, T_x = y_hat.shape; the probability the network gave to the right
character at (i, t) is y_hat[y_indices[i, t], i, t]; np.log is the natural logarithm.
''', code=r'''
def compute_loss(y_hat, y_indices):
    ### BEGIN SOLUTION
    n_y, m, T_x = y_hat.shape
    Y = np.asarray(y_indices).reshape(m, T_x)
    total = 0.0
    #[es] cada secuencia del lote
    #[en] every sequence of the batch
    for i in range(m):
        #[es] cada paso
        #[en] every step
        for t in range(T_x):
            #[es] -log de la probabilidad correcta
            #[en] -log of the right probability
            total -= np.log(y_hat[Y[i, t], i, t])
    return float(total / (m * T_x))
    ### END SOLUTION
'''),
    code(r"""
from lstm_np.exercises import use
#[es] globals().get da None si tu celda no llegó a definir la función (vacía, con un error)
#[en] globals().get gives None if your cell did not define the function (empty, or it failed)
compute_loss = use("compute_loss", globals().get("compute_loss"), LANG)
""", only="student"),
    code(r"""
#[es] el paquete toma de golpe, con np.take_along_axis, la probabilidad del carácter correcto
#[es] en las m × T_x posiciones y promedia sus logaritmos
#[en] the package picks, in one go with np.take_along_axis, the probability of the right
#[en] character at all m × T_x positions and averages their logarithms
show_source(compute_loss, LANG)
""", only="complete", slide="subslide"),
    code(r"""
loss = compute_loss(y_hat, Y)
print(f"compute_loss(y_hat, Y)     = {loss:.4f} nats = {nats_to_bits(loss):.4f} bits")
""", only="student"),
    code(r"""
loss = compute_loss(y_hat, Y)

total = 0.0
#[es] cada secuencia del lote
#[en] every sequence of the batch
for i in range(m):
    #[es] cada paso
    #[en] every time step
    for t in range(T_x):
        #[es] -log de la probabilidad de la verdad
        #[en] -log of the probability of the truth
        total += -np.log(y_hat[Y[i, t], i, t])

print(f"compute_loss(y_hat, Y)     = {loss:.4f} nats = {nats_to_bits(loss):.4f} bits")
print(f"Σ_i Σ_t -log ŷ / (m·T_x)  = {total / (m * T_x):.4f} nats")
print(f"Σ_i Σ_t -log ŷ            = {total:.4f} nats   (m·T_x = {m * T_x})")
""", mark="loss_mean", only="complete"),
    slide(es=r"""
### Una media, no una suma

$$L = -\frac{1}{m\,T_x} \sum_{i=1}^{m} \sum_{t=1}^{T_x}
      \log \hat y^{\langle t \rangle}_{Y_{i,t},\ i}
\qquad L_{\text{bits}} = \frac{L}{\ln 2}$$

- Nats por carácter: comparable entre lotes de cualquier $m$ y $T_x$
- El original **sumaba**: su «68.0» son $68.0 / 25 = 2.72$ nats por carácter
- Tu turno: escribe `compute_loss` (5 minutos)
""", en=r"""
### A mean, not a sum

$$L = -\frac{1}{m\,T_x} \sum_{i=1}^{m} \sum_{t=1}^{T_x}
      \log \hat y^{\langle t \rangle}_{Y_{i,t},\ i}
\qquad L_{\text{bits}} = \frac{L}{\ln 2}$$

- Nats per character: comparable across batches of any $m$ and $T_x$
- The original **summed**: its "68.0" is $68.0 / 25 = 2.72$ nats per character
- Your turn: write `compute_loss` (5 minutes)
""", show="loss_mean"),
    md(es=r"""
### Qué significa el número

Quien adivina al azar, con probabilidad $1/n_y$ para cada carácter, obtiene $L = \ln n_y$:
el punto de partida de una red recién inicializada. Una forma intuitiva de leer $L$ es
$e^{L}$, la *perplejidad*: la red está tan indecisa como si eligiera al azar entre $e^{L}$
caracteres igual de probables. Para la red preentrenada usamos su mejor **pérdida de
validación**: la misma media, medida en la décima parte final del texto, que la red no vio al
entrenar (así no premia memorizar; la lección 06 la calcula):
""", en=r"""
### What the number means

Someone guessing uniformly, with probability $1/n_y$ for each character, gets
$L = \ln n_y$: the starting point of a freshly initialised network. An intuitive way to read
$L$ is $e^{L}$, the *perplexity*: the network is as undecided as if it were choosing
uniformly among $e^{L}$ equally likely characters. For the pretrained network we use its best
**validation loss**: the same mean, measured on the last tenth of the text, which the network
did not see in training (so it does not reward memorising; lesson 06 computes it):
"""),
    code(r"""
val_loss = min(v for v in model.history["val_loss"] if v is not None)
for key, L in (("uniform_guess", math.log(n_y)), ("pretrained_net", val_loss)):
    print(f"{tr(key, LANG):<28} L = {L:.4f} nats = {nats_to_bits(L):.4f} bits"
          f"   e^L = {math.exp(L):.2f}")
""", mark="perplexity"),
    md(es=r"""
El azar duda entre todo el vocabulario; la red preentrenada, entre unos pocos caracteres, con
menos de la mitad de la pérdida. El azar es un listón bajo: la lección 06 la compara también con
modelos que solo cuentan qué carácter sigue a los anteriores ($n$-gramas).
""", en=r"""
Uniform guessing hesitates over the whole vocabulary; the pretrained network over a handful
of characters, with less than half the loss. Guessing is a low bar: lesson 06 also compares it
with models that only count which character follows the ones before ($n$-grams).
""", slide="fragment"),
    slide(es=r"""
### Qué significa el número

- Adivinar al azar, $1/n_y$ para cada carácter: $L = \ln n_y$
- **Perplejidad** $e^{L}$: la red duda como si eligiera al azar entre $e^{L}$ caracteres
- La red preentrenada, medida en texto que no vio al entrenar (validación):
""", en=r"""
### What the number means

- Guessing uniformly, $1/n_y$ for each character: $L = \ln n_y$
- **Perplexity** $e^{L}$: the network hesitates as if choosing uniformly among $e^{L}$ characters
- The pretrained network, measured on text it did not see in training (validation):
""", show="perplexity"),
    notes(es="""
**12 min.** Ejecuta en vivo la tabla carácter a carácter y pide a la clase que prediga dónde
estará la pérdida más alta antes de mirarla. Da 5 minutos para el hueco `compute_loss`.

- *¿Cuánto vale la pérdida si la red da probabilidad 0.5 al carácter correcto?*
  $-\\ln 0.5 \\approx 0.69$ nats, exactamente 1 bit.
- *¿Por qué una media y no una suma?* Para que la pérdida y el tamaño del gradiente no
  dependan de $m$ ni de $T_x$: la misma tasa de aprendizaje vale para cualquier lote.
- *¿Qué perplejidad tiene una red que acierta siempre con seguridad?* $e^0 = 1$.

Errores habituales: sumar en lugar de promediar; indexar `y_hat[t, i, Y]` (el orden es
carácter, secuencia, paso); usar `np.log10`.
""", en="""
**12 min.** Run the character-by-character table live and ask the class to predict where the
highest loss will be before looking at it. Give 5 minutes for the `compute_loss` blank.

- *What is the loss if the network gives probability 0.5 to the right character?*
  $-\\ln 0.5 \\approx 0.69$ nats, exactly 1 bit.
- *Why a mean and not a sum?* So that neither the loss nor the size of the gradient depends
  on $m$ or $T_x$: the same learning rate works for any batch.
- *What is the perplexity of a network that is always right and sure?* $e^0 = 1$.

Usual mistakes: summing instead of averaging; indexing `y_hat[t, i, Y]` (the order is
character, sequence, step); using `np.log10`.
"""),

    # ------------------------------------------------------------------------------------
    # 2. The output layer
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 2. La capa de salida: softmax con entropía cruzada

La predicción sale de una capa densa con softmax, de puntuaciones $z^{\langle t \rangle}$:

$$z^{\langle t \rangle} = W_y\, a^{\langle t \rangle} + b_y, \qquad
\hat y^{\langle t \rangle} = \mathrm{softmax}(z^{\langle t \rangle}), \qquad
\hat y_j = \frac{e^{z_j}}{\sum_l e^{z_l}} .$$

Sustituimos la softmax en la pérdida de una predicción con carácter correcto $k$:

$$L = -\log \frac{e^{z_k}}{\sum_l e^{z_l}} = -z_k + \log \sum_l e^{z_l}
\quad\Longrightarrow\quad
\frac{\partial L}{\partial z_j} = -\mathbf{1}[j = k] + \frac{e^{z_j}}{\sum_l e^{z_l}}
= \hat y_j - y_j .$$

Todo se reduce a **predicción menos verdad**: la derivada de la softmax, una matriz
$n_y \times n_y$, se cancela con la del logaritmo. El carácter correcto recibe
$\hat y_k - 1 < 0$ (su puntuación debe subir) y cada uno de los demás $\hat y_j > 0$ (debe
bajar), tanto más cuanta más probabilidad se llevó.
""", en=r"""
## 2. The output layer: softmax with cross-entropy

The prediction comes out of a dense layer with a softmax, with scores $z^{\langle t \rangle}$:

$$z^{\langle t \rangle} = W_y\, a^{\langle t \rangle} + b_y, \qquad
\hat y^{\langle t \rangle} = \mathrm{softmax}(z^{\langle t \rangle}), \qquad
\hat y_j = \frac{e^{z_j}}{\sum_l e^{z_l}} .$$

Substitute the softmax into the loss of a prediction whose right character is $k$:

$$L = -\log \frac{e^{z_k}}{\sum_l e^{z_l}} = -z_k + \log \sum_l e^{z_l}
\quad\Longrightarrow\quad
\frac{\partial L}{\partial z_j} = -\mathbf{1}[j = k] + \frac{e^{z_j}}{\sum_l e^{z_l}}
= \hat y_j - y_j .$$

Everything comes down to **prediction minus truth**: the derivative of the softmax, an
$n_y \times n_y$ matrix, cancels against that of the logarithm. The right character gets
$\hat y_k - 1 < 0$ (its score must go up) and every other one $\hat y_j > 0$ (its score must
go down), the more so the more probability it took.
"""),
    slide(es=r"""
## 2. La capa de salida: softmax con entropía cruzada

$$z = W_y\, a^{\langle t \rangle} + b_y, \qquad \hat y = \mathrm{softmax}(z)$$

$$L = -z_k + \log \sum_l e^{z_l}
\quad\Longrightarrow\quad
\frac{\partial L}{\partial z_j} = \hat y_j - y_j$$

- **Predicción menos verdad**: la jacobiana de la softmax se cancela
- El correcto recibe $\hat y_k - 1 < 0$: su puntuación sube
- Los demás, $\hat y_j > 0$: bajan, más cuanto más se llevaron
""", en=r"""
## 2. The output layer: softmax with cross-entropy

$$z = W_y\, a^{\langle t \rangle} + b_y, \qquad \hat y = \mathrm{softmax}(z)$$

$$L = -z_k + \log \sum_l e^{z_l}
\quad\Longrightarrow\quad
\frac{\partial L}{\partial z_j} = \hat y_j - y_j$$

- **Prediction minus truth**: the softmax's Jacobian cancels out
- The right character gets $\hat y_k - 1 < 0$: its score goes up
- The others get $\hat y_j > 0$: they go down, the more the more they took
"""),
    md(es=r"""
### De $dz$ a $W_y$, $b_y$ y $a$

Cada predicción pesa $1/(m\,T_x)$ en la media, así que
$dz^{\langle t \rangle} = \left(\hat y^{\langle t \rangle} - y^{\langle t \rangle}\right) / (m\,T_x)$,
de forma $(n_y, m)$. $W_y$ y $b_y$ se usan en todos los pasos y secuencias: sus gradientes
suman sobre $t$ y sobre $i$ (el producto $dz\,a^T$ ya suma sobre las $m$ columnas):

$$dW_y = \sum_{t} dz^{\langle t \rangle}\, a^{\langle t \rangle T} \quad (n_y, n_a),
\qquad db_y = \sum_{t} \sum_{i=1}^{m} dz^{\langle t \rangle}_{:,i} \quad (n_y, 1),
\qquad da^{\langle t \rangle} = W_y^T\, dz^{\langle t \rangle} \quad (n_a, m).$$

$da^{\langle t \rangle}$ es lo que cada predicción le manda a su estado oculto: la entrada de
la retropropagación por la LSTM. (El original hacía lo mismo, `dy[idx, 0, step] -= 1`, sin
dividir por $m\,T_x$.)
""",  # noqa: E501
       en=r"""
### From $dz$ to $W_y$, $b_y$ and $a$

Each prediction weighs $1/(m\,T_x)$ in the mean, so
$dz^{\langle t \rangle} = \left(\hat y^{\langle t \rangle} - y^{\langle t \rangle}\right) / (m\,T_x)$,
of shape $(n_y, m)$. $W_y$ and $b_y$ are used at every step and in every sequence: their
gradients sum over $t$ and over $i$ (the product $dz\,a^T$ already sums over the $m$
columns):

$$dW_y = \sum_{t} dz^{\langle t \rangle}\, a^{\langle t \rangle T} \quad (n_y, n_a),
\qquad db_y = \sum_{t} \sum_{i=1}^{m} dz^{\langle t \rangle}_{:,i} \quad (n_y, 1),
\qquad da^{\langle t \rangle} = W_y^T\, dz^{\langle t \rangle} \quad (n_a, m).$$

$da^{\langle t \rangle}$ is what each prediction sends to its hidden state: the input of
backpropagation through the LSTM. (The original did the same, `dy[idx, 0, step] -= 1`,
without dividing by $m\,T_x$.)
"""),  # noqa: E501
    slide(es=r"""
### De $dz$ a $W_y$, $b_y$ y $a$

$$dz^{\langle t \rangle} = \frac{\hat y^{\langle t \rangle} - y^{\langle t \rangle}}{m\,T_x}
\quad (n_y, m)$$

$$dW_y = \sum_{t} dz^{\langle t \rangle}\, a^{\langle t \rangle T}
\qquad db_y = \sum_{t} \sum_{i} dz^{\langle t \rangle}_{:,i}
\qquad da^{\langle t \rangle} = W_y^T\, dz^{\langle t \rangle}$$

- $W_y$ y $b_y$ actúan en cada paso y secuencia: sus gradientes **suman**
- $da^{\langle t \rangle}$, $(n_a, m)$: lo que entra en la LSTM hacia atrás
""", en=r"""
### From $dz$ to $W_y$, $b_y$ and $a$

$$dz^{\langle t \rangle} = \frac{\hat y^{\langle t \rangle} - y^{\langle t \rangle}}{m\,T_x}
\quad (n_y, m)$$

$$dW_y = \sum_{t} dz^{\langle t \rangle}\, a^{\langle t \rangle T}
\qquad db_y = \sum_{t} \sum_{i} dz^{\langle t \rangle}_{:,i}
\qquad da^{\langle t \rangle} = W_y^T\, dz^{\langle t \rangle}$$

- $W_y$ and $b_y$ act at every step and in every sequence: their gradients **add up**
- $da^{\langle t \rangle}$, $(n_a, m)$: what goes into the LSTM, backwards
"""),
    code(r"""
show_source(output_layer_backward, LANG)
""", slide="subslide"),
    md(es=r"""
En nuestro lote, una columna de $\hat y - y$ (la primera predicción de la primera secuencia):
sus cuatro entradas mayores en valor absoluto, con la flecha en el carácter correcto. Una
columna suma 0, porque $\sum_j \hat y_j = 1 = \sum_j y_j$.
""", en=r"""
In our batch, one column of $\hat y - y$ (the first prediction of the first sequence): its
four largest entries in absolute value, with the arrow on the right character. A column adds
up to 0, because $\sum_j \hat y_j = 1 = \sum_j y_j$.
""", slide="subslide"),
    code(r"""
out = output_layer_backward(y_hat, Y, a, parameters)
for key, value in out.items():
    print(f"{key:>3}: {value.shape}")

i, t = 0, 0
g = y_hat[:, i, t].copy()
#[es] ŷ - y: una columna de dz, por m·T_x
#[en] ŷ - y: one column of dz, times m·T_x
g[Y[i, t]] -= 1.0
print()
for k in np.argsort(-np.abs(g))[:4]:
    arrow = "  ← y" if k == Y[i, t] else ""
    print(f"  {display_char(vocab.ix_to_char[int(k)])}  {g[k]:+.4f}{arrow}")
print(f"  Σ (ŷ - y) = {abs(g.sum()):.4f}")
""", mark="y_hat_minus_y"),
    slide(es=r"""
### Una columna de $\hat y - y$ en nuestro lote

- Las formas, y las cuatro entradas mayores de la primera predicción
- La flecha marca el carácter correcto: el único negativo
- La columna suma 0: $\sum_j \hat y_j = 1 = \sum_j y_j$
""", en=r"""
### One column of $\hat y - y$ in our batch

- The shapes, and the four largest entries of the first prediction
- The arrow marks the right character: the only negative one
- The column adds up to 0: $\sum_j \hat y_j = 1 = \sum_j y_j$
""", show="y_hat_minus_y"),
    notes(es="""
**12 min.** Haz la derivación de $\\partial L / \\partial z_j$ en la pizarra con $n_y = 3$: es
el resultado más útil de la lección, y merece los minutos.

- *¿Por qué la columna de $\\hat y - y$ suma 0?* Las dos son distribuciones: cada una suma 1.
- *¿Por qué $dW_y$ no depende de $m$ en su forma?* El producto $dz\\,a^T$,
  $(n_y, m)(m, n_a)$, suma sobre el lote.
- *¿Qué recibe un carácter que la red no consideraba?* Casi 0: $\\hat y_j \\approx 0$.

Errores habituales: olvidar el $-1$ en el carácter correcto; derivar la softmax sola (una
jacobiana completa) sin ver que se cancela; olvidar dividir por $m\\,T_x$.
""", en="""
**12 min.** Do the derivation of $\\partial L / \\partial z_j$ on the board with $n_y = 3$: it
is the most useful result of the lesson, and worth the minutes.

- *Why does the column of $\\hat y - y$ add up to 0?* Both are distributions: each sums to 1.
- *Why does the shape of $dW_y$ not depend on $m$?* The product $dz\\,a^T$,
  $(n_y, m)(m, n_a)$, sums over the batch.
- *What does a character the network did not consider get?* Almost 0: $\\hat y_j \\approx 0$.

Usual mistakes: forgetting the $-1$ at the right character; differentiating the softmax on
its own (a full Jacobian) without seeing that it cancels; forgetting to divide by $m\\,T_x$.
"""),

    # ------------------------------------------------------------------------------------
    # 3. One cell backward
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 3. Una celda hacia atrás: la regla de la cadena

Para cada compuerta, $z$ es su entrada antes de la activación, con
$\text{concat} = [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$:

$$z_f = W_f\,\text{concat} + b_f,\quad z_u = W_i\,\text{concat} + b_i,\quad
z_c = W_c\,\text{concat} + b_c,\quad z_o = W_o\,\text{concat} + b_o,$$

$$\Gamma_f = \sigma(z_f),\quad \Gamma_u = \sigma(z_u),\quad \tilde c^{\langle t \rangle} =
\tanh(z_c),\quad
\Gamma_o = \sigma(z_o),$$

$$c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle} +
\Gamma_u * \tilde c^{\langle t \rangle},
\qquad a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle}).$$

Queremos los gradientes de los ocho parámetros de la celda,

$$\frac{\partial L}{\partial W_f},\ \frac{\partial L}{\partial W_i},\
\frac{\partial L}{\partial W_c},\
\frac{\partial L}{\partial W_o},\qquad
\frac{\partial L}{\partial b_f},\ \frac{\partial L}{\partial b_i},\
\frac{\partial L}{\partial b_c},\
\frac{\partial L}{\partial b_o}.$$
""", en=r"""
## 3. One cell backward: the chain rule

For each gate, $z$ is its input before the activation, with
$\text{concat} = [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$:

$$z_f = W_f\,\text{concat} + b_f,\quad z_u = W_i\,\text{concat} + b_i,\quad
z_c = W_c\,\text{concat} + b_c,\quad z_o = W_o\,\text{concat} + b_o,$$

$$\Gamma_f = \sigma(z_f),\quad \Gamma_u = \sigma(z_u),\quad \tilde c^{\langle t \rangle} =
\tanh(z_c),\quad
\Gamma_o = \sigma(z_o),$$

$$c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle} +
\Gamma_u * \tilde c^{\langle t \rangle},
\qquad a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle}).$$

We want the gradients of the cell's eight parameters,

$$\frac{\partial L}{\partial W_f},\ \frac{\partial L}{\partial W_i},\
\frac{\partial L}{\partial W_c},\
\frac{\partial L}{\partial W_o},\qquad
\frac{\partial L}{\partial b_f},\ \frac{\partial L}{\partial b_i},\
\frac{\partial L}{\partial b_c},\
\frac{\partial L}{\partial b_o}.$$
"""),
    md(es=r"""
![Una celda LSTM](../../img/lstm_cell_es.png)
""", en=r"""
![One LSTM cell](../../img/lstm_cell_en.png)
""", slide="subslide"),
    slide(es=r"""
## 3. Una celda hacia atrás: la regla de la cadena

![Una celda LSTM](../../img/lstm_cell_es.png)

- Los $dW$ y $db$ de las cuatro compuertas: seguimos las flechas al revés
""", en=r"""
## 3. One cell backward: the chain rule

![One LSTM cell](../../img/lstm_cell_en.png)

- The $dW$ and $db$ of all four gates: we follow the arrows backwards
"""),
    md(es=r"""
### Las cadenas

Ningún peso toca la pérdida directamente: influye en ella a través de una cadena de
cantidades intermedias, y la **regla de la cadena** multiplica las derivadas de cada
eslabón. Siguiendo las flechas de la figura al revés, la de la compuerta de olvido:

""" + CHAIN_F + r"""

Los eslabones no son números sino matrices, y dos de ellos son sencillos: como la compuerta
y la memoria se calculan **elemento a elemento**, $\partial c^{\langle t \rangle} / \partial
\Gamma_f$ y $\partial \Gamma_f / \partial z_f$ son **diagonales**, y multiplicar por ellas es
el producto $*$; el último, $\partial z_f / \partial W_f$, da un **producto exterior**,
$dW_f = dz_f\,\text{concat}^T$, $(n_a, m)(m, n_a + n_x)$. Así se comprueban las formas.
Es la contribución del paso $t$: $W_f$ actúa en todos los pasos, y la lección 03 suma las
contribuciones de todos ellos. Las otras tres compuertas siguen cadenas del mismo estilo (abajo,
plegadas, para leer después), y los sesgos también, con un último eslabón
$\partial z / \partial b = 1$. Tres cadenas pasan por la memoria $c^{\langle t \rangle}$; la de
la compuerta de salida, que actúa después de $c$, solo por $a^{\langle t \rangle}$.

<details><summary>Las otras tres cadenas</summary>

""" + OTHER_CHAINS + r"""

</details>

 Las derivadas de las activaciones se
escriben con sus propios valores, guardados en la caché: $\sigma'(z) = \sigma(z)(1 - \sigma(z))$
y $\tanh'(z) = 1 - \tanh^2(z)$.
""", en=r"""
### The chains

No weight touches the loss directly: it affects it through a chain of intermediate
quantities, and the **chain rule** multiplies the derivatives of every link. Following the
arrows of the figure backwards, that of the forget gate:

""" + CHAIN_F + r"""

The links are not numbers but matrices, and two of them are simple: since the gate and the
memory are computed **element by element**, $\partial c^{\langle t \rangle} / \partial
\Gamma_f$ and $\partial \Gamma_f / \partial z_f$ are **diagonal**, and multiplying by them
is the product $*$; the last, $\partial z_f / \partial W_f$, gives an **outer product**,
$dW_f = dz_f\,\text{concat}^T$, $(n_a, m)(m, n_a + n_x)$. That is how the shapes are checked.
It is the contribution of step $t$: $W_f$ acts at every step, and lesson 03 adds up the
contributions of all of them. The other three gates follow chains of the same kind (below,
folded, to read later), and so do the biases, with a last link $\partial z / \partial b = 1$.
Three chains go through the memory $c^{\langle t \rangle}$; that of the output gate, which acts
after $c$, only through $a^{\langle t \rangle}$.

<details><summary>The other three chains</summary>

""" + OTHER_CHAINS + r"""

</details>

 The derivatives of the activations are
written with their own values, kept in the cache: $\sigma'(z) = \sigma(z)(1 - \sigma(z))$
and $\tanh'(z) = 1 - \tanh^2(z)$.
"""),
    slide(es=r"""
### Las cadenas: la compuerta de olvido

""" + CHAIN_F + r"""

- Dos eslabones son **diagonales** (elemento a elemento): multiplicar es $*$
- El último da un **producto exterior**: $dW_f = dz_f\,\text{concat}^T$
- Las derivadas, con valores de la caché: $\sigma' = \sigma(1 - \sigma)$, $\tanh' = 1 - \tanh^2$
""", en=r"""
### The chains: the forget gate

""" + CHAIN_F + r"""

- Two links are **diagonal** (element by element): multiplying is $*$
- The last gives an **outer product**: $dW_f = dz_f\,\text{concat}^T$
- The derivatives, from values in the cache: $\sigma' = \sigma(1 - \sigma)$, $\tanh' = 1 - \tanh^2$
"""),
    md(es=r"""
### Las fórmulas, eslabón a eslabón (1/2)

A la celda del paso $t$ le llegan dos gradientes: $da_{\text{next}}$ $(n_a, m)$, para su
estado oculto, y $dc_{\text{next}}$ $(n_a, m)$, lo que el paso $t+1$ devuelve para su memoria
(cero en el último paso).

1. **La memoria reúne sus dos caminos.** $c^{\langle t \rangle}$ afecta a la pérdida a
   través del paso siguiente y a través de
   $a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$:
   $$dc = dc_{\text{next}} + da_{\text{next}} * \Gamma_o * \left(1 - \tanh^2
   c^{\langle t \rangle}\right)$$
2. **Las cuatro entradas de las compuertas** (`dot`, `dcct`, `dit`, `dft` en el código del
   original):
   $$dz_o = da_{\text{next}} * \tanh c^{\langle t \rangle} * \Gamma_o (1 - \Gamma_o)
   \qquad dz_c = dc * \Gamma_u * \left(1 - (\tilde c^{\langle t \rangle})^2\right)$$
   $$dz_u = dc * \tilde c^{\langle t \rangle} * \Gamma_u (1 - \Gamma_u)
   \qquad dz_f = dc * c^{\langle t-1 \rangle} * \Gamma_f (1 - \Gamma_f)$$
   En $dz_f$ se ve la cadena de $\partial L / \partial W_f$: $dc$, luego
   $\partial c^{\langle t \rangle} / \partial \Gamma_f = c^{\langle t-1 \rangle}$, luego
   $\partial \Gamma_f / \partial z_f = \Gamma_f(1 - \Gamma_f)$.
""", en=r"""
### The formulas, link by link (1/2)

The cell of step $t$ receives two gradients: $da_{\text{next}}$ $(n_a, m)$, for its hidden
state, and $dc_{\text{next}}$ $(n_a, m)$, what step $t+1$ hands back for its memory (zero at
the last step).

1. **The memory gathers its two paths.** $c^{\langle t \rangle}$ affects the loss through
   the next step and through $a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$:
   $$dc = dc_{\text{next}} + da_{\text{next}} * \Gamma_o * \left(1 - \tanh^2
   c^{\langle t \rangle}\right)$$
2. **The four gate inputs** (`dot`, `dcct`, `dit`, `dft` in the original's code):
   $$dz_o = da_{\text{next}} * \tanh c^{\langle t \rangle} * \Gamma_o (1 - \Gamma_o)
   \qquad dz_c = dc * \Gamma_u * \left(1 - (\tilde c^{\langle t \rangle})^2\right)$$
   $$dz_u = dc * \tilde c^{\langle t \rangle} * \Gamma_u (1 - \Gamma_u)
   \qquad dz_f = dc * c^{\langle t-1 \rangle} * \Gamma_f (1 - \Gamma_f)$$
   $dz_f$ shows the chain of $\partial L / \partial W_f$: $dc$, then
   $\partial c^{\langle t \rangle} / \partial \Gamma_f = c^{\langle t-1 \rangle}$, then
   $\partial \Gamma_f / \partial z_f = \Gamma_f(1 - \Gamma_f)$.
"""),
    md(es=r"""
### Las fórmulas, eslabón a eslabón (2/2)

3. **Pesos y sesgos**: el último eslabón. Como $z_g = W_g\,\text{concat} + b_g$ (para
   $g = f, u, c, o$, con $W_i, b_i$ para $u$):
   $$dW_g = dz_g\; \text{concat}^T \quad (n_a, m)(m, n_a + n_x) \to (n_a, n_a + n_x),
   \qquad db_g = \sum_{i=1}^{m} dz_{g,\,:,i} \quad (n_a, 1).$$
4. **Hacia el paso anterior.** concat alimenta las cuatro compuertas, así que su gradiente
   suma cuatro contribuciones:
   $$d\,\text{concat} = W_f^T dz_f + W_i^T dz_u + W_c^T dz_c + W_o^T dz_o \quad (n_a + n_x, m).$$
   Sus primeras $n_a$ filas son $da_{\text{prev}}$ y las últimas $n_x$ son
   $dx^{\langle t \rangle}$. La memoria anterior solo llega a $c^{\langle t \rangle}$
   multiplicada por la compuerta de olvido: $dc_{\text{prev}} = dc * \Gamma_f$.

El original escribía $dc$ desarrollado dentro de cada línea
(`dc_next * it + ot * (1 - np.tanh(c_next)**2) * it * da_next`, ...): es la misma álgebra,
pero calcularlo una vez es más claro y más barato.
""", en=r"""
### The formulas, link by link (2/2)

3. **Weights and biases**: the last link. Since $z_g = W_g\,\text{concat} + b_g$ (for
   $g = f, u, c, o$, with $W_i, b_i$ for $u$):
   $$dW_g = dz_g\; \text{concat}^T \quad (n_a, m)(m, n_a + n_x) \to (n_a, n_a + n_x),
   \qquad db_g = \sum_{i=1}^{m} dz_{g,\,:,i} \quad (n_a, 1).$$
4. **Towards the previous step.** concat feeds all four gates, so its gradient adds four
   contributions:
   $$d\,\text{concat} = W_f^T dz_f + W_i^T dz_u + W_c^T dz_c + W_o^T dz_o \quad (n_a + n_x, m).$$
   Its first $n_a$ rows are $da_{\text{prev}}$ and its last $n_x$ rows are
   $dx^{\langle t \rangle}$. The previous memory reaches $c^{\langle t \rangle}$ only
   multiplied by the forget gate: $dc_{\text{prev}} = dc * \Gamma_f$.

The original wrote $dc$ expanded inside every line
(`dc_next * it + ot * (1 - np.tanh(c_next)**2) * it * da_next`, ...): it is the same
algebra, but computing it once is clearer and cheaper.
"""),
    slide(es=r"""
### Las fórmulas, eslabón a eslabón (1/2)

**1. La memoria reúne sus dos caminos**, el paso siguiente y $a^{\langle t \rangle}$:

$$dc = dc_{\text{next}} + da_{\text{next}} * \Gamma_o *
\left(1 - \tanh^2 c^{\langle t \rangle}\right)$$

**2. Las cuatro entradas de las compuertas:**

$$\begin{aligned}
dz_o &= da_{\text{next}} * \tanh c^{\langle t \rangle} * \Gamma_o (1 - \Gamma_o) \\
dz_c &= dc * \Gamma_u * \left(1 - (\tilde c^{\langle t \rangle})^2\right) \\
dz_u &= dc * \tilde c^{\langle t \rangle} * \Gamma_u (1 - \Gamma_u) \\
dz_f &= dc * c^{\langle t-1 \rangle} * \Gamma_f (1 - \Gamma_f)
\end{aligned}$$
""", en=r"""
### The formulas, link by link (1/2)

**1. The memory gathers its two paths**, the next step and $a^{\langle t \rangle}$:

$$dc = dc_{\text{next}} + da_{\text{next}} * \Gamma_o *
\left(1 - \tanh^2 c^{\langle t \rangle}\right)$$

**2. The four gate inputs:**

$$\begin{aligned}
dz_o &= da_{\text{next}} * \tanh c^{\langle t \rangle} * \Gamma_o (1 - \Gamma_o) \\
dz_c &= dc * \Gamma_u * \left(1 - (\tilde c^{\langle t \rangle})^2\right) \\
dz_u &= dc * \tilde c^{\langle t \rangle} * \Gamma_u (1 - \Gamma_u) \\
dz_f &= dc * c^{\langle t-1 \rangle} * \Gamma_f (1 - \Gamma_f)
\end{aligned}$$
""", notes_es=r"""
En $dz_f$ se lee la cadena de $\partial L / \partial W_f$: $dc$, luego
$\partial c^{\langle t \rangle} / \partial \Gamma_f = c^{\langle t-1 \rangle}$, luego
$\Gamma_f(1 - \Gamma_f)$. $dz_o$ usa $da_{\text{next}}$ y no $dc$: $\Gamma_o$ actúa después de $c$.
""", notes_en=r"""
$dz_f$ shows the chain of $\partial L / \partial W_f$: $dc$, then
$\partial c^{\langle t \rangle} / \partial \Gamma_f = c^{\langle t-1 \rangle}$, then
$\Gamma_f(1 - \Gamma_f)$. $dz_o$ uses $da_{\text{next}}$, not $dc$: $\Gamma_o$ acts after $c$.
"""),
    slide(es=r"""
### Las fórmulas, eslabón a eslabón (2/2)

**3. Pesos y sesgos**, para $g = f, u, c, o$ (con $W_i, b_i$ para $u$):

$$dW_g = dz_g\, \text{concat}^T \quad (n_a, n_a + n_x)
\qquad db_g = \sum_{i=1}^{m} dz_{g,\,:,i} \quad (n_a, 1)$$

**4. Hacia el paso anterior:** concat alimenta las cuatro compuertas

$$d\,\text{concat} = W_f^T dz_f + W_i^T dz_u + W_c^T dz_c + W_o^T dz_o
= \begin{bmatrix} da_{\text{prev}} \\ dx^{\langle t \rangle} \end{bmatrix}$$

$$dc_{\text{prev}} = dc * \Gamma_f$$
""", en=r"""
### The formulas, link by link (2/2)

**3. Weights and biases**, for $g = f, u, c, o$ (with $W_i, b_i$ for $u$):

$$dW_g = dz_g\, \text{concat}^T \quad (n_a, n_a + n_x)
\qquad db_g = \sum_{i=1}^{m} dz_{g,\,:,i} \quad (n_a, 1)$$

**4. Towards the previous step:** concat feeds all four gates

$$d\,\text{concat} = W_f^T dz_f + W_i^T dz_u + W_c^T dz_c + W_o^T dz_o
= \begin{bmatrix} da_{\text{prev}} \\ dx^{\langle t \rangle} \end{bmatrix}$$

$$dc_{\text{prev}} = dc * \Gamma_f$$
"""),
    code(r"""
#[es] la función del paquete
#[en] the package's function
show_source(lstm_cell_backward, LANG)
""", only="complete", slide="subslide"),
    md(es=r"""
Un paso, el último de la ventana: solo le llega el gradiente de su propia predicción, nada
del futuro. Cada gradiente tiene la forma de lo que deriva:
""", en=r"""
One step, the last of the window: it only receives the gradient of its own prediction,
nothing from the future. Each gradient has the shape of what it differentiates:
""", slide="subslide"),
    code(r"""
#[es] caches = (lista de las T_x cachés de celda, x)
#[en] caches = (list of the T_x cell caches, x)
cell_caches = caches[0]
#[es] dL/da<T_x>, solo de la última predicción
#[en] dL/da<T_x>, from the last prediction only
da_T = out["da"][:, :, -1]
#[es] ningún paso posterior devuelve nada a c<T_x>
#[en] no later step sends anything back to c<T_x>
dc_T = np.zeros((n_a, m))
step = lstm_cell_backward(da_T, dc_T, cell_caches[-1])
for key, value in step.items():
    print(f"{key:>7}: {value.shape}")
""", mark="cell_step"),
    slide(es=r"""
### Un paso, el último de la ventana

- Solo le llega el gradiente de su predicción: $dc_{\text{next}} = 0$
- Cada gradiente tiene la forma de lo que deriva
""", en=r"""
### One step, the last of the window

- It only receives the gradient of its own prediction: $dc_{\text{next}} = 0$
- Each gradient has the shape of what it differentiates
""", code="""step = lstm_cell_backward(da_T, dc_T, cell_caches[-1])""", show="cell_step"),
    notes(es="""
**19 min.** Dibuja la celda y recorre las flechas al revés con la clase, solo para $dc$ (los
dos caminos) y una compuerta, la de olvido: $dz_f$, $dW_f$, $db_f$, comprobando las formas
(factores diagonales, producto exterior al final). Las otras tres cadenas quedan plegadas en
la lección, para leer en casa; las fórmulas de $dz_o$, $dz_c$, $dz_u$ y de
$d\\,\\text{concat}$ están en las dos diapositivas «Las fórmulas, eslabón a eslabón»: vuelve a
ellas para las preguntas. Ejecuta el paso de la celda del paquete y lee las formas. El hueco
`lstm_cell_backward` es el laboratorio de después de clase (20 a 30 minutos).

- *¿Por qué $dz_o$ usa $da_{\\text{next}}$ y no $dc$?* $\\Gamma_o$ actúa después de $c$: solo
  afecta a la pérdida a través de $a^{\\langle t \\rangle}$.
- *¿Por qué se suman cuatro términos en $d\\,\\text{concat}$?* concat entra en las cuatro
  compuertas; si una variable se usa varias veces, sus gradientes se suman.
- *¿Qué forma tiene `dxt` y para qué sirve si $x$ es un dato?* $(n_x, m)$; no se usa para
  entrenar, pero la comprobación del gradiente de la lección 03 lo pone a prueba.


""", en="""
**19 min.** Draw the cell and walk the arrows backwards with the class, for $dc$ (the two
paths) and one gate only, the forget gate: $dz_f$, $dW_f$, $db_f$, checking the shapes
(diagonal factors, an outer product at the end). The other three chains are folded in the
lesson, to read at home; the formulas of $dz_o$, $dz_c$, $dz_u$ and of
$d\\,\\text{concat}$ are on the two slides "The formulas, link by link": go back to them for
the questions. Run the package's cell step and read the shapes. The `lstm_cell_backward`
blank is the lab after class (20 to 30 minutes).

- *Why does $dz_o$ use $da_{\\text{next}}$ and not $dc$?* $\\Gamma_o$ acts after $c$: it only
  affects the loss through $a^{\\langle t \\rangle}$.
- *Why do four terms add up in $d\\,\\text{concat}$?* concat goes into all four gates; when a
  variable is used several times, its gradients add up.
- *What shape is `dxt`, and what is it for if $x$ is data?* $(n_x, m)$; it is not used for
  training, but lesson 03's gradient check puts it to the test.


"""),

    # ------------------------------------------------------------------------------------
    # Summary and exercises
    # ------------------------------------------------------------------------------------
    md(es=r"""
## Resumen

- La pérdida es la entropía cruzada **media** por carácter, en nats ($\div \ln 2$ para
  bits): comparable entre lotes de cualquier tamaño. Adivinar al azar da $\ln n_y$.
- Softmax más entropía cruzada da un gradiente muy simple, $dz = (\hat y - y)/(m\,T_x)$, del
  que salen $dW_y$, $db_y$ y el $da$ que entra en la LSTM.
- Una celda hacia atrás reúne en $dc$ los dos caminos de la memoria, calcula las cuatro $dz$
  de las compuertas y los gradientes de pesos $dz\,\text{concat}^T$, y devuelve
  $da_{\text{prev}}$, $dc_{\text{prev}} = dc * \Gamma_f$ y $dx$.
- Siguiente: encadenar las celdas en el tiempo (BPTT) y comprobar que todo está bien.
""", en=r"""
## Summary

- The loss is the **mean** cross-entropy per character, in nats ($\div \ln 2$ for bits):
  comparable across batches of any size. Uniform guessing gives $\ln n_y$.
- Softmax plus cross-entropy gives a very simple gradient, $dz = (\hat y - y)/(m\,T_x)$,
  from which come $dW_y$, $db_y$ and the $da$ that enters the LSTM.
- One cell backward gathers the two paths of the memory into $dc$, computes the four gate
  $dz$'s and the weight gradients $dz\,\text{concat}^T$, and returns $da_{\text{prev}}$,
  $dc_{\text{prev}} = dc * \Gamma_f$ and $dx$.
- Next: chaining the cells through time (BPTT) and checking that it is all right.
"""),
    slide(es=r"""
## Resumen

- La pérdida: entropía cruzada **media** por carácter, en nats; el azar da $\ln n_y$
- Softmax con entropía cruzada: $dz = (\hat y - y)/(m\,T_x)$
- Una celda hacia atrás: $dc$ reúne dos caminos; cuatro $dz$; $dW = dz\,\text{concat}^T$;
  $dc_{\text{prev}} = dc * \Gamma_f$
- Laboratorio: `lstm_cell_backward`, con «Las fórmulas, eslabón a eslabón» delante
- Siguiente: BPTT y la comprobación del gradiente
""", en=r"""
## Summary

- The loss: the **mean** cross-entropy per character, in nats; guessing gives $\ln n_y$
- Softmax with cross-entropy: $dz = (\hat y - y)/(m\,T_x)$
- One cell backward: $dc$ gathers two paths; four $dz$'s; $dW = dz\,\text{concat}^T$;
  $dc_{\text{prev}} = dc * \Gamma_f$
- Lab: `lstm_cell_backward`, with "The formulas, link by link" in front of you
- Next: BPTT and the gradient check
"""),
    notes(es="""
**3 min.** Repasa el resumen; encarga el laboratorio `lstm_cell_backward` y los ejercicios 1
y 3. Avisa de que la lección 03 comprobará numéricamente lo que hoy se derivó a mano. La
estimación de la clase: 4 de apertura + 12 de la pérdida (5 escribiendo `compute_loss`) + 12
de la derivación de $\\hat y - y$ en la pizarra + 19 de la celda hacia atrás (pizarra y formas,
sin escribir código) + 3 = 50 minutos. Escribir `lstm_cell_backward` lleva de 20 a 30
minutos: por eso es el laboratorio, fuera de la clase.
""", en="""
**3 min.** Go over the summary; set the `lstm_cell_backward` lab and exercises 1 and 3. Tell
the class that lesson 03 will check numerically what was derived by hand today. The
period's estimate: 4 opening + 12 for the loss (5 writing `compute_loss`) + 12 for the
$\\hat y - y$ derivation on the board + 19 for the cell backward (board and shapes, no code
written) + 3 = 50 minutes. Writing `lstm_cell_backward` takes 20 to 30 minutes: that is why it
is the lab, outside the class.
"""),

    # ------------------------------------------------------------------------------------
    # After class
    # ------------------------------------------------------------------------------------
    after_class(es=r"""
**Laboratorio:** escribe `lstm_cell_backward` en su hueco (de 20 a 30 minutos), con las dos
secciones «Las fórmulas, eslabón a eslabón» de la lección delante. **Tarea:** los ejercicios 1 y 3.
""", en=r"""
**Lab:** write `lstm_cell_backward` in its blank (20 to 30 minutes), with the lesson's two
sections "The formulas, link by link" in front of you. **Homework:** exercises 1 and 3.
"""),
    blank(doc_es=r'''
Gradientes de un paso de la LSTM, por la regla de la cadena.

Parámetros
----------
da_next : array (n_a, m), dL/da<t> (de la predicción en t y del paso t+1).
dc_next : array (n_a, m), dL/dc<t> que llega del paso t+1 (ceros en el último).
cache : la tupla de lstm_cell_forward,
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters),
    donde ft = Γ_f, it = Γ_u, cct = c̃<t>, ot = Γ_o, todos (n_a, m), y xt (n_x, m).

Devuelve
--------
gradients : dict con
    dxt (n_x, m), da_prev (n_a, m), dc_prev (n_a, m),
    dWf, dWi, dWc, dWo (n_a, n_a + n_x), dbf, dbi, dbc, dbo (n_a, 1).

Orden sugerido (las fórmulas están arriba, en esta lección): primero dc, lo que llega a
c<t> por sus dos caminos; después las cuatro dz de las compuertas (dot, dcct, dit, dft);
después los pesos, cada dz_g frente a concat = [a_prev; xt], y los sesgos, dz_g sumado
sobre el lote; por último lo que vuelve hacia atrás: da_prev y dxt salen de Σ_g W_g.T @ dz_g
(las n_a primeras filas son de a_prev), y dc_prev es la parte de dc que cruza la compuerta
de olvido.
Autocomprobación: cada dW_g tiene la forma de W_g y cada db_g la de b_g, (n_a, 1).
''', doc_en=r'''
Gradients of one LSTM step, by the chain rule.

Parameters
----------
da_next : array (n_a, m), dL/da<t> (from the prediction at t and from step t+1).
dc_next : array (n_a, m), dL/dc<t> arriving from step t+1 (zeros at the last step).
cache : the tuple from lstm_cell_forward,
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters),
    where ft = Γ_f, it = Γ_u, cct = c̃<t>, ot = Γ_o, all (n_a, m), and xt (n_x, m).

Returns
-------
gradients : dict with
    dxt (n_x, m), da_prev (n_a, m), dc_prev (n_a, m),
    dWf, dWi, dWc, dWo (n_a, n_a + n_x), dbf, dbi, dbc, dbo (n_a, 1).

Suggested order (the formulas are above, in this lesson): first dc, what reaches c<t>
along its two paths; then the four dz of the gates (dot, dcct, dit, dft); then the weights,
each dz_g against concat = [a_prev; xt], and the biases, dz_g summed over the batch; last,
what goes back: da_prev and dxt come from Σ_g W_g.T @ dz_g (the first n_a rows are
a_prev's), and dc_prev is the part of dc that crosses the forget gate.
Self-check: every dW_g has the shape of W_g and every db_g that of b_g, (n_a, 1).
''', code=r'''
def lstm_cell_backward(da_next, dc_next, cache):
    ### BEGIN SOLUTION
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_a = a_next.shape[0]

    tanh_c = np.tanh(c_next)
    #[es] la memoria reúne sus dos caminos
    #[en] the memory gathers its two paths
    dc = dc_next + da_next * ot * (1 - tanh_c ** 2)

    dot = da_next * tanh_c * ot * (1 - ot)                  # dz_o
    dcct = dc * it * (1 - cct ** 2)                         # dz_c
    dit = dc * cct * it * (1 - it)                          # dz_u
    dft = dc * c_prev * ft * (1 - ft)                       # dz_f

    concat = np.concatenate((a_prev, xt), axis=0)           # (n_a + n_x, m)
    dconcat = (parameters["Wf"].T @ dft + parameters["Wi"].T @ dit
               + parameters["Wc"].T @ dcct + parameters["Wo"].T @ dot)

    gradients = {"dxt": dconcat[n_a:], "da_prev": dconcat[:n_a], "dc_prev": dc * ft,
                 "dWf": dft @ concat.T, "dbf": np.sum(dft, axis=1, keepdims=True),
                 "dWi": dit @ concat.T, "dbi": np.sum(dit, axis=1, keepdims=True),
                 "dWc": dcct @ concat.T, "dbc": np.sum(dcct, axis=1, keepdims=True),
                 "dWo": dot @ concat.T, "dbo": np.sum(dot, axis=1, keepdims=True)}
    return gradients
    ### END SOLUTION
'''),
    code(r"""
lstm_cell_backward = use("lstm_cell_backward", globals().get("lstm_cell_backward"), LANG)
""", only="student"),
    md(es=r"""
### Ejercicios

1. **Las pérdidas del original, leídas bien.** El cuaderno original imprimía
   `Pérdida: 68.0088` y, 500 iteraciones después, `Pérdida: 55.6805`. La primera no está
   suavizada: es la iteración 0 de un entrenamiento reanudado, donde el original hace
   `loss = curr_loss`, la suma sobre una ventana de 25 caracteres. La segunda es una media
   móvil, `loss = 0.999 * loss + 0.001 * curr_loss`, que todavía pesa $0.999^{500}$ sobre
   aquel 68.0. (a) Pasa 68.0088 a nats y bits por carácter con `nats_to_bits` y compáralo con
   $\ln 52$ (su vocabulario tenía 52 caracteres). (b) Calcula $0.999^{500}$. (c) Si todas las
   pérdidas después de la primera valieran lo mismo, $L^*$, ¿qué $L^*$ da 55.6805 a las 500
   iteraciones? ¿Qué dice eso de los «2.23 nats por carácter» que salen de dividir 55.6805
   entre 25? Es el mismo sesgo de arranque que la lección 04 enseña a corregir en Adam.
2. **El hueco de la clase.** `compute_loss`, si no quedó bien en clase: la celda siguiente
   dice qué pieza falla.
3. **El $dc$ desarrollado.** Calcula `dc_prev` como lo hacía el original,
   `dc_next * ft + ot * (1 - np.tanh(c_next)**2) * ft * da_next`, con los valores de
   `cell_caches[-1]`, `da_T` y `dc_T`, y comprueba con `np.allclose` que coincide con
   `step["dc_prev"]`.
""", en=r"""
### Exercises

1. **The original's losses, read right.** The original notebook printed a loss of
   `68.0088` and, 500 iterations later, `55.6805`. The first is not smoothed: it is
   iteration 0 of a resumed run, where the original sets `loss = curr_loss`, the sum over one
   window of 25 characters. The second is a moving average,
   `loss = 0.999 * loss + 0.001 * curr_loss`, that still puts a weight of $0.999^{500}$ on
   that 68.0. (a) Turn 68.0088 into nats and bits per character with `nats_to_bits` and
   compare it with $\ln 52$ (its vocabulary had 52 characters). (b) Compute $0.999^{500}$.
   (c) If every loss after the first one had the same value, $L^*$, which $L^*$ gives 55.6805
   after 500 iterations? What does that say about the "2.23 nats per character" one gets by
   dividing 55.6805 by 25? It is the same start-up bias that lesson 04 teaches Adam to correct.
2. **The class's blank.** `compute_loss`, if it was not right in class: the cell after it says
   which piece is wrong.
3. **The expanded $dc$.** Compute `dc_prev` as the original did,
   `dc_next * ft + ot * (1 - np.tanh(c_next)**2) * ft * da_next`, with the values of
   `cell_caches[-1]`, `da_T` and `dc_T`, and check with `np.allclose` that it matches
   `step["dc_prev"]`.
"""),
    notes(es="""
Para corregir el laboratorio. Errores habituales: usar `dc_next` en lugar de `dc` en $dz_f$,
$dz_u$, $dz_c$ (olvidar el camino a través de $a$); partir `dconcat` al revés (las primeras
$n_a$ filas son
$da_{\\text{prev}}$); `np.sum` sin `keepdims=True` (sesgos de forma $(n_a,)$); escribir
$\\Gamma_u(1 - \\Gamma_u)$ en $dz_c$ en lugar de $1 - \\tilde c^2$.
""", en="""
To mark the lab. Usual mistakes: using `dc_next` instead of `dc` in $dz_f$, $dz_u$, $dz_c$
(forgetting the path through $a$); splitting `dconcat` the wrong way round (the first $n_a$ rows are
$da_{\\text{prev}}$); `np.sum` without `keepdims=True` (biases of shape $(n_a,)$); writing
$\\Gamma_u(1 - \\Gamma_u)$ in $dz_c$ instead of $1 - \\tilde c^2$.
"""),
    guide("objectives", es=r"""
- Calcular la pérdida de entropía cruzada como media en nats y bits por carácter, y leerla
  frente a $\ln n_y$ y como perplejidad.
- Derivar $\partial L / \partial z = \hat y - y$ para softmax más entropía cruzada.
- Seguir la regla de la cadena dentro de una celda para $dc$ y la compuerta de olvido, y
  comprobar las formas (factores diagonales, producto exterior).
""", en=r"""
- Compute the cross-entropy loss as a mean in nats and bits per character, and read it
  against $\ln n_y$ and as perplexity.
- Derive $\partial L / \partial z = \hat y - y$ for softmax plus cross-entropy.
- Follow the chain rule inside one cell for $dc$ and the forget gate, and check the shapes
  (diagonal factors, an outer product).
"""),
    guide("prerequisites", es=r"""
La lección 01 (las ecuaciones de la celda y su `cache`). Las derivadas de $\sigma$ y $\tanh$,
la regla de la cadena para funciones de una variable, las formas de un producto de matrices.
""", en=r"""
Lesson 01 (the cell's equations and its `cache`). The derivatives of $\sigma$ and $\tanh$, the
chain rule for functions of one variable, the shapes of a matrix product.
"""),
    guide("optional", es=r"""
Las otras tres cadenas (plegadas en la lección) y el ejercicio 3 son para quien quiera
repasar; el laboratorio `lstm_cell_backward` no es opcional: la lección 03 lo usa.
""", en=r"""
The other three chains (folded in the lesson) and exercise 3 are for those who want to
review; the `lstm_cell_backward` lab is not optional: lesson 03 uses it.
"""),
    guide("exit", es=r"""
1. ¿Cuál es la pérdida si la red da probabilidad 0.25 al carácter correcto, en nats y en bits?
2. ¿Por qué cada columna de $\hat y - y$ suma 0?
3. ¿Qué dos caminos reúne $dc$, y por qué $dz_o$ no usa $dc$?
""", en=r"""
1. What is the loss if the network gives probability 0.25 to the right character, in nats
   and in bits?
2. Why does every column of $\hat y - y$ add up to 0?
3. Which two paths does $dc$ gather, and why does $dz_o$ not use $dc$?
"""),
    guide("answers", es=r"""
**Preguntas de salida.** (1) $-\ln 0.25 = \ln 4 \approx 1.386$ nats, exactamente 2 bits.
(2) $\hat y$ y el one-hot $y$ suman 1 cada uno. (3) El del paso siguiente, $dc_\text{next}$, y
el que pasa por $a^{\langle t \rangle} = \Gamma_o * \tanh c^{\langle t \rangle}$; $\Gamma_o$
actúa después de $c$, así que solo llega a la pérdida por $a^{\langle t \rangle}$.

**Ejercicio 1.** (a) $68.0088 / 25 = 2.72$ nats $= 3.92$ bits por carácter, por debajo del azar
con 52 caracteres, $\ln 52 = 3.95$ nats $= \log_2 52 = 5.70$ bits (compara nats con nats). (b)
$0.999^{500} \approx 0.606$. (c) $55.6805 = 0.606 \cdot 68.0088 + 0.394
\, L^*$ da $L^* \approx 36.7$ por ventana, unos 1.47 nats por carácter (una pérdida de
entrenamiento sobre ventanas que el original ya había visto muchas veces: lección 06). Los
2.23 nats por carácter de $55.6805/25$ son casi todo el arranque: el 61 % de la media es
todavía el 68.0 inicial. Es el sesgo de una media móvil que empieza en un valor que no es
representativo, el mismo que la corrección de sesgo de Adam quita (lección 04).

**Ejercicio 3.** `np.allclose` da `True`: $dc_\text{prev} = dc * \Gamma_f$ con
$dc = dc_\text{next} + da_\text{next} * \Gamma_o * (1 - \tanh^2 c)$ es la fórmula del original
con $\Gamma_f$ sacado como factor común.
""", en=r"""
**Exit questions.** (1) $-\ln 0.25 = \ln 4 \approx 1.386$ nats, exactly 2 bits. (2) $\hat y$
and the one-hot $y$ each add up to 1. (3) The next step's, $dc_\text{next}$, and the one
through $a^{\langle t \rangle} = \Gamma_o * \tanh c^{\langle t \rangle}$; $\Gamma_o$ acts after
$c$, so it reaches the loss only through $a^{\langle t \rangle}$.

**Exercise 1.** (a) $68.0088 / 25 = 2.72$ nats $= 3.92$ bits per character, below chance with
52 characters, $\ln 52 = 3.95$ nats $= \log_2 52 = 5.70$ bits (compare nats with nats). (b)
$0.999^{500} \approx 0.606$. (c) $55.6805 = 0.606 \cdot 68.0088 + 0.394
\, L^*$ gives $L^* \approx 36.7$ per window, about 1.47 nats per character (a training loss on
windows the original had already seen many times: lesson 06). The 2.23 nats per character of
$55.6805/25$ are mostly the start: 61 % of the average is still the initial 68.0. It is the
bias of a moving average that starts from an unrepresentative value, the same one Adam's bias
correction removes (lesson 04).

**Exercise 3.** `np.allclose` gives `True`: $dc_\text{prev} = dc * \Gamma_f$ with
$dc = dc_\text{next} + da_\text{next} * \Gamma_o * (1 - \tanh^2 c)$ is the original's formula
with $\Gamma_f$ taken out as a common factor.
"""),
]
