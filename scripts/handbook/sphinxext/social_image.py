"""The social preview image of a language's pages (``og:image``): 1200×630 px with the handbook's
title in that language, drawn at build time with the bundled fonts (those of the PDFs)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from handbook import atomic

SIZE = (1200, 630)  # what Open Graph and Twitter's large card show without cropping
FILE = "_static/handbook-social.png"
FONTS = Path(__file__).resolve().parent.parent / "pdf" / "fonts"
BACKGROUND = (21, 59, 92)
TEXT = (255, 255, 255)
ACCENT = (242, 176, 53)
MARGIN = 80


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def render(title: str, subtitle: str = "") -> bytes:
    """The PNG: the title as large as fits in five lines, the subtitle (the site's address or
    the language's name) below a rule."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    for size in range(72, 30, -4):  # the largest size at which the title fits
        font = ImageFont.truetype(str(FONTS / "NotoSans-Bold.ttf"), size)
        lines = _wrap(draw, title, font, width)
        if len(lines) * size * 1.25 <= SIZE[1] - 2 * MARGIN - 80:
            break
    y = MARGIN
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=TEXT)
        y += int(size * 1.25)
    draw.rectangle((MARGIN, SIZE[1] - MARGIN - 56, MARGIN + 120, SIZE[1] - MARGIN - 50), fill=ACCENT)
    if subtitle:
        small = ImageFont.truetype(str(FONTS / "NotoSans-Regular.ttf"), 30)
        draw.text((MARGIN, SIZE[1] - MARGIN - 34), subtitle, font=small, fill=TEXT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def write(outdir: Path, title: str, subtitle: str = "") -> bool:
    """Write the image into a language's site if its content changed; return whether it was."""
    target = Path(outdir) / FILE
    data = render(title, subtitle)
    if target.is_file() and target.read_bytes() == data:
        return False
    atomic.write_bytes(target, data)
    return True
