"""Typesetting rules applied to the print doctrees: non-breaking spaces where a line must not
break, and abbreviations in capitals kept whole (issue 18, point 7).

The sources stay as authors and translators write them; the rules are applied to the text at
build time, in the PDF builder, so the website and the catalogs are not touched.
"""

from __future__ import annotations

import re

from docutils import nodes

NBSP = "\u00a0"
# Readers of paper and typesetters expect «№ 5», «30 %», «150 000 руб.» and «А. И. Иванов» never
# to be torn across two lines.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # «№ 5», «№№ 3–5»
    (re.compile(r"(№+)[ \t\n]+"), rf"\1{NBSP}"),
    # «30 %», «150 000 руб.», «1 253,97 ₽»: the sign stays with its number («Сумма, руб.» may break).
    (re.compile(r"(?<=\d)[ \t\n]+(?=%|‰|₽|руб\.|руб\b|коп\.|тыс\.|млн\b|млрд\b)"), NBSP),
    # «150 000», «1 253,97»: the groups of a number. A group is three digits not followed by
    # another digit; repeated so that «1 000 000» is joined all along.
    (re.compile(r"(?<=\d)[ \t\n]+(?=\d{3}(?!\d))"), NBSP),
    # «А. И. Иванов», «A. B. Smith»: an initial stays with the next initial or the surname…
    (re.compile(r"(?<![\w.])([A-ZА-ЯЁ]\.)[ \t\n]+(?=[A-ZА-ЯЁ])"), rf"\1{NBSP}"),
    # …and «Иванов А. И.»: the surname with the initials after it.
    (re.compile(r"\b([A-ZА-ЯЁ][a-zа-яё]+)[ \t\n]+(?=[A-ZА-ЯЁ]\.[ \t\n\u00a0]?[A-ZА-ЯЁ]\.)"),
     rf"\1{NBSP}"),
)
# The same ties where formatting splits the text: «**150 000** руб.», «№ **5**», «*30* %».
_UNIT = r"%|‰|₽|руб\.|руб\b|коп\.|тыс\.|млн\b|млрд\b"
_SPACE_BEFORE_UNIT = re.compile(rf"^[ \t\n]+(?={_UNIT})")
_SPACE_AFTER_SIGN = re.compile(r"(№+)[ \t\n]+$")
# Two or more capitals, with their hyphenated parts: «НКО», «СОНКО», «ИПП-СУ», «ЕГРЮЛ».
ABBREVIATION = re.compile(r"(?<![\w-])[A-ZА-ЯЁ]{2,}(?:-[A-ZА-ЯЁ0-9]+)*(?![\w-])")
ABBREVIATION_CLASS = "print-abbr"  # print.css: not hyphenated, not broken at its hyphen

# Text that is not prose: code and raw output are printed as written.
_SKIP = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math, nodes.comment,
         nodes.substitution_definition, nodes.Invisible)


def tie(text: str) -> str:
    """``text`` with non-breaking spaces where the line must not break."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def _pieces(text: str) -> list[nodes.Node]:
    """The text as plain text and the abbreviations in it as inline nodes of their own."""
    pieces: list[nodes.Node] = []
    last = 0
    for match in ABBREVIATION.finditer(text):
        if match.start() > last:
            pieces.append(nodes.Text(text[last:match.start()]))
        pieces.append(nodes.inline(match.group(), match.group(), classes=[ABBREVIATION_CLASS]))
        last = match.end()
    if last < len(text):
        pieces.append(nodes.Text(text[last:]))
    return pieces


def _where(node: nodes.Node) -> tuple[bool, bool]:
    """(skipped, inside a link) for a text node."""
    parent, in_link = node.parent, False
    while parent is not None:
        if isinstance(parent, _SKIP) or ABBREVIATION_CLASS in parent.get("classes", ()):
            return True, in_link
        in_link = in_link or isinstance(parent, nodes.reference)
        parent = parent.parent
    return False, in_link


def _block(node: nodes.Node) -> nodes.Node | None:
    """The paragraph, title or cell text a text belongs to (the nearest element that is not inline)."""
    parent = node.parent
    while parent is not None and (isinstance(parent, nodes.Inline) or not isinstance(parent, nodes.TextElement)):
        parent = parent.parent
    return parent


def _tie_across(tree: nodes.Element) -> None:
    """Ties between neighbouring texts of one paragraph that formatting keeps apart: a number at
    the end of one and its unit at the start of the next, «№» at the end of one and a number next."""
    texts = [t for t in tree.findall(nodes.Text) if t.parent is not None and not _where(t)[0]]
    for i in range(len(texts) - 1):
        before, after = texts[i], texts[i + 1]
        if _block(before) is not _block(after):
            continue
        first, second = str(before), str(after)
        if first[-1:].isdigit() and _SPACE_BEFORE_UNIT.match(second):
            texts[i + 1] = _replaced(after, _SPACE_BEFORE_UNIT.sub(NBSP, second, count=1))
        elif second[:1].isdigit() and _SPACE_AFTER_SIGN.search(first):
            texts[i] = _replaced(before, _SPACE_AFTER_SIGN.sub(rf"\1{NBSP}", first, count=1))


def _replaced(text: nodes.Text, new: str) -> nodes.Text:
    node = nodes.Text(new)
    text.parent.replace(text, node)
    return node


def apply(tree: nodes.Element) -> None:
    """Tie what must not break and mark the abbreviations in every text of ``tree``."""
    _tie_across(tree)
    for text in list(tree.findall(nodes.Text)):
        skipped, in_link = _where(text) if text.parent is not None else (True, False)
        if skipped:
            continue
        tied = tie(str(text))
        # No element inside a link: WeasyPrint would write the link's annotation once more for it
        # (see assemble.one_annotation_per_link).
        pieces = [nodes.Text(tied)] if in_link else _pieces(tied)
        if len(pieces) == 1 and isinstance(pieces[0], nodes.Text):
            if tied != str(text):
                text.parent.replace(text, pieces[0])
            continue
        parent = text.parent
        index = parent.index(text)
        parent.remove(text)
        for offset, piece in enumerate(pieces):
            parent.insert(index + offset, piece)
