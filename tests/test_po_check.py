"""make check: each check on real messages, and the command on a copy of a tiny project."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support import ROOTS, copy_project, run_command
from handbook import commands
from handbook.paths import Layout
from handbook.po import glossary
from handbook.po.checks.run import check_message

TERMS = glossary.load(ROOTS / "translation" / "locales" / "glossary.tbx")


def ids(source: str, translation: str, lang: str = "fi") -> list[tuple[str, str]]:
    return [(f.severity, f.check) for f in check_message(source, translation, lang, "ru", TERMS)]


def test_a_good_translation_has_no_findings():
    assert ids("См. главу {ref}`ch-costing` и [сайт](https://example.org/).",
               "Katso luku {ref}`ch-costing` ja [sivusto](https://example.org/).") == []


@pytest.mark.parametrize("source, translation, expected", [
    ("См. {ref}`ch-costing`.", "Katso {ref}`ch-funding`.", ("error", "role")),
    ("См. {ref}`главу <ch-costing>`.", "Katso {doc}`luku <ch-costing>`.", ("error", "role")),
    ("{source}`A442, ст. 31, ч. 1`.", "{source}`A1285, 31 artiklan 1 kohta`.", ("error", "role")),
    ("Текст [сайта](https://a.example/).", "Teksti [sivusto](https://b.example/).", ("error", "link")),
    ("Команда `make html` строит сайт.", "Komento `make pdf` rakentaa sivuston.", ("error", "inline-code")),
    ("Текст[^1] здесь.", "Teksti tässä.", ("error", "footnote")),
    ("Версия {{ version }} готова.", "Versio on valmis.", ("error", "substitution")),
    ("Файл %(name)s сохранён.", "Tiedosto tallennettu.", ("error", "placeholder")),
    ("Простой текст.", "Teksti <b>lihavoitu</b>.", ("error", "raw-html")),
    ("Простой текст.", "Teksti <script>alert(1)</script>.", ("error", "raw-html")),
    ("Простой текст.", 'Teksti <span onclick="x()">tässä</span>.', ("error", "raw-html")),
    ("Простой текст.", "Teksti <iframe src=x></iframe>.", ("error", "raw-html")),
    ("Текст [ссылки](https://a.example/).", "Teksti [linkki](javascript:alert(1)).", ("error", "raw-html")),
    ("См. [главу](../chapters/06-costing.md).", "Katso [luku](https://evil.example/).", ("error", "link-changed")),
    ("Простой текст.", "```{raw} html\n<b>x</b>\n```", ("error", "directive")),
    ("Первый пункт списка.", "1. Ensimmäinen kohta.", ("error", "dropped")),
    ("Заголовок раздела", "# Osion otsikko", ("error", "dropped")),
    ("Цитата из закона.", "> Lainaus laista.", ("error", "dropped")),
    ("Один абзац текста.", "Yksi kappale.\n\nToinen kappale.", ("error", "dropped")),
    ("Простой текст.", "Простой текст.", ("warning", "copied-source")),
    ("Простой текст здесь.", "Yksinkertainen  teksti tässä.", ("warning", "double-space")),
    ("Это вопрос?", "Tämä on kysymys.", ("warning", "punctuation")),
    ("Поставщики социальных услуг работают.", "Yritykset toimivat.", ("warning", "glossary")),
    ("Простой текст.", "Teksti\x00.", ("error", "control-character")),
    ("Простой текст.", "Teksti \x1b[31mtässä.", ("error", "control-character")),
    ("Простой текст.", "Teksti\u202e.", ("error", "control-character")),
    ("Простой текст.", "Te\u200bksti.", ("error", "control-character")),
    ("Простой текст.", "Teksti.\ufeff", ("error", "control-character")),
    ("Простой текст.", "Teksti\u2060tässä.", ("error", "control-character")),
    ("Простой текст.", "Teksti\U000e0041\U000e0042.", ("error", "control-character")),
    ("Простой текст.", "Teksti " * 100 + ".", ("error", "too-long")),
])
def test_each_check_finds_its_problem(source, translation, expected):
    assert expected in ids(source, translation)


def test_the_place_in_a_cited_source_is_written_in_the_translations_language():
    # The source's id is kept; the article and part after the comma are the translator's words.
    assert ids("{source}`A442, ст. 30, ч. 8`.", "{source}`A442, 30 artiklan 8 kohta`.") == []


def test_source_with_the_same_markup_is_not_an_error():
    assert ids("Нажмите <kbd>Ctrl</kbd>.", "Paina <kbd>Ctrl</kbd>.") == []
    assert ids("- пункт", "- kohta") == []


def test_glossary_tolerates_inflection_in_russian_and_finnish():
    # «поставщиком социальных услуг» (instrumental) and «palveluntuottajaksi» (translative).
    assert ids("Стать поставщиком социальных услуг.", "Ryhtyä palveluntuottajaksi.") == []
    assert glossary.uses("реестр поставщиков социальных услуг", "поставщик социальных услуг", "ru")
    assert not glossary.uses("поставщик товаров", "поставщик социальных услуг", "ru")


@pytest.mark.parametrize("translation, term, lang", [
    ("varhaista tukea", "varhainen tuki", "fi"),  # partitive, with consonant gradation in the stem
    ("asiakkaan", "asiakas", "fi"),
    ("socially oriented NGOs", "socially oriented NGO", "en"),
    ("sosiale sertifikater", "sosialt sertifikat", "nb"),
])
def test_translations_may_inflect_glossary_terms_beyond_the_stemmer(translation, term, lang):
    assert glossary.uses(translation, term, lang, lenient=True)
    assert not glossary.uses("tulot ja menot", "tuki", "fi", lenient=True)


def test_source_terms_are_found_strictly():
    # «получать» shares all but two letters of «получатель»'s stem; the source does not use the term.
    assert not glossary.uses("может получать социальные услуги", "получатель социальных услуг", "ru")
    assert ids("Кто может получать социальные услуги?", "Kuka voi saada palveluja?") == []


def _project(tmp_path: Path) -> Layout:
    return Layout(copy_project(ROOTS / "translation", tmp_path / "project"))


def _chapter(layout: Layout) -> Path:
    return layout.locales / "fi" / "LC_MESSAGES" / "chapter.po"


def test_check_command_is_clean_on_good_translations(tmp_path):
    result = run_command(commands.check, "", _project(tmp_path))
    assert result.status == 0, result.out
    assert result.out == ""


def test_check_command_reports_file_line_severity_and_id(tmp_path):
    layout = _project(tmp_path)
    po = _chapter(layout)
    text = po.read_text(encoding="utf-8").replace(
        'msgstr "Palveluntuottaja merkitään rekisteriin."',
        'msgstr "Palveluntuottaja <script>alert(1)</script> merkitään rekisteriin."')
    po.write_text(text, encoding="utf-8")
    line = text.splitlines().index('msgstr "Palveluntuottaja <script>alert(1)</script> merkitään '
                                   'rekisteriin."') + 1
    result = run_command(commands.check, "", layout)
    assert result.status == 1
    assert result.out.startswith(f"locales/fi/LC_MESSAGES/chapter.po:{line}: error: the translation "
                                 "contains a <script> element")
    assert result.out.rstrip().endswith("[raw-html]")
    assert "1 error" in result.err


def test_syntax_encoding_and_plural_forms_errors_have_lines(tmp_path):
    layout = _project(tmp_path)
    lc = layout.locales / "fi" / "LC_MESSAGES"
    (lc / "index.po").write_bytes((lc / "index.po").read_bytes().replace(
        b'msgstr "Etusivu"', 'msgstr "Etusivu «\u00e4»"'.encode("latin-1", "replace")))
    broken = _chapter(layout).read_text(encoding="utf-8").replace(
        'msgstr "Palveluntuottajat"', 'msgstr "Palveluntuottajat')
    broken = broken.replace("nplurals=2; plural=(n != 1);", "nplurals=3; plural=(n%10==1 ? 0 : 1);")
    _chapter(layout).write_text(broken, encoding="utf-8")
    out = run_command(commands.check, "", layout).out.splitlines()
    index_line = (lc / "index.po").read_bytes().split(b"\n").index(
        'msgstr "Etusivu «\u00e4»"'.encode("latin-1", "replace")) + 1
    assert f"locales/fi/LC_MESSAGES/index.po:{index_line}: error: the file is not UTF-8" in "\n".join(out)
    syntax = [line for line in out if "[syntax]" in line]
    assert syntax and syntax[0].startswith("locales/fi/LC_MESSAGES/chapter.po:")
    assert int(syntax[0].split(":")[1]) > 1


def test_wrong_plural_forms_header(tmp_path):
    layout = _project(tmp_path)
    text = _chapter(layout).read_text(encoding="utf-8").replace(
        "nplurals=2; plural=(n != 1);", "nplurals=3; plural=(n%10==1 ? 0 : 1);")
    _chapter(layout).write_text(text, encoding="utf-8")
    line = text.splitlines().index('"Plural-Forms: nplurals=3; plural=(n%10==1 ? 0 : 1);\\n"') + 1
    out = run_command(commands.check, "", layout).out
    assert f"locales/fi/LC_MESSAGES/chapter.po:{line}: error: nplurals=3 but fi has 2 plural forms" in out
    assert "[plural-forms]" in out

PIECES = list("аб fi{}`[]()<>#-*>:|%$^\n\\\"'.!?…") + ["{ref}", "](", "<script>", "{{ x }}", "%s", "[^1]"]
markup_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, database=None)
@given(source=markup_text, translation=markup_text)
def test_checks_never_crash_and_always_say_how_to_fix(source, translation):
    for finding in check_message(source, translation, "fi", "ru", TERMS):
        assert finding.severity in ("error", "warning")
        assert " — " in finding.message and finding.check


def test_plural_forms_may_keep_the_count_in_the_first_form_but_not_invent_one(tmp_path):
    from handbook.po.checks.run import check_catalog

    po = tmp_path / "javascript.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Found one page."\nmsgid_plural "Found ${count} pages."\n'
        'msgstr[0] "Löytyi ${count} sivu."\nmsgstr[1] "Löytyi ${count} sivua."\n\n'
        'msgid "Saved one file."\nmsgid_plural "Saved ${count} files."\n'
        'msgstr[0] "Tallennettu yksi tiedosto {name}."\nmsgstr[1] "Tallennettu ${count} tiedostoa."\n',
        encoding="utf-8")
    problems = check_catalog(po, "javascript.po", "fi", "ru", [], interface=True)
    assert [(p.line, p.check) for p in problems if p.severity == "error"] == [(14, "placeholder")]


def test_control_characters_and_pasted_text_are_reported_at_their_translation(tmp_path):
    from handbook.po.checks.run import check_catalog

    po = tmp_path / "index.po"
    po.write_bytes(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Главная страница"\nmsgstr "Etu\x00sivu"\n\n'
        'msgid "Текст главной страницы."\nmsgstr "Etusivun \u202eteksti \u2066tässä\u2069."\n\n'
        'msgid "Глава"\nmsgstr ""\n"Luku. "\n"{}"\n\n'
        'msgid "Раздел"\nmsgstr "Osio\\r"\n'.format("x" * 1_000_000).encode("utf-8"))
    problems = check_catalog(po, "index.po", "fi", "ru", [], interface=False)
    assert [(p.line, p.check) for p in problems] == [
        (7, "control-character"), (10, "control-character"), (13, "too-long"), (18, "control-character")]
    assert "U+0000 (NUL)" in problems[0].message
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE), U+2066 (LEFT-TO-RIGHT ISOLATE), U+2069 (POP DIRECTIONAL " \
        "ISOLATE)" in problems[1].message
    assert "1,000,006 characters long, its source 5" in problems[2].message
    assert "U+000D" in problems[3].message


def test_characters_the_source_has_too_are_allowed():
    assert ids("Слово\u00a0и\u200bслово.", "Sana\u00a0ja\u200bsana.") == []
    assert ids("Короткий.", "Lyhyt, mutta paljon pidempi käännös, kuten suomessa usein." * 3) == []
