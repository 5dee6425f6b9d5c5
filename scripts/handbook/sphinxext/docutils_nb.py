"""Norwegian Bokmål texts for docutils, which ships none (it would fall back to English).

Found by docutils as the module ``docutils.languages.nb`` once :func:`register` has run.
"""

from __future__ import annotations

import sys

labels = {
    "author": "Forfatter",
    "authors": "Forfattere",
    "organization": "Organisasjon",
    "address": "Adresse",
    "contact": "Kontakt",
    "version": "Versjon",
    "revision": "Revisjon",
    "status": "Status",
    "date": "Dato",
    "copyright": "Opphavsrett",
    "dedication": "Dedikasjon",
    "abstract": "Sammendrag",
    "attention": "Obs!",
    "caution": "Forsiktig!",
    "danger": "Fare!",
    "error": "Feil",
    "hint": "Hint",
    "important": "Viktig",
    "note": "Merk",
    "tip": "Tips",
    "warning": "Advarsel",
    "contents": "Innhold",
}

bibliographic_fields = {
    "forfatter": "author",
    "forfattere": "authors",
    "organisasjon": "organization",
    "adresse": "address",
    "kontakt": "contact",
    "versjon": "version",
    "revisjon": "revision",
    "status": "status",
    "dato": "date",
    "opphavsrett": "copyright",
    "dedikasjon": "dedication",
    "sammendrag": "abstract",
}

author_separators = [";", ","]


def register() -> None:
    # Docutils imports docutils.languages.<tag>, which finds this module. (Its get_language.cache
    # is not reachable under `sphinx-build`, which wraps get_language in a plain function.)
    sys.modules.setdefault("docutils.languages.nb", sys.modules[__name__])
