"""``make review LANGS=fi``: a language's site with untranslated and outdated text marked.

The catalogs are copied to ``_build/review/locales/`` with every fuzzy translation wrapped in a
``handbook-fuzzy`` span, checked and compiled as `make` does, and built — HTML into
``_build/review/<lang>/``, the PDF into ``_build/review/<lang>/pdf/`` — with fuzzy translations
allowed and Sphinx's translation classes on; the real catalogs and the real site are not touched.
"""

from __future__ import annotations

import json
import multiprocessing
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from handbook import atomic, build
from handbook.po import syntax
from handbook.build import BuildResult
from handbook.paths import Layout
from handbook.pdf import manifest
from handbook.po import catalog

FUZZY_CLASS = "handbook-fuzzy"
PDF_BUILDER = "handbookpdf"


def mark_fuzzy(text: str, number: int | None = None) -> str:
    """A fuzzy translation inside a MyST span, so that the page shows it marked; ``number`` names
    its entry in fuzzy.json (sphinxext/review_diff.py shows the source's changes beside it)."""
    if not text.strip():
        return text
    numbered = f" .{FUZZY_CLASS}-{number}" if number is not None else ""
    return f"[{text}]{{.{FUZZY_CLASS}{numbered}}}"


def prepare_catalogs(layout: Layout, lang: str, dest: Path, compiled: Path) -> int:
    """Copy one language's catalogs to ``dest/<lang>``, fuzzy ones marked, and what the review shows
    beside each to ``compiled/<lang>/fuzzy.json`` (where the build looks for its catalogs); the
    number marked."""
    source = layout.locales / lang / "LC_MESSAGES"
    target = dest / lang / "LC_MESSAGES"
    if target.exists():
        shutil.rmtree(target)
    marked = 0
    sources: dict[str, dict[str, str]] = {}  # number → the entry's source text, now and when translated
    for path in catalog.catalogs(source):
        doc = catalog.docname(path, source)
        out = target / f"{doc}.po"
        out.parent.mkdir(parents=True, exist_ok=True)
        # As it is, unless an outdated translation is marked in it: the build then checks the copy
        # as `make` checks the file (a broken one is reported at the same line and shown untranslated).
        shutil.copy2(path, out)
        if doc in catalog.INTERFACE_CATALOGS or syntax.check(path, lang, "")[1] is None:
            continue
        try:
            po = catalog.load(path)
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        fuzzy = [e for e in po if e.fuzzy and not e.obsolete and e.msgstr]
        for entry in fuzzy:
            marked += 1
            entry.msgstr = mark_fuzzy(entry.msgstr, marked)
            sources[str(marked)] = {"document": doc, "source": entry.msgid,
                                    "previous": entry.previous_msgid or ""}
        if fuzzy:
            catalog.write_if_changed(out, po)
    atomic.write_text(compiled / lang / "fuzzy.json", json.dumps(sources, ensure_ascii=False, indent=1))
    return marked


def review_pdf_path(layout: Layout, lang: str) -> Path:
    """Where the review PDF of a language is written."""
    return layout.build / "review" / lang / "pdf" / f"handbook-{lang}.pdf"


def review(layout: Layout, lang: str) -> tuple[list[BuildResult], int, Path]:
    """The review site and the review PDF of one language: their results, the number marked, the site.

    Both are built by the build's own launcher (build.build_language): the marked copies of the
    catalogs are checked and compiled as `make` checks and compiles the real ones, and the build is
    as strict; outdated translations are used, and the translation classes are on."""
    review_root = layout.build / "review"
    locale_dir = review_root / "locales"  # named as the project's: messages name the translator's file
    compiled = review_root / "compiled"
    marked = prepare_catalogs(layout, lang, locale_dir, compiled)
    outdir = review_root / lang
    # The PDF builder keeps its print HTML beside the doctrees' parent: here, inside _build/review/.
    jobs = [("html", outdir, review_root / "doctrees" / f"{lang}-html",
             {"handbook_review": True, "handbook_site_dir": str(review_root)}),
            (PDF_BUILDER, review_pdf_path(layout, lang).parent, review_root / "work" / f"{lang}-pdf",
             # one book; editions add nothing to review
             {"handbook_review": True, "handbook_pdf_build": ["standard"]})]
    context = multiprocessing.get_context("spawn")
    # Fresh processes: Sphinx keeps the loaded translations in globals. Both at once on two cores.
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        futures = [pool.submit(build.build_language, str(layout.root), lang, builder, str(out), str(doctrees),
                               True, True, overrides, str(locale_dir.resolve()), str(compiled.resolve()))
                   for builder, out, doctrees, overrides in jobs]
        results = [future.result() for future in futures]
    for result in results:
        if result.ok and result.staged:  # the review PDF, put in place as `make pdf` puts its PDFs
            manifest.place(result.outdir.parent, [(Path(p), manifest.Entry(**e)) for p, e in result.staged])
    return results, marked, outdir
