"""The practice filter in headless Chromium: usable by keyboard and by mouse, and it says how
many practices are shown (issue 6, point 4); its counts follow the filters, and an empty result
says so next to them with a reset button, in the page's language (issue 20, point 8)."""

from __future__ import annotations

import shutil

import pytest

from handbook import commands
from handbook.paths import Layout, copy_project
from support import REPO, ROOTS, BuiltSite, run_command
from test_accessibility import COLOUR_RULES, axe_violations

ITEMS_SHOWN = "[...document.querySelectorAll('ul.practice-list > li')].filter(li => !li.hidden)" \
              ".map(li => li.querySelector('a').textContent)"
STATUS = "document.querySelector('.practice-filter-status').textContent"
FOCUSED = "document.activeElement && document.activeElement.id"
FORM_SHOWN = "document.querySelector('form.practice-filter') && " \
             "!document.querySelector('form.practice-filter').hidden"


COUNTS = "Object.fromEntries([...document.querySelectorAll('.practice-filter input')]" \
         ".map(b => [b.id, document.querySelector(`label[for='${b.id}'] .practice-filter-count`).textContent]))"
CLEAR = "form.practice-filter button.practice-filter-clear"


@pytest.fixture(scope="module")
def catalogue_site(tmp_path_factory) -> BuiltSite:
    """The practices test root with the handbook's own JavaScript catalogs (javascript.po)."""
    layout = Layout(copy_project(ROOTS / "practices", tmp_path_factory.mktemp("catalogue")))
    for lang in ("ru", "fi"):
        target = layout.locales / lang / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / "locales" / lang / "LC_MESSAGES" / "javascript.po", target)
    return BuiltSite(layout, run_command(commands.html, "", layout))


@pytest.fixture(scope="module")
def catalogue_url(catalogue_site) -> str:
    assert catalogue_site.run.status == 0, catalogue_site.run.out + catalogue_site.run.err
    return (catalogue_site.layout.site / "ru/practices/index.html").as_uri()


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


def test_counts_follow_the_other_fields_filters(catalogue):
    before = catalogue.evaluate(COUNTS)
    assert before["pf-funding-vaucher-munitsipaliteta"] == "(2)"
    catalogue.click("label[for='pf-country-rossiia']")
    after = catalogue.evaluate(COUNTS)
    # Other fields count only the Russian practice; the country's own values keep their counts.
    assert after["pf-funding-vaucher-munitsipaliteta"] == "(0)"
    assert after["pf-funding-kompensatsiia-postavshchiku"] == "(1)"
    assert after["pf-target-group-semi-s-detmi"] == "(1)"
    assert after["pf-country-finliandiia"] == "(2)" and after["pf-country-rossiia"] == "(1)"
    assert catalogue.evaluate("document.getElementById('pf-funding-vaucher-munitsipaliteta')"
                              ".closest('.practice-filter-option').classList.contains('practice-filter-none')")
    catalogue.click("label[for='pf-country-rossiia']")
    assert catalogue.evaluate(COUNTS) == before


def test_an_empty_result_says_so_next_to_the_filters_and_resets_by_keyboard(browser, catalogue_url):
    # A short window: the message must be in view where the reader is choosing, not below.
    context = browser.new_context(viewport={"width": 1280, "height": 420})
    try:
        page = context.new_page()
        page.goto(catalogue_url)
        page.wait_for_function(FORM_SHOWN)
        assert not page.is_visible(CLEAR)
        page.check("#pf-country-rossiia")
        page.focus("#pf-funding-vaucher-munitsipaliteta")
        page.keyboard.press("Space")
        assert page.evaluate(ITEMS_SHOWN) == []
        assert page.evaluate(STATUS) == ("Показано практик: 0 из 3. "
                                         "Ни одна практика не подходит под все выбранные условия.")
        assert page.evaluate("document.querySelector('.practice-filter-status').getAttribute('aria-live')") \
            == "polite"
        assert page.is_visible(CLEAR)
        assert page.inner_text(CLEAR) == "Сбросить фильтры"
        for selector in (".practice-filter-status", CLEAR):
            box = page.locator(selector).bounding_box()
            assert 0 <= box["y"] and box["y"] + box["height"] <= 420, (selector, box)
        for _ in range(30):  # the reset is a few Tab stops after the checkbox
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('practice-filter-clear')"):
                break
        else:
            pytest.fail("the reset button of the empty result cannot be reached with Tab")
        page.keyboard.press("Enter")
        assert page.evaluate(STATUS) == "Показано практик: 3 из 3"
        assert len(page.evaluate(ITEMS_SHOWN)) == 3
        assert page.evaluate("[...document.querySelectorAll('.practice-filter input')].some(b => b.checked)") \
            is False
        assert not page.is_visible(CLEAR)
        # Focus is not lost with the button: it goes to the first filter.
        assert page.evaluate(FOCUSED) == page.evaluate(
            "document.querySelector('.practice-filter input').id")
    finally:
        context.close()


def test_the_empty_result_speaks_the_pages_language(page, catalogue_site):
    page.goto((catalogue_site.layout.site / "fi/practices/index.html").as_uri())
    page.wait_for_function(FORM_SHOWN)
    page.check("#pf-country-rossiia")
    page.check("#pf-funding-vaucher-munitsipaliteta")
    assert page.evaluate(STATUS).endswith(". Mikään käytäntö ei vastaa kaikkia valittuja rajauksia.")
    assert page.inner_text(CLEAR) == "Poista rajaukset"


def test_a_checkbox_reached_by_tab_is_not_under_the_sticky_count(browser, catalogue_url):
    context = browser.new_context(viewport={"width": 1280, "height": 360})
    try:
        page = context.new_page()
        page.goto(catalogue_url)
        page.wait_for_function(FORM_SHOWN)
        page.focus(".practice-filter input")
        seen = 0
        while page.evaluate("document.activeElement.matches('.practice-filter input')"):
            box, bar = page.evaluate(
                "[document.activeElement, document.querySelector('.practice-filter-result')]"
                ".map(e => e.getBoundingClientRect().toJSON())")
            assert box["bottom"] <= bar["top"] + 1, (page.evaluate(FOCUSED), box, bar)
            assert box["top"] >= 0
            seen += 1
            page.keyboard.press("Tab")
        assert seen == page.evaluate("document.querySelectorAll('.practice-filter input').length")
    finally:
        context.close()


@pytest.mark.parametrize("lang,status_end,reset", [
    ("en", ". No practice matches all the chosen filters.", "Reset filters"),
    ("nb", ". Ingen praksis passer til alle valgte filtre.", "Nullstill filtrene"),
])
def test_the_handbooks_catalogue_reaches_an_empty_result_in_its_language(lang, status_end, reset,
                                                                        site_url, page):
    page.goto(f"{site_url}{lang}/practices/index.html")
    page.wait_for_function(FORM_SHOWN)
    boxes = page.eval_on_selector_all(".practice-filter input", "els => els.map(e => e.id)")
    before = page.evaluate(COUNTS)
    page.check(f"#{boxes[0]}")
    after = page.evaluate(COUNTS)
    assert after != before  # the other fields count only what the first value leaves
    empty = next(box for box in boxes[1:] if after[box] == "(0)")
    page.check(f"#{empty}")
    assert page.evaluate(ITEMS_SHOWN) == []
    assert page.evaluate(STATUS).endswith(status_end)
    assert page.inner_text(CLEAR) == reset
    page.click(CLEAR)
    assert page.evaluate(COUNTS) == before
    assert len(page.evaluate(ITEMS_SHOWN)) == page.evaluate("document.querySelectorAll('ul.practice-list > li').length")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_empty_result_passes_axe(scheme, browser, catalogue_url):
    context = browser.new_context(viewport={"width": 1280, "height": 700}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(catalogue_url)
        page.wait_for_function(FORM_SHOWN)
        page.check("#pf-country-rossiia")
        page.check("#pf-funding-vaucher-munitsipaliteta")
        assert page.is_visible(CLEAR)
        assert axe_violations(page, None if scheme == "light" else COLOUR_RULES) == []
    finally:
        context.close()
