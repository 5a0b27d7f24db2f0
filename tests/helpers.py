"""Made-up texts for the tests: the real corpora are never copied into the repository."""
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
