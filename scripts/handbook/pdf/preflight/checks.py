"""The preflight's six checks, each a plain function of a read PDF, and ``preflight()`` running them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from handbook import check_ids
from handbook.pdf.preflight.locating import Locator, _short
from handbook.pdf.preflight.reading import Document, Run, read

CHECKS = ("pdf-overlap", "pdf-font", "pdf-file-link", "pdf-footnote", "pdf-screen-only", "pdf-small-text",
          "pdf-placeholder")
LARGE_PRINT_MIN_PT = 14.0
# More of one kind in one PDF are summed up in one line: the first ones show where to look.
MAX_PER_CHECK = 12


@dataclass
class Finding:
    check: str
    page: int | None  # 1-based, None: the whole PDF
    message: str  # what is wrong — how to fix
    source: str = ""  # "docs/…md" or "docs/…md, section «…»"

    def __post_init__(self) -> None:
        check_ids.check(self.check)  # registered, with its fix text

    def line(self, pdf: str, severity: str = "error") -> str:
        where = f"{pdf}: page {self.page}" if self.page else pdf
        what, dash, fix = check_ids.with_fix(self.check, self.message).partition(" — ")
        if self.source:
            what = f"{what} ({self.source})"
        return f"{where}: {severity}: {what}{dash}{fix} [{self.check}]"


@dataclass
class Options:
    large_print: bool = False
    bundled_families: frozenset[str] = frozenset()
    screen_only: Sequence[str] = ()
    placeholders: Sequence[str] = ()  # «заполняют партнёры», «TBD»: a detail not known is left out
    build_paths: Sequence[str] = ()  # folders of the build machine that no link may name
    sources: Mapping[str, str] = field(default_factory=dict)  # part anchor → "docs/….md"


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


# A call, or a call set after another one with a comma («¹⁴⁰, ¹⁴¹»: print.css).
_CALL = re.compile(r"^(?:, ?)?([1-9]\d{0,3})$")
_MARKER = re.compile(r"^(\d{1,4})\.(\s|$)")


def footnote_numbers(document: Document) -> tuple[dict[int, int], dict[int, int]]:
    """The footnote calls (raised small numbers) and notes (``N.`` at a line's start at the foot of
    the page, in text smaller than the body's), each number with its page."""
    body = _body_size(document.runs)
    calls: dict[int, int] = {}
    notes: dict[int, int] = {}
    candidates: list[tuple[int, Run]] = []
    by_page: dict[int, list[Run]] = {}
    for run in document.runs:
        if run.text.strip():
            by_page.setdefault(run.page, []).append(run)
    for line in _lines(document.runs):
        raised = False  # calls set side by side («204205206») are raised together
        previous: Run | None = None
        for run in line:
            call = _CALL.match(run.text.strip())
            if not call:
                raised, previous = False, run
                continue
            touching = previous is not None and _CALL.match(previous.text.strip()) \
                and abs(previous.x1 - run.x0) < 1 and abs(previous.size - run.size) < 0.1
            # «325, 326»: a number with a comma before it, right after another, is only ever a
            # call set after a call (print.css), even on a line of its own with no text to be
            # raised above (large print sets calls at the size of a table's text).
            chained = touching and run.text.strip().startswith(",")
            raised = (raised and touching) or chained or _raised(run, by_page[run.page]) \
                or _small_inside(run, by_page[run.page], body)
            if raised:
                if chained:
                    calls.setdefault(int(_CALL.match(previous.text.strip()).group(1)), previous.page)
                calls.setdefault(int(call.group(1)), run.page)
            previous = run
        first = next((r for r in line if r.text.strip()), None)
        if first is None:
            continue
        match = _MARKER.match(first.text.strip())
        if match and first.size < body * 0.95 and not any(
                r.y0 < first.y0 - 0.5 and r.size >= body * 0.95 for r in by_page[first.page]):
            candidates.append((int(match.group(1)), first))
    # Notes start where the footnote area starts, one place on left-hand pages and one on right-hand
    # ones (mirrored margins); a table cell in a page's last row («2020.» at the start of a line)
    # starts inside its column.
    edges = {side: Counter(round(run.x0) for _, run in candidates if run.page % 2 == side).most_common(1)
             for side in (0, 1)}
    for number, run in candidates:
        edge = edges[run.page % 2]
        if edge and abs(run.x0 - edge[0][0]) <= 2:
            notes.setdefault(number, run.page)
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


def _placeholder_pattern(phrase: str) -> re.Pattern[str]:
    """A whole-word match; «TBD» in capitals only (as a word in small letters it can be a word)."""
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", 0 if phrase.isupper() else re.IGNORECASE)


def check_placeholders(document: Document, locate: Locator, phrases: Sequence[str]) -> list[Finding]:
    findings = []
    by_page: dict[int, list[Run]] = {}
    for run in document.runs:
        by_page.setdefault(run.page, []).append(run)
    wanted = [(p, _placeholder_pattern(p)) for p in phrases if p.strip()]
    for page, runs in sorted(by_page.items()):
        text = page_text(runs)
        for phrase, pattern in wanted:
            if pattern.search(text):
                findings.append(Finding(
                    "pdf-placeholder", page,
                    f"the placeholder «{phrase}» is printed — give the detail, or leave the part out "
                    "where it is not known (an edition's data file, docs/_data/editions/; the list: "
                    "handbook_pdf_placeholders in conf.py)", locate(page)))
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
        *check_placeholders(document, locate, options.placeholders),
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
