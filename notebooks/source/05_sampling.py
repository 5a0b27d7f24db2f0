"""Lesson 05: sampling text from the pretrained network, with temperature and top-k.

The student writes sample_top_k.
"""
from tools.nbsource import after_class, blank, code, guide, md, notes, settings, slide

CELLS = [
    # --- 1. title, where we are -----------------------------------------------------------
    md(es=r"""
# 05 · Muestreo: generar texto con temperatura y top-k

**Dónde estamos.** En las lecciones 01 a 04 construimos la celda LSTM, su retropropagación y
el optimizador Adam; en la 06 la entrenaremos sobre *La metamorfosis*. Aquí ponemos a
escribir a una red **ya entrenada** (con el código de la lección 06; viene en `data/`).

Una red de lenguaje no escribe texto: en cada paso da una **distribución de probabilidad**
sobre el siguiente carácter, y cómo elegimos un carácter de ella cambia mucho el resultado.
Veremos el bucle de generación, la **temperatura** $T$, el corte **top-k** y tres errores
del cuaderno original, unos **deslizadores** para la clase y cuánto duda la red a lo largo
de un texto.
""", en=r"""
# 05 · Sampling: generating text with temperature and top-k

**Where we are.** In lessons 01 to 04 we built the LSTM cell, its backpropagation and the
Adam optimiser; in 06 we will train it on *The Metamorphosis*. Here we make an **already
trained** network write (trained with the code of lesson 06; it ships in `data/`).

A language model does not write text: at each step it gives a **probability distribution**
over the next character, and how we pick a character from it changes the result a great
deal. We will see the generation loop, the **temperature** $T$, the **top-k** cut and three
mistakes of the original notebook, **sliders** for the class, and how much the network
hesitates along a text.
"""),
    slide(es=r"""
# 05 · Muestreo: generar texto con temperatura y top-k

- **Dónde estamos:** en 01-04 construiste la celda, su retropropagación y Adam; en la 06 la
  entrenarás
- Hoy escribe una red **ya entrenada**
- La red no escribe texto: da una **distribución** del siguiente carácter
- Cómo elegir de ella: la temperatura $T$ y el corte top-k
""", en=r"""
# 05 · Sampling: generating text with temperature and top-k

- **Where we are:** in 01-04 you built the cell, its backpropagation and Adam; in 06 you will
  train it
- Today an **already trained** network writes
- A network does not write text: it gives a **distribution** over the next character
- How to pick from it: the temperature $T$ and the top-k cut
"""),
    settings(),
    code(r"""
import numpy as np
import matplotlib.pyplot as plt

import lstm_np
from lstm_np.lessons import plots
from lstm_np.storage.checkpoint import load_pretrained
from lstm_np.storage.corpus import load_corpus, split_text
from lstm_np.i18n import tr
from lstm_np.lessons.notebook import show_source
from lstm_np.core.forward import lstm_cell_forward
from lstm_np.core.sampling import next_char_distribution, sample_top_k
from lstm_np.engine.generation import check_sampling_arguments
""", slide="skip"),
    md(es=r"""
Cargamos la red preentrenada de nuestro idioma. `load_pretrained` comprueba el archivo antes
de usarlo (claves, formas, tipos, valores finitos) y devuelve los parámetros con los nombres
del cuaderno original, el vocabulario con el que se entrenó y sus hiperparámetros.
""", en=r"""
We load the pretrained network of our language. `load_pretrained` checks the file before
using it (keys, shapes, dtypes, finite values) and returns the parameters under the original
notebook's names, the vocabulary it was trained with, and its hyperparameters.
"""),
    code(r"""
model = load_pretrained(LANG)
parameters, vocab = model.parameters, model.vocab
n_a = parameters["Wf"].shape[0]
n_x = n_y = vocab.size
print(f"n_a = {n_a}, n_x = n_y = {n_y}")
for name in ("Wf", "bf", "Wy", "by"):
    print(f"{name}: {parameters[name].shape}")
#[es] nats por carácter, en el texto reservado
#[en] nats per character, on held-out text
val_loss = min(model.history["val_loss"])
bits = lstm_np.nats_to_bits(val_loss)
print(f"{tr('validation', LANG)}: {val_loss:.4f} nats = {bits:.4f} bits")
print(repr("".join(vocab.chars)))
""", mark="model"),
    slide(es=r"""
### Una red ya entrenada

- `load_pretrained` comprueba el archivo antes de usarlo: claves, formas, tipos, valores
  finitos
- Devuelve los parámetros, el vocabulario y la historia del entrenamiento
""", en=r"""
### An already trained network

- `load_pretrained` checks the file before using it: keys, shapes, dtypes, finite values
- It returns the parameters, the vocabulary and the training history
""", show="model", notes_es=r"""
Señala que $n_x = n_y$: la red lee y escribe caracteres del mismo vocabulario. La pérdida de
validación en bits vuelve al final de la clase, en la sección 5.
""", notes_en=r"""
Point out that $n_x = n_y$: the network reads and writes characters of the same vocabulary.
The validation loss in bits comes back at the end of the class, in section 5.
"""),

    # --- 2. how generation works ---------------------------------------------------------------
    md(es=r"""
## 1. Cómo se genera texto

La red se entrenó para una sola tarea: dado lo leído hasta ahora, dar la probabilidad de cada
carácter siguiente. Para **escribir** usamos esa tarea en bucle:

1. **Calentar el estado.** Empezamos con $a^{\langle 0 \rangle} = c^{\langle 0 \rangle} = 0$
   y la red lee el texto de inicio, carácter a carácter, con la misma celda de la
   lección 01:
   $$a^{\langle t \rangle}, c^{\langle t \rangle} = \text{celda}\big(x^{\langle t \rangle},
   a^{\langle t-1 \rangle}, c^{\langle t-1 \rangle}\big),$$
   donde $x^{\langle t \rangle}$ es el vector *one-hot* $(n_x, 1)$ del carácter $t$, y
   $a^{\langle t \rangle}$, $c^{\langle t \rangle}$ son $(n_a, 1)$. Al terminar,
   $a$ y $c$ condensan lo leído: si el inicio es «gregor», la red ya «sabe» que está en medio
   de un nombre.
2. **Distribución del siguiente carácter.** Con el último estado oculto calculamos las
   puntuaciones $z = W_y a^{\langle t \rangle} + b_y$, de forma $(n_y, 1)$, y las convertimos
   en probabilidades $p = \text{softmax}(z / T)$ (la temperatura $T$, en la sección 2).
3. **Sortear un carácter** de $p$ (quizá solo entre los $k$ más probables, sección 3).
4. **Realimentarlo**: el carácter sorteado es la entrada $x^{\langle t+1 \rangle}$ del paso
   siguiente. Volvemos al paso 2 hasta tener `length` caracteres.
""", en=r"""
## 1. How text is generated

The network was trained for one task only: given what it has read so far, give the
probability of every possible next character. To **write**, we run that task in a loop:

1. **Warm up the state.** We start from $a^{\langle 0 \rangle} = c^{\langle 0 \rangle} = 0$
   and the network reads the priming text, one character at a time, with the same cell as
   in lesson 01:
   $$a^{\langle t \rangle}, c^{\langle t \rangle} = \text{cell}\big(x^{\langle t \rangle},
   a^{\langle t-1 \rangle}, c^{\langle t-1 \rangle}\big),$$
   where $x^{\langle t \rangle}$ is the one-hot vector $(n_x, 1)$ of character $t$, and
   $a^{\langle t \rangle}$, $c^{\langle t \rangle}$ are $(n_a, 1)$. At the end, $a$ and $c$
   summarise what was read: if the prime is "gregor", the network already "knows" it has just
   read a whole name, and that a space or a punctuation mark is likely next.
2. **Distribution of the next character.** From the last hidden state we compute the scores
   $z = W_y a^{\langle t \rangle} + b_y$, of shape $(n_y, 1)$, and turn them into
   probabilities $p = \text{softmax}(z / T)$ (the temperature $T$ comes in section 2).
3. **Draw a character** from $p$ (perhaps only among the $k$ most likely, section 3).
4. **Feed it back**: the character drawn is the input $x^{\langle t+1 \rangle}$ of the next
   step. Back to step 2 until we have `length` characters.
"""),
    slide(es=r"""
## 1. Cómo se genera texto

1. **Calentar:** la red lee el texto de inicio con la celda de la lección 01
2. **Distribución:** $p = \mathrm{softmax}(z / T)$, con $z = W_y a^{\langle t \rangle} + b_y$
3. **Sortear** un carácter de $p$
4. **Realimentar:** ese carácter es la entrada del paso siguiente; vuelta a 2
""", en=r"""
## 1. How text is generated

1. **Warm up:** the network reads the priming text with lesson 01's cell
2. **Distribution:** $p = \mathrm{softmax}(z / T)$, with $z = W_y a^{\langle t \rangle} + b_y$
3. **Draw** a character from $p$
4. **Feed it back:** that character is the next step's input; back to 2
"""),
    md(es=r"""
En el entrenamiento la entrada de cada paso era el carácter **verdadero** del libro; al
generar es el que la red acaba de **elegir**. Por eso una equivocación se arrastra: la red tiene que
seguir con lo que ella misma escribió. Entrenar dando siempre la entrada verdadera se llama
*teacher forcing* (Williams y Zipser, 1989): un maestro corrige cada paso. Como al entrenar
nunca tuvo que seguir desde sus propios errores, al generar la red se encuentra con situaciones
que no vio: es el **sesgo de exposición** (*exposure bias*, Ranzato y otros, 2016).

El bucle de generación de arriba es la función `sample_top_k` del cuaderno original, con sus
argumentos (`seed` es el texto de
inicio) y dos nuevos: `length` (el original generaba siempre 300 caracteres) y `rng`, el
generador aleatorio (el original usaba el estado global de numpy).
""", en=r"""
In training, the input at each step was the **true** character of the book; when generating,
it is the one the network has just **chosen**. That is why a mistake carries over: the
network has to go on from what it wrote itself. Training with the true input at every step is
called **teacher forcing** (Williams and Zipser, 1989): a teacher corrects every step. Since in
training it never had to go on from its own mistakes, when generating the network meets
situations it never saw: this is **exposure bias** (Ranzato et al., 2016).

The generation loop above is the original notebook's `sample_top_k`, with its arguments (`seed` is
the priming
text) and two new ones: `length` (the original always generated 300 characters) and `rng`,
the random generator (the original used numpy's global state).
""", slide="subslide"),
    slide(es=r"""
### Al generar, la red sigue sus propios errores

- Al entrenar, la entrada de cada paso era el carácter **verdadero** (*teacher forcing*)
- Al generar, es el que la red acaba de **elegir**
- Una equivocación se arrastra: la red llega a situaciones que nunca vio, el **sesgo de
  exposición**
""", en=r"""
### When generating, the network follows its own mistakes

- In training, each step's input was the **true** character (teacher forcing)
- When generating, it is the one the network has just **chosen**
- A mistake carries over: the network meets situations it never saw, **exposure bias**
"""),
    blank(doc_es=r'''
Genera `length` caracteres después del texto de inicio `seed`, con muestreo top-k.

parameters: dict de la red entrenada (Wf, bf, ..., Wy, by); n_y, n_a = Wy.shape
char_to_ix: dict carácter -> índice
seed:       texto de inicio (un carácter o varios, todos del vocabulario)
temperature: T > 0; divide los logaritmos de las probabilidades
k:          cuántos de los caracteres más probables se conservan (1 = voraz)
length:     cuántos caracteres se generan
rng:        np.random.Generator (None: uno nuevo, np.random.default_rng())
Devuelve la lista de los `length` índices generados (sin el inicio).

1. a, c = ceros (n_a, 1). Para cada carácter de seed: x one-hot (n_y, 1) y
   a, c, y_hat, _ = lstm_cell_forward(x, a, c, parameters).
2. Repite `length` veces:
   p = softmax(log(y_hat) / T)              (np.log(y_hat.ravel()), y después exp y normalizar)
   top = np.argsort(p)[-k:]                 (los k más probables)
   q = p[top] / p[top].sum()                (renormalizar)
   choice = rng.choice(top, p=q)            (UNA llamada por carácter)
   guarda choice; x = one-hot de choice; a, c, y_hat, _ = lstm_cell_forward(x, a, c, ...)
''', doc_en=r'''
Generate `length` characters after the priming text `seed`, with top-k sampling.

parameters: dict of the trained network (Wf, bf, ..., Wy, by); n_y, n_a = Wy.shape
char_to_ix: dict character -> index
seed:       the priming text (one character or several, all in the vocabulary)
temperature: T > 0; divides the logarithms of the probabilities
k:          how many of the most likely characters are kept (1 = greedy)
length:     how many characters are generated
rng:        np.random.Generator (None: a new one, np.random.default_rng())
Returns the list of the `length` generated indices (without the prime).

1. a, c = zeros (n_a, 1). For each character of seed: x one-hot (n_y, 1) and
   a, c, y_hat, _ = lstm_cell_forward(x, a, c, parameters).
2. Repeat `length` times:
   p = softmax(log(y_hat) / T)              (np.log(y_hat.ravel()), then exp and normalise)
   top = np.argsort(p)[-k:]                 (the k most likely)
   q = p[top] / p[top].sum()                (renormalise)
   choice = rng.choice(top, p=q)            (ONE call per character)
   keep choice; x = one-hot of choice; a, c, y_hat, _ = lstm_cell_forward(x, a, c, ...)
''', code=r'''
def sample_top_k(parameters, char_to_ix, seed, temperature=1.0, k=5, *, length=300, rng=None):
    ### BEGIN SOLUTION
    n_y, n_a = parameters["Wy"].shape
    rng = np.random.default_rng() if rng is None else rng
    a = np.zeros((n_a, 1))
    c = np.zeros((n_a, 1))
    #[es] leer el texto de inicio
    #[en] read the priming text
    for ch in seed:
        x = np.zeros((n_y, 1))
        x[char_to_ix[ch]] = 1
        a, c, y_hat, _ = lstm_cell_forward(x, a, c, parameters)
    indices = []
    for _ in range(length):
        #[es] temperatura
        #[en] temperature
        logits = np.log(y_hat.ravel()) / temperature
        p = np.exp(logits - logits.max())
        p = p / p.sum()
        #[es] los k más probables
        #[en] the k most likely
        top = np.argsort(p)[-k:]
        #[es] renormalizar
        #[en] renormalise
        q = p[top] / p[top].sum()
        choice = int(rng.choice(top, p=q))
        indices.append(choice)
        #[es] realimentar el carácter elegido
        #[en] feed the chosen character back
        x = np.zeros((n_y, 1))
        x[choice] = 1
        a, c, y_hat, _ = lstm_cell_forward(x, a, c, parameters)
    return indices
    ### END SOLUTION
'''),
    code(r"""
from lstm_np import exercises

#[es] globals().get da None si tu celda no llegó a definir la función (vacía, con un error)
#[en] globals().get gives None if your cell did not define the function (empty, or it failed)
sample_top_k = exercises.use("sample_top_k", globals().get("sample_top_k"), LANG)
""", only="student"),
    code(r"""
show_source(sample_top_k, LANG)
""", only="complete"),
    slide(es=r"""
### Tu turno: `sample_top_k`

- Calienta $a, c$ (ceros) leyendo `seed` con `lstm_cell_forward`
- $p = \mathrm{softmax}(\log \hat y / T)$; quédate con los $k$ más probables y renormaliza
- **Una** llamada `rng.choice(top, p=q)` por carácter
- Realimenta el carácter elegido; devuelve los `length` índices
""", en=r"""
### Your turn: `sample_top_k`

- Warm up $a, c$ (zeros) by reading `seed` with `lstm_cell_forward`
- $p = \mathrm{softmax}(\log \hat y / T)$; keep the $k$ most likely and renormalise
- **One** call `rng.choice(top, p=q)` per character
- Feed the chosen character back; return the `length` indices
""", notes_es=r"""
Deja esta diapositiva a la vista mientras escriben: es la receta del docstring, no la
solución. Recorre la sala buscando los errores habituales de la nota de la sección.
""", notes_en=r"""
Leave this slide up while they write: it is the docstring's recipe, not the solution. Walk
round the room looking for the usual mistakes listed in the section's note.
"""),
    md(es=r"""
`lstm_np.generate`, que usan los deslizadores, devuelve el inicio seguido de lo generado.
Hace las mismas cuentas con una celda *fusionada* (las cuatro compuertas en una sola matriz,
la columna del carácter en lugar del producto por un vector one-hot): para el mismo
generador escribe el mismo texto que `sample_top_k`, más deprisa, y una prueba
del paquete lo comprueba. Aquí también, con los valores por defecto de los deslizadores
($T = 0.8$, $k = 5$) y el inicio «gregor», que existe en los dos libros:
""", en=r"""
`lstm_np.generate`, which the sliders use, returns the prime followed by what was generated.
It does the same arithmetic with a *fused* cell (the four gates in one matrix, the
character's column instead of the product with a one-hot vector): for the same generator it
writes the same text as `sample_top_k`, faster, and a test of the package
checks it. Here too, with the sliders' default values ($T = 0.8$, $k = 5$) and the prime
"gregor", which exists in both books:
""", slide="subslide"),
    code(r"""
PRIME = "gregor"
indices = sample_top_k(parameters, vocab.char_to_ix, PRIME, 0.8, 5, length=200,
                       rng=np.random.default_rng(0))
print(PRIME + vocab.decode(indices))
print(PRIME + vocab.decode(indices) == lstm_np.generate(parameters, vocab, PRIME, length=200,
                                                         temperature=0.8, k=5,
                                                         rng=np.random.default_rng(0)))
""", mark="gregor"),
    slide(es=r"""
### El mismo texto que `lstm_np.generate`

- Inicio «gregor», $T = 0.8$, $k = 5$, semilla 0
- `generate`, el de los deslizadores, usa una celda **fusionada**: las mismas cuentas, más
  deprisa
""", en=r"""
### The same text as `lstm_np.generate`

- Prime "gregor", $T = 0.8$, $k = 5$, seed 0
- `generate`, the one behind the sliders, uses a **fused** cell: the same arithmetic, faster
""", show="gregor"),
    notes(es=r"""
**14 min.** Escribe el bucle en la pizarra (calentar, distribución, sortear, realimentar) y
da 10 minutos para `sample_top_k` (la función más larga de la serie hasta aquí). Preguntas:
- *¿Por qué una equivocación se arrastra al generar y no al entrenar?* Al entrenar la entrada es el
  carácter verdadero; al generar es el que la red eligió.
- *¿Qué recoge el estado después de leer «gregor»?* Que está en medio de un nombre, y quizá
  de una frase: el estado no guarda el texto, solo lo que sirve para predecir.

Errores habituales: no realimentar el carácter elegido; volver a poner $a, c$ a cero en cada
paso; llamar a `rng.choice` sin `p=` (sortea uniforme).
""", en=r"""
**14 min.** Write the loop on the board (warm up, distribution, draw, feed back) and give 10
minutes for `sample_top_k` (the longest function of the series so far). Questions:
- *Why does a mistake carry over when generating and not when training?* In training the
  input is the true character; when generating it is the one the network chose.
- *What does the state sum up after reading "gregor"?* That it has just read a whole name
  (in Spanish, «gregor» is the middle of «gregorio»), and perhaps that it is inside a
  sentence: the state does not keep the text, only what helps to predict.

Usual mistakes: not feeding the chosen character back; resetting $a, c$ to zero at every
step; calling `rng.choice` without `p=` (a uniform draw).
"""),

    # --- 3. temperature ------------------------------------------------------------------------
    md(es=r"""
## 2. Temperatura

La capa de salida da puntuaciones $z_1, \dots, z_{n_y}$ (una por carácter). La temperatura
$T > 0$ las divide antes de la softmax:

$$p_i(T) = \frac{e^{z_i / T}}{\sum_{j=1}^{n_y} e^{z_j / T}}.$$

Lo que cambia es la razón entre dos probabilidades: $\dfrac{p_i}{p_j} = e^{(z_i - z_j)/T}$.

- **$T = 1$**: la distribución del modelo, la que el entrenamiento ajustó al libro con la
  entropía cruzada.
- **$T < 1$**: las diferencias $z_i - z_j$ se agrandan; la distribución se **afila** y los
  caracteres probables lo son aún más. Cuando $T \to 0$, toda la probabilidad va al carácter
  de mayor puntuación: $p \to$ *one-hot* del $\arg\max_i z_i$ (elección voraz).
- **$T > 1$**: las diferencias se encogen; la distribución se **aplana**. Cuando
  $T \to \infty$, $p_i \to 1 / n_y$: todos los caracteres igual de probables.
""", en=r"""
## 2. Temperature

The output layer gives scores $z_1, \dots, z_{n_y}$ (one per character). The temperature
$T > 0$ divides them before the softmax:

$$p_i(T) = \frac{e^{z_i / T}}{\sum_{j=1}^{n_y} e^{z_j / T}}.$$

What changes is the ratio of two probabilities: $\dfrac{p_i}{p_j} = e^{(z_i - z_j)/T}$.

- **$T = 1$**: the model's distribution, the one training fitted to the book with the cross
  entropy.
- **$T < 1$**: the differences $z_i - z_j$ grow; the distribution gets **sharper** and likely
  characters become even more likely. As $T \to 0$, all the probability goes to the character
  with the highest score: $p \to$ one-hot of $\arg\max_i z_i$ (the greedy choice).
- **$T > 1$**: the differences shrink; the distribution gets **flatter**. As
  $T \to \infty$, $p_i \to 1 / n_y$: every character equally likely.
"""),
    slide(es=r"""
## 2. Temperatura

$$p_i(T) = \frac{e^{z_i / T}}{\sum_{j} e^{z_j / T}} \qquad
  \frac{p_i}{p_j} = e^{(z_i - z_j)/T}$$

- $T = 1$: la distribución del modelo
- $T < 1$: se **afila**; si $T \to 0$, voraz: el one-hot del $\arg\max_i z_i$
- $T > 1$: se **aplana**; si $T \to \infty$, uniforme: $1 / n_y$
""", en=r"""
## 2. Temperature

$$p_i(T) = \frac{e^{z_i / T}}{\sum_{j} e^{z_j / T}} \qquad
  \frac{p_i}{p_j} = e^{(z_i - z_j)/T}$$

- $T = 1$: the model's distribution
- $T < 1$: it gets **sharper**; as $T \to 0$, greedy: the one-hot of $\arg\max_i z_i$
- $T > 1$: it gets **flatter**; as $T \to \infty$, uniform: $1 / n_y$
"""),
    md(es=r"""
Como $z_i = \log p_i(1) + \text{cte.}$, también se puede escribir
$p_i(T) \propto p_i(1)^{1/T}$: eso hacía el cuaderno original con
`np.log(p + 1e-10) / temperature` seguido de otra softmax. Es lo mismo, con un paso de más.

Para medir lo «afilada» que está una distribución usamos su **entropía** en bits,

$$H(p) = -\sum_{i} p_i \log_2 p_i,$$

que vale $0$ si un carácter tiene toda la probabilidad y $\log_2 n_y$ si todos la tienen igual.
Es una cota inferior del número medio de preguntas de sí o no que hacen falta para adivinar
el siguiente carácter (la mejor estrategia de preguntas necesita entre $H$ y $H + 1$).
""", en=r"""
Since $z_i = \log p_i(1) + \text{const.}$, one can also write $p_i(T) \propto p_i(1)^{1/T}$:
that is what the original notebook did with `np.log(p + 1e-10) / temperature` followed by
another softmax. It is the same thing, with one step more.

To measure how "sharp" a distribution is we use its **entropy** in bits,

$$H(p) = -\sum_{i} p_i \log_2 p_i,$$

which is $0$ if one character has all the probability and $\log_2 n_y$ if they all have the
same. It is a lower bound on the average number of yes-or-no questions needed to guess the
next character (the best questioning strategy needs between $H$ and $H + 1$).
""", slide="subslide"),
    md(es=r"""
Tomemos un contexto que la red **no vio** al entrenar: un trozo del final del libro (la parte
reservada para validación), cortado justo después de la primera letra de una palabra. La red
ve cómo empieza la palabra y tiene que adivinar cómo sigue. El código es el mismo en los dos
idiomas; el trozo sale del libro de cada uno. Imprimimos también el carácter que de verdad
viene a continuación en el libro.
""", en=r"""
Let us take a context the network **did not see** in training: a piece of the end of the book
(the part held out for validation), cut right after the first letter of a word. The network
sees how the word begins and must guess how it goes on. The code is the same in both
languages; the piece comes from each one's book. We also print the character that really
comes next in the book.
""", slide="subslide"),
    code(r"""
text = load_corpus(CORPUS)
train_text, val_text = split_text(text)
#[es] la primera palabra entera ...
#[en] the first whole word ...
start = val_text.index(" ") + 1
#[es] ... hasta la primera letra de una palabra posterior
#[en] ... up to the first letter of a later word
end = val_text.index(" ", start + 60) + 2
CONTEXT = val_text[start:end]
print(repr(CONTEXT), "->", repr(val_text[end]))
""", mark="context"),
    md(es=r"""
`next_char_distribution` lee el contexto con la red y devuelve la distribución, de forma
$(n_y,)$, de la que `sample_top_k` sortearía el primer carácter:
""", en=r"""
`next_char_distribution` reads the context with the network and returns the distribution, of
shape $(n_y,)$, from which `sample_top_k` would draw the first character:
""", slide="subslide"),
    code(r"""
show_source(next_char_distribution, LANG)
"""),
    code(r"""
def entropy_bits(p):
    #[es] H(p) = -Σ p log2 p, con 0 log 0 = 0
    #[en] H(p) = -sum p log2 p, with 0 log 0 = 0
    p = p[p > 0]
    return float(-(p * np.log2(p)).sum())

print(f"log2(n_y) = {np.log2(n_y):.4f} bits")
for T in (0.25, 0.5, 1.0, 1.5, 2.0, 5.0):
    p = next_char_distribution(parameters, vocab.char_to_ix, CONTEXT, temperature=T)
    best = vocab.ix_to_char[int(np.argmax(p))]
    print(f"T={T:<4}  max p={p.max():.4f} {best!r}  H={entropy_bits(p):.4f} bits")
print("p.shape =", p.shape)
""", mark="t_table"),
    slide(es=r"""
### Entropía: cuánto duda una distribución

$$H(p) = -\sum_i p_i \log_2 p_i$$

- $0$ si es segura, $\log_2 n_y$ si es uniforme
- Un contexto que la red no vio, cortado tras la primera letra de una palabra:
""", en=r"""
### Entropy: how unsure a distribution is

$$H(p) = -\sum_i p_i \log_2 p_i$$

- $0$ if it is sure, $\log_2 n_y$ if it is uniform
- A context the network did not see, cut after the first letter of a word:
""", show=("context", "t_table"), notes_es=r"""
Lee la tabla de abajo arriba: al bajar $T$, `max p` crece y $H$ cae; el carácter favorito es
el mismo en todas las filas.
""", notes_en=r"""
Read the table from the bottom up: as $T$ falls, `max p` grows and $H$ drops; the favourite
character is the same in every row.
"""),
    md(es=r"""
La misma información, en barras. Cada fila es una temperatura; la columna de la izquierda
deja todos los caracteres ($k = n_y$) y la de la derecha solo los 5 más probables (lo
explicamos en la sección 3). Un espacio se dibuja como «␣» y un salto de línea como «⏎».
""", en=r"""
The same information as bars. Each row is a temperature; the left column keeps every
character ($k = n_y$) and the right one only the 5 most likely (explained in section 3).
A space is drawn as "␣" and a line break as "⏎".
""", slide="subslide"),
    code(r"""
fig = plots.plot_temperature_grid(parameters, vocab, CONTEXT, temperatures=[0.5, 1.0, 1.5],
                                  ks=[None, 5], lang=LANG)
""", deck="output", mark="t_bars", alt={
        "es": ("Barras de probabilidad del siguiente carácter con tres temperaturas, con todos los "
               "caracteres y con los 5 más probables"),
        "en": ("Next-character probability bars at three temperatures, with every character and "
               "with the 5 most likely")}),
    md(es=r"""
El orden de las barras no cambia con $T$ (dividir por $T > 0$ no altera qué puntuación es
mayor); solo cambia su altura. Al bajar $T$ la letra favorita gana probabilidad (la columna
`max p` de la tabla crece de abajo arriba); con $T = 1.5$ la cola de caracteres improbables
crece, y es de esa cola de donde salen las «palabras» inventadas. Fíjate también en el
carácter que de verdad venía, «a»: no es el favorito de la red, que prefiere «o» a cualquier
temperatura.
""", en=r"""
The order of the bars does not change with $T$ (dividing by $T > 0$ does not change which
score is larger); only their height does. As $T$ falls the favourite letter gains probability
(the `max p` column of the table grows from the bottom up); at $T = 1.5$ the tail of unlikely
characters grows, and that tail is where made-up "words" come from. Look also at the
character that really came next, 'a': it is the network's favourite, but at $T = 1$ the
network gives it less than half of the probability.
"""),
    slide(es=r"""
### Mismo orden, otras alturas
""", en=r"""
### Same order, other heights
""", show="t_bars", notes_es=r"""
Dividir por $T > 0$ no cambia qué puntuación es mayor: el orden de las barras es el mismo en
cada fila. Izquierda, todos los caracteres; derecha, solo los 5 más probables. Señala la cola
de la columna izquierda con $T = 1.5$: de ahí salen las palabras inventadas. La columna derecha
es la sección siguiente.
""", notes_en=r"""
Dividing by $T > 0$ does not change which score is larger: the bars are in the same order in
every row. Left, every character; right, only the 5 most likely. Point at the tail of the left
column at $T = 1.5$: that is where made-up words come from. The right column is the next
section.
"""),

    notes(es=r"""
**10 min.** Proyecta la tabla de $T$ y la figura de barras. Preguntas:
- *¿Cambia el orden de los caracteres al cambiar $T$?* No: dividir por $T > 0$ conserva qué
  puntuación es mayor; solo cambian las alturas.
- *¿Qué distribución da $T \to 0$? ¿Y $T \to \infty$?* La voraz (one-hot del máximo); la
  uniforme, $1/n_y$.
- *¿Qué mide la entropía en bits?* Lo afilada que está la distribución: 0 si es segura,
  $\log_2 n_y$ si es uniforme; es una cota inferior de las preguntas de sí o no necesarias.

Error habitual: pensar que la temperatura cambia el carácter favorito.
""", en=r"""
**10 min.** Project the table of $T$ and the bar figure. Questions:
- *Does the order of the characters change with $T$?* No: dividing by $T > 0$ keeps which
  score is larger; only the heights change.
- *What distribution does $T \to 0$ give? And $T \to \infty$?* The greedy one (one-hot of the
  maximum); the uniform one, $1/n_y$.
- *What does the entropy in bits measure?* How sharp the distribution is: 0 if sure,
  $\log_2 n_y$ if uniform; it is a lower bound on the yes-or-no questions needed.

Usual mistake: thinking the temperature changes the favourite character.
"""),

    # --- 4. top-k ----------------------------------------------------------------------------
    md(es=r"""
## 3. Top-k

Incluso con $T = 1$, la cola importa: cada carácter improbable tiene poca probabilidad, pero
son muchos, y sumados salen a menudo. Un solo carácter raro basta para romper una palabra, y
la red tiene que seguir a partir de él. El muestreo **top-k** corta la cola: sea $S_k$ el
conjunto de los $k$ caracteres de mayor puntuación; entonces

$$p_i^{(k)} = \begin{cases} \dfrac{p_i(T)}{\sum_{j \in S_k} p_j(T)} & \text{si } i \in S_k, \\[2ex]
0 & \text{si no.} \end{cases}$$

- $k = n_y$: no se corta nada.
- $k = 1$: solo queda el carácter más probable, con probabilidad 1: es la **decodificación
  voraz** (*greedy*), y ya no hay azar (ni importa $T$).

Como el orden no depende de $T$, da igual aplicar primero la temperatura y luego el corte (como
el cuaderno original) o al revés. El paquete se queda con las $k$ puntuaciones mayores y
aplica la softmax con temperatura solo a ellas.
""", en=r"""
## 3. Top-k

Even at $T = 1$ the tail matters: each unlikely character has little probability, but there
are many of them, and together they come up often. A single odd character is enough to break
a word, and the network has to go on from it. **Top-k** sampling cuts the tail off: let $S_k$
be the set of the $k$ characters with the highest scores; then

$$p_i^{(k)} = \begin{cases} \dfrac{p_i(T)}{\sum_{j \in S_k} p_j(T)} & \text{if } i \in S_k, \\[2ex]
0 & \text{otherwise.} \end{cases}$$

- $k = n_y$: nothing is cut.
- $k = 1$: only the most likely character is left, with probability 1: this is **greedy
  decoding**, and there is no randomness left (and $T$ does not matter).

Since the order does not depend on $T$, applying the temperature first and then cutting (as
the original notebook did) or the other way round gives the same result. The package keeps
the $k$ largest scores and applies the softmax with temperature to them alone.
"""),
    slide(es=r"""
## 3. Top-k

$$p_i^{(k)} = \begin{cases} p_i(T) \,/ \sum_{j \in S_k} p_j(T) & \text{si } i \in S_k \\
  0 & \text{si no} \end{cases}$$

- $S_k$: los $k$ caracteres de mayor puntuación
- $k = n_y$: no se corta nada
- $k = 1$: **voraz**; ya no hay azar, y $T$ no importa
""", en=r"""
## 3. Top-k

$$p_i^{(k)} = \begin{cases} p_i(T) \,/ \sum_{j \in S_k} p_j(T) & \text{if } i \in S_k \\
  0 & \text{otherwise} \end{cases}$$

- $S_k$: the $k$ characters with the highest scores
- $k = n_y$: nothing is cut
- $k = 1$: **greedy**; no randomness left, and $T$ does not matter
"""),
    code(r"""
show_source(lstm_np.core.sampling.top_k_distribution, LANG)
""", only="complete"),
    md(es=r"""
Comprobemos la fórmula: cortar a mano la distribución completa y renormalizar da lo mismo que
pedir `k=5` directamente. Y veamos cuánta probabilidad tiene la cola que se corta, justo
después del espacio y después de la primera letra de la palabra:
""", en=r"""
Let us check the formula: cutting the full distribution by hand and renormalising gives the
same as asking for `k=5` directly. And let us see how much probability the tail that is cut
off holds, right after the space and after the first letter of the word:
""", slide="subslide"),
    code(r"""
T, k = 1.0, 5
full = next_char_distribution(parameters, vocab.char_to_ix, CONTEXT, temperature=T)
#[es] S_k: los k caracteres más probables
#[en] S_k: the k most likely characters
top = np.argsort(-full, kind="stable")[:k]
by_hand = np.zeros_like(full)
#[es] cortar y renormalizar
#[en] cut and renormalise
by_hand[top] = full[top] / full[top].sum()
print(np.allclose(by_hand, next_char_distribution(parameters, vocab.char_to_ix, CONTEXT, T, k)))
#[es] tras el espacio, tras la primera letra
#[en] after the space, after the first letter
for ctx in (CONTEXT[:-1], CONTEXT):
    p = next_char_distribution(parameters, vocab.char_to_ix, ctx, temperature=T)
    print(f"{ctx[-12:]!r}: 1 - Σ p[S_k] = {1 - np.sort(p)[-k:].sum():.4f}")
""", mark="tail"),
    slide(es=r"""
### Cuánto pesa la cola

- `True`: cortar a mano y renormalizar da lo mismo que pedir `k=5`
- $1 - \sum p[S_5]$: tras el espacio la cola pesa mucho; tras la primera letra, mucho menos
- Un $k$ fijo corta a veces demasiado y a veces casi nada (ejercicio 4)
""", en=r"""
### How much the tail weighs

- `True`: cutting by hand and renormalising gives the same as asking for `k=5`
- $1 - \sum p[S_5]$: after the space the tail weighs a lot; after the first letter, much less
- A fixed $k$ sometimes cuts too much and sometimes almost nothing (exercise 4)
""", show="tail"),
    md(es=r"""
Al empezar una palabra la cola pesa mucho más que a mitad de ella: un $k$ fijo corta a veces
demasiado y a veces casi nada (volveremos a esto en el ejercicio 4).

Ahora, textos. Todos empiezan con el mismo `PRIME` y usan un generador con la misma semilla,
así que las diferencias se deben solo a $T$ y $k$. Primero la decodificación voraz ($k = 1$),
después muestras con distintos ajustes:
""", en=r"""
At the start of a word the tail weighs much more than in the middle of one: a fixed $k$
sometimes cuts too much and sometimes almost nothing (we come back to this in exercise 4).

Now, texts. They all start from the same `PRIME` and use a generator with the same seed, so
the differences come from $T$ and $k$ alone. First greedy decoding ($k = 1$), then samples
with several settings:
""", slide="subslide"),
    code(r"""
settings_Tk = [(1.0, 1), (0.5, 5), (1.0, 5), (1.0, n_y), (1.5, n_y)]
for T, k in settings_Tk:
    sample = lstm_np.generate(parameters, vocab, PRIME, length=200, temperature=T, k=k,
                              rng=np.random.default_rng(0))
    print(f"T={T} k={k}:")
    print(sample)
    print()
""", deck="output"),
    md(es=r"""
Qué observar:

- **Voraz ($k = 1$)**: casi todo palabras reales, pero el texto cae enseguida en un **bucle** y
  repite la misma frase. Es determinista: una vez que el estado $(a, c)$ vuelve a parecerse al
  de antes, la elección más probable vuelve a ser la misma. El texto más probable carácter a
  carácter no se parece al texto humano, que tiene sorpresas.
- **$T = 0.5$, $k = 5$**: prudente; palabras frecuentes y frases que se repiten, con menos
  palabras inventadas.
- **$T = 1$, $k = 5$**: más variedad y más palabras inventadas, pero con forma de español:
  sílabas y terminaciones verosímiles.
- **$T = 1$, $k = n_y$**: la distribución del modelo sin retoques; de vez en cuando se cuela
  un carácter de la cola y rompe la palabra en
  la que cae.
- **$T = 1.5$, $k = n_y$**: la cola pesa tanto que las palabras se deshacen.
""", en=r"""
What to look for:

- **Greedy ($k = 1$)**: mostly real words, but the text soon falls into a **loop** and repeats
  the same phrase. It is deterministic: once the state $(a, c)$ comes back close to an
  earlier one, the most likely choice is the same again. The text that is most likely
  character by character does not look like human text, which has surprises.
- **$T = 0.5$, $k = 5$**: cautious; frequent words and phrases that repeat, with fewer
  made-up words.
- **$T = 1$, $k = 5$**: more variety and more made-up words, but shaped like English:
  plausible syllables and endings.
- **$T = 1$, $k = n_y$**: the model's distribution untouched; now and then a character from
  the tail slips in and breaks the word it lands in.
- **$T = 1.5$, $k = n_y$**: the tail weighs so much that words fall apart.
""", slide="subslide"),
    slide(es=r"""
### Cinco ajustes, cinco textos

- **Voraz** ($k = 1$): palabras reales, pero cae en un **bucle**
- $T = 0.5$, $k = 5$: prudente; frases que se repiten
- $T = 1$, $k = 5$: más variedad; palabras inventadas con forma de español
- $T = 1$, $k = n_y$: a veces un carácter de la cola rompe una palabra
- $T = 1.5$, $k = n_y$: las palabras se deshacen
""", en=r"""
### Five settings, five texts

- **Greedy** ($k = 1$): real words, but it falls into a **loop**
- $T = 0.5$, $k = 5$: cautious; phrases that repeat
- $T = 1$, $k = 5$: more variety; made-up words shaped like English
- $T = 1$, $k = n_y$: now and then a character from the tail breaks a word
- $T = 1.5$, $k = n_y$: words fall apart
""", notes_es=r"""
Los cinco textos de 200 caracteres no caben en una diapositiva: léelos en voz alta desde la
salida de la celda en el cuaderno, y después recorre la lista.
""", notes_en=r"""
The five texts of 200 characters do not fit on a slide: read them aloud from the cell's
output in the notebook, then go through the list.
"""),

    notes(es=r"""
**8 min.** Lee en voz alta los cinco textos antes de comentar la lista. Las tres fes de
erratas del original son lectura de después de clase. Pregunta:
- *¿Por qué el texto voraz cae en un bucle?* Es determinista: cuando el estado se parece a
  uno anterior, la elección vuelve a ser la misma.

Error habitual: creer que $k = 1$ con $T$ alta da variedad (con $k = 1$, $T$ no importa).
""", en=r"""
**8 min.** Read the five texts aloud before discussing the list. The original's three errata
are reading after class. Question:
- *Why does the greedy text fall into a loop?* It is deterministic: when the state comes
  close to an earlier one, the choice is the same again.

Usual mistake: believing $k = 1$ with a high $T$ gives variety (with $k = 1$, $T$ does not
matter).
"""),

    # --- 5. sliders ------------------------------------------------------------------------------
    md(es=r"""
## 4. Deslizadores

`lstm_np.lessons.widgets.sampler` pone todo lo anterior en unos controles. Cada cambio vuelve a
generar el texto al instante (300 caracteres tardan unos milisegundos):

- **temperatura** $T$, de 0.1 a 2;
- **k**, de 1 (voraz) a $n_y$ (sin corte);
- **longitud**, de 10 a 500 caracteres generados;
- **inicio**: escribe el texto de inicio y pulsa Enter. Solo minúsculas y los signos del
  vocabulario; si pones un carácter que la red no conoce, el cuadro lo dice en vez de fallar.

El texto aparece debajo, con el inicio en negrita. La semilla del generador es fija
(`seed=0`), así que los mismos valores dan siempre el mismo texto: lo que cambia al mover un
deslizador se debe al deslizador.
""", en=r"""
## 4. Sliders

`lstm_np.lessons.widgets.sampler` puts everything above into a few controls. Every change generates
the text again at once (300 characters take a few milliseconds):

- **temperature** $T$, from 0.1 to 2;
- **k**, from 1 (greedy) to $n_y$ (no cut);
- **length**, from 10 to 500 generated characters;
- **prime**: type the priming text and press Enter. Only lower-case letters and the signs of
  the vocabulary; if you type a character the network does not know, the box says so instead
  of failing.

The text appears below, with the prime in bold. The generator's seed is fixed (`seed=0`), so
the same values always give the same text: whatever changes when you move a slider is due to
that slider.
"""),
    slide(es=r"""
## 4. Deslizadores

- Temperatura $T$ de 0.1 a 2, $k$ de 1 a $n_y$, longitud y texto de inicio
- Cada cambio vuelve a generar el texto al instante
- Semilla fija: lo que cambia se debe al deslizador que mueves
- En clase, sin código a la vista: la página del muestreador, `notebooks/app/`
""", en=r"""
## 4. Sliders

- Temperature $T$ from 0.1 to 2, $k$ from 1 to $n_y$, length and priming text
- Every change generates the text again at once
- A fixed seed: whatever changes is due to the slider you move
- In class, with no code in sight: the sampler page, `notebooks/app/`
"""),
    md(es=r"""
Así se ven los deslizadores cuando la lección se ejecuta en Jupyter. En una página estática
(GitHub, nbviewer) la celda de abajo solo muestra `interactive(...)`: los controles necesitan
un núcleo de Python en marcha.

![Los deslizadores de temperatura, k, longitud e inicio, con el texto generado](../../img/sliders_es.png)

**Para la clase:** los mismos controles, sin código a la vista, están en la página del
muestreador (carpeta `notebooks/app/`, con Voila).
""",  # noqa: E501
       en=r"""
This is what the sliders look like when the lesson runs in Jupyter. On a static page
(GitHub, nbviewer) the cell below only shows `interactive(...)`: the controls need a running
Python kernel.

![The temperature, k, length and prime sliders, with the generated text](../../img/sliders_en.png)

**For the class:** the same controls, with no code in sight, are on the sampler page (folder
`notebooks/app/`, with Voila).
""", slide="subslide"),
    code(r"""
from lstm_np.lessons.widgets import sampler

w = sampler(parameters, vocab, lang=LANG, seed=0, prime=PRIME)
w
""", tags=["nbval-ignore-output"], deck="skip"),
    md(es=r"""
Los deslizadores también se mueven desde código. `w.children` son, en orden, temperatura, k,
longitud, inicio, el cuadro de texto y la salida; `w.result` es el texto que corresponde a los
valores actuales. Así se comprueba (y las pruebas del repositorio comprueban) que los controles
hacen lo que
prometen: con $k = 1$ el texto es el de `lstm_np.generate` con los mismos valores. Si ejecutas
esta celda, verás cambiar también los controles de arriba.
""", en=r"""
The sliders can also be moved from code. `w.children` are, in order, temperature, k, length,
prime, the text box and the output; `w.result` is the text for the current values. This is
how we check (and the tests check) that the controls do what they promise: with $k = 1$ the
text is the one `lstm_np.generate` gives for the same values. If you run this cell, you will
see the controls above change too.
""", slide="subslide"),
    code(r"""
#[es] si no, una figura abierta aparecería dentro del control
#[en] an open figure would otherwise show up inside the widget
plt.close("all")
#[es] temperatura
#[en] temperature
w.children[0].value = 0.5
#[es] k = 1: voraz
#[en] k = 1: greedy
w.children[1].value = 1
length = w.children[2].value
print(w.result)
print(w.result == lstm_np.generate(parameters, vocab, PRIME, 0.5, 1, length=length,
                                   rng=np.random.default_rng(0)))
w.children[1].value = 5             # k = 5
print(w.result)
""", mark="sliders_code"),
    slide(es=r"""
### Los deslizadores, movidos desde código

- $T = 0.5$, $k = 1$: voraz; el mismo texto que `lstm_np.generate` (`True`)
- $k = 5$: vuelve el azar, y el bucle se rompe
""", en=r"""
### The sliders, moved from code

- $T = 0.5$, $k = 1$: greedy; the same text as `lstm_np.generate` (`True`)
- $k = 5$: randomness is back, and the loop breaks
""", show="sliders_code", notes_es=r"""
Si no hay Jupyter en el aula, esta salida sustituye a los controles: es lo que dan esos
valores, y lo que las pruebas del repositorio comprueban.
""", notes_en=r"""
Without Jupyter in the room, this output stands in for the controls: it is what those values
give, and what the repository's tests check.
"""),

    notes(es=r"""
**7 min.** En vivo, con la lección en Jupyter o en la página del muestreador: $k = n_y$ y
$T$ de 0.5 a 1.5; después $k = 1$. Pide a la clase que prediga qué pasará antes de mover
cada control. Pregunta: *¿por qué con la misma semilla los mismos valores dan siempre el
mismo texto?* El generador se crea de nuevo con `seed=0` en cada cambio.
""", en=r"""
**7 min.** Live, with the lesson in Jupyter or on the sampler page: $k = n_y$ and $T$ from 0.5
to 1.5; then $k = 1$. Ask the class to predict what will happen before each move. Question:
*why do the same values always give the same text?* The generator is created again with
`seed=0` at every change.
"""),

    # --- 6. confidence along a text ---------------------------------------------------------------
    md(es=r"""
## 5. ¿Cuándo duda la red?

Para acabar, miremos la distribución no en un solo punto sino a lo largo de un texto. Pasamos
el texto entero por `lstm_forward`, la función de la lección 01, con entrada
$x$ de forma $(n_x, 1, T_x)$: la columna $t$ de la salida $y$, de forma $(n_y, 1, T_x)$, es la
distribución ($T = 1$, sin corte) del carácter $t + 1$. De ella sacamos dos medidas por paso:

- la **entropía** $H\big(y^{\langle t \rangle}\big)$: cuánto duda la red **antes** de ver el
  carácter siguiente;
- la **sorpresa** $-\log_2 y^{\langle t \rangle}_{\text{real}}$ del carácter que de verdad
  vino. Su media sobre un texto del libro es la pérdida de validación, en bits.

Primero comprobamos que la celda fusionada del muestreo y `lstm_forward` dan la misma
distribución.
""", en=r"""
## 5. When does the network hesitate?

To finish, let us look at the distribution not at a single point but along a text. We pass
the whole text through `lstm_forward`, the function of lesson 01, with input $x$ of
shape $(n_x, 1, T_x)$: column $t$ of the output $y$, of shape $(n_y, 1, T_x)$, is the
distribution ($T = 1$, no cut) of character $t + 1$. From it we take two measures per step:

- the **entropy** $H\big(y^{\langle t \rangle}\big)$: how unsure the network is **before**
  seeing the next character;
- the **surprise** $-\log_2 y^{\langle t \rangle}_{\text{true}}$ of the character that
  actually came. Its mean over a text from the book is the validation loss, in bits.

First we check that the sampler's fused cell and `lstm_forward` give the same distribution.
"""),
    code(r"""
def per_step_bits(s):
    #[es] entropía y sorpresa (bits) de cada predicción a lo largo de s, con el modelo a T = 1
    #[en] entropy and surprise (bits) of every prediction along s, under the model at T = 1
    x = lstm_np.one_hot(vocab.encode(s[:-1]), n_x)                 # (n_x, 1, T_x)
    _, y, _, _ = lstm_np.lstm_forward(x, np.zeros((n_a, 1)), parameters)
    p = y[:, 0, :]                                                  # (n_y, T_x)
    logp = np.log2(np.where(p > 0, p, 1.0))
    entropy = -(p * logp).sum(axis=0)                               # (T_x,)
    surprise = -logp[vocab.encode(s[1:]), np.arange(p.shape[1])]    # (T_x,)
    return y, entropy, surprise

sample = lstm_np.generate(parameters, vocab, PRIME, length=120, temperature=1.0, k=n_y,
                          rng=np.random.default_rng(1))
y, entropy, surprise = per_step_bits(sample)
print(y.shape, entropy.shape, surprise.shape)
#[es] la última columna de y: la distribución después de leer sample[:-1]
#[en] the last column of y: the distribution after reading sample[:-1]
print(np.allclose(y[:, 0, -1],
                  next_char_distribution(parameters, vocab.char_to_ix, sample[:-1])))
"""),
    md(es=r"""
Coloreamos cada carácter por la entropía de la predicción que lo precedió, dividida por el
máximo $\log_2 n_y$: blanco es seguro, rojo es dudoso. Es una muestra con $T = 1$ y sin corte,
para ver al modelo tal cual. Debajo, la entropía media antes de una letra que empieza palabra
y antes de una letra dentro de una palabra.
""", en=r"""
We colour each character by the entropy of the prediction that came before it, divided by the
maximum $\log_2 n_y$: white is sure, red is unsure. It is a sample with $T = 1$ and no cut, to
see the model as it is. Below, the mean entropy before a letter that starts a word and before
a letter inside a word.
""", slide="subslide"),
    code(r"""
#[es] carácter j: H del paso anterior
#[en] character j: H of the step before it
before = np.concatenate([[0.0], entropy]) / np.log2(n_y)
fig = plots.plot_activation_text(sample, before, lang=LANG, label=r"$H / \log_2 n_y$")
#[es] H antes de sample[2:]
#[en] H before sample[2:]
H = entropy[1:]
starts = np.array([sample[j - 1] == " " and sample[j].isalpha() for j in range(2, len(sample))])
inside = np.array([sample[j - 1].isalpha() and sample[j].isalpha() for j in range(2, len(sample))])
print(f"{tr('sa_word_start', LANG)}: H = {H[starts].mean():.1f} bits")
print(f"{tr('sa_word_inside', LANG)}: H = {H[inside].mean():.1f} bits")
""", mark="doubt", alt={
        "es": ("Una muestra generada, cada carácter coloreado por la duda de la red antes de "
               "escribirlo"),
        "en": ("A generated sample, each character coloured by how unsure the network was before "
               "writing it")}),
    slide(es=r"""
## 5. ¿Cuándo duda la red?

- Cada carácter, coloreado por la **entropía** de la predicción anterior: blanco seguro, rojo
  dudoso
- La red duda al **empezar** una palabra; dentro de ella, menos de la mitad de bits
""", en=r"""
## 5. When does the network hesitate?

- Each character, coloured by the **entropy** of the prediction before it: white sure, red
  unsure
- The network hesitates at the **start** of a word; inside it, less than half as many bits
""", show="doubt"),
    md(es=r"""
El patrón típico: la red duda **al empezar una palabra** (después de un espacio) y duda
mucho menos **dentro** de ella, en cuanto las primeras letras la delatan: según las dos medias
de arriba, dentro de la palabra la entropía, la duda, se queda en menos de la mitad de bits.

Por último, la sorpresa media por carácter de varios textos, medida por el mismo modelo a
$T = 1$. Para los textos generados se cuenta solo lo generado, no el inicio. La última línea es
el final del libro que la red no vio: la pérdida de validación del principio de la lección,
en bits, medida sobre toda esa parte:
""", en=r"""
The usual pattern: the network hesitates **at the start of a word** (after a space) and
much less **inside** it, as soon as the first letters give it away: the two means above, with
less than half as many bits inside the word.

Finally, the mean surprise per character of several texts, measured by the same model at
$T = 1$. For generated texts only the generated part counts, not the prime. The last line is
the end of the book the network did not see: the validation loss from the start of the
lesson, in bits, measured over all of that part:
""", slide="subslide"),
    code(r"""
for T, k in settings_Tk:
    s = lstm_np.generate(parameters, vocab, PRIME, length=300, temperature=T, k=k,
                         rng=np.random.default_rng(0))
    _, _, surprise_s = per_step_bits(s)
    mean = surprise_s[len(PRIME) - 1:].mean()
    print(f"T={T} k={k}:".ljust(14) + f"{mean:.4f} bits")
print(f"{tr('validation', LANG)}:".ljust(14) + f"{lstm_np.nats_to_bits(val_loss):.4f} bits")
""", mark="surprise"),
    md(es=r"""
El texto voraz es **demasiado poco sorprendente**: a la red le sorprende mucho menos que el
texto real (la mitad de bits por carácter, o menos). Con $T = 1$ y sin corte, el texto se
sortea de la misma distribución con la que la red mide: de los ajustes de la tabla, es el que
más se acerca al libro, pero queda por debajo, y no por ser corto. Sobre sus propias muestras
la red mide su propia **entropía**; sobre el libro mide la **entropía cruzada**, la entropía
del texto más la divergencia entre el texto y la red (lo que la red aún no sabe de él). Nada
obliga a que la primera quede por debajo de la segunda (una red podría dudar más de lo que el
texto merece): que aquí quede por debajo es una medida, no una ley. Una muestra más larga se
acercaría a la entropía de la red, no a la del libro. Al subir $T$, la
sorpresa supera a la del libro. Los ajustes intermedios
($T < 1$ o $k$ pequeño) quedan entre los dos extremos: evitan a la vez los bucles y el
galimatías. Holtzman y sus coautores (2020) observaron
lo mismo con redes mucho mayores: el texto humano no es el más probable, y buscar siempre lo
más probable lleva a repeticiones.
""", en=r"""
Greedy text is **too unsurprising**: it surprises the network much less than real text does
(half as many bits per character, or fewer). With $T = 1$ and no cut, the text is drawn from
the very distribution the network measures with: of the settings in the table, it comes
closest to the book, but stays below it, and not because it is short. On its own samples the
network measures its own **entropy**; on the book it measures the **cross-entropy**, the
text's entropy plus the divergence between the text and the network (what the network does
not know about it yet). Nothing forces the first below the second (a network could be less
sure than the text warrants): that it is below here is a measurement, not a law. A longer
sample would get closer to the network's entropy, not to the
book's. Raising $T$ takes the surprise above the book's. The settings in
between ($T < 1$ or a small $k$) lie between the two extremes: they avoid both loops and
gibberish. Holtzman et al. (2020, *The Curious Case of Neural Text Degeneration*) saw the same
with much larger networks: human text is not the most likely text, and always going for the
most likely leads to repetition.
"""),
    slide(es=r"""
### ¿Qué texto sorprende menos a la red?

- Sorpresa de un carácter: $-\log_2 \hat y_{\text{real}}$; su media en el libro es la pérdida
  de validación
- **Voraz**: menos de la mitad de bits que el libro, demasiado previsible
- $T = 1$ sin corte: cerca del libro, pero por debajo
- $T = 1.5$: por encima del libro, galimatías
""", en=r"""
### Which text surprises the network least?

- Surprise of a character: $-\log_2 \hat y_{\text{true}}$; its mean on the book is the
  validation loss
- **Greedy**: less than half the book's bits, too predictable
- $T = 1$ with no cut: close to the book, but below it
- $T = 1.5$: above the book, gibberish
""", show="surprise", notes_es=r"""
Tapa la tabla y pregunta primero (la pregunta de la nota de la sección). Por debajo del libro
con $T = 1$: sobre sus muestras la red mide su propia entropía; sobre el libro, la entropía
cruzada. Holtzman y otros (2020) lo vieron con redes mucho mayores.
""", notes_en=r"""
Hide the table and ask first (the question in the section's note). Below the book at $T = 1$:
on its samples the network measures its own entropy; on the book, the cross-entropy. Holtzman
et al. (2020) saw the same with much larger networks.
"""),
    notes(es=r"""
**8 min.** Pregunta antes de mostrar la tabla final: *¿qué texto sorprenderá menos a la red,
el voraz o el libro?* El voraz: elige siempre lo más probable. *¿Y con $T = 1$ sin corte?*
Cerca del libro, pero por debajo: sobre sus muestras la red mide su propia entropía; sobre el
libro, la entropía cruzada, que añade la divergencia entre el texto y la red. Que la primera
quede por debajo lo mide la tabla; no es una ley. Una muestra más larga no cierra la
distancia.
""", en=r"""
**8 min.** Ask before showing the final table: *which text will surprise the network less,
the greedy one or the book?* The greedy one: it always picks the most likely. *And with
$T = 1$ and no cut?* Close to the book, but below: on its samples the network measures its
own entropy; on the book, the cross-entropy, which adds the divergence between the text and
the network. That the first is below is what the table measures, not a law. A longer sample
does not close the gap.
"""),
    notes(es=r"""
**3 min.** Cierra y encarga la lectura y los ejercicios 2 y 4 (el 4, muestreo de núcleo, es el
paso natural después de top-k). La estimación de la clase: 14 de cómo se genera (10
escribiendo `sample_top_k`) + 10 de la temperatura + 8 de top-k (sin las fes de erratas) + 7
de los deslizadores + 8 de cuándo duda la red + 3 = 50 minutos. Las tres fes de erratas
(unos 5 minutos) quedan para después de clase.
""", en=r"""
**3 min.** Close and set the reading and exercises 2 and 4 (number 4, nucleus sampling, is the
natural next step after top-k). The period's estimate: 14 for how text is generated (10
writing `sample_top_k`) + 10 for temperature + 8 for top-k (without the errata) + 7 for the
sliders + 8 for when the network hesitates + 3 = 50 minutes. The three errata (about 5
minutes) are left for after class.
"""),
    slide(es=r"""
## Resumen

- Generar: calentar, distribución, sortear, realimentar
- $T$ afila o aplana la distribución, sin cambiar su orden
- Top-k corta la cola; $k = 1$ es voraz y cae en bucles
- El texto humano no es el más probable
- **Después de clase:** las tres fes de erratas; ejercicios 2 y 4
""", en=r"""
## Summary

- Generating: warm up, distribution, draw, feed back
- $T$ sharpens or flattens the distribution, without changing its order
- Top-k cuts the tail; $k = 1$ is greedy and falls into loops
- Human text is not the most likely text
- **After class:** the three errata; exercises 2 and 4
""", notes_es=r"""
Aquí van los 3 minutos de cierre de la última nota de la sección 5: encarga la lectura y los
ejercicios 2 y 4 (el 4, muestreo de núcleo, es el paso natural después de top-k).
""", notes_en=r"""
This is where the 3 closing minutes of the last note of section 5 go: set the reading and
exercises 2 and 4 (number 4, nucleus sampling, is the natural next step after top-k).
"""),

    # ------------------------------------------------------------------------------------
    # After class
    # ------------------------------------------------------------------------------------
    after_class(es=r"""
**Lectura:** las tres fes de erratas del muestreo del original. **Tarea:** los ejercicios 2 y
4; el 1 con los deslizadores, el 3 y el 5 para quien quiera más.
""", en=r"""
**Reading:** the three errata of the original's sampling. **Homework:** exercises 2 and 4;
number 1 with the sliders, 3 and 5 for those who want more.
"""),
    md(es=r"""
### Tres fes de erratas del muestreo
""", en=r"""
### Three errata of the sampling
""", slide="subslide"),
    md(es=r"""
> **Fe de erratas del cuaderno original.** Su `sample_top_k` tenía tres problemas. El paquete los
> corrige, y vale la pena verlos.
>
> **1. Usaba el estado aleatorio global de NumPy** (`np.random.choice`): el texto dependía de
> todo lo que se hubiera sorteado antes en el cuaderno, y no se podía repetir. Ahora el azar
> entra por `rng` (un `np.random.Generator` o un entero): la misma semilla da el mismo texto,
> otra semilla da otro.
""", en=r"""
> **Erratum of the original notebook.** Its `sample_top_k` had three problems. The package fixes
> them, and they are worth seeing.
>
> **1. It used NumPy's global random state** (`np.random.choice`): the text depended on
> everything drawn earlier in the notebook, and could not be repeated. Now randomness comes in
> through `rng` (an `np.random.Generator` or an integer): the same seed gives the same text,
> another seed gives another.
""", slide="subslide"),
    code(r"""
first = lstm_np.generate(parameters, vocab, PRIME, 1.0, 5, length=100,
                         rng=np.random.default_rng(42))
again = lstm_np.generate(parameters, vocab, PRIME, 1.0, 5, length=100,
                         rng=np.random.default_rng(42))
other = lstm_np.generate(parameters, vocab, PRIME, 1.0, 5, length=100,
                         rng=np.random.default_rng(43))
print(first == again, first == other)
"""),
    md(es=r"""
> **Fe de erratas del cuaderno original.** **2. Cambiaba sin avisar un carácter de inicio
> desconocido por un espacio.** Si pedías un
> inicio que no estaba en el vocabulario, generaba a partir de «␣» y no te enterabas. Como solo
> admitía un carácter, un inicio más largo, como «gregor», acababa también convertido en un
> espacio. Ahora es un error claro que nombra el carácter y dice cuáles valen. Un caso real: el
> texto se pasó a minúsculas al limpiarlo, así que «G» no existe para la red:
""", en=r"""
> **Erratum of the original notebook.** **2. It silently replaced an unknown priming character with
> a space.** If you asked for a prime
> that was not in the vocabulary, it generated from "␣" and you never knew. Since it only took
> one character, a longer prime such as "gregor" also ended up as a space. Now it is a clear
> error that names the character and says which ones are allowed. A real case: the text was
> lower-cased when it was cleaned, so "G" does not exist for the network:
""", slide="subslide"),
    code(r"""
try:
    lstm_np.generate(parameters, vocab, "Gregor", length=50)
except ValueError as e:
    print(f"{type(e).__name__}: {e}")
"""),
    md(es=r"""
> **Fe de erratas del cuaderno original.** **3. No validaba ni la temperatura ni $k$.** Con $T = 0$
> el original dividía por cero:
> avisos de NumPy y después un fallo oscuro desde dentro de `np.random.choice`. Con $T < 0$
> invertía la distribución en silencio: $p_i^{1/T}$ con $T = -1$ es $1/p_i$, y los caracteres
> menos probables pasaban a ser los más probables. Y con $k = 0$, `np.argsort(p)[-0:]` es el
> vector entero: $k = 0$ significaba, sin avisar, «sin corte», igual que un $k$ mayor que el
> vocabulario. Ahora `check_sampling_arguments` rechaza cada valor inútil con un mensaje de una
> línea:
""", en=r"""
> **Erratum of the original notebook.** **3. It validated neither the temperature nor $k$.** With
> $T = 0$ the original divided by
> zero: NumPy warnings, then an obscure error from inside `np.random.choice`. With $T < 0$ it
> silently turned the distribution upside down: $p_i^{1/T}$ with $T = -1$ is $1/p_i$, and the
> least likely characters became the most likely. And with $k = 0$, `np.argsort(p)[-0:]` is the
> whole vector: $k = 0$ quietly meant "no cut", just like a $k$ larger than the vocabulary. Now
> `check_sampling_arguments` refuses every unusable value with a one-line message:
""", slide="subslide"),
    code(r"""
show_source(check_sampling_arguments, LANG)
"""),
    code(r"""
for bad in ({"temperature": 0}, {"temperature": -1.0}, {"temperature": float("nan")},
            {"k": 0}, {"k": n_y + 1}):
    try:
        lstm_np.generate(parameters, vocab, PRIME, length=50, **bad)
    except ValueError as e:
        print(f"{bad} -> {type(e).__name__}: {e}")
"""),
    md(es=r"""
### Ejercicios

Primero, el hueco `sample_top_k` del cuaderno del estudiante, si no quedó bien en clase.
Después:

1. **¿Cuándo se vuelve un galimatías?** Con los deslizadores, pon $k = n_y$ y sube la
   temperatura desde 0.5 en pasos de 0.1. ¿A partir de qué $T$ dejan de salir palabras reales?
   Relaciónalo con la tabla de entropías de la sección 2. Repite con $k = 5$: ¿aguanta más?
   ¿Por qué?
2. **Voraz contra $T \to 0$.** Genera 200 caracteres con $k = 1$ y con $k = n_y$ y
   $T = 0.2, 0.05, 0.01, 0.001$ (misma semilla). Según la fórmula, cuanto menor es $T$, más
   tiempo deberían coincidir los textos. Para cada $T$, busca el primer carácter en el que
   difieren y mira ahí la distribución con $T = 1$ (`next_char_distribution` con el texto
   voraz hasta ese punto): ¿qué dos caracteres compiten, y con qué probabilidades? ¿Por qué
   basta una diferencia pequeña entre dos puntuaciones para que $T = 0.01$ no sea aún voraz?
""", en=r"""
### Exercises

First, the `sample_top_k` blank of the student notebook, if it was not right in class.
Then:

1. **When does it turn into gibberish?** With the sliders, set $k = n_y$ and raise the
   temperature from 0.5 in steps of 0.1. From which $T$ on do real words stop coming out?
   Relate it to the entropy table of section 2. Repeat with $k = 5$: does it hold out longer?
   Why?
2. **Greedy versus $T \to 0$.** Generate 200 characters with $k = 1$ and with $k = n_y$ and
   $T = 0.2, 0.05, 0.01, 0.001$ (same seed). By the formula, the smaller $T$, the longer the
   texts should agree. For each $T$, find the first character where they differ and look at
   the distribution there at $T = 1$ (`next_char_distribution` with the greedy text up to that
   point): which two characters compete, and with what probabilities? Why is a small gap
   between two scores enough for $T = 0.01$ not to be greedy yet?
"""),
    md(es=r"""
3. **Diálogos.** En *La metamorfosis* en español los diálogos empiezan con raya al comienzo de
   párrafo: usa como inicio `"\n—"` (salto de línea y raya) y también `"«"`. ¿Escribe la red
   algo parecido a un diálogo? ¿Cierra las comillas «» que abre, aunque haya muchas letras en
   medio? Eso exige recordar durante muchos pasos: es la memoria $c$ de la LSTM (en la
   lección 07 miraremos si alguna unidad lo hace).
4. **Muestreo de núcleo (*top-p*).** Un $k$ fijo es a veces demasiado amplio (dentro de una
   palabra solo hay una o dos letras posibles) y a veces demasiado estrecho (al empezar una
   palabra hay muchas). Escribe una celda que, a partir de
   `next_char_distribution(parameters, vocab.char_to_ix, CONTEXT, T)`, ordene las
   probabilidades, se quede con el menor conjunto cuya suma llegue a $0.9$, renormalice y
   sortee con `np.random.default_rng(0)`. ¿Cuántos caracteres quedan con `CONTEXT`, a mitad
   de palabra? ¿Y con `CONTEXT[:-1]`, que acaba en un espacio? Compáralo con $k = 5$.
5. **¿Cuánto pesa el inicio?** El cuaderno original empezaba con un solo carácter. Genera
   con los inicios `"g"`, `"gregor"` y una frase entera del libro, con la misma semilla.
   ¿Cambia el texto más allá de los primeros caracteres? En el texto voraz, ¿cuántos
   caracteres tiene el bucle en el que cae?
""", en=r"""
3. **Dialogue.** In the English *Metamorphosis*, dialogue is between double quotes: use
   `"\n\""` (a line break and an opening quote) as the prime, and also `"\""` alone. Does the
   network write something like dialogue? Does it close the quotes it opens, even with many
   letters in between? That takes remembering over many steps: it is the LSTM's memory $c$
   (in lesson 07 we will look at whether any unit does).
4. **Nucleus (top-p) sampling.** A fixed $k$ is sometimes too wide (inside a word only one or
   two letters are possible) and sometimes too narrow (at the start of a word there are many).
   Write a cell that, starting from
   `next_char_distribution(parameters, vocab.char_to_ix, CONTEXT, T)`, sorts the
   probabilities, keeps the smallest set whose sum reaches $0.9$, renormalises and draws with
   `np.random.default_rng(0)`. How many characters are left for `CONTEXT`, in the middle of
   a word? And for `CONTEXT[:-1]`, which ends in a space? Compare with $k = 5$.
5. **How much does the prime matter?** The original notebook started from a single
   character. Generate from the primes `"g"`, `"gregor"` and a whole sentence of the book, with
   the same seed. Does the text change beyond the first few characters? In the greedy text,
   how many characters long is the loop it falls into?
""", slide="subslide"),
    notes(es=r"""
El ejercicio 3 prepara la lección 07: anota lo que vio la clase sobre las comillas, para
compararlo con la búsqueda de unidades.
""", en=r"""
Exercise 3 prepares lesson 07: note what the class saw about the quotes, to compare it with
the search for units.
"""),
    guide("objectives", es=r"""
- Escribir el bucle de generación (calentar, distribución, sortear, realimentar):
  `sample_top_k`.
- Predecir qué hacen la temperatura y $k$ con la distribución y con el texto.
- Leer la entropía y la sorpresa en bits, y explicar por qué el texto voraz cae en bucles y por
  qué las muestras de la red a $T = 1$ la sorprenden menos que el libro.
""", en=r"""
- Write the generation loop (warm up, distribution, draw, feed back): `sample_top_k`.
- Predict what the temperature and $k$ do to the distribution and to the text.
- Read entropy and surprise in bits, and explain why greedy text loops and why the network's
  own samples at $T = 1$ surprise it less than the book.
"""),
    guide("prerequisites", es=r"""
La lección 01 (la softmax, la celda) y la 02 (entropía cruzada, bits). La entropía
$H = -\sum_i p_i \log_2 p_i$.
""", en=r"""
Lesson 01 (the softmax, the cell) and 02 (cross-entropy, bits). The entropy
$H = -\sum_i p_i \log_2 p_i$.
"""),
    guide("optional", es=r"""
Sin Jupyter en el aula, los deslizadores se muestran desde la página del muestreador o se
sustituyen por la celda que los mueve desde el código. Después de clase, las tres fes de
erratas son lectura; los ejercicios 3 y 5 son opcionales.
""", en=r"""
Without Jupyter in the room, the sliders are shown from the sampler page or replaced by the
cell that moves them from code. After class, the three errata are reading; exercises 3 and 5
are optional.
"""),
    guide("exit", es=r"""
1. ¿Qué distribución dan $T \to 0$ y $T \to \infty$?
2. Con $k = 1$, ¿importa la temperatura?
3. ¿Por qué una muestra de la red a $T = 1$ la sorprende menos que el libro?
""", en=r"""
1. What distribution do $T \to 0$ and $T \to \infty$ give?
2. With $k = 1$, does the temperature matter?
3. Why does a sample of the network at $T = 1$ surprise it less than the book?
"""),
    guide("answers", es=r"""
**Preguntas de salida.** (1) La voraz (one-hot del máximo) y la uniforme, $1/n_y$. (2) No:
solo queda un carácter. (3) Sobre sus muestras la red mide su propia entropía; sobre el libro,
la entropía cruzada, que es la entropía del texto más la divergencia entre el texto y la red.
Nada obliga a que la primera sea menor: que lo sea es lo que mide la tabla de la sección 5 para
esta red, no una ley.

**Las fes de erratas (lectura).** *¿Qué hacía el original con un carácter de inicio
desconocido?* Lo cambiaba por un espacio sin avisar; ahora es un error de una línea.

**Ejercicio 1.** No hay un umbral fijo: depende de la semilla y del texto. La tendencia es la
de la tabla de entropías de la sección 2: al subir $T$ la distribución se aplana y entran
caracteres de la cola que rompen las palabras. Con $k = 5$ aguanta más, porque la cola está
cortada: subir $T$ solo reparte la probabilidad entre los cinco más probables.

**Ejercicio 2.** Cuanto menor $T$, más tiempo coinciden. Donde difieren compiten dos
caracteres de probabilidades parecidas: con una diferencia de puntuaciones $\Delta z$, el
cociente de probabilidades a temperatura $T$ es $e^{\Delta z / T}$; con $\Delta z = 0.01$ y
$T = 0.01$ es solo $e \approx 2.7$, así que el segundo aún sale a veces.

**Ejercicio 3.** Lo que se observe: la lección 07 mide la correlación con «dentro de
comillas» y no encuentra ninguna unidad que la siga con claridad ($r = 0.21$ en español, 0.11
en inglés).

**Ejercicio 4.** A mitad de palabra el núcleo del 90 % tiene muy pocos caracteres (a menudo
uno o dos, menos que $k = 5$); tras un espacio tiene muchos más que 5: es el problema de un $k$
fijo que top-p resuelve.

**Ejercicio 5.** El inicio cambia las primeras palabras; después los textos divergen porque
cada sorteo cambia el estado siguiente: la red no tiene un plan a largo plazo. La longitud del
bucle voraz es la que midan (cambia con el idioma y el inicio).
""", en=r"""
**Exit questions.** (1) The greedy one (one-hot of the maximum) and the uniform one, $1/n_y$.
(2) No: only one character is left. (3) On its own samples the network measures its own
entropy; on the book, the cross-entropy, which is the text's entropy plus the divergence
between the text and the network. Nothing forces the first to be smaller: that it is, is what
section 5's table measures for this network, not a law.

**The errata (reading).** *What did the original do with an unknown priming character?* It
silently replaced it with a space; now it is a one-line error.

**Exercise 1.** There is no fixed threshold: it depends on the seed and the text. The trend is
that of the entropy table of section 2: as $T$ rises the distribution flattens and characters
from the tail get in and break words. With $k = 5$ it holds out longer, because the tail is
cut: raising $T$ only spreads the probability among the five most likely.

**Exercise 2.** The smaller $T$, the longer they agree. Where they differ, two characters of
similar probability compete: with a score gap $\Delta z$, the ratio of probabilities at
temperature $T$ is $e^{\Delta z / T}$; with $\Delta z = 0.01$ and $T = 0.01$ it is only
$e \approx 2.7$, so the second one still comes out now and then.

**Exercise 3.** Whatever is seen: lesson 07 measures the correlation with "inside quotes" and
finds no unit that clearly follows it ($r = 0.21$ in Spanish, 0.11 in English).

**Exercise 4.** In the middle of a word the 90 % nucleus holds very few characters (often one
or two, fewer than $k = 5$); after a space it holds many more than 5: the problem of a fixed
$k$ that top-p solves.

**Exercise 5.** The prime changes the first words; after that the texts drift apart because
every draw changes the next state: the network has no long-term plan. The length of the greedy
loop is whatever they measure (it changes with the language and the prime).
"""),
]
