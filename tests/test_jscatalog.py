"""The search page's JavaScript catalog: empty plural forms of Sphinx 9.0.4 replaced by ours."""

from __future__ import annotations

import polib

from handbook.sphinxext.jscatalog import merge, parse_translations_js, render

BUNDLED = """Documentation.addTranslations({
    "locale": "fi",
    "messages": {
        ", in ": "",
        "Search": "Haku",
        "Search finished, found one page matching the search query.": ["", ""]
    },
    "plural_expr": "(n != 1)"
});"""
PO = r'''
msgid ""
msgstr ""
"Language: ru\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

msgid "Search finished, found one page matching the search query."
msgid_plural "Search finished, found ${resultCount} pages matching the search query."
msgstr[0] "найдена ${resultCount} страница"
msgstr[1] "найдены ${resultCount} страницы"
msgstr[2] "найдено ${resultCount} страниц"
'''


def test_bundled_catalog_is_parsed_and_empty_entries_dropped():
    catalog = merge(parse_translations_js(BUNDLED), None, "fi")
    assert catalog["messages"] == {"Search": "Haku"}


def test_project_plural_forms_fill_the_count_line():
    po = polib.pofile(PO)
    catalog = merge(parse_translations_js(BUNDLED), po, "ru")
    forms = catalog["messages"]["Search finished, found one page matching the search query."]
    assert forms == ["найдена ${resultCount} страница", "найдены ${resultCount} страницы",
                     "найдено ${resultCount} страниц"]
    assert "n%10==1" in catalog["plural_expr"].replace(" ", "")
    assert parse_translations_js(render(catalog)) == catalog


def test_plural_index_is_a_number_for_two_form_languages():
    po = polib.pofile(PO.replace("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                                       "(n%100<10 || n%100>=20) ? 1 : 2)", "nplurals=2; plural=(n != 1)")
                      .replace('msgstr[2] "найдено ${resultCount} страниц"\n', ""))
    catalog = merge({}, po, "nb")
    assert catalog["plural_expr"].startswith("Number(")
