"""The print preflight: what a print shop would send back, found in the PDF as written.

Each PDF the builder writes is read back with pypdf: the text runs of every page (where each is
drawn, in which font and size), its link annotations, and the named destinations that say which
source file a page comes from. The checks are plain functions of those, so that tests can plant a
fault in a small document and see it caught. Check ids: pdf-overlap, pdf-font, pdf-file-link,
pdf-footnote, pdf-screen-only, pdf-small-text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHECKS = ("pdf-overlap", "pdf-font", "pdf-file-link", "pdf-footnote", "pdf-screen-only", "pdf-small-text")
LARGE_PRINT_MIN_PT = 14.0
# More of one kind in one PDF are summed up in one line: the first ones show where to look.
MAX_PER_CHECK = 12


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


@dataclass
class Finding:
    check: str
    page: int | None  # 1-based, None: the whole PDF
    message: str  # what is wrong — how to fix
    source: str = ""  # "docs/…md" or "docs/…md, section «…»"

    def line(self, pdf: str, severity: str = "error") -> str:
        where = f"{pdf}: page {self.page}" if self.page else pdf
        what, dash, fix = self.message.partition(" — ")
        if self.source:
            what = f"{what} ({self.source})"
        return f"{where}: {severity}: {what}{dash}{fix} [{self.check}]"


@dataclass
class Options:
    large_print: bool = False
    bundled_families: frozenset[str] = frozenset()
    screen_only: Sequence[str] = ()
    build_paths: Sequence[str] = ()  # folders of the build machine that no link may name
    sources: Mapping[str, str] = field(default_factory=dict)  # part anchor → "docs/….md"


# -- reading ---------------------------------------------------------------------------------------


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
    ``/Name`` strings, strings as bytes, arrays as lists). pypdf's own parser takes about ten
    times as long, and the preflight reads every page of every PDF."""
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


# -- where a page comes from -----------------------------------------------------------------------


class Locator:
    """The source file (and section) of a place in the PDF, from its named destinations."""

    def __init__(self, document: Document, sources: Mapping[str, str]) -> None:
        self.parts = sorted((page, -top, sources[name]) for name, page, top in document.destinations
                            if name in sources)
        self.headings = sorted((page, -top, title) for title, page, top in document.outline)

    def __call__(self, page: int, y: float | None = None) -> str:
        key = (page, -(y if y is not None else -1e9))
        source = ""
        for part in self.parts:
            if part[:2] <= key:
                source = part[2]
        if not source:
            return ""
        heading = ""
        for entry in self.headings:
            if entry[:2] <= key:
                heading = entry[2]
        return f"{source}, section «{_short(heading)}»" if heading else source


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# -- the checks ------------------------------------------------------------------------------------


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped by baseline, each group left to right."""
    grouped: dict[tuple[int, int], list[Run]] = {}
    for run in runs:
        grouped.setdefault((run.page, round(run.y0)), []).append(run)
    return [sorted(group, key=lambda r: r.x0) for _, group in sorted(
        grouped.items(), key=lambda item: (item[0][0], -item[0][1]))]


def check_overlap(document: Document, locate: Locator, tolerance: float = 1.0) -> list[Finding]:
    """Text drawn over other text: two runs whose boxes intersect by more than ``tolerance`` pt
    across and more than a third of the smaller one's height."""
    findings = []
    by_page: dict[int, list[Run]] = {}
    for run in document.runs:
        if run.text.strip():
            by_page.setdefault(run.page, []).append(run)
    for page, runs in sorted(by_page.items()):
        runs.sort(key=lambda r: r.bottom)
        reported: set[tuple[str, str]] = set()
        for i, a in enumerate(runs):
            for j in range(i + 1, len(runs)):
                b = runs[j]
                if b.bottom >= a.top:
                    break
                across = min(a.x1, b.x1) - max(a.x0, b.x0)
                down = min(a.top, b.top) - max(a.bottom, b.bottom)
                if across <= tolerance or down <= min(a.top - a.bottom, b.top - b.bottom) / 3:
                    continue
                if _trailing_space_only(a, b) or _trailing_space_only(b, a):
                    continue
                over, under = (b, a) if b.x0 >= a.x0 else (a, b)
                key = (over.text.strip(), under.text.strip())
                if key in reported:
                    continue
                reported.add(key)
                findings.append(Finding(
                    "pdf-overlap", page,
                    f"text «{_short(over.text.strip(), 40)}» is drawn over «{_short(under.text.strip(), 40)}» — "
                    "make the column or box wider, let the text wrap, or set it smaller",
                    locate(page, over.y0)))
    return findings


def _trailing_space_only(a: Run, b: Run) -> bool:
    """``a`` reaches into ``b`` only with its trailing spaces (justified lines end in one)."""
    stripped = len(a.text.rstrip())
    if stripped == len(a.text) or not a.text:
        return False
    end = a.x0 + (a.x1 - a.x0) * stripped / len(a.text)
    return end <= b.x0 + 1.0


def check_fonts(document: Document, locate: Locator, bundled: frozenset[str]) -> list[Finding]:
    """Glyphs from a font that is not bundled (a system font the renderer fell back on)."""
    findings = []
    seen: set[tuple[str, str]] = set()
    for run in document.runs:
        if run.family in bundled or not run.text.strip():
            continue
        for char in dict.fromkeys(run.text.strip()):
            if char.isspace() or (run.family, char) in seen:
                continue
            seen.add((run.family, char))
            findings.append(Finding(
                "pdf-font", run.page,
                f"«{char}» (U+{ord(char):04X}) is printed in {run.family}, a font of this machine, "
                "not one bundled in scripts/handbook/pdf/fonts/ — bundle a font that has it "
                "(see handbook.pdf.fonts) or use another character", locate(run.page, run.y0)))
    return findings


def check_links(document: Document, locate: Locator, build_paths: Sequence[str]) -> list[Finding]:
    """Links and actions that lead to a file: a path of the machine that built the PDF."""
    findings = []
    for page, target in document.links:
        lowered = target.strip().lower()
        if lowered.startswith("file:") or any(p and p in target for p in build_paths) \
                or (target.startswith("/") and not target.startswith("//")):
            findings.append(Finding(
                "pdf-file-link", page,
                f"a link leads to {_short(target, 80)}, a file of the machine that built the PDF — "
                "link to the site's address instead, or leave the link out of print", locate(page)))
    return findings


_CALL = re.compile(r"^[1-9]\d{0,3}$")
_MARKER = re.compile(r"^(\d{1,4})\.(\s|$)")


def footnote_numbers(document: Document) -> tuple[dict[int, int], dict[int, int]]:
    """The footnote calls (raised small numbers) and notes (``N.`` at a line's start at the foot of
    the page, in text smaller than the body's), each number with its page."""
    body = _body_size(document.runs)
    calls: dict[int, int] = {}
    notes: dict[int, int] = {}
    by_page: dict[int, list[Run]] = {}
    for run in document.runs:
        if run.text.strip():
            by_page.setdefault(run.page, []).append(run)
    for line in _lines(document.runs):
        raised = False  # calls set side by side («204205206») are raised together
        previous: Run | None = None
        for run in line:
            text = run.text.strip()
            if not _CALL.match(text):
                raised, previous = False, run
                continue
            touching = previous is not None and _CALL.match(previous.text.strip()) \
                and abs(previous.x1 - run.x0) < 1 and abs(previous.size - run.size) < 0.1
            raised = (raised and touching) or _raised(run, by_page[run.page]) \
                or _small_inside(run, by_page[run.page], body)
            if raised:
                calls.setdefault(int(text), run.page)
            previous = run
        first = next((r for r in line if r.text.strip()), None)
        if first is None:
            continue
        match = _MARKER.match(first.text.strip())
        if match and first.size < body * 0.95 and not any(
                r.y0 < first.y0 - 0.5 and r.size >= body * 0.95 for r in by_page[first.page]):
            notes.setdefault(int(match.group(1)), first.page)
    return calls, notes


def _body_size(runs: list[Run]) -> float:
    sizes = Counter()
    for run in runs:
        sizes[round(run.size, 1)] += len(run.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _raised(run: Run, runs: list[Run]) -> bool:
    """A run set no larger than, and well above the baseline of, text right beside it."""
    for other in runs:
        if other is run:
            continue
        beside = abs(other.x1 - run.x0) < 2.5 or abs(run.x1 - other.x0) < 2.5
        # Large print sets calls at the size of a table's text (14 pt): the raise tells them apart.
        if beside and other.size >= run.size - 0.01 and 0.2 * other.size < run.y0 - other.y0 < 0.7 * other.size:
            return True
    return False


def _small_inside(run: Run, runs: list[Run], body: float) -> bool:
    """Digits at most three quarters of the body's size, neither the page's top nor its bottom
    line (a running head, a page number): a call that a line break left without text beside it."""
    return run.size <= 0.75 * body and min(r.y0 for r in runs) < run.y0 - 0.5 \
        and max(r.y0 for r in runs) > run.y0 + 0.5


def check_footnotes(document: Document, locate: Locator) -> list[Finding]:
    calls, notes = footnote_numbers(document)
    findings = []
    for number in sorted(set(calls) - set(notes)):
        page = calls[number]
        findings.append(Finding(
            "pdf-footnote", page,
            f"the footnote call {number} has no note anywhere in the PDF — put the footnote in "
            "running text (not in a table cell, heading or box that cannot hold notes)", locate(page)))
    for number in sorted(set(notes) - set(calls)):
        page = notes[number]
        findings.append(Finding(
            "pdf-footnote", page,
            f"the footnote {number} has no call in the text — check the footnote's reference "
            "in the source", locate(page)))
    return findings


def page_text(runs: list[Run]) -> str:
    """A page's text as a reader sees it: lines joined, words hyphenated at a line's end joined."""
    lines = [" ".join(r.text for r in line) for line in _lines(runs)]
    text = "\n".join(lines)
    text = re.sub(r"[\u00ad\u2010-]\n(?=\w)", "", text)
    return re.sub(r"\s+", " ", text)


def check_screen_only(document: Document, locate: Locator, phrases: Sequence[str]) -> list[Finding]:
    findings = []
    by_page: dict[int, list[Run]] = {}
    for run in document.runs:
        by_page.setdefault(run.page, []).append(run)
    wanted = [(p, " ".join(p.split()).casefold()) for p in phrases if p.strip()]
    for page, runs in sorted(by_page.items()):
        text = page_text(runs).casefold()
        for phrase, folded in wanted:
            if folded in text:
                findings.append(Finding(
                    "pdf-screen-only", page,
                    f"«{phrase}» works only on a screen and is printed — leave it out of print with "
                    "```{only} not print``` or give its print form (handbook_pdf_screen_only in conf.py "
                    "lists these phrases)", locate(page)))
    return findings


def check_small_text(document: Document, locate: Locator, minimum: float = LARGE_PRINT_MIN_PT) -> list[Finding]:
    findings = []
    kinds: dict[tuple[float, str], None] = {}
    pages_seen: set[int] = set()
    for run in document.runs:
        if not run.text.strip() or run.size >= minimum - 0.05 or run.page in pages_seen:
            continue
        pages_seen.add(run.page)
        kinds[(round(run.size, 1), run.family)] = None
        findings.append(Finding(
            "pdf-small-text", run.page,
            f"text «{_short(run.text.strip(), 40)}» is {run.size:.1f} pt, under the {minimum:g} pt "
            "of large print — set it at 14 pt or more in large-print.css", locate(run.page, run.y0)))
    return findings


def preflight(path: Path, options: Options) -> list[Finding]:
    """Every fault of the PDF at ``path``, check by check, the first ones of each in page order."""
    document = read(path)
    locate = Locator(document, options.sources)
    found = [
        *check_overlap(document, locate),
        *check_fonts(document, locate, options.bundled_families),
        *check_links(document, locate, options.build_paths),
        *check_footnotes(document, locate),
        *check_screen_only(document, locate, options.screen_only),
        *(check_small_text(document, locate) if options.large_print else []),
    ]
    return limit(found)


def limit(findings: list[Finding], most: int = MAX_PER_CHECK) -> list[Finding]:
    """At most ``most`` findings of each check, then one line saying how many more there are."""
    kept: list[Finding] = []
    counts = Counter(f.check for f in findings)
    shown: Counter[str] = Counter()
    for finding in findings:
        shown[finding.check] += 1
        if shown[finding.check] <= most:
            kept.append(finding)
        elif shown[finding.check] == most + 1:
            more = counts[finding.check] - most
            kept.append(Finding(finding.check, None, f"and {more} more like these — fix the ones above "
                                "and run the build again"))
    return kept
