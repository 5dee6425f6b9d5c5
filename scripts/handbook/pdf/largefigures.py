"""Large-print versions of the handbook's SVG figures, and their use in the large-print PDF.

A figure is drawn 720 units wide and printed across the text block: in large print about
0.68 pt a unit, so its 13–16-unit labels came out at 9–11 pt. Scaling the picture cannot help
(the page is not wider), so the large-print version is the same picture laid out again: every
label at least ``MIN_UNITS`` (14 pt and more at print size), wrapped where it no longer fits its
box, and everything below moved down by what the text above gained. Same shapes, same words.

``python -m handbook.pdf.largefigures FILE.svg …`` writes ``FILE.large.svg`` beside each; the
large-print PDF then uses it in place of ``FILE.svg`` (:func:`use_large_figures`).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from docutils import nodes

SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG)
SUFFIX = ".large"
# 14 pt at the narrowest large-print text block we allow for (160 mm = 453.5 pt; duplex pages
# have 165 mm): 720 units printed 453.5 pt wide make 0.63 pt a unit, and 14 / 0.63 = 22.2.
MIN_UNITS = 22.5
GROWTH = 1.2  # titles stay larger than labels
# Of the font size: a line's box and the line spacing. Tight, so that the tallest figure (the
# funding routes) still fits a large-print page with its caption.
ASCENT, DESCENT, LEADING = 0.86, 0.3, 1.16
PADDING = 12.0  # between a label and its box's right edge
SWATCH = 30.0  # a rectangle this small (a legend's colour) keeps its shape


def large_name(path: Path) -> Path:
    return path.with_name(f"{path.stem}{SUFFIX}{path.suffix}")


@cache
def _font(bold: bool):  # noqa: ANN202 - fontTools' TTFont
    from fontTools.ttLib import TTFont

    from handbook.pdf.fonts import FONTS_DIR
    return TTFont(FONTS_DIR / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"), lazy=True)


def text_width(text: str, size: float, bold: bool) -> float:
    """The width of ``text`` in the bundled sans-serif (what the PDF prints SVG labels in)."""
    font = _font(bold)
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    units = font["head"].unitsPerEm
    total = 0.0
    for char in text:
        glyph = cmap.get(ord(char))
        total += metrics[glyph][0] if glyph else 0.6 * units  # → and ◦ come from Handbook Symbols
    return total * size / units


def wrap(text: str, size: float, bold: bool, width: float) -> list[str]:
    """The text in lines of at most ``width``, broken where the print may break it («30 %» and
    «150 000 руб.» stay whole: typography.tie)."""
    from handbook.pdf.typography import tie

    lines: list[str] = []
    for word in tie(text).split(" "):
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


@dataclass
class Label:
    element: ET.Element
    x: float
    y: float
    size: float
    new_size: float
    bold: bool
    anchor: str
    lines: list[str]

    @property
    def top(self) -> float:
        return self.y - ASCENT * self.size

    @property
    def bottom(self) -> float:
        return self.y + DESCENT * self.size

    @property
    def new_height(self) -> float:
        return (ASCENT + DESCENT + LEADING * (len(self.lines) - 1)) * self.new_size


class Remap:
    """Old y → new y: each band of labels grows to the height of its new lines, and what lies below
    a band moves down by what it and the bands above it gained."""

    def __init__(self, bands: list[tuple[float, float, float]]) -> None:
        self.bands = sorted(bands)  # (old top, old bottom, new height)

    def __call__(self, y: float) -> float:
        shift = 0.0
        for top, bottom, height in self.bands:
            if y <= top:
                break
            if y < bottom:  # inside the band: in proportion
                return top + shift + (y - top) * height / (bottom - top)
            shift += height - (bottom - top)
        return y + shift


def _number(element: ET.Element, name: str, default: float = 0.0) -> float:
    return float(element.get(name, default))


def _boxes(root: ET.Element) -> list[tuple[float, float, float, float]]:
    return [(_number(r, "x"), _number(r, "y"), _number(r, "x") + _number(r, "width"),
             _number(r, "y") + _number(r, "height"))
            for r in root.iter(f"{{{SVG}}}rect") if r.get("x") is not None]


def _room(label: Label, boxes: list[tuple[float, float, float, float]], row: list[Label], width: float) -> float:
    """How wide the label may be: to its box's right edge, or to a right-aligned label beside it."""
    inside = [b for b in boxes if b[0] <= label.x <= b[2] and b[1] <= label.y <= b[3] and b[2] - b[0] > 60]
    left, right = (min(inside, key=lambda b: b[2] - b[0])[::2] if inside else (0.0, width))
    if label.anchor == "middle":
        return 2 * min(label.x - left, right - label.x) - 2 * PADDING
    if label.anchor == "end":
        return float("inf")
    limit = right - PADDING if inside else width - 20
    for other in row:
        if other is not label and other.anchor == "end" and other.x > label.x:
            limit = min(limit, other.x - text_width(other.lines[0], other.new_size, other.bold) - 12)
    return limit - label.x


def enlarge(svg: str) -> str:
    """The large-print version of a figure's SVG text."""
    root = ET.fromstring(svg)
    width = float(root.get("viewBox", "0 0 720 0").split()[2])
    old_height = float(root.get("viewBox").split()[3])
    labels = []
    for element in root.iter(f"{{{SVG}}}text"):
        size = _number(element, "font-size", 16)
        labels.append(Label(element, _number(element, "x"), _number(element, "y"), size,
                            max(MIN_UNITS, size * GROWTH), element.get("font-weight") == "bold",
                            element.get("text-anchor", "start"), [element.text or ""]))
    rows: dict[float, list[Label]] = {}
    for label in labels:
        rows.setdefault(label.y, []).append(label)
    boxes = _boxes(root)
    for row in rows.values():
        for label in sorted(row, key=lambda lb: lb.anchor != "end"):  # the amounts first
            label.lines = wrap(label.element.text or "", label.new_size, label.bold,
                               _room(label, boxes, row, width))
    bands = []
    last_bottom = float("-inf")
    for y in sorted(rows):
        row = rows[y]
        top, bottom = min(lb.top for lb in row), max(lb.bottom for lb in row)
        top = max(top, last_bottom)  # lines set close together: one after the other
        bands.append((top, bottom, max(lb.new_height for lb in row)))
        last_bottom = bottom
    remap = Remap(bands)
    for r in root.iter(f"{{{SVG}}}rect"):
        if r.get("y") is None:  # the background
            r.set("height", _fmt(remap(old_height)))
            continue
        top, bottom = _number(r, "y"), _number(r, "y") + _number(r, "height")
        if max(_number(r, "width"), bottom - top) <= SWATCH:  # beside its label's first line
            side = (bottom - top) * 1.25  # still clear of the label beside it
            r.set("y", _fmt(remap(top)))
            r.set("width", _fmt(side))
            r.set("height", _fmt(side))
            continue
        r.set("y", _fmt(remap(top)))
        r.set("height", _fmt(remap(bottom) - remap(top)))
    for line in root.iter(f"{{{SVG}}}line"):
        for name in ("y1", "y2"):
            line.set(name, _fmt(remap(_number(line, name))))
    parent_of = {child: parent for parent in root.iter() for child in parent}
    for label, (top, _bottom, _height) in zip(labels, _label_bands(labels, bands), strict=True):
        element = label.element
        first = remap(top) + ASCENT * label.new_size
        element.set("font-size", _fmt(label.new_size))
        element.set("y", _fmt(first))
        element.text = label.lines[0]
        parent = parent_of[element]
        index = list(parent).index(element)
        for n, text in enumerate(label.lines[1:], start=1):
            extra = ET.Element(element.tag, dict(element.attrib))
            extra.set("y", _fmt(first + n * LEADING * label.new_size))
            extra.text = text
            extra.tail = "\n"
            parent.insert(index + n, extra)
    new_height = remap(old_height)
    root.set("viewBox", f"0 0 {_fmt(width)} {_fmt(new_height)}")
    root.set("height", _fmt(new_height))
    return ET.tostring(root, encoding="unicode") + "\n"


def _label_bands(labels: list[Label], bands: list[tuple[float, float, float]]) -> Iterable[tuple[float, float, float]]:
    """The band each label was set in (its row's)."""
    for label in labels:
        yield next(b for b in bands if b[0] <= label.y <= b[1] + 0.01)


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def use_large_figures(parts: Iterable[object]) -> int:
    """In the large-print PDF's parts, each figure that has a large-print version is shown in it;
    returns how many were replaced."""
    count = 0
    for part in parts:
        for image in part.tree.findall(nodes.image):  # type: ignore[attr-defined]
            uri = image.get("uri", "")
            if not uri.startswith("file:") or not uri.endswith(".svg"):
                continue
            path = Path(url2pathname(urlparse(uri).path))
            if large_name(path).is_file():
                image["uri"] = large_name(path).as_uri()
                count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    for path in paths:
        if path.stem.endswith(SUFFIX):
            continue
        large_name(path).write_text(enlarge(path.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"Write: {large_name(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
