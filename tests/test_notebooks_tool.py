"""The lesson source format (tools/nbsource.py) and its builder (tools/notebooks.py), on small
sample sources written to a temporary folder."""
import textwrap

import nbformat
import pytest

from lstm_np.lessons.notebook import strip_comments
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


# --- per-language comments on lines of their own, and the converter -------------------------

OLD = '''
from nbsource import code, md, settings

CELLS = [
    md(es="# 99 · Muestra", en="# 99 · Sample"),
    settings(),
    code("""
x = [1, 2, 3]                 #[es] una lista #[en] a list
for v in x:                   #[es] cada elemento #[en] every item
    print(v)  #[es] lo imprime
    #[es] una línea propia #[en] a line of its own
y = (len(x),                  #[es] (n,) #[en] (n,)
     0)
z = 1  # neutral #[en] only in English
"""),
    md(es="no #[es] aquí", en="not here"),
]
'''


def test_per_language_keeps_one_language_in_both_forms():
    new = "#[es] una lista\n#[en] a list\nx = [1, 2, 3]"
    assert nbsource.per_language(new, "es") == "# una lista\nx = [1, 2, 3]"
    assert nbsource.per_language(new, "en") == "# a list\nx = [1, 2, 3]"
    old = "x = [1, 2, 3]  #[es] una lista #[en] a list"
    assert nbsource.per_language(old, "en") == "x = [1, 2, 3]  # a list"


def test_converter_puts_language_comments_on_lines_of_their_own():
    new = tool.convert_text(textwrap.dedent(OLD))
    assert "from tools.nbsource import code, md, settings" in new
    code = new.split('code("""\n')[1].split('"""')[0]
    assert code == textwrap.dedent('''\
        #[es] una lista
        #[en] a list
        x = [1, 2, 3]
        #[es] cada elemento
        #[en] every item
        for v in x:
            #[es] lo imprime
            print(v)
            #[es] una línea propia
            #[en] a line of its own
        y = (len(x),                  # (n,)
             0)
        #[en] only in English
        z = 1  # neutral
        ''')
    assert 'md(es="no #[es] aquí"' in new                  # prose is left alone
    assert nbsource.inline_comments(code) == []
    assert tool.convert_text(new) == new                   # converting twice changes nothing


def test_converted_source_builds_the_same_code_once_comments_are_removed(tmp_path):
    old = write_source(tmp_path, OLD.replace("from nbsource", "from tools.nbsource"))
    before = {lang: tool.notebook(old, lang) for lang in tool.LANGS}
    new = write_source(tmp_path, tool.convert_text(old.read_text(encoding="utf-8")),
                       name="99_converted.py")
    for lang in tool.LANGS:
        after = tool.notebook(new, lang)
        pairs = [(a.source, b.source) for a, b in zip(before[lang].cells, after.cells)
                 if a.cell_type == "code"]
        assert len(pairs) == 2
        assert all(strip_comments(a) == strip_comments(b) for a, b in pairs)
        assert any(a != b for a, b in pairs)                # the comments did move


def test_converter_wraps_long_comments_to_the_width():
    line = "    value = compute(a, b)  #[es] " + "palabra " * 20 + "#[en] " + "word " * 30
    lines = tool.convert_line(line, width=60)
    assert all(len(piece) <= 60 for piece in lines)
    assert lines[-1] == "    value = compute(a, b)"
    assert nbsource.per_language("\n".join(lines), "en").count("# word") == len(
        [piece for piece in lines if piece.startswith("    #[en] ")])


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
