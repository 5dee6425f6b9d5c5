"""Print-ready PDFs of the handbook: a Sphinx builder of our own that renders with WeasyPrint."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from handbook import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _load_editions(app: Sphinx, config: Any) -> None:
    """The editions' data files read once, so that every reader of the setting gets the editions."""
    from sphinx.errors import ConfigError

    from handbook.pdf import editions
    try:
        config.handbook_pdf_editions = editions.load(config.handbook_pdf_editions, Path(app.confdir))
    except editions.EditionError as exc:
        raise ConfigError(str(exc)) from None


def setup(app: Sphinx) -> dict[str, Any]:
    from handbook.pdf import downloads, edition_contacts
    from handbook.pdf.builder import PDFBuilder

    app.setup_extension("handbook.sphinxext.settings")  # the handbook_pdf_* settings (handbook.config)
    app.connect("config-inited", _load_editions)
    app.add_builder(PDFBuilder)
    downloads.setup(app)
    edition_contacts.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
