"""Each lesson's period fits a class of about 50 minutes, and the series is one consistent course.

A lesson has two layers: the period (what is said, run and written in class) and after class
(reading, homework, labs), from the markdown cell whose first line is `## Después de clase` /
`## After class` to the end. The limits here are the class's: the prose words and the notes'
minutes count the period only. Prose is counted as a reader meets it: the words of the
markdown cells, without speaker notes, LaTeX, code, HTML and the addresses of links and images.
"""
import ast
import importlib
import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("es", "en")
LESSONS = sorted(p.name for p in (ROOT / "notebooks" / "es").glob("[0-9][0-9]_*.ipynb"))
MAX_WORDS = 2500
AFTER_CLASS = {"es": "## Después de clase", "en": "## After class"}


def cells_of(lang, name):
    return json.loads((ROOT / "notebooks" / lang / name).read_text(encoding="utf-8"))["cells"]


def is_after_class(cell, lang):
    return (cell["cell_type"] == "markdown"
            and "".join(cell["source"]).split("\n")[0].strip() == AFTER_CLASS[lang])


def period_cells(lang, name):
    """The cells of a lesson before its after-class heading (all of them if it has none)."""
    cells = cells_of(lang, name)
    where = next((i for i, c in enumerate(cells) if is_after_class(c, lang)), len(cells))
    return cells[:where]


def prose_words(markdown):
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)      # code blocks
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)         # display maths
    text = re.sub(r"\$[^$\n]*\$", " ", text)                     # inline maths
    text = re.sub(r"`[^`\n]*`", " ", text)                       # inline code
    text = re.sub(r"<[^>\n]*>", " ", text)                       # HTML tags
    text = re.sub(r"\]\([^)\s]*\)", "]", text)                   # link and image targets
    return re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text)


def lesson_words(lang, name):
    """The words of prose of the lesson's period (after class is reading: not counted)."""
    cells = period_cells(lang, name)
    return sum(len(prose_words("".join(c["source"]))) for c in cells
               if c["cell_type"] == "markdown"
               and c.get("metadata", {}).get("slideshow", {}).get("slide_type") != "notes")


def test_prose_words_counts_words_not_maths_or_code():
    assert prose_words("La celda $c^{\\langle t \\rangle}$ usa `np.tanh` [aquí](x.ipynb).") == \
        ["La", "celda", "usa", "aquí"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", LESSONS)
def test_lesson_fits_a_class(lang, name):
    words = lesson_words(lang, name)
    assert words <= MAX_WORDS, (f"{lang}/{name}: {words} words of prose in the period "
                                f"(at most {MAX_WORDS}; move reading after class)")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", LESSONS)
def test_each_lesson_has_one_after_class_part_before_its_link(lang, name):
    cells = cells_of(lang, name)
    where = [i for i, c in enumerate(cells) if is_after_class(c, lang)]
    assert len(where) == 1, f"{lang}/{name}: {len(where)} '{AFTER_CLASS[lang]}' headings, not 1"
    assert where[0] < len(cells) - 1, f"{lang}/{name}: nothing after '{AFTER_CLASS[lang]}'"
    explained = "".join(cells[where[0]]["source"]).split("\n\n")
    assert len(explained) >= 2 and explained[1].strip(), \
        f"{lang}/{name}: the after-class heading has no line that says what it means"


def test_period_cells_stop_at_the_after_class_heading():
    cells = period_cells("en", LESSONS[0])
    assert cells and not any(is_after_class(c, "en") for c in cells)
    assert len(cells) < len(cells_of("en", LESSONS[0]))


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


# --- the speaker notes' timings ---------------------------------------------------------------
# Every notes cell of the period starts with its minutes, "**10 min.**"; the time of a blank is
# counted once, in the notes of the section where the class writes it. A lesson's period adds
# up to at most one class. Notes after class have no minutes: they are not class time.
CLASS_MINUTES = 50
MINUTES = re.compile(r"\*\*(\d+) min\.\*\*")


def notes_text(cell):
    """The text of a notes cell after its heading line (None for another cell)."""
    if cell["metadata"].get("slideshow", {}).get("slide_type") != "notes":
        return None
    return "".join(cell["source"]).split("\n", 1)[1].strip()


def notes_minutes(lang, name):
    """[(minutes, first line)] of every notes cell of a lesson's period, in order."""
    found = []
    for cell in period_cells(lang, name):
        text = notes_text(cell)
        if text is None:
            continue
        match = MINUTES.match(text)
        assert match, f"{lang}/{name}: a notes cell does not start with '**N min.**': {text[:60]!r}"
        found.append((int(match.group(1)), text.split("\n")[0]))
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", LESSONS)
def test_notes_after_class_count_no_class_minutes(lang, name):
    after = cells_of(lang, name)[len(period_cells(lang, name)):]
    for cell in after:
        text = notes_text(cell)
        assert text is None or not MINUTES.match(text), \
            f"{lang}/{name}: notes after class start with minutes: {text[:60]!r}"


def test_notes_minutes_reads_the_format():
    assert MINUTES.match("**12 min.** El centro de la lección.").group(1) == "12"
    assert MINUTES.match("**Sección 3 (12 min).** ...") is None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", LESSONS)
def test_the_period_fits_one_class(lang, name):
    minutes = notes_minutes(lang, name)
    total = sum(m for m, _ in minutes)
    assert 40 <= total <= CLASS_MINUTES, (f"{lang}/{name}: the period's notes add up to {total} "
                                          f"minutes (40 to {CLASS_MINUTES}): {minutes}")


@pytest.mark.parametrize("name", LESSONS)
def test_both_languages_give_the_same_timings(name):
    assert [m for m, _ in notes_minutes("es", name)] == [m for m, _ in notes_minutes("en", name)]


# --- a lesson uses only what it or an earlier lesson taught ------------------------------------
# The lesson that teaches each name a lesson imports from lstm_np (or reads as lstm_np.NAME).
# A name that is not here fails: add it under the lesson that teaches it.
TAUGHT = {
    "01": """set_language tr show_source plots exercises use load_corpus Vocabulary one_hot sigmoid
             softmax initialize_parameters PARAMETER_NAMES lstm_cell_forward lstm_forward
             compute_loss nats_to_bits""",
    "02": """lstm_cell_backward output_layer_backward display_char load_pretrained""",
    "03": """lstm_backward loss_and_gradients gradient_check relative_error gate_activations
             gradient_flow""",
    "04": """clip update_parameters_with_gd initialize_adam update_parameters_with_adam split_text
             blas_threads""",
    "05": """top_k_distribution next_char_distribution sample_top_k generate
             check_sampling_arguments
             sampler""",
    "06": """CORPORA clean_text Streams Trainer TrainConfig print_progress load_checkpoint number
             pretrained_path CheckpointError training_step ngram_baseline RNN_PARAMETER_NAMES
             initialize_rnn_parameters rnn_loss_and_gradients rnn_text_loss rnn_gradient_flow""",
    "07": """gate_saturation correlated_units char_feature inside_feature line_position""",
    "08": """torch_state torch_modules numpy_gradients""",
}
TEACHER = {name: lesson for lesson, names in TAUGHT.items() for name in names.split()}


def names_from_lstm_np(source):
    """The names a piece of code takes from lstm_np: imported from it or read as lstm_np.X."""
    source = "\n".join(line for line in source.splitlines()
                       if not line.lstrip().startswith(("%", "!")))
    found, chains = set(), set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lstm_np"):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Attribute):          # lstm_np.a.b.name: the name is the leaf
            chain, inner = [node.attr], node.value
            while isinstance(inner, ast.Attribute):
                chain.insert(0, inner.attr)
                inner = inner.value
            if isinstance(inner, ast.Name) and inner.id == "lstm_np":
                chains.add(tuple(chain))
    for chain in chains:                     # the first name that is not a module of lstm_np
        module = "lstm_np"
        for part in chain:
            if (not hasattr(importlib.import_module(module), "__path__")
                    or importlib.util.find_spec(f"{module}.{part}") is None):
                found.add(part)
                break
            module = f"{module}.{part}"
    return found


def lstm_np_names(lang, name, version=""):
    """The names a built notebook (complete, or version="exercises") takes from lstm_np."""
    cells = json.loads((ROOT / "notebooks" / lang / version / name).read_text(encoding="utf-8"))
    return set().union(*(names_from_lstm_np("".join(c["source"])) for c in cells["cells"]
                         if c["cell_type"] == "code"))


def test_names_from_lstm_np_finds_imports_and_attributes():
    code = ("import numpy as np\nimport lstm_np\nfrom lstm_np.engine.train import Trainer as T\n"
            "from lstm_np import (clip,\n    plots)\nx = lstm_np.one_hot(np.zeros(2), 3)\n"
            "z = lstm_np.core.sampling.sample_top_k\n"
            "%matplotlib inline\ny = np.tanh(x)\n")
    assert names_from_lstm_np(code) == {"Trainer", "clip", "plots", "one_hot", "sample_top_k"}


@pytest.mark.parametrize("version", ["", "exercises"])
@pytest.mark.parametrize("name", LESSONS)
def test_a_lesson_uses_only_what_it_or_an_earlier_lesson_taught(name, version):
    for lang in LANGS:
        if not (ROOT / "notebooks" / lang / version / name).exists():
            continue                          # a lesson without blanks has no exercise notebook
        for used in sorted(lstm_np_names(lang, name, version)):
            assert used in TEACHER, (f"{lang}/{version}/{name} uses lstm_np's {used!r}, which no "
                                     f"lesson teaches: add it to TAUGHT in tests/test_lessons.py")
            assert TEACHER[used] <= name[:2], (
                f"{lang}/{version}/{name} uses {used!r}, which lesson {TEACHER[used]} teaches "
                f"later: move that use after lesson {TEACHER[used]}, or teach it here")


# --- one register, one variety, one name for each thing ---------------------------------------
# The Spanish lessons speak one neutral Spanish, in "tú": «array» (not «arreglo»), no
# «vosotros» forms, no Peninsular-only words; one name for the student's notebook and for the
# gap the student fills. The words a Spanish student meets in class include the package's
# Spanish docstrings that `show_source` prints, so outputs are read too (whole words only: a
# name such as `compute_loss_from_logits` is code, not prose).
AVOID = {
    "es": ("arreglo", "creéis", "coma flotante", "pulsa Intro", "de juguete", "fan-in",
           "logits", "versión para el estudiante", "versión para estudiantes",
           "cuaderno de ejercicios", "celda en blanco", "celdas en blanco",
           "cómo de"),  # «¿cómo de buena?» is Peninsular: «¿cuán buena?»
    "en": ("student's version", "students' version", "exercise notebook", "blank cell"),
}


def words_a_reader_meets(lang, name):
    """The markdown (notes included) and the text outputs of a lesson, and its slide layer
    (the slides and their notes, which reach no notebook: read from the source), as one
    string."""
    from tools import nbsource
    source = ROOT / "notebooks" / "source" / name.replace(".ipynb", ".md")
    parts = [c.text[lang] + "\n" + c.notes[lang] for c in nbsource.load_source(source)
             if isinstance(c, nbsource.SlideText)]
    for cell in cells_of(lang, name):
        parts.append("".join(cell["source"]) if cell["cell_type"] == "markdown" else "")
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            text = (out.get("text", "") or data.get("text/markdown", "")
                    or data.get("text/plain", ""))
            parts.append("".join(text) if isinstance(text, list) else text)
    return "\n".join(parts)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", LESSONS)
def test_one_register_one_variety_one_name(lang, name):
    text = words_a_reader_meets(lang, name)
    found = [word for word in AVOID[lang]
             if re.search(rf"\b{re.escape(word)}\b", text, flags=re.IGNORECASE)]
    assert not found, f"{lang}/{name}: {found}"
    if lang == "es":
        # the verb endings (-áis, -éis, and -íais of the conditional and imperfect) and «os»
        vosotros = re.findall(r"\b(?:\w+(?:áis|éis|íais)|os)\b", text)
        assert not vosotros, f"es/{name}: «vosotros» forms {vosotros}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", LESSONS)
def test_one_name_for_the_update_gates_weights(lang, name):
    # lesson 01 names them W_i, b_i (the i of "input gate"); the gate itself is Γ_u
    text = words_a_reader_meets(lang, name)
    assert not re.findall(r"\b[Wb]_(?:u\b|\{u\})", text), f"{lang}/{name}: W_u or b_u, not W_i"


@pytest.mark.parametrize("lang", LANGS)
def test_lesson_01s_table_lists_every_lesson(lang):
    table = next("".join(c["source"]) for c in cells_of(lang, LESSONS[0])
                 if c["cell_type"] == "markdown" and "| 02 · " in "".join(c["source"]))
    listed = re.findall(r"^\|\s*\**(\d\d) · ", table, flags=re.M)
    assert listed == [name[:2] for name in LESSONS], (lang, listed)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", LESSONS)
def test_numbered_sections_follow_one_another(lang, name):
    numbers = [int(n) for c in cells_of(lang, name) if c["cell_type"] == "markdown"
               for n in re.findall(r"^## (\d+)\. ", "".join(c["source"]), flags=re.M)]
    assert numbers == list(range(1, len(numbers) + 1)), (lang, name, numbers)


# --- the teacher's guide ------------------------------------------------------------------------
GUIDE_PARTS = {"es": ("### Objetivos", "### Requisitos previos", "### La clase (",
                      "### Después de clase", "### Preguntas de salida", "### Respuestas"),
               "en": ("### Objectives", "### Prerequisites", "### The period (", "### After class",
                      "### Exit questions", "### Answer keys")}
GUIDE_FILES = {"es": "GUIA_DOCENTE.md", "en": "TEACHER_GUIDE.md"}


def guide_sections(lang):
    """{lesson file: its section of the stored teacher's guide}."""
    text = (ROOT / "notebooks" / lang / GUIDE_FILES[lang]).read_text(encoding="utf-8")
    chunks = re.split(r"^## \[", text, flags=re.M)[1:]
    return {re.search(r"\]\((\w+\.ipynb)\)", chunk).group(1): chunk for chunk in chunks}


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_has_every_part_for_every_lesson_in_order(lang):
    sections = guide_sections(lang)
    assert sorted(sections) == LESSONS
    for name, section in sections.items():
        where = [section.find(part) for part in GUIDE_PARTS[lang]]
        assert -1 not in where and where == sorted(where), (lang, name, where)
        minutes = sum(m for m, _ in notes_minutes(lang, name))
        assert f"| **{minutes}** | |" in section, (lang, name, minutes)


@pytest.mark.parametrize("lang", LANGS)
def test_the_stored_guide_is_what_the_sources_build(lang):
    from tools import notebooks as tool
    stored = (ROOT / "notebooks" / lang / GUIDE_FILES[lang]).read_text(encoding="utf-8")
    assert stored == tool.guide_text(lang), f"run: python tools/notebooks.py build ({lang})"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", LESSONS)
def test_the_last_note_of_the_period_explains_the_estimate(lang, name):
    notes = [notes_text(c) for c in period_cells(lang, name) if notes_text(c) is not None]
    total = sum(m for m, _ in notes_minutes(lang, name))
    word = {"es": "minutos", "en": "minutes"}[lang]
    assert f"= {total} {word}" in " ".join(notes[-1].split()), f"{lang}/{name}: {notes[-1][:80]!r}"
