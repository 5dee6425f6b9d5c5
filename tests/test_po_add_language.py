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


def test_a_new_language_gets_an_empty_title_and_a_publication_threshold():
    from handbook.po.add_language import with_new_language

    conf = ('handbook_languages = ["ru", "fi"]\n'
            'handbook_titles = {\n    "ru": "Книга",\n    "fi": "Kirja",\n}\n'
            'handbook_publish_threshold = {"fi": 0.1}\n')
    assert with_new_language(conf, "da") == (
        'handbook_languages = ["ru", "fi", "da"]\n'
        'handbook_titles = {\n    "ru": "Книга",\n    "fi": "Kirja",\n    "da": "",\n}\n'
        'handbook_publish_threshold = {"fi": 0.1, "da": 0.5}\n')
    # Without the setting, it is created; a title already written is kept.
    assert with_new_language('handbook_languages = ["ru"]\nhandbook_titles = {"ru": "К", "da": "Bog"}\n', "da") == (
        'handbook_languages = ["ru", "da"]\nhandbook_titles = {"ru": "К", "da": "Bog"}\n'
        'handbook_publish_threshold = {"da": 0.5}\n')


def test_a_computed_title_dict_is_not_edited():
    from handbook.po.add_language import with_new_language

    with pytest.raises(AddLanguageError, match="handbook_titles is not a plain dict"):
        with_new_language('handbook_languages = ["ru"]\nhandbook_titles = dict(ru="К")\n', "da")


def test_check_names_what_a_language_still_lacks(tmp_path):
    from handbook.paths import Layout
    from handbook.po.checks import readiness

    (tmp_path / "conf.py").write_text('handbook_titles = {\n    "ru": "Книга",\n    "da": "",\n}\n', encoding="utf-8")
    figures = tmp_path / "docs" / "figures"
    figures.mkdir(parents=True)
    for name in ("path.svg", "path.fi.svg", "path.large.svg", "path.fi.large.svg", "path.da.large.svg", "plain.svg"):
        (figures / name).write_text("<svg/>", encoding="utf-8")
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "glossary.tbx").write_text(
        '<martif type="TBX"><text><body>\n'
        '<termEntry><langSet xml:lang="ru"><tig><term>реестр</term></tig></langSet>'
        '<langSet xml:lang="da"><tig><term></term></tig></langSet></termEntry>\n'
        '<termEntry><langSet xml:lang="ru"><tig><term>услуга</term></tig></langSet>'
        '<langSet xml:lang="da"><tig><term>ydelse</term></tig></langSet></termEntry>\n'
        '</body></text></martif>\n', encoding="utf-8")
    layout = Layout(tmp_path)
    titles = {"ru": "Книга", "da": ""}
    found = [str(p) for p in readiness.check(layout, titles, ["ru", "da"], ["ru", "fi", "da"], "ru",
                                             "locales/glossary.tbx")]
    assert found == [
        'conf.py:1: error: the da site has no title of its own, so it shows the source language\'s — write it as '
        '"da": "…" in handbook_titles [language-title]',
        "locales/glossary.tbx: warning: 1 of 2 terms have no approved da form («реестр») — write them in the "
        '<langSet xml:lang="da"> of each term [glossary-terms]',
        "docs/figures/path.svg: warning: the da pages show this figure in the source language, while fi have "
        "their own — draw path.da.svg beside it [figure-language]",
    ]
    # Once all is there, nothing is reported.
    titles["da"] = "Bog"
    (figures / "path.da.svg").write_text("<svg/>", encoding="utf-8")
    text = (tmp_path / "locales" / "glossary.tbx").read_text(encoding="utf-8")
    (tmp_path / "locales" / "glossary.tbx").write_text(text.replace("<term></term>", "<term>register</term>"),
                                                       encoding="utf-8")
    assert readiness.check(layout, titles, ["da"], ["ru", "fi", "da"], "ru", "locales/glossary.tbx") == []
