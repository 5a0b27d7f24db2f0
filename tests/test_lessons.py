"""Each lesson fits a class of about 50 minutes, and the series is one consistent course.

Prose is counted as a reader meets it: the words of the markdown cells, without speaker
notes, LaTeX, code, HTML and the addresses of links and images.
"""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("es", "en")
LESSONS = sorted(p.name for p in (ROOT / "notebooks" / "es").glob("[0-9][0-9]_*.ipynb"))
MAX_WORDS = 2500
NOTES = ("🧑‍🏫",)


def prose_words(markdown):
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)      # code blocks
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)         # display maths
    text = re.sub(r"\$[^$\n]*\$", " ", text)                     # inline maths
    text = re.sub(r"`[^`\n]*`", " ", text)                       # inline code
    text = re.sub(r"<[^>\n]*>", " ", text)                       # HTML tags
    text = re.sub(r"\]\([^)\s]*\)", "]", text)                   # link and image targets
    return re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text)


def lesson_words(lang, name):
    cells = json.loads((ROOT / "notebooks" / lang / name).read_text(encoding="utf-8"))["cells"]
    return sum(len(prose_words("".join(c["source"]))) for c in cells
               if c["cell_type"] == "markdown" and not "".join(c["source"]).startswith(NOTES))


def test_prose_words_counts_words_not_maths_or_code():
    assert prose_words("La celda $c^{\\langle t \\rangle}$ usa `np.tanh` [aquí](x.ipynb).") == \
        ["La", "celda", "usa", "aquí"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", LESSONS)
def test_lesson_fits_a_class(lang, name):
    words = lesson_words(lang, name)
    assert words <= MAX_WORDS, f"{lang}/{name}: {words} words of prose (at most {MAX_WORDS})"


@pytest.mark.parametrize("lang", LANGS)
def test_titles_are_numbered_and_each_lesson_links_to_the_next(lang):
    for i, name in enumerate(LESSONS):
        cells = json.loads((ROOT / "notebooks" / lang / name).read_text(encoding="utf-8"))["cells"]
        title = "".join(cells[0]["source"]).split("\n")[0]
        assert title.startswith(f"# {name[:2]} · "), f"{lang}/{name}: title {title!r}"
        last = "".join(cells[-1]["source"])
        if i + 1 < len(LESSONS):
            assert f"({LESSONS[i + 1]})" in last, f"{lang}/{name}: no link to {LESSONS[i + 1]}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_cell_has_a_slide_type_and_each_lesson_has_speaker_notes(lang):
    for name in LESSONS:
        cells = json.loads((ROOT / "notebooks" / lang / name).read_text(encoding="utf-8"))["cells"]
        kinds = [c["metadata"].get("slideshow", {}).get("slide_type") for c in cells]
        assert None not in kinds, f"{lang}/{name}: cell {kinds.index(None)} has no slide type"
        assert "notes" in kinds, f"{lang}/{name}: no speaker notes"
