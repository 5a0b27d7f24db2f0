"""The lesson source format (tools/nbsource.py) and its builder (tools/notebooks.py), on small
sample sources written to a temporary folder."""
import textwrap

import nbformat
import pytest

from tools import nbsource
from tools import notebooks as tool


def write_source(folder, body, name="99_sample.py"):
    path = folder / name
    path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


SAMPLE = '''
from tools.nbsource import blank, code, md, notes, settings

CELLS = [
    md(es="# 99 · Muestra", en="# 99 · Sample"),
    settings(),
    code("import numpy as np"),
    code("x = np.arange(3)\\nx", deck="output",
         alt={"es": "una figura", "en": "a figure"}),
    md(es="texto", en="text", deck="skip"),
    notes(es="notas", en="notes", deck="skip"),
    blank(doc_es="Suma uno.", doc_en="Adds one.", deck="output", code=\'\'\'
def plus_one(x):
    ### BEGIN SOLUTION
    return x + 1
    ### END SOLUTION\'\'\'),
]
'''


def ours(nb):
    return [c.metadata.get("lstm_np") for c in nb.cells]


# --- the interface: deck=, alt=, the settings cell ------------------------------------------

def test_deck_and_alt_reach_the_metadata_of_both_versions(tmp_path):
    path = write_source(tmp_path, SAMPLE)
    for lang, alt in (("es", "una figura"), ("en", "a figure")):
        complete = tool.notebook(path, lang)
        assert ours(complete) == [None, None, None, {"deck": "output", "alt": alt},
                                  {"deck": "skip"}, {"deck": "skip"}, None]
        student = tool.notebook(path, lang, "student")
        assert ours(student) == [None, None, None, {"deck": "output", "alt": alt},
                                 {"deck": "skip"}, {"deck": "output"}, None]


def test_settings_cell_sets_the_language_of_the_package_messages(tmp_path):
    from lstm_np import i18n

    path = write_source(tmp_path, SAMPLE)
    try:
        for lang in tool.LANGS:
            cell = tool.notebook(path, lang).cells[1]
            assert "settings" in cell.metadata["tags"]
            namespace = {}
            exec(cell.source, namespace)
            assert namespace["LANG"] == lang and i18n.language() == lang
    finally:
        i18n.set_language(None)


@pytest.mark.parametrize("call", [
    'code("1", deck="hide")',
    'md(es="a", en="b", deck=True)',
    'notes(es="a", en="b", deck="output ")',
    'code("1", alt="a figure")',
    'code("1", alt={"es": "una figura"})',
    'code("1", alt={"es": "una figura", "en": ""})',
    'code("1", alt={"es": "una figura", "en": 3})',
    'code("1", only="teacher")',
    'code("1", slide="title")',
])
def test_a_value_of_the_wrong_kind_is_refused(call):
    with pytest.raises(ValueError, match="must be"):
        eval(call, vars(nbsource))


def test_a_wrong_value_in_a_source_names_the_file_and_the_line(tmp_path):
    path = write_source(tmp_path, SAMPLE.replace('deck="skip"),', 'deck="hidden"),'))
    with pytest.raises(nbsource.SourceError,
                       match=r"^99_sample.py, line 9: deck must be one of .*'hidden'"):
        nbsource.load_source(path)


# --- typed cells, parsed when the source is loaded ------------------------------------------

def test_cells_are_typed():
    cells = nbsource.load_source(write_source_tmp(SAMPLE))
    assert [type(c).__name__ for c in cells] == ["Markdown", "Settings", "Code", "Code",
                                                 "Markdown", "Notes", "Blank"]
    assert cells[6].only == "student" and cells[1].tags == ("settings",)
    assert cells[3].line == 7                                 # where the source made it


def write_source_tmp(body, name="99_sample.py"):
    import tempfile
    from pathlib import Path
    return write_source(Path(tempfile.mkdtemp()), body, name)


@pytest.mark.parametrize("broken,where", [
    ('code("x = (1,")', "(es)"),
    ('code("x = 1\\n#[en] a comment\\n    y = 2")', "(es)"),
    ("blank(doc_es='D', doc_en='D', code='def f(x):\\n    ### BEGIN SOLUTION\\n"
     "    return x +\\n    ### END SOLUTION')", "(es, the solution)"),
])
def test_a_code_cell_that_does_not_parse_names_the_file_and_the_line(tmp_path, broken, where):
    body = SAMPLE.replace('code("import numpy as np"),', broken + ",")
    with pytest.raises(nbsource.SourceError) as raised:
        nbsource.load_source(write_source(tmp_path, body))
    message = str(raised.value)
    assert message.startswith("99_sample.py, line 6: the code cell does not parse " + where)
    assert "\n" not in message


def test_magics_and_shell_lines_parse():
    assert nbsource.parse_error("%timeit f(1)\n!ls\nif True:\n    %time g()") is None
    assert nbsource.parse_error("%%time\nx = 1") is None
    assert nbsource.parse_error("y = (1\n     != 2)\nz = (7\n     % 3)") is None
    assert "line 2 of the cell: 'x = ='" in nbsource.parse_error("%time f()\nx = =")


def test_a_name_error_in_a_source_is_one_line(tmp_path):
    body = SAMPLE.replace('code("import numpy as np"),', 'code(SRC),')
    with pytest.raises(nbsource.SourceError,
                       match=r"^99_sample.py, line 6: NameError: name 'SRC' is not defined$"):
        nbsource.load_source(write_source(tmp_path, body))


def test_a_source_that_does_not_parse_is_one_line(tmp_path):
    with pytest.raises(nbsource.SourceError, match=r"^99_sample.py, line 3: "):
        nbsource.load_source(write_source(tmp_path, SAMPLE.replace("CELLS = [", "CELLS = [[")))


def test_build_reports_a_broken_source_in_one_line(tmp_path, monkeypatch, capsys):
    write_source(tmp_path, SAMPLE.replace('code("import numpy as np")', 'code("import (")'))
    monkeypatch.setattr(tool, "SOURCE", tmp_path)
    assert tool.main(["build", "99"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: 99_sample.py, line 6: the code cell does not parse")
    assert "\n" not in err
    assert not (tmp_path.parent / "notebooks").exists()


# --- per-language comments on lines of their own --------------------------------------------

def test_per_language_keeps_one_language():
    src = "#[es] una lista\n#[en] a list\nx = [1, 2, 3]\n    #[en] indented\ny = 2  # neutral"
    assert nbsource.per_language(src, "es") == "# una lista\nx = [1, 2, 3]\ny = 2  # neutral"
    assert nbsource.per_language(src, "en") == \
        "# a list\nx = [1, 2, 3]\n    # indented\ny = 2  # neutral"


def test_a_language_comment_after_code_is_refused_naming_its_line(tmp_path):
    path = write_source(tmp_path, '''
from tools.nbsource import code, md, settings

CELLS = [
    md(es="# 99 · Muestra", en="# 99 · Sample"),
    settings(),
    code("""
x = [1, 2, 3]  #[es] una lista
"""),
]
''')
    with pytest.raises(nbsource.SourceError, match=r"^99_sample.py, line 7: a #\[es\]/#\[en\] "):
        nbsource.load_source(path)


# --- stored notebooks against their sources; figures against their alt ----------------------

def test_an_edited_source_is_found_stale_until_rebuilt(tmp_path):
    path = write_source(tmp_path, SAMPLE)
    stored = tool.notebook(path, "en")
    stored.cells[3].outputs = [nbformat.v4.new_output("display_data", {"image/png": "AA=="})]
    stored.cells[3].execution_count = 4
    stored.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    assert tool.difference(tool.notebook(path, "en"), stored) is None   # outputs aside
    write_source(tmp_path, SAMPLE.replace('"import numpy as np"', '"import numpy"'))
    assert tool.difference(tool.notebook(path, "en"), stored) == \
        "cell 2: its source differs from what the source builds"
    write_source(tmp_path, SAMPLE.replace('"a figure"', '"a plot"'))
    assert tool.difference(tool.notebook(path, "en"), stored) == \
        "cell 3: its metadata differs from what the source builds"


def test_an_alt_without_a_figure_is_found(tmp_path):
    nb = tool.notebook(write_source(tmp_path, SAMPLE), "es")
    assert tool.alts_without_figure(nb) == [3]
    nb.cells[3].outputs = [nbformat.v4.new_output("display_data", {"image/png": "AA=="})]
    assert tool.alts_without_figure(nb) == []


# --- the documentation names files that exist ---------------------------------------------

@pytest.mark.parametrize("where", ["tools/notebooks.py", "tools/nbsource.py",
                                   "notebooks/source/README.md"])
def test_the_format_documentation_names_only_files_that_exist(where):
    import re

    text = (tool.ROOT / where).read_text(encoding="utf-8")
    if where.endswith(".py"):
        text = text.split('"""')[1]                          # the module docstring
    text = text.replace("<lang>", "es") + text.replace("<lang>", "en")
    named = set(re.findall(r"\b((?:tools|tests|notebooks|lstm_np)/[\w./-]*\w)", text))
    concrete = {name for name in named if "NN" not in name}
    assert concrete, "no file named"
    missing = sorted(name for name in concrete if not (tool.ROOT / name).exists())
    assert not missing, f"{where} names files that do not exist: {missing}"


# --- the two layers (the period, after class) and the teacher's guide ------------------------

LAYERED = '''
from tools.nbsource import after_class, blank, code, guide, md, notes, settings

CELLS = [
    md(es="# 99 · Muestra", en="# 99 · Sample"),
    settings(),
    guide("objectives", es="Escribir plus_one.", en="Write plus_one."),
    md(es="## 1. Uno", en="## 1. One"),
    notes(es="**30 min.** En clase.", en="**30 min.** In class."),
    after_class(es="Tarea: `plus_one`.", en="Homework: `plus_one`."),
    blank(doc_es="Suma uno.", doc_en="Adds one.", code=\'\'\'
def plus_one(x):
    ### BEGIN SOLUTION
    return x + 1
    ### END SOLUTION\'\'\'),
    notes(es="Corregir en la clase siguiente.", en="Mark it next class."),
    guide("exit", es="¿Qué devuelve plus_one(1)?", en="What does plus_one(1) return?"),
    guide("answers", es="2.", en="2."),
]
'''


def test_guide_cells_reach_the_guide_and_no_notebook(tmp_path):
    path = write_source(tmp_path, LAYERED)
    for lang in nbsource.LANGS:
        for version in ("complete", "student"):
            text = nbformat.writes(tool.notebook(path, lang, version))
            assert "plus_one(1)" not in text and "Write plus_one" not in text
    guide = "\n".join(tool.guide_lesson(path, "en"))
    for heading in ("### Objectives", "### The period (30 minutes)", "### After class",
                    "### Exit questions", "### Answer keys"):
        assert heading in guide, heading
    assert guide.index("**30 min.** In class.") < guide.index("### After class") < \
        guide.index("Mark it next class.") < guide.index("### Exit questions")
    assert "| 30 | 1. One |" in guide and "| **30** | |" in guide


def test_after_class_heading_splits_the_lesson_in_both_languages(tmp_path):
    cells = nbsource.load_source(write_source(tmp_path, LAYERED))
    for lang, heading in (("es", "## Después de clase"), ("en", "## After class")):
        period, after = nbsource.period_and_after(cells, lang)
        assert len(period) == 5 and after[0].text[lang].startswith(heading + "\n\n")
        assert "Homework" in after[0].text["en"] and "Tarea" in after[0].text["es"]


def test_a_second_after_class_heading_is_refused(tmp_path):
    body = LAYERED.replace('    guide("answers"', '    after_class(),\n    guide("answers"')
    with pytest.raises(nbsource.SourceError, match="a second '## Después de clase' heading"):
        nbsource.load_source(write_source(tmp_path, body))


def test_a_guide_part_of_the_wrong_kind_is_refused(tmp_path):
    with pytest.raises(nbsource.SourceError, match="part must be one of"):
        nbsource.load_source(write_source(tmp_path, LAYERED.replace('"exit"', '"quiz"')))
