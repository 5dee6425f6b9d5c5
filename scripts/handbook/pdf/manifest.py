"""manifest.json in _build/site/pdf/: every PDF with its language, variant, pages, size and hash."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

NAME = "manifest.json"


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
              print_mode: str = "") -> Entry:
    data = pdf.read_bytes()
    return Entry(pdf.relative_to(site).as_posix(), language, variant, title, pages, len(data),
                 hashlib.sha256(data).hexdigest(), print_mode)


def read(site: Path) -> list[Entry]:
    path = site / "pdf" / NAME
    if not path.is_file():
        return []
    try:
        items = json.loads(path.read_text(encoding="utf-8")).get("pdfs", [])
        return [Entry(**item) for item in items]
    except (ValueError, TypeError, AttributeError):
        return []  # a damaged manifest is rebuilt from what this build makes


def merge(site: Path, new: list[Entry]) -> list[Entry]:
    """Add or replace entries; keep those of PDFs still on disk (built earlier, other languages)."""
    by_file = {e.file: e for e in read(site) if (site / e.file).is_file()}
    by_file.update({e.file: e for e in new})
    entries = sorted(by_file.values(), key=lambda e: (e.language, e.variant != "standard",
                                                      e.variant, e.file))
    path = site / "pdf" / NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"pdfs": [asdict(e) for e in entries]}, ensure_ascii=False, indent=2) + "\n"
    # Outside the published site: a build killed while writing leaves nothing half-written there.
    partial = site.parent / (NAME + ".part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
    return entries
