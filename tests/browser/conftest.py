"""Fixtures for the real-browser acceptance test: a private JupyterLab server and headless Chromium.

These tests run only when ``LOGILAB_BROWSER=1`` (``make test-browser`` sets it),
so a plain ``make test`` stays fast and needs no browser.

The server runs from the project's ``.venv`` on 127.0.0.1 with a random free
port and a random token, in a temporary copy of ``notebooks/``, with its own
config, settings, workspace and runtime directories (nothing from the user's
home leaks in; the lab extensions in the venv's ``share/jupyter`` stay
reachable). It is stopped at the end of the session, also on failure.

Chromium is Debian's ``/usr/bin/chromium`` (``CHROMIUM`` overrides the path);
Playwright never downloads a browser of its own.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "build" / "browser"
ENABLED = os.environ.get("LOGILAB_BROWSER", "") not in ("", "0")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SERVER_START_TIMEOUT = 90  # seconds

# Settings written into the private settings directory: no news or update
# pop-ups over the notebook, no extension manager reaching out to PyPI.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
}


def pytest_collection_modifyitems(config, items):
    if ENABLED:
        return
    skip = pytest.mark.skip(reason="browser test: run `make test-browser` (or set LOGILAB_BROWSER=1)")
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(skip)


def pytest_report_header(config):
    if ENABLED:
        return f"browser tests: chromium {CHROMIUM}, artifacts in {ARTIFACTS.relative_to(ROOT)}/"
    return None


def pytest_terminal_summary(terminalreporter):
    if ENABLED and ARTIFACTS.exists():
        pictures = sorted(ARTIFACTS.glob("*.png"))
        terminalreporter.section("browser artifacts")
        terminalreporter.write_line(f"{len(pictures)} screenshot(s) in {ARTIFACTS}:")
        for picture in pictures:
            terminalreporter.write_line(f"  {picture.relative_to(ROOT)}")


@dataclass(frozen=True)
class LabServer:
    """A running JupyterLab server: where it is and how to reach it."""

    url: str
    token: str
    root_dir: Path
    log: Path

    def api(self, path: str, *, method: str = "GET") -> object:
        request = urllib.request.Request(f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _jupyter_executable() -> Path:
    venv_jupyter = ROOT / ".venv" / "bin" / "jupyter"
    if venv_jupyter.exists():
        return venv_jupyter
    return Path(sys.executable).parent / "jupyter"


def _stop(process: subprocess.Popen) -> None:
    """Terminate the server (it shuts its kernels down), then kill its process group if it lingers."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``build/browser/``, emptied at the start of the run; screenshots and logs go here."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory) -> LabServer:
    base = tmp_path_factory.mktemp("lab")
    root_dir = base / "notebooks"
    shutil.copytree(NOTEBOOKS, root_dir, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings_dir = base / "settings"
    for name, values in LAB_SETTINGS.items():
        target = settings_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")
    for name in ("config", "data", "runtime", "workspaces", "ipython"):
        (base / name).mkdir()

    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTER_DATA_DIR=str(base / "data"),  # user-level only; the venv's share/jupyter stays on the path
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
        JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
        IPYTHONDIR=str(base / "ipython"),
        JUPYTER_PLATFORM_DIRS="0",
    )
    env.pop("JUPYTER_PATH", None)
    port, token = _free_port(), secrets.token_hex(24)
    command = [
        str(_jupyter_executable()),
        "lab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        f"--LabApp.user_settings_dir={settings_dir}",
        f"--LabApp.workspaces_dir={base / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--LabApp.news_url=",
    ]
    log = base / "server.log"
    server = LabServer(url=f"http://127.0.0.1:{port}", token=token, root_dir=root_dir, log=log)
    with open(log, "wb") as log_file:
        process = subprocess.Popen(command, cwd=root_dir, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with code {process.returncode} before it was ready:\n{server.log_tail()}")
            try:
                urllib.request.urlopen(f"{server.url}/api/status?token={token}", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer /api/status within {SERVER_START_TIMEOUT} s:\n{server.log_tail()}")
                time.sleep(0.25)
        yield server
    finally:
        _stop(process)
        if ARTIFACTS.exists():
            shutil.copy(log, ARTIFACTS / "jupyterlab-server.log")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` (or set CHROMIUM=<path>).")
    from playwright.sync_api import sync_playwright

    # launch() gives Chromium a fresh temporary profile (user-data-dir) and removes it on close.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, timeout=60_000)
        try:
            yield browser
        finally:
            browser.close()
