"""Likely slips of a translator: copied source text, doubled spaces, different final punctuation."""

from __future__ import annotations

import re

from handbook.po.checks import WARNING, Finding

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CLOSERS = "»«\"'”“’)]*_`"
# Equivalent final marks across languages.
_FINAL = {"…": "...", "．": ".", "！": "!", "？": "?"}


def final_mark(text: str) -> str:
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    if stripped.endswith("..."):
        return "..."
    mark = stripped[-1:] if stripped[-1:] in ".!?:;…" else ""
    return _FINAL.get(mark, mark)


def check(source: str, translation: str, language: str, source_language: str = "ru") -> list[Finding]:
    found: list[Finding] = []
    if translation.strip() == source.strip() and _CYRILLIC.search(source) and language != source_language:
        found.append(Finding(WARNING, "the translation is the Russian source text copied unchanged — "
                                      "translate it, or leave it empty until you do", "copied-source"))
        return found
    if re.search(r"\S {2,}\S", translation) and not re.search(r"\S {2,}\S", source):
        found.append(Finding(WARNING, "doubled space in the translation — use one space", "double-space"))
    src_mark, tr_mark = final_mark(source), final_mark(translation)
    if src_mark != tr_mark:
        want = f"'{src_mark}'" if src_mark else "no final punctuation"
        has = f"'{tr_mark}'" if tr_mark else "none"
        found.append(Finding(WARNING, f"the source ends with {want}, the translation with {has} — "
                                      "end it like the source", "punctuation"))
    return found
