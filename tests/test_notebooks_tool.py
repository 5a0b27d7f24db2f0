"""The lesson source format (tools/nbsource.py: MyST Markdown) and its builder
(tools/notebooks.py), on small sample sources written to a temporary folder."""
import re
import textwrap

import nbformat
import pytest

from tools import nbsource
from tools import notebooks as tool


def write_source(folder, body, name="99_sample.md"):
    path = folder / name
    path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


FRONT = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""

SAMPLE = FRONT + """
<!-- es -->
# 99 · Muestra

<!-- en -->
# 99 · Sample

+++ {"cell": "settings"}

```{code-cell} ipython3
import numpy as np
```

```{code-cell} ipython3
---
deck: output
alt: {es: una figura, en: a figure}
---
x = np.arange(3)
x
```

+++ {"deck": "skip"}

<!-- es -->
texto

<!-- en -->
text

+++ {"cell": "notes", "deck": "skip"}

<!-- es -->
notas

<!-- en -->
notes

```{code-cell} ipython3
---
cell: blank
deck: output
doc:
  es: Suma uno.
  en: |
    Adds one.

    x: a number.
---
def plus_one(x):
    #[es] la respuesta
    #[en] the answer
    ### BEGIN SOLUTION
    return x + 1
    ### END SOLUTION
```
"""


def line_of(text, needle):
    """The line (from 1) of `text` where `needle` starts."""
    return text[:text.index(needle)].count("\n") + 1


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
    body = SAMPLE.replace('+++ {"deck": "skip"}', '+++ {"deck": "hidden"}')
    line = line_of(body, '+++ {"deck": "hidden"}')
    with pytest.raises(nbsource.SourceError,
                       match=rf"^99_sample.md, line {line}: deck must be one of .*'hidden'"):
        nbsource.load_source(write_source(tmp_path, body))


# --- the MyST source: typed cells, each fault one line naming the file and line ------------

def test_cells_are_typed_with_their_texts_and_lines(tmp_path):
    cells = nbsource.load_source(write_source(tmp_path, SAMPLE))
    assert [type(c).__name__ for c in cells] == ["Markdown", "Settings", "Code", "Code",
                                                 "Markdown", "Notes", "Blank"]
    assert cells[0].text == {"es": "# 99 · Muestra", "en": "# 99 · Sample"}
    assert cells[6].only == "student" and cells[1].tags == ("settings",)
    assert cells[3].alt == {"es": "una figura", "en": "a figure"} and cells[3].deck == "output"
    assert cells[3].text["en"] == "x = np.arange(3)\nx"
    assert cells[3].line == line_of(SAMPLE, "```{code-cell} ipython3\n---\ndeck")
    assert cells[5].line == line_of(SAMPLE, '+++ {"cell": "notes"')
    assert cells[0].line == line_of(SAMPLE, "<!-- es -->")
    assert cells[6].text["es"] == (
        'def plus_one(x):\n    """Suma uno."""\n    # la respuesta\n'
        "    ### BEGIN SOLUTION\n    return x + 1\n    ### END SOLUTION")
    assert '"""Adds one.\n\n    x: a number.\n    """' in cells[6].text["en"]


def test_options_as_jupytext_writes_them_read_the_same(tmp_path):
    """jupytext saves a code cell's plain options as `:key: value` lines and a blank line,
    and a prose cell after a code cell without a +++ line."""
    block = "---\ndeck: output\nalt: {es: una figura, en: a figure}\n---\n"
    assert block in SAMPLE
    short = SAMPLE.replace(block, ":deck: output\n:alt: {es: una figura, en: a figure}\n\n")
    cells = nbsource.load_source(write_source(tmp_path, SAMPLE))
    again = nbsource.load_source(write_source(tmp_path, short, "98_short.md"))
    assert again == cells and again[3].alt == {"es": "una figura", "en": "a figure"}
    plain = SAMPLE.replace('+++ {"deck": "skip"}\n\n<!-- es -->\ntexto', "<!-- es -->\ntexto")
    assert plain != SAMPLE
    cells = nbsource.load_source(write_source(tmp_path, plain, "97_plain.md"))
    assert cells[4].text == {"es": "texto", "en": "text"} and cells[4].deck is None


def test_every_kind_of_prose_cell_and_the_slide_layer(tmp_path):
    body = SAMPLE + """
+++ {"cell": "after_class"}

<!-- es -->
**Tarea:** el ejercicio 1.

<!-- en -->
**Homework:** exercise 1.

+++ {"cell": "guide", "part": "exit"}

<!-- es -->
1. ¿Qué devuelve plus_one(1)?

<!-- en -->
1. What does plus_one(1) return?

```{code-cell} ipython3
---
mark: xs
slide: subslide
tags: [nbval-ignore-output]
only: complete
---
x
```

+++ {"cell": "slide", "show": ["xs"]}

<!-- es -->
## Una diapositiva

<!-- en -->
## A slide

<!-- code -->
```python
x = np.arange(3)
```

<!-- notes es -->
**2 min.** Pregunta.

<!-- notes en -->
**2 min.** Ask.
"""
    cells = nbsource.load_source(write_source(tmp_path, body))
    after, exit_, marked, shown = cells[7:]
    assert nbsource.is_after_class(after, "es") and after.text["en"].endswith("exercise 1.")
    assert isinstance(exit_, nbsource.Guide) and exit_.part == "exit"
    assert (marked.mark, marked.slide, marked.tags, marked.only) == \
        ("xs", "subslide", ("nbval-ignore-output",), "complete")
    assert isinstance(shown, nbsource.SlideText) and shown.show == ("xs",)
    assert shown.code == "x = np.arange(3)" and shown.notes["en"] == "**2 min.** Ask."
    assert shown.text["es"] == "## Una diapositiva"


MALFORMED = [
    # (what, replace this, with this, the line named: the line of this text, message)
    ("unknown option", "deck: output\n", "deck: output\ncolour: red\n",
     "```{code-cell} ipython3\n---\ndeck", "unknown option 'colour' of a code cell"),
    ("unknown option of a blank", "cell: blank\n", "cell: blank\nonly: complete\n",
     "```{code-cell} ipython3\n---\ncell: blank", "unknown option 'only' of a blank"),
    ("unknown cell kind", '{"cell": "notes", "deck": "skip"}', '{"cell": "aside"}',
     '+++ {"cell": "aside"}', "unknown cell kind 'aside'"),
    ("unknown key", '{"deck": "skip"}', '{"deck": "skip", "part": "exit"}',
     '+++ {"deck": "skip", "part"', "unknown key 'part' for a md cell"),
    ("missing <!-- en -->", "<!-- en -->\nnotes\n", "",
     '+++ {"cell": "notes"', "the notes cell has no <!-- en --> section"),
    ("a language twice", "<!-- en -->\nnotes\n", "<!-- es -->\nnotes\n",
     "<!-- es -->\nnotes\n", "<!-- es --> a second time"),
    ("an unknown section", "<!-- en -->\nnotes\n", "<!-- fr -->\nnotes\n",
     "<!-- fr -->", "unknown section <!-- fr -->"),
    ("text outside a section", "+++ {\"deck\": \"skip\"}\n\n", "+++ {\"deck\": \"skip\"}\n\nhola\n",
     "hola\n", "text before the first language section"),
    ("code that does not parse in Spanish", "import numpy as np\n",
     "x = 1\n#[en] a comment\n    y = 2\n", "```{code-cell} ipython3\nx = 1",
     "the code cell does not parse (es): unexpected indent at line 2"),
    ("a solution that does not parse", "    return x + 1\n", "    return x +\n",
     "```{code-cell} ipython3\n---\ncell: blank",
     "the code cell does not parse (es, the solution)"),
    ("a blank without markers", "    ### END SOLUTION\n", "",
     "```{code-cell} ipython3\n---\ncell: blank", "a blank without the markers"),
    ("a blank without its docstrings", "  es: Suma uno.\n", "",
     "```{code-cell} ipython3\n---\ncell: blank", "a blank needs its docstring in each"),
    ("an unclosed fence", "x\n```\n", "x\n", "```{code-cell} ipython3\n---\ndeck",
     "the code cell opened here is not closed"),
    ("an unclosed options block", "alt: {es: una figura, en: a figure}\n---\n",
     "alt: {es: una figura, en: a figure}\n", "---\ndeck: output",
     "have no closing `---` line"),
    ("options that are not YAML", "deck: output\n", "deck: [output\n", "alt: {es",
     "the options block is not valid YAML"),
    ("an option twice", "deck: output\n", "deck: output\ndeck: skip\n", "deck: skip",
     "the options block is not valid YAML: the key 'deck' twice"),
    ("a +++ key twice", '+++ {"deck": "skip"}', '+++ {"deck": "skip", "deck": "output"}',
     '+++ {"deck": "skip", "deck"', "the +++ line's metadata says 'deck' twice"),
    ("a +++ line that is not JSON", '+++ {"deck": "skip"}', "+++ {deck: skip}",
     "+++ {deck: skip}", "the +++ line's metadata is not JSON"),
    ("a settings cell with text", '+++ {"cell": "settings"}\n',
     '+++ {"cell": "settings"}\n\n<!-- es -->\nLANG\n', "<!-- es -->\nLANG",
     "a settings cell holds no text"),
    ("a second settings cell", '+++ {"cell": "notes", "deck": "skip"}',
     '+++ {"cell": "settings"}\n\n+++ {"cell": "notes", "deck": "skip"}',
     '+++ {"cell": "settings"}\n\n+++ {"cell": "notes"', "exactly one settings cell"),
    ("a language comment after code", "x = np.arange(3)\n", "x = np.arange(3)  #[es] tres\n",
     "x = np.arange(3)  #", "a #[es]/#[en] comment after code"),
    ("a guide without its part", '{"cell": "notes", "deck": "skip"}', '{"cell": "guide"}',
     '+++ {"cell": "guide"}', "a guide cell says its part"),
    ("a guide part of the wrong kind", '{"cell": "notes", "deck": "skip"}',
     '{"cell": "guide", "part": "quiz"}', '+++ {"cell": "guide"', "part must be one of"),
    ("no front matter", FRONT, "", None, "a source starts with its front matter"),
    ("a slide over its words", '+++ {"deck": "skip"}\n\n<!-- es -->\ntexto',
     '+++ {"cell": "slide"}\n\n<!-- es -->\n' + "palabra " * 61, '+++ {"cell": "slide"}',
     "a slide holds at most 60 words of prose; the es text has 61"),
    ("a slide showing what no cell marks", '+++ {"deck": "skip"}',
     '+++ {"cell": "slide", "show": ["xs"]}', '+++ {"cell": "slide"',
     "the slide shows 'xs', which no code cell marks"),
    ("a mark twice", "```{code-cell} ipython3\nimport numpy as np\n```\n\n"
     "```{code-cell} ipython3\n---\ndeck: output\n",
     "```{code-cell} ipython3\n---\nmark: xs\n---\nimport numpy as np\n```\n\n"
     "```{code-cell} ipython3\n---\nmark: xs\ndeck: output\n",
     "```{code-cell} ipython3\n---\nmark: xs\ndeck", "mark='xs' is already the mark of the "
     "cell at line"),
]


@pytest.mark.parametrize("what,old,new,where,message", MALFORMED,
                         ids=[case[0] for case in MALFORMED])
def test_a_malformed_source_is_one_line_naming_the_file_and_line(tmp_path, what, old, new,
                                                                  where, message):
    assert old in SAMPLE, what
    body = SAMPLE.replace(old, new, 1)
    with pytest.raises(nbsource.SourceError) as raised:
        nbsource.load_source(write_source(tmp_path, body))
    text = str(raised.value)
    assert "\n" not in text and message in text, text
    if where is None:
        assert re.match(r"^99_sample.md(, line \d+)?: ", text), text
    else:
        assert text.startswith(f"99_sample.md, line {line_of(body, where)}: "), text


def test_a_slides_notes_in_one_language_are_refused(tmp_path):
    body = SAMPLE + '\n+++ {"cell": "slide"}\n\n<!-- es -->\n## a\n\n<!-- en -->\n## a\n\n' \
        "<!-- notes es -->\nsolo\n"
    with pytest.raises(nbsource.SourceError, match=r"line \d+: the slide cell has no "
                                                   r"<!-- notes en --> section"):
        nbsource.load_source(write_source(tmp_path, body))


def test_magics_and_shell_lines_parse():
    assert nbsource.parse_error("%timeit f(1)\n!ls\nif True:\n    %time g()") is None
    assert nbsource.parse_error("%%time\nx = 1") is None
    assert nbsource.parse_error("y = (1\n     != 2)\nz = (7\n     % 3)") is None
    assert "line 2 of the cell: 'x = ='" in nbsource.parse_error("%time f()\nx = =")


def test_build_reports_a_broken_source_in_one_line(tmp_path, monkeypatch, capsys):
    body = SAMPLE.replace("import numpy as np\n", "import (\n")
    write_source(tmp_path, body)
    monkeypatch.setattr(tool, "SOURCE", tmp_path)
    assert tool.main(["build", "99"]) == 1
    err = capsys.readouterr().err.strip()
    line = line_of(body, "```{code-cell} ipython3\nimport (")
    assert err.startswith(f"error: 99_sample.md, line {line}: the code cell does not parse")
    assert "\n" not in err
    assert not (tmp_path.parent / "notebooks").exists()


# --- per-language comments on lines of their own --------------------------------------------

def test_per_language_keeps_one_language():
    src = "#[es] una lista\n#[en] a list\nx = [1, 2, 3]\n    #[en] indented\ny = 2  # neutral"
    assert nbsource.per_language(src, "es") == "# una lista\nx = [1, 2, 3]\ny = 2  # neutral"
    assert nbsource.per_language(src, "en") == \
        "# a list\nx = [1, 2, 3]\n    # indented\ny = 2  # neutral"


# --- stored notebooks against their sources; figures against their alt ----------------------

def test_an_edited_source_is_found_stale_until_rebuilt(tmp_path):
    path = write_source(tmp_path, SAMPLE)
    stored = tool.notebook(path, "en")
    stored.cells[3].outputs = [nbformat.v4.new_output("display_data", {"image/png": "AA=="})]
    stored.cells[3].execution_count = 4
    stored.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    assert tool.difference(tool.notebook(path, "en"), stored) is None   # outputs aside
    write_source(tmp_path, SAMPLE.replace("import numpy as np\n", "import numpy\n"))
    assert tool.difference(tool.notebook(path, "en"), stored) == \
        "cell 2: its source differs from what the source builds"
    write_source(tmp_path, SAMPLE.replace("en: a figure}", "en: a plot}"))
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


def test_the_examples_of_the_format_documentation_are_sources_that_load(tmp_path):
    readme = (tool.ROOT / "notebooks" / "source" / "README.md").read_text(encoding="utf-8")
    example = readme.split("````markdown\n")[1].split("\n````")[0]
    cells = nbsource.load_source(write_source(tmp_path, example))
    assert [tool.kind_of(c) for c in cells] == [
        "md", "settings", "code", "code", "code", "blank", "code", "notes", "code", "slide",
        "after_class", "guide"]
    doc = nbsource.__doc__.split("\n\n    ---\n")[1].split("\n\nThe front matter")[0]
    example = textwrap.dedent("    ---\n" + doc)
    cells = nbsource.load_source(write_source(tmp_path, example, "98_doc.md"))
    assert [tool.kind_of(c) for c in cells] == ["md", "settings", "code", "notes"]


# --- the two layers (the period, after class) and the teacher's guide ------------------------

LAYERED = FRONT + """
<!-- es -->
# 99 · Muestra

<!-- en -->
# 99 · Sample

+++ {"cell": "settings"}

+++ {"cell": "guide", "part": "objectives"}

<!-- es -->
Escribir plus_one.

<!-- en -->
Write plus_one.

+++

<!-- es -->
## 1. Uno

<!-- en -->
## 1. One

+++ {"cell": "notes"}

<!-- es -->
**30 min.** En clase.

<!-- en -->
**30 min.** In class.

+++ {"cell": "after_class"}

<!-- es -->
Tarea: `plus_one`.

<!-- en -->
Homework: `plus_one`.

```{code-cell} ipython3
---
cell: blank
doc: {es: Suma uno., en: Adds one.}
---
def plus_one(x):
    ### BEGIN SOLUTION
    return x + 1
    ### END SOLUTION
```

+++ {"cell": "notes"}

<!-- es -->
Corregir en la clase siguiente.

<!-- en -->
Mark it next class.

+++ {"cell": "guide", "part": "exit"}

<!-- es -->
¿Qué devuelve plus_one(1)?

<!-- en -->
What does plus_one(1) return?

+++ {"cell": "guide", "part": "answers"}

<!-- es -->
2.

<!-- en -->
2.
"""


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
    answers = '+++ {"cell": "guide", "part": "answers"}'
    body = LAYERED.replace(answers, '+++ {"cell": "after_class"}\n\n' + answers)
    with pytest.raises(nbsource.SourceError, match="a second '## Después de clase' heading"):
        nbsource.load_source(write_source(tmp_path, body))
