"""The review build's word-level diff of a fuzzy entry's source (sphinxext/review_diff.py)."""

from __future__ import annotations

from handbook.sphinxext.review_diff import word_diff


def test_words_inserted_deleted_and_replaced_are_runs_of_their_own():
    assert word_diff("Срок 10 дней, с 1 января.", "Срок 15 рабочих дней.") == [
        ("", "Срок "), ("del", "10"), ("ins", "15 рабочих"), ("", " дней"), ("del", ", с 1 января"), ("", ".")]


def test_only_words_are_marked_never_the_spaces_around_them():
    runs = word_diff("Расчёт стоимости описан отдельно.", "Расчёт стоимости услуги описан отдельно.")
    assert runs == [("", "Расчёт стоимости"), ("", " "), ("ins", "услуги"), ("", " описан отдельно.")]
    assert "".join(text for kind, text in runs if kind != "del") == "Расчёт стоимости услуги описан отдельно."


def test_unchanged_text_has_no_marks():
    assert word_diff("Без изменений.", "Без изменений.") == [("", "Без изменений.")]
