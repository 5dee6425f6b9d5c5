"""The language switcher keeps the reader's place: the section (#…) and the search query (?q=…)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

SECTION = "chto-izmenilos-s-2015-goda"
CHAPTER = "chapters/01-introduction.html"


def test_switching_language_by_keyboard_keeps_the_section(site_url, page):
    page.goto(f"{site_url}ru/{CHAPTER}#{SECTION}", wait_until="load")
    # Tab would go on from the linked section, past the switcher: the link is focused directly.
    page.focus("nav.language-switcher a[hreflang=fi]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{site_url}fi/{CHAPTER}#{SECTION}"
    assert page.evaluate("document.documentElement.lang") == "fi"
    assert page.locator(f"#{SECTION}").count() == 1


def test_a_section_reached_after_loading_is_kept_when_clicking(site_url, page):
    page.goto(f"{site_url}en/{CHAPTER}", wait_until="load")
    page.evaluate(f"location.hash = '#{SECTION}'")
    with page.expect_navigation():
        page.click("nav.language-switcher a[hreflang=nb]")
    assert page.url == f"{site_url}nb/{CHAPTER}#{SECTION}"


def test_switching_language_on_the_search_page_keeps_the_query(site_url, page):
    page.goto(f"{site_url}ru/search.html?q=финансирование", wait_until="load")
    with page.expect_navigation():
        page.click("nav.language-switcher a[hreflang=en]")
    address = urlsplit(page.url)
    assert address.path == "/en/search.html"
    assert parse_qs(address.query)["q"] == ["финансирование"]
    # The search page reads its query from the address: the search runs again in English.
    page.wait_for_function("document.querySelector('input[name=q]') "
                           "&& document.querySelector('input[name=q]').value === 'финансирование'")
