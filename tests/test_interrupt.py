"""Killing a build in the middle leaves the previous complete site and PDFs in place; the next build
finishes the job."""

import ctypes
import hashlib
import json
import os
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from support import ROOTS, copy_project

pytestmark = pytest.mark.slow  # real processes: builds interrupted

PAGES = 120
IN_CREATE, IN_MOVED_TO = 0x100, 0x80  # <sys/inotify.h>


def _cli(root, *args, **kwargs):
    env = dict(os.environ, HANDBOOK_ROOT=str(root))
    return subprocess.Popen([sys.executable, "-m", "handbook", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, **kwargs)


def _snapshot(tree):
    return {p.relative_to(tree): p.read_bytes() for p in tree.rglob("*") if p.is_file()}


def test_killed_build_keeps_previous_output_and_next_build_finishes(tmp_path):
    root = copy_project(ROOTS / "multilingual", tmp_path / "p")
    extra = root / "docs" / "extra"
    extra.mkdir()
    for n in range(PAGES):
        (extra / f"p{n:03}.md").write_text(f"# Страница {n}\n\n" + "Текст абзаца. " * 100 + "\n",
                                           encoding="utf-8")
    index = root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("guide/deep/page\n", "guide/deep/page\nextra/*\n")
                     .replace("```{toctree}\n", "```{toctree}\n:glob:\n"), encoding="utf-8")
    first = _cli(root, "html", "--langs", "ru")
    assert first.wait(timeout=600) == 0, first.stderr.read()
    site = root / "_build" / "site" / "ru"
    before = _snapshot(site)
    assert "Текст абзаца" in (site / "extra" / "p000.html").read_text(encoding="utf-8")

    # Every page changes, so the next build rewrites every page.
    for page in extra.iterdir():
        page.write_text(page.read_text(encoding="utf-8").replace("Текст", "Новый текст"), encoding="utf-8")
    work = root / "_build" / "work" / "html" / "ru"
    started = time.time()
    second = _cli(root, "html", "--langs", "ru")
    deadline = started + 600
    while time.time() < deadline:
        if any(p.stat().st_mtime > started for p in work.glob("extra/*.html")):
            break
        assert second.poll() is None, "the build ended before it could be interrupted"
        time.sleep(0.05)
    assert second.poll() is None, "the build ended before it could be interrupted"
    os.killpg(second.pid, signal.SIGKILL)
    second.wait(timeout=60)

    assert _snapshot(site) == before

    third = _cli(root, "html", "--langs", "ru")
    out, err = third.communicate(timeout=600)
    assert third.returncode == 0, err
    assert "  ru: built" in out
    assert "Новый текст" in (site / "extra" / "p000.html").read_text(encoding="utf-8")


def _parent(pid):
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return 0
    return int(stat.rsplit(")", 1)[1].split()[1])  # the field after the state


def _render_children(build):
    """Process ids of the WeasyPrint children of a running build (its descendants)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"handbook.pdf.render" not in cmdline:
            continue
        pid = ancestor = int(proc.name)
        while ancestor > 1 and ancestor != build.pid:
            ancestor = _parent(ancestor)
        if ancestor == build.pid:
            found.append(pid)
    return found


def _alive(pid):
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().split()[2] not in ("Z", "X")
    except OSError:
        return False


def test_killed_pdf_build_keeps_previous_pdf_and_manifest_and_next_build_finishes(tmp_path):
    root = copy_project(ROOTS / "pdf", tmp_path / "p")
    args = ("pdf", "--langs", "ru", "--edition", "standard")
    first = _cli(root, *args)
    assert first.wait(timeout=600) == 0, first.stderr.read()
    out = root / "_build" / "site" / "pdf"
    before = _snapshot(out)
    pdf, manifest = out / "handbook-ru.pdf", out / "manifest.json"
    entry, = json.loads(manifest.read_text(encoding="utf-8"))["pdfs"]
    assert entry["file"] == "pdf/handbook-ru.pdf"

    (root / "docs" / "chapters" / "04-new.md").write_text("# Новая глава\n\nТекст новой главы.\n",
                                                          encoding="utf-8")
    second = _cli(root, *args)
    deadline = time.time() + 600
    while time.time() < deadline and not _render_children(second):
        assert second.poll() is None, "the build ended before WeasyPrint started"
        time.sleep(0.02)
    rendering, = _render_children(second)
    time.sleep(0.5)  # well into the layout
    assert _alive(rendering), "WeasyPrint finished before it could be interrupted"
    os.killpg(second.pid, signal.SIGKILL)
    second.wait(timeout=60)
    for _ in range(100):  # the whole process group goes, the renderer with it
        if not _alive(rendering):
            break
        time.sleep(0.05)
    assert not _alive(rendering)

    # The previous PDF and its manifest are there, whole, and nothing half-written beside them.
    assert _snapshot(out) == before
    old = PdfReader(pdf)
    assert len(old.pages) == entry["pages"]
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == entry["sha256"]
    assert "Новая глава" not in [item.title for item in old.outline if not isinstance(item, list)]

    third = _cli(root, *args)
    stdout, stderr = third.communicate(timeout=600)
    assert third.returncode == 0, stderr
    assert "pdf/handbook-ru.pdf:" in stdout
    assert sorted(p.name for p in out.iterdir()) == ["handbook-ru.pdf", "manifest.json"]
    new = PdfReader(pdf)
    assert "Новая глава" in [item.title for item in new.outline if not isinstance(item, list)]
    entry, = json.loads(manifest.read_text(encoding="utf-8"))["pdfs"]
    assert entry["pages"] == len(new.pages) >= len(old.pages)
    assert entry["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest() != before[Path("handbook-ru.pdf")]


def _watch(folder):
    """Linux inotify on ``folder``: a function returning (event, name) of every file created or
    moved in since, so that even a file that lives a millisecond is seen."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.inotify_init1(os.O_NONBLOCK)
    assert fd >= 0 and libc.inotify_add_watch(fd, str(folder).encode(), IN_CREATE | IN_MOVED_TO) >= 0

    def events():
        found = []
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            data = b""
        while data:
            _, mask, _, size = struct.unpack_from("iIII", data)
            name = data[16:16 + size].rstrip(b"\0").decode()
            found.append(("created" if mask & IN_CREATE else "moved in", name))
            data = data[16 + size:]
        os.close(fd)
        return found

    return events


def test_pdf_and_manifest_are_moved_into_the_published_folder_whole(tmp_path):
    """What makes a kill at any moment harmless: nothing is ever written in place, so no moment
    exists at which the published folder holds half a file (the kill above lands in the layout)."""
    from handbook.pdf import manifest
    from handbook.pdf.render import render

    work, site = tmp_path / "_build" / "pdf-html", tmp_path / "_build" / "site"
    work.mkdir(parents=True)
    (site / "pdf").mkdir(parents=True)
    html = work / "standard.html"
    html.write_text('<html lang="ru"><body><h1>Заголовок</h1><p>Текст.</p></body></html>', encoding="utf-8")
    events = _watch(site / "pdf")
    # As the PDF builder does: rendered beside the print HTML, then put in place with its entry.
    staged, target = work / "handbook-ru.pdf", site / "pdf" / "handbook-ru.pdf"
    result = render(html, staged, [work], [], tagged=False)
    assert result.ok, result.problems
    manifest.place(site, [(staged, manifest.entry_for(staged, site, "ru", "standard", "T", result.pages,
                                                      target=target))])
    assert events() == [("moved in", "handbook-ru.pdf"), ("moved in", "manifest.json")]
    assert manifest.read(site)[0].file == "pdf/handbook-ru.pdf"
