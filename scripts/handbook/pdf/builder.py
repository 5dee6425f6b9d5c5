"""The PDF builder: one print HTML document per variant from the language's doctrees, then WeasyPrint."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import time
from collections.abc import Set
from dataclasses import asdict
from pathlib import Path
from typing import Any

from docutils import nodes
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.errors import SphinxError
from sphinx.util import logging

from handbook import check_ids
from handbook.pdf import (assemble, colophon, columns, fonts, hyphenation, manifest, preflight, printforms,
                          render, typography)
from handbook.pdf import editions, largefigures
from handbook.pdf.assemble import Part, Problem
from handbook.pdf.labels import labels, localized
from handbook.pdf.print_html import print_html_dir
from handbook.pdf.variants import Variant, VariantError, resolve, standard_names
from handbook.sphinxext import passage_lang, progress

logger = logging.getLogger(__name__)
TEMPLATES = Path(__file__).parent / "templates"


def document_order(env: Any, root: str, exclude: Set[str]) -> list[str]:
    """The root document, then every document in the order of the toctrees (depth first)."""
    order: list[str] = []

    def visit(docname: str) -> None:
        if docname in order or docname in exclude or docname not in env.all_docs:
            return
        order.append(docname)
        for child in env.toctree_includes.get(docname, ()):
            visit(child)

    visit(root)
    return order


def node_location(node: nodes.Node | None) -> str | None:
    """``path:line`` of a node; an inline node (an image in a paragraph) takes its block's line."""
    source = line = None
    while node is not None and not (source and line):
        source = source or node.source
        line = line or node.line
        node = node.parent
    return f"{source}:{line}" if source and line else source


def source_date(srcdir: str | os.PathLike[str] = ".") -> str:
    """The PDF's date as a W3C date: SOURCE_DATE_EPOCH, else the last commit, else today.

    Today is taken without the time, so that two builds on one day give the same PDF.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        try:
            epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=srcdir, capture_output=True,
                                   text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            epoch = ""
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT00:00:00Z")


class PDFBuilder(StandaloneHTMLBuilder):
    """Print-ready PDFs made with WeasyPrint from the same doctrees as the HTML build."""

    name = "handbookpdf"
    format = "html"  # the body is written by Sphinx's HTML translator
    handbook_print = True  # extensions render their print form (e.g. the catalogue as a table)
    epilog = "The PDF files are in %(outdir)s."
    search = False
    copysource = False
    allow_parallel = False
    supported_image_types = ["image/svg+xml", "image/png", "image/gif", "image/jpeg"]

    def get_theme_config(self) -> tuple[str, dict[str, str | int | bool]]:
        # The print templates are ours; loading the screen theme (Furo) would only add its hooks.
        return "basic", {}

    def init(self) -> None:
        super().init()
        self.config.html_permalinks = False  # no "¶" in headings or running headers
        # ```{only} not print``` keeps screen-only passages (filters, JavaScript) out of the PDFs; the
        # tag "html" is set here too (this builder writes its body with the HTML translator).
        self.tags.add("print")
        self.jinja = Environment(loader=FileSystemLoader(TEMPLATES),
                                 autoescape=select_autoescape(["html"]))
        self.html_files: list[tuple[Variant, Path, Path, str]] = []
        self.problem_count = 0
        # Each document resolved and prepared once, copied for every variant that prints it.
        self.prepared: dict[str, tuple[nodes.document, list[Problem]]] = {}
        # Read by handbook.build into _build/state/last-handbookpdf.json (the benchmark uses it).
        self.handbook_stage_seconds: dict[str, float] = {}
        self.handbook_record: dict[str, Any] = {}
        # The PDFs made, beside their print HTML, with their manifest entries: handbook.build puts
        # them in place (manifest.place) only if the whole build succeeded.
        self.handbook_staged: list[tuple[str, dict[str, Any]]] = []
        # The print preflight's findings of checks listed in handbook_pdf_preflight_pending: shown
        # as warnings that do not fail the build (handbook.build adds them to its messages).
        self.handbook_notices: list[str] = []
        self.preflight_sources: dict[str, dict[str, str]] = {}  # variant → part anchor → source file
        self.site_addresses = 0  # downloads and site pages printed as their address (printforms)

    @property
    def language(self) -> str:
        return self.config.language or self.config.handbook_source_language

    @property
    def workdir(self) -> Path:
        return print_html_dir(Path(self.doctreedir).parent.parent, self.language)

    def get_outdated_docs(self) -> str:  # type: ignore[override]
        return "all documents"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return assemble.MARK + docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def copy_assets(self) -> None:
        pass  # the PDF reads fonts and images from where they are

    def variants(self) -> list[Variant]:
        config = self.config
        names = list(config.handbook_pdf_build) or standard_names(config.handbook_pdf_variants,
                                                                  config.handbook_pdf_handouts)
        try:
            return resolve(names, config.handbook_pdf_editions, config.handbook_pdf_handouts)
        except VariantError as exc:
            raise SphinxError(str(exc)) from None

    # -- writing -------------------------------------------------------------------------------

    def write_documents(self, docnames: Set[str]) -> None:
        started = time.perf_counter()
        self.workdir.mkdir(parents=True, exist_ok=True)
        for variant in self.variants():
            self.write_variant(variant)
        self.prepared.clear()
        if (self.site_addresses and not printforms.site_root(self.config.handbook_base_url)
                and "pdf-site-address" not in self.silenced()):
            self.handbook_notices.append(
                "conf.py: handbook_base_url is empty: the PDFs give downloads and site pages as their "
                f"path from the site's root (such as {self.language}/_downloads/…), not as a full "
                "address — set handbook_base_url to the site's public address [pdf-site-address]")
        self.handbook_stage_seconds["assemble"] = time.perf_counter() - started

    def silenced(self) -> frozenset[str]:
        """The check ids conf.py's suppress_warnings silences (handbook.check_ids; Sphinx's own
        filter does not see the lines below, which name the id in the text)."""
        return check_ids.suppressed(self.config.suppress_warnings or [])[0]

    def _report(self, problems: list[Problem]) -> None:
        silenced = self.silenced()
        for problem in problems:
            if problem.check in silenced:
                continue
            self.problem_count += 1
            # Sphinx appends "[handbook.<check>]"; the registry adds its fix where the message has none.
            check_ids.log_warning(logger, problem.check, "%s", problem.message,
                                  location=node_location(problem.node), error=True)

    def prepare(self, docname: str) -> tuple[nodes.document, list[Problem]]:
        """The document's doctree made ready for print, and the problems found in it."""
        if docname not in self.prepared:
            tree = self.env.get_and_resolve_doctree(docname, self)
            root = printforms.site_root(self.config.handbook_base_url)
            self.site_addresses += printforms.download_addresses(tree, root, self.language)
            problems = assemble.simplify_for_print(tree, Path(self.srcdir))
            assemble.inline_footnotes(tree)
            typography.apply(tree)  # before the widths: «150 000» tied is one word
            columns.fix_column_widths(tree)
            assemble.prefix_ids(tree, docname)
            assemble.rewrite_links(tree)
            self.site_addresses += printforms.excluded_page_addresses(
                tree, self.config.handbook_pdf_exclude, root, self.language)
            assemble.one_annotation_per_link(tree)
            self.prepared[docname] = tree, problems
        return self.prepared[docname]

    def load_parts(self, docnames: list[str]) -> tuple[list[Part], list[Problem]]:
        parts, problems = [], []
        for docname in docnames:
            tree, found = self.prepare(docname)
            # A copy: variants cut sections out of their trees (editions, handouts).
            parts.append(Part(docname, tree.deepcopy(),
                              "front" if docname == self.config.root_doc else "chapter"))
            problems += found
        return parts, problems

    def book_parts(self, variant: Variant) -> tuple[list[Part], list[Problem]]:
        # The events are printed as one list (the event-list of their index page), not as a
        # short page each: their own pages are left out of the book.
        events = set(getattr(self.env, "handbook_events", {}))
        order = document_order(self.env, self.config.root_doc,
                               set(self.config.handbook_pdf_exclude) | events)
        parts, problems = self.load_parts(order)
        if variant.edition:
            parts.append(self.region_annex(parts, variant))
        return parts, problems

    def region_annex(self, parts: list[Part], variant: Variant) -> Part:
        """Of the regional chapter's region sections, keep only the edition's, moved to an annex."""
        regional = self.config.handbook_pdf_regional_document
        chapter = next((p for p in parts if p.docname == regional), None)
        if chapter is None:
            raise SphinxError(f"conf.py: handbook_pdf_regional_document: no document {regional!r} "
                              "in the handbook — name the chapter with the region sections")
        own = None
        for edition in self.config.handbook_pdf_editions.values():
            section = assemble.find_section(chapter.tree, assemble.global_id(regional, edition["region"]))
            if section is None:
                where = edition.get("where", "conf.py: handbook_pdf_editions")
                raise SphinxError(f"{where}: no section labelled "
                                  f"{edition['region']!r} in {regional} — label it with "
                                  f"({edition['region']})= above its heading")
            if section.parent is not None:
                assemble.detach(section)
            if edition["region"] == variant.region:
                own = section
        title = labels(self.language)["annex"]
        tree = assemble.new_part_tree(self.docsettings, title, "annex-region", [own] if own else [])
        return Part(regional, tree, "annex", anchor="annex-" + variant.edition)

    def handout_parts(self, variant: Variant) -> tuple[list[Part], list[Problem]]:
        docname = variant.handout["document"]
        if docname not in self.env.all_docs:
            raise SphinxError(f"conf.py: handbook_pdf_handouts: no document {docname!r} — "
                              "give a document name such as chapters/11-roadmap")
        (chapter,), problems = self.load_parts([docname])
        sections = []
        for label in variant.handout["sections"]:
            section = assemble.find_section(chapter.tree, assemble.global_id(docname, label))
            if section is None:
                raise SphinxError(f"conf.py: handbook_pdf_handouts: no section {label!r} in "
                                  f"{docname} — use the section's label or its anchor")
            sections.append(assemble.detach(section))
        title = self.env.titles[docname].astext()
        tree = assemble.new_part_tree(self.docsettings, title, assemble.global_id(docname, "handout"),
                                      sections)
        return [Part(docname, tree, "handout")], problems

    def render_body(self, part: Part) -> str:
        part.tree.settings = self.docsettings
        self.current_docname = part.docname
        self.secnumbers, self.fignumbers = {}, {}
        self.imgpath = self.dlpath = ""
        visitor = self.create_translator(part.tree, self)
        part.tree.walkabout(visitor)
        return "".join(visitor.fragment)

    def check_glyphs(self, parts: list[Part], extra: dict[str, str]) -> list[Problem]:
        problems, seen = [], set()
        for part in parts:
            for text in part.tree.findall(nodes.Text):
                for char in fonts.missing_glyphs(str(text)):
                    node = text.parent
                    key = (char, node_location(node))
                    if key not in seen:
                        seen.add(key)
                        problems.append(Problem(node, f"the character {fonts.describe(char)} has no "
                                                "glyph in the PDF fonts — replace it, or bundle a "
                                                "font that has it", "pdf-glyph"))
        for setting, value in extra.items():
            for char in fonts.missing_glyphs(value):
                problems.append(Problem(None, f"conf.py: {setting}: the character "
                                        f"{fonts.describe(char)} has no glyph in the PDF fonts — "
                                        "replace it", "pdf-glyph"))
        return problems

    def cover_context(self, variant: Variant) -> dict[str, Any]:
        lang, source, config = self.language, self.config.handbook_source_language, self.config
        words = labels(lang)
        seminar, event = "", {}
        if variant.edition:
            edition = config.handbook_pdf_editions[variant.edition]
            seminar = localized(edition.get("seminar"), lang, source)
            event = editions.print_context(edition, lang, source)  # date, venue, programme, …
        kind = words["large-print"] if variant.name == "large-print" else words["standard"]
        if variant.kind == "handout":
            kind = words["handout"]
        elif variant.edition:
            kind = words["seminar"]
        partners = config.handbook_pdf_partners
        return {
            "title": config.handbook_titles.get(lang) or config.project,
            "subtitle": localized(config.handbook_pdf_subtitle, lang, source),
            "partners": partners.get(lang) or partners.get("en") or partners.get(source) or [],
            "seminar": seminar,
            "event": event,
            "kind_label": kind,
            "edition": seminar or kind,
            "year": str(config.handbook_pdf_year),
            "labels": words,
            "colophon": colophon.context(config, lang, source_date(self.srcdir)) if variant.kind == "book" else None,
        }

    def write_variant(self, variant: Variant) -> None:
        if variant.kind == "handout":
            parts, problems = self.handout_parts(variant)
        else:
            parts, problems = self.book_parts(variant)
        if "large-print.css" in variant.css:
            largefigures.use_large_figures(parts)  # labels at 14 pt and more, not 9-11
        assemble.unlink_missing(parts)
        assemble.target_headings(parts)
        context = self.cover_context(variant)
        words = context["labels"]
        assemble.page_references(parts, words["quote-open"], words["quote-close"], words["page-abbr"])
        title = context["title"]
        if variant.kind == "handout":
            title = f"{parts[0].tree[0][0].astext()} — {context['title']}"
        extra = {"handbook_titles": context["title"], "handbook_pdf_subtitle": context["subtitle"],
                 "handbook_pdf_partners": " ".join(context["partners"]),
                 "handbook_pdf_editions": " ".join([context["seminar"],
                                                   *editions.printed_texts(context["event"])]),
                 "labels": " ".join(context["labels"].values())}
        problems += self.check_glyphs(parts, extra)
        if problems:
            self._report(problems)
            return
        for part in parts:
            part.body = Markup(self.render_body(part))
            if self.config.handbook_review and part.kind != "annex":
                part.review = progress.review_summary(self.app, part.docname)
        toc = assemble.toc_entries(parts, self.config.handbook_pdf_toc_depth)
        html = self.jinja.get_template("print.html").render(
            lang=hyphenation.html_lang(self.language), title=title, book_title=context["title"],
            author=self.config.author, description=context["subtitle"], date=source_date(self.srcdir),
            variant_class=variant.name, cover=variant.kind == "book", toc=toc if variant.kind == "book" else [],
            parts=parts, **{k: v for k, v in context.items() if k != "title"})
        html = passage_lang.mark_page(self.app, html)  # the TOC's untranslated titles get lang="ru"
        self.preflight_sources[variant.name] = {
            part.anchor: os.path.relpath(self.env.doc2path(part.docname), self.confdir) for part in parts}
        html_path = self.workdir / f"{variant.name}.html"
        html_path.write_text(html, encoding="utf-8")
        shop = self.config.handbook_pdf_print == "shop"
        pdf_path = Path(self.outdir) / variant.filename(self.language, shop)
        self.html_files.append((variant, html_path, pdf_path, title))

    # -- rendering -----------------------------------------------------------------------------

    def allowed_paths(self) -> list[Path]:
        return [self.workdir, Path(self.srcdir), fonts.FONTS_DIR, TEMPLATES,
                *[Path(self.confdir) / p for p in self.config.html_static_path]]

    def finish(self) -> None:
        if self.problem_count:
            return
        Path(self.outdir).mkdir(parents=True, exist_ok=True)
        shop = self.config.handbook_pdf_print == "shop"
        extra_css = [*(["duplex.css"] if self.config.handbook_pdf_duplex else []),
                     *(["shop.css"] if shop else []),
                     *(["review.css"] if self.config.handbook_review else [])]
        for _, _, pdf_path, _ in self.html_files:
            self.staged_path(pdf_path).unlink(missing_ok=True)  # a failed render leaves no old one
        jobs = [render.RenderJob(html_path, self.staged_path(pdf_path), (*variant.css, *extra_css))
                for variant, html_path, pdf_path, _ in self.html_files]
        started = time.perf_counter()
        results = render.render_in_children(jobs, self.allowed_paths(), self.config.handbook_pdf_tagged,
                                            self.config.handbook_pdf_timeout,
                                            self.config.handbook_pdf_processes or os.cpu_count() or 1,
                                            max_image_pixels=self.config.handbook_image_max_pixels)
        self.record_timings(time.perf_counter() - started, results)
        site = Path(self.outdir).parent
        for (variant, html_path, pdf_path, title), result in zip(self.html_files, results, strict=True):
            if not result.ok:
                for message in result.problems:
                    check_ids.log_warning(logger, "pdf-render", "%s: %s", os.path.relpath(pdf_path), message,
                                          error=True)
                continue
            if not self.passes_preflight(variant, pdf_path):
                continue  # not staged: the language's PDFs are not published, the previous ones stay
            logger.info("%s: %d pages", pdf_path.name, result.pages)
            staged = self.staged_path(pdf_path)
            entry = manifest.entry_for(staged, site, self.language, variant.name, title, result.pages,
                                       self.config.handbook_pdf_print, target=pdf_path)
            self.handbook_staged.append((str(staged), asdict(entry)))

    def passes_preflight(self, variant: Variant, pdf_path: Path) -> bool:
        """Run the print preflight (handbook.pdf.preflight) on the PDF just written; report each
        finding at the PDF's page; False if any is an error (a check not listed as pending)."""
        started = time.perf_counter()
        screen_only = self.config.handbook_pdf_screen_only
        if isinstance(screen_only, dict):
            screen_only = screen_only.get(self.language, [])
        placeholders = self.config.handbook_pdf_placeholders
        if isinstance(placeholders, dict):
            placeholders = placeholders.get(self.language, [])
        options = preflight.Options(
            large_print=variant.name == "large-print",
            bundled_families=frozenset(face.family for face in (*fonts.FACES, fonts.SYMBOLS)),
            screen_only=list(screen_only),
            placeholders=list(placeholders),
            build_paths=[str(Path(self.confdir).resolve()), str(Path(self.srcdir).resolve())],
            sources=self.preflight_sources.get(variant.name, {}))
        findings = preflight.preflight(self.staged_path(pdf_path), options)
        pending = set(self.config.handbook_pdf_preflight_pending)
        silenced = self.silenced()  # suppress_warnings = ["handbook.pdf-overlap"]: not reported at all
        shown = os.path.relpath(pdf_path, self.confdir)
        passed = True
        for finding in findings:
            if finding.check in silenced:
                continue
            if finding.check in pending:
                self.handbook_notices.append(finding.line(shown, "warning").replace(
                    f" [{finding.check}]", f" (pending: handbook_pdf_preflight_pending in conf.py) "
                                           f"[{finding.check}]"))
                continue
            passed = False
            where, _, message = finding.line(str(pdf_path)).partition(": error: ")
            # A location without a colon would be taken for a document name ("path::" is one line).
            logger.error("%s", message, location=where if finding.page else where + ":")
        self.handbook_stage_seconds["preflight"] = (self.handbook_stage_seconds.get("preflight", 0.0)
                                                    + time.perf_counter() - started)
        return passed

    def staged_path(self, pdf_path: Path) -> Path:
        """Where a PDF is written before it is put in place: beside its print HTML, outside the site."""
        return self.workdir / pdf_path.name

    def record_timings(self, seconds: float, results: list[render.RenderResult]) -> None:
        """Stage timings of this language's PDFs: WeasyPrint's layout and PDF writing summed over
        the documents, and ``render``, the wall time of rendering them all (children run side by
        side, so it can be less than the sum)."""
        self.handbook_stage_seconds.update({
            "layout": sum(r.layout_seconds for r in results),
            "pdf_write": sum(r.write_seconds for r in results), "render": seconds})
        self.handbook_record = {
            "pages": sum(r.pages for r in results),
            "pdfs": [{"file": job_pdf.name, "pages": r.pages, "layout": round(r.layout_seconds, 3),
                      "pdf_write": round(r.write_seconds, 3)}
                     for (_, _, job_pdf, _), r in zip(self.html_files, results, strict=True)]}
