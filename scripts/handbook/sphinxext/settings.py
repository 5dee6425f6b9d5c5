"""The handbook settings in Sphinx: every field of handbook.config.Settings registered as a config
value, and conf.py checked against them before a build does any work."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging

from handbook import __version__
from handbook import config as declared

logger = logging.getLogger(__name__)


def _check(app: Sphinx, config: Config) -> None:
    """A misspelt or mistyped setting stops the build with the command line's lines; an empty
    source language becomes the first language, as on the command line."""
    # Config keeps conf.py's own names in _raw_config: the only place a misspelt name is seen.
    given = {name: value for name, value in getattr(config, "_raw_config", {}).items()
             if name.startswith(declared.PREFIX)}
    given.update((name, getattr(config, name)) for name in declared.FIELDS)
    try:
        settings = declared.from_values(given, Path(app.confdir) / "conf.py")
    except declared.SettingsError as exc:
        # Logged at their line, as Sphinx reports a file's problems (the command line shows the
        # same lines); the error then stops the build before it reads anything.
        for wrong in exc.wrong:
            logger.error(wrong.text, location=f"{wrong.path}:{wrong.line}")
        raise ConfigError(f"{len(exc.wrong)} wrong handbook setting{'s' * (len(exc.wrong) != 1)} in conf.py "
                          "(listed above) — the README lists the settings") from None
    config.handbook_source_language = settings.source_language


def register(app: Sphinx) -> None:
    for name, field in declared.FIELDS.items():
        app.add_config_value(name, copy.deepcopy(getattr(declared.DEFAULTS, field.name)), field.metadata["rebuild"],
                             types=declared.sphinx_types(declared.TYPES[name]),
                             description=field.metadata["help"])
    app.connect("config-inited", _check, priority=100)  # before every reader of a setting


def setup(app: Sphinx) -> dict[str, Any]:
    """Set up by handbook.sphinxext and handbook.pdf, whichever comes first (Sphinx sets an
    extension up once)."""
    register(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
