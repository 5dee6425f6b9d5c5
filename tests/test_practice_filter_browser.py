"""The practice filter in headless Chromium: usable by keyboard and by mouse, and it says how
many practices are shown (issue 6, point 4)."""

from __future__ import annotations

import pytest

from browser_pipe import Browser
from conftest import ROOTS, build_site

ITEMS_SHOWN = "[...document.querySelectorAll('ul.practice-list > li')].filter(li => !li.hidden)" \
              ".map(li => li.querySelector('a').textContent)"
STATUS = "document.querySelector('.practice-filter-status').textContent"
FOCUSED = "document.activeElement && document.activeElement.id"


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    site = build_site(ROOTS / "practices", tmp_path_factory.mktemp("practices-browser"))
    assert site.run.status == 0, site.run.err
    browser = Browser(tmp_path_factory.mktemp("chromium-profile"))
    try:
        browser.open((site.layout.site / "ru/practices/index.html").as_uri())
        browser.wait_for("!document.querySelector('form.practice-filter').hidden")
        yield browser
    finally:
        browser.close()


def test_script_shows_the_form_and_the_count(browser_page):
    assert browser_page.evaluate(STATUS) == "Показано практик: 3 из 3"
    assert len(browser_page.evaluate(ITEMS_SHOWN)) == 3


def test_filter_by_keyboard(browser_page):
    browser_page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(200):  # Tab through the page to the checkbox "Россия"
        browser_page.press("Tab", "Tab", 9)
        if browser_page.evaluate(FOCUSED) == "pf-country-rossiia":
            break
    else:
        pytest.fail("the country checkbox cannot be reached with Tab")
    browser_page.press(" ", "Space", 32, text=" ")
    assert browser_page.evaluate("document.getElementById('pf-country-rossiia').checked")
    assert browser_page.evaluate(ITEMS_SHOWN) == ["Ранняя помощь"]
    assert browser_page.evaluate(STATUS) == "Показано практик: 1 из 3"
    # the reset button is the next stops away and works with Enter
    for _ in range(20):
        browser_page.press("Tab", "Tab", 9)
        if browser_page.evaluate("document.activeElement.type") == "reset":
            break
    browser_page.press("Enter", "Enter", 13, text="\r")
    browser_page.wait_for(f"{STATUS} === 'Показано практик: 3 из 3'")


def test_filter_by_mouse_combines_fields(browser_page):
    browser_page.click("label[for='pf-funding-vaucher-munitsipaliteta']")
    assert browser_page.evaluate(ITEMS_SHOWN) == ["Ваучер на жильё", "Помощь на дому"]
    browser_page.click("label[for='pf-target-group-semi-s-detmi']")
    assert browser_page.evaluate(ITEMS_SHOWN) == ["Помощь на дому"]
    assert browser_page.evaluate(STATUS) == "Показано практик: 1 из 3"
    browser_page.click("form.practice-filter button[type=reset]")
    browser_page.wait_for(f"{STATUS} === 'Показано практик: 3 из 3'")


def test_on_a_phone_the_filter_starts_closed_and_opens_by_keyboard(tmp_path_factory):
    site = build_site(ROOTS / "practices", tmp_path_factory.mktemp("practices-phone"))
    browser = Browser(tmp_path_factory.mktemp("chromium-phone"))
    try:
        browser.open("about:blank#start")
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True})
        browser.send("Page.navigate", {"url": (site.layout.site / "ru/practices/index.html").as_uri()})
        browser.wait_for("document.querySelector('form.practice-filter') && "
                         "!document.querySelector('form.practice-filter').hidden")
        assert browser.evaluate("document.querySelector('.practice-filter details').open") is False
        assert browser.evaluate("document.documentElement.scrollWidth") <= 360
        browser.evaluate("document.querySelector('.practice-filter summary').focus()")
        browser.press("Enter", "Enter", 13, text="\r")
        browser.wait_for("document.querySelector('.practice-filter details').open")
    finally:
        browser.close()
