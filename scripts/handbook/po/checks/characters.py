"""Characters no translation should hold, and translations far longer than their source.

A NUL, an escape character or a right-to-left override is invisible in Poedit and Weblate, but
reaches the page (or reorders its text: the "Trojan source" trick); a megabyte pasted into one
message by mistake makes every build and PDF of the language slow.
"""

from __future__ import annotations

import unicodedata

from handbook.po.checks import ERROR, Finding

# A translation may be this many times as long as its source, plus some characters: Finnish
# and Norwegian run longer than Russian, and a two-word label may become a short sentence.
LENGTH_FACTOR = 3
LENGTH_SLACK = 200

_NAMES = {
    0x00: "NUL", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x0D: "CARRIAGE RETURN",
    0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
    0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK", 0xFEFF: "BYTE ORDER MARK",
}


def _forbidden(char: str) -> bool:
    code = ord(char)
    return ((code < 0x20 and char not in "\n\t") or 0x7F <= code <= 0x9F  # C0, DEL, C1
            or 0x200B <= code <= 0x200F  # zero-width characters and direction marks
            or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069  # bidirectional overrides
            or code == 0xFEFF  # a byte order mark inside the text
            # Every other invisible format character (a word joiner, an Arabic letter mark, the tag
            # characters that hide text from a reviewer), but the soft hyphen, which a translator
            # may put into a long compound on purpose.
            or (unicodedata.category(char) == "Cf" and char != "\u00ad"))


def describe(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``: the code a translator can search for, and its name."""
    name = _NAMES.get(ord(char)) or unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} ({name})"


def check(source: str, translation: str) -> list[Finding]:
    found: list[Finding] = []
    hidden = sorted({char for char in translation if _forbidden(char) and char not in source})
    if hidden:
        names = ", ".join(describe(char) for char in hidden)
        what, it, is_ = ("a control character", "it", "it is") if len(hidden) == 1 else (
            "control characters", "them", "they are")
        found.append(Finding(ERROR, f"the translation holds {what} {names} — {is_} invisible in "
                                    f"editors: retype the words around {it} to delete {it}",
                             "control-character"))
    limit = LENGTH_FACTOR * len(source) + LENGTH_SLACK
    if len(translation) > limit:
        found.append(Finding(ERROR, f"the translation is {len(translation):,} characters long, its source "
                                    f"{len(source):,} (at most {limit:,} expected) — check that nothing "
                                    "was pasted into it by mistake and keep only the translation of "
                                    "this message", "too-long"))
    return found
