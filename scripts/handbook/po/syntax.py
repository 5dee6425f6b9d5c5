"""The one reader of .po text for syntax problems and line numbers.

polib (and Babel) quietly accept an unclosed quote and lose a letter, take a header escaped twice
for one long line, and keep the last of two duplicate messages; msgfmt and Poedit refuse such a
file, and so does every command of ours: the build (handbook.compile_catalogs), `make check`,
`make update-po` and `normalize-po` all ask this module, so they report a broken file alike, at
the same line, and none of them rewrites or compiles it.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from pathlib import Path

import polib
from babel.messages.plurals import get_plural

from handbook import check_ids
from handbook.po import catalog as po_catalog

_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*)$')
_STRING = re.compile(r'^"(?:[^"\\]|\\["\\abfnrtv?\']|\\[0-7]{1,3}|\\x[0-9A-Fa-f]+)*"\s*$')
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[_@-][A-Za-z0-9]+)*")

QUOTING = 'fix the quoting on that line (every line of a message is a "quoted string")'
MISSING_MSGSTR = 'add a line msgstr "" after it (or delete the entry)'
SYNTAX, ENCODING, PLURAL_FORMS, DUPLICATE = "syntax", "encoding", "plural-forms", "duplicate"


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
    return sorted(errors)


def decode(data: bytes) -> tuple[str | None, int, str]:
    """The text (without a BOM), or None with the line of the first undecodable byte and a guess of
    the encoding."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), 0, ""
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = "cp1251" if _looks_like_cp1251(data) else "another encoding"
        return None, line, guess


def _looks_like_cp1251(data: bytes) -> bool:
    text = data.decode("cp1251", errors="replace")
    return sum("а" <= ch.lower() <= "я" for ch in text) > len(text) // 20


def first_error(data: bytes) -> tuple[int, str] | None:
    """(line, what is wrong) of the first problem that makes the file unreadable, or None."""
    text, bad_line, _guess = decode(data)
    if text is None:
        return bad_line, "the file is not UTF-8"
    errors = syntax_errors(text)
    if errors:
        return errors[0][0], f"the file has a syntax error on this line: {errors[0][1]}"
    return None


def parse(text: str) -> polib.POFile:
    """Parse text that :func:`syntax_errors` found clean (duplicates are reported, not refused)."""
    return polib.pofile(text, wrapwidth=po_catalog.WRAP_WIDTH, check_for_duplicates=False)


def check(path: Path, lang: str, rel: str) -> tuple[list[Problem], polib.POFile | None]:
    """Problems of one .po file, and its catalog if it is usable."""
    text, bad_line, guess = decode(path.read_bytes())
    if text is None:
        return [Problem(rel, bad_line, "error", f"the file is not UTF-8 (it looks like {guess})",
                        "open it in Poedit or a text editor and save it as UTF-8", ENCODING)], None
    problems = [Problem(rel, line, "error", f"syntax error: {what}", fix, SYNTAX)
                for line, what, fix in syntax_errors(text)]
    if problems:
        return problems, None
    try:
        po = parse(text)
    except (OSError, ValueError) as exc:
        return [Problem(rel, 1, "error", f"the file cannot be read ({exc})", QUOTING, SYNTAX)], None
    header = _header_problem(po)
    if header:
        return [Problem(rel, line_of(text, f'"{header[0]}:'), "error", f"the header cannot be read ({header[1]})",
                        'write each header line as "Name: value\\n"', SYNTAX)], None
    header_line, plural = _plural_forms_header(text)
    if plural is not None:
        problem = _plural_problem(plural, lang)
        if problem:
            right = str(get_plural(lang))
            problems.append(Problem(rel, header_line, "error", problem,
                                    f'write "Plural-Forms: {right}\\n"', PLURAL_FORMS))
    problems += _duplicates(text, rel)
    return problems, po


def _header_problem(po: polib.POFile) -> tuple[str, str] | None:
    """The header field that is wrong and what is wrong with it (a value with ``\\n`` escaped twice
    swallows the lines after it), or None."""
    for name, value in po.metadata.items():
        if "\\n" in value:
            return name, f"the line of {name} ends with \\\\n, one backslash too many: the lines after it are read " \
                   "as part of its value"
    language = po.metadata.get("Language", "")
    if language and not _LANGUAGE.fullmatch(language):
        return "Language", f"Language: {language!r} is not a language code"
    return None


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


def _duplicates(text: str, rel: str) -> list[Problem]:
    seen: dict[tuple[str, str], int] = {}
    problems = []
    context, msgid, start, field = "", None, 0, ""

    def close() -> None:
        if msgid:  # the header (empty msgid) is not a message
            key = (context, msgid)
            if key in seen:
                problems.append(Problem(rel, start, "error", f"duplicate message (first at line {seen[key]})",
                                        "delete one of the two entries, keeping the better translation",
                                        DUPLICATE))
            else:
                seen[key] = start

    for number, raw in enumerate(text.splitlines(), start=1):
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


def msgstr_lines(text: str) -> dict[int, int]:
    """Line of each entry's start → line of its msgstr, for messages that point at the translation."""
    result: dict[int, int] = {}
    start = None
    for number, line in enumerate(text.splitlines(), 1):
        if start is None and line.strip():
            start = number
        if line.startswith("msgstr"):
            result[start or number] = number
        if not line.strip():
            start = None
    return result


def line_of(text: str, needle: str) -> int:
    """The first line that contains ``needle`` (1 when none does)."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return 1
