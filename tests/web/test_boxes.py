"""Boxes (warnings, learning goals, tips…) are set at the size of the text around them."""

from __future__ import annotations

import pytest

CHAPTER = "ru/chapters/02-law-442.html"

SIZES = """() => {
  const size = e => parseFloat(getComputedStyle(e).fontSize);
  const body = document.querySelector("article section > p");
  return {
    body: size(body),
    boxes: [...document.querySelectorAll("article .admonition")].map(box => ({
      kind: box.className,
      title: size(box.querySelector(".admonition-title")),
      text: Math.min(...[...box.querySelectorAll("p:not(.admonition-title), li")].map(size)),
    })),
  };
}"""


@pytest.mark.parametrize("width", [320, 1280])
def test_boxes_are_at_body_text_size(width, site_url, page):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + CHAPTER, wait_until="load")
    sizes = page.evaluate(SIZES)
    assert sizes["body"] >= 16, sizes
    assert len(sizes["boxes"]) >= 2, sizes
    for box in sizes["boxes"]:
        assert box["text"] == sizes["body"] and box["title"] == sizes["body"], (box, sizes["body"])
