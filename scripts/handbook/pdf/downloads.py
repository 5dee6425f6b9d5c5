"""The downloads page: a ``{pdf-downloads}`` directive that lists every PDF of the manifest."""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from handbook.pdf import manifest

LANGUAGE_NAMES = {"ru": "Русский", "en": "English", "fi": "Suomi", "nb": "Norsk bokmål"}
WORDS = {
    "ru": {"none": "PDF-файлы ещё не собраны. Их собирает команда make pdf.", "pages": "стр.",
           "page": "стр.", "file": "Файл", "language": "Язык", "size": "Размер", "variant": "Вариант"},
    "en": {"none": "No PDF has been built yet. The command make pdf builds them.", "pages": "pages",
           "page": "page", "file": "File", "language": "Language", "size": "Size", "variant": "Variant"},
    "fi": {"none": "PDF-tiedostoja ei ole vielä tehty. Komento make pdf tekee ne.", "pages": "sivua",
           "page": "sivu", "file": "Tiedosto", "language": "Kieli", "size": "Koko", "variant": "Versio"},
    "nb": {"none": "Ingen PDF er laget ennå. Kommandoen make pdf lager dem.", "pages": "sider",
           "page": "side", "file": "Fil", "language": "Språk", "size": "Størrelse", "variant": "Variant"},
}
UNITS = {"ru": ("КБ", "МБ"), "fi": ("kt", "Mt")}


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


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def _outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
              removed: set[str]) -> list[str]:
    """Re-read the downloads page when the manifest changed since it was last read."""
    digest = _digest(_manifest_file(app))
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


def _table(entries: list[manifest.Entry], language: str, docname: str) -> nodes.Node:
    words = WORDS.get(language, WORDS["en"])
    table = nodes.table(classes=["pdf-downloads"])
    group = nodes.tgroup(cols=4)
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in range(4))
    head = nodes.thead()
    row = nodes.row()
    for label in (words["file"], words["language"], words["variant"], words["size"]):
        row += nodes.entry("", nodes.paragraph(text=label))
    head += row
    group += head
    body = nodes.tbody()
    depth = docname.count("/") + 1  # from _build/site/<lang>/<docname>.html up to _build/site/
    for entry in entries:
        href = posixpath.join(*([".."] * depth), entry.file)
        link = nodes.reference("", entry.title or entry.file, refuri=href, internal=False)
        row = nodes.row()
        row += nodes.entry("", nodes.paragraph("", "", link))
        row += nodes.entry("", nodes.paragraph(text=LANGUAGE_NAMES.get(entry.language, entry.language)))
        variant = entry.variant + (f" ({entry.print})" if entry.print else "")
        row += nodes.entry("", nodes.paragraph(text=variant))
        pages = words["page"] if entry.pages == 1 else words["pages"]
        size = f"{human_size(entry.bytes, language)}, {entry.pages} {pages}"
        row += nodes.entry("", nodes.paragraph(text=size))
        body += row
    group += body
    return table


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(pdf_downloads))
    if not placeholders:
        return
    language = app.config.language or "ru"
    site = _manifest_file(app).parent.parent
    entries = [e for e in manifest.read(site) if (site / e.file).is_file()]
    # The reader's language first, then the others.
    entries.sort(key=lambda e: (e.language != language, e.language, e.variant != "standard", e.variant))
    for node in placeholders:
        if entries:
            node.replace_self(_table(entries, language, docname))
        else:
            words = WORDS.get(language, WORDS["en"])
            node.replace_self(nodes.paragraph(text=words["none"]))


def setup(app: Sphinx) -> None:
    app.add_node(pdf_downloads)
    app.add_directive("pdf-downloads", PDFDownloads)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("doctree-resolved", _resolve)
