"""Made-up texts for the tests (the real corpora are never copied into the repository), and
a student's function made of the package's (the exercises' checker refuses the package's own)."""
import numpy as np

WORDS = ("el la de que y a en un una los las gato perro casa sol luna mar rio "
         "verde azul, noche; dia. arbol piedra camino").split()


def pseudo_text(n_chars=5000, seed=0, words=WORDS):
    """A made-up text of about n_chars characters from a fixed word list."""
    rng = np.random.default_rng(seed)
    lines, length = [], 0
    while length < n_chars:
        line = " ".join(rng.choice(words, size=int(rng.integers(5, 15))))
        lines.append(line)
        length += len(line) + 1
    return "\n".join(lines) + "\n"


def written_here(function):
    """A function defined outside lstm_np that calls `function`: the exercises' checker refuses
    the package's own functions, so a test that needs the reference's answer as a student's
    calls it through this."""
    def student(*args, **kwargs):
        return function(*args, **kwargs)
    return student
