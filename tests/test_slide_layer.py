"""The slide layer of the lesson sources and the deck builder's rules, without a browser.

- slide() (tools/nbsource.py): a slide holds at most 60 words and 15 lines of code, its notes
  come in both languages, it shows only outputs a code cell marks; it reaches no notebook,
  its notes reach the teacher's guide, a mark reaches the cell's metadata.
- tools/slides.py packs a lesson without a slide layer into slides within the limits (words,
  code lines, height), never leaves a lone caption, puts notes on their section's first
  slide, leaves the after-class part out, and builds a deck of a slide layer slide by slide.
- Every deck of the stored lessons, packed, keeps the limits (the browser tests measure the
  real thing in Chromium: browser_tests/test_decks_fit.py).
"""
import base64
import importlib.util
from pathlib import Path

import nbformat
import pytest

from tools import nbsource
from tools import notebooks as tool
from tools.nbsource import SourceError, code, md, notes, settings, slide

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def slides():
    spec = importlib.util.spec_from_file_location("lstm_np_slides_tool_unit",
                                                  ROOT / "tools" / "slides.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the source format ------------------------------------------------------------------------

def test_a_slide_holds_at_most_sixty_words_and_fifteen_lines():
    slide(es="## Título\n\n" + "palabra " * 58, en="## Title\n\n" + "word " * 58)
    with pytest.raises(ValueError, match="at most 60 words"):
        slide(es="## Título\n\n" + "palabra " * 60, en="## Title")
    slide(es="## a", en="## a", code="\n".join(["x = 1"] * 15))
    with pytest.raises(ValueError, match="at most 15 lines"):
        slide(es="## a", en="## a", code="\n".join(["x = 1"] * 16))
    with pytest.raises(ValueError, match="both notes_es and notes_en"):
        slide(es="## a", en="## a", notes_es="solo en español")


def test_maths_and_code_are_not_words():
    assert nbsource.prose_words("## Hola $x_t$ mundo\n\n```python\nx = 1\n```\n$$a + b$$") == 2
    assert nbsource.prose_words("see [the notebook](01_forward.ipynb) and `lstm_forward`") == 5


def _cells(*extra):
    return [md(es="# 01 · Título", en="# 01 · Title"), settings(), *extra]


def test_a_slide_shows_only_what_a_cell_marks():
    nbsource.check_cells(_cells(code("x = 1", mark="x"), slide(es="## a", en="## a", show="x")),
                         "test.md")
    with pytest.raises(SourceError, match="no code cell marks"):
        nbsource.check_cells(_cells(slide(es="## a", en="## a", show="x")), "test.md")
    with pytest.raises(SourceError, match="already the mark"):
        nbsource.check_cells(_cells(code("x = 1", mark="x"), code("y = 1", mark="x")),
                             "test.md")


def test_the_slide_layer_reaches_no_notebook_and_its_notes_reach_the_guide(tmp_path,
                                                                             monkeypatch):
    source = tmp_path / "01_test.md"
    source.write_text(
        "---\njupytext: {text_representation: {extension: .md, format_name: myst}}\n---\n"
        "<!-- es -->\n# 01 · Prueba\n<!-- en -->\n# 01 · Test\n"
        '+++ {"cell": "settings"}\n'
        "```{code-cell} ipython3\n---\nmark: x\n---\nx = 1\nx\n```\n"
        '+++ {"cell": "slide", "show": ["x"]}\n'
        "<!-- es -->\n## Diapositiva\n<!-- en -->\n## Slide\n"
        "<!-- notes es -->\nPregunta: ¿cuánto vale x?\n<!-- notes en -->\nAsk: what is x?\n",
        encoding="utf-8")
    monkeypatch.setattr(tool, "SOURCE", tmp_path)
    for lang in ("es", "en"):
        nb = tool.notebook(source, lang)
        assert [c.cell_type for c in nb.cells] == ["markdown", "code", "code", "markdown"]
        assert nb.cells[2].metadata["lstm_np"] == {"mark": "x"}
        assert "Diapositiva" not in str(nb) and "Slide" not in nb.cells[-1].source
    guide = tmp_path / "guide"
    (guide / "notebooks" / "es").mkdir(parents=True)
    monkeypatch.setattr(tool, "ROOT", guide)
    tool.build_guide("es")
    text = (guide / "notebooks" / "es" / "GUIA_DOCENTE.md").read_text(encoding="utf-8")
    assert "Pregunta: ¿cuánto vale x?" in text


def test_a_slides_notes_follow_its_sections_notes_in_the_guide_and_take_no_minutes(tmp_path):
    source = tmp_path / "01_test.md"
    source.write_text(
        "---\njupytext: {text_representation: {extension: .md, format_name: myst}}\n---\n"
        "<!-- es -->\n# 01 · Prueba\n<!-- en -->\n# 01 · Test\n"
        '+++ {"cell": "settings"}\n'
        "+++\n<!-- es -->\n## 1. Sección\n<!-- en -->\n## 1. Section\n"
        "```{code-cell} ipython3\n---\nmark: x\n---\nx = 1\nx\n```\n"
        '+++ {"cell": "slide", "show": ["x"]}\n'
        "<!-- es -->\n## 1. Sección\n<!-- en -->\n## 1. Section\n"
        "<!-- notes es -->\nPregunta: ¿cuánto vale x?\n<!-- notes en -->\nAsk: what is x?\n"
        '+++ {"cell": "notes"}\n'
        "<!-- es -->\n**7 min.** Ejecuta la celda.\n<!-- en -->\n**7 min.** Run the cell.\n",
        encoding="utf-8")
    text = "\n".join(tool.guide_lesson(source, "es"))
    rows = [line for line in text.split("\n") if line.startswith("| ") and "Sección" in line]
    assert rows == ["| 7 | 1. Sección |"], text          # no row of 0 minutes for the slide
    assert text.index("**7 min.** Ejecuta la celda.") < text.index("Pregunta: ¿cuánto vale x?")


# --- the deck of a lesson without a slide layer -----------------------------------------------

def _nb(*cells):
    nb = nbformat.v4.new_notebook()
    for source, kind, outputs in cells:
        if kind == "code":
            cell = nbformat.v4.new_code_cell(source)
            cell.outputs = outputs or []
        else:
            cell = nbformat.v4.new_markdown_cell(source)
        cell.metadata["slideshow"] = {"slide_type": kind if kind in ("notes", "slide") else "-"}
        nb.cells.append(cell)
    return nb


def _stream(text):
    return nbformat.v4.new_output("stream", name="stdout", text=text)


def _packed(slides, nb):
    return slides.pack(slides.lecture_pieces(nb, "01_test", "en"), "en")


def test_long_prose_and_code_are_split_within_the_limits(slides):
    long_paragraph = " ".join(f"Sentence number {i} says something short." for i in range(30))
    long_list = "\n".join(f"- item {i} with a few words more" for i in range(25))
    code_40 = "\n".join(f"x{i} = {i}" for i in range(40))
    nb = _nb(("# 01 · Title", "slide", None), (long_paragraph, "-", None),
             (long_list, "-", None), (code_40, "code", [_stream("\n".join(map(str, range(30))))]))
    packed = _packed(slides, nb)
    assert all(s.words <= 60 and s.code <= 15 and s.height <= slides.ROOM for s in packed)
    text = "\n".join(("" if p.cell.metadata.get("transient") else p.cell.get("source", ""))
                     + str(p.cell.get("outputs", "")) for s in packed for p in s.pieces)
    assert "Sentence number 29" in text and "item 24" in text
    assert "x39 = 39" not in text and "The code (40 lines) is in the notebook" in text
    assert "and 19 more lines in the notebook" in text


def test_no_slide_is_a_lone_caption(slides):
    code_14 = "\n".join(f"value_{i} = compute_something_long(parameters, {i})" for i in range(14))
    nb = _nb(("## 1. Section", "slide", None),
             ("Some text that fills the slide. " * 8, "-", None),
             ("A caption for the code below:", "-", None), (code_14, "code", None),
             ("A closing remark on the result.", "-", None),
             ("## 2. Next", "slide", None), ("Text.", "-", None))
    packed = _packed(slides, nb)
    assert not [s for s in packed if s.is_caption()]


def test_notes_go_on_their_sections_first_slide_and_after_class_is_left_out(slides):
    nb = _nb(("## 1. Section", "slide", None), ("Text. " * 50, "-", None),
             ("Text again. " * 50, "-", None),
             ("**Teacher's notes**\n\nAsk the class about the section.", "notes", None),
             ("## After class\n\nHomework.", "slide", None), ("Reading list.", "-", None),
             ("**Next lesson:** [02 · Next](02_next.ipynb)", "slide", None))
    packed = _packed(slides, nb)
    assert len(packed) >= 3
    assert packed[0].notes and "Ask the class" in packed[0].notes[0]
    assert not any(s.notes for s in packed[1:])
    text = " ".join(p.cell.source for s in packed for p in s.pieces)
    assert "Homework" not in text and "Reading list" not in text
    assert "## Next lesson" in packed[-1].pieces[0].cell.source
    assert "02_next.slides.html" in text


def test_a_slide_layer_is_the_deck(slides):
    layer = [md(es="## 1. Sección", en="## 1. Section"),
             slide(es="## Uno", en="## One", code="x = 1", notes_es="n", notes_en="n"),
             slide(es="## Dos", en="## Two", show="fig"),
             notes(es="De la sección.", en="The section's notes."),
             md(es="## Después de clase", en="## After class"),
             slide(es="## Tres", en="## Three")]
    cell = nbformat.v4.new_code_cell("plot()")
    cell.metadata["lstm_np"] = {"mark": "fig"}
    cell.outputs = [_stream("the printed table\n")]
    nb = _nb(("# 01 · Title", "slide", None), ("Prose the deck does not show.", "-", None))
    nb.cells.insert(1, cell)
    packed = slides.pack_authored(slides.authored_pieces(layer, nb, "01_test", "en"))
    assert [s.pieces[0].cell.source for s in packed] == ["## One", "## Two"]
    assert packed[0].notes == ["n", "The section's notes."]
    assert packed[0].pieces[1].cell.source == "x = 1"
    assert "the printed table" in str(packed[1].pieces[1].cell.outputs)
    assert "Prose the deck" not in str([p.cell for s in packed for p in s.pieces])
    with pytest.raises(slides.SlidesError, match="no code cell of the stored notebook marks"):
        slides.authored_pieces([slide(es="## a", en="## a", show="missing")], nb, "x", "en")


def test_notes_before_the_first_slide_go_on_the_first_slide(slides):
    """A notes() cell written before any slide() (the lesson's opening notes) reaches the
    speaker view on the first slide; it was dropped before."""
    layer = [md(es="# 01 · Título", en="# 01 · Title"),
             notes(es="**2 min.** Apertura.", en="**2 min.** Opening."),
             slide(es="## Uno", en="## One"),
             slide(es="## Dos", en="## Two")]
    nb = _nb(("# 01 · Title", "slide", None))
    packed = slides.pack_authored(slides.authored_pieces(layer, nb, "01_test", "en"))
    assert packed[0].notes == ["**2 min.** Opening."]
    assert packed[1].notes == []


def test_a_slide_shows_a_marked_table_of_up_to_fifteen_lines_whole(slides):
    """The author chose the output a slide shows: a table of 15 lines is shown whole (a
    deck without a slide layer cuts printed output at OUTPUT_LINES), a longer one is cut."""
    def shown(n):
        cell = nbformat.v4.new_code_cell("table()")
        cell.metadata["lstm_np"] = {"mark": "table"}
        cell.outputs = [_stream("".join(f"row {i}\n" for i in range(1, n + 1)))]
        nb = _nb(("# 01 · Title", "slide", None))
        nb.cells.append(cell)
        layer = [slide(es="## Tabla", en="## Table", show="table")]
        packed = slides.pack_authored(slides.authored_pieces(layer, nb, "01_test", "en"))
        return "".join(packed[0].pieces[1].cell.outputs[0]["text"])
    assert shown(15).split("\n")[-2] == "row 15"
    assert "more lines in the notebook" in shown(16) and "row 15" not in shown(16)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_stored_lesson_packs_within_the_limits(slides, lang):
    for path in sorted((ROOT / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = slides.images_from_root(cell.source, path.parent)
        if slides.slide_layer(path):
            continue
        packed = _packed(slides, nb)
        over = [(i, s.words, s.code, round(s.height)) for i, s in enumerate(packed, 1)
                if s.words > 60 or s.code > 15 or s.height > slides.ROOM or s.is_caption()]
        assert not over, f"{path.name}: slides over the limits {over}"


def _figure_cell(fig):
    """A code cell whose output is `fig` as the lessons store it (plots' PNG, with its
    smallest text's size in tEXt chunks)."""
    from lstm_np.lessons import plots
    data, metadata = plots._png_recording_fonts(fig)
    cell = nbformat.v4.new_code_cell("fig")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": data},
                                           metadata={"image/png": metadata})]
    return cell


def test_a_figure_never_shrinks_below_24_px_text(slides):
    """A figure shrinks to the room its slide leaves, but not so far that its smallest text
    (27.8 px in a plots PNG) is under FIGURE_TEXT_PX; a PNG that does not record it shrinks
    to FIGURE_MIN, as before."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from lstm_np.lessons import plots
    fig = plots.plot_gradient_flow([1.0, 0.5, 0.25], lang="en")
    cell = _figure_cell(fig)
    plt.close(fig)
    piece, = [p for p in slides.code_pieces(cell, "x", "en") if p.kind == "figure"]
    raw = base64.b64decode(cell.outputs[0]["data"]["image/png"])
    width, height, px = slides.png_text_size(raw)
    assert px == pytest.approx(plots.MIN_TEXT_PX, abs=0.01)
    assert piece.min_height() == pytest.approx(height * 24 / px + 10)
    assert piece.min_height() > slides.FIGURE_MIN
    # on a slide with little room left, the figure keeps that height
    slide = slides.Slide()
    prose = slides.Piece("prose", nbformat.v4.new_markdown_cell("x"), height=400)
    slide.pieces = [prose, piece]
    slides.figure_sizes(slide)
    style = piece.cell.outputs[0]["metadata"]["lstm_np_style"]
    assert style == f"max-height: {int(piece.min_height() - 10)}px"
    # without the record (an older PNG): FIGURE_MIN
    bare = nbformat.v4.new_code_cell("fig")
    assert b"lstm_np.dpi" in raw
    stripped = raw.replace(b"lstm_np.dpi", b"lstm_np.xxx")
    bare.outputs = [nbformat.v4.new_output("display_data", data={
        "image/png": base64.b64encode(stripped).decode()})]
    old, = [p for p in slides.code_pieces(bare, "x", "en") if p.kind == "figure"]
    assert old.min_height() == slides.FIGURE_MIN
