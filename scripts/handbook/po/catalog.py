"""Reading and writing .po catalogs (through polib) in one stable format."""

from __future__ import annotations

import re
from pathlib import Path

import polib
from babel import Locale, UnknownLocaleError

from handbook import atomic

# One width for every file we write, so that two runs (or two machines) never re-wrap a line.
WRAP_WIDTH = 79
# Catalogs of interface strings: they hold entries that no template of ours extracts (the
# theme's and Sphinx's own strings), so update-po must never make those obsolete.
INTERFACE_CATALOGS = frozenset({"sphinx", "javascript"})  # javascript: see sphinxext/jscatalog.py


def load(path: Path) -> polib.POFile:
    """Read a catalog; raises OSError, ValueError or UnicodeDecodeError on a broken file."""
    return polib.pofile(str(path), wrapwidth=WRAP_WIDTH, encoding="utf-8", check_for_duplicates=False)


def render(catalog: polib.POFile) -> str:
    catalog.wrapwidth = WRAP_WIDTH
    text = str(catalog)
    return text if text.endswith("\n") else text + "\n"


def write_if_changed(path: Path, catalog: polib.POFile) -> bool:
    """Write the catalog atomically, and only when its text changed; True when written."""
    # The one writer of .po files: a half-written catalog never replaces a good one (a
    # translator's work is in it), and an unchanged one keeps its time (the builds depend on it).
    return atomic.write_text_if_changed(path, render(catalog))


def plural_forms(code: str) -> str:
    """The Plural-Forms header for a language, from Babel's CLDR data."""
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return "nplurals=2; plural=(n != 1);"
    from babel.messages.plurals import get_plural

    rule = get_plural(locale)
    return f"nplurals={rule.num_plurals}; plural={rule.plural_expr};"


def new_metadata(code: str, project: str) -> dict[str, str]:
    """Headers of a new catalog; no dates, so that creating it twice gives the same file."""
    return {
        "Project-Id-Version": project,
        "Language": code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(code),
    }


# The header's fields in the order gettext's own tools write them; others follow in their order.
_HEADER_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
                 "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
                 "Content-Transfer-Encoding", "Plural-Forms")
# Values that say nothing: the placeholders of gettext's template header, which Babel (and so
# sphinx-intl) writes into every catalog it rewrites.
_PLACEHOLDERS = ("", "PROJECT VERSION", "EMAIL@ADDRESS", "YEAR-MO-DA HO:MI+ZONE", "FULL NAME <EMAIL@ADDRESS>")
# Stamps that change with no change of the catalog: the template's date moves with every `make
# gettext` that changes a message, the tool's name with every upgrade; both only make diffs noisy.
_STAMPS = ("POT-Creation-Date", "Generated-By")


# The comment lines of gettext's template header (Sphinx's .pot, Babel's new catalogs): placeholders.
_BOILERPLATE = re.compile(r"|SOME DESCRIPTIVE TITLE\.?|Copyright \(C\).*|FIRST AUTHOR <EMAIL@ADDRESS>, (?:YEAR|\d{4})\.?"
                          r"|Translations template for .*\.|.* translations for .*\.")
# The one sentence of it that names the project, so that it may run over two lines.
_LICENSE = re.compile(r"This file is distributed under the same license as the\s[\s\S]*?\s(?:package|project)\.")


def canonical_header(po: polib.POFile) -> None:
    """Give the catalog the header update-po keeps, whichever tool wrote the file last (sphinx-intl
    writes gettext's template header into every catalog it creates or rewrites): the translators'
    own comments and fields, none of the template's placeholders."""
    comment = _LICENSE.sub("", po.header or "")
    po.header = "\n".join(line for line in comment.splitlines() if not _BOILERPLATE.fullmatch(line.strip()))
    po.metadata = canonical_metadata(po.metadata)
    po.metadata_is_fuzzy = False  # "#, fuzzy" on a header only says the template's was not filled in


def canonical_metadata(metadata: dict[str, str]) -> dict[str, str]:
    """The header as update-po keeps it, whichever tool wrote the file last: no placeholders or
    stamps, the fields in gettext's order, the charset the file is in."""
    kept = {name: value.strip() for name, value in metadata.items()
            if name not in _STAMPS and value.strip() not in _PLACEHOLDERS
            and not value.strip().endswith("<LL@li.org>")}
    if "Content-Type" in kept:
        kept["Content-Type"] = "text/plain; charset=utf-8"  # read and written as UTF-8, whatever it said
    ordered = {name: kept.pop(name) for name in _HEADER_ORDER if name in kept}
    return ordered | kept


def is_translated(entry: polib.POEntry) -> bool:
    """Has a translation Sphinx would use (non-empty, not fuzzy, not obsolete)."""
    return has_text(entry) and not entry.fuzzy and not entry.obsolete


def has_text(entry: polib.POEntry) -> bool:
    if entry.msgstr_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def docname(catalog_path: Path, lc_messages: Path) -> str:
    """``locales/fi/LC_MESSAGES/chapters/01-intro.po`` → ``chapters/01-intro``."""
    return catalog_path.relative_to(lc_messages).with_suffix("").as_posix()


def catalogs(lc_messages: Path) -> list[Path]:
    """Every .po file of one language, in a stable order."""
    if not lc_messages.is_dir():
        return []
    return sorted(p for p in lc_messages.rglob("*.po") if p.is_file())


def templates(gettext_dir: Path) -> dict[str, Path]:
    """Document name → .pot file."""
    if not gettext_dir.is_dir():
        return {}
    return {p.relative_to(gettext_dir).with_suffix("").as_posix(): p
            for p in sorted(gettext_dir.rglob("*.pot"))}
