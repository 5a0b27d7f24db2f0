"""Every stored notebook is what its source in notebooks/source/ builds, outputs aside.

The complete lessons (notebooks/<lang>/NN_name.ipynb) and the student notebooks
(notebooks/<lang>/exercises/) are built by `python tools/notebooks.py build`; a source edited
without rebuilding leaves a stored notebook that nbval would test in place of the lesson the
source now says. Outputs, execution counts and the notebook's metadata (the kernel's
language_info) are what `execute` adds, and are left out of the comparison.
"""
import nbformat
import pytest

from tools import notebooks as tool

CASES = [(path, lang) for path in tool.sources() for lang in tool.LANGS]


def test_there_are_lessons():
    assert len(CASES) >= 10


@pytest.mark.parametrize("path,lang", CASES, ids=[f"{lang}/{p.stem}" for p, lang in CASES])
def test_stored_lesson_is_what_its_source_builds(path, lang):
    stored = tool.ROOT / "notebooks" / lang / f"{path.stem}.ipynb"
    assert stored.exists(), f"{stored.name} missing: run python tools/notebooks.py build"
    why = tool.difference(tool.notebook(path, lang), nbformat.read(stored, as_version=4))
    assert why is None, (f"{lang}/{stored.name}, {why}: run python tools/notebooks.py build "
                         f"{path.stem[:2]} (and execute it if its code changed)")


@pytest.mark.parametrize("path,lang", CASES, ids=[f"{lang}/{p.stem}" for p, lang in CASES])
def test_every_cell_with_an_alt_shows_a_figure(path, lang):
    stored = nbformat.read(tool.ROOT / "notebooks" / lang / f"{path.stem}.ipynb", as_version=4)
    assert tool.alts_without_figure(stored) == [], \
        f"{lang}/{path.stem}: cells with alt= but no figure in their stored outputs"


def test_stale_finds_every_stored_notebook_of_an_edited_source(tmp_path, monkeypatch):
    """`python tools/notebooks.py check` lists a source's notebooks once it is edited."""
    for path in tool.sources():
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(tool, "SOURCE", tmp_path)
    first = tool.sources()[0]
    assert tool.stale([first.stem]) == []
    text = first.read_text(encoding="utf-8")
    fence = "```{code-cell} ipython3\n"
    assert fence in text
    first.write_text(text.replace(fence, fence + "x = 1\n```\n\n" + fence, 1),
                     encoding="utf-8")
    found = dict(tool.stale())
    expected = {tool.ROOT / "notebooks" / lang / f"{first.stem}.ipynb" for lang in tool.LANGS}
    assert expected <= set(found)
    assert all(out.stem == first.stem for out in found)
    assert all("cells built from the source" in found[out] for out in expected)
