"""Lesson 01: forward propagation.

Characters to one-hot vectors, sigmoid and softmax, initialisation, one cell step, the
network unrolled over T_x steps, and the gates of the pretrained network on a real sentence.
The student writes sigmoid, softmax, lstm_cell_forward and lstm_forward.
"""
from tools.nbsource import after_class, blank, code, guide, md, notes, settings, slide

CELLS = [
    # ------------------------------------------------------------------------------------
    # Title, objective, where it comes from, the series
    # ------------------------------------------------------------------------------------
    md(es=r"""
# 01 · Propagación hacia delante: una LSTM de caracteres con numpy

**Objetivo.** Construir una red recurrente LSTM (siglas en inglés de *Long Short-Term
Memory*, memoria a corto plazo de larga duración) solo con numpy.
La red lee un texto carácter a carácter y, después de cada uno, da una probabilidad a cada
carácter que puede venir a continuación. En esta lección la red todavía no aprende: solo
**predice**.

**De dónde viene.** La serie parte de un cuaderno en español que programa una LSTM de
caracteres con numpy y la entrena con *La metamorfosis* de Kafka: lo llamamos **el cuaderno
original**. Sus decisiones tienen dos fuentes, y las mantenemos. $n_a = 100$ unidades,
ventanas de $T_x = 25$ caracteres, el recorte del gradiente en 5 y la pérdida suavizada
vienen de *min-char-rnn*, de Andrej Karpathy. Los nombres de las funciones
(`lstm_cell_forward`, `lstm_forward`, ...) y la notación $\Gamma$ de las compuertas vienen
del ejercicio «construye una red recurrente paso a paso» de la especialización en
aprendizaje profundo de Andrew Ng en Coursera.
""", en=r"""
# 01 · Forward propagation: a character-level LSTM with numpy

**Objective.** Build an LSTM (*Long Short-Term Memory*) recurrent network with numpy only.
The network reads a text one character at a time and, after each one, gives a probability to
every character that may come next. In this lesson the network does not learn yet: it only
**predicts**.

**Where it comes from.** The series grew out of a Spanish notebook that writes a
character-level LSTM in numpy and trains it on Kafka's *The Metamorphosis*: we call it
**the original notebook**. Its choices have two sources, and we keep them. $n_a = 100$
units, windows of $T_x = 25$ characters, gradient clipping at 5 and the smoothed loss come
from Andrej Karpathy's *min-char-rnn*. The function names (`lstm_cell_forward`,
`lstm_forward`, ...) and the $\Gamma$ notation of the gates come from the assignment
*Building a Recurrent Neural Network: Step by Step* of Andrew Ng's Deep Learning
Specialization on Coursera.
"""),
    slide(es=r"""
# 01 · Propagación hacia delante: una LSTM de caracteres con numpy

- Una red que lee un texto carácter a carácter y **predice** el siguiente
- Hoy solo predice: aprender empieza en la lección 02
- Solo numpy: el paquete `lstm_np`, con su código a la vista
- En clase escribes `sigmoid`, `softmax` y `lstm_cell_forward`
""", en=r"""
# 01 · Forward propagation: a character-level LSTM with numpy

- A network that reads a text one character at a time and **predicts** the next
- Today it only predicts: learning starts in lesson 02
- numpy only: the package `lstm_np`, its code in plain view
- In class you write `sigmoid`, `softmax` and `lstm_cell_forward`
"""),
    md(es=r"""
| lección | contenido |
|---|---|
| **01 · propagación hacia delante** | vectores one-hot, sigmoide y softmax, una celda, la red desplegada |
| 02 · la pérdida y una celda hacia atrás | entropía cruzada, la regla de la cadena compuerta por compuerta |
| 03 · BPTT y la comprobación del gradiente | retropropagación en el tiempo, diferencias finitas |
| 04 · Adam | recorte del gradiente, Adam, SGD contra Adam |
| 05 · muestreo | temperatura y top-k, con deslizadores |
| 06 · entrenamiento | épocas, flujos paralelos, validación, puntos de control, por qué se guarda $t$ |
| 07 · dentro de la red | activaciones de las compuertas, saturación, unidades interpretables |
| 08 · el puente a PyTorch | la misma red en `nn.LSTM`, los gradientes de *autograd* |

**Cómo usar las lecciones.** Ejecuta las celdas en orden, de arriba abajo; cada lección
funciona sola. El código vive en el paquete `lstm_np`: las lecciones lo importan y
`show_source(...)` muestra su código real junto a las matemáticas. En el cuaderno del
estudiante (carpeta `exercises/`) escribes tú las funciones, en los huecos. Cada lección tiene
dos partes: la clase, de 50 minutos, y lo que empieza en el encabezado **Después de clase**
(lectura, tareas y laboratorio).

**Notación.** Los vectores son columnas; $\langle t \rangle$ es el paso de tiempo; $m$ es el
número de secuencias que se procesan a la vez (el lote). Los arrays tienen forma
$(n, m, T_x)$.
""",  # noqa: E501
       en=r"""
| lesson | contents |
|---|---|
| **01 · forward propagation** | one-hot vectors, sigmoid and softmax, one cell, the unrolled network |
| 02 · the loss and one cell backward | cross-entropy, the chain rule gate by gate |
| 03 · BPTT and the gradient check | backpropagation through time, finite differences |
| 04 · Adam | gradient clipping, Adam, SGD against Adam |
| 05 · sampling | temperature and top-k, with sliders |
| 06 · training | epochs, parallel streams, validation, checkpoints, why $t$ is saved |
| 07 · inside the network | gate activations, saturation, interpretable units |
| 08 · the bridge to PyTorch | the same network in `nn.LSTM`, *autograd*'s gradients |

**How to use the lessons.** Run the cells in order, top to bottom; each lesson runs on its
own. The code lives in the package `lstm_np`: the lessons import it, and `show_source(...)`
displays its real code beside the maths. In the student notebook (folder `exercises/`) you
write the functions yourself, in the blanks. Every lesson has two parts: the class, 50
minutes, and what starts at the heading **After class** (reading, homework and labs).

**Notation.** Vectors are columns; $\langle t \rangle$ is the time step; $m$ is the number of
sequences processed together (the batch). Arrays have shape $(n, m, T_x)$.
""", slide="subslide"),  # noqa: E501
    settings(),
    code(r"""
import numpy as np

import lstm_np
from lstm_np import lstm_cell_forward, lstm_forward, sigmoid, softmax
from lstm_np.lessons import plots
from lstm_np.storage.corpus import load_corpus
from lstm_np.i18n import tr
from lstm_np.lessons.notebook import show_source
""", slide="skip"),
    notes(es=r"""
**2 min.** Presenta el objetivo y la tabla: hoy solo predicción; aprender empieza en la 02.
Cuenta de dónde vienen $n_a = 100$, $T_x = 25$ y los nombres: quien haya hecho el curso de
Ng reconocerá `lstm_cell_forward`. Ejecuta las dos primeras celdas en vivo.
""", en=r"""
**2 min.** Present the objective and the table: today only prediction; learning starts in
02. Say where $n_a = 100$, $T_x = 25$ and the names come from: anyone who took Ng's course
will recognise `lstm_cell_forward`. Run the first two cells live.
"""),

    # ------------------------------------------------------------------------------------
    # 1. The network and its cell
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 1. La red y su celda

Una red recurrente lee una secuencia paso a paso y lleva consigo un resumen de lo leído.
Desplegada en el tiempo es *una sola* celda, con los mismos parámetros $W, b$, repetida
$T_x$ veces. En cada paso recibe un carácter $x^{\langle t \rangle}$ y los dos estados del
paso anterior, y predice $\hat y^{\langle t \rangle}$, el carácter siguiente. Si la entrada
es «gregori», el objetivo es «regorio»: el mismo texto desplazado una posición.

![La red LSTM desplegada en el tiempo](../../img/lstm_unrolled_es.png)
""", en=r"""
## 1. The network and its cell

A recurrent network reads a sequence step by step and carries along a summary of what it
has read. Unrolled in time it is *one* cell, with the same parameters $W, b$, repeated $T_x$
times. At every step it takes a character $x^{\langle t \rangle}$ and the two states of the
previous step, and predicts $\hat y^{\langle t \rangle}$, the next character. If the input is
"gregori", the target is "regorio": the same text shifted by one position.

![The LSTM network unrolled in time](../../img/lstm_unrolled_en.png)
"""),
    slide(es=r"""
## 1. La red y su celda

![La red LSTM desplegada en el tiempo](../../img/lstm_unrolled_es.png)

- Una sola celda, con los mismos $W, b$, repetida $T_x$ veces
- Entrada «gregori», objetivo «regorio»: el texto desplazado una posición
""", en=r"""
## 1. The network and its cell

![The LSTM network unrolled in time](../../img/lstm_unrolled_en.png)

- One cell, with the same $W, b$, repeated $T_x$ times
- Input "gregori", target "regorio": the text shifted by one position
"""),
    slide(es=r"""
### Dentro de la celda

![Una celda LSTM](../../img/lstm_cell_es.png)

- $c^{\langle t \rangle}$: memoria a largo plazo, casi intacta de paso en paso
- $a^{\langle t \rangle}$: memoria a corto plazo; de ella sale la predicción
""", en=r"""
### Inside the cell

![An LSTM cell](../../img/lstm_cell_en.png)

- $c^{\langle t \rangle}$: long-term memory, almost untouched from step to step
- $a^{\langle t \rangle}$: short-term memory; the prediction comes from it
"""),
    slide(es=r"""
### Las compuertas: números entre 0 y 1 que multiplican

- **Olvido** $\Gamma_f$: qué se conserva de $c^{\langle t-1 \rangle}$
- **Candidato** $\tilde c^{\langle t \rangle}$: lo que se podría escribir, entre $-1$ y $1$
- **Actualización** $\Gamma_u$: cuánto del candidato se escribe
- **Salida** $\Gamma_o$: qué parte de la memoria sale

$$c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle}
  + \Gamma_u * \tilde c^{\langle t \rangle}
  \qquad a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$$
""", en=r"""
### The gates: numbers between 0 and 1 that multiply

- **Forget** $\Gamma_f$: what is kept of $c^{\langle t-1 \rangle}$
- **Candidate** $\tilde c^{\langle t \rangle}$: what might be written, between $-1$ and $1$
- **Update** $\Gamma_u$: how much of the candidate is written
- **Output** $\Gamma_o$: which part of the memory goes out

$$c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle}
  + \Gamma_u * \tilde c^{\langle t \rangle}
  \qquad a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$$
"""),
    md(es=r"""
### Dentro de la celda

![Una celda LSTM](../../img/lstm_cell_es.png)

- $c^{\langle t \rangle}$, la **memoria a largo plazo** (el *estado de la celda*): la línea
  roja que cruza la celda. En su camino solo hay una multiplicación y una suma, así que la
  información puede viajar muchos pasos casi intacta.
- $a^{\langle t \rangle}$, la **memoria a corto plazo** (el *estado oculto*): lo que la celda
  deja ver en este paso. De ahí sale la predicción, y alimenta las compuertas del paso
  siguiente.
""", en=r"""
### Inside the cell

![An LSTM cell](../../img/lstm_cell_en.png)

- $c^{\langle t \rangle}$, the **long-term memory** (the *cell state*): the red line that
  crosses the cell. On its way there is only one multiplication and one addition, so
  information can travel many steps almost untouched.
- $a^{\langle t \rangle}$, the **short-term memory** (the *hidden state*): what the cell
  shows at this step. The prediction is made from it, and it feeds the gates of the next
  step.
"""),
    md(es=r"""
### Las compuertas

Una **compuerta** es un vector de $n_a$ números entre 0 y 1 (la salida de una sigmoide) que
multiplica elemento a elemento a otro vector: un 0 cierra el paso, un 1 lo deja pasar
entero. Las tres compuertas y el candidato miran lo mismo, la concatenación
$[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$, cada uno con sus propios pesos.

1. **Olvido** $\Gamma_f$: qué parte de $c^{\langle t-1 \rangle}$ se conserva
   ($\Gamma_f \approx 1$) o se borra ($\Gamma_f \approx 0$).
2. **Candidato** $\tilde c^{\langle t \rangle}$: información nueva, entre $-1$ y $1$ (sale
   de una $\tanh$). No es una compuerta: es el contenido que se podría escribir.
3. **Actualización** $\Gamma_u$: cuánto del candidato se escribe,
   $c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle} + \Gamma_u * \tilde c^{\langle t \rangle}$.
   Sus pesos se llaman $W_i, b_i$ (la *i* de compuerta de entrada, su otro nombre).
4. **Salida** $\Gamma_o$: qué parte de la memoria sale,
   $a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$.

**Predicción:**
$\hat y^{\langle t \rangle} = \mathrm{softmax}(W_y a^{\langle t \rangle} + b_y)$, un vector
de $n_y$ probabilidades, una por carácter del vocabulario, que suman 1.
""",  # noqa: E501
       en=r"""
### The gates

A **gate** is a vector of $n_a$ numbers between 0 and 1 (the output of a sigmoid) that
multiplies another vector element by element: a 0 shuts the way, a 1 lets everything
through. The three gates and the candidate all look at the same thing, the concatenation
$[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$, each with its own weights.

1. **Forget** $\Gamma_f$: which part of $c^{\langle t-1 \rangle}$ is kept
   ($\Gamma_f \approx 1$) or wiped ($\Gamma_f \approx 0$).
2. **Candidate** $\tilde c^{\langle t \rangle}$: new information, between $-1$ and $1$ (it
   comes out of a $\tanh$). It is not a gate: it is the content that might be written.
3. **Update** $\Gamma_u$: how much of the candidate is written,
   $c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle} + \Gamma_u * \tilde c^{\langle t \rangle}$.
   Its weights are called $W_i, b_i$ (the *i* of *input gate*, its other name).
4. **Output** $\Gamma_o$: which part of the memory goes out,
   $a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$.

**Prediction:**
$\hat y^{\langle t \rangle} = \mathrm{softmax}(W_y a^{\langle t \rangle} + b_y)$, a vector of
$n_y$ probabilities, one per character of the vocabulary, that add up to 1.
"""),  # noqa: E501
    md(es=r"""
### La celda, compuerta a compuerta

Construyamos la celda por partes, como Olah en «Understanding LSTM Networks» (2015), con
$n_a = 2$ unidades, $n_x = 2$ caracteres y números que se siguen a mano: $\sigma(0) = 0.5$,
$\sigma(2) \approx 0.88$, $\sigma(-2) \approx 0.12$, $\tanh(1) \approx 0.76$. Una red
recurrente simple tendría solo
$a^{\langle t \rangle} = \tanh(W [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b)$: en
cada paso reescribe todo su estado (las lecciones 03 y 06 la comparan con la LSTM). La LSTM
añade la memoria $c$ y tres decisiones sobre ella, cada una con su
$z = W [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b$:

1. **Olvidar**: $\Gamma_f * c^{\langle t-1 \rangle}$. La unidad 1 conserva su memoria; la 2
   casi la borra.
2. **Escribir**: sumar $\Gamma_u * \tilde c^{\langle t \rangle}$. La unidad 1 escribe poco;
   la 2, casi todo el candidato.
3. **Mostrar**: $a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$. La unidad 1
   muestra la mitad de $\tanh(c)$.

Aquí $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}] = [0.5, 0, 0, 1]$ (el segundo carácter),
$c^{\langle t-1 \rangle} = [1, -2]$ y los sesgos valen 0; cada $z$ es una fila de $W$ por esa
columna:
""", en=r"""
### The cell, one gate at a time

Let us build the cell in parts, as Olah does in "Understanding LSTM Networks" (2015), with
$n_a = 2$ units, $n_x = 2$ characters and numbers that can be followed by hand:
$\sigma(0) = 0.5$, $\sigma(2) \approx 0.88$, $\sigma(-2) \approx 0.12$,
$\tanh(1) \approx 0.76$. A simple recurrent network would have only
$a^{\langle t \rangle} = \tanh(W [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b)$: at
every step it rewrites its whole state (lessons 03 and 06 compare it with the LSTM). The LSTM
adds the memory $c$ and three decisions about it, each with its own
$z = W [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b$:

1. **Forget**: $\Gamma_f * c^{\langle t-1 \rangle}$. Unit 1 keeps its memory; unit 2 almost
   wipes it.
2. **Write**: add $\Gamma_u * \tilde c^{\langle t \rangle}$. Unit 1 writes little; unit 2,
   almost all of the candidate.
3. **Show**: $a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$. Unit 1 shows
   half of $\tanh(c)$.

Here $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}] = [0.5, 0, 0, 1]$ (the second
character), $c^{\langle t-1 \rangle} = [1, -2]$ and the biases are 0; each $z$ is a row of $W$
times that column:
""", slide="subslide"),
    slide(es=r"""
### La celda a mano: $n_a = 2$ unidades

$$[a^{\langle t-1 \rangle}; x^{\langle t \rangle}] = [0.5,\ 0,\ 0,\ 1], \qquad
  c^{\langle t-1 \rangle} = [1,\ -2], \qquad b = 0$$

- Cada $z = W [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$: una fila de $W$ por esa columna
- $\sigma(0) = 0.5$, $\sigma(2) \approx 0.88$, $\sigma(-2) \approx 0.12$, $\tanh(1) \approx 0.76$
- Calcula para la unidad 1: $\Gamma_f$, $\Gamma_u$, $c$ y $a$
""", en=r"""
### The cell by hand: $n_a = 2$ units

$$[a^{\langle t-1 \rangle}; x^{\langle t \rangle}] = [0.5,\ 0,\ 0,\ 1], \qquad
  c^{\langle t-1 \rangle} = [1,\ -2], \qquad b = 0$$

- Each $z = W [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$: a row of $W$ times that column
- $\sigma(0) = 0.5$, $\sigma(2) \approx 0.88$, $\sigma(-2) \approx 0.12$, $\tanh(1) \approx 0.76$
- Work out for unit 1: $\Gamma_f$, $\Gamma_u$, $c$ and $a$
""", code=r"""
W_f = [[2, 0, 0, 1], [0, 0, 0, -2]]
W_u = [[0, 0, 0, -2], [0, 0, 0, 2]]
W_c = [[0, 0, 0, 1], [2, 0, 0, 0]]
W_o = [[0, 0, 0, 0], [0, 0, 0, 2]]
""", notes_es=r"""
**Diapositiva «La celda a mano».** Deja 3 minutos: que cada uno calcule la unidad 1 con
lápiz antes de pasar a la siguiente diapositiva.
""", notes_en=r"""
**Slide "The cell by hand".** Give 3 minutes: everyone works out unit 1 with a pencil
before the next slide.
"""),
    code(r"""
def sig(z):
    return 1 / (1 + np.exp(-z))

#[es] columnas de cada W: [a1, a2, x1, x2]; n_a = 2 filas
#[en] columns of every W: [a1, a2, x1, x2]; n_a = 2 rows
W_tiny = {"f": np.array([[2.0, 0, 0, 1], [0, 0, 0, -2]]),
          "u": np.array([[0.0, 0, 0, -2], [0, 0, 0, 2]]),
          "c": np.array([[0.0, 0, 0, 1], [2, 0, 0, 0]]),
          "o": np.array([[0.0, 0, 0, 0], [0, 0, 0, 2]])}
concat_tiny = np.array([[0.5], [0.0], [0.0], [1.0]])     # [a_prev; x_t], (4, 1)
c_prev_tiny = np.array([[1.0], [-2.0]])
z = {g: W_tiny[g] @ concat_tiny for g in W_tiny}         # 4 × (2, 1)
#[es] Γ_f, Γ_u, Γ_o: sigmoides; el candidato c~: tanh
#[en] Γ_f, Γ_u, Γ_o: sigmoids; the candidate c~: tanh
gate = {g: np.tanh(z[g]) if g == "c" else sig(z[g]) for g in z}
c_tiny = gate["f"] * c_prev_tiny + gate["u"] * gate["c"]
a_tiny = gate["o"] * np.tanh(c_tiny)

rows = [("1)", "z_f", z["f"]), ("", "Γ_f", gate["f"]),
        ("", "Γ_f * c_prev", gate["f"] * c_prev_tiny),
        ("2)", "z_u", z["u"]), ("", "Γ_u", gate["u"]), ("", "c~", gate["c"]), ("", "c", c_tiny),
        ("3)", "z_o", z["o"]), ("", "Γ_o", gate["o"]), ("", "tanh(c)", np.tanh(c_tiny)),
        ("", "a", a_tiny)]
print(" " * 17 + "".join(f"{tr('unit_n', LANG).format(n=j):>10s}" for j in (1, 2)))
for step, name, value in rows:
    print(f"{step:3s}{name:14s}" + "".join(f"{v:10.2f}" for v in value.ravel()))
""", deck="output", mark="tiny"),
    md(es=r"""
La unidad 1 guarda su memoria casi entera y le añade poco: $c_1 \approx 0.88 + 0.12 \cdot
0.76 \approx 0.97$. La unidad 2 cambia de signo: olvida su $-2$ y escribe el candidato. Las
mismas cuentas, con $n_a = 100$ unidades y un lote de $m$ columnas, son `lstm_cell_forward`
(sección 5).
""", en=r"""
Unit 1 keeps its memory almost whole and adds little to it: $c_1 \approx 0.88 + 0.12 \cdot
0.76 \approx 0.97$. Unit 2 changes sign: it forgets its $-2$ and writes the candidate. The
same sums, with $n_a = 100$ units and a batch of $m$ columns, are `lstm_cell_forward`
(section 5).
""", slide="fragment"),
    slide(es=r"""
### Olvidar, escribir, mostrar

- Unidad 1: conserva su memoria y escribe poco,
  $c_1 \approx 0.88 + 0.12 \cdot 0.76 \approx 0.97$
- Unidad 2: olvida su $-2$ y escribe el candidato; cambia de signo
""", en=r"""
### Forget, write, show

- Unit 1 keeps its memory and writes little,
  $c_1 \approx 0.88 + 0.12 \cdot 0.76 \approx 0.97$
- Unit 2 forgets its $-2$ and writes the candidate: it changes sign
""", show="tiny"),
    notes(es=r"""
**12 min.** Proyecta las dos figuras (la red desplegada, la celda) y recorre la lista de
las compuertas (5 minutos). El ejemplo de $n_a = 2$ sustituye al dibujo de la celda en la
pizarra: deja 3 minutos para que calculen a mano la unidad 1 ($\Gamma_f$, $\Gamma_u$, $c$,
$a$) con los valores de $\sigma$ y $\tanh$ del texto, y ejecuta la celda para comparar (2
minutos). Preguntas (2 minutos):
- *¿Por qué una sigmoide para las compuertas y una $\tanh$ para el candidato?* La compuerta
  es una proporción (entre 0 y 1); el candidato es contenido, que puede sumar o restar.
- *¿Cuántas celdas distintas hay en la red desplegada?* Una sola: los mismos $W, b$ en los
  $T_x$ pasos.
- *Si $\Gamma_f = 1$ y $\Gamma_u = 0$ siempre, ¿qué pasa con $c$?* No cambia nunca: memoria
  perfecta.

Error habitual: confundir $a$ (lo que se muestra) con $c$ (lo que se guarda), o pensar que
$\tilde c$ es una compuerta.
""", en=r"""
**12 min.** Project the two figures (the unrolled network, the cell) and go through the
list of gates (5 minutes). The $n_a = 2$ example replaces drawing the cell on the board: give
3 minutes to compute unit 1 by hand ($\Gamma_f$, $\Gamma_u$, $c$, $a$) with the values of
$\sigma$ and $\tanh$ in the text, then run the cell to compare (2 minutes). Questions (2
minutes):
- *Why a sigmoid for the gates and a $\tanh$ for the candidate?* A gate is a proportion
  (between 0 and 1); the candidate is content, which may add or subtract.
- *How many different cells does the unrolled network have?* One: the same $W, b$ at all
  $T_x$ steps.
- *If $\Gamma_f = 1$ and $\Gamma_u = 0$ always, what happens to $c$?* It never changes:
  perfect memory.

Usual mistake: confusing $a$ (what is shown) with $c$ (what is kept), or taking $\tilde c$
for a gate.
"""),

    # ------------------------------------------------------------------------------------
    # 2. From characters to numbers
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 2. De caracteres a números

La red no ve letras, sino vectores. `load_corpus` carga el texto limpio: un párrafo por
línea y todo en minúsculas, como en el cuaderno original (así hay menos caracteres
distintos que aprender).
""", en=r"""
## 2. From characters to numbers

The network does not see letters, only vectors. `load_corpus` loads the cleaned text: one
paragraph per line, all lower-case as in the original notebook (so there are fewer distinct
characters to learn).
"""),
    code(r"""
text = load_corpus(CORPUS)
print(len(text))
print(text[:200])
"""),
    md(es=r"""
El **vocabulario** es el conjunto ordenado de los caracteres distintos del texto. Su tamaño
es a la vez $n_x$, el de la entrada, y $n_y$, el de la salida: la red lee un carácter y
predice otro del mismo conjunto. Abajo, `⏎` es el salto de línea y `␣` el espacio.
""", en=r"""
The **vocabulary** is the sorted set of the distinct characters of the text. Its size is
both $n_x$, that of the input, and $n_y$, that of the output: the network reads a character
and predicts another one from the same set. Below, `⏎` is the newline and `␣` the space.
"""),
    code(r"""
vocab = lstm_np.Vocabulary.from_text(text)
n_x = n_y = vocab.size
print(f"n_x = n_y = {vocab.size}")
print(" ".join(plots.display_char(ch) for ch in vocab.chars))
"""),
    md(es=r"""
Cada carácter se representa por su índice $k$ en el vocabulario (`vocab.encode`) y después
por un vector **one-hot**: $n_x$ ceros con un único 1 en la posición $k$. Una secuencia de
$T_x$ caracteres es una matriz $(n_x, T_x)$, y un lote de $m$ secuencias el array
$(n_x, m, T_x)$ de toda la serie. Codificamos «samsa» ($m = 1$, $T_x = 5$) y mostramos solo
las filas de sus tres letras; las demás son ceros.

Multiplicar una matriz por un vector one-hot es elegir una columna,
$W x^{\langle t \rangle} = W_{:,k}$: el entrenamiento rápido de la lección 06 aprovecha ese
atajo.
""", en=r"""
Each character is represented by its index $k$ in the vocabulary (`vocab.encode`) and then
by a **one-hot** vector: $n_x$ zeros with a single 1 at position $k$. A sequence of $T_x$
characters is a matrix $(n_x, T_x)$, and a batch of $m$ sequences the array $(n_x, m, T_x)$
of the whole series. We encode "samsa" ($m = 1$, $T_x = 5$) and show only the rows of its
three letters; the others are zeros.

Multiplying a matrix by a one-hot vector picks a column, $W x^{\langle t \rangle} = W_{:,k}$:
the fast training of lesson 06 takes that shortcut.
""", slide="subslide"),
    code(r"""
word = "samsa"
ix = vocab.encode(word)
#[es] (n_x, m, T_x) con m = 1, T_x = 5
#[en] (n_x, m, T_x) with m = 1, T_x = 5
x_word = lstm_np.one_hot(ix, n_x)
print(f"{word!r} -> {ix.tolist()}")
print("x.shape =", x_word.shape)
print()
#[es] una columna por paso de tiempo
#[en] one column per time step
print("  k       " + "  ".join(word))
for k in sorted(set(ix.tolist())):
    row = "  ".join(str(int(v)) for v in x_word[k, 0, :])
    print(f"{k:3d}  {vocab.ix_to_char[k]!r}  {row}")
print("x.sum(axis=0) =", x_word.sum(axis=0).astype(int).tolist())
""", mark="one_hot"),
    slide(es=r"""
## 2. De caracteres a números

- Vocabulario: los caracteres distintos del texto, $n_x = n_y$
- Cada carácter, un vector **one-hot**: ceros y un 1 en su índice $k$
- Un lote de $m$ secuencias de $T_x$ caracteres: $(n_x, m, T_x)$
""", en=r"""
## 2. From characters to numbers

- Vocabulary: the distinct characters of the text, $n_x = n_y$
- Each character, a **one-hot** vector: zeros and a 1 at its index $k$
- A batch of $m$ sequences of $T_x$ characters: $(n_x, m, T_x)$
""", show="one_hot"),
    notes(es=r"""
**4 min.** Ejecuta las tres celdas. Pregunta: *¿por qué $n_x = n_y$?* La red lee y escribe
caracteres del mismo vocabulario. *¿Qué suma cada columna de `x`?* Exactamente 1: un
carácter por paso. Error habitual: confundir el eje del lote ($m$) con el del tiempo
($T_x$); insiste en la forma $(n_x, m, T_x)$.
""", en=r"""
**4 min.** Run the three cells. Ask: *why is $n_x = n_y$?* The network reads and writes
characters of the same vocabulary. *What does each column of `x` add up to?* Exactly 1: one
character per step. Usual mistake: mixing up the batch axis ($m$) and the time axis ($T_x$);
insist on the shape $(n_x, m, T_x)$.
"""),

    # ------------------------------------------------------------------------------------
    # 3. Sigmoid and softmax
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 3. Sigmoide y softmax

Las compuertas usan la **sigmoide**, que lleva cualquier número real a $(0, 1)$; el
candidato, y la memoria cuando sale de la celda, usan $\tanh(z) \in (-1, 1)$, que numpy ya
trae:

$$\sigma(z) = \frac{1}{1 + e^{-z}}.$$

La predicción usa la **softmax**, que convierte las $n_y$ puntuaciones
$z = W_y a^{\langle t \rangle} + b_y$ en una distribución de probabilidad:

$$\mathrm{softmax}(z)_k = \frac{e^{z_k}}{\sum_{j=1}^{n_y} e^{z_j}}
  = \frac{e^{z_k - \max_j z_j}}{\sum_{j=1}^{n_y} e^{z_j - \max_j z_j}}.$$

Las dos formas son iguales (multiplicamos arriba y abajo por $e^{-\max_j z_j}$), pero se
calcula la segunda: ningún exponente pasa de 0, así que nada se desborda, y el término del
máximo vale 1, así que el denominador nunca es 0. Con un lote, $z$ es $(n_y, m)$ y **cada
columna** es una distribución: el máximo se resta columna por columna.
""", en=r"""
## 3. Sigmoid and softmax

The gates use the **sigmoid**, which maps any real number into $(0, 1)$; the candidate and
the memory on its way out use $\tanh(z) \in (-1, 1)$, which numpy already has:

$$\sigma(z) = \frac{1}{1 + e^{-z}}.$$

The prediction uses the **softmax**, which turns the $n_y$ scores
$z = W_y a^{\langle t \rangle} + b_y$ into a probability distribution:

$$\mathrm{softmax}(z)_k = \frac{e^{z_k}}{\sum_{j=1}^{n_y} e^{z_j}}
  = \frac{e^{z_k - \max_j z_j}}{\sum_{j=1}^{n_y} e^{z_j - \max_j z_j}}.$$

The two forms are equal (multiply top and bottom by $e^{-\max_j z_j}$), but the second is
the one computed: no exponent is above 0, so nothing overflows, and the maximum's term is 1,
so the denominator is never 0. With a batch, $z$ is $(n_y, m)$ and **each column** is a
distribution: the maximum is subtracted column by column.
"""),
    slide(es=r"""
## 3. Sigmoide y softmax

$$\sigma(z) = \frac{1}{1 + e^{-z}}$$

$$\mathrm{softmax}(z)_k = \frac{e^{z_k - \max_j z_j}}{\sum_{j=1}^{n_y} e^{z_j - \max_j z_j}}$$

- Restar el máximo no cambia nada y evita que $e^{z}$ se desborde
- Con un lote, **cada columna** es una distribución
""", en=r"""
## 3. Sigmoid and softmax

$$\sigma(z) = \frac{1}{1 + e^{-z}}$$

$$\mathrm{softmax}(z)_k = \frac{e^{z_k - \max_j z_j}}{\sum_{j=1}^{n_y} e^{z_j - \max_j z_j}}$$

- Subtracting the maximum changes nothing and keeps $e^{z}$ from overflowing
- With a batch, **each column** is a distribution
"""),
    slide(es=r"""
### Tu turno: `sigmoid` y `softmax` (6 minutos)

- En el cuaderno del estudiante, los dos primeros huecos
- `softmax`: el máximo y la suma **de cada columna**
""", en=r"""
### Your turn: `sigmoid` and `softmax` (6 minutes)

- In the student notebook, the first two blanks
- `softmax`: the maximum and the sum **of each column**
""", code=r"""
np.max(x, axis=0, keepdims=True)     # (1, m)
e_x.sum(axis=0, keepdims=True)       # (1, m)
"""),
    blank(doc_es=r'''
Sigmoide logística, σ(x) = 1 / (1 + e^(-x)), elemento a elemento.

x: array de cualquier forma. Devuelve un array de la misma forma, con valores en (0, 1).
Pista: np.exp trabaja elemento a elemento sobre todo el array.
''', doc_en=r'''
Logistic sigmoid, σ(x) = 1 / (1 + e^(-x)), element-wise.

x: array of any shape. Returns an array of the same shape, with values in (0, 1).
Hint: np.exp works element by element on the whole array.
''', code=r'''
def sigmoid(x):
    ### BEGIN SOLUTION
    return 1 / (1 + np.exp(-x))
    ### END SOLUTION
'''),
    code(r"""
from lstm_np import exercises

#[es] globals().get da None si tu celda no llegó a definir la función (vacía, con un error)
#[en] globals().get gives None if your cell did not define the function (empty, or it failed)
sigmoid = exercises.use("sigmoid", globals().get("sigmoid"), LANG)
""", only="student"),
    blank(doc_es=r'''
Softmax por columnas: cada columna de x se convierte en una distribución.

x: array (n_y, m) de puntuaciones (también sirve (n_y, m, T_x)); el eje 0 recorre los
   n_y caracteres y cada columna es independiente.
Devuelve un array de la misma forma, positivo, cuyas columnas suman 1:
    softmax(x)[k, i] = e^(x[k, i] - max_j x[j, i]) / Σ_j e^(x[j, i] - max_j x[j, i])
Pista: resta el máximo DE CADA COLUMNA (np.max(x, axis=0, keepdims=True)), no el de
todo el array, y suma con axis=0, keepdims=True.
''', doc_en=r'''
Column-wise softmax: each column of x becomes a distribution.

x: array (n_y, m) of scores ((n_y, m, T_x) works too); axis 0 runs over the n_y
   characters and every column is independent.
Returns an array of the same shape, positive, whose columns add up to 1:
    softmax(x)[k, i] = e^(x[k, i] - max_j x[j, i]) / Σ_j e^(x[j, i] - max_j x[j, i])
Hint: subtract the maximum OF EACH COLUMN (np.max(x, axis=0, keepdims=True)), not that of
the whole array, and sum with axis=0, keepdims=True.
''', code=r'''
def softmax(x):
    ### BEGIN SOLUTION
    #[es] cada exponente <= 0
    #[en] every exponent <= 0
    e_x = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e_x / e_x.sum(axis=0, keepdims=True)
    ### END SOLUTION
'''),
    code(r"""
softmax = exercises.use("softmax", globals().get("softmax"), LANG)
""", only="student"),
    code(r"""
fig = plots.plot_activations(lang=LANG)
""", slide="subslide", mark="activations", alt={
        "es": ("A la izquierda, la sigmoide y tanh entre −6 y 6 y sus derivadas, a trazos, con "
               "máximos 1/4 y 1 en z = 0; a la derecha, las probabilidades softmax de cinco "
               "puntuaciones"),
        "en": ("Left, the sigmoid and tanh from −6 to 6 and their derivatives, dashed, peaking at "
               "1/4 and 1 at z = 0; right, the softmax probabilities of five scores")}),
    md(es=r"""
A la izquierda, la sigmoide y la $\tanh$: casi planas lejos de 0 (una compuerta *saturada*
está casi cerrada o casi abierta del todo). A trazos, sus derivadas, por las que multiplica la
retropropagación: $\sigma' = \sigma(1 - \sigma) \le 1/4$ y $\tanh' = 1 - \tanh^2 \le 1$, con
el máximo en $z = 0$; la lección 03 multiplica muchas seguidas. A la derecha, la softmax de
cinco puntuaciones: la mayor se lleva más probabilidad, pero todas reciben algo.
""", en=r"""
On the left, the sigmoid and $\tanh$: nearly flat far from 0 (a *saturated* gate is almost
fully closed or fully open). Dashed, their derivatives, which backpropagation multiplies by:
$\sigma' = \sigma(1 - \sigma) \le 1/4$ and $\tanh' = 1 - \tanh^2 \le 1$, largest at
$z = 0$; lesson 03 multiplies many of them in a row. On the right, the softmax of five
scores: the largest gets the most probability, but every score gets some.
"""),
    slide(es=r"""
### Casi planas lejos de 0

- Una compuerta *saturada* está casi cerrada o casi abierta del todo
- Las derivadas, a trazos: $\sigma' \le 1/4$, $\tanh' \le 1$; la lección 03 multiplica muchas
""", en=r"""
### Nearly flat far from 0

- A *saturated* gate is almost fully closed or fully open
- The derivatives, dashed: $\sigma' \le 1/4$, $\tanh' \le 1$; lesson 03 multiplies many of them
""", show="activations"),
    notes(es=r"""
**10 min.** Presenta las dos fórmulas (2 minutos). Los estudiantes escriben `sigmoid` y
`softmax` en los huecos del cuaderno del estudiante (6 minutos: la softmax por columnas es la
que cuesta); después, con todos mirando, ejecuta la figura y señala las derivadas, que la
lección 03 necesita (1 minuto). La demostración con $z \approx 1000$ es lectura de después de
clase. Pregunta:
- *¿Cambia la softmax si sumamos la misma constante a toda una columna?* No: se cancela
  arriba y abajo; por eso restar el máximo es gratis.

Errores habituales: `np.max(x)` sin `axis=0` (el fallo del original); restar el máximo o
sumar con `axis=1`, por filas. (`keepdims=True` no es imprescindible con `axis=0`: el
resultado, de forma $(m,)$, se difunde bien sobre $(n_y, m)$; pero deja clara la intención.)
""", en=r"""
**10 min.** Present the two formulas (2 minutes). Students write `sigmoid` and `softmax` in
the blanks of the student notebook (6 minutes: the column-wise softmax is the one that takes
time); then, with everyone watching, run the figure and point at the derivatives, which lesson
03 needs (1 minute). The $z \approx 1000$ demonstration is reading after class. Question:
- *Does the softmax change if we add the same constant to a whole column?* No: it cancels
  above and below; that is why subtracting the maximum is free.

Usual mistakes: `np.max(x)` without `axis=0` (the original's bug); taking the maximum or
the sum with `axis=1`, by rows. (`keepdims=True` is not essential with `axis=0`: the result,
of shape $(m,)$, broadcasts correctly over $(n_y, m)$; but it makes the intent plain.)
"""),

    # ------------------------------------------------------------------------------------
    # 4. Initialisation
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 4. Inicialización de los parámetros

Los pesos empiezan con valores aleatorios (si fueran iguales, todas las unidades calcularían
lo mismo y recibirían el mismo gradiente). Con $n_a = 100$ y el vocabulario del texto en
español, $n_x = n_y = 47$ (el original tenía 52):

| parámetro | forma | aquí | papel |
|---|---|---|---|
| $W_f$, $b_f$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 147), (100, 1) | compuerta de olvido |
| $W_i$, $b_i$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 147), (100, 1) | compuerta de actualización |
| $W_c$, $b_c$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 147), (100, 1) | candidato $\tilde c$ |
| $W_o$, $b_o$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 147), (100, 1) | compuerta de salida |
| $W_y$, $b_y$ | $(n_y, n_a)$, $(n_y, 1)$ | (47, 100), (47, 1) | predicción |

Los sesgos empiezan en 0 y los pesos al azar, $W \sim \mathcal N(0, \sigma^2)$ con
$\sigma = \sqrt{2/(n_a + n_x)}$, como en el original. Con $x$ *one-hot* y $a$ pequeño, casi
todos los sumandos de $W [a; x] + b$ son cero: al principio las sumas son pequeñas, de unas
décimas (en el primer paso, con $a = 0$, un solo peso, de desviación $\sigma \approx 0.12$),
así que las compuertas empiezan cerca de $\sigma(0) = 0.5$ y $\hat y$ cerca de $1/n_y$
(secciones 5 y 6). De dónde viene esa escala, y qué otras se usan, queda para después de
clase.
""",  # noqa: E501
       en=r"""
## 4. Initialising the parameters

The weights start at random values (if they were equal, every unit would compute the same
thing and receive the same gradient). With $n_a = 100$ and the English text's vocabulary,
$n_x = n_y = 39$ (the original had 52):

| parameter | shape | here | role |
|---|---|---|---|
| $W_f$, $b_f$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 139), (100, 1) | forget gate |
| $W_i$, $b_i$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 139), (100, 1) | update gate |
| $W_c$, $b_c$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 139), (100, 1) | candidate $\tilde c$ |
| $W_o$, $b_o$ | $(n_a, n_a + n_x)$, $(n_a, 1)$ | (100, 139), (100, 1) | output gate |
| $W_y$, $b_y$ | $(n_y, n_a)$, $(n_y, 1)$ | (39, 100), (39, 1) | prediction |

Biases start at 0 and weights at random, $W \sim \mathcal N(0, \sigma^2)$ with
$\sigma = \sqrt{2/(n_a + n_x)}$, as in the original. With a one-hot $x$ and a small $a$, almost
every term of $W [a; x] + b$ is zero: at first the sums are small, a few tenths (at the first
step, with $a = 0$, a single weight, of standard deviation $\sigma \approx 0.12$), so the
gates start near $\sigma(0) = 0.5$ and $\hat y$ near $1/n_y$ (sections 5 and 6). Where that
scale comes from, and which others are used, is left for after class.
"""),
    md(es=r"""
Creamos la red con una semilla explícita (`rng`, un generador propio): sus parámetros tienen
las formas de la tabla.
""", en=r"""
We create the network with an explicit seed (`rng`, a generator of its own): its parameters
have the shapes of the table.
""", slide="subslide"),
    code(r"""
n_a = 100
parameters = lstm_np.initialize_parameters(n_a, n_x, n_y, rng=np.random.default_rng(1))
for name in lstm_np.PARAMETER_NAMES:
    print(f"{name}  {parameters[name].shape}")
print("n_params =", sum(p.size for p in parameters.values()))
""", mark="shapes"),
    slide(es=r"""
## 4. Inicialización de los parámetros

- Cada $W$ de compuerta: $(n_a, n_a + n_x)$, sobre
  $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$
- Pesos al azar, $\mathcal N(0, 2/(n_a + n_x))$; sesgos a cero
- Una semilla explícita: la misma semilla, la misma red
""", en=r"""
## 4. Initialising the parameters

- Each gate's $W$: $(n_a, n_a + n_x)$, acting on $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$
- Random weights, $\mathcal N(0, 2/(n_a + n_x))$; biases at zero
- An explicit seed: the same seed, the same network
""", show="shapes"),
    notes(es=r"""
**3 min.** Recorre la tabla de formas en voz alta, y la celda que crea la red: es la que más
se consulta después. De dónde viene la escala de los pesos es lectura de después de clase.
Preguntas:
- *¿Por qué $n_a + n_x$ columnas?* Las compuertas actúan sobre
  $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$.
- *¿Qué pasaría si todos los pesos empezaran en 0?* Todas las unidades calcularían lo mismo
  y recibirían el mismo gradiente: nunca se diferenciarían.

Error habitual: llamar a `np.random.seed` dentro de funciones (el fallo del original, que
se lee después de clase).
""", en=r"""
**3 min.** Go through the table of shapes aloud, and the cell that creates the network: it
is the one looked up most later. Where the weights' scale comes from is reading after class.
Questions:
- *Why $n_a + n_x$ columns?* The gates act on $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$.
- *What if all weights started at 0?* Every unit would compute the same thing and get the
  same gradient: they would never become different.

Usual mistake: calling `np.random.seed` inside functions (the original's mistake, read
after class).
"""),

    # ------------------------------------------------------------------------------------
    # 5. One cell step
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 5. Un paso de la celda

Para un lote de $m$ secuencias ($*$ es el producto elemento a elemento; cada sesgo
$(n_a, 1)$ se suma a las $m$ columnas):

$$\text{concat} = \begin{bmatrix} a^{\langle t-1 \rangle} \\ x^{\langle t \rangle} \end{bmatrix}
  \qquad (n_a + n_x,\ m)$$

$$\Gamma_f^{\langle t \rangle} = \sigma\!\left(W_f\, \text{concat} + b_f\right), \quad
  \Gamma_u^{\langle t \rangle} = \sigma\!\left(W_i\, \text{concat} + b_i\right), \quad
  \tilde c^{\langle t \rangle} = \tanh\!\left(W_c\, \text{concat} + b_c\right)
  \qquad (n_a,\ m)$$

$$c^{\langle t \rangle} = \Gamma_f^{\langle t \rangle} * c^{\langle t-1 \rangle}
  + \Gamma_u^{\langle t \rangle} * \tilde c^{\langle t \rangle}, \quad
  \Gamma_o^{\langle t \rangle} = \sigma\!\left(W_o\, \text{concat} + b_o\right), \quad
  a^{\langle t \rangle} = \Gamma_o^{\langle t \rangle} * \tanh\!\left(c^{\langle t \rangle}\right)
  \qquad (n_a,\ m)$$

$$\hat y^{\langle t \rangle} = \mathrm{softmax}\!\left(W_y\, a^{\langle t \rangle} + b_y\right)
  \qquad (n_y,\ m)$$

`lstm_cell_forward` escribe una línea por ecuación y devuelve además una `cache` con lo que
la propagación hacia atrás necesitará (lección 02). En el código, `ft`, `it`, `cct` y `ot`
son $\Gamma_f$, $\Gamma_u$, $\tilde c$ y $\Gamma_o$.
""", en=r"""
## 5. One step of the cell

For a batch of $m$ sequences ($*$ is the element-wise product; each bias $(n_a, 1)$ is added
to all $m$ columns):

$$\text{concat} = \begin{bmatrix} a^{\langle t-1 \rangle} \\ x^{\langle t \rangle} \end{bmatrix}
  \qquad (n_a + n_x,\ m)$$

$$\Gamma_f^{\langle t \rangle} = \sigma\!\left(W_f\, \text{concat} + b_f\right), \quad
  \Gamma_u^{\langle t \rangle} = \sigma\!\left(W_i\, \text{concat} + b_i\right), \quad
  \tilde c^{\langle t \rangle} = \tanh\!\left(W_c\, \text{concat} + b_c\right)
  \qquad (n_a,\ m)$$

$$c^{\langle t \rangle} = \Gamma_f^{\langle t \rangle} * c^{\langle t-1 \rangle}
  + \Gamma_u^{\langle t \rangle} * \tilde c^{\langle t \rangle}, \quad
  \Gamma_o^{\langle t \rangle} = \sigma\!\left(W_o\, \text{concat} + b_o\right), \quad
  a^{\langle t \rangle} = \Gamma_o^{\langle t \rangle} * \tanh\!\left(c^{\langle t \rangle}\right)
  \qquad (n_a,\ m)$$

$$\hat y^{\langle t \rangle} = \mathrm{softmax}\!\left(W_y\, a^{\langle t \rangle} + b_y\right)
  \qquad (n_y,\ m)$$

`lstm_cell_forward` writes one line per equation and also returns a `cache` with what
backward propagation will need (lesson 02). In the code, `ft`, `it`, `cct` and `ot` are
$\Gamma_f$, $\Gamma_u$, $\tilde c$ and $\Gamma_o$.
"""),
    slide(es=r"""
## 5. Un paso de la celda

$$\Gamma_f = \sigma(W_f\,[a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_f), \quad
  \Gamma_u = \sigma(W_i\,[\cdot] + b_i)$$

$$\tilde c^{\langle t \rangle} = \tanh(W_c\,[\cdot] + b_c), \quad
  \Gamma_o = \sigma(W_o\,[\cdot] + b_o)$$

$$c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle}
  + \Gamma_u * \tilde c^{\langle t \rangle},
  \quad a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$$

$$\hat y^{\langle t \rangle} = \mathrm{softmax}(W_y\, a^{\langle t \rangle} + b_y)$$

- Las cuentas del ejemplo de $n_a = 2$, con $m$ columnas a la vez
""", en=r"""
## 5. One step of the cell

$$\Gamma_f = \sigma(W_f\,[a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_f), \quad
  \Gamma_u = \sigma(W_i\,[\cdot] + b_i)$$

$$\tilde c^{\langle t \rangle} = \tanh(W_c\,[\cdot] + b_c), \quad
  \Gamma_o = \sigma(W_o\,[\cdot] + b_o)$$

$$c^{\langle t \rangle} = \Gamma_f * c^{\langle t-1 \rangle}
  + \Gamma_u * \tilde c^{\langle t \rangle},
  \quad a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$$

$$\hat y^{\langle t \rangle} = \mathrm{softmax}(W_y\, a^{\langle t \rangle} + b_y)$$

- The sums of the $n_a = 2$ example, with $m$ columns at once
"""),
    slide(es=r"""
### Tu turno: `lstm_cell_forward` (9 minutos)

- Una línea por ecuación; `@` es el producto de matrices, `*` elemento a elemento
- `concat` en el orden $[a; x]$: los pesos lo esperan así
- La `cache` en este orden: la lección 02 la desempaqueta por posición
""", en=r"""
### Your turn: `lstm_cell_forward` (9 minutes)

- One line per equation; `@` is the matrix product, `*` element-wise
- `concat` in the order $[a; x]$: the weights expect it
- The `cache` in this order: lesson 02 unpacks it by position
""", code=r"""
def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    concat = np.concatenate((a_prev, xt), axis=0)
    ...
    cache = (a_next, c_next, a_prev, c_prev,
             ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache
"""),
    blank(doc_es=r'''
Un paso de tiempo de la celda LSTM, para un lote de m secuencias.

xt:     (n_x, m)  entrada x<t> (columnas one-hot)
a_prev: (n_a, m)  memoria a corto plazo a<t-1>
c_prev: (n_a, m)  memoria a largo plazo c<t-1>
parameters: dict con Wf, Wi, Wc, Wo (n_a, n_a + n_x); bf, bi, bc, bo (n_a, 1);
            Wy (n_y, n_a); by (n_y, 1)

Devuelve a_next (n_a, m), c_next (n_a, m), yt_pred (n_y, m) y
cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters),
exactamente en ese orden (la propagación hacia atrás lo desempaqueta así).

    concat = [a_prev; xt]                    np.concatenate(..., axis=0)
    ft  = σ(Wf concat + bf)                  compuerta de olvido Γ_f
    it  = σ(Wi concat + bi)                  compuerta de actualización Γ_u
    cct = tanh(Wc concat + bc)               candidato c̃
    c_next = ft * c_prev + it * cct
    ot  = σ(Wo concat + bo)                  compuerta de salida Γ_o
    a_next = ot * tanh(c_next)
    yt_pred = softmax(Wy a_next + by)
Pista: @ es el producto de matrices; * es elemento a elemento; usa sigmoid y softmax.
''', doc_en=r'''
One time step of the LSTM cell, for a batch of m sequences.

xt:     (n_x, m)  input x<t> (one-hot columns)
a_prev: (n_a, m)  short-term memory a<t-1>
c_prev: (n_a, m)  long-term memory c<t-1>
parameters: dict with Wf, Wi, Wc, Wo (n_a, n_a + n_x); bf, bi, bc, bo (n_a, 1);
            Wy (n_y, n_a); by (n_y, 1)

Returns a_next (n_a, m), c_next (n_a, m), yt_pred (n_y, m) and
cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters),
exactly in that order (backward propagation unpacks it so).

    concat = [a_prev; xt]                    np.concatenate(..., axis=0)
    ft  = σ(Wf concat + bf)                  forget gate Γ_f
    it  = σ(Wi concat + bi)                  update gate Γ_u
    cct = tanh(Wc concat + bc)               candidate c̃
    c_next = ft * c_prev + it * cct
    ot  = σ(Wo concat + bo)                  output gate Γ_o
    a_next = ot * tanh(c_next)
    yt_pred = softmax(Wy a_next + by)
Hint: @ is the matrix product; * is element-wise; use sigmoid and softmax.
''', code=r'''
def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    ### BEGIN SOLUTION
    concat = np.concatenate((a_prev, xt), axis=0)                     # (n_a + n_x, m)
    #[es] olvido
    #[en] forget
    ft = sigmoid(parameters["Wf"] @ concat + parameters["bf"])
    #[es] actualización
    #[en] update
    it = sigmoid(parameters["Wi"] @ concat + parameters["bi"])
    #[es] candidato
    #[en] candidate
    cct = np.tanh(parameters["Wc"] @ concat + parameters["bc"])
    c_next = ft * c_prev + it * cct
    #[es] salida
    #[en] output
    ot = sigmoid(parameters["Wo"] @ concat + parameters["bo"])
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(parameters["Wy"] @ a_next + parameters["by"])
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache
    ### END SOLUTION
'''),
    code(r"""
lstm_cell_forward = exercises.use("lstm_cell_forward", globals().get("lstm_cell_forward"), LANG)
""", only="student"),
    code(r"""
show_source(lstm_np.lstm_cell_forward, LANG)
""", only="complete", slide="subslide"),
    md(es=r"""
Un paso con $m = 3$ secuencias a la vez: las entradas son los tres primeros caracteres del
texto, uno por secuencia; los estados anteriores son aleatorios, como si cada secuencia
viniera ya de leer algo.
""", en=r"""
One step with $m = 3$ sequences at once: the inputs are the first three characters of the
text, one per sequence; the previous states are random, as if each sequence had already
read something.
""", slide="subslide"),
    code(r"""
rng = np.random.default_rng(0)
m = 3
xt = lstm_np.one_hot(vocab.encode(text[:m])[:, None], n_x)[:, :, 0]   # (n_x, m)
#[es] (n_a, m), en (-1, 1)
#[en] (n_a, m), in (-1, 1)
a_prev = np.tanh(rng.standard_normal((n_a, m)))
c_prev = rng.standard_normal((n_a, m))                                 # (n_a, m)

a_next, c_next, yt_pred, cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)
_, _, _, _, ft, it, cct, ot, _, _ = cache

shapes = {"xt": xt, "a_prev": a_prev, "c_prev": c_prev,
          "concat": np.concatenate((a_prev, xt), axis=0),
          "Γ_f (ft)": ft, "Γ_u (it)": it, "c̃ (cct)": cct, "Γ_o (ot)": ot,
          "c_next": c_next, "a_next": a_next, "ŷ (yt_pred)": yt_pred}
names = list(shapes)
for row in (names[:4], names[4:8], names[8:]):
    print("   ".join(f"{name} {shapes[name].shape}" for name in row))
print()
print("Σ_k ŷ[k, i] =", yt_pred.sum(axis=0).round(4))
for name, gate in (("Γ_f", ft), ("Γ_u", it), ("Γ_o", ot)):
    print(f"{name}: {tr('fw_mean', LANG)} = {gate.mean():.4f}, "
          f"min = {gate.min():.4f}, max = {gate.max():.4f}")
print("c_next == Γ_f*c_prev + Γ_u*c̃:", np.allclose(c_next, ft * c_prev + it * cct))
""", deck="output", mark="cell_step"),
    md(es=r"""
Cada columna de $\hat y$ suma 1: una distribución sobre los $n_y$ caracteres por secuencia.
Las compuertas de la red sin entrenar tienen una media muy cercana a 0.5: con pesos
simétricos alrededor de 0 y sesgos nulos, la sigmoide no prefiere abrir ni cerrar
($\sigma(0) = 0.5$). Aquí algunas se alejan bastante de 0.5 porque los estados inventados son
grandes; leyendo un texto de verdad desde estados nulos, las sumas son más pequeñas (sección
4), y en la sección 6 $\hat y$ apenas se aparta de $1/n_y$.
""", en=r"""
Every column of $\hat y$ adds up to 1: one distribution over the $n_y$ characters per
sequence. The gates of the untrained network have a mean very close to 0.5: with weights
symmetric around 0 and zero biases, the sigmoid prefers neither opening nor closing
($\sigma(0) = 0.5$). Here some stray quite far from 0.5 because the made-up states are
large; reading real text from zero states, the sums are smaller (section 4), and in
section 6 $\hat y$ hardly moves away from $1/n_y$.
"""),
    slide(es=r"""
### Un paso con $m = 3$ secuencias a la vez

- Cada columna de $\hat y$ suma 1: una distribución por secuencia
- Las compuertas rondan 0.5: pesos simétricos, sesgos nulos, $\sigma(0) = 0.5$
""", en=r"""
### One step with $m = 3$ sequences at once

- Every column of $\hat y$ adds up to 1: one distribution per sequence
- The gates average about 0.5: symmetric weights, zero biases, $\sigma(0) = 0.5$
""", show="cell_step"),
    notes(es=r"""
**13 min.** El centro de la lección. Las ecuaciones son las del ejemplo de $n_a = 2$, ahora
con un lote de $m$ columnas: recórrelas en 1 minuto. Da 9 minutos para escribir
`lstm_cell_forward`; luego ejecuta la celda de $m = 3$ y lee las formas en voz alta (2
minutos). Preguntas:
- *¿Qué forma tiene `concat` y por qué?* $(n_a + n_x, m)$: estado anterior encima del carácter.
- *¿Por qué la media de las compuertas ronda 0.5?* Pesos simétricos y sesgos nulos:
  $\sigma(0) = 0.5$.

Errores habituales: concatenar en el orden $[x; a]$ (los pesos esperan $[a; x]$); usar
`np.dot` con la forma traspuesta; aplicar la softmax con `axis=1`; devolver la `cache` en
otro orden (la lección 02 la desempaqueta por posición).
""", en=r"""
**13 min.** The heart of the lesson. The equations are those of the $n_a = 2$ example, now
with a batch of $m$ columns: go through them in 1 minute. Give 9 minutes to write
`lstm_cell_forward`; then run the $m = 3$ cell and read the shapes aloud (2 minutes).
Questions:
- *What shape is `concat`, and why?* $(n_a + n_x, m)$: previous state on top of the character.
- *Why do the gates average about 0.5?* Symmetric weights and zero biases: $\sigma(0) = 0.5$.

Usual mistakes: concatenating in the order $[x; a]$ (the weights expect $[a; x]$); `np.dot`
with a transposed shape; the softmax with `axis=1`; returning the `cache` in another order
(lesson 02 unpacks it by position).
"""),

    # ------------------------------------------------------------------------------------
    # 6. The unrolled network
    # ------------------------------------------------------------------------------------
    md(es=r"""
## 6. La red desplegada: `lstm_forward`

`lstm_forward` es la celda dentro de un bucle sobre el tiempo: en el paso $t$ lee
$x^{\langle t \rangle}$ = `x[:, :, t]`, le pasa los estados del paso anterior y guarda
$a^{\langle t \rangle}$, $c^{\langle t \rangle}$ e $\hat y^{\langle t \rangle}$ en la
posición $t$ de tres arrays $(n, m, T_x)$. Ese bucle *es* la recurrencia. El estado oculto
inicial $a^{\langle 0 \rangle}$ es el argumento `a0`; la memoria inicial
$c^{\langle 0 \rangle}$ es cero. Como el original, usamos ventanas de $T_x = 25$ caracteres.
En clase leemos el bucle del paquete; escribirlo es la tarea de después de clase.
""", en=r"""
## 6. The unrolled network: `lstm_forward`

`lstm_forward` is the cell inside a loop over time: at step $t$ it reads
$x^{\langle t \rangle}$ = `x[:, :, t]`, hands it the states of the previous step and stores
$a^{\langle t \rangle}$, $c^{\langle t \rangle}$ and $\hat y^{\langle t \rangle}$ at
position $t$ of three $(n, m, T_x)$ arrays. That loop *is* the recurrence. The initial hidden
state $a^{\langle 0 \rangle}$ is the argument `a0`; the initial memory
$c^{\langle 0 \rangle}$ is zero. Like the original, we use windows of $T_x = 25$ characters.
In class we read the package's loop; writing it is the homework after class.
"""),
    md(es=r"""
La del paquete acepta además una memoria inicial `c0`: el entrenamiento por ventanas
consecutivas de la lección 06 la usa para no empezar cada ventana de cero.
""", en=r"""
The package's version also takes an initial memory `c0`: the training on consecutive
windows of lesson 06 uses it so as not to start every window from scratch.
""", slide="subslide"),
    code(r"""
show_source(lstm_np.lstm_forward, LANG)
""", only="complete"),
    md(es=r"""
Dos ventanas del texto ($m = 2$), el principio del libro y el centro. La entrada `X` son los
índices de 25 caracteres; el objetivo `Y`, los 25 siguientes (la ventana desplazada una
posición).
""", en=r"""
Two windows of the text ($m = 2$), the beginning of the book and its middle. The input `X`
holds the indices of 25 characters; the target `Y`, the 25 that follow (the window shifted
by one position).
""", slide="subslide"),
    code(r"""
T_x, m = 25, 2
starts = [0, len(text) // 2]
ix_text = vocab.encode(text)
#[es] (m, T_x) entradas
#[en] (m, T_x) inputs
X = np.stack([ix_text[s:s + T_x] for s in starts])
#[es] (m, T_x) caracteres siguientes
#[en] (m, T_x) next characters
Y = np.stack([ix_text[s + 1:s + T_x + 1] for s in starts])
for s in starts:
    print(f"{text[s:s + T_x]!r} -> {text[s + 1:s + T_x + 1]!r}")

x = lstm_np.one_hot(X, n_x)                                   # (n_x, m, T_x)
a0 = np.zeros((n_a, m))
a, y, c, caches = lstm_forward(x, a0, parameters)
print()
print("x:", x.shape, " a:", a.shape, " y:", y.shape, " c:", c.shape)
print("len(caches[0]) =", len(caches[0]))
""", mark="windows"),
    md(es=r"""
**¿Cómo de buena es esta predicción?** La medimos con la entropía cruzada, que la lección 02
estudia a fondo: el promedio de $-\log$ de la probabilidad dada al carácter que de verdad
venía, en nats por carácter. Quien adivina **al azar**, con $1/n_y$ para cada carácter,
obtiene $L = \ln n_y$.
""", en=r"""
**How good is this prediction?** We measure it with the cross-entropy, which lesson 02
studies in depth: the mean of $-\log$ of the probability given to the character that really
came next, in nats per character. Someone who guesses **uniformly**, $1/n_y$ for every
character, gets $L = \ln n_y$.
""", slide="subslide"),
    code(r"""
loss_untrained = lstm_np.compute_loss(y, Y)
print(f"{tr('untrained_net', LANG)}: L = {loss_untrained:.4f} nats"
      f" = {lstm_np.nats_to_bits(loss_untrained):.4f} bits")
print(f"{tr('uniform_guess', LANG)}: ln(n_y) = {np.log(n_y):.4f} nats"
      f" = {np.log2(n_y):.4f} bits")
print(f"1/n_y = {1 / n_y:.4f}   ŷ ∈ ({y.min():.4f}, {y.max():.4f})")
""", mark="loss"),
    md(es=r"""
La red sin entrenar está en el nivel del azar, como debe. Con sesgos nulos y pesos pequeños,
los estados ocultos son pequeños, las puntuaciones $W_y a^{\langle t \rangle} + b_y$ quedan
cerca de 0 y la softmax de un vector casi constante es casi uniforme: cada carácter recibe
más o menos $1/n_y$. Una inicialización sana empieza así, sin opiniones, en lugar de
equivocarse con seguridad (lo que daría una pérdida muy por encima de $\ln n_y$).
""", en=r"""
The untrained network is at chance level, as it should be. With zero biases and small
weights, the hidden states are small, the scores $W_y a^{\langle t \rangle} + b_y$ stay close
to 0, and the softmax of an almost constant vector is almost uniform: every character gets
roughly $1/n_y$. A healthy initialisation starts like this, with no opinions, rather than
confidently wrong (which would give a loss well above $\ln n_y$).
"""),
    slide(es=r"""
## 6. La red desplegada: `lstm_forward`

- La misma celda $T_x$ veces, con los mismos parámetros: el bucle *es* la recurrencia
""", en=r"""
## 6. The unrolled network: `lstm_forward`

- The same cell $T_x$ times, with the same parameters: the loop *is* the recurrence
""", code=r"""
for t in range(T_x):
    a_next, c_next, yt, cache = lstm_cell_forward(
        x[:, :, t], a_next, c_next, parameters)
    a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
    caches.append(cache)
""", show="windows"),
    slide(es=r"""
### ¿Cómo de buena es la predicción?

- Entropía cruzada: la media de $-\ln \hat y$ del carácter que venía
- Al azar, $L = \ln n_y$: la red sin entrenar está ahí, sin opiniones
""", en=r"""
### How good is the prediction?

- Cross-entropy: the mean of $-\ln \hat y$ of the character that came next
- At chance, $L = \ln n_y$: the untrained network is there, with no opinions
""", show="loss"),
    notes(es=r"""
**5 min.** Proyecta el bucle del paquete (`show_source`) y léelo en voz alta: escribirlo es
la tarea de después de clase. Ejecuta las dos ventanas y la pérdida. Preguntas:
- *¿Cuántas veces se llama a la celda?* $T_x = 25$, con los mismos parámetros.
- *¿Por qué la pérdida inicial es casi $\ln n_y$?* La softmax de puntuaciones casi iguales
  es casi uniforme.

""", en=r"""
**5 min.** Project the package's loop (`show_source`) and read it aloud: writing it is the
homework after class. Run the two windows and the loss. Questions:
- *How many times is the cell called?* $T_x = 25$, with the same parameters.
- *Why is the initial loss almost $\ln n_y$?* The softmax of nearly equal scores is nearly
  uniform.

"""),


    # ------------------------------------------------------------------------------------
    # Summary and exercises
    # ------------------------------------------------------------------------------------
    md(es=r"""
## Resumen

- El texto se convierte en índices de un vocabulario de $n_x = n_y$ caracteres y en
  vectores one-hot de forma $(n_x, m, T_x)$.
- Una celda LSTM calcula tres compuertas y un candidato a partir de
  $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$, actualiza las memorias $c$ y $a$, y
  predice con una softmax por columnas.
- La red desplegada es esa celda en un bucle sobre $T_x$ pasos, con los mismos parámetros.
- Una red recién inicializada predice casi al azar ($L \approx \ln n_y$). La lección 02
  empieza a calcular los gradientes que permiten bajar de ahí; la 07 mira por dentro las
  compuertas de una red ya entrenada.
""", en=r"""
## Summary

- The text becomes indices into a vocabulary of $n_x = n_y$ characters, and one-hot vectors
  of shape $(n_x, m, T_x)$.
- An LSTM cell computes three gates and a candidate from
  $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$, updates the memories $c$ and $a$, and
  predicts with a column-wise softmax.
- The unrolled network is that cell in a loop over $T_x$ steps, with the same parameters.
- A freshly initialised network predicts almost at chance ($L \approx \ln n_y$). Lesson 02
  starts computing the gradients that make the descent possible; lesson 07 looks inside the
  gates of a trained network.
"""),
    slide(es=r"""
## Resumen

- Texto → índices → vectores one-hot $(n_x, m, T_x)$
- Una celda: olvidar, escribir y mostrar, sobre $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$
- La red desplegada: esa celda en un bucle de $T_x$ pasos
- Recién inicializada predice al azar, $L \approx \ln n_y$: la lección 02 calcula cómo bajar
""", en=r"""
## Summary

- Text → indices → one-hot vectors $(n_x, m, T_x)$
- One cell: forget, write and show, on $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$
- The unrolled network: that cell in a loop of $T_x$ steps
- Freshly initialised it predicts at chance, $L \approx \ln n_y$: lesson 02 computes how to go down
"""),
    slide(es=r"""
### Para después de clase

- Tarea: el hueco `lstm_forward` (unos 15 minutos) y los ejercicios 1 a 3
- Lectura: la estabilidad numérica y la fe de erratas de la softmax, la escala de los pesos y
  la semilla
""", en=r"""
### For after class

- Homework: the `lstm_forward` blank (about 15 minutes) and exercises 1 to 3
- Reading: numerical stability and the softmax erratum, the weights' scale and the seed
"""),
    notes(es=r"""
**1 min.** Cierra con el resumen y encarga la tarea. La estimación de la clase cuenta el
tiempo de presentar, de ejecutar, de cada hueco y de las preguntas: 2 de apertura + 12 de la
red y su celda (el ejemplo de $n_a = 2$ en lugar del dibujo en la pizarra, 3 calculando a mano)
+ 4 de caracteres a números + 10 de sigmoide y softmax (6 escribiendo) + 3 de la tabla de
formas + 13 de un paso de la celda (9 escribiendo) + 5 de la red desplegada (se lee, no se
escribe) + 1 = 50 minutos. Quedan para después de clase `lstm_forward` (unos 15 minutos de
tarea), la estabilidad numérica y la fe de erratas de la softmax, de dónde viene la escala de
los pesos (con la tabla de $\hat\sigma$), la semilla y los ejercicios.
""", en=r"""
**1 min.** Close with the summary and set the homework. The period's estimate counts the
time to introduce, to run, each blank and the questions: 2 opening + 12 for the network and
its cell (the $n_a = 2$ example instead of the board drawing, 3 computing by hand) + 4 from
characters to numbers + 10 sigmoid and softmax (6 writing) + 3 for the table of shapes + 13
for one step of the cell (9 writing) + 5 for the unrolled network (read, not written) + 1 = 50
minutes. Left for after class: `lstm_forward` (about 15 minutes of homework), numerical
stability and the softmax erratum, where the weights' scale comes from (with the table of
$\hat\sigma$), the seed and the exercises.
"""),

    # ------------------------------------------------------------------------------------
    # After class
    # ------------------------------------------------------------------------------------
    after_class(es=r"""
**Tarea:** el hueco `lstm_forward` (unos 15 minutos) y los ejercicios 1 a 3. **Lectura:** la
estabilidad numérica y la fe de erratas de la softmax, la escala de los pesos y la semilla.
""", en=r"""
**Homework:** the `lstm_forward` blank (about 15 minutes) and exercises 1 to 3. **Reading:**
numerical stability and the softmax erratum, the weights' scale and the seed.
"""),
    blank(doc_es=r'''
La celda LSTM desplegada sobre los T_x pasos de tiempo.

x:  (n_x, m, T_x)  entradas de todos los pasos
a0: (n_a, m)       estado oculto inicial; la memoria inicial c<0> es cero
parameters: los de lstm_cell_forward (n_y, n_a = parameters["Wy"].shape)

Devuelve
a: (n_a, m, T_x)  a<1> ... a<T_x>
y: (n_y, m, T_x)  predicciones ŷ<1> ... ŷ<T_x>
c: (n_a, m, T_x)  c<1> ... c<T_x>
caches: (lista de las T_x caches de lstm_cell_forward, x)
Pista: crea a, c, y con np.zeros; en el paso t llama a
lstm_cell_forward(x[:, :, t], a_next, c_next, parameters) y guarda en [:, :, t].
''', doc_en=r'''
The LSTM cell unrolled over the T_x time steps.

x:  (n_x, m, T_x)  inputs of every step
a0: (n_a, m)       initial hidden state; the initial memory c<0> is zero
parameters: those of lstm_cell_forward (n_y, n_a = parameters["Wy"].shape)

Returns
a: (n_a, m, T_x)  a<1> ... a<T_x>
y: (n_y, m, T_x)  predictions ŷ<1> ... ŷ<T_x>
c: (n_a, m, T_x)  c<1> ... c<T_x>
caches: (list of the T_x caches of lstm_cell_forward, x)
Hint: create a, c, y with np.zeros; at step t call
lstm_cell_forward(x[:, :, t], a_next, c_next, parameters) and store at [:, :, t].
''', code=r'''
def lstm_forward(x, a0, parameters):
    ### BEGIN SOLUTION
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    y = np.zeros((n_y, m, T_x))
    caches = []
    a_next = a0
    c_next = np.zeros((n_a, m))
    #[es] el bucle sobre el tiempo es la recurrencia
    #[en] the loop over time is the recurrence
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t] = a_next
        c[:, :, t] = c_next
        y[:, :, t] = yt
        caches.append(cache)
    return a, y, c, (caches, x)
    ### END SOLUTION
'''),
    code(r"""
lstm_forward = exercises.use("lstm_forward", globals().get("lstm_forward"), LANG)
""", only="student"),
    md(es=r"""
### La estabilidad numérica

La sigmoide del paquete tiene el mismo cuidado que la softmax: para $z < 0$ usa
la forma equivalente $e^{z}/(1 + e^{z})$, para que la exponencial nunca reciba un número
grande.
""", en=r"""
### Numerical stability

The package's sigmoid takes the same care as the softmax: for $z < 0$ it uses the
equivalent form $e^{z}/(1 + e^{z})$, so that the exponential never sees a large number.
""", slide="subslide"),
    code(r"""
show_source(lstm_np.sigmoid, LANG)
show_source(lstm_np.softmax, LANG)
""", only="complete"),
    md(es=r"""
Con números de 64 bits (`float64`), $e^{z}$ se desborda a `inf` a partir
de $z \approx 709.8$. La fórmula directa falla con puntuaciones cercanas a 1000
($\infty / \infty$ = `nan`); restar el máximo da la respuesta correcta.
""", en=r"""
In 64-bit floating point, $e^{z}$ overflows to `inf` from
$z \approx 709.8$ on. The direct formula fails on scores near 1000 ($\infty / \infty$ =
`nan`); subtracting the maximum gives the right answer.
""", slide="subslide"),
    code(r"""
#[es] una columna: n_y = 3, m = 1
#[en] one column: n_y = 3, m = 1
z = np.array([[1000.0], [999.0], [998.0]])
with np.errstate(over="ignore", invalid="ignore"):
    print(np.exp(z).ravel(), (np.exp(z) / np.exp(z).sum(axis=0)).ravel())
print(softmax(z).ravel().round(4))
"""),
    md(es=r"""
> **Fe de erratas del cuaderno original.** Restaba *un solo* máximo, el de todo el array:
> `np.exp(x - np.max(x))`. Con una columna da igual, pero en un lote el máximo de *otra*
> columna no sirve: si una columna queda unos 745 o más por debajo del máximo global, todos
> sus $e^{(\cdot)}$ se redondean a 0 y la división es $0/0$ = `nan`. Dos secuencias
> ($m = 2$): arriba la fórmula del original, abajo la softmax por columnas.
""", en=r"""
> **Erratum of the original notebook.** It subtracted *one* maximum, that of the whole array:
> `np.exp(x - np.max(x))`. With one column that makes no difference, but in a batch the
> maximum of *another* column is of no use: if a column sits about 745 or more below the
> global maximum, all its $e^{(\cdot)}$ round to 0 and the division is $0/0$ = `nan`. Two
> sequences ($m = 2$): above, the original's formula; below, the column-wise softmax.
""", slide="subslide"),
    code(r"""
Z = np.array([[1000.0, -5.0],
              [ 999.0, -6.0],
              [ 998.0, -7.0]])                 # n_y = 3, m = 2
with np.errstate(under="ignore", invalid="ignore"):
    print(np.round(np.exp(Z - np.max(Z)) / np.exp(Z - np.max(Z)).sum(axis=0), 4))
print(softmax(Z).round(4))
"""),
    md(es=r"""
### La escala de los pesos

Pesos demasiado grandes saturan las sigmoides (compuertas clavadas en 0 o 1) y el gradiente
apenas pasa; demasiado pequeños apagan la señal. El original toma una varianza de 2 entre el
número de entradas de cada unidad, $n_a + n_x$:

$$W \sim \mathcal N\!\left(0,\ \sigma^2\right), \qquad \sigma = \sqrt{\frac{2}{n_a + n_x}}.$$

Es la fórmula de He et al. (2015), pero He la dedujo para unidades ReLU, que dan 0 para la
mitad de sus entradas, las negativas: de ahí el 2. Para sigmoide y $\tanh$, las de los libros son
la de Glorot y
Bengio (2010), $\sigma^2 = 2/(n_\text{entradas} + n_\text{salidas})$ (el original la llama de
Xavier, el nombre de pila de Glorot), y la de LeCun, $\sigma^2 = 1/n_\text{entradas}$;
`nn.LSTM` de PyTorch usa otra, la uniforme $U(-1/\sqrt{n_a}, 1/\sqrt{n_a})$. La serie mantiene
la del original para poder compararse con él: las cuatro dan pesos de unas décimas como
mucho y, con entradas one-hot, sumas pequeñas al principio.
""", en=r"""
### The weights' scale

Weights that are too large saturate the sigmoids (gates stuck at 0 or 1) and hardly any
gradient gets through; too small, and the signal fades. The original takes a variance of 2
over the number of inputs of each unit, $n_a + n_x$:

$$W \sim \mathcal N\!\left(0,\ \sigma^2\right), \qquad \sigma = \sqrt{\frac{2}{n_a + n_x}}.$$

That is the formula of He et al. (2015), but He derived it for ReLU units, which output 0 for
half of their inputs, the negative ones: hence the 2. For sigmoid and $\tanh$ the textbook choices
are Glorot and
Bengio's (2010), $\sigma^2 = 2/(n_\text{in} + n_\text{out})$ (the original calls it Xavier's,
Glorot's first name), and LeCun's, $\sigma^2 = 1/n_\text{in}$; PyTorch's `nn.LSTM` uses yet
another, the uniform $U(-1/\sqrt{n_a}, 1/\sqrt{n_a})$. The series keeps the original's so as
to compare with it: all four give weights of a few tenths at most and, with one-hot inputs,
small sums at first.
""", slide="subslide"),
    code(r"""
show_source(lstm_np.initialize_parameters, LANG)
"""),
    md(es=r"""
La desviación típica medida de cada matriz de la red de la sección 4 ($\hat\sigma$) frente a
la de la fórmula ($\sigma$):
""", en=r"""
The measured standard deviation of each matrix of the network of section 4 ($\hat\sigma$)
against the formula's ($\sigma$):
"""),
    code(r"""
std_gates = np.sqrt(2 / (n_a + n_x))
std_out = np.sqrt(2 / (n_a + n_y))
for name in lstm_np.PARAMETER_NAMES:
    p = parameters[name]
    if name.startswith("W"):
        formula = std_out if name == "Wy" else std_gates
        print(f"{name}  {str(p.shape):11s}  σ̂ = {p.std():.4f}   σ = {formula:.4f}")
    else:
        print(f"{name}  {str(p.shape):11s}  max|{name}| = {np.abs(p).max():.1f}")
"""),
    md(es=r"""
> **Fe de erratas del cuaderno original.** Dos errores, corregidos en el paquete:
>
> 1. Llamaba a `np.random.seed(1)` *dentro* de la función: reiniciaba el estado aleatorio
>    global de todo el programa en cada inicialización, y cualquier código aleatorio posterior
>    (el muestreo, por ejemplo) se repetía sin que nadie lo notara. Ahora la función recibe un
>    generador `rng` y solo usa ese.
> 2. Daba a $W_y$ la escala de las compuertas, aunque $W_y$ recibe $n_a$ números y produce
>    $n_y$. Ahora tiene la suya, $\sqrt{2/(n_a + n_y)}$; con $n_x = n_y$ las dos coinciden.
""", en=r"""
> **Erratum of the original notebook.** Two mistakes, fixed in the package:
>
> 1. It called `np.random.seed(1)` *inside* the function: that reset the global random state
>    of the whole program at every initialisation, and any later random code (sampling, for
>    instance) silently repeated itself. Now the function takes a generator `rng` and uses
>    that one only.
> 2. It gave $W_y$ the gates' scale, although $W_y$ takes $n_a$ numbers and produces $n_y$.
>    Now it has its own, $\sqrt{2/(n_a + n_y)}$; with $n_x = n_y$ the two coincide.
""", slide="subslide"),
    md(es=r"""
Con `rng` la reproducibilidad es local: la misma semilla da la misma red, y un mismo
generador usado dos veces da dos redes distintas (avanza, como debe).
""", en=r"""
With `rng` reproducibility is local: the same seed gives the same network, and one generator
used twice gives two different networks (it moves on, as it should).
"""),
    code(r"""
p1 = lstm_np.initialize_parameters(n_a, n_x, n_y, rng=np.random.default_rng(1))
#[es] misma semilla
#[en] same seed
print(all(np.array_equal(p1[k], parameters[k]) for k in parameters))

rng = np.random.default_rng(1)
q1 = lstm_np.initialize_parameters(n_a, n_x, n_y, rng=rng)
q2 = lstm_np.initialize_parameters(n_a, n_x, n_y, rng=rng)
#[es] el mismo generador, dos veces
#[en] same generator, twice
print(np.array_equal(q1["Wf"], q2["Wf"]))
"""),
    md(es=r"""
### Ejercicios

Primero, el hueco `lstm_forward` de arriba (los otros tres, `sigmoid`, `softmax` y
`lstm_cell_forward`, se hicieron en clase). Después:

1. **Sesgo de olvido.** Copia `parameters`, pon `bf` a 1 y repite el paso de la sección 5:
   ¿alrededor de qué valor queda $\Gamma_f$? ¿Por qué (calcula $\sigma(1)$)?
2. **Una mala escala.** Multiplica `parameters["Wy"]` por 20 y vuelve a calcular la pérdida
   de la red sin entrenar. ¿Sube o baja respecto a $\ln n_y$? ¿Por qué empieza peor una red
   que opina con fuerza sin saber nada?
3. **El lote no mezcla secuencias.** Pasa cada ventana de la sección 6 por separado
   ($m = 1$) y comprueba con `np.allclose` que obtienes las mismas columnas de `y`. ¿Qué
   operación podría mezclarlas si estuviera mal escrita?
4. **Dividir las puntuaciones.** Compara `softmax(z)`, `softmax(2 * z)` y `softmax(z / 2)`
   para una columna: es la *temperatura* de la lección 05.
""", en=r"""
### Exercises

First, the `lstm_forward` blank above (the other three, `sigmoid`, `softmax` and
`lstm_cell_forward`, were done in class). Then:

1. **Forget bias.** Copy `parameters`, set `bf` to 1 and repeat the step of section 5:
   around which value does $\Gamma_f$ sit? Why (compute $\sigma(1)$)?
2. **A bad scale.** Multiply `parameters["Wy"]` by 20 and compute the loss of the untrained
   network again. Does it go up or down relative to $\ln n_y$? Why does a network with
   strong opinions and no knowledge start worse?
3. **The batch does not mix sequences.** Run each window of section 6 on its own ($m = 1$)
   and check with `np.allclose` that you get the same columns of `y`. Which operation could
   mix them if it were written wrongly?
4. **Dividing the scores.** Compare `softmax(z)`, `softmax(2 * z)` and `softmax(z / 2)` for
   one column: it is the *temperature* of lesson 05.
"""),
    notes(es=r"""
Para corregir `lstm_forward`: los errores habituales son no actualizar `a_next`, `c_next`
dentro del bucle (cada paso empieza de cero) y guardar en `[:, t]` en lugar de `[:, :, t]`.
El ejercicio 3 descubre por qué la softmax va por columnas; el 4 prepara la lección 05.
""", en=r"""
To mark `lstm_forward`: the usual mistakes are not updating `a_next`, `c_next` inside the
loop (every step starts from zero) and storing at `[:, t]` instead of `[:, :, t]`. Exercise
3 finds out why the softmax works by columns; number 4 prepares lesson 05.
"""),
    guide("objectives", es=r"""
- Representar un texto como índices y vectores one-hot de forma $(n_x, m, T_x)$.
- Escribir la sigmoide y una softmax por columnas que no se desborda.
- Explicar qué hace cada compuerta y escribir un paso de la celda, `lstm_cell_forward`.
- Leer la red desplegada como un bucle sobre el tiempo, y explicar por qué la red sin
  entrenar pierde $\ln n_y$ nats por carácter.
""", en=r"""
- Represent a text as indices and one-hot vectors of shape $(n_x, m, T_x)$.
- Write the sigmoid and a column-wise softmax that does not overflow.
- Explain what each gate does and write one step of the cell, `lstm_cell_forward`.
- Read the unrolled network as a loop over time, and explain why the untrained network
  loses $\ln n_y$ nats per character.
"""),
    guide("prerequisites", es=r"""
numpy: el producto de matrices `@`, la difusión (*broadcasting*) y `axis=`. Una red neuronal
densa con una softmax a la salida, vista en otro curso. La regla de la cadena no hace falta
hasta la lección 02.
""", en=r"""
numpy: the matrix product `@`, broadcasting and `axis=`. A dense neural network with a
softmax output, seen in another course. The chain rule is not needed until lesson 02.
"""),
    guide("optional", es=r"""
Si la clase va justa, el profesor calcula la unidad 1 del ejemplo de $n_a = 2$ en la pizarra
en lugar de dejarla a la clase (ahorra 2 minutos). La estabilidad numérica ($z \approx 1000$),
la tabla de desviaciones $\hat\sigma$ y las fes de erratas están después de clase, como
lectura. El ejercicio 4 (temperatura) es opcional: la lección 05 lo retoma.
""", en=r"""
If time is short, the teacher works out unit 1 of the $n_a = 2$ example on the board instead
of leaving it to the class (saves 2 minutes). Numerical stability ($z \approx 1000$), the table
of standard deviations $\hat\sigma$ and the errata are after class, as reading. Exercise 4
(temperature) is optional: lesson 05 takes it up.
"""),
    guide("exit", es=r"""
1. ¿Qué forma tienen `concat` y $W_f$, y por qué se pueden multiplicar?
2. Si $\Gamma_f = 1$ y $\Gamma_u = 0$ en todos los pasos, ¿qué le pasa a $c$?
3. ¿Por qué una red recién inicializada pierde $\ln n_y$ nats por carácter y no más?
""", en=r"""
1. What shapes do `concat` and $W_f$ have, and why can they be multiplied?
2. If $\Gamma_f = 1$ and $\Gamma_u = 0$ at every step, what happens to $c$?
3. Why does a freshly initialised network lose $\ln n_y$ nats per character, and not more?
"""),
    guide("answers", es=r"""
**Preguntas de salida.** (1) `concat` es $(n_a + n_x, m)$ y $W_f$ es $(n_a, n_a + n_x)$: el
producto da $(n_a, m)$, un valor de la compuerta por unidad y por secuencia. (2) No cambia
nunca: $c^{\langle t \rangle} = c^{\langle t-1 \rangle}$, memoria perfecta (y nada nuevo
entra). (3) Con sesgos nulos y pesos pequeños las puntuaciones son casi iguales y la softmax
casi uniforme: cada carácter recibe unos $1/n_y$, y $-\ln(1/n_y) = \ln n_y$.

**La fe de erratas de la softmax (lectura).** *¿Por qué falla la fórmula del original con
$m = 2$?* Resta el máximo de todo el array, que es el de la otra columna: la segunda
columna queda unos 1000 por debajo, todos sus $e^{(\cdot)}$ se redondean a 0 y la división es
$0/0$.

**Ejercicios.** (1) Con $b_f = 1$, $\Gamma_f$ queda alrededor de $\sigma(1) \approx 0.73$ (más o
menos lo que aportan los pesos): la memoria empieza conservando casi tres cuartas partes por
paso; la lección 06 vuelve sobre este sesgo. (2) La pérdida sube por encima de $\ln n_y$: con
puntuaciones grandes y sin relación con el carácter correcto, la softmax da casi toda la
probabilidad a caracteres al azar, y el promedio de $\ln \sum_j e^{z_j} - z_\text{correcto}$
es al menos $\ln n_y$ (desigualdad de Jensen); equivocarse con seguridad cuesta más que dudar.
(3) Las columnas coinciden (`np.allclose` da `True`): ninguna operación mezcla columnas. Las
mezclaría una softmax que restara el máximo de todo el array (el error del original) o que
sumara con `axis=1`. (4) `softmax(2 * z)` es más puntiaguda (como $T = 0.5$) y
`softmax(z / 2)` más plana ($T = 2$); el orden de las probabilidades no cambia.
""", en=r"""
**Exit questions.** (1) `concat` is $(n_a + n_x, m)$ and $W_f$ is $(n_a, n_a + n_x)$: the
product is $(n_a, m)$, one gate value per unit and per sequence. (2) It never changes:
$c^{\langle t \rangle} = c^{\langle t-1 \rangle}$, perfect memory (and nothing new gets
in). (3) With zero biases and small weights the scores are nearly equal and the softmax nearly
uniform: every character gets about $1/n_y$, and $-\ln(1/n_y) = \ln n_y$.

**The softmax erratum (reading).** *Why does the original's formula fail with $m = 2$?* It
subtracts the maximum of the whole array, which is the other column's: the second column sits
about 1000 below it, all its $e^{(\cdot)}$ round to 0 and the division is $0/0$.

**Exercises.** (1) With $b_f = 1$, $\Gamma_f$ sits around $\sigma(1) \approx 0.73$ (give or take
what the weights add): the memory starts by keeping almost three quarters per step; lesson 06
comes back to this bias. (2) The loss goes up, above $\ln n_y$: with large scores unrelated to
the right character, the softmax gives almost all the probability to random characters, and
the mean of $\ln \sum_j e^{z_j} - z_\text{right}$ is at least $\ln n_y$ (Jensen's inequality);
being confidently wrong costs more than hesitating. (3) The columns match (`np.allclose` gives
`True`): no operation mixes columns. A softmax that subtracted the maximum of the whole array
(the original's mistake) or summed with `axis=1` would mix them. (4) `softmax(2 * z)` is
peakier (like $T = 0.5$) and `softmax(z / 2)` flatter ($T = 2$); the order of the
probabilities does not change.
"""),
]
