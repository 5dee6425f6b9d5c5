"""The practice filter in headless Chromium: usable by keyboard and by mouse, and it says how
many practices are shown (issue 6, point 4)."""

from __future__ import annotations

import pytest

ITEMS_SHOWN = "[...document.querySelectorAll('ul.practice-list > li')].filter(li => !li.hidden)" \
              ".map(li => li.querySelector('a').textContent)"
STATUS = "document.querySelector('.practice-filter-status').textContent"
FOCUSED = "document.activeElement && document.activeElement.id"
FORM_SHOWN = "document.querySelector('form.practice-filter') && " \
             "!document.querySelector('form.practice-filter').hidden"


@pytest.fixture(scope="module")
def catalogue_url(practices_site) -> str:
    assert practices_site.run.status == 0, practices_site.run.err
    return (practices_site.layout.site / "ru/practices/index.html").as_uri()


@pytest.fixture()
def catalogue(page, catalogue_url):
    page.goto(catalogue_url)
    page.wait_for_function(FORM_SHOWN)
    return page


def test_script_shows_the_form_and_the_count(catalogue):
    assert catalogue.evaluate(STATUS) == "Показано практик: 3 из 3"
    assert len(catalogue.evaluate(ITEMS_SHOWN)) == 3


def test_filter_by_keyboard(catalogue):
    for _ in range(200):  # Tab through the page to the checkbox "Россия"
        catalogue.keyboard.press("Tab")
        if catalogue.evaluate(FOCUSED) == "pf-country-rossiia":
            break
    else:
        pytest.fail("the country checkbox cannot be reached with Tab")
    catalogue.keyboard.press("Space")
    assert catalogue.evaluate("document.getElementById('pf-country-rossiia').checked")
    assert catalogue.evaluate(ITEMS_SHOWN) == ["Ранняя помощь"]
    assert catalogue.evaluate(STATUS) == "Показано практик: 1 из 3"
    # The reset button is a few stops away and works with Enter.
    for _ in range(20):
        catalogue.keyboard.press("Tab")
        if catalogue.evaluate("document.activeElement.type") == "reset":
            break
    else:
        pytest.fail("the reset button cannot be reached with Tab")
    catalogue.keyboard.press("Enter")
    catalogue.wait_for_function(f"{STATUS} === 'Показано практик: 3 из 3'")


def test_filter_by_mouse_combines_fields(catalogue):
    catalogue.click("label[for='pf-funding-vaucher-munitsipaliteta']")
    assert catalogue.evaluate(ITEMS_SHOWN) == ["Ваучер на жильё", "Помощь на дому"]
    catalogue.click("label[for='pf-target-group-semi-s-detmi']")
    assert catalogue.evaluate(ITEMS_SHOWN) == ["Помощь на дому"]
    assert catalogue.evaluate(STATUS) == "Показано практик: 1 из 3"
    catalogue.click("form.practice-filter button[type=reset]")
    catalogue.wait_for_function(f"{STATUS} === 'Показано практик: 3 из 3'")


def test_on_a_phone_the_filter_starts_closed_and_opens_by_keyboard(browser, catalogue_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    try:
        phone = context.new_page()
        phone.goto(catalogue_url)
        phone.wait_for_function(FORM_SHOWN)
        assert phone.evaluate("document.querySelector('.practice-filter details').open") is False
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        phone.focus(".practice-filter summary")
        phone.keyboard.press("Enter")
        phone.wait_for_function("document.querySelector('.practice-filter details').open")
    finally:
        context.close()
