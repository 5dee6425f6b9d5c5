"""The practice catalogue: cards collected in every language, grouped, filtered, validated."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from support import ROOTS, build_site, copy_project, run_command
from handbook.sphinxext.catalogue import filter_form_html, group_cards

CARDS = {
    "p/b": {"title": "Бета", "keys": {"country": "fi", "funding": "v"},
            "values": {"country": "Финляндия", "funding": "Ваучер"}},
    "p/a": {"title": "Альфа", "keys": {"country": "fi", "funding": "c"},
            "values": {"country": "Финляндия", "funding": "<b>Компенсация</b>"}},
    "p/c": {"title": "Вега", "keys": {"country": "no"}, "values": {"country": "Норвегия"}},
}


def test_group_cards_groups_by_key_sorted_by_shown_value_and_title():
    assert group_cards(CARDS, "country") == [("no", "Норвегия", ["p/c"]),
                                             ("fi", "Финляндия", ["p/a", "p/b"])]
    assert group_cards(CARDS, "funding") == [("c", "<b>Компенсация</b>", ["p/a"]),
                                             ("v", "Ваучер", ["p/b"])]


def test_filter_form_escapes_translated_text():
    texts = {"filter": "Отбор", "reset": "Все", "status": "{shown}/{total}",
             **{f"label-{f}": f"<i>{f}</i>" for f in ("country", "target-group", "service-type", "funding")}}
    form = filter_form_html(CARDS, texts)
    assert "<b>" not in form
    assert '&lt;b&gt;Компенсация&lt;/b&gt; <span class="practice-filter-count">(1)</span>' in form
    assert "<i>" not in form and "<legend>&lt;i&gt;country&lt;/i&gt;</legend>" in form


@pytest.fixture(scope="module")
def site(practices_site):
    return practices_site  # shared with the browser test of the filter: one build


def _soup(site, lang, page):
    return BeautifulSoup(site.page(lang, page), "html.parser")


@pytest.mark.slow
def test_catalogue_builds_cleanly(site):
    assert site.run.status == 0, site.run.err
    assert site.run.err == ""


@pytest.mark.slow
def test_catalogue_lists_every_card_with_filter_classes(site):
    soup = _soup(site, "ru", "practices/index.html")
    items = soup.select("ul.practice-list > li")
    assert [li.a.get_text() for li in items] == ["Ваучер на жильё", "Помощь на дому", "Ранняя помощь"]
    assert "practice-country-rossiia" in items[2]["class"]
    assert "practice-funding-vaucher-munitsipaliteta" in items[0]["class"]
    assert items[0].select_one(".practice-summary").get_text() == (
        "Финляндия · Взрослые с интеллектуальными нарушениями · Сервисное жильё · Ваучер муниципалитета")


@pytest.mark.slow
def test_catalogue_browsable_by_each_field_without_javascript(site):
    soup = _soup(site, "ru", "practices/index.html")
    by_country = soup.select_one("section#practice-by-country")
    assert by_country.h3.get_text().startswith("Страна")
    groups = {li.p.get_text(): [a.get_text() for a in li.select("a")]
              for li in by_country.select("ul.practice-group > li")}
    assert groups == {"Финляндия (2)": ["Ваучер на жильё", "Помощь на дому"],
                      "Россия (1)": ["Ранняя помощь"]}
    for field in ("target-group", "service-type", "funding"):
        assert soup.select(f"section#practice-by-{field} ul.practice-group a")


@pytest.mark.slow
def test_filter_form_is_a_progressive_enhancement(site):
    soup = _soup(site, "ru", "practices/index.html")
    form = soup.select_one("form.practice-filter")
    assert form.has_attr("hidden")  # shown only by the script
    assert [legend.get_text() for legend in form.select("legend")] == [
        "Страна", "Целевая группа", "Вид услуги", "Источник финансирования"]
    for box in form.select("input[type=checkbox]"):
        assert soup.select_one(f"label[for='{box['id']}']"), box["id"]
        # every value the filter offers matches at least one item of the list
        assert soup.select(f"ul.practice-list > li.practice-{box['name']}-{box['value']}")
    status = soup.select_one(".practice-filter-status")
    assert status["role"] == "status" and status["aria-live"] == "polite"
    assert status["data-template"] == "Показано практик: {shown} из {total}"
    assert soup.select_one("script[src*='practice-filter.js']")
    assert not _soup(site, "ru", "practices/early.html").select_one("script[src*='practice-filter.js']")
    assert (site.layout.site / "ru/_static/practice-filter.js").is_file()


@pytest.mark.slow
def test_print_table_holds_every_card(site):
    soup = _soup(site, "ru", "practices/index.html")
    rows = soup.select(".practice-print table.practice-table tbody tr")
    assert len(rows) == 3
    # footnote numbers of the card page are left out of the catalogue
    assert rows[0].select("td")[-1].get_text() == "Войти в список поставщиков муниципалитета."


@pytest.mark.slow
def test_field_values_and_labels_are_translated(site):
    card = _soup(site, "fi", "practices/voucher.html")
    fields = {dt.get_text().rstrip(":"): dd.get_text().strip()
              for dt, dd in zip(card.select("dl.practice-fields dt"), card.select("dl.practice-fields dd"))}
    assert fields["Maa"] == "Suomi"
    soup = _soup(site, "fi", "practices/index.html")
    item = soup.select("ul.practice-list > li")[0]
    assert item.a.get_text() == "Asumisen palveluseteli"
    assert "Suomi · " in item.select_one(".practice-summary").get_text()
    # the key stays the source-language one, so filter classes are the same in every language
    assert "practice-country-finliandiia" in item["class"]
    assert soup.select_one("section#practice-by-country h3").get_text().startswith("Maa")
    assert soup.select_one(".practice-filter-status")["data-template"] == "Käytäntöjä näkyvissä: {shown}/{total}"
    assert soup.select_one("form.practice-filter button[type=reset]").get_text() == "Näytä kaikki"


@pytest.mark.slow
def test_missing_field_is_reported_with_file_and_line(tmp_path):
    project = copy_project(ROOTS / "practices", tmp_path / "broken")
    card = project / "docs/practices/early.md"
    card.write_text(card.read_text(encoding="utf-8").replace(":funding: Компенсация поставщику\n", ""),
                    encoding="utf-8")
    shutil.rmtree(project / "locales")
    result = build_site(project, tmp_path / "out").run
    assert result.status == 1
    lines = [line for line in result.err.splitlines() if "practice card" in line]
    assert len(lines) == 1, result.err
    assert lines[0].startswith("docs/practices/early.md:3: warning: practice card has no 'funding' "
                               "field — add ':funding: …' to the {practice} directive")
    assert lines[0].endswith("[handbook.practice-field]")


def test_handbook_catalogue_has_three_cards_per_country_with_every_field(handbook_site):
    soup = BeautifulSoup(handbook_site.page("ru", "practices/index.html"), "html.parser")
    by_country = {li.p.get_text(): len(li.select("a"))
                  for li in soup.select("section#practice-by-country ul.practice-group > li")}
    assert by_country == {"Норвегия (3)": 3, "Россия (3)": 3, "Финляндия (3)": 3}
    links = [a["href"] for a in soup.select("ul.practice-list > li > p > a")]
    assert len(links) >= 9
    for href in links:
        card = BeautifulSoup(handbook_site.page("ru", f"practices/{href}"), "html.parser")
        labels = [dt.get_text().rstrip(":") for dt in card.select("dl.practice-fields dt")]
        assert labels == ["Страна", "Целевая группа", "Вид услуги", "Источник финансирования",
                          "Что нужно для старта", "Источники"], href
        # sources are cited as footnotes
        assert card.select("dd.practice-sources a.footnote-reference"), href
    for lang in ("en", "fi", "nb"):
        other = BeautifulSoup(handbook_site.page(lang, "practices/index.html"), "html.parser")
        assert len(other.select("ul.practice-list > li")) == len(links)


@pytest.mark.slow
def test_catalogue_follows_a_changed_card_on_rebuild(tmp_path):
    from handbook import commands


    project = copy_project(ROOTS / "practices", tmp_path / "project")
    site = build_site(project, tmp_path / "out")
    assert site.run.status == 0, site.run.err
    card = site.layout.root / "docs/practices/early.md"
    card.write_text(card.read_text(encoding="utf-8").replace("# Ранняя помощь", "# Ранняя помощь семьям")
                    .replace(":country: Россия", ":country: Норвегия"), encoding="utf-8")
    again = run_command(commands.html, "ru", site.layout)
    assert again.status == 0, again.err
    soup = _soup(site, "ru", "practices/index.html")
    assert "Ранняя помощь семьям" in [a.get_text() for a in soup.select("ul.practice-list a")]
    groups = [li.p.get_text() for li in soup.select("section#practice-by-country ul.practice-group > li")]
    assert groups == ["Норвегия (1)", "Финляндия (2)"]
