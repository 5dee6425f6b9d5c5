"""Compile each language's usable .po files for the build, into the build directory (never into
locales/): the problems of each file (po/syntax.py) and the slips readers would see in it
(po/checks) are reported, and a file that cannot be read is left out, so that its document is shown
untranslated and every other is built."""

from __future__ import annotations

import os
from pathlib import Path

import polib

from handbook import atomic, check_ids
from handbook.po import catalog as po_catalog
from handbook.po.checks.run import reader_problems
from handbook.po.syntax import Problem, check


def mo_bytes(po: polib.POFile, lang: str, use_fuzzy: bool = False) -> bytes:
    """The compiled catalog Sphinx reads: the header and every translated message (fuzzy ones too
    for the review build), as msgfmt would write it."""
    # The file was read as UTF-8 (a file that is not is left out): gettext must decode it so, whatever
    # its header says (a wrong or missing charset is reported by make check [encoding]).
    po.encoding = "utf-8"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    if not po.metadata.get("Plural-Forms"):
        # Reported by make check [plural-forms]; meanwhile the language's own rule, not English's.
        po.metadata["Plural-Forms"] = po_catalog.plural_forms(lang)
    if use_fuzzy:
        for entry in po:
            if entry.fuzzy and not entry.obsolete:
                entry.flags.remove("fuzzy")
    return po.to_binary()


def _reader_slips(path: Path, rel: str, lang: str, silenced: frozenset[str]) -> list[Problem]:
    """What readers would see wrong (a number changed, a placeholder dropped…): the language fails,
    as with a broken file, while the others build; make check reports the same lines."""
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    interface = path.parent.name == "LC_MESSAGES" and path.stem in ("sphinx", "javascript")
    found = []
    # A fuzzy translation was made for an older source: the review build shows it marked outdated,
    # and its numbers may rightly differ from the new source's, so it fails no build.
    for p in reader_problems(text, rel, lang, interface, with_fuzzy=False):
        if p.check in silenced:  # suppress_warnings in conf.py, as make check honours it
            continue
        what, _, fix = check_ids.with_fix(p.check, p.message).partition(" — ")
        found.append(Problem(p.path, p.line, p.severity, what, fix, p.check))
    return found


def compile_language(locales: Path, lang: str, out: Path, root: Path, use_fuzzy: bool = False,
                     silenced: frozenset[str] = frozenset()) -> list[Problem]:
    """Compile every usable .po of ``lang`` to ``out/<lang>/LC_MESSAGES``; return all problems
    (but those of the check ids ``silenced`` by conf.py's suppress_warnings)."""
    source_dir = locales / lang / "LC_MESSAGES"
    target_dir = out / lang / "LC_MESSAGES"
    problems: list[Problem] = []
    wanted: set[Path] = set()
    for po in sorted(source_dir.rglob("*.po")) if source_dir.is_dir() else []:
        rel = po.relative_to(root).as_posix() if po.is_relative_to(root) else str(po)
        found, catalog = check(po, lang, rel)
        problems += found
        if catalog is None:
            continue
        problems += _reader_slips(po, rel, lang, silenced)
        mo = target_dir / po.relative_to(source_dir).with_suffix(".mo")
        wanted.add(mo)
        data = mo_bytes(catalog, lang, use_fuzzy)
        # An unchanged .mo keeps its time: Sphinx re-reads every document of the language whose
        # catalog is newer than its cached doctree.
        if not mo.is_file() or mo.read_bytes() != data:
            atomic.write_bytes(mo, data)
        # Sphinx finds catalogs by their .po files and re-reads a document when its .mo is newer
        # than the document's cached doctree; an empty stand-in .po is enough for that.
        # Dated 1970, so that Sphinx never takes it for newer than the .mo and "recompiles" it
        # (it does that for the interface catalog, sphinx.po, and would empty it).
        stand_in = mo.with_suffix(".po")
        if not stand_in.is_file():
            stand_in.write_text(f"# compiled from {rel} into {mo.name}\n", encoding="utf-8")
        if stand_in.stat().st_mtime_ns:
            os.utime(stand_in, (0, 0))
    for stale in target_dir.rglob("*.mo") if target_dir.is_dir() else []:
        if stale not in wanted:
            stale.unlink()
            stale.with_suffix(".po").unlink(missing_ok=True)
    return problems
