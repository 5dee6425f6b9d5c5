"""``make review LANGS=fi``: a language's site with untranslated and outdated text marked.

The catalogs are copied to ``_build/review/locales/`` with every fuzzy translation wrapped in a
``handbook-fuzzy`` span, and built with fuzzy translations allowed and Sphinx's translation
classes on; the real catalogs and the real site are not touched.
"""

from __future__ import annotations

import io
import multiprocessing
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from handbook.build import BuildResult, format_messages
from handbook.paths import Layout
from handbook.po import catalog

FUZZY_CLASS = "handbook-fuzzy"


def mark_fuzzy(text: str) -> str:
    """A fuzzy translation inside a MyST span, so that the page shows it marked."""
    return f"[{text}]{{.{FUZZY_CLASS}}}" if text.strip() else text


def prepare_catalogs(layout: Layout, lang: str, dest: Path) -> int:
    """Copy one language's catalogs to ``dest/<lang>``, fuzzy ones marked; the number marked."""
    source = layout.locales / lang / "LC_MESSAGES"
    target = dest / lang / "LC_MESSAGES"
    if target.exists():
        shutil.rmtree(target)
    marked = 0
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
                entry.msgstr = mark_fuzzy(entry.msgstr)
                marked += 1
        catalog.write_if_changed(out, po)
    return marked


def build_review(root: str, lang: str, locale_dir: str, outdir: str, doctreedir: str) -> BuildResult:
    """One Sphinx HTML build with the review settings (runs in a worker process)."""
    from sphinx.application import Sphinx

    layout = Layout(Path(root))
    result = BuildResult(lang, "html", Path(outdir))
    warnings = io.StringIO()
    overrides = {"language": lang, "handbook_review": True, "locale_dirs": [locale_dir]}
    from sphinx.errors import SphinxError

    try:
        app = Sphinx(layout.docs, layout.root, outdir, doctreedir, "html", confoverrides=overrides,
                     status=None, warning=warnings, freshenv=True)
        app.build()
        result.ok = app.statuscode == 0
        result.documents = len(app.env.found_docs)
    except SphinxError as exc:  # the project's mistake (conf.py, a document): say it, no traceback
        result.ok = False
        warnings.write(f"error: {exc}\n")
    result.messages = format_messages(warnings.getvalue(), layout.root)
    return result


def review_pdf(layout: Layout, lang: str, locale_dir: Path) -> Path | None:
    """The review PDF, with the same marks as the HTML.

    TODO(issue #4): when the PDF builder lands, build it here from the same review catalogs
    (``locale_dir``) with ``handbook_review=True`` and print CSS for ``.untranslated`` and
    ``.handbook-fuzzy`` (the classes this build puts on the text), into
    ``_build/review/<lang>/pdf/``. Until then there is no review PDF.
    """
    return None


def review(layout: Layout, lang: str) -> tuple[BuildResult, int, Path]:
    review_root = layout.build / "review"
    locale_dir = review_root / "locales"
    marked = prepare_catalogs(layout, lang, locale_dir)
    outdir = review_root / lang
    context = multiprocessing.get_context("spawn")
    # A fresh process: Sphinx keeps the loaded translations in globals.
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        result = pool.submit(build_review, str(layout.root), lang, str(locale_dir.resolve()),
                             str(outdir), str(layout.doctrees / f"review-{lang}")).result()
    return result, marked, outdir
