"""Print tables fit their columns (issue 18, point 2): a wide table of amounts, as MyST writes it,
rendered by real WeasyPrint in standard and large print, read back by the preflight's reader: no
text over text, every amount inside its own column, the header repeated on the next page and no
row split across two."""

from __future__ import annotations

import re

import pytest

from handbook.pdf import preflight
from test_pdf_preflight import BUNDLED, render

ROW = ("<tr><td><p>Накладные расходы</p></td><td><p>Оплата труда (с начислениями) работников, не "
       "участвующих непосредственно в оказании услуги</p></td><td class='text-right'><p>{amount}</p></td>"
       "<td class='text-right'><p>{amount}</p></td><td><p>60 % от 65 000 по организации (руководитель, "
       "бухгалтер)</p></td></tr>")
AMOUNTS = ["150\u00a0000\u00a0000,00", "1\u00a0253,97", "39\u00a0000,00"]


def costing_table(rows: int) -> str:
    """As MyST and the print builder write a table with right-aligned (numeric) columns: no
    widths of its own (pdf/columns.py leaves it to the automatic layout)."""
    head = ("<thead><tr><th><p>Раздел</p></th><th><p>Статья</p></th><th class='text-right'><p>Сумма, "
            "руб.</p></th><th class='text-right'><p>Вес в проекте приказа</p></th>"
            "<th><p>Примечание</p></th></tr></thead>")
    body = "".join(ROW.format(amount=AMOUNTS[i % len(AMOUNTS)]) for i in range(rows))
    return f"<table class='docutils align-default'>{head}<tbody>{body}</tbody></table>"


def columns_of_header(document: preflight.Document, page: int) -> list[float]:
    """The left edges of the header cells on a page (their first words)."""
    starts = {}
    for run in document.runs:
        if run.page == page:
            for word in ("Раздел", "Статья", "Сумма,", "Вес", "Примечание"):
                if run.text.strip().startswith(word) and word not in starts:
                    starts[word] = run.x0
    return sorted(starts.values())


@pytest.mark.slow
@pytest.mark.parametrize("large", [False, True], ids=["standard", "large-print"])
def test_amounts_stay_in_their_cells_and_headers_repeat(tmp_path, large):
    path = render(tmp_path, costing_table(30), large=large)
    found = preflight.preflight(path, preflight.Options(bundled_families=BUNDLED, large_print=large))
    assert [f.message for f in found if f.check == "pdf-overlap"] == []
    document = preflight.read(path)
    pages = sorted({run.page for run in document.runs})
    assert len(pages) > 1  # the table crosses a page
    for page in pages:
        edges = columns_of_header(document, page)
        assert len(edges) == 5, f"page {page}: the header row is not repeated"
        amounts = [r for r in document.runs if r.page == page and re.fullmatch(r"[\d\u00a0 ]+,\d\d", r.text.strip())]
        assert amounts
        for run in amounts:
            # Whole on one line, and inside its column: between its left edge and the next one.
            assert run.text.strip() in AMOUNTS
            column = max(i for i, x in enumerate(edges) if x <= run.x0 + 0.5)
            assert column in (2, 3)
            assert run.x1 < edges[column + 1], f"«{run.text}» crosses into the next column"
    # No row split across pages: each page starts and ends with whole rows, so every amount
    # is printed once per row, on the page its row is on.
    assert sum(1 for r in document.runs if r.text.strip() in AMOUNTS) == 30 * 2
