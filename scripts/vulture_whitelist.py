"""Names that vulture (`make test-fast`) reports unused but that another package uses: Sphinx and
docutils call these hooks and read these attributes, WeasyPrint, Babel and the standard library read
what is set on their objects, and templates read fields. vulture reads this file with the package
(pyproject.toml's [tool.vulture]), so each name mentioned here counts as used. It is never run.

Add a name here only when the package it is for is named beside it; a name nobody uses is deleted.
The arguments a hook must accept but does not read (``templatename``…) are in ignore_names there.
"""

from docutils.parsers.rst import Directive
from sphinx.config import Config

from handbook.bench.scale import Scaled
from handbook.markup_policy import _Checker
from handbook.patches import weasyprint as weasyprint_patches
from handbook.pdf.builder import PDFBuilder
from handbook.sphinxext import docutils_nb
from handbook.sphinxext.practices import PracticeDomain
from handbook.sphinxext.search_stems import HandbookEnglish, HandbookFinnish
from handbook.sphinxext.site_meta import LastUpdated

# What is set on other packages' objects: vulture matches attributes by name, whatever their owner.
other = object()

# Sphinx: the builder interface of the PDF builder, and what its writer reads from a builder.
PDFBuilder.copysource
PDFBuilder.allow_parallel
PDFBuilder.supported_image_types
PDFBuilder.get_theme_config
PDFBuilder.get_outdated_docs
PDFBuilder.copy_assets
PDFBuilder.write_documents
PDFBuilder.finish
PDFBuilder.current_docname
PDFBuilder.secnumbers
PDFBuilder.fignumbers
PDFBuilder.imgpath
PDFBuilder.dlpath
# Sphinx: a domain's data and hooks; the search languages' JavaScript.
PracticeDomain.initial_data
PracticeDomain.clear_doc
PracticeDomain.merge_domaindata
PracticeDomain.resolve_any_xref
HandbookFinnish.js_stemmer_rawcode
HandbookFinnish.js_stemmer_code
HandbookEnglish.js_splitter_code
# Sphinx: settings the extensions set for Sphinx and its builders to read.
Config.html_permalinks
Config.html_search_language
Config.translation_progress_classes
Config.gettext_allow_fuzzy_translations
Config.handbook_interface_catalog  # compared by Sphinx between builds: a changed sphinx.mo re-reads
# docutils: a directive's declaration, a language module's tables, a document setting.
Directive.has_content
Directive.option_spec
docutils_nb.bibliographic_fields
docutils_nb.author_separators
other.record_dependencies  # docutils: document.settings.record_dependencies (sphinxext/confine.py)
# html.parser: the handlers HTMLParser calls.
_Checker.handle_startendtag
_Checker.handle_data
_Checker.handle_decl
_Checker.handle_pi
_Checker.unknown_decl
# Patches (handbook/patches): methods replaced in Sphinx and MyST, caches kept on their objects.
weasyprint_patches.FootnoteList.reverse
other.make_document  # myst_parser's make_document, replaced
other.update_title_mapping  # sphinx.transforms.i18n._NodeUpdater's, replaced
other._handbook_references
other._handbook_page_pseudo_types
other._handbook_lookups_by_anchor
other._handbook_fixed_boxes
other._handbook_note_layouts
other._handbook_measuring_notes
# Babel, lxml, Pillow, tempfile: attributes they read.
other.creation_date  # babel Catalog.creation_date, written into the .mo
other.tail  # lxml: the text after an element
other.MAX_IMAGE_PIXELS  # PIL.Image
other.tempdir  # tempfile.tempdir
# Templates and tests: fields read in Jinja (handbook-footer.html) and by the benchmark's tests.
LastUpdated.iso
Scaled.original_bytes

# Sphinx: each field of the settings is read as app.config.handbook_<field> (handbook.config.Settings
# registers them with that prefix), so vulture never sees the bare field name used.
from handbook.config import Settings  # noqa: E402

Settings.image_max_bytes
Settings.image_max_pixels
Settings.readable_dirs
Settings.practice_labels
Settings.pdf_regional_document
Settings.pdf_partners
Settings.pdf_subtitle
Settings.pdf_year
Settings.pdf_exclude
Settings.pdf_toc_depth
Settings.pdf_timeout
Settings.pdf_tagged
Settings.pdf_duplex
Settings.pdf_licence
Settings.pdf_screen_only
Settings.pdf_placeholders
Settings.pdf_preflight_pending
Settings.fast_translations
Settings.site_dir
Settings.locales_dir
Settings.pdf_build
Settings.pdf_print
Settings.pdf_processes

# The vocabulary of Check.applies, which tests/test_check_ids.py holds every check to.
from handbook.check_ids import APPLIES  # noqa: E402

APPLIES

# polib: the encoding a POFile is compiled and written in (handbook.compile_catalogs sets it).
other.encoding

# tests/test_hygiene.py: the canonical text of a catalog, which every file in locales/ must already be.
from handbook.po_format import normalised  # noqa: E402

normalised
