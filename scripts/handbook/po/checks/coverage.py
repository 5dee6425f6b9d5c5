"""Catalogs against what the sources show now: documents edited since `make update-po`, and
interface strings (sphinx.po, javascript.po) missing or untranslated in a language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from handbook.paths import Layout
from handbook.po import catalog, syntax
from handbook.po.checks import ERROR, Problem

STALE, MISSING, UNTRANSLATED = "stale-catalog", "interface-missing", "interface-untranslated"
_SOURCE_SUFFIXES = (".md", ".rst")


def _load(path: Path) -> polib.POFile | None:
    """The catalog, or None when it is broken: the file checks report that at its line, and polib
    reads past an unclosed quote (losing a message) where the build does not."""
    try:
        if syntax.first_error(path.read_bytes()) is not None:
            return None
        return catalog.load(path)
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _same_text(text: str) -> str:
    # A catalog saved on Windows (a BOM, CRLF, a lone CR) holds the same messages: Sphinx reads
    # the sources with universal newlines, so only the line ends differ, never the words.
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _keys(po: polib.POFile) -> set[tuple[str, str]]:
    return {(_same_text(e.msgctxt or ""), _same_text(e.msgid)) for e in po if e.msgid and not e.obsolete}


def english(lang: str) -> bool:
    """The interface strings are English: an English catalog may leave them untranslated on purpose."""
    return lang == "en" or lang.startswith(("en-", "en_"))


# -- Documents edited since the catalogs were updated ----------------------------------------

def stale_documents(templates: Mapping[str, Path], lc_messages: Path) -> dict[str, str]:
    """Document → why its catalog no longer matches the document's current messages."""
    stale = {}
    for doc, pot_path in templates.items():
        if doc in catalog.INTERFACE_CATALOGS:
            continue
        po_path = lc_messages / f"{doc}.po"
        if not po_path.is_file():
            stale[doc] = "new"
            continue
        po, pot = _load(po_path), _load(pot_path)
        if po is not None and pot is not None and _keys(po) != _keys(pot):
            stale[doc] = "changed"
    return stale


def source_of(layout: Layout, doc: str) -> str:
    for suffix in _SOURCE_SUFFIXES:
        if (layout.docs / f"{doc}{suffix}").is_file():
            return layout.rel(layout.docs / f"{doc}{suffix}")
    return layout.rel(layout.docs / f"{doc}.md")


def check_stale(layout: Layout, languages: Sequence[str], templates: Mapping[str, Path]) -> list[Problem]:
    """One error per document whose catalogs (in any of the languages) are out of date."""
    by_doc: dict[str, dict[str, str]] = {}
    for lang in languages:
        for doc, why in stale_documents(templates, layout.locales / lang / "LC_MESSAGES").items():
            by_doc.setdefault(doc, {})[lang] = why
    problems = []
    for doc, langs in sorted(by_doc.items()):
        if all(why == "new" for why in langs.values()):
            message = f"has no catalog in {', '.join(langs)} yet — run make update-po"
        else:
            message = "changed since its translations were updated — run make update-po"
        problems.append(Problem(source_of(layout, doc), 0, ERROR, message, STALE))
    return problems


# -- Interface strings -----------------------------------------------------------------------

@dataclass
class InterfaceStatus:
    """One interface catalog of one language against the strings the site shows."""
    name: str  # "sphinx.po"
    path: Path
    expected: int = 0
    translated: int = 0
    missing: list[str] = field(default_factory=list)
    untranslated: list[tuple[str, int]] = field(default_factory=list)  # msgid, line of its msgstr
    exists: bool = True


def _javascript_strings(locales: Path, languages: Sequence[str]) -> set[tuple[str, str]]:
    """The search page's strings: those any language translates (Sphinx's English needs none)."""
    keys: set[tuple[str, str]] = set()
    for lang in languages:
        po = locales / lang / "LC_MESSAGES" / "javascript.po"
        if not english(lang) and po.is_file() and (loaded := _load(po)) is not None:
            keys |= _keys(loaded)
    return keys


def translates_interface(locales: Path, languages: Sequence[str]) -> bool:
    """The project keeps its own interface catalogs (the handbook does, in every language): only
    then is each language held to them. A project without any (a test root, a new project) shows
    Sphinx's and the theme's own translations, and has nothing to be held to."""
    return any((locales / lang / "LC_MESSAGES" / "sphinx.po").is_file() for lang in languages)


def interface_status(layout: Layout, lang: str, sphinx_pot: Path | None,
                     languages: Sequence[str]) -> list[InterfaceStatus]:
    if not translates_interface(layout.locales, languages):
        return []
    lc_messages = layout.locales / lang / "LC_MESSAGES"
    expected = {"sphinx.po": _keys(_load(sphinx_pot) or polib.POFile()) if sphinx_pot else set()}
    if not english(lang):
        expected["javascript.po"] = _javascript_strings(layout.locales, languages)
    result = []
    for name, keys in expected.items():
        path = lc_messages / name
        status = InterfaceStatus(name, path, expected=len(keys), exists=path.is_file())
        po = _load(path) if status.exists else polib.POFile()
        if po is None or not keys:
            continue
        entries = {(_same_text(e.msgctxt or ""), _same_text(e.msgid)): e for e in po if e.msgid and not e.obsolete}
        lines = syntax.msgstr_lines(path.read_text(encoding="utf-8")) if status.exists else {}
        for key in sorted(keys, key=lambda k: k[1]):
            entry = entries.get(key)
            if entry is None:
                status.missing.append(key[1])
            elif catalog.is_translated(entry) or (english(lang) and not entry.fuzzy):
                status.translated += 1
            else:
                status.untranslated.append((entry.msgid, lines.get(entry.linenum or 0, entry.linenum or 1)))
        result.append(status)
    return result


def _short(msgid: str) -> str:
    text = " ".join(msgid.split())
    return text if len(text) <= 60 else text[:57] + "…"


def _how_to_add(status: InterfaceStatus, lang: str, source_lang: str) -> str:
    if status.name == "sphinx.po" and lang != source_lang:
        return f"run make update-po LANGS={lang}, then translate"
    return f"copy from another language's {status.name}, then translate"


def check_interface(layout: Layout, languages: Sequence[str], sphinx_pot: Path | None,
                    source_lang: str, published: Sequence[str] = ()) -> list[Problem]:
    """Errors for the interface strings a published language would show in English."""
    problems = []
    for lang in languages:
        for status in interface_status(layout, lang, sphinx_pot, published or languages):
            shown, add = layout.rel(status.path), _how_to_add(status, lang, source_lang)
            if not status.exists:
                problems.append(Problem(shown, 0, ERROR, f"missing: the {lang} site shows its {status.expected} "
                                        f"interface strings in English — {add} them", MISSING))
                continue
            for msgid in status.missing:
                problems.append(Problem(shown, 1, ERROR, f"no entry for the interface string “{_short(msgid)}”, "
                                        f"so the {lang} site shows it in English — {add} it", MISSING))
            for msgid, line in status.untranslated:
                problems.append(Problem(shown, line, ERROR, f"the interface string “{_short(msgid)}” is not "
                                        f"translated (empty or fuzzy), so the {lang} site shows it in English — "
                                        "translate it", UNTRANSLATED))
    return problems
