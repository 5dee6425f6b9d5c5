"""The handbook settings of conf.py, read without starting Sphinx: the same typed object, defaults
and checks as the build's (handbook.config)."""

from __future__ import annotations

import runpy
from dataclasses import replace

from handbook.config import PREFIX, Settings, SettingsError, from_values, is_base_url
from handbook.paths import Layout

__all__ = ["Settings", "SettingsError", "load_settings", "with_base_url"]


def load_settings(layout: Layout) -> Settings:
    if not layout.conf.is_file():
        raise SettingsError(f"{layout.rel(layout.conf)}: error: no conf.py — run the command "
                            "from the repository root or set HANDBOOK_ROOT [settings]")
    values = runpy.run_path(str(layout.conf))
    given = {name: value for name, value in values.items() if name.startswith(PREFIX)}
    return from_values(given, layout.conf, layout.rel(layout.conf))


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
