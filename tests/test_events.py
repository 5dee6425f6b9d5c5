"""Events: upcoming and past lists, "date to be announced", and the Atom feed, on a tiny root."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

import shutil

from support import REPO, ROOTS, BuiltSite, copy_project, run_command
from handbook import commands
from handbook.paths import Layout
from handbook.sphinxext.events import Event, parse_date, split_events

ATOM = "{http://www.w3.org/2005/Atom}"


def test_split_puts_soonest_first_then_undated_and_latest_past_first():
    today = dt.date(2026, 6, 1)
    events = [Event("a", "A", "x", dt.date(2026, 1, 1)), Event("b", "B", "x", None),
              Event("c", "C", "x", dt.date(2026, 9, 1)), Event("d", "D", "x", dt.date(2025, 1, 1)),
              Event("e", "E", "x", today)]
    upcoming, past = split_events(events, today)
    assert [e.docname for e in upcoming] == ["e", "c", "b"]
    assert [e.docname for e in past] == ["a", "d"]


def test_dates_are_iso_or_empty():
    assert parse_date(" 2026-03-12 ") == dt.date(2026, 3, 12)
    assert parse_date("") is None
    with pytest.raises(ValueError):
        parse_date("12.03.2026")


@pytest.fixture(scope="module")
def events_site(tmp_path_factory):
    # The handbook's own Russian interface strings ("Дата будет объявлена"…) are under test too.
    layout = Layout(copy_project(ROOTS / "events", tmp_path_factory.mktemp("events")))
    catalog = layout.locales / "ru" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    shutil.copy2(REPO / "locales" / "ru" / "LC_MESSAGES" / "sphinx.po", catalog)
    site = BuiltSite(layout, run_command(commands.html, "", layout))
    assert site.run.status == 0, site.run.out + site.run.err
    return site


def test_listing_has_upcoming_and_past_with_dates_in_russian(events_site):
    soup = BeautifulSoup(events_site.page("ru", "events/index.html"), "html.parser")
    upcoming, past = soup.select("ul.handbook-events")
    assert [a.get_text() for a in upcoming.select("a")] == ["Будущий семинар", "Семинар без даты"]
    assert "1 марта 2999" in upcoming.get_text() and "Тосно" in upcoming.get_text()
    assert "Дата будет объявлена" in upcoming.get_text()
    assert [a.get_text() for a in past.select("a")] == ["Прошедший семинар"]
    assert "15 сентября 2020" in past.get_text()


def test_event_page_says_date_and_place(events_site):
    soup = BeautifulSoup(events_site.page("ru", "events/later.html"), "html.parser")
    meta = soup.select_one("p.handbook-event-meta").get_text(" ", strip=True)
    assert "Дата будет объявлена" in meta and "Архангельск" in meta


def test_atom_feed_has_every_event_with_absolute_links(events_site):
    feed = ET.parse(events_site.layout.site / "ru" / "events" / "atom.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.findall(f"{ATOM}entry")}
    assert set(entries) == {"Прошедший семинар", "Будущий семинар", "Семинар без даты"}
    past = entries["Прошедший семинар"]
    assert past.find(f"{ATOM}link").get("href") == "https://example.org/handbook/ru/events/past.html"
    assert past.findtext(f"{ATOM}updated").startswith("2020-09-15")
    page = BeautifulSoup(events_site.page("ru", "index.html"), "html.parser")
    assert page.select_one("link[type='application/atom+xml']")["href"] == "events/atom.xml"
