"""The Spanish and English notebooks are twins: same cells, same tags, same code.

Only the prose of markdown cells and the one cell tagged "settings" may differ.
"""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ES, EN = ROOT / "notebooks" / "es", ROOT / "notebooks" / "en"
NAMES = sorted(p.name for p in ES.glob("*.ipynb"))


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_same_notebooks_in_both_languages():
    assert NAMES, "no notebooks found in notebooks/es"
    assert NAMES == sorted(p.name for p in EN.glob("*.ipynb"))


@pytest.mark.parametrize("name", NAMES)
def test_twins_have_the_same_cells_and_code(name):
    es, en = cells(ES / name), cells(EN / name)
    assert len(es) == len(en), f"{name}: {len(es)} cells in Spanish, {len(en)} in English"
    settings = 0
    for i, (a, b) in enumerate(zip(es, en)):
        where = f"{name}, cell {i}"
        assert a["cell_type"] == b["cell_type"], where
        tags_a = a.get("metadata", {}).get("tags", [])
        assert tags_a == b.get("metadata", {}).get("tags", []), where
        if a["cell_type"] != "code":
            continue
        if "settings" in tags_a:
            settings += 1
            assert "LANG = \"es\"" in "".join(a["source"]), where
            assert "LANG = \"en\"" in "".join(b["source"]), where
        else:
            assert "".join(a["source"]) == "".join(b["source"]), f"{where}: code differs"
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
def test_notebooks_are_stored_with_outputs(lang):
    for path in sorted((ROOT / "notebooks" / lang).glob("*.ipynb")):
        code = [c for c in cells(path) if c["cell_type"] == "code"]
        assert all(c.get("execution_count") for c in code), f"{path.name}: not executed"
