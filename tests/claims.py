"""Read the stored outputs of the lessons, for the tests that check what the prose claims.

A sentence of a lesson that states a computed result ("at T = 0.5 the favourite character
takes 98% of the probability") is checked by a test in tests/test_claims_NN.py against the
outputs stored in BOTH languages, so that a change of code that makes it false fails CI.
"""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def cells(lang, name):
    """The cells of notebooks/<lang>/<name> (name with or without .ipynb)."""
    name = name if name.endswith(".ipynb") else f"{name}.ipynb"
    return json.loads((NOTEBOOKS / lang / name).read_text(encoding="utf-8"))["cells"]


def _text(output):
    if output["output_type"] == "stream":
        return "".join(output["text"])
    data = output.get("data", {})
    return "".join(data.get("text/plain", ""))


def output_text(lang, name, code_contains):
    """The text output (stdout and text/plain) of the first code cell whose source contains
    `code_contains`. Fails with a clear message if there is no such cell."""
    for cell in cells(lang, name):
        if cell["cell_type"] == "code" and code_contains in "".join(cell["source"]):
            return "".join(_text(o) for o in cell.get("outputs", []))
    raise AssertionError(f"{lang}/{name}: no code cell contains {code_contains!r}")


def markdown_text(lang, name, contains):
    """The source of the first markdown cell that contains `contains`."""
    for cell in cells(lang, name):
        if cell["cell_type"] == "markdown" and contains in "".join(cell["source"]):
            return "".join(cell["source"])
    raise AssertionError(f"{lang}/{name}: no markdown cell contains {contains!r}")


def numbers(text):
    """Every number in a text, as floats, in order (thousands separators allowed)."""
    return [float(x.replace(",", "")) for x in
            re.findall(r"[-+]?\d[\d,]*\.?\d*(?:e[-+]?\d+)?", text)]
