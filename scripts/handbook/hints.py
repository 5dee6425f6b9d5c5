"""Plain-language fixes appended to the commonest Sphinx, MyST and docutils warnings, for authors.

A warning line ``docs/x.md:8: warning: undefined label: 'costs' [ref.ref]`` becomes
``docs/x.md:8: warning: undefined label: 'costs' — check the label's spelling, … [ref.ref]``. Rules match the
check id at the end of the line first: Sphinx translates its messages when the author's shell
speaks Russian, but the id stays the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CHECK_ID = re.compile(r" \[([\w.-]+)\]$")
SEPARATOR = " — "


@dataclass(frozen=True)
class Hint:
    check: str | None           # the id at the end of the line; None: a message that has none
    text: re.Pattern[str] | None  # also required of the message, where one id covers many problems
    fix: str


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


HINTS = [
    Hint("ref.ref", None,
         "check the label's spelling, or put a line (the-label)= just above the heading you link to"),
    Hint("ref.term", None,
         "add the term to the glossary (docs/annexes/glossary.md), or name the glossary's exact term: "
         "{term}`your words <term as in the glossary>`"),
    Hint("ref.doc", None,
         "check the file's path, without .md, relative to this file's folder (or from docs/ with a leading /)"),
    Hint("myst.xref_missing", None,
         "a link [text](#name) needs a line (name)= above the heading it points to; a link to a page "
         "needs the file's path relative to this file, with .md"),
    Hint("toc.not_readable", None,
         "check the file name in the toctree list (without .md), or create that file; "
         'for a new chapter use make new-chapter TITLE="…"'),
    Hint("image.not_readable", None,
         "put the image at that path under docs/, or correct its name in the page "
         "(capital letters and the extension count)"),
    Hint("myst.directive_unknown", None,
         "check the name after ```{ or :::{ — the handbook uses admonition, note, tip, warning, "
         "important, figure, glossary and toctree (README.md, For authors)"),
    Hint("myst.role_unknown", None,
         "check the name in {…}` — the handbook uses {ref}, {term} and {doc} (README.md, For authors)"),
    Hint("docutils", _re(r"duplicate explicit target name"),
         "each label (name)= may be used once in the whole handbook: rename one of them, "
         "and the {ref} links to it"),
    Hint(None, _re(r"duplicate label|повто\w* метка"),
         "each label (name)= may be used once in the whole handbook: rename one of them, "
         "and the {ref} links to it"),
    Hint("i18n.inconsistent_references", None,
         "keep every {ref}, {term} and {doc} of the source in the translation, with the same target; "
         "translate only the text before <target>"),
    Hint("docutils", _re(r'directive "[\w:-]+" disabled'),
         "in a translation, directives may not read files: remove the directive from the msgstr "
         "in the language's .po file and translate only the text"),
    Hint("docutils", _re(r'directive "[\w-]+": file not found'),
         "check the file's path: it is relative to this page, and a leading / means docs/ "
         "(files outside docs/ are never read)"),
    Hint("docutils", _re(r"autonumbered footnote references"),
         "a footnote mark [^name] has no footnote text: add a line [^name]: text of the footnote "
         "at the end of the file"),
    Hint("docutils", _re(r"unknown target name"),
         "for a footnote mark [^name], add a line [^name]: text of the footnote at the end of the file; "
         "the two names must match exactly"),
]


def fix_for(message: str) -> str | None:
    """The fix for one warning line, or None when we have no advice for it."""
    found = _CHECK_ID.search(message)
    check = found.group(1) if found else None
    for hint in HINTS:
        if hint.check != check:
            continue
        if hint.text is None or hint.text.search(message):
            return hint.fix
    return None


def add_hint(message: str) -> str:
    """The warning line with its fix inserted before the check id (or at the end, without one)."""
    fix = fix_for(message)
    if fix is None:
        return message
    found = _CHECK_ID.search(message)
    if found:
        return message[:found.start()] + SEPARATOR + fix + message[found.start():]
    return message + SEPARATOR + fix
