"""Each lesson fits a class of about 50 minutes, and the series is one consistent course.

Prose is counted as a reader meets it: the words of the markdown cells, without speaker
notes, LaTeX, code, HTML and the addresses of links and images.
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


# --- the speaker notes' timings ---------------------------------------------------------------
# Every notes cell starts with its minutes, "**10 min.**"; the exercise time is counted once, in
# the notes of the section where the class does it. A lesson's notes add up to one class.
CLASS_MINUTES = 50
MINUTES = re.compile(r"\*\*(\d+) min\.\*\*")


def notes_minutes(lang, name):
    """[(minutes, first line)] of every notes cell of a lesson, in order."""
    cells = json.loads((ROOT / "notebooks" / lang / name).read_text(encoding="utf-8"))["cells"]
    found = []
    for cell in cells:
        if cell["metadata"].get("slideshow", {}).get("slide_type") != "notes":
            continue
        text = "".join(cell["source"]).split("\n", 1)[1].strip()    # after the notes heading
        match = MINUTES.match(text)
        assert match, f"{lang}/{name}: a notes cell does not start with '**N min.**': {text[:60]!r}"
        found.append((int(match.group(1)), text.split("\n")[0]))
    return found


def test_notes_minutes_reads_the_format():
    assert MINUTES.match("**12 min.** El centro de la lección.").group(1) == "12"
    assert MINUTES.match("**Sección 3 (12 min).** ...") is None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", LESSONS)
def test_the_notes_add_up_to_one_class(lang, name):
    minutes = notes_minutes(lang, name)
    total = sum(m for m, _ in minutes)
    assert total == CLASS_MINUTES, (f"{lang}/{name}: the notes add up to {total} minutes, not "
                                    f"{CLASS_MINUTES}: {minutes}")


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
    "05": """top_k_distribution _top_k_distribution next_char_distribution sample_top_k generate
             check_sampling_arguments
             sampler""",
    "06": """CORPORA clean_text Streams Trainer TrainConfig print_progress load_checkpoint
             pretrained_path CheckpointError training_step""",
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
