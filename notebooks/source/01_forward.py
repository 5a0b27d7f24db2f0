"""Notebook 01: forward propagation.

Characters to one-hot vectors, sigmoid and softmax, initialisation, one cell step, the
network unrolled over T_x steps, and the gates of the pretrained network on a real sentence.
"""
from nbsource import code, md, settings

CELLS = [
    # ------------------------------------------------------------------------------------
    # Title, objective, the series
    # ------------------------------------------------------------------------------------
    md(es=r"""
# 01 · Propagación hacia adelante: una LSTM de caracteres con numpy

**Objetivo.** Construir una red neuronal recurrente de tipo LSTM (*Long Short-Term Memory*)
sin bibliotecas de aprendizaje profundo: solo numpy. La red lee un texto carácter a carácter
y, después de cada carácter, da una probabilidad a cada carácter que puede venir a
continuación. El texto es *La metamorfosis* de Franz Kafka.

En este primer cuaderno la red todavía no aprende: solo **predice**. Convertimos el texto en
números, escribimos las funciones de activación, inicializamos los pesos, seguimos el
cálculo de una celda y de la red desplegada en el tiempo y, al final, miramos por dentro una
red ya entrenada.

**La serie**

| cuaderno | contenido |
|---|---|
| **01 · propagación hacia adelante** | caracteres y vectores one-hot, sigmoide y softmax, inicialización, una celda, la red desplegada |
| 02 · propagación hacia atrás | la regla de la cadena compuerta por compuerta, retropropagación en el tiempo, comprobación numérica del gradiente |
| 03 · Adam | recorte del gradiente; Adam frente al descenso del gradiente simple |
| 04 · muestreo | generar texto con temperatura y top-k, con deslizadores |
| 05 · entrenamiento | épocas sobre todo el libro, pérdida de validación, puntos de control, compuertas de una red entrenada |

**Cómo usar los cuadernos.** Ejecuta las celdas en orden, de arriba abajo (*Kernel → Restart
& Run All*); cada cuaderno funciona solo, sin haber ejecutado los anteriores. El código que
se enseña vive en el paquete `lstm_np` de este repositorio: los cuadernos lo importan, no lo
copian, y `show_source(...)` muestra el código fuente real de cada función junto a las
matemáticas. Lo que lees es exactamente lo que se ejecuta.

**Notación.** Los vectores son columnas. El superíndice $\langle t \rangle$ indica el paso de
tiempo; $m$ es el número de secuencias que se procesan a la vez (el lote); los arreglos
tienen forma $(n, m, T_x)$: $n$ números por secuencia, $m$ secuencias, $T_x$ pasos.
""", en=r"""
# 01 · Forward propagation: a character-level LSTM with numpy

**Objective.** Build an LSTM (*Long Short-Term Memory*) recurrent neural network without any
deep-learning library: numpy only. The network reads a text one character at a time and,
after each character, gives a probability to every character that may come next. The text
is Franz Kafka's *The Metamorphosis*.

In this first notebook the network does not learn yet: it only **predicts**. We turn the
text into numbers, write the activation functions, initialise the weights, follow the
computation of one cell and of the network unrolled in time and, at the end, look inside a
network that has already been trained.

**The series**

| notebook | contents |
|---|---|
| **01 · forward propagation** | characters and one-hot vectors, sigmoid and softmax, initialisation, one cell, the unrolled network |
| 02 · backward propagation | the chain rule gate by gate, backpropagation through time, numerical gradient check |
| 03 · Adam | gradient clipping; Adam against plain gradient descent |
| 04 · sampling | generating text with temperature and top-k, with sliders |
| 05 · training | epochs over the whole book, validation loss, checkpoints, the gates of a trained network |

**How to use the notebooks.** Run the cells in order, top to bottom (*Kernel → Restart &
Run All*); each notebook runs on its own, without the earlier ones. The code being taught
lives in this repository's package `lstm_np`: the notebooks import it rather than copy it,
and `show_source(...)` displays the real source of each function beside the maths. What you
read is exactly what runs.

**Notation.** Vectors are columns. The superscript $\langle t \rangle$ is the time step; $m$
is the number of sequences processed together (the batch); arrays have shape
$(n, m, T_x)$: $n$ numbers per sequence, $m$ sequences, $T_x$ steps.
"""),
    settings(),
    code(r"""
import numpy as np

import lstm_np
from lstm_np import plots
from lstm_np.analysis import gate_activations
from lstm_np.checkpoint import load_pretrained
from lstm_np.data import load_corpus, split_text
from lstm_np.i18n import tr
from lstm_np.notebook import show_source
from lstm_np.params import sizes
"""),

    # ------------------------------------------------------------------------------------
    # 1. The network and its cell
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 1. La red y su celda

Una red recurrente lee una secuencia paso a paso y lleva consigo un resumen de lo que ha
leído. La figura muestra la red **desplegada en el tiempo**: es *una sola* celda, con los
mismos parámetros $W, b$, repetida $T_x$ veces. En cada paso recibe un carácter
$x^{\langle t \rangle}$ y los dos estados que le deja el paso anterior, y devuelve una
predicción $\hat y^{\langle t \rangle}$ del carácter siguiente. Si la entrada es «gregori»,
el objetivo es «regorio»: el mismo texto desplazado una posición.

![La red LSTM desplegada en el tiempo](../../img/lstm_unrolled_es.png)

Dentro de cada celda ocurre esto:

![Una celda LSTM](../../img/lstm_cell_es.png)

- $t$: el paso de tiempo, es decir, la posición del carácter dentro de la ventana.
- $c^{\langle t \rangle}$, la **memoria a largo plazo** (el *estado de la celda*): la línea
  roja que cruza la celda de izquierda a derecha. En su camino solo hay una multiplicación
  y una suma, así que la información puede viajar muchos pasos casi intacta (en el cuaderno
  02 veremos que el gradiente también).
- $a^{\langle t \rangle}$, la **memoria a corto plazo** (el *estado oculto*): lo que la celda
  deja ver en este paso. De ahí sale la predicción y, junto con el carácter siguiente
  $x^{\langle t+1 \rangle}$, alimenta las compuertas del paso siguiente.

Una **compuerta** es un vector de $n_a$ números entre 0 y 1 (la salida de una sigmoide) que
multiplica elemento a elemento a otro vector: un 0 cierra el paso y un 1 lo deja pasar
entero. Las tres compuertas y el candidato miran lo mismo, la concatenación
$[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$ del estado oculto anterior con el carácter
actual, pero cada uno con sus propios pesos.

1. **Compuerta de olvido** $\Gamma_f$. Decide qué parte de la memoria a largo plazo
   $c^{\langle t-1 \rangle}$ ha dejado de ser útil y se borra. Una unidad con
   $\Gamma_f \approx 1$ conserva lo que guardaba; con $\Gamma_f \approx 0$ lo olvida.
2. **Candidato** $\tilde c^{\langle t \rangle}$. Una propuesta de información nueva, con
   valores entre $-1$ y $1$ (sale de una $\tanh$), calculada a partir del carácter actual y
   del contexto reciente. No es una compuerta: es el contenido que se podría escribir.
3. **Compuerta de actualización** $\Gamma_u$. Decide cuánto de ese candidato se escribe en
   la memoria. El producto $\Gamma_u * \tilde c^{\langle t \rangle}$ se suma a lo que dejó
   pasar la compuerta de olvido:
   $c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle} + \Gamma_u * \tilde c^{\langle t \rangle}$.
   Sus pesos se llaman $W_i, b_i$ (de *input gate*, su nombre habitual en inglés).
4. **Compuerta de salida** $\Gamma_o$. Decide qué parte de la memoria sale de la celda en
   este paso. La memoria pasa por una $\tanh$, que la lleva al intervalo $(-1, 1)$; la
   compuerta la filtra, y el resultado es el nuevo estado oculto
   $a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$.

**Predicción.** El estado oculto entra en una capa densa con softmax,
$\hat y^{\langle t \rangle} = \mathrm{softmax}(W_y a^{\langle t \rangle} + b_y)$: un vector
de $n_y$ probabilidades, una por cada carácter del vocabulario, que suman 1.
""", en=r"""
## 1. The network and its cell

A recurrent network reads a sequence step by step and carries along a summary of what it
has read. The figure shows the network **unrolled in time**: it is *one* cell, with the same
parameters $W, b$, repeated $T_x$ times. At every step it takes a character
$x^{\langle t \rangle}$ and the two states left by the previous step, and returns a
prediction $\hat y^{\langle t \rangle}$ of the next character. If the input is "gregori",
the target is "regorio": the same text shifted by one position.

![The LSTM network unrolled in time](../../img/lstm_unrolled_en.png)

This is what happens inside each cell:

![An LSTM cell](../../img/lstm_cell_en.png)

- $t$: the time step, that is, the position of the character in the window.
- $c^{\langle t \rangle}$, the **long-term memory** (the *cell state*): the red line that
  crosses the cell from left to right. On its way there is only one multiplication and one
  addition, so information can travel many steps almost untouched (in notebook 02 we will
  see that the gradient can too).
- $a^{\langle t \rangle}$, the **short-term memory** (the *hidden state*): what the cell
  shows at this step. The prediction is made from it and, together with the next character
  $x^{\langle t+1 \rangle}$, it feeds the gates of the next step.

A **gate** is a vector of $n_a$ numbers between 0 and 1 (the output of a sigmoid) that
multiplies another vector element by element: a 0 shuts the way, a 1 lets everything
through. The three gates and the candidate all look at the same thing, the concatenation
$[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$ of the previous hidden state and the
current character, each with its own weights.

1. **Forget gate** $\Gamma_f$. Decides which part of the long-term memory
   $c^{\langle t-1 \rangle}$ is no longer useful and is wiped. A unit with
   $\Gamma_f \approx 1$ keeps what it held; with $\Gamma_f \approx 0$ it forgets it.
2. **Candidate** $\tilde c^{\langle t \rangle}$. A proposal of new information, with values
   between $-1$ and $1$ (it comes out of a $\tanh$), computed from the current character and
   the recent context. It is not a gate: it is the content that might be written.
3. **Update gate** $\Gamma_u$. Decides how much of that candidate is written into the
   memory. The product $\Gamma_u * \tilde c^{\langle t \rangle}$ is added to what the forget
   gate let through:
   $c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle} + \Gamma_u * \tilde c^{\langle t \rangle}$.
   Its weights are called $W_i, b_i$ (for *input gate*, its usual name in the literature).
4. **Output gate** $\Gamma_o$. Decides which part of the memory leaves the cell at this
   step. The memory goes through a $\tanh$, which brings it into $(-1, 1)$; the gate filters
   it, and the result is the new hidden state
   $a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$.

**Prediction.** The hidden state goes into a dense layer with a softmax,
$\hat y^{\langle t \rangle} = \mathrm{softmax}(W_y a^{\langle t \rangle} + b_y)$: a vector
of $n_y$ probabilities, one per character of the vocabulary, that add up to 1.
"""),

    # ------------------------------------------------------------------------------------
    # 2. From characters to numbers
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 2. De caracteres a números

La red no ve letras, sino vectores. Empezamos por cargar el texto ya limpio con
`load_corpus`: un párrafo por línea y todo en minúsculas, como en el cuaderno original (así
la red tiene menos caracteres distintos que aprender).
""", en=r"""
## 2. From characters to numbers

The network does not see letters, only vectors. We start by loading the cleaned text with
`load_corpus`: one paragraph per line, all lower-case as in the original notebook (so the
network has fewer distinct characters to learn).
"""),
    code(r"""
text = load_corpus(CORPUS)
print(len(text))
print(text[:200])
"""),
    md(es=r"""
El **vocabulario** es el conjunto ordenado de los caracteres distintos del texto. Su tamaño
es a la vez $n_x$, el tamaño de la entrada, y $n_y$, el de la salida: la red lee un carácter
y predice otro del mismo conjunto. Abajo, `⏎` es el salto de línea (el final de un párrafo)
y `␣` el espacio.
""", en=r"""
The **vocabulary** is the sorted set of the distinct characters of the text. Its size is
both $n_x$, the size of the input, and $n_y$, that of the output: the network reads a
character and predicts another one from the same set. Below, `⏎` is the newline (the end of
a paragraph) and `␣` the space.
"""),
    code(r"""
vocab = lstm_np.Vocabulary.from_text(text)
n_x = n_y = vocab.size
print(f"n_x = n_y = {vocab.size}")
print(" ".join(plots.display_char(ch) for ch in vocab.chars))
"""),
    md(es=r"""
Cada carácter se representa primero por su índice $k$ en el vocabulario
(`vocab.encode`), y después por un vector **one-hot**: $n_x$ ceros con un único 1 en la
posición $k$. Una secuencia de $T_x$ caracteres se convierte así en una matriz
$(n_x, T_x)$, y un lote de $m$ secuencias en el arreglo $(n_x, m, T_x)$ con el que trabaja
toda la serie.

Codificamos la palabra «samsa» ($m = 1$, $T_x = 5$) y mostramos solo las filas de sus tres
letras distintas; las otras $n_x - 3$ filas son todo ceros. Cada columna (cada paso de
tiempo) tiene exactamente un 1.

Un detalle que usaremos más adelante: multiplicar una matriz por un vector one-hot no es más
que elegir una columna, $W x^{\langle t \rangle} = W_{:,k}$. El entrenamiento rápido del
paquete (cuaderno 05) aprovecha este atajo.
""", en=r"""
Each character is first represented by its index $k$ in the vocabulary (`vocab.encode`),
and then by a **one-hot** vector: $n_x$ zeros with a single 1 at position $k$. A sequence of
$T_x$ characters thus becomes a matrix $(n_x, T_x)$, and a batch of $m$ sequences the array
$(n_x, m, T_x)$ that the whole series works with.

We encode the word "samsa" ($m = 1$, $T_x = 5$) and show only the rows of its three
distinct letters; the other $n_x - 3$ rows are all zeros. Every column (every time step)
holds exactly one 1.

A detail we will use later: multiplying a matrix by a one-hot vector just picks a column,
$W x^{\langle t \rangle} = W_{:,k}$. The package's fast training path (notebook 05) takes
this shortcut.
"""),
    code(r"""
word = "samsa"
ix = vocab.encode(word)
x_word = lstm_np.one_hot(ix, n_x)               # (n_x, m, T_x) with m = 1, T_x = 5
print(f"{word!r} -> {ix.tolist()}")
print("x.shape =", x_word.shape)
print()
print("  k  ch   " + "  ".join(word))            # one column per time step
for k in sorted(set(ix.tolist())):
    row = "  ".join(str(int(v)) for v in x_word[k, 0, :])
    print(f"{k:3d}  {vocab.ix_to_char[k]!r}  {row}")
print("x.sum(axis=0) =", x_word.sum(axis=0).astype(int).tolist())
"""),

    # ------------------------------------------------------------------------------------
    # 3. Sigmoid and softmax
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 3. Las funciones de activación: sigmoide y softmax

Las tres compuertas usan la **sigmoide**, que lleva cualquier número real al intervalo
$(0, 1)$:

$$\sigma(z) = \frac{1}{1 + e^{-z}}.$$

El candidato y la memoria de salida usan $\tanh(z) \in (-1, 1)$, que numpy ya trae
(`np.tanh`). La predicción usa la **softmax**, que convierte un vector de $n_y$ puntuaciones
$z = W_y a^{\langle t \rangle} + b_y$ en una distribución de probabilidad:

$$\mathrm{softmax}(z)_k = \frac{e^{z_k}}{\sum_{j=1}^{n_y} e^{z_j}}
  = \frac{e^{z_k - \max_j z_j}}{\sum_{j=1}^{n_y} e^{z_j - \max_j z_j}}.$$

Las dos formas son iguales (multiplicamos numerador y denominador por $e^{-\max_j z_j}$),
pero la segunda es la que conviene calcular: todos los exponentes son $\le 0$, así que
ningún $e^{(\cdot)}$ pasa de 1, y el término del máximo vale exactamente 1, así que el
denominador nunca es 0. La sigmoide del paquete tiene el mismo cuidado: para $z < 0$ usa la
forma equivalente $e^{z}/(1 + e^{z})$, para que la exponencial nunca reciba un número
grande.
""", en=r"""
## 3. The activation functions: sigmoid and softmax

The three gates use the **sigmoid**, which maps any real number into $(0, 1)$:

$$\sigma(z) = \frac{1}{1 + e^{-z}}.$$

The candidate and the memory on its way out use $\tanh(z) \in (-1, 1)$, which numpy already
has (`np.tanh`). The prediction uses the **softmax**, which turns a vector of $n_y$ scores
$z = W_y a^{\langle t \rangle} + b_y$ into a probability distribution:

$$\mathrm{softmax}(z)_k = \frac{e^{z_k}}{\sum_{j=1}^{n_y} e^{z_j}}
  = \frac{e^{z_k - \max_j z_j}}{\sum_{j=1}^{n_y} e^{z_j - \max_j z_j}}.$$

The two forms are equal (multiply numerator and denominator by $e^{-\max_j z_j}$), but the
second is the one to compute: every exponent is $\le 0$, so no $e^{(\cdot)}$ exceeds 1, and
the term of the maximum is exactly 1, so the denominator is never 0. The package's sigmoid
takes the same care: for $z < 0$ it uses the equivalent form $e^{z}/(1 + e^{z})$, so that
the exponential never sees a large number.
"""),
    code(r"""
show_source(lstm_np.sigmoid)
show_source(lstm_np.softmax)
"""),
    code(r"""
fig = plots.plot_activations(lang=LANG)
"""),
    md(es=r"""
A la izquierda, la sigmoide y la $\tanh$: casi planas lejos de 0 (una compuerta *saturada*
está casi cerrada o casi abierta del todo). A la derecha, la softmax de cinco puntuaciones:
la mayor se lleva la mayor probabilidad, pero todas reciben algo.

**Estabilidad numérica.** En coma flotante de 64 bits, $e^{z}$ se desborda a `inf` a partir
de $z \approx 709.8$. La fórmula directa falla con una columna de puntuaciones cercanas a
1000 ($\infty / \infty$ = `nan`); la versión que resta el máximo da la respuesta correcta.
""", en=r"""
On the left, the sigmoid and $\tanh$: nearly flat far from 0 (a *saturated* gate is almost
fully closed or fully open). On the right, the softmax of five scores: the largest gets the
largest probability, but every score gets some.

**Numerical stability.** In 64-bit floating point, $e^{z}$ overflows to `inf` from
$z \approx 709.8$ on. The direct formula fails on a column of scores near 1000
($\infty / \infty$ = `nan`); the version that subtracts the maximum gives the right answer.
"""),
    code(r"""
z = np.array([[1000.0], [999.0], [998.0]])     # one column: n_y = 3, m = 1
with np.errstate(over="ignore", invalid="ignore"):
    print(np.exp(z).ravel(), (np.exp(z) / np.exp(z).sum(axis=0)).ravel())
print(lstm_np.softmax(z).ravel().round(4))
"""),
    md(es=r"""
**Una errata del cuaderno original.** Allí se restaba *un solo* máximo, el de todo el
arreglo: `np.exp(x - np.max(x))`. Con una sola columna da igual, pero con un lote cada
columna es la distribución de una secuencia distinta, y el máximo de *otra* columna no
sirve. Si una columna queda unos 745 o más por debajo del máximo global, todos sus
$e^{(\cdot)}$ se redondean a 0 y la división es $0/0$ = `nan`. El paquete resta el máximo
**columna por columna** (`np.max(x, axis=0, keepdims=True)`). Lo comprobamos con dos
secuencias ($m = 2$) de puntuaciones muy distintas: la primera línea es la fórmula del
original, la segunda la del paquete.
""", en=r"""
**A bug of the original notebook.** It subtracted *one* maximum, that of the whole array:
`np.exp(x - np.max(x))`. With a single column that makes no difference, but in a batch each
column is the distribution of a different sequence, and the maximum of *another* column is
of no use. If a column sits about 745 or more below the global maximum, all its
$e^{(\cdot)}$ round to 0 and the division is $0/0$ = `nan`. The package subtracts the
maximum **column by column** (`np.max(x, axis=0, keepdims=True)`). We check it on two
sequences ($m = 2$) with very different scores: the first line is the original's formula,
the second the package's.
"""),
    code(r"""
Z = np.array([[1000.0, -5.0],
              [ 999.0, -6.0],
              [ 998.0, -7.0]])                 # n_y = 3, m = 2
with np.errstate(under="ignore", invalid="ignore"):
    print(np.round(np.exp(Z - np.max(Z)) / np.exp(Z - np.max(Z)).sum(axis=0), 4))
print(lstm_np.softmax(Z).round(4))
"""),

    # ------------------------------------------------------------------------------------
    # 4. Initialisation
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 4. Inicialización de los parámetros

Para que la red pueda aprender, sus pesos empiezan con valores aleatorios (si todos fueran
iguales, todas las unidades calcularían lo mismo y recibirían el mismo gradiente). Usamos
$n_a = 100$ unidades ocultas, como el original, y $n_x = n_y = 47$, el tamaño del
vocabulario del texto en español (el original tenía 52).

| parámetro | forma | con $n_a = 100$, $n_x = n_y = 47$ | papel |
|---|---|---|---|
| $W_f$, $b_f$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 147), (100, 1) | compuerta de olvido |
| $W_i$, $b_i$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 147), (100, 1) | compuerta de actualización |
| $W_c$, $b_c$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 147), (100, 1) | candidato $\tilde c$ |
| $W_o$, $b_o$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 147), (100, 1) | compuerta de salida |
| $W_y$, $b_y$ | $(n_y, n_a)$, $(n_y, 1)$ | (47, 100), (47, 1) | predicción |

Las matrices de las compuertas actúan sobre $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$,
que tiene $n_a + n_x$ filas; $W_y$ actúa sobre $a^{\langle t \rangle}$, que tiene $n_a$.

**La escala.** Si los pesos son demasiado grandes, las sumas $W [a; x] + b$ son grandes, las
sigmoides se saturan (compuertas clavadas en 0 o en 1) y el gradiente apenas pasa; si son
demasiado pequeños, la señal se apaga de capa en capa. La inicialización de Xavier (Glorot)
elige una desviación típica que mantiene esas sumas de orden 1. Para las compuertas el
original usa

$$W \sim \mathcal N\!\left(0,\ \sigma^2\right), \qquad \sigma = \sqrt{\frac{2}{n_a + n_x}},$$

y los sesgos empiezan en 0. (Siendo precisos: la fórmula de Glorot es
$\sigma^2 = 2/(n_\text{entrada} + n_\text{salida})$, que para $W_f$ daría $2/(2n_a + n_x)$;
$2/(n_a + n_x) = 2/n_\text{entrada}$ es la de He. Las dos dejan las sumas de orden 1;
mantenemos la elección del original.)

**Dos erratas del original**, corregidas en el paquete:

1. Llamaba a `np.random.seed(1)` *dentro* de la función. Eso reinicia el estado aleatorio
   global de todo el programa cada vez que se inicializa: todas las llamadas devuelven la
   misma red, y cualquier código aleatorio posterior (el muestreo, por ejemplo) se repite sin
   que nadie lo note. Ahora la función recibe un argumento `rng` (un generador
   `np.random.Generator` o una semilla entera) y solo usa ese generador.
2. Daba a $W_y$ la escala de las compuertas, $\sqrt{2/(n_a + n_x)}$, aunque $W_y$ no tiene
   nada que ver con $n_x$: recibe $n_a$ números y produce $n_y$. Ahora tiene la suya,
   $\sqrt{2/(n_a + n_y)}$. Con nuestro vocabulario $n_x = n_y$ y los dos números coinciden,
   así que hoy no cambia nada; cambiaría en cuanto la entrada y la salida tuvieran tamaños
   distintos (por ejemplo, con una capa de *embedding* a la entrada).
""", en=r"""
## 4. Initialising the parameters

For the network to learn, its weights start at random values (if they were all equal, every
unit would compute the same thing and receive the same gradient). We use $n_a = 100$ hidden
units, like the original, and $n_x = n_y = 39$, the size of the English text's vocabulary
(the original had 52).

| parameter | shape | with $n_a = 100$, $n_x = n_y = 39$ | role |
|---|---|---|---|
| $W_f$, $b_f$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 139), (100, 1) | forget gate |
| $W_i$, $b_i$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 139), (100, 1) | update gate |
| $W_c$, $b_c$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 139), (100, 1) | candidate $\tilde c$ |
| $W_o$, $b_o$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 139), (100, 1) | output gate |
| $W_y$, $b_y$ | $(n_y, n_a)$, $(n_y, 1)$ | (39, 100), (39, 1) | prediction |

The gate matrices act on $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$, which has
$n_a + n_x$ rows; $W_y$ acts on $a^{\langle t \rangle}$, which has $n_a$.

**The scale.** If the weights are too large, the sums $W [a; x] + b$ are large, the
sigmoids saturate (gates stuck at 0 or 1) and hardly any gradient gets through; if they are
too small, the signal fades away. Xavier (Glorot) initialisation picks a standard deviation
that keeps those sums of order 1. For the gates the original uses

$$W \sim \mathcal N\!\left(0,\ \sigma^2\right), \qquad \sigma = \sqrt{\frac{2}{n_a + n_x}},$$

and the biases start at 0. (To be precise: Glorot's formula is
$\sigma^2 = 2/(n_\text{in} + n_\text{out})$, which for $W_f$ would give $2/(2n_a + n_x)$;
$2/(n_a + n_x) = 2/n_\text{in}$ is He's. Both keep the sums of order 1; we keep the
original's choice.)

**Two bugs of the original**, fixed in the package:

1. It called `np.random.seed(1)` *inside* the function. That resets the global random state
   of the whole program at every initialisation: every call returns the same network, and
   any later random code (sampling, for instance) silently repeats itself. Now the function
   takes an argument `rng` (a `np.random.Generator` or an integer seed) and uses that
   generator only.
2. It gave $W_y$ the gates' scale, $\sqrt{2/(n_a + n_x)}$, although $W_y$ has nothing to do
   with $n_x$: it takes $n_a$ numbers and produces $n_y$. Now it has its own,
   $\sqrt{2/(n_a + n_y)}$. With our vocabulary $n_x = n_y$ and the two numbers coincide, so
   nothing changes today; it would as soon as input and output had different sizes (with an
   *embedding* layer at the input, for instance).
"""),
    code(r"""
show_source(lstm_np.initialize_parameters)
"""),
    md(es=r"""
Creamos la red con una semilla explícita y comparamos la desviación típica medida de cada
matriz ($\hat\sigma$) con la de la fórmula ($\sigma$):
""", en=r"""
We create the network with an explicit seed and compare the measured standard deviation of
each matrix ($\hat\sigma$) with the formula's ($\sigma$):
"""),
    code(r"""
n_a = 100
parameters = lstm_np.initialize_parameters(n_a, n_x, n_y, rng=np.random.default_rng(1))

std_gates = np.sqrt(2 / (n_a + n_x))
std_out = np.sqrt(2 / (n_a + n_y))
for name in lstm_np.PARAMETER_NAMES:
    p = parameters[name]
    if name.startswith("W"):
        formula = std_out if name == "Wy" else std_gates
        print(f"{name}  {str(p.shape):11s}  σ̂ = {p.std():.4f}   σ = {formula:.4f}")
    else:
        print(f"{name}  {str(p.shape):11s}  max|{name}| = {np.abs(p).max():.1f}")
print("n_params =", sum(p.size for p in parameters.values()))
"""),
    md(es=r"""
Con `rng` la reproducibilidad es explícita y local: la misma semilla da la misma red, y un
mismo generador usado dos veces da dos redes distintas (avanza, como debe), sin tocar el
estado aleatorio de nadie más.
""", en=r"""
With `rng` reproducibility is explicit and local: the same seed gives the same network, and
one generator used twice gives two different networks (it moves on, as it should), without
touching anybody else's random state.
"""),
    code(r"""
p1 = lstm_np.initialize_parameters(n_a, n_x, n_y, rng=np.random.default_rng(1))
print(all(np.array_equal(p1[k], parameters[k]) for k in parameters))    # same seed

rng = np.random.default_rng(1)
q1 = lstm_np.initialize_parameters(n_a, n_x, n_y, rng=rng)
q2 = lstm_np.initialize_parameters(n_a, n_x, n_y, rng=rng)
print(np.array_equal(q1["Wf"], q2["Wf"]))                               # same generator, twice
"""),

    # ------------------------------------------------------------------------------------
    # 5. One cell step
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 5. Un paso de la celda

En cada paso, para un lote de $m$ secuencias, la celda calcula (con $*$ el producto elemento
a elemento; cada sesgo $(n_a, 1)$ se suma a las $m$ columnas):

$$\text{concat} = \begin{bmatrix} a^{\langle t-1 \rangle} \\ x^{\langle t \rangle} \end{bmatrix}
  \qquad (n_a + n_x,\ m)$$

$$\Gamma_f^{\langle t \rangle} = \sigma\!\left(W_f\, \text{concat} + b_f\right)
  \qquad (n_a,\ m) \qquad \text{compuerta de olvido}$$

$$\Gamma_u^{\langle t \rangle} = \sigma\!\left(W_i\, \text{concat} + b_i\right)
  \qquad (n_a,\ m) \qquad \text{compuerta de actualización}$$

$$\tilde c^{\langle t \rangle} = \tanh\!\left(W_c\, \text{concat} + b_c\right)
  \qquad (n_a,\ m) \qquad \text{candidato}$$

$$c^{\langle t \rangle} = \Gamma_f^{\langle t \rangle} * c^{\langle t-1 \rangle}
  + \Gamma_u^{\langle t \rangle} * \tilde c^{\langle t \rangle}
  \qquad (n_a,\ m) \qquad \text{memoria a largo plazo}$$

$$\Gamma_o^{\langle t \rangle} = \sigma\!\left(W_o\, \text{concat} + b_o\right)
  \qquad (n_a,\ m) \qquad \text{compuerta de salida}$$

$$a^{\langle t \rangle} = \Gamma_o^{\langle t \rangle} * \tanh\!\left(c^{\langle t \rangle}\right)
  \qquad (n_a,\ m) \qquad \text{memoria a corto plazo}$$

$$\hat y^{\langle t \rangle} = \mathrm{softmax}\!\left(W_y\, a^{\langle t \rangle} + b_y\right)
  \qquad (n_y,\ m) \qquad \text{predicción}$$

Cada línea del código de `lstm_cell_forward` es una de estas ecuaciones. Además devuelve una
`cache` con todo lo que la propagación hacia atrás necesitará (cuaderno 02): los estados
anteriores, las cuatro activaciones y la entrada. En el código, `ft`, `it`, `cct` y `ot` son
$\Gamma_f$, $\Gamma_u$, $\tilde c$ y $\Gamma_o$.
""", en=r"""
## 5. One step of the cell

At every step, for a batch of $m$ sequences, the cell computes (with $*$ the element-wise
product; each bias $(n_a, 1)$ is added to all $m$ columns):

$$\text{concat} = \begin{bmatrix} a^{\langle t-1 \rangle} \\ x^{\langle t \rangle} \end{bmatrix}
  \qquad (n_a + n_x,\ m)$$

$$\Gamma_f^{\langle t \rangle} = \sigma\!\left(W_f\, \text{concat} + b_f\right)
  \qquad (n_a,\ m) \qquad \text{forget gate}$$

$$\Gamma_u^{\langle t \rangle} = \sigma\!\left(W_i\, \text{concat} + b_i\right)
  \qquad (n_a,\ m) \qquad \text{update gate}$$

$$\tilde c^{\langle t \rangle} = \tanh\!\left(W_c\, \text{concat} + b_c\right)
  \qquad (n_a,\ m) \qquad \text{candidate}$$

$$c^{\langle t \rangle} = \Gamma_f^{\langle t \rangle} * c^{\langle t-1 \rangle}
  + \Gamma_u^{\langle t \rangle} * \tilde c^{\langle t \rangle}
  \qquad (n_a,\ m) \qquad \text{long-term memory}$$

$$\Gamma_o^{\langle t \rangle} = \sigma\!\left(W_o\, \text{concat} + b_o\right)
  \qquad (n_a,\ m) \qquad \text{output gate}$$

$$a^{\langle t \rangle} = \Gamma_o^{\langle t \rangle} * \tanh\!\left(c^{\langle t \rangle}\right)
  \qquad (n_a,\ m) \qquad \text{short-term memory}$$

$$\hat y^{\langle t \rangle} = \mathrm{softmax}\!\left(W_y\, a^{\langle t \rangle} + b_y\right)
  \qquad (n_y,\ m) \qquad \text{prediction}$$

Every line of the code of `lstm_cell_forward` is one of these equations. It also returns a
`cache` with everything backward propagation will need (notebook 02): the previous states,
the four activations and the input. In the code, `ft`, `it`, `cct` and `ot` are
$\Gamma_f$, $\Gamma_u$, $\tilde c$ and $\Gamma_o$.
"""),
    code(r"""
show_source(lstm_np.lstm_cell_forward)
"""),
    md(es=r"""
Un paso con $m = 3$ secuencias a la vez. Las entradas son los tres primeros caracteres del
texto, uno por secuencia; los estados anteriores son aleatorios, como si cada secuencia
viniera ya de leer algo.
""", en=r"""
One step with $m = 3$ sequences at once. The inputs are the first three characters of the
text, one per sequence; the previous states are random, as if each sequence had already
read something.
"""),
    code(r"""
rng = np.random.default_rng(0)
m = 3
xt = lstm_np.one_hot(vocab.encode(text[:m])[:, None], n_x)[:, :, 0]   # (n_x, m)
a_prev = np.tanh(rng.standard_normal((n_a, m)))                        # (n_a, m), in (-1, 1)
c_prev = rng.standard_normal((n_a, m))                                 # (n_a, m)

a_next, c_next, yt_pred, cache = lstm_np.lstm_cell_forward(xt, a_prev, c_prev, parameters)
_, _, _, _, ft, it, cct, ot, _, _ = cache

shapes = {"xt": xt, "a_prev": a_prev, "c_prev": c_prev,
          "concat": np.concatenate((a_prev, xt), axis=0),
          "Γ_f (ft)": ft, "Γ_u (it)": it, "c̃ (cct)": cct, "Γ_o (ot)": ot,
          "c_next": c_next, "a_next": a_next, "ŷ (yt_pred)": yt_pred}
for name, value in shapes.items():
    print(f"{str(value.shape):10s} {name}")
print()
print("Σ_k ŷ[k, i] =", yt_pred.sum(axis=0).round(4))
for name, gate in (("Γ_f", ft), ("Γ_u", it), ("Γ_o", ot)):
    print(f"{name}: mean = {gate.mean():.4f}, min = {gate.min():.4f}, max = {gate.max():.4f}")
print("c_next == Γ_f*c_prev + Γ_u*c̃:", np.allclose(c_next, ft * c_prev + it * cct))
"""),
    md(es=r"""
Cada columna de $\hat y$ suma 1: es una distribución sobre los $n_y$ caracteres, una por
secuencia del lote. Las compuertas de una red sin entrenar se reparten a ambos lados de 0.5,
con una media casi exacta de 0.5: con pesos simétricos alrededor de 0 y sesgos nulos, la
sigmoide no tiene preferencia por abrir ni por cerrar ($\sigma(0) = 0.5$). Aquí se alejan
bastante de 0.5 porque los estados anteriores que inventamos son grandes; en la sección 6,
partiendo de estados nulos, quedan mucho más cerca.
""", en=r"""
Every column of $\hat y$ adds up to 1: it is a distribution over the $n_y$ characters, one
per sequence of the batch. The gates of an untrained network spread on both sides of 0.5,
with a mean very close to 0.5: with weights symmetric around 0 and zero biases, the sigmoid
has no preference for opening or closing ($\sigma(0) = 0.5$). Here they stray quite far
from 0.5 because the previous states we made up are large; in section 6, starting from zero
states, they stay much closer.
"""),

    # ------------------------------------------------------------------------------------
    # 6. The unrolled network
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 6. La red desplegada: `lstm_forward`

`lstm_forward` es la celda dentro de un bucle sobre el tiempo: en el paso $t$ lee
$x^{\langle t \rangle}$ = `x[:, :, t]`, le pasa los estados que dejó el paso anterior y guarda
$a^{\langle t \rangle}$, $c^{\langle t \rangle}$ e $\hat y^{\langle t \rangle}$ en la columna
$t$ de tres arreglos $(n, m, T_x)$. Ese bucle *es* la recurrencia. El estado oculto inicial
$a^{\langle 0 \rangle}$ se pasa como argumento (`a0`) y la memoria inicial
$c^{\langle 0 \rangle}$ es cero salvo que se pase `c0` (el entrenamiento por ventanas
consecutivas del cuaderno 05 la usa para no empezar cada ventana de cero).

Como el original, usamos ventanas de $T_x = 25$ caracteres: la red lee 25 caracteres y, en
cada uno, predice el siguiente.
""", en=r"""
## 6. The unrolled network: `lstm_forward`

`lstm_forward` is the cell inside a loop over time: at step $t$ it reads
$x^{\langle t \rangle}$ = `x[:, :, t]`, hands it the states left by the previous step and
stores $a^{\langle t \rangle}$, $c^{\langle t \rangle}$ and $\hat y^{\langle t \rangle}$ in
column $t$ of three $(n, m, T_x)$ arrays. That loop *is* the recurrence. The initial hidden
state $a^{\langle 0 \rangle}$ is an argument (`a0`) and the initial memory
$c^{\langle 0 \rangle}$ is zero unless `c0` is given (the training on consecutive windows of
notebook 05 uses it so as not to start every window from scratch).

Like the original, we use windows of $T_x = 25$ characters: the network reads 25 characters
and, at each one, predicts the next.
"""),
    code(r"""
show_source(lstm_np.lstm_forward)
"""),
    md(es=r"""
Tomamos dos ventanas del texto ($m = 2$): el principio del libro y el centro. La entrada
`X` son los índices de 25 caracteres; el objetivo `Y`, los 25 caracteres siguientes (la
misma ventana desplazada una posición).
""", en=r"""
We take two windows of the text ($m = 2$): the beginning of the book and its middle. The
input `X` holds the indices of 25 characters; the target `Y`, the 25 characters that follow
(the same window shifted by one position).
"""),
    code(r"""
T_x, m = 25, 2
starts = [0, len(text) // 2]
ix_text = vocab.encode(text)
X = np.stack([ix_text[s:s + T_x] for s in starts])            # (m, T_x) inputs
Y = np.stack([ix_text[s + 1:s + T_x + 1] for s in starts])    # (m, T_x) next characters
for s in starts:
    print(f"{text[s:s + T_x]!r} -> {text[s + 1:s + T_x + 1]!r}")

x = lstm_np.one_hot(X, n_x)                                   # (n_x, m, T_x)
a0 = np.zeros((n_a, m))
a, y, c, caches = lstm_np.lstm_forward(x, a0, parameters)
print()
print("x:", x.shape, " a:", a.shape, " y:", y.shape, " c:", c.shape)
print("len(caches[0]) =", len(caches[0]))
"""),
    md(es=r"""
**¿Qué tan buena es esta predicción?** Lo medimos con la entropía cruzada: el menos
logaritmo de la probabilidad que la red dio al carácter que de verdad venía, en promedio
sobre las $m$ secuencias y los $T_x$ pasos,

$$L = -\frac{1}{m\,T_x} \sum_{i=1}^{m} \sum_{t=1}^{T_x}
      \log \hat y^{\langle t \rangle}_{Y_{i,t},\ i} \qquad \text{(nats por carácter)}.$$

El original sumaba sobre los pasos de una sola secuencia; el paquete promedia por carácter,
así que el número no depende de $T_x$ ni de $m$ y se puede comparar con una referencia
sencilla: quien adivina **al azar**, con probabilidad $1/n_y$ para cada carácter, obtiene
$L = -\log(1/n_y) = \ln n_y$.
""", en=r"""
**How good is this prediction?** We measure it with the cross-entropy: minus the logarithm
of the probability the network gave to the character that really came next, averaged over
the $m$ sequences and the $T_x$ steps,

$$L = -\frac{1}{m\,T_x} \sum_{i=1}^{m} \sum_{t=1}^{T_x}
      \log \hat y^{\langle t \rangle}_{Y_{i,t},\ i} \qquad \text{(nats per character)}.$$

The original summed over the steps of a single sequence; the package averages per
character, so the number depends neither on $T_x$ nor on $m$ and can be compared with a
simple baseline: someone who guesses **uniformly**, with probability $1/n_y$ for every
character, gets $L = -\log(1/n_y) = \ln n_y$.
"""),
    code(r"""
loss_untrained = lstm_np.compute_loss(y, Y)
print(f"{tr('untrained_net', LANG)}: L = {loss_untrained:.4f} nats"
      f" = {lstm_np.nats_to_bits(loss_untrained):.4f} bits")
print(f"{tr('uniform_guess', LANG)}: ln(n_y) = {np.log(n_y):.4f} nats"
      f" = {np.log2(n_y):.4f} bits")
print(f"1/n_y = {1 / n_y:.4f}   ŷ ∈ ({y.min():.4f}, {y.max():.4f})")
scores = np.einsum("ya,amt->ymt", parameters["Wy"], a) + parameters["by"][:, :, None]
print(f"std(a) = {a.std():.4f}   std(W_y a + b_y) = {scores.std():.4f}")
"""),
    md(es=r"""
La red sin entrenar está prácticamente en el nivel del azar, y es lo esperado. Los sesgos son
0 y los pesos pequeños, así que las compuertas rondan 0.5 y los estados ocultos son pequeños;
las puntuaciones $W_y a^{\langle t \rangle} + b_y$ quedan todas cerca de 0 y la softmax de
un vector casi constante es casi uniforme: cada carácter recibe más o menos $1/n_y$. Entonces
cada término de la pérdida vale aproximadamente $-\log(1/n_y) = \ln n_y$. Una
inicialización sana *debe* empezar así: sin opiniones, en lugar de equivocarse con
seguridad (lo que daría una pérdida mayor que $\ln n_y$). Entrenar consiste en bajar desde
ahí.
""", en=r"""
The untrained network is practically at chance level, as expected. The biases are 0 and the
weights small, so the gates hover around 0.5 and the hidden states are small; the scores
$W_y a^{\langle t \rangle} + b_y$ all stay close to 0, and the softmax of an almost constant
vector is almost uniform: every character gets roughly $1/n_y$. So every term of the loss is
about $-\log(1/n_y) = \ln n_y$. A healthy initialisation *should* start like this: with no
opinions, rather than confidently wrong (which would give a loss above $\ln n_y$). Training
is the way down from there.
"""),

    # ------------------------------------------------------------------------------------
    # 7. The gates of the pretrained network
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 7. Las compuertas de una red entrenada

El repositorio trae una red ya entrenada sobre este mismo texto (cómo se entrena, en el
cuaderno 05). Tiene la misma forma que la nuestra y el mismo vocabulario. La miramos leer
una frase que **nunca vio** durante el entrenamiento: la tomamos de la última décima parte
del texto, que se reserva para la validación (`split_text`).
""", en=r"""
## 7. The gates of a trained network

The repository ships a network already trained on this same text (how it is trained is the
subject of notebook 05). It has the same shape as ours and the same vocabulary. We watch it
read a sentence it **never saw** during training: we take it from the last tenth of the
text, which is held out for validation (`split_text`).
"""),
    code(r"""
model = load_pretrained(LANG)
print("n_a, n_x, n_y =", sizes(model.parameters))
print(model.vocab == vocab)

val_text = split_text(text)[1]                  # the held-out last tenth of the book
start = val_text.index(". ") + 2                # the first sentence that begins in it
sentence = val_text[start:start + 60]
sentence = sentence[:sentence.rfind(" ")]       # end on a whole word
print(repr(sentence), len(sentence))
"""),
    md(es=r"""
`gate_activations` pasa la frase por la celda carácter a carácter (con $m = 1$ y estados
iniciales en cero: es `lstm_cell_forward` llamada una vez por carácter) y guarda
$\Gamma_f$, $\Gamma_u$, $\tilde c$, $\Gamma_o$, $c$ y $a$ después de cada carácter, cada uno
como una matriz $(n_a, T)$.

En la figura, cada fila es una unidad oculta (las 20 primeras de 100) y cada columna un
carácter de la frase. Las compuertas van de 0 (morado, cerrada) a 1 (amarillo, abierta); la
memoria $c$ usa rojo para valores positivos y azul para negativos.
""", en=r"""
`gate_activations` runs the sentence through the cell one character at a time (with $m = 1$
and zero initial states: it is `lstm_cell_forward` called once per character) and keeps
$\Gamma_f$, $\Gamma_u$, $\tilde c$, $\Gamma_o$, $c$ and $a$ after each character, each as an
$(n_a, T)$ matrix.

In the figure each row is a hidden unit (the first 20 of 100) and each column a character
of the sentence. The gates go from 0 (purple, closed) to 1 (yellow, open); the memory $c$
uses red for positive values and blue for negative ones.
"""),
    code(r"""
record = gate_activations(model.parameters, model.vocab, sentence)
print({key: value.shape for key, value in record.items()})
fig = plots.plot_gates(record, sentence, lang=LANG)
"""),
    md(es=r"""
Antes de leer la figura, una cifra para compararla con la red sin entrenar: qué fracción
de los valores de cada compuerta está **saturada**, es decir, fuera de $[0.1, 0.9]$ (casi
cerrada o casi abierta del todo), y el mayor $|c|$ que alcanza la memoria sobre esta frase.
""", en=r"""
Before reading the figure, one number to compare it with the untrained network: which
fraction of each gate's values is **saturated**, that is, outside $[0.1, 0.9]$ (almost fully
closed or fully open), and the largest $|c|$ the memory reaches over this sentence.
"""),
    code(r"""
record_untrained = gate_activations(parameters, vocab, sentence)
print(" " * 20 + "".join(f"{g + ' ∉ [0.1, 0.9]':>17s}" for g in ("Γ_f", "Γ_u", "Γ_o"))
      + "   max|c|")
for name, rec in ((tr("untrained_net", LANG), record_untrained),
                  (tr("pretrained_net", LANG), record)):
    saturated = [np.mean((rec[g] < 0.1) | (rec[g] > 0.9)) for g in ("f", "u", "o")]
    print(f"{name:20s}" + "".join(f"{v:17.2f}" for v in saturated)
          + f"{np.abs(rec['c']).max():10.2f}")
"""),
    md(es=r"""
**Qué se ve.**

- *Decisiones claras.* En la red sin entrenar casi ningún valor de las compuertas sale de
  $[0.1, 0.9]$: todas rondan 0.5. En la entrenada abundan los colores extremos, morado y
  amarillo: muchas compuertas están casi cerradas o casi abiertas del todo. En cada carácter
  la red decide qué borrar, qué escribir y qué mostrar.
- *Unidades que recuerdan.* Algunas filas de $\Gamma_f$ son amarillas durante casi toda la
  frase: esas unidades apenas olvidan. La celda siguiente las busca entre las 20 del
  dibujo. En el panel de $c$ son las franjas largas de un mismo color: su memoria crece
  durante las primeras palabras y después se mantiene grande. Otras unidades cambian casi
  en cada carácter: siguen lo local, como la letra que acaban de leer.
- *Escalas distintas.* Las compuertas viven en $[0, 1]$, pero $c$ no está acotada: va
  sumando $\Gamma_u * \tilde c$ paso a paso y llega a valores de varias unidades (mira la
  barra de color). Solo $\tanh(c)$, lo que sale hacia $a$, vuelve a $(-1, 1)$.

Nadie programó estos comportamientos: salen del entrenamiento, del que tratan los cuadernos
02 a 05.
""", en=r"""
**What to look at.**

- *Clear decisions.* In the untrained network hardly any gate value leaves $[0.1, 0.9]$:
  they all hover around 0.5. In the trained one the extreme colours, purple and yellow,
  dominate: many gates are almost fully closed or fully open. At every character the network
  decides what to wipe, what to write and what to show.
- *Units that remember.* Some rows of $\Gamma_f$ stay yellow for almost the whole
  sentence: those units hardly forget. The next cell finds them among the 20 in the
  picture. In the $c$ panel they are the long stripes of one colour: their memory grows
  during the first words and then stays large. Other units change at almost every
  character: they follow local things, such as the letter just read.
- *Different scales.* Gates live in $[0, 1]$, but $c$ is not bounded: it keeps adding
  $\Gamma_u * \tilde c$ step after step and reaches values of several units (see the colour
  bar). Only $\tanh(c)$, what goes out towards $a$, is brought back into $(-1, 1)$.

Nobody programmed these behaviours: they come out of training, the subject of notebooks 02
to 05.
"""),
    code(r"""
keeps = (record["f"][:20] > 0.9).mean(axis=1)   # how often each drawn unit keeps its memory
for j in np.argsort(-keeps, kind="stable")[:3]:
    print(f"j = {j:2d}   P(Γ_f > 0.9) = {keeps[j]:.2f}   c[j, ::10] =",
          record["c"][j, ::10].round(1))
"""),
    md(es=r"""
Por último, la prueba numérica de que la red aprendió algo: la pérdida de las dos redes
sobre esta misma frase (cada carácter predice el siguiente), frente al azar.
""", en=r"""
Finally, the numerical proof that the network learnt something: the loss of both networks
on this same sentence (each character predicts the next), against chance.
"""),
    code(r"""
X_s = model.vocab.encode(sentence[:-1])[None, :]            # (1, T - 1) inputs
Y_s = model.vocab.encode(sentence[1:])[None, :]             # (1, T - 1) next characters
x_s = lstm_np.one_hot(X_s, n_x)
for name, params in ((tr("untrained_net", LANG), parameters),
                     (tr("pretrained_net", LANG), model.parameters)):
    n_a_net = sizes(params)[0]
    _, y_s, _, _ = lstm_np.lstm_forward(x_s, np.zeros((n_a_net, 1)), params)
    loss = lstm_np.compute_loss(y_s, Y_s)
    print(f"{name:22s} L = {loss:.4f} nats = {lstm_np.nats_to_bits(loss):.4f} bits")
print(f"{tr('uniform_guess', LANG):22s} L = {np.log(n_y):.4f} nats = {np.log2(n_y):.4f} bits")
"""),

    # ------------------------------------------------------------------------------------
    # Summary and exercises
    # ------------------------------------------------------------------------------------
    md(es=r"""
## Resumen

- El texto se convierte en índices de un vocabulario de $n_x = n_y$ caracteres y en
  vectores one-hot de forma $(n_x, m, T_x)$.
- Una celda LSTM calcula tres compuertas (olvido, actualización, salida) y un candidato a
  partir de $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$; con ellos actualiza la
  memoria a largo plazo $c$ y la de corto plazo $a$, y predice con una softmax.
- La red desplegada es esa celda en un bucle sobre $T_x$ pasos, con los mismos parámetros.
- Una red recién inicializada predice casi al azar ($L \approx \ln n_y$); una entrenada baja
  claramente de ahí. En el cuaderno 02 calculamos los gradientes que permiten bajar.

## Ejercicios

1. **Sesgo de olvido.** Es habitual inicializar $b_f = 1$ para que, al principio, la red
   tienda a recordar. Copia `parameters`, pon `bf` a 1 y repite el paso de la celda de la
   sección 5: ¿alrededor de qué valor queda ahora $\Gamma_f$? ¿Por qué (calcula
   $\sigma(1)$)? ¿Cambia mucho la pérdida inicial de la sección 6?
2. **Una mala escala.** Multiplica `parameters["Wy"]` por 20 y vuelve a calcular la pérdida
   de la red sin entrenar. ¿Sube o baja respecto a $\ln n_y$? Explica con la softmax por qué
   una red que «opina» con fuerza sin saber nada empieza peor que una que no opina.
3. **El lote no mezcla secuencias.** Ejecuta `lstm_forward` sobre cada una de las dos
   ventanas de la sección 6 por separado ($m = 1$) y comprueba con `np.allclose` que obtienes
   las mismas columnas de `y` que con $m = 2$. ¿Qué operación de la celda podría mezclar las
   columnas si estuviera mal escrita? (Pista: la softmax de la sección 3.)
4. **La softmax no cambia al desplazar.** Demuestra que
   $\mathrm{softmax}(z + k) = \mathrm{softmax}(z)$ para cualquier número $k$ y compruébalo
   con `lstm_np.softmax`. ¿Y si multiplicas $z$ por 2, o lo divides por 2? Anota lo que pasa:
   es la *temperatura* del cuaderno 04.
5. **Tu propia frase.** Escribe una frase (solo con caracteres del vocabulario), pásala por
   `gate_activations` con la red preentrenada y dibújala con
   `plots.plot_gates(record, frase, lang=LANG, units=40, keys=("cc", "a"))`. Busca una unidad
   que cambie de color al llegar a cada espacio o a cada coma.
""", en=r"""
## Summary

- The text becomes indices into a vocabulary of $n_x = n_y$ characters, and one-hot vectors
  of shape $(n_x, m, T_x)$.
- An LSTM cell computes three gates (forget, update, output) and a candidate from
  $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$; with them it updates the long-term
  memory $c$ and the short-term memory $a$, and predicts with a softmax.
- The unrolled network is that cell in a loop over $T_x$ steps, with the same parameters.
- A freshly initialised network predicts almost at chance ($L \approx \ln n_y$); a trained
  one is clearly below. In notebook 02 we compute the gradients that make the descent
  possible.

## Exercises

1. **Forget bias.** It is common to initialise $b_f = 1$ so that, at first, the network
   tends to remember. Copy `parameters`, set `bf` to 1 and repeat the cell step of
   section 5: around which value does $\Gamma_f$ sit now? Why (compute $\sigma(1)$)? Does
   the initial loss of section 6 change much?
2. **A bad scale.** Multiply `parameters["Wy"]` by 20 and compute the loss of the untrained
   network again. Does it go up or down relative to $\ln n_y$? Use the softmax to explain
   why a network that has strong opinions while knowing nothing starts worse than one with
   no opinions.
3. **The batch does not mix sequences.** Run `lstm_forward` on each of the two windows of
   section 6 separately ($m = 1$) and check with `np.allclose` that you get the same columns
   of `y` as with $m = 2$. Which operation of the cell could mix the columns if it were
   written wrongly? (Hint: the softmax of section 3.)
4. **Softmax ignores shifts.** Prove that $\mathrm{softmax}(z + k) = \mathrm{softmax}(z)$
   for any number $k$, and check it with `lstm_np.softmax`. What if you multiply $z$ by 2,
   or divide it by 2? Note what happens: it is the *temperature* of notebook 04.
5. **Your own sentence.** Write a sentence (with vocabulary characters only), run it
   through `gate_activations` with the pretrained network and draw it with
   `plots.plot_gates(record, sentence, lang=LANG, units=40, keys=("cc", "a"))`. Look for a
   unit that changes colour at every space or every comma.
"""),
]
