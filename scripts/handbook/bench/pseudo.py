"""Pseudo-translation: every message of a language's document catalogs translated, markup kept.

The real catalogs are partly translated, so their build says little about the cost of a complete
translation. Here each msgstr becomes its msgid followed by `` (xx)``: different from the msgid (Sphinx
skips a translation equal to its source), the same markup, and plain words stay plain.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po, write_po

# An image's file name is a message too (gettext_additional_targets); it stays as it is.
_FILE = re.compile(r"(\.\. image:: )?\S+\.(svg|png|jpe?g|gif|webp)", re.IGNORECASE)


def pseudo_translate(locales: Path, lang: str) -> int:
    """Translate every message of ``locales/<lang>`` (not the interface's sphinx.po); the count."""
    count = 0
    for po in sorted((locales / lang / "LC_MESSAGES").rglob("*.po")):
        if po.name == "sphinx.po":
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=None)
        for message in catalog:
            if not message.id or message.pluralizable or _FILE.fullmatch(message.id):
                continue
            message.string = f"{message.id} ({lang})"
            message.flags.discard("fuzzy")
            count += 1
        with po.open("wb") as handle:
            write_po(handle, catalog, width=0)
    return count
