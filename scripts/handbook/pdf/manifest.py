"""manifest.json in _build/site/pdf/: every PDF with its language, variant, pages, size and hash,
and the one way PDFs are put in place beside it."""

from __future__ import annotations

import fcntl
import hashlib
import json
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from handbook import atomic

NAME = "manifest.json"
_DIGESTS: dict[tuple[str, int, int, int], str] = {}  # a file's hash, known while it is unchanged


@dataclass(frozen=True)
class Entry:
    file: str  # relative to _build/site/
    language: str
    variant: str  # "standard", an edition name, "large-print" or "handout-<name>"
    title: str
    pages: int
    bytes: int
    sha256: str
    print: str = ""  # "shop": with bleed and crop marks, for a print shop


def entry_for(pdf: Path, site: Path, language: str, variant: str, title: str, pages: int,
              print_mode: str = "", target: Path | None = None) -> Entry:
    """The entry of a PDF; ``target``: where it will be published, if it is not there yet."""
    data = pdf.read_bytes()
    return Entry((target or pdf).relative_to(site).as_posix(), language, variant, title, pages, len(data),
                 hashlib.sha256(data).hexdigest(), print_mode)


def _digest(path: Path) -> str:
    stat = path.stat()
    # A PDF is never written in place (a new one is renamed over it, a new inode), so a file of
    # the same inode, size and time is the same file: hashed once per process.
    key = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)
    if key not in _DIGESTS:
        _DIGESTS[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _DIGESTS[key]


def describes(entry: Entry, site: Path) -> bool:
    """The entry describes the file in place: it exists, with the entry's size and hash."""
    path = site / entry.file
    try:
        return path.is_file() and path.stat().st_size == entry.bytes and _digest(path) == entry.sha256
    except OSError:
        return False


def _listed(site: Path) -> list[Entry]:
    path = site / "pdf" / NAME
    if not path.is_file():
        return []
    try:
        items = json.loads(path.read_text(encoding="utf-8")).get("pdfs", [])
        return [Entry(**item) for item in items]
    except (ValueError, TypeError, AttributeError):
        return []  # a damaged manifest is rebuilt from what this build makes


def read(site: Path) -> list[Entry]:
    """The entries that describe the PDFs in place. One whose file is missing or differs (a build
    killed between putting a PDF in place and writing its entry) is left out: that PDF is built
    again by the next `make pdf`, and removed meanwhile."""
    return [e for e in _listed(site) if describes(e, site)]


def _ordered(entries: Collection[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.language, e.variant != "standard", e.variant, e.file))


def _text(entries: dict[str, Entry]) -> str:
    return json.dumps({"pdfs": [asdict(e) for e in _ordered(entries.values())]}, ensure_ascii=False,
                      indent=2) + "\n"


@contextmanager
def _replacing_manifest(site: Path) -> Iterator[Path]:
    """The manifest's temporary file, written beside the site (outside it: a build killed while
    writing leaves nothing half-written there), renamed into place when the block ends."""
    with atomic.replacing(site / "pdf" / NAME, scratch=site.parent) as partial:
        yield partial


def place(site: Path, staged: list[tuple[Path, Entry]], language: str = "",
          variants: Collection[str] | None = None) -> list[Entry]:
    """Put each staged PDF in place in ``<site>/pdf/`` with its manifest entry, one PDF at a time:
    the PDF is renamed into place, then the manifest with its entry; a kill between the two leaves
    an entry that no longer matches its file, which read() leaves out. Then ``language``'s PDFs of
    variants not in ``variants`` (no longer configured) and every PDF the manifest does not list go,
    their entries first. Returns the manifest's entries."""
    folder = site / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    # Languages build in parallel processes: one writer at a time. The lock is outside the site.
    with (site.parent / "manifest.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        entries = {e.file: e for e in read(site)}
        for path, entry in staged:
            entries[entry.file] = entry
            # The new manifest is written first, so that the two renames follow each other.
            with _replacing_manifest(site) as partial:
                partial.write_text(_text(entries), encoding="utf-8")
                atomic.put_in_place(path, site / entry.file)
        if variants is not None:
            entries = {f: e for f, e in entries.items() if e.language != language or e.variant in variants}
        if set(_listed(site)) != set(entries.values()) or not (folder / NAME).is_file():
            with _replacing_manifest(site) as partial:
                partial.write_text(_text(entries), encoding="utf-8")
        listed = {site / f for f in entries}
        for path in folder.glob("*.pdf"):
            if path not in listed:
                path.unlink()
    return _ordered(entries.values())
