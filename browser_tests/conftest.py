"""Browser tests: a real JupyterLab on 127.0.0.1, driven by Debian's Chromium through playwright.

Run them on their own (CI does, after the main suite):

    LSTM_NP_DATA=/path/to/corpora python -m pytest browser_tests

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
- Screenshots and the Lab server's log go to ``artifacts/`` (git-ignored).
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
ARTIFACTS = REPO / "artifacts"
LANGS = ("es", "en")
NOTEBOOK = "05_sampling.ipynb"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SKIP_VARIABLE = "LSTM_NP_SKIP_BROWSER"

SERVER_START_TIMEOUT = 90       # seconds; Lab starts in ~5 s on an idle 2-core machine


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


def _answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
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


@pytest.fixture(scope="session")
def artifacts():
    """artifacts/ at the repository's root (git-ignored): screenshots, the Lab server's log."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


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
    """JupyterLab on 127.0.0.1 serving a copy of notebooks/{es,en}/04_sampling.ipynb."""
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
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=root, env=env, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _answers(f"{url}/api/status"):
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with code {process.returncode}:\n"
                            f"{_tail(log_path)}", pytrace=False)
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer on {url} within "
                            f"{SERVER_START_TIMEOUT} s:\n{_tail(log_path)}", pytrace=False)
            time.sleep(0.25)
        yield LabServer(url, root, log_path)
    finally:
        _stop(process)
