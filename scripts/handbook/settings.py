"""The handbook settings of conf.py, read without starting Sphinx."""

from __future__ import annotations

import runpy
from dataclasses import dataclass, field

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
    return Settings(languages, source, dict(values.get("handbook_titles") or {}),
                    str(values.get("handbook_base_url") or ""), values)
