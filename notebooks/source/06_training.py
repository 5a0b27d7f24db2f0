"""Lesson 06: training on the whole text (epochs, streams, truncated BPTT), curves, checkpoints."""
from tools.nbsource import after_class, blank, code, guide, md, notes, settings, slide

CELLS = [
    # --- title, where we are ----------------------------------------------------------------
    md(es=r"""
# 06 · Entrenamiento: épocas, validación y puntos de control

**Dónde estamos.** Ya tenemos todas las piezas: la propagación hacia delante de la celda LSTM
(lección 01), la retropropagación en la celda y en el tiempo (02 y 03), Adam con recorte del
gradiente (04) y el muestreo (05). Falta juntarlas: **entrenar**.

![Red LSTM desplegada en el tiempo](../../img/lstm_unrolled_es.png)

Es la sección «Definición del modelo» del cuaderno original, corregida:

1. **los datos**: el texto limpio, la parte reservada para validar y el vocabulario;
2. **cómo se recorre el texto**: épocas, $m$ flujos en paralelo, estados que pasan de una
   ventana a la siguiente y retropropagación truncada;
3. **una actualización** escrita con tus propias funciones;
4. **entrenar** dos épocas y dibujar la pérdida de entrenamiento y de validación;
5. **puntos de control** (*checkpoints*) y reanudación exacta;
6. **el modelo preentrenado**: sobreajuste y el mejor punto de control.
""", en=r"""
# 06 · Training: epochs, validation and checkpoints

**Where we are.** We have every piece: the forward pass of the LSTM cell (lesson 01),
backpropagation through the cell and through time (02 and 03), Adam with gradient clipping
(04) and sampling (05). What is left is to put them together: **training**.

![LSTM network unrolled in time](../../img/lstm_unrolled_en.png)

This is the "model definition" section of the original notebook, fixed:

1. **the data**: the cleaned text, the part held out for validation and the vocabulary;
2. **how the text is read**: epochs, $m$ parallel streams, states carried from one window to
   the next, and truncated backpropagation;
3. **one update** written with your own functions;
4. **training** for two epochs and plotting the training and validation loss;
5. **checkpoints** and exact resuming;
6. **the pretrained model**: overfitting and keeping the best checkpoint.
"""),
    slide(es=r"""
# 06 · Entrenamiento: épocas, validación y puntos de control

- Todas las piezas de 01–05 a la vez: propagación, BPTT, Adam con recorte, muestreo
- Leer el libro **entero**, en épocas, y medir con texto reservado
- Guardar y reanudar sin cambiar nada
- En clase escribes `training_step`
""", en=r"""
# 06 · Training: epochs, validation and checkpoints

- Every piece of 01–05 at once: forward, BPTT, Adam with clipping, sampling
- Read the **whole** book, in epochs, and measure on held-out text
- Save and resume without changing anything
- In class you write `training_step`
"""),
    settings(),
    code(r"""
import json
import re
import tempfile
from pathlib import Path

import numpy as np

from lstm_np import (clip, compute_loss, generate, lstm_backward, lstm_forward, nats_to_bits,
                     one_hot, output_layer_backward, update_parameters_with_adam)
from lstm_np.lessons import plots
from lstm_np.exercises import use
from lstm_np.storage.checkpoint import load_pretrained, pretrained_path
from lstm_np.original import load_checkpoint
from lstm_np.storage.corpus import CORPORA, clean_text, load_corpus, split_text
from lstm_np.errors import CheckpointError
from lstm_np.i18n import number, tr
from lstm_np.lessons.notebook import show_source
from lstm_np.core.parameters import PARAMETER_NAMES
from lstm_np.engine.streams import Streams
from lstm_np.core.text import Vocabulary
from lstm_np.engine.train import Trainer, print_progress
from lstm_np.engine.config import TrainConfig
""", slide="skip"),
    notes(es=r"""
**2 min.** Sitúa la lección: todo lo de 01–05 se usa aquí a la vez. Ejecuta la celda de
ajustes y la de importaciones antes de empezar a hablar (cargan el texto).

Pregunta de entrada: «¿cuántos caracteres del libro crees que vio el cuaderno original en
10 000 iteraciones?» (respuesta en la sección 2: unos 10 000 de 120 000).
""", en=r"""
**2 min.** Set the scene: everything from 01–05 is used here at once. Run the settings and
import cells before you start talking (they load the text).

Opening question: "how many characters of the book do you think the original notebook saw in
10,000 iterations?" (answer in section 2: about 10,000 out of 120,000).
"""),

    # --- 1. the data --------------------------------------------------------------------------
    md(es=r"""
## 1. Los datos

`load_corpus` da el texto limpio, un párrafo por línea y en minúsculas (cómo se limpia queda
para después de clase), y `split_text` **reserva el último 10 %** para validación: la red nunca
entrena con él, y su pérdida dirá si la red *generaliza* o solo *memoriza* (el cuaderno
original solo mostraba una pérdida de entrenamiento suavizada). El **vocabulario** son los
caracteres distintos, ordenados; su tamaño es $n_x = n_y$. Una red que no sabe nada reparte la
probabilidad por igual: su pérdida es $\ln n_y$ nats por carácter, el punto de partida del
entrenamiento.
""", en=r"""
## 1. The data

`load_corpus` gives the cleaned text, one paragraph per line and lower case (how it is cleaned
is left for after class), and `split_text` **holds out the last 10%** for validation: the
network never trains on it, and its loss will tell whether the network *generalises* or only
*memorises* (the original notebook showed only a smoothed training loss). The **vocabulary**
is the sorted set of distinct characters; its size is $n_x = n_y$. A network that knows
nothing spreads probability evenly: its loss is $\ln n_y$ nats per character, where training
starts.
"""),
    code(r"""
text = load_corpus(CORPUS)
train_text, val_text = split_text(text)
vocab = Vocabulary.from_text(text)
print(tr("tr_text_sizes", LANG).format(
    total=number(len(text), LANG), train=number(len(train_text), LANG),
    val=number(len(val_text), LANG), share=len(val_text) / len(text)))
print(f"vocab.size      = {vocab.size}:", repr("".join(vocab.chars)))
print(f"ln(n_y) = {np.log(vocab.size):.4f} nats = {np.log2(vocab.size):.4f} bits")
""", mark="data"),
    slide(es=r"""
## 1. Los datos

- El último 10 % del texto, reservado: la red nunca entrena con él
- Su pérdida dice si la red *generaliza* o solo *memoriza*
- Una red que no sabe nada pierde $\ln n_y$ nats por carácter
""", en=r"""
## 1. The data

- The last 10% of the text, held out: the network never trains on it
- Its loss tells whether the network *generalises* or only *memorises*
- A network that knows nothing loses $\ln n_y$ nats per character
""", show="data"),
    notes(es=r"""
**2 min.** Ejecuta la celda del texto: los tamaños y el vocabulario. La limpieza es lectura de
después de clase.

- *¿Por qué el final del libro y no trozos al azar para validar?* Trozos al azar comparten
  frases con el entrenamiento; el final es texto de verdad nuevo.
- *¿Qué pérdida tiene una red sin entrenar?* $\ln n_y$ (la imprime la celda).

Error habitual: confundir $n_x$ (tamaño del vocabulario) con $T_x$ (longitud de la ventana).
""", en=r"""
**2 min.** Run the text cell: the sizes and the vocabulary. Cleaning is reading after
class.

- *Why the end of the book, not random pieces, for validation?* Random pieces share
  sentences with the training text; the end is really new text.
- *What loss does an untrained network have?* $\ln n_y$ (the cell prints it).

Usual mistake: mixing up $n_x$ (vocabulary size) with $T_x$ (window length).
"""),

    # --- 2. how the text is read ---------------------------------------------------------------
    md(es=r"""
## 2. Cómo se recorre el texto

### La ventana deslizante del cuaderno original

En la iteración $j$ el cuaderno original tomaba la ventana de 25 caracteres que empieza en la
posición $j$: entrada `data[j : j+25]`, objetivo `data[j+1 : j+26]`. La ventana avanza **un
carácter por iteración**. Contemos qué lee en `num_iterations=10000` iteraciones:
""", en=r"""
## 2. How the text is read

### The original notebook's sliding window

At iteration $j$ the original notebook took the 25-character window that starts at position
$j$: input `data[j : j+25]`, target `data[j+1 : j+26]`. The window moves **one character per
iteration**. Let us count what it reads in `num_iterations=10000` iterations:
"""),
    code(r"""
ITERATIONS, T_x = 10_000, 25
#[es] cuántas veces se lee cada carácter
#[en] how often each character is read
reads = np.zeros(len(text), dtype=int)
for j in range(ITERATIONS):
    index = j % len(text)
    if index + T_x + 1 > len(text):
        index = 0
    reads[index:index + T_x] += 1
seen = np.count_nonzero(reads)
print(f"np.count_nonzero(reads) = {number(seen, LANG):>7}   ({seen / len(text):.1%})")
print(f"reads.max()             = {reads.max():7d}")
print(f"ITERATIONS * T_x        = {number(ITERATIONS * T_x, LANG):>7}")
""", mark="sliding"),
    md(es=r"""
250 000 predicciones gastadas en el principio del libro, cada carácter leído hasta 25 veces,
y el resto nunca. Además cada ventana empezaba con $a^{\langle 0 \rangle} = 0$ (nada de lo leído
antes servía) y se entrenaba una sola secuencia a la vez ($m = 1$).

### Épocas, $m$ flujos y estados que continúan

`lstm_np.engine.streams.Streams` recorre **todo** el texto de entrenamiento en **épocas**, con
ventanas **consecutivas** de $T_x$ caracteres, $m$ a la vez:

1. El texto de entrenamiento (índices $0 \dots N-1$) se parte en $m$ **flujos** de longitud
   $L = \lfloor (N-1)/m \rfloor$.
2. Al empezar cada época se sortea un **desplazamiento** $o$ con el generador del
   entrenamiento. La actualización $w+1$ lee la **ventana** $w$ de cada flujo $i$:
   $$x_i = \text{texto}[\,o + iL + wT_x \;:\; o + iL + (w+1)T_x\,], \qquad
     y_i = \text{texto}[\,o + iL + wT_x + 1 \;:\; o + iL + (w+1)T_x + 1\,].$$
   `X` e `Y` son índices de forma $(m, T_x)$; en *one-hot*, `X` sería el lote
   $(n_x, m, T_x)$ de la lección 01.
3. Una época son $W = \lfloor L / T_x \rfloor$ actualizaciones.
4. Los estados **pasan de una ventana a la siguiente**: la ventana $w+1$ del flujo $i$ empieza
   con el $a^{\langle T_x \rangle}$ y el $c^{\langle T_x \rangle}$ con que acabó la ventana
   $w$, que es justo el texto anterior. La red puede usar contexto más largo que $T_x$. El
   gradiente, en cambio, se corta en el borde de la ventana: es la **retropropagación
   truncada en el tiempo** (*truncated BPTT*). Cada época empieza con estados cero.

Un ejemplo pequeño: 40 caracteres inventados (el 10 % final, `ABCD`, es de validación),
$m = 2$, $T_x = 5$, dos épocas:
""", en=r"""
250,000 predictions spent on the beginning of the book, each character read up to 25 times,
and the rest never. Moreover every window started from $a^{\langle 0 \rangle} = 0$ (nothing read
before
could help) and training used one sequence at a time ($m = 1$).

### Epochs, $m$ streams and states that carry on

`lstm_np.engine.streams.Streams` reads the **whole** training text in **epochs**, in **consecutive**
windows of $T_x$ characters, $m$ at a time:

1. The training text (indices $0 \dots N-1$) is cut into $m$ **streams** of length
   $L = \lfloor (N-1)/m \rfloor$.
2. At the start of every epoch an **offset** $o$ is drawn from the training generator. Update
   $w+1$ reads **window** $w$ of every stream $i$:
   $$x_i = \text{text}[\,o + iL + wT_x \;:\; o + iL + (w+1)T_x\,], \qquad
     y_i = \text{text}[\,o + iL + wT_x + 1 \;:\; o + iL + (w+1)T_x + 1\,].$$
   `X` and `Y` are indices of shape $(m, T_x)$; one-hot encoded, `X` would be the
   $(n_x, m, T_x)$ batch of lesson 01.
3. An epoch is $W = \lfloor L / T_x \rfloor$ updates.
4. The states are **carried from one window to the next**: window $w+1$ of stream $i$ starts
   from the $a^{\langle T_x \rangle}$ and $c^{\langle T_x \rangle}$ that window $w$ ended with,
   which is exactly the text before it. The network can use context longer than $T_x$. The
   gradient, however, is cut at the window border: this is **truncated backpropagation
   through time** (truncated BPTT). Every epoch starts from zero states.

A toy example: 40 made-up characters (the final 10%, `ABCD`, is for validation), $m = 2$,
$T_x = 5$, two epochs:
"""),
    code(r"""
toy_text = "abcdefghijklmnopqrstuvwxyz0123456789ABCD"
toy_train = split_text(toy_text)[0]
toy_vocab = Vocabulary.from_text(toy_text)
rng = np.random.default_rng(0)
streams = Streams(toy_vocab.encode(toy_train), m=2, T=5, n_a=4, dtype=np.float64)
print(f"N = {len(toy_train)}, L = {streams.stream_length}, W = {streams.windows_per_epoch}, "
      f"max_offset = {streams.max_offset}")
streams.start_epoch(rng)
for epoch in range(2):
    print(f"streams.epoch = {streams.epoch}, streams.offset = {streams.offset}")
    read = np.zeros(len(toy_train), dtype=bool)
    for w in range(streams.windows_per_epoch):
        X, Y = streams.batch()
        read[streams.positions()] = True
        print(f"    w = {w}:", "   ".join(f"X[{i}] = {toy_vocab.decode(X[i])!r} "
                                         f"Y[{i}] = {toy_vocab.decode(Y[i])!r}"
                                         for i in range(streams.m)))
        #[es] (aquí irían los estados nuevos)
        #[en] (the new states would go here)
        streams.advance(streams.a, streams.c, rng)
    unread = "".join(ch for ch, r in zip(toy_train, read) if not r)
    print(f"    {tr('tr_unread', LANG)}: {unread!r}")
""", deck="output", mark="toy"),
    md(es=r"""
Cada objetivo $Y$ es su entrada desplazada un carácter, y cada ventana de un flujo continúa
la anterior. En cada época unos pocos caracteres no son entrada de ninguna ventana: los $o$
anteriores al primer flujo, menos de $T_x$ entre la última ventana de un flujo y el comienzo
del siguiente, y los que sobran al final del texto. Si el desplazamiento fuera siempre
$o = 0$, serían siempre los mismos y la red nunca aprendería a predecir a partir de ellos; con
$o$ sorteado en cada época, lo que una época deja fuera lo lee otra. En el libro real:
""", en=r"""
Each target $Y$ is its input shifted by one character, and each window of a stream carries on
from the previous one. In every epoch a few characters are the input of no window: the $o$
before the first stream, fewer than $T_x$ between the last window of one stream and the start
of the next, and those left over at the end of the text. If the offset were always $o = 0$
they would always be the same ones and the network would never learn to predict from them;
with $o$ drawn every epoch, what one epoch leaves out another one reads. In the real book:
"""),
    code(r"""
m, T_x = 32, 25
book = Streams(vocab.encode(train_text), m=m, T=T_x, n_a=1, dtype=np.float64)
W = book.windows_per_epoch
print(f"N = {number(len(train_text), LANG)}, L = {book.stream_length}, W = {W}, "
      f"max_offset = {book.max_offset}")
print(f"W * m * T_x = {number(W * m * T_x, LANG)}   ({W * m * T_x / (len(train_text) - 1):.1%})")
""", mark="book"),
    slide(es=r"""
## 2. Cómo se recorre el texto: la ventana del original

- Iteración $j$: la ventana de 25 caracteres que empieza en $j$
- Avanza **un carácter** por iteración: lee muchas veces el principio del libro, y el resto
  nunca
- Cada ventana empieza con $a^{\langle 0 \rangle} = 0$, y una secuencia a la vez
""", en=r"""
## 2. How the text is read: the original's window

- Iteration $j$: the 25-character window that starts at $j$
- It moves **one character** per iteration: it reads the start of the book many times, and
  the rest never
- Every window starts from $a^{\langle 0 \rangle} = 0$, one sequence at a time
""", show="sliding"),
    slide(es=r"""
### Épocas, $m$ flujos y estados que continúan

$$x_i = \text{texto}[\,o + iL + wT_x \;:\; o + iL + (w+1)T_x\,]$$

- El texto, partido en $m$ **flujos**; la actualización $w+1$ lee la ventana $w$ de cada uno
- Los estados $a$, $c$ **pasan** a la ventana siguiente: más contexto que $T_x$
- El gradiente se corta en el borde: **BPTT truncada**
- Cada época, un desplazamiento $o$ al azar
""", en=r"""
### Epochs, $m$ streams and states that carry on

$$x_i = \text{text}[\,o + iL + wT_x \;:\; o + iL + (w+1)T_x\,]$$

- The text, cut into $m$ **streams**; update $w+1$ reads window $w$ of each
- The states $a$, $c$ **carry over** to the next window: more context than $T_x$
- The gradient stops at the border: **truncated BPTT**
- Every epoch, a random offset $o$
""", notes_es=r"""
**Diapositiva «Épocas, $m$ flujos».** Aquí va el dibujo en la pizarra: el texto en $m$
tiras, las ventanas avanzando a la vez.
""", notes_en=r"""
**Slide "Epochs, $m$ streams".** This is where the board drawing goes: the text in $m$
strips, the windows moving together.
"""),
    slide(es=r"""
### Un ejemplo pequeño: $m = 2$, $T_x = 5$

- Cada $Y$ es su $X$ desplazado un carácter; cada ventana sigue a la anterior
- Lo que una época deja fuera, lo lee otra
""", en=r"""
### A toy example: $m = 2$, $T_x = 5$

- Each $Y$ is its $X$ shifted by one character; each window carries on from the last
- What one epoch leaves out, another one reads
""", show="toy"),
    slide(es=r"""
### En el libro: $m = 32$, $T_x = 25$

- Una época son $W$ actualizaciones y lee casi todo el texto de entrenamiento
""", en=r"""
### In the book: $m = 32$, $T_x = 25$

- An epoch is $W$ updates and reads almost all of the training text
""", show="book"),
    notes(es=r"""
**10 min.** El centro de la lección. Ejecuta la cuenta de la ventana deslizante del original
(2 minutos). Dibuja en la pizarra el texto partido en $m$ flujos y las ventanas avanzando a la
vez en todos (3 minutos), y ejecuta en directo el ejemplo pequeño y el del libro (3 minutos).
El código de `Streams` es lectura de después de clase. Preguntas (2 minutos):

- *¿Cuántas veces lee el original su carácter más leído?* 25, uno por ventana que lo
  contiene; y más del 90 % del libro, nunca.
- *Si los estados pasan de una ventana a otra, ¿por qué no el gradiente?* Habría que guardar
  las cachés de todo el libro y retropropagar 100 000 pasos: memoria y tiempo imposibles, y el
  gradiente se desvanece igualmente (lección 03). Es la retropropagación truncada.
- *¿Qué pasaría con $o = 0$ siempre?* Los mismos caracteres quedarían fuera en todas las
  épocas.

Error habitual: creer que los $m$ flujos son $m$ copias del mismo texto; son $m$ trozos
distintos, leídos a la vez.
""", en=r"""
**10 min.** The heart of the lesson. Run the count of the original's sliding window (2
minutes). Draw the text cut into $m$ streams on the board, and the windows moving forward in
all of them at once (3 minutes), then run the toy example and the book's live (3 minutes). The
code of `Streams` is reading after class. Questions (2 minutes):

- *How often does the original read its most-read character?* 25 times, once per window
  that contains it; and more than 90% of the book, never.
- *If the states carry over from one window to the next, why not the gradient?* We would have
  to keep the caches of the whole book and backpropagate 100,000 steps: impossible memory
  and time, and the gradient vanishes anyway (lesson 03). That is truncated backprop.
- *What would happen with $o = 0$ every time?* The same characters would be left out in
  every epoch.

Usual mistake: thinking the $m$ streams are $m$ copies of the same text; they are $m$
different pieces, read at once.
"""),

    # --- 3. one update ------------------------------------------------------------------------
    md(es=r"""
## 3. Una actualización

Una actualización encadena todo lo de las lecciones 01–04 sobre un lote de ventanas:
propagación hacia delante desde los estados que trae cada flujo, pérdida media por carácter,
retropropagación, recorte y un paso de Adam, con las funciones del cuaderno original (en el
cuaderno del estudiante la escribes tú, en su hueco). Después la comparamos con la actualización
del paquete
sobre el mismo lote.
""", en=r"""
## 3. One update

One update chains everything from lessons 01–04 over a batch of windows: the forward pass
from the states each stream carries, the mean loss per character, backpropagation, clipping
and one Adam step, with the original notebook's functions (in the student notebook you write
it, in its blank). Then we compare it with the package's update on the same batch.
"""),
    slide(es=r"""
## 3. Una actualización: tu turno (7 minutos)

1. `lstm_forward` desde los estados `a0` que trae cada flujo
2. `compute_loss`: la pérdida media por carácter, **antes** de actualizar
3. `output_layer_backward` y después `lstm_backward`
4. `clip`, y después `update_parameters_with_adam` con su `t`
""", en=r"""
## 3. One update: your turn (7 minutes)

1. `lstm_forward` from the states `a0` each stream carries
2. `compute_loss`: the mean loss per character, **before** the update
3. `output_layer_backward`, then `lstm_backward`
4. `clip`, then `update_parameters_with_adam` with its `t`
"""),
    blank(doc_es=r'''
Una actualización de entrenamiento: propagación, pérdida, retropropagación, recorte, Adam.

Argumentos:
X -- entradas one-hot, de forma (n_x, m, T_x)
Y -- índices de los caracteres siguientes (objetivos), enteros de forma (m, T_x)
a0 -- estado oculto inicial, de forma (n_a, m) (c empieza en ceros, como en lstm_forward)
parameters, v, s -- diccionarios de parámetros y de momentos de Adam
t -- número de esta actualización (1, 2, ...), sin reiniciar nunca
learning_rate -- alfa de Adam;  clip_value -- cota del recorte (0.2 = 5/T_x, lección 04)

Devuelve:
loss -- pérdida media por carácter (nats), calculada ANTES de actualizar
parameters, v, s -- actualizados

Pasos:
1. a, y_hat, c, caches = lstm_forward(X, a0, parameters)
2. loss = compute_loss(y_hat, Y)
3. la capa de salida: output_layer_backward(y_hat, Y, a, parameters) da dWy, dby y
   da = Wy^T dz, con dz = (y_hat - onehot(Y)) / (m T_x)
4. gradients = lstm_backward(da, caches), y añádele dWy y dby
5. clip(gradients, clip_value)
6. update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate)
''', doc_en=r'''
One training update: forward, loss, backward, clipping, Adam.

Arguments:
X -- one-hot inputs, of shape (n_x, m, T_x)
Y -- indices of the next characters (targets), ints of shape (m, T_x)
a0 -- initial hidden state, of shape (n_a, m) (c starts at zeros, as in lstm_forward)
parameters, v, s -- dictionaries of parameters and of Adam's moments
t -- number of this update (1, 2, ...), never restarted
learning_rate -- Adam's alpha;  clip_value -- the clipping bound (0.2 = 5/T_x, lesson 04)

Returns:
loss -- mean loss per character (nats), computed BEFORE the update
parameters, v, s -- updated

Steps:
1. a, y_hat, c, caches = lstm_forward(X, a0, parameters)
2. loss = compute_loss(y_hat, Y)
3. the output layer: output_layer_backward(y_hat, Y, a, parameters) gives dWy, dby and
   da = Wy^T dz, with dz = (y_hat - onehot(Y)) / (m T_x)
4. gradients = lstm_backward(da, caches), then add dWy and dby to it
5. clip(gradients, clip_value)
6. update_parameters_with_adam(parameters, gradients, v, s, t, learning_rate)
''', code=r'''
def training_step(X, Y, a0, parameters, v, s, t, learning_rate=0.01, clip_value=0.2):
    ### BEGIN SOLUTION
    a, y_hat, c, caches = lstm_forward(X, a0, parameters)
    loss = compute_loss(y_hat, Y)
    out = output_layer_backward(y_hat, Y, a, parameters)
    gradients = lstm_backward(out["da"], caches)
    gradients["dWy"], gradients["dby"] = out["dWy"], out["dby"]
    gradients = clip(gradients, clip_value)
    parameters, v, s = update_parameters_with_adam(parameters, gradients, v, s, t,
                                                   learning_rate)
    ### END SOLUTION
    return loss, parameters, v, s
'''),
    code(r"""
#[es] globals().get da None si tu celda no llegó a definir la función (vacía, con un error)
#[en] globals().get gives None if your cell did not define the function (empty, or it failed)
training_step = use("training_step", globals().get("training_step"), LANG)
""", only="student"),
    code(r"""
#[es] la del paquete: la solución del hueco
#[en] the package's: the blank's solution
from lstm_np.exercises import training_step
""", only="complete"),
    md(es=r"""
El `Trainer` del paquete (sección 4) hace cada actualización en `Trainer.step`. Un `Trainer`
pequeño, en `float64`, da su primer lote con `next_batch` (`X`, `Y` y los estados iniciales,
aún nulos) y los momentos de Adam con `adam_moments`; `training_step` hace la actualización sobre
ese lote, y `Trainer.step` la suya:
""", en=r"""
The package's `Trainer` (section 4) does each update in `Trainer.step`. A small `Trainer`, in
`float64`, gives its first batch with `next_batch` (`X`, `Y` and the initial states, still
zero) and Adam's moments with `adam_moments`; `training_step` does the update on that batch,
and `Trainer.step` does its own:
"""),
    code(r"""
small = Trainer(text, TrainConfig(n_a=64, batch_size=16, dtype="float64", workers=1))
X, Y, a0, c0 = small.next_batch()
parameters = {name: p.copy() for name, p in small.parameters.items()}
before = {name: p.copy() for name, p in parameters.items()}
v, s = small.adam_moments()
lr, tau = small.config.learning_rate, small.config.clip_value
loss, parameters, v, s = training_step(one_hot(X, vocab.size), Y, a0, parameters, v, s, 1, lr, tau)
small_loss = small.step()
difference = max(np.abs(parameters[k] - small.parameters[k]).max() for k in PARAMETER_NAMES)
step = max(np.abs(parameters[k] - before[k]).max() for k in PARAMETER_NAMES)
same = difference < 1e-10 and abs(loss - small_loss) < 1e-10 and step > 1e-3
print(tr("one_update_same" if same else "one_update_differs", LANG).format(
    tol="1e-10", step="1e-3"))
""", mark="same"),
    slide(es=r"""
### La misma que la del paquete

- Tu `training_step` y `Trainer.step`, sobre el mismo lote
- Recortar antes de Adam; `t` cuenta desde 1 y nunca vuelve a empezar
""", en=r"""
### The same as the package's

- Your `training_step` and `Trainer.step`, on the same batch
- Clip before Adam; `t` counts from 1 and never starts again
""", show="same"),
    notes(es=r"""
**10 min.** Presenta los pasos (1 minuto) y da 7 minutos para escribir `training_step` (o
hazlo en directo con la clase dictando el orden). Ejecuta la comparación con la actualización
del paquete (1 minuto) y pregunta (1 minuto). El código de `Trainer.step` y sus tres
diferencias de camino son lectura de después de clase.

- *¿En qué orden van recorte y Adam?* Primero recortar el gradiente, luego Adam; y el contador
  `t` de Adam se incrementa **antes** del paso (la corrección de sesgo usa `t` ≥ 1).
- *¿Qué estados devuelve la actualización?* Los del último paso de la ventana,
  $a^{\langle T_x \rangle}$ y $c^{\langle T_x \rangle}$: los de la ventana siguiente.

Errores habituales: sumar la pérdida en lugar de promediarla (gradientes $mT_x$ veces
mayores); olvidar incrementar `t`.
""", en=r"""
**10 min.** Present the steps (1 minute) and give 7 minutes to write `training_step` (or do
it live with the class calling out the order). Run the comparison with the package's update
(1 minute) and ask (1 minute). The code of `Trainer.step` and its three differences of path
are reading after class.

- *In which order do clipping and Adam go?* Clip the gradient first, then Adam; and Adam's
  counter `t` is incremented **before** the step (bias correction needs `t` ≥ 1).
- *Which states does the update return?* Those of the window's last step,
  $a^{\langle T_x \rangle}$ and $c^{\langle T_x \rangle}$: the next window's.

Usual mistakes: summing the loss instead of averaging it (gradients $mT_x$ times larger);
forgetting to increment `t`.
"""),

    # --- 4. train -------------------------------------------------------------------------------
    md(es=r"""
## 4. Entrenar

Un `Trainer` con $n_a = 100$, $T_x = 25$, $m = 32$ flujos y Adam con $\alpha = 0.01$ (como
los modelos preentrenados), semilla 0 (un generador propio, nada de
`np.random.seed` global). `trainer.train(updates=N, every=K)` entrena hasta que su contador
de actualizaciones, `trainer.t` (el `t` de Adam, la $k$ de la lección 04), llega a $N$ (un
**total**, no «$N$ más») y
cada $K$ actualizaciones escribe una línea: la
pérdida de entrenamiento (media de las últimas $K$ actualizaciones) y la de validación, ambas
**por carácter**,
$$\mathcal{L} = -\frac{1}{m\,T_x}\sum_{i=1}^{m}\sum_{t=1}^{T_x}
  \ln \hat{y}^{\langle t \rangle}_i\big[y^{\langle t \rangle}_i\big]
  \quad\text{nats}, \qquad \mathcal{L}_{\text{bits}} = \mathcal{L} / \ln 2 .$$
(El cuaderno original mostraba la suma sobre 25 caracteres, con una media móvil que arrastra
su primer valor durante cientos de iteraciones: ejercicio 1 de la lección 02.) Dos épocas, menos
trabajo que las 10 000 iteraciones del cuaderno original, recorren el libro entero dos veces:
""", en=r"""
## 4. Training

A `Trainer` with $n_a = 100$, $T_x = 25$, $m = 32$ streams and Adam with $\alpha = 0.01$ (as
the pretrained models), seed 0 (its own generator, no global
`np.random.seed`). `trainer.train(updates=N, every=K)` trains until its update counter,
`trainer.t` (Adam's `t`, lesson 04's $k$), reaches $N$ (a **total**, not "$N$ more") and every $K$
updates writes
one line: the training loss (mean
of the last $K$ updates) and the validation loss, both **per character**,
$$\mathcal{L} = -\frac{1}{m\,T_x}\sum_{i=1}^{m}\sum_{t=1}^{T_x}
  \ln \hat{y}^{\langle t \rangle}_i\big[y^{\langle t \rangle}_i\big]
  \quad\text{nats}, \qquad \mathcal{L}_{\text{bits}} = \mathcal{L} / \ln 2 .$$
(The original notebook showed the sum over 25 characters, through a moving average that
drags its first value along for hundreds of iterations: exercise 1 of lesson 02.) Two epochs,
less work
than the original notebook's 10,000 iterations, read the whole book twice:
"""),
    code(r"""
trainer = Trainer(text, TrainConfig(seed=0, batch_size=32, learning_rate=0.01, workers=2))

def log(line):
    #[es] una línea por cada K actualizaciones, en el idioma del lector
    #[en] one line every K updates, in the reader's language
    h = trainer.history
    print(tr("train_log", LANG).format(update=h["update"][-1], epoch=h["epoch"][-1],
                                       train=h["train_loss"][-1], val=h["val_loss"][-1],
                                       bits=nats_to_bits(h["val_loss"][-1])))
""", slide="subslide"),
    code(r"""
#[es] tras cada actualización: la norma del gradiente antes del recorte, y si recortó
#[en] after every update: the gradient's norm before clipping, and whether it clipped
trainer.measure_gradients = True
norms, clipped = [], []

def record(done, total, seconds):
    norms.append(trainer.measures["gradient_norm"])
    clipped.append(trainer.measures["clipped"])
    print_progress(done, total, seconds)
""", deck="skip"),
    code(r"""
N = trainer.updates_for_epochs(2)
history = trainer.train(updates=N, every=45, log=log, progress=record)
"""),
    code(r"""
fig = plots.plot_losses(history, lang=LANG)
""", mark="curves", alt={
        "es": ("Pérdida de entrenamiento y de validación a lo largo del entrenamiento, en nats y "
               "en bits por carácter"),
        "en": "Training and validation loss during training, in nats and in bits per character"}),
    md(es=r"""
(Las líneas de puntos marcan dónde acaba cada época; la segunda es el final del entrenamiento.)
La red empieza en $\ln n_y$, como la red sin entrenar de más abajo (`t = 0`), y la pérdida baja
deprisa: el primer punto, la media de las 45 primeras actualizaciones, ya está muy por debajo.
Las dos curvas van juntas: la red aún no ha tenido tiempo de memorizar, así que lo
que aprende le sirve igual para el texto que no ha visto. Al principio la de entrenamiento
queda *por encima* de la de validación porque es una media de las últimas 45 actualizaciones,
mientras la red mejoraba; la de validación se mide al final.

Pedimos 150 caracteres tras `"gregor"` (temperatura 0.8, $k = 5$, como en la lección 05) a la
red recién inicializada, a la que acabamos de entrenar y al modelo preentrenado (entrenado con
este mismo código; el archivo guarda los parámetros de su mejor época, sección 6), y contamos qué
parte de las palabras escritas existen en el texto de
entrenamiento:
""", en=r"""
(The dotted lines mark where each epoch ends; the second is the end of training.) The network
starts at $\ln n_y$, like the untrained network below (`t = 0`), and the loss falls fast: the
first point, the mean of the first 45 updates, is already far below. The two curves go
together: the network has not had time to memorise, so what it learns works as
well on text it has not seen. At first the training loss lies *above* the validation loss
because it is a mean over the last 45 updates, while the network was improving; the
validation loss is measured at the end.

We ask for 150 characters after `"gregor"` (temperature 0.8, $k = 5$, as in lesson 05) from
the freshly initialised network, the one we just trained and the pretrained model (trained with
this same code; the file keeps the parameters of its best epoch, section 6), and count which share
of the words written exist in the training text:
"""),
    code(r"""
known_words = set(re.findall(r"[^\W\d_]+", train_text))
untrained = Trainer(text, TrainConfig(seed=0, batch_size=32, learning_rate=0.01, workers=2))
model = load_pretrained(LANG)
stages = [(untrained.parameters, 0, untrained.validation_loss()),
          (trainer.parameters, trainer.t, history["val_loss"][-1]),
          (model.parameters, model.hyperparameters["updates"], model.hyperparameters["val_loss"])]
for parameters, t, val in stages:
    sample = generate(parameters, vocab, "gregor", length=150, temperature=0.8, k=5, rng=0)
    words = re.findall(r"[^\W\d_]+", sample)
    share = np.mean([w in known_words for w in words])
    print(f"--- t = {t}, val = {val:.2f} {tr('tr_nats_char', LANG)}, "
          + tr("tr_known_words", LANG).format(share=share))
    print(sample)
    print()
""", slide="subslide", deck="output"),
    md(es=r"""
Sin entrenar, la red da a todos los caracteres casi la misma probabilidad y el texto sale al
azar. La parte de palabras que existen crece en cada etapa: tras dos épocas ya hay espacios en
su sitio y palabras reales mezcladas con inventadas; el modelo preentrenado escribe sobre todo
palabras del libro, aunque las frases pierden el sentido a las pocas palabras. Es lo que da de
sí una red de 100 unidades entrenada con un libro de unos 100 000 caracteres.
""", en=r"""
Untrained, the network gives every character nearly the same probability and the text comes
out at random. The share of words that exist grows at each stage: after two epochs there are
spaces in the right places and real words mixed with invented ones; the pretrained model
writes mostly words of the book, though the sentences lose their meaning after a few words.
That is what a 100-unit network trained on a book of about 100,000 characters can do.
"""),
    slide(es=r"""
## 4. Entrenar

$$\mathcal{L} = -\frac{1}{m\,T_x}\sum_{i=1}^{m}\sum_{t=1}^{T_x}
  \ln \hat{y}^{\langle t \rangle}_i\big[y^{\langle t \rangle}_i\big]
  \quad\text{nats por carácter}$$

- $n_a = 100$, $T_x = 25$, $m = 32$, Adam con $\alpha = 0.01$, semilla 0
- `updates=N` es un **total**: se entrena hasta que `t` llega a $N$
- Dos épocas: el libro entero, dos veces
""", en=r"""
## 4. Training

$$\mathcal{L} = -\frac{1}{m\,T_x}\sum_{i=1}^{m}\sum_{t=1}^{T_x}
  \ln \hat{y}^{\langle t \rangle}_i\big[y^{\langle t \rangle}_i\big]
  \quad\text{nats per character}$$

- $n_a = 100$, $T_x = 25$, $m = 32$, Adam with $\alpha = 0.01$, seed 0
- `updates=N` is a **total**: training runs until `t` reaches $N$
- Two epochs: the whole book, twice
"""),
    slide(es=r"""
### Las curvas

- Un punto cada 45 actualizaciones; van juntas: la red aún no ha tenido tiempo de memorizar
- Al principio la de entrenamiento queda por encima: es una media mientras la red mejoraba
""", en=r"""
### The curves

- A point every 45 updates; they go together: the network has not had time to memorise
- At first the training loss lies above: it is a mean while the network was improving
""", show="curves"),
    slide(es=r"""
### Qué escribe: 150 caracteres tras «gregor»

- Sin entrenar: caracteres al azar
- Dos épocas: espacios en su sitio, palabras reales mezcladas con inventadas
- Preentrenada: sobre todo palabras del libro; las frases pierden el sentido a las pocas
  palabras
""", en=r"""
### What it writes: 150 characters after "gregor"

- Untrained: random characters
- Two epochs: spaces in the right places, real words mixed with invented ones
- Pretrained: mostly words of the book; the sentences lose their meaning after a few words
""", notes_es=r"""
**Diapositiva «Qué escribe».** Pasa al cuaderno y lee en voz alta las tres muestras y la
parte de palabras que existen.
""", notes_en=r"""
**Slide "What it writes".** Switch to the notebook and read out the three samples and the
share of words that exist.
"""),
    slide(es=r"""
### Frente a qué medirla: contar caracteres

$$P(c \mid h) = \frac{N(h, c) + k}{N(h) + k\,n_y}$$

- Un modelo de $n$-gramas: qué siguió, en el texto de entrenamiento, a los $n - 1$
  caracteres anteriores $h$
- $k$ se elige con el texto de entrenamiento, nunca con el de validación
""", en=r"""
### What to measure it against: counting characters

$$P(c \mid h) = \frac{N(h, c) + k}{N(h) + k\,n_y}$$

- An $n$-gram model: what followed, in the training text, the $n - 1$ characters before, $h$
- $k$ is chosen on the training text, never on the validation text
"""),
    slide(es=r"""
### Lo que compra la LSTM

- Los 4-gramas ya ganan a nuestra LSTM de dos épocas
- La red preentrenada queda por debajo de todas las tablas
""", en=r"""
### What the LSTM buys

- 4-grams already beat our two-epoch LSTM
- The pretrained network lies below every table
""", show="baseline"),
    md(es=r"""
### Frente a qué medirla: contar caracteres

¿Es buena una pérdida de 1.8 nats? $\ln n_y$ es un listón bajo. Una referencia más justa es
la de *makemore*: un **modelo de $n$-gramas**, que predice cada carácter $c$ solo con contar,
en el texto de entrenamiento, qué siguió a los $n - 1$ caracteres anteriores $h$:
$$P(c \mid h) = \frac{N(h, c) + k}{N(h) + k\,n_y} .$$
El $k$ evita dar probabilidad 0 a lo que nunca se vio; se elige con el último 10 % del texto
de entrenamiento, nunca con el de validación (`lstm_np/core/ngram.py`). La misma medida sobre el
mismo texto de validación:
""", en=r"""
### What to measure it against: counting characters

Is a loss of 1.8 nats good? $\ln n_y$ is a low bar. A fairer reference is makemore's: an
**$n$-gram model**, which predicts each character $c$ just by counting, in the training text,
what followed the $n - 1$ characters before it, $h$:
$$P(c \mid h) = \frac{N(h, c) + k}{N(h) + k\,n_y} .$$
The $k$ keeps what was never seen from getting probability 0; it is chosen on the last 10% of
the training text, never on the validation text (`lstm_np/core/ngram.py`). The same measure on the
same validation text:
""", slide="subslide"),
    code(r"""
from lstm_np.core.ngram import ngram_baseline

train_ix, val_ix = vocab.encode(train_text), vocab.encode(val_text)
rows = [(tr("uniform_guess", LANG), np.log(vocab.size))]
for n in range(1, 6):
    loss, k = ngram_baseline(train_ix, val_ix, n, vocab.size)
    rows.append((tr("tr_ngram", LANG).format(n=n, k=k), loss))
rows += [(tr("tr_lstm_run", LANG).format(t=trainer.t), history["val_loss"][-1]),
         (tr("pretrained_net", LANG), model.hyperparameters["val_loss"])]
for label, loss in rows:
    print(f"{label:28s} {loss:.2f} {tr('tr_nats_char', LANG)}")
""", mark="baseline", deck="output"),
    md(es=r"""
Contar los tres caracteres anteriores (4-gramas) ya da una pérdida menor que la de nuestra
LSTM de dos épocas: la red aún no ha aprendido lo que una tabla de conteos sabe. Con un
carácter más de contexto (5-gramas) la tabla no mejora: la mayoría de los contextos de cuatro
caracteres se vieron pocas veces, y sus conteos no generalizan. La red preentrenada queda por
debajo de todos los $n$-gramas: usa más contexto que los últimos caracteres sin necesitar una
tabla para cada uno. Es lo que compra la LSTM, y el listón con el que leer cada pérdida de la
serie.
""", en=r"""
Counting the three characters before (4-grams) already gives a lower loss than our two-epoch
LSTM: the network has not yet learnt what a table of counts knows. With one more character
of context (5-grams) the table does not improve: most four-character contexts were seen only
a few times, and their counts do not generalise. The pretrained network lies below every
$n$-gram model: it uses more context than the last few characters without needing a table
entry for each. That is what the LSTM buys, and the bar against which to read every loss of
the series.
"""),
    notes(es=r"""
**11 min.** Ejecuta el entrenamiento en directo (unos segundos) y comenta las líneas según
salen, luego las curvas (4 minutos). Lee las tres muestras (2 minutos). Presenta los
$n$-gramas, ejecuta la tabla y léela frente a la LSTM (3 minutos). La norma del gradiente
durante este entrenamiento es lectura de después de clase. Preguntas (2 minutos):

- *¿Por qué la pérdida inicial es $\ln n_y$ (no dibujada: el primer punto es la media de 45
  actualizaciones)?* Pesos pequeños → puntuaciones casi iguales →
  softmax casi uniforme.
- *¿Por qué la de entrenamiento empieza por encima de la de validación?* Es una media de las
  últimas 45 actualizaciones, mientras la red mejoraba.
- *¿Qué significa 1.8 nats por carácter?* Unos 2.6 bits: como dudar entre
  $2^{2.6} \approx 6$ caracteres.
- *¿Por qué una tabla de 4-gramas gana a la LSTM de dos épocas?* La red aún no ha aprendido lo
  que los conteos saben; la preentrenada queda por debajo de todas las tablas.

Error habitual: leer `updates=N` como «N más»; es el total que alcanza `t`.
""", en=r"""
**11 min.** Run the training live (a few seconds) and comment on the lines as they come,
then the curves (4 minutes). Read the three samples (2 minutes). Present the $n$-grams, run
the table and read it against the LSTM (3 minutes). The gradient norm during this run is
reading after class. Questions (2 minutes):

- *Why is the initial loss $\ln n_y$ (not drawn: the first point is a mean over 45
  updates)?* Small weights → nearly equal scores → nearly uniform
  softmax.
- *Why does the training loss start above the validation loss?* It is a mean over the last
  45 updates, while the network was improving.
- *What does 1.8 nats per character mean?* About 2.6 bits: like hesitating between
  $2^{2.6} \approx 6$ characters.
- *Why does a table of 4-grams beat the two-epoch LSTM?* The network has not yet learnt what
  the counts know; the pretrained one lies below every table.

Usual mistake: reading `updates=N` as "N more"; it is the total `t` reaches.
"""),

    # --- 5. checkpoints -----------------------------------------------------------------------
    md(es=r"""
## 5. Puntos de control y reanudación exacta

Un entrenamiento largo se interrumpe. Un **punto de control** (en el código, `checkpoint`) debe
guardar
**todo** lo que el siguiente paso necesita, para que reanudar dé *exactamente* lo mismo que no
haber parado. `Trainer.save` escribe un `.npz` con los **parámetros** con los nombres del
cuaderno original (cualquiera los abre con `np.load`), los **momentos de Adam** `v_*` y `s_*` y
su **contador `t`**, los **estados** $a$ y $c$ de los $m$ flujos, la **posición** en los datos
(época, ventana, desplazamiento), el **estado del generador aleatorio**, el sha256 del texto,
el **vocabulario**, los **hiperparámetros** y la **versión del formato** (en `meta`, JSON).
""", en=r"""
## 5. Checkpoints and exact resuming

Long training gets interrupted. A **checkpoint** must hold **everything** the next step needs,
so that resuming gives *exactly* the same result as never stopping. `Trainer.save` writes an
`.npz` with the **parameters** under the original notebook's names (anyone can open them with
`np.load`), **Adam's moments** `v_*` and `s_*` and its **counter `t`**, the **states** $a$ and $c$
of the $m$ streams, the **position** in the data (epoch, window, offset), the **random
generator's state**, the text's sha256, the **vocabulary**, the **hyperparameters** and the
**format version** (in `meta`, JSON).
"""),
    code(r"""
tmp = tempfile.TemporaryDirectory()
folder = Path(tmp.name)
checkpoint = folder / "checkpoint.npz"

A = Trainer(text, TrainConfig(seed=0, batch_size=32, learning_rate=0.01, workers=2))
A.train(updates=100, log=None)
A.save(checkpoint)

with np.load(checkpoint, allow_pickle=False) as f:
    arrays = {key: f[key] for key in f.files}
meta = json.loads(str(arrays.pop("meta")))
for names in (PARAMETER_NAMES[:4], PARAMETER_NAMES[4:8], PARAMETER_NAMES[8:],
              ("t", "a_state", "c_state")):
    print("   ".join(f"{key} {arrays[key].shape} {arrays[key].dtype}" for key in names))
print("v_*:", " ".join(key for key in arrays if key.startswith("v_")))
print("s_*:", " ".join(key for key in arrays if key.startswith("s_")))
print("meta:", sorted(meta))
print("meta['progress']:", ", ".join(
    f"{key}={meta['progress'][key]!r}" if key in ("epoch", "window", "offset") else f"{key}=…"
    for key in sorted(meta["progress"])))
""", slide="subslide", mark="checkpoint"),
    md(es=r"""
El entrenador **A** entrenó 100 actualizaciones y guardó; **B** se reanuda desde ese archivo
y sigue hasta el mismo total que `trainer` (sección 4), que entrenó de un tirón. Por el camino
B cruza el final de una época (nuevo desplazamiento, estados a cero).
""", en=r"""
Trainer **A** trained 100 updates and saved; **B** resumes from that file and goes on to the
same total as `trainer` (section 4), which trained in one go. On the way B crosses the end of
an epoch (a new offset, states back to zero).
"""),
    code(r"""
B = Trainer.resume(checkpoint, text)
print(f"B = Trainer.resume(...):  B.t = {B.t}")
B.train(updates=trainer.t, log=None)
print(f"B.train(updates={trainer.t}):  B.t = {B.t}")
checks = {
    "B.parameters": all(np.array_equal(B.parameters[name], trainer.parameters[name])
                        for name in PARAMETER_NAMES),
    "B.v, B.s": np.array_equal(B.v, trainer.v) and np.array_equal(B.s, trainer.s),
    "B.t": B.t == trainer.t,
    "B.a, B.c": np.array_equal(B.a, trainer.a) and np.array_equal(B.c, trainer.c),
    "B.rng": B.rng.bit_generator.state == trainer.rng.bit_generator.state,
}
for what, equal in checks.items():
    print(f"np.array_equal  {what:13s} {equal}")
""", mark="resume"),
    md(es=r"""
Todo coincide **bit a bit** (`np.array_equal`, no «casi igual»): parar, guardar y reanudar no
cambia nada.

**Por qué hay que guardar `t`, $v$ y $s$.** La corrección de sesgo de Adam (lección 04) depende
de `t` (el $k$ de la lección 04), el número de actualizaciones **desde el principio del
entrenamiento**. El cuaderno original lo calculaba con el contador del bucle de la sesión
actual (al reanudar, `t` volvía a 1), y su `save_parameters` guardaba solo los pesos,
sobrescribiendo el archivo que sí tenía $v$
y $s$; por eso su propia salida avisa «Se encontraron pesos pero no estado del optimizador.
Reiniciando Adam». Reanudamos el mismo archivo tres veces y damos **un** paso: (1) como debe
ser; (2) con `t` desde cero, pero $v$ y $s$ guardados; (3) como el cuaderno original, sin `t`
ni $v$, $s$. Medimos el paso medio, $|\Delta\theta|/\alpha$:
""", en=r"""
Everything matches **bit for bit** (`np.array_equal`, not "almost equal"): stopping, saving
and resuming changes nothing.

**Why `t`, $v$ and $s$ must be saved.** Adam's bias correction (lesson 04) depends on `t`
(lesson 04's $k$), the number of updates **since training began**. The original notebook
computed it with the loop counter of the current session (on resuming, `t` went back to 1), and
its `save_parameters`
saved only the weights, overwriting the file that did hold $v$ and $s$; that is why its own
output warns "weights found but no optimiser state. Restarting Adam". We resume the same file
three times and take **one** step: (1) as it should be; (2) with `t` from zero, but $v$ and $s$
saved; (3) like the original notebook, without `t` or $v$, $s$. We measure the mean step,
$|\Delta\theta|/\alpha$:
"""),
    code(r"""
steps = {}
for case in (1, 2, 3):
    R = Trainer.resume(checkpoint, text)
    if case >= 2:
        #[es] t vuelve a empezar
        #[en] t starts again
        R.t = 0
    if case == 3:
        #[es] v y s perdidos, como en el cuaderno original
        #[en] v and s lost, as in the original notebook
        R.v[...], R.s[...] = 0.0, 0.0
    before = R.net.theta.copy()
    R.step()
    steps[case] = np.mean(np.abs(R.net.theta - before)) / R.config.learning_rate
print(f"{tr('resume_first', LANG)}, |Δθ|/α:  "
      + "   ".join(f"{steps[case]:.2f} ({case})" for case in steps))
print(f"(2)/(1) = {steps[2] / steps[1]:.1f}    (3)/(1) = {steps[3] / steps[1]:.1f}")
b1, b2 = A.config.beta1, A.config.beta2
#[es] (2)/(1) según las correcciones de sesgo, en el paso t
#[en] (2)/(1) from the bias corrections, at step t
for t in (A.t + 1, 1001):
    print(f"t = {t:4d}:  √(1-β2)/(1-β1) · (1-β1^t)/√(1-β2^t) = "
          f"{np.sqrt(1 - b2) / (1 - b1) * (1 - b1 ** t) / np.sqrt(1 - b2 ** t):.1f}")
""", slide="subslide", mark="steps"),
    md(es=r"""
Con todo perdido (3), Adam vuelve a su primer paso, $\alpha\,\mathrm{signo}(g)$ en **cada**
parámetro con gradiente: unas seis veces el paso que tocaba. Una red ya entrenada recibe de
golpe los pasos de una recién inicializada, y puede perder parte de lo aprendido. Con solo `t`
reiniciado (2), $v$ y $s$ ya no tienen sesgo, pero se «corrigen» igual, dividiendo por
$1-\beta_1 = 0.1$ y $1-\beta_2 = 0.001$. Tras 100 actualizaciones aún no se nota (cociente
1.0), porque la corrección buena de $s$ todavía divide por $1-\beta_2^{101} \approx 0.1$; más
adelante sí: en `t = 1001` el paso se queda en 0.4 del que tocaba (última línea), y el
entrenamiento se frena sin motivo.
""", en=r"""
With everything lost (3), Adam goes back to its first step, $\alpha\,\mathrm{sign}(g)$ on
**every** parameter with a gradient: about six times the step it should take. A trained
network suddenly gets the steps of a freshly initialised one, and can lose part of what it has
learnt. With only `t` restarted (2), $v$ and $s$ are no longer biased, but they are
"corrected" anyway, divided by $1-\beta_1 = 0.1$ and $1-\beta_2 = 0.001$. After 100 updates
it does not show yet (ratio 1.0), because the right correction of $s$ still divides by
$1-\beta_2^{101} \approx 0.1$; later it does: at `t = 1001` the step is 0.4 of the right one
(last line), and training slows down for no reason.
"""),
    slide(es=r"""
## 5. Puntos de control y reanudación exacta

- Los **parámetros**, con los nombres del cuaderno original
- Adam: los momentos $v$, $s$ y su contador `t`
- Los **estados** $a$, $c$ de los $m$ flujos y la **posición** en el texto
- El estado del **generador**, el vocabulario, los hiperparámetros, la versión
""", en=r"""
## 5. Checkpoints and exact resuming

- The **parameters**, under the original notebook's names
- Adam: the moments $v$, $s$ and its counter `t`
- The **states** $a$, $c$ of the $m$ streams and the **position** in the text
- The **generator's** state, the vocabulary, the hyperparameters, the version
""", notes_es=r"""
**Diapositiva «Puntos de control».** Para cada línea, pregunta qué se rompería sin ella.
""", notes_en=r"""
**Slide "Checkpoints".** For each line, ask what would break without it.
"""),
    slide(es=r"""
### Dentro del archivo

- Un `.npz`: cualquiera lo abre con `np.load`
""", en=r"""
### Inside the file

- An `.npz`: anyone can open it with `np.load`
""", show="checkpoint"),
    slide(es=r"""
### Parar y seguir es no parar

- **A** entrena 100 actualizaciones y guarda; **B** se reanuda y llega al total de `trainer`
- Todo coincide **bit a bit**
""", en=r"""
### Stopping and going on is not stopping

- **A** trains 100 updates and saves; **B** resumes and reaches `trainer`'s total
- Everything matches **bit for bit**
""", show="resume"),
    slide(es=r"""
### Por qué hay que guardar `t`, $v$ y $s$

- (1) como debe ser; (2) `t` desde cero; (3) sin `t`, $v$ ni $s$, como el original
- (3): el primer paso de Adam, $\alpha\,\mathrm{signo}(g)$, en cada parámetro
- (2): aún no se nota; más adelante, pasos demasiado cortos
""", en=r"""
### Why `t`, $v$ and $s$ must be saved

- (1) as it should be; (2) `t` from zero; (3) no `t`, $v$ or $s$, like the original
- (3): Adam's first step, $\alpha\,\mathrm{sign}(g)$, on every parameter
- (2): it does not show yet; later, steps that are too short
""", show="steps", notes_es=r"""
**Diapositiva «Por qué hay que guardar `t`».** Antes de ejecutar, pide que predigan si el
caso 2 da pasos más largos o más cortos que el 1.
""", notes_en=r"""
**Slide "Why `t` must be saved".** Before running it, ask them to predict whether case 2
takes longer or shorter steps than case 1.
"""),
    notes(es=r"""
**9 min.** Lee en voz alta la lista de lo que guarda el punto de control y pide a la clase que
diga, para cada cosa, qué se rompería sin ella. Antes de ejecutar las tres reanudaciones, pide
que predigan si el caso 2 da pasos más largos o más cortos que el 1.

- *¿Por qué el caso 2 da pasos más cortos, pero solo más adelante?* Con `t = 1`, $v$ se
  divide por $0.1$ y $s$ por $0.001$: $v/\sqrt{s}$ queda multiplicado por
  $\sqrt{0.001}/0.1 \approx 0.32$. Con el `t` correcto, $k$, por
  $\sqrt{1-\beta_2^k}/(1-\beta_1^k)$: $0.31$ en $k = 101$ (el mismo paso), $0.8$ en
  $k = 1001$ (de ahí el 0.4).

- *¿Qué pasa si no se guarda el generador aleatorio?* El desplazamiento de la época siguiente
  sería otro: la reanudación ya no sería exacta.
- *¿Y sin los estados $a$, $c$?* La ventana siguiente empezaría desde cero: otro resultado.

Error habitual: guardar los parámetros y el estado de Adam y creer que eso basta para reanudar: sin
los estados, la posición y el generador, la reanudación ya no es
exacta.
""", en=r"""
**9 min.** Read out the list of what a checkpoint holds and ask the class, for each item, what
would break without it. Before running the three resumptions, ask them to predict whether
case 2 takes longer or shorter steps than case 1.

- *Why does case 2 take shorter steps, but only later?* With `t = 1`, $v$ is divided by
  $0.1$ and $s$ by $0.001$: $v/\sqrt{s}$ is multiplied by $\sqrt{0.001}/0.1 \approx 0.32$.
  With the right `t`, $k$, by $\sqrt{1-\beta_2^k}/(1-\beta_1^k)$: $0.31$ at $k = 101$ (the
  same step), $0.8$ at $k = 1001$ (hence the 0.4).

- *What if the random generator is not saved?* The next epoch's offset would differ: resuming
  would no longer be exact.
- *And without the states $a$, $c$?* The next window would start from zero: another result.

Usual mistake: saving the parameters and Adam's state and believing that is enough to resume:
without the states, the position and the generator, resuming is no longer
exact.
"""),

    # --- 6. the pretrained model --------------------------------------------------------------
    md(es=r"""
## 6. El modelo preentrenado: sobreajuste y el mejor punto de control

El modelo de `lstm_np/pretrained/` se entrenó con la línea de órdenes del paquete, que usa
este mismo `Trainer` (ver `data/README.md`):

```bash
python -m lstm_np train --corpus es --epochs 20 --every 135 --checkpoint checkpoint_es.npz \
    --save-model lstm_np/pretrained/model_es.npz \
    --batch-size 32 --lr 0.01 --dtype float64 --workers 1
```

`--every 135` mide la validación una vez por época. `--save-model` escribe el modelo **cada
vez que la pérdida de validación es la mejor hasta entonces**, y al final le añade la historia
completa:
""", en=r"""
## 6. The pretrained model: overfitting and keeping the best checkpoint

The model in `lstm_np/pretrained/` was trained with the package's command line, which uses this same
`Trainer` (see `data/README.md`):

```bash
python -m lstm_np train --corpus en --epochs 20 --every 135 --checkpoint checkpoint_en.npz \
    --save-model lstm_np/pretrained/model_en.npz \
    --batch-size 32 --lr 0.01 --dtype float64 --workers 1
```

`--every 135` measures validation every 135 updates, about once per epoch (an epoch of the
English text is 133 updates, section 2). `--save-model` writes the model **whenever
the validation loss is the best so far**, and at the end adds the whole history to it:
"""),
    code(r"""
h = model.history
best = int(np.argmin(h["val_loss"]))
fig = plots.plot_losses({k: h[k] for k in ("update", "train_loss", "val_loss")}, lang=LANG)
ax = fig.axes[0]
ax.axvline(h["update"][best], color="tab:green", lw=2, label=tr("best_val_model", LANG))
ax.legend(loc="upper right", framealpha=0.9)
for which, i in (("tr_best", best), ("tr_last", len(h["update"]) - 1)):
    print(tr("tr_history_row", LANG).format(which=tr(which, LANG), epoch=h["epoch"][i],
                                            update=h["update"][i], train=h["train_loss"][i],
                                            val=h["val_loss"][i]))
bits = nats_to_bits(model.hyperparameters["val_loss"])
print(f"val_loss = {model.hyperparameters['val_loss']:.3f} {tr('tr_nats_char', LANG)} = "
      f"{bits:.2f} {tr('tr_bits_char', LANG)};  2 ** {bits:.2f} = {2 ** bits:.1f}  "
      f"(vocab.size = {vocab.size})")
""", deck="output", slide="subslide", mark="pretrained", alt={
        "es": ("Historia de la pérdida del modelo preentrenado, con una línea vertical en el mejor "
               "modelo según la validación"),
        "en": ("Loss history of the pretrained model, with a vertical line at the best model by "
               "validation")}),
    md(es=r"""
La pérdida de entrenamiento sigue bajando época tras época, pero la de validación llega a su
mínimo en la época impresa arriba y después sube un poco: desde ahí la red **sobreajusta**,
aprende particularidades del texto de entrenamiento que no sirven para el texto nuevo. Por eso
el archivo guarda los parámetros del **mínimo de validación** (la línea verde), no los del
final. El entrenamiento no se paró ahí: corrió las 20 épocas y se quedó con la mejor
(**selección del mejor punto de control**); la **parada temprana** (*early stopping*) lo
cortaría poco después del mínimo y se ahorraría las épocas de más. La distancia entre las dos
curvas se queda corta como medida de cuánto memoriza: cada punto de entrenamiento es la media
de una época, medida mientras la red mejoraba, así que queda por encima de la pérdida de la red
del final de la época sobre ese mismo texto. La pérdida de validación del modelo guardado, en
bits (impresa arriba), dice que la red duda en promedio como si eligiera entre
$2^{\text{bits}}$ caracteres igual de probables, frente a los de todo el vocabulario.
""", en=r"""
The training loss keeps falling epoch after epoch, but the validation loss reaches its minimum
at the epoch printed above and then rises a little: from there on the network **overfits**,
learning peculiarities of the training text that do not help on new text. That is why the
file keeps the parameters at the **validation minimum** (the green line), not those at the end.
Training did not stop there: it ran all 20 epochs and kept the best one (**best-checkpoint
selection**); **early stopping** would cut it shortly after the minimum and save the extra
epochs. The gap between the two curves falls short as a measure of how much it memorises: each
training point is the mean over an epoch, measured while the network was improving, so it lies
above the loss of the end-of-epoch network on that same text. The saved model's validation
loss, in bits (printed above), says that on average the network hesitates as if choosing among
$2^{\text{bits}}$ equally likely characters, against the whole vocabulary.
"""),
    slide(es=r"""
## 6. El modelo preentrenado: sobreajuste
""", en=r"""
## 6. The pretrained model: overfitting
""", show="pretrained"),
    slide(es=r"""
### El mejor punto de control

- Entrenamiento sigue bajando; validación llega a un mínimo y sube: **sobreajuste**
- El archivo guarda los parámetros del **mínimo de validación** (la línea verde)
- La **parada temprana** cortaría poco después del mínimo
- Elegir la época mira la validación: una medida imparcial necesita un tercer texto, de prueba
""", en=r"""
### The best checkpoint

- Training keeps falling; validation reaches a minimum and rises: **overfitting**
- The file keeps the parameters at the **validation minimum** (the green line)
- **Early stopping** would cut shortly after the minimum
- Choosing the epoch looks at validation: an unbiased measure needs a third text, a test set
"""),
    notes(es=r"""
**4 min.** Señala en la figura dónde se separan las curvas.

- *¿Por qué no guardar el modelo del final?* Su pérdida de validación es peor: ya memoriza.
- *¿Elegir la mejor época mira el texto de validación?* Sí; por eso, para
  una medida imparcial, haría falta un tercer trozo (prueba) que no se use para nada.

Error habitual: comparar pérdidas de entrenamiento entre modelos para decidir cuál generaliza
mejor.
""", en=r"""
**4 min.** Point at where the curves part in the figure.

- *Why not keep the final model?* Its validation loss is worse: it already memorises.
- *Does choosing the best epoch look at the validation text?* Yes; so an unbiased
  measure would need a third piece (test) that is used for nothing else.

Usual mistake: comparing training losses between models to decide which one generalises
better.
"""),
    slide(es=r"""
### Para después de clase

- Tarea: los ejercicios 2 y 4
- Lectura: la norma del gradiente durante el entrenamiento, el código de los flujos y de una
  actualización, la limpieza del texto, los dos procesos y el GIL, la escritura atómica
""", en=r"""
### For after class

- Homework: exercises 2 and 4
- Reading: the gradient norm during training, the code of the streams and of one update,
  text cleaning, the two workers and the GIL, atomic writes
"""),
    notes(es=r"""
**2 min.** Cierra y encarga la lectura y los ejercicios 2 y 4, los que mejor fijan la lección.
La estimación de la clase cuenta el tiempo de presentar, de ejecutar, del hueco y de las
preguntas: 2 de apertura + 2 de los datos + 10 de los flujos y la BPTT truncada + 10 de una
actualización (7 escribiendo `training_step`) + 11 del entrenamiento, sus curvas, las muestras
y la tabla de $n$-gramas + 9 de los puntos de control y por qué se guarda `t` + 4 del
sobreajuste + 2 = 50 minutos. Quedan para después de clase la norma del gradiente durante el
entrenamiento, el código de `Streams` y de `Trainer.step`, la limpieza del texto, los dos
procesos y el GIL, la escritura atómica y los cuatro rechazos (unos 20 minutos de lectura).
""", en=r"""
**2 min.** Close and set the reading and exercises 2 and 4, which fix the lesson best. The
period's estimate counts the time to introduce, to run, the blank and the questions: 2 opening
+ 2 for the data + 10 for the streams and truncated BPTT + 10 for one update (7 writing
`training_step`) + 11 for training, its curves, the samples and the $n$-gram table + 9 for
checkpoints and why `t` is saved + 4 for overfitting + 2 = 50 minutes. Left for after class:
the gradient norm during training, the code of `Streams` and `Trainer.step`, the text
cleaning, the two workers and the GIL, the atomic write and the four refusals (about 20
minutes of reading).
"""),

    # ------------------------------------------------------------------------------------
    # After class
    # ------------------------------------------------------------------------------------
    after_class(es=r"""
**Lectura:** la norma del gradiente durante el entrenamiento, el código de los flujos y
de una actualización, la limpieza del texto, los dos procesos y el GIL, la escritura atómica y
los rechazos. **Tarea:** los ejercicios 2 y 4 (el 1 y el 3 entrenan más).
""", en=r"""
**Reading:** the gradient norm during training, the code of the streams and of one update,
text cleaning, the two workers and the GIL, atomic writes and the refusals.
**Homework:** exercises 2 and 4 (1 and 3 train longer).
"""),
    md(es=r"""
### El gradiente en cada actualización

Durante el entrenamiento de la sección 4, `record` anotó tras cada actualización la norma de
todo el gradiente antes del recorte, $\lVert d\theta \rVert$, y si `clip` cambió alguna
componente (una cruz roja):
""", en=r"""
### The gradient at every update

During the training of section 4, `record` noted after every update the norm of the whole
gradient before clipping, $\lVert d\theta \rVert$, and whether `clip` changed some entry (a
red cross):
""", slide="subslide"),
    code(r"""
norms = np.array(norms)
print(tr("tr_norm_summary", LANG).format(first=norms[0], median=np.median(norms),
                                         top=norms.max(), at=int(np.argmax(norms)) + 1))
print(tr("tr_clip_count", LANG).format(n=int(np.sum(clipped)), total=len(norms)))
fig = plots.plot_gradient_norms(norms, clipped, lang=LANG)
""", deck="output", alt={
        "es": ("Norma del gradiente en cada actualización del entrenamiento de dos épocas, en "
               "escala logarítmica, con una cruz donde actuó el recorte"),
        "en": ("Gradient norm at every update of the two-epoch run, on a log scale, with a cross "
               "where clipping acted")}),
    md(es=r"""
En este entrenamiento el recorte no actuó en ninguna actualización: ninguna componente pasó de
$5/T_x = 0.2$. Es el seguro de la lección 04, no algo que actúe en cada paso. La norma más
grande llega en las primeras 50 actualizaciones; después la norma salta de una actualización a
otra sin bajar, aunque la pérdida sí baja: cada lote es otro trozo del libro y pide algo
distinto, así que el gradiente de un lote no se anula.
""", en=r"""
In this run clipping acted in none of the updates: no entry went above $5/T_x = 0.2$. It is
lesson 04's insurance, not something that acts at every step. The largest norm comes within
the first 50 updates; after that the norm jumps from one update to the next without falling,
although the loss does fall: each batch is another piece of the book and asks for something
different, so the gradient of one batch does not vanish.
"""),
    md(es=r"""
### El código de los flujos y de una actualización

`Streams.batch` corta la ventana $w$ de cada uno de los $m$ flujos (sección 2);
`Streams.advance` guarda los estados con que acabó la ventana, pasa a la siguiente y, tras la
última ventana de una época, empieza otra:
""", en=r"""
### The code of the streams and of one update

`Streams.batch` cuts window $w$ of each of the $m$ streams (section 2); `Streams.advance`
keeps the states the window ended with, moves to the next one and, after the last window of
an epoch, starts another:
""", slide="subslide"),
    code(r"""
show_source(Streams.batch, LANG)
show_source(Streams.advance, LANG)
"""),
    md(es=r"""
`Trainer.step` (su código, abajo) y el `training_step` de la sección 3 dieron lo mismo. Son la
misma actualización, hasta el redondeo, con tres diferencias de camino:

- **Una sola pasada hacia atrás.** El cuaderno original llamaba a `lstm_backward` dos veces
  por iteración, la primera con `np.zeros_like(a)`, y tiraba el resultado.
- **Nada de `except: pass`.** Una pérdida o un gradiente no finito detiene el entrenamiento
  con un mensaje claro.
- **El camino rápido.** Los gradientes los calcula `lstm_np.engine.fast.FastLSTM`: las mismas
  ecuaciones, reorganizadas (las cuatro compuertas en una matriz, el producto por un *one-hot*
  convertido en una consulta de columna), en `float32`. Una prueba comprueba que da los
  gradientes de las funciones del cuaderno original con diferencia menor que $10^{-10}$ en
  `float64`. (Con `workers=2` reparte el lote entre dos procesos: «Dos procesos y el GIL»,
  más abajo. Esta lección da `workers=2`: por omisión, `"auto"`, el entrenador elige uno o dos
  procesos según la carga de la máquina, y la elección cambia los últimos decimales.)
""", en=r"""
`Trainer.step` (its code, below) and section 3's `training_step` gave the same result. They
are the same update, up to rounding, with three differences of path:

- **One backward pass.** The original notebook called `lstm_backward` twice per iteration,
  the first time with `np.zeros_like(a)`, and threw the result away.
- **No `except: pass`.** A non-finite loss or gradient stops training with a clear message.
- **The fast path.** The gradients come from `lstm_np.engine.fast.FastLSTM`: the same equations,
  reorganised (the four gates in one matrix, the product with a one-hot vector turned into a
  column lookup), in `float32`. A test checks that it gives the gradients of the original
  notebook's functions to within $10^{-10}$ in `float64`. (With `workers=2` it shares the batch
  between two processes: see "Two workers and the GIL" below. This lesson gives `workers=2`:
  by default, `"auto"`, the trainer chooses one or two processes by the machine's load, and the
  choice changes the last digits.)
"""),
    code(r"""
show_source(Trainer.step, LANG)
"""),
    md(es=r"""
### Del archivo al texto limpio

El cuaderno original leía un archivo limpiado a mano, sin decir cómo. Aquí la limpieza es
código del paquete (`clean_text`), determinista y probado, y el archivo se descarga de la
dirección registrada en `CORPORA` y se verifica con su sha256. Un texto crudo tiene lo que un
lector ignora pero una red de caracteres no: **renglones de ancho fijo** (un párrafo ocupa
varias líneas), **finales de línea de Windows** (`\r\n`), **saltos de página** (`\f`) y
**mayúsculas** (el cuaderno original pasaba todo a minúsculas; lo mantenemos).

El resultado: **un párrafo por línea**, en minúsculas. Así `\n` significa siempre «fin de
párrafo», algo que la red puede aprender. Un texto crudo **inventado**, con la disposición del
archivo español (un renglón que sigue en el siguiente termina con un espacio):
""", en=r"""
### From the raw file to the cleaned text

The original notebook read a file cleaned by hand, without saying how. Here cleaning is the
package's code (`clean_text`), deterministic and tested, and the file is downloaded from the
address registered in `CORPORA` and checked against its sha256. A raw text holds what a reader
ignores but a character model does not: **fixed-width lines** (a paragraph spans several
lines), **Windows line endings** (`\r\n`), **page breaks** (`\f`) and **upper case** (the
original notebook lower-cased everything; we keep that).

The result: **one paragraph per line**, lower case. Then `\n` always means "end of
paragraph", something the network can learn. A **made-up** raw text, with the layout of the
English file (Project Gutenberg: paragraphs separated by a blank line):
""", slide="subslide"),
    code(r"""
RAW_LINES = {
    "es": ["EL FARO",
           "Aquella noche el viejo farero subió ",
           "la escalera sin encender la luz. ",
           "\f",
           "Contó los peldaños, como siempre.",
           "«Mañana habrá niebla», pensó."],
    "en": ["THE LIGHTHOUSE",
           "",
           "That night the old keeper climbed",
           "the stairs without lighting the lamp.",
           "\f",
           '"Who is there?" he asked.'],
}
raw = "".join(line + "\r\n" for line in RAW_LINES[LANG])
layout = CORPORA[CORPUS].layout
print("layout =", repr(layout))
for line in RAW_LINES[LANG]:
    print("   ", repr(line + "\r\n"))
print("clean_text(raw, layout) =")
for paragraph in clean_text(raw, layout=layout).splitlines(keepends=True):
    print("   ", repr(paragraph))
""", deck="output"),
    md(es=r"""
Los renglones del mismo párrafo se unieron con un espacio (también a través del salto de
página), `\r\n` se volvió `\n`, el `\f` desapareció y todo está en minúsculas.
""", en=r"""
The lines of one paragraph were joined with a space (the blank line and the page break
separate paragraphs), `\r\n` became `\n`, the `\f` is gone and everything is lower case.
"""),
    md(es=r"""
### Dos procesos y el GIL

Con `workers=2` el lote se corta en dos bloques de flujos: este proceso calcula el primero y, a
la vez, un proceso ayudante calcula el segundo en el otro núcleo (los números pasan por memoria
compartida); como la pérdida es una media, el gradiente es la media de los de los bloques,
ponderada por su parte de los caracteres. Un proceso y no un hilo: un paso son unas 28
llamadas cortas a numpy, y entre una y otra Python necesita el GIL (el cerrojo global del
intérprete); dos hilos de un mismo proceso se lo pasarían sin parar, y dos procesos tienen un
cerrojo cada uno. Aun así no van al doble de rápido: comparten la memoria, y este proceso hace
además Adam (ejercicio 6).
""", en=r"""
### Two workers and the GIL

With `workers=2` the batch is cut into two blocks of streams: this process computes the first
while a helper process computes the second on the other core (the numbers go through shared
memory); since the loss is a mean, the gradient is the mean of the blocks' gradients,
weighted by their share of the characters. A process and not a thread: a step is some 28
short numpy calls, and between two of them Python needs its global lock (the GIL); two threads
of one process would keep handing it to each other, and two processes have a lock each. Even
so they do not run twice as fast: they share the memory, and this process also does Adam
(exercise 6).
""", slide="subslide"),
    md(es=r"""
### Escritura atómica y archivos que se rechazan

El punto de control se escribe de forma **atómica**: en un archivo temporal de la misma
carpeta, volcado a disco y renombrado encima del anterior; un corte deja el punto de control
viejo o el nuevo, nunca uno a medias.

`load_checkpoint` abre los archivos con `allow_pickle=False` y comprueba claves, formas, tipos
y valores finitos **antes** de devolver nada; cada rechazo es un `CheckpointError` de una
línea que nombra el archivo. Probamos con bytes basura, un punto de control cortado por la
mitad, un archivo de modelo (sin estado de Adam: no puede reanudar) y un texto distinto:
""", en=r"""
### Atomic writes and files that are refused

The checkpoint is written **atomically**: to a temporary file in the same folder, flushed to
disk and renamed over the old one; a crash leaves the old checkpoint or the new one, never
half of one.

`load_checkpoint` opens files with `allow_pickle=False` and checks keys, shapes, dtypes and
finite values **before** returning anything; every refusal is a one-line `CheckpointError`
that names the file. We try junk bytes, a checkpoint cut in half, a model file (no Adam state:
it cannot resume) and a different text:
""", slide="subslide"),
    code(r"""
junk = folder / "junk.npz"
#[es] 64 bytes cualesquiera
#[en] any 64 bytes
junk.write_bytes(bytes(range(64)))
truncated = folder / "truncated.npz"
truncated.write_bytes(checkpoint.read_bytes()[:checkpoint.stat().st_size // 2])
attempts = [(junk, text), (truncated, text), (pretrained_path(LANG), text),
            (checkpoint, text.replace("\n", " \n", 1))]
for path, some_text in attempts:
    try:
        Trainer.resume(path, some_text)
    except CheckpointError as e:
        #[es] el archivo, sin su carpeta
        #[en] the file, without its folder
        print("CheckpointError:", str(e).replace(str(path), path.name))
tmp.cleanup()
""", slide="subslide"),
    md(es=r"""
### Ejercicios

1. **Tamaño de la red.** Entrena 2 épocas con `TrainConfig(n_a=50)` y con `n_a=200`. ¿Cómo
   cambian la pérdida de validación y el tiempo? ¿Cuántos parámetros tiene cada red?
2. **Ventanas y flujos.** Prueba `seq_length=10` y `50`, `batch_size=8` y `64`. ¿Cuántas
   actualizaciones tiene una época (`trainer.windows_per_epoch`)? Compara la pérdida de
   validación tras el mismo número de **caracteres leídos** (`history["chars"]`).
3. **Entrena más.** Entrena 10 épocas con `every=trainer.windows_per_epoch`. ¿En qué época deja
   de bajar la pérdida de validación?
4. **Reanudar.** Entrena 50 actualizaciones, guarda, reanuda y sigue hasta 150; compara con
   150 de un tirón. ¿Qué cambia si tras reanudar pones `B.rng = np.random.default_rng(0)`?
5. **Precisión.** Repite la sección 4 con `dtype="float64"`. ¿En qué decimal cambian las
   pérdidas? ¿Y el tiempo?
6. **Procesos.** Mide 50 actualizaciones con `workers=1` y con `workers=2`. ¿Cuánto ganas? Si
   tu `training_step` de la sección 3 no pasó la comprobación, arréglalo primero.
""", en=r"""
### Exercises

1. **Network size.** Train 2 epochs with `TrainConfig(n_a=50)` and with `n_a=200`. How do the
   validation loss and the time change? How many parameters does each network have?
2. **Windows and streams.** Try `seq_length=10` and `50`, `batch_size=8` and `64`. How many
   updates is an epoch (`trainer.windows_per_epoch`)? Compare the validation loss after the
   same number of **characters read** (`history["chars"]`).
3. **Train longer.** Train 10 epochs with `every=trainer.windows_per_epoch`. In which epoch
   does the validation loss stop falling?
4. **Resuming.** Train 50 updates, save, resume and go on to 150; compare with 150 in one go.
   What changes if after resuming you set `B.rng = np.random.default_rng(0)`?
5. **Precision.** Repeat section 4 with `dtype="float64"`. In which decimal place do the
   losses change? And the time?
6. **Workers.** Time 50 updates with `workers=1` and `workers=2`. How much do you gain? If
   your `training_step` of section 3 did not pass its check, fix it first.
"""),
    notes(es=r"""
Para la lectura: *¿por qué un párrafo por línea?* Si `\n` cayera cada 70 caracteres, la red
tendría que aprender a contar columnas; así `\n` es una señal con sentido (fin de párrafo).
""", en=r"""
For the reading: *why one paragraph per line?* If `\n` came every 70 characters, the network
would have to learn to count columns; this way `\n` means something (end of paragraph).
"""),
    guide("objectives", es=r"""
- Explicar cómo se recorre el texto en épocas, con $m$ flujos, estados que pasan de una
  ventana a la siguiente y retropropagación truncada; contar cuánto del libro leía el original.
- Escribir una actualización completa (`training_step`) con las funciones de 01–04.
- Leer las curvas de entrenamiento y validación, y el sobreajuste; elegir el mejor punto de
  control.
- Decir qué guarda un punto de control y por qué reanudar exige `t`, $v$, $s$, los estados, la
  posición y el generador.
""", en=r"""
- Explain how the text is read in epochs, with $m$ streams, states carried from one window to
  the next and truncated backpropagation; count how much of the book the original read.
- Write a whole update (`training_step`) with the functions of 01–04.
- Read the training and validation curves, and overfitting; pick the best checkpoint.
- Say what a checkpoint holds and why resuming needs `t`, $v$, $s$, the states, the position
  and the generator.
"""),
    guide("prerequisites", es=r"""
Las lecciones 01 a 05, en especial Adam y su corrección de sesgo (04) y la pérdida en nats y
bits (02).
""", en=r"""
Lessons 01 to 05, especially Adam and its bias correction (04) and the loss in nats and bits
(02).
"""),
    guide("optional", es=r"""
Los textos de muestra de la sección 4 pueden solo mostrarse (ahorra 1 minuto). Después de
clase son lectura la norma del gradiente durante el entrenamiento, el código de `Streams` y de
`Trainer.step`, la limpieza del texto, los dos procesos y el GIL, la escritura atómica y los
cuatro rechazos; los ejercicios 5 y 6 son opcionales.
""", en=r"""
The sample texts of section 4 can just be shown (saves 1 minute). After class, the gradient
norm during training, the code of `Streams` and `Trainer.step`, the text cleaning, the two
workers and the GIL, the atomic write and the four refusals are reading; exercises 5 and 6 are
optional.
"""),
    guide("exit", es=r"""
1. ¿Por qué pasan los estados de una ventana a la siguiente y el gradiente no?
2. ¿Qué le pasa al paso de Adam si al reanudar se pierden `t`, $v$ y $s$?
3. ¿Por qué el archivo guarda el modelo del mínimo de validación y no el del final?
""", en=r"""
1. Why are the states carried from one window to the next, and the gradient not?
2. What happens to Adam's step if `t`, $v$ and $s$ are lost on resuming?
3. Why does the file keep the model at the validation minimum and not the final one?
"""),
    guide("answers", es=r"""
**Preguntas de salida.** (1) Pasar el estado no cuesta nada y da contexto más largo que
$T_x$; pasar el gradiente exigiría guardar las cachés de todo el libro y retropropagar
100 000 pasos, y el gradiente se desvanece igualmente: BPTT truncada. (2) Vuelve a su primer
paso, $\alpha\,\mathrm{signo}(g)$ en cada parámetro: unas seis veces el paso que tocaba (la
celda lo mide). (3) Desde el mínimo la red sobreajusta: el modelo del final tiene peor pérdida
de validación.

**Después de clase.** *¿Por qué un proceso ayudante y no un hilo?* Un paso son unas 28
llamadas cortas a numpy y entre una y otra Python necesita el GIL: dos hilos se lo pasarían sin
parar; dos procesos tienen un cerrojo cada uno. *¿Por qué escribir en un temporal y renombrar?*
El renombrado es atómico: un corte deja el archivo viejo o el nuevo, nunca uno a medias.

**Ejercicio 1.** Parámetros: $4 n_a (n_a + n_x + 1) + n_y (n_a + 1)$: con $n_a = 50$, 21 997
(español, $n_x = 47$) y 19 989 (inglés, $n_x = 39$); con 100, 63 947 y 59 939; con 200,
207 847 y 199 839. La red grande tarda varias veces más por actualización; en dos épocas no
tiene tiempo de aprovechar su tamaño.

**Ejercicio 2.** Una época son $\lfloor\lfloor (N-1)/m \rfloor / T_x\rfloor$ actualizaciones:
en español ($N$ = 108 794) 1359 con $T_x = 10, m = 8$; 135 con $25, 32$; 33 con $50, 64$ (en
inglés, 1332, 133 y 33). Comparadas por caracteres leídos, las ventanas cortas y los lotes
pequeños dan más actualizaciones por época.

**Ejercicio 3.** Depende de la semilla; en el modelo preentrenado (20 épocas), el mínimo de
validación llega en la época 12 en español y hacia la 10 en inglés, y después la pérdida de
validación sube un poco mientras la de entrenamiento sigue bajando.

**Ejercicio 4.** Reanudar da los mismos números bit a bit. Con `B.rng` nuevo, el
desplazamiento de la época siguiente cambia: como 150 actualizaciones cruzan el final de la
primera época (135 en español, 133 en inglés), los parámetros dejan de coincidir.

**Ejercicios 5 y 6.** Son medidas en la máquina de cada uno: las pérdidas de `float64` y
`float32` difieren por redondeo en los últimos decimales impresos; dos procesos ganan tiempo
pero no el doble (comparten la memoria, y este proceso hace además Adam).
""", en=r"""
**Exit questions.** (1) Carrying the state costs nothing and gives context longer than $T_x$;
carrying the gradient would need the caches of the whole book and 100,000 steps of
backpropagation, and the gradient vanishes anyway: truncated BPTT. (2) It goes back to its
first step, $\alpha\,\mathrm{sign}(g)$ on every parameter: about six times the step it should
take (the cell measures it). (3) From the minimum on, the network overfits: the final model
has a worse validation loss.

**After class.** *Why a helper process and not a thread?* A step is some 28 short numpy calls
and between two of them Python needs the GIL: two threads would keep handing it to each
other; two processes have a lock each. *Why write a temporary file and rename it?* Renaming is
atomic: a crash leaves the old file or the new one, never half of one.

**Exercise 1.** Parameters: $4 n_a (n_a + n_x + 1) + n_y (n_a + 1)$: with $n_a = 50$, 21,997
(Spanish, $n_x = 47$) and 19,989 (English, $n_x = 39$); with 100, 63,947 and 59,939; with 200,
207,847 and 199,839. The large network takes several times longer per update; in two epochs
it has no time to make use of its size.

**Exercise 2.** An epoch is $\lfloor\lfloor (N-1)/m \rfloor / T_x\rfloor$ updates: in English
($N$ = 106,615) 1332 with $T_x = 10, m = 8$; 133 with $25, 32$; 33 with $50, 64$ (in Spanish,
1359, 135 and 33). Compared by characters read, short windows and small batches give more
updates per epoch.

**Exercise 3.** It depends on the seed; in the pretrained model (20 epochs) the validation
minimum comes at epoch 12 in Spanish and around 10 in English, and after it the validation
loss rises a little while the training loss keeps falling.

**Exercise 4.** Resuming gives the same numbers bit for bit. With a new `B.rng`, the next
epoch's offset changes: since 150 updates cross the end of the first epoch (135 in Spanish,
133 in English), the parameters stop matching.

**Exercises 5 and 6.** They are measurements on each machine: the `float64` and `float32`
losses differ by rounding in the last printed decimals; two workers save time but not half
(they share the memory, and this process also does Adam).
"""),

    # --- 7. after class: what the gates buy -------------------------------------------------------
    md(es=r"""
## 7. Lo que compran las compuertas, medido

La lección 03 explicó por qué el gradiente de una red recurrente simple se desvanece y por qué
la memoria $c$ de la LSTM lo frena. Aquí lo medimos con una **RNN simple** del mismo tamaño
($n_a = 100$), sin compuertas ni memoria $c$,
$$a^{\langle t \rangle} = \tanh\!\big(W_{aa}\, a^{\langle t-1 \rangle} + W_{ax}\, x^{\langle t \rangle} + b_a\big),
\qquad \hat{y}^{\langle t \rangle} = \mathrm{softmax}\big(W_y\, a^{\langle t \rangle} + b_y\big),$$
entrenada con la receta de la sección 4: los mismos flujos y ventanas (`Streams`), el mismo
recorte, Adam con $\alpha = 0.01$ y el mismo número de actualizaciones. Su retropropagación en
el tiempo es la de la lección 03 con un solo estado (`lstm_np/core/rnn.py`; `tests/test_rnn.py` la
compara con diferencias finitas).
""", en=r"""
## 7. What the gates buy, measured

Lesson 03 explained why the gradient of a simple recurrent network vanishes and why the
LSTM's memory $c$ slows that down. Here we measure it with a **plain RNN** of the same size
($n_a = 100$), with no gates and no memory $c$,
$$a^{\langle t \rangle} = \tanh\!\big(W_{aa}\, a^{\langle t-1 \rangle} + W_{ax}\, x^{\langle t \rangle} + b_a\big),
\qquad \hat{y}^{\langle t \rangle} = \mathrm{softmax}\big(W_y\, a^{\langle t \rangle} + b_y\big),$$
trained with the recipe of section 4: the same streams and windows (`Streams`), the same
clipping, Adam with $\alpha = 0.01$ and the same number of updates. Its backpropagation
through time is lesson 03's with a single state (`lstm_np/core/rnn.py`; `tests/test_rnn.py`
compares it with finite differences).
"""),  # noqa: E501
    code(r"""
from lstm_np import initialize_adam
from lstm_np.lessons.analysis import gradient_flow, rnn_gradient_flow
from lstm_np.core.rnn import (RNN_PARAMETER_NAMES, initialize_rnn_parameters,
                              rnn_loss_and_gradients, rnn_text_loss)

def train_rnn(updates, every, seed=0):
    #[es] la receta de Trainer (flujos, recorte, Adam), con la RNN simple en lugar de la LSTM
    #[en] Trainer's recipe (streams, clipping, Adam), with the plain RNN instead of the LSTM
    cfg = trainer.config
    rng = np.random.default_rng(seed)
    parameters = initialize_rnn_parameters(cfg.n_a, vocab.size, vocab.size, rng,
                                           dtype=np.float32)
    v, s = initialize_adam(parameters)
    streams = Streams(trainer.train_ix, cfg.batch_size, cfg.seq_length, cfg.n_a, np.float32)
    streams.start_epoch(rng)
    history = {"update": [], "train_loss": [], "val_loss": []}
    losses = []
    for t in range(1, updates + 1):
        X, Y = streams.batch()
        x = one_hot(X, vocab.size, dtype=np.float32)
        loss, gradients, a = rnn_loss_and_gradients(x, Y, streams.a.T, parameters)
        gradients = clip({"d" + name: gradients["d" + name] for name in RNN_PARAMETER_NAMES},
                         cfg.clip_value)
        update_parameters_with_adam(parameters, gradients, v, s, t, cfg.learning_rate)
        #[es] el último estado de cada flujo empieza su siguiente ventana
        #[en] each stream's last state starts its next window
        streams.advance(a[:, :, -1].T.copy(), streams.c, rng)
        losses.append(loss)
        if t % every == 0 or t == updates:
            history["update"].append(t)
            history["train_loss"].append(float(np.mean(losses)))
            history["val_loss"].append(rnn_text_loss(parameters, trainer.val_ix))
            losses = []
    return parameters, history
""", deck="skip"),
    code(r"""
def print_validation(runs):
    for label, h in runs.items():
        print(f"{label:14s} {tr('validation', LANG)}: "
              + "  ".join(f"{v:.2f}" for v in h["val_loss"]) + f" {tr('tr_nats_char', LANG)}")

rnn, rnn_history = train_rnn(N, every=45)
runs = {"LSTM": history, tr("plain_rnn", LANG): rnn_history}
print_validation(runs)
fig = plots.plot_loss_comparison(runs, lang=LANG)
""", slide="subslide", deck="output", alt={
        "es": ("Pérdida de entrenamiento y de validación de la LSTM y de la RNN simple, entrenadas "
               "con la misma receta"),
        "en": ("Training and validation loss of the LSTM and of the plain RNN, trained with the "
               "same recipe")}),
    md(es=r"""
La RNN simple empieza algo más deprisa (su primera pérdida de validación es menor), pero la
LSTM la pasa y termina por debajo. La RNN simple aprende antes lo cercano; lo lejano le llega
con un gradiente cada vez más pequeño, como muestra lo que sigue.
""", en=r"""
The plain RNN starts out a little faster (its first validation loss is lower), but the LSTM
overtakes it and ends below. The plain RNN learns what is near first; what is far reaches it
with an ever smaller gradient, as what follows shows.
"""),
    md(es=r"""
### El gradiente hacia atrás en el tiempo, en las dos redes

Como en la lección 03: solo la pérdida de la última predicción, retropropagada 100 pasos sobre
el principio del texto de validación, con el factor medio por paso, en cada red sin entrenar y
tras las mismas actualizaciones:
""", en=r"""
### The gradient back in time, in both networks

As in lesson 03: only the loss of the last prediction, back-propagated 100 steps over the
start of the validation text, with the mean factor per step, in each network untrained and
after the same updates:
""", slide="subslide"),
    code(r"""
T_long = 100
x_l = one_hot(trainer.val_ix[:T_long], vocab.size)
Y_l = trainer.val_ix[1:T_long + 1][None]
a0_l = np.zeros((trainer.config.n_a, 1))

def float64(parameters):
    return {name: value.astype(np.float64) for name, value in parameters.items()}

flows = {
    "untrained_net": {"LSTM": gradient_flow(float64(untrained.parameters), x_l, Y_l, a0_l),
                      tr("plain_rnn", LANG): rnn_gradient_flow(
                          initialize_rnn_parameters(trainer.config.n_a, vocab.size, vocab.size),
                          x_l, Y_l, a0_l)},
    "trained": {"LSTM": gradient_flow(float64(trainer.parameters), x_l, Y_l, a0_l),
                tr("plain_rnn", LANG): rnn_gradient_flow(float64(rnn), x_l, Y_l, a0_l)}}
for when, curves in flows.items():
    title = tr(when, LANG) if when != "trained" else tr("after_updates", LANG).format(t=N)
    for label, f in curves.items():
        factor = (f[0] / f[-1]) ** (1 / (T_long - 1))
        print(f"{title:26s} {label:10s} {tr('bw_per_step', LANG)} = {factor:.3f}")
fig = plots.plot_gradient_flow(flows["trained"], lang=LANG)
""", alt={
        "es": ("Norma del gradiente que llega a cada paso de tiempo en la LSTM y en la RNN simple "
               "entrenadas, en escala logarítmica"),
        "en": ("Norm of the gradient that reaches each time step in the trained LSTM and plain "
               "RNN, on a log scale")}),
    md(es=r"""
Sin entrenar, la RNN simple conserva el tamaño del gradiente mejor que la LSTM (un factor por
paso cercano a 1: la escala de $W_{aa}$ compensa la derivada de $\tanh$, y las compuertas de la
LSTM, en $\sigma(0) = 0.5$, lo reducen). Entrenar lo cambia: la RNN simple aprende pesos con
los que el gradiente decae más deprisa que en la LSTM, porque cada paso hacia atrás multiplica
por $W_{aa}^\top\,\mathrm{diag}\big(1 - (a^{\langle t \rangle})^2\big)$ (la traspuesta de la
jacobiana de la lección 03), mientras que la LSTM aprendió a abrir $\Gamma_f$ en
parte de sus unidades. En la figura, en los últimos pasos las dos curvas caen casi igual; más
atrás la de la LSTM se allana y la de la RNN simple sigue cayendo.
""", en=r"""
Untrained, the plain RNN keeps the gradient's size better than the LSTM (a factor per step
close to 1: the scale of $W_{aa}$ makes up for the $\tanh$ derivative, while the LSTM's gates,
at $\sigma(0) = 0.5$, shrink it). Training changes that: the plain RNN learns weights with which
the gradient decays faster than in the LSTM, because every step back multiplies by
$W_{aa}^\top\,\mathrm{diag}\big(1 - (a^{\langle t \rangle})^2\big)$ (the transpose of lesson 03's
Jacobian), while the LSTM has learnt to open $\Gamma_f$ in part of
its units. In the figure, over the last steps the two curves fall almost alike; further back
the LSTM's levels off while the plain RNN's keeps falling.
"""),
    md(es=r"""
### El sesgo de la compuerta de olvido

Con $b_f = 0$, al empezar $\Gamma_f \approx \sigma(0) = 0.5$: en cada paso la memoria $c$
pierde la mitad, y el gradiente por el camino de $c$ también (lección 03). Empezar con
$b_f = 1$ abre la compuerta, $\sigma(1) \approx 0.73$, para que la red empiece recordando.
La idea viene de Gers, Schmidhuber y Cummins (2000), que introdujeron la compuerta de olvido;
Jozefowicz, Zaremba y Sutskever (2015) la midieron en muchas tareas y recomiendan empezar con
un $b_f$ grande, como 1. Los parámetros de un `Trainer` son vistas del vector que Adam
actualiza, así que `parameters["bf"][:] = 1.0` cambia de verdad la red que se entrena:
""", en=r"""
### The forget-gate bias

With $b_f = 0$, at the start $\Gamma_f \approx \sigma(0) = 0.5$: at every step the memory $c$
loses half, and so does the gradient along the path of $c$ (lesson 03). Starting with
$b_f = 1$ opens the gate, $\sigma(1) \approx 0.73$, so that the network starts out
remembering. The idea goes back to Gers, Schmidhuber and Cummins (2000), who introduced the
forget gate; Jozefowicz, Zaremba and Sutskever (2015) measured it on many tasks and recommend
starting with a large $b_f$, such as 1. A `Trainer`'s parameters are views into the vector
Adam updates, so `parameters["bf"][:] = 1.0` really changes the network being trained:
""", slide="subslide"),
    code(r"""
biased = Trainer(text, TrainConfig(seed=0, batch_size=32, learning_rate=0.01, workers=2))
biased.parameters["bf"][:] = 1.0
biased_history = biased.train(updates=N, every=45, log=None)
runs = {"LSTM, bf = 0": history, "LSTM, bf = 1": biased_history}
print_validation(runs)
fig = plots.plot_loss_comparison(runs, lang=LANG)
""", alt={
        "es": ("Pérdida de entrenamiento y de validación de la LSTM con el sesgo de olvido en 0 y "
               "en 1"),
        "en": "Training and validation loss of the LSTM with the forget bias at 0 and at 1"}),
    md(es=r"""
En este texto y en dos épocas, empezar con $b_f = 1$ no ayuda: su pérdida de validación queda
por encima de la de $b_f = 0$ en cada medida. Un truco recomendado no es una ley: se mide en el
problema de cada cual. (¿Cambia con más épocas, o con $T_x = 100$, donde hay más pasos que
recordar? Pruébalo.)
""", en=r"""
On this text and in two epochs, starting with $b_f = 1$ does not help: its validation loss
stays above that of $b_f = 0$ at every measurement. A recommended trick is not a law: it is
measured on one's own problem. (Does it change with more epochs, or with $T_x = 100$, where
there are more steps to remember? Try it.)
"""),
]
