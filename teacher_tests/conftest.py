"""Tests of the teachers' tools: the offline book, the PDF handouts, the nbgrader course.

Run them on their own, after the teachers' install (the students' `python -m pytest` does
not collect this folder and does not need these packages):

    pip install -r requirements.txt -r requirements-teachers.txt
    npm ci --prefix tools/book
    LSTM_NP_DATA=/path/to/corpora python -m pytest teacher_tests

- test_book.py builds both books into a temporary folder and opens every page in Debian's
  Chromium (/usr/bin/chromium, through playwright, never a browser download) with every
  request that does not go to 127.0.0.1 aborted.
- test_handouts.py prints the handouts from that book and reads the PDFs back with
  poppler-utils (pdftotext, pdfimages, pdfinfo).
- test_course.py writes the nbgrader course and round-trips it through nbgrader.

Nothing is skipped: a missing Chromium, playwright, poppler-utils or nbgrader is a failure.
"""
import functools
import http.server
import importlib.util
import shutil
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.append(str(REPO / "browser_tests"))
from local_only import only_local  # noqa: E402,F401  (shared with browser_tests)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def load_tool(name):
    """tools/<name>.py as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"lstm_np_{name}_tool",
                                                  REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def need(program):
    if shutil.which(program) is None:
        pytest.fail(f"{program} is not installed (Debian: apt-get install -y poppler-utils "
                    f"chromium)", pytrace=False)


@pytest.fixture(scope="session")
def book_tool():
    return load_tool("book")


@pytest.fixture(scope="session")
def book(book_tool, tmp_path_factory):
    """Both books and the landing page, built by tools/book.py into a temporary folder."""
    root = tmp_path_factory.mktemp("site") / "book"
    try:
        book_tool.build_all(book_tool.LANGS, root, log=lambda line: None)
    except book_tool.BookError as exc:
        pytest.fail(f"tools/book.py: {exc}", pytrace=False)
    return root


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's Chromium, headless, started once for the whole session."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)",
                    pytrace=False)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def book_url(book):
    """The book served on 127.0.0.1 (a free port) for the whole session."""
    handler = functools.partial(_QuietHandler, directory=str(book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def lesson_draws_a_figure(lang, stem):
    """True if the stored lesson notebooks/<lang>/<stem>.ipynb shows an image (a figure it
    draws, or a picture in its prose): its book page must then carry one."""
    import nbformat
    path = REPO / "notebooks" / lang / f"{stem}.ipynb"
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown" and "![" in cell.source:
            return True
        if cell.cell_type == "code" and any("image/png" in o.get("data", {})
                                             for o in cell.outputs):
            return True
    return False
