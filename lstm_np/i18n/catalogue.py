"""The translation catalogues: gettext ``.po`` files, read and compiled when first needed.

A catalogue per language and domain lives where gettext looks for it,
``lstm_np/locale/<lang>/LC_MESSAGES/<domain>.po``; a translator opens it with the usual tools
(Poedit, Lokalize, a text editor). Two domains:

- ``lstm_np``: the package's messages (errors, refusals, printed lines), the English text
  wrapped in ``_()`` in the code;
- ``docstrings``: the docstrings and comments of the functions the lessons show.

The ``.po`` file is the only copy: it is compiled into the ``.mo`` form of GNU gettext in
memory, the first time a language is asked for, and read by the standard library's
``gettext.GNUTranslations``. No ``.mo`` file is kept, so none can be stale. Entries marked
``fuzzy`` and empty translations are left out (the English text is shown instead), as
``msgfmt`` does.
"""
import ast
import gettext
import io
import struct
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAINS = ("lstm_np", "docstrings")


def po_path(domain, lang):
    """Path of the catalogue of `domain` in language `lang`."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def read_po(path):
    """The entries of a ``.po`` file, in order, as dicts.

    Each entry has ``msgid`` and ``msgstr`` (str), ``flags`` (set, e.g. {"fuzzy",
    "python-brace-format"}), ``references`` (list of "file:where" str), ``comments`` (the
    translator's and extracted comments, list of str) and ``obsolete`` (bool, the ``#~``
    entries that a msgid no longer in the code leaves behind). The header is the entry
    whose msgid is "". Plural forms and contexts are not used by lstm_np and are refused.
    """
    entries, entry, field = [], None, None

    def new():
        return {"msgid": None, "msgstr": None, "flags": set(), "references": [],
                "comments": [], "obsolete": False}

    def close():
        if entry is not None and entry["msgid"] is not None:
            entry["msgstr"] = entry["msgstr"] or ""
            entries.append(entry)

    # A catalogue that cannot be read is the translator's to fix: its errors are in English,
    # since no catalogue can translate them.
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].lstrip()
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            if entry is not None and entry["msgid"] is not None and field == "msgstr":
                close()
                entry, field = None, None
            entry = entry or new()
            if stripped.startswith("#,"):
                entry["flags"].update(f.strip() for f in stripped[2:].split(",") if f.strip())
            elif stripped.startswith("#:"):
                entry["references"].extend(stripped[2:].split())
            else:
                entry["comments"].append(stripped[1:].strip())
            continue
        keyword, _space, rest = stripped.partition(" ")
        if keyword in ("msgid", "msgstr"):
            if keyword == "msgid":
                if entry is not None and entry["msgid"] is not None:
                    close()
                    entry = None
                entry = entry or new()
            entry[keyword] = _po_string(rest, path, number)
            entry["obsolete"] = entry["obsolete"] or obsolete
            field = keyword
        elif stripped.startswith('"') and field is not None:
            entry[field] += _po_string(stripped, path, number)
        else:
            raise ValueError(f"{path}:{number}: cannot read {keyword!r} (lstm_np's catalogues "
                             "use only msgid and msgstr)")
    close()
    return entries


def _po_string(text, path, number):
    """The value of one quoted line of a .po file ("..." with C escapes)."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"{path}:{number}: expected a quoted string, got {text!r}")
    return ast.literal_eval(text)


def mo_bytes(messages):
    """The GNU ``.mo`` form of a {msgid: msgstr} dict (the header is the msgid "").

    The layout: a header of seven 32-bit words (magic number, revision 0, count, offset of
    the originals' table, offset of the translations' table, no hash table), the two tables
    of (length, offset) pairs, then the strings, NUL-terminated, msgids sorted.
    """
    keys = sorted(messages)
    ids = b"".join(k.encode("utf-8") + b"\0" for k in keys)
    strs = b"".join(messages[k].encode("utf-8") + b"\0" for k in keys)
    n = len(keys)
    start = 7 * 4 + 16 * n                       # where the strings begin
    id_table, str_table, offset = [], [], start
    for k in keys:
        length = len(k.encode("utf-8"))
        id_table += [length, offset]
        offset += length + 1
    for k in keys:
        length = len(messages[k].encode("utf-8"))
        str_table += [length, offset]
        offset += length + 1
    header = struct.pack("<7I", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    return (header + struct.pack(f"<{4 * n}I", *(id_table + str_table)) + ids + strs)


def translated(entries):
    """{msgid: msgstr} of the entries a reader gets: not obsolete, not fuzzy, not empty."""
    return {e["msgid"]: e["msgstr"] for e in entries
            if not e["obsolete"] and "fuzzy" not in e["flags"]
            and (e["msgstr"] or e["msgid"] == "")}


_cache = {}


def messages(domain, lang):
    """{msgid: msgstr} that `domain` translates into `lang` (no catalogue: {})."""
    key = ("messages", domain, lang)
    if key not in _cache:
        path = po_path(domain, lang)
        _cache[key] = translated(read_po(path)) if path.exists() else {}
        _cache[key].pop("", None)
    return _cache[key]


def translations(domain, lang):
    """The gettext translations of `domain` in `lang` (English, or no catalogue: none)."""
    key = (domain, lang)
    if key not in _cache:
        found = messages(domain, lang)
        if found:
            path = po_path(domain, lang)
            header = {e["msgid"]: e["msgstr"] for e in read_po(path) if e["msgid"] == ""}
            mo = mo_bytes(dict(found, **header))
            _cache[key] = gettext.GNUTranslations(io.BytesIO(mo))
        else:
            _cache[key] = gettext.NullTranslations()
    return _cache[key]
