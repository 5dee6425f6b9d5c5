"""PNG screenshots of each language's home page and one chapter at phone and desktop widths,
into _build/screenshots/, for people to look at (a review step, not a pixel comparison)."""

from __future__ import annotations

import struct

import pytest

PAGES = {"home": "index.html", "chapter": "chapters/06-costing.html"}
WIDTHS = [390, 1280]


@pytest.mark.parametrize("lang", ["ru", "en", "fi", "nb"])
def test_screenshots_of_home_and_a_chapter(lang, site_url, browser, screenshots_dir):
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
        page = context.new_page()
        try:
            for name, path in PAGES.items():
                page.goto(f"{site_url}{lang}/{path}")
                target = screenshots_dir / f"{lang}-{name}-{width}.png"
                page.screenshot(path=str(target), full_page=False)
                header = target.read_bytes()[:24]
                assert header[:8] == b"\x89PNG\r\n\x1a\n"
                assert struct.unpack(">I", header[16:20])[0] == width
        finally:
            context.close()
