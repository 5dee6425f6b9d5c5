"""Whole-file problems of a catalog: encoding, syntax, the Plural-Forms header."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from handbook.po import catalog, syntax
from handbook.po.checks import ERROR, Problem


def load_checked(path: Path, shown: str, language: str) -> tuple[polib.POFile | None, list[Problem]]:
    """The parsed catalog, or None with the problems that make it unusable.

    Encoding, syntax, Plural-Forms and duplicates are checked by the one syntax check
    (handbook.po.syntax) that the build uses too, so that `make check` and `make` report a broken
    file alike, at the same line.
    """
    found, po = syntax.check(path, language, shown)
    problems = [Problem(p.path, p.line, p.severity, f"{p.what} — {p.fix}", p.check) for p in found]
    if po is None:
        return None, problems
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    charset = re.search(r'"Content-Type:[^"]*charset=([\w-]+)', text)
    if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        problems.append(Problem(shown, syntax.line_of(text, "Content-Type:"), ERROR,
                                f"the header declares charset={charset.group(1)} — it must be UTF-8",
                                "encoding"))
    if not po.metadata.get("Plural-Forms"):  # a wrong one is reported above
        expected = catalog.plural_forms(language)
        problems.append(Problem(shown, 1, ERROR, f"no Plural-Forms header for '{language}' — "
                                f"add \"Plural-Forms: {expected}\\n\" to the header", "plural-forms"))
    return po, problems
