"""Facts about the handbook's languages that do not belong in conf.py."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

# Sphinx's search stemmers know Norwegian as "no"; "nb" silently falls back to English.
SEARCH_LANGUAGE = {"nb": "no", "nn": "no"}


# The letters of the script a source language is written in: a word with one of them is a word of
# the source text (a number or a name in Latin letters is not; passage_lang and po.stats rely on it).
SCRIPT_LETTERS = {code: "\u0400-\u04ff\u0500-\u052f" for code in ("ru", "uk", "be", "bg", "sr", "mk", "kk")}


def script_letters(code: str) -> str | None:
    """A regular-expression character range of the language's script, if it is not Latin."""
    return SCRIPT_LETTERS.get(code.replace("-", "_").split("_")[0].lower())


def native_name(code: str) -> str:
    """The language's name written in that language, capitalised ("Suomi", "Norsk bokmål")."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]


def search_language(code: str) -> str:
    return SEARCH_LANGUAGE.get(code, code)
