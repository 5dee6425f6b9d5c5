"""Column widths of print tables, computed from their text (handbook.pdf.columns)."""

from docutils import nodes

from handbook.pdf.columns import FIXED, OWN_WIDTHS, column_extents, fix_column_widths, proportions


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
    # Each with its padding (2 characters) on top: 12 and 32.
    assert proportions([(3, 10), (3, 30)]) == [27, 73]


def test_a_narrow_column_gets_room_for_its_padding_too():
    # «Шаг» over numbers 1–9 beside three long columns got 3 % and ran into «Что сделать».
    long_text = "Команда говорит на одном языке с органом власти и знает порядок " * 3
    node = table([["Шаг", "Что сделать", "Результат", "Глава"], ["1", long_text, long_text, long_text]])
    fix_column_widths(node)
    assert widths(node)[0] >= 5


def test_a_table_with_a_numeric_column_keeps_the_automatic_layout():
    node = table([["Статья", "Сумма, руб."], ["Оплата труда", "150\u00a0000,00"]])
    amount = list(node.findall(nodes.entry))[3]
    amount["classes"].append("text-right")  # MyST: a right-aligned column (---:)
    fix_column_widths(node)
    assert FIXED not in node["classes"] and widths(node) == [1, 1]


def test_a_number_tied_with_no_break_spaces_is_one_word():
    node = table([["Итого", "x " * 60], ["150\u00a0000\u00a0000,00", "y"]])
    assert column_extents(next(node.findall(nodes.tgroup)))[0][0] == 12  # as long as words get


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



def test_a_date_keeps_its_line_in_large_print_too():
    # The widths serve both PDFs. At 14 pt «08.08.2016» is about 63 pt wide and a cell's padding
    # 11 pt, of a text block of about 480 pt: 15.4 %. It was broken after «201» in the large-print
    # annex of acts.
    long_text = "Приоритетные направления деятельности в сфере оказания общественно полезных услуг " * 2
    node = table([["Акт", "Дата и номер", "О чём"], [long_text, "08.08.2016 № 398", long_text]])
    fix_column_widths(node)
    date_column = widths(node)[1]
    assert date_column >= 16
