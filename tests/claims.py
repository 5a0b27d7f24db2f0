"""Read the stored outputs of the lessons, for the tests that check what the prose claims.

A sentence of a lesson that states a computed result ("at T = 0.5 the favourite character
takes 98% of the probability") is checked by a test in tests/test_claims_NN.py against the
outputs stored in BOTH languages, so that a change of code that makes it false fails CI.
"""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def cells(lang, name):
    """The cells of notebooks/<lang>/<name> (name with or without .ipynb)."""
    name = name if name.endswith(".ipynb") else f"{name}.ipynb"
    return json.loads((NOTEBOOKS / lang / name).read_text(encoding="utf-8"))["cells"]


def _text(output):
    if output["output_type"] == "stream":
        return "".join(output["text"])
    data = output.get("data", {})
    return "".join(data.get("text/plain", ""))


def output_text(lang, name, code_contains):
    """The text output (stdout and text/plain) of the first code cell whose source contains
    `code_contains`. Fails with a clear message if there is no such cell."""
    for cell in cells(lang, name):
        if cell["cell_type"] == "code" and code_contains in "".join(cell["source"]):
            return "".join(_text(o) for o in cell.get("outputs", []))
    raise AssertionError(f"{lang}/{name}: no code cell contains {code_contains!r}")


def code_source(lang, name, contains):
    """The source of the first code cell of notebooks/<lang>/<name> that contains `contains`."""
    for cell in cells(lang, name):
        if cell["cell_type"] == "code" and contains in "".join(cell["source"]):
            return "".join(cell["source"])
    raise AssertionError(f"{lang}/{name}: no code cell contains {contains!r}")


def markdown_text(lang, name, contains):
    """The source of the first markdown cell that contains `contains`."""
    for cell in cells(lang, name):
        if cell["cell_type"] == "markdown" and contains in "".join(cell["source"]):
            return "".join(cell["source"])
    raise AssertionError(f"{lang}/{name}: no markdown cell contains {contains!r}")


def numbers(text):
    """Every number in a text, as floats, in order (thousands separators allowed: the English
    comma, and the no-break space of Spanish outputs, lstm_np.i18n.number)."""
    return [float(x.replace(",", "").replace("\u00a0", "")) for x in
            re.findall(r"[-+]?\d(?:[\d,]|\u00a0\d)*\.?\d*(?:e[-+]?\d+)?", text)]


# --- the sentence a claim defends -------------------------------------------------------------
# A claim test reads its sentence in the prose of each language, takes the number from the
# sentence, and compares it with the stored output: editing the sentence or changing the number
# (or the output) fails the test. A pattern is a regular expression for a stable fragment of the
# sentence, with one group per number it states; spaces in the pattern match any run of
# whitespace, so re-wrapping the prose does not matter.

NUMBER_WORDS = {
    "es": {"una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
           "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "veinte": 20, "cien": 100,
           "mil": 1000, "la mitad": 0.5, "un cuarto": 0.25},
    "en": {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "twenty": 20, "a hundred": 100, "hundred": 100,
           "a thousand": 1000, "half": 0.5, "a quarter": 0.25},
}


def prose(lang, name):
    """Every markdown cell of a lesson (speaker notes included), as one line: the ">" of
    boxed asides dropped, whitespace collapsed."""
    text = "\n".join("".join(c["source"]) for c in cells(lang, name)
                     if c["cell_type"] == "markdown")
    return " ".join(re.sub(r"(?m)^>[ ]?", "", text).split())


def as_number(text, lang):
    """A number as the prose writes it: 0.75, 1,000, 25 %, 10^{-3}, or a word ("tres")."""
    text = text.strip()
    words = NUMBER_WORDS[lang]
    if text.lower() in words:
        return float(words[text.lower()])
    power = re.fullmatch(r"10\^\{?([-−]?\d+)\}?", text)
    if power:
        return 10.0 ** int(power.group(1).replace("−", "-"))
    return float(text.replace(",", "").replace(" ", "").rstrip("%").replace("−", "-"))


GUIDE_FILES = {"es": "GUIA_DOCENTE.md", "en": "TEACHER_GUIDE.md"}


def guide_prose(lang, name):
    """The section of lesson `name` in the stored teacher's guide of `lang`, as one line
    (whitespace collapsed): its answer keys state results too."""
    text = (NOTEBOOKS / lang / GUIDE_FILES[lang]).read_text(encoding="utf-8")
    name = name if name.endswith(".ipynb") else f"{name}.ipynb"
    section = next(chunk for chunk in re.split(r"^## \[", text, flags=re.M)
                   if f"]({name})" in chunk.split("\n", 1)[0])
    return " ".join(section.split())


def guide_claim(lang, name, es, en):
    """Like `claim`, for a sentence of the lesson's section of the teacher's guide."""
    return claim(lang, name, es, en, text=guide_prose(lang, name))


def claim(lang, name, es, en, text=None):
    """The numbers stated by one sentence of lesson `name`, in language `lang`.

    `es` and `en` are the patterns of the sentence in each language (see above); each group
    is a number. Fails, naming the lesson and the pattern, when the sentence is not there.
    Returns the list of numbers (empty if the pattern has no group). `text`: where to look
    instead of the lesson's prose (the guide's section, `guide_claim`)."""
    pattern = {"es": es, "en": en}[lang]
    regex = re.sub(r"(?:\\ | )+", r"\\s+", pattern)
    match = re.search(regex, prose(lang, name) if text is None else text)
    assert match, (f"{lang}/{name}: the sentence {pattern!r} is not in the prose any more; "
                   "if it was edited on purpose, update its claim test")
    return [as_number(group, lang) for group in match.groups()]


# --- the slide layer --------------------------------------------------------------------------
# A slide (`+++ {"cell": "slide"}` in notebooks/source/NN_name.md) reaches no notebook: what it
# states is read from the source, and checked against the stored outputs like the prose.

SOURCES = ROOT / "notebooks" / "source"


def slides(lang, name):
    """The text of every slide of lesson `name` in `lang` (its notes included), as one line."""
    from tools import nbsource
    cells_ = nbsource.load_source(SOURCES / f"{name.removesuffix('.ipynb')}.md")
    text = "\n".join(c.text[lang] + "\n" + c.notes[lang] for c in cells_
                     if isinstance(c, nbsource.SlideText))
    return " ".join(text.split())


def slide_claim(lang, name, es, en):
    """Like `claim`, for a sentence of the lesson's slides."""
    return claim(lang, name, es, en, text=slides(lang, name))
