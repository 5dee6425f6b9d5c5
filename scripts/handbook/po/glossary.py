"""The multilingual glossary (locales/glossary.tbx) and the inflection-tolerant term check."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from handbook.po.checks import WARNING, Finding

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STEMMERS = {"ru": "russian", "en": "english", "fi": "finnish", "nb": "norwegian", "nn": "norwegian",
             "no": "norwegian", "da": "danish", "sv": "swedish", "de": "german"}
_WORD = re.compile(r"\w+", re.UNICODE)
# Shorter stems would match too much when used as prefixes (compounds: palvelu|ntuottaja).
MIN_PREFIX = 4
MIN_SHARED = 3


@dataclass
class Term:
    forms: dict[str, list[str]] = field(default_factory=dict)  # language → approved forms

    def source(self, lang: str) -> list[str]:
        return self.forms.get(lang, [])


class GlossaryError(Exception):
    """The glossary file cannot be read; the message says where."""


def load(path: Path) -> list[Term]:
    """Terms of a TBX file: each termEntry, its langSet per language, one term per approved form."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GlossaryError(f"{exc.position[0]}: error: the glossary is not valid XML ({exc}) — "
                            "fix it or export it again from Weblate [glossary-file]") from None
    terms = []
    for entry in root.iter("termEntry"):
        term = Term()
        for lang_set in entry.iter("langSet"):
            lang = lang_set.get(XML_LANG, "").split("-")[0].split("_")[0]
            words = [t.text.strip() for t in lang_set.iter("term") if t.text and t.text.strip()]
            term.forms.setdefault(lang, []).extend(words)
        terms.append(term)
    return terms


@lru_cache(maxsize=None)
def _stemmer(lang: str):  # noqa: ANN202 - snowballstemmer has no types
    name = _STEMMERS.get(lang)
    return snowballstemmer.stemmer(name) if name else None


def stems(text: str, lang: str) -> list[str]:
    words = [w.lower().replace("ё", "е") for w in _WORD.findall(text)]
    stemmer = _stemmer(lang)
    return stemmer.stemWords(words) if stemmer else words


def _word_matches(term_stem: str, text_word: str, text_stem: str, lenient: bool) -> bool:
    if term_stem == text_stem:
        return True
    # Inflected or compound forms the stemmer does not reduce to the same stem.
    if len(term_stem) >= MIN_PREFIX and (text_word.startswith(term_stem) or text_stem.startswith(term_stem)):
        return True
    if not lenient:
        return False
    # Inflection that changes the end of the stem: Finnish consonant gradation and case endings
    # (asiakas → asiakkaan, varhainen → varhaista, tuki → tukea), English plurals of
    # abbreviations (NGO → NGOs). A shared beginning that is all but the stem's last two letters.
    # Only where a translation is checked: in the source it would find terms that are not there
    # («получать» is not «получатель»).
    shared = max(len(os.path.commonprefix([term_stem, text_stem])),
                 len(os.path.commonprefix([term_stem, text_word])))
    return shared >= MIN_SHARED and shared >= len(term_stem) - 2


def uses(text: str, phrase: str, lang: str, lenient: bool = False) -> bool:
    """Whether ``text`` contains ``phrase`` in any inflected form (its words in a row).

    ``lenient`` also accepts a word that shares all but the last two letters of the term's stem.
    """
    phrase_stems = stems(phrase, lang)
    if not phrase_stems:
        return False
    words = [w.lower().replace("ё", "е") for w in _WORD.findall(text)]
    text_stems = stems(text, lang)
    n = len(phrase_stems)
    for i in range(len(words) - n + 1):
        if all(_word_matches(phrase_stems[k], words[i + k], text_stems[i + k], lenient)
               for k in range(n)):
            return True
    return False


def check(terms: list[Term], source: str, translation: str, source_lang: str, lang: str) -> list[Finding]:
    found = []
    present = [t for t in terms if t.source(lang)
               and any(uses(source, ru, source_lang) for ru in t.source(source_lang))]
    for term in present:
        # "реестр поставщиков социальных услуг" contains "поставщик социальных услуг": the longer
        # term has its own approved translation, which need not contain the shorter one's.
        if any(other is not term and any(uses(long, short, source_lang)
                                         for long in other.source(source_lang)
                                         for short in term.source(source_lang))
               for other in present):
            continue
        approved = term.source(lang)
        if not any(uses(translation, form, lang, lenient=True) for form in approved):
            name = term.source(source_lang)[0]
            forms = " or ".join(f"«{form}»" for form in approved)
            found.append(Finding(WARNING, f"the source uses the glossary term «{name}»; translate it as "
                                          f"{forms} (any inflected form) — see locales/glossary.tbx",
                                 "glossary"))
    return found
