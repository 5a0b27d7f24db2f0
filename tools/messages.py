"""The translation catalogues: extract the English texts, merge them into the .po, check them.

    python tools/messages.py extract   # lstm_np/i18n/locale/*.pot from the package and the lessons
    python tools/messages.py update    # extract, then merge the .pot into each language's .po
    python tools/messages.py check     # what lacks a translation, is stale or is wrong
    python tools/messages.py           # update, then check: the one command to run

Two domains, each a template ``lstm_np/i18n/locale/<domain>.pot`` and a catalogue per language
``lstm_np/i18n/locale/<lang>/LC_MESSAGES/<domain>.po`` (the layout gettext expects; read at run
time by ``lstm_np.i18n.catalogue``, no ``.mo`` to compile):

- ``lstm_np``: every message of the package, found with ``ast`` as the literal argument of a
  call ``_("...")`` in ``lstm_np/**/*.py``; the translation keeps the same ``{placeholders}``;
- ``docstrings``: the docstrings and comments of every function a lesson shows with
  ``show_source(...)`` in ``notebooks/source/*.md``, cut as
  ``lstm_np.lessons.notebook.source_texts``
  cuts them (a docstring whole; consecutive comment lines as one text).

After merging a branch that added or changed messages or shown docstrings:

1. ``python tools/messages.py update``: new texts appear in the .po with an empty msgstr,
   texts no longer in the code become ``#~`` obsolete entries at the end (their old
   translation is there to copy from). An obsolete entry whose msgid comes back is used
   again: that is how a translation is written before its message is wrapped in ``_()``
   (an obsolete entry with the comment "waiting for its _() in the code");
2. fill in each empty ``msgstr`` (a text editor, Poedit or Lokalize); drop the ``#~``
   entries that are no longer useful and the ``fuzzy`` flags of entries you checked;
3. ``python tools/messages.py check`` until it says nothing is missing (it exits 1
   otherwise, as ``tests/test_i18n.py`` fails).

A message must be a literal, ``_("... {name} ...").format(name=...)``: ``check`` names every
``_()`` whose argument is not one (an f-string, a variable), since no catalogue can hold it.
"""
import ast
import importlib
import inspect
import pkgutil
import re
import string
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lstm_np  # noqa: E402
from lstm_np.i18n import catalogue  # noqa: E402
from lstm_np.lessons.notebook import source_texts  # noqa: E402

PACKAGE = ROOT / "lstm_np"
LOCALE = PACKAGE / "i18n" / "locale"
LESSONS = ROOT / "notebooks" / "source"
LANGS = ("es",)
SHOWN = re.compile(r"show_source\(\s*([A-Za-z_][\w.]*)\s*,")
WAITING = "waiting for its _() in the code"     # a translation ready before its message
HEADER = {"Project-Id-Version": "lstm_np", "MIME-Version": "1.0",
          "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}


# --- what the code and the lessons hold ---------------------------------------------------------

def package_messages():
    """({msgid: [reference, ...]}, [problem, ...]) of every ``_()`` call in the package.

    A reference is "lstm_np/module.py:line"; a problem names a ``_()`` whose argument is not
    one string literal.
    """
    found, problems = {}, []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "N_")):
                continue
            arg = node.args[0] if len(node.args) == 1 and not node.keywords else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.setdefault(arg.value, []).append(f"{rel}:{node.lineno}")
            else:
                problems.append(f"{rel}:{node.lineno}: _() needs one string literal, got "
                                f"{ast.unparse(node)[:60]}")
    return found, problems


def resolve(expression, lesson=""):
    """The package object a lesson's ``show_source(expression, LANG)`` shows.

    Where two modules define the name (`original.sample_top_k` wraps `sampling.sample_top_k`),
    the one the lesson's text imports it from (``from lstm_np.core.sampling import ...``) is
    meant."""
    head, *rest = expression.split(".")
    if head == "lstm_np":
        obj = lstm_np
    else:
        owners = []
        for info in pkgutil.walk_packages(lstm_np.__path__, "lstm_np."):
            if info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            value = getattr(module, head, None)
            if value is not None and getattr(value, "__module__", None) == info.name:
                owners.append(value)
        if len(owners) > 1:
            imported = {m.group(1) for m in re.finditer(
                r"from (lstm_np[\w.]*) import (\([^)]*\)|[^\n]*)", lesson)
                if head in re.findall(r"\w+", m.group(2))}
            owners = [o for o in owners if o.__module__ in imported] or owners
        if len(owners) != 1:
            raise LookupError(f"show_source({expression}): {len(owners)} modules of lstm_np "
                              "define it; expected one")
        obj = owners[0]
    for name in rest:
        obj = getattr(obj, name)
    return obj


def shown_functions():
    """{expression: (object, [lesson, ...])} for every ``show_source(...)`` of the lessons."""
    shown = {}
    for path in sorted(LESSONS.glob("[0-9]*.md")):
        text = path.read_text(encoding="utf-8")
        for expression in SHOWN.findall(text):
            if expression != "f":                       # the prose's `show_source(...)`
                shown.setdefault(expression, (resolve(expression, text), []))[1].append(path.stem)
    return shown


def shown_source(obj):
    """The source that ``show_source`` displays for `obj`, before translation."""
    return textwrap.dedent(inspect.getsource(obj))


def docstring_texts():
    """{text: [reference, ...]}: the docstrings and comments of the functions shown."""
    found = {}
    for expression, (obj, lessons) in shown_functions().items():
        where = f"{inspect.getsourcefile(obj)}"
        rel = Path(where).resolve().relative_to(ROOT).as_posix()
        for piece in source_texts(shown_source(obj)):
            if piece["kind"] != "message":
                found.setdefault(piece["text"], []).append(f"{rel}:{obj.__qualname__}")
    return found


def templates():
    """{domain: {msgid: [reference, ...]}} of both domains."""
    return {"lstm_np": package_messages()[0], "docstrings": docstring_texts()}


# --- .po files -------------------------------------------------------------------------------

def po_string(keyword, text):
    """`keyword "text"` in .po form, one quoted line per line of the text."""
    def quote(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") \
            .replace("\n", "\\n") + '"'
    lines = text.splitlines(keepends=True)
    if len(lines) <= 1 and len(text) < 70:
        return f"{keyword} {quote(text)}\n"
    pieces = []
    for line in lines:                  # and long lines cut after a space, as xgettext does
        while len(line) > 76 and " " in line[:76]:
            cut = line[:76].rindex(" ") + 1
            pieces.append(line[:cut])
            line = line[cut:]
        pieces.append(line)
    return f'{keyword} ""\n' + "".join(quote(piece) + "\n" for piece in pieces if piece)


def po_entry(entry):
    """One entry of a .po file (a dict as `lstm_np.i18n.catalogue.read_po` gives)."""
    out = "".join(f"# {c}\n" if c else "#\n" for c in entry["comments"])
    if entry["references"]:
        out += "".join(f"#: {r}\n" for r in entry["references"])
    if entry["flags"]:
        out += "#, " + ", ".join(sorted(entry["flags"])) + "\n"
    body = po_string("msgid", entry["msgid"]) + po_string("msgstr", entry["msgstr"])
    if entry["obsolete"]:
        body = "".join("#~ " + line + "\n" for line in body.splitlines())
    return out + body


def write_po(path, entries):
    """Write `entries` (header first) to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(po_entry(e) for e in entries), encoding="utf-8")


def header(comment, lang=None):
    fields = dict(HEADER, **({"Language": lang} if lang else {}))
    return {"msgid": "", "msgstr": "".join(f"{k}: {v}\n" for k, v in fields.items()),
            "flags": set(), "references": [], "comments": [comment], "obsolete": False}


def placeholders(text):
    """The sorted ``{name!conversion:spec}`` fields of a str.format text (ValueError if bad)."""
    fields = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.append(f"{{{name}{'!' + conversion if conversion else ''}"
                          f"{':' + spec if spec else ''}}}")
    return sorted(fields)


def new_entry(msgid, references, domain):
    flags = set()
    if domain == "lstm_np" and "{" in msgid:
        flags.add("python-brace-format")
    return {"msgid": msgid, "msgstr": "", "flags": flags, "references": references,
            "comments": [], "obsolete": False}


# --- the commands ----------------------------------------------------------------------------

def extract():
    """Write lstm_np/i18n/locale/<domain>.pot for both domains; return the templates."""
    found = templates()
    for domain, texts in found.items():
        entries = [header(f"English texts of lstm_np ({domain}); written by "
                          "tools/messages.py extract, do not edit")]
        entries += [new_entry(msgid, refs, domain) for msgid, refs in texts.items()]
        write_po(LOCALE / f"{domain}.pot", entries)
    return found


def update():
    """Extract, then merge each template into each language's catalogue."""
    found = extract()
    for lang in LANGS:
        for domain, texts in found.items():
            path = catalogue.po_path(domain, lang)
            old = {e["msgid"]: e for e in catalogue.read_po(path)} if path.exists() else {}
            head = old.pop("", None) or header(f"Spanish translation of lstm_np ({domain})",
                                               lang)
            entries = [head]
            for msgid, refs in texts.items():
                entry = old.pop(msgid, None) or new_entry(msgid, refs, domain)
                entry.update(references=refs, obsolete=False,
                             comments=[c for c in entry["comments"] if c != WAITING])
                entries.append(entry)
            for entry in old.values():
                if not entry["obsolete"]:
                    entry.update(obsolete=True, references=[])
                entries.append(entry)
            write_po(path, entries)
    catalogue._cache.clear()


def problems(lang="es"):
    """The lines `check` prints: every text without a usable translation, and why."""
    found = templates()
    out = list(package_messages()[1])
    for domain, texts in found.items():
        path = catalogue.po_path(domain, lang)
        if not path.exists():
            out.append(f"{path.relative_to(ROOT)}: missing; run python tools/messages.py update")
            continue
        entries = {e["msgid"]: e for e in catalogue.read_po(path) if e["msgid"]}
        for msgid, refs in texts.items():
            entry = entries.get(msgid)
            where = f"{domain} ({refs[0]})"
            if entry is None or entry["obsolete"]:
                out.append(f"{where}: no translation of {msgid[:70]!r}")
            elif not entry["msgstr"]:
                out.append(f"{where}: empty translation of {msgid[:70]!r}")
            elif "fuzzy" in entry["flags"]:
                out.append(f"{where}: fuzzy (unchecked) translation of {msgid[:70]!r}")
            elif domain == "lstm_np":
                try:
                    same = placeholders(msgid) == placeholders(entry["msgstr"])
                except ValueError as e:
                    same, msgid = False, f"{msgid[:50]} ({e})"
                if not same:
                    out.append(f"{where}: the placeholders of the translation differ from "
                               f"those of {msgid[:70]!r}")
        for msgid, entry in entries.items():
            if msgid not in texts and not entry["obsolete"]:
                out.append(f"{domain}: stale entry, no longer in the code: {msgid[:70]!r}")
    return out


def waiting(lang="es"):
    """The msgids of the obsolete entries kept for a message not yet wrapped in ``_()``."""
    path = catalogue.po_path("lstm_np", lang)
    return [e["msgid"] for e in catalogue.read_po(path)
            if e["obsolete"] and WAITING in e["comments"]] if path.exists() else []


def check():
    """Print the problems; return 1 if there are any, else 0."""
    found = problems()
    for line in found:
        print(line)
    print(f"{len(found)} problem(s) in the catalogues" if found
          else "every message and shown docstring has its translation")
    print(f"({len(waiting())} translations wait for their message to be wrapped in _())")
    return 1 if found else 0


def main(argv):
    command = argv[1] if len(argv) > 1 else "all"
    if command == "extract":
        extract()
        return 0
    if command == "update":
        update()
        return 0
    if command == "check":
        return check()
    if command == "all":
        update()
        return check()
    print(f"unknown command {command!r}: use extract, update or check")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
