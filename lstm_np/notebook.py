"""Helpers for the notebooks: show the package's real source beside the maths."""
import inspect
import io
import tokenize


def strip_comments(src, keep_blank_lines=False):
    """Python source without its comments and docstrings (string statements).

    Lines that held only a comment or a docstring go; blank lines go too unless
    `keep_blank_lines`. Lines starting with ``%`` or ``!`` (IPython magics) are kept as
    they are. The twin test compares notebook code this way, and `show_source` uses it to
    show the package's code without its English comments in the Spanish notebooks.
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


def show_source(obj, lang="en"):
    """Display the source code of a package function, class or module, syntax-highlighted.

    The source is read with ``inspect.getsource`` (so it is the code that actually runs) and
    shown as a Markdown ``python`` code block. The package's comments and docstrings are in
    English: with ``lang="es"`` they are left out, and the notebook's prose explains the
    code. Its text/plain form is the fixed string ``<IPython.core.display.Markdown object>``,
    so stored notebook outputs stay stable.

    Raises TypeError for an object without Python source (a builtin, a numpy ufunc).
    """
    from IPython.display import Markdown, display

    try:
        source = inspect.getsource(obj)
    except (TypeError, OSError) as exc:
        raise TypeError(f"no Python source to show for {obj!r}: {exc}") from None
    if lang != "en":
        source = strip_comments(inspect.cleandoc("\n" + source) if source[:1] == " "
                                else source, keep_blank_lines=True)
    fence = "```"
    while fence in source:                      # a fence longer than any inside the code
        fence += "`"
    display(Markdown(f"{fence}python\n{source.rstrip()}\n{fence}"))
