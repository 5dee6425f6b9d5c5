"""`make serve`: a real live preview on 127.0.0.1 that rebuilds on save, translations included, and
that answers only its own address and its own pages."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from support import REPO, ROOTS, copy_project

pytestmark = pytest.mark.slow  # runs the live preview and rebuilds

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

        with connect(f"ws://127.0.0.1:{port}/websocket-reload", origin=f"http://127.0.0.1:{port}",
                     open_timeout=10) as browser:
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


def request(port: int, host: str) -> tuple[int, str, str]:
    """A GET over a real socket to 127.0.0.1 with the Host header a browser would send."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/index.html", headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read().decode("utf-8")
    finally:
        connection.close()


def handshake(port: int, host: str, origin: str) -> str:
    """The status line of a WebSocket opening handshake written by hand over a socket."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall((f"GET /websocket-reload HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\n"
                            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").encode())
        return connection.recv(4096).decode("latin-1").split("\r\n", 1)[0]


def test_the_preview_answers_only_its_own_address_and_its_own_pages(tmp_path):
    # A page on another site that renamed itself to 127.0.0.1 (DNS rebinding) sends its own host name
    # in Host; a WebSocket opened from it (browsers allow that across sites) sends its Origin.
    root = copy_project(ROOTS / "tiny", tmp_path / "p")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "HANDBOOK_ROOT": str(root)}
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "handbook", "serve", "--port", str(port)],
                                  cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        wait_for(lambda: fetch(f"http://127.0.0.1:{port}/index.html"), START_TIMEOUT, "the first page", log)
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
            status, _, page = request(port, host)
            assert status == 200 and "Главная страница" in page, host
        for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port}.evil.example",
                     f"127.0.0.1:{port + 1}", "127.0.0.1", ""):
            status, kind, body = request(port, host)
            assert (status, kind) == (403, "text/plain; charset=utf-8"), host
            assert body == f"Forbidden: this preview answers only requests to its own address, " \
                           f"http://127.0.0.1:{port}/.\n", host
            assert "Главная" not in body

        socket_url = f"ws://127.0.0.1:{port}/websocket-reload"
        for origin in (f"http://localhost:{port}", f"http://127.0.0.1:{port}"):
            with connect(socket_url, origin=origin, open_timeout=10):
                pass
        for origin in ("http://evil.example", f"http://evil.example:{port}", f"https://127.0.0.1:{port}",
                       f"http://127.0.0.1:{port + 1}", "null", None):
            with pytest.raises(InvalidStatus) as refused:
                connect(socket_url, origin=origin, open_timeout=10)
            assert refused.value.response.status_code == 403, origin
        # Its own origin, but sent to a foreign Host (the websockets client always sends its own).
        assert handshake(port, f"evil.example:{port}", f"http://127.0.0.1:{port}").startswith(
            "HTTP/1.1 403 ")
        assert handshake(port, f"127.0.0.1:{port}", f"http://127.0.0.1:{port}").startswith("HTTP/1.1 101 ")
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
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
