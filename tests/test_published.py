"""The published site is what the current sources make, and only what builds without problems make:
what the sources no longer use leaves the site, a failed language or PDF keeps what was published
before, and manifest.json describes exactly the PDFs in place, whenever a build is stopped."""

import base64
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOTS, copy_project, run_command
from handbook import commands
from handbook.paths import Layout
from handbook.pdf import command, manifest

pytestmark = pytest.mark.slow  # builds copies of a root, several times

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
INDEX = "# Главная страница\n\nТекст главной страницы.\n"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _names(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def test_an_image_a_download_and_a_page_the_sources_drop_leave_the_site(tmp_path):
    layout = Layout(copy_project(ROOTS / "tiny", tmp_path / "p"))
    docs = layout.docs
    (docs / "kept.png").write_bytes(PNG)
    (docs / "dropped.png").write_bytes(PNG + b"\0")
    (docs / "form.txt").write_text("Бланк заявки\n", encoding="utf-8")
    (docs / "kept.md").write_text("# Оставшаяся страница\n\n![Схема](kept.png)\n", encoding="utf-8")
    (docs / "old.md").write_text("# Старая страница\n\nТекст.\n", encoding="utf-8")
    (docs / "index.md").write_text(INDEX + "\n![Старая схема](dropped.png)\n\nСкачайте {download}`бланк <form.txt>`.\n"
                                   "\n```{toctree}\nkept\nold\n```\n", encoding="utf-8")
    first = run_command(commands.html, "ru", layout)
    assert first.status == 0, first.out + first.err
    site = layout.site / "ru"
    assert _names(site / "_images") == ["dropped.png", "kept.png"]
    download, = _names(site / "_downloads")
    assert download.endswith("/form.txt")
    assert (site / "old.html").is_file()
    assert "_downloads/" + download in (site / "index.html").read_text(encoding="utf-8")
    kept_page = (site / "kept.html").read_bytes()

    # The page, the image and the download go from the sources; kept.md is not even rewritten.
    (docs / "index.md").write_text(INDEX + "\n```{toctree}\nkept\n```\n", encoding="utf-8")
    for name in ("old.md", "dropped.png", "form.txt"):
        (docs / name).unlink()
    second = run_command(commands.html, "ru", layout)
    assert second.status == 0, second.out + second.err
    for folder in (site, layout.work / "html" / "ru"):
        assert _names(folder / "_images") == ["kept.png"], folder
        assert _names(folder / "_downloads") == [], folder
        assert not (folder / "old.html").exists(), folder
        # What every build writes again, and what this one did not need to write, are still there.
        for page in ("index.html", "kept.html", "genindex.html", "search.html"):
            assert (folder / page).is_file(), (folder, page)
    assert (site / "kept.html").read_bytes() == kept_page
    assert "old.html" not in (site / "index.html").read_text(encoding="utf-8")
    assert _files(site) == _files(layout.work / "html" / "ru")


def _break_catalog(layout: Layout, lang: str) -> None:
    po = layout.locales / lang / "LC_MESSAGES" / "index.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "Сломано"\nmsgstr "Rikki\n', encoding="utf-8")


def test_a_language_that_fails_keeps_its_previous_site_and_the_others_are_published(tmp_path):
    layout = Layout(copy_project(ROOTS / "tiny", tmp_path / "p"))
    po = layout.locales / "fi" / "LC_MESSAGES" / "index.po"
    good_po = po.read_text(encoding="utf-8")
    _break_catalog(layout, "fi")
    never = run_command(commands.html, "", layout)
    assert never.status == 1
    assert "  fi: failed with 1 problem (listed above; the build is strict: every warning must be fixed) — " \
           "no site of fi is published" in never.out
    assert not (layout.site / "fi").exists()
    assert (layout.work / "html" / "fi" / "index.html").is_file()  # built, not published
    assert "  ru: built" in never.out and (layout.site / "ru" / "index.html").is_file()

    po.write_text(good_po, encoding="utf-8")
    fixed = run_command(commands.html, "", layout)
    assert fixed.status == 0, fixed.out + fixed.err
    before = _files(layout.site / "fi")
    assert "<h1>Etusivu" in before["index.html"].decode()

    # Both languages change; fi fails again: its site stays as it was, byte for byte.
    index = layout.docs / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nНовый абзац.\n", encoding="utf-8")
    _break_catalog(layout, "fi")
    again = run_command(commands.html, "", layout)
    assert again.status == 1
    assert "  fi: failed with 1 problem (listed above; the build is strict: every warning must be fixed) — " \
           "the previous site of fi is kept" in again.out
    assert "HTML build failed for fi" in again.out
    assert _files(layout.site / "fi") == before
    assert "Новый абзац." in (layout.work / "html" / "fi" / "index.html").read_text(encoding="utf-8")
    assert "Новый абзац." in (layout.site / "ru" / "index.html").read_text(encoding="utf-8")


def _assert_manifest_describes_the_pdfs(site: Path) -> list[dict]:
    """manifest.json, as written, lists exactly the PDFs in pdf/, each with its size and hash."""
    entries = json.loads((site / "pdf" / manifest.NAME).read_text(encoding="utf-8"))["pdfs"]
    assert sorted(e["file"] for e in entries) == sorted(f"pdf/{p.name}" for p in (site / "pdf").glob("*.pdf"))
    for entry in entries:
        data = (site / entry["file"]).read_bytes()
        assert (entry["bytes"], entry["sha256"]) == (len(data), hashlib.sha256(data).hexdigest()), entry["file"]
    return entries


def test_a_failed_pdf_build_replaces_nothing_and_pdfs_no_longer_made_leave(tmp_path):
    layout = Layout(copy_project(ROOTS / "pdf", tmp_path / "p"))
    site, out = layout.site, layout.site / "pdf"
    first = run_command(command.pdf, "ru", "standard pskov", "", layout)
    assert first.status == 0, first.out + first.err
    assert sorted(e["file"] for e in _assert_manifest_describes_the_pdfs(site)) == [
        "pdf/handbook-ru-pskov.pdf", "pdf/handbook-ru.pdf"]
    before = _files(out)

    # A new chapter, and a warning: the PDF is made, but not put in place.
    chapter = layout.docs / "chapters" / "01-intro.md"
    good = chapter.read_text(encoding="utf-8")
    chapter.write_text(good + "\nНовый абзац со ссылкой на {ref}`no-such-label`.\n", encoding="utf-8")
    failed = run_command(command.pdf, "ru", "standard", "", layout)
    assert failed.status == 1
    assert "no-such-label" in failed.err
    assert "  ru: failed with 1 problem (listed above; the build is strict: every warning must be fixed) — " \
           "the previous PDFs of ru are kept" in failed.out
    made = layout.build / "pdf-html" / "ru" / "handbook-ru.pdf"
    assert made.is_file() and made.read_bytes() != before["handbook-ru.pdf"]
    assert _files(out) == before
    _assert_manifest_describes_the_pdfs(site)

    # Fixed, without the Pskov edition, and a PDF no manifest lists: only what is made stays.
    chapter.write_text(good + "\nНовый абзац.\n", encoding="utf-8")
    conf = layout.conf.read_text(encoding="utf-8")
    start = conf.index('    "pskov":')
    layout.conf.write_text(conf[:start] + conf[conf.index("\n", start) + 1:], encoding="utf-8")
    (out / "handbook-ru-old.pdf").write_bytes(before["handbook-ru.pdf"])
    fixed = run_command(command.pdf, "ru", "standard", "", layout)
    assert fixed.status == 0, fixed.out + fixed.err
    entry, = _assert_manifest_describes_the_pdfs(site)
    assert entry["file"] == "pdf/handbook-ru.pdf"
    assert (out / "handbook-ru.pdf").read_bytes() != before["handbook-ru.pdf"]
    assert not made.exists()  # moved into place


# A real kill at each step of putting two PDFs in place: the child renames as place() does and
# kills itself with SIGKILL right after the rename numbered KILL_AFTER.
_KILLED = """
import os, signal, sys
from pathlib import Path
from handbook.pdf import manifest

site, kill_after = Path(sys.argv[1]), int(sys.argv[2])
renames, real = [], os.replace
def replace(src, dst):
    real(src, dst)
    renames.append(Path(dst).name)
    print(Path(dst).name, flush=True)
    if len(renames) == kill_after:
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
staged = [(Path(p), manifest.entry_for(Path(p), site, "ru", v, v, 1, target=site / "pdf" / Path(p).name))
          for p, v in ((sys.argv[3], "standard"), (sys.argv[4], "large-print"))]
manifest.place(site, staged, "ru", {"standard", "large-print"})
"""


@pytest.mark.parametrize("kill_after", [1, 2, 3, 4])
def test_a_kill_between_two_pdfs_leaves_a_manifest_that_describes_the_files(tmp_path, kill_after):
    site, work = tmp_path / "_build" / "site", tmp_path / "_build" / "pdf-html"
    work.mkdir(parents=True)
    names = ("handbook-ru.pdf", "handbook-ru-large-print.pdf")

    def stage(text: str) -> list[Path]:
        paths = [work / name for name in names]
        for path in paths:
            path.write_bytes(f"%PDF-1.7 {path.name} {text}".encode())
        return paths

    old = stage("old")
    manifest.place(site, [(p, manifest.entry_for(p, site, "ru", v, v, 1, target=site / "pdf" / p.name))
                          for p, v in zip(old, ("standard", "large-print"), strict=True)])
    new = stage("new")  # as long as the old: only the hash tells them apart
    child = subprocess.run([sys.executable, "-c", _KILLED, str(site), str(kill_after), *map(str, new)],
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == -9, child.stderr
    # PDF, manifest, PDF, manifest: the child was killed right after the rename of kill_after.
    assert child.stdout.split() == ["handbook-ru.pdf", "manifest.json", "handbook-ru-large-print.pdf",
                                    "manifest.json"][:kill_after]

    # What the manifest lists is exactly what is in place; the one PDF renamed without its entry is
    # left out by the reader (and built again by the next `make pdf`).
    listed = {e.file: (site / e.file).read_bytes() for e in manifest.read(site)}
    expected = {
        1: {"pdf/handbook-ru-large-print.pdf": b"old"},
        2: {"pdf/handbook-ru.pdf": b"new", "pdf/handbook-ru-large-print.pdf": b"old"},
        3: {"pdf/handbook-ru.pdf": b"new"},
        4: {"pdf/handbook-ru.pdf": b"new", "pdf/handbook-ru-large-print.pdf": b"new"},
    }[kill_after]
    assert {f: data.split(b" ")[2] for f, data in listed.items()} == expected
    assert all(manifest.describes(e, site) for e in manifest.read(site))

    # The next placement (the next build) leaves the manifest and the folder in agreement.
    manifest.place(site, [], "ru", {"standard", "large-print"})
    assert sorted(e["file"] for e in _assert_manifest_describes_the_pdfs(site)) == sorted(expected)
