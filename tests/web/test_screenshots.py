"""PNG screenshots of each language's home page and one chapter at phone and desktop widths, for
people to look at after changing the theme (`make screenshots` keeps them in _build/screenshots/;
the tests in a temporary folder). Not a pixel comparison: each picture must show a page of the
language asked for — not a blank or one-colour one — with its heading visible near the top."""

from __future__ import annotations

import pytest
from PIL import Image, ImageStat

PAGES = {"home": "index.html", "chapter": "chapters/06-costing.html"}
WIDTHS = [390, 1280]
HEIGHT = 900
# The standard deviation of a screenshot's grey levels (0-255): a blank page, or one drawn in a single
# colour (text the colour of its background), has next to none; a page of text well over 20.
MIN_CONTRAST = 20


def check_picture(path, width: int) -> None:
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size == (width, HEIGHT), (path.name, image.size)
        grey = image.convert("L")
        spread = ImageStat.Stat(grey).stddev[0]
        assert spread > MIN_CONTRAST, f"{path.name}: the page looks blank (grey levels spread {spread:.1f})"
        assert len(grey.getcolors(256 * 256) or []) > 8, f"{path.name}: hardly any colours: no text drawn"


@pytest.mark.parametrize("lang", ["ru", "en", "fi", "nb"])
def test_screenshots_of_home_and_a_chapter(lang, site_url, browser, screenshots_dir):
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": HEIGHT}, device_scale_factor=1)
        page = context.new_page()
        try:
            for name, path in PAGES.items():
                page.goto(f"{site_url}{lang}/{path}")
                assert page.get_attribute("html", "lang") == lang
                heading = page.locator("article h1").first
                heading.wait_for(state="visible")
                box = heading.bounding_box()
                # On screen in the picture, left to right, near the top (under the header, not scrolled).
                assert box and 0 <= box["x"] and box["x"] + box["width"] <= width + 1, (lang, name, width, box)
                assert 0 <= box["y"] < HEIGHT * 0.8, (lang, name, width, box)
                assert heading.inner_text().strip(), (lang, name)
                target = screenshots_dir / f"{lang}-{name}-{width}.png"
                page.screenshot(path=str(target), full_page=False)
                check_picture(target, width)
        finally:
            context.close()


def test_the_picture_check_fails_on_a_blank_page(tmp_path):
    blank = tmp_path / "blank.png"
    Image.new("RGB", (390, HEIGHT), "white").save(blank)
    with pytest.raises(AssertionError, match="looks blank"):
        check_picture(blank, 390)
