"""The lesson source format of tools/notebooks.py, on small sample sources."""
import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "tools" / "notebooks.py")
tool = importlib.util.module_from_spec(spec)
sys.modules["build_notebooks"] = tool
spec.loader.exec_module(tool)


def write_source(folder, body, name="99_sample.py"):
    path = folder / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


SAMPLE = '''
from nbsource import blank, code, md, notes, settings

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
    path = write_source(tmp_path, SAMPLE)
    for lang in tool.LANGS:
        cell = tool.notebook(path, lang).cells[1]
        assert "settings" in cell.metadata["tags"]
        namespace = {}
        exec(cell.source, namespace)
        from lstm_np import i18n
        assert namespace["LANG"] == lang and i18n.language() == lang
    i18n.set_language(None)


@pytest.mark.parametrize("call", [
    'code("1", deck="hide")',
    'md(es="a", en="b", deck=True)',
    'code("1", alt="a figure")',
    'code("1", alt={"es": "una figura"})',
    'code("1", alt={"es": "una figura", "en": ""})',
    'code("1", alt={"es": "una figura", "en": 3})',
])
def test_deck_or_alt_of_the_wrong_kind_is_refused(call):
    with pytest.raises(ValueError, match="deck must be|alt must be"):
        eval(call, vars(tool))
