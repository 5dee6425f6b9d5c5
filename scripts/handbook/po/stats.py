"""How much of each document is translated, in messages and in words: the one measure that
``make stats``, the status page, the page notice and the review build all use (:func:`document_progress`).

A word is a word of the source text: for a source in a non-Latin script (Russian), a word with a
letter of that script, so that numbers, dates and names in Latin letters, which read the same in a
translation, neither count as left to translate nor keep a page from being complete."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polib

from handbook import atomic
from handbook.languages import script_letters
from handbook.po import catalog

_WORD = re.compile(r"\w+(?:[-’']\w+)*", re.UNICODE)
STATES = ("translated", "fuzzy", "untranslated")


def words(text: str, source: str = "ru") -> int:
    """The words of the source language in ``text``."""
    letters = script_letters(source)
    letter = re.compile(f"[{letters}]" if letters else r"[^\W\d_]")
    return sum(1 for word in _WORD.findall(text) if letter.search(word))


@dataclass
class Counts:
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    def percent(self, state: str = "translated") -> float:
        return 100.0 * getattr(self, state) / self.total if self.total else 100.0

    def add(self, other: Counts) -> None:
        for state in STATES:
            setattr(self, state, getattr(self, state) + getattr(other, state))

    def as_dict(self) -> dict[str, int]:
        return {**asdict(self), "total": self.total}


@dataclass
class DocumentStats:
    document: str
    messages: Counts = field(default_factory=Counts)
    words: Counts = field(default_factory=Counts)
    out_of_date: bool = False  # the source changed since the catalog was updated (make update-po)

    def as_dict(self) -> dict[str, object]:
        return {"messages": self.messages.as_dict(), "words": self.words.as_dict(),
                "percent_words_translated": round(self.words.percent(), 1), "out_of_date": self.out_of_date}


def state(entry: polib.POEntry) -> str:
    if not catalog.has_text(entry):
        return "untranslated"
    return "fuzzy" if entry.fuzzy else "translated"


def document_stats(document: str, po: polib.POFile, source: str = "ru") -> DocumentStats:
    stats = DocumentStats(document)
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        which = state(entry)
        setattr(stats.messages, which, getattr(stats.messages, which) + 1)
        setattr(stats.words, which, getattr(stats.words, which) + words(entry.msgid, source))
    return stats


def document_progress(locales: Path, lang: str, document: str, source: str = "ru") -> DocumentStats | None:
    """One document's progress in ``lang``; None when it has no catalog (or a broken one)."""
    path = locales / lang / "LC_MESSAGES" / f"{document}.po"
    try:
        return document_stats(document, catalog.load(path), source) if path.is_file() else None
    except (OSError, ValueError, UnicodeDecodeError):
        return None  # `make check` reports the broken file with its line


def translated_share(stats: DocumentStats) -> float:
    """The share of the source's words that is translated (1.0 for a document with none)."""
    return stats.words.percent() / 100


def language_stats(locales: Path, lang: str, source: str = "ru") -> list[DocumentStats]:
    """One entry per document catalog of ``lang`` (interface strings are not a document)."""
    lc_messages = locales / lang / "LC_MESSAGES"
    result = []
    for path in catalog.catalogs(lc_messages):
        doc = catalog.docname(path, lc_messages)
        if doc in catalog.INTERFACE_CATALOGS:
            continue
        try:
            po = catalog.load(path)
        except (OSError, ValueError, UnicodeDecodeError):
            continue  # `make check` reports the broken file with its line
        result.append(document_stats(doc, po, source))
    return result


def total(documents: Sequence[DocumentStats]) -> DocumentStats:
    result = DocumentStats("total")
    for doc in documents:
        result.messages.add(doc.messages)
        result.words.add(doc.words)
    return result


def collect(locales: Path, languages: Sequence[str], source: str = "ru") -> dict[str, list[DocumentStats]]:
    return {lang: language_stats(locales, lang, source) for lang in languages}


def to_json(stats: dict[str, list[DocumentStats]]) -> dict[str, object]:
    return {"languages": {
        lang: {"documents": {d.document: d.as_dict() for d in docs}, "total": total(docs).as_dict()}
        for lang, docs in stats.items()}}


def write_json(path: Path, stats: dict[str, list[DocumentStats]]) -> None:
    atomic.write_text(path, json.dumps(to_json(stats), ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def table(lang: str, documents: Sequence[DocumentStats]) -> list[str]:
    """Lines of the stdout table of one language."""
    width = max([len(d.document) for d in documents] + [len("document")])
    head = (f"  {'document':<{width}}  {'messages: done':>14} {'fuzzy':>6} {'todo':>6}"
            f"  {'words: done':>11} {'fuzzy':>6} {'todo':>6}  {'done':>6}")
    lines = [f"{lang}:", head]

    def row(d: DocumentStats) -> str:
        m, w = d.messages, d.words
        stale = "  out of date: run make update-po" if d.out_of_date else ""
        return (f"  {d.document:<{width}}  {m.translated:>14} {m.fuzzy:>6} {m.untranslated:>6}"
                f"  {w.translated:>11} {w.fuzzy:>6} {w.untranslated:>6}  {w.percent():>5.1f}%{stale}")

    lines += [row(d) for d in documents]
    lines.append(row(total(documents)))
    return lines
