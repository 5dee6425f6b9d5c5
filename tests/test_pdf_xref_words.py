"""The print form of a cross-reference leaves out the word the sentence already has (issue 18, point 5):
«в приложении» + «Приложение 1. Контакты» prints «в приложении 1 «Контакты»». The PDF itself is
tested in test_pdf_book.py."""

import pytest

from handbook.pdf.assemble import _undoubled


@pytest.mark.parametrize(("before", "title", "expected"), [
    ("Контакты — в приложении ", "Приложение 1. Контакты", ("1", "Контакты")),
    ("см. главу ", "Глава 2. Закон", ("2", "Закон")),
    ("listed in Annex ", "Annex 3. Contacts", ("3", "Contacts")),
    # A title that does not start with a kind and a number is left as it is.
    ("о расчёте ", "Расчёт стоимости услуги", None),
    ("см. главу ", "Расчёт стоимости", None),
    # The kind is not in the sentence: the whole title is printed.
    ("см. ", "Приложение 1. Контакты", None),
    ("", "Приложение 1. Контакты", None),
    # A list of the annexes names them in full.
    ("accompanied by the annexes: ", "Annex 1. List of legal acts", None),
    ("в приложениях (", "Приложение 1. Перечень", None),
])
def test_the_repeated_word_is_left_out(before, title, expected):
    assert _undoubled(before, title) == expected
