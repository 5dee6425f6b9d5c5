"""Run every translation check over the catalogs of the given languages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import polib

from handbook import check_ids
from handbook.paths import Layout
from handbook.po import catalog, glossary, syntax
from handbook.po.checks import (ERROR, WARNING, Finding, Problem, characters, files, markup, safety, structure,
                                style, visible)

DEFAULT_GLOSSARY = "locales/glossary.tbx"
# What readers would see on the page: these also fail the build of the language (handbook.compile_catalogs).
READER_CHECKS = frozenset({"control-character", "placeholder", visible.NUMBER, visible.ADDRESS,
                           visible.UNBALANCED, visible.SPACES})
# A translator may silence these for one entry on purpose (a translator's comment
# "# handbook-ignore: number"); the safety and structure checks cannot be silenced.
IGNORABLE = check_ids.entry_silenceable()
IGNORE = "handbook-ignore:"


def check_message(source: str, translation: str, lang: str, source_lang: str,
                  terms: Sequence[glossary.Term], interface: bool = False) -> list[Finding]:
    """Every finding for one translated message (a plain function: the tests call it)."""
    found = characters.check(source, translation)
    found += safety.check(source, translation)
    found += markup.check(source, translation)
    found += visible.check(source, translation, interface)
    if not interface:
        found += structure.check(source, translation)
        found += glossary.check(list(terms), source, translation, source_lang, lang)
    found += style.check(source, translation, lang, source_lang)
    return found


def _pairs(entry: polib.POEntry) -> list[tuple[tuple[str, ...], str]]:
    """Each translated form with the source texts it may follow.

    The first plural form may follow either source text: in Finnish it is used for one only
    ("löytyi ${n} sivu" may keep the number), in Russian also for 21, 31, … (where it must).
    """
    if entry.msgstr_plural:
        return [((entry.msgid, entry.msgid_plural) if int(i) == 0 else (entry.msgid_plural,), text)
                for i, text in sorted(entry.msgstr_plural.items()) if text]
    return [((entry.msgid,), entry.msgstr)] if entry.msgstr else []


def ignored(entry: polib.POEntry) -> tuple[set[str], list[str]]:
    """The check ids a translator's comment ``# handbook-ignore: number, spaces`` silences for this
    entry, and the ids named there that cannot be (unknown, or not to be silenced)."""
    named: set[str] = set()
    for line in (entry.tcomment or "").splitlines():
        if line.strip().startswith(IGNORE):
            named |= {name for name in re.split(r"[\s,]+", line.strip()[len(IGNORE):]) if name}
    # An old spelling of an id (po-syntax) names the id that replaced it.
    resolved = {name: (check_ids.resolve(name) or [name])[0] for name in named}
    return ({resolved[name] for name in named} & IGNORABLE,
            sorted(name for name in named if resolved[name] not in IGNORABLE))


def _entry_problems(po: polib.POFile, text: str, shown: str, lang: str, source_lang: str,
                    terms: Sequence[glossary.Term], interface: bool, only: frozenset[str] | None = None,
                    with_fuzzy: bool = True) -> list[Problem]:
    problems = []
    lines = syntax.msgstr_lines(text)
    for entry in po:
        if entry.obsolete or entry.msgid == "" or (entry.fuzzy and not with_fuzzy):
            continue
        line = lines.get(entry.linenum or 0, entry.linenum or 1)
        silenced, wrong = ignored(entry)
        if wrong and only is None:
            problems.append(Problem(shown, entry.linenum or line, WARNING, f"“{IGNORE} {', '.join(wrong)}” "
                                    f"names no check that can be silenced — use one of {', '.join(sorted(IGNORABLE))}",
                                    "ignore"))
        for sources, translation in _pairs(entry):
            findings = min((check_message(source, translation, lang, source_lang, terms, interface)
                            for source in sources), key=len)
            for f in findings:
                if f.check not in silenced and (only is None or f.check in only):
                    problems.append(Problem(shown, line, f.severity, f.message, f.check))
    return problems


def check_catalog(path: Path, shown: str, lang: str, source_lang: str,
                  terms: Sequence[glossary.Term], interface: bool) -> list[Problem]:
    po, problems = files.load_checked(path, shown, lang)
    if po is None:
        return problems
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    return problems + _entry_problems(po, text, shown, lang, source_lang, terms, interface)


def reader_problems(text: str, shown: str, lang: str, interface: bool, with_fuzzy: bool) -> list[Problem]:
    """The slips readers would see, in a catalog the build has already read without error (the
    messages the build uses: fuzzy ones only in the review build)."""
    po = syntax.parse(text)
    # In a document, "{image}" is MyST, not a placeholder: only an interface string's placeholders
    # make the build print a wrong sentence (a document's are still reported by make check).
    only = READER_CHECKS if interface else READER_CHECKS - {"placeholder"}
    return _entry_problems(po, text, shown, lang, "", [], interface, only, with_fuzzy)


def load_terms(layout: Layout, relative: str) -> tuple[list[glossary.Term], list[Problem]]:
    path = layout.root / relative
    if not path.is_file():
        return [], []
    try:
        return glossary.load(path), []
    except glossary.GlossaryError as exc:
        line, _, message = str(exc).partition(": error: ")
        return [], [Problem(relative, int(line) if line.isdigit() else 1, ERROR, message.rsplit(" [", 1)[0],
                            "glossary-file")]


def check_languages(layout: Layout, languages: Sequence[str], source_lang: str,
                    glossary_path: str = DEFAULT_GLOSSARY) -> list[Problem]:
    terms, problems = load_terms(layout, glossary_path)
    for lang in languages:
        lc_messages = layout.locales / lang / "LC_MESSAGES"
        for path in catalog.catalogs(lc_messages):
            doc = catalog.docname(path, lc_messages)
            problems += check_catalog(path, layout.rel(path), lang, source_lang, terms,
                                      interface=doc in catalog.INTERFACE_CATALOGS)
    return sorted(problems, key=lambda p: (p.path, p.line, p.check))
