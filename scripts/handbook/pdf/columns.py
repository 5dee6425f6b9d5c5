"""Column widths of the print tables, computed once from their text.

WeasyPrint's automatic table layout measures every cell's shortest and longest line before it
lays the table out, and does it again on each page a table crosses: about a tenth of the PDF's
layout time. The print style sheet lays tables out with fixed widths instead, and this module
gives each column a width the way the automatic layout would (CSS 2.1, 17.5.2.2), estimated from
characters rather than measured glyphs: a column gets at least its longest word, and the room that
is left goes to the columns with the longest text.

A table with a numeric column (right-aligned, ``---:``) is the exception: its amounts are set
without a break («150 000,00», print.css), and a width estimated in characters of 9 pt text is
too narrow for them in large print (14 pt) or in bold. Such tables keep the automatic layout, which
measures the amounts and gives their column at least their width in every variant.
"""

from __future__ import annotations

import re

from docutils import nodes

# Characters of 9 pt table text in the width of an A4 text block (about 166 mm): the tables' font
# size and the page margins of print.css. Only the proportions of the columns depend on it.
LINE_CHARACTERS = 100
CELL_PADDING = 2  # characters of padding and border per column
# A longer word is hyphenated or, failing that, broken (print.css): it does not widen its column.
LONGEST_UNBROKEN = 12
# The widths are shared by the standard and the large-print PDF (one prepared doctree), and large
# print sets tables at 14 pt on about the same text width: a word takes 14/9 of its 9 pt share
# there. A column's floor is its longest word at that size, so that a date («08.08.2016») or a
# header word is not broken in large print («08.08.201|6» was); standard print has room to spare.
LARGE_PRINT_SCALE = 14 / 9
NUMERIC = "text-right"  # MyST's class of the cells of a right-aligned column (print.css: nowrap)
OWN_WIDTHS = "colwidths-given"  # docutils: the author gave the widths (``:widths:``)
FIXED = "print-fixed"  # print.css lays these tables out with fixed widths


def _words(text: str) -> list[str]:
    # Only breakable spaces: a number tied with no-break spaces («150 000», typography.py) is one word.
    return re.split(r"[ \t\n]+", text.strip()) or [""]


def _colspecs(tgroup: nodes.tgroup) -> list[nodes.colspec]:
    return [c for c in tgroup.children if isinstance(c, nodes.colspec)]


def _rows(tgroup: nodes.tgroup) -> list[nodes.row]:
    """The table's own rows (head and body), not those of a table inside a cell."""
    return [row for part in tgroup.children if isinstance(part, (nodes.thead, nodes.tbody))
            for row in part.children if isinstance(row, nodes.row)]


def column_extents(tgroup: nodes.tgroup) -> list[tuple[int, int]]:
    """Per column: (longest word, longest paragraph) in characters, of cells one column wide."""
    count = int(tgroup.get("cols", 0)) or len(_colspecs(tgroup))
    extents = [(1, 1)] * count
    for row in _rows(tgroup):
        column = 0
        for entry in row.children:
            span = int(entry.get("morecols", 0)) + 1
            if span == 1 and column < count:
                paragraphs = [p.astext() for p in entry.findall(nodes.paragraph)] or [entry.astext()]
                shortest = min(LONGEST_UNBROKEN, max(len(w) for p in paragraphs for w in _words(p)))
                longest = max(len(p) for p in paragraphs)
                low, high = extents[column]
                extents[column] = (max(low, shortest), max(high, longest))
            column += span
    return extents


def proportions(extents: list[tuple[int, int]], line: int = LINE_CHARACTERS) -> list[int]:
    """Widths in hundredths: each column at least its longest word, the rest shared in proportion
    to how much wider its text would like to be."""
    room = line - CELL_PADDING * len(extents)
    least = [low * LARGE_PRINT_SCALE for low, _ in extents]
    most = [max(lo, high) for lo, (_, high) in zip(least, extents, strict=True)]
    if sum(most) <= room:
        widths = [float(m) for m in most]
    elif sum(least) >= room:
        widths = [float(m) for m in least]
    else:
        share = (room - sum(least)) / (sum(most) - sum(least))
        widths = [lo + (hi - lo) * share for lo, hi in zip(least, most, strict=True)]
    # Each column's padding and border come on top of its text («Шаг» got 3 % and its header ran
    # into the next column).
    widths = [w + CELL_PADDING for w in widths]
    total = sum(widths) or 1.0
    return [max(1, round(100 * w / total)) for w in widths]


def has_numeric_column(table: nodes.table) -> bool:
    return any(NUMERIC in entry["classes"] for entry in table.findall(nodes.entry))


def fix_column_widths(tree: nodes.Element) -> None:
    """Give every table whose author did not give widths the widths computed from its text; a
    table with given widths keeps them (the automatic layout may still widen a column for a long
    word, so only the computed ones are fixed), and so does a table with a numeric column."""
    for table in tree.findall(nodes.table):
        if OWN_WIDTHS in table["classes"] or has_numeric_column(table):
            continue
        for tgroup in (t for t in table.children if isinstance(t, nodes.tgroup)):
            colspecs = _colspecs(tgroup)
            widths = proportions(column_extents(tgroup))
            if len(colspecs) != len(widths):
                break  # an irregular table: the automatic layout handles it
            for colspec, width in zip(colspecs, widths, strict=True):
                colspec["colwidth"] = width
        else:
            table["classes"] = [c for c in table["classes"] if c != "colwidths-auto"] + [OWN_WIDTHS, FIXED]
