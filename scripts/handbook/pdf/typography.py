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


def apply(tree: nodes.Element) -> None:
    """Tie what must not break and mark the abbreviations in every text of ``tree``."""
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
