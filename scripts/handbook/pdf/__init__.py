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

    # Rebuild "" everywhere: PDF settings must never invalidate the doctrees the HTML build made.
    add = app.add_config_value
    add("handbook_pdf_variants", ["standard", "large-print"], "", types=[list])
    # The seminar editions: the folder of their data files (pdf/editions.py), or a dict (older form).
    add("handbook_pdf_editions", {}, "", types=[dict, str])
    app.connect("config-inited", _load_editions)
    add("handbook_pdf_regional_document", "chapters/10-regions", "", types=[str])
    add("handbook_pdf_handouts", {}, "", types=[dict])
    add("handbook_pdf_partners", {}, "", types=[dict])
    add("handbook_pdf_subtitle", "", "", types=[str, dict])
    add("handbook_pdf_year", "", "", types=[str, int])
    add("handbook_pdf_exclude", [], "", types=[list])
    add("handbook_pdf_toc_depth", 3, "", types=[int])
    add("handbook_pdf_timeout", 900, "", types=[int, float])
    add("handbook_pdf_tagged", True, "", types=[bool])
    # Renderers one language runs at once; 0: the cores (`make pdf` shares them among languages).
    add("handbook_pdf_processes", 0, "", types=[int])
    add("handbook_pdf_build", [], "", types=[list])  # set by `make pdf`: which variants to make
    add("handbook_pdf_print", "", "", types=[str])  # "shop": bleed and crop marks
    # Book layout for double-sided printing (mirrored margins, chapters on a right-hand page);
    # False: the one-sided layout (`make pdf DUPLEX=0`).
    add("handbook_pdf_duplex", False, "", types=[bool])
    # The licence the colophon states (a string or {language: string}); empty: no licence line.
    add("handbook_pdf_licence", "", "", types=[str, dict])
    # The print preflight (pdf/preflight/): phrases that work only on a screen (a list, or a dict by
    # language), and the checks whose findings are warnings until their cause is fixed.
    add("handbook_pdf_screen_only", [], "", types=[list, dict])
    add("handbook_pdf_preflight_pending", [], "", types=[list])
    # Placeholders that must not reach a PDF (a list, or a dict by language) [pdf-placeholder].
    add("handbook_pdf_placeholders", [], "", types=[list, dict])
    app.add_builder(PDFBuilder)
    downloads.setup(app)
    edition_contacts.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
