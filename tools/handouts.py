"""PDF handouts: every lesson of the book printed to A4 by Debian's Chromium, offline.

    python tools/handouts.py            # both languages -> build/handouts/<lang>/NN_name.pdf
    python tools/handouts.py en         # the English lessons only

The handouts are the student's edition: the pages of the student's book (tools/book.py's
build/book/, without the teacher's notes; built first if it is missing), served on
127.0.0.1 and opened in Chromium (/usr/bin/chromium, through playwright: never a browser
download) with every other request aborted. Each page is printed once MathJax has typeset
its formulas, with the book's print style (tools/book.py's CSS): the navigation and the twin
link left out, code lines wrapped instead of cut at the margin, a figure never split over two
pages. The PDF is tagged, so it carries the page's language (its /Lang). The test,
teacher_tests/test_handouts.py, reads the PDFs back with poppler-utils.
"""
import argparse
import functools
import http.server
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "build" / "book"
BUILD = ROOT / "build" / "handouts"
LANGS = ("es", "en")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
MARGIN = {"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}
FOOTER = ('<div style="font-size:8px; width:100%; text-align:center; color:#555;">'
          '<span class="title"></span> · <span class="pageNumber"></span>/'
          '<span class="totalPages"></span></div>')


class HandoutsError(Exception):
    """The handouts cannot be printed: one line saying why and what to do."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(folder):
    """A static http server for `folder` on 127.0.0.1 (a free port): (server, its URL)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def lessons(book, lang):
    return sorted((book / lang).glob("[0-9][0-9]_*.html"))


def print_all(langs=LANGS, book=BOOK, out=BUILD, log=print, browser=None):
    """Print every lesson of `langs` from `book` into out/<lang>/NN_name.pdf; returns the
    list of PDFs written. `browser`: a playwright Chromium already running (else one is
    started, and closed at the end)."""
    if browser is None and not Path(CHROMIUM).exists():
        raise HandoutsError(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise HandoutsError("the Python package playwright is missing: "
                            "pip install -r requirements.txt") from None
    missing = [lang for lang in langs if not lessons(book, lang)]
    if missing:
        raise HandoutsError(f"no book in {book} for {', '.join(missing)}: "
                            f"run python tools/book.py first")
    server, origin = serve(book)
    try:
        if browser is not None:
            return _print(browser, origin, langs, book, out, log)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return _print(browser, origin, langs, book, out, log)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


def _print(browser, origin, langs, book, out, log):
    written = []
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(origin + "/") else route.abort())
    page = context.new_page()
    for lang in langs:
        (out / lang).mkdir(parents=True, exist_ok=True)
        for html in lessons(book, lang):
            page.goto(f"{origin}/{lang}/{html.name}", wait_until="load")
            page.evaluate("async () => { if (window.MathJax && MathJax.startup) "
                          "await MathJax.startup.promise; }")
            page.wait_for_load_state("networkidle")
            pdf = out / lang / f"{html.stem}.pdf"
            partial = pdf.with_suffix(".pdf.part")
            try:
                page.pdf(path=str(partial), format="A4", margin=MARGIN,
                         print_background=True, display_header_footer=True,
                         header_template="<div></div>", footer_template=FOOTER,
                         tagged=True, outline=True)
                partial.replace(pdf)                   # never a half-written handout
            finally:
                partial.unlink(missing_ok=True)
            written.append(pdf)
            log(f"handouts: {pdf}")
    context.close()
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("langs", nargs="*", help="es, en or nothing for both")
    parser.add_argument("--book", type=Path, default=BOOK, help="default: build/book")
    parser.add_argument("--out", type=Path, default=BUILD, help="default: build/handouts")
    args = parser.parse_args(argv)
    for lang in args.langs:
        if lang not in LANGS:
            parser.error(f"unknown language {lang!r}: give es, en or nothing for both")
    langs = args.langs or LANGS
    start = time.perf_counter()
    try:
        if args.book == BOOK and any(not lessons(BOOK, lang) for lang in langs):
            sys.path.insert(0, str(ROOT / "tools"))
            import book as book_tool
            book_tool.build_all(book=BOOK)
        written = print_all(langs, args.book, args.out, log=lambda line: None)
    except Exception as exc:                          # BookError, HandoutsError
        if type(exc).__name__ not in ("BookError", "HandoutsError"):
            raise
        sys.exit(f"tools/handouts.py: {exc}")
    size = sum(p.stat().st_size for p in written)
    print(f"handouts: {len(written)} PDFs in {args.out}, {size / 1e6:.1f} MB, "
          f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
