"""Every page of every language in headless Chromium: axe-core's WCAG 2.1 A and AA rules in light
and dark schemes, no sideways scrolling at 320 px, a working skip link, a keyboard-usable switcher."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import site_pages

LANGUAGES = ["ru", "en", "fi", "nb"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_SCRIPT = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"


# The dark scheme changes colours only, not the document: its run needs only the colour rules.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """axe-core's violations on the current page, one line each: rule, impact, first elements.

    Every WCAG 2.0/2.1 A and AA rule, or only ``rules`` when given.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    result = page.evaluate(
        "runOnly => axe.run(document, {runOnly, resultTypes: ['violations']})", run_only)
    lines = []
    for v in result["violations"]:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets}")
    return lines


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_passes_axe_in_light_and_dark_and_reflows_at_320px(lang, handbook_site, site_url, page):
    pages = site_pages(handbook_site.layout.site, lang)
    assert len(pages) > 10, pages
    problems = []
    for path in pages:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.emulate_media(color_scheme="light")
        page.goto(site_url + path, wait_until="load")
        problems += [f"{path} [light] {line}" for line in axe_violations(page)]
        # Furo follows prefers-color-scheme live, so the same page turns dark without a reload.
        page.emulate_media(color_scheme="dark")
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
        problems += [f"{path} [dark] {line}" for line in axe_violations(page, COLOUR_RULES)]
        page.set_viewport_size({"width": 320, "height": 640})
        overflow = horizontal_overflow(page)
        if overflow > 0:
            problems.append(f"{path} [320 px] scrolls sideways by {overflow} px")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_first_tab_reaches_a_working_skip_link(lang, site_url, page):
    page.goto(f"{site_url}{lang}/chapters/01-introduction.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => ({cls: document.activeElement.className,"
                            " href: document.activeElement.getAttribute('href'),"
                            " text: document.activeElement.textContent.trim(),"
                            " visible: document.activeElement.getBoundingClientRect().height > 0})")
    assert "skip-to-content" in focused["cls"], focused
    assert focused["visible"], "the skip link must become visible when focused"
    assert focused["text"] and focused["text"] != "Skip to content" or lang == "en", focused
    page.keyboard.press("Enter")
    # Following a same-page link updates location.hash asynchronously: wait for it, do not race it.
    page.wait_for_function("href => location.hash === href", arg=focused["href"], timeout=5000)
    # The next Tab lands inside the main content, not back in the navigation.
    page.keyboard.press("Tab")
    inside = page.evaluate("() => !!document.activeElement.closest('#furo-main-content')")
    assert inside


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_is_reachable_and_usable_by_keyboard(lang, site_url, page):
    page.goto(f"{site_url}{lang}/chapters/01-introduction.html")
    target = "fi" if lang != "fi" else "nb"
    for _ in range(80):
        page.keyboard.press("Tab")
        hreflang = page.evaluate(
            "() => document.activeElement.closest('nav.language-switcher')"
            " ? document.activeElement.getAttribute('hreflang') : null")
        if hreflang == target:
            break
    else:
        pytest.fail(f"Tab never reached the {target} link of the language switcher")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/{target}/chapters/01-introduction.html"), page.url
    assert page.evaluate("document.documentElement.lang") == target
