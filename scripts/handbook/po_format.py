"""One line wrapping for every .po file, so that Poedit, Babel and polib cause no diff noise.

The canonical form is the one `make update-po` writes (handbook.po.catalog: polib at a fixed
width); translators' editors and other tools write other wrappings, and this module rewrites them. Only the wrapping changes: comments, flags,
previous msgids (``#|``), obsolete entries and the header stay as they are.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

from handbook.paths import Layout
from handbook.po import catalog as po_catalog

_LINE = re.compile(r"\(line (\d+)\)")
# polib and Babel both accept some broken lines (an unclosed quote loses a letter), so every line
# is checked against the format's grammar before anything is rewritten.
_STRING = r'"(?:[^"\\]|\\.)*"'
_VALID = re.compile(rf"\s*|#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_STRING}\s*|{_STRING}\s*")


class PoSyntaxError(Exception):
    """A .po file that cannot be read; ``line`` is where the reader gave up (0 if unknown)."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(reason)
        self.path, self.line, self.reason = path, line, reason


def normalised(path: Path) -> str:
    """The file's text in the canonical wrapping."""
    try:
        original = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PoSyntaxError(path, 0, "the file is not UTF-8 text; save it as UTF-8") from None
    for number, line in enumerate(original.splitlines(), 1):
        if not _VALID.fullmatch(line):
            raise PoSyntaxError(path, number, "not a comment, a keyword with a quoted string, "
                                "or a quoted continuation line")
    try:
        catalog = po_catalog.load(path)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        found = _LINE.search(str(exc))
        raise PoSyntaxError(path, int(found.group(1)) if found else 0, str(exc)) from None
    return po_catalog.render(catalog)


def normalise(path: Path) -> bool:
    """Rewrite the file if its wrapping is not the canonical one; True when it was rewritten.

    An unchanged file is not touched, so its modification time (and the builds) stay as they are.
    """
    text = normalised(path)
    if path.read_text(encoding="utf-8") == text:
        return False
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)  # never a half-written catalog in place of a good one
    return True


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
