"""The downloads page: a ``{pdf-downloads}`` directive that lists every PDF of the manifest, each
under its human name in the page's language, with how much of its text is in its own language."""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable, Sequence
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import MsgOrigin
from sphinx.environment import BuildEnvironment
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective

from handbook.languages import native_name
from handbook.pdf import manifest
from handbook.po import stats as po_stats

WORDS = {
    "ru": {"caption": "Файлы PDF", "none": "PDF-файлы ещё не собраны. Их собирает команда make pdf.", "pages": "стр.",
           "page": "стр.", "language": "Язык", "size": "Размер", "variant": "Издание"},
    "en": {"caption": "PDF files", "none": "No PDF has been built yet. The command make pdf builds them.", "pages": "pages",
           "page": "page", "language": "Language", "size": "Size", "variant": "Edition"},
    "fi": {"caption": "PDF-tiedostot", "none": "PDF-tiedostoja ei ole vielä tehty. Komento make pdf tekee ne.", "pages": "sivua",
           "page": "sivu", "language": "Kieli", "size": "Koko", "variant": "Painos"},
    "nb": {"caption": "PDF-filer", "none": "Ingen PDF er laget ennå. Kommandoen make pdf lager dem.", "pages": "sider",
           "page": "side", "language": "Språk", "size": "Størrelse", "variant": "Utgave"},
}
UNITS = {"ru": ("КБ", "МБ"), "fi": ("kt", "Mt")}
# "37 % in Finnish, the rest in Russian", in the page's language: one sentence per language of a
# book, since "in Finnish" is inflected differently in each language (the msgids are in
# handbook-ui-strings.html, so that `make gettext` keeps them in sphinx.po).
SHARE_OF_SOURCE_RU = {
    "en": lambda: _("%(percent)s in English, the rest in Russian"),
    "fi": lambda: _("%(percent)s in Finnish, the rest in Russian"),
    "nb": lambda: _("%(percent)s in Norwegian, the rest in Russian"),
}


def _share_sentence(book_language: str, source: str) -> str:
    if source == "ru" and book_language in SHARE_OF_SOURCE_RU:
        return str(SHARE_OF_SOURCE_RU[book_language]())
    return str(_("%(percent)s translated, the rest in the original language"))


class pdf_downloads(nodes.General, nodes.Element):
    """Placeholder, replaced by the table when the page is written."""


class PDFDownloads(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        docs = getattr(self.env, "handbook_pdf_download_docs", set())
        docs.add(self.env.docname)
        self.env.handbook_pdf_download_docs = docs
        node = pdf_downloads()
        self.set_source_info(node)
        return [node]


def _manifest_file(app: Sphinx) -> Path:
    # The PDFs are in <site>/pdf/; the HTML is written to a work directory and then published to
    # <site>/<lang>/, so the site is named by the build (a plain sphinx-build writes to <site>/<lang>/).
    site = Path(app.config.handbook_site_dir) if app.config.handbook_site_dir else Path(app.outdir).parent
    return site / "pdf" / manifest.NAME


def _digest(path: Path, locales: Path) -> str:
    """What the page shows depends on: the manifest and, for the shares of text, the catalogs."""
    if not path.is_file():
        return ""
    digest = hashlib.sha256(path.read_bytes())
    for po in sorted(locales.glob("*/LC_MESSAGES/**/*.po")):
        stat = po.stat()
        digest.update(f"{po}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
              removed: set[str]) -> list[str]:
    """Re-read the downloads page when the manifest or a catalog changed since it was last read."""
    # The languages published too: a threshold changed in conf.py changes the PDFs listed.
    digest = _digest(_manifest_file(app), _locales(app)) + ",".join(app.config.handbook_published_languages)
    if getattr(env, "handbook_pdf_manifest_digest", None) == digest:
        return []
    env.handbook_pdf_manifest_digest = digest
    return sorted(getattr(env, "handbook_pdf_download_docs", set()) & set(env.found_docs))


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "handbook_pdf_download_docs", set()).discard(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    mine = getattr(env, "handbook_pdf_download_docs", set())
    env.handbook_pdf_download_docs = mine | getattr(other, "handbook_pdf_download_docs", set())


def human_size(size: int, language: str) -> str:
    kb, mb = UNITS.get(language, ("KB", "MB"))
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} {mb}".replace(".", "," if language in ("ru", "fi", "nb") else ".")
    return f"{max(1, round(size / 1024))} {kb}"


def variant_name(variant: str, language: str, editions: dict, handouts: dict) -> str:
    """A variant's human name in ``language`` (the page's; the interface catalog translates it)."""
    if variant == "standard":
        return str(_("Complete edition"))
    if variant == "large-print":
        return str(_("Large print"))
    if variant in editions:
        seminar = editions[variant].get("seminar", {})
        if isinstance(seminar, dict) and seminar.get(language):
            return f"{_('Seminar edition')}: {seminar[language]}"
        return str(_("Seminar edition"))
    handout = handouts.get(variant.removeprefix("handout-"), {})
    if variant.startswith("handout-") and handout.get("name"):
        return str(_(handout["name"]))  # conf.py's English name, translated in sphinx.po
    return str(_("Handout")) if variant.startswith("handout-") else variant


def language_cell(book_language: str, share: float | None, page_language: str, source: str) -> str:
    """«Suomi — 37 % suomeksi, muu venäjäksi»: the book's language, and how much of its text is in
    it when some is still in the source language."""
    from handbook.sphinxext.progress import percent

    name = native_name(book_language)
    if share is None or share >= 1 or book_language == source:
        return name
    return f"{name} — " + _share_sentence(book_language, source) % {"percent": percent(share, page_language)}


def _table(entries: list[manifest.Entry], language: str, docname: str, names: dict[str, str] | None = None,
           languages: dict[str, str] | None = None) -> nodes.Node:
    """The table of PDFs; ``names``: variant → human name, ``languages``: entry file → language cell."""
    words = WORDS.get(language, WORDS["en"])
    names, languages = names or {}, languages or {}
    table = nodes.table(classes=["pdf-downloads"], ids=["pdf-files"])
    table += nodes.title(text=words["caption"])
    group = nodes.tgroup(cols=3)
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in range(3))
    head = nodes.thead()
    row = nodes.row()
    for label in (words["variant"], words["language"], words["size"]):
        row += nodes.entry("", nodes.paragraph(text=label))
    head += row
    group += head
    body = nodes.tbody()
    depth = docname.count("/") + 1  # from _build/site/<lang>/<docname>.html up to _build/site/
    for entry in entries:
        href = posixpath.join(*([".."] * depth), entry.file)
        name = names.get(entry.variant, entry.variant)
        if entry.print:
            name += f" ({_('for a print shop')})"
        language_name = native_name(entry.language)
        # Each link's own name says the language too: a list of links read out of the table
        # ("Large print, Suomi, PDF") must tell the rows apart.
        link = nodes.reference("", "", nodes.Text(name), refuri=href, internal=False)
        link += nodes.inline("", f", {language_name}, PDF", classes=["visually-hidden"])
        row = nodes.row()
        row += nodes.entry("", nodes.paragraph("", "", link))
        cell = nodes.paragraph(text=languages.get(entry.file, language_name))
        row += nodes.entry("", cell)
        pages = words["page"] if entry.pages == 1 else words["pages"]
        size = f"PDF, {human_size(entry.bytes, language)}, {entry.pages} {pages}"
        row += nodes.entry("", nodes.paragraph(text=size))
        body += row
    group += body
    # The theme's box that scrolls a wide table sideways on a phone (the theme adds it to the other
    # tables before this one is made).
    return nodes.container("", table, classes=["table-wrapper"])


def _locales(app: Sphinx) -> Path:
    from handbook.sphinxext.progress import _locale_dir

    return _locale_dir(app)


def text_share(app: Sphinx, book_language: str, documents: Iterable[str]) -> float | None:
    """The share of the source's words translated into ``book_language`` over ``documents``: the
    project's one measure (po.stats, as the page notice and the status page count)."""
    source = app.config.handbook_source_language
    if book_language == source:
        return None
    total = po_stats.DocumentStats("book")
    for doc in documents:
        progress = po_stats.document_progress(_locales(app), book_language, doc, source)
        if progress is None:
            # No catalog: nothing of it is translated; its source words are counted from the
            # document as this build reads it (all in the source language without a catalog).
            progress = po_stats.DocumentStats(doc)
            progress.words.untranslated = po_stats.words(app.env.get_doctree(doc).astext(), source)
        total.words.add(progress.words)
    return po_stats.translated_share(total)


def _book_documents(app: Sphinx) -> list[str]:
    from handbook.pdf.builder import document_order

    return document_order(app.env, app.config.root_doc, set(app.config.handbook_pdf_exclude))


def _documents_of(app: Sphinx, variant: str, book: list[str]) -> list[str]:
    handout = app.config.handbook_pdf_handouts.get(variant.removeprefix("handout-"))
    # A handout is a few sections of one document: that document's share stands for it.
    if variant.startswith("handout-") and handout:
        return [handout["document"]] if handout.get("document") in app.env.all_docs else []
    return book


def listed_entries(app: Sphinx, site: Path) -> list[manifest.Entry]:
    """The PDFs the page lists: those in place (one filter per concern: add one here, e.g. by language)."""
    config = app.config
    in_place = [e for e in manifest.read(site) if (site / e.file).is_file()]
    return of_published_languages(in_place, config.handbook_published_languages,
                                  config.language or config.handbook_source_language)


def of_published_languages(entries: list[manifest.Entry], published: Sequence[str],
                           page_language: str) -> list[manifest.Entry]:
    """Without the PDFs of a language built for review only (handbook.publication; ``published``
    empty: every language is), except on that language's own page."""
    return [e for e in entries if not published or e.language in published or e.language == page_language]


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(pdf_downloads))
    if not placeholders:
        return
    language = app.config.language or app.config.handbook_source_language
    source = app.config.handbook_source_language
    site = _manifest_file(app).parent.parent
    entries = listed_entries(app, site)
    # The reader's language first, then the others; in each, the books before the handouts.
    entries.sort(key=lambda e: (e.language != language, e.language, e.variant.startswith("handout-"),
                                e.variant != "standard", e.variant, e.print))
    config = app.config
    names = {e.variant: variant_name(e.variant, language, config.handbook_pdf_editions,
                                     config.handbook_pdf_handouts) for e in entries}
    book = _book_documents(app) if entries else []
    shares: dict[tuple[str, tuple[str, ...]], float | None] = {}
    cells = {}
    for e in entries:
        documents = tuple(_documents_of(app, e.variant, book))
        key = (e.language, documents)
        if key not in shares:
            shares[key] = text_share(app, e.language, documents) if documents else None
        cells[e.file] = language_cell(e.language, shares[key], language, source)
    for node in placeholders:
        if entries:
            node.replace_self(_table(entries, language, docname, names, cells))
        else:
            words = WORDS.get(language, WORDS["en"])
            node.replace_self(nodes.paragraph(text=words["none"]))


def _handout_names_to_catalog(app: Sphinx) -> None:
    """`make gettext`: the handouts' names of conf.py go into sphinx.pot with the interface strings,
    so that `make update-po` keeps their translations in each sphinx.po."""
    catalogs = getattr(app.builder, "catalogs", None)
    if app.builder.name != "gettext" or catalogs is None:
        return
    conf = str(Path(app.confdir) / "conf.py")
    for handout in app.config.handbook_pdf_handouts.values():
        if handout.get("name"):
            catalogs["sphinx"].add(handout["name"], MsgOrigin(source=conf, line=1))


def setup(app: Sphinx) -> None:
    app.add_node(pdf_downloads)
    app.add_directive("pdf-downloads", PDFDownloads)
    app.connect("builder-inited", _handout_names_to_catalog)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("doctree-resolved", _resolve)
