"""Helpers for the notebooks: show the package's real source beside the maths."""
import inspect


def show_source(obj):
    """Display the source code of a package function, class or module, syntax-highlighted.

    The source is read with ``inspect.getsource`` (so it is the code that actually runs) and
    shown as a Markdown ``python`` code block. Its text/plain form is the fixed string
    ``<IPython.core.display.Markdown object>``, so stored notebook outputs stay stable.

    Raises TypeError for an object without Python source (a builtin, a numpy ufunc).
    """
    from IPython.display import Markdown, display

    try:
        source = inspect.getsource(obj)
    except (TypeError, OSError) as exc:
        raise TypeError(f"no Python source to show for {obj!r}: {exc}") from None
    fence = "```"
    while fence in source:                      # a fence longer than any inside the code
        fence += "`"
    display(Markdown(f"{fence}python\n{source.rstrip()}\n{fence}"))
