"""Notebook 02: backward propagation.

The cross-entropy loss in nats per character, the softmax output layer's gradient, one LSTM
cell backward by the chain rule, backpropagation through time, the numerical gradient check
(and what a failing one looks like), and how the gradient fades as it flows back in time.
"""
from nbsource import code, md, settings

CELLS = [
    # ------------------------------------------------------------------------------------
    # Title, where we are
    # ------------------------------------------------------------------------------------
    md(es=r"""
# 02 · Propagación hacia atrás: de la pérdida a los gradientes

**Dónde estamos.** En el cuaderno 01 la red aprendió a *predecir*: lee un carácter,
actualiza su memoria a largo plazo $c^{\langle t \rangle}$ y su memoria a corto plazo
$a^{\langle t \rangle}$, y da una distribución $\hat y^{\langle t \rangle}$ sobre el
carácter siguiente. Con pesos al azar esas predicciones no valen más que adivinar. Para
mejorarlas hay que saber, para cada una de las decenas de miles de pesos, hacia dónde
moverlo para que la pérdida baje: su **gradiente**. Este cuaderno lo calcula con la regla de
la cadena, comprueba numéricamente que está bien y mira cómo viaja hacia atrás en el tiempo.
El cuaderno 03 usará estos gradientes para actualizar los pesos con Adam.

**Qué haremos**

1. La pérdida: entropía cruzada, en nats y en bits por carácter.
2. La capa de salida: softmax más entropía cruzada da el gradiente $\hat y - y$.
3. Una celda hacia atrás: la regla de la cadena, compuerta por compuerta.
4. Retropropagación a través del tiempo (BPTT).
5. La comprobación numérica del gradiente, y cómo se ve un gradiente equivocado.
6. Cómo cambia el tamaño del gradiente al viajar hacia atrás en el tiempo.

**Notación** (la del cuaderno 01). $n_a$ unidades ocultas, $n_x = n_y$ caracteres en el
vocabulario, $m$ secuencias por lote, $T_x$ pasos por ventana; los arreglos tienen forma
$(n, m, T_x)$. $\hat y^{\langle t \rangle}$ es la predicción (`y_hat` en el código) e
$y^{\langle t \rangle}$ el vector one-hot del carácter que de verdad venía. $*$ es el
producto elemento a elemento. Para cualquier cantidad $X$ escribimos
$dX = \partial L / \partial X$: el gradiente de la pérdida respecto a $X$, de la misma forma
que $X$.
""", en=r"""
# 02 · Backward propagation: from the loss to the gradients

**Where we are.** In notebook 01 the network learnt to *predict*: it reads a character,
updates its long-term memory $c^{\langle t \rangle}$ and its short-term memory
$a^{\langle t \rangle}$, and gives a distribution $\hat y^{\langle t \rangle}$ over the next
character. With random weights those predictions are no better than guessing. To improve
them we need to know, for each of the tens of thousands of weights, which way to move it so
that the loss goes down: its **gradient**. This notebook computes it with the chain rule,
checks numerically that it is right, and watches how it travels back in time. Notebook 03
will use these gradients to update the weights with Adam.

**What we will do**

1. The loss: cross-entropy, in nats and in bits per character.
2. The output layer: softmax plus cross-entropy gives the gradient $\hat y - y$.
3. One cell backward: the chain rule, gate by gate.
4. Backpropagation through time (BPTT).
5. The numerical gradient check, and what a wrong gradient looks like.
6. How the size of the gradient changes as it travels back in time.

**Notation** (that of notebook 01). $n_a$ hidden units, $n_x = n_y$ characters in the
vocabulary, $m$ sequences per batch, $T_x$ steps per window; arrays have shape
$(n, m, T_x)$. $\hat y^{\langle t \rangle}$ is the prediction (`y_hat` in the code) and
$y^{\langle t \rangle}$ the one-hot vector of the character that really came next. $*$ is
the element-wise product. For any quantity $X$ we write $dX = \partial L / \partial X$: the
gradient of the loss with respect to $X$, of the same shape as $X$.
"""),
    settings(),
    code(r"""
import math

import numpy as np

from lstm_np import (PARAMETER_NAMES, Vocabulary, compute_loss, gradient_check,
                     initialize_parameters, loss_and_gradients, lstm_backward,
                     lstm_cell_backward, lstm_forward, nats_to_bits, one_hot,
                     output_layer_backward, relative_error)
from lstm_np import plots
from lstm_np.analysis import gate_activations, gradient_flow
from lstm_np.checkpoint import load_pretrained
from lstm_np.data import load_corpus
from lstm_np.i18n import tr
from lstm_np.notebook import show_source
from lstm_np.plots import display_char

text = load_corpus(CORPUS)              # the cleaned book: one paragraph per line, lower-case
model = load_pretrained(LANG)           # a network already trained on this text (notebook 05)
vocab = model.vocab
parameters = {name: model.parameters[name].astype(np.float64) for name in PARAMETER_NAMES}
n_a = parameters["Wf"].shape[0]
n_x = n_y = vocab.size
print(f"len(text) = {len(text)}   n_x = n_y = {n_y}   n_a = {n_a}")
"""),
    md(es=r"""
Una pequeña función auxiliar de este cuaderno corta ventanas del texto: las entradas
$x$ de forma $(n_x, m, T_x)$, en one-hot, y los objetivos $Y$ de forma $(m, T_x)$, que son
los índices de los mismos caracteres desplazados una posición.
""", en=r"""
A small helper of this notebook cuts windows out of the text: the inputs $x$, one-hot, of
shape $(n_x, m, T_x)$, and the targets $Y$ of shape $(m, T_x)$, the indices of the same
characters shifted by one position.
"""),
    code(r"""
def window(starts, T_x, vocab=vocab, text=text):
    # one sequence per start: inputs text[s : s+T_x], targets text[s+1 : s+T_x+1]
    X = np.stack([vocab.encode(text[s:s + T_x]) for s in starts])           # (m, T_x)
    Y = np.stack([vocab.encode(text[s + 1:s + T_x + 1]) for s in starts])   # (m, T_x)
    return one_hot(X, vocab.size), Y                                        # (n_x, m, T_x)

x, Y = window([0, 1000], 12)          # m = 2 windows of T_x = 12 characters
n_x, m, T_x = x.shape
a0 = np.zeros((n_a, m))
a, y_hat, c, caches = lstm_forward(x, a0, parameters)
print("x:", x.shape, "  Y:", Y.shape, "  a:", a.shape, "  y_hat:", y_hat.shape)
"""),

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
cruzada entre el one-hot $y$ y la predicción, $-\sum_j y_j \log \hat y_j$, porque el único
término que sobrevive es el de $j = k$. Al minimizarla, la red busca dar la mayor
probabilidad posible al texto real: es la máxima verosimilitud.

La tabla de abajo muestra estas pérdidas carácter a carácter para la primera ventana, con la
red preentrenada: pérdidas pequeñas donde el siguiente carácter es fácil de adivinar (dentro
de una palabra ya empezada) y grandes donde no (el principio de una palabra). Al principio
de la ventana la red parte de estados $a^{\langle 0 \rangle} = c^{\langle 0 \rangle} = 0$ y
todavía no tiene contexto.
""", en=r"""
## 1. The loss: cross-entropy

At every step the network shares one unit of probability among the $n_y$ characters. If
the character that really came next has index $k$, the loss of that prediction is

$$L = -\log \hat y_k .$$

It is 0 if the network gave probability 1 to the right character, and it grows without
bound as that probability approaches 0: above all it punishes being *confidently* wrong. It
is the cross-entropy between the one-hot $y$ and the prediction, $-\sum_j y_j \log \hat y_j$,
since the only term that survives is the one with $j = k$. Minimising it, the network tries
to give the real text as much probability as it can: this is maximum likelihood.

The table below shows these losses character by character for the first window, with the
pretrained network: small losses where the next character is easy to guess (inside a word
already begun) and large ones where it is not (the start of a word). At the start of the
window the network begins from $a^{\langle 0 \rangle} = c^{\langle 0 \rangle} = 0$ and has
no context yet.
"""),
    code(r"""
i = 0                                              # the first sequence of the batch
print(" t | x<t> → y<t> | ŷ[y<t>] | -log ŷ[y<t>]")
for t in range(T_x):
    k = Y[i, t]                                    # index of the true next character
    seen = vocab.ix_to_char[int(np.argmax(x[:, i, t]))]
    print(f"{t + 1:>2} |  {display_char(seen)}  →  {display_char(vocab.ix_to_char[int(k)])}"
          f"   |  {y_hat[k, i, t]:.4f} |  {-np.log(y_hat[k, i, t]):.4f}")
"""),
    md(es=r"""
**Una media, no una suma.** Un lote tiene $m$ secuencias de $T_x$ pasos, es decir $m\,T_x$
predicciones. La pérdida del paquete es la **media** sobre todas ellas, en *nats por
carácter* (nats porque el logaritmo es natural):

$$L = -\frac{1}{m\,T_x} \sum_{i=1}^{m} \sum_{t=1}^{T_x}
      \log \hat y^{\langle t \rangle}_{Y_{i,t},\ i},
\qquad L_{\text{bits}} = \frac{L}{\ln 2}.$$

El cuaderno original **sumaba** las 25 pérdidas de una ventana y solo funcionaba con
$m = 1$ (el índice de la secuencia estaba fijo en `0`). Una suma crece con $T_x$ y con $m$:
su «68.0» no se puede comparar con la pérdida de otra ventana u otro lote, y el gradiente de
una suma también crece con $m\,T_x$, de modo que la tasa de aprendizaje habría que
reajustarla cada vez que cambiamos el tamaño del lote. Con la media, la pérdida y su
gradiente no dependen de cuántas predicciones hay, y $L$ tiene un significado fijo: nats por
carácter. (Aquel 68.0 sobre 25 caracteres son $68.0 / 25 = 2.72$ nats por carácter.)

`compute_loss` toma de golpe, con `np.take_along_axis`, la probabilidad del carácter
correcto en cada una de las $m \times T_x$ posiciones y promedia sus logaritmos:
""", en=r"""
**A mean, not a sum.** A batch holds $m$ sequences of $T_x$ steps, that is $m\,T_x$
predictions. The package's loss is the **mean** over all of them, in *nats per character*
(nats because the logarithm is natural):

$$L = -\frac{1}{m\,T_x} \sum_{i=1}^{m} \sum_{t=1}^{T_x}
      \log \hat y^{\langle t \rangle}_{Y_{i,t},\ i},
\qquad L_{\text{bits}} = \frac{L}{\ln 2}.$$

The original notebook **summed** the 25 losses of one window and only worked for $m = 1$
(the sequence index was fixed at `0`). A sum grows with $T_x$ and with $m$: its "68.0"
cannot be compared with the loss of another window or another batch, and the gradient of a
sum grows with $m\,T_x$ too, so the learning rate would need retuning every time the batch
size changes. With the mean, neither the loss nor its gradient depends on how many
predictions there are, and $L$ has a fixed meaning: nats per character. (That 68.0 over 25
characters is $68.0 / 25 = 2.72$ nats per character.)

`compute_loss` picks, in one go with `np.take_along_axis`, the probability of the right
character at each of the $m \times T_x$ positions and averages their logarithms:
"""),
    code(r"""
show_source(compute_loss)
"""),
    md(es=r"""
La comprobamos con un bucle explícito, término a término, como lo haría el original pero
recorriendo también las $m$ secuencias:
""", en=r"""
We check it with an explicit loop, term by term, as the original would have done but going
through the $m$ sequences as well:
"""),
    code(r"""
loss = compute_loss(y_hat, Y)

total = 0.0
for i in range(m):                                 # every sequence of the batch
    for t in range(T_x):                           # every time step
        total += -np.log(y_hat[Y[i, t], i, t])     # -log of the probability of the truth

print(f"compute_loss(y_hat, Y)     = {loss:.4f} nats = {nats_to_bits(loss):.4f} bits")
print(f"Σ_i Σ_t -log ŷ / (m·T_x)  = {total / (m * T_x):.4f} nats")
print(f"Σ_i Σ_t -log ŷ            = {total:.4f} nats   (m·T_x = {m * T_x})")
"""),
    md(es=r"""
**Qué significa el número.** Quien adivina al azar, con probabilidad $1/n_y$ para cada
carácter, obtiene $L = \ln n_y$: es el punto de partida de una red recién inicializada
(cuaderno 01). Una forma intuitiva de leer $L$ es $e^{L}$, la *perplejidad*: la red está
tan indecisa como si eligiera al azar entre $e^{L}$ caracteres igual de probables. Para el
azar son los $n_y$ del vocabulario; para la red preentrenada, medida en la décima parte del
texto que no vio al entrenar (la mejor pérdida de validación de su historial, la de los
parámetros que se guardaron), son unos pocos.
""", en=r"""
**What the number means.** Someone guessing uniformly, with probability $1/n_y$ for each
character, gets $L = \ln n_y$: the starting point of a freshly initialised network
(notebook 01). An intuitive way to read $L$ is $e^{L}$, the *perplexity*: the network is as
undecided as if it were choosing uniformly among $e^{L}$ equally likely characters. For
uniform guessing that is the whole vocabulary of $n_y$; for the pretrained network,
measured on the tenth of the text it did not see in training (the best validation loss of
its history, that of the parameters that were kept), it is only a handful.
"""),
    code(r"""
val_loss = min(v for v in model.history["val_loss"] if v is not None)
for key, L in (("uniform_guess", math.log(n_y)), ("pretrained_net", val_loss)):
    print(f"{tr(key, LANG):<28} L = {L:.4f} nats = {nats_to_bits(L):.4f} bits"
          f"   e^L = {math.exp(L):.2f}")
"""),

    # ------------------------------------------------------------------------------------
    # 2. The output layer
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 2. La capa de salida: el gradiente de softmax con entropía cruzada

La predicción sale de una capa densa con softmax. Llamemos $z^{\langle t \rangle}$ a sus
puntuaciones:

$$z^{\langle t \rangle} = W_y\, a^{\langle t \rangle} + b_y, \qquad
\hat y^{\langle t \rangle} = \mathrm{softmax}(z^{\langle t \rangle}), \qquad
\hat y_j = \frac{e^{z_j}}{\sum_l e^{z_l}} .$$

Para una predicción con carácter correcto $k$, sustituimos la softmax en la pérdida:

$$L = -\log \frac{e^{z_k}}{\sum_l e^{z_l}} = -z_k + \log \sum_l e^{z_l}
\quad\Longrightarrow\quad
\frac{\partial L}{\partial z_j} = -\mathbf{1}[j = k] + \frac{e^{z_j}}{\sum_l e^{z_l}}
= \hat y_j - y_j .$$

Todo se simplifica en **predicción menos verdad**: la derivada de la softmax, que por sí sola
es una matriz $n_y \times n_y$, se cancela con la del logaritmo. El carácter correcto recibe
$\hat y_k - 1 < 0$ (hay que subir su puntuación) y cada uno de los demás recibe
$\hat y_j > 0$ (hay que bajarla), tanto más cuanto más probabilidad se llevó. Como cada
predicción pesa $1/(m\,T_x)$ en la media,

$$dz^{\langle t \rangle} = \frac{1}{m\,T_x}\left(\hat y^{\langle t \rangle} - y^{\langle t \rangle}\right)
\quad (n_y, m).$$

De $z = W_y a + b_y$ salen los tres gradientes que necesitamos. $W_y$ y $b_y$ se usan en
todos los pasos y en todas las secuencias, así que sus gradientes suman sobre $t$ y sobre
$i$; el producto $dz\,a^T$ ya suma sobre las $m$ columnas del lote:

$$dW_y = \sum_{t} dz^{\langle t \rangle}\, a^{\langle t \rangle T} \quad (n_y, m)(m, n_a) \to (n_y, n_a),
\qquad db_y = \sum_{t} \sum_{i=1}^{m} dz^{\langle t \rangle}_{:,i} \quad (n_y, 1),$$

$$da^{\langle t \rangle} = W_y^T\, dz^{\langle t \rangle} \quad (n_a, n_y)(n_y, m) \to (n_a, m).$$

Este último es el gradiente que cada predicción le manda a su estado oculto: la entrada de
la retropropagación por la LSTM. (El original calculaba lo mismo, `dy[idx, 0, step] -= 1`,
pero sin dividir por $m\,T_x$ y con un bucle sobre los pasos.)
""", en=r"""
## 2. The output layer: the gradient of softmax with cross-entropy

The prediction comes out of a dense layer with a softmax. Call its scores
$z^{\langle t \rangle}$:

$$z^{\langle t \rangle} = W_y\, a^{\langle t \rangle} + b_y, \qquad
\hat y^{\langle t \rangle} = \mathrm{softmax}(z^{\langle t \rangle}), \qquad
\hat y_j = \frac{e^{z_j}}{\sum_l e^{z_l}} .$$

For a prediction whose right character is $k$, substitute the softmax into the loss:

$$L = -\log \frac{e^{z_k}}{\sum_l e^{z_l}} = -z_k + \log \sum_l e^{z_l}
\quad\Longrightarrow\quad
\frac{\partial L}{\partial z_j} = -\mathbf{1}[j = k] + \frac{e^{z_j}}{\sum_l e^{z_l}}
= \hat y_j - y_j .$$

Everything collapses to **prediction minus truth**: the derivative of the softmax, an
$n_y \times n_y$ matrix on its own, cancels against that of the logarithm. The right
character gets $\hat y_k - 1 < 0$ (its score must go up) and every other one gets
$\hat y_j > 0$ (its score must go down), the more so the more probability it took. Since
each prediction weighs $1/(m\,T_x)$ in the mean,

$$dz^{\langle t \rangle} = \frac{1}{m\,T_x}\left(\hat y^{\langle t \rangle} - y^{\langle t \rangle}\right)
\quad (n_y, m).$$

From $z = W_y a + b_y$ come the three gradients we need. $W_y$ and $b_y$ are used at every
step and in every sequence, so their gradients sum over $t$ and over $i$; the product
$dz\,a^T$ already sums over the $m$ columns of the batch:

$$dW_y = \sum_{t} dz^{\langle t \rangle}\, a^{\langle t \rangle T} \quad (n_y, m)(m, n_a) \to (n_y, n_a),
\qquad db_y = \sum_{t} \sum_{i=1}^{m} dz^{\langle t \rangle}_{:,i} \quad (n_y, 1),$$

$$da^{\langle t \rangle} = W_y^T\, dz^{\langle t \rangle} \quad (n_a, n_y)(n_y, m) \to (n_a, m).$$

The last one is the gradient each prediction sends to its hidden state: the input of
backpropagation through the LSTM. (The original computed the same thing,
`dy[idx, 0, step] -= 1`, but without dividing by $m\,T_x$ and with a loop over the steps.)
"""),
    code(r"""
show_source(output_layer_backward)
"""),
    md(es=r"""
Aplicada a nuestro lote, y mirando de cerca una columna de $\hat y - y$ (la primera
predicción de la primera secuencia): las cuatro entradas más grandes en valor absoluto, con
la flecha en el carácter correcto. Las entradas de una columna suman 0, porque
$\sum_j \hat y_j = 1 = \sum_j y_j$.
""", en=r"""
Applied to our batch, and looking closely at one column of $\hat y - y$ (the first
prediction of the first sequence): its four largest entries in absolute value, with the
arrow on the right character. The entries of a column add up to 0, because
$\sum_j \hat y_j = 1 = \sum_j y_j$.
"""),
    code(r"""
out = output_layer_backward(y_hat, Y, a, parameters)
for key, value in out.items():
    print(f"{key:>3}: {value.shape}")

i, t = 0, 0
g = y_hat[:, i, t].copy()
g[Y[i, t]] -= 1.0                                  # ŷ - y: one column of dz, times m·T_x
print()
for k in np.argsort(-np.abs(g))[:4]:
    arrow = "  ← y" if k == Y[i, t] else ""
    print(f"  {display_char(vocab.ix_to_char[int(k)])}  {g[k]:+.4f}{arrow}")
print(f"  Σ (ŷ - y) = {abs(g.sum()):.4f}")
"""),

    # ------------------------------------------------------------------------------------
    # 3. One cell backward
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 3. Una celda hacia atrás: la regla de la cadena

Ahora entramos en la celda. Para cada compuerta llamamos $z$ a su entrada antes de la
activación, con $\text{concat} = [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$:

$$z_f = W_f\,\text{concat} + b_f,\quad z_u = W_i\,\text{concat} + b_i,\quad
z_c = W_c\,\text{concat} + b_c,\quad z_o = W_o\,\text{concat} + b_o,$$

$$\Gamma_f = \sigma(z_f),\quad \Gamma_u = \sigma(z_u),\quad \tilde c^{\langle t \rangle} = \tanh(z_c),\quad
\Gamma_o = \sigma(z_o),$$

$$c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle} + \Gamma_u * \tilde c^{\langle t \rangle},
\qquad a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle}).$$

Queremos los gradientes de los ocho parámetros de la celda,

$$\frac{\partial L}{\partial W_f},\ \frac{\partial L}{\partial W_i},\ \frac{\partial L}{\partial W_c},\
\frac{\partial L}{\partial W_o},\qquad
\frac{\partial L}{\partial b_f},\ \frac{\partial L}{\partial b_i},\ \frac{\partial L}{\partial b_c},\
\frac{\partial L}{\partial b_o}.$$

Ningún peso toca la pérdida directamente: cada uno influye en ella a través de una cadena de
cantidades intermedias, y la **regla de la cadena** multiplica las derivadas de cada
eslabón. Siguiendo las flechas de la figura al revés, desde la salida hasta cada peso:

$$\frac{\partial L}{\partial W_f}=\frac{\partial L}{\partial c^{\langle t \rangle}}\,
\frac{\partial c^{\langle t \rangle}}{\partial \Gamma_f^{\langle t \rangle}}\,
\frac{\partial \Gamma_f^{\langle t \rangle}}{\partial z_f^{\langle t \rangle}}\,
\frac{\partial z_f^{\langle t \rangle}}{\partial W_f}
\qquad
\frac{\partial L}{\partial W_i}=\frac{\partial L}{\partial c^{\langle t \rangle}}\,
\frac{\partial c^{\langle t \rangle}}{\partial \Gamma_u^{\langle t \rangle}}\,
\frac{\partial \Gamma_u^{\langle t \rangle}}{\partial z_u^{\langle t \rangle}}\,
\frac{\partial z_u^{\langle t \rangle}}{\partial W_i}$$

$$\frac{\partial L}{\partial W_c}=\frac{\partial L}{\partial c^{\langle t \rangle}}\,
\frac{\partial c^{\langle t \rangle}}{\partial \tilde c^{\langle t \rangle}}\,
\frac{\partial \tilde c^{\langle t \rangle}}{\partial z_c^{\langle t \rangle}}\,
\frac{\partial z_c^{\langle t \rangle}}{\partial W_c}
\qquad
\frac{\partial L}{\partial W_o}=\frac{\partial L}{\partial a^{\langle t \rangle}}\,
\frac{\partial a^{\langle t \rangle}}{\partial \Gamma_o^{\langle t \rangle}}\,
\frac{\partial \Gamma_o^{\langle t \rangle}}{\partial z_o^{\langle t \rangle}}\,
\frac{\partial z_o^{\langle t \rangle}}{\partial W_o}$$

Los sesgos siguen las mismas cadenas, con un último eslabón
$\partial z / \partial b = 1$. Tres de las cuatro cadenas pasan por la memoria a largo
plazo $c^{\langle t \rangle}$; la de la compuerta de salida, que actúa después de $c$, solo
pasa por $a^{\langle t \rangle}$.

![Una celda LSTM](../../img/lstm_cell_es.png)

Las derivadas de las activaciones se escriben con sus propios valores, que guardamos en la
caché durante la propagación hacia adelante:
$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$ y $\tanh'(z) = 1 - \tanh^2(z)$.
""", en=r"""
## 3. One cell backward: the chain rule

Now we go into the cell. For each gate call $z$ its input before the activation, with
$\text{concat} = [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$:

$$z_f = W_f\,\text{concat} + b_f,\quad z_u = W_i\,\text{concat} + b_i,\quad
z_c = W_c\,\text{concat} + b_c,\quad z_o = W_o\,\text{concat} + b_o,$$

$$\Gamma_f = \sigma(z_f),\quad \Gamma_u = \sigma(z_u),\quad \tilde c^{\langle t \rangle} = \tanh(z_c),\quad
\Gamma_o = \sigma(z_o),$$

$$c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle} + \Gamma_u * \tilde c^{\langle t \rangle},
\qquad a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle}).$$

We want the gradients of the cell's eight parameters,

$$\frac{\partial L}{\partial W_f},\ \frac{\partial L}{\partial W_i},\ \frac{\partial L}{\partial W_c},\
\frac{\partial L}{\partial W_o},\qquad
\frac{\partial L}{\partial b_f},\ \frac{\partial L}{\partial b_i},\ \frac{\partial L}{\partial b_c},\
\frac{\partial L}{\partial b_o}.$$

No weight touches the loss directly: each one affects it through a chain of intermediate
quantities, and the **chain rule** multiplies the derivatives of every link. Following the
arrows of the figure backwards, from the output to each weight:

$$\frac{\partial L}{\partial W_f}=\frac{\partial L}{\partial c^{\langle t \rangle}}\,
\frac{\partial c^{\langle t \rangle}}{\partial \Gamma_f^{\langle t \rangle}}\,
\frac{\partial \Gamma_f^{\langle t \rangle}}{\partial z_f^{\langle t \rangle}}\,
\frac{\partial z_f^{\langle t \rangle}}{\partial W_f}
\qquad
\frac{\partial L}{\partial W_i}=\frac{\partial L}{\partial c^{\langle t \rangle}}\,
\frac{\partial c^{\langle t \rangle}}{\partial \Gamma_u^{\langle t \rangle}}\,
\frac{\partial \Gamma_u^{\langle t \rangle}}{\partial z_u^{\langle t \rangle}}\,
\frac{\partial z_u^{\langle t \rangle}}{\partial W_i}$$

$$\frac{\partial L}{\partial W_c}=\frac{\partial L}{\partial c^{\langle t \rangle}}\,
\frac{\partial c^{\langle t \rangle}}{\partial \tilde c^{\langle t \rangle}}\,
\frac{\partial \tilde c^{\langle t \rangle}}{\partial z_c^{\langle t \rangle}}\,
\frac{\partial z_c^{\langle t \rangle}}{\partial W_c}
\qquad
\frac{\partial L}{\partial W_o}=\frac{\partial L}{\partial a^{\langle t \rangle}}\,
\frac{\partial a^{\langle t \rangle}}{\partial \Gamma_o^{\langle t \rangle}}\,
\frac{\partial \Gamma_o^{\langle t \rangle}}{\partial z_o^{\langle t \rangle}}\,
\frac{\partial z_o^{\langle t \rangle}}{\partial W_o}$$

The biases follow the same chains, with a last link $\partial z / \partial b = 1$. Three of
the four chains go through the long-term memory $c^{\langle t \rangle}$; that of the output
gate, which acts after $c$, only goes through $a^{\langle t \rangle}$.

![One LSTM cell](../../img/lstm_cell_en.png)

The derivatives of the activations are written with their own values, which the forward
pass kept in the cache: $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$ and
$\tanh'(z) = 1 - \tanh^2(z)$.
"""),
    md(es=r"""
**Las fórmulas, eslabón a eslabón.** A la celda del paso $t$ le llegan dos gradientes desde
fuera: $da^{\langle t \rangle}$ $(n_a, m)$, para su estado oculto, y $dc_{\text{next}}$
$(n_a, m)$, lo que el paso $t+1$ devuelve para su memoria a largo plazo (cero en el último
paso). En ese orden:

1. **La memoria reúne sus dos caminos.** $c^{\langle t \rangle}$ afecta a la pérdida a
   través del paso siguiente y a través de $a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$;
   los dos gradientes se suman:
   $$dc = dc_{\text{next}} + da * \Gamma_o * \left(1 - \tanh^2 c^{\langle t \rangle}\right)$$
2. **Las cuatro entradas de las compuertas** (en el código del original se llamaban `dot`,
   `dcct`, `dit`, `dft`):
   $$dz_o = da * \tanh c^{\langle t \rangle} * \Gamma_o (1 - \Gamma_o)$$
   $$dz_c = dc * \Gamma_u * \left(1 - (\tilde c^{\langle t \rangle})^2\right)$$
   $$dz_u = dc * \tilde c^{\langle t \rangle} * \Gamma_u (1 - \Gamma_u)$$
   $$dz_f = dc * c^{\langle t-1 \rangle} * \Gamma_f (1 - \Gamma_f)$$
   Compara $dz_f$ con la cadena de $\partial L / \partial W_f$: $dc$ es
   $\partial L / \partial c^{\langle t \rangle}$, $c^{\langle t-1 \rangle}$ es
   $\partial c^{\langle t \rangle} / \partial \Gamma_f$ y $\Gamma_f(1 - \Gamma_f)$ es
   $\partial \Gamma_f / \partial z_f$. Falta el último eslabón.
3. **Pesos y sesgos.** Como $z_g = W_g\,\text{concat} + b_g$ (para $g = f, u, c, o$, con
   $W_i, b_i$ para $u$):
   $$dW_g = dz_g\; \text{concat}^T \quad (n_a, m)(m, n_a + n_x) \to (n_a, n_a + n_x),
   \qquad db_g = \sum_{i=1}^{m} dz_{g,\,:,i} \quad (n_a, 1).$$
4. **Hacia el paso anterior.** concat alimenta las cuatro compuertas, así que su gradiente
   suma cuatro contribuciones:
   $$d\,\text{concat} = W_f^T dz_f + W_i^T dz_u + W_c^T dz_c + W_o^T dz_o \quad (n_a + n_x, m).$$
   Sus primeras $n_a$ filas son $da_{\text{prev}}$ (para $a^{\langle t-1 \rangle}$) y las
   últimas $n_x$ son $dx^{\langle t \rangle}$. La memoria anterior solo llega a
   $c^{\langle t \rangle}$ multiplicada por la compuerta de olvido:
   $$dc_{\text{prev}} = dc * \Gamma_f .$$

El original escribía $dc$ desarrollado dentro de cada línea
(`dc_next * it + ot * (1 - np.tanh(c_next)**2) * it * da_next`, ...). Es la misma álgebra;
calcularlo una vez es más claro y más barato. Aquí está la función del paquete:
""", en=r"""
**The formulas, link by link.** The cell of step $t$ receives two gradients from outside:
$da^{\langle t \rangle}$ $(n_a, m)$, for its hidden state, and $dc_{\text{next}}$
$(n_a, m)$, what step $t+1$ hands back for its long-term memory (zero at the last step). In
this order:

1. **The memory gathers its two paths.** $c^{\langle t \rangle}$ affects the loss through
   the next step and through $a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$;
   the two gradients add up:
   $$dc = dc_{\text{next}} + da * \Gamma_o * \left(1 - \tanh^2 c^{\langle t \rangle}\right)$$
2. **The four gate inputs** (called `dot`, `dcct`, `dit`, `dft` in the original's code):
   $$dz_o = da * \tanh c^{\langle t \rangle} * \Gamma_o (1 - \Gamma_o)$$
   $$dz_c = dc * \Gamma_u * \left(1 - (\tilde c^{\langle t \rangle})^2\right)$$
   $$dz_u = dc * \tilde c^{\langle t \rangle} * \Gamma_u (1 - \Gamma_u)$$
   $$dz_f = dc * c^{\langle t-1 \rangle} * \Gamma_f (1 - \Gamma_f)$$
   Compare $dz_f$ with the chain for $\partial L / \partial W_f$: $dc$ is
   $\partial L / \partial c^{\langle t \rangle}$, $c^{\langle t-1 \rangle}$ is
   $\partial c^{\langle t \rangle} / \partial \Gamma_f$ and $\Gamma_f(1 - \Gamma_f)$ is
   $\partial \Gamma_f / \partial z_f$. The last link is still missing.
3. **Weights and biases.** Since $z_g = W_g\,\text{concat} + b_g$ (for $g = f, u, c, o$,
   with $W_i, b_i$ for $u$):
   $$dW_g = dz_g\; \text{concat}^T \quad (n_a, m)(m, n_a + n_x) \to (n_a, n_a + n_x),
   \qquad db_g = \sum_{i=1}^{m} dz_{g,\,:,i} \quad (n_a, 1).$$
4. **Towards the previous step.** concat feeds all four gates, so its gradient adds four
   contributions:
   $$d\,\text{concat} = W_f^T dz_f + W_i^T dz_u + W_c^T dz_c + W_o^T dz_o \quad (n_a + n_x, m).$$
   Its first $n_a$ rows are $da_{\text{prev}}$ (for $a^{\langle t-1 \rangle}$) and its last
   $n_x$ rows are $dx^{\langle t \rangle}$. The previous memory reaches
   $c^{\langle t \rangle}$ only multiplied by the forget gate:
   $$dc_{\text{prev}} = dc * \Gamma_f .$$

The original wrote $dc$ expanded inside every line
(`dc_next * it + ot * (1 - np.tanh(c_next)**2) * it * da_next`, ...). It is the same
algebra; computing it once is clearer and cheaper. Here is the package's function:
"""),
    code(r"""
show_source(lstm_cell_backward)
"""),
    md(es=r"""
Un paso, el último de la ventana: le llega solo el gradiente de su propia predicción, y nada
del futuro. Cada gradiente tiene la forma de lo que deriva:
""", en=r"""
One step, the last of the window: it only receives the gradient of its own prediction, and
nothing from the future. Each gradient has the shape of what it differentiates:
"""),
    code(r"""
cell_caches = caches[0]                  # caches = (list of the T_x cell caches, x)
da_T = out["da"][:, :, -1]               # dL/da<T_x>, from the last prediction only
dc_T = np.zeros((n_a, m))                # no later step sends anything back to c<T_x>
step = lstm_cell_backward(da_T, dc_T, cell_caches[-1])
for key, value in step.items():
    print(f"{key:>7}: {value.shape}")
"""),

    # ------------------------------------------------------------------------------------
    # 4. BPTT
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 4. Retropropagación a través del tiempo (BPTT)

![La red LSTM desplegada en el tiempo](../../img/lstm_unrolled_es.png)

En la red desplegada cada estado oculto $a^{\langle t \rangle}$ se usa **dos veces**: en su
propia predicción $\hat y^{\langle t \rangle}$ y, dentro de concat, en todas las compuertas
del paso $t+1$. Su gradiente suma las dos cosas:

$$\frac{\partial L}{\partial a^{\langle t \rangle}} =
\underbrace{W_y^T dz^{\langle t \rangle}}_{\text{su predicción}} +
\underbrace{da_{\text{prev}} \text{ del paso } t+1}_{\text{el futuro}} ,$$

y la memoria $c^{\langle t \rangle}$ recibe el $dc_{\text{prev}}$ del paso $t+1$. Por eso el
bucle va **hacia atrás**, de $t = T_x$ a $t = 1$: cada paso necesita lo que le devuelve su
futuro. `lstm_backward` es ese bucle, con `lstm_cell_backward` dentro.

Los pesos son **los mismos** en todos los pasos: $W_f$ actúa en $t = 1$, en $t = 2$, ...,
y la pérdida depende de él por todos esos caminos. Su gradiente es la suma de las
contribuciones de cada paso:

$$\frac{\partial L}{\partial W_f} = \sum_{t=1}^{T_x} dW_f^{\langle t \rangle}
\qquad\text{(igual para los demás pesos y sesgos)}.$$

Al final quedan $da_0$ y $dc_0$, los gradientes respecto a los estados con los que empezó la
ventana. Durante el entrenamiento el gradiente se detiene ahí (BPTT *truncada*): el estado
sí pasa de una ventana a la siguiente hacia adelante, pero el gradiente nunca retrocede más
de $T_x$ pasos.
""", en=r"""
## 4. Backpropagation through time (BPTT)

![The LSTM network unrolled in time](../../img/lstm_unrolled_en.png)

In the unrolled network every hidden state $a^{\langle t \rangle}$ is used **twice**: in its
own prediction $\hat y^{\langle t \rangle}$ and, inside concat, in all the gates of step
$t+1$. Its gradient adds the two:

$$\frac{\partial L}{\partial a^{\langle t \rangle}} =
\underbrace{W_y^T dz^{\langle t \rangle}}_{\text{its prediction}} +
\underbrace{da_{\text{prev}} \text{ from step } t+1}_{\text{the future}} ,$$

and the memory $c^{\langle t \rangle}$ receives the $dc_{\text{prev}}$ of step $t+1$. That
is why the loop runs **backwards**, from $t = T_x$ down to $t = 1$: each step needs what its
future hands back. `lstm_backward` is that loop, with `lstm_cell_backward` inside.

The weights are **the same** at every step: $W_f$ acts at $t = 1$, at $t = 2$, ..., and the
loss depends on it along all those paths. Its gradient is the sum of the contributions of
every step:

$$\frac{\partial L}{\partial W_f} = \sum_{t=1}^{T_x} dW_f^{\langle t \rangle}
\qquad\text{(the same for the other weights and biases)}.$$

What is left at the end is $da_0$ and $dc_0$, the gradients with respect to the states the
window started from. During training the gradient stops there (*truncated* BPTT): the
state does carry over from one window to the next going forward, but the gradient never
travels back more than $T_x$ steps.
"""),
    code(r"""
show_source(lstm_backward)
"""),
    md(es=r"""
**Un paso hacia atrás desperdiciado.** El bucle de entrenamiento del original hacía
`gradients = lstm_backward(np.zeros_like(a), caches)`, después calculaba el `da` de verdad y
llamaba a `lstm_backward(da, caches)` otra vez, sobrescribiendo el resultado anterior. La
primera llamada recorre los $T_x$ pasos con un gradiente de entrada nulo, así que todo lo que
devuelve es cero: un paso hacia atrás completo (que cuesta tanto como el paso hacia
adelante, o más) tirado en cada iteración.
""", en=r"""
**A wasted backward pass.** The original's training loop did
`gradients = lstm_backward(np.zeros_like(a), caches)`, then computed the real `da` and
called `lstm_backward(da, caches)` again, overwriting the earlier result. The first call
walks through all $T_x$ steps with a zero incoming gradient, so everything it returns is
zero: a whole backward pass (which costs as much as the forward pass, or more) thrown away
at every iteration.
"""),
    code(r"""
grads = lstm_backward(out["da"], caches)                  # the real one
wasted = lstm_backward(np.zeros_like(a), caches)          # what the seed computed first
print("max |wasted| =", max(float(np.abs(g).max()) for g in wasted.values()))
"""),
    md(es=r"""
`loss_and_gradients` junta todo lo que necesita un paso de entrenamiento: propagación hacia
adelante, pérdida, capa de salida y **una sola** retropropagación.
""", en=r"""
`loss_and_gradients` puts together everything one training step needs: forward pass, loss,
output layer and **a single** backward pass.
"""),
    code(r"""
show_source(loss_and_gradients)
"""),
    code(r"""
loss_lg, gradients, _, _ = loss_and_gradients(x, Y, a0, parameters)
same = loss_lg == loss and all(np.array_equal(gradients[key], grads[key]) for key in grads)
print("loss_and_gradients ≡ compute_loss + output_layer_backward + lstm_backward:", same)
print()
print(f"{tr('bw_parameter', LANG):<10} {tr('bw_shape', LANG):<12} ‖dθ‖")
for name in PARAMETER_NAMES:
    g = gradients["d" + name]
    print(f"{'d' + name:<10} {str(g.shape):<12} {np.linalg.norm(g):.4f}")
"""),

    # ------------------------------------------------------------------------------------
    # 5. Gradient check
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 5. Comprobación numérica del gradiente

Hemos derivado a mano muchas fórmulas, y un signo o un factor olvidado no daría ningún
error: la red entrenaría peor, en silencio. Para saber que el gradiente está bien lo
comparamos con una definición que no depende de ninguna de esas fórmulas, la derivada como
límite. Movemos un solo parámetro $\theta$ un poco hacia cada lado y medimos cuánto cambia la
pérdida, calculada solo con la propagación hacia adelante:

$$\frac{\partial L}{\partial \theta} \approx \frac{L(\theta + \varepsilon) - L(\theta - \varepsilon)}{2\varepsilon}.$$

**Por qué centrada.** Por Taylor,
$L(\theta \pm \varepsilon) = L \pm \varepsilon L' + \tfrac{\varepsilon^2}{2} L'' \pm \tfrac{\varepsilon^3}{6} L''' + \dots$;
al restar, los términos pares se cancelan y el error es
$\tfrac{\varepsilon^2}{6} L''' = O(\varepsilon^2)$. La diferencia hacia un solo lado,
$(L(\theta + \varepsilon) - L(\theta))/\varepsilon$, conserva $\tfrac{\varepsilon}{2} L''$:
un error $O(\varepsilon)$, mucho mayor.

**Por qué float64.** $L(\theta + \varepsilon)$ y $L(\theta - \varepsilon)$ son dos números
casi iguales (del orden de 1) y cada uno lleva un error de redondeo relativo $u$. Su
diferencia dividida por $2\varepsilon$ arrastra un error de orden $u\,L / \varepsilon$. En
float64, $u \approx 10^{-16}$: con $\varepsilon = 10^{-5}$ eso es $\approx 10^{-11}$,
despreciable. En float32, $u \approx 6 \cdot 10^{-8}$: el error sería $\approx 10^{-2}$,
tan grande como muchos de los gradientes que queremos comprobar. Por eso `gradient_check`
exige float64, y por eso $\varepsilon = 10^{-5}$: lo bastante pequeño para que
$\varepsilon^2$ no importe y lo bastante grande para que el redondeo tampoco.

**Cómo se compara.** Para cada arreglo de parámetros calculamos el **error relativo**
entre el gradiente numérico y el de backprop,

$$\text{error} = \frac{\lVert g_{\text{num}} - g_{\text{backprop}} \rVert}
{\lVert g_{\text{num}} \rVert + \lVert g_{\text{backprop}} \rVert},$$

que no depende de la escala del gradiente: 0 si coinciden, 1 si tienen signos opuestos.
Valores del orden de $10^{-8}$ o menores son redondeo; un error real en las fórmulas da
$10^{-3}$ o más. Usamos el umbral $10^{-7}$. Además de los diez parámetros se comprueban $dx$ y $da_0$:
los gradientes respecto a las entradas prueban que $d\,\text{concat}$ se parte bien entre
$da_{\text{prev}}$ y $dx$.
""", en=r"""
## 5. Numerical gradient check

We derived many formulas by hand, and a wrong sign or a forgotten factor would raise no
error: the network would just train worse, silently. To know the gradient is right we
compare it with a definition that depends on none of those formulas, the derivative as a
limit. We nudge a single parameter $\theta$ a little each way and measure how much the loss,
computed with the forward pass alone, changes:

$$\frac{\partial L}{\partial \theta} \approx \frac{L(\theta + \varepsilon) - L(\theta - \varepsilon)}{2\varepsilon}.$$

**Why central.** By Taylor,
$L(\theta \pm \varepsilon) = L \pm \varepsilon L' + \tfrac{\varepsilon^2}{2} L'' \pm \tfrac{\varepsilon^3}{6} L''' + \dots$;
in the difference the even terms cancel, and the error is
$\tfrac{\varepsilon^2}{6} L''' = O(\varepsilon^2)$. The one-sided difference
$(L(\theta + \varepsilon) - L(\theta))/\varepsilon$ keeps $\tfrac{\varepsilon}{2} L''$: an
$O(\varepsilon)$ error, much larger.

**Why float64.** $L(\theta + \varepsilon)$ and $L(\theta - \varepsilon)$ are two nearly
equal numbers (of order 1), each with a relative rounding error $u$. Their difference
divided by $2\varepsilon$ carries an error of order $u\,L / \varepsilon$. In float64,
$u \approx 10^{-16}$: with $\varepsilon = 10^{-5}$ that is $\approx 10^{-11}$, negligible.
In float32, $u \approx 6 \cdot 10^{-8}$: the error would be $\approx 10^{-2}$, as large as
many of the gradients we want to check. That is why `gradient_check` insists on float64,
and why $\varepsilon = 10^{-5}$: small enough for $\varepsilon^2$ not to matter and large
enough for rounding not to matter either.

**How we compare.** For each parameter array we compute the **relative error** between the
numerical gradient and backprop's,

$$\text{error} = \frac{\lVert g_{\text{num}} - g_{\text{backprop}} \rVert}
{\lVert g_{\text{num}} \rVert + \lVert g_{\text{backprop}} \rVert},$$

which does not depend on the scale of the gradient: 0 when they agree, 1 when they have
opposite signs. Values around $10^{-8}$ or below are rounding; a real mistake in the formulas
gives $10^{-3}$ or more. We use the threshold $10^{-7}$. Besides the ten parameters, $dx$
and $da_0$ are checked: the gradients with respect to the inputs test that
$d\,\text{concat}$ is split correctly into $da_{\text{prev}}$ and $dx$.
"""),
    md(es=r"""
**Todas las entradas, en una red pequeña.** Cada entrada comprobada cuesta dos pasadas hacia
adelante. La red preentrenada tiene decenas de miles de parámetros; para comprobarlos
**todos** usamos una red pequeña: $n_a = 8$, el vocabulario de los primeros 40 caracteres
del libro, $m = 2$ secuencias de $T_x = 6$ caracteres, recién inicializada, con un estado
inicial $a_0$ al azar para que también $da_0$ se ponga a prueba. Son unas mil entradas.
""", en=r"""
**Every entry, on a small network.** Each entry checked costs two forward passes. The
pretrained network has tens of thousands of parameters; to check **all** of them we use a
small network: $n_a = 8$, the vocabulary of the first 40 characters of the book, $m = 2$
sequences of $T_x = 6$ characters, freshly initialised, with a random initial state $a_0$ so
that $da_0$ is put to the test too. That is about a thousand entries.
"""),
    code(r"""
TOL = 1e-7

def print_errors(errors, tol=TOL):
    # parameter | relative error, ✓ below tol and ✗ above, then a one-line verdict
    head = tr("bw_parameter", LANG)
    print(f"{head:<10} | {tr('bw_relative_error', LANG)}")
    for name, err in errors.items():
        print(f"{name:<10} | {err:.1e}  {'✓' if err < tol else '✗'}")
    bad = sum(err >= tol for err in errors.values())
    verdict = "bw_all_pass" if bad == 0 else "bw_some_fail"
    print(tr(verdict, LANG).format(n=len(errors), bad=bad, tol="1e-7"))

snippet = text[:40]
small_vocab = Vocabulary.from_text(snippet)
x_s, Y_s = window([0, 20], 6, small_vocab, snippet)          # m = 2, T_x = 6
rng = np.random.default_rng(0)
small = initialize_parameters(8, small_vocab.size, small_vocab.size, rng=rng)
a0_s = 0.5 * rng.standard_normal((8, 2))
print(repr(snippet), f"  n_x = n_y = {small_vocab.size}   n_a = 8   x: {x_s.shape}")
print("Wf, bf, ..., by, x, a0:", sum(v.size for v in small.values()) + x_s.size + a0_s.size)
print()
print_errors(gradient_check(small, x_s, Y_s, a0_s))          # every entry
"""),
    md(es=r"""
Todos los errores son de redondeo. Los mayores son los de las compuertas ($W_f$, $W_i$,
$W_o$ y sus sesgos), porque sus gradientes son los más pequeños (los de una red recién
inicializada, divididos por $m\,T_x$): el mismo error absoluto de redondeo pesa más sobre un
gradiente pequeño.

**Una muestra, en la red de verdad.** En la red preentrenada ($n_a = 100$), sobre una
ventana real de $T_x = 25$ caracteres, comprobamos 20 entradas al azar de cada arreglo
(`num_checks=20`, con semilla fija para que sean siempre las mismas).
""", en=r"""
All the errors are rounding. The largest belong to the gates ($W_f$, $W_i$, $W_o$ and
their biases), because their gradients are the smallest (those of a freshly initialised
network, divided by $m\,T_x$): the same absolute rounding error weighs more on a small
gradient.

**A sample, on the real network.** On the pretrained network ($n_a = 100$), over a real
window of $T_x = 25$ characters, we check 20 random entries of each array
(`num_checks=20`, with a fixed seed so that they are always the same ones).
"""),
    code(r"""
T_r = model.hyperparameters["seq_length"]                    # the window it was trained on
x_r, Y_r = window([0], T_r)
print(repr(text[:T_r + 1]), f"  x: {x_r.shape}")
print()
print_errors(gradient_check(parameters, x_r, Y_r, np.zeros((n_a, 1)), num_checks=20, rng=0))
"""),
    md(es=r"""
**Cómo se ve un error.** Una comprobación que siempre pasa no demuestra nada: veamos que
falla cuando debe. Calculamos en la celda siguiente el gradiente numérico de $W_f$ y de $b_o$
de la red pequeña, entrada por entrada, con la fórmula centrada escrita tal cual, y lo
comparamos con cuatro versiones del gradiente de backprop:

- el correcto;
- el de $W_f$ con **una sola entrada** (la mayor) cambiada de signo, como un `+` que debía
  ser `-` en un solo lugar;
- el de $b_o$ multiplicado por 1.01, un error de apenas el 1 %;
- el de $W_f$ multiplicado por $m\,T_x$: el gradiente de la *suma* del original comparado con
  la pérdida *media*. Backprop y pérdida deben hablar de la misma función.
""", en=r"""
**What a mistake looks like.** A check that always passes proves nothing: let us see it
fail when it should. In the next cell we compute the numerical gradient of $W_f$ and $b_o$
of the small network, entry by entry, with the central formula written out as it is, and
compare it with four versions of backprop's gradient:

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
    # (L(θ + ε) - L(θ - ε)) / 2ε for every entry θ of small[name], forward passes only
    theta = small[name]
    numeric = np.zeros_like(theta)
    for index in np.ndindex(theta.shape):
        old = theta[index]
        theta[index] = old + eps
        plus = compute_loss(lstm_forward(x_s, a0_s, small)[1], Y_s)
        theta[index] = old - eps
        minus = compute_loss(lstm_forward(x_s, a0_s, small)[1], Y_s)
        theta[index] = old                                   # put the parameter back
        numeric[index] = (plus - minus) / (2 * eps)
    return numeric

num_dWf, num_dbo = numeric_gradient("Wf"), numeric_gradient("bo")

flipped = grads_s["dWf"].copy()
j = np.unravel_index(np.argmax(np.abs(flipped)), flipped.shape)   # its largest entry
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
    err = relative_error(numeric, analytic)
    print(f"{name:<10} | {tr(key, LANG):<{width}} | {err:.1e}  {'✓' if err < TOL else '✗'}")
"""),
    md(es=r"""
Cualquier error de verdad queda varios órdenes de magnitud por encima del umbral, incluso
el del 1 % (su error relativo es casi exactamente $0.01/2$). Y el gradiente de la suma,
comparado con la media, da un error de $(m\,T_x - 1)/(m\,T_x + 1) = 11/13 \approx 0.85$: el
gradiente apunta en la dirección correcta pero es $m\,T_x$ veces demasiado largo. Un límite de esta comprobación: con la
norma de todo el arreglo, una entrada equivocada pero muy pequeña apenas se nota (ver los
ejercicios).
""", en=r"""
Every real mistake lands several orders of magnitude above the threshold, even the 1 % one
(its relative error is almost exactly $0.01/2$). And the gradient of the sum, compared with
the mean, gives an error of $(m\,T_x - 1)/(m\,T_x + 1) = 11/13 \approx 0.85$: the gradient
points the right way but is $m\,T_x$ times too long. One limit of this check: with the norm of the whole array, a wrong but very
small entry hardly shows (see the exercises).
"""),

    # ------------------------------------------------------------------------------------
    # 6. Gradient flow
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 6. El gradiente hacia atrás en el tiempo

Para que la red aprenda que un carácter depende de algo que leyó muchos pasos antes, el
gradiente de esa predicción tiene que llegar, con un tamaño útil, hasta ese paso. Lo
medimos con `gradient_flow`: toma solo la pérdida de la **última** predicción, $L_T$, la
retropropaga con `lstm_cell_backward` y anota en cada paso la norma
$\lVert \partial L_T / \partial a^{\langle t \rangle} \rVert$. Lo hacemos sobre los 100
primeros caracteres del libro, para la red preentrenada y para una red del mismo tamaño recién
inicializada. El «factor medio por paso» es
$\left(\lVert \partial L_T / \partial a^{\langle 1 \rangle} \rVert / \lVert \partial L_T / \partial a^{\langle T \rangle} \rVert\right)^{1/(T-1)}$:
cuánto se multiplica la norma, en promedio, en cada paso hacia atrás. También contamos en
qué fracción de los pares (unidad, paso) la compuerta de olvido está casi abierta del todo,
$\Gamma_f > 0.9$ (con `gate_activations`, como en el cuaderno 01).
""", en=r"""
## 6. The gradient, back in time

For the network to learn that a character depends on something it read many steps
earlier, the gradient of that prediction has to reach that step with a useful size. We
measure it with `gradient_flow`: it takes only the loss of the **last** prediction, $L_T$,
back-propagates it with `lstm_cell_backward` and records at every step the norm
$\lVert \partial L_T / \partial a^{\langle t \rangle} \rVert$. We do it over the first 100
characters of the book, for the pretrained network and for a freshly initialised network of
the same size. The "mean factor per step" is
$\left(\lVert \partial L_T / \partial a^{\langle 1 \rangle} \rVert / \lVert \partial L_T / \partial a^{\langle T \rangle} \rVert\right)^{1/(T-1)}$:
how much the norm is multiplied by, on average, at each step back. We also count in what
fraction of the (unit, step) pairs the forget gate is almost wide open, $\Gamma_f > 0.9$
(with `gate_activations`, as in notebook 01).
"""),
    code(r"""
T_long = 100
x_l, Y_l = window([0], T_long)                   # the first 100 characters, m = 1
a0_l = np.zeros((n_a, 1))
untrained = initialize_parameters(n_a, n_x, n_y, rng=0)     # same shapes, fresh weights
nets = {"pretrained_net": parameters, "untrained_net": untrained}
flows = {key: gradient_flow(net, x_l, Y_l, a0_l) for key, net in nets.items()}
for key, norms in flows.items():
    factor = (norms[0] / norms[-1]) ** (1 / (T_long - 1))
    f = gate_activations(nets[key], vocab, text[:T_long])["f"]     # Γ_f, (n_a, T)
    print(tr(key, LANG))
    print(f"  ‖∂L_T/∂a<T>‖ = {norms[-1]:.1e}   ‖∂L_T/∂a<1>‖ = {norms[0]:.1e}"
          f"   {tr('bw_per_step', LANG)} = {factor:.3f}")
    print(f"  Γ_f > 0.9: {100 * (f > 0.9).mean():.0f} %")

low = min(norms.min() for norms in flows.values()) / 3     # one scale for both figures
high = max(norms.max() for norms in flows.values()) * 3

def flow_figure(key):
    fig = plots.plot_gradient_flow(flows[key], lang=LANG)
    ax = fig.axes[0]
    ax.set_title(f"{tr('gradient_flow_title', LANG)}\n{tr(key, LANG)}")
    ax.set_ylim(low, high)
    fig.tight_layout()
    return fig
"""),
    code(r"""
fig = flow_figure("pretrained_net")
"""),
    code(r"""
fig = flow_figure("untrained_net")
"""),
    md(es=r"""
En la red sin entrenar la curva es casi una recta en escala logarítmica: en cada paso hacia
atrás el gradiente se multiplica por casi el mismo factor menor que 1, así que decae
**exponencialmente**. Es el problema del **gradiente que se desvanece**: después de unas
decenas de pasos, lo que la última predicción le pide a los primeros pasos es tan pequeño
que no mueve los pesos, y la red no puede aprender dependencias tan largas. La curva de la
red entrenada es más irregular, porque depende de lo que va leyendo: cae de golpe en algunos
caracteres y casi se estanca en otros tramos, donde el gradiente atraviesa unidades con la
compuerta de olvido abierta. En conjunto baja con menos pendiente.

**Por qué decae.** Hacia atrás, cada paso multiplica el gradiente por la jacobiana de ese
paso. En una red recurrente simple,
$a^{\langle t \rangle} = \tanh(W_{aa} a^{\langle t-1 \rangle} + W_{ax} x^{\langle t \rangle} + b)$,
esa jacobiana es $\mathrm{diag}(1 - (a^{\langle t \rangle})^2)\, W_{aa}$: la misma matriz
en todos los pasos y una derivada de $\tanh$ que no pasa de 1. Tras $k$ pasos el gradiente se
ha multiplicado por $k$ factores así; si su tamaño típico es menor que 1 se desvanece, y si es
mayor, explota.

**Por qué la LSTM resiste mejor.** La memoria a largo plazo se actualiza con una **suma**,
$c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle} + \Gamma_u * \tilde c^{\langle t \rangle}$,
de modo que por el camino directo de $c$

$$\frac{\partial c^{\langle t \rangle}}{\partial c^{\langle t-1 \rangle}} = \Gamma_f^{\langle t \rangle}$$

(`dc_prev = dc * ft` en el código), sin matriz de pesos y sin derivada de una activación
que aplaste: tras $k$ pasos, el producto de $k$ compuertas de olvido. Una unidad que
mantiene $\Gamma_f \approx 1$ deja pasar el gradiente casi intacto (el «carrusel de error constante» de Hochreiter y Schmidhuber, 1997).
En la red sin entrenar los sesgos son 0 y las compuertas de olvido rondan
$\sigma(0) = 0.5$, ninguna pasa de 0.9 (lo vimos arriba): por el camino de $c$ el gradiente
se reduce a la mitad en cada paso, y el de $a$ tampoco lo lleva lejos. La red entrenada
aprendió a abrir del todo la compuerta de olvido ($\Gamma_f > 0.9$) en una parte de sus
unidades y pasos, y su gradiente se desvanece más despacio, como muestran el factor por paso
y la pendiente de las curvas. Aun así no es memoria ilimitada: también la red entrenada
pierde varios órdenes de magnitud en cien pasos.

**Y cuando explota.** El camino de $a$ sigue pasando por matrices de pesos, así que a veces
un gradiente crece en lugar de decaer y un solo paso de entrenamiento lo estropea todo. El
remedio clásico, el del original, es **recortar** el gradiente antes de actualizar los pesos
(`clip`): es lo primero del cuaderno 03.
""", en=r"""
For the untrained network the curve is almost a straight line on the log scale: at every
step back the gradient is multiplied by nearly the same factor below 1, so it decays
**exponentially**. This is the **vanishing gradient** problem: after a few dozen steps,
what the last prediction asks of the first steps is so small that it does not move the
weights, and the network cannot learn dependencies that long. The trained network's curve
is bumpier, because it depends on what the network is reading: it drops sharply at some
characters and almost levels off along other stretches, where the gradient goes through
units whose forget gate is open. Overall its slope is gentler.

**Why it decays.** Going backwards, every step multiplies the gradient by that step's
Jacobian. In a simple recurrent network,
$a^{\langle t \rangle} = \tanh(W_{aa} a^{\langle t-1 \rangle} + W_{ax} x^{\langle t \rangle} + b)$,
that Jacobian is $\mathrm{diag}(1 - (a^{\langle t \rangle})^2)\, W_{aa}$: the same matrix at
every step and a $\tanh$ derivative that never exceeds 1. After $k$ steps the gradient has
been multiplied by $k$ such factors; if their typical size is below 1 it vanishes, and if
it is above 1 it explodes.

**Why the LSTM holds up better.** The long-term memory is updated with a **sum**,
$c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle} + \Gamma_u * \tilde c^{\langle t \rangle}$,
so along the direct path of $c$

$$\frac{\partial c^{\langle t \rangle}}{\partial c^{\langle t-1 \rangle}} = \Gamma_f^{\langle t \rangle}$$

(`dc_prev = dc * ft` in the code), with no weight matrix and no squashing activation
derivative: after $k$ steps, the product of $k$ forget gates. A unit that keeps
$\Gamma_f \approx 1$ lets the gradient through almost intact (the "constant error carousel" of Hochreiter and Schmidhuber, 1997). In the untrained
network the biases are 0 and the forget gates sit around $\sigma(0) = 0.5$, none above 0.9
(as printed above): along the path of $c$ the gradient is halved at every step, and the
path of $a$ does not carry it far either. The trained network has learnt to open its forget
gate wide ($\Gamma_f > 0.9$) in a share of its units and steps, and its gradient vanishes
more slowly, as the factor per step and the slope of the curves show. Still, it is no
unlimited memory: the trained network
also loses several orders of magnitude over a hundred steps.

**And when it explodes.** The path through $a$ still goes through weight matrices, so now
and then a gradient grows instead of decaying and a single training step ruins everything.
The classic remedy, the original's, is to **clip** the gradient before updating the weights
(`clip`): the first topic of notebook 03.
"""),

    # ------------------------------------------------------------------------------------
    # Summary and exercises
    # ------------------------------------------------------------------------------------
    md(es=r"""
## Resumen

- La pérdida es la entropía cruzada **media** por carácter, en nats ($\div \ln 2$ para
  bits): comparable entre ventanas y lotes de cualquier tamaño. Adivinar al azar da
  $\ln n_y$; la red preentrenada baja a menos de la mitad.
- Softmax más entropía cruzada da un gradiente muy simple,
  $dz = (\hat y - y)/(m\,T_x)$, del que salen $dW_y$, $db_y$ y el $da$ que entra en la LSTM.
- Una celda hacia atrás reúne en $dc$ los dos caminos de la memoria, calcula los cuatro
  $dz$ de las compuertas, los gradientes de pesos $dz\,\text{concat}^T$ y devuelve
  $da_{\text{prev}}$, $dc_{\text{prev}} = dc * \Gamma_f$ y $dx$.
- BPTT recorre los pasos hacia atrás; cada paso recibe el gradiente de su predicción más el
  de su futuro, y los gradientes de los pesos compartidos se suman. Una sola pasada, no dos
  como en el original.
- La comprobación numérica (diferencias centradas, float64, error relativo $< 10^{-7}$)
  confirma todos los gradientes, y falla claramente ante errores de hasta el 1 %.
- El gradiente decae exponencialmente hacia atrás en el tiempo; el camino aditivo de $c$
  lo frena. Contra la explosión, recorte: cuaderno 03.

## Ejercicios

1. **Las pérdidas del original.** El cuaderno original imprimía `Pérdida: 68.0088` y, 500
   iteraciones después, `Pérdida: 55.6805`: sumas sobre 25 caracteres (suavizadas). Pásalas
   a nats y bits por carácter con `nats_to_bits` y compáralas con $\ln 52$ (su vocabulario
   tenía 52 caracteres) y con la red preentrenada. Esperado: unos 2.72 y 2.23 nats por
   carácter, entre el azar y nuestra red.
2. **Media y lote.** Con las dos ventanas de la sección 1, calcula `loss_and_gradients` para
   el lote ($m = 2$) y para cada secuencia sola (`x[:, [i], :]`, `Y[[i]]`, `a0[:, [i]]`).
   Comprueba con `np.allclose` que el `dWf` del lote es la media de los dos. ¿Qué pasaría con
   el tamaño del gradiente al pasar de $m = 2$ a $m = 32$ si la pérdida fuera una suma?
3. **Elegir $\varepsilon$.** Repite la comprobación de la red pequeña con
   `epsilon` $= 10^{-1}, 10^{-3}, 10^{-5}, 10^{-7}, 10^{-9}, 10^{-11}$ y dibuja el mayor error
   relativo frente a $\varepsilon$ con `plt.loglog`. Deberías ver una V: a la derecha domina el
   término $\varepsilon^2$ de Taylor, a la izquierda el redondeo $u/\varepsilon$. ¿Dónde está
   el mínimo? Después convierte `small` a float32 y llama a `gradient_check`: ¿qué dice?
4. **Un error pequeño.** En la celda de «cómo se ve un error», cambia el signo de la entrada
   **más pequeña** de `dWf` en lugar de la mayor. ¿Lo detecta el error relativo del arreglo
   entero? Escribe en una línea de numpy el error relativo *entrada por entrada*,
   $|g_{\text{num}} - g| / (|g_{\text{num}}| + |g|)$, y mira si esa versión sí lo encuentra.
5. **El sesgo de la compuerta de olvido.** Pon `untrained["bf"][:] = 1.0` (después 3.0) y
   repite `gradient_flow`. ¿Cómo cambia el factor medio por paso? Compáralo con
   $\sigma(1) \approx 0.73$ y $\sigma(3) \approx 0.95$. Iniciar $b_f$ en 1 es un truco
   habitual (Gers, Schmidhuber y Cummins, 2000; Jozefowicz y otros, 2015): la red empieza
   recordando.
""", en=r"""
## Summary

- The loss is the **mean** cross-entropy per character, in nats ($\div \ln 2$ for bits):
  comparable across windows and batches of any size. Uniform guessing gives $\ln n_y$; the
  pretrained network gets below half of that.
- Softmax plus cross-entropy gives a very simple gradient, $dz = (\hat y - y)/(m\,T_x)$,
  from which come $dW_y$, $db_y$ and the $da$ that enters the LSTM.
- One cell backward gathers the two paths of the memory into $dc$, computes the four gate
  $dz$'s and the weight gradients $dz\,\text{concat}^T$, and returns $da_{\text{prev}}$,
  $dc_{\text{prev}} = dc * \Gamma_f$ and $dx$.
- BPTT walks the steps backwards; each step receives the gradient of its prediction plus
  that of its future, and the gradients of the shared weights are summed. One pass, not two
  as in the original.
- The numerical check (central differences, float64, relative error $< 10^{-7}$) confirms
  every gradient, and fails clearly on mistakes as small as 1 %.
- The gradient decays exponentially back in time; the additive path of $c$ slows that down.
  Against explosions, clipping: notebook 03.

## Exercises

1. **The original's losses.** The original notebook printed `Pérdida: 68.0088` and, 500
   iterations later, `Pérdida: 55.6805`: sums over 25 characters (smoothed). Turn them into
   nats and bits per character with `nats_to_bits` and compare them with $\ln 52$ (its
   vocabulary had 52 characters) and with the pretrained network. Expected: about 2.72 and
   2.23 nats per character, between uniform guessing and our network.
2. **Mean and batch.** With the two windows of section 1, compute `loss_and_gradients` for
   the batch ($m = 2$) and for each sequence alone (`x[:, [i], :]`, `Y[[i]]`, `a0[:, [i]]`).
   Check with `np.allclose` that the batch's `dWf` is the mean of the two. What would happen
   to the size of the gradient going from $m = 2$ to $m = 32$ if the loss were a sum?
3. **Choosing $\varepsilon$.** Repeat the small network's check with
   `epsilon` $= 10^{-1}, 10^{-3}, 10^{-5}, 10^{-7}, 10^{-9}, 10^{-11}$ and plot the largest
   relative error against $\varepsilon$ with `plt.loglog`. You should see a V: on the right
   the $\varepsilon^2$ Taylor term dominates, on the left rounding, $u/\varepsilon$. Where is
   the minimum? Then convert `small` to float32 and call `gradient_check`: what does it say?
4. **A small mistake.** In the "what a mistake looks like" cell, flip the sign of the
   **smallest** entry of `dWf` instead of the largest. Does the relative error of the whole
   array catch it? Write in one line of numpy the relative error *entry by entry*,
   $|g_{\text{num}} - g| / (|g_{\text{num}}| + |g|)$, and see whether that version finds it.
5. **The forget-gate bias.** Set `untrained["bf"][:] = 1.0` (then 3.0) and run
   `gradient_flow` again. How does the mean factor per step change? Compare it with
   $\sigma(1) \approx 0.73$ and $\sigma(3) \approx 0.95$. Initialising $b_f$ at 1 is a common
   trick (Gers, Schmidhuber and Cummins, 2000; Jozefowicz et al., 2015): the network starts
   out remembering.
"""),
]
