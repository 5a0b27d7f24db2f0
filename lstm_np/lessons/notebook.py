"""Helpers for the notebooks: show the package's real source beside the maths."""
import ast
import inspect
import io
import textwrap
import tokenize


def strip_comments(src, keep_blank_lines=False):
    """Python source without its comments and docstrings (string statements).

    Lines that held only a comment or a docstring go; blank lines go too unless
    `keep_blank_lines`. Lines starting with ``%`` or ``!`` (IPython magics) are kept as
    they are. The twin test compares notebook code this way, and so does the test that the
    translated source `show_source` displays is the package's code.
    """
    lines = src.split("\n")
    magic = {i for i, line in enumerate(lines) if line.lstrip().startswith(("%", "!"))}
    python = "\n".join("" if i in magic else line for i, line in enumerate(lines)) + "\n"
    drop, previous = [], tokenize.NEWLINE
    for tok in tokenize.generate_tokens(io.StringIO(python).readline):
        if tok.type == tokenize.COMMENT:
            drop.append((tok.start, tok.end))
        elif tok.type == tokenize.STRING and previous in (tokenize.NEWLINE, tokenize.INDENT,
                                                           tokenize.DEDENT):
            drop.append((tok.start, tok.end))
        if tok.type not in (tokenize.COMMENT, tokenize.NL):
            previous = tok.type
    out = python.split("\n")
    emptied = set()
    for (r0, c0), (r1, c1) in reversed(drop):
        tail = out[r1 - 1][c1:]
        out[r0 - 1] = out[r0 - 1][:c0] + tail
        for r in range(r0, r1):                    # the lines a docstring spanned
            out[r] = None
        emptied.add(r0 - 1)
    for i in magic:
        out[i] = lines[i]
    kept = []
    for i, line in enumerate(out):
        if line is None or (i in emptied and not line.strip()):
            continue
        line = line.rstrip()
        if line or keep_blank_lines:
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


# --- the source in the reader's language ----------------------------------------------------

PRAGMAS = ("noqa", "type:", "pragma", "fmt:")    # comments for tools, not for readers


def source_texts(src):
    """The docstrings, comments and messages of Python source `src`, as a reader meets them.

    Returns a list of pieces, dicts with ``kind`` ("docstring", "comment" or "message"),
    ``text`` (the English text: a docstring cleaned with ``inspect.cleandoc``; a comment
    without its ``# ``, consecutive whole-line comments at one indentation joined by
    newlines; a message, the literal inside ``_(...)``), ``start`` and ``end`` ((row, col)
    of its tokens, rows from 1) and ``inline`` (a comment after code).
    """
    tokens = list(tokenize.generate_tokens(io.StringIO(src).readline))
    lines = src.split("\n")
    pieces, previous = [], tokenize.NEWLINE
    for i, tok in enumerate(tokens):
        if tok.type == tokenize.COMMENT:
            text = tok.string[1:]
            text = text[1:] if text.startswith(" ") else text
            inline = bool(lines[tok.start[0] - 1][:tok.start[1]].strip())
            last = pieces[-1] if pieces else None
            if text.strip().startswith(PRAGMAS):
                pass
            elif (not inline and last is not None and last["kind"] == "comment"
                  and not last["inline"] and last["end"][0] == tok.start[0] - 1
                  and last["start"][1] == tok.start[1]):
                last["text"] += "\n" + text
                last["end"] = tok.end
            else:
                pieces.append({"kind": "comment", "text": text, "start": tok.start,
                               "end": tok.end, "inline": inline})
        elif tok.type == tokenize.STRING and previous in (tokenize.NEWLINE, tokenize.INDENT,
                                                           tokenize.DEDENT):
            pieces.append({"kind": "docstring", "token": tok.string, "start": tok.start,
                           "end": tok.end, "inline": False,
                           "text": inspect.cleandoc(ast.literal_eval(tok.string))})
        elif (tok.type == tokenize.NAME and tok.string == "_" and i + 2 < len(tokens)
              and tokens[i + 1].string == "("):
            j, parts = i + 2, []
            while tokens[j].type in (tokenize.STRING, tokenize.NL):
                if tokens[j].type == tokenize.STRING:
                    parts.append(tokens[j])
                j += 1
            if parts and tokens[j].string == ")":
                pieces.append({"kind": "message", "start": parts[0].start,
                               "end": parts[-1].end, "inline": False,
                               "columns": [t.start[1] for t in parts],
                               "text": "".join(ast.literal_eval(t.string) for t in parts)})
        if tok.type not in (tokenize.COMMENT, tokenize.NL):
            previous = tok.type
    return pieces


def _literal(text):
    """A double-quoted Python literal whose value is `text`."""
    text = text.replace("\\", "\\\\").replace("\n", "\\n")
    return '"' + text.replace('"', '\\"') + '"'


def _render(piece, translated):
    """The source text that takes the place of `piece`, with `translated` as its text."""
    column = piece["start"][1]
    if piece["kind"] == "comment":
        if piece["inline"]:
            return "# " + " ".join(translated.split("\n"))
        lines = [("# " + line).rstrip() for line in translated.split("\n")]
        return ("\n" + " " * column).join(lines)
    if piece["kind"] == "docstring":
        token = piece["token"]
        prefix = token[:len(token) - len(token.lstrip("rRbBuU"))]
        quote = token[len(prefix):len(prefix) + 3]
        quote = quote if quote in ('"' * 3, "'" * 3) else quote[0]
        if "r" not in prefix.lower():
            translated = translated.replace("\\", "\\\\")
        body = "\n".join((" " * column + line) if line.strip() else ""
                         for line in translated.split("\n")).lstrip()
        own_line = "\n" in token and token.split("\n")[-1].strip() == quote
        return prefix + quote + body + ("\n" + " " * column if own_line else "") + quote
    columns = piece["columns"]                         # a message: one literal per line
    if len(columns) == 1:
        return _literal(translated)
    width = max(99 - columns[1], 30)
    chunks, chunk = [], ""
    for word in translated.split(" "):
        if chunk and len(chunk) + len(word) + 3 > width:
            chunks.append(chunk)
            chunk = ""
        chunk += word + " "
    chunks.append(chunk[:-1])
    return ("\n" + " " * columns[1]).join(_literal(c) for c in chunks)


def translated_source(src, lang):
    """`src` with its docstrings, comments and messages in language `lang`.

    Returns (source, missing): the source with each docstring, comment and ``_("...")``
    message replaced by its translation from the catalogues (``docstrings`` for the first
    two, ``lstm_np`` for the messages), and the English texts that have none (they stay in
    English). The code itself is not touched.
    """
    from ..i18n import translation

    if lang == "en":
        return src, []
    offsets = [0]
    for line in src.split("\n"):
        offsets.append(offsets[-1] + len(line) + 1)
    out, missing = src, []
    for piece in reversed(source_texts(src)):
        domain = "lstm_np" if piece["kind"] == "message" else "docstrings"
        text = translation(piece["text"], lang, domain)
        if text is None:
            missing.append(piece["text"])
            continue
        (r0, c0), (r1, c1) = piece["start"], piece["end"]
        out = (out[:offsets[r0 - 1] + c0] + _render(piece, text)
               + out[offsets[r1 - 1] + c1:])
    return out, missing[::-1]


def show_source(obj, lang="en"):
    """Display the source code of a package function, class or module, syntax-highlighted.

    The source is read with ``inspect.getsource`` (so it is the code that actually runs) and
    shown as a Markdown ``python`` code block. The package's docstrings, comments and
    messages are written in English; with ``lang="es"`` they are shown in their Spanish
    translation (from the catalogues in ``lstm_np/locale``), the code as it is. Its
    text/plain form is the fixed string ``<IPython.core.display.Markdown object>``, so
    stored notebook outputs stay stable.

    Raises TypeError for an object without Python source (a builtin, a numpy ufunc).
    """
    from IPython.display import Markdown, display

    from ..i18n import _, check_lang

    check_lang(lang)
    try:
        source = inspect.getsource(obj)
    except (TypeError, OSError) as exc:
        raise TypeError(_("no Python source to show for {obj!r}: {error}").format(
            obj=obj, error=exc)) from None
    source = textwrap.dedent(source)
    if lang != "en":
        source, _missing = translated_source(source, lang)
    fence = "```"
    while fence in source:                      # a fence longer than any inside the code
        fence += "`"
    display(Markdown(f"{fence}python\n{source.rstrip()}\n{fence}"))
