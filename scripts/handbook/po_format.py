"""One line wrapping for every .po file, so that Poedit, Babel and polib cause no diff noise.

The canonical form is the one `make update-po` writes (handbook.po.catalog: polib at a fixed
width); translators' editors and other tools write other wrappings, and this module rewrites them
(through the same writer). Only the wrapping changes: comments, flags, previous msgids (``#|``),
obsolete entries and the header stay as they are.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import polib

from handbook.paths import Layout
from handbook.po import catalog as po_catalog
from handbook.po import syntax as po_syntax


class PoSyntaxError(Exception):
    """A .po file that cannot be read; ``line`` is where the reader gave up (0 if unknown)."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(reason)
        self.path, self.line, self.reason = path, line, reason


def _readable(path: Path) -> polib.POFile:
    """The catalog, once the one syntax check (handbook.po.syntax) found nothing that polib would
    read wrong (an unclosed quote loses a letter): a broken file is never rewritten."""
    problem = po_syntax.first_error(path.read_bytes())
    if problem is not None:
        raise PoSyntaxError(path, *problem)
    try:
        return po_catalog.load(path)
    except (OSError, ValueError) as exc:
        raise PoSyntaxError(path, 0, str(exc)) from None


def normalised(path: Path) -> str:
    """The file's text in the canonical wrapping."""
    return po_catalog.render(_readable(path))


def normalise(path: Path) -> bool:
    """Rewrite the file if its wrapping is not the canonical one; True when it was rewritten.

    An unchanged file is not touched, so its modification time (and the builds) stay as they are.
    """
    return po_catalog.write_if_changed(path, _readable(path))


def po_files(layout: Layout, languages: Iterable[str] | None = None) -> list[Path]:
    folders = [layout.locales / lang for lang in languages] if languages is not None else [layout.locales]
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*.po"))


def main(files: list[str], layout: Layout | None = None) -> int:
    """`handbook normalize-po [FILE…]`: every .po file under locales/ when none is named."""
    layout = layout or Layout()
    paths = [Path(f) for f in files] if files else po_files(layout)
    status = 0
    for path in paths:
        if path.suffix != ".po":
            continue
        try:
            if normalise(path):
                print(f"Normalised: {layout.rel(path)}")
        except PoSyntaxError as exc:
            print(f"{layout.rel(path)}:{exc.line}: error: this .po file cannot be read ({exc.reason}) — "
                  "fix the line in Poedit or a text editor, or restore it with git checkout [syntax]",
                  file=sys.stderr)
            status = 1
    return status
