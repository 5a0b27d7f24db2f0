"""The package speaks the reader's language: gettext catalogues for its messages, and the
Spanish docstrings and comments of every function a lesson shows.

- every message ``_("...")`` of the package and every docstring and comment of a shown
  function has a Spanish translation, with the same placeholders, and no entry is stale
  (``tools/messages.py check`` says the same, line by line);
- a message raised after ``set_language("es")``, or with LANGUAGE=es in a subprocess, is the
  Spanish one; English stays the default;
- what ``show_source(f, "es")`` displays is the package's code, its docstrings and comments
  in Spanish (no English word left), its messages as they are raised in Spanish.
"""
import gettext
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import lstm_np
from lstm_np import i18n
from lstm_np.i18n import catalogue
from lstm_np.storage.checkpoint import pretrained_path
from lstm_np.i18n import _, language, set_language, translation
from lstm_np.lessons.notebook import source_texts, strip_comments, translated_source
from lstm_np.core.text import Vocabulary
from lstm_np.arguments import encode
from test_language import ENGLISH, WORD

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("messages_tool", ROOT / "tools" / "messages.py")
messages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(messages)

SHOWN = messages.shown_functions()
LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def no_locale(monkeypatch):
    """No locale variable set and no language chosen; restored afterwards."""
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    set_language(None)
    yield monkeypatch
    set_language(None)


# --- the catalogues ------------------------------------------------------------------------

def test_every_message_and_shown_docstring_is_translated():
    problems = messages.problems("es")
    assert not problems, "run python tools/messages.py and fill in the .po:\n" + \
        "\n".join(problems[:30])


def test_the_check_finds_a_missing_a_wrong_and_a_stale_translation(tmp_path, monkeypatch):
    for domain in catalogue.DOMAINS:
        copy = tmp_path / f"{domain}.po"
        shutil.copy(catalogue.po_path(domain, "es"), copy)
    po = tmp_path / "lstm_np.po"
    entries = catalogue.read_po(po)
    by_id = {e["msgid"]: e for e in entries}
    by_id["{name} must be a whole number{where}, got {value!r}"]["msgstr"] = \
        "{nombre} debe ser un número entero{where}, no {value!r}"     # a renamed placeholder
    by_id["the text must have at least one character"]["msgstr"] = ""
    entries.append(dict(by_id["a vocabulary needs at least one character"],
                        msgid="a message no code has"))
    messages.write_po(po, entries)
    monkeypatch.setattr(catalogue, "po_path", lambda domain, lang: tmp_path / f"{domain}.po")
    found = "\n".join(messages.problems("es"))
    assert "placeholders of the translation differ" in found and "whole number" in found
    assert "empty translation of 'the text must have at least one character'" in found
    assert "stale entry, no longer in the code: 'a message no code has'" in found


def test_placeholders_are_compared_with_conversions_and_specs():
    assert messages.placeholders("{a} x {b!r} {c:.3f}") == messages.placeholders(
        "{c:.3f} y {a} {b!r}")
    assert messages.placeholders("{a} {b!r}") != messages.placeholders("{a} {b}")
    assert messages.placeholders("{a:.3f}") != messages.placeholders("{a:.2f}")


def test_extract_finds_exactly_the_literal_msgids():
    found, problems = messages.package_messages()
    assert "{name} must be a whole number{where}, got {value!r}" in found
    refs = found["a vocabulary needs at least one character"]
    assert len(refs) == 1 and refs[0].startswith("lstm_np/arguments.py:")
    assert not any("{" in msgid and "}" not in msgid for msgid in found)
    assert not problems, problems


def test_a_non_literal_message_is_reported(tmp_path, monkeypatch):
    package = tmp_path / "lstm_np"
    package.mkdir()
    (package / "m.py").write_text('def f(x):\n    raise ValueError(_(f"bad {x}"))\n'
                                  'def g():\n    return _("fine {y}").format(y=1)\n')
    monkeypatch.setattr(messages, "PACKAGE", package)
    monkeypatch.setattr(messages, "ROOT", tmp_path)
    found, problems = messages.package_messages()
    assert list(found) == ["fine {y}"] and found["fine {y}"] == ["lstm_np/m.py:4"]
    assert problems == ["lstm_np/m.py:2: _() needs one string literal, got _(f'bad {x}')"]


def test_the_po_reader_agrees_with_msgfmt(tmp_path):
    """Our reader and .mo writer against GNU gettext's own compiler, when it is installed."""
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    for domain in catalogue.DOMAINS:
        mo = tmp_path / f"{domain}.mo"
        subprocess.run(["msgfmt", "--check-format", "-o", mo, catalogue.po_path(domain, "es")],
                       check=True, capture_output=True)
        with open(mo, "rb") as f:
            reference = gettext.GNUTranslations(f)
        ours = catalogue.translations(domain, "es")
        assert ours._catalog == reference._catalog


def test_po_strings_round_trip(tmp_path):
    text = 'line "one"\\ with a tab\t\nand a second line ' + "x" * 90 + "\n"
    entry = {"msgid": text, "msgstr": text.upper(), "flags": {"fuzzy"}, "references": ["a:1"],
             "comments": ["a note"], "obsolete": False}
    path = tmp_path / "t.po"
    messages.write_po(path, [messages.header("test"), entry, dict(entry, msgid="old",
                                                                  obsolete=True)])
    back = catalogue.read_po(path)
    assert back[1] == entry
    assert back[2]["obsolete"] and back[2]["msgid"] == "old"
    assert catalogue.translated(back) == {"": back[0]["msgstr"]}      # fuzzy and obsolete


# --- the language of the messages ------------------------------------------------------------

def raised(fn, *args):
    with pytest.raises(ValueError) as info:
        fn(*args)
    return str(info.value)


def test_english_is_the_default(no_locale):
    assert language() == "en"
    assert raised(encode, Vocabulary("ab"), "zq") == \
        "characters not in the vocabulary: 'qz' (the model knows 2 characters: 'ab')"


def test_set_language_es_gives_spanish_messages(no_locale):
    set_language("es")
    assert raised(encode, Vocabulary("ab"), "zq") == \
        "caracteres que no están en el vocabulario: 'qz' (el modelo conoce 2 caracteres: 'ab')"
    assert raised(lstm_np.TrainConfig(n_a=0).check) == "n_a debe ser un número entero >= 1, no 0"
    set_language("en")
    assert raised(lstm_np.TrainConfig(n_a=0).check) == "n_a must be a whole number >= 1, got 0"


def test_a_bad_language_is_refused_in_the_language_in_use(no_locale):
    set_language("es")
    assert raised(set_language, "fr") == "lang debe ser 'es' o 'en', no 'fr'"
    set_language(None)
    assert raised(set_language, "fr") == "lang must be 'es' or 'en', got 'fr'"


@pytest.mark.parametrize("env,expected", [
    ({"LANG": "es_ES.UTF-8"}, "es"), ({"LC_ALL": "es_MX"}, "es"), ({"LANGUAGE": "fr:es"}, "es"),
    ({"LANGUAGE": "en_GB:es"}, "en"), ({"LANG": "C.UTF-8"}, "en"), ({"LANG": "fr_FR"}, "en"),
    ({"LANGUAGE": "es", "LANG": "en_US.UTF-8"}, "es"), ({"LC_ALL": "C", "LANG": "es_ES"}, "en"),
    ({"LC_MESSAGES": "es_ES@euro"}, "es"),
])
def test_language_follows_the_locale_variables(no_locale, env, expected):
    for var, value in env.items():
        no_locale.setenv(var, value)
    assert language() == expected
    set_language("en" if expected == "es" else "es")          # a lesson's choice comes first
    assert language() != expected


def test_the_message_follows_the_language_at_call_time(no_locale):
    no_locale.setenv("LANGUAGE", "es")
    assert _("a vocabulary needs at least one character") == \
        "un vocabulario necesita al menos un carácter"
    no_locale.setenv("LANGUAGE", "en")
    assert _("a vocabulary needs at least one character") == \
        "a vocabulary needs at least one character"
    assert _("a message without a translation") == "a message without a translation"


def locale_env(lang):
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    return dict(env, LANGUAGE=lang, PYTHONIOENCODING="utf-8",
                PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]))


@pytest.mark.parametrize("lang,expected", [
    ("es", "ValueError: un vocabulario necesita al menos un carácter"),
    ("en", "ValueError: a vocabulary needs at least one character")])
def test_a_subprocess_speaks_the_language_of_its_locale(lang, expected):
    r = subprocess.run([sys.executable, "-c", "from lstm_np.arguments import vocabulary; "
                        "vocabulary('')"], env=locale_env(lang), capture_output=True, text=True,
                       encoding="utf-8", timeout=60)
    assert r.stderr.strip().split("\n")[-1] == expected, r.stderr


def test_the_command_line_speaks_spanish_with_language_es():
    model = pretrained_path("es")
    runs = {}
    for lang in ("es", "en"):
        runs[lang] = subprocess.run(
            [sys.executable, "-m", "lstm_np", "sample", "--model", str(model), "--prime", "QX€"],
            env=locale_env(lang), capture_output=True, text=True, encoding="utf-8", timeout=60)
    for r in runs.values():
        assert r.returncode == 2 and r.stderr.startswith("error: ") and "'QX€'" in r.stderr
    assert english_words(runs["en"].stderr), runs["en"].stderr        # the scan can see them
    assert not english_words(runs["es"].stderr), runs["es"].stderr


# --- show_source in Spanish --------------------------------------------------------------------

def english_words(text, code_names=()):
    return sorted({w for w in WORD.findall(text)
                   if w.lower() in ENGLISH and w not in code_names})


def code_names(src):
    import io
    import tokenize
    return {t.string for t in tokenize.generate_tokens(io.StringIO(src).readline)
            if t.type == tokenize.NAME}


def test_the_lessons_show_functions():
    assert len(SHOWN) >= 20 and "lstm_np.lstm_cell_forward" in SHOWN


@pytest.mark.parametrize("expression", sorted(SHOWN))
def test_a_shown_function_has_its_spanish_docstring_and_comments(expression):
    obj, lessons = SHOWN[expression]
    src = messages.shown_source(obj)
    shown, missing = translated_source(src, "es")
    assert not missing, f"{expression} ({', '.join(lessons)}): no Spanish for {missing[:3]}"
    names = code_names(src)
    pieces = source_texts(shown)
    assert [p["kind"] for p in pieces] == [p["kind"] for p in source_texts(src)]
    for piece in pieces:
        if piece["kind"] != "message":
            found = english_words(piece["text"], names)
            assert not found, f"{expression}: English left in {piece['text'][:60]!r}: {found}"


@pytest.mark.parametrize("expression", sorted(SHOWN))
def test_the_code_shown_in_spanish_is_the_packages_code(expression):
    obj, _lessons = SHOWN[expression]
    src = messages.shown_source(obj)
    shown, _missing = translated_source(src, "es")
    originals = [p for p in source_texts(src) if p["kind"] == "message"]
    translated = [p for p in source_texts(shown) if p["kind"] == "message"]
    assert [p["text"] for p in translated] == [translation(p["text"], "es") or p["text"]
                                               for p in originals]
    assert without_messages(shown) == without_messages(src)


def without_messages(src):
    """`src` without comments, docstrings, and with every _("...") literal emptied."""
    offsets = [0]
    for line in src.split("\n"):
        offsets.append(offsets[-1] + len(line) + 1)
    for piece in reversed(source_texts(src)):
        if piece["kind"] == "message":
            (r0, c0), (r1, c1) = piece["start"], piece["end"]
            src = src[:offsets[r0 - 1] + c0] + '""' + src[offsets[r1 - 1] + c1:]
    return strip_comments(src)


def test_an_edited_docstring_loses_its_translation():
    src = messages.shown_source(lstm_np.lstm_cell_forward)
    shown, missing = translated_source(src, "es")
    assert not missing and "Un paso de tiempo de la LSTM." in shown
    edited = src.replace("One time step of the LSTM.", "One time step of an LSTM.")
    shown, missing = translated_source(edited, "es")
    assert missing and missing[0].startswith("One time step of an LSTM.")
    assert "One time step of an LSTM." in shown                      # stays English
    edited = src.replace("# forget gate", "# the forget gate")
    assert translated_source(edited, "es")[1] == ["the forget gate"]


def test_the_code_check_sees_a_changed_line():
    src = messages.shown_source(lstm_np.lstm_cell_forward)
    assert without_messages(src.replace("ft * c_prev", "ft * a_prev")) != without_messages(src)


def test_translated_source_keeps_layout_quotes_and_messages():
    src = ('def f(x):\n    r"""Return \\sigma.\n\n    Longer.\n    """\n'
           '    # the input\n    # is checked\n'
           '    if x < 1:                     # too small\n'
           '        raise ValueError(_("the text must have at least "\n'
           '                           "one character"))\n    return x\n')
    assert translated_source(src, "en") == (src, [])
    shown, missing = translated_source(src, "es")
    assert missing == ["Return \\sigma.\n\nLonger.", "the input\nis checked", "too small"]
    assert '_("el texto debe tener al menos un carácter"))' in shown
    compile(shown, "shown", "exec")


def test_show_source_displays_spanish(monkeypatch):
    import IPython.display

    from lstm_np.lessons import notebook
    from lstm_np.engine.streams import Streams

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    notebook.show_source(lstm_np.lstm_cell_forward, "es")
    notebook.show_source(Streams.batch, "es")
    assert shown[0].data.startswith('```python\ndef lstm_cell_forward(xt, a_prev, c_prev, '
                                    'parameters):\n    """Un paso de tiempo de la LSTM.')
    assert "# compuerta de olvido" in shown[0].data and "forget" not in shown[0].data
    assert shown[1].data.startswith('```python\ndef batch(self):\n    """Entradas X')
    with pytest.raises(ValueError):
        notebook.show_source(lstm_np.sigmoid, "fr")


def test_i18n_module_has_no_leftover_state():
    set_language(None)
    assert i18n._language is None


# --- numbers as each language writes them -----------------------------------------------------

@pytest.mark.parametrize("n,es,en", [(120882, "120 882", "120,882"), (3331, "3331", "3,331"),
                                     (10_000, "10 000", "10,000"), (-250000, "-250 000",
                                                                    "-250,000"), (7, "7", "7")])
def test_number_groups_thousands_as_each_language_writes_them(n, es, en):
    nbsp = "\u00a0"                                 # a Spanish number never breaks across lines
    assert i18n.number(n, "es") == es.replace(" ", nbsp) and i18n.number(n, "en") == en


def test_no_spanish_lesson_prints_an_english_thousands_comma():
    import json
    import re
    found = []
    for path in sorted((Path(__file__).resolve().parent.parent / "notebooks" / "es")
                       .glob("[0-9][0-9]_*.ipynb")):
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            for out in cell.get("outputs", []):
                text = out.get("text", "") or "".join(out.get("data", {}).get("text/plain", ""))
                text = "".join(text) if isinstance(text, list) else text
                found += [f"{path.name} cell {i}: {m}" for m in re.findall(r"\d,\d{3}\b", text)]
    assert not found, found
