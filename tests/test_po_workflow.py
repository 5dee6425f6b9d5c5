"""The translators' commands end to end on copies of a tiny project: update-po, stats, the site's
progress notice and status page, review, add-language."""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess

import polib
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from support import REPO, ROOTS, copy_project, run_command
from handbook import commands
from handbook.paths import Layout

pytestmark = pytest.mark.slow  # each test builds or updates a copy of a project


def project(tmp_path, name="project") -> Layout:
    return Layout(copy_project(ROOTS / "translation", tmp_path / name))


def chapter_po(layout: Layout, lang: str = "fi") -> polib.POFile:
    return polib.pofile(str(layout.locales / lang / "LC_MESSAGES" / "chapter.po"))


def test_update_po_keeps_translations_through_an_edit_and_a_deletion(tmp_path):
    layout = project(tmp_path)
    chapter = layout.docs / "chapter.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("включается в реестр.", "включается в региональный реестр.")
                       .replace("Последний абзац пока не переведён.\n", ""), encoding="utf-8")
    first = run_command(commands.update_po, "", layout)
    assert first.status == 0, first.err
    assert "Update: locales/fi/LC_MESSAGES/chapter.po: +0 new, 1 fuzzy, 0 revived, 0 obsolete" in first.out
    po_text = (layout.locales / "fi" / "LC_MESSAGES" / "chapter.po").read_text(encoding="utf-8")
    assert ('#, fuzzy\n#| msgid "Поставщик социальных услуг включается в реестр."\n'
            'msgid "Поставщик социальных услуг включается в региональный реестр."\n'
            'msgstr "Palveluntuottaja merkitään rekisteriin."') in po_text
    # The untranslated paragraph had nothing to keep; the outdated one keeps its #| line.
    assert "Последний абзац" not in po_text
    assert '#| msgid "Расчёт стоимости описан отдельно."' in po_text
    second = run_command(commands.update_po, "", layout)
    assert "Update:" not in second.out and "fi: created 0, updated 0, unchanged 3" in second.out
    assert (layout.locales / "fi" / "LC_MESSAGES" / "chapter.po").read_text(encoding="utf-8") == po_text
    # The text returns: its translation comes back, no longer fuzzy.
    chapter.write_text(text, encoding="utf-8")
    run_command(commands.update_po, "", layout)
    entry = chapter_po(layout).find("Поставщик социальных услуг включается в реестр.")
    assert entry.msgstr == "Palveluntuottaja merkitään rekisteriin." and not entry.fuzzy


def test_deleting_a_paragraph_changes_only_its_entry_in_each_catalog(tmp_path):
    """Locations are file names only: no later entry's ``#:`` line changes when a paragraph goes."""
    layout = project(tmp_path)
    assert run_command(commands.update_po, "", layout).status == 0  # the catalogs in update-po's form
    catalogs = sorted(layout.locales.rglob("*.po"))
    before = {po: po.read_text(encoding="utf-8") for po in catalogs}
    location = re.search(r"^#: \S*docs/chapter\.md$", before[layout.locales / "fi" / "LC_MESSAGES" / "chapter.po"],
                         re.MULTILINE)
    assert location, "the entries name the file they come from"
    assert not any(re.search(r"^#:.*:\d+", text, re.MULTILINE) for text in before.values())
    chapter = layout.docs / "chapter.md"
    paragraph = "Поставщик социальных услуг включается в реестр.\n\n"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(paragraph, ""), encoding="utf-8")
    assert run_command(commands.update_po, "", layout).status == 0
    for po, old in before.items():
        new = po.read_text(encoding="utf-8")
        if po.name != "chapter.po" or po.parent.parent.name != "fi":
            assert new == old, po
            continue
        diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0))
        removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
        added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
        # Its entry leaves its place and is kept, translated, among the obsolete ones at the end.
        assert [line for line in removed if line] == [
            location.group(0), 'msgid "Поставщик социальных услуг включается в реестр."',
            'msgstr "Palveluntuottaja merkitään rekisteriin."']
        assert removed.count("") <= 1 and added.count("") <= 1  # the empty line between two entries
        assert [line for line in added if line] == ['#~ msgid "Поставщик социальных услуг включается в реестр."',
                                                    '#~ msgstr "Palveluntuottaja merkitään rekisteriin."']
    if shutil.which("msgfmt"):  # GNU gettext, as Weblate and Poedit read the files
        for po in catalogs:
            check = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(po)],
                                   capture_output=True, text=True, check=False)
            assert check.returncode == 0, check.stderr


def test_stats_table_and_json(tmp_path):
    layout = project(tmp_path)
    result = run_command(commands.stats, "", layout)
    assert result.status == 0
    rows = {line.split()[0]: line.split() for line in result.out.splitlines() if line.startswith("  ")}
    # chapter: 3 translated, 1 fuzzy, 1 untranslated messages.
    assert rows["chapter"][1:4] == ["3", "1", "1"]
    assert rows["index"][1:4] == ["2", "0", "0"]
    assert rows["total"][1:4] == ["5", "1", "1"]
    data = json.loads((layout.build / "stats.json").read_text(encoding="utf-8"))
    chapter = data["languages"]["fi"]["documents"]["chapter"]
    assert chapter["messages"] == {"translated": 3, "fuzzy": 1, "untranslated": 1, "total": 5}
    assert chapter["words"]["untranslated"] == 5  # «Последний абзац пока не переведён.»
    assert data["languages"]["fi"]["total"]["messages"]["total"] == 7


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Layout:
    layout = project(tmp_path_factory.mktemp("site"))
    result = run_command(commands.html, "", layout)
    assert result.status == 0, result.out + result.err
    return layout


def soup(layout: Layout, *parts: str) -> BeautifulSoup:
    return BeautifulSoup(layout.site.joinpath(*parts).read_text(encoding="utf-8"), "html.parser")


def test_partly_translated_page_has_a_notice_in_the_readers_language(built):
    notice = soup(built, "fi", "chapter.html").select_one(".handbook-progress")
    assert notice is not None
    assert notice.get_text(" ", strip=True).startswith(
        "Tämä sivu on käännetty vain osittain: 58\xa0% sen tekstistä on tällä kielellä")
    assert notice.a["href"] == "translation-status.html"
    # Not part of the text search-result snippets are taken from (Sphinx reads [role=main]).
    assert notice.find_parent(attrs={"role": "main"}) is None
    assert soup(built, "fi", "index.html").select_one(".handbook-progress") is None
    assert soup(built, "ru", "chapter.html").select_one(".handbook-progress") is None


def test_status_page_has_an_accessible_table_per_language(built):
    page = soup(built, "fi", "translation-status.html")
    table = page.select_one("table.handbook-status-table")
    assert table.caption.get_text(strip=True) == "Käännöksen edistyminen: Suomi"
    cells = {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
             for row in table.tbody.find_all("tr")}
    # Russian words: 14 of 24 translated, 5 outdated, 5 untranslated (a link's target, an address
    # and a role name are not words of the text); the title is the translated one.
    assert cells["Palveluntuottajat"][:4] == ["58 %", "21 %", "21 %", "24"]
    assert cells["Etusivu"][:3] == ["100 %", "0 %", "0 %"]
    assert table.select_one("tbody a")["href"] == "chapter.html"
    assert page.select_one(".handbook-bar")["aria-hidden"] == "true"
    # The language switcher leads to the same page in the other language.
    assert page.select_one('.language-switcher a[hreflang="ru"]')["href"] == "../ru/translation-status.html"
    assert soup(built, "ru", "translation-status.html").select_one("table.handbook-status-table")


def test_the_notice_and_the_status_page_give_the_same_share(built):
    """One measure: the page's notice says the share of words the status page gives for it, and a
    page with all its text translated has no notice."""
    status = soup(built, "fi", "translation-status.html").select_one("table.handbook-status-table")
    shares = {row.th.a["href"]: row.td.get_text(strip=True).replace(" ", "")
              for row in status.tbody.find_all("tr") if row.th.a}
    assert set(shares) == {"chapter.html", "index.html"}
    for page, share in shares.items():
        notice = soup(built, "fi", page).select_one(".handbook-progress")
        if share == "100%":
            assert notice is None, page
        else:
            assert share in notice.get_text(" ", strip=True).replace("\xa0", ""), page


def test_review_marks_untranslated_and_fuzzy_text(tmp_path):
    layout = project(tmp_path)
    original = (layout.locales / "fi" / "LC_MESSAGES" / "chapter.po").read_bytes()
    result = run_command(commands.review, "fi", layout)
    assert result.status == 0, result.out + result.err
    assert "fi: 2 documents, 1 outdated translations marked — _build/review/fi/index.html" in result.out
    assert "fi: review PDF — _build/review/fi/pdf/handbook-fi.pdf" in result.out
    page = BeautifulSoup((layout.build / "review" / "fi" / "chapter.html").read_text(encoding="utf-8"),
                         "html.parser")
    article = page.select_one("article")
    untranslated = [p.get_text(strip=True) for p in article.select("p.untranslated")]
    assert untranslated == ["Последний абзац пока не переведён."]
    fuzzy = [s.get_text(strip=True) for s in article.select("section p .handbook-fuzzy")]
    assert fuzzy == ["Kustannuslaskenta kuvataan erikseen."]
    # Beside it, the source text now and its words changed since the translation (#| msgid), in
    # Russian; the screen-reader label of an insertion is in Finnish.
    box = article.select_one("p:has(.handbook-fuzzy) + div.handbook-fuzzy-diff")
    assert box.select_one('.handbook-fuzzy-source[lang="ru"]').get_text() == "Расчёт стоимости услуги описан отдельно."
    changes = box.select_one('.handbook-fuzzy-changes[lang="ru"]')
    assert [ins.get_text() for ins in changes.select("ins")] == ["lisätty: услуги"]
    assert not changes.select("del")
    assert changes.select_one('ins .visually-hidden[lang="fi"]').get_text() == "lisätty: "
    assert "Muutokset käännöksen tekemisen jälkeen:" in box.get_text()
    summary = page.select_one(".handbook-review-summary").get_text(" ", strip=True)
    assert "Tästä sivusta on käännetty 58\xa0%: 14/24 sanaa; vanhentuneita 5, kääntämättä 5." in summary
    assert any("handbook-review.css" in link["href"] for link in page.select("link[rel=stylesheet]"))
    # The review PDF: the chapter's page says how much is translated; the outdated translation
    # carries its mark, the untranslated paragraph is there in Russian.
    pdf = PdfReader(layout.build / "review" / "fi" / "pdf" / "handbook-fi.pdf")
    chapter = next(page.extract_text() for page in pdf.pages if "Palveluntuottaja merkitään" in page.extract_text())
    assert "Tarkistus: Tästä sivusta on käännetty 58\xa0%: 14/24 sanaa; vanhentuneita 5, kääntämättä 5." \
        in " ".join(chapter.split("\n"))
    assert "~ Kustannuslaskenta kuvataan erikseen." in chapter
    assert "Последний абзац пока не переведён." in chapter
    print_html = (layout.build / "review" / "pdf-html" / "fi" / "standard.html").read_text(encoding="utf-8")
    # … in its own language, so that WeasyPrint hyphenates it with Russian patterns.
    assert '<p class="untranslated" lang="ru">Последний абзац' in print_html
    # The translator's catalog is untouched, the real site has no review output.
    assert (layout.locales / "fi" / "LC_MESSAGES" / "chapter.po").read_bytes() == original
    assert not (layout.site / "pdf").exists()


def test_review_needs_a_language(tmp_path):
    layout = project(tmp_path)
    with pytest.raises(commands.UsageError, match="make review LANGS=fi"):
        commands.review("", layout)


def test_add_language_then_the_next_build_builds_it(tmp_path):
    layout = project(tmp_path)
    result = run_command(commands.add_language, "da", layout)
    assert result.status == 0, result.err
    assert "conf.py: added da in handbook_languages" in result.out
    conf = layout.conf.read_text(encoding="utf-8")
    assert 'handbook_languages = ["ru", "fi", "da"]' in conf
    assert 'handbook_publish_threshold = {"da": 0.5}' in conf  # for review only until half is translated
    po = chapter_po(layout, "da")
    assert po.metadata["Language"] == "da" and po.metadata["Plural-Forms"].startswith("nplurals=2;")
    assert po.find("Поставщик социальных услуг включается в реестр.").msgstr == ""
    built = run_command(commands.html, "", layout)
    assert built.status == 0, built.out + built.err
    page = soup(layout, "da", "chapter.html")
    assert page.html["lang"] == "da"
    assert (layout.site / "da" / "_static" / "danish-stemmer.js").is_file()  # search in Danish
    # Nothing translated yet: the notice says so (in English until da's sphinx.po translates it).
    assert page.select_one(".handbook-progress").get_text(" ", strip=True).startswith(
        "This page is not translated yet; it is shown in the original Russian.")
    # Built for review, but no published page leads readers to a site that is all Russian.
    assert "da: below its publication threshold" in built.out
    assert soup(layout, "fi", "chapter.html").select_one('a[hreflang="da"]') is None
    # make check names what Danish still lacks: its title (the placeholder is empty).
    checked = run_command(commands.check, "da", layout)
    assert checked.status == 1
    assert re.search(r"^conf\.py:\d+: error: the da site has no title of its own.*\[language-title\]$",
                     checked.out, re.M), checked.out
    # Adding it again changes nothing.
    again = run_command(commands.add_language, "da", layout)
    assert "already lists da" in again.out
    assert layout.conf.read_text(encoding="utf-8") == conf


def test_add_language_to_a_copy_of_the_repository(tmp_path):
    layout = Layout(copy_project(REPO, tmp_path / "repo"))
    before = (REPO / "conf.py").read_text(encoding="utf-8")
    assert run_command(commands.add_language, "da", layout).status == 0
    after = layout.conf.read_text(encoding="utf-8")
    expected_conf = before.replace('handbook_languages = ["ru", "en", "fi", "nb"]',
                                   'handbook_languages = ["ru", "en", "fi", "nb", "da"]')
    # An empty title to fill in, and a threshold that keeps the language for review until it is ready.
    expected_conf = expected_conf.replace(' finansiering",\n}\n', ' finansiering",\n    "da": "",\n}\n', 1)
    expected_conf = re.sub(r'(handbook_publish_threshold = \{[^}]*)\}', r'\1, "da": 0.5}', expected_conf, count=1)
    assert after == expected_conf
    created = sorted(p.relative_to(layout.locales / "da" / "LC_MESSAGES").as_posix()
                     for p in (layout.locales / "da").rglob("*.po"))
    expected = sorted(p.relative_to(REPO / "docs").with_suffix(".po").as_posix()
                      for p in (REPO / "docs").rglob("*.md")) + ["javascript.po", "sphinx.po"]
    assert created == sorted(expected)
    # The search page's strings too: Russian's messages, untranslated, with Danish plural forms.
    scripts = polib.pofile(str(layout.locales / "da" / "LC_MESSAGES" / "javascript.po"))
    russian = polib.pofile(str(REPO / "locales" / "ru" / "LC_MESSAGES" / "javascript.po"))
    assert [e.msgid for e in scripts] == [e.msgid for e in russian if not e.obsolete]
    assert scripts.metadata["Language"] == "da" and scripts.metadata["Plural-Forms"].startswith("nplurals=2;")
    assert not any(e.msgstr or any(e.msgstr_plural.values()) for e in scripts)
    assert [sorted(e.msgstr_plural) for e in scripts if e.msgid_plural] == [[0, 1]]
    # …and a Danish column in the glossary, empty in every term.
    tbx = (layout.locales / "glossary.tbx").read_text(encoding="utf-8")
    assert tbx.count('<langSet xml:lang="da"><tig><term></term></tig></langSet>') == tbx.count("<termEntry")


def test_add_language_rejects_a_bad_code(tmp_path):
    layout = project(tmp_path)
    with pytest.raises(commands.UsageError, match="not a language code"):
        commands.add_language("Danish", layout)
    assert "Danish" not in layout.conf.read_text(encoding="utf-8")


def test_update_po_never_rewrites_a_catalog_it_cannot_read(tmp_path):
    layout = project(tmp_path)
    po = layout.locales / "fi" / "LC_MESSAGES" / "chapter.po"
    broken = po.read_text(encoding="utf-8").replace('msgstr "Palveluntuottajat"', 'msgstr "Palveluntuottajat')
    po.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index('msgstr "Palveluntuottajat') + 1
    result = run_command(commands.update_po, "", layout)
    assert result.status == 1
    assert f"locales/fi/LC_MESSAGES/chapter.po:{line}: error: the file has a syntax error" in result.out
    assert po.read_text(encoding="utf-8") == broken


def test_a_translation_sphinx_would_drop_is_dropped_and_check_reports_it(tmp_path):
    """The [dropped] check is grounded: the real build shows the Russian text for such a message."""
    layout = project(tmp_path)
    po = layout.locales / "fi" / "LC_MESSAGES" / "chapter.po"
    text = po.read_text(encoding="utf-8").replace('msgstr "Palveluntuottaja merkitään rekisteriin."',
                                                  'msgstr "1. Palveluntuottaja merkitään rekisteriin."')
    po.write_text(text, encoding="utf-8")
    line = text.splitlines().index('msgstr "1. Palveluntuottaja merkitään rekisteriin."') + 1
    assert run_command(commands.html, "fi", layout).status == 0
    page = soup(layout, "fi", "chapter.html").select_one("article").get_text(" ", strip=True)
    assert "Поставщик социальных услуг включается в реестр." in page
    assert "Palveluntuottaja merkitään" not in page
    result = run_command(commands.check, "fi", layout)
    assert result.status == 1
    assert result.out.startswith(f"locales/fi/LC_MESSAGES/chapter.po:{line}: error: the translation starts "
                                 "a list where the source has a paragraph")
    assert "[dropped]" in result.out


def test_a_script_in_a_translation_never_reaches_the_site(tmp_path):
    layout = project(tmp_path)
    po = layout.locales / "fi" / "LC_MESSAGES" / "chapter.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Palveluntuottaja merkitään rekisteriin."',
        'msgstr "Palveluntuottaja <script>alert(1)</script> merkitään rekisteriin."'), encoding="utf-8")
    result = run_command(commands.html, "fi", layout)
    assert result.status == 1
    assert ("docs/chapter.md:4: warning: the fi translation contains raw HTML, shown as plain text — remove "
            "the HTML from the translation (locales/fi/LC_MESSAGES/chapter.po) [handbook.raw-html]") in result.err
    assert not (layout.site / "fi").exists()  # failed, so not published; the work folder shows why
    html = (layout.work / "html" / "fi" / "chapter.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)" in html


def test_the_source_language_has_nothing_to_translate(tmp_path):
    layout = project(tmp_path)
    for command in (commands.update_po, commands.check, commands.stats, commands.review):
        with pytest.raises(commands.UsageError, match="ru is the source language .* choose from: fi"):
            command("ru", layout)
