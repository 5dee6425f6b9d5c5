"""Merge a template (.pot) into a language's catalog without ever losing a translation.

Rules (what a translator relies on):
- an unchanged message keeps its translation and its state;
- a changed message gets the translation of the most similar old message, marked fuzzy, with
  the text that translation was made for recorded as ``#| msgid`` (the previous source);
- a removed message is kept at the end as obsolete (``#~``), and comes back translated when
  its text returns; a fuzzy one is kept under the text its translation was made for.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import polib

from handbook.po.catalog import has_text

# Below this similarity an old translation is more misleading than helpful.
FUZZY_THRESHOLD = 0.6
_WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)
Key = tuple[str, str]  # (msgctxt, msgid)


@dataclass
class MergeCounts:
    added: int = 0      # new messages without any translation
    fuzzy: int = 0      # new or changed messages given an old translation, marked fuzzy
    revived: int = 0    # messages whose translation came back from an obsolete entry
    obsolete: int = 0   # messages made obsolete by this merge
    kept: int = 0       # unchanged messages

    @property
    def changed(self) -> bool:
        return bool(self.added or self.fuzzy or self.revived or self.obsolete)


@dataclass
class _Memory:
    """Old translations that no message of the new template has exactly."""
    entries: list[polib.POEntry] = field(default_factory=list)
    used: set[int] = field(default_factory=set)


def key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt or "", entry.msgid)


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


def similarity(a: str, b: str) -> float:
    """How alike two messages are, 0–1; works for long paragraphs too.

    Compared word by word (a one-word edit in a 200-word paragraph is still 99 % alike),
    and character by character for short messages where one word is much of the text.
    Autojunk is off: difflib's heuristic otherwise ignores frequent characters in texts
    over 200 characters, which is what makes other tools miss long messages.
    """
    a, b = normalise(a), normalise(b)
    if a == b:
        return 1.0
    words = difflib.SequenceMatcher(None, _WORD.findall(a), _WORD.findall(b), autojunk=False)
    best = words.ratio()
    if min(len(a), len(b)) < 200:
        chars = difflib.SequenceMatcher(None, a, b, autojunk=False)
        if chars.real_quick_ratio() > best and chars.quick_ratio() > best:
            best = max(best, chars.ratio())
    return best


def source_of(entry: polib.POEntry) -> str:
    """The source text an entry's translation was made for."""
    if entry.fuzzy and entry.previous_msgid:
        return entry.previous_msgid
    return entry.msgid


def _copy_translation(target: polib.POEntry, source: polib.POEntry) -> None:
    if source.msgstr_plural:
        target.msgstr_plural = dict(source.msgstr_plural)
    else:
        target.msgstr = source.msgstr
    target.tcomment = source.tcomment


def file_locations(occurrences: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``#:`` locations as file names only, each once: a line number changes whenever a paragraph
    above it is added or deleted, and would rewrite every later entry of the catalog (noisy
    reviews, merge conflicts for translators). Poedit, Weblate and msgfmt accept a bare file name."""
    return [(name, "") for name in dict.fromkeys(name for name, _line in occurrences)]


def _fresh(template: polib.POEntry) -> polib.POEntry:
    entry = polib.POEntry(msgid=template.msgid, msgctxt=template.msgctxt,
                          msgid_plural=template.msgid_plural,
                          occurrences=file_locations(template.occurrences), comment=template.comment)
    if template.msgid_plural:
        entry.msgstr_plural = {0: "", 1: ""}
    entry.flags = [f for f in template.flags if f != "fuzzy"]
    return entry


def _as_obsolete(entry: polib.POEntry) -> polib.POEntry:
    """Obsolete entries keep no ``#|`` line in polib, so keep a fuzzy one under the text its
    translation was made for: then the translation returns exactly when that text does."""
    old = polib.POEntry(msgid=source_of(entry), msgctxt=entry.msgctxt, msgid_plural=entry.msgid_plural,
                        msgstr=entry.msgstr, tcomment=entry.tcomment, obsolete=True)
    if entry.msgstr_plural:
        old.msgstr_plural = dict(entry.msgstr_plural)
    if entry.fuzzy and not entry.previous_msgid:
        old.flags = ["fuzzy"]  # the translator marked it doubtful: keep it so
    return old


def _exact_sources(entries: list[polib.POEntry]) -> dict[Key, polib.POEntry]:
    """Old translations by the exact source text they were made for (first one wins)."""
    found: dict[Key, polib.POEntry] = {}
    for entry in entries:
        if has_text(entry) and not (entry.fuzzy and not entry.previous_msgid):
            found.setdefault((entry.msgctxt or "", source_of(entry)), entry)
    return found


def _closest(template: polib.POEntry, memory: _Memory) -> int | None:
    """Index of the most similar old translation in memory, or None below the threshold."""
    best: tuple[float, int] | None = None
    for index, old in enumerate(memory.entries):
        if (old.msgctxt or "") != (template.msgctxt or ""):
            continue
        score = similarity(source_of(old), template.msgid)
        if score >= FUZZY_THRESHOLD and (best is None or score > best[0]):
            best = (score, index)
    return None if best is None else best[1]


def compendium(catalogs: list[polib.POFile]) -> dict[Key, polib.POEntry]:
    """Translations of a language's other catalogs by the exact text they were made for: a
    paragraph moved from one chapter to another keeps its translation."""
    return _exact_sources([e for po in catalogs for e in po])


def merge(template: polib.POFile, old: polib.POFile | None, *, interface: bool = False,
          others: dict[Key, polib.POEntry] | None = None) -> tuple[polib.POFile, MergeCounts]:
    """The new catalog: the template's messages in its order, then obsolete ones.

    ``interface``: the catalog also holds strings no template extracts; keep them active.
    ``others``: translations from the language's other catalogs (see :func:`compendium`).
    """
    counts = MergeCounts()
    result = polib.POFile(wrapwidth=old.wrapwidth if old is not None else 79)
    if old is not None:
        result.header = old.header
        result.metadata = dict(old.metadata)
        result.metadata_is_fuzzy = old.metadata_is_fuzzy
    active = {key(e): e for e in old if not e.obsolete} if old is not None else {}
    obsolete = [e for e in old if e.obsolete] if old is not None else []
    wanted = {key(e) for e in template if not e.obsolete}

    memory = _Memory()
    # Old active entries whose message is gone, then the obsolete ones: the translation memory.
    extras = [e for k, e in active.items() if k not in wanted] if interface else []
    if not interface:
        memory.entries += [e for k, e in active.items() if k not in wanted and has_text(e)]
    memory.entries += [e for e in obsolete if has_text(e)]

    everything = list(old) if old is not None else []
    exact = _exact_sources(everything)
    position = {id(e): i for i, e in enumerate(memory.entries)}
    for tmpl in template:
        if tmpl.obsolete:
            continue
        entry = _fresh(tmpl)
        current = active.get(key(tmpl))
        if current is not None and current.tcomment:
            entry.tcomment = current.tcomment
        if current is not None and has_text(current):
            _copy_translation(entry, current)
            if current.fuzzy:
                entry.flags.append("fuzzy")
                entry.previous_msgid = current.previous_msgid
            counts.kept += 1
        elif (source := exact.get(key(tmpl))) is not None:
            # Its text returned: the translation made for exactly this text comes back as is.
            _copy_translation(entry, source)
            if id(source) in position:
                memory.used.add(position[id(source)])
            counts.revived += 1
        elif others and (source := others.get(key(tmpl))) is not None:
            _copy_translation(entry, source)  # moved here from another document
            counts.revived += 1
        elif (index := _closest(tmpl, memory)) is not None:
            source = memory.entries[index]
            memory.used.add(index)
            _copy_translation(entry, source)
            entry.flags.append("fuzzy")
            entry.previous_msgid = source_of(source)
            counts.fuzzy += 1
        elif current is None:
            counts.added += 1
        else:
            counts.kept += 1
        result.append(entry)

    taken = {key(e) for e in result}
    pairs = {(key(e), e.msgstr) for e in result}
    # The obsolete entries the file had first, then the ones this merge makes obsolete: the order
    # sphinx-intl (Babel) keeps too, so that either tool leaves them where the other would.
    for index in sorted(range(len(memory.entries)), key=lambda i: not memory.entries[i].obsolete):
        old_entry = memory.entries[index]
        if index in memory.used:
            continue
        kept = _as_obsolete(old_entry)
        if (key(kept), kept.msgstr) in pairs:
            continue  # this very translation of this very text is already in the file
        if key(kept) in taken and kept.msgid != old_entry.msgid:
            # Its source text is taken (active again with another translation, or kept once
            # already): keep it under its own text instead, so that its translation survives.
            kept.msgid, kept.flags = old_entry.msgid, ["fuzzy"]
        taken.add(key(kept))
        pairs.add((key(kept), kept.msgstr))
        counts.obsolete += not old_entry.obsolete
        result.append(kept)
    # Interface strings no template extracts (the theme's, Sphinx's): still in use, keep them.
    for extra in extras:
        extra.occurrences = file_locations(extra.occurrences)
    result.extend(extras)
    # Active messages first, then the obsolete ones (a stable sort keeps each group's order).
    result.sort(key=lambda e: e.obsolete)
    return result, counts
