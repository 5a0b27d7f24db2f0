"""The twins lock, notebooks/source/twins.json: a cell whose Spanish changed while its English
did not (or the other way round) is found, never recorded by `build`, until the author brings
the other language up to date or checks it and runs `python tools/notebooks.py twins --accept NN`.
"""
import shutil

import pytest

from tools import notebooks as tool

HOW = ("translate the other language of each cell listed (then `python tools/notebooks.py "
       "build NN` records both), or, if it needs no change, run `python tools/notebooks.py "
       "twins --accept NN`")


def test_the_lock_is_up_to_date_and_no_cell_changed_in_one_language_only():
    lines, outdated = tool.twins_status(tool.sources())
    assert not lines, ("one language of these cells changed, the other did not:\n"
                       + "\n".join(lines) + f"\n{HOW}")
    assert not outdated, (f"notebooks/source/twins.json is not what build records for "
                          f"{', '.join(outdated)}: run python tools/notebooks.py build "
                          f"{' '.join(stem[:2] for stem in outdated)}, and commit twins.json")


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """A temporary copy of lesson 07's source and the lock; the tool pointed at it (build
    writes the notebooks and guides under tmp_path too)."""
    source = tmp_path / "notebooks" / "source"
    source.mkdir(parents=True)
    path = tool.sources(["07"])[0]
    shutil.copy(path, source / path.name)
    shutil.copy(tool.lock_path(), source / "twins.json")
    monkeypatch.setattr(tool, "SOURCE", source)
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    return source / path.name


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first_notes(path):
    """(the line of the first notes cell's +++ line, its Spanish section's first line of text,
    its English one)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index('+++ {"cell": "notes"}')
    es = next(i for i in range(at, len(lines)) if lines[i] == "<!-- es -->") + 1
    en = next(i for i in range(at, len(lines)) if lines[i] == "<!-- en -->") + 1
    return at + 1, "\n" + lines[es] + "\n", "\n" + lines[en] + "\n"


def test_a_cell_whose_spanish_alone_changed_is_named(copy, capsys):
    assert tool.main(["twins", "07"]) == 0
    line, spanish, english = first_notes(copy)
    edit(copy, spanish, spanish.rstrip("\n") + " Otra frase.\n")
    assert tool.main(["twins", "07"]) == 1
    out = capsys.readouterr().out.strip().split("\n")
    assert out == [f"07_inside.md, line {line}: notes: the Spanish text changed, the English "
                   "did not: bring the English up to date, or if it needs no change run "
                   "python tools/notebooks.py twins --accept 07"]
    assert tool.main(["build", "07"]) == 0            # build never records it
    assert "warning: 07_inside.md, line" in capsys.readouterr().err
    assert tool.main(["twins"]) == 1
    edit(copy, english, english.rstrip("\n") + " Another sentence.\n")   # now both changed
    assert tool.main(["twins"]) == 0
    assert tool.twins_status(tool.sources())[1] == ["07_inside"]    # build records it
    assert tool.main(["build", "07"]) == 0
    assert tool.twins_status(tool.sources()) == ([], [])


def test_an_english_code_comment_alone_changed_is_named_and_accept_records_it(copy, capsys):
    edit(copy, "\n#[en] ", "\n#[en] (edited) ")
    lines, _ = tool.twins_status(tool.sources())
    assert len(lines) == 1 and ": code: the English text changed, the Spanish did not" in \
        lines[0]
    assert tool.main(["twins", "--accept", "07"]) == 0
    assert tool.twins_status(tool.sources()) == ([], [])


def test_a_new_cell_is_no_one_sided_change(copy):
    text = copy.read_text(encoding="utf-8")
    new = "+++\n\n<!-- es -->\nUna celda nueva.\n\n<!-- en -->\nA new cell.\n\n"
    edit(copy, "+++ {\"cell\": \"settings\"}", new + "+++ {\"cell\": \"settings\"}")
    lines, outdated = tool.twins_status(tool.sources())
    assert lines == [] and outdated == ["07_inside"]
    copy.write_text(text, encoding="utf-8")
    assert tool.twins_status(tool.sources()) == ([], [])
