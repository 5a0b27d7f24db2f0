"""A Spanish reader meets Spanish only, an English reader English only.

The scan reads what a reader of notebooks/<lang> meets: the prose of markdown cells, the
comments of code cells and the text outputs (printed lines, tables, reprs). Code identifiers
are not words of a language (`learning_rate=`, `np.tanh(`, `dWf`), nor are LaTeX, inline
code and link targets. It looks for words that belong to the other language only: a short
list of frequent words, not a dictionary, so it can miss a rare word but does not flag one
that both languages share.
"""
import io
import json
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

ENGLISH = set("""
the and of with this that these those which what when where while from into over under
would could should must will shall been being were was are is isn't doesn't don't it's its
there their they them then than thus also only every each both either neither between through
about after before again against because during until upon without within whose whom
update updates epoch epochs train training trained validation median ratio resuming
resumed checkpoint saved loaded loading saving file found missing expected got wrong correct
value values gradient gradients parameter parameters shape shapes step steps first last
errors warning refused refusing character characters loss losses mean sum per
probability probabilities sample sampling generated text hidden state states unit units gate
gates forget output input cell network weights bias biases learning rate relative
""".split())

SPANISH = set("""
el los las del que con para una unas unos por como pero más también cuando donde porque
entre sobre hasta desde muy esta este estos estas están cada según mientras después
antes ahora aquí así sólo ya eso esto ese esa compuerta compuertas pérdida
entrenamiento carácter caracteres paso pasos época épocas validación estado celda unidad
unidades gradiente gradientes parámetros peso pesos sesgo texto muestra siguiente
""".split())

OTHER = {"es": ENGLISH, "en": SPANISH}

# Justified exceptions, per language: (notebook glob, word) — names of works, quotations of
# the original notebook shown as such, and the like. Keep this short and say why.
ALLOWED = {
    "es": {
        ("*05_sampling*", "bias"),  # «sesgo de exposición (*exposure bias*)»: the term as named
    },
    "en": {
        ("*", "la"), ("*", "del"),  # «La metamorfosis», el cuaderno original's corpus
    },
}

WORD = re.compile(r"(?<![\w.\\])[^\W\d_]+(?:['’][^\W\d_]+)?(?![\w(=\[.]|['’]\w)")


def clean_markdown(text):
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$\n]*\$", " ", text)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"<[^>\n]*>", " ", text)
    return re.sub(r"\]\([^)\s]*\)", "]", text)


def comments(src):
    lines = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                      for line in src.split("\n"))
    try:
        return [t.string for t in tokenize.generate_tokens(io.StringIO(lines + "\n").readline)
                if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, IndentationError):
        return []


def outputs(cell):
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            yield "".join(out["text"])
        elif "data" in out:
            plain = "".join(out["data"].get("text/plain", ""))
            if not plain.startswith("<"):           # <Figure>, <IPython... object>
                yield plain


def what_a_reader_meets(path):
    """(cell index, text) pairs: prose, comments and text outputs of one notebook."""
    for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            yield i, clean_markdown(src)
        elif cell["cell_type"] == "code":
            for c in comments(src):
                yield i, c
            for text in outputs(cell):
                yield i, text


def foreign_words(lang, path):
    allowed = {w for pattern, w in ALLOWED[lang] if path.match(pattern)}
    found = []
    for i, text in what_a_reader_meets(path):
        for word in WORD.findall(text):
            if word.lower() in OTHER[lang] and word.lower() not in allowed:
                found.append(f"cell {i}: {word!r}")
    return found


NOTEBOOKS = [(lang, p) for lang in ("es", "en")
             for p in sorted((ROOT / "notebooks" / lang).glob("**/*.ipynb"))
             if ".ipynb_checkpoints" not in p.parts]


def test_the_scan_finds_a_foreign_word(tmp_path):
    nb = {"cells": [{"cell_type": "code", "source": "x = 1  # with value\nlearning_rate = 2",
                     "outputs": [{"output_type": "stream", "text": "update 3 | época 1"}]},
                    {"cell_type": "markdown", "source": "La celda usa `the_function` y $the$."}]}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert foreign_words("es", path) == ["cell 0: 'with'", "cell 0: 'value'", "cell 0: 'update'"]
    assert foreign_words("en", path) == ["cell 0: 'época'", "cell 1: 'celda'"]


@pytest.mark.parametrize("lang,path", NOTEBOOKS,
                         ids=[f"{lang}/{p.relative_to(ROOT / 'notebooks' / lang)}"
                              for lang, p in NOTEBOOKS])
def test_a_reader_meets_one_language(lang, path):
    found = foreign_words(lang, path)
    assert not found, f"{lang}/{path.name}: {len(found)} words of the other language: " \
                      + ", ".join(found[:40])
