"""Give back the previous msgids (``#|`` lines) that sphinx-intl dropped or mangled.

sphinx-intl (through Babel) marks a changed message fuzzy with the translation of the old one, but
never writes the old text (Babel's ``include_previous`` is off and sphinx-intl has no option for
it); and Babel reads the ``#|`` lines a file has as a translator's comment and writes them back as
``# | msgid …``. `make update-po` turns such comments back into ``#|`` lines, and finds the old text
of a message sphinx-intl made fuzzy in the catalog as last committed (git), so that a translator
sees what changed whichever tool updated the catalog.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import polib

from handbook.po import syntax
from handbook.po.catalog import has_text
from handbook.po.merge import key, similarity, source_of


def committed(path: Path, root: Path) -> polib.POFile | None:
    """The catalog as the last commit has it; None outside a git checkout, for a new or a broken
    file, or without git."""
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
        shown = subprocess.run(["git", "-C", str(root), "show", f"HEAD:./{rel}"], capture_output=True,
                               timeout=30, check=False)
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    if shown.returncode != 0 or syntax.first_error(shown.stdout) is not None:
        return None
    text, _, _ = syntax.decode(shown.stdout)
    return syntax.parse(text) if text is not None else None


_MANGLED = re.compile(r'(?:(msgctxt|msgid|msgid_plural) +)?("(?:[^"\\]|\\.)*")')
_PREVIOUS = {"msgctxt": "previous_msgctxt", "msgid": "previous_msgid", "msgid_plural": "previous_msgid_plural"}


def _mangled_lines(comment: str) -> tuple[list[str], list[str]] | None:
    """The comment's own lines, and the ``#|`` lines Babel made of the rest (``| msgid "…"``, which
    it also wraps as a comment: a piece without its closing quote goes on in the next line, after
    the space the wrapping took); None when it has none, or some that do not read as such."""
    own: list[str] = []
    previous: list[str] = []
    for line in comment.splitlines():
        if line.startswith("|"):
            previous.append(line[1:].strip())
        elif previous and not _MANGLED.fullmatch(previous[-1]):
            previous[-1] += " " + line.strip()
        else:
            own.append(line)
    if not previous or not all(_MANGLED.fullmatch(line) for line in previous):
        return None
    return own, previous


def unmangle(po: polib.POFile) -> int:
    """Turn Babel's ``# | msgid "…"`` comments back into the entry's previous msgid (when it is
    fuzzy and has none; else they are dropped); the number of previous msgids given back."""
    repaired = 0
    for entry in po:
        found = _mangled_lines(entry.tcomment or "")
        if found is None:
            continue
        own, lines = found
        entry.tcomment = "\n".join(own)
        previous: dict[str, str] = {}
        field = ""
        for match in map(_MANGLED.fullmatch, lines):
            field = match.group(1) or field
            if field:
                previous[field] = previous.get(field, "") + polib.unescape(match.group(2)[1:-1])
        if entry.fuzzy and not entry.previous_msgid and previous.get("msgid"):
            for name, value in previous.items():
                setattr(entry, _PREVIOUS[name], value)
            repaired += 1
    return repaired


def _translation(entry: polib.POEntry) -> tuple[str, ...]:
    if entry.msgstr_plural:
        return tuple(text for _, text in sorted(entry.msgstr_plural.items()))
    return (entry.msgstr,)


def needs_previous(po: polib.POFile) -> bool:
    """Whether some fuzzy translation does not say what text it was made for."""
    return any(e.fuzzy and not e.obsolete and not e.previous_msgid and has_text(e) for e in po)


def restore_previous(po: polib.POFile, before: polib.POFile) -> int:
    """Give each fuzzy entry without ``#|`` the text its translation was made for in ``before``; the
    number given back. A fuzzy entry that ``before`` has as it is (the translator's own mark, or one
    made before anything recorded the text) stays as it is."""
    by_key = {key(e): e for e in before if not e.obsolete}
    restored = 0
    for entry in po:
        if entry.obsolete or not entry.fuzzy or entry.previous_msgid or not has_text(entry):
            continue
        was = by_key.get(key(entry))
        if was is not None and _translation(was) == _translation(entry):
            if was.fuzzy and was.previous_msgid:  # it lost its #| line, nothing else
                entry.previous_msgid = was.previous_msgid
                restored += 1
            continue
        # A changed message: the translation came from the old message that had it.
        sources = [e for e in before if (e.msgctxt or "") == (entry.msgctxt or "") and has_text(e)
                   and _translation(e) == _translation(entry) and source_of(e) != entry.msgid]
        if sources:
            best = max(sources, key=lambda e: similarity(source_of(e), entry.msgid))
            entry.previous_msgid = source_of(best)
            restored += 1
    return restored


def reactivate(po: polib.POFile, before: polib.POFile) -> int:
    """Make active again the entries of an interface catalog that ``before`` has active and this one
    obsolete: sphinx-intl makes obsolete every string no template extracts (the theme's, Sphinx's
    own), which update-po keeps in use; the number made active."""
    wanted = {key(e) for e in before if not e.obsolete} - {key(e) for e in po if not e.obsolete}
    again = 0
    for entry in po:
        if entry.obsolete and key(entry) in wanted:
            entry.obsolete = False
            wanted.discard(key(entry))
            again += 1
    return again
