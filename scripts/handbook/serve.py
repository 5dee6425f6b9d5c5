"""Live preview of one language (`make serve`): rebuild on save, reload the browser.

The watching, serving and browser reloading are sphinx-autobuild's (pinned in pyproject.toml);
the rebuild is ours, so that the preview applies the language's translations, watches its .po
files, and prints problems the way `make html` does (file, line, how to fix).
"""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from handbook.local_only import LocalOnly
from handbook.paths import Layout

HOST = "127.0.0.1"  # never another interface: a preview is for the author's own machine
DEFAULT_PORT = 8000
# Files that change while a build runs, or that editors write beside the real file.
IGNORED = [r"\.mo$", r"\.swp$", r"\.swx$", r"~$", r"/\.#[^/]*$", r"/4913$", r"\.tmp$"]


def preview_dirs(layout: Layout, lang: str) -> tuple[Path, Path]:
    """Output and doctree folders of the preview, apart from `make html`'s (its up-to-date
    check must not be fooled by a half-finished preview build)."""
    return layout.build / "serve" / lang, layout.build / "serve" / "doctrees" / lang


def watched_paths(layout: Layout, lang: str) -> list[Path]:
    paths = [layout.docs, layout.conf]
    catalogs = layout.locales / lang
    if catalogs.is_dir():
        paths.append(catalogs)
    return paths


class Rebuild:
    """Called by the watcher (in a worker process) after each change; builds in a fresh process,
    because Sphinx keeps translations in module globals that a long-lived process would keep stale."""

    def __init__(self, layout: Layout, lang: str, url: str) -> None:
        self.root = str(layout.root)
        self.lang = lang
        self.url = url

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        layout = Layout(Path(self.root))
        changed = [layout.rel(p) for p in changed_paths[:3]]
        if changed:
            print(f"Changed: {', '.join(changed)} — rebuilding {self.lang}…", flush=True)
        subprocess.run([sys.executable, "-m", "handbook.serve", self.root, self.lang], check=False)
        print(f"Preview: {self.url} (the browser reloads by itself; Ctrl+C stops the preview)", flush=True)


def build_once(root: str, lang: str) -> int:
    """One preview build; problems are printed but do not stop the preview."""
    from handbook import build
    from handbook.fingerprint import StateFile, fingerprint

    layout = Layout(Path(root))
    outdir, doctreedir = preview_dirs(layout, lang)
    started = time.perf_counter()
    # Re-read everything only when the toolchain changed since the last preview, as `make html` does.
    state = StateFile(layout.state / f"serve-{lang}.json")
    toolchain = fingerprint(build._toolchain(layout))
    fresh = not state.toolchain_matches(toolchain)
    result = build.build_language(root, lang, "html", str(outdir), str(doctreedir), fresh=fresh)
    if not result.crash:
        state.record("", toolchain)
    for message in result.messages:
        print(message, file=sys.stderr, flush=True)
    if result.crash:
        print(result.crash, file=sys.stderr, flush=True)
        print(f"  {lang}: the build crashed — this is a bug in the toolchain; please report it "
              "with the text above", flush=True)
        return 1
    seconds = time.perf_counter() - started
    count = result.problem_count
    # Sphinx re-reads only the changed pages, so only their problems are known here.
    if count:
        print(f"  {lang}: built in {seconds:.1f} s; {count} problem{'s' if count != 1 else ''} in the pages "
              "just rebuilt (listed above) — the preview shows them anyway; fix them before you publish",
              flush=True)
    else:
        print(f"  {lang}: built in {seconds:.1f} s, no problems in the pages just rebuilt", flush=True)
    return 0 if result.ok else 1


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def serve(layout: Layout, lang: str, port: int = DEFAULT_PORT) -> int:
    """Build once, then serve on http://127.0.0.1:<port>/ until Ctrl+C, rebuilding on every save."""
    import uvicorn
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
    from sphinx_autobuild.server import RebuildServer
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    if not port_is_free(port):
        print(f"handbook serve: error: port {port} on {HOST} is in use (another preview?) — stop it "
              f"with Ctrl+C in its terminal, or choose another port: make serve PORT={port + 1}",
              file=sys.stderr)
        return 2
    url = f"http://{HOST}:{port}/"
    outdir, _ = preview_dirs(layout, lang)
    outdir.mkdir(parents=True, exist_ok=True)
    rebuild = Rebuild(layout, lang, url)
    print(f"Preview of {lang}: first build…", flush=True)
    rebuild(changed_paths=())
    ignore = IgnoreFilter([layout.build, layout.root / ".git", layout.root / ".venv"], IGNORED)
    watcher = RebuildServer(watched_paths(layout, lang), ignore, change_callback=rebuild)
    app = Starlette(
        routes=[WebSocketRoute("/websocket-reload", watcher, name="reload"),
                Mount("/", app=StaticFiles(directory=outdir, html=True), name="static")],
        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=f"{HOST}:{port}")],
        lifespan=watcher.lifespan,
    )
    config = uvicorn.Config(LocalOnly(app, port), host=HOST, port=port, log_level="warning",
                            timeout_graceful_shutdown=2)
    try:
        uvicorn.Server(config).run()
    except KeyboardInterrupt:
        pass
    print("Preview stopped.", flush=True)
    return 0


def rebuild_main(root: str, lang: str) -> int:
    """The preview's rebuild process: one build, holding the checkout's build lock (it waits for a
    `make html` running meanwhile, and that waits for it), ended with the preview."""
    from handbook import buildlock, faults, processes

    processes.die_with_parent(os.getppid())
    layout = Layout(Path(root))
    try:
        with buildlock.held(layout.build):
            return build_once(root, lang)
    except (OSError, faults.Fault) as exc:
        fault = faults.from_exception(exc, layout.root)
        if fault is None:
            raise
        print(f"handbook: error: {fault}", file=sys.stderr, flush=True)
        return 1


if __name__ == "__main__":
    sys.exit(rebuild_main(sys.argv[1], sys.argv[2]))
