"""The site on a phone (320 px) and a desktop (1280 px), in headless Chromium: a search control in
the header that Tab reaches and that leads to a search page with its own field; wide tables that
scroll in their own labelled box with a shadow at the edge; the chapter 7 diagram with a link to
its full size and no white panel in the dark scheme; no sideways scrolling of the page."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageStat
from test_accessibility import axe_violations, horizontal_overflow

COSTING = "ru/chapters/06-costing.html"
FUNDING = "ru/chapters/07-funding.html"
PAGES = ["ru/index.html", COSTING, FUNDING, "ru/downloads.html", "ru/search.html",
         "fi/chapters/06-costing.html", "nb/chapters/07-funding.html"]
NO_SMOOTH_SCROLL = "document.documentElement.style.scrollBehavior = 'auto'"

VISIBLE = """element => {
  const r = element.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth && r.top >= 0
    && r.bottom <= innerHeight && getComputedStyle(element).visibility === "visible"
    && !!top && (top === element || element.contains(top));
}"""


def open_page(page, url: str, width: int, scheme: str = "light") -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    page.goto(url, wait_until="load")
    page.evaluate(NO_SMOOTH_SCROLL)


def tab_to(page, selector: str, limit: int = 15) -> bool:
    """Press Tab until the element matching ``selector`` has the focus (False if it never does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return True
    return False


@pytest.mark.parametrize("width", [320, 1280])
def test_no_page_scrolls_sideways(width, site_url, page):
    for path in PAGES:
        open_page(page, site_url + path, width)
        assert horizontal_overflow(page) == 0, path


@pytest.mark.parametrize("width", [320, 1280])
def test_header_search_is_visible_reachable_by_tab_and_leads_to_a_search_field(width, site_url, page):
    open_page(page, site_url + FUNDING, width)
    # On a phone: the header's button; on a desktop: the field at the top of the sidebar.
    control = ".mobile-header .handbook-search-button" if width == 320 else "input.sidebar-search"
    assert page.locator(control).evaluate(VISIBLE), f"{control} not visible at {width} px"
    assert tab_to(page, control), f"Tab never reaches {control}"
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert name == "Поиск"
    if width == 320:
        page.keyboard.press("Enter")
    else:
        page.keyboard.type("тариф")
        page.keyboard.press("Enter")
    page.wait_for_url("**/ru/search.html*")
    field = page.locator("#handbook-search-q")
    assert field.evaluate(VISIBLE)
    assert page.locator("label[for=handbook-search-q]").inner_text() == "Искать в рекомендациях"
    field.fill("стоимость")
    field.press("Enter")
    page.wait_for_url("**/ru/search.html?q=*")
    page.wait_for_selector("#search-results li", timeout=15000)
    assert page.locator("#handbook-search-q").input_value() == "стоимость"


def test_wide_tables_scroll_in_a_labelled_focusable_box_with_a_shadow(site_url, page):
    open_page(page, site_url + COSTING, 320)
    boxes = page.locator(".table-wrapper")
    wide = [boxes.nth(i) for i in range(boxes.count())
            if boxes.nth(i).evaluate("e => e.scrollWidth > e.clientWidth + 1")]
    assert wide, "the costing chapter has no table wider than a phone: the test checks nothing"
    for box in wide:
        assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
        assert (box.get_attribute("aria-label") or "").strip()
        # The cue: a shadow at the edge with more to see (a background that scrolls with the box).
        assert "radial-gradient" in box.evaluate("e => getComputedStyle(e).backgroundImage")
    box = wide[0]
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("e => e.scrollLeft > 0", arg=box.element_handle(), timeout=3000)
    assert axe_violations(page) == []


def test_the_diagram_opens_full_size_from_a_labelled_link(site_url, page):
    open_page(page, site_url + FUNDING, 320)
    link = page.get_by_role("link", name="Открыть рисунок в полном размере")
    assert link.count() == 1
    link.scroll_into_view_if_needed()
    assert link.evaluate(VISIBLE)
    image = page.locator("figure img").first
    shown, natural = image.evaluate("i => [i.getBoundingClientRect().width, i.naturalWidth]")
    assert natural >= 2 * shown  # shrunk on the phone: that is why the link is there
    href = link.get_attribute("href")
    assert href.endswith(".svg") and href == image.get_attribute("src")
    response = page.goto(link.evaluate("a => a.href"))
    assert response.status == 200 and "svg" in response.headers["content-type"]
    assert page.evaluate("document.documentElement.getBoundingClientRect().width") >= 700


def mean_brightness(page, selector: str) -> float:
    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    png = element.screenshot()
    return ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).mean[0]


@pytest.mark.parametrize("width", [320, 1280])
def test_the_diagram_follows_the_dark_scheme(width, site_url, page):
    open_page(page, site_url + FUNDING, width, "light")
    light = mean_brightness(page, "figure img")
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(100)
    dark = mean_brightness(page, "figure img")
    assert light > 200, light  # drawn dark on white
    assert dark < 90, f"the diagram is a bright panel in the dark scheme (mean brightness {dark:.0f})"
    assert axe_violations(page, ["color-contrast"]) == []


def test_phone_header_and_search_page_pass_axe(site_url, page):
    for path in (FUNDING, "ru/search.html?q=тариф", "fi/search.html"):
        open_page(page, site_url + path, 320)
        assert axe_violations(page) == [], path
