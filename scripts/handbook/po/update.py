"""``make update-po``: merge the fresh templates into every language's catalogs.

It gives what `sphinx-intl update` gives (the same messages, translations and fuzzy marks; the test
is tests/test_sphinx_intl.py), plus: the old text of each fuzzy message (``#|``, also given back
when sphinx-intl dropped it); a translation that comes back when its text returns, from an obsolete
entry or another document's catalog; fuzzy matches word by word; interface strings no template
extracts kept in use; ``#:`` locations without line numbers; one header and one wrapping. It does not
call sphinx-intl: Babel, under it, drops or mangles ``#|`` lines and adds flags and line numbers
that would have to be undone, and polib is the one .po library here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from handbook.paths import Layout
from handbook.po import catalog, history, syntax
from handbook.po.merge import MergeCounts, compendium, merge


@dataclass
class LanguageResult:
    language: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unreadable: int = 0


def _summary(counts: MergeCounts, given_back: int = 0) -> str:
    parts = [f"+{counts.added} new", f"{counts.fuzzy} fuzzy", f"{counts.revived} revived",
             f"{counts.obsolete} obsolete"]
    if given_back:
        parts.append(f"{given_back} previous source text{'s' if given_back > 1 else ''} given back (#|)")
    return ", ".join(parts)


def update_language(layout: Layout, lang: str, project: str,
                    say: Callable[[str], None] = print) -> LanguageResult:
    """Bring one language's catalogs up to date with ``_build/gettext``; print one line per file."""
    result = LanguageResult(lang)
    lc_messages = layout.locales / lang / "LC_MESSAGES"
    # Every catalog as it was before this run, so that text moved between documents keeps its
    # translation whatever the order the documents are merged in.
    before: dict[str, polib.POFile] = {}
    given_back: dict[str, int] = {}
    broken: set[str] = set()
    for path in catalog.catalogs(lc_messages):
        doc = catalog.docname(path, lc_messages)
        problem = _unreadable(path)
        if problem:
            # Never rewrite a file we cannot read completely: the translator's work is in it.
            say(f"  {layout.rel(path)}:{problem[0]}: error: {problem[1]} — the file was not updated; "
                "fix it (`make check` explains) and run `make update-po` again [syntax]")
            broken.add(doc)
            result.unreadable += 1
            continue
        before[doc] = catalog.load(path)
        given_back[doc] = _give_back(path, before[doc], doc in catalog.INTERFACE_CATALOGS, layout.root)
    others = compendium([po for doc, po in before.items() if doc not in catalog.INTERFACE_CATALOGS])
    for doc, pot_path in catalog.templates(layout.gettext).items():
        if doc in broken:
            continue
        template = catalog.load(pot_path)
        po_path = lc_messages / f"{doc}.po"
        old = before.get(doc)
        interface = doc in catalog.INTERFACE_CATALOGS
        new, counts = merge(template, old, interface=interface, others=None if interface else others)
        if old is None:
            new.metadata = catalog.new_metadata(lang, project)
        catalog.canonical_header(new)
        written = catalog.write_if_changed(po_path, new)
        where = layout.rel(po_path)
        if old is None:
            result.created += 1
            say(f"  Create: {where} ({len([e for e in new if not e.obsolete])} messages)")
        elif written:
            result.updated += 1
            say(f"  Update: {where}: {_summary(counts, given_back.get(doc, 0))}")
        else:
            result.unchanged += 1
    templates = set(catalog.templates(layout.gettext))
    for po_path in catalog.catalogs(lc_messages):
        doc = catalog.docname(po_path, lc_messages)
        if doc not in templates and doc not in catalog.INTERFACE_CATALOGS:
            say(f"  {layout.rel(po_path)}:1: warning: no document {doc!r} in docs/ any more — "
                "the file is kept; move its translations or delete it [orphan-catalog]")
    return result


def _give_back(path: Path, po: polib.POFile, interface: bool, root: Path) -> int:
    """Undo what sphinx-intl did to a catalog since the last commit: the ``#|`` lines it turned into
    comments or dropped, the interface strings in use it made obsolete; the number of ``#|`` given back."""
    given = history.unmangle(po)
    needs_previous = history.needs_previous(po)
    made_obsolete = interface and any(e.obsolete for e in po)
    if needs_previous or made_obsolete:
        committed = history.committed(path, root)  # git is asked only when something is missing
        if committed is not None:
            given += history.restore_previous(po, committed) if needs_previous else 0
            if made_obsolete:
                history.reactivate(po, committed)
    return given


def _unreadable(path: Path) -> tuple[int, str] | None:
    """(line, what is wrong) when the catalog cannot be read without losing something."""
    problem = syntax.first_error(path.read_bytes())
    if problem is not None:
        return problem
    try:
        catalog.load(path)
    except (OSError, ValueError) as exc:
        return 1, f"the file cannot be read ({exc})"
    return None


def update(layout: Layout, languages: Sequence[str], project: str,
           say: Callable[[str], None] = print) -> list[LanguageResult]:
    results = []
    for lang in languages:
        res = update_language(layout, lang, project, say)
        say(f"  {lang}: created {res.created}, updated {res.updated}, unchanged {res.unchanged}")
        results.append(res)
    return results

