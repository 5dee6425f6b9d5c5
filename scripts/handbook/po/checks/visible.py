"""Slips a reader would see on the page: a number or an address changed, emphasis marks left
open, spaces the source does not have.

Each compares the translation with its source: whatever the source has, the translation may
have too (a source that itself ends with a space, or shows a lone `*`, is not the translator's
slip).
"""

from __future__ import annotations

import re
from collections import Counter

from handbook.po.checks import ERROR, Finding, markup

NUMBER, ADDRESS, UNBALANCED, SPACES = "number", "address", "unbalanced-markup", "spaces"

# Markup whose content other checks compare (roles, link targets, code, footnotes,
# substitutions, placeholders): numbers and addresses there are not counted twice.
_LINK_TARGET = re.compile(r"\]\(\s*<?[^)\s>]*>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]+>")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_SUBSTITUTION = re.compile(r"\{\{[^}]*\}\}")
_TAG = re.compile(r"<[a-zA-Z/][^<>]*>")  # raw HTML: the raw-html check's (an iframe's src is not text)

_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\[\]\"«»“”]+", re.I)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A number as a reader sees it, whatever the locale's format: 442, 150 000 (a space, a no-break
# or a narrow no-break space), 150,000, 1'000, 1,5, 1.5, 10:00. Digits are compared without the
# separators, so «150 000» and «150,000» are the same number, and 442 and 424 are not.
_GROUP = r"(?:[ \u00a0\u202f\u2009]|[.,'’](?=\d{3}(?!\d)))\d{3}(?!\d)"
_NUMBER = re.compile(rf"(?<![\w.,])\d+(?:{_GROUP})*(?:[.,:]\d+)?")
_TRAILING = ".,;:!?)»”’'\""


def _plain(text: str) -> str:
    """The text without the markup other checks already compare."""
    for pattern in (markup._ROLE, _LINK_TARGET, _AUTOLINK, _TAG, markup._CODE, _FOOTNOTE, _SUBSTITUTION,
                    markup._PLACEHOLDER):
        text = pattern.sub(" ", text)
    return text


# Month names (ru, en, fi, nb) next to a day or a year read as the month's number, so that
# «1 декабря 2021» and «1.12.2021» hold the same numbers.
_MONTHS = [r"январ\w*|january|tammikuu\w*|januar", r"феврал\w*|february|helmikuu\w*|februar",
           r"март\w*|march|maaliskuu\w*|mars", r"апрел\w*|april|huhtikuu\w*",
           r"ма[йяе]|may|toukokuu\w*|mai", r"июн\w*|june|kesäkuu\w*|juni", r"июл\w*|july|heinäkuu\w*|juli",
           r"август\w*|august|elokuu\w*", r"сентябр\w*|september|syyskuu\w*",
           r"октябр\w*|october|lokakuu\w*|oktober", r"ноябр\w*|november|marraskuu\w*",
           r"декабр\w*|december|joulukuu\w*|desember"]
_MONTH = re.compile(r"(?<=\d)(\.?\s+)(" + "|".join(f"(?:{m})" for m in _MONTHS) + r")\b|\b("
                    + "|".join(f"(?:{m})" for m in _MONTHS) + r")(?=\s+\d{4})", re.I)


def _month_number(match: re.Match[str]) -> str:
    name = (match.group(2) or match.group(3)).lower()
    number = next(i for i, m in enumerate(_MONTHS, 1) if re.fullmatch(m, name, re.I))
    return f"{match.group(1) or ''} {number} "


def _number_text(text: str) -> str:
    return _MONTH.sub(_month_number, _URL.sub(" ", _EMAIL.sub(" ", _plain(text))))


def numbers(text: str) -> Counter[str]:
    """Each number's digits, without its group and decimal separators."""
    return Counter(re.sub(r"\D", "", match) for match in _NUMBER.findall(_number_text(text)))


def _runs(text: str) -> Counter[int]:
    """Each run of digits as a number (a date's 05 is 5; «30 442» is 30 and 442); one-digit numbers
    are left out: either language may write them as words («в 5 раз», «viisinkertaisesti»)."""
    return Counter(n for n in map(int, re.findall(r"\d+", _number_text(text))) if n >= 10)


def addresses(text: str) -> Counter[str]:
    plain = _plain(text)
    urls = [url.rstrip(_TRAILING) for url in _URL.findall(plain)]
    return Counter(urls + _EMAIL.findall(_URL.sub(" ", plain)))


def _listed(counter: Counter[str]) -> str:
    return ", ".join(sorted(counter.elements()))


def _numbers(source: str, translation: str) -> list[Finding]:
    if numbers(source) == numbers(translation):
        return []
    # Grouped one way in the source and another in the translation («30 442-ФЗ», «30 of Law 442»),
    # a date with or without leading zeros: the runs of digits still agree.
    src, tr = _runs(source), _runs(translation)
    missing, extra = Counter({str(n): c for n, c in (src - tr).items()}), Counter({str(n): c for n, c in (tr - src).items()})
    if not missing and not extra:
        return []
    if missing and extra:
        what = f"the number {_listed(missing)} of the source is {_listed(extra)} in the translation"
    elif missing:
        what = f"the number {_listed(missing)} of the source is missing from the translation"
    else:
        what = f"the number {_listed(extra)} is not in the source"
    return [Finding(ERROR, f"{what} — write the source's numbers (years and article numbers as they are; "
                           "150 000 or 1,5 in your language's format is fine)", NUMBER)]


def _addresses(source: str, translation: str) -> list[Finding]:
    src, tr = addresses(source), addresses(translation)
    missing, extra = src - tr, tr - src
    if missing and extra:
        what = f"the address {_listed(missing)} of the source is {_listed(extra)} in the translation"
    elif missing:
        what = f"the address {_listed(missing)} of the source is missing from the translation"
    elif extra:
        what = f"the address {_listed(extra)} is not in the source"
    else:
        return []
    return [Finding(ERROR, f"{what} — copy web and e-mail addresses exactly as in the source", ADDRESS)]


# Emphasis and code marks a reader would see as stray characters when one is left open.
_STRONG = re.compile(r"\*\*")
_STAR = re.compile(r"(?<![\s*])\*(?!\*)|(?<!\*)\*(?![\s*])")  # a star touching a word: not "2 * 3"
_BACKTICKS = re.compile(r"`+")


def _marks(text: str) -> dict[str, int]:
    text = markup._ROLE.sub(" ", _LINK_TARGET.sub(" ", _URL.sub(" ", text)))
    code_free = markup._CODE.sub(" ", text)
    return {"`": len(_BACKTICKS.findall(text)), "**": len(_STRONG.findall(code_free)),
            "*": len(_STAR.findall(_STRONG.sub(" ", code_free)))}


def _unbalanced(source: str, translation: str) -> list[Finding]:
    src, tr = _marks(source), _marks(translation)
    found = []
    for mark, name in (("**", "bold"), ("*", "italic"), ("`", "code")):
        if tr[mark] % 2 and not src[mark] % 2:
            found.append(Finding(ERROR, f"{'a' if mark == '*' else 'an'} {mark} of the translation is "
                                        f"never closed ({tr[mark]} in the translation, {src[mark]} in the "
                                        f"source), so readers see it and the {name} text is lost — close it "
                                        "as in the source", UNBALANCED))
    return found


_SPACE = " \t\u00a0\u202f\u2009\u3000"


def _spaces(source: str, translation: str) -> list[Finding]:
    found = []
    for end, strip in (("starts", str.lstrip), ("ends", str.rstrip)):
        src = len(source) - len(strip(source, _SPACE))
        tr = len(translation) - len(strip(translation, _SPACE))
        if src != tr and translation.strip(_SPACE):
            has = f"{tr} space{'s' * (tr != 1)}" if tr else "no space"
            want = f"{src}" if src else "none"
            found.append(Finding(ERROR, f"the translation {end} with {has}, the source with {want} — "
                                        "make it the same as the source (words around it would run together "
                                        "or drift apart)", SPACES))
    return found


def check(source: str, translation: str, interface: bool = False) -> list[Finding]:
    found = _numbers(source, translation) + _addresses(source, translation) + _spaces(source, translation)
    if not interface:  # interface strings are not Markdown
        found += _unbalanced(source, translation)
    return found
