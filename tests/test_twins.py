"""The Spanish and English notebooks are twins: same cells, same tags, same code.

Only the prose of markdown cells, the comments and docstrings of code cells, and the one
cell tagged "settings" may differ. This holds for the lessons and for the student notebooks
in exercises/.
"""
import json
from pathlib import Path

import pytest

from lstm_np.lessons.notebook import strip_comments

ROOT = Path(__file__).resolve().parent.parent

ES, EN = ROOT / "notebooks" / "es", ROOT / "notebooks" / "en"
NAMES = sorted(str(p.relative_to(ES)) for p in ES.glob("**/*.ipynb")
               if ".ipynb_checkpoints" not in p.parts)
LESSONS = [n for n in NAMES if "/" not in n]


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_same_notebooks_in_both_languages():
    assert LESSONS, "no notebooks found in notebooks/es"
    assert NAMES == sorted(str(p.relative_to(EN)) for p in EN.glob("**/*.ipynb")
                           if ".ipynb_checkpoints" not in p.parts)


def test_strip_comments_keeps_code_and_drops_comments_and_docstrings():
    es = 'def f(x):\n    """Devuelve x."""\n    return x  # la entrada\n%timeit f(1)'
    en = 'def f(x):\n    """Return x."""\n    # the input\n    return x\n%timeit f(1)'
    assert strip_comments(es) == strip_comments(en) == "def f(x):\n    return x\n%timeit f(1)"
    assert strip_comments("x = '# not a comment'") == "x = '# not a comment'"
    assert strip_comments("return x + 1") != strip_comments("return x - 1")


def shared_metadata(cell):
    """A cell's metadata without the figure's description, which is in the notebook's
    language (metadata["lstm_np"]["alt"]; only whether there is one is shared)."""
    metadata = json.loads(json.dumps(cell.get("metadata", {})))
    ours = metadata.get("lstm_np", {})
    if "alt" in ours:
        ours["alt"] = bool(ours["alt"])
    return metadata


@pytest.mark.parametrize("name", NAMES)
def test_twins_have_the_same_cells_and_code(name):
    es, en = cells(ES / name), cells(EN / name)
    assert len(es) == len(en), f"{name}: {len(es)} cells in Spanish, {len(en)} in English"
    settings = 0
    for i, (a, b) in enumerate(zip(es, en)):
        where = f"{name}, cell {i}"
        assert a["cell_type"] == b["cell_type"], where
        assert shared_metadata(a) == shared_metadata(b), f"{where}: tags or slide type"
        if a["cell_type"] != "code":
            continue
        if "settings" in a.get("metadata", {}).get("tags", []):
            settings += 1
            assert "LANG = \"es\"" in "".join(a["source"]), where
            assert "LANG = \"en\"" in "".join(b["source"]), where
        else:
            assert strip_comments("".join(a["source"])) == \
                strip_comments("".join(b["source"])), f"{where}: code differs"
    assert settings == 1, f"{name}: expected exactly one settings cell, found {settings}"


@pytest.mark.parametrize("name", NAMES)
def test_markdown_is_translated(name):
    """Twins with identical prose would mean one language is missing."""
    es = [c for c in cells(ES / name) if c["cell_type"] == "markdown"]
    en = [c for c in cells(EN / name) if c["cell_type"] == "markdown"]
    same = sum("".join(a["source"]) == "".join(b["source"]) for a, b in zip(es, en)
               if len("".join(a["source"])) > 80)
    assert same == 0, f"{name}: {same} long markdown cells are identical in both languages"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_lessons_are_stored_with_outputs(lang):
    for name in LESSONS:
        code = [c for c in cells(ROOT / "notebooks" / lang / name) if c["cell_type"] == "code"]
        assert all(c.get("execution_count") for c in code), f"{name}: not executed"
