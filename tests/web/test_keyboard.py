"""A chapter by keyboard alone, in headless Chromium, at phone, tablet and desktop widths: every Tab
stop is visible where it is, and the menu and page-contents drawers open and close with Enter and
Space, aria-expanded following, Escape closing them and focus going back to their button."""

from __future__ import annotations

import pytest

CHAPTER = "ru/chapters/01-introduction.html"
HEIGHT = 800

# Where the focused element is, once the browser has scrolled to it and the transitions are over
# (Furo scrolls smoothly and slides its skip link and drawers), and whether the reader can see it:
# hidden, outside the window, or under another element at its middle.
FOCUSED = """async () => {
  const element = document.activeElement;
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  let last = "", same = 0;
  for (let i = 0; i < 120 && same < 3; i++) {
    await frame();
    const now = JSON.stringify(element.getBoundingClientRect());
    const moving = document.getAnimations().some(a => a.playState === "running");
    same = now === last && !moving ? same + 1 : 0;
    last = now;
  }
  const r = element.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + Math.min(r.height, innerHeight) / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    tag: element.tagName,
    name: (element.getAttribute("aria-label") || element.textContent || "").trim().slice(0, 50),
    toggle: element.getAttribute("data-handbook-toggle"),
    left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height,
    visibility: getComputedStyle(element).visibility,
    covered: !!top && top !== element && !element.contains(top) && !top.contains(element)
      ? top.tagName + "." + top.className : "",
    inToc: !!element.closest(".toc-tree"),
  };
}"""


def problem(focused: dict, width: int) -> str:
    """Why the reader cannot see the focused element, or "" when they can."""
    if focused["width"] == 0 or focused["height"] == 0:
        return "has no size"
    if focused["visibility"] != "visible":
        return "is inside a hidden element"
    # A pixel's leeway: the browser scrolls a box to the window's edge, in fractions of a pixel.
    if focused["left"] < -1 or focused["right"] > width + 1:
        return f"is outside the window sideways (x = {focused['left']:.0f}…{focused['right']:.0f})"
    # A box taller than the window (a scrolling table) need only be in view; any other, wholly.
    if focused["height"] <= HEIGHT and (focused["top"] < -1 or focused["bottom"] > HEIGHT + 1):
        return f"is outside the window (y = {focused['top']:.0f}…{focused['bottom']:.0f})"
    if focused["bottom"] <= 0 or focused["top"] >= HEIGHT:
        return f"is outside the window (y = {focused['top']:.0f}…{focused['bottom']:.0f})"
    if focused["covered"]:
        return f"is covered by {focused['covered']}"
    return ""


@pytest.fixture()
def window(browser, request):
    context = browser.new_context(viewport={"width": request.param, "height": HEIGHT})
    page = context.new_page()
    try:
        yield page, request.param
    finally:
        context.close()


@pytest.mark.parametrize("window", [320, 768, 1280], indirect=True)
def test_every_tab_stop_of_a_chapter_is_visible(window, site_url):
    page, width = window
    page.goto(site_url + CHAPTER, wait_until="load")
    problems, stops = [], []
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "BODY":
            break
        stops.append(focused)
        why = problem(focused, width)
        if why:
            problems.append(f"Tab stop {len(stops)} ({focused['tag']} «{focused['name']}») {why}")
    else:
        pytest.fail("Tab never left the page")
    assert len(stops) > 20, stops
    assert not problems, f"at {width} px:\n" + "\n".join(problems)
    # The drawers' toggles are Tab stops where they are shown; the page contents' links are Tab
    # stops (beside the text) only at a width where they are shown.
    toggles = {f["toggle"] for f in stops if f["toggle"]}
    assert toggles == ({"__navigation", "__toc"} if width < 1200 else set()), toggles
    assert any(f["inToc"] for f in stops) == (width >= 1200)


@pytest.mark.parametrize("window", [1200], indirect=True)
def test_page_contents_are_beside_the_text_from_1200px(window, site_url):
    page, width = window
    page.goto(site_url + CHAPTER, wait_until="load")
    toc = page.locator(".toc-drawer").bounding_box()
    text = page.locator("article").bounding_box()
    assert toc["x"] >= text["x"] + text["width"] and toc["x"] + toc["width"] <= width, (toc, text)
    assert page.locator(".toc-tree ul ul a").first.is_visible()  # (the page title itself is not listed)
    # The text keeps a readable measure: at least 36 em of 16 px.
    assert text["width"] >= 36 * 16, text
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _tab_to(page, attribute: str, value: str) -> None:
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.getAttribute('{attribute}')") == value:
            return
    pytest.fail(f"Tab never reached the element with {attribute}={value}")


def _expanded(page, name: str) -> str:
    return page.evaluate(f"""[...document.querySelectorAll('[data-handbook-toggle="{name}"]')]
        .filter(b => b.getClientRects().length).map(b => b.getAttribute('aria-expanded')).join()""")


DRAWERS = {"__navigation": "#handbook-navigation", "__toc": "#handbook-toc"}


@pytest.mark.parametrize("key", ["Enter", "Space"])
@pytest.mark.parametrize(("window", "name"), [(320, "__navigation"), (320, "__toc"), (1100, "__toc")],
                         indirect=["window"])
def test_drawer_toggles_work_by_keyboard(window, name, key, site_url):
    page, width = window
    drawer = DRAWERS[name]
    page.goto(site_url + CHAPTER, wait_until="load")
    _tab_to(page, "data-handbook-toggle", name)
    toggle = page.evaluate("document.activeElement.outerHTML")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON", toggle
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == drawer[1:], toggle
    assert _expanded(page, name) == "false"
    assert page.locator(drawer).evaluate("e => getComputedStyle(e).visibility") == "hidden"

    # Open: the drawer slides in, focus moves into it, and Tab stays in view inside it.
    page.keyboard.press(key)
    assert _expanded(page, name) == "true"
    focused = page.evaluate(FOCUSED)
    assert page.evaluate(f"!!document.activeElement.closest('{drawer}')"), focused
    assert not problem(focused, width), (problem(focused, width), focused)
    for _ in range(3):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert page.evaluate(f"!!document.activeElement.closest('{drawer}')"), focused
        assert not problem(focused, width), (problem(focused, width), focused)

    # Escape closes it and gives focus back to the button, which says so.
    page.keyboard.press("Escape")
    assert _expanded(page, name) == "false"
    assert page.evaluate("document.activeElement.getAttribute('data-handbook-toggle')") == name
    page.wait_for_function(f"getComputedStyle(document.querySelector('{drawer}')).visibility === 'hidden'")

    # Open again; the drawer's own close button (focused first) closes it the same way.
    page.keyboard.press(key)
    assert _expanded(page, name) == "true"
    assert page.evaluate("document.activeElement.getAttribute('data-handbook-close')") == name
    page.keyboard.press(key)
    assert _expanded(page, name) == "false"
    assert page.evaluate("document.activeElement.getAttribute('data-handbook-toggle')") == name

    # Shift+Tab out of the open drawer closes it too; focus stays where Shift+Tab put it, in view.
    page.keyboard.press(key)
    assert _expanded(page, name) == "true"
    page.keyboard.press("Shift+Tab")
    assert _expanded(page, name) == "false"
    focused = page.evaluate(FOCUSED)
    assert not page.evaluate(f"!!document.activeElement.closest('{drawer}')"), focused
    assert not problem(focused, width), (problem(focused, width), focused)
