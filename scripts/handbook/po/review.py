"""``make review LANGS=fi``: a language's site with untranslated and outdated text marked.

The catalogs are copied to ``_build/review/locales/`` with every fuzzy translation wrapped in a
``handbook-fuzzy`` span, and built — HTML into ``_build/review/<lang>/``, the PDF into
``_build/review/<lang>/pdf/`` — with fuzzy translations allowed and Sphinx's translation classes on;
the real catalogs and the real site are not touched.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from handbook.build import BuildResult, format_messages
from handbook.paths import Layout
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


def prepare_catalogs(layout: Layout, lang: str, dest: Path) -> int:
    """Copy one language's catalogs to ``dest/<lang>``, fuzzy ones marked; the number marked."""
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
        if doc in catalog.INTERFACE_CATALOGS:
            shutil.copy2(path, out)
            continue
        try:
            po = catalog.load(path)
        except (OSError, ValueError, UnicodeDecodeError):
            continue  # `make check` reports it; the review shows that document untranslated
        for entry in po:
            if entry.fuzzy and not entry.obsolete and entry.msgstr:
                marked += 1
                entry.msgstr = mark_fuzzy(entry.msgstr, marked)
                sources[str(marked)] = {"document": doc, "source": entry.msgid,
                                        "previous": entry.previous_msgid or ""}
        catalog.write_if_changed(out, po)
    (target.parent / "fuzzy.json").write_text(json.dumps(sources, ensure_ascii=False, indent=1), encoding="utf-8")
    return marked


def build_review(root: str, lang: str, locale_dir: str, outdir: str, doctreedir: str,
                 builder: str = "html") -> BuildResult:
    """One Sphinx build with the review settings (runs in a worker process)."""
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError

    layout = Layout(Path(root))
    result = BuildResult(lang, builder, Path(outdir))
    warnings = io.StringIO()
    overrides = {"language": lang, "handbook_review": True, "locale_dirs": [locale_dir]}
    if builder == PDF_BUILDER:
        overrides["handbook_pdf_build"] = ["standard"]  # one book; editions add nothing to review
    try:
        app = Sphinx(layout.docs, layout.root, outdir, doctreedir, builder, confoverrides=overrides,
                     status=None, warning=warnings, freshenv=True)
        app.build()
        result.ok = app.statuscode == 0
        result.documents = len(app.env.found_docs)
        staged = getattr(app.builder, "handbook_staged", [])
        if result.ok and staged:  # the review PDF, put in place as `make pdf` puts its PDFs
            from handbook.pdf import manifest

            manifest.place(Path(outdir).parent, [(Path(p), manifest.Entry(**e)) for p, e in staged])
    except SphinxError as exc:  # the project's mistake (conf.py, a document): say it, no traceback
        result.ok = False
        warnings.write(f"error: {exc}\n")
    result.messages = format_messages(warnings.getvalue(), layout.root)
    return result


def review_pdf_path(layout: Layout, lang: str) -> Path:
    """Where the review PDF of a language is written."""
    return layout.build / "review" / lang / "pdf" / f"handbook-{lang}.pdf"


def review(layout: Layout, lang: str) -> tuple[list[BuildResult], int, Path]:
    """The review site and the review PDF of one language: their results, the number marked, the site."""
    review_root = layout.build / "review"
    locale_dir = review_root / "locales"
    marked = prepare_catalogs(layout, lang, locale_dir)
    outdir = review_root / lang
    # The PDF builder keeps its print HTML beside the doctrees' parent: here, inside _build/review/.
    jobs = [("html", outdir, review_root / "doctrees" / f"{lang}-html"),
            (PDF_BUILDER, review_pdf_path(layout, lang).parent, review_root / "work" / f"{lang}-pdf")]
    context = multiprocessing.get_context("spawn")
    # Fresh processes: Sphinx keeps the loaded translations in globals. Both at once on two cores.
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        futures = [pool.submit(build_review, str(layout.root), lang, str(locale_dir.resolve()),
                               str(out), str(doctrees), builder) for builder, out, doctrees in jobs]
        results = [future.result() for future in futures]
    return results, marked, outdir
