"""Events: newest first, status, "date to be announced" in the reader's language, the Atom feed,
and the author's mistakes reported with file and line; on a tiny root built in Russian and Finnish."""

from __future__ import annotations

import datetime as dt
import shutil
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from support import REPO, ROOTS, BuiltSite, copy_project, run_command
from handbook import commands
from handbook.paths import Layout
from handbook.sphinxext.events import Event, describe, newest_first, parse_date, period

ATOM = "{http://www.w3.org/2005/Atom}"
# CLDR puts a narrow no-break space (U+202F) before the Russian "г." (year).
NEWEST_FIRST = ["Семинар без даты", "Будущий семинар", "Прошедший семинар", "Круглый стол"]


def test_undated_events_come_first_then_the_latest():
    events = [Event("a", "A", "x", dt.date(2020, 1, 1), status="held"), Event("b", "B", "x", None),
              Event("c", "C", "x", dt.date(2026, 9, 1), dt.date(2026, 9, 3)),
              Event("d", "D", "x", dt.date(2025, 1, 1), status="held"), Event("e", "E", "x", None)]
    assert [e.docname for e in newest_first(events)] == ["b", "e", "c", "d", "a"]


def test_paper_leaves_an_unknown_date_out():
    # The site says the date is to be announced; a printed page would keep saying it for ever.
    undated = Event("b", "B", "Псков", None)
    assert describe(undated, "en", "planned") == "Date to be announced · Псков · planned"
    assert describe(undated, "en", "planned", on_paper=True) == "Псков · planned"
    dated = Event("a", "A", "Псков", dt.date(2020, 3, 12))
    assert describe(dated, "en", "planned", on_paper=True) == "March 12, 2020 · Псков · planned"


def test_dates_are_iso_or_empty():
    assert parse_date(" 2026-03-12 ") == dt.date(2026, 3, 12)
    assert parse_date("") is None
    with pytest.raises(ValueError):
        parse_date("12.03.2026")


def test_periods_name_the_month_in_full_in_each_language():
    start = dt.date(2020, 3, 1)
    assert period(start, dt.date(2020, 3, 2), "ru") == "1—2 марта 2020\u202fг."
    assert period(start, dt.date(2020, 4, 3), "en") == "March 1\u2009–\u2009April 3, 2020"
    assert period(start, dt.date(2020, 3, 2), "fi") == "1.–2. maaliskuuta 2020"
    assert period(start, dt.date(2021, 1, 5), "nb") == "1. mars 2020–5. januar 2021"


def _layout(tmp_path_factory, name: str) -> Layout:
    # The handbook's own interface strings ("Дата будет объявлена"…) are under test too.
    layout = Layout(copy_project(ROOTS / "events", tmp_path_factory.mktemp(name)))
    for lang in ("ru", "fi"):
        catalog = layout.locales / lang / "LC_MESSAGES"
        catalog.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / "locales" / lang / "LC_MESSAGES" / "sphinx.po", catalog)
    return layout


@pytest.fixture(scope="module")
def events_site(tmp_path_factory):
    layout = _layout(tmp_path_factory, "events")
    site = BuiltSite(layout, run_command(commands.html, "", layout))
    assert site.run.status == 0, site.run.out + site.run.err
    return site


def _items(site: BuiltSite, lang: str) -> list:
    soup = BeautifulSoup(site.page(lang, "events/index.html"), "html.parser")
    return soup.select("ul.handbook-events > li")


@pytest.mark.slow
def test_list_is_newest_first_with_date_place_and_status(events_site):
    items = _items(events_site, "ru")
    assert [li.select_one("a").get_text() for li in items] == NEWEST_FIRST
    lines = [li.select_one(".handbook-event-when").get_text() for li in items]
    assert lines[0] == "Дата будет объявлена · Архангельск · запланировано"
    assert lines[1] == "1—2 марта 2999\u202fг. · Тосно · запланировано"
    assert lines[2] == "15 сентября 2020\u202fг. · Псков · состоялось"
    assert "Семинар состоялся." in items[2].get_text()


@pytest.mark.slow
def test_undated_label_place_and_status_are_in_the_readers_language(events_site):
    items = _items(events_site, "fi")
    assert items[0].select_one("a").get_text() == "Seminaari ilman päivämäärää"
    assert (items[0].select_one(".handbook-event-when").get_text()
            == "Päivämäärä ilmoitetaan myöhemmin · Arkangeli · suunniteltu")
    assert items[2].select_one(".handbook-event-when").get_text().endswith("· Псков · pidetty")


@pytest.mark.slow
def test_event_page_says_date_status_and_place(events_site):
    soup = BeautifulSoup(events_site.page("ru", "events/later.html"), "html.parser")
    meta = soup.select_one("p.handbook-event-meta").get_text(" ", strip=True)
    assert meta == "Дата: Дата будет объявлена · Статус: запланировано · Место: Архангельск"
    soup = BeautifulSoup(events_site.page("fi", "events/past.html"), "html.parser")
    meta = soup.select_one("p.handbook-event-meta").get_text(" ", strip=True)
    assert "15. syyskuuta 2020" in meta and "pidetty" in meta


@pytest.mark.slow
def test_atom_feed_carries_every_event_newest_first(events_site):
    feed = ET.parse(events_site.layout.site / "ru" / "events" / "atom.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == NEWEST_FIRST
    past = entries[2]
    assert past.find(f"{ATOM}link").get("href") == "https://example.org/handbook/ru/events/past.html"
    assert past.findtext(f"{ATOM}updated").startswith("2020-09-15")
    assert past.find(f"{ATOM}category").get("term") == "held"
    assert past.findtext(f"{ATOM}summary") == "15 сентября 2020\u202fг. · Псков · состоялось\n\nСеминар состоялся."
    assert entries[0].find(f"{ATOM}category").get("term") == "planned"
    fi_feed = ET.parse(events_site.layout.site / "fi" / "events" / "atom.xml").getroot()
    assert fi_feed.find(f"{ATOM}entry").findtext(f"{ATOM}summary").startswith(
        "Päivämäärä ilmoitetaan myöhemmin · Arkangeli")
    page = BeautifulSoup(events_site.page("ru", "index.html"), "html.parser")
    assert page.select_one("link[type='application/atom+xml']")["href"] == "events/atom.xml"


@pytest.mark.slow
def test_bad_status_and_held_without_date_are_reported_with_file_line_and_fix(tmp_path_factory):
    layout = _layout(tmp_path_factory, "bad-events")
    past = layout.docs / "events" / "past.md"
    past.write_text(past.read_text(encoding="utf-8").replace(":status: held", ":status: done"),
                    encoding="utf-8")
    later = layout.docs / "events" / "later.md"
    later.write_text(later.read_text(encoding="utf-8").replace(":status: planned", ":status: held"),
                     encoding="utf-8")
    run = run_command(commands.html, "ru", layout)
    assert run.status == 1
    out = run.out + run.err
    assert ("docs/events/past.md:3: warning: event :status: is 'done' — write `:status: planned` "
            "(still to come) or `:status: held` (it took place) [handbook.event-status]") in out
    assert ("docs/events/later.md:3: warning: a held event has no :date: — add `:date: YYYY-MM-DD`"
            in out)


def test_what_an_event_shows_depends_on_the_build_date_and_the_projects_end():
    from handbook.sphinxext.events import UNRECORDED, shown_status

    end = dt.date(2020, 10, 31)
    planned = Event("p", "P", "x", dt.date(2020, 5, 1))
    undated = Event("u", "U", "x", None)
    held = Event("h", "H", "x", dt.date(2020, 3, 17), status="held")
    assert shown_status(planned, dt.date(2020, 4, 30), end) == "planned"
    assert shown_status(planned, dt.date(2020, 5, 2), end) == UNRECORDED
    # A period is over after its last day.
    period_event = Event("q", "Q", "x", dt.date(2020, 5, 1), dt.date(2020, 5, 3))
    assert shown_status(period_event, dt.date(2020, 5, 3), end) == "planned"
    assert shown_status(period_event, dt.date(2020, 5, 4), end) == UNRECORDED
    assert shown_status(undated, dt.date(2020, 10, 31), end) == "planned"
    assert shown_status(undated, dt.date(2020, 11, 1), end) == UNRECORDED
    assert shown_status(undated, dt.date(2030, 1, 1), None) == "planned"  # no end known: still to come
    assert shown_status(held, dt.date(2030, 1, 1), end) == "held"  # only a source says it took place


def test_an_entrys_updated_is_the_events_date_or_its_pages_last_change():
    from handbook.sphinxext.events import UNRECORDED, atom_feed

    events = [Event("events/a", "A", "x", dt.date(2020, 3, 17), status="held"),
              Event("events/b", "B", "x", None), Event("events/c", "C", "x", dt.date(2999, 1, 1))]
    changed = {"events/a": dt.date(2024, 1, 1), "events/b": dt.date(2023, 5, 6), "events/c": dt.date(2022, 2, 2)}
    feed = ET.fromstring(atom_feed(events, "T", "ru", "../", changed,
                                   {"events/a": "held", "events/b": UNRECORDED, "events/c": "planned"}))
    updated = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}updated") for e in feed.iter(f"{ATOM}entry")}
    assert updated == {"A": "2020-03-17T00:00:00Z", "B": "2023-05-06T00:00:00Z", "C": "2022-02-02T00:00:00Z"}
    assert feed.findtext(f"{ATOM}updated") == "2023-05-06T00:00:00Z"  # the latest of them


@pytest.fixture(scope="module")
def after_the_project(tmp_path_factory):
    """Built on 1 January 2021 (SOURCE_DATE_EPOCH), the project having ended on 31 October 2020,
    with one more event: planned for 1 May 2020, and nothing says that it took place."""
    import os

    layout = _layout(tmp_path_factory, "after-the-project")
    with layout.conf.open("a", encoding="utf-8") as conf:
        conf.write('handbook_project_end = "2020-10-31"\n')
    (layout.docs / "events" / "unheld.md").write_text(
        "# Несостоявшийся семинар\n\n```{event}\n:place: Псков\n:date: 2020-05-01\n:status: planned\n```\n",
        encoding="utf-8")
    later = layout.docs / "events" / "later.md"
    changed = dt.datetime(2020, 6, 1, 12, tzinfo=dt.timezone.utc).timestamp()
    os.utime(later, (changed, changed))
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc).timestamp()))
    try:
        site = BuiltSite(layout, run_command(commands.html, "", layout))
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
    assert site.run.status == 0, site.run.out + site.run.err
    return site


@pytest.mark.slow
def test_past_events_with_no_record_are_shown_as_such_never_as_planned(after_the_project):
    lines = {li.select_one("a").get_text(): li.select_one(".handbook-event-when").get_text()
             for li in _items(after_the_project, "ru")}
    assert lines["Семинар без даты"] == "Архангельск · сведений о проведении нет"
    assert lines["Несостоявшийся семинар"] == "1 мая 2020\u202fг. · Псков · сведений о проведении нет"
    assert lines["Прошедший семинар"] == "15 сентября 2020\u202fг. · Псков · состоялось"
    assert lines["Будущий семинар"].endswith("· Тосно · запланировано")  # 2999: still to come
    text = " ".join(lines.values())
    assert "Дата будет объявлена" not in text
    fi = [li.select_one(".handbook-event-when").get_text() for li in _items(after_the_project, "fi")]
    assert "Arkangeli · ei tietoja toteutumisesta" in fi
    soup = BeautifulSoup(after_the_project.page("ru", "events/later.html"), "html.parser")
    meta = soup.select_one("p.handbook-event-meta").get_text(" ", strip=True)
    assert meta == "Статус: сведений о проведении нет · Место: Архангельск"


@pytest.mark.slow
def test_feed_dates_are_the_events_or_the_pages_never_the_builds(after_the_project):
    feed = ET.parse(after_the_project.layout.site / "ru" / "events" / "atom.xml").getroot()
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.findall(f"{ATOM}entry")}
    assert entries["Семинар без даты"].findtext(f"{ATOM}updated") == "2020-06-01T00:00:00Z"  # the file's change
    assert entries["Семинар без даты"].find(f"{ATOM}category").get("term") == "unrecorded"
    assert entries["Несостоявшийся семинар"].findtext(f"{ATOM}updated") == "2020-05-01T00:00:00Z"
    assert entries["Прошедший семинар"].findtext(f"{ATOM}updated") == "2020-09-15T00:00:00Z"
    stamps = [e.text for e in feed.iter(f"{ATOM}updated")]
    assert not any(s.startswith("2021-01-01") for s in stamps)  # the build's date
