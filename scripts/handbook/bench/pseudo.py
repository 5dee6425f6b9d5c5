"""Pseudo-translation: every message of a language's document catalogs translated, markup kept.

The real catalogs are partly translated, so their build says little about the cost of a complete
translation. Here each msgstr becomes its msgid followed by `` (xx)``: different from the msgid (Sphinx
skips a translation equal to its source), the same markup, and plain words stay plain.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbook.po import catalog as po_catalog

# An image's file name is a message too (gettext_additional_targets); it stays as it is.
_FILE = re.compile(r"(\.\. image:: )?\S+\.(svg|png|jpe?g|gif|webp)", re.IGNORECASE)


def pseudo_translate(locales: Path, lang: str) -> int:
    """Translate every message of ``locales/<lang>`` (not the interface's sphinx.po); the count."""
    count = 0
    for po in sorted((locales / lang / "LC_MESSAGES").rglob("*.po")):
        if po.name == "sphinx.po":
            continue
        catalog = po_catalog.load(po)
        for entry in catalog:
            if not entry.msgid or entry.obsolete or entry.msgid_plural or _FILE.fullmatch(entry.msgid):
                continue
            entry.msgstr = f"{entry.msgid} ({lang})"
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
            count += 1
        po_catalog.write_if_changed(po, catalog)
    return count
