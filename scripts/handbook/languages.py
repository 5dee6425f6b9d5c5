"""Facts about the handbook's languages that do not belong in conf.py."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

# Sphinx's search stemmers know Norwegian as "no"; "nb" silently falls back to English.
SEARCH_LANGUAGE = {"nb": "no", "nn": "no"}


def native_name(code: str) -> str:
    """The language's name written in that language, capitalised ("Suomi", "Norsk bokmål")."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]


def search_language(code: str) -> str:
    return SEARCH_LANGUAGE.get(code, code)
