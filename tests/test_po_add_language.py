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


def test_the_glossary_gets_an_empty_column_for_the_new_language(tmp_path):
    from handbook.po import glossary
    from handbook.po.add_language import with_glossary_language

    tbx = ('<martif type="TBX" xml:lang="ru"><text><body>\n'
           '      <termEntry id="term-01">\n'
           '        <langSet xml:lang="ru"><tig><term>реестр</term></tig></langSet>\n'
           '        <langSet xml:lang="fi"><tig><term>rekisteri</term></tig></langSet>\n'
           '      </termEntry>\n'
           '      <termEntry id="term-02">\n'
           '        <langSet xml:lang="ru"><tig><term>услуга</term></tig></langSet>\n'
           '        <langSet xml:lang="da"><tig><term>ydelse</term></tig></langSet>\n'
           '      </termEntry>\n'
           '</body></text></martif>\n')
    added = with_glossary_language(tbx, "da")
    assert added == tbx.replace(
        '<term>rekisteri</term></tig></langSet>\n',
        '<term>rekisteri</term></tig></langSet>\n'
        '        <langSet xml:lang="da"><tig><term></term></tig></langSet>\n', 1)
    assert with_glossary_language(added, "da") == added
    path = tmp_path / "glossary.tbx"
    path.write_text(added, encoding="utf-8")
    terms = glossary.load(path)
    assert [t.forms.get("da") for t in terms] == [[], ["ydelse"]]
