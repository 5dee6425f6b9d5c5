"""Editorial thresholds of `make check`: the handbook's length and the translations its languages
promise. They are the team's goals, not the toolchain's correctness, so they live here and not in
the test suite: a translator who falls behind sees them in `make check` and breaks no build.

Both are set in conf.py; an empty setting turns its check off::

    handbook_min_source_words = 12000                 # [min-words]
    handbook_min_source_words_in = ["chapters/", "annexes/"]
    handbook_promised_translations = {"en": [""], "fi": ["chapters/01-introduction", …]}  # [incomplete-translation]

A promise is a list of document names or their beginnings ("" is every document).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from handbook.config import Settings
from handbook.paths import Layout
from handbook.po import catalog, syntax
from handbook.po.checks import WARNING, Problem
from handbook.po.stats import document_stats, words

MIN_WORDS = "handbook_min_source_words"
PROMISED = "handbook_promised_translations"
# MyST comment lines: not text a reader sees.
_COMMENT = re.compile(r"^%.*$", re.M)


def documents(layout: Layout) -> list[str]:
    """The names of the source documents (``chapters/06-costing``), as Sphinx and the catalogs name them."""
    return sorted(p.relative_to(layout.docs).with_suffix("").as_posix() for p in layout.docs.rglob("*.md")
                  if not any(part.startswith(("_", ".")) for part in p.relative_to(layout.docs).parts))


def _setting_line(layout: Layout, name: str) -> int:
    """The line of conf.py that sets ``name`` (1 when it is not set there)."""
    try:
        text = layout.conf.read_text(encoding="utf-8")
    except OSError:
        return 1
    match = re.search(rf"^{re.escape(name)}\s*=", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _matches(document: str, prefixes: Sequence[str]) -> bool:
    return any(document.startswith(prefix) for prefix in prefixes)


def source_words(layout: Layout, prefixes: Sequence[str], source: str) -> int:
    """The source language's words in the documents named by ``prefixes`` (as `make stats` counts them)."""
    return sum(words(_COMMENT.sub("", (layout.docs / f"{doc}.md").read_text(encoding="utf-8")), source)
               for doc in documents(layout) if _matches(doc, prefixes))


def check_length(layout: Layout, settings: Settings, source: str) -> list[Problem]:
    minimum = settings.min_source_words
    prefixes = settings.min_source_words_in or [""]
    if minimum <= 0:
        return []
    count = source_words(layout, prefixes, source)
    if count >= minimum:
        return []
    where = ", ".join(f"docs/{p}" for p in prefixes if p) or "docs/"
    return [Problem(layout.rel(layout.conf), _setting_line(layout, MIN_WORDS), WARNING,
                    f"the text in {where} has {count:,} words, fewer than the {minimum:,} of {MIN_WORDS} — "
                    "write the missing text, or lower the goal here", "min-words")]


def check_promises(layout: Layout, settings: Settings, languages: Sequence[str],
                   source: str) -> list[Problem]:
    promised = settings.promised_translations
    problems = []
    for lang in languages:
        prefixes = list(promised.get(lang) or [])
        if not prefixes:
            continue
        lc_messages = layout.locales / lang / "LC_MESSAGES"
        for doc in documents(layout):
            if not _matches(doc, prefixes):
                continue
            path = lc_messages / f"{doc}.po"
            shown = layout.rel(path)
            if not path.is_file():
                problems.append(Problem(shown, 1, WARNING, f"{doc} has no {lang} catalog, but conf.py "
                                        f"promises it translated ({PROMISED}) — run make update-po "
                                        f"LANGS={lang} and translate it", "incomplete-translation"))
                continue
            try:
                po = catalog.load(path)
            except (OSError, ValueError, UnicodeDecodeError):
                continue  # reported with its line by the file checks
            stats = document_stats(doc, po, source)
            left = stats.messages.untranslated + stats.messages.fuzzy
            if not left:
                continue
            first = next(e for e in po if not e.obsolete and e.msgid
                         and (e.fuzzy or not catalog.has_text(e)))
            line = syntax.msgstr_lines(path.read_text(encoding="utf-8")).get(first.linenum or 0,
                                                                             first.linenum or 1)
            problems.append(Problem(
                shown, line, WARNING,
                f"{stats.messages.untranslated} untranslated and {stats.messages.fuzzy} fuzzy "
                f"message{'s' * (left != 1)} ({stats.words.untranslated + stats.words.fuzzy:,} of "
                f"{stats.words.total:,} words left), but conf.py promises this document in {lang} "
                f"({PROMISED}) — translate them, starting here", "incomplete-translation"))
    return problems


def check(layout: Layout, settings: Settings, languages: Sequence[str], source: str,
          whole: bool = True) -> list[Problem]:
    """Every editorial problem; the handbook's length only for a ``whole`` check (not one language's)."""
    found = check_length(layout, settings, source) if whole else []
    return found + check_promises(layout, settings, languages, source)
