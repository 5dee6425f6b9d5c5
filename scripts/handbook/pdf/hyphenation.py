"""Hyphenation dictionaries for WeasyPrint (through Pyphen), including Finnish, which Pyphen lacks."""

from __future__ import annotations

from pathlib import Path

DICTIONARIES = Path(__file__).parent / "hyphenation"

# Pyphen's own dictionaries cover ru, en, nb (nb_NO) and da. Finnish comes from hyph-fi.tex
# (see hyphenation/README_hyph_fi_FI.txt for its origin and licence).
EXTRA = {"fi_FI": DICTIONARIES / "hyph_fi_FI.dic"}

# The value of `lang` the PDF's <html> element gets for each handbook language. Norwegian must be
# "nb": Pyphen resolves "nb" to nb_NO, while "no" resolves to nothing (no hyphenation at all).
HTML_LANG = {"ru": "ru", "en": "en", "fi": "fi", "nb": "nb", "no": "nb"}


def html_lang(language: str) -> str:
    return HTML_LANG.get(language, language)


# At most this many hyphenated lines in a row: a typesetter's rule (a «ladder» of hyphens is
# hard to read) that CSS names `hyphenate-limit-lines` and WeasyPrint 70 does not implement.
MAX_HYPHENATED_LINES = 2


def register() -> None:
    """Make the extra dictionaries known to Pyphen and limit runs of hyphenated lines; call before
    WeasyPrint lays out text."""
    import pyphen

    from handbook import patches

    # The run limit is a WeasyPrint patch (patches/weasyprint.py); only the patches the output
    # depends on are installed here, so that WeasyPrint alone stays the yardstick.
    patches.install("pdf", only=lambda patch: not patch.speed_only)
    for name, path in EXTRA.items():
        short = name.split("_")[0]
        for key in (name, short):
            if key not in pyphen.LANGUAGES:
                pyphen.LANGUAGES[key] = path
                pyphen.LANGUAGES_LOWERCASE[key.lower()] = key
