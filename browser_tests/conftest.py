"""Browser tests: JupyterLab, Voila and the slide decks on 127.0.0.1, in Debian's Chromium.

Run them on their own (CI does, after the main suite, `npm ci --prefix tools/slides` and
`python tools/slides.py all`):

    LSTM_NP_DATA=/path/to/corpora python -m pytest browser_tests
    python -m pytest browser_tests --update-screenshots   # also rewrite the committed
                                                          # img/sliders_*.png, img/slide_*.png

- test_sliders.py: the sampling lesson in JupyterLab; test_voila.py: the Voila sampler page
  (notebooks/app/); test_slides.py: the reveal.js decks of tools/slides.py.

- Chromium: /usr/bin/chromium (Debian: ``apt-get install chromium``). Never run
  ``playwright install``: the tests use the system browser, no download. If it is missing the
  tests FAIL, so that CI cannot go green without running them. On a machine without Chromium,
  ``LSTM_NP_SKIP_BROWSER=1`` turns that failure into a skip (for local runs only: it is
  ignored when the variable CI is set, as CI services do).
- JupyterLab serves a COPY of the notebooks from a temporary folder (Lab autosaves; the
  repository's files are never opened by it), with its own config, settings, workspaces and
  runtime folders, on a free port, without token, news or update checks. The kernel inherits
  the environment (``LSTM_NP_DATA`` for the corpora), minus ``MPLBACKEND``.
- The browser blocks every request that does not go to 127.0.0.1.
- Screenshots and the servers' logs go to ``artifacts/`` (git-ignored). The committed
  screenshots under img/ are written only with ``--update-screenshots``, and only by a test
  that passed; they are taken at a fixed viewport and a fixed state, so that rewriting them
  changes nothing unless the page changed.
"""
import functools
import http.server
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from local_only import only_local

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
ARTIFACTS = REPO / "artifacts"
IMG = REPO / "img"
APP = NOTEBOOKS / "app"
LANGS = ("es", "en")
NOTEBOOK = "05_sampling.ipynb"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SKIP_VARIABLE = "LSTM_NP_SKIP_BROWSER"

SERVER_START_TIMEOUT = 90       # seconds; Lab starts in ~5 s on an idle 2-core machine


def pytest_addoption(parser):
    parser.addoption("--update-screenshots", action="store_true", default=False,
                     help="also write the committed screenshots img/sliders_<lang>.png and "
                          "img/slide_<lang>.png (only from tests that pass)")


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real Chromium (run on their own: "
                                       "python -m pytest browser_tests)")


def _no_browser(reason):
    """Fail (the default, and always when CI is set), or skip if LSTM_NP_SKIP_BROWSER=1."""
    in_ci = os.environ.get("CI", "").lower() not in ("", "0", "false")
    if os.environ.get(SKIP_VARIABLE) == "1" and not in_ci:
        pytest.skip(f"{reason} ({SKIP_VARIABLE}=1)")
    pytest.fail(f"{reason}. The browser tests need Debian's Chromium at {CHROMIUM} "
                f"(apt-get install -y chromium) and the Python package playwright; never run "
                f"`playwright install`. To skip them on a machine without Chromium, set "
                f"{SKIP_VARIABLE}=1 (ignored when CI is set).", pytrace=False)


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's Chromium, headless, started once for the whole session."""
    if not os.path.exists(CHROMIUM):
        _no_browser(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("the Python package playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url, any_status=False):
    """True if `url` answers 200 (or, with any_status, answers at all)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except urllib.error.HTTPError:
        return any_status
    except OSError:
        return False


def _stop(process):
    """Terminate the server's process group (the server and its kernels), then kill it."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=15)


def _tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _start_server(name, command, cwd, env, log_path, probe_url, any_status=False):
    """Start a server in its own process group; return it once `probe_url` answers."""
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _answers(probe_url, any_status):
            if process.poll() is not None:
                pytest.fail(f"{name} exited with code {process.returncode}:\n"
                            f"{_tail(log_path)}", pytrace=False)
            if time.monotonic() > deadline:
                pytest.fail(f"{name} did not answer on {probe_url} within "
                            f"{SERVER_START_TIMEOUT} s:\n{_tail(log_path)}", pytrace=False)
            time.sleep(0.25)
    except BaseException:
        _stop(process)
        raise
    return process


@pytest.fixture(scope="session")
def artifacts():
    """artifacts/ at the repository's root (git-ignored): screenshots, the servers' logs."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


class Screenshots:
    """Where screenshots go: artifacts/ always; img/ too with --update-screenshots."""

    def __init__(self, artifacts, update):
        self.artifacts, self.update = artifacts, update

    def save(self, target, name, ok, commit=True):
        """Screenshot a playwright Page or Locator as artifacts/<name>.png.

        With --update-screenshots, a committed screenshot (commit=True) is copied to
        img/<name>.png. After a failure: artifacts/<name>_failed.png, and img/ is left alone.
        """
        for old in (f"{name}.png", f"{name}_failed.png"):
            (self.artifacts / old).unlink(missing_ok=True)
        path = self.artifacts / f"{name}{'' if ok else '_failed'}.png"
        target.screenshot(path=str(path), animations="disabled", caret="hide")
        if ok and commit and self.update:
            shutil.copyfile(path, IMG / f"{name}.png")
        return path


@pytest.fixture(scope="session")
def screenshots(artifacts, pytestconfig):
    return Screenshots(artifacts, pytestconfig.getoption("--update-screenshots"))


@pytest.fixture(scope="session")
def local_only():
    """The function only_local(context, origin) -> list of the URLs it aborted."""
    return only_local


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def static_server():
    """A function: serve(folder) -> URL of a static http server on 127.0.0.1 for it."""
    servers = []

    def serve(folder):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    try:
        yield serve
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def load_slides_tool():
    """tools/slides.py as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("lstm_np_slides_tool",
                                                  REPO / "tools" / "slides.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def slides_tool():
    return load_slides_tool()


@pytest.fixture(scope="session")
def decks(slides_tool, tmp_path_factory):
    """Every lesson's deck in both languages, built by tools/slides.py into a temporary folder.

    {lang: [Lesson(notebook path, the notebook as read then, deck path), ...]}; the folder
    is decks.root.
    """
    root = tmp_path_factory.mktemp("slides")
    try:
        slides_tool.build(slides_tool.LANGS, (), build=root, log=lambda line: None)
    except slides_tool.SlidesError as exc:
        pytest.fail(f"tools/slides.py: {exc}", pytrace=False)
    built = {}
    for lang in slides_tool.LANGS:
        built[lang] = []
        for path in slides_tool.lessons(lang):
            deck = slides_tool.deck_path(path, lang, root)
            if deck.exists():       # (a lesson added since the build is not in this run)
                built[lang].append(Lesson(path, nbformat.read(path, as_version=4), deck,
                                          bool(slides_tool.slide_layer(path))))
    return Decks(root, built)


class Lesson:
    """A lesson's notebook, as read when its deck was built, the deck, and whether the deck
    is the lesson's slide layer (authored) or its class period packed by the rules."""

    def __init__(self, path, nb, deck, authored=False):
        self.path, self.nb, self.deck, self.authored = path, nb, deck, authored


class Decks(dict):
    def __init__(self, root, built):
        super().__init__(built)
        self.root = root


class VoilaServer:
    """A running Voila serving notebooks/app/sampler_<lang>.ipynb (one server per language)."""

    def __init__(self, lang, url, notebook, log):
        self.lang, self.url, self.notebook, self.log = lang, url, notebook, log


@pytest.fixture(scope="session")
def voila_servers(chromium_browser, artifacts, tmp_path_factory):
    """{lang: VoilaServer}: the README's command, `voila notebooks/app/sampler_<lang>.ipynb
    --no-browser --Voila.ip=127.0.0.1`, from the repository's root, on free ports.

    Its own (empty) config and runtime folders, so that no user setting changes the page;
    the kernel inherits the environment minus MPLBACKEND. Both start at the same time.
    """
    base = tmp_path_factory.mktemp("voila")
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    env.update(JUPYTER_CONFIG_DIR=str(base / "config"), JUPYTER_RUNTIME_DIR=str(base / "runtime"),
               PYTHONUNBUFFERED="1")
    started, processes = {}, []
    try:
        for lang in LANGS:
            notebook = APP / f"sampler_{lang}.ipynb"
            if not notebook.exists():
                pytest.fail(f"{notebook} does not exist", pytrace=False)
            port = _free_port()
            url = f"http://127.0.0.1:{port}"
            log = artifacts / f"browser_voila_{lang}.log"
            command = [sys.executable, "-m", "voila", str(notebook.relative_to(REPO)),
                       "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
                       "--Voila.port_retries=0"]
            # Voila answers 403 under /voila/files/ until a notebook is asked for: any status
            # means it listens (GET / would start a kernel)
            processes.append(_start_server(f"Voila ({lang})", command, REPO, env, log,
                                           f"{url}/voila/files/", any_status=True))
            started[lang] = VoilaServer(lang, url, notebook, log)
        yield started
    finally:
        for process in processes:
            _stop(process)


class LabServer:
    """A running JupyterLab: its base URL and the folder it serves."""

    def __init__(self, url, root, log):
        self.url, self.root, self.log = url, root, log

    def notebook_url(self, lang):
        """The notebook in a Lab workspace of its own, reset: only this notebook is open."""
        return f"{self.url}/lab/workspaces/browser-test-{lang}/tree/{lang}/{NOTEBOOK}?reset"

    def notebook_path(self, lang):
        return self.root / lang / NOTEBOOK


@pytest.fixture(scope="session")
def jupyter_lab(chromium_browser, artifacts, tmp_path_factory):
    """JupyterLab on 127.0.0.1 serving a copy of notebooks/{es,en}/NOTEBOOK (sampling)."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    for lang in LANGS:
        source = NOTEBOOKS / lang / NOTEBOOK
        if not source.exists():
            pytest.fail(f"{source} does not exist", pytrace=False)
        (root / lang).mkdir(parents=True)
        shutil.copy2(source, root / lang / NOTEBOOK)

    # Lab's own folders, so that no user setting or saved workspace changes what the test sees.
    config_dir, settings_dir = base / "config", base / "settings"
    runtime_dir, workspaces_dir = base / "runtime", base / "workspaces"
    for folder in (config_dir, settings_dir, runtime_dir, workspaces_dir):
        folder.mkdir()
    # Every cell in the DOM (no virtual scrolling); no news, no update checks.
    for plugin, settings in {
        "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                        "checkForUpdates": False},
    }.items():
        path = settings_dir / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings))
    # No "is the build up to date?" check on every page load (it costs the server seconds).
    (config_dir / "labconfig").mkdir()
    (config_dir / "labconfig" / "page_config.json").write_text(
        json.dumps({"buildCheck": False, "buildAvailable": False}))

    env = dict(os.environ)
    env.pop("MPLBACKEND", None)       # the kernel inherits it: figures would not be displayed
    env.update(JUPYTER_CONFIG_DIR=str(config_dir), JUPYTER_RUNTIME_DIR=str(runtime_dir),
               PYTHONUNBUFFERED="1")

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = artifacts / "browser_lab_server.log"
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
               "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
               "--IdentityProvider.token=", "--ServerApp.password=",
               f"--ServerApp.root_dir={root}",
               "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               f"--LabApp.user_settings_dir={settings_dir}",
               f"--LabApp.workspaces_dir={workspaces_dir}"]
    process = _start_server("JupyterLab", command, root, env, log_path, f"{url}/api/status")
    try:
        yield LabServer(url, root, log_path)
    finally:
        _stop(process)
