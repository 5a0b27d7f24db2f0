"""Every decimal number a slide states is true of its own language's stored lesson.

The slide layer (`+++ {"cell": "slide"}` cells of notebooks/source/NN_*.md, tools/nbsource.py)
reaches no notebook: what the class sees on the projector would otherwise be checked by
nothing. For each lesson and language, every decimal number written on a slide or in its
speaker notes (code excerpts and `inline code` aside; maths included) must be, digit for digit
as the slide writes it, a number of that language's stored complete notebook: its
outputs. A slide that quotes the other language's run, or a number no run printed, fails
here. The few constants a slide may state without a run (definitions, settings, arithmetic of
the maths, not results) are listed in ALLOWED, each with why, and must be in the prose.
Slide sentences that state a result in words are checked in tests/test_claims_NN.py.
"""
import re
from pathlib import Path

import pytest

from claims import cells
from tools import nbsource

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "notebooks" / "source").glob("[0-9][0-9]_*.md"))
LANGS = ("es", "en")

# Numbers a slide may state that no output prints, per lesson: definitions, settings and
# arithmetic of the maths, never the result of a run. Each must still be written in the lesson's
# prose (the same number on the screen and in the notebook); a result in words around it is
# checked by tests/test_claims_NN.py (named where there is one).
ALLOWED = {
    "01": {"0.5": "sigma(0) = 0.5, and the hand-sized cell's input [0.5, 0, 0, 1]"},
    "02": {"68.0": "the original notebook's summed loss, quoted",
           "2.72": "68.0 / 25, its mean per character"},
    "03": {"0.01": "the planted 1 % mistake, relative error 0.01/2 (test_claims_03)",
           "0.85": "11/13, the sum against the mean (test_claims_03)"},
    "04": {"0.2": "tau = 5 / T_x = 5 / 25", "0.999": "Adam's beta_2",
           "0.001": "a step of alpha times the gradient -0.01, the prose's worked example"},
    "05": {"0.1": "the temperature slider's lower end"},
    "06": {"0.01": "Adam's alpha, the training setting"},
}

DECIMAL = {"en": r"(?<![\w.,])\d+\.\d+(?![\w])", "es": r"(?<![\w.,])\d+[.,]\d+(?![\w])"}


def slide_text(cell, lang):
    """What a slide shows and its notes say, in `lang`, without code (blocks, `inline`),
    images and link targets."""
    text = cell.text[lang] + "\n" + cell.notes[lang]
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return text


def stated_decimals(source, lang):
    """[(line of the .md, the number as written)] of every decimal on the lesson's slides."""
    found = []
    for cell in nbsource.load_source(source):
        if isinstance(cell, nbsource.SlideText):
            found += [(cell.line, m.rstrip(".,")) for m in
                      re.findall(DECIMAL[lang], slide_text(cell, lang))]
    return found


def _output_text(output):
    if output["output_type"] == "stream":
        return "".join(output["text"])
    return "".join(output.get("data", {}).get("text/plain", ""))


def notebook_text(lang, name, kind):
    """The stored complete lesson of `lang` as text: its text outputs (kind "outputs") or its
    prose (kind "prose")."""
    if kind == "prose":
        return "\n".join("".join(c["source"]) for c in cells(lang, name)
                         if c["cell_type"] == "markdown")
    return "\n".join(_output_text(output) for cell in cells(lang, name)
                     for output in cell.get("outputs", []))


def appears(written, text):
    """The number, digit for digit as the slide writes it, is a number of the text (a point
    or a decimal comma, not part of a longer number: 0.97 is not in 0.975 nor in 10.97)."""
    whole, decimals = re.split(r"[.,]", written)
    return re.search(rf"(?<![\d.,]){whole}[.,]{decimals}(?!\d)", text) is not None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_decimal_on_a_slide_is_in_its_languages_notebook(source, lang):
    outputs = notebook_text(lang, source.stem, "outputs")
    prose = notebook_text(lang, source.stem, "prose")
    allowed = ALLOWED.get(source.stem[:2], {})
    wrong = [f"line {line}: {written}" for line, written in stated_decimals(source, lang)
             if not (appears(written, outputs) or written in allowed and appears(written, prose))]
    assert not wrong, (f"{source.name} ({lang}): these slide numbers are in no output of "
                       f"notebooks/{lang}/{source.stem}.ipynb (nor allowed constants of its "
                       f"prose, ALLOWED): {wrong}")


def test_the_slides_state_decimals_and_the_allow_list_is_used():
    """The test above reads something, and ALLOWED holds only numbers some slide states."""
    stated = {(p.stem[:2], written) for p in SOURCES for lang in LANGS
              for _, written in stated_decimals(p, lang)}
    assert len(stated) > 20, stated
    unused = [(n, x) for n, numbers in ALLOWED.items() for x in numbers if (n, x) not in stated]
    assert not unused, f"ALLOWED lists numbers no slide states any more: {unused}"


TURN = {"es": r"[Tt]u turno\b[^\n]*?\((\d+) minutos\)",
        "en": r"[Yy]our turn\b[^\n]*?\((\d+) minutes\)"}
WRITING = {"es": "{} escribiendo", "en": "{} writing"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_a_slides_minutes_for_a_blank_are_the_period_estimates(source, lang):
    """"Your turn: write `clip` (4 minutes)" on the projector is the time the closing note's
    estimate gives that blank ("4 writing `clip`"), which tests/test_lessons.py adds up."""
    layer = [c for c in nbsource.load_source(source) if isinstance(c, nbsource.SlideText)]
    said = [int(n) for c in layer for n in re.findall(TURN[lang], c.text[lang])]
    notes = " ".join(" ".join(c.text[lang].split()) for c in nbsource.load_source(source)
                     if isinstance(c, nbsource.Notes))
    wrong = [n for n in said if WRITING[lang].format(n) not in notes]
    assert not wrong, (f"{source.name} ({lang}): a slide gives a blank {wrong} minutes, which "
                       "no note's estimate of the period says")
