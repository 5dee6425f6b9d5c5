"""`make serve`: a real live preview on 127.0.0.1 that rebuilds on save, translations included."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from websockets.sync.client import connect

from support import REPO, ROOTS, copy_project
START_TIMEOUT = 240  # the first build of a language, on a busy two-core machine
REBUILD_TIMEOUT = 120
STOP_TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(predicate, timeout: float, what: str, log):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}; the preview printed:\n{log.read_text()}")


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_preview_of_a_language_rebuilds_on_save_and_reloads_the_browser(tmp_path):
    root = copy_project(ROOTS / "multilingual", tmp_path / "p")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "HANDBOOK_ROOT": str(root)}
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "handbook", "serve", "--langs", "fi",
                                   "--port", str(port)], cwd=REPO, env=env, stdout=out,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/guide/deep/page.html"
        page = wait_for(lambda: fetch(url), START_TIMEOUT, "the first page", log)
        assert "<h1>Syvä sivu" in page  # Finnish: the translations are applied
        assert "/websocket-reload" in page  # the script that reloads the browser

        with connect(f"ws://127.0.0.1:{port}/websocket-reload", open_timeout=10) as browser:
            # An author saves a chapter…
            edit(root / "docs" / "guide" / "deep" / "page.md", "# Глубокая страница",
                 "# Глубокая страница\n\nАбзац, добавленный только что.")
            assert browser.recv(timeout=REBUILD_TIMEOUT) == "refresh"
            assert "Абзац, добавленный только что." in fetch(url)
            # …and a translator saves the .po file: it is watched too.
            edit(root / "locales" / "fi" / "LC_MESSAGES" / "guide" / "deep" / "page.po",
                 '"Syvä sivu"', '"Syvempi sivu"')
            assert browser.recv(timeout=REBUILD_TIMEOUT) == "refresh"
            assert "<h1>Syvempi sivu" in fetch(url)

            # Ctrl+C stops it, with a browser still connected, in bounded time.
            server.send_signal(signal.SIGINT)
            assert server.wait(timeout=STOP_TIMEOUT) == 0
        assert "Preview stopped." in log.read_text()
        assert fetch(url) is None
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_a_busy_port_is_reported_plainly(tmp_path):
    root = copy_project(ROOTS / "multilingual", tmp_path / "p")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "handbook", "serve", "--port", str(port)],
                                cwd=REPO, env={**os.environ, "HANDBOOK_ROOT": str(root)},
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"port {port} on 127.0.0.1 is in use" in result.stderr
    assert f"make serve PORT={port + 1}" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_serve_takes_the_language_from_langs_or_a_given_lang_never_the_locale():
    def planned(*args, env_lang="ru_RU.UTF-8"):
        result = subprocess.run(["make", "--no-print-directory", "-n", "serve", *args], cwd=REPO,
                                env={**os.environ, "LANG": env_lang}, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    assert 'serve --langs "" --port "8000"' in planned()  # the shell's locale is ignored
    assert 'serve --langs "fi" --port "8000"' in planned("LANGS=fi")
    assert 'serve --langs "en fi" --port "8001"' in planned("LANGS=en fi", "PORT=8001")
    given = planned("LANG=fi")  # the spelling, given on the command line
    assert 'serve --langs "fi"' in given and given.startswith("env -u LANG ")
