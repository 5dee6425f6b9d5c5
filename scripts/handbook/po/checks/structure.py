"""Translations Sphinx silently drops: those that parse to another kind of block than the source."""

from __future__ import annotations

import re

from handbook.po.checks import ERROR, Finding

# The first characters of a line that make MyST start a block other than a paragraph.
_BLOCKS = [
    ("heading", re.compile(r"^ {0,3}#{1,6}(?:\s|$)")),
    ("list", re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")),
    ("quote", re.compile(r"^ {0,3}>")),
    ("table", re.compile(r"^ {0,3}\|")),
    ("rule", re.compile(r"^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")),
    ("code block", re.compile(r"^ {4,}\S|^\t")),
]


def block_kind(text: str) -> str:
    """What MyST would make of a message's first line: a paragraph or another block."""
    first = text.lstrip("\n").split("\n", 1)[0]
    for kind, pattern in _BLOCKS:
        if pattern.match(first):
            return kind
    return "paragraph"


def _paragraphs(text: str) -> int:
    return len([part for part in re.split(r"\n\s*\n", text.strip()) if part.strip()])


def check(source: str, translation: str) -> list[Finding]:
    src, tr = block_kind(source), block_kind(translation)
    if tr != src:
        return [Finding(ERROR, f"the translation starts a {tr} where the source has a {src}, so Sphinx "
                               "silently shows the Russian text instead — reword the start "
                               "(for example, do not begin with '1. ', '- ', '#' or '>')", "dropped")]
    if _paragraphs(translation) > _paragraphs(source):
        return [Finding(ERROR, "the translation has an empty line the source does not have; Sphinx "
                               "keeps only the first part — remove the empty line", "dropped")]
    return []
