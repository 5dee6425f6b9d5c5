"""Seminar editions: one data file per edition (docs/_data/editions/pskov.toml), read and checked.

conf.py says where the files are (``handbook_pdf_editions = "docs/_data/editions"``); each ``*.toml``
there is an edition named by its file (``make pdf EDITION=pskov``). A file::

    region = "regions-pskov"          # the region section of the regional chapter kept as an annex
    date = "12.03.2020"               # optional: the seminar's date as printed
    [seminar]                         # the cover line, by language
    ru = "Семинар в Пскове"
    [venue]                           # optional: where, by language (or one string)
    ru = "Псков, …"
    [organiser]                       # optional: who organises it, by language (or one string)
    ru = "Центр устойчивого развития Псковской области"
    [[programme]]                     # optional: one table per item
    time = "10:00"
    title = { ru = "Открытие" }
    [[contact]]                       # optional: official bodies only, never private persons
    body = { ru = "Комитет по социальной защите" }
    site = "https://…"
    contact = "…"                     # an office's telephone or address

A detail that is not known is left out of the file, and the edition leaves its part out of print:
no heading without content and no placeholder. conf.py may still give the editions as a dict of
the same keys (the older form).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

_TOML_LINE = re.compile(r"line (\d+)")
_TEXT_KEYS = ("seminar", "venue", "organiser")  # a string or {language: string}
_KNOWN = {"region", "date", "programme", "contact", *_TEXT_KEYS}


class EditionError(ValueError):
    """An edition's data file that cannot be used; the message names the file and line."""


def _text(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, dict)
                                      and all(isinstance(v, str) for v in value.values()))


def _line_of(text: str, key: str) -> int:
    pattern = re.compile(rf"^\s*(\[\[?\s*)?{re.escape(key)}\b")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return 1


def load_file(path: Path, shown: str) -> dict[str, Any]:
    """One edition's data, as the dict the PDF builder reads (keys as in the module's docstring)."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _TOML_LINE.search(str(exc))
        raise EditionError(f"{shown}:{line.group(1) if line else 1}: {exc} — write it as TOML "
                           "(key = \"value\") [edition-data]") from None

    def fail(key: str, what: str) -> EditionError:
        return EditionError(f"{shown}:{_line_of(text, key)}: {what} [edition-data]")

    for key in data:
        if key not in _KNOWN:
            raise fail(key, f"unknown key {key!r} — use {', '.join(sorted(_KNOWN))}")
    if not isinstance(data.get("region"), str) or not data["region"]:
        raise fail("region", "no region — give the label of the edition's region section, "
                   "such as region = \"regions-pskov\"")
    for key in _TEXT_KEYS:
        if key in data and not _text(data[key]):
            raise fail(key, f"{key} must be a string or a table of languages (ru = \"…\")")
    if "date" in data and not isinstance(data["date"], str):
        raise fail("date", "date must be a string as it is printed, such as date = \"12.03.2020\"")
    for item in data.get("programme", []):
        if not isinstance(item, dict) or not _text(item.get("title")) or not item.get("title"):
            raise fail("programme", "a programme item needs a title (and may have a time)")
        if not isinstance(item.get("time", ""), str):
            raise fail("programme", "a programme item's time must be a string, such as \"10:00\"")
    for entry in data.get("contact", []):
        if not isinstance(entry, dict) or not _text(entry.get("body")) or not entry.get("body"):
            raise fail("contact", "a contact needs the body's name (body = { ru = \"…\" })")
        for key in ("site", "contact"):
            if not isinstance(entry.get(key, ""), str):
                raise fail("contact", f"a contact's {key} must be a string")
    data["where"] = f"{shown}:{_line_of(text, 'region')}"  # what a message about its region names
    data["path"] = str(path)  # a page that shows the file depends on it
    return data


def load(setting: Any, root: Path) -> dict[str, dict[str, Any]]:
    """The editions of conf.py's handbook_pdf_editions: a folder of data files (relative to the
    folder of conf.py), or the older dict given in conf.py itself."""
    if isinstance(setting, dict):
        return setting
    if not setting:
        return {}
    folder = root / setting
    if not folder.is_dir():
        raise EditionError(f"conf.py: handbook_pdf_editions: no folder {setting!r} — give the folder "
                           "of the editions' data files, such as \"docs/_data/editions\" [edition-data]")
    return {path.stem: load_file(path, f"{setting.rstrip('/')}/{path.name}")
            for path in sorted(folder.glob("*.toml"))}


def localized_text(value: Any, language: str, source_language: str) -> str:
    """A string, or a {language: string} table read in ``language`` (English, then the source
    language, where the language has none)."""
    if isinstance(value, dict):
        return str(value.get(language) or value.get("en") or value.get(source_language) or "")
    return "" if value is None else str(value)


def print_context(edition: dict[str, Any], language: str, source_language: str) -> dict[str, Any]:
    """What the seminar edition prints: only the details the data file gives."""
    text = lambda value: localized_text(value, language, source_language)  # noqa: E731
    programme = [{"time": item.get("time", ""), "title": text(item["title"])}
                 for item in edition.get("programme", [])]
    contacts = [{"body": text(entry["body"]), "site": entry.get("site", ""),
                 "contact": entry.get("contact", "")} for entry in edition.get("contact", [])]
    return {
        "date": edition.get("date", ""),
        "venue": text(edition.get("venue")),
        "organiser": text(edition.get("organiser")),
        "programme": [item for item in programme if item["title"]],
        "contacts": [entry for entry in contacts if entry["body"]],
    }


def printed_texts(context: dict[str, Any]) -> list[str]:
    """Every text of print_context, for the check that the fonts have their glyphs."""
    texts = [context.get("date", ""), context.get("venue", ""), context.get("organiser", "")]
    texts += [f"{item['time']} {item['title']}" for item in context.get("programme", [])]
    texts += [" ".join(entry.values()) for entry in context.get("contacts", [])]
    return [text for text in texts if text]
