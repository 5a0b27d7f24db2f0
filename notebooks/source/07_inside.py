"""Lesson 07: inside the pretrained network (gates on a real sentence, saturation, units)."""
from tools.nbsource import after_class, code, guide, md, notes, settings, slide

CELLS = [
    # --- title, where we are ----------------------------------------------------------------
    md(es=r"""
# 07 · Dentro de la red: compuertas, saturación y unidades interpretables

**Dónde estamos.** En la lección 06 entrenamos la red y cargamos el modelo preentrenado, que
escribe palabras del libro. ¿Qué hace por dentro? Aquí no entrenamos nada: abrimos ese modelo y
miramos sus compuertas $\Gamma_f$, $\Gamma_u$, $\Gamma_o$ y su memoria $c$ mientras lee un texto
que nunca vio.

1. **las compuertas sobre una frase real**, carácter a carácter;
2. **la saturación** de cada compuerta sobre un texto largo, como en el artículo de Karpathy,
   Johnson y Fei-Fei (2015) sobre cómo visualizar redes recurrentes;
3. **unidades que siguen algo legible**: espacios, vocales, la posición en la palabra.

![Celda LSTM](../../img/lstm_cell_es.png)
""", en=r"""
# 07 · Inside the network: gates, saturation and interpretable units

**Where we are.** In lesson 06 we trained the network and loaded the pretrained model, which
writes words of the book. What does it do inside? Here we train nothing: we open that model
and watch its gates $\Gamma_f$, $\Gamma_u$, $\Gamma_o$ and its memory $c$ while it reads a text
it never saw.

1. **the gates over a real sentence**, character by character;
2. **the saturation** of each gate over a long text, as in Karpathy, Johnson and Fei-Fei
   (2015, *Visualizing and understanding recurrent networks*);
3. **units that follow something readable**: spaces, vowels, the position in the word.

![LSTM cell](../../img/lstm_cell_en.png)
"""),
    slide(es=r"""
# 07 · Dentro de la red: compuertas, saturación y unidades interpretables

- **Dónde estamos:** en la 06 entrenaste la red; hoy no se entrena nada, se abre
- Miramos $\Gamma_f$, $\Gamma_u$, $\Gamma_o$ y $c$ mientras lee un texto que nunca vio
- Tres preguntas: las compuertas sobre una frase, su saturación, unidades con nombre
""", en=r"""
# 07 · Inside the network: gates, saturation and interpretable units

- **Where we are:** in 06 you trained the network; today nothing is trained, it is opened
- We watch $\Gamma_f$, $\Gamma_u$, $\Gamma_o$ and $c$ while it reads a text it never saw
- Three questions: the gates over a sentence, their saturation, units with a name
"""),
    slide(es=r"""
### La celda, otra vez

![Celda LSTM](../../img/lstm_cell_es.png)
""", en=r"""
### The cell, once more

![LSTM cell](../../img/lstm_cell_en.png)
""", notes_es=r"""
Con esta figura, recuerda qué hace cada compuerta: $\Gamma_f$ conserva $c^{\langle t-1 \rangle}$,
$\Gamma_u$ escribe el candidato $\tilde c$, $\Gamma_o$ saca $\tanh(c)$ en $a$. La pregunta de
apertura está en la nota de la diapositiva anterior.
""", notes_en=r"""
With this figure, recall what each gate does: $\Gamma_f$ keeps $c^{\langle t-1 \rangle}$,
$\Gamma_u$ writes the candidate $\tilde c$, $\Gamma_o$ puts $\tanh(c)$ out in $a$. The opening
question is in the note of the previous slide.
"""),
    settings(),
    code(r"""
import numpy as np

from lstm_np import nats_to_bits

from lstm_np.lessons import plots
from lstm_np.lessons.analysis import (char_feature, correlated_units, gate_activations,
                              gate_saturation, inside_feature, line_position)
from lstm_np.storage.checkpoint import load_pretrained
from lstm_np.storage.corpus import load_corpus, split_text
from lstm_np.i18n import tr
from lstm_np.lessons.notebook import show_source
""", slide="skip"),
    code(r"""
model = load_pretrained(LANG)
#[es] el texto con que se entrenó el modelo y el 10 % final, que la red no vio
#[en] the text the model was trained on, and the final 10%, never trained on
train_text, val_text = split_text(load_corpus(CORPUS))
v = model.hyperparameters["val_loss"]
print(f"n_a = {model.parameters['Wf'].shape[0]}, n_y = {model.vocab.size}, "
      f"val_loss = {v:.3f} {tr('tr_nats_char', LANG)} = {nats_to_bits(v):.2f} "
      f"{tr('tr_bits_char', LANG)}")
print("len(train_text) =", len(train_text))
"""),
    notes(es=r"""
**3 min.** Esta lección no entrena: todo corre en segundos. Recuerda con la figura de la celda
qué hace cada compuerta: $\Gamma_f$ cuánto de $c^{\langle t-1 \rangle}$ se conserva,
$\Gamma_u$ cuánto del candidato $\tilde c$ se escribe, $\Gamma_o$ cuánto de $\tanh(c)$ sale
en $a$.

Pregunta: «¿qué compuerta mirarías para saber si una unidad lleva algo de una palabra a la
siguiente?» ($\Gamma_f$ en los espacios: si sigue cerca de 1 al pasar el espacio, la unidad
conserva lo que llevaba; si cae justo ahí, lo borra. En la figura de la sección 1, busca
columnas de $\Gamma_f$ que cambian en los espacios).
""", en=r"""
**3 min.** This lesson trains nothing: everything runs in seconds. Recall with the cell
figure what each gate does: $\Gamma_f$ how much of $c^{\langle t-1 \rangle}$ is kept,
$\Gamma_u$ how much of the candidate $\tilde c$ is written, $\Gamma_o$ how much of $\tanh(c)$
goes out in $a$.

Question: "which gate would you look at to know whether a unit carries something from one
word to the next?" ($\Gamma_f$ at the spaces: if it stays near 1 across the space, the unit
keeps what it held; if it drops right there, it wipes it. In the figure of section 1, look
for columns of $\Gamma_f$ that change at the spaces).
"""),

    # --- 1. gates over a sentence -------------------------------------------------------------
    md(es=r"""
## 1. Las compuertas sobre una frase real

`gate_activations` pasa un texto por la red carácter a carácter (es `lstm_cell_forward` de
la lección 01, llamado $T$ veces, con $m = 1$ y estados iniciales cero) y guarda tras cada
carácter $\Gamma_f$, $\Gamma_u$, $\tilde{c}$, $\Gamma_o$, $c$ y $a$, cada uno de forma
$(n_a, T)$. Usamos el principio de un párrafo del texto de validación:
""", en=r"""
## 1. The gates over a real sentence

`gate_activations` runs a text through the network one character at a time (it is
`lstm_cell_forward` from lesson 01, called $T$ times, with $m = 1$ and zero initial states)
and records after every character $\Gamma_f$, $\Gamma_u$, $\tilde{c}$, $\Gamma_o$, $c$ and
$a$, each of shape $(n_a, T)$. We use the start of a paragraph of the validation text:
"""),
    slide(es=r"""
## 1. Las compuertas sobre una frase real

- `gate_activations`: la celda de la lección 01, carácter a carácter ($m = 1$, estados cero)
- Fila: una de las 20 primeras unidades; columna: un carácter
- Compuertas: de 0, morado (cerrada), a 1, amarillo (abierta)
- $c$: rojo positivo, azul negativo, con su propia escala
""", en=r"""
## 1. The gates over a real sentence

- `gate_activations`: lesson 01's cell, one character at a time ($m = 1$, zero states)
- Row: one of the first 20 units; column: a character
- Gates: from 0, purple (closed), to 1, yellow (open)
- $c$: red positive, blue negative, on its own scale
"""),
    code(r"""
show_source(gate_activations, LANG)
"""),
    code(r"""
start = val_text.index("\n") + 1
passage = val_text[start:start + 60]
print(repr(passage))
record = gate_activations(model.parameters, model.vocab, passage)
for key in ("f", "u", "o", "c", "a"):
    print(f"record[{key!r}]: {record[key].shape}   "
          f"min = {record[key].min():+.1f}   max = {record[key].max():+.1f}")
#[es] los 30 primeros caracteres: los que caben, legibles, en una pantalla
#[en] the first 30 characters: as many as a screen shows legibly
fig = plots.plot_gates(record, passage, lang=LANG, units=20, keys=("f", "u"), chars=30)
""", deck="output", slide="subslide", mark="gates_fu", alt={
        "es": ("Mapas de calor de las compuertas de olvido y de actualización: 20 unidades por los "
               "30 primeros caracteres"),
        "en": ("Heatmaps of the forget and update gates: 20 units by the first 30 "
               "characters")}),
    slide(es=r"""
### Olvido $\Gamma_f$ y actualización $\Gamma_u$: ¿qué unidades conservan?
""", en=r"""
### Forget $\Gamma_f$ and update $\Gamma_u$: which units keep?
""", show="gates_fu", notes_es=r"""
Una fila de $\Gamma_f$ cerca de 1: la unidad conserva su memoria. Busca con el puntero una fila
de $\Gamma_f$ amarilla casi de punta a punta, y otra que cae una y otra vez; en la diapositiva
siguiente, la misma unidad en $c$.
""", notes_en=r"""
A row of $\Gamma_f$ close to 1: the unit keeps its memory. Find with the pointer a $\Gamma_f$
row that is yellow almost end to end, and one that drops again and again; on the next slide,
the same unit in $c$.
"""),
    code(r"""
fig = plots.plot_gates(record, passage, lang=LANG, units=20, keys=("o", "c"), chars=30)
""", slide="subslide", mark="gates_oc", alt={
        "es": ("Mapas de calor de la compuerta de salida y del estado de la celda: 20 unidades por "
               "los 30 primeros caracteres"),
        "en": ("Heatmaps of the output gate and of the cell state: 20 units by the first 30 "
               "characters")}),
    slide(es=r"""
### Salida $\Gamma_o$ y memoria $c$

- Las compuertas están en $(0, 1)$ y $a$ en $(-1, 1)$; $c$ **no está acotado**
- Con $\Gamma_f \approx 1$ y $\Gamma_u \tilde c$ sumando, $|c|$ crece paso a paso
""", en=r"""
### Output $\Gamma_o$ and memory $c$

- The gates lie in $(0, 1)$ and $a$ in $(-1, 1)$; $c$ is **not bounded**
- With $\Gamma_f \approx 1$ and $\Gamma_u \tilde c$ adding up, $|c|$ grows step by step
""", show="gates_oc"),
    md(es=r"""
Cada fila es una de las 20 primeras unidades, cada columna un carácter; las compuertas van
de 0 (morado, cerrada) a 1 (amarillo, abierta) y $c$ usa rojo para los valores positivos y
azul para los negativos, con su propia barra de color. Busca filas de
$\Gamma_f$ que se quedan cerca de 1 (la unidad **conserva** su memoria) y filas que caen una y
otra vez (borran lo que llevaban), y columnas enteras que cambian en un carácter. Los
mínimos y máximos impresos muestran la diferencia entre $c$ y $a$: las compuertas están en
$(0, 1)$ y $a = \Gamma_o \tanh(c)$ en $(-1, 1)$, pero $c$ **no está acotado**: una unidad cuya
compuerta de olvido se queda cerca de 1 mientras la de actualización sigue sumando acumula
valores bastante mayores que 1.
""", en=r"""
Each row is one of the first 20 units, each column a character; the gates go from 0 (purple,
closed) to 1 (yellow, open) and $c$ uses red for positive values and blue for negative ones,
with its own colour bar. Look for rows of $\Gamma_f$
that stay close to 1 (the unit **keeps** its memory), rows that drop again and again (wiping
what they held), and whole columns that change at one character. The printed minima and maxima
show the difference between $c$ and $a$: the gates lie in $(0, 1)$ and $a = \Gamma_o \tanh(c)$
in $(-1, 1)$, but $c$ is **not bounded**: a unit whose forget gate stays near 1 while the
update gate keeps adding accumulates values well above 1.
"""),
    notes(es=r"""
**10 min.** Recorre la figura fila a fila con el puntero: busca una fila de $\Gamma_f$ amarilla
casi de punta a punta y la misma unidad en $c$. Es la primera vez que la clase ve estas
figuras (la lección 03 solo midió la saturación): explica los ejes y las escalas antes de
seguir unidades concretas.

- *¿Por qué algunas filas de $c$ se oscurecen poco a poco a lo largo de la frase?*
  $\Gamma_f \approx 1$ conserva lo que había y $\Gamma_u \tilde c$ sigue sumando con el
  mismo signo: $|c|$ crece paso a paso, muy por encima de 1.
- *¿Por qué empezar el pasaje al principio de un párrafo?* Los estados empiezan en cero, como
  la red tras un `\n`... casi: en el entrenamiento la red llega al párrafo con estados ya
  cargados.
- *¿Qué significa una columna entera que cambia de color?* Un carácter (a menudo el espacio)
  al que reaccionan muchas unidades a la vez.

Error habitual: leer el color de $c$ con la misma escala que las compuertas; su barra de color
es otra.
""", en=r"""
**10 min.** Walk through the figure row by row with the pointer: find a $\Gamma_f$ row that is
yellow almost end to end and the same unit in $c$. It is the first time the class sees these
figures (lesson 03 only measured saturation): explain the axes and the scales before following
particular units.

- *Why do some rows of $c$ grow darker little by little along the sentence?*
  $\Gamma_f \approx 1$ keeps what was there and $\Gamma_u \tilde c$ keeps adding with the
  same sign: $|c|$ grows step by step, well above 1.
- *Why start the passage at the beginning of a paragraph?* The states start at zero, as the
  network after a `\n`... almost: in training the network reaches the paragraph with states
  already loaded.
- *What does a whole column changing colour mean?* A character (often the space) that many
  units react to at once.

Usual mistake: reading the colour of $c$ on the gates' scale; its colour bar is different.
"""),

    # --- 2. saturation ----------------------------------------------------------------------
    md(es=r"""
## 2. Saturación de las compuertas

Karpathy, Johnson y Fei-Fei resumen cada compuerta sobre un texto largo con dos números por
unidad $j$: la fracción del tiempo que está **saturada a la izquierda** (casi cerrada) y la
que está **saturada a la derecha** (casi abierta),
$$\text{izq}_j = \frac{1}{T}\,\#\{t : \Gamma_j^{\langle t \rangle} < 0.1\}, \qquad
  \text{der}_j = \frac{1}{T}\,\#\{t : \Gamma_j^{\langle t \rangle} > 0.9\}.$$
Cada unidad es un punto. Un punto cerca de la diagonal $\text{izq} + \text{der} = 1$ casi nunca
está a medias: es un interruptor. Una compuerta de olvido con $\text{der}$ cerca de 1 deja
pasar $c^{\langle t-1 \rangle}$ casi intacta paso tras paso: **recuerda mucho tiempo** (un
«integrador»). Lo medimos sobre todo el texto de validación desde el mismo párrafo:
""", en=r"""
## 2. Gate saturation

Karpathy, Johnson and Fei-Fei summarise each gate over a long text with two numbers per unit
$j$: the fraction of time it is **left-saturated** (nearly closed) and the fraction it is
**right-saturated** (nearly open),
$$\text{left}_j = \frac{1}{T}\,\#\{t : \Gamma_j^{\langle t \rangle} < 0.1\}, \qquad
  \text{right}_j = \frac{1}{T}\,\#\{t : \Gamma_j^{\langle t \rangle} > 0.9\}.$$
Each unit is one dot. A dot near the diagonal $\text{left} + \text{right} = 1$ is hardly ever
half open: it is a switch. A forget gate with $\text{right}$ close to 1 lets
$c^{\langle t-1 \rangle}$ through almost untouched step after step: it **remembers for a long
time** (an "integrator"). We measure it over the whole validation text from the same
paragraph on:
"""),
    slide(es=r"""
## 2. Saturación de las compuertas

$$\text{izq}_j = \tfrac{1}{T}\,\#\{t : \Gamma_j^{\langle t \rangle} < 0.1\} \qquad
  \text{der}_j = \tfrac{1}{T}\,\#\{t : \Gamma_j^{\langle t \rangle} > 0.9\}$$

- Un punto por unidad $j$ (Karpathy, Johnson y Fei-Fei, 2015)
- Cerca de la diagonal $\text{izq} + \text{der} = 1$: un **interruptor**
- $\Gamma_f$ con $\text{der}$ cerca de 1: un **integrador**, que recuerda mucho tiempo
""", en=r"""
## 2. Gate saturation

$$\text{left}_j = \tfrac{1}{T}\,\#\{t : \Gamma_j^{\langle t \rangle} < 0.1\} \qquad
  \text{right}_j = \tfrac{1}{T}\,\#\{t : \Gamma_j^{\langle t \rangle} > 0.9\}$$

- One dot per unit $j$ (Karpathy, Johnson and Fei-Fei, 2015)
- Near the diagonal $\text{left} + \text{right} = 1$: a **switch**
- $\Gamma_f$ with $\text{right}$ close to 1: an **integrator**, which remembers for a long time
"""),
    code(r"""
long_passage = val_text[start:]
long_record = gate_activations(model.parameters, model.vocab, long_passage)
saturation = gate_saturation(long_record)
print("len(long_passage) =", len(long_passage))
for gate in ("f", "u", "o"):
    left, right = saturation[gate]
    L, R = tr("in_left", LANG), tr("in_right", LANG)
    print(f"Γ_{gate}:  #({L} > 0.5) = {np.sum(left > 0.5):3d}   "
          f"#({R} > 0.5) = {np.sum(right > 0.5):3d}   "
          f"#({L} + {R} > 0.9) = {np.sum(left + right > 0.9):3d}")
fig = plots.plot_saturation(saturation, lang=LANG)
""", deck="output", slide="subslide", mark="saturation", alt={
        "es": ("Saturación de las tres compuertas: un punto por unidad, fracción del tiempo "
               "cerrada frente a fracción abierta"),
        "en": ("Saturation of the three gates: one dot per unit, fraction of the time closed "
               "against fraction open")}),
    slide(es=r"""
### Las tres compuertas, sobre todo el texto de validación
""", en=r"""
### The three gates, over the whole validation text
""", show="saturation", notes_es=r"""
Cada punto, una unidad: fracción del tiempo cerrada frente a fracción abierta. Las líneas
impresas cuentan las unidades de cada zona: `#(der > 0.5)` abiertas más de la mitad del tiempo,
`#(izq > 0.5)` cerradas, `#(izq + der > 0.9)` cerca de la diagonal.
""", notes_en=r"""
Each dot, a unit: fraction of the time closed against fraction open. The printed lines count
the units of each region: `#(right > 0.5)` open more than half the time, `#(left > 0.5)`
closed, `#(left + right > 0.9)` near the diagonal.
"""),
    md(es=r"""
`#(der > 0.5)` cuenta las unidades abiertas más de la mitad del tiempo; `#(izq > 0.5)`,
las cerradas más de la mitad; `#(izq + der > 0.9)`, las que están cerca de la diagonal.
Son muy pocas: en esta red pequeña las compuertas pasan buena parte del tiempo a medias, no
son interruptores puros. Aun así se distinguen comportamientos:

- **$\Gamma_f$**: algunas unidades están abiertas (> 0.9) más de la mitad del tiempo: son los
  **integradores**, que llevan información a lo largo de muchos caracteres; otras olvidan a
  menudo (cerradas buena parte del tiempo) y solo guardan algo unos pocos caracteres.
- **$\Gamma_u$**: casi ninguna unidad está cerrada la mayor parte del tiempo: casi siempre se
  escribe algo en la memoria, aunque sea poco.
- **$\Gamma_o$**: muchas unidades están cerradas más de la mitad del tiempo y solo dejan ver
  su memoria en $a$ (y por tanto en la predicción) en ciertos caracteres.
""", en=r"""
`#(right > 0.5)` counts the units open more than half the time; `#(left > 0.5)`, those closed
more than half the time; `#(left + right > 0.9)`, those near the diagonal. They are very few:
in this small network the gates spend a good part of the time half open, they are not pure
switches. Still, behaviours can be told apart:

- **$\Gamma_f$**: some units are open (> 0.9) more than half the time: these are the
  **integrators**, which carry information across many characters; others forget often (closed
  much of the time) and keep something only for a few characters.
- **$\Gamma_u$**: hardly any unit is closed most of the time: something is almost always
  written into the memory, even if little.
- **$\Gamma_o$**: many units are closed more than half the time and show their memory in $a$
  (and so in the prediction) only at certain characters.
"""),
    slide(es=r"""
### Qué dice la nube

- Pocas unidades cerca de la diagonal: las compuertas pasan mucho tiempo **a medias**
- $\Gamma_f$: algunas unidades son **integradores**; otras olvidan a menudo
- $\Gamma_u$: casi nunca cerrada; casi siempre se escribe algo
- $\Gamma_o$: muchas unidades cerradas más de la mitad del tiempo; su memoria sale solo a ratos
""", en=r"""
### What the cloud says

- Few units near the diagonal: the gates spend a lot of time **half open**
- $\Gamma_f$: some units are **integrators**; others forget often
- $\Gamma_u$: hardly ever closed; something is almost always written
- $\Gamma_o$: many units closed more than half the time; their memory shows only now and then
"""),
    notes(es=r"""
**12 min.** Explica primero cómo leer un punto (dibuja en la pizarra los ejes y las esquinas:
$(0, 0)$ siempre a medias, $(1, 0)$ siempre cerrada, $(0, 1)$ siempre abierta).

- *¿Qué unidad de $\Gamma_f$ buscarías para recordar que estás dentro de unas comillas?* Una
  cerca de $(0, 1)$: abierta casi siempre, que no olvida.
- *¿Por qué una compuerta de actualización casi nunca cerrada no borra la memoria?* Porque
  quien borra es $\Gamma_f$; $\Gamma_u$ solo decide cuánto se suma.
- *¿Saldría lo mismo con otra semilla de entrenamiento?* La forma de la nube sí; qué unidad es
  cuál, no: los números de unidad son arbitrarios.

Error habitual: leer «saturada a la izquierda» (cerca de 0, cerrada) igual en las tres
compuertas. Solo en $\Gamma_f$ significa «olvida mucho»; en $\Gamma_u$ es «escribe poco» y en
$\Gamma_o$, «muestra poco» de su memoria.
""", en=r"""
**12 min.** First explain how to read a dot (draw the axes and corners on the board:
$(0, 0)$ always half open, $(1, 0)$ always closed, $(0, 1)$ always open).

- *Which $\Gamma_f$ unit would you look for to remember being inside quotes?* One near
  $(0, 1)$: open nearly always, never forgetting.
- *Why does an update gate that is hardly ever closed not wipe the memory?* Because wiping is
  $\Gamma_f$'s job; $\Gamma_u$ only decides how much is added.
- *Would another training seed give the same?* The shape of the cloud, yes; which unit is
  which, no: unit numbers are arbitrary.

Usual mistake: reading "left-saturated" (near 0, closed) the same way for the three gates.
Only for $\Gamma_f$ does it mean "forgets a lot"; for $\Gamma_u$ it is "writes little" and for
$\Gamma_o$, "shows little" of its memory.
"""),

    # --- 3. interpretable units ------------------------------------------------------------
    md(es=r"""
## 3. Unidades que siguen algo legible

¿Hay unidades cuyo estado siga algo que sepamos leer? Karpathy, Johnson y Fei-Fei encontraron
celdas que se encienden dentro de comillas o que cuentan la posición en la línea. Definimos
unas **características** del texto, un valor por carácter, y buscamos la unidad cuyo
$\tanh(c^{\langle t \rangle}_j) \in (-1, 1)$ tiene la mayor correlación de Pearson (en valor
absoluto) con cada una:
$$r_j = \frac{\sum_t (v_j^{\langle t \rangle} - \bar v_j)(f^{\langle t \rangle} - \bar f)}
  {\sqrt{\sum_t (v_j^{\langle t \rangle} - \bar v_j)^2\;\sum_t (f^{\langle t \rangle} - \bar
  f)^2}}.$$
Las características: espacio, vocal, posición en la palabra (caracteres desde el último
espacio), dentro de «…», dentro de "…", tras una raya de diálogo y posición en el párrafo. Las
que no aparecen en el pasaje se descartan.
""", en=r"""
## 3. Units that follow something readable

Are there units whose state follows something we can read? Karpathy, Johnson and Fei-Fei found
cells that switch on inside quotes or count the position in the line. We define a few
**features** of the text, one value per character, and look for the unit whose
$\tanh(c^{\langle t \rangle}_j) \in (-1, 1)$ has the largest Pearson correlation (in absolute
value) with each:
$$r_j = \frac{\sum_t (v_j^{\langle t \rangle} - \bar v_j)(f^{\langle t \rangle} - \bar f)}
  {\sqrt{\sum_t (v_j^{\langle t \rangle} - \bar v_j)^2\;\sum_t (f^{\langle t \rangle} - \bar
  f)^2}}.$$
The features: space, vowel, position in the word (characters since the last space), inside
«…», inside "…", after a dialogue dash, and position in the paragraph. Those that do not occur
in the passage are dropped.
"""),
    slide(es=r"""
## 3. Unidades que siguen algo legible

- Una **característica** del texto: un valor por carácter (espacio, vocal, posición en la
  palabra, dentro de comillas…)
- Para cada una, la unidad $j$ de mayor $|r_j|$:

$$r_j = \operatorname{corr}\big(\tanh c_j^{\langle t \rangle},\ f^{\langle t \rangle}\big)$$
""", en=r"""
## 3. Units that follow something readable

- A **feature** of the text: one value per character (space, vowel, position in the word,
  inside quotes…)
- For each, the unit $j$ with the largest $|r_j|$:

$$r_j = \operatorname{corr}\big(\tanh c_j^{\langle t \rangle},\ f^{\langle t \rangle}\big)$$
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
""", slide="subslide", mark="units"),
    slide(es=r"""
### La mejor unidad de cada característica

- **Locales** (espacio, vocal, posición en la palabra): $|r| > 0.5$
- **De largo alcance** (comillas, diálogo, párrafo): muy por debajo
""", en=r"""
### The best unit for each feature

- **Local** (space, vowel, position in the word): $|r| > 0.5$
- **Long-range** (quotes, dialogue, paragraph): far below
""", show="units", notes_es=r"""
Una red de 100 unidades entrenada con un solo libro no tiene una celda «de comillas» limpia
como las del artículo, que estudia redes mayores con millones de caracteres.
""", notes_en=r"""
A 100-unit network trained on a single book has no clean "quote" cell like those of the
paper, which studies bigger networks trained on millions of characters.
"""),
    md(es=r"""
Las características **locales** (espacio, vocal, posición en la palabra) tienen unidades con
$|r|$ por encima de 0.5: la red sabe en qué punto de una palabra está, lo que más necesita
para predecir la letra siguiente. Las de **largo alcance** (dentro de comillas o de un
diálogo, posición en el párrafo) se quedan muy por debajo: esta red de 100 unidades, entrenada
con un texto de unos 109 000 caracteres, no tiene una celda «de comillas» limpia como las del
artículo, que
estudia redes mayores entrenadas con millones de caracteres.

Miremos la mejor unidad de la **posición en la palabra**, con el signo de $r$ aplicado para
que un valor alto signifique siempre «más adentro de la palabra»: su media según la posición
del carácter en su palabra (0 es la primera letra) y sus valores sobre los primeros 400
caracteres (rojo alto, azul bajo):
""", en=r"""
The **local** features (space, vowel, position in the word) have units with $|r|$ above 0.5:
the network knows where it is within a word, which is what it needs most to predict
the next letter. The **long-range** ones (inside quotes or dialogue, position in the paragraph)
stay far below: this 100-unit network, trained on a text of about 107,000 characters, has no clean
"quote"
cell like those of the paper, which studies bigger networks trained on millions of characters.

Let us look at the best unit for the **position in the word**, with the sign of $r$ applied so
that a high value always means "further into the word": its mean by the position of the
character in its word (0 is the first letter) and its values over the first 400 characters
(red high, blue low):
"""),
    code(r"""
unit, r = found["feature_word_position"]
shown = np.sign(r) * values[unit]
words = long_passage.replace("\n", " ").split(" ")
position = np.concatenate([np.append(np.arange(len(w)), -1) for w in words])[:len(long_passage)]
print(f"{tr('feature_word_position', LANG)}: #{unit}, r = {r:+.2f}")
print(f"{tr('in_word_position', LANG):>24s}  {tr('in_mean_unit', LANG):>18s}  "
      f"{tr('in_count', LANG):>6s}")
for p in [-1, *range(8)]:
    label = tr("feature_space", LANG) if p == -1 else str(p)
    here = position == p
    print(f"{label:>24s}  {shown[here].mean():>+18.1f}  {here.sum():6d}")
fig = plots.plot_activation_text(long_passage[:400], shown[:400], lang=LANG)
""", deck="output", slide="subslide", alt={
        "es": ("400 caracteres del texto, coloreados por una unidad que sigue la posición dentro "
               "de la palabra"),
        "en": ("400 characters of the text, coloured by a unit that follows the position within a "
               "word")}),
    slide(es=r"""
### Un contador lento de la posición en la palabra

- La mejor unidad de «posición en la palabra», con el signo de $r$ aplicado
- Su media sube a medida que avanza la palabra
- En el texto coloreado, las palabras cambian de color al avanzar; las cortas, apenas
""", en=r"""
### A slow counter of the position in the word

- The best unit for "position in the word", with the sign of $r$ applied
- Its mean rises as the word goes on
- In the coloured text, words change colour as they go on; short ones hardly do
""", notes_es=r"""
La tabla de medias por posición (11 líneas) y los 400 caracteres coloreados no caben juntos en
una diapositiva legible: muéstralos desde la salida de la celda en el cuaderno.
""", notes_en=r"""
The table of means by position (11 lines) and the 400 coloured characters do not fit together
on a readable slide: show them from the cell's output in the notebook.
"""),
    md(es=r"""
La media es mínima en las tres primeras letras de la palabra y sube poco a poco, letra a
letra, desde la cuarta; en los espacios queda a medio camino. No es un interruptor que se
enciende en una letra concreta: es un **contador lento** de cuánto se ha avanzado en la
palabra, aprendido sin que nadie le dijera a la red qué es una palabra. En la figura se ve
igual: las palabras empiezan casi en blanco y se vuelven rojas a medida que avanzan; las
cortas apenas cambian de color.

Ten presente el límite del método: buscamos entre características que *nosotros* elegimos. La
mayoría de las unidades hacen algo útil para predecir que no corresponde a ninguna idea con
nombre.
""", en=r"""
The mean is lowest at the first letter of the word and rises letter by letter up to about the
fifth, where it levels off; at spaces it sits about where the middle of a word does. It is
not a switch that turns on at one particular letter: it is a **slow counter** of how far into
the word the network has got, learnt without anyone telling the network what a word is. The
figure shows the same: words start blue and turn white or red as they go on.

Keep the limit of the method in mind: we search among features that *we* chose. Most units do
something useful for prediction that matches no idea with a name.
"""),
    slide(es=r"""
### El límite del método

- Nadie le dijo a la red qué es una palabra: el contador lo aprendió sola
- Pero buscamos entre características que **nosotros** elegimos
- La mayoría de las unidades hacen algo útil para predecir que no tiene nombre
""", en=r"""
### The limit of the method

- Nobody told the network what a word is: it learnt the counter by itself
- But we search among features that **we** chose
- Most units do something useful for prediction that has no name
"""),
    notes(es=r"""
**15 min.** Deja que la clase adivine antes de mostrar la tabla: «¿qué
característica crees que sigue mejor alguna unidad?».

- *¿Por qué multiplicar por el signo de $r$?* Una unidad puede seguir una característica con
  valores negativos; el signo es arbitrario.
- *¿Correlación alta significa que la unidad «es» un contador de letras?* No: también hace
  otras cosas; solo sabemos que se parece a nuestra característica.
- *¿Por qué $\tanh(c)$ y no $c$?* $c$ no está acotado; $\tanh$ lo lleva a $(-1, 1)$ y evita
  que unos pocos valores enormes dominen la correlación de una unidad; y $\tanh(c)$ es lo que
  la red puede sacar en $a$.

Error habitual: creer que buscar entre características elegidas por nosotros encuentra lo
que la red hace; encuentra solo lo que nosotros sabemos nombrar.
""", en=r"""
**15 min.** Let the class guess before showing the table: "which
feature do you think some unit follows best?".

- *Why multiply by the sign of $r$?* A unit may follow a feature with negative values; the
  sign is arbitrary.
- *Does a high correlation mean the unit "is" a letter counter?* No: it does other things as
  well; we only know it resembles our feature.
- *Why $\tanh(c)$ rather than $c$?* $c$ is unbounded; $\tanh$ brings it to $(-1, 1)$ and
  stops a few huge values from dominating a unit's correlation; and $\tanh(c)$ is what the
  network can put out in $a$.

Usual mistake: believing that a search among features we chose finds what the network does;
it finds only what we can name.
"""),
    md(es=r"""
## 4. Por parejas: busca otra celda (ejercicio 1)

Define una característica nueva, por ejemplo dentro de una pregunta
(`inside_feature(long_passage, "¿", "?")`), la posición en la frase
(`line_position(long_passage.replace(".", "\n"))`) o las consonantes; busca con
`correlated_units` la unidad que mejor la sigue y dibújala con `plots.plot_activation_text`.
""", en=r"""
## 4. In pairs: find another cell (exercise 1)

Define a new feature, for example the position in the sentence
(`line_position(long_passage.replace(".", "\n"))`), between a comma and the next
full stop (`inside_feature(long_passage, ",", ".")`) or consonants; find with
`correlated_units` the
unit that follows it best and draw it with `plots.plot_activation_text`.
"""),
    slide(es=r"""
## 4. Por parejas: busca otra celda (ejercicio 1)

- Define una característica nueva, un valor por carácter
- Busca la unidad que mejor la sigue y dibújala
- Al final, las parejas comparan sus $|r|$
""", en=r"""
## 4. In pairs: find another cell (exercise 1)

- Define a new feature, one value per character
- Find the unit that follows it best and draw it
- At the end, the pairs compare their $|r|$
""", code=r"""
feature = line_position(long_passage.replace(".", "\n"))
unit, r = correlated_units(values, feature, top=3)[0]
shown = np.sign(r) * values[unit]
fig = plots.plot_activation_text(long_passage[:400], shown[:400],
                                 lang=LANG)
"""),
    notes(es=r"""
**10 min.** Por parejas, cada pareja con una característica distinta; al final se comparan las
$|r|$. La estimación de la clase: 3 de apertura + 10 de las compuertas sobre una frase + 12 de
la saturación + 15 de las unidades con nombre + 10 por parejas = 50 minutos; esta lección no
entrena y cabe en la clase. Los ejercicios 2 a 4 son para después.
""", en=r"""
**10 min.** In pairs, each pair with a different feature; compare the $|r|$ at the end. The
period's estimate: 3 opening + 10 for the gates over a sentence + 12 for saturation + 15 for
the named units + 10 in pairs = 50 minutes; this lesson trains nothing and fits the class.
Exercises 2 to 4 are for afterwards.
"""),
    slide(es=r"""
## Resumen

- Las compuertas se leen: filas que conservan, filas que borran
- Las compuertas y $a$ están acotadas; $c$ no
- Saturación: pocos interruptores puros, algunos integradores en $\Gamma_f$
- Unidades locales claras; ninguna celda «de comillas» limpia
- **Después de clase:** ejercicios 2 a 4
""", en=r"""
## Summary

- The gates can be read: rows that keep, rows that wipe
- The gates and $a$ are bounded; $c$ is not
- Saturation: few pure switches, some integrators in $\Gamma_f$
- Clear local units; no clean "quote" cell
- **After class:** exercises 2 to 4
"""),

    # ------------------------------------------------------------------------------------
    # After class
    # ------------------------------------------------------------------------------------
    after_class(es=r"""
**Tarea:** los ejercicios 2 a 4 (el 1 se hizo en clase, por parejas).
""", en=r"""
**Homework:** exercises 2 to 4 (number 1 was done in class, in pairs).
"""),
    md(es=r"""
### Ejercicios

2. **¿$a$ o $c$?** ¿Sale la misma unidad con `long_record["a"]`, o con `long_record["c"]` sin
   $\tanh$? ¿Por qué puede cambiar?
3. **Una red a medio entrenar.** Entrena dos épocas como en la lección 06 (`Trainer`,
   `TrainConfig(batch_size=32, learning_rate=0.01)`) y repite la saturación con
   `trainer.parameters` y `trainer.vocab`. ¿Hay ya integradores?
4. **Umbrales.** Cambia `low` y `high` de `gate_saturation` a 0.2 y 0.8. ¿Se acercan los puntos
   a la diagonal?
""", en=r"""
### Exercises

2. **$a$ or $c$?** Do you get the same unit with `long_record["a"]`, or with
   `long_record["c"]` without $\tanh$? Why might it change?
3. **A half-trained network.** Train two epochs as in lesson 06 (`Trainer`,
   `TrainConfig(batch_size=32, learning_rate=0.01)`) and repeat the saturation with
   `trainer.parameters` and `trainer.vocab`. Are there integrators already?
4. **Thresholds.** Change `low` and `high` of `gate_saturation` to 0.2 and 0.8. Do the dots
   move towards the diagonal?
"""),
    guide("objectives", es=r"""
- Leer las activaciones de las compuertas y de $c$ de una red entrenada sobre una frase real.
- Medir la saturación de las compuertas (Karpathy, Johnson y Fei-Fei, 2015) y reconocer
  integradores y unidades que se cierran.
- Buscar unidades que siguen una característica con nombre, y saber el límite del método.
""", en=r"""
- Read the gate and $c$ activations of a trained network over a real sentence.
- Measure gate saturation (Karpathy, Johnson and Fei-Fei, 2015) and recognise integrators and
  units that shut.
- Search for units that follow a named feature, and know the limit of the method.
"""),
    guide("prerequisites", es=r"""
Las lecciones 01 (las compuertas) y 03 (la saturación y el camino de $c$); la correlación de
Pearson.
""", en=r"""
Lessons 01 (the gates) and 03 (saturation and the path of $c$); Pearson's correlation.
"""),
    guide("optional", es=r"""
Si la clase va justa, el ejercicio por parejas puede hacerse con una sola característica para
todos. Después de clase, los ejercicios 3 (entrenar dos épocas) y 4 son opcionales.
""", en=r"""
If time is short, the pair exercise can use a single feature for everybody. After class,
exercises 3 (training two epochs) and 4 are optional.
"""),
    guide("exit", es=r"""
1. ¿Qué dice de una unidad que su $\Gamma_f$ esté por encima de 0.9 casi siempre?
2. ¿Por qué una correlación alta con una característica no dice que la unidad «sea» esa
   característica?
3. ¿Por qué esta red no tiene una celda «de comillas» limpia?
""", en=r"""
1. What does it say about a unit that its $\Gamma_f$ is above 0.9 almost all the time?
2. Why does a high correlation with a feature not mean the unit "is" that feature?
3. Why does this network have no clean "quote" cell?
"""),
    guide("answers", es=r"""
**Preguntas de salida.** (1) Es un integrador: conserva su memoria paso a paso y acumula lo
que escribe $\Gamma_u$. (2) La unidad hace además otras cosas; solo sabemos que se parece a
nuestra característica, elegida por nosotros. (3) Es una red de 100 unidades entrenada con un
solo libro: las características locales (posición en la palabra) le rinden más; las de largo
alcance quedan con $|r|$ bajo ($0.21$ en español, $0.11$ en inglés para las comillas).

**Ejercicio 1.** Cada pareja trae su $|r|$: las características locales (consonantes,
posición en la frase al principio) suelen dar $|r|$ más altos que las de largo alcance (dentro
de una pregunta, entre una coma y el punto siguiente).

**Ejercicio 2.** Puede salir otra unidad: $a = \Gamma_o * \tanh(c)$ mezcla lo guardado con la
compuerta de salida, y $c$ sin $\tanh$ deja que unos pocos valores enormes dominen la
correlación.

**Ejercicio 3.** Es una medida: compara las dos nubes. Lo que hay que buscar es si tras dos
épocas ya hay unidades con $\Gamma_f$ abierta más de la mitad del tiempo, como en el modelo
preentrenado (20 épocas). La red recién inicializada no tiene ninguna: en la lección 03,
ninguna de sus compuertas de olvido pasaba de 0.9 (0 %), y en la preentrenada un 26 % en
español y un 14 % en inglés de los pares (unidad, paso).

**Ejercicio 4.** Sí, todos o casi. Todo valor por debajo de 0.1 lo está también de 0.2, y
todo valor por encima de 0.9 lo está de 0.8: las dos fracciones de cada unidad solo pueden
crecer, así que cada punto se mueve hacia arriba y a la derecha, hacia la diagonal, o se queda
donde estaba. Cuánto se mueve depende de cuántos valores tenga la unidad entre 0.1 y 0.2 o
entre 0.8 y 0.9.
""", en=r"""
**Exit questions.** (1) It is an integrator: it keeps its memory step after step and
accumulates what $\Gamma_u$ writes. (2) The unit does other things as well; we only know it
resembles our feature, one we chose. (3) It is a 100-unit network trained on a single book:
local features (position in the word) pay off more; long-range ones are left with a low $|r|$
($0.21$ in Spanish, $0.11$ in English for the quotes).

**Exercise 1.** Each pair brings its $|r|$: local features (consonants, the position in the
sentence near its start) usually give higher $|r|$ than long-range ones (inside a question,
between a comma and the next full stop).

**Exercise 2.** Another unit may come out: $a = \Gamma_o * \tanh(c)$ mixes what is kept with
the output gate, and $c$ without $\tanh$ lets a few huge values dominate the correlation.

**Exercise 3.** It is a measurement: compare the two clouds. What to look for is whether after
two epochs there are already units whose $\Gamma_f$ is open more than half the time, as in the
pretrained model (20 epochs). A freshly initialised network has none: in lesson 03 none of
its forget gates went above 0.9 (0 %), against 26 % in Spanish and 14 % in English of the
pretrained network's (unit, step) pairs.

**Exercise 4.** Yes, all of them or nearly. Every value below 0.1 is also below 0.2, and every
value above 0.9 is also above 0.8: both fractions of every unit can only grow, so every dot
moves up and to the right, towards the diagonal, or stays where it was. How far depends on how
many of the unit's values lie between 0.1 and 0.2 or between 0.8 and 0.9.
"""),
]
