"""Print-ready PDFs of the handbook: a Sphinx builder of our own that renders with WeasyPrint."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from handbook import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from handbook.paths import Layout


def print_html_dir(build_dir: Path, language: str) -> Path:
    """Where the PDF builder writes a language's print HTML files (``_build/pdf-html/<lang>``)."""
    return build_dir / "pdf-html" / language


def print_html_path(language: str, variant: str = "standard", layout: Layout | None = None) -> Path:
    """The final print HTML that WeasyPrint renders into a language's PDF of ``variant``.

    ``variant`` is a variant name (standard, large-print, an edition, handout-<name>); the file
    exists once ``make pdf`` (or ``make``) has built that PDF. The benchmark renders it with
    WeasyPrint alone to compare with our PDF stage; the stylesheets are render.stylesheets_for().
    """
    from handbook.paths import Layout

    layout = layout or Layout()
    return print_html_dir(layout.build, language) / f"{variant}.html"


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
