"""Whole-file problems of a catalog: encoding, syntax, the Plural-Forms header."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from handbook.po import catalog
from handbook.po.checks import ERROR, Problem

_SYNTAX_LINE = re.compile(r"\(line (\d+)\)")
_STRING = r'"(?:[^"\\]|\\.)*"'
_VALID_LINE = re.compile(rf'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{_STRING}\s*$')


def syntax_error_line(text: str) -> int | None:
    """The first line that is neither a comment nor a keyword with a well-quoted string.

    polib and Babel quietly accept an unclosed quote (and lose a character); msgfmt and
    Poedit do not, so neither do we.
    """
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _VALID_LINE.match(stripped):
            return number
    return None


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return 1


def load_checked(path: Path, shown: str, language: str) -> tuple[polib.POFile | None, list[Problem]]:
    """The parsed catalog, or None with the problems that make it unusable.

    Encoding, syntax, Plural-Forms and duplicates are checked by the build's own checker
    (handbook.catalogs), so that `make check` and `make` report a broken file alike, at the same line.
    """
    from handbook import catalogs

    found, usable = catalogs.check_file(path, language, shown)
    problems = [Problem(p.path, p.line, p.severity, f"{p.what} — {p.fix}", p.check) for p in found]
    if usable is None:
        return None, problems
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    charset = re.search(r'"Content-Type:[^"]*charset=([\w-]+)', text)
    if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        problems.append(Problem(shown, _line_of(text, "Content-Type:"), ERROR,
                                f"the header declares charset={charset.group(1)} — it must be UTF-8",
                                "encoding"))
    try:
        po = polib.pofile(text, wrapwidth=catalog.WRAP_WIDTH)  # duplicates: reported above
    except (OSError, ValueError) as exc:
        match = _SYNTAX_LINE.search(str(exc))
        line = int(match.group(1)) if match else 1
        reason = _SYNTAX_LINE.sub("", str(exc)).strip().rstrip(":")
        return None, problems + [Problem(shown, line, ERROR, f"the file cannot be read: {reason} — fix "
                                         "the quotes or keywords on this line (Poedit shows it too)",
                                         "syntax")]
    if not po.metadata.get("Plural-Forms"):  # a wrong one is reported above
        expected = catalog.plural_forms(language)
        problems.append(Problem(shown, 1, ERROR, f"no Plural-Forms header for '{language}' — "
                                f"add \"Plural-Forms: {expected}\\n\" to the header", "plural-forms"))
    return po, problems


def msgstr_lines(text: str) -> dict[int, int]:
    """Line of each entry's start → line of its msgstr, for messages that point at the translation."""
    lines = text.splitlines()
    result: dict[int, int] = {}
    start = None
    for number, line in enumerate(lines, 1):
        if start is None and line.strip():
            start = number
        if line.startswith("msgstr"):
            result[start or number] = number
        if not line.strip():
            start = None
    return result
