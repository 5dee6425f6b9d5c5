"""The fonts bundled for the PDFs: their @font-face rules and the check that every character has a glyph."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FONTS_DIR = Path(__file__).parent / "fonts"


@dataclass(frozen=True)
class Face:
    family: str
    file: str
    weight: int = 400
    style: str = "normal"


# Every face the print CSS can select. Text may be set in any of them (bold, italic, headings in
# sans), so a character counts as covered only when every face has it.
FACES = (
    Face("Handbook Serif", "NotoSerif-Regular.ttf"),
    Face("Handbook Serif", "NotoSerif-Bold.ttf", 700),
    Face("Handbook Serif", "NotoSerif-Italic.ttf", 400, "italic"),
    Face("Handbook Serif", "NotoSerif-BoldItalic.ttf", 700, "italic"),
    Face("Handbook Sans", "NotoSans-Regular.ttf"),
    Face("Handbook Sans", "NotoSans-Bold.ttf", 700),
)
# Arrows, geometric shapes (list bullets such as «◦»), check marks: none of the faces above has
# them, and without a face of ours the renderer would take them from a font of the machine. A
# subset of DejaVu Sans renamed as its licence asks (fonts/HandbookSymbols-LICENSE.txt); the
# style sheets name it after every family, so it serves serif and sans, bold and italic alike.
SYMBOLS = Face("Handbook Symbols", "HandbookSymbols.ttf")


def font_face_css(faces: Iterable[Face] = (*FACES, SYMBOLS)) -> str:
    """@font-face rules pointing at the bundled files (file URLs the fetcher allows)."""
    rules = []
    for face in faces:
        url = (FONTS_DIR / face.file).as_uri()
        rules.append(f'@font-face {{ font-family: "{face.family}"; src: url("{url}"); '
                     f"font-weight: {face.weight}; font-style: {face.style}; }}")
    return "\n".join(rules) + "\n"


@lru_cache(maxsize=1)
def covered_characters() -> frozenset[int]:
    """Code points that every bundled face maps to a glyph."""
    from fontTools.ttLib import TTFont

    common: set[int] | None = None
    for face in FACES:
        with TTFont(FONTS_DIR / face.file, lazy=True) as font:
            cmap = set(font.getBestCmap())
        common = cmap if common is None else common & cmap
    with TTFont(FONTS_DIR / SYMBOLS.file, lazy=True) as font:
        symbols = set(font.getBestCmap()) - {0x20}
    return frozenset((common or set()) | symbols)


def _needs_glyph(char: str) -> bool:
    # Control and format characters (soft hyphen, zero-width joiners) are not drawn; ordinary
    # line breaks and tabs become spaces.
    return unicodedata.category(char) not in ("Cc", "Cf") and char not in "\n\r\t"


def missing_glyphs(text: str) -> list[str]:
    """The distinct characters of ``text`` that no bundled face can draw, in order of appearance."""
    covered = covered_characters()
    # dict.fromkeys: the distinct characters in order, in C rather than a Python loop per character
    return [char for char in dict.fromkeys(text) if ord(char) not in covered and _needs_glyph(char)]


def describe(char: str) -> str:
    """``'→' (U+2192 RIGHTWARDS ARROW)`` for messages."""
    name = unicodedata.name(char, "unnamed character")
    return f"'{char}' (U+{ord(char):04X} {name})"
