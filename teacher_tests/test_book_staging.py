"""How tools/book.py stages a lesson: the twin link first, links made to point inside the
book, a figure's description (cell.metadata["lstm_np"]["alt"]) on its image."""
import html

import nbformat

from conftest import REPO, lesson_draws_a_figure


def lesson_with_a_figure(tmp_path, alt):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 09 · A title\n\n![A cell](../../img/x.png)"),
                nbformat.v4.new_code_cell("plot()"),
                nbformat.v4.new_markdown_cell("Back to the [index](../../README.md).")]
    nb.cells[1].outputs = [nbformat.v4.new_output("display_data",
                                                  data={"image/png": "iVBORw0KGgo="})]
    if alt:
        nb.cells[1].metadata["lstm_np"] = {"alt": alt}
    path = tmp_path / "09_title.ipynb"
    nbformat.write(nb, path)
    return path


def test_a_figure_gets_its_description_as_alt(book_tool, tmp_path):
    path = lesson_with_a_figure(tmp_path, "Two curves: the loss falls")
    nb, missing = book_tool.stage_notebook(path, "en")
    assert missing == 0
    assert nb.cells[2].metadata["mystnb"]["image"]["alt"] == "Two curves: the loss falls"


def test_a_figure_without_description_is_counted(book_tool, tmp_path):
    nb, missing = book_tool.stage_notebook(lesson_with_a_figure(tmp_path, None), "es")
    assert missing == 1
    assert nb.cells[2].metadata["mystnb"]["image"]["alt"] == book_tool.NO_ALT["es"]


def test_the_twin_link_comes_first_and_links_stay_inside(book_tool, tmp_path):
    nb, _ = book_tool.stage_notebook(lesson_with_a_figure(tmp_path, None), "es")
    assert 'href="../en/09_title.html"' in nb.cells[0].source
    assert "](img/x.png)" in nb.cells[1].source
    assert "](index.md)" in nb.cells[3].source


def test_the_books_figures_carry_the_lessons_descriptions(book):
    """Every description a lesson gives is on its image in the built book."""
    for lang in ("es", "en"):
        for lesson in sorted((REPO / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb")):
            page = (book / lang / f"{lesson.stem}.html").read_text(encoding="utf-8")
            for cell in nbformat.read(lesson, as_version=4).cells:
                alt = cell.metadata.get("lstm_np", {}).get("alt")
                if alt and any("image/png" in o.get("data", {}) for o in cell.outputs):
                    escaped = html.escape(alt, quote=False).replace('"', "&quot;")
                    assert f'alt="{escaped}"' in page, (lesson, alt)
            if lesson_draws_a_figure(lang, lesson.stem):            # 08 draws none
                assert "<img " in page
