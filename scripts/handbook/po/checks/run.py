"""Run every translation check over the catalogs of the given languages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polib

from handbook.paths import Layout
from handbook.po import catalog, glossary
from handbook.po.checks import ERROR, Finding, Problem, characters, files, markup, safety, structure, style

DEFAULT_GLOSSARY = "locales/glossary.tbx"


def check_message(source: str, translation: str, lang: str, source_lang: str,
                  terms: Sequence[glossary.Term], interface: bool = False) -> list[Finding]:
    """Every finding for one translated message (a plain function: the tests call it)."""
    found = characters.check(source, translation)
    found += safety.check(source, translation)
    found += markup.check(source, translation)
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


def check_catalog(path: Path, shown: str, lang: str, source_lang: str,
                  terms: Sequence[glossary.Term], interface: bool) -> list[Problem]:
    po, problems = files.load_checked(path, shown, lang)
    if po is None:
        return problems
    lines = files.msgstr_lines(path.read_text(encoding="utf-8"))
    for entry in po:
        if entry.obsolete or entry.msgid == "":
            continue
        line = lines.get(entry.linenum or 0, entry.linenum or 1)
        for sources, translation in _pairs(entry):
            findings = min((check_message(source, translation, lang, source_lang, terms, interface)
                            for source in sources), key=len)
            for f in findings:
                problems.append(Problem(shown, line, f.severity, f.message, f.check))
    return problems


def load_terms(layout: Layout, relative: str) -> tuple[list[glossary.Term], list[Problem]]:
    path = layout.root / relative
    if not path.is_file():
        return [], []
    try:
        return glossary.load(path), []
    except glossary.GlossaryError as exc:
        line, _, message = str(exc).partition(": error: ")
        return [], [Problem(relative, int(line) if line.isdigit() else 1, ERROR, message.rsplit(" [", 1)[0],
                            "glossary")]


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
