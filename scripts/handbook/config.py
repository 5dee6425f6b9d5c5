"""Every ``handbook_*`` setting of conf.py, declared once: its type, default, one-line help and
what a change makes Sphinx rebuild. Sphinx registers them from here (sphinxext/settings.py) and
the command line builds the same typed object (handbook.settings), so both have the same defaults
and report a misspelt or mistyped setting with the same line."""

from __future__ import annotations

import ast
import copy
import difflib
import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

PREFIX = "handbook_"


@dataclass(frozen=True)
class Wrong:
    """A wrong setting: where it is and what is wrong — how to fix it [check-id]."""

    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: error: {self.text}"


class SettingsError(Exception):
    """conf.py is missing or wrong; the message says how to fix it. ``wrong``: the settings at
    fault, when the message is their ``conf.py:LINE: error: …`` lines (shown as they are)."""

    def __init__(self, message: str, wrong: list[Wrong] | None = None) -> None:
        super().__init__(message)
        self.wrong = wrong or []


def setting(default: object, what: str, rebuild: str = "", *,
            check: Callable[[typing.Any], str] | None = None, internal: bool = False) -> typing.Any:
    """A field of Settings; ``what`` is its help (README, Sphinx). ``rebuild`` is Sphinx's: "env" re-reads the sources, "html" rewrites
    the pages, "" nothing (PDF settings must never invalidate the doctrees the HTML build made).
    ``check`` returns what is wrong with a value of the right type ("" when nothing is);
    ``internal``: the commands set it for each build, conf.py does not."""
    metadata = {"help": what, "rebuild": rebuild, "check": check, "internal": internal}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: copy.deepcopy(default), metadata=metadata)
    return field(default=default, metadata=metadata)


def is_base_url(text: str) -> bool:
    """An absolute http(s) address with a host, no query or fragment (pages are appended to it)."""
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.query \
        and not parts.fragment and not re.search(r"\s", text)


def _base_url(value: str) -> str:
    if not value or is_base_url(value):
        return ""
    return (f"{value!r} is not a web address — write the site's public address, such as "
            "\"https://example.org/handbook\", or leave it empty [base-url]")


def _day(value: str) -> str:
    try:
        if value.strip():
            date.fromisoformat(value.strip())
    except ValueError:
        return f"{value!r} is not a date — write the project's last day as YYYY-MM-DD, or leave it empty [event-date]"
    return ""


@dataclass(frozen=True)
class Settings:
    """The handbook settings (conf.py's ``handbook_<field>``), typed and with their defaults."""

    # -- languages and site
    languages: list[str] = setting(["ru"], "the languages, in the switcher's order", "env")
    source_language: str = setting("", "the language the sources are written in (empty: the first of languages)",
                                   "env")
    titles: dict[str, str] = setting({}, "the handbook's title in each language", "env")
    publish_threshold: dict[str, float] = setting(
        {}, "share of words translated below which a language is built for review only")
    base_url: str = setting("", "the site's public address (empty: relative addresses)", "html", check=_base_url)
    project_end: str = setting("", "the project's last day (YYYY-MM-DD): undated events are over after it",
                               "env", check=_day)
    image_max_bytes: int = setting(10_000_000, "an image file bigger than this fails the build (0: no limit)",
                                   "env")
    image_max_pixels: int = setting(40_000_000, "an image with more pixels fails the build (0: no limit)", "env")
    readable_dirs: list[str] = setting(["docs"], "folders (from conf.py's) whose files the sources may include", "env")
    practice_labels: dict[str, str] = setting({}, "labels of the practice cards' fields, by field", "env")
    sources_file: str = setting("docs/_data/sources.toml", "the list of sources the pages cite (from conf.py's folder)", "env")
    # -- translators' tools (make check)
    glossary: str = setting("locales/glossary.tbx", "the approved terms of every language (TBX)")
    min_source_words: int = setting(0, "the fewest words the source text may have (0: no check)")
    min_source_words_in: list[str] = setting([], "the documents handbook_min_source_words counts (empty: all)")
    promised_translations: dict[str, list[str]] = setting(
        {}, "documents each language promises translated, by name or its beginning")
    # -- PDF
    pdf_variants: list[str] = setting(["standard", "large-print"], "the PDFs `make pdf` builds per language")
    pdf_editions: str | dict[str, dict] = setting({}, "the folder of the seminar editions' data files")
    pdf_regional_document: str = setting("chapters/10-regions", "the chapter whose region sections editions pick")
    pdf_handouts: dict[str, dict] = setting({}, "handouts: standalone PDFs of a few sections")
    pdf_partners: dict[str, list[str]] = setting({}, "the partners on the cover, by language")
    pdf_subtitle: str | dict[str, str] = setting("", "the cover's subtitle (or by language)")
    pdf_year: str | int = setting("", "the year on the cover")
    pdf_exclude: list[str] = setting([], "site pages left out of the printed handbook")
    pdf_toc_depth: int = setting(3, "heading levels in the PDF's table of contents")
    pdf_timeout: int | float = setting(900, "seconds per PDF before the renderer is stopped")
    pdf_tagged: bool = setting(True, "PDF/UA-1: structure tree, /Lang, title")
    pdf_duplex: bool = setting(False, "book layout for double-sided printing (`make pdf DUPLEX=0` overrides)")
    pdf_licence: str | dict[str, str] = setting("", "the licence the colophon states (or by language)")
    pdf_screen_only: list[str] | dict[str, list[str]] = setting(
        [], "phrases that must not reach a PDF (or by language) [pdf-screen-only]")
    pdf_placeholders: list[str] | dict[str, list[str]] = setting(
        [], "placeholders that must not reach a PDF (or by language) [pdf-placeholder]")
    pdf_preflight_pending: list[str] = setting([], "preflight checks whose findings are warnings for now")
    # -- speed
    fast_translations: bool = setting(True, "reuse MyST's parser for translations (False only to compare)")
    patches: bool = setting(True, "install the patches to other packages (False: as HANDBOOK_PATCHES=off)")
    # -- set by the commands for each build
    site_dir: str = setting("", "where the published site is (the PDFs' manifest is in its pdf/)", internal=True)
    locales_dir: str = setting("", "the translators' .po files (the build compiles them elsewhere)", internal=True)
    published_languages: list[str] = setting([], "the languages readers are led to (empty: all)", "html",
                                             internal=True)
    interface_catalog: str = setting("", "digest of the interface strings' catalogs", "html", internal=True)
    review: bool = setting(False, "mark untranslated and outdated text (make review)", "env", internal=True)
    pdf_build: list[str] = setting([], "the PDF variants this build makes", internal=True)
    pdf_print: str = setting("", "\"shop\": bleed and crop marks (PRINT=shop)", internal=True)
    pdf_processes: int = setting(0, "renderers one language runs at once (0: the cores)", internal=True)

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get(self.source_language, "")


DEFAULTS = Settings()
FIELDS = {PREFIX + f.name: f for f in fields(Settings)}
TYPES = {PREFIX + name: kind for name, kind in typing.get_type_hints(Settings).items()}


# -- what a type is called in a message

def _is_union(kind: object) -> bool:
    return typing.get_origin(kind) in (types.UnionType, typing.Union)


def describe(kind: object, plural: bool = False) -> str:
    """``list[str]`` → "a list of strings", as a message says what a setting must be."""
    if _is_union(kind):
        return " or ".join(describe(part, plural) for part in typing.get_args(kind))
    origin, args = typing.get_origin(kind) or kind, typing.get_args(kind)
    if origin is list:
        return ("lists of " if plural else "a list of ") + (describe(args[0], True) if args else "values")
    if origin is dict:
        inner = describe(args[1], True) if args else "values"
        return ("dicts of " if plural else "a dict of ") + f"{inner} by name"
    names = {bool: ("true or false", "true-or-false values"), str: ("a string", "strings"),
             int: ("a whole number", "whole numbers"), float: ("a number", "numbers")}
    single, many = names.get(origin, (f"a {getattr(origin, '__name__', origin)}", "values"))
    return many if plural else single


def conforms(value: object, kind: object) -> bool:
    """Whether ``value`` is of ``kind``, container elements included (a bool is no number)."""
    if _is_union(kind):
        return any(conforms(value, part) for part in typing.get_args(kind))
    origin, args = typing.get_origin(kind) or kind, typing.get_args(kind)
    if origin is bool:
        return isinstance(value, bool)
    if origin in (int, float):
        return isinstance(value, int if origin is int else (int, float)) and not isinstance(value, bool)
    if origin is list:
        return isinstance(value, (list, tuple)) and all(conforms(item, args[0]) for item in value if args)
    if origin is dict:
        return isinstance(value, dict) and all(conforms(k, args[0]) and conforms(v, args[1])
                                               for k, v in value.items() if args)
    return isinstance(value, origin)


def sphinx_types(kind: object) -> list[type]:
    """The plain types Sphinx's own check compares a value with (``str | dict[str, str]`` → str, dict)."""
    parts = typing.get_args(kind) if _is_union(kind) else (kind,)
    return [typing.get_origin(part) or part for part in parts]


# -- checking what conf.py sets

def assignment_lines(conf: Path) -> dict[str, int]:
    """The line of conf.py where each name is first assigned."""
    try:
        tree = ast.parse(conf.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return {}
    lines: dict[str, int] = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        for target in targets:
            if isinstance(target, ast.Name):
                lines.setdefault(target.id, node.lineno)
    return lines


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def problems(given: Mapping[str, object], lines: Mapping[str, int], where: str = "conf.py") -> list[Wrong]:
    """Each misspelt or mistyped ``handbook_*`` setting among ``given`` (name → value)."""
    found = []
    for name, value in given.items():
        if not name.startswith(PREFIX):
            continue
        at = (where, lines.get(name, 1))
        if name not in FIELDS:
            near = difflib.get_close_matches(name, list(FIELDS), n=1)
            fix = f"did you mean {near[0]}?" if near else "the README lists the settings"
            found.append(Wrong(*at, f"unknown setting {name} — {fix} [setting-unknown]"))
        elif not conforms(value, TYPES[name]):
            what = describe(TYPES[name])
            how = "True or False" if TYPES[name] is bool else what
            default = getattr(DEFAULTS, name.removeprefix(PREFIX))
            found.append(Wrong(*at, f"{name} must be {what}, not {_shown(value)} — write {how}, or delete "
                                    f"the line for the default, {default!r} [setting-type]"))
        elif FIELDS[name].metadata["check"] and (wrong := FIELDS[name].metadata["check"](value)):
            found.append(Wrong(*at, f"{name} {wrong}"))
    return found


def from_values(given: Mapping[str, object], conf: Path, where: str = "conf.py") -> Settings:
    """The typed settings from conf.py's names and values; SettingsError (located) if one is wrong."""
    lines = assignment_lines(conf)
    found = problems(given, lines, where)
    if found:
        raise SettingsError("\n".join(map(str, found)), found)
    settings = Settings(**{name.removeprefix(PREFIX): value for name, value in given.items() if name in FIELDS})
    source = settings.source_language or (settings.languages[0] if settings.languages else "")
    if source not in settings.languages:
        wrong = Wrong(where, lines.get(PREFIX + "languages", 1), "handbook_languages must list the source "
                      f"language {source!r} — add it to the list [settings]")
        raise SettingsError(str(wrong), [wrong])
    return replace(settings, source_language=source)
