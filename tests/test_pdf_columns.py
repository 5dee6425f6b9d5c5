"""Column widths of print tables, computed from their text (handbook.pdf.columns)."""

from docutils import nodes

from handbook.pdf.columns import FIXED, OWN_WIDTHS, fix_column_widths, proportions


def table(rows: list[list[str]], classes: tuple[str, ...] = ("colwidths-auto",)) -> nodes.table:
    cols = len(rows[0])
    tgroup = nodes.tgroup(cols=cols)
    tgroup += [nodes.colspec(colwidth=1) for _ in range(cols)]
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for text in cells:
            row += nodes.entry("", nodes.paragraph(text, text))
        body += row
    tgroup += body
    return nodes.table("", tgroup, classes=list(classes))


def widths(node: nodes.table) -> list[int]:
    return [c["colwidth"] for c in node.findall(nodes.colspec)]


def test_a_column_of_long_text_gets_the_room_a_column_of_numbers_does_not_need():
    long_text = "Оплата труда персонала, непосредственно оказывающего услугу, с начислениями " * 2
    node = table([["Раздел", "Сумма, руб.", "Примечание"], ["Прямые затраты", "120 000", long_text]])
    fix_column_widths(node)
    first, amount, note = widths(node)
    assert note > first > amount
    assert amount >= 8  # "Сумма," and "120 000" still fit on their lines
    assert FIXED in node["classes"] and OWN_WIDTHS in node["classes"]
    assert "colwidths-auto" not in node["classes"]


def test_short_columns_share_the_width_in_proportion_to_their_text():
    assert proportions([(3, 10), (3, 30)]) == [25, 75]


def test_widths_the_author_gave_are_kept():
    node = table([["a", "b"]], classes=(OWN_WIDTHS,))
    fix_column_widths(node)
    assert widths(node) == [1, 1]
    assert FIXED not in node["classes"]


def test_a_cell_spanning_columns_does_not_count_for_either():
    node = table([["Заголовок", "x"], ["a", "b"]])
    first_entry = next(node.findall(nodes.entry))
    first_entry["morecols"] = 1
    fix_column_widths(node)
    assert widths(node) == [50, 50]

