"""The handbook settings of conf.py, read without starting Sphinx."""

from __future__ import annotations

import re
import runpy
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from handbook.paths import Layout


class SettingsError(Exception):
    """conf.py is missing or wrong; the message says how to fix it."""


@dataclass(frozen=True)
class Settings:
    languages: list[str]
    source_language: str
    titles: dict[str, str] = field(default_factory=dict)
    base_url: str = ""
    # Everything conf.py defines, for the commands that read a setting of their own.
    values: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get(self.source_language, "")


def load_settings(layout: Layout) -> Settings:
    if not layout.conf.is_file():
        raise SettingsError(f"{layout.rel(layout.conf)}: error: no conf.py — run the command "
                            "from the repository root or set HANDBOOK_ROOT [settings]")
    values = runpy.run_path(str(layout.conf))
    languages = list(values.get("handbook_languages") or [])
    source = values.get("handbook_source_language") or (languages[0] if languages else "")
    if not languages or source not in languages:
        raise SettingsError(f"conf.py:1: error: handbook_languages must list the source language "
                            f"{source!r} — add it to the list [settings]")
    base_url = str(values.get("handbook_base_url") or "")
    if base_url and not is_base_url(base_url):
        raise SettingsError(f"conf.py:{_line(layout, 'handbook_base_url')}: error: handbook_base_url "
                            f"{base_url!r} is not a web address — write the site's public address, "
                            "such as \"https://example.org/handbook\", or leave it empty [base-url]")
    return Settings(languages, source, dict(values.get("handbook_titles") or {}), base_url, values)


def is_base_url(text: str) -> bool:
    """An absolute http(s) address with a host, no query or fragment (pages are appended to it)."""
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.query \
        and not parts.fragment and not re.search(r"\s", text)


def with_base_url(settings: Settings, base_url: str) -> Settings:
    """``settings`` with the public address given on the command line (``make html BASE_URL=…``),
    which wins over conf.py's; empty keeps conf.py's."""
    base_url = base_url.strip()
    if not base_url:
        return settings
    if not is_base_url(base_url):
        raise SettingsError(f"BASE_URL={base_url!r} is not a web address — give the site's public "
                            "address, such as BASE_URL=https://example.org/handbook [base-url]")
    return replace(settings, base_url=base_url)


def _line(layout: Layout, name: str) -> int:
    """The line of conf.py that sets ``name`` (1 if it cannot be found)."""
    for number, line in enumerate(layout.conf.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(name):
            return number
    return 1
