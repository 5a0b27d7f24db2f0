"""Notebook 05: training the network on the whole text, checkpoints, and a look inside."""
from nbsource import code, md, settings

CELLS = [
    # --- 1. title, where we are -----------------------------------------------------------
    md(es=r"""
# 5. Entrenamiento: épocas, *checkpoints* y una mirada dentro de la red

**Dónde estamos.** En los cuadernos 1 a 4 construimos todas las piezas: la propagación hacia
delante de la celda LSTM (compuertas $\Gamma_f$, $\Gamma_u$, $\Gamma_o$, candidato
$\tilde{c}$, estados $a$ y $c$, predicción $y$), la retropropagación con su comprobación
numérica, Adam con recorte del gradiente y el muestreo con temperatura y top-k. Falta
juntarlas: **entrenar**.

![Red LSTM desplegada en el tiempo](../../img/lstm_unrolled_es.png)

**Qué hacemos aquí.** Es la sección «Definición del modelo» del cuaderno original, corregida y
ampliada:

1. **los datos**: del archivo descargado al texto limpio, la parte reservada para validar y el
   vocabulario;
2. **cómo se recorre el texto**: por qué la ventana deslizante del cuaderno original solo veía
   el 8 % del libro, y cómo lo hacemos ahora (épocas, $m$ flujos en paralelo, estados que
   pasan de una ventana a la siguiente);
3. **entrenar** unas 2 épocas (unos segundos) y dibujar la pérdida de entrenamiento y de
   validación;
4. **muestras** de texto al principio, tras el entrenamiento corto y con el modelo
   preentrenado;
5. ***checkpoints***: qué guardan y por qué reanudar da *exactamente* el mismo resultado que
   no haber parado nunca;
6. **el modelo preentrenado**: su historia de entrenamiento, el sobreajuste y la parada
   temprana;
7. **dentro de la red**: qué hacen las compuertas sobre un texto real, cuánto se saturan y
   qué celdas siguen algo que podemos leer (espacios, palabras, comillas);
8. ejercicios.
""", en=r"""
# 5. Training: epochs, checkpoints and a look inside the network

**Where we are.** In notebooks 1 to 4 we built every piece: the forward pass of the LSTM cell
(gates $\Gamma_f$, $\Gamma_u$, $\Gamma_o$, candidate $\tilde{c}$, states $a$ and $c$,
prediction $y$), backpropagation with its numerical check, Adam with gradient clipping, and
sampling with temperature and top-k. What is left is to put them together: **training**.

![LSTM network unrolled in time](../../img/lstm_unrolled_en.png)

**What we do here.** This is the "model definition" section of the original notebook, fixed
and extended:

1. **the data**: from the downloaded file to the cleaned text, the part held out for
   validation, and the vocabulary;
2. **how the text is read**: why the original notebook's sliding window saw only 8% of the
   book, and how we read it now (epochs, $m$ parallel streams, states carried from one window
   to the next);
3. **train** for about 2 epochs (a few seconds) and plot the training and validation loss;
4. **samples** of text at the start, after the short training, and from the pretrained model;
5. **checkpoints**: what they hold, and why resuming gives *exactly* the same result as never
   stopping;
6. **the pretrained model**: its training history, overfitting and early stopping;
7. **inside the network**: what the gates do over a real text, how much they saturate, and
   which cells follow something we can read (spaces, words, quotes);
8. exercises.
"""),
    settings(),
    code(r"""
import json
import tempfile
from pathlib import Path

import numpy as np

from lstm_np import generate, nats_to_bits, plots
from lstm_np.analysis import (char_feature, correlated_units, gate_activations,
                              gate_saturation, inside_feature, line_position)
from lstm_np.checkpoint import load_checkpoint, load_pretrained, pretrained_path
from lstm_np.data import CORPORA, clean_text, load_corpus, split_text
from lstm_np.errors import CheckpointError
from lstm_np.i18n import tr
from lstm_np.notebook import show_source
from lstm_np.params import PARAMETER_NAMES
from lstm_np.text import Vocabulary
"""),

    # --- 2. the data ------------------------------------------------------------------------
    md(es=r"""
## 1. Los datos: del archivo al texto limpio

El cuaderno original leía un archivo `metamorfosis_limpio.txt` limpiado a mano, sin decir
cómo. Aquí la limpieza es código del paquete (`lstm_np.data.clean_text`), determinista y
probado, y el archivo original se descarga de la dirección registrada en
`lstm_np.data.CORPORA` y se verifica con su sha256 antes de usarlo. Los textos crudos tienen todo lo que un lector humano ignora pero una red de
caracteres no:

- **cortes de línea duros**: el texto está partido en renglones de ancho fijo, y un párrafo
  ocupa varias líneas. En el texto español (extraído de un PDF) un renglón que sigue en el
  siguiente termina con un espacio; en el inglés (Proyecto Gutenberg) los párrafos se separan
  con una línea en blanco;
- **finales de línea de Windows** (`\r\n`, «CRLF») y **saltos de página** (`\f`);
- **mayúsculas**, que el cuaderno original convertía a minúsculas para tener un vocabulario
  más pequeño (lo mantenemos).

El resultado: **un párrafo por línea**, en minúsculas, sin caracteres de control. Así el
carácter `\n` significa siempre «fin de párrafo», algo que la red puede aprender; un `\n` cada
70 caracteres en mitad de una frase solo sería ruido.

Veamos la limpieza sobre un texto crudo **inventado**, escrito con la misma disposición que el
archivo de nuestro idioma (`CORPORA[CORPUS].layout`):
""", en=r"""
## 1. The data: from the raw file to the cleaned text

The original notebook read a file `metamorfosis_limpio.txt` cleaned by hand, without saying
how. Here cleaning is the package's code (`lstm_np.data.clean_text`), deterministic and
tested, and the raw file is downloaded from the address registered in
`lstm_np.data.CORPORA` and checked against its sha256 before it is used. Raw texts hold everything a human reader ignores but a character model does not:

- **hard line wraps**: the text is cut into lines of fixed width and a paragraph spans
  several lines. In the Spanish text (extracted from a PDF) a line that goes on in the next
  one ends with a space; in the English one (Project Gutenberg) paragraphs are separated by a
  blank line;
- **Windows line endings** (`\r\n`, "CRLF") and **page breaks** (`\f`);
- **upper case**, which the original notebook turned into lower case to keep the vocabulary
  small (we keep that).

The result: **one paragraph per line**, lower case, no control characters. Then the
character `\n` always means "end of paragraph", something the network can learn; a `\n` every
70 characters in the middle of a sentence would only be noise.

Let us watch the cleaning on a **made-up** raw text, written with the same layout as the file
of our language (`CORPORA[CORPUS].layout`):
"""),
    code(r"""
RAW_LINES = {
    "es": ["EL FARO",
           "Aquella noche el viejo farero subió ",
           "la escalera sin encender la luz. ",
           "\f",
           "Contó los peldaños, como siempre.",
           "«Mañana habrá niebla», pensó.",
           "—¿Quién anda ahí? —preguntó."],
    "en": ["THE LIGHTHOUSE",
           "",
           "That night the old keeper climbed",
           "the stairs without lighting the lamp.",
           "He counted the steps, as always.",
           "\f",
           '"Who is there?" he asked.'],
}
raw = "".join(line + "\r\n" for line in RAW_LINES[LANG])
layout = CORPORA[CORPUS].layout
print("layout =", repr(layout))
print()
for line in RAW_LINES[LANG]:
    print(repr(line + "\r\n"))
print()
cleaned = clean_text(raw, layout=layout)
for paragraph in cleaned.splitlines(keepends=True):
    print(repr(paragraph))
"""),
    md(es=r"""
Los renglones de un mismo párrafo se unieron con un espacio (un renglón que termina en
espacio sigue en el siguiente, también a través del salto de página), `\r\n` se volvió `\n`,
el `\f` desapareció y todo está en minúsculas.

Ahora el texto real. `load_corpus(CORPUS)` descarga (o encuentra) el archivo, lo verifica y lo limpia así.
Después `split_text` **reserva el último 10 %** para validación: la red nunca entrena con él, y
la pérdida sobre ese trozo nos dirá si la red *generaliza* o solo *memoriza* (el cuaderno
original solo mostraba una pérdida de entrenamiento suavizada).
""", en=r"""
The lines of one paragraph were joined with a space (the blank line, and the line holding
only the page break `\f`, separate paragraphs), `\r\n` became `\n`, the `\f` is gone and
everything is lower case.

Now the real text. `load_corpus(CORPUS)` downloads (or finds) the file, checks it and cleans it this way. Then
`split_text` **holds out the last 10%** for validation: the network never trains on it, and
the loss on that part will tell us whether the network *generalises* or only *memorises*
(the original notebook showed only a smoothed training loss).
"""),
    code(r"""
text = load_corpus(CORPUS)
train_text, val_text = split_text(text)
print(f"len(text)       = {len(text):7,d}")
print(f"len(train_text) = {len(train_text):7,d}")
print(f"len(val_text)   = {len(val_text):7,d}   ({len(val_text) / len(text):.0%})")
print(f"text.count('\\n') = {text.count(chr(10))}")
print()
print(text[:300])
"""),
    md(es=r"""
El **vocabulario** son los caracteres distintos del texto, ordenados (como en el cuaderno
original, con sus dos diccionarios `char_to_ix` e `ix_to_char`). Su tamaño es $n_x = n_y$:
la longitud de los vectores *one-hot* de entrada y de la distribución de salida.

Una red que no sabe nada reparte la probabilidad por igual entre los $n_y$ caracteres; su
pérdida por carácter es entonces $-\ln(1/n_y) = \ln n_y$ nats, o $\log_2 n_y$ bits. Es el punto
de partida del entrenamiento: todo lo que baje de ahí es algo que la red ha aprendido.
""", en=r"""
The **vocabulary** is the set of distinct characters of the text, sorted (as in the original
notebook, with its two dictionaries `char_to_ix` and `ix_to_char`). Its size is
$n_x = n_y$: the length of the one-hot input vectors and of the output distribution.

A network that knows nothing spreads probability evenly over the $n_y$ characters; its loss
per character is then $-\ln(1/n_y) = \ln n_y$ nats, or $\log_2 n_y$ bits. That is where
training starts: everything below it is something the network has learnt.
"""),
    code(r"""
vocab = Vocabulary.from_text(text)
print("vocab.size =", vocab.size)
print(repr("".join(vocab.chars)))
print(f"ln(n_y) = {np.log(vocab.size):.4f} nats = {np.log2(vocab.size):.4f} bits")
"""),

    # --- 3. how the text is read -----------------------------------------------------------
    md(es=r"""
## 2. Cómo se recorre el texto

### 2.1 La ventana deslizante del cuaderno original, y por qué estaba mal

El bucle del cuaderno original tomaba, en la iteración $j$, la ventana de 25 caracteres que
empieza en la posición $j$ (`index = j % len(data)`): entrada `data[j : j+25]`, objetivo
`data[j+1 : j+26]`. La ventana avanza **un carácter por iteración**. Con
`num_iterations=10000`, la última ventana empieza en la posición 9 999: la red solo leyó los
primeros ~10 000 caracteres de un libro de ~120 000, y cada uno de ellos **25 veces** (una por
cada ventana que lo contiene). Contémoslo con el mismo recorrido:
""", en=r"""
## 2. How the text is read

### 2.1 The original notebook's sliding window, and why it was wrong

At iteration $j$ the original notebook's loop took the 25-character window that starts at
position $j$ (`index = j % len(data)`): input `data[j : j+25]`, target `data[j+1 : j+26]`.
The window moves **one character per iteration**. With `num_iterations=10000` the last window
starts at position 9,999: the network only ever read the first ~10,000 characters of a
~120,000-character book, each of them **25 times** (once for every window that contains it).
Let us count it, walking the text the same way:
"""),
    code(r"""
ITERATIONS, T_x = 10_000, 25
reads = np.zeros(len(text), dtype=int)
for j in range(ITERATIONS):
    index = j % len(text)
    if index + T_x + 1 > len(text):
        index = 0
    reads[index:index + T_x] += 1
seen = np.count_nonzero(reads)
print(f"len(text)               = {len(text):7,d}")
print(f"np.count_nonzero(reads) = {seen:7,d}   ({seen / len(text):.1%})")
print(f"reads.max()             = {reads.max():7d}")
print(f"ITERATIONS * T_x        = {ITERATIONS * T_x:7,d}")
"""),
    md(es=r"""
250 000 predicciones de carácter (el trabajo de 10 000 iteraciones) gastadas en el primer 8 %
del libro. La red ve una y otra vez el mismo principio —la mañana del despertar de Gregorio—
y nunca el resto. Además, cada ventana empezaba con $a^{\langle 0 \rangle} = 0$: la red no
podía usar nada de lo que había leído antes de esos 25 caracteres, y solo se entrenaba una
secuencia a la vez ($m = 1$).

### 2.2 Épocas, $m$ flujos en paralelo y estados que continúan

La corrección (`lstm_np.train.Trainer`) recorre **todo** el texto de entrenamiento en
**épocas**, con ventanas **consecutivas** de $T_x$ caracteres, y lee $m$ trozos a la vez:

1. El texto de entrenamiento (índices $0 \dots N-1$) se parte en $m$ **flujos** de longitud
   $L = \lfloor (N-1)/m \rfloor$: el flujo $i$ empieza en la posición $iL$.
2. La actualización número $w+1$ de una época lee la **ventana** $w$ de cada flujo:
   $$x_i = \text{texto}[\,iL + wT_x \;:\; iL + (w+1)T_x\,], \qquad
     y_i = \text{texto}[\,iL + wT_x + 1 \;:\; iL + (w+1)T_x + 1\,],$$
   para $i = 0,\dots,m-1$. `_batch` devuelve los índices de los caracteres, `X` e `Y` de forma
   $(m, T_x)$; en *one-hot*, `X` sería el lote $(n_x, m, T_x)$ del cuaderno 1.
3. Una época son $\lfloor L / T_x \rfloor$ actualizaciones: cada carácter de entrenamiento se
   lee **una vez** por época (salvo, como mucho, $T_x - 1$ al final de cada flujo).
4. Los estados **pasan de una ventana a la siguiente**: la ventana $w+1$ del flujo $i$ empieza
   con el $a^{\langle T_x \rangle}$ y el $c^{\langle T_x \rangle}$ con que acabó la ventana $w$
   del mismo flujo, que es justo el texto anterior. Así la red puede usar contexto más largo
   que $T_x$. El gradiente, en cambio, se corta en el borde de la ventana (no
   retropropagamos hasta el principio del libro): es la **retropropagación truncada en el
   tiempo** (*truncated BPTT*). Al empezar cada época los estados vuelven a cero.

Un ejemplo de juguete lo hace visible: un texto inventado de 40 caracteres, $m = 2$ flujos,
$T_x = 5$. El 10 % final (`ABCD`) queda para validación, quedan $N = 36$ caracteres de
entrenamiento y $L = \lfloor 35/2 \rfloor = 17$. Imprimimos lo que lee cada flujo en las
actualizaciones 1, 2 y 3, con el método `_batch` del `Trainer` real:
""", en=r"""
250,000 character predictions (the work of 10,000 iterations) spent on the first 8% of the
book. The network sees the same beginning over and over (the morning Gregor wakes up) and
never the rest. Moreover every window started from $a^{\langle 0 \rangle} = 0$: the network
could use nothing it had read before those 25 characters, and it trained on one sequence at a
time ($m = 1$).

### 2.2 Epochs, $m$ parallel streams and states that carry on

The fix (`lstm_np.train.Trainer`) reads the **whole** training text in **epochs**, in
**consecutive** windows of $T_x$ characters, reading $m$ pieces at a time:

1. The training text (indices $0 \dots N-1$) is cut into $m$ **streams** of length
   $L = \lfloor (N-1)/m \rfloor$: stream $i$ starts at position $iL$.
2. Update number $w+1$ of an epoch reads **window** $w$ of every stream:
   $$x_i = \text{text}[\,iL + wT_x \;:\; iL + (w+1)T_x\,], \qquad
     y_i = \text{text}[\,iL + wT_x + 1 \;:\; iL + (w+1)T_x + 1\,],$$
   for $i = 0,\dots,m-1$. `_batch` returns the indices of the characters, `X` and `Y` of shape
   $(m, T_x)$; one-hot encoded, `X` would be the $(n_x, m, T_x)$ batch of notebook 1.
3. An epoch is $\lfloor L / T_x \rfloor$ updates: every training character is read **once**
   per epoch (except at most $T_x - 1$ at the end of each stream).
4. The states are **carried from one window to the next**: window $w+1$ of stream $i$ starts
   from the $a^{\langle T_x \rangle}$ and $c^{\langle T_x \rangle}$ that window $w$ of the
   same stream ended with, which is exactly the text before it. So the network can use
   context longer than $T_x$. The gradient, however, is cut at the window border (we do not
   backpropagate to the start of the book): this is **truncated backpropagation through
   time** (truncated BPTT). At the start of every epoch the states go back to zero.

A toy example makes it visible: a made-up text of 40 characters, $m = 2$ streams,
$T_x = 5$. The final 10% (`ABCD`) is held out for validation, leaving $N = 36$ training
characters and $L = \lfloor 35/2 \rfloor = 17$. We print what each stream reads at updates 1,
2 and 3, with the `_batch` method of the real `Trainer`:
"""),
    code(r"""
from lstm_np.train import Trainer, TrainConfig, print_progress

toy_text = "abcdefghijklmnopqrstuvwxyz0123456789ABCD"
toy = Trainer(toy_text, TrainConfig(n_a=4, seq_length=5, batch_size=2, seed=0))
m, T = toy.config.batch_size, toy.config.seq_length
print(f"N = {len(toy.train_ix)}, L = {toy.stream_length}, "
      f"windows_per_epoch = {toy.windows_per_epoch}")
for _ in range(3):
    X, Y = toy._batch()
    print(f"t = {toy.t + 1}, window w = {toy.window}:")
    for i in range(m):
        s = i * toy.stream_length + toy.window * T
        assert toy.vocab.decode(X[i]) == toy_text[s:s + T]
        print(f"    X[{i}] = text[{s:2d}:{s + T:2d}] = {toy.vocab.decode(X[i])!r}"
              f"    Y[{i}] = text[{s + 1:2d}:{s + T + 1:2d}] = {toy.vocab.decode(Y[i])!r}")
    toy.step()
print(f"t = {toy.t}: epoch = {toy.epoch}, window = {toy.window}")
"""),
    md(es=r"""
El flujo 0 lee `abcde`, `fghij`, `klmno`; el flujo 1, que empieza en $L = 17$, lee `rstuv`,
`wxyz0`, `12345`. Cada objetivo $Y$ es su entrada desplazada un carácter. Tras 3
actualizaciones la época termina (`window` vuelve a 0) y `pq` y `6789` no se leyeron en esta
época: son los restos de menos de $T_x$ caracteres al final de cada flujo. En el libro de
verdad, con $T_x = 25$, se pierden como mucho $24 \cdot 32$ de más de 100 000 caracteres.

El método `_batch` y un paso completo de entrenamiento, `Trainer.step`: lote, propagación
hacia delante y hacia atrás, recorte, Adam, y los estados finales que se guardan para la
ventana siguiente.
""", en=r"""
Stream 0 reads `abcde`, `fghij`, `klmno`; stream 1, which starts at $L = 17$, reads `rstuv`,
`wxyz0`, `12345`. Each target $Y$ is its input shifted by one character. After 3 updates the
epoch ends (`window` goes back to 0), and `pq` and `6789` were not read in this epoch: they
are the leftovers, shorter than $T_x$, at the end of each stream. In the real book, with
$T_x = 25$, at most $24 \cdot 32$ out of more than 100,000 characters are left out.

The `_batch` method and one whole training step, `Trainer.step`: batch, forward and backward
pass, clipping, Adam, and the final states kept for the next window.
"""),
    code(r"""
show_source(Trainer._batch)
show_source(Trainer.step)
"""),
    md(es=r"""
Fíjate en cuatro detalles:

- **Una sola pasada hacia atrás.** El cuaderno original llamaba a `lstm_backward` dos veces
  por iteración, la primera con `np.zeros_like(a)` y tirando el resultado: media
  retropropagación desperdiciada en cada paso.
- **Nada de `except: pass`.** Si la pérdida o un gradiente no es finito, el entrenamiento se
  detiene con un mensaje claro en lugar de seguir en silencio con `nan`.
- **El camino rápido.** Con `engine="fast"` (el predeterminado) los gradientes los calcula
  `lstm_np.fast.FastLSTM`: las mismas ecuaciones de los cuadernos 1 y 2, reorganizadas (las
  cuatro compuertas en una sola matriz, el producto por un *one-hot* convertido en una
  consulta de columna, los gradientes de los pesos de todos los pasos en un solo producto
  matricial). Un test (`tests/test_fast.py`) comprueba que da los gradientes de las funciones
  fieles al cuaderno original con una diferencia menor que $10^{-10}$ en `float64`. Con
  `engine="faithful"` el `Trainer` usa esas funciones, celda a celda: mismo resultado, muchas
  veces más lento. Por defecto se entrena en `float32`, unas dos veces más rápido.
- **Dos núcleos.** Con `workers=2` (el valor por defecto) cada lote se corta en dos bloques
  de flujos, y dos hilos calculan a la vez la pérdida y el gradiente de cada uno. Como la
  pérdida es la media sobre todos los caracteres, su gradiente es la media de los gradientes
  de los bloques, cada uno pesado por su parte de los caracteres: el mismo resultado salvo
  redondeo (`tests/test_workers.py` lo comprueba).
""", en=r"""
Note four details:

- **One backward pass.** The original notebook called `lstm_backward` twice per iteration,
  the first time with `np.zeros_like(a)`, throwing the result away: half a backpropagation
  wasted at every step.
- **No `except: pass`.** If the loss or a gradient is not finite, training stops with a
  clear message instead of carrying on silently with `nan`.
- **The fast path.** With `engine="fast"` (the default) the gradients come from
  `lstm_np.fast.FastLSTM`: the same equations as in notebooks 1 and 2, reorganised (the four
  gates in one matrix, the product with a one-hot vector turned into a column lookup, the
  weight gradients of all steps in one matrix product). A test (`tests/test_fast.py`) checks
  that it gives the gradients of the functions faithful to the original notebook to within
  $10^{-10}$ in `float64`. With `engine="faithful"` the `Trainer` uses those functions, cell by
  cell: same result, many times slower. Training runs in `float32` by default, about twice
  as fast.
- **Two cores.** With `workers=2` (the default) each batch is cut into two blocks of
  streams, and two threads compute the loss and gradient of each at the same time. Since the
  loss is the mean over all characters, its gradient is the mean of the blocks' gradients,
  each weighted by its share of the characters: the same result up to round-off
  (`tests/test_workers.py` checks it).
"""),

    # --- 4. train -----------------------------------------------------------------------------
    md(es=r"""
## 3. Entrenar

Creamos un `Trainer` con la configuración de los modelos preentrenados (que además se
guardaron en `float64`; aquí entrenamos en `float32`, el valor por defecto, que es más
rápido):
$n_a = 100$ unidades ocultas, $T_x = 25$, $m = 32$ flujos, Adam con $\alpha = 0.01$ y
gradientes recortados a $[-5, 5]$, semilla 0 (un generador propio, nada de
`np.random.seed` global). Por defecto `TrainConfig` usa $m = 128$ y $\alpha = 0.04$, que
entrenan algo más deprisa por carácter.
""", en=r"""
## 3. Training

We create a `Trainer` with the configuration of the pretrained models (which were kept in
`float64` as well; here we train in `float32`, the default, which is faster):
$n_a = 100$ hidden units, $T_x = 25$, $m = 32$ streams, Adam with $\alpha = 0.01$ and
gradients clipped to $[-5, 5]$, seed 0 (its own generator, no global `np.random.seed`).
`TrainConfig`'s defaults are $m = 128$ and $\alpha = 0.04$, a little faster per character.
"""),
    code(r"""
trainer = Trainer(text, TrainConfig(seed=0, batch_size=32, learning_rate=0.01))
cfg = trainer.config
print(cfg)
print(f"L = {trainer.stream_length}, windows_per_epoch = {trainer.windows_per_epoch}")
chars_per_update = cfg.batch_size * cfg.seq_length
print(f"m * T_x = {chars_per_update}, "
      f"windows_per_epoch * m * T_x = {trainer.windows_per_epoch * chars_per_update:,}")
"""),
    md(es=r"""
Cada actualización predice $m \cdot T_x = 800$ caracteres; una época, más de 100 000: todo el
texto de entrenamiento. Dos épocas son menos trabajo que las 10 000 iteraciones del cuaderno
original (250 000 predicciones) y recorren el libro entero dos veces.

`trainer.train(updates=N, every=K)` entrena hasta que el paso $t$ llega a $N$ (un **total**,
no «$N$ más») y cada $K$ actualizaciones mide la pérdida en validación y escribe una línea:
la pérdida de entrenamiento (la media de las últimas $K$ actualizaciones) y la de validación,
ambas **por carácter**,
$$\mathcal{L} = -\frac{1}{m\,T_x}\sum_{i=1}^{m}\sum_{t=1}^{T_x}
  \ln \hat{y}^{\langle t \rangle}_i\big[y^{\langle t \rangle}_i\big]
  \quad\text{nats}, \qquad \mathcal{L}_{\text{bits}} = \mathcal{L} / \ln 2 .$$
(El cuaderno original mostraba la suma sobre 25 caracteres, suavizada; dividir entre 25 lo
deja en esta escala.) Entrenamos 2 épocas:
""", en=r"""
Each update predicts $m \cdot T_x = 800$ characters; an epoch, more than 100,000: the whole
training text. Two epochs are less work than the original notebook's 10,000 iterations
(250,000 predictions) and read the whole book twice.

`trainer.train(updates=N, every=K)` trains until the step $t$ reaches $N$ (a **total**, not
"$N$ more") and every $K$ updates measures the validation loss and writes one line: the
training loss (the mean of the last $K$ updates) and the validation loss, both **per
character**,
$$\mathcal{L} = -\frac{1}{m\,T_x}\sum_{i=1}^{m}\sum_{t=1}^{T_x}
  \ln \hat{y}^{\langle t \rangle}_i\big[y^{\langle t \rangle}_i\big]
  \quad\text{nats}, \qquad \mathcal{L}_{\text{bits}} = \mathcal{L} / \ln 2 .$$
(The original notebook showed the sum over 25 characters, smoothed; dividing by 25 puts it on
this scale.) We train for 2 epochs:
"""),
    code(r"""
N = trainer.updates_for_epochs(2)
history = trainer.train(updates=N, every=45, log=print, progress=print_progress)
"""),
    code(r"""
fig = plots.plot_losses(history, lang=LANG)
"""),
    md(es=r"""
(Las líneas de puntos marcan el comienzo de cada época.) En unos segundos la pérdida baja desde
$\ln n_y \approx 3.85$ nats hasta cerca de 1.8. Las dos curvas van juntas: la red todavía no
ha tenido tiempo de memorizar el texto de entrenamiento, así que lo que aprende le sirve igual
para el texto que no ha visto. (Al principio la pérdida
de entrenamiento queda *por encima* de la de validación porque es una media de las últimas
45 actualizaciones, durante las cuales la red mejoraba; la de validación se mide al final.)
""", en=r"""
(The dotted lines mark the start of each epoch.) In a few seconds the loss falls from $\ln n_y \approx 3.66$
nats to about 1.75. The two curves go together: the network has not had time to memorise the
training text, so what it learns works as well on text it has never seen. (At first the
training loss lies *above* the validation loss because it is a mean over the last 45 updates,
while the network was improving; the validation loss is measured at the end.)
"""),

    # --- 5. samples -----------------------------------------------------------------------------
    md(es=r"""
## 4. Muestras: cómo escribe la red según avanza

Pedimos 150 caracteres tras el inicio `"gregor"` (temperatura 0.8, $k = 5$, semilla 0, como
en el cuaderno 4) a tres redes: la recién inicializada ($t = 0$), la que acabamos de entrenar
y el modelo preentrenado, que usó exactamente este código durante 20 épocas y guardó sus
parámetros en el punto de menor pérdida de validación.
""", en=r"""
## 4. Samples: how the network writes as it learns

We ask for 150 characters after the prime `"gregor"` (temperature 0.8, $k = 5$, seed 0, as
in notebook 4) from three networks: the freshly initialised one ($t = 0$), the one we just
trained, and the pretrained model, which ran exactly this code for 20 epochs and kept its
parameters at the point of lowest validation loss.
"""),
    code(r"""
PRIME = "gregor"
untrained = Trainer(text, TrainConfig(seed=0, batch_size=32, learning_rate=0.01))
model = load_pretrained(LANG)
stages = [
    (untrained.parameters, 0, untrained.validation_loss()),
    (trainer.parameters, trainer.t, history["val_loss"][-1]),
    (model.parameters, model.hyperparameters["updates"], model.hyperparameters["val_loss"]),
]
for parameters, t, val in stages:
    print(f"--- t = {t}, val = {val:.3f} nats/char")
    print(generate(parameters, vocab, PRIME, length=150, temperature=0.8, k=5, rng=0))
    print()
"""),
    md(es=r"""
Sin entrenar, la red da a todos los caracteres casi la misma probabilidad (su pérdida de
validación es $\ln n_y$) y el texto sale al azar. Tras 2 épocas ya hay palabras cortas
frecuentes («con», «estaba», «había», «para»), espacios en su sitio y algo de puntuación,
entre muchas «palabras» inventadas con sonido de español. El modelo preentrenado escribe más
palabras reales del libro, comas y puntos razonables y hasta abre un diálogo con raya en un
párrafo nuevo, pero todavía inventa palabras y las frases pierden el sentido a las pocas
palabras. Es lo que da de sí una red de 100 unidades que ha leído 100 000 caracteres; los
textos sorprendentes de Karpathy salen de redes mayores entrenadas con millones.
""", en=r"""
Untrained, the network gives every character nearly the same probability (its validation
loss is $\ln n_y$) and the text comes out at random. After 2 epochs there are short frequent
words ("to", "and", "that", "she had"), spaces in the right places and some punctuation, among
many invented words that sound English. The pretrained model writes mostly real words, with
commas in sensible places, but the sentences lose their meaning after a few words. That is
what a 100-unit network that has read 100,000 characters can do; Karpathy's surprising
samples come from bigger networks trained on millions.
"""),

    # --- 6. checkpoints ---------------------------------------------------------------------
    md(es=r"""
## 5. *Checkpoints* y reanudación exacta

Un entrenamiento largo se interrumpe (se cierra el portátil, se acaba la sesión). Un
***checkpoint*** debe guardar **todo** lo que el siguiente paso de entrenamiento necesita,
para que reanudar dé *exactamente* lo mismo que no haber parado. `Trainer.save` escribe un
`.npz` con (docstring de `lstm_np.checkpoint`):

- los **parámetros** con los nombres del cuaderno original (`Wf`, `bf`, …, `Wy`, `by`), para
  que cualquiera los abra con `np.load`;
- los **momentos de Adam** `v_*` y `s_*` de cada parámetro y el **paso $t$**;
- los **estados** $a$ y $c$ de los $m$ flujos (`a_state`, `c_state`, de forma $(n_a, m)$),
  que continúan en la ventana siguiente;
- la **posición** en los datos (época y ventana), el **estado del generador aleatorio** y
  el sha256 del texto (solo se reanuda sobre el mismo texto);
- el **vocabulario**, los **hiperparámetros**, la historia de pérdidas y la **versión del
  formato**, en una entrada `meta` de texto JSON.

Se escribe de forma **atómica**: primero en un archivo temporal en la misma carpeta, que se
vuelca a disco y luego se renombra encima del anterior. Un corte en cualquier momento deja el
*checkpoint* viejo o el nuevo, entero, nunca uno a medias.

La demostración: el entrenador **A** entrena 100 actualizaciones y guarda; **B** se reanuda
desde ese archivo y sigue hasta el mismo total que `trainer` (la sección 3), que entrenó de un
tirón. Por el camino B cruza el final de una época (los estados vuelven a cero).
""", en=r"""
## 5. Checkpoints and resuming exactly

Long training gets interrupted (the laptop is closed, the session ends). A **checkpoint**
must hold **everything** the next training step needs, so that resuming gives *exactly* the
same result as never stopping. `Trainer.save` writes an `.npz` with (docstring of
`lstm_np.checkpoint`):

- the **parameters** under the original notebook's names (`Wf`, `bf`, ..., `Wy`, `by`), so
  that anyone can open them with `np.load`;
- **Adam's moments** `v_*` and `s_*` of every parameter and the **step $t$**;
- the **states** $a$ and $c$ of the $m$ streams (`a_state`, `c_state`, of shape $(n_a, m)$),
  which carry on into the next window;
- the **position** in the data (epoch and window), the **random generator's state** and the
  text's sha256 (a checkpoint only resumes on the same text);
- the **vocabulary**, the **hyperparameters**, the loss history and the **format version**,
  in a `meta` entry of JSON text.

It is written **atomically**: first to a temporary file in the same folder, flushed to disk,
then renamed over the old one. A crash at any moment leaves either the old checkpoint or the
new one, whole, never half of one.

The demonstration: trainer **A** trains 100 updates and saves; **B** resumes from that file
and goes on to the same total as `trainer` (section 3), which trained in one go. On the way B
crosses the end of an epoch (the states go back to zero).
"""),
    code(r"""
tmp = tempfile.TemporaryDirectory()
folder = Path(tmp.name)
checkpoint = folder / "checkpoint.npz"

A = Trainer(text, TrainConfig(seed=0, batch_size=32, learning_rate=0.01))
A.train(updates=100, log=None)
A.save(checkpoint)

with np.load(checkpoint, allow_pickle=False) as f:
    arrays = {key: f[key] for key in f.files}
meta = json.loads(str(arrays.pop("meta")))
for key, value in arrays.items():
    if key[:2] not in ("v_", "s_"):
        print(f"{key:8s} {str(value.shape):11s} {value.dtype}")
print("v_*:", " ".join(key for key in arrays if key.startswith("v_")))
print("s_*:", " ".join(key for key in arrays if key.startswith("s_")))
print("t =", int(arrays["t"]))
print("meta:", sorted(meta))
print("   format, version, kind:", meta["format"], meta["version"], meta["kind"])
print("   progress:", {k: meta["progress"][k] for k in ("epoch", "window", "engine")},
      "+", sorted(k for k in meta["progress"] if k not in ("epoch", "window", "engine")))
"""),
    code(r"""
B = Trainer.resume(checkpoint, text)
def where(name, run):
    print(f"{name:26s} t = {run.t}, epoch = {run.epoch}, window = {run.window}")

where("B = Trainer.resume(...)", B)
B.train(updates=trainer.t, log=None)
where(f"B.train(updates={trainer.t})", B)
where("trainer", trainer)
print()
checks = {
    "parameters": all(np.array_equal(B.parameters[name], trainer.parameters[name])
                      for name in PARAMETER_NAMES),
    "v, s (Adam)": np.array_equal(B.v, trainer.v) and np.array_equal(B.s, trainer.s),
    "t": B.t == trainer.t,
    "a, c": np.array_equal(B.a, trainer.a) and np.array_equal(B.c, trainer.c),
    "rng": B.rng.bit_generator.state == trainer.rng.bit_generator.state,
}
for what, equal in checks.items():
    print(f"np.array_equal  {what:12s} {equal}")
"""),
    md(es=r"""
Todo coincide **bit a bit** (`np.array_equal`, no «casi igual»): parar, guardar y reanudar no
cambia nada.

### Por qué importan $v$, $s$ y $t$

Recuerda Adam (cuaderno 3, donde la sección 4 simula este mismo problema): con el gradiente $g$ de cada parámetro,
$$v \leftarrow \beta_1 v + (1-\beta_1)\,g, \qquad s \leftarrow \beta_2 s + (1-\beta_2)\,g^2,
\qquad \hat v = \frac{v}{1-\beta_1^{\,t}}, \quad \hat s = \frac{s}{1-\beta_2^{\,t}}, \qquad
\theta \leftarrow \theta - \alpha\,\frac{\hat v}{\sqrt{\hat s} + \varepsilon}.$$
La corrección de sesgo (dividir entre $1-\beta^t$) compensa que $v$ y $s$ empiezan en cero;
solo es correcta si $t$ cuenta los pasos que de verdad llevan acumulados $v$ y $s$.

El cuaderno original guardaba los parámetros con `save_parameters`, **sin** $v$ ni $s$, encima
del *checkpoint*; al reanudar avisaba «Se encontraron pesos pero no estado del optimizador.
Reiniciando Adam» y empezaba otra vez con $v = s = 0$ y $t = 1$. En ese primer paso
$\hat v = g$ y $\hat s = g^2$, así que **cada** parámetro se mueve
$\alpha\, g/(|g|+\varepsilon) \approx \pm\alpha$, sea cual sea el tamaño de su gradiente: un
empujón de $0.01$ a todos los pesos a la vez, también a los que ya estaban bien ajustados.
Lo medimos: reanudamos el `trainer` de la sección 3 dos veces, una con su estado de Adam y
otra con el estado de Adam borrado como en el cuaderno original, y damos un paso con el mismo
lote.
""", en=r"""
Everything matches **bit for bit** (`np.array_equal`, not "almost equal"): stopping, saving
and resuming changes nothing.

### Why $v$, $s$ and $t$ matter

Recall Adam (notebook 3, whose section 4 simulates this very problem): with the gradient $g$ of each parameter,
$$v \leftarrow \beta_1 v + (1-\beta_1)\,g, \qquad s \leftarrow \beta_2 s + (1-\beta_2)\,g^2,
\qquad \hat v = \frac{v}{1-\beta_1^{\,t}}, \quad \hat s = \frac{s}{1-\beta_2^{\,t}}, \qquad
\theta \leftarrow \theta - \alpha\,\frac{\hat v}{\sqrt{\hat s} + \varepsilon}.$$
The bias correction (dividing by $1-\beta^t$) makes up for $v$ and $s$ starting at zero; it
is only right if $t$ counts the steps that $v$ and $s$ have really accumulated.

The original notebook saved the parameters with `save_parameters`, **without** $v$ and $s$,
over the checkpoint; on resuming it warned "weights found but no optimiser state, restarting
Adam" and started again from $v = s = 0$ and $t = 1$. In that first step $\hat v = g$ and
$\hat s = g^2$, so **every** parameter moves by $\alpha\, g/(|g|+\varepsilon) \approx
\pm\alpha$, whatever the size of its gradient: a kick of $0.01$ to all the weights at once,
including those that were already well tuned. Let us measure it: we resume the `trainer` of
section 3 twice, once with its Adam state and once with the Adam state wiped as in the
original notebook, and take one step with the same batch.
"""),
    code(r"""
trainer.save(folder / "after_2_epochs.npz")
resumed = Trainer.resume(folder / "after_2_epochs.npz", text)
restarted = Trainer.resume(folder / "after_2_epochs.npz", text)
restarted.v[...] = 0.0
restarted.s[...] = 0.0
restarted.t = 0

before = np.concatenate([trainer.parameters[n].ravel() for n in PARAMETER_NAMES])
print(f"{tr('before_step', LANG):16s} t = {trainer.t:3d}   "
      f"val = {trainer.validation_loss():.4f} nats/char")
for key, run in (("adam_kept", resumed), ("adam_restarted", restarted)):
    run.step()
    after = np.concatenate([run.parameters[n].ravel() for n in PARAMETER_NAMES])
    change = np.abs(after - before)
    print(f"{tr(key, LANG):16s} t = {run.t:3d}   val = {run.validation_loss():.4f} nats/char   "
          f"median |Δθ| = {np.median(change):.5f}   max |Δθ| = {change.max():.4f}")
"""),
    md(es=r"""
Con su estado, Adam da un paso pequeño y proporcionado a la historia de cada gradiente (la
mediana de $|\Delta\theta|$ es diez veces menor que $\alpha$) y la pérdida de validación
apenas se mueve. Sin él, casi **todos** los pesos se mueven exactamente $\alpha = 0.01$ de golpe y
la pérdida de validación sube cerca de 0.1 nats en un solo paso: se pierde parte de lo
aprendido y hay que volver a aprenderlo.

### Un archivo dañado se rechaza con un mensaje claro

`load_checkpoint` abre los archivos con `allow_pickle=False` y comprueba claves, formas, tipos
y valores finitos **antes** de devolver nada. Cada rechazo es un `CheckpointError` de una
línea que nombra el archivo y el problema (no una traza desde dentro de numpy). Probamos con
unos bytes basura, con un *checkpoint* cortado por la mitad, con un archivo de modelo (que no
tiene el estado de Adam y no puede reanudar) y con un texto distinto. Imprimimos solo el tipo
del error, o el mensaje sin la ruta de la carpeta temporal:
""", en=r"""
With its state, Adam takes a small step in proportion to each gradient's history (the median
$|\Delta\theta|$ is ten times smaller than $\alpha$) and the validation loss hardly moves.
Without it, nearly **every** weight moves by exactly $\alpha = 0.01$ at once and the validation
loss goes up by about 0.1 nats in a single step: part of what was learnt is lost and has to
be learnt again.

### A damaged file is refused with a clear message

`load_checkpoint` opens files with `allow_pickle=False` and checks keys, shapes, dtypes and
finite values **before** returning anything. Every refusal is a one-line `CheckpointError`
that names the file and the problem (not a traceback from deep inside numpy). We try a few
junk bytes, a checkpoint cut in half, a model file (which has no Adam state and cannot
resume) and a different text. We print only the type of the error, or the message without
the temporary folder's path:
"""),
    code(r"""
junk = folder / "junk.npz"
junk.write_bytes(b"these bytes are not a checkpoint")
truncated = folder / "truncated.npz"
truncated.write_bytes(checkpoint.read_bytes()[:checkpoint.stat().st_size // 2])
for path in (junk, truncated):
    try:
        load_checkpoint(path)
    except CheckpointError as e:
        print(f"{path.name:14s} -> {type(e).__name__}")

attempts = [(pretrained_path(LANG), text),
            (checkpoint, text.replace("\n", " \n", 1))]
for path, some_text in attempts:
    try:
        Trainer.resume(path, some_text)
    except CheckpointError as e:
        print(f"{path.name:14s} -> {type(e).__name__}:", str(e).replace(str(path), path.name))
"""),
    code(r"""
tmp.cleanup()
"""),

    # --- 7. the pretrained model --------------------------------------------------------------
    md(es=r"""
## 6. El modelo preentrenado: sobreajuste y parada temprana

El modelo que viene en `data/` se entrenó con la línea de órdenes del paquete, que usa este
mismo `Trainer` (los dos idiomas; ver `data/README.md`):

```bash
python -m lstm_np train --corpus es --epochs 20 --every 135 --checkpoint checkpoint_es.npz --save-model data/model_es.npz \
    --batch-size 32 --lr 0.01 --dtype float64 --workers 1
python -m lstm_np train --corpus en --epochs 20 --every 135 --checkpoint checkpoint_en.npz --save-model data/model_en.npz \
    --batch-size 32 --lr 0.01 --dtype float64 --workers 1
```

`--every 135` mide la validación una vez por época (135 actualizaciones en el texto español,
133 en el inglés): cada punto de la gráfica es (más o menos) una época. `--save-model`
escribe el archivo del modelo **cada vez que la pérdida de validación es la mejor hasta
entonces**, y al final le añade la historia completa. Veamos esa historia:
""", en=r"""
## 6. The pretrained model: overfitting and early stopping

The model that ships in `data/` was trained with the package's command line, which uses this
same `Trainer` (both languages; see `data/README.md`):

```bash
python -m lstm_np train --corpus es --epochs 20 --every 135 --checkpoint checkpoint_es.npz --save-model data/model_es.npz \
    --batch-size 32 --lr 0.01 --dtype float64 --workers 1
python -m lstm_np train --corpus en --epochs 20 --every 135 --checkpoint checkpoint_en.npz --save-model data/model_en.npz \
    --batch-size 32 --lr 0.01 --dtype float64 --workers 1
```

`--every 135` measures validation once per epoch (135 updates on the Spanish text, 133 on
the English one): each point of the plot is (about) one epoch. `--save-model` writes the
model file **whenever the validation loss is the best so far**, and at the end adds the whole
history to it. Let us look at that history:
"""),
    code(r"""
h = model.history
best = int(np.argmin(h["val_loss"]))
fig = plots.plot_losses({k: h[k] for k in ("update", "train_loss", "val_loss")}, lang=LANG)
ax = fig.axes[0]
ax.axvline(h["update"][best], color="tab:green", lw=2, label=tr("best_val_model", LANG))
ax.legend(loc="upper right", fontsize=10, framealpha=0.9)
for i in (best, len(h["update"]) - 1):
    print(f"i = {i:2d}:  update = {h['update'][i]:4d}   epoch = {h['epoch'][i]:5.2f}   "
          f"train_loss = {h['train_loss'][i]:.4f}   val_loss = {h['val_loss'][i]:.4f}")
v = model.hyperparameters["val_loss"]
print()
print(f"model.hyperparameters: updates = {model.hyperparameters['updates']}, "
      f"val_loss = {v:.4f} nats/char = {nats_to_bits(v):.4f} bits/char")
"""),
    md(es=r"""
La pérdida de entrenamiento sigue bajando época tras época, pero la de validación deja de
mejorar hacia la época 14 de 20 y después sube un poco: a partir de ahí la red
**sobreajusta**, es decir, aprende particularidades del texto de entrenamiento (frases
concretas del libro) que no sirven para el texto que no ha visto. La distancia entre las dos
curvas mide cuánto memoriza.

Por eso el archivo del modelo guarda los parámetros del **mínimo de la pérdida de
validación** (la línea verde), no los del final: es la **parada temprana** (*early stopping*).
Esa pérdida, en torno a 1.5 nats por carácter, son unos 2.1 bits: la red duda, en promedio,
como si eligiera entre $2^{2.1} \approx 4$ caracteres igual de probables, frente a los 47
del vocabulario.
""", en=r"""
The training loss keeps falling epoch after epoch, but the validation loss stops improving
around epoch 11 of 20 and then rises a little: from there on the network **overfits**, that
is, it learns peculiarities of the training text (particular sentences of the book) that do
not help on text it has not seen. The gap between the two curves measures how much it memorises.

That is why the model file keeps the parameters at the **minimum of the validation loss**
(the green line), not those at the end: this is **early stopping**. That loss, around 1.5
nats per character, is about 2.1 bits: on average the network hesitates as if choosing among
$2^{2.1} \approx 4$ equally likely characters, against the 39 of the vocabulary.
"""),

    # --- 8. inside the network -------------------------------------------------------------------
    md(es=r"""
## 7. Dentro de la red entrenada

### 7.1 Las compuertas sobre un texto real

`lstm_np.analysis.gate_activations` pasa un texto por la red carácter a carácter (es
`lstm_cell_forward` del cuaderno 1, llamado $T$ veces, con $m = 1$ y estados iniciales cero) y
guarda tras cada carácter $\Gamma_f$, $\Gamma_u$, $\tilde{c}$, $\Gamma_o$, $c$ y $a$, cada uno
de forma $(n_a, T)$. Usamos el principio de un párrafo del texto de **validación**, que la red
nunca vio al entrenar.

![Celda LSTM](../../img/lstm_cell_es.png)
""", en=r"""
## 7. Inside the trained network

### 7.1 The gates over a real text

`lstm_np.analysis.gate_activations` runs a text through the network one character at a time
(it is `lstm_cell_forward` from notebook 1, called $T$ times, with $m = 1$ and zero initial
states) and records after every character $\Gamma_f$, $\Gamma_u$, $\tilde{c}$, $\Gamma_o$,
$c$ and $a$, each of shape $(n_a, T)$. We use the start of a paragraph of the **validation**
text, which the network never saw in training.

![LSTM cell](../../img/lstm_cell_en.png)
"""),
    code(r"""
start = val_text.index("\n") + 1
passage = val_text[start:start + 60]
print(repr(passage))
record = gate_activations(model.parameters, model.vocab, passage)
print({key: value.shape for key, value in record.items()})
fig = plots.plot_gates(record, passage, lang=LANG, units=20)
"""),
    md(es=r"""
Cada fila es una de las 20 primeras unidades ocultas, cada columna un carácter. Algunas
filas de $\Gamma_f$ están casi siempre en amarillo (cerca de 1: esa unidad **conserva** su
memoria $c$), otras se apagan una y otra vez y borran lo que llevaban; $\Gamma_u$ y
$\Gamma_o$ cambian casi en cada carácter. En $c$ (rojo positivo, azul negativo) destacan unas
pocas unidades que **acumulan**: su valor crece a lo largo de todo el pasaje (las franjas azul
oscuro) porque su compuerta de olvido se queda cerca de 1 y la de actualización sigue
sumando. Por eso la escala de $c$ llega a $\pm 10$ o más, mientras que casi todas las demás
unidades quedan cerca de 0 (en blanco): $c$ no está acotado, $a = \Gamma_o \tanh(c)$ sí.

### 7.2 Saturación de las compuertas

Karpathy, Johnson y Fei-Fei (2015, *Visualizing and understanding recurrent networks*)
resumen el comportamiento de cada compuerta sobre un texto largo con dos números por unidad
$j$: la fracción del tiempo que está **saturada a la izquierda** (casi cerrada) y la que está
**saturada a la derecha** (casi abierta),
$$\text{izq}_j = \frac{1}{T}\,\#\{t : \Gamma_j^{\langle t \rangle} < 0.1\}, \qquad
  \text{der}_j = \frac{1}{T}\,\#\{t : \Gamma_j^{\langle t \rangle} > 0.9\}.$$
Cada unidad es un punto. Un punto cerca de la diagonal $\text{izq} + \text{der} = 1$ es una
unidad que casi nunca está a medias: funciona como un interruptor. Una compuerta de olvido
con $\text{der}$ cerca de 1 deja pasar $c^{\langle t-1 \rangle}$ casi intacta paso tras paso:
es una unidad que **recuerda durante mucho tiempo** (un «integrador»). Lo medimos sobre todo el
texto de validación a partir del mismo párrafo (unos 12 000 caracteres):
""", en=r"""
Each row is one of the first 20 hidden units, each column a character. Some rows of
$\Gamma_f$ are nearly always yellow (close to 1: that unit **keeps** its memory $c$), others
close again and again and wipe what they held; $\Gamma_u$ and $\Gamma_o$ change at almost
every character. In $c$ (red positive, blue negative) a few units stand out that
**accumulate**: their value grows along the whole passage (the dark blue bands) because their
forget gate stays near 1 and the update gate keeps adding. That is why the scale of $c$ goes
to $\pm 10$ or more while almost every other unit stays near 0 (white): $c$ is not bounded,
$a = \Gamma_o \tanh(c)$ is.

### 7.2 Gate saturation

Karpathy, Johnson and Fei-Fei (2015, *Visualizing and understanding recurrent networks*)
summarise how each gate behaves over a long text with two numbers per unit $j$: the fraction
of time it is **left-saturated** (nearly closed) and the fraction it is **right-saturated**
(nearly open),
$$\text{left}_j = \frac{1}{T}\,\#\{t : \Gamma_j^{\langle t \rangle} < 0.1\}, \qquad
  \text{right}_j = \frac{1}{T}\,\#\{t : \Gamma_j^{\langle t \rangle} > 0.9\}.$$
Each unit is one dot. A dot near the diagonal $\text{left} + \text{right} = 1$ is a unit that
is hardly ever half open: it works like a switch. A forget gate with $\text{right}$ close to
1 lets $c^{\langle t-1 \rangle}$ through almost untouched step after step: it is a unit that
**remembers for a long time** (an "integrator"). We measure it over the whole
validation text from the same paragraph on (about 12,000 characters):
"""),
    code(r"""
long_passage = val_text[start:]
print("len(long_passage) =", len(long_passage))
long_record = gate_activations(model.parameters, model.vocab, long_passage)
saturation = gate_saturation(long_record)
for gate in ("f", "u", "o"):
    left, right = saturation[gate]
    print(f"Γ_{gate}:  mean(left) = {left.mean():.2f}   mean(right) = {right.mean():.2f}   "
          f"#(right > 0.5) = {np.sum(right > 0.5):3d}   #(left > 0.5) = {np.sum(left > 0.5):3d}")
fig = plots.plot_saturation(saturation, lang=LANG)
"""),
    md(es=r"""
Ningún punto llega a la diagonal: en esta red pequeña las compuertas pasan buena parte del
tiempo a medias, no son interruptores puros. Aun así se distinguen comportamientos:

- **$\Gamma_f$**: un grupo de unidades arriba a la izquierda, abiertas (> 0.9) la mayor parte
  del tiempo y casi nunca cerradas: son los **integradores**, que llevan información a lo
  largo de muchos caracteres (las franjas oscuras de $c$ de la figura anterior). El resto se
  reparte hacia abajo a la derecha: unidades que olvidan a menudo, por ejemplo en cada
  espacio, y guardan algo solo dentro de una palabra.
- **$\Gamma_u$**: rara vez del todo cerrada (la mayoría de los puntos están cerca del eje
  vertical): casi siempre se escribe algo en la memoria, aunque sea poco.
- **$\Gamma_o$**: el reparto más amplio; muchas unidades están cerradas la mayor parte del
  tiempo y solo muestran su memoria en $a$ (y por tanto a la predicción) en ciertos
  caracteres.
""", en=r"""
No dot reaches the diagonal: in this small network the gates spend a good part of the time
half open, they are not pure switches. Still, we can tell behaviours apart:

- **$\Gamma_f$**: a group of units at the top left, open (> 0.9) most of the time and almost
  never closed: these are the **integrators**, which carry information across many characters
  (the dark bands of $c$ in the previous figure). The rest spread towards the bottom right:
  units that forget often, for example at every space, and keep something only within a
  word.
- **$\Gamma_u$**: rarely fully closed (most dots lie near the vertical axis): something is
  almost always written into the memory, even if little.
- **$\Gamma_o$**: the widest spread; many units are closed most of the time and show their
  memory in $a$ (and so to the prediction) only at certain characters.
"""),
    md(es=r"""
### 7.3 Celdas que siguen algo legible

¿Hay unidades cuyo estado $c$ siga algo que nosotros sepamos leer? Como en el artículo de
Karpathy, Johnson y Fei-Fei, que encontró celdas que se encienden dentro de comillas o que
cuentan la posición en la línea, definimos unas cuantas **características** del texto, una por
carácter, y buscamos la unidad cuyo $\tanh(c^{\langle t \rangle}_j) \in (-1, 1)$ tiene la mayor
correlación de Pearson (en valor absoluto) con cada una:
$$r_j = \frac{\sum_t (v_j^{\langle t \rangle} - \bar v_j)(f^{\langle t \rangle} - \bar f)}
  {\sqrt{\sum_t (v_j^{\langle t \rangle} - \bar v_j)^2\;\sum_t (f^{\langle t \rangle} - \bar f)^2}}.$$

- **espacio**: 1 en los espacios;
- **vocal**: 1 en las vocales;
- **posición en la palabra**: cuántos caracteres van desde el último espacio (o `\n`);
- **dentro de «…»**: desde que se abre una comilla latina hasta que se cierra;
- **dentro de "…"**: lo mismo con comillas rectas (cada `"` abre o cierra);
- **tras una raya —**: desde una raya de diálogo hasta el final del párrafo;
- **posición en el párrafo**: cuántos caracteres van desde el último `\n`.

El texto español marca los diálogos con la raya «—» y las citas o pensamientos con «»; el
inglés usa comillas rectas `"`. El mismo código calcula todas las características y descarta
las que no aparecen en el pasaje.
""", en=r"""
### 7.3 Cells that follow something readable

Are there units whose state $c$ follows something we can read? As in the paper by Karpathy,
Johnson and Fei-Fei, which found cells that switch on inside quotes or that count the
position in the line, we define a few **features** of the text, one value per character, and
look for the unit whose $\tanh(c^{\langle t \rangle}_j) \in (-1, 1)$ has the largest Pearson
correlation (in absolute value) with each of them:
$$r_j = \frac{\sum_t (v_j^{\langle t \rangle} - \bar v_j)(f^{\langle t \rangle} - \bar f)}
  {\sqrt{\sum_t (v_j^{\langle t \rangle} - \bar v_j)^2\;\sum_t (f^{\langle t \rangle} - \bar f)^2}}.$$

- **space**: 1 at spaces;
- **vowel**: 1 at vowels;
- **position in the word**: how many characters since the last space (or `\n`);
- **inside «…»**: from an opening guillemet until it is closed;
- **inside "…"**: the same with straight quotes (every `"` opens or closes);
- **after a dash —**: from a dialogue dash to the end of the paragraph;
- **position in the paragraph**: how many characters since the last `\n`.

The Spanish text marks dialogue with the dash "—" and quotations or thoughts with «»; the
English one uses straight quotes `"`. The same code computes every feature and drops those
that do not occur in the passage.
"""),
    code(r"""
values = np.tanh(long_record["c"])
features = {
    "feature_space": char_feature(long_passage, " "),
    "feature_vowel": char_feature(long_passage, "aeiouáéíóúü"),
    "feature_word_position": line_position(long_passage.replace(" ", "\n")),
    "feature_guillemets": inside_feature(long_passage, "«", "»"),
    "feature_quotes": inside_feature(long_passage, '"', '"'),
    "feature_dash": inside_feature(long_passage, "—", "\n"),
    "feature_line_position": line_position(long_passage),
}
found = {}
for key, feature in features.items():
    if feature.min() == feature.max():
        print(f"{tr(key, LANG):32s} ({tr('feature_absent', LANG)})")
        continue
    ranked = correlated_units(values, feature, top=3)
    found[key] = ranked[0]
    print(f"{tr(key, LANG):32s}", "   ".join(f"#{j:2d}: r = {r:+.2f}" for j, r in ranked))
"""),
    md(es=r"""
Las características **locales** (espacio, vocal, posición en la palabra) tienen unidades con
$|r| \approx 0.5$–$0.65$: la red sabe en qué punto de una palabra está, que es lo que más
necesita para predecir la letra siguiente. Las de **largo alcance** (estar dentro de unas
comillas o de un diálogo, la posición en el párrafo) no pasan de $|r| \approx 0.25$: esta red
de 100 unidades, entrenada con 100 000 caracteres, no tiene una celda «de comillas» limpia
como las del artículo, que estudia redes mayores entrenadas con textos de millones de
caracteres. Además, en este pasaje solo hay unas pocas citas «…», y una correlación sobre tan
pocos casos dice poco.

Veamos la mejor unidad (sin contar la del espacio) sobre los primeros 700 caracteres del
pasaje. Cada carácter se colorea con $\tanh(c_j)$ de esa unidad, multiplicado por el signo de
$r$ para que el rojo signifique siempre «más de la característica» (pasa el ratón por encima
para ver el valor):
""", en=r"""
The **local** features (space, vowel, position in the word) have units with
$|r| \approx 0.5$ to $0.65$: the network knows where it is within a word, which is what it
needs most to predict the next letter. The **long-range** ones (being inside quotes or
dialogue, the position in the paragraph) stay below $|r| \approx 0.25$: this 100-unit
network, trained on 100,000 characters, has no clean "quote" cell like those of the paper,
which studies bigger networks trained on texts of millions of characters. Besides, this
passage holds only a few quotations, and a correlation over so few cases says little.

Let us look at the best unit (not counting the space one) over the first 700 characters of
the passage. Each character is coloured by $\tanh(c_j)$ of that unit, multiplied by the sign
of $r$ so that red always means "more of the feature" (hover over it to see the value):
"""),
    code(r"""
key = max((k for k in found if k != "feature_space"), key=lambda k: abs(found[k][1]))
unit, r = found[key]
print(f"{tr(key, LANG)}: #{unit}, r = {r:+.2f}")
shown = long_passage[:700]
plots.html_activation(shown, np.sign(r) * values[unit, :700])
"""),
    md(es=r"""
En el texto español gana la **posición en la palabra**: la unidad está apagada (en blanco) en
los espacios y en la primera letra de cada palabra, y se enciende a partir de la segunda. Es
una celda que sabe «estoy dentro de una palabra, ya he pasado su comienzo», aprendida sin que
nadie le dijera qué es una palabra. En el texto inglés gana la unidad de las **vocales**.

Ten presente el límite de este método: buscamos entre características que *nosotros*
elegimos. La mayoría de las unidades hacen algo útil para predecir que no corresponde a
ninguna idea con nombre.
""", en=r"""
In the English text the **vowel** unit wins: it is red at most vowels and blue at spaces and
at many consonants, a vowel detector learnt without anyone telling the network what a vowel
is. In the Spanish text the **position in the word** unit wins instead.

Keep the limit of this method in mind: we search among features that *we* chose. Most units
do something useful for prediction that matches no idea with a name.
"""),

    # --- 9. exercises ----------------------------------------------------------------------------
    md(es=r"""
## 8. Ejercicios

1. **Tamaño de la red.** Entrena 2 épocas con `TrainConfig(n_a=50)` y con `n_a=200`. ¿Cómo
   cambian la pérdida de validación y el tiempo? ¿Cuántos parámetros tiene cada red
   (`sum(p.size for p in trainer.parameters.values())`)?
2. **Ventanas y flujos.** Prueba `seq_length=10` y `seq_length=50`, y `batch_size=8` y
   `batch_size=64`. ¿Cuántas actualizaciones tiene ahora una época
   (`trainer.windows_per_epoch`)? Compara la pérdida de validación tras el mismo número de
   **caracteres leídos** (`history["chars"]`), no de actualizaciones.
3. **Entrena más y vigila la validación.** Entrena 10 épocas con
   `every=trainer.windows_per_epoch` y dibuja la historia. ¿En qué época deja de bajar la
   pérdida de validación? ¿Cuánto se separan entonces las dos curvas?
4. **Precisión.** Repite el entrenamiento de la sección 3 con `TrainConfig(seed=0,
   dtype="float64")`. ¿Cambian las pérdidas impresas? ¿En qué decimal? ¿Y el tiempo?
5. **Busca otra celda.** Define una característica nueva, por ejemplo dentro de una pregunta
   (`inside_feature(long_passage, "¿", "?")`), la posición en la frase
   (`line_position(long_passage.replace(".", "\n"))`) o las consonantes, busca con
   `correlated_units` la unidad que mejor la sigue y muéstrala con `plots.html_activation`.
   ¿Sale la misma unidad con `long_record["a"]`, o con `long_record["c"]` sin $\tanh$? ¿Y con
   la red que entrenaste en la sección 3?
6. **Hilos.** Mide con `time.perf_counter()` 50 actualizaciones con `TrainConfig(workers=1)` y
   con `workers=2`. ¿Cuánto ganas con el segundo hilo? ¿Por qué no el doble? (Pista: los dos
   hilos se turnan el candado global de Python entre llamada y llamada a numpy, y comparten
   la memoria.) Con `dtype="float64"`, ¿son iguales las pérdidas? ¿Hasta qué decimal?
""", en=r"""
## 8. Exercises

1. **Network size.** Train 2 epochs with `TrainConfig(n_a=50)` and with `n_a=200`. How do the
   validation loss and the time change? How many parameters does each network have
   (`sum(p.size for p in trainer.parameters.values())`)?
2. **Windows and streams.** Try `seq_length=10` and `seq_length=50`, and `batch_size=8` and
   `batch_size=64`. How many updates is an epoch now (`trainer.windows_per_epoch`)? Compare
   the validation loss after the same number of **characters read** (`history["chars"]`),
   not of updates.
3. **Train longer and watch validation.** Train 10 epochs with
   `every=trainer.windows_per_epoch` and plot the history. In which epoch does the validation
   loss stop falling? How far apart are the two curves by then?
4. **Precision.** Repeat the training of section 3 with `TrainConfig(seed=0,
   dtype="float64")`. Do the printed losses change? In which decimal place? And the time?
5. **Find another cell.** Define a new feature, for example the position in the sentence
   (`line_position(long_passage.replace(".", "\n"))`), "after a comma"
   (`inside_feature(long_passage, ",", ".")`) or consonants, find with `correlated_units` the
   unit that follows it best and show it with `plots.html_activation`. Do you get the same
   unit with `long_record["a"]`, or with `long_record["c"]` without $\tanh$? And with the
   network you trained in section 3?
6. **Threads.** Time 50 updates with `time.perf_counter()` using `TrainConfig(workers=1)` and
   `workers=2`. How much does the second thread gain? Why not twice as much? (Hint: the two
   threads take turns with Python's global lock between one numpy call and the next, and
   they share the memory.) With `dtype="float64"`, are the losses equal? To which decimal?
"""),
]
