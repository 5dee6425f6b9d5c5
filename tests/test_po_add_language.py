"""Editing conf.py's language list safely: only the list changes, in the file's own style."""

from __future__ import annotations

import pytest

from handbook.po.add_language import AddLanguageError, validate, with_language


def test_one_line_list_gets_the_code_appended_and_nothing_else_changes():
    conf = '# Языки\nhandbook_languages = ["ru", "en"]  # порядок переключателя\ntitles = {"ru": "Тест"}\n'
    assert with_language(conf, "da") == conf.replace('"en"]', '"en", "da"]')


def test_multi_line_list_and_single_quotes_keep_their_style():
    conf = "handbook_languages = [\n    'ru',\n    'fi'\n]\n"
    assert with_language(conf, "da") == "handbook_languages = [\n    'ru',\n    'fi',\n    'da',\n]\n"


def test_a_code_already_listed_changes_nothing():
    conf = 'handbook_languages = ["ru", "da"]\n'
    assert with_language(conf, "da") == conf


def test_a_computed_list_is_not_edited():
    with pytest.raises(AddLanguageError, match="not a plain list"):
        with_language("handbook_languages = BASE + ['fi']\n", "da")


@pytest.mark.parametrize("code", ["", "DA", "danish", "da-DK", "zz"])
def test_bad_codes_are_refused(code):
    with pytest.raises(AddLanguageError):
        validate(code)


def test_good_codes_pass():
    assert validate("da") == "da" and validate("pt_BR") == "pt_BR"
