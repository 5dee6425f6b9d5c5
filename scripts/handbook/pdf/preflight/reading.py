"""The preflight's reading of a PDF: every page's text runs, links and named destinations.

The content streams are tokenised and the fonts decoded here rather than with pypdf's
``ContentStream(...).operations`` or ``page.extract_text(visitor_text=…,
visitor_operand_before=…)``: measured with pypdf 7.1.1 on the four ru PDFs (handbook 130 pages,
large print 249, two handouts; best of three), tokenising takes 1.6 s here and 10.8 s with
``ContentStream`` (7×); ``read()`` takes 7.0 s here and 20.2 s with ``ContentStream`` (2.9×; the
same runs, the same findings); ``preflight()`` takes 10.1–10.8 s here and 20.7 s with it (about 2×,
over the 1.5× we accept). ``extract_text`` with visitors takes 20.2 s for the reading alone and
cannot give what the checks need: it does not move the text matrix by the width of the text shown
(every run's right edge, which the overlap and footnote checks use, would still need the font widths
decoded here), and it hands over text in chunks it has merged across operators, with spaces and
newlines of its own. pypdf still parses the file, the pages, the annotations, the named destinations
and the outline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Run:
    """Text drawn by one text-showing operator: its box in PDF points (y upwards)."""

    page: int  # 1-based
    text: str
    x0: float
    y0: float  # the baseline
    x1: float
    size: float  # the font size as printed, in points
    family: str  # the font's family (/FontDescriptor /FontFamily) or its name without subset tag

    @property
    def top(self) -> float:
        return self.y0 + 0.72 * self.size

    @property
    def bottom(self) -> float:
        return self.y0 - 0.18 * self.size



class _FontInfo:
    """What the preflight needs of a PDF font: code → text, code → width, bytes per code."""

    def __init__(self, font: Any) -> None:
        font = font.get_object()
        self.name = re.sub(r"^[A-Z]{6}\+", "", str(font.get("/BaseFont", "")).lstrip("/"))
        self.two_bytes = font.get("/Subtype") == "/Type0"
        self.widths: dict[int, float] = {}
        self.default_width = 1000.0 if self.two_bytes else 500.0
        descriptor = font.get("/FontDescriptor")
        if self.two_bytes:
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant.get("/FontDescriptor")
            self.default_width = float(descendant.get("/DW", 1000))
            self._read_w(descendant.get("/W") or [])
        else:
            first = int(font.get("/FirstChar", 0))
            for n, width in enumerate(font.get("/Widths") or []):
                self.widths[first + n] = float(width)
        descriptor = descriptor.get_object() if descriptor is not None else {}
        family = descriptor.get("/FontFamily")
        self.family = str(family) if family else re.sub(r"[-,].*$", "", self.name)
        self.to_unicode: dict[int, str] = {}
        if "/ToUnicode" in font:
            self._read_cmap(font["/ToUnicode"].get_object().get_data().decode("latin-1"))

    def _read_w(self, array: Any) -> None:
        items = [a.get_object() if hasattr(a, "get_object") else a for a in array]
        i = 0
        while i + 1 < len(items):
            first = int(items[i])
            if isinstance(items[i + 1], list):
                for n, width in enumerate(items[i + 1]):
                    self.widths[first + n] = float(width)
                i += 2
            else:
                last, width = int(items[i + 1]), float(items[i + 2])
                for code in range(first, min(last, first + 65535) + 1):
                    self.widths[code] = width
                i += 3

    def _read_cmap(self, cmap: str) -> None:
        def text(hexa: str) -> str:
            raw = bytes.fromhex(hexa)
            return raw.decode("utf-16-be", errors="replace")

        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for code, value in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
                self.to_unicode[int(code, 16)] = text(value)
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for first, last, value in re.findall(
                    r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])", block):
                first_code, last_code = int(first, 16), int(last, 16)
                if value.startswith("["):
                    for n, item in enumerate(re.findall(r"<([0-9a-fA-F]*)>", value)):
                        self.to_unicode[first_code + n] = text(item)
                else:
                    start = int(value[1:-1] or "0", 16)
                    width = max(4, len(value) - 2)
                    for n in range(min(last_code - first_code, 65535) + 1):
                        self.to_unicode[first_code + n] = text(f"{start + n:0{width}x}")

    def codes(self, data: bytes) -> list[int]:
        if self.two_bytes:
            return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]
        return list(data)

    def decode(self, codes: Iterable[int]) -> str:
        return "".join(self.to_unicode.get(c, chr(c) if not self.two_bytes else "\ufffd") for c in codes)


def _multiply(m: Sequence[float], n: Sequence[float]) -> list[float]:
    a, b, c, d, e, f = m
    g, h, i, j, k, l_ = n
    return [a * g + b * i, a * h + b * j, c * g + d * i, c * h + d * j,
            e * g + f * i + k, e * h + f * j + l_]


_TOKEN = re.compile(rb"""[\s]*(?:
    (?P<open><<|\[)|(?P<close>>>|\])
    |<(?P<hex>[0-9A-Fa-f\s]*)>
    |\((?P<lit>(?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*)\)
    |/(?P<name>[^\s/\[\]()<>{}%]*)
    |(?P<num>[-+]?(?:\d+\.?\d*|\.\d+))
    |(?P<op>[A-Za-z'"*][A-Za-z0-9*]*)
    |%[^\r\n]*
    )""", re.X | re.S)
_ARRAY = re.compile(rb"((?:\s*(?:<[0-9A-Fa-f]*>|[-+]?(?:\d+\.?\d*|\.\d+)))*)\s*\]")
_ITEMS = re.compile(rb"<([0-9A-Fa-f]*)>|([-+]?(?:\d+\.?\d*|\.\d+))")


def _items(body: bytes) -> list[Any]:
    return [bytes.fromhex(hexa.decode()) if not number else float(number)
            for hexa, number in _ITEMS.findall(body)]


_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _literal(raw: bytes) -> bytes:
    def unescape(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        if code[:1].isdigit():
            return bytes([int(code, 8) & 0xFF])
        return _ESCAPES.get(code, code if code != b"\n" else b"")

    return re.sub(rb"\\([0-7]{1,3}|.)", unescape, raw, flags=re.S)


def operations(data: bytes) -> Iterator[tuple[list[Any], bytes]]:
    """The operators of a content stream with their operands (numbers as float, names as
    ``/Name`` strings, strings as bytes, arrays as lists). pypdf's own parser takes seven times as
    long (see the module's docstring), and the preflight reads every page of every PDF."""
    operands: list[Any] = []
    stack: list[list[Any]] = []
    position, end = 0, len(data)
    while position < end:
        match = _TOKEN.match(data, position)
        if match is None or match.end() == position:
            position += 1  # a byte that starts no token: skipped
            continue
        position = match.end()
        kind = match.lastgroup
        target = stack[-1] if stack else operands
        if kind == "open":
            if match.group("open") == b"[":
                # A TJ array of strings and numbers only (most of a page): read in one go.
                array = _ARRAY.match(data, position)
                if array is not None:
                    position = array.end()
                    target.append(_items(array.group(1)))
                    continue
            stack.append([])
        elif kind == "close":
            if stack:
                done = stack.pop()
                (stack[-1] if stack else operands).append(done)
        elif kind == "hex":
            digits = re.sub(rb"\s", b"", match.group("hex"))
            target.append(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()))
        elif kind == "lit":
            target.append(_literal(match.group("lit")))
        elif kind == "name":
            target.append("/" + match.group("name").decode("latin-1"))
        elif kind == "num":
            target.append(float(match.group("num")))
        elif kind == "op":
            operator = match.group("op")
            if operator == b"BI":  # an inline image: its data is not made of tokens
                found = re.compile(rb"\sEI(?=\s|$)").search(data, position)
                position = found.end() if found else end
                operands = []
                continue
            if operator in (b"true", b"false", b"null"):
                target.append(operator)
                continue
            yield operands, operator
            operands, stack = [], []


def _contents(page: Any) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    return b"\n".join(s.get_object().get_data() for s in streams)


def page_runs(page: Any, number: int, fonts: dict[int, _FontInfo] | None = None) -> list[Run]:
    """Every piece of text the page draws, with its box, font family and printed size.
    ``fonts``: the fonts read so far, shared by the pages of a document."""
    runs: list[Run] = []
    fonts = {} if fonts is None else fonts

    def font_info(resources: Any, name: str) -> _FontInfo | None:
        ref = (resources.get("/Font") or {}).get(name)
        if ref is None:
            return None
        key = getattr(ref, "idnum", None) or id(ref.get_object())
        if key not in fonts:
            fonts[key] = _FontInfo(ref)
        return fonts[key]

    def walk(content: Any, resources: Any, ctm: list[float], depth: int) -> None:
        if content is None or depth > 8:
            return
        stack: list[list[float]] = []
        tm = [1.0, 0, 0, 1.0, 0, 0]
        line = list(tm)
        font: _FontInfo | None = None
        size = 0.0
        leading = char_spacing = word_spacing = 0.0
        scale = 1.0
        for operands, operator in operations(content):
            if operator == b"q":
                stack.append(list(ctm))
            elif operator == b"Q" and stack:
                ctm = stack.pop()
            elif operator == b"cm" and len(operands) == 6:
                ctm = _multiply([float(o) for o in operands], ctm)
            elif operator == b"BT":
                tm, line = [1.0, 0, 0, 1.0, 0, 0], [1.0, 0, 0, 1.0, 0, 0]
            elif operator == b"Tf" and len(operands) == 2:
                font, size = font_info(resources, operands[0]), float(operands[1])
            elif operator == b"Tm" and len(operands) == 6:
                tm = line = [float(o) for o in operands]
            elif operator in (b"Td", b"TD") and len(operands) == 2:
                if operator == b"TD":
                    leading = -float(operands[1])
                line = _multiply([1, 0, 0, 1, float(operands[0]), float(operands[1])], line)
                tm = list(line)
            elif operator == b"T*":
                line = _multiply([1, 0, 0, 1, 0, -leading], line)
                tm = list(line)
            elif operator == b"TL" and operands:
                leading = float(operands[0])
            elif operator == b"Tc" and operands:
                char_spacing = float(operands[0])
            elif operator == b"Tw" and operands:
                word_spacing = float(operands[0])
            elif operator == b"Tz" and operands:
                scale = float(operands[0]) / 100
            elif operator in (b"Tj", b"TJ", b"'", b'"') and font is not None and operands:
                if operator in (b"'", b'"'):
                    line = _multiply([1, 0, 0, 1, 0, -leading], line)
                    tm = list(line)
                items = operands[0] if operator == b"TJ" else operands[-1:]
                text, advance = [], 0.0
                for item in items:
                    if isinstance(item, bytes):
                        codes = font.codes(item)
                        text.append(font.decode(codes))
                        for code in codes:
                            advance += (font.widths.get(code, font.default_width) / 1000 * size
                                        + char_spacing + (word_spacing if code == 32 and not font.two_bytes else 0))
                    else:
                        advance -= float(item) / 1000 * size
                advance *= scale
                matrix = _multiply(tm, ctm)
                x0, y0 = matrix[4], matrix[5]
                end = _multiply([1, 0, 0, 1, advance, 0], matrix)
                printed = size * (matrix[2] ** 2 + matrix[3] ** 2) ** 0.5
                string = "".join(text)
                if string:
                    runs.append(Run(number, string, min(x0, end[4]), y0, max(x0, end[4]), printed,
                                    font.family))
                tm = _multiply([1, 0, 0, 1, advance / scale if scale else advance, 0], tm)
            elif operator == b"Do" and operands:
                xobject = (resources.get("/XObject") or {}).get(operands[0])
                xobject = xobject.get_object() if xobject is not None else None
                if xobject is not None and xobject.get("/Subtype") == "/Form":
                    matrix = [float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    inner = xobject.get("/Resources")
                    walk(xobject.get_data(), inner.get_object() if inner is not None else resources,
                         _multiply(matrix, ctm), depth + 1)

    resources = page.get("/Resources")
    walk(_contents(page), resources.get_object() if resources is not None else {},
         [1.0, 0, 0, 1.0, 0, 0], 0)
    return runs


@dataclass
class Document:
    """What the checks read of one PDF."""

    runs: list[Run]  # every page's, in page order
    links: list[tuple[int, str]]  # (page, target) of every link or action that leaves the PDF
    destinations: list[tuple[str, int, float]]  # (name, page, top) of the named destinations
    outline: list[tuple[str, int, float]]  # (title, page, top) of the bookmarks
    pages: int


def read(path: Path) -> Document:
    from pypdf import PdfReader

    reader = PdfReader(path)
    runs: list[Run] = []
    links: list[tuple[int, str]] = []
    fonts: dict[int, _FontInfo] = {}
    for number, page in enumerate(reader.pages, start=1):
        runs += page_runs(page, number, fonts)
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            links += [(number, target) for target in _targets(annotation)]
    destinations = []
    for name, destination in reader.named_destinations.items():
        try:
            destinations.append((str(name), reader.get_destination_page_number(destination) + 1,
                                 float(destination.get("/Top") or 0)))
        except Exception:  # noqa: BLE001 - a destination without a page: nothing to place
            continue
    outline: list[tuple[str, int, float]] = []

    def walk(items: Any) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                try:
                    outline.append((str(item.title), reader.get_destination_page_number(item) + 1,
                                    float(item.get("/Top") or 0)))
                except Exception:  # noqa: BLE001
                    continue

    walk(reader.outline)
    return Document(runs, links, destinations, outline, len(reader.pages))


def _targets(annotation: Any) -> Iterator[str]:
    """The addresses and files a link or its action leads to (not the PDF's own destinations)."""
    action = annotation.get("/A")
    action = action.get_object() if action is not None else None
    while action is not None:
        kind = action.get("/S")
        if kind == "/URI":
            yield str(action.get("/URI", ""))
        elif kind in ("/Launch", "/GoToR", "/GoToE", "/ImportData", "/SubmitForm"):
            target = action.get("/F") or action.get("/Win") or ""
            target = target.get_object() if hasattr(target, "get_object") else target
            if isinstance(target, dict):
                target = target.get("/UF") or target.get("/F") or ""
            yield f"file:{target}"
        following = action.get("/Next")
        action = following.get_object() if following is not None else None
        if isinstance(action, list):
            action = action[0].get_object() if action else None
