"""The handbook's sources: one data file (docs/_data/sources.toml) read and checked, and the
citations ({source}`S14`) found in the Markdown files. Plain functions: the Sphinx extension
(sphinxext/sources.py) and `make check` both use them.

An entry::

    [[source]]
    id = "S14"
    kind = "act"                  # act (a legal act) or literature (anything else)
    title = "Об утверждении методических рекомендаций …"
    issuer = "Правительство Российской Федерации"
    date = "01.12.2014"           # DD.MM.YYYY, MM.YYYY or YYYY; «б. д.» for a page that gives none
    number = "1285"               # optional: an act's number
    short = "Пост. Правительства РФ от 01.12.2014 № 1285"   # optional: how a footnote cites it
    address = "http://publication.pravo.gov.ru/…"            # optional: absolute, never cut off

and, once at the top, ``not_citable = ["example.ru", …]``: domains whose pages are never cited.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from handbook.po.checks import ERROR, WARNING, Problem

DEFAULT_FILE = "docs/_data/sources.toml"
KINDS = ("act", "literature")  # the list prints the acts first, then the literature
NO_DATE = "б. д."  # «без даты»: the bibliographic mark for a publication that gives no date
_DATE = re.compile(r"^(\d{2}\.\d{2}\.\d{4}|\d{2}\.\d{4}|\d{4})$")
_ACT_DATE = re.compile(r"^\d{2}\.\d{2}\.\d{4}$")
# {source}`S14` or {source}`S14, ст. 30, ч. 8` (what follows the comma is printed after the short cite)
CITATION = re.compile(r"\{source\}`\s*([^`,\s]+)\s*(?:,([^`]*))?`")
_BLOCK = re.compile(r"^\s*\[\[\s*source\s*\]\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*=")
_TOML_LINE = re.compile(r"line (\d+)")


@dataclass
class Source:
    id: str
    kind: str
    title: str
    issuer: str
    date: str
    address: str = ""
    short: str = ""
    act_number: str = ""
    line: int = 0  # the line of its [[source]] header
    lines: dict[str, int] = field(default_factory=dict)  # the line of each key
    number: int = 0  # its place in the list of sources (acts first), from 1

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)

    @property
    def cite(self) -> str:
        """What a footnote prints for it: its short form, or its publisher and its number in the list
        (a bare «[12]» after a note's own number reads as one more number)."""
        return self.short or " ".join(part for part in (self.issuer, f"[{self.number}]") if part)


@dataclass
class Sources:
    path: Path
    shown: str  # the path as messages print it (relative to the repository)
    entries: list[Source] = field(default_factory=list)
    not_citable: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.entries}

    def ordered(self) -> list[Source]:
        return sorted(self.entries, key=lambda s: s.number)


def domain(address: str) -> str:
    host = (urlsplit(address).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def is_not_citable(address: str, listed: list[str]) -> str:
    """The listed domain the address belongs to ("" when none): a subdomain counts as its domain."""
    host = domain(address)
    for name in listed:
        name = name.lower().strip().removeprefix("www.")
        if name and (host == name or host.endswith("." + name)):
            return name
    return ""


def _key_lines(text: str) -> tuple[list[dict[str, int]], dict[str, int]]:
    """The line of every key, per [[source]] block, and of the keys before the first block."""
    blocks: list[dict[str, int]] = []
    top: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if _BLOCK.match(line):
            blocks.append({"[[source]]": n})
            continue
        match = _KEY.match(line)
        if match:
            (blocks[-1] if blocks else top).setdefault(match.group(1), n)
    return blocks, top


def _problem(sources: Sources, line: int, message: str, check: str, severity: str = ERROR) -> None:
    sources.problems.append(Problem(sources.shown, line, severity, message, check))


def _text(entry: dict[str, object], key: str) -> str:
    value = entry.get(key, "")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # number = 1285 written without quotes
    return value.strip() if isinstance(value, str) else ""


def _check_entry(sources: Sources, source: Source) -> None:
    def report(key: str, message: str, check: str) -> None:
        _problem(sources, source.line_of(key), f"the source {source.id or '(no id)'}: {message}", check)

    if source.kind not in KINDS:
        report("kind", f"kind is «{source.kind}» — write kind = \"act\" for a legal act or "
               "kind = \"literature\" for anything else", "source-kind")
    if not source.title:
        report("title", "it has no title — add title = \"…\" as the source itself gives it", "source-title")
    if not source.date:
        report("date", f"it has no date — add date = \"DD.MM.YYYY\" (the act's date, or the page's), or "
               f"date = \"{NO_DATE}\" when a page gives none", "source-date")
    elif source.kind == "act" and not _ACT_DATE.match(source.date):
        report("date", f"an act's date is «{source.date}» — write it as DD.MM.YYYY, as the act is dated",
               "source-date")
    elif source.date != NO_DATE and not _DATE.match(source.date):
        report("date", f"the date «{source.date}» is not DD.MM.YYYY, MM.YYYY or YYYY — write it so, or "
               f"\"{NO_DATE}\" when the page gives none", "source-date")
    if source.address:
        if "…" in source.address or "..." in source.address:
            report("address", f"the address {source.address} is cut off — write the whole address, as "
                   "the browser shows it", "source-address")
        else:
            parts = urlsplit(source.address)
            if parts.scheme not in ("http", "https") or not parts.hostname or " " in source.address:
                report("address", f"the address «{source.address}» is not an absolute web address — write "
                       "it in full, starting with https://", "source-address")
            else:
                listed = is_not_citable(source.address, sources.not_citable)
                if listed:
                    report("address", f"the address {source.address} is on {listed}, which not_citable lists "
                           "— cite the act's official publication or a named publisher instead, or remove "
                           "the source", "source-not-citable")


def load(path: Path, shown: str) -> Sources:
    """The data file read and checked: its entries (numbered: acts first) and its problems."""
    sources = Sources(path, shown)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return sources
    except (OSError, UnicodeDecodeError) as exc:
        _problem(sources, 0, f"the file cannot be read ({exc}) — save it as UTF-8 text", "source-file")
        return sources
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        _problem(sources, int(match.group(1)) if match else 1, f"this is not valid TOML ({exc}) — "
                 "compare it with an entry above that works", "source-file")
        return sources
    blocks, top = _key_lines(text)
    listed = data.get("not_citable", [])
    if not isinstance(listed, list) or not all(isinstance(d, str) for d in listed):
        _problem(sources, top.get("not_citable", 1), "not_citable is not a list of domains — write "
                 "not_citable = [\"example.ru\", …]", "source-file")
        listed = []
    sources.not_citable = listed
    entries = data.get("source", [])
    if not isinstance(entries, list):
        _problem(sources, 1, "«source» must be a list of [[source]] entries — start each entry with a "
                 "line [[source]]", "source-file")
        entries = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        lines = blocks[index] if index < len(blocks) else {}
        source = Source(_text(entry, "id"), _text(entry, "kind"), _text(entry, "title"),
                        _text(entry, "issuer"), _text(entry, "date"), _text(entry, "address"),
                        _text(entry, "short"), _text(entry, "number"), lines.get("[[source]]", 1), lines)
        if not source.id:
            _problem(sources, source.line, "a source has no id — add id = \"S…\" (the id footnotes cite)",
                     "source-id")
            continue
        if source.id in seen:
            _problem(sources, source.line_of("id"), f"the id {source.id} is used twice (first on line "
                     f"{seen[source.id]}) — give this source an id of its own", "source-id")
            continue
        seen[source.id] = source.line_of("id")
        _check_entry(sources, source)
        sources.entries.append(source)
    order = {kind: n for n, kind in enumerate(KINDS)}
    ranked = sorted(sources.entries, key=lambda s: order.get(s.kind, len(KINDS)))  # stable: file order
    for number, source in enumerate(ranked, 1):
        source.number = number
    return sources


def citations(docs: Path) -> list[tuple[Path, int, str]]:
    """Every {source}`…` in the Markdown files: (file, line, id)."""
    found = []
    for path in sorted(docs.rglob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the build reports an unreadable page
        for n, line in enumerate(text.splitlines(), 1):
            found += [(path, n, m.group(1)) for m in CITATION.finditer(line)]
    return found


def check(root: Path, docs: Path, relative_file: str = DEFAULT_FILE) -> list[Problem]:
    """The data file's problems, citations of ids it lacks, and its sources no page cites."""
    path = root / relative_file
    sources = load(path, relative_file)
    problems = list(sources.problems)
    known = sources.by_id()
    cited = citations(docs)
    if not path.exists():
        if not cited:
            return problems  # a project without sources
        shown = cited[0][0].relative_to(root).as_posix()
        return [Problem(shown, cited[0][1], ERROR, f"pages cite sources but {relative_file} does not exist — "
                        "create it with a [[source]] entry for each id cited", "source-file")]
    for page, line, ident in cited:
        if ident not in known:
            problems.append(Problem(page.relative_to(root).as_posix(), line, ERROR,
                                    f"the source {ident} is not in {relative_file} — add it there, or correct "
                                    "the id", "source-unknown"))
    used = {ident for _, _, ident in cited}
    problems += [Problem(sources.shown, s.line, WARNING, f"the source {s.id} is cited nowhere — cite it "
                         "with {source}`" + s.id + "` or remove it from the list", "source-unused")
                 for s in sources.entries if s.id not in used]
    return problems
