"""Browser fixtures: the real handbook served on 127.0.0.1 and one headless Debian Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# As root on a closed network: no sandbox, and no background connections that would be refused.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass


@pytest.fixture(scope="session")
def site_url(handbook_site) -> Iterator[str]:
    """The built handbook, served by a local HTTP server on a free port."""
    assert handbook_site.run.status == 0, handbook_site.run.out + handbook_site.run.err
    handler = functools.partial(_QuietHandler, directory=str(handbook_site.layout.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing — install it with `apt-get install -y chromium` "
                    "(.ci/run does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()



@pytest.fixture(scope="session")
def screenshots_dir(request, tmp_path_factory) -> Path:
    """Where the screenshots go: a temporary folder, or the folder given with --screenshots-dir
    (`make screenshots`: _build/screenshots/, where people look at them), emptied first."""
    chosen = request.config.getoption("--screenshots-dir")
    if not chosen:
        return tmp_path_factory.mktemp("screenshots")
    target = Path(chosen).resolve()
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    return target
