"""The handbook settings of conf.py, read without starting Sphinx: the same typed object, defaults
and checks as the build's (handbook.config)."""

from __future__ import annotations

import runpy
import traceback
from dataclasses import dataclass, fields, replace
from pathlib import Path

from handbook.config import PREFIX, Settings, SettingsError, Wrong, from_values, is_base_url
from handbook.paths import Layout

__all__ = ["ConfSettings", "Settings", "SettingsError", "load_settings", "with_base_url"]


@dataclass(frozen=True)
class ConfSettings(Settings):
    """The handbook settings, plus Sphinx's own ``suppress_warnings``: the check ids it silences
    are silenced by ``make check`` and the catalog check too (handbook.check_ids)."""

    suppress_warnings: tuple[str, ...] = ()


def load_settings(layout: Layout) -> Settings:
    if not layout.conf.is_file():
        raise SettingsError(f"{layout.rel(layout.conf)}: error: no conf.py — run the command "
                            "from the repository root or set HANDBOOK_ROOT [settings]")
    try:
        values = runpy.run_path(str(layout.conf))
    except Exception as exc:  # noqa: BLE001 - whatever stops conf.py is a line of the user's to fix
        wrong = Wrong(layout.rel(layout.conf), _failing_line(exc, layout.conf),
                      f"conf.py does not run ({type(exc).__name__}: {exc}) — fix this line [settings]")
        raise SettingsError(str(wrong), [wrong]) from None
    given = {name: value for name, value in values.items() if name.startswith(PREFIX)}
    settings = from_values(given, layout.conf, layout.rel(layout.conf))
    suppress = values.get("suppress_warnings") or ()
    return ConfSettings(**{f.name: getattr(settings, f.name) for f in fields(Settings)},
                        suppress_warnings=tuple(str(name) for name in suppress)
                        if isinstance(suppress, (list, tuple)) else ())


def _failing_line(exc: Exception, conf: Path) -> int:
    """The line of conf.py where ``exc`` arose (its last frame in conf.py)."""
    if isinstance(exc, SyntaxError) and exc.lineno:
        return exc.lineno
    lines = [frame.lineno for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == str(conf)]
    return (lines or [1])[-1] or 1


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
