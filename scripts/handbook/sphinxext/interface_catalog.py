"""Pages are written again when the interface catalog (sphinx.po) of their language changes.

Every page shows interface strings ("Next", the notice, the switcher…), but Sphinx rewrites a page
only when its document, its own catalog or a template changed: a corrected translation in
sphinx.po would reach no page already built. The digest of the compiled interface catalog is a
configuration value of the "html" kind, so a change of it makes the HTML builder write every page
again (from the doctrees, without reading any document again), and nothing changes otherwise.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

DOMAIN = "sphinx"  # the interface strings' catalog, as Sphinx names it


def digest(locale_dirs: list[str], srcdir: Path, lang: str) -> str:
    """The digest of the language's compiled interface catalogs ("" when there is none)."""
    catalogs = [srcdir / folder / lang / "LC_MESSAGES" / f"{DOMAIN}.mo" for folder in locale_dirs]
    contents = [mo.read_bytes() for mo in catalogs if mo.is_file()]
    return hashlib.sha256(b"\0".join(contents)).hexdigest() if contents else ""


def _on_config(app: Sphinx, config: Config) -> None:
    lang = config.language or config.handbook_source_language
    config.handbook_interface_catalog = digest(list(config.locale_dirs), Path(app.srcdir), lang)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _on_config)
