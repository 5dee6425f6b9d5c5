"""What a command was asked for: the settings it runs with and the languages named, or a
UsageError that says what is wrong (cli.py turns it into exit code 2). Shared by every command
module, so that none needs another's."""

from __future__ import annotations

import re

from handbook.paths import Layout
from handbook.settings import Settings, SettingsError, load_settings, with_base_url


class UsageError(Exception):
    """The user asked for something that cannot be done as asked."""


class ConfError(UsageError):
    """A wrong setting in conf.py: the message is already ``conf.py:LINE: error: …`` lines."""


def settings_for(layout: Layout, base_url: str = "") -> Settings:
    try:
        return with_base_url(load_settings(layout), base_url)
    except SettingsError as exc:
        raise (ConfError if exc.wrong else UsageError)(str(exc)) from None


def parse_languages(text: str, settings: Settings) -> list[str]:
    """``"ru en"`` or ``"ru,en"`` → ``["ru", "en"]``; empty means every language."""
    asked = [code for code in re.split(r"[\s,]+", text.strip()) if code]
    if not asked:
        return list(settings.languages)
    unknown = [code for code in asked if code not in settings.languages]
    if unknown:
        known = ", ".join(settings.languages)
        raise UsageError(f"unknown language {', '.join(unknown)} — choose from {known} "
                         f"(LANGS=\"{' '.join(settings.languages[:2])}\"), or add one with "
                         "`make add-language LANG=…`")
    return list(dict.fromkeys(asked))


def translation_languages(langs: str, settings: Settings) -> list[str]:
    """The languages asked for that have translations (every one but the source language)."""
    targets = [code for code in parse_languages(langs, settings) if code != settings.source_language]
    if not targets:
        others = " ".join(code for code in settings.languages if code != settings.source_language)
        raise UsageError(f"{settings.source_language} is the source language and has no translations — "
                         f"choose from: {others or 'none yet (make add-language LANG=…)'}")
    return targets
