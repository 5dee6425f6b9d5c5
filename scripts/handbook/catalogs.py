"""Check each language's .po files as the build reads them (compile_catalogs.py then compiles the
usable ones).

Sphinx reads any .po it finds and fails silently on most mistakes (an unterminated string, a
broken Plural-Forms header, a duplicate message), or with a message a translator cannot act
on (a file saved as cp1251). We check every file first, report each problem with its line and
the fix, and compile the catalogs into the build directory (never into locales/). A file that
cannot be read is left out, so its document is shown untranslated and every other is built.
"""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from handbook import check_ids


_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*)$')
_STRING = re.compile(r'^"(?:[^"\\]|\\["\\abfnrtv?\']|\\[0-7]{1,3}|\\x[0-9A-Fa-f]+)*"\s*$')


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    severity: str  # "error" or "warning"
    what: str
    fix: str
    check: str  # registered in handbook.check_ids

    def __post_init__(self) -> None:
        check_ids.check(self.check)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.what} — {self.fix} [{self.check}]"


QUOTING = 'fix the quoting on that line (every line of a message is a "quoted string")'
MISSING_MSGSTR = 'add a line msgstr "" after it (or delete the entry)'


def syntax_errors(text: str) -> list[tuple[int, str, str]]:
    """Lines that are not valid PO syntax: (line number, what is wrong, how to fix it)."""
    errors = []
    expecting_msgstr = 0  # the line of a msgid still waiting for its msgstr
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _KEYWORD.match(line)
        string = match.group(2) if match else line
        if not string.startswith('"'):
            errors.append((number, f"unexpected text {line[:40]!r}", QUOTING))
            continue
        if not _STRING.match(string):
            errors.append((number, "a quoted string is not closed, or has a stray quote or backslash",
                           QUOTING))
        if match:
            keyword = match.group(1)
            if keyword == "msgid":
                if expecting_msgstr:
                    errors.append((expecting_msgstr, "msgid without msgstr", MISSING_MSGSTR))
                expecting_msgstr = number
            elif keyword.startswith("msgstr"):
                expecting_msgstr = 0
    if expecting_msgstr:
        errors.append((expecting_msgstr, "msgid without msgstr", MISSING_MSGSTR))
    return errors


def _decode(data: bytes) -> tuple[str | None, int, str]:
    """The text, or None with the line of the first undecodable byte and a guess of the encoding."""
    try:
        return data.decode("utf-8"), 0, ""
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = "cp1251" if _looks_like_cp1251(data) else "another encoding"
        return None, line, guess


def _looks_like_cp1251(data: bytes) -> bool:
    text = data.decode("cp1251", errors="replace")
    return sum("а" <= ch.lower() <= "я" for ch in text) > len(text) // 20


def _plural_problem(header: str, lang: str) -> str | None:
    match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*", header)
    if not match:
        return f"the Plural-Forms header {header!r} is not 'nplurals=N; plural=EXPRESSION;'"
    try:
        gettext.c2py(match.group(2))
    except (ValueError, SyntaxError, RecursionError):
        return f"the plural expression {match.group(2)!r} is not valid"
    expected = get_plural(lang).num_plurals
    if int(match.group(1)) != expected:
        return f"nplurals={match.group(1)} but {lang} has {expected} plural forms"
    return None


def _plural_forms_header(text: str) -> tuple[int, str | None]:
    """The line where the header's Plural-Forms starts, and its value (it may span lines)."""
    header, start, in_header = "", 0, False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith('msgstr ""') and not header:
            in_header = True
            continue
        if in_header:
            if not line.startswith('"'):
                break
            piece = _unquote(line).replace("\\n", "\n")
            if "Plural-Forms:" in piece and not start:
                start = number
            header += piece
    match = re.search(r"Plural-Forms:([^\n]*)", header)
    return (start or 1), (match.group(1).strip() if match else None)


def check_file(path: Path, lang: str, rel: str) -> tuple[list[Problem], object | None]:
    """Problems of one .po file, and its catalog if it is usable."""
    text, bad_line, guess = _decode(path.read_bytes())
    if text is None:
        return [Problem(rel, bad_line, "error", f"the file is not UTF-8 (it looks like {guess})",
                        check_ids.fix("encoding"), "encoding")], None
    text = text.removeprefix("\ufeff")
    problems = [Problem(rel, line, "error", f"syntax error: {what}", fix, "syntax")
                for line, what, fix in syntax_errors(text)]
    if problems:
        return problems, None
    try:
        catalog = read_po(io.StringIO(text), locale=lang)
    except ValueError as exc:  # a header Babel cannot read ("Language: fi\\n", escaped twice)
        return [Problem(rel, 1, "error", f"the header cannot be read ({exc})",
                        'write each header line as "Name: value\\n"', "syntax")], None
    header_line, plural = _plural_forms_header(text)
    if plural is not None:
        problem = _plural_problem(plural, lang)
        if problem:
            right = str(get_plural(lang))
            problems.append(Problem(rel, header_line, "error", problem,
                                    f'write "Plural-Forms: {right}\\n"', "plural-forms"))
    problems += _duplicates(text, rel)
    return problems, catalog


def _duplicates(text: str, rel: str) -> list[Problem]:
    seen: dict[tuple[str, str], int] = {}
    problems = []
    context, msgid, start, field = "", None, 0, ""
    lines = text.splitlines()

    def close() -> None:
        if msgid:  # the header (empty msgid) is not a message
            key = (context, msgid)
            if key in seen:
                problems.append(Problem(rel, start, "error", f"duplicate message (first at line {seen[key]})",
                                        check_ids.fix("duplicate"), "duplicate"))
            else:
                seen[key] = start

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith("#") or not line:
            continue
        match = _KEYWORD.match(line)
        if match:
            field = match.group(1)
            value = _unquote(match.group(2))
            if field == "msgctxt":
                if msgid is not None:
                    close()
                    msgid = None
                context = value
            elif field == "msgid":
                if msgid is not None:
                    close()
                    context = ""
                msgid, start = value, number
            continue
        if field == "msgid" and msgid is not None:
            msgid += _unquote(line)
        elif field == "msgctxt":
            context += _unquote(line)
    if msgid is not None:
        close()
    return problems


def _unquote(string: str) -> str:
    return string.strip()[1:-1]
